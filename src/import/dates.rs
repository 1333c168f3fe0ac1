//! The order of day and month in an import's date columns. A column decides it as a whole
//! (`03/04/2024` is read the way `13/04/2024` further down says), so the whole file is read
//! for it; that pass runs beside the import, and the cleaner waits for it only at a value
//! whose reading depends on the order (ISO dates, the common case, never do).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Mutex, OnceLock};

use super::clean::{self, CleanContext, DateOrder, DateProfiler};
use super::country;
use super::mapping::ColumnMap;
use super::read::{self, ReadError, RowStatus, SourceRow};
use super::{DateColumn, ImportNote, ImportOptions};
use crate::model::{FieldType, Kind, Said};

/// The columns mapped to a date or date-and-time field: (column, header).
pub(super) fn date_columns(kind: Kind, mapping: &[ColumnMap]) -> Vec<(usize, String)> {
    mapping
        .iter()
        .filter(|c| {
            kind.def()
                .field(&c.target)
                .or_else(|| {
                    c.target
                        .strip_prefix("line.")
                        .and_then(|t| Kind::OrderLine.def().field(t))
                })
                .is_some_and(|f| matches!(f.ty, FieldType::Date | FieldType::Datetime))
        })
        .map(|c| (c.column, c.header.clone()))
        .collect()
}

/// Profiles of the date columns, from the non-empty values of the data rows among `rows`.
pub(super) fn profile<'a>(
    columns: &[(usize, String)],
    rows: impl Iterator<Item = &'a SourceRow>,
    chosen: Option<DateOrder>,
) -> Vec<DateColumn> {
    let mut profilers = profilers(columns);
    for row in rows {
        add_row(columns, row, &mut profilers);
    }
    finish(columns, profilers, chosen)
}

/// A profiler for each column.
fn profilers(columns: &[(usize, String)]) -> Vec<DateProfiler> {
    columns.iter().map(|_| DateProfiler::default()).collect()
}

fn add_row(columns: &[(usize, String)], row: &SourceRow, profilers: &mut [DateProfiler]) {
    if row.status != RowStatus::Data {
        return;
    }
    for ((col, _), profiler) in columns.iter().zip(profilers.iter_mut()) {
        if let Some(v) = row.cells.get(*col).filter(|v| !v.trim().is_empty()) {
            profiler.add(v);
        }
    }
}

fn finish(
    columns: &[(usize, String)],
    profilers: Vec<DateProfiler>,
    chosen: Option<DateOrder>,
) -> Vec<DateColumn> {
    columns
        .iter()
        .zip(profilers)
        .map(|((column, header), profiler)| {
            let profile = profiler.finish();
            DateColumn {
                column: *column,
                header: header.clone(),
                order: chosen.or(profile.order),
                profile,
            }
        })
        .collect()
}

/// What the whole file decided.
#[derive(Debug, Default)]
pub(super) struct Decided {
    /// Each date column, with the order its values are read in.
    pub columns: Vec<DateColumn>,
    /// What the report says about orders nothing in the file decided.
    pub notes: Vec<Said<ImportNote>>,
    /// The cleaning context of each column of the file, with its date order.
    pub contexts: Vec<CleanContext>,
    /// Why the file could not be read to its end, if it could not.
    pub failed: Option<ReadError>,
}

/// A column whose dates could be read day-first or month-first, with nothing in the file or
/// the options to decide, is read as people write dates in the default country (month-first
/// in the United States, day-first elsewhere), and the report says so.
fn settle(columns: &mut [DateColumn], default_country: Option<&str>) -> Vec<Said<ImportNote>> {
    let mut notes = Vec::new();
    for d in columns
        .iter_mut()
        .filter(|d| d.order.is_none() && d.profile.ambiguous)
    {
        let order = default_country.map_or(DateOrder::Dmy, country::date_order_of);
        d.order = Some(order);
        notes.push(
            ImportNote::DatesRead {
                header: d.header.clone(),
                examples: d.profile.examples.clone(),
                order,
                country: default_country.map(str::to_ascii_uppercase),
            }
            .into(),
        );
    }
    notes
}

/// The cleaning context of each of `width` columns: date columns carry their own order.
pub(super) fn contexts(
    width: usize,
    dates: &[DateColumn],
    opts: &ImportOptions,
) -> Vec<CleanContext> {
    (0..width)
        .map(|c| CleanContext {
            default_country: opts.default_country.clone(),
            date_order: dates
                .iter()
                .find(|d| d.column == c)
                .and_then(|d| d.order)
                .or(opts.date_order),
        })
        .collect()
}

/// The pass over a file's date columns, running on its own thread from [`DatePass::start`].
pub(super) struct DatePass {
    waiting: Mutex<Option<Receiver<Decided>>>,
    decided: OnceLock<Decided>,
    stop: Arc<AtomicBool>,
}

impl DatePass {
    /// Starts reading the date columns of `path` (none: decided at once).
    pub fn start(
        path: &Path,
        opts: &ImportOptions,
        columns: Vec<(usize, String)>,
        width: usize,
    ) -> DatePass {
        let pass = DatePass {
            waiting: Mutex::new(None),
            decided: OnceLock::new(),
            stop: Arc::new(AtomicBool::new(false)),
        };
        if columns.is_empty() {
            let _ = pass.decided.set(Decided {
                contexts: contexts(width, &[], opts),
                ..Decided::default()
            });
            return pass;
        }
        let (tx, rx) = sync_channel(1);
        *pass.waiting.lock().unwrap_or_else(|e| e.into_inner()) = Some(rx);
        let (path, opts, stop): (PathBuf, ImportOptions, _) =
            (path.to_path_buf(), opts.clone(), Arc::clone(&pass.stop));
        std::thread::spawn(move || {
            let _ = tx.send(read_whole(&path, &opts, &columns, width, &stop));
        });
        pass
    }

    /// What the file decided, waiting for the pass to end if it has not.
    pub fn get(&self) -> &Decided {
        self.decided.get_or_init(|| {
            let rx = self
                .waiting
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .take();
            rx.and_then(|rx| rx.recv().ok()).unwrap_or_default()
        })
    }
}

impl Drop for DatePass {
    /// An import that ends early (failed, cancelled) stops the pass too.
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn read_whole(
    path: &Path,
    opts: &ImportOptions,
    columns: &[(usize, String)],
    width: usize,
    stop: &AtomicBool,
) -> Decided {
    let mut profilers = profilers(columns);
    let mut failed = None;
    match read::open(path, &opts.read) {
        Ok(rows) => {
            for row in rows {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                match row {
                    Ok(row) => add_row(columns, &row, &mut profilers),
                    Err(e) => {
                        failed = Some(e);
                        break;
                    }
                }
            }
        }
        Err(e) => failed = Some(e),
    }
    let mut decided = finish(columns, profilers, opts.date_order);
    let country = opts
        .default_country
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let notes = settle(&mut decided, country);
    Decided {
        contexts: contexts(width, &decided, opts),
        columns: decided,
        notes,
        failed,
    }
}

/// Whether cleaning `raw` for a field of type `ty` needs the column's decided date order.
pub(super) fn needs_order(ty: FieldType, raw: &str) -> bool {
    matches!(ty, FieldType::Date | FieldType::Datetime) && !clean::date_order_free(raw)
}
