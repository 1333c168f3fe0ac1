//! Dashboard charts: already-aggregated data in, a self-contained SVG document out.
//!
//! Every chart is a pure function from typed data (the rows the store's aggregation queries
//! return) and a [`ChartStyle`] to an SVG string drawn with plotters' SVG backend. The
//! desktop UI shows the SVG in a dashboard card (which has its own title, so chart titles are
//! optional); [`svg_to_png`] rasterises any of them with resvg for export. Rendering is cheap
//! (well under a millisecond for a typical chart, a few ms for 10,000 categories or 100,000
//! lifetime values), so the aggregation query dominates a dashboard's time.
//!
//! All charts share one look: a calm palette, 12 px labels (14 px messages and titles), a
//! light horizontal grid, no axis lines or boxes, a legend only where there are several
//! series, values written on bars where they fit, and a font list that reaches CJK fonts on
//! every platform ([`FONT_FAMILY`], set once on the root `<svg>`).
//!
//! # Invariants
//!
//! - **Never empty silently.** Data with nothing to draw (no rows, only zero counts, only
//!   values that are not numbers) gives an SVG that says why in the middle of the card, e.g.
//!   "No orders yet — revenue appears here after the first order". A month chart whose
//!   values are all zero shows its axis with the note "All months are zero". Whatever is
//!   left out of a drawn chart (values that are not numbers, months before the window, heat
//!   map cells outside 1–5) is counted in a footnote; categories beyond what fits are summed
//!   into an "Other" bar or legend entry that says how many it holds.
//! - **Never NaN, never a panic.** Values that are NaN or infinite are left out; finite values
//!   are clamped to ±[`MAX_ABS_VALUE`] and counts add with saturation, so sums stay finite;
//!   every coordinate plotters writes is an integer, and every number printed is formatted
//!   from a finite value. Sizes are clamped to [`MIN_SIZE`]..=[`MAX_SIZE`]. A chart function
//!   fails only on a malformed month ([`ChartError::InvalidMonth`], a bug in the caller's
//!   query) or a drawing error, which the in-memory SVG backend does not produce.
//! - **Text is escaped.** Labels (city names, segment names, categories; any script) are
//!   written as XML text by plotters, which escapes `& < > " '`; control characters, which
//!   XML cannot carry at all, become spaces first. Long labels are cut to fit with "…",
//!   measured with a width estimate that counts East Asian wide characters as one em.
//! - **Bounded output.** Many categories become the top N (as many as fit) plus "Other";
//!   month axes are contiguous (missing months are zero for sums, gaps for averages) and
//!   show at most the last [`MAX_MONTHS`] months; one bar far above the rest is cut with a
//!   break mark and labelled with its value, so the others stay readable.
//!
//! Months are `"YYYY-MM"` text (what SQLite's `strftime('%Y-%m', …)` gives; `"YYYY-MM-DD"`
//! is accepted too and read as its month). Money is in major units of one currency.
//!
//! Messages and the few words on the charts ("deals", "Other") are English for now.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Display;
use std::sync::{Arc, OnceLock};

use std::ops::Range;

use plotters::coord::Shift;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use resvg::tiny_skia;
use resvg::usvg::{self, fontdb};
use serde::{Deserialize, Serialize};
use unicode_width::UnicodeWidthChar;

// ------------------------------------------------------------------------------------------
// Public data types
// ------------------------------------------------------------------------------------------

/// One value for one calendar month, e.g. revenue of March 2026.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthValue {
    /// The month as `"YYYY-MM"` (or a `"YYYY-MM-DD"` date in it).
    pub month: String,
    /// The value: money in major units, an average rating or a score, depending on the chart.
    pub value: f64,
}

impl MonthValue {
    /// A month's value.
    pub fn new(month: impl Into<String>, value: f64) -> Self {
        MonthValue {
            month: month.into(),
            value,
        }
    }
}

/// One stage of the deal pipeline: how many deals are in it and what they are worth.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageValue {
    /// The stage's name as shown to the user.
    pub stage: String,
    /// Number of deals in the stage.
    pub count: u64,
    /// Total value of those deals (money, major units).
    pub value: f64,
}

impl StageValue {
    /// A stage with its deal count and value.
    pub fn new(stage: impl Into<String>, count: u64, value: f64) -> Self {
        StageValue {
            stage: stage.into(),
            count,
            value,
        }
    }
}

/// A named count: customers in a segment or a city, tickets in a category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedCount {
    /// The name as shown to the user (any script).
    pub name: String,
    /// How many.
    pub count: u64,
}

impl NamedCount {
    /// A name with its count.
    pub fn new(name: impl Into<String>, count: u64) -> Self {
        NamedCount {
            name: name.into(),
            count,
        }
    }
}

/// Number of customers with recency score `r` and frequency score `f` (both 1–5, 5 = best).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RfCell {
    /// Recency score, 1–5 (5 = bought most recently).
    pub r: u8,
    /// Frequency score, 1–5 (5 = buys most often).
    pub f: u8,
    /// Customers in the cell.
    pub count: u64,
}

/// Tickets opened in one month in one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryMonthCount {
    /// The month as `"YYYY-MM"`.
    pub month: String,
    /// The ticket category as shown to the user.
    pub category: String,
    /// Tickets opened.
    pub count: u64,
}

impl CategoryMonthCount {
    /// A month, category and count.
    pub fn new(month: impl Into<String>, category: impl Into<String>, count: u64) -> Self {
        CategoryMonthCount {
            month: month.into(),
            category: category.into(),
            count,
        }
    }
}

/// Size and formatting shared by all charts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChartStyle {
    /// Width in CSS pixels (clamped to [`MIN_SIZE`]..=[`MAX_SIZE`]).
    pub width: u32,
    /// Height in CSS pixels (clamped to [`MIN_SIZE`]..=[`MAX_SIZE`]).
    pub height: u32,
    /// Currency of money axes: an ISO code Kith knows (`"USD"`, `"CNY"`, `"EUR"`, …), shown
    /// as its symbol, or any other text, used as the prefix as it is (`"$"`, `"CHF "`).
    pub currency: String,
    /// A title drawn at the top left; `None` (the default) when the UI card shows its own.
    pub title: Option<String>,
}

impl Default for ChartStyle {
    fn default() -> Self {
        ChartStyle {
            width: 640,
            height: 360,
            currency: "USD".into(),
            title: None,
        }
    }
}

impl ChartStyle {
    /// The default 640×360 style with the given currency (code or prefix).
    pub fn with_currency(currency: impl Into<String>) -> Self {
        ChartStyle {
            currency: currency.into(),
            ..ChartStyle::default()
        }
    }

    /// Width and height after clamping.
    fn size(&self) -> (u32, u32) {
        (
            self.width.clamp(MIN_SIZE, MAX_SIZE),
            self.height.clamp(MIN_SIZE, MAX_SIZE),
        )
    }

    /// The prefix money is written with.
    fn money_prefix(&self) -> String {
        let code = self.currency.trim();
        let symbol = match code.to_ascii_uppercase().as_str() {
            "USD" | "CAD" | "AUD" | "MXN" => "$",
            "EUR" => "€",
            "CNY" | "JPY" => "¥",
            "GBP" => "£",
            "HKD" => "HK$",
            "TWD" => "NT$",
            "SGD" => "S$",
            "BRL" => "R$",
            "KRW" => "₩",
            "INR" => "₹",
            "CHF" => "CHF ",
            "SEK" | "NOK" | "DKK" => "kr ",
            "PLN" => "zł ",
            "CZK" => "Kč ",
            _ => return clean_label(&self.currency),
        };
        symbol.to_string()
    }
}

/// Why a chart could not be drawn or converted.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// A month was not `"YYYY-MM"` (a bug in the query that produced it).
    #[error("month {0:?} is not of the form YYYY-MM")]
    InvalidMonth(String),
    /// Plotters failed to draw (not expected for the in-memory SVG backend).
    #[error("drawing the chart failed: {0}")]
    Draw(String),
    /// The SVG given to [`svg_to_png`] could not be parsed.
    #[error("the SVG could not be read: {0}")]
    Svg(String),
    /// The PNG scale was not a finite number in 0.1–8, or the result would be too large.
    #[error("scale {0} is out of range (0.1–8, at most 64 megapixels)")]
    InvalidScale(f32),
    /// Encoding the PNG failed.
    #[error("encoding the PNG failed: {0}")]
    Png(String),
}

// ------------------------------------------------------------------------------------------
// Public constants
// ------------------------------------------------------------------------------------------

