//! Search: substrings of every length, CJK, ranking, and the index kept in step with writes.

use kith::Kind;

use crate::{Fixture, input};

fn seeded() -> Fixture {
    let mut f = Fixture::new();
    let s = &mut f.store;
    let tea = s
        .create_record(
            Kind::Company,
            &input(&[("name", "杭州茶叶有限公司"), ("city", "杭州")]),
        )
        .unwrap();
    s.create_record(
        Kind::Contact,
        &input(&[
            ("first_name", "明"),
            ("last_name", "李"),
            ("company_id", &tea.id),
        ]),
    )
    .unwrap();
    s.create_record(
        Kind::Contact,
        &input(&[
            ("first_name", "Robert"),
            ("last_name", "Smith"),
            ("email", "bob@acme.io"),
            ("phone", "+1 (555) 010-2030"),
        ]),
    )
    .unwrap();
    s.create_record(
        Kind::Contact,
        &input(&[("first_name", "Jürgen"), ("last_name", "Müller")]),
    )
    .unwrap();
    s.create_record(
        Kind::Contact,
        &input(&[("first_name", "Anna"), ("last_name", "Smithson")]),
    )
    .unwrap();
    f
}

fn titles(f: &Fixture, q: &str) -> Vec<String> {
    f.store
        .search(q, 20, None)
        .unwrap()
        .into_iter()
        .map(|h| h.title)
        .collect()
}

#[test]
fn finds_substrings_of_every_length_including_cjk() {
    let f = seeded();
    // (query, a title that must be among the hits) — each case is a way users type.
    let cases = [
        ("李", "李明"),
        ("李明", "李明"),
        ("明", "李明"),
        ("茶叶", "杭州茶叶有限公司"),
        ("茶叶", "李明"), // the contact's company contains 茶叶
        ("杭州茶", "杭州茶叶有限公司"),
        ("mith", "Robert Smith"),
        ("bob@", "Robert Smith"),
        ("acme.io", "Robert Smith"),
        ("0102030", "Robert Smith"), // phone digits without punctuation
        ("555", "Robert Smith"),
        ("muller", "Jürgen Müller"), // accents folded
        ("Jür", "Jürgen Müller"),
        ("ro", "Robert Smith"), // 2-letter word prefix
        ("s", "Robert Smith"),
    ];
    for (q, want) in cases {
        let got = titles(&f, q);
        assert!(
            got.iter().any(|t| t == want),
            "query {q:?} should find {want:?}, got {got:?}"
        );
    }
    assert!(
        titles(&f, "zzz").is_empty(),
        "no false positives for an absent substring"
    );
    assert!(titles(&f, "  ").is_empty(), "an empty query finds nothing");
}

#[test]
fn ranks_exact_and_prefix_matches_first() {
    let f = seeded();
    let got = titles(&f, "smith");
    assert_eq!(
        got.first().map(String::as_str),
        Some("Robert Smith"),
        "{got:?}"
    );
    assert!(got.contains(&"Anna Smithson".to_string()));
}

#[test]
fn index_follows_updates_deletes_and_company_renames() {
    let mut f = seeded();
    let hit = f
        .store
        .search("Smith", 5, Some(&[Kind::Contact]))
        .unwrap()
        .remove(0);
    f.store
        .update_record(Kind::Contact, &hit.id, &input(&[("last_name", "Jones")]))
        .unwrap();
    assert!(!titles(&f, "Robert Smith").contains(&"Robert Smith".to_string()));
    assert!(titles(&f, "jones").contains(&"Robert Jones".to_string()));
    f.store.delete_record(Kind::Contact, &hit.id).unwrap();
    assert!(
        !titles(&f, "jones").contains(&"Robert Jones".to_string()),
        "deleted records vanish"
    );

    let company = f
        .store
        .search("杭州", 5, Some(&[Kind::Company]))
        .unwrap()
        .remove(0);
    f.store
        .update_record(
            Kind::Company,
            &company.id,
            &input(&[("name", "上海丝绸公司")]),
        )
        .unwrap();
    let hits = f.store.search("丝绸", 10, Some(&[Kind::Contact])).unwrap();
    assert_eq!(
        hits.len(),
        1,
        "the contact's document shows the renamed company: {hits:?}"
    );
}

