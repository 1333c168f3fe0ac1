//! Opening databases: new, reopened, not SQLite, another program's, from a newer Kith.

use kith::{Error, Kind, Store};

use crate::{Fixture, input};

#[test]
fn reopening_keeps_data_device_and_a_forward_clock() {
    let f = Fixture::new();
    let path = f.path();
    let (device, clock) = {
        let mut s = Store::open(&path).unwrap();
        let c = s
            .create_record(Kind::Contact, &input(&[("first_name", "A")]))
            .unwrap();
        (s.device().to_string(), c.updated_at)
    };
    let mut s = Store::open(&path).unwrap();
    assert_eq!(s.device(), device, "the device id is stable");
    let c = s
        .create_record(Kind::Contact, &input(&[("first_name", "B")]))
        .unwrap();
    assert!(
        c.updated_at > clock,
        "clock moves forward across reopen: {} > {clock}",
        c.updated_at
    );
    assert_eq!(s.integrity_check().unwrap(), "ok");
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    let bytes = b"Name,Email\nAda,ada@example.com\n".repeat(100);
    std::fs::write(&path, &bytes).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, Error::NotADatabase { .. }), "{err}");
    assert!(
        err.to_string().contains("notes.db"),
        "the message names the file: {err}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "the file is byte-for-byte unchanged"
    );
}

