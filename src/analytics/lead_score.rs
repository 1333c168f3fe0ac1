//! Lead scoring: a 0–100 score per open deal with the factors that raised or lowered it.
//!
//! # Input: plain features, no database
//!
//! The caller derives one [`DealFeatures`] per deal from the deal, its contact, its company and
//! their activities, **as of** a date: today for an open deal, the `closed_on` date for a closed
//! one (so "days since last activity" of a won deal is measured at its close, not today, and
//! "past won deals of the company" counts only deals won before that date). A closed deal's
//! `stage` should be the last *open* stage it was in if the app knows it, else `None`: the stages
//! `won`/`lost` are the label, and passing them as a feature would leak the answer (they are
//! mapped to the `unknown` level, see [`DealFeatures::feature_vector`]).
//!
//! # Two methods
//!
//! * **Learned** (when there is enough history): an L2-regularised logistic regression
//!   (smartcore's [`LogisticRegression`], L-BFGS) of won (1) vs lost (0) on the closed deals'
//!   standardised features. `score = round(100 × P(won))`.
//! * **Rule-based** (otherwise): a transparent sum of points, `score = clamp(50 + Σ points of the
//!   rules that hold, 0, 100)`. The rules are data ([`Rule`], serde-serialisable) so the app can
//!   show them and store the user's edited points; [`default_rules`] gives the starting set.
//!
//! The learned model is used only when there are at least [`MIN_CLOSED_DEALS`] (20) closed deals
//! with at least [`MIN_PER_CLASS`] (5) won **and** 5 lost ones: with fewer, a 29-column logistic
//! regression mostly memorises noise, and with one class missing there is nothing to separate.
//! Below the minimum, [`ScoreMethod::RuleBased`] carries a [`FallbackReason`] and a sentence
//! saying why ("only 7 closed deals; the learned score needs 20 with at least 5 won and 5 lost").
//! The rule-based path is also taken when every closed deal has the same features (nothing to
//! learn) or the fit fails or gives non-finite coefficients.
//!
//! # Feature vector
//!
//! [`DealFeatures::feature_vector`] gives [`N_FEATURES`] numbers named by [`feature_names`]:
//! `log_value = ln(1 + value)` and `value_known`; one-hot `stage=…` over the open stages plus
//! `stage=unknown`; one-hot `source=…` over Kith's deal sources plus `source=unknown`; day counts
//! (capped at 730 days since created and 365 days without activity); activity counts in the last
//! 14 and 30 days (the 30-day window includes the 14-day one; capped at 20); contact and company
//! flags; `ln(1 + employees)` with `company_size_known`; past won deals of the company (capped at
//! 20). Every categorical keeps all its levels (no reference level): with the L2 penalty the
//! one-hot columns are not collinear in any harmful way, and every level gets its own readable
//! coefficient. Non-finite or negative inputs are sanitised (treated as missing or 0), so the
//! vector is always finite.
//!
//! # Standardisation and constant features
//!
//! Each column is standardised with the closed deals' mean μ and population standard deviation σ:
//! `z = (x − μ) / σ`. A column with σ ≤ 1e-9 (the same in every closed deal, e.g. `stage=lead`
//! when no closed deal has a known stage) is left out of the fit; its coefficient is 0 and its
//! `z` is 0, so nothing is ever divided by zero. The penalty is smartcore's
//! `½ α ‖β‖²` added to the summed log-loss (intercept not penalised), with α = [`DEFAULT_ALPHA`].
//!
//! # Factors: points that raised or lowered a score
//!
//! For a deal with log-odds `η = b + Σ βⱼ zⱼ`, the features are grouped into readable factors
//! (all one-hot columns of `stage` are one factor, `log_value` + `value_known` are one, …). A
//! factor's contribution to the log-odds is `c = Σ_{j in factor} βⱼ zⱼ` (0 for a deal at the
//! training means, since then every `z = 0`). The **baseline** is the score of a deal at the
//! training means, `100 σ(b)`, and the factors share out the distance from it to the deal's score
//! in proportion to their log-odds contributions:
//!
//! ```text
//! points(c) = c × s,   s = 100 (σ(η) − σ(b)) / (η − b)     (s = 100 σ(b)(1 − σ(b)) when η = b)
//! ```
//!
//! `s` is the secant slope of the score curve between the average deal and this one (≤ 25 points
//! per unit of log-odds), so the points are **additive**: `baseline + Σ points = score` up to the
//! rounding of each term, just as the rule-based score is `50 + Σ points`. Each factor keeps the
//! sign of its contribution. "3 meetings in 14 days +18" means that, of the way from the average
//! deal's score to this one, 18 points are due to the meetings being above average.
//!
//! (The alternative, "the score change when this one factor is set to its training mean",
//! `100 (σ(η) − σ(η − c))`, was not used: near 0 or 100 the curve is flat, so a deal scored 1
//! because it had no meetings *and* 55 idle days got "−6" and "−5", which explains nothing.)
//! Rule-based factors are the rules that hold, with their own points.
//!
//! # Invariants
//!
//! Scores are integers in 0..=100 and probabilities in [0, 1], never NaN; training and scoring
//! are deterministic (L-BFGS from a zero start, no randomness, stable tie-breaking of factors).

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};
use smartcore::linalg::basic::matrix::DenseMatrix;
use smartcore::linear::logistic_regression::{LogisticRegression, LogisticRegressionParameters};

/// Fewest closed deals (won + lost) for the learned score.
pub const MIN_CLOSED_DEALS: usize = 20;
/// Fewest won and fewest lost deals (each) for the learned score.
pub const MIN_PER_CLASS: usize = 5;
/// L2 penalty α of the logistic regression (on standardised features, summed log-loss).
pub const DEFAULT_ALPHA: f64 = 1.0;
/// Score of a deal before any rule's points are added.
pub const RULE_BASE_SCORE: i32 = 50;
/// How many raising and how many lowering factors a score lists by default.
pub const DEFAULT_MAX_FACTORS: usize = 3;
/// The open deal stages, in pipeline order (see `kith::kinds::DEAL_STAGES`).
pub const STAGES: [&str; 4] = ["lead", "qualified", "proposal", "negotiation"];
/// The deal sources Kith offers (see the `source` choice of the deal kind).
pub const SOURCES: [&str; 6] = [
    "inbound", "outbound", "referral", "campaign", "partner", "other",
];
/// Number of columns of [`DealFeatures::feature_vector`].
pub const N_FEATURES: usize = 29;

