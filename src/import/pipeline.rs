//! The import itself: rows in, outcomes out, one transaction.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use super::clean;
use super::cleaner::{Cleaner, Prepared, Ready};
use super::dates::{self, DatePass};
use super::mapping::{self, ColumnMap, MapSource, SavedMapping};
use super::read::{self, ReadError, SourceInfo, SourceRow};
use super::{
    CountryCount, Counts, ImportNote, ImportOptions, ImportReport, Linked, Match, MatchBy,
    MatchedRecord, OnDuplicate, Outcome, Preview, Progress, ReadNote, ReviewValue, RowReason,
    RowReport, SavedRow,
};
use crate::Store;
use crate::error::{Error, FieldIssue, Result};
use crate::model::{Input, Kind, Said, Value};
use crate::store::{KeptReason, Writer, batch_origin};
use crate::values::fold;

/// Rows listed one by one in a report; beyond this only counted.
const MAX_LISTED: usize = 10_000;

/// SQLite's page cache while an import runs, in MiB.
const IMPORT_CACHE_MIB: u32 = 192;

/// Rows shown in a preview.
const SAMPLE_ROWS: usize = 50;

/// Headers of the two columns a rejects file adds; an import of that file ignores them.
pub const LINE_HEADER: &str = "kith_line";
/// See [`LINE_HEADER`].
pub const REASON_HEADER: &str = "kith_reason";

