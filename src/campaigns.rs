//! Campaigns that report their return: members added from a segment, a tag or a list of
//! contacts; responses recorded; orders and deals attributed; and the figures a campaign page
//! shows (response rate, conversions, revenue, cost per conversion, ROI). The member list
//! goes out as a CSV for the user's mail tool.
//!
//! Attribution, the one rule every figure follows:
//! - An order or a deal whose `campaign_id` names a campaign counts for that campaign (the
//!   user's choice wins over any rule, and the order counts for no other campaign).
//! - An order without one counts for a campaign when it is a member's **first purchase**
//!   within the campaign's window: from `starts_on` to `ends_on` plus [`GRACE_DAYS`] (a
//!   campaign without an end date stays open; one without a start date gets only chosen
//!   orders). A member's first purchase in the window that was chosen for another campaign
//!   counts for none here.
//! - One campaign per order (first touch): when an order is the first purchase of a member
//!   in the windows of two campaigns, the campaign that started first wins (on the same day,
//!   the one with the smaller id).
//!
//! Only standing sales count (placed, paid, shipped, delivered, or no status), and only won
//! deals. Revenue is in the campaign's currency (else the workspace's usual purchase
//! currency): amounts in another currency are not converted (Kith keeps no exchange rates);
//! they are left out of the revenue and counted (`other_currency`), and amounts without a
//! currency are taken to be in the campaign's. A sale entered both as a won deal and as an
//! order counts twice: attribute one of them.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;

use chrono::{DateTime, Duration, NaiveDate, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use crate::analytics::segments::ClusterName;
use crate::error::{Error, Result};
use crate::export::neutralize;
use crate::kinds::MEMBER_STATUSES;
use crate::model::{EntityRecord, Input, Kind, Said, Value};
use crate::store::{CampaignWindow, MetricColumn, SaleRow, Store};

/// Days after a campaign's end during which a member's first purchase still counts for it.
pub const GRACE_DAYS: i64 = 30;

/// Most members [`campaign_members`] returns at once.
pub const MAX_MEMBERS: usize = 500;

/// Where new members come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "by", content = "value", rename_all = "snake_case")]
pub enum MemberSource {
    /// Every customer the last analysis put in this R×F segment (e.g. `Champions`).
    Segment(String),
    /// Every customer the last analysis put in this k-means cluster.
    Cluster(String),
    /// Every contact carrying this tag.
    Tag(String),
    /// These contacts, by id.
    Contacts(Vec<String>),
}

/// What adding members did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AddMembersReport {
    /// The campaign.
    pub campaign_id: String,
    /// Contacts the source named.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub matched: u64,
    /// Of those, added as `invited` members.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub added: u64,
    /// Of those, already members (or named twice): left as they were.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub skipped: u64,
}

/// Members at one status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StatusCount {
    /// The status (`invited` … `unsubscribed`), or `none`.
    pub status: String,
    /// Members at it.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub count: u64,
}

/// What a campaign brought: the figures of its page.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CampaignReport {
    /// The campaign.
    pub campaign_id: String,
    /// Its name.
    pub name: String,
    /// First day of the attribution window (the campaign's start), if it has one.
    pub window_from: Option<NaiveDate>,
    /// Last day of the attribution window (its end plus [`GRACE_DAYS`]); none: still open.
    pub window_to: Option<NaiveDate>,
    /// The currency of every amount here, if any is known.
    pub currency: Option<String>,
    /// Its budget, in major units.
    pub budget: Option<f64>,
    /// Members (live, with a live contact).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub members: u64,
    /// Members who responded (status `responded` or `converted`).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub responded: u64,
    /// Responded ÷ members (0–1); none without members.
    pub response_rate: Option<f64>,
    /// Members with an attributed order or a won deal chosen for the campaign.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub conversions: u64,
    /// Conversions ÷ members (0–1); none without members.
    pub conversion_rate: Option<f64>,
    /// Attributed orders' totals plus won deals' values, in `currency`, major units.
    pub revenue: f64,
    /// Budget ÷ conversions; none without a budget or without conversions.
    pub cost_per_conversion: Option<f64>,
    /// (Revenue − budget) ÷ budget; none without a budget above zero.
    pub roi: Option<f64>,
    /// Orders chosen for the campaign.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub chosen_orders: u64,
    /// Orders counted as a member's first purchase in the window.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub first_purchases: u64,
    /// Won deals chosen for the campaign.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub won_deals: u64,
    /// Attributed orders and deals in another currency, left out of the revenue.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub other_currency: u64,
    /// Members by status, in the order a member moves through them (`none` last).
    pub by_status: Vec<StatusCount>,
    /// What the figures leave out or assume, in words.
    pub notes: Vec<Said<CampaignNote>>,
}

