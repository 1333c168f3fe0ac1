-- Partial indexes over live rows in each kind's default list order, so that a list window
-- far down a million rows is found by walking the index alone (no table reads for the rows
-- skipped by OFFSET).

CREATE INDEX contact_live_name ON contact (last_name COLLATE NOCASE, first_name COLLATE NOCASE)
    WHERE deleted_at IS NULL;
CREATE INDEX company_live_name ON company (name COLLATE NOCASE) WHERE deleted_at IS NULL;
CREATE INDEX deal_live_close ON deal (expected_close) WHERE deleted_at IS NULL;
CREATE INDEX activity_live_when ON activity (occurred_at) WHERE deleted_at IS NULL;
CREATE INDEX orders_live_date ON orders (ordered_on) WHERE deleted_at IS NULL;
CREATE INDEX ticket_live_opened ON ticket (opened_at) WHERE deleted_at IS NULL;
CREATE INDEX product_live_name ON product (name COLLATE NOCASE) WHERE deleted_at IS NULL;
CREATE INDEX feedback_live_received ON feedback (received_at) WHERE deleted_at IS NULL;
CREATE INDEX campaign_member_live_responded ON campaign_member (responded_at)
    WHERE deleted_at IS NULL;
CREATE INDEX order_line_live_description ON order_line (description COLLATE NOCASE)
    WHERE deleted_at IS NULL;
CREATE INDEX relationship_live_started ON relationship (started_on) WHERE deleted_at IS NULL;
CREATE INDEX campaign_live_starts ON campaign (starts_on) WHERE deleted_at IS NULL;
