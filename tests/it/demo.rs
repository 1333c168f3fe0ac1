//! Demo data: deterministic for a seed, valid, spread across every kind, and searchable.

use std::collections::BTreeMap;

use kith::demo::{self, DemoOptions, DemoSummary, REFERENCE_DATE};
use kith::kinds::DEAL_STAGES;
use kith::{EntityRecord, Kind, ListQuery, Store};

use crate::Fixture;

/// Small enough for debug builds, large enough that every kind and stage shows up.
const CONTACTS: usize = 300;

fn filled(seed: u64) -> (Fixture, DemoSummary) {
    let mut f = Fixture::new();
    let summary = demo::fill(
        &mut f.store,
        &DemoOptions {
            contacts: CONTACTS,
            seed,
            reference: None,
        },
    )
    .expect("every generated record passes validation");
    (f, summary)
}

fn all(store: &Store, kind: Kind, sort: &str) -> Vec<EntityRecord> {
    let page = store
        .list_records(
            kind,
            &ListQuery {
                sort: Some(sort.into()),
                limit: 1000,
                ..ListQuery::default()
            },
        )
        .unwrap();
    assert!(
        page.total <= 1000,
        "the test reads every {kind} in one page; raise the limit if CONTACTS grows"
    );
    page.rows
}

fn text(r: &EntityRecord, field: &str) -> String {
    r.text(field).unwrap_or_default()
}

/// The content of contacts and orders, without ids or write times.
fn content(store: &Store) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    let contacts = all(store, Kind::Contact, "email")
        .iter()
        .map(|c| {
            let mut row: Vec<String> = ["first_name", "last_name", "email", "phone", "city"]
                .iter()
                .map(|f| text(c, f))
                .collect();
            row.push(c.refs.get("company_id").cloned().unwrap_or_default());
            row.push(c.tags.join(","));
            row
        })
        .collect();
    let orders = all(store, Kind::Order, "number")
        .iter()
        .map(|o| {
            ["number", "ordered_on", "status", "total", "channel"]
                .iter()
                .map(|f| text(o, f))
                .chain([o.refs.get("contact_id").cloned().unwrap_or_default()])
                .collect()
        })
        .collect();
    (contacts, orders)
}

#[test]
fn the_same_seed_gives_the_same_data() {
    let (a, summary_a) = filled(7);
    let (b, summary_b) = filled(7);
    assert_eq!(summary_a, summary_b, "same seed, same counts");
    let (contacts_a, orders_a) = content(&a.store);
    let (contacts_b, orders_b) = content(&b.store);
    assert_eq!(contacts_a.len(), CONTACTS);
    assert_eq!(
        contacts_a, contacts_b,
        "same seed: same names, emails, phones, cities, companies and tags"
    );
    assert_eq!(
        orders_a, orders_b,
        "same seed: same order numbers, dates, statuses and totals"
    );

    let (c, _) = filled(8);
    assert_ne!(
        content(&c.store).0,
        contacts_a,
        "another seed gives other people"
    );
}

#[test]
fn every_kind_gets_records_and_the_summary_counts_them() {
    let (f, summary) = filled(42);
    let stored: BTreeMap<Kind, u64> = f.store.counts().unwrap().into_iter().collect();
    for kind in Kind::ALL {
        let n = summary.counts.get(&kind).copied().unwrap_or(0);
        assert!(n > 0, "the demo creates {kind} records");
        assert_eq!(
            stored[&kind], n,
            "the summary counts what the store holds for {kind}"
        );
    }
    assert_eq!(summary.counts[&Kind::Contact], CONTACTS as u64);
    assert_eq!(
        summary.counts[&Kind::Product],
        30,
        "a catalogue of 30 products"
    );
    let companies = summary.counts[&Kind::Company];
    assert!(
        (CONTACTS as u64 / 10..=CONTACTS as u64 / 6).contains(&companies),
        "about one company per eight contacts, got {companies}"
    );
    assert_eq!(summary.reference_date, REFERENCE_DATE);

    let tags: Vec<String> = f.store.tags().unwrap().into_iter().map(|t| t.0).collect();
    for tag in ["VIP", "wholesale", "老客户", "newsletter"] {
        assert!(tags.iter().any(|t| t == tag), "tag {tag} is used: {tags:?}");
    }
    assert!(summary.tagged > 0 && summary.custom_values > 0);

    let contacts = all(&f.store, Kind::Contact, "email");
    let linked = contacts
        .iter()
        .filter(|c| c.text("company_id").is_some())
        .count();
    assert!(
        linked * 10 >= CONTACTS * 7,
        "most contacts work at a company ({linked} of {CONTACTS})"
    );
    assert!(
        contacts
            .iter()
            .any(|c| c.custom.contains_key("Preferred language")),
        "contacts carry a custom field"
    );
    let ticket_follow_ups = all(&f.store, Kind::Activity, "subject")
        .iter()
        .filter(|a| a.text("ticket_id").is_some())
        .count();
    assert!(
        ticket_follow_ups > 0,
        "some tickets have follow-up activities"
    );
    let changes = f.store.change_count().unwrap();
    assert!(
        changes > summary.records(),
        "every write went through the change log"
    );
}

