//! Month axes and the month charts: revenue by month, forecast, satisfaction trend (bars and lines
//! over contiguous months).

use super::*;

/// A month as `year * 12 + (month - 1)`.
pub(super) fn parse_month(s: &str) -> Result<i32, ChartError> {
    let bad = || ChartError::InvalidMonth(s.to_string());
    let t = s.trim();
    let b = t.as_bytes();
    let date_ok = b.len() == 7 || (b.len() >= 10 && b[7] == b'-');
    if !(b.len() >= 7 && b[4] == b'-' && date_ok) {
        return Err(bad());
    }
    let year: i32 = t[..4].parse().map_err(|_| bad())?;
    let month: i32 = t.get(5..7).ok_or_else(bad)?.parse().map_err(|_| bad())?;
    if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
        return Err(bad());
    }
    Ok(year * 12 + month - 1)
}

/// A month series read from [`MonthValue`]s: finite values with their month numbers.
pub(super) struct MonthSeries {
    pub(super) points: Vec<(i32, f64)>,
    pub(super) invalid: usize,
}

impl MonthSeries {
    /// Two series of one chart, or why there is nothing to draw (`empty` when neither has a
    /// value, else how many values were not numbers).
    pub(super) fn pair(
        a: &[MonthValue],
        b: &[MonthValue],
        empty: Msg<'static>,
    ) -> Result<Result<(MonthSeries, MonthSeries), Why>, ChartError> {
        let (a, b) = (MonthSeries::parse(a)?, MonthSeries::parse(b)?);
        if !a.points.is_empty() || !b.points.is_empty() {
            return Ok(Ok((a, b)));
        }
        let invalid = a.invalid + b.invalid;
        Ok(Err(if invalid > 0 {
            Why::Invalid(invalid)
        } else {
            Why::Empty(empty)
        }))
    }

    pub(super) fn parse(data: &[MonthValue]) -> Result<MonthSeries, ChartError> {
        let mut points = Vec::with_capacity(data.len());
        let mut invalid = 0;
        for d in data {
            let m = parse_month(&d.month)?;
            match finite(d.value) {
                Some(v) => points.push((m, v)),
                None => invalid += 1,
            }
        }
        Ok(MonthSeries { points, invalid })
    }

    pub(super) fn why_empty(&self, message: Msg<'static>) -> Why {
        if self.invalid > 0 {
            Why::Invalid(self.invalid)
        } else {
            Why::Empty(message)
        }
    }
}

/// A contiguous run of months: the x axis of the month charts, labelled in `lang`.
pub(super) struct MonthAxis {
    pub(super) first: i32,
    pub(super) len: usize,
    pub(super) lang: Language,
}

impl MonthAxis {
    /// From the first to the last month of all series, at most the last [`MAX_MONTHS`].
    /// At least one series must have a point.
    pub(super) fn new(series: &[&[(i32, f64)]], lang: Language) -> MonthAxis {
        let months = series.iter().flat_map(|s| s.iter().map(|p| p.0));
        let (lo, hi) = months.fold((i32::MAX, i32::MIN), |(lo, hi), m| (lo.min(m), hi.max(m)));
        let (lo, hi) = if lo > hi { (0, 0) } else { (lo, hi) };
        let first = lo.max(hi - MAX_MONTHS as i32 + 1);
        MonthAxis {
            first,
            len: (hi - first + 1) as usize,
            lang,
        }
    }

    pub(super) fn index(&self, month: i32) -> Option<usize> {
        let i = month - self.first;
        (i >= 0 && (i as usize) < self.len).then_some(i as usize)
    }

    /// Points before the window.
    pub(super) fn dropped(&self, points: &[(i32, f64)]) -> usize {
        points.iter().filter(|p| p.0 < self.first).count()
    }

    /// Sums per month (zero where there is none).
    pub(super) fn sums(&self, points: &[(i32, f64)]) -> Vec<f64> {
        let mut out = vec![0.0; self.len];
        for &(m, v) in points {
            if let Some(i) = self.index(m) {
                out[i] = (out[i] + v).clamp(-MAX_ABS_VALUE, MAX_ABS_VALUE);
            }
        }
        out
    }

    /// Means per month that has points, in month order (months without points are gaps).
    pub(super) fn means(&self, points: &[(i32, f64)]) -> Vec<(usize, f64)> {
        let mut acc: BTreeMap<usize, (f64, f64)> = BTreeMap::new();
        for &(m, v) in points {
            if let Some(i) = self.index(m) {
                let e = acc.entry(i).or_default();
                e.0 += v;
                e.1 += 1.0;
            }
        }
        acc.into_iter().map(|(i, (sum, n))| (i, sum / n)).collect()
    }

