//! What the analytics read from the store: the purchases of each customer.
//!
//! A customer is a contact; a purchase is a live order of that contact whose status says the
//! sale stands (no status, placed, paid, shipped, delivered) and whose total is not zero.
//! Drafts, cancelled and refunded orders (an imported refund row is a refunded order) and
//! free ones are counted as left out, never silently dropped.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::params;

use super::Store;
use super::records::{Reads, title_for};
use crate::error::Result;
use crate::model::{Kind, OrderPoint, Segment};

/// Order statuses whose sale stands.
pub(super) const PURCHASE_STATUSES: [&str; 4] = ["placed", "paid", "shipped", "delivered"];

/// The purchases of every customer, with what was left out and why.
#[derive(Debug, Clone, Default)]
pub struct Purchases {
    /// One point per purchase (amount in major units).
    pub orders: Vec<OrderPoint>,
    /// Live orders without a contact (bought by a company alone): not anyone's purchase.
    pub without_contact: u64,
    /// Live orders in draft, cancelled or refunded.
    pub not_sales: u64,
    /// Live orders without a total.
    pub without_total: u64,
    /// Live orders whose total is zero (free orders, samples): not a purchase.
    pub zero_total: u64,
    /// Live orders whose date could not be read.
    pub bad_dates: u64,
    /// Currencies of the purchases, most used first, with their number of orders.
    pub currencies: Vec<(String, u64)>,
}

impl Store {
    /// Every purchase of every contact (see the module docs for what counts).
    pub fn purchases(&self) -> Result<Purchases> {
        let mut out = Purchases::default();
        let mut currencies: Vec<(String, u64)> = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT contact_id, ordered_on, total, status, currency FROM orders
             WHERE deleted_at IS NULL",
        )?;
        let mut rows = stmt.query(params![])?;
        while let Some(r) = rows.next()? {
            let contact: Option<String> = r.get(0)?;
            let day: String = r.get(1)?;
            let total: Option<i64> = r.get(2)?;
            let status: Option<String> = r.get(3)?;
            let currency: Option<String> = r.get(4)?;
            let Some(contact) = contact else {
                out.without_contact += 1;
                continue;
            };
            if status
                .as_deref()
                .is_some_and(|s| !PURCHASE_STATUSES.contains(&s))
            {
                out.not_sales += 1;
                continue;
            }
            let Some(total) = total else {
                out.without_total += 1;
                continue;
            };
            if total == 0 {
                out.zero_total += 1;
                continue;
            }
            let Some(date) = day_of(Some(day)) else {
                out.bad_dates += 1;
                continue;
            };
            let currency = currency.unwrap_or_default();
            match currencies.iter_mut().find(|(c, _)| *c == currency) {
                Some((_, n)) => *n += 1,
                None => currencies.push((currency, 1)),
            }
            out.orders.push(OrderPoint {
                customer_id: contact,
                date,
                amount: total as f64 / 100.0,
            });
        }
        currencies.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out.currencies = currencies;
        Ok(out)
    }

    /// Display names of contacts by id (ids that are not live contacts are left out).
    pub fn contact_names(&self, ids: &[&str]) -> Result<Vec<(String, String)>> {
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(raw) = self.raw(Kind::Contact, id)?
                && raw.deleted_at.is_none()
            {
                let refs = self.ref_titles(Kind::Contact, &raw.stored)?;
                out.push((raw.id, title_for(Kind::Contact, &raw.stored, &refs)));
            }
        }
        Ok(out)
    }
}

/// Which derived columns of `customer_metric` an analysis fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricSet {
    /// recency_days, orders, spend, r, f, m, rfm_segment (as of `rfm_as_of`).
    Rfm,
    /// cluster (its name).
    Segments,
    /// p_alive, clv_90, clv_365 (as of `clv_as_of`).
    Clv,
    /// lead_score (as of `scores_as_of`): the best score of the contact's open deals. Written
    /// by [`Store::save_scores`] with the deals' own scores.
    Scores,
}

