//! TEMPORARY stub reader (UTF-8 CSV only); replaced by the real reader.
#![allow(missing_docs)]
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Csv,
    Xlsx,
    Xls,
    Ods,
    Vcard,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReadOptions {
    pub encoding: Option<String>,
    pub delimiter: Option<char>,
    pub sheet: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub header_row: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SourceInfo {
    pub format: Format,
    pub encoding: Option<String>,
    pub encoding_detected: bool,
    pub bom: bool,
    pub delimiter: Option<char>,
    pub sheets: Vec<String>,
    pub sheet: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub header_row: u64,
    pub headers: Vec<String>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SourceRow {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub line: u64,
    pub cells: Vec<String>,
    pub status: RowStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum RowStatus {
    Data,
    Skip { reason: String },
    Reject { reason: String },
}

#[derive(Debug, Clone, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct ReadError {
    pub path: String,
    pub line: Option<u64>,
    pub reason: String,
}

pub struct Source {
    info: SourceInfo,
    rows: std::vec::IntoIter<SourceRow>,
    total: u64,
    done: u64,
}
impl Source {
    pub fn info(&self) -> &SourceInfo {
        &self.info
    }
    pub fn progress(&self) -> (u64, u64) {
        (self.done, self.total)
    }
}
impl Iterator for Source {
    type Item = Result<SourceRow, ReadError>;
    fn next(&mut self) -> Option<Self::Item> {
        self.done += 1;
        self.rows.next().map(Ok)
    }
}
pub fn open(path: &Path, _opts: &ReadOptions) -> Result<Source, ReadError> {
    let err = |r: String| ReadError {
        path: path.display().to_string(),
        line: None,
        reason: r,
    };
    let mut rd = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .map_err(|e| err(e.to_string()))?;
    let mut recs = rd.records();
    let headers: Vec<String> = match recs.next() {
        Some(Ok(r)) => r.iter().map(|s| s.trim().to_string()).collect(),
        _ => return Err(err("the file is empty".into())),
    };
    let mut rows = Vec::new();
    for r in recs {
        let r = r.map_err(|e| err(e.to_string()))?;
        let line = r.position().map_or(0, |p| p.line());
        let mut cells: Vec<String> = r.iter().map(str::to_string).collect();
        cells.resize(headers.len(), String::new());
        let status = if cells.iter().all(|c| c.trim().is_empty()) {
            RowStatus::Skip {
                reason: "empty row".into(),
            }
        } else {
            RowStatus::Data
        };
        rows.push(SourceRow {
            line,
            cells,
            status,
        });
    }
    let total = rows.len() as u64;
    Ok(Source {
        info: SourceInfo {
            format: Format::Csv,
            encoding: Some("UTF-8".into()),
            encoding_detected: true,
            bom: false,
            delimiter: Some(','),
            sheets: vec![],
            sheet: None,
            header_row: 1,
            headers,
            warnings: vec![],
        },
        rows: rows.into_iter(),
        total,
        done: 0,
    })
}
