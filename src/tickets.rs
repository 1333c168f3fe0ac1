//! The ticket queue: a column per status (new, in progress, waiting, resolved, and closed in the
//! last days), each ticket a card with its priority, its category (or the one the user's own
//! tickets suggest, marked as suggested), its age, and when its first response and resolution
//! are due by its priority's targets ([`crate::kinds::TICKET_TARGETS`], the same ones Today
//! suggests late tickets by), overdue ones marked. Above the columns, the figures of the
//! service: open and overdue tickets, and the median times to first response and to resolution
//! over the last days.
//!
//! A move through the queue is an ordinary edit of the ticket's status (history and undo as for
//! any edit); the store stamps the first response, the resolution, and takes the resolution
//! back when a ticket is reopened. Closing asks the customer's satisfaction: a rating (1–5)
//! and a comment become a survey feedback about the ticket and its contact, written with the
//! closing in one transaction.
//!
//! The caller gives the user's wall time (`now`) and its offset from UTC
//! (`QueueOptions::utc_offset_minutes`); tickets' moments are stored in UTC and compared with
//! the same moment, so a ticket opened an hour ago has waited an hour in any time zone.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, SecondsFormat, Utc};
use serde::Serialize;

use crate::analytics::satisfaction::{CategorisedTicket, SatisfactionNote, TicketClassifier};
use crate::error::{Error, IssueCode, Result};
use crate::kinds::{TICKET_STATUSES, TICKET_TARGETS, TicketTarget, ticket_is_open, ticket_target};
use crate::model::{EntityRecord, Input, Kind, Said, Value};
use crate::store::Store;

/// What the queue shows.
#[derive(Debug, Clone, Copy)]
pub struct QueueOptions {
    /// Most cards in a column (the column's count has them all).
    pub cards: usize,
    /// Resolved and closed tickets resolved in this many days before now are shown.
    pub closed_days: u32,
    /// The median times are over tickets answered or resolved in this many days before now.
    pub figure_days: u32,
    /// How far the user's wall time is ahead of UTC, in minutes (480 in China): `now` less
    /// this is the moment tickets' stored UTC times are compared with.
    pub utc_offset_minutes: i32,
}

impl Default for QueueOptions {
    fn default() -> Self {
        QueueOptions {
            cards: 200,
            closed_days: 30,
            figure_days: 30,
            utc_offset_minutes: 0,
        }
    }
}

/// The tickets by status, and how the service is doing.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TicketQueue {
    /// The moment it was made at (the user's wall time, `YYYY-MM-DDTHH:MM:SS`).
    pub now: String,
    /// Resolved and closed columns hold tickets resolved on or after this day.
    pub closed_since: NaiveDate,
    /// The statuses in queue order.
    pub columns: Vec<QueueColumn>,
    /// Open and overdue tickets, and the median times.
    pub figures: QueueFigures,
    /// The response and resolution targets by priority, most urgent first.
    pub targets: Vec<TicketTarget>,
    /// Why no category is suggested, when none can be (too few categorised tickets).
    pub category_note: Option<Said<SatisfactionNote>>,
}

/// One status of the queue.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QueueColumn {
    /// The status (`new`, `in_progress`, `waiting`, `resolved`, `closed`).
    pub status: String,
    /// Whether tickets here are still to be dealt with (new, in progress, waiting).
    pub open: bool,
    /// Tickets in the column (all of them, not only the cards).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub count: u64,
    /// Of them, those past a target (open columns only).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub overdue: u64,
    /// The first tickets: open ones most urgent and then oldest first, the others most
    /// recently resolved first.
    pub cards: Vec<QueueCard>,
}

/// A ticket in the queue.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QueueCard {
    /// The ticket.
    pub ticket: EntityRecord,
    /// Its priority (`normal` when none is set).
    pub priority: String,
    /// The category the user gave it, else the one its words suggest.
    pub category: Option<String>,
    /// Whether `category` is a suggestion learned from the user's categorised tickets.
    pub category_suggested: bool,
    /// Hours since it was opened (until its resolution, once resolved).
    pub age_hours: f64,
    /// When the first response is due (RFC 3339, UTC), while nobody has answered.
    pub response_due: Option<String>,
    /// When the resolution is due (RFC 3339, UTC), while it is open.
    pub resolution_due: Option<String>,
    /// Not answered and past the response target.
    pub response_overdue: bool,
    /// Open and past the resolution target.
    pub resolution_overdue: bool,
    /// Hours from opening to resolution, once resolved.
    pub resolution_hours: Option<f64>,
}

/// How the service is doing.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QueueFigures {
    /// Open tickets (new, in progress, waiting).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub open: u64,
    /// Of them, those past their response or resolution target.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub overdue: u64,
    /// The medians are over this many days before now.
    pub days: u32,
    /// Median hours from opening to the first response, of tickets first answered in those
    /// days.
    pub median_response_hours: Option<f64>,
    /// How many tickets that median is of.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub responded: u64,
    /// Median hours from opening to resolution, of tickets resolved in those days.
    pub median_resolution_hours: Option<f64>,
    /// How many tickets that median is of.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub resolved: u64,
}