impl MetricSet {
    /// The analysis' name in `analytics_run`.
    pub fn name(self) -> &'static str {
        match self {
            MetricSet::Rfm => "rfm",
            MetricSet::Segments => "segments",
            MetricSet::Clv => "clv",
            MetricSet::Scores => "scores",
        }
    }

    /// Clears the set's columns for every customer.
    fn clear_sql(self) -> &'static str {
        match self {
            MetricSet::Rfm => {
                "UPDATE customer_metric SET rfm_as_of = NULL, recency_days = NULL, orders = NULL,
                 spend = NULL, r = NULL, f = NULL, m = NULL, rfm_segment = NULL"
            }
            MetricSet::Segments => "UPDATE customer_metric SET cluster = NULL",
            MetricSet::Clv => {
                "UPDATE customer_metric SET clv_as_of = NULL, p_alive = NULL, clv_90 = NULL,
                 clv_365 = NULL"
            }
            MetricSet::Scores => {
                "UPDATE customer_metric SET scores_as_of = NULL, lead_score = NULL"
            }
        }
    }
}

/// One open deal's stored lead score.
#[derive(Debug, Clone)]
pub struct DealScoreRow {
    /// The deal.
    pub deal_id: String,
    /// Its contact, if any (whose lead score is the best of its deals').
    pub contact_id: Option<String>,
    /// 0–100.
    pub score: u8,
    /// The score with its factors, as JSON (what the deal page explains).
    pub detail: String,
}

/// A stored lead score of one deal: the day it was computed at and its JSON detail.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredDealScore {
    /// The day of the scores' run.
    pub as_of: NaiveDate,
    /// 0–100.
    pub score: u8,
    /// The score with its factors, as JSON.
    pub detail: String,
}

/// One customer's derived figures for one [`MetricSet`] (unused fields are ignored).
#[derive(Debug, Clone, Default)]
pub struct CustomerMetric {
    /// The contact.
    pub contact_id: String,
    /// RFM inputs and scores.
    pub recency_days: u32,
    /// Number of orders.
    pub orders: u32,
    /// Total spend in hundredths.
    pub spend_cents: i64,
    /// Scores 1–5.
    pub rfm: (u8, u8, u8),
    /// The R×F segment's label.
    pub rfm_segment: String,
    /// The k-means cluster's name.
    pub cluster: String,
    /// Probability still active.
    pub p_alive: f64,
    /// Expected value over 90 days.
    pub clv_90: f64,
    /// Expected value over 365 days.
    pub clv_365: f64,
    /// Lead score 0–100.
    pub lead_score: u8,
}

/// Replaces one analysis' columns for every customer with `rows`.
fn write_metrics(
    tx: &rusqlite::Transaction<'_>,
    set: MetricSet,
    day: &str,
    rows: &[CustomerMetric],
) -> Result<()> {
    tx.execute(set.clear_sql(), [])?;
    {
        let mut stmt = tx.prepare(match set {
            MetricSet::Rfm => {
                "INSERT INTO customer_metric (contact_id, rfm_as_of, recency_days, orders, spend,
                                              r, f, m, rfm_segment)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (contact_id) DO UPDATE SET rfm_as_of = ?2, recency_days = ?3,
                   orders = ?4, spend = ?5, r = ?6, f = ?7, m = ?8, rfm_segment = ?9"
            }
            MetricSet::Segments => {
                "INSERT INTO customer_metric (contact_id, cluster) VALUES (?1, ?2)
                 ON CONFLICT (contact_id) DO UPDATE SET cluster = ?2"
            }
            MetricSet::Clv => {
                "INSERT INTO customer_metric (contact_id, clv_as_of, p_alive, clv_90, clv_365)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (contact_id) DO UPDATE SET clv_as_of = ?2, p_alive = ?3,
                   clv_90 = ?4, clv_365 = ?5"
            }
            MetricSet::Scores => {
                "INSERT INTO customer_metric (contact_id, scores_as_of, lead_score)
                 VALUES (?1, ?2, ?3)
                 ON CONFLICT (contact_id) DO UPDATE SET scores_as_of = ?2, lead_score = ?3"
            }
        })?;
        for m in rows {
            match set {
                MetricSet::Rfm => stmt.execute(params![
                    m.contact_id,
                    day,
                    m.recency_days,
                    m.orders,
                    m.spend_cents,
                    m.rfm.0,
                    m.rfm.1,
                    m.rfm.2,
                    m.rfm_segment
                ])?,
                MetricSet::Segments => stmt.execute(params![m.contact_id, m.cluster])?,
                MetricSet::Clv => {
                    stmt.execute(params![m.contact_id, day, m.p_alive, m.clv_90, m.clv_365])?
                }
                MetricSet::Scores => stmt.execute(params![m.contact_id, day, m.lead_score])?,
            };
        }
    }
    Ok(())
}

