//! Create, read, update, soft-delete and list records of any kind, driven by the kind's
//! definition in `src/kinds.rs`.
//!
//! Invariants: input is validated completely before anything is written (all issues are
//! reported at once); a record is never physically deleted; every changed field is logged.
//! Identifiers in SQL come only from the static kind definitions, never from input.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{SecondsFormat, Utc};
use rusqlite::types::{ToSqlOutput, Value as SqlValue, ValueRef};
use rusqlite::{OptionalExtension, Row, params, params_from_iter};

use super::{Store, Writer};
use super::{figures, filters};
use crate::error::{Error, FieldIssue, IssueCode, Result};
use crate::model::{
    EntityRecord, FieldDef, FieldType, Input, Kind, KindDef, ListQuery, Page, Value,
};
use crate::values::parse_field;

/// The change-log field of a record's creation (its initial values are reconstructed from the
/// row and the later changes; see `history`).
pub const CREATED: &str = "*";

/// Most rows one list call returns.
pub const MAX_PAGE: u64 = 1000;

/// A field value in its stored SQL form (money in hundredths, booleans as 0/1).
pub fn to_sql(v: &Value) -> SqlValue {
    match v {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Int(i) => SqlValue::Integer(*i),
        Value::Real(r) => SqlValue::Real(*r),
        Value::Text(t) => SqlValue::Text(t.clone()),
    }
}

fn sql_text(t: &str) -> ToSqlOutput<'_> {
    ToSqlOutput::Borrowed(ValueRef::Text(t.as_bytes()))
}

/// A value as SQLite stores it, borrowing its text.
fn sql_ref(v: &Value) -> ToSqlOutput<'_> {
    match v {
        Value::Text(t) => sql_text(t),
        other => ToSqlOutput::Owned(to_sql(other)),
    }
}

/// A stored SQL value as the field's API value (money in major units).
fn from_sql(def: &FieldDef, v: ValueRef<'_>) -> Value {
    match (def.ty, v) {
        (_, ValueRef::Null) => Value::Null,
        (FieldType::Money, ValueRef::Integer(i)) => Value::Real(i as f64 / 100.0),
        (FieldType::Bool, ValueRef::Integer(i)) => Value::Bool(i != 0),
        (_, ValueRef::Integer(i)) => Value::Int(i),
        (_, ValueRef::Real(r)) => Value::Real(r),
        (_, ValueRef::Text(t)) | (_, ValueRef::Blob(t)) => {
            Value::Text(String::from_utf8_lossy(t).into_owned())
        }
    }
}

fn select_sql(def: &KindDef) -> String {
    let cols: Vec<&str> = def.fields.iter().map(|f| f.name).collect();
    format!(
        "SELECT id, created_at, updated_at, deleted_at, {} FROM {}",
        cols.join(", "),
        def.table
    )
}

/// A row read by `select_sql`: metadata plus field values in the stored form.
pub(super) struct RawRecord {
    pub(super) id: String,
    pub(super) created_at: String,
    pub(super) updated_at: String,
    pub(super) deleted_at: Option<String>,
    pub(super) stored: BTreeMap<&'static str, Value>,
}

/// An SQL value as it is stored (no field type applied: money stays in hundredths).
pub(super) fn stored_value(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Int(i),
        ValueRef::Real(r) => Value::Real(r),
        ValueRef::Text(t) | ValueRef::Blob(t) => Value::Text(String::from_utf8_lossy(t).into()),
    }
}

fn read_raw(def: &'static KindDef, row: &Row<'_>) -> rusqlite::Result<RawRecord> {
    let mut stored = BTreeMap::new();
    for (i, f) in def.fields.iter().enumerate() {
        stored.insert(f.name, stored_value(row.get_ref(4 + i)?));
    }
    Ok(RawRecord {
        id: row.get(0)?,
        created_at: row.get(1)?,
        updated_at: row.get(2)?,
        deleted_at: row.get(3)?,
        stored,
    })
}

/// The display title of a record from its stored values and resolved references.
pub(super) fn title_for(
    kind: Kind,
    stored: &BTreeMap<&str, Value>,
    refs: &BTreeMap<String, String>,
) -> String {
    let text = |f: &str| stored.get(f).and_then(Value::to_text).unwrap_or_default();
    let joined = kind
        .def()
        .title
        .iter()
        .map(|f| text(f))
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let fallback = || -> String {
        match kind {
            // A contact known only by its company (a shop's "purchasing" row) is titled by it.
            Kind::Contact => [text("email"), text("phone"), text("customer_no")]
                .into_iter()
                .find(|s| !s.is_empty())
                .or_else(|| refs.get("company_id").filter(|s| !s.is_empty()).cloned())
                .unwrap_or_else(|| "(no name)".into()),
            Kind::Feedback => match stored.get("rating") {
                Some(Value::Int(r)) => format!("Rating {r}/5"),
                _ => "Feedback".into(),
            },
            _ => format!("(untitled {})", kind.def().label.to_lowercase()),
        }
    };
    match kind {
        Kind::Contact if !joined.is_empty() => {
            // Names written in CJK scripts take no space between family and given name.
            let (first, last) = (text("first_name"), text("last_name"));
            if !first.is_empty()
                && !last.is_empty()
                && last.chars().all(crate::values::is_cjk)
                && first.chars().all(crate::values::is_cjk)
            {
                format!("{last}{first}")
            } else {
                joined
            }
        }
        Kind::Relationship | Kind::CampaignMember => {
            let parts: Vec<&str> = refs.values().map(String::as_str).collect();
            let label = if joined.is_empty() {
                String::new()
            } else {
                format!("{joined}: ")
            };
            format!("{label}{}", parts.join(" · "))
        }
        Kind::Feedback if !joined.is_empty() => joined.chars().take(80).collect(),
        _ if joined.is_empty() => fallback(),
        _ => joined,
    }
}

