//! Which character encoding a text file is in: a byte-order mark, UTF-16 without one, binary
//! data (refused), UTF-8, and otherwise chardetng's guess; or the user's override.
//!
//! Detection reads a bounded amount: the first 64 KiB for the byte-order mark, UTF-16 and
//! binary checks, then a fast ASCII scan up to the first non-ASCII byte, and from there a
//! window of [`WINDOW`] bytes that decides between UTF-8 (valid there) and chardetng's guess.
//! Starting the window at the first non-ASCII byte rather than at the top of the file means a
//! file whose first thousands of rows are plain ASCII is still judged on its accented or CJK
//! names; bounding it keeps opening a 100 MB file quick. A file that is valid UTF-8 in the
//! window but not later is read as UTF-8, and its bad rows are rejected with "invalid bytes
//! for UTF-8".

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE};

use super::ReadNote;
use crate::error::FileProblem;
use crate::model::Said;

/// How many bytes from the first non-ASCII byte decide the encoding.
const WINDOW: usize = 256 * 1024;

/// Below this many non-ASCII bytes, a chardetng guess is reported as low-confidence.
const FEW_NON_ASCII: usize = 32;

/// The encoding a text file is read with.
pub(super) struct TextEncoding {
    /// What decodes the bytes after the byte-order mark.
    pub encoding: &'static Encoding,
    /// Length of the byte-order mark skipped at the start (0 when there is none).
    pub bom_len: u64,
    /// false when the user's override chose the encoding.
    pub detected: bool,
    /// What the user should know about the choice.
    pub warnings: Vec<Said<ReadNote>>,
}

/// The encoding for a user's label, or a reason naming the label and giving examples.
pub(super) fn for_label(label: &str) -> Result<&'static Encoding, FileProblem> {
    match Encoding::for_label(label.trim().as_bytes()) {
        Some(enc) if enc != REPLACEMENT => Ok(enc),
        _ => Err(FileProblem::UnknownEncoding {
            label: label.to_string(),
        }),
    }
}

/// Decides the encoding of a text file whose first bytes are `head` (the whole file when it
/// is shorter than 64 KiB). `file` is read further when needed; its position is left anywhere.
pub(super) fn detect(
    file: &mut File,
    head: &[u8],
    size: u64,
    label: Option<&str>,
) -> Result<TextEncoding, FileProblem> {
    if head.starts_with(&[0xFF, 0xFE, 0, 0]) || head.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(FileProblem::Utf32);
    }
    let (bom_enc, bom_len) = bom(head);
    let mut warnings = Vec::new();
    if let Some(label) = label {
        let encoding = for_label(label)?;
        if let Some(b) = bom_enc
            && b != encoding
        {
            warnings.push(
                ReadNote::BomNotChosen {
                    bom: b.name().to_string(),
                    chosen: encoding.name().to_string(),
                }
                .into(),
            );
        }
        return Ok(TextEncoding {
            encoding,
            bom_len,
            detected: false,
            warnings,
        });
    }
    if let Some(encoding) = bom_enc {
        return Ok(TextEncoding {
            encoding,
            bom_len,
            detected: true,
            warnings,
        });
    }
    if let Some(encoding) = utf16_without_bom(head) {
        warnings.push(
            ReadNote::Utf16WithoutBom {
                encoding: encoding.name().to_string(),
            }
            .into(),
        );
        return Ok(TextEncoding {
            encoding,
            bom_len: 0,
            detected: true,
            warnings,
        });
    }
    if let Some(at) = binary_at(head) {
        return Err(FileProblem::NotText { byte: at as u64 });
    }
    let encoding = guess(file, head, size, &mut warnings).map_err(|e| FileProblem::io(&e))?;
    Ok(TextEncoding {
        encoding,
        bom_len: 0,
        detected: true,
        warnings,
    })
}

/// The encoding named by a byte-order mark, and the mark's length.
fn bom(head: &[u8]) -> (Option<&'static Encoding>, u64) {
    match Encoding::for_bom(head) {
        Some((enc, len)) => (Some(enc), len as u64),
        None => (None, 0),
    }
}

/// UTF-16 without a byte-order mark, told by mostly-ASCII text having a zero in every other
/// byte. (UTF-16 made only of CJK characters has few zeros and is not recognised: such files
/// nearly always carry a byte-order mark, as Excel's "Unicode Text" does.)
fn utf16_without_bom(head: &[u8]) -> Option<&'static Encoding> {
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut zero_hi, mut zero_lo) = (0usize, 0usize);
    for p in head.chunks_exact(2) {
        match (p[0] == 0, p[1] == 0) {
            (false, true) => zero_hi += 1,
            (true, false) => zero_lo += 1,
            _ => {}
        }
    }
    if zero_hi * 10 >= pairs * 3 && zero_lo * 20 <= pairs {
        Some(UTF_16LE)
    } else if zero_lo * 10 >= pairs * 3 && zero_hi * 20 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Control bytes that never occur in text (tab, line ends, form feed, vertical tab and escape
/// do).
fn is_binary_byte(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0E..=0x1A | 0x1C..=0x1F)
}

