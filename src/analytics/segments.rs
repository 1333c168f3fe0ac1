//! Customer segments by k-means on scaled RFM features, with k chosen by silhouette and each
//! segment named in plain words from its centroid.
//!
//! # Features
//!
//! Per customer: recency (days), frequency (orders) and monetary (spend), each clamped at 0
//! and then `ln(1 + x)`-scaled (RFM values are heavily right-skewed), plus optional extra
//! numeric columns (used as given, not log-scaled: they may be negative). Every column is
//! then standardised to a z-score with the population standard deviation:
//! `z = (v − mean) / std`. A column whose values are all equal (`std ≤ 1e-12·(1 + |mean|)`)
//! gets `z = 0` for everyone instead of a division by zero, and a note says it does not
//! separate customers. Inputs must be finite and within ±1e15 ([`SegmentError::BadValue`]),
//! which keeps every sum and square far from overflow: results are NaN-free.
//!
//! # k-means
//!
//! [`kmeans`] minimises the inertia `Σᵢ ‖zᵢ − c_{label(i)}‖²` with `n_init` (default 10)
//! greedy k-means++ starts — scikit-learn's seeding: each new centre is the best of
//! `2 + ⌊ln k⌋` candidates drawn ∝ squared distance — each followed by Lloyd iterations
//! accelerated with Hamerly's bounds (exact: same labels as plain Lloyd, fewer distance
//! evaluations). It stops on unchanged labels or when the summed squared centre shift falls to
//! `tol · mean column variance` (`tol = 1e-4`, scikit-learn's rule), and keeps the start with
//! the lowest inertia (ties: the lower start index). Starts run on up to
//! [`KMeansOptions::threads`] threads (`std::thread::scope`); start `s` is seeded from
//! `(seed, s)` alone, so results are identical for any thread count.
//!
//! **Why not smartcore's `KMeans`.** smartcore 0.7's `KMeans::fit` runs one k-means++ start
//! (plain, not greedy) to full convergence on a BBD tree and exposes neither the inertia, the
//! labels of the fit, a tolerance, nor k = 1; its seed is a public field with no builder.
//! On the 100,000-customer benchmark (`bench/`, k = 5) ten seeded smartcore fits took 2.3–3.4 s
//! on one thread, against 0.4–0.5 s for scikit-learn's `KMeans(n_init=10)` on one thread and
//! 0.23 s for this module. Its `StandardScaler` computes the variance as `E[x²] − E[x]²`,
//! which can come out slightly negative on a constant column and turn into NaN under `sqrt`,
//! and it has no silhouette. So the run-time path is std-only (Lloyd, seeding, scaling and
//! [`silhouette_score`] are implemented here), and smartcore is a dev-dependency: an
//! independent k-means that the tests and the benchmark compare this one against (inertia
//! within 0.5 % of smartcore's best of as many starts; on the benchmark the two agree to
//! 0.001 %).
//!
//! # Choosing k
//!
//! Unless [`SegmentOptions::k`] is given, k runs over `2..=k_max` (default 8), capped at the
//! number of distinct customers and at `n − 1`, and the k with the highest mean silhouette
//! wins (ties: the smaller k). The silhouette costs O(m²), so it is computed on a
//! deterministic sample of `m = min(n, silhouette_sample)` customers (default 5,000: 12.5
//! million distances per k) drawn without replacement with a seed derived from
//! [`KMeansOptions::seed`]; the same sample is used for every k so the scores are comparable.
//! Every k-means fit itself uses all customers. On the 100,000-customer benchmark the whole
//! pipeline (7 values of k × 10 starts, 7 silhouettes) takes about 1.3 s on 2 threads.
//!
//! # Naming a cluster
//!
//! A cluster is named from its centroid's z-scores (the mean z of its members) on the three
//! RFM columns, with `±0.5` (half a standard deviation) as the line between "typical" and
//! "notably high/low":
//!
//! - recency: `z ≤ −0.5` recent; `−0.5 < z < 0.5` typical; `0.5 ≤ z < 0.75` lapsing;
//!   `z ≥ 0.75` lapsed (recency is days since the last order, so low is good; with half the
//!   customers lapsed their mode sits near z = +1, so the line is below 1);
//! - frequency: `z ≥ 0.5` frequent; `z ≤ −0.5` infrequent; otherwise typical;
//! - spend: `z ≥ 0.5` high value; `z ≤ −0.5` low spend; otherwise typical.
//!
//! | recency \ frequency | frequent | typical | infrequent |
//! |---|---|---|---|
//! | recent | loyal regulars | active | new |
//! | typical | regulars | steady | occasional |
//! | lapsing | lapsing regulars | lapsing | lapsing one-off buyers |
//! | lapsed | lapsed regulars | lapsed | lapsed one-off buyers |
//!
//! High value leads ("high value, lapsing"), low spend trails ("new, low spend"), typical
//! spend is left out ("loyal regulars"). When two or more clusters get the same name, each
//! gets a distinguishing word in brackets from the column (extras included) on which their
//! centroids differ most: the lowest "(fewer orders)", the highest "(more orders)", any in
//! between "(mid orders)"; if names still collide a final pass appends " #2", " #3", so names
//! within one result are always unique.
//!
//! # Output and edge cases
//!
//! [`Segmentation`] gives each customer's cluster, and per cluster its name, size and mean
//! recency days, orders and spend in original units, ordered by spend centroid (highest
//! first). No customers gives an empty result; one customer, customers who all look the same,
//! or too few distinct customers to split give a single cluster with a note; a requested k
//! above the number of distinct customers is lowered to it, with a note.

