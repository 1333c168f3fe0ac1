//! The deal stages as this workspace set them up: each stage's name, its place in the
//! pipeline, its probability and whether it is in use.
//!
//! The six stage keys are fixed ([`DEAL_STAGES`]): deals, imports, lead scores and synced
//! devices name a stage by its key, so a renamed stage is still the same stage everywhere.
//! What a user sets is everything around the key: a name of their own (none means the
//! default name, shown in the user's language), the order of the four open stages (won and
//! lost always close the pipeline), the probability a deal takes when it enters an open stage,
//! and whether an open stage is used at all (a pipeline of two or three stages). A stage still
//! holding live deals cannot be switched off; at least one open stage stays on.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::{Store, Writer};
use crate::error::{Error, FieldIssue, IssueCode, Result};
use crate::kinds::DEAL_STAGES;
use crate::model::{Input, Kind};

/// Longest stage name (characters).
const MAX_LABEL: usize = 40;

/// One deal stage as set up in this workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DealStage {
    /// The stage's key (`lead`, `qualified`, `proposal`, `negotiation`, `won`, `lost`).
    pub key: String,
    /// The user's name for it; `None` shows the default name.
    pub label: Option<String>,
    /// The probability (percent) a deal takes when it enters the stage.
    pub probability: i64,
    /// Whether deals can be put in it (won and lost always can).
    pub active: bool,
    /// Whether it closes a deal (won, lost): these keep their place and probability.
    pub closed: bool,
}

impl DealStage {
    /// The stages as a new workspace has them: [`DEAL_STAGES`], all in use.
    pub fn defaults() -> Vec<DealStage> {
        DEAL_STAGES
            .iter()
            .map(|(key, p)| DealStage {
                key: key.to_string(),
                label: None,
                probability: *p,
                active: true,
                closed: is_closed(key),
            })
            .collect()
    }
}

fn is_closed(key: &str) -> bool {
    matches!(key, "won" | "lost")
}

fn issue(field: &str, reason: impl Into<String>) -> FieldIssue {
    FieldIssue::new(field, reason)
}

