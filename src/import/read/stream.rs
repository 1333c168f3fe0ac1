//! A text file as a stream of UTF-8 bytes, with the bookkeeping the CSV reader cannot do.
//!
//! [`TextStream`] reads the file after its byte-order mark in fixed-size chunks (memory does
//! not grow with the file). A UTF-8 file passes through untouched, and its bytes are checked
//! cell by cell later; any other encoding is decoded to UTF-8 here, and each malformed byte
//! sequence becomes U+FFFD with its offset remembered, so a row holding one can be rejected
//! (and a genuine U+FFFD in the file is not mistaken for one).
//!
//! For CSV, a [`Tracker`] watches the bytes as they pass to the `csv` crate, which counts
//! only `\n` as a line end (so an old Mac file, CR only, would be all "line 1") and silently
//! reads an unclosed quote to the end of the file. The tracker counts CR, LF and CRLF line
//! ends, remembers where each line that starts with content begins (a record always begins
//! at such a line), and follows the quoting exactly as `csv_core` does for the chosen
//! delimiter, so it knows when a quote is still open at the end of the file and where it
//! opened. It also caps a row's length ([`MAX_ROW_BYTES`]).

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};

use encoding_rs::{Decoder, DecoderResult, UTF_8};

use super::MAX_ROW_BYTES;
use super::encoding::TextEncoding;
use crate::error::FileProblem;

const CHUNK: usize = 64 * 1024;

/// U+FFFD REPLACEMENT CHARACTER in UTF-8.
const REPLACEMENT: &[u8] = "\u{FFFD}".as_bytes();

/// The file's text as UTF-8 bytes, read in chunks.
pub(super) struct TextStream {
    file: File,
    decode: Option<Decoding>,
    /// File bytes read so far, the byte-order mark included (for progress).
    consumed: u64,
    /// UTF-8 bytes handed out so far.
    pos: u64,
    /// Offsets (in the UTF-8 stream) of the U+FFFD put in place of malformed bytes, not yet
    /// claimed by a row.
    malformed: VecDeque<u64>,
    /// Line and quote bookkeeping, for CSV.
    pub tracker: Option<Tracker>,
    ended: bool,
}

/// Decoding state for a file that is not UTF-8.
struct Decoding {
    decoder: Decoder,
    raw: Box<[u8]>,
    raw_pos: usize,
    raw_len: usize,
    raw_eof: bool,
    out: Box<[u8]>,
    out_pos: usize,
    out_len: usize,
    /// A U+FFFD that did not fit at the end of `out` and goes first next time.
    pending_replacement: bool,
    flushed: bool,
}

impl TextStream {
    /// A stream over `file` from just after its byte-order mark; `delimiter` turns on the CSV
    /// tracker.
    pub fn new(mut file: File, enc: &TextEncoding, delimiter: Option<u8>) -> io::Result<Self> {
        file.seek(SeekFrom::Start(enc.bom_len))?;
        let decode = (enc.encoding != UTF_8).then(|| Decoding {
            decoder: enc.encoding.new_decoder_without_bom_handling(),
            raw: vec![0; CHUNK].into_boxed_slice(),
            raw_pos: 0,
            raw_len: 0,
            raw_eof: false,
            out: vec![0; CHUNK * 2].into_boxed_slice(),
            out_pos: 0,
            out_len: 0,
            pending_replacement: false,
            flushed: false,
        });
        Ok(TextStream {
            file,
            decode,
            consumed: enc.bom_len,
            pos: 0,
            malformed: VecDeque::new(),
            tracker: delimiter.map(Tracker::new),
            ended: false,
        })
    }

    /// File bytes read so far, for progress.
    pub fn consumed(&self) -> u64 {
        self.consumed
    }

    /// Whether malformed bytes were decoded in `[start, end)` of the UTF-8 stream. Claims
    /// (forgets) every record before `end`, so calls must come in stream order.
    pub fn malformed_in(&mut self, start: u64, end: u64) -> bool {
        while self.malformed.front().is_some_and(|&o| o < start) {
            self.malformed.pop_front();
        }
        let mut hit = false;
        while self.malformed.front().is_some_and(|&o| o < end) {
            self.malformed.pop_front();
            hit = true;
        }
        hit
    }

