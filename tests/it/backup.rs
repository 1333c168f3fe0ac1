//! Backups that restore: made with the online backup API while the database is in use,
//! checked, 0600, rolling (before imports, merges, undos and migrations; the newest N kept),
//! and restored only from a whole Kith database this build can open.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use kith::import::{self, ImportOptions};
use kith::{Error, Kind, Store};

use crate::{Fixture, input};

fn contacts(store: &Store) -> u64 {
    store
        .counts()
        .unwrap()
        .into_iter()
        .find(|(k, _)| *k == Kind::Contact)
        .unwrap()
        .1
}

fn add(store: &mut Store, name: &str) -> String {
    store
        .create_record(Kind::Contact, &input(&[("first_name", name)]))
        .unwrap()
        .id
}

fn reasons(store: &Store) -> Vec<String> {
    store
        .backups()
        .unwrap()
        .into_iter()
        .map(|b| b.reason)
        .collect()
}

#[test]
fn a_backup_restores_and_the_state_before_is_kept() {
    let mut f = Fixture::new();
    add(&mut f.store, "Ann");
    let made = f.store.backup(None, "manual").unwrap();
    assert!(made.path.ends_with("-manual.db"), "{made:?}");
    assert_eq!(made.schema, kith::store::schema_version());
    assert_eq!(kith::files::shared_bits(Path::new(&made.path)).unwrap(), 0);
    add(&mut f.store, "Bob");
    assert_eq!(contacts(&f.store), 2);

    let report = f.store.restore(Path::new(&made.path)).unwrap();
    assert_eq!(
        contacts(&f.store),
        1,
        "the database is as it was at the backup"
    );
    assert_eq!(report.previous.reason, "before-restore");
    // The app's connection sees it too, and the backup of the state before holds both.
    let other = Store::open(&f.path()).unwrap();
    assert_eq!(contacts(&other), 1);
    let mut before = Store::open(Path::new(&report.previous.path)).unwrap();
    assert_eq!(contacts(&before), 2);
    // Writes go on after a restore.
    add(&mut f.store, "Cy");
    assert_eq!(contacts(&f.store), 2);
    add(&mut before, "Dee");
}

#[test]
fn a_backup_to_a_named_file_and_the_folder_keeps_the_newest() {
    let mut f = Fixture::new();
    add(&mut f.store, "Ann");
    let out = f.dir.path().join("elsewhere.db");
    let made = f.store.backup(Some(&out), "manual").unwrap();
    assert_eq!(PathBuf::from(&made.path), out);
    assert!(f.store.backups().unwrap().is_empty(), "not in the folder");
    assert_eq!(contacts(&Store::open(&out).unwrap()), 1);

    f.store.set_backup_keep(3).unwrap();
    assert!(f.store.set_backup_keep(0).is_err(), "at least one is kept");
    for _ in 0..5 {
        f.store.backup(None, "manual").unwrap();
    }
    let kept = f.store.backups().unwrap();
    assert_eq!(kept.len(), 3);
    assert!(
        kept.windows(2).all(|w| w[0].created_at >= w[1].created_at),
        "newest first: {kept:?}"
    );
}

