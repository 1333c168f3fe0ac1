//! A day's work: the open tasks by when they fall due (overdue, today, the days ahead), the
//! task verbs people use (add, done, follow up in N days), and work the records point to, each
//! with its reason: valuable customers whose chance of buying again is falling (the stored
//! BG/NBD model), open deals nobody has touched for two weeks, and tickets waiting past the
//! target for their priority; a record that already has an open task is not suggested.
//!
//! The caller gives the local wall time (`now`): "today" is the user's day, not UTC's.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, SecondsFormat, Utc};
use serde::Serialize;

use crate::analytics::clv::{self, BgNbd, Period};
use crate::error::{Error, IssueCode, Result};
use crate::kinds::ticket_target;
use crate::model::{EntityRecord, Input, Kind, Said, Value};
use crate::store::Store;

/// How much of the day's work to gather.
#[derive(Debug, Clone, Copy)]
pub struct TodayOptions {
    /// Days after today that count as upcoming.
    pub upcoming_days: u32,
    /// Most tasks listed in each part (the totals count them all).
    pub limit: usize,
    /// Most suggestions of each sort.
    pub suggestions: usize,
    /// How far the user's wall time is ahead of UTC, in minutes: how long a ticket (stored in
    /// UTC) has waited is measured from the same moment.
    pub utc_offset_minutes: i32,
}

impl Default for TodayOptions {
    fn default() -> Self {
        TodayOptions {
            upcoming_days: 7,
            limit: 200,
            suggestions: 5,
            utc_offset_minutes: 0,
        }
    }
}

/// Open deals untouched for this many days are suggested.
pub const IDLE_DEAL_DAYS: i64 = 14;

/// Among this many of the biggest repeat spenders, Today looks for those slipping away.
const VALUABLE_CUSTOMERS: usize = 200;
/// Over how many days the chance of buying again is compared.
const FALLING_OVER_DAYS: i64 = 30;
/// A customer is suggested when the chance is below this …
const AT_RISK_BELOW: f64 = 0.6;
/// … and fell by at least this much over [`FALLING_OVER_DAYS`].
const FALLING_BY: f64 = 0.05;

/// Open tasks by when they fall due, and what else deserves attention today.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Today {
    /// The user's day.
    pub day: NaiveDate,
    /// The wall time it was made at (`HH:MM`): a task due today before it is late.
    pub time: String,
    /// Tasks due before today, oldest first.
    pub overdue: Vec<EntityRecord>,
    /// All tasks due before today (`overdue` lists the first of them).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub overdue_total: u64,
    /// Tasks due today, by time (untimed last), then priority.
    pub due_today: Vec<EntityRecord>,
    /// All tasks due today.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub due_today_total: u64,
    /// Tasks due in the next `upcoming_days` days.
    pub upcoming: Vec<EntityRecord>,
    /// All tasks due in those days.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub upcoming_total: u64,
    /// How many days ahead `upcoming` looks.
    pub upcoming_days: u32,
    /// Work the records point to, most pressing first within each sort.
    pub suggestions: Vec<Suggestion>,
    /// Why a sort of suggestion could not be made (the analyses never ran, say).
    pub notes: Vec<Said<TodayNote>>,
}

/// Why a sort of suggestion could not be made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum TodayNote {
    /// No customer slipping away can be found without the lifetime-value model.
    NoPurchaseModel,
}

impl std::fmt::Display for TodayNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TodayNote::NoPurchaseModel => f.write_str(
                "Customers slipping away are found with the lifetime-value model: recompute \
                 the analyses once there are repeat purchases.",
            ),
        }
    }
}

/// What a suggestion is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SuggestionKind {
    /// A valuable customer whose chance of buying again is falling.
    CustomerSlipping,
    /// An open deal with no activity for [`IDLE_DEAL_DAYS`] days.
    DealIdle,
    /// A ticket waiting longer than its priority's target.
    TicketLate,
}

/// One piece of work the data points to.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Suggestion {
    /// What sort of suggestion.
    pub kind: SuggestionKind,
    /// The record it is about.
    pub record_kind: Kind,
    /// Its id.
    pub record_id: String,
    /// Its title.
    pub title: String,
    /// Why, in a sentence with the figures.
    pub reason: String,
    /// The figures behind it, by name (`p_alive_now`, `p_alive_before`, `spend`, `orders`,
    /// `idle_days`, `value`, `waited_hours`, `target_hours`), for the UI to format.
    pub figures: HashMap<String, f64>,
}