/// What a campaign's figures leave out or assume.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum CampaignNote {
    /// Attributed orders or deals in another currency are left out of the revenue.
    OtherCurrency {
        /// How many.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        count: u64,
        /// The campaign's currency, when it has one.
        currency: Option<String>,
    },
    /// Without a start date only the orders and deals chosen for the campaign count.
    NoStartDate,
    /// Without a budget there is no cost per conversion nor ROI.
    NoBudget,
}

impl std::fmt::Display for CampaignNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CampaignNote::OtherCurrency { count, currency } => write!(
                f,
                "{count} attributed order(s) or deal(s) in another currency than {} left out of \
                 the revenue (amounts are not converted)",
                currency.as_deref().unwrap_or("the campaign's")
            ),
            CampaignNote::NoStartDate => f.write_str(
                "no start date: only orders and deals chosen for the campaign count, not \
                 members' first purchases",
            ),
            CampaignNote::NoBudget => {
                f.write_str("no budget: cost per conversion and ROI need one")
            }
        }
    }
}

/// One member as the campaign page lists them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CampaignMember {
    /// The membership (a `campaign_member` record).
    pub id: String,
    /// The contact.
    pub contact_id: String,
    /// The contact's name (else email).
    pub name: String,
    /// Their email, if any.
    pub email: Option<String>,
    /// How far they got, if set.
    pub status: Option<String>,
    /// When they responded (RFC 3339), if recorded.
    pub responded_at: Option<String>,
    /// What they answered, if recorded.
    pub response: Option<String>,
}

/// A page of a campaign's members: responses first (latest first), then by name.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CampaignMembers {
    /// Members in all.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub total: u64,
    /// The members from `offset`, at most the limit asked for.
    pub rows: Vec<CampaignMember>,
    /// The statuses a member can have, first touch to conversion (or opting out).
    pub statuses: Vec<String>,
}

/// Where members can come from, for the "Add members" choice.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MemberSources {
    /// The stored R×F segments with their customers (empty until the analysis ran).
    pub segments: Vec<SourceCount>,
    /// The stored k-means clusters with their customers.
    pub clusters: Vec<ClusterCount>,
    /// Tags on contacts, with how many contacts carry each.
    pub tags: Vec<SourceCount>,
}

/// A segment, cluster or tag and how many contacts it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SourceCount {
    /// Its name.
    pub name: String,
    /// Contacts in it.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub count: u64,
}

/// A stored k-means cluster and how many contacts are in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClusterCount {
    /// Its name as the contacts' figures store it (what members are added by).
    pub name: String,
    /// Contacts in it.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub count: u64,
    /// The name as a code the window says, from the last segments run (`None` when that run
    /// has no cluster of the name).
    pub code: Option<ClusterName>,
}

/// What a member export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MemberExport {
    /// The file written.
    pub file: String,
    /// Members written (one row each).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub written: u64,
    /// Members left out because their contact has no email.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub no_email: u64,
    /// Members left out because they unsubscribed.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub unsubscribed: u64,
    /// The column headers.
    pub columns: Vec<String>,
}

/// The columns of a member export, as mail tools name them.
pub const MEMBER_COLUMNS: [&str; 5] = ["email", "first_name", "last_name", "company", "status"];

/// The live campaign `id`, or why not.
fn campaign(store: &Store, id: &str) -> Result<EntityRecord> {
    let record = store.get_record(Kind::Campaign, id)?;
    if let Some(deleted_at) = &record.deleted_at {
        return Err(Error::Deleted {
            kind: Kind::Campaign,
            id: id.to_string(),
            deleted_at: deleted_at.clone(),
        });
    }
    Ok(record)
}

