//! Short grams: what the search index's `short` column holds so that queries of one or two
//! characters are index lookups too (see `search.rs`): every CJK character and character pair,
//! and the one- and two-letter prefixes of other words, each padded to exactly one trigram.

use std::collections::BTreeSet;

use crate::values::{fold, is_cjk};

/// The padding character of short grams (a private-use code point no text contains).
const PAD: char = '\u{E000}';

/// The short grams of a document's title and of its email's local part.
pub(super) fn title_and_email_grams(title: &str, email: &str, out: &mut BTreeSet<String>) {
    short_grams(title, out);
    if let Some(local) = email.split('@').next() {
        short_grams(local, out);
    }
}

/// The short grams of `text`: CJK characters and pairs, and 1–2 letter word prefixes.
pub(super) fn short_grams(text: &str, out: &mut BTreeSet<String>) {
    let folded = fold(text);
    let mut run: Vec<char> = Vec::new();
    let flush = |run: &mut Vec<char>, out: &mut BTreeSet<String>| {
        for (i, c) in run.iter().enumerate() {
            out.insert(c.to_string());
            if let Some(next) = run.get(i + 1) {
                out.insert([*c, *next].iter().collect());
            }
        }
        run.clear();
    };
    for word in folded.split(|c: char| !c.is_alphanumeric()) {
        let mut latin = String::new();
        for c in word.chars() {
            if is_cjk(c) {
                run.push(c);
            } else {
                flush(&mut run, out);
                latin.push(c);
            }
        }
        flush(&mut run, out);
        let mut chars = latin.chars();
        if let Some(a) = chars.next() {
            out.insert(a.to_string());
            if let Some(b) = chars.next() {
                out.insert([a, b].iter().collect());
            }
        }
    }
}

pub(super) fn pad(gram: &str) -> String {
    let mut s = gram.to_string();
    for _ in gram.chars().count()..3 {
        s.push(PAD);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_grams_cover_cjk_pairs_and_word_prefixes() {
        let mut grams = BTreeSet::new();
        short_grams("杭州茶叶有限公司 Tea Co", &mut grams);
        for want in ["杭", "茶叶", "叶有", "t", "te", "c", "co"] {
            assert!(grams.contains(want), "missing gram {want}: {grams:?}");
        }
        // Three-character substrings are the trigram index's job, not the short column's.
        assert!(!grams.contains("茶叶有"));
    }
}