/// The parts of a record's search document that cost the most to work out, made ahead from
/// its values (see `Parsed::prepare_search`): the title they were made for, its folded key,
/// and the short grams of the title and of the email's local part.
#[derive(Debug, Clone)]
pub(super) struct SearchHint {
    pub(super) title: String,
    pub(super) email: String,
    pub(super) name_key: String,
    pub(super) grams: BTreeSet<String>,
}

impl SearchHint {
    /// The hint for a contact with these values (other kinds have none). A contact titled by
    /// its company's name gets a title here that the writer's will not match, and the writer
    /// works it out itself.
    pub(super) fn of(kind: Kind, stored: &BTreeMap<&'static str, Value>) -> Option<SearchHint> {
        if kind != Kind::Contact {
            return None;
        }
        let title = title_for(kind, stored, &BTreeMap::new());
        let email = stored
            .get("email")
            .and_then(Value::to_text)
            .unwrap_or_default();
        let mut grams = BTreeSet::new();
        super::grams::title_and_email_grams(&title, &email, &mut grams);
        Some(SearchHint {
            name_key: crate::values::fold(&title),
            title,
            email,
            grams,
        })
    }
}

/// The connection-level reads shared by [`Store`] and [`Writer`].
pub(super) trait Reads {
    fn conn(&self) -> &rusqlite::Connection;

    /// Titles of live records read during this write, by (kind, id), when there is a cache
    /// (a [`Writer`] keeps one: a bulk import refers to the same companies again and again).
    fn title_cache(&self) -> Option<&RefCell<HashMap<(Kind, String), String>>> {
        None
    }

