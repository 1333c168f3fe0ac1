//! Backups: copies of the database made with SQLite's online backup API while it stays in
//! use, each checked with `PRAGMA integrity_check`, readable by the user alone, kept in a
//! `backups` folder beside the database (the newest [`DEFAULT_KEEP`] by default, a setting),
//! and restored into the open database in one step after the current one was backed up.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags};

use super::{Store, migrate, schema_version};
use crate::error::{Error, IssueCode, Result};

/// Backups kept in the folder unless the `backup_keep` setting says otherwise.
pub const DEFAULT_KEEP: usize = 10;

/// The folder of a database's backups.
pub const FOLDER: &str = "backups";

/// The `meta` key of how many backups to keep.
const KEEP_KEY: &str = "backup_keep";

/// The name of a backup file: `kith-YYYYMMDD-HHMMSS-mmm-REASON.db`.
const NAME_TIME: &str = "%Y%m%d-%H%M%S-%3f";

/// One backup file.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupInfo {
    /// Where the file is.
    pub path: String,
    /// When it was made (UTC, RFC 3339).
    pub created_at: String,
    /// Why: `manual`, `daily`, `before-import`, `before-merge`, `before-undo`,
    /// `before-migration`, `before-restore`.
    pub reason: String,
    /// Its size in bytes.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
    /// The schema version it was written with.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub schema: i64,
}

/// The backups folder and what it holds.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupList {
    /// The folder beside the database.
    pub folder: String,
    /// How many backups it keeps.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub keep: usize,
    /// Its backups, newest first.
    pub backups: Vec<BackupInfo>,
}

/// What a restore did.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RestoreReport {
    /// The backup restored.
    pub restored: BackupInfo,
    /// The backup of the database as it was just before, to go back to.
    pub previous: BackupInfo,
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.display().to_string(),
        source,
    }
}

/// The schema version in an SQLite file's header (`user_version`, bytes 60–63), if it is one.
fn header_version(path: &Path) -> Option<i64> {
    use std::io::Read;
    let mut head = [0u8; 64];
    std::fs::File::open(path).ok()?.read_exact(&mut head).ok()?;
    if !head.starts_with(b"SQLite format 3\0") {
        return None;
    }
    Some(i64::from(u32::from_be_bytes([
        head[60], head[61], head[62], head[63],
    ])))
}

/// A backup's description, from its file (`None` for a file that is not a Kith backup).
fn info_of(path: &Path) -> Option<BackupInfo> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_prefix("kith-")?.strip_suffix(".db")?;
    // `YYYYMMDD-HHMMSS-mmm` is 19 characters; the reason follows after a dash.
    let (time, reason) = (stem.get(..19)?, stem.get(20..)?);
    let at = NaiveDateTime::parse_from_str(time, NAME_TIME)
        .ok()?
        .and_utc();
    Some(BackupInfo {
        path: path.display().to_string(),
        created_at: at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        reason: reason.to_string(),
        bytes: std::fs::metadata(path).ok()?.len(),
        schema: header_version(path)?,
    })
}

/// Refuses a file that is not a whole Kith database this build can open: names the problem.
fn check_restorable(path: &Path) -> Result<Connection> {
    let shown = path.display().to_string();
    let refuse = |reason: String| Error::NotADatabase {
        path: shown.clone(),
        reason,
    };
    if !path.is_file() {
        return Err(Error::Io {
            path: shown,
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
        });
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let meta: rusqlite::Result<i64> = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
        [],
        |r| r.get(0),
    );
    match meta {
        Ok(1) => {}
        Ok(_) => return Err(refuse("not a Kith database".into())),
        Err(_) => return Err(refuse("not an SQLite file".into())),
    }
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > schema_version() {
        return Err(Error::TooNew {
            path: shown,
            found: version,
            known: schema_version(),
        });
    }
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap_or_else(|e| e.to_string());
    if check != "ok" {
        return Err(refuse(format!("damaged ({check})")));
    }
    Ok(conn)
}

