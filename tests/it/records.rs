//! Records: validation, create/update/delete, history, tags, custom fields, lists.

use kith::{Error, IssueCode, Kind, ListQuery, Value};

use crate::{Fixture, input};

/// A kind, the input given, and the field that must be refused.
type RuleCase = (Kind, &'static [(&'static str, &'static str)], &'static str);

#[test]
fn every_kind_round_trips_through_create_and_get() {
    let mut f = Fixture::new();
    let s = &mut f.store;
    let co = s
        .create_record(
            Kind::Company,
            &input(&[("name", "Acme GmbH"), ("employees", "12")]),
        )
        .unwrap();
    let c = s
        .create_record(
            Kind::Contact,
            &input(&[
                ("first_name", "Ada"),
                ("email", " Ada@Example.COM "),
                ("company_id", &co.id),
            ]),
        )
        .unwrap();
    assert_eq!(
        c.text("email").as_deref(),
        Some("ada@example.com"),
        "emails are trimmed and lower-cased"
    );
    assert_eq!(
        c.refs.get("company_id").map(String::as_str),
        Some("Acme GmbH"),
        "refs carry titles"
    );
    let other = s
        .create_record(Kind::Contact, &input(&[("first_name", "Bob")]))
        .unwrap();
    s.create_record(
        Kind::Relationship,
        &input(&[
            ("contact_id", &c.id),
            ("kind", "colleague"),
            ("other_contact_id", &other.id),
        ]),
    )
    .unwrap();
    let deal = s
        .create_record(
            Kind::Deal,
            &input(&[
                ("title", "Big one"),
                ("stage", "proposal"),
                ("value", "12,800.50"),
                ("company_id", &co.id),
            ]),
        )
        .unwrap();
    assert_eq!(
        deal.values["probability"],
        Value::Int(50),
        "a stage brings its default probability"
    );
    assert_eq!(
        deal.values["value"],
        Value::Real(12800.5),
        "money comes back in major units"
    );
    s.create_record(
        Kind::Activity,
        &input(&[
            ("kind", "task"),
            ("subject", "Call back"),
            ("due_on", "2026-12-01"),
            ("contact_id", &c.id),
        ]),
    )
    .unwrap();
    let p = s
        .create_record(
            Kind::Product,
            &input(&[("name", "Tea 250g"), ("price", "9.90")]),
        )
        .unwrap();
    let o = s
        .create_record(
            Kind::Order,
            &input(&[
                ("number", "A-1"),
                ("ordered_on", "2026-01-02"),
                ("contact_id", &c.id),
            ]),
        )
        .unwrap();
    s.create_record(
        Kind::OrderLine,
        &input(&[
            ("order_id", &o.id),
            ("product_id", &p.id),
            ("description", "Tea"),
            ("quantity", "3"),
            ("unit_price", "9.90"),
        ]),
    )
    .unwrap();
    let o = s.get_record(Kind::Order, &o.id).unwrap();
    assert_eq!(
        o.values["total"],
        Value::Real(29.7),
        "an order's total follows its lines"
    );
    let t = s
        .create_record(
            Kind::Ticket,
            &input(&[("subject", "Broken lid"), ("contact_id", &c.id)]),
        )
        .unwrap();
    assert_eq!(t.text("status").as_deref(), Some("new"));
    let camp = s
        .create_record(
            Kind::Campaign,
            &input(&[("name", "Spring"), ("channel", "email")]),
        )
        .unwrap();
    s.create_record(
        Kind::CampaignMember,
        &input(&[
            ("campaign_id", &camp.id),
            ("contact_id", &c.id),
            ("status", "clicked"),
        ]),
    )
    .unwrap();
    s.create_record(
        Kind::Feedback,
        &input(&[
            ("contact_id", &c.id),
            ("rating", "5"),
            ("nps", "9"),
            ("comment", "很好"),
        ]),
    )
    .unwrap();
    for (kind, n) in s.counts().unwrap() {
        assert!(n >= 1, "{kind} has a record");
    }
    let timeline = s.timeline(Kind::Contact, &c.id).unwrap();
    for kind in [
        Kind::Activity,
        Kind::Order,
        Kind::Ticket,
        Kind::Feedback,
        Kind::CampaignMember,
    ] {
        assert!(
            timeline.iter().any(|i| i.kind == kind),
            "timeline shows {kind}: {timeline:?}"
        );
    }
}