#[test]
fn names_are_multilingual_and_contact_details_match_the_language() {
    let (f, _) = filled(42);
    let contacts = all(&f.store, Kind::Contact, "email");
    let cjk = |s: &str| !s.is_empty() && s.chars().all(kith::values::is_cjk);
    let chinese: Vec<&EntityRecord> = contacts
        .iter()
        .filter(|c| text(c, "country") == "China")
        .collect();
    assert!(
        chinese.len() >= CONTACTS / 6,
        "about a quarter of the contacts are Chinese"
    );
    for c in &chinese {
        let (first, last) = (text(c, "first_name"), text(c, "last_name"));
        assert!(
            cjk(&first) && cjk(&last),
            "Chinese names are in Chinese script: {first} {last}"
        );
        assert_eq!(
            c.title,
            format!("{last}{first}"),
            "the family name (last_name) comes first in a Chinese title"
        );
        if let Some(phone) = c.text("phone") {
            assert!(
                phone.starts_with("+86"),
                "Chinese numbers, in E.164: {phone}"
            );
        }
    }
    for c in &contacts {
        if let Some(email) = c.text("email") {
            assert!(email.is_ascii(), "email addresses are ASCII: {email}");
        }
    }
    for country in [
        "United States",
        "Germany",
        "France",
        "Spain",
        "Japan",
        "China",
    ] {
        assert!(
            contacts.iter().any(|c| text(c, "country") == country),
            "contacts from {country}"
        );
    }
    let companies = all(&f.store, Kind::Company, "name");
    assert!(
        companies
            .iter()
            .any(|c| text(c, "name").ends_with("有限公司")),
        "Chinese company names"
    );
}

#[test]
fn deals_cover_every_stage() {
    let (f, _) = filled(42);
    for (stage, _) in DEAL_STAGES {
        let page = f
            .store
            .list_records(
                Kind::Deal,
                &ListQuery {
                    filters: [("stage".to_string(), stage.to_string())].into(),
                    ..ListQuery::default()
                },
            )
            .unwrap();
        assert!(page.total > 0, "some deal is in stage {stage}");
        for deal in &page.rows {
            let closed = deal.text("closed_on");
            if stage == "won" || stage == "lost" {
                let closed = closed.expect("closed deals have a close date");
                assert!(
                    closed.as_str() < REFERENCE_DATE,
                    "closed dates are anchored before the reference date, not today"
                );
            } else {
                assert!(closed.is_none(), "open deals are not closed");
                assert!(deal.text("expected_close").is_some());
            }
            assert!(deal.text("value").is_some(), "deals have a value");
        }
    }
}

#[test]
fn orders_span_two_years_with_repeat_customers() {
    let (f, _) = filled(42);
    let orders = all(&f.store, Kind::Order, "ordered_on");
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let reference = day(REFERENCE_DATE);
    let first = day(&text(&orders[0], "ordered_on"));
    let last = day(&text(orders.last().unwrap(), "ordered_on"));
    let span = (last - first).num_days();
    assert!(
        (600..=730).contains(&span),
        "orders cover about two years ({first} to {last})"
    );
    assert!(last <= reference && (reference - last).num_days() < 30);

    let mut per_contact: BTreeMap<String, usize> = BTreeMap::new();
    for o in &orders {
        *per_contact.entry(text(o, "contact_id")).or_default() += 1;
        assert!(
            o.text("total").is_some(),
            "every order has lines and so a total"
        );
    }
    let once = per_contact.values().filter(|n| **n == 1).count();
    let often = per_contact.values().filter(|n| **n >= 5).count();
    assert!(
        once > per_contact.len() / 3,
        "many customers buy once ({once} of {})",
        per_contact.len()
    );
    assert!(often > 0, "some customers buy often");
    let statuses: Vec<String> = orders.iter().map(|o| text(o, "status")).collect();
    let delivered = statuses.iter().filter(|s| *s == "delivered").count();
    assert!(delivered * 2 > orders.len(), "most orders are delivered");
    assert!(
        statuses.iter().any(|s| s == "cancelled" || s == "refunded"),
        "some orders are cancelled or refunded"
    );
}

