//! Every file format, encoding, delimiter and line end through the whole pipeline into the
//! database, and the cleaning that happens on the way: the stored records (names, E.164
//! phones, emails, dates) and what the report says about the source (format, encoding,
//! delimiter, header row). Then the cleaning decisions a user meets: an ambiguous date
//! column, known exports and Chinese headers mapping themselves, money in many forms,
//! yes/no in many languages.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use kith::import::clean::DateOrder;
use kith::import::read::{Format, ReadOptions};
use kith::import::{self, ImportOptions, ImportReport, Outcome};
use kith::{Kind, ListQuery, Store, Value};
use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, Workbook};

use crate::Fixture;

// ---- helpers --------------------------------------------------------------------------------

fn fixture_file(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/import")
        .join(name)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn run(store: &mut Store, path: &Path, kind: Kind, opts: &ImportOptions) -> ImportReport {
    let r = import::run(
        store,
        path,
        kind,
        opts,
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .unwrap_or_else(|e| panic!("import of {} failed: {e}", path.display()));
    assert!(r.counts.adds_up(), "{:?}", r.counts);
    r
}

fn with_country(cc: &str) -> ImportOptions {
    ImportOptions {
        default_country: Some(cc.into()),
        ..ImportOptions::default()
    }
}

fn all(store: &Store, kind: Kind) -> Vec<kith::EntityRecord> {
    let q = ListQuery {
        limit: 1000,
        ..ListQuery::default()
    };
    store.list_records(kind, &q).unwrap().rows
}

/// A contact as the tests compare it: first, last, email, phone, city, birthday.
type Person = [&'static str; 6];

fn stored_people(store: &Store) -> Vec<[String; 6]> {
    let mut people: Vec<[String; 6]> = all(store, Kind::Contact)
        .iter()
        .map(|c| {
            let t = |f: &str| c.text(f).unwrap_or_default();
            [
                t("first_name"),
                t("last_name"),
                t("email"),
                t("phone"),
                t("city"),
                t("birthday"),
            ]
        })
        .collect();
    people.sort();
    people
}

fn assert_people(store: &Store, expected: &[Person], what: &str) {
    let mut want: Vec<[String; 6]> = expected.iter().map(|p| p.map(String::from)).collect();
    want.sort();
    assert_eq!(stored_people(store), want, "{what}");
}

fn utf16(text: &str, little: bool) -> Vec<u8> {
    let mut out = if little {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if little {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    out
}

fn encode(label: &str, text: &str) -> Vec<u8> {
    let enc = encoding_rs::Encoding::for_label(label.as_bytes()).expect("a known label");
    let (bytes, _, unmappable) = enc.encode(text);
    assert!(!unmappable, "the test text fits {label}");
    bytes.into_owned()
}

/// The three contacts every Unicode format carries. 李明's phone is national (read with the
/// default country CN); the others are international.
const HEADER: [&str; 5] = ["Name", "Email", "Phone", "City", "Birthday"];
const ROWS: [[&str; 5]; 3] = [
    [
        "李明",
        "li.ming@example.cn",
        "13800138000",
        "北京",
        "1990-05-17",
    ],
    [
        "Jürgen Müller",
        "Juergen.Mueller@Example.de",
        "+49 30 1234567",
        "München",
        "1985-12-03",
    ],
    [
        "Émilie Faure",
        "emilie.faure@example.fr",
        "+33 1 42 92 81 00",
        "Besançon",
        "1992-07-14",
    ],
];
const THREE: [Person; 3] = [
    [
        "明",
        "李",
        "li.ming@example.cn",
        "+8613800138000",
        "北京",
        "1990-05-17",
    ],
    [
        "Jürgen",
        "Müller",
        "juergen.mueller@example.de",
        "+49301234567",
        "München",
        "1985-12-03",
    ],
    [
        "Émilie",
        "Faure",
        "emilie.faure@example.fr",
        "+33142928100",
        "Besançon",
        "1992-07-14",
    ],
];

/// The three contacts as delimited text.
fn three_text(delimiter: char, line_end: &str) -> String {
    let mut out = HEADER.join(&delimiter.to_string());
    out.push_str(line_end);
    for row in ROWS {
        out.push_str(&row.join(&delimiter.to_string()));
        out.push_str(line_end);
    }
    out
}

/// How a file was read: format, encoding, byte-order mark, delimiter, header row.
type HowRead<'a> = (Format, Option<&'a str>, bool, Option<char>, u64);

/// What the report says about how the file was read.
fn source_of(r: &ImportReport) -> HowRead<'_> {
    (
        r.source.format,
        r.source.encoding.as_deref(),
        r.source.bom,
        r.source.delimiter,
        r.source.header_row,
    )
}

fn targets(r: &ImportReport) -> Vec<(String, String)> {
    r.mapping
        .iter()
        .map(|c| (c.header.clone(), c.target.clone()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

// ---- text: encodings, delimiters, line ends -------------------------------------------------

#[test]
fn the_three_contacts_in_every_unicode_encoding() {
    let text = |d, e| three_text(d, e);
    let mut bom_utf8 = b"\xEF\xBB\xBF".to_vec();
    bom_utf8.extend(text(',', "\r\n").as_bytes());
    let cases: Vec<(&str, Vec<u8>, HowRead<'_>)> = vec![
        (
            "utf-8.csv",
            text(',', "\n").into_bytes(),
            (Format::Csv, Some("UTF-8"), false, Some(','), 1),
        ),
        (
            "utf-8-bom.csv",
            bom_utf8,
            (Format::Csv, Some("UTF-8"), true, Some(','), 1),
        ),
        (
            // Excel's "Unicode Text": UTF-16LE with a BOM, tab-separated, CRLF.
            "unicode.txt",
            utf16(&text('\t', "\r\n"), true),
            (Format::Csv, Some("UTF-16LE"), true, Some('\t'), 1),
        ),
        (
            "utf-16be.csv",
            utf16(&text(';', "\n"), false),
            (Format::Csv, Some("UTF-16BE"), true, Some(';'), 1),
        ),
        (
            "gb18030.csv",
            // Reported as GBK: encoding_rs decodes GBK as GB18030 (four-byte sequences for
            // É and ç included), so the label is the detector's and the text is whole.
            encode("gb18030", &text('|', "\r\n")),
            (Format::Csv, Some("GBK"), false, Some('|'), 1),
        ),
    ];
    for (name, bytes, source) in cases {
        let mut f = Fixture::new();
        let path = write(f.dir.path(), name, &bytes);
        let r = run(&mut f.store, &path, Kind::Contact, &with_country("CN"));
        assert_eq!(source_of(&r), source, "{name}");
        assert!(r.source.encoding_detected, "{name}");
        assert_eq!(
            (r.counts.rows, r.counts.created),
            (3, 3),
            "{name}: {:#?}",
            r.rows
        );
        assert_people(&f.store, &THREE, name);
    }
}

#[test]
fn every_delimiter_with_every_line_end() {
    for delimiter in [',', ';', '\t', '|'] {
        for (end, shown) in [("\n", "LF"), ("\r\n", "CRLF"), ("\r", "CR")] {
            let what = format!("{delimiter:?} with {shown}");
            let mut f = Fixture::new();
            let path = write(f.dir.path(), "c.csv", three_text(delimiter, end).as_bytes());
            let r = run(&mut f.store, &path, Kind::Contact, &with_country("CN"));
            assert_eq!(r.source.delimiter, Some(delimiter), "{what}");
            assert_eq!(r.source.headers, HEADER, "{what}");
            assert_eq!(r.counts.created, 3, "{what}: {:#?}", r.rows);
            assert_people(&f.store, &THREE, &what);
        }
    }
}

#[test]
fn a_line_is_reported_right_whatever_the_line_ends() {
    // Row 3 is flagged (a bad email); its line must be 3 with LF, CRLF and CR alike.
    for end in ["\n", "\r\n", "\r"] {
        let mut f = Fixture::new();
        let text =
            format!("Name,Email{end}Ann Lee,ann@example.com{end}Bob Stone,not-an-email{end}");
        let path = write(f.dir.path(), "c.csv", text.as_bytes());
        let r = run(
            &mut f.store,
            &path,
            Kind::Contact,
            &ImportOptions::default(),
        );
        assert_eq!(r.rows.len(), 1, "{end:?}");
        assert_eq!(
            (r.rows[0].line, r.rows[0].outcome),
            (3, Outcome::Created),
            "a bad email does not cost a named person's row"
        );
        assert_eq!(r.rows[0].review[0].column, "Email", "{:?}", r.rows[0]);
        assert_eq!(r.rows[0].review[0].raw, "not-an-email");
    }
}

/// Simplified Chinese under Chinese headers, in GBK.
const CHINESE: &str = "姓名,手机,邮箱,城市,生日
李明,13800138000,li.ming@example.cn,北京,1990年5月17日
王芳,139 0013 9000,wang.fang@example.cn,上海,1988年11月2日
张伟,+86 137 0013 7000,zhang.wei@example.cn,广州,1979年1月30日
";

#[test]
fn gbk_is_detected_and_can_be_chosen() {
    let expected: [Person; 3] = [
        [
            "明",
            "李",
            "li.ming@example.cn",
            "+8613800138000",
            "北京",
            "1990-05-17",
        ],
        [
            "芳",
            "王",
            "wang.fang@example.cn",
            "+8613900139000",
            "上海",
            "1988-11-02",
        ],
        [
            "伟",
            "张",
            "zhang.wei@example.cn",
            "+8613700137000",
            "广州",
            "1979-01-30",
        ],
    ];
    let bytes = encode("gbk", CHINESE);
    for chosen in [None, Some("gbk"), Some("GB2312")] {
        let mut f = Fixture::new();
        let path = write(f.dir.path(), "chinese.csv", &bytes);
        let opts = ImportOptions {
            read: ReadOptions {
                encoding: chosen.map(String::from),
                ..ReadOptions::default()
            },
            ..with_country("CN")
        };
        let r = run(&mut f.store, &path, Kind::Contact, &opts);
        assert_eq!(
            source_of(&r),
            (Format::Csv, Some("GBK"), false, Some(','), 1),
            "{chosen:?}"
        );
        assert_eq!(r.source.encoding_detected, chosen.is_none());
        assert_eq!(
            targets(&r),
            pairs(&[
                ("姓名", "full_name"),
                ("手机", "phone"),
                ("邮箱", "email"),
                ("城市", "city"),
                ("生日", "birthday"),
            ]),
            "Chinese headers map themselves"
        );
        assert_eq!(r.counts.created, 3, "{:#?}", r.rows);
        assert_people(&f.store, &expected, "GBK");
    }
}

#[test]
fn big5_traditional_chinese_is_detected() {
    let text = "姓名,手機,電子郵件,城市
陳國華,+886 912 345 678,chen@example.tw,臺北
李明,+86 138 0013 8000,li.ming@example.cn,臺中
黃美玲,+886 2 2345 6789,huang@example.tw,高雄
";
    let mut f = Fixture::new();
    let path = write(f.dir.path(), "big5.csv", &encode("big5", text));
    let r = run(
        &mut f.store,
        &path,
        Kind::Contact,
        &ImportOptions::default(),
    );
    assert_eq!(
        source_of(&r),
        (Format::Csv, Some("Big5"), false, Some(','), 1)
    );
    assert_eq!(
        targets(&r),
        pairs(&[
            ("姓名", "full_name"),
            ("手機", "phone"),
            ("電子郵件", "email"),
            ("城市", "city"),
        ]),
        "traditional forms of the Chinese synonyms map too"
    );
    assert_eq!(r.counts.created, 3, "{:#?}", r.rows);
    assert_people(
        &f.store,
        &[
            ["國華", "陳", "chen@example.tw", "+886912345678", "臺北", ""],
            [
                "明",
                "李",
                "li.ming@example.cn",
                "+8613800138000",
                "臺中",
                "",
            ],
            [
                "美玲",
                "黃",
                "huang@example.tw",
                "+886223456789",
                "高雄",
                "",
            ],
        ],
        "Big5",
    );
}

#[test]
fn shift_jis_japanese_is_detected() {
    let text = "Name,Email,Phone,City,Note
山田 太郎,yamada@example.jp,03-1234-5678,東京,いつもお世話になっております
鈴木 花子,suzuki@example.jp,06-1234-5678,大阪,よろしくお願いします
";
    let mut f = Fixture::new();
    let path = write(f.dir.path(), "sjis.csv", &encode("shift_jis", text));
    let r = run(&mut f.store, &path, Kind::Contact, &with_country("JP"));
    assert_eq!(
        source_of(&r),
        (Format::Csv, Some("Shift_JIS"), false, Some(','), 1)
    );
    assert_eq!(r.counts.created, 2, "{:#?}", r.rows);
    assert_people(
        &f.store,
        &[
            [
                "太郎",
                "山田",
                "yamada@example.jp",
                "+81312345678",
                "東京",
                "",
            ],
            [
                "花子",
                "鈴木",
                "suzuki@example.jp",
                "+81612345678",
                "大阪",
                "",
            ],
        ],
        "Shift_JIS",
    );
    let yamada = all(&f.store, Kind::Contact)
        .into_iter()
        .find(|c| c.text("last_name").as_deref() == Some("山田"))
        .unwrap();
    assert_eq!(
        yamada.text("notes").as_deref(),
        Some("いつもお世話になっております")
    );
}

#[test]
fn windows_1252_german_excel_with_national_phones_and_dotted_dates() {
    // German Excel: semicolons, German headers, dates as DD.MM.YYYY, phones written
    // nationally (read with the default country DE).
    let text = "Vorname;Nachname;E-Mail;Telefon;Stadt;Geburtstag\r\n\
                Jürgen;Müller;juergen.mueller@example.de;030 1234567;München;03.12.1985\r\n\
                Émilie;Faure;emilie.faure@example.fr;+33 1 42 92 81 00;Besançon;14.07.1992\r\n\
                Björn;Groß;bjoern@example.de;0171 2345678;Köln;01.02.1970\r\n";
    let mut f = Fixture::new();
    let path = write(f.dir.path(), "kunden.csv", &encode("windows-1252", text));
    let r = run(&mut f.store, &path, Kind::Contact, &with_country("DE"));
    assert_eq!(
        source_of(&r),
        (Format::Csv, Some("windows-1252"), false, Some(';'), 1)
    );
    assert_eq!(
        r.dates.iter().map(|d| d.order).collect::<Vec<_>>(),
        [Some(DateOrder::Dmy)],
        "14.07.1992 decides day-first"
    );
    assert_eq!(r.counts.created, 3, "{:#?}", r.rows);
    assert_people(
        &f.store,
        &[
            [
                "Jürgen",
                "Müller",
                "juergen.mueller@example.de",
                "+49301234567",
                "München",
                "1985-12-03",
            ],
            [
                "Émilie",
                "Faure",
                "emilie.faure@example.fr",
                "+33142928100",
                "Besançon",
                "1992-07-14",
            ],
            [
                "Björn",
                "Groß",
                "bjoern@example.de",
                "+491712345678",
                "Köln",
                "1970-02-01",
            ],
        ],
        "windows-1252",
    );
}

// ---- workbooks and vCard --------------------------------------------------------------------

#[test]
fn xlsx_with_a_title_row_number_phone_date_cell_and_total_row() {
    let mut f = Fixture::new();
    let path = f.dir.path().join("contacts.xlsx");
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.set_name("Kunden").unwrap();
    let date = CellFormat::new().set_num_format("dd/mm/yyyy");
    sheet.write_string(0, 0, "Customer list 2024").unwrap();
    for (c, h) in ["Name", "Email", "Phone", "City", "Birthday", "Spend"]
        .iter()
        .enumerate()
    {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    let birthdays = [(1990, 5, 17), (1985, 12, 3), (1992, 7, 14)];
    for (i, row) in ROWS.iter().enumerate() {
        let r = 3 + i as u32;
        sheet.write_string(r, 0, row[0]).unwrap();
        sheet.write_string(r, 1, row[1]).unwrap();
        if i == 0 {
            // A phone typed into Excel becomes a number.
            sheet.write_number(r, 2, 13800138000.0).unwrap();
        } else {
            sheet.write_string(r, 2, row[2]).unwrap();
        }
        sheet.write_string(r, 3, row[3]).unwrap();
        let (y, m, d) = birthdays[i];
        let when = ExcelDateTime::from_ymd(y, m, d).unwrap();
        sheet
            .write_datetime_with_format(r, 4, &when, &date)
            .unwrap();
        sheet.write_number(r, 5, 100.5 * (i + 1) as f64).unwrap();
    }
    sheet.write_string(6, 0, "Total").unwrap();
    sheet.write_number(6, 5, 603.0).unwrap();
    wb.save(&path).unwrap();

    let r = run(&mut f.store, &path, Kind::Contact, &with_country("CN"));
    assert_eq!(source_of(&r), (Format::Xlsx, None, false, None, 3));
    assert_eq!(r.source.sheet.as_deref(), Some("Kunden"));
    assert!(
        r.warnings
            .iter()
            .any(|w| w.text.contains("above the header")),
        "the title row is mentioned: {:?}",
        r.warnings
    );
    assert_eq!(
        (r.counts.rows, r.counts.created, r.counts.skipped),
        (4, 3, 1),
        "{:#?}",
        r.rows
    );
    assert_eq!(
        (r.rows[0].line, r.rows[0].reason.text.as_str()),
        (7, "total row")
    );
    assert!(
        r.dates.is_empty() || r.dates.iter().all(|d| !d.profile.ambiguous),
        "date cells are dates, not text to guess: {:?}",
        r.dates
    );
    assert_people(&f.store, &THREE, "xlsx");
    let li = all(&f.store, Kind::Contact)
        .into_iter()
        .find(|c| c.text("last_name").as_deref() == Some("李"))
        .unwrap();
    assert_eq!(li.custom.get("Spend").map(String::as_str), Some("100.5"));
}

#[test]
fn the_committed_xls_imports_below_its_title_row() {
    let mut f = Fixture::new();
    let r = run(
        &mut f.store,
        &fixture_file("contacts.xls"),
        Kind::Contact,
        &with_country("CN"),
    );
    assert_eq!(source_of(&r), (Format::Xls, None, false, None, 3));
    assert_eq!(r.source.sheet.as_deref(), Some("Contacts"));
    // Rows 4–5 are people (Ann Lee's phone is a fictional 555 number, kept as written for
    // review); 6 is empty, 7 a total.
    let outcomes: Vec<(u64, Outcome, String)> = r
        .rows
        .iter()
        .map(|x| (x.line, x.outcome, outcome_why(x)))
        .collect();
    assert_eq!(
        outcomes,
        [
            (
                5,
                Outcome::Created,
                "Phone '+1 555 0100': '+1 555 0100' is not a valid phone number in +1; kept as \
                 written"
                    .to_string()
            ),
            (6, Outcome::Skipped, "empty row".to_string()),
            (7, Outcome::Skipped, "total row".to_string()),
        ]
    );
    assert_eq!(
        (r.counts.rows, r.counts.created, r.counts.flagged),
        (4, 2, 1)
    );
    let zhang = all(&f.store, Kind::Contact)
        .into_iter()
        .find(|c| c.text("email").as_deref() == Some("zhang.wei@example.cn"))
        .expect("张伟 imported");
    assert_eq!(
        (
            zhang.text("first_name"),
            zhang.text("last_name"),
            zhang.text("phone")
        ),
        (
            Some("伟".into()),
            Some("张".into()),
            Some("+8613812345678".into())
        ),
        "a phone stored as a number reads back whole"
    );
    assert_eq!(
        zhang.custom.get("Joined").map(String::as_str),
        Some("2024-03-05")
    );
    assert_eq!(
        zhang.custom.get("Spend").map(String::as_str),
        Some("1234.5")
    );
}

#[test]
fn the_committed_ods_imports_from_its_second_sheet() {
    let mut f = Fixture::new();
    let r = run(
        &mut f.store,
        &fixture_file("contacts.ods"),
        Kind::Contact,
        &with_country("CN"),
    );
    assert_eq!(source_of(&r), (Format::Ods, None, false, None, 3));
    assert_eq!(r.source.sheet.as_deref(), Some("联系人"));
    // Ann Lee's phone cell holds a boolean (TRUE) in the fixture: she is imported without a
    // phone, the cell kept for review.
    let outcomes: Vec<(u64, Outcome, String)> = r
        .rows
        .iter()
        .map(|x| (x.line, x.outcome, outcome_why(x)))
        .collect();
    assert_eq!(
        outcomes,
        [
            (5, Outcome::Skipped, "empty row".to_string()),
            (
                6,
                Outcome::Created,
                "Phone 'TRUE': 'TRUE' is not a phone number in CN".to_string()
            ),
            (7, Outcome::Skipped, "total row".to_string()),
        ]
    );
    assert_eq!(
        (r.counts.rows, r.counts.created, r.counts.flagged),
        (4, 2, 1)
    );
    let zhang = all(&f.store, Kind::Contact)
        .into_iter()
        .find(|c| c.text("email").as_deref() == Some("zhang.wei@example.cn"))
        .expect("张伟 imported");
    assert_eq!(zhang.text("phone").as_deref(), Some("+8613812345678"));
    assert_eq!(zhang.text("birthday").as_deref(), Some("1985-04-12"));
}

#[test]
fn a_vcard_file_with_two_cards() {
    let vcf = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:李;明;;;\r\nFN:李明\r\n\
               EMAIL;TYPE=INTERNET:li.ming@example.cn\r\nTEL;TYPE=CELL:13800138000\r\n\
               ADR;TYPE=WORK:;;长安街 1 号;北京;;100000;中国\r\nBDAY:1990-05-17\r\nEND:VCARD\r\n\
               BEGIN:VCARD\r\nVERSION:3.0\r\nN:Müller;Jürgen;;;\r\nFN:Jürgen Müller\r\n\
               EMAIL:juergen.mueller@example.de\r\nTEL;TYPE=WORK:+49 30 1234567\r\n\
               ADR;TYPE=WORK:;;Leopoldstr. 1;München;;80802;Deutschland\r\n\
               BDAY:19851203\r\nORG:Müller & Söhne\r\nEND:VCARD\r\n";
    let mut f = Fixture::new();
    let path = write(f.dir.path(), "contacts.vcf", vcf.as_bytes());
    let r = run(&mut f.store, &path, Kind::Contact, &with_country("CN"));
    assert_eq!(
        source_of(&r),
        (Format::Vcard, Some("UTF-8"), false, None, 0)
    );
    assert_eq!((r.counts.rows, r.counts.created), (2, 2), "{:#?}", r.rows);
    assert_people(&f.store, &THREE[..2], "vcf");
    let companies = all(&f.store, Kind::Company);
    assert_eq!(
        companies
            .iter()
            .map(|c| c.title.as_str())
            .collect::<Vec<_>>(),
        ["Müller & Söhne"],
        "ORG links a company"
    );
}

// ---- cleaning -------------------------------------------------------------------------------

/// A listed row's reason, or what it kept for review (`Column 'raw': why`).
fn outcome_why(row: &kith::import::RowReport) -> String {
    if !row.reason.text.is_empty() {
        return row.reason.text.clone();
    }
    row.review
        .iter()
        .map(|v| format!("{} '{}': {}", v.column, v.raw, v.reason))
        .collect::<Vec<_>>()
        .join("; ")
}

const AMBIGUOUS: &str = "Name,Email,Birthday\n\
                         Ann Lee,ann@example.com,01/03/2024\n\
                         Bob Stone,bob@example.com,05/04/2024\n";

#[test]
fn an_ambiguous_date_column_follows_the_default_country_and_says_so() {
    let birthdays = |store: &Store| {
        let mut b: Vec<(String, String)> = all(store, Kind::Contact)
            .iter()
            .map(|c| (c.title.clone(), c.text("birthday").unwrap_or_default()))
            .collect();
        b.sort();
        b
    };
    let pair = |a: &str, b: &str| {
        [
            ("Ann Lee".to_string(), a.to_string()),
            ("Bob Stone".to_string(), b.to_string()),
        ]
    };
    // (default country, chosen order) → how the column is read, and the birthdays.
    for (country, chosen, order, ann, bob) in [
        (None, None, DateOrder::Dmy, "2024-03-01", "2024-04-05"),
        (Some("DE"), None, DateOrder::Dmy, "2024-03-01", "2024-04-05"),
        (Some("US"), None, DateOrder::Mdy, "2024-01-03", "2024-05-04"),
        (
            Some("US"),
            Some(DateOrder::Dmy),
            DateOrder::Dmy,
            "2024-03-01",
            "2024-04-05",
        ),
    ] {
        let mut f = Fixture::new();
        let path = write(f.dir.path(), "dates.csv", AMBIGUOUS.as_bytes());
        let opts = ImportOptions {
            default_country: country.map(str::to_string),
            date_order: chosen,
            ..ImportOptions::default()
        };
        let dry = run(
            &mut f.store,
            &path,
            Kind::Contact,
            &ImportOptions {
                dry_run: true,
                ..opts.clone()
            },
        );
        let r = run(&mut f.store, &path, Kind::Contact, &opts);
        assert_eq!(
            dry.counts, r.counts,
            "a dry run reports what the import does"
        );
        assert_eq!(
            r.counts.created, 2,
            "the import never stops on a date: {:#?}",
            r.rows
        );
        assert_eq!(r.dates[0].order, Some(order), "{country:?} {chosen:?}");
        assert!(
            r.dates[0].profile.ambiguous,
            "the values alone decide nothing"
        );
        let said = r.notes.iter().any(|n| {
            n.text.contains("Birthday")
                && n.text.contains("01/03/2024")
                && n.text.contains(if order == DateOrder::Mdy {
                    "month-first"
                } else {
                    "day-first"
                })
        });
        assert_eq!(
            said,
            chosen.is_none(),
            "the report says how an undecided column was read (and only then): {:?}",
            r.notes
        );
        assert_eq!(
            birthdays(&f.store),
            pair(ann, bob),
            "{country:?} {chosen:?}"
        );
    }
}

#[test]
fn a_google_contacts_export_maps_itself() {
    let text = "Name,Given Name,Family Name,Nickname,Birthday,Notes,Group Membership,\
                E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,\
                Organization 1 - Name,Organization 1 - Title\n\
                Ann Lee,Ann,Lee,Annie,1990-05-17,Met at the fair,* myContacts,\
                * Home,ann@example.com,Mobile,+1 415 555 2671,Acme Inc,CTO\n";
    let mut f = Fixture::new();
    let path = write(f.dir.path(), "google.csv", text.as_bytes());
    let r = run(
        &mut f.store,
        &path,
        Kind::Contact,
        &ImportOptions::default(),
    );
    assert_eq!(r.export.as_deref(), Some("Google Contacts"));
    let t = targets(&r);
    for (header, target) in [
        ("Given Name", "first_name"),
        ("Family Name", "last_name"),
        ("E-mail 1 - Value", "email"),
        ("Phone 1 - Value", "phone"),
        ("Organization 1 - Name", "company"),
        ("Organization 1 - Title", "job_title"),
        ("Birthday", "birthday"),
        ("Notes", "notes"),
    ] {
        assert!(
            t.contains(&(header.to_string(), target.to_string())),
            "{header} → {target} in {t:?}"
        );
    }
    assert_eq!(r.counts.created, 1, "{:#?}", r.rows);
    let ann = &all(&f.store, Kind::Contact)[0];
    assert_eq!(
        (
            ann.text("first_name"),
            ann.text("last_name"),
            ann.text("email"),
            ann.text("phone"),
            ann.text("job_title"),
            ann.text("birthday"),
        ),
        (
            Some("Ann".into()),
            Some("Lee".into()),
            Some("ann@example.com".into()),
            Some("+14155552671".into()),
            Some("CTO".into()),
            Some("1990-05-17".into()),
        )
    );
    assert_eq!(
        ann.refs.get("company_id").map(String::as_str),
        Some("Acme Inc")
    );
}

#[test]
fn an_outlook_export_maps_itself() {
    let text = "First Name,Middle Name,Last Name,Title,Company,Job Title,Business City,\
                Business Country/Region,Mobile Phone,E-mail Address,Birthday,Categories\n\
                Jürgen,,Müller,Dr.,Müller & Söhne,Geschäftsführer,München,Deutschland,\
                0171 2345678,juergen@example.de,12/3/1985,Kunden;Messe\n\
                Mary,,Smith,Ms.,Acme,Buyer,Boston,United States,+1 617 555 0134,\
                mary@example.com,7/24/1980,\n";
    let mut f = Fixture::new();
    let path = write(f.dir.path(), "outlook.csv", text.as_bytes());
    let r = run(&mut f.store, &path, Kind::Contact, &with_country("DE"));
    assert_eq!(r.export.as_deref(), Some("Outlook"));
    let t = targets(&r);
    for (header, target) in [
        ("First Name", "first_name"),
        ("Last Name", "last_name"),
        ("Company", "company"),
        ("Job Title", "job_title"),
        ("Business City", "city"),
        ("Business Country/Region", "country"),
        ("Mobile Phone", "phone"),
        ("E-mail Address", "email"),
        ("Birthday", "birthday"),
        ("Categories", "tags"),
    ] {
        assert!(
            t.contains(&(header.to_string(), target.to_string())),
            "{header} → {target} in {t:?}"
        );
    }
    assert!(
        !t.contains(&("Title".to_string(), "job_title".to_string())),
        "Outlook's Title is the honorific"
    );
    assert_eq!(r.dates[0].order, Some(DateOrder::Mdy), "7/24/1980 decides");
    assert_eq!(r.counts.created, 2, "{:#?}", r.rows);
    let contacts = all(&f.store, Kind::Contact);
    let j = contacts
        .iter()
        .find(|c| c.text("first_name").as_deref() == Some("Jürgen"))
        .unwrap();
    assert_eq!(j.text("phone").as_deref(), Some("+491712345678"));
    assert_eq!(j.text("birthday").as_deref(), Some("1985-12-03"));
    assert_eq!(j.text("city").as_deref(), Some("München"));
    assert_eq!(j.tags, ["Kunden", "Messe"]);
    assert_eq!(
        j.refs.get("company_id").map(String::as_str),
        Some("Müller & Söhne")
    );
    let m = contacts
        .iter()
        .find(|c| c.text("first_name").as_deref() == Some("Mary"))
        .unwrap();
    assert_eq!(m.text("birthday").as_deref(), Some("1980-07-24"));
    assert_eq!(m.text("phone").as_deref(), Some("+16175550134"));
}

#[test]
fn money_in_many_forms_on_orders() {
    let text = "Order number;Order date;Total\n\
                A-1;2024-03-01;\"1.234,50 €\"\n\
                A-2;2024-03-02;$1,234.50\n\
                A-3;2024-03-03;￥980\n\
                A-4;2024-03-04;100元\n\
                A-5;2024-03-05;12'800.50 CHF\n\
                A-6;2024-03-06;(12.00)\n\
                A-7;2024-03-07;1 234,5\n\
                A-8;2024-03-08;12.345,678\n";
    let mut f = Fixture::new();
    let path = write(f.dir.path(), "orders.csv", text.as_bytes());
    let r = run(&mut f.store, &path, Kind::Order, &ImportOptions::default());
    assert_eq!(
        targets(&r),
        pairs(&[
            ("Order number", "number"),
            ("Order date", "ordered_on"),
            ("Total", "total"),
        ])
    );
    assert_eq!(
        (r.counts.created, r.counts.rejected, r.counts.flagged),
        (8, 0, 1),
        "{:#?}",
        r.rows
    );
    assert_eq!(r.rows[0].line, 9);
    assert_eq!(
        (
            r.rows[0].review[0].raw.as_str(),
            r.rows[0].review[0].reason.as_str()
        ),
        ("12.345,678", "'12.345,678' has more than 2 decimal places"),
        "an amount Kith cannot store exactly is kept as written for review, not rounded"
    );
    let mut orders: Vec<(String, Value, String)> = all(&f.store, Kind::Order)
        .iter()
        .map(|o| {
            (
                o.title.clone(),
                o.values["total"].clone(),
                o.text("currency").unwrap_or_default(),
            )
        })
        .filter(|o| o.0 != "A-8")
        .collect();
    orders.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        orders,
        [
            ("A-1".into(), Value::Real(1234.5), "EUR".into()),
            ("A-2".into(), Value::Real(1234.5), "USD".into()),
            ("A-3".into(), Value::Real(980.0), "CNY".into()),
            ("A-4".into(), Value::Real(100.0), "CNY".into()),
            ("A-5".into(), Value::Real(12800.5), "CHF".into()),
            ("A-6".into(), Value::Real(-12.0), "USD".into()),
            ("A-7".into(), Value::Real(1234.5), "USD".into()),
        ]
    );
}

#[test]
fn yes_and_no_in_many_languages_on_activities() {
    let answers = [
        ("yes", true),
        ("No", false),
        ("ja", true),
        ("nein", false),
        ("oui", true),
        ("non", false),
        ("sí", true),
        ("是", true),
        ("否", false),
        ("✓", true),
        ("x", true),
        ("0", false),
        ("TRUE", true),
        ("falsch", false),
    ];
    let mut text = String::from("Subject,Type,Done\n");
    for (i, (word, _)) in answers.iter().enumerate() {
        text.push_str(&format!("Task {i:02},call,{word}\n"));
    }
    text.push_str("Task 99,call,maybe\n");
    let mut f = Fixture::new();
    let path = write(f.dir.path(), "activities.csv", text.as_bytes());
    let r = run(
        &mut f.store,
        &path,
        Kind::Activity,
        &ImportOptions::default(),
    );
    assert!(
        targets(&r).contains(&("Done".to_string(), "done".to_string())),
        "{:?}",
        r.mapping
    );
    assert_eq!(
        (r.counts.created, r.counts.rejected),
        (answers.len() as u64 + 1, 0),
        "{:#?}",
        r.rows
    );
    assert_eq!(
        r.rows[0].review[0].reason, "'maybe' is not yes or no",
        "an answer that is neither is kept for review"
    );
    let activities = all(&f.store, Kind::Activity);
    for (i, (word, done)) in answers.iter().enumerate() {
        let a = activities
            .iter()
            .find(|a| a.title == format!("Task {i:02}"))
            .unwrap();
        assert_eq!(a.values["done"], Value::Bool(*done), "{word}");
        assert_eq!(a.text("kind").as_deref(), Some("call"));
    }
}