fn bad_file(e: ReadError) -> Error {
    Error::BadFile {
        path: e.path,
        line: e.line,
        reason: e.reason,
    }
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// The mapping to use: the caller's, a saved one, or the automatic one; rejects-file
/// bookkeeping columns are ignored.
fn choose_mapping(
    store: &Store,
    kind: Kind,
    headers: &[String],
    opts: &ImportOptions,
) -> Result<Vec<ColumnMap>> {
    let mut cols = match (&opts.mapping, &opts.mapping_name) {
        (Some(m), _) => m.clone(),
        (None, Some(name)) => {
            let saved = store
                .saved_mappings(kind)?
                .into_iter()
                .find(|(n, _)| n == name)
                .ok_or_else(|| {
                    Error::invalid(
                        "mapping",
                        format!("no saved {kind} mapping is named '{name}'"),
                    )
                })?;
            let columns: BTreeMap<String, String> = serde_json::from_str(&saved.1)
                .map_err(|e| Error::invalid("mapping", format!("saved mapping '{name}': {e}")))?;
            let saved = SavedMapping {
                name: name.clone(),
                kind,
                columns,
            };
            mapping::apply_saved(kind, headers, &saved)
                .map_err(|issues| Error::Validation { issues })?
        }
        (None, None) => mapping::auto_map(kind, headers),
    };
    for c in &mut cols {
        if (c.header == LINE_HEADER || c.header == REASON_HEADER) && c.source == MapSource::Unmapped
        {
            c.target = "ignore".into();
        }
    }
    Ok(cols)
}

/// Checks a mapping before an import runs. A reader's warnings (a header that is not valid in
/// the chosen encoding, say) come first: they usually explain why nothing mapped.
fn check(kind: Kind, info: &SourceInfo, mapping: &[ColumnMap]) -> Result<()> {
    mapping::check_mapping(kind, &info.headers, mapping).map_err(|issues| {
        let mut all: Vec<FieldIssue> = info
            .warnings
            .iter()
            .map(|w| FieldIssue {
                field: "file".into(),
                reason: w.text.clone(),
                code: None,
            })
            .collect();
        all.extend(issues);
        Error::Validation { issues: all }
    })
}

/// Reads the head of a file and proposes a mapping, without writing anything.
pub fn preview(store: &Store, path: &Path, kind: Kind, opts: &ImportOptions) -> Result<Preview> {
    let mut source = read::open(path, &opts.read).map_err(bad_file)?;
    let info = source.info().clone();
    let mut samples = Vec::new();
    for row in source.by_ref() {
        samples.push(row.map_err(bad_file)?);
        if samples.len() >= SAMPLE_ROWS {
            break;
        }
    }
    let mapping = choose_mapping(store, kind, &info.headers, opts)?;
    let columns = dates::date_columns(kind, &mapping);
    let dates = dates::profile(&columns, samples.iter(), opts.date_order);
    Ok(Preview {
        kind,
        file: shown(path),
        export: mapping::detect_export(&info.headers).map(str::to_string),
        targets: mapping::targets(kind),
        saved: store
            .saved_mappings(kind)?
            .into_iter()
            .map(|(n, _)| n)
            .collect(),
        source: info,
        mapping,
        samples,
        dates,
    })
}

/// Writes rows as CSV: the original headers and cells, then the line and the reason, so the
/// file can be fixed in a spreadsheet and imported again.
pub fn write_rows_csv(path: &Path, headers: &[String], rows: &[SavedRow]) -> Result<()> {
    let mut out = RejectsWriter::create(path, headers)?;
    for r in rows {
        out.write(r.line, &r.cells, &r.reason)?;
    }
    out.finish()
}

struct RejectsWriter {
    path: String,
    out: csv::Writer<std::fs::File>,
}

impl RejectsWriter {
    fn create(path: &Path, headers: &[String]) -> Result<RejectsWriter> {
        let io = |e: std::io::Error| Error::Io {
            path: shown(path),
            source: e,
        };
        let file = crate::files::create_private(path).map_err(io)?;
        let mut w = RejectsWriter {
            path: shown(path),
            out: csv::WriterBuilder::new().flexible(true).from_writer(file),
        };
        let mut head: Vec<String> = headers.to_vec();
        head.push(LINE_HEADER.into());
        head.push(REASON_HEADER.into());
        w.record(&head)?;
        Ok(w)
    }

    fn record(&mut self, cells: &[String]) -> Result<()> {
        let cells: Vec<String> = cells
            .iter()
            .map(|c| crate::export::neutralize(c).into_owned())
            .collect();
        self.out.write_record(&cells).map_err(|e| Error::Io {
            path: self.path.clone(),
            source: std::io::Error::other(e),
        })
    }

    fn write(&mut self, line: u64, cells: &[String], reason: &str) -> Result<()> {
        let mut row = cells.to_vec();
        row.push(line.to_string());
        row.push(reason.to_string());
        self.record(&row)
    }

    fn finish(mut self) -> Result<()> {
        self.out.flush().map_err(|e| Error::Io {
            path: self.path.clone(),
            source: e,
        })
    }
}

/// Imports `path` as records of `kind`. Calls `progress` now and then; stops (writing
/// nothing) when `cancel` is set.
pub fn run(
    store: &mut Store,
    path: &Path,
    kind: Kind,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
    cancel: &AtomicBool,
) -> Result<ImportReport> {
    let started = Instant::now();
    let source = read::open(path, &opts.read).map_err(bad_file)?;
    let info = source.info().clone();
    let mapping = choose_mapping(store, kind, &info.headers, opts)?;
    check(kind, &info, &mapping)?;
    // The date columns' order is decided by a pass over the whole file, beside this one.
    let dates = DatePass::start(
        path,
        opts,
        dates::date_columns(kind, &mapping),
        info.headers.len(),
    );
    let mut job = Job {
        kind,
        mapping: &mapping,
        created_here: HashMap::new(),
        companies: HashMap::new(),
        orders: HashMap::new(),
        customers: HashMap::new(),
        occurrences: HashMap::new(),
        generated: 0,
        default_country: opts.default_country.clone(),
        linked: BTreeMap::new(),
        counts: Counts::default(),
        rows: Vec::new(),
        omitted: 0,
        spent: Vec::new(),
        spent_reports: Vec::new(),
        placeholders: BTreeMap::new(),
        phone_countries: BTreeMap::new(),
        batch: None,
        rejects: match &opts.rejects {
            Some(p) => Some(RejectsWriter::create(p, &info.headers)?),
            None => None,
        },
    };
    let cleaner = Cleaner {
        kind,
        on_duplicate: opts.on_duplicate,
        mapping: &mapping,
        contexts: dates::contexts(info.headers.len(), &[], opts),
        dates: &dates,
        overrides: opts.overrides.iter().map(|o| (o.line, o)).collect(),
        default_country: opts
            .default_country
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_ascii_uppercase),
    };
    let mut source = Some(source);
    // Reading and cleaning (pure, and the slow part of a row: phone numbers, dates) run on a
    // second thread while this one matches and writes.
    let mut drive = |w: &mut Writer<'_>, job: &mut Job<'_>| -> Result<()> {
        let Some(mut source) = source.take() else {
            return Ok(());
        };
        // Rows cross in batches: one hand-over (and one wake-up of a waiting thread) per
        // batch, not per row.
        type Batch = Vec<(Ready, (u64, u64))>;
        let (tx, rx) = std::sync::mpsc::sync_channel::<Result<Batch>>(8);
        type Spent = (Vec<Prepared>, Vec<RowReport>, Batch);
        let (spent_tx, spent_rx) = std::sync::mpsc::sync_channel::<Spent>(8);
        std::thread::scope(|scope| {
            scope.spawn(move || spent_rx.into_iter().for_each(drop));
            // Owned here, so the thread above ends when this closure does (on error too).
            let spent_tx = spent_tx;
            let cleaner = &cleaner;
            scope.spawn(move || {
                let mut batch = Vec::with_capacity(HANDOVER_ROWS);
                while let Some(row) = source.next() {
                    match row {
                        Ok(row) => batch.push((cleaner.ready(row), source.progress())),
                        Err(e) => {
                            let _ = tx.send(Ok(std::mem::take(&mut batch)));
                            let _ = tx.send(Err(bad_file(e)));
                            return;
                        }
                    }
                    if batch.len() == HANDOVER_ROWS
                        && tx
                            .send(Ok(std::mem::replace(
                                &mut batch,
                                Vec::with_capacity(HANDOVER_ROWS),
                            )))
                            .is_err()
                    {
                        return;
                    }
                }
                let _ = tx.send(Ok(batch));
            });
            let mut last_report = Instant::now();
            for batch in rx {
                let mut batch = batch?;
                for (ready, (done, total)) in batch.drain(..) {
                    if cancel.load(Ordering::Relaxed) {
                        return Err(Error::Cancelled);
                    }
                    job.row(w, ready)?;
                    if job.counts.rows.is_multiple_of(256)
                        && last_report.elapsed().as_millis() >= 100
                    {
                        last_report = Instant::now();
                        progress(progress_at(job.counts.rows, done, total, started));
                    }
                }
                let spent = (
                    std::mem::take(&mut job.spent),
                    std::mem::take(&mut job.spent_reports),
                    batch,
                );
                // (Should that thread be gone, the rows are freed here instead.)
                let _ = spent_tx.send(spent);
            }
            Ok(())
        })
    };
    // A bulk write touches every index of the table all over: a larger page cache for the
    // import keeps them in memory (peak memory stays far under the 500 MB goal).
    store.set_cache_mib(IMPORT_CACHE_MIB)?;
    let mut written = || -> Result<()> {
        if opts.dry_run {
            return store.dry_run(|w| {
                drive(w, &mut job)?;
                read_to_end(&dates)
            });
        }
        store.auto_backup("before-import")?;
        let batch = uuid::Uuid::now_v7().to_string();
        job.batch = Some(batch.clone());
        let details = serde_json::json!({
            "headers": info.headers,
            "source": info,
            "mapping": mapping,
            "default_country": opts.default_country,
            "date_order": opts.date_order,
            "on_duplicate": opts.on_duplicate,
        })
        .to_string();
        let previous = store.origin().to_string();
        store.set_origin(&batch_origin(&batch));
        let result = store.write(|w| {
            w.begin_batch(&batch, kind, &shown(path), &details)?;
            drive(w, &mut job)?;
            read_to_end(&dates)?;
            w.finish_batch(&batch, &job.counts)
        });
        store.set_origin(&previous);
        result
    };
    let written = written();
    store.set_cache_mib(crate::store::CACHE_MIB)?;
    written?;
    let mut notes = dates.get().notes.clone();
    if let Some(r) = job.rejects.take() {
        r.finish()?;
    }
    // The last report: all done.
    progress(progress_at(job.counts.rows, 1, 1, started));
    debug_assert!(job.counts.adds_up());
    let seconds = started.elapsed().as_secs_f64();
    let mut warnings = info.warnings.clone();
    if job.counts.rows == 0 {
        warnings.push(ReadNote::NoDataRows.into());
    }
    if job.generated > 0 {
        notes.push(
            ImportNote::OrderNumbersMade {
                count: job.generated as u64,
            }
            .into(),
        );
    }
    for (column, (n, seen)) in &job.placeholders {
        let header = info.headers.get(*column).map_or("?", String::as_str);
        notes.push(
            ImportNote::Placeholders {
                header: header.to_string(),
                count: *n,
                seen: seen.clone(),
            }
            .into(),
        );
    }
    if !job.phone_countries.is_empty() {
        let countries = job
            .phone_countries
            .iter()
            .map(|(c, n)| CountryCount {
                country: (*c).to_string(),
                count: *n,
            })
            .collect();
        notes.push(ImportNote::PhoneCountries { countries }.into());
    }
    if let Some(c) = opts
        .default_country
        .as_deref()
        .filter(|c| !c.trim().is_empty())
    {
        notes.push(
            ImportNote::DefaultCountry {
                country: c.trim().to_ascii_uppercase(),
            }
            .into(),
        );
    }
    Ok(ImportReport {
        batch: job.batch.clone(),
        dry_run: opts.dry_run,
        kind,
        file: shown(path),
        export: mapping::detect_export(&info.headers).map(str::to_string),
        counts: job.counts,
        linked: job
            .linked
            .iter()
            .map(|(k, n)| Linked {
                kind: *k,
                created: *n,
            })
            .collect(),
        rows: std::mem::take(&mut job.rows),
        rows_omitted: job.omitted,
        rows_per_sec: if seconds > 0.0 {
            job.counts.rows as f64 / seconds
        } else {
            0.0
        },
        seconds,
        warnings,
        notes,
        source: info,
        mapping,
        dates: dates.get().columns.clone(),
    })
}

