//! Recomputing the stored analytics in one go, with progress: RFM scores, k-means segments,
//! lifetime value and lead scores, each saved as it finishes (a failed step leaves the earlier
//! ones saved and the later ones as they were).
//!
//! The desktop app runs this on a connection of its own in a background thread, so the window
//! and every other command keep working while it runs (SQLite in WAL mode lets them read
//! meanwhile; each step's save is one short write transaction).

use std::time::Instant;

use chrono::NaiveDate;
use serde::Serialize;

use super::{ValueOptions, day_of};
use crate::error::{Error, Result};
use crate::store::{MetricSet, Store, StoredRun};

/// One analysis of a refresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RefreshStep {
    /// RFM scores and R×F segments.
    Rfm,
    /// k-means segments.
    Segments,
    /// BG/NBD + Gamma-Gamma lifetime value.
    Value,
    /// Lead scores of the open deals.
    Scores,
}

impl RefreshStep {
    /// The steps in the order they run.
    pub const ALL: [RefreshStep; 4] = [
        RefreshStep::Rfm,
        RefreshStep::Segments,
        RefreshStep::Value,
        RefreshStep::Scores,
    ];

    /// What the step computes, for a progress label.
    pub fn label(self) -> &'static str {
        match self {
            RefreshStep::Rfm => "RFM scores",
            RefreshStep::Segments => "Customer segments",
            RefreshStep::Value => "Lifetime value",
            RefreshStep::Scores => "Lead scores",
        }
    }

    /// The step's share of a refresh's time (measured on a million orders: reading the
    /// orders dominates RFM, k-means with silhouette the segments, the predictions the value).
    fn weight(self) -> f64 {
        match self {
            RefreshStep::Rfm => 0.25,
            RefreshStep::Segments => 0.35,
            RefreshStep::Value => 0.3,
            RefreshStep::Scores => 0.1,
        }
    }
}

/// How far a refresh is.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RefreshProgress {
    /// The analysis running.
    pub step: RefreshStep,
    /// Its label ("Lifetime value").
    pub label: String,
    /// Which step it is (1-based) …
    pub index: usize,
    /// … of how many.
    pub total: usize,
    /// The whole refresh done so far, 0 to 1.
    pub fraction: f64,
}

/// What a refresh computed.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RefreshSummary {
    /// The analysis day.
    pub as_of: NaiveDate,
    /// Customers scored (RFM).
    pub customers: usize,
    /// Customers valued (lifetime value).
    pub valued: usize,
    /// Open deals scored.
    pub open_deals: usize,
    /// How long each step took, in order.
    pub took: Vec<StepTime>,
}

/// How long one step of a refresh took.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StepTime {
    /// The step.
    pub step: RefreshStep,
    /// Milliseconds.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub ms: u64,
}

/// Reruns every stored analysis as of `as_of` (default today), calling `progress` as each
/// step moves (at most every few thousand customers, so the calls are cheap to forward).
pub fn refresh(
    store: &mut Store,
    as_of: Option<NaiveDate>,
    progress: &mut dyn FnMut(&RefreshProgress),
) -> Result<RefreshSummary> {
    let as_of = day_of(store, as_of);
    let mut summary = RefreshSummary {
        as_of,
        customers: 0,
        valued: 0,
        open_deals: 0,
        took: Vec::new(),
    };
    let total = RefreshStep::ALL.len();
    let mut done = 0.0;
    for (i, step) in RefreshStep::ALL.into_iter().enumerate() {
        let started = Instant::now();
        let mut report = |within: f64| {
            progress(&RefreshProgress {
                step,
                label: step.label().to_string(),
                index: i + 1,
                total,
                fraction: (done + step.weight() * within.clamp(0.0, 1.0)).min(1.0),
            });
        };
        report(0.0);
        match step {
            RefreshStep::Rfm => summary.customers = super::rfm_scores(store, Some(as_of))?.scored,
            RefreshStep::Segments => {
                super::customer_segments_with_progress(store, Some(as_of), None, &mut report)?;
            }
            RefreshStep::Value => {
                let opts = ValueOptions {
                    as_of: Some(as_of),
                    ..ValueOptions::default()
                };
                summary.valued = super::customer_value_with_progress(store, &opts, &mut report)?
                    .values
                    .len();
            }
            RefreshStep::Scores => {
                summary.open_deals = super::lead_scores(store, Some(as_of))?.open_deals;
            }
        }
        report(1.0);
        done += step.weight();
        summary.took.push(StepTime {
            step,
            ms: started.elapsed().as_millis() as u64,
        });
    }
    Ok(summary)
}

/// The last stored run of an analysis by name (`rfm`, `segments`, `clv`, `scores`): what the
/// dashboard shows without rerunning it. `None` when it never ran.
pub fn stored_report(store: &Store, name: &str) -> Result<Option<StoredRun>> {
    let known = [
        MetricSet::Rfm,
        MetricSet::Segments,
        MetricSet::Clv,
        MetricSet::Scores,
    ];
    if !known.iter().any(|set| set.name() == name) {
        let names: Vec<&str> = known.iter().map(|set| set.name()).collect();
        return Err(Error::invalid(
            "analysis",
            format!(
                "no analysis is called '{name}' (analyses: {})",
                names.join(", ")
            ),
        ));
    }
    store.analytics_run(name)
}
