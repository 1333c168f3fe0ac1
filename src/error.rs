//! The engine's error type. Variants are what a caller acts on; messages name the problem.

use crate::model::Kind;

/// A field that failed validation, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldIssue {
    /// The field's name (`email`, `custom.Shoe size`).
    pub field: String,
    /// Why the value was refused, in words a user understands.
    pub reason: String,
}

/// What kind of failure an error is, for callers to branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// No such record.
    NotFound,
    /// The record was deleted.
    Deleted,
    /// The input was refused; `issues` says which fields and why.
    Validation,
    /// The file is not a Kith database.
    NotADatabase,
    /// The database was written by a newer Kith.
    TooNew,
    /// SQLite failed.
    Database,
    /// A file could not be read or written.
    Io,
    /// A file to import could not be read; the message names the file (and line).
    BadFile,
    /// The user cancelled; nothing was written.
    Cancelled,
    /// Another Kith kept writing to the database for longer than a write waits.
    Busy,
    /// A bug or an unexpected state in Kith itself.
    Internal,
}

/// An error as sent across a process or IPC boundary.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ErrorReport {
    /// What kind of failure.
    pub code: ErrorCode,
    /// A message naming the problem.
    pub message: String,
    /// The fields at fault, for validation errors.
    pub issues: Vec<FieldIssue>,
}

/// Everything the engine can refuse or fail at.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No record of that kind has that id.
    #[error("no {kind} with id {id}")]
    NotFound {
        /// The kind looked in.
        kind: Kind,
        /// The id asked for.
        id: String,
    },
    /// The record exists but was deleted.
    #[error("{kind} {id} was deleted on {deleted_at}")]
    Deleted {
        /// The kind of the record.
        kind: Kind,
        /// Its id.
        id: String,
        /// When it was deleted.
        deleted_at: String,
    },
    /// One or more fields are invalid; nothing was written.
    #[error("{}", issues.iter().map(|i| format!("{}: {}", i.field, i.reason)).collect::<Vec<_>>().join("; "))]
    Validation {
        /// Each refused field and why.
        issues: Vec<FieldIssue>,
    },
    /// The kind name is not one Kith knows.
    #[error(
        "unknown kind '{0}' (expected one of: contact, company, relationship, deal, activity, product, order, order_line, ticket, campaign, campaign_member, feedback)"
    )]
    UnknownKind(String),
    /// The file exists but is not a SQLite database.
    #[error("{path} is not a Kith database ({reason}); it was left untouched")]
    NotADatabase {
        /// The file.
        path: String,
        /// What it is instead.
        reason: String,
    },
    /// The database was written by a newer Kith.
    #[error(
        "{path} was written by a newer Kith (schema version {found}, this build knows up to {known}); it was left untouched — update Kith to open it"
    )]
    TooNew {
        /// The file.
        path: String,
        /// Its schema version.
        found: i64,
        /// The newest schema version this build knows.
        known: i64,
    },
    /// A file to import is unreadable as a whole (empty, binary, corrupt, too wide, …).
    #[error("{path}{}: {reason}", line.map(|l| format!(", line {l}")).unwrap_or_default())]
    BadFile {
        /// The file.
        path: String,
        /// The line (or sheet row) at fault, when there is one.
        line: Option<u64>,
        /// What is wrong, in words a user understands.
        reason: String,
    },
    /// The user cancelled the operation; nothing was written.
    #[error("cancelled; nothing was changed")]
    Cancelled,
    /// Another connection (the app, a CLI import) held the database's write lock for longer
    /// than a write waits ([`crate::store::WRITER_WAIT`]).
    #[error(
        "{path}: another Kith has been writing to this database for {minutes} minutes; \
         try again when it is done"
    )]
    Busy {
        /// The database.
        path: String,
        /// How long this write waited.
        minutes: u64,
    },
    /// An SQLite error the caller cannot act on.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// Migrating the schema failed.
    #[error("schema migration {version} failed: {source}")]
    Migration {
        /// The schema version the migration leads to.
        version: usize,
        /// What SQLite said.
        #[source]
        source: rusqlite::Error,
    },
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: String,
        /// What went wrong.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// A validation error about one field.
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Error {
        Error::Validation {
            issues: vec![FieldIssue {
                field: field.into(),
                reason: reason.into(),
            }],
        }
    }

    /// A stable code for the UI and scripts to branch on.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::Deleted { .. } => ErrorCode::Deleted,
            Error::Validation { .. } | Error::UnknownKind(_) => ErrorCode::Validation,
            Error::NotADatabase { .. } => ErrorCode::NotADatabase,
            Error::TooNew { .. } => ErrorCode::TooNew,
            Error::Sqlite(_) | Error::Migration { .. } => ErrorCode::Database,
            Error::Io { .. } => ErrorCode::Io,
            Error::BadFile { .. } => ErrorCode::BadFile,
            Error::Cancelled => ErrorCode::Cancelled,
            Error::Busy { .. } => ErrorCode::Busy,
        }
    }

    /// The error as callers outside Rust receive it (CLI `--json`, the desktop UI).
    pub fn report(&self) -> ErrorReport {
        ErrorReport {
            code: self.code(),
            message: self.to_string(),
            issues: self.issues().to_vec(),
        }
    }

    /// The field issues, if this is a validation error.
    pub fn issues(&self) -> &[FieldIssue] {
        match self {
            Error::Validation { issues } => issues,
            _ => &[],
        }
    }
}

/// The engine's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
