//! Workbooks (XLSX, XLS, ODS) through calamine: sheet choice, header row below title rows, and
//! cell values as the user sees them (dates as `YYYY-MM-DD`, whole numbers without `.0` or an
//! exponent, formulas by their cached result, errors by their text).
//!
//! Before calamine opens a ZIP-based workbook, its central directory is read (nothing is
//! inflated) and the workbook is refused when its entries declare more than [`MAX_INFLATED`]
//! bytes in total, or one entry over [`BIG_ENTRY`] bytes inflates more than [`MAX_RATIO`]:1.
//! Declared sizes can be trusted because the `zip` crate (≥ 9) stops inflating an entry past
//! its declared size ("File is larger than its declared uncompressed size"), and calamine
//! reads through it. calamine keeps the chosen sheet in memory; that memory is bounded by
//! the same limit.

use std::fmt::Display;
use std::fs::File;
use std::io::{BufReader, Read, Seek};

use calamine::{Data, Ods, Range, Reader, SheetType, SheetVisible, Xls, Xlsx};
use zip::ZipArchive;

use super::{
    Ctx, Format, HEADER_SCAN_ROWS, MAX_COLUMNS, ReadError, Rows, Source, SourceInfo, SourceRow,
    find_header, name_columns, shape, skipped_above,
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

enum ZipProblem {
    Unreadable(String),
    Bomb(String),
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
            return Err(ZipProblem::Bomb(format!(
                "its entry \"{}\" inflates {} MB from {} KB ({}:1, more than {MAX_RATIO}:1)",
                name,
                size / MB,
                packed / 1024,
                size / packed.max(1)
            )));
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
        return Err(ZipProblem::Bomb(format!(
            "its entries inflate to {} MB in total, more than the {} MB Kith reads",
            total / MB,
            MAX_INFLATED / MB
        )));
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
        "OpenDocument spreadsheet"
    } else {
        "Excel workbook"
    };
    let kind = inspect_zip(file).map_err(|p| match p {
        ZipProblem::Unreadable(e) => ctx.error(None, format!("is not a readable {what}: {e}")),
        ZipProblem::Bomb(why) => ctx.error(
            None,
            format!("was refused because it looks like a zip bomb: {why}"),
        ),
    })?;
    match kind {
        ZipKind::Xlsx => {
            let wb: Xlsx<_> = calamine::open_workbook(ctx.path)
                .map_err(|e| ctx.error(None, format!("is not a readable Excel workbook: {e}")))?;
            load(ctx, wb, Format::Xlsx)
        }
        ZipKind::Ods => {
            let wb: Ods<_> = calamine::open_workbook(ctx.path).map_err(|e| {
                ctx.error(
                    None,
                    format!("is not a readable OpenDocument spreadsheet: {e}"),
                )
            })?;
            load(ctx, wb, Format::Ods)
        }
        ZipKind::Xlsb => Err(ctx.error(
            None,
            "is an Excel binary workbook (.xlsb), which Kith does not read; open it in Excel \
             and save it as .xlsx",
        )),
        ZipKind::OpenDocument(mime) => Err(ctx.error(
            None,
            format!("is an OpenDocument file but not a spreadsheet ({mime})"),
        )),
        ZipKind::Other => Err(ctx.error(
            None,
            format!(
                "is not a readable {what}: it is a ZIP archive without a workbook in it (no \
                 xl/workbook.xml or content.xml)"
            ),
        )),
    }
}

/// Opens an Excel 97–2003 workbook.
pub(super) fn open_xls(ctx: &Ctx<'_>) -> Result<Source, ReadError> {
    let wb: Xls<_> = calamine::open_workbook(ctx.path)
        .map_err(|e| ctx.error(None, format!("is not a readable Excel workbook: {e}")))?;
    load(ctx, wb, Format::Xls)
}

fn has_data(range: &Range<Data>) -> bool {
    range.used_cells().any(|(_, _, v)| !blank_cell(v))
}

