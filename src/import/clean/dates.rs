//! Dates, times and instants in the forms people and exports write them, and the profile that
//! decides a column's day/month order.

use super::*;

/// Month names and abbreviations (English, German, French, Spanish), folded (lower case,
/// accents removed).
pub(super) const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("januar", 1),
    ("janner", 1),
    ("janvier", 1),
    ("janv", 1),
    ("enero", 1),
    ("ene", 1),
    ("february", 2),
    ("feb", 2),
    ("februar", 2),
    ("fevrier", 2),
    ("fevr", 2),
    ("fev", 2),
    ("febrero", 2),
    ("march", 3),
    ("mar", 3),
    ("marz", 3),
    ("maerz", 3),
    ("mrz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("avr", 4),
    ("abril", 4),
    ("abr", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("june", 6),
    ("jun", 6),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("july", 7),
    ("jul", 7),
    ("juli", 7),
    ("juillet", 7),
    ("juil", 7),
    ("julio", 7),
    ("august", 8),
    ("aug", 8),
    ("aout", 8),
    ("agosto", 8),
    ("ago", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("set", 9),
    ("october", 10),
    ("oct", 10),
    ("oktober", 10),
    ("okt", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("december", 12),
    ("dec", 12),
    ("dezember", 12),
    ("dez", 12),
    ("decembre", 12),
    ("diciembre", 12),
    ("dic", 12),
];

/// Weekday names (English, German, French, Spanish), folded. Spanish and French `mar`
/// (Tuesday) is left out: it is March.
pub(super) const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonnabend",
    "sonntag",
    "mo",
    "di",
    "mi",
    "do",
    "fr",
    "sa",
    "so",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lun",
    "mer",
    "jeu",
    "ven",
    "sam",
    "dim",
    "lunes",
    "martes",
    "miercoles",
    "jueves",
    "viernes",
    "sabado",
    "domingo",
    "mie",
    "jue",
    "vie",
    "sab",
    "dom",
];

/// Words a written date may contain that carry no meaning (`3 de marzo de 2024`,
/// `le 3 mars`, `the 3rd of March`, `2024-03-01 at 14:30`).
pub(super) const DATE_FILLERS: &[&str] = &[
    "de", "del", "of", "the", "den", "le", "el", "at", "um", "a", "las", "alle", "on",
];

/// Ordinal endings written after a day number (`3rd`, `1er`, `1º`).
pub(super) const ORDINALS: &[&str] = &["st", "nd", "rd", "th", "er", "re", "e", "eme", "o", "a"];

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Tok {
    /// A run of digits: its value and how many digits were written.
    Num(u32, usize),
    /// A word, folded.
    Word(usize),
    /// 年/月/日 (and 号, Korean 년/월/일) as `y`, `m`, `d`.
    Mark(char),
    /// A separator: `-`, `/`, `.`, `,`, `'` or a space.
    Sep(char),
}

pub(super) fn date_mark(c: char) -> Option<char> {
    match c {
        '年' | '년' => Some('y'),
        '月' | '월' => Some('m'),
        '日' | '号' | '號' | '일' => Some('d'),
        _ => None,
    }
}

/// Splits a date into tokens; `None` if it holds a character no date has.
pub(super) fn tokenize(s: &str) -> Option<(Vec<Tok>, Vec<String>)> {
    let mut toks = Vec::new();
    let mut words = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_ascii_digit() {
            let mut digits = String::new();
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                digits.push(d);
                chars.next();
            }
            if digits.len() > 8 {
                return None;
            }
            toks.push(Tok::Num(digits.parse().ok()?, digits.len()));
        } else if let Some(m) = date_mark(c) {
            toks.push(Tok::Mark(m));
            chars.next();
        } else if c.is_alphabetic() {
            let mut word = String::new();
            while let Some(&d) = chars
                .peek()
                .filter(|d| d.is_alphabetic() && date_mark(**d).is_none())
            {
                word.push(d);
                chars.next();
            }
            toks.push(Tok::Word(words.len()));
            words.push(values::fold(&word));
        } else if c.is_whitespace() || "-/.,'".contains(c) {
            toks.push(Tok::Sep(if c.is_whitespace() { ' ' } else { c }));
            chars.next();
        } else {
            return None;
        }
    }
    Some((toks, words))
}