    /// First and last index of the points inside the window.
    pub(super) fn span(&self, points: &[(i32, f64)]) -> Option<(usize, usize)> {
        let idx = points.iter().filter_map(|p| self.index(p.0));
        idx.fold(None, |acc, i| match acc {
            None => Some((i, i)),
            Some((a, b)) => Some((a.min(i), b.max(i))),
        })
    }

    /// The label of month `i` when `first_shown` is the first month labelled: in Chinese the
    /// year is written there and at each January (`2026年1月`), the other months short (`3月`).
    pub(super) fn label(&self, i: usize, first_shown: usize) -> String {
        let m = self.first + i as i32;
        let short = i != first_shown && m.rem_euclid(12) != 0;
        self.lang.month(m, short)
    }

    /// The formatter of the x axis' labels over `positions` (from [`Self::label_positions`]).
    pub(super) fn formatter<'s>(&'s self, positions: &[f64]) -> impl Fn(&f64) -> String + use<'s> {
        let first_shown = positions.first().map_or(0, |p| p.round().max(0.0) as usize);
        move |x: &f64| {
            let i = x.round();
            if i >= 0.0 && (i as usize) < self.len {
                self.label(i as usize, first_shown)
            } else {
                String::new()
            }
        }
    }

    /// Indices to label so that labels do not overlap in `plot_px`: every month, or every
    /// 2nd, 3rd, 4th, 6th, 12th… on calendar boundaries (so January is labelled when it can).
    /// Spaced for the language's widest label, so the shorter ones never collide either.
    pub(super) fn label_positions(&self, plot_px: f64) -> Vec<f64> {
        let per_label = text_width(self.lang.widest_month(), LABEL_PX) + 14.0;
        let fit = (plot_px / per_label).floor().max(1.0) as usize;
        let stride = [1usize, 2, 3, 4, 6, 12, 24, 60]
            .into_iter()
            .find(|s| self.len.div_ceil(*s) <= fit)
            .unwrap_or(60);
        let mut out: Vec<f64> = (0..self.len)
            .filter(|i| (self.first + *i as i32).rem_euclid(stride as i32) == 0)
            .map(|i| i as f64)
            .collect();
        if out.is_empty() {
            out.push(0.0);
        }
        out
    }
}

// ------------------------------------------------------------------------------------------
// Month plots (bars and lines over a month axis)
// ------------------------------------------------------------------------------------------

/// A linear axis with the tick positions we chose (plotters' own `WithKeyPoints` over `f64`
/// has no default label formatting, which the mesh needs even when a formatter is given).
#[derive(Clone)]
pub(super) struct Keyed {
    pub(super) lo: f64,
    pub(super) hi: f64,
    pub(super) keys: Vec<f64>,
}

impl Keyed {
    pub(super) fn new(lo: f64, hi: f64, keys: Vec<f64>) -> Keyed {
        let (lo, hi) = if lo.is_finite() && hi.is_finite() && hi > lo {
            (lo, hi)
        } else {
            (0.0, 1.0)
        };
        let mut keys: Vec<f64> = keys
            .into_iter()
            .filter(|k| k.is_finite() && *k >= lo && *k <= hi)
            .collect();
        // Callers choose a handful; a bug there must not write thousands of grid lines.
        if keys.len() > 100 {
            let stride = keys.len().div_ceil(100);
            keys = keys.into_iter().step_by(stride).collect();
        }
        Keyed { lo, hi, keys }
    }
}

impl Ranged for Keyed {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, v: &f64, limit: (i32, i32)) -> i32 {
        let t = if v.is_finite() {
            (v - self.lo) / (self.hi - self.lo)
        } else {
            0.0
        };
        // Far outside the plot is still a pixel coordinate, not an overflow.
        let t = t.clamp(-10.0, 10.0);
        limit.0 + (f64::from(limit.1 - limit.0) * t).round() as i32
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.keys.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.lo..self.hi
    }
}

/// A chart over `axis` (x) and `ticks` (y) with light horizontal grid lines, tick labels
/// and no axis lines; the zero line is drawn darker by the caller's bars.
pub(super) fn month_plot<'a, 'b>(
    area: &'a Area<'b>,
    axis: &MonthAxis,
    ticks: &Ticks,
    yfmt: &dyn Fn(f64) -> String,
    top: u32,
) -> Result<Chart<'a, 'b>, ChartError> {
    let y_label_w = ticks
        .values
        .iter()
        .map(|v| text_width(&yfmt(*v), LABEL_PX))
        .fold(0.0, f64::max);
    let (w, _) = area.dim_in_pixel();
    let plot_w = f64::from(w) - y_label_w - 14.0 - 2.0 * f64::from(PAD);
    let xs = axis.label_positions(plot_w);
    let xfmt = axis.formatter(&xs);
    let yfmt_ref = |y: &f64| yfmt(*y);
    xy_plot(
        area,
        Keyed::new(-0.5, axis.len as f64 - 0.5, xs),
        ticks,
        &xfmt,
        &yfmt_ref,
        y_label_w,
        None,
        top,
    )
}