/// Fails when the pass over the date columns could not read the file to its end (the import
/// must not be written with orders decided by part of it).
fn read_to_end(dates: &DatePass) -> Result<()> {
    match &dates.get().failed {
        Some(e) => Err(bad_file(e.clone())),
        None => Ok(()),
    }
}

/// Rows handed from the cleaning thread to the writer at a time.
const HANDOVER_ROWS: usize = 256;

fn progress_at(rows: u64, done: u64, total: u64, started: Instant) -> Progress {
    let secs = started.elapsed().as_secs_f64();
    let fraction = if total == 0 {
        1.0
    } else {
        (done as f64 / total as f64).clamp(0.0, 1.0)
    };
    Progress {
        rows,
        fraction,
        rows_per_sec: if secs > 0.0 { rows as f64 / secs } else { 0.0 },
        eta_secs: (fraction > 0.0 && fraction < 1.0).then(|| secs * (1.0 - fraction) / fraction),
    }
}

/// The state of one import.
struct Job<'a> {
    kind: Kind,
    mapping: &'a [ColumnMap],
    /// Records created by this import → the line they came from.
    created_here: HashMap<u128, u64>,
    /// Companies by folded name, found or created during this import.
    companies: HashMap<String, String>,
    /// Orders by number, created during this import.
    orders: HashMap<String, String>,
    /// Contacts by what a row's customer and contact columns say, found or created during
    /// this import.
    customers: HashMap<String, String>,
    /// For rows without an order number: how often each row's key was seen so far.
    occurrences: HashMap<u64, u32>,
    /// Orders given a generated number.
    generated: u64,
    /// For telling a customer's phone number from a customer number.
    default_country: Option<String>,
    linked: BTreeMap<Kind, u64>,
    counts: Counts,
    rows: Vec<RowReport>,
    omitted: u64,
    /// Rows done with, handed to another thread to be freed after each batch: freeing a
    /// row's strings and maps was a tenth of the writing thread's time.
    spent: Vec<Prepared>,
    spent_reports: Vec<RowReport>,
    batch: Option<String>,
    rejects: Option<RejectsWriter>,
    /// Placeholders read as empty, by column: how many, and the first few texts.
    placeholders: BTreeMap<usize, (u64, Vec<String>)>,
    /// Rows whose phone was read in the row's own country, by country.
    phone_countries: BTreeMap<&'static str, u64>,
}

fn key(id: &str) -> u128 {
    uuid::Uuid::parse_str(id).map_or(0, |u| u.as_u128())
}

