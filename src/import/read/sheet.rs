//! Workbooks (XLSX, XLS, ODS) through calamine: sheet choice, header row below title rows, and
//! cell values as the user sees them (dates as `YYYY-MM-DD`, whole numbers without `.0` or an
//! exponent, formulas by their cached result, errors by their text).
//!
//! Before calamine opens a ZIP-based workbook, its central directory is read (nothing is
//! inflated) and the workbook is refused when its entries declare more than [`MAX_INFLATED`]
//! bytes in total, or one entry over [`BIG_ENTRY`] bytes inflates more than [`MAX_RATIO`]:1.
//! Declared sizes can be trusted because the `zip` crate (≥ 9) stops inflating an entry past
//! its declared size ("File is larger than its declared uncompressed size"), and calamine
//! reads through it.
//!
//! A sheet is held as its cells with text (a sparse [`Grid`]), never as a grid over the area
//! they span: an XLSX sheet is read cell by cell, and refused once its cells pass
//! [`size::MAX_LOADED`] bytes; an XLS or ODS file, which calamine loads whole as dense grids,
//! is measured first (`size.rs`). A sheet wider than [`MAX_COLUMNS`] is refused naming the
//! sheet and its span (`A1:XFD1048576`). A panic inside calamine refuses the file.

use std::fs::File;
use std::io::{BufReader, Read};

use calamine::{Data, Ods, Range, Reader, Sheet, SheetType, SheetVisible, Xls, Xlsx, XlsxError};
use zip::ZipArchive;

use super::size;
use super::{
    Ctx, FileProblem, Format, HEADER_SCAN_ROWS, MAX_COLUMNS, ReadError, ReadNote, Rows, Source,
    SourceInfo, SourceRow, Workbook, find_header, name_columns, shape, skipped_above,
};

/// The most bytes a workbook's entries may inflate to, in total.
pub const MAX_INFLATED: u64 = 1 << 30;
/// An entry larger than this, inflated, must not be compressed more than [`MAX_RATIO`]:1.
pub const BIG_ENTRY: u64 = 50 * 1024 * 1024;
/// See [`BIG_ENTRY`].
pub const MAX_RATIO: u64 = 100;

const MB: u64 = 1024 * 1024;

