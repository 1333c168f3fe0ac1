//! Label text: cleaning, width estimates (East Asian wide characters count as one em), cutting to
//! fit and wrapping.

use super::*;

/// Replaces control characters and the non-characters U+FFFE/U+FFFF (which XML cannot
/// carry) by spaces and trims.
pub(super) fn clean_label(s: &str) -> String {
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

/// A category or place name for display: cleaned, and "(none)" (（无）) when nothing is left.
pub(super) fn name_or_none(s: &str, lang: Language) -> String {
    let name = clean_label(s);
    if name.is_empty() {
        lang.say(Msg::NoName)
    } else {
        name
    }
}

/// Estimated width in pixels: wide (CJK) characters one em, Latin letters, digits and
/// punctuation by rough classes of Noto Sans / Source Han Sans advance widths (a little
/// generous, so estimates err towards room to spare), anything else 0.6 em.
pub(super) fn text_width(s: &str, px: f64) -> f64 {
    s.chars().map(|c| char_width(c, px)).sum()
}

pub(super) fn char_width(c: char, px: f64) -> f64 {
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
pub(super) fn truncate(s: &str, max_px: f64, px: f64) -> String {
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
pub(super) fn first_fit(options: &[String], max_px: f64) -> String {
    options
        .iter()
        .find(|o| text_width(o, LABEL_PX) <= max_px)
        .map_or_else(
            || truncate(options.last().map_or("", String::as_str), max_px, LABEL_PX),
            String::clone,
        )
}

/// Splits `s` into lines at most `max_px` wide: at spaces, or anywhere in runs of wide
/// characters (CJK text has no spaces).
pub(super) fn wrap(s: &str, max_px: f64, px: f64) -> Vec<String> {
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