#[test]
fn feedback_has_ratings_nps_and_comments_in_english_and_chinese() {
    let (f, _) = filled(42);
    let feedback = all(&f.store, Kind::Feedback, "received_at");
    let comments: Vec<String> = feedback.iter().filter_map(|r| r.text("comment")).collect();
    assert!(
        comments.iter().any(|c| c.chars().any(kith::values::is_cjk)),
        "Chinese comments"
    );
    assert!(comments.iter().any(|c| c.is_ascii()), "English comments");
    let ratings: Vec<i64> = feedback
        .iter()
        .filter_map(|r| r.text("rating")?.parse().ok())
        .collect();
    assert!(
        ratings.contains(&1) && ratings.contains(&5),
        "ratings from 1 to 5"
    );
    assert!(feedback.iter().any(|r| r.text("nps").is_some()));
    for r in &feedback {
        let at = text(r, "received_at");
        assert!(
            at.as_str() < "2026-11-02",
            "received before the end of the reference day: {at}"
        );
    }
}

#[test]
fn search_finds_a_generated_chinese_contact_by_one_or_two_characters() {
    let (f, _) = filled(42);
    let contacts = all(&f.store, Kind::Contact, "email");
    let target = contacts
        .iter()
        .find(|c| {
            text(c, "country") == "China"
                && text(c, "first_name").chars().count() == 1
                && text(c, "last_name").chars().count() == 1
        })
        .expect("a Chinese contact with a one-character given name");
    let name = target.title.clone();
    assert_eq!(name.chars().count(), 2);
    let hits = f.store.search(&name, 20, None).unwrap();
    assert!(
        hits.iter().any(|h| h.id == target.id),
        "the two-character name {name} finds the contact"
    );
    let family = text(target, "last_name");
    let hits = f.store.search(&family, 1000, None).unwrap();
    assert!(
        hits.iter().any(|h| h.id == target.id),
        "the one-character family name {family} finds the contact"
    );
}

#[test]
fn progress_counts_up_to_the_records_written() {
    let mut f = Fixture::new();
    let mut reports: Vec<(u64, u64)> = Vec::new();
    let summary = demo::fill_with_progress(
        &mut f.store,
        &DemoOptions::with_contacts(50),
        &mut |done, total| reports.push((done, total)),
    )
    .unwrap();
    let total = summary.records();
    assert_eq!(
        reports.first(),
        Some(&(0, total)),
        "progress starts at zero"
    );
    assert_eq!(
        reports.last(),
        Some(&(total, total)),
        "progress ends at the planned total"
    );
    assert!(
        reports.windows(2).all(|w| w[0].0 <= w[1].0),
        "progress never goes back"
    );
}

#[test]
fn filling_restores_the_stores_origin() {
    let mut f = Fixture::new();
    f.store.set_origin("app");
    demo::fill(&mut f.store, &DemoOptions::with_contacts(5)).unwrap();
    assert_eq!(
        f.store.origin(),
        "app",
        "later user writes are not logged as demo"
    );
}

#[test]
fn a_demo_made_current_at_another_day_moves_every_order_by_the_same_days() {
    let (at_reference, _) = filled(42);
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let today = day("2027-03-15");
    let mut f = Fixture::new();
    let summary = demo::fill(
        &mut f.store,
        &DemoOptions::with_contacts(CONTACTS).current_at(today),
    )
    .unwrap();
    assert_eq!(summary.reference_date, "2027-03-15");
    let shift = (today - day(REFERENCE_DATE)).num_days();
    let dates = |store: &Store| -> Vec<chrono::NaiveDate> {
        let mut days: Vec<_> = all(store, Kind::Order, "ordered_on")
            .iter()
            .map(|o| day(&text(o, "ordered_on")))
            .collect();
        days.sort();
        days
    };
    let before = dates(&at_reference.store);
    let after = dates(&f.store);
    assert_eq!(before.len(), after.len(), "the same orders");
    for (b, a) in before.iter().zip(&after) {
        assert_eq!((*a - *b).num_days(), shift, "{b} moved to {a}");
    }
    let last = after.iter().max().unwrap();
    assert!(
        *last <= today && (today - *last).num_days() < 30,
        "recent orders up to {today}"
    );
}
