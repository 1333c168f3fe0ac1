//! The import's file reader: turns a CSV/TSV, XLSX, XLS, ODS or vCard file into a header and a
//! lazy stream of rows of text cells. Mapping, cleaning and writing happen elsewhere.
//!
//! Invariants:
//! - Every row of the file after the header comes out exactly once, as [`RowStatus::Data`],
//!   [`RowStatus::Skip`] or [`RowStatus::Reject`]; nothing is dropped silently. The one
//!   exception is a truly blank line of a text file (no characters at all between two line
//!   ends): it is not a row, so it is not reported. A line of only spaces or delimiters is a
//!   row, and comes out as `Skip { "empty row" }`.
//! - A `Data` row has exactly `headers.len()` cells; a `Reject` row keeps every cell it had.
//! - Problems with one row are a `Reject` with the row's line; problems with the whole file are
//!   a [`ReadError`] from [`open`]. Nothing panics on bad input, and memory does not grow with
//!   a text file's length (text files are streamed; a row is capped at
//!   [`MAX_ROW_BYTES`]). A workbook's cells are held in memory, within [`MAX_LOADED`] bytes:
//!   XLSX sheets are read cell by cell (no grid over empty space), XLS and ODS files are
//!   measured before calamine loads them, and ZIP-based ones pass a zip-bomb check first.
//! - Empty rows are skipped as "empty row", and totals rows ("Total", "合计", "Summe", … with
//!   only numbers beside) as "total row", in text files and workbooks alike.
//! - Format is decided by content first (ZIP → XLSX or ODS by its entries, OLE2 → XLS,
//!   `BEGIN:VCARD` → vCard, otherwise text) and by the file name's extension second.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{FileProblem, Workbook};
use crate::model::Said;

mod encoding;
mod note;
mod sheet;
mod size;
mod stream;
mod text;
mod vcard;

pub use note::{ReadNote, RowReason};
pub use size::MAX_LOADED;
pub use vcard::HEADERS as VCARD_HEADERS;

/// The most columns a file may have: wider files are refused as a whole.
pub const MAX_COLUMNS: usize = 1000;

/// The most bytes one row of a text file (or one line of a vCard) may take; a longer one ends
/// the read with a [`ReadError`] (it is almost always a quote that is never closed).
pub const MAX_ROW_BYTES: u64 = 64 * 1024 * 1024;

/// How many bytes at the start of a file are looked at to tell its format.
const HEAD_BYTES: usize = 64 * 1024;

/// How many rows at the top of a sheet or text file are looked at to find the header row.
const HEADER_SCAN_ROWS: usize = 30;

/// The kind of file read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Delimited text: CSV, TSV, semicolon- or pipe-separated.
    Csv,
    /// An Office Open XML workbook (`.xlsx`, `.xlsm`).
    Xlsx,
    /// A legacy Excel 97–2003 workbook (`.xls`).
    Xls,
    /// An OpenDocument spreadsheet (`.ods`).
    Ods,
    /// One or many vCards (`.vcf`), versions 2.1, 3.0 and 4.0.
    Vcard,
}

/// What the user chose instead of the reader's detection. Every field defaults to "detect".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReadOptions {
    /// Overrides detection; any label encoding_rs::Encoding::for_label accepts ("gbk",
    /// "utf-16le", "latin1", "shift_jis", "big5", "utf-8").
    pub encoding: Option<String>,
    /// Overrides detection: ',', ';', '\t', '|' (any single ASCII char).
    pub delimiter: Option<char>,
    /// A workbook's sheet by name; default: the first sheet with data.
    pub sheet: Option<String>,
    /// 1-based row/line number of the header row; default: detected. (A vCard's header is
    /// synthetic, so this does not apply to it.)
    pub header_row: Option<u64>,
}

/// What was opened and how it is read: shown to the user before the import runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SourceInfo {
    /// The kind of file, by content.
    pub format: Format,
    /// The encoding used to decode, by encoding_rs's canonical name ("UTF-8", "UTF-16LE",
    /// "UTF-16BE", "GBK" or "gb18030", "Big5", "Shift_JIS", "windows-1252"); None for
    /// workbooks.
    pub encoding: Option<String>,
    /// false when ReadOptions.encoding overrode detection.
    pub encoding_detected: bool,
    /// whether the file began with a byte-order mark.
    pub bom: bool,
    /// The delimiter used (CSV only).
    pub delimiter: Option<char>,
    /// Every sheet name (workbooks), in order.
    pub sheets: Vec<String>,
    /// The sheet read.
    pub sheet: Option<String>,
    /// 1-based line (CSV) or row (sheet) of the header; 0 for vCard (synthetic header).
    pub header_row: u64,
    /// Header cells, trimmed; a duplicate name gets " (2)", " (3)"; an empty one becomes
    /// "Column N" (1-based).
    pub headers: Vec<String>,
    /// Things the user should know that are not row errors (duplicate header names renamed,
    /// title rows skipped above the header, encoding guessed with low confidence, …).
    pub warnings: Vec<Said<ReadNote>>,
}

