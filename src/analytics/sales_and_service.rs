//! Deals and feedback read from the store and turned into reports: lead scores for open deals,
//! the sales forecast, and satisfaction (CSAT, NPS, sentiment, keywords, ticket categories).

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::lead_score::{self, ClosedDeal, DealFeatures, ScoreMethod};
use super::satisfaction::{self, CategorisedTicket, FeedbackEntry, YearMonth};
use super::{day_of, month_of};
use crate::error::{Error, Result};
use crate::model::Said;
use crate::store::{ActivityRow, DealRow, DealScoreRow, MetricSet, Store};

/// Activities of deals, contacts and companies, by id, for the lead-score features.
struct Activities<'a> {
    by_deal: HashMap<&'a str, Vec<&'a ActivityRow>>,
    by_contact: HashMap<&'a str, Vec<&'a ActivityRow>>,
    by_company: HashMap<&'a str, Vec<&'a ActivityRow>>,
}

impl<'a> Activities<'a> {
    fn new(rows: &'a [ActivityRow]) -> Self {
        let mut a = Activities {
            by_deal: HashMap::new(),
            by_contact: HashMap::new(),
            by_company: HashMap::new(),
        };
        for r in rows {
            if let Some(d) = &r.deal_id {
                a.by_deal.entry(d).or_default().push(r);
            } else if let Some(c) = &r.contact_id {
                a.by_contact.entry(c).or_default().push(r);
            } else if let Some(c) = &r.company_id {
                a.by_company.entry(c).or_default().push(r);
            }
        }
        a
    }

    /// Features of `deal` as of `day` (activities after it are not seen).
    fn features(
        &self,
        deal: &DealRow,
        stage: Option<String>,
        day: NaiveDate,
        won_before: u32,
    ) -> DealFeatures {
        let none = Vec::new();
        let mut seen: Vec<&ActivityRow> = Vec::new();
        seen.extend(self.by_deal.get(deal.id.as_str()).unwrap_or(&none));
        if let Some(c) = &deal.contact_id {
            seen.extend(self.by_contact.get(c.as_str()).unwrap_or(&none));
        }
        if let Some(c) = &deal.company_id {
            seen.extend(self.by_company.get(c.as_str()).unwrap_or(&none));
        }
        // A deal imported (or entered late) is older than its record: its first activity
        // says when work on it began.
        let started = self
            .by_deal
            .get(deal.id.as_str())
            .and_then(|acts| acts.iter().map(|a| a.day).min())
            .map_or(deal.created, |first| first.min(deal.created));
        let mut f = DealFeatures {
            deal_id: deal.id.clone(),
            value: deal.value,
            stage,
            source: deal.source.clone(),
            days_since_created: (day - started).num_days().max(0) as f64,
            days_since_last_activity: None,
            meetings_14d: 0,
            calls_14d: 0,
            emails_14d: 0,
            meetings_30d: 0,
            calls_30d: 0,
            emails_30d: 0,
            contact_has_email: deal.contact_fields.0,
            contact_has_phone: deal.contact_fields.1,
            contact_has_job_title: deal.contact_fields.2,
            company_employees: deal.company_employees,
            company_has_industry: deal.company_industry,
            company_won_deals: won_before,
        };
        let mut last: Option<NaiveDate> = None;
        for a in seen.iter().filter(|a| a.day <= day && a.kind != "task") {
            last = last.max(Some(a.day));
            let age = (day - a.day).num_days();
            let counters = match a.kind.as_str() {
                "meeting" => Some((&mut f.meetings_14d, &mut f.meetings_30d)),
                "call" => Some((&mut f.calls_14d, &mut f.calls_30d)),
                "email" => Some((&mut f.emails_14d, &mut f.emails_30d)),
                _ => None,
            };
            if let Some((d14, d30)) = counters {
                if age <= 14 {
                    *d14 += 1;
                }
                if age <= 30 {
                    *d30 += 1;
                }
            }
        }
        f.days_since_last_activity = last.map(|l| (day - l).num_days() as f64);
        f
    }
}

