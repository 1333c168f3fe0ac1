//! Parsing text input into typed field values, with reasons a user understands.
//!
//! Every write path (forms, CLI flags, imports) goes through [`parse_field`], so a value is
//! valid in Kith exactly when it parses here. Pure functions: no SQL, no I/O.

mod number;
mod phone;
mod time;

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::error::IssueCode;
use crate::model::{FieldDef, FieldType, Value};

pub(crate) use number::currency_of;
pub use number::{clean_bool, clean_money, clean_number};
pub use phone::{clean_phone, has_country_code, phone_parts};
pub use time::parse_time;

/// `raw` in Unicode normal form KC (full-width digits and letters as ASCII, say); ASCII is
/// already in it.
pub(crate) fn nfkc(raw: &str) -> Cow<'_, str> {
    if raw.is_ascii() {
        Cow::Borrowed(raw)
    } else {
        Cow::Owned(raw.nfkc().collect())
    }
}

/// Longest text Kith stores in one field (characters).
pub const MAX_TEXT: usize = 100_000;

/// Parses one field's text. Empty (after trimming) means "no value" and gives `Value::Null`.
/// Money is returned in hundredths as `Value::Int`, the stored form. A refusal is a code the
/// window translates; its `Display` is the English reason.
pub fn parse_field(def: &FieldDef, raw: &str) -> Result<Value, IssueCode> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(Value::Null);
    }
    if text.chars().count() > MAX_TEXT {
        return Err(IssueCode::TooLong {
            max: MAX_TEXT as u64,
        });
    }
    let multi_line = def.ty == FieldType::LongText;
    if let Some(c) = text
        .chars()
        .find(|c| c.is_control() && !(multi_line && matches!(c, '\n' | '\r' | '\t')))
    {
        return Err(IssueCode::ControlCharacter {
            character: format!("U+{:04X}", c as u32),
        });
    }
    let value = || text.to_string();
    match def.ty {
        FieldType::Text | FieldType::LongText | FieldType::Ref => Ok(Value::Text(text.into())),
        FieldType::Email => parse_email(text)
            .map(Value::Text)
            .map_err(|_| IssueCode::NotEmail { value: value() }),
        FieldType::Phone => parse_phone(text)
            .map(Value::Text)
            .map_err(|_| IssueCode::NotPhone { value: value() }),
        FieldType::Url => parse_url(text)
            .map(Value::Text)
            .map_err(|_| IssueCode::NotUrl { value: value() }),
        FieldType::Date if def.year_optional && text.starts_with("--") => parse_month_day(text)
            .map(|(m, d)| Value::Text(format!("--{m:02}-{d:02}")))
            .map_err(|reason| IssueCode::NotMonthDay {
                value: value(),
                reason,
            }),
        FieldType::Date => parse_date(text)
            .map(|d| Value::Text(d.format("%Y-%m-%d").to_string()))
            .map_err(|_| IssueCode::NotDate { value: value() }),
        FieldType::Datetime => parse_datetime(text)
            .map(|t| Value::Text(t.to_rfc3339_opts(SecondsFormat::Secs, true)))
            .map_err(|_| IssueCode::NotDateTime { value: value() }),
        FieldType::Time => parse_time(text)
            .map(Value::Text)
            .map_err(|reason| IssueCode::NotTime {
                value: value(),
                reason,
            }),
        FieldType::Integer => {
            let n: i64 = text
                .replace(['_', ' '], "")
                .parse()
                .map_err(|_| IssueCode::NotWholeNumber { value: value() })?;
            match def.range {
                Some((lo, hi)) if n < lo || n > hi => Err(IssueCode::OutOfRange {
                    value: n,
                    min: lo,
                    max: hi,
                }),
                _ => Ok(Value::Int(n)),
            }
        }
        FieldType::Money => {
            parse_money(text)
                .map(Value::Int)
                .map_err(|reason| IssueCode::NotMoney {
                    value: value(),
                    reason,
                })
        }
        FieldType::Decimal => number::clean_number(text)
            .map(Value::Real)
            .map_err(|reason| IssueCode::NotNumber {
                value: value(),
                reason,
            }),
        FieldType::Bool => {
            parse_yes_no(text)
                .map(Value::Bool)
                .map_err(|reason| IssueCode::NotYesNo {
                    value: value(),
                    reason,
                })
        }
        FieldType::Choice => {
            let wanted = text.to_lowercase().replace([' ', '-'], "_");
            def.choices
                .iter()
                .find(|c| c.eq_ignore_ascii_case(&wanted))
                .map(|c| Value::Text(c.to_string()))
                .ok_or_else(|| IssueCode::NotChoice {
                    value: value(),
                    choices: def.choices.iter().map(|c| c.to_string()).collect(),
                })
        }
    }
}

/// Checks and normalises an email address: trimmed, lower-cased, one `@`, a dotted domain.
pub fn parse_email(text: &str) -> Result<String, String> {
    let email = text.trim().to_lowercase();
    let bad = || format!("'{text}' is not a valid email address");
    let (local, domain) = email.split_once('@').ok_or_else(bad)?;
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    if local_ok && domain_ok && email.len() <= 254 {
        Ok(email)
    } else {
        Err(bad())
    }
}

