-- Import speed: fewer indexes to keep up, and a small one for the fuzzy name match.

-- A row with an email can only be a similar-named contact that has no email (one with the
-- same email is found by it; one with another email is another person). Most contacts have
-- an email, so this partial index is small, and a big company's many namesakes with emails
-- are never read for a row that has one.
CREATE INDEX contact_live_no_email_name
    ON contact (company_id, last_name COLLATE NOCASE, first_name COLLATE NOCASE)
    WHERE deleted_at IS NULL AND email IS NULL;

-- orders_live_number (0006) answers every lookup by number (all of them ask for live rows).
DROP INDEX orders_number;

-- Most contacts have no customer number: index only those that have one (a lookup by number
-- implies it is not null, so the planner still uses the index).
DROP INDEX contact_live_customer_no;
CREATE INDEX contact_live_customer_no ON contact (customer_no)
    WHERE deleted_at IS NULL AND customer_no IS NOT NULL;

-- The file's column a value kept for review came from, shown beside it.
ALTER TABLE field_review ADD COLUMN source_column TEXT;