/// One open deal's score with its title.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScoredDeal {
    /// The deal's title.
    pub title: String,
    /// Its stage.
    pub stage: String,
    /// The score and the factors that moved it.
    #[serde(flatten)]
    pub score: lead_score::DealScore,
}

/// Scores of every open deal, highest first, with how they were made.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScoreView {
    /// The analysis day.
    pub as_of: NaiveDate,
    /// Learned from the closed deals, or rule-based (and why).
    pub method: ScoreMethod,
    /// Open deals scored.
    pub open_deals: usize,
    /// Open deals, highest score first (the stored report keeps the first
    /// [`STORED_ROWS`](super::STORED_ROWS); every deal's score is kept with the deal).
    pub deals: Vec<ScoredDeal>,
}

/// A 0–100 score for every open deal: logistic regression on the closed deals (won vs lost)
/// when there are enough of them, else the transparent rules; each with its factors.
pub fn lead_scores(store: &mut Store, as_of: Option<NaiveDate>) -> Result<ScoreView> {
    let as_of = day_of(store, as_of);
    let deals = store.deal_rows()?;
    let activity = store.activity_rows()?;
    let acts = Activities::new(&activity);
    // Won deals per company with their close day, for "past won deals of the company".
    let mut won_days: HashMap<&str, Vec<NaiveDate>> = HashMap::new();
    for d in &deals {
        if let (Some(c), Some(day), "won") = (&d.company_id, d.closed_on, d.stage.as_str()) {
            won_days.entry(c).or_default().push(day);
        }
    }
    let won_before = |d: &DealRow, day: NaiveDate| -> u32 {
        d.company_id
            .as_deref()
            .and_then(|c| won_days.get(c))
            .map_or(0, |days| days.iter().filter(|w| **w < day).count() as u32)
    };
    let mut closed = Vec::new();
    let mut open = Vec::new();
    let mut titles = Vec::new();
    let mut contacts: HashMap<&str, Option<&str>> = HashMap::new();
    for d in &deals {
        match d.stage.as_str() {
            "won" | "lost" => {
                let day = d.closed_on.unwrap_or(as_of).min(as_of);
                closed.push(ClosedDeal {
                    features: acts.features(d, d.last_open_stage.clone(), day, won_before(d, day)),
                    won: d.stage == "won",
                });
            }
            _ => {
                open.push(acts.features(d, Some(d.stage.clone()), as_of, won_before(d, as_of)));
                titles.push((d.title.clone(), d.stage.clone()));
                contacts.insert(&d.id, d.contact_id.as_deref());
            }
        }
    }
    let scores = lead_score::score_deals(&closed, &open, &super::score_config(store)?)
        .map_err(|e| Error::invalid("lead score", e.to_string()))?;
    let mut out: Vec<ScoredDeal> = scores
        .scores
        .into_iter()
        .zip(titles)
        .map(|(score, (title, stage))| ScoredDeal {
            title,
            stage,
            score,
        })
        .collect();
    out.sort_by_key(|d| std::cmp::Reverse(d.score.score));
    let rows = out
        .iter()
        .map(|d| {
            Ok(DealScoreRow {
                deal_id: d.score.deal_id.clone(),
                contact_id: contacts
                    .get(d.score.deal_id.as_str())
                    .copied()
                    .flatten()
                    .map(str::to_string),
                score: d.score.score,
                detail: super::to_json(d)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let mut view = ScoreView {
        as_of,
        method: scores.method,
        open_deals: out.len(),
        deals: out,
    };
    super::with_first_rows(
        &mut view,
        |v| &mut v.deals,
        |v| store.save_scores(as_of, &rows, &super::to_json(v)?),
    )?;
    Ok(view)
}

/// How the stored scores were made and one deal's score with its factors, if the last run of
/// the scores included the deal (open deals only).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DealScoreView {
    /// The day the scores were computed at.
    pub as_of: NaiveDate,
    /// Learned from the closed deals, or rule-based (and why).
    pub method: ScoreMethod,
    /// The deal's score and factors.
    pub deal: ScoredDeal,
}

/// The stored score of one deal (see [`lead_scores`]); `None` when the scores never ran or
/// did not include it.
pub fn deal_score(store: &Store, deal_id: &str) -> Result<Option<DealScoreView>> {
    #[derive(serde::Deserialize)]
    struct Method {
        method: ScoreMethod,
    }
    let Some(stored) = store.deal_score(deal_id)? else {
        return Ok(None);
    };
    let Some(run) = store.analytics_run(MetricSet::Scores.name())? else {
        return Ok(None);
    };
    let method: Method = super::from_json(&run.report)?;
    Ok(Some(DealScoreView {
        as_of: stored.as_of,
        method: method.method,
        deal: super::from_json(&stored.detail)?,
    }))
}

/// One month of the forecast.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ForecastMonth {
    /// The month, `YYYY-MM`.
    pub month: String,
    /// Open deals expected to close this month: value × stage probability.
    pub weighted: f64,
    /// Their value unweighted.
    pub pipeline: f64,
    /// Open deals expected to close this month.
    pub deals: u64,
    /// Value of deals won this month.
    pub won: f64,
    /// The linear trend of won revenue at this month (over the months with history).
    pub trend: Option<f64>,
}

impl ForecastMonth {
    fn empty(month: String) -> Self {
        ForecastMonth {
            month,
            weighted: 0.0,
            pipeline: 0.0,
            deals: 0,
            won: 0.0,
            trend: None,
        }
    }
}

/// Weighted pipeline by expected close month and won revenue by month, with a trend line.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Forecast {
    /// The analysis day.
    pub as_of: NaiveDate,
    /// Months from the first won deal (at most 24 back) to the last expected close.
    pub months: Vec<ForecastMonth>,
    /// Total weighted pipeline.
    pub weighted_total: f64,
    /// Open deals without an expected close day (not in any month).
    pub undated_deals: u64,
    /// Won revenue trend per month (slope of the least-squares line).
    pub trend_per_month: Option<f64>,
    /// Plain-language notes.
    pub notes: Vec<Said<ForecastNote>>,
}

/// A note on the forecast.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ForecastNote {
    /// Fewer than 3 months of won deals: no trend line.
    NoTrendYet,
    /// Open deals without an expected close day are in no month.
    UndatedDeals {
        /// How many.
        deals: u32,
    },
}

