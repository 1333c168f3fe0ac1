-- Lists saved as named views (src/store/views.rs): a kind, a name, and the list's filters,
-- order and text as JSON. Synced like every row: an id, a clock, a tombstone.
CREATE TABLE saved_view (
    id         TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT,
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL,
    query      TEXT NOT NULL
);
CREATE UNIQUE INDEX saved_view_name ON saved_view (kind, name COLLATE NOCASE)
    WHERE deleted_at IS NULL;
