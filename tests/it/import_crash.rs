//! Files that used to crash the import, and must now be read or refused with a reason: a date
//! cell with a character inside its UTC offset (a panic), and workbooks of a few KB whose cells
//! span a huge area (calamine allocated the whole grid and the process aborted). Each is run
//! the way a user meets it: the CLI binary, or `read::open` on a generated file.

use std::io::Write;
use std::path::Path;

use kith::import::read::{self, ReadOptions, RowStatus};
use rust_xlsxwriter::Workbook;

use crate::kith;

fn reason(path: &Path) -> String {
    match read::open(path, &ReadOptions::default()) {
        Ok(source) => panic!(
            "{} must be refused, was read as {:?}",
            path.display(),
            source
        ),
        Err(e) => e.reason.text,
    }
}

#[test]
fn a_date_with_a_letter_in_its_offset_is_reported_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("contacts.csv");
    std::fs::write(
        &file,
        "Name,Email,Birthday\nAnn Lee,ann@example.com,1980-01-02 10:30 +1é1\n\
         Bo Chen,bo@example.com,1980-01-02 10:30 +0100\n",
    )
    .unwrap();
    let db = dir.path().join("k.db");
    for dry in [true, false] {
        let mut args = vec!["import", "contact", file.to_str().unwrap(), "--json"];
        if dry {
            args.push("--dry-run");
        }
        let run = kith(&db, &args);
        assert_ne!(
            run.code, 101,
            "a cell must never panic the import (dry run: {dry}): {}",
            run.stderr
        );
        assert!(
            !run.stderr.contains("panicked"),
            "nothing panics, even caught (dry run: {dry}): {}",
            run.stderr
        );
        let report: serde_json::Value = serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("one JSON report on stdout ({e}): {}", run.stdout));
        assert_eq!(
            report["counts"]["rows"], 2,
            "both rows are accounted for in the report (dry run: {dry}): {report}"
        );
    }
}

#[test]
fn an_xlsx_whose_far_cell_is_xfd1048576_is_refused_naming_the_sheet_and_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("far.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Kunden").unwrap();
    ws.write_string(0, 0, "Name").unwrap();
    ws.write_string(1, 0, "Ann Lee").unwrap();
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    wb.save(&path).unwrap();
    assert!(
        std::fs::metadata(&path).unwrap().len() < 20_000,
        "the file is a few KB: its size is no guard"
    );
    assert_eq!(
        reason(&path),
        "was refused: the sheet \"Kunden\" spans 1048576 rows and 16384 columns \
         (A1:XFD1048576); Kith imports at most 1000 columns",
        "the refusal names the sheet and the area its cells span"
    );
    let db = dir.path().join("k.db");
    let run = kith(
        &db,
        &["import", "contact", path.to_str().unwrap(), "--dry-run"],
    );
    assert_eq!(
        run.code, 2,
        "the CLI refuses the file as a bad file, it does not abort: {}",
        run.stderr
    );
    assert!(run.stderr.contains("Kunden"), "{}", run.stderr);
}

#[test]
fn a_tall_sparse_xlsx_is_read_row_by_row_without_a_grid() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tall.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Name").unwrap();
    ws.write_string(0, 1, "City").unwrap();
    ws.write_string(1, 0, "Ann Lee").unwrap();
    ws.write_string(50_000, 1, "Lyon").unwrap();
    wb.save(&path).unwrap();
    let source = read::open(&path, &ReadOptions::default()).unwrap();
    assert_eq!(
        source.progress(),
        (0, 50_000),
        "every row below the header counts"
    );
    let rows: Vec<_> = source.map(Result::unwrap).collect();
    assert_eq!(rows.len(), 50_000, "each row comes out once");
    assert_eq!(rows[0].cells, ["Ann Lee", ""], "the first row as written");
    assert_eq!(
        rows[49_999].line, 50_001,
        "the last row keeps its sheet row number"
    );
    assert_eq!(rows[49_999].cells, ["", "Lyon"], "the far row as written");
    let skipped = rows
        .iter()
        .filter(|r| matches!(&r.status, RowStatus::Skip { reason } if reason.text == "empty row"))
        .count();
    assert_eq!(skipped, 49_998, "the rows between are empty rows, skipped");
}

// ---- XLS, built by hand: a compound file holding a BIFF8 Workbook stream ---------------------

fn record(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut out = typ.to_le_bytes().to_vec();
    out.extend((data.len() as u16).to_le_bytes());
    out.extend(data);
    out
}

fn bof(kind: u16) -> Vec<u8> {
    let mut data = 0x0600u16.to_le_bytes().to_vec();
    data.extend(kind.to_le_bytes());
    data.extend([0; 12]);
    record(0x0809, &data)
}

fn label(row: u16, col: u16, text: &str) -> Vec<u8> {
    let mut data = Vec::new();
    for v in [row, col, 0, text.len() as u16] {
        data.extend(v.to_le_bytes());
    }
    data.push(0);
    data.extend(text.as_bytes());
    record(0x0204, &data)
}

fn number(row: u16, col: u16, value: f64) -> Vec<u8> {
    let mut data = Vec::new();
    for v in [row, col, 0] {
        data.extend(v.to_le_bytes());
    }
    data.extend(value.to_le_bytes());
    record(0x0203, &data)
}

