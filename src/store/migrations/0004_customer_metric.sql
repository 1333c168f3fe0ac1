-- Derived figures per customer (contact), recomputed from the records by the analytics: RFM
-- scores and segment, k-means cluster, lifetime value. A cache, not user data: never synced,
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
    clv_365      REAL
) STRICT, WITHOUT ROWID;
CREATE INDEX customer_metric_rfm_segment ON customer_metric (rfm_segment);
CREATE INDEX customer_metric_cluster ON customer_metric (cluster);

-- The last run of each analysis (`rfm`, `segments`, `clv`): when, as of which day, and its
-- JSON report (models, clusters, notes) so the app can explain the figures without rerunning.
CREATE TABLE analytics_run (
    name        TEXT PRIMARY KEY NOT NULL,
    computed_at TEXT NOT NULL,
    as_of       TEXT NOT NULL,
    report      TEXT NOT NULL
) STRICT;

-- Revenue by month reads date, status and total of every live order from this index alone
-- (a dashboard chart over a million orders must not read the table). It also serves the
-- orders list's date order, so the narrower index it replaces goes.
CREATE INDEX orders_live_sales ON orders (ordered_on, status, total) WHERE deleted_at IS NULL;
DROP INDEX orders_live_date;
