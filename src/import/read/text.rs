//! Delimited text (CSV, TSV, semicolon- or pipe-separated): delimiter and header detection over
//! a decoded sample, then a streamed read with the `csv` crate over a [`TextStream`], reusing
//! one `ByteRecord`.

use std::fs::File;
use std::io::{self, Read};

use csv::ByteRecord;

use super::encoding::TextEncoding;
use super::stream::{RowTooLong, TextStream};
use super::{
    Ctx, Format, HEADER_SCAN_ROWS, MAX_COLUMNS, ReadError, ReadNote, RowReason, RowStatus, Rows,
    Source, SourceInfo, SourceRow, find_header, name_columns, shape, skipped_above,
};
use crate::error::FileProblem;
use crate::model::Said;

/// How many decoded bytes at the top of the file are used to detect the delimiter and header.
const SAMPLE_BYTES: usize = 128 * 1024;

/// How many records of the sample the delimiter detection compares.
const DELIMITER_SCAN_ROWS: usize = 50;

/// The delimiters tried, in order of preference when they score the same.
const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// The first decoded bytes of a text file.
pub(super) struct Sample {
    /// UTF-8 text (malformed input already replaced).
    pub bytes: Vec<u8>,
    /// Whether the sample is the whole file.
    pub complete: bool,
}

/// Decodes the first [`SAMPLE_BYTES`] of the file.
pub(super) fn sample(file: &File, enc: &TextEncoding) -> io::Result<Sample> {
    let mut stream = TextStream::new(file.try_clone()?, enc, None)?;
    let mut bytes = Vec::with_capacity(SAMPLE_BYTES);
    stream
        .by_ref()
        .take(SAMPLE_BYTES as u64)
        .read_to_end(&mut bytes)?;
    let complete = bytes.len() < SAMPLE_BYTES || stream.read(&mut [0u8; 1])? == 0;
    Ok(Sample { bytes, complete })
}

/// The records of the sample split with `delimiter`, without a last one the sample may have
/// cut short.
fn sample_records(sample: &Sample, delimiter: u8, limit: usize) -> Vec<Vec<String>> {
    let mut rdr = reader_builder(delimiter).from_reader(&sample.bytes[..]);
    let mut rows = Vec::new();
    let mut rec = ByteRecord::new();
    while rows.len() <= limit && rdr.read_byte_record(&mut rec).unwrap_or(false) {
        rows.push(
            rec.iter()
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect(),
        );
    }
    // Stopped by the end of an incomplete sample rather than by the limit: the last record
    // may be cut short.
    if rows.len() <= limit && !sample.complete && rows.len() > 1 {
        rows.pop();
    }
    rows.truncate(limit);
    rows
}

/// The delimiter whose field counts agree best over the first records (quotes respected),
/// preferring more fields on a tie; a single-column file gets ',' (or tab for `.tsv`).
fn detect_delimiter(sample: &Sample, ext: &str) -> u8 {
    let tab_first = matches!(ext, "tsv" | "tab");
    let mut order = DELIMITERS;
    if tab_first {
        order = [b'\t', b',', b';', b'|'];
    }
    let mut best: Option<(u8, usize, usize, usize)> = None; // (delimiter, agree, total, fields)
    for d in order {
        let rows = sample_records(sample, d, DELIMITER_SCAN_ROWS);
        let counts: Vec<usize> = rows
            .iter()
            .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
            .map(Vec::len)
            .collect();
        let Some((fields, agree)) = mode(&counts) else {
            continue;
        };
        if fields < 2 {
            continue;
        }
        let total = counts.len();
        let better = match best {
            None => true,
            // agree/total > b_agree/b_total, or equal and more fields.
            Some((_, b_agree, b_total, b_fields)) => {
                let (l, r) = (agree * b_total, b_agree * total);
                l > r || (l == r && fields > b_fields)
            }
        };
        if better {
            best = Some((d, agree, total, fields));
        }
    }
    best.map_or(if tab_first { b'\t' } else { b',' }, |b| b.0)
}

