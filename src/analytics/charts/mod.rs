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
//!   "No orders yet — revenue appears here after the first order" (暂无订单——首笔订单后这里会
//!   显示收入). A month chart whose values are all zero shows its axis with the note "All
//!   months are zero". Whatever is
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
//! # Languages
//!
//! Every word a chart draws — its messages, footnotes, legends, axis names, "Other" and
//! "(none)" — comes from one table in `words.rs`, one match arm per message with its English and
//! Simplified Chinese, chosen by [`ChartStyle::language`] ([`Language::En`] by default). A
//! Chinese chart also writes large numbers in 万 (10⁴) and 亿 (10⁸) instead of k and M
//! (`¥1.2万`, `3.4亿`; money keeps its currency symbol), and months as `2026年3月` where an axis
//! starts and where a year begins, `3月` between. The names in the data (stages the user
//! renamed, segments, cities, categories) are drawn as they are, in any language.

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

mod bars;
mod fonts;
mod frame;
mod heat;
mod histogram;
mod months;
mod numbers;
mod satisfaction;
mod text;
mod words;

use bars::*;
use fonts::*;
use frame::*;
use heat::*;
use histogram::*;
use months::*;
use numbers::*;
use satisfaction::*;
use text::*;
use words::{Msg, Things};

pub use words::Language;

// Named, so they win over the colours of the same names in plotters' prelude.
use frame::{BLUE, RED};

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
    /// The language of the words drawn and of large numbers' units (default English).
    #[serde(default)]
    pub language: Language,
}

impl Default for ChartStyle {
    fn default() -> Self {
        ChartStyle {
            width: 640,
            height: 360,
            currency: "USD".into(),
            title: None,
            language: Language::En,
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
// Public chart functions
// ------------------------------------------------------------------------------------------

/// Revenue by month as bars on a currency axis (`$1.2k`, `$3.4M`; `¥1.2万`, `¥3.4亿` in Chinese).
///
/// Months between the first and last are shown (missing ones as zero); negative months
/// (refunds above sales) are red bars below the zero line. One month far above the rest is
/// drawn cut with a break mark and its value, so the other months stay readable.
pub fn revenue_by_month(data: &[MonthValue], style: &ChartStyle) -> Result<String, ChartError> {
    let series = MonthSeries::parse(data)?;
    if series.points.is_empty() {
        return Ok(empty_chart(style, &series.why_empty(Msg::EmptyRevenue)));
    }
    let lang = style.language;
    let axis = MonthAxis::new(&[&series.points], lang);
    let values = axis.sums(&series.points);
    let prefix = style.money_prefix();
    let mut notes = Notes::new(style);
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
        let yfmt = |v: f64| money(v, &prefix, Some(ticks.step), lang);
        let chart = month_plot(area, &axis, &ticks, &yfmt, 14)?;
        draw_bars(&chart, &axis, &values, cap, &prefix)?;
        if all_zero {
            plot_note(&chart, &lang.say(Msg::AllMonthsZero))?;
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
            Why::Empty(Msg::EmptyFunnel)
        };
        return Ok(empty_chart(style, &why));
    }
    let lang = style.language;
    let prefix = style.money_prefix();
    let by_value = any_value;
    let bars: Vec<HBar> = rows
        .into_iter()
        .map(|(stage, count, value)| {
            let deals = lang.say(Msg::Deals(count));
            HBar {
                label: stage,
                value: if by_value { value } else { count as f64 },
                text: if by_value {
                    match lang {
                        Language::En => format!("{} ({deals})", money(value, &prefix, None, lang)),
                        Language::Zh => format!("{}（{deals}）", money(value, &prefix, None, lang)),
                    }
                } else {
                    deals
                },
                color: if value < 0.0 { RED } else { BLUE },
            }
        })
        .collect();
    let mut notes = Notes::new(style);
    notes.invalid(invalid);
    if !by_value {
        notes.push(Msg::BarsShowDealCounts);
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
    let (pipeline, won) = match MonthSeries::pair(weighted_pipeline, won, Msg::EmptyForecast)? {
        Ok(pair) => pair,
        Err(why) => return Ok(empty_chart(style, &why)),
    };
    let lang = style.language;
    let axis = MonthAxis::new(&[&pipeline.points, &won.points], lang);
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
    let mut notes = Notes::new(style);
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
        let yfmt = |v: f64| money(v, &prefix, Some(ticks.step), lang);
        let mut legend = Vec::new();
        if !pipeline.points.is_empty() {
            legend.push((lang.say(Msg::WeightedPipeline), Swatch::Bar(LIGHT_BLUE)));
        }
        if !won_line.is_empty() {
            legend.push((lang.say(Msg::WonRevenue), Swatch::Line(BLUE)));
        }
        if trend.is_some() {
            legend.push((lang.say(Msg::WonTrend), Swatch::Dashed(ORANGE)));
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
            plot_note(&chart, &lang.say(Msg::AllMonthsZero))?;
        }
        Ok(())
    })
}

/// Segment sizes: one horizontal bar per segment, largest first, with count and share.
/// Segments beyond what fits are folded into "Other".
pub fn segment_sizes(segments: &[NamedCount], style: &ChartStyle) -> Result<String, ChartError> {
    named_bars(
        segments,
        style,
        usize::MAX,
        Msg::EmptySegments,
        Things::Segments,
    )
}

/// Customers by city or region: the `top_n` largest (fewer if they do not fit) as
/// horizontal bars, largest first, and the rest as one "Other" bar.
pub fn customers_by_region(
    places: &[NamedCount],
    top_n: usize,
    style: &ChartStyle,
) -> Result<String, ChartError> {
    named_bars(
        places,
        style,
        top_n.max(1),
        Msg::EmptyRegions,
        Things::Places,
    )
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
            Why::Empty(Msg::EmptyRf)
        };
        return Ok(empty_chart(style, &why));
    }
    let mut notes = Notes::new(style);
    if outside > 0 {
        notes.push(Msg::OutsideScoresLeftOut(outside));
    }
    render(style, &notes, |area| {
        draw_heatmap(area, &grid, max, style.language)
    })
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
            Why::Empty(Msg::EmptyClv)
        };
        return Ok(empty_chart(style, &why));
    }
    let prefix = style.money_prefix();
    let (w, _) = style.size();
    let bins = Bins::new(&clean, f64::from(w));
    let mut notes = Notes::new(style);
    notes.invalid(invalid);
    render(style, &notes, |area| {
        draw_histogram(area, &bins, &prefix, style.language)
    })
}

