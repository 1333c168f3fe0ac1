//! Customer lifetime value: **BG/NBD** for how many purchases a customer will make, **Gamma-Gamma**
//! for how much each purchase is worth, both fitted by maximum likelihood, and their product
//! (optionally discounted) as the customer's value over a horizon.
//!
//! # Data: the RFM summary
//!
//! [`summarize`] turns orders `(customer, date, amount)` into one [`Rfm`] row per customer, as seen
//! on a *calibration end* date (orders after it are ignored and counted in [`SummaryStats`]):
//!
//! * **purchase day**: all of a customer's orders on one calendar day are netted into one amount
//!   (refunds are negative amounts and net against that day's orders). A day whose net is `> 0` is
//!   a purchase; a day whose net is `≤ 0` (a refund day, a free order) is *not* a purchase and is
//!   counted in [`SummaryStats::nonpositive_days`]. Nets within 1e-9 of the day's gross count as 0.
//!   A customer with no purchase day on or before the calibration end is left out (counted).
//! * `frequency` = x = number of purchase days after the first one (repeat purchases);
//! * `recency` = t_x = time from the first to the last purchase day;
//! * `age` = T = time from the first purchase day to the calibration end;
//! * `monetary_value` = mean net amount of the *repeat* purchase days (the first is left out, as in
//!   `lifetimes.utils.summary_data_from_transaction_data`); 0 when x = 0.
//!
//! Times are in the chosen [`Period`] (days or weeks = days / 7, not rounded). Invariants of every
//! row that [`summarize`] makes: `0 ≤ t_x ≤ T`, `t_x = 0` when `x = 0`, `monetary_value > 0` when
//! `x ≥ 1`. The fitted models remember their period: `alpha` and every `t` argument are in it.
//!
//! # BG/NBD (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way")
//!
//! While alive a customer buys as a Poisson process with rate λ ~ Gamma(shape r, rate α); after each
//! *repeat* purchase they drop out for good with probability p ~ Beta(a, b). The log-likelihood of
//! one customer (paper eq. 6, in the stable form of Hardie's note 004) is
//!
//! ```text
//! ln L = ln Γ(r+x) − ln Γ(r) + r ln α                                  (A1)
//!      + ln Γ(a+b) + ln Γ(b+x) − ln Γ(b) − ln Γ(a+b+x)                   (A2)
//!      + ln( e^{A3} + δ_{x>0} e^{A4} )                                   (log-sum-exp)
//! A3 = −(r+x) ln(α+T),   A4 = ln a − ln(b+x−1) − (r+x) ln(α+t_x)
//! ```
//!
//! * P(alive | x, t_x, T) = 1 / (1 + δ_{x>0} · a/(b+x−1) · ((α+T)/(α+t_x))^{r+x}) (eq. 13).
//! * `E[Y(t) | x, t_x, T]`, expected purchases in the next t periods (eq. 10), and the
//!   unconditional `E[X(t)]` for a brand-new customer (eq. 9).
//!
//! Eq. 10 is `(a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x} ₂F₁(r+x, b+x; a+b+x−1; z)] · P(alive)`
//! with z = t/(α+T+t). Evaluated as written it divides by zero at a = 1, has a pole in ₂F₁ when
//! x = 0 and a + b = 1, cancels catastrophically for small t, and its series needs rescaling for
//! large x. We use an equivalent series instead (derived below) whose terms are all positive and
//! which is defined for every a, b > 0:
//!
//! ```text
//! E[Y(t) | x, t_x, T] = P(alive) · Σ_{n≥0} P(N > n) · (b+x)_n / (a+b+x)_n
//! N ~ NegativeBinomial(k = r+x, z),  P(N = j) = (1−z)^k (k)_j z^j / j!,  z = u/(1+u),  u = t/(α+T)
//! ```
//!
//! Derivation: given alive at T, the posterior is λ ~ Gamma(r+x, α+T), p ~ Beta(a, b+x)
//! independently, and a live customer makes (1 − e^{−λpt})/p purchases on average in the next t.
//! Averaging over λ gives (1 − (1+pu)^{−k})/p; with q = 1 − p this is Σ_n P(N > n) qⁿ, and
//! `E[qⁿ] = (b+x)_n/(a+b+x)_n`. The result equals eq. 10 wherever that is finite (checked to 1e−9
//! against scipy's `hyp2f1`, `lifetimes` and direct quadrature in `tests/reference.rs`).
//! Convergence: P(N > n) falls geometrically once n passes the mode of N (ratio → z < 1), and the
//! Pochhammer ratio is ≤ 1 and decreasing; the loop stops when a rigorous bound on the remaining
//! terms, ρ_{n} · P(N = n) · ĉ/(1 − ĉ)² with ĉ = max(pmf ratio, z) < 1, is below 1e−13 of the sum.
//! It needs about k·u + 30/(1 − z) terms (k·u is the posterior mean count without dropout: a few
//! hundred terms for typical customers and horizons, a few thousand for a customer who buys
//! daily and a one-year horizon), and is capped at 2·10⁷ terms, where the remaining tail is
//! bounded by `ρ · (E[N] − Σ P(N > n))` and added. The pmf runs in log space while it would
//! underflow.
//! The unconditional `E[X(t)]` is the same series with x = 0, T = 0.
//!
//! # Gamma-Gamma (Fader, Hardie & Lee 2005, "RFM and CLV"; Hardie's note 025)
//!
//! Each transaction value ~ Gamma(p, ν), ν ~ Gamma(q, v) across customers, independent of the
//! purchase process. For a customer with x ≥ 1 repeat purchases of mean m:
//!
//! ```text
//! ln L = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln v + (px−1) ln m + px ln x − (px+q) ln(xm + v)
//! E[M | x, m] = p (v + x m) / (p x + q − 1)       (population mean p v / (q − 1) when x = 0)
//! ```
//!
//! Fitted on customers with x ≥ 1 and m > 0 only (as `lifetimes.GammaGammaFitter`).
//!
//! # CLV
//!
//! `CLV(H) = E[M] · Σ_{j=1..J} (E[Y(τ_j)] − E[Y(τ_{j−1})]) / (1 + d)^{τ_j / 30 days}` with
//! τ_j = min(30·j, H) days, J = ⌈H / 30⌉: purchases are grouped into 30-day months (the last one
//! may be partial) and each month is discounted at its end by the monthly rate d. This is
//! `lifetimes.utils._customer_lifetime_value(..., time=H/30, freq="D")` when H is a whole number
//! of months; with d = 0 it is simply `E[M] · E[Y(H)]`.
//!
//! # Fitting
//!
//! Parameters are optimised over their logarithms (so they stay positive) with a compact BFGS
//! using analytic gradients. Why not a crate: the problems have 3 or 4 unknowns and a cheap exact
//! gradient; `argmin` would add a generic framework and several dependencies for ~120 lines of
//! well-understood code, and we need control over the failure modes (non-finite trial points are
//! rejected by the line search, parameters that run off to 0 or ∞ are reported as an error).
//! Time is rescaled so that max T = 10 and spend so that its mean is 1 while optimising (as
//! lifetimes does for time); results are reported in the caller's units. Identical
//! (x, t_x, T) rows are grouped, and everything that depends only on x is computed once per
//! distinct x, so one likelihood evaluation costs ~2 logarithms and 1 exponential per distinct row.
//! The objective is the mean negative log-likelihood plus `penalizer · Σ θ²` over the parameters
//! (BG/NBD: r, α·10/max T, a, b; Gamma-Gamma: p, q, v), exactly the L2 penalty of `lifetimes`.
//!
//! A fit fails with a [`ClvError`] that says why instead of returning nonsense: fewer than
//! [`MIN_REPEAT_CUSTOMERS`] customers with a repeat purchase, every customer identical, a
//! parameter running off to 0 or ∞ (the data cannot identify it), or no convergence.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