const MAX_DAYS_CREATED: f64 = 730.0;
const MAX_DAYS_INACTIVE: f64 = 365.0;
const MAX_COUNT: f64 = 20.0;
const MIN_SD: f64 = 1e-9;

/// The features of one deal as of a date (today for open deals, the close date for closed ones).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DealFeatures {
    /// The deal's id, carried through to its [`DealScore`].
    pub deal_id: String,
    /// Deal value in the workspace currency (`None` when not given).
    pub value: Option<f64>,
    /// Open stage (`lead`, `qualified`, `proposal`, `negotiation`); anything else is `unknown`.
    pub stage: Option<String>,
    /// Source (`inbound`, `outbound`, `referral`, `campaign`, `partner`, `other`).
    pub source: Option<String>,
    /// Days from the deal's creation to the as-of date.
    pub days_since_created: f64,
    /// Days since the last activity on the deal, its contact or company (`None`: never any;
    /// then the deal counts as inactive since it was created).
    pub days_since_last_activity: Option<f64>,
    /// Meetings in the last 14 days.
    pub meetings_14d: u32,
    /// Calls in the last 14 days.
    pub calls_14d: u32,
    /// Emails in the last 14 days.
    pub emails_14d: u32,
    /// Meetings in the last 30 days (including the last 14).
    pub meetings_30d: u32,
    /// Calls in the last 30 days (including the last 14).
    pub calls_30d: u32,
    /// Emails in the last 30 days (including the last 14).
    pub emails_30d: u32,
    /// The contact has an email address.
    pub contact_has_email: bool,
    /// The contact has a phone number.
    pub contact_has_phone: bool,
    /// The contact has a job title.
    pub contact_has_job_title: bool,
    /// The company's number of employees, when known.
    pub company_employees: Option<u64>,
    /// The company's industry is filled in.
    pub company_has_industry: bool,
    /// Deals of the same company won before the as-of date (not counting this one).
    pub company_won_deals: u32,
}

/// A closed deal for training: its features at close and whether it was won.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClosedDeal {
    /// Features as of the close date.
    pub features: DealFeatures,
    /// `true` for won, `false` for lost.
    pub won: bool,
}

/// The readable groups of feature columns; each is one factor in an explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactorGroup {
    /// `log_value`, `value_known`.
    Value,
    /// `stage=…`.
    Stage,
    /// `source=…`.
    Source,
    /// `days_since_created`.
    Age,
    /// `days_since_last_activity`.
    Inactivity,
    /// `meetings_14d`.
    #[serde(rename = "meetings_14d")]
    Meetings14d,
    /// `calls_14d`.
    #[serde(rename = "calls_14d")]
    Calls14d,
    /// `emails_14d`.
    #[serde(rename = "emails_14d")]
    Emails14d,
    /// `meetings_30d`.
    #[serde(rename = "meetings_30d")]
    Meetings30d,
    /// `calls_30d`.
    #[serde(rename = "calls_30d")]
    Calls30d,
    /// `emails_30d`.
    #[serde(rename = "emails_30d")]
    Emails30d,
    /// `contact_has_email`.
    Email,
    /// `contact_has_phone`.
    Phone,
    /// `contact_has_job_title`.
    JobTitle,
    /// `log_company_employees`, `company_size_known`.
    CompanySize,
    /// `company_has_industry`.
    Industry,
    /// `company_won_deals`.
    CompanyWonDeals,
}

impl FactorGroup {
    /// The group's id as used in [`Factor::id`] (snake case).
    pub fn id(self) -> &'static str {
        match self {
            Self::Value => "value",
            Self::Stage => "stage",
            Self::Source => "source",
            Self::Age => "age",
            Self::Inactivity => "inactivity",
            Self::Meetings14d => "meetings_14d",
            Self::Calls14d => "calls_14d",
            Self::Emails14d => "emails_14d",
            Self::Meetings30d => "meetings_30d",
            Self::Calls30d => "calls_30d",
            Self::Emails30d => "emails_30d",
            Self::Email => "email",
            Self::Phone => "phone",
            Self::JobTitle => "job_title",
            Self::CompanySize => "company_size",
            Self::Industry => "industry",
            Self::CompanyWonDeals => "company_won_deals",
        }
    }

    /// Human text for this group's value in a deal ("3 meetings in 14 days").
    pub fn describe(self, d: &DealFeatures) -> String {
        let s = Sanitised::of(d);
        match self {
            Self::Value => match s.value {
                Some(v) => format!("value {}", thousands(v)),
                None => "no value given".to_owned(),
            },
            Self::Stage => match stage_level(d.stage.as_deref()) {
                Some(i) => format!("stage: {}", STAGES[i]),
                None => "stage unknown".to_owned(),
            },
            Self::Source => match source_level(d.source.as_deref()) {
                Some(i) => format!("source: {}", SOURCES[i]),
                None => "no source given".to_owned(),
            },
            Self::Age => {
                let days = s.days_created.round();
                format!("created {} ago", plural(days, "day", "days"))
            }
            Self::Inactivity => {
                let days = s.days_inactive.round();
                if days >= 30.0 {
                    format!("no activity for {days} days")
                } else if days < 1.0 {
                    "activity today".to_owned()
                } else {
                    format!("last activity {} ago", plural(days, "day", "days"))
                }
            }
            Self::Meetings14d => count_text(d.meetings_14d, "meeting", "meetings", 14),
            Self::Calls14d => count_text(d.calls_14d, "call", "calls", 14),
            Self::Emails14d => count_text(d.emails_14d, "email", "emails", 14),
            Self::Meetings30d => {
                earlier_text(d.meetings_30d, d.meetings_14d, "meeting", "meetings")
            }
            Self::Calls30d => earlier_text(d.calls_30d, d.calls_14d, "call", "calls"),
            Self::Emails30d => earlier_text(d.emails_30d, d.emails_14d, "email", "emails"),
            Self::Email => given(d.contact_has_email, "email"),
            Self::Phone => given(d.contact_has_phone, "phone"),
            Self::JobTitle => given(d.contact_has_job_title, "job title"),
            Self::CompanySize => match d.company_employees {
                Some(n) => format!("company of {} employees", thousands(n as f64)),
                None => "company size unknown".to_owned(),
            },
            Self::Industry => given(d.company_has_industry, "company industry"),
            Self::CompanyWonDeals => match d.company_won_deals {
                0 => "no past won deals with this company".to_owned(),
                1 => "1 past won deal with this company".to_owned(),
                n => format!("{n} past won deals with this company"),
            },
        }
    }
}

