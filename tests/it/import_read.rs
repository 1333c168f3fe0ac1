//! The import's file reader (`kith::import::read`): formats, encodings, delimiters, line ends,
//! header detection, cell conversion, and every kind of bad input, with exact cells, line
//! numbers and reasons. Workbooks are written at test time with rust_xlsxwriter; the .xls and
//! .ods fixtures are committed under tests/data/import/ (see make_fixtures.py there).

use std::io::Write;
use std::path::{Path, PathBuf};

use kith::FileProblem;
use kith::import::read::{
    Format, ReadError, ReadOptions, RowReason, RowStatus, Source, SourceInfo, SourceRow,
    VCARD_HEADERS, open,
};
use kith::model::Said;
use rust_xlsxwriter::{ExcelDateTime, Formula, Workbook};
use tempfile::TempDir;

// ---- helpers --------------------------------------------------------------------------------

/// The English words of a reader's warnings, as the CLI prints them.
fn texts(warnings: &[Said<kith::import::read::ReadNote>]) -> Vec<String> {
    warnings.iter().map(|w| w.text.clone()).collect()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/import")).join(name)
}

/// Writes `bytes` to a file named `name` in a fresh temporary folder.
fn file(name: &str, bytes: &[u8]) -> (TempDir, PathBuf) {
    let dir = TempDir::new().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write test file");
    (dir, path)
}

fn open_with(path: &Path, opts: &ReadOptions) -> Source {
    open(path, opts).unwrap_or_else(|e| panic!("open {path:?}: {e}"))
}

/// Opens `bytes` saved as `name` and reads every row.
fn read(name: &str, bytes: &[u8]) -> (SourceInfo, Vec<SourceRow>) {
    read_opts(name, bytes, &ReadOptions::default())
}

fn read_opts(name: &str, bytes: &[u8], opts: &ReadOptions) -> (SourceInfo, Vec<SourceRow>) {
    let (_dir, path) = file(name, bytes);
    read_path(&path, opts)
}

fn read_path(path: &Path, opts: &ReadOptions) -> (SourceInfo, Vec<SourceRow>) {
    let mut src = open_with(path, opts);
    let info = src.info().clone();
    let rows = src
        .by_ref()
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("reading {path:?}: {e}"));
    let (done, total) = src.progress();
    assert_eq!(
        done, total,
        "progress reaches its total once every row is read"
    );
    (info, rows)
}

/// The error opening `bytes` saved as `name`.
fn open_err(name: &str, bytes: &[u8], opts: &ReadOptions) -> ReadError {
    let (_dir, path) = file(name, bytes);
    match open(&path, opts) {
        Ok(src) => panic!("expected an error, got {:?}", src.info()),
        Err(e) => e,
    }
}

fn cells(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_string()).collect()
}

fn data(line: u64, list: &[&str]) -> SourceRow {
    SourceRow {
        line,
        cells: cells(list),
        status: RowStatus::Data,
    }
}

/// A reason with its code and its English words (both are asserted: the window says the
/// code, the CLI and the rejects file the words).
fn said(code: RowReason, text: &str) -> Said<RowReason> {
    Said {
        text: text.into(),
        code,
    }
}

fn skip(line: u64, list: &[&str], reason: Said<RowReason>) -> SourceRow {
    SourceRow {
        line,
        cells: cells(list),
        status: RowStatus::Skip { reason },
    }
}

fn reject(line: u64, list: &[&str], reason: Said<RowReason>) -> SourceRow {
    SourceRow {
        line,
        cells: cells(list),
        status: RowStatus::Reject { reason },
    }
}

fn utf16le(text: &str, bom: bool) -> Vec<u8> {
    let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_le_bytes());
    }
    out
}

fn utf16be(text: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_be_bytes());
    }
    out
}

fn encode(label: &str, text: &str) -> Vec<u8> {
    let enc = encoding_rs::Encoding::for_label(label.as_bytes()).expect("known label");
    let (bytes, _, unmappable) = enc.encode(text);
    assert!(!unmappable, "the test text fits {label}");
    bytes.into_owned()
}

/// Deterministic pseudo-random bytes (xorshift), for "binary" files.
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

// ---- CSV basics -----------------------------------------------------------------------------

#[test]
fn csv_utf8_is_read_with_its_header_and_rows() {
    let (info, rows) = read(
        "contacts.csv",
        b"Name,Email,Phone\nAnn Lee,ann@example.com,555-0100\nBob,bob@example.com,\n",
    );
    assert_eq!(info.format, Format::Csv);
    assert_eq!(info.encoding.as_deref(), Some("UTF-8"));
    assert!(info.encoding_detected, "nothing overrode the encoding");
    assert!(!info.bom);
    assert_eq!(info.delimiter, Some(','));
    assert_eq!(info.header_row, 1);
    assert_eq!(info.headers, cells(&["Name", "Email", "Phone"]));
    assert!(
        info.warnings.is_empty(),
        "a clean file has no warnings: {:?}",
        info.warnings
    );
    assert_eq!(info.sheets, Vec::<String>::new());
    assert_eq!(
        rows,
        vec![
            data(2, &["Ann Lee", "ann@example.com", "555-0100"]),
            data(3, &["Bob", "bob@example.com", ""]),
        ]
    );
}

#[test]
fn delimiter_is_detected_for_comma_semicolon_tab_and_pipe() {
    for (delimiter, name) in [
        (',', "a.csv"),
        (';', "a.csv"),
        ('\t', "a.txt"),
        ('|', "a.csv"),
    ] {
        let text =
            "Name,Email,City\n\"Lee, Ann\",ann@example.com,Paris\nBob,bob@example.com,Lyon\n"
                .replace(',', &delimiter.to_string());
        let (info, rows) = read(name, text.as_bytes());
        assert_eq!(
            info.delimiter,
            Some(delimiter),
            "field counts agree only for {delimiter:?}"
        );
        assert_eq!(info.headers, cells(&["Name", "Email", "City"]));
        assert_eq!(
            rows[0],
            data(
                2,
                &[
                    &"Lee, Ann".replace(',', &delimiter.to_string()),
                    "ann@example.com",
                    "Paris"
                ]
            ),
            "a quoted field keeps its delimiter"
        );
        assert_eq!(rows.len(), 2);
    }
}

#[test]
fn semicolon_file_with_decimal_commas_is_semicolon_separated() {
    let (info, rows) = read(
        "prices.csv",
        "Name;Price;City\nAnn;1,5;Köln\nBob;12,25;Wien\nCid;3;Bern\n".as_bytes(),
    );
    assert_eq!(
        info.delimiter,
        Some(';'),
        "commas inside numbers must not win"
    );
    assert_eq!(rows[0], data(2, &["Ann", "1,5", "Köln"]));
}

#[test]
fn delimiter_and_header_row_can_be_chosen() {
    let opts = ReadOptions {
        delimiter: Some('|'),
        header_row: Some(2),
        ..ReadOptions::default()
    };
    let (info, rows) = read_opts(
        "a.csv",
        b"exported by CRM|x\nName|Email\nAnn|a@x.com\n",
        &opts,
    );
    assert_eq!(info.delimiter, Some('|'));
    assert_eq!(info.header_row, 2);
    assert_eq!(info.headers, cells(&["Name", "Email"]));
    assert_eq!(
        texts(&info.warnings),
        vec!["1 row above the header (line 1) was skipped".to_string()]
    );
    assert_eq!(rows, vec![data(3, &["Ann", "a@x.com"])]);
}

#[test]
fn single_column_file_uses_comma() {
    let (info, rows) = read("emails.csv", b"Email\nann@example.com\nbob@example.com\n");
    assert_eq!(info.delimiter, Some(','));
    assert_eq!(info.headers, cells(&["Email"]));
    assert_eq!(rows.len(), 2);
}

