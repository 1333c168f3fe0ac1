//! Bad input through the whole import pipeline (`import::preview` and `import::run`): every
//! case ends with a clear message — a file-level `Error::BadFile` naming the file (and the
//! line when there is one), or a `Rejected` row with its line and a reason naming the problem
//! — never a panic or a hang, and what the database held before is left exactly as it was.
//!
//! Each case starts from a database with a few records. For a file-level error the records
//! (every kind, deleted ones included), the change-log length, the import batches and the
//! custom fields must be identical afterwards; for rejected rows only the good rows may have
//! been written. The small files live in `tests/data/import/bad/` (see its README.md); the
//! big ones (a 5 MB cell, 5,000 columns, a zip bomb) are generated here in a temp dir.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use kith::import::read::{Format, ReadOptions};
use kith::import::{self, BatchSummary, ImportOptions, ImportReport, Outcome};
use kith::{Error, ErrorCode, Kind, ListQuery, Store};

use crate::{Fixture, input};

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/import/bad")
        .join(name)
}

/// A database holding two contacts (one tagged, one with a custom field), a company and a
/// deal, and one earlier import — the things a bad file must not touch.
fn seeded() -> Fixture {
    let mut f = Fixture::new();
    let acme = f
        .store
        .create_record(Kind::Company, &input(&[("name", "Acme GmbH")]))
        .unwrap();
    let anna = f
        .store
        .create_record(
            Kind::Contact,
            &input(&[
                ("first_name", "Anna"),
                ("last_name", "Berg"),
                ("email", "anna@example.com"),
                ("city", "Berlin"),
                ("company_id", &acme.id),
                ("custom.Shoe size", "38"),
            ]),
        )
        .unwrap();
    f.store.tag_record(Kind::Contact, &anna.id, "vip").unwrap();
    f.store
        .create_record(
            Kind::Contact,
            &input(&[
                ("first_name", "Bob"),
                ("last_name", "Stone"),
                ("phone", "+4930123456"),
            ]),
        )
        .unwrap();
    f.store
        .create_record(
            Kind::Deal,
            &input(&[
                ("title", "Tea contract"),
                ("stage", "lead"),
                ("company_id", &acme.id),
            ]),
        )
        .unwrap();
    let earlier = f.dir.path().join("earlier.csv");
    std::fs::write(&earlier, "first_name,email\nCara,cara@example.com\n").unwrap();
    let r = run(&mut f.store, &earlier, &ImportOptions::default()).unwrap();
    assert_eq!(r.counts.created, 1, "the seed import works");
    f
}

/// Everything a failed import could have touched.
#[derive(Debug, PartialEq)]
struct Snapshot {
    records: serde_json::Value,
    changes: u64,
    batches: Vec<BatchSummary>,
    custom: Vec<String>,
    tags: Vec<(String, u64)>,
}

fn records(store: &Store) -> serde_json::Value {
    let q = ListQuery {
        limit: 1000,
        include_deleted: true,
        ..ListQuery::default()
    };
    let all: Vec<kith::EntityRecord> = Kind::ALL
        .iter()
        .flat_map(|k| store.list_records(*k, &q).unwrap().rows)
        .collect();
    serde_json::to_value(all).unwrap()
}

fn snapshot(store: &Store) -> Snapshot {
    Snapshot {
        records: records(store),
        changes: store.change_count().unwrap(),
        batches: store.import_batches().unwrap(),
        custom: store.custom_fields(Kind::Contact).unwrap(),
        tags: store.tags().unwrap(),
    }
}

fn run(store: &mut Store, path: &Path, opts: &ImportOptions) -> kith::Result<ImportReport> {
    import::run(
        store,
        path,
        Kind::Contact,
        opts,
        &mut |_| {},
        &AtomicBool::new(false),
    )
}

