//! The data model: entity kinds, their fields, and the record shape every store call returns.
//!
//! Kith's entities are described by data (a [`KindDef`] per kind, written in `kinds.rs`, and
//! sent to the UI as a [`KindSchema`]) rather than by one hand-written struct and store module
//! each. The store, the validation, the change log, the CLI and the UI's forms and lists are
//! all driven by these descriptions, so adding a field is one line in `kinds.rs` plus a
//! migration. Invariant: every field described is a column of its kind's table with the same
//! name, and every `Ref` field points at a kind whose table exists. This module is the bottom
//! rung: it uses nothing else of Kith's.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// An entity kind. Its `snake_case` name is what the CLI, the change log and the UI use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A person.
    Contact,
    /// An organisation.
    Company,
    /// A typed link between a contact and a contact or company.
    Relationship,
    /// A sales opportunity in the pipeline.
    Deal,
    /// A call, meeting, email, note or task.
    Activity,
    /// Something sold.
    Product,
    /// A purchase.
    Order,
    /// One product line of an order.
    OrderLine,
    /// A service request.
    Ticket,
    /// A marketing campaign.
    Campaign,
    /// A contact's membership of a campaign, with their response.
    CampaignMember,
    /// A rating, NPS score or comment from a customer.
    Feedback,
}

impl Kind {
    /// Every kind, in navigation order.
    pub const ALL: [Kind; 12] = [
        Kind::Contact,
        Kind::Company,
        Kind::Relationship,
        Kind::Deal,
        Kind::Activity,
        Kind::Order,
        Kind::OrderLine,
        Kind::Product,
        Kind::Ticket,
        Kind::Campaign,
        Kind::CampaignMember,
        Kind::Feedback,
    ];

    /// The kind's name as the CLI and the change log spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Contact => "contact",
            Kind::Company => "company",
            Kind::Relationship => "relationship",
            Kind::Deal => "deal",
            Kind::Activity => "activity",
            Kind::Product => "product",
            Kind::Order => "order",
            Kind::OrderLine => "order_line",
            Kind::Ticket => "ticket",
            Kind::Campaign => "campaign",
            Kind::CampaignMember => "campaign_member",
            Kind::Feedback => "feedback",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a field's text input is parsed, validated and stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    /// One line of text.
    Text,
    /// Multi-line text (notes, descriptions).
    LongText,
    /// An email address, stored trimmed and lower-cased.
    Email,
    /// A phone number, stored as typed but trimmed.
    Phone,
    /// A web address.
    Url,
    /// A calendar date, stored `YYYY-MM-DD`.
    Date,
    /// An instant, stored as RFC 3339 UTC.
    Datetime,
    /// A time of day on the wall clock, stored `HH:MM` (24-hour): when a task is due.
    Time,
    /// A whole number within the field's bounds.
    Integer,
    /// A money amount, stored in hundredths (integer), shown in major units.
    Money,
    /// A decimal number (quantities).
    Decimal,
    /// Yes or no.
    Bool,
    /// One of a fixed list of choices.
    Choice,
    /// The id of a live record of another kind.
    Ref,
}

/// One field of a kind, as the engine defines it.
#[derive(Debug, Clone, Copy)]
pub struct FieldDef {
    /// Column name, also the key of [`EntityRecord::values`].
    pub name: &'static str,
    /// Human label.
    pub label: &'static str,
    /// How the value is parsed and stored.
    pub ty: FieldType,
    /// Whether a record must have a value.
    pub required: bool,
    /// Allowed values for [`FieldType::Choice`].
    pub choices: &'static [&'static str],
    /// Target kind for [`FieldType::Ref`].
    pub ref_kind: Option<Kind>,
    /// Inclusive bounds for [`FieldType::Integer`].
    pub range: Option<(i64, i64)>,
    /// Whether lists show this column by default.
    pub in_list: bool,
    /// For [`FieldType::Date`]: whether a month and day without a year is a value (a birthday
    /// known as `--03-05`, the ISO 8601 / vCard form Google Contacts exports).
    pub year_optional: bool,
}

/// One kind, as the engine defines it.
#[derive(Debug)]
pub struct KindDef {
    /// The kind described.
    pub kind: Kind,
    /// SQL table holding its rows.
    pub table: &'static str,
    /// Singular human label.
    pub label: &'static str,
    /// Plural human label.
    pub plural: &'static str,
    /// Plural as a CLI word (`contacts`).
    pub plural_key: &'static str,
    /// The fields, in form order.
    pub fields: &'static [FieldDef],
    /// Fields whose values, joined by a space, make the record's title.
    pub title: &'static [&'static str],
    /// Default sort column.
    pub sort: &'static str,
}