#[test]
fn validation_issues_carry_codes_the_window_translates() {
    let mut f = Fixture::new();
    let err = f
        .store
        .create_record(
            Kind::Deal,
            &input(&[
                ("title", ""),
                ("stage", "maybe"),
                ("probability", "140"),
                ("expected_close", "soon"),
            ]),
        )
        .unwrap_err();
    let codes: Vec<(&str, Option<&IssueCode>)> = err
        .issues()
        .iter()
        .map(|i| (i.field.as_str(), i.code.as_ref()))
        .collect();
    let choices: Vec<String> = [
        "lead",
        "qualified",
        "proposal",
        "negotiation",
        "won",
        "lost",
    ]
    .map(String::from)
    .to_vec();
    // Each refusal a form shows has a code with the values its message needs, so the window
    // can say it in Chinese; the English reason stays what the CLI prints.
    assert_eq!(
        codes,
        [
            (
                "expected_close",
                Some(&IssueCode::NotDate {
                    value: "soon".into()
                })
            ),
            (
                "probability",
                Some(&IssueCode::OutOfRange {
                    value: 140,
                    min: 0,
                    max: 100
                })
            ),
            (
                "stage",
                Some(&IssueCode::NotChoice {
                    value: "maybe".into(),
                    choices
                })
            ),
            (
                "title",
                Some(&IssueCode::Required {
                    label: "Title".into()
                })
            ),
            // A refused choice leaves the required stage empty, and that is said too.
            (
                "stage",
                Some(&IssueCode::Required {
                    label: "Stage".into()
                })
            ),
        ],
        "{err}"
    );
    for issue in err.issues() {
        let code = issue.code.as_ref().expect("coded");
        assert_eq!(
            issue.reason,
            code.to_string(),
            "the reason is the code's English"
        );
    }
    assert!(err.to_string().contains("Title is required"), "{err}");
    assert!(
        err.to_string()
            .contains("140 is out of range (must be 0 to 100)"),
        "{err}"
    );

    let err = f
        .store
        .create_record(Kind::Contact, &input(&[("city", "Paris")]))
        .unwrap_err();
    assert_eq!(
        err.issues()[0].code,
        Some(IssueCode::ContactIdentity),
        "{err}"
    );
}

#[test]
fn validation_names_every_bad_field_and_writes_nothing() {
    let mut f = Fixture::new();
    let before = f.store.change_count().unwrap();
    let err = f
        .store
        .create_record(
            Kind::Contact,
            &input(&[
                ("first_name", "Ann"),
                ("email", "ann@"),
                ("birthday", "2024-13-45"),
                ("nickname", "x"),
            ]),
        )
        .unwrap_err();
    let Error::Validation { issues } = &err else {
        panic!("expected validation, got {err:?}")
    };
    let fields: Vec<&str> = issues.iter().map(|i| i.field.as_str()).collect();
    assert_eq!(
        fields,
        ["birthday", "email", "nickname"],
        "each bad field is named: {err}"
    );
    assert!(
        err.to_string()
            .contains("'ann@' is not a valid email address"),
        "{err}"
    );
    assert!(
        err.to_string().contains("'2024-13-45' is not a valid date"),
        "{err}"
    );
    assert_eq!(
        f.store.change_count().unwrap(),
        before,
        "nothing was logged"
    );
    assert_eq!(
        f.store
            .list_records(Kind::Contact, &ListQuery::default())
            .unwrap()
            .total,
        0
    );
}

