-- Imports: each import is a batch whose writes carry the origin `import:<batch id>` in the
-- change log, so it can be undone. Rows that were skipped or rejected keep their original
-- cells and the reason here, so they can be saved as a CSV, fixed and imported again.

CREATE TABLE import_batch (
    id          TEXT PRIMARY KEY NOT NULL,
    kind        TEXT NOT NULL,
    file        TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    -- 'done' or 'undone'. A cancelled or failed import rolls back and leaves no batch.
    status      TEXT NOT NULL,
    rows        INTEGER NOT NULL DEFAULT 0,
    created     INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    merged      INTEGER NOT NULL DEFAULT 0,
    skipped     INTEGER NOT NULL DEFAULT 0,
    rejected    INTEGER NOT NULL DEFAULT 0,
    -- JSON: headers, encoding, delimiter, header row, mapping and options.
    details     TEXT NOT NULL DEFAULT '{}',
    undone_at   TEXT
) STRICT;

CREATE TABLE import_row (
    batch_id TEXT NOT NULL REFERENCES import_batch(id),
    line     INTEGER NOT NULL,
    outcome  TEXT NOT NULL,
    reason   TEXT NOT NULL,
    -- JSON array of the row's original cells.
    cells    TEXT NOT NULL,
    PRIMARY KEY (batch_id, line)
) STRICT, WITHOUT ROWID;

-- Column mappings the user saved, by kind and name (JSON header → target).
CREATE TABLE import_mapping (
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL,
    columns    TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (kind, name)
) STRICT;

-- Duplicate matching looks contacts and companies up by these: people with the same last
-- name at the same company (or both without one) are the candidates for a fuzzy name match.
CREATE INDEX contact_live_company_name
    ON contact (company_id, last_name COLLATE NOCASE, first_name COLLATE NOCASE)
    WHERE deleted_at IS NULL;
-- Covered by the partial indexes over live rows (contact_live_name from 0002 and the one
-- above); every write pays for an index, so the redundant ones go.
DROP INDEX contact_last_name;
DROP INDEX contact_company_id;
CREATE INDEX company_live_domain ON company (domain) WHERE deleted_at IS NULL;
CREATE INDEX orders_number ON orders (number);

-- Full-text index: keep up to 32 MB of pending terms in memory before writing a segment
-- (the default is 1 MB), so a large import writes fewer, larger segments and merges less.
INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', 33554432);

-- The change log's write header (clock, wall time, device, origin) is stored once per write in
-- `change_set` instead of on every changed field: a 1,000,000-row import no longer repeats
-- ~120 bytes (and an index entry on the origin) per row.
CREATE TABLE change_set (
    id     INTEGER PRIMARY KEY,
    clock  TEXT NOT NULL,
    at     TEXT NOT NULL,
    device TEXT NOT NULL,
    origin TEXT NOT NULL
);
INSERT INTO change_set (clock, at, device, origin)
    SELECT clock, at, device, origin FROM change_log
    GROUP BY clock, at, device, origin ORDER BY min(seq);
CREATE INDEX change_set_key ON change_set (clock, at, device, origin);
CREATE TABLE change_log_v3 (
    seq       INTEGER PRIMARY KEY,
    set_id    INTEGER NOT NULL REFERENCES change_set(id),
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field     TEXT NOT NULL,
    old,
    new
);
INSERT INTO change_log_v3 (seq, set_id, entity, entity_id, field, old, new)
    SELECT l.seq, s.id, l.entity, l.entity_id, l.field, l.old, l.new
    FROM change_log l JOIN change_set s
      ON s.clock = l.clock AND s.at = l.at AND s.device = l.device AND s.origin = l.origin
    ORDER BY l.seq;
DROP TABLE change_log;
ALTER TABLE change_log_v3 RENAME TO change_log;
DROP INDEX change_set_key;
CREATE INDEX change_set_origin ON change_set (origin);
CREATE INDEX change_log_entity ON change_log (entity_id, seq);
CREATE INDEX change_log_set ON change_log (set_id);
