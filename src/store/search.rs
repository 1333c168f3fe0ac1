//! Type-ahead search over contacts, companies, deals and notes.
//!
//! One contentless FTS5 table with the trigram tokenizer finds any substring of three or more
//! characters. Shorter queries (a Chinese surname 李, a two-character name 李明, 茶叶 inside a
//! company name, the first letters of a word) are found through the `short` column, which holds
//! every CJK character and character pair and the one- and two-letter prefixes of other words,
//! each found as exactly one trigram (see `grams.rs`). Every query
//! is therefore an index lookup, never a scan. Results are ranked in Rust: exact title, title
//! prefix, word prefix, title substring, then other fields; contacts before companies, deals
//! and notes; shorter titles first.
//!
//! There is no table of documents beside the index: a full-text row's rowid is the record's
//! own rowid times four plus its kind's place in [`SEARCHABLE`] ([`fts_rowid`]), so a hit
//! leads straight to its record, whose title and subtitle are worked out when it is shown.
//! (A table of titles, keys and ids beside the index cost three B-tree entries per record:
//! 8% of a large import.) `VACUUM` and `VACUUM INTO` keep the rowids of tables that have an
//! index, which every searchable table has (`id TEXT PRIMARY KEY`); a test holds SQLite to
//! that. The `name` column holds the folded title between markers, `\u{E001}\u{E001}title\u{E002}`,
//! so a title prefix and a whole title are phrase lookups too.
//!
//! A contact's row holds its company as a token ([`company_token`]), not as its name: each word
//! of a query also finds the contacts of the companies whose names hold it.
//!
//! Invariant: `search_fts` holds one row per live searchable record, kept in step by every
//! write in the same transaction ([`Writer::reindex`]).
//!
//! A write's new full-text rows are held back and written together before it commits
//! ([`Writer::flush_search`]): FTS5 writes its pending terms out as a new segment whenever a
//! statement opens a savepoint (an insert into a table with triggers, an update of a row with
//! foreign keys, an `INSERT … SELECT`), so rows written one by one between such statements made
//! one tiny segment per imported row, and the merging of those dominated a large import.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::{Connection, OptionalExtension, params};

use super::grams::{query_trigram, short_grams, short_text, title_and_email_grams};
use super::records::{Reads, SearchHint, stored_value, title_for};
use super::{Store, Writer};
use crate::error::Result;
use crate::model::{Kind, SearchHit, Value};
use crate::values::fold;

/// Full-text rows a write holds back before writing them in one run (see
/// [`Writer::flush_search`]): about 4 MB of text.
const PENDING_FTS_ROWS: usize = 16_384;

/// Company names whose short grams a write keeps (see `Writer::company_grams`).
const COMPANY_GRAMS_KEPT: usize = 4_096;

/// How many FTS candidates are ranked per query.
const CANDIDATES: usize = 400;

/// How many titles that start with the query (and that are the query) are ranked besides.
const TITLE_CANDIDATES: usize = 50;

/// The kinds that have search documents; a kind's place here is the low two bits of its
/// full-text rowids.
pub const SEARCHABLE: [Kind; 4] = [Kind::Contact, Kind::Company, Kind::Deal, Kind::Activity];

/// Written before a title in the `name` column: twice, so that one letter after it is a
/// whole trigram.
const TITLE_START: &str = "\u{E001}\u{E001}";

/// The character [`TITLE_START`] is made of.
const TITLE_MARK: char = '\u{E001}';

/// The `meta` key a migration sets when the full-text rows must be rebuilt from the records
/// (`0009_search_without_doc.sql`); the store does it when it opens.
pub(super) const REBUILD_KEY: &str = "search_rebuild";

/// Written after a title in the `name` column.
const TITLE_END: char = '\u{E002}';