pub(super) fn is_cjk_weekday(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    let day = |c: char| "一二三四五六日天".contains(c);
    match chars.as_slice() {
        ['星', '期', d] | ['礼', '拜', d] | ['禮', '拜', d] => day(*d),
        ['周', d] | ['週', d] => day(*d),
        _ => false,
    }
}

/// The meaningful parts of a written date.
#[derive(Debug, Default)]
pub(super) struct DateParts {
    pub(super) nums: Vec<(u32, usize)>,
    pub(super) month: Option<u32>,
    pub(super) marks: Vec<char>,
    /// The separator right after the first number (`.` tells day.month.year).
    pub(super) first_sep: Option<char>,
}

/// How a date is written, which says how far it decides the column's date order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Shape {
    /// A month name: decides nothing about numeric order.
    Named,
    /// 2024年3月1日: year, month, day by its marks.
    Marked,
    /// 20240301.
    Compact,
    /// 2024-03-01, 2024/3/1.
    YearFirst,
    /// 01/03/2024, 3.1.24: day and month could be either way round.
    YearLast { a: u32, b: u32, dotted: bool },
}

pub(super) fn date_parts(s: &str) -> Option<DateParts> {
    let (toks, words) = tokenize(s)?;
    let mut parts = DateParts::default();
    for (i, tok) in toks.iter().enumerate() {
        match *tok {
            Tok::Num(v, len) => parts.nums.push((v, len)),
            Tok::Mark(m) => parts.marks.push(m),
            Tok::Sep(c) => {
                if parts.nums.len() == 1 && parts.first_sep.is_none() && c != ' ' {
                    parts.first_sep = Some(c);
                }
            }
            Tok::Word(w) => {
                let word = words[w].as_str();
                let after_number = i > 0 && matches!(toks[i - 1], Tok::Num(..));
                if after_number && ORDINALS.contains(&word) {
                    continue;
                }
                if parts.nums.is_empty()
                    && parts.month.is_none()
                    && (WEEKDAYS.contains(&word) || is_cjk_weekday(word))
                {
                    continue;
                }
                if parts.nums.len() >= 3 && is_cjk_weekday(word) {
                    continue;
                }
                if let Some(&(_, m)) = MONTHS.iter().find(|(name, _)| *name == word) {
                    if parts.month.replace(m).is_some() {
                        return None;
                    }
                    continue;
                }
                if DATE_FILLERS.contains(&word) {
                    continue;
                }
                return None;
            }
        }
    }
    Some(parts)
}

pub(super) fn shape(p: &DateParts) -> Option<Shape> {
    if p.month.is_some() {
        return (p.marks.is_empty() && !p.nums.is_empty()).then_some(Shape::Named);
    }
    if !p.marks.is_empty() {
        return Some(Shape::Marked);
    }
    match p.nums.as_slice() {
        [(v, 8)] if (19_000_000..21_000_000).contains(v) => Some(Shape::Compact),
        [(_, l1), (_, l2), (_, l3)] if *l1 >= 3 && *l2 <= 2 && *l3 <= 2 => Some(Shape::YearFirst),
        [(a, l1), (b, l2), (_, l3)] if *l1 <= 2 && *l2 <= 2 && matches!(l3, 2 | 4) => {
            Some(Shape::YearLast {
                a: *a,
                b: *b,
                dotted: p.first_sep == Some('.'),
            })
        }
        _ => None,
    }
}

/// A year written with 4 digits, or 2 (00–69 → 2000s, 70–99 → 1900s); other lengths are not
/// years.
pub(super) fn full_year(value: u32, len: usize) -> Option<i32> {
    match len {
        4 => i32::try_from(value).ok(),
        2 if value < 70 => i32::try_from(2000 + value).ok(),
        2 => i32::try_from(1900 + value).ok(),
        _ => None,
    }
}

