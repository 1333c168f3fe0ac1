//! The CLI contract of `kith import`, `kith export`, `kith duplicates` and `kith merge`, run
//! as the built binary: with `--json`, stdout is exactly one JSON document (the report, or
//! `{"error": {code, message, issues}}`); exit 0 on success, 1 on refused input, 2 on a bad
//! file; the options reach the engine; what a command must not write is not written.

use std::path::{Path, PathBuf};

use kith::{Kind, ListQuery, Store};
use serde_json::Value as Json;

use crate::kith;

use crate::input;

/// Runs with `--json` and expects `code`; returns the one JSON document on stdout.
fn kith_json(db: &Path, args: &[&str], code: i32) -> Json {
    let mut all = args.to_vec();
    all.push("--json");
    let run = kith(db, &all);
    assert_eq!(
        run.code, code,
        "kith {args:?}\nstdout: {}\nstderr: {}",
        run.stdout, run.stderr
    );
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is one JSON document ({e}): {:?}", run.stdout))
}

fn p(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temp path")
}

struct Dir {
    dir: tempfile::TempDir,
}

impl Dir {
    fn new() -> Dir {
        Dir {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("k.db")
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The database, opened in this process (the CLI run has ended).
    fn store(&self) -> Store {
        Store::open(&self.db()).unwrap()
    }

    fn contacts(&self) -> Vec<kith::EntityRecord> {
        let q = ListQuery {
            limit: 1000,
            ..ListQuery::default()
        };
        self.store().list_records(Kind::Contact, &q).unwrap().rows
    }
}

const PEOPLE: &str = "first_name;last_name;email;city;birthday
Ann;Lee;ann@example.com;Berlin;01/03/1990
;;not-an-email;Paris;05/04/1985
Cara;Diaz;cara@example.com;Berlin;13/12/1979
";

#[test]
fn import_json_reports_source_mapping_counts_and_batch() {
    let d = Dir::new();
    let file = d.file("people.csv", PEOPLE.as_bytes());
    let r = kith_json(
        &d.db(),
        &[
            "import",
            "contact",
            p(&file),
            "--rejects",
            p(&d.path("rej.csv")),
        ],
        0,
    );
    assert_eq!(r["kind"], "contact");
    assert_eq!(r["dry_run"], false);
    assert_eq!(r["source"]["format"], "csv");
    assert_eq!(r["source"]["encoding"], "UTF-8");
    assert_eq!(r["source"]["delimiter"], ";");
    assert_eq!(r["source"]["header_row"], 1);
    let mapping: Vec<(&str, &str)> = r["mapping"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["header"].as_str().unwrap(), c["target"].as_str().unwrap()))
        .collect();
    assert_eq!(
        mapping,
        [
            ("first_name", "first_name"),
            ("last_name", "last_name"),
            ("email", "email"),
            ("city", "city"),
            ("birthday", "birthday"),
        ]
    );
    let c = &r["counts"];
    assert_eq!(
        (
            c["rows"].as_u64(),
            c["created"].as_u64(),
            c["rejected"].as_u64()
        ),
        (Some(3), Some(2), Some(1))
    );
    assert_eq!(
        r["dates"][0]["order"], "dmy",
        "13/12/1979 decides day-first"
    );
    let batch = r["batch"].as_str().expect("a batch id");
    assert_eq!(r["rows"][0]["line"], 3);
    assert_eq!(r["rows"][0]["outcome"], "rejected");
    // --rejects wrote the rejected row with its line and reason.
    let rejects = std::fs::read_to_string(d.path("rej.csv")).unwrap();
    let mut lines = rejects.lines();
    assert_eq!(
        lines.next(),
        Some("first_name,last_name,email,city,birthday,kith_line,kith_reason")
    );
    let row = lines.next().unwrap();
    assert!(
        row.starts_with(",,not-an-email,Paris,05/04/1985,3,\"row: nothing identifies anyone"),
        "{row}"
    );
    assert_eq!(lines.next(), None);
    // The batch is in the database with the contacts.
    let store = d.store();
    assert_eq!(store.import_batch(batch).unwrap().counts.created, 2);
    let mut births: Vec<(String, String)> = d
        .contacts()
        .iter()
        .map(|c| (c.title.clone(), c.text("birthday").unwrap_or_default()))
        .collect();
    births.sort();
    assert_eq!(
        births,
        [
            ("Ann Lee".to_string(), "1990-03-01".to_string()),
            ("Cara Diaz".to_string(), "1979-12-13".to_string())
        ]
    );
}

#[test]
fn dry_run_has_no_batch_and_writes_nothing() {
    let d = Dir::new();
    let file = d.file("people.csv", PEOPLE.as_bytes());
    kith_json(&d.db(), &["init"], 0);
    let changes = d.store().change_count().unwrap();
    let r = kith_json(&d.db(), &["import", "contact", p(&file), "--dry-run"], 0);
    assert_eq!(r["batch"], Json::Null);
    assert_eq!(r["dry_run"], true);
    assert_eq!(
        r["counts"]["created"], 2,
        "a dry run reports what would be created"
    );
    assert!(d.contacts().is_empty());
    let store = d.store();
    assert_eq!(store.change_count().unwrap(), changes);
    assert!(store.import_batches().unwrap().is_empty());
    let text = kith(&d.db(), &["import", "contact", p(&file), "--dry-run"]);
    assert_eq!(text.code, 0);
    assert!(
        text.stdout
            .contains("Dry run (nothing written): 3 rows = 2 created + 0 updated + 0 merged + 0 skipped + 1 rejected"),
        "{}",
        text.stdout
    );
}

#[test]
fn date_format_decides_an_ambiguous_column() {
    let d = Dir::new();
    let file = d.file(
        "dates.csv",
        b"first_name,email,birthday\nAnn,ann@example.com,01/03/1990\nBob,bob@example.com,05/04/1985\n",
    );
    let births = |d: &Dir| {
        let mut b: Vec<String> = d
            .contacts()
            .iter()
            .map(|c| c.text("birthday").unwrap())
            .collect();
        b.sort();
        b
    };
    // Nothing decides the column and no country is known: the import does not stop; it reads
    // day-first, as most countries write dates, and says so.
    let r = kith_json(&d.db(), &["import", "contact", p(&file)], 0);
    assert_eq!(
        r["counts"]["created"], 2,
        "an ambiguous column never stops an import"
    );
    assert_eq!(r["dates"][0]["order"], "dmy");
    let note = r["notes"][0]["text"].as_str().unwrap();
    assert!(
        note.contains("birthday") && note.contains("day-first"),
        "the report says how the column was read: {note}"
    );
    assert_eq!(births(&d), ["1985-04-05", "1990-03-01"]);
    kith_json(
        &d.db(),
        &["import", "undo", r["batch"].as_str().unwrap()],
        0,
    );
    // A US default country reads month-first (12/9/1906 is 9 December there).
    let us = kith_json(
        &d.db(),
        &["import", "contact", p(&file), "--default-country", "US"],
        0,
    );
    assert_eq!(us["dates"][0]["order"], "mdy");
    assert!(
        us["notes"][0]["text"]
            .as_str()
            .unwrap()
            .contains("month-first")
    );
    assert_eq!(births(&d), ["1985-05-04", "1990-01-03"]);
    kith_json(
        &d.db(),
        &["import", "undo", us["batch"].as_str().unwrap()],
        0,
    );
    // The user's choice wins over the country's convention.
    let r = kith_json(
        &d.db(),
        &[
            "import",
            "contact",
            p(&file),
            "--default-country",
            "US",
            "--date-format",
            "DMY",
        ],
        0,
    );
    assert_eq!(r["dates"][0]["order"], "dmy");
    assert_eq!(births(&d), ["1985-04-05", "1990-03-01"]);
}

#[test]
fn the_default_country_comes_from_the_system_locale() {
    let d = Dir::new();
    let file = d.file(
        "people.csv",
        "first_name,phone,birthday\nAnn,030 9876543,01/03/1990\n".as_bytes(),
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kith"))
        .args(["--db", p(&d.db()), "import", "contact", p(&file), "--json"])
        .env_remove("KITH_DB")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "de_DE.UTF-8")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: Json = serde_json::from_slice(&out.stdout).unwrap();
    let ann = &d.contacts()[0];
    assert_eq!(
        ann.text("phone").as_deref(),
        Some("+49309876543"),
        "a German locale reads a national number as German: {r}"
    );
    assert_eq!(ann.text("birthday").as_deref(), Some("1990-03-01"));
    assert!(
        r["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["text"].as_str().unwrap().contains("DE")),
        "{r}"
    );
}

#[test]
fn mapping_from_a_file_saved_by_name_and_used_again() {
    let d = Dir::new();
    // Automatically: Name → full name, E-Mail → email, Info → a custom field. The user wants
    // Name as the first name and Info as the city.
    let file = d.file(
        "people.csv",
        b"Name,E-Mail,Info\nAnn,ann@example.com,Berlin\nBob,bob@example.com,Paris\n",
    );
    let map = d.file(
        "map.json",
        br#"{"Name": "first_name", "E-Mail": "email", "Info": "city"}"#,
    );
    let r = kith_json(
        &d.db(),
        &[
            "import",
            "contact",
            p(&file),
            "--mapping",
            p(&map),
            "--save-mapping",
            "my export",
        ],
        0,
    );
    let targets: Vec<&str> = r["mapping"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["target"].as_str().unwrap())
        .collect();
    assert_eq!(targets, ["first_name", "email", "city"]);
    assert_eq!(r["counts"]["created"], 2);
    let ann = d
        .contacts()
        .into_iter()
        .find(|c| c.title == "Ann")
        .expect("Ann imported");
    assert_eq!(ann.text("city").as_deref(), Some("Berlin"));
    assert!(
        ann.custom.is_empty(),
        "Info went to the city: {:?}",
        ann.custom
    );
    // A second file of the same shape, by the saved name.
    let next = d.file(
        "people2.csv",
        b"Name,E-Mail,Info\nCara,cara@example.com,Rome\n",
    );
    let r = kith_json(
        &d.db(),
        &["import", "contact", p(&next), "--mapping", "my export"],
        0,
    );
    assert_eq!(r["mapping"][0]["target"], "first_name");
    assert_eq!(r["mapping"][2]["target"], "city");
    assert_eq!(r["mapping"][2]["source"], "saved");
    let cara = d
        .contacts()
        .into_iter()
        .find(|c| c.title == "Cara")
        .expect("Cara imported");
    assert_eq!(cara.text("email").as_deref(), Some("cara@example.com"));
    assert_eq!(cara.text("city").as_deref(), Some("Rome"));
    // An unknown saved name is refused, naming it.
    let unknown = kith_json(
        &d.db(),
        &["import", "contact", p(&next), "--mapping", "nope"],
        1,
    );
    assert!(
        unknown["error"]["message"]
            .as_str()
            .unwrap()
            .contains("'nope'"),
        "{unknown}"
    );
    // A mapping file naming a target that does not exist is refused, naming it.
    let wrong = d.file(
        "wrong.json",
        br#"{"Name": "first_name", "Info": "shoe_size"}"#,
    );
    let e = kith_json(
        &d.db(),
        &["import", "contact", p(&next), "--mapping", p(&wrong)],
        1,
    );
    assert_eq!(e["error"]["code"], "validation");
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("shoe_size"),
        "{e}"
    );
}

#[test]
fn a_mapping_file_rescues_headers_that_do_not_map_automatically() {
    let d = Dir::new();
    let file = d.file(
        "odd.csv",
        b"Col A,Col B,Col C\nAnn,ann@example.com,Berlin\nBob,bob@example.com,Paris\n",
    );
    // Automatically nothing maps to a name, email or phone: refused, naming what is missing.
    let refused = kith_json(&d.db(), &["import", "contact", p(&file)], 1);
    assert_eq!(refused["error"]["code"], "validation");
    // This is exactly the file a mapping is for.
    let map = d.file(
        "map.json",
        br#"{"Col A": "first_name", "Col B": "email", "Col C": "city"}"#,
    );
    let r = kith_json(
        &d.db(),
        &["import", "contact", p(&file), "--mapping", p(&map)],
        0,
    );
    assert_eq!(r["counts"]["created"], 2);
    let mut cities: Vec<String> = d
        .contacts()
        .iter()
        .map(|c| c.text("city").unwrap_or_default())
        .collect();
    cities.sort();
    assert_eq!(cities, ["Berlin", "Paris"]);
}

#[test]
fn encoding_delimiter_country_and_duplicate_policy_options() {
    let d = Dir::new();
    let (gbk, _, _) = encoding_rs::GBK.encode("姓名;手机;城市\n李明;13800138000;北京\n");
    let file = d.file("gbk.csv", &gbk);
    let r = kith_json(
        &d.db(),
        &[
            "import",
            "contact",
            p(&file),
            "--encoding",
            "gbk",
            "--delimiter",
            ";",
            "--default-country",
            "CN",
        ],
        0,
    );
    assert_eq!(r["source"]["encoding"], "GBK");
    assert_eq!(r["source"]["encoding_detected"], false);
    assert_eq!(r["source"]["delimiter"], ";");
    assert_eq!(r["counts"]["created"], 1);
    let li = &d.contacts()[0];
    assert_eq!(li.title, "李明");
    assert_eq!(li.text("phone").as_deref(), Some("+8613800138000"));
    assert_eq!(li.text("city").as_deref(), Some("北京"));

    let again = |policy: &str| {
        kith_json(
            &d.db(),
            &[
                "import",
                "contact",
                p(&file),
                "--default-country",
                "CN",
                "--on-duplicate",
                policy,
            ],
            0,
        )
    };
    let skip = again("skip");
    assert_eq!(
        (
            skip["counts"]["skipped"].as_u64(),
            skip["counts"]["created"].as_u64()
        ),
        (Some(1), Some(0))
    );
    assert_eq!(skip["rows"][0]["matched"]["by"], "phone");
    assert_eq!(d.contacts().len(), 1);
    let create = again("create");
    assert_eq!(create["counts"]["created"], 1);
    assert_eq!(d.contacts().len(), 2, "create makes a second 李明 anyway");

    // The two are found as duplicates by phone, and merged into the first.
    let groups = kith_json(&d.db(), &["duplicates"], 0);
    let groups = groups.as_array().unwrap();
    assert_eq!(groups.len(), 1, "{groups:?}");
    assert_eq!(groups[0]["by"], "phone");
    let ids: Vec<&str> = groups[0]["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2);
    let merged = kith_json(&d.db(), &["merge", ids[0], ids[1]], 0);
    assert_eq!(merged["winner"]["id"], ids[0]);
    assert_eq!(merged["merged"][0], ids[1]);
    let live = d.contacts();
    assert_eq!(live.len(), 1);
    assert_eq!(live[0].id, ids[0]);
    assert!(
        kith_json(&d.db(), &["duplicates"], 0)
            .as_array()
            .unwrap()
            .is_empty()
    );
    // A bad policy is refused before anything is read.
    let bad = kith_json(
        &d.db(),
        &["import", "contact", p(&file), "--on-duplicate", "sometimes"],
        1,
    );
    assert_eq!(bad["error"]["code"], "validation");
    assert_eq!(bad["error"]["issues"][0]["field"], "on-duplicate");
}

#[test]
fn list_rejects_and_undo_of_a_batch() {
    let d = Dir::new();
    let file = d.file("people.csv", PEOPLE.as_bytes());
    let r = kith_json(&d.db(), &["import", "contact", p(&file)], 0);
    let batch = r["batch"].as_str().unwrap().to_string();

    let list = kith_json(&d.db(), &["import", "list"], 0);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["id"], batch.as_str());
    assert_eq!(list[0]["status"], "done");
    assert_eq!(list[0]["kind"], "contact");
    assert_eq!(list[0]["counts"]["created"], 2);
    assert!(list[0]["file"].as_str().unwrap().ends_with("people.csv"));

    let out = d.path("later.csv");
    let saved = kith_json(&d.db(), &["import", "rejects", &batch, p(&out)], 0);
    assert_eq!(saved["rows"], 1);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.starts_with("first_name,last_name,email,city,birthday,kith_line,kith_reason\n"),
        "{text}"
    );
    assert!(
        text.contains("\n,,not-an-email,Paris,05/04/1985,3,"),
        "{text}"
    );