/// Runs a file that must be refused as a whole: the preview, a dry run and a real import all
/// give the same `BadFile` (naming the file, and the line when there is one), and the
/// database is exactly as before. Returns the reason and the line.
fn refused(path: &Path, opts: &ReadOptions) -> (String, Option<u64>) {
    let mut f = seeded();
    let before = snapshot(&f.store);
    let opts = ImportOptions {
        read: opts.clone(),
        ..ImportOptions::default()
    };
    let shown = path.display().to_string();
    let check = |e: Error, what: &str| -> (String, Option<u64>) {
        assert_eq!(e.code(), ErrorCode::BadFile, "{what}: {e}");
        let report = e.report();
        assert_eq!(report.code, ErrorCode::BadFile);
        let message = e.to_string();
        let Error::BadFile { path, line, reason } = e else {
            unreachable!("the code is BadFile")
        };
        // The window says the refusal from its code: the report carries it with the file and
        // the line, and the code's English is the message's reason.
        let fault = report
            .file
            .expect("a bad file's report names the file and the problem");
        assert_eq!(
            (&fault.path, fault.line, &fault.problem),
            (&path, line, &reason.code),
            "{what}"
        );
        assert_eq!(reason.code.to_string(), reason.text, "{what}");
        let reason = reason.text;
        assert_eq!(path, shown, "{what}: the error names the file as given");
        let expected = match line {
            Some(l) => format!("{shown}, line {l}: {reason}"),
            None => format!("{shown}: {reason}"),
        };
        assert_eq!(
            message, expected,
            "{what}: the message names file, line, reason"
        );
        (reason, line)
    };
    let preview = import::preview(&f.store, path, Kind::Contact, &opts)
        .expect_err("the preview refuses the file");
    let first = check(preview, "preview");
    let dry = run(
        &mut f.store,
        path,
        &ImportOptions {
            dry_run: true,
            ..opts.clone()
        },
    )
    .expect_err("a dry run refuses the file");
    assert_eq!(check(dry, "dry run"), first);
    let real = run(&mut f.store, path, &opts).expect_err("the import refuses the file");
    assert_eq!(check(real, "import"), first);
    assert_eq!(
        snapshot(&f.store),
        before,
        "a refused file leaves records, change log, batches, custom fields and tags alone"
    );
    first
}

/// Runs a file that imports (some rows may be rejected): the counts add up, `rows` is the
/// number of rows the file has after its header, and the records that were there before are
/// untouched. Returns the report and the fixture for more checks.
fn imported(path: &Path, opts: &ImportOptions, data_rows: u64) -> (ImportReport, Fixture) {
    let mut f = seeded();
    let before = records(&f.store);
    let changes = f.store.change_count().unwrap();
    let report = run(&mut f.store, path, opts).unwrap_or_else(|e| panic!("{e}"));
    assert!(report.counts.adds_up(), "{:?}", report.counts);
    assert_eq!(
        report.counts.rows, data_rows,
        "every row after the header is counted: {:#?}",
        report.rows
    );
    assert_eq!(
        report.rows.len() as u64,
        report.counts.rows - report.counts.created,
        "every row not simply created is listed with its reason"
    );
    let after = records(&f.store);
    for old in before.as_array().unwrap() {
        let now = after
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == old["id"])
            .expect("an old record is still there");
        assert_eq!(now, old, "an existing record was not touched");
    }
    if report.counts.created == 0 && report.counts.updated == 0 && report.counts.merged == 0 {
        assert_eq!(f.store.change_count().unwrap(), changes, "nothing written");
    }
    (report, f)
}

/// The contacts the import created (titles, sorted): the seed has Anna Berg, Bob Stone and
/// Cara, so anything else came from the file.
fn new_contacts(store: &Store) -> Vec<String> {
    let q = ListQuery {
        limit: 1000,
        ..ListQuery::default()
    };
    let mut titles: Vec<String> = store
        .list_records(Kind::Contact, &q)
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.title)
        .filter(|t| !["Anna Berg", "Bob Stone", "Cara"].contains(&t.as_str()))
        .collect();
    titles.sort();
    titles
}

/// The one rejected row of a report: its line and reason; and it is kept with the batch.
fn rejected(report: &ImportReport, store: &Store) -> Vec<(u64, String)> {
    let rows: Vec<(u64, String)> = report
        .rows
        .iter()
        .filter(|r| r.outcome == Outcome::Rejected)
        .map(|r| (r.line, r.reason.text.clone()))
        .collect();
    if let Some(batch) = &report.batch {
        let kept: Vec<(u64, String)> = store
            .import_rows(batch)
            .unwrap()
            .into_iter()
            .filter(|r| r.outcome == Outcome::Rejected)
            .map(|r| (r.line, r.reason))
            .collect();
        assert_eq!(kept, rows, "rejected rows are kept with the batch");
    }
    rows
}

