//! Finding duplicate contacts and companies already in Kith, and merging records.
//!
//! A merge keeps every value: the winner keeps its fields and gains the ones it lacked; the
//! losers' differing values are written into the winner's history (field `merged_from`), and
//! the losers themselves are tombstoned with their data intact. Everything that pointed at a
//! loser (activities, deals, orders, tickets, feedback, relationships, campaign memberships)
//! is moved to the winner, and the losers' tags and custom fields are carried over.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::batch::MatchBy;
use super::records::Reads;
use super::{Store, Writer};
use crate::error::{Error, Result};
use crate::model::{EntityRecord, Input, Kind, Value};
use crate::values::fold;

/// Most groups one search for duplicates returns.
const MAX_GROUPS: usize = 500;

/// Records that look like the same person or company.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DuplicateGroup {
    /// Their kind.
    pub kind: Kind,
    /// The records, oldest first (the oldest is the suggested winner).
    pub records: Vec<EntityRecord>,
    /// What they share, in words ("same email a@b.com").
    pub reason: String,
    /// The strongest key they share.
    pub by: MatchBy,
    /// How sure, 0–100.
    pub score: u8,
}

/// What a merge did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MergeReport {
    /// The merged record as it is now.
    pub winner: EntityRecord,
    /// The ids merged into it (now deleted).
    pub merged: Vec<String>,
    /// Fields of the winner filled from the others.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub filled: u64,
    /// Records that pointed at the others and now point at the winner.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub moved: u64,
}

/// Union-find over row indexes.
struct Groups {
    parent: Vec<usize>,
    why: HashMap<usize, (MatchBy, u8, String)>,
}

impl Groups {
    fn new(n: usize) -> Groups {
        Groups {
            parent: (0..n).collect(),
            why: HashMap::new(),
        }
    }

    fn root(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn join(&mut self, a: usize, b: usize, by: MatchBy, score: u8, reason: String) {
        let (ra, rb) = (self.root(a), self.root(b));
        let best = [
            self.why.remove(&ra),
            self.why.remove(&rb),
            Some((by, score, reason)),
        ]
        .into_iter()
        .flatten()
        .max_by_key(|w| w.1);
        let root = ra.min(rb);
        self.parent[ra] = root;
        self.parent[rb] = root;
        if let Some(w) = best {
            self.why.insert(root, w);
        }
    }
}

/// The digits of a phone number, when there are enough to identify one.
fn phone_key(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= 7).then_some(digits)
}

/// A company name without case, accents, punctuation or legal form.
fn company_key(name: &str) -> String {
    const FORMS: [&str; 14] = [
        "inc",
        "ltd",
        "llc",
        "gmbh",
        "ag",
        "sa",
        "sarl",
        "sl",
        "co",
        "corp",
        "limited",
        "plc",
        "有限公司",
        "股份有限公司",
    ];
    let folded = fold(name);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !FORMS.contains(w))
        .collect();
    let mut key = words.join(" ");
    for form in ["股份有限公司", "有限公司"] {
        if let Some(stripped) = key.strip_suffix(form) {
            key = stripped.trim().to_string();
        }
    }
    key
}

