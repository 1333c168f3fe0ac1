//! Cleaning spreadsheet cells into the canonical text [`values::parse_field`] accepts.
//!
//! An import reads a cell, cleans it here for its target field's type, and then validates the
//! result through `parse_field` — the path a form takes — so a value is never stored in a
//! shape Kith would refuse from a form. Cleaning is lenient about how people write things
//! (`3. März 2024`, `1.234,56 €`, `Smith, Robert`, `是`) and strict about what they mean:
//! anything it cannot read without guessing (an ambiguous `01/03/2024`, an amount with three
//! decimals, an invalid phone number for the country) is refused with a reason that names the
//! value. Pure functions: no I/O, no SQL.
//!
//! Conventions chosen here (each has a test):
//! - Text is NFKC-normalised first, so full-width digits and punctuation (`２０２４／３／１`,
//!   `￥９８０`), no-break and narrow no-break spaces read like their ASCII forms.
//! - Two-digit years: 00–69 are 2000–2069, 70–99 are 1970–1999.
//! - A numeric date with the year last and dots (`3.1.2024`) is day.month.year (German and
//!   most of Europe write it so; no locale writes month.day.year with dots).
//! - A date or time without an offset is UTC (as [`values::parse_datetime`] reads it); a date
//!   given with a time keeps the calendar date as written.
//! - Amounts: one `.` or `,` followed by exactly three digits, with 1–3 digits (not `0`)
//!   before it, is a thousands separator (`1,234` and `1.234` are 1234); any other single
//!   separator is the decimal mark (`1,5` is 1.50). Spaces and apostrophes only group
//!   thousands. Extra decimals are refused unless they are zeros.
//! - `¥`, `￥` and `元` are Chinese yuan (CNY): Kith's users write yuan far more often than
//!   yen, and `円`, `JP¥` or `JPY` name the yen unambiguously. `kr` alone is accepted but
//!   names no currency (it is Swedish, Norwegian, Danish or Icelandic); `$` is USD unless
//!   qualified (`C$`, `A$`, `HK$`, `NT$`, `S$`, `R$`, `Mex$`).

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::model::{FieldDef, FieldType};
use crate::values::{self, currency_of, nfkc};
pub use crate::values::{
    clean_bool, clean_money, clean_number, clean_phone, has_country_code, phone_parts,
};

/// The order of day, month and year in a column's numeric dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// Year, month, day (`2024-03-01`, `24/03/01`).
    Ymd,
    /// Day, month, year (`01/03/2024` is 1 March).
    Dmy,
    /// Month, day, year (`03/01/2024` is 1 March).
    Mdy,
}

impl DateOrder {
    /// The order's name as [`FromStr`] reads it and serde writes it (`ymd`, `dmy`, `mdy`).
    pub fn as_str(self) -> &'static str {
        match self {
            DateOrder::Ymd => "ymd",
            DateOrder::Dmy => "dmy",
            DateOrder::Mdy => "mdy",
        }
    }
}

impl fmt::Display for DateOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DateOrder {
    type Err = String;

    /// Reads `ymd`, `dmy`, `mdy` (any case) or a pattern such as `YYYY-MM-DD`, `DD/MM/YYYY`,
    /// `MM/DD/YYYY`, `DD.MM.YYYY`, `D/M/YY`.
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || {
            format!(
                "'{s}' is not a date format (expected ymd, dmy or mdy, or a pattern such as \
                 YYYY-MM-DD, DD/MM/YYYY, MM/DD/YYYY or DD.MM.YYYY)"
            )
        };
        let text = s.trim();
        if !text
            .chars()
            .all(|c| c.is_ascii_alphabetic() || " -/.".contains(c))
        {
            return Err(bad());
        }
        let mut order = String::new();
        for c in text.chars().filter(char::is_ascii_alphabetic) {
            let c = c.to_ascii_lowercase();
            if !order.ends_with(c) {
                order.push(c);
            }
        }
        match order.as_str() {
            "ymd" => Ok(DateOrder::Ymd),
            "dmy" => Ok(DateOrder::Dmy),
            "mdy" => Ok(DateOrder::Mdy),
            _ => Err(bad()),
        }
    }
}

/// What a column's values say about their date order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DateProfile {
    /// The order the values decide, if they decide one.
    pub order: Option<DateOrder>,
    /// Whether some numeric dates could be read two ways and nothing decides how (or the
    /// values contradict each other): the user must choose a date format.
    pub ambiguous: bool,
    /// Up to 3 values showing the ambiguity (empty when not ambiguous).
    pub examples: Vec<String>,
}

/// How to clean the cells of one import.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct CleanContext {
    /// ISO 3166 alpha-2 country (`CN`, `de`) for phone numbers written without `+` or `00`.
    pub default_country: Option<String>,
    /// How to read numeric dates whose day and month could be swapped.
    pub date_order: Option<DateOrder>,
}

// ---------------------------------------------------------------------------------------------
// Dates