// ---- refused as a whole ---------------------------------------------------------------------

#[test]
fn an_empty_file_is_refused() {
    assert_eq!(
        refused(&corpus("empty.csv"), &ReadOptions::default()),
        ("the file is empty".into(), None)
    );
}

#[test]
fn a_byte_order_mark_alone_is_an_empty_file() {
    assert_eq!(
        refused(&corpus("bom_only.csv"), &ReadOptions::default()),
        (
            "the file is empty (it holds only a byte-order mark)".into(),
            None
        )
    );
}

#[test]
fn a_png_with_a_csv_name_is_refused_as_binary() {
    let (reason, line) = refused(&corpus("png_named.csv"), &ReadOptions::default());
    assert_eq!(reason, "is not a text file (binary data near byte 6)");
    assert_eq!(line, None);
}

#[test]
fn a_truncated_xlsx_is_refused_as_unreadable() {
    let (reason, line) = refused(&corpus("truncated.xlsx"), &ReadOptions::default());
    assert!(
        reason.starts_with("is not a readable Excel workbook: "),
        "{reason}"
    );
    assert_eq!(line, None);
}

#[test]
fn a_missing_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (reason, line) = refused(&dir.path().join("nope.csv"), &ReadOptions::default());
    assert_eq!((reason.as_str(), line), ("the file does not exist", None));
}

#[test]
fn a_directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("contacts.csv");
    std::fs::create_dir(&folder).unwrap();
    let (reason, line) = refused(&folder, &ReadOptions::default());
    assert_eq!((reason.as_str(), line), ("is a folder, not a file", None));
}

#[test]
fn five_thousand_columns_are_refused_at_the_header_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wide.csv");
    let mut header = vec!["first_name".to_string(), "email".to_string()];
    header.extend((3..=5000).map(|i| format!("c{i}")));
    let mut row = vec!["Carl".to_string(), "carl@example.com".to_string()];
    row.extend((3..=5000).map(|i| i.to_string()));
    std::fs::write(&path, format!("{}\n{}\n", header.join(","), row.join(","))).unwrap();
    assert_eq!(
        refused(&path, &ReadOptions::default()),
        (
            "has 5000 columns; Kith imports at most 1000".into(),
            Some(1)
        )
    );
}

/// A real .xlsx written with the zip crate whose worksheet then declares `declared` bytes
/// uncompressed (in both its local and central headers): what a zip bomb looks like before
/// anything is inflated.
fn zip_bomb(path: &Path, declared: u32) {
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let entries = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".to_string(),
        ),
        (
            "xl/workbook.xml",
            "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheets><sheet name=\"S\" sheetId=\"1\"/></sheets></workbook>".to_string(),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                "<?xml version=\"1.0\"?><worksheet><sheetData>{}</sheetData></worksheet>",
                "<row><c t=\"inlineStr\"><is><t>0</t></is></c></row>".repeat(2000)
            ),
        ),
    ];
    for (name, text) in &entries {
        zip.start_file(*name, opts).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    let mut bytes = std::fs::read(path).unwrap();
    declare_size(&mut bytes, "xl/worksheets/sheet1.xml", declared);
    std::fs::write(path, bytes).unwrap();
}

/// Sets the uncompressed size of `name` in a zip's central and local headers.
fn declare_size(zip: &mut [u8], name: &str, size: u32) {
    let u32_at = |b: &[u8], i: usize| u32::from_le_bytes(b[i..i + 4].try_into().unwrap());
    let u16_at = |b: &[u8], i: usize| usize::from(u16::from_le_bytes([b[i], b[i + 1]]));
    let eocd = zip.len() - 22;
    assert_eq!(
        u32_at(zip, eocd),
        0x0605_4b50,
        "an end record without comment"
    );
    let mut at = u32_at(zip, eocd + 16) as usize;
    let mut found = false;
    while u32_at(zip, at) == 0x0201_4b50 {
        let (n, e, c) = (
            u16_at(zip, at + 28),
            u16_at(zip, at + 30),
            u16_at(zip, at + 32),
        );
        if &zip[at + 46..at + 46 + n] == name.as_bytes() {
            zip[at + 24..at + 28].copy_from_slice(&size.to_le_bytes());
            let local = u32_at(zip, at + 42) as usize;
            assert_eq!(u32_at(zip, local), 0x0403_4b50);
            zip[local + 22..local + 26].copy_from_slice(&size.to_le_bytes());
            found = true;
        }
        at += 46 + n + e + c;
    }
    assert!(found, "{name} is in the archive");
}