impl Store {
    /// Groups of live contacts or companies that look like duplicates: the same email, phone
    /// number or name (at the same company) for contacts; the same web domain or name (legal
    /// form ignored) for companies. At most 500 groups, the surest first.
    pub fn find_duplicates(&self, kind: Kind) -> Result<Vec<DuplicateGroup>> {
        let (sql, keys): (&str, &[(&str, MatchBy, u8)]) = match kind {
            Kind::Contact => (
                "SELECT c.id, c.email, c.phone,
                        coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, ''),
                        coalesce(c.company_id, '')
                 FROM contact c WHERE c.deleted_at IS NULL ORDER BY c.rowid",
                &[
                    ("email", MatchBy::Email, 100),
                    ("phone", MatchBy::Phone, 95),
                    ("name", MatchBy::Name, 90),
                ],
            ),
            Kind::Company => (
                "SELECT id, domain, NULL, name, '' FROM company WHERE deleted_at IS NULL
                 ORDER BY rowid",
                &[
                    ("domain", MatchBy::Domain, 100),
                    ("name", MatchBy::Name, 95),
                ],
            ),
            _ => {
                return Err(Error::invalid(
                    "kind",
                    format!("duplicates are found among contacts and companies, not {kind}"),
                ));
            }
        };
        let mut ids = Vec::new();
        // The exact keys (email or domain, phone) of each row: a name match between two rows
        // whose keys contradict (two different emails) is two people, not one.
        let mut exact: Vec<[Option<String>; 2]> = Vec::new();
        let mut seen: Vec<HashMap<String, Vec<usize>>> = vec![HashMap::new(); keys.len()];
        let mut pairs = Vec::new();
        let mut stmt = self.conn.prepare(sql)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let i = ids.len();
            ids.push(r.get::<_, String>(0)?);
            let email: Option<String> = r.get(1)?;
            let phone: Option<String> = r.get(2)?;
            let name: String = r.get(3)?;
            let company: String = r.get(4)?;
            exact.push([
                email
                    .as_deref()
                    .filter(|e| !e.is_empty())
                    .map(str::to_lowercase),
                phone.as_deref().and_then(phone_key),
            ]);
            let values: Vec<Option<(String, String)>> = match kind {
                Kind::Contact => vec![
                    email
                        .filter(|e| !e.is_empty())
                        .map(|e| (e.to_lowercase(), format!("same email {e}"))),
                    phone
                        .as_deref()
                        .and_then(|p| phone_key(p).map(|k| (k, format!("same phone {p}")))),
                    Some(fold(name.trim()))
                        .filter(|n| n.contains(' ') && !n.starts_with(' ') && !n.ends_with(' '))
                        .map(|n| {
                            (
                                format!("{n}\u{1}{company}"),
                                format!("same name {}", name.trim()),
                            )
                        }),
                ],
                _ => vec![
                    email
                        .filter(|d| !d.is_empty())
                        .map(|d| (d.to_lowercase(), format!("same web domain {d}"))),
                    Some(company_key(&name))
                        .filter(|k| !k.is_empty())
                        .map(|k| (k, format!("same name {name}"))),
                ],
            };
            for (k, v) in values.into_iter().enumerate() {
                let Some((key, reason)) = v else { continue };
                let earlier = seen[k].entry(key).or_default();
                // What must not contradict: nothing for the same email or domain; the email for
                // the same phone (a shared office line is not one person); both for a name.
                let checked: &[usize] = match k {
                    0 => &[],
                    1 if kind == Kind::Contact => &[0],
                    _ => &[0, 1],
                };
                let agrees = |j: &&usize| {
                    checked
                        .iter()
                        .all(|&c| match (&exact[**j][c], &exact[i][c]) {
                            (Some(a), Some(b)) => a == b,
                            _ => true,
                        })
                };
                match earlier.iter().find(agrees) {
                    Some(&j) => pairs.push((j, i, keys[k].1, keys[k].2, reason)),
                    // A few earlier rows per key are kept to compare with (a very common
                    // name is not compared with every namesake).
                    None if earlier.len() < 20 => earlier.push(i),
                    None => {}
                }
            }
        }
        drop(rows);
        let mut groups = Groups::new(ids.len());
        for (a, b, by, score, reason) in pairs {
            groups.join(a, b, by, score, reason);
        }
        let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..ids.len() {
            let r = groups.root(i);
            members.entry(r).or_default().push(i);
        }
        let mut found: Vec<(usize, Vec<usize>)> =
            members.into_iter().filter(|(_, m)| m.len() > 1).collect();
        found.sort_by_key(|(root, m)| {
            let score = groups.why.get(root).map_or(0, |w| w.1);
            (std::cmp::Reverse(score), std::cmp::Reverse(m.len()), *root)
        });
        found
            .into_iter()
            .take(MAX_GROUPS)
            .map(|(root, m)| {
                let (by, score, reason) =
                    groups
                        .why
                        .get(&root)
                        .cloned()
                        .unwrap_or((MatchBy::Name, 0, String::new()));
                Ok(DuplicateGroup {
                    kind,
                    records: m
                        .iter()
                        .map(|i| self.get_record(kind, &ids[*i]))
                        .collect::<Result<_>>()?,
                    reason,
                    by,
                    score,
                })
            })
            .collect()
    }

    /// Merges records of one kind into the first (the winner). See the module docs.
    pub fn merge_records(&mut self, kind: Kind, ids: &[String]) -> Result<MergeReport> {
        let [winner, losers @ ..] = ids else {
            return Err(Error::invalid("ids", "name the records to merge"));
        };
        if losers.is_empty() {
            return Err(Error::invalid("ids", "a merge needs at least two records"));
        }
        for (i, id) in ids.iter().enumerate() {
            if ids[..i].contains(id) {
                return Err(Error::invalid("ids", format!("{id} is named twice")));
            }
        }
        self.auto_backup("before-merge")?;
        let (filled, moved) = self.write(|w| {
            let mut filled = 0;
            let mut moved = 0;
            for loser in losers {
                let (f, m) = merge_one(w, kind, winner, loser)?;
                filled += f;
                moved += m;
            }
            Ok((filled, moved))
        })?;
        Ok(MergeReport {
            winner: self.get_record(kind, winner)?,
            merged: losers.to_vec(),
            filled,
            moved,
        })
    }
}

fn merge_one(w: &mut Writer<'_>, kind: Kind, winner: &str, loser: &str) -> Result<(u64, u64)> {
    let win = w.live_raw(kind, winner)?;
    let lose = w.live_raw(kind, loser)?;
    let lose_record = w.record(kind, w.live_raw(kind, loser)?)?;
    let win_record = w.record(kind, w.live_raw(kind, winner)?)?;
    // Fields the winner lacks come from the loser; differing ones go into history.
    let mut fill = Vec::new();
    let mut differing = serde_json::Map::new();
    for f in kind.def().fields {
        match (win.stored.get(f.name), lose.stored.get(f.name)) {
            (_, None | Some(Value::Null)) => {}
            (None | Some(Value::Null), Some(v)) => fill.push((f.name, v.clone())),
            (Some(a), Some(b)) if a != b => {
                differing.insert(f.name.into(), serde_json::to_value(b).unwrap_or_default());
            }
            _ => {}
        }
    }
    for (name, value) in &lose_record.custom {
        match win_record.custom.get(name) {
            None => {
                w.set_custom(kind, winner, name, value)?;
            }
            Some(mine) if mine != value => {
                differing.insert(format!("custom.{name}"), value.clone().into());
            }
            Some(_) => {}
        }
    }
    let filled = fill.len() as u64;
    w.set_fields(kind, winner, &win.stored, &fill)?;
    for tag in &lose_record.tags {
        w.tag(kind, winner, tag)?;
    }
    let note = serde_json::json!({ "id": loser, "title": lose_record.title, "values": differing });
    w.log(
        kind,
        winner,
        "merged_from",
        &Value::Null,
        &Value::Text(note.to_string()),
    )?;
    // Everything that pointed at the loser now points at the winner.
    let referrers = w.referrers(kind, loser)?;
    let moved = referrers.len() as u64;
    for (other, field, id) in referrers {
        let input: Input = [(field.to_string(), winner.to_string())].into();
        w.update(other, &id, &input)?;
    }
    w.delete(kind, loser)?;
    Ok((filled, moved))
}