mod bfgs;
mod bgnbd;
mod gamma_gamma;

use bfgs::*;
pub use bgnbd::*;
pub use gamma_gamma::*;

/// A fit needs at least this many customers with a repeat purchase (x ≥ 1; for Gamma-Gamma also a
/// positive mean spend). Fewer cannot tell the spread between customers from noise.
pub const MIN_REPEAT_CUSTOMERS: usize = 5;

/// Days in one discounting month (the `lifetimes` convention for daily data).
pub const DAYS_PER_MONTH: f64 = 30.0;

/// Unit of time of a summary and of a fitted model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// Calendar days.
    Days,
    /// Weeks of 7 days (fractional: 10 days = 1.4286 weeks).
    Weeks,
}

impl Period {
    /// Length of one period in days.
    pub fn days(self) -> f64 {
        match self {
            Period::Days => 1.0,
            Period::Weeks => 7.0,
        }
    }
}

pub use crate::model::OrderPoint;

/// Recency-frequency-monetary summary of one customer (see the module docs for definitions).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rfm {
    /// x: number of repeat purchase days (purchase days after the first).
    pub frequency: u32,
    /// t_x: time from the first to the last purchase day, in periods (must be finite and ≥ 0;
    /// otherwise ignored when x = 0).
    pub recency: f64,
    /// T: time from the first purchase day to the calibration end, in periods.
    pub age: f64,
    /// Mean net amount of the repeat purchase days (0 when x = 0).
    pub monetary_value: f64,
}

