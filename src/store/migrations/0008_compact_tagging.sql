-- Taggings keyed by what they are: one row per record and tag, revived when a removed tag is
-- added again (instead of a new row beside the tombstone). The table is its own index on
-- (entity_id, tag_id), so adding a tag writes two B-tree entries (the row and the live-by-tag
-- index) instead of four (the row, its id, the live pair and the tag); two devices that tag
-- the same record with the same tag hold the same row. The pair is the row's identity (no id
-- of its own), and `updated_at` its clock, as on every synced row.
CREATE TABLE tagging_keyed (
    entity_id   TEXT NOT NULL,
    tag_id      TEXT NOT NULL REFERENCES tag(id),
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  TEXT,
    entity_kind TEXT NOT NULL,
    PRIMARY KEY (entity_id, tag_id)
) WITHOUT ROWID;

-- Each pair's live row if it has one, else its latest tombstone.
INSERT INTO tagging_keyed (entity_id, tag_id, updated_at, updated_by, deleted_at, entity_kind)
SELECT entity_id, tag_id, updated_at, updated_by, deleted_at, entity_kind
FROM (
    SELECT *, row_number() OVER (
        PARTITION BY entity_id, tag_id
        ORDER BY deleted_at IS NULL DESC, updated_at DESC, rowid DESC
    ) AS n
    FROM tagging
)
WHERE n = 1;

DROP TABLE tagging;
ALTER TABLE tagging_keyed RENAME TO tagging;

-- The records carrying a tag, and the count per tag, from this index alone.
CREATE INDEX tagging_live_tag ON tagging (tag_id) WHERE deleted_at IS NULL;
