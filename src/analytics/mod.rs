//! On-device analytics over the user's own records: RFM scores with the standard R×F segment
//! map ([`rfm`]), k-means customer segments chosen by silhouette ([`segments`]), lifetime
//! value by BG/NBD + Gamma-Gamma ([`clv`]), lead scores by logistic regression or transparent
//! rules ([`lead_score`]), and satisfaction: CSAT, NPS, sentiment, keywords and ticket
//! categories ([`satisfaction`]).
//!
//! The models are pure functions over plain data (no database access), so each can be tested
//! against independently computed values; this module feeds them from the store and turns
//! their output into reports that explain every number, or say plainly why there is none
//! (never a NaN).

pub mod charts;
pub mod clv;
pub mod dashboard;
pub mod lead_score;
mod refresh;
pub mod rfm;
mod sales_and_service;
pub mod satisfaction;
mod score_rules;
pub mod segments;

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

pub use refresh::{RefreshProgress, RefreshStep, RefreshSummary, refresh, stored_report};
pub use sales_and_service::{
    DealScoreView, Forecast, ForecastMonth, ForecastNote, SatisfactionView, ScoreView, ScoredDeal,
    TextSentiment, TicketSuggestion, deal_score, forecast, lead_scores, satisfaction_report,
};
pub use score_rules::{
    RuleView, ScoreRules, reset_rule_points, score_config, score_rules, set_rule_points,
};

use crate::error::Result;
use crate::model::Said;
use crate::store::{CustomerFigures, CustomerMetric, MetricSet, Store};
use clv::{BgNbd, ClvError, ClvOptions, FitOptions, GammaGamma, Period, SummaryStats};

/// Penalties tried in turn when the plain maximum-likelihood fit has no interior maximum
/// (small or oddly shaped data): the first that fits is used and reported.
const PENALIZERS: [f64; 4] = [0.0, 0.001, 0.01, 0.1];

/// Rows of a per-customer (or per-deal) list kept in an analysis' stored report, best first:
/// what the dashboard shows without rerunning it. Every customer's own figures are stored
/// with the customer (and listed, sorted and filtered in the contacts list).
pub const STORED_ROWS: usize = 100;

/// Below this many repeat customers the lifetime-value estimates are flagged as rough.
const ROUGH_BELOW: usize = 50;

/// What [`customer_value`] computes.
#[derive(Debug, Clone)]
pub struct ValueOptions {
    /// The day the analysis is made at: later orders are ignored (default: today).
    pub as_of: Option<NaiveDate>,
    /// Discount rate per 30-day month for the lifetime value (0 = none).
    pub monthly_discount_rate: f64,
}

impl Default for ValueOptions {
    fn default() -> Self {
        ValueOptions {
            as_of: None,
            monthly_discount_rate: 0.0,
        }
    }
}

/// One customer's expected value.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CustomerValue {
    /// The contact.
    pub contact_id: String,
    /// Its display name.
    pub name: String,
    /// Days with a purchase (several orders on one day are one purchase).
    pub purchase_days: u32,
    /// First and last purchase day.
    pub first_purchase: NaiveDate,
    /// Last purchase day on or before the analysis day.
    pub last_purchase: NaiveDate,
    /// Probability the customer still buys (BG/NBD).
    pub p_alive: f64,
    /// Expected purchases in the next 90 and 365 days.
    pub purchases_90: f64,
    /// Expected purchases in the next 365 days.
    pub purchases_365: f64,
    /// Expected value of one purchase (Gamma-Gamma; the population mean for one-time buyers).
    pub spend_per_purchase: f64,
    /// Expected value over the next 90 days.
    pub clv_90: f64,
    /// Expected value over the next 365 days.
    pub clv_365: f64,
}

