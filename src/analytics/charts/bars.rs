//! Horizontal bars (funnel, segments, places, categories) and their legends.

use super::*;

/// How a legend entry is drawn.
#[derive(Clone, Copy)]
pub(super) enum Swatch {
    Bar(RGBColor),
    Line(RGBColor),
    Dashed(RGBColor),
}

pub(super) const LEGEND_ROW: i32 = 20;
pub(super) const LEGEND_LABEL_MAX: f64 = 150.0;

/// Entries laid out left to right, wrapping: `(x, row)` per entry and the number of rows.
pub(super) fn legend_layout(
    width: f64,
    entries: &[(String, Swatch)],
) -> (Vec<(i32, i32, String)>, i32) {
    let mut out = Vec::new();
    let (mut x, mut row) = (f64::from(PAD + 4), 0);
    for (label, _) in entries {
        let label = truncate(label, LEGEND_LABEL_MAX, LABEL_PX);
        let w = 22.0 + text_width(&label, LABEL_PX) + 12.0;
        if x + w > width - f64::from(PAD) && x > f64::from(PAD + 4) {
            x = f64::from(PAD + 4);
            row += 1;
        }
        out.push((x as i32, row, label));
        x += w;
    }
    (out, row + 1)
}

pub(super) fn split_legend<'b>(
    area: &Area<'b>,
    entries: &[(String, Swatch)],
) -> (Area<'b>, Area<'b>) {
    let (w, _) = area.dim_in_pixel();
    let rows = if entries.is_empty() {
        0
    } else {
        legend_layout(f64::from(w), entries).1
    };
    area.split_vertically((rows * LEGEND_ROW + 4) as u32)
}

pub(super) fn draw_legend(area: &Area, entries: &[(String, Swatch)]) -> Result<(), ChartError> {
    let (w, _) = area.dim_in_pixel();
    let (layout, _) = legend_layout(f64::from(w), entries);
    for ((x, row, label), (_, swatch)) in layout.into_iter().zip(entries) {
        let cy = 6 + row * LEGEND_ROW + LEGEND_ROW / 2;
        match *swatch {
            Swatch::Bar(c) => {
                area.draw(&Rectangle::new([(x, cy - 5), (x + 14, cy + 5)], c.filled()))
            }
            Swatch::Line(c) => area
                .draw(&PathElement::new(
                    vec![(x, cy), (x + 16, cy)],
                    c.stroke_width(2),
                ))
                .and_then(|()| area.draw(&Circle::new((x + 8, cy), 3, c.filled()))),
            Swatch::Dashed(c) => area
                .draw(&PathElement::new(
                    vec![(x, cy), (x + 6, cy)],
                    c.stroke_width(2),
                ))
                .and_then(|()| {
                    area.draw(&PathElement::new(
                        vec![(x + 10, cy), (x + 16, cy)],
                        c.stroke_width(2),
                    ))
                }),
        }
        .map_err(draw_err)?;
        text(
            area,
            &label,
            (x + 22, cy),
            LABEL_PX,
            INK,
            HPos::Left,
            VPos::Center,
        )?;
    }
    Ok(())
}

// ------------------------------------------------------------------------------------------
// Horizontal bars (funnel, segments, places, categories)
// ------------------------------------------------------------------------------------------

/// One horizontal bar: label on the left, bar, text at its end.
pub(super) struct HBar {
    pub(super) label: String,
    pub(super) value: f64,
    pub(super) text: String,
    pub(super) color: RGBColor,
}

/// How many bar rows fit in the chart's body.
pub(super) fn rows_that_fit(style: &ChartStyle, notes: &Notes) -> usize {
    let (_, h) = style.size();
    let title = if style.title.is_some() { PAD + 26 } else { 0 };
    let note = if notes.lines.is_empty() { 0 } else { 18 };
    let body = h as i32 - title - note - 2 * PAD;
    (body / ROW_MIN_PX).max(1) as usize
}

/// Keeps the first rows that fit, folding the rest into a last "Other" row (only used for
/// stages, whose order matters and whose values are not comparable counts).
pub(super) fn fit_rows(mut bars: Vec<HBar>, style: &ChartStyle, notes: &Notes) -> Vec<HBar> {
    let fit = rows_that_fit(style, notes);
    if bars.len() > fit {
        let hidden = bars.len() - (fit - 1).max(1);
        bars.truncate((fit - 1).max(1));
        bars.push(HBar {
            label: style.language.say(Msg::MoreStages(hidden)),
            value: 0.0,
            text: String::new(),
            color: OTHER_GREY,
        });
    }
    bars
}

