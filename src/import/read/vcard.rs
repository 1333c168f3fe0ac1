//! vCard files (2.1 leniently, 3.0, 4.0), one or many cards, streamed line by line: each card
//! becomes one row under a fixed, synthetic header ([`HEADERS`]).
//!
//! Handled: folded lines (a line starting with a space or tab continues the previous one),
//! 2.1's QUOTED-PRINTABLE with soft line breaks and CHARSET, escaped `\,` `\;` `\n` `\\`,
//! grouped properties (`item1.EMAIL`), quoted parameter values, pref ordering. Binary
//! properties (PHOTO, LOGO, KEY, SOUND) are passed over. A card without END:VCARD is rejected
//! at its BEGIN line; text outside any card is rejected as one row per run of lines, so
//! nothing in the file goes unmentioned.

use std::fs::File;
use std::io::{self, BufRead, BufReader};

use encoding_rs::{Encoding, UTF_8};

use super::encoding::{TextEncoding, for_label};
use super::stream::TextStream;
use super::{
    Ctx, Format, MAX_ROW_BYTES, ReadError, ReadNote, RowReason, RowStatus, Rows, Source,
    SourceInfo, SourceRow,
};
use crate::error::FileProblem;
use crate::model::Said;

/// The synthetic header of a vCard file, in this order (re-exported as `VCARD_HEADERS`).
pub const HEADERS: [&str; 20] = [
    "Full name",
    "First name",
    "Last name",
    "Email",
    "Email 2",
    "Email 3",
    "Phone",
    "Phone 2",
    "Phone 3",
    "Organization",
    "Title",
    "Street",
    "City",
    "Region",
    "Postal code",
    "Country",
    "Website",
    "Birthday",
    "Note",
    "Categories",
];

/// Whether decoded text starts (after blank space) with BEGIN:VCARD.
pub(super) fn is_vcard(sample: &[u8]) -> bool {
    let start = sample
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(sample.len());
    sample[start..]
        .get(..11)
        .is_some_and(|s| s.eq_ignore_ascii_case(b"BEGIN:VCARD"))
}

/// Opens a vCard file: counts its cards for progress, then streams them.
pub(super) fn open(
    ctx: &Ctx<'_>,
    file: File,
    enc: &TextEncoding,
    warnings: Vec<Said<ReadNote>>,
) -> Result<Source, ReadError> {
    let io_fail = |e: io::Error| ctx.error(None, FileProblem::io(&e));
    let mut counter = Lines::new(
        TextStream::new(file.try_clone().map_err(io_fail)?, enc, None).map_err(io_fail)?,
        enc.encoding,
    );
    let mut total = 0u64;
    while let Some(line) = counter.next_line().map_err(|e| lines_error(ctx, &e))? {
        if is_marker(&line.text, "BEGIN") {
            total += 1;
        }
    }
    let lines = Lines::new(
        TextStream::new(file, enc, None).map_err(io_fail)?,
        enc.encoding,
    );
    let info = SourceInfo {
        format: Format::Vcard,
        encoding: Some(enc.encoding.name().to_string()),
        encoding_detected: enc.detected,
        bom: enc.bom_len > 0,
        delimiter: None,
        sheets: Vec::new(),
        sheet: None,
        header_row: 0,
        headers: HEADERS.iter().map(|h| (*h).to_string()).collect(),
        warnings,
    };
    let rows = VcardRows {
        lines,
        total,
        done: 0,
        encoding: enc.encoding,
        path: ctx.path.display().to_string(),
    };
    Ok(Source {
        info,
        rows: Rows::Vcard(Box::new(rows)),
        ended: false,
    })
}

fn lines_error(ctx: &Ctx<'_>, e: &LineError) -> ReadError {
    ctx.error(e.line, e.reason.clone())
}

/// A failure reading lines: I/O, or a line over [`MAX_ROW_BYTES`].
struct LineError {
    line: Option<u64>,
    reason: FileProblem,
}

/// One physical line.
struct Line {
    no: u64,
    text: String,
    /// Whether it held bytes invalid in the file's encoding.
    bad: bool,
}