/// Drops customers no analysis holds figures for any more and records the run.
fn finish_run(
    tx: &rusqlite::Transaction<'_>,
    set: MetricSet,
    day: &str,
    report_json: &str,
) -> Result<()> {
    tx.execute(
        "DELETE FROM customer_metric WHERE rfm_as_of IS NULL AND cluster IS NULL
         AND clv_as_of IS NULL AND scores_as_of IS NULL",
        [],
    )?;
    tx.execute(
        "INSERT INTO analytics_run (name, computed_at, as_of, report) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (name) DO UPDATE SET computed_at = ?2, as_of = ?3, report = ?4",
        params![
            set.name(),
            chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            day,
            report_json
        ],
    )?;
    Ok(())
}

impl Store {
    /// Replaces one analysis' columns for every customer (customers not in `rows` get NULLs
    /// there) and records the run with its JSON report, in one transaction. These are derived
    /// figures: not logged, not synced.
    pub fn save_metrics(
        &mut self,
        set: MetricSet,
        as_of: NaiveDate,
        rows: &[CustomerMetric],
        report_json: &str,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        let day = as_of.to_string();
        write_metrics(&tx, set, &day, rows)?;
        finish_run(&tx, set, &day, report_json)?;
        tx.commit()?;
        self.generation += 1;
        Ok(())
    }

    /// Replaces every stored deal score and each contact's lead score (the best of its open
    /// deals'), and records the run with its JSON report, in one transaction.
    pub fn save_scores(
        &mut self,
        as_of: NaiveDate,
        deals: &[DealScoreRow],
        report_json: &str,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        let day = as_of.to_string();
        tx.execute("DELETE FROM deal_score", [])?;
        let mut best: HashMap<&str, u8> = HashMap::new();
        {
            let mut stmt = tx.prepare(
                "INSERT INTO deal_score (deal_id, contact_id, as_of, score, detail)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for d in deals {
                stmt.execute(params![d.deal_id, d.contact_id, day, d.score, d.detail])?;
                if let Some(c) = &d.contact_id {
                    let b = best.entry(c).or_default();
                    *b = (*b).max(d.score);
                }
            }
        }
        let rows: Vec<CustomerMetric> = best
            .into_iter()
            .map(|(contact_id, lead_score)| CustomerMetric {
                contact_id: contact_id.to_string(),
                lead_score,
                ..CustomerMetric::default()
            })
            .collect();
        write_metrics(&tx, MetricSet::Scores, &day, &rows)?;
        finish_run(&tx, MetricSet::Scores, &day, report_json)?;
        tx.commit()?;
        self.generation += 1;
        Ok(())
    }