/// Checks a phone number: digits with the usual punctuation, at least 3 digits. A valid
/// number written with its country code (`+86 138 0000 1111`, `0049 30 …`) is stored in E.164
/// (`+8613800001111`), as imports store it, so the same number is always the same text; other
/// numbers are kept as written (whitespace normalised).
pub fn parse_phone(text: &str) -> Result<String, String> {
    let plain = plain_phone(text)?;
    let e164 = plain.strip_prefix('+').is_some_and(|d| {
        (8..=15).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()) && !d.starts_with('0')
    });
    if e164 {
        // Already in the stored form (an import cleaned it): no need to parse it again.
        return Ok(plain);
    }
    if (plain.starts_with('+') || plain.starts_with("00"))
        && let Ok(e164) = phone::clean_phone(&plain, None)
    {
        return Ok(e164);
    }
    Ok(plain)
}

/// The lenient phone check: digits with the usual punctuation, at least 3 digits; whitespace
/// normalised.
pub fn plain_phone(text: &str) -> Result<String, String> {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let allowed = |c: char| c.is_ascii_digit() || " +-().,/#*".contains(c) || c == 'x';
    let lower = text.to_lowercase().replace("ext.", "x").replace("ext", "x");
    if digits < 3 || !lower.chars().all(allowed) {
        return Err(format!("'{text}' is not a valid phone number"));
    }
    Ok(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn parse_url(text: &str) -> Result<String, String> {
    let host = text
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    if text.contains(char::is_whitespace) || !host.contains('.') || host.starts_with('.') {
        return Err(format!("'{text}' is not a valid web address"));
    }
    Ok(text.to_string())
}

/// Parses a calendar date: `YYYY-MM-DD` (also with `/` or `.`), or an RFC 3339 time.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(text, fmt) {
            return Ok(d);
        }
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc).date_naive());
    }
    Err(format!(
        "'{text}' is not a valid date (expected YYYY-MM-DD)"
    ))
}

/// Parses a month and day without a year, as ISO 8601 and vCard write it: `--03-05` or
/// `--0305` (5 March). 29 February is a day of the year.
pub fn parse_month_day(text: &str) -> Result<(u32, u32), String> {
    let bad = || format!("'{text}' is not a month and day (expected --MM-DD, e.g. --03-05)");
    let rest = text.trim().strip_prefix("--").ok_or_else(bad)?;
    let digits: String = rest.chars().filter(|c| *c != '-').collect();
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) || rest.len() > 5 {
        return Err(bad());
    }
    let month: u32 = digits
        .get(..2)
        .and_then(|m| m.parse().ok())
        .ok_or_else(bad)?;
    let day: u32 = digits
        .get(2..)
        .and_then(|d| d.parse().ok())
        .ok_or_else(bad)?;
    // 2000 is a leap year: every day a birthday can fall on is valid in it.
    NaiveDate::from_ymd_opt(2000, month, day)
        .map(|_| (month, day))
        .ok_or_else(|| format!("'{text}' is not a day of the year"))
}

/// Parses an instant: RFC 3339, `YYYY-MM-DD HH:MM[:SS]` (UTC), or a date (midnight UTC).
pub fn parse_datetime(text: &str) -> Result<DateTime<Utc>, String> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    for fmt in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(text, fmt) {
            return Ok(t.and_utc());
        }
    }
    if let Ok(d) = parse_date(text) {
        return Ok(d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc());
    }
    Err(format!(
        "'{text}' is not a valid date and time (expected YYYY-MM-DD HH:MM or RFC 3339)"
    ))
}

/// Parses a money amount into hundredths, in either decimal convention and with or without a
/// currency: `1234.5`, `1,234.50`, `1.234,50`, `99,90 €`, `-12`, `$99.90` (see
/// [`number::clean_money`] for the rules).
pub fn parse_money(text: &str) -> Result<i64, String> {
    number::clean_money(text).map(|(cents, _)| cents)
}

/// A decimal as Kith writes it (exports, cleaned cells): the shortest text that reads back
/// as the same number. Where that text would look like a thousands group (`1.001`, which
/// [`number::clean_number`] reads as 1001), a trailing zero keeps it a decimal
/// (`1.0010`).
pub fn decimal_text(n: f64) -> String {
    let text = format!("{n}");
    let (int, frac) = text
        .trim_start_matches('-')
        .split_once('.')
        .unwrap_or((&text, ""));
    let grouped = (1..=3).contains(&int.len()) && !int.starts_with('0') && frac.len() == 3;
    if grouped { format!("{text}0") } else { text }
}

/// Yes or no, in the words the import understands (see [`number::clean_bool`]):
/// what a user types in a form or on the command line is read like a spreadsheet cell.
pub fn parse_yes_no(text: &str) -> Result<bool, String> {
    number::clean_bool(text)
}

/// Folds text for matching: lower case, compatibility-decomposed, accents removed.
pub fn fold(text: &str) -> String {
    // Most cells are ASCII, where decomposition changes nothing and no accent can be removed.
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `c` is a CJK ideograph, kana or hangul syllable (scripts written without spaces).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}