/// The most frequent value and how often it occurs (the larger value on a tie).
fn mode(values: &[usize]) -> Option<(usize, usize)> {
    let mut counts = std::collections::BTreeMap::new();
    for &v in values {
        *counts.entry(v).or_insert(0usize) += 1;
    }
    counts.into_iter().max_by_key(|&(v, n)| (n, v))
}

fn reader_builder(delimiter: u8) -> csv::ReaderBuilder {
    let mut b = csv::ReaderBuilder::new();
    b.has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .buffer_capacity(64 * 1024);
    b
}

/// Opens a delimited text file: delimiter, header row, then the row stream.
pub(super) fn open(
    ctx: &Ctx<'_>,
    file: File,
    enc: &TextEncoding,
    sample: &Sample,
    mut warnings: Vec<Said<ReadNote>>,
) -> Result<Source, ReadError> {
    let io_fail = |e: io::Error| ctx.error(None, FileProblem::io(&e));
    let delimiter = match ctx.opts.delimiter {
        Some(d) => d as u8,
        None => detect_delimiter(sample, ctx.ext),
    };
    let header_index = match ctx.opts.header_row {
        Some(_) => None,
        None => {
            Some(find_header(&sample_records(sample, delimiter, HEADER_SCAN_ROWS)).unwrap_or(0))
        }
    };
    let stream = TextStream::new(file, enc, Some(delimiter)).map_err(io_fail)?;
    let mut rows = TextRows {
        rdr: reader_builder(delimiter).from_reader(stream),
        rec: ByteRecord::new(),
        width: 0,
        encoding: enc.encoding.name(),
        size: ctx.size,
        path: ctx.path.display().to_string(),
    };

    // Pass over the rows above the header.
    let mut skipped = (0usize, 0u64, 0u64);
    let mut index = 0usize;
    let header_line = loop {
        let read = rows.rdr.read_byte_record(&mut rows.rec);
        if !read.map_err(|e| rows.csv_error(e))? {
            return Err(match ctx.opts.header_row {
                Some(n) => ctx.error(None, FileProblem::HeaderPastEnd { row: n }),
                None => ctx.error(None, FileProblem::OnlyBlankLines),
            });
        }
        let start = rows.rec.position().map_or(0, |p| p.byte());
        let line = rows.tracker().line_of(start);
        let is_header = match ctx.opts.header_row {
            Some(n) if line == n => true,
            Some(n) if line > n => {
                return Err(ctx.error(
                    Some(n),
                    FileProblem::HeaderLineNotRow {
                        line: n,
                        next: line,
                    },
                ));
            }
            Some(_) => false,
            None => Some(index) == header_index,
        };
        if is_header {
            break line;
        }
        if skipped.0 == 0 {
            skipped.1 = line;
        }
        skipped.0 += 1;
        skipped.2 = line;
        index += 1;
    };
    let mut raw: Vec<String> = rows
        .rec
        .iter()
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .collect();
    while raw.last().is_some_and(|c| c.trim().is_empty()) {
        raw.pop();
    }
    if raw.is_empty() {
        return Err(ctx.error(Some(header_line), FileProblem::HeaderEmpty));
    }
    if raw.len() > MAX_COLUMNS {
        return Err(ctx.error(
            Some(header_line),
            FileProblem::TooManyColumns {
                columns: raw.len() as u64,
                max_columns: MAX_COLUMNS as u64,
            },
        ));
    }
    if raw
        .iter()
        .any(|c| c.contains('\u{FFFD}') || c.contains('\0'))
    {
        warnings.push(
            ReadNote::HeaderNotValid {
                encoding: enc.encoding.name().to_string(),
            }
            .into(),
        );
    }
    warnings.extend(skipped_above(skipped.0, skipped.1, skipped.2, false));
    let headers = name_columns(raw, &mut warnings);
    rows.width = headers.len();
    let info = SourceInfo {
        format: Format::Csv,
        encoding: Some(enc.encoding.name().to_string()),
        encoding_detected: enc.detected,
        bom: enc.bom_len > 0,
        delimiter: Some(delimiter as char),
        sheets: Vec::new(),
        sheet: None,
        header_row: header_line,
        headers,
        warnings,
    };
    Ok(Source {
        info,
        rows: Rows::Text(Box::new(rows)),
        ended: false,
    })
}

