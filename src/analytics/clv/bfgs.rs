//! Maximum likelihood by BFGS over log-parameters (so every parameter stays positive), and the
//! special functions the likelihoods need.

use super::*;

/// Log-parameters beyond ±LOG_LIMIT are rejected by the objective (keeps exp() finite).
pub(super) const LOG_LIMIT: f64 = 30.0;
/// A fitted log-parameter beyond ±RUNOFF (θ < 3e−7 or > 3e6 in scaled units) means the
/// likelihood has no interior maximum in that direction.
pub(super) const RUNOFF: f64 = 15.0;
/// Iterations a log-parameter may stay past ±RUNOFF before the fit gives up on that direction
/// (a line-search overshoot comes back sooner).
pub(super) const RUNOFF_PATIENCE: usize = 8;

pub(super) struct Minimum<const N: usize> {
    pub(super) x: [f64; N],
    pub(super) iterations: usize,
    pub(super) converged: bool,
}

pub(super) fn run_fit<const N: usize>(
    model: &'static str,
    names: [&'static str; N],
    objective: impl FnMut(&[f64; N], &mut [f64; N]) -> f64,
    start: [f64; N],
    max_iterations: usize,
) -> Result<([f64; N], usize), ClvError> {
    let min = bfgs(objective, start, max_iterations);
    for (value, parameter) in min.x.iter().zip(names) {
        if value.abs() > RUNOFF {
            let direction = if *value > 0.0 { "infinity" } else { "zero" };
            return Err(ClvError::NotIdentifiable {
                model,
                parameter,
                direction,
            });
        }
    }
    if !min.converged || min.x.iter().any(|v| !v.is_finite()) {
        return Err(ClvError::DidNotConverge {
            model,
            iterations: min.iterations,
        });
    }
    Ok((min.x, min.iterations))
}

pub(super) fn dot<const N: usize>(a: &[f64; N], b: &[f64; N]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

pub(super) fn norm_inf<const N: usize>(a: &[f64; N]) -> f64 {
    a.iter().fold(0.0_f64, |m, v| m.max(v.abs()))
}

pub(super) fn identity<const N: usize>() -> [[f64; N]; N] {
    let mut h = [[0.0; N]; N];
    for (i, row) in h.iter_mut().enumerate() {
        row[i] = 1.0;
    }
    h
}

/// Minimises `fg` (returns f, writes the gradient) from `x0` with BFGS on the inverse Hessian and
/// a backtracking Armijo line search. Non-finite trial values are treated as +∞.
pub(super) fn bfgs<const N: usize>(
    mut fg: impl FnMut(&[f64; N], &mut [f64; N]) -> f64,
    x0: [f64; N],
    max_iterations: usize,
) -> Minimum<N> {
    /// Gradient (of the mean NLL w.r.t. log-parameters) small enough to stop.
    const GTOL: f64 = 1e-9;
    /// Accepted as converged when the line search can no longer make progress.
    const LOOSE_GTOL: f64 = 1e-6;
    /// Largest change of any log-parameter in one step.
    const MAX_STEP: f64 = 3.0;

    let mut x = x0;
    let mut g = [0.0; N];
    let mut f = fg(&x, &mut g);
    if !f.is_finite() || g.iter().any(|v| !v.is_finite()) {
        return Minimum {
            x,
            iterations: 0,
            converged: false,
        };
    }
    let mut h = identity::<N>();
    let mut fresh = true;
    let mut stalls = 0;
    // Iterations in a row with a parameter past RUNOFF: the likelihood has no interior
    // maximum that way, and crawling on towards LOG_LIMIT would only burn time (on 100,000
    // customers, half a minute) before `run_fit` says so anyway.
    let mut run_off = 0;
    for iteration in 0..max_iterations {
        if x.iter().any(|v| v.abs() > RUNOFF) {
            run_off += 1;
            if run_off >= RUNOFF_PATIENCE {
                return Minimum {
                    x,
                    iterations: iteration,
                    converged: false,
                };
            }
        } else {
            run_off = 0;
        }
        if norm_inf(&g) < GTOL {
            return Minimum {
                x,
                iterations: iteration,
                converged: true,
            };
        }
        let mut d = [0.0; N];
        for i in 0..N {
            d[i] = -dot(&h[i], &g);
        }
        let mut slope = dot(&g, &d);
        if slope >= 0.0 || !slope.is_finite() {
            h = identity();
            fresh = true;
            d = g.map(|v| -v);
            slope = -dot(&g, &g);
        }
        let longest = norm_inf(&d);
        let mut step = if longest > MAX_STEP {
            MAX_STEP / longest
        } else {
            1.0
        };
        let mut accepted = None;
        for _ in 0..60 {
            let mut xn = x;
            for i in 0..N {
                xn[i] += step * d[i];
            }
            let mut gn = [0.0; N];
            let fnew = fg(&xn, &mut gn);
            if fnew.is_finite() && gn.iter().all(|v| v.is_finite()) {
                if fnew <= f + 1e-4 * step * slope {
                    accepted = Some((xn, fnew, gn));
                    break;
                }
                // Minimum of the quadratic through f, slope and fnew, kept within [0.1, 0.5]·step.
                let denom = 2.0 * (fnew - f - slope * step);
                let trial = if denom > 0.0 {
                    -slope * step * step / denom
                } else {
                    0.5 * step
                };
                step = trial.clamp(0.1 * step, 0.5 * step);
            } else {
                step *= 0.25;
            }
        }
        let Some((xn, fnew, gn)) = accepted else {
            if !fresh {
                h = identity();
                fresh = true;
                continue;
            }
            return Minimum {
                x,
                iterations: iteration,
                converged: norm_inf(&g) < LOOSE_GTOL,
            };
        };
        let mut s = [0.0; N];
        let mut y = [0.0; N];
        for i in 0..N {
            s[i] = xn[i] - x[i];
            y[i] = gn[i] - g[i];
        }
        let improvement = f - fnew;
        x = xn;
        f = fnew;
        g = gn;
        let sy = dot(&s, &y);
        if sy > 1e-12 * dot(&s, &s).sqrt() * dot(&y, &y).sqrt() {
            if fresh {
                let scale = sy / dot(&y, &y);
                h = identity();
                for (i, row) in h.iter_mut().enumerate() {
                    row[i] = scale;
                }
                fresh = false;
            }
            let rho = 1.0 / sy;
            let mut hy = [0.0; N];
            for i in 0..N {
                hy[i] = dot(&h[i], &y);
            }
            let yhy = dot(&y, &hy);
            for i in 0..N {
                for j in 0..N {
                    h[i][j] +=
                        rho * ((1.0 + rho * yhy) * s[i] * s[j] - hy[i] * s[j] - s[i] * hy[j]);
                }
            }
        }
        // Stop when f no longer moves and the gradient is already small.
        if improvement <= 1e-15 * f.abs().max(1.0) && norm_inf(&g) < LOOSE_GTOL {
            stalls += 1;
            if stalls >= 3 {
                return Minimum {
                    x,
                    iterations: iteration + 1,
                    converged: true,
                };
            }
        } else {
            stalls = 0;
        }
    }
    Minimum {
        x,
        iterations: max_iterations,
        converged: norm_inf(&g) < GTOL,
    }
}

// ---------------------------------------------------------------------------------------------
// Special functions
// ---------------------------------------------------------------------------------------------

/// ln Γ(x) for x > 0 (musl's lgamma via the `libm` crate).
pub(super) fn ln_gamma(x: f64) -> f64 {
    libm::lgamma(x)
}

/// ψ(x) = d/dx ln Γ(x) for x > 0: recurrence up to x ≥ 10, then the asymptotic series
/// (truncation error < 1e−15).
pub(super) fn digamma(x: f64) -> f64 {
    let mut x = x;
    let mut result = 0.0;
    while x < 10.0 {
        result -= 1.0 / x;
        x += 1.0;
    }
    let f = 1.0 / (x * x);
    let series = f
        * (1.0 / 12.0
            - f * (1.0 / 120.0
                - f * (1.0 / 252.0
                    - f * (1.0 / 240.0 - f * (1.0 / 132.0 - f * (691.0 / 32760.0))))));
    result + x.ln() - 0.5 / x - series
}

/// ln(e^a + e^b) without overflow.
pub(super) fn log_add_exp(a: f64, b: f64) -> f64 {
    let m = a.max(b);
    m + ((a - m).exp() + (b - m).exp()).ln()
}

/// 1 / (1 + e^{−x}) without overflow.
pub(super) fn logistic(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}
