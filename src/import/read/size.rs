//! How big a workbook's sheets are, measured before calamine loads them.
//!
//! calamine reads every sheet of an .xls or .ods file as soon as it opens it, and keeps each as
//! a dense grid over the area its cells span: one far cell (`IV65536`, a column number past
//! Excel's 256) or one cell repeated across a row (`table:number-columns-repeated`) in a file
//! of a few KB would make it allocate gigabytes, and a failed allocation aborts the process.
//! The checks here read the file's records (XLS) or XML (ODS) as a stream, keep nothing but
//! counts, and refuse a workbook whose sheets would not fit in [`MAX_LOADED`] bytes once read,
//! naming the sheet and its size. XLSX sheets are read cell by cell without a dense grid
//! (see `sheet.rs`) and checked against the same budget as they are read.
//!
//! The measures follow what calamine 0.38 builds (its record and element handling), rounding
//! up: a sheet is refused for what it would cost, never for what it declares alone, except
//! where a declaration itself makes calamine misbehave (impossible XLS dimensions).

use std::fmt;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};

use crate::error::{FileProblem, Workbook};

/// The most bytes the cells of one workbook may take once read (grids and text together).
pub const MAX_LOADED: u64 = 512 * 1024 * 1024;

/// What one cell of a grid takes: calamine's `Data` is 32 bytes (a dense grid holds one per
/// position, used or not); a formula grid beside it holds a 24-byte `String` per position.
pub(super) const CELL_BYTES: u64 = 32;
const FORMULA_BYTES: u64 = 24;

/// The most positions an Excel 97–2003 sheet has (65,536 rows × 256 columns).
const XLS_GRID: u64 = 65_536 * 256;

/// The row and column limits calamine's ODS reader caps repeats at.
const ODS_ROWS: u64 = 1_048_576;
const ODS_COLUMNS: u64 = 16_384;

const MB: u64 = 1024 * 1024;

/// The area a sheet's cells span: 0-based, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Extent {
    pub top: u64,
    pub left: u64,
    pub bottom: u64,
    pub right: u64,
}

impl Extent {
    pub fn at(row: u64, col: u64) -> Extent {
        Extent {
            top: row,
            left: col,
            bottom: row,
            right: col,
        }
    }

    /// Grows the extent to cover `other`.
    pub fn cover(self, other: Extent) -> Extent {
        Extent {
            top: self.top.min(other.top),
            left: self.left.min(other.left),
            bottom: self.bottom.max(other.bottom),
            right: self.right.max(other.right),
        }
    }

    pub fn rows(&self) -> u64 {
        self.bottom.saturating_sub(self.top).saturating_add(1)
    }

    pub fn columns(&self) -> u64 {
        self.right.saturating_sub(self.left).saturating_add(1)
    }

    /// Positions in the dense grid over the extent.
    pub fn area(&self) -> u64 {
        self.rows().saturating_mul(self.columns())
    }
}

/// `1048576 rows and 16384 columns (A1:XFD1048576)`.
impl fmt::Display for Extent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: u64, word: &str| {
            if n == 1 {
                format!("1 {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        write!(
            f,
            "{} and {} ({}{}:{}{})",
            plural(self.rows(), "row"),
            plural(self.columns(), "column"),
            column_name(self.left),
            self.top.saturating_add(1),
            column_name(self.right),
            self.bottom.saturating_add(1)
        )
    }
}

