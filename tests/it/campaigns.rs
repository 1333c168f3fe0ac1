//! Campaigns: members from a tag, a segment or ids (skipping members); responses; the
//! attribution rule (chosen first, then a member's first purchase in the window plus the
//! grace, first touch between overlapping campaigns) and the figures it gives; the member
//! export for a mail tool; and the CLI verbs. Every figure is worked out by hand below.

use chrono::{TimeZone, Utc};
use kith::campaigns::{self, CampaignNote, MemberSource};
use kith::{Kind, Store};

use crate::{Fixture, input, kith};

fn make(store: &mut Store, kind: Kind, pairs: &[(&str, &str)]) -> String {
    store.create_record(kind, &input(pairs)).unwrap().id
}

fn contact(store: &mut Store, first: &str, email: Option<&str>) -> String {
    let mut pairs = vec![("first_name", first), ("last_name", "Test")];
    if let Some(e) = email {
        pairs.push(("email", e));
    }
    make(store, Kind::Contact, &pairs)
}

fn member(store: &mut Store, campaign: &str, contact: &str, status: &str) -> String {
    make(
        store,
        Kind::CampaignMember,
        &[
            ("campaign_id", campaign),
            ("contact_id", contact),
            ("status", status),
        ],
    )
}

fn order(store: &mut Store, n: &str, contact: &str, day: &str, total: &str) -> String {
    make(
        store,
        Kind::Order,
        &[
            ("number", n),
            ("contact_id", contact),
            ("ordered_on", day),
            ("total", total),
            ("status", "paid"),
            ("currency", "USD"),
        ],
    )
}

/// The hand-built workspace: three campaigns, six contacts, their orders and deals.
struct Workspace {
    f: Fixture,
    spring: String,
    event: String,
    open: String,
    ann: String,
    bob: String,
    frank: String,
    members: Vec<String>,
}