/// The low bits of a full-text rowid that hold the kind's place in [`SEARCHABLE`]. A fifth
/// searchable kind needs a third bit, and a migration that asks for a rebuild.
const SLOT_BITS: u32 = 2;
const _: () = assert!(SEARCHABLE.len() <= 1 << SLOT_BITS);

/// Written before a company's `body`: one trigram in every company's row and in no other, so
/// that looking up companies by a word (an AND with it) skips the contacts that hold the word
/// instead of reading past them.
const COMPANY_MARK: &str = "\u{E004}\u{E004}\u{E004}";

/// How many companies a word of a query may find the contacts of.
const COMPANY_TOKENS: usize = 32;

/// The token a contact's `company` column holds for its company (empty without one): three
/// characters of a private-use plane no text has, from a hash of the company's id, so that
/// the contact's row costs one trigram for its company instead of its name's (about a fifth
/// of a contact's full-text tokens), and a rename leaves it as it is. A search finds the
/// companies whose names hold a word, then their contacts by these tokens. (Two companies
/// share a token once in about 2^47 pairs: their contacts would be found for each other's
/// names.)
fn company_token(company_id: &str) -> String {
    if company_id.is_empty() {
        return String::new();
    }
    // FNV-1a: stable across builds and platforms, unlike the standard library's hashers.
    let hash = company_id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    (0..3)
        .filter_map(|i| char::from_u32(0xF_0000 + ((hash >> (16 * i)) & 0xFFFF) as u32 % 0xFFFE))
        .collect()
}

/// A kind's place in [`SEARCHABLE`].
fn slot(kind: Kind) -> Option<i64> {
    SEARCHABLE
        .iter()
        .position(|k| *k == kind)
        .and_then(|i| i64::try_from(i).ok())
}

/// The full-text rowid of the searchable record of `kind` at `rowid`.
fn fts_rowid(kind: Kind, rowid: i64) -> Option<i64> {
    Some((rowid << SLOT_BITS) | slot(kind)?)
}

/// The kind and record rowid a full-text rowid stands for.
fn record_of(fts_rowid: i64) -> Option<(Kind, i64)> {
    let slot = usize::try_from(fts_rowid & ((1 << SLOT_BITS) - 1)).ok()?;
    Some((*SEARCHABLE.get(slot)?, fts_rowid >> SLOT_BITS))
}

/// A searchable record's text, split by column.
#[derive(Debug, Default)]
struct Doc {
    title: String,
    subtitle: String,
    email: String,
    phone: String,
    company: String,
    body: String,
}

fn kind_rank(kind: Kind) -> u8 {
    match kind {
        Kind::Contact => 0,
        Kind::Company => 1,
        Kind::Deal => 2,
        _ => 3,
    }
}

/// An FTS5 string literal.
fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// The search document of a live record with these stored values.
fn doc_of<R: Reads + ?Sized>(
    reads: &R,
    kind: Kind,
    stored: &BTreeMap<&'static str, Value>,
) -> Result<Option<Doc>> {
    let text = |f: &str| stored.get(f).and_then(Value::to_text).unwrap_or_default();
    if kind == Kind::Activity && text("kind") != "note" {
        return Ok(None);
    }
    let refs = reads.ref_titles(kind, stored)?;
    let title = title_for(kind, stored, &refs);
    let reference = |f: &str| refs.get(f).cloned().unwrap_or_default();
    let join = |parts: &[String]| {
        parts
            .iter()
            .filter(|p| !p.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" · ")
    };
    // The digits alone too, so "13812" finds "+86 138 1234 5678"; an E.164 number
    // ("+8613812345678") already is its digits.
    let phone = |p: String| {
        let digits: String = p.chars().filter(char::is_ascii_digit).collect();
        if p.strip_prefix('+') == Some(digits.as_str()) {
            p
        } else {
            format!("{p} {digits}")
        }
    };
    Ok(Some(match kind {
        Kind::Contact => Doc {
            subtitle: join(&[reference("company_id"), text("email"), text("city")]),
            email: text("email"),
            phone: phone(text("phone")),
            company: company_token(&text("company_id")),
            body: join(&[text("job_title"), text("city"), text("customer_no")]),
            title,
        },
        Kind::Company => Doc {
            subtitle: join(&[text("industry"), text("city"), text("country")]),
            email: text("email"),
            phone: phone(text("phone")),
            company: text("domain"),
            body: format!("{COMPANY_MARK}{}", text("industry")),
            title,
        },
        Kind::Deal => Doc {
            subtitle: join(&[
                text("stage"),
                reference("company_id"),
                reference("contact_id"),
            ]),
            company: join(&[reference("company_id"), reference("contact_id")]),
            title,
            ..Doc::default()
        },
        _ => Doc {
            subtitle: join(&[reference("contact_id"), reference("company_id")]),
            body: text("body"),
            company: reference("company_id"),
            title,
            ..Doc::default()
        },
    }))
}

