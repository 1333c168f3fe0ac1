//! The deal stages a workspace sets up: names, order, probabilities, stages switched off; what
//! deals, the board and the forecast make of them; what is refused, with nothing changed.

use chrono::NaiveDate;
use kith::board::{self, BoardOptions};
use kith::kinds::DEAL_STAGES;
use kith::model::Value;
use kith::store::DealStage;
use kith::{Error, IssueCode, Kind, Store};

use crate::{Fixture, input, kith};

fn deal(store: &mut Store, title: &str, pairs: &[(&str, &str)]) -> String {
    let mut fields = vec![("title", title)];
    fields.extend_from_slice(pairs);
    store.create_record(Kind::Deal, &input(&fields)).unwrap().id
}

fn probability(store: &Store, id: &str) -> Option<i64> {
    match store
        .get_record(Kind::Deal, id)
        .unwrap()
        .values
        .get("probability")
    {
        Some(Value::Int(p)) => Some(*p),
        _ => None,
    }
}

fn keys(stages: &[DealStage]) -> Vec<&str> {
    stages.iter().map(|s| s.key.as_str()).collect()
}

/// The stages with `key` changed by `edit`.
fn edited(store: &Store, key: &str, edit: impl FnOnce(&mut DealStage)) -> Vec<DealStage> {
    let mut stages = store.deal_stages().unwrap();
    edit(stages.iter_mut().find(|s| s.key == key).unwrap());
    stages
}

