//! The dashboard: every chart by name, drawn from the store's aggregates, and the KPIs.
//!
//! Charts that show analysis results (segments, R×F, lifetime value) read what the last run
//! stored in `customer_metric`, and run the analysis first when it never ran (a run that found
//! nothing to score is not rerun: the chart says why it is empty); the others aggregate the records directly (indexed, so each stays
//! fast on a million orders).

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::charts::{
    self, CategoryMonthCount, ChartStyle, Language, MonthValue, NamedCount, RfCell, StageValue,
};
use super::{
    ValueOptions, customer_segments, customer_value, day_of, forecast, month_of, rfm_scores,
};
use crate::error::{Error, IssueCode, Result};
use crate::store::{MetricColumn, Store};

/// Every chart, by the name `kith chart NAME` and the app use, with its English title (the
/// window shows its own title in its language, found by the name).
pub const CHARTS: [(&str, &str); 9] = [
    ("revenue", "Revenue by month"),
    ("funnel", "Pipeline by stage"),
    ("forecast", "Forecast: weighted pipeline and won revenue"),
    ("segments", "Customer segments"),
    ("rfm", "Recency × frequency"),
    ("clv", "Lifetime value (365 days)"),
    ("satisfaction", "Satisfaction by month"),
    ("places", "Customers by city"),
    ("tickets", "Tickets by category"),
];

/// Open stages in pipeline order, then won.
const FUNNEL_STAGES: [&str; 5] = ["lead", "qualified", "proposal", "negotiation", "won"];

/// What to draw.
#[derive(Debug, Clone, Default)]
pub struct ChartOptions {
    /// First day of the period (charts by month; default: 24 months before `to`).
    pub from: Option<NaiveDate>,
    /// Last day of the period (default: today).
    pub to: Option<NaiveDate>,
    /// Size in pixels (default 640 × 360).
    pub size: Option<(u32, u32)>,
    /// The language of the words drawn in the chart (default English).
    pub language: Language,
}

fn in_period(m: &str, from: &str, to: &str) -> bool {
    m >= from && m <= to
}

/// The chart `name` as an SVG document.
pub fn chart_svg(store: &mut Store, name: &str, opts: &ChartOptions) -> Result<String> {
    let to = day_of(store, opts.to);
    let from = opts.from.unwrap_or_else(|| {
        to.with_day(1)
            .and_then(|d| d.checked_sub_months(chrono::Months::new(23)))
            .unwrap_or(to)
    });
    if from > to {
        return Err(Error::coded(
            "from",
            IssueCode::PeriodBackwards {
                from: from.to_string(),
                to: to.to_string(),
            },
        ));
    }
    let (first, last) = (month_of(from), month_of(to));
    let currency = store
        .purchases_currency()?
        .unwrap_or_else(|| "USD".to_string());
    let mut style = ChartStyle {
        language: opts.language,
        ..ChartStyle::with_currency(currency)
    };
    if let Some((w, h)) = opts.size {
        style.width = w;
        style.height = h;
    }
    let drawn = match name {
        "revenue" => {
            let data: Vec<MonthValue> = store
                .revenue_by_month(&first, &last)?
                .into_iter()
                .map(|(m, v)| MonthValue::new(m, v))
                .collect();
            charts::revenue_by_month(&data, &style)
        }
        "funnel" => {
            let by_stage = store.deals_by_stage()?;
            let stages = store.deal_stages()?;
            let data: Vec<StageValue> = FUNNEL_STAGES
                .iter()
                .map(|s| {
                    let (count, value) = by_stage
                        .iter()
                        .find(|(stage, _, _)| stage == s)
                        .map_or((0, 0.0), |(_, c, v)| (*c, *v));
                    // The user's name for the stage, else its default name in the language.
                    let name = stages
                        .iter()
                        .find(|stage| stage.key == *s)
                        .and_then(|stage| stage.label.clone())
                        .unwrap_or_else(|| opts.language.stage_name(s));
                    StageValue::new(name, count, value)
                })
                .collect();
            charts::pipeline_funnel(&data, &style)
        }
        "forecast" => {
            let f = forecast(store, Some(to))?;
            let weighted: Vec<MonthValue> = f
                .months
                .iter()
                .filter(|m| m.month.as_str() >= first.as_str())
                .map(|m| MonthValue::new(m.month.clone(), m.weighted))
                .collect();
            let won: Vec<MonthValue> = f
                .months
                .iter()
                .filter(|m| in_period(&m.month, &first, &last))
                .map(|m| MonthValue::new(m.month.clone(), m.won))
                .collect();
            charts::forecast(&weighted, &won, &style)
        }
        "segments" => {
            if store.analytics_run("segments")?.is_none() {
                customer_segments(store, Some(to), None)?;
            }
            let data: Vec<NamedCount> = store
                .metric_counts(MetricColumn::Cluster)?
                .into_iter()
                .map(|(n, c)| NamedCount::new(n, c))
                .collect();
            charts::segment_sizes(&data, &style)
        }
        "rfm" => {
            if store.analytics_run("rfm")?.is_none() {
                rfm_scores(store, Some(to))?;
            }
            let data: Vec<RfCell> = store
                .rf_counts()?
                .into_iter()
                .map(|(r, f, count)| RfCell { r, f, count })
                .collect();
            charts::rf_heatmap(&data, &style)
        }
        "clv" => {
            if store.analytics_run("clv")?.is_none() {
                customer_value(
                    store,
                    &ValueOptions {
                        as_of: Some(to),
                        ..ValueOptions::default()
                    },
                )?;
            }
            charts::clv_distribution(&store.clv_values()?, &style)
        }
        "satisfaction" => {
            let rows: Vec<_> = store
                .satisfaction_by_month()?
                .into_iter()
                .filter(|(m, _, _)| in_period(m, &first, &last))
                .collect();
            let csat: Vec<MonthValue> = rows
                .iter()
                .filter_map(|(m, c, _)| c.map(|c| MonthValue::new(m.clone(), c)))
                .collect();
            let nps: Vec<MonthValue> = rows
                .iter()
                .filter_map(|(m, _, n)| n.map(|n| MonthValue::new(m.clone(), n)))
                .collect();
            charts::satisfaction_trend(&csat, &nps, &style)
        }
        "places" => {
            let data: Vec<NamedCount> = store
                .contacts_by_place()?
                .into_iter()
                .map(|(n, c)| NamedCount::new(n, c))
                .collect();
            charts::customers_by_region(&data, 10, &style)
        }
        "tickets" => {
            let data: Vec<CategoryMonthCount> = store
                .tickets_by_month()?
                .into_iter()
                .filter(|(m, _, _)| in_period(m, &first, &last))
                .map(|(m, c, n)| CategoryMonthCount::new(m, c, n))
                .collect();
            charts::tickets_by_category(&data, &style)
        }
        other => {
            let names: Vec<&str> = CHARTS.iter().map(|(n, _)| *n).collect();
            return Err(Error::invalid(
                "chart",
                format!("no chart '{other}'; the charts are: {}", names.join(", ")),
            ));
        }
    };
    drawn.map_err(|e| Error::invalid("chart", e.to_string()))
}