#[test]
fn kind_rules_are_enforced() {
    let mut f = Fixture::new();
    let s = &mut f.store;
    let cases: &[RuleCase] = &[
        (Kind::Contact, &[("city", "Berlin")], "first_name"),
        (Kind::Company, &[("city", "Berlin")], "name"),
        (Kind::Deal, &[("title", "x"), ("stage", "maybe")], "stage"),
        (
            Kind::Deal,
            &[("title", "x"), ("stage", "lead"), ("probability", "120")],
            "probability",
        ),
        (Kind::Feedback, &[("rating", "6")], "rating"),
        (Kind::Feedback, &[("channel", "email")], "rating"),
        (
            Kind::Order,
            &[
                ("number", "1"),
                ("ordered_on", "2026-01-01"),
                ("total", "12.3456"),
            ],
            "total",
        ),
        (
            Kind::Campaign,
            &[
                ("name", "x"),
                ("starts_on", "2026-02-01"),
                ("ends_on", "2026-01-01"),
            ],
            "ends_on",
        ),
        (
            Kind::Contact,
            &[("first_name", "x"), ("company_id", "no-such-id")],
            "company_id",
        ),
        (Kind::Contact, &[("first_name", "x\u{0}y")], "first_name"),
    ];
    for (kind, fields, bad) in cases {
        let err = s.create_record(*kind, &input(fields)).unwrap_err();
        assert!(
            err.issues().iter().any(|i| i.field == *bad),
            "{kind} {fields:?} should be refused on {bad}: {err}"
        );
    }
}

#[test]
fn updates_log_old_and_new_values_and_deleted_records_refuse_changes() {
    let mut f = Fixture::new();
    let s = &mut f.store;
    let c = s
        .create_record(
            Kind::Contact,
            &input(&[("first_name", "Li"), ("phone", "+86 138 0013 8000")]),
        )
        .unwrap();
    let same = s
        .update_record(Kind::Contact, &c.id, &input(&[("first_name", "Li")]))
        .unwrap();
    assert_eq!(
        same.updated_at, c.updated_at,
        "an update that changes nothing writes nothing"
    );
    s.update_record(
        Kind::Contact,
        &c.id,
        &input(&[("first_name", "Lee"), ("phone", "")]),
    )
    .unwrap();
    let history = s.history(&c.id).unwrap();
    let first = history
        .iter()
        .find(|h| h.field == "first_name" && h.new == Value::Text("Lee".into()))
        .unwrap();
    assert_eq!(first.old, Value::Text("Li".into()), "the old value is kept");
    let phone = history
        .iter()
        .find(|h| h.field == "phone" && h.new.is_null())
        .unwrap();
    assert_eq!(
        phone.old,
        Value::Text("+8613800138000".into()),
        "clearing is logged too"
    );

    s.delete_record(Kind::Contact, &c.id).unwrap();
    assert!(
        s.get_record(Kind::Contact, &c.id)
            .unwrap()
            .deleted_at
            .is_some(),
        "a deleted record can still be read, marked deleted"
    );
    let err = s
        .update_record(Kind::Contact, &c.id, &input(&[("first_name", "X")]))
        .unwrap_err();
    assert!(matches!(err, Error::Deleted { .. }), "{err}");
    assert!(matches!(
        s.delete_record(Kind::Contact, &c.id),
        Err(Error::Deleted { .. })
    ));
    let kept = s.get_record(Kind::Contact, &c.id).unwrap();
    assert_eq!(
        kept.text("first_name").as_deref(),
        Some("Lee"),
        "a tombstone keeps its data"
    );
    assert!(matches!(
        s.get_record(Kind::Contact, "nope"),
        Err(Error::NotFound { .. })
    ));
    let err = s
        .create_record(
            Kind::Deal,
            &input(&[("title", "x"), ("stage", "lead"), ("contact_id", &c.id)]),
        )
        .unwrap_err();
    assert!(
        err.to_string().contains("was deleted"),
        "linking to a deleted record is refused: {err}"
    );
}