/// Column names and groups, in vector order. Must match [`DealFeatures::feature_vector`].
const COLUMNS: [(&str, FactorGroup); N_FEATURES] = [
    ("log_value", FactorGroup::Value),
    ("value_known", FactorGroup::Value),
    ("stage=lead", FactorGroup::Stage),
    ("stage=qualified", FactorGroup::Stage),
    ("stage=proposal", FactorGroup::Stage),
    ("stage=negotiation", FactorGroup::Stage),
    ("stage=unknown", FactorGroup::Stage),
    ("source=inbound", FactorGroup::Source),
    ("source=outbound", FactorGroup::Source),
    ("source=referral", FactorGroup::Source),
    ("source=campaign", FactorGroup::Source),
    ("source=partner", FactorGroup::Source),
    ("source=other", FactorGroup::Source),
    ("source=unknown", FactorGroup::Source),
    ("days_since_created", FactorGroup::Age),
    ("days_since_last_activity", FactorGroup::Inactivity),
    ("meetings_14d", FactorGroup::Meetings14d),
    ("calls_14d", FactorGroup::Calls14d),
    ("emails_14d", FactorGroup::Emails14d),
    ("meetings_30d", FactorGroup::Meetings30d),
    ("calls_30d", FactorGroup::Calls30d),
    ("emails_30d", FactorGroup::Emails30d),
    ("contact_has_email", FactorGroup::Email),
    ("contact_has_phone", FactorGroup::Phone),
    ("contact_has_job_title", FactorGroup::JobTitle),
    ("log_company_employees", FactorGroup::CompanySize),
    ("company_size_known", FactorGroup::CompanySize),
    ("company_has_industry", FactorGroup::Industry),
    ("company_won_deals", FactorGroup::CompanyWonDeals),
];

/// The names of the feature-vector columns, in order (see [`DealFeatures::feature_vector`]).
pub fn feature_names() -> [&'static str; N_FEATURES] {
    COLUMNS.map(|(name, _)| name)
}

/// The factor group of each feature-vector column, in order.
pub fn feature_groups() -> [FactorGroup; N_FEATURES] {
    COLUMNS.map(|(_, group)| group)
}

/// The deal's numbers after sanitising: finite, non-negative, capped.
struct Sanitised {
    value: Option<f64>,
    days_created: f64,
    days_inactive: f64,
}

impl Sanitised {
    fn of(d: &DealFeatures) -> Self {
        let value = d.value.filter(|v| v.is_finite()).map(|v| v.max(0.0));
        let days_created = nonneg(d.days_since_created).min(MAX_DAYS_CREATED);
        let days_inactive = d
            .days_since_last_activity
            .filter(|x| x.is_finite())
            .map_or(days_created, nonneg)
            .min(MAX_DAYS_INACTIVE);
        Self {
            value,
            days_created,
            days_inactive,
        }
    }
}

fn nonneg(x: f64) -> f64 {
    if x.is_finite() { x.max(0.0) } else { 0.0 }
}

fn count(n: u32) -> f64 {
    f64::from(n).min(MAX_COUNT)
}

fn flag(b: bool) -> f64 {
    if b { 1.0 } else { 0.0 }
}

fn stage_level(stage: Option<&str>) -> Option<usize> {
    let stage = stage?.trim();
    STAGES.iter().position(|s| s.eq_ignore_ascii_case(stage))
}

fn source_level(source: Option<&str>) -> Option<usize> {
    let source = source?.trim();
    SOURCES.iter().position(|s| s.eq_ignore_ascii_case(source))
}

impl DealFeatures {
    /// The feature vector, columns named by [`feature_names`]:
    ///
    /// | columns | encoding |
    /// | --- | --- |
    /// | `log_value`, `value_known` | ln(1 + value) (0 when unknown or negative), 1/0 |
    /// | `stage=lead` … `stage=negotiation`, `stage=unknown` | one-hot; `unknown` for `None`, `won`, `lost` or any other text |
    /// | `source=inbound` … `source=other`, `source=unknown` | one-hot; `unknown` for `None` or unlisted text |
    /// | `days_since_created` | days, capped at 730 |
    /// | `days_since_last_activity` | days, capped at 365; never any activity → days since created |
    /// | `meetings_14d` … `emails_14d` | counts in the last 14 days, capped at 20 |
    /// | `meetings_30d` … `emails_30d` | counts 15–30 days ago (30-day count less the 14-day one), capped at 20 |
    /// | `contact_has_email`, `contact_has_phone`, `contact_has_job_title` | 1/0 |
    /// | `log_company_employees`, `company_size_known` | ln(1 + employees) (0 when unknown), 1/0 |
    /// | `company_has_industry` | 1/0 |
    /// | `company_won_deals` | count, capped at 20 |
    ///
    /// Stage and source match case-insensitively after trimming. Every entry is finite.
    pub fn feature_vector(&self) -> [f64; N_FEATURES] {
        let s = Sanitised::of(self);
        let mut v = [0.0; N_FEATURES];
        v[0] = s.value.map_or(0.0, f64::ln_1p);
        v[1] = flag(s.value.is_some());
        v[2 + stage_level(self.stage.as_deref()).unwrap_or(STAGES.len())] = 1.0;
        v[7 + source_level(self.source.as_deref()).unwrap_or(SOURCES.len())] = 1.0;
        v[14] = s.days_created;
        v[15] = s.days_inactive;
        v[16] = count(self.meetings_14d);
        v[17] = count(self.calls_14d);
        v[18] = count(self.emails_14d);
        // The 30-day columns count the older half only (15–30 days ago): nested windows would
        // share their recent part, and the model would split one effect into two of opposite
        // signs ("3 emails in 14 days +15", "3 emails in 30 days −9").
        v[19] = count(self.meetings_30d.saturating_sub(self.meetings_14d));
        v[20] = count(self.calls_30d.saturating_sub(self.calls_14d));
        v[21] = count(self.emails_30d.saturating_sub(self.emails_14d));
        v[22] = flag(self.contact_has_email);
        v[23] = flag(self.contact_has_phone);
        v[24] = flag(self.contact_has_job_title);
        v[25] = self.company_employees.map_or(0.0, |n| (n as f64).ln_1p());
        v[26] = flag(self.company_employees.is_some());
        v[27] = flag(self.company_has_industry);
        v[28] = count(self.company_won_deals);
        v
    }

