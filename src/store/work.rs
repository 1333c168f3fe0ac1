//! The rows a day's work is made of: open tasks by due day, open deals with the day of their
//! last activity, tickets still waiting, the purchases of a few customers, each deal stage's
//! deals for the board, and each ticket status's tickets for the queue with the moments of
//! recent answers. Reads only; `today`, `board` and `tickets` (above the store) decide what
//! they mean.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};

use super::Store;
use super::analytics::{PURCHASE_STATUSES, day_of};
use crate::error::Result;
use crate::model::OrderPoint;

/// An open deal and when anything last happened on it.
#[derive(Debug, Clone)]
pub struct DealTouch {
    /// The deal.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its stage.
    pub stage: String,
    /// Its value in hundredths, if set.
    pub value: Option<i64>,
    /// Its currency, if set.
    pub currency: Option<String>,
    /// The day it was created.
    pub created: NaiveDate,
    /// The day of its latest activity (a call, a meeting, a task done), if any.
    pub last_activity: Option<NaiveDate>,
}

/// A ticket not yet resolved or closed.
#[derive(Debug, Clone)]
pub struct OpenTicket {
    /// The ticket.
    pub id: String,
    /// Its subject.
    pub subject: String,
    /// `new`, `in_progress` or `waiting`.
    pub status: String,
    /// Its priority, if set.
    pub priority: Option<String>,
    /// When it was opened (else created).
    pub opened_at: DateTime<Utc>,
    /// When someone first answered it, if anyone has.
    pub first_response_at: Option<DateTime<Utc>>,
}

/// A customer the stored figures call valuable, with those figures.
#[derive(Debug, Clone)]
pub struct ValuedCustomer {
    /// The contact.
    pub contact_id: String,
    /// Orders counted by the last analysis.
    pub orders: i64,
    /// Their spend in hundredths.
    pub spend: i64,
}