impl KindDef {
    /// Looks a field up by name.
    pub fn field(&self, name: &str) -> Option<&'static FieldDef> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// A field description as the UI receives it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldSchema {
    /// Column name.
    pub name: String,
    /// Human label.
    pub label: String,
    /// How the value is parsed.
    pub ty: FieldType,
    /// Whether a value is required.
    pub required: bool,
    /// Allowed values of a choice field.
    pub choices: Vec<String>,
    /// Target kind of a reference field.
    pub ref_kind: Option<Kind>,
    /// Whether lists show it by default.
    pub in_list: bool,
    /// A date that may be a month and day alone (`--03-05`).
    pub year_optional: bool,
}

/// A kind description as the UI receives it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KindSchema {
    /// The kind described.
    pub kind: Kind,
    /// Singular label.
    pub label: String,
    /// Plural label.
    pub plural: String,
    /// Fields in form order.
    pub fields: Vec<FieldSchema>,
}

impl From<&KindDef> for KindSchema {
    fn from(def: &KindDef) -> Self {
        KindSchema {
            kind: def.kind,
            label: def.label.to_string(),
            plural: def.plural.to_string(),
            fields: def
                .fields
                .iter()
                .map(|f| FieldSchema {
                    name: f.name.to_string(),
                    label: f.label.to_string(),
                    ty: f.ty,
                    required: f.required,
                    choices: f.choices.iter().map(|c| c.to_string()).collect(),
                    ref_kind: f.ref_kind,
                    in_list: f.in_list,
                    year_optional: f.year_optional,
                })
                .collect(),
        }
    }
}

/// The schema of every kind, in navigation order.
pub fn schema() -> Vec<KindSchema> {
    Kind::ALL
        .iter()
        .map(|k| KindSchema::from(k.def()))
        .collect()
}

/// A stored field value. Money is in major units here (the store keeps hundredths).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(untagged)]
pub enum Value {
    /// No value.
    Null,
    /// Yes or no.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A decimal number (money in major units).
    Real(f64),
    /// Text, dates and ids.
    Text(String),
}

impl Value {
    /// The value as text, for display, CSV and the change log.
    pub fn to_text(&self) -> Option<String> {
        match self {
            Value::Null => None,
            Value::Bool(b) => Some(b.to_string()),
            Value::Int(i) => Some(i.to_string()),
            Value::Real(r) => Some(r.to_string()),
            Value::Text(t) => Some(t.clone()),
        }
    }

    /// Whether this is [`Value::Null`].
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
}

/// Text input for a create or update: field name → text, as typed in a form, a CLI flag or
/// a spreadsheet cell. An empty string clears the field. Keys `custom.NAME` set custom fields.
pub type Input = BTreeMap<String, String>;

/// One record of any kind, with its display title, resolved reference titles, tags and
/// custom fields.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EntityRecord {
    /// What kind of record.
    pub kind: Kind,
    /// UUIDv7 id.
    pub id: String,
    /// Display name.
    pub title: String,
    /// Field values by field name.
    pub values: BTreeMap<String, Value>,
    /// Titles of the records that `Ref` fields point at, by field name.
    pub refs: BTreeMap<String, String>,
    /// Tag names.
    pub tags: Vec<String>,
    /// Custom field values by name.
    pub custom: BTreeMap<String, String>,
    /// When it was created (UTC).
    pub created_at: String,
    /// Hybrid logical clock of the last write.
    pub updated_at: String,
    /// When it was deleted, if it was.
    pub deleted_at: Option<String>,
}

impl EntityRecord {
    /// A field's value as text, if set.
    pub fn text(&self, field: &str) -> Option<String> {
        self.values.get(field).and_then(Value::to_text)
    }
}

/// Which records a list returns, in what order, and which window of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct ListQuery {
    /// Only records whose title contains this text.
    pub text: Option<String>,
    /// Field to sort by (default: the kind's sort field).
    pub sort: Option<String>,
    /// Sort descending.
    pub desc: bool,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    /// Rows to skip.
    pub offset: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    /// Most rows to return (capped at 1000).
    pub limit: u64,
    /// Field → the value (as text) records must have, or a comparison, range, several values
    /// or a tag (see `store/filters.rs`).
    pub filters: BTreeMap<String, String>,
    /// Include soft-deleted records.
    pub include_deleted: bool,
}