/// An SVG chart as PNG bytes, at `scale` times its size (fonts from the system, CJK included).
pub fn svg_to_png(svg: &str, scale: f32) -> Result<Vec<u8>> {
    charts::svg_to_png(svg, scale).map_err(|e| Error::invalid("png", e.to_string()))
}

/// The headline figures of the dashboard.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Kpis {
    /// The day they are for.
    pub as_of: NaiveDate,
    /// Contacts with at least one purchase.
    pub customers: u64,
    /// Customers with a purchase in the last 365 days.
    pub active_customers: u64,
    /// Purchase revenue this month so far.
    pub revenue_this_month: f64,
    /// Purchase revenue last month.
    pub revenue_last_month: f64,
    /// Value of open deals.
    pub pipeline: f64,
    /// Open deals weighted by stage probability.
    pub weighted_pipeline: f64,
    /// Average CSAT rating (1–5), all time.
    pub csat: Option<f64>,
    /// NPS (−100..100), all time.
    pub nps: Option<f64>,
    /// The main currency.
    pub currency: Option<String>,
}

/// The dashboard's KPIs as of a day.
pub fn kpis(store: &Store, as_of: Option<NaiveDate>) -> Result<Kpis> {
    let as_of = day_of(store, as_of);
    let purchases = store.purchases()?;
    let this = month_of(as_of);
    let last = month_of(
        as_of
            .with_day(1)
            .and_then(|d| d.checked_sub_months(chrono::Months::new(1)))
            .unwrap_or(as_of),
    );
    let year_ago = as_of - chrono::Days::new(365);
    let mut customers = std::collections::HashSet::new();
    let mut active = std::collections::HashSet::new();
    let (mut this_month, mut last_month) = (0.0, 0.0);
    for o in purchases.orders.iter().filter(|o| o.date <= as_of) {
        customers.insert(o.customer_id.as_str());
        if o.date > year_ago {
            active.insert(o.customer_id.as_str());
        }
        let m = month_of(o.date);
        if m == this {
            this_month += o.amount;
        } else if m == last {
            last_month += o.amount;
        }
    }
    let f = forecast(store, Some(as_of))?;
    let pipeline = store
        .deals_by_stage()?
        .iter()
        .filter(|(s, _, _)| s != "won" && s != "lost")
        .map(|(_, _, v)| v)
        // An empty f64 sum is −0.0; a pipeline of nothing is 0.
        .fold(0.0, |a, b| a + b);
    let feedback = store.feedback_rows()?;
    let ratings: Vec<f64> = feedback
        .iter()
        .filter_map(|f| f.rating.filter(|r| (1..=5).contains(r)))
        .map(|r| r as f64)
        .collect();
    let scores: Vec<i64> = feedback
        .iter()
        .filter_map(|f| f.nps.filter(|n| (0..=10).contains(n)))
        .collect();
    let nps = (!scores.is_empty()).then(|| {
        let n = scores.len() as f64;
        let promoters = scores.iter().filter(|s| **s >= 9).count() as f64;
        let detractors = scores.iter().filter(|s| **s <= 6).count() as f64;
        100.0 * (promoters - detractors) / n
    });
    Ok(Kpis {
        as_of,
        customers: customers.len() as u64,
        active_customers: active.len() as u64,
        revenue_this_month: this_month,
        revenue_last_month: last_month,
        pipeline,
        weighted_pipeline: f.weighted_total,
        csat: (!ratings.is_empty()).then(|| ratings.iter().sum::<f64>() / ratings.len() as f64),
        nps,
        currency: purchases.currencies.first().map(|(c, _)| c.clone()),
    })
}
