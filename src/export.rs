//! Export of any kind (or a filtered list of it) as CSV, XLSX or vCard.
//!
//! Columns are Kith's own names — `id`, the kind's fields, `company`/`contact` for the linked
//! record (by name, or email for a contact), `tags`, `custom.NAME` — so an exported file
//! imported again maps itself and gives back exactly the same values. CSV cells that a
//! spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) are
//! neutralised with a leading `'` (OWASP's advice); Kith's import removes that quote again.
//!
//! Dashboard charts are exported here too, as SVG or PNG ([`export_chart`]).

use std::borrow::Cow;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::analytics::dashboard::{ChartOptions, chart_svg, svg_to_png};
use crate::error::{Error, IssueCode, Result};
use crate::model::{EntityRecord, FieldType, Kind, ListQuery, Value};
use crate::store::Store;

/// The characters that make a spreadsheet read a cell as a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn needs_quote(cell: &str) -> bool {
    match cell.strip_prefix('\'') {
        // A cell that already starts with the quote is quoted again, so that removing one
        // quote on import gives back exactly the original.
        Some(rest) => needs_quote(rest),
        None => cell.starts_with(FORMULA_START),
    }
}

/// A CSV cell made safe to open in a spreadsheet: `'` before a formula-like start.
pub fn neutralize(cell: &str) -> Cow<'_, str> {
    if needs_quote(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The inverse of [`neutralize`]: `unneutralize(neutralize(x)) == x` for every `x`.
pub fn unneutralize(cell: &str) -> Cow<'_, str> {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_quote(rest) => Cow::Borrowed(rest),
        _ => Cow::Borrowed(cell),
    }
}

/// The file formats Kith writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// Comma-separated UTF-8 text.
    #[default]
    Csv,
    /// An Excel workbook.
    Xlsx,
    /// vCard 3.0 (contacts only).
    Vcf,
}

impl std::str::FromStr for ExportFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_lowercase().as_str() {
            "csv" => Ok(ExportFormat::Csv),
            "xlsx" | "excel" => Ok(ExportFormat::Xlsx),
            "vcf" | "vcard" => Ok(ExportFormat::Vcf),
            other => Err(Error::invalid(
                "format",
                format!("'{other}' is not an export format (csv, xlsx or vcf)"),
            )),
        }
    }
}

impl ExportFormat {
    /// The format a file name asks for, by its extension.
    pub fn from_path(path: &Path) -> Option<ExportFormat> {
        let ext = path.extension()?.to_str()?;
        ext.parse().ok()
    }
}

/// How to export.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportOptions {
    /// The file format.
    pub format: ExportFormat,
    /// Start a CSV with a UTF-8 byte-order mark (Excel on Windows needs it for non-ASCII).
    pub bom: bool,
    /// Which records: the list's filters and text (paging is ignored; all matches go out).
    pub query: ListQuery,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportSummary {
    /// The file written.
    pub file: String,
    /// The format.
    pub format: ExportFormat,
    /// Records written.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub records: u64,
    /// The column headers (CSV and XLSX).
    pub columns: Vec<String>,
}