/// Month names and abbreviations (English, German, French, Spanish), folded (lower case,
/// accents removed).
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("januar", 1),
    ("janner", 1),
    ("janvier", 1),
    ("janv", 1),
    ("enero", 1),
    ("ene", 1),
    ("february", 2),
    ("feb", 2),
    ("februar", 2),
    ("fevrier", 2),
    ("fevr", 2),
    ("fev", 2),
    ("febrero", 2),
    ("march", 3),
    ("mar", 3),
    ("marz", 3),
    ("maerz", 3),
    ("mrz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("avr", 4),
    ("abril", 4),
    ("abr", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("june", 6),
    ("jun", 6),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("july", 7),
    ("jul", 7),
    ("juli", 7),
    ("juillet", 7),
    ("juil", 7),
    ("julio", 7),
    ("august", 8),
    ("aug", 8),
    ("aout", 8),
    ("agosto", 8),
    ("ago", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("set", 9),
    ("october", 10),
    ("oct", 10),
    ("oktober", 10),
    ("okt", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("december", 12),
    ("dec", 12),
    ("dezember", 12),
    ("dez", 12),
    ("decembre", 12),
    ("diciembre", 12),
    ("dic", 12),
];

/// Weekday names (English, German, French, Spanish), folded. Spanish and French `mar`
/// (Tuesday) is left out: it is March.
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonnabend",
    "sonntag",
    "mo",
    "di",
    "mi",
    "do",
    "fr",
    "sa",
    "so",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lun",
    "mer",
    "jeu",
    "ven",
    "sam",
    "dim",
    "lunes",
    "martes",
    "miercoles",
    "jueves",
    "viernes",
    "sabado",
    "domingo",
    "mie",
    "jue",
    "vie",
    "sab",
    "dom",
];

/// Words a written date may contain that carry no meaning (`3 de marzo de 2024`,
/// `le 3 mars`, `the 3rd of March`, `2024-03-01 at 14:30`).
const DATE_FILLERS: &[&str] = &[
    "de", "del", "of", "the", "den", "le", "el", "at", "um", "a", "las", "alle", "on",
];

/// Ordinal endings written after a day number (`3rd`, `1er`, `1º`).
const ORDINALS: &[&str] = &["st", "nd", "rd", "th", "er", "re", "e", "eme", "o", "a"];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    /// A run of digits: its value and how many digits were written.
    Num(u32, usize),
    /// A word, folded.
    Word(usize),
    /// 年/月/日 (and 号, Korean 년/월/일) as `y`, `m`, `d`.
    Mark(char),
    /// A separator: `-`, `/`, `.`, `,`, `'` or a space.
    Sep(char),
}

fn date_mark(c: char) -> Option<char> {
    match c {
        '年' | '년' => Some('y'),
        '月' | '월' => Some('m'),
        '日' | '号' | '號' | '일' => Some('d'),
        _ => None,
    }
}

/// Splits a date into tokens; `None` if it holds a character no date has.
fn tokenize(s: &str) -> Option<(Vec<Tok>, Vec<String>)> {
    let mut toks = Vec::new();
    let mut words = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_ascii_digit() {
            let mut digits = String::new();
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                digits.push(d);
                chars.next();
            }
            if digits.len() > 8 {
                return None;
            }
            toks.push(Tok::Num(digits.parse().ok()?, digits.len()));
        } else if let Some(m) = date_mark(c) {
            toks.push(Tok::Mark(m));
            chars.next();
        } else if c.is_alphabetic() {
            let mut word = String::new();
            while let Some(&d) = chars
                .peek()
                .filter(|d| d.is_alphabetic() && date_mark(**d).is_none())
            {
                word.push(d);
                chars.next();
            }
            toks.push(Tok::Word(words.len()));
            words.push(values::fold(&word));
        } else if c.is_whitespace() || "-/.,'".contains(c) {
            toks.push(Tok::Sep(if c.is_whitespace() { ' ' } else { c }));
            chars.next();
        } else {
            return None;
        }
    }
    Some((toks, words))
}

fn is_cjk_weekday(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    let day = |c: char| "一二三四五六日天".contains(c);
    match chars.as_slice() {
        ['星', '期', d] | ['礼', '拜', d] | ['禮', '拜', d] => day(*d),
        ['周', d] | ['週', d] => day(*d),
        _ => false,
    }
}

/// The meaningful parts of a written date.
#[derive(Debug, Default)]
struct DateParts {
    nums: Vec<(u32, usize)>,
    month: Option<u32>,
    marks: Vec<char>,
    /// The separator right after the first number (`.` tells day.month.year).
    first_sep: Option<char>,
}

/// How a date is written, which says how far it decides the column's date order.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    /// A month name: decides nothing about numeric order.
    Named,
    /// 2024年3月1日: year, month, day by its marks.
    Marked,
    /// 20240301.
    Compact,
    /// 2024-03-01, 2024/3/1.
    YearFirst,
    /// 01/03/2024, 3.1.24: day and month could be either way round.
    YearLast { a: u32, b: u32, dotted: bool },
}

fn date_parts(s: &str) -> Option<DateParts> {
    let (toks, words) = tokenize(s)?;
    let mut parts = DateParts::default();
    for (i, tok) in toks.iter().enumerate() {
        match *tok {
            Tok::Num(v, len) => parts.nums.push((v, len)),
            Tok::Mark(m) => parts.marks.push(m),
            Tok::Sep(c) => {
                if parts.nums.len() == 1 && parts.first_sep.is_none() && c != ' ' {
                    parts.first_sep = Some(c);
                }
            }
            Tok::Word(w) => {
                let word = words[w].as_str();
                let after_number = i > 0 && matches!(toks[i - 1], Tok::Num(..));
                if after_number && ORDINALS.contains(&word) {
                    continue;
                }
                if parts.nums.is_empty()
                    && parts.month.is_none()
                    && (WEEKDAYS.contains(&word) || is_cjk_weekday(word))
                {
                    continue;
                }
                if parts.nums.len() >= 3 && is_cjk_weekday(word) {
                    continue;
                }
                if let Some(&(_, m)) = MONTHS.iter().find(|(name, _)| *name == word) {
                    if parts.month.replace(m).is_some() {
                        return None;
                    }
                    continue;
                }
                if DATE_FILLERS.contains(&word) {
                    continue;
                }
                return None;
            }
        }
    }
    Some(parts)
}

fn shape(p: &DateParts) -> Option<Shape> {
    if p.month.is_some() {
        return (p.marks.is_empty() && !p.nums.is_empty()).then_some(Shape::Named);
    }
    if !p.marks.is_empty() {
        return Some(Shape::Marked);
    }
    match p.nums.as_slice() {
        [(v, 8)] if (19_000_000..21_000_000).contains(v) => Some(Shape::Compact),
        [(_, l1), (_, l2), (_, l3)] if *l1 >= 3 && *l2 <= 2 && *l3 <= 2 => Some(Shape::YearFirst),
        [(a, l1), (b, l2), (_, l3)] if *l1 <= 2 && *l2 <= 2 && matches!(l3, 2 | 4) => {
            Some(Shape::YearLast {
                a: *a,
                b: *b,
                dotted: p.first_sep == Some('.'),
            })
        }
        _ => None,
    }
}

/// A year written with 4 digits, or 2 (00–69 → 2000s, 70–99 → 1900s); other lengths are not
/// years.
fn full_year(value: u32, len: usize) -> Option<i32> {
    match len {
        4 => i32::try_from(value).ok(),
        2 if value < 70 => i32::try_from(2000 + value).ok(),
        2 => i32::try_from(1900 + value).ok(),
        _ => None,
    }
}

fn not_a_date(raw: &str) -> String {
    format!(
        "'{}' is not a date (expected e.g. 2024-03-01, 01/03/2024 or 1 March 2024)",
        raw.trim()
    )
}

