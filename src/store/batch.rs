//! What an import batch leaves in the store: how each row ended, the counts, the rows kept,
//! the batches as listed and what an undo did. The import fills them in; the store keeps and
//! reads them, so they are the store's types.

use serde::{Deserialize, Serialize};

use crate::model::{Kind, Said};

/// How one row ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// A new record.
    Created,
    /// Written into a record that existed before the import.
    Updated,
    /// Written into a record created from an earlier row of the same file.
    Merged,
    /// Not written, on purpose (duplicate, unchanged, empty or total row), with the reason.
    Skipped,
    /// Not written because something is wrong with it, with the reason.
    Rejected,
}

impl Outcome {
    /// The outcome's name as stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Created => "created",
            Outcome::Updated => "updated",
            Outcome::Merged => "merged",
            Outcome::Skipped => "skipped",
            Outcome::Rejected => "rejected",
        }
    }

    /// The outcome named `s`.
    pub fn parse(s: &str) -> Option<Outcome> {
        [
            Outcome::Created,
            Outcome::Updated,
            Outcome::Merged,
            Outcome::Skipped,
            Outcome::Rejected,
        ]
        .into_iter()
        .find(|o| o.as_str() == s)
    }
}

/// The counts of an import. `rows` = created + updated + merged + skipped + rejected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Counts {
    /// Rows read from the file (after the header).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub rows: u64,
    /// Rows that became new records.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub created: u64,
    /// Rows written into records that existed before.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub updated: u64,
    /// Rows written into records made from earlier rows of the file.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub merged: u64,
    /// Rows not written on purpose.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub skipped: u64,
    /// Rows refused.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub rejected: u64,
    /// Rows written (created, updated or merged) with values kept for review: not an outcome
    /// of its own, so not part of the sum.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    #[serde(default)]
    pub flagged: u64,
}

impl Counts {
    /// Counts one row.
    pub fn add(&mut self, outcome: Outcome) {
        self.rows += 1;
        match outcome {
            Outcome::Created => self.created += 1,
            Outcome::Updated => self.updated += 1,
            Outcome::Merged => self.merged += 1,
            Outcome::Skipped => self.skipped += 1,
            Outcome::Rejected => self.rejected += 1,
        }
    }

    /// Whether the outcomes add up to the rows.
    pub fn adds_up(&self) -> bool {
        self.created + self.updated + self.merged + self.skipped + self.rejected == self.rows
    }
}

/// How a row was matched to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum MatchBy {
    /// The row's Kith id.
    Id,
    /// The same email address.
    Email,
    /// The same phone number (E.164).
    Phone,
    /// A similar name (and the same company), with a score.
    Name,
    /// The same order number.
    Number,
    /// The same web domain (companies).
    Domain,
    /// The same customer number (contacts).
    CustomerNo,
}

/// An import batch as listed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BatchSummary {
    /// The batch id.
    pub id: String,
    /// The kind imported.
    pub kind: Kind,
    /// The file imported.
    pub file: String,
    /// When it started (UTC).
    pub started_at: String,
    /// When it finished.
    pub finished_at: Option<String>,
    /// `done` or `undone`.
    pub status: String,
    /// Its counts.
    pub counts: Counts,
    /// When it was undone.
    pub undone_at: Option<String>,
}

/// A skipped or rejected row kept with its batch.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SavedRow {
    /// Its line in the file.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub line: u64,
    /// Skipped or rejected.
    pub outcome: Outcome,
    /// Why.
    pub reason: String,
    /// The original cells.
    pub cells: Vec<String>,
}

/// Something undo left as it is, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UndoNote {
    /// The record's kind.
    pub kind: Kind,
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Why it was kept.
    pub reason: Said<UndoReason>,
}

/// Why an undo left a record (or one of its fields) as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum UndoReason {
    /// A field the import changed was changed again after it: the newer value stays.
    FieldChangedLater {
        /// The record's kind (the field is one of its fields).
        kind: Kind,
        /// The field's name (`phone`, `tags`, `custom.Shoe size`).
        field: String,
    },
    /// A record the import changed was deleted after it: it stays deleted.
    DeletedLater,
    /// A record the import created was edited after it: it stays, with its edits.
    EditedLater,
    /// A record the import created is referred to by a record added after it: it stays.
    ReferredToLater {
        /// The referring record's kind.
        kind: Kind,
        /// The referring record's title.
        title: String,
    },
}

impl std::fmt::Display for UndoReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UndoReason::FieldChangedLater { field, .. } => {
                write!(
                    f,
                    "{field} was changed after the import; the newer value is kept"
                )
            }
            UndoReason::DeletedLater => f.write_str("was deleted after the import; left deleted"),
            UndoReason::EditedLater => {
                f.write_str("was edited after the import; kept with its edits")
            }
            UndoReason::ReferredToLater { kind, title } => write!(
                f,
                "is referred to by {} '{title}', added after the import; kept",
                kind.def().label.to_lowercase()
            ),
        }
    }
}

/// What an undo did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UndoReport {
    /// The batch undone.
    pub batch: String,
    /// Records the import created that were removed.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub removed: u64,
    /// Records created by the import that had already been deleted.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub already_deleted: u64,
    /// Existing records given their earlier values back.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub restored_records: u64,
    /// Fields given their earlier values back.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub restored_fields: u64,
    /// What was kept, and why.
    pub kept: Vec<UndoNote>,
}
