//! Values kept for review: an optional value that does not clean never costs its row. The
//! record is imported, the cell kept as written and flagged; a re-clean with a country or a
//! date format settles what now reads; editing the field or undoing the import clears it.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use kith::IssueCode;
use kith::import::{
    self, ImportOptions, ImportReport, KeptReason, Outcome, RecleanOptions, ReviewValue,
};
use kith::store::KeptInColumn;
use kith::{Kind, ListQuery, Store};

use crate::{Fixture, input};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn run(store: &mut Store, path: &Path, opts: &ImportOptions) -> ImportReport {
    import::run(
        store,
        path,
        Kind::Contact,
        opts,
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .unwrap_or_else(|e| panic!("import failed: {e}"))
}

fn contact(store: &Store, first: &str) -> kith::EntityRecord {
    let q = ListQuery {
        limit: 1000,
        ..ListQuery::default()
    };
    store
        .list_records(Kind::Contact, &q)
        .unwrap()
        .rows
        .into_iter()
        .find(|c| c.text("first_name").as_deref() == Some(first))
        .unwrap_or_else(|| panic!("{first} was imported"))
}

/// Every odd value of this file is optional: every person gets in.
const ODD: &str = "First Name,Last Name,Email,Phone,Birthday,Address,Country,Notes,Tags\n\
Marie,Dupont,marie@example.fr,06 12 34 56 78,--03-05,\"12 rue de la Paix\n75002 Paris\nFrance\",,hello,vip\n\
Wei,Zhang,n/a,138 0013 8000,0/0/00,,中国,无,-\n\
Bob,Fake,bob@x.com; bob2@y.com,+1 555 010 2000,sometime in May,,USA,\"line 1\n\"\"quoted\"\"\",\n\
Hans,Müller,,030 9876543,03.05.1980,,Deutschland,-,\n\
Ann,Lee,ann@example.com,call me,1990-02-30,,,,\n\
,,,,,,,just a note,\n";

#[test]
fn an_odd_optional_value_never_costs_its_row() {
    let mut f = Fixture::new();
    let path = write(f.dir.path(), "odd.csv", ODD);
    let r = run(&mut f.store, &path, &ImportOptions::default());
    let c = r.counts;
    assert_eq!(
        (c.rows, c.created, c.rejected, c.flagged),
        (6, 5, 1, 2),
        "every person is imported; only the row naming nobody is refused: {:#?}",
        r.rows
    );
    assert!(c.adds_up());
    let refused = r
        .rows
        .iter()
        .find(|x| x.outcome == Outcome::Rejected)
        .unwrap();
    assert_eq!(
        refused.line, 10,
        "lines are the file's: quoted line breaks count"
    );
    assert!(
        refused.reason.text.contains("nothing identifies anyone"),
        "{}",
        refused.reason
    );

    // Phones without a country code read in their row's country (a country column, or the
    // country an address names).
    for (first, phone) in [
        ("Marie", "+33612345678"),
        ("Wei", "+8613800138000"),
        ("Hans", "+49309876543"),
    ] {
        assert_eq!(
            contact(&f.store, first).text("phone").as_deref(),
            Some(phone),
            "{first}"
        );
    }
    // Conventions of real exports: a year-less birthday, Outlook's empty date, multi-line
    // text kept, placeholders read as empty.
    let marie = contact(&f.store, "Marie");
    assert_eq!(marie.text("birthday").as_deref(), Some("--03-05"));
    assert_eq!(
        marie.text("address").as_deref(),
        Some("12 rue de la Paix\n75002 Paris\nFrance")
    );
    let wei = contact(&f.store, "Wei");
    assert_eq!(wei.text("birthday"), None, "0/0/00 is no date");
    assert_eq!(wei.text("email"), None, "n/a is no email");
    assert_eq!(wei.text("notes"), None, "无 is no note");
    assert_eq!(
        contact(&f.store, "Hans").text("birthday").as_deref(),
        Some("1980-05-03")
    );
    assert!(
        r.notes
            .iter()
            .any(|n| n.text.contains("Email: 1 placeholder ('n/a')")),
        "{:?}",
        r.notes
    );

    // Kept and flagged: the cell exactly as written, with why.
    let bob = r.rows.iter().find(|x| x.line == 6).expect("Bob is listed");
    assert_eq!(bob.outcome, Outcome::Created);
    let kept: Vec<(&str, &str)> = bob
        .review
        .iter()
        .map(|v| (v.field.as_str(), v.raw.as_str()))
        .collect();
    assert_eq!(
        kept,
        [
            ("email", "bob@x.com; bob2@y.com"),
            ("phone", "+1 555 010 2000"),
            ("birthday", "sometime in May"),
        ]
    );
    let stored = contact(&f.store, "Bob");
    assert_eq!(
        stored.text("email").as_deref(),
        Some("bob@x.com"),
        "the first email is used"
    );
    assert_eq!(
        stored.text("phone").as_deref(),
        Some("+1 555 010 2000"),
        "a number libphonenumber does not know is kept as written"
    );
    assert_eq!(stored.text("notes").as_deref(), Some("line 1\n\"quoted\""));
    let ann = r.rows.iter().find(|x| x.line == 9).expect("Ann is listed");
    assert_eq!(
        ann.review
            .iter()
            .map(|v| v.field.as_str())
            .collect::<Vec<_>>(),
        ["phone", "birthday"],
        "'call me' and 30 February are kept, not stored"
    );
    assert_eq!(contact(&f.store, "Ann").text("phone"), None);

    // The review list and the list filter show the same records.
    let page = f.store.flagged(None, 100).unwrap();
    assert_eq!((page.total, page.records), (5, 2));
    let flagged = f
        .store
        .list_records(
            Kind::Contact,
            &ListQuery {
                filters: [("review".to_string(), "yes".to_string())].into(),
                ..ListQuery::default()
            },
        )
        .unwrap();
    let mut titles: Vec<String> = flagged.rows.iter().map(|c| c.title.clone()).collect();
    titles.sort();
    assert_eq!(titles, ["Ann Lee", "Bob Fake"]);
}

#[test]
fn a_reclean_with_a_country_settles_what_now_reads() {
    let mut f = Fixture::new();
    let path = write(
        f.dir.path(),
        "fr.csv",
        "Name,Phone,Birthday\nMarie Dupont,06 12 34 56 78,5 mars\nJean Roux,12,\n",
    );
    // No country anywhere: the French mobile stays as written (a national number without a
    // country is what it always was); the year-less French birthday reads as month and day.
    let r = run(&mut f.store, &path, &ImportOptions::default());
    assert_eq!(r.counts.created, 2);
    let marie = contact(&f.store, "Marie");
    assert_eq!(marie.text("phone").as_deref(), Some("06 12 34 56 78"));
    assert_eq!(marie.text("birthday").as_deref(), Some("--03-05"));

    // With a default country given, an invalid national number is kept and flagged; a
    // re-clean with the right country settles it.
    let mut g = Fixture::new();
    let r = run(
        &mut g.store,
        &path,
        &ImportOptions {
            default_country: Some("CN".into()),
            ..ImportOptions::default()
        },
    );
    assert_eq!(
        (r.counts.created, r.counts.flagged),
        (2, 2),
        "{:#?}",
        r.rows
    );
    let report = import::reclean(
        &mut g.store,
        None,
        &RecleanOptions {
            default_country: Some("FR".into()),
            date_order: None,
        },
    )
    .unwrap();
    assert_eq!(
        (report.checked, report.cleaned.len(), report.still),
        (2, 1, 1)
    );
    assert_eq!(
        contact(&g.store, "Marie").text("phone").as_deref(),
        Some("+33612345678")
    );
    let left = g.store.flagged(None, 10).unwrap();
    assert_eq!(left.items.len(), 1, "'12' is still no phone number");
    assert_eq!(left.items[0].raw, "12");
    assert_eq!(
        left.items[0].column, "Phone",
        "the file's column is listed beside the value kept"
    );
    assert_eq!(
        g.store.record_flags(&left.items[0].record_id).unwrap()[0].column,
        "Phone",
        "and on the record's own flags"
    );
    // Editing the field by hand settles it too.
    let jean = contact(&g.store, "Jean");
    g.store
        .update_record(
            Kind::Contact,
            &jean.id,
            &input(&[("phone", "+33 1 42 68 53 00")]),
        )
        .unwrap();
    assert_eq!(g.store.flagged(None, 10).unwrap().total, 0);
}

#[test]
fn undo_forgets_what_the_import_kept() {
    let mut f = Fixture::new();
    let path = write(f.dir.path(), "odd.csv", ODD);
    let r = run(&mut f.store, &path, &ImportOptions::default());
    assert!(f.store.flagged(None, 10).unwrap().total > 0);
    let batch = f.store.import_batch(r.batch.as_deref().unwrap()).unwrap();
    assert_eq!(batch.counts.flagged, 2, "the batch keeps its flagged count");
    f.store.undo_import(r.batch.as_deref().unwrap()).unwrap();
    assert_eq!(f.store.flagged(None, 10).unwrap().total, 0);
}

#[test]
fn a_dry_run_reports_the_same_values_to_review_and_keeps_none() {
    let mut f = Fixture::new();
    let path = write(f.dir.path(), "odd.csv", ODD);
    let dry = run(
        &mut f.store,
        &path,
        &ImportOptions {
            dry_run: true,
            ..ImportOptions::default()
        },
    );
    assert_eq!(f.store.flagged(None, 10).unwrap().total, 0);
    let real = run(&mut f.store, &path, &ImportOptions::default());
    assert_eq!(dry.counts, real.counts);
    let kept = |r: &ImportReport| -> Vec<(u64, usize)> {
        r.rows.iter().map(|x| (x.line, x.review.len())).collect()
    };
    assert_eq!(kept(&dry), kept(&real));
}

/// A number with its country code is read as written whatever the row's country, and the
/// report does not say it was read in the row's country.
#[test]
fn a_phone_with_its_country_code_ignores_the_rows_country() {
    let mut f = Fixture::new();
    let path = write(
        f.dir.path(),
        "intl.csv",
        "First Name,Mobile Phone,Country\n\
         Ann,+86 139 0000 0004,US\n\
         Ben,+86 139 0000 0010,Germany\n\
         Cai,0086 139 0000 0016,日本\n\
         Dora,030 9876543,Deutschland\n",
    );
    let r = run(&mut f.store, &path, &ImportOptions::default());
    assert_eq!((r.counts.created, r.counts.flagged), (4, 0), "{:?}", r.rows);
    for (first, phone) in [
        ("Ann", "+8613900000004"),
        ("Ben", "+8613900000010"),
        ("Cai", "+8613900000016"),
        ("Dora", "+49309876543"),
    ] {
        assert_eq!(
            contact(&f.store, first).text("phone").as_deref(),
            Some(phone)
        );
    }
    assert!(
        r.notes
            .iter()
            .any(|n| n.text.contains("read in their row's country (1 in DE)")),
        "only Dora's number needed her row's country: {:?}",
        r.notes
    );
}

/// Why a value was kept is a code beside its English words, so the window can say it in the
/// user's language: a phone and a date that do not read, and a cell of two emails.
#[test]
fn a_kept_value_says_why_by_its_code() {
    let mut f = Fixture::new();
    let path = write(
        f.dir.path(),
        "kept.csv",
        "First Name,Email,Phone,Birthday,Tags\n\
         Ann,ann@example.com,call me,1990-02-30,vip\n\
         Bob,bob@x.com; bob2@y.com,+1 555 010 2000,sometime in May,\n\
         ,,call me,,\n",
    );
    let r = run(
        &mut f.store,
        &path,
        &ImportOptions {
            default_country: Some("DE".into()),
            ..ImportOptions::default()
        },
    );
    let codes = |line: u64| -> Vec<(String, Option<KeptReason>)> {
        r.rows
            .iter()
            .find(|x| x.line == line)
            .unwrap_or_else(|| panic!("line {line} is listed"))
            .review
            .iter()
            .map(|v| {
                // The English is the code's words: what the CLI prints is what it means.
                assert_eq!(
                    Some(&v.reason),
                    v.code.as_ref().map(|c| c.to_string()).as_ref()
                );
                (v.field.clone(), v.code.clone())
            })
            .collect()
    };
    let not_read = |issue| Some(KeptReason::NotRead { issue });
    assert_eq!(
        codes(2),
        [
            (
                "phone".to_string(),
                not_read(IssueCode::UnreadablePhone {
                    value: "call me".into(),
                    country: Some("DE".into()),
                })
            ),
            (
                "birthday".to_string(),
                not_read(IssueCode::NoSuchDate {
                    value: "1990-02-30".into()
                })
            ),
        ],
        "a phone and a date that do not read are kept, each with its code"
    );
    assert_eq!(
        codes(3),
        [
            (
                "email".to_string(),
                Some(KeptReason::FirstUsed {
                    issue: IssueCode::SeveralEmails {
                        value: "bob@x.com; bob2@y.com".into()
                    }
                })
            ),
            (
                "phone".to_string(),
                Some(KeptReason::StoredAsWritten {
                    issue: IssueCode::InvalidPhoneIn {
                        value: "+1 555 010 2000".into(),
                        place: "+1".into()
                    }
                })
            ),
            (
                "birthday".to_string(),
                not_read(IssueCode::UnreadableDate {
                    value: "sometime in May".into()
                })
            ),
        ],
        "two emails: the first is used; a phone that looks like one is stored as written"
    );

    // A row naming nobody is refused, naming what it kept by column and code.
    let nobody = r
        .rows
        .iter()
        .find(|x| x.line == 4)
        .expect("line 4 is listed");
    assert_eq!(nobody.outcome, Outcome::Rejected);
    assert_eq!(
        nobody.issues[0].code,
        Some(IssueCode::NothingIdentifies {
            kept: vec![KeptInColumn {
                column: "Phone".into(),
                reason: KeptReason::NotRead {
                    issue: IssueCode::UnreadablePhone {
                        value: "call me".into(),
                        country: Some("DE".into()),
                    }
                },
            }]
        })
    );
    assert_eq!(
        nobody.issues[0].reason,
        "nothing identifies anyone: no name, email, phone, customer number or company \
         (Phone: 'call me' is not a phone number in DE)",
        "the English as before: each kept value as \"column: reason\""
    );

    // The code survives the database: the review list and the record's flags give it back.
    let reported: Vec<ReviewValue> = r.rows.iter().flat_map(|x| x.review.clone()).collect();
    let page = f.store.flagged(None, 100).unwrap();
    assert_eq!(page.items.len(), reported.len());
    for item in &page.items {
        let sent = reported
            .iter()
            .find(|v| v.field == item.field && v.raw == item.raw)
            .unwrap_or_else(|| panic!("{item:?} was reported"));
        assert_eq!((&item.reason, &item.code), (&sent.reason, &sent.code));
        let own = f.store.record_flags(&item.record_id).unwrap();
        assert!(own.contains(sent), "{own:?} holds {sent:?}");
    }
}

/// Values kept before reasons were stored with their code list their stored English, without
/// a code (the window shows the English as it is).
#[test]
fn a_value_kept_before_codes_lists_its_english() {
    let mut f = Fixture::new();
    let path = write(f.dir.path(), "odd.csv", ODD);
    run(&mut f.store, &path, &ImportOptions::default());
    rusqlite::Connection::open(f.path())
        .unwrap()
        .execute(
            "UPDATE field_review SET code = NULL, reason = 'older words'",
            [],
        )
        .unwrap();
    let page = f.store.flagged(None, 100).unwrap();
    assert!(!page.items.is_empty());
    for item in &page.items {
        assert_eq!((item.reason.as_str(), &item.code), ("older words", &None));
        for own in f.store.record_flags(&item.record_id).unwrap() {
            assert_eq!((own.reason.as_str(), own.code), ("older words", None));
        }
    }
}

/// A tag that is not a tag is kept with its own code; the cell's other tags are added.
#[test]
fn a_refused_tag_is_kept_with_its_code() {
    let mut f = Fixture::new();
    let long = "x".repeat(61);
    let path = write(
        f.dir.path(),
        "tags.csv",
        &format!("First Name,Tags\nAnn,\"vip, {long}\"\n"),
    );
    let r = run(&mut f.store, &path, &ImportOptions::default());
    let kept = &r.rows[0].review;
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(
        kept[0].code,
        Some(KeptReason::TagRefused {
            tag: long.clone(),
            issue: IssueCode::NotTag { max: 60 },
        })
    );
    assert_eq!(
        kept[0].reason,
        format!("'{long}': a tag is 1 to 60 printable characters")
    );
}
