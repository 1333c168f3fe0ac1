//! Short grams: what the search index's `short` column holds so that queries of one or two
//! characters are index lookups too (see `search.rs`): every CJK character and character pair,
//! and the one- and two-letter prefixes of other words, each found as exactly one trigram.
//!
//! A gram is stored as a *block*: the padding twice, then one or two characters. The block
//! `␣␣ja` (␣ is the padding) holds the trigrams `␣␣j` and `␣ja`, the query trigrams of `j`
//! and `ja` ([`query_trigram`]), so a word's two prefixes cost one block, and a CJK run's
//! character and the pair it starts share one. Blocks are written one after another; a
//! trigram across two blocks either starts with a character or is `␣` then a character then
//! `␣`, so it is never a query's. (Each gram padded on its own, as before, wrote three
//! trigrams per gram, two of them of no use.)

use std::collections::BTreeSet;

use crate::values::{fold, is_cjk};

/// The padding character of short grams (a private-use code point no text contains).
const PAD: char = '\u{E000}';

/// The blocks of a document's title and of its email's local part.
pub(super) fn title_and_email_grams(title: &str, email: &str, out: &mut BTreeSet<String>) {
    short_grams(title, out);
    if let Some(local) = email.split('@').next() {
        short_grams(local, out);
    }
}

/// The blocks of `text`: each CJK character with the next one of its run, and the first two
/// letters of other words (one or two characters each; see the module's note).
pub(super) fn short_grams(text: &str, out: &mut BTreeSet<String>) {
    let folded = fold(text);
    let mut run: Vec<char> = Vec::new();
    let flush = |run: &mut Vec<char>, out: &mut BTreeSet<String>| {
        for (i, c) in run.iter().enumerate() {
            out.insert(
                run.get(i + 1)
                    .map_or_else(|| c.to_string(), |next| [*c, *next].iter().collect()),
            );
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
        let prefix: String = latin.chars().take(2).collect();
        if !prefix.is_empty() {
            out.insert(prefix);
        }
    }
}

/// The `short` column's text for these blocks. A one-character block that the next block
/// starts with adds nothing (`␣␣ja` holds `␣␣j`) and is left out.
pub(super) fn short_text(blocks: &BTreeSet<String>) -> String {
    let mut out = String::new();
    let mut blocks = blocks.iter().peekable();
    while let Some(block) = blocks.next() {
        let covered = block.chars().count() == 1
            && blocks
                .peek()
                .is_some_and(|next| next.starts_with(block.as_str()));
        if !covered {
            out.push(PAD);
            out.push(PAD);
            out.push_str(block);
        }
    }
    out
}

/// The one trigram that finds a query of one or two characters in the `short` column.
pub(super) fn query_trigram(term: &str) -> String {
    let mut s: String =
        std::iter::repeat_n(PAD, 3usize.saturating_sub(term.chars().count())).collect();
    s.push_str(term);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The trigrams the FTS5 tokenizer makes of `text`.
    fn trigrams(text: &str) -> BTreeSet<String> {
        let chars: Vec<char> = text.chars().collect();
        chars.windows(3).map(|w| w.iter().collect()).collect()
    }

    #[test]
    fn short_text_holds_the_query_trigram_of_every_short_gram_and_of_no_other() {
        let mut blocks = BTreeSet::new();
        short_grams("杭州茶叶有限公司 Tea Co", &mut blocks);
        title_and_email_grams("J Smith", "jo.x@example.com", &mut blocks);
        let indexed = trigrams(&short_text(&blocks));
        for want in [
            "杭", "州", "司", "茶叶", "叶有", "公司", "t", "te", "c", "co", "j", "s", "sm", "jo",
        ] {
            assert!(
                indexed.contains(&query_trigram(want)),
                "{want} is not found: {indexed:?}"
            );
        }
        // Grams that are not a CJK pair or a word's prefix, and three characters (the
        // trigram columns' job), are not there.
        for absent in ["ea", "州公", "o", "mi", "q", "e", "ex", "茶叶有"] {
            assert!(
                !indexed.contains(&query_trigram(absent)),
                "{absent} is found: {indexed:?}"
            );
        }
    }
}
