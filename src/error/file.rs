//! Why a file to import is refused as a whole ([`FileProblem`]): missing, empty, not text, a
//! broken or oversized workbook, a header that cannot be found, a read that stopped. Each is a
//! code with its values whose `Display` is the English the CLI prints after the file's name;
//! the window says the code in its language. A library's own words about a broken file
//! (calamine, zip, an I/O error) are kept as `detail`, the one part no catalog can say.

use std::fmt;

use serde::Serialize;

/// The kind of workbook a refusal names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Workbook {
    /// An Excel workbook (.xlsx, .xls).
    Excel,
    /// An OpenDocument spreadsheet (.ods).
    OpenDocument,
}

impl fmt::Display for Workbook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Workbook::Excel => "Excel workbook",
            Workbook::OpenDocument => "OpenDocument spreadsheet",
        })
    }
}

/// Why a file cannot be imported (or why its reading ended): the reason of a `bad_file`
/// refusal, after the file's name and line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum FileProblem {
    /// No file at the path.
    Missing,
    /// The file's permissions do not let Kith read it.
    NotAllowed,
    /// Reading failed with an I/O error.
    CouldNotRead {
        /// The system's words.
        detail: String,
    },
    /// The path is a folder.
    Folder,
    /// The file has no bytes.
    Empty,
    /// The file holds only a byte-order mark.
    OnlyByteOrderMark,
    /// The file holds only line ends.
    OnlyBlankLines,
    /// The encoding the user named is not one Kith knows.
    UnknownEncoding {
        /// The label given.
        label: String,
    },
    /// The delimiter the user named cannot delimit.
    BadDelimiter {
        /// The character given.
        delimiter: char,
    },
    /// The user's header row is 0 (rows count from 1).
    HeaderRowZero,
    /// UTF-32 text.
    Utf32,
    /// Binary data in what should be text.
    NotText {
        /// About where the binary data is.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        byte: u64,
    },
    /// An .xlsx or .ods name on a file that is not a ZIP archive.
    NotZip {
        /// What the name says it is.
        workbook: Workbook,
    },
    /// An .xls name on a file that is neither an Excel 97–2003 file nor text.
    XlsNeither {
        /// About where the binary data is.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        byte: u64,
    },
    /// A web page saved with an .xls name.
    XlsIsHtml,
    /// An Excel binary workbook (.xlsb).
    Xlsb,
    /// An OpenDocument file that is not a spreadsheet (a text document, a drawing).
    NotSpreadsheet {
        /// Its declared type.
        mime: String,
    },
    /// A ZIP archive without a workbook in it.
    ZipWithoutWorkbook {
        /// What its name said it was.
        workbook: Workbook,
    },
    /// One entry of the archive inflates far beyond its packed size.
    ZipEntryInflates {
        /// The entry.
        entry: String,
        /// Its size unpacked, in MB.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        megabytes: u64,
        /// Its size packed, in KB.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        packed_kilobytes: u64,
        /// Unpacked to packed.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        ratio: u64,
        /// The highest ratio read.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        max_ratio: u64,
    },
    /// The archive's entries together inflate beyond what Kith reads.
    ZipInflates {
        /// Their size unpacked, in MB.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        megabytes: u64,
        /// The most read, in MB.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        max_megabytes: u64,
    },
    /// The workbook is broken in a way its library reports.
    Unreadable {
        /// The kind of workbook.
        workbook: Workbook,
        /// The sheet, when the problem is in one.
        sheet: Option<String>,
        /// The library's words.
        detail: String,
    },
    /// An .xls file without its Workbook stream.
    XlsNoWorkbookStream,
    /// An .xls sheet's record is cut short.
    XlsSheetRecordCut {
        /// The sheet.
        sheet: String,
    },
    /// An .xls sheet starts past the end of the workbook stream.
    XlsSheetPastEnd {
        /// The sheet.
        sheet: String,
    },
    /// An .xls sheet declares inverted dimensions.
    XlsImpossibleDimensions {
        /// The sheet.
        sheet: String,
        /// The rows declared (1-based, as the file has them).
        rows: String,
        /// The columns declared.
        columns: String,
    },
    /// An .xls record names its columns last to first.
    XlsColumnsBackwards {
        /// The sheet.
        sheet: String,
        /// The 1-based row.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        row: u64,
    },
    /// An .xls sheet declares more cells than an Excel 97–2003 sheet holds.
    XlsSheetTooLarge {
        /// The sheet.
        sheet: String,
        /// Its declared span (`A1:IV70000`).
        span: String,
        /// The rows declared.
        rows: String,
        /// The columns declared.
        columns: String,
    },
    /// An .xls workbook stream beyond what Kith reads.
    XlsStreamTooBig {
        /// Its size, in MB.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        megabytes: u64,
        /// The most read, in MB.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        max_megabytes: u64,
    },
    /// A sheet's cells (with the sheets before it) would take more memory than Kith reads.
    SheetTooBig {
        /// The sheet.
        sheet: String,
        /// Its span, when known.
        span: Option<String>,
        /// The memory it would take, in MB.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        megabytes: u64,
        /// The most read, in MB.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        max_megabytes: u64,
    },
    /// A sheet spans more columns than Kith imports.
    SheetTooWide {
        /// The sheet.
        sheet: String,
        /// Its span.
        span: String,
        /// The most columns imported.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        max_columns: u64,
    },
    /// The sheet the user named is not in the workbook.
    NoSuchSheet {
        /// The name given.
        sheet: String,
        /// The workbook's sheets.
        sheets: Vec<String>,
    },
    /// No sheet of the workbook has data.
    NoDataInSheets {
        /// The workbook's sheets.
        sheets: Vec<String>,
    },
    /// The sheet has no data.
    SheetEmpty {
        /// The sheet.
        sheet: String,
    },
    /// The header row the user named is empty.
    SheetHeaderRowEmpty {
        /// The sheet.
        sheet: String,
        /// The 1-based row.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        row: u64,
    },
    /// The sheet ends before the header row the user named.
    SheetEndsBeforeHeader {
        /// The sheet.
        sheet: String,
        /// Its last row, 1-based.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        last_row: u64,
        /// The header row named.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        header_row: u64,
    },
    /// More columns than Kith imports.
    TooManyColumns {
        /// How many.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        columns: u64,
        /// The most imported.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        max_columns: u64,
    },
    /// The header row is empty.
    HeaderEmpty,
    /// The header row the user named is past the end of the file.
    HeaderPastEnd {
        /// The row named.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        row: u64,
    },
    /// The header line the user named is blank or inside a quoted field.
    HeaderLineNotRow {
        /// The line named.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        line: u64,
        /// The line the next row starts on.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        next: u64,
    },
    /// A row longer than Kith reads.
    RowTooLong {
        /// The line it begins on.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        line: u64,
        /// The longest row read, in MB.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        max_megabytes: u64,
        /// The line a quote still open opened on.
        #[cfg_attr(feature = "ts", ts(type = "number | null"))]
        quote_line: Option<u64>,
    },
    /// A line (of a vCard file) longer than Kith reads.
    LineTooLong {
        /// The line.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        line: u64,
        /// The longest line read, in MB.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        max_megabytes: u64,
    },
    /// Reading stopped part-way with an error.
    Stopped {
        /// The last line read (or the line being read, when `at`).
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        line: u64,
        /// Whether the error is at `line` rather than after it.
        at: bool,
        /// The error's words.
        detail: String,
    },
}