/// Physical lines (CR, LF or CRLF ends) with one line of look-ahead.
struct Lines {
    inner: BufReader<TextStream>,
    utf8: bool,
    no: u64,
    offset: u64,
    skip_lf: bool,
    peeked: Option<Line>,
}

impl Lines {
    fn new(stream: TextStream, encoding: &'static Encoding) -> Self {
        Lines {
            inner: BufReader::with_capacity(64 * 1024, stream),
            utf8: encoding == UTF_8,
            no: 0,
            offset: 0,
            skip_lf: false,
            peeked: None,
        }
    }

    fn peek(&mut self) -> Result<Option<&Line>, LineError> {
        if self.peeked.is_none() {
            self.peeked = self.read_line()?;
        }
        Ok(self.peeked.as_ref())
    }

    fn next_line(&mut self) -> Result<Option<Line>, LineError> {
        match self.peeked.take() {
            Some(line) => Ok(Some(line)),
            None => self.read_line(),
        }
    }

    fn read_line(&mut self) -> Result<Option<Line>, LineError> {
        let io_err = |no: u64, e: io::Error| LineError {
            line: Some(no),
            reason: FileProblem::Stopped {
                line: no,
                at: true,
                detail: e.to_string(),
            },
        };
        let no = self.no + 1;
        if self.skip_lf {
            self.skip_lf = false;
            let buf = self.inner.fill_buf().map_err(|e| io_err(no, e))?;
            if buf.first() == Some(&b'\n') {
                self.inner.consume(1);
                self.offset += 1;
            }
        }
        let start = self.offset;
        let mut bytes = Vec::new();
        loop {
            let buf = self.inner.fill_buf().map_err(|e| io_err(no, e))?;
            if buf.is_empty() {
                if bytes.is_empty() {
                    return Ok(None);
                }
                break;
            }
            match buf.iter().position(|&b| b == b'\r' || b == b'\n') {
                Some(i) => {
                    bytes.extend_from_slice(&buf[..i]);
                    self.skip_lf = buf[i] == b'\r';
                    self.inner.consume(i + 1);
                    self.offset += i as u64 + 1;
                    break;
                }
                None => {
                    let n = buf.len();
                    bytes.extend_from_slice(buf);
                    self.inner.consume(n);
                    self.offset += n as u64;
                    if bytes.len() as u64 > MAX_ROW_BYTES {
                        return Err(LineError {
                            line: Some(no),
                            reason: FileProblem::LineTooLong {
                                line: no,
                                max_megabytes: MAX_ROW_BYTES / (1024 * 1024),
                            },
                        });
                    }
                }
            }
        }
        self.no = no;
        let end = self.offset;
        let (text, bad) = if self.utf8 {
            match String::from_utf8(bytes) {
                Ok(s) => (s, false),
                Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
            }
        } else {
            let bad = self.inner.get_mut().malformed_in(start, end);
            (String::from_utf8_lossy(&bytes).into_owned(), bad)
        };
        Ok(Some(Line { no, text, bad }))
    }
}

/// `BEGIN:VCARD` / `END:VCARD`, any case, surrounding blanks ignored.
fn is_marker(text: &str, which: &str) -> bool {
    let t = text.trim();
    t.split_once(':').is_some_and(|(k, v)| {
        k.trim().eq_ignore_ascii_case(which) && v.trim().eq_ignore_ascii_case("VCARD")
    })
}

/// The cards of a vCard file.
pub(super) struct VcardRows {
    lines: Lines,
    total: u64,
    done: u64,
    encoding: &'static Encoding,
    path: String,
}

impl VcardRows {
    pub fn progress(&self) -> (u64, u64) {
        (self.done.min(self.total), self.total)
    }

    pub fn next_row(&mut self) -> Option<Result<SourceRow, ReadError>> {
        self.next_card().map_err(|e| self.error(&e)).transpose()
    }

    fn error(&self, e: &LineError) -> ReadError {
        ReadError {
            path: self.path.clone(),
            line: e.line,
            reason: Box::new(e.reason.clone().into()),
        }
    }