/// A ticket closed, and the satisfaction it was given.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClosedTicket {
    /// The ticket, closed.
    pub ticket: EntityRecord,
    /// The survey feedback made of the rating and comment, when either was given.
    pub feedback: Option<EntityRecord>,
}

/// Where a ticket stands against its priority's targets at `now`.
struct Standing {
    response_due: Option<DateTime<Utc>>,
    resolution_due: Option<DateTime<Utc>>,
    response_overdue: bool,
    resolution_overdue: bool,
}

/// A ticket's standing: the response is due while it is new and unanswered, the resolution
/// while it is open; either is overdue once `now` is past it.
fn standing(
    status: &str,
    priority: Option<&str>,
    opened_at: DateTime<Utc>,
    first_response_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Standing {
    let target = ticket_target(priority);
    let open = ticket_is_open(status);
    let response_due = (status == "new" && first_response_at.is_none())
        .then(|| opened_at + Duration::hours(target.response_hours));
    let resolution_due = open.then(|| opened_at + Duration::hours(target.resolution_hours));
    Standing {
        response_due,
        resolution_due,
        response_overdue: response_due.is_some_and(|d| now > d),
        resolution_overdue: resolution_due.is_some_and(|d| now > d),
    }
}

fn hours_between(from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
    (to - from).num_seconds() as f64 / 3600.0
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn instant(record: &EntityRecord, field: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(&record.text(field)?)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// The middle value (the mean of the two middle ones for an even count), if any.
fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

/// The queue at the user's wall time `now`.
pub fn ticket_queue(store: &Store, now: NaiveDateTime, opts: &QueueOptions) -> Result<TicketQueue> {
    let at = crate::walltime::in_utc(now, opts.utc_offset_minutes);
    let closed_since = (at - Duration::days(i64::from(opts.closed_days))).date_naive();

    // The category suggestions, learned from the user's own categorised tickets.
    let tickets = store.ticket_rows()?;
    let categorised: Vec<CategorisedTicket> = tickets
        .iter()
        .filter_map(|t| {
            t.category
                .as_ref()
                .filter(|c| !c.is_empty())
                .map(|c| CategorisedTicket {
                    subject: t.subject.clone(),
                    body: t.description.clone(),
                    category: c.clone(),
                })
        })
        .collect();
    let (classifier, category_note) = match TicketClassifier::train(&categorised) {
        Ok(model) => (Some(model), None),
        Err(e) => (None, Some(SatisfactionNote::from(&e).into())),
    };

    // Overdue counts from every open ticket, not only the cards shown.
    let mut overdue_by_status = std::collections::HashMap::<String, u64>::new();
    let mut open = 0;
    for t in store.open_tickets()? {
        open += 1;
        let s = standing(
            &t.status,
            t.priority.as_deref(),
            t.opened_at,
            t.first_response_at,
            at,
        );
        if s.response_overdue || s.resolution_overdue {
            *overdue_by_status.entry(t.status).or_default() += 1;
        }
    }

    let mut columns = Vec::with_capacity(TICKET_STATUSES.len());
    for status in TICKET_STATUSES {
        let is_open = ticket_is_open(status);
        let found = store.status_tickets(status, (!is_open).then_some(closed_since), opts.cards)?;
        let cards = found
            .ids
            .iter()
            .map(|id| {
                let ticket = store.get_record(Kind::Ticket, id)?;
                Ok(card(ticket, status, classifier.as_ref(), at))
            })
            .collect::<Result<Vec<_>>>()?;
        columns.push(QueueColumn {
            status: status.to_string(),
            open: is_open,
            count: found.count,
            overdue: overdue_by_status.get(status).copied().unwrap_or(0),
            cards,
        });
    }

    let since = at - Duration::days(i64::from(opts.figure_days));
    let moments = store.answered_tickets(&rfc3339(since))?;
    let in_window = |t: &Option<DateTime<Utc>>| t.filter(|t| *t >= since && *t <= at);
    let responses: Vec<f64> = moments
        .iter()
        .filter_map(|m| in_window(&m.first_response_at).map(|r| hours_between(m.opened_at, r)))
        .filter(|h| *h >= 0.0)
        .collect();
    let resolutions: Vec<f64> = moments
        .iter()
        .filter_map(|m| in_window(&m.resolved_at).map(|r| hours_between(m.opened_at, r)))
        .filter(|h| *h >= 0.0)
        .collect();
    let figures = QueueFigures {
        open,
        overdue: overdue_by_status.values().sum(),
        days: opts.figure_days,
        responded: responses.len() as u64,
        median_response_hours: median(responses),
        resolved: resolutions.len() as u64,
        median_resolution_hours: median(resolutions),
    };

    Ok(TicketQueue {
        now: now.format("%Y-%m-%dT%H:%M:%S").to_string(),
        closed_since,
        columns,
        figures,
        targets: TICKET_TARGETS.to_vec(),
        category_note,
    })
}

/// A ticket as its card shows it.
fn card(
    ticket: EntityRecord,
    status: &str,
    classifier: Option<&TicketClassifier>,
    now: DateTime<Utc>,
) -> QueueCard {
    let priority = ticket.text("priority");
    let opened_at = instant(&ticket, "opened_at")
        .or_else(|| {
            DateTime::parse_from_rfc3339(&ticket.created_at)
                .ok()
                .map(|t| t.with_timezone(&Utc))
        })
        .unwrap_or(now);
    let resolved_at = instant(&ticket, "resolved_at").filter(|_| !ticket_is_open(status));
    let s = standing(
        status,
        priority.as_deref(),
        opened_at,
        instant(&ticket, "first_response_at"),
        now,
    );
    let given = ticket.text("category").filter(|c| !c.is_empty());
    let suggested = match (&given, classifier) {
        (None, Some(model)) => {
            let body = ticket.text("description").unwrap_or_default();
            model.predict(&ticket.title, &body).suggestion
        }
        _ => None,
    };
    QueueCard {
        priority: priority.unwrap_or_else(|| "normal".to_string()),
        category_suggested: given.is_none() && suggested.is_some(),
        category: given.or(suggested),
        age_hours: hours_between(opened_at, resolved_at.unwrap_or(now)).max(0.0),
        response_due: s.response_due.map(rfc3339),
        resolution_due: s.resolution_due.map(rfc3339),
        response_overdue: s.response_overdue,
        resolution_overdue: s.resolution_overdue,
        resolution_hours: resolved_at.map(|r| hours_between(opened_at, r).max(0.0)),
        ticket,
    }
}

/// A status as the user may type it: one of the queue's (`in progress` for `in_progress`), or
/// the first queue's `open` (new) and `pending` (waiting).
pub fn parse_status(text: &str) -> Result<&'static str> {
    let wanted = text.trim().to_lowercase().replace([' ', '-'], "_");
    let legacy = match wanted.as_str() {
        "open" => Some("new"),
        "pending" => Some("waiting"),
        _ => None,
    };
    legacy
        .or_else(|| TICKET_STATUSES.iter().find(|s| **s == wanted).copied())
        .ok_or_else(|| {
            Error::invalid(
                "status",
                format!(
                    "'{text}' is not a ticket status (one of: {})",
                    TICKET_STATUSES.join(", ")
                ),
            )
        })
}

/// The live ticket `id`, or why not.
fn live_ticket(store: &Store, id: &str) -> Result<EntityRecord> {
    let ticket = store.get_record(Kind::Ticket, id)?;
    if ticket.deleted_at.is_some() {
        return Err(Error::coded(
            "id",
            IssueCode::TicketDeleted { id: id.to_string() },
        ));
    }
    Ok(ticket)
}

/// Moves a ticket to `status` (see [`parse_status`]) as an edit of its status: history and undo
/// as for any edit, and the store's stamps (first response, resolution, reopening). A ticket
/// already there is returned as it is.
pub fn ticket_move(store: &mut Store, id: &str, status: &str) -> Result<EntityRecord> {
    let status = parse_status(status)?;
    let ticket = live_ticket(store, id)?;
    if ticket.text("status").as_deref() == Some(status) {
        return Ok(ticket);
    }
    let input = Input::from([("status".to_string(), status.to_string())]);
    store.update_record(Kind::Ticket, id, &input)
}

/// Closes a ticket and keeps what the customer thought of it: with a `rating` (1–5) or a
/// `comment`, a survey feedback about the ticket, its contact and its order, received now. Both
/// are written in one transaction (neither without the other). A ticket already closed stays
/// closed; the feedback is still kept.
pub fn ticket_close(
    store: &mut Store,
    id: &str,
    rating: Option<i64>,
    comment: Option<&str>,
) -> Result<ClosedTicket> {
    if let Some(r) = rating
        && !(1..=5).contains(&r)
    {
        return Err(Error::coded("rating", IssueCode::Rating { rating: r }));
    }
    let comment = comment.map(str::trim).filter(|c| !c.is_empty());
    let ticket = live_ticket(store, id)?;
    let feedback = (rating.is_some() || comment.is_some()).then(|| {
        let mut input = Input::from([
            ("ticket_id".to_string(), id.to_string()),
            ("channel".to_string(), "survey".to_string()),
        ]);
        for field in ["contact_id", "order_id"] {
            if let Some(Value::Text(v)) = ticket.values.get(field) {
                input.insert(field.to_string(), v.clone());
            }
        }
        if let Some(r) = rating {
            input.insert("rating".to_string(), r.to_string());
        }
        if let Some(c) = comment {
            input.insert("comment".to_string(), c.to_string());
        }
        input
    });
    let close = ticket.text("status").as_deref() != Some("closed");
    let feedback_id = store.write(|w| {
        if close {
            let input = Input::from([("status".to_string(), "closed".to_string())]);
            w.update(Kind::Ticket, id, &input)?;
        }
        feedback
            .as_ref()
            .map(|input| w.create(Kind::Feedback, input))
            .transpose()
    })?;
    Ok(ClosedTicket {
        ticket: store.get_record(Kind::Ticket, id)?,
        feedback: feedback_id
            .map(|f| store.get_record(Kind::Feedback, &f))
            .transpose()?,
    })
}