/// Lifetime value of every customer, with the fitted models and what was left out.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ValueReport {
    /// The analysis day.
    pub as_of: NaiveDate,
    /// The currency of the amounts (the most used one).
    pub currency: Option<String>,
    /// Customers with at least one purchase.
    pub customers: usize,
    /// Of those, customers who bought on more than one day.
    pub repeat_customers: usize,
    /// The purchase model, when it could be fitted.
    pub purchase_model: Option<BgNbd>,
    /// The spend model, when it could be fitted.
    pub spend_model: Option<GammaGamma>,
    /// The L2 penalty the fits needed (0 = plain maximum likelihood).
    pub penalizer: f64,
    /// Per customer, highest 365-day value first (empty when the models could not be fitted).
    pub values: Vec<CustomerValue>,
    /// What was skipped in the orders.
    pub stats: SummaryStats,
    /// Plain-language notes: why there is no result, or what to keep in mind.
    pub notes: Vec<Said<ValueNote>>,
}

/// A note on the lifetime value: why there is no result, or what to keep in mind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ValueNote {
    /// The orders are in several currencies, added without conversion.
    MixedCurrencies {
        /// Each currency ("" when the order has none) with its number of orders, most used
        /// first.
        #[cfg_attr(feature = "ts", ts(type = "Array<[string, number]>"))]
        currencies: Vec<(String, u64)>,
    },
    /// Orders that are not counted as purchases, by why.
    OrdersLeftOut {
        /// All of them.
        total: usize,
        /// Drafts, cancelled or refunded orders.
        not_sales: usize,
        /// Orders of no contact.
        without_contact: usize,
        /// Orders without a total.
        without_total: usize,
        /// Orders whose total is zero.
        zero_total: usize,
    },
    /// Orders after the analysis day are not counted.
    OrdersAfter {
        /// How many.
        orders: usize,
        /// The analysis day.
        as_of: NaiveDate,
    },
    /// No purchases at all.
    NoPurchases,
    /// Too few customers bought more than once for the model to be fitted.
    NotEnoughRepeatCustomers {
        /// The model ("BG/NBD" or "Gamma-Gamma").
        model: String,
        /// The minimum.
        needed: usize,
        /// How many there are.
        have: usize,
    },
    /// Every customer has the same purchase history.
    NoVariation {
        /// The model.
        model: String,
    },
    /// Every customer made their first purchase on the analysis day.
    NoObservationTime,
    /// A parameter of the model runs off towards zero or infinity.
    NotIdentifiable {
        /// The model.
        model: String,
        /// The parameter.
        parameter: String,
        /// `zero` or `infinity`.
        direction: String,
    },
    /// The fit did not converge.
    DidNotConverge {
        /// The model.
        model: String,
        /// Iterations used.
        iterations: usize,
    },
    /// The model could not be fitted for another reason (said in English only).
    FitFailed {
        /// Why, in English.
        reason: String,
    },
    /// The estimates are rough: few repeat customers.
    RoughEstimates {
        /// Customers who bought more than once.
        repeat_customers: usize,
        /// How many make the estimates more than rough.
        wanted: usize,
    },
    /// The purchase model needed a small penalty to fit.
    Penalized {
        /// The penalty.
        penalizer: f64,
    },
    /// The spend model has no mean: customers are valued at their own average purchase.
    SpendHasNoMean {
        /// The spend model's q.
        q: f64,
        /// Customers valued so.
        customers: usize,
        /// The overall average purchase, for one-time buyers.
        overall_average: f64,
    },
    /// The spend model could not be fitted: customers are valued at their own average purchase.
    SpendNotFitted {
        /// Customers valued so.
        customers: usize,
        /// The overall average purchase, for one-time buyers.
        overall_average: f64,
    },
}

impl From<&ClvError> for ValueNote {
    fn from(e: &ClvError) -> ValueNote {
        match e {
            ClvError::NotEnoughRepeatCustomers {
                model,
                needed,
                have,
            } => ValueNote::NotEnoughRepeatCustomers {
                model: (*model).to_owned(),
                needed: *needed,
                have: *have,
            },
            ClvError::NoVariation { model } => ValueNote::NoVariation {
                model: (*model).to_owned(),
            },
            ClvError::NoObservationTime => ValueNote::NoObservationTime,
            ClvError::NotIdentifiable {
                model,
                parameter,
                direction,
            } => ValueNote::NotIdentifiable {
                model: (*model).to_owned(),
                parameter: (*parameter).to_owned(),
                direction: (*direction).to_owned(),
            },
            ClvError::DidNotConverge { model, iterations } => ValueNote::DidNotConverge {
                model: (*model).to_owned(),
                iterations: *iterations,
            },
            other => ValueNote::FitFailed {
                reason: other.to_string(),
            },
        }
    }
}

