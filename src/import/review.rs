//! Re-cleaning the values an import kept for review, once the user has said how to read them
//! (a default country for phones, an order of day and month for dates).
//!
//! Each kept value is cleaned again as an import would clean it in its record's row: a phone
//! in the record's own country (its country field, or the country its address names), then in
//! the default country. What now cleans is written to its field (one write, logged like any
//! edit) and leaves the review list; what still does not stays, with its reason.

use serde::{Deserialize, Serialize};

use super::clean::{self, CleanContext, DateOrder};
use super::country;
use crate::Store;
use crate::error::Result;
use crate::model::{FieldType, Input, Kind, Value};
use crate::store::Flagged;

/// How to read the kept values this time.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct RecleanOptions {
    /// ISO country for phones written without a country code (when the record names none).
    pub default_country: Option<String>,
    /// The order of numeric dates whose day and month could be swapped.
    pub date_order: Option<DateOrder>,
}

/// What a re-clean did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecleanReport {
    /// Kept values looked at.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub checked: u64,
    /// Values that now clean, written to their records.
    pub cleaned: Vec<Recleaned>,
    /// Kept values that still do not clean (they stay for review).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub still: u64,
}

/// One kept value that now cleans.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Recleaned {
    /// The record's kind.
    pub kind: Kind,
    /// The record.
    pub record_id: String,
    /// Its title.
    pub title: String,
    /// The field written.
    pub field: String,
    /// The text as the file had it.
    pub raw: String,
    /// The value written.
    pub value: String,
}

/// The value a kept text cleans to for its record, if it cleans now.
fn reclean_one(store: &Store, item: &Flagged, opts: &RecleanOptions) -> Result<Option<String>> {
    let Some(def) = item.kind.def().field(&item.field) else {
        return Ok(None);
    };
    let record = store.get_record(item.kind, &item.record_id)?;
    let text_of = |f: &str| match record.values.get(f) {
        Some(Value::Text(t)) => Some(t.as_str()),
        _ => None,
    };
    let own = text_of("country")
        .and_then(country::country_code)
        .or_else(|| text_of("address").and_then(country::country_in_address));
    let default = opts
        .default_country
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let raw = item.raw.trim();
    let cleaned = match def.ty {
        FieldType::Phone => [own, default]
            .into_iter()
            .flatten()
            .find_map(|c| clean::clean_phone(raw, Some(c)).ok()),
        _ => {
            let ctx = CleanContext {
                default_country: default.map(str::to_string),
                date_order: opts.date_order,
            };
            clean::clean_for_field(def, raw, &ctx).ok()
        }
    };
    Ok(cleaned
        .filter(|v| !v.is_empty())
        .filter(|v| crate::values::parse_field(def, v).is_ok()))
}

/// Cleans again every value kept for review (of one kind, or all) with `opts`; writes those
/// that now clean, in one write.
pub fn reclean(
    store: &mut Store,
    kind: Option<Kind>,
    opts: &RecleanOptions,
) -> Result<RecleanReport> {
    let page = store.flagged(kind, usize::MAX)?;
    let mut report = RecleanReport {
        checked: page.items.len() as u64,
        ..RecleanReport::default()
    };
    for item in &page.items {
        match reclean_one(store, item, opts)? {
            Some(value) => report.cleaned.push(Recleaned {
                kind: item.kind,
                record_id: item.record_id.clone(),
                title: item.title.clone(),
                field: item.field.clone(),
                raw: item.raw.clone(),
                value,
            }),
            None => report.still += 1,
        }
    }
    if !report.cleaned.is_empty() {
        store.write(|w| {
            for r in &report.cleaned {
                let input: Input = [(r.field.clone(), r.value.clone())].into_iter().collect();
                w.update(r.kind, &r.record_id, &input)?;
                w.resolve_flags(&r.record_id, [r.field.as_str()])?;
            }
            Ok(())
        })?;
    }
    Ok(report)
}
