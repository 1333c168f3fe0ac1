//! Numbers on axes and bars: compact forms (1.2k, 1.2万), money, counts, percentages, nice ticks,
//! outlier caps and a linear fit.

use super::*;

/// The value if finite, clamped to ±[`MAX_ABS_VALUE`].
pub(super) fn finite(v: f64) -> Option<f64> {
    v.is_finite()
        .then(|| v.clamp(-MAX_ABS_VALUE, MAX_ABS_VALUE))
}

pub(super) fn max_of(values: &[f64]) -> f64 {
    values.iter().copied().fold(0.0, f64::max)
}

pub(super) fn min_of(values: &[f64]) -> f64 {
    values.iter().copied().fold(0.0, f64::min)
}

/// `v` in a short form: `950`, `1.2k`, `12.5k`, `3.4M`, `2B`, `1.5T` in English; `950`,
/// `1.2万`, `3.4亿`, `1.5万亿` in Chinese. With `step` (the distance between axis ticks) as
/// many decimals as tell neighbouring ticks apart; without, up to one decimal below 100 of
/// the unit (two for values under 10 with cents).
pub(super) fn compact(v: f64, step: Option<f64>, lang: Language) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let a = v.abs();
    let units = lang.units();
    let mut unit = units
        .iter()
        .position(|(d, _)| a >= *d)
        .unwrap_or(units.len() - 1);
    let decimals = |unit: usize| -> usize {
        let div = units[unit].0;
        match step {
            Some(step) if step > 0.0 && step.is_finite() => {
                let s = step / div;
                (0..=3)
                    .find(|d| {
                        ((s * 10f64.powi(*d as i32)).round() - s * 10f64.powi(*d as i32)).abs()
                            < 1e-6
                    })
                    .unwrap_or(3)
            }
            _ => {
                let scaled = a / div;
                if div == 1.0 {
                    if scaled < 10.0 && (scaled.fract() * 100.0).round() != 0.0 {
                        2
                    } else if scaled < 100.0 && scaled.fract() != 0.0 {
                        1
                    } else {
                        0
                    }
                } else if scaled < 100.0 {
                    1
                } else {
                    0
                }
            }
        }
    };
    let mut d = decimals(unit);
    let mut scaled = a / units[unit].0;
    // 999.96k rounds to 1000k (9999.96万 to 10000万): move to the next unit.
    if unit > 0 {
        let next = units[unit - 1].0 / units[unit].0;
        if format!("{scaled:.d$}").parse::<f64>().unwrap_or(0.0) >= next {
            unit -= 1;
            d = decimals(unit);
            scaled = a / units[unit].0;
        }
    }
    let mut digits = format!("{scaled:.d$}");
    if digits.contains('.') {
        digits = digits
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string();
    }
    let negative = v < 0.0 && digits.chars().any(|c| c.is_ascii_digit() && c != '0');
    format!(
        "{}{digits}{}",
        if negative { "−" } else { "" },
        units[unit].1
    )
}

/// Money with its currency prefix: `$1.2k`, `−¥300`, `¥1.2万`.
pub(super) fn money(v: f64, prefix: &str, step: Option<f64>, lang: Language) -> String {
    let digits = compact(v, step, lang);
    match digits.strip_prefix('−') {
        Some(rest) => format!("−{prefix}{rest}"),
        None => format!("{prefix}{digits}"),
    }
}

/// A count for a label: `1,234` below a million, `1.2M` from there; in Chinese `12,345`
/// below 10万, `12.3万` from there.
pub(super) fn count_text(n: u64, lang: Language) -> String {
    if n >= lang.compact_counts_from() {
        return compact(n as f64, None, lang);
    }
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub(super) fn percent_text(part: u64, total: u64) -> String {
    if total == 0 {
        return "0%".into();
    }
    let p = part as f64 / total as f64 * 100.0;
    if p > 0.0 && p < 1.0 {
        "<1%".into()
    } else {
        format!("{}%", p.round())
    }
}

/// Axis ticks: `values` from `lo` to `hi` every `step`.
pub(super) struct Ticks {
    pub(super) lo: f64,
    pub(super) hi: f64,
    pub(super) step: f64,
    pub(super) values: Vec<f64>,
}

impl Ticks {
    /// An axis for all-zero data: 0 at the bottom and nothing else.
    pub(super) fn zero_only() -> Ticks {
        Ticks {
            lo: 0.0,
            hi: 1.0,
            step: 1.0,
            values: vec![0.0],
        }
    }
}

/// A step of 1, 2, 2.5 or 5 × 10ⁿ at or above `raw`; with `integer`, a whole number (no
/// 2.5, at least 1), for counts.
pub(super) fn nice_step(raw: f64, integer: bool) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let exp = raw.log10().floor();
    let base = 10f64.powf(exp);
    let f = raw / base;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 2.5 && !(integer && base < 10.0) {
        2.5
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    if integer {
        (nice * base).max(1.0)
    } else {
        nice * base
    }
}

/// About `target` ticks on 1-2-2.5-5 steps covering `min..=max` and zero (`integer` for
/// counts). The axis ends at the next tick when that is close (within 12 %), else just past
/// the data, so a chart does not waste a fifth of its height on an empty top band.
pub(super) fn nice_ticks(min: f64, max: f64, target: usize, integer: bool) -> Ticks {
    let (min, max) = (min.min(0.0), max.max(0.0));
    let (min, max) = if max - min > 0.0 {
        (min, max)
    } else {
        (0.0, 1.0)
    };
    let step = nice_step((max - min) / target.max(1) as f64, integer);
    let outer = |v: f64, k: i64| {
        let tick = k as f64 * step;
        if (tick - v).abs() <= 0.12 * (max - min) {
            tick
        } else {
            v
        }
    };
    let k_lo = (min / step + 1e-9).floor() as i64;
    let k_hi = (max / step - 1e-9).ceil() as i64;
    let (lo, hi) = (outer(min, k_lo), outer(max, k_hi));
    let first = (lo / step - 1e-9).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    let values: Vec<f64> = (first..=last).map(|k| k as f64 * step + 0.0).collect();
    Ticks {
        lo,
        hi,
        step,
        values,
    }
}

/// The height to cut one outlier at: `Some(cap)` when the largest value is more than four
/// times the second largest (with at least three positive values), so the rest stay visible.
pub(super) fn outlier_cap(values: &[f64]) -> Option<f64> {
    let mut positive: Vec<f64> = values.iter().copied().filter(|v| *v > 0.0).collect();
    if positive.len() < 3 {
        return None;
    }
    positive.sort_by(|a, b| b.total_cmp(a));
    let (first, second) = (positive[0], positive[1]);
    (first > 4.0 * second).then_some(second * 1.15)
}

/// Least-squares line `(slope, intercept)` through `(x, y)` points; `None` below two points.
pub(super) fn linear_fit(points: &[(usize, f64)]) -> Option<(f64, f64)> {
    if points.len() < 2 {
        return None;
    }
    let n = points.len() as f64;
    let mx = points.iter().map(|p| p.0 as f64).sum::<f64>() / n;
    let my = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 as f64 - mx).powi(2)).sum();
    let sxy: f64 = points.iter().map(|p| (p.0 as f64 - mx) * (p.1 - my)).sum();
    if sxx <= 0.0 {
        return None;
    }
    let slope = sxy / sxx;
    let fit = (slope, my - slope * mx);
    (fit.0.is_finite() && fit.1.is_finite()).then_some(fit)
}
