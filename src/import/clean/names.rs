//! Emails (unwrapped, lower-cased, the first of several) and names (split into first and last, in
//! Western and East Asian order).

use super::*;

/// An email address: trimmed, lower-cased, `mailto:` and `Name <a@b.com>` forms unwrapped,
/// then checked by [`values::parse_email`]. A cell holding two addresses is refused.
pub fn clean_email(raw: &str) -> Result<String, IssueCode> {
    let text = nfkc(raw);
    let mut s = text.trim();
    if let (Some(open), Some(close)) = (s.rfind('<'), s.rfind('>'))
        && open < close
    {
        s = &s[open + 1..close];
    }
    s = s.trim();
    if s.len() >= 7 && s.is_char_boundary(7) && s[..7].eq_ignore_ascii_case("mailto:") {
        s = &s[7..];
        s = s.split('?').next().unwrap_or(s);
    }
    let s = s.trim_matches(|c: char| c.is_whitespace() || "\"';,.".contains(c));
    if s.matches('@').count() > 1 {
        return Err(IssueCode::SeveralEmails {
            value: raw.trim().to_string(),
        });
    }
    values::parse_email(&s.to_lowercase()).map_err(|_| IssueCode::NotEmail {
        value: raw.trim().to_string(),
    })
}

/// Chinese (simplified and traditional) and Korean two-character surnames. A name starting
/// with one of these and longer than two characters keeps both characters as the surname.
pub const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "歐陽", "司马", "司馬", "诸葛", "諸葛", "上官", "东方", "東方", "皇甫", "尉迟", "尉遲",
    "公孙", "公孫", "慕容", "长孙", "長孫", "宇文", "司徒", "夏侯", "轩辕", "軒轅", "令狐", "端木",
    "独孤", "獨孤", "南宫", "南宮", "西门", "西門", "百里", "呼延", "澹台", "澹臺", "太史", "申屠",
    "万俟", "萬俟", "闻人", "聞人", "赫连", "赫連", "钟离", "鍾離", "宗政", "濮阳", "濮陽", "公冶",
    "太叔", "仲孙", "仲孫", "单于", "單于", "淳于", "拓跋", "司空", "左丘", "公羊", "谷梁", "穀梁",
    "东郭", "東郭", "第五", "南门", "南門", "羊舌", "微生", "梁丘", "乐正", "樂正", "漆雕", "壤驷",
    "壤駟", "公良", "巫马", "巫馬", "子车", "子車", "颛孙", "顓孫", "亓官", "司寇", "段干", "段干",
    "남궁", "황보", "제갈", "선우", "독고", "사공", "서문",
];

/// Honorifics dropped before a name (folded, without the final dot). `M.` (Monsieur) is
/// dropped only before at least two more words, so `M. Dupont` keeps the initial.
pub(super) const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "herr",
    "hr",
    "frau",
    "fr",
    "mme",
    "mlle",
    "monsieur",
    "madame",
    "mademoiselle",
    "sr",
    "sra",
    "srta",
    "senor",
    "senora",
    "senorita",
    "rev",
];

/// Name suffixes kept with the last name (folded, dots removed).
pub(super) const NAME_SUFFIXES: &[&str] = &[
    "jr", "sr", "jun", "sen", "jnr", "snr", "ii", "iii", "iv", "phd", "md", "esq", "dds", "mba",
];

/// Particles that belong to the last name (`van Beethoven`, `de la Cruz`, `von der Leyen`).
pub(super) const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "della", "degli", "di", "da", "dos", "das", "do",
    "du", "la", "le", "les", "ten", "ter", "te", "zu", "zum", "zur", "af", "av", "bin", "binti",
    "ibn", "al", "el", "st", "saint", "sainte",
];

/// Japanese honorifics: what is left before them is (usually) the family name alone.
pub(super) const JAPANESE_HONORIFICS: &[&str] = &["さん", "様", "さま", "殿"];

/// Suffixes after a CJK name: Chinese, Japanese and Korean honorifics.
pub(super) const CJK_HONORIFICS: &[&str] = &[
    "先生", "女士", "小姐", "太太", "夫人", "老师", "老師", "博士", "教授", "さん", "様", "さま",
    "殿", "氏", "씨", "님",
];

pub(super) fn name_key(word: &str) -> String {
    values::fold(word).replace('.', "")
}

pub(super) fn is_suffix(word: &str) -> bool {
    NAME_SUFFIXES.contains(&name_key(word).as_str())
}

pub(super) fn has_kana(s: &str) -> bool {
    s.chars().any(|c| matches!(c as u32, 0x3040..=0x30FF))
}