    /// The named features as `(name, value)` pairs, in vector order.
    pub fn named_features(&self) -> Vec<(&'static str, f64)> {
        feature_names()
            .into_iter()
            .zip(self.feature_vector())
            .collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

/// A number of a deal that a rule can compare with a threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Deal value (missing when not given).
    Value,
    /// Days since the deal was created.
    DaysSinceCreated,
    /// Days since the last activity (days since created when there was none).
    DaysWithoutActivity,
    /// Meetings in the last 14 days.
    #[serde(rename = "meetings_14d")]
    Meetings14d,
    /// Calls in the last 14 days.
    #[serde(rename = "calls_14d")]
    Calls14d,
    /// Emails in the last 14 days.
    #[serde(rename = "emails_14d")]
    Emails14d,
    /// Meetings in the last 30 days.
    #[serde(rename = "meetings_30d")]
    Meetings30d,
    /// Calls in the last 30 days.
    #[serde(rename = "calls_30d")]
    Calls30d,
    /// Emails in the last 30 days.
    #[serde(rename = "emails_30d")]
    Emails30d,
    /// The company's employees (missing when unknown).
    CompanyEmployees,
    /// Past won deals of the company.
    CompanyWonDeals,
}

impl Measure {
    fn of(self, d: &DealFeatures) -> Option<f64> {
        let s = Sanitised::of(d);
        Some(match self {
            Self::Value => s.value?,
            Self::DaysSinceCreated => s.days_created,
            Self::DaysWithoutActivity => s.days_inactive,
            Self::Meetings14d => f64::from(d.meetings_14d),
            Self::Calls14d => f64::from(d.calls_14d),
            Self::Emails14d => f64::from(d.emails_14d),
            Self::Meetings30d => f64::from(d.meetings_30d),
            Self::Calls30d => f64::from(d.calls_30d),
            Self::Emails30d => f64::from(d.emails_30d),
            Self::CompanyEmployees => d.company_employees? as f64,
            Self::CompanyWonDeals => f64::from(d.company_won_deals),
        })
    }
}

/// A piece of information a deal can have or lack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attribute {
    /// The contact's email address.
    Email,
    /// The contact's phone number.
    Phone,
    /// The contact's job title.
    JobTitle,
    /// The company's industry.
    CompanyIndustry,
    /// The company's size.
    CompanySize,
    /// The deal's value.
    Value,
}

impl Attribute {
    fn present(self, d: &DealFeatures) -> bool {
        match self {
            Self::Email => d.contact_has_email,
            Self::Phone => d.contact_has_phone,
            Self::JobTitle => d.contact_has_job_title,
            Self::CompanyIndustry => d.company_has_industry,
            Self::CompanySize => d.company_employees.is_some(),
            Self::Value => Sanitised::of(d).value.is_some(),
        }
    }
}

/// When a [`Rule`] holds for a deal. Serialised with a `type` tag, e.g.
/// `{"type":"at_least","measure":"meetings_14d","value":1}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Condition {
    /// `measure ≥ value` (false when the measure is missing).
    AtLeast {
        /// What to compare.
        measure: Measure,
        /// The threshold.
        value: f64,
    },
    /// `measure < value` (false when the measure is missing).
    Below {
        /// What to compare.
        measure: Measure,
        /// The threshold.
        value: f64,
    },
    /// The attribute is given.
    Has {
        /// Which attribute.
        attribute: Attribute,
    },
    /// The attribute is missing.
    Lacks {
        /// Which attribute.
        attribute: Attribute,
    },
    /// The deal's value is above the median value of all deals given to the scorer (closed and
    /// open, those with a value); false when the value or the median is missing.
    ValueAboveMedian,
    /// The deal is in this stage (case-insensitive).
    StageIs {
        /// The stage name.
        stage: String,
    },
    /// The deal came from this source (case-insensitive).
    SourceIs {
        /// The source name.
        source: String,
    },
}

impl Condition {
    fn holds(&self, d: &DealFeatures, median_value: Option<f64>) -> bool {
        match self {
            Self::AtLeast { measure, value } => measure.of(d).is_some_and(|x| x >= *value),
            Self::Below { measure, value } => measure.of(d).is_some_and(|x| x < *value),
            Self::Has { attribute } => attribute.present(d),
            Self::Lacks { attribute } => !attribute.present(d),
            Self::ValueAboveMedian => match (Sanitised::of(d).value, median_value) {
                (Some(v), Some(m)) => v > m,
                _ => false,
            },
            Self::StageIs { stage } => d
                .stage
                .as_deref()
                .is_some_and(|s| s.trim().eq_ignore_ascii_case(stage.trim())),
            Self::SourceIs { source } => d
                .source
                .as_deref()
                .is_some_and(|s| s.trim().eq_ignore_ascii_case(source.trim())),
        }
    }

    fn threshold(&self) -> Option<f64> {
        match self {
            Self::AtLeast { value, .. } | Self::Below { value, .. } => Some(*value),
            _ => None,
        }
    }
}

/// One rule of the rule-based score: when `condition` holds, add `points` (may be negative).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    /// Stable id (unique within a rule set), e.g. `recent_meeting`.
    pub id: String,
    /// Human text shown as the factor, e.g. "meeting in the last 14 days".
    pub description: String,
    /// Points added when the condition holds, in −100..=100.
    pub points: i32,
    /// When the rule holds.
    pub condition: Condition,
}

/// Largest absolute points of one rule.
pub const MAX_RULE_POINTS: i32 = 100;

fn rule(id: &str, description: &str, points: i32, condition: Condition) -> Rule {
    Rule {
        id: id.to_owned(),
        description: description.to_owned(),
        points,
        condition,
    }
}

