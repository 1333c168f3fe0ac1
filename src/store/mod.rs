//! The store: one SQLite file, its schema, and every read and write Kith makes.
//!
//! Invariants: all SQL lives under this module; every write runs inside one transaction
//! ([`Store::write`]) that stamps rows with one hybrid-logical-clock reading and appends each
//! changed field to `change_log` (under one `change_set` row per write); rows are tombstoned
//! (`deleted_at`), never deleted.

mod analytics;
mod backup;
mod batch;
mod campaigns;
mod figures;
mod filters;
mod grams;
mod history;
mod imports;
mod merge;
mod records;
mod related;
mod review;
mod search;
mod stages;
mod tags;
mod views;
mod work;

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::time::Duration;

use chrono::{NaiveDate, SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, params};

use crate::clock::{Clock, Hlc};
use crate::error::{Error, Result};
use crate::model::{Kind, Value};

pub use crate::model::RowFigures;
pub use analytics::{
    ActivityRow, CustomerFigures, CustomerMetric, DealRow, DealScoreRow, FeedbackRow, MetricColumn,
    MetricSet, PipelineRow, Purchases, StoredDealScore, StoredRun, TargetReport, TicketRow,
};
pub use backup::{BackupInfo, BackupList, DEFAULT_KEEP as DEFAULT_BACKUP_KEEP, RestoreReport};
pub use batch::{
    BatchSummary, Counts, MatchBy, MatchedRecord, Outcome, RowReason, SavedRow, UndoNote,
    UndoReason, UndoReport,
};
pub use campaigns::{CampaignWindow, MailRow, MemberRow, SaleRow, WonDealRow};
pub use imports::batch_origin;
pub use merge::{DuplicateGroup, MergeReport};
pub use records::{CONTACT_IDENTITY, CREATED, MAX_PAGE, Parsed, to_sql};
pub use review::{Flagged, FlaggedPage, KeptInColumn, KeptReason, ReviewValue};
pub use stages::{DealStage, check_stages};
pub use tags::{MAX_TAG, check_tag};
pub use views::SavedView;
pub use work::{DealTouch, OpenTicket, StageDeals, StatusTickets, TicketMoments, ValuedCustomer};

/// The schema migrations, in order. Released ones are append-only.
const MIGRATION_SQL: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_live_sort_indexes.sql"),
    include_str!("migrations/0003_import.sql"),
    include_str!("migrations/0004_customer_metric.sql"),
    include_str!("migrations/0005_field_review.sql"),
    include_str!("migrations/0006_customer_no.sql"),
    include_str!("migrations/0007_import_speed.sql"),
    include_str!("migrations/0008_compact_tagging.sql"),
    include_str!("migrations/0009_search_without_doc.sql"),
    include_str!("migrations/0010_task_time_priority.sql"),
    include_str!("migrations/0011_ticket_queue.sql"),
    include_str!("migrations/0012_campaign_attribution.sql"),
    include_str!("migrations/0013_deal_stages.sql"),
    include_str!("migrations/0014_saved_views.sql"),
    include_str!("migrations/0015_import_row_code.sql"),
    include_str!("migrations/0016_field_review_code.sql"),
];

/// Brings the schema up to this build's version in one write transaction. The version is
/// read again inside it: two processes opening a new database at once wait for each other
/// (the transaction is IMMEDIATE), and the second finds the work done.
fn migrate(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction()?;
    let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let done = usize::try_from(version).unwrap_or(0);
    for (i, sql) in MIGRATION_SQL.iter().enumerate().skip(done) {
        tx.execute_batch(sql).map_err(|source| Error::Migration {
            version: i + 1,
            source,
        })?;
    }
    if version < schema_version() {
        tx.pragma_update(None, "user_version", schema_version())?;
    }
    tx.commit()?;
    Ok(())
}

/// SQLite's page cache per connection, in MiB (the default is 2 MiB).
pub const CACHE_MIB: u32 = 64;

/// The page size of a new database, in bytes.
const PAGE_SIZE: i64 = 16_384;

/// How long a write waits for another connection's write (another Kith, a CLI import) to end
/// before it gives up.
pub const WRITER_WAIT: Duration = Duration::from_secs(600);

/// Called (on the waiting thread) when a write has waited a moment for another writer.
type WaitNotice = Box<dyn Fn() + Send + Sync>;
static ON_WAIT: RwLock<Option<WaitNotice>> = RwLock::new(None);