impl Writer<'_> {
    /// Brings the search document of a record (and of records that show its title) up to date.
    pub(super) fn reindex(&mut self, kind: Kind, id: &str) -> Result<()> {
        if !SEARCHABLE.contains(&kind) {
            return Ok(());
        }
        self.index_one(kind, id)?;
        if kind == Kind::Company || kind == Kind::Contact {
            // Deals and notes hold their company's (or contact's) name.
            let mut dependants = Vec::new();
            // (A contact's row holds its company's token, not its name: a rename leaves it.)
            for (table, dep_kind) in [("deal", Kind::Deal), ("activity", Kind::Activity)] {
                let column = if kind == Kind::Company {
                    "company_id"
                } else {
                    "contact_id"
                };
                let sql =
                    format!("SELECT id FROM {table} WHERE {column} = ?1 AND deleted_at IS NULL");
                let mut stmt = self.tx.prepare_cached(&sql)?;
                let ids = stmt
                    .query_map(params![id], |r| r.get::<_, String>(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                dependants.extend(ids.into_iter().map(|i| (dep_kind, i)));
            }
            for (k, i) in dependants {
                self.index_one(k, &i)?;
            }
        }
        Ok(())
    }

    /// Indexes a record just created at `rowid` with `stored` (it has no full-text row and no
    /// dependants yet).
    pub(super) fn index_new(
        &mut self,
        kind: Kind,
        rowid: i64,
        stored: &BTreeMap<&'static str, Value>,
        hint: Option<SearchHint>,
    ) -> Result<()> {
        let Some(fts) = fts_rowid(kind, rowid) else {
            return Ok(());
        };
        if let Some(doc) = doc_of(self, kind, stored)? {
            let hint = hint.filter(|h| h.title == doc.title && h.email == doc.email);
            self.write_doc(fts, doc, hint)?;
        }
        Ok(())
    }

    fn index_one(&mut self, kind: Kind, id: &str) -> Result<()> {
        let Some(fts) = self.fts_rowid_of(kind, id)? else {
            return Ok(());
        };
        self.drop_fts(fts)?;
        let doc = match self.raw(kind, id)? {
            Some(raw) if raw.deleted_at.is_none() => doc_of(self, kind, &raw.stored)?,
            _ => None,
        };
        match doc {
            Some(doc) => self.write_doc(fts, doc, None),
            None => Ok(()),
        }
    }

    /// The full-text rowid of a searchable record, if the record exists.
    fn fts_rowid_of(&self, kind: Kind, id: &str) -> Result<Option<i64>> {
        if slot(kind).is_none() {
            return Ok(None);
        }
        Ok(self
            .rowid_of(kind, id)?
            .and_then(|rowid| fts_rowid(kind, rowid)))
    }

    /// Holds back the full-text row `fts` of `doc`; `hint`, when given, was made for this
    /// document's title and email.
    fn write_doc(&mut self, fts: i64, doc: Doc, hint: Option<SearchHint>) -> Result<()> {
        let mut grams = match self.company_grams.get(&doc.company) {
            Some(grams) => grams.clone(),
            None => {
                let mut grams = BTreeSet::new();
                short_grams(&doc.company, &mut grams);
                if self.company_grams.len() < COMPANY_GRAMS_KEPT {
                    self.company_grams
                        .insert(doc.company.clone(), grams.clone());
                }
                grams
            }
        };
        let name_key = match hint {
            Some(hint) => {
                grams.extend(hint.grams);
                hint.name_key
            }
            None => {
                title_and_email_grams(&doc.title, &doc.email, &mut grams);
                fold(&doc.title)
            }
        };
        let short = short_text(&grams);
        let name = format!("{TITLE_START}{name_key}{TITLE_END}");
        self.pending_fts.insert(
            fts,
            [name, doc.email, doc.phone, doc.company, doc.body, short],
        );
        if self.pending_fts.len() >= PENDING_FTS_ROWS {
            self.flush_search()?;
        }
        Ok(())
    }

    /// Removes the full-text row `fts`: from the rows not written yet, or from the index (a
    /// rowid the index does not hold is left alone there).
    fn drop_fts(&mut self, fts: i64) -> Result<()> {
        if self.pending_fts.remove(&fts).is_none() {
            self.tx
                .prepare_cached("DELETE FROM search_fts WHERE rowid = ?1")?
                .execute(params![fts])?;
        }
        Ok(())
    }

    /// Writes the full-text rows held back so far, in rowid order. Called before the write
    /// commits (and whenever [`PENDING_FTS_ROWS`] are waiting), so `search_fts` is complete in
    /// the same transaction as the records.
    pub(super) fn flush_search(&mut self) -> Result<()> {
        if self.pending_fts.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.pending_fts);
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO search_fts (rowid, name, email, phone, company, body, short)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for (rowid, [name, email, phone, company, body, short]) in rows {
            stmt.execute(params![rowid, name, email, phone, company, body, short])?;
        }
        Ok(())
    }

    /// Removes a record's full-text row, if it has one.
    pub(super) fn unindex(&mut self, kind: Kind, id: &str) -> Result<()> {
        match self.fts_rowid_of(kind, id)? {
            Some(fts) => self.drop_fts(fts),
            None => Ok(()),
        }
    }
}