mod kmeans;

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::rfm::RfmScore;
use crate::model::Said;

/// At most this many feature columns: recency, orders, spend and 13 extras.
pub const MAX_COLUMNS: usize = 16;

/// Inputs larger than this in absolute value are refused as [`SegmentError::BadValue`].
pub const MAX_ABS_VALUE: f64 = 1e15;

/// Half a standard deviation: the line between "typical" and "notably high/low" in names.
const NOTABLE_Z: f64 = 0.5;
/// Three quarters of a standard deviation of extra recency: "lapsed" rather than "lapsing".
/// (When half the customers have lapsed, their mode sits near z = +1, so a line at 1.0
/// would split them by noise.)
const LAPSED_Z: f64 = 0.75;

/// Why segmenting was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SegmentError {
    /// A value is NaN, infinite or beyond ±[`MAX_ABS_VALUE`].
    #[error(
        "customer {id}: {column} is {value}, which cannot be used (it must be a finite number between -1e15 and 1e15)"
    )]
    BadValue {
        /// The customer's id.
        id: String,
        /// The column's name.
        column: String,
        /// The offending value.
        value: f64,
    },
    /// A customer's extra values do not match the named extra columns.
    #[error("customer {id} has {got} extra values, but {expected} extra columns are named")]
    ExtraColumnCount {
        /// The customer's id.
        id: String,
        /// Extra values the customer has.
        got: usize,
        /// Extra columns named in the options.
        expected: usize,
    },
    /// More feature columns than the kernel supports.
    #[error("cannot segment on {got} columns: at most {MAX_COLUMNS} are supported")]
    TooManyColumns {
        /// Columns asked for.
        got: usize,
    },
    /// A setting is out of range; the message names it.
    #[error("invalid setting: {0}")]
    InvalidSetting(String),
    /// A flat point slice does not split into rows of the given width.
    #[error("{len} values do not form rows of {dims} columns")]
    Shape {
        /// Number of values.
        len: usize,
        /// Columns per row.
        dims: usize,
    },
    /// Fewer distinct points than clusters asked of [`kmeans`].
    #[error("cannot make {k} clusters from {distinct} distinct points")]
    TooFewPoints {
        /// Clusters asked for.
        k: usize,
        /// Distinct points available (counted up to `k`).
        distinct: usize,
    },
    /// Labels passed to [`silhouette_score`] do not match the points.
    #[error("{labels} labels given for {rows} points")]
    LabelCount {
        /// Labels given.
        labels: usize,
        /// Points given.
        rows: usize,
    },
}

/// One customer's values to segment on.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CustomerValues {
    /// The customer's record id.
    pub id: String,
    /// Days since the last order.
    pub recency_days: f64,
    /// Number of orders.
    pub orders: f64,
    /// Total spend in major currency units.
    pub spend: f64,
    /// Extra numeric columns, in the order of [`SegmentOptions::extra_columns`].
    pub extra: Vec<f64>,
}

impl From<&RfmScore> for CustomerValues {
    fn from(s: &RfmScore) -> Self {
        CustomerValues {
            id: s.id.clone(),
            recency_days: f64::from(s.recency_days),
            orders: f64::from(s.frequency),
            spend: s.monetary_cents as f64 / 100.0,
            extra: Vec::new(),
        }
    }
}

/// Settings of a k-means fit.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct KMeansOptions {
    /// Number of k-means++ starts; the lowest-inertia one is kept. Default 10.
    pub n_init: usize,
    /// Iteration cap per start. Default 300.
    pub max_iter: usize,
    /// Stop when the summed squared centre shift is at most `tol` × the mean column
    /// variance. Default 1e-4 (scikit-learn's). 0 runs to unchanged labels.
    pub tol: f64,
    /// Seed for every random choice; equal seeds give equal results. Default 0.
    pub seed: u64,
    /// Threads the starts are spread over; 0 = the machine's available parallelism.
    pub threads: usize,
}

impl Default for KMeansOptions {
    fn default() -> Self {
        KMeansOptions {
            n_init: 10,
            max_iter: 300,
            tol: 1e-4,
            seed: 0,
            threads: 0,
        }
    }
}

/// Settings of [`segment_customers`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SegmentOptions {
    /// The number of segments; `None` chooses it by silhouette over `2..=k_max`.
    pub k: Option<usize>,
    /// Largest k tried when choosing. Default 8.
    pub k_max: usize,
    /// Most customers the silhouette is computed on (a seeded sample). Default 5,000.
    pub silhouette_sample: usize,
    /// Names of the extra columns in [`CustomerValues::extra`]. Default none.
    pub extra_columns: Vec<String>,
    /// The k-means settings.
    pub kmeans: KMeansOptions,
}

impl Default for SegmentOptions {
    fn default() -> Self {
        SegmentOptions {
            k: None,
            k_max: 8,
            silhouette_sample: 5_000,
            extra_columns: Vec::new(),
            kmeans: KMeansOptions::default(),
        }
    }
}