/// Sets what to do when a write has to wait for another writer (the CLI says "another Kith is
/// writing; waiting…", the app shows it): called once per wait, after a tenth of a second.
pub fn on_writer_wait(notice: impl Fn() + Send + Sync + 'static) {
    *ON_WAIT.write().unwrap_or_else(|e| e.into_inner()) = Some(Box::new(notice));
}

/// SQLite's busy handler: sleeps a little longer each time (1 ms up to 100 ms), tells
/// [`on_writer_wait`] after about 0.1 s, and gives up after [`WRITER_WAIT`].
fn wait_for_writer(count: i32) -> bool {
    const STEPS_MS: [u64; 7] = [1, 2, 5, 10, 25, 50, 100];
    let count = usize::try_from(count).unwrap_or(0);
    let waited_ms: u64 = STEPS_MS.iter().take(count).sum::<u64>()
        + count.saturating_sub(STEPS_MS.len()) as u64 * 100;
    if Duration::from_millis(waited_ms) >= WRITER_WAIT {
        return false;
    }
    if count == STEPS_MS.len() - 1
        && let Some(notice) = ON_WAIT.read().unwrap_or_else(|e| e.into_inner()).as_ref()
    {
        notice();
    }
    std::thread::sleep(Duration::from_millis(
        STEPS_MS.get(count).copied().unwrap_or(100),
    ));
    true
}

/// The `-wal` or `-shm` file beside a database.
fn companion(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The schema version this build writes.
pub fn schema_version() -> i64 {
    MIGRATION_SQL.len() as i64
}

/// When a cached total was counted: this connection's write generation and SQLite's
/// `data_version`.
type Stamp = (u64, i64);

/// An open Kith database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    device: String,
    clock: Clock,
    origin: String,
    /// Bumped by every write of this connection; with SQLite's `data_version` (bumped by
    /// other connections' commits) it tells whether cached list totals are still true.
    generation: u64,
    /// List totals by query, valid for one (generation, data_version).
    totals: RefCell<HashMap<String, (Stamp, u64)>>,
    /// The day analyses are made at when not told one; `None`: the wall clock's (UTC).
    today: Option<NaiveDate>,
}