/// Reads for one search: the titles of the companies and contacts that the hits refer to are
/// read once.
struct HitReads<'c> {
    conn: &'c Connection,
    titles: RefCell<HashMap<(Kind, String), String>>,
}

impl HitReads<'_> {
    /// The id and title of the live record of `kind` at `rowid`, if it has a search document,
    /// read from the few columns a title is made of (see `title_for`).
    fn title_at(&self, kind: Kind, rowid: i64) -> Result<Option<(String, String)>> {
        let mut fields: Vec<&'static str> = kind.def().title.to_vec();
        let extra: &[&'static str] = match kind {
            Kind::Contact => &["email", "phone", "customer_no", "company_id"],
            Kind::Activity => &["kind"],
            _ => &[],
        };
        fields.extend(extra.iter().filter(|f| !kind.def().title.contains(f)));
        let sql = format!(
            "SELECT id, deleted_at, {} FROM {} WHERE rowid = ?1",
            fields.join(", "),
            kind.def().table
        );
        let row = self
            .conn
            .prepare_cached(&sql)?
            .query_row(params![rowid], |r| {
                let mut stored = BTreeMap::new();
                for (i, f) in fields.iter().enumerate() {
                    stored.insert(*f, stored_value(r.get_ref(2 + i)?));
                }
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    stored,
                ))
            })
            .optional()?;
        let Some((id, None, stored)) = row else {
            return Ok(None);
        };
        if kind == Kind::Activity
            && stored.get("kind").and_then(Value::to_text).as_deref() != Some("note")
        {
            return Ok(None);
        }
        let refs = self.ref_titles(kind, &stored)?;
        Ok(Some((id, title_for(kind, &stored, &refs))))
    }
}