impl fmt::Display for ValueNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueNote::MixedCurrencies { currencies } => write!(
                f,
                "orders are in {} currencies ({}); amounts are added as they are, without \
                 conversion",
                currencies.len(),
                currencies
                    .iter()
                    .map(|(c, n)| format!("{} × {n}", if c.is_empty() { "none" } else { c }))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            ValueNote::OrdersLeftOut {
                total,
                not_sales,
                without_contact,
                without_total,
                zero_total,
            } => write!(
                f,
                "{total} orders left out: {not_sales} draft, cancelled or refunded, \
                 {without_contact} without a contact, {without_total} without a total, \
                 {zero_total} with a zero total"
            ),
            ValueNote::OrdersAfter { orders, as_of } => {
                write!(f, "{orders} orders dated after {as_of} are not counted")
            }
            ValueNote::NoPurchases => {
                f.write_str("no purchases yet: lifetime value needs orders of contacts")
            }
            ValueNote::NotEnoughRepeatCustomers {
                model,
                needed,
                have,
            } => write!(
                f,
                "{model} needs at least {needed} customers with a repeat purchase; you have \
                 {have}. Add more history (an earlier start or a later calibration end) before \
                 estimating customer value"
            ),
            ValueNote::NoVariation { model } => write!(
                f,
                "{model}: every customer has exactly the same purchase history, so the model \
                 cannot estimate how customers differ"
            ),
            ValueNote::NoObservationTime => ClvError::NoObservationTime.fmt(f),
            ValueNote::NotIdentifiable {
                model,
                parameter,
                direction,
            } => write!(
                f,
                "{model}: the data cannot pin down parameter {parameter} (it runs off towards \
                 {direction}); use more varied data or a small penalizer such as 0.001"
            ),
            ValueNote::DidNotConverge { model, iterations } => write!(
                f,
                "{model}: the fit did not converge within {iterations} iterations"
            ),
            ValueNote::FitFailed { reason } => f.write_str(reason),
            ValueNote::RoughEstimates {
                repeat_customers,
                wanted,
            } => write!(
                f,
                "only {repeat_customers} customers bought more than once: the estimates are \
                 rough until there are {wanted} or more"
            ),
            ValueNote::Penalized { penalizer } => write!(
                f,
                "the orders alone did not pin the purchase model down; fitted with a small \
                 penalty ({penalizer})"
            ),
            ValueNote::SpendHasNoMean {
                q,
                customers,
                overall_average,
            } => write!(
                f,
                "spend varies so much between customers that the spend model has no mean \
                 (q = {q:.2}): {customers} customers are valued at their own average purchase, \
                 or at the overall average ({overall_average:.2}) for one-time buyers"
            ),
            ValueNote::SpendNotFitted {
                customers,
                overall_average,
            } => write!(
                f,
                "the spend model could not be fitted to so few repeat purchases: {customers} \
                 customers are valued at their own average purchase, or at the overall average \
                 ({overall_average:.2}) for one-time buyers"
            ),
        }
    }
}