impl std::fmt::Display for ForecastNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ForecastNote::NoTrendYet => {
                f.write_str("fewer than 3 months of won deals: no trend line yet")
            }
            ForecastNote::UndatedDeals { deals } => write!(
                f,
                "{deals} open deals have no expected close date and are not in any month"
            ),
        }
    }
}

/// The forecast of open deals by expected close month against won revenue by month.
pub fn forecast(store: &Store, as_of: Option<NaiveDate>) -> Result<Forecast> {
    let as_of = day_of(store, as_of);
    let first_month = as_of
        .with_day(1)
        .and_then(|d| d.checked_sub_months(chrono::Months::new(24)))
        .unwrap_or(as_of);
    let stage_p: BTreeMap<String, i64> = store
        .deal_stages()?
        .into_iter()
        .map(|s| (s.key, s.probability))
        .collect();
    let mut months: BTreeMap<String, ForecastMonth> = BTreeMap::new();
    let mut undated = 0;
    let mut weighted_total = 0.0;
    let mut rows: Vec<(String, f64, f64, u64, f64)> = Vec::new();
    for d in store.pipeline_rows()? {
        let value = d.value.unwrap_or(0.0);
        match d.stage.as_str() {
            "won" => {
                if let Some(day) = d.closed_on.filter(|c| *c >= first_month && *c <= as_of) {
                    rows.push((month_of(day), 0.0, 0.0, 0, value));
                }
            }
            "lost" => {}
            stage => match d.expected_close {
                Some(day) => {
                    let p = d
                        .probability
                        .or_else(|| stage_p.get(stage).copied())
                        .unwrap_or(0) as f64;
                    let w = value * p / 100.0;
                    weighted_total += w;
                    // Overdue deals are expected this month.
                    rows.push((month_of(day.max(as_of)), w, value, 1, 0.0));
                }
                None => undated += 1,
            },
        }
    }
    for (key, w, v, n, won) in rows {
        let m = months
            .entry(key.clone())
            .or_insert_with(|| ForecastMonth::empty(key));
        m.weighted += w;
        m.pipeline += v;
        m.deals += n;
        m.won += won;
    }
    // Fill the gaps so a chart's months are contiguous.
    if let (Some(first), Some(last)) =
        (months.keys().next().cloned(), months.keys().last().cloned())
    {
        let parse = |k: &str| NaiveDate::parse_from_str(&format!("{k}-01"), "%Y-%m-%d").ok();
        if let (Some(mut day), Some(end)) = (parse(&first), parse(&last)) {
            while day < end {
                day = day
                    .checked_add_months(chrono::Months::new(1))
                    .unwrap_or(end);
                let key = month_of(day);
                months
                    .entry(key.clone())
                    .or_insert_with(|| ForecastMonth::empty(key));
            }
        }
    }
    let mut months: Vec<ForecastMonth> = months.into_values().collect();
    // Least squares over the months up to this one (the history of won revenue).
    let this_month = month_of(as_of);
    let history: Vec<(f64, f64)> = months
        .iter()
        .enumerate()
        // The current month is still running: its revenue so far would drag the line down.
        .filter(|(_, m)| m.month < this_month)
        .map(|(i, m)| (i as f64, m.won))
        .collect();
    let mut notes = Vec::new();
    let trend = if history.len() >= 3 {
        let n = history.len() as f64;
        let mx = history.iter().map(|p| p.0).sum::<f64>() / n;
        let my = history.iter().map(|p| p.1).sum::<f64>() / n;
        let sxx: f64 = history.iter().map(|p| (p.0 - mx).powi(2)).sum();
        let sxy: f64 = history.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
        (sxx > 0.0).then(|| {
            let slope = sxy / sxx;
            (slope, my - slope * mx)
        })
    } else {
        notes.push(ForecastNote::NoTrendYet.into());
        None
    };
    if let Some((slope, intercept)) = trend {
        for (i, m) in months.iter_mut().enumerate() {
            m.trend = Some((intercept + slope * i as f64).max(0.0));
        }
    }
    if undated > 0 {
        notes.push(
            ForecastNote::UndatedDeals {
                deals: u32::try_from(undated).unwrap_or(u32::MAX),
            }
            .into(),
        );
    }
    Ok(Forecast {
        as_of,
        months,
        weighted_total,
        undated_deals: undated,
        trend_per_month: trend.map(|t| t.0),
        notes,
    })
}

