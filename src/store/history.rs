//! Reading the change log: a record's history and a contact's or company's timeline.

use std::collections::BTreeMap;

use rusqlite::params;

use super::Store;
use super::records::{CREATED, Reads, stored_value};

/// The field name tag changes are logged under.
const TAGS: &str = "tags";
use crate::error::{Error, Result};
use crate::model::{Change, Kind, TimelineItem, Value};

/// A creation entry as one change per initial field value, in the order the fields were
/// logged one by one before creations became a single entry (newest first: last field first).
/// `initial` holds the record's values at creation, reconstructed from its current values and
/// the later changes (an entry from before that holds them as JSON in `new`).
fn expand_creation(created: &Change, initial: &BTreeMap<&'static str, Value>) -> Vec<Change> {
    let logged: Option<serde_json::Map<String, serde_json::Value>> = match &created.new {
        Value::Text(json) => serde_json::from_str(json).ok(),
        _ => None,
    };
    created
        .entity
        .def()
        .fields
        .iter()
        .rev()
        .filter_map(|f| {
            let v = match &logged {
                Some(map) => serde_json::from_value(map.get(f.name)?.clone()).ok()?,
                None => initial.get(f.name).cloned()?,
            };
            (!v.is_null()).then(|| Change {
                field: f.name.to_string(),
                old: Value::Null,
                new: v,
                ..created.clone()
            })
        })
        .collect()
}

/// For each kind that can appear on a timeline: the date column it is placed by, and a
/// short detail built from its fields.
const TIMELINE: &[(Kind, &str, &[&str])] = &[
    (
        Kind::Activity,
        "coalesce(occurred_at, due_on, created_at)",
        &["kind", "body"],
    ),
    (Kind::Order, "ordered_on", &["status", "total", "currency"]),
    (
        Kind::Ticket,
        "coalesce(opened_at, created_at)",
        &["status", "priority", "category"],
    ),
    (
        Kind::Deal,
        "coalesce(expected_close, created_at)",
        &["stage", "value", "currency"],
    ),
    (
        Kind::Feedback,
        "coalesce(received_at, created_at)",
        &["rating", "nps", "channel"],
    ),
    (
        Kind::CampaignMember,
        "coalesce(responded_at, created_at)",
        &["status", "response"],
    ),
];

/// The field other records name a contact or company by (`contact_id`, `company_id`): what
/// its timeline and its related records are read through. Other kinds have neither (`what`).
pub(super) fn pointing_column(kind: Kind, what: &str) -> Result<&'static str> {
    match kind {
        Kind::Contact => Ok("contact_id"),
        Kind::Company => Ok("company_id"),
        _ => Err(Error::invalid(
            "kind",
            format!("only contacts and companies have {what}, not {kind}"),
        )),
    }
}

impl Store {
    /// How many field changes the change log holds.
    pub fn change_count(&self) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))?;
        Ok(n as u64)
    }

    /// Every logged change of a record (any kind), newest first.
    pub fn history(&self, id: &str) -> Result<Vec<Change>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.seq, l.entity, l.entity_id, l.field, l.old, l.new, s.clock, s.at, s.device,
                    s.origin
             FROM change_log l JOIN change_set s ON s.id = l.set_id
             WHERE l.entity_id = ?1 ORDER BY l.seq DESC",
        )?;
        let rows = stmt
            .query_map(params![id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    Change {
                        seq: r.get(0)?,
                        entity: Kind::Contact,
                        entity_id: r.get(2)?,
                        field: r.get(3)?,
                        old: stored_value(r.get_ref(4)?),
                        new: stored_value(r.get_ref(5)?),
                        clock: r.get(6)?,
                        at: r.get(7)?,
                        device: r.get(8)?,
                        origin: r.get(9)?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        if rows.is_empty() {
            // Distinguish "no such record" from "no history" (the latter cannot happen for a
            // record Kith wrote, but may for one that arrived without its log).
            self.kind_of(id)?;
        }
        let mut changes = Vec::with_capacity(rows.len());
        // Walking back from the newest change, each change's `old` is the value before it:
        // what is left when the creation is reached is the record as it was created. Tags too:
        // the list a record was created with is its list now with the later changes undone.
        let mut state: Option<BTreeMap<&'static str, Value>> = None;
        let mut tags = Value::Text(self.tags_of(id)?.join(", "));
        for (_, entity, mut change) in rows {
            change.entity = entity.parse()?;
            let state = match &mut state {
                Some(s) => s,
                None => state.insert(self.raw_values(change.entity, id)?.unwrap_or_default()),
            };
            if change.field == CREATED {
                if tags.to_text().is_some_and(|t| !t.is_empty()) {
                    changes.push(Change {
                        field: TAGS.into(),
                        old: Value::Null,
                        new: tags.clone(),
                        ..change.clone()
                    });
                }
                changes.extend(expand_creation(&change, state));
            } else {
                if change.field == TAGS {
                    tags = change.old.clone();
                } else if let Some(f) = change.entity.def().field(&change.field) {
                    state.insert(f.name, change.old.clone());
                }
                changes.push(change);
            }
        }
        Ok(changes)
    }

    /// What happened with a contact or company: activities, orders, tickets, deals, feedback,
    /// campaign responses and edits of the record itself, newest first.
    pub fn timeline(&self, kind: Kind, id: &str) -> Result<Vec<TimelineItem>> {
        let column = pointing_column(kind, "a timeline")?;
        self.get_record(kind, id)?;
        let mut items = Vec::new();
        for (item_kind, at, detail) in TIMELINE {
            let def = item_kind.def();
            if def.field(column).is_none() {
                continue;
            }
            let sql = format!(
                "SELECT id, {at} FROM {} WHERE {column} = ?1 AND deleted_at IS NULL
                 ORDER BY 2 DESC LIMIT 500",
                def.table
            );
            let rows = self
                .conn
                .prepare_cached(&sql)?
                .query_map(params![id], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for (item_id, at) in rows {
                let record = self.get_record(*item_kind, &item_id)?;
                let detail = detail
                    .iter()
                    .filter_map(|f| {
                        let text = record.text(f)?;
                        Some(text.chars().take(140).collect::<String>())
                    })
                    .collect::<Vec<_>>()
                    .join(" · ");
                items.push(TimelineItem {
                    at,
                    kind: *item_kind,
                    id: item_id,
                    title: record.title,
                    detail,
                });
            }
        }
        // Edits of the record itself, one entry per write.
        let mut edits: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
        for change in self.history(id)? {
            let entry = edits
                .entry(change.clock.clone())
                .or_insert((change.at.clone(), vec![]));
            entry.1.push(change.field);
        }
        let first_clock = edits.keys().next().cloned();
        for (clock, (at, mut fields)) in edits {
            fields.sort();
            fields.dedup();
            let title = if Some(&clock) == first_clock.as_ref() {
                format!("Created {}", kind.def().label.to_lowercase())
            } else if fields.iter().any(|f| f == "deleted_at") {
                "Deleted".to_string()
            } else {
                "Edited".to_string()
            };
            items.push(TimelineItem {
                at,
                kind,
                id: id.to_string(),
                title,
                detail: fields.join(", "),
            });
        }
        items.sort_by(|a, b| b.at.cmp(&a.at));
        Ok(items)
    }
}