/// Adds the contacts `source` names to campaign `id` as `invited` members, in one write;
/// those already members are skipped and counted.
pub fn add_members(store: &mut Store, id: &str, source: &MemberSource) -> Result<AddMembersReport> {
    campaign(store, id)?;
    let named = |field: &str, value: &str| -> Result<String> {
        let value = value.trim();
        if value.is_empty() {
            return Err(Error::invalid(field, format!("name the {field} to add")));
        }
        Ok(value.to_string())
    };
    let contacts = match source {
        MemberSource::Segment(s) => {
            store.segment_contacts(MetricColumn::RfmSegment, &named("segment", s)?)?
        }
        MemberSource::Cluster(c) => {
            store.segment_contacts(MetricColumn::Cluster, &named("cluster", c)?)?
        }
        MemberSource::Tag(t) => store.tagged_contacts(&named("tag", t)?)?,
        MemberSource::Contacts(ids) => {
            let ids: Vec<String> = ids.iter().map(|i| i.trim().to_string()).collect();
            if ids.iter().any(String::is_empty) {
                return Err(Error::invalid("contact_id", "a contact id is empty"));
            }
            ids
        }
    };
    let campaign_id = id.to_string();
    let (added, skipped) = store.write(|w| w.add_campaign_members(&campaign_id, &contacts))?;
    Ok(AddMembersReport {
        campaign_id,
        matched: contacts.len() as u64,
        added,
        skipped,
    })
}

/// Records a member's response: their new `status`, when (`responded_at`, else `now` for a
/// status that is a response: `responded` or `converted`) and what they said (`response`;
/// none leaves it, empty clears it).
pub fn record_response(
    store: &mut Store,
    member_id: &str,
    status: &str,
    responded_at: Option<DateTime<Utc>>,
    response: Option<&str>,
    now: DateTime<Utc>,
) -> Result<EntityRecord> {
    let status = status.trim().to_lowercase();
    if !MEMBER_STATUSES.contains(&status.as_str()) {
        return Err(Error::invalid(
            "status",
            format!(
                "'{status}' is not a member status ({})",
                MEMBER_STATUSES.join(", ")
            ),
        ));
    }
    let mut input = Input::new();
    let at = responded_at.or_else(|| is_response(&status).then_some(now));
    if let Some(at) = at {
        input.insert(
            "responded_at".into(),
            at.to_rfc3339_opts(SecondsFormat::Secs, true),
        );
    }
    if let Some(text) = response {
        input.insert("response".into(), text.trim().to_string());
    }
    input.insert("status".into(), status);
    store.update_record(Kind::CampaignMember, member_id, &input)
}

/// Whether a member status means the member answered.
fn is_response(status: &str) -> bool {
    matches!(status, "responded" | "converted")
}

/// The attribution window of a campaign: its start, and its end plus the grace (none: open).
fn window(w: &CampaignWindow) -> Option<(NaiveDate, Option<NaiveDate>)> {
    let from = w.starts_on?;
    Some((from, w.ends_on.map(|e| e + Duration::days(GRACE_DAYS))))
}

fn in_window(day: NaiveDate, (from, to): (NaiveDate, Option<NaiveDate>)) -> bool {
    day >= from && to.is_none_or(|to| day <= to)
}

/// A contact's first sale in a window (by day, then id), among `sales` sorted that way.
fn first_sale<'a>(
    sales: &'a [&'a SaleRow],
    win: (NaiveDate, Option<NaiveDate>),
) -> Option<&'a SaleRow> {
    sales.iter().copied().find(|s| in_window(s.ordered_on, win))
}