fn workspace() -> Workspace {
    let mut f = Fixture::new();
    let s = &mut f.store;
    // Spring: 1–31 March, window to 30 April (30 days' grace). Event: 10–20 March, window to
    // 19 April, overlapping Spring's. Open: from 1 May, no end, no budget.
    let spring = make(
        s,
        Kind::Campaign,
        &[
            ("name", "Spring mail"),
            ("starts_on", "2026-03-01"),
            ("ends_on", "2026-03-31"),
            ("budget", "1000"),
            ("currency", "USD"),
        ],
    );
    let event = make(
        s,
        Kind::Campaign,
        &[
            ("name", "March event"),
            ("starts_on", "2026-03-10"),
            ("ends_on", "2026-03-20"),
            ("budget", "500"),
            ("currency", "USD"),
        ],
    );
    let open = make(
        s,
        Kind::Campaign,
        &[("name", "Open offer"), ("starts_on", "2026-05-01")],
    );
    let ann = contact(s, "Ann", Some("ann@example.com"));
    let bob = contact(s, "Bob", Some("bob@example.com"));
    let cat = contact(s, "Cat", None);
    let dan = contact(s, "Dan", Some("dan@example.com"));
    let eve = contact(s, "=Eve", Some("eve@example.com"));
    let frank = contact(s, "Frank", Some("frank@example.com"));
    s.tag_record(Kind::Contact, &ann, "vip").unwrap();
    s.tag_record(Kind::Contact, &frank, "VIP").unwrap();

    let members = vec![
        member(s, &spring, &ann, "responded"),
        member(s, &spring, &bob, "sent"),
        member(s, &spring, &cat, "converted"),
        member(s, &spring, &dan, "unsubscribed"),
        member(s, &spring, &eve, "opened"),
    ];
    member(s, &event, &eve, "invited");
    member(s, &event, &bob, "clicked");

    // Ann: before the window (not counted), her first in it (Spring), a second (not counted).
    order(s, "A1", &ann, "2026-02-20", "50");
    order(s, "A2", &ann, "2026-03-05", "200");
    order(s, "A3", &ann, "2026-03-15", "300");
    // Bob: chosen for the event; it is also his first in Spring's window, so Spring gets none.
    let b1 = order(s, "B1", &bob, "2026-03-12", "400");
    s.update_record(Kind::Order, &b1, &input(&[("campaign_id", &event)]))
        .unwrap();
    // Cat: a cancelled order is no sale; her first sale falls in Spring's grace days.
    let c1 = order(s, "C1", &cat, "2026-04-01", "999");
    s.update_record(Kind::Order, &c1, &input(&[("status", "cancelled")]))
        .unwrap();
    order(s, "C2", &cat, "2026-04-25", "100");
    // Dan: after Spring's window and grace.
    order(s, "D1", &dan, "2026-05-10", "80");
    // Eve: first purchase in both windows; Spring started first, so Spring has it.
    order(s, "E1", &eve, "2026-03-15", "150");
    // Frank (not a member): two orders chosen for Spring, one in euros.
    let f1 = order(s, "F1", &frank, "2026-03-20", "70");
    let f2 = order(s, "F2", &frank, "2026-03-21", "250");
    s.update_record(Kind::Order, &f1, &input(&[("campaign_id", &spring)]))
        .unwrap();
    s.update_record(
        Kind::Order,
        &f2,
        &input(&[("campaign_id", &spring), ("currency", "EUR")]),
    )
    .unwrap();
    // Deals for Spring: Dan's won deal counts; an open one and a deleted won one do not.
    make(
        s,
        Kind::Deal,
        &[
            ("title", "Dan's order"),
            ("contact_id", &dan),
            ("stage", "won"),
            ("value", "500"),
            ("campaign_id", &spring),
        ],
    );
    make(
        s,
        Kind::Deal,
        &[
            ("title", "Open"),
            ("contact_id", &ann),
            ("stage", "proposal"),
            ("value", "9999"),
            ("campaign_id", &spring),
        ],
    );
    let gone = make(
        s,
        Kind::Deal,
        &[
            ("title", "Gone"),
            ("contact_id", &bob),
            ("stage", "won"),
            ("value", "7000"),
            ("campaign_id", &spring),
        ],
    );
    s.delete_record(Kind::Deal, &gone).unwrap();
    Workspace {
        f,
        spring,
        event,
        open,
        ann,
        bob,
        frank,
        members,
    }
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn the_report_follows_the_attribution_rule_with_exact_figures() {
    let w = workspace();
    let r = campaigns::campaign_report(&w.f.store, &w.spring).unwrap();
    assert_eq!(r.name, "Spring mail");
    assert_eq!(
        (r.window_from, r.window_to),
        (
            Some("2026-03-01".parse().unwrap()),
            Some("2026-04-30".parse().unwrap())
        ),
        "the window is the campaign plus 30 days' grace"
    );
    assert_eq!(r.members, 5);
    assert_eq!(r.responded, 2, "responded and converted are responses");
    assert!(close(r.response_rate, 0.4));
    assert_eq!(
        (r.chosen_orders, r.first_purchases, r.won_deals),
        (2, 3, 1),
        "Frank's two chosen; Ann's, Cat's and Eve's first purchases; Dan's won deal"
    );
    assert_eq!(
        r.revenue, 1020.0,
        "70 (F1) + 200 (A2) + 100 (C2) + 150 (E1) + 500 (deal); F2 is in euros"
    );
    assert_eq!(r.other_currency, 1);
    assert!(
        r.notes.iter().any(|n| matches!(
            &n.code,
            CampaignNote::OtherCurrency { count: 1, currency } if currency.is_some()
        ) && n.text.contains("another currency")),
        "the euro order left out is said, with the campaign's currency: {:?}",
        r.notes
    );
    assert_eq!(
        r.conversions, 4,
        "Ann, Cat, Eve and Dan; Frank bought but is not a member"
    );
    assert!(close(r.conversion_rate, 0.8));
    assert_eq!(r.budget, Some(1000.0));
    assert!(close(r.cost_per_conversion, 250.0));
    assert!(close(r.roi, 0.02), "(1020 − 1000) / 1000");
    let statuses: Vec<(&str, u64)> = r
        .by_status
        .iter()
        .map(|s| (s.status.as_str(), s.count))
        .collect();
    assert_eq!(
        statuses,
        [
            ("sent", 1),
            ("opened", 1),
            ("responded", 1),
            ("converted", 1),
            ("unsubscribed", 1)
        ]
    );

    let e = campaigns::campaign_report(&w.f.store, &w.event).unwrap();
    assert_eq!(
        (e.chosen_orders, e.first_purchases, e.conversions),
        (1, 0, 1),
        "Bob's chosen order; Eve's first purchase went to Spring (it started first)"
    );
    assert_eq!(e.revenue, 400.0);
    assert!(close(e.cost_per_conversion, 500.0));
    assert!(close(e.roi, -0.2), "(400 − 500) / 500");
    assert_eq!(e.response_rate, Some(0.0));

    let o = campaigns::campaign_report(&w.f.store, &w.open).unwrap();
    assert_eq!(o.members, 0);
    assert_eq!(
        (o.response_rate, o.cost_per_conversion, o.roi),
        (None, None, None),
        "no members, no budget: the rates are undefined, not zero"
    );
    assert_eq!(o.window_to, None, "no end date: the window stays open");
    assert!(
        o.notes
            .iter()
            .any(|n| n.code == CampaignNote::NoBudget && n.text.contains("no budget")),
        "a campaign without a budget says why there is no ROI: {:?}",
        o.notes
    );
}

#[test]
fn choosing_and_deleting_change_the_figures() {
    let mut w = workspace();
    let s = &mut w.f.store;
    // Bob's order chosen for Spring instead: it leaves the event and counts once for Spring.
    let b1 = s
        .list_records(
            Kind::Order,
            &kith::model::ListQuery {
                text: Some("B1".into()),
                ..Default::default()
            },
        )
        .unwrap()
        .rows[0]
        .id
        .clone();
    s.update_record(Kind::Order, &b1, &input(&[("campaign_id", &w.spring)]))
        .unwrap();
    let r = campaigns::campaign_report(s, &w.spring).unwrap();
    assert_eq!((r.chosen_orders, r.conversions), (3, 5));
    assert_eq!(r.revenue, 1420.0);
    let e = campaigns::campaign_report(s, &w.event).unwrap();
    assert_eq!((e.chosen_orders, e.revenue, e.conversions), (0, 0.0, 0));
    assert_eq!(
        e.cost_per_conversion, None,
        "no conversions: no cost per conversion"
    );
    assert!(close(e.roi, -1.0), "the whole budget lost");
    // Deleting the order takes it out everywhere.
    s.delete_record(Kind::Order, &b1).unwrap();
    let r = campaigns::campaign_report(s, &w.spring).unwrap();
    assert_eq!((r.chosen_orders, r.revenue), (2, 1020.0));
    // A deleted campaign has no report.
    s.delete_record(Kind::Campaign, &w.open).unwrap();
    let err = campaigns::campaign_report(s, &w.open).unwrap_err();
    assert_eq!(err.report().code, kith::ErrorCode::Deleted);
}

#[test]
fn members_come_from_a_tag_or_ids_and_existing_ones_are_skipped() {
    let mut w = workspace();
    let s = &mut w.f.store;
    let tag = MemberSource::Tag("VIP".into());
    let r = campaigns::add_members(s, &w.spring, &tag).unwrap();
    assert_eq!(
        (r.matched, r.added, r.skipped),
        (2, 1, 1),
        "Ann is a member already; Frank is added (tags match ignoring case)"
    );
    let again = campaigns::add_members(s, &w.spring, &tag).unwrap();
    assert_eq!((again.added, again.skipped), (0, 2));
    let ids = MemberSource::Contacts(vec![w.ann.clone(), w.frank.clone(), w.frank.clone()]);
    let r = campaigns::add_members(s, &w.event, &ids).unwrap();
    assert_eq!((r.matched, r.added, r.skipped), (3, 2, 1), "named twice");
    let members = campaigns::campaign_members(s, &w.spring, 0, 100).unwrap();
    assert_eq!(members.total, 6);
    let frank = members
        .rows
        .iter()
        .find(|m| m.contact_id == w.frank)
        .unwrap();
    assert_eq!(frank.status.as_deref(), Some("invited"));
    // Frank is a member now: his chosen USD order makes him a conversion.
    let r = campaigns::campaign_report(s, &w.spring).unwrap();
    assert_eq!((r.members, r.conversions), (6, 5));

    // Refusals name the field; nothing is written.
    let empty = campaigns::add_members(s, &w.spring, &MemberSource::Tag("  ".into()));
    assert_eq!(empty.unwrap_err().report().issues[0].field, "tag");
    let segment = MemberSource::Segment(String::new());
    let err = campaigns::add_members(s, &w.spring, &segment).unwrap_err();
    assert_eq!(err.report().issues[0].field, "segment");
    let unknown = MemberSource::Contacts(vec![w.bob.clone(), "no-such-contact".into()]);
    assert!(campaigns::add_members(s, &w.open, &unknown).is_err());
    assert_eq!(
        campaigns::campaign_members(s, &w.open, 0, 10)
            .unwrap()
            .total,
        0,
        "all or nothing: Bob was not added either"
    );
    let sources = campaigns::member_sources(s).unwrap();
    let tags: Vec<(&str, u64)> = sources
        .tags
        .iter()
        .map(|t| (t.name.as_str(), t.count))
        .collect();
    assert_eq!(tags, [("vip", 2)]);
    assert!(sources.segments.is_empty(), "no analysis has run");
}

#[test]
fn a_response_is_recorded_with_its_time_and_text() {
    let mut w = workspace();
    let s = &mut w.f.store;
    let bob_member = w.members[1].clone();
    let now = Utc.with_ymd_and_hms(2026, 3, 8, 9, 30, 0).unwrap();
    let r = campaigns::record_response(
        s,
        &bob_member,
        "Responded",
        None,
        Some("  Call me in April "),
        now,
    )
    .unwrap();
    assert_eq!(r.text("status").as_deref(), Some("responded"));
    assert_eq!(
        r.text("responded_at").as_deref(),
        Some("2026-03-08T09:30:00Z")
    );
    assert_eq!(r.text("response").as_deref(), Some("Call me in April"));
    let report = campaigns::campaign_report(s, &w.spring).unwrap();
    assert_eq!(report.responded, 3);
    assert!(close(report.response_rate, 0.6));
    // A status that is not a response keeps no new time; a bad status is refused by name.
    let r = campaigns::record_response(s, &w.members[0], "clicked", None, None, now).unwrap();
    assert_eq!(r.text("status").as_deref(), Some("clicked"));
    let err = campaigns::record_response(s, &bob_member, "bounced", None, None, now).unwrap_err();
    assert_eq!(err.report().issues[0].field, "status");
    assert_eq!(
        s.get_record(Kind::CampaignMember, &bob_member)
            .unwrap()
            .text("status")
            .as_deref(),
        Some("responded")
    );
}

#[test]
fn the_member_export_leaves_out_those_without_email_or_unsubscribed() {
    let w = workspace();
    let path = w.f.dir.path().join("members.csv");
    let r = campaigns::export_members(&w.f.store, &w.spring, &path, true).unwrap();
    assert_eq!((r.written, r.no_email, r.unsubscribed), (3, 1, 1));
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "the BOM asked for");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert_eq!(
        text,
        "email,first_name,last_name,company,status\n\
         eve@example.com,'=Eve,Test,,opened\n\
         ann@example.com,Ann,Test,,responded\n\
         bob@example.com,Bob,Test,,sent\n",
        "by last then first name ('=' sorts before letters); a formula-like cell gets its quote"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "the member list is the user's alone");
    }
    let plain = campaigns::export_members(&w.f.store, &w.event, &path, false).unwrap();
    assert_eq!(plain.written, 2);
    assert!(std::fs::read(&path).unwrap().starts_with(b"email,"));
}

