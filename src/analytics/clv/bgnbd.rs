//! The BG/NBD model (Fader, Hardie & Lee 2005): its likelihood, fit and predictions (see the module
//! docs for the formulas).

use super::*;

/// One group of identical (x, t_x, T) rows.
#[derive(Clone, Copy)]
pub(super) struct BgRow {
    pub(super) xi: usize,
    pub(super) x: f64,
    pub(super) tx: f64,
    pub(super) t: f64,
    pub(super) w: f64,
}

/// Customers grouped for the BG/NBD likelihood; times already rescaled.
pub(super) struct BgData {
    pub(super) n: f64,
    /// Distinct x values with their total weight.
    pub(super) xs: Vec<(f64, f64)>,
    pub(super) rows: Vec<BgRow>,
}

pub(super) fn bgnbd_ll_one(r: f64, alpha: f64, a: f64, b: f64, x: f64, tx: f64, t: f64) -> f64 {
    let a1 = ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln();
    let a2 = ln_gamma(a + b) + ln_gamma(b + x) - ln_gamma(b) - ln_gamma(a + b + x);
    let a3 = -(r + x) * (alpha + t).ln();
    if x > 0.0 {
        let a4 = a.ln() - (b + x - 1.0).ln() - (r + x) * (alpha + tx).ln();
        a1 + a2 + log_add_exp(a3, a4)
    } else {
        a1 + a2 + a3
    }
}

/// Mean negative log-likelihood + penalty and its gradient with respect to
/// θ = (ln r, ln α, ln a, ln b). `scratch` holds ln(b + x − 1) per distinct x.
pub(super) fn bgnbd_objective(
    data: &BgData,
    penalizer: f64,
    theta: &[f64; 4],
    grad: &mut [f64; 4],
    scratch: &mut [f64],
) -> f64 {
    if theta.iter().any(|v| !v.is_finite() || v.abs() > LOG_LIMIT) {
        return f64::INFINITY;
    }
    let [r, al, a, b] = theta.map(f64::exp);
    let n = data.n;
    let mut ll = n * r * al.ln();
    let (mut gr, mut gal, mut ga, mut gb) = (n * al.ln(), n * r / al, 0.0, 0.0);

    let (lg_r, lg_b, lg_ab) = (ln_gamma(r), ln_gamma(b), ln_gamma(a + b));
    let (dg_r, dg_b, dg_ab) = (digamma(r), digamma(b), digamma(a + b));
    for (j, &(x, w)) in data.xs.iter().enumerate() {
        let (lg_abx, dg_abx) = (ln_gamma(a + b + x), digamma(a + b + x));
        ll += w * (ln_gamma(r + x) - lg_r + lg_ab + ln_gamma(b + x) - lg_b - lg_abx);
        gr += w * (digamma(r + x) - dg_r);
        ga += w * (dg_ab - dg_abx);
        gb += w * (dg_ab + digamma(b + x) - dg_b - dg_abx);
        scratch[j] = if x > 0.0 { (b + x - 1.0).ln() } else { 0.0 };
    }

    let ln_a = a.ln();
    for row in &data.rows {
        let k = r + row.x;
        let l3 = (al + row.t).ln();
        let a3 = -k * l3;
        let w = row.w;
        if row.x > 0.0 {
            let l4 = (al + row.tx).ln();
            let a4 = ln_a - scratch[row.xi] - k * l4;
            let m = a3.max(a4);
            let (e3, e4) = ((a3 - m).exp(), (a4 - m).exp());
            let s = e3 + e4;
            ll += w * (m + s.ln());
            let (w3, w4) = (e3 / s, e4 / s);
            gr -= w * (w3 * l3 + w4 * l4);
            gal -= w * k * (w3 / (al + row.t) + w4 / (al + row.tx));
            ga += w * w4 / a;
            gb -= w * w4 / (b + row.x - 1.0);
        } else {
            ll += w * a3;
            gr -= w * l3;
            gal -= w * k / (al + row.t);
        }
    }

    let params = [r, al, a, b];
    let raw_grad = [gr, gal, ga, gb];
    let mut penalty = 0.0;
    for i in 0..4 {
        penalty += params[i] * params[i];
        grad[i] = params[i] * (-raw_grad[i] / n + 2.0 * penalizer * params[i]);
    }
    -ll / n + penalizer * penalty
}