/// Standardised features, row-major.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FeatureMatrix {
    /// Column names: `recency_days`, `orders`, `spend`, then the extras.
    pub columns: Vec<String>,
    /// Number of rows (customers).
    pub rows: usize,
    /// `rows × columns.len()` z-scores, row by row.
    pub values: Vec<f64>,
    /// Per column, the mean of the (log-scaled) values before standardising.
    pub means: Vec<f64>,
    /// Per column, the population standard deviation; 0 for a constant column (all z = 0).
    pub stds: Vec<f64>,
}

/// The outcome of [`kmeans`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct KMeansFit {
    /// Number of clusters.
    pub k: usize,
    /// Per point, its cluster in `0..k`.
    pub labels: Vec<usize>,
    /// `k × dims` cluster centres, row by row.
    pub centroids: Vec<f64>,
    /// Sum of squared distances of points to their centres.
    pub inertia: f64,
    /// Lloyd iterations of the kept start.
    pub n_iter: usize,
    /// Which start (0-based) was kept.
    pub best_start: usize,
}

/// One customer's cluster.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Assignment {
    /// The customer's record id.
    pub id: String,
    /// Index into [`Segmentation::clusters`].
    pub cluster: usize,
}

/// One cluster, described for the UI.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Cluster {
    /// Its index (position in [`Segmentation::clusters`]).
    pub index: usize,
    /// A plain-words name, unique within the result, e.g. "high value, lapsing": what each
    /// customer's `cluster` figure stores and a list filters by.
    pub name: String,
    /// The name as a code the window says in its language (its `Display` is `name`).
    pub code: ClusterName,
    /// Number of customers in it.
    pub size: usize,
    /// Mean days since the last order.
    pub mean_recency_days: f64,
    /// Mean number of orders.
    pub mean_orders: f64,
    /// Mean total spend, in major units.
    pub mean_spend: f64,
    /// Mean of each extra column, in input units.
    pub mean_extra: Vec<f64>,
    /// The centroid in z-scores (what the name is derived from), one per column.
    pub centroid_z: Vec<f64>,
}

/// How k was arrived at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum KChoice {
    /// The caller gave k (possibly lowered to the number of distinct customers).
    Given,
    /// The best mean silhouette among the k tried.
    Silhouette,
    /// Too few (distinct) customers to split: one cluster.
    Single,
    /// No customers: no cluster.
    Empty,
}

/// Fit quality for one k.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KScore {
    /// The number of clusters.
    pub k: usize,
    /// The best inertia over the starts.
    pub inertia: f64,
    /// Mean silhouette on the sample; `None` if the sample held fewer than 2 clusters.
    pub silhouette: Option<f64>,
}

/// The result of [`segment_customers`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Segmentation {
    /// The number of clusters made.
    pub k: usize,
    /// How k was arrived at.
    pub k_choice: KChoice,
    /// Per customer (input order), its cluster.
    pub assignments: Vec<Assignment>,
    /// The clusters, highest spend centroid first.
    pub clusters: Vec<Cluster>,
    /// Sum of squared z-distances of customers to their cluster's centroid.
    pub inertia: f64,
    /// Every k fitted, with its inertia and silhouette.
    pub k_scores: Vec<KScore>,
    /// Customers the silhouettes were computed on.
    pub silhouette_sample: usize,
    /// The feature columns, in centroid order.
    pub columns: Vec<String>,
    /// Plain-words notes on anything unusual (constant columns, lowered k, one cluster).
    pub notes: Vec<Said<SegmentNote>>,
}

/// A note on a segmentation: anything unusual (constant columns, lowered k, one cluster).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum SegmentNote {
    /// Every customer has the same value in a column.
    SameForEveryone {
        /// The column (`recency_days`, `orders`, `spend` or an extra column's name).
        column: String,
    },
    /// No customers at all.
    NoCustomers,
    /// One customer: one segment.
    OneCustomer,
    /// Every customer looks the same on every column: one segment.
    AllAlike {
        /// Customers.
        customers: usize,
    },
    /// The k asked for was lowered to the number of distinct customers.
    FewerSegmentsThanAsked {
        /// The k asked for.
        asked: usize,
        /// Distinct customers (the k made).
        distinct: usize,
    },
    /// Too few customers to split: one segment.
    TooFewToSplit {
        /// Customers.
        customers: usize,
    },
}

impl fmt::Display for SegmentNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SegmentNote::SameForEveryone { column } => write!(
                f,
                "every customer has the same {column}, so it does not separate segments"
            ),
            SegmentNote::NoCustomers => f.write_str("no customers to segment"),
            SegmentNote::OneCustomer => f.write_str("only 1 customer: one segment"),
            SegmentNote::AllAlike { customers } => write!(
                f,
                "all {customers} customers look the same on every column: one segment"
            ),
            SegmentNote::FewerSegmentsThanAsked { asked, distinct } => write!(
                f,
                "asked for {asked} segments, but there are only {distinct} distinct customers: \
                 made {distinct}"
            ),
            SegmentNote::TooFewToSplit { customers } => write!(
                f,
                "{customers} customers are too few to split into segments: one segment"
            ),
        }
    }
}

/// A cluster's name as a code, made from its centroid (see the module docs); its `Display`
/// is the English name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ClusterName {
    /// The one cluster of customers who differ.
    AllCustomers,
    /// The one cluster of customers who all look the same.
    NoDifferences,
    /// A cluster named from its centroid.
    Described {
        /// How recently and often its customers buy.
        activity: Activity,
        /// How much they spend.
        spend: SpendLevel,
        /// What tells it apart from clusters of the same activity and spend.
        apart: Option<ApartBy>,
        /// The number a name still shared gets (2, 3, …).
        number: Option<usize>,
    },
}

