//! Spreadsheet import: read a file ([`read`]), map its columns to fields ([`mapping`]), clean
//! the values ([`clean`]), match each row against what Kith already holds and against the
//! file's earlier rows, and write — or, in a dry run, report what would be written.
//!
//! Invariant (the product's core promise): every row of the file ends as exactly one of
//! created, updated, merged, skipped or rejected, with a reason for every row that was not
//! created, and the counts add up to the rows in the file. A whole import is one transaction:
//! cancelled or failed, it leaves the database as it was. Each import is a batch whose writes
//! carry its origin in the change log, so it can be undone later ([`crate::Store::undo_import`]).

pub mod clean;
mod cleaner;
pub mod country;
mod dates;
pub mod mapping;
mod note;
mod pipeline;
pub mod read;
mod review;
mod synonyms;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::error::FieldIssue;
use crate::model::{Kind, Said};
pub use crate::store::{
    BatchSummary, Counts, KeptReason, MatchBy, MatchedRecord, Outcome, ReviewValue, RowReason,
    SavedRow, UndoNote, UndoReason, UndoReport,
};
pub use note::{CountryCount, ImportNote};
pub use read::ReadNote;

pub use pipeline::{preview, run, save_batch_rows, save_mapping, write_rows_csv};
pub use review::{RecleanOptions, RecleanReport, Recleaned, reclean};

/// What to do with a row that matches an existing record (or an earlier row of the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum OnDuplicate {
    /// Write the row's non-empty values into the matched record (the row wins; earlier
    /// values stay in history).
    #[default]
    Merge,
    /// Leave the matched record alone and skip the row.
    Skip,
    /// Create a new record anyway.
    Create,
}

impl std::str::FromStr for OnDuplicate {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_lowercase().as_str() {
            "merge" | "update" => Ok(OnDuplicate::Merge),
            "skip" => Ok(OnDuplicate::Skip),
            "create" => Ok(OnDuplicate::Create),
            other => Err(format!(
                "'{other}' is not a duplicate policy (expected merge, skip or create)"
            )),
        }
    }
}

/// A user's decision for one row of the file: a different duplicate policy, fixed cells.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RowOverride {
    /// The row's line in the file (as reported).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub line: u64,
    /// What to do if the row matches a record; `None` keeps the import's policy.
    pub action: Option<OnDuplicate>,
    /// Replacement text by column index.
    pub cells: BTreeMap<usize, String>,
}

/// Everything an import needs besides the file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportOptions {
    /// How to read the file (encoding, delimiter, sheet, header row).
    pub read: read::ReadOptions,
    /// The column mapping; `None` maps automatically (or with `mapping_name`).
    pub mapping: Option<Vec<mapping::ColumnMap>>,
    /// A saved mapping to start from.
    pub mapping_name: Option<String>,
    /// ISO country for phone numbers written without an international prefix.
    pub default_country: Option<String>,
    /// The order of numeric dates, when the file's own dates leave it open.
    pub date_order: Option<clean::DateOrder>,
    /// What to do with duplicates.
    pub on_duplicate: OnDuplicate,
    /// Report what would happen; write nothing.
    pub dry_run: bool,
    /// Per-row decisions and fixed cells.
    pub overrides: Vec<RowOverride>,
    /// Where to write the skipped and rejected rows (original cells plus the reason) as CSV.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub rejects: Option<PathBuf>,
}

/// The record a row matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Match {
    /// The record's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// What matched.
    pub by: MatchBy,
    /// How sure the match is, 0–100 (100 for exact keys).
    pub score: u8,
    /// The line of the earlier row it came from, when it was created by this import.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub line: Option<u64>,
}

/// What happened to one row that was not simply created.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RowReport {
    /// The row's line in the file.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub line: u64,
    /// How it ended.
    pub outcome: Outcome,
    /// Why, in words a user understands, with its code (`created`, with no words, for a row
    /// created with values kept for review).
    pub reason: Said<RowReason>,
    /// The refused values, by column header.
    pub issues: Vec<FieldIssue>,
    /// Values kept as written for review (the row was written without them).
    pub review: Vec<ReviewValue>,
    /// The record written (updated or merged into), if any.
    pub record: Option<String>,
    /// The record the row matched, if any.
    pub matched: Option<Match>,
    /// The row's cells as read (before cleaning).
    pub cells: Vec<String>,
}

/// How a column's dates were read.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DateColumn {
    /// The column index.
    pub column: usize,
    /// Its header.
    pub header: String,
    /// What its values say about the order of day, month and year.
    pub profile: clean::DateProfile,
    /// The order used: the user's choice, else the profile's.
    pub order: Option<clean::DateOrder>,
}

/// Records created to link rows to (a company named on a contact row, say).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Linked {
    /// The kind created.
    pub kind: Kind,
    /// How many.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub created: u64,
}

/// The result of an import or a dry run.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportReport {
    /// The batch id (undo with it); `None` for a dry run.
    pub batch: Option<String>,
    /// Whether nothing was written.
    pub dry_run: bool,
    /// The kind imported.
    pub kind: Kind,
    /// The file read.
    pub file: String,
    /// What the reader found: format, encoding, delimiter, sheet, header row, headers.
    pub source: read::SourceInfo,
    /// The known export the headers come from, if any ("Google Contacts", …).
    pub export: Option<String>,
    /// The mapping used.
    pub mapping: Vec<mapping::ColumnMap>,
    /// Date columns and how they were read.
    pub dates: Vec<DateColumn>,
    /// The counts; they add up to the rows in the file.
    pub counts: Counts,
    /// Records created to link rows to.
    pub linked: Vec<Linked>,
    /// Every row that was not simply created (the first 10,000; see `rows_omitted`).
    pub rows: Vec<RowReport>,
    /// Non-created rows beyond those listed in `rows`.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub rows_omitted: u64,
    /// Things to know that are not about one row.
    pub warnings: Vec<Said<ReadNote>>,
    /// How the file was read where it mattered: placeholders read as empty, the country phones
    /// were read in, the order of day and month a column's dates were read in.
    pub notes: Vec<Said<ImportNote>>,
    /// Wall time of the import in seconds.
    pub seconds: f64,
    /// Rows per second.
    pub rows_per_sec: f64,
}

/// What a file looks like before importing: how it reads and how its columns would map.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Preview {
    /// The kind to import as.
    pub kind: Kind,
    /// The file.
    pub file: String,
    /// What the reader found.
    pub source: read::SourceInfo,
    /// The known export the headers come from, if any.
    pub export: Option<String>,
    /// The proposed mapping (every column has a target).
    pub mapping: Vec<mapping::ColumnMap>,
    /// The targets a column can map to.
    pub targets: Vec<mapping::TargetDef>,
    /// The first rows, as read.
    pub samples: Vec<read::SourceRow>,
    /// Date columns among the mapped ones, profiled over the sample.
    pub dates: Vec<DateColumn>,
    /// Names of the saved mappings for this kind.
    pub saved: Vec<String>,
}

/// How far an import is.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Progress {
    /// Rows done.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub rows: u64,
    /// Fraction done, 0–1.
    pub fraction: f64,
    /// Rows per second so far.
    pub rows_per_sec: f64,
    /// Seconds left, estimated.
    pub eta_secs: Option<f64>,
}
