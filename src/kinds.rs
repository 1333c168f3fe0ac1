//! The definition of every entity kind: table, fields, title and default sort.
//!
//! Invariant: this file and `src/store/migrations/*.sql` agree — every field here is a column
//! of its table (a test in `tests/it/schema.rs` checks it against the migrated database).

use crate::model::{FieldDef, FieldType, Kind, KindDef};

const fn field(name: &'static str, label: &'static str, ty: FieldType) -> FieldDef {
    FieldDef {
        name,
        label,
        ty,
        required: false,
        choices: &[],
        ref_kind: None,
        range: None,
        in_list: false,
        year_optional: false,
    }
}

const fn text(name: &'static str, label: &'static str) -> FieldDef {
    field(name, label, FieldType::Text)
}

const fn long(name: &'static str, label: &'static str) -> FieldDef {
    field(name, label, FieldType::LongText)
}

const fn date(name: &'static str, label: &'static str) -> FieldDef {
    field(name, label, FieldType::Date)
}

/// A date that may be known without its year: a birthday, an anniversary.
const fn anniversary(name: &'static str, label: &'static str) -> FieldDef {
    FieldDef {
        year_optional: true,
        ..field(name, label, FieldType::Date)
    }
}

const fn money(name: &'static str, label: &'static str) -> FieldDef {
    field(name, label, FieldType::Money)
}

const fn choice(
    name: &'static str,
    label: &'static str,
    choices: &'static [&'static str],
) -> FieldDef {
    FieldDef {
        choices,
        ..field(name, label, FieldType::Choice)
    }
}

const fn reference(name: &'static str, label: &'static str, kind: Kind) -> FieldDef {
    FieldDef {
        ref_kind: Some(kind),
        ..field(name, label, FieldType::Ref)
    }
}

const fn int(name: &'static str, label: &'static str, lo: i64, hi: i64) -> FieldDef {
    FieldDef {
        range: Some((lo, hi)),
        ..field(name, label, FieldType::Integer)
    }
}

const fn required(f: FieldDef) -> FieldDef {
    FieldDef {
        required: true,
        ..f
    }
}

const fn listed(f: FieldDef) -> FieldDef {
    FieldDef { in_list: true, ..f }
}

/// Deal stages in pipeline order with their default win probability (percent).
pub const DEAL_STAGES: [(&str, i64); 6] = [
    ("lead", 10),
    ("qualified", 25),
    ("proposal", 50),
    ("negotiation", 75),
    ("won", 100),
    ("lost", 0),
];

/// A ticket's way through the queue, in order: new (nobody has answered yet), in progress,
/// waiting (on the customer or someone else), resolved, closed.
pub const TICKET_STATUSES: [&str; 5] = ["new", "in_progress", "waiting", "resolved", "closed"];

/// Whether a ticket at this status is still to be dealt with (new, in progress or waiting).
pub fn ticket_is_open(status: &str) -> bool {
    matches!(status, "new" | "in_progress" | "waiting")
}

/// The service targets of a ticket priority, in hours from its opening: by when someone should
/// first answer it, and by when it should be resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TicketTarget {
    /// The priority (`urgent`, `high`, `normal`, `low`).
    pub priority: &'static str,
    /// Hours to the first response.
    pub response_hours: i64,
    /// Hours to the resolution.
    pub resolution_hours: i64,
}

/// The targets by priority, most urgent first: urgent answered in 1 hour and resolved in 4,
/// high 4 and 24 (a day), normal 8 and 72 (three days), low 24 and 168 (a week).
pub const TICKET_TARGETS: [TicketTarget; 4] = [
    TicketTarget {
        priority: "urgent",
        response_hours: 1,
        resolution_hours: 4,
    },
    TicketTarget {
        priority: "high",
        response_hours: 4,
        resolution_hours: 24,
    },
    TicketTarget {
        priority: "normal",
        response_hours: 8,
        resolution_hours: 72,
    },
    TicketTarget {
        priority: "low",
        response_hours: 24,
        resolution_hours: 168,
    },
];

