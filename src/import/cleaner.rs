//! The cleaning thread's half of an import: a row's cells cleaned for their fields (with the
//! user's fixes applied, values that do not clean kept for review, phones read in the row's
//! country), read into typed values and handed to the writer as a [`Ready`] row. Pure: it
//! reads nothing from the store.

use std::collections::HashMap;

use super::clean::{self, CleanContext};
use super::country;
use super::dates::{self, DatePass};
use super::mapping::ColumnMap;
use super::read::{RowStatus, SourceRow};
use super::{KeptReason, OnDuplicate, Outcome, ReviewValue, RowOverride, RowReason};
use crate::error::{FieldIssue, IssueCode};
use crate::export::unneutralize;
use crate::model::{FieldDef, FieldType, Input, Kind, Said};
use crate::store::{CONTACT_IDENTITY, KeptInColumn, Parsed, check_tag};
use crate::values::{MAX_TEXT, fold};

/// A row turned into what to write.
#[derive(Default)]
pub(super) struct Prepared {
    pub(super) input: Input,
    pub(super) id: Option<String>,
    pub(super) company: Option<String>,
    pub(super) contact: Option<String>,
    /// The customer column's cell: a customer number, email or phone.
    pub(super) customer: Option<String>,
    pub(super) tags: Vec<String>,
    pub(super) line: Input,
    pub(super) product: Option<String>,
    /// Values kept as written for review.
    pub(super) review: Vec<ReviewValue>,
    /// Columns whose cell was a placeholder (`n/a`, `无`) read as empty, with the text.
    pub(super) placeholders: Vec<(usize, String)>,
    /// The row's own country, when a phone was read in it (not in the default country).
    pub(super) phone_country: Option<&'static str>,
    /// `input` read into typed values on the cleaning thread, so the writer does not parse
    /// it again (what the writer adds, such as links, is read when it writes).
    pub(super) typed: Option<Parsed>,
    /// `company` folded (the key companies are remembered by), on the cleaning thread.
    pub(super) company_key: String,
}

/// A row as the cleaning thread hands it to the writer.
pub(super) enum Ready {
    /// Settled without writing (not data, or empty): the outcome and why.
    Done {
        row: SourceRow,
        outcome: Outcome,
        reason: Said<RowReason>,
    },
    /// Refused while cleaning (cells as in the file).
    Refused {
        row: SourceRow,
        issues: Vec<FieldIssue>,
    },
    /// Cleaned (cells as in the file); to be linked, matched and written.
    Clean {
        row: SourceRow,
        prepared: Box<Prepared>,
        action: OnDuplicate,
    },
}

/// The pure half of an import: turns rows into field input. Shared with the reading thread.
pub(super) struct Cleaner<'a> {
    pub(super) kind: Kind,
    pub(super) on_duplicate: OnDuplicate,
    pub(super) mapping: &'a [ColumnMap],
    /// Each column's cleaning context, with the date order the user chose (if any).
    pub(super) contexts: Vec<CleanContext>,
    /// The contexts with each date column's order, once the file has decided them.
    pub(super) dates: &'a DatePass,
    pub(super) overrides: HashMap<u64, &'a RowOverride>,
    /// The default country for phones without a country code.
    pub(super) default_country: Option<String>,
}