    fn read_decoded(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let Some(d) = self.decode.as_mut() else {
            return Ok(0);
        };
        loop {
            if d.out_pos < d.out_len {
                let n = (d.out_len - d.out_pos).min(buf.len());
                buf[..n].copy_from_slice(&d.out[d.out_pos..d.out_pos + n]);
                d.out_pos += n;
                return Ok(n);
            }
            if d.flushed {
                return Ok(0);
            }
            // Everything decoded so far has been handed out: `self.pos` is where `out` starts.
            d.out_pos = 0;
            d.out_len = 0;
            if d.pending_replacement {
                d.out[..REPLACEMENT.len()].copy_from_slice(REPLACEMENT);
                d.out_len = REPLACEMENT.len();
                self.malformed.push_back(self.pos);
                d.pending_replacement = false;
            }
            if d.raw_pos == d.raw_len && !d.raw_eof {
                let n = self.file.read(&mut d.raw)?;
                self.consumed += n as u64;
                d.raw_pos = 0;
                d.raw_len = n;
                d.raw_eof = n == 0;
            }
            let last = d.raw_eof;
            let (result, read, written) = d.decoder.decode_to_utf8_without_replacement(
                &d.raw[d.raw_pos..d.raw_len],
                &mut d.out[d.out_len..],
                last,
            );
            d.raw_pos += read;
            d.out_len += written;
            match result {
                DecoderResult::InputEmpty => d.flushed = last,
                DecoderResult::OutputFull => {}
                DecoderResult::Malformed(_, _) => {
                    if d.out.len() - d.out_len >= REPLACEMENT.len() {
                        d.out[d.out_len..d.out_len + REPLACEMENT.len()]
                            .copy_from_slice(REPLACEMENT);
                        self.malformed.push_back(self.pos + d.out_len as u64);
                        d.out_len += REPLACEMENT.len();
                    } else {
                        d.pending_replacement = true;
                    }
                }
            }
        }
    }
}

impl Read for TextStream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() || self.ended {
            return Ok(0);
        }
        let n = if self.decode.is_some() {
            self.read_decoded(buf)?
        } else {
            let n = self.file.read(buf)?;
            self.consumed += n as u64;
            n
        };
        if let Some(t) = self.tracker.as_mut() {
            if n == 0 {
                t.finish();
            } else {
                t.scan(&buf[..n], self.pos)?;
            }
        }
        self.ended = n == 0;
        self.pos += n as u64;
        Ok(n)
    }
}

/// Where the CSV quoting stands, as `csv_core` sees it with double-quote escaping.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Quoting {
    /// At the start of a field (or of a record).
    FieldStart,
    /// Inside a field that did not start with a quote.
    Unquoted,
    /// Inside a quoted field.
    Quoted,
    /// Just after a quote inside a quoted field: a second quote is a literal one.
    AfterQuote,
}

/// A row longer than [`MAX_ROW_BYTES`], carried through `csv`'s I/O error.
#[derive(Debug)]
pub(super) struct RowTooLong {
    /// The line the row began on.
    pub line: u64,
    /// The line a still-open quote opened on, if the row is inside one.
    pub quote_line: Option<u64>,
}

impl RowTooLong {
    /// The refusal it ends the read with.
    pub fn problem(&self) -> FileProblem {
        FileProblem::RowTooLong {
            line: self.line,
            max_megabytes: MAX_ROW_BYTES / (1024 * 1024),
            quote_line: self.quote_line,
        }
    }
}

impl std::fmt::Display for RowTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.problem().fmt(f)
    }
}

impl std::error::Error for RowTooLong {}

/// Line ends, line starts and quoting of the CSV text passing through a [`TextStream`].
pub(super) struct Tracker {
    delimiter: u8,
    /// The bytes that can change the line or quoting state: CR, LF, quote, delimiter.
    special: [bool; 256],
    /// The line the next byte is on.
    line: u64,
    at_line_start: bool,
    after_cr: bool,
    /// (offset, line) of each line that starts with something other than a line end, not
    /// yet claimed by a record.
    starts: VecDeque<(u64, u64)>,
    quoting: Quoting,
    /// Offset and line of the quote that opened the current (or last) quoted field.
    quote_at: (u64, u64),
    row_bytes: u64,
    row_line: u64,
    /// The last line that has anything on it.
    pub last_content_line: u64,
    /// Set at the end of the input when a quoted field is still open: where it opened.
    pub unclosed: Option<(u64, u64)>,
}