/// The full-text rows of a write are held back and written before it commits: whatever a
/// write does after indexing a record (rename it, delete it, index more than one batch of rows),
/// the committed index holds exactly the live records' current text, and a dry run sees the
/// same.
#[test]
fn held_back_full_text_rows_match_the_records_at_commit() {
    let mut f = Fixture::new();
    let ids = f
        .store
        .write(|w| {
            let kept = w.create(
                Kind::Contact,
                &input(&[("first_name", "Quirinus"), ("last_name", "Held")]),
            )?;
            let renamed = w.create(
                Kind::Contact,
                &input(&[("first_name", "Oldname"), ("last_name", "Held")]),
            )?;
            w.update(
                Kind::Contact,
                &renamed,
                &input(&[("first_name", "Newname")]),
            )?;
            let gone = w.create(
                Kind::Contact,
                &input(&[("first_name", "Vanished"), ("last_name", "Held")]),
            )?;
            w.delete(Kind::Contact, &gone)?;
            // More than one batch of held-back rows.
            for i in 0..20_000 {
                w.create(
                    Kind::Contact,
                    &input(&[("email", &format!("bulk{i}@zzq.example"))]),
                )?;
            }
            w.tag_all(Kind::Contact, &kept, &["alpha", "Beta", "alpha"])?;
            Ok((kept, renamed))
        })
        .unwrap();
    for (query, want) in [
        ("quirinus", 1),
        ("newname", 1),
        ("oldname", 0),
        ("vanished", 0),
        ("bulk0@", 1),
        ("bulk19999", 1),
    ] {
        let hits = f.store.search(query, 10, None).unwrap();
        assert_eq!(
            hits.len(),
            want,
            "'{query}' must find only live, current text: {hits:?}"
        );
    }
    let tags: Vec<_> = f
        .store
        .history(&ids.0)
        .unwrap()
        .into_iter()
        .filter(|c| c.field == "tags")
        .collect();
    assert_eq!(
        tags.len(),
        1,
        "tags added together are one logged change: {tags:?}"
    );
    assert_eq!(
        tags[0].new,
        kith::Value::Text("alpha, Beta".into()),
        "the change holds the whole list, each tag once"
    );
    let found = f.store.get_record(Kind::Contact, &ids.1).unwrap();
    assert_eq!(found.title, "Newname Held", "the renamed record is current");
}

/// Titles that are the query, or start with it, come first even when hundreds of other
/// records hold the query in another field (more than the full-text candidates ranked).
#[test]
fn title_matches_rank_first_however_common_the_query_is_elsewhere() {
    let mut f = Fixture::new();
    f.store
        .write(|w| {
            for i in 0..600 {
                w.create(
                    Kind::Contact,
                    &input(&[
                        ("first_name", &format!("Person{i}")),
                        ("email", &format!("ann.{i}@example.com")),
                    ]),
                )?;
            }
            w.create(Kind::Contact, &input(&[("first_name", "Ann")]))?;
            w.create(
                Kind::Contact,
                &input(&[("first_name", "Annabel"), ("last_name", "Lee")]),
            )?;
            Ok(())
        })
        .unwrap();
    let got = titles(&f, "ann");
    assert_eq!(got[..2], ["Ann", "Annabel Lee"], "{got:?}");
    let got = titles(&f, "a");
    assert!(got.contains(&"Ann".to_string()), "{got:?}");
}