impl Job<'_> {
    fn note(&mut self, w: &mut Writer<'_>, report: RowReport) -> Result<()> {
        self.counts.add(report.outcome);
        if !report.review.is_empty() {
            self.counts.flagged += 1;
        }
        if matches!(report.outcome, Outcome::Skipped | Outcome::Rejected) {
            if let Some(r) = self.rejects.as_mut() {
                r.write(report.line, &report.cells, &report.reason.text)?;
            }
            if let Some(batch) = &self.batch {
                w.keep_row(
                    batch,
                    report.line,
                    report.outcome,
                    &report.reason,
                    &report.cells,
                )?;
            }
        }
        if report.outcome != Outcome::Created || !report.review.is_empty() {
            if self.rows.len() < MAX_LISTED {
                self.rows.push(report);
                return Ok(());
            }
            self.omitted += 1;
        }
        self.spent_reports.push(report);
        Ok(())
    }

    fn outcome(
        &mut self,
        w: &mut Writer<'_>,
        row: &SourceRow,
        outcome: Outcome,
        reason: Said<RowReason>,
    ) -> Result<()> {
        self.note(
            w,
            RowReport {
                line: row.line,
                outcome,
                reason,
                issues: Vec::new(),
                review: Vec::new(),
                record: None,
                matched: None,
                cells: row.cells.clone(),
            },
        )
    }

    /// Notes a refused row with every issue as its reason.
    fn reject(
        &mut self,
        w: &mut Writer<'_>,
        row: SourceRow,
        issues: Vec<FieldIssue>,
    ) -> Result<()> {
        let reason = RowReason::Refused {
            issues: issues.clone(),
        }
        .into();
        self.note(
            w,
            RowReport {
                line: row.line,
                outcome: Outcome::Rejected,
                reason,
                issues,
                review: Vec::new(),
                record: None,
                matched: None,
                cells: row.cells,
            },
        )
    }

    fn row(&mut self, w: &mut Writer<'_>, ready: Ready) -> Result<()> {
        match ready {
            Ready::Done {
                row,
                outcome,
                reason,
            } => self.outcome(w, &row, outcome, reason),
            Ready::Refused { row, issues } => self.reject(w, row, issues),
            Ready::Clean {
                row,
                mut prepared,
                action,
            } => {
                for (column, text) in std::mem::take(&mut prepared.placeholders) {
                    let (n, seen) = self.placeholders.entry(column).or_default();
                    *n += 1;
                    if seen.len() < 3 && !seen.contains(&text) {
                        seen.push(text);
                    }
                }
                if let Some(c) = prepared.phone_country {
                    *self.phone_countries.entry(c).or_default() += 1;
                }
                self.write_clean(w, row, *prepared, action)
            }
        }
    }

    /// Writes a cleaned row. A value the store refuses for a reason of its own (a rule between
    /// fields) is kept for review like one that did not clean, and the row written without
    /// it, when the field is optional.
    fn write_clean(
        &mut self,
        w: &mut Writer<'_>,
        row: SourceRow,
        prepared: Prepared,
        action: OnDuplicate,
    ) -> Result<()> {
        let mut p = prepared;
        let result = self.write_clean_row(w, row, &mut p, action);
        // Freed on another thread (see `Job::spent`).
        self.spent.push(p);
        result
    }

    fn write_clean_row(
        &mut self,
        w: &mut Writer<'_>,
        row: SourceRow,
        p: &mut Prepared,
        action: OnDuplicate,
    ) -> Result<()> {
        match self.write_row(w, &row, p, action) {
            Ok(report) => self.written(w, row, report, std::mem::take(&mut p.review)),
            Err(Error::Validation { issues }) if self.optional_only(&issues, p) => {
                for i in &issues {
                    if let Some(v) = p.input.remove(&i.field) {
                        p.review.push(ReviewValue {
                            field: i.field.clone(),
                            column: self.header_for(&i.field),
                            raw: self.cell_for(&row, &i.field).unwrap_or(v),
                            reason: i.reason.clone(),
                            code: i.code.clone().map(|issue| KeptReason::NotRead { issue }),
                        });
                    }
                }
                match self.write_row(w, &row, p, action) {
                    Ok(report) => self.written(w, row, report, std::mem::take(&mut p.review)),
                    Err(Error::Validation { issues }) => {
                        let issues = self.by_header(issues);
                        self.reject(w, row, issues)
                    }
                    Err(e) => Err(e),
                }
            }
            Err(Error::Validation { issues }) => {
                let issues = self.by_header(issues);
                self.reject(w, row, issues)
            }
            Err(e) => Err(e),
        }
    }

    /// Notes a written row, keeping its values to review with the record it was written to.
    fn written(
        &mut self,
        w: &mut Writer<'_>,
        row: SourceRow,
        mut report: RowReport,
        review: Vec<ReviewValue>,
    ) -> Result<()> {
        report.cells = row.cells;
        let wrote = matches!(
            report.outcome,
            Outcome::Created | Outcome::Updated | Outcome::Merged
        );
        if wrote
            && !review.is_empty()
            && let Some(record) = &report.record
        {
            // A merged order line is written into its order; its values belong to the order.
            let kind = self.kind;
            w.flag_values(kind, record, self.batch.as_deref(), &review)?;
            report.review = review;
        }
        self.note(w, report)
    }

    /// Issues named by the column their value came from.
    fn by_header(&self, issues: Vec<FieldIssue>) -> Vec<FieldIssue> {
        issues
            .into_iter()
            .map(|i| FieldIssue {
                field: self.header_for(&i.field),
                reason: i.reason,
                code: None,
            })
            .collect()
    }

    /// Whether every issue is about an optional field the row gave a value for (so the row
    /// can be written without them).
    fn optional_only(&self, issues: &[FieldIssue], p: &Prepared) -> bool {
        let def = self.kind.def();
        !issues.is_empty()
            && issues.iter().all(|i| {
                p.input.contains_key(&i.field)
                    && def
                        .field(&i.field)
                        .is_some_and(|f| !f.required && f.ref_kind.is_none())
            })
    }

    /// The cell a field's value came from, as written.
    fn cell_for(&self, row: &SourceRow, field: &str) -> Option<String> {
        self.mapping
            .iter()
            .find(|c| c.target == field)
            .and_then(|c| row.cells.get(c.column))
            .cloned()
    }

    /// The column header a field's value came from (the field's name when none did).
    fn header_for(&self, field: &str) -> String {
        self.mapping
            .iter()
            .find(|c| {
                c.target == field
                    || (c.target == "full_name" && (field == "first_name" || field == "last_name"))
            })
            .map_or_else(|| field.to_string(), |c| c.header.clone())
    }

    fn link_created(&mut self, kind: Kind) {
        *self.linked.entry(kind).or_default() += 1;
    }

    /// The company named `name`: found by name (ignoring case), else created.
    fn company(&mut self, w: &mut Writer<'_>, name: &str, folded: &str) -> Result<String> {
        if let Some(id) = self.companies.get(folded) {
            return Ok(id.clone());
        }
        let id = match w.find_by(Kind::Company, "name", name, true, 1)?.pop() {
            Some(id) => id,
            None => {
                self.link_created(Kind::Company);
                w.create(Kind::Company, &input_of(&[("name", name)]))?
            }
        };
        self.companies.insert(folded.to_string(), id.clone());
        Ok(id)
    }

    /// The contact a row's customer and contact columns name. A cell is an email (it has an
    /// `@`), a phone (a valid number with 7 or more digits) or else, in the customer column, a
    /// customer number and, in the contact column, a customer number or a name. Found by the
    /// customer column (its customer number, email or phone; a phone is tried as a customer
    /// number first), then by the contact column (the same way, then by name: a contact with
    /// another customer number is someone else, one without gets the customer column's);
    /// else created with what the row says (counted in `linked`).
    fn customer_of(
        &mut self,
        w: &mut Writer<'_>,
        customer: Option<&str>,
        contact: Option<&str>,
    ) -> Result<String> {
        let remembered = format!(
            "{}\u{1f}{}",
            customer.map(str::trim).unwrap_or_default(),
            contact.map(fold).unwrap_or_default()
        );
        if let Some(id) = self.customers.get(&remembered) {
            return Ok(id.clone());
        }
        let country = self.default_country.clone();
        let mut create = Input::new();
        let mut number = None;
        let mut name = contact;
        let mut found = None;
        if let Some(c) = customer {
            let key = customer_key(c, country.as_deref());
            found = find_customer(w, &key)?;
            if let CustomerKey::Number(n) = &key {
                number = Some(n.clone());
            }
            key.fill(&mut create);
        }
        if found.is_none()
            && let Some(who) = contact
        {
            let key = customer_key(who, country.as_deref());
            found = find_customer(w, &key)?;
            // An email or phone is the contact's; other words may be a customer number
            // (Kith's own export names a contact known by its number so) or else a name.
            if !matches!(key, CustomerKey::Number(_)) {
                key.fill(&mut create);
                name = None;
            }
        }
        if found.is_none()
            && let Some(who) = name
        {
            found = self.contact_by(w, who, number.as_deref(), &mut create)?;
        }
        let id = match found {
            Some(id) => id,
            None => {
                self.link_created(Kind::Contact);
                create.retain(|_, v| !v.is_empty());
                w.create(Kind::Contact, &create)?
            }
        };
        self.customers.insert(remembered, id.clone());
        Ok(id)
    }

    /// The contact named by an email address, or by a name when it does not have a customer
    /// number other than `number`; one without a customer number is given `number`. What to
    /// create otherwise goes into `create`.
    fn contact_by(
        &mut self,
        w: &mut Writer<'_>,
        who: &str,
        number: Option<&str>,
        create: &mut Input,
    ) -> Result<Option<String>> {
        let by_email = who.contains('@');
        let candidates = if by_email {
            let email = clean::clean_email(who).map_err(|issue| Error::Validation {
                issues: vec![FieldIssue::coded("contact", issue)],
            })?;
            let found = w.find_by(Kind::Contact, "email", &email, false, 5)?;
            create.entry("email".into()).or_insert(email);
            found
        } else {
            let (first, last) = clean::split_name(who);
            let found = if last.is_empty() {
                w.find_by(Kind::Contact, "first_name", &first, true, 20)?
            } else {
                w.find_by(Kind::Contact, "last_name", &last, true, 50)?
            };
            let mut named = Vec::new();
            for id in found {
                let s = w.stored(Kind::Contact, &id)?;
                let text = |f: &str| s.get(f).and_then(Value::to_text).unwrap_or_default();
                if fold(&text("first_name")) == fold(&first)
                    && fold(&text("last_name")) == fold(&last)
                {
                    named.push(id);
                }
            }
            create.insert("first_name".into(), first);
            create.insert("last_name".into(), last);
            named
        };
        for id in candidates {
            let theirs = w
                .stored(Kind::Contact, &id)?
                .get("customer_no")
                .and_then(Value::to_text)
                .unwrap_or_default();
            match number {
                Some(n) if theirs.is_empty() => {
                    w.update(Kind::Contact, &id, &input_of(&[("customer_no", n)]))?;
                    return Ok(Some(id));
                }
                Some(n) if theirs != n && !by_email => continue,
                _ => return Ok(Some(id)),
            }
        }
        Ok(None)
    }

    /// Finds the record this row duplicates, if any.
    fn find_match(&self, w: &Writer<'_>, p: &Prepared) -> Result<Option<Match>> {
        let found = |id: String, by: MatchBy, score: u8| -> Result<Option<Match>> {
            let title = w.get(self.kind, &id)?.title;
            let line = self.created_here.get(&key(&id)).copied();
            Ok(Some(Match {
                id,
                title,
                by,
                score,
                line,
            }))
        };
        if let Some(id) = &p.id
            && let Ok(rec) = w.get(self.kind, id)
            && rec.deleted_at.is_none()
        {
            return found(rec.id, MatchBy::Id, 100);
        }
        let given = |f: &str| p.input.get(f).map(String::as_str).filter(|v| !v.is_empty());
        match self.kind {
            Kind::Contact => {
                if let Some(number) = given("customer_no")
                    && let Some(id) = w
                        .find_by(Kind::Contact, "customer_no", number, false, 1)?
                        .pop()
                {
                    return found(id, MatchBy::CustomerNo, 100);
                }
                if let Some(email) = given("email")
                    && let Some(id) = w.find_by(Kind::Contact, "email", email, false, 1)?.pop()
                {
                    return found(id, MatchBy::Email, 100);
                }
                if let Some(phone) = given("phone") {
                    // The same number with a different email or a different name is a shared
                    // line (a family's, a shop's), not one person.
                    let name = |first: Option<&str>, last: Option<&str>| {
                        fold(&format!("{} {}", first.unwrap_or(""), last.unwrap_or("")))
                            .trim()
                            .to_string()
                    };
                    let my_name = name(given("first_name"), given("last_name"));
                    for id in w.find_by(Kind::Contact, "phone", phone, false, 5)? {
                        let stored = w.stored(Kind::Contact, &id)?;
                        let text = |f: &str| stored.get(f).and_then(Value::to_text);
                        let theirs = text("email");
                        let their_name =
                            name(text("first_name").as_deref(), text("last_name").as_deref());
                        let contradicts = matches!((given("email"), theirs.as_deref()),
                            (Some(mine), Some(theirs)) if mine != theirs)
                            || (!my_name.is_empty()
                                && !their_name.is_empty()
                                && strsim::jaro_winkler(&my_name, &their_name) < 0.85);
                        if !contradicts {
                            return found(id, MatchBy::Phone, 95);
                        }
                    }
                }
                if let Some((id, score)) = self.similar_contact(w, p)? {
                    return found(id, MatchBy::Name, score);
                }
            }
            Kind::Company => {
                if let Some(domain) = given("domain")
                    && let Some(id) = w.find_by(Kind::Company, "domain", domain, true, 1)?.pop()
                {
                    return found(id, MatchBy::Domain, 100);
                }
                if let Some(name) = given("name")
                    && let Some(id) = w.find_by(Kind::Company, "name", name, true, 1)?.pop()
                {
                    return found(id, MatchBy::Name, 100);
                }
            }
            Kind::Order => {
                if let Some(number) = given("number")
                    && let Some(id) = w.find_by(Kind::Order, "number", number, false, 1)?.pop()
                {
                    return found(id, MatchBy::Number, 100);
                }
            }
            _ => {}
        }
        Ok(None)
    }

    /// A contact with a similar name at the same company (or both without one) whose email
    /// and phone do not contradict the row's; with the similarity score (90–100). The
    /// candidates share the last name and the company, read from one index.
    fn similar_contact(&self, w: &Writer<'_>, p: &Prepared) -> Result<Option<(String, u8)>> {
        let given = |f: &str| p.input.get(f).map(String::as_str).filter(|v| !v.is_empty());
        let (Some(first), Some(last)) = (given("first_name"), given("last_name")) else {
            return Ok(None);
        };
        let company = p.input.get("company_id").map(String::as_str);
        // A row with an email is found by it when a contact has it; otherwise only a contact with
        // no email at all can be the same person. (Most rows have one, and then there is
        // usually no candidate at all: nothing is folded or scored.)
        let candidates = w.name_candidates(company, last, given("email").is_some(), 50)?;
        if candidates.is_empty() {
            return Ok(None);
        }
        let get = |f: &str| given(f).map(fold).unwrap_or_default();
        let first = fold(first);
        let mut best: Option<(String, u8)> = None;
        for (rowid, their_first) in candidates {
            let sim = strsim::jaro_winkler(&first, &fold(&their_first));
            let score = (sim * 100.0).round() as u8;
            if score < 90 || best.as_ref().is_some_and(|(_, b)| score <= *b) {
                continue;
            }
            let (id, email, phone) = w.contact_keys(rowid)?;
            let conflicts = |mine: String, theirs: Option<String>| {
                let theirs = theirs.map(|t| fold(&t)).unwrap_or_default();
                !mine.is_empty() && !theirs.is_empty() && mine != theirs
            };
            if conflicts(get("email"), email) || conflicts(get("phone"), phone) {
                continue;
            }
            best = Some((id, score));
        }
        Ok(best)
    }

    /// Links, matches and writes one cleaned row.
    fn write_row(
        &mut self,
        w: &mut Writer<'_>,
        row: &SourceRow,
        p: &mut Prepared,
        action: OnDuplicate,
    ) -> Result<RowReport> {
        let def = self.kind.def();
        if let Some(name) = p.company.clone() {
            if def.field("company_id").is_some() {
                let id = self.company(w, &name, &p.company_key)?;
                p.input.insert("company_id".into(), id);
                if let Some(typed) = p.typed.as_mut() {
                    typed.forget("company_id");
                }
            } else if self.kind == Kind::Company {
                p.input.entry("name".into()).or_insert(name);
            }
        }
        if self.kind == Kind::Order {
            self.order_of_a_log(p);
        }
        if (p.contact.is_some() || p.customer.is_some()) && def.field("contact_id").is_some() {
            let id = self.customer_of(w, p.customer.as_deref(), p.contact.as_deref())?;
            p.input.insert("contact_id".into(), id);
            if let Some(typed) = p.typed.as_mut() {
                typed.forget("contact_id");
            }
        }
        let mut report = RowReport {
            line: row.line,
            outcome: Outcome::Created,
            reason: RowReason::Created.into(),
            issues: Vec::new(),
            review: Vec::new(),
            record: None,
            matched: None,
            cells: Vec::new(),
        };
        let has_line = !p.line.is_empty() || p.product.is_some();
        // Order lines: rows with the number of an order created from an earlier row add a line.
        if self.kind == Kind::Order
            && has_line
            && let Some(number) = p.input.get("number")
            && let Some(order) = self.orders.get(number).cloned()
        {
            self.add_line(w, &order, p)?;
            let title = w.get(Kind::Order, &order)?.title;
            report.outcome = Outcome::Merged;
            report.reason = RowReason::AddedAsLine {
                order: title,
                line: self.created_here.get(&key(&order)).copied().unwrap_or(0),
            }
            .into();
            report.record = Some(order);
            return Ok(report);
        }
        let matched = if action == OnDuplicate::Create {
            None
        } else {
            self.find_match(w, p)?
        };
        match matched {
            Some(m) => {
                let matched = MatchedRecord {
                    title: m.title.clone(),
                    from_line: m.line,
                    by: m.by,
                    score: m.score,
                };
                report.matched = Some(m.clone());
                report.record = Some(m.id.clone());
                if action == OnDuplicate::Skip {
                    report.outcome = Outcome::Skipped;
                    report.reason = RowReason::Duplicate(matched).into();
                    return Ok(report);
                }
                let mut changed = w.update(self.kind, &m.id, &p.input)?;
                changed |= w.tag_all(self.kind, &m.id, &p.tags)?;
                if self.kind == Kind::Order && has_line {
                    changed |= self.add_line(w, &m.id, p)?;
                }
                if !changed {
                    report.outcome = Outcome::Skipped;
                    report.reason = RowReason::UpToDate(matched).into();
                    return Ok(report);
                }
                report.outcome = if m.line.is_some() {
                    Outcome::Merged
                } else {
                    Outcome::Updated
                };
                report.reason = RowReason::MergedInto(matched).into();
            }
            None => {
                let id = match p.typed.take() {
                    Some(mut typed) => {
                        let issues = typed.read_more(self.kind, &p.input);
                        if issues.is_empty() {
                            w.create_parsed(self.kind, typed)?
                        } else {
                            w.create(self.kind, &p.input)?
                        }
                    }
                    None => w.create(self.kind, &p.input)?,
                };
                self.created_here.insert(key(&id), row.line);
                w.tag_created(self.kind, &id, &p.tags)?;
                if self.kind == Kind::Order {
                    if let Some(number) = p.input.get("number") {
                        self.orders.insert(number.clone(), id.clone());
                    }
                    if has_line {
                        self.add_line(w, &id, p)?;
                    }
                }
                report.record = Some(id);
            }
        }
        Ok(report)
    }

    /// A purchase-log row as an order: line values without a product or description are the
    /// order's own quantity and total (kept in a custom field named after their column when
    /// the order has its own), a negative total without a status is a refund, and an order
    /// without a number gets a generated one: a hash of the row's customer, date, amounts,
    /// quantities and product and of how many rows before it in the file had all of these
    /// the same, so importing the same file again finds the same orders.
    fn order_of_a_log(&mut self, p: &mut Prepared) {
        if p.product.is_none() && !p.line.contains_key("description") && !p.line.is_empty() {
            let line = std::mem::take(&mut p.line);
            let cents =
                |v: Option<&String>| v.and_then(|v| clean::clean_money(v).ok()).map(|m| m.0);
            if !p.input.contains_key("total")
                && !line.contains_key("amount")
                && let Some(price) = cents(line.get("unit_price"))
            {
                let quantity = line
                    .get("quantity")
                    .or(p.input.get("quantity"))
                    .and_then(|q| q.parse::<f64>().ok())
                    .unwrap_or(1.0);
                let total = (price as f64 * quantity).round() as i64;
                p.input.insert("total".into(), clean::format_cents(total));
            }
            for (field, to) in [
                ("quantity", "quantity"),
                ("amount", "total"),
                ("unit_price", ""),
            ] {
                let Some(value) = line.get(field) else {
                    continue;
                };
                if to.is_empty() || p.input.contains_key(to) {
                    let header = self.header_for(&format!("line.{field}"));
                    let name: String = header.trim().chars().take(100).collect();
                    p.input.insert(format!("custom.{name}"), value.clone());
                } else {
                    p.input.insert(to.into(), value.clone());
                }
            }
        }
        let negative = p
            .input
            .get("total")
            .and_then(|t| clean::clean_money(t).ok())
            .is_some_and(|(cents, _)| cents < 0);
        if negative {
            p.input
                .entry("status".into())
                .or_insert_with(|| "refunded".into());
        }
        if p.id.is_none() && !p.input.contains_key("number") {
            let number = self.generated_number(p);
            p.input.insert("number".into(), number);
            self.generated += 1;
        }
    }

    /// A stable order number for a row that has none (see [`Job::order_of_a_log`]).
    fn generated_number(&mut self, p: &Prepared) -> String {
        let text = |v: Option<&String>| v.map(String::as_str).unwrap_or("").to_string();
        let mut parts = vec![
            text(p.customer.as_ref()),
            p.contact.as_deref().map(fold).unwrap_or_default(),
            p.company_key.clone(),
            text(p.product.as_ref()),
        ];
        for f in ["ordered_on", "total", "quantity", "currency"] {
            parts.push(text(p.input.get(f)));
        }
        for f in ["description", "quantity", "unit_price", "amount"] {
            parts.push(text(p.line.get(f)));
        }
        let key = parts.join("\u{1f}");
        let seen = self.occurrences.entry(fnv1a(key.as_bytes())).or_insert(0);
        let occurrence = *seen;
        *seen += 1;
        format!(
            "AUTO-{:016X}",
            fnv1a(format!("{key}\u{1f}{occurrence}").as_bytes())
        )
    }

    /// Adds the row's order line to `order` unless an identical live line is there; returns
    /// whether one was added.
    fn add_line(&mut self, w: &mut Writer<'_>, order: &str, p: &Prepared) -> Result<bool> {
        let mut line = p.line.clone();
        if let Some(product) = &p.product {
            let id = match w.find_by(Kind::Product, "sku", product, true, 1)?.pop() {
                Some(id) => id,
                None => match w.find_by(Kind::Product, "name", product, true, 1)?.pop() {
                    Some(id) => id,
                    None => {
                        self.link_created(Kind::Product);
                        w.create(Kind::Product, &input_of(&[("name", product)]))?
                    }
                },
            };
            line.insert("product_id".into(), id);
            line.entry("description".into())
                .or_insert_with(|| product.clone());
        }
        line.insert("order_id".into(), order.to_string());
        for existing in w.find_by(Kind::OrderLine, "order_id", order, false, 1000)? {
            let s = w.stored(Kind::OrderLine, &existing)?;
            let same = ["description", "quantity", "unit_price"].iter().all(|f| {
                let theirs = s.get(*f).and_then(Value::to_text).unwrap_or_default();
                let mine = line.get(*f).cloned().unwrap_or_default();
                same_number_or_text(&theirs, &mine, *f == "unit_price")
            });
            if same {
                return Ok(false);
            }
        }
        w.create(Kind::OrderLine, &line)?;
        Ok(true)
    }
}

