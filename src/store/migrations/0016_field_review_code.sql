-- Why a value was kept for review, as a code (`KeptReason`, JSON) beside its English reason, so
-- the window can say it in the user's language. Values kept before have no code: their stored
-- English reason is shown as it is.
ALTER TABLE field_review ADD COLUMN code TEXT;
