//! Contacts listed, sorted and filtered by what the analytics stored for them
//! (`customer_metric`): the R×F segment, the RFM scores, the k-means cluster, the lifetime
//! value over a year and the lead score.
//!
//! Names here are the API's (`ListQuery.sort`, `ListQuery.filters`, `Page.figures`); the SQL
//! they turn into comes only from this file's constants, never from input.

use std::collections::BTreeMap;

use rusqlite::params_from_iter;
use rusqlite::types::Value as SqlValue;

use super::Store;
use crate::error::{FieldIssue, Result};
use crate::model::RowFigures;

/// How a figure filters.
#[derive(Clone, Copy)]
enum Compare {
    /// Equal text (segment and cluster names).
    Text,
    /// A number, or a comparison: `>=70`, `<100`, `=3`.
    Number,
}

/// The figures a contacts list can be filtered and sorted by: (API name, SQL over
/// `customer_metric`, how a filter compares).
const FIGURES: [(&str, &str, Compare); 5] = [
    ("rfm_segment", "rfm_segment", Compare::Text),
    ("cluster", "cluster", Compare::Text),
    ("rfm", "r * 100 + f * 10 + m", Compare::Number),
    ("clv_365", "clv_365", Compare::Number),
    ("lead_score", "lead_score", Compare::Number),
];

/// Whether `name` is a stored figure (rather than a field of the contact).
pub(super) fn is_figure(name: &str) -> bool {
    FIGURES.iter().any(|(n, ..)| *n == name)
}

fn figure(name: &str) -> Option<(&'static str, Compare)> {
    FIGURES
        .iter()
        .find(|(n, ..)| *n == name)
        .map(|(_, sql, cmp)| (*sql, *cmp))
}

/// The SQL clause (over the contact table) and its argument for a figure filter, or why the
/// value cannot filter.
pub(super) fn filter_clause(
    table: &str,
    name: &str,
    raw: &str,
) -> Option<std::result::Result<(String, SqlValue), FieldIssue>> {
    let (sql, cmp) = figure(name)?;
    let raw = raw.trim();
    let issue = |reason: String| FieldIssue {
        field: name.to_string(),
        reason,
        code: None,
    };
    let (op, value) = match cmp {
        Compare::Text => ("=", SqlValue::Text(raw.to_string())),
        Compare::Number => {
            let (op, rest) = ["<=", ">=", "<", ">", "="]
                .iter()
                .find_map(|op| raw.strip_prefix(op).map(|rest| (*op, rest.trim())))
                .unwrap_or(("=", raw));
            match rest.parse::<f64>() {
                Ok(n) if n.is_finite() => (op, SqlValue::Real(n)),
                _ => {
                    return Some(Err(issue(format!(
                        "'{raw}' is not a number or a comparison such as >=70, <100 or =3"
                    ))));
                }
            }
        }
    };
    Some(Ok((
        format!("{table}.id IN (SELECT contact_id FROM customer_metric WHERE {sql} {op} ?)"),
        value,
    )))
}

/// The ORDER BY expression of a figure sort (contacts without the figure last either way).
pub(super) fn sort_expr(table: &str, name: &str, dir: &str) -> Option<String> {
    let (sql, _) = figure(name)?;
    Some(format!(
        "(SELECT {sql} FROM customer_metric WHERE contact_id = {table}.id) {dir} NULLS LAST"
    ))
}

impl Store {
    /// The stored figures of the listed contacts, by id (contacts without any left out).
    pub(super) fn row_figures(&self, ids: &[&str]) -> Result<BTreeMap<String, RowFigures>> {
        let mut out = BTreeMap::new();
        if ids.is_empty() {
            return Ok(out);
        }
        let marks = vec!["?"; ids.len()].join(", ");
        let sql = format!(
            "SELECT contact_id, rfm_segment, r, f, m, cluster, clv_365, lead_score
             FROM customer_metric WHERE contact_id IN ({marks})"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(params_from_iter(ids.iter()))?;
        while let Some(r) = rows.next()? {
            let scores: (Option<u8>, Option<u8>, Option<u8>) = (r.get(2)?, r.get(3)?, r.get(4)?);
            out.insert(
                r.get(0)?,
                RowFigures {
                    rfm_segment: r.get(1)?,
                    rfm: match scores {
                        (Some(r), Some(f), Some(m)) => Some(format!("{r}{f}{m}")),
                        _ => None,
                    },
                    cluster: r.get(5)?,
                    clv_365: r.get(6)?,
                    lead_score: r.get(7)?,
                },
            );
        }
        Ok(out)
    }
}