/// How recently and often a cluster's customers buy (the table in the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    /// Recent and frequent.
    LoyalRegulars,
    /// Recent and infrequent.
    New,
    /// Recent.
    Active,
    /// Frequent.
    Regulars,
    /// Infrequent.
    Occasional,
    /// Typical on both.
    Steady,
    /// Lapsing and frequent.
    LapsingRegulars,
    /// Lapsing and infrequent.
    LapsingOneOffBuyers,
    /// Lapsing.
    Lapsing,
    /// Lapsed and frequent.
    LapsedRegulars,
    /// Lapsed and infrequent.
    LapsedOneOffBuyers,
    /// Lapsed.
    Lapsed,
}

impl Activity {
    /// The English words.
    pub fn words(self) -> &'static str {
        match self {
            Activity::LoyalRegulars => "loyal regulars",
            Activity::New => "new",
            Activity::Active => "active",
            Activity::Regulars => "regulars",
            Activity::Occasional => "occasional",
            Activity::Steady => "steady",
            Activity::LapsingRegulars => "lapsing regulars",
            Activity::LapsingOneOffBuyers => "lapsing one-off buyers",
            Activity::Lapsing => "lapsing",
            Activity::LapsedRegulars => "lapsed regulars",
            Activity::LapsedOneOffBuyers => "lapsed one-off buyers",
            Activity::Lapsed => "lapsed",
        }
    }
}

/// A cluster's spend against everyone's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SpendLevel {
    /// High value.
    High,
    /// Typical (left out of the name).
    Typical,
    /// Low spend.
    Low,
}

/// What tells a cluster apart from others of the same base name: where it stands on the column
/// their centroids differ most on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ApartBy {
    /// The column (`recency_days`, `orders`, `spend` or an extra column's name).
    pub column: String,
    /// Lowest, highest or in between on it.
    pub rank: Rank,
}

/// Lowest, in between or highest among clusters of one base name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Rank {
    /// The lowest.
    Lower,
    /// In between.
    Mid,
    /// The highest.
    Higher,
}

impl ApartBy {
    /// The English words, e.g. "fewer orders".
    fn words(&self) -> String {
        let i = self.rank as usize;
        match self.column.as_str() {
            "recency_days" => ["more recent", "mid recency", "less recent"][i].to_owned(),
            "orders" => ["fewer orders", "mid orders", "more orders"][i].to_owned(),
            "spend" => ["lower spend", "mid spend", "higher spend"][i].to_owned(),
            name => format!("{} {name}", ["lower", "mid", "higher"][i]),
        }
    }
}

impl fmt::Display for ClusterName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClusterName::AllCustomers => f.write_str("all customers"),
            ClusterName::NoDifferences => f.write_str("everyone (no differences)"),
            ClusterName::Described {
                activity,
                spend,
                apart,
                number,
            } => {
                let activity = activity.words();
                match spend {
                    SpendLevel::High => write!(f, "high value, {activity}")?,
                    SpendLevel::Low => write!(f, "{activity}, low spend")?,
                    SpendLevel::Typical => f.write_str(activity)?,
                }
                if let Some(apart) = apart {
                    write!(f, " ({})", apart.words())?;
                }
                if let Some(n) = number {
                    write!(f, " #{n}")?;
                }
                Ok(())
            }
        }
    }
}

/// Dispatches a runtime column count to the kernel's const generic `D` (1..=16).
macro_rules! with_dims {
    ($dims:expr, $f:ident, $($arg:expr),*) => {
        match $dims {
            1 => $f::<1>($($arg),*),
            2 => $f::<2>($($arg),*),
            3 => $f::<3>($($arg),*),
            4 => $f::<4>($($arg),*),
            5 => $f::<5>($($arg),*),
            6 => $f::<6>($($arg),*),
            7 => $f::<7>($($arg),*),
            8 => $f::<8>($($arg),*),
            9 => $f::<9>($($arg),*),
            10 => $f::<10>($($arg),*),
            11 => $f::<11>($($arg),*),
            12 => $f::<12>($($arg),*),
            13 => $f::<13>($($arg),*),
            14 => $f::<14>($($arg),*),
            15 => $f::<15>($($arg),*),
            16 => $f::<16>($($arg),*),
            got => Err(SegmentError::TooManyColumns { got }),
        }
    };
}

fn rows<const D: usize>(points: &[f64]) -> &[[f64; D]] {
    points.as_chunks::<D>().0
}

fn check_shape(points: &[f64], dims: usize) -> Result<(), SegmentError> {
    if dims == 0 || !points.len().is_multiple_of(dims) {
        return Err(SegmentError::Shape {
            len: points.len(),
            dims,
        });
    }
    if dims > MAX_COLUMNS {
        return Err(SegmentError::TooManyColumns { got: dims });
    }
    Ok(())
}

fn check_kmeans_options(o: &KMeansOptions) -> Result<(), SegmentError> {
    let bad = |m: &str| Err(SegmentError::InvalidSetting(m.to_owned()));
    if o.n_init == 0 {
        return bad("n_init (the number of k-means starts) must be at least 1");
    }
    if o.max_iter == 0 {
        return bad("max_iter must be at least 1");
    }
    if !(o.tol.is_finite() && o.tol >= 0.0) {
        return bad("tol must be a finite number of at least 0");
    }
    Ok(())
}