#[test]
fn a_zip_bomb_xlsx_is_refused_before_anything_is_inflated() {
    let dir = tempfile::tempdir().unwrap();
    // 3 GB declared for a worksheet of a few hundred bytes compressed.
    let path = dir.path().join("bomb.xlsx");
    zip_bomb(&path, 3_000_000_000);
    let (reason, line) = refused(&path, &ReadOptions::default());
    assert!(
        reason.starts_with(
            "was refused because it looks like a zip bomb: its entry \"xl/worksheets/sheet1.xml\" \
             inflates 2861 MB from "
        ),
        "{reason}"
    );
    assert_eq!(line, None);
    // The same archive with a .csv name is still a workbook, and still refused.
    let renamed = dir.path().join("bomb.csv");
    std::fs::rename(&path, &renamed).unwrap();
    let (reason, _) = refused(&renamed, &ReadOptions::default());
    assert!(reason.contains("zip bomb"), "{reason}");
}

// ---- imported, with rows rejected -----------------------------------------------------------

#[test]
fn a_header_only_file_imports_nothing_with_a_warning() {
    let (r, f) = imported(&corpus("header_only.csv"), &ImportOptions::default(), 0);
    assert_eq!(r.counts, import::Counts::default());
    assert!(
        r.warnings
            .iter()
            .any(|w| w.text == "the file has a header but no data rows"),
        "{:?}",
        r.warnings
    );
    assert_eq!(r.source.header_row, 1);
    assert!(new_contacts(&f.store).is_empty());
}

#[test]
fn ragged_rows_short_are_padded_long_with_extra_cells_are_rejected() {
    let (r, f) = imported(&corpus("ragged.csv"), &ImportOptions::default(), 3);
    assert_eq!(
        (r.counts.created, r.counts.rejected),
        (2, 1),
        "{:#?}",
        r.rows
    );
    assert_eq!(
        rejected(&r, &f.store),
        vec![(3, "has 5 cells but the header has 3 columns".to_string())]
    );
    let row = &r.rows[0];
    assert_eq!(
        row.cells,
        ["Dora", "Long", "dora@example.com", "extra", "more"],
        "a rejected row keeps every cell it had"
    );
    assert_eq!(new_contacts(&f.store), ["Carl Short", "Emil Trail"]);
}

#[test]
fn an_unclosed_quote_rejects_its_row_naming_the_lines_it_swallowed() {
    // Lines 3–4 are one row as read (the quote runs to the end of the file), so the file has
    // two rows after its header.
    let (r, f) = imported(&corpus("unclosed_quote.csv"), &ImportOptions::default(), 2);
    assert_eq!((r.counts.created, r.counts.rejected), (1, 1));
    let rows = rejected(&r, &f.store);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, 3);
    assert_eq!(
        rows[0].1,
        "a quoted field opened on line 3 is never closed; it runs to the end of the file, so \
         lines 3–4 were read as this one row"
    );
    assert!(
        r.rows[0].cells.concat().contains("emil@example.com"),
        "the swallowed line is in the rejected row's cells, so the user can see it"
    );
    assert_eq!(new_contacts(&f.store), ["Carl Good"]);
}

#[test]
fn a_nul_byte_rejects_only_its_row() {
    let (r, f) = imported(&corpus("nul_bytes.csv"), &ImportOptions::default(), 3);
    assert_eq!(
        rejected(&r, &f.store),
        vec![(3, "contains a NUL byte in column 2".to_string())]
    );
    assert_eq!(new_contacts(&f.store), ["Carl Good", "Emil Fine"]);
}