/// The backups in `folder`, newest first.
fn list(folder: &Path) -> Result<Vec<BackupInfo>> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(folder)(e)),
    };
    let mut list: Vec<BackupInfo> = entries.filter_map(|e| info_of(&e.ok()?.path())).collect();
    list.sort_by(|a, b| b.path.cmp(&a.path));
    Ok(list)
}

/// How many backups the folder of the database on `conn` keeps.
fn keep_of(conn: &Connection) -> Result<usize> {
    Ok(super::meta_get(conn, KEEP_KEY)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_KEEP))
}

/// Copies the database on `conn` (whose file is `db`) to `out`, or into its backups folder
/// (keeping the newest [`keep_of`] there); the copy is checked before it gets its name.
pub(super) fn make_backup(
    conn: &Connection,
    db: &Path,
    out: Option<&Path>,
    reason: &str,
) -> Result<BackupInfo> {
    let folder = db.with_file_name(FOLDER);
    let now = Utc::now();
    let target = match out {
        Some(p) => p.to_path_buf(),
        None => {
            std::fs::create_dir_all(&folder).map_err(io(&folder))?;
            crate::files::make_private(&folder).map_err(io(&folder))?;
            folder.join(format!("kith-{}-{reason}.db", now.format(NAME_TIME)))
        }
    };
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = tempfile::Builder::new()
        .prefix(".kith-backup-")
        .suffix(".db")
        .tempfile_in(dir)
        .map_err(io(dir))?;
    {
        let mut dest = Connection::open(tmp.path())?;
        let copy = rusqlite::backup::Backup::new(conn, &mut dest)?;
        // Steps of 4096 pages: another connection may write between them (a write restarts
        // the copy, which is what keeps it consistent).
        copy.run_to_completion(4096, Duration::from_millis(0), None)?;
        drop(copy);
        // One self-contained file (the copy of page 1 says WAL, as the database is).
        dest.pragma_update(None, "journal_mode", "DELETE")?;
        let check: String = dest.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(Error::NotADatabase {
                path: target.display().to_string(),
                reason: format!("the backup did not check out ({check}); nothing was kept"),
            });
        }
    }
    // Created 0600 by tempfile; the name is given only to a whole, checked copy.
    tmp.persist(&target).map_err(|e| io(&target)(e.error))?;
    crate::files::make_private(&target).map_err(io(&target))?;
    if out.is_none() {
        for old in list(&folder)?.into_iter().skip(keep_of(conn)?) {
            let path = PathBuf::from(&old.path);
            std::fs::remove_file(&path).map_err(io(&path))?;
        }
    }
    Ok(BackupInfo {
        path: target.display().to_string(),
        created_at: now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        reason: reason.to_string(),
        bytes: std::fs::metadata(&target).map_err(io(&target))?.len(),
        schema: header_version(&target).unwrap_or(0),
    })
}

impl Store {
    /// The folder of this database's backups (`None` in memory).
    pub fn backup_folder(&self) -> Option<PathBuf> {
        self.path.as_ref().map(|p| p.with_file_name(FOLDER))
    }

    /// How many backups the folder keeps.
    pub fn backup_keep(&self) -> Result<usize> {
        keep_of(&self.conn)
    }

    /// Sets how many backups the folder keeps (at least 1); older ones go at the next backup.
    pub fn set_backup_keep(&mut self, keep: usize) -> Result<()> {
        if keep == 0 {
            return Err(Error::coded("keep", IssueCode::KeepOneBackup));
        }
        self.set_meta(KEEP_KEY, &keep.to_string())
    }

    /// The backups in the folder, newest first.
    pub fn backups(&self) -> Result<Vec<BackupInfo>> {
        match self.backup_folder() {
            Some(folder) => list(&folder),
            None => Ok(Vec::new()),
        }
    }

    /// The backups folder, its setting and its backups, newest first.
    pub fn backup_list(&self) -> Result<BackupList> {
        Ok(BackupList {
            folder: self
                .backup_folder()
                .map(|f| f.display().to_string())
                .unwrap_or_default(),
            keep: self.backup_keep()?,
            backups: self.backups()?,
        })
    }