/// A spreadsheet column's letters: 0 → `A`, 25 → `Z`, 26 → `AA`, 16383 → `XFD`.
pub(super) fn column_name(index: u64) -> String {
    let mut letters = Vec::new();
    let mut n = index.saturating_add(1);
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// The refusal for a sheet whose cells would take `bytes` (with the sheets before it).
pub(super) fn too_big(sheet: &str, extent: Option<Extent>, bytes: u64) -> FileProblem {
    FileProblem::SheetTooBig {
        sheet: sheet.to_string(),
        span: extent.map(|e| e.to_string()),
        megabytes: bytes.div_ceil(MB),
        max_megabytes: MAX_LOADED / MB,
    }
}

/// The refusal of a workbook its library cannot read, in the library's words.
pub(super) fn unreadable(workbook: Workbook, detail: &impl ToString) -> FileProblem {
    FileProblem::Unreadable {
        workbook,
        sheet: None,
        detail: detail.to_string(),
    }
}

// ---- XLS -----------------------------------------------------------------------------------

/// One sheet of an .xls workbook as calamine would load it.
#[derive(Debug, Default)]
struct XlsSheet {
    cells: u64,
    extent: Option<Extent>,
}

impl XlsSheet {
    fn add(&mut self, row: u64, first: u64, last: u64) {
        let e = Extent {
            top: row,
            left: first,
            bottom: row,
            right: last,
        };
        self.extent = Some(self.extent.map_or(e, |x| x.cover(e)));
        self.cells = self.cells.saturating_add(last - first + 1);
    }

    /// calamine keeps the cells (position and value) and then the dense grid over them.
    fn bytes(&self) -> u64 {
        let grid = self.extent.map_or(0, |e| e.area());
        self.cells
            .saturating_mul(CELL_BYTES + 8)
            .saturating_add(grid.saturating_mul(CELL_BYTES))
    }
}

fn u16_at(data: &[u8], at: usize) -> Option<u64> {
    let b = data.get(at..at.checked_add(2)?)?;
    Some(u64::from(u16::from_le_bytes([b[0], b[1]])))
}

fn u32_at(data: &[u8], at: usize) -> Option<u64> {
    let b = data.get(at..at.checked_add(4)?)?;
    Some(u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])))
}

/// The BIFF records of a stream from `at`: (type, data), until the stream ends or a record
/// runs past it.
fn records(stream: &[u8], mut at: usize) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let typ = u16_at(stream, at)?;
        let len = usize::try_from(u16_at(stream, at + 2)?).ok()?;
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        u16::try_from(typ).ok().map(|t| (t, data))
    })
}

/// A BoundSheet8 record's sheet name (best effort: it is only shown in messages).
fn sheet_name(data: &[u8], biff8: bool) -> String {
    let cch = data.get(6).copied().map_or(0, usize::from);
    if biff8 {
        let wide = data.get(7).is_some_and(|f| f & 1 == 1);
        let chars = data.get(8..).unwrap_or_default();
        if wide {
            let units: Vec<u16> = chars
                .chunks_exact(2)
                .take(cch)
                .map(|p| u16::from_le_bytes([p[0], p[1]]))
                .collect();
            return String::from_utf16_lossy(&units);
        }
        return chars.iter().take(cch).map(|&b| char::from(b)).collect();
    }
    let chars = data.get(7..).unwrap_or_default();
    chars.iter().take(cch).map(|&b| char::from(b)).collect()
}

/// Measures every sheet of an Excel 97–2003 workbook (calamine loads them all at open) and
/// refuses one calamine cannot load safely: declared dimensions beyond an Excel 97–2003
/// sheet or inverted (calamine reserves rows × columns cells for them, and computes the
/// count by subtraction), a sheet starting past the end of the workbook stream, a cell
/// record naming its columns backwards, or cells whose grids would exceed [`MAX_LOADED`].
pub(super) fn check_xls(path: &Path) -> Result<(), FileProblem> {
    let unreadable = |e: std::io::Error| unreadable(Workbook::Excel, &e);
    let file = File::open(path).map_err(unreadable)?;
    let mut cfb = cfb::CompoundFile::open(BufReader::new(file)).map_err(unreadable)?;
    let mut stream = ["Workbook", "Book", "WORKBOOK", "BOOK", "workbook", "book"]
        .iter()
        .find_map(|name| cfb.open_stream(name).ok())
        .ok_or(FileProblem::XlsNoWorkbookStream)?;
    if stream.len() > MAX_LOADED {
        return Err(FileProblem::XlsStreamTooBig {
            megabytes: stream.len() / MB,
            max_megabytes: MAX_LOADED / MB,
        });
    }
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).map_err(unreadable)?;
    drop(stream);

    let mut biff8 = true;
    let mut sheets = Vec::new();
    for (typ, data) in records(&bytes, 0) {
        match typ {
            // BOF: the workbook's BIFF version.
            0x0809 if sheets.is_empty() => biff8 = u16_at(data, 0) == Some(0x0600),
            // BoundSheet8: where a sheet starts, its visibility and type, its name.
            0x0085 => {
                let name = sheet_name(data, biff8);
                let Some(pos) = u32_at(data, 0).filter(|_| data.len() >= 6) else {
                    return Err(FileProblem::XlsSheetRecordCut { sheet: name });
                };
                sheets.push((pos, name));
            }
            0x000A => break,
            _ => {}
        }
    }

    let mut total = 0u64;
    for (pos, name) in sheets {
        let start = usize::try_from(pos).ok().filter(|&p| p <= bytes.len());
        let Some(start) = start else {
            return Err(FileProblem::XlsSheetPastEnd { sheet: name });
        };
        let sheet = measure_xls_sheet(&bytes, start, &name)?;
        total = total.saturating_add(sheet.bytes());
        if total > MAX_LOADED {
            return Err(too_big(&name, sheet.extent, total));
        }
    }
    Ok(())
}

