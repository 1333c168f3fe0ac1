//! Type-ahead search over contacts, companies, deals and notes.
//!
//! One contentless FTS5 table with the trigram tokenizer finds any substring of three or more
//! characters. Shorter queries (a Chinese surname 李, a two-character name 李明, 茶叶 inside a
//! company name, the first letters of a word) are found through the `short` column, which holds
//! every CJK character and character pair and the one- and two-letter prefixes of other words,
//! each padded to three characters with U+E000 so that it is exactly one trigram (and written
//! without separators, see `Writer::write_doc`). Every query
//! is therefore an index lookup, never a scan. Results are ranked in Rust: exact title, title
//! prefix, word prefix, title substring, then other fields; contacts before companies, deals
//! and notes; shorter titles first.
//!
//! Invariant: `search_doc` and `search_fts` hold one row per live searchable record, kept in
//! step by every write in the same transaction ([`Writer::reindex`]).
//!
//! A write's new full-text rows are held back and written together before it commits
//! ([`Writer::flush_search`]): FTS5 writes its pending terms out as a new segment whenever a
//! statement opens a savepoint (an insert into a table with triggers, an update of a row with
//! foreign keys, an `INSERT … SELECT`), so rows written one by one between such statements made
//! one tiny segment per imported row, and the merging of those dominated a large import.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{OptionalExtension, params, params_from_iter};

use super::grams::{pad, short_grams, title_and_email_grams};
use super::records::{Reads, SearchHint};
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

/// The kinds that have search documents.
pub const SEARCHABLE: [Kind; 4] = [Kind::Contact, Kind::Company, Kind::Deal, Kind::Activity];

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

fn kind_rank(kind: &str) -> u8 {
    match kind {
        "contact" => 0,
        "company" => 1,
        "deal" => 2,
        _ => 3,
    }
}

/// An FTS5 string literal.
fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

