-- Values an import kept as written for the user to review: a phone that is not valid in its
-- row's country, a birthday Kith cannot read, a second email in one cell. The record was
-- imported; the value is here exactly as the file had it, with the reason, so nothing is lost
-- and a later re-clean (after the user sets a country or a date format) can read it. One entry
-- per record and field; an entry goes when its field is cleaned or edited.
CREATE TABLE field_review (
    kind       TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    field      TEXT NOT NULL,
    raw        TEXT NOT NULL,
    reason     TEXT NOT NULL,
    -- The import batch that kept it (undo removes its entries).
    batch_id   TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (record_id, field)
) STRICT, WITHOUT ROWID;
CREATE INDEX field_review_kind ON field_review (kind, record_id);
CREATE INDEX field_review_batch ON field_review (batch_id);

-- Rows an import wrote with values to review (part of created + updated + merged).
ALTER TABLE import_batch ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0;