#[test]
fn another_programs_sqlite_database_is_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');")
            .unwrap();
    }
    let bytes = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert!(err.to_string().contains("another program"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn a_database_from_a_newer_kith_is_refused_and_untouched() {
    let f = Fixture::new();
    let path = f.path();
    drop(f.store);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let bytes = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, Error::TooNew { found: 99, .. }), "{err}");
    assert!(err.to_string().contains("newer Kith"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn a_failed_write_rolls_back_everything_in_it() {
    let mut f = Fixture::new();
    let before = f.store.change_count().unwrap();
    let result = f.store.write(|w| {
        w.create(Kind::Contact, &input(&[("first_name", "kept?")]))?;
        w.create(Kind::Contact, &input(&[("email", "bad")]))
    });
    assert!(result.is_err());
    assert_eq!(
        f.store.counts().unwrap()[0],
        (Kind::Contact, 0),
        "the first create was rolled back"
    );
    assert_eq!(f.store.change_count().unwrap(), before);
}

#[test]
fn every_kind_field_is_a_column_of_its_table() {
    let f = Fixture::new();
    let conn = rusqlite::Connection::open(f.path()).unwrap();
    for kind in Kind::ALL {
        let def = kind.def();
        let mut stmt = conn
            .prepare(&format!(
                "SELECT name FROM pragma_table_info('{}')",
                def.table
            ))
            .unwrap();
        let cols: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for field in def.fields {
            assert!(
                cols.iter().any(|c| c == field.name),
                "{}.{} is a column",
                def.table,
                field.name
            );
        }
    }
}

#[test]
fn a_database_of_every_older_schema_version_migrates_with_its_data() {
    // Each released migration, in order; a database left at version N is opened by this
    // build and must come up to the latest version with its rows intact.
    let migrations = [
        include_str!("../../src/store/migrations/0001_init.sql"),
        include_str!("../../src/store/migrations/0002_live_sort_indexes.sql"),
        include_str!("../../src/store/migrations/0003_import.sql"),
        include_str!("../../src/store/migrations/0004_customer_metric.sql"),
        include_str!("../../src/store/migrations/0005_field_review.sql"),
        include_str!("../../src/store/migrations/0006_customer_no.sql"),
        include_str!("../../src/store/migrations/0007_import_speed.sql"),
        include_str!("../../src/store/migrations/0008_compact_tagging.sql"),
        include_str!("../../src/store/migrations/0009_search_without_doc.sql"),
        include_str!("../../src/store/migrations/0010_task_time_priority.sql"),
        include_str!("../../src/store/migrations/0011_ticket_queue.sql"),
        include_str!("../../src/store/migrations/0012_campaign_attribution.sql"),
        include_str!("../../src/store/migrations/0013_deal_stages.sql"),
        include_str!("../../src/store/migrations/0014_saved_views.sql"),
        include_str!("../../src/store/migrations/0015_import_row_code.sql"),
        include_str!("../../src/store/migrations/0016_field_review_code.sql"),
    ];
    assert_eq!(
        migrations.len() as i64,
        kith::store::schema_version(),
        "list every migration here"
    );
    for version in 1..migrations.len() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let conn = rusqlite::Connection::open(&path).unwrap();
            for sql in &migrations[..version] {
                conn.execute_batch(sql).unwrap();
            }
            conn.pragma_update(None, "user_version", version as i64)
                .unwrap();
            // Tickets as each version named their statuses: open and pending before 11.
            let (open, pending) = if version < 11 {
                ("open", "pending")
            } else {
                ("new", "waiting")
            };
            conn.execute_batch(&format!(
                "INSERT INTO meta (key, value) VALUES ('device_id', 'olddevice0001');
                 INSERT INTO contact (id, created_at, updated_at, updated_by, first_name)
                 VALUES ('c1', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00.000Z-0000-olddevice0001',
                         'olddevice0001', 'Old');
                 INSERT INTO ticket (id, created_at, updated_at, updated_by, subject, status)
                 VALUES ('k1', '2025-01-01', '2025-01-01', 'olddevice0001', 'Broken', '{open}'),
                        ('k2', '2025-01-01', '2025-01-01', 'olddevice0001', 'Late', '{pending}'),
                        ('k3', '2025-01-01', '2025-01-01', 'olddevice0001', 'Done', 'resolved');
",
            ))
            .unwrap();
            // The change log as each version kept it: the write header on every row before
            // version 3, in `change_set` from then on.
            let log = if version < 3 {
                "INSERT INTO change_log (entity, entity_id, field, old, new, clock, at, device, origin)
                 VALUES ('contact', 'c1', 'first_name', NULL, 'Old',
                         '2025-01-01T00:00:00.000Z-0000-olddevice0001', '2025-01-01T00:00:00.000Z',
                         'olddevice0001', 'cli');"
            } else {
                "INSERT INTO change_set (id, clock, at, device, origin)
                 VALUES (1, '2025-01-01T00:00:00.000Z-0000-olddevice0001',
                         '2025-01-01T00:00:00.000Z', 'olddevice0001', 'cli');
                 INSERT INTO change_log (set_id, entity, entity_id, field, old, new)
                 VALUES (1, 'contact', 'c1', 'first_name', NULL, 'Old');"
            };
            conn.execute_batch(log).unwrap();
            // A batch's skipped row as versions 3 to 14 kept it: its English reason, no code.
            if version >= 3 {
                conn.execute_batch(
                    "INSERT INTO import_batch (id, kind, file, started_at, status)
                     VALUES ('b1', 'contact', 'old.csv', '2025-01-01T00:00:00Z', 'done');
                     INSERT INTO import_row (batch_id, line, outcome, reason, cells)
                     VALUES ('b1', 7, 'skipped', 'total row', '[\"Total\",\"3\"]');",
                )
                .unwrap();
            }
            // Search as versions before 9 kept it: a document row and a full-text row under
            // the document's rowid (here with a word the record does not have). From 9 on, a
            // full-text row under the record's rowid, left stale with the rebuild the
            // migration to 9 asks for still to come.
            let search = if version < 9 {
                "INSERT INTO search_doc (rowid, kind, entity_id, title, subtitle, name_key)
                 VALUES (1, 'contact', 'c1', 'Old', '', 'old');
                 INSERT INTO search_fts (rowid, name, email, phone, company, body, short)
                 VALUES (1, 'Old Stale', '', '', '', '', '');"
            } else {
                "INSERT INTO search_fts (rowid, name, email, phone, company, body, short)
                 VALUES ((SELECT rowid FROM contact WHERE id = 'c1') << 2, 'Old Stale', '', '',
                         '', '', '');
                 INSERT OR REPLACE INTO meta (key, value) VALUES ('search_rebuild', '1');"
            };
            conn.execute_batch(search).unwrap();
            // Taggings as versions before 8 kept them: a new row each time a tag was added
            // again, beside the removed one's tombstone; from 8 on, one row per pair.
            let taggings = if version < 8 {
                "INSERT INTO tagging (id, created_at, updated_at, updated_by, deleted_at, tag_id,
                                      entity_kind, entity_id) VALUES
                   ('g1', '2025-01-01', '2025-01-02', 'olddevice0001', '2025-01-02', 't1', 'contact', 'c1'),
                   ('g2', '2025-01-03', '2025-01-03', 'olddevice0001', NULL, 't1', 'contact', 'c1'),
                   ('g3', '2025-01-01', '2025-01-04', 'olddevice0001', '2025-01-04', 't2', 'contact', 'c1'),
                   ('g4', '2025-01-05', '2025-01-06', 'olddevice0001', '2025-01-06', 't2', 'contact', 'c1');"
            } else {
                "INSERT INTO tagging (entity_id, tag_id, updated_at, updated_by, deleted_at,
                                      entity_kind) VALUES
                   ('c1', 't1', '2025-01-03', 'olddevice0001', NULL, 'contact'),
                   ('c1', 't2', '2025-01-06', 'olddevice0001', '2025-01-06', 'contact');"
            };
            conn.execute_batch(&format!(
                "INSERT INTO tag (id, created_at, updated_at, updated_by, name) VALUES
                   ('t1', '2025-01-01', '2025-01-01', 'olddevice0001', 'VIP'),
                   ('t2', '2025-01-01', '2025-01-01', 'olddevice0001', 'Lapsed');
                 {taggings}"
            ))
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        if version >= 3 {
            let kept = store.import_rows("b1").unwrap();
            assert_eq!(
                (kept[0].reason.as_str(), &kept[0].code, &kept[0].cells),
                (
                    "total row",
                    &None,
                    &vec!["Total".to_string(), "3".to_string()]
                ),
                "a row kept before codes were stored keeps its English, with no code, from \
                 version {version}"
            );
        }
        let version_now: i64 = rusqlite::Connection::open(&path)
            .unwrap()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(
            version_now,
            kith::store::schema_version(),
            "from version {version}"
        );
        let c = store.get_record(Kind::Contact, "c1").unwrap();
        assert_eq!(
            c.title, "Old",
            "rows survive the migration from version {version}"
        );
        assert_eq!(store.device(), "olddevice0001");
        let titles = |q: &str| -> Vec<String> {
            store
                .search(q, 10, None)
                .unwrap()
                .into_iter()
                .map(|h| h.title)
                .collect()
        };
        assert_eq!(titles("old"), ["Old"], "from version {version}");
        assert_eq!(titles("o"), ["Old"], "from version {version}");
        assert!(
            titles("stale").is_empty(),
            "the old index is rebuilt from the records, from version {version}"
        );
        assert_eq!(c.tags, ["VIP"], "from version {version}");
        let rows: Vec<(String, String, Option<String>)> = rusqlite::Connection::open(&path)
            .unwrap()
            .prepare("SELECT tag_id, updated_at, deleted_at FROM tagging ORDER BY tag_id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            rows,
            [
                ("t1".to_string(), "2025-01-03".to_string(), None),
                (
                    "t2".to_string(),
                    "2025-01-06".to_string(),
                    Some("2025-01-06".to_string())
                ),
            ],
            "one row per record and tag: the live one, else the latest tombstone"
        );
        let status =
            |id: &str| store.get_record(Kind::Ticket, id).unwrap().values["status"].clone();
        assert_eq!(
            [status("k1"), status("k2"), status("k3")],
            ["new", "waiting", "resolved"].map(|s| kith::model::Value::Text(s.into())),
            "the first queue's open and pending are today's new and waiting, from version {version}"
        );
        let h = store.history("c1").unwrap();
        assert_eq!(
            h.len(),
            1,
            "the change log survives the migration from version {version}"
        );
        assert_eq!(
            (
                h[0].field.as_str(),
                h[0].origin.as_str(),
                h[0].device.as_str()
            ),
            ("first_name", "cli", "olddevice0001")
        );
    }
}