fn thread_count(o: &KMeansOptions) -> usize {
    if o.threads > 0 {
        o.threads
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    }
}

/// k-means with `options.n_init` greedy k-means++ starts and Hamerly-accelerated Lloyd
/// iterations on `points` (row-major, `dims` columns, at most [`MAX_COLUMNS`]).
///
/// Errors when the shape or options are invalid, `k` is 0, or there are fewer than `k`
/// distinct points. Deterministic for a given `options.seed`, whatever the thread count.
pub fn kmeans(
    points: &[f64],
    dims: usize,
    k: usize,
    options: &KMeansOptions,
) -> Result<KMeansFit, SegmentError> {
    check_shape(points, dims)?;
    check_kmeans_options(options)?;
    if k == 0 {
        return Err(SegmentError::InvalidSetting(
            "k (the number of clusters) must be at least 1".to_owned(),
        ));
    }
    if let Some(bad) = points.iter().find(|v| !v.is_finite()) {
        return Err(SegmentError::BadValue {
            id: "(point)".to_owned(),
            column: "a coordinate".to_owned(),
            value: *bad,
        });
    }
    with_dims!(dims, kmeans_d, points, k, options)
}

fn kmeans_d<const D: usize>(
    points: &[f64],
    k: usize,
    options: &KMeansOptions,
) -> Result<KMeansFit, SegmentError> {
    let x = rows::<D>(points);
    let distinct = kmeans::count_distinct(x, k);
    if distinct < k {
        return Err(SegmentError::TooFewPoints { k, distinct });
    }
    let settings = kmeans::FitSettings {
        k,
        n_init: options.n_init,
        max_iter: options.max_iter,
        tol: options.tol,
        seed: options.seed,
        threads: thread_count(options),
    };
    let (run, best_start) = kmeans::best_of(x, settings);
    Ok(KMeansFit {
        k,
        labels: run.labels.iter().map(|&l| l as usize).collect(),
        centroids: run.centers.iter().flatten().copied().collect(),
        inertia: run.inertia,
        n_iter: run.n_iter,
        best_start,
    })
}

/// Mean silhouette of `labels` on `points` (row-major, `dims` columns), on a seeded sample
/// of at most `max_sample` points (all of them when there are fewer).
///
/// `Ok(None)` when the sample holds fewer than two clusters (the silhouette is undefined).
pub fn silhouette_score(
    points: &[f64],
    dims: usize,
    labels: &[usize],
    max_sample: usize,
    seed: u64,
) -> Result<Option<f64>, SegmentError> {
    check_shape(points, dims)?;
    let n = points.len() / dims;
    if labels.len() != n {
        return Err(SegmentError::LabelCount {
            labels: labels.len(),
            rows: n,
        });
    }
    let Ok(labels) = labels
        .iter()
        .map(|&l| u32::try_from(l))
        .collect::<Result<Vec<u32>, _>>()
    else {
        return Err(SegmentError::InvalidSetting(
            "cluster labels must fit in 32 bits".to_owned(),
        ));
    };
    let sample = kmeans::sample_indices(n, max_sample, seed);
    with_dims!(dims, silhouette_d, points, &labels, &sample)
}

fn silhouette_d<const D: usize>(
    points: &[f64],
    labels: &[u32],
    sample: &[usize],
) -> Result<Option<f64>, SegmentError> {
    Ok(kmeans::silhouette(rows::<D>(points), labels, sample))
}