/// BIFF8 dimensions: first row, last row + 1 (u32), first column, last column + 1 (u16).
fn dimensions(rf: u32, rl: u32, cf: u16, cl: u16) -> Vec<u8> {
    let mut data = rf.to_le_bytes().to_vec();
    data.extend(rl.to_le_bytes());
    data.extend(cf.to_le_bytes());
    data.extend(cl.to_le_bytes());
    data.extend([0, 0]);
    record(0x0200, &data)
}

/// An .xls file with one sheet named `name` holding `sheet` records (between its BOF and EOF).
fn xls(path: &Path, name: &str, sheet: &[Vec<u8>]) {
    xls_with(path, bof(0x0005), name, sheet);
}

/// [`xls`] with the workbook's own BOF record given.
fn xls_with(path: &Path, globals_bof: Vec<u8>, name: &str, sheet: &[Vec<u8>]) {
    let bound = |pos: u32| {
        let mut data = pos.to_le_bytes().to_vec();
        data.extend([0, 0, name.len() as u8, 0]);
        data.extend(name.as_bytes());
        record(0x0085, &data)
    };
    let globals_len = globals_bof.len() + bound(0).len() + record(0x000A, &[]).len();
    let mut stream = globals_bof;
    stream.extend(bound(globals_len as u32));
    stream.extend(record(0x000A, &[]));
    stream.extend(bof(0x0010));
    for r in sheet {
        stream.extend(r);
    }
    stream.extend(record(0x000A, &[]));
    let file = std::fs::File::create(path).unwrap();
    let mut cfb = cfb::CompoundFile::create_with_version(cfb::Version::V3, file).unwrap();
    let mut s = cfb.create_stream("Workbook").unwrap();
    s.write_all(&stream).unwrap();
    drop(s);
    cfb.flush().unwrap();
}

#[test]
fn a_hand_built_xls_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ok.xls");
    xls(
        &path,
        "Kunden",
        &[
            dimensions(0, 2, 0, 2),
            label(0, 0, "Name"),
            label(0, 1, "Age"),
            label(1, 0, "Ann Lee"),
            number(1, 1, 42.0),
        ],
    );
    let source = read::open(&path, &ReadOptions::default()).unwrap();
    assert_eq!(source.info().headers, ["Name", "Age"], "the sheet's header");
    let rows: Vec<_> = source.map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1, "one data row");
    assert_eq!(
        rows[0].cells,
        ["Ann Lee", "42"],
        "cells as the user sees them"
    );
}

#[test]
fn xls_sheets_too_big_to_load_are_refused_before_calamine_reads_them() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<Vec<u8>>, &str)> = vec![
        (
            "far cell",
            vec![label(0, 0, "Name"), number(65_535, 255, 1.0)],
            "was refused: the sheet \"Kunden\" spans 65536 rows and 256 columns (A1:IV65536) \
             and would take 513 MB in memory once read; Kith reads at most 512 MB of cells",
        ),
        (
            "column past IV",
            vec![label(0, 0, "Name"), number(9, 65_535, 1.0)],
            "was refused: the sheet \"Kunden\" spans 10 rows and 65536 columns (A1:CRXP10); \
             Kith imports at most 1000 columns",
        ),
        (
            "declared beyond a sheet",
            vec![dimensions(0, u32::MAX, 0, 200), label(0, 0, "Name")],
            "was refused: the sheet \"Kunden\" declares 4294967295 rows and 200 columns \
             (A1:GR4294967295) (rows 1–4294967295, columns A–GR), more than an Excel 97–2003 \
             sheet holds (65536 rows and 256 columns)",
        ),
        (
            "declared inverted",
            vec![dimensions(10, 5, 0, 2), label(0, 0, "Name")],
            "is not a readable Excel workbook: the sheet \"Kunden\" declares impossible \
             dimensions (rows 11–5, columns 1–2)",
        ),
    ];
    for (what, records, want) in cases {
        let path = dir.path().join(format!("{what}.xls"));
        xls(&path, "Kunden", &records);
        let size = std::fs::metadata(&path).unwrap().len();
        assert!(size <= 8192, "{what}: a few KB on disk ({size} bytes)");
        assert_eq!(reason(&path), want, "{what}");
    }
}

#[test]
fn an_xls_that_panics_calamine_is_refused() {
    // A workbook BOF with no version: calamine reads two bytes of it without a check.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("short-bof.xls");
    xls_with(&path, record(0x0809, &[]), "Kunden", &[label(0, 0, "Name")]);
    let why = reason(&path);
    assert!(
        why.starts_with("is not a readable Excel workbook"),
        "a reader panic refuses the file, it does not end the process: {why}"
    );
}

#[test]
fn an_ods_with_a_cell_repeated_across_a_huge_area_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("repeat.ods");
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Kunden"><table:table-row><table:table-cell office:value-type="string"><text:p>Name</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let file = std::fs::File::create(&path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap();
    let why = reason(&path);
    assert!(
        why.starts_with("was refused: the sheet \"Kunden\" spans 1000001 rows and 16384 columns"),
        "the refusal names the sheet and its size: {why}"
    );
}
