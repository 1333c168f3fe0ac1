//! Tags and custom fields attached to records of any kind.
//!
//! Both are rows with ids and tombstones like every synced entity; a change to either is
//! logged against the record it belongs to (field `tags` or `custom.NAME`).

use rusqlite::{OptionalExtension, params};

use super::records::Reads;
use super::{Store, Writer};
use crate::error::{Error, FieldIssue, IssueCode, Result};
use crate::model::{EntityRecord, Kind, Value};

/// Longest tag name (characters).
pub const MAX_TAG: usize = 60;

/// A tag name trimmed, or why it cannot be one.
pub fn check_tag(tag: &str) -> Result<String> {
    let tag = tag.trim();
    if tag.is_empty() || tag.chars().count() > MAX_TAG || tag.chars().any(char::is_control) {
        return Err(Error::Validation {
            issues: vec![FieldIssue::coded(
                "tag",
                IssueCode::NotTag {
                    max: MAX_TAG as u64,
                },
            )],
        });
    }
    Ok(tag.to_string())
}

impl Store {
    /// The names of a kind's custom fields, in the order they were defined.
    pub fn custom_fields(&self, kind: Kind) -> Result<Vec<String>> {
        let names = self
            .conn
            .prepare_cached(
                "SELECT name FROM custom_field WHERE entity_kind = ?1 AND deleted_at IS NULL
                 ORDER BY rowid",
            )?
            .query_map(params![kind.as_str()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(names)
    }

    /// Adds a tag to a live record (creating the tag if new). Adding a tag twice is a no-op.
    pub fn tag_record(&mut self, kind: Kind, id: &str, tag: &str) -> Result<EntityRecord> {
        let tag = check_tag(tag)?;
        self.write(|w| w.tag(kind, id, &tag))?;
        self.get_record(kind, id)
    }

    /// Removes a tag from a live record. Removing a tag it lacks is a no-op.
    pub fn untag_record(&mut self, kind: Kind, id: &str, tag: &str) -> Result<EntityRecord> {
        let tag = check_tag(tag)?;
        self.write(|w| w.untag(kind, id, &tag))?;
        self.get_record(kind, id)
    }

    /// Every live tag with the number of live records carrying it.
    pub fn tags(&self) -> Result<Vec<(String, u64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.name, count(g.entity_id) FROM tag t
             LEFT JOIN tagging g ON g.tag_id = t.id AND g.deleted_at IS NULL
             WHERE t.deleted_at IS NULL GROUP BY t.id ORDER BY t.name COLLATE NOCASE",
        )?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

impl Writer<'_> {
    /// The id of the live tag named `tag` (ignoring ASCII case, like the `tag_name` index),
    /// created when missing and `create`. Found ids are kept for the rest of the write: an
    /// import tags row after row with the same few tags.
    fn tag_id(&mut self, tag: &str, create: bool) -> Result<Option<String>> {
        Ok(self.tag_entry(tag, create)?.map(|(id, _)| id))
    }

    /// The id and stored name of the live tag named `tag` (see [`Writer::tag_id`]).
    fn tag_entry(&mut self, tag: &str, create: bool) -> Result<Option<(String, String)>> {
        let key = tag.to_ascii_lowercase();
        if let Some(entry) = self.tag_ids.borrow().get(&key) {
            return Ok(Some(entry.clone()));
        }
        let found: Option<(String, String)> = self
            .tx
            .prepare_cached(
                "SELECT id, name FROM tag WHERE name = ?1 COLLATE NOCASE AND deleted_at IS NULL",
            )?
            .query_row(params![tag], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if found.is_some() || !create {
            if let Some(entry) = &found {
                self.tag_ids.borrow_mut().insert(key, entry.clone());
            }
            return Ok(found);
        }
        let id = uuid::Uuid::now_v7().to_string();
        self.tx
            .prepare_cached(
                "INSERT INTO tag (id, created_at, updated_at, updated_by, name)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![id, self.at, self.clock, self.device, tag])?;
        let entry = (id, tag.to_string());
        self.tag_ids.borrow_mut().insert(key, entry.clone());
        Ok(Some(entry))
    }

    /// A record's tags as the change log writes them: names in order, or null for none.
    fn tag_list(&self, id: &str) -> Result<Value> {
        let tags = self.tags_of(id)?;
        Ok(if tags.is_empty() {
            Value::Null
        } else {
            Value::Text(tags.join(", "))
        })
    }

    /// Tags a record: a new tagging row, or the pair's removed one revived (a record has one
    /// row per tag, live or not).
    fn insert_tagging(&mut self, kind: Kind, id: &str, tag_id: &str) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO tagging (entity_id, tag_id, updated_at, updated_by, entity_kind)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (entity_id, tag_id) DO UPDATE SET deleted_at = NULL,
                     updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            )?
            .execute(params![id, tag_id, self.clock, self.device, kind.as_str()])?;
        Ok(())
    }

    /// Tags a record created earlier in this write (so live, and without tags): the taggings
    /// alone, with no reads of the record and no log entry. Like its fields, the tags a record
    /// was created with belong to its creation entry: they are its tags now with the later
    /// changes undone, and `Store::history` rebuilds them. An import's new rows take this path.
    pub fn tag_created<T: AsRef<str>>(&mut self, kind: Kind, id: &str, tags: &[T]) -> Result<()> {
        let mut done: Vec<String> = Vec::with_capacity(tags.len());
        for tag in tags {
            let (tag_id, _) = self
                .tag_entry(tag.as_ref(), true)?
                .expect("created when missing");
            if done.contains(&tag_id) {
                continue;
            }
            self.insert_tagging(kind, id, &tag_id)?;
            done.push(tag_id);
        }
        Ok(())
    }

    /// Adds a tag to a live record; returns whether it was not there yet.
    pub fn tag(&mut self, kind: Kind, id: &str, tag: &str) -> Result<bool> {
        self.tag_all(kind, id, &[tag])
    }

    /// Adds tags to a live record (creating the tags that are new) and logs them as one change
    /// of its `tags`; returns whether any was not there yet. A row of an import adds all its
    /// tags at once: one log entry and two reads of the record's tags, however many it has.
    pub fn tag_all<T: AsRef<str>>(&mut self, kind: Kind, id: &str, tags: &[T]) -> Result<bool> {
        if tags.is_empty() {
            return Ok(false);
        }
        self.check_live(kind, id)?;
        let before = self.tag_list(id)?;
        let mut added = false;
        for tag in tags {
            let tag_id = self
                .tag_id(tag.as_ref(), true)?
                .expect("created when missing");
            // A read, then a one-row insert: an `INSERT … SELECT` opens a statement savepoint
            // (and with it a statement journal and a flush of the full-text index's pending
            // terms) on every call.
            let has: bool = self
                .tx
                .prepare_cached(
                    "SELECT EXISTS (SELECT 1 FROM tagging WHERE entity_id = ?1 AND tag_id = ?2
                                    AND deleted_at IS NULL)",
                )?
                .query_row(params![id, tag_id], |r| r.get(0))?;
            if has {
                continue;
            }
            self.insert_tagging(kind, id, &tag_id)?;
            added = true;
        }
        if added {
            let after = self.tag_list(id)?;
            self.log(kind, id, "tags", &before, &after)?;
        }
        Ok(added)
    }

    /// Removes a tag from a live record.
    pub fn untag(&mut self, kind: Kind, id: &str, tag: &str) -> Result<()> {
        self.live_raw(kind, id)?;
        let Some(tag_id) = self.tag_id(tag, false)? else {
            return Ok(());
        };
        let before = self.tag_list(id)?;
        let removed = self
            .tx
            .prepare_cached(
                "UPDATE tagging SET deleted_at = ?1, updated_at = ?2, updated_by = ?3
                 WHERE entity_id = ?4 AND tag_id = ?5 AND deleted_at IS NULL",
            )?
            .execute(params![self.at, self.clock, self.device, id, tag_id])?;
        if removed > 0 {
            let after = self.tag_list(id)?;
            self.log(kind, id, "tags", &before, &after)?;
        }
        Ok(())
    }

    /// Sets (or, with empty text, clears) a custom field of a record; returns whether it
    /// changed. The field is defined for the kind on first use.
    pub(super) fn set_custom(
        &mut self,
        kind: Kind,
        id: &str,
        name: &str,
        value: &str,
    ) -> Result<bool> {
        let field_id: Option<String> = self
            .tx
            .prepare_cached(
                "SELECT id FROM custom_field WHERE entity_kind = ?1 AND name = ?2 COLLATE NOCASE
                 AND deleted_at IS NULL",
            )?
            .query_row(params![kind.as_str(), name], |r| r.get(0))
            .optional()?;
        let field_id = match field_id {
            Some(f) => f,
            None if value.is_empty() => return Ok(false),
            None => {
                let f = uuid::Uuid::now_v7().to_string();
                self.tx
                    .prepare_cached(
                        "INSERT INTO custom_field (id, created_at, updated_at, updated_by,
                                                   entity_kind, name)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    )?
                    .execute(params![
                        f,
                        self.at,
                        self.clock,
                        self.device,
                        kind.as_str(),
                        name
                    ])?;
                f
            }
        };
        let current: Option<(String, String)> = self
            .tx
            .prepare_cached(
                "SELECT id, value FROM custom_value WHERE entity_id = ?1 AND field_id = ?2
                 AND deleted_at IS NULL",
            )?
            .query_row(params![id, field_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let old = current
            .as_ref()
            .map_or(Value::Null, |(_, v)| Value::Text(v.clone()));
        let new = if value.is_empty() {
            Value::Null
        } else {
            Value::Text(value.to_string())
        };
        if old == new {
            return Ok(false);
        }
        match (&current, value.is_empty()) {
            (Some((row, _)), true) => {
                self.tx
                    .prepare_cached(
                        "UPDATE custom_value SET deleted_at = ?1, updated_at = ?2, updated_by = ?3
                         WHERE id = ?4",
                    )?
                    .execute(params![self.at, self.clock, self.device, row])?;
            }
            (Some((row, _)), false) => {
                self.tx
                    .prepare_cached(
                        "UPDATE custom_value SET value = ?1, updated_at = ?2, updated_by = ?3
                         WHERE id = ?4",
                    )?
                    .execute(params![value, self.clock, self.device, row])?;
            }
            (None, _) => {
                self.tx
                    .prepare_cached(
                        "INSERT INTO custom_value (id, created_at, updated_at, updated_by,
                                                   field_id, entity_id, value)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    )?
                    .execute(params![
                        uuid::Uuid::now_v7().to_string(),
                        self.at,
                        self.clock,
                        self.device,
                        field_id,
                        id,
                        value
                    ])?;
            }
        }
        self.log(kind, id, &format!("custom.{name}"), &old, &new)?;
        Ok(true)
    }
}