impl Writer<'_> {
    fn doc(&self, kind: Kind, id: &str) -> Result<Option<Doc>> {
        let Some(raw) = self.raw(kind, id)? else {
            return Ok(None);
        };
        if raw.deleted_at.is_some() {
            return Ok(None);
        }
        self.doc_of(kind, &raw.stored)
    }

    /// The search document of a live record with these stored values.
    fn doc_of(&self, kind: Kind, stored: &BTreeMap<&'static str, Value>) -> Result<Option<Doc>> {
        let text = |f: &str| stored.get(f).and_then(Value::to_text).unwrap_or_default();
        if kind == Kind::Activity && text("kind") != "note" {
            return Ok(None);
        }
        let refs = self.ref_titles(kind, stored)?;
        let title = super::records::title_for(kind, stored, &refs);
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
                company: reference("company_id"),
                body: join(&[text("job_title"), text("city"), text("customer_no")]),
                title,
            },
            Kind::Company => Doc {
                subtitle: join(&[text("industry"), text("city"), text("country")]),
                email: text("email"),
                phone: phone(text("phone")),
                company: text("domain"),
                body: text("industry"),
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

    /// Brings the search document of a record (and of records that show its title) up to date.
    pub(super) fn reindex(&mut self, kind: Kind, id: &str) -> Result<()> {
        if !SEARCHABLE.contains(&kind) {
            return Ok(());
        }
        self.index_one(kind, id)?;
        if kind == Kind::Company || kind == Kind::Contact {
            // Contacts, deals and notes show their company's (or contact's) name.
            let mut dependants = Vec::new();
            for (table, dep_kind) in [
                ("contact", Kind::Contact),
                ("deal", Kind::Deal),
                ("activity", Kind::Activity),
            ] {
                if kind == Kind::Contact && dep_kind == Kind::Contact {
                    continue;
                }
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

    /// Indexes a record just created with `stored` (it has no document and no dependants yet).
    pub(super) fn index_new(
        &mut self,
        kind: Kind,
        id: &str,
        stored: &BTreeMap<&'static str, Value>,
        hint: Option<SearchHint>,
    ) -> Result<()> {
        if !SEARCHABLE.contains(&kind) {
            return Ok(());
        }
        match self.doc_of(kind, stored)? {
            Some(doc) => {
                let hint = hint.filter(|h| h.title == doc.title && h.email == doc.email);
                self.write_doc(kind, id, doc, None, hint)
            }
            None => Ok(()),
        }
    }

    fn index_one(&mut self, kind: Kind, id: &str) -> Result<()> {
        let Some(doc) = self.doc(kind, id)? else {
            return self.unindex(id);
        };
        let existing: Option<i64> = self
            .tx
            .prepare_cached("SELECT rowid FROM search_doc WHERE entity_id = ?1")?
            .query_row(params![id], |r| r.get(0))
            .optional()?;
        self.write_doc(kind, id, doc, existing, None)
    }

    /// Writes a document (replacing the one at `existing`, if any); `hint`, when given, was
    /// made for this document's title and email.
    fn write_doc(
        &mut self,
        kind: Kind,
        id: &str,
        doc: Doc,
        existing: Option<i64>,
        hint: Option<SearchHint>,
    ) -> Result<()> {
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
        // One after another, no separator: the trigram tokenizer makes a token of every
        // three characters, and a window across two padded grams either starts with the
        // padding or ends with the next gram's first letter, so it is never a query's gram
        // (which is a letter or two, then padding); a space between them made a third more
        // windows to index for nothing.
        let short: String = grams.iter().map(|g| pad(g)).collect();
        let rowid = match existing {
            Some(rowid) => {
                self.drop_fts(rowid)?;
                self.tx
                    .prepare_cached(
                        "UPDATE search_doc SET title = ?2, subtitle = ?3, name_key = ?4
                         WHERE rowid = ?1",
                    )?
                    .execute(params![rowid, doc.title, doc.subtitle, name_key])?;
                rowid
            }
            None => {
                self.tx
                    .prepare_cached(
                        "INSERT INTO search_doc (kind, entity_id, title, subtitle, name_key)
                         VALUES (?1, ?2, ?3, ?4, ?5)",
                    )?
                    .execute(params![
                        kind.as_str(),
                        id,
                        doc.title,
                        doc.subtitle,
                        name_key
                    ])?;
                self.tx.last_insert_rowid()
            }
        };
        self.pending_fts.insert(
            rowid,
            [
                doc.title,
                doc.email,
                doc.phone,
                doc.company,
                doc.body,
                short,
            ],
        );
        if self.pending_fts.len() >= PENDING_FTS_ROWS {
            self.flush_search()?;
        }
        Ok(())
    }

    /// Removes the full-text row `rowid`: from the rows not written yet, or from the index.
    fn drop_fts(&mut self, rowid: i64) -> Result<()> {
        if self.pending_fts.remove(&rowid).is_none() {
            self.tx
                .prepare_cached("DELETE FROM search_fts WHERE rowid = ?1")?
                .execute(params![rowid])?;
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

    /// Removes a record's search document, if it has one.
    pub(super) fn unindex(&mut self, id: &str) -> Result<()> {
        let existing: Option<i64> = self
            .tx
            .prepare_cached("SELECT rowid FROM search_doc WHERE entity_id = ?1")?
            .query_row(params![id], |r| r.get(0))
            .optional()?;
        if let Some(rowid) = existing {
            self.drop_fts(rowid)?;
            self.tx
                .prepare_cached("DELETE FROM search_doc WHERE rowid = ?1")?
                .execute(params![rowid])?;
        }
        Ok(())
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
        let fts_query = terms
            .iter()
            .map(|t| {
                if t.chars().count() >= 3 {
                    format!("{{name email phone company body}} : {}", quote(t))
                } else {
                    format!("short : {}", quote(&pad(t)))
                }
            })
            .collect::<Vec<_>>()
            .join(" AND ");
        let kind_names: Vec<&str> = kinds
            .unwrap_or(&SEARCHABLE)
            .iter()
            .map(|k| k.as_str())
            .collect();
        let marks = vec!["?"; kind_names.len()].join(", ");
        let mut args: Vec<String> = vec![fts_query];
        args.extend(kind_names.iter().map(|k| k.to_string()));
        let sql = format!(
            "SELECT d.rowid, d.kind, d.entity_id, d.title, d.subtitle, d.name_key
             FROM search_fts f JOIN search_doc d ON d.rowid = f.rowid
             WHERE search_fts MATCH ? AND d.kind IN ({marks}) LIMIT {CANDIDATES}"
        );
        let mut found: BTreeMap<i64, (String, String, String, String, String)> = BTreeMap::new();
        let mut collect = |sql: &str, args: &[String]| -> Result<()> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map(params_from_iter(args.iter()), |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?),
                ))
            })?;
            for row in rows {
                let (rowid, doc) = row?;
                found.insert(rowid, doc);
            }
            Ok(())
        };
        collect(&sql, &args)?;
        // Title prefixes from the B-tree, so the best matches are there however common the
        // query is among other fields.
        let prefix_sql = format!(
            "SELECT rowid, kind, entity_id, title, subtitle, name_key FROM search_doc
             WHERE name_key >= ? AND name_key < ? AND kind IN ({marks}) LIMIT 50"
        );
        let mut prefix_args = vec![folded.clone(), format!("{folded}\u{10FFFF}")];
        prefix_args.extend(kind_names.iter().map(|k| k.to_string()));
        collect(&prefix_sql, &prefix_args)?;

        let first = terms[0];
        let mut ranked: Vec<((u8, u8, usize, String), SearchHit)> = found
            .into_values()
            .filter_map(|(kind, id, title, subtitle, key)| {
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
                let kind_parsed: Kind = kind.parse().ok()?;
                Some((
                    (class, kind_rank(&kind), title.chars().count(), key),
                    SearchHit {
                        kind: kind_parsed,
                        id,
                        title,
                        subtitle,
                    },
                ))
            })
            .collect();
        ranked.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(ranked.into_iter().take(limit).map(|(_, hit)| hit).collect())
    }

    /// Rebuilds every search document from the records (after a bulk load or a repair).
    pub fn rebuild_search_index(&mut self) -> Result<()> {
        self.write(|w| {
            w.tx.execute_batch("DELETE FROM search_fts; DELETE FROM search_doc;")?;
            for kind in SEARCHABLE {
                let sql = format!(
                    "SELECT id FROM {} WHERE deleted_at IS NULL",
                    kind.def().table
                );
                let ids =
                    w.tx.prepare(&sql)?
                        .query_map([], |r| r.get::<_, String>(0))?
                        .collect::<rusqlite::Result<Vec<_>>>()?;
                for id in ids {
                    w.index_one(kind, &id)?;
                }
            }
            Ok(())
        })
    }
}