#[test]
fn one_invalid_byte_in_a_utf8_file_rejects_only_its_row() {
    let (r, f) = imported(&corpus("bad_utf8_byte.csv"), &ImportOptions::default(), 3);
    assert_eq!(r.source.encoding.as_deref(), Some("UTF-8"));
    assert!(
        r.warnings
            .iter()
            .any(|w| w.text.contains("invalid byte sequences") && w.text.contains("rejected")),
        "{:?}",
        r.warnings
    );
    assert_eq!(
        rejected(&r, &f.store),
        vec![(3, "invalid bytes for UTF-8 in column 2".to_string())]
    );
    assert_eq!(
        new_contacts(&f.store),
        ["Jürgen Müller", "Renée Faure"],
        "the accented names around the bad byte are read as UTF-8, not garbled"
    );
}

#[test]
fn a_gbk_file_forced_to_utf8_rejects_its_rows_naming_the_encoding() {
    let forced = ImportOptions {
        read: ReadOptions {
            encoding: Some("utf-8".into()),
            ..ReadOptions::default()
        },
        ..ImportOptions::default()
    };
    let (r, f) = imported(&corpus("gbk_ascii_header.csv"), &forced, 2);
    assert!(!r.source.encoding_detected);
    assert_eq!(r.counts.rejected, 2, "{:#?}", r.rows);
    assert_eq!(
        rejected(&r, &f.store),
        vec![
            (2, "invalid bytes for UTF-8 in columns 1, 2, 4".to_string()),
            (3, "invalid bytes for UTF-8 in columns 1, 2, 4".to_string()),
        ]
    );
    assert!(new_contacts(&f.store).is_empty());
    // Detected, the same file reads as GBK.
    let (r, f) = imported(
        &corpus("gbk_ascii_header.csv"),
        &ImportOptions::default(),
        2,
    );
    assert_eq!(r.source.encoding.as_deref(), Some("GBK"));
    assert_eq!(r.counts.created, 2, "{:#?}", r.rows);
    assert_eq!(new_contacts(&f.store), ["李明", "王芳"]);
}

#[test]
fn a_gbk_file_with_chinese_headers_forced_to_utf8_names_the_encoding() {
    // Forced to UTF-8, the headers are garbled too, so nothing maps and the import cannot
    // go on. The reader knows why (it warns "the header row has characters that are not
    // valid UTF-8; check the encoding"), but the warning is lost: the user is told the file
    // has no name column, which sends them to the mapping instead of the encoding.
    let mut f = seeded();
    let before = snapshot(&f.store);
    let forced = ImportOptions {
        read: ReadOptions {
            encoding: Some("utf-8".into()),
            ..ReadOptions::default()
        },
        ..ImportOptions::default()
    };
    let path = corpus("gbk_chinese_header.csv");
    // The preview still opens (so the user can pick another encoding) and carries the warning.
    let preview = import::preview(&f.store, &path, Kind::Contact, &forced).unwrap();
    assert!(
        preview
            .source
            .warnings
            .iter()
            .any(|w| w.text.contains("UTF-8") && w.text.contains("encoding")),
        "{:?}",
        preview.source.warnings
    );
    let err = run(&mut f.store, &path, &forced)
        .map(|_| ())
        .expect_err("nothing maps, so the file cannot be imported as it is");
    let message = err.to_string();
    assert_eq!(err.code(), ErrorCode::Validation, "{message}");
    assert!(
        message.contains("UTF-8") && message.contains("encoding"),
        "the message says the header is not valid UTF-8 and to check the encoding: {message}"
    );
    assert_eq!(
        snapshot(&f.store),
        before,
        "a refused import writes nothing"
    );
}

/// Headers that map to no name, email or phone: the automatic mapping is not enough, and
/// the user must map the columns by hand.
const UNMAPPED: &[u8] = b"Col A,Col B,Col C\nCarl,carl@example.com,Bonn\n";

#[test]
fn headers_that_map_to_nothing_import_with_a_mapping_and_are_refused_without() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("odd.csv");
    std::fs::write(&path, UNMAPPED).unwrap();
    let mut f = seeded();
    let before = snapshot(&f.store);
    let e = run(&mut f.store, &path, &ImportOptions::default())
        .expect_err("nothing says who the rows are");
    assert_eq!(
        e.to_string(),
        "first_name: Contacts need a column for one of First name, Last name, Full name, Email \
         or Phone"
    );
    assert_eq!(
        snapshot(&f.store),
        before,
        "a refused import writes nothing"
    );
    let mapped = ImportOptions {
        mapping: Some(
            ["first_name", "email", "city"]
                .iter()
                .enumerate()
                .map(|(i, t)| import::mapping::ColumnMap {
                    column: i,
                    header: format!("Col {}", ["A", "B", "C"][i]),
                    target: (*t).into(),
                    source: import::mapping::MapSource::User,
                })
                .collect(),
        ),
        ..ImportOptions::default()
    };
    let (r, f) = imported(&path, &mapped, 1);
    assert_eq!(r.counts.created, 1);
    assert_eq!(new_contacts(&f.store), ["Carl"]);
}