/// The CSS font-family list of the charts (on the root `<svg>`, inherited by all text): a Latin UI font first, then CJK
/// fonts for Simplified Chinese on Linux (Noto/Source Han), Windows (Microsoft YaHei) and
/// macOS (PingFang, Hiragino), then the generic family.
pub const FONT_FAMILY: &str = "'Noto Sans', 'Segoe UI', 'Helvetica Neue', Arial, \
     'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', \
     'Hiragino Sans GB', sans-serif";

/// Smallest width or height a chart is drawn at.
pub const MIN_SIZE: u32 = 160;
/// Largest width or height a chart is drawn at.
pub const MAX_SIZE: u32 = 4096;
/// Month axes show at most this many months (the latest ones).
pub const MAX_MONTHS: usize = 60;
/// Finite values are clamped to ±this (a quadrillion) so that sums and scales stay finite.
pub const MAX_ABS_VALUE: f64 = 1e15;

// ------------------------------------------------------------------------------------------
// Look
// ------------------------------------------------------------------------------------------

const LABEL_PX: f64 = 12.0;
const NOTE_PX: f64 = 11.0;
const TITLE_PX: f64 = 14.0;
const MESSAGE_PX: f64 = 14.0;
/// Plotters' SVG backend writes `font-size` as the requested size divided by 1.24.
const PLOTTERS_FONT_SCALE: f64 = 1.24;

const BACKGROUND: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);
const INK: RGBColor = RGBColor(0x37, 0x41, 0x51);
const MUTED: RGBColor = RGBColor(0x6B, 0x72, 0x80);
const FAINT: RGBColor = RGBColor(0x9C, 0xA3, 0xAF);
const GRID: RGBColor = RGBColor(0xE5, 0xE7, 0xEB);
const BASELINE: RGBColor = RGBColor(0xB8, 0xBE, 0xC7);
const BLUE: RGBColor = RGBColor(0x4E, 0x79, 0xA7);
const LIGHT_BLUE: RGBColor = RGBColor(0xA8, 0xC4, 0xE0);
const ORANGE: RGBColor = RGBColor(0xF2, 0x8E, 0x2B);
const RED: RGBColor = RGBColor(0xE1, 0x57, 0x59);
const TEAL: RGBColor = RGBColor(0x59, 0xA5, 0x9F);
const GREEN: RGBColor = RGBColor(0x59, 0xA1, 0x4F);
const PURPLE: RGBColor = RGBColor(0xAF, 0x7A, 0xA1);
const GOLD: RGBColor = RGBColor(0xE0, 0xB6, 0x3C);
const OTHER_GREY: RGBColor = RGBColor(0xBA, 0xB0, 0xAC);
/// Series colours for stacked categories, in order; "Other" is always [`OTHER_GREY`].
const SERIES: [RGBColor; 6] = [BLUE, ORANGE, TEAL, PURPLE, GOLD, GREEN];
/// Heat map scale, light to dark.
const HEAT: [RGBColor; 3] = [
    RGBColor(0xEE, 0xF3, 0xF8),
    RGBColor(0x7F, 0xA8, 0xCF),
    RGBColor(0x1F, 0x4E, 0x79),
];

const PAD: i32 = 10;
const MAX_BAR_PX: f64 = 44.0;
const ROW_MIN_PX: i32 = 18;

// ------------------------------------------------------------------------------------------
// Public chart functions
// ------------------------------------------------------------------------------------------

/// Revenue by month as bars on a currency axis (`$1.2k`, `$3.4M`).
///
/// Months between the first and last are shown (missing ones as zero); negative months
/// (refunds above sales) are red bars below the zero line. One month far above the rest is
/// drawn cut with a break mark and its value, so the other months stay readable.
pub fn revenue_by_month(data: &[MonthValue], style: &ChartStyle) -> Result<String, ChartError> {
    let series = MonthSeries::parse(data)?;
    if series.points.is_empty() {
        return Ok(empty_chart(style, &series.why_empty(EMPTY_REVENUE)));
    }
    let axis = MonthAxis::new(&[&series.points]);
    let values = axis.sums(&series.points);
    let prefix = style.money_prefix();
    let mut notes = Notes::default();
    notes.invalid(series.invalid);
    notes.months(axis.dropped(&series.points));
    render(style, &notes, |area| {
        let all_zero = values.iter().all(|v| *v == 0.0);
        let cap = outlier_cap(&values);
        let visible_max = cap.unwrap_or_else(|| max_of(&values));
        let ticks = if all_zero {
            Ticks::zero_only()
        } else {
            nice_ticks(min_of(&values) * 1.1, visible_max * 1.1, 5, false)
        };
        let yfmt = |v: f64| money(v, &prefix, Some(ticks.step));
        let chart = month_plot(area, &axis, &ticks, &yfmt, 14)?;
        draw_bars(&chart, &axis, &values, cap, &prefix)?;
        if all_zero {
            plot_note(&chart, "All months are zero")?;
        }
        Ok(())
    })
}

/// The deal pipeline by stage: one horizontal bar per stage in the order given (the
/// pipeline's order), its length the stage's value, labelled with value and deal count.
///
/// When every stage's value is zero but deals exist, bars show the deal counts instead.
pub fn pipeline_funnel(stages: &[StageValue], style: &ChartStyle) -> Result<String, ChartError> {
    let mut invalid = 0;
    let rows: Vec<(String, u64, f64)> = stages
        .iter()
        .map(|s| {
            let value = finite(s.value).unwrap_or_else(|| {
                invalid += 1;
                0.0
            });
            (clean_label(&s.stage), s.count, value)
        })
        .collect();
    let total_count = rows.iter().fold(0u64, |t, r| t.saturating_add(r.1));
    let any_value = rows.iter().any(|r| r.2 != 0.0);
    if rows.is_empty() || (total_count == 0 && !any_value) {
        let why = if invalid > 0 {
            Why::Invalid(invalid)
        } else {
            Why::Empty(EMPTY_FUNNEL)
        };
        return Ok(empty_chart(style, &why));
    }
    let prefix = style.money_prefix();
    let by_value = any_value;
    let bars: Vec<HBar> = rows
        .into_iter()
        .map(|(stage, count, value)| {
            let deals = format!(
                "{} {}",
                count_text(count),
                if count == 1 { "deal" } else { "deals" }
            );
            HBar {
                label: stage,
                value: if by_value { value } else { count as f64 },
                text: if by_value {
                    format!("{} ({deals})", money(value, &prefix, None))
                } else {
                    deals
                },
                color: if value < 0.0 { RED } else { BLUE },
            }
        })
        .collect();
    let mut notes = Notes::default();
    notes.invalid(invalid);
    if !by_value {
        notes.push("Bars show deal counts (no stage has a value)".into());
    }
    // A pipeline has a handful of stages; more than fit are folded like any category list.
    let bars = fit_rows(bars, style, &notes);
    render(style, &notes, |area| draw_hbars(area, &bars))
}

/// Forecast: weighted pipeline by expected close month as bars, won revenue by month as a
/// line, and a dashed linear trend fitted to the won months and carried on to the last month.
///
/// The trend needs at least two won months; with one, only the point is drawn.
pub fn forecast(
    weighted_pipeline: &[MonthValue],
    won: &[MonthValue],
    style: &ChartStyle,
) -> Result<String, ChartError> {
    let (pipeline, won) = match MonthSeries::pair(weighted_pipeline, won, EMPTY_FORECAST)? {
        Ok(pair) => pair,
        Err(why) => return Ok(empty_chart(style, &why)),
    };
    let axis = MonthAxis::new(&[&pipeline.points, &won.points]);
    let bars = axis.sums(&pipeline.points);
    // Won revenue runs from its first to its last month (zero in between), not across the
    // future months, which have no won revenue yet.
    let won_line: Vec<(usize, f64)> = match axis.span(&won.points) {
        Some((a, b)) => {
            let sums = axis.sums(&won.points);
            (a..=b).map(|i| (i, sums[i])).collect()
        }
        None => Vec::new(),
    };
    let trend = linear_fit(&won_line).map(|(slope, intercept)| {
        let first = won_line[0].0;
        let last = axis.len - 1;
        [
            (first, intercept + slope * first as f64),
            (last, intercept + slope * last as f64),
        ]
    });
    let prefix = style.money_prefix();
    let mut notes = Notes::default();
    notes.invalid(pipeline.invalid + won.invalid);
    notes.months(axis.dropped(&pipeline.points) + axis.dropped(&won.points));
    render(style, &notes, |area| {
        let mut lo = min_of(&bars).min(0.0);
        let mut hi = max_of(&bars).max(0.0);
        for &(_, v) in won_line.iter().chain(trend.iter().flatten()) {
            lo = lo.min(v);
            hi = hi.max(v);
        }
        let all_zero = lo == 0.0 && hi == 0.0;
        let ticks = if all_zero {
            Ticks::zero_only()
        } else {
            nice_ticks(lo * 1.04, hi * 1.04, 5, false)
        };
        let yfmt = |v: f64| money(v, &prefix, Some(ticks.step));
        let mut legend = Vec::new();
        if !pipeline.points.is_empty() {
            legend.push(("Weighted pipeline".to_string(), Swatch::Bar(LIGHT_BLUE)));
        }
        if !won_line.is_empty() {
            legend.push(("Won revenue".to_string(), Swatch::Line(BLUE)));
        }
        if trend.is_some() {
            legend.push(("Won trend (linear)".to_string(), Swatch::Dashed(ORANGE)));
        }
        let (legend_area, plot_area) = split_legend(area, &legend);
        draw_legend(&legend_area, &legend)?;
        let mut chart = month_plot(&plot_area, &axis, &ticks, &yfmt, 10)?;
        draw_bar_rects(&chart, &axis, &bars, None, LIGHT_BLUE, RED)?;
        if let Some(points) = trend {
            let pts = points.map(|(i, v)| (i as f64, v));
            chart
                .draw_series(DashedLineSeries::new(pts, 6, 4, ORANGE.stroke_width(2)))
                .map_err(draw_err)?;
        }
        draw_line(&chart, &won_line, BLUE)?;
        if all_zero {
            plot_note(&chart, "All months are zero")?;
        }
        Ok(())
    })
}