/// One customer's row of a [`Summary`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CustomerSummary {
    /// Customer identifier, as given in the orders.
    pub customer_id: String,
    /// First purchase day.
    pub first_purchase: NaiveDate,
    /// Last purchase day on or before the calibration end.
    pub last_purchase: NaiveDate,
    /// Net amount of all purchase days, the first included.
    pub total: f64,
    /// The model inputs.
    pub rfm: Rfm,
}

/// What [`summarize`] skipped or merged, so a caller can tell the user.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SummaryStats {
    /// Orders dated on or before the calibration end with a finite amount.
    pub orders_used: usize,
    /// Orders dated after the calibration end (ignored).
    pub orders_after_end: usize,
    /// Orders whose amount was NaN or infinite (ignored).
    pub orders_invalid_amount: usize,
    /// Customer-days whose net amount was ≤ 0 (refunds, free orders): not purchases.
    pub nonpositive_days: usize,
    /// Customers left out because they had no purchase day on or before the calibration end.
    pub customers_without_purchase: usize,
}

/// RFM summary of all customers at a calibration end date.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    /// Unit of `recency` and `age`.
    pub period: Period,
    /// Orders after this day were ignored; `age` is measured up to it.
    pub calibration_end: NaiveDate,
    /// One row per customer with at least one purchase day, sorted by customer id.
    pub customers: Vec<CustomerSummary>,
    /// Counts of what was skipped.
    pub stats: SummaryStats,
}

impl Summary {
    /// The model inputs, in the order of `customers`.
    pub fn rfm(&self) -> Vec<Rfm> {
        self.customers.iter().map(|c| c.rfm).collect()
    }
}

/// Options for [`fit_bgnbd`] and [`fit_gamma_gamma`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct FitOptions {
    /// L2 penalty coefficient on the parameters (0 = plain maximum likelihood). Same meaning as
    /// `penalizer_coef` in `lifetimes`; 0.001–0.1 tames small or degenerate data sets.
    pub penalizer: f64,
    /// Iteration limit of the optimiser (each iteration is one or a few likelihood evaluations).
    pub max_iterations: usize,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions {
            penalizer: 0.0,
            max_iterations: 500,
        }
    }
}

/// How a model was fitted.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FitInfo {
    /// Log-likelihood at the fitted parameters (without penalty), in the caller's units.
    pub log_likelihood: f64,
    /// Customers used by the fit.
    pub customers: usize,
    /// Of those, customers with a repeat purchase.
    pub repeat_customers: usize,
    /// Optimiser iterations.
    pub iterations: usize,
}

