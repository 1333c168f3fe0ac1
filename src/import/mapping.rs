//! TEMPORARY stub mapping; replaced by the real module.
#![allow(missing_docs)]
use crate::FieldIssue;
use crate::model::{FieldType, Kind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TargetDef {
    pub key: String,
    pub label: String,
    pub ty: FieldType,
    pub required: bool,
}
pub fn targets(kind: Kind) -> Vec<TargetDef> {
    kind.def()
        .fields
        .iter()
        .map(|f| TargetDef {
            key: f.name.into(),
            label: f.label.into(),
            ty: f.ty,
            required: f.required,
        })
        .collect()
}
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum MapSource {
    Exact,
    Synonym,
    Export,
    Saved,
    User,
    Unmapped,
}
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ColumnMap {
    pub column: usize,
    pub header: String,
    pub target: String,
    pub source: MapSource,
}
pub fn detect_export(_headers: &[String]) -> Option<&'static str> {
    None
}
pub fn auto_map(kind: Kind, headers: &[String]) -> Vec<ColumnMap> {
    headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let known = kind.def().field(h).is_some()
                || ["id", "company", "contact", "tags", "full_name"].contains(&h.as_str())
                || h.starts_with("line.");
            ColumnMap {
                column: i,
                header: h.clone(),
                target: if known || h.starts_with("custom.") {
                    h.clone()
                } else {
                    format!("custom.{h}")
                },
                source: if known {
                    MapSource::Exact
                } else {
                    MapSource::Unmapped
                },
            }
        })
        .collect()
}
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SavedMapping {
    pub name: String,
    pub kind: Kind,
    pub columns: BTreeMap<String, String>,
}
pub fn apply_saved(
    kind: Kind,
    headers: &[String],
    _saved: &SavedMapping,
) -> Result<Vec<ColumnMap>, Vec<FieldIssue>> {
    Ok(auto_map(kind, headers))
}
pub fn check_mapping(
    _kind: Kind,
    _headers: &[String],
    _mapping: &[ColumnMap],
) -> Result<(), Vec<FieldIssue>> {
    Ok(())
}