    fn raw(&self, kind: Kind, id: &str) -> Result<Option<RawRecord>> {
        let def = kind.def();
        let sql = format!("{} WHERE id = ?1", select_sql(def));
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_row(params![id], |r| read_raw(def, r))
            .optional()?)
    }

    /// The rowid of the record of `kind` with `id`, if there is one.
    fn rowid_of(&self, kind: Kind, id: &str) -> Result<Option<i64>> {
        let sql = format!("SELECT rowid FROM {} WHERE id = ?1", kind.def().table);
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_row(params![id], |r| r.get(0))
            .optional()?)
    }

    /// The live record, or `NotFound` / `Deleted`.
    fn live_raw(&self, kind: Kind, id: &str) -> Result<RawRecord> {
        match self.raw(kind, id)? {
            None => Err(Error::NotFound {
                kind,
                id: id.to_string(),
            }),
            Some(RawRecord {
                deleted_at: Some(deleted_at),
                ..
            }) => Err(Error::Deleted {
                kind,
                id: id.to_string(),
                deleted_at,
            }),
            Some(raw) => Ok(raw),
        }
    }

    /// `Ok` if a live record of `kind` has `id`; `NotFound` or `Deleted` otherwise. Reads one
    /// column, not the row: every reference in every write is checked this way.
    fn check_live(&self, kind: Kind, id: &str) -> Result<()> {
        if self
            .title_cache()
            .is_some_and(|c| c.borrow().contains_key(&(kind, id.to_string())))
        {
            return Ok(());
        }
        let sql = format!("SELECT deleted_at FROM {} WHERE id = ?1", kind.def().table);
        let found: Option<Option<String>> = self
            .conn()
            .prepare_cached(&sql)?
            .query_row(params![id], |r| r.get(0))
            .optional()?;
        match found {
            None => Err(Error::NotFound {
                kind,
                id: id.to_string(),
            }),
            Some(Some(deleted_at)) => Err(Error::Deleted {
                kind,
                id: id.to_string(),
                deleted_at,
            }),
            Some(None) => Ok(()),
        }
    }

    /// The title of a record (deleted ones too), if it exists.
    fn title_of(&self, kind: Kind, id: &str) -> Result<Option<String>> {
        Ok(self.raw(kind, id)?.map(|raw| {
            let refs = self.ref_titles(kind, &raw.stored).unwrap_or_default();
            title_for(kind, &raw.stored, &refs)
        }))
    }

    fn ref_titles(
        &self,
        kind: Kind,
        stored: &BTreeMap<&'static str, Value>,
    ) -> Result<BTreeMap<String, String>> {
        let mut refs = BTreeMap::new();
        for f in kind.def().fields.iter().filter(|f| f.ty == FieldType::Ref) {
            if let (Some(Value::Text(id)), Some(target)) = (stored.get(f.name), f.ref_kind) {
                let key = (target, id.clone());
                if let Some(title) = self
                    .title_cache()
                    .and_then(|c| c.borrow().get(&key).cloned())
                {
                    refs.insert(f.name.to_string(), title);
                    continue;
                }
                // Titles of references are shallow: a reference's own references are not
                // followed, which also makes cycles harmless.
                if let Some(raw) = self.raw(target, id)? {
                    let title = title_for(target, &raw.stored, &BTreeMap::new());
                    if let (Some(cache), None) = (self.title_cache(), &raw.deleted_at) {
                        cache.borrow_mut().insert(key, title.clone());
                    }
                    refs.insert(f.name.to_string(), title);
                }
            }
        }
        Ok(refs)
    }

    fn record(&self, kind: Kind, raw: RawRecord) -> Result<EntityRecord> {
        let refs = self.ref_titles(kind, &raw.stored)?;
        let title = title_for(kind, &raw.stored, &refs);
        let def = kind.def();
        let values = def
            .fields
            .iter()
            .map(|f| {
                let v = raw.stored.get(f.name).map_or(Value::Null, |v| {
                    from_sql(
                        f,
                        match v {
                            Value::Null => ValueRef::Null,
                            Value::Int(i) => ValueRef::Integer(*i),
                            Value::Real(r) => ValueRef::Real(*r),
                            Value::Text(t) => ValueRef::Text(t.as_bytes()),
                            Value::Bool(b) => ValueRef::Integer(i64::from(*b)),
                        },
                    )
                });
                (f.name.to_string(), v)
            })
            .collect();
        Ok(EntityRecord {
            kind,
            title,
            values,
            refs,
            tags: self.tags_of(&raw.id)?,
            custom: self.custom_of(&raw.id)?,
            id: raw.id,
            created_at: raw.created_at,
            updated_at: raw.updated_at,
            deleted_at: raw.deleted_at,
        })
    }

    fn tags_of(&self, id: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT t.name FROM tagging g JOIN tag t ON t.id = g.tag_id
             WHERE g.entity_id = ?1 AND g.deleted_at IS NULL ORDER BY t.name COLLATE NOCASE",
        )?;
        let tags = stmt
            .query_map(params![id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(tags)
    }

    fn custom_of(&self, id: &str) -> Result<BTreeMap<String, String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT f.name, v.value FROM custom_value v JOIN custom_field f ON f.id = v.field_id
             WHERE v.entity_id = ?1 AND v.deleted_at IS NULL",
        )?;
        let custom = stmt
            .query_map(params![id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(custom)
    }
}

impl Reads for Store {
    fn conn(&self) -> &rusqlite::Connection {
        &self.conn
    }
}

impl Reads for Writer<'_> {
    fn conn(&self) -> &rusqlite::Connection {
        &self.tx
    }

    fn title_cache(&self) -> Option<&RefCell<HashMap<(Kind, String), String>>> {
        Some(&self.titles)
    }
}

impl Store {
    /// Creates a record from text input. Nothing is written if any field is invalid.
    pub fn create_record(&mut self, kind: Kind, input: &Input) -> Result<EntityRecord> {
        let id = self.write(|w| w.create(kind, input))?;
        self.get_record(kind, &id)
    }

    /// Updates the fields named in `input` (empty text clears a field).
    pub fn update_record(&mut self, kind: Kind, id: &str, input: &Input) -> Result<EntityRecord> {
        self.write(|w| w.update(kind, id, input))?;
        self.get_record(kind, id)
    }

    /// Soft-deletes a record: it keeps its data and history, and disappears from lists.
    pub fn delete_record(&mut self, kind: Kind, id: &str) -> Result<()> {
        self.write(|w| w.delete(kind, id))
    }

    /// A record by id, deleted ones included (with `deleted_at` set, so history and the
    /// "show deleted" list can open them); `NotFound` if there is none. Writes to a deleted
    /// record are refused with `Deleted`.
    pub fn get_record(&self, kind: Kind, id: &str) -> Result<EntityRecord> {
        let raw = self.raw(kind, id)?.ok_or_else(|| Error::NotFound {
            kind,
            id: id.to_string(),
        })?;
        self.record(kind, raw)
    }