/// One exported column: its header and how a record's cell is made.
enum Column {
    Id,
    Field(&'static crate::model::FieldDef),
    /// A company or contact reference, written as the linked record's name (or email).
    Link(&'static str, Kind),
    Tags,
    Custom(String),
}

impl Column {
    fn header(&self) -> String {
        match self {
            Column::Id => "id".into(),
            Column::Field(f) => f.name.into(),
            Column::Link(_, Kind::Company) => "company".into(),
            Column::Link(_, _) => "contact".into(),
            Column::Tags => "tags".into(),
            Column::Custom(n) => format!("custom.{n}"),
        }
    }
}

fn columns(store: &Store, kind: Kind) -> Result<Vec<Column>> {
    let mut cols = vec![Column::Id];
    for f in kind.def().fields {
        match (f.name, f.ref_kind) {
            ("company_id", Some(Kind::Company)) => cols.push(Column::Link(f.name, Kind::Company)),
            ("contact_id", Some(Kind::Contact)) => cols.push(Column::Link(f.name, Kind::Contact)),
            _ => cols.push(Column::Field(f)),
        }
    }
    cols.push(Column::Tags);
    cols.extend(store.custom_fields(kind)?.into_iter().map(Column::Custom));
    Ok(cols)
}

/// A field value as export text: money with two decimals, decimals as
/// [`crate::values::decimal_text`] (so they import back as themselves), booleans as true/false.
fn text(ty: FieldType, v: &Value) -> String {
    match (ty, v) {
        (_, Value::Null) => String::new(),
        (FieldType::Money, Value::Real(r)) => format!("{r:.2}"),
        (FieldType::Money, Value::Int(i)) => format!("{i}.00"),
        (FieldType::Decimal, Value::Real(r)) => crate::values::decimal_text(*r),
        (_, v) => v.to_text().unwrap_or_default(),
    }
}

fn cell(store: &Store, col: &Column, r: &EntityRecord) -> Result<String> {
    Ok(match col {
        Column::Id => r.id.clone(),
        Column::Field(f) => text(f.ty, r.values.get(f.name).unwrap_or(&Value::Null)),
        Column::Link(field, target) => match r.values.get(*field) {
            Some(Value::Text(id)) => {
                let linked = store.get_record(*target, id)?;
                match (target, linked.text("email")) {
                    (Kind::Contact, Some(email)) => email,
                    _ => linked.title,
                }
            }
            _ => String::new(),
        },
        Column::Tags => r.tags.join(", "),
        Column::Custom(n) => r.custom.get(n).cloned().unwrap_or_default(),
    })
}

/// Every record the query matches, page by page.
fn each_record(
    store: &Store,
    kind: Kind,
    query: &ListQuery,
    mut f: impl FnMut(&EntityRecord) -> Result<()>,
) -> Result<u64> {
    let mut q = query.clone();
    q.offset = 0;
    q.limit = crate::store::MAX_PAGE;
    let mut n = 0;
    loop {
        let page = store.list_records(kind, &q)?;
        for r in &page.rows {
            f(r)?;
            n += 1;
        }
        if page.rows.len() < q.limit as usize {
            return Ok(n);
        }
        q.offset += page.rows.len() as u64;
    }
}

/// Writes the records of `kind` that `opts.query` matches to `path`.
pub fn export(
    store: &Store,
    kind: Kind,
    path: &Path,
    opts: &ExportOptions,
) -> Result<ExportSummary> {
    let io = |e: std::io::Error| Error::Io {
        path: path.display().to_string(),
        source: e,
    };
    let cols = columns(store, kind)?;
    let headers: Vec<String> = cols.iter().map(Column::header).collect();
    // Write next to the target and rename at the end: a failed export never leaves half a file
    // where a good one was.
    let tmp = crate::files::temp_beside(path).map_err(io)?;
    let records = match opts.format {
        ExportFormat::Csv => {
            let mut file = std::io::BufWriter::new(tmp.as_file());
            if opts.bom {
                file.write_all(b"\xEF\xBB\xBF").map_err(io)?;
            }
            let mut out = csv::Writer::from_writer(file);
            let csv_err = |e: csv::Error| io(std::io::Error::other(e));
            out.write_record(&headers).map_err(csv_err)?;
            let n = each_record(store, kind, &opts.query, |r| {
                let row = cols
                    .iter()
                    .map(|c| cell(store, c, r).map(|t| neutralize(&t).into_owned()))
                    .collect::<Result<Vec<_>>>()?;
                out.write_record(&row).map_err(csv_err)
            })?;
            out.flush().map_err(io)?;
            n
        }
        ExportFormat::Xlsx => write_xlsx(store, kind, &cols, &headers, opts, tmp.path())?,
        ExportFormat::Vcf => {
            if kind != Kind::Contact {
                return Err(Error::invalid(
                    "format",
                    format!(
                        "vCard holds contacts; export {} as CSV or XLSX",
                        kind.def().plural.to_lowercase()
                    ),
                ));
            }
            let mut file = std::io::BufWriter::new(tmp.as_file());
            let n = each_record(store, kind, &opts.query, |r| {
                let card = vcard(store, r)?;
                file.write_all(card.as_bytes()).map_err(io)
            })?;
            file.flush().map_err(io)?;
            n
        }
    };
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(ExportSummary {
        file: path.display().to_string(),
        format: opts.format,
        records,
        columns: if opts.format == ExportFormat::Vcf {
            Vec::new()
        } else {
            headers
        },
    })
}

/// Excel's limits: rows per sheet, characters per cell.
const XLSX_MAX_ROWS: u64 = 1_048_576;
const XLSX_MAX_CELL: usize = 32_767;

fn write_xlsx(
    store: &Store,
    kind: Kind,
    cols: &[Column],
    headers: &[String],
    opts: &ExportOptions,
    path: &Path,
) -> Result<u64> {
    use rust_xlsxwriter::{Format, Workbook};
    let xl = |e: rust_xlsxwriter::XlsxError| Error::Io {
        path: path.display().to_string(),
        source: std::io::Error::other(e),
    };
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(kind.def().plural).map_err(xl)?;
    let bold = Format::new().set_bold();
    for (c, h) in headers.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, h, &bold)
            .map_err(xl)?;
    }
    let mut row: u32 = 0;
    let n = each_record(store, kind, &opts.query, |r| {
        if u64::from(row) + 1 >= XLSX_MAX_ROWS {
            return Err(Error::coded(
                "format",
                IssueCode::XlsxTooManyRows { max: XLSX_MAX_ROWS },
            ));
        }
        row += 1;
        for (c, col) in cols.iter().enumerate() {
            let text = cell(store, col, r)?;
            if text.is_empty() {
                continue;
            }
            let numeric = matches!(
                col,
                Column::Field(f) if matches!(f.ty, FieldType::Money | FieldType::Integer | FieldType::Decimal)
            );
            match text.parse::<f64>() {
                Ok(n) if numeric => {
                    sheet.write_number(row, c as u16, n).map_err(xl)?;
                }
                _ => {
                    if text.chars().count() > XLSX_MAX_CELL {
                        return Err(Error::coded(
                            headers[c].clone(),
                            IssueCode::XlsxCellTooLong {
                                title: r.title.clone(),
                                characters: text.chars().count() as u64,
                                column: headers[c].clone(),
                                max: XLSX_MAX_CELL as u64,
                            },
                        ));
                    }
                    // Strings are written as strings: Excel never runs them as formulas.
                    sheet.write_string(row, c as u16, &text).map_err(xl)?;
                }
            }
        }
        Ok(())
    })?;
    sheet.set_freeze_panes(1, 0).map_err(xl)?;
    book.save(path).map_err(xl)?;
    Ok(n)
}