#[test]
fn quoted_fields_keep_newlines_and_doubled_quotes_and_lines_stay_right() {
    let text = "Name,Note,City\n\
                Ann,\"line one\nline two\nline three\",Paris\n\
                Bob,\"He said \"\"hi\"\"\",Lyon\n\
                Cid,\"a\r\nb\",Nice\n\
                Dee,plain,Metz\n";
    let (_, rows) = read("notes.csv", text.as_bytes());
    assert_eq!(
        rows,
        vec![
            data(2, &["Ann", "line one\nline two\nline three", "Paris"]),
            data(5, &["Bob", "He said \"hi\"", "Lyon"]),
            data(6, &["Cid", "a\r\nb", "Nice"]),
            data(8, &["Dee", "plain", "Metz"]),
        ],
        "a row's line counts the newlines inside earlier quoted fields"
    );
}

#[test]
fn odd_quoting_is_read_as_the_csv_crate_reads_it_without_false_alarms() {
    // Text after a closing quote, a quote inside an unquoted field, a space before a quote:
    // the line and quote bookkeeping must agree with the csv crate, or rows would get wrong
    // lines or a false "never closed".
    let text = "Name,Note\n\
                \"abc\"def,x\n\
                ab\"c,\"multi\nline\"\n\
                \x20\"lead,y\n\
                \"\",\"\"\"\"\n";
    let (_, rows) = read("odd.csv", text.as_bytes());
    assert_eq!(
        rows,
        vec![
            data(2, &["abcdef", "x"]),
            data(3, &["ab\"c", "multi\nline"]),
            data(5, &[" \"lead", "y"]),
            data(6, &["", "\""]),
        ]
    );
}

#[test]
fn lf_crlf_and_cr_line_ends_are_all_line_ends() {
    for (name, eol) in [("LF", "\n"), ("CRLF", "\r\n"), ("CR (old Mac)", "\r")] {
        let text = ["Name,Note", "Ann,\"two|lines\"", "Bob,x", "", "Cid,y", ""]
            .join(eol)
            .replace('|', eol);
        let (info, rows) = read("eol.csv", text.as_bytes());
        assert_eq!(info.headers, cells(&["Name", "Note"]), "{name}");
        assert_eq!(
            rows,
            vec![
                data(2, &["Ann", &format!("two{eol}lines")]),
                data(4, &["Bob", "x"]),
                data(6, &["Cid", "y"]),
            ],
            "{name}: every line end counts, including a blank line's"
        );
    }
}

#[test]
fn blank_lines_are_not_rows_but_are_counted() {
    let (_, rows) = read(
        "blank.csv",
        b"\n\nName,Email\n\nAnn,a@x.com\n\n\nBob,b@x.com",
    );
    assert_eq!(
        rows,
        vec![data(5, &["Ann", "a@x.com"]), data(8, &["Bob", "b@x.com"])]
    );
}

// ---- encodings ------------------------------------------------------------------------------

#[test]
fn utf8_with_bom_is_detected_and_the_bom_is_not_in_the_header() {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice("Name,City\nJosé,Zürich\n".as_bytes());
    let (info, rows) = read("bom.csv", &bytes);
    assert_eq!(info.encoding.as_deref(), Some("UTF-8"));
    assert!(info.bom);
    assert_eq!(info.headers, cells(&["Name", "City"]));
    assert_eq!(rows, vec![data(2, &["José", "Zürich"])]);
}

#[test]
fn excel_unicode_text_utf16le_with_bom_is_tab_separated() {
    let bytes = utf16le(
        "Name\tCity\tNote\r\n张伟\t北京\t\"a\tb\"\r\nAnn\tParis\t\r\n",
        true,
    );
    let (info, rows) = read("unicode.txt", &bytes);
    assert_eq!(info.encoding.as_deref(), Some("UTF-16LE"));
    assert!(info.bom);
    assert_eq!(info.delimiter, Some('\t'));
    assert_eq!(
        rows,
        vec![
            data(2, &["张伟", "北京", "a\tb"]),
            data(3, &["Ann", "Paris", ""])
        ]
    );
}

#[test]
fn utf16be_with_bom_is_detected() {
    let (info, rows) = read("be.csv", &utf16be("Name,City\nMüller,Köln\n"));
    assert_eq!(info.encoding.as_deref(), Some("UTF-16BE"));
    assert!(info.bom);
    assert_eq!(rows, vec![data(2, &["Müller", "Köln"])]);
}

#[test]
fn utf16le_without_bom_is_recognised_not_called_binary() {
    let (info, rows) = read(
        "nobom.csv",
        &utf16le("Name,City\nAnn,Paris\nBob,Lyon\n", false),
    );
    assert_eq!(info.encoding.as_deref(), Some("UTF-16LE"));
    assert!(!info.bom);
    assert_eq!(
        texts(&info.warnings),
        vec![
            "the file has no byte-order mark but looks like UTF-16LE; it was read as UTF-16LE"
                .to_string()
        ]
    );
    assert_eq!(rows[1], data(3, &["Bob", "Lyon"]));
}

const CHINESE_SIMPLIFIED: &str = "姓名,城市,备注\n张伟,北京市,老客户\n王芳,上海市,新客户\n\
    李娜,广州市,需要回访\n刘洋,深圳市,已经付款\n陈静,杭州市,下个月联系\n杨磊,成都市,重要客户\n";
const CHINESE_TRADITIONAL: &str = "姓名,城市,備註\n陳大文,臺北市,老客戶\n林美玲,高雄市,新客戶\n\
    黃志明,臺中市,需要回訪\n張家豪,新竹市,已經付款\n李淑芬,臺南市,下個月聯繫\n";
const JAPANESE: &str = "氏名,都市,メモ\n山田太郎,東京都,お得意様です\n佐藤花子,大阪府,新しいお客様\n\
    鈴木一郎,名古屋市,来月に連絡する\n高橋美咲,福岡市,支払い済みです\n";
const WESTERN: &str = "Name,City,Note\nJosé Álvarez,Málaga,très bien\nFrançois Müller,Zürich,\
    Grüße aus der Schweiz\nSøren Ærø,København,façade naïve\nÅsa Öberg,Göteborg,smörgåsbord\n";

#[test]
fn legacy_encodings_are_detected_from_the_text() {
    for (label, text, expected) in [
        ("gbk", CHINESE_SIMPLIFIED, "GBK"),
        ("big5", CHINESE_TRADITIONAL, "Big5"),
        ("shift_jis", JAPANESE, "Shift_JIS"),
        ("windows-1252", WESTERN, "windows-1252"),
    ] {
        let (info, rows) = read("legacy.csv", &encode(label, text));
        assert_eq!(
            info.encoding.as_deref(),
            Some(expected),
            "{label} must not be assumed UTF-8"
        );
        assert!(info.encoding_detected);
        let mut lines = text.lines().skip(1);
        let first: Vec<&str> = lines.next().expect("a data line").split(',').collect();
        assert_eq!(
            rows[0],
            data(2, &first),
            "{label} decodes to the original text"
        );
        assert_eq!(rows.len(), text.lines().count() - 1);
    }
}