#[test]
fn the_cli_reports_adds_responds_and_exports() {
    let w = workspace();
    let db = w.f.path();
    let out = kith(&db, &["campaign", "report", &w.spring, "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["revenue"], 1020.0);
    assert_eq!(json["conversions"], 4);
    assert_eq!(json["roi"], 0.02);
    let text = kith(&db, &["campaign", "report", &w.spring]).stdout;
    assert!(text.contains("Revenue              1020.00 USD"), "{text}");
    assert!(text.contains("ROI                  2.0%"), "{text}");

    let out = kith(&db, &["campaign", "add-members", &w.event, "--tag", "vip"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "2 contacts: 2 added, 0 already members\n");
    let out = kith(&db, &["campaign", "add-members", &w.event]);
    assert_ne!(out.code, 0, "a source is required");

    let file = w.f.dir.path().join("cli.csv");
    let out = kith(
        &db,
        &[
            "campaign",
            "export-members",
            &w.spring,
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with("Wrote 3 members"), "{}", out.stdout);
    assert_eq!(std::fs::read_to_string(&file).unwrap().lines().count(), 4);

    let out = kith(
        &db,
        &["campaign", "respond", &w.members[1], "--text", "Yes please"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json = kith(&db, &["campaign", "report", &w.spring, "--json"]).stdout;
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["responded"], 3);
}