impl Reads for HitReads<'_> {
    fn conn(&self) -> &Connection {
        self.conn
    }

    fn title_cache(&self) -> Option<&RefCell<HashMap<(Kind, String), String>>> {
        Some(&self.titles)
    }
}

impl Store {
    /// Finds contacts, companies, deals and notes whose name, email, phone, company or text
    /// contains every word of `query`, best matches first. `kinds` narrows the kinds searched.
    pub fn search(
        &self,
        query: &str,
        limit: usize,
        kinds: Option<&[Kind]>,
    ) -> Result<Vec<SearchHit>> {
        let folded = fold(query.trim());
        let terms: Vec<&str> = folded.split_whitespace().collect();
        if terms.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let reads = HitReads {
            conn: &self.conn,
            titles: RefCell::new(HashMap::new()),
        };
        let mut parts = Vec::with_capacity(terms.len());
        for t in &terms {
            let own = if t.chars().count() >= 3 {
                format!("{{name email phone company body}} : {}", quote(t))
            } else {
                format!("short : {}", quote(&query_trigram(t)))
            };
            // Or a contact of a company whose name holds the word.
            let tokens = self.company_tokens(&reads, t)?;
            if tokens.is_empty() {
                parts.push(own);
            } else {
                let alternatives: Vec<String> = tokens
                    .iter()
                    .map(|k| format!("company : {}", quote(k)))
                    .collect();
                parts.push(format!("({own} OR {})", alternatives.join(" OR ")));
            }
        }
        let fts_query = parts.join(" AND ");
        let slots: Vec<String> = kinds
            .unwrap_or(&SEARCHABLE)
            .iter()
            .filter_map(|k| slot(*k))
            .map(|s| s.to_string())
            .collect();
        if slots.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH ?1 AND (rowid & {}) IN ({})
             LIMIT ?2",
            (1 << SLOT_BITS) - 1,
            slots.join(", ")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut found = BTreeSet::new();
        let mut run = |query: String, limit: usize| -> Result<usize> {
            let rows = stmt.query_map(params![query, limit as i64], |r| r.get::<_, i64>(0))?;
            let mut n = 0;
            for row in rows {
                found.insert(row?);
                n += 1;
            }
            Ok(n)
        };
        // The main query's first candidates, in rowid order. When they are all its matches,
        // every title that starts with the query is among them; otherwise titles that start
        // with it (and then titles that are it) are looked up by the markers around titles,
        // so the best matches are there however common the query is in other fields. One
        // marker before a query of two or more characters: the first trigram of two markers
        // and a letter is in a large share of all titles, and intersecting it made a query
        // that no title starts with cost twice as much.
        if run(fts_query, CANDIDATES)? == CANDIDATES {
            let start = if folded.chars().count() >= 2 {
                TITLE_MARK.to_string()
            } else {
                TITLE_START.to_string()
            };
            let prefix = format!("name : {}", quote(&format!("{start}{folded}")));
            if run(prefix, TITLE_CANDIDATES)? == TITLE_CANDIDATES {
                let whole = format!("{start}{folded}{TITLE_END}");
                run(format!("name : {}", quote(&whole)), TITLE_CANDIDATES)?;
            }
        }

        let first = terms[0];
        let mut ranked = Vec::with_capacity(found.len());
        for fts in found {
            let Some((kind, rowid)) = record_of(fts) else {
                continue;
            };
            let Some((id, title)) = reads.title_at(kind, rowid)? else {
                continue;
            };
            let key = fold(&title);
            let class = if key == folded {
                0
            } else if key.starts_with(&folded) {
                1
            } else if key
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w.starts_with(first))
            {
                2
            } else if key.contains(first) {
                3
            } else {
                4
            };
            ranked.push((
                (class, kind_rank(kind), title.chars().count(), key),
                (kind, id),
            ));
        }
        ranked.sort_by(|a, b| a.0.cmp(&b.0));
        // Only the hits shown are read whole, for their subtitles.
        let mut hits = Vec::with_capacity(limit.min(ranked.len()));
        for (_, (kind, id)) in ranked.into_iter().take(limit) {
            if let Some(raw) = reads.raw(kind, &id)?
                && let Some(doc) = doc_of(&reads, kind, &raw.stored)?
            {
                hits.push(SearchHit {
                    kind,
                    id,
                    title: doc.title,
                    subtitle: doc.subtitle,
                });
            }
        }
        Ok(hits)
    }

    /// The tokens of the companies (at most [`COMPANY_TOKENS`]) whose name holds `term` as the
    /// rest of the search finds it: as a substring when it has three characters or more, else
    /// as a CJK character or pair or a word's first letters.
    fn company_tokens(&self, reads: &HitReads<'_>, term: &str) -> Result<Vec<String>> {
        let short = term.chars().count() < 3;
        let word = if short {
            format!("short : {}", quote(&query_trigram(term)))
        } else {
            format!("name : {}", quote(term))
        };
        let query = format!("{word} AND body : {}", quote(COMPANY_MARK));
        let Some(company) = slot(Kind::Company) else {
            return Ok(Vec::new());
        };
        let sql = format!(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH ?1 AND (rowid & {}) = {company}
             LIMIT ?2",
            (1 << SLOT_BITS) - 1
        );
        let rowids = self
            .conn
            .prepare_cached(&sql)?
            .query_map(params![query, (4 * COMPANY_TOKENS) as i64], |r| {
                r.get::<_, i64>(0)
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut tokens = Vec::new();
        for fts in rowids {
            let Some((Kind::Company, rowid)) = record_of(fts) else {
                continue;
            };
            let Some((id, title)) = reads.title_at(Kind::Company, rowid)? else {
                continue;
            };
            // The short column holds more than the name's grams (its email's, its domain's).
            let holds = if short {
                let mut blocks = BTreeSet::new();
                short_grams(&title, &mut blocks);
                blocks.iter().any(|b| b.starts_with(term))
            } else {
                fold(&title).contains(term)
            };
            if holds {
                tokens.push(company_token(&id));
                if tokens.len() == COMPANY_TOKENS {
                    break;
                }
            }
        }
        Ok(tokens)
    }

    /// Rebuilds every full-text row from the records (after a bulk load or a repair).
    pub fn rebuild_search_index(&mut self) -> Result<()> {
        self.write(|w| w.rebuild_search())
    }

    /// Rebuilds the full-text rows if a migration asked for it ([`REBUILD_KEY`]) and no other
    /// connection has done it meanwhile.
    pub(super) fn rebuild_search_when_asked(&mut self) -> Result<()> {
        self.write(|w| {
            let asked: Option<String> =
                w.tx.query_row(
                    "SELECT value FROM meta WHERE key = ?1",
                    params![REBUILD_KEY],
                    |r| r.get(0),
                )
                .optional()?;
            match asked {
                Some(_) => w.rebuild_search(),
                None => Ok(()),
            }
        })
    }
}

impl Writer<'_> {
    fn rebuild_search(&mut self) -> Result<()> {
        self.tx.execute(
            "INSERT INTO search_fts (search_fts) VALUES ('delete-all')",
            [],
        )?;
        self.tx
            .execute("DELETE FROM meta WHERE key = ?1", params![REBUILD_KEY])?;
        self.pending_fts.clear();
        for kind in SEARCHABLE {
            let sql = format!(
                "SELECT rowid, id FROM {} WHERE deleted_at IS NULL",
                kind.def().table
            );
            let rows = self
                .tx
                .prepare(&sql)?
                .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for (rowid, id) in rows {
                if let Some(raw) = self.raw(kind, &id)? {
                    self.index_new(kind, rowid, &raw.stored, None)?;
                }
            }
        }
        Ok(())
    }
}