/// A BG/NBD model: purchase rate λ ~ Gamma(r, α), dropout probability p ~ Beta(a, b).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BgNbd {
    /// Shape of the purchase-rate distribution.
    pub r: f64,
    /// Rate (scale of time) of the purchase-rate distribution, in `period` units.
    pub alpha: f64,
    /// First shape of the dropout-probability distribution.
    pub a: f64,
    /// Second shape of the dropout-probability distribution.
    pub b: f64,
    /// Unit of time of `alpha` and of every `t`, `recency` and `age` given to the methods.
    pub period: Period,
    /// Present when the model came from [`fit_bgnbd`].
    pub fit: Option<FitInfo>,
}

/// A Gamma-Gamma spend model: transaction value ~ Gamma(p, ν), ν ~ Gamma(q, v).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GammaGamma {
    /// Shape of a customer's transaction values.
    pub p: f64,
    /// Shape of the across-customer distribution of ν.
    pub q: f64,
    /// Rate of the across-customer distribution of ν, in money units.
    pub v: f64,
    /// Present when the model came from [`fit_gamma_gamma`].
    pub fit: Option<FitInfo>,
}

/// Horizon and discounting for [`clv`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClvOptions {
    /// Length of the future window, in days (e.g. 90 or 365).
    pub horizon_days: f64,
    /// Discount rate per 30-day month (0.01 = 1 %/month; 0 = no discounting).
    pub monthly_discount_rate: f64,
}

/// Predictions for one customer.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CustomerValue {
    /// Customer identifier.
    pub customer_id: String,
    /// Probability the customer is still active at the calibration end.
    pub p_alive: f64,
    /// Expected purchases within the horizon (undiscounted).
    pub expected_purchases: f64,
    /// Expected value of one purchase (Gamma-Gamma).
    pub expected_spend: f64,
    /// Discounted expected value within the horizon.
    pub clv: f64,
}

/// Why a model could not be fitted or evaluated. Messages are meant for the user.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ClvError {
    /// Too few customers with a repeat purchase (including none at all).
    #[error(
        "{model} needs at least {needed} customers with a repeat purchase; you have {have}. \
         Add more history (an earlier start or a later calibration end) before estimating \
         customer value"
    )]
    NotEnoughRepeatCustomers {
        /// "BG/NBD" or "Gamma-Gamma".
        model: &'static str,
        /// The minimum.
        needed: usize,
        /// How many there are.
        have: usize,
    },
    /// Every customer has the same history, so differences between customers are not estimable.
    #[error(
        "{model}: every customer has exactly the same purchase history, so the model cannot \
         estimate how customers differ"
    )]
    NoVariation {
        /// "BG/NBD" or "Gamma-Gamma".
        model: &'static str,
    },
    /// All customers have age 0: there is no observed time.
    #[error(
        "BG/NBD: every customer made their first purchase on the calibration end date, so there \
         is no observed time to learn purchase rates from"
    )]
    NoObservationTime,
    /// The likelihood keeps improving as a parameter goes to 0 or infinity.
    #[error(
        "{model}: the data cannot pin down parameter {parameter} (it runs off towards \
         {direction}); use more varied data or a small penalizer such as 0.001"
    )]
    NotIdentifiable {
        /// "BG/NBD" or "Gamma-Gamma".
        model: &'static str,
        /// Parameter name.
        parameter: &'static str,
        /// "zero" or "infinity".
        direction: &'static str,
    },
    /// The optimiser stopped before reaching a maximum.
    #[error("{model}: the fit did not converge within {iterations} iterations")]
    DidNotConverge {
        /// "BG/NBD" or "Gamma-Gamma".
        model: &'static str,
        /// Iterations used.
        iterations: usize,
    },
    /// A customer row is not a valid summary.
    #[error("customer #{index}: {reason}")]
    InvalidCustomer {
        /// Index in the input slice.
        index: usize,
        /// What is wrong.
        reason: String,
    },
    /// A model parameter or an option is out of range.
    #[error("invalid {name}: {reason}")]
    InvalidInput {
        /// Name of the parameter or option.
        name: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// Gamma-Gamma with q ≤ 1 has an infinite mean spend.
    #[error(
        "Gamma-Gamma: the expected spend is not defined for this customer (q = {q:.4}, p·x + q ≤ 1: \
         the fitted spend distribution is so heavy-tailed that its mean is infinite)"
    )]
    UndefinedMeanSpend {
        /// The fitted q.
        q: f64,
    },
}

