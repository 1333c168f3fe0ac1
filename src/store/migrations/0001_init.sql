-- Kith schema, version 1. Released migrations are append-only: never edit this file,
-- add 0002_*.sql instead.
--
-- Every synced row carries: id (UUIDv7 text), created_at (UTC RFC 3339), updated_at (hybrid
-- logical clock), updated_by (device id) and deleted_at (tombstone; rows are never DELETEd).

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE company (
    id         TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT,
    name TEXT NOT NULL,
    industry TEXT,
    domain TEXT,
    email TEXT,
    phone TEXT,
    website TEXT,
    address TEXT,
    city TEXT,
    country TEXT,
    employees INTEGER,
    notes TEXT
);
CREATE INDEX company_name ON company (name COLLATE NOCASE);

CREATE TABLE contact (
    id         TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT,
    first_name TEXT,
    last_name TEXT,
    email TEXT,
    phone TEXT,
    company_id TEXT REFERENCES company(id),
    job_title TEXT,
    city TEXT,
    country TEXT,
    address TEXT,
    website TEXT,
    birthday TEXT,
    source TEXT,
    notes TEXT
);
CREATE INDEX contact_last_name ON contact (last_name COLLATE NOCASE, first_name COLLATE NOCASE);
CREATE INDEX contact_email ON contact (email);
CREATE INDEX contact_phone ON contact (phone);
CREATE INDEX contact_company_id ON contact (company_id);

CREATE TABLE relationship (
    id         TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT,
    contact_id TEXT NOT NULL REFERENCES contact(id),
    kind TEXT,
    other_contact_id TEXT REFERENCES contact(id),
    company_id TEXT REFERENCES company(id),
    started_on TEXT,
    ended_on TEXT,
    notes TEXT
);
CREATE INDEX relationship_contact_id ON relationship (contact_id);
CREATE INDEX relationship_other_contact_id ON relationship (other_contact_id);
CREATE INDEX relationship_company_id ON relationship (company_id);

CREATE TABLE deal (
    id         TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT,
    title TEXT NOT NULL,
    contact_id TEXT REFERENCES contact(id),
    company_id TEXT REFERENCES company(id),
    stage TEXT NOT NULL,
    probability INTEGER,
    value INTEGER,
    currency TEXT,
    expected_close TEXT,
    closed_on TEXT,
    lost_reason TEXT,
    source TEXT,
    notes TEXT
);
CREATE INDEX deal_contact_id ON deal (contact_id);
CREATE INDEX deal_company_id ON deal (company_id);
CREATE INDEX deal_stage ON deal (stage);
CREATE INDEX deal_expected_close ON deal (expected_close);

CREATE TABLE orders (
    id         TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT,
    number TEXT NOT NULL,
    contact_id TEXT REFERENCES contact(id),
    company_id TEXT REFERENCES company(id),
    ordered_on TEXT NOT NULL,
    status TEXT,
    total INTEGER,
    currency TEXT,
    channel TEXT,
    notes TEXT
);
CREATE INDEX orders_contact_id ON orders (contact_id);
CREATE INDEX orders_company_id ON orders (company_id);
CREATE INDEX orders_ordered_on ON orders (ordered_on);

CREATE TABLE ticket (
    id         TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT,
    subject TEXT NOT NULL,
    description TEXT,
    contact_id TEXT REFERENCES contact(id),
    company_id TEXT REFERENCES company(id),
    order_id TEXT REFERENCES orders(id),
    status TEXT NOT NULL,
    priority TEXT,
    category TEXT,
    opened_at TEXT,
    resolved_at TEXT,
    follow_up_on TEXT
);
CREATE INDEX ticket_contact_id ON ticket (contact_id);
CREATE INDEX ticket_company_id ON ticket (company_id);
CREATE INDEX ticket_status ON ticket (status);
CREATE INDEX ticket_opened_at ON ticket (opened_at);

CREATE TABLE activity (
    id         TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT,
    contact_id TEXT REFERENCES contact(id),
    company_id TEXT REFERENCES company(id),
    deal_id TEXT REFERENCES deal(id),
    ticket_id TEXT REFERENCES ticket(id),
    occurred_at TEXT,
    due_on TEXT,
    done INTEGER
);
CREATE INDEX activity_contact_id ON activity (contact_id);
CREATE INDEX activity_company_id ON activity (company_id);
CREATE INDEX activity_deal_id ON activity (deal_id);
CREATE INDEX activity_ticket_id ON activity (ticket_id);
CREATE INDEX activity_occurred_at ON activity (occurred_at);
CREATE INDEX activity_due_on ON activity (due_on);

CREATE TABLE product (
    id         TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT,
    name TEXT NOT NULL,
    sku TEXT,
    price INTEGER,
    currency TEXT,
    category TEXT,
    active INTEGER,
    description TEXT
);
CREATE INDEX product_name ON product (name COLLATE NOCASE);