/// A text with its sentiment, for "what are people unhappy about".
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TextSentiment {
    /// The text (cut to 200 characters).
    pub text: String,
    /// Where it came from: `feedback` or `ticket`.
    pub source: &'static str,
    /// How many recent texts said exactly this (listed once).
    pub times: u32,
    /// Its sentiment and the words that made it.
    pub sentiment: satisfaction::Sentiment,
}

/// A suggested category for an uncategorised open ticket.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TicketSuggestion {
    /// The ticket.
    pub ticket_id: String,
    /// Its subject.
    pub subject: String,
    /// The classifier's view (a suggestion only when confident).
    pub prediction: satisfaction::CategoryPrediction,
}

/// Satisfaction: CSAT and NPS overall and by month, sentiment of recent feedback and tickets,
/// top keywords of recent feedback, and category suggestions for uncategorised tickets.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SatisfactionView {
    /// The analysis day.
    pub as_of: NaiveDate,
    /// "Recent" is this many days up to the analysis day.
    pub recent_days: u32,
    /// CSAT (ratings 1–5).
    pub csat: satisfaction::CsatReport,
    /// NPS (scores 0–10).
    pub nps: satisfaction::NpsReport,
    /// Recent texts by sentiment: positive, neutral, negative.
    pub sentiment_counts: [u64; 3],
    /// The most negative recent texts, worst first (at most 5).
    pub most_negative: Vec<TextSentiment>,
    /// Words and phrases recent feedback keeps using, against all feedback.
    pub keywords: Vec<satisfaction::Keyword>,
    /// Suggestions for open tickets without a category (at most 20).
    pub ticket_suggestions: Vec<TicketSuggestion>,
    /// Why there are no suggestions, when there are none.
    pub classifier_note: Option<Said<satisfaction::SatisfactionNote>>,
}

