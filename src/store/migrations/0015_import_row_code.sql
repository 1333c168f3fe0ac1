-- Why a skipped or rejected import row ended so, as a code the window says in its language
-- (RowReason in src/store/batch.rs, as JSON). Rows kept before this have none: the window
-- shows their English reason as stored.
ALTER TABLE import_row ADD COLUMN code TEXT;