/// Builds the standardised feature matrix (see the module docs) from customers' values.
pub fn feature_matrix(
    customers: &[CustomerValues],
    extra_columns: &[String],
) -> Result<FeatureMatrix, SegmentError> {
    let mut columns: Vec<String> = ["recency_days", "orders", "spend"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    columns.extend(extra_columns.iter().cloned());
    let d = columns.len();
    if d > MAX_COLUMNS {
        return Err(SegmentError::TooManyColumns { got: d });
    }
    let n = customers.len();
    let mut values = Vec::with_capacity(n * d);
    for c in customers {
        if c.extra.len() != extra_columns.len() {
            return Err(SegmentError::ExtraColumnCount {
                id: c.id.clone(),
                got: c.extra.len(),
                expected: extra_columns.len(),
            });
        }
        let raw = [c.recency_days, c.orders, c.spend]
            .into_iter()
            .chain(c.extra.iter().copied());
        for (j, v) in raw.enumerate() {
            if !v.is_finite() || v.abs() > MAX_ABS_VALUE {
                return Err(SegmentError::BadValue {
                    id: c.id.clone(),
                    column: columns[j].clone(),
                    value: v,
                });
            }
            values.push(if j < 3 { v.max(0.0).ln_1p() } else { v });
        }
    }
    let mut means = vec![0.0; d];
    let mut stds = vec![0.0; d];
    if n > 0 {
        for j in 0..d {
            let mean = values[j..].iter().step_by(d).sum::<f64>() / n as f64;
            let var = values[j..]
                .iter()
                .step_by(d)
                .map(|v| (v - mean) * (v - mean))
                .sum::<f64>()
                / n as f64;
            let std = var.sqrt();
            means[j] = mean;
            stds[j] = if std > 1e-12 * (1.0 + mean.abs()) {
                std
            } else {
                0.0
            };
        }
        for row in values.chunks_exact_mut(d) {
            for j in 0..d {
                row[j] = if stds[j] > 0.0 {
                    (row[j] - means[j]) / stds[j]
                } else {
                    0.0
                };
            }
        }
    }
    Ok(FeatureMatrix {
        columns,
        rows: n,
        values,
        means,
        stds,
    })
}

/// Segments customers: scaled features, k-means (k given or chosen by silhouette), and a
/// named summary of each cluster. See the module docs for every rule.
pub fn segment_customers(
    customers: &[CustomerValues],
    options: &SegmentOptions,
) -> Result<Segmentation, SegmentError> {
    segment_customers_with_progress(customers, options, &mut |_| {})
}

/// [`segment_customers`], telling `progress` how far it is (0 to 1) after each k it tries.
pub fn segment_customers_with_progress(
    customers: &[CustomerValues],
    options: &SegmentOptions,
    progress: &mut dyn FnMut(f64),
) -> Result<Segmentation, SegmentError> {
    check_kmeans_options(&options.kmeans)?;
    if options.k == Some(0) {
        return Err(SegmentError::InvalidSetting(
            "k (the number of segments) must be at least 1".to_owned(),
        ));
    }
    if options.k.is_none() && options.k_max < 2 {
        return Err(SegmentError::InvalidSetting(
            "k_max must be at least 2 to choose k by silhouette".to_owned(),
        ));
    }
    if options.silhouette_sample < 2 {
        return Err(SegmentError::InvalidSetting(
            "silhouette_sample must be at least 2".to_owned(),
        ));
    }
    let features = feature_matrix(customers, &options.extra_columns)?;
    let d = features.columns.len();
    with_dims!(d, segment_d, customers, &features, options, progress)
}

fn segment_d<const D: usize>(
    customers: &[CustomerValues],
    features: &FeatureMatrix,
    options: &SegmentOptions,
    progress: &mut dyn FnMut(f64),
) -> Result<Segmentation, SegmentError> {
    let x = rows::<D>(&features.values);
    let n = x.len();
    let mut notes = Vec::new();
    for (j, name) in features.columns.iter().enumerate() {
        if n > 1 && features.stds[j] == 0.0 {
            notes.push(
                SegmentNote::SameForEveryone {
                    column: name.clone(),
                }
                .into(),
            );
        }
    }
    let mut result = Segmentation {
        k: 0,
        k_choice: KChoice::Empty,
        assignments: Vec::new(),
        clusters: Vec::new(),
        inertia: 0.0,
        k_scores: Vec::new(),
        silhouette_sample: 0,
        columns: features.columns.clone(),
        notes,
    };
    if n == 0 {
        result.notes.push(SegmentNote::NoCustomers.into());
        return Ok(result);
    }

    let ko = &options.kmeans;
    let k_cap = options.k.unwrap_or(options.k_max).max(2);
    let distinct = kmeans::count_distinct(x, k_cap);
    let sample = kmeans::sample_indices(
        n,
        options.silhouette_sample,
        kmeans::derive_seed(ko.seed, 0x5111),
    );
    result.silhouette_sample = sample.len();
    let fit = |k: usize| {
        let settings = kmeans::FitSettings {
            k,
            n_init: ko.n_init,
            max_iter: ko.max_iter,
            tol: ko.tol,
            seed: kmeans::derive_seed(ko.seed, k as u64),
            threads: thread_count(ko),
        };
        let (run, _) = kmeans::best_of(x, settings);
        let silhouette = kmeans::silhouette(x, &run.labels, &sample);
        (run, silhouette)
    };

    let single_reason = if n == 1 {
        Some(SegmentNote::OneCustomer)
    } else if distinct == 1 {
        Some(SegmentNote::AllAlike { customers: n })
    } else {
        None
    };

    let chosen: Option<kmeans::Run<D>> = if let Some(reason) = single_reason {
        result.notes.push(reason.into());
        result.k_choice = KChoice::Single;
        None
    } else if let Some(k) = options.k {
        result.k_choice = KChoice::Given;
        let k_eff = k.min(distinct);
        if k_eff < k {
            result.notes.push(
                SegmentNote::FewerSegmentsThanAsked {
                    asked: k,
                    distinct: k_eff,
                }
                .into(),
            );
        }
        if k_eff == 1 {
            None
        } else {
            let (run, silhouette) = fit(k_eff);
            result.k_scores.push(KScore {
                k: k_eff,
                inertia: run.inertia,
                silhouette,
            });
            Some(run)
        }
    } else {
        let upper = options.k_max.min(distinct).min(n - 1);
        if upper < 2 {
            result
                .notes
                .push(SegmentNote::TooFewToSplit { customers: n }.into());
            result.k_choice = KChoice::Single;
            None
        } else {
            result.k_choice = KChoice::Silhouette;
            let mut best: Option<(f64, kmeans::Run<D>)> = None;
            for k in 2..=upper {
                let (run, silhouette) = fit(k);
                result.k_scores.push(KScore {
                    k,
                    inertia: run.inertia,
                    silhouette,
                });
                let score = silhouette.unwrap_or(f64::NEG_INFINITY);
                if best.as_ref().is_none_or(|(s, _)| score > *s) {
                    best = Some((score, run));
                }
                progress((k - 1) as f64 / (upper - 1) as f64);
            }
            best.map(|(_, run)| run)
        }
    };

    let run = chosen.unwrap_or_else(|| one_cluster(x));
    if run.centers.len() == 1 {
        result.k_scores.push(KScore {
            k: 1,
            inertia: run.inertia,
            silhouette: None,
        });
    }
    summarise(customers, features, &run, &mut result);
    Ok(result)
}

/// Everyone in one cluster centred on the mean.
fn one_cluster<const D: usize>(x: &[[f64; D]]) -> kmeans::Run<D> {
    let n = x.len().max(1) as f64;
    let mut c = [0.0; D];
    for p in x {
        for t in 0..D {
            c[t] += p[t] / n;
        }
    }
    let inertia = x
        .iter()
        .map(|p| (0..D).map(|t| (p[t] - c[t]) * (p[t] - c[t])).sum::<f64>())
        .sum();
    kmeans::Run {
        labels: vec![0; x.len()],
        centers: vec![c],
        inertia,
        n_iter: 0,
    }
}

/// Orders the clusters (highest spend centroid first), fills assignments, means and names.
fn summarise<const D: usize>(
    customers: &[CustomerValues],
    features: &FeatureMatrix,
    run: &kmeans::Run<D>,
    out: &mut Segmentation,
) {
    let k = run.centers.len();
    let extras = features.columns.len() - 3;
    // New position of each old cluster: by spend z descending, then recency z ascending.
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&a, &b| {
        let (ca, cb) = (&run.centers[a], &run.centers[b]);
        cb[2.min(D - 1)]
            .total_cmp(&ca[2.min(D - 1)])
            .then(ca[0].total_cmp(&cb[0]))
            .then(a.cmp(&b))
    });
    let mut new_index = vec![0usize; k];
    for (pos, &old) in order.iter().enumerate() {
        new_index[old] = pos;
    }

    let mut sizes = vec![0usize; k];
    let mut sums = vec![vec![0.0; 3 + extras]; k];
    for (c, &l) in customers.iter().zip(&run.labels) {
        let j = new_index[l as usize];
        sizes[j] += 1;
        let raw = [c.recency_days.max(0.0), c.orders.max(0.0), c.spend.max(0.0)];
        for (s, v) in sums[j].iter_mut().zip(raw.iter().chain(&c.extra)) {
            *s += v;
        }
    }
    out.assignments = customers
        .iter()
        .zip(&run.labels)
        .map(|(c, &l)| Assignment {
            id: c.id.clone(),
            cluster: new_index[l as usize],
        })
        .collect();

    let centroids: Vec<Vec<f64>> = order.iter().map(|&old| run.centers[old].to_vec()).collect();
    let names = if k == 1 {
        vec![if out
            .notes
            .iter()
            .any(|n| matches!(n.code, SegmentNote::AllAlike { .. }))
        {
            ClusterName::NoDifferences
        } else {
            ClusterName::AllCustomers
        }]
    } else {
        name_clusters(&centroids, &features.columns)
    };
    out.clusters = (0..k)
        .map(|j| {
            let size = sizes[j].max(1) as f64;
            let mean = |c: usize| sums[j][c] / size;
            Cluster {
                index: j,
                name: names[j].to_string(),
                code: names[j].clone(),
                size: sizes[j],
                mean_recency_days: mean(0),
                mean_orders: mean(1),
                mean_spend: mean(2),
                mean_extra: (3..3 + extras).map(mean).collect(),
                centroid_z: centroids[j].clone(),
            }
        })
        .collect();
    out.k = k;
    out.inertia = run.inertia;
}