    let undo = kith_json(&d.db(), &["import", "undo", &batch], 0);
    assert_eq!(undo["batch"], batch.as_str());
    assert_eq!(undo["removed"], 2);
    assert!(
        d.contacts().is_empty(),
        "undo removed what the import created"
    );
    let list = kith_json(&d.db(), &["import", "list"], 0);
    assert_eq!(list[0]["status"], "undone");
    let twice = kith_json(&d.db(), &["import", "undo", &batch], 1);
    assert_eq!(twice["error"]["code"], "validation");
    let unknown = kith_json(&d.db(), &["import", "undo", "no-such-batch"], 1);
    assert_eq!(unknown["error"]["code"], "validation");
}

#[test]
fn a_bad_file_exits_2_with_a_bad_file_error() {
    let d = Dir::new();
    kith_json(&d.db(), &["init"], 0);
    let empty = d.file("empty.csv", b"");
    let png = d.file("photo.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10");
    let missing = d.path("missing.csv");
    for (file, reason) in [
        (&empty, "the file is empty"),
        (&png, "is not a text file (binary data near byte 6)"),
        (&missing, "the file does not exist"),
    ] {
        let e = kith_json(&d.db(), &["import", "contact", p(file)], 2);
        assert_eq!(e["error"]["code"], "bad_file");
        assert_eq!(
            e["error"]["message"],
            format!("{}: {reason}", file.display()).as_str()
        );
        let plain = kith(&d.db(), &["import", "contact", p(file)]);
        assert_eq!(plain.code, 2);
        assert_eq!(
            plain.stdout, "",
            "without --json the message is on stderr only"
        );
        assert!(plain.stderr.contains(reason), "{}", plain.stderr);
    }
    let wide: String = (0..1500).map(|i| format!("c{i},")).collect();
    let wide = d.file("wide.csv", format!("{wide}\n").as_bytes());
    let e = kith_json(&d.db(), &["import", "contact", p(&wide)], 2);
    assert_eq!(
        e["error"]["message"],
        format!(
            "{}, line 1: has 1500 columns; Kith imports at most 1000",
            wide.display()
        )
        .as_str()
    );
    let store = d.store();
    assert!(store.import_batches().unwrap().is_empty());
    assert_eq!(store.change_count().unwrap(), 0);
}