impl Default for ListQuery {
    fn default() -> Self {
        ListQuery {
            text: None,
            sort: None,
            desc: false,
            offset: 0,
            limit: 100,
            filters: BTreeMap::new(),
            include_deleted: false,
        }
    }
}

/// One window of a list.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Page {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    /// Matching records in all.
    pub total: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    /// Offset of the first row.
    pub offset: u64,
    /// The rows of this window.
    pub rows: Vec<EntityRecord>,
    /// Contacts only: each listed contact's stored analytics figures, by id (contacts the
    /// analytics have not reached are left out).
    pub figures: std::collections::BTreeMap<String, RowFigures>,
}

/// A search result.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchHit {
    /// Kind of the record found.
    pub kind: Kind,
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Company, email or stage, to tell hits apart.
    pub subtitle: String,
}

/// One field change from the change log.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Change {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    /// Position in the change log.
    pub seq: i64,
    /// Kind of the changed record.
    pub entity: Kind,
    /// Id of the changed record.
    pub entity_id: String,
    /// Field name (`tags`, `custom.NAME`, `deleted_at` included).
    pub field: String,
    /// Value before.
    pub old: Value,
    /// Value after.
    pub new: Value,
    /// Hybrid logical clock of the write.
    pub clock: String,
    /// Wall time of the write (UTC, RFC 3339).
    pub at: String,
    /// Device that wrote it.
    pub device: String,
    /// What made the write: `cli`, `app`, `demo`, `import:BATCH`, ….
    pub origin: String,
}

/// One entry of a contact's or company's timeline.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TimelineItem {
    /// When it happened.
    pub at: String,
    /// Kind of the item.
    pub kind: Kind,
    /// Id of the item.
    pub id: String,
    /// Its title.
    pub title: String,
    /// A short summary.
    pub detail: String,
}

/// What a contact's or company's page shows beside its own fields.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Related {
    /// Its relationships, from its own end first, then those that point at it.
    pub links: Vec<RelatedLink>,
    /// Each kind of record that points at it and has any: people, deals, orders, tickets,
    /// tasks, feedback, campaigns.
    pub groups: Vec<RelatedGroup>,
}

/// One relationship as seen from one of its ends.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RelatedLink {
    /// The relationship (its type, start and end, notes).
    pub relationship: EntityRecord,
    /// Whether it points at the page's record from the other end (the other is its
    /// `contact_id`): "manager" then reads "whose manager this is".
    pub inverse: bool,
    /// The kind of the record at the other end.
    pub other_kind: Kind,
    /// The other record's id, when the relationship names one.
    pub other_id: Option<String>,
    /// The other record's title.
    pub other_title: Option<String>,
}

impl RelatedLink {
    /// The link of `relationship` whose other end is its field `field`, of kind `other_kind`.
    pub fn new(relationship: EntityRecord, other_kind: Kind, field: &str, inverse: bool) -> Self {
        let other_id = relationship.text(field);
        let other_title = relationship.refs.get(field).cloned();
        RelatedLink {
            relationship,
            inverse,
            other_kind,
            other_id,
            other_title,
        }
    }
}

/// The records of one kind that point at a contact or company.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RelatedGroup {
    /// Which group: `people`, `deals`, `orders`, `tickets`, `tasks`, `feedback`, `campaigns`.
    pub key: String,
    /// The kind of its records.
    pub kind: Kind,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    /// How many there are in all.
    pub total: u64,
    /// The list filters that show all of them (`contact_id=…`, `kind=task`).
    pub filters: BTreeMap<String, String>,
    /// The first of them, newest first (people by last name).
    pub rows: Vec<EntityRecord>,
}

/// One contact's stored figures as a list row shows them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RowFigures {
    /// The R×F segment (`Champions`, …).
    pub rfm_segment: Option<String>,
    /// Recency, frequency and monetary scores 1–5, as `"545"`.
    pub rfm: Option<String>,
    /// The k-means cluster's name.
    pub cluster: Option<String>,
    /// Expected value over the next 365 days.
    pub clv_365: Option<f64>,
    /// The best lead score (0–100) of the contact's open deals.
    pub lead_score: Option<u8>,
}