/// The orders of campaign `id`'s members that count for it by the first-purchase rule.
fn first_purchases(store: &Store, id: &str, members: &HashSet<&str>) -> Result<Vec<SaleRow>> {
    let windows: HashMap<String, CampaignWindow> = store
        .campaign_windows()?
        .into_iter()
        .map(|w| (w.id.clone(), w))
        .collect();
    let Some(own) = windows.get(id).and_then(window) else {
        return Ok(Vec::new());
    };
    let mut contacts: Vec<&str> = members.iter().copied().collect();
    contacts.sort_unstable();
    let sales = store.sales_of(&contacts)?;
    let mut by_contact: HashMap<&str, Vec<&SaleRow>> = HashMap::new();
    for s in &sales {
        if let Some(c) = s.contact_id.as_deref() {
            by_contact.entry(c).or_default().push(s);
        }
    }
    for list in by_contact.values_mut() {
        list.sort_by(|a, b| (a.ordered_on, &a.id).cmp(&(b.ordered_on, &b.id)));
    }
    let mut rivals: HashMap<String, Vec<String>> = HashMap::new();
    for (contact, campaign) in store.memberships_of(&contacts)? {
        if campaign != id {
            rivals.entry(contact).or_default().push(campaign);
        }
    }
    let own_start = (own.0, id);
    let mut out = Vec::new();
    for (contact, sales) in &by_contact {
        let Some(first) = first_sale(sales, own) else {
            continue;
        };
        if first.campaign_id.is_some() {
            // Chosen: for this campaign it is counted as chosen, for another not at all.
            continue;
        }
        let taken = rivals.get(*contact).into_iter().flatten().any(|other| {
            let Some(w) = windows.get(other).and_then(window) else {
                return false;
            };
            (w.0, other.as_str()) < own_start
                && first_sale(sales, w).is_some_and(|s| s.id == first.id)
        });
        if !taken {
            out.push(first.clone());
        }
    }
    out.sort_by(|a, b| (a.ordered_on, &a.id).cmp(&(b.ordered_on, &b.id)));
    Ok(out)
}

/// The figures of campaign `id`: members, responses, conversions, revenue, cost per
/// conversion and ROI, by the attribution rule of this module.
pub fn campaign_report(store: &Store, id: &str) -> Result<CampaignReport> {
    let record = campaign(store, id)?;
    let rows = store.campaign_member_rows(id)?;
    let members: HashSet<&str> = rows.iter().map(|m| m.contact_id.as_str()).collect();
    let mut by_status: Vec<StatusCount> = MEMBER_STATUSES
        .iter()
        .chain(std::iter::once(&"none"))
        .map(|s| StatusCount {
            status: (*s).to_string(),
            count: 0,
        })
        .collect();
    for m in &rows {
        let status = m.status.as_deref().unwrap_or("none");
        if let Some(c) = by_status.iter_mut().find(|c| c.status == status) {
            c.count += 1;
        }
    }
    by_status.retain(|c| c.count > 0);
    let responded = rows
        .iter()
        .filter(|m| m.status.as_deref().is_some_and(is_response))
        .count() as u64;

    let chosen = store.campaign_sales(id)?;
    let firsts = first_purchases(store, id, &members)?;
    let deals = store.campaign_won_deals(id)?;

    let currency = match record.text("currency") {
        Some(c) => Some(c),
        None => store.purchases_currency()?,
    };
    let mut notes = Vec::new();
    let mut revenue: i64 = 0;
    let mut other_currency = 0u64;
    let mut converted: HashSet<&str> = HashSet::new();
    let amounts = chosen
        .iter()
        .chain(&firsts)
        .map(|s| (s.contact_id.as_deref(), s.total, s.currency.as_deref()))
        .chain(
            deals
                .iter()
                .map(|d| (d.contact_id.as_deref(), d.value, d.currency.as_deref())),
        );
    for (contact, amount, cur) in amounts {
        if let Some(c) = contact.filter(|c| members.contains(c)) {
            converted.insert(c);
        }
        match (cur, currency.as_deref()) {
            (Some(cur), Some(own)) if cur != own => other_currency += 1,
            _ => revenue += amount.unwrap_or(0),
        }
    }
    if other_currency > 0 {
        notes.push(
            CampaignNote::OtherCurrency {
                count: other_currency,
                currency: currency.clone(),
            }
            .into(),
        );
    }
    let win = store
        .campaign_windows()?
        .into_iter()
        .find(|w| w.id == id)
        .and_then(|w| window(&w));
    if win.is_none() {
        notes.push(CampaignNote::NoStartDate.into());
    }
    let budget = match record.values.get("budget") {
        Some(Value::Real(b)) => Some(*b),
        Some(Value::Int(b)) => Some(*b as f64),
        _ => None,
    };
    if budget.is_none() {
        notes.push(CampaignNote::NoBudget.into());
    }
    let revenue = revenue as f64 / 100.0;
    let members_n = rows.len() as u64;
    let conversions = converted.len() as u64;
    let rate = |n: u64| (members_n > 0).then(|| n as f64 / members_n as f64);
    Ok(CampaignReport {
        campaign_id: id.to_string(),
        name: record.title,
        window_from: win.map(|w| w.0),
        window_to: win.and_then(|w| w.1),
        currency,
        budget,
        members: members_n,
        responded,
        response_rate: rate(responded),
        conversions,
        conversion_rate: rate(conversions),
        revenue,
        cost_per_conversion: budget
            .filter(|_| conversions > 0)
            .map(|b| b / conversions as f64),
        roi: budget.filter(|b| *b > 0.0).map(|b| (revenue - b) / b),
        chosen_orders: chosen.len() as u64,
        first_purchases: firsts.len() as u64,
        won_deals: deals.len() as u64,
        other_currency,
        by_status,
        notes,
    })
}