/// The rows of a delimited text file after its header.
pub(super) struct TextRows {
    rdr: csv::Reader<TextStream>,
    rec: ByteRecord,
    width: usize,
    encoding: &'static str,
    size: u64,
    path: String,
}

impl TextRows {
    fn tracker(&mut self) -> &mut super::stream::Tracker {
        self.rdr
            .get_mut()
            .tracker
            .as_mut()
            .expect("a CSV stream always has a tracker")
    }

    pub fn progress(&self) -> (u64, u64) {
        (self.rdr.get_ref().consumed().min(self.size), self.size)
    }

    pub fn next_row(&mut self) -> Option<Result<SourceRow, ReadError>> {
        match self.rdr.read_byte_record(&mut self.rec) {
            Ok(false) => None,
            Ok(true) => Some(Ok(self.row())),
            Err(e) => Some(Err(self.csv_error(e))),
        }
    }

    fn row(&mut self) -> SourceRow {
        let start = self.rec.position().map_or(0, |p| p.byte());
        let end = self.rdr.position().byte();
        let line = self.tracker().line_of(start);
        let unclosed = self.tracker().unclosed_in(start, end);
        let last_line = self.tracker().last_content_line;
        let malformed = self.rdr.get_mut().malformed_in(start, end);

        let has_nul = self.rec.as_slice().contains(&0);
        let mut invalid = Vec::new();
        let mut nul = Vec::new();
        let mut cells = Vec::with_capacity(self.rec.len().max(self.width));
        for (i, field) in self.rec.iter().enumerate() {
            if has_nul && field.contains(&0) {
                nul.push(i + 1);
            }
            let cell = match std::str::from_utf8(field) {
                Ok(s) => {
                    if malformed && s.contains('\u{FFFD}') {
                        invalid.push(i + 1);
                    }
                    s.to_owned()
                }
                Err(_) => {
                    invalid.push(i + 1);
                    String::from_utf8_lossy(field).into_owned()
                }
            };
            cells.push(cell);
        }

        let numbers = |list: &[usize]| list.iter().map(|&c| c as u64).collect();
        let reject = if let Some(quote_line) = unclosed {
            Some(RowReason::UnclosedQuote {
                opened: quote_line,
                last: last_line,
            })
        } else if !invalid.is_empty() {
            Some(RowReason::InvalidBytes {
                encoding: self.encoding.to_string(),
                columns: numbers(&invalid),
            })
        } else if !nul.is_empty() {
            Some(RowReason::NulByte {
                columns: numbers(&nul),
            })
        } else {
            None
        };
        if let Some(reason) = reject {
            return SourceRow {
                line,
                cells,
                status: RowStatus::Reject {
                    reason: reason.into(),
                },
            };
        }
        let (cells, status) = shape(cells, self.width);
        SourceRow {
            line,
            cells,
            status,
        }
    }

    fn csv_error(&mut self, e: csv::Error) -> ReadError {
        let line = self.tracker().line();
        let stopped = |detail: String| FileProblem::Stopped {
            line,
            at: false,
            detail,
        };
        let (line, problem) = match e.into_kind() {
            csv::ErrorKind::Io(io) => match io.get_ref().and_then(|i| i.downcast_ref()) {
                Some(too_long @ RowTooLong { line, .. }) => (*line, too_long.problem()),
                None => (line, stopped(io.to_string())),
            },
            other => (line, stopped(format!("{other:?}"))),
        };
        ReadError {
            path: self.path.clone(),
            line: Some(line),
            reason: Box::new(problem.into()),
        }
    }
}