/// The default rules (base score [`RULE_BASE_SCORE`] = 50):
///
/// | id | holds when | points |
/// | --- | --- | --- |
/// | `recent_meeting` | a meeting in the last 14 days | +15 |
/// | `recent_call` | a call in the last 14 days | +8 |
/// | `recent_email` | an email in the last 14 days | +5 |
/// | `no_activity_30d` | no activity for 30 days or more | −20 |
/// | `email_given` | the contact has an email | +5 |
/// | `phone_given` | the contact has a phone | +5 |
/// | `job_title_given` | the contact has a job title | +3 |
/// | `value_above_median` | value above the median deal value | +10 |
/// | `repeat_customer` | the company has won deals before | +10 |
/// | `referral` | source is referral | +10 |
/// | `stage_proposal` | stage is proposal | +5 |
/// | `stage_negotiation` | stage is negotiation | +10 |
/// | `old_deal` | created 180 days ago or more | −10 |
pub fn default_rules() -> Vec<Rule> {
    use Condition::{AtLeast, Has, SourceIs, StageIs, ValueAboveMedian};
    vec![
        rule(
            "recent_meeting",
            "meeting in the last 14 days",
            15,
            AtLeast {
                measure: Measure::Meetings14d,
                value: 1.0,
            },
        ),
        rule(
            "recent_call",
            "call in the last 14 days",
            8,
            AtLeast {
                measure: Measure::Calls14d,
                value: 1.0,
            },
        ),
        rule(
            "recent_email",
            "email in the last 14 days",
            5,
            AtLeast {
                measure: Measure::Emails14d,
                value: 1.0,
            },
        ),
        rule(
            "no_activity_30d",
            "no activity for 30 days",
            -20,
            AtLeast {
                measure: Measure::DaysWithoutActivity,
                value: 30.0,
            },
        ),
        rule(
            "email_given",
            "email given",
            5,
            Has {
                attribute: Attribute::Email,
            },
        ),
        rule(
            "phone_given",
            "phone given",
            5,
            Has {
                attribute: Attribute::Phone,
            },
        ),
        rule(
            "job_title_given",
            "job title given",
            3,
            Has {
                attribute: Attribute::JobTitle,
            },
        ),
        rule(
            "value_above_median",
            "deal value above the median",
            10,
            ValueAboveMedian,
        ),
        rule(
            "repeat_customer",
            "company has won deals before",
            10,
            AtLeast {
                measure: Measure::CompanyWonDeals,
                value: 1.0,
            },
        ),
        rule(
            "referral",
            "came by referral",
            10,
            SourceIs {
                source: "referral".to_owned(),
            },
        ),
        rule(
            "stage_proposal",
            "at proposal stage",
            5,
            StageIs {
                stage: "proposal".to_owned(),
            },
        ),
        rule(
            "stage_negotiation",
            "at negotiation stage",
            10,
            StageIs {
                stage: "negotiation".to_owned(),
            },
        ),
        rule(
            "old_deal",
            "open for 180 days or more",
            -10,
            AtLeast {
                measure: Measure::DaysSinceCreated,
                value: 180.0,
            },
        ),
    ]
}

/// Why settings or rules were refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LeadScoreError {
    /// A rule has no id.
    #[error("rule {index} has no id")]
    EmptyRuleId {
        /// Position of the rule in the list.
        index: usize,
    },
    /// Two rules share an id.
    #[error("two rules have the id \"{id}\"; rule ids must be unique")]
    DuplicateRuleId {
        /// The repeated id.
        id: String,
    },
    /// A rule's points are out of range.
    #[error("rule \"{id}\" gives {points} points; points must be between −100 and 100")]
    PointsOutOfRange {
        /// The rule's id.
        id: String,
        /// Its points.
        points: i32,
    },
    /// A rule's threshold is not a finite number.
    #[error("rule \"{id}\" compares with a value that is not a number")]
    BadThreshold {
        /// The rule's id.
        id: String,
    },
    /// A setting is out of range.
    #[error("invalid lead-score setting: {0}")]
    InvalidConfig(String),
}