#[test]
fn tags_and_custom_fields_are_kept_and_logged() {
    let mut f = Fixture::new();
    let s = &mut f.store;
    let c = s
        .create_record(
            Kind::Contact,
            &input(&[("first_name", "王芳"), ("custom.Shoe size", "38")]),
        )
        .unwrap();
    assert_eq!(c.custom.get("Shoe size").map(String::as_str), Some("38"));
    s.tag_record(Kind::Contact, &c.id, "VIP").unwrap();
    let c2 = s.tag_record(Kind::Contact, &c.id, "vip").unwrap();
    assert_eq!(
        c2.tags,
        ["VIP"],
        "tags match case-insensitively and are not doubled"
    );
    let c3 = s.tag_record(Kind::Contact, &c.id, "老客户").unwrap();
    assert_eq!(c3.tags.len(), 2);
    let c4 = s.untag_record(Kind::Contact, &c.id, "VIP").unwrap();
    assert_eq!(c4.tags, ["老客户"]);
    // Removed and added again: the same tagging row comes back to life.
    let again = s.tag_record(Kind::Contact, &c.id, "VIP").unwrap();
    assert_eq!(again.tags, ["VIP", "老客户"]);
    assert_eq!(s.tags().unwrap(), [("VIP".into(), 1), ("老客户".into(), 1)]);
    s.untag_record(Kind::Contact, &c.id, "VIP").unwrap();
    assert_eq!(s.tags().unwrap(), [("VIP".into(), 0), ("老客户".into(), 1)]);
    let c5 = s
        .update_record(Kind::Contact, &c.id, &input(&[("custom.Shoe size", "")]))
        .unwrap();
    assert!(c5.custom.is_empty(), "an empty value clears a custom field");
    let fields: Vec<String> = s
        .history(&c.id)
        .unwrap()
        .into_iter()
        .map(|h| h.field)
        .collect();
    assert!(
        fields.contains(&"tags".to_string()) && fields.contains(&"custom.Shoe size".to_string()),
        "{fields:?}"
    );
    assert!(
        s.tag_record(Kind::Contact, &c.id, "  ").is_err(),
        "an empty tag is refused"
    );
}

#[test]
fn lists_filter_sort_and_page() {
    let mut f = Fixture::new();
    let s = &mut f.store;
    for (first, last, city) in [
        ("Ann", "Zed", "Berlin"),
        ("Bo", "Yu", "Paris"),
        ("Cy", "Xu", "Berlin"),
        ("Di", "Wu", "Rome"),
    ] {
        s.create_record(
            Kind::Contact,
            &input(&[("first_name", first), ("last_name", last), ("city", city)]),
        )
        .unwrap();
    }
    let all = s
        .list_records(Kind::Contact, &ListQuery::default())
        .unwrap();
    let names: Vec<&str> = all.rows.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        names,
        ["Di Wu", "Cy Xu", "Bo Yu", "Ann Zed"],
        "default sort is by last name"
    );
    let mut q = ListQuery {
        limit: 2,
        offset: 1,
        ..ListQuery::default()
    };
    let page = s.list_records(Kind::Contact, &q).unwrap();
    assert_eq!((page.total, page.rows.len()), (4, 2));
    assert_eq!(page.rows[0].title, "Cy Xu");
    q = ListQuery::default();
    q.filters.insert("city".into(), "Berlin".into());
    q.sort = Some("first_name".into());
    q.desc = true;
    let berlin = s.list_records(Kind::Contact, &q).unwrap();
    let names: Vec<&str> = berlin.rows.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(names, ["Cy Xu", "Ann Zed"]);
    q = ListQuery {
        text: Some("yu".into()),
        ..ListQuery::default()
    };
    assert_eq!(s.list_records(Kind::Contact, &q).unwrap().total, 1);
    q = ListQuery {
        sort: Some("shoe".into()),
        ..ListQuery::default()
    };
    let err = s.list_records(Kind::Contact, &q).unwrap_err();
    assert!(err.to_string().contains("no field 'shoe'"), "{err}");
}