#[test]
fn export_csv_with_bom_xlsx_vcf_and_a_filter() {
    let d = Dir::new();
    {
        let mut store = Store::open(&d.db()).unwrap();
        for (first, last, email, city) in [
            ("Anna", "Berg", "anna@example.com", "Berlin"),
            ("Jürgen", "Müller", "juergen@example.de", "München"),
            ("明", "李", "li@example.cn", "Berlin"),
        ] {
            store
                .create_record(
                    Kind::Contact,
                    &input(&[
                        ("first_name", first),
                        ("last_name", last),
                        ("email", email),
                        ("city", city),
                    ]),
                )
                .unwrap();
        }
    }
    let csv = d.path("out.csv");
    let s = kith_json(&d.db(), &["export", "contact", p(&csv), "--bom"], 0);
    assert_eq!(
        (s["format"].as_str(), s["records"].as_u64()),
        (Some("csv"), Some(3))
    );
    assert_eq!(s["columns"][0], "id");
    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFid,first_name,last_name,email,"));
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.contains(",Jürgen,Müller,juergen@example.de,"),
        "{text}"
    );

    let xlsx = d.path("out.data");
    let s = kith_json(
        &d.db(),
        &["export", "contact", p(&xlsx), "--format", "xlsx"],
        0,
    );
    assert_eq!(s["format"], "xlsx");
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK\x03\x04"));

    let vcf = d.path("out.vcf");
    let s = kith_json(&d.db(), &["export", "contact", p(&vcf)], 0);
    assert_eq!(
        (s["format"].as_str(), s["records"].as_u64()),
        (Some("vcf"), Some(3))
    );
    let cards = std::fs::read_to_string(&vcf).unwrap();
    assert_eq!(cards.matches("BEGIN:VCARD\r\n").count(), 3);
    assert!(cards.contains("N:Müller;Jürgen;;;\r\n"), "{cards}");

    let berlin = d.path("berlin.csv");
    let s = kith_json(
        &d.db(),
        &["export", "contact", p(&berlin), "--where", "city=Berlin"],
        0,
    );
    assert_eq!(s["records"], 2);
    let text = std::fs::read_to_string(&berlin).unwrap();
    assert_eq!(
        text.lines().count(),
        3,
        "a header and two Berliners: {text}"
    );
    assert!(!text.contains("München"));
    // The export imports back into an empty database as the same contacts.
    let e = Dir::new();
    let r = kith_json(&e.db(), &["import", "contact", p(&csv)], 0);
    assert_eq!(r["export"], "Kith");
    assert_eq!(r["source"]["encoding"], "UTF-8");
    assert_eq!(r["source"]["bom"], true);
    assert_eq!(r["counts"]["created"], 3);
    let bad = kith_json(
        &d.db(),
        &["export", "contact", p(&berlin), "--where", "city"],
        1,
    );
    assert_eq!(bad["error"]["code"], "validation");
}
