//! The lifetime-value histogram.

use super::*;

/// Histogram bins: `counts[i]` holds values in `[lo + i·step, lo + (i+1)·step)`; `overflow`
/// counts values at or above `lo + counts.len()·step` when the range was capped.
pub(super) struct Bins {
    pub(super) lo: f64,
    pub(super) step: f64,
    pub(super) counts: Vec<u64>,
    pub(super) overflow: Option<u64>,
}

impl Bins {
    /// Bins for finite `values` (not empty) on a chart `width` pixels wide.
    pub(super) fn new(values: &[f64], width: f64) -> Bins {
        let n = values.len();
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let min = sorted[0];
        let max = sorted[n - 1];
        let p99 = sorted[((n - 1) as f64 * 0.99).floor() as usize];
        // Cap when the top 1 % stretch the range to more than twice what the rest cover.
        let capped = n >= 50 && max - p99 > (p99 - min).max(0.0) && p99 > min;
        let top = if capped { p99 } else { max };
        let max_bins = ((width - 100.0) / 10.0).clamp(5.0, 40.0);
        let target = (n as f64).sqrt().clamp(5.0, max_bins);
        let (lo, step) = if top - min > 0.0 {
            let step = nice_step((top - min) / target, false);
            let lo = if min >= 0.0 && min < step * target * 0.5 {
                0.0
            } else {
                (min / step).floor() * step
            };
            (lo, step)
        } else {
            // One distinct value: one bin around it.
            let step = nice_step((min.abs() * 0.1).max(1.0), false);
            ((min / step).floor() * step, step)
        };
        let bins = (((top - lo) / step).floor() as usize + 1).clamp(1, 200);
        let (bins, edge) = if capped {
            // Bins end at the first edge at or above p99; the overflow bar takes the rest.
            let b = ((top - lo) / step).ceil().max(1.0) as usize;
            (b.min(200), lo + b.min(200) as f64 * step)
        } else {
            (bins, f64::INFINITY)
        };
        let mut counts = vec![0u64; bins];
        let mut overflow = 0u64;
        for &v in &sorted {
            if v >= edge {
                overflow += 1;
            } else {
                let i = (((v - lo) / step).floor().max(0.0) as usize).min(bins - 1);
                counts[i] += 1;
            }
        }
        Bins {
            lo,
            step,
            counts,
            overflow: capped.then_some(overflow),
        }
    }

    pub(super) fn edge(&self, i: usize) -> f64 {
        self.lo + i as f64 * self.step
    }
}

pub(super) fn draw_histogram(
    area: &Area,
    bins: &Bins,
    prefix: &str,
    lang: Language,
) -> Result<(), ChartError> {
    let n = bins.counts.len();
    let slots = n + usize::from(bins.overflow.is_some());
    let max_count = bins
        .counts
        .iter()
        .copied()
        .chain(bins.overflow)
        .max()
        .unwrap_or(1);
    let ticks = nice_ticks(0.0, max_count.max(1) as f64 * 1.04, 5, true);
    let ycount = |v: &f64| compact(*v, Some(ticks.step), lang);
    let y_label_w = ticks
        .values
        .iter()
        .map(|v| text_width(&ycount(v), LABEL_PX))
        .fold(0.0, f64::max);
    // Edge labels, thinned so they do not overlap.
    let edge_fmt = |v: f64| money(v, prefix, Some(bins.step), lang);
    let (w, _) = area.dim_in_pixel();
    let plot_w = f64::from(w) - y_label_w - 14.0 - 2.0 * f64::from(PAD);
    // Few bins (one distinct value, say) get empty room around them rather than bars as wide
    // as the chart; not below zero when the values are not.
    const MIN_SLOTS: usize = 9;
    let extra = MIN_SLOTS.saturating_sub(slots);
    let mut pad_left = extra / 2;
    if bins.lo >= 0.0 {
        pad_left = pad_left.min((bins.lo / bins.step).round() as usize);
    }
    let first = -(pad_left as i64);
    let last = (slots + extra - pad_left) as i64;
    let last_label = if bins.overflow.is_some() {
        n as i64
    } else {
        last
    };
    let edge = |i: i64| bins.lo + i as f64 * bins.step;
    let widest = (first..=last_label)
        .map(|i| text_width(&edge_fmt(edge(i)), LABEL_PX))
        .fold(0.0, f64::max);
    let per = plot_w / (last - first) as f64;
    let stride = [1usize, 2, 5, 10, 20, 50, 100, 200]
        .into_iter()
        .find(|s| per * *s as f64 >= widest + 12.0)
        .unwrap_or(200);
    let x_keys: Vec<f64> = (first..=last_label)
        .filter(|i| i.rem_euclid(stride as i64) == 0)
        .map(edge)
        .collect();
    let xfmt = |v: &f64| edge_fmt(*v);
    let desc = match bins.overflow {
        Some(_) => {
            let above = money(bins.edge(n), prefix, None, lang);
            lang.say(Msg::LifetimeValueCapped(&above))
        }
        None => lang.say(Msg::LifetimeValue),
    };
    let chart = xy_plot(
        area,
        Keyed::new(edge(first), edge(last), x_keys),
        &ticks,
        &xfmt,
        &ycount,
        y_label_w,
        Some(&truncate(&desc, f64::from(w) - 40.0, LABEL_PX)),
        8,
    )?;
    let plot = chart.plotting_area();
    let (xr, _) = plot.get_pixel_range();
    let gap = if f64::from(xr.end - xr.start) / (last - first) as f64 > 6.0 {
        1
    } else {
        0
    };
    let counts = bins
        .counts
        .iter()
        .map(|c| (*c, BLUE))
        .chain(bins.overflow.map(|c| (c, OTHER_GREY)));
    for (i, (count, color)) in counts.enumerate() {
        if count == 0 {
            continue;
        }
        let (x0, y0) = chart.backend_coord(&(bins.edge(i), count as f64));
        let (x1, y1) = chart.backend_coord(&(bins.edge(i + 1), 0.0));
        let (ox, oy) = plot.get_base_pixel();
        let plain = plot.strip_coord_spec();
        plain
            .draw(&Rectangle::new(
                [(x0 - ox + gap, y0 - oy), (x1 - ox - gap, y1 - oy)],
                color.filled(),
            ))
            .map_err(draw_err)?;
    }
    draw_zero_line(&chart, 0.0)
}