/// A ZIP archive's local-file, empty-archive or spanned-archive signature.
pub(super) fn is_zip(head: &[u8]) -> bool {
    [b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"]
        .iter()
        .any(|m| head.starts_with(*m))
}

/// An OLE2 compound file (Excel 97–2003 and other old Office files).
pub(super) fn is_ole2(head: &[u8]) -> bool {
    head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// What a ZIP archive holds, by its entries.
enum ZipKind {
    Xlsx,
    Xlsb,
    Ods,
    OpenDocument(String),
    Other,
}

/// Why a ZIP archive is not opened: its library's words, or a zip bomb.
enum ZipProblem {
    Unreadable(String),
    Bomb(FileProblem),
}

fn inspect_zip(file: File) -> Result<ZipKind, ZipProblem> {
    let unreadable = |e: zip::result::ZipError| ZipProblem::Unreadable(e.to_string());
    let mut zip = ZipArchive::new(BufReader::new(file)).map_err(unreadable)?;
    let mut total = 0u64;
    let (mut xlsx, mut xlsb, mut content, mut mimetype) = (false, false, false, false);
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(unreadable)?;
        let (size, packed) = (entry.size(), entry.compressed_size());
        let name = entry.name().map_err(unreadable)?.into_owned();
        if size > BIG_ENTRY && size > packed.saturating_mul(MAX_RATIO) {
            return Err(ZipProblem::Bomb(FileProblem::ZipEntryInflates {
                entry: name,
                megabytes: size / MB,
                packed_kilobytes: packed / 1024,
                ratio: size / packed.max(1),
                max_ratio: MAX_RATIO,
            }));
        }
        total = total.saturating_add(size);
        match name.as_str() {
            "xl/workbook.xml" => xlsx = true,
            "xl/workbook.bin" => xlsb = true,
            "content.xml" => content = true,
            "mimetype" => mimetype = true,
            _ => {}
        }
    }
    if total > MAX_INFLATED {
        return Err(ZipProblem::Bomb(FileProblem::ZipInflates {
            megabytes: total / MB,
            max_megabytes: MAX_INFLATED / MB,
        }));
    }
    if xlsx {
        return Ok(ZipKind::Xlsx);
    }
    if xlsb {
        return Ok(ZipKind::Xlsb);
    }
    if content {
        let mut mime = String::new();
        if mimetype && let Ok(entry) = zip.by_name("mimetype") {
            // A short text; a bad one is simply not a spreadsheet's.
            let _ = entry.take(200).read_to_string(&mut mime);
        }
        let mime = mime.trim().to_string();
        return Ok(
            if mime.is_empty() || mime == "application/vnd.oasis.opendocument.spreadsheet" {
                ZipKind::Ods
            } else {
                ZipKind::OpenDocument(mime)
            },
        );
    }
    Ok(ZipKind::Other)
}

/// Opens a ZIP-based workbook (XLSX or ODS, by its entries, whatever its name).
pub(super) fn open_zip(ctx: &Ctx<'_>, file: File) -> Result<Source, ReadError> {
    let what = if ctx.ext == "ods" {
        Workbook::OpenDocument
    } else {
        Workbook::Excel
    };
    let kind = inspect_zip(file).map_err(|p| match p {
        ZipProblem::Unreadable(e) => unreadable(ctx, what, &e),
        ZipProblem::Bomb(why) => ctx.error(None, why),
    })?;
    match kind {
        ZipKind::Xlsx => {
            let what = Workbook::Excel;
            let mut wb: Xlsx<_> = guarded(ctx, what, || calamine::open_workbook(ctx.path))?
                .map_err(|e| unreadable(ctx, what, &e))?;
            let metas = wb.sheets_metadata().to_vec();
            load(ctx, &metas, Format::Xlsx, |name| {
                guarded(ctx, what, || xlsx_grid(&mut wb, name))?
                    .map_err(|why| sheet_error(ctx, what, name, why))
            })
        }
        ZipKind::Ods => {
            let what = Workbook::OpenDocument;
            size::check_ods(ctx.path).map_err(|r| ctx.error(None, r))?;
            let mut wb: Ods<_> = guarded(ctx, what, || calamine::open_workbook(ctx.path))?
                .map_err(|e| unreadable(ctx, what, &e))?;
            let metas = wb.sheets_metadata().to_vec();
            load(ctx, &metas, Format::Ods, |name| {
                let range = guarded(ctx, what, || wb.worksheet_range(name))?.map_err(|e| {
                    sheet_error(ctx, what, name, SheetProblem::Unreadable(e.to_string()))
                })?;
                Ok(Grid::from_range(&range))
            })
        }
        ZipKind::Xlsb => Err(ctx.error(None, FileProblem::Xlsb)),
        ZipKind::OpenDocument(mime) => Err(ctx.error(None, FileProblem::NotSpreadsheet { mime })),
        ZipKind::Other => Err(ctx.error(None, FileProblem::ZipWithoutWorkbook { workbook: what })),
    }
}

/// Opens an Excel 97–2003 workbook, after measuring its sheets (calamine loads them all).
pub(super) fn open_xls(ctx: &Ctx<'_>) -> Result<Source, ReadError> {
    let what = Workbook::Excel;
    size::check_xls(ctx.path).map_err(|r| ctx.error(None, r))?;
    let mut wb: Xls<_> = guarded(ctx, what, || calamine::open_workbook(ctx.path))?
        .map_err(|e| unreadable(ctx, what, &e))?;
    let metas = wb.sheets_metadata().to_vec();
    load(ctx, &metas, Format::Xls, |name| {
        let range = guarded(ctx, what, || wb.worksheet_range(name))?
            .map_err(|e| sheet_error(ctx, what, name, SheetProblem::Unreadable(e.to_string())))?;
        Ok(Grid::from_range(&range))
    })
}

/// Runs calamine on a file; a panic inside it (a malformed file it does not guard against)
/// refuses the file instead of ending the process.
fn guarded<T>(ctx: &Ctx<'_>, what: Workbook, f: impl FnOnce() -> T) -> Result<T, ReadError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "malformed content".into());
        unreadable(ctx, what, &why)
    })
}