/// One row of the file after the header.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SourceRow {
    /// 1-based line in the file where the row starts (CSV physical line, counting CR, LF and
    /// CRLF line ends and newlines inside quoted fields), the sheet row number, or the line of
    /// BEGIN:VCARD.
    pub line: u64,
    /// The cells as text. For `Data`, exactly headers.len() cells.
    pub cells: Vec<String>,
    /// Whether the row is data, skipped, or unreadable.
    pub status: RowStatus,
}

/// What a row is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum RowStatus {
    /// A row to import.
    Data,
    /// Not data, with the reason ("empty row", "total row", "empty card").
    Skip {
        /// Why the row is not data.
        reason: Said<RowReason>,
    },
    /// Unreadable, with a reason naming the problem ("has 7 cells but the header has 5
    /// columns", "invalid bytes for GBK in column 3", "a quoted field opened on line 12 is
    /// never closed; …", "contains a NUL byte in column 2").
    Reject {
        /// What is wrong with the row.
        reason: Said<RowReason>,
    },
}

/// A problem that stops the file from being read (at open) or ends the read (mid-file).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}{}: {reason}", line_suffix(*.line))]
pub struct ReadError {
    /// The file, as given to [`open`].
    pub path: String,
    /// The 1-based line or row the problem is on, when it is on one.
    pub line: Option<u64>,
    /// What is wrong, in words for the user, with its code (boxed: a row's result carries
    /// this error, and rows are many).
    pub reason: Box<Said<FileProblem>>,
}

fn line_suffix(line: Option<u64>) -> String {
    line.map(|l| format!(", line {l}")).unwrap_or_default()
}

/// An open file: its description and its rows, read lazily.
///
/// Iterating yields each row after the header once, as `Data`, `Skip` or `Reject` (a truly
/// blank line of a text file is not a row and is not reported); an `Err` ends the read (an I/O
/// failure mid-file, or a row longer than [`MAX_ROW_BYTES`]) and is followed by `None`.
pub struct Source {
    info: SourceInfo,
    rows: Rows,
    ended: bool,
}

enum Rows {
    Text(Box<text::TextRows>),
    Sheet(Box<sheet::SheetRows>),
    Vcard(Box<vcard::VcardRows>),
}

impl Source {
    /// The file's description: format, encoding, delimiter, sheets, header and warnings.
    pub fn info(&self) -> &SourceInfo {
        &self.info
    }

    /// (done, total) in the source's own units (bytes for text, rows for sheets and cards) for
    /// a progress bar; total is known up front.
    pub fn progress(&self) -> (u64, u64) {
        match &self.rows {
            Rows::Text(r) => r.progress(),
            Rows::Sheet(r) => r.progress(),
            Rows::Vcard(r) => r.progress(),
        }
    }
}

impl Iterator for Source {
    type Item = Result<SourceRow, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.ended {
            return None;
        }
        let next = match &mut self.rows {
            Rows::Text(r) => r.next_row(),
            Rows::Sheet(r) => r.next_row(),
            Rows::Vcard(r) => r.next_row(),
        };
        match next {
            None => {
                self.ended = true;
                None
            }
            Some(Err(e)) => {
                self.ended = true;
                Some(Err(e))
            }
            Some(Ok(row)) => Some(Ok(row)),
        }
    }
}

impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Source")
            .field("info", &self.info)
            .field("progress", &self.progress())
            .finish_non_exhaustive()
    }
}