/// The day's tasks and suggestions at local wall time `now`.
pub fn today(store: &Store, now: NaiveDateTime, opts: &TodayOptions) -> Result<Today> {
    let day = now.date();
    let records = |ids: Vec<String>| -> Result<Vec<EntityRecord>> {
        ids.iter()
            .map(|id| store.get_record(Kind::Activity, id))
            .collect()
    };
    let (overdue, overdue_total) = store.open_tasks(None, day - Duration::days(1), opts.limit)?;
    let (due_today, due_today_total) = store.open_tasks(Some(day), day, opts.limit)?;
    let (upcoming, upcoming_total) = store.open_tasks(
        Some(day + Duration::days(1)),
        day + Duration::days(i64::from(opts.upcoming_days)),
        opts.limit,
    )?;
    let mut notes = Vec::new();
    // What already has an open task is on the list: it is not suggested again.
    let planned = store.open_task_subjects()?;
    let mut suggestions = slipping_customers(store, day, &planned, opts.suggestions, &mut notes)?;
    suggestions.extend(idle_deals(store, day, &planned, opts.suggestions)?);
    let at = crate::walltime::in_utc(now, opts.utc_offset_minutes);
    suggestions.extend(late_tickets(store, at, &planned, opts.suggestions)?);
    Ok(Today {
        day,
        time: now.format("%H:%M").to_string(),
        overdue: records(overdue)?,
        overdue_total,
        due_today: records(due_today)?,
        due_today_total,
        upcoming: records(upcoming)?,
        upcoming_total,
        upcoming_days: opts.upcoming_days,
        suggestions,
        notes,
    })
}

/// Valuable repeat customers whose chance of buying again (BG/NBD P(alive), from the stored
/// lifetime-value model) is below 60 % and fell over the last 30 days; the biggest spenders
/// with the steepest fall first.
fn slipping_customers(
    store: &Store,
    day: NaiveDate,
    planned: &HashSet<String>,
    limit: usize,
    notes: &mut Vec<Said<TodayNote>>,
) -> Result<Vec<Suggestion>> {
    let model = store
        .analytics_run("clv")?
        .and_then(|run| serde_json::from_str::<serde_json::Value>(&run.report).ok())
        .and_then(|mut report| {
            serde_json::from_value::<BgNbd>(report["purchase_model"].take()).ok()
        });
    let Some(model) = model else {
        notes.push(TodayNote::NoPurchaseModel.into());
        return Ok(Vec::new());
    };
    let valued = store.top_repeat_customers(VALUABLE_CUSTOMERS)?;
    let ids: Vec<&str> = valued.iter().map(|c| c.contact_id.as_str()).collect();
    let orders = store.purchases_of(&ids)?;
    let before = day - Duration::days(FALLING_OVER_DAYS);
    let chance = |end: NaiveDate| -> HashMap<String, f64> {
        chances(&model, &clv::summarize(&orders, end, Period::Days))
    };
    let (now, then) = (chance(day), chance(before));
    let names: HashMap<String, String> = store.contact_names(&ids)?.into_iter().collect();
    let currency = currency_suffix(store.purchases_currency()?.as_deref());
    let mut found: Vec<(f64, Suggestion)> = Vec::new();
    for customer in valued.iter().filter(|c| !planned.contains(&c.contact_id)) {
        let id = &customer.contact_id;
        let (Some(&now), Some(&then), Some(name)) = (now.get(id), then.get(id), names.get(id))
        else {
            continue;
        };
        if now >= AT_RISK_BELOW || then - now < FALLING_BY {
            continue;
        }
        let spend = customer.spend as f64 / 100.0;
        let last = orders
            .iter()
            .filter(|o| o.customer_id == *id && o.date <= day)
            .map(|o| o.date)
            .max();
        let reason = format!(
            "Bought {} times for {}{currency} in all; the chance they buy again fell from \
             {:.0}% to {:.0}% over the last {FALLING_OVER_DAYS} days{}.",
            customer.orders,
            amount(spend),
            then * 100.0,
            now * 100.0,
            last.map(|d| format!(" (last order {d})"))
                .unwrap_or_default()
        );
        let figures = HashMap::from([
            ("p_alive_now".to_string(), now),
            ("p_alive_before".to_string(), then),
            ("spend".to_string(), spend),
            ("orders".to_string(), customer.orders as f64),
        ]);
        found.push((
            spend * (then - now),
            Suggestion {
                kind: SuggestionKind::CustomerSlipping,
                record_kind: Kind::Contact,
                record_id: id.clone(),
                title: name.clone(),
                reason,
                figures,
            },
        ));
    }
    Ok(most_pressing(found, limit))
}

/// P(alive) of every customer of a summary (one the model cannot value is left out).
fn chances(model: &BgNbd, summary: &clv::Summary) -> HashMap<String, f64> {
    summary
        .customers
        .iter()
        .filter_map(|c| Some((c.customer_id.clone(), model.p_alive(&c.rfm).ok()?)))
        .collect()
}