#[test]
fn valid_utf8_is_always_utf8_even_when_non_ascii_comes_late() {
    // 200 KB of ASCII rows first: detection looks from the first non-ASCII byte on.
    let mut text = String::from("Name,City\n");
    for i in 0..10_000 {
        text.push_str(&format!("Person {i},Springfield\n"));
    }
    text.push_str("Zoë Ærøskøbing,Ål\n");
    let (info, rows) = read("late.csv", text.as_bytes());
    assert_eq!(info.encoding.as_deref(), Some("UTF-8"));
    assert_eq!(rows.last(), Some(&data(10_002, &["Zoë Ærøskøbing", "Ål"])));

    // The same with GBK late in the file is GBK, not UTF-8 with invalid rows.
    let mut text = String::from("Name,City,Note\n");
    for i in 0..10_000 {
        text.push_str(&format!("Person {i},Springfield\n"));
    }
    text.push_str(CHINESE_SIMPLIFIED.split_once('\n').expect("header").1);
    let (info, rows) = read("late_gbk.csv", &encode("gbk", &text));
    assert_eq!(info.encoding.as_deref(), Some("GBK"));
    assert_eq!(rows[10_000], data(10_002, &["张伟", "北京市", "老客户"]));
}

#[test]
fn encoding_can_be_overridden_by_label() {
    // Latin-1 text that chardetng alone could take for something else.
    let bytes = encode("windows-1252", "Name,City\nRené,Besançon\n");
    let opts = ReadOptions {
        encoding: Some("latin1".into()),
        ..ReadOptions::default()
    };
    let (info, rows) = read_opts("fr.csv", &bytes, &opts);
    assert_eq!(info.encoding.as_deref(), Some("windows-1252"));
    assert!(!info.encoding_detected, "the override decided");
    assert_eq!(rows, vec![data(2, &["René", "Besançon"])]);

    let opts = ReadOptions {
        encoding: Some("shift_jis".into()),
        ..ReadOptions::default()
    };
    let (info, rows) = read_opts("jp.csv", &encode("shift_jis", JAPANESE), &opts);
    assert_eq!(info.encoding.as_deref(), Some("Shift_JIS"));
    assert_eq!(rows[0].cells[0], "山田太郎");
}

#[test]
fn an_unknown_encoding_label_is_refused_with_examples() {
    let opts = ReadOptions {
        encoding: Some("klingon-8".into()),
        ..ReadOptions::default()
    };
    let e = open_err("a.csv", b"Name\nAnn\n", &opts);
    assert_eq!(
        e.reason.text,
        "\"klingon-8\" is not an encoding Kith knows; use a label such as \"utf-8\", \
         \"utf-16le\", \"gbk\", \"big5\", \"shift_jis\" or \"windows-1252\""
    );
    assert_eq!(e.line, None);
}

#[test]
fn invalid_utf8_bytes_reject_the_row_naming_the_column() {
    // A UTF-8 file with accented names and one damaged row: still UTF-8, one row rejected.
    let mut bytes = "Name,Email,City\n".as_bytes().to_vec();
    bytes.extend_from_slice("José,j@x.com,Zürich\nZoë Ærø,z@x.com,Malmö\n".as_bytes());
    bytes.extend_from_slice("Søren,s@x.com,København\n".as_bytes());
    bytes.extend_from_slice(b"Bob,b@x.com,Caf\xE9 \xFF\nCid,c@x.com,Nice\n");
    let (info, rows) = read("bad.csv", &bytes);
    assert_eq!(info.encoding.as_deref(), Some("UTF-8"));
    assert_eq!(
        texts(&info.warnings),
        vec![
            "the file is UTF-8 but has 2 invalid byte sequences near its start; the rows \
             holding them are rejected"
                .to_string()
        ]
    );
    assert_eq!(
        rows,
        vec![
            data(2, &["José", "j@x.com", "Zürich"]),
            data(3, &["Zoë Ærø", "z@x.com", "Malmö"]),
            data(4, &["Søren", "s@x.com", "København"]),
            reject(
                5,
                &["Bob", "b@x.com", "Caf\u{FFFD} \u{FFFD}"],
                said(
                    RowReason::InvalidBytes {
                        encoding: "UTF-8".into(),
                        columns: vec![3]
                    },
                    "invalid bytes for UTF-8 in column 3"
                )
            ),
            data(6, &["Cid", "c@x.com", "Nice"]),
        ]
    );
}

#[test]
fn invalid_bytes_for_gbk_reject_the_row_naming_encoding_and_column() {
    let mut bytes = encode("gbk", "姓名,城市\n张伟,北京\n");
    bytes.extend_from_slice(b"Bad,\x81\n"); // a lead byte with no trail byte
    bytes.extend_from_slice(&encode("gbk", "王芳,上海\n"));
    let opts = ReadOptions {
        encoding: Some("gbk".into()),
        ..ReadOptions::default()
    };
    let (info, rows) = read_opts("gbk.csv", &bytes, &opts);
    assert_eq!(info.encoding.as_deref(), Some("GBK"));
    assert_eq!(
        rows,
        vec![
            data(2, &["张伟", "北京"]),
            reject(
                3,
                &["Bad", "\u{FFFD}"],
                said(
                    RowReason::InvalidBytes {
                        encoding: "GBK".into(),
                        columns: vec![2]
                    },
                    "invalid bytes for GBK in column 2"
                )
            ),
            data(4, &["王芳", "上海"]),
        ]
    );
}

#[test]
fn a_real_replacement_character_in_utf16_is_not_an_error() {
    let (_, rows) = read(
        "r.csv",
        &utf16le("Name,Note\nAnn,broken \u{FFFD} glyph\n", true),
    );
    assert_eq!(rows, vec![data(2, &["Ann", "broken \u{FFFD} glyph"])]);
}

#[test]
fn a_nul_byte_rejects_its_row_only() {
    let (info, rows) = read(
        "nul.csv",
        b"Name,Email\nAnn,a@x.com\nBob,b@x\0.com\nCid,c@x.com\n",
    );
    assert_eq!(info.headers, cells(&["Name", "Email"]));
    assert_eq!(
        rows,
        vec![
            data(2, &["Ann", "a@x.com"]),
            reject(
                3,
                &["Bob", "b@x\0.com"],
                said(
                    RowReason::NulByte { columns: vec![2] },
                    "contains a NUL byte in column 2"
                )
            ),
            data(4, &["Cid", "c@x.com"]),
        ]
    );
}

// ---- rows -----------------------------------------------------------------------------------

#[test]
fn short_rows_are_padded_and_long_rows_trimmed_or_rejected() {
    let text = "A,B,C,D,E\n\
                1,2\n\
                1,2,3,4,5,,\n\
                1,2,3,4,5,6,7\n\
                ,,,,\n\
                \x20 ,  \n";
    let (_, rows) = read("ragged.csv", text.as_bytes());
    assert_eq!(
        rows,
        vec![
            data(2, &["1", "2", "", "", ""]),
            data(3, &["1", "2", "3", "4", "5"]),
            reject(
                4,
                &["1", "2", "3", "4", "5", "6", "7"],
                said(
                    RowReason::CellCount {
                        cells: 7,
                        columns: 5
                    },
                    "has 7 cells but the header has 5 columns"
                )
            ),
            skip(
                5,
                &["", "", "", "", ""],
                said(RowReason::EmptyRow, "empty row")
            ),
            skip(
                6,
                &["  ", "  ", "", "", ""],
                said(RowReason::EmptyRow, "empty row")
            ),
        ],
        "every row after the header comes out once"
    );
}

#[test]
fn total_rows_are_skipped_in_text_too() {
    let (_, rows) = read(
        "t.csv",
        "Name,Amount\nAnn,10\nTotal:,\"1,234.50\"\n合计,¥30\nTotal Recall,fun\n".as_bytes(),
    );
    assert_eq!(
        rows,
        vec![
            data(2, &["Ann", "10"]),
            skip(
                3,
                &["Total:", "1,234.50"],
                said(RowReason::TotalRow, "total row")
            ),
            skip(4, &["合计", "¥30"], said(RowReason::TotalRow, "total row")),
            data(5, &["Total Recall", "fun"]),
        ]
    );
}