    /// The stored lead score of a deal, if the last scores run scored it (open deals only).
    pub fn deal_score(&self, deal_id: &str) -> Result<Option<StoredDealScore>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT as_of, score, detail FROM deal_score WHERE deal_id = ?1")?;
        let mut rows = stmt.query(params![deal_id])?;
        let Some(r) = rows.next()? else {
            return Ok(None);
        };
        let Some(as_of) = day_of(r.get(0)?) else {
            return Ok(None);
        };
        Ok(Some(StoredDealScore {
            as_of,
            score: r.get(1)?,
            detail: r.get(2)?,
        }))
    }

    /// The stored figures of one customer (what the last RFM, segment and lifetime-value runs
    /// wrote for it); `None` when no run has included it.
    pub fn customer_metrics(&self, contact_id: &str) -> Result<Option<CustomerFigures>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT rfm_as_of, recency_days, orders, spend, r, f, m, rfm_segment, cluster,
                    clv_as_of, p_alive, clv_90, clv_365, scores_as_of, lead_score
             FROM customer_metric WHERE contact_id = ?1",
        )?;
        let mut rows = stmt.query(params![contact_id])?;
        let Some(r) = rows.next()? else {
            return Ok(None);
        };
        let day = |i: usize| -> Result<Option<NaiveDate>> { Ok(day_of(r.get(i)?)) };
        let rfm_segment: Option<String> = r.get(7)?;
        let description = rfm_segment.as_deref().and_then(|label| {
            Segment::ALL
                .iter()
                .find(|s| s.label() == label)
                .map(|s| s.description().to_string())
        });
        let figures = CustomerFigures {
            contact_id: contact_id.to_string(),
            rfm_as_of: day(0)?,
            recency_days: r.get(1)?,
            orders: r.get(2)?,
            spend: r.get::<_, Option<i64>>(3)?.map(|c| c as f64 / 100.0),
            r: r.get(4)?,
            f: r.get(5)?,
            m: r.get(6)?,
            rfm_segment,
            rfm_segment_description: description,
            cluster: r.get(8)?,
            clv_as_of: day(9)?,
            p_alive: r.get(10)?,
            clv_90: r.get(11)?,
            clv_365: r.get(12)?,
            scores_as_of: day(13)?,
            lead_score: r.get(14)?,
            currency: None,
        };
        drop(rows);
        Ok(Some(CustomerFigures {
            currency: self.purchases_currency()?,
            ..figures
        }))
    }

    /// The last run of an analysis (`rfm`, `segments`, `clv`, `scores`): when it ran, as of
    /// which day, and its JSON report.
    pub fn analytics_run(&self, name: &str) -> Result<Option<StoredRun>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT computed_at, as_of, report FROM analytics_run WHERE name = ?1",
        )?;
        let mut rows = stmt.query(params![name])?;
        let Some(r) = rows.next()? else {
            return Ok(None);
        };
        let Some(as_of) = day_of(r.get(1)?) else {
            return Ok(None);
        };
        Ok(Some(StoredRun {
            name: name.to_string(),
            computed_at: r.get(0)?,
            as_of,
            report: r.get(2)?,
        }))
    }
}

/// The last run of one analysis, as stored.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StoredRun {
    /// `rfm`, `segments`, `clv` or `scores`.
    pub name: String,
    /// When it ran (UTC, RFC 3339).
    pub computed_at: String,
    /// The analysis day.
    pub as_of: NaiveDate,
    /// Its report as JSON: an `RfmView`, `SegmentView`, `ValueReport` or `ScoreView`, with
    /// per-customer lists cut to the first rows (every customer's own figures are stored with
    /// the customer).
    pub report: String,
}

/// One contact's stored analysis figures: what the last RFM, segment and lifetime-value runs
/// wrote for it (`None` where a run did not include it or never ran).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CustomerFigures {
    /// The contact.
    pub contact_id: String,
    /// The day of the RFM run.
    pub rfm_as_of: Option<NaiveDate>,
    /// Days from the last order to the RFM day.
    pub recency_days: Option<u32>,
    /// Number of orders.
    pub orders: Option<u32>,
    /// Total spend, in major units.
    pub spend: Option<f64>,
    /// Recency score 1–5 (5 = most recent).
    pub r: Option<u8>,
    /// Frequency score 1–5 (5 = most orders).
    pub f: Option<u8>,
    /// Monetary score 1–5 (5 = highest spend).
    pub m: Option<u8>,
    /// The R×F segment's name.
    pub rfm_segment: Option<String>,
    /// What the segment means and what to do about it.
    pub rfm_segment_description: Option<String>,
    /// The k-means cluster's name.
    pub cluster: Option<String>,
    /// The day of the lifetime-value run.
    pub clv_as_of: Option<NaiveDate>,
    /// Probability the customer still buys (BG/NBD).
    pub p_alive: Option<f64>,
    /// Expected value over the next 90 days.
    pub clv_90: Option<f64>,
    /// Expected value over the next 365 days.
    pub clv_365: Option<f64>,
    /// The day of the lead scores' run.
    pub scores_as_of: Option<NaiveDate>,
    /// The best lead score (0–100) of the contact's open deals.
    pub lead_score: Option<u8>,
    /// The currency most purchases are in (of `spend` and the values).
    pub currency: Option<String>,
}