/// Fits a BG/NBD model to RFM rows whose times are in `period` units.
///
/// Needs at least [`MIN_REPEAT_CUSTOMERS`] rows with `frequency ≥ 1`. `monetary_value` is not
/// used. See [`ClvError`] for the ways it can refuse.
pub fn fit_bgnbd(data: &[Rfm], period: Period, options: &FitOptions) -> Result<BgNbd, ClvError> {
    check_options(options)?;
    let mut times = Vec::with_capacity(data.len());
    for (index, c) in data.iter().enumerate() {
        times.push(checked_times(index, c)?);
    }
    let repeat = data.iter().filter(|c| c.frequency > 0).count();
    if repeat < MIN_REPEAT_CUSTOMERS {
        return Err(ClvError::NotEnoughRepeatCustomers {
            model: BGNBD,
            needed: MIN_REPEAT_CUSTOMERS,
            have: repeat,
        });
    }
    let max_t = times.iter().fold(0.0_f64, |m, &(_, _, t)| m.max(t));
    if max_t <= 0.0 {
        return Err(ClvError::NoObservationTime);
    }
    let scale = 10.0 / max_t;

    // Group identical rows, and identical x values.
    let mut x_index: HashMap<u64, usize> = HashMap::new();
    let mut row_index: HashMap<(u64, u64, u64), usize> = HashMap::new();
    let mut grouped = BgData {
        n: data.len() as f64,
        xs: Vec::new(),
        rows: Vec::new(),
    };
    for &(x, tx, t) in &times {
        let xi = *x_index.entry(x.to_bits()).or_insert_with(|| {
            grouped.xs.push((x, 0.0));
            grouped.xs.len() - 1
        });
        grouped.xs[xi].1 += 1.0;
        let ri = *row_index
            .entry((x.to_bits(), tx.to_bits(), t.to_bits()))
            .or_insert_with(|| {
                grouped.rows.push(BgRow {
                    xi,
                    x,
                    tx: tx * scale,
                    t: t * scale,
                    w: 0.0,
                });
                grouped.rows.len() - 1
            });
        grouped.rows[ri].w += 1.0;
    }
    if grouped.rows.len() == 1 {
        return Err(ClvError::NoVariation { model: BGNBD });
    }

    let mut scratch = vec![0.0; grouped.xs.len()];
    let objective = |theta: &[f64; 4], grad: &mut [f64; 4]| {
        bgnbd_objective(&grouped, options.penalizer, theta, grad, &mut scratch)
    };
    let (theta, iterations) = run_fit(
        BGNBD,
        ["r", "alpha", "a", "b"],
        objective,
        [0.0; 4],
        options.max_iterations,
    )?;
    let [r, alpha_scaled, a, b] = theta.map(f64::exp);
    let mut model = BgNbd {
        r,
        alpha: alpha_scaled / scale,
        a,
        b,
        period,
        fit: None,
    };
    let log_likelihood = model.log_likelihood(data)?;
    model.fit = Some(FitInfo {
        log_likelihood,
        customers: data.len(),
        repeat_customers: repeat,
        iterations,
    });
    Ok(model)
}

impl BgNbd {
    /// A model with given parameters (all must be finite and > 0), e.g. one stored earlier.
    pub fn new(r: f64, alpha: f64, a: f64, b: f64, period: Period) -> Result<Self, ClvError> {
        check_positive("r", r)?;
        check_positive("alpha", alpha)?;
        check_positive("a", a)?;
        check_positive("b", b)?;
        Ok(BgNbd {
            r,
            alpha,
            a,
            b,
            period,
            fit: None,
        })
    }

    /// Number of model periods in `days` days.
    pub fn periods(&self, days: f64) -> f64 {
        days / self.period.days()
    }

    /// Total log-likelihood of `data` (times in this model's period units).
    pub fn log_likelihood(&self, data: &[Rfm]) -> Result<f64, ClvError> {
        let mut total = 0.0;
        for (index, c) in data.iter().enumerate() {
            let (x, tx, t) = checked_times(index, c)?;
            total += bgnbd_ll_one(self.r, self.alpha, self.a, self.b, x, tx, t);
        }
        Ok(total)
    }