    fn next_card(&mut self) -> Result<Option<SourceRow>, LineError> {
        loop {
            let Some(line) = self.lines.next_line()? else {
                return Ok(None);
            };
            if line.text.trim().is_empty() {
                continue;
            }
            if is_marker(&line.text, "BEGIN") {
                self.done += 1;
                return self.card(&line).map(Some);
            }
            return self.stray(line).map(Some);
        }
    }

    /// A run of lines outside any card, up to the next BEGIN:VCARD: one rejected row.
    fn stray(&mut self, first: Line) -> Result<SourceRow, LineError> {
        let mut last = first.no;
        while let Some(next) = self.lines.peek()? {
            if is_marker(&next.text, "BEGIN") {
                break;
            }
            let blank = next.text.trim().is_empty();
            let no = next.no;
            self.lines.next_line()?;
            if !blank {
                last = no;
            }
        }
        let reason = RowReason::OutsideCard {
            first: first.no,
            last,
        };
        Ok(SourceRow {
            line: first.no,
            cells: vec![first.text],
            status: RowStatus::Reject {
                reason: reason.into(),
            },
        })
    }

    /// One card from its BEGIN line to END:VCARD.
    fn card(&mut self, begin: &Line) -> Result<SourceRow, LineError> {
        let mut card = Card::default();
        let mut bad_line = begin.bad.then_some(begin.no);
        let missing_end = loop {
            let Some(line) = self.lines.next_line()? else {
                break Some(None);
            };
            if is_marker(&line.text, "END") {
                break None;
            }
            if is_marker(&line.text, "BEGIN") {
                let next = line.no;
                self.lines.peeked = Some(line);
                break Some(Some(next));
            }
            let (text, bad) = self.unfold(line)?;
            if let Some(no) = bad {
                bad_line.get_or_insert(no);
            }
            if let Some(prop) = Property::parse(&text) {
                card.add(&prop, self.encoding);
            }
        };
        let cells = card.cells();
        let status = if let Some(next) = missing_end {
            RowStatus::Reject {
                reason: RowReason::CardNotEnded {
                    begin: begin.no,
                    next,
                }
                .into(),
            }
        } else if let Some(no) = bad_line {
            RowStatus::Reject {
                reason: RowReason::InvalidBytesOnLine {
                    encoding: self.encoding.name().to_string(),
                    line: no,
                }
                .into(),
            }
        } else if cells.iter().all(|c| c.trim().is_empty()) {
            RowStatus::Skip {
                reason: RowReason::EmptyCard.into(),
            }
        } else {
            RowStatus::Data
        };
        Ok(SourceRow {
            line: begin.no,
            cells,
            status,
        })
    }

    /// Joins the continuation lines of a property: folding (a leading space or tab) and
    /// QUOTED-PRINTABLE soft breaks (a value ending in `=`). Returns the first bad line seen.
    fn unfold(&mut self, first: Line) -> Result<(String, Option<u64>), LineError> {
        let qp = first
            .text
            .split_once(':')
            .is_some_and(|(head, _)| head.to_ascii_uppercase().contains("QUOTED-PRINTABLE"));
        let mut text = first.text;
        let mut bad = first.bad.then_some(first.no);
        while let Some(next) = self.lines.peek()? {
            let folded = next.text.starts_with([' ', '\t']);
            let soft_break = qp && text.ends_with('=');
            if !(folded || soft_break) || is_marker(&next.text, "END") {
                break;
            }
            let next = self.lines.next_line()?.expect("peeked a line");
            if soft_break {
                text.pop();
            }
            let rest = if folded {
                &next.text[1..]
            } else {
                &next.text[..]
            };
            text.push_str(rest);
            if next.bad {
                bad.get_or_insert(next.no);
            }
        }
        Ok((text, bad))
    }
}

/// One content line: `[group.]NAME[;PARAM[=VALUE]]*:VALUE`.
struct Property {
    /// Upper-case, without its group.
    name: String,
    /// (upper-case name, value); 2.1's bare parameters are TYPE, ENCODING or CHARSET values.
    params: Vec<(String, String)>,
    value: String,
}

