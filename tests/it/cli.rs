//! The CLI contract: `--json` prints exactly one JSON document on stdout; bad input exits
//! non-zero with a message naming the problem and leaves the database as it was.

use serde_json::Value as Json;

use crate::{Run, kith};

fn json(run: &Run) -> Json {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is one JSON document ({e}): {:?}", run.stdout))
}

#[test]
fn add_show_edit_search_history_delete_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let add = kith(
        &db,
        &[
            "contact",
            "add",
            "--first-name",
            "明",
            "--last-name",
            "李",
            "--email",
            "LI@Example.cn",
            "--tag",
            "VIP",
            "--json",
        ],
    );
    assert_eq!(add.code, 0, "{}", add.stderr);
    let record = json(&add);
    let id = record["id"].as_str().unwrap().to_string();
    assert_eq!(
        record["title"], "李明",
        "CJK names are family name first without a space"
    );
    assert_eq!(record["values"]["email"], "li@example.cn");
    assert_eq!(record["tags"][0], "VIP");

    let edit = kith(&db, &["contact", "edit", &id, "--city", "杭州", "--json"]);
    assert_eq!(json(&edit)["values"]["city"], "杭州");

    let search = json(&kith(&db, &["search", "李", "--json"]));
    assert_eq!(
        search[0]["id"],
        id.as_str(),
        "one-character Chinese search finds the contact"
    );

    let history = json(&kith(&db, &["history", &id, "--json"]));
    let fields: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"city") && fields.contains(&"email") && fields.contains(&"tags"),
        "{fields:?}"
    );

    let list = kith(&db, &["contact", "list"]);
    assert!(
        list.stdout.contains("李明") && list.stdout.contains("1 of 1 contacts"),
        "{}",
        list.stdout
    );

    assert_eq!(kith(&db, &["contact", "delete", &id]).code, 0);
    let show = kith(&db, &["contact", "show", &id, "--json"]);
    assert_eq!(show.code, 0, "a deleted record can be shown");
    assert!(json(&show)["deleted_at"].is_string(), "…marked deleted");
    let edit = kith(&db, &["contact", "edit", &id, "--city", "x", "--json"]);
    assert_eq!(edit.code, 1, "but not changed");
    assert_eq!(json(&edit)["error"]["code"], "deleted");
    assert!(edit.stderr.contains("was deleted"), "{}", edit.stderr);
}

/// Each bad input: the arguments, the words the message must contain.
const BAD: &[(&[&str], &str)] = &[
    (
        &["contact", "show", "0000-no-such-id"],
        "no contact with id 0000-no-such-id",
    ),
    (
        &["contact", "add", "--first-name", "A", "--email", "a@b"],
        "'a@b' is not a valid email address",
    ),
    (
        &[
            "contact",
            "add",
            "--first-name",
            "A",
            "--birthday",
            "31/02/2024",
        ],
        "'31/02/2024' is not a valid date",
    ),
    (
        &["deal", "add", "--title", "x", "--stage", "won-ish"],
        "'won-ish' is not one of",
    ),
    (
        &["contact", "edit", "0000-no-such-id", "--city", "x"],
        "no contact with id",
    ),
    (&["contact", "list", "--sort", "shoe"], "no field 'shoe'"),
    (&["history", "0000-no-such-id"], "no record has id"),
];

#[test]
fn bad_input_is_refused_with_a_clear_message_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    assert_eq!(
        kith(&db, &["contact", "add", "--first-name", "Keep", "--json"]).code,
        0
    );
    for (args, words) in BAD {
        let run = kith(&db, args);
        assert_eq!(run.code, 1, "{args:?} exits 1: {}", run.stderr);
        assert!(
            run.stderr.contains(words),
            "{args:?}: stderr {:?} should say {words:?}",
            run.stderr
        );
        let with_json: Vec<&str> = args.iter().copied().chain(["--json"]).collect();
        let doc = json(&kith(&db, &with_json));
        assert!(doc["error"]["message"].as_str().unwrap().contains(words));
    }
    let list = json(&kith(&db, &["contact", "list", "--json"]));
    assert_eq!(list["total"], 1, "only the first contact exists");
}

#[test]
fn files_that_are_not_kith_databases_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let not_sqlite = dir.path().join("contacts.csv");
    std::fs::write(&not_sqlite, "Name,Email\nAda,ada@example.com\n").unwrap();
    let run = kith(&not_sqlite, &["contact", "list"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("contacts.csv is not a Kith database"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&not_sqlite).unwrap(),
        "Name,Email\nAda,ada@example.com\n"
    );

    let newer = dir.path().join("newer.db");
    assert_eq!(kith(&newer, &["init"]).code, 0);
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let run = kith(&newer, &["contact", "list", "--json"]);
    assert_eq!(run.code, 2);
    assert_eq!(json(&run)["error"]["code"], "too_new");
    assert!(run.stderr.contains("newer Kith"), "{}", run.stderr);
}