#[test]
fn imports_merges_and_undos_are_backed_up_first() {
    let mut f = Fixture::new();
    let file = f.dir.path().join("people.csv");
    std::fs::write(&file, "first_name,last_name\nAnn,Lee\nAnn,Lee\n").unwrap();
    let opts = ImportOptions {
        on_duplicate: import::OnDuplicate::Create,
        ..ImportOptions::default()
    };
    let report = import::run(
        &mut f.store,
        &file,
        Kind::Contact,
        &opts,
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(reasons(&f.store), ["before-import"]);
    let ids: Vec<String> = f
        .store
        .list_records(Kind::Contact, &kith::ListQuery::default())
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.id)
        .collect();
    f.store.merge_records(Kind::Contact, &ids).unwrap();
    assert_eq!(reasons(&f.store)[0], "before-merge");
    f.store
        .undo_import(report.batch.as_deref().unwrap())
        .unwrap();
    assert_eq!(reasons(&f.store)[0], "before-undo");
    // A dry run writes nothing, and backs nothing up.
    let dry = ImportOptions {
        dry_run: true,
        ..ImportOptions::default()
    };
    import::run(
        &mut f.store,
        &file,
        Kind::Contact,
        &dry,
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(f.store.backups().unwrap().len(), 3);
}

#[test]
fn an_earlier_schema_is_backed_up_before_it_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kith.db");
    // As Kith of schema 6 left it: its migrations, as released.
    let conn = rusqlite::Connection::open(&db).unwrap();
    for sql in [
        include_str!("../../src/store/migrations/0001_init.sql"),
        include_str!("../../src/store/migrations/0002_live_sort_indexes.sql"),
        include_str!("../../src/store/migrations/0003_import.sql"),
        include_str!("../../src/store/migrations/0004_customer_metric.sql"),
        include_str!("../../src/store/migrations/0005_field_review.sql"),
        include_str!("../../src/store/migrations/0006_customer_no.sql"),
    ] {
        conn.execute_batch(sql).unwrap();
    }
    conn.pragma_update(None, "user_version", 6).unwrap();
    drop(conn);
    let store = Store::open(&db).unwrap();
    let backups = store.backups().unwrap();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert_eq!(backups[0].reason, "before-migration");
    assert_eq!(
        backups[0].schema, 6,
        "the backup holds the schema as it was"
    );
    assert!(kith::store::schema_version() > 6);
    // Opening it again migrates nothing and backs nothing up.
    drop(store);
    assert_eq!(Store::open(&db).unwrap().backups().unwrap().len(), 1);
}

#[test]
fn a_foreign_damaged_newer_or_missing_file_is_refused_and_nothing_changes() {
    let mut f = Fixture::new();
    add(&mut f.store, "Ann");
    let dir = f.dir.path().to_path_buf();

    let foreign = dir.join("other.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x');")
        .unwrap();

    let text = dir.join("text.db");
    std::fs::write(&text, "First Name,Last Name\nAnn,Lee\n").unwrap();

    let newer = dir.join("newer.db");
    f.store.backup(Some(&newer), "manual").unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", kith::store::schema_version() + 1)
        .unwrap();

    // A backup with the first page of its contacts torn (a page picked by its place in the
    // file can be free space, which no check can tell from data).
    let damaged = dir.join("damaged.db");
    for i in 0..300 {
        add(&mut f.store, &format!("Filler {i}"));
    }
    f.store.backup(Some(&damaged), "manual").unwrap();
    let (root, page_size): (i64, i64) = {
        let conn = rusqlite::Connection::open(&damaged).unwrap();
        (
            conn.query_row(
                "SELECT rootpage FROM sqlite_master WHERE name = 'contact'",
                [],
                |r| r.get(0),
            )
            .unwrap(),
            conn.pragma_query_value(None, "page_size", |r| r.get(0))
                .unwrap(),
        )
    };
    let mut bytes = std::fs::read(&damaged).unwrap();
    let start = usize::try_from((root - 1) * page_size).unwrap();
    bytes[start..start + 4096].fill(0xA5);
    std::fs::write(&damaged, bytes).unwrap();

    let before = contacts(&f.store);
    let backups = f.store.backups().unwrap().len();
    for (file, says) in [
        (foreign, "not a Kith database"),
        (text, "not an SQLite file"),
        (damaged, "damaged"),
        (dir.join("missing.db"), "no such file"),
    ] {
        let err = f.store.restore(&file).unwrap_err();
        assert!(err.to_string().contains(says), "{}: {err}", file.display());
    }
    assert!(matches!(
        f.store.restore(&newer).unwrap_err(),
        Error::TooNew { .. }
    ));
    assert_eq!(contacts(&f.store), before, "nothing changed");
    assert_eq!(
        f.store.backups().unwrap().len(),
        backups,
        "no backup was made"
    );
}