/// Checks a rule set: ids non-empty and unique, points in −100..=100, thresholds finite.
pub fn validate_rules(rules: &[Rule]) -> Result<(), LeadScoreError> {
    let mut seen = std::collections::BTreeSet::new();
    for (index, r) in rules.iter().enumerate() {
        let id = r.id.trim();
        if id.is_empty() {
            return Err(LeadScoreError::EmptyRuleId { index });
        }
        if !seen.insert(id) {
            return Err(LeadScoreError::DuplicateRuleId { id: id.to_owned() });
        }
        if r.points.abs() > MAX_RULE_POINTS {
            return Err(LeadScoreError::PointsOutOfRange {
                id: id.to_owned(),
                points: r.points,
            });
        }
        if r.condition.threshold().is_some_and(|t| !t.is_finite()) {
            return Err(LeadScoreError::BadThreshold { id: id.to_owned() });
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Settings and results
// ---------------------------------------------------------------------------------------------

/// Settings of the lead score. [`Default`] gives the documented values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadScoreConfig {
    /// Fewest closed deals for the learned score ([`MIN_CLOSED_DEALS`]).
    pub min_closed: usize,
    /// Fewest won and fewest lost deals for the learned score ([`MIN_PER_CLASS`]).
    pub min_per_class: usize,
    /// L2 penalty ([`DEFAULT_ALPHA`]); must be finite and ≥ 0.
    pub alpha: f64,
    /// How many raising and lowering factors to list ([`DEFAULT_MAX_FACTORS`]).
    pub max_factors: usize,
    /// The rules of the rule-based score ([`default_rules`]).
    pub rules: Vec<Rule>,
}

impl Default for LeadScoreConfig {
    fn default() -> Self {
        Self {
            min_closed: MIN_CLOSED_DEALS,
            min_per_class: MIN_PER_CLASS,
            alpha: DEFAULT_ALPHA,
            max_factors: DEFAULT_MAX_FACTORS,
            rules: default_rules(),
        }
    }
}

impl LeadScoreConfig {
    fn validate(&self) -> Result<(), LeadScoreError> {
        if self.min_per_class == 0 {
            return Err(LeadScoreError::InvalidConfig(
                "at least 1 won and 1 lost deal are needed to learn".to_owned(),
            ));
        }
        if !self.alpha.is_finite() || self.alpha < 0.0 {
            return Err(LeadScoreError::InvalidConfig(
                "the regularisation strength must be a number ≥ 0".to_owned(),
            ));
        }
        validate_rules(&self.rules)
    }

    fn need_closed(&self) -> usize {
        self.min_closed.max(2 * self.min_per_class)
    }
}

/// Why the rule-based score is used instead of the learned one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FallbackReason {
    /// Fewer closed deals than the minimum.
    TooFewClosed {
        /// Closed deals given.
        closed: usize,
    },
    /// Every closed deal was won.
    NoLost {
        /// Won deals.
        won: usize,
    },
    /// Every closed deal was lost.
    NoWon {
        /// Lost deals.
        lost: usize,
    },
    /// Fewer won or lost deals than the minimum.
    TooFewOfOneClass {
        /// Won deals.
        won: usize,
        /// Lost deals.
        lost: usize,
    },
    /// Every closed deal has the same features.
    NoVariation,
    /// The optimiser failed or gave non-finite coefficients.
    FitFailed {
        /// What went wrong.
        detail: String,
    },
}

impl FallbackReason {
    /// A sentence for the user saying why the score is rule-based.
    pub fn explain(&self, config: &LeadScoreConfig) -> String {
        let need = config.need_closed();
        let k = config.min_per_class;
        match self {
            Self::TooFewClosed { closed: 0 } => format!(
                "no closed deals yet; the learned score needs at least {need} closed deals with \
                 at least {k} won and {k} lost"
            ),
            Self::TooFewClosed { closed } => format!(
                "only {}; the learned score needs {need} with at least {k} won and {k} lost",
                plural(*closed as f64, "closed deal", "closed deals")
            ),
            Self::NoLost { won } => format!(
                "all {} were won and none lost; the learned score needs at least {k} lost deals \
                 to learn what loses a deal",
                plural(*won as f64, "closed deal", "closed deals")
            ),
            Self::NoWon { lost } => format!(
                "all {} were lost and none won; the learned score needs at least {k} won deals \
                 to learn what wins a deal",
                plural(*lost as f64, "closed deal", "closed deals")
            ),
            Self::TooFewOfOneClass { won, lost } => format!(
                "only {won} won and {lost} lost of {} closed deals; the learned score needs at \
                 least {k} won and {k} lost",
                won + lost
            ),
            Self::NoVariation => "the closed deals all look the same (no feature varies), so \
                                  there is nothing to learn from them"
                .to_owned(),
            Self::FitFailed { detail } => {
                format!("the learned model could not be fitted ({detail})")
            }
        }
    }
}

/// Which method produced the scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum ScoreMethod {
    /// Logistic regression on the closed deals.
    Learned {
        /// Closed deals trained on.
        closed: usize,
        /// Of which won.
        won: usize,
        /// Of which lost.
        lost: usize,
        /// Area under the ROC curve on the training deals (optimistic; 0.5 = no better than
        /// chance, 1 = perfect ranking).
        training_auc: f64,
    },
    /// The rules, because the learned score cannot be used.
    RuleBased {
        /// Why.
        reason: FallbackReason,
        /// The reason as a sentence.
        explanation: String,
    },
}

/// One factor that raised or lowered a score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Factor {
    /// The factor group id ([`FactorGroup::id`]) or the rule id.
    pub id: String,
    /// What the deal has, e.g. "3 meetings in 14 days".
    pub text: String,
    /// Points it added (positive) or took away (negative).
    pub points: i32,
    /// Text and points, e.g. "3 meetings in 14 days +18", "no activity for 40 days −12".
    pub summary: String,
}

impl Factor {
    fn new(id: &str, text: String, points: i32) -> Self {
        let summary = format!("{text} {}", signed(points));
        Self {
            id: id.to_owned(),
            text,
            points,
            summary,
        }
    }
}

/// The score of one deal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DealScore {
    /// The deal's id.
    pub deal_id: String,
    /// 0–100.
    pub score: u8,
    /// The score the factors start from: the score of a deal at the training means (learned) or
    /// the rule base 50 (rule-based). `baseline + Σ points ≈ score` (exact for rules before the
    /// clamp, up to rounding for the learned score).
    pub baseline: u8,
    /// P(won) from the learned model; `None` for the rule-based score.
    pub probability: Option<f64>,
    /// `true` when the score is rule-based.
    pub rule_based: bool,
    /// The factors that raised the score, largest first.
    pub raised_by: Vec<Factor>,
    /// The factors that lowered the score, largest drop first.
    pub lowered_by: Vec<Factor>,
}

/// A fitted logistic regression on standardised features.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LearnedModel {
    /// Column names ([`feature_names`]).
    pub feature_names: Vec<String>,
    /// Training mean of each column.
    pub means: Vec<f64>,
    /// Training standard deviation of each column; 0 for a constant column (left out).
    pub std_devs: Vec<f64>,
    /// Coefficient of each standardised column (0 for constant columns).
    pub coefficients: Vec<f64>,
    /// Intercept (log-odds of a deal at the training means).
    pub intercept: f64,
}

impl LearnedModel {
    /// Standardised value of each column (0 for constant columns).
    fn standardise(&self, x: &[f64; N_FEATURES]) -> Vec<f64> {
        x.iter()
            .zip(&self.means)
            .zip(&self.std_devs)
            .map(|((v, m), s)| if *s > MIN_SD { (v - m) / s } else { 0.0 })
            .collect()
    }

    /// Log-odds of winning.
    pub fn log_odds(&self, deal: &DealFeatures) -> f64 {
        let z = self.standardise(&deal.feature_vector());
        self.intercept + dot(&self.coefficients, &z)
    }

    /// P(won), in [0, 1].
    pub fn probability(&self, deal: &DealFeatures) -> f64 {
        sigmoid(self.log_odds(deal))
    }

    /// The coefficient of a named column, if the name exists.
    pub fn coefficient(&self, name: &str) -> Option<f64> {
        let i = self.feature_names.iter().position(|n| n == name)?;
        self.coefficients.get(i).copied()
    }
}

/// A trained scorer: the learned model or the rules, ready to score open deals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadScorer {
    method: ScoreMethod,
    model: Option<LearnedModel>,
    rules: Vec<Rule>,
    median_value: Option<f64>,
    max_factors: usize,
}

/// The scores of a set of open deals and how they were made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadScores {
    /// Learned or rule-based (with the reason).
    pub method: ScoreMethod,
    /// One score per open deal, in input order.
    pub scores: Vec<DealScore>,
}