/// Opens a file for import: detects its format, encoding, delimiter, sheet and header row, and
/// returns its description with a lazy row iterator.
///
/// File-level problems (missing, empty, binary, corrupt or oversized workbook, too many
/// columns, bad option) are a [`ReadError`] with a reason for the user.
pub fn open(path: &Path, opts: &ReadOptions) -> Result<Source, ReadError> {
    let fail = |problem: FileProblem| ReadError {
        path: path.display().to_string(),
        line: None,
        reason: Box::new(problem.into()),
    };
    let io_fail = |e: io::Error| fail(FileProblem::io(&e));
    check_options(opts).map_err(fail)?;
    let meta = std::fs::metadata(path).map_err(io_fail)?;
    if meta.is_dir() {
        return Err(fail(FileProblem::Folder));
    }
    let size = meta.len();
    if size == 0 {
        return Err(fail(FileProblem::Empty));
    }
    let mut file = File::open(path).map_err(io_fail)?;
    let head = read_head(&mut file).map_err(io_fail)?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let ctx = Ctx {
        path,
        opts,
        size,
        ext: &ext,
    };

    if sheet::is_zip(&head) {
        return sheet::open_zip(&ctx, file);
    }
    if sheet::is_ole2(&head) {
        return sheet::open_xls(&ctx);
    }
    let mut warnings = Vec::new();
    match ext.as_str() {
        "xlsx" | "xlsm" | "xltx" | "xltm" | "xlsb" => {
            return Err(fail(FileProblem::NotZip {
                workbook: Workbook::Excel,
            }));
        }
        "ods" => {
            return Err(fail(FileProblem::NotZip {
                workbook: Workbook::OpenDocument,
            }));
        }
        "xls" => {
            if let Some(at) = encoding::binary_at(&head) {
                return Err(fail(FileProblem::XlsNeither { byte: at as u64 }));
            }
            if looks_like_html(&head) {
                return Err(fail(FileProblem::XlsIsHtml));
            }
            warnings.push(ReadNote::XlsHoldsText.into());
        }
        _ => {}
    }
    let enc = encoding::detect(&mut file, &head, size, opts.encoding.as_deref()).map_err(fail)?;
    warnings.extend(enc.warnings.iter().cloned());
    let sample = text::sample(&file, &enc).map_err(io_fail)?;
    if sample.bytes.iter().all(|b| matches!(b, b'\r' | b'\n')) {
        return Err(fail(if sample.bytes.is_empty() && enc.bom_len > 0 {
            FileProblem::OnlyByteOrderMark
        } else {
            FileProblem::OnlyBlankLines
        }));
    }
    if vcard::is_vcard(&sample.bytes) || matches!(ext.as_str(), "vcf" | "vcard") {
        return vcard::open(&ctx, file, &enc, warnings);
    }
    text::open(&ctx, file, &enc, &sample, warnings)
}

/// What every format's opener needs to know about the call.
pub(crate) struct Ctx<'a> {
    path: &'a Path,
    opts: &'a ReadOptions,
    size: u64,
    ext: &'a str,
}

impl Ctx<'_> {
    fn error(&self, line: Option<u64>, problem: FileProblem) -> ReadError {
        ReadError {
            path: self.path.display().to_string(),
            line,
            reason: Box::new(problem.into()),
        }
    }
}

fn check_options(opts: &ReadOptions) -> Result<(), FileProblem> {
    if let Some(label) = &opts.encoding {
        encoding::for_label(label)?;
    }
    if let Some(d) = opts.delimiter
        && (!d.is_ascii() || matches!(d, '"' | '\r' | '\n'))
    {
        return Err(FileProblem::BadDelimiter { delimiter: d });
    }
    if opts.header_row == Some(0) {
        return Err(FileProblem::HeaderRowZero);
    }
    Ok(())
}

fn read_head(file: &mut File) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(HEAD_BYTES);
    file.by_ref()
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut head)?;
    Ok(head)
}

fn looks_like_html(head: &[u8]) -> bool {
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let lead: Vec<u8> = head[start..]
        .iter()
        .take(64)
        .map(u8::to_ascii_lowercase)
        .collect();
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<table",
        b"<?xml",
        b"<meta",
    ]
    .iter()
    .any(|p| lead.starts_with(p))
}

// ---- shared row logic ----------------------------------------------------------------------

/// A cell with nothing but whitespace counts as empty.
fn blank(cell: &str) -> bool {
    cell.trim().is_empty()
}

/// Pads a short row, trims a long row's empty tail, and says what the row is.
fn shape(mut cells: Vec<String>, width: usize) -> (Vec<String>, RowStatus) {
    if cells.len() > width {
        let used = cells.iter().rposition(|c| !blank(c)).map_or(0, |i| i + 1);
        if used > width {
            let reason = RowReason::CellCount {
                cells: used as u64,
                columns: width as u64,
            };
            return (
                cells,
                RowStatus::Reject {
                    reason: reason.into(),
                },
            );
        }
        cells.truncate(width);
    }
    cells.resize(width, String::new());
    let status = if cells.iter().all(|c| blank(c)) {
        RowStatus::Skip {
            reason: RowReason::EmptyRow.into(),
        }
    } else if is_total_row(&cells) {
        RowStatus::Skip {
            reason: RowReason::TotalRow.into(),
        }
    } else {
        RowStatus::Data
    };
    (cells, status)
}