pub(super) fn not_a_date(raw: &str) -> IssueCode {
    IssueCode::UnreadableDate {
        value: raw.trim().to_string(),
    }
}

/// Reads the date part of a value (no time) into a calendar date.
pub(super) fn read_date(
    text: &str,
    order: Option<DateOrder>,
    raw: &str,
) -> Result<NaiveDate, IssueCode> {
    let value = || raw.trim().to_string();
    let parts = date_parts(text).ok_or_else(|| not_a_date(raw))?;
    let shape = shape(&parts).ok_or_else(|| not_a_date(raw))?;
    let n = &parts.nums;
    let (y, m, d) = match shape {
        Shape::Named => {
            let month = parts.month.unwrap_or_default();
            match n.as_slice() {
                [(_, l)] if *l >= 3 => return Err(IssueCode::DateWithoutDay { value: value() }),
                [_] => return Err(IssueCode::DateWithoutYear { value: value() }),
                [(y, ly), (d, ld)] if *ly >= 3 && *ld <= 2 => (full_year(*y, *ly), month, *d),
                [(d, ld), (y, ly)] if *ld <= 2 => (full_year(*y, *ly), month, *d),
                _ => return Err(not_a_date(raw)),
            }
        }
        Shape::Marked => match (n.as_slice(), parts.marks.as_slice()) {
            ([(y, ly), (m, _), (d, _)], ['y', 'm', 'd'] | ['y', 'm']) => {
                (full_year(*y, *ly), *m, *d)
            }
            (_, ['m', 'd'] | ['m']) => {
                return Err(IssueCode::DateWithoutYear { value: value() });
            }
            _ => return Err(not_a_date(raw)),
        },
        Shape::Compact => {
            let v = n[0].0;
            (full_year(v / 10_000, 4), v / 100 % 100, v % 100)
        }
        Shape::YearFirst => (full_year(n[0].0, n[0].1), n[1].0, n[2].0),
        Shape::YearLast { a, b, dotted } => {
            let year = n[2];
            let resolved = match order {
                Some(DateOrder::Dmy) => Some(DateOrder::Dmy),
                Some(DateOrder::Mdy) => Some(DateOrder::Mdy),
                Some(DateOrder::Ymd) if year.1 <= 2 => Some(DateOrder::Ymd),
                _ if dotted => Some(DateOrder::Dmy),
                _ if a > 12 || a == b => Some(DateOrder::Dmy),
                _ if b > 12 => Some(DateOrder::Mdy),
                _ => None,
            };
            match resolved {
                Some(DateOrder::Dmy) => (full_year(year.0, year.1), b, a),
                Some(DateOrder::Mdy) => (full_year(year.0, year.1), a, b),
                Some(DateOrder::Ymd) => (full_year(a, n[0].1), b, year.0),
                None => {
                    return Err(IssueCode::AmbiguousDate { value: value() });
                }
            }
        }
    };
    let y = y.ok_or_else(|| not_a_date(raw))?;
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| IssueCode::NoSuchDate { value: value() })
}