/// Open deals with no activity for [`IDLE_DEAL_DAYS`] days (counted from their creation when
/// they never had one); the most valuable first, then the longest idle.
fn idle_deals(
    store: &Store,
    day: NaiveDate,
    planned: &HashSet<String>,
    limit: usize,
) -> Result<Vec<Suggestion>> {
    let mut found = Vec::new();
    for deal in store.open_deal_touches()? {
        if planned.contains(&deal.id) {
            continue;
        }
        // An imported deal was created in Kith today, but its activities say when it last
        // moved: they count first.
        let since = deal.last_activity.unwrap_or(deal.created);
        let idle = (day - since).num_days();
        if idle < IDLE_DEAL_DAYS {
            continue;
        }
        let value = deal.value.unwrap_or(0) as f64 / 100.0;
        let worth = if deal.value.is_some() {
            format!(
                ", worth {}{}",
                amount(value),
                currency_suffix(deal.currency.as_deref())
            )
        } else {
            String::new()
        };
        let reason = match deal.last_activity {
            Some(last) => format!(
                "No activity for {idle} days (last on {last}); at stage {}{worth}.",
                deal.stage
            ),
            None => format!(
                "No activity since it was created {idle} days ago; at stage {}{worth}.",
                deal.stage
            ),
        };
        let figures = HashMap::from([
            ("idle_days".to_string(), idle as f64),
            ("value".to_string(), value),
        ]);
        found.push((
            value + idle as f64 / 1e6,
            Suggestion {
                kind: SuggestionKind::DealIdle,
                record_kind: Kind::Deal,
                record_id: deal.id,
                title: deal.title,
                reason,
                figures,
            },
        ));
    }
    Ok(most_pressing(found, limit))
}

/// Tickets still open (new, in progress or waiting) longer than their priority's resolution
/// target (the one the ticket queue marks overdue by), the furthest past it (as a share of the
/// target) first.
fn late_tickets(
    store: &Store,
    now: DateTime<Utc>,
    planned: &HashSet<String>,
    limit: usize,
) -> Result<Vec<Suggestion>> {
    let mut found = Vec::new();
    for ticket in store.open_tickets()? {
        if planned.contains(&ticket.id) {
            continue;
        }
        let waited = (now - ticket.opened_at).num_minutes() as f64 / 60.0;
        let target = ticket_target(ticket.priority.as_deref()).resolution_hours as f64;
        if waited <= target {
            continue;
        }
        let priority = ticket.priority.as_deref().unwrap_or("normal");
        let reason = format!(
            "{} for {}; the target for {priority} priority is {}.",
            if ticket.status == "waiting" {
                "Waiting"
            } else {
                "Open"
            },
            hours(waited),
            hours(target)
        );
        let figures = HashMap::from([
            ("waited_hours".to_string(), waited),
            ("target_hours".to_string(), target),
        ]);
        found.push((
            waited / target,
            Suggestion {
                kind: SuggestionKind::TicketLate,
                record_kind: Kind::Ticket,
                record_id: ticket.id,
                title: ticket.subject,
                reason,
                figures,
            },
        ));
    }
    Ok(most_pressing(found, limit))
}

/// The `limit` suggestions with the highest weight, highest first.
fn most_pressing(mut found: Vec<(f64, Suggestion)>, limit: usize) -> Vec<Suggestion> {
    found.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| a.1.record_id.cmp(&b.1.record_id))
    });
    found.into_iter().take(limit).map(|(_, s)| s).collect()
}

/// An amount with thousands separators and no currency (`12,400` or `12,400.50`).
fn amount(value: f64) -> String {
    let cents = (value * 100.0).round() as i64;
    let whole = (cents / 100).abs().to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if cents < 0 { "-" } else { "" };
    match cents.abs() % 100 {
        0 => format!("{sign}{grouped}"),
        rest => format!("{sign}{grouped}.{rest:02}"),
    }
}

fn currency_suffix(currency: Option<&str>) -> String {
    currency.map(|c| format!(" {c}")).unwrap_or_default()
}

/// Hours as people say them: `3 hours`, `2 days`, `1 day and 5 hours`.
fn hours(h: f64) -> String {
    let h = h.floor() as i64;
    let plural = |n: i64, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
    match (h / 24, h % 24) {
        (0, h) => plural(h, "hour"),
        (d, 0) => plural(d, "day"),
        (d, h) => format!("{} and {}", plural(d, "day"), plural(h, "hour")),
    }
}