/// Whether a stored value and an input text are the same (money stored in hundredths).
fn same_number_or_text(stored: &str, input: &str, money: bool) -> bool {
    if stored == input {
        return true;
    }
    match (stored.parse::<f64>(), input.parse::<f64>()) {
        (Ok(a), Ok(b)) => {
            let a = if money { a / 100.0 } else { a };
            (a - b).abs() < 1e-9
        }
        _ => stored.is_empty() && input.is_empty(),
    }
}

/// What a customer column's cell names.
#[derive(Debug)]
enum CustomerKey {
    Email(String),
    Phone { written: String, e164: String },
    Number(String),
}

impl CustomerKey {
    /// Puts the key into a new contact's input (keeping what is there).
    fn fill(&self, input: &mut Input) {
        let (field, value) = match self {
            CustomerKey::Email(e) => ("email", e),
            CustomerKey::Phone { e164, .. } => ("phone", e164),
            CustomerKey::Number(n) => ("customer_no", n),
        };
        input
            .entry(field.to_string())
            .or_insert_with(|| value.clone());
    }
}

/// The live contact with this customer number, email or phone (a phone is tried as a
/// customer number first), if any.
fn find_customer(w: &Writer<'_>, key: &CustomerKey) -> Result<Option<String>> {
    let by = |field: &str, value: &str| -> Result<Option<String>> {
        Ok(w.find_by(Kind::Contact, field, value, false, 1)?.pop())
    };
    match key {
        CustomerKey::Email(e) => by("email", e),
        CustomerKey::Phone { written, e164 } => match by("customer_no", written)? {
            Some(id) => Ok(Some(id)),
            None => by("phone", e164),
        },
        CustomerKey::Number(n) => by("customer_no", n),
    }
}

