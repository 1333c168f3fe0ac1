//! The Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005b): likelihood, fit and
//! conditional expected value.

use super::*;

pub(super) struct GgRow {
    pub(super) x: f64,
    pub(super) ln_x: f64,
    pub(super) m: f64,
    pub(super) ln_m: f64,
    pub(super) w: f64,
}

pub(super) struct GgData {
    pub(super) n: f64,
    pub(super) xs: Vec<(f64, f64)>,
    pub(super) rows: Vec<GgRow>,
}

pub(super) fn gg_ll_one(p: f64, q: f64, v: f64, x: f64, m: f64) -> f64 {
    ln_gamma(p * x + q) - ln_gamma(p * x) - ln_gamma(q)
        + q * v.ln()
        + (p * x - 1.0) * m.ln()
        + p * x * x.ln()
        - (p * x + q) * (x * m + v).ln()
}

/// Mean negative log-likelihood + penalty, gradient w.r.t. (ln p, ln q, ln v_scaled).
/// `v_unit` converts scaled v to the caller's money units for the penalty.
pub(super) fn gg_objective(
    data: &GgData,
    penalizer: f64,
    v_unit: f64,
    theta: &[f64; 3],
    grad: &mut [f64; 3],
) -> f64 {
    if theta.iter().any(|v| !v.is_finite() || v.abs() > LOG_LIMIT) {
        return f64::INFINITY;
    }
    let [p, q, v] = theta.map(f64::exp);
    let n = data.n;
    let ln_v = v.ln();
    let mut ll = n * (q * ln_v - ln_gamma(q));
    let mut gp = 0.0;
    let mut gq = n * (ln_v - digamma(q));
    let mut gv = n * q / v;
    for &(x, w) in &data.xs {
        let (px, dg_pxq) = (p * x, digamma(p * x + q));
        ll += w * (ln_gamma(px + q) - ln_gamma(px));
        gp += w * x * (dg_pxq - digamma(px));
        gq += w * dg_pxq;
    }
    for row in &data.rows {
        let px = p * row.x;
        let l = (row.x * row.m + v).ln();
        ll += row.w * ((px - 1.0) * row.ln_m + px * row.ln_x - (px + q) * l);
        gp += row.w * row.x * (row.ln_m + row.ln_x - l);
        gq -= row.w * l;
        gv -= row.w * (px + q) / (row.x * row.m + v);
    }
    let raw = [p, q, v * v_unit];
    let scaled = [p, q, v];
    let raw_grad = [gp, gq, gv];
    let mut penalty = 0.0;
    for i in 0..3 {
        penalty += raw[i] * raw[i];
        grad[i] = scaled[i] * (-raw_grad[i] / n) + 2.0 * penalizer * raw[i] * raw[i];
    }
    -ll / n + penalizer * penalty
}

