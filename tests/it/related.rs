//! A contact's or company's related records: relationships from either end, and the groups
//! of records that point at it.

use kith::{Error, Kind, Related};

use crate::{Fixture, input, kith};

fn group<'a>(related: &'a Related, key: &str) -> Option<&'a kith::RelatedGroup> {
    related.groups.iter().find(|g| g.key == key)
}

#[test]
fn a_contact_sees_its_relationships_from_both_ends_and_what_points_at_it() {
    let mut f = Fixture::new();
    let s = &mut f.store;
    let acme = s
        .create_record(Kind::Company, &input(&[("name", "Acme")]))
        .unwrap();
    let ada = s
        .create_record(
            Kind::Contact,
            &input(&[("first_name", "Ada"), ("company_id", &acme.id)]),
        )
        .unwrap();
    let bob = s
        .create_record(Kind::Contact, &input(&[("first_name", "Bob")]))
        .unwrap();
    // Ada is Bob's manager (written on Bob's side), and an advisor of Acme (on hers).
    s.create_record(
        Kind::Relationship,
        &input(&[
            ("contact_id", &bob.id),
            ("kind", "manager"),
            ("other_contact_id", &ada.id),
            ("started_on", "2024-03-01"),
        ]),
    )
    .unwrap();
    s.create_record(
        Kind::Relationship,
        &input(&[
            ("contact_id", &ada.id),
            ("kind", "advisor"),
            ("company_id", &acme.id),
        ]),
    )
    .unwrap();
    for (subject, due) in [("Call back", "2026-01-05"), ("Send offer", "2026-02-01")] {
        s.create_record(
            Kind::Activity,
            &input(&[
                ("kind", "task"),
                ("subject", subject),
                ("due_on", due),
                ("contact_id", &ada.id),
            ]),
        )
        .unwrap();
    }
    s.create_record(
        Kind::Activity,
        &input(&[
            ("kind", "call"),
            ("subject", "Intro"),
            ("contact_id", &ada.id),
        ]),
    )
    .unwrap();
    for n in 0..25 {
        s.create_record(
            Kind::Order,
            &input(&[
                ("number", &format!("A-{n}")),
                ("ordered_on", &format!("2025-{:02}-01", n % 12 + 1)),
                ("total", "10"),
                ("contact_id", &ada.id),
            ]),
        )
        .unwrap();
    }
    let deleted = s
        .create_record(
            Kind::Deal,
            &input(&[
                ("title", "Gone"),
                ("stage", "lead"),
                ("contact_id", &ada.id),
            ]),
        )
        .unwrap();
    s.delete_record(Kind::Deal, &deleted.id).unwrap();

    let related = s.related(Kind::Contact, &ada.id).unwrap();
    assert_eq!(related.links.len(), 2, "{:?}", related.links);
    let own = &related.links[0];
    assert!(!own.inverse, "her own relationship comes first");
    assert_eq!(own.other_kind, Kind::Company);
    assert_eq!(own.other_title.as_deref(), Some("Acme"));
    let theirs = &related.links[1];
    assert!(
        theirs.inverse,
        "Bob's relationship points at her from his end"
    );
    assert_eq!(theirs.other_kind, Kind::Contact);
    assert_eq!(theirs.other_id.as_deref(), Some(bob.id.as_str()));
    assert_eq!(theirs.relationship.text("kind").as_deref(), Some("manager"));
    assert_eq!(
        theirs.relationship.text("started_on").as_deref(),
        Some("2024-03-01")
    );

    let tasks = group(&related, "tasks").expect("her tasks");
    assert_eq!(tasks.total, 2, "only tasks, not the call");
    assert_eq!(
        tasks.rows[0].title, "Send offer",
        "newest due date first: {:?}",
        tasks.rows
    );
    assert_eq!(tasks.filters.get("kind").map(String::as_str), Some("task"));
    let orders = group(&related, "orders").expect("her orders");
    assert_eq!(orders.total, 25, "the total counts them all");
    assert_eq!(orders.rows.len(), 20, "the page shows the first twenty");
    assert_eq!(
        orders.filters.get("contact_id").map(String::as_str),
        Some(ada.id.as_str())
    );
    assert!(
        group(&related, "deals").is_none(),
        "a deleted deal is not related"
    );
    assert!(
        group(&related, "people").is_none(),
        "a contact has no people group"
    );

    // Bob sees the same relationship from his end: Ada is his manager.
    let his = s.related(Kind::Contact, &bob.id).unwrap();
    assert_eq!(his.links.len(), 1);
    assert!(!his.links[0].inverse);
    assert_eq!(his.links[0].other_title.as_deref(), Some("Ada"));
    assert!(his.groups.is_empty(), "nothing points at Bob");
}