/// Splits a value at the start of its time (`14:30`, `2:30 PM`, `14時30分`, `T14:30`).
pub(super) fn split_time(s: &str) -> (&str, Option<&str>) {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut found = None;
    for i in 0..chars.len() {
        let (at, c) = chars[i];
        if !c.is_ascii_digit() || (i > 0 && chars[i - 1].1.is_ascii_digit()) {
            continue;
        }
        let run = chars[i..]
            .iter()
            .take_while(|(_, c)| c.is_ascii_digit())
            .count();
        if run > 2 {
            continue;
        }
        let next = chars.get(i + run).map(|&(_, c)| c);
        let after = chars.get(i + run + 1).map(|&(_, c)| c);
        let colon = next == Some(':') && after.is_some_and(|c| c.is_ascii_digit());
        let cjk = matches!(next, Some('時' | '时' | '点' | '點'));
        if colon || cjk {
            found = Some(at);
            break;
        }
    }
    let Some(mut start) = found else {
        return (s, None);
    };
    let before = s[..start].trim_end();
    for prefix in ["上午", "下午", "午前", "午後", "早上", "晚上"] {
        if let Some(rest) = before.strip_suffix(prefix) {
            start = rest.len();
            break;
        }
    }
    let mut date = s[..start].trim_end().trim_end_matches(',').trim_end();
    if let Some(rest) = date.strip_suffix(['T', 't'])
        && rest.ends_with(|c: char| c.is_ascii_digit())
    {
        date = rest;
    }
    (date, Some(&s[start..]))
}

pub(super) fn take_digits(s: &str, min: usize, max: usize) -> Option<(u32, &str)> {
    let len = s.bytes().take_while(u8::is_ascii_digit).count();
    if len < min || len > max {
        return None;
    }
    Some((s[..len].parse().ok()?, &s[len..]))
}

/// Reads a time of day and its UTC offset in seconds, if it has one.
pub(super) fn read_time(text: &str) -> Option<(NaiveTime, Option<i32>)> {
    let lower = text.trim().to_lowercase();
    let mut rest = lower.as_str();
    let mut pm = None;
    for (prefix, is_pm) in [
        ("上午", false),
        ("午前", false),
        ("早上", false),
        ("下午", true),
        ("午後", true),
        ("晚上", true),
    ] {
        if let Some(r) = rest.strip_prefix(prefix) {
            pm = Some(is_pm);
            rest = r.trim_start();
            break;
        }
    }
    let (hour, r) = take_digits(rest, 1, 2)?;
    rest = r;
    let (mut minute, mut second) = (0, 0);
    if let Some(r) = rest.strip_prefix(':') {
        (minute, rest) = take_digits(r, 2, 2)?;
        if let Some(r) = rest.strip_prefix(':') {
            (second, rest) = take_digits(r, 2, 2)?;
            if let Some(r) = rest.strip_prefix(['.', ',']) {
                rest = r.trim_start_matches(|c: char| c.is_ascii_digit());
            }
        }
    } else if let Some(r) = rest.strip_prefix(['時', '时', '点', '點']) {
        rest = r;
        if let Some((m, r)) = take_digits(rest, 1, 2) {
            minute = m;
            rest = r.strip_prefix('分').unwrap_or(r);
            if let Some((s, r)) = take_digits(rest, 1, 2) {
                second = s;
                rest = r.strip_prefix('秒')?;
            }
        }
    } else {
        return None;
    }
    rest = rest.trim_start();
    for (suffix, is_pm) in [
        ("a.m.", false),
        ("p.m.", true),
        ("a. m.", false),
        ("p. m.", true),
        ("am", false),
        ("pm", true),
    ] {
        if let Some(r) = rest.strip_prefix(suffix) {
            if pm.is_some() {
                return None;
            }
            pm = Some(is_pm);
            rest = r.trim_start();
            break;
        }
    }
    let hour = match pm {
        Some(_) if !(1..=12).contains(&hour) => return None,
        Some(true) => hour % 12 + 12,
        Some(false) => hour % 12,
        None => hour,
    };
    let offset = read_offset(rest.trim())?;
    Some((NaiveTime::from_hms_opt(hour, minute, second)?, offset))
}

