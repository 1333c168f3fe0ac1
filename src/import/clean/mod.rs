//! Cleaning spreadsheet cells into the canonical text [`values::parse_field`] accepts.
//!
//! An import reads a cell, cleans it here for its target field's type, and then validates the
//! result through `parse_field` — the path a form takes — so a value is never stored in a
//! shape Kith would refuse from a form. Cleaning is lenient about how people write things
//! (`3. März 2024`, `1.234,56 €`, `Smith, Robert`, `是`) and strict about what they mean:
//! anything it cannot read without guessing (an ambiguous `01/03/2024`, an amount with three
//! decimals, an invalid phone number for the country) is refused with an [`IssueCode`] that
//! names the value (its `Display` is the English reason, the window says it in the user's
//! language). Pure functions: no I/O, no SQL.
//!
//! Conventions chosen here (each has a test):
//! - Text is NFKC-normalised first, so full-width digits and punctuation (`２０２４／３／１`,
//!   `￥９８０`), no-break and narrow no-break spaces read like their ASCII forms.
//! - Two-digit years: 00–69 are 2000–2069, 70–99 are 1970–1999.
//! - A numeric date with the year last and dots (`3.1.2024`) is day.month.year (German and
//!   most of Europe write it so; no locale writes month.day.year with dots).
//! - A date or time without an offset is UTC (as [`values::parse_datetime`] reads it); a date
//!   given with a time keeps the calendar date as written.
//! - Numbers, money, yes/no and phones are read by `values` (see `values/number.rs` and
//!   `values/phone.rs`), re-exported here.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::error::IssueCode;
use crate::model::{FieldDef, FieldType};
use crate::values::{self, currency_of, nfkc};
pub use crate::values::{
    clean_bool, clean_money, clean_number, clean_phone, has_country_code, phone_parts,
};

mod choices;
mod dates;
mod names;

use choices::*;
pub use dates::*;
pub use names::*;

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
pub fn clean_anniversary(raw: &str, order: Option<DateOrder>) -> Result<String, IssueCode> {
    let text = nfkc(raw);
    let text = text.trim();
    if text.starts_with("--") {
        return values::parse_month_day(text)
            .map(|(m, d)| format!("--{m:02}-{d:02}"))
            .map_err(|reason| IssueCode::NotMonthDay {
                value: text.to_string(),
                reason,
            });
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
pub fn clean_for_field(def: &FieldDef, raw: &str, ctx: &CleanContext) -> Result<String, IssueCode> {
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
        FieldType::Time => values::parse_time(text).map_err(|reason| IssueCode::NotTime {
            value: text.to_string(),
            reason,
        }),
        FieldType::Integer => {
            let n = clean_number(text).map_err(|reason| not_number(text, reason))?;
            if n.fract() != 0.0 || n.abs() > 9.0e15 {
                return Err(IssueCode::NotWholeNumber {
                    value: text.to_string(),
                });
            }
            Ok(format!("{}", n as i64))
        }
        FieldType::Decimal => clean_number(text)
            .map(values::decimal_text)
            .map_err(|reason| not_number(text, reason)),
        FieldType::Money => clean_money(text)
            .map(|(cents, _)| format_cents(cents))
            .map_err(|reason| IssueCode::NotMoney {
                value: text.to_string(),
                reason,
            }),
        FieldType::Bool => {
            clean_bool(text)
                .map(|b| b.to_string())
                .map_err(|reason| IssueCode::NotYesNo {
                    value: text.to_string(),
                    reason,
                })
        }
        FieldType::Choice => Ok(match_choice(def, text)
            .map(str::to_string)
            .unwrap_or_else(|| text.to_string())),
    }
}

/// A number that does not read, with the English detail [`clean_number`] gave.
fn not_number(text: &str, reason: String) -> IssueCode {
    IssueCode::NotNumber {
        value: text.to_string(),
        reason,
    }
}