#[test]
fn a_company_sees_its_people_and_the_contacts_related_to_it() {
    let mut f = Fixture::new();
    let s = &mut f.store;
    let acme = s
        .create_record(Kind::Company, &input(&[("name", "Acme")]))
        .unwrap();
    for (first, last) in [("Ada", "Lovelace"), ("Zoe", "Adams")] {
        s.create_record(
            Kind::Contact,
            &input(&[
                ("first_name", first),
                ("last_name", last),
                ("company_id", &acme.id),
            ]),
        )
        .unwrap();
    }
    let owner = s
        .create_record(Kind::Contact, &input(&[("first_name", "Olga")]))
        .unwrap();
    s.create_record(
        Kind::Relationship,
        &input(&[
            ("contact_id", &owner.id),
            ("kind", "owner"),
            ("company_id", &acme.id),
        ]),
    )
    .unwrap();
    s.create_record(
        Kind::Deal,
        &input(&[
            ("title", "Big one"),
            ("stage", "won"),
            ("company_id", &acme.id),
        ]),
    )
    .unwrap();

    let related = s.related(Kind::Company, &acme.id).unwrap();
    assert_eq!(related.links.len(), 1);
    assert!(related.links[0].inverse);
    assert_eq!(related.links[0].other_title.as_deref(), Some("Olga"));
    let people = group(&related, "people").expect("its people");
    assert_eq!(
        people
            .rows
            .iter()
            .map(|r| r.title.as_str())
            .collect::<Vec<_>>(),
        ["Zoe Adams", "Ada Lovelace"],
        "people by last name"
    );
    assert_eq!(group(&related, "deals").map(|g| g.total), Some(1));
    assert_eq!(
        related.groups[0].key, "people",
        "people come first on a company's page"
    );
}

#[test]
fn related_records_are_refused_for_other_kinds_and_unknown_ids() {
    let mut f = Fixture::new();
    let s = &mut f.store;
    let deal = s
        .create_record(Kind::Deal, &input(&[("title", "D"), ("stage", "lead")]))
        .unwrap();
    let refused = s.related(Kind::Deal, &deal.id).unwrap_err();
    assert!(
        matches!(&refused, Error::Validation { .. }) && refused.to_string().contains("deal"),
        "{refused}"
    );
    assert!(matches!(
        s.related(Kind::Contact, "no-such-id"),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn kith_related_lists_both_ends_and_the_groups() {
    let mut f = Fixture::new();
    let s = &mut f.store;
    let ada = s
        .create_record(Kind::Contact, &input(&[("first_name", "Ada")]))
        .unwrap();
    let bob = s
        .create_record(Kind::Contact, &input(&[("first_name", "Bob")]))
        .unwrap();
    s.create_record(
        Kind::Relationship,
        &input(&[
            ("contact_id", &bob.id),
            ("kind", "referral"),
            ("other_contact_id", &ada.id),
        ]),
    )
    .unwrap();
    s.create_record(
        Kind::Activity,
        &input(&[
            ("kind", "task"),
            ("subject", "Thank Bob"),
            ("contact_id", &ada.id),
        ]),
    )
    .unwrap();
    let path = f.path();
    drop(f.store);
    let run = kith(&path, &["related", &ada.id]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("referral of"), "{}", run.stdout);
    assert!(run.stdout.contains("Bob"), "{}", run.stdout);
    assert!(run.stdout.contains("Tasks (1):"), "{}", run.stdout);
    assert!(run.stdout.contains("Thank Bob"), "{}", run.stdout);
    let json = kith(&path, &["related", &ada.id, "--json"]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(value["links"][0]["inverse"], true);
    assert_eq!(value["groups"][0]["key"], "tasks");
    let refused = kith(&path, &["related", "nope"]);
    assert_ne!(refused.code, 0);
    assert!(refused.stderr.contains("nope"), "{}", refused.stderr);
}