/// Campaign `id`'s members from `offset`, at most `limit` (capped at [`MAX_MEMBERS`]).
pub fn campaign_members(
    store: &Store,
    id: &str,
    offset: usize,
    limit: usize,
) -> Result<CampaignMembers> {
    campaign(store, id)?;
    let rows = store.campaign_member_rows(id)?;
    let total = rows.len() as u64;
    let rows = rows
        .into_iter()
        .skip(offset)
        .take(limit.min(MAX_MEMBERS))
        .map(|m| CampaignMember {
            id: m.id,
            contact_id: m.contact_id,
            name: m.name,
            email: m.email,
            status: m.status,
            responded_at: m.responded_at,
            response: m.response,
        })
        .collect();
    Ok(CampaignMembers {
        total,
        rows,
        statuses: MEMBER_STATUSES.iter().map(|s| (*s).to_string()).collect(),
    })
}

/// The segments, clusters and contact tags members can be added from.
pub fn member_sources(store: &Store) -> Result<MemberSources> {
    let counts = |rows: Vec<(String, u64)>| {
        let mut v: Vec<SourceCount> = rows
            .into_iter()
            .map(|(name, count)| SourceCount { name, count })
            .collect();
        v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        v
    };
    Ok(MemberSources {
        segments: counts(store.metric_counts(MetricColumn::RfmSegment)?),
        clusters: {
            let mut codes = crate::analytics::stored_cluster_names(store)?;
            counts(store.metric_counts(MetricColumn::Cluster)?)
                .into_iter()
                .map(|c| ClusterCount {
                    code: codes.remove(&c.name),
                    name: c.name,
                    count: c.count,
                })
                .collect()
        },
        tags: store
            .contact_tags()?
            .into_iter()
            .map(|(name, count)| SourceCount { name, count })
            .collect(),
    })
}

/// Writes campaign `id`'s members to `path` as CSV for a mail tool ([`MEMBER_COLUMNS`], by
/// name; `bom` starts the file with a UTF-8 byte-order mark for Excel). Members without an
/// email and those who unsubscribed are left out and counted. The file is the user's alone
/// (0600) and replaces `path` only once whole.
pub fn export_members(store: &Store, id: &str, path: &Path, bom: bool) -> Result<MemberExport> {
    campaign(store, id)?;
    let io = |e: std::io::Error| Error::Io {
        path: path.display().to_string(),
        source: e,
    };
    let rows = store.campaign_mail_rows(id)?;
    let tmp = crate::files::temp_beside(path).map_err(io)?;
    let (mut written, mut no_email, mut unsubscribed) = (0, 0, 0);
    {
        let mut file = std::io::BufWriter::new(tmp.as_file());
        if bom {
            file.write_all(b"\xEF\xBB\xBF").map_err(io)?;
        }
        let mut out = csv::Writer::from_writer(file);
        let csv_err = |e: csv::Error| io(std::io::Error::other(e));
        out.write_record(MEMBER_COLUMNS).map_err(csv_err)?;
        for r in rows {
            if r.status.as_deref() == Some("unsubscribed") {
                unsubscribed += 1;
                continue;
            }
            let Some(email) = r.email.filter(|e| !e.trim().is_empty()) else {
                no_email += 1;
                continue;
            };
            let cells = [Some(email), r.first_name, r.last_name, r.company, r.status]
                .map(|c| neutralize(c.as_deref().unwrap_or("")).into_owned());
            out.write_record(&cells).map_err(csv_err)?;
            written += 1;
        }
        out.flush().map_err(io)?;
    }
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(MemberExport {
        file: path.display().to_string(),
        written,
        no_email,
        unsubscribed,
        columns: MEMBER_COLUMNS.iter().map(|c| (*c).to_string()).collect(),
    })
}
