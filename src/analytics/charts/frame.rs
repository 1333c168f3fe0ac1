//! The charts' shared look (palette, sizes), the empty states and footnotes (their words are in
//! `words.rs`), and the SVG frame every chart is drawn in.

use super::*;

pub(super) const LABEL_PX: f64 = 12.0;
pub(super) const NOTE_PX: f64 = 11.0;
pub(super) const TITLE_PX: f64 = 14.0;
pub(super) const MESSAGE_PX: f64 = 14.0;
/// Plotters' SVG backend writes `font-size` as the requested size divided by 1.24.
pub(super) const PLOTTERS_FONT_SCALE: f64 = 1.24;

pub(super) const BACKGROUND: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);
pub(super) const INK: RGBColor = RGBColor(0x37, 0x41, 0x51);
pub(super) const MUTED: RGBColor = RGBColor(0x6B, 0x72, 0x80);
pub(super) const FAINT: RGBColor = RGBColor(0x9C, 0xA3, 0xAF);
pub(super) const GRID: RGBColor = RGBColor(0xE5, 0xE7, 0xEB);
pub(super) const BASELINE: RGBColor = RGBColor(0xB8, 0xBE, 0xC7);
pub(super) const BLUE: RGBColor = RGBColor(0x4E, 0x79, 0xA7);
pub(super) const LIGHT_BLUE: RGBColor = RGBColor(0xA8, 0xC4, 0xE0);
pub(super) const ORANGE: RGBColor = RGBColor(0xF2, 0x8E, 0x2B);
pub(super) const RED: RGBColor = RGBColor(0xE1, 0x57, 0x59);
pub(super) const TEAL: RGBColor = RGBColor(0x59, 0xA5, 0x9F);
pub(super) const GREEN: RGBColor = RGBColor(0x59, 0xA1, 0x4F);
pub(super) const PURPLE: RGBColor = RGBColor(0xAF, 0x7A, 0xA1);
pub(super) const GOLD: RGBColor = RGBColor(0xE0, 0xB6, 0x3C);
pub(super) const OTHER_GREY: RGBColor = RGBColor(0xBA, 0xB0, 0xAC);
/// Series colours for stacked categories, in order; "Other" is always [`OTHER_GREY`].
pub(super) const SERIES: [RGBColor; 6] = [BLUE, ORANGE, TEAL, PURPLE, GOLD, GREEN];
/// Heat map scale, light to dark.
pub(super) const HEAT: [RGBColor; 3] = [
    RGBColor(0xEE, 0xF3, 0xF8),
    RGBColor(0x7F, 0xA8, 0xCF),
    RGBColor(0x1F, 0x4E, 0x79),
];

pub(super) const PAD: i32 = 10;
pub(super) const MAX_BAR_PX: f64 = 44.0;
pub(super) const ROW_MIN_PX: i32 = 18;

// ------------------------------------------------------------------------------------------
// Empty states and notes
// ------------------------------------------------------------------------------------------

/// Why a chart has nothing to draw.
pub(super) enum Why {
    /// No data (the chart's own message).
    Empty(Msg<'static>),
    /// Only values that are not numbers (how many).
    Invalid(usize),
    /// Only heat map cells with scores outside 1–5 (how many).
    OutsideScores(usize),
}

/// Footnotes under a chart: what was left out and why, in the chart's language.
pub(super) struct Notes {
    pub(super) lang: Language,
    pub(super) lines: Vec<String>,
}

impl Notes {
    pub(super) fn new(style: &ChartStyle) -> Notes {
        Notes {
            lang: style.language,
            lines: Vec::new(),
        }
    }
    pub(super) fn push(&mut self, note: Msg) {
        self.lines.push(self.lang.say(note));
    }
    pub(super) fn invalid(&mut self, n: usize) {
        if n > 0 {
            self.push(Msg::InvalidLeftOut(n));
        }
    }
    pub(super) fn months(&mut self, older: usize) {
        if older > 0 {
            self.push(Msg::LastMonthsShown(MAX_MONTHS));
        }
    }
    pub(super) fn text(&self) -> Option<String> {
        let separator = match self.lang {
            Language::En => "; ",
            Language::Zh => "；",
        };
        (!self.lines.is_empty()).then(|| self.lines.join(separator))
    }
}

/// The SVG for a chart with nothing to draw: the title (if any) and why, centred.
pub(super) fn empty_chart(style: &ChartStyle, why: &Why) -> String {
    let message = style.language.say(match why {
        Why::Empty(m) => *m,
        Why::Invalid(n) => Msg::AllInvalid(*n),
        Why::OutsideScores(n) => Msg::AllOutsideScores(*n),
    });
    let drawn = render(style, &Notes::new(style), |area| {
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

pub(super) fn xml_escape(s: &str) -> String {
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

pub(super) type Area<'b> = DrawingArea<SVGBackend<'b>, Shift>;
pub(super) type Coord = Cartesian2d<Keyed, Keyed>;
pub(super) type Chart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Coord>;

pub(super) fn draw_err(e: impl Display) -> ChartError {
    ChartError::Draw(e.to_string())
}

/// Draws the background, the title and the footnote, and gives `body` the area between.
pub(super) fn render(
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

pub(super) fn font(px: f64, bold: bool) -> FontDesc<'static> {
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

pub(super) fn text_style(px: f64, color: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    font(px, false).color(&color).pos(Pos::new(h, v))
}

/// Draws one line of text at a pixel position of `area`.
pub(super) fn text(
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