/// Checks a new setup: every stage key once, open stages first (won, lost last), names of 1 to
/// 40 printable characters, probabilities 0 to 100, won at 100 and lost at 0, at least one open
/// stage in use. Returns the stages as they will be stored (names trimmed, an empty name or the
/// default name meaning none).
pub fn check_stages(stages: &[DealStage]) -> Result<Vec<DealStage>> {
    let mut issues = Vec::new();
    let mut keys: Vec<&str> = stages.iter().map(|s| s.key.as_str()).collect();
    keys.sort_unstable();
    let mut known: Vec<&str> = DEAL_STAGES.iter().map(|(k, _)| *k).collect();
    known.sort_unstable();
    if keys != known {
        issues.push(issue(
            "stages",
            format!(
                "the stages must be {} — each once (got {})",
                DEAL_STAGES.map(|(k, _)| k).join(", "),
                stages
                    .iter()
                    .map(|s| s.key.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
        return Err(Error::Validation { issues });
    }
    let tail: Vec<&str> = stages[stages.len() - 2..]
        .iter()
        .map(|s| s.key.as_str())
        .collect();
    if tail != ["won", "lost"] {
        issues.push(issue(
            "stages",
            "won and lost close the pipeline: they come last, won before lost",
        ));
    }
    let mut out = Vec::with_capacity(stages.len());
    for stage in stages {
        let field = |what: &str| format!("{}.{what}", stage.key);
        let closed = is_closed(&stage.key);
        let label = stage
            .label
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty());
        if let Some(label) = label
            && (label.chars().count() > MAX_LABEL || label.chars().any(char::is_control))
        {
            issues.push(FieldIssue::coded(
                field("label"),
                IssueCode::StageName {
                    max: MAX_LABEL as u64,
                },
            ));
        }
        let fixed = DEAL_STAGES
            .iter()
            .find(|(k, _)| *k == stage.key)
            .map(|(_, p)| *p);
        if closed && Some(stage.probability) != fixed {
            issues.push(FieldIssue::coded(
                field("probability"),
                IssueCode::ClosedStageProbability {
                    stage: stage.key.clone(),
                    probability: fixed.unwrap_or(0),
                },
            ));
        } else if !(0..=100).contains(&stage.probability) {
            issues.push(FieldIssue::coded(
                field("probability"),
                IssueCode::NotPercentage {
                    value: stage.probability,
                },
            ));
        }
        if closed && !stage.active {
            issues.push(FieldIssue::coded(
                field("active"),
                IssueCode::ClosedStageOff {
                    stage: stage.key.clone(),
                },
            ));
        }
        out.push(DealStage {
            key: stage.key.clone(),
            label: label.map(str::to_string),
            probability: stage.probability,
            active: stage.active || closed,
            closed,
        });
    }
    if !out.iter().any(|s| !s.closed && s.active) {
        issues.push(FieldIssue::coded("stages", IssueCode::NoOpenStage));
    }
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(Error::Validation { issues })
    }
}

impl Store {
    /// The deal stages in pipeline order (open stages as the user ordered them, then won and
    /// lost), switched-off ones included.
    pub fn deal_stages(&self) -> Result<Vec<DealStage>> {
        read_stages(&self.conn)
    }

    /// Sets up the deal stages (see [`check_stages`]) in one write. Deals that carried an open
    /// stage's old probability take its new one (an edit of each, in the history and undone
    /// with it); a deal given a probability of its own keeps it. Refused, with nothing
    /// changed, when a stage to switch off still holds live deals.
    pub fn set_deal_stages(&mut self, stages: &[DealStage]) -> Result<Vec<DealStage>> {
        let stages = check_stages(stages)?;
        self.write(|w| w.set_deal_stages(&stages))?;
        self.deal_stages()
    }
}

impl Writer<'_> {
    /// The probability a deal entering `stage` takes, as set up (`None` for a key that is
    /// not a stage).
    pub(super) fn stage_probability(&self, stage: &str) -> Result<Option<i64>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .tx
            .prepare_cached("SELECT probability FROM pipeline_stage WHERE key = ?1")?
            .query_row(params![stage], |r| r.get(0))
            .optional()?)
    }

    fn set_deal_stages(&mut self, stages: &[DealStage]) -> Result<()> {
        let before = read_stages(&self.tx)?;
        let mut issues = Vec::new();
        for stage in stages.iter().filter(|s| !s.active) {
            let held: i64 = self.tx.query_row(
                "SELECT count(*) FROM deal WHERE stage = ?1 AND deleted_at IS NULL",
                params![stage.key],
                |r| r.get(0),
            )?;
            if held > 0 {
                issues.push(FieldIssue::coded(
                    format!("{}.active", stage.key),
                    IssueCode::StageHoldsDeals {
                        count: held.unsigned_abs(),
                    },
                ));
            }
        }
        if !issues.is_empty() {
            return Err(Error::Validation { issues });
        }
        for (position, stage) in stages.iter().enumerate() {
            self.tx
                .prepare_cached(
                    "UPDATE pipeline_stage SET label = ?2, position = ?3, probability = ?4,
                     active = ?5 WHERE key = ?1",
                )?
                .execute(params![
                    stage.key,
                    stage.label,
                    position as i64,
                    stage.probability,
                    stage.active
                ])?;
        }
        for stage in stages.iter().filter(|s| !s.closed) {
            let Some(old) = before.iter().find(|b| b.key == stage.key) else {
                continue;
            };
            if old.probability == stage.probability {
                continue;
            }
            let ids: Vec<String> = self
                .tx
                .prepare_cached(
                    "SELECT id FROM deal WHERE stage = ?1 AND probability = ?2
                     AND deleted_at IS NULL",
                )?
                .query_map(params![stage.key, old.probability], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let input = Input::from([("probability".to_string(), stage.probability.to_string())]);
            for id in ids {
                self.update(Kind::Deal, &id, &input)?;
            }
        }
        Ok(())
    }
}

fn read_stages(conn: &rusqlite::Connection) -> Result<Vec<DealStage>> {
    let stages = conn
        .prepare_cached(
            "SELECT key, label, probability, active FROM pipeline_stage
             ORDER BY key IN ('won', 'lost'), position, key = 'lost'",
        )?
        .query_map([], |r| {
            let key: String = r.get(0)?;
            Ok(DealStage {
                closed: is_closed(&key),
                key,
                label: r.get(1)?,
                probability: r.get(2)?,
                active: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(stages)
}