impl Property {
    fn parse(line: &str) -> Option<Property> {
        let colon = find_unquoted(line, b':')?;
        let (head, value) = (&line[..colon], &line[colon + 1..]);
        let mut parts = split_unquoted(head, b';').into_iter();
        let name = parts.next()?.trim();
        let name = name.rsplit_once('.').map_or(name, |(_, n)| n);
        let params = parts
            .map(|p| match p.split_once('=') {
                Some((k, v)) => (
                    k.trim().to_ascii_uppercase(),
                    v.trim().trim_matches('"').to_string(),
                ),
                None => {
                    let v = p.trim().to_ascii_uppercase();
                    let k = match v.as_str() {
                        "QUOTED-PRINTABLE" | "BASE64" | "B" | "8BIT" | "7BIT" => "ENCODING",
                        _ => "TYPE",
                    };
                    (k.to_string(), v)
                }
            })
            .collect();
        Some(Property {
            name: name.to_ascii_uppercase(),
            params,
            value: value.to_string(),
        })
    }

    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn is_pref(&self) -> bool {
        self.params.iter().any(|(k, v)| {
            k == "PREF"
                || (k == "TYPE" && v.split(',').any(|t| t.trim().eq_ignore_ascii_case("pref")))
        })
    }

    /// The value as text: QUOTED-PRINTABLE decoded with its CHARSET; `None` for binary data.
    fn text(&self, file_encoding: &'static Encoding) -> Option<String> {
        match self
            .param("ENCODING")
            .map(str::to_ascii_uppercase)
            .as_deref()
        {
            Some("B" | "BASE64") => None,
            Some("QUOTED-PRINTABLE") => {
                let bytes = quoted_printable(&self.value);
                let charset = self.param("CHARSET").and_then(|l| for_label(l).ok());
                let enc = charset.unwrap_or(if std::str::from_utf8(&bytes).is_ok() {
                    UTF_8
                } else {
                    file_encoding
                });
                Some(enc.decode_without_bom_handling(&bytes).0.into_owned())
            }
            _ => Some(self.value.clone()),
        }
    }
}

fn find_unquoted(s: &str, target: u8) -> Option<usize> {
    let mut quoted = false;
    s.bytes().position(|b| {
        if b == b'"' {
            quoted = !quoted;
        }
        b == target && !quoted
    })
}

fn split_unquoted(s: &str, sep: u8) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = s;
    while let Some(i) = find_unquoted(rest, sep) {
        parts.push(&rest[..i]);
        rest = &rest[i + 1..];
    }
    parts.push(rest);
    parts
}

