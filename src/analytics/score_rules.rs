//! The rule-based lead score's points, as the user set them. The rules themselves (what each
//! checks) are fixed ([`lead_score::default_rules`]); the points of each can be changed, 0
//! switching a rule off. They are kept in the database (`meta`, key `lead_score_points`: a
//! JSON object of rule id → points that differ from the default) and used by every later
//! scoring while the rules are in use (too few closed deals to learn from).

use std::collections::BTreeMap;

use serde::Serialize;

use super::lead_score::{self, LeadScoreConfig, MAX_RULE_POINTS, RULE_BASE_SCORE, Rule};
use crate::error::{Error, FieldIssue, IssueCode, Result};
use crate::store::Store;

const META_KEY: &str = "lead_score_points";

/// One rule of the rule-based score with its points.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RuleView {
    /// Its id (`recent_meeting`, …): what `set_rule_points` takes.
    pub id: String,
    /// What it checks ("meeting in the last 14 days").
    pub description: String,
    /// Points it adds when it holds (negative: takes away; 0: off).
    pub points: i32,
    /// Its points unless changed.
    pub default_points: i32,
}

/// The rules with their points, and the score every deal starts from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScoreRules {
    /// The score before any rule (50).
    pub base: i32,
    /// Largest points of one rule either way (100).
    pub max_points: i32,
    /// The rules in the order they are checked.
    pub rules: Vec<RuleView>,
}

/// The points the user changed, by rule id.
fn changed_points(store: &Store) -> Result<BTreeMap<String, i32>> {
    match store.meta(META_KEY)? {
        None => Ok(BTreeMap::new()),
        Some(json) => serde_json::from_str(&json).map_err(|e| {
            Error::invalid(
                "lead score rules",
                format!("the stored points cannot be read ({e}); reset them to the defaults"),
            )
        }),
    }
}

/// The rules with the user's points.
pub fn rules(store: &Store) -> Result<Vec<Rule>> {
    let changed = changed_points(store)?;
    Ok(lead_score::default_rules()
        .into_iter()
        .map(|mut r| {
            if let Some(p) = changed.get(&r.id) {
                r.points = *p;
            }
            r
        })
        .collect())
}

/// The lead-score settings with the user's points.
pub fn score_config(store: &Store) -> Result<LeadScoreConfig> {
    Ok(LeadScoreConfig {
        rules: rules(store)?,
        ..LeadScoreConfig::default()
    })
}

/// The rules as the app and the CLI show them.
pub fn score_rules(store: &Store) -> Result<ScoreRules> {
    let defaults = lead_score::default_rules();
    Ok(ScoreRules {
        base: RULE_BASE_SCORE,
        max_points: MAX_RULE_POINTS,
        rules: rules(store)?
            .into_iter()
            .zip(defaults)
            .map(|(r, d)| RuleView {
                id: r.id,
                description: r.description,
                points: r.points,
                default_points: d.points,
            })
            .collect(),
    })
}

/// Sets the points of some rules (id → points); every id must be a rule and every value within
/// ±[`MAX_RULE_POINTS`], else nothing changes and each problem is named. Points equal to the
/// default are stored as no change.
pub fn set_rule_points(store: &mut Store, points: &BTreeMap<String, i32>) -> Result<ScoreRules> {
    let defaults = lead_score::default_rules();
    let mut issues = Vec::new();
    for (id, p) in points {
        if !defaults.iter().any(|r| r.id == *id) {
            let ids: Vec<&str> = defaults.iter().map(|r| r.id.as_str()).collect();
            issues.push(FieldIssue {
                field: id.clone(),
                reason: format!("no rule is called '{id}' (rules: {})", ids.join(", ")),
                code: None,
            });
        } else if p.abs() > MAX_RULE_POINTS {
            issues.push(FieldIssue::coded(
                id.clone(),
                IssueCode::RulePoints {
                    value: i64::from(*p),
                    max: i64::from(MAX_RULE_POINTS),
                },
            ));
        }
    }
    if !issues.is_empty() {
        return Err(Error::Validation { issues });
    }
    let mut changed = changed_points(store).unwrap_or_default();
    for (id, p) in points {
        let default = defaults.iter().find(|r| r.id == *id).map(|r| r.points);
        if default == Some(*p) {
            changed.remove(id);
        } else {
            changed.insert(id.clone(), *p);
        }
    }
    let json = serde_json::to_string(&changed)
        .map_err(|e| Error::invalid("lead score rules", e.to_string()))?;
    store.set_meta(META_KEY, &json)?;
    score_rules(store)
}

/// Puts every rule back to its default points.
pub fn reset_rule_points(store: &mut Store) -> Result<ScoreRules> {
    store.set_meta(META_KEY, "{}")?;
    score_rules(store)
}