/// The shared plot frame: margins, tick labels, horizontal grid; `x_desc` below the labels.
#[allow(clippy::too_many_arguments)]
pub(super) fn xy_plot<'a, 'b>(
    area: &'a Area<'b>,
    x: Keyed,
    ticks: &Ticks,
    xfmt: &dyn Fn(&f64) -> String,
    yfmt: &dyn Fn(&f64) -> String,
    y_label_w: f64,
    x_desc: Option<&str>,
    top: u32,
) -> Result<Chart<'a, 'b>, ChartError> {
    let y = Keyed::new(ticks.lo, ticks.hi, ticks.values.clone());
    let mut chart = ChartBuilder::on(area)
        .margin_left(PAD)
        .margin_right(PAD + 6)
        .margin_top(top)
        .margin_bottom(2)
        .x_label_area_size(if x_desc.is_some() { 40 } else { 22 })
        .y_label_area_size(y_label_w.ceil() as u32 + 10)
        .build_cartesian_2d(x, y)
        .map_err(draw_err)?;
    let label = text_style(LABEL_PX, MUTED, HPos::Center, VPos::Center);
    let mut mesh = chart.configure_mesh();
    mesh.disable_x_mesh()
        .bold_line_style(GRID.stroke_width(1))
        .light_line_style(TRANSPARENT)
        .axis_style(TRANSPARENT)
        .set_all_tick_mark_size(4)
        .x_labels(1000)
        .y_labels(1000)
        .label_style(label.clone())
        .axis_desc_style(text_style(LABEL_PX, MUTED, HPos::Center, VPos::Center))
        .x_label_formatter(xfmt)
        .y_label_formatter(yfmt);
    if let Some(desc) = x_desc {
        mesh.x_desc(desc);
    }
    mesh.draw().map_err(draw_err)?;
    Ok(chart)
}

/// Half the width of a bar in x units: 38 % of a slot, at most [`MAX_BAR_PX`] wide.
pub(super) fn bar_half_width(chart: &Chart, slots: usize) -> f64 {
    let (xr, _) = chart.plotting_area().get_pixel_range();
    let px_per_slot = f64::from((xr.end - xr.start).max(1)) / slots.max(1) as f64;
    0.38f64.min(MAX_BAR_PX / 2.0 / px_per_slot)
}

/// The zero line across the plot (or its bottom when zero is not on the axis).
pub(super) fn draw_zero_line(chart: &Chart, ticks_lo: f64) -> Result<(), ChartError> {
    let (xr, _) = chart.plotting_area().get_pixel_range();
    let (_, y0) = chart.backend_coord(&(0.0, 0f64.max(ticks_lo)));
    let root = chart.plotting_area().strip_coord_spec();
    let (ox, oy) = root.get_base_pixel();
    root.draw(&PathElement::new(
        vec![(xr.start - ox, y0 - oy), (xr.end - ox, y0 - oy)],
        BASELINE.stroke_width(1),
    ))
    .map_err(draw_err)
}

/// Revenue-style bars: blue up, red down, an outlier cut at `cap` with a break mark and its
/// value, and value labels when there is room for them.
pub(super) fn draw_bars(
    chart: &Chart,
    axis: &MonthAxis,
    values: &[f64],
    cap: Option<f64>,
    prefix: &str,
) -> Result<(), ChartError> {
    draw_bar_rects(chart, axis, values, cap, BLUE, RED)?;
    let labels: Vec<String> = values
        .iter()
        .map(|v| money(*v, prefix, None, axis.lang))
        .collect();
    let widest = labels
        .iter()
        .map(|l| text_width(l, LABEL_PX))
        .fold(0.0, f64::max);
    let area = chart.plotting_area();
    let (xr, _) = area.get_pixel_range();
    let slot_px = f64::from(xr.end - xr.start) / axis.len.max(1) as f64;
    // Value labels when each fits over its bar; a cut bar is always labelled.
    let room = axis.len <= 12 && widest + 4.0 <= slot_px;
    let yr = area.get_y_range();
    for (i, (v, label)) in values.iter().zip(labels).enumerate() {
        let cut = cap.is_some_and(|c| *v > c);
        if !(room || cut) || *v == 0.0 {
            continue;
        }
        let (y, ink) = match cap {
            Some(c) if cut => (c, INK),
            _ => (v.clamp(yr.start, yr.end), MUTED),
        };
        let (vpos, dy) = if *v >= 0.0 {
            (VPos::Bottom, -4)
        } else {
            (VPos::Top, 4)
        };
        let st = text_style(LABEL_PX, ink, HPos::Center, vpos);
        area.draw(&(EmptyElement::at((i as f64, y)) + Text::new(label, (0, dy), st)))
            .map_err(draw_err)?;
    }
    Ok(())
}

