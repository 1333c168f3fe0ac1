-- Purchase logs: a shop's order history names its customers by a customer number and has
-- one row per purchase, with a quantity but no order lines.

-- A contact's number in the shop's own system (`C-1001`, `00004`, 客户编号), as written.
-- Order imports link rows to contacts by it.
ALTER TABLE contact ADD COLUMN customer_no TEXT;
CREATE INDEX contact_live_customer_no ON contact (customer_no) WHERE deleted_at IS NULL;

-- How many items an order has, for orders without lines.
ALTER TABLE orders ADD COLUMN quantity REAL;

-- Imports match orders by number (a re-imported log finds its orders again).
CREATE INDEX orders_live_number ON orders (number) WHERE deleted_at IS NULL;