/// The offset of the first binary byte when `head` is not text: a known binary signature
/// (images, PDF, archives, executables), or more than 2% control bytes. A few stray NUL bytes
/// in a text file are not enough: those rows are rejected one by one instead.
pub(super) fn binary_at(head: &[u8]) -> Option<usize> {
    const MAGIC: &[&[u8]] = &[
        b"\x89PNG\r\n\x1a\n",
        b"GIF87a",
        b"GIF89a",
        b"\xFF\xD8\xFF",
        b"%PDF-",
        b"\x1F\x8B",
        b"BZh9",
        b"\x7FELF",
        b"Rar!\x1A\x07",
        b"7z\xBC\xAF\x27\x1C",
        b"\x28\xB5\x2F\xFD",
        b"\xFD7zXZ\x00",
    ];
    if bom(head).0.is_some() || utf16_without_bom(head).is_some() {
        return None;
    }
    let first = head.iter().position(|&b| is_binary_byte(b));
    if MAGIC.iter().any(|m| head.starts_with(m)) {
        return Some(first.unwrap_or(0));
    }
    let first = first?;
    let count = head.iter().filter(|&&b| is_binary_byte(b)).count();
    (count >= 8 && count * 50 > head.len()).then_some(first)
}

/// UTF-8 when the text is valid UTF-8 from its first non-ASCII byte on (or pure ASCII);
/// otherwise chardetng's guess over the same window.
fn guess(
    file: &mut File,
    head: &[u8],
    size: u64,
    warnings: &mut Vec<Said<ReadNote>>,
) -> io::Result<&'static Encoding> {
    let Some(first) = first_non_ascii(file, head, size)? else {
        return Ok(UTF_8);
    };
    // Bytes before `first` are ASCII, so any start at or before it is a character boundary;
    // a little ASCII context helps chardetng score the first characters.
    let start = first.saturating_sub(64);
    file.seek(SeekFrom::Start(start))?;
    let mut window = Vec::with_capacity(WINDOW);
    file.take(WINDOW as u64).read_to_end(&mut window)?;
    let at_eof = start + window.len() as u64 >= size;
    let (valid, invalid) = utf8_sequences(&window, at_eof);
    if invalid == 0 {
        return Ok(UTF_8);
    }
    // Mostly UTF-8 with a few damaged bytes: reading it as anything else would garble every
    // accented name, while UTF-8 rejects only the damaged rows. Legacy-encoded text seldom
    // forms valid multi-byte UTF-8 by chance (Windows-1252 almost never; GBK, Big5 and
    // Shift_JIS for well under half of their characters), so 80% valid is a safe bar.
    if valid >= 4 * invalid {
        warnings.push(
            ReadNote::DamagedUtf8 {
                sequences: invalid as u64,
            }
            .into(),
        );
        return Ok(UTF_8);
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(&window, at_eof);
    let encoding = detector.guess(None, Utf8Detection::Deny);
    let non_ascii = window.iter().filter(|b| !b.is_ascii()).count();
    if non_ascii < FEW_NON_ASCII {
        warnings.push(
            ReadNote::EncodingGuessed {
                encoding: encoding.name().to_string(),
                non_ascii: non_ascii as u64,
            }
            .into(),
        );
    }
    Ok(encoding)
}

/// (valid multi-byte characters, invalid sequences) of `bytes` read as UTF-8; a character cut
/// off by the end of a window that is not the end of the file is neither.
fn utf8_sequences(mut bytes: &[u8], at_eof: bool) -> (usize, usize) {
    let (mut valid, mut invalid) = (0, 0);
    loop {
        let (good, rest) = match std::str::from_utf8(bytes) {
            Ok(s) => (s, None),
            Err(e) => {
                let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
                (good, Some((e.valid_up_to(), e.error_len())))
            }
        };
        valid += good.chars().filter(|c| !c.is_ascii()).count();
        match rest {
            None => return (valid, invalid),
            Some((_, None)) => return (valid, invalid + usize::from(at_eof)),
            Some((at, Some(len))) => {
                invalid += 1;
                bytes = &bytes[at + len..];
            }
        }
    }
}

/// The offset of the first byte above 0x7F, scanning the file in chunks past `head`.
fn first_non_ascii(file: &mut File, head: &[u8], size: u64) -> io::Result<Option<u64>> {
    let up_to = Encoding::ascii_valid_up_to(head);
    if up_to < head.len() {
        return Ok(Some(up_to as u64));
    }
    let mut offset = head.len() as u64;
    if offset >= size {
        return Ok(None);
    }
    file.seek(SeekFrom::Start(offset))?;
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok(None);
        }
        let up_to = Encoding::ascii_valid_up_to(&buf[..n]);
        if up_to < n {
            return Ok(Some(offset + up_to as u64));
        }
        offset += n as u64;
    }
}
