//! The import pipeline end to end on real files and a real database: outcomes and counts,
//! dry runs, duplicates, links, order lines, cancel, rejects, undo, merge and export round trips.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use kith::export::{self, ExportFormat, ExportOptions};
use kith::import::{self, ImportOptions, ImportReport, MatchBy, OnDuplicate, Outcome, UndoReason};
use kith::{Error, Kind, ListQuery, Store};

use crate::{Fixture, input};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn import_with(store: &mut Store, path: &Path, kind: Kind, opts: &ImportOptions) -> ImportReport {
    import::run(
        store,
        path,
        kind,
        opts,
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .unwrap_or_else(|e| panic!("import of {} failed: {e}", path.display()))
}

fn import_file(store: &mut Store, path: &Path, kind: Kind) -> ImportReport {
    import_with(store, path, kind, &ImportOptions::default())
}

fn all(store: &Store, kind: Kind) -> Vec<kith::EntityRecord> {
    let q = ListQuery {
        limit: 1000,
        ..ListQuery::default()
    };
    store.list_records(kind, &q).unwrap().rows
}

fn outcome_of(report: &ImportReport, line: u64) -> (Outcome, String) {
    let r = report
        .rows
        .iter()
        .find(|r| r.line == line)
        .unwrap_or_else(|| panic!("line {line} is listed in {:#?}", report.rows));
    (r.outcome, r.reason.text.clone())
}

const MIXED: &str = "first_name,last_name,email,company,tags,Shoe size
Anna,Berg,anna@example.com,Acme GmbH,\"vip, de\",38
Bob,Stone,bob@example.com,acme gmbh,,
Anna,Berg,ANNA@example.com,,,39
,,,,,
,,not-an-email,,,
";

#[test]
fn every_row_is_accounted_for_with_a_reason() {
    let mut f = Fixture::new();
    let path = write(f.dir.path(), "mixed.csv", MIXED);
    let r = import_file(&mut f.store, &path, Kind::Contact);
    let c = r.counts;
    assert_eq!(
        (
            c.rows, c.created, c.updated, c.merged, c.skipped, c.rejected
        ),
        (5, 2, 0, 1, 1, 1)
    );
    assert!(c.adds_up());
    let (o, why) = outcome_of(&r, 4);
    assert_eq!(o, Outcome::Merged);
    assert!(why.contains("line 2") && why.contains("email"), "{why}");
    assert_eq!(outcome_of(&r, 5).0, Outcome::Skipped);
    let (o, why) = outcome_of(&r, 6);
    assert_eq!(o, Outcome::Rejected);
    assert!(
        why.contains("email") && why.contains("not-an-email"),
        "{why}"
    );
    assert_eq!(
        r.rows.iter().find(|x| x.line == 6).unwrap().cells[2],
        "not-an-email"
    );
    // Both contacts link to one company, found case-insensitively after it was created.
    let companies = all(&f.store, Kind::Company);
    assert_eq!(companies.len(), 1);
    assert_eq!(r.linked.len(), 1);
    let contacts = all(&f.store, Kind::Contact);
    assert_eq!(contacts.len(), 2);
    let anna = contacts
        .iter()
        .find(|c| c.text("email").as_deref() == Some("anna@example.com"))
        .unwrap();
    assert_eq!(
        anna.custom.get("Shoe size").map(String::as_str),
        Some("39"),
        "the later row wins"
    );
    assert_eq!(anna.tags, vec!["de", "vip"]);
    // Kept rows are stored with the batch for "save rejected rows" later.
    let kept = f.store.import_rows(r.batch.as_deref().unwrap()).unwrap();
    assert_eq!(kept.iter().map(|k| k.line).collect::<Vec<_>>(), vec![5, 6]);
}

#[test]
fn a_dry_run_reports_the_same_and_writes_nothing() {
    let mut f = Fixture::new();
    let path = write(f.dir.path(), "mixed.csv", MIXED);
    let before = std::fs::read(f.path()).unwrap();
    let changes = f.store.change_count().unwrap();
    let dry = import_with(
        &mut f.store,
        &path,
        Kind::Contact,
        &ImportOptions {
            dry_run: true,
            ..ImportOptions::default()
        },
    );
    assert!(dry.batch.is_none());
    assert_eq!(f.store.change_count().unwrap(), changes);
    assert!(all(&f.store, Kind::Contact).is_empty());
    assert!(f.store.import_batches().unwrap().is_empty());
    assert_eq!(std::fs::read(f.path()).unwrap().len(), before.len());
    let real = import_file(&mut f.store, &path, Kind::Contact);
    assert_eq!(dry.counts, real.counts);
    let reasons = |r: &ImportReport| {
        r.rows
            .iter()
            .map(|x| (x.line, x.outcome))
            .collect::<Vec<_>>()
    };
    assert_eq!(reasons(&dry), reasons(&real));
}

#[test]
fn importing_the_same_file_again_creates_no_duplicates() {
    let mut f = Fixture::new();
    let path = write(
        f.dir.path(),
        "c.csv",
        "first_name,last_name,email,phone\nAnna,Berg,anna@example.com,\nBob,Stone,,+4930123456\nCara,Diaz,,\n",
    );
    import_file(&mut f.store, &path, Kind::Contact);
    let again = import_file(&mut f.store, &path, Kind::Contact);
    assert_eq!(again.counts.created, 0);
    assert_eq!(again.counts.skipped, 3, "{:#?}", again.rows);
    let by: Vec<MatchBy> = again
        .rows
        .iter()
        .map(|r| r.matched.as_ref().unwrap().by)
        .collect();
    assert_eq!(by, vec![MatchBy::Email, MatchBy::Phone, MatchBy::Name]);
    assert_eq!(all(&f.store, Kind::Contact).len(), 3);
}

#[test]
fn the_duplicate_policy_and_per_row_overrides_decide() {
    let mut f = Fixture::new();
    f.store
        .create_record(
            Kind::Contact,
            &input(&[("first_name", "Anna"), ("email", "anna@example.com")]),
        )
        .unwrap();
    let path = write(
        f.dir.path(),
        "c.csv",
        "first_name,email,city\nAnna,anna@example.com,Berlin\nAnna,ANNA@example.com,Bonn\n",
    );
    let skip = import_with(
        &mut f.store,
        &path,
        Kind::Contact,
        &ImportOptions {
            on_duplicate: OnDuplicate::Skip,
            overrides: vec![import::RowOverride {
                line: 3,
                action: Some(OnDuplicate::Create),
                ..Default::default()
            }],
            ..ImportOptions::default()
        },
    );
    assert_eq!((skip.counts.skipped, skip.counts.created), (1, 1));
    assert!(outcome_of(&skip, 2).1.starts_with("duplicate of 'Anna'"));
    assert_eq!(all(&f.store, Kind::Contact).len(), 2);
    let merge = import_file(&mut f.store, &path, Kind::Contact);
    assert_eq!(merge.counts.updated, 2, "{:#?}", merge.rows);
}

#[test]
fn a_similar_name_at_the_same_company_is_a_duplicate_with_a_score() {
    let mut f = Fixture::new();
    let acme = f
        .store
        .create_record(Kind::Company, &input(&[("name", "Acme")]))
        .unwrap();
    f.store
        .create_record(
            Kind::Contact,
            &input(&[
                ("first_name", "Jonathan"),
                ("last_name", "Smith"),
                ("company_id", &acme.id),
            ]),
        )
        .unwrap();
    let path = write(
        f.dir.path(),
        "c.csv",
        "first_name,last_name,company\nJonathon,Smith,ACME\nJonathon,Smith,Other Ltd\nMaria,Smith,Acme\n",
    );
    let r = import_with(
        &mut f.store,
        &path,
        Kind::Contact,
        &ImportOptions {
            on_duplicate: OnDuplicate::Skip,
            ..ImportOptions::default()
        },
    );
    let m = r
        .rows
        .iter()
        .find(|x| x.line == 2)
        .unwrap()
        .matched
        .clone()
        .unwrap();
    assert_eq!(m.by, MatchBy::Name);
    assert!((90..100).contains(&m.score), "score {}", m.score);
    assert_eq!(
        r.counts.created, 2,
        "another company or another first name is another person"
    );
}

#[test]
fn order_rows_with_one_number_become_one_order_with_lines() {
    let mut f = Fixture::new();
    let path = write(
        f.dir.path(),
        "orders.csv",
        "number,ordered_on,contact,line.product,line.quantity,line.unit_price\n\
         1001,2026-01-05,li@example.cn,Green tea,2,10.50\n\
         1001,2026-01-05,li@example.cn,Oolong,1,20\n\
         1002,2026-01-06,Wang Fang,Green tea,1,10.50\n",
    );
    let r = import_file(&mut f.store, &path, Kind::Order);
    assert_eq!((r.counts.created, r.counts.merged), (2, 1), "{:#?}", r.rows);
    let orders = all(&f.store, Kind::Order);
    let first = orders
        .iter()
        .find(|o| o.text("number").as_deref() == Some("1001"))
        .unwrap();
    assert_eq!(first.values["total"], kith::Value::Real(41.0));
    assert_eq!(all(&f.store, Kind::Product).len(), 2);
    assert_eq!(
        all(&f.store, Kind::Contact).len(),
        2,
        "contacts created by email and by name"
    );
    // Importing again adds no lines twice.
    let again = import_file(&mut f.store, &path, Kind::Order);
    assert_eq!(again.counts.created, 0);
    assert_eq!(all(&f.store, Kind::OrderLine).len(), 3);
}

#[test]
fn a_cancelled_import_leaves_the_database_as_it_was() {
    let mut f = Fixture::new();
    let mut text = String::from("first_name,email\n");
    for i in 0..3000 {
        text.push_str(&format!("P{i},p{i}@example.com\n"));
    }
    let path = write(f.dir.path(), "big.csv", &text);
    let cancel = AtomicBool::new(false);
    let changes = f.store.change_count().unwrap();
    let err = import::run(
        &mut f.store,
        &path,
        Kind::Contact,
        &ImportOptions::default(),
        &mut |p| {
            if p.rows > 0 {
                cancel.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        },
        &cancel,
    );
    // Progress may not have fired before the end on a fast machine; either way nothing half-done.
    match err {
        Err(Error::Cancelled) => {
            assert!(all(&f.store, Kind::Contact).is_empty());
            assert_eq!(f.store.change_count().unwrap(), changes);
            assert!(f.store.import_batches().unwrap().is_empty());
        }
        Ok(r) => assert_eq!(r.counts.created, 3000),
        Err(e) => panic!("unexpected {e}"),
    }
    let cancel = AtomicBool::new(true);
    let err = import::run(
        &mut f.store,
        &path,
        Kind::Contact,
        &ImportOptions::default(),
        &mut |_| {},
        &cancel,
    );
    assert!(matches!(err, Err(Error::Cancelled)));
}

#[test]
fn rejected_rows_saved_fixed_and_imported_again_complete_the_import() {
    let mut f = Fixture::new();
    let path = write(f.dir.path(), "mixed.csv", MIXED);
    let rejects = f.dir.path().join("rejects.csv");
    let r = import_with(
        &mut f.store,
        &path,
        Kind::Contact,
        &ImportOptions {
            rejects: Some(rejects.clone()),
            ..ImportOptions::default()
        },
    );
    let text = std::fs::read_to_string(&rejects).unwrap();
    assert!(
        text.starts_with(
            "first_name,last_name,email,company,tags,Shoe size,kith_line,kith_reason\n"
        )
    );
    assert!(text.contains("\n,,not-an-email,,,,6,"), "{text}");
    // The same file from the batch, later.
    let later = f.dir.path().join("later.csv");
    let batch = r.batch.unwrap();
    let details: serde_json::Value =
        serde_json::from_str(&f.store.import_batch_details(&batch).unwrap()).unwrap();
    let headers: Vec<String> = serde_json::from_value(details["headers"].clone()).unwrap();
    import::write_rows_csv(&later, &headers, &f.store.import_rows(&batch).unwrap()).unwrap();
    assert_eq!(std::fs::read_to_string(&later).unwrap(), text);
    // Fix the email in a spreadsheet, import again: the bookkeeping columns are ignored.
    std::fs::write(&rejects, text.replace("not-an-email", "carl@example.com")).unwrap();
    let again = import_file(&mut f.store, &rejects, Kind::Contact);
    assert_eq!((again.counts.created, again.counts.skipped), (1, 1));
    let ignored: Vec<&str> = again
        .mapping
        .iter()
        .filter(|c| c.target == "ignore")
        .map(|c| c.header.as_str())
        .collect();
    assert_eq!(ignored, vec!["kith_line", "kith_reason"]);
    assert!(
        all(&f.store, Kind::Contact)
            .iter()
            .all(|c| !c.custom.contains_key("kith_reason"))
    );
}

#[test]
fn undo_removes_what_an_import_created_and_restores_what_it_changed() {
    let mut f = Fixture::new();
    let old = f
        .store
        .create_record(
            Kind::Contact,
            &input(&[
                ("first_name", "Anna"),
                ("email", "anna@example.com"),
                ("city", "Bonn"),
            ]),
        )
        .unwrap();
    let path = write(
        f.dir.path(),
        "c.csv",
        "first_name,email,city,tags\nAnna,anna@example.com,Berlin,imported\nBob,bob@example.com,Köln,\nCara,cara@example.com,Wien,\n",
    );
    let r = import_file(&mut f.store, &path, Kind::Contact);
    assert_eq!((r.counts.created, r.counts.updated), (2, 1));
    let batch = r.batch.unwrap();
    // After the import the user edits Cara; her record must survive the undo.
    let cara = all(&f.store, Kind::Contact)
        .into_iter()
        .find(|c| c.text("first_name").as_deref() == Some("Cara"))
        .unwrap();
    f.store
        .update_record(Kind::Contact, &cara.id, &input(&[("city", "Graz")]))
        .unwrap();
    let undo = f.store.undo_import(&batch).unwrap();
    assert_eq!(undo.removed, 1, "{undo:#?}");
    assert_eq!(undo.restored_records, 1);
    assert_eq!(undo.kept.len(), 1);
    assert!(undo.kept[0].reason.text.contains("edited after the import"));
    assert_eq!(
        undo.kept[0].reason.code,
        UndoReason::EditedLater,
        "the window says why Cara was kept by this code, in its own language"
    );
    let anna = f.store.get_record(Kind::Contact, &old.id).unwrap();
    assert_eq!(anna.text("city").as_deref(), Some("Bonn"));
    assert!(anna.tags.is_empty());
    let live: Vec<String> = all(&f.store, Kind::Contact)
        .iter()
        .map(|c| c.title.clone())
        .collect();
    assert_eq!(live.len(), 2, "{live:?}");
    assert_eq!(f.store.import_batch(&batch).unwrap().status, "undone");
    let again = f.store.undo_import(&batch);
    let Err(Error::Validation { issues }) = again else {
        panic!("an import undone twice is refused: {again:?}")
    };
    assert!(
        matches!(&issues[0].code, Some(kith::IssueCode::AlreadyUndone { batch: b, .. }) if *b == batch),
        "coded, for the window to say in its language: {issues:?}"
    );
    // History tells the story.
    let h = f.store.history(&old.id).unwrap();
    assert!(
        h.iter()
            .any(|c| c.origin == format!("undo:{batch}") && c.field == "city")
    );
}

#[test]
fn undo_keeps_a_field_changed_after_the_import() {
    let mut f = Fixture::new();
    let old = f
        .store
        .create_record(
            Kind::Contact,
            &input(&[
                ("email", "a@example.com"),
                ("city", "Bonn"),
                ("job_title", "CEO"),
            ]),
        )
        .unwrap();
    let path = write(
        f.dir.path(),
        "c.csv",
        "email,city,job_title\na@example.com,Berlin,CTO\n",
    );
    let batch = import_file(&mut f.store, &path, Kind::Contact)
        .batch
        .unwrap();
    f.store
        .update_record(Kind::Contact, &old.id, &input(&[("city", "Paris")]))
        .unwrap();
    let undo = f.store.undo_import(&batch).unwrap();
    let now = f.store.get_record(Kind::Contact, &old.id).unwrap();
    assert_eq!(
        now.text("city").as_deref(),
        Some("Paris"),
        "the later edit is kept"
    );
    assert_eq!(
        now.text("job_title").as_deref(),
        Some("CEO"),
        "the import's change is undone"
    );
    assert!(undo.kept.iter().any(|k| {
        k.reason
            .text
            .starts_with("city was changed after the import")
    }));
    assert!(
        undo.kept.iter().any(|k| k.reason.code
            == UndoReason::FieldChangedLater {
                kind: Kind::Contact,
                field: "city".into(),
            }),
        "the field kept is named in the code, for the window to say by its label: {:?}",
        undo.kept
    );
}

#[test]
fn merging_keeps_every_value_and_moves_everything_over() {
    let mut f = Fixture::new();
    let a = f
        .store
        .create_record(
            Kind::Contact,
            &input(&[
                ("first_name", "Anna"),
                ("email", "anna@example.com"),
                ("city", "Bonn"),
            ]),
        )
        .unwrap();
    let b = f
        .store
        .create_record(
            Kind::Contact,
            &input(&[
                ("first_name", "Anna"),
                ("email", "anna.b@example.com"),
                ("phone", "+49 30 1234"),
                ("city", "Köln"),
                ("custom.Shoe size", "38"),
            ]),
        )
        .unwrap();
    f.store.tag_record(Kind::Contact, &b.id, "vip").unwrap();
    let act = f
        .store
        .create_record(
            Kind::Activity,
            &input(&[("kind", "call"), ("subject", "Hi"), ("contact_id", &b.id)]),
        )
        .unwrap();
    let report = f
        .store
        .merge_records(Kind::Contact, &[a.id.clone(), b.id.clone()])
        .unwrap();
    let w = report.winner;
    assert_eq!(
        w.text("email").as_deref(),
        Some("anna@example.com"),
        "the winner's fields win"
    );
    assert_eq!(
        w.text("phone").as_deref(),
        Some("+49301234"),
        "missing ones are filled"
    );
    assert_eq!(w.custom.get("Shoe size").map(String::as_str), Some("38"));
    assert_eq!(w.tags, vec!["vip"]);
    assert_eq!(report.moved, 1);
    let moved = f.store.get_record(Kind::Activity, &act.id).unwrap();
    assert_eq!(moved.text("contact_id").as_deref(), Some(a.id.as_str()));
    assert!(
        f.store
            .get_record(Kind::Contact, &b.id)
            .unwrap()
            .deleted_at
            .is_some()
    );
    let h = f.store.history(&a.id).unwrap();
    let note = h
        .iter()
        .find(|c| c.field == "merged_from")
        .expect("merge noted in history");
    let text = note.new.to_text().unwrap();
    assert!(
        text.contains("Köln") && text.contains("anna.b@example.com"),
        "{text}"
    );
    assert!(
        f.store
            .merge_records(Kind::Contact, std::slice::from_ref(&a.id))
            .is_err()
    );
}

#[test]
fn the_duplicate_finder_groups_by_email_phone_and_name() {
    let mut f = Fixture::new();
    for pairs in [
        vec![("first_name", "Anna"), ("email", "anna@example.com")],
        vec![("first_name", "Ann"), ("email", "ANNA@example.com")],
        vec![("first_name", "Bob"), ("phone", "+49 30 123456")],
        vec![("first_name", "Robert"), ("phone", "+49 (30) 123-456")],
        vec![("first_name", "Cara"), ("last_name", "Diaz")],
        vec![("first_name", "cara"), ("last_name", "díaz")],
        vec![("first_name", "Dan"), ("last_name", "Diaz")],
    ] {
        f.store
            .create_record(Kind::Contact, &input(&pairs))
            .unwrap();
    }
    let groups = f.store.find_duplicates(Kind::Contact).unwrap();
    let shape: Vec<(MatchBy, usize)> = groups.iter().map(|g| (g.by, g.records.len())).collect();
    assert_eq!(
        shape,
        vec![(MatchBy::Email, 2), (MatchBy::Phone, 2), (MatchBy::Name, 2)]
    );
    assert!(f.store.find_duplicates(Kind::Deal).is_err());
}

#[test]
fn an_export_imported_again_gives_back_the_same_values() {
    let mut f = Fixture::new();
    let acme = f
        .store
        .create_record(Kind::Company, &input(&[("name", "茶叶 GmbH")]))
        .unwrap();
    let tricky = [
        ("first_name", "=HYPERLINK(\"x\")"),
        ("last_name", "李"),
        ("email", "li@example.cn"),
        ("phone", "+86 138 0000 1111"),
        ("notes", "-5 then @here\nsecond line, with \"quotes\""),
        ("company_id", acme.id.as_str()),
        ("custom.Code", "'=not a formula"),
    ];
    let rec = f
        .store
        .create_record(Kind::Contact, &input(&tricky))
        .unwrap();
    f.store
        .tag_record(Kind::Contact, &rec.id, "老客户")
        .unwrap();
    let out = f.dir.path().join("contacts.csv");
    let summary = export::export(
        &f.store,
        Kind::Contact,
        &out,
        &ExportOptions {
            bom: true,
            ..ExportOptions::default()
        },
    )
    .unwrap();
    assert_eq!(summary.records, 1);
    let raw = std::fs::read(&out).unwrap();
    assert!(raw.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8_lossy(&raw);
    assert!(
        text.contains("'=HYPERLINK") && text.contains("'+8613800001111") && text.contains("''=not"),
        "{text}"
    );
    // Into a fresh database: the same values, the company linked by name.
    let mut g = Fixture::new();
    let r = import_file(&mut g.store, &out, Kind::Contact);
    assert_eq!(r.counts.created, 1, "{:#?}", r.rows);
    let copy = &all(&g.store, Kind::Contact)[0];
    for (field, _) in tricky
        .iter()
        .filter(|(f, _)| *f != "company_id" && !f.starts_with("custom."))
    {
        assert_eq!(copy.text(field), rec.text(field), "{field}");
    }
    assert_eq!(
        copy.text("first_name").as_deref(),
        Some("=HYPERLINK(\"x\")")
    );
    assert_eq!(
        copy.custom.get("Code").map(String::as_str),
        Some("'=not a formula")
    );
    assert_eq!(
        copy.refs.get("company_id").map(String::as_str),
        Some("茶叶 GmbH")
    );
    assert_eq!(copy.tags, vec!["老客户"]);
    // Into the same database: matched by id, nothing changes.
    let same = import_file(&mut f.store, &out, Kind::Contact);
    assert_eq!(same.counts.skipped, 1);
    assert_eq!(same.rows[0].matched.as_ref().unwrap().by, MatchBy::Id);
}

#[test]
fn exports_write_xlsx_and_vcard_and_refuse_what_they_cannot_hold() {
    let mut f = Fixture::new();
    f.store
        .create_record(
            Kind::Contact,
            &input(&[
                ("first_name", "Ming"),
                ("last_name", "李"),
                ("email", "li@example.cn"),
            ]),
        )
        .unwrap();
    let xlsx = f.dir.path().join("c.xlsx");
    let s = export::export(
        &f.store,
        Kind::Contact,
        &xlsx,
        &ExportOptions {
            format: ExportFormat::Xlsx,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(s.records, 1);
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    let vcf = f.dir.path().join("c.vcf");
    export::export(
        &f.store,
        Kind::Contact,
        &vcf,
        &ExportOptions {
            format: ExportFormat::Vcf,
            ..Default::default()
        },
    )
    .unwrap();
    let card = std::fs::read_to_string(&vcf).unwrap();
    assert!(card.starts_with("BEGIN:VCARD\r\nVERSION:3.0\r\n"), "{card}");
    assert!(
        card.contains("N:李;Ming;;;\r\n") && card.contains("EMAIL;TYPE=INTERNET:li@example.cn")
    );
    let err = export::export(
        &f.store,
        Kind::Deal,
        &vcf,
        &ExportOptions {
            format: ExportFormat::Vcf,
            ..Default::default()
        },
    );
    assert!(matches!(err, Err(Error::Validation { .. })));
    assert_eq!(
        std::fs::read_to_string(&vcf).unwrap(),
        card,
        "a refused export leaves the file alone"
    );
}

#[test]
fn deals_start_as_leads_and_take_the_currency_their_amount_names() {
    let mut f = Fixture::new();
    let path = write(
        f.dir.path(),
        "deals.csv",
        "Deal Name;Amount;Company\nTea contract;\"€1.234,50\";Acme\nSmall one;￥980;茶叶公司\n",
    );
    let r = import_file(&mut f.store, &path, Kind::Deal);
    assert_eq!(r.counts.created, 2, "{:#?}", r.rows);
    let deals = all(&f.store, Kind::Deal);
    let by = |t: &str| deals.iter().find(|d| d.title == t).unwrap().clone();
    let tea = by("Tea contract");
    assert_eq!(tea.text("stage").as_deref(), Some("lead"));
    assert_eq!(tea.values["value"], kith::Value::Real(1234.5));
    assert_eq!(tea.text("currency").as_deref(), Some("EUR"));
    assert_eq!(by("Small one").text("currency").as_deref(), Some("CNY"));
    assert_eq!(all(&f.store, Kind::Company).len(), 2);
}

#[test]
fn xlsx_and_vcard_exports_import_back_the_same_contacts() {
    let mut f = Fixture::new();
    let acme = f
        .store
        .create_record(Kind::Company, &input(&[("name", "Müller & Söhne GmbH")]))
        .unwrap();
    let fields = [
        ("first_name", "Jürgen"),
        ("last_name", "Müller"),
        ("email", "j.mueller@example.de"),
        ("phone", "+49 30 12345678"),
        ("city", "Berlin"),
        ("job_title", "Einkäufer, Leitung"),
        ("company_id", acme.id.as_str()),
    ];
    let original = f
        .store
        .create_record(Kind::Contact, &input(&fields))
        .unwrap();
    f.store
        .create_record(
            Kind::Contact,
            &input(&[
                ("first_name", "明"),
                ("last_name", "李"),
                ("phone", "+86 138 0013 8000"),
            ]),
        )
        .unwrap();
    for (name, format) in [("c.xlsx", ExportFormat::Xlsx), ("c.vcf", ExportFormat::Vcf)] {
        let out = f.dir.path().join(name);
        export::export(
            &f.store,
            Kind::Contact,
            &out,
            &ExportOptions {
                format,
                ..ExportOptions::default()
            },
        )
        .unwrap();
        let mut g = Fixture::new();
        let r = import_file(&mut g.store, &out, Kind::Contact);
        assert_eq!(
            (r.counts.rows, r.counts.created),
            (2, 2),
            "{name}: {:#?}",
            r.rows
        );
        let copies = all(&g.store, Kind::Contact);
        let copy = copies
            .iter()
            .find(|c| c.text("email").as_deref() == Some("j.mueller@example.de"))
            .unwrap_or_else(|| panic!("{name}: {copies:#?}"));
        for field in ["first_name", "last_name", "phone", "city", "job_title"] {
            assert_eq!(copy.text(field), original.text(field), "{name}: {field}");
        }
        assert_eq!(
            copy.refs.get("company_id").map(String::as_str),
            Some("Müller & Söhne GmbH"),
            "{name}"
        );
        assert!(copies.iter().any(|c| c.title == "李明"), "{name}");
    }
}

#[test]
fn namesakes_with_different_emails_are_not_duplicates() {
    let mut f = Fixture::new();
    for pairs in [
        vec![
            ("first_name", "Wei"),
            ("last_name", "Wang"),
            ("email", "wei@a.cn"),
        ],
        vec![
            ("first_name", "Wei"),
            ("last_name", "Wang"),
            ("email", "wei@b.cn"),
        ],
        vec![("first_name", "wei"), ("last_name", "wang")],
    ] {
        f.store
            .create_record(Kind::Contact, &input(&pairs))
            .unwrap();
    }
    let groups = f.store.find_duplicates(Kind::Contact).unwrap();
    assert_eq!(groups.len(), 1, "{groups:#?}");
    let emails: Vec<Option<String>> = groups[0].records.iter().map(|r| r.text("email")).collect();
    assert_eq!(emails, vec![Some("wei@a.cn".to_string()), None]);
}

#[test]
fn a_shared_phone_with_different_emails_is_two_people() {
    let mut f = Fixture::new();
    f.store
        .create_record(
            Kind::Contact,
            &input(&[
                ("first_name", "Ann"),
                ("email", "ann@shop.de"),
                ("phone", "+4930123456"),
            ]),
        )
        .unwrap();
    f.store
        .create_record(
            Kind::Contact,
            &input(&[
                ("first_name", "Ben"),
                ("email", "ben@shop.de"),
                ("phone", "+4930123456"),
            ]),
        )
        .unwrap();
    assert!(
        f.store.find_duplicates(Kind::Contact).unwrap().is_empty(),
        "one office line, two people"
    );
    let path = write(
        f.dir.path(),
        "c.csv",
        "first_name,email,phone\nCara,cara@shop.de,+4930123456\nAnn,,+4930123456\n",
    );
    let r = import_file(&mut f.store, &path, Kind::Contact);
    assert_eq!(
        (r.counts.created, r.counts.skipped),
        (1, 1),
        "{:#?}",
        r.rows
    );
    let m = r.rows[0].matched.as_ref().unwrap();
    assert_eq!((m.by, m.title.as_str()), (MatchBy::Phone, "Ann"));
}

#[test]
fn the_tags_a_row_was_imported_with_are_in_its_creation_entry() {
    let mut f = Fixture::new();
    let file = write(
        f.dir.path(),
        "tagged.csv",
        "first_name,last_name,tags\nAnn,Lee,\"vip, lead\"\n",
    );
    let report = import_file(&mut f.store, &file, Kind::Contact);
    let id = report.rows.first().map_or_else(
        || all(&f.store, Kind::Contact)[0].id.clone(),
        |r| r.record.clone().unwrap(),
    );
    let logged = f.store.change_count().unwrap();
    f.store.tag_record(Kind::Contact, &id, "partner").unwrap();
    let history = f.store.history(&id).unwrap();
    let tags: Vec<_> = history.iter().filter(|c| c.field == "tags").collect();
    assert_eq!(tags.len(), 2, "{history:?}");
    assert_eq!(tags[0].old, kith::Value::Text("lead, vip".into()));
    assert_eq!(tags[0].new, kith::Value::Text("lead, partner, vip".into()));
    assert_eq!(
        (&tags[1].old, &tags[1].new),
        (&kith::Value::Null, &kith::Value::Text("lead, vip".into())),
        "the creation's tags: the list now with the later change undone"
    );
    assert!(tags[1].origin.starts_with("import:"), "{:?}", tags[1]);
    assert_eq!(
        f.store.change_count().unwrap(),
        logged + 1,
        "only the later change was logged"
    );
}

#[test]
fn an_imports_search_documents_are_the_ones_a_rebuild_makes() {
    // The search documents of imported contacts are partly worked out on the cleaning thread;
    // they must be exactly what the record's values give (as a rebuild makes them).
    let mut f = Fixture::new();
    let file = write(
        f.dir.path(),
        "people.csv",
        "first_name,last_name,email,company,phone\n\
         明,李,ming.li@example.cn,星辰科技,+86 138 0013 8000\n\
         Anna,Müller,anna@example.de,Müller GmbH,\n\
         ,,,Lonely Shop Ltd,\n\
         ,,jo@example.com,,\n\
         Étienne,Dupont,,Dupont SA,+33 6 12 34 56 78\n",
    );
    import_file(&mut f.store, &file, Kind::Contact);
    let queries = [
        "李", "明", "李明", "an", "a", "mü", "mu", "jo", "lo", "lonely", "é", "et", "du", "ming",
        "anna@", "+86", "星辰", "星",
    ];
    let found = |store: &Store| -> Vec<Vec<(String, String)>> {
        queries
            .iter()
            .map(|q| {
                let mut hits: Vec<(String, String)> = store
                    .search(q, 50, None)
                    .unwrap()
                    .into_iter()
                    .map(|h| (h.title, h.subtitle))
                    .collect();
                hits.sort();
                hits
            })
            .collect()
    };
    let imported = found(&f.store);
    assert!(imported.iter().all(|hits| !hits.is_empty()), "{imported:?}");
    f.store.rebuild_search_index().unwrap();
    assert_eq!(found(&f.store), imported);
}
