//! Values kept for review: what an import could not clean, stored exactly as the file had it
//! beside the record it belongs to (`field_review`), listed for the user and resolved when the
//! field is cleaned again or edited.
//!
//! Invariant: an entry belongs to a live record and one of its fields; it never holds the
//! field's value (the record does), only the text as written and why it was not read. Entries
//! are bookkeeping of this device (like import batches): not logged, not synced.

use rusqlite::params;
use serde::Serialize;

use super::{Store, Writer};
use crate::error::Result;
pub use crate::error::{KeptInColumn, KeptReason};
use crate::model::Kind;

/// A value to keep for review: the field it was meant for, the file's column, the cell as
/// written, and why it was not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewValue {
    /// The field's name (`phone`, `birthday`).
    pub field: String,
    /// The column of the file it came from (its header).
    pub column: String,
    /// The cell exactly as written.
    pub raw: String,
    /// Why it was kept rather than read, in English (the code's words).
    pub reason: String,
    /// The same reason as a code; none for values kept before reasons were stored with their
    /// code (`reason` is then shown as it is).
    pub code: Option<KeptReason>,
}

impl ReviewValue {
    /// A value kept for `reason`, with the reason's English words beside its code.
    pub fn kept(field: &str, column: &str, raw: &str, reason: KeptReason) -> ReviewValue {
        ReviewValue {
            field: field.to_string(),
            column: column.to_string(),
            raw: raw.to_string(),
            reason: reason.to_string(),
            code: Some(reason),
        }
    }
}

/// A kept value as listed: the record it belongs to and what to review.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Flagged {
    /// The record's kind.
    pub kind: Kind,
    /// The record's id.
    pub record_id: String,
    /// The record's title.
    pub title: String,
    /// The field.
    pub field: String,
    /// The file's column it came from (empty when not known).
    pub column: String,
    /// The text as written.
    pub raw: String,
    /// Why it was kept, in English (as stored).
    pub reason: String,
    /// The same reason as a code; none for values kept before reasons were stored with their
    /// code (`reason` is then shown as it is).
    pub code: Option<KeptReason>,
    /// The import that kept it.
    pub batch: Option<String>,
}

/// Records with values to review: a page of them and how many there are in all.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FlaggedPage {
    /// The kept values, oldest first (the first `limit`).
    pub items: Vec<Flagged>,
    /// Kept values in all (of live records).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub total: u64,
    /// Records with at least one kept value.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub records: u64,
}

/// The SQL clause (over a kind's table) that keeps only records with values to review.
pub(super) fn needs_review_clause(table: &str) -> String {
    format!("{table}.id IN (SELECT record_id FROM field_review WHERE kind = ?)")
}

impl Writer<'_> {
    /// Keeps values of a record for review (replacing what was kept for the same fields).
    pub fn flag_values(
        &mut self,
        kind: Kind,
        id: &str,
        batch: Option<&str>,
        values: &[ReviewValue],
    ) -> Result<()> {
        let mut insert = self.tx.prepare_cached(
            "INSERT OR REPLACE INTO field_review
                 (kind, record_id, field, raw, reason, batch_id, created_at, source_column,
                  code)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        for v in values {
            // A code of strings and lists always serialises; were it not to, the value is
            // kept with its English reason alone, as values kept before codes were.
            let code = v.code.as_ref().and_then(|c| serde_json::to_string(c).ok());
            insert.execute(params![
                kind.as_str(),
                id,
                v.field,
                v.raw,
                v.reason,
                batch,
                self.at,
                v.column,
                code
            ])?;
        }
        Ok(())
    }

    /// Forgets what was kept for review of these fields of a record (their value was cleaned
    /// or edited).
    pub fn resolve_flags<'f>(
        &mut self,
        id: &str,
        fields: impl IntoIterator<Item = &'f str>,
    ) -> Result<()> {
        let mut delete = self
            .tx
            .prepare_cached("DELETE FROM field_review WHERE record_id = ?1 AND field = ?2")?;
        for field in fields {
            delete.execute(params![id, field])?;
        }
        Ok(())
    }

    /// Forgets what an import kept for review (its undo).
    pub(super) fn drop_batch_flags(&mut self, batch: &str) -> Result<()> {
        self.tx
            .prepare_cached("DELETE FROM field_review WHERE batch_id = ?1")?
            .execute(params![batch])?;
        Ok(())
    }
}

impl Store {
    /// Values kept for review, of one kind or all, belonging to live records: the first
    /// `limit`, oldest first, and the totals.
    pub fn flagged(&self, kind: Option<Kind>, limit: usize) -> Result<FlaggedPage> {
        let mut page = FlaggedPage {
            items: Vec::new(),
            total: 0,
            records: 0,
        };
        for k in Kind::ALL
            .iter()
            .filter(|k| kind.is_none_or(|want| want == **k))
        {
            let table = k.def().table;
            let live = format!(
                "FROM field_review f JOIN {table} t ON t.id = f.record_id
                 WHERE f.kind = ?1 AND t.deleted_at IS NULL"
            );
            let (total, records): (i64, i64) = self
                .conn
                .prepare_cached(&format!(
                    "SELECT count(*), count(DISTINCT f.record_id) {live}"
                ))?
                .query_row(params![k.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))?;
            page.total += total as u64;
            page.records += records as u64;
            let room = limit.saturating_sub(page.items.len());
            if room == 0 || total == 0 {
                continue;
            }
            let rows: Vec<Flagged> = self
                .conn
                .prepare_cached(&format!(
                    "SELECT f.record_id, f.field, coalesce(f.source_column, ''), f.raw, f.reason,
                            f.batch_id, f.code {live}
                     ORDER BY f.created_at, f.record_id, f.field LIMIT ?2"
                ))?
                .query_map(params![k.as_str(), room as i64], |r| {
                    Ok(Flagged {
                        kind: *k,
                        record_id: r.get(0)?,
                        title: String::new(),
                        field: r.get(1)?,
                        column: r.get(2)?,
                        raw: r.get(3)?,
                        reason: r.get(4)?,
                        code: stored_code(r.get_ref(6)?),
                        batch: r.get(5)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            for mut item in rows {
                item.title = self.get_record(*k, &item.record_id)?.title;
                page.items.push(item);
            }
        }
        Ok(page)
    }

    /// The values kept for review of one record: field, column, raw text and reason.
    pub fn record_flags(&self, id: &str) -> Result<Vec<ReviewValue>> {
        let rows = self
            .conn
            .prepare_cached(
                "SELECT field, coalesce(source_column, ''), raw, reason, code FROM field_review
                 WHERE record_id = ?1 ORDER BY field",
            )?
            .query_map(params![id], |r| {
                Ok(ReviewValue {
                    field: r.get(0)?,
                    column: r.get(1)?,
                    raw: r.get(2)?,
                    reason: r.get(3)?,
                    code: stored_code(r.get_ref(4)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

/// A stored code read back: none when the row has none (kept before codes were stored) or one
/// this build does not know (written by a newer Kith); its English `reason` is shown then.
fn stored_code(value: rusqlite::types::ValueRef<'_>) -> Option<KeptReason> {
    match value {
        rusqlite::types::ValueRef::Text(json) => serde_json::from_slice(json).ok(),
        _ => None,
    }
}
