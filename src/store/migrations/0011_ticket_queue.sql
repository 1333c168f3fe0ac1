-- The ticket queue: a ticket goes new → in progress → waiting → resolved → closed (it was
-- open, pending, resolved, closed), and the moment it was first answered is kept beside its
-- opening and resolution, for the response target and the time to first response.
ALTER TABLE ticket ADD COLUMN first_response_at TEXT;

UPDATE ticket SET status = 'new' WHERE status = 'open';
UPDATE ticket SET status = 'waiting' WHERE status = 'pending';

-- The queue's closed column and its medians read tickets by when they were resolved.
CREATE INDEX ticket_resolved_at ON ticket (resolved_at) WHERE deleted_at IS NULL;