const BGNBD: &str = "BG/NBD";
const GAMMA_GAMMA: &str = "Gamma-Gamma";

// ---------------------------------------------------------------------------------------------
// Summary builder
// ---------------------------------------------------------------------------------------------

/// Builds the RFM summary of `orders` as seen on `calibration_end` (see the module docs for the
/// rules on same-day orders, refunds and orders after the end). Never fails: what it skips is
/// counted in [`Summary::stats`].
pub fn summarize(orders: &[OrderPoint], calibration_end: NaiveDate, period: Period) -> Summary {
    let mut stats = SummaryStats::default();
    // customer → day → (net, gross)
    let mut days: BTreeMap<&str, BTreeMap<NaiveDate, (f64, f64)>> = BTreeMap::new();
    for order in orders {
        // Register every customer seen, so that ones with nothing usable are counted below.
        let customer = days.entry(order.customer_id.as_str()).or_default();
        if order.date > calibration_end {
            stats.orders_after_end += 1;
            continue;
        }
        if !order.amount.is_finite() {
            stats.orders_invalid_amount += 1;
            continue;
        }
        stats.orders_used += 1;
        let day = customer.entry(order.date).or_insert((0.0, 0.0));
        day.0 += order.amount;
        day.1 += order.amount.abs();
    }

    let unit = period.days();
    let mut customers = Vec::with_capacity(days.len());
    for (id, by_day) in days {
        let mut first: Option<NaiveDate> = None;
        let mut last = None;
        let mut repeats: u32 = 0;
        let mut repeat_total = 0.0;
        let mut total = 0.0;
        for (&date, &(net, gross)) in &by_day {
            if net <= 1e-9 * gross {
                stats.nonpositive_days += 1;
                continue;
            }
            total += net;
            if first.is_some() {
                repeats = repeats.saturating_add(1);
                repeat_total += net;
            } else {
                first = Some(date);
            }
            last = Some(date);
        }
        let (Some(first), Some(last)) = (first, last) else {
            stats.customers_without_purchase += 1;
            continue;
        };
        let recency = (last - first).num_days() as f64 / unit;
        let age = (calibration_end - first).num_days() as f64 / unit;
        let monetary_value = if repeats > 0 {
            repeat_total / f64::from(repeats)
        } else {
            0.0
        };
        customers.push(CustomerSummary {
            customer_id: id.to_owned(),
            first_purchase: first,
            last_purchase: last,
            total,
            rfm: Rfm {
                frequency: repeats,
                recency,
                age,
                monetary_value,
            },
        });
    }
    Summary {
        period,
        calibration_end,
        customers,
        stats,
    }
}

// ---------------------------------------------------------------------------------------------
// Validation helpers
// ---------------------------------------------------------------------------------------------

fn check_positive(name: &'static str, value: f64) -> Result<(), ClvError> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        Err(ClvError::InvalidInput {
            name,
            reason: format!("must be a finite number > 0, got {value}"),
        })
    }
}

fn check_time(name: &'static str, value: f64) -> Result<(), ClvError> {
    if value.is_finite() && value >= 0.0 {
        Ok(())
    } else {
        Err(ClvError::InvalidInput {
            name,
            reason: format!("must be a finite number ≥ 0, got {value}"),
        })
    }
}