/// Reads the date part of a value (no time) into a calendar date.
fn read_date(text: &str, order: Option<DateOrder>, raw: &str) -> Result<NaiveDate, String> {
    let parts = date_parts(text).ok_or_else(|| not_a_date(raw))?;
    let shape = shape(&parts).ok_or_else(|| not_a_date(raw))?;
    let n = &parts.nums;
    let (y, m, d) = match shape {
        Shape::Named => {
            let month = parts.month.unwrap_or_default();
            match n.as_slice() {
                [(_, l)] if *l >= 3 => return Err(format!("'{}' has no day", raw.trim())),
                [_] => return Err(format!("'{}' has no year", raw.trim())),
                [(y, ly), (d, ld)] if *ly >= 3 && *ld <= 2 => (full_year(*y, *ly), month, *d),
                [(d, ld), (y, ly)] if *ld <= 2 => (full_year(*y, *ly), month, *d),
                _ => return Err(not_a_date(raw)),
            }
        }
        Shape::Marked => match (n.as_slice(), parts.marks.as_slice()) {
            ([(y, ly), (m, _), (d, _)], ['y', 'm', 'd'] | ['y', 'm']) => {
                (full_year(*y, *ly), *m, *d)
            }
            (_, ['m', 'd'] | ['m']) => return Err(format!("'{}' has no year", raw.trim())),
            _ => return Err(not_a_date(raw)),
        },
        Shape::Compact => {
            let v = n[0].0;
            (full_year(v / 10_000, 4), v / 100 % 100, v % 100)
        }
        Shape::YearFirst => (full_year(n[0].0, n[0].1), n[1].0, n[2].0),
        Shape::YearLast { a, b, dotted } => {
            let year = n[2];
            let resolved = match order {
                Some(DateOrder::Dmy) => Some(DateOrder::Dmy),
                Some(DateOrder::Mdy) => Some(DateOrder::Mdy),
                Some(DateOrder::Ymd) if year.1 <= 2 => Some(DateOrder::Ymd),
                _ if dotted => Some(DateOrder::Dmy),
                _ if a > 12 || a == b => Some(DateOrder::Dmy),
                _ if b > 12 => Some(DateOrder::Mdy),
                _ => None,
            };
            match resolved {
                Some(DateOrder::Dmy) => (full_year(year.0, year.1), b, a),
                Some(DateOrder::Mdy) => (full_year(year.0, year.1), a, b),
                Some(DateOrder::Ymd) => (full_year(a, n[0].1), b, year.0),
                None => {
                    return Err(format!(
                        "'{}' could be day/month or month/day; choose a date format for this \
                         column (day/month/year or month/day/year)",
                        raw.trim()
                    ));
                }
            }
        }
    };
    let y = y.ok_or_else(|| not_a_date(raw))?;
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| format!("'{}' is not a valid calendar date", raw.trim()))
}

/// Splits a value at the start of its time (`14:30`, `2:30 PM`, `14時30分`, `T14:30`).
fn split_time(s: &str) -> (&str, Option<&str>) {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut found = None;
    for i in 0..chars.len() {
        let (at, c) = chars[i];
        if !c.is_ascii_digit() || (i > 0 && chars[i - 1].1.is_ascii_digit()) {
            continue;
        }
        let run = chars[i..]
            .iter()
            .take_while(|(_, c)| c.is_ascii_digit())
            .count();
        if run > 2 {
            continue;
        }
        let next = chars.get(i + run).map(|&(_, c)| c);
        let after = chars.get(i + run + 1).map(|&(_, c)| c);
        let colon = next == Some(':') && after.is_some_and(|c| c.is_ascii_digit());
        let cjk = matches!(next, Some('時' | '时' | '点' | '點'));
        if colon || cjk {
            found = Some(at);
            break;
        }
    }
    let Some(mut start) = found else {
        return (s, None);
    };
    let before = s[..start].trim_end();
    for prefix in ["上午", "下午", "午前", "午後", "早上", "晚上"] {
        if let Some(rest) = before.strip_suffix(prefix) {
            start = rest.len();
            break;
        }
    }
    let mut date = s[..start].trim_end().trim_end_matches(',').trim_end();
    if let Some(rest) = date.strip_suffix(['T', 't'])
        && rest.ends_with(|c: char| c.is_ascii_digit())
    {
        date = rest;
    }
    (date, Some(&s[start..]))
}

fn take_digits(s: &str, min: usize, max: usize) -> Option<(u32, &str)> {
    let len = s.bytes().take_while(u8::is_ascii_digit).count();
    if len < min || len > max {
        return None;
    }
    Some((s[..len].parse().ok()?, &s[len..]))
}

/// Reads a time of day and its UTC offset in seconds, if it has one.
fn read_time(text: &str) -> Option<(NaiveTime, Option<i32>)> {
    let lower = text.trim().to_lowercase();
    let mut rest = lower.as_str();
    let mut pm = None;
    for (prefix, is_pm) in [
        ("上午", false),
        ("午前", false),
        ("早上", false),
        ("下午", true),
        ("午後", true),
        ("晚上", true),
    ] {
        if let Some(r) = rest.strip_prefix(prefix) {
            pm = Some(is_pm);
            rest = r.trim_start();
            break;
        }
    }
    let (hour, r) = take_digits(rest, 1, 2)?;
    rest = r;
    let (mut minute, mut second) = (0, 0);
    if let Some(r) = rest.strip_prefix(':') {
        (minute, rest) = take_digits(r, 2, 2)?;
        if let Some(r) = rest.strip_prefix(':') {
            (second, rest) = take_digits(r, 2, 2)?;
            if let Some(r) = rest.strip_prefix(['.', ',']) {
                rest = r.trim_start_matches(|c: char| c.is_ascii_digit());
            }
        }
    } else if let Some(r) = rest.strip_prefix(['時', '时', '点', '點']) {
        rest = r;
        if let Some((m, r)) = take_digits(rest, 1, 2) {
            minute = m;
            rest = r.strip_prefix('分').unwrap_or(r);
            if let Some((s, r)) = take_digits(rest, 1, 2) {
                second = s;
                rest = r.strip_prefix('秒')?;
            }
        }
    } else {
        return None;
    }
    rest = rest.trim_start();
    for (suffix, is_pm) in [
        ("a.m.", false),
        ("p.m.", true),
        ("a. m.", false),
        ("p. m.", true),
        ("am", false),
        ("pm", true),
    ] {
        if let Some(r) = rest.strip_prefix(suffix) {
            if pm.is_some() {
                return None;
            }
            pm = Some(is_pm);
            rest = r.trim_start();
            break;
        }
    }
    let hour = match pm {
        Some(_) if !(1..=12).contains(&hour) => return None,
        Some(true) => hour % 12 + 12,
        Some(false) => hour % 12,
        None => hour,
    };
    let offset = read_offset(rest.trim())?;
    Some((NaiveTime::from_hms_opt(hour, minute, second)?, offset))
}

