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

/// Everything the engine can refuse or fail at.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No record of that kind has that id.
    #[error("no {kind} with id {id}")]
    NotFound { kind: Kind, id: String },
    /// The record exists but was deleted.
    #[error("{kind} {id} was deleted on {deleted_at}")]
    Deleted {
        kind: Kind,
        id: String,
        deleted_at: String,
    },
    /// One or more fields are invalid; nothing was written.
    #[error("{}", issues.iter().map(|i| format!("{}: {}", i.field, i.reason)).collect::<Vec<_>>().join("; "))]
    Validation { issues: Vec<FieldIssue> },
    /// The kind name is not one Kith knows.
    #[error(
        "unknown kind '{0}' (expected one of: contact, company, relationship, deal, activity, product, order, order_line, ticket, campaign, campaign_member, feedback)"
    )]
    UnknownKind(String),
    /// The file exists but is not a SQLite database.
    #[error("{path} is not a Kith database ({reason}); it was left untouched")]
    NotADatabase { path: String, reason: String },
    /// The database was written by a newer Kith.
    #[error(
        "{path} was written by a newer Kith (schema version {found}, this build knows up to {known}); it was left untouched — update Kith to open it"
    )]
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    /// An SQLite error the caller cannot act on.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// Migrating the schema failed.
    #[error("schema migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        path: String,
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
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotFound { .. } => "not_found",
            Error::Deleted { .. } => "deleted",
            Error::Validation { .. } | Error::UnknownKind(_) => "validation",
            Error::NotADatabase { .. } => "not_a_database",
            Error::TooNew { .. } => "too_new",
            Error::Sqlite(_) | Error::Migration(_) => "database",
            Error::Io { .. } => "io",
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