/// Segment sizes: one horizontal bar per segment, largest first, with count and share.
/// Segments beyond what fits are folded into "Other".
pub fn segment_sizes(segments: &[NamedCount], style: &ChartStyle) -> Result<String, ChartError> {
    named_bars(segments, style, usize::MAX, EMPTY_SEGMENTS, "segments")
}

/// Customers by city or region: the `top_n` largest (fewer if they do not fit) as
/// horizontal bars, largest first, and the rest as one "Other" bar.
pub fn customers_by_region(
    places: &[NamedCount],
    top_n: usize,
    style: &ChartStyle,
) -> Result<String, ChartError> {
    named_bars(places, style, top_n.max(1), EMPTY_REGIONS, "places")
}

/// Recency × frequency heat map: a 5×5 grid, R on x and F on y (5 = best, top right), each
/// cell coloured by its number of customers (square-root scale, so small cells still show)
/// and labelled with it. Cells with scores outside 1–5 are left out and counted in a note.
pub fn rf_heatmap(cells: &[RfCell], style: &ChartStyle) -> Result<String, ChartError> {
    let mut grid = [[0u64; 5]; 5];
    let mut outside = 0usize;
    for c in cells {
        if (1..=5).contains(&c.r) && (1..=5).contains(&c.f) {
            let cell = &mut grid[usize::from(c.r - 1)][usize::from(c.f - 1)];
            *cell = cell.saturating_add(c.count);
        } else if c.count > 0 {
            outside += 1;
        }
    }
    let max = grid.iter().flatten().copied().max().unwrap_or(0);
    if max == 0 {
        let why = if outside > 0 {
            Why::OutsideScores(outside)
        } else {
            Why::Empty(EMPTY_RF)
        };
        return Ok(empty_chart(style, &why));
    }
    let mut notes = Notes::default();
    if outside > 0 {
        let cells = plural(outside, "cell", "cells");
        notes.push(format!(
            "{outside} {cells} with scores outside 1–5 left out"
        ));
    }
    render(style, &notes, |area| draw_heatmap(area, &grid, max))
}

/// Distribution of customer lifetime values as a histogram with 1-2-5 bin widths.
///
/// When the top 1 % stretch the range (skewed data, the usual case), bins cover the range up
/// to the 99th percentile and one grey bar on the right holds everything above it; the x-axis
/// label says so. Values that are not numbers are left out and counted in a note.
pub fn clv_distribution(values: &[f64], style: &ChartStyle) -> Result<String, ChartError> {
    let clean: Vec<f64> = values.iter().filter_map(|v| finite(*v)).collect();
    let invalid = values.len() - clean.len();
    if clean.is_empty() {
        let why = if invalid > 0 {
            Why::Invalid(invalid)
        } else {
            Why::Empty(EMPTY_CLV)
        };
        return Ok(empty_chart(style, &why));
    }
    let prefix = style.money_prefix();
    let (w, _) = style.size();
    let bins = Bins::new(&clean, f64::from(w));
    let mut notes = Notes::default();
    notes.invalid(invalid);
    render(style, &notes, |area| draw_histogram(area, &bins, &prefix))
}

/// Satisfaction by month in two panels sharing the month axis: CSAT (average rating, 1–5)
/// on top and NPS (−100 to 100, zero line marked) below. Months without answers are gaps in
/// the lines, not zeros; the latest value of each is written at its end.
pub fn satisfaction_trend(
    csat: &[MonthValue],
    nps: &[MonthValue],
    style: &ChartStyle,
) -> Result<String, ChartError> {
    let (csat, nps) = match MonthSeries::pair(csat, nps, EMPTY_SATISFACTION)? {
        Ok(pair) => pair,
        Err(why) => return Ok(empty_chart(style, &why)),
    };
    let axis = MonthAxis::new(&[&csat.points, &nps.points]);
    let csat_points = axis.means(&csat.points);
    let nps_points: Vec<(usize, f64)> = axis
        .means(&nps.points)
        .into_iter()
        .map(|(i, v)| (i, v.clamp(-100.0, 100.0)))
        .collect();
    let mut notes = Notes::default();
    notes.invalid(csat.invalid + nps.invalid);
    notes.months(axis.dropped(&csat.points) + axis.dropped(&nps.points));
    render(style, &notes, |area| {
        draw_satisfaction(area, &axis, &csat_points, &nps_points)
    })
}

/// Ticket volume: stacked bars by month, one colour per category (the five largest, the rest
/// as "Other"), with a legend. Data from a single month is drawn as plain horizontal bars by
/// category instead.
pub fn tickets_by_category(
    tickets: &[CategoryMonthCount],
    style: &ChartStyle,
) -> Result<String, ChartError> {
    let mut points = Vec::with_capacity(tickets.len());
    for t in tickets {
        let month = parse_month(&t.month)?;
        if t.count > 0 {
            points.push((month, name_or_none(&t.category), t.count));
        }
    }
    if points.is_empty() {
        return Ok(empty_chart(style, &Why::Empty(EMPTY_TICKETS)));
    }
    let month_points: Vec<(i32, f64)> = points.iter().map(|p| (p.0, 0.0)).collect();
    let axis = MonthAxis::new(&[&month_points]);
    let dropped = axis.dropped(&month_points);
    let points: Vec<(usize, String, u64)> = points
        .into_iter()
        .filter_map(|(m, c, n)| axis.index(m).map(|i| (i, c, n)))
        .collect();
    // Categories by total, largest first.
    let mut totals: HashMap<&str, u64> = HashMap::new();
    for (_, c, n) in &points {
        let t = totals.entry(c.as_str()).or_default();
        *t = t.saturating_add(*n);
    }
    let mut ranked: Vec<(String, u64)> = totals
        .into_iter()
        .map(|(c, n)| (c.to_string(), n))
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));

    let mut notes = Notes::default();
    notes.months(dropped);
    if axis.len == 1 {
        let items: Vec<NamedCount> = ranked
            .into_iter()
            .map(|(name, count)| NamedCount { name, count })
            .collect();
        let bars = ranked_bars(&items, style, &notes, usize::MAX, "categories");
        return render(style, &notes, |area| draw_hbars(area, &bars));
    }
    const SHOWN: usize = 5;
    let keep = if ranked.len() <= SHOWN + 1 {
        ranked.len()
    } else {
        SHOWN
    };
    let has_other = ranked.len() > keep;
    let index: HashMap<&str, usize> = ranked
        .iter()
        .take(keep)
        .enumerate()
        .map(|(i, (c, _))| (c.as_str(), i))
        .collect();
    let layers = keep + usize::from(has_other);
    let mut stacks = vec![vec![0f64; axis.len]; layers];
    for (i, c, n) in &points {
        let layer = index.get(c.as_str()).copied().unwrap_or(keep);
        stacks[layer][*i] += *n as f64;
    }
    let mut legend: Vec<(String, Swatch)> = ranked
        .iter()
        .take(keep)
        .enumerate()
        .map(|(i, (c, _))| (c.clone(), Swatch::Bar(SERIES[i % SERIES.len()])))
        .collect();
    if has_other {
        let n = ranked.len() - keep;
        legend.push((
            format!("Other ({} categories)", count_text(n as u64)),
            Swatch::Bar(OTHER_GREY),
        ));
    }
    render(style, &notes, |area| {
        let totals: Vec<f64> = (0..axis.len)
            .map(|i| stacks.iter().map(|s| s[i]).sum::<f64>())
            .collect();
        let ticks = nice_ticks(0.0, max_of(&totals) * 1.04, 5, true);
        let yfmt = |v: f64| compact(v, Some(ticks.step));
        let (legend_area, plot_area) = split_legend(area, &legend);
        draw_legend(&legend_area, &legend)?;
        let chart = month_plot(&plot_area, &axis, &ticks, &yfmt, 10)?;
        let colors: Vec<RGBColor> = legend
            .iter()
            .map(|(_, s)| match s {
                Swatch::Bar(c) | Swatch::Line(c) | Swatch::Dashed(c) => *c,
            })
            .collect();
        draw_stacks(&chart, &axis, &stacks, &colors)
    })
}

