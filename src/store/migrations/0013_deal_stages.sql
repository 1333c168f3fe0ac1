-- The deal stages as the workspace sets them up (src/store/stages.rs): the six keys stay,
-- each with a name of the user's (NULL: the default name), a place in the pipeline, the
-- probability a deal takes on entering it, and whether it is in use.
CREATE TABLE pipeline_stage (
    key TEXT PRIMARY KEY,
    label TEXT,
    position INTEGER NOT NULL,
    probability INTEGER NOT NULL CHECK (probability BETWEEN 0 AND 100),
    active INTEGER NOT NULL DEFAULT 1
) WITHOUT ROWID;

INSERT INTO pipeline_stage (key, position, probability) VALUES
    ('lead', 0, 10),
    ('qualified', 1, 25),
    ('proposal', 2, 50),
    ('negotiation', 3, 75),
    ('won', 4, 100),
    ('lost', 5, 0);