/// The refused fields of a validation error.
fn refused(result: kith::Result<Vec<DealStage>>) -> Vec<(String, String)> {
    match result {
        Err(Error::Validation { issues }) => {
            issues.into_iter().map(|i| (i.field, i.reason)).collect()
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn a_new_workspace_has_the_default_stages_in_pipeline_order() {
    let f = Fixture::new();
    let stages = f.store.deal_stages().unwrap();
    assert_eq!(stages, DealStage::defaults());
    let expected: Vec<(String, i64)> = DEAL_STAGES
        .iter()
        .map(|(k, p)| (k.to_string(), *p))
        .collect();
    let got: Vec<(String, i64)> = stages
        .iter()
        .map(|s| (s.key.clone(), s.probability))
        .collect();
    assert_eq!(got, expected);
    assert!(stages.iter().all(|s| s.active && s.label.is_none()));
    assert_eq!(
        stages
            .iter()
            .filter(|s| s.closed)
            .map(|s| s.key.as_str())
            .collect::<Vec<_>>(),
        ["won", "lost"]
    );
}

#[test]
fn renamed_and_reordered_stages_keep_their_keys_and_deals_follow_a_new_probability() {
    let mut f = Fixture::new();
    let s = &mut f.store;
    let follows = deal(s, "Follows", &[("stage", "proposal"), ("value", "1000")]);
    let own = deal(
        s,
        "Own probability",
        &[("stage", "proposal"), ("probability", "90")],
    );
    let other = deal(s, "Other stage", &[("stage", "qualified")]);
    assert_eq!(probability(s, &follows), Some(50));

    let mut stages = edited(s, "proposal", |p| {
        p.label = Some("  Demo given ".into());
        p.probability = 35;
    });
    // Proposal before qualified.
    stages.swap(1, 2);
    let saved = s.set_deal_stages(&stages).unwrap();
    assert_eq!(
        keys(&saved),
        [
            "lead",
            "proposal",
            "qualified",
            "negotiation",
            "won",
            "lost"
        ]
    );
    assert_eq!(saved[1].label.as_deref(), Some("Demo given"));
    assert_eq!(s.deal_stages().unwrap(), saved);

    assert_eq!(
        probability(s, &follows),
        Some(35),
        "it had the stage's old probability"
    );
    assert_eq!(probability(s, &own), Some(90), "its own probability stays");
    assert_eq!(probability(s, &other), Some(25));
    // The change is an edit of the deal, in its history.
    let change = &s.history(&follows).unwrap()[0];
    assert_eq!(
        (change.field.as_str(), &change.old, &change.new),
        ("probability", &Value::Int(50), &Value::Int(35))
    );
    // A deal entering the stage takes the new probability; the stage is still `proposal`.
    s.update_record(Kind::Deal, &other, &input(&[("stage", "proposal")]))
        .unwrap();
    assert_eq!(probability(s, &other), Some(35));
    let made = deal(s, "New", &[("stage", "proposal")]);
    assert_eq!(probability(s, &made), Some(35));

    // An empty name is the default name again.
    let back = edited(s, "proposal", |p| p.label = Some(" ".into()));
    assert_eq!(s.set_deal_stages(&back).unwrap()[1].label, None);
}

#[test]
fn the_board_and_the_forecast_follow_the_stages_as_set_up() {
    let mut f = Fixture::new();
    let s = &mut f.store;
    deal(
        s,
        "Soon",
        &[
            ("stage", "negotiation"),
            ("value", "1000"),
            ("expected_close", "2026-12-20"),
        ],
    );
    let mut stages = edited(s, "negotiation", |n| {
        n.label = Some("Contract".into());
        n.probability = 60;
    });
    stages
        .iter_mut()
        .find(|st| st.key == "qualified")
        .unwrap()
        .active = false;
    let n = stages
        .iter()
        .position(|st| st.key == "negotiation")
        .unwrap();
    let moved = stages.remove(n);
    stages.insert(0, moved);
    s.set_deal_stages(&stages).unwrap();

    let day: NaiveDate = "2026-12-01".parse().unwrap();
    let b = board::deal_board(s, day, &BoardOptions::default()).unwrap();
    let columns: Vec<(&str, Option<&str>, i64)> = b
        .columns
        .iter()
        .map(|c| (c.stage.as_str(), c.label.as_deref(), c.probability))
        .collect();
    assert_eq!(
        columns,
        [
            ("negotiation", Some("Contract"), 60),
            ("lead", None, 10),
            ("proposal", None, 50),
            ("won", None, 100),
            ("lost", None, 0),
        ],
        "qualified is switched off and empty: not shown"
    );
    assert_eq!(b.columns[0].weighted, 600.0);
    assert_eq!(b.forecast.weighted_total, 600.0);

    // A deal put in a stage switched off (an import, another device) still shows, marked.
    deal(s, "Imported", &[("stage", "qualified"), ("value", "10")]);
    let b = board::deal_board(s, day, &BoardOptions::default()).unwrap();
    let qualified = b.columns.iter().find(|c| c.stage == "qualified").unwrap();
    assert!(!qualified.active);
    assert_eq!(qualified.count, 1);
}

#[test]
fn a_stage_with_deals_stays_on_and_bad_setups_are_refused_with_nothing_changed() {
    let mut f = Fixture::new();
    let s = &mut f.store;
    deal(s, "Held", &[("stage", "lead")]);
    let before = s.deal_stages().unwrap();

    let off = edited(s, "lead", |l| l.active = false);
    assert_eq!(
        refused(s.set_deal_stages(&off)),
        [(
            "lead.active".to_string(),
            "1 deal is still in this stage: move it to another stage first".to_string()
        )]
    );

    let won_off = edited(s, "won", |w| w.active = false);
    assert_eq!(refused(s.set_deal_stages(&won_off))[0].0, "won.active");
    let won_p = edited(s, "won", |w| w.probability = 90);
    assert_eq!(
        refused(s.set_deal_stages(&won_p)),
        [(
            "won.probability".to_string(),
            "a won deal's probability is always 100%".to_string()
        )]
    );
    let too_likely = edited(s, "qualified", |q| q.probability = 101);
    assert_eq!(
        refused(s.set_deal_stages(&too_likely))[0].0,
        "qualified.probability"
    );
    // What a user can meet in the window carries a code the window says in its language.
    let Err(Error::Validation { issues }) = s.set_deal_stages(&off) else {
        panic!("a stage holding a deal stays on");
    };
    assert_eq!(
        issues[0].code,
        Some(IssueCode::StageHoldsDeals { count: 1 }),
        "the count travels with the code"
    );
    let Err(Error::Validation { issues }) = s.set_deal_stages(&too_likely) else {
        panic!("101 % is refused");
    };
    assert_eq!(
        issues[0].code,
        Some(IssueCode::NotPercentage { value: 101 })
    );
    let long = edited(s, "proposal", |p| p.label = Some("x".repeat(41)));
    assert_eq!(refused(s.set_deal_stages(&long))[0].0, "proposal.label");

    let mut missing = s.deal_stages().unwrap();
    missing.remove(0);
    assert!(
        refused(s.set_deal_stages(&missing))[0]
            .1
            .contains("each once")
    );
    let mut twice = s.deal_stages().unwrap();
    twice[0] = twice[1].clone();
    assert!(
        refused(s.set_deal_stages(&twice))[0]
            .1
            .contains("each once")
    );
    let mut won_first = s.deal_stages().unwrap();
    let won = won_first.remove(4);
    won_first.insert(0, won);
    assert_eq!(refused(s.set_deal_stages(&won_first))[0].0, "stages");

    // Every open stage off (none holds a deal once the one deal is won).
    let id = deal(s, "Other", &[("stage", "won")]);
    let held = s
        .list_records(Kind::Deal, &kith::ListQuery::default())
        .unwrap()
        .rows
        .into_iter()
        .find(|r| r.id != id)
        .unwrap();
    s.update_record(Kind::Deal, &held.id, &input(&[("stage", "lost")]))
        .unwrap();
    let before_all_off = s.deal_stages().unwrap();
    let mut all_off = s.deal_stages().unwrap();
    for st in all_off.iter_mut().filter(|st| !st.closed) {
        st.active = false;
    }
    assert_eq!(
        refused(s.set_deal_stages(&all_off)),
        [(
            "stages".to_string(),
            "at least one open stage stays in use".to_string()
        )]
    );
    assert_eq!(s.deal_stages().unwrap(), before_all_off);
    assert_eq!(before_all_off, before);
}

#[test]
fn cli_lists_and_sets_one_stage_at_a_time() {
    let f = Fixture::new();
    let db = f.path();
    drop(f.store);
    let run = kith(
        &db,
        &[
            "stages",
            "set",
            "proposal",
            "--name",
            "方案已发",
            "--probability",
            "40",
            "--position",
            "1",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let listed = kith(&db, &["stages", "--json"]);
    let stages: Vec<DealStage> = serde_json::from_str(&listed.stdout).unwrap();
    assert_eq!(
        keys(&stages),
        [
            "proposal",
            "lead",
            "qualified",
            "negotiation",
            "won",
            "lost"
        ]
    );
    assert_eq!(stages[0].label.as_deref(), Some("方案已发"));
    assert_eq!(stages[0].probability, 40);
    let text = kith(&db, &["stages"]).stdout;
    assert!(text.contains("方案已发") && text.contains("40%"), "{text}");

    let lost = kith(&db, &["stages", "set", "lost", "--position", "1"]);
    assert_eq!(lost.code, 1);
    assert!(
        lost.stderr.contains("lost keeps its place at the end"),
        "{}",
        lost.stderr
    );
    let unknown = kith(&db, &["stages", "set", "demo"]);
    assert_eq!(unknown.code, 1);
    assert!(
        unknown.stderr.contains("'demo' is not a stage"),
        "{}",
        unknown.stderr
    );
}