/// Renders an SVG (any of the charts above) to PNG at `scale` × its size (2.0 for a
/// high-DPI export), with the system's fonts (loaded once per process). Chinese and other
/// CJK text uses a Simplified Chinese font when one is installed (Noto Sans CJK SC, Source
/// Han Sans SC, Microsoft YaHei, PingFang SC) before any other font that has the character.
pub fn svg_to_png(svg: &str, scale: f32) -> Result<Vec<u8>, ChartError> {
    if !scale.is_finite() || !(0.1..=8.0).contains(&scale) {
        return Err(ChartError::InvalidScale(scale));
    }
    let options = png_options();
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| ChartError::Svg(e.to_string()))?;
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).round(),
        (size.height() * scale).round(),
    );
    if !(1.0..=16_384.0).contains(&w) || !(1.0..=16_384.0).contains(&h) || w * h > 64e6 {
        return Err(ChartError::InvalidScale(scale));
    }
    let mut pixmap =
        tiny_skia::Pixmap::new(w as u32, h as u32).ok_or(ChartError::InvalidScale(scale))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| ChartError::Png(e.to_string()))
}

// ------------------------------------------------------------------------------------------
// Empty states and notes
// ------------------------------------------------------------------------------------------

const EMPTY_REVENUE: &str = "No orders yet — revenue appears here after the first order";
const EMPTY_FUNNEL: &str = "No open deals yet — the funnel fills as deals move through the stages";
const EMPTY_FORECAST: &str =
    "Nothing to forecast yet — add deals with an expected close date, or win a first order";
const EMPTY_SEGMENTS: &str = "No segments yet — customers are grouped once they have orders";
const EMPTY_REGIONS: &str = "No customer locations yet — add a city or region to contacts";
const EMPTY_RF: &str = "No customers to score yet — the grid fills once customers have orders";
const EMPTY_CLV: &str = "No lifetime values yet — they appear once customers have orders";
const EMPTY_SATISFACTION: &str = "No feedback yet — ratings and NPS answers appear here by month";
const EMPTY_TICKETS: &str = "No tickets yet — volume by category appears after the first ticket";