/// Named counts as bars, largest first, the tail folded into "Other (N names)".
pub(super) fn ranked_bars(
    items: &[NamedCount],
    style: &ChartStyle,
    notes: &Notes,
    top_n: usize,
    what: Things,
) -> Vec<HBar> {
    let lang = style.language;
    // Merge names that are the same after cleaning; empty names become "(none)".
    let mut merged: HashMap<String, u64> = HashMap::new();
    for item in items {
        let e = merged.entry(name_or_none(&item.name, lang)).or_default();
        *e = e.saturating_add(item.count);
    }
    let mut ranked: Vec<(String, u64)> = merged.into_iter().filter(|e| e.1 > 0).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let total: u64 = ranked.iter().fold(0u64, |t, e| t.saturating_add(e.1));
    let fit = rows_that_fit(style, notes);
    // All when they fit (an "Other" of one would take a row anyway), else the top ones and
    // a row for "Other".
    let keep = if ranked.len() <= top_n.saturating_add(1).min(fit) {
        ranked.len()
    } else {
        top_n.min(fit - 1).max(1)
    };
    let rest: Vec<(String, u64)> = ranked.split_off(keep.min(ranked.len()));
    let bar = |label: String, n: u64, color: RGBColor| HBar {
        label,
        value: n as f64,
        text: match lang {
            Language::En => format!("{} ({})", count_text(n, lang), percent_text(n, total)),
            Language::Zh => format!("{}（{}）", count_text(n, lang), percent_text(n, total)),
        },
        color,
    };
    let mut bars: Vec<HBar> = ranked
        .into_iter()
        .map(|(name, n)| bar(name, n, BLUE))
        .collect();
    if !rest.is_empty() {
        let n = rest.iter().fold(0u64, |t, e| t.saturating_add(e.1));
        bars.push(bar(
            lang.say(Msg::Other(rest.len() as u64, what)),
            n,
            OTHER_GREY,
        ));
    }
    bars
}

pub(super) fn named_bars(
    items: &[NamedCount],
    style: &ChartStyle,
    top_n: usize,
    empty: Msg<'static>,
    what: Things,
) -> Result<String, ChartError> {
    if items.iter().all(|i| i.count == 0) {
        return Ok(empty_chart(style, &Why::Empty(empty)));
    }
    let notes = Notes::new(style);
    let bars = ranked_bars(items, style, &notes, top_n, what);
    render(style, &notes, |area| draw_hbars(area, &bars))
}

/// Horizontal bars: labels right-aligned on the left, bars from the zero line, value text at
/// each bar's end. Rows share the height (at most 56 px each, the block centred). One bar
/// more than four times the next largest is cut with a break mark, like the month charts.
pub(super) fn draw_hbars(area: &Area, bars: &[HBar]) -> Result<(), ChartError> {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (f64::from(w), f64::from(h));
    let n = bars.len().max(1);
    let widest_label = bars
        .iter()
        .map(|b| text_width(&b.label, LABEL_PX))
        .fold(0.0, f64::max);
    let label_w = widest_label.min(w * 0.34).max(20.0);
    let text_w = bars
        .iter()
        .map(|b| text_width(&b.text, LABEL_PX))
        .fold(0.0, f64::max);
    let x0 = f64::from(PAD) + label_w + 10.0;
    let x1 = (w - f64::from(PAD) - text_w - 8.0).max(x0 + 40.0);
    let values: Vec<f64> = bars.iter().map(|b| b.value).collect();
    let cap = outlier_cap(&values);
    let lo = min_of(&values);
    let hi = cap.unwrap_or_else(|| max_of(&values));
    let span = if hi - lo > 0.0 { hi - lo } else { 1.0 };
    let scale = (x1 - x0) / span;
    let zero = x0 - lo * scale;
    let row = ((h - 2.0 * f64::from(PAD)) / n as f64).min(56.0);
    let thick = (row * 0.62).clamp(4.0, 28.0);
    let top = ((h - row * n as f64) / 2.0).max(f64::from(PAD));
    for (k, b) in bars.iter().enumerate() {
        let cy = top + row * (k as f64 + 0.5);
        let label = truncate(&b.label, label_w, LABEL_PX);
        let label_pos = ((x0 - 10.0) as i32, cy as i32);
        text(
            area,
            &label,
            label_pos,
            LABEL_PX,
            INK,
            HPos::Right,
            VPos::Center,
        )?;
        let cut = cap.is_some_and(|c| b.value > c);
        let end = zero + b.value.min(hi) * scale;
        let (a, z) = if end >= zero {
            (zero, end)
        } else {
            (end, zero)
        };
        let (y0, y1) = (
            (cy - thick / 2.0).round() as i32,
            (cy + thick / 2.0).round() as i32,
        );
        if z - a >= 0.5 {
            let rect = [(a.round() as i32, y0), (z.round() as i32, y1)];
            area.draw(&Rectangle::new(rect, b.color.filled()))
                .map_err(draw_err)?;
        }
        if cut {
            // Two white strokes across the bar near its end: it is longer than drawn.
            for dx in [14, 20] {
                let x = end.round() as i32 - dx;
                area.draw(&PathElement::new(
                    vec![(x - 3, y1 + 2), (x + 3, y0 - 2)],
                    BACKGROUND.stroke_width(3),
                ))
                .map_err(draw_err)?;
            }
        }
        if !b.text.is_empty() {
            let tx = if b.value >= 0.0 {
                end + 6.0
            } else {
                zero + 6.0
            };
            let ink = if cut { INK } else { MUTED };
            text(
                area,
                &b.text,
                (tx as i32, cy as i32),
                LABEL_PX,
                ink,
                HPos::Left,
                VPos::Center,
            )?;
        }
    }
    // The zero line, where bars start.
    let (y0, y1) = (
        (top + row * 0.1) as i32,
        (top + row * (n as f64 - 0.1)) as i32,
    );
    let zx = zero.round() as i32;
    area.draw(&PathElement::new(
        vec![(zx, y0), (zx, y1)],
        BASELINE.stroke_width(1),
    ))
    .map_err(draw_err)
}