/// Bars from zero to each value (`cap`ped ones with a white break mark near the top), and
/// the zero line.
pub(super) fn draw_bar_rects(
    chart: &Chart,
    axis: &MonthAxis,
    values: &[f64],
    cap: Option<f64>,
    up: RGBColor,
    down: RGBColor,
) -> Result<(), ChartError> {
    let hw = bar_half_width(chart, axis.len);
    let area = chart.plotting_area();
    let yr = area.get_y_range();
    for (i, v) in values.iter().enumerate() {
        if *v == 0.0 {
            continue;
        }
        let x = i as f64;
        let top = match cap {
            Some(c) if *v > c => c,
            _ => v.clamp(yr.start, yr.end),
        };
        let color = if *v >= 0.0 { up } else { down };
        area.draw(&Rectangle::new(
            [(x - hw, 0.0), (x + hw, top)],
            color.filled(),
        ))
        .map_err(draw_err)?;
        if cap.is_some_and(|c| *v > c) {
            // Two white diagonal strokes across the bar: the bar is longer than drawn.
            let (bx0, by) = chart.backend_coord(&(x - hw, top));
            let (bx1, _) = chart.backend_coord(&(x + hw, top));
            let (ox, oy) = area.get_base_pixel();
            let plain = area.strip_coord_spec();
            for dy in [10, 16] {
                plain
                    .draw(&PathElement::new(
                        vec![
                            (bx0 - ox - 2, by - oy + dy + 4),
                            (bx1 - ox + 2, by - oy + dy - 4),
                        ],
                        BACKGROUND.stroke_width(3),
                    ))
                    .map_err(draw_err)?;
            }
        }
    }
    draw_zero_line(chart, yr.start)
}

/// Stacked bars, one layer per colour, bottom up.
pub(super) fn draw_stacks(
    chart: &Chart,
    axis: &MonthAxis,
    stacks: &[Vec<f64>],
    colors: &[RGBColor],
) -> Result<(), ChartError> {
    let hw = bar_half_width(chart, axis.len);
    let area = chart.plotting_area();
    for i in 0..axis.len {
        let mut base = 0.0;
        for (layer, color) in stacks.iter().zip(colors) {
            let v = layer[i];
            if v > 0.0 {
                let x = i as f64;
                area.draw(&Rectangle::new(
                    [(x - hw, base), (x + hw, base + v)],
                    color.filled(),
                ))
                .map_err(draw_err)?;
                // A white hairline between layers keeps adjacent colours apart.
                area.draw(&Rectangle::new(
                    [(x - hw, base + v), (x + hw, base + v)],
                    BACKGROUND.stroke_width(1),
                ))
                .map_err(draw_err)?;
                base += v;
            }
        }
    }
    draw_zero_line(chart, 0.0)
}

/// A line through consecutive points (a gap where months are missing) with dots.
pub(super) fn draw_line(
    chart: &Chart,
    points: &[(usize, f64)],
    color: RGBColor,
) -> Result<(), ChartError> {
    let area = chart.plotting_area();
    let mut run: Vec<(f64, f64)> = Vec::new();
    let mut prev: Option<usize> = None;
    let flush = |run: &mut Vec<(f64, f64)>| -> Result<(), ChartError> {
        if run.len() >= 2 {
            area.draw(&PathElement::new(run.clone(), color.stroke_width(2)))
                .map_err(draw_err)?;
        }
        run.clear();
        Ok(())
    };
    for &(i, v) in points {
        if prev.is_some_and(|p| p + 1 != i) {
            flush(&mut run)?;
        }
        run.push((i as f64, v));
        prev = Some(i);
    }
    flush(&mut run)?;
    let dot = if points.len() > 24 { 2 } else { 3 };
    for &(i, v) in points {
        area.draw(&Circle::new((i as f64, v), dot, color.filled()))
            .map_err(draw_err)?;
    }
    Ok(())
}

/// A note in the middle of the plot (e.g. "All months are zero", 各月均为零).
pub(super) fn plot_note(chart: &Chart, note: &str) -> Result<(), ChartError> {
    let area = chart.plotting_area().strip_coord_spec();
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    let (ox, oy) = area.get_base_pixel();
    let center = ((xr.start + xr.end) / 2 - ox, (yr.start + yr.end) / 2 - oy);
    text(
        &area,
        note,
        center,
        MESSAGE_PX,
        MUTED,
        HPos::Center,
        VPos::Center,
    )
}