#[test]
fn header_only_gives_no_rows() {
    let (info, rows) = read("h.csv", b"Name,Email\r\n");
    assert_eq!(info.headers, cells(&["Name", "Email"]));
    assert!(rows.is_empty(), "the caller reports \"no data rows\"");
}

#[test]
fn header_row_is_found_below_title_rows_in_text() {
    let (info, rows) = read(
        "report.csv",
        b"Customer list 2024,,,\n,,,\nName,Email,Phone,City\nAnn,a@x.com,1,Paris\n",
    );
    assert_eq!(info.header_row, 3);
    assert_eq!(info.headers, cells(&["Name", "Email", "Phone", "City"]));
    assert_eq!(
        texts(&info.warnings),
        vec!["2 rows above the header (lines 1–2) were skipped".to_string()]
    );
    assert_eq!(rows, vec![data(4, &["Ann", "a@x.com", "1", "Paris"])]);
}

#[test]
fn duplicate_and_empty_header_names_are_renamed_with_warnings() {
    let (info, rows) = read("dup.csv", b" Email ,Name,email,,Email\na,b,c,d,e\n");
    assert_eq!(
        info.headers,
        cells(&["Email", "Name", "email (2)", "Column 4", "Email (3)"])
    );
    assert_eq!(
        texts(&info.warnings),
        vec![
            "the header \"email\" appears more than once; column 3 is named \"email (2)\"",
            "column 4 has no header; it is named \"Column 4\"",
            "the header \"Email\" appears more than once; column 5 is named \"Email (3)\"",
        ]
    );
    assert_eq!(rows, vec![data(2, &["a", "b", "c", "d", "e"])]);
}

#[test]
fn trailing_empty_header_cells_are_not_columns() {
    let (info, rows) = read("t.csv", b"Name,Email,,\nAnn,a@x.com,,\n");
    assert_eq!(info.headers, cells(&["Name", "Email"]));
    assert_eq!(rows, vec![data(2, &["Ann", "a@x.com"])]);
}

// ---- bad input ------------------------------------------------------------------------------

#[test]
fn an_unclosed_quote_rejects_its_row_and_says_how_far_it_ran() {
    let text = "Name,Email,Note\n\
                Ann,a@x.com,\"fine\"\n\
                Bob,b@x.com,\"oops\n\
                Cid,c@x.com,ok\n\
                Dee,d@x.com,ok\n";
    let (_, rows) = read("q.csv", text.as_bytes());
    assert_eq!(
        rows,
        vec![
            data(2, &["Ann", "a@x.com", "fine"]),
            reject(
                3,
                &["Bob", "b@x.com", "oops\nCid,c@x.com,ok\nDee,d@x.com,ok\n"],
                said(
                    RowReason::UnclosedQuote { opened: 3, last: 5 },
                    "a quoted field opened on line 3 is never closed; it runs to the end of the \
                     file, so lines 3–5 were read as this one row"
                )
            ),
        ],
        "the swallowed lines 4–5 are named in the reason"
    );
}

#[test]
fn empty_files_are_refused() {
    let none = ReadOptions::default();
    assert_eq!(
        open_err("e.csv", b"", &none).reason.text,
        "the file is empty"
    );
    assert_eq!(
        open_err("e.csv", &[0xEF, 0xBB, 0xBF], &none).reason.text,
        "the file is empty (it holds only a byte-order mark)"
    );
    assert_eq!(
        open_err("e.csv", &[0xFF, 0xFE], &none).reason.text,
        "the file is empty (it holds only a byte-order mark)"
    );
    assert_eq!(
        open_err("e.csv", b"\r\n\n\r", &none).reason.text,
        "the file holds only blank lines"
    );
}

/// A file refused as a whole carries its problem as a code with its values (the window says
/// it in Chinese from the code), and the English is the code's own words.
#[test]
fn file_refusals_carry_their_codes() {
    let none = ReadOptions::default();
    let code = |name: &str, bytes: &[u8], opts: &ReadOptions| {
        let e = open_err(name, bytes, opts);
        assert_eq!(e.reason.code.to_string(), e.reason.text);
        e.reason.code
    };
    assert_eq!(code("e.csv", b"", &none), FileProblem::Empty);
    assert_eq!(
        code("e.csv", &[0xEF, 0xBB, 0xBF], &none),
        FileProblem::OnlyByteOrderMark
    );
    assert_eq!(
        code("b.csv", b"Name\x00\x01\x02\x03\x00\x00\x00\x00", &none),
        FileProblem::NotText { byte: 4 }
    );
    assert_eq!(
        code("p.xls", b"<html><body><table></table></body></html>", &none),
        FileProblem::XlsIsHtml
    );
    assert_eq!(
        code("w.xlsx", b"Name,Email\nAnn,a@x.org\n", &none),
        FileProblem::NotZip {
            workbook: kith::Workbook::Excel
        }
    );
    let header = ReadOptions {
        header_row: Some(9),
        ..ReadOptions::default()
    };
    assert_eq!(
        code("h.csv", b"Name\nAnn\n", &header),
        FileProblem::HeaderPastEnd { row: 9 }
    );
    let label = ReadOptions {
        encoding: Some("klingon".into()),
        ..ReadOptions::default()
    };
    assert_eq!(
        code("k.csv", b"Name\n", &label),
        FileProblem::UnknownEncoding {
            label: "klingon".into()
        }
    );
}

#[test]
fn a_five_megabyte_cell_is_read_whole() {
    let big = "x".repeat(5 * 1024 * 1024);
    let text = format!("Name,Note,City\nAnn,\"{big}\",Paris\nBob,short,Lyon\n");
    let (_, rows) = read("big.csv", text.as_bytes());
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0].cells[1].len(),
        big.len(),
        "the caller rejects long cells, not the reader"
    );
    assert_eq!(rows[1], data(3, &["Bob", "short", "Lyon"]));
}

#[test]
fn five_thousand_columns_are_refused() {
    let header: Vec<String> = (1..=5000).map(|i| format!("c{i}")).collect();
    let text = format!("{}\n{}\n", header.join(","), vec!["1"; 5000].join(","));
    let e = open_err("wide.csv", text.as_bytes(), &ReadOptions::default());
    assert_eq!(e.reason.text, "has 5000 columns; Kith imports at most 1000");
    assert_eq!(e.line, Some(1));
    assert!(
        e.to_string()
            .ends_with("wide.csv, line 1: has 5000 columns; Kith imports at most 1000")
    );
}

#[test]
fn a_row_over_the_size_cap_ends_the_read_with_an_error() {
    let dir = TempDir::new().expect("temp dir");
    let path = dir.path().join("runaway.csv");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    f.write_all(b"Name,Note\nAnn,ok\nBob,\"never closed ")
        .expect("write");
    let chunk = vec![b'z'; 1024 * 1024];
    for _ in 0..65 {
        f.write_all(&chunk).expect("write");
    }
    drop(f);
    let mut src = open_with(&path, &ReadOptions::default());
    assert_eq!(src.next(), Some(Ok(data(2, &["Ann", "ok"]))));
    let e = src
        .next()
        .expect("an item")
        .expect_err("the runaway row ends the read");
    assert_eq!(e.line, Some(3));
    assert_eq!(
        e.reason.text,
        "the row that begins on line 3 is longer than 64 MB; a quoted field opened on line 3 \
         is probably never closed"
    );
    assert_eq!(src.next(), None, "nothing after a read-ending error");
}