/// A live deal as the forecast reads it (nothing else: the forecast chart must stay quick).
#[derive(Debug, Clone)]
pub struct PipelineRow {
    /// Its stage now.
    pub stage: String,
    /// Its value in major units.
    pub value: Option<f64>,
    /// When it is expected to close.
    pub expected_close: Option<NaiveDate>,
    /// When it closed (won or lost).
    pub closed_on: Option<NaiveDate>,
    /// Its own probability, if set (else the stage's).
    pub probability: Option<i64>,
}

/// A live deal as the lead score reads it.
#[derive(Debug, Clone)]
pub struct DealRow {
    /// The deal.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its stage now.
    pub stage: String,
    /// Its value in major units.
    pub value: Option<f64>,
    /// Where it came from.
    pub source: Option<String>,
    /// The day it was created.
    pub created: NaiveDate,
    /// The day it was won or lost.
    pub closed_on: Option<NaiveDate>,
    /// The day it is expected to close.
    pub expected_close: Option<NaiveDate>,
    /// Its probability (percent), when set.
    pub probability: Option<i64>,
    /// Its stage before it was won or lost (from the change log), if it was ever open here.
    pub last_open_stage: Option<String>,
    /// Its contact and company.
    pub contact_id: Option<String>,
    /// Its company.
    pub company_id: Option<String>,
    /// What the contact record holds: email, phone, job title.
    pub contact_fields: (bool, bool, bool),
    /// The company's employees, and whether its industry is filled in.
    pub company_employees: Option<u64>,
    /// The company's industry is filled in.
    pub company_industry: bool,
}

/// A live activity: its kind, day and what it is about.
#[derive(Debug, Clone)]
pub struct ActivityRow {
    /// call, meeting, email, note or task.
    pub kind: String,
    /// When it happened (or is due, for a task without a time).
    pub day: NaiveDate,
    /// The deal it is about.
    pub deal_id: Option<String>,
    /// The contact it is about.
    pub contact_id: Option<String>,
    /// The company it is about.
    pub company_id: Option<String>,
}

/// The calendar day a stored date or instant (`YYYY-MM-DD…`) falls on.
pub(super) fn day_of(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| NaiveDate::parse_from_str(t.get(..10)?, "%Y-%m-%d").ok())
}

impl Store {
    /// Every live deal as the forecast reads it.
    pub fn pipeline_rows(&self) -> Result<Vec<PipelineRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT stage, value, expected_close, closed_on, probability FROM deal
             WHERE deleted_at IS NULL",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(PipelineRow {
                stage: r.get(0)?,
                value: r.get::<_, Option<i64>>(1)?.map(|v| v as f64 / 100.0),
                expected_close: day_of(r.get(2)?),
                closed_on: day_of(r.get(3)?),
                probability: r.get(4)?,
            });
        }
        Ok(out)
    }

    /// Every live deal with what the lead score reads of it, its contact and its company.
    pub fn deal_rows(&self) -> Result<Vec<DealRow>> {
        let mut before = std::collections::HashMap::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT l.entity_id, l.old FROM change_log l
                 WHERE l.entity = 'deal' AND l.field = 'stage' AND l.new IN ('won', 'lost')
                 ORDER BY l.seq",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let id: String = r.get(0)?;
                let old: Option<String> = r.get(1)?;
                before.insert(id, old);
            }
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id, d.title, d.stage, d.value, d.source, d.created_at, d.closed_on,
                    d.contact_id, d.company_id,
                    c.email IS NOT NULL, c.phone IS NOT NULL, c.job_title IS NOT NULL,
                    co.employees, co.industry IS NOT NULL, d.expected_close, d.probability
             FROM deal d
             LEFT JOIN contact c ON c.id = d.contact_id AND c.deleted_at IS NULL
             LEFT JOIN company co ON co.id = d.company_id AND co.deleted_at IS NULL
             WHERE d.deleted_at IS NULL",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let Some(created) = day_of(r.get(5)?) else {
                continue;
            };
            out.push(DealRow {
                last_open_stage: before.remove(&id).flatten(),
                title: r.get(1)?,
                stage: r.get(2)?,
                value: r.get::<_, Option<i64>>(3)?.map(|v| v as f64 / 100.0),
                source: r.get(4)?,
                created,
                closed_on: day_of(r.get(6)?),
                contact_id: r.get(7)?,
                company_id: r.get(8)?,
                contact_fields: (
                    r.get::<_, Option<bool>>(9)?.unwrap_or(false),
                    r.get::<_, Option<bool>>(10)?.unwrap_or(false),
                    r.get::<_, Option<bool>>(11)?.unwrap_or(false),
                ),
                company_employees: r.get::<_, Option<i64>>(12)?.map(|e| e.max(0) as u64),
                company_industry: r.get::<_, Option<bool>>(13)?.unwrap_or(false),
                expected_close: day_of(r.get(14)?),
                probability: r.get(15)?,
                id,
            });
        }
        Ok(out)
    }

    /// Every live activity with a day (its time, else its due day).
    pub fn activity_rows(&self) -> Result<Vec<ActivityRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT kind, coalesce(occurred_at, due_on), deal_id, contact_id, company_id
             FROM activity WHERE deleted_at IS NULL",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let Some(day) = day_of(r.get(1)?) else {
                continue;
            };
            out.push(ActivityRow {
                kind: r.get(0)?,
                day,
                deal_id: r.get(2)?,
                contact_id: r.get(3)?,
                company_id: r.get(4)?,
            });
        }
        Ok(out)
    }
}