impl Store {
    /// Opens (creating if missing) the database at `path` and migrates it to this build's
    /// schema. A file that is not SQLite, is another program's database, or was written by a
    /// newer Kith is refused and left untouched.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                path: dir.display().to_string(),
                source,
            })?;
        }
        // A new database is created readable by the user alone; SQLite gives its -wal and
        // -shm files the same mode.
        match crate::files::create_new_private(path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(source) => {
                return Err(Error::Io {
                    path: path.display().to_string(),
                    source,
                });
            }
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        Store::init(conn, Some(path.to_path_buf()))
    }

    /// Opens a fresh database in memory (tests and dry runs).
    pub fn open_in_memory() -> Result<Store> {
        Store::init(Connection::open_in_memory()?, None)
    }

    fn init(mut conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        let shown = path
            .as_ref()
            .map_or_else(|| ":memory:".to_string(), |p| p.display().to_string());
        // Before any statement: another Kith (the app, a CLI import) may be writing. Every
        // write transaction takes the write lock when it begins (IMMEDIATE), so a second writer
        // waits its turn there instead of failing when a read turns into a write.
        conn.busy_handler(Some(wait_for_writer))?;
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        // Read before anything writes: a foreign file must stay byte-for-byte as it was.
        let probe = conn.query_row(
            "SELECT (SELECT count(*) FROM sqlite_master), (SELECT count(*) FROM sqlite_master
                     WHERE type = 'table' AND name = 'meta')",
            [],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
        );
        let (objects, has_meta) = match probe {
            Ok(counts) => counts,
            Err(rusqlite::Error::SqliteFailure(e, _))
                if matches!(
                    e.code,
                    rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt
                ) =>
            {
                return Err(Error::NotADatabase {
                    path: shown,
                    reason: "not an SQLite file".into(),
                });
            }
            Err(e) => return Err(e.into()),
        };
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if objects > 0 && has_meta == 0 {
            return Err(Error::NotADatabase {
                path: shown,
                reason: "an SQLite database of another program".into(),
            });
        }
        if version > schema_version() {
            return Err(Error::TooNew {
                path: shown,
                found: version,
                known: schema_version(),
            });
        }
        if let Some(path) = &path {
            // Databases made before Kith kept them private, and their companions.
            for file in [
                path.clone(),
                companion(path, "-wal"),
                companion(path, "-shm"),
            ] {
                crate::files::make_private(&file).map_err(|source| Error::Io {
                    path: file.display().to_string(),
                    source,
                })?;
            }
        }
        if objects == 0 {
            // A new database: 16 KiB pages (SQLite's default is 4 KiB) make its B-trees and
            // full-text segments shallower and its WAL frames fewer; a 1M-row import took 17%
            // less time. (An existing file keeps its page size: changing it means a VACUUM.)
            conn.pragma_update(None, "page_size", PAGE_SIZE)?;
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // 64 MiB of page cache (the default is 2 MiB): bulk writes and large lists stop
        // spilling and re-reading pages.
        conn.pragma_update(None, "cache_size", -(i64::from(CACHE_MIB) * 1024))?;
        conn.set_prepared_statement_cache_capacity(256);
        // Query-planner stability: a cached statement keeps its plan when new values are bound
        // (otherwise SQLite re-parses it on every run whose parameters sit in a LIMIT or an
        // `IS` term, which made bulk imports spend their time in the SQL parser).
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )?;
        if version < schema_version() {
            if let (Some(db), true) = (&path, objects > 0) {
                // A database of an earlier Kith is backed up before its schema changes.
                backup::make_backup(&conn, db, None, "before-migration")?;
            }
            migrate(&mut conn)?;
        }

        let device = match meta_get(&conn, "device_id")? {
            Some(d) => d,
            None => {
                // Another Kith opening the new database at the same time may set it first.
                let d = uuid::Uuid::new_v4().simple().to_string()[..12].to_string();
                conn.execute(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES ('device_id', ?1)",
                    params![d],
                )?;
                meta_get(&conn, "device_id")?.unwrap_or(d)
            }
        };
        let last = meta_get(&conn, "clock")?.and_then(|c| Hlc::parse(&c));
        let mut store = Store {
            clock: Clock::new(&device, last),
            conn,
            path,
            device,
            origin: "cli".into(),
            generation: 0,
            totals: RefCell::new(HashMap::new()),
            today: None,
        };
        if meta_get(&store.conn, search::REBUILD_KEY)?.is_some() {
            store.rebuild_search_when_asked()?;
        }
        Ok(store)
    }

    /// Sets SQLite's page cache for this connection, in MiB (64 by default).
    pub fn set_cache_mib(&mut self, mib: u32) -> Result<()> {
        self.conn
            .pragma_update(None, "cache_size", -(i64::from(mib) * 1024))?;
        Ok(())
    }

    /// A second connection to the same database file, with the same origin (`None` in
    /// memory): long work (the analytics) runs on it while this one keeps serving reads.
    pub fn reopen(&self) -> Result<Option<Store>> {
        let Some(path) = &self.path else {
            return Ok(None);
        };
        let mut other = Store::open(path)?;
        other.set_origin(&self.origin);
        other.today = self.today;
        Ok(Some(other))
    }

    /// Fixes the day analyses are made at when not told one (`None`: today by the wall
    /// clock). The UI's recorded answers are made on a fixed day, so they are the same every
    /// day they are recorded.
    pub fn set_today(&mut self, day: Option<NaiveDate>) {
        self.today = day;
    }

    /// The day analyses are made at when not told one: the fixed day, else today (UTC).
    pub fn today(&self) -> NaiveDate {
        self.today.unwrap_or_else(|| Utc::now().date_naive())
    }

    /// Where the database lives (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// This database's device id (the `updated_by` of its writes).
    pub fn device(&self) -> &str {
        &self.device
    }

    /// What later writes are attributed to in the change log.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Sets what later writes are attributed to in the change log (`cli`, `app`, `demo`, …).
    pub fn set_origin(&mut self, origin: &str) {
        self.origin = origin.to_string();
    }

    /// Reads a value from the `meta` table.
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        meta_get(&self.conn, key)
    }

    /// Writes a value into the `meta` table.
    pub fn set_meta(&mut self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    /// Number of live records of each kind.
    pub fn counts(&self) -> Result<Vec<(Kind, u64)>> {
        Kind::ALL
            .iter()
            .map(|k| {
                let sql = format!(
                    "SELECT count(*) FROM {} WHERE deleted_at IS NULL",
                    k.def().table
                );
                let n: i64 = self
                    .conn
                    .prepare_cached(&sql)?
                    .query_row([], |r| r.get(0))?;
                Ok((*k, n as u64))
            })
            .collect()
    }

    /// A transaction with one clock reading, for [`Store::write`] and [`Store::dry_run`].
    fn begin(&mut self) -> Result<Writer<'_>> {
        let hlc = self.clock.tick();
        let tx = self
            .conn
            .transaction()
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::DatabaseBusy) => Error::Busy {
                    path: self
                        .path
                        .as_ref()
                        .map_or_else(|| ":memory:".into(), |p| p.display().to_string()),
                    minutes: WRITER_WAIT.as_secs() / 60,
                },
                _ => e.into(),
            })?;
        Ok(Writer {
            tx,
            clock: hlc.to_string(),
            at: Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true),
            device: &self.device,
            origin: &self.origin,
            set_id: std::cell::Cell::new(None),
            titles: RefCell::new(HashMap::new()),
            tag_ids: RefCell::new(HashMap::new()),
            pending_fts: std::collections::BTreeMap::new(),
            company_grams: HashMap::new(),
        })
    }

    /// Runs `f` in one transaction with one clock reading. On error nothing is written.
    pub fn write<T>(&mut self, f: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        self.generation += 1;
        let mut w = self.begin()?;
        let out = f(&mut w)?;
        w.flush_search()?;
        w.tx.execute(
            "INSERT INTO meta (key, value) VALUES ('clock', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![w.clock],
        )?;
        w.tx.commit()?;
        Ok(out)
    }

    /// Runs `f` in a transaction that is always rolled back: a dry run sees exactly what the
    /// real write would do (links, duplicates within the input) and changes nothing.
    pub fn dry_run<T>(&mut self, f: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        let mut w = self.begin()?;
        // The held-back full-text rows are written too, so a dry run meets what the write would.
        let out = f(&mut w).and_then(|out| w.flush_search().map(|()| out));
        w.tx.rollback()?;
        out
    }

    /// The number of rows `count_sql` counts, cached until the database changes: a virtualized
    /// list asks for its total with every page, and counting a million rows each time would
    /// make scrolling stutter.
    fn cached_total(&self, count_sql: &str, args: &[rusqlite::types::Value]) -> Result<u64> {
        let version: i64 = self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))?;
        let key = format!("{count_sql}\u{1}{args:?}");
        let stamp = (self.generation, version);
        if let Some((at, total)) = self.totals.borrow().get(&key)
            && *at == stamp
        {
            return Ok(*total);
        }
        let total: i64 = self
            .conn
            .prepare_cached(count_sql)?
            .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
        let mut totals = self.totals.borrow_mut();
        if totals.len() > 64 {
            totals.clear();
        }
        totals.insert(key, (stamp, total as u64));
        Ok(total as u64)
    }

    /// Runs a quick integrity check (used by tests and `kith doctor`).
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }
}

