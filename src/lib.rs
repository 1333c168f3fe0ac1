//! Kith's engine: an offline-first CRM over one SQLite file.
//!
//! The engine owns storage, validation, search, history, backups, spreadsheet import and
//! export, and the analytics (sync comes with a later module). It knows nothing of Tauri, IPC
//! or the UI: the desktop shell and the `kith` CLI are thin callers of the same public API.
//! Its modules form a ladder, each using only those below it (see ARCHITECTURE.md, "Layers").
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod analytics;
pub mod board;
pub mod campaigns;
pub mod clock;
pub mod demo;
mod error;
pub mod export;
pub mod files;
pub mod import;
pub mod kinds;
pub mod model;
pub mod rng;
pub mod store;
pub mod tickets;
pub mod today;
pub mod values;
pub mod walltime;
pub mod workspace;

pub use error::{
    Error, ErrorCode, ErrorReport, FieldIssue, FileFault, FileProblem, IoFault, IoProblem,
    IssueCode, Result, Workbook,
};
pub use model::{
    Change, EntityRecord, FieldType, Input, Kind, KindSchema, ListQuery, Page, Related,
    RelatedGroup, RelatedLink, Said, SearchHit, TimelineItem, Value,
};
pub use store::Store;