impl Cleaner<'_> {
    /// Settles, refuses or cleans one row (with the user's fixes applied).
    pub(super) fn ready(&self, row: SourceRow) -> Ready {
        let reason = match &row.status {
            RowStatus::Data => None,
            RowStatus::Skip { reason } => Some((Outcome::Skipped, reason.clone())),
            RowStatus::Reject { reason } => Some((Outcome::Rejected, reason.clone())),
        };
        if let Some((outcome, reason)) = reason {
            return Ready::Done {
                row,
                outcome,
                reason,
            };
        }
        let over = self.overrides.get(&row.line).copied();
        let mut fixed = row.clone();
        if let Some(o) = over {
            for (c, text) in &o.cells {
                if let Some(cell) = fixed.cells.get_mut(*c) {
                    cell.clone_from(text);
                }
            }
        }
        let empty = self.mapping.iter().all(|c| {
            c.target == "ignore"
                || fixed
                    .cells
                    .get(c.column)
                    .is_none_or(|v| v.trim().is_empty())
        });
        if empty {
            return Ready::Done {
                row,
                outcome: Outcome::Skipped,
                reason: RowReason::EmptyRow.into(),
            };
        }
        match self.prepare(&fixed) {
            Ok(mut prepared) => {
                // What the row's cells did not give (links, defaults, a split full name, values
                // kept as written) is read now.
                let mut typed = prepared.typed.take().unwrap_or_default();
                let issues = typed.read_more(self.kind, &prepared.input);
                if issues.is_empty() {
                    typed.prepare_search(self.kind);
                }
                prepared.typed = issues.is_empty().then_some(typed);
                prepared.company_key = prepared.company.as_deref().map(fold).unwrap_or_default();
                Ready::Clean {
                    row,
                    prepared: Box::new(prepared),
                    action: over.and_then(|o| o.action).unwrap_or(self.on_duplicate),
                }
            }
            Err(issues) => Ready::Refused { row, issues },
        }
    }

    /// The row's own country: a country column's value, else the country an address names.
    pub(super) fn row_country(&self, row: &SourceRow) -> Option<&'static str> {
        let cell = |target: &str| {
            self.mapping
                .iter()
                .filter(|c| c.target == target)
                .filter_map(|c| row.cells.get(c.column))
                .map(|v| v.trim())
                .find(|v| !v.is_empty())
        };
        cell("country")
            .and_then(country::country_code)
            .or_else(|| cell("address").and_then(country::country_in_address))
    }

    /// A phone as the row gives it: read in the row's country, then in the default country;
    /// else kept as written (when it looks like a phone number at all) and flagged.
    pub(super) fn phone(
        &self,
        text: &str,
        row_country: Option<&'static str>,
        p: &mut Prepared,
    ) -> std::result::Result<String, (Option<String>, IssueCode)> {
        let default = self.default_country.as_deref();
        let mut first_error = None;
        for country in [row_country, default.filter(|d| Some(*d) != row_country)] {
            let Some(country) = country else { continue };
            match clean::clean_phone(text, Some(country)) {
                Ok(v) => {
                    if Some(country) == row_country
                        && Some(country) != default
                        && !clean::has_country_code(text)
                    {
                        p.phone_country = row_country;
                    }
                    return Ok(v);
                }
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        let international = text.trim_start_matches(['(', ' ']).starts_with(['+', '0']);
        let why = match (first_error, row_country.or(default)) {
            (Some(e), _) => e,
            (None, None) if !international => IssueCode::PhoneWithoutCountry,
            (None, _) => match clean::clean_phone(text, None) {
                Ok(v) => return Ok(v),
                Err(e) => e,
            },
        };
        // A national number without any country to read it in is kept as written, which is
        // what a phone without a country has always been: only flag what failed to read.
        if row_country.is_none()
            && default.is_none()
            && !international
            && let Ok(plain) = crate::values::plain_phone(text)
        {
            return Ok(plain);
        }
        Err((crate::values::plain_phone(text).ok(), why))
    }

    /// Cleans the row's cells into field input. An optional value that does not clean never
    /// costs the row: it is kept as written in `review` (and, for a phone that still looks
    /// like one, stored as written too). The row is refused only for a value it cannot be
    /// written without (a required field), or when nothing in it identifies anyone.
    pub(super) fn prepare(&self, row: &SourceRow) -> Result<Prepared, Vec<FieldIssue>> {
        let mut p = Prepared::default();
        let mut issues = Vec::new();
        let mut full_name = None;
        let mut currency = None;
        let row_country = self.row_country(row);
        for c in self.mapping {
            let raw = row.cells.get(c.column).map_or("", String::as_str);
            let raw = unneutralize(raw);
            let text = raw.trim();
            if text.is_empty() || c.target == "ignore" {
                continue;
            }
            let def = field_target(self.kind, &c.target).or_else(|| {
                c.target
                    .strip_prefix("line.")
                    .and_then(|t| Kind::OrderLine.def().field(t))
            });
            if def.is_none_or(|d| d.ty != FieldType::Bool) && clean::is_placeholder(text) {
                p.placeholders.push((c.column, text.to_string()));
                continue;
            }
            // The reason's English words are made here, only for a value actually kept.
            let keep = |p: &mut Prepared, field: &str, reason: KeptReason| {
                p.review
                    .push(ReviewValue::kept(field, &c.header, &raw, reason));
            };
            if text.chars().count() > MAX_TEXT {
                issues.push(FieldIssue {
                    field: c.header.clone(),
                    reason: format!(
                        "is {} long, more than the {MAX_TEXT} characters a field holds",
                        human_size(raw.len())
                    ),
                    code: None,
                });
                continue;
            }
            let contexts = match def {
                Some(d) if dates::needs_order(d.ty, text) => &self.dates.get().contexts,
                _ => &self.contexts,
            };
            let ctx = &contexts[c.column.min(contexts.len().saturating_sub(1))];
            if let Some(def) = def
                && def.ty == FieldType::Money
                && let Ok((_, Some(code))) = clean::clean_money(text)
            {
                currency.get_or_insert(code);
            }
            // Stores the cell's clean text in `into`; returns its typed value when it was read
            // here (a value kept as written is read later, with the rest of the input).
            let mut clean_into = |def: &FieldDef, into: &mut Input, p: &mut Prepared| {
                let cleaned = match def.ty {
                    FieldType::Phone => match self.phone(text, row_country, p) {
                        Ok(v) => Ok(v),
                        // Several numbers in one cell: the first is the phone, the cell is kept.
                        Err((_, issue))
                            if !def.required
                                && let Some(first) = first_phone(text)
                                && let Ok(v) = self.phone(first, row_country, p) =>
                        {
                            into.insert(def.name.to_string(), v);
                            keep(p, def.name, KeptReason::FirstUsed { issue });
                            return None;
                        }
                        Err((as_written, issue)) => {
                            if let Some(v) = as_written.filter(|_| !def.required) {
                                into.insert(def.name.to_string(), v);
                                keep(p, def.name, KeptReason::StoredAsWritten { issue });
                                return None;
                            }
                            Err(issue)
                        }
                    },
                    FieldType::Email => clean::clean_email(text).or_else(|issue| {
                        // Two addresses in one cell: the first is the email, the cell is kept.
                        match first_email(text) {
                            Some(first) if !def.required => {
                                keep(p, def.name, KeptReason::FirstUsed { issue });
                                Ok(first)
                            }
                            _ => Err(issue),
                        }
                    }),
                    _ => clean::clean_for_field(def, text, ctx),
                };
                // What the cleaner gives must also be what a form may store.
                let checked = cleaned
                    .and_then(|v| crate::values::parse_field(def, &v).map(|typed| (v, typed)));
                match checked {
                    Ok((v, _)) if v.is_empty() => None,
                    Ok((v, typed)) => {
                        into.insert(def.name.to_string(), v);
                        Some(typed)
                    }
                    Err(issue) if def.required => {
                        issues.push(FieldIssue::coded(c.header.clone(), issue));
                        None
                    }
                    Err(issue) => {
                        keep(p, def.name, KeptReason::NotRead { issue });
                        None
                    }
                }
            };
            match c.target.as_str() {
                "id" => p.id = Some(text.to_string()),
                "full_name" => full_name = Some(clean::clean_text(text, false)),
                "company" => p.company = Some(clean::clean_text(text, false)),
                "contact" => p.contact = Some(text.to_string()),
                // On a contact, its own field; elsewhere the link to the contact.
                "customer_no" if self.kind.def().field("customer_no").is_none() => {
                    p.customer = Some(text.to_string());
                }
                "tags" => {
                    for t in text
                        .split([',', ';', '\n'])
                        .map(str::trim)
                        .filter(|t| !t.is_empty() && !clean::is_placeholder(t))
                    {
                        match check_tag(t) {
                            Ok(t) => p.tags.push(t),
                            Err(e) => {
                                let issue = e.issues().iter().find_map(|i| i.code.clone());
                                let issue = issue.unwrap_or(IssueCode::NotTag {
                                    max: crate::store::MAX_TAG as u64,
                                });
                                let tag = t.to_string();
                                keep(&mut p, "tags", KeptReason::TagRefused { tag, issue });
                            }
                        }
                    }
                }
                "line.product" => p.product = Some(text.to_string()),
                t if t.starts_with("custom.") => {
                    p.input.insert(t.to_string(), clean::clean_text(text, true));
                }
                t if t.starts_with("line.") => match def {
                    Some(def) => {
                        let mut line = std::mem::take(&mut p.line);
                        let _ = clean_into(def, &mut line, &mut p);
                        p.line = line;
                    }
                    None => issues.push(FieldIssue {
                        field: c.header.clone(),
                        reason: format!("'{t}' is not an order line field"),
                        code: None,
                    }),
                },
                t => match def {
                    Some(def) => {
                        let mut input = std::mem::take(&mut p.input);
                        let typed = clean_into(def, &mut input, &mut p);
                        p.input = input;
                        // Read once: the writer does not parse it again (see `Prepared::typed`).
                        let read = p.typed.get_or_insert_default();
                        match typed {
                            Some(value) => read.set(def.name, value),
                            None => read.forget(def.name),
                        }
                    }
                    None => issues.push(FieldIssue {
                        field: c.header.clone(),
                        reason: format!("'{t}' is not a field of {}", self.kind),
                        code: None,
                    }),
                },
            }
        }
        // A money cell that names its currency ("€99,90", "￥980") sets the record's currency
        // when no column gives one.
        if let Some(currency) = currency
            && self.kind.def().field("currency").is_some()
            && !p.input.contains_key("currency")
        {
            p.input.insert("currency".into(), currency.to_string());
        }
        // Required choices a spreadsheet rarely has: a new deal starts as a lead, an
        // activity without a kind is a note.
        for (kind, field, default) in [
            (Kind::Deal, "stage", "lead"),
            (Kind::Activity, "kind", "note"),
        ] {
            if self.kind == kind && !self.mapping.iter().any(|c| c.target == field) {
                p.input
                    .entry(field.into())
                    .or_insert_with(|| default.into());
            }
        }
        if let Some(name) = full_name {
            let (first, last) = clean::split_name(&name);
            if !p.input.contains_key("first_name") && !first.is_empty() {
                p.input.insert("first_name".into(), first);
            }
            if !p.input.contains_key("last_name") && !last.is_empty() {
                p.input.insert("last_name".into(), last);
            }
        }
        if issues.is_empty() && self.kind == Kind::Contact && p.id.is_none() {
            // The store's rule, asked before writing so the reason can name the values kept
            // (the company is linked by name, later).
            let identified = CONTACT_IDENTITY
                .iter()
                .any(|f| p.input.get(*f).is_some_and(|v| !v.is_empty()))
                || p.company.is_some();
            if !identified {
                // Every value the cleaner keeps has its code (see `keep`).
                let kept = p
                    .review
                    .iter()
                    .filter_map(|r| {
                        let reason = r.code.clone()?;
                        Some(KeptInColumn {
                            column: r.column.clone(),
                            reason,
                        })
                    })
                    .collect();
                issues.push(FieldIssue::coded(
                    "row",
                    IssueCode::NothingIdentifies { kept },
                ));
            }
        }
        if issues.is_empty() {
            Ok(p)
        } else {
            Err(issues)
        }
    }
}

/// The first of several phone numbers in a cell (see [`clean::phone_parts`]), when it has more
/// than one.
pub(super) fn first_phone(text: &str) -> Option<&str> {
    let mut parts = clean::phone_parts(text)
        .map(str::trim)
        .filter(|part| part.chars().filter(char::is_ascii_digit).count() >= 3);
    let first = parts.next()?;
    parts.next().map(|_| first)
}

/// The first address in a cell that holds several (`a@x.com; b@y.com`, Google's
/// `a@x.com ::: b@y.com`).
pub(super) fn first_email(text: &str) -> Option<String> {
    text.split([',', ';', ' ', '/', '|', '\n'])
        .map(|part| part.trim().trim_matches(':'))
        .filter(|part| part.contains('@'))
        .find_map(|part| clean::clean_email(part).ok())
}

/// The field a mapping target writes, if it is a plain field of the kind.
pub(super) fn field_target(kind: Kind, target: &str) -> Option<&'static crate::model::FieldDef> {
    kind.def().field(target)
}

pub(super) fn human_size(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / (1 << 20) as f64)
    } else {
        format!("{:.0} KB", bytes as f64 / 1024.0)
    }
}