    /// Restores the backup named `name` in the backups folder (a file name, not a path: the
    /// app names backups from the list it was given).
    pub fn restore_named(&mut self, name: &str) -> Result<RestoreReport> {
        let folder = self
            .backup_folder()
            .ok_or_else(|| Error::invalid("backup", "an in-memory database has no backups"))?;
        let plain = Path::new(name)
            .file_name()
            .is_some_and(|f| f == std::ffi::OsStr::new(name));
        if !plain || info_of(&folder.join(name)).is_none() {
            return Err(Error::invalid(
                "backup",
                format!("'{name}' is not a backup in {}", folder.display()),
            ));
        }
        self.restore(&folder.join(name))
    }

    /// Backs the database up to `out`, or into the backups folder (then keeping only the
    /// newest [`Store::backup_keep`]). The copy is checked before it is given its name.
    pub fn backup(&self, out: Option<&Path>, reason: &str) -> Result<BackupInfo> {
        let Some(db) = &self.path else {
            return Err(Error::invalid(
                "backup",
                "an in-memory database has no file to back up",
            ));
        };
        make_backup(&self.conn, db, out, reason)
    }

    /// A rolling backup into the folder, before a large change (`reason` says which); nothing
    /// in memory. Returns it, if one was made.
    pub fn auto_backup(&self, reason: &str) -> Result<Option<BackupInfo>> {
        if self.path.is_none() {
            return Ok(None);
        }
        self.backup(None, reason).map(Some)
    }

    /// A backup into the folder when the newest is older than `age` (or there is none): the
    /// app's daily backup when it starts.
    pub fn backup_if_older(&self, age: chrono::Duration) -> Result<Option<BackupInfo>> {
        let newest = self.backups()?.into_iter().next().and_then(|b| {
            DateTime::parse_from_rfc3339(&b.created_at)
                .ok()
                .map(|t| t.with_timezone(&Utc))
        });
        match newest {
            Some(t) if Utc::now() - t < age => Ok(None),
            _ => self.auto_backup("daily"),
        }
    }

    /// Replaces the database's content with the backup `file`, after backing the current one
    /// up. A file that is not a whole Kith database this build can open (foreign, damaged,
    /// written by a newer Kith) is refused and nothing changes. The replacement is one write
    /// other connections see all at once; a backup of an older schema is migrated.
    pub fn restore(&mut self, file: &Path) -> Result<RestoreReport> {
        let source = check_restorable(file)?;
        let restored = info_of(file).unwrap_or(BackupInfo {
            path: file.display().to_string(),
            created_at: String::new(),
            reason: "manual".into(),
            bytes: std::fs::metadata(file).map_err(io(file))?.len(),
            schema: header_version(file).unwrap_or(0),
        });
        let previous = self.backup(None, "before-restore")?;
        // The backup API copies pages into a database in WAL mode only between equal page
        // sizes: a copy of the backup is made first with this database's page size.
        let page_size: i64 = self
            .conn
            .pragma_query_value(None, "page_size", |r| r.get(0))?;
        let dir = self
            .backup_folder()
            .expect("a database with a file has a backup folder");
        let staged = tempfile::Builder::new()
            .prefix(".kith-restore-")
            .suffix(".db")
            .tempfile_in(&dir)
            .map_err(io(&dir))?;
        std::fs::remove_file(staged.path()).map_err(io(staged.path()))?;
        source.pragma_update(None, "page_size", page_size)?;
        source.execute("VACUUM INTO ?1", [staged.path().display().to_string()])?;
        drop(source);
        {
            let staged_conn = Connection::open_with_flags(
                staged.path(),
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            let copy = rusqlite::backup::Backup::new(&staged_conn, &mut self.conn)?;
            copy.run_to_completion(4096, Duration::from_millis(0), None)?;
        }
        drop(staged);
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        self.generation += 1;
        self.totals.borrow_mut().clear();
        if version < schema_version() {
            migrate(&mut self.conn)?;
            self.rebuild_search_when_asked()?;
        }
        Ok(RestoreReport { restored, previous })
    }
}