#[derive(Clone, Copy, PartialEq)]
enum Level {
    Low,
    Typical,
    High,
    VeryHigh,
}

fn level(z: f64) -> Level {
    if z <= -NOTABLE_Z {
        Level::Low
    } else if z >= LAPSED_Z {
        Level::VeryHigh
    } else if z >= NOTABLE_Z {
        Level::High
    } else {
        Level::Typical
    }
}

/// The base name of a centroid (z-scores: recency, orders, spend, …). See the module docs.
pub(crate) fn base_name(z: &[f64]) -> ClusterName {
    let get = |j: usize| z.get(j).copied().unwrap_or(0.0);
    let (r, f, m) = (level(get(0)), level(get(1)), level(get(2)));
    let frequent = matches!(f, Level::High | Level::VeryHigh);
    let infrequent = f == Level::Low;
    let activity = match r {
        Level::Low if frequent => Activity::LoyalRegulars,
        Level::Low if infrequent => Activity::New,
        Level::Low => Activity::Active,
        Level::Typical if frequent => Activity::Regulars,
        Level::Typical if infrequent => Activity::Occasional,
        Level::Typical => Activity::Steady,
        Level::High if frequent => Activity::LapsingRegulars,
        Level::High if infrequent => Activity::LapsingOneOffBuyers,
        Level::High => Activity::Lapsing,
        Level::VeryHigh if frequent => Activity::LapsedRegulars,
        Level::VeryHigh if infrequent => Activity::LapsedOneOffBuyers,
        Level::VeryHigh => Activity::Lapsed,
    };
    let spend = match m {
        Level::High | Level::VeryHigh => SpendLevel::High,
        Level::Low => SpendLevel::Low,
        Level::Typical => SpendLevel::Typical,
    };
    ClusterName::Described {
        activity,
        spend,
        apart: None,
        number: None,
    }
}