/// `=XX` escapes to bytes; anything malformed is kept as it is.
fn quoted_printable(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'='
            && let Some(hex) = b.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(std::str::from_utf8(hex).unwrap_or("x"), 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

/// Splits on unescaped `sep` and unescapes each part (`\n`, `\,`, `\;`, `\\`).
fn split_escaped(s: &str, sep: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        let part = parts.last_mut().expect("never empty");
        match c {
            '\\' => match chars.next() {
                Some('n' | 'N') => part.push('\n'),
                Some(e @ (',' | ';' | '\\' | ':')) => part.push(e),
                Some(other) => {
                    part.push('\\');
                    part.push(other);
                }
                None => part.push('\\'),
            },
            c if c == sep => parts.push(String::new()),
            c => part.push(c),
        }
    }
    parts
}

fn unescape(s: &str) -> String {
    split_escaped(s, '\0').concat()
}

/// What one card says, gathered property by property.
#[derive(Default)]
struct Card {
    full_name: String,
    name: Vec<String>,
    emails: Vec<(bool, String)>,
    phones: Vec<(bool, String)>,
    org: String,
    title: String,
    role: String,
    address: Option<(bool, Vec<String>)>,
    urls: Vec<String>,
    birthday: String,
    notes: Vec<String>,
    categories: Vec<String>,
}

impl Card {
    fn add(&mut self, prop: &Property, file_encoding: &'static Encoding) {
        let Some(value) = prop.text(file_encoding) else {
            return;
        };
        let pref = prop.is_pref();
        let text = || unescape(value.trim());
        match prop.name.as_str() {
            "FN" => self.full_name = text(),
            "N" => self.name = split_escaped(value.trim(), ';'),
            "EMAIL" => push_nonempty(&mut self.emails, pref, text()),
            "TEL" => push_nonempty(&mut self.phones, pref, text()),
            "ORG" => {
                self.org = join_nonempty(&split_escaped(value.trim(), ';'), ", ");
            }
            "TITLE" => self.title = text(),
            "ROLE" => self.role = text(),
            "ADR" => {
                let parts = split_escaped(value.trim(), ';');
                let replace = match &self.address {
                    None => true,
                    Some((had_pref, _)) => pref && !had_pref,
                };
                if replace && parts.iter().any(|p| !p.trim().is_empty()) {
                    self.address = Some((pref, parts));
                }
            }
            "URL" => {
                let url = text();
                if !url.is_empty() {
                    self.urls.push(url);
                }
            }
            "BDAY" => self.birthday = birthday(&text()),
            "NOTE" => {
                let note = text();
                if !note.is_empty() {
                    self.notes.push(note);
                }
            }
            "CATEGORIES" => self.categories.extend(
                split_escaped(value.trim(), ',')
                    .into_iter()
                    .map(|c| c.trim().to_string())
                    .filter(|c| !c.is_empty()),
            ),
            _ => {}
        }
    }

    /// The 20 cells under [`HEADERS`].
    fn cells(mut self) -> Vec<String> {
        let part = |v: &[String], i: usize| v.get(i).map_or("", |s| s.trim()).to_string();
        let (family, given, middle) = (
            part(&self.name, 0),
            part(&self.name, 1),
            part(&self.name, 2),
        );
        let first = join_nonempty(&[given.clone(), middle.clone()], " ");
        let full = if self.full_name.trim().is_empty() {
            join_nonempty(
                &[
                    part(&self.name, 3),
                    given,
                    middle,
                    family.clone(),
                    part(&self.name, 4),
                ],
                " ",
            )
        } else {
            self.full_name.trim().to_string()
        };
        // Preferred first, otherwise in file order (the sort is stable).
        self.emails.sort_by_key(|(pref, _)| !pref);
        self.phones.sort_by_key(|(pref, _)| !pref);
        let [e1, e2, e3] = three(&self.emails);
        let [p1, p2, p3] = three(&self.phones);
        let adr = self.address.map(|(_, a)| a).unwrap_or_default();
        let street = join_nonempty(&[part(&adr, 0), part(&adr, 1), part(&adr, 2)], ", ");
        let title = if self.title.is_empty() {
            self.role
        } else {
            self.title
        };
        vec![
            full,
            first,
            family,
            e1,
            e2,
            e3,
            p1,
            p2,
            p3,
            self.org,
            title,
            street,
            part(&adr, 3),
            part(&adr, 4),
            part(&adr, 5),
            part(&adr, 6),
            self.urls.join("; "),
            self.birthday,
            self.notes.join("\n"),
            self.categories.join(", "),
        ]
    }
}

fn push_nonempty(list: &mut Vec<(bool, String)>, pref: bool, value: String) {
    if !value.is_empty() {
        list.push((pref, value));
    }
}

fn join_nonempty(parts: &[String], sep: &str) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(sep)
}

/// The first, second, and all the rest joined by "; " so nothing is dropped.
fn three(values: &[(bool, String)]) -> [String; 3] {
    let get = |i: usize| values.get(i).map(|(_, v)| v.clone()).unwrap_or_default();
    let rest = values
        .iter()
        .skip(2)
        .map(|(_, v)| v.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    [get(0), get(1), rest]
}

/// `YYYYMMDD` and `YYYY-MM-DD[Thh…]` to `YYYY-MM-DD`; `--MMDD` to `--MM-DD`; else as written.
fn birthday(s: &str) -> String {
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    let date = s.split(['T', 't']).next().unwrap_or(s);
    if !date.is_ascii() {
        return s.to_string();
    }
    if date.len() == 8 && digits(date) {
        format!("{}-{}-{}", &date[..4], &date[4..6], &date[6..])
    } else if date.len() == 10
        && digits(&date[..4])
        && date.as_bytes()[4] == b'-'
        && date.as_bytes()[7] == b'-'
    {
        date.to_string()
    } else if date.len() == 6 && date.starts_with("--") && digits(&date[2..]) {
        format!("--{}-{}", &date[2..4], &date[4..])
    } else {
        s.to_string()
    }
}