#[test]
fn headers_that_map_to_nothing_can_still_be_previewed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("odd.csv");
    std::fs::write(&path, UNMAPPED).unwrap();
    let f = seeded();
    let p = import::preview(&f.store, &path, Kind::Contact, &ImportOptions::default())
        .unwrap_or_else(|e| panic!("the preview is where the user maps the columns: {e}"));
    assert_eq!(p.source.headers, ["Col A", "Col B", "Col C"]);
    assert_eq!(p.samples.len(), 1);
    assert_eq!(p.mapping.len(), 3, "every column has a proposed target");
    assert!(p.targets.iter().any(|t| t.key == "first_name"));
}

#[test]
fn a_five_megabyte_cell_rejects_its_row_in_megabytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    let big = "x".repeat(5 * 1024 * 1024);
    std::fs::write(
        &path,
        format!("first_name,last_name,notes\nCarl,Big,\"{big}\"\nDora,Small,fine\n"),
    )
    .unwrap();
    let (r, f) = imported(&path, &ImportOptions::default(), 2);
    let rows = rejected(&r, &f.store);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, 2);
    assert_eq!(
        rows[0].1,
        "notes: is 5.0 MB long, more than the 100000 characters a field holds"
    );
    assert_eq!(r.rows[0].issues[0].field, "notes", "the column is named");
    assert_eq!(new_contacts(&f.store), ["Dora Small"]);
}

#[test]
fn duplicate_header_names_are_both_kept_the_second_as_a_custom_field() {
    let (r, f) = imported(
        &corpus("duplicate_headers.csv"),
        &ImportOptions::default(),
        2,
    );
    assert_eq!(r.source.format, Format::Csv);
    assert_eq!(r.source.headers, ["first_name", "Email", "Email (2)"]);
    assert!(
        r.warnings
            .iter()
            .any(|w| w.text.contains("\"Email\" appears more than once")
                && w.text.contains("\"Email (2)\"")),
        "{:?}",
        r.warnings
    );
    let targets: Vec<(&str, &str)> = r
        .mapping
        .iter()
        .map(|c| (c.header.as_str(), c.target.as_str()))
        .collect();
    assert_eq!(
        targets,
        [
            ("first_name", "first_name"),
            ("Email", "email"),
            ("Email (2)", "custom.Email (2)")
        ],
        "never two columns on one field, and nothing dropped"
    );
    assert_eq!(r.counts.created, 2);
    let q = ListQuery {
        limit: 100,
        ..ListQuery::default()
    };
    let carl = f
        .store
        .list_records(Kind::Contact, &q)
        .unwrap()
        .rows
        .into_iter()
        .find(|c| c.title == "Carl")
        .unwrap();
    assert_eq!(carl.text("email").as_deref(), Some("carl@example.com"));
    assert_eq!(
        carl.custom.get("Email (2)").map(String::as_str),
        Some("carl.work@example.com")
    );
}

#[test]
fn the_corpus_is_small_and_described() {
    let dir = corpus("");
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(
            entry.metadata().unwrap().len() < 20 * 1024,
            "{name} is under 20 KB"
        );
        if name != "README.md" && !name.starts_with('.') {
            assert!(
                readme.contains(&format!("`{name}`")),
                "README.md lists {name}"
            );
        }
    }
    // Every file is the format it claims to test.
    let head = |n: &str| std::fs::read(corpus(n)).unwrap();
    assert!(head("empty.csv").is_empty());
    assert_eq!(head("bom_only.csv"), b"\xEF\xBB\xBF");
    assert!(head("png_named.csv").starts_with(b"\x89PNG\r\n\x1a\n"));
    assert!(head("truncated.xlsx").starts_with(b"PK\x03\x04"));
    assert!(std::str::from_utf8(&head("gbk_ascii_header.csv")).is_err());
}