#[test]
fn binary_files_with_a_csv_name_are_refused() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xffa";
    let e = open_err("photo.csv", png, &ReadOptions::default());
    assert_eq!(
        e.reason.text,
        "is not a text file (binary data near byte 6)"
    );

    let e = open_err("random.csv", &noise(4096, 7), &ReadOptions::default());
    assert!(
        e.reason
            .text
            .starts_with("is not a text file (binary data near byte "),
        "{}",
        e.reason.text
    );
}

#[test]
fn missing_files_and_folders_are_refused() {
    let dir = TempDir::new().expect("temp dir");
    let missing = dir.path().join("nope.csv");
    let e = open(&missing, &ReadOptions::default()).expect_err("missing");
    assert_eq!(e.reason.text, "the file does not exist");
    assert_eq!(e.path, missing.display().to_string());
    assert_eq!(
        e.to_string(),
        format!("{}: the file does not exist", missing.display())
    );
    let e = open(dir.path(), &ReadOptions::default()).expect_err("a folder");
    assert_eq!(e.reason.text, "is a folder, not a file");
}

#[test]
fn bad_options_are_refused() {
    let opts = ReadOptions {
        delimiter: Some('é'),
        ..ReadOptions::default()
    };
    assert_eq!(
        open_err("a.csv", b"a,b\n", &opts).reason.text,
        "the delimiter must be one ASCII character other than a quote or a line end, not 'é'"
    );
    let opts = ReadOptions {
        header_row: Some(9),
        ..ReadOptions::default()
    };
    assert_eq!(
        open_err("a.csv", b"a,b\n1,2\n", &opts).reason.text,
        "the header row 9 is past the end of the file"
    );
    let opts = ReadOptions {
        header_row: Some(2),
        ..ReadOptions::default()
    };
    let e = open_err("a.csv", b"a,\"b\nc\"\nd,e\n", &opts);
    assert_eq!(
        e.reason.text,
        "line 2 is blank or inside a quoted field, so it cannot be the header row; the next row \
         starts on line 3"
    );
}

// ---- workbooks ------------------------------------------------------------------------------

/// A workbook like a real export: an empty first sheet, then a title row, a blank row, the
/// header, and rows with dates, phone numbers stored as numbers, formulas, errors and totals.
fn contacts_xlsx(path: &Path) {
    let mut wb = Workbook::new();
    wb.add_worksheet().set_name("Cover").expect("name");
    let ws = wb.add_worksheet();
    ws.set_name("Contacts").expect("name");
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    let stamp = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    ws.write_string(0, 0, "Customer list 2024").expect("write");
    for (c, h) in [
        "Name", "Phone", "Joined", "Score", "Active", "Check", "Email",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(2, c as u16, *h).expect("write");
    }
    // Row 4: a person.
    ws.write_string(3, 0, "张伟").expect("write");
    ws.write_number(3, 1, 13812345678.0).expect("write");
    ws.write_datetime_with_format(
        3,
        2,
        ExcelDateTime::from_ymd(2024, 3, 5).expect("date"),
        &date,
    )
    .expect("write");
    ws.write_number(3, 3, 0.1 + 0.2).expect("write");
    ws.write_boolean(3, 4, true).expect("write");
    ws.write_formula(3, 5, Formula::new("=1/0").set_result("#DIV/0!"))
        .expect("write");
    ws.write_string(3, 6, "zhang@example.cn").expect("write");
    // Row 5: another, with a time of day and formula results.
    ws.write_string(4, 0, "Ann Lee").expect("write");
    ws.write_number(4, 1, 1e20).expect("write");
    ws.write_datetime_with_format(
        4,
        2,
        ExcelDateTime::from_ymd(2023, 12, 31)
            .expect("date")
            .and_hms(8, 30, 15)
            .expect("time"),
        &stamp,
    )
    .expect("write");
    ws.write_formula(4, 3, Formula::new("=2*21").set_result("42"))
        .expect("write");
    ws.write_boolean(4, 4, false).expect("write");
    ws.write_formula(4, 5, Formula::new("=\"ok\"").set_result("ok"))
        .expect("write");
    ws.write_number(4, 6, -1234.5678).expect("write");
    // Row 6 empty; rows 7–9 totals in three languages; row 10 a name that is not a total.
    ws.write_string(6, 0, "Total").expect("write");
    ws.write_number(6, 3, 42.3).expect("write");
    ws.write_string(7, 0, "合计").expect("write");
    ws.write_formula(7, 3, Formula::new("=D4+D5").set_result("42.3"))
        .expect("write");
    ws.write_string(8, 1, "Summe").expect("write");
    ws.write_string(9, 0, "Total Wines Ltd").expect("write");
    ws.write_string(9, 6, "orders@totalwines.example")
        .expect("write");
    wb.save(path).expect("save xlsx");
}

#[test]
fn xlsx_is_read_below_its_title_rows_with_cells_as_the_user_sees_them() {
    let dir = TempDir::new().expect("temp dir");
    let path = dir.path().join("contacts.xlsx");
    contacts_xlsx(&path);
    let (info, rows) = read_path(&path, &ReadOptions::default());
    assert_eq!(info.format, Format::Xlsx);
    assert_eq!(info.encoding, None);
    assert_eq!(info.sheets, cells(&["Cover", "Contacts"]));
    assert_eq!(
        info.sheet.as_deref(),
        Some("Contacts"),
        "the first sheet with data"
    );
    assert_eq!(info.header_row, 3);
    assert_eq!(
        info.headers,
        cells(&[
            "Name", "Phone", "Joined", "Score", "Active", "Check", "Email"
        ])
    );
    assert_eq!(
        texts(&info.warnings),
        vec!["2 rows above the header (rows 1–2) were skipped".to_string()]
    );
    assert_eq!(
        rows,
        vec![
            data(
                4,
                &[
                    "张伟",
                    "13812345678",
                    "2024-03-05",
                    "0.3",
                    "TRUE",
                    "#DIV/0!",
                    "zhang@example.cn"
                ]
            ),
            data(
                5,
                &[
                    "Ann Lee",
                    "100000000000000000000",
                    "2023-12-31 08:30:15",
                    "42",
                    "FALSE",
                    "ok",
                    "-1234.5678"
                ]
            ),
            skip(
                6,
                &["", "", "", "", "", "", ""],
                said(RowReason::EmptyRow, "empty row")
            ),
            skip(
                7,
                &["Total", "", "", "42.3", "", "", ""],
                said(RowReason::TotalRow, "total row")
            ),
            skip(
                8,
                &["合计", "", "", "42.3", "", "", ""],
                said(RowReason::TotalRow, "total row")
            ),
            skip(
                9,
                &["", "Summe", "", "", "", "", ""],
                said(RowReason::TotalRow, "total row")
            ),
            data(
                10,
                &[
                    "Total Wines Ltd",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "orders@totalwines.example"
                ]
            ),
        ]
    );
}

#[test]
fn xlsx_sheet_and_header_row_can_be_chosen() {
    let dir = TempDir::new().expect("temp dir");
    let path = dir.path().join("contacts.xlsx");
    contacts_xlsx(&path);
    let opts = ReadOptions {
        sheet: Some("contacts".into()),
        header_row: Some(4),
        ..ReadOptions::default()
    };
    let mut src = open_with(&path, &opts);
    assert_eq!(
        src.info().sheet.as_deref(),
        Some("Contacts"),
        "names match ignoring case"
    );
    assert_eq!(src.info().header_row, 4);
    assert_eq!(src.info().headers[0], "张伟");
    assert_eq!(src.progress(), (0, 6));
    assert_eq!(src.next().expect("row").expect("ok").line, 5);
    assert_eq!(src.progress(), (1, 6));

    let opts = ReadOptions {
        sheet: Some("Leads".into()),
        ..ReadOptions::default()
    };
    let e = open(&path, &opts).expect_err("no such sheet");
    assert_eq!(
        e.reason.text,
        "has no sheet named \"Leads\"; its sheets are \"Cover\", \"Contacts\""
    );
}