/// Escapes a vCard text value.
fn esc(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(',', "\\,")
        .replace(';', "\\;")
        .replace("\r\n", "\\n")
        .replace(['\n', '\r'], "\\n")
}

/// Folds a content line at 75 octets (without splitting a UTF-8 character).
fn fold_line(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// One contact as a vCard 3.0.
fn vcard(store: &Store, r: &EntityRecord) -> Result<String> {
    let t = |f: &str| r.text(f).unwrap_or_default();
    let mut lines = vec!["BEGIN:VCARD".to_string(), "VERSION:3.0".to_string()];
    lines.push(format!("UID:{}", r.id));
    lines.push(format!("FN:{}", esc(&r.title)));
    lines.push(format!(
        "N:{};{};;;",
        esc(&t("last_name")),
        esc(&t("first_name"))
    ));
    for (field, prop) in [
        ("email", "EMAIL;TYPE=INTERNET"),
        ("phone", "TEL"),
        ("job_title", "TITLE"),
        ("website", "URL"),
        ("birthday", "BDAY"),
        ("notes", "NOTE"),
    ] {
        let v = t(field);
        if !v.is_empty() {
            lines.push(format!("{prop}:{}", esc(&v)));
        }
    }
    if let Some(Value::Text(cid)) = r.values.get("company_id") {
        lines.push(format!(
            "ORG:{}",
            esc(&store.get_record(Kind::Company, cid)?.title)
        ));
    }
    let (address, city, country) = (t("address"), t("city"), t("country"));
    if !(address.is_empty() && city.is_empty() && country.is_empty()) {
        lines.push(format!(
            "ADR;TYPE=WORK:;;{};{};;;{}",
            esc(&address),
            esc(&city),
            esc(&country)
        ));
    }
    if !r.tags.is_empty() {
        let tags: Vec<String> = r.tags.iter().map(|t| esc(t)).collect();
        lines.push(format!("CATEGORIES:{}", tags.join(",")));
    }
    lines.push("END:VCARD".into());
    let mut out = String::new();
    for l in &lines {
        fold_line(l, &mut out);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralize_round_trips_and_guards_formulas() {
        for s in [
            "=SUM(A1)", "+86 138", "-5", "@cmd", "\tx", "\rx", "'=x", "''=x", "'plain", "plain",
            "", "'", "李明",
        ] {
            assert_eq!(unneutralize(&neutralize(s)), s, "round trip of {s:?}");
        }
        assert_eq!(neutralize("=1+1"), "'=1+1");
        assert_eq!(neutralize("'=1+1"), "''=1+1");
        assert_eq!(neutralize("'hello"), "'hello");
        assert_eq!(neutralize("hello"), "hello");
        assert_eq!(unneutralize("'hello"), "'hello");
    }

    #[test]
    fn vcard_lines_fold_at_75_octets_on_char_boundaries() {
        let mut out = String::new();
        fold_line(&format!("NOTE:{}", "李".repeat(40)), &mut out);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
        }
        assert_eq!(
            out.replace("\r\n ", ""),
            format!("NOTE:{}\r\n", "李".repeat(40))
        );
    }
}

/// The file formats a chart is exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum ChartFormat {
    /// The chart as drawn: scalable, text stays text.
    Svg,
    /// A bitmap at twice the chart's size, for documents and slides.
    Png,
}