/// The targets of a ticket's priority (none set, or one not known, counts as normal).
pub fn ticket_target(priority: Option<&str>) -> TicketTarget {
    let wanted = priority.unwrap_or("normal");
    TICKET_TARGETS
        .iter()
        .find(|t| t.priority == wanted)
        .copied()
        .unwrap_or(TICKET_TARGETS[2])
}

const STAGE_NAMES: &[&str] = &[
    "lead",
    "qualified",
    "proposal",
    "negotiation",
    "won",
    "lost",
];

/// How urgent a task is, least first (no priority is `normal`).
pub const TASK_PRIORITIES: [&str; 3] = ["low", "normal", "high"];

/// The statuses an order moves through.
pub const ORDER_STATUSES: [&str; 7] = [
    "draft",
    "placed",
    "paid",
    "shipped",
    "delivered",
    "cancelled",
    "refunded",
];

/// How far a contact got in a campaign, from first touch to conversion (or opting out).
pub const MEMBER_STATUSES: [&str; 7] = [
    "invited",
    "sent",
    "opened",
    "clicked",
    "responded",
    "converted",
    "unsubscribed",
];

/// Currencies Kith knows by code.
pub const CURRENCIES: &[&str] = &[
    "USD", "EUR", "CNY", "GBP", "JPY", "HKD", "TWD", "CHF", "CAD", "AUD", "SGD", "KRW", "INR",
    "SEK", "NOK", "DKK", "PLN", "CZK", "BRL", "MXN",
];

static CONTACT: KindDef = KindDef {
    kind: Kind::Contact,
    table: "contact",
    label: "Contact",
    plural: "Contacts",
    plural_key: "contacts",
    fields: &[
        listed(text("first_name", "First name")),
        listed(text("last_name", "Last name")),
        listed(field("email", "Email", FieldType::Email)),
        listed(field("phone", "Phone", FieldType::Phone)),
        listed(reference("company_id", "Company", Kind::Company)),
        text("job_title", "Job title"),
        listed(text("city", "City")),
        text("country", "Country"),
        long("address", "Address"),
        field("website", "Website", FieldType::Url),
        anniversary("birthday", "Birthday"),
        choice(
            "source",
            "Source",
            &[
                "import", "referral", "website", "event", "campaign", "cold", "other",
            ],
        ),
        text("customer_no", "Customer number"),
        long("notes", "Notes"),
    ],
    title: &["first_name", "last_name"],
    sort: "last_name",
};

static COMPANY: KindDef = KindDef {
    kind: Kind::Company,
    table: "company",
    label: "Company",
    plural: "Companies",
    plural_key: "companies",
    fields: &[
        required(listed(text("name", "Name"))),
        listed(text("industry", "Industry")),
        listed(text("domain", "Domain")),
        field("email", "Email", FieldType::Email),
        listed(field("phone", "Phone", FieldType::Phone)),
        field("website", "Website", FieldType::Url),
        long("address", "Address"),
        listed(text("city", "City")),
        listed(text("country", "Country")),
        int("employees", "Employees", 0, 10_000_000),
        long("notes", "Notes"),
    ],
    title: &["name"],
    sort: "name",
};

static RELATIONSHIP: KindDef = KindDef {
    kind: Kind::Relationship,
    table: "relationship",
    label: "Relationship",
    plural: "Relationships",
    plural_key: "relationships",
    fields: &[
        required(listed(reference("contact_id", "Contact", Kind::Contact))),
        listed(choice(
            "kind",
            "Type",
            &[
                "colleague",
                "manager",
                "reports_to",
                "spouse",
                "family",
                "friend",
                "referral",
                "employee",
                "owner",
                "advisor",
                "former_employee",
                "other",
            ],
        )),
        listed(reference(
            "other_contact_id",
            "Other contact",
            Kind::Contact,
        )),
        listed(reference("company_id", "Company", Kind::Company)),
        listed(date("started_on", "Start")),
        listed(date("ended_on", "End")),
        long("notes", "Notes"),
    ],
    title: &["kind"],
    sort: "started_on",
};

