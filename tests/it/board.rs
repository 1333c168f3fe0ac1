//! The deal board: a column per stage with its figures and cards, closed deals of the last
//! days only, and moving a deal between stages as an edit.

use chrono::NaiveDate;
use kith::board::{self, BoardOptions};
use kith::model::Value;
use kith::{Kind, Store};

use crate::{Fixture, input};

fn deal(store: &mut Store, title: &str, pairs: &[(&str, &str)]) -> String {
    let mut fields = vec![("title", title)];
    fields.extend_from_slice(pairs);
    store.create_record(Kind::Deal, &input(&fields)).unwrap().id
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

#[test]
fn columns_follow_the_pipeline_with_their_figures_and_cards() {
    let mut f = Fixture::new();
    let s = &mut f.store;
    deal(s, "Small lead", &[("stage", "lead"), ("value", "100")]);
    deal(s, "Big lead", &[("stage", "lead"), ("value", "9000")]);
    deal(s, "Lead, no value", &[("stage", "lead")]);
    deal(
        s,
        "Sure proposal",
        &[
            ("stage", "proposal"),
            ("value", "1000"),
            ("probability", "90"),
        ],
    );
    deal(
        s,
        "Won lately",
        &[
            ("stage", "won"),
            ("value", "500"),
            ("closed_on", "2026-11-20"),
        ],
    );
    deal(
        s,
        "Won long ago",
        &[
            ("stage", "won"),
            ("value", "700"),
            ("closed_on", "2026-01-05"),
        ],
    );
    let gone = deal(s, "Deleted", &[("stage", "lead"), ("value", "5")]);
    s.delete_record(Kind::Deal, &gone).unwrap();

    let b = board::deal_board(s, day("2026-12-01"), &BoardOptions::default()).unwrap();
    let stages: Vec<&str> = b.columns.iter().map(|c| c.stage.as_str()).collect();
    assert_eq!(
        stages,
        [
            "lead",
            "qualified",
            "proposal",
            "negotiation",
            "won",
            "lost"
        ]
    );
    assert_eq!(b.closed_since, day("2026-11-01"));

    let lead = &b.columns[0];
    let titles: Vec<&str> = lead.cards.iter().map(|c| c.deal.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Big lead", "Small lead", "Lead, no value"],
        "most valuable first"
    );
    assert_eq!((lead.count, lead.value), (3, 9100.0));
    assert!(
        (lead.weighted - 910.0).abs() < 1e-9,
        "10% of 9,100: {}",
        lead.weighted
    );
    assert!(!lead.closed);

    let proposal = &b.columns[2];
    assert!(
        (proposal.weighted - 900.0).abs() < 1e-9,
        "the deal's own 90%, not the stage's 50%: {}",
        proposal.weighted
    );
    let won = &b.columns[4];
    assert!(won.closed);
    assert_eq!(won.count, 1, "only deals closed in the last 30 days");
    assert_eq!(won.cards[0].deal.title, "Won lately");
    assert!(b.forecast.weighted_total >= 0.0);

    let capped = board::deal_board(
        s,
        day("2026-12-01"),
        &BoardOptions {
            cards: 1,
            closed_days: 30,
        },
    )
    .unwrap();
    assert_eq!(capped.columns[0].cards.len(), 1);
    assert_eq!(capped.columns[0].count, 3, "the figures count every deal");
}

#[test]
fn a_deal_moved_between_stages_takes_the_stage_probability_and_closes_or_reopens() {
    let mut f = Fixture::new();
    let s = &mut f.store;
    let id = deal(s, "Renewal", &[("stage", "lead"), ("value", "1200")]);
    let get = |s: &Store, field: &str| s.get_record(Kind::Deal, &id).unwrap().values[field].clone();
    assert_eq!(get(s, "probability"), Value::Int(10));

    s.update_record(Kind::Deal, &id, &input(&[("stage", "negotiation")]))
        .unwrap();
    assert_eq!(get(s, "probability"), Value::Int(75));

    s.update_record(
        Kind::Deal,
        &id,
        &input(&[("stage", "lost"), ("lost_reason", "Price")]),
    )
    .unwrap();
    assert_eq!(get(s, "probability"), Value::Int(0));
    assert_eq!(get(s, "lost_reason"), Value::Text("Price".into()));
    assert!(
        matches!(get(s, "closed_on"), Value::Text(_)),
        "closing day set"
    );

    // Back into the pipeline: open again, with no closing day and no reason it was lost.
    s.update_record(Kind::Deal, &id, &input(&[("stage", "proposal")]))
        .unwrap();
    assert_eq!(get(s, "probability"), Value::Int(50));
    assert_eq!(get(s, "closed_on"), Value::Null);
    assert_eq!(get(s, "lost_reason"), Value::Null);
    let history = s.history(&id).unwrap();
    assert!(
        history.iter().any(|c| c.field == "lost_reason"),
        "the reason's removal is in the history"
    );
}