impl ChartFormat {
    /// The format a file name asks for, by its extension (`.svg`, `.png`, any case).
    pub fn from_path(path: &Path) -> Option<ChartFormat> {
        match path.extension()?.to_str()?.to_lowercase().as_str() {
            "svg" => Some(ChartFormat::Svg),
            "png" => Some(ChartFormat::Png),
            _ => None,
        }
    }
}

/// What a chart export wrote.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChartExport {
    /// The file written.
    pub file: String,
    /// Its format.
    pub format: ChartFormat,
    /// Its size in bytes.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
}

/// PNG exports are drawn at this multiple of the chart's size (sharp on high-density screens
/// and in print).
const PNG_SCALE: f32 = 2.0;

/// Writes the dashboard chart `name` to `path`, as SVG or PNG by the path's extension
/// (anything else is refused). Written next to the target and renamed, so a failure never
/// leaves half a file.
pub fn export_chart(
    store: &mut Store,
    name: &str,
    path: &Path,
    opts: &ChartOptions,
) -> Result<ChartExport> {
    let format = ChartFormat::from_path(path).ok_or_else(|| {
        Error::invalid(
            "path",
            format!(
                "{} does not end in .svg or .png: charts are saved as SVG or PNG",
                path.display()
            ),
        )
    })?;
    let svg = chart_svg(store, name, opts)?;
    let bytes = match format {
        ChartFormat::Svg => svg.into_bytes(),
        ChartFormat::Png => svg_to_png(&svg, PNG_SCALE)?,
    };
    let io = |e: std::io::Error| Error::Io {
        path: path.display().to_string(),
        source: e,
    };
    let mut tmp = crate::files::temp_beside(path).map_err(io)?;
    tmp.write_all(&bytes).map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(ChartExport {
        file: path.display().to_string(),
        format,
        bytes: bytes.len() as u64,
    })
}
