//! Recomputing the stored analytics in one go, with progress: RFM scores, k-means segments,
//! lifetime value and lead scores, each saved as it finishes (a failed step leaves the earlier
//! ones saved and the later ones as they were).
//!
//! A stored report is read back as the window now expects it: one stored before its notes had
//! codes (plain-string notes, clusters without their name's code) is rerun as of its own day
//! when it is asked for ([`stored_report`]), so no old report reaches the window.
//!
//! The desktop app runs this on a connection of its own in a background thread, so the window
//! and every other command keep working while it runs (SQLite in WAL mode lets them read
//! meanwhile; each step's save is one short write transaction).

use std::time::Instant;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::rfm::RfmNote;
use super::segments::{ClusterName, SegmentNote};
use super::{ValueNote, ValueOptions, day_of};
use crate::error::{Error, Result};
use crate::model::Said;
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
/// dashboard shows without rerunning it. `None` when it never ran. A run stored by an older
/// version, whose notes are plain words without their codes, is rerun as of its own day first
/// (so its `computed_at` is now), and the new run is returned.
pub fn stored_report(store: &mut Store, name: &str) -> Result<Option<StoredRun>> {
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
    let set = known
        .into_iter()
        .find(|set| set.name() == name)
        .expect("checked above");
    match store.analytics_run(name)? {
        Some(run) if !reads_as_current(set, &run.report) => {
            rerun(store, set, &run)?;
            store.analytics_run(name)
        }
        run => Ok(run),
    }
}

/// Whether a stored report's notes read as the current types (an older report's notes are
/// plain strings, and its clusters have no `code`).
fn reads_as_current(set: MetricSet, report: &str) -> bool {
    use serde_json::{Value, from_value};
    let Ok(mut report) = serde_json::from_str::<Value>(report) else {
        return false;
    };
    match set {
        MetricSet::Rfm => from_value::<Option<Said<RfmNote>>>(report["thin_data"].take()).is_ok(),
        MetricSet::Segments => {
            from_value::<Vec<Said<SegmentNote>>>(report["notes"].take()).is_ok()
                && report["clusters"].as_array().is_some_and(|clusters| {
                    clusters
                        .iter()
                        .all(|c| from_value::<ClusterName>(c["code"].clone()).is_ok())
                })
        }
        MetricSet::Clv => from_value::<Vec<Said<ValueNote>>>(report["notes"].take()).is_ok(),
        MetricSet::Scores => true,
    }
}

/// Reruns the analysis of an older stored run as of its day (with the k it was given, for
/// segments), replacing it.
fn rerun(store: &mut Store, set: MetricSet, run: &StoredRun) -> Result<()> {
    let as_of = Some(run.as_of);
    match set {
        MetricSet::Rfm => {
            super::rfm_scores(store, as_of)?;
        }
        MetricSet::Segments => {
            /// How the older run chose its k.
            #[derive(Deserialize)]
            struct KOf {
                k: usize,
                k_choice: String,
            }
            let k = serde_json::from_str::<KOf>(&run.report)
                .ok()
                .filter(|old| old.k_choice == "given")
                .map(|old| old.k);
            super::customer_segments(store, as_of, k)?;
        }
        MetricSet::Clv => {
            let opts = ValueOptions {
                as_of,
                ..ValueOptions::default()
            };
            super::customer_value(store, &opts)?;
        }
        MetricSet::Scores => {
            super::lead_scores(store, as_of)?;
        }
    }
    Ok(())
}