/// The purchase model, with the smallest penalty that lets it fit.
fn fit_purchases(rfm: &[clv::Rfm]) -> std::result::Result<(BgNbd, f64), ClvError> {
    let mut last = None;
    for penalizer in PENALIZERS {
        let opts = FitOptions {
            penalizer,
            ..FitOptions::default()
        };
        match clv::fit_bgnbd(rfm, Period::Days, &opts) {
            Ok(bg) => return Ok((bg, penalizer)),
            // Not enough data is not cured by a penalty.
            Err(e @ (ClvError::NotEnoughRepeatCustomers { .. } | ClvError::NoObservationTime)) => {
                return Err(e);
            }
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or(ClvError::NoObservationTime))
}

/// Fits BG/NBD and Gamma-Gamma on the purchases up to the analysis day and predicts each
/// customer's purchases and value over 90 and 365 days.
pub fn customer_value(store: &mut Store, opts: &ValueOptions) -> Result<ValueReport> {
    customer_value_with_progress(store, opts, &mut |_| {})
}

/// [`customer_value`], telling `progress` how far it is (0 to 1) as it values the customers.
pub fn customer_value_with_progress(
    store: &mut Store,
    opts: &ValueOptions,
    progress: &mut dyn FnMut(f64),
) -> Result<ValueReport> {
    let as_of = day_of(store, opts.as_of);
    let purchases = store.purchases()?;
    let summary = clv::summarize(&purchases.orders, as_of, Period::Days);
    let rfm = summary.rfm();
    let mut notes: Vec<Said<ValueNote>> = Vec::new();
    if purchases.currencies.len() > 1 {
        notes.push(
            ValueNote::MixedCurrencies {
                currencies: purchases.currencies.clone(),
            }
            .into(),
        );
    }
    let left_out = purchases.not_sales
        + purchases.without_contact
        + purchases.without_total
        + purchases.zero_total;
    if left_out > 0 {
        notes.push(
            ValueNote::OrdersLeftOut {
                total: left_out as usize,
                not_sales: purchases.not_sales as usize,
                without_contact: purchases.without_contact as usize,
                without_total: purchases.without_total as usize,
                zero_total: purchases.zero_total as usize,
            }
            .into(),
        );
    }
    if summary.stats.orders_after_end > 0 {
        notes.push(
            ValueNote::OrdersAfter {
                orders: summary.stats.orders_after_end,
                as_of,
            }
            .into(),
        );
    }
    let mut report = ValueReport {
        as_of,
        currency: purchases.currencies.first().map(|(c, _)| c.clone()),
        customers: rfm.len(),
        repeat_customers: rfm.iter().filter(|r| r.frequency > 0).count(),
        purchase_model: None,
        spend_model: None,
        penalizer: 0.0,
        values: Vec::new(),
        stats: summary.stats.clone(),
        notes,
    };
    if rfm.is_empty() {
        report.notes.insert(0, ValueNote::NoPurchases.into());
        save(store, MetricSet::Clv, as_of, &[], &report)?;
        return Ok(report);
    }
    let (bg, penalizer) = match fit_purchases(&rfm) {
        Ok(fitted) => fitted,
        Err(e) => {
            report.notes.insert(0, ValueNote::from(&e).into());
            save(store, MetricSet::Clv, as_of, &[], &report)?;
            return Ok(report);
        }
    };
    if report.repeat_customers < ROUGH_BELOW {
        report.notes.push(
            ValueNote::RoughEstimates {
                repeat_customers: report.repeat_customers,
                wanted: ROUGH_BELOW,
            }
            .into(),
        );
    }
    if penalizer > 0.0 {
        report.notes.push(ValueNote::Penalized { penalizer }.into());
    }
    let gg = PENALIZERS.iter().find_map(|&penalizer| {
        let opts = FitOptions {
            penalizer,
            ..FitOptions::default()
        };
        clv::fit_gamma_gamma(&rfm, &opts).ok()
    });
    // The observed mean value of a purchase day, for customers the spend model cannot value
    // (one-time buyers when the fitted spend distribution is so heavy-tailed that its mean is
    // infinite, q ≤ 1).
    let observed_mean = {
        let days: f64 = summary
            .customers
            .iter()
            .map(|c| f64::from(c.rfm.frequency) + 1.0)
            .sum();
        let total: f64 = summary.customers.iter().map(|c| c.total).sum();
        if days > 0.0 { total / days } else { 0.0 }
    };
    let mut fallback_used = 0usize;
    let mut spend_of = |c: &clv::Rfm| match gg
        .as_ref()
        .map(|gg| gg.expected_spend(c.frequency, c.monetary_value))
    {
        Some(Ok(v)) => v,
        _ => {
            fallback_used += 1;
            if c.frequency > 0 {
                c.monetary_value
            } else {
                observed_mean
            }
        }
    };
    let at = |days: f64| ClvOptions {
        horizon_days: days,
        monthly_discount_rate: opts.monthly_discount_rate,
    };
    let mut predicted = Vec::with_capacity(summary.customers.len());
    let n = summary.customers.len();
    progress(0.0);
    for (i, c) in summary.customers.iter().enumerate() {
        if i % 4096 == 4095 {
            progress(i as f64 / n as f64);
        }
        let (p_alive, purchases_90, discounted_90) = bg
            .purchases_in_horizon(&c.rfm, &at(90.0))
            .map_err(|e| analytics_error(&e))?;
        let (_, purchases_365, discounted_365) = bg
            .purchases_in_horizon(&c.rfm, &at(365.0))
            .map_err(|e| analytics_error(&e))?;
        let spend = spend_of(&c.rfm);
        predicted.push((
            p_alive,
            purchases_90,
            purchases_365,
            spend,
            spend * discounted_90,
            spend * discounted_365,
        ));
    }
    if fallback_used > 0 {
        let note = match &gg {
            Some(gg) => ValueNote::SpendHasNoMean {
                q: gg.q,
                customers: fallback_used,
                overall_average: observed_mean,
            },
            None => ValueNote::SpendNotFitted {
                customers: fallback_used,
                overall_average: observed_mean,
            },
        };
        report.notes.push(note.into());
    }
    let ids: Vec<&str> = summary
        .customers
        .iter()
        .map(|c| c.customer_id.as_str())
        .collect();
    let names: std::collections::HashMap<String, String> =
        store.contact_names(&ids)?.into_iter().collect();
    let mut values: Vec<CustomerValue> = summary
        .customers
        .iter()
        .zip(predicted)
        .map(
            |(c, (p_alive, purchases_90, purchases_365, spend, clv_90, clv_365))| CustomerValue {
                name: names
                    .get(&c.customer_id)
                    .cloned()
                    .unwrap_or_else(|| "(deleted contact)".into()),
                contact_id: c.customer_id.clone(),
                purchase_days: c.rfm.frequency + 1,
                first_purchase: c.first_purchase,
                last_purchase: c.last_purchase,
                p_alive,
                purchases_90,
                purchases_365,
                spend_per_purchase: spend,
                clv_90,
                clv_365,
            },
        )
        .collect();
    values.sort_by(|a, b| b.clv_365.total_cmp(&a.clv_365));
    let metrics: Vec<CustomerMetric> = values
        .iter()
        .map(|v| CustomerMetric {
            contact_id: v.contact_id.clone(),
            p_alive: v.p_alive,
            clv_90: v.clv_90,
            clv_365: v.clv_365,
            ..CustomerMetric::default()
        })
        .collect();
    report.values = values;
    report.purchase_model = Some(bg);
    report.spend_model = gg;
    report.penalizer = penalizer;
    with_first_rows(
        &mut report,
        |r| &mut r.values,
        |r| save(store, MetricSet::Clv, as_of, &metrics, r),
    )?;
    Ok(report)
}

fn analytics_error(e: &ClvError) -> crate::Error {
    crate::Error::invalid("lifetime value", e.to_string())
}

/// Stores an analysis' per-customer figures and its report (what the app shows and filters by).
fn save(
    store: &mut Store,
    set: MetricSet,
    as_of: NaiveDate,
    rows: &[CustomerMetric],
    report: &impl Serialize,
) -> Result<()> {
    store.save_metrics(set, as_of, rows, &to_json(report)?)
}

/// A report as the JSON it is stored as.
fn to_json(report: &impl Serialize) -> Result<String> {
    serde_json::to_string(report).map_err(|e| crate::Error::invalid("report", e.to_string()))
}

/// A stored report read back.
fn from_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T> {
    serde_json::from_str(json)
        .map_err(|e| crate::Error::invalid("stored report", format!("cannot be read: {e}")))
}

/// Runs `f` on `view` with its list (`rows`) cut to the first [`STORED_ROWS`] — what a stored
/// report keeps — and puts the rest back after.
fn with_first_rows<V, T, R>(
    view: &mut V,
    rows: fn(&mut V) -> &mut Vec<T>,
    f: impl FnOnce(&V) -> Result<R>,
) -> Result<R> {
    let list = rows(view);
    let rest = list.split_off(STORED_ROWS.min(list.len()));
    let out = f(view);
    rows(view).extend(rest);
    out
}

/// A month as `YYYY-MM`, the key of every by-month figure.
fn month_of(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

/// Today (UTC): the day an analysis is made at unless told otherwise.
pub fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// The day an analysis is made at: the given one, else the store's today
/// ([`Store::set_today`]).
fn day_of(store: &Store, as_of: Option<NaiveDate>) -> NaiveDate {
    as_of.unwrap_or_else(|| store.today())
}

/// Per customer: the last purchase on or before `as_of`, the number of orders and total spend.
fn customer_orders(store: &Store, as_of: NaiveDate) -> Result<(Vec<rfm::CustomerOrders>, usize)> {
    let purchases = store.purchases()?;
    let mut by: std::collections::BTreeMap<&str, rfm::CustomerOrders> = Default::default();
    let mut later = 0;
    for o in &purchases.orders {
        if o.date > as_of {
            later += 1;
            continue;
        }
        let c = by
            .entry(o.customer_id.as_str())
            .or_insert_with(|| rfm::CustomerOrders {
                id: o.customer_id.clone(),
                last_order: o.date,
                orders: 0,
                spend_cents: 0,
            });
        c.last_order = c.last_order.max(o.date);
        c.orders += 1;
        c.spend_cents += (o.amount * 100.0).round() as i64;
    }
    Ok((by.into_values().collect(), later))
}

/// One customer's RFM scores, with its name.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CustomerRfm {
    /// Its display name.
    pub name: String,
    /// The scores.
    #[serde(flatten)]
    pub score: rfm::RfmScore,
}

/// RFM scores of every customer with the R×F segment counts.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RfmView {
    /// The analysis day.
    pub as_of: NaiveDate,
    /// Customers scored.
    pub scored: usize,
    /// Customers, best first (R, F, M scores, then spend; the stored report keeps the first
    /// [`STORED_ROWS`]).
    pub customers: Vec<CustomerRfm>,
    /// Every segment with its description and size.
    pub segments: Vec<rfm::SegmentCount>,
    /// Set when there are too few customers for the scores to mean much.
    pub thin_data: Option<Said<rfm::RfmNote>>,
    /// Orders dated after the analysis day (not counted).
    pub orders_after: usize,
}