/// The refusal of a workbook its library cannot read, in the library's words.
fn unreadable(ctx: &Ctx<'_>, workbook: Workbook, detail: &impl ToString) -> ReadError {
    ctx.error(None, size::unreadable(workbook, detail))
}

/// Why one sheet could not be read.
enum SheetProblem {
    Unreadable(String),
    TooBig(FileProblem),
}

fn sheet_error(ctx: &Ctx<'_>, workbook: Workbook, name: &str, p: SheetProblem) -> ReadError {
    match p {
        SheetProblem::Unreadable(detail) => ctx.error(
            None,
            FileProblem::Unreadable {
                workbook,
                sheet: Some(name.to_string()),
                detail,
            },
        ),
        SheetProblem::TooBig(why) => ctx.error(None, why),
    }
}

/// Reads an XLSX sheet cell by cell into a sparse grid (calamine's `worksheet_range` would
/// build a dense grid over the sheet's whole span, whatever its declared dimension says),
/// refusing it as soon as its cells pass [`size::MAX_LOADED`] bytes.
fn xlsx_grid(wb: &mut Xlsx<BufReader<File>>, name: &str) -> Result<Grid, SheetProblem> {
    let mut cells = match wb.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        // A chart sheet: nothing to import.
        Err(XlsxError::NotAWorksheet(_)) => return Ok(Grid::default()),
        Err(e) => return Err(SheetProblem::Unreadable(e.to_string())),
    };
    let mut grid = Grid::default();
    while let Some(cell) = cells
        .next_cell()
        .map_err(|e| SheetProblem::Unreadable(e.to_string()))?
    {
        let (row, col) = cell.get_position();
        let data: Data = cell.get_value().clone().into();
        if !grid.push(row, col, cell_text(&data)) {
            return Err(SheetProblem::TooBig(size::too_big(
                name,
                grid.extent(),
                grid.bytes,
            )));
        }
    }
    Ok(grid.sorted())
}

/// A sheet's cells with text, sorted by row and column: memory follows the cells a sheet
/// holds, not the area they span.
#[derive(Debug, Default)]
pub(super) struct Grid {
    /// (0-based row, 0-based column, text), non-empty texts only.
    cells: Vec<(u32, u32, String)>,
    /// What the cells take in memory, roughly.
    bytes: u64,
}

impl Grid {
    /// Adds a cell (an empty text is no cell); false when the grid is over its budget.
    fn push(&mut self, row: u32, col: u32, text: String) -> bool {
        if text.is_empty() {
            return true;
        }
        self.bytes = self
            .bytes
            .saturating_add(size::CELL_BYTES + text.len() as u64);
        self.cells.push((row, col, text));
        self.bytes <= size::MAX_LOADED
    }

    /// Sorts the cells by position; of two at one position, the later one read is kept.
    fn sorted(mut self) -> Grid {
        self.cells.sort_by_key(|&(r, c, _)| (r, c));
        self.cells.dedup_by(|later, earlier| {
            let same = (later.0, later.1) == (earlier.0, earlier.1);
            if same {
                std::mem::swap(&mut later.2, &mut earlier.2);
            }
            same
        });
        self
    }

    fn from_range(range: &Range<Data>) -> Grid {
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut grid = Grid::default();
        for (r, c, v) in range.used_cells() {
            let (Ok(r), Ok(c)) = (u32::try_from(r), u32::try_from(c)) else {
                continue;
            };
            // calamine's range lies within u32 positions; the sums cannot overflow there.
            grid.push(top.saturating_add(r), left.saturating_add(c), cell_text(v));
        }
        grid.sorted()
    }

