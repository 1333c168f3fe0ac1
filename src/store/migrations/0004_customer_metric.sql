-- Derived figures per customer (contact), recomputed from the records by the analytics: RFM
-- scores and segment, k-means cluster, lifetime value, lead score (the best of the contact's
-- open deals). A cache, not user data: never synced,
-- never in the change log, and rebuilt whenever the analytics run. A column is NULL until the
-- analysis that fills it has run (or when it could not value the customer).
CREATE TABLE customer_metric (
    contact_id   TEXT PRIMARY KEY NOT NULL,
    rfm_as_of    TEXT,
    recency_days INTEGER,
    orders       INTEGER,
    spend        INTEGER,
    r            INTEGER,
    f            INTEGER,
    m            INTEGER,
    rfm_segment  TEXT,
    cluster      TEXT,
    clv_as_of    TEXT,
    p_alive      REAL,
    clv_90       REAL,
    clv_365      REAL,
    scores_as_of TEXT,
    lead_score   INTEGER
) STRICT, WITHOUT ROWID;
CREATE INDEX customer_metric_rfm_segment ON customer_metric (rfm_segment);
-- The R×F heat map counts customers per score pair, and the lifetime-value histogram reads
-- its values, from these indexes alone.
CREATE INDEX customer_metric_rf ON customer_metric (r, f);
CREATE INDEX customer_metric_clv ON customer_metric (clv_365) WHERE clv_365 IS NOT NULL;
CREATE INDEX customer_metric_cluster ON customer_metric (cluster);
CREATE INDEX customer_metric_lead_score ON customer_metric (lead_score)
    WHERE lead_score IS NOT NULL;

-- Every open deal's lead score (0–100) with the factors that moved it (JSON), as the last
-- run of the scores computed them. Derived like customer_metric: not logged, not synced.
CREATE TABLE deal_score (
    deal_id    TEXT PRIMARY KEY NOT NULL,
    contact_id TEXT,
    as_of      TEXT NOT NULL,
    score      INTEGER NOT NULL,
    detail     TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- The last run of each analysis (`rfm`, `segments`, `clv`, `scores`): when, as of which day, and its
-- JSON report (models, clusters, notes) so the app can explain the figures without rerunning.
CREATE TABLE analytics_run (
    name        TEXT PRIMARY KEY NOT NULL,
    computed_at TEXT NOT NULL,
    as_of       TEXT NOT NULL,
    report      TEXT NOT NULL
) STRICT;

-- Revenue by month reads date, status and total of every live order from this index alone
-- (a dashboard chart over a million orders must not read the table). It also serves the
-- orders list's date order, so the narrower indexes on the date go (with the full one left,
-- the planner preferred it and read a million rows of the table for the chart).
CREATE INDEX orders_live_sales ON orders (ordered_on, status, total) WHERE deleted_at IS NULL;
DROP INDEX orders_live_date;
DROP INDEX orders_ordered_on;

-- Orders summed by month and status, kept by triggers in the same transaction as every order
-- write: revenue by month reads a few dozen rows instead of a million orders. A cache of
-- the orders (like the search index): never logged, never synced. `status` is '' for none.
CREATE TABLE order_month (
    month  TEXT NOT NULL,
    status TEXT NOT NULL,
    orders INTEGER NOT NULL,
    total  INTEGER NOT NULL,
    PRIMARY KEY (month, status)
) STRICT, WITHOUT ROWID;
INSERT INTO order_month (month, status, orders, total)
    SELECT substr(ordered_on, 1, 7), coalesce(status, ''), count(*), coalesce(sum(total), 0)
    FROM orders WHERE deleted_at IS NULL GROUP BY 1, 2;
CREATE TRIGGER order_month_insert AFTER INSERT ON orders WHEN NEW.deleted_at IS NULL
BEGIN
    INSERT INTO order_month (month, status, orders, total)
    VALUES (substr(NEW.ordered_on, 1, 7), coalesce(NEW.status, ''), 1, coalesce(NEW.total, 0))
    ON CONFLICT (month, status) DO UPDATE
        SET orders = orders + 1, total = total + excluded.total;
END;
CREATE TRIGGER order_month_update AFTER UPDATE OF ordered_on, status, total, deleted_at ON orders
BEGIN
    UPDATE order_month SET orders = orders - 1, total = total - coalesce(OLD.total, 0)
    WHERE OLD.deleted_at IS NULL
      AND month = substr(OLD.ordered_on, 1, 7) AND status = coalesce(OLD.status, '');
    INSERT INTO order_month (month, status, orders, total)
    SELECT substr(NEW.ordered_on, 1, 7), coalesce(NEW.status, ''), 1, coalesce(NEW.total, 0)
    WHERE NEW.deleted_at IS NULL
    ON CONFLICT (month, status) DO UPDATE
        SET orders = orders + 1, total = total + excluded.total;
END;
CREATE TRIGGER order_month_delete AFTER DELETE ON orders WHEN OLD.deleted_at IS NULL
BEGIN
    UPDATE order_month SET orders = orders - 1, total = total - coalesce(OLD.total, 0)
    WHERE month = substr(OLD.ordered_on, 1, 7) AND status = coalesce(OLD.status, '');
END;

-- Customers by place (the dashboard's map of where customers are) counts from this index.
CREATE INDEX contact_live_place
    ON contact (coalesce(nullif(trim(city), ''), nullif(trim(country), ''), '(unknown)'))
    WHERE deleted_at IS NULL;