/// Why a chart has nothing to draw.
enum Why {
    /// No data (the chart's own message).
    Empty(&'static str),
    /// Only values that are not numbers (how many).
    Invalid(usize),
    /// Only heat map cells with scores outside 1–5 (how many).
    OutsideScores(usize),
}

/// Footnotes under a chart: what was left out and why.
#[derive(Default)]
struct Notes(Vec<String>);

impl Notes {
    fn push(&mut self, note: String) {
        self.0.push(note);
    }
    fn invalid(&mut self, n: usize) {
        if n > 0 {
            self.push(format!(
                "{n} {} not a number left out",
                plural(n, "value", "values")
            ));
        }
    }
    fn months(&mut self, older: usize) {
        if older > 0 {
            self.push(format!("Last {MAX_MONTHS} months shown"));
        }
    }
    fn text(&self) -> Option<String> {
        (!self.0.is_empty()).then(|| self.0.join("; "))
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// The SVG for a chart with nothing to draw: the title (if any) and why, centred.
fn empty_chart(style: &ChartStyle, why: &Why) -> String {
    let message = match why {
        Why::Empty(m) => (*m).to_string(),
        Why::Invalid(n) => format!(
            "Nothing to draw — {} here {} not numbers",
            if *n == 1 {
                "the value".to_string()
            } else {
                format!("the {n} values")
            },
            plural(*n, "is", "are")
        ),
        Why::OutsideScores(n) => format!(
            "Nothing to draw — {n} {} scores outside 1–5",
            plural(*n, "cell has", "cells have")
        ),
    };
    let drawn = render(style, &Notes::default(), |area| {
        let (w, h) = area.dim_in_pixel();
        let lines = wrap(&message, f64::from(w) * 0.8, MESSAGE_PX);
        let line_h = (MESSAGE_PX * 1.5) as i32;
        let top = h as i32 / 2 - line_h * (lines.len() as i32 - 1) / 2;
        for (k, line) in lines.iter().enumerate() {
            let pos = (w as i32 / 2, top + k as i32 * line_h);
            text(
                area,
                line,
                pos,
                MESSAGE_PX,
                MUTED,
                HPos::Center,
                VPos::Center,
            )?;
        }
        Ok(())
    });
    // Drawing text into a string cannot fail; should it ever, a minimal hand-written SVG
    // still says why.
    drawn.unwrap_or_else(|_| {
        let (w, h) = style.size();
        format!(
            "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
             xmlns=\"http://www.w3.org/2000/svg\"><text x=\"{}\" y=\"{}\" \
             text-anchor=\"middle\">{}</text></svg>",
            w / 2,
            h / 2,
            xml_escape(&message)
        )
    })
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

// ------------------------------------------------------------------------------------------
// Rendering frame
// ------------------------------------------------------------------------------------------

type Area<'b> = DrawingArea<SVGBackend<'b>, Shift>;
type Coord = Cartesian2d<Keyed, Keyed>;
type Chart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Coord>;

fn draw_err(e: impl Display) -> ChartError {
    ChartError::Draw(e.to_string())
}

/// Draws the background, the title and the footnote, and gives `body` the area between.
fn render(
    style: &ChartStyle,
    notes: &Notes,
    body: impl FnOnce(&Area) -> Result<(), ChartError>,
) -> Result<String, ChartError> {
    let (w, h) = style.size();
    let mut svg = String::with_capacity(32 * 1024);
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        root.fill(&BACKGROUND).map_err(draw_err)?;
        let mut area = root.clone();
        if let Some(title) = style
            .title
            .as_deref()
            .map(clean_label)
            .filter(|t| !t.is_empty())
        {
            let title = truncate(&title, f64::from(w) - 2.0 * f64::from(PAD), TITLE_PX);
            let style = font(TITLE_PX, true)
                .color(&INK)
                .pos(Pos::new(HPos::Left, VPos::Top));
            root.draw_text(&title, &style, (PAD + 2, PAD))
                .map_err(draw_err)?;
            area = area.split_vertically(PAD as u32 + 26).1;
        }
        if let Some(note) = notes.text() {
            let (aw, ah) = area.dim_in_pixel();
            let note = truncate(&note, f64::from(aw) - 2.0 * f64::from(PAD), NOTE_PX);
            let (upper, lower) = area.split_vertically(ah.saturating_sub(18));
            text(
                &lower,
                &note,
                (aw as i32 - PAD, 9),
                NOTE_PX,
                FAINT,
                HPos::Right,
                VPos::Center,
            )?;
            area = upper;
        }
        body(&area)?;
        root.present().map_err(draw_err)?;
    }
    // Plotters repeats the font list on every <text>; say it once on the root, where text
    // inherits it (and a page's CSS can still override it). Text content cannot contain the
    // attribute: its quotes are escaped.
    let attr = format!(" font-family=\"{}\"", xml_escape(FONT_FAMILY));
    let svg = svg
        .replace(&attr, "")
        .replacen("<svg ", &format!("<svg{attr} "), 1);
    Ok(svg)
}

fn font(px: f64, bold: bool) -> FontDesc<'static> {
    let weight = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    FontDesc::new(
        FontFamily::Name(FONT_FAMILY),
        px * PLOTTERS_FONT_SCALE,
        weight,
    )
}

fn text_style(px: f64, color: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    font(px, false).color(&color).pos(Pos::new(h, v))
}

/// Draws one line of text at a pixel position of `area`.
fn text(
    area: &Area,
    s: &str,
    pos: (i32, i32),
    px: f64,
    color: RGBColor,
    h: HPos,
    v: VPos,
) -> Result<(), ChartError> {
    area.draw_text(s, &text_style(px, color, h, v), pos)
        .map_err(draw_err)
}

// ------------------------------------------------------------------------------------------
// Text measuring
// ------------------------------------------------------------------------------------------

/// Replaces control characters and the non-characters U+FFFE/U+FFFF (which XML cannot
/// carry) by spaces and trims.
fn clean_label(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| {
            if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' {
                ' '
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim();
    if trimmed.is_empty() {
        String::new()
    } else {
        trimmed.to_string()
    }
}

/// A category or place name for display: cleaned, and "(none)" when nothing is left.
fn name_or_none(s: &str) -> String {
    let name = clean_label(s);
    if name.is_empty() {
        "(none)".into()
    } else {
        name
    }
}

/// Estimated width in pixels: wide (CJK) characters one em, Latin letters, digits and
/// punctuation by rough classes of Noto Sans / Source Han Sans advance widths (a little
/// generous, so estimates err towards room to spare), anything else 0.6 em.
fn text_width(s: &str, px: f64) -> f64 {
    s.chars().map(|c| char_width(c, px)).sum()
}

fn char_width(c: char, px: f64) -> f64 {
    let em = match c {
        ' ' | 'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' => 0.28,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '/' => 0.38,
        'm' | 'w' | 'M' | 'W' => 0.85,
        'A'..='Z' => 0.66,
        '0'..='9' | 'a'..='z' | '$' | '¥' | '€' | '£' => 0.56,
        c => match c.width() {
            Some(2) => 1.0,
            Some(0) | None => 0.0,
            _ => 0.6,
        },
    };
    em * px
}

/// Cuts `s` to at most `max_px` wide, ending it with "…" when cut.
fn truncate(s: &str, max_px: f64, px: f64) -> String {
    if text_width(s, px) <= max_px {
        return s.to_string();
    }
    let budget = max_px - char_width('…', px);
    let mut used = 0.0;
    let mut out = String::new();
    for c in s.chars() {
        used += char_width(c, px);
        if used > budget {
            break;
        }
        out.push(c);
    }
    let mut out = out.trim_end().to_string();
    out.push('…');
    out
}

/// The first of `options` that fits in `max_px` (the last one, cut, if none does).
fn first_fit(options: &[&str], max_px: f64) -> String {
    options
        .iter()
        .find(|o| text_width(o, LABEL_PX) <= max_px)
        .map_or_else(
            || truncate(options.last().unwrap_or(&""), max_px, LABEL_PX),
            |o| o.to_string(),
        )
}

/// Splits `s` into lines at most `max_px` wide: at spaces, or anywhere in runs of wide
/// characters (CJK text has no spaces).
fn wrap(s: &str, max_px: f64, px: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in s.split(' ') {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if text_width(&candidate, px) <= max_px {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word wider than a line is broken by characters.
        for c in word.chars() {
            if text_width(&line, px) + char_width(c, px) > max_px && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.truncate(6);
    lines
}

// ------------------------------------------------------------------------------------------
// Numbers
// ------------------------------------------------------------------------------------------

/// The value if finite, clamped to ±[`MAX_ABS_VALUE`].
fn finite(v: f64) -> Option<f64> {
    v.is_finite()
        .then(|| v.clamp(-MAX_ABS_VALUE, MAX_ABS_VALUE))
}

fn max_of(values: &[f64]) -> f64 {
    values.iter().copied().fold(0.0, f64::max)
}

fn min_of(values: &[f64]) -> f64 {
    values.iter().copied().fold(0.0, f64::min)
}

/// `v` in a short form: `950`, `1.2k`, `12.5k`, `3.4M`, `2B`, `1.5T`. With `step` (the
/// distance between axis ticks) as many decimals as tell neighbouring ticks apart; without,
/// up to one decimal below 100 of the unit (two for values under 10 with cents).
fn compact(v: f64, step: Option<f64>) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let a = v.abs();
    const UNITS: [(f64, &str); 5] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k"), (1.0, "")];
    let mut unit = UNITS
        .iter()
        .position(|(d, _)| a >= *d)
        .unwrap_or(UNITS.len() - 1);
    let decimals = |unit: usize| -> usize {
        let div = UNITS[unit].0;
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
    let mut scaled = a / UNITS[unit].0;
    // 999.96k rounds to 1000k: move to the next unit.
    if unit > 0 && format!("{scaled:.d$}").parse::<f64>().unwrap_or(0.0) >= 1000.0 {
        unit -= 1;
        d = decimals(unit);
        scaled = a / UNITS[unit].0;
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
        UNITS[unit].1
    )
}

/// Money with its currency prefix: `$1.2k`, `−¥300`.
fn money(v: f64, prefix: &str, step: Option<f64>) -> String {
    let digits = compact(v, step);
    match digits.strip_prefix('−') {
        Some(rest) => format!("−{prefix}{rest}"),
        None => format!("{prefix}{digits}"),
    }
}

/// A count for a label: `1,234` below a million, `1.23M` from there.
fn count_text(n: u64) -> String {
    if n >= 1_000_000 {
        return compact(n as f64, None);
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

fn percent_text(part: u64, total: u64) -> String {
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
struct Ticks {
    lo: f64,
    hi: f64,
    step: f64,
    values: Vec<f64>,
}

impl Ticks {
    /// An axis for all-zero data: 0 at the bottom and nothing else.
    fn zero_only() -> Ticks {
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
fn nice_step(raw: f64, integer: bool) -> f64 {
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
fn nice_ticks(min: f64, max: f64, target: usize, integer: bool) -> Ticks {
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
fn outlier_cap(values: &[f64]) -> Option<f64> {
    let mut positive: Vec<f64> = values.iter().copied().filter(|v| *v > 0.0).collect();
    if positive.len() < 3 {
        return None;
    }
    positive.sort_by(|a, b| b.total_cmp(a));
    let (first, second) = (positive[0], positive[1]);
    (first > 4.0 * second).then_some(second * 1.15)
}

/// Least-squares line `(slope, intercept)` through `(x, y)` points; `None` below two points.
fn linear_fit(points: &[(usize, f64)]) -> Option<(f64, f64)> {
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

// ------------------------------------------------------------------------------------------
// Months
// ------------------------------------------------------------------------------------------

/// A month as `year * 12 + (month - 1)`.
fn parse_month(s: &str) -> Result<i32, ChartError> {
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

fn month_label(m: i32) -> String {
    format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1)
}

/// A month series read from [`MonthValue`]s: finite values with their month numbers.
struct MonthSeries {
    points: Vec<(i32, f64)>,
    invalid: usize,
}

impl MonthSeries {
    /// Two series of one chart, or why there is nothing to draw (`empty` when neither has a
    /// value, else how many values were not numbers).
    fn pair(
        a: &[MonthValue],
        b: &[MonthValue],
        empty: &'static str,
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

    fn parse(data: &[MonthValue]) -> Result<MonthSeries, ChartError> {
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

    fn why_empty(&self, message: &'static str) -> Why {
        if self.invalid > 0 {
            Why::Invalid(self.invalid)
        } else {
            Why::Empty(message)
        }
    }
}

/// A contiguous run of months: the x axis of the month charts.
struct MonthAxis {
    first: i32,
    len: usize,
}

impl MonthAxis {
    /// From the first to the last month of all series, at most the last [`MAX_MONTHS`].
    /// At least one series must have a point.
    fn new(series: &[&[(i32, f64)]]) -> MonthAxis {
        let months = series.iter().flat_map(|s| s.iter().map(|p| p.0));
        let (lo, hi) = months.fold((i32::MAX, i32::MIN), |(lo, hi), m| (lo.min(m), hi.max(m)));
        let (lo, hi) = if lo > hi { (0, 0) } else { (lo, hi) };
        let first = lo.max(hi - MAX_MONTHS as i32 + 1);
        MonthAxis {
            first,
            len: (hi - first + 1) as usize,
        }
    }

    fn index(&self, month: i32) -> Option<usize> {
        let i = month - self.first;
        (i >= 0 && (i as usize) < self.len).then_some(i as usize)
    }

    /// Points before the window.
    fn dropped(&self, points: &[(i32, f64)]) -> usize {
        points.iter().filter(|p| p.0 < self.first).count()
    }

    /// Sums per month (zero where there is none).
    fn sums(&self, points: &[(i32, f64)]) -> Vec<f64> {
        let mut out = vec![0.0; self.len];
        for &(m, v) in points {
            if let Some(i) = self.index(m) {
                out[i] = (out[i] + v).clamp(-MAX_ABS_VALUE, MAX_ABS_VALUE);
            }
        }
        out
    }

    /// Means per month that has points, in month order (months without points are gaps).
    fn means(&self, points: &[(i32, f64)]) -> Vec<(usize, f64)> {
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
    fn span(&self, points: &[(i32, f64)]) -> Option<(usize, usize)> {
        let idx = points.iter().filter_map(|p| self.index(p.0));
        idx.fold(None, |acc, i| match acc {
            None => Some((i, i)),
            Some((a, b)) => Some((a.min(i), b.max(i))),
        })
    }

    fn label(&self, i: usize) -> String {
        month_label(self.first + i as i32)
    }

    /// Indices to label so that labels do not overlap in `plot_px`: every month, or every
    /// 2nd, 3rd, 4th, 6th, 12th… on calendar boundaries (so January is labelled when it can).
    fn label_positions(&self, plot_px: f64) -> Vec<f64> {
        let per_label = text_width("2026-03", LABEL_PX) + 14.0;
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
struct Keyed {
    lo: f64,
    hi: f64,
    keys: Vec<f64>,
}

impl Keyed {
    fn new(lo: f64, hi: f64, keys: Vec<f64>) -> Keyed {
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
fn month_plot<'a, 'b>(
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
    let xfmt = |x: &f64| -> String {
        let i = x.round();
        if i >= 0.0 && (i as usize) < axis.len {
            axis.label(i as usize)
        } else {
            String::new()
        }
    };
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
fn xy_plot<'a, 'b>(
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
fn bar_half_width(chart: &Chart, slots: usize) -> f64 {
    let (xr, _) = chart.plotting_area().get_pixel_range();
    let px_per_slot = f64::from((xr.end - xr.start).max(1)) / slots.max(1) as f64;
    0.38f64.min(MAX_BAR_PX / 2.0 / px_per_slot)
}

/// The zero line across the plot (or its bottom when zero is not on the axis).
fn draw_zero_line(chart: &Chart, ticks_lo: f64) -> Result<(), ChartError> {
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
fn draw_bars(
    chart: &Chart,
    axis: &MonthAxis,
    values: &[f64],
    cap: Option<f64>,
    prefix: &str,
) -> Result<(), ChartError> {
    draw_bar_rects(chart, axis, values, cap, BLUE, RED)?;
    let labels: Vec<String> = values.iter().map(|v| money(*v, prefix, None)).collect();
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
fn draw_bar_rects(
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
fn draw_stacks(
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
fn draw_line(chart: &Chart, points: &[(usize, f64)], color: RGBColor) -> Result<(), ChartError> {
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

/// A note in the middle of the plot (e.g. "All months are zero").
fn plot_note(chart: &Chart, note: &str) -> Result<(), ChartError> {
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

// ------------------------------------------------------------------------------------------
// Legends
// ------------------------------------------------------------------------------------------

/// How a legend entry is drawn.
#[derive(Clone, Copy)]
enum Swatch {
    Bar(RGBColor),
    Line(RGBColor),
    Dashed(RGBColor),
}

const LEGEND_ROW: i32 = 20;
const LEGEND_LABEL_MAX: f64 = 150.0;

/// Entries laid out left to right, wrapping: `(x, row)` per entry and the number of rows.
fn legend_layout(width: f64, entries: &[(String, Swatch)]) -> (Vec<(i32, i32, String)>, i32) {
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

fn split_legend<'b>(area: &Area<'b>, entries: &[(String, Swatch)]) -> (Area<'b>, Area<'b>) {
    let (w, _) = area.dim_in_pixel();
    let rows = if entries.is_empty() {
        0
    } else {
        legend_layout(f64::from(w), entries).1
    };
    area.split_vertically((rows * LEGEND_ROW + 4) as u32)
}

fn draw_legend(area: &Area, entries: &[(String, Swatch)]) -> Result<(), ChartError> {
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
struct HBar {
    label: String,
    value: f64,
    text: String,
    color: RGBColor,
}

/// How many bar rows fit in the chart's body.
fn rows_that_fit(style: &ChartStyle, notes: &Notes) -> usize {
    let (_, h) = style.size();
    let title = if style.title.is_some() { PAD + 26 } else { 0 };
    let note = if notes.0.is_empty() { 0 } else { 18 };
    let body = h as i32 - title - note - 2 * PAD;
    (body / ROW_MIN_PX).max(1) as usize
}

/// Keeps the first rows that fit, folding the rest into a last "Other" row (only used for
/// stages, whose order matters and whose values are not comparable counts).
fn fit_rows(mut bars: Vec<HBar>, style: &ChartStyle, notes: &Notes) -> Vec<HBar> {
    let fit = rows_that_fit(style, notes);
    if bars.len() > fit {
        let hidden = bars.len() - (fit - 1).max(1);
        bars.truncate((fit - 1).max(1));
        bars.push(HBar {
            label: format!("{hidden} more stages"),
            value: 0.0,
            text: String::new(),
            color: OTHER_GREY,
        });
    }
    bars
}

/// Named counts as bars, largest first, the tail folded into "Other (N names)".
fn ranked_bars(
    items: &[NamedCount],
    style: &ChartStyle,
    notes: &Notes,
    top_n: usize,
    what: &str,
) -> Vec<HBar> {
    // Merge names that are the same after cleaning; empty names become "(none)".
    let mut merged: HashMap<String, u64> = HashMap::new();
    for item in items {
        let e = merged.entry(name_or_none(&item.name)).or_default();
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
        text: format!("{} ({})", count_text(n), percent_text(n, total)),
        color,
    };
    let mut bars: Vec<HBar> = ranked
        .into_iter()
        .map(|(name, n)| bar(name, n, BLUE))
        .collect();
    if !rest.is_empty() {
        let n = rest.iter().fold(0u64, |t, e| t.saturating_add(e.1));
        bars.push(bar(
            format!("Other ({} {what})", count_text(rest.len() as u64)),
            n,
            OTHER_GREY,
        ));
    }
    bars
}

fn named_bars(
    items: &[NamedCount],
    style: &ChartStyle,
    top_n: usize,
    empty: &'static str,
    what: &str,
) -> Result<String, ChartError> {
    if items.iter().all(|i| i.count == 0) {
        return Ok(empty_chart(style, &Why::Empty(empty)));
    }
    let notes = Notes::default();
    let bars = ranked_bars(items, style, &notes, top_n, what);
    render(style, &notes, |area| draw_hbars(area, &bars))
}

/// Horizontal bars: labels right-aligned on the left, bars from the zero line, value text at
/// each bar's end. Rows share the height (at most 56 px each, the block centred). One bar
/// more than four times the next largest is cut with a break mark, like the month charts.
fn draw_hbars(area: &Area, bars: &[HBar]) -> Result<(), ChartError> {
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

// ------------------------------------------------------------------------------------------
// Heat map
// ------------------------------------------------------------------------------------------

fn heat_color(t: f64) -> RGBColor {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (a, b, u) = if t < 0.5 {
        (HEAT[0], HEAT[1], t * 2.0)
    } else {
        (HEAT[1], HEAT[2], t * 2.0 - 1.0)
    };
    let mix = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * u).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

fn draw_heatmap(area: &Area, grid: &[[u64; 5]; 5], max: u64) -> Result<(), ChartError> {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let (left, bottom, legend_w) = (44, 44, 64);
    let cell = ((w - left - legend_w - 2 * PAD) / 5)
        .min((h - bottom - 2 * PAD) / 5)
        .max(8);
    let grid_w = cell * 5;
    let gx = left + PAD + ((w - left - legend_w - 2 * PAD - grid_w) / 2).max(0);
    let gy = PAD;
    let scale = |n: u64| (n as f64 / max as f64).sqrt();
    for (r, column) in grid.iter().enumerate() {
        for (f, &n) in column.iter().enumerate() {
            let x = gx + r as i32 * cell;
            let y = gy + (4 - f as i32) * cell;
            let t = scale(n);
            let fill = if n == 0 {
                RGBColor(0xF7, 0xF8, 0xFA)
            } else {
                heat_color(t)
            };
            area.draw(&Rectangle::new(
                [(x + 1, y + 1), (x + cell - 1, y + cell - 1)],
                fill.filled(),
            ))
            .map_err(draw_err)?;
            let ink = if n == 0 {
                FAINT
            } else if t > 0.55 {
                BACKGROUND
            } else {
                INK
            };
            let label = if cell >= 44 {
                count_text(n)
            } else {
                compact(n as f64, None)
            };
            let label = truncate(&label, f64::from(cell - 4), LABEL_PX);
            text(
                area,
                &label,
                (x + cell / 2, y + cell / 2),
                LABEL_PX,
                ink,
                HPos::Center,
                VPos::Center,
            )?;
        }
    }
    // Score ticks and axis names.
    for k in 0..5 {
        let s = (k + 1).to_string();
        text(
            area,
            &s,
            (gx + k * cell + cell / 2, gy + grid_w + 10),
            LABEL_PX,
            MUTED,
            HPos::Center,
            VPos::Center,
        )?;
        text(
            area,
            &s,
            (gx - 10, gy + (4 - k) * cell + cell / 2),
            LABEL_PX,
            MUTED,
            HPos::Right,
            VPos::Center,
        )?;
    }
    let x_name = first_fit(
        &[
            "Recency score (5 = bought most recently)",
            "Recency score",
            "R",
        ],
        f64::from(grid_w + 40),
    );
    text(
        area,
        &x_name,
        (gx + grid_w / 2, gy + grid_w + 30),
        LABEL_PX,
        INK,
        HPos::Center,
        VPos::Center,
    )?;
    let y_name = first_fit(
        &["Frequency score (5 = most orders)", "Frequency score", "F"],
        f64::from(grid_w),
    );
    let rotated = font(LABEL_PX, false)
        .transform(FontTransform::Rotate270)
        .color(&INK)
        .pos(Pos::new(HPos::Center, VPos::Center));
    area.draw_text(&y_name, &rotated, (gx - 32, gy + grid_w / 2))
        .map_err(draw_err)?;
    // Colour scale: dark (max) at the top to light (0) at the bottom.
    let lx = gx + grid_w + 20;
    let steps = 24;
    let bar_h = grid_w - 20;
    for s in 0..steps {
        let t = 1.0 - s as f64 / (steps - 1) as f64;
        let y0 = gy + 10 + bar_h * s / steps;
        let y1 = gy + 10 + bar_h * (s + 1) / steps;
        area.draw(&Rectangle::new(
            [(lx, y0), (lx + 12, y1)],
            heat_color(t).filled(),
        ))
        .map_err(draw_err)?;
    }
    text(
        area,
        &compact(max as f64, None),
        (lx + 18, gy + 10),
        LABEL_PX,
        MUTED,
        HPos::Left,
        VPos::Center,
    )?;
    text(
        area,
        "0",
        (lx + 18, gy + 10 + bar_h),
        LABEL_PX,
        MUTED,
        HPos::Left,
        VPos::Center,
    )?;
    Ok(())
}

// ------------------------------------------------------------------------------------------
// Histogram
// ------------------------------------------------------------------------------------------

/// Histogram bins: `counts[i]` holds values in `[lo + i·step, lo + (i+1)·step)`; `overflow`
/// counts values at or above `lo + counts.len()·step` when the range was capped.
struct Bins {
    lo: f64,
    step: f64,
    counts: Vec<u64>,
    overflow: Option<u64>,
}

impl Bins {
    /// Bins for finite `values` (not empty) on a chart `width` pixels wide.
    fn new(values: &[f64], width: f64) -> Bins {
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

    fn edge(&self, i: usize) -> f64 {
        self.lo + i as f64 * self.step
    }
}

fn draw_histogram(area: &Area, bins: &Bins, prefix: &str) -> Result<(), ChartError> {
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
    let ycount = |v: &f64| compact(*v, Some(ticks.step));
    let y_label_w = ticks
        .values
        .iter()
        .map(|v| text_width(&ycount(v), LABEL_PX))
        .fold(0.0, f64::max);
    // Edge labels, thinned so they do not overlap.
    let edge_fmt = |v: f64| money(v, prefix, Some(bins.step));
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
        Some(_) => format!(
            "Lifetime value — bins capped at the 99th percentile; grey bar: {} and above",
            money(bins.edge(n), prefix, None)
        ),
        None => "Lifetime value per customer".to_string(),
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

// ------------------------------------------------------------------------------------------
// Satisfaction panels
// ------------------------------------------------------------------------------------------

fn draw_satisfaction(
    area: &Area,
    axis: &MonthAxis,
    csat: &[(usize, f64)],
    nps: &[(usize, f64)],
) -> Result<(), ChartError> {
    let (_, h) = area.dim_in_pixel();
    let (top, bottom) = area.split_vertically(h.saturating_sub(22) / 2);
    // The 1–5 rating scale; averages outside it (not Kith's scale) widen the axis to fit.
    let csat_lo = csat.iter().map(|p| p.1).fold(1.0, f64::min);
    let csat_hi = csat.iter().map(|p| p.1).fold(5.0, f64::max);
    let csat_ticks = if csat_lo >= 1.0 && csat_hi <= 5.0 {
        Ticks {
            lo: 1.0,
            hi: 5.0,
            step: 1.0,
            values: vec![1.0, 2.0, 3.0, 4.0, 5.0],
        }
    } else {
        nice_ticks(csat_lo, csat_hi, 4, false)
    };
    let nps_ticks = Ticks {
        lo: -100.0,
        hi: 100.0,
        step: 50.0,
        values: vec![-100.0, -50.0, 0.0, 50.0, 100.0],
    };
    let csat_fmt = |v: f64| compact(v, Some(csat_ticks.step));
    let nps_fmt = |v: f64| {
        if v > 0.0 {
            format!("+{v}")
        } else {
            compact(v, Some(50.0))
        }
    };
    // Both panels get the same y-label width so that their plots line up.
    let label_w = csat_ticks
        .values
        .iter()
        .map(|v| csat_fmt(*v))
        .chain(nps_ticks.values.iter().map(|v| nps_fmt(*v)))
        .map(|s| text_width(&s, LABEL_PX))
        .fold(0.0, f64::max);
    let (w, _) = area.dim_in_pixel();
    let plot_w = f64::from(w) - label_w - 14.0 - 2.0 * f64::from(PAD);
    let xs = axis.label_positions(plot_w);
    let x_range = || Keyed::new(-0.5, axis.len as f64 - 0.5, xs.clone());
    let no_x = |_: &f64| String::new();
    let xfmt = |x: &f64| {
        let i = x.round();
        if i >= 0.0 && (i as usize) < axis.len {
            axis.label(i as usize)
        } else {
            String::new()
        }
    };
    /// One of the two panels.
    struct Panel<'p, 'b> {
        area: &'p Area<'b>,
        name: &'static str,
        points: &'p [(usize, f64)],
        ticks: &'p Ticks,
        fmt: &'p dyn Fn(f64) -> String,
        color: RGBColor,
        is_nps: bool,
    }
    let panels = [
        Panel {
            area: &top,
            name: "CSAT (average rating, 1–5)",
            points: csat,
            ticks: &csat_ticks,
            fmt: &csat_fmt,
            color: BLUE,
            is_nps: false,
        },
        Panel {
            area: &bottom,
            name: "NPS (−100 to +100)",
            points: nps,
            ticks: &nps_ticks,
            fmt: &nps_fmt,
            color: TEAL,
            is_nps: true,
        },
    ];
    // The bottom panel (NPS) carries the month labels.
    for Panel {
        area: panel,
        name,
        points,
        ticks,
        fmt,
        color,
        is_nps,
    } in panels
    {
        text(
            panel,
            name,
            (PAD + 2, 12),
            LABEL_PX,
            INK,
            HPos::Left,
            VPos::Center,
        )?;
        let yfmt = |v: &f64| fmt(*v);
        let xf: &dyn Fn(&f64) -> String = if is_nps { &xfmt } else { &no_x };
        let chart = xy_plot(panel, x_range(), ticks, xf, &yfmt, label_w, None, 30)?;
        if ticks.lo < 0.0 {
            draw_zero_line(&chart, ticks.lo)?;
        }
        if points.is_empty() {
            plot_note(&chart, "No answers in these months")?;
            continue;
        }
        draw_line(&chart, points, color)?;
        if let Some(&(i, v)) = points.last() {
            let label = if is_nps {
                nps_fmt(v.round())
            } else {
                compact(v, Some(0.1))
            };
            let st = text_style(LABEL_PX, color, HPos::Center, VPos::Bottom);
            chart
                .plotting_area()
                .draw(&(EmptyElement::at((i as f64, v)) + Text::new(label, (0, -6), st)))
                .map_err(draw_err)?;
        }
    }
    Ok(())
}

// ------------------------------------------------------------------------------------------
// Fonts for PNG export
// ------------------------------------------------------------------------------------------

/// The system font database, loaded once, and the sans-serif family chosen for it.
struct Fonts {
    db: Arc<fontdb::Database>,
    sans_family: String,
}

/// usvg options for PNG export: the system fonts, our sans-serif default, CJK-first fallback.
fn png_options() -> usvg::Options<'static> {
    let fonts = system_fonts();
    let mut options = usvg::Options {
        fontdb: fonts.db.clone(),
        font_family: fonts.sans_family.clone(),
        ..usvg::Options::default()
    };
    options.font_resolver.select_fallback = cjk_first_fallback();
    options
}

/// Families preferred for CJK characters, Simplified Chinese first.
const CJK_FAMILIES: [&str; 8] = [
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "WenQuanYi Micro Hei",
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
];

fn system_fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        let has = |name: &str| {
            db.faces()
                .any(|f| f.families.iter().any(|(n, _)| n == name))
        };
        let sans = [
            "Noto Sans",
            "Segoe UI",
            "Helvetica Neue",
            "Arial",
            "DejaVu Sans",
            "Liberation Sans",
        ]
        .into_iter()
        .chain(CJK_FAMILIES)
        .find(|f| has(f))
        .unwrap_or("sans-serif")
        .to_string();
        db.set_sans_serif_family(sans.clone());
        Fonts {
            db: Arc::new(db),
            sans_family: sans,
        }
    })
}

/// Font fallback that tries the CJK families in [`CJK_FAMILIES`] order for wide (East Asian)
/// characters before any other font, so Chinese text gets Simplified Chinese glyph forms
/// rather than those of the first CJK face in the database (often Japanese). A family that
/// lacks the character is skipped by usvg, which asks again with it marked used.
fn cjk_first_fallback() -> usvg::FallbackSelectionFn<'static> {
    let default = usvg::FontResolver::default_fallback_selector();
    Box::new(move |c, used, db| {
        if c.width() == Some(2) {
            for family in CJK_FAMILIES {
                let families = [fontdb::Family::Name(family)];
                let query = fontdb::Query {
                    families: &families,
                    ..Default::default()
                };
                if let Some(id) = db.query(&query)
                    && !used.contains(&id)
                {
                    return Some(id);
                }
            }
        }
        default(c, used, db)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_numbers() {
        assert_eq!(compact(0.0, None), "0");
        assert_eq!(compact(950.0, None), "950");
        assert_eq!(compact(1200.0, None), "1.2k");
        assert_eq!(compact(12_345.0, None), "12.3k");
        assert_eq!(compact(3_400_000.0, None), "3.4M");
        assert_eq!(compact(999_960.0, None), "1M");
        assert_eq!(compact(-1500.0, None), "−1.5k");
        assert_eq!(compact(9.99, None), "9.99");
        assert_eq!(compact(2500.0, Some(500.0)), "2.5k");
        assert_eq!(compact(1250.0, Some(250.0)), "1.25k");
        assert_eq!(compact(-0.0, None), "0");
        assert_eq!(compact(f64::NAN, None), "0");
        assert_eq!(money(-300.0, "¥", None), "−¥300");
        assert_eq!(count_text(1_234_567), "1.2M");
        assert_eq!(count_text(12_345), "12,345");
    }

    #[test]
    fn ticks_are_nice_and_cover() {
        let t = nice_ticks(-120.0, 980.0, 5, false);
        assert_eq!(t.step, 250.0);
        assert_eq!(t.lo, -250.0);
        assert_eq!(t.hi, 1000.0);
        assert_eq!(t.values.len(), 6);
        let t = nice_ticks(0.0, 80.0, 5, false);
        assert_eq!((t.lo, t.hi, t.step), (0.0, 80.0, 20.0));
        let t = nice_ticks(0.0, 82.0, 5, false);
        assert_eq!((t.lo, t.hi, t.step), (0.0, 82.0, 20.0));
        assert_eq!(t.values, [0.0, 20.0, 40.0, 60.0, 80.0]);
        let t = nice_ticks(0.0, 3.0, 5, true);
        assert_eq!(t.step, 1.0);
        let t = nice_ticks(0.0, 120.0, 5, true);
        assert_eq!(t.step, 25.0);
        let t = nice_ticks(0.0, 0.0, 5, false);
        assert!(t.hi > t.lo);
    }

    #[test]
    fn months_parse_and_label() {
        let m = parse_month("2026-03").unwrap();
        assert_eq!(month_label(m), "2026-03");
        assert_eq!(parse_month("2026-03-15").unwrap(), m);
        assert!(parse_month("2026-13").is_err());
        assert!(parse_month("03/2026").is_err());
        assert!(parse_month("2026-3").is_err());
        assert!(parse_month("").is_err());
    }

    #[test]
    fn truncation_counts_wide_characters() {
        assert_eq!(
            truncate("上海市浦东新区张江高科技园区", 5.0 * 12.0, 12.0),
            "上海市浦…"
        );
        assert_eq!(truncate("short", 100.0, 12.0), "short");
        assert!(text_width(&truncate(&"x".repeat(500), 80.0, 12.0), 12.0) <= 80.0);
    }

    /// The glyphs usvg lays out for `svg`'s text, with the family of the font of each.
    fn glyph_fonts(svg: &str) -> Vec<(String, u32, String)> {
        let options = png_options();
        let tree = usvg::Tree::from_str(svg, &options).unwrap();
        let mut out = Vec::new();
        let mut stack = vec![tree.root().clone()];
        while let Some(group) = stack.pop() {
            for node in group.children() {
                match node {
                    usvg::Node::Group(g) => stack.push((**g).clone()),
                    usvg::Node::Text(t) => {
                        for span in t.layouted() {
                            for g in &span.positioned_glyphs {
                                let face = tree.fontdb().face(g.font).unwrap();
                                let family = face.families[0].0.clone();
                                out.push((g.text.clone(), g.id.0, family));
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        out
    }

    #[test]
    fn png_export_draws_chinese_with_a_simplified_chinese_font() {
        let fonts = system_fonts();
        let installed = |name: &str| {
            fonts
                .db
                .faces()
                .any(|f| f.families.iter().any(|(n, _)| n == name))
        };
        let Some(cjk) = CJK_FAMILIES.iter().take(5).find(|f| installed(f)) else {
            eprintln!(
                "SKIPPED: no Simplified Chinese font installed (Debian: apt-get install \
                 fonts-noto-cjk); PNG export would draw Chinese with whatever font has it"
            );
            return;
        };
        let style = ChartStyle::default();
        let svg = segment_sizes(&[NamedCount::new("上海 Shanghai", 3)], &style).unwrap();
        let glyphs = glyph_fonts(&svg);
        let chinese: Vec<_> = glyphs
            .iter()
            .filter(|g| g.0 == "上" || g.0 == "海")
            .collect();
        assert_eq!(chinese.len(), 2, "{glyphs:?}");
        for (text, id, family) in chinese {
            assert_ne!(
                *id, 0,
                "{text} is drawn with a real glyph, not .notdef (tofu)"
            );
            assert_eq!(family, cjk, "{text} uses the Simplified Chinese font");
        }
        assert!(
            glyphs.iter().all(|g| g.1 != 0),
            "no missing glyphs at all: {glyphs:?}"
        );
    }

    #[test]
    fn png_fallback_from_a_latin_font_prefers_simplified_chinese() {
        // Where a Latin font of the list is installed (Noto Sans on many Linux desktops),
        // Chinese falls back per character: to the SC face, not the first CJK face found.
        let fonts = system_fonts();
        let installed = |name: &str| {
            fonts
                .db
                .faces()
                .any(|f| f.families.iter().any(|(n, _)| n == name))
        };
        let (Some(latin), Some(cjk)) = (
            ["DejaVu Sans", "Liberation Sans", "Arial"]
                .into_iter()
                .find(|f| installed(f)),
            CJK_FAMILIES.iter().take(5).find(|f| installed(f)),
        ) else {
            eprintln!("SKIPPED: needs a Latin font and a Simplified Chinese font installed");
            return;
        };
        let svg = format!(
            "<svg xmlns='http://www.w3.org/2000/svg' width='200' height='50'>\
             <text x='5' y='30' font-family='{latin}' font-size='20'>Ab 上海</text></svg>"
        );
        let glyphs = glyph_fonts(&svg);
        let by = |t: &str| glyphs.iter().find(|g| g.0 == t).map(|g| g.2.as_str());
        // (usvg then draws the whole run with the fallback font, since it has every glyph.)
        assert_eq!(by("上"), Some(*cjk), "{glyphs:?}");
        assert_eq!(by("海"), Some(*cjk), "{glyphs:?}");
    }

    #[test]
    fn bins_cap_skewed_data() {
        let mut v: Vec<f64> = (0..1000).map(|i| f64::from(i % 100) * 10.0).collect();
        v.push(1_000_000.0);
        v.extend([500_000.0; 9]);
        v.push(800_000.0);
        let b = Bins::new(&v, 640.0);
        assert!(b.overflow.is_some());
        let total: u64 = b.counts.iter().sum::<u64>() + b.overflow.unwrap();
        assert_eq!(total as usize, v.len());
        let one = Bins::new(&[42.0; 10], 640.0);
        assert_eq!(one.counts.iter().sum::<u64>(), 10);
    }
}