/// `"a", "b"`: sheet names as a refusal lists them.
fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for FileProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileProblem::Missing => f.write_str("the file does not exist"),
            FileProblem::NotAllowed => f.write_str("Kith is not allowed to read the file"),
            FileProblem::CouldNotRead { detail } => write!(f, "could not be read: {detail}"),
            FileProblem::Folder => f.write_str("is a folder, not a file"),
            FileProblem::Empty => f.write_str("the file is empty"),
            FileProblem::OnlyByteOrderMark => {
                f.write_str("the file is empty (it holds only a byte-order mark)")
            }
            FileProblem::OnlyBlankLines => f.write_str("the file holds only blank lines"),
            FileProblem::UnknownEncoding { label } => write!(
                f,
                "\"{label}\" is not an encoding Kith knows; use a label such as \"utf-8\", \
                 \"utf-16le\", \"gbk\", \"big5\", \"shift_jis\" or \"windows-1252\""
            ),
            FileProblem::BadDelimiter { delimiter } => write!(
                f,
                "the delimiter must be one ASCII character other than a quote or a line end, \
                 not {delimiter:?}"
            ),
            FileProblem::HeaderRowZero => {
                f.write_str("the header row is counted from 1, so it cannot be 0")
            }
            FileProblem::Utf32 => {
                f.write_str("is UTF-32 text, which Kith does not read; save it as UTF-8")
            }
            FileProblem::NotText { byte } => {
                write!(f, "is not a text file (binary data near byte {byte})")
            }
            FileProblem::NotZip { workbook } => write!(
                f,
                "is not a readable {workbook}: it is not a ZIP archive, as every {} file is",
                match workbook {
                    Workbook::Excel => ".xlsx",
                    Workbook::OpenDocument => ".ods",
                }
            ),
            FileProblem::XlsNeither { byte } => write!(
                f,
                "is not a readable Excel workbook: it is neither an Excel 97–2003 file nor text \
                 (binary data near byte {byte})"
            ),
            FileProblem::XlsIsHtml => f.write_str(
                "is a web page (HTML) with an .xls name, not a workbook; open it in Excel and \
                 save it as .xlsx or .csv",
            ),
            FileProblem::Xlsb => f.write_str(
                "is an Excel binary workbook (.xlsb), which Kith does not read; open it in Excel \
                 and save it as .xlsx",
            ),
            FileProblem::NotSpreadsheet { mime } => {
                write!(f, "is an OpenDocument file but not a spreadsheet ({mime})")
            }
            FileProblem::ZipWithoutWorkbook { workbook } => write!(
                f,
                "is not a readable {workbook}: it is a ZIP archive without a workbook in it (no \
                 xl/workbook.xml or content.xml)"
            ),
            FileProblem::ZipEntryInflates {
                entry,
                megabytes,
                packed_kilobytes,
                ratio,
                max_ratio,
            } => write!(
                f,
                "was refused because it looks like a zip bomb: its entry \"{entry}\" inflates \
                 {megabytes} MB from {packed_kilobytes} KB ({ratio}:1, more than {max_ratio}:1)"
            ),
            FileProblem::ZipInflates {
                megabytes,
                max_megabytes,
            } => write!(
                f,
                "was refused because it looks like a zip bomb: its entries inflate to \
                 {megabytes} MB in total, more than the {max_megabytes} MB Kith reads"
            ),
            FileProblem::Unreadable {
                workbook,
                sheet,
                detail,
            } => match sheet {
                Some(sheet) => write!(
                    f,
                    "is not a readable {workbook}: sheet \"{sheet}\": {detail}"
                ),
                None => write!(f, "is not a readable {workbook}: {detail}"),
            },
            FileProblem::XlsNoWorkbookStream => {
                f.write_str("is not a readable Excel workbook: it has no Workbook stream")
            }
            FileProblem::XlsSheetRecordCut { sheet } => write!(
                f,
                "is not a readable Excel workbook: the record of its sheet \"{sheet}\" is cut \
                 short"
            ),
            FileProblem::XlsSheetPastEnd { sheet } => write!(
                f,
                "is not a readable Excel workbook: its sheet \"{sheet}\" starts past the end of \
                 the workbook"
            ),
            FileProblem::XlsImpossibleDimensions {
                sheet,
                rows,
                columns,
            } => write!(
                f,
                "is not a readable Excel workbook: the sheet \"{sheet}\" declares impossible \
                 dimensions (rows {rows}, columns {columns})"
            ),
            FileProblem::XlsColumnsBackwards { sheet, row } => write!(
                f,
                "is not a readable Excel workbook: a record of its sheet \"{sheet}\" names its \
                 columns backwards (row {row})"
            ),
            FileProblem::XlsSheetTooLarge {
                sheet,
                span,
                rows,
                columns,
            } => write!(
                f,
                "was refused: the sheet \"{sheet}\" declares {span} (rows {rows}, columns \
                 {columns}), more than an Excel 97–2003 sheet holds (65536 rows and 256 \
                 columns)"
            ),
            FileProblem::XlsStreamTooBig {
                megabytes,
                max_megabytes,
            } => write!(
                f,
                "was refused: its workbook stream is {megabytes} MB; Kith reads at most \
                 {max_megabytes} MB"
            ),
            FileProblem::SheetTooBig {
                sheet,
                span,
                megabytes,
                max_megabytes,
            } => {
                let spans = span
                    .as_ref()
                    .map_or_else(String::new, |s| format!(" spans {s} and"));
                write!(
                    f,
                    "was refused: the sheet \"{sheet}\"{spans} would take {megabytes} MB in \
                     memory once read; Kith reads at most {max_megabytes} MB of cells"
                )
            }
            FileProblem::SheetTooWide {
                sheet,
                span,
                max_columns,
            } => write!(
                f,
                "was refused: the sheet \"{sheet}\" spans {span}; Kith imports at most \
                 {max_columns} columns"
            ),
            FileProblem::NoSuchSheet { sheet, sheets } => write!(
                f,
                "has no sheet named \"{sheet}\"; its sheets are {}",
                quoted(sheets)
            ),
            FileProblem::NoDataInSheets { sheets } => {
                write!(f, "has no data in any of its sheets ({})", quoted(sheets))
            }
            FileProblem::SheetEmpty { sheet } => write!(f, "the sheet \"{sheet}\" has no data"),
            FileProblem::SheetHeaderRowEmpty { sheet, row } => write!(
                f,
                "row {row} of the sheet \"{sheet}\" is empty, so it cannot be the header"
            ),
            FileProblem::SheetEndsBeforeHeader {
                sheet,
                last_row,
                header_row,
            } => write!(
                f,
                "the sheet \"{sheet}\" ends at row {last_row}, before the header row \
                 {header_row}"
            ),
            FileProblem::TooManyColumns {
                columns,
                max_columns,
            } => write!(
                f,
                "has {columns} columns; Kith imports at most {max_columns}"
            ),
            FileProblem::HeaderEmpty => f.write_str("the header row is empty"),
            FileProblem::HeaderPastEnd { row } => {
                write!(f, "the header row {row} is past the end of the file")
            }
            FileProblem::HeaderLineNotRow { line, next } => write!(
                f,
                "line {line} is blank or inside a quoted field, so it cannot be the header row; \
                 the next row starts on line {next}"
            ),
            FileProblem::RowTooLong {
                line,
                max_megabytes,
                quote_line,
            } => {
                write!(
                    f,
                    "the row that begins on line {line} is longer than {max_megabytes} MB"
                )?;
                if let Some(q) = quote_line {
                    write!(
                        f,
                        "; a quoted field opened on line {q} is probably never closed"
                    )?;
                }
                Ok(())
            }
            FileProblem::LineTooLong {
                line,
                max_megabytes,
            } => write!(f, "line {line} is longer than {max_megabytes} MB"),
            FileProblem::Stopped { line, at, detail } => {
                let at = if *at { "at" } else { "after" };
                write!(f, "reading stopped {at} line {line}: {detail}")
            }
        }
    }
}