pub(super) fn split_cjk(text: &str) -> (String, String) {
    let mut name = text.trim();
    let mut honorific = None;
    for suffix in CJK_HONORIFICS {
        if let Some(rest) = name.strip_suffix(suffix).map(str::trim_end)
            && !rest.is_empty()
        {
            name = rest;
            honorific = Some(*suffix);
            break;
        }
    }
    if let Some(dot) = name.rfind(['·', '・', '•', '‧']) {
        let last = name[dot..].chars().skip(1).collect::<String>();
        return (name[..dot].trim().to_string(), last.trim().to_string());
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() >= 2 {
        return (words[1..].join(" "), words[0].to_string());
    }
    let chars: Vec<char> = name.chars().collect();
    let japanese = honorific.is_some_and(|h| JAPANESE_HONORIFICS.contains(&h));
    let surname_only = chars.len() == 1 || COMPOUND_SURNAMES.contains(&name) || has_kana(name);
    if honorific.is_some() && (surname_only || japanese) {
        return (String::new(), name.to_string());
    }
    if chars.len() == 1 || has_kana(name) {
        return (name.to_string(), String::new());
    }
    let surname_len = if chars.len() > 2 && COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s)) {
        2
    } else {
        1
    };
    (
        chars[surname_len..].iter().collect(),
        chars[..surname_len].iter().collect(),
    )
}

/// Drops leading honorifics; returns whether one was dropped.
pub(super) fn drop_honorifics(words: &mut Vec<&str>) -> bool {
    let mut dropped = false;
    while words.len() > 1 {
        let key = name_key(words[0]);
        let monsieur = words[0] == "M." && words.len() >= 3;
        if monsieur || HONORIFICS.contains(&key.as_str()) {
            words.remove(0);
            dropped = true;
        } else {
            break;
        }
    }
    dropped
}

pub(super) fn split_latin(text: &str) -> (String, String) {
    let mut parts: Vec<&str> = text
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mut suffixes: Vec<&str> = Vec::new();
    while parts.len() > 1
        && parts
            .last()
            .is_some_and(|p| p.split_whitespace().all(is_suffix))
    {
        let part = parts.pop().unwrap_or_default();
        suffixes.splice(0..0, part.split_whitespace());
    }
    let join = |words: &[&str]| words.join(" ");
    let with_suffixes = |last: String, suffixes: &[&str]| {
        std::iter::once(last.as_str())
            .chain(suffixes.iter().copied())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    if parts.len() >= 2 {
        let mut last: Vec<&str> = parts[0].split_whitespace().collect();
        let mut first: Vec<&str> = parts[1..]
            .iter()
            .flat_map(|p| p.split_whitespace())
            .collect();
        drop_honorifics(&mut last);
        drop_honorifics(&mut first);
        while last.len() > 1 && last.last().is_some_and(|w| is_suffix(w)) {
            suffixes.insert(0, last.pop().unwrap_or_default());
        }
        return (join(&first), with_suffixes(join(&last), &suffixes));
    }
    let mut words: Vec<&str> = parts
        .first()
        .map(|p| p.split_whitespace().collect())
        .unwrap_or_default();
    let honorific = drop_honorifics(&mut words);
    while words.len() > 1 && words.last().is_some_and(|w| is_suffix(w)) {
        suffixes.insert(0, words.pop().unwrap_or_default());
    }
    match words.as_slice() {
        [] => (String::new(), String::new()),
        [one] if honorific || !suffixes.is_empty() => {
            (String::new(), with_suffixes(one.to_string(), &suffixes))
        }
        [one] => (one.to_string(), String::new()),
        _ => {
            let mut start = words.len() - 1;
            loop {
                let prev = name_key(words[start - 1]);
                if start >= 2 && PARTICLES.contains(&prev.as_str()) {
                    start -= 1;
                } else if start >= 3 && matches!(prev.as_str(), "y" | "i") {
                    start -= 2;
                } else {
                    break;
                }
            }
            (
                join(&words[..start]),
                with_suffixes(join(&words[start..]), &suffixes),
            )
        }
    }
}

/// Splits a full name into (first, last).
///
/// - `Smith, Robert` → (`Robert`, `Smith`); `Robert Smith` → (`Robert`, `Smith`);
///   `Robert J. Smith` → (`Robert J.`, `Smith`).
/// - Honorifics are dropped (`Mr`, `Mrs`, `Ms`, `Dr`, `Prof`, `Herr`, `Frau`, `M.`, `Mme`,
///   `Sr.`, `Sra.`, …); with only one word left it is the last name (`Dr. Smith`).
/// - Suffixes stay with the last name (`Robert Smith Jr.`, `Smith, Robert, Jr.` →
///   `Smith Jr.`), and so do particles (`Ludwig van Beethoven` → `van Beethoven`,
///   `Juan de la Cruz` → `de la Cruz`, `José Ortega y Gasset` → `Ortega y Gasset`).
/// - CJK names: family name first — `李明` → (`明`, `李`), compound surnames from
///   [`COMPOUND_SURNAMES`] (`欧阳娜娜` → (`娜娜`, `欧阳`)), a space separates them in
///   Japanese (`山田 太郎` → (`太郎`, `山田`)); honorific suffixes (`先生`, `女士`, `さん`, …)
///   are dropped, and what is left of a short name is the surname (`王先生` → (``, `王`)).
///   Transliterated foreign names with a middle dot are in Western order (`约翰·史密斯`).
///   Japanese names written in one word with kana cannot be split and stay the first name.
/// - A single word is the first name: (`word`, ``).
pub fn split_name(full: &str) -> (String, String) {
    let text = nfkc(full);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let cjk = text.chars().any(values::is_cjk);
    let latin = text
        .chars()
        .any(|c| c.is_alphabetic() && !values::is_cjk(c));
    if cjk && !latin {
        split_cjk(&text)
    } else {
        split_latin(&text)
    }
}