/// `Z`, `UTC`, `GMT`, `+08:00`, `+0800`, `+08`, `UTC+8` → seconds east of UTC. `Some(None)`
/// when there is no offset; `None` when there is something else.
fn read_offset(text: &str) -> Option<Option<i32>> {
    if text.is_empty() {
        return Some(None);
    }
    let rest = ["utc", "gmt", "z"]
        .iter()
        .find_map(|p| text.strip_prefix(p))
        .unwrap_or(text)
        .trim_start();
    if rest.is_empty() {
        return Some(Some(0));
    }
    let mut chars = rest.chars();
    let sign = match chars.next()? {
        '+' => 1,
        '-' | '−' => -1,
        _ => return None,
    };
    let rest = chars.as_str();
    // `+0800` is read as four digits and split by value, never by byte offset: `+1é1` is four
    // bytes too, and must be refused, not sliced inside the `é`.
    let (hours, minutes) = match rest.split_once(':') {
        Some((h, m)) => (take_digits(h, 1, 2)?, take_digits(m, 2, 2)?),
        None => match take_digits(rest, 1, 4)? {
            (hhmm, tail) if rest.len() - tail.len() == 4 => ((hhmm / 100, tail), (hhmm % 100, "")),
            (h, tail) if rest.len() - tail.len() <= 2 => ((h, tail), (0, "")),
            _ => return None,
        },
    };
    if !hours.1.is_empty() || !minutes.1.is_empty() || hours.0 > 14 || minutes.0 > 59 {
        return None;
    }
    Some(Some(sign * (hours.0 as i32 * 3600 + minutes.0 as i32 * 60)))
}

/// The date order of a column from its values: ISO → Ymd; a value whose first part is > 12 →
/// Dmy; second part > 12 → Mdy; numeric dates with both parts ≤ 12 and different
/// (`01/03/2024`) and no deciding value → order `None`, ambiguous. Dotted dates with the year
/// last (`3.1.2024`) decide Dmy. Values with month names or 年月日 decide nothing, nor do
/// values that are not dates. Conflicting evidence (some > 12 in the first part, some in the
/// second) → ambiguous, with examples of each. A deciding value settles the ambiguous ones.
pub fn profile_dates<'a>(values: impl IntoIterator<Item = &'a str>) -> DateProfile {
    let mut profiler = DateProfiler::default();
    values.into_iter().for_each(|v| profiler.add(v));
    profiler.finish()
}

/// [`profile_dates`] one value at a time, in memory that does not grow with the values: it
/// counts what each value says and keeps the few it shows as examples.
#[derive(Debug, Default)]
pub struct DateProfiler {
    iso: bool,
    dmy: Examples<2>,
    mdy: Examples<2>,
    unclear: Examples<3>,
}

/// Up to `N` examples of a kind of value, and whether there was any.
#[derive(Debug, Default)]
struct Examples<const N: usize> {
    seen: bool,
    kept: Vec<String>,
}

impl<const N: usize> Examples<N> {
    fn push(&mut self, example: &str) {
        self.seen = true;
        if self.kept.len() < N {
            self.kept.push(example.to_string());
        }
    }
}

impl DateProfiler {
    /// What one value says.
    pub fn add(&mut self, raw: &str) {
        let text = nfkc(raw);
        let (date, _) = split_time(text.trim());
        let Some(shape) = date_parts(date).as_ref().and_then(shape) else {
            return;
        };
        let example = raw.trim();
        match shape {
            Shape::YearFirst | Shape::Compact => self.iso = true,
            Shape::YearLast { dotted: true, .. } => self.dmy.push(example),
            Shape::YearLast { a, b, .. } if a > 12 && b <= 12 => self.dmy.push(example),
            Shape::YearLast { a, b, .. } if b > 12 && a <= 12 => self.mdy.push(example),
            Shape::YearLast { a, b, .. } if a != b && a <= 12 && b <= 12 => {
                self.unclear.push(example);
            }
            _ => {}
        }
    }

    /// What all the values say together.
    pub fn finish(self) -> DateProfile {
        let ambiguous = |examples: Vec<String>| DateProfile {
            order: None,
            ambiguous: true,
            examples,
        };
        let decided = |order| DateProfile {
            order,
            ambiguous: false,
            examples: Vec::new(),
        };
        let (dmy, mdy) = (self.dmy.kept, self.mdy.kept);
        match (self.dmy.seen, self.mdy.seen) {
            (true, true) => {
                let mut examples = vec![dmy[0].clone(), mdy[0].clone()];
                examples.extend(dmy.get(1).or(mdy.get(1)).cloned());
                ambiguous(examples)
            }
            (true, false) => decided(Some(DateOrder::Dmy)),
            (false, true) => decided(Some(DateOrder::Mdy)),
            (false, false) if self.unclear.seen => ambiguous(self.unclear.kept),
            (false, false) => decided(self.iso.then_some(DateOrder::Ymd)),
        }
    }
}

/// Whether reading `raw` as a date (or a date and time, or a birthday) gives the same answer
/// whatever the date order: ISO dates (`2024-03-01`, also with a time) and Outlook's empty
/// `0/0/00`. An import reads such values before it has decided its date columns' order.
pub fn date_order_free(raw: &str) -> bool {
    let text = raw.trim().as_bytes();
    let iso = text.len() >= 8
        && text[..4].iter().all(u8::is_ascii_digit)
        && text[4] == b'-'
        && text[5].is_ascii_digit();
    iso || is_empty_date(raw)
}

/// A calendar date as `YYYY-MM-DD`. Accepts ISO (`2024-03-01`, also with `/` or `.`,
/// `20240301`), numeric day/month/year or month/day/year per `order` (an ambiguous one is
/// refused when `order` is `None`, asking to choose a date format; one with a part > 12 is
/// read the only way it can be), `3.1.2024`, `2024年3月1日`, `3 March 2024`, `March 3, 2024`,
/// `Mar 3 2024`, `3. März 2024`, `3 mars 2024`, `3 de marzo de 2024` (English, German,
/// French and Spanish month names and abbreviations, any case, accents optional),
/// two-digit years (00–69 → 20xx, 70–99 → 19xx), a leading weekday (`Mon, 3 Mar 2024`) and
/// a trailing time, which is dropped (`2024-03-01 00:00:00`). Invalid calendar dates
/// (`31/02/2024`) are refused naming the value.
pub fn clean_date(raw: &str, order: Option<DateOrder>) -> Result<String, String> {
    let text = nfkc(raw);
    let text = text.trim();
    if text.is_empty() {
        return Err("no date given".into());
    }
    let (date, time) = split_time(text);
    if let Some(time) = time
        && read_time(time).is_none()
    {
        return Err(not_a_date(raw));
    }
    read_date(date, order, raw).map(|d| d.format("%Y-%m-%d").to_string())
}