impl Store {
    /// The ids of live tasks not done that fall due from `from` (when given) up to `until`
    /// (inclusive), soonest first (by day, then time, then priority), at most `limit` of them,
    /// and how many there are in all.
    pub fn open_tasks(
        &self,
        from: Option<NaiveDate>,
        until: NaiveDate,
        limit: usize,
    ) -> Result<(Vec<String>, u64)> {
        let from = from.map(|d| d.to_string());
        let until = until.to_string();
        // The same conditions as the partial index `activity_open_tasks`, so it serves them.
        let open = "kind = 'task' AND deleted_at IS NULL AND coalesce(done, 0) = 0
                    AND due_on <= ?1 AND (?2 IS NULL OR due_on >= ?2)";
        let total: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM activity WHERE {open}"),
            params![until, from],
            |r| r.get(0),
        )?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT id FROM activity WHERE {open}
             ORDER BY due_on, due_time IS NULL, due_time,
                      CASE priority WHEN 'high' THEN 0 WHEN 'low' THEN 2 ELSE 1 END, rowid
             LIMIT ?3"
        ))?;
        let ids = stmt
            .query_map(params![until, from, limit as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok((ids, total.max(0) as u64))
    }

    /// The ids of the contacts, deals and tickets that a live open task is about.
    pub fn open_task_subjects(&self) -> Result<std::collections::HashSet<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT contact_id, deal_id, ticket_id FROM activity
             WHERE kind = 'task' AND deleted_at IS NULL AND coalesce(done, 0) = 0",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = std::collections::HashSet::new();
        while let Some(r) = rows.next()? {
            for i in 0..3 {
                if let Some(id) = r.get::<_, Option<String>>(i)? {
                    out.insert(id);
                }
            }
        }
        Ok(out)
    }

    /// Every live open deal (not won or lost) with the day of its latest live activity.
    pub fn open_deal_touches(&self) -> Result<Vec<DealTouch>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id, d.title, d.stage, d.value, d.currency, d.created_at,
                    (SELECT max(coalesce(a.occurred_at, CASE WHEN a.done THEN a.due_on END))
                     FROM activity a WHERE a.deal_id = d.id AND a.deleted_at IS NULL)
             FROM deal d
             WHERE d.deleted_at IS NULL AND d.stage NOT IN ('won', 'lost')",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let Some(created) = day_of(r.get(5)?) else {
                continue;
            };
            out.push(DealTouch {
                id: r.get(0)?,
                title: r.get(1)?,
                stage: r.get(2)?,
                value: r.get(3)?,
                currency: r.get(4)?,
                created,
                last_activity: day_of(r.get(6)?),
            });
        }
        Ok(out)
    }

    /// Every live ticket still open: new, in progress or waiting.
    pub fn open_tickets(&self) -> Result<Vec<OpenTicket>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, subject, status, priority, coalesce(opened_at, created_at),
                    first_response_at
             FROM ticket
             WHERE deleted_at IS NULL AND status IN ('new', 'in_progress', 'waiting')",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let opened: String = r.get(4)?;
            let Ok(opened_at) = DateTime::parse_from_rfc3339(&opened) else {
                continue;
            };
            out.push(OpenTicket {
                id: r.get(0)?,
                subject: r.get(1)?,
                status: r.get(2)?,
                priority: r.get(3)?,
                opened_at: opened_at.with_timezone(&Utc),
                first_response_at: instant(r.get::<_, Option<String>>(5)?.as_deref()),
            });
        }
        Ok(out)
    }

    /// The `limit` customers who spent most, among those who bought more than once, by the
    /// last stored analysis (none before it ran).
    pub fn top_repeat_customers(&self, limit: usize) -> Result<Vec<ValuedCustomer>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT contact_id, orders, spend FROM customer_metric
             WHERE orders >= 2 AND spend IS NOT NULL
             ORDER BY spend DESC, contact_id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map(params![limit as i64], |r| {
            Ok(ValuedCustomer {
                contact_id: r.get(0)?,
                orders: r.get(1)?,
                spend: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The purchases of these contacts (what [`Store::purchases`] counts: live orders of a
    /// standing sale with a non-zero total and a readable date), amounts in major units.
    pub fn purchases_of(&self, contact_ids: &[&str]) -> Result<Vec<OrderPoint>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT ordered_on, total, status FROM orders
             WHERE contact_id = ?1 AND deleted_at IS NULL AND total IS NOT NULL AND total != 0",
        )?;
        let mut out = Vec::new();
        for id in contact_ids {
            let mut rows = stmt.query(params![id])?;
            while let Some(r) = rows.next()? {
                let status: Option<String> = r.get(2)?;
                if status
                    .as_deref()
                    .is_some_and(|s| !PURCHASE_STATUSES.contains(&s))
                {
                    continue;
                }
                let Some(date) = day_of(r.get(0)?) else {
                    continue;
                };
                out.push(OrderPoint {
                    customer_id: (*id).to_string(),
                    date,
                    amount: r.get::<_, i64>(1)? as f64 / 100.0,
                });
            }
        }
        Ok(out)
    }
}

/// One stage's deals as the board shows them.
#[derive(Debug, Clone, Default)]
pub struct StageDeals {
    /// The first deals (most valuable first), by id.
    pub ids: Vec<String>,
    /// All the stage's deals (closed ones since the day asked for).
    pub count: u64,
    /// Their value in hundredths.
    pub value: i64,
    /// Their value weighted by each deal's probability (its stage's when unset), in hundredths.
    pub weighted: f64,
}

impl Store {
    /// The live deals at `stage` (won and lost ones closed on or after `closed_since`, when
    /// given), the `limit` most valuable first, with the stage's count and sums. `default_p` is
    /// the stage's probability, for deals without their own.
    pub fn stage_deals(
        &self,
        stage: &str,
        closed_since: Option<NaiveDate>,
        default_p: i64,
        limit: usize,
    ) -> Result<StageDeals> {
        let since = closed_since.map(|d| d.to_string());
        let live = "deleted_at IS NULL AND stage = ?1
                    AND (?2 IS NULL OR coalesce(closed_on, substr(updated_at, 1, 10)) >= ?2)";
        let (count, value, weighted) = self.conn.query_row(
            &format!(
                "SELECT count(*), coalesce(sum(value), 0),
                        coalesce(sum(value * coalesce(probability, ?3) / 100.0), 0)
                 FROM deal WHERE {live}"
            ),
            params![stage, since, default_p],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, f64>(2)?,
                ))
            },
        )?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT id FROM deal WHERE {live}
             ORDER BY value IS NULL, value DESC, expected_close, rowid LIMIT ?3"
        ))?;
        let ids = stmt
            .query_map(params![stage, since, limit as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(StageDeals {
            ids,
            count: count.max(0) as u64,
            value,
            weighted,
        })
    }

    /// The stored lead scores of these deals (those the last run scored).
    pub fn deal_scores(&self, ids: &[String]) -> Result<HashMap<String, i64>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT score FROM deal_score WHERE deal_id = ?1")?;
        let mut out = HashMap::new();
        for id in ids {
            if let Some(score) = stmt
                .query_row(params![id], |r| r.get::<_, i64>(0))
                .optional()?
            {
                out.insert(id.clone(), score);
            }
        }
        Ok(out)
    }
}

