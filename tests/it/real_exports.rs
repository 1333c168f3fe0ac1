//! Files shaped exactly like real exports (Google Contacts, Outlook, iCloud, HubSpot, Excel/WPS
//! in GBK and UTF-16, a German semicolon CSV, shop workbooks, purchase logs), imported with no
//! options but what a user would give: every data row gets in, the one row with nothing to
//! identify anyone is the only rejection, and every odd value is kept and flagged, not lost.
//!
//! The fixtures live in `tests/data/import/exports/` (see its README for what is planted where);
//! the workbooks are written here with rust_xlsxwriter. The review part of the report
//! (`rows[].review`, `counts.flagged`, `notes`) is read from the report's JSON, so these tests
//! state the behaviour whatever the Rust shape of those types. Each test gathers every failed
//! expectation of its file and fails once, listing them all.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use kith::import::{self, ImportOptions, ImportReport};
use kith::{EntityRecord, Kind, ListQuery, Store};
use serde_json::Value as Json;

use crate::Fixture;

/// A value the cleaner cannot read, kept as written and flagged on its row.
struct Flag {
    /// A cell that tells the row apart (its email, name or phone as written).
    row: &'static str,
    /// The Kith field the value was meant for.
    field: &'static str,
    /// The file's header of its column.
    column: &'static str,
    /// The cell exactly as written.
    raw: &'static str,
}

/// What a stored field must hold.
enum Want {
    /// Exactly this text.
    Is(&'static str),
    /// Nothing (a placeholder, `0/0/00`, a dropped duplicate).
    Empty,
    /// These lines, whatever the line ends (multi-line notes and addresses).
    Lines(&'static [&'static str]),
}

/// A field of the record found by `find` (field, value): `company` is the linked company's
/// name, `tags` the tags joined by ", ", `custom.X` a custom field.
struct Stored {
    find: (&'static str, &'static str),
    field: &'static str,
    want: Want,
}

/// One file and what its import must do.
struct Case<'a> {
    file: &'static str,
    /// The known export the headers must be recognised as.
    export: Option<&'static str>,
    /// The default country a user would give (only where the file cannot say it).
    country: Option<&'static str>,
    /// rows, created, merged, skipped, rejected.
    counts: (u64, u64, u64, u64, u64),
    /// A cell of the one row with nothing to identify anyone (the only rejection).
    rejected: Option<&'static str>,
    flags: &'a [Flag],
    /// Placeholder cells (column, cell): read as empty, not flagged, named in a note.
    placeholders: &'a [(&'a str, &'a str)],
    stored: &'a [Stored],
}

const fn flag(
    row: &'static str,
    field: &'static str,
    column: &'static str,
    raw: &'static str,
) -> Flag {
    Flag {
        row,
        field,
        column,
        raw,
    }
}

const fn is(find: (&'static str, &'static str), field: &'static str, want: &'static str) -> Stored {
    Stored {
        find,
        field,
        want: Want::Is(want),
    }
}

const fn empty(find: (&'static str, &'static str), field: &'static str) -> Stored {
    Stored {
        find,
        field,
        want: Want::Empty,
    }
}

const fn lines(
    find: (&'static str, &'static str),
    field: &'static str,
    want: &'static [&'static str],
) -> Stored {
    Stored {
        find,
        field,
        want: Want::Lines(want),
    }
}

fn exports_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import/exports")
}

fn run(
    store: &mut Store,
    path: &Path,
    kind: Kind,
    country: Option<&str>,
) -> kith::Result<ImportReport> {
    let opts = ImportOptions {
        default_country: country.map(str::to_string),
        ..ImportOptions::default()
    };
    import::run(
        store,
        path,
        kind,
        &opts,
        &mut |_| {},
        &AtomicBool::new(false),
    )
}

fn all(store: &Store, kind: Kind) -> Vec<EntityRecord> {
    let q = ListQuery {
        limit: 1000,
        ..ListQuery::default()
    };
    store.list_records(kind, &q).expect("list records").rows
}

/// A field of a record as the tests name it (see [`Stored`]); `None` when empty.
fn field_of(r: &EntityRecord, field: &str) -> Option<String> {
    let v = match field {
        "company" => r.refs.get("company_id").cloned(),
        "tags" => Some(r.tags.join(", ")),
        f => match f.strip_prefix("custom.") {
            Some(name) => r.custom.get(name).cloned(),
            None => r.text(f),
        },
    };
    v.filter(|s| !s.trim().is_empty())
}