/// The satisfaction report as of a day, with "recent" the `recent_days` before it.
pub fn satisfaction_report(
    store: &Store,
    as_of: Option<NaiveDate>,
    recent_days: u32,
) -> Result<SatisfactionView> {
    let as_of = day_of(store, as_of);
    let since = as_of - chrono::Days::new(u64::from(recent_days));
    let recent = |d: Option<NaiveDate>| d.is_some_and(|d| d > since && d <= as_of);
    let feedback = store.feedback_rows()?;
    let entries: Vec<FeedbackEntry> = feedback
        .iter()
        .filter(|f| f.received.is_none_or(|d| d <= as_of))
        .map(|f| FeedbackEntry {
            month: f.received.map(|d| YearMonth {
                year: d.year(),
                month: d.month() as u8,
            }),
            rating: f.rating,
            nps: f.nps,
        })
        .collect();
    let tickets = store.ticket_rows()?;
    let mut texts: Vec<(&str, &'static str)> = feedback
        .iter()
        .filter(|f| recent(f.received))
        .filter_map(|f| f.comment.as_deref().map(|c| (c, "feedback")))
        .collect();
    texts.extend(
        tickets
            .iter()
            .filter(|t| recent(t.opened) && !t.description.is_empty())
            .map(|t| (t.description.as_str(), "ticket")),
    );
    let mut counts = [0u64; 3];
    let mut scored: Vec<TextSentiment> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (text, source) in texts {
        let s = satisfaction::sentiment(text);
        counts[match s.label {
            satisfaction::SentimentLabel::Positive => 0,
            satisfaction::SentimentLabel::Neutral => 1,
            satisfaction::SentimentLabel::Negative => 2,
        }] += 1;
        if s.label == satisfaction::SentimentLabel::Negative {
            let text: String = text.chars().take(200).collect();
            // The same complaint twice is one line said twice, not two of the worst five.
            match seen.get(&text) {
                Some(&i) => scored[i].times += 1,
                None => {
                    seen.insert(text.clone(), scored.len());
                    scored.push(TextSentiment {
                        text,
                        source,
                        times: 1,
                        sentiment: s,
                    });
                }
            }
        }
    }
    scored.sort_by(|a, b| a.sentiment.score.total_cmp(&b.sentiment.score));
    scored.truncate(5);
    let recent_comments: Vec<&str> = feedback
        .iter()
        .filter(|f| recent(f.received))
        .filter_map(|f| f.comment.as_deref())
        .collect();
    let all_comments: Vec<&str> = feedback
        .iter()
        .filter_map(|f| f.comment.as_deref())
        .collect();
    let keywords = satisfaction::top_keywords(&recent_comments, &all_comments, 12);
    let categorised: Vec<CategorisedTicket> = tickets
        .iter()
        .filter_map(|t| {
            t.category.as_ref().map(|c| CategorisedTicket {
                subject: t.subject.clone(),
                body: t.description.clone(),
                category: c.clone(),
            })
        })
        .collect();
    let (ticket_suggestions, classifier_note) =
        match satisfaction::TicketClassifier::train(&categorised) {
            Ok(model) => (
                tickets
                    .iter()
                    .filter(|t| {
                        t.category.as_deref().is_none_or(str::is_empty)
                            && crate::kinds::ticket_is_open(&t.status)
                    })
                    .take(20)
                    .map(|t| TicketSuggestion {
                        ticket_id: t.id.clone(),
                        subject: t.subject.clone(),
                        prediction: model.predict(&t.subject, &t.description),
                    })
                    .collect(),
                None,
            ),
            Err(e) => (
                Vec::new(),
                Some(satisfaction::SatisfactionNote::from(&e).into()),
            ),
        };
    Ok(SatisfactionView {
        as_of,
        recent_days,
        csat: satisfaction::csat(&entries),
        nps: satisfaction::nps(&entries),
        sentiment_counts: counts,
        most_negative: scored,
        keywords,
        ticket_suggestions,
        classifier_note,
    })
}