fn blank_cell(v: &Data) -> bool {
    match v {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// Chooses the sheet and header row and returns the source over the rest of the sheet.
fn load<RS, R>(ctx: &Ctx<'_>, mut wb: R, format: Format) -> Result<Source, ReadError>
where
    RS: Read + Seek,
    R: Reader<RS>,
    R::Error: Display,
{
    let kind = if format == Format::Ods {
        "OpenDocument spreadsheet"
    } else {
        "Excel workbook"
    };
    let metas = wb.sheets_metadata().to_vec();
    let sheets: Vec<String> = metas.iter().map(|s| s.name.clone()).collect();
    let listed = || {
        sheets
            .iter()
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut read_range = |name: &str| {
        wb.worksheet_range(name).map_err(|e| {
            ctx.error(
                None,
                format!("is not a readable {kind}: sheet \"{name}\": {e}"),
            )
        })
    };
    let (name, range) = match &ctx.opts.sheet {
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
                        format!("has no sheet named \"{want}\"; its sheets are {}", listed()),
                    )
                })?
                .clone();
            let range = read_range(&name)?;
            (name, range)
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
                let range = read_range(&meta.name)?;
                if has_data(&range) {
                    found = Some((meta.name.clone(), range));
                    break;
                }
            }
            found.ok_or_else(|| {
                ctx.error(
                    None,
                    format!("has no data in any of its sheets ({})", listed()),
                )
            })?
        }
    };
    let (top, left) = range.start().unwrap_or((0, 0));
    let (top, left) = (u64::from(top), left as usize);
    let height = range.height();
    let full_width = range.width();
    let row_text = |r: usize, width: usize| -> Vec<String> {
        (0..width)
            .map(|c| range.get((r, c)).map_or_else(String::new, cell_text))
            .collect()
    };
    let empty_sheet = || ctx.error(None, format!("the sheet \"{name}\" has no data"));
    let header = match ctx.opts.header_row {
        Some(n) => {
            let at = n - 1;
            if at < top || !has_data(&range) {
                return Err(ctx.error(
                    Some(n),
                    format!("row {n} of the sheet \"{name}\" is empty, so it cannot be the header"),
                ));
            }
            let index = (at - top) as usize;
            if index >= height {
                return Err(ctx.error(
                    Some(n),
                    format!(
                        "the sheet \"{name}\" ends at row {}, before the header row {n}",
                        top + height as u64
                    ),
                ));
            }
            index
        }
        None => {
            let scan: Vec<Vec<String>> = (0..height.min(HEADER_SCAN_ROWS))
                .map(|r| row_text(r, full_width))
                .collect();
            find_header(&scan).ok_or_else(empty_sheet)?
        }
    };
    let header_row = top + header as u64 + 1;
    // Columns: up to the last one with anything in it, in the header row or below (a column
    // with data but no header name is kept as "Column N").
    let width = range
        .used_cells()
        .filter(|(r, _, v)| *r >= header && !blank_cell(v))
        .map(|(_, c, _)| c + 1)
        .max()
        .unwrap_or(0);
    if width > MAX_COLUMNS {
        return Err(ctx.error(
            Some(header_row),
            format!("has {width} columns; Kith imports at most {MAX_COLUMNS}"),
        ));
    }
    let raw = row_text(header, width);
    if raw.iter().all(|c| c.trim().is_empty()) {
        return Err(ctx.error(
            Some(header_row),
            format!(
                "row {header_row} of the sheet \"{name}\" is empty, so it cannot be the header"
            ),
        ));
    }
    let mut warnings = Vec::new();
    if left > 0 {
        warnings.push(format!(
            "the sheet's data starts in column {}; the columns to its left are empty",
            left + 1
        ));
    }
    warnings.extend(skipped_above(header, top + 1, header_row - 1, "row"));
    let headers = name_columns(raw, &mut warnings);
    let info = SourceInfo {
        format,
        encoding: None,
        encoding_detected: false,
        bom: false,
        delimiter: None,
        sheets: sheets.clone(),
        sheet: Some(name),
        header_row,
        headers,
        warnings,
    };
    let rows = SheetRows {
        range,
        top,
        next: header + 1,
        first: header + 1,
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
    range: Range<Data>,
    /// The 0-based sheet row of the range's first row.
    top: u64,
    next: usize,
    first: usize,
    width: usize,
}

impl SheetRows {
    pub fn progress(&self) -> (u64, u64) {
        let total = self.range.height().saturating_sub(self.first) as u64;
        ((self.next - self.first) as u64, total)
    }

    pub fn next_row(&mut self) -> Option<Result<SourceRow, ReadError>> {
        let r = self.next;
        if r >= self.range.height() {
            return None;
        }
        self.next += 1;
        let cells = (0..self.width)
            .map(|c| self.range.get((r, c)).map_or_else(String::new, cell_text))
            .collect();
        let (cells, status) = shape(cells, self.width);
        Some(Ok(SourceRow {
            line: self.top + r as u64 + 1,
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