/// A write in progress: one transaction, one clock reading, one origin.
pub struct Writer<'s> {
    tx: Transaction<'s>,
    clock: String,
    at: String,
    device: &'s str,
    origin: &'s str,
    /// This write's `change_set` row, made with its first logged change.
    set_id: std::cell::Cell<Option<i64>>,
    /// Titles of live records referred to during this write (dropped when one is written).
    titles: RefCell<HashMap<(Kind, String), String>>,
    /// Ids and stored names of live tags by ASCII-lowercased name, found or made during this
    /// write (tags are never removed, only taken off records, so an entry stays true to the
    /// end of the write).
    tag_ids: RefCell<HashMap<String, (String, String)>>,
    /// Full-text rows (name, email, phone, company, body, short) by rowid, not
    /// written yet; see `Writer::flush_search`.
    pending_fts: std::collections::BTreeMap<i64, [String; 6]>,
    /// Short grams of the company names written into search documents during this write
    /// (an import writes the same few companies into many contacts' documents).
    company_grams: HashMap<String, std::collections::BTreeSet<String>>,
}

impl Writer<'_> {
    /// Appends one field change to the change log (under this write's `change_set` header).
    fn log(&self, kind: Kind, id: &str, field: &str, old: &Value, new: &Value) -> Result<()> {
        let set_id = match self.set_id.get() {
            Some(id) => id,
            None => {
                self.tx
                    .prepare_cached(
                        "INSERT INTO change_set (clock, at, device, origin) VALUES (?1, ?2, ?3, ?4)",
                    )?
                    .execute(params![self.clock, self.at, self.device, self.origin])?;
                let id = self.tx.last_insert_rowid();
                self.set_id.set(Some(id));
                id
            }
        };
        self.tx
            .prepare_cached(
                "INSERT INTO change_log (set_id, entity, entity_id, field, old, new)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                set_id,
                kind.as_str(),
                id,
                field,
                to_sql(old),
                to_sql(new)
            ])?;
        Ok(())
    }
}

fn meta_get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", params![key], |r| {
            r.get(0)
        })
        .optional()?)
}