#[test]
fn a_backup_with_other_pages_restores_into_this_database() {
    let mut f = Fixture::new();
    add(&mut f.store, "Ann");
    // A backup of a database made by an earlier Kith, with SQLite's 4 KiB pages.
    let old = f.dir.path().join("old.db");
    f.store.backup(Some(&old), "manual").unwrap();
    rusqlite::Connection::open(&old)
        .unwrap()
        .execute_batch("PRAGMA page_size = 4096; VACUUM;")
        .unwrap();
    let page: i64 = rusqlite::Connection::open(&old)
        .unwrap()
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    assert_eq!(page, 4096);
    add(&mut f.store, "Bob");
    f.store.restore(&old).unwrap();
    assert_eq!(contacts(&f.store), 1);
    assert_eq!(f.store.integrity_check().unwrap(), "ok");
}

#[test]
fn the_cli_backs_up_lists_and_restores() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kith.db");
    let json = |args: &[&str]| -> serde_json::Value {
        let mut all = args.to_vec();
        all.push("--json");
        let run = crate::kith(&db, &all);
        assert_eq!(run.code, 0, "kith {args:?}: {}", run.stderr);
        serde_json::from_str(&run.stdout).unwrap()
    };
    json(&["contact", "add", "--first-name", "Ann"]);
    let made = json(&["backup", "create"]);
    let path = made["path"].as_str().unwrap().to_string();
    assert!(Path::new(&path).is_file());
    json(&["contact", "add", "--first-name", "Bob"]);
    let listed = json(&["backup", "list"]);
    assert_eq!(listed["keep"], 10);
    assert_eq!(listed["backups"][0]["path"], path.as_str());
    let restored = json(&["backup", "restore", &path]);
    assert_eq!(restored["restored"]["path"], path.as_str());
    assert_eq!(restored["previous"]["reason"], "before-restore");
    let list = json(&["contact", "list"]);
    assert_eq!(list["total"], 1, "{list}");
    // A file that is no backup: a clear message, exit 2, nothing changed.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "not a database").unwrap();
    let run = crate::kith(&db, &["backup", "restore", junk.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("junk.db") && run.stderr.contains("not an SQLite file"));
    assert_eq!(json(&["contact", "list"])["total"], 1);
}

#[test]
fn the_app_restores_a_backup_by_its_name_in_the_folder_only() {
    let mut f = Fixture::new();
    add(&mut f.store, "Ann");
    let made = f.store.backup(None, "manual").unwrap();
    add(&mut f.store, "Bob");
    let outside = f.dir.path().join("kith-20260101-000000-000-manual.db");
    f.store.backup(Some(&outside), "manual").unwrap();
    for name in [
        "../kith-20260101-000000-000-manual.db",
        "/etc/passwd",
        "kith.db",
        "",
    ] {
        assert!(f.store.restore_named(name).is_err(), "{name:?} is refused");
    }
    assert_eq!(contacts(&f.store), 2);
    let name = Path::new(&made.path).file_name().unwrap().to_str().unwrap();
    f.store.restore_named(name).unwrap();
    assert_eq!(contacts(&f.store), 1);
    let list = f.store.backup_list().unwrap();
    assert_eq!(list.keep, kith::store::DEFAULT_BACKUP_KEEP);
    assert_eq!(list.backups.len(), 2);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Any name the app could send (arbitrary Unicode, separators, dots) is refused without a
    /// panic unless it is a backup of the folder, and nothing changes.
    #[test]
    fn restoring_by_an_arbitrary_name_never_panics_and_changes_nothing(name in "\\PC{0,40}") {
        let mut f = Fixture::new();
        add(&mut f.store, "Ann");
        proptest::prop_assert!(f.store.restore_named(&name).is_err());
        proptest::prop_assert_eq!(contacts(&f.store), 1);
    }
}
