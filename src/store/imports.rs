//! Import batches: their bookkeeping, the lookups duplicate matching needs, and undo.
//!
//! Every write of an import carries the origin `import:<batch id>` in the change log. Undo
//! reads those entries back: records the batch created are tombstoned, fields it changed on
//! existing records get their earlier values back. Anything changed after the import (by the
//! user, another import or a sync) is kept and named in the undo report, never overwritten.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use rusqlite::{OptionalExtension, params};

use super::batch::{
    BatchSummary, Counts, Outcome, RowReason, SavedRow, UndoNote, UndoReason, UndoReport,
};
use super::records::{CREATED, Reads, stored_value};
use super::{Store, Writer};
use crate::error::{Error, IssueCode, Result};
use crate::model::{EntityRecord, FieldType, Kind, Said, Value};

/// The change-log origin of an import batch's writes.
pub fn batch_origin(batch: &str) -> String {
    format!("import:{batch}")
}

fn summary(r: &rusqlite::Row<'_>) -> rusqlite::Result<BatchSummary> {
    let kind: String = r.get(1)?;
    let count = |i: usize| r.get::<_, i64>(i).map(|n| n as u64);
    Ok(BatchSummary {
        id: r.get(0)?,
        kind: kind.parse().unwrap_or(Kind::Contact),
        file: r.get(2)?,
        started_at: r.get(3)?,
        finished_at: r.get(4)?,
        status: r.get(5)?,
        counts: Counts {
            rows: count(6)?,
            created: count(7)?,
            updated: count(8)?,
            merged: count(9)?,
            skipped: count(10)?,
            rejected: count(11)?,
            flagged: count(13)?,
        },
        undone_at: r.get(12)?,
    })
}

const BATCH_COLUMNS: &str = "id, kind, file, started_at, finished_at, status, rows, created, \
                             updated, merged, skipped, rejected, undone_at, flagged";