fn check_options(options: &FitOptions) -> Result<(), ClvError> {
    if !(options.penalizer.is_finite() && options.penalizer >= 0.0) {
        return Err(ClvError::InvalidInput {
            name: "penalizer",
            reason: format!("must be a finite number ≥ 0, got {}", options.penalizer),
        });
    }
    if options.max_iterations == 0 {
        return Err(ClvError::InvalidInput {
            name: "max_iterations",
            reason: "must be ≥ 1".into(),
        });
    }
    Ok(())
}

/// Checks the time fields of a row (finite, ≥ 0, t_x ≤ T when x ≥ 1) and returns (x, t_x, T)
/// with t_x clamped into [0, T] and set to 0 when x = 0 (where it carries no information).
fn checked_times(index: usize, c: &Rfm) -> Result<(f64, f64, f64), ClvError> {
    let bad = |reason: String| ClvError::InvalidCustomer { index, reason };
    if !(c.age.is_finite() && c.age >= 0.0) {
        return Err(bad(format!(
            "age (T) must be a finite number ≥ 0, got {}",
            c.age
        )));
    }
    if !(c.recency.is_finite() && c.recency >= 0.0) {
        return Err(bad(format!(
            "recency (t_x) must be a finite number ≥ 0, got {}",
            c.recency
        )));
    }
    if c.frequency == 0 {
        return Ok((0.0, 0.0, c.age));
    }
    if c.recency > c.age + 1e-9 * c.age.max(1.0) {
        return Err(bad(format!(
            "recency (t_x) must lie between 0 and age (T = {}), got {}",
            c.age, c.recency
        )));
    }
    Ok((f64::from(c.frequency), c.recency.min(c.age), c.age))
}

// ---------------------------------------------------------------------------------------------
// CLV
// ---------------------------------------------------------------------------------------------

fn check_clv_options(options: &ClvOptions) -> Result<(), ClvError> {
    check_time("horizon_days", options.horizon_days)?;
    let d = options.monthly_discount_rate;
    if !(d.is_finite() && d >= 0.0) {
        return Err(ClvError::InvalidInput {
            name: "monthly_discount_rate",
            reason: format!("must be a finite number ≥ 0, got {d}"),
        });
    }
    Ok(())
}

/// (p_alive, expected purchases in the horizon, expected spend, discounted CLV).
fn value_of(
    model: &BgNbd,
    spend: &GammaGamma,
    index: usize,
    c: &Rfm,
    options: &ClvOptions,
) -> Result<(f64, f64, f64, f64), ClvError> {
    let (p_alive, purchases, discounted) = model.horizon_purchases(index, c, options)?;
    let money = spend.expected_spend(c.frequency, c.monetary_value)?;
    Ok((p_alive, purchases, money, money * discounted))
}

impl BgNbd {
    /// P(alive), expected purchases within the horizon, and the same purchases discounted
    /// month by month (see the module docs): CLV is the last times the value of a purchase.
    pub fn purchases_in_horizon(
        &self,
        customer: &Rfm,
        options: &ClvOptions,
    ) -> Result<(f64, f64, f64), ClvError> {
        check_clv_options(options)?;
        self.horizon_purchases(0, customer, options)
    }

    fn horizon_purchases(
        &self,
        index: usize,
        c: &Rfm,
        options: &ClvOptions,
    ) -> Result<(f64, f64, f64), ClvError> {
        let (x, tx, age) = checked_times(index, c)?;
        let p_alive = self.p_alive_unchecked(x, tx, age);
        let horizon = self.periods(options.horizon_days);
        let purchases = p_alive * self.alive_purchases(x, age, horizon);
        let d = options.monthly_discount_rate;
        if d == 0.0 {
            return Ok((p_alive, purchases, purchases));
        }
        let month = self.periods(DAYS_PER_MONTH);
        let mut total = 0.0;
        let mut previous = 0.0;
        let mut end = 0.0;
        let mut j = 0.0;
        while end < horizon {
            j += 1.0;
            end = (j * month).min(horizon);
            let cumulative = p_alive * self.alive_purchases(x, age, end);
            total += (cumulative - previous) / (1.0 + d).powf(end / month);
            previous = cumulative;
        }
        Ok((p_alive, purchases, total))
    }
}