/// Words that open a totals row in the languages Kith's users export from.
const TOTAL_WORDS: &[&str] = &[
    "total",
    "totals",
    "grand total",
    "subtotal",
    "sub-total",
    "sub total",
    "sum",
    "totaal",
    "totale",
    "totales",
    "total général",
    "total general",
    "somme",
    "summe",
    "gesamt",
    "gesamtsumme",
    "zwischensumme",
    "somma",
    "suma",
    "итого",
    "合计",
    "總計",
    "总计",
    "合計",
    "小计",
    "小計",
    "総計",
    "합계",
    "총계",
];

/// A totals row: its first non-empty cell is a total word (optionally with a colon) and every
/// other cell is a number or empty.
fn is_total_row(cells: &[String]) -> bool {
    let Some(first) = cells.iter().position(|c| !blank(c)) else {
        return false;
    };
    let word = cells[first].trim().trim_end_matches([':', '：']).trim();
    // Checked on every row: no allocation unless the cell is short and not plain ASCII.
    let is_total = word.len() <= 16
        && if word.is_ascii() {
            TOTAL_WORDS.iter().any(|t| t.eq_ignore_ascii_case(word))
        } else {
            TOTAL_WORDS.contains(&word.to_lowercase().as_str())
        };
    is_total
        && cells[first + 1..]
            .iter()
            .all(|c| blank(c) || looks_numeric(c))
}

/// A number as a spreadsheet shows it: sign, currency, digit groups, decimals, percent.
fn looks_numeric(cell: &str) -> bool {
    let mut digits = 0;
    for ch in cell.trim().chars() {
        match ch {
            '0'..='9' => digits += 1,
            '+' | '-' | '.' | ',' | '\'' | ' ' | '\u{a0}' | '%' | '(' | ')' => {}
            '$' | '€' | '£' | '¥' | '￥' | '₩' | '₹' | '₽' | '元' => {}
            _ => return false,
        }
    }
    digits > 0
}

/// The header row among the first rows: the first whose non-empty cells number at least 60%
/// of the widest row's (and at least two when any row has two), so a title row ("Customer
/// list 2024") and blank rows above the real header are passed over.
fn find_header(rows: &[Vec<String>]) -> Option<usize> {
    let filled = |r: &Vec<String>| r.iter().filter(|c| !blank(c)).count();
    let widest = rows.iter().map(filled).max()?;
    if widest == 0 {
        return None;
    }
    let need = if widest >= 2 {
        (widest * 3).div_ceil(5).max(2)
    } else {
        1
    };
    rows.iter().position(|r| filled(r) >= need)
}

/// Trims header cells, names empty ones "Column N" and numbers repeats (ignoring case)
/// " (2)", " (3)", with a warning for each change.
fn name_columns(raw: Vec<String>, warnings: &mut Vec<Said<ReadNote>>) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(raw.len());
    let mut seen = std::collections::HashSet::new();
    for (i, cell) in raw.into_iter().enumerate() {
        let col = i + 1;
        let trimmed = cell.trim();
        let base = if trimmed.is_empty() {
            warnings.push(ReadNote::UnnamedColumn { column: col as u64 }.into());
            format!("Column {col}")
        } else {
            trimmed.to_string()
        };
        let mut name = base.clone();
        let mut n = 2;
        while !seen.insert(name.to_lowercase()) {
            name = format!("{base} ({n})");
            n += 1;
        }
        if name != base {
            warnings.push(
                ReadNote::RepeatedHeader {
                    header: base,
                    column: col as u64,
                    name: name.clone(),
                }
                .into(),
            );
        }
        names.push(name);
    }
    names
}

/// The warning for `count` rows passed over above the header, lines (or a sheet's rows)
/// `first` to `last`.
fn skipped_above(count: usize, first: u64, last: u64, sheet: bool) -> Option<Said<ReadNote>> {
    (count > 0).then(|| {
        ReadNote::SkippedAboveHeader {
            count: count as u64,
            first,
            last,
            sheet,
        }
        .into()
    })
}