    /// Probability that the customer is still active at the end of their observation (eq. 13).
    pub fn p_alive(&self, customer: &Rfm) -> Result<f64, ClvError> {
        let (x, tx, t) = checked_times(0, customer)?;
        Ok(self.p_alive_unchecked(x, tx, t))
    }

    pub(super) fn p_alive_unchecked(&self, x: f64, tx: f64, t: f64) -> f64 {
        if x <= 0.0 {
            return 1.0;
        }
        // ln of  a/(b+x−1) · ((α+T)/(α+t_x))^{r+x}
        let l = self.a.ln() - (self.b + x - 1.0).ln()
            + (self.r + x) * ((t - tx) / (self.alpha + tx)).ln_1p();
        logistic(-l)
    }

    /// Expected number of purchases in the next `t` periods by this customer (eq. 10,
    /// E[Y(t) | x, t_x, T]), via the positive series in the module docs.
    pub fn expected_purchases(&self, customer: &Rfm, t: f64) -> Result<f64, ClvError> {
        check_time("t", t)?;
        let (x, tx, age) = checked_times(0, customer)?;
        Ok(self.p_alive_unchecked(x, tx, age) * self.alive_purchases(x, age, t))
    }

    /// Expected number of purchases of a brand-new customer in their first `t` periods after the
    /// first purchase (eq. 9, E[X(t)]).
    pub fn expected_purchases_new_customer(&self, t: f64) -> Result<f64, ClvError> {
        check_time("t", t)?;
        Ok(self.alive_purchases(0.0, 0.0, t))
    }

    /// Expected purchases in (T, T + t] given alive at T.
    pub(super) fn alive_purchases(&self, x: f64, age: f64, t: f64) -> f64 {
        future_purchase_series(self.r + x, t / (self.alpha + age), self.a, self.b + x)
    }
}

/// Σ_{n≥0} P(N > n) · ρ_n with N ~ NegBin(k, z = u/(1+u)) and ρ_n = (β)_n / (a+β)_n, the
/// expected future purchases of a live customer (see the module docs). Requires k, a, β > 0.
pub(super) fn future_purchase_series(k: f64, u: f64, a: f64, beta: f64) -> f64 {
    const REL_TOL: f64 = 1e-13;
    const MAX_TERMS: usize = 20_000_000;
    if u.is_nan() || u <= 0.0 {
        return 0.0;
    }
    if u.is_infinite() {
        return f64::INFINITY;
    }
    let z = u / (1.0 + u);
    let ln_pmf0 = -k * u.ln_1p();
    let mut survival = -ln_pmf0.exp_m1(); // P(N > 0), accurate for tiny u
    let mut ln_pmf = ln_pmf0;
    let mut pmf = ln_pmf0.exp();
    let mut in_log_space = ln_pmf0 < -600.0;
    let mut rho = 1.0;
    let mut sum = 0.0;
    let mut partial = 0.0; // Σ P(N > n) so far; its limit is E[N] = k·u
    for n in 0..MAX_TERMS {
        let nf = n as f64;
        sum += survival * rho;
        partial += survival;
        // Advance to n + 1.
        let ratio = (k + nf) * z / (nf + 1.0);
        if in_log_space {
            ln_pmf += ratio.ln();
            pmf = ln_pmf.exp();
            in_log_space = ln_pmf < -600.0;
        } else {
            pmf *= ratio;
        }
        survival = (survival - pmf).max(0.0);
        rho *= (beta + nf) / (a + beta + nf);
        // Every later pmf ratio is ≤ ĉ (the ratios move monotonically towards z).
        let c_hat = ((k + nf + 1.0) * z / (nf + 2.0)).max(z);
        if c_hat < 1.0 {
            let tail = rho * pmf * c_hat / ((1.0 - c_hat) * (1.0 - c_hat));
            if tail <= REL_TOL * sum || tail < f64::MIN_POSITIVE {
                return sum;
            }
        }
    }
    // Not reached for sane inputs (needs k·u or 1/(1 − z) in the millions): bound the tail by
    // ρ · Σ_{m>n} P(N > m) = ρ · (E[N] − partial).
    sum + rho * (k * u - partial).max(0.0)
}