fn measure_xls_sheet(stream: &[u8], start: usize, name: &str) -> Result<XlsSheet, FileProblem> {
    let mut sheet = XlsSheet::default();
    let (mut seen_bof, mut depth) = (false, 0usize);
    for (typ, data) in records(stream, start) {
        if depth > 0 {
            match typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        match typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A => break,
            // Dimensions, read as calamine reads them.
            0x0200 => {
                let (rf, rl, cf, cl) = match data.len() {
                    10 => (
                        u16_at(data, 0),
                        u16_at(data, 2),
                        u16_at(data, 4),
                        u16_at(data, 6),
                    ),
                    14 | 16 => (
                        u32_at(data, 0),
                        u32_at(data, 4),
                        u16_at(data, 8),
                        u16_at(data, 10),
                    ),
                    _ => continue,
                };
                let (Some(rf), Some(rl), Some(mut cf), Some(cl)) = (rf, rl, cf, cl) else {
                    continue;
                };
                if cf > 0xFF || cl < cf {
                    cf = 0;
                }
                if rl >= 1 && cl >= 1 {
                    let (rows, cols) = (rl.checked_sub(rf), cl.checked_sub(cf));
                    let declared = match (rows, cols) {
                        (Some(r), Some(c)) if r >= 1 && c >= 1 => Some(r.saturating_mul(c)),
                        _ => None,
                    };
                    match declared {
                        Some(area) if area <= XLS_GRID => {}
                        Some(_) => {
                            return Err(FileProblem::XlsSheetTooLarge {
                                sheet: name.to_string(),
                                span: Extent {
                                    top: rf,
                                    left: cf,
                                    bottom: rl - 1,
                                    right: cl - 1,
                                }
                                .to_string(),
                                rows: format!("{}–{rl}", rf + 1),
                                columns: format!("{}–{}", column_name(cf), column_name(cl - 1)),
                            });
                        }
                        None => {
                            return Err(FileProblem::XlsImpossibleDimensions {
                                sheet: name.to_string(),
                                rows: format!("{}–{rl}", rf + 1),
                                columns: format!("{}–{cl}", cf + 1),
                            });
                        }
                    }
                }
            }
            // Number, Label, RString, BoolErr, RK, LabelSst, Formula: one cell at (row, col).
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                if let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) {
                    sheet.add(row, col, col);
                }
            }
            // MulRk: a run of cells in one row.
            0x00BD if data.len() >= 6 => {
                let (Some(row), Some(first), Some(last)) = (
                    u16_at(data, 0),
                    u16_at(data, 2),
                    u16_at(data, data.len() - 2),
                ) else {
                    continue;
                };
                if last < first {
                    return Err(FileProblem::XlsColumnsBackwards {
                        sheet: name.to_string(),
                        row: row + 1,
                    });
                }
                sheet.add(row, first, last);
            }
            _ => {}
        }
    }
    Ok(sheet)
}

// ---- ODS -----------------------------------------------------------------------------------