/// One status's tickets as the queue shows them.
#[derive(Debug, Clone, Default)]
pub struct StatusTickets {
    /// The first tickets, by id: open ones most urgent and then oldest first, resolved and
    /// closed ones most recently resolved first.
    pub ids: Vec<String>,
    /// All the status's tickets (resolved and closed ones since the day asked for).
    pub count: u64,
}

/// When a ticket was opened, first answered and resolved (the last two when they were).
#[derive(Debug, Clone)]
pub struct TicketMoments {
    /// Opened (else created).
    pub opened_at: DateTime<Utc>,
    /// First answered.
    pub first_response_at: Option<DateTime<Utc>>,
    /// Resolved.
    pub resolved_at: Option<DateTime<Utc>>,
}

/// An RFC 3339 instant as stored, if it reads as one.
fn instant(text: Option<&str>) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text?)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

impl Store {
    /// The live tickets at `status` (resolved and closed ones resolved on or after
    /// `resolved_since`, when given), the first `limit` in queue order, with the count.
    pub fn status_tickets(
        &self,
        status: &str,
        resolved_since: Option<NaiveDate>,
        limit: usize,
    ) -> Result<StatusTickets> {
        let since = resolved_since.map(|d| d.to_string());
        let live = "deleted_at IS NULL AND status = ?1
                    AND (?2 IS NULL OR coalesce(resolved_at, updated_at) >= ?2)";
        let count: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM ticket WHERE {live}"),
            params![status, since],
            |r| r.get(0),
        )?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT id FROM ticket WHERE {live}
             ORDER BY CASE WHEN ?2 IS NULL THEN
                        CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1
                                      WHEN 'low' THEN 3 ELSE 2 END
                      END,
                      CASE WHEN ?2 IS NULL THEN coalesce(opened_at, created_at) END,
                      coalesce(resolved_at, updated_at) DESC, rowid
             LIMIT ?3"
        ))?;
        let ids = stmt
            .query_map(params![status, since, limit as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(StatusTickets {
            ids,
            count: count.max(0) as u64,
        })
    }

    /// The live tickets first answered or resolved at or after `since` (an RFC 3339 instant),
    /// with their moments.
    pub fn answered_tickets(&self, since: &str) -> Result<Vec<TicketMoments>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT coalesce(opened_at, created_at), first_response_at, resolved_at FROM ticket
             WHERE deleted_at IS NULL AND (first_response_at >= ?1 OR resolved_at >= ?1)",
        )?;
        let mut rows = stmt.query(params![since])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let Some(opened_at) = instant(r.get::<_, Option<String>>(0)?.as_deref()) else {
                continue;
            };
            out.push(TicketMoments {
                opened_at,
                first_response_at: instant(r.get::<_, Option<String>>(1)?.as_deref()),
                resolved_at: instant(r.get::<_, Option<String>>(2)?.as_deref()),
            });
        }
        Ok(out)
    }
}
