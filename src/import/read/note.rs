//! What a reader says about a file that is not about one row (a title row skipped above the
//! header, a column without a header, an encoding guessed from little), and why a row is not
//! data ([`RowReason`], shared with the import's outcomes). Each is a code with its values
//! whose `Display` is the English the CLI prints; the window says the code in its language.

use std::fmt;

use serde::Serialize;

pub use crate::store::RowReason;

/// Something to know about a file that is not about one row: `SourceInfo.warnings` and the
/// reader's part of `ImportReport.warnings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ReadNote {
    /// A file named `.xls` that holds text, read as CSV.
    XlsHoldsText,
    /// The file begins with one encoding's byte-order mark but was decoded as the encoding the
    /// user chose.
    BomNotChosen {
        /// The encoding of the byte-order mark.
        bom: String,
        /// The encoding chosen.
        chosen: String,
    },
    /// UTF-16 text without a byte-order mark.
    Utf16WithoutBom {
        /// `UTF-16LE` or `UTF-16BE`.
        encoding: String,
    },
    /// UTF-8 with a few invalid byte sequences near its start; their rows are rejected.
    DamagedUtf8 {
        /// How many invalid sequences.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        sequences: u64,
    },
    /// The encoding was guessed from few non-ASCII bytes.
    EncodingGuessed {
        /// The encoding guessed.
        encoding: String,
        /// How many non-ASCII bytes it was guessed from.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        non_ascii: u64,
    },
    /// The header row holds characters not valid in the encoding.
    HeaderNotValid {
        /// The encoding read in.
        encoding: String,
    },
    /// A sheet's data starts right of column A.
    DataStartsInColumn {
        /// The 1-based column the data starts in.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        column: u64,
    },
    /// Rows above the header (a title, blank rows) were passed over.
    SkippedAboveHeader {
        /// How many.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        count: u64,
        /// The first one's line or row.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        first: u64,
        /// The last one's line or row.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        last: u64,
        /// Whether they are a sheet's rows (else a text file's lines).
        sheet: bool,
    },
    /// A column without a header, named "Column N".
    UnnamedColumn {
        /// The 1-based column.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        column: u64,
    },
    /// A header repeated (ignoring case): the later column is numbered.
    RepeatedHeader {
        /// The header as written.
        header: String,
        /// The 1-based column renamed.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        column: u64,
        /// Its new name ("Email (2)").
        name: String,
    },
    /// The file has a header but no rows below it (said by the import, not the reader).
    NoDataRows,
}

impl fmt::Display for ReadNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadNote::XlsHoldsText => {
                f.write_str("the file has an .xls name but holds text; it was read as CSV")
            }
            ReadNote::BomNotChosen { bom, chosen } => write!(
                f,
                "the file begins with a {bom} byte-order mark but was decoded as {chosen}, as \
                 chosen"
            ),
            ReadNote::Utf16WithoutBom { encoding } => write!(
                f,
                "the file has no byte-order mark but looks like {encoding}; it was read as \
                 {encoding}"
            ),
            ReadNote::DamagedUtf8 { sequences } => write!(
                f,
                "the file is UTF-8 but has {sequences} invalid byte sequences near its start; \
                 the rows holding them are rejected"
            ),
            ReadNote::EncodingGuessed {
                encoding,
                non_ascii,
            } => write!(
                f,
                "the encoding was guessed as {encoding} from only {non_ascii} non-ASCII bytes; \
                 if names look wrong, choose the encoding"
            ),
            ReadNote::HeaderNotValid { encoding } => write!(
                f,
                "the header row has characters that are not valid {encoding}; check the encoding"
            ),
            ReadNote::DataStartsInColumn { column } => write!(
                f,
                "the sheet's data starts in column {column}; the columns to its left are empty"
            ),
            ReadNote::SkippedAboveHeader {
                count,
                first,
                last,
                sheet,
            } => {
                let unit = if *sheet { "row" } else { "line" };
                if *count == 1 {
                    write!(f, "1 row above the header ({unit} {first}) was skipped")
                } else {
                    write!(
                        f,
                        "{count} rows above the header ({unit}s {first}–{last}) were skipped"
                    )
                }
            }
            ReadNote::UnnamedColumn { column } => write!(
                f,
                "column {column} has no header; it is named \"Column {column}\""
            ),
            ReadNote::RepeatedHeader {
                header,
                column,
                name,
            } => write!(
                f,
                "the header \"{header}\" appears more than once; column {column} is named \
                 \"{name}\""
            ),
            ReadNote::NoDataRows => f.write_str("the file has a header but no data rows"),
        }
    }
}