fn names_of(store: &Store, ids: &[&str]) -> Result<std::collections::HashMap<String, String>> {
    Ok(store.contact_names(ids)?.into_iter().collect())
}

/// Scores recency, frequency and spend 1–5 for every customer and places each in the
/// standard R×F segment map; stores the scores.
pub fn rfm_scores(store: &mut Store, as_of: Option<NaiveDate>) -> Result<RfmView> {
    let as_of = day_of(store, as_of);
    let (orders, orders_after) = customer_orders(store, as_of)?;
    let report = rfm::score_rfm(&orders, as_of);
    let ids: Vec<&str> = report.customers.iter().map(|c| c.id.as_str()).collect();
    let names = names_of(store, &ids)?;
    let mut customers: Vec<CustomerRfm> = report
        .customers
        .iter()
        .map(|c| CustomerRfm {
            name: names.get(&c.id).cloned().unwrap_or_default(),
            score: c.clone(),
        })
        .collect();
    customers.sort_by(|a, b| {
        (b.score.r + b.score.f + b.score.m)
            .cmp(&(a.score.r + a.score.f + a.score.m))
            .then(b.score.monetary_cents.cmp(&a.score.monetary_cents))
    });
    let metrics: Vec<CustomerMetric> = report
        .customers
        .iter()
        .map(|c| CustomerMetric {
            contact_id: c.id.clone(),
            recency_days: c.recency_days,
            orders: c.frequency,
            spend_cents: c.monetary_cents,
            rfm: (c.r, c.f, c.m),
            rfm_segment: c.segment.label().to_string(),
            ..CustomerMetric::default()
        })
        .collect();
    let mut view = RfmView {
        as_of,
        scored: customers.len(),
        customers,
        segments: report.segments,
        thin_data: report.thin_data,
        orders_after,
    };
    with_first_rows(
        &mut view,
        |v| &mut v.customers,
        |v| save(store, MetricSet::Rfm, as_of, &metrics, v),
    )?;
    Ok(view)
}