/// An instant as RFC 3339 UTC (`YYYY-MM-DDTHH:MM:SSZ`): a date as [`clean_date`] reads it
/// followed by a time (`14:30`, `14:30:05`, `2:30 PM`, `下午2:30`, `14時30分`) and an optional
/// offset (`Z`, `+08:00`, `+0800`, `UTC+8`); RFC 3339 and RFC 2822 texts; a date alone is
/// midnight. Without an offset the time is UTC.
pub fn clean_datetime(raw: &str, order: Option<DateOrder>) -> Result<String, String> {
    let text = nfkc(raw);
    let text = text.trim();
    if text.is_empty() {
        return Err("no date given".into());
    }
    let format = |t: DateTime<Utc>| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(format(t.with_timezone(&Utc)));
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(text) {
        return Ok(format(t.with_timezone(&Utc)));
    }
    let (date, time) = split_time(text);
    let day = read_date(date, order, raw)?;
    let (time, offset) = match time {
        Some(t) => read_time(t).ok_or_else(|| {
            format!(
                "'{}' has a time Kith cannot read (expected e.g. 14:30, 2:30 PM or \
                 14:30:05+02:00)",
                raw.trim()
            )
        })?,
        None => (NaiveTime::MIN, None),
    };
    let local = day.and_time(time).and_utc();
    let utc = local - TimeDelta::seconds(i64::from(offset.unwrap_or(0)));
    Ok(format(utc))
}

// ---------------------------------------------------------------------------------------------
// Emails and names

/// An email address: trimmed, lower-cased, `mailto:` and `Name <a@b.com>` forms unwrapped,
/// then checked by [`values::parse_email`]. A cell holding two addresses is refused.
pub fn clean_email(raw: &str) -> Result<String, String> {
    let text = nfkc(raw);
    let mut s = text.trim();
    if let (Some(open), Some(close)) = (s.rfind('<'), s.rfind('>'))
        && open < close
    {
        s = &s[open + 1..close];
    }
    s = s.trim();
    if s.len() >= 7 && s.is_char_boundary(7) && s[..7].eq_ignore_ascii_case("mailto:") {
        s = &s[7..];
        s = s.split('?').next().unwrap_or(s);
    }
    let s = s.trim_matches(|c: char| c.is_whitespace() || "\"';,.".contains(c));
    if s.matches('@').count() > 1 {
        return Err(format!(
            "'{}' holds more than one email address",
            raw.trim()
        ));
    }
    values::parse_email(&s.to_lowercase())
        .map_err(|_| format!("'{}' is not a valid email address", raw.trim()))
}

/// Chinese (simplified and traditional) and Korean two-character surnames. A name starting
/// with one of these and longer than two characters keeps both characters as the surname.
pub const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "歐陽", "司马", "司馬", "诸葛", "諸葛", "上官", "东方", "東方", "皇甫", "尉迟", "尉遲",
    "公孙", "公孫", "慕容", "长孙", "長孫", "宇文", "司徒", "夏侯", "轩辕", "軒轅", "令狐", "端木",
    "独孤", "獨孤", "南宫", "南宮", "西门", "西門", "百里", "呼延", "澹台", "澹臺", "太史", "申屠",
    "万俟", "萬俟", "闻人", "聞人", "赫连", "赫連", "钟离", "鍾離", "宗政", "濮阳", "濮陽", "公冶",
    "太叔", "仲孙", "仲孫", "单于", "單于", "淳于", "拓跋", "司空", "左丘", "公羊", "谷梁", "穀梁",
    "东郭", "東郭", "第五", "南门", "南門", "羊舌", "微生", "梁丘", "乐正", "樂正", "漆雕", "壤驷",
    "壤駟", "公良", "巫马", "巫馬", "子车", "子車", "颛孙", "顓孫", "亓官", "司寇", "段干", "段干",
    "남궁", "황보", "제갈", "선우", "독고", "사공", "서문",
];

/// Honorifics dropped before a name (folded, without the final dot). `M.` (Monsieur) is
/// dropped only before at least two more words, so `M. Dupont` keeps the initial.
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "herr",
    "hr",
    "frau",
    "fr",
    "mme",
    "mlle",
    "monsieur",
    "madame",
    "mademoiselle",
    "sr",
    "sra",
    "srta",
    "senor",
    "senora",
    "senorita",
    "rev",
];

/// Name suffixes kept with the last name (folded, dots removed).
const NAME_SUFFIXES: &[&str] = &[
    "jr", "sr", "jun", "sen", "jnr", "snr", "ii", "iii", "iv", "phd", "md", "esq", "dds", "mba",
];

/// Particles that belong to the last name (`van Beethoven`, `de la Cruz`, `von der Leyen`).
const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "della", "degli", "di", "da", "dos", "das", "do",
    "du", "la", "le", "les", "ten", "ter", "te", "zu", "zum", "zur", "af", "av", "bin", "binti",
    "ibn", "al", "el", "st", "saint", "sainte",
];

/// Japanese honorifics: what is left before them is (usually) the family name alone.
const JAPANESE_HONORIFICS: &[&str] = &["さん", "様", "さま", "殿"];

/// Suffixes after a CJK name: Chinese, Japanese and Korean honorifics.
const CJK_HONORIFICS: &[&str] = &[
    "先生", "女士", "小姐", "太太", "夫人", "老师", "老師", "博士", "教授", "さん", "様", "さま",
    "殿", "氏", "씨", "님",
];

fn name_key(word: &str) -> String {
    values::fold(word).replace('.', "")
}

fn is_suffix(word: &str) -> bool {
    NAME_SUFFIXES.contains(&name_key(word).as_str())
}

fn has_kana(s: &str) -> bool {
    s.chars().any(|c| matches!(c as u32, 0x3040..=0x30FF))
}

fn split_cjk(text: &str) -> (String, String) {
    let mut name = text.trim();
    let mut honorific = None;
    for suffix in CJK_HONORIFICS {
        if let Some(rest) = name.strip_suffix(suffix).map(str::trim_end)
            && !rest.is_empty()
        {
            name = rest;
            honorific = Some(*suffix);
            break;
        }
    }
    if let Some(dot) = name.rfind(['·', '・', '•', '‧']) {
        let last = name[dot..].chars().skip(1).collect::<String>();
        return (name[..dot].trim().to_string(), last.trim().to_string());
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() >= 2 {
        return (words[1..].join(" "), words[0].to_string());
    }
    let chars: Vec<char> = name.chars().collect();
    let japanese = honorific.is_some_and(|h| JAPANESE_HONORIFICS.contains(&h));
    let surname_only = chars.len() == 1 || COMPOUND_SURNAMES.contains(&name) || has_kana(name);
    if honorific.is_some() && (surname_only || japanese) {
        return (String::new(), name.to_string());
    }
    if chars.len() == 1 || has_kana(name) {
        return (name.to_string(), String::new());
    }
    let surname_len = if chars.len() > 2 && COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s)) {
        2
    } else {
        1
    };
    (
        chars[surname_len..].iter().collect(),
        chars[..surname_len].iter().collect(),
    )
}