#[test]
fn an_xlsx_with_a_csv_name_is_read_as_xlsx() {
    let dir = TempDir::new().expect("temp dir");
    let path = dir.path().join("really.csv");
    contacts_xlsx(&path);
    let (info, rows) = read_path(&path, &ReadOptions::default());
    assert_eq!(info.format, Format::Xlsx, "content decides, not the name");
    assert_eq!(rows.len(), 7);
}

#[test]
fn corrupt_workbooks_are_refused_as_unreadable() {
    let dir = TempDir::new().expect("temp dir");
    let path = dir.path().join("good.xlsx");
    contacts_xlsx(&path);
    let bytes = std::fs::read(&path).expect("read");

    let e = open_err(
        "cut.xlsx",
        &bytes[..bytes.len() / 2],
        &ReadOptions::default(),
    );
    assert!(
        e.reason
            .text
            .starts_with("is not a readable Excel workbook: "),
        "a truncated zip: {}",
        e.reason.text
    );
    let e = open_err(
        "garbage.xlsx",
        b"this is not a workbook\n",
        &ReadOptions::default(),
    );
    assert_eq!(
        e.reason.text,
        "is not a readable Excel workbook: it is not a ZIP archive, as every .xlsx file is"
    );
    let e = open_err("noise.xlsx", &noise(2048, 3), &ReadOptions::default());
    assert!(
        e.reason
            .text
            .starts_with("is not a readable Excel workbook: "),
        "{}",
        e.reason.text
    );
    let e = open_err("noise.xls", &noise(2048, 5), &ReadOptions::default());
    assert!(
        e.reason
            .text
            .starts_with("is not a readable Excel workbook: "),
        "{}",
        e.reason.text
    );
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend(noise(1024, 9));
    let e = open_err("broken.xls", &ole, &ReadOptions::default());
    assert!(
        e.reason
            .text
            .starts_with("is not a readable Excel workbook: "),
        "{}",
        e.reason.text
    );
    let e = open_err("garbage.ods", b"hello", &ReadOptions::default());
    assert_eq!(
        e.reason.text,
        "is not a readable OpenDocument spreadsheet: it is not a ZIP archive, as every .ods \
         file is"
    );
}

#[test]
fn an_entry_inflating_past_its_declared_size_is_not_read() {
    // The zip-bomb check trusts declared sizes because the zip crate stops at them.
    let dir = TempDir::new().expect("temp dir");
    let path = dir.path().join("liar.xlsx");
    contacts_xlsx(&path);
    let mut bytes = std::fs::read(&path).expect("read");
    set_declared_size(&mut bytes, "xl/worksheets/sheet2.xml", 100);
    let e = open_err("liar.xlsx", &bytes, &ReadOptions::default());
    assert!(
        e.reason
            .text
            .starts_with("is not a readable Excel workbook: "),
        "{}",
        e.reason.text
    );
    assert!(
        e.reason
            .text
            .ends_with("File is larger than its declared uncompressed size"),
        "the zip crate stopped at the declared size: {}",
        e.reason.text
    );
}

/// Rewrites the uncompressed size of `name` in a zip's local and central headers.
fn set_declared_size(zip: &mut [u8], name: &str, size: u32) {
    let u32_at = |b: &[u8], i: usize| u32::from_le_bytes(b[i..i + 4].try_into().expect("4"));
    let u16_at = |b: &[u8], i: usize| usize::from(u16::from_le_bytes([b[i], b[i + 1]]));
    let eocd = zip.len() - 22;
    assert_eq!(u32_at(zip, eocd), 0x0605_4b50, "no zip comment");
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
            zip[local + 22..local + 26].copy_from_slice(&size.to_le_bytes());
            found = true;
        }
        at += 46 + n + e + c;
    }
    assert!(found, "{name} is in the zip");
}