/// Fits a Gamma-Gamma spend model on the rows with `frequency ≥ 1` and `monetary_value > 0`
/// (the others are skipped; `recency` and `age` are not used).
pub fn fit_gamma_gamma(data: &[Rfm], options: &FitOptions) -> Result<GammaGamma, ClvError> {
    check_options(options)?;
    let mut used = Vec::new();
    for (index, c) in data.iter().enumerate() {
        if !c.monetary_value.is_finite() {
            return Err(ClvError::InvalidCustomer {
                index,
                reason: format!(
                    "monetary value must be a finite number, got {}",
                    c.monetary_value
                ),
            });
        }
        if c.frequency > 0 && c.monetary_value > 0.0 {
            used.push((f64::from(c.frequency), c.monetary_value));
        }
    }
    if used.len() < MIN_REPEAT_CUSTOMERS {
        return Err(ClvError::NotEnoughRepeatCustomers {
            model: GAMMA_GAMMA,
            needed: MIN_REPEAT_CUSTOMERS,
            have: used.len(),
        });
    }
    let mean_m = used.iter().map(|&(_, m)| m).sum::<f64>() / used.len() as f64;

    let mut x_index: HashMap<u64, usize> = HashMap::new();
    let mut row_index: HashMap<(u64, u64), usize> = HashMap::new();
    let mut grouped = GgData {
        n: used.len() as f64,
        xs: Vec::new(),
        rows: Vec::new(),
    };
    for &(x, m) in &used {
        let xi = *x_index.entry(x.to_bits()).or_insert_with(|| {
            grouped.xs.push((x, 0.0));
            grouped.xs.len() - 1
        });
        grouped.xs[xi].1 += 1.0;
        let ri = *row_index
            .entry((x.to_bits(), m.to_bits()))
            .or_insert_with(|| {
                let ms = m / mean_m;
                grouped.rows.push(GgRow {
                    x,
                    ln_x: x.ln(),
                    m: ms,
                    ln_m: ms.ln(),
                    w: 0.0,
                });
                grouped.rows.len() - 1
            });
        grouped.rows[ri].w += 1.0;
    }
    if grouped.rows.len() == 1 {
        return Err(ClvError::NoVariation { model: GAMMA_GAMMA });
    }

    let objective = |theta: &[f64; 3], grad: &mut [f64; 3]| {
        gg_objective(&grouped, options.penalizer, mean_m, theta, grad)
    };
    // Start at p = 1, q = 2, v = 1 (scaled): population mean spend p·v/(q−1) = the data's mean.
    let start = [0.0, std::f64::consts::LN_2, 0.0];
    let (theta, iterations) = run_fit(
        GAMMA_GAMMA,
        ["p", "q", "v"],
        objective,
        start,
        options.max_iterations,
    )?;
    let [p, q, v_scaled] = theta.map(f64::exp);
    let mut model = GammaGamma {
        p,
        q,
        v: v_scaled * mean_m,
        fit: None,
    };
    let log_likelihood = model.log_likelihood(data)?;
    model.fit = Some(FitInfo {
        log_likelihood,
        customers: used.len(),
        repeat_customers: used.len(),
        iterations,
    });
    Ok(model)
}

impl GammaGamma {
    /// A model with given parameters (all must be finite and > 0).
    pub fn new(p: f64, q: f64, v: f64) -> Result<Self, ClvError> {
        check_positive("p", p)?;
        check_positive("q", q)?;
        check_positive("v", v)?;
        Ok(GammaGamma { p, q, v, fit: None })
    }

    /// Total log-likelihood of the rows with `frequency ≥ 1` and `monetary_value > 0`.
    pub fn log_likelihood(&self, data: &[Rfm]) -> Result<f64, ClvError> {
        let mut total = 0.0;
        for (index, c) in data.iter().enumerate() {
            if !c.monetary_value.is_finite() {
                return Err(ClvError::InvalidCustomer {
                    index,
                    reason: format!(
                        "monetary value must be a finite number, got {}",
                        c.monetary_value
                    ),
                });
            }
            if c.frequency > 0 && c.monetary_value > 0.0 {
                total += gg_ll_one(
                    self.p,
                    self.q,
                    self.v,
                    f64::from(c.frequency),
                    c.monetary_value,
                );
            }
        }
        Ok(total)
    }

    /// Expected value of one future purchase given `frequency` repeat purchases of mean
    /// `mean_spend`: p (v + x m) / (p x + q − 1). With no usable history (x = 0 or m ≤ 0 or not
    /// finite) this is the population mean p v / (q − 1). Fails when that is infinite.
    pub fn expected_spend(&self, frequency: u32, mean_spend: f64) -> Result<f64, ClvError> {
        let (x, m) = if frequency > 0 && mean_spend.is_finite() && mean_spend > 0.0 {
            (f64::from(frequency), mean_spend)
        } else {
            (0.0, 0.0)
        };
        let denominator = self.p * x + self.q - 1.0;
        if denominator <= 0.0 {
            return Err(ClvError::UndefinedMeanSpend { q: self.q });
        }
        Ok(self.p * (self.v + x * m) / denominator)
    }

    /// Mean value of a purchase across all customers, p v / (q − 1).
    pub fn population_mean_spend(&self) -> Result<f64, ClvError> {
        self.expected_spend(0, 0.0)
    }
}