/// Satisfaction by month in two panels sharing the month axis: CSAT (average rating, 1–5)
/// on top and NPS (−100 to 100, zero line marked) below. Months without answers are gaps in
/// the lines, not zeros; the latest value of each is written at its end.
pub fn satisfaction_trend(
    csat: &[MonthValue],
    nps: &[MonthValue],
    style: &ChartStyle,
) -> Result<String, ChartError> {
    let (csat, nps) = match MonthSeries::pair(csat, nps, Msg::EmptySatisfaction)? {
        Ok(pair) => pair,
        Err(why) => return Ok(empty_chart(style, &why)),
    };
    let axis = MonthAxis::new(&[&csat.points, &nps.points], style.language);
    let csat_points = axis.means(&csat.points);
    let nps_points: Vec<(usize, f64)> = axis
        .means(&nps.points)
        .into_iter()
        .map(|(i, v)| (i, v.clamp(-100.0, 100.0)))
        .collect();
    let mut notes = Notes::new(style);
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
    let lang = style.language;
    let mut points = Vec::with_capacity(tickets.len());
    for t in tickets {
        let month = parse_month(&t.month)?;
        if t.count > 0 {
            points.push((month, name_or_none(&t.category, lang), t.count));
        }
    }
    if points.is_empty() {
        return Ok(empty_chart(style, &Why::Empty(Msg::EmptyTickets)));
    }
    let month_points: Vec<(i32, f64)> = points.iter().map(|p| (p.0, 0.0)).collect();
    let axis = MonthAxis::new(&[&month_points], lang);
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

    let mut notes = Notes::new(style);
    notes.months(dropped);
    if axis.len == 1 {
        let items: Vec<NamedCount> = ranked
            .into_iter()
            .map(|(name, count)| NamedCount { name, count })
            .collect();
        let bars = ranked_bars(&items, style, &notes, usize::MAX, Things::Categories);
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
            lang.say(Msg::Other(n as u64, Things::Categories)),
            Swatch::Bar(OTHER_GREY),
        ));
    }
    render(style, &notes, |area| {
        let totals: Vec<f64> = (0..axis.len)
            .map(|i| stacks.iter().map(|s| s[i]).sum::<f64>())
            .collect();
        let ticks = nice_ticks(0.0, max_of(&totals) * 1.04, 5, true);
        let yfmt = |v: f64| compact(v, Some(ticks.step), lang);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_numbers() {
        use Language::{En, Zh};
        assert_eq!(compact(0.0, None, En), "0");
        assert_eq!(compact(950.0, None, En), "950");
        assert_eq!(compact(1200.0, None, En), "1.2k");
        assert_eq!(compact(12_345.0, None, En), "12.3k");
        assert_eq!(compact(3_400_000.0, None, En), "3.4M");
        assert_eq!(compact(999_960.0, None, En), "1M");
        assert_eq!(compact(-1500.0, None, En), "−1.5k");
        assert_eq!(compact(9.99, None, En), "9.99");
        assert_eq!(compact(2500.0, Some(500.0), En), "2.5k");
        assert_eq!(compact(1250.0, Some(250.0), En), "1.25k");
        assert_eq!(compact(-0.0, None, En), "0");
        assert_eq!(compact(f64::NAN, None, En), "0");
        assert_eq!(money(-300.0, "¥", None, En), "−¥300");
        assert_eq!(count_text(1_234_567, En), "1.2M");
        assert_eq!(count_text(12_345, En), "12,345");
        // Chinese counts large numbers in 万 (10⁴) and 亿 (10⁸).
        assert_eq!(compact(950.0, None, Zh), "950");
        assert_eq!(compact(9_999.0, None, Zh), "9999");
        assert_eq!(compact(12_000.0, None, Zh), "1.2万");
        assert_eq!(compact(123_456.0, None, Zh), "12.3万");
        assert_eq!(compact(340_000_000.0, None, Zh), "3.4亿");
        assert_eq!(
            compact(99_996_000.0, None, Zh),
            "1亿",
            "10000万 is written 1亿"
        );
        assert_eq!(compact(2e12, None, Zh), "2万亿");
        assert_eq!(compact(-15_000.0, None, Zh), "−1.5万");
        assert_eq!(compact(25_000.0, Some(5_000.0), Zh), "2.5万");
        assert_eq!(money(1_200_000.0, "¥", None, Zh), "¥120万");
        assert_eq!(money(-30_000.0, "¥", None, Zh), "−¥3万");
        assert_eq!(count_text(12_345, Zh), "12,345");
        assert_eq!(count_text(123_456, Zh), "12.3万");
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
        assert_eq!(Language::En.month(m, false), "2026-03");
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
    fn a_chinese_chart_exports_to_png_with_every_glyph() {
        let fonts = system_fonts();
        let installed = |name: &str| {
            fonts
                .db
                .faces()
                .any(|f| f.families.iter().any(|(n, _)| n == name))
        };
        let style = ChartStyle {
            language: Language::Zh,
            ..ChartStyle::with_currency("CNY")
        };
        let data: Vec<MonthValue> = (1..=6)
            .map(|m| MonthValue::new(format!("2026-{m:02}"), 12_000.0 * f64::from(m)))
            .collect();
        for svg in [
            revenue_by_month(&[], &style).unwrap(),
            revenue_by_month(&data, &style).unwrap(),
        ] {
            let png = svg_to_png(&svg, 2.0).unwrap();
            assert!(png.starts_with(b"\x89PNG"), "a PNG image");
            if !CJK_FAMILIES.iter().take(5).any(|f| installed(f)) {
                eprintln!("SKIPPED glyph check: no Simplified Chinese font installed");
                continue;
            }
            let glyphs = glyph_fonts(&svg);
            assert!(
                glyphs.iter().any(|g| g.0 == "万" || g.0 == "订"),
                "the Chinese words are laid out: {glyphs:?}"
            );
            assert!(
                glyphs.iter().all(|g| g.1 != 0),
                "every character has a real glyph, none is tofu: {glyphs:?}"
            );
        }
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