/// A hit leads to its record by rowid, so rowids must survive what copies the database: a
/// backup restored (`VACUUM INTO`) and `VACUUM`, with gaps left by deleted and pruned rows.
#[test]
fn search_finds_the_same_records_after_a_restore_and_a_vacuum() {
    let mut f = Fixture::new();
    let mut ids = Vec::new();
    for i in 0..40 {
        let r = f
            .store
            .create_record(
                Kind::Contact,
                &input(&[
                    ("first_name", &format!("Zed{i:02}")),
                    ("last_name", "Quill"),
                ]),
            )
            .unwrap();
        ids.push(r.id);
    }
    for id in ids.iter().step_by(3) {
        f.store.delete_record(Kind::Contact, id).unwrap();
    }
    // A call is an activity with no search document; changing it removes no row.
    let call = f
        .store
        .create_record(
            Kind::Activity,
            &input(&[("kind", "call"), ("subject", "Quarterly call")]),
        )
        .unwrap();
    f.store
        .update_record(Kind::Activity, &call.id, &input(&[("subject", "Call")]))
        .unwrap();
    let expected: Vec<String> = (0..40)
        .filter(|i| i % 3 != 0)
        .map(|i| format!("Zed{i:02} Quill"))
        .collect();
    let found = |store: &kith::Store| -> Vec<String> {
        let mut t: Vec<String> = store
            .search("quill", 100, None)
            .unwrap()
            .into_iter()
            .map(|h| h.title)
            .collect();
        t.sort();
        t
    };
    assert_eq!(found(&f.store), expected);
    let backup = f.store.backup(None, "manual").unwrap();
    // Records made after the backup are gone once it is restored.
    f.store
        .create_record(
            Kind::Contact,
            &input(&[("first_name", "Later"), ("last_name", "Quill")]),
        )
        .unwrap();
    f.store.restore(std::path::Path::new(&backup.path)).unwrap();
    assert_eq!(found(&f.store), expected, "after a restore");
    let conn = rusqlite::Connection::open(f.path()).unwrap();
    conn.execute_batch("VACUUM").unwrap();
    conn.execute(
        "INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 0)",
        [],
    )
    .unwrap();
    drop(conn);
    let reopened = kith::Store::open(&f.path()).unwrap();
    assert_eq!(found(&reopened), expected, "after VACUUM");
    for (i, id) in ids.iter().enumerate().filter(|(i, _)| i % 3 != 0) {
        let hits = reopened.search(&format!("zed{i:02}"), 5, None).unwrap();
        assert_eq!(hits.len(), 1, "zed{i:02}: {hits:?}");
        assert_eq!(&hits[0].id, id);
    }
}

/// A contact is found by its company's name, alone or with a word of its own, in any length
/// of word; not by its company's email or website, and by the new name once it is renamed.
#[test]
fn contacts_are_found_by_their_companys_name() {
    let mut f = seeded();
    let orbis = f
        .store
        .create_record(
            Kind::Company,
            &input(&[("name", "Orbis Trading"), ("domain", "zeta.example")]),
        )
        .unwrap();
    f.store
        .create_record(
            Kind::Contact,
            &input(&[
                ("first_name", "Wilma"),
                ("last_name", "Stone"),
                ("company_id", &orbis.id),
            ]),
        )
        .unwrap();
    let contacts = |f: &Fixture, q: &str| -> Vec<String> {
        f.store
            .search(q, 20, Some(&[Kind::Contact]))
            .unwrap()
            .into_iter()
            .map(|h| h.title)
            .collect()
    };
    assert_eq!(contacts(&f, "orbis"), ["Wilma Stone"]);
    assert_eq!(contacts(&f, "or"), ["Wilma Stone"]);
    assert_eq!(contacts(&f, "wil trading"), ["Wilma Stone"]);
    assert_eq!(contacts(&f, "李 茶叶"), ["李明"]);
    assert!(contacts(&f, "robert 茶叶").is_empty());
    assert!(
        contacts(&f, "zeta").is_empty(),
        "a company's website is not its name"
    );
    f.store
        .update_record(
            Kind::Company,
            &orbis.id,
            &input(&[("name", "Quarry Works")]),
        )
        .unwrap();
    assert!(contacts(&f, "orbis").is_empty());
    assert_eq!(contacts(&f, "quarry"), ["Wilma Stone"]);
    assert_eq!(contacts(&f, "qu"), ["Wilma Stone"]);
}