/// `Z`, `UTC`, `GMT`, `+08:00`, `+0800`, `+08`, `UTC+8` → seconds east of UTC. `Some(None)`
/// when there is no offset; `None` when there is something else.
pub(super) fn read_offset(text: &str) -> Option<Option<i32>> {
    if text.is_empty() {
        return Some(None);
    }
    let rest = ["utc", "gmt", "z"]
        .iter()
        .find_map(|p| text.strip_prefix(p))
        .unwrap_or(text)
        .trim_start();
    if rest.is_empty() {
        return Some(Some(0));
    }
    let mut chars = rest.chars();
    let sign = match chars.next()? {
        '+' => 1,
        '-' | '−' => -1,
        _ => return None,
    };
    let rest = chars.as_str();
    // `+0800` is read as four digits and split by value, never by byte offset: `+1é1` is four
    // bytes too, and must be refused, not sliced inside the `é`.
    let (hours, minutes) = match rest.split_once(':') {
        Some((h, m)) => (take_digits(h, 1, 2)?, take_digits(m, 2, 2)?),
        None => match take_digits(rest, 1, 4)? {
            (hhmm, tail) if rest.len() - tail.len() == 4 => ((hhmm / 100, tail), (hhmm % 100, "")),
            (h, tail) if rest.len() - tail.len() <= 2 => ((h, tail), (0, "")),
            _ => return None,
        },
    };
    if !hours.1.is_empty() || !minutes.1.is_empty() || hours.0 > 14 || minutes.0 > 59 {
        return None;
    }
    Some(Some(sign * (hours.0 as i32 * 3600 + minutes.0 as i32 * 60)))
}

/// The date order of a column from its values: ISO → Ymd; a value whose first part is > 12 →
/// Dmy; second part > 12 → Mdy; numeric dates with both parts ≤ 12 and different
/// (`01/03/2024`) and no deciding value → order `None`, ambiguous. Dotted dates with the year
/// last (`3.1.2024`) decide Dmy. Values with month names or 年月日 decide nothing, nor do
/// values that are not dates. Conflicting evidence (some > 12 in the first part, some in the
/// second) → ambiguous, with examples of each. A deciding value settles the ambiguous ones.
pub fn profile_dates<'a>(values: impl IntoIterator<Item = &'a str>) -> DateProfile {
    let mut profiler = DateProfiler::default();
    values.into_iter().for_each(|v| profiler.add(v));
    profiler.finish()
}

/// [`profile_dates`] one value at a time, in memory that does not grow with the values: it
/// counts what each value says and keeps the few it shows as examples.
#[derive(Debug, Default)]
pub struct DateProfiler {
    pub(super) iso: bool,
    pub(super) dmy: Examples<2>,
    pub(super) mdy: Examples<2>,
    pub(super) unclear: Examples<3>,
}

/// Up to `N` examples of a kind of value, and whether there was any.
#[derive(Debug, Default)]
pub(super) struct Examples<const N: usize> {
    pub(super) seen: bool,
    pub(super) kept: Vec<String>,
}

impl<const N: usize> Examples<N> {
    pub(super) fn push(&mut self, example: &str) {
        self.seen = true;
        if self.kept.len() < N {
            self.kept.push(example.to_string());
        }
    }
}

impl DateProfiler {
    /// What one value says.
    pub fn add(&mut self, raw: &str) {
        let text = nfkc(raw);
        let (date, _) = split_time(text.trim());
        let Some(shape) = date_parts(date).as_ref().and_then(shape) else {
            return;
        };
        let example = raw.trim();
        match shape {
            Shape::YearFirst | Shape::Compact => self.iso = true,
            Shape::YearLast { dotted: true, .. } => self.dmy.push(example),
            Shape::YearLast { a, b, .. } if a > 12 && b <= 12 => self.dmy.push(example),
            Shape::YearLast { a, b, .. } if b > 12 && a <= 12 => self.mdy.push(example),
            Shape::YearLast { a, b, .. } if a != b && a <= 12 && b <= 12 => {
                self.unclear.push(example);
            }
            _ => {}
        }
    }

