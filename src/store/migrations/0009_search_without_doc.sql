-- Search without `search_doc` (see src/store/search.rs): a full-text row's rowid is its
-- record's rowid times four plus the kind's place among the searchable kinds, and the `name`
-- column holds the folded title between markers. The table of titles and keys goes; the
-- index is emptied here and rebuilt from the records when the store next opens (the `meta`
-- key below), in a write of its own.
DROP TABLE search_doc;
INSERT INTO search_fts (search_fts) VALUES ('delete-all');
INSERT INTO meta (key, value) VALUES ('search_rebuild', '1')
    ON CONFLICT (key) DO UPDATE SET value = excluded.value;
