-- A deal or an order can name the campaign that brought it (a chosen attribution). Orders
-- without one may still count for a campaign by the member's first purchase in its window;
-- the campaigns module decides that, not the schema.
ALTER TABLE deal ADD COLUMN campaign_id TEXT REFERENCES campaign(id);
ALTER TABLE orders ADD COLUMN campaign_id TEXT REFERENCES campaign(id);

-- A campaign's report reads its chosen orders and deals from these, however many there are.
CREATE INDEX deal_campaign_id ON deal (campaign_id) WHERE campaign_id IS NOT NULL;
CREATE INDEX orders_campaign_id ON orders (campaign_id) WHERE campaign_id IS NOT NULL;