/// One of the ten R×F segments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Segment {
    /// R 5, F 4–5.
    Champions,
    /// R 3–4, F 4–5.
    Loyal,
    /// R 4–5, F 2–3.
    PotentialLoyalists,
    /// R 5, F 1.
    NewCustomers,
    /// R 4, F 1.
    Promising,
    /// R 3, F 3.
    NeedAttention,
    /// R 3, F 1–2.
    AboutToSleep,
    /// R 1–2, F 3–4.
    AtRisk,
    /// R 1–2, F 5.
    CantLose,
    /// R 1–2, F 1–2.
    Hibernating,
}

impl Segment {
    /// All ten segments, best first (the order the UI lists them in).
    pub const ALL: [Segment; 10] = [
        Segment::Champions,
        Segment::Loyal,
        Segment::PotentialLoyalists,
        Segment::NewCustomers,
        Segment::Promising,
        Segment::NeedAttention,
        Segment::AboutToSleep,
        Segment::AtRisk,
        Segment::CantLose,
        Segment::Hibernating,
    ];

    /// The segment of an (R, F) score pair. Scores outside 1–5 are clamped into 1–5.
    pub fn from_scores(r: u8, f: u8) -> Segment {
        let (r, f) = (r.clamp(1, 5), f.clamp(1, 5));
        match (r, f) {
            (1..=2, 1..=2) => Segment::Hibernating,
            (1..=2, 3..=4) => Segment::AtRisk,
            (1..=2, _) => Segment::CantLose,
            (3, 1..=2) => Segment::AboutToSleep,
            (3, 3) => Segment::NeedAttention,
            (3..=4, 4..=5) => Segment::Loyal,
            (4, 1) => Segment::Promising,
            (5, 1) => Segment::NewCustomers,
            (4..=5, 2..=3) => Segment::PotentialLoyalists,
            _ => Segment::Champions,
        }
    }

    /// The segment's name as shown in the UI.
    pub fn label(self) -> &'static str {
        match self {
            Segment::Champions => "Champions",
            Segment::Loyal => "Loyal",
            Segment::PotentialLoyalists => "Potential Loyalists",
            Segment::NewCustomers => "New Customers",
            Segment::Promising => "Promising",
            Segment::NeedAttention => "Need Attention",
            Segment::AboutToSleep => "About to Sleep",
            Segment::AtRisk => "At Risk",
            Segment::CantLose => "Can't Lose",
            Segment::Hibernating => "Hibernating",
        }
    }

    /// One line for the UI: who is in the segment and what to do about them.
    pub fn description(self) -> &'static str {
        match self {
            Segment::Champions => "Bought recently and often: reward them and ask for referrals.",
            Segment::Loyal => "Buy often and fairly recently: keep them close, offer more.",
            Segment::PotentialLoyalists => {
                "Recent customers with a few orders: a nudge can make them loyal."
            }
            Segment::NewCustomers => "First order very recently: welcome them and help them start.",
            Segment::Promising => "Recent single order: build the relationship early.",
            Segment::NeedAttention => {
                "Middling on recency and frequency: re-engage before they slip."
            }
            Segment::AboutToSleep => "Few orders, not lately: reach out before they lapse.",
            Segment::AtRisk => "Bought regularly, but not for a while: win them back.",
            Segment::CantLose => "Used to be among the most frequent, now gone quiet: call them.",
            Segment::Hibernating => "Few orders, long ago: low priority, try a reactivation offer.",
        }
    }
}

/// One order line: who, when, how much (negative = refund).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderPoint {
    /// Customer identifier.
    pub customer_id: String,
    /// Calendar day of the order.
    pub date: chrono::NaiveDate,
    /// Order value; negative for a refund.
    pub amount: f64,
}

/// Words the engine says to the user, in English (what the CLI prints), with the code the
/// window says them by in the user's language. `C` is an area's enum of codes, tagged
/// `code` with its values beside it (as [`crate::error::IssueCode`]), whose `Display` is the
/// English: an import's notes (`ImportNote`), the reasons a row or value was set aside, an
/// analysis's notes. A new code fails the UI's type check until its Chinese is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Said<C> {
    /// The English words.
    pub text: String,
    /// What they say, as a code with its values.
    pub code: C,
}

impl<C: fmt::Display> Said<C> {
    /// The code's English words beside it.
    pub fn new(code: C) -> Said<C> {
        Said {
            text: code.to_string(),
            code,
        }
    }
}

impl<C> fmt::Display for Said<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl<C: fmt::Display> From<C> for Said<C> {
    fn from(code: C) -> Said<C> {
        Said::new(code)
    }
}