/// A new task: what to do, when, and what it is about.
#[derive(Debug, Clone, Default)]
pub struct NewTask {
    /// What to do.
    pub subject: String,
    /// The day it is due.
    pub due_on: Option<String>,
    /// The time it is due (`HH:MM`, or anything [`crate::values::parse_time`] reads).
    pub due_time: Option<String>,
    /// `low`, `normal` or `high`.
    pub priority: Option<String>,
    /// The contact, company, deal or ticket it is about (by id).
    pub contact_id: Option<String>,
    /// See `contact_id`.
    pub company_id: Option<String>,
    /// See `contact_id`.
    pub deal_id: Option<String>,
    /// See `contact_id`.
    pub ticket_id: Option<String>,
    /// More about it.
    pub body: Option<String>,
}

/// Adds a task (an activity of kind `task`, not done). Its fields are checked as any record's.
pub fn add_task(store: &mut Store, task: &NewTask) -> Result<EntityRecord> {
    let mut input = Input::from([
        ("kind".to_string(), "task".to_string()),
        ("subject".to_string(), task.subject.clone()),
        ("done".to_string(), "false".to_string()),
    ]);
    for (field, value) in [
        ("due_on", &task.due_on),
        ("due_time", &task.due_time),
        ("priority", &task.priority),
        ("contact_id", &task.contact_id),
        ("company_id", &task.company_id),
        ("deal_id", &task.deal_id),
        ("ticket_id", &task.ticket_id),
        ("body", &task.body),
    ] {
        if let Some(value) = value {
            input.insert(field.to_string(), value.clone());
        }
    }
    store.create_record(Kind::Activity, &input)
}

/// The task `id`, or an error saying the record is not a task.
fn task(store: &Store, id: &str) -> Result<EntityRecord> {
    let record = store.get_record(Kind::Activity, id)?;
    match record.values.get("kind") {
        Some(Value::Text(kind)) if kind == "task" => Ok(record),
        _ => Err(Error::invalid(
            "id",
            format!("{id} is an activity but not a task"),
        )),
    }
}

/// Marks a task done, as happening at `at` (so the timeline shows when). Doing it again
/// changes nothing.
pub fn complete_task(
    store: &mut Store,
    id: &str,
    at: chrono::DateTime<Utc>,
) -> Result<EntityRecord> {
    let record = task(store, id)?;
    if record.values.get("done") == Some(&Value::Bool(true)) {
        return Ok(record);
    }
    let mut input = Input::from([("done".to_string(), "true".to_string())]);
    if record
        .values
        .get("occurred_at")
        .is_none_or(|v| *v == Value::Null)
    {
        input.insert(
            "occurred_at".to_string(),
            at.to_rfc3339_opts(SecondsFormat::Secs, true),
        );
    }
    store.update_record(Kind::Activity, id, &input)
}

/// Marks a task done and adds the next one: "Follow up: …" about the same records, with the
/// same time and priority, due `days` after `day`. Returns the new task.
pub fn follow_up_task(
    store: &mut Store,
    id: &str,
    days: u32,
    day: NaiveDate,
    at: chrono::DateTime<Utc>,
) -> Result<EntityRecord> {
    if !(1..=365).contains(&days) {
        return Err(Error::coded(
            "days",
            IssueCode::FollowUpDays {
                days: i64::from(days),
            },
        ));
    }
    let done = complete_task(store, id, at)?;
    let text = |field: &str| match done.values.get(field) {
        Some(Value::Text(t)) => Some(t.clone()),
        _ => None,
    };
    let subject = text("subject").unwrap_or_default();
    let subject = if subject.starts_with(FOLLOW_UP) {
        subject
    } else {
        format!("{FOLLOW_UP}{subject}")
    };
    add_task(
        store,
        &NewTask {
            subject,
            due_on: Some((day + Duration::days(i64::from(days))).to_string()),
            due_time: text("due_time"),
            priority: text("priority"),
            contact_id: text("contact_id"),
            company_id: text("company_id"),
            deal_id: text("deal_id"),
            ticket_id: text("ticket_id"),
            body: None,
        },
    )
}

/// What a follow-up task's subject starts with.
pub const FOLLOW_UP: &str = "Follow up: ";

#[cfg(test)]
mod tests {
    use super::{amount, hours};
    use crate::kinds::ticket_target;

    #[test]
    fn amounts_and_durations_read_as_people_write_them() {
        assert_eq!(amount(12_400.0), "12,400");
        assert_eq!(amount(1_234_567.5), "1,234,567.50");
        assert_eq!(amount(999.0), "999");
        assert_eq!(amount(-1_000.0), "-1,000");
        assert_eq!(hours(3.9), "3 hours");
        assert_eq!(hours(1.0), "1 hour");
        assert_eq!(hours(48.0), "2 days");
        assert_eq!(hours(29.0), "1 day and 5 hours");
        assert_eq!(ticket_target(Some("urgent")).resolution_hours, 4);
        assert_eq!(ticket_target(None).resolution_hours, 72);
        assert_eq!(ticket_target(Some("unknown")).resolution_hours, 72);
    }
}