    /// The stored values of a record (deleted ones too), if it exists.
    pub(super) fn raw_values(
        &self,
        kind: Kind,
        id: &str,
    ) -> Result<Option<BTreeMap<&'static str, Value>>> {
        Ok(self.raw(kind, id)?.map(|r| r.stored))
    }

    /// Finds which kind of record an id belongs to.
    pub fn kind_of(&self, id: &str) -> Result<Kind> {
        for kind in Kind::ALL {
            let sql = format!("SELECT 1 FROM {} WHERE id = ?1", kind.def().table);
            if self
                .conn
                .prepare_cached(&sql)?
                .query_row(params![id], |_| Ok(()))
                .optional()?
                .is_some()
            {
                return Ok(kind);
            }
        }
        Err(Error::invalid("id", format!("no record has id {id}")))
    }

    /// One window of a kind's records, filtered and sorted.
    pub fn list_records(&self, kind: Kind, query: &ListQuery) -> Result<Page> {
        let def = kind.def();
        let mut clauses: Vec<String> = Vec::new();
        let mut args: Vec<SqlValue> = Vec::new();
        if !query.include_deleted {
            clauses.push("deleted_at IS NULL".into());
        }
        let mut issues = Vec::new();
        for (name, raw) in &query.filters {
            // Any kind: only records with values kept for review (`review=yes`).
            if name == "review" {
                match crate::values::parse_yes_no(raw) {
                    Ok(true) => {
                        clauses.push(super::review::needs_review_clause(def.table));
                        args.push(SqlValue::Text(kind.as_str().into()));
                    }
                    Ok(false) => {
                        clauses.push(format!(
                            "NOT {}",
                            super::review::needs_review_clause(def.table)
                        ));
                        args.push(SqlValue::Text(kind.as_str().into()));
                    }
                    Err(reason) => issues.push(FieldIssue::coded(
                        name.clone(),
                        IssueCode::NotYesNo {
                            value: raw.trim().to_string(),
                            reason,
                        },
                    )),
                }
                continue;
            }
            // Contacts can be filtered by what the analytics stored for them.
            if kind == Kind::Contact
                && let Some(clause) = figures::filter_clause(def.table, name, raw)
            {
                match clause {
                    Ok((sql, arg)) => {
                        clauses.push(sql);
                        args.push(arg);
                    }
                    Err(issue) => issues.push(issue),
                }
                continue;
            }
            let clause = match (name.as_str(), def.field(name)) {
                ("tag", None) => filters::tag_clause(def.table, raw),
                (_, Some(f)) => filters::field_clause(def.table, f, raw),
                (_, None) => {
                    issues.push(unknown_field(def, name));
                    continue;
                }
            };
            match clause {
                Ok((sql, values)) => {
                    clauses.push(sql);
                    args.extend(values.iter().map(to_sql));
                }
                Err(code) => issues.push(FieldIssue::coded(name.clone(), code)),
            }
        }
        if let Some(text) = query
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            // Each title field, email and phone, and the whole title as it is shown: "John
            // Carter", and for CJK names family name first without a space (王芳).
            let mut exprs: Vec<String> = def
                .fields
                .iter()
                .filter(|f| {
                    def.title.contains(&f.name)
                        || matches!(f.ty, FieldType::Email | FieldType::Phone)
                })
                .map(|f| f.name.to_string())
                .collect();
            if let [a, b] = def.title {
                exprs.push(format!("coalesce({a}, '') || ' ' || coalesce({b}, '')"));
                exprs.push(format!("coalesce({b}, '') || coalesce({a}, '')"));
            }
            let like = format!(
                "%{}%",
                text.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            );
            let ors: Vec<String> = exprs
                .iter()
                .map(|c| format!("{c} LIKE ? ESCAPE '\\'"))
                .collect();
            clauses.push(format!("({})", ors.join(" OR ")));
            args.extend(exprs.iter().map(|_| SqlValue::Text(like.clone())));
        }
        let dir = if query.desc { "DESC" } else { "ASC" };
        // Contacts also sort by their stored figures; every other sort is one of the kind's
        // fields (the kind's own sort field by default).
        let order = match &query.sort {
            Some(s) if kind == Kind::Contact && figures::is_figure(s) => {
                figures::sort_expr(def.table, s, dir)
            }
            _ => None,
        };
        let order = match order {
            Some(order) => order,
            None => {
                let field = match &query.sort {
                    Some(s) => def.field(s).ok_or_else(|| Error::Validation {
                        issues: vec![unknown_field(def, s)],
                    })?,
                    None => def
                        .field(def.sort)
                        .expect("a kind's sort field is one of its fields"),
                };
                let text_sort = matches!(field.ty, FieldType::Text | FieldType::Email);
                let collate = if text_sort { " COLLATE NOCASE" } else { "" };
                let mut order = format!("{}{collate} {dir}", field.name);
                if kind == Kind::Contact && field.name == "last_name" {
                    // Matches the (last_name, first_name) index so a million rows page quickly.
                    order.push_str(&format!(", first_name COLLATE NOCASE {dir}"));
                }
                order
            }
        };
        if !issues.is_empty() {
            return Err(Error::Validation { issues });
        }
        let where_sql = if clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", clauses.join(" AND "))
        };
        let total = self.cached_total(
            &format!("SELECT count(*) FROM {}{where_sql}", def.table),
            &args,
        )?;
        // The window's rowids first, from the index alone where one fits (rows skipped by
        // OFFSET are never read), then the rows themselves.
        let sql = format!(
            "{select} WHERE rowid IN (SELECT rowid FROM {table}{where_sql} \
             ORDER BY {order}, rowid {dir} LIMIT ? OFFSET ?) ORDER BY {order}, rowid {dir}",
            select = select_sql(def),
            table = def.table,
        );
        let limit = query.limit.clamp(1, MAX_PAGE) as i64;
        args.push(SqlValue::Integer(limit));
        args.push(SqlValue::Integer(query.offset as i64));
        let raws = self
            .conn
            .prepare_cached(&sql)?
            .query_map(params_from_iter(args.iter()), |r| read_raw(def, r))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let rows: Vec<EntityRecord> = raws
            .into_iter()
            .map(|raw| self.record(kind, raw))
            .collect::<Result<_>>()?;
        let figures = if kind == Kind::Contact {
            let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
            self.row_figures(&ids)?
        } else {
            BTreeMap::new()
        };
        Ok(Page {
            total,
            offset: query.offset,
            rows,
            figures,
        })
    }
}