    /// The area of the cells that are not blank.
    fn extent(&self) -> Option<size::Extent> {
        self.cells
            .iter()
            .filter(|(_, _, t)| !t.trim().is_empty())
            .map(|&(r, c, _)| size::Extent::at(u64::from(r), u64::from(c)))
            .reduce(size::Extent::cover)
    }

    /// The cells of one row.
    fn row(&self, row: u64) -> &[(u32, u32, String)] {
        let from = self.cells.partition_point(|c| u64::from(c.0) < row);
        let to = self.cells.partition_point(|c| u64::from(c.0) <= row);
        &self.cells[from..to]
    }

    /// One row's texts over `width` columns from `left`.
    fn row_text(&self, row: u64, left: u64, width: usize) -> Vec<String> {
        place(self.row(row), left, width)
    }
}

/// Lays a row's cells out over `width` columns from `left`.
fn place(cells: &[(u32, u32, String)], left: u64, width: usize) -> Vec<String> {
    let mut out = vec![String::new(); width];
    for (_, c, text) in cells {
        let at = u64::from(*c)
            .checked_sub(left)
            .and_then(|i| usize::try_from(i).ok());
        if let Some(slot) = at.and_then(|i| out.get_mut(i)) {
            slot.clone_from(text);
        }
    }
    out
}