static DEAL: KindDef = KindDef {
    kind: Kind::Deal,
    table: "deal",
    label: "Deal",
    plural: "Deals",
    plural_key: "deals",
    fields: &[
        required(listed(text("title", "Title"))),
        listed(reference("contact_id", "Contact", Kind::Contact)),
        listed(reference("company_id", "Company", Kind::Company)),
        required(listed(choice("stage", "Stage", STAGE_NAMES))),
        listed(int("probability", "Probability %", 0, 100)),
        listed(money("value", "Value")),
        choice("currency", "Currency", CURRENCIES),
        listed(date("expected_close", "Expected close")),
        date("closed_on", "Closed on"),
        text("lost_reason", "Lost reason"),
        choice(
            "source",
            "Source",
            &[
                "inbound", "outbound", "referral", "campaign", "partner", "other",
            ],
        ),
        reference("campaign_id", "Campaign", Kind::Campaign),
        long("notes", "Notes"),
    ],
    title: &["title"],
    sort: "expected_close",
};

static ACTIVITY: KindDef = KindDef {
    kind: Kind::Activity,
    table: "activity",
    label: "Activity",
    plural: "Activities",
    plural_key: "activities",
    fields: &[
        required(listed(choice(
            "kind",
            "Type",
            &["call", "meeting", "email", "note", "task"],
        ))),
        required(listed(text("subject", "Subject"))),
        long("body", "Details"),
        listed(reference("contact_id", "Contact", Kind::Contact)),
        reference("company_id", "Company", Kind::Company),
        reference("deal_id", "Deal", Kind::Deal),
        reference("ticket_id", "Ticket", Kind::Ticket),
        listed(field("occurred_at", "When", FieldType::Datetime)),
        listed(date("due_on", "Due")),
        field("due_time", "Due time", FieldType::Time),
        listed(choice("priority", "Priority", &TASK_PRIORITIES)),
        listed(field("done", "Done", FieldType::Bool)),
    ],
    title: &["subject"],
    sort: "occurred_at",
};

static PRODUCT: KindDef = KindDef {
    kind: Kind::Product,
    table: "product",
    label: "Product",
    plural: "Products",
    plural_key: "products",
    fields: &[
        required(listed(text("name", "Name"))),
        listed(text("sku", "SKU")),
        listed(money("price", "Price")),
        listed(choice("currency", "Currency", CURRENCIES)),
        listed(text("category", "Category")),
        listed(field("active", "Active", FieldType::Bool)),
        long("description", "Description"),
    ],
    title: &["name"],
    sort: "name",
};

static ORDER: KindDef = KindDef {
    kind: Kind::Order,
    table: "orders",
    label: "Order",
    plural: "Orders",
    plural_key: "orders",
    fields: &[
        required(listed(text("number", "Number"))),
        listed(reference("contact_id", "Contact", Kind::Contact)),
        listed(reference("company_id", "Company", Kind::Company)),
        required(listed(date("ordered_on", "Ordered on"))),
        listed(choice("status", "Status", &ORDER_STATUSES)),
        listed(money("total", "Total")),
        field("quantity", "Quantity", FieldType::Decimal),
        choice("currency", "Currency", CURRENCIES),
        choice(
            "channel",
            "Channel",
            &[
                "online",
                "store",
                "phone",
                "marketplace",
                "wholesale",
                "other",
            ],
        ),
        reference("campaign_id", "Campaign", Kind::Campaign),
        long("notes", "Notes"),
    ],
    title: &["number"],
    sort: "ordered_on",
};

static ORDER_LINE: KindDef = KindDef {
    kind: Kind::OrderLine,
    table: "order_line",
    label: "Order line",
    plural: "Order lines",
    plural_key: "order_lines",
    fields: &[
        required(listed(reference("order_id", "Order", Kind::Order))),
        listed(reference("product_id", "Product", Kind::Product)),
        required(listed(text("description", "Description"))),
        listed(field("quantity", "Quantity", FieldType::Decimal)),
        listed(money("unit_price", "Unit price")),
        listed(money("amount", "Amount")),
    ],
    title: &["description"],
    sort: "description",
};