fn unknown_field(def: &KindDef, name: &str) -> FieldIssue {
    let known: Vec<&str> = def.fields.iter().map(|f| f.name).collect();
    FieldIssue {
        field: name.to_string(),
        reason: format!(
            "{} has no field '{name}' (fields: {})",
            def.label,
            known.join(", ")
        ),
        code: None,
    }
}

/// The fields of which a contact needs at least one: something that says who it is.
pub const CONTACT_IDENTITY: [&str; 6] = [
    "first_name",
    "last_name",
    "email",
    "phone",
    "customer_no",
    "company_id",
];

/// The INSERT statement of a kind's table (all its columns), made once per kind: an import
/// inserts row after row.
fn insert_sql(kind: Kind) -> &'static str {
    static SQL: std::sync::LazyLock<HashMap<Kind, String>> = std::sync::LazyLock::new(|| {
        Kind::ALL
            .iter()
            .map(|kind| {
                let def = kind.def();
                let cols: Vec<&str> = def.fields.iter().map(|f| f.name).collect();
                let marks = vec!["?"; cols.len() + 4].join(", ");
                let sql = format!(
                    "INSERT INTO {} (id, created_at, updated_at, updated_by, {}) VALUES ({marks})",
                    def.table,
                    cols.join(", ")
                );
                (*kind, sql)
            })
            .collect()
    });
    &SQL[&kind]
}

/// Validated input: typed field values (stored form) and custom-field texts. Reading one is
/// pure (no database), so an import reads its rows on its cleaning thread and hands the
/// writer values it does not parse again ([`Writer::create_parsed`]); references to other
/// records are checked when written.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    fields: BTreeMap<&'static str, Value>,
    custom: Vec<(String, String)>,
    /// The search document's costly parts, worked out ahead ([`Parsed::prepare_search`]).
    search: Option<SearchHint>,
}

impl Parsed {
    /// Reads `input` for `kind`: each field's text parsed as the field's type, each
    /// `custom.NAME` checked for its name. Returns what was read and what was refused.
    pub fn read(kind: Kind, input: &Input) -> (Parsed, Vec<FieldIssue>) {
        let mut parsed = Parsed::default();
        let issues = parsed.read_more(kind, input);
        (parsed, issues)
    }

    /// Sets the value read for `field` (replacing one read before), as [`Parsed::read`]
    /// stores it.
    pub fn set(&mut self, field: &'static str, value: Value) {
        let value = match value {
            Value::Bool(b) => Value::Int(i64::from(b)),
            v => v,
        };
        self.fields.insert(field, value);
    }

    /// Forgets the value read for `field`, so that [`Parsed::read_more`] reads it again (its
    /// text was replaced).
    pub fn forget(&mut self, field: &str) {
        self.fields.remove(field);
    }

    /// Works out the costly parts of the search document a record created from these values
    /// will have (its title's folded key and short grams), so that an import does it on its
    /// cleaning thread; the writer uses them only if the title and email it writes are the
    /// ones they were made from.
    pub fn prepare_search(&mut self, kind: Kind) {
        self.search = SearchHint::of(kind, &self.fields);
    }

    /// Reads the entries of `input` not read yet (fields this value has no value for, custom
    /// fields it has no text for); returns what was refused.
    pub fn read_more(&mut self, kind: Kind, input: &Input) -> Vec<FieldIssue> {
        let def = kind.def();
        let mut issues = Vec::new();
        for (key, raw) in input {
            if let Some(name) = key.strip_prefix("custom.") {
                let name = name.trim();
                if self.custom.iter().any(|(n, _)| n == name) {
                    continue;
                }
                if name.is_empty() || name.chars().count() > 100 {
                    issues.push(FieldIssue::coded(
                        key.clone(),
                        IssueCode::CustomFieldName { max: 100 },
                    ));
                } else {
                    self.custom.push((name.to_string(), raw.trim().to_string()));
                }
                continue;
            }
            let Some(f) = def.field(key) else {
                issues.push(unknown_field(def, key));
                continue;
            };
            if self.fields.contains_key(f.name) {
                continue;
            }
            match parse_field(f, raw) {
                Ok(v) => self.set(f.name, v),
                Err(code) => issues.push(FieldIssue::coded(key.clone(), code)),
            }
        }
        issues
    }
}