/// Chooses the sheet and header row and returns the source over the rest of the sheet.
fn load(
    ctx: &Ctx<'_>,
    metas: &[Sheet],
    format: Format,
    mut read_grid: impl FnMut(&str) -> Result<Grid, ReadError>,
) -> Result<Source, ReadError> {
    let sheets: Vec<String> = metas.iter().map(|s| s.name.clone()).collect();
    let (name, grid, extent) = match &ctx.opts.sheet {
        Some(want) => {
            let name = sheets
                .iter()
                .find(|s| *s == want)
                .or_else(|| {
                    sheets
                        .iter()
                        .find(|s| s.trim().to_lowercase() == want.trim().to_lowercase())
                })
                .ok_or_else(|| {
                    ctx.error(
                        None,
                        FileProblem::NoSuchSheet {
                            sheet: want.clone(),
                            sheets: sheets.clone(),
                        },
                    )
                })?
                .clone();
            let grid = read_grid(&name)?;
            let extent = grid.extent();
            (name, grid, extent)
        }
        None => {
            let order = metas
                .iter()
                .filter(|m| m.typ == SheetType::WorkSheet && m.visible == SheetVisible::Visible)
                .chain(metas.iter().filter(|m| {
                    m.typ == SheetType::WorkSheet && m.visible != SheetVisible::Visible
                }));
            let mut found = None;
            for meta in order {
                let grid = read_grid(&meta.name)?;
                if let Some(extent) = grid.extent() {
                    found = Some((meta.name.clone(), grid, Some(extent)));
                    break;
                }
            }
            found.ok_or_else(|| {
                ctx.error(
                    None,
                    FileProblem::NoDataInSheets {
                        sheets: sheets.clone(),
                    },
                )
            })?
        }
    };
    if let Some(e) = extent
        && e.columns() > MAX_COLUMNS as u64
    {
        return Err(ctx.error(
            None,
            FileProblem::SheetTooWide {
                sheet: name,
                span: e.to_string(),
                max_columns: MAX_COLUMNS as u64,
            },
        ));
    }
    let (top, left, bottom) = extent.map_or((0, 0, 0), |e| (e.top, e.left, e.bottom));
    // Within MAX_COLUMNS (checked above).
    let full_width = extent.map_or(0, |e| e.columns() as usize);
    let empty_sheet = || {
        ctx.error(
            None,
            FileProblem::SheetEmpty {
                sheet: name.clone(),
            },
        )
    };
    let header = match ctx.opts.header_row {
        Some(n) => {
            let at = n - 1;
            if at < top || extent.is_none() {
                return Err(ctx.error(
                    Some(n),
                    FileProblem::SheetHeaderRowEmpty {
                        sheet: name.clone(),
                        row: n,
                    },
                ));
            }
            if at > bottom {
                return Err(ctx.error(
                    Some(n),
                    FileProblem::SheetEndsBeforeHeader {
                        sheet: name.clone(),
                        last_row: bottom + 1,
                        header_row: n,
                    },
                ));
            }
            at
        }
        None => {
            let scan_end = bottom.min(top + HEADER_SCAN_ROWS as u64 - 1);
            let scan: Vec<Vec<String>> = (top..=scan_end)
                .map(|r| grid.row_text(r, left, full_width))
                .collect();
            let found = find_header(&scan).ok_or_else(empty_sheet)?;
            top + found as u64
        }
    };
    let header_row = header + 1;
    // Columns: up to the last one with anything in it, in the header row or below (a column
    // with data but no header name is kept as "Column N").
    let width = grid
        .cells
        .iter()
        .filter(|(r, _, t)| u64::from(*r) >= header && !t.trim().is_empty())
        .map(|&(_, c, _)| u64::from(c).saturating_sub(left) as usize + 1)
        .max()
        .unwrap_or(0);
    if width > MAX_COLUMNS {
        return Err(ctx.error(
            Some(header_row),
            FileProblem::TooManyColumns {
                columns: width as u64,
                max_columns: MAX_COLUMNS as u64,
            },
        ));
    }
    let raw = grid.row_text(header, left, width);
    if raw.iter().all(|c| c.trim().is_empty()) {
        return Err(ctx.error(
            Some(header_row),
            FileProblem::SheetHeaderRowEmpty {
                sheet: name.clone(),
                row: header_row,
            },
        ));
    }
    let mut warnings = Vec::new();
    if left > 0 {
        warnings.push(ReadNote::DataStartsInColumn { column: left + 1 }.into());
    }
    warnings.extend(skipped_above(
        (header - top) as usize,
        top + 1,
        header_row - 1,
        true,
    ));
    let headers = name_columns(raw, &mut warnings);
    let info = SourceInfo {
        format,
        encoding: None,
        encoding_detected: false,
        bom: false,
        delimiter: None,
        sheets,
        sheet: Some(name),
        header_row,
        headers,
        warnings,
    };
    let first = header + 1;
    let cursor = grid.cells.partition_point(|c| u64::from(c.0) < first);
    let rows = SheetRows {
        grid,
        cursor,
        left,
        next: first,
        first,
        end: bottom + 1,
        width,
    };
    Ok(Source {
        info,
        rows: Rows::Sheet(Box::new(rows)),
        ended: false,
    })
}

/// The rows of one sheet below its header, converted to text as they are taken.
pub(super) struct SheetRows {
    grid: Grid,
    /// The first cell of the row `next`, or after it.
    cursor: usize,
    /// The 0-based sheet column of the first column.
    left: u64,
    /// 0-based sheet rows: the next to take, the first below the header, and one past the
    /// last row with data.
    next: u64,
    first: u64,
    end: u64,
    width: usize,
}

impl SheetRows {
    pub fn progress(&self) -> (u64, u64) {
        let total = self.end.saturating_sub(self.first);
        (self.next.saturating_sub(self.first), total)
    }

    pub fn next_row(&mut self) -> Option<Result<SourceRow, ReadError>> {
        let r = self.next;
        if r >= self.end {
            return None;
        }
        self.next += 1;
        let cells = &self.grid.cells;
        let from = self.cursor;
        let mut to = from;
        while to < cells.len() && u64::from(cells[to].0) <= r {
            to += 1;
        }
        self.cursor = to;
        let row = cells.get(from..to).unwrap_or_default();
        let (cells, status) = shape(place(row, self.left, self.width), self.width);
        Some(Ok(SourceRow {
            line: r + 1,
            cells,
            status,
        }))
    }
}