/// Unique names for centroids (z-scores, one row per cluster).
fn name_clusters(centroids: &[Vec<f64>], columns: &[String]) -> Vec<ClusterName> {
    let k = centroids.len();
    let mut names: Vec<ClusterName> = centroids.iter().map(|c| base_name(c)).collect();
    let base = names.clone();
    let mut done = vec![false; k];
    for i in 0..k {
        if done[i] {
            continue;
        }
        let mut group: Vec<usize> = (i..k).filter(|&j| base[j] == base[i]).collect();
        for &j in &group {
            done[j] = true;
        }
        if group.len() < 2 {
            continue;
        }
        let d = centroids[i].len();
        let spread = |col: usize| {
            let vals = group.iter().map(|&g| centroids[g][col]);
            let max = vals.clone().fold(f64::NEG_INFINITY, f64::max);
            let min = vals.fold(f64::INFINITY, f64::min);
            max - min
        };
        // The column where the group's centroids differ most (the first on a tie).
        let col = (0..d).fold(0, |best, c| if spread(c) > spread(best) { c } else { best });
        group.sort_by(|&a, &b| {
            centroids[a][col]
                .total_cmp(&centroids[b][col])
                .then(a.cmp(&b))
        });
        let column = columns.get(col).map_or("other", String::as_str);
        let last = group.len() - 1;
        for (rank, &j) in group.iter().enumerate() {
            let rank = match rank {
                0 => Rank::Lower,
                r if r == last => Rank::Higher,
                _ => Rank::Mid,
            };
            if let ClusterName::Described { apart, .. } = &mut names[j] {
                *apart = Some(ApartBy {
                    column: column.to_owned(),
                    rank,
                });
            }
        }
    }
    // Final guarantee of uniqueness (of the English names, which the customers' figures store).
    let mut seen: HashMap<String, usize> = HashMap::new();
    for name in &mut names {
        let words = name.to_string();
        let count = seen.entry(words.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            let mut n = *count;
            let numbered = |n: usize| {
                let mut numbered = name.clone();
                if let ClusterName::Described { number, .. } = &mut numbered {
                    *number = Some(n);
                }
                numbered
            };
            while seen.contains_key(&numbered(n).to_string()) {
                n += 1;
            }
            let candidate = numbered(n);
            seen.insert(candidate.to_string(), 1);
            *name = candidate;
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_names_follow_the_documented_table() {
        let cases: &[(&[f64], &str)] = &[
            (&[1.2, 0.0, 1.0], "high value, lapsed"),
            (&[0.7, 0.0, 1.0], "high value, lapsing"),
            (&[0.75, 0.0, 0.0], "lapsed"),
            (&[-1.0, -1.0, -1.0], "new, low spend"),
            (&[-1.0, 1.0, 0.0], "loyal regulars"),
            (&[-1.0, 1.0, 2.0], "high value, loyal regulars"),
            (&[0.0, 0.0, 0.0], "steady"),
            (&[0.0, -0.6, 0.0], "occasional"),
            (&[0.2, 0.8, 0.1], "regulars"),
            (&[1.5, -0.9, -0.9], "lapsed one-off buyers, low spend"),
            (&[0.5, 0.5, -0.5], "lapsing regulars, low spend"),
            (&[-0.5, 0.49, 0.49], "active"),
        ];
        for (z, want) in cases {
            assert_eq!(
                base_name(z).to_string(),
                *want,
                "centroid z {z:?} must be named by the thresholds in the module docs"
            );
        }
    }

    #[test]
    fn duplicate_names_get_distinguishing_words_then_numbers() {
        let cols: Vec<String> = ["recency_days", "orders", "spend", "visits"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        let c = |r: f64, f: f64, m: f64, v: f64| vec![r, f, m, v];
        let words = |names: Vec<ClusterName>| -> Vec<String> {
            names.iter().map(ToString::to_string).collect()
        };
        let names = name_clusters(
            &[
                c(0.0, 0.0, 0.0, 2.0),
                c(0.0, 0.1, 0.0, -2.0),
                c(0.0, 0.0, 0.1, 0.0),
                c(-2.0, 2.0, 2.0, 0.0),
            ],
            &cols,
        );
        assert_eq!(
            words(names),
            [
                "steady (higher visits)",
                "steady (lower visits)",
                "steady (mid visits)",
                "high value, loyal regulars"
            ],
            "clusters sharing a base name are told apart by the column that differs most"
        );
        let same = name_clusters(&[c(0.0, 0.0, 0.0, 0.0), c(0.0, 0.0, 0.0, 0.0)], &cols);
        assert_eq!(
            words(same),
            ["steady (more recent)", "steady (less recent)"],
            "with no column differing, the first column (recency) and input order decide"
        );
        let three_same = name_clusters(&vec![c(0.0, 0.0, 0.0, 0.0); 3], &cols);
        assert_eq!(
            words(three_same),
            [
                "steady (more recent)",
                "steady (mid recency)",
                "steady (less recent)"
            ]
        );
        let four_same = name_clusters(&vec![c(0.0, 0.0, 0.0, 0.0); 4], &cols);
        let four_same = words(four_same);
        let unique: std::collections::HashSet<_> = four_same.iter().collect();
        assert_eq!(
            unique.len(),
            4,
            "names must be unique even for equal centroids: {four_same:?}"
        );
    }
}
