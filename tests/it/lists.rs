//! A list filtered by its fields and tags: one value, one of several, comparisons and ranges
//! of dates and figures, empty fields, tags; a value that is not one is refused naming the
//! field. And the views a user saves of a filtered list.

use kith::model::ListQuery;
use kith::{Error, FieldIssue, IssueCode, Kind, Store};

use crate::{Fixture, input, kith};

fn deal(store: &mut Store, title: &str, pairs: &[(&str, &str)]) -> String {
    let mut fields = vec![("title", title)];
    fields.extend_from_slice(pairs);
    store.create_record(Kind::Deal, &input(&fields)).unwrap().id
}

/// The titles a filtered list shows, in title order.
fn titles(store: &Store, kind: Kind, filters: &[(&str, &str)]) -> Vec<String> {
    let query = ListQuery {
        filters: filters
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        sort: Some("title".into()),
        ..ListQuery::default()
    };
    let mut titles: Vec<String> = store
        .list_records(kind, &query)
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.title)
        .collect();
    titles.sort();
    titles
}

fn refusal(store: &Store, filters: &[(&str, &str)]) -> (String, String) {
    let issue = refused(store, filters);
    (issue.field, issue.reason)
}

/// The first field a list of deals with `filters` refuses.
fn refused(store: &Store, filters: &[(&str, &str)]) -> FieldIssue {
    let query = ListQuery {
        filters: filters
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        ..ListQuery::default()
    };
    match store.list_records(Kind::Deal, &query) {
        Err(Error::Validation { mut issues }) => issues.swap_remove(0),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn pipeline() -> Fixture {
    let mut f = Fixture::new();
    let s = &mut f.store;
    deal(
        s,
        "A small lead",
        &[
            ("stage", "lead"),
            ("value", "100"),
            ("expected_close", "2026-01-15"),
        ],
    );
    deal(
        s,
        "B qualified",
        &[
            ("stage", "qualified"),
            ("value", "500"),
            ("expected_close", "2026-02-01"),
        ],
    );
    deal(
        s,
        "C big proposal",
        &[
            ("stage", "proposal"),
            ("value", "12000"),
            ("expected_close", "2026-03-31"),
        ],
    );
    deal(s, "D no value", &[("stage", "lead")]);
    f
}

#[test]
fn fields_filter_by_one_value_several_a_comparison_a_range_or_none() {
    let f = pipeline();
    let s = &f.store;
    assert_eq!(
        titles(s, Kind::Deal, &[("stage", "lead")]),
        ["A small lead", "D no value"]
    );
    assert_eq!(
        titles(s, Kind::Deal, &[("stage", "qualified|proposal")]),
        ["B qualified", "C big proposal"]
    );
    assert_eq!(
        titles(s, Kind::Deal, &[("value", ">=500")]),
        ["B qualified", "C big proposal"]
    );
    assert_eq!(
        titles(s, Kind::Deal, &[("value", "<500")]),
        ["A small lead"]
    );
    assert_eq!(
        titles(s, Kind::Deal, &[("value", "100..500")]),
        ["A small lead", "B qualified"]
    );
    assert_eq!(
        titles(s, Kind::Deal, &[("expected_close", "2026-02-01..")]),
        ["B qualified", "C big proposal"]
    );
    assert_eq!(
        titles(s, Kind::Deal, &[("expected_close", "..2026-01-31")]),
        ["A small lead"]
    );
    assert_eq!(titles(s, Kind::Deal, &[("value", "none")]), ["D no value"]);
    // Filters combine.
    assert_eq!(
        titles(
            s,
            Kind::Deal,
            &[("stage", "lead|proposal"), ("value", ">=100")]
        ),
        ["A small lead", "C big proposal"]
    );
    // Money and dates are read as typed elsewhere: "1.000,50" is not a plain number here,
    // but "12 000" and 2026/3/31 are.
    assert_eq!(
        titles(s, Kind::Deal, &[("value", ">=12 000")]),
        ["C big proposal"]
    );
    assert_eq!(
        titles(s, Kind::Deal, &[("expected_close", "2026/3/31..2026/3/31")]),
        ["C big proposal"]
    );
}

#[test]
fn a_tag_filter_finds_records_with_any_of_the_tags() {
    let mut f = pipeline();
    let s = &mut f.store;
    let ids: Vec<(String, String)> = s
        .list_records(Kind::Deal, &ListQuery::default())
        .unwrap()
        .rows
        .into_iter()
        .map(|r| (r.title, r.id))
        .collect();
    let id = |title: &str| ids.iter().find(|(t, _)| t == title).unwrap().1.clone();
    s.tag_record(Kind::Deal, &id("A small lead"), "VIP")
        .unwrap();
    s.tag_record(Kind::Deal, &id("C big proposal"), "Wholesale")
        .unwrap();
    s.tag_record(Kind::Deal, &id("B qualified"), "vip").unwrap();
    s.untag_record(Kind::Deal, &id("B qualified"), "VIP")
        .unwrap();
    assert_eq!(titles(s, Kind::Deal, &[("tag", "vip")]), ["A small lead"]);
    assert_eq!(
        titles(s, Kind::Deal, &[("tag", "VIP|Wholesale")]),
        ["A small lead", "C big proposal"]
    );
    assert_eq!(
        titles(s, Kind::Deal, &[("tag", "Wholesale"), ("stage", "lead")]),
        Vec::<String>::new()
    );
}

#[test]
fn a_filter_value_that_is_not_one_is_refused_naming_the_field() {
    let f = pipeline();
    let s = &f.store;
    let (field, reason) = refusal(s, &[("value", ">=lots")]);
    assert_eq!(field, "value");
    assert!(reason.contains("lots"), "{reason}");
    let (field, reason) = refusal(s, &[("expected_close", "..")]);
    assert_eq!(field, "expected_close");
    assert!(reason.contains("neither end"), "{reason}");
    let (field, reason) = refusal(s, &[("stage", "lead|maybe")]);
    assert_eq!(field, "stage");
    assert!(reason.contains("maybe"), "{reason}");
    let (field, reason) = refusal(s, &[("owner", "me")]);
    assert_eq!(field, "owner");
    assert!(reason.contains("has no field"), "{reason}");
    assert_eq!(refusal(s, &[("tag", " | ")]).0, "tag");
}

/// A refused filter value carries its code (the window says it in Chinese), and the English is
/// the code's own words.
#[test]
fn a_refused_filter_value_is_coded() {
    let f = pipeline();
    let code = |filters: &[(&str, &str)]| {
        let issue = refused(&f.store, filters);
        let code = issue.code.expect("the refusal is coded");
        assert_eq!(code.to_string(), issue.reason);
        code
    };
    assert_eq!(
        code(&[("expected_close", "..")]),
        IssueCode::RangeWithoutEnds { value: "..".into() }
    );
    assert_eq!(code(&[("tag", " | ")]), IssueCode::NoTagNamed);
    assert!(matches!(
        code(&[("review", "maybe")]),
        IssueCode::NotYesNo { value, .. } if value == "maybe"
    ));
    assert!(matches!(
        code(&[("value", ">=lots")]),
        IssueCode::NotMoney { value, .. } if value == "lots"
    ));
}

#[test]
fn cli_list_filters_with_where() {
    let f = pipeline();
    let db = f.path();
    drop(f.store);
    let run = kith(
        &db,
        &[
            "--json",
            "deal",
            "list",
            "--where",
            "stage=lead|qualified",
            "--where",
            "value=>=200",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let titles: Vec<&str> = page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["B qualified"]);
}

fn query(filters: &[(&str, &str)], sort: &str, desc: bool) -> ListQuery {
    ListQuery {
        filters: filters
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        sort: Some(sort.into()),
        desc,
        offset: 40,
        ..ListQuery::default()
    }
}

#[test]
fn a_filtered_list_is_saved_as_a_view_replaced_by_name_and_deleted() {
    let mut f = pipeline();
    let s = &mut f.store;
    let big = s
        .save_view(
            Kind::Deal,
            "  Big open deals ",
            &query(
                &[("stage", "lead|qualified|proposal"), ("value", ">=500")],
                "value",
                true,
            ),
        )
        .unwrap();
    assert_eq!(big.name, "Big open deals");
    assert_eq!(big.query.offset, 0, "a view keeps no window of its own");
    let vip = s
        .save_view(
            Kind::Contact,
            "VIP",
            &query(&[("tag", "VIP")], "last_name", false),
        )
        .unwrap();
    let views = s.views().unwrap();
    assert_eq!(
        views,
        [vip.clone(), big.clone()],
        "contacts come before deals"
    );
    assert_eq!(
        titles(
            s,
            Kind::Deal,
            &views[1]
                .query
                .filters
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect::<Vec<_>>()
        ),
        ["B qualified", "C big proposal"]
    );

    // The same name (any case) replaces the view, keeping its id.
    let again = s
        .save_view(
            Kind::Deal,
            "big OPEN deals",
            &query(&[("stage", "won")], "title", false),
        )
        .unwrap();
    assert_eq!(again.id, big.id);
    let views = s.views().unwrap();
    assert_eq!(views.len(), 2);
    assert_eq!(views[1].query.filters["stage"], "won");
    assert_eq!(views[1].name, "big OPEN deals");

    s.delete_view(&vip.id).unwrap();
    assert_eq!(s.views().unwrap().len(), 1);
    assert!(
        s.delete_view(&vip.id).is_err(),
        "a deleted view is not there"
    );
    // A name used again after a delete makes a new view.
    let back = s
        .save_view(
            Kind::Contact,
            "VIP",
            &query(&[("tag", "VIP")], "last_name", false),
        )
        .unwrap();
    assert_ne!(back.id, vip.id);
}

#[test]
fn a_view_the_list_would_refuse_is_not_saved() {
    let mut f = pipeline();
    let s = &mut f.store;
    for (name, q, field) in [
        ("", query(&[], "title", false), "name"),
        (&"x".repeat(61) as &str, query(&[], "title", false), "name"),
        (
            "Bad",
            query(&[("value", ">=lots")], "title", false),
            "value",
        ),
        ("Bad", query(&[("owner", "me")], "title", false), "owner"),
        ("Bad", query(&[], "colour", false), "colour"),
    ] {
        match s.save_view(Kind::Deal, name, &q) {
            Err(Error::Validation { issues }) => assert_eq!(issues[0].field, field),
            other => panic!("expected a refusal of {field}, got {other:?}"),
        }
    }
    assert!(s.views().unwrap().is_empty());
}

#[test]
fn cli_saves_lists_and_deletes_a_view() {
    let f = pipeline();
    let db = f.path();
    drop(f.store);
    let run = kith(
        &db,
        &[
            "--json",
            "view",
            "save",
            "deal",
            "Big deals",
            "--where",
            "value=>=500",
            "--sort",
            "value",
            "--desc",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let view: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let id = view["id"].as_str().unwrap().to_string();
    assert_eq!(view["query"]["filters"]["value"], ">=500");
    assert_eq!(view["query"]["desc"], true);
    let listed = kith(&db, &["view", "list"]).stdout;
    assert!(
        listed.contains("Big deals") && listed.contains("value=>=500"),
        "{listed}"
    );
    let bad = kith(
        &db,
        &["view", "save", "deal", "Bad", "--where", "colour=red"],
    );
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("colour"), "{}", bad.stderr);
    assert_eq!(kith(&db, &["view", "delete", &id]).code, 0);
    assert!(
        kith(&db, &["view", "list"])
            .stdout
            .contains("No saved views")
    );
}