/// One contact's stored analysis figures, with its cluster's name as a code the window says in
/// its language (the figures store the English name).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StoredFigures {
    /// The figures as stored.
    #[serde(flatten)]
    pub figures: CustomerFigures,
    /// The code of the stored `cluster` name, from the last segments run; `None` without a
    /// cluster, or when that run has no cluster of the name (an older run's).
    pub cluster_code: Option<segments::ClusterName>,
}

/// A contact's stored analysis figures ([`Store::customer_metrics`]) with its cluster's name as
/// a code; `None` when no analysis gave it a figure.
pub fn stored_figures(store: &Store, contact_id: &str) -> Result<Option<StoredFigures>> {
    let Some(figures) = store.customer_metrics(contact_id)? else {
        return Ok(None);
    };
    let cluster_code = match &figures.cluster {
        Some(name) => stored_cluster_names(store)?.remove(name),
        None => None,
    };
    Ok(Some(StoredFigures {
        figures,
        cluster_code,
    }))
}

/// The codes of the cluster names of the last stored segments run, by the English name each
/// customer's `cluster` figure stores (empty before it ran, or for an older run's report).
pub fn stored_cluster_names(
    store: &Store,
) -> Result<std::collections::HashMap<String, segments::ClusterName>> {
    /// A stored cluster's name and its code.
    #[derive(serde::Deserialize)]
    struct Named {
        name: String,
        code: segments::ClusterName,
    }
    /// The clusters of a stored segments report.
    #[derive(serde::Deserialize)]
    struct Clusters {
        clusters: Vec<Named>,
    }
    let Some(run) = store.analytics_run(MetricSet::Segments.name())? else {
        return Ok(Default::default());
    };
    Ok(serde_json::from_str::<Clusters>(&run.report)
        .map(|report| {
            report
                .clusters
                .into_iter()
                .map(|cluster| (cluster.name, cluster.code))
                .collect()
        })
        .unwrap_or_default())
}

