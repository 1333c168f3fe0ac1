//! Saved views: a list's filters, order and text kept under a name the user gives, shown in
//! the sidebar. A view is checked when saved (the list must answer it) and saved again under
//! the same name replaces the old one; deleting leaves a tombstone, as every synced row.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::{Store, Writer};
use crate::error::{Error, IssueCode, Result};
use crate::model::{Kind, ListQuery};

/// Longest view name (characters).
const MAX_NAME: usize = 60;

/// A list saved under a name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SavedView {
    /// The view's id.
    pub id: String,
    /// The kind it lists.
    pub kind: Kind,
    /// Its name in the sidebar.
    pub name: String,
    /// The filters, order and text (its window is the list's own).
    pub query: ListQuery,
}

impl Store {
    /// Every saved view, by kind (in the order of [`Kind::ALL`]) then name.
    pub fn views(&self) -> Result<Vec<SavedView>> {
        let mut views: Vec<SavedView> = self
            .conn
            .prepare_cached(
                "SELECT id, kind, name, query FROM saved_view WHERE deleted_at IS NULL
                 ORDER BY name COLLATE NOCASE",
            )?
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            // A view of a kind this build does not know (a newer device's) is left out.
            .filter_map(|(id, kind, name, query)| {
                Some(SavedView {
                    id,
                    kind: kind.parse().ok()?,
                    name,
                    query: serde_json::from_str(&query).ok()?,
                })
            })
            .collect();
        views.sort_by_key(|v| Kind::ALL.iter().position(|k| *k == v.kind));
        Ok(views)
    }

    /// Saves `query` as the view `name` of `kind` (replacing a view of that name); answers
    /// the view. Refused, with nothing saved, when the name is empty or too long or the list
    /// refuses the query (a field it lacks, a value that is not one).
    pub fn save_view(&mut self, kind: Kind, name: &str, query: &ListQuery) -> Result<SavedView> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > MAX_NAME || name.chars().any(char::is_control)
        {
            return Err(Error::coded(
                "name",
                IssueCode::ViewName {
                    max: MAX_NAME as u64,
                },
            ));
        }
        let query = ListQuery {
            offset: 0,
            limit: ListQuery::default().limit,
            include_deleted: false,
            ..query.clone()
        };
        // The list checks the filters and the order; a view it cannot answer is not saved.
        self.list_records(
            kind,
            &ListQuery {
                limit: 1,
                ..query.clone()
            },
        )?;
        let json =
            serde_json::to_string(&query).map_err(|e| Error::invalid("query", e.to_string()))?;
        let id = self.write(|w| w.save_view(kind, name, &json))?;
        Ok(SavedView {
            id,
            kind,
            name: name.to_string(),
            query,
        })
    }

    /// Deletes a saved view (not there: refused as not found).
    pub fn delete_view(&mut self, id: &str) -> Result<()> {
        let deleted = self.write(|w| {
            Ok(w.tx
                .prepare_cached(
                    "UPDATE saved_view SET deleted_at = ?2, updated_at = ?2, updated_by = ?3
                     WHERE id = ?1 AND deleted_at IS NULL",
                )?
                .execute(params![id, w.clock, w.device])?)
        })?;
        if deleted == 0 {
            return Err(Error::invalid(
                "view",
                format!("no saved view with id {id}"),
            ));
        }
        Ok(())
    }
}

impl Writer<'_> {
    fn save_view(&mut self, kind: Kind, name: &str, query: &str) -> Result<String> {
        let existing: Option<String> = self
            .tx
            .prepare_cached(
                "SELECT id FROM saved_view WHERE kind = ?1 AND name = ?2 COLLATE NOCASE
                 AND deleted_at IS NULL",
            )?
            .query_row(params![kind.as_str(), name], |r| r.get(0))
            .optional()?;
        match existing {
            Some(id) => {
                self.tx
                    .prepare_cached(
                        "UPDATE saved_view SET name = ?2, query = ?3, updated_at = ?4,
                         updated_by = ?5 WHERE id = ?1",
                    )?
                    .execute(params![id, name, query, self.clock, self.device])?;
                Ok(id)
            }
            None => {
                let id = uuid::Uuid::now_v7().to_string();
                self.tx
                    .prepare_cached(
                        "INSERT INTO saved_view
                         (id, created_at, updated_at, updated_by, kind, name, query)
                         VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6)",
                    )?
                    .execute(params![
                        id,
                        self.clock,
                        self.device,
                        kind.as_str(),
                        name,
                        query
                    ])?;
                Ok(id)
            }
        }
    }
}