/// One `table:table` of an ODS file as calamine would load it.
#[derive(Debug, Default)]
struct OdsTable {
    name: String,
    /// Rows so far, repeats counted (calamine stops counting at [`ODS_ROWS`]).
    rows: u64,
    /// Cells calamine pushes while reading (repeats of a row are not expanded yet).
    pushed: u64,
    /// Text held while reading.
    text: u64,
    /// The area of its non-empty cells, repeats expanded.
    extent: Option<Extent>,
    /// Text held in the grid, rows repeated.
    grid_text: u64,
}

impl OdsTable {
    /// The read cells (value and formula each), then the two dense grids over the extent.
    fn bytes(&self) -> u64 {
        let per_cell = CELL_BYTES + FORMULA_BYTES;
        let grid = self.extent.map_or(0, |e| e.area());
        self.pushed
            .saturating_mul(per_cell)
            .saturating_add(self.text)
            .saturating_add(grid.saturating_mul(per_cell))
            .saturating_add(self.grid_text)
    }
}

#[derive(Debug, Default)]
struct OdsRow {
    repeats: u64,
    col: u64,
    /// The column after its last non-empty cell, and its first non-empty column.
    end: u64,
    first: Option<u64>,
    text: u64,
}

#[derive(Debug, Default)]
struct OdsCell {
    repeats: u64,
    filled: bool,
    text: u64,
}

fn attr_number(e: &BytesStart<'_>, name: &str) -> Option<u64> {
    let a = e.try_get_attribute(name).ok()??;
    std::str::from_utf8(&a.value).ok()?.trim().parse().ok()
}

fn attr_len(e: &BytesStart<'_>, name: &str) -> Option<u64> {
    let a = e.try_get_attribute(name).ok()??;
    u64::try_from(a.value.len()).ok()
}