/// Value of one customer over the horizon (see the module docs for the discounting formula).
pub fn customer_clv(
    model: &BgNbd,
    spend: &GammaGamma,
    customer: &Rfm,
    options: &ClvOptions,
) -> Result<f64, ClvError> {
    check_clv_options(options)?;
    Ok(value_of(model, spend, 0, customer, options)?.3)
}

/// P(alive), expected purchases, expected spend and CLV for every customer of `summary`, whose
/// period must match the model's.
pub fn clv(
    model: &BgNbd,
    spend: &GammaGamma,
    summary: &Summary,
    options: &ClvOptions,
) -> Result<Vec<CustomerValue>, ClvError> {
    check_clv_options(options)?;
    if summary.period != model.period {
        return Err(ClvError::InvalidInput {
            name: "summary",
            reason: format!(
                "its period ({:?}) differs from the model's ({:?}); summarize with the same period",
                summary.period, model.period
            ),
        });
    }
    summary
        .customers
        .iter()
        .enumerate()
        .map(|(index, c)| {
            let (p_alive, expected_purchases, expected_spend, clv) =
                value_of(model, spend, index, &c.rfm, options)?;
            Ok(CustomerValue {
                customer_id: c.customer_id.clone(),
                p_alive,
                expected_purchases,
                expected_spend,
                clv,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digamma_matches_known_values() {
        // ψ(1) = −γ, ψ(0.5) = −γ − 2 ln 2, ψ(x+1) = ψ(x) + 1/x.
        let gamma = 0.577_215_664_901_532_9;
        assert!((digamma(1.0) + gamma).abs() < 1e-14, "ψ(1) must be −γ");
        assert!(
            (digamma(0.5) + gamma + 2.0 * std::f64::consts::LN_2).abs() < 1e-13,
            "ψ(1/2)"
        );
        for &x in &[1e-6, 0.3, 2.7, 9.99, 10.0, 123.4, 1e6] {
            let lhs = digamma(x + 1.0);
            let rhs = digamma(x) + 1.0 / x;
            // Forming ψ(x) + 1/x cancels for tiny x, so scale the tolerance by the terms.
            let scale = digamma(x).abs() + 1.0 / x;
            assert!(
                (lhs - rhs).abs() <= 1e-13 * scale.max(1.0),
                "recurrence at {x}"
            );
            // ψ is the derivative of ln Γ (central difference; skip x where it is too curved).
            if x < 0.1 {
                continue;
            }
            let h = 1e-5 * x;
            let numeric = (ln_gamma(x + h) - ln_gamma(x - h)) / (2.0 * h);
            assert!(
                (numeric - digamma(x)).abs() < 1e-6 * digamma(x).abs().max(1.0),
                "ψ({x}) must be the slope of ln Γ"
            );
        }
    }

    fn finite_difference_check<const N: usize>(
        mut f: impl FnMut(&[f64; N], &mut [f64; N]) -> f64,
        theta: [f64; N],
        what: &str,
    ) {
        let mut g = [0.0; N];
        f(&theta, &mut g);
        for i in 0..N {
            let h = 1e-6;
            let mut up = theta;
            let mut down = theta;
            up[i] += h;
            down[i] -= h;
            let mut dummy = [0.0; N];
            let numeric = (f(&up, &mut dummy) - f(&down, &mut dummy)) / (2.0 * h);
            assert!(
                (numeric - g[i]).abs() < 1e-6 * numeric.abs().max(1e-2),
                "{what}: analytic gradient {i} = {} but central difference = {numeric}",
                g[i]
            );
        }
    }

    fn small_bg_data() -> Vec<Rfm> {
        let rows = [
            (0, 0.0, 10.0),
            (1, 2.5, 10.0),
            (2, 5.0, 8.0),
            (5, 7.5, 9.0),
            (10, 30.0, 40.0),
        ];
        rows.iter()
            .map(|&(x, tx, t)| Rfm {
                frequency: x,
                recency: tx,
                age: t,
                monetary_value: 10.0 + x as f64,
            })
            .collect()
    }

    #[test]
    fn bgnbd_gradient_matches_finite_differences() {
        let data = small_bg_data();
        let mut grouped = BgData {
            n: 0.0,
            xs: Vec::new(),
            rows: Vec::new(),
        };
        for c in &data {
            let x = f64::from(c.frequency);
            grouped.xs.push((x, 1.0));
            let xi = grouped.xs.len() - 1;
            grouped.rows.push(BgRow {
                xi,
                x,
                tx: c.recency,
                t: c.age,
                w: 1.0,
            });
            grouped.n += 1.0;
        }
        let mut scratch = vec![0.0; grouped.xs.len()];
        for pen in [0.0, 0.1] {
            let f =
                |t: &[f64; 4], g: &mut [f64; 4]| bgnbd_objective(&grouped, pen, t, g, &mut scratch);
            finite_difference_check(
                f,
                [0.25_f64.ln(), 4.0_f64.ln(), 0.8_f64.ln(), 2.5_f64.ln()],
                "BG/NBD",
            );
        }
        // And the grouped objective equals the plain per-customer formula.
        let mut g = [0.0; 4];
        let theta = [0.3_f64.ln(), 2.0_f64.ln(), 1.5_f64.ln(), 0.7_f64.ln()];
        let f = bgnbd_objective(&grouped, 0.0, &theta, &mut g, &mut scratch);
        let direct: f64 = data
            .iter()
            .map(|c| bgnbd_ll_one(0.3, 2.0, 1.5, 0.7, f64::from(c.frequency), c.recency, c.age))
            .sum();
        assert!(
            (f + direct / 5.0).abs() < 1e-12,
            "objective must be the mean negative LL"
        );
    }

    #[test]
    fn gamma_gamma_gradient_matches_finite_differences() {
        let rows = [(1.0, 12.0), (2.0, 30.5), (5.0, 8.25), (10.0, 55.0)];
        let data = GgData {
            n: 4.0,
            xs: rows.iter().map(|&(x, _)| (x, 1.0)).collect(),
            rows: rows
                .iter()
                .map(|&(x, m)| GgRow {
                    x,
                    ln_x: x.ln(),
                    m: m / 20.0,
                    ln_m: (m / 20.0).ln(),
                    w: 1.0,
                })
                .collect(),
        };
        for pen in [0.0, 0.05] {
            let f = |t: &[f64; 3], g: &mut [f64; 3]| gg_objective(&data, pen, 20.0, t, g);
            finite_difference_check(
                f,
                [6.0_f64.ln(), 4.0_f64.ln(), 0.75_f64.ln()],
                "Gamma-Gamma",
            );
        }
    }

    #[test]
    fn future_series_limits() {
        // a → ∞ means p = 1: a live customer makes at most one more purchase, 1 − (1+u)^{−k}.
        let v = future_purchase_series(0.7, 2.0, 1e12, 3.0);
        assert!(
            (v - (1.0 - 3.0_f64.powf(-0.7))).abs() < 1e-9,
            "p = 1 limit, got {v}"
        );
        // a → 0 means p = 0: nobody drops out, so purchases = E[λ]·t = k·u.
        let v = future_purchase_series(0.7, 2.0, 1e-12, 3.0);
        assert!((v - 1.4).abs() < 1e-6, "p = 0 limit, got {v}");
        // Tiny horizon: k·u to first order.
        let v = future_purchase_series(2.0, 1e-12, 0.8, 2.5);
        assert!((v / 2e-12 - 1.0).abs() < 1e-9, "small-t limit, got {v}");
        assert_eq!(
            future_purchase_series(2.0, 0.0, 0.8, 2.5),
            0.0,
            "no time, no purchases"
        );
    }
}
