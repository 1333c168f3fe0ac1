//! The rule-based lead score's points, as the user sets them: kept in the database, used by the
//! next scoring, checked as a whole (nothing changes when one is wrong), and put back.

use std::collections::BTreeMap;

use kith::analytics::{self, lead_score};
use kith::{Error, Kind, Store};

use crate::{Fixture, input, kith};

/// One open deal at proposal stage with a meeting today (rule-based: no closed deals).
fn open_deal_with_meeting(store: &mut Store) -> String {
    let id = store
        .create_record(
            Kind::Deal,
            &input(&[("title", "Tea for the office"), ("stage", "proposal")]),
        )
        .unwrap()
        .id;
    store
        .create_record(
            Kind::Activity,
            &input(&[
                ("kind", "meeting"),
                ("subject", "Tasting"),
                ("deal_id", &id),
            ]),
        )
        .unwrap();
    id
}

fn points(pairs: &[(&str, i32)]) -> BTreeMap<String, i32> {
    pairs.iter().map(|(k, v)| ((*k).to_string(), *v)).collect()
}

#[test]
fn the_rules_start_at_their_documented_points() {
    let f = Fixture::new();
    let rules = analytics::score_rules(&f.store).unwrap();
    let defaults = lead_score::default_rules();
    assert_eq!(rules.base, 50);
    assert_eq!(rules.rules.len(), defaults.len());
    for (shown, d) in rules.rules.iter().zip(&defaults) {
        assert_eq!((shown.id.as_str(), shown.points), (d.id.as_str(), d.points));
        assert_eq!(shown.default_points, d.points);
    }
}

#[test]
fn changed_points_move_the_next_scores_and_survive_a_reopen() {
    let mut f = Fixture::new();
    let id = open_deal_with_meeting(&mut f.store);
    let score = |store: &mut Store| {
        let v = analytics::lead_scores(store, None).unwrap();
        let d = v.deals.into_iter().find(|d| d.score.deal_id == id).unwrap();
        assert!(d.score.rule_based);
        d.score
    };
    let before = score(&mut f.store);
    let meeting = before
        .raised_by
        .iter()
        .find(|x| x.id == "recent_meeting")
        .expect("the meeting raises the score");
    assert_eq!(meeting.points, 15);

    analytics::set_rule_points(
        &mut f.store,
        &points(&[("recent_meeting", 30), ("stage_proposal", 0)]),
    )
    .unwrap();
    let after = score(&mut f.store);
    assert_eq!(
        i32::from(after.score) - i32::from(before.score),
        15 - 5,
        "+15 more for the meeting, the proposal stage's +5 gone"
    );
    assert!(
        after.raised_by.iter().all(|x| x.id != "stage_proposal"),
        "a rule at 0 points is off: not listed as a factor"
    );

    let path = f.path();
    drop(f.store);
    let mut again = Store::open(&path).unwrap();
    let rules = analytics::score_rules(&again).unwrap();
    let meeting = rules
        .rules
        .iter()
        .find(|r| r.id == "recent_meeting")
        .unwrap();
    assert_eq!((meeting.points, meeting.default_points), (30, 15));
    assert_eq!(score(&mut again).score, after.score, "kept in the database");

    analytics::reset_rule_points(&mut again).unwrap();
    assert_eq!(
        score(&mut again).score,
        before.score,
        "reset gives the defaults back"
    );
}

#[test]
fn bad_points_are_refused_together_and_change_nothing() {
    let mut f = Fixture::new();
    analytics::set_rule_points(&mut f.store, &points(&[("referral", 20)])).unwrap();
    let err = analytics::set_rule_points(
        &mut f.store,
        &points(&[("referral", 5), ("no_such_rule", 5), ("old_deal", -101)]),
    )
    .unwrap_err();
    let Error::Validation { issues } = err else {
        panic!("a validation error: {err:?}");
    };
    let fields: Vec<&str> = issues.iter().map(|i| i.field.as_str()).collect();
    assert_eq!(fields, ["no_such_rule", "old_deal"], "{issues:?}");
    assert!(
        issues[0].reason.contains("recent_meeting"),
        "names the rules: {issues:?}"
    );
    assert!(issues[1].reason.contains("-101") || issues[1].reason.contains("−101"));
    let referral = analytics::score_rules(&f.store)
        .unwrap()
        .rules
        .into_iter()
        .find(|r| r.id == "referral")
        .unwrap();
    assert_eq!(
        referral.points, 20,
        "the valid part of a refused change is not applied"
    );
}

#[test]
fn cli_analyze_rules_lists_sets_and_resets() {
    let f = Fixture::new();
    let db = f.path();
    drop(f.store);
    let out = kith(&db, &["analyze", "rules", "--set", "recent_call=12"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("+12") && out.stdout.contains("(default +8)"),
        "{}",
        out.stdout
    );
    let out = kith(&db, &["analyze", "rules", "--set", "recent_call"]);
    assert_ne!(out.code, 0);
    assert!(out.stderr.contains("RULE=POINTS"), "{}", out.stderr);
    let out = kith(&db, &["analyze", "rules", "--reset", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let call = json["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "recent_call")
        .unwrap();
    assert_eq!(call["points"], 8);
}