/// Measures every table of an ODS file's `content.xml` (calamine loads them all at open) and
/// refuses the file when their grids and text would exceed [`MAX_LOADED`]: cells and rows
/// repeated by count, and `text:s` runs of spaces, are counted as calamine expands them.
pub(super) fn check_ods(path: &Path) -> Result<(), FileProblem> {
    let unreadable = |e: String| unreadable(Workbook::OpenDocument, &e);
    let file = File::open(path).map_err(|e| unreadable(e.to_string()))?;
    let mut zip =
        zip::ZipArchive::new(BufReader::new(file)).map_err(|e| unreadable(e.to_string()))?;
    let content = zip
        .by_name("content.xml")
        .map_err(|e| unreadable(format!("content.xml: {e}")))?;
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(content));
    xml.config_mut().trim_text(false);
    xml.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    let mut table: Option<OdsTable> = None;
    let mut row: Option<OdsRow> = None;
    let mut cell: Option<OdsCell> = None;
    let mut total = 0u64;
    loop {
        buf.clear();
        let event = xml
            .read_event_into(&mut buf)
            .map_err(|e| unreadable(format!("content.xml: {e}")))?;
        let (start, end) = match &event {
            Event::Start(e) => (Some(e.clone()), None),
            Event::Empty(e) => (Some(e.clone()), Some(e.name().as_ref().to_vec())),
            Event::End(e) => (None, Some(e.name().as_ref().to_vec())),
            Event::Text(t) => {
                if let Some(c) = cell.as_mut() {
                    c.text = c.text.saturating_add(t.len() as u64);
                }
                (None, None)
            }
            Event::GeneralRef(_) => {
                if let Some(c) = cell.as_mut() {
                    c.text = c.text.saturating_add(4);
                }
                (None, None)
            }
            Event::Eof => break,
            _ => (None, None),
        };
        if let Some(e) = start {
            match e.name().as_ref() {
                b"table:table" => {
                    table = e
                        .try_get_attribute("table:name")
                        .ok()
                        .flatten()
                        .map(|a| OdsTable {
                            name: String::from_utf8_lossy(&a.value).into_owned(),
                            ..OdsTable::default()
                        });
                }
                b"table:table-row" if table.is_some() => {
                    let done = table.as_ref().map_or(0, |t| t.rows);
                    let repeats = attr_number(&e, "table:number-rows-repeated").unwrap_or(1);
                    row = Some(OdsRow {
                        repeats: repeats.min(ODS_ROWS.saturating_sub(done)),
                        ..OdsRow::default()
                    });
                }
                b"table:table-cell" | b"table:covered-table-cell" if row.is_some() => {
                    let at = row.as_ref().map_or(0, |r| r.col);
                    let repeats = attr_number(&e, "table:number-columns-repeated").unwrap_or(1);
                    let mut text = 0u64;
                    let mut filled = false;
                    for name in [
                        "office:value",
                        "office:string-value",
                        "office:date-value",
                        "office:time-value",
                        "office:boolean-value",
                        "table:formula",
                    ] {
                        if let Some(len) = attr_len(&e, name) {
                            filled = true;
                            text = text.saturating_add(len);
                        }
                    }
                    filled |= e
                        .try_get_attribute("office:value-type")
                        .ok()
                        .flatten()
                        .is_some();
                    cell = Some(OdsCell {
                        repeats: repeats.min(ODS_COLUMNS.saturating_sub(at)),
                        filled,
                        text,
                    });
                }
                b"text:s" => {
                    if let Some(c) = cell.as_mut() {
                        let spaces = attr_number(&e, "text:c").unwrap_or(1);
                        c.text = c.text.saturating_add(spaces);
                    }
                }
                b"text:p" | b"text:tab" | b"text:line-break" => {
                    if let Some(c) = cell.as_mut() {
                        c.text = c.text.saturating_add(1);
                    }
                }
                _ => {}
            }
        }
        let Some(name) = end else {
            continue;
        };
        match name.as_slice() {
            b"table:table-cell" | b"table:covered-table-cell" => {
                if let (Some(c), Some(r)) = (cell.take(), row.as_mut()) {
                    if c.filled {
                        r.first.get_or_insert(r.col);
                        r.end = r.col.saturating_add(c.repeats);
                        r.text = r.text.saturating_add(c.text.saturating_mul(c.repeats));
                    }
                    r.col = r.col.saturating_add(c.repeats);
                }
            }
            b"table:table-row" => {
                if let (Some(r), Some(t)) = (row.take(), table.as_mut()) {
                    t.pushed = t.pushed.saturating_add(r.end.min(ODS_COLUMNS));
                    t.text = t.text.saturating_add(r.text);
                    if let Some(first) = r.first
                        && r.repeats > 0
                    {
                        let e = Extent {
                            top: t.rows,
                            left: first,
                            bottom: t.rows + r.repeats - 1,
                            right: r.end.saturating_sub(1).max(first),
                        };
                        t.extent = Some(t.extent.map_or(e, |x| x.cover(e)));
                        t.grid_text = t.grid_text.saturating_add(r.text.saturating_mul(r.repeats));
                    }
                    t.rows = t.rows.saturating_add(r.repeats);
                    if total.saturating_add(t.bytes()) > MAX_LOADED {
                        return Err(too_big(&t.name, t.extent, total.saturating_add(t.bytes())));
                    }
                }
            }
            b"table:table" => {
                if let Some(t) = table.take() {
                    total = total.saturating_add(t.bytes());
                    if total > MAX_LOADED {
                        return Err(too_big(&t.name, t.extent, total));
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{Extent, column_name};

    #[test]
    fn column_letters_as_a_spreadsheet_shows_them() {
        for (index, name) in [
            (0, "A"),
            (25, "Z"),
            (26, "AA"),
            (255, "IV"),
            (16_383, "XFD"),
        ] {
            assert_eq!(column_name(index), name, "column {index}");
        }
    }

    #[test]
    fn an_extent_names_its_size_and_corners() {
        let e = Extent {
            top: 0,
            left: 0,
            bottom: 1_048_575,
            right: 16_383,
        };
        assert_eq!(
            e.to_string(),
            "1048576 rows and 16384 columns (A1:XFD1048576)",
            "the message a far cell gives names the sheet's whole span"
        );
        assert_eq!(Extent::at(2, 1).to_string(), "1 row and 1 column (B3:B3)");
    }
}
