//! Phone numbers as people and exports write them: E.164 with a country read from the
//! number or given, extensions kept, two numbers in one cell refused.

use super::{nfkc, plain_phone};
use crate::error::IssueCode;

/// Splits off a phone extension (`x123`, `ext. 123`, `#123`, `,123`, `转123`, `分机 123`):
/// (number, extension digits).
fn split_extension(text: &str) -> (&str, Option<&str>) {
    const MARKERS: &[&str] = &[
        "extension",
        "ext.",
        "ext",
        "poste",
        "durchwahl",
        "x",
        "#",
        ",",
        ";",
        "转",
        "轉",
        "分机",
        "分機",
    ];
    let lower = text.to_ascii_lowercase();
    for (at, _) in lower.char_indices().rev() {
        let Some(marker) = MARKERS.iter().find(|m| lower[at..].starts_with(**m)) else {
            continue;
        };
        let ext = text[at + marker.len()..].trim_start_matches([' ', '.', ':']);
        let number = text[..at].trim_end();
        let number_digits = number.chars().filter(char::is_ascii_digit).count();
        if !ext.is_empty() && ext.len() <= 7 && ext.bytes().all(|b| b.is_ascii_digit()) {
            if number_digits >= 3 {
                return (number, Some(ext));
            }
            break;
        }
    }
    (text, None)
}

/// Whether a cell holds two numbers (`030 1234567 / 0171 7654321`): parts split by `/`, `;`,
/// `|` or a line break with 6 or more digits each.
fn several_numbers(text: &str) -> bool {
    phone_parts(text)
        .filter(|part| part.chars().filter(char::is_ascii_digit).count() >= 6)
        .count()
        > 1
}

/// The parts of a cell that may hold several phone numbers: split at `/`, `;`, `|`, line
/// breaks and `:` (Google Contacts joins the values of one field with ` ::: `).
pub fn phone_parts(text: &str) -> impl Iterator<Item = &str> {
    text.split(['/', ';', '|', '\n', ':'])
}

/// A phone cell without its `tel:` scheme.
fn without_tel(text: &str) -> &str {
    match text.get(..4) {
        Some(p) if p.eq_ignore_ascii_case("tel:") => text[4..].trim_start(),
        _ => text,
    }
}

/// Whether a phone number is written with its country code (`+49 …`, `0049 …`), so that no
/// country is needed to read it.
pub fn has_country_code(raw: &str) -> bool {
    let text = nfkc(raw);
    let bare = without_tel(text.trim()).trim_start_matches(['(', ' ']);
    bare.starts_with('+') || bare.starts_with("00")
}

/// A phone number in E.164 (`+8613812345678`), read with the phonenumber crate
/// (libphonenumber's metadata). Numbers written without `+` or `00` are read as national
/// numbers of `default_country` (ISO 3166 alpha-2, any case). An extension is kept as
/// ` x123` after the number. A number that is not valid for its country is refused naming
/// the value and the country. Without a default country, a national number is returned as
/// [`super::plain_phone`] accepts it (whitespace normalised), not refused.
pub fn clean_phone(raw: &str, default_country: Option<&str>) -> Result<String, IssueCode> {
    let text = nfkc(raw);
    let text = text.trim();
    if text.is_empty() {
        return Err(IssueCode::NoPhoneGiven);
    }
    let country = match default_country.map(str::trim).filter(|c| !c.is_empty()) {
        Some(code) => Some(
            code.to_ascii_uppercase()
                .parse::<phonenumber::country::Id>()
                .map_err(|_| IssueCode::NotCountryCode {
                    value: code.to_string(),
                })?,
        ),
        None => None,
    };
    let text = without_tel(text);
    let (number, ext) = split_extension(text);
    let bare = number.trim_start_matches(['(', ' ']);
    let international = bare.starts_with('+') || bare.starts_with("00");
    if !international && country.is_none() {
        return plain_phone(text).map_err(|_| IssueCode::NotPhone {
            value: text.to_string(),
        });
    }
    if several_numbers(number) {
        return Err(IssueCode::SeveralPhones {
            value: raw.trim().to_string(),
        });
    }
    let number = match bare.strip_prefix("00") {
        Some(rest) => format!("+{rest}"),
        None => number.to_string(),
    };
    // A number with its country code is read without a default country: the crate reads
    // `+86 139…` differently with some (a US default made valid Chinese mobiles invalid).
    let national_of = country.filter(|_| !international);
    let parsed =
        phonenumber::parse(national_of, &number).map_err(|_| IssueCode::UnreadablePhone {
            value: raw.trim().to_string(),
            country: national_of.map(|c| c.as_ref().to_string()),
        })?;
    if !phonenumber::is_valid(&parsed) {
        let place = match (national_of, parsed.country().id()) {
            (Some(c), _) => c.as_ref().to_string(),
            (None, Some(id)) => id.as_ref().to_string(),
            (None, None) => format!("+{}", parsed.code().value()),
        };
        return Err(IssueCode::InvalidPhoneIn {
            value: raw.trim().to_string(),
            place,
        });
    }
    // E.164 is the country code and the national number, zeros included; the crate's
    // formatter also matches the country's display patterns, which E.164 does not use.
    let e164 = format!("+{}{}", parsed.code().value(), parsed.national());
    let ext = ext.or(parsed.extension().map(|e| &**e));
    Ok(match ext.filter(|e| !e.is_empty()) {
        Some(ext) => format!("{e164} x{ext}"),
        None => e164,
    })
}