#[test]
fn list_totals_follow_writes_from_this_and_other_connections() {
    let mut f = Fixture::new();
    let q = ListQuery::default();
    assert_eq!(f.store.list_records(Kind::Contact, &q).unwrap().total, 0);
    f.store
        .create_record(Kind::Contact, &input(&[("first_name", "A")]))
        .unwrap();
    assert_eq!(
        f.store.list_records(Kind::Contact, &q).unwrap().total,
        1,
        "own write"
    );
    let mut other = kith::Store::open(&f.path()).unwrap();
    other
        .create_record(Kind::Contact, &input(&[("first_name", "B")]))
        .unwrap();
    assert_eq!(
        f.store.list_records(Kind::Contact, &q).unwrap().total,
        2,
        "a cached total is dropped when another connection (the CLI beside the app) writes"
    );
}

#[test]
fn list_text_matches_the_title_as_shown() {
    let mut f = Fixture::new();
    let s = &mut f.store;
    for (first, last) in [("芳", "王"), ("John", "Carter"), ("Joan", "Carr")] {
        s.create_record(
            Kind::Contact,
            &input(&[("first_name", first), ("last_name", last)]),
        )
        .unwrap();
    }
    for (text, want) in [
        ("王芳", "王芳"),
        ("John Carter", "John Carter"),
        ("hn car", "John Carter"),
    ] {
        let q = ListQuery {
            text: Some(text.into()),
            ..ListQuery::default()
        };
        let titles: Vec<String> = s
            .list_records(Kind::Contact, &q)
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.title)
            .collect();
        assert_eq!(titles, [want], "filter {text:?}");
    }
}

#[test]
fn empty_fields_sent_by_a_form_do_not_block_defaults() {
    let mut f = Fixture::new();
    let deal = f
        .store
        .create_record(
            Kind::Deal,
            &input(&[
                ("title", "x"),
                ("stage", "negotiation"),
                ("probability", ""),
                ("value", ""),
            ]),
        )
        .unwrap();
    assert_eq!(deal.values["probability"], Value::Int(75));
    let edited = f
        .store
        .update_record(Kind::Deal, &deal.id, &input(&[("stage", "won")]))
        .unwrap();
    assert_eq!(
        edited.values["probability"],
        Value::Int(100),
        "a stage change moves it"
    );
    assert!(
        edited.values["closed_on"] != Value::Null,
        "winning closes the deal"
    );
}

#[test]
fn history_rebuilds_the_values_a_record_was_created_with() {
    let mut f = Fixture::new();
    let s = &mut f.store;
    let d = s
        .create_record(
            Kind::Deal,
            &input(&[("title", "Tea"), ("stage", "lead"), ("value", "1.234,50")]),
        )
        .unwrap();
    s.update_record(
        Kind::Deal,
        &d.id,
        &input(&[("value", "2000"), ("title", "Green tea")]),
    )
    .unwrap();
    s.update_record(Kind::Deal, &d.id, &input(&[("value", "3000")]))
        .unwrap();
    s.delete_record(Kind::Deal, &d.id).unwrap();
    let h = s.history(&d.id).unwrap();
    let created: std::collections::BTreeMap<String, Value> = h
        .iter()
        .filter(|c| c.old.is_null() && c.field != "deleted_at")
        .map(|c| (c.field.clone(), c.new.clone()))
        .collect();
    assert_eq!(created.get("title"), Some(&Value::Text("Tea".into())));
    assert_eq!(
        created.get("value"),
        Some(&Value::Int(123_450)),
        "stored form: hundredths"
    );
    assert_eq!(
        created.get("probability"),
        Some(&Value::Int(10)),
        "derived values too"
    );
    let values: Vec<(Value, Value)> = h
        .iter()
        .filter(|c| c.field == "value")
        .map(|c| (c.old.clone(), c.new.clone()))
        .collect();
    assert_eq!(
        values,
        vec![
            (Value::Int(200_000), Value::Int(300_000)),
            (Value::Int(123_450), Value::Int(200_000)),
            (Value::Null, Value::Int(123_450)),
        ]
    );
}