/// A cell as the user reads it in the spreadsheet.
fn cell_text(v: &Data) -> String {
    match v {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::Error(e) => e.to_string(),
        Data::DateTime(dt) => {
            if dt.is_duration() {
                duration((dt.as_f64() * 86_400.0).round() as i64)
            } else {
                let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
                let serial = dt.as_f64();
                if (0.0..1.0).contains(&serial) {
                    format!("{h:02}:{mi:02}:{s:02}")
                } else if (h, mi, s) == (0, 0, 0) {
                    format!("{y:04}-{mo:02}-{d:02}")
                } else {
                    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
                }
            }
        }
        Data::DateTimeIso(s) => iso_datetime(s),
        Data::DurationIso(s) => iso_duration(s).unwrap_or_else(|| s.clone()),
    }
}

/// A number in plain decimal notation, rounded to Excel's 15 significant digits (so
/// 0.1+0.2 reads "0.3" and 13812345678 reads "13812345678"), never with an exponent or a
/// trailing ".0".
pub(super) fn number(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    if rounded == 0.0 {
        return "0".into();
    }
    // Rust's `Display` for f64 is the shortest text that reads back the same, without an
    // exponent.
    format!("{rounded}")
}

fn duration(total_seconds: i64) -> String {
    let sign = if total_seconds < 0 { "-" } else { "" };
    let t = total_seconds.unsigned_abs();
    format!("{sign}{}:{:02}:{:02}", t / 3600, t / 60 % 60, t % 60)
}

/// `2024-03-05T14:30:00.000` → `2024-03-05 14:30:00`; midnight → the date alone.
fn iso_datetime(s: &str) -> String {
    let Some((date, time)) = s.split_once('T') else {
        return s.to_string();
    };
    let time = time.trim_end_matches('Z');
    let time = time.split('.').next().unwrap_or(time);
    if time.trim_start_matches(['0', ':']).is_empty() {
        date.to_string()
    } else {
        format!("{date} {time}")
    }
}

/// `PT14H30M00S` (ODS durations) → `14:30:00`.
fn iso_duration(s: &str) -> Option<String> {
    let rest = s.strip_prefix("PT").or_else(|| s.strip_prefix("-PT"))?;
    let (mut h, mut m, mut sec) = (0f64, 0f64, 0f64);
    let mut num = String::new();
    for c in rest.chars() {
        match c {
            '0'..='9' | '.' => num.push(c),
            'H' | 'M' | 'S' => {
                let v: f64 = num.parse().ok()?;
                num.clear();
                match c {
                    'H' => h = v,
                    'M' => m = v,
                    _ => sec = v,
                }
            }
            _ => return None,
        }
    }
    let total = (h * 3600.0 + m * 60.0 + sec).round() as i64;
    Some(duration(if s.starts_with('-') { -total } else { total }))
}

#[cfg(test)]
mod tests {
    use super::{iso_datetime, iso_duration, number};

    #[test]
    fn numbers_read_as_excel_shows_them() {
        for (value, text) in [
            (13812345678.0, "13812345678"),
            (0.1 + 0.2, "0.3"),
            (1e20, "100000000000000000000"),
            (1e-7, "0.0000001"),
            (-0.0, "0"),
            (123456789012345678.0, "123456789012346000"),
            (2.5, "2.5"),
            (-1234.5678, "-1234.5678"),
        ] {
            assert_eq!(number(value), text, "{value:e}");
        }
    }

    #[test]
    fn ods_dates_and_durations() {
        assert_eq!(iso_datetime("2024-03-05"), "2024-03-05");
        assert_eq!(iso_datetime("2024-03-05T00:00:00"), "2024-03-05");
        assert_eq!(
            iso_datetime("2024-03-05T14:30:00.250"),
            "2024-03-05 14:30:00"
        );
        assert_eq!(iso_duration("PT14H30M00S").as_deref(), Some("14:30:00"));
        assert_eq!(iso_duration("PT36H").as_deref(), Some("36:00:00"));
        assert_eq!(iso_duration("P1Y"), None);
    }
}