CREATE TABLE order_line (
    id         TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT,
    order_id TEXT NOT NULL REFERENCES orders(id),
    product_id TEXT REFERENCES product(id),
    description TEXT NOT NULL,
    quantity REAL,
    unit_price INTEGER,
    amount INTEGER
);
CREATE INDEX order_line_order_id ON order_line (order_id);
CREATE INDEX order_line_product_id ON order_line (product_id);

CREATE TABLE campaign (
    id         TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT,
    name TEXT NOT NULL,
    channel TEXT,
    status TEXT,
    starts_on TEXT,
    ends_on TEXT,
    budget INTEGER,
    currency TEXT,
    notes TEXT
);
CREATE INDEX campaign_starts_on ON campaign (starts_on);

CREATE TABLE campaign_member (
    id         TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT,
    campaign_id TEXT NOT NULL REFERENCES campaign(id),
    contact_id TEXT NOT NULL REFERENCES contact(id),
    status TEXT,
    responded_at TEXT,
    response TEXT
);
CREATE INDEX campaign_member_campaign_id ON campaign_member (campaign_id);
CREATE INDEX campaign_member_contact_id ON campaign_member (contact_id);

CREATE TABLE feedback (
    id         TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT,
    contact_id TEXT REFERENCES contact(id),
    ticket_id TEXT REFERENCES ticket(id),
    order_id TEXT REFERENCES orders(id),
    rating INTEGER,
    nps INTEGER,
    comment TEXT,
    channel TEXT,
    received_at TEXT
);
CREATE INDEX feedback_contact_id ON feedback (contact_id);
CREATE INDEX feedback_ticket_id ON feedback (ticket_id);
CREATE INDEX feedback_order_id ON feedback (order_id);
CREATE INDEX feedback_received_at ON feedback (received_at);

-- Tags and their assignments to records of any kind.
CREATE TABLE tag (
    id         TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT,
    name       TEXT NOT NULL
);
CREATE UNIQUE INDEX tag_name ON tag (name COLLATE NOCASE) WHERE deleted_at IS NULL;

CREATE TABLE tagging (
    id          TEXT PRIMARY KEY NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  TEXT,
    tag_id      TEXT NOT NULL REFERENCES tag(id),
    entity_kind TEXT NOT NULL,
    entity_id   TEXT NOT NULL
);
CREATE UNIQUE INDEX tagging_live ON tagging (entity_id, tag_id) WHERE deleted_at IS NULL;
CREATE INDEX tagging_tag ON tagging (tag_id);

-- Custom fields per entity kind (spreadsheet columns that map to nothing land here).
CREATE TABLE custom_field (
    id          TEXT PRIMARY KEY NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  TEXT,
    entity_kind TEXT NOT NULL,
    name        TEXT NOT NULL,
    field_type  TEXT NOT NULL DEFAULT 'text'
);
CREATE UNIQUE INDEX custom_field_name ON custom_field (entity_kind, name COLLATE NOCASE)
    WHERE deleted_at IS NULL;

CREATE TABLE custom_value (
    id         TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT,
    field_id   TEXT NOT NULL REFERENCES custom_field(id),
    entity_id  TEXT NOT NULL,
    value      TEXT NOT NULL
);
CREATE UNIQUE INDEX custom_value_live ON custom_value (entity_id, field_id) WHERE deleted_at IS NULL;

-- Every write, field by field. `old` and `new` have no declared type so values keep theirs.
CREATE TABLE change_log (
    seq       INTEGER PRIMARY KEY,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field     TEXT NOT NULL,
    old,
    new,
    clock     TEXT NOT NULL,
    at        TEXT NOT NULL,
    device    TEXT NOT NULL,
    origin    TEXT NOT NULL
);
CREATE INDEX change_log_entity ON change_log (entity_id, seq);
CREATE INDEX change_log_origin ON change_log (origin);

-- Search: one document per searchable record (contacts, companies, deals, notes).
-- `search_doc.rowid` is the FTS rowid. `name_key` is the folded title for prefix lookups.
CREATE TABLE search_doc (
    rowid     INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL,
    entity_id TEXT NOT NULL UNIQUE,
    title     TEXT NOT NULL,
    subtitle  TEXT NOT NULL,
    name_key  TEXT NOT NULL
);
CREATE INDEX search_doc_name_key ON search_doc (name_key);

-- Trigram index: any substring of 3+ characters. The `short` column holds 1- and 2-character
-- grams (CJK characters and pairs, word prefixes) padded to 3 with U+E000 so that short
-- queries are a single trigram lookup too.
CREATE VIRTUAL TABLE search_fts USING fts5 (
    name, email, phone, company, body, short,
    content = '',
    contentless_delete = 1,
    tokenize = 'trigram remove_diacritics 1'
);