    /// What all the values say together.
    pub fn finish(self) -> DateProfile {
        let ambiguous = |examples: Vec<String>| DateProfile {
            order: None,
            ambiguous: true,
            examples,
        };
        let decided = |order| DateProfile {
            order,
            ambiguous: false,
            examples: Vec::new(),
        };
        let (dmy, mdy) = (self.dmy.kept, self.mdy.kept);
        match (self.dmy.seen, self.mdy.seen) {
            (true, true) => {
                let mut examples = vec![dmy[0].clone(), mdy[0].clone()];
                examples.extend(dmy.get(1).or(mdy.get(1)).cloned());
                ambiguous(examples)
            }
            (true, false) => decided(Some(DateOrder::Dmy)),
            (false, true) => decided(Some(DateOrder::Mdy)),
            (false, false) if self.unclear.seen => ambiguous(self.unclear.kept),
            (false, false) => decided(self.iso.then_some(DateOrder::Ymd)),
        }
    }
}

/// Whether reading `raw` as a date (or a date and time, or a birthday) gives the same answer
/// whatever the date order: ISO dates (`2024-03-01`, also with a time) and Outlook's empty
/// `0/0/00`. An import reads such values before it has decided its date columns' order.
pub fn date_order_free(raw: &str) -> bool {
    let text = raw.trim().as_bytes();
    let iso = text.len() >= 8
        && text[..4].iter().all(u8::is_ascii_digit)
        && text[4] == b'-'
        && text[5].is_ascii_digit();
    iso || is_empty_date(raw)
}

/// A calendar date as `YYYY-MM-DD`. Accepts ISO (`2024-03-01`, also with `/` or `.`,
/// `20240301`), numeric day/month/year or month/day/year per `order` (an ambiguous one is
/// refused when `order` is `None`, asking to choose a date format; one with a part > 12 is
/// read the only way it can be), `3.1.2024`, `2024年3月1日`, `3 March 2024`, `March 3, 2024`,
/// `Mar 3 2024`, `3. März 2024`, `3 mars 2024`, `3 de marzo de 2024` (English, German,
/// French and Spanish month names and abbreviations, any case, accents optional),
/// two-digit years (00–69 → 20xx, 70–99 → 19xx), a leading weekday (`Mon, 3 Mar 2024`) and
/// a trailing time, which is dropped (`2024-03-01 00:00:00`). Invalid calendar dates
/// (`31/02/2024`) are refused naming the value.
pub fn clean_date(raw: &str, order: Option<DateOrder>) -> Result<String, IssueCode> {
    let text = nfkc(raw);
    let text = text.trim();
    if text.is_empty() {
        return Err(IssueCode::NoDateGiven);
    }
    let (date, time) = split_time(text);
    if let Some(time) = time
        && read_time(time).is_none()
    {
        return Err(not_a_date(raw));
    }
    read_date(date, order, raw).map(|d| d.format("%Y-%m-%d").to_string())
}

/// An instant as RFC 3339 UTC (`YYYY-MM-DDTHH:MM:SSZ`): a date as [`clean_date`] reads it
/// followed by a time (`14:30`, `14:30:05`, `2:30 PM`, `下午2:30`, `14時30分`) and an optional
/// offset (`Z`, `+08:00`, `+0800`, `UTC+8`); RFC 3339 and RFC 2822 texts; a date alone is
/// midnight. Without an offset the time is UTC.
pub fn clean_datetime(raw: &str, order: Option<DateOrder>) -> Result<String, IssueCode> {
    let text = nfkc(raw);
    let text = text.trim();
    if text.is_empty() {
        return Err(IssueCode::NoDateGiven);
    }
    let format = |t: DateTime<Utc>| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(format(t.with_timezone(&Utc)));
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(text) {
        return Ok(format(t.with_timezone(&Utc)));
    }
    let (date, time) = split_time(text);
    let day = read_date(date, order, raw)?;
    let (time, offset) = match time {
        Some(t) => read_time(t).ok_or_else(|| IssueCode::UnreadableTimeOfDay {
            value: raw.trim().to_string(),
        })?,
        None => (NaiveTime::MIN, None),
    };
    let local = day.and_time(time).and_utc();
    let utc = local - TimeDelta::seconds(i64::from(offset.unwrap_or(0)));
    Ok(format(utc))
}