/// Reads a customer column's cell: an email if it has an `@` and is one; a phone if it is a
/// valid number with at least 7 digits (international, or national in `country`); else a
/// customer number as written.
fn customer_key(text: &str, country: Option<&str>) -> CustomerKey {
    let text = text.trim();
    if text.contains('@')
        && let Ok(email) = clean::clean_email(text)
    {
        return CustomerKey::Email(email);
    }
    let digits = text.chars().filter(char::is_ascii_digit).count();
    if digits >= 7
        && let Ok(e164) = clean::clean_phone(text, country)
        && e164.starts_with('+')
    {
        return CustomerKey::Phone {
            written: text.to_string(),
            e164,
        };
    }
    CustomerKey::Number(text.to_string())
}

/// 64-bit FNV-1a: a hash that stays the same across builds and platforms (generated order
/// numbers must).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn input_of(pairs: &[(&str, &str)]) -> Input {
    pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Saves the skipped and rejected rows of a past import as CSV (original headers and cells,
/// then the line and the reason); returns how many rows were written.
pub fn save_batch_rows(store: &Store, batch: &str, path: &Path) -> Result<u64> {
    let details: serde_json::Value =
        serde_json::from_str(&store.import_batch_details(batch)?).unwrap_or_default();
    let headers: Vec<String> =
        serde_json::from_value(details["headers"].clone()).unwrap_or_default();
    let rows = store.import_rows(batch)?;
    write_rows_csv(path, &headers, &rows)?;
    Ok(rows.len() as u64)
}

/// Saves a column mapping under a name, for the next file with the same headers.
pub fn save_mapping(
    store: &mut Store,
    kind: Kind,
    name: &str,
    mapping: &[ColumnMap],
) -> Result<()> {
    let columns: BTreeMap<&str, &str> = mapping
        .iter()
        .map(|c| (c.header.as_str(), c.target.as_str()))
        .collect();
    let json = serde_json::to_string(&columns).unwrap_or_default();
    store.save_mapping(kind, name, &json)
}