/// A live feedback entry: when, rating (1–5), NPS score (0–10) and comment.
#[derive(Debug, Clone)]
pub struct FeedbackRow {
    /// When it was received.
    pub received: Option<NaiveDate>,
    /// CSAT rating.
    pub rating: Option<i64>,
    /// NPS score.
    pub nps: Option<i64>,
    /// The comment.
    pub comment: Option<String>,
}

/// A live ticket: its text, category and status.
#[derive(Debug, Clone)]
pub struct TicketRow {
    /// The ticket.
    pub id: String,
    /// Subject.
    pub subject: String,
    /// Description.
    pub description: String,
    /// The user's category.
    pub category: Option<String>,
    /// new, in_progress, waiting, resolved or closed.
    pub status: String,
    /// When it was opened.
    pub opened: Option<NaiveDate>,
}

impl Store {
    /// Every live feedback entry.
    pub fn feedback_rows(&self) -> Result<Vec<FeedbackRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT received_at, rating, nps, comment FROM feedback WHERE deleted_at IS NULL",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(FeedbackRow {
                received: day_of(r.get(0)?),
                rating: r.get(1)?,
                nps: r.get(2)?,
                comment: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every live ticket.
    pub fn ticket_rows(&self) -> Result<Vec<TicketRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, subject, coalesce(description, ''), category, status, opened_at
             FROM ticket WHERE deleted_at IS NULL",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(TicketRow {
                id: r.get(0)?,
                subject: r.get(1)?,
                description: r.get(2)?,
                category: r.get(3)?,
                status: r.get(4)?,
                opened: day_of(r.get(5)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The SQL list of the order statuses whose sale stands (see [`PURCHASE_STATUSES`]).
pub(super) const PURCHASE_SQL: &str =
    "(status IS NULL OR status IN ('placed', 'paid', 'shipped', 'delivered'))";

impl Store {
    /// Purchase revenue (major units) by month `YYYY-MM`, for months in `from..=to`
    /// (`YYYY-MM` bounds). Read from `order_month`, which triggers keep in step with the orders.
    pub fn revenue_by_month(&self, from: &str, to: &str) -> Result<Vec<(String, f64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT month, sum(total) FROM order_month
             WHERE month >= ?1 AND month <= ?2
               AND status IN ('', 'placed', 'paid', 'shipped', 'delivered')
             GROUP BY month ORDER BY month",
        )?;
        let rows = stmt.query_map(params![from, to], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as f64 / 100.0))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Live deals by stage: (stage, count, total value in major units).
    pub fn deals_by_stage(&self) -> Result<Vec<(String, u64, f64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT stage, count(*), coalesce(sum(value), 0) FROM deal
             WHERE deleted_at IS NULL GROUP BY stage",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get::<_, i64>(1)? as u64,
                r.get::<_, i64>(2)? as f64 / 100.0,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Customers per stored analysis value: `rfm_segment` or `cluster` → count.
    pub fn metric_counts(&self, column: MetricColumn) -> Result<Vec<(String, u64)>> {
        let sql = match column {
            MetricColumn::RfmSegment => {
                "SELECT rfm_segment, count(*) FROM customer_metric WHERE rfm_segment IS NOT NULL
                 GROUP BY rfm_segment"
            }
            MetricColumn::Cluster => {
                "SELECT cluster, count(*) FROM customer_metric WHERE cluster IS NOT NULL
                 GROUP BY cluster"
            }
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Customers per stored (R, F) score pair.
    pub fn rf_counts(&self) -> Result<Vec<(u8, u8, u64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r, f, count(*) FROM customer_metric WHERE r IS NOT NULL AND f IS NOT NULL
             GROUP BY r, f",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as u64))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every stored 365-day lifetime value.
    pub fn clv_values(&self) -> Result<Vec<f64>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT clv_365 FROM customer_metric WHERE clv_365 IS NOT NULL")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Average CSAT rating and NPS by month `YYYY-MM` (months without answers left out).
    pub fn satisfaction_by_month(&self) -> Result<Vec<MonthSatisfaction>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT substr(received_at, 1, 7) AS month,
                    avg(CASE WHEN rating BETWEEN 1 AND 5 THEN rating END),
                    100.0 * (sum(nps >= 9) - sum(nps <= 6)) / nullif(count(nps), 0)
             FROM feedback WHERE deleted_at IS NULL AND received_at IS NOT NULL
             GROUP BY month ORDER BY month",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Live contacts by city (else country; `(unknown)` when neither is filled in).
    pub fn contacts_by_place(&self) -> Result<Vec<(String, u64)>> {
        let mut stmt = self.conn.prepare_cached(
            // The expression of the `contact_live_place` index, word for word.
            "SELECT coalesce(nullif(trim(city), ''), nullif(trim(country), ''), '(unknown)'),
                    count(*)
             FROM contact WHERE deleted_at IS NULL
             GROUP BY coalesce(nullif(trim(city), ''), nullif(trim(country), ''), '(unknown)')",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Tickets opened by month `YYYY-MM` and category (`(none)` when not categorised).
    pub fn tickets_by_month(&self) -> Result<Vec<(String, String, u64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT substr(opened_at, 1, 7) AS month,
                    coalesce(nullif(trim(category), ''), '(none)') AS cat, count(*)
             FROM ticket WHERE deleted_at IS NULL AND opened_at IS NOT NULL
             GROUP BY month, cat ORDER BY month",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as u64))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// A month's satisfaction: `YYYY-MM`, average CSAT rating, NPS.
pub type MonthSatisfaction = (String, Option<f64>, Option<f64>);

/// A stored analysis column that groups customers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum MetricColumn {
    /// The R×F segment.
    RfmSegment,
    /// The k-means cluster.
    Cluster,
}

impl Store {
    /// The currency most of the latest 1,000 purchases are in, if any names one (read
    /// through the date index: the dashboard asks for it with every chart).
    pub fn purchases_currency(&self) -> Result<Option<String>> {
        let sql = format!(
            "SELECT currency FROM (
               SELECT currency FROM orders WHERE deleted_at IS NULL AND {PURCHASE_SQL}
               ORDER BY ordered_on DESC LIMIT 1000)
             WHERE currency IS NOT NULL
             GROUP BY currency ORDER BY count(*) DESC, currency LIMIT 1"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([])?;
        Ok(match rows.next()? {
            Some(r) => Some(r.get(0)?),
            None => None,
        })
    }
}

/// What [`Store::target_campaign`] did.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TargetReport {
    /// The campaign.
    pub campaign_id: String,
    /// Contacts in the segment.
    pub in_segment: u64,
    /// Of those, added as members (status `invited`).
    pub added: u64,
    /// Of those, already members (left as they were).
    pub already_members: u64,
}

impl Store {
    /// Adds every contact of a stored segment (`rfm_segment` or `cluster` = `value`) to a
    /// campaign as an invited member, in one write; contacts already in it are left alone.
    pub fn target_campaign(
        &mut self,
        campaign_id: &str,
        column: MetricColumn,
        value: &str,
    ) -> Result<TargetReport> {
        let members = self.segment_contacts(column, value)?;
        let (added, _) = self.write(|w| w.add_campaign_members(campaign_id, &members))?;
        Ok(TargetReport {
            campaign_id: campaign_id.to_string(),
            in_segment: members.len() as u64,
            added,
            already_members: members.len() as u64 - added,
        })
    }
}