/// Customer segments: the k-means clusters with their members' count and means.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SegmentView {
    /// The analysis day.
    pub as_of: NaiveDate,
    /// The clustering (clusters named from their centroids, k and how it was chosen).
    #[serde(flatten)]
    pub segmentation: segments::Segmentation,
}

/// Groups customers by k-means on log-scaled, standardised recency, frequency and spend (k
/// chosen by silhouette over 2..=8 unless given); stores each customer's cluster name.
pub fn customer_segments(
    store: &mut Store,
    as_of: Option<NaiveDate>,
    k: Option<usize>,
) -> Result<SegmentView> {
    customer_segments_with_progress(store, as_of, k, &mut |_| {})
}

/// [`customer_segments`], telling `progress` how far it is (0 to 1) after each k it tries.
pub fn customer_segments_with_progress(
    store: &mut Store,
    as_of: Option<NaiveDate>,
    k: Option<usize>,
    progress: &mut dyn FnMut(f64),
) -> Result<SegmentView> {
    let as_of = day_of(store, as_of);
    let (orders, _) = customer_orders(store, as_of)?;
    let report = rfm::score_rfm(&orders, as_of);
    let values: Vec<segments::CustomerValues> = report
        .customers
        .iter()
        .map(segments::CustomerValues::from)
        .collect();
    let options = segments::SegmentOptions {
        k,
        ..segments::SegmentOptions::default()
    };
    let segmentation = segments::segment_customers_with_progress(&values, &options, progress)
        .map_err(|e| crate::Error::invalid("segments", e.to_string()))?;
    let metrics: Vec<CustomerMetric> = segmentation
        .assignments
        .iter()
        .map(|a| CustomerMetric {
            contact_id: a.id.clone(),
            cluster: segmentation.clusters[a.cluster].name.clone(),
            ..CustomerMetric::default()
        })
        .collect();
    let mut view = SegmentView {
        as_of,
        segmentation,
    };
    // Every customer's cluster is stored with the customer; the report keeps the clusters.
    let assignments = std::mem::take(&mut view.segmentation.assignments);
    let saved = save(store, MetricSet::Segments, as_of, &metrics, &view);
    view.segmentation.assignments = assignments;
    saved?;
    Ok(view)
}