/// The report's rows (as JSON) whose cells hold `cell` exactly.
fn rows_with<'a>(report: &'a Json, cell: &str) -> Vec<&'a Json> {
    report["rows"]
        .as_array()
        .map(|rows| {
            rows.iter()
                .filter(|r| {
                    r["cells"]
                        .as_array()
                        .is_some_and(|c| c.iter().any(|v| v.as_str() == Some(cell)))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn review_of(row: &Json) -> Vec<(String, String, String)> {
    row["review"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|v| {
                    let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
                    (s("field"), s("column"), s("raw"))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Checks one import against its case; returns every failed expectation.
fn check(case: &Case<'_>, store: &Store, report: &ImportReport) -> Vec<String> {
    let mut failed = Vec::new();
    let json = serde_json::to_value(report).expect("the report serialises");
    let c = report.counts;
    if !c.adds_up() {
        failed.push(format!("the outcomes must add up to the rows: {c:?}"));
    }
    let got = (c.rows, c.created, c.merged, c.skipped, c.rejected);
    if got != case.counts {
        let rows: Vec<String> = report
            .rows
            .iter()
            .map(|r| format!("line {} {:?}: {}", r.line, r.outcome, r.reason))
            .collect();
        failed.push(format!(
            "every data row must get in: (rows, created, merged, skipped, rejected) = {got:?}, \
             want {:?}; rows: {rows:#?}",
            case.counts
        ));
    }
    if c.updated != 0 {
        failed.push(format!(
            "an empty database has nothing to update, yet {} rows were",
            c.updated
        ));
    }
    if let Some(cell) = case.rejected {
        let hit = rows_with(&json, cell);
        if !hit.iter().any(|r| r["outcome"] == "rejected") {
            failed.push(format!(
                "the row with nothing to identify anyone ('{cell}') must be the rejected one: {hit:?}"
            ));
        }
    }
    if case.export.is_some() && report.export.as_deref() != case.export {
        failed.push(format!(
            "the headers must be recognised as {:?}, got {:?}",
            case.export, report.export
        ));
    }
    // Every planted value is flagged on its own row, kept as written.
    let mut flagged_rows: Vec<&str> = case.flags.iter().map(|f| f.row).collect();
    flagged_rows.sort_unstable();
    flagged_rows.dedup();
    for f in case.flags {
        let hits = rows_with(&json, f.row);
        let Some(row) = hits.first() else {
            failed.push(format!(
                "row '{}' must be listed with its value to review ({} '{}'), it is not in the report",
                f.row, f.column, f.raw
            ));
            continue;
        };
        let outcome = row["outcome"].as_str().unwrap_or_default();
        if !matches!(outcome, "created" | "updated" | "merged") {
            failed.push(format!(
                "row '{}' must be written despite '{}' in {} (an optional value never costs its \
                 row), it was {outcome}: {}",
                f.row, f.raw, f.column, row["reason"]
            ));
        }
        let review = review_of(row);
        let want = (f.field.to_string(), f.column.to_string(), f.raw.to_string());
        if !review.contains(&want) {
            failed.push(format!(
                "row '{}' must flag {want:?} (field, column, raw as written), its review is {review:?}",
                f.row
            ));
        }
    }
    let flagged = json["counts"]["flagged"].as_u64();
    if flagged != Some(flagged_rows.len() as u64) {
        let listed: Vec<String> = report
            .rows
            .iter()
            .zip(json["rows"].as_array().into_iter().flatten())
            .filter(|(_, j)| !review_of(j).is_empty())
            .map(|(r, j)| format!("line {}: {:?}", r.line, review_of(j)))
            .collect();
        failed.push(format!(
            "counts.flagged must be the {} rows with planted values, got {flagged:?}; flagged: \
             {listed:#?}",
            flagged_rows.len()
        ));
    }
    // Placeholders: empty, not flagged, and said once per column.
    let notes: Vec<String> = json["notes"]
        .as_array()
        .map(|n| {
            n.iter()
                .filter_map(|s| s["text"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    for (column, cell) in case.placeholders {
        if !notes.iter().any(|n| n.contains(column) && n.contains(cell)) {
            failed.push(format!(
                "a note must say that '{cell}' in {column} was read as empty (a placeholder); \
                 notes: {notes:?}"
            ));
        }
        for row in rows_with(&json, cell) {
            if review_of(row)
                .iter()
                .any(|(_, col, raw)| col == column && raw == cell)
            {
                failed.push(format!(
                    "placeholder '{cell}' in {column} is not a value to review, yet it is flagged"
                ));
            }
        }
    }
    let kind = report.kind;
    let records = all(store, kind);
    for s in case.stored {
        let (by, value) = s.find;
        let found: Vec<&EntityRecord> = records
            .iter()
            .filter(|r| field_of(r, by).as_deref() == Some(value))
            .collect();
        let [record] = found.as_slice() else {
            failed.push(format!(
                "one {kind} must have {by} = '{value}' (to check its {}), found {}",
                s.field,
                found.len()
            ));
            continue;
        };
        let got = field_of(record, s.field);
        let ok = match &s.want {
            Want::Is(w) => got.as_deref() == Some(*w),
            Want::Empty => got.is_none(),
            Want::Lines(w) => got
                .as_deref()
                .is_some_and(|g| g.lines().eq(w.iter().copied())),
        };
        if !ok {
            let want = match &s.want {
                Want::Is(w) => format!("'{w}'"),
                Want::Empty => "empty".into(),
                Want::Lines(w) => format!("the lines {w:?}"),
            };
            failed.push(format!(
                "{kind} with {by} = '{value}': {} must be {want}, got {got:?}",
                s.field
            ));
        }
    }
    failed
}

/// Imports `path` as contacts into a fresh database and checks it against `case`.
fn import_case(case: &Case<'_>, path: &Path) -> Vec<String> {
    let mut f = Fixture::new();
    match run(&mut f.store, path, Kind::Contact, case.country) {
        Ok(report) => check(case, &f.store, &report),
        Err(e) => vec![format!(
            "the import must not stop: {e} (with no options: {:?})",
            e.report()
        )],
    }
}

fn assert_case(case: &Case<'_>, path: &Path) {
    let failed = import_case(case, path);
    assert!(
        failed.is_empty(),
        "{}: {} expectation(s) failed:\n- {}",
        case.file,
        failed.len(),
        failed.join("\n- ")
    );
}

fn assert_file(case: &Case<'_>) {
    assert_case(case, &exports_dir().join(case.file));
}

// --- Google Contacts ----------------------------------------------------------------------------

/// What both Google layouts must give (the same 14 people; see the README).
const GOOGLE_FLAGS: &[Flag] = &[
    flag("Smith", "phone", "Phone 1 - Value", "+1 555 010 2000"),
    flag(
        "Brown",
        "phone",
        "Phone 1 - Value",
        "+44 7400 123123 ::: +44 20 7946 0958",
    ),
    flag(
        "Whitfield",
        "email",
        "E-mail 1 - Value",
        "dana@whitfield.example ::: dana.whitfield@example.org",
    ),
];

const GOOGLE_STORED: &[Stored] = &[
    is(
        ("email", "alice.martin@atelier-lumiere.fr"),
        "phone",
        "+33612345678",
    ),
    is(
        ("email", "alice.martin@atelier-lumiere.fr"),
        "birthday",
        "--03-05",
    ),
    lines(
        ("email", "alice.martin@atelier-lumiere.fr"),
        "address",
        &["12 Rue de Rivoli", "75001 Paris", "France"],
    ),
    is(
        ("email", "bob.smith@example.com"),
        "phone",
        "+1 555 010 2000",
    ),
    is(("email", "bob.smith@example.com"), "birthday", "1985-07-14"),
    is(("email", "chen.jing@example.cn"), "phone", "+8613800138000"),
    is(
        ("email", "hans@mueller-bau.example"),
        "phone",
        "+493012345678",
    ),
    is(
        ("email", "priya.shah@example.co.uk"),
        "phone",
        "+442079460018",
    ),
    is(("email", "yuki.tanaka@example.jp"), "phone", "+81312345678"),
    // Google joins two values of one field with ` ::: `: the first is used, the cell is kept.
    is(
        ("email", "oliver.brown@example.co.uk"),
        "phone",
        "+447400123123",
    ),
    is(("first_name", "Dana"), "email", "dana@whitfield.example"),
    is(("email", "sofia.garcia@example.es"), "birthday", "--11-23"),
    empty(("phone", "+33698765432"), "first_name"),
    is(
        ("company", "Boulangerie Dupont"),
        "company",
        "Boulangerie Dupont",
    ),
    empty(("email", "marco.rossi@example.it"), "company"),
    empty(("email", "marco.rossi@example.it"), "job_title"),
    empty(("email", "marco.rossi@example.it"), "notes"),
    lines(
        ("email", "liam@oconnor.example"),
        "notes",
        &["Met at Web Summit", "Interested in the \"pro\" plan"],
    ),
];

#[test]
fn google_contacts_every_row_and_every_odd_value() {
    let mut failed = Vec::new();
    for (file, org, title, notes) in [
        (
            "google_contacts.csv",
            "Organization Name",
            "Organization Title",
            "Notes",
        ),
        (
            "google_contacts_legacy.csv",
            "Organization 1 - Name",
            "Organization 1 - Title",
            "Notes",
        ),
    ] {
        let case = Case {
            file,
            export: Some("Google Contacts"),
            country: None,
            counts: (14, 13, 0, 0, 1),
            rejected: Some("left a voicemail, no name"),
            flags: GOOGLE_FLAGS,
            placeholders: &[(org, "n/a"), (title, "-"), (notes, "none")],
            stored: GOOGLE_STORED,
        };
        let path = exports_dir().join(file);
        failed.extend(
            import_case(&case, &path)
                .into_iter()
                .map(|f| format!("{file}: {f}")),
        );
    }
    assert!(
        failed.is_empty(),
        "{} expectation(s) failed:\n- {}",
        failed.len(),
        failed.join("\n- ")
    );
}

// --- Outlook --------------------------------------------------------------------------------------

#[test]
fn outlook_classic_csv_in_windows_1252() {
    assert_file(&Case {
        file: "outlook.csv",
        export: Some("Outlook"),
        country: None,
        // Grace Hopper twice (same e-mail): the second row merges into the first.
        counts: (11, 9, 1, 0, 1),
        rejected: Some("Holiday cards"),
        flags: &[
            flag("Lin", "phone", "Mobile Phone", "+1 555 010 2000"),
            flag(
                "Okafor",
                "email",
                "E-mail Address",
                "sales@brightsign.example; info@brightsign.example",
            ),
        ],
        placeholders: &[("Company", "-"), ("Job Title", "none")],
        stored: &[
            is(
                ("email", "grace@cobolworks.example"),
                "birthday",
                "1906-12-09",
            ),
            is(
                ("email", "grace@cobolworks.example"),
                "company",
                "Cobol Works",
            ),
            is(
                ("email", "zoe.dubois@cafe-ole.example"),
                "first_name",
                "Zoë",
            ),
            is(
                ("email", "zoe.dubois@cafe-ole.example"),
                "custom.Middle Name",
                "Renée",
            ),
            is(
                ("email", "zoe.dubois@cafe-ole.example"),
                "company",
                "Café Olé SARL",
            ),
            is(
                ("email", "zoe.dubois@cafe-ole.example"),
                "phone",
                "+33611223344",
            ),
            is(
                ("email", "zoe.dubois@cafe-ole.example"),
                "birthday",
                "1980-03-05",
            ),
            is(("email", "tom.baker@example.com"), "birthday", "1975-07-14"),
            lines(
                ("email", "tom.baker@example.com"),
                "notes",
                &[
                    "Met at the trade fair in Hanover.",
                    "Quote: \"call me in spring\".",
                    "- prefers email, budget 5.000 €",
                ],
            ),
            // `0/0/00` is Outlook's "no date".
            empty(("email", "mei.lin@example.com"), "birthday"),
            empty(("email", "juergen.weiss@example.de"), "birthday"),
            is(("email", "mei.lin@example.com"), "phone", "+1 555 010 2000"),
            is(("email", "juergen.weiss@example.de"), "last_name", "Weiß"),
            is(("phone", "+447400123456"), "phone", "+447400123456"),
            is(
                ("company", "Messe Hanover Services"),
                "company",
                "Messe Hanover Services",
            ),
            empty(("email", "k.novak@example.cz"), "company"),
            empty(("email", "k.novak@example.cz"), "job_title"),
        ],
    });
}

// --- iCloud vCard ---------------------------------------------------------------------------------

#[test]
fn icloud_vcard_3() {
    assert_file(&Case {
        file: "icloud.vcf",
        export: None,
        country: None,
        counts: (10, 9, 0, 0, 1),
        rejected: Some("gate code 4711"),
        flags: &[flag("Bob Smith", "phone", "Phone", "+1 555 010 2000")],
        placeholders: &[("Organization", "n/a"), ("Title", "-")],
        stored: &[
            // BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-05 is a birthday without a year.
            is(
                ("email", "alice.martin@atelier-lumiere.fr"),
                "birthday",
                "--03-05",
            ),
            is(
                ("email", "alice.martin@atelier-lumiere.fr"),
                "phone",
                "+33612345678",
            ),
            is(("email", "bob.smith@example.com"), "birthday", "--07-14"),
            is(
                ("email", "bob.smith@example.com"),
                "phone",
                "+1 555 010 2000",
            ),
            lines(
                ("email", "jordan.lee@example.com"),
                "address",
                &["1 Infinite Loop", "Building 2"],
            ),
            is(("email", "jordan.lee@example.com"), "phone", "+14085550134"),
            is(("last_name", "陈"), "phone", "+8613800138000"),
            is(("last_name", "陈"), "birthday", "1988-08-08"),
            is(("phone", "+447400123789"), "phone", "+447400123789"),
            is(
                ("company", "Boulangerie Dupont"),
                "company",
                "Boulangerie Dupont",
            ),
            empty(("email", "marco.rossi@example.it"), "company"),
            empty(("email", "marco.rossi@example.it"), "job_title"),
            lines(
                ("email", "sofia.garcia@example.es"),
                "notes",
                &[
                    "Met at the Barcelona fair in March. Wants a quote for forty licences, annual \
                     billing.",
                    "Call after 16:00 Madrid time.",
                ],
            ),
            is(("last_name", "Müller"), "phone", "+493012345678"),
            is(("last_name", "Müller"), "birthday", "1970-01-31"),
        ],
    });
}

// --- HubSpot --------------------------------------------------------------------------------------

#[test]
fn hubspot_contacts_export() {
    assert_file(&Case {
        file: "hubspot_contacts.csv",
        export: Some("HubSpot"),
        country: None,
        // Alice Martin twice (Record ID 51 and 501, same e-mail): merged.
        counts: (12, 10, 1, 0, 1),
        rejected: Some("451"),
        flags: &[
            flag("Smith", "phone", "Phone Number", "+1 555 010 2000"),
            flag(
                "Okafor",
                "email",
                "Email",
                "ops@northwind.example, billing@northwind.example",
            ),
        ],
        placeholders: &[("Company Name", "-"), ("Job Title", "n/a")],
        stored: &[
            is(
                ("email", "alice.martin@atelier-lumiere.fr"),
                "phone",
                "+33612345678",
            ),
            is(
                ("email", "alice.martin@atelier-lumiere.fr"),
                "custom.Lead Status",
                "CONNECTED",
            ),
            is(
                ("email", "bob.smith@example.com"),
                "phone",
                "+1 555 010 2000",
            ),
            is(
                ("email", "priya.shah@example.co.uk"),
                "phone",
                "+447400123123",
            ),
            is(("email", "lena.vogel@example.de"), "phone", "+493012345678"),
            is(("email", "noah@fischer.example"), "phone", "+41446681800"),
            empty(("email", "marco.rossi@example.it"), "company"),
            empty(("email", "marco.rossi@example.it"), "job_title"),
            is(("phone", "+12015550175"), "custom.Record ID", "351"),
            is(("company", "Globex Logistics"), "custom.Record ID", "401"),
        ],
    });
}

// --- Excel / WPS, Chinese Windows, GBK ------------------------------------------------------------

const GBK: Case<'static> = Case {
    file: "excel_gbk.csv",
    export: None,
    // A shop in China: the user's country says how to read 138 0013 8000.
    country: Some("CN"),
    counts: (14, 13, 0, 0, 1),
    rejected: Some("上次来店没留名字"),
    flags: &[
        flag("刘洋", "birthday", "生日", "五月中旬"),
        flag(
            "陈杰",
            "email",
            "邮箱",
            "chenjie@example.cn；chen.jie@example.com",
        ),
        flag("Tony Wang", "phone", "手机", "+1 555 010 2000"),
        flag("郑爽", "phone", "手机", "1381234567"),
    ],
    placeholders: &[
        ("公司", "无"),
        ("职位", "暂无"),
        ("地址", "不详"),
        ("手机", "暂无"),
        ("生日", "不详"),
        ("备注", "-"),
    ],
    stored: &[
        is(("email", "zhangwei@example.cn"), "phone", "+8613800138000"),
        is(("email", "zhangwei@example.cn"), "birthday", "1985-04-12"),
        is(
            ("email", "zhangwei@example.cn"),
            "company",
            "北京星辰科技有限公司",
        ),
        empty(("email", "lina@example.cn"), "company"),
        empty(("email", "lina@example.cn"), "job_title"),
        empty(("email", "lina@example.cn"), "address"),
        is(("email", "lina@example.cn"), "phone", "+8613912345678"),
        empty(("email", "wangfang@example.cn"), "phone"),
        empty(("email", "wangfang@example.cn"), "birthday"),
        empty(("first_name", "洋"), "birthday"),
        is(("first_name", "洋"), "phone", "+8613800138000"),
        is(("phone", "+8618612345678"), "phone", "+8618612345678"),
        is(
            ("email", "tony.wang@example.com"),
            "phone",
            "+1 555 010 2000",
        ),
        lines(
            ("first_name", "涛"),
            "address",
            &["浙江省杭州市西湖区", "文三路100号"],
        ),
        is(("first_name", "涛"), "birthday", "1979-10-01"),
        is(("first_name", "磊"), "phone", "+8657188886666"),
        is(("first_name", "磊"), "company", "杭州云帆网络科技有限公司"),
        empty(("email", "zhaomin@example.cn"), "notes"),
        is(("first_name", "爽"), "phone", "1381234567"),
        is(("email", "sunli@example.cn"), "birthday", "1992-11-03"),
    ],
};

#[test]
fn excel_gbk_csv_with_chinese_headers() {
    assert_file(&GBK);
}

/// With no country at all (a machine whose locale names none), no row is lost either: the
/// numbers are kept as written and flagged instead.
#[test]
fn excel_gbk_csv_without_a_country_loses_no_row() {
    let mut f = Fixture::new();
    let path = exports_dir().join(GBK.file);
    let report = run(&mut f.store, &path, Kind::Contact, None);
    let report = report.unwrap_or_else(|e| panic!("the import must not stop: {e}"));
    let c = report.counts;
    assert_eq!(
        (c.rows, c.created, c.rejected),
        (14, 13, 1),
        "a phone without its country never costs its row: {:#?}",
        report.rows
    );
}

// --- Excel "Unicode Text" ------------------------------------------------------------------------

#[test]
fn excel_unicode_text_utf16_tabs() {
    assert_file(&Case {
        file: "excel_unicode.txt",
        export: None,
        country: None,
        counts: (12, 11, 0, 0, 1),
        rejected: Some("see paper file"),
        flags: &[
            flag("Grace Park", "birthday", "Birthday", "sometime in May"),
            flag("Mei Lin", "phone", "Phone", "+1 555 010 2000"),
            flag(
                "Ruth Okafor",
                "email",
                "Email",
                "ruth@okafor.example; r.okafor@example.org",
            ),
        ],
        placeholders: &[("Phone", "n/a"), ("Company", "N/A")],
        stored: &[
            is(("email", "emilie@laurent.example"), "phone", "+33612345679"),
            lines(
                ("email", "emilie@laurent.example"),
                "address",
                &["5 Rue Oberkampf", "75011 Paris"],
            ),
            is(
                ("email", "emilie@laurent.example"),
                "birthday",
                "1980-03-05",
            ),
            empty(("email", "grace.park@example.com"), "birthday"),
            empty(("email", "kofi@mensah.example"), "phone"),
            empty(("email", "kofi@mensah.example"), "company"),
            is(("phone", "+442079460321"), "phone", "+442079460321"),
            is(
                ("company", "Contoso Pharmacy"),
                "company",
                "Contoso Pharmacy",
            ),
            is(("email", "bobby@tables.example"), "birthday", "1979-04-23"),
            is(("email", "ines@duarte.example"), "notes", "Prefers\tSMS"),
            is(
                ("email", "lukas.becker@example.de"),
                "phone",
                "+49891234567",
            ),
            is(
                ("email", "lucia@fernandez.example"),
                "phone",
                "+34612345678",
            ),
            is(
                ("email", "lucia@fernandez.example"),
                "last_name",
                "Fernández",
            ),
        ],
    });
}

// --- German Excel, semicolons ---------------------------------------------------------------------

#[test]
fn german_semicolon_csv() {
    assert_file(&Case {
        file: "german_semicolon.csv",
        export: None,
        country: None,
        counts: (13, 12, 0, 0, 1),
        rejected: Some("0,00"),
        flags: &[
            flag("Lin", "phone", "Telefon", "+1 555 010 2000"),
            flag(
                "Schulz",
                "email",
                "E-Mail",
                "info@baeckerei-schulz.de, bestellung@baeckerei-schulz.de",
            ),
            flag("Hoffmann", "birthday", "Geburtstag", "Mitte Mai"),
        ],
        placeholders: &[("Telefon", "-"), ("Firma", "k.A."), ("Geburtstag", "k.A.")],
        stored: &[
            is(
                ("email", "hans.mueller@example.de"),
                "phone",
                "+49309876543",
            ),
            is(
                ("email", "hans.mueller@example.de"),
                "birthday",
                "1980-05-03",
            ),
            is(
                ("email", "hans.mueller@example.de"),
                "custom.Umsatz",
                "1.234,56",
            ),
            is(("email", "hans.mueller@example.de"), "city", "Berlin"),
            is(
                ("email", "anna.schmidt@example.de"),
                "phone",
                "+491712345678",
            ),
            is(
                ("email", "anna.schmidt@example.de"),
                "birthday",
                "1975-11-12",
            ),
            is(("email", "eva.gruber@example.at"), "phone", "+4315123456"),
            empty(("email", "felix.kaiser@example.de"), "phone"),
            empty(("email", "felix.kaiser@example.de"), "company"),
            empty(("email", "felix.kaiser@example.de"), "birthday"),
            // A French number in a row whose country is France (in German).
            is(
                ("email", "claire.moreau@example.fr"),
                "phone",
                "+33612345678",
            ),
            is(("email", "mei.lin@example.com"), "phone", "+1 555 010 2000"),
            is(("phone", "+4917698765432"), "phone", "+4917698765432"),
            is(
                ("company", "Elektro Wagner KG"),
                "company",
                "Elektro Wagner KG",
            ),
            empty(("email", "jonas.weber@example.de"), "birthday"),
            is(("email", "noah@fischer.example"), "phone", "+41446681800"),
            is(("email", "noah@fischer.example"), "birthday", "1969-12-24"),
        ],
    });
}

// --- Shop workbooks: title row, blank row, header, data, total row ------------------------------

/// Writes a shop's customer workbook the way a shop keeps it: a title, a blank row, the
/// header, customers (phones typed as numbers, birthdays as real dates or text) and a total.
fn shop_workbook(path: &Path, zh: bool) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .set_name(if zh { "客户" } else { "Customers" })
        .expect("sheet name");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let title = if zh {
        "2024年会员客户名单"
    } else {
        "Customer list 2024"
    };
    sheet.write_string(0, 0, title).expect("title");
    let header: [&str; 7] = if zh {
        [
            "客户名称",
            "手机",
            "单位",
            "地址",
            "生日",
            "累计消费",
            "备注",
        ]
    } else {
        [
            "Customer",
            "Mobile",
            "Company",
            "Address",
            "Birthday",
            "Total spend",
            "Notes",
        ]
    };
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(2, c as u16, *h).expect("header");
    }
    // name, phone (number or text), company, address, birthday (date or text), spend, notes
    enum Cell {
        N(f64),
        S(&'static str),
        D(u16, u8, u8),
        E,
    }
    use Cell::{D, E, N, S};
    let rows: Vec<[Cell; 7]> = if zh {
        vec![
            [
                S("张伟"),
                N(13800138000.0),
                S("星辰科技"),
                S("北京市朝阳区建国路88号"),
                D(1985, 4, 12),
                N(1280.5),
                E,
            ],
            [
                S("李娜"),
                S("139 1234 5678"),
                S("无"),
                S("暂无"),
                S("不详"),
                N(560.0),
                E,
            ],
            [
                S("王芳"),
                S("暂无"),
                E,
                S("上海市徐汇区\n漕溪北路1号"),
                D(1990, 6, 1),
                N(99.0),
                S("-"),
            ],
            [S("刘洋"), N(13612345678.0), E, E, S("五月中旬"), N(45.0), E],
            [E, N(18612345678.0), E, E, E, N(12.0), E],
            [E, E, S("云帆网络"), E, E, N(300.0), E],
            [E, E, E, E, E, E, S("现金顾客，未留信息")],
            [S("Tony Wang"), S("+1 555 010 2000"), E, E, E, N(88.0), E],
        ]
    } else {
        vec![
            [
                S("Amy Clarke"),
                S("07400 123111"),
                S("Clarke & Co"),
                S("1 High Street\nBath BA1 1AA"),
                D(1985, 4, 12),
                N(1280.5),
                E,
            ],
            [
                S("Ben Hughes"),
                S("07400 123222"),
                S("n/a"),
                S("-"),
                S("unknown"),
                N(560.0),
                E,
            ],
            [
                S("Cara Lewis"),
                S("none"),
                E,
                E,
                D(1990, 6, 1),
                N(99.0),
                S("N/A"),
            ],
            [
                S("Dan Price"),
                N(7400123333.0),
                E,
                E,
                S("sometime in May"),
                N(45.0),
                E,
            ],
            [E, S("07400 123444"), E, E, E, N(12.0), E],
            [E, E, S("Greenway Florist"), E, E, N(300.0), E],
            [E, E, E, E, E, E, S("walk-in, paid cash")],
            [S("Tony Wang"), S("+1 555 010 2000"), E, E, E, N(88.0), E],
        ]
    };
    let mut total = 0.0;
    for (r, row) in rows.iter().enumerate() {
        let r = 3 + r as u32;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                N(n) => {
                    if c == 5 {
                        total += n;
                    }
                    sheet.write_number(r, c, *n).expect("number");
                }
                S(s) => {
                    sheet.write_string(r, c, *s).expect("text");
                }
                D(y, m, d) => {
                    let when = ExcelDateTime::from_ymd(*y, *m, *d).expect("date");
                    sheet
                        .write_datetime_with_format(r, c, &when, &date)
                        .expect("date");
                }
                E => {}
            }
        }
    }
    let last = 3 + rows.len() as u32;
    sheet
        .write_string(last, 0, if zh { "合计" } else { "Total" })
        .expect("total");
    sheet.write_number(last, 5, total).expect("total");
    book.save(path).expect("save the workbook");
}

#[test]
fn shop_workbooks_with_title_and_total_rows() {
    let dir = tempfile::tempdir().expect("temp dir");
    let zh = Case {
        file: "shop_customers_zh.xlsx",
        export: None,
        country: Some("CN"),
        // 8 customers and the 合计 row, skipped as a total row.
        counts: (9, 7, 0, 1, 1),
        rejected: Some("现金顾客，未留信息"),
        flags: &[
            flag("刘洋", "birthday", "生日", "五月中旬"),
            flag("Tony Wang", "phone", "手机", "+1 555 010 2000"),
        ],
        placeholders: &[
            ("单位", "无"),
            ("地址", "暂无"),
            ("生日", "不详"),
            ("手机", "暂无"),
            ("备注", "-"),
        ],
        stored: &[
            is(("first_name", "伟"), "phone", "+8613800138000"),
            is(("first_name", "伟"), "birthday", "1985-04-12"),
            is(("first_name", "伟"), "custom.累计消费", "1280.5"),
            empty(("first_name", "娜"), "company"),
            empty(("first_name", "娜"), "address"),
            empty(("first_name", "娜"), "birthday"),
            empty(("first_name", "芳"), "phone"),
            lines(
                ("first_name", "芳"),
                "address",
                &["上海市徐汇区", "漕溪北路1号"],
            ),
            is(("first_name", "芳"), "birthday", "1990-06-01"),
            is(("first_name", "洋"), "phone", "+8613612345678"),
            is(("phone", "+8618612345678"), "custom.累计消费", "12"),
            is(("company", "云帆网络"), "company", "云帆网络"),
        ],
    };
    let en = Case {
        file: "shop_customers_en.xlsx",
        export: None,
        country: Some("GB"),
        counts: (9, 7, 0, 1, 1),
        rejected: Some("walk-in, paid cash"),
        flags: &[
            flag("Dan Price", "birthday", "Birthday", "sometime in May"),
            flag("Tony Wang", "phone", "Mobile", "+1 555 010 2000"),
        ],
        placeholders: &[
            ("Company", "n/a"),
            ("Address", "-"),
            ("Birthday", "unknown"),
            ("Mobile", "none"),
            ("Notes", "N/A"),
        ],
        stored: &[
            is(("first_name", "Amy"), "phone", "+447400123111"),
            is(("first_name", "Amy"), "birthday", "1985-04-12"),
            lines(
                ("first_name", "Amy"),
                "address",
                &["1 High Street", "Bath BA1 1AA"],
            ),
            empty(("first_name", "Ben"), "company"),
            empty(("first_name", "Ben"), "address"),
            empty(("first_name", "Ben"), "birthday"),
            empty(("first_name", "Cara"), "phone"),
            empty(("first_name", "Cara"), "notes"),
            // A UK mobile typed into a number cell lost its leading 0.
            is(("first_name", "Dan"), "phone", "+447400123333"),
            is(("phone", "+447400123444"), "custom.Total spend", "12"),
            is(
                ("company", "Greenway Florist"),
                "company",
                "Greenway Florist",
            ),
        ],
    };
    let mut failed = Vec::new();
    for (case, is_zh) in [(zh, true), (en, false)] {
        let path = dir.path().join(case.file);
        shop_workbook(&path, is_zh);
        failed.extend(
            import_case(&case, &path)
                .into_iter()
                .map(|f| format!("{}: {f}", case.file)),
        );
    }
    assert!(
        failed.is_empty(),
        "{} expectation(s) failed:\n- {}",
        failed.len(),
        failed.join("\n- ")
    );
}

// --- Purchase logs --------------------------------------------------------------------------------

/// A shop's purchase log imports as orders with no options: every row an order, each linked
/// to a contact created from (and holding) its customer number.
#[test]
fn purchase_logs_without_order_numbers() {
    let mut failed = Vec::new();
    for (file, customers, refund, zero) in [
        (
            "purchase_log.csv",
            ["1001", "1002", "1003", "1004", "1005"].as_slice(),
            -19.99,
            1,
        ),
        (
            "purchase_log_cn.csv",
            ["VIP0001", "VIP0002", "VIP0003", "VIP0004"].as_slice(),
            -99.0,
            1,
        ),
    ] {
        let mut f = Fixture::new();
        let path = exports_dir().join(file);
        let text = std::fs::read_to_string(&path).expect("read the log");
        let rows = text.lines().count() as u64 - 1;
        let mut fail = |m: String| failed.push(format!("{file}: {m}"));
        let report = match run(&mut f.store, &path, Kind::Order, None) {
            Ok(r) => r,
            Err(e) => {
                fail(format!("the import must not stop: {e} ({:?})", e.report()));
                continue;
            }
        };
        let c = report.counts;
        if (c.rows, c.created, c.rejected) != (rows, rows, 0) {
            fail(format!(
                "every purchase must become an order: {c:?}; rows: {:#?}",
                report.rows
            ));
        }
        let orders = all(&f.store, Kind::Order);
        if orders.len() as u64 != rows {
            fail(format!("{} orders stored, want {rows}", orders.len()));
        }
        let unlinked = orders
            .iter()
            .filter(|o| o.text("contact_id").is_none())
            .count();
        if unlinked > 0 {
            fail(format!(
                "every order must be linked to its customer, {unlinked} are not"
            ));
        }
        let numbers: std::collections::BTreeSet<_> =
            orders.iter().filter_map(|o| o.text("number")).collect();
        if numbers.len() != orders.len() {
            fail(format!(
                "each order must have its own (generated) number: {} distinct for {} orders",
                numbers.len(),
                orders.len()
            ));
        }
        let contacts = all(&f.store, Kind::Contact);
        let mut numbers: Vec<String> = contacts
            .iter()
            .filter_map(|c| c.text("customer_no"))
            .collect();
        numbers.sort();
        if numbers != customers {
            fail(format!(
                "one contact per customer id, holding it as its customer number: {numbers:?} \
                 (of {} contacts), want {customers:?}",
                contacts.len()
            ));
        }
        let linked = report
            .linked
            .iter()
            .find(|l| l.kind == Kind::Contact)
            .map_or(0, |l| l.created);
        if linked != customers.len() as u64 {
            fail(format!(
                "the report must count the {} contacts created, says {linked}",
                customers.len()
            ));
        }
        let totals: Vec<f64> = orders
            .iter()
            .filter_map(|o| o.text("total").and_then(|t| t.parse().ok()))
            .collect();
        if !totals.contains(&refund) {
            fail(format!(
                "the refund {refund} must be imported as such: totals {totals:?}"
            ));
        }
        if totals.iter().filter(|t| **t == 0.0).count() != zero {
            fail(format!(
                "the zero-amount purchase must be imported: totals {totals:?}"
            ));
        }
    }
    assert!(
        failed.is_empty(),
        "{} expectation(s) failed:\n- {}",
        failed.len(),
        failed.join("\n- ")
    );
}