impl Writer<'_> {
    /// Records the start of an import batch (inside the import's transaction, so a cancelled
    /// or failed import leaves no trace).
    pub fn begin_batch(&mut self, id: &str, kind: Kind, file: &str, details: &str) -> Result<()> {
        self.tx.execute(
            "INSERT INTO import_batch (id, kind, file, started_at, status, details)
             VALUES (?1, ?2, ?3, ?4, 'done', ?5)",
            params![id, kind.as_str(), file, self.at, details],
        )?;
        Ok(())
    }

    /// Stores the final counts of a batch.
    pub fn finish_batch(&mut self, id: &str, counts: &Counts) -> Result<()> {
        self.tx.execute(
            "UPDATE import_batch SET finished_at = ?2, rows = ?3, created = ?4, updated = ?5,
                    merged = ?6, skipped = ?7, rejected = ?8, flagged = ?9
             WHERE id = ?1",
            params![
                id,
                self.now(),
                counts.rows as i64,
                counts.created as i64,
                counts.updated as i64,
                counts.merged as i64,
                counts.skipped as i64,
                counts.rejected as i64,
                counts.flagged as i64
            ],
        )?;
        Ok(())
    }

    /// Keeps a skipped or rejected row's cells and reason with its batch.
    pub fn keep_row(
        &mut self,
        batch: &str,
        line: u64,
        outcome: Outcome,
        reason: &Said<RowReason>,
        cells: &[String],
    ) -> Result<()> {
        let cells = serde_json::to_string(cells).unwrap_or_else(|_| "[]".into());
        let code = serde_json::to_string(&reason.code).ok();
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO import_row (batch_id, line, outcome, reason, cells, code)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                batch,
                line as i64,
                outcome.as_str(),
                reason.text,
                cells,
                code
            ])?;
        Ok(())
    }

    /// Ids of live records of `kind` whose `field` equals `value` (ignoring ASCII case when
    /// `nocase`), oldest first, at most `limit`. `field` must be one of the kind's fields.
    pub fn find_by(
        &self,
        kind: Kind,
        field: &str,
        value: &str,
        nocase: bool,
        limit: usize,
    ) -> Result<Vec<String>> {
        let def = kind.def();
        let f = def
            .field(field)
            .ok_or_else(|| Error::invalid(field, format!("{} has no field {field}", def.label)))?;
        let collate = if nocase { " COLLATE NOCASE" } else { "" };
        let sql = format!(
            "SELECT id FROM {} WHERE {} = ?1{collate} AND deleted_at IS NULL ORDER BY rowid LIMIT ?2",
            def.table, f.name
        );
        let ids = self
            .tx
            .prepare_cached(&sql)?
            .query_map(params![value, limit as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// Live contacts with this last name (ignoring ASCII case) at this company (or, with
    /// `None`, at none), at most `limit`: their ids and first names, read from an index.
    /// With `without_email`, only those that have no email (the only ones a row with an
    /// email can be, read from a small index of its own).
    pub fn name_candidates(
        &self,
        company_id: Option<&str>,
        last_name: &str,
        without_email: bool,
        limit: usize,
    ) -> Result<Vec<(i64, String)>> {
        let sql = if without_email {
            "SELECT rowid, coalesce(first_name, '') FROM contact
             WHERE company_id IS ?1 AND last_name = ?2 COLLATE NOCASE AND deleted_at IS NULL
               AND email IS NULL
             LIMIT ?3"
        } else {
            "SELECT rowid, coalesce(first_name, '') FROM contact
             WHERE company_id IS ?1 AND last_name = ?2 COLLATE NOCASE AND deleted_at IS NULL
             LIMIT ?3"
        };
        let rows = self
            .tx
            .prepare_cached(sql)?
            .query_map(params![company_id, last_name, limit as i64], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// A contact's id, email and phone by rowid (see [`Writer::name_candidates`]).
    pub fn contact_keys(&self, rowid: i64) -> Result<(String, Option<String>, Option<String>)> {
        Ok(self
            .tx
            .prepare_cached("SELECT id, email, phone FROM contact WHERE rowid = ?1")?
            .query_row(params![rowid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?)
    }

    /// The live records that refer to `kind`/`id`: their kind, the referring field and id.
    pub fn referrers(&self, kind: Kind, id: &str) -> Result<Vec<(Kind, &'static str, String)>> {
        let mut out = Vec::new();
        for other in Kind::ALL {
            for f in other
                .def()
                .fields
                .iter()
                .filter(|f| f.ref_kind == Some(kind))
            {
                let sql = format!(
                    "SELECT id FROM {} WHERE {} = ?1 AND deleted_at IS NULL",
                    other.def().table,
                    f.name
                );
                let ids: Vec<String> = self
                    .tx
                    .prepare_cached(&sql)?
                    .query_map(params![id], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                out.extend(ids.into_iter().map(|r| (other, f.name, r)));
            }
        }
        Ok(out)
    }

    /// A record as the store returns it (deleted ones too), read inside this write.
    pub fn get(&self, kind: Kind, id: &str) -> Result<EntityRecord> {
        let raw = self.raw(kind, id)?.ok_or_else(|| Error::NotFound {
            kind,
            id: id.to_string(),
        })?;
        self.record(kind, raw)
    }

    /// The stored values of a live record's fields (money in hundredths).
    pub fn stored(&self, kind: Kind, id: &str) -> Result<BTreeMap<&'static str, Value>> {
        Ok(self.live_raw(kind, id)?.stored)
    }
}

impl Store {
    /// Every import batch, newest first.
    pub fn import_batches(&self) -> Result<Vec<BatchSummary>> {
        let sql =
            format!("SELECT {BATCH_COLUMNS} FROM import_batch ORDER BY started_at DESC, id DESC");
        let rows = self
            .conn
            .prepare_cached(&sql)?
            .query_map([], summary)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// One import batch.
    pub fn import_batch(&self, id: &str) -> Result<BatchSummary> {
        let sql = format!("SELECT {BATCH_COLUMNS} FROM import_batch WHERE id = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row(params![id], summary)
            .optional()?
            .ok_or_else(|| Error::invalid("batch", format!("no import batch has id {id}")))
    }

    /// The JSON details (headers, mapping, options) stored with a batch.
    pub fn import_batch_details(&self, id: &str) -> Result<String> {
        self.import_batch(id)?;
        Ok(self.conn.query_row(
            "SELECT details FROM import_batch WHERE id = ?1",
            params![id],
            |r| r.get(0),
        )?)
    }

    /// The skipped and rejected rows of a batch with their original cells, in file order.
    pub fn import_rows(&self, id: &str) -> Result<Vec<SavedRow>> {
        self.import_batch(id)?;
        let rows = self
            .conn
            .prepare_cached(
                "SELECT line, outcome, reason, cells, code FROM import_row WHERE batch_id = ?1
                 ORDER BY line",
            )?
            .query_map(params![id], |r| {
                let outcome: String = r.get(1)?;
                let cells: String = r.get(3)?;
                let code: Option<String> = r.get(4)?;
                Ok(SavedRow {
                    line: r.get::<_, i64>(0)? as u64,
                    outcome: Outcome::parse(&outcome).unwrap_or(Outcome::Rejected),
                    reason: r.get(2)?,
                    // A code this build cannot read (written by a newer one) is as none.
                    code: code.and_then(|c| serde_json::from_str(&c).ok()),
                    cells: serde_json::from_str(&cells).unwrap_or_default(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The mappings saved for a kind: name → JSON (header → target).
    pub fn saved_mappings(&self, kind: Kind) -> Result<Vec<(String, String)>> {
        let rows = self
            .conn
            .prepare_cached(
                "SELECT name, columns FROM import_mapping WHERE kind = ?1 ORDER BY name",
            )?
            .query_map(params![kind.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Saves (or replaces) a named mapping for a kind.
    pub fn save_mapping(&mut self, kind: Kind, name: &str, columns_json: &str) -> Result<()> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(Error::coded("name", IssueCode::MappingName { max: 100 }));
        }
        self.write(|w| {
            w.tx.execute(
                "INSERT INTO import_mapping (kind, name, columns, updated_at)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (kind, name) DO UPDATE SET columns = excluded.columns,
                                                        updated_at = excluded.updated_at",
                params![kind.as_str(), name, columns_json, w.at],
            )?;
            Ok(())
        })
    }

    /// Undoes an import batch: records it created are removed (tombstoned), fields it changed
    /// get their earlier values back. What changed after the import is kept, and named in the
    /// report with the reason.
    pub fn undo_import(&mut self, batch: &str) -> Result<UndoReport> {
        let info = self.import_batch(batch)?;
        if let Some(at) = &info.undone_at {
            return Err(Error::coded(
                "batch",
                IssueCode::AlreadyUndone {
                    batch: batch.to_string(),
                    at: at.clone(),
                },
            ));
        }
        self.auto_backup("before-undo")?;
        let origin = batch_origin(batch);
        let previous = self.origin().to_string();
        self.set_origin(&format!("undo:{batch}"));
        let result = self.write(|w| {
            w.drop_batch_flags(batch)?;
            undo(w, batch, &origin)
        });
        self.set_origin(&previous);
        result
    }
}

/// One change-log entry read back for undo.
struct Entry {
    seq: i64,
    kind: Kind,
    id: String,
    field: String,
    old: Value,
    new: Value,
}

fn undo(w: &mut Writer<'_>, batch: &str, origin: &str) -> Result<UndoReport> {
    let entries: Vec<Entry> =
        w.tx.prepare_cached(
            "SELECT seq, entity, entity_id, field, old, new FROM change_log
             WHERE set_id IN (SELECT id FROM change_set WHERE origin = ?1)
             ORDER BY seq",
        )?
        .query_map(params![origin], |r| {
            let kind: String = r.get(1)?;
            Ok(Entry {
                seq: r.get(0)?,
                kind: kind.parse().unwrap_or(Kind::Contact),
                id: r.get(2)?,
                field: r.get(3)?,
                old: stored_value(r.get_ref(4)?),
                new: stored_value(r.get_ref(5)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let last_seq = entries.last().map_or(0, |e| e.seq);
    let created: Vec<(Kind, String)> = entries
        .iter()
        .filter(|e| e.field == CREATED)
        .map(|e| (e.kind, e.id.clone()))
        .collect();
    let created_ids: HashSet<&str> = created.iter().map(|(_, id)| id.as_str()).collect();
    let mut report = UndoReport {
        batch: batch.to_string(),
        ..UndoReport::default()
    };

    // Fields of records that existed before: the value before the batch's first change.
    let mut first_old: BTreeMap<(String, String), (Kind, Value, Value)> = BTreeMap::new();
    for e in entries
        .iter()
        .filter(|e| e.field != CREATED && !created_ids.contains(e.id.as_str()))
    {
        first_old
            .entry((e.id.clone(), e.field.clone()))
            .and_modify(|(_, _, new)| *new = e.new.clone())
            .or_insert((e.kind, e.old.clone(), e.new.clone()));
    }
    let changed_later = |w: &Writer<'_>, id: &str, field: Option<&str>| -> Result<bool> {
        let n: i64 =
            w.tx.prepare_cached(
                "SELECT count(*) FROM change_log l JOIN change_set s ON s.id = l.set_id
                 WHERE l.entity_id = ?1 AND l.seq > ?2 AND (?3 IS NULL OR l.field = ?3)
                 AND s.origin NOT LIKE 'undo:%'",
            )?
            .query_row(params![id, last_seq, field], |r| r.get(0))?;
        Ok(n > 0)
    };

    let mut restored_records = BTreeSet::new();
    for ((id, field), (kind, old, _new)) in &first_old {
        let title = w.title_of(*kind, id)?.unwrap_or_else(|| id.clone());
        if changed_later(w, id, Some(field))? {
            report.kept.push(UndoNote {
                kind: *kind,
                id: id.clone(),
                title,
                reason: UndoReason::FieldChangedLater {
                    kind: *kind,
                    field: field.clone(),
                }
                .into(),
            });
            continue;
        }
        match w.raw(*kind, id)? {
            Some(raw) if raw.deleted_at.is_none() => {
                if field == "tags" {
                    restore_tags(w, *kind, id, old)?;
                } else if let Some(name) = field.strip_prefix("custom.") {
                    w.set_custom(*kind, id, name, &old.to_text().unwrap_or_default())?;
                } else if let Some(def) = kind.def().field(field) {
                    let old = match (def.ty, old) {
                        (FieldType::Bool, Value::Bool(b)) => Value::Int(i64::from(*b)),
                        (_, v) => v.clone(),
                    };
                    w.set_fields(*kind, id, &raw.stored, &[(def.name, old)])?;
                }
                restored_records.insert(id.clone());
                report.restored_fields += 1;
            }
            _ => report.kept.push(UndoNote {
                kind: *kind,
                id: id.clone(),
                title,
                reason: UndoReason::DeletedLater.into(),
            }),
        }
    }
    report.restored_records = restored_records.len() as u64;

    // Records the batch created: removed unless edited later or referred to by a record the
    // batch did not create.
    for (kind, id) in &created {
        let Some(raw) = w.raw(*kind, id)? else {
            continue;
        };
        if raw.deleted_at.is_some() {
            report.already_deleted += 1;
            continue;
        }
        let title = w.title_of(*kind, id)?.unwrap_or_else(|| id.clone());
        if changed_later(w, id, None)? {
            report.kept.push(UndoNote {
                kind: *kind,
                id: id.clone(),
                title,
                reason: UndoReason::EditedLater.into(),
            });
            continue;
        }
        if let Some((ref_kind, ref_id)) = referrer_outside(w, *kind, id, &created_ids)? {
            let other = w.title_of(ref_kind, &ref_id)?.unwrap_or(ref_id);
            report.kept.push(UndoNote {
                kind: *kind,
                id: id.clone(),
                title,
                reason: UndoReason::ReferredToLater {
                    kind: ref_kind,
                    title: other,
                }
                .into(),
            });
            continue;
        }
        w.delete(*kind, id)?;
        report.removed += 1;
    }
    w.tx.execute(
        "UPDATE import_batch SET status = 'undone', undone_at = ?2 WHERE id = ?1",
        params![batch, w.now()],
    )?;
    Ok(report)
}

/// A live record outside `created` that refers to `kind`/`id`, if any.
fn referrer_outside(
    w: &Writer<'_>,
    kind: Kind,
    id: &str,
    created: &HashSet<&str>,
) -> Result<Option<(Kind, String)>> {
    Ok(w.referrers(kind, id)?
        .into_iter()
        .find(|(_, _, r)| !created.contains(r.as_str()))
        .map(|(k, _, r)| (k, r)))
}

/// Puts a record's tags back to the comma-joined list `old`.
fn restore_tags(w: &mut Writer<'_>, kind: Kind, id: &str, old: &Value) -> Result<()> {
    let split = |v: &Value| -> BTreeSet<String> {
        v.to_text()
            .unwrap_or_default()
            .split(", ")
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect()
    };
    let wanted = split(old);
    let now: BTreeSet<String> = w.tags_of(id)?.into_iter().collect();
    for t in now.difference(&wanted) {
        w.untag(kind, id, t)?;
    }
    for t in wanted.difference(&now) {
        w.tag(kind, id, t)?;
    }
    Ok(())
}