impl Writer<'_> {
    pub(super) fn now(&self) -> String {
        Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
    }

    fn parse(&self, kind: Kind, input: &Input) -> Result<(Parsed, Vec<FieldIssue>)> {
        let (mut parsed, mut issues) = Parsed::read(kind, input);
        self.check_refs(kind, &mut parsed, &mut issues)?;
        Ok((parsed, issues))
    }

    /// Refuses references to records that do not exist or are deleted (the field is named
    /// in `issues` and left out).
    fn check_refs(
        &self,
        kind: Kind,
        parsed: &mut Parsed,
        issues: &mut Vec<FieldIssue>,
    ) -> Result<()> {
        let def = kind.def();
        let mut refused = Vec::new();
        for (name, v) in &parsed.fields {
            let (Value::Text(id), Some(target)) = (v, def.field(name).and_then(|f| f.ref_kind))
            else {
                continue;
            };
            match self.check_live(target, id) {
                Ok(()) => {}
                Err(e @ (Error::NotFound { .. } | Error::Deleted { .. })) => {
                    issues.push(FieldIssue {
                        field: (*name).to_string(),
                        reason: e.to_string(),
                        code: None,
                    });
                    refused.push(*name);
                }
                Err(e) => return Err(e),
            }
        }
        for name in refused {
            parsed.fields.remove(name);
        }
        Ok(())
    }

    /// Fills derived and default values and checks rules that span fields.
    /// `merged` is the record as it will be; `given` the fields the input named.
    fn apply_rules(
        &self,
        kind: Kind,
        creating: bool,
        merged: &mut BTreeMap<&'static str, Value>,
        given: &BTreeMap<&'static str, Value>,
        issues: &mut Vec<FieldIssue>,
    ) -> Result<()> {
        let set = |m: &BTreeMap<&str, Value>, f: &str| m.get(f).is_some_and(|v| !v.is_null());
        let default = |m: &mut BTreeMap<&'static str, Value>, f: &'static str, v: Value| {
            if creating && !set(m, f) {
                m.insert(f, v);
            }
        };
        match kind {
            Kind::Contact => {
                // A customer number alone identifies a shop's customer (a purchase log names
                // its buyers by nothing else); a company alone, the person one deals with there.
                if !CONTACT_IDENTITY.iter().any(|f| set(merged, f)) {
                    issues.push(FieldIssue::coded("first_name", IssueCode::ContactIdentity));
                }
            }
            Kind::Deal => {
                if let Some(Value::Text(stage)) = given.get("stage")
                    && !given.contains_key("probability")
                    && let Some(p) = self.stage_probability(stage)?
                {
                    merged.insert("probability", Value::Int(p));
                }
                if set(merged, "value") {
                    default(merged, "currency", Value::Text("USD".into()));
                }
                if let Some(Value::Text(stage)) = given.get("stage")
                    && (stage == "won" || stage == "lost")
                    && !set(merged, "closed_on")
                {
                    merged.insert("closed_on", Value::Text(self.now()[..10].to_string()));
                }
                // A deal moved back into the pipeline is open again: no closing day; a deal
                // not lost has no reason it was lost (unless the edit gives them).
                if let Some(Value::Text(stage)) = given.get("stage") {
                    let open = stage != "won" && stage != "lost";
                    for (field, clear) in [("closed_on", open), ("lost_reason", stage != "lost")] {
                        if clear && !given.contains_key(field) && set(merged, field) {
                            merged.insert(field, Value::Null);
                        }
                    }
                }
            }
            Kind::Activity => {
                let is_task = matches!(merged.get("kind"), Some(Value::Text(k)) if k == "task");
                default(merged, "done", Value::Int(0));
                if !is_task {
                    default(merged, "occurred_at", Value::Text(self.now()));
                }
            }
            Kind::Order => {
                default(merged, "status", Value::Text("placed".into()));
                default(merged, "currency", Value::Text("USD".into()));
            }
            Kind::OrderLine => {
                default(merged, "quantity", Value::Real(1.0));
                if !given.contains_key("amount")
                    && let (Some(q), Some(Value::Int(p))) =
                        (number(merged.get("quantity")), merged.get("unit_price"))
                {
                    merged.insert("amount", Value::Int((q * *p as f64).round() as i64));
                }
            }
            Kind::Product => {
                default(merged, "active", Value::Int(1));
                default(merged, "currency", Value::Text("USD".into()));
            }
            Kind::Ticket => {
                default(merged, "status", Value::Text("new".into()));
                default(merged, "priority", Value::Text("normal".into()));
                default(merged, "opened_at", Value::Text(self.now()));
                // A move through the queue stamps its moments once: leaving `new` is the
                // first response (at the resolution, when that is already known and earlier),
                // resolving or closing is the resolution; reopening takes the resolution back.
                if let Some(Value::Text(s)) = given.get("status") {
                    let open = crate::kinds::ticket_is_open(s);
                    if s != "new" && !set(merged, "first_response_at") {
                        let now = self.now();
                        let at = match merged.get("resolved_at") {
                            Some(Value::Text(r)) if !open && *r < now => r.clone(),
                            _ => now,
                        };
                        merged.insert("first_response_at", Value::Text(at));
                    }
                    if !open && !set(merged, "resolved_at") {
                        merged.insert("resolved_at", Value::Text(self.now()));
                    }
                    if open && !given.contains_key("resolved_at") && set(merged, "resolved_at") {
                        merged.insert("resolved_at", Value::Null);
                    }
                }
            }
            Kind::Campaign => default(merged, "status", Value::Text("planned".into())),
            Kind::CampaignMember => default(merged, "status", Value::Text("invited".into())),
            Kind::Feedback => {
                default(merged, "received_at", Value::Text(self.now()));
                if !set(merged, "rating") && !set(merged, "nps") && !set(merged, "comment") {
                    issues.push(FieldIssue::coded("rating", IssueCode::FeedbackContent));
                }
            }
            Kind::Company | Kind::Relationship => {}
        }
        if kind == Kind::Relationship
            && !set(merged, "other_contact_id")
            && !set(merged, "company_id")
        {
            issues.push(FieldIssue::coded(
                "other_contact_id",
                IssueCode::RelationshipTarget,
            ));
        }
        for (start, end) in [("started_on", "ended_on"), ("starts_on", "ends_on")] {
            if let (Some(Value::Text(a)), Some(Value::Text(b))) =
                (merged.get(start), merged.get(end))
                && b < a
            {
                issues.push(FieldIssue::coded(
                    end,
                    IssueCode::EndsBeforeStart {
                        start: a.clone(),
                        end: b.clone(),
                    },
                ));
            }
        }
        for f in kind.def().fields.iter().filter(|f| f.required) {
            if !set(merged, f.name) {
                issues.push(FieldIssue::coded(
                    f.name,
                    IssueCode::Required {
                        label: f.label.to_string(),
                    },
                ));
            }
        }
        Ok(())
    }

    /// Creates a record; returns its id.
    pub fn create(&mut self, kind: Kind, input: &Input) -> Result<String> {
        let (parsed, issues) = self.parse(kind, input)?;
        self.create_checked(kind, parsed, issues)
    }

    /// Creates a record from input read beforehand ([`Parsed::read`]); its references are
    /// checked here, its rules applied as by [`Writer::create`].
    pub fn create_parsed(&mut self, kind: Kind, mut parsed: Parsed) -> Result<String> {
        let mut issues = Vec::new();
        self.check_refs(kind, &mut parsed, &mut issues)?;
        self.create_checked(kind, parsed, issues)
    }

    fn create_checked(
        &mut self,
        kind: Kind,
        mut parsed: Parsed,
        mut issues: Vec<FieldIssue>,
    ) -> Result<String> {
        // A form sends every field; on create an empty one means "not given", so defaults
        // (a deal stage's probability, an order line's amount) still apply.
        parsed.fields.retain(|_, v| !v.is_null());
        let mut merged = parsed.fields.clone();
        self.apply_rules(kind, true, &mut merged, &parsed.fields, &mut issues)?;
        if !issues.is_empty() {
            return Err(Error::Validation { issues });
        }
        let id = uuid::Uuid::now_v7().to_string();
        let rowid = self.insert(kind, &id, &merged)?;
        for (name, value) in &parsed.custom {
            self.set_custom(kind, &id, name, value)?;
        }
        self.index_new(kind, rowid, &merged, parsed.search.take())?;
        if kind == Kind::OrderLine
            && let Some(Value::Text(order)) = merged.get("order_id")
        {
            self.recompute_order_total(order)?;
        }
        Ok(id)
    }

    fn insert(
        &mut self,
        kind: Kind,
        id: &str,
        values: &BTreeMap<&'static str, Value>,
    ) -> Result<i64> {
        let def = kind.def();
        let mut args = vec![
            sql_text(id),
            sql_text(&self.at),
            sql_text(&self.clock),
            sql_text(self.device),
        ];
        args.extend(def.fields.iter().map(|f| {
            values
                .get(f.name)
                .map_or(ToSqlOutput::Borrowed(ValueRef::Null), sql_ref)
        }));
        self.tx
            .prepare_cached(insert_sql(kind))?
            .execute(params_from_iter(args))?;
        let rowid = self.tx.last_insert_rowid();
        // One log entry for the whole creation. The initial values are not repeated in it:
        // they are the row's values before its later changes, and history rebuilds them.
        self.log(kind, id, CREATED, &Value::Null, &Value::Null)?;
        Ok(rowid)
    }

    /// Updates the fields named in `input`; returns whether anything changed.
    pub fn update(&mut self, kind: Kind, id: &str, input: &Input) -> Result<bool> {
        let current = self.live_raw(kind, id)?;
        let (parsed, mut issues) = self.parse(kind, input)?;
        let mut merged = current.stored.clone();
        merged.extend(parsed.fields.iter().map(|(k, v)| (*k, v.clone())));
        self.apply_rules(kind, false, &mut merged, &parsed.fields, &mut issues)?;
        if !issues.is_empty() {
            return Err(Error::Validation { issues });
        }
        let changes: Vec<(&'static str, Value)> = merged
            .into_iter()
            .filter(|(k, v)| current.stored.get(k) != Some(v))
            .collect();
        let mut changed = self.set_fields(kind, id, &current.stored, &changes)?;
        if changed {
            // A value kept for review is settled once its field is given a value.
            self.resolve_flags(
                id,
                changes
                    .iter()
                    .filter(|(_, v)| *v != Value::Null)
                    .map(|(k, _)| *k),
            )?;
        }
        for (name, value) in &parsed.custom {
            changed |= self.set_custom(kind, id, name, value)?;
        }
        Ok(changed)
    }

    /// Writes changed stored values of a live record, logs them and keeps derived data right.
    pub(super) fn set_fields(
        &mut self,
        kind: Kind,
        id: &str,
        before: &BTreeMap<&'static str, Value>,
        changes: &[(&'static str, Value)],
    ) -> Result<bool> {
        if changes.is_empty() {
            return Ok(false);
        }
        self.titles.borrow_mut().remove(&(kind, id.to_string()));
        let def = kind.def();
        let sets: Vec<String> = changes.iter().map(|(k, _)| format!("{k} = ?")).collect();
        let sql = format!(
            "UPDATE {} SET updated_at = ?, updated_by = ?, {} WHERE id = ?",
            def.table,
            sets.join(", ")
        );
        let mut args = vec![
            SqlValue::Text(self.clock.clone()),
            SqlValue::Text(self.device.to_string()),
        ];
        args.extend(changes.iter().map(|(_, v)| to_sql(v)));
        args.push(SqlValue::Text(id.to_string()));
        self.tx
            .prepare_cached(&sql)?
            .execute(params_from_iter(args))?;
        for (k, v) in changes {
            self.log(kind, id, k, before.get(k).unwrap_or(&Value::Null), v)?;
        }
        let mut after = before.clone();
        after.extend(changes.iter().map(|(k, v)| (*k, v.clone())));
        self.after_write(kind, id, &after)?;
        if kind == Kind::OrderLine
            && let Some(Value::Text(old_order)) = before.get("order_id")
            && after.get("order_id") != before.get("order_id")
        {
            self.recompute_order_total(old_order)?;
        }
        Ok(true)
    }

    /// Soft-deletes a live record.
    pub fn delete(&mut self, kind: Kind, id: &str) -> Result<()> {
        let current = self.live_raw(kind, id)?;
        self.titles.borrow_mut().remove(&(kind, id.to_string()));
        let now = self.now();
        let sql = format!(
            "UPDATE {} SET deleted_at = ?1, updated_at = ?2, updated_by = ?3 WHERE id = ?4",
            kind.def().table
        );
        self.tx
            .prepare_cached(&sql)?
            .execute(params![now, self.clock, self.device, id])?;
        self.log(kind, id, "deleted_at", &Value::Null, &Value::Text(now))?;
        self.unindex(kind, id)?;
        if kind == Kind::OrderLine
            && let Some(Value::Text(order)) = current.stored.get("order_id")
        {
            self.recompute_order_total(order)?;
        }
        Ok(())
    }

    /// Keeps search documents and order totals in step with a write.
    fn after_write(
        &mut self,
        kind: Kind,
        id: &str,
        stored: &BTreeMap<&'static str, Value>,
    ) -> Result<()> {
        self.reindex(kind, id)?;
        if kind == Kind::OrderLine
            && let Some(Value::Text(order)) = stored.get("order_id")
        {
            self.recompute_order_total(order)?;
        }
        Ok(())
    }

    /// Sets an order's total to the sum of its live lines (when it has any).
    fn recompute_order_total(&mut self, order_id: &str) -> Result<()> {
        let sum: Option<i64> = self
            .tx
            .prepare_cached(
                "SELECT sum(amount) FROM order_line WHERE order_id = ?1 AND deleted_at IS NULL",
            )?
            .query_row(params![order_id], |r| r.get(0))?;
        let Some(sum) = sum else { return Ok(()) };
        let order = self.live_raw(Kind::Order, order_id)?;
        let total = Value::Int(sum);
        if order.stored.get("total") != Some(&total) {
            self.set_fields(Kind::Order, order_id, &order.stored, &[("total", total)])?;
        }
        Ok(())
    }
}

fn number(v: Option<&Value>) -> Option<f64> {
    match v {
        Some(Value::Real(r)) => Some(*r),
        Some(Value::Int(i)) => Some(*i as f64),
        _ => None,
    }
}