/// Trains on `closed` and scores each of `open`. See [`LeadScorer::train`].
pub fn score_deals(
    closed: &[ClosedDeal],
    open: &[DealFeatures],
    config: &LeadScoreConfig,
) -> Result<LeadScores, LeadScoreError> {
    let scorer = LeadScorer::train(closed, open, config)?;
    Ok(LeadScores {
        method: scorer.method.clone(),
        scores: open.iter().map(|d| scorer.score(d)).collect(),
    })
}

impl LeadScorer {
    /// Fits the learned model on `closed` when the minimum is met, else prepares the rules.
    ///
    /// `open` is used only for the median deal value of the `value_above_median` rule (median
    /// over all closed and open deals with a value). Errors only for invalid settings or rules;
    /// too little data is not an error but a [`ScoreMethod::RuleBased`] with its reason.
    pub fn train(
        closed: &[ClosedDeal],
        open: &[DealFeatures],
        config: &LeadScoreConfig,
    ) -> Result<Self, LeadScoreError> {
        config.validate()?;
        let values: Vec<f64> = closed
            .iter()
            .map(|c| &c.features)
            .chain(open)
            .filter_map(|d| Sanitised::of(d).value)
            .collect();
        let median_value = median(values);
        let rule_based = |reason: FallbackReason| {
            let explanation = reason.explain(config);
            Self {
                method: ScoreMethod::RuleBased {
                    reason,
                    explanation,
                },
                model: None,
                rules: config.rules.clone(),
                median_value,
                max_factors: config.max_factors,
            }
        };

        let won = closed.iter().filter(|c| c.won).count();
        let lost = closed.len() - won;
        let k = config.min_per_class;
        if closed.len() < config.need_closed() {
            return Ok(rule_based(FallbackReason::TooFewClosed {
                closed: closed.len(),
            }));
        }
        if lost == 0 {
            return Ok(rule_based(FallbackReason::NoLost { won }));
        }
        if won == 0 {
            return Ok(rule_based(FallbackReason::NoWon { lost }));
        }
        if won < k || lost < k {
            return Ok(rule_based(FallbackReason::TooFewOfOneClass { won, lost }));
        }
        match fit(closed, config.alpha) {
            Ok(model) => {
                let scores: Vec<f64> = closed.iter().map(|c| model.log_odds(&c.features)).collect();
                let labels: Vec<bool> = closed.iter().map(|c| c.won).collect();
                let training_auc = roc_auc(&scores, &labels).unwrap_or(0.5);
                Ok(Self {
                    method: ScoreMethod::Learned {
                        closed: closed.len(),
                        won,
                        lost,
                        training_auc,
                    },
                    model: Some(model),
                    rules: config.rules.clone(),
                    median_value,
                    max_factors: config.max_factors,
                })
            }
            Err(reason) => Ok(rule_based(reason)),
        }
    }

    /// How this scorer scores.
    pub fn method(&self) -> &ScoreMethod {
        &self.method
    }

    /// The learned model, when the learned score is used.
    pub fn model(&self) -> Option<&LearnedModel> {
        self.model.as_ref()
    }

    /// The median deal value the `value_above_median` rule compares with.
    pub fn median_value(&self) -> Option<f64> {
        self.median_value
    }

    /// Scores one deal with its top raising and lowering factors.
    pub fn score(&self, deal: &DealFeatures) -> DealScore {
        match &self.model {
            Some(model) => self.score_learned(model, deal),
            None => self.score_rules(deal),
        }
    }

    fn score_learned(&self, model: &LearnedModel, deal: &DealFeatures) -> DealScore {
        let z = model.standardise(&deal.feature_vector());
        let eta = model.intercept + dot(&model.coefficients, &z);
        let p = sigmoid(eta);
        let mut contributions: Vec<(FactorGroup, f64)> = Vec::new();
        for ((group, beta), zj) in feature_groups()
            .into_iter()
            .zip(&model.coefficients)
            .zip(&z)
        {
            let c = beta * zj;
            match contributions.last_mut() {
                Some((g, sum)) if *g == group => *sum += c,
                _ => contributions.push((group, c)),
            }
        }
        let slope = points_per_log_odds(model.intercept, eta);
        let factors = contributions
            .into_iter()
            .map(|(group, c)| Factor::new(group.id(), group.describe(deal), to_points(c * slope)))
            .collect();
        let (raised_by, lowered_by) = split_factors(factors, self.max_factors);
        DealScore {
            deal_id: deal.deal_id.clone(),
            score: to_score(100.0 * p),
            baseline: to_score(100.0 * sigmoid(model.intercept)),
            probability: Some(p),
            rule_based: false,
            raised_by,
            lowered_by,
        }
    }

    fn score_rules(&self, deal: &DealFeatures) -> DealScore {
        let mut total = i64::from(RULE_BASE_SCORE);
        let mut factors = Vec::new();
        for r in &self.rules {
            if r.points != 0 && r.condition.holds(deal, self.median_value) {
                total += i64::from(r.points);
                factors.push(Factor::new(&r.id, r.description.clone(), r.points));
            }
        }
        let (raised_by, lowered_by) = split_factors(factors, self.max_factors);
        DealScore {
            deal_id: deal.deal_id.clone(),
            score: u8::try_from(total.clamp(0, 100)).unwrap_or(0),
            baseline: u8::try_from(RULE_BASE_SCORE.clamp(0, 100)).unwrap_or(50),
            probability: None,
            rule_based: true,
            raised_by,
            lowered_by,
        }
    }
}

/// Splits factors into positive (largest first) and negative (most negative first), dropping
/// zero-point ones, keeping at most `max` of each. The sort is stable, so ties keep column order.
fn split_factors(factors: Vec<Factor>, max: usize) -> (Vec<Factor>, Vec<Factor>) {
    let (mut up, mut down): (Vec<Factor>, Vec<Factor>) = factors
        .into_iter()
        .filter(|f| f.points != 0)
        .partition(|f| f.points > 0);
    up.sort_by_key(|f| std::cmp::Reverse(f.points));
    down.sort_by_key(|f| f.points);
    up.truncate(max);
    down.truncate(max);
    (up, down)
}

