-- Tasks (activities of kind `task`) get a due time (`HH:MM`, the wall clock of the day they
-- are due) and a priority (low, normal, high; none reads as normal).
ALTER TABLE activity ADD COLUMN due_time TEXT;
ALTER TABLE activity ADD COLUMN priority TEXT;

-- Today reads the open tasks by due day from this index alone, however many activities
-- there are: live tasks not done, by day and time.
CREATE INDEX activity_open_tasks ON activity (due_on, due_time)
    WHERE kind = 'task' AND deleted_at IS NULL AND coalesce(done, 0) = 0;

-- Today looks for valuable customers slipping away among the biggest spenders who bought more
-- than once: read from this index, not by sorting every customer.
CREATE INDEX customer_metric_repeat_spend ON customer_metric (spend) WHERE orders >= 2;
