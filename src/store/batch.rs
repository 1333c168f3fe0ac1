//! What an import batch leaves in the store: how each row ended, the counts, the rows kept,
//! the batches as listed and what an undo did. The import fills them in; the store keeps and
//! reads them, so they are the store's types.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::FieldIssue;
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
    /// Why, in English as it was stored.
    pub reason: String,
    /// Why, as a code the window says in its language. None for rows kept before the code
    /// was stored with them (schema 15): the window shows their English `reason` as it is.
    pub code: Option<RowReason>,
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

/// Why a row ended as it did, when it was not simply created: why the reader did not take it
/// as data (an empty or total row, a row it could not read), why the import refused it, or
/// the record it matched. Kept with a batch's skipped and rejected rows, so it reads back
/// from JSON; its `Display` is the English the CLI prints and the rejects file holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum RowReason {
    /// Written as a new record: nothing to say (the English is empty).
    Created,
    /// Every cell is empty (or every mapped one).
    EmptyRow,
    /// A totals row ("Total", "合计" with only numbers beside).
    TotalRow,
    /// A vCard without any value Kith reads.
    EmptyCard,
    /// More filled cells than the header has columns.
    CellCount {
        /// The row's filled cells, counting to the last one.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        cells: u64,
        /// The header's columns.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        columns: u64,
    },
    /// A quoted field never closed, so the rest of the file was read as this row.
    UnclosedQuote {
        /// The line the quote opened on.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        opened: u64,
        /// The file's last line.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        last: u64,
    },
    /// Bytes not valid in the file's encoding, in these columns.
    InvalidBytes {
        /// The encoding read in.
        encoding: String,
        /// The 1-based columns holding them.
        #[cfg_attr(feature = "ts", ts(type = "number[]"))]
        columns: Vec<u64>,
    },
    /// A NUL byte, in these columns.
    NulByte {
        /// The 1-based columns holding one.
        #[cfg_attr(feature = "ts", ts(type = "number[]"))]
        columns: Vec<u64>,
    },
    /// Bytes not valid in the file's encoding on a line of a vCard.
    InvalidBytesOnLine {
        /// The encoding read in.
        encoding: String,
        /// The line holding them.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        line: u64,
    },
    /// Lines of a vCard file outside any card.
    OutsideCard {
        /// The first such line.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        first: u64,
        /// The last (the first when it is one line).
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        last: u64,
    },
    /// A card without END:VCARD.
    CardNotEnded {
        /// The line of its BEGIN:VCARD.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        begin: u64,
        /// The line another card begins on; none when the file ends first.
        #[cfg_attr(feature = "ts", ts(type = "number | null"))]
        next: Option<u64>,
    },
    /// Values refused (the issues, each by its column).
    Refused {
        /// What was refused, and why.
        issues: Vec<FieldIssue>,
    },
    /// An order line, added to an order created from an earlier row.
    AddedAsLine {
        /// The order's title.
        order: String,
        /// The line of the row the order came from.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        line: u64,
    },
    /// A duplicate of a record, skipped as asked.
    Duplicate(MatchedRecord),
    /// A duplicate that would change nothing.
    UpToDate(MatchedRecord),
    /// Written into the record it matched.
    MergedInto(MatchedRecord),
}

/// The record a row matched, as its reason names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MatchedRecord {
    /// The record's title.
    pub title: String,
    /// The line of the earlier row it was created from, when it came from the same file.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub from_line: Option<u64>,
    /// What matched.
    pub by: MatchBy,
    /// How sure a match by name is, 0–100.
    pub score: u8,
}

impl fmt::Display for MatchedRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'{}'", self.title)?;
        if let Some(line) = self.from_line {
            write!(f, " from line {line}")?;
        }
        match self.by {
            MatchBy::Name => write!(f, " (by a similar name (score {}))", self.score),
            MatchBy::Id => f.write_str(" (by its id)"),
            MatchBy::Email => f.write_str(" (by email)"),
            MatchBy::Phone => f.write_str(" (by phone)"),
            MatchBy::Number => f.write_str(" (by order number)"),
            MatchBy::Domain => f.write_str(" (by web domain)"),
            MatchBy::CustomerNo => f.write_str(" (by customer number)"),
        }
    }
}

/// "column 3" or "columns 2, 5".
fn columns(list: &[u64]) -> String {
    match list {
        [one] => format!("column {one}"),
        many => format!(
            "columns {}",
            many.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

impl fmt::Display for RowReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RowReason::Created => Ok(()),
            RowReason::EmptyRow => f.write_str("empty row"),
            RowReason::TotalRow => f.write_str("total row"),
            RowReason::EmptyCard => f.write_str("empty card"),
            RowReason::CellCount { cells, columns } => {
                write!(f, "has {cells} cells but the header has {columns} columns")
            }
            RowReason::UnclosedQuote { opened, last } => write!(
                f,
                "a quoted field opened on line {opened} is never closed; it runs to the end of \
                 the file, so lines {opened}–{last} were read as this one row"
            ),
            RowReason::InvalidBytes {
                encoding,
                columns: list,
            } => write!(f, "invalid bytes for {encoding} in {}", columns(list)),
            RowReason::NulByte { columns: list } => {
                write!(f, "contains a NUL byte in {}", columns(list))
            }
            RowReason::InvalidBytesOnLine { encoding, line } => {
                write!(f, "invalid bytes for {encoding} on line {line}")
            }
            RowReason::OutsideCard { first, last } if first == last => write!(
                f,
                "line {last} is not inside a BEGIN:VCARD … END:VCARD card"
            ),
            RowReason::OutsideCard { first, last } => write!(
                f,
                "lines {first}–{last} are not inside a BEGIN:VCARD … END:VCARD card"
            ),
            RowReason::CardNotEnded { begin, next } => {
                write!(f, "the card that begins on line {begin} has no END:VCARD (")?;
                match next {
                    Some(line) => write!(f, "another card begins on line {line})"),
                    None => f.write_str("the file ends)"),
                }
            }
            RowReason::Refused { issues } => {
                for (i, issue) in issues.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{}: {}", issue.field, issue.reason)?;
                }
                Ok(())
            }
            RowReason::AddedAsLine { order, line } => {
                write!(f, "added as a line to order {order} (line {line})")
            }
            RowReason::Duplicate(matched) => write!(f, "duplicate of {matched}"),
            RowReason::UpToDate(matched) => write!(f, "already up to date: same as {matched}"),
            RowReason::MergedInto(matched) => write!(f, "merged into {matched}"),
        }
    }
}