fn fit(closed: &[ClosedDeal], alpha: f64) -> Result<LearnedModel, FallbackReason> {
    // Scoped: smartcore's `Array::get` would shadow `Vec::get`/`slice::get` elsewhere.
    use smartcore::linalg::basic::arrays::Array;
    let rows: Vec<[f64; N_FEATURES]> = closed.iter().map(|c| c.features.feature_vector()).collect();
    let n = rows.len() as f64;
    let mut means = vec![0.0; N_FEATURES];
    let mut std_devs = vec![0.0; N_FEATURES];
    for j in 0..N_FEATURES {
        let mean = rows.iter().map(|r| r[j]).sum::<f64>() / n;
        let var = rows.iter().map(|r| (r[j] - mean).powi(2)).sum::<f64>() / n;
        means[j] = mean;
        let sd = var.sqrt();
        std_devs[j] = if sd > MIN_SD { sd } else { 0.0 };
    }
    let active: Vec<usize> = (0..N_FEATURES).filter(|&j| std_devs[j] > 0.0).collect();
    if active.is_empty() {
        return Err(FallbackReason::NoVariation);
    }
    let mut values = Vec::with_capacity(rows.len() * active.len());
    for r in &rows {
        values.extend(active.iter().map(|&j| (r[j] - means[j]) / std_devs[j]));
    }
    let failed = |detail: String| FallbackReason::FitFailed { detail };
    let x = DenseMatrix::new(rows.len(), active.len(), values, false)
        .map_err(|e| failed(e.to_string()))?;
    let y: Vec<i32> = closed.iter().map(|c| i32::from(c.won)).collect();
    let params = LogisticRegressionParameters::default().with_alpha(alpha);
    let lr: LogisticRegression<f64, i32, DenseMatrix<f64>, Vec<i32>> =
        LogisticRegression::fit(&x, &y, params).map_err(|e| failed(e.to_string()))?;
    // Classes are sorted, so with labels {0, 1} the binary model's coefficients are for class 1
    // (won).
    let mut coefficients = vec![0.0; N_FEATURES];
    for (k, &j) in active.iter().enumerate() {
        coefficients[j] = *lr.coefficients().get((0, k));
    }
    let intercept = *lr.intercept().get((0, 0));
    if !intercept.is_finite() || coefficients.iter().any(|c| !c.is_finite()) {
        return Err(failed("the coefficients are not finite numbers".to_owned()));
    }
    Ok(LearnedModel {
        feature_names: feature_names().iter().map(|s| (*s).to_owned()).collect(),
        means,
        std_devs,
        coefficients,
        intercept,
    })
}

/// Area under the ROC curve of `scores` for `labels` (`true` = positive): the probability that a
/// random positive scores above a random negative, ties counting ½ (Mann–Whitney U / n₊n₋,
/// computed with average ranks). `None` when the lengths differ, a class is missing or a score is
/// not finite.
pub fn roc_auc(scores: &[f64], labels: &[bool]) -> Option<f64> {
    if scores.len() != labels.len() || scores.iter().any(|s| !s.is_finite()) {
        return None;
    }
    let pos = labels.iter().filter(|l| **l).count();
    let neg = labels.len() - pos;
    if pos == 0 || neg == 0 {
        return None;
    }
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[a].partial_cmp(&scores[b]).unwrap_or(Ordering::Equal));
    let mut rank_sum_pos = 0.0;
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && scores[order[j + 1]] == scores[order[i]] {
            j += 1;
        }
        // Ranks i+1 ..= j+1 share their average.
        let avg_rank = (i + j + 2) as f64 / 2.0;
        rank_sum_pos += avg_rank * order[i..=j].iter().filter(|&&k| labels[k]).count() as f64;
        i = j + 1;
    }
    let (p, q) = (pos as f64, neg as f64);
    Some((rank_sum_pos - p * (p + 1.0) / 2.0) / (p * q))
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let m = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[m]
    } else {
        (values[m - 1] + values[m]) / 2.0
    })
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Points per unit of log-odds between the average deal (`b`) and this one (`eta`): the secant
/// slope of `100 σ`, or its derivative when the two are (nearly) equal. Always in (0, 25].
fn points_per_log_odds(b: f64, eta: f64) -> f64 {
    let d = eta - b;
    if d.abs() < 1e-9 {
        let p = sigmoid(b);
        100.0 * p * (1.0 - p)
    } else {
        100.0 * (sigmoid(eta) - sigmoid(b)) / d
    }
}

/// The logistic function, stable for large |x|.
fn sigmoid(x: f64) -> f64 {
    if x.is_nan() {
        0.5
    } else if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

fn to_score(x: f64) -> u8 {
    if x.is_finite() {
        // In 0..=100 after the clamp, so the cast cannot truncate.
        x.round().clamp(0.0, 100.0) as u8
    } else {
        50
    }
}

fn to_points(x: f64) -> i32 {
    if x.is_finite() {
        x.round().clamp(-100.0, 100.0) as i32
    } else {
        0
    }
}

/// "+18", "−12" (with a real minus sign), "0".
fn signed(points: i32) -> String {
    match points.cmp(&0) {
        Ordering::Greater => format!("+{points}"),
        Ordering::Less => format!("\u{2212}{}", points.unsigned_abs()),
        Ordering::Equal => "0".to_owned(),
    }
}

fn plural(n: f64, one: &str, many: &str) -> String {
    if n == 1.0 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn count_text(n: u32, one: &str, many: &str, days: u32) -> String {
    match n {
        0 => format!("no {many} in {days} days"),
        1 => format!("1 {one} in {days} days"),
        n => format!("{n} {many} in {days} days"),
    }
}

/// The older half of a 30-day count: "2 emails 15–30 days ago".
fn earlier_text(in_30: u32, in_14: u32, one: &str, many: &str) -> String {
    match in_30.saturating_sub(in_14) {
        0 => format!("no {many} 15\u{2013}30 days ago"),
        1 => format!("1 {one} 15\u{2013}30 days ago"),
        n => format!("{n} {many} 15\u{2013}30 days ago"),
    }
}

fn given(present: bool, what: &str) -> String {
    if present {
        format!("{what} given")
    } else {
        format!("no {what}")
    }
}

/// A non-negative amount rounded to an integer with comma thousands separators: 12,500.
fn thousands(x: f64) -> String {
    let digits = format!("{:.0}", x.max(0.0).round());
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests;
