//! A list's filters by its own fields and tags, as `ListQuery.filters` names them: the SQL
//! clause each makes. One value a field: `stage=won`; several of a choice: `stage=lead|qualified`;
//! a comparison of a date, time or figure: `value=>=1000`, `due_on=<2026-12-01`; a range with
//! either end open: `closed_on=2026-01-01..2026-03-31`, `value=..500`; no value (empty or
//! `none`): the field is empty; `tag=VIP` (or `VIP|Wholesale`): records carrying the tag.
//! Each clause comes with its arguments as typed values; the list binds them.

use crate::error::IssueCode;
use crate::model::{FieldDef, FieldType, Value};
use crate::values::parse_field;

/// The clause and arguments of a filter on field `f`, or why the value is not one.
pub(super) fn field_clause(
    table: &str,
    f: &FieldDef,
    raw: &str,
) -> std::result::Result<(String, Vec<Value>), IssueCode> {
    let raw = raw.trim();
    let column = format!("{table}.{}", f.name);
    let one = |text: &str| -> std::result::Result<Value, IssueCode> {
        match parse_field(f, text)? {
            Value::Null => Err(IssueCode::FilterNamesNothing {
                value: raw.to_string(),
                label: f.label.to_string(),
            }),
            v => Ok(v),
        }
    };
    if raw.is_empty() || raw.eq_ignore_ascii_case("none") {
        return Ok((format!("{column} IS NULL"), vec![]));
    }
    let ordered = matches!(
        f.ty,
        FieldType::Date
            | FieldType::Datetime
            | FieldType::Time
            | FieldType::Integer
            | FieldType::Money
            | FieldType::Decimal
    );
    if ordered {
        if let Some((from, to)) = raw.split_once("..") {
            let (from, to) = (from.trim(), to.trim());
            if from.is_empty() && to.is_empty() {
                return Err(IssueCode::RangeWithoutEnds {
                    value: raw.to_string(),
                });
            }
            let mut parts = Vec::new();
            let mut args = Vec::new();
            if !from.is_empty() {
                parts.push(format!("{column} >= ?"));
                args.push(one(from)?);
            }
            if !to.is_empty() {
                parts.push(format!("{column} <= ?"));
                args.push(one(to)?);
            }
            return Ok((parts.join(" AND "), args));
        }
        if let Some((op, rest)) = ["<=", ">=", "<", ">"]
            .iter()
            .find_map(|op| raw.strip_prefix(op).map(|rest| (*op, rest.trim())))
        {
            return Ok((format!("{column} {op} ?"), vec![one(rest)?]));
        }
    }
    if f.ty == FieldType::Choice && raw.contains('|') {
        let values = raw
            .split('|')
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(one)
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let marks = vec!["?"; values.len()].join(", ");
        return Ok((format!("{column} IN ({marks})"), values));
    }
    Ok((format!("{column} = ?"), vec![one(raw)?]))
}

/// Records carrying any of the tags named (`VIP|Wholesale`), matched as tags are (ignoring
/// ASCII case).
pub(super) fn tag_clause(
    table: &str,
    raw: &str,
) -> std::result::Result<(String, Vec<Value>), IssueCode> {
    let tags: Vec<Value> = raw
        .split('|')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| Value::Text(t.to_string()))
        .collect();
    if tags.is_empty() {
        return Err(IssueCode::NoTagNamed);
    }
    let marks = vec!["?"; tags.len()].join(", ");
    Ok((
        format!(
            "{table}.id IN (SELECT g.entity_id FROM tagging g JOIN tag t ON t.id = g.tag_id
             WHERE g.deleted_at IS NULL AND t.deleted_at IS NULL
             AND t.name COLLATE NOCASE IN ({marks}))"
        ),
        tags,
    ))
}