impl Tracker {
    fn new(delimiter: u8) -> Self {
        let mut special = [false; 256];
        for b in [b'\r', b'\n', b'"', delimiter] {
            special[usize::from(b)] = true;
        }
        Tracker {
            delimiter,
            special,
            line: 1,
            at_line_start: true,
            after_cr: false,
            starts: VecDeque::new(),
            quoting: Quoting::FieldStart,
            quote_at: (0, 0),
            row_bytes: 0,
            row_line: 1,
            last_content_line: 0,
            unclosed: None,
        }
    }

    /// The 1-based line on which the record whose bytes start at `start` begins: the first
    /// line with content at or after `start` (`csv` counts blank lines it skips into the
    /// record's start). Claims every line before it, so calls must come in stream order.
    pub fn line_of(&mut self, start: u64) -> u64 {
        while self.starts.front().is_some_and(|&(o, _)| o < start) {
            self.starts.pop_front();
        }
        self.starts.front().map_or(self.line, |&(_, l)| l)
    }

    /// The line the next byte is on.
    pub fn line(&self) -> u64 {
        self.line
    }

    fn scan(&mut self, chunk: &[u8], base: u64) -> io::Result<()> {
        let d = self.delimiter;
        let table = &self.special;
        let special = |b: u8| table[usize::from(b)];
        let mut i = 0;
        while i < chunk.len() {
            let b = chunk[i];
            let here = self.line;
            if self.row_bytes == 0 {
                self.row_line = here;
            }
            if !special(b) {
                // A run of ordinary bytes: only its first can start a line, and it moves the
                // quoting the same way whatever its length.
                self.after_cr = false;
                if self.at_line_start {
                    self.at_line_start = false;
                    self.starts.push_back((base + i as u64, here));
                }
                let run = chunk[i..]
                    .iter()
                    .position(|&c| special(c))
                    .unwrap_or(chunk.len() - i);
                self.last_content_line = here;
                self.row_bytes += run as u64;
                self.quoting = match self.quoting {
                    Quoting::FieldStart | Quoting::Unquoted | Quoting::AfterQuote => {
                        Quoting::Unquoted
                    }
                    Quoting::Quoted => Quoting::Quoted,
                };
                i += run;
            } else {
                let line_end = b == b'\r' || b == b'\n';
                if line_end {
                    if !(b == b'\n' && self.after_cr) {
                        self.line += 1;
                        self.at_line_start = true;
                    }
                    self.after_cr = b == b'\r';
                } else {
                    self.after_cr = false;
                    self.last_content_line = here;
                    if self.at_line_start {
                        self.at_line_start = false;
                        self.starts.push_back((base + i as u64, here));
                    }
                }
                self.row_bytes += 1;
                self.quoting = match self.quoting {
                    Quoting::FieldStart | Quoting::Unquoted | Quoting::AfterQuote if line_end => {
                        self.row_bytes = 0;
                        Quoting::FieldStart
                    }
                    Quoting::FieldStart if b == b'"' => {
                        self.quote_at = (base + i as u64, here);
                        Quoting::Quoted
                    }
                    Quoting::FieldStart | Quoting::Unquoted | Quoting::AfterQuote if b == d => {
                        Quoting::FieldStart
                    }
                    Quoting::FieldStart | Quoting::Unquoted => Quoting::Unquoted,
                    Quoting::Quoted if b == b'"' => Quoting::AfterQuote,
                    Quoting::Quoted => Quoting::Quoted,
                    Quoting::AfterQuote if b == b'"' => Quoting::Quoted,
                    Quoting::AfterQuote => Quoting::Unquoted,
                };
                i += 1;
            }
            if self.row_bytes > MAX_ROW_BYTES {
                return Err(io::Error::other(RowTooLong {
                    line: self.row_line,
                    quote_line: (self.quoting == Quoting::Quoted).then_some(self.quote_at.1),
                }));
            }
        }
        Ok(())
    }

    fn finish(&mut self) {
        if self.quoting == Quoting::Quoted {
            self.unclosed = Some(self.quote_at);
        }
    }

    /// When a quote left open at the end of the file lies in `[start, end)`: the line it
    /// opened on.
    pub fn unclosed_in(&self, start: u64, end: u64) -> Option<u64> {
        self.unclosed
            .filter(|&(offset, _)| offset >= start && offset < end)
            .map(|(_, line)| line)
    }
}
