//! TEMPORARY stub cleaning; replaced by the real module.
#![allow(missing_docs)]
use crate::model::FieldDef;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    Ymd,
    Dmy,
    Mdy,
}
impl std::str::FromStr for DateOrder {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_lowercase().as_str() {
            "ymd" => Ok(Self::Ymd),
            "dmy" => Ok(Self::Dmy),
            "mdy" => Ok(Self::Mdy),
            _ => Err(format!("bad date format {s}")),
        }
    }
}
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DateProfile {
    pub order: Option<DateOrder>,
    pub ambiguous: bool,
    pub examples: Vec<String>,
}
pub fn profile_dates<'a>(_values: impl IntoIterator<Item = &'a str>) -> DateProfile {
    DateProfile {
        order: Some(DateOrder::Ymd),
        ambiguous: false,
        examples: vec![],
    }
}
#[derive(Debug, Clone, Default)]
pub struct CleanContext {
    pub default_country: Option<String>,
    pub date_order: Option<DateOrder>,
}
pub fn clean_for_field(def: &FieldDef, raw: &str, _ctx: &CleanContext) -> Result<String, String> {
    crate::values::parse_field(def, raw).map(|v| match v {
        crate::Value::Int(i) if def.ty == crate::FieldType::Money => {
            format!("{}.{:02}", i / 100, (i % 100).abs())
        }
        v => v.to_text().unwrap_or_default(),
    })
}
pub fn clean_email(raw: &str) -> Result<String, String> {
    crate::values::parse_email(raw)
}
pub fn split_name(full: &str) -> (String, String) {
    match full.rsplit_once(' ') {
        Some((a, b)) => (a.to_string(), b.to_string()),
        None => (full.to_string(), String::new()),
    }
}