impl FileProblem {
    /// The refusal for an I/O error opening or reading the file.
    pub fn io(e: &std::io::Error) -> FileProblem {
        match e.kind() {
            std::io::ErrorKind::NotFound => FileProblem::Missing,
            std::io::ErrorKind::PermissionDenied => FileProblem::NotAllowed,
            _ => FileProblem::CouldNotRead {
                detail: e.to_string(),
            },
        }
    }
}

/// A file refused as a whole, as sent beside an error's message: the file, the line, the
/// problem's code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FileFault {
    /// The file, as given.
    pub path: String,
    /// The 1-based line or sheet row at fault, when there is one.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub line: Option<u64>,
    /// What is wrong.
    pub problem: FileProblem,
}

/// Why reading or writing a file failed ([`crate::Error::Io`]), as a code the window says in
/// its language; what the system said is kept for the rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum IoProblem {
    /// No such file or folder.
    NotFound,
    /// The permissions do not allow it.
    PermissionDenied,
    /// The disk is full.
    StorageFull,
    /// The disk or folder is read-only.
    ReadOnly,
    /// Something else, in the system's words.
    Other {
        /// The system's words.
        detail: String,
    },
}

impl IoProblem {
    /// The code of an I/O error.
    pub fn of(e: &std::io::Error) -> IoProblem {
        match e.kind() {
            std::io::ErrorKind::NotFound => IoProblem::NotFound,
            std::io::ErrorKind::PermissionDenied => IoProblem::PermissionDenied,
            std::io::ErrorKind::StorageFull => IoProblem::StorageFull,
            std::io::ErrorKind::ReadOnlyFilesystem => IoProblem::ReadOnly,
            _ => IoProblem::Other {
                detail: e.to_string(),
            },
        }
    }
}

/// A file that could not be read or written, as sent beside an `io` error's message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IoFault {
    /// The file or folder.
    pub path: String,
    /// What went wrong.
    pub problem: IoProblem,
}