/// Drops leading honorifics; returns whether one was dropped.
fn drop_honorifics(words: &mut Vec<&str>) -> bool {
    let mut dropped = false;
    while words.len() > 1 {
        let key = name_key(words[0]);
        let monsieur = words[0] == "M." && words.len() >= 3;
        if monsieur || HONORIFICS.contains(&key.as_str()) {
            words.remove(0);
            dropped = true;
        } else {
            break;
        }
    }
    dropped
}

fn split_latin(text: &str) -> (String, String) {
    let mut parts: Vec<&str> = text
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mut suffixes: Vec<&str> = Vec::new();
    while parts.len() > 1
        && parts
            .last()
            .is_some_and(|p| p.split_whitespace().all(is_suffix))
    {
        let part = parts.pop().unwrap_or_default();
        suffixes.splice(0..0, part.split_whitespace());
    }
    let join = |words: &[&str]| words.join(" ");
    let with_suffixes = |last: String, suffixes: &[&str]| {
        std::iter::once(last.as_str())
            .chain(suffixes.iter().copied())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    if parts.len() >= 2 {
        let mut last: Vec<&str> = parts[0].split_whitespace().collect();
        let mut first: Vec<&str> = parts[1..]
            .iter()
            .flat_map(|p| p.split_whitespace())
            .collect();
        drop_honorifics(&mut last);
        drop_honorifics(&mut first);
        while last.len() > 1 && last.last().is_some_and(|w| is_suffix(w)) {
            suffixes.insert(0, last.pop().unwrap_or_default());
        }
        return (join(&first), with_suffixes(join(&last), &suffixes));
    }
    let mut words: Vec<&str> = parts
        .first()
        .map(|p| p.split_whitespace().collect())
        .unwrap_or_default();
    let honorific = drop_honorifics(&mut words);
    while words.len() > 1 && words.last().is_some_and(|w| is_suffix(w)) {
        suffixes.insert(0, words.pop().unwrap_or_default());
    }
    match words.as_slice() {
        [] => (String::new(), String::new()),
        [one] if honorific || !suffixes.is_empty() => {
            (String::new(), with_suffixes(one.to_string(), &suffixes))
        }
        [one] => (one.to_string(), String::new()),
        _ => {
            let mut start = words.len() - 1;
            loop {
                let prev = name_key(words[start - 1]);
                if start >= 2 && PARTICLES.contains(&prev.as_str()) {
                    start -= 1;
                } else if start >= 3 && matches!(prev.as_str(), "y" | "i") {
                    start -= 2;
                } else {
                    break;
                }
            }
            (
                join(&words[..start]),
                with_suffixes(join(&words[start..]), &suffixes),
            )
        }
    }
}

/// Splits a full name into (first, last).
///
/// - `Smith, Robert` → (`Robert`, `Smith`); `Robert Smith` → (`Robert`, `Smith`);
///   `Robert J. Smith` → (`Robert J.`, `Smith`).
/// - Honorifics are dropped (`Mr`, `Mrs`, `Ms`, `Dr`, `Prof`, `Herr`, `Frau`, `M.`, `Mme`,
///   `Sr.`, `Sra.`, …); with only one word left it is the last name (`Dr. Smith`).
/// - Suffixes stay with the last name (`Robert Smith Jr.`, `Smith, Robert, Jr.` →
///   `Smith Jr.`), and so do particles (`Ludwig van Beethoven` → `van Beethoven`,
///   `Juan de la Cruz` → `de la Cruz`, `José Ortega y Gasset` → `Ortega y Gasset`).
/// - CJK names: family name first — `李明` → (`明`, `李`), compound surnames from
///   [`COMPOUND_SURNAMES`] (`欧阳娜娜` → (`娜娜`, `欧阳`)), a space separates them in
///   Japanese (`山田 太郎` → (`太郎`, `山田`)); honorific suffixes (`先生`, `女士`, `さん`, …)
///   are dropped, and what is left of a short name is the surname (`王先生` → (``, `王`)).
///   Transliterated foreign names with a middle dot are in Western order (`约翰·史密斯`).
///   Japanese names written in one word with kana cannot be split and stay the first name.
/// - A single word is the first name: (`word`, ``).
pub fn split_name(full: &str) -> (String, String) {
    let text = nfkc(full);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let cjk = text.chars().any(values::is_cjk);
    let latin = text
        .chars()
        .any(|c| c.is_alphabetic() && !values::is_cjk(c));
    if cjk && !latin {
        split_cjk(&text)
    } else {
        split_latin(&text)
    }
}

// ---------------------------------------------------------------------------------------------
// Choices

/// Common words for choices, per field name: (field, choice, synonyms). A synonym is used only
/// when its choice is one of the field's choices (so `status` serves orders, tickets and
/// campaigns alike). Synonyms are compared like choices: folded, spaces and punctuation
/// ignored.
const CHOICE_SYNONYMS: &[(&str, &str, &[&str])] = &[
    // Deal stages (Salesforce, HubSpot and Pipedrive defaults included).
    (
        "stage",
        "lead",
        &[
            "new",
            "prospect",
            "prospecting",
            "lead in",
            "appointment scheduled",
            "neu",
            "nouveau",
            "nuevo",
            "线索",
            "潜在客户",
            "初步接触",
        ],
    ),
    (
        "stage",
        "qualified",
        &[
            "qualification",
            "qualified to buy",
            "needs analysis",
            "contact made",
            "qualifiziert",
            "qualifié",
            "calificado",
            "cualificado",
            "已确认",
            "合格",
        ],
    ),
    (
        "stage",
        "proposal",
        &[
            "proposal/price quote",
            "proposal made",
            "presentation scheduled",
            "value proposition",
            "quote",
            "quoted",
            "angebot",
            "proposition",
            "propuesta",
            "报价",
            "方案",
        ],
    ),
    (
        "stage",
        "negotiation",
        &[
            "negotiation/review",
            "negotiations started",
            "contract sent",
            "decision maker bought in",
            "verhandlung",
            "négociation",
            "negociación",
            "谈判",
            "商务谈判",
        ],
    ),
    (
        "stage",
        "won",
        &[
            "closed won",
            "win",
            "gewonnen",
            "gagné",
            "ganado",
            "赢单",
            "成交",
            "已成交",
        ],
    ),
    (
        "stage",
        "lost",
        &[
            "closed lost",
            "loss",
            "verloren",
            "perdu",
            "perdido",
            "输单",
            "丢单",
            "失败",
        ],
    ),
    // Ticket statuses.
    (
        "status",
        "open",
        &[
            "new",
            "in progress",
            "offen",
            "neu",
            "ouvert",
            "nouveau",
            "abierto",
            "nuevo",
            "打开",
            "待处理",
            "处理中",
            "新建",
        ],
    ),
    (
        "status",
        "pending",
        &[
            "waiting",
            "on hold",
            "wartend",
            "en attente",
            "pendiente",
            "en espera",
            "等待",
            "挂起",
            "待定",
        ],
    ),
    (
        "status",
        "resolved",
        &[
            "solved",
            "fixed",
            "gelöst",
            "erledigt",
            "résolu",
            "resuelto",
            "已解决",
        ],
    ),
    (
        "status",
        "closed",
        &["geschlossen", "fermé", "cerrado", "已关闭", "关闭"],
    ),
    // Order statuses.
    (
        "status",
        "draft",
        &["entwurf", "brouillon", "borrador", "草稿"],
    ),
    (
        "status",
        "placed",
        &[
            "new",
            "pending",
            "open",
            "received",
            "ordered",
            "bestellt",
            "commandé",
            "pedido",
            "已下单",
            "待付款",
        ],
    ),
    (
        "status",
        "paid",
        &["bezahlt", "payé", "pagado", "已付款", "已支付"],
    ),
    (
        "status",
        "shipped",
        &[
            "sent",
            "dispatched",
            "versandt",
            "verschickt",
            "expédié",
            "enviado",
            "已发货",
        ],
    ),
    (
        "status",
        "delivered",
        &[
            "completed",
            "complete",
            "fulfilled",
            "geliefert",
            "zugestellt",
            "livré",
            "entregado",
            "已送达",
            "已签收",
            "已完成",
        ],
    ),
    (
        "status",
        "cancelled",
        &["canceled", "storniert", "annulé", "cancelado", "已取消"],
    ),
    (
        "status",
        "refunded",
        &["erstattet", "remboursé", "reembolsado", "已退款"],
    ),
    // Campaign statuses.
    (
        "status",
        "completed",
        &["done", "finished", "abgeschlossen", "terminé", "completado"],
    ),
    ("status", "cancelled", &["canceled"]),
    // Ticket priorities.
    (
        "priority",
        "low",
        &["niedrig", "basse", "faible", "baja", "低"],
    ),
    (
        "priority",
        "normal",
        &[
            "medium", "mittel", "normale", "moyenne", "media", "中", "一般", "普通",
        ],
    ),
    (
        "priority",
        "high",
        &["hoch", "haute", "élevée", "alta", "高"],
    ),
    (
        "priority",
        "urgent",
        &[
            "critical", "highest", "dringend", "kritisch", "urgente", "紧急", "緊急",
        ],
    ),
    // Activity kinds.
    (
        "kind",
        "call",
        &[
            "phone call",
            "phone",
            "anruf",
            "telefonat",
            "appel",
            "llamada",
            "电话",
            "通话",
        ],
    ),
    (
        "kind",
        "meeting",
        &[
            "meet",
            "besprechung",
            "termin",
            "treffen",
            "réunion",
            "rendez-vous",
            "reunión",
            "会议",
            "会面",
            "拜访",
        ],
    ),
    (
        "kind",
        "email",
        &["e-mail", "mail", "courriel", "correo", "邮件", "电子邮件"],
    ),
    (
        "kind",
        "note",
        &["notiz", "comment", "remarque", "nota", "备注", "笔记"],
    ),
    (
        "kind",
        "task",
        &["to do", "todo", "aufgabe", "tâche", "tarea", "任务", "待办"],
    ),
    // Contact and deal sources.
    (
        "source",
        "website",
        &[
            "web",
            "web form",
            "online",
            "webseite",
            "site web",
            "sitio web",
            "网站",
            "官网",
        ],
    ),
    (
        "source",
        "inbound",
        &["web", "website", "inbound lead", "web form"],
    ),
    (
        "source",
        "outbound",
        &["cold call", "cold calling", "outreach"],
    ),
    (
        "source",
        "cold",
        &[
            "cold call",
            "cold calling",
            "kaltakquise",
            "démarchage",
            "llamada en frío",
        ],
    ),
    (
        "source",
        "referral",
        &[
            "word of mouth",
            "recommendation",
            "empfehlung",
            "recommandation",
            "recomendación",
            "推荐",
            "转介绍",
            "介绍",
        ],
    ),
    (
        "source",
        "event",
        &[
            "trade show",
            "conference",
            "messe",
            "salon",
            "feria",
            "展会",
            "活动",
        ],
    ),
    (
        "source",
        "campaign",
        &[
            "email campaign",
            "newsletter",
            "marketing",
            "kampagne",
            "campagne",
            "campaña",
        ],
    ),
    ("source", "partner", &["partnership", "reseller"]),
    // Channels (orders, feedback, campaigns).
    (
        "channel",
        "online",
        &[
            "web",
            "webshop",
            "online shop",
            "e-commerce",
            "ecommerce",
            "website",
            "网店",
            "线上",
        ],
    ),
    (
        "channel",
        "store",
        &[
            "shop",
            "retail",
            "in store",
            "pos",
            "laden",
            "geschäft",
            "magasin",
            "tienda",
            "门店",
            "线下",
        ],
    ),
    (
        "channel",
        "marketplace",
        &[
            "amazon", "ebay", "tmall", "taobao", "jd", "天猫", "淘宝", "京东",
        ],
    ),
    (
        "channel",
        "phone",
        &["telephone", "telefon", "téléphone", "teléfono", "电话"],
    ),
    (
        "channel",
        "wholesale",
        &["b2b", "großhandel", "grossiste", "mayorista", "批发"],
    ),
    (
        "channel",
        "in_person",
        &[
            "face to face",
            "persönlich",
            "en personne",
            "en persona",
            "当面",
        ],
    ),
];

// ---------------------------------------------------------------------------------------------
// Placeholders, text, empty dates and days of the year

/// What people write in a cell for "nothing" (folded, trailing dots removed): `n/a`, `-`,
/// `none`, `无`, `暂无`, `不详`, `k. A.` (keine Angabe), `s.o.`, ….
const PLACEHOLDERS: &[&str] = &[
    "-",
    "--",
    "---",
    "—",
    "–",
    "/",
    "?",
    "??",
    ".",
    "n/a",
    "n.a",
    "n. a",
    "#n/a",
    "none",
    "null",
    "(null)",
    "(none)",
    "(blank)",
    "(empty)",
    "empty",
    "unknown",
    "not known",
    "not available",
    "not applicable",
    "tbd",
    "tba",
    "k.a",
    "k. a",
    "keine angabe",
    "unbekannt",
    "inconnu",
    "inconnue",
    "n.d",
    "s/o",
    "sin dato",
    "desconocido",
    "无",
    "無",
    "暂无",
    "暫無",
    "不详",
    "不詳",
    "未知",
    "没有",
    "沒有",
    "未填",
    "未填写",
    "未提供",
    "无数据",
    "待定",
    "／",
    "－",
    "なし",
    "不明",
];

/// Whether a cell holds a placeholder for "no value" rather than a value (`n/a`, `-`, `无`,
/// `暂无`, `不详`, `unknown`, `k. A.`); read as empty. (In a yes/no column `无` means no: the
/// caller does not ask there.)
pub fn is_placeholder(raw: &str) -> bool {
    let text = raw.trim();
    if text.is_empty() || text.chars().count() > 16 {
        return false;
    }
    // An ASCII cell is its own compatibility form and folds to its lower case: compared
    // without building either (this runs on every cell of an import).
    if text.is_ascii() {
        let key = text.trim_end_matches('.');
        return PLACEHOLDERS.iter().any(|p| p.eq_ignore_ascii_case(key));
    }
    let key = values::fold(&nfkc(text));
    let key = key.trim().trim_end_matches('.');
    PLACEHOLDERS.contains(&key)
}

/// Whether a date cell is a program's way of writing "no date": Outlook's `0/0/00` and the
/// other all-zero dates (`00.00.0000`, `0000-00-00 00:00:00`).
pub fn is_empty_date(raw: &str) -> bool {
    let text = raw.trim();
    !text.is_empty()
        && text.chars().any(|c| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c == '0' || matches!(c, '/' | '.' | '-' | ' ' | ':'))
}

/// Text as a field stores it: characters that cannot be displayed (control characters,
/// except line breaks and tabs in multi-line text) removed; in single-line text, line breaks
/// and tabs become one space each run. `\r\n` and lone `\r` become `\n`.
pub fn clean_text(raw: &str, multi_line: bool) -> String {
    let text = raw.trim();
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(unified.len());
    let mut gap = false;
    for c in unified.chars() {
        if matches!(c, '\n' | '\t') {
            if multi_line {
                out.push(c);
            } else {
                gap = true;
            }
        } else if !c.is_control() {
            if gap && !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        }
    }
    out.trim().to_string()
}

/// A date that may be known without its year (a birthday): a full date as [`clean_date`]
/// reads it, or a month and day alone as `--MM-DD`: Google's and vCard's `--03-05` and
/// `--0305`, Apple's year-omitted `1604-03-05`, and a date written without a year
/// (`5 March`, `March 5`, `3月5日`, `05.03.`).
pub fn clean_anniversary(raw: &str, order: Option<DateOrder>) -> Result<String, String> {
    let text = nfkc(raw);
    let text = text.trim();
    if text.starts_with("--") {
        return values::parse_month_day(text).map(|(m, d)| format!("--{m:02}-{d:02}"));
    }
    let full = clean_date(text, order);
    if let Ok(date) = &full {
        // Apple Contacts writes a birthday without a year in the year 1604.
        return Ok(match date.strip_prefix("1604-") {
            Some(md) => format!("--{md}"),
            None => date.clone(),
        });
    }
    // A date without a year: read it in a leap year and keep the month and day.
    let dotted = text.trim_end_matches('.');
    let with_year = if text.contains(['月', '年']) {
        format!("2000年{text}")
    } else if dotted.split('.').count() == 2
        && dotted.chars().all(|c| c.is_ascii_digit() || c == '.')
    {
        format!("{dotted}.2000")
    } else {
        format!("{text} 2000")
    };
    let month_day = clean_date(&with_year, order.or(Some(DateOrder::Dmy)))
        .ok()
        .filter(|_| !text.contains('/'))
        .and_then(|date| date.strip_prefix("2000-").map(|md| format!("--{md}")));
    month_day.map_or(full, Ok)
}

fn choice_key(text: &str) -> String {
    values::fold(text)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The field's choice a text means, if any: the choice itself (case, spaces, `-`/`_` and
/// accents ignored), a common synonym, or for currencies a symbol or name (`€`, `RMB`).
fn match_choice(def: &FieldDef, text: &str) -> Option<&'static str> {
    let key = choice_key(text);
    if let Some(c) = def.choices.iter().find(|c| choice_key(c) == key) {
        return Some(c);
    }
    let synonym = CHOICE_SYNONYMS
        .iter()
        .filter(|(field, choice, _)| *field == def.name && def.choices.contains(choice))
        .find(|(_, _, words)| words.iter().any(|w| choice_key(w) == key))
        .and_then(|(_, choice, _)| def.choices.iter().find(|c| *c == choice));
    if let Some(c) = synonym {
        return Some(c);
    }
    if def.name == "currency" {
        let code = currency_of(text).ok().flatten()?;
        return def.choices.iter().find(|c| **c == code).copied();
    }
    None
}

pub(crate) fn format_cents(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Cleans one cell for a Kith field and returns the canonical text
/// [`values::parse_field`] accepts: money as `1234.56` (the currency, if the cell names one,
/// is for the caller to take from [`clean_money`]); bool as `true`/`false`; dates
/// `YYYY-MM-DD`; instants RFC 3339 UTC; phones E.164 (or as [`clean_phone`] leaves them
/// without a country); emails cleaned; integers and decimals cleaned (`25%` → `25`); a
/// choice matched against the field's choices and common synonyms (`Closed Won` → `won`,
/// `dringend` → `urgent`, `€` → `EUR`), otherwise the text unchanged so `parse_field` names
/// the choices; text, URLs and ids trimmed. An empty cell gives an empty text (no value).
pub fn clean_for_field(def: &FieldDef, raw: &str, ctx: &CleanContext) -> Result<String, String> {
    let text = raw.trim();
    if text.is_empty() || (def.ty != FieldType::Bool && is_placeholder(text)) {
        return Ok(String::new());
    }
    match def.ty {
        FieldType::Text | FieldType::Ref => Ok(clean_text(text, false)),
        FieldType::LongText => Ok(clean_text(text, true)),
        FieldType::Url => Ok(text.to_string()),
        FieldType::Email => clean_email(text),
        FieldType::Phone => clean_phone(text, ctx.default_country.as_deref()),
        FieldType::Date | FieldType::Datetime if is_empty_date(text) => Ok(String::new()),
        FieldType::Date if def.year_optional => clean_anniversary(text, ctx.date_order),
        FieldType::Date => clean_date(text, ctx.date_order),
        FieldType::Datetime => clean_datetime(text, ctx.date_order),
        FieldType::Integer => {
            let n = clean_number(text)?;
            if n.fract() != 0.0 || n.abs() > 9.0e15 {
                return Err(format!("'{text}' is not a whole number"));
            }
            Ok(format!("{}", n as i64))
        }
        FieldType::Decimal => clean_number(text).map(values::decimal_text),
        FieldType::Money => clean_money(text).map(|(cents, _)| format_cents(cents)),
        FieldType::Bool => clean_bool(text).map(|b| b.to_string()),
        FieldType::Choice => Ok(match_choice(def, text)
            .map(str::to_string)
            .unwrap_or_else(|| text.to_string())),
    }
}