/// A zip whose entries declare the given (uncompressed, compressed) sizes; the compressed
/// bytes are filler, never inflated by the reader.
fn declared_zip(entries: &[(&str, u32, u32)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for &(name, size, packed) in entries {
        let offset = out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend_from_slice(&sig.to_le_bytes());
            if central {
                h.extend_from_slice(&20u16.to_le_bytes());
            }
            h.extend_from_slice(&20u16.to_le_bytes()); // version needed
            h.extend_from_slice(&0u16.to_le_bytes()); // flags
            h.extend_from_slice(&8u16.to_le_bytes()); // deflate
            h.extend_from_slice(&0u16.to_le_bytes()); // time
            h.extend_from_slice(&0x21u16.to_le_bytes()); // date 1980-01-01
            h.extend_from_slice(&0u32.to_le_bytes()); // crc
            h.extend_from_slice(&packed.to_le_bytes());
            h.extend_from_slice(&size.to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra
            if central {
                h.extend_from_slice(&0u16.to_le_bytes()); // comment
                h.extend_from_slice(&0u16.to_le_bytes()); // disk
                h.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
                h.extend_from_slice(&0u32.to_le_bytes()); // external attributes
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(std::iter::repeat_n(0u8, packed as usize));
        central.extend(header(0x0201_4b50, true));
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0, 0, 0, 0]);
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

#[test]
fn zip_bombs_are_refused_before_anything_is_inflated() {
    const MB: u32 = 1024 * 1024;
    // One sheet entry compressed 600:1.
    let bomb = declared_zip(&[
        ("[Content_Types].xml", 1000, 400),
        ("xl/workbook.xml", 1000, 400),
        ("xl/worksheets/sheet1.xml", 60 * MB, 100 * 1024),
    ]);
    let e = open_err("bomb.xlsx", &bomb, &ReadOptions::default());
    assert_eq!(
        e.reason.text,
        "was refused because it looks like a zip bomb: its entry \"xl/worksheets/sheet1.xml\" \
         inflates 60 MB from 100 KB (614:1, more than 100:1)"
    );
    // Ratios under 100:1, but 1.1 GiB in total.
    let big = declared_zip(&[
        ("xl/workbook.xml", 1000, 400),
        ("xl/worksheets/sheet1.xml", 1100 * MB, 12 * MB),
    ]);
    let e = open_err("big.xlsx", &big, &ReadOptions::default());
    assert_eq!(
        e.reason.text,
        "was refused because it looks like a zip bomb: its entries inflate to 1100 MB in total, \
         more than the 1024 MB Kith reads"
    );
}

#[test]
fn ods_is_read_from_its_first_sheet_with_data() {
    let (info, rows) = read_path(&fixture("contacts.ods"), &ReadOptions::default());
    assert_eq!(info.format, Format::Ods);
    assert_eq!(info.sheets, cells(&["Cover", "联系人"]));
    assert_eq!(info.sheet.as_deref(), Some("联系人"));
    assert_eq!(info.header_row, 3);
    assert_eq!(
        info.headers,
        cells(&["Name", "Email", "Phone", "Birthday", "Spend"])
    );
    assert_eq!(
        rows,
        vec![
            data(
                4,
                &[
                    "张伟",
                    "zhang.wei@example.cn",
                    "13812345678",
                    "1985-04-12",
                    "1234.5"
                ]
            ),
            skip(
                5,
                &["", "", "", "", ""],
                said(RowReason::EmptyRow, "empty row")
            ),
            data(
                6,
                &[
                    "Ann Lee",
                    "ann@example.com",
                    "TRUE",
                    "1990-01-31 08:30:00",
                    "0.3"
                ]
            ),
            skip(
                7,
                &["合计", "", "", "", "1234.8"],
                said(RowReason::TotalRow, "total row")
            ),
        ]
    );
}

#[test]
fn xls_is_read_with_dates_and_phone_numbers() {
    let (info, rows) = read_path(&fixture("contacts.xls"), &ReadOptions::default());
    assert_eq!(info.format, Format::Xls);
    assert_eq!(info.sheets, cells(&["Cover", "Contacts"]));
    assert_eq!(info.sheet.as_deref(), Some("Contacts"));
    assert_eq!(info.header_row, 3);
    assert_eq!(
        info.headers,
        cells(&["Name", "Email", "Phone", "Joined", "Spend"])
    );
    assert_eq!(
        rows,
        vec![
            data(
                4,
                &[
                    "张伟",
                    "zhang.wei@example.cn",
                    "13812345678",
                    "2024-03-05",
                    "1234.5"
                ]
            ),
            data(
                5,
                &[
                    "Ann Lee",
                    "ann@example.com",
                    "+1 555 0100",
                    "2024-01-31 08:30:00",
                    "0.3"
                ]
            ),
            skip(
                6,
                &["", "", "", "", ""],
                said(RowReason::EmptyRow, "empty row")
            ),
            skip(
                7,
                &["Total", "", "", "", "1234.8"],
                said(RowReason::TotalRow, "total row")
            ),
        ]
    );
}

#[test]
fn an_xls_name_on_a_text_file_is_read_as_text_with_a_warning() {
    let (info, rows) = read("export.xls", b"Name\tEmail\nAnn\ta@x.com\n");
    assert_eq!(info.format, Format::Csv);
    assert_eq!(info.delimiter, Some('\t'));
    assert_eq!(
        texts(&info.warnings),
        vec!["the file has an .xls name but holds text; it was read as CSV".to_string()]
    );
    assert_eq!(rows, vec![data(2, &["Ann", "a@x.com"])]);
    let e = open_err(
        "export.xls",
        b"<html><table><tr><td>x</td></tr></table>",
        &ReadOptions::default(),
    );
    assert_eq!(
        e.reason.text,
        "is a web page (HTML) with an .xls name, not a workbook; open it in Excel and save it \
         as .xlsx or .csv"
    );
}

// ---- vCard ----------------------------------------------------------------------------------

/// A vCard row from (header, value) pairs; every other cell empty.
fn card(line: u64, values: &[(&str, &str)]) -> SourceRow {
    let mut row = vec![""; 20];
    for (h, v) in values {
        let i = VCARD_HEADERS
            .iter()
            .position(|x| x == h)
            .expect("a vCard header");
        row[i] = v;
    }
    data(line, &row)
}

#[test]
fn vcard_3_with_many_cards_folding_escapes_and_groups() {
    let text = "BEGIN:VCARD\r\n\
        VERSION:3.0\r\n\
        FN:Ann Lee\r\n\
        N:Lee;Ann;Marie;Dr.;\r\n\
        ORG:Example\\, Inc.;Sales\r\n\
        TITLE:Head of Sales\r\n\
        item1.EMAIL;TYPE=INTERNET:ann@work.example\r\n\
        item1.X-ABLabel:work\r\n\
        EMAIL;TYPE=INTERNET,pref:ann@home.example\r\n\
        EMAIL:a3@example.com\r\n\
        EMAIL:a4@example.com\r\n\
        EMAIL:a5@example.com\r\n\
        TEL;TYPE=CELL:+1 555 0100\r\n\
        ADR;TYPE=WORK:;Suite 5;1 Main St\\nBuilding B;Springfield;IL;62701;USA\r\n\
        URL:https://example.com\r\n\
        BDAY:19850412\r\n\
        NOTE:Met at the fair\\; likes tea\\, not coffee.\\nSecond line, long enough to be fo\r\n \
        lded here.\r\n\
        CATEGORIES:vip,customers\r\n\
        PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD\r\n \
        /2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8U\r\n\
        END:VCARD\r\n\
        \r\n\
        begin:vcard\r\n\
        version:3.0\r\n\
        fn:Bob\r\n\
        tel:555-0101\r\n\
        tel:555-0102\r\n\
        tel:555-0103\r\n\
        tel:555-0104\r\n\
        end:vcard\r\n";
    let (info, rows) = read("contacts.vcf", text.as_bytes());
    assert_eq!(info.format, Format::Vcard);
    assert_eq!(info.header_row, 0, "the header is synthetic");
    assert_eq!(info.headers, cells(&VCARD_HEADERS));
    assert_eq!(info.delimiter, None);
    assert_eq!(
        rows,
        vec![
            card(
                1,
                &[
                    ("Full name", "Ann Lee"),
                    ("First name", "Ann Marie"),
                    ("Last name", "Lee"),
                    ("Email", "ann@home.example"),
                    ("Email 2", "ann@work.example"),
                    ("Email 3", "a3@example.com; a4@example.com; a5@example.com"),
                    ("Phone", "+1 555 0100"),
                    ("Organization", "Example, Inc., Sales"),
                    ("Title", "Head of Sales"),
                    ("Street", "Suite 5, 1 Main St\nBuilding B"),
                    ("City", "Springfield"),
                    ("Region", "IL"),
                    ("Postal code", "62701"),
                    ("Country", "USA"),
                    ("Website", "https://example.com"),
                    ("Birthday", "1985-04-12"),
                    (
                        "Note",
                        "Met at the fair; likes tea, not coffee.\nSecond line, long enough to \
                         be folded here."
                    ),
                    ("Categories", "vip, customers"),
                ]
            ),
            card(
                24,
                &[
                    ("Full name", "Bob"),
                    ("Phone", "555-0101"),
                    ("Phone 2", "555-0102"),
                    ("Phone 3", "555-0103; 555-0104"),
                ]
            ),
        ]
    );
}

#[test]
fn vcard_4_is_read() {
    let text = "BEGIN:VCARD\n\
        VERSION:4.0\n\
        FN:山田 太郎\n\
        N:山田;太郎;;;\n\
        EMAIL;TYPE=\"work,internet\";PREF=1:taro@example.jp\n\
        TEL;VALUE=uri;TYPE=\"voice,cell\":tel:+81-90-1234-5678\n\
        BDAY:--0412\n\
        END:VCARD\n";
    let (info, rows) = read("taro.vcf", text.as_bytes());
    assert_eq!(info.encoding.as_deref(), Some("UTF-8"));
    assert_eq!(
        rows,
        vec![card(
            1,
            &[
                ("Full name", "山田 太郎"),
                ("First name", "太郎"),
                ("Last name", "山田"),
                ("Email", "taro@example.jp"),
                ("Phone", "tel:+81-90-1234-5678"),
                ("Birthday", "--04-12"),
            ]
        )]
    );
}

#[test]
fn vcard_2_1_with_quoted_printable_and_charset() {
    // As old phones export: QUOTED-PRINTABLE in UTF-8 and in a legacy charset, soft line
    // breaks, bare parameters, no FN.
    let mut bytes = b"BEGIN:VCARD\r\nVERSION:2.1\r\n\
        N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0;=E4=BC=9F;;;\r\n\
        TEL;CELL;PREF:13812345678\r\n\
        TEL;HOME:010-12345678\r\n\
        NOTE;ENCODING=QUOTED-PRINTABLE:first line=0D=0Asecond =\r\n\
        line\r\n\
        ADR;HOME;CHARSET=ISO-8859-1;QUOTED-PRINTABLE:;;Stra=DFe 1;K=F6ln;;50667;Germany\r\n\
        END:VCARD\r\n"
        .to_vec();
    bytes.extend_from_slice(b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Plain\r\nEND:VCARD\r\n");
    let (_, rows) = read("phone.vcf", &bytes);
    assert_eq!(
        rows,
        vec![
            card(
                1,
                &[
                    ("Full name", "伟 张"),
                    ("First name", "伟"),
                    ("Last name", "张"),
                    ("Phone", "13812345678"),
                    ("Phone 2", "010-12345678"),
                    ("Street", "Straße 1"),
                    ("City", "Köln"),
                    ("Postal code", "50667"),
                    ("Country", "Germany"),
                    ("Note", "first line\r\nsecond line"),
                ]
            ),
            card(10, &[("Full name", "Plain")]),
        ]
    );
}

#[test]
fn vcard_problems_are_rows_with_reasons() {
    let text = "junk before\n\
        more junk\n\
        BEGIN:VCARD\n\
        VERSION:3.0\n\
        FN:No End\n\
        BEGIN:VCARD\n\
        VERSION:3.0\n\
        END:VCARD\n\
        BEGIN:VCARD\n\
        FN:Cut Off\n";
    let (info, rows) = read("broken.vcf", text.as_bytes());
    assert_eq!(
        info.format,
        Format::Vcard,
        "the .vcf name decides when content is not clear"
    );
    assert_eq!(
        rows,
        vec![
            reject(
                1,
                &["junk before"],
                said(
                    RowReason::OutsideCard { first: 1, last: 2 },
                    "lines 1–2 are not inside a BEGIN:VCARD … END:VCARD card"
                )
            ),
            SourceRow {
                status: RowStatus::Reject {
                    reason: said(
                        RowReason::CardNotEnded {
                            begin: 3,
                            next: Some(6)
                        },
                        "the card that begins on line 3 has no END:VCARD (another card begins \
                         on line 6)"
                    )
                },
                ..card(3, &[("Full name", "No End")])
            },
            SourceRow {
                status: RowStatus::Skip {
                    reason: said(RowReason::EmptyCard, "empty card")
                },
                ..card(6, &[])
            },
            SourceRow {
                status: RowStatus::Reject {
                    reason: said(
                        RowReason::CardNotEnded {
                            begin: 9,
                            next: None
                        },
                        "the card that begins on line 9 has no END:VCARD (the file ends)"
                    )
                },
                ..card(9, &[("Full name", "Cut Off")])
            },
        ]
    );
}

#[test]
fn vcard_is_found_by_content_and_its_progress_counts_cards() {
    let text = "BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\nEND:VCARD\n";
    let (_dir, path) = file("export.txt", text.as_bytes());
    let mut src = open_with(&path, &ReadOptions::default());
    assert_eq!(src.info().format, Format::Vcard);
    assert_eq!(src.progress(), (0, 2));
    src.next();
    assert_eq!(src.progress(), (1, 2));
    src.next();
    assert_eq!(src.progress(), (2, 2));
    assert_eq!(src.next(), None);
}

#[test]
fn vcard_in_utf16_and_with_invalid_bytes() {
    let (info, rows) = read(
        "u16.vcf",
        &utf16le("BEGIN:VCARD\r\nFN:Zoë\r\nEND:VCARD\r\n", true),
    );
    assert_eq!(info.encoding.as_deref(), Some("UTF-16LE"));
    assert_eq!(rows, vec![card(1, &[("Full name", "Zoë")])]);

    let (_, rows) = read(
        "bad.vcf",
        &[
            "BEGIN:VCARD\nFN:Zoë Ærøskøbing-Müller\nEND:VCARD\n".as_bytes(),
            b"BEGIN:VCARD\nFN:Bad \xFF\nEND:VCARD\n",
        ]
        .concat(),
    );
    assert_eq!(rows[0], card(1, &[("Full name", "Zoë Ærøskøbing-Müller")]));
    assert_eq!(
        rows[1],
        SourceRow {
            status: RowStatus::Reject {
                reason: said(
                    RowReason::InvalidBytesOnLine {
                        encoding: "UTF-8".into(),
                        line: 5
                    },
                    "invalid bytes for UTF-8 on line 5"
                )
            },
            ..card(4, &[("Full name", "Bad \u{FFFD}")])
        }
    );
}

// ---- the API's shape ------------------------------------------------------------------------

#[test]
fn source_can_move_to_a_worker_thread() {
    fn assert_send<T: Send>() {}
    assert_send::<Source>();
    let (_dir, path) = file("a.csv", b"Name\nAnn\n");
    let src = open_with(&path, &ReadOptions::default());
    let rows = std::thread::spawn(move || src.count())
        .join()
        .expect("thread");
    assert_eq!(rows, 1);
}

#[test]
fn text_progress_is_in_bytes() {
    let text = b"Name,Email\nAnn,a@x.com\nBob,b@x.com\n";
    let (_dir, path) = file("p.csv", text);
    let mut src = open_with(&path, &ReadOptions::default());
    assert_eq!(
        src.progress().1,
        text.len() as u64,
        "the total is the file size"
    );
    while src.next().is_some() {}
    assert_eq!(src.progress(), (text.len() as u64, text.len() as u64));
}

#[test]
fn dtos_serialize_as_the_ui_expects() {
    assert_eq!(
        serde_json::to_string(&Format::Vcard).expect("json"),
        "\"vcard\""
    );
    let row = skip(7, &["Total", "3"], said(RowReason::TotalRow, "total row"));
    assert_eq!(
        serde_json::to_string(&row).expect("json"),
        r#"{"line":7,"cells":["Total","3"],"status":{"status":"skip","reason":{"text":"total row","code":{"code":"total_row"}}}}"#
    );
    assert_eq!(
        serde_json::to_string(&data(2, &[])).expect("json"),
        r#"{"line":2,"cells":[],"status":{"status":"data"}}"#
    );
    let opts: ReadOptions =
        serde_json::from_str(r#"{"encoding":"gbk","delimiter":";","sheet":null,"header_row":2}"#)
            .expect("options from JSON");
    assert_eq!(opts.delimiter, Some(';'));
    let e = ReadError {
        path: "a.csv".into(),
        line: Some(4),
        reason: Box::new(FileProblem::HeaderEmpty.into()),
    };
    assert_eq!(e.to_string(), "a.csv, line 4: the header row is empty");
}

// ---- scale ----------------------------------------------------------------------------------

/// Run with `cargo test --release -- --ignored million --nocapture`.
#[test]
#[ignore = "writes and reads a ~115 MB file; run in release to measure"]
fn million_row_csv_read_speed() {
    let dir = TempDir::new().expect("temp dir");
    let path = dir.path().join("million.csv");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    writeln!(f, "id,first_name,last_name,email,phone,company,city,notes").expect("write");
    for i in 0..1_000_000u32 {
        writeln!(
            f,
            "{i},Firstname{i},Lastname{i},person{i}@example.com,+1 555 {:07},\"Company {}, Inc.\",\
             Springfield,\"Met at event {}\"",
            i % 10_000_000,
            i % 5000,
            i % 97
        )
        .expect("write");
    }
    drop(f);
    let bytes = std::fs::metadata(&path).expect("meta").len();
    let start = std::time::Instant::now();
    let src = open_with(&path, &ReadOptions::default());
    let mut data_rows = 0u64;
    for row in src {
        if row.expect("row").status == RowStatus::Data {
            data_rows += 1;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    assert_eq!(data_rows, 1_000_000);
    println!(
        "read {data_rows} rows ({:.0} MB) in {secs:.2} s: {:.0} rows/s, {:.0} MB/s",
        bytes as f64 / 1e6,
        data_rows as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
}