static TICKET: KindDef = KindDef {
    kind: Kind::Ticket,
    table: "ticket",
    label: "Ticket",
    plural: "Tickets",
    plural_key: "tickets",
    fields: &[
        required(listed(text("subject", "Subject"))),
        long("description", "Description"),
        listed(reference("contact_id", "Contact", Kind::Contact)),
        reference("company_id", "Company", Kind::Company),
        reference("order_id", "Order", Kind::Order),
        required(listed(choice("status", "Status", &TICKET_STATUSES))),
        listed(choice(
            "priority",
            "Priority",
            &["low", "normal", "high", "urgent"],
        )),
        listed(text("category", "Category")),
        listed(field("opened_at", "Opened", FieldType::Datetime)),
        field("first_response_at", "First response", FieldType::Datetime),
        field("resolved_at", "Resolved", FieldType::Datetime),
        listed(date("follow_up_on", "Follow up")),
    ],
    title: &["subject"],
    sort: "opened_at",
};

static CAMPAIGN: KindDef = KindDef {
    kind: Kind::Campaign,
    table: "campaign",
    label: "Campaign",
    plural: "Campaigns",
    plural_key: "campaigns",
    fields: &[
        required(listed(text("name", "Name"))),
        listed(choice(
            "channel",
            "Channel",
            &[
                "email",
                "event",
                "social",
                "ads",
                "direct_mail",
                "phone",
                "other",
            ],
        )),
        listed(choice(
            "status",
            "Status",
            &["planned", "active", "completed", "cancelled"],
        )),
        listed(date("starts_on", "Starts")),
        listed(date("ends_on", "Ends")),
        listed(money("budget", "Budget")),
        choice("currency", "Currency", CURRENCIES),
        long("notes", "Notes"),
    ],
    title: &["name"],
    sort: "starts_on",
};

static CAMPAIGN_MEMBER: KindDef = KindDef {
    kind: Kind::CampaignMember,
    table: "campaign_member",
    label: "Campaign member",
    plural: "Campaign members",
    plural_key: "campaign_members",
    fields: &[
        required(listed(reference("campaign_id", "Campaign", Kind::Campaign))),
        required(listed(reference("contact_id", "Contact", Kind::Contact))),
        listed(choice("status", "Status", &MEMBER_STATUSES)),
        listed(field("responded_at", "Responded", FieldType::Datetime)),
        long("response", "Response"),
    ],
    title: &["status"],
    sort: "responded_at",
};

static FEEDBACK: KindDef = KindDef {
    kind: Kind::Feedback,
    table: "feedback",
    label: "Feedback",
    plural: "Feedback",
    plural_key: "feedback",
    fields: &[
        listed(reference("contact_id", "Contact", Kind::Contact)),
        reference("ticket_id", "Ticket", Kind::Ticket),
        reference("order_id", "Order", Kind::Order),
        listed(int("rating", "Rating (1–5)", 1, 5)),
        listed(int("nps", "NPS (0–10)", 0, 10)),
        listed(long("comment", "Comment")),
        listed(choice(
            "channel",
            "Channel",
            &[
                "survey",
                "email",
                "phone",
                "review",
                "chat",
                "in_person",
                "other",
            ],
        )),
        listed(field("received_at", "Received", FieldType::Datetime)),
    ],
    title: &["comment"],
    sort: "received_at",
};

impl Kind {
    /// The static description of this kind's fields (the kinds are described here, above the
    /// model's types, so the model does not depend on them).
    pub fn def(self) -> &'static KindDef {
        def(self)
    }
}

/// A kind by its name or plural (`contact`, `contacts`, `order-line`), in any case.
impl std::str::FromStr for Kind {
    type Err = crate::error::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace('-', "_");
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == wanted || k.def().plural_key == wanted)
            .ok_or_else(|| crate::error::Error::UnknownKind(s.to_string()))
    }
}

/// The definition of a kind.
pub fn def(kind: Kind) -> &'static KindDef {
    match kind {
        Kind::Contact => &CONTACT,
        Kind::Company => &COMPANY,
        Kind::Relationship => &RELATIONSHIP,
        Kind::Deal => &DEAL,
        Kind::Activity => &ACTIVITY,
        Kind::Product => &PRODUCT,
        Kind::Order => &ORDER,
        Kind::OrderLine => &ORDER_LINE,
        Kind::Ticket => &TICKET,
        Kind::Campaign => &CAMPAIGN,
        Kind::CampaignMember => &CAMPAIGN_MEMBER,
        Kind::Feedback => &FEEDBACK,
    }
}
