//! The ticket queue: columns by status in queue order, targets and overdue marks by priority,
//! the service's figures, suggested categories, moves as edits with their stamps, and closing
//! with the customer's satisfaction kept as feedback.

use chrono::NaiveDateTime;
use kith::model::{ListQuery, Value};
use kith::tickets::{self, QueueOptions};
use kith::{Error, Kind, Store};

use crate::{Fixture, input, kith};

fn ticket(store: &mut Store, subject: &str, pairs: &[(&str, &str)]) -> String {
    let mut fields = vec![("subject", subject)];
    fields.extend_from_slice(pairs);
    store
        .create_record(Kind::Ticket, &input(&fields))
        .unwrap()
        .id
}

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

fn text(store: &Store, id: &str, field: &str) -> Option<String> {
    store.get_record(Kind::Ticket, id).unwrap().text(field)
}

fn invalid_field(e: Error) -> String {
    match e {
        Error::Validation { issues } => issues[0].field.clone(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn the_queue_orders_marks_and_measures_the_tickets() {
    let mut f = Fixture::new();
    let s = &mut f.store;
    let a = ticket(
        s,
        "A: urgent, 2 hours unanswered",
        &[
            ("priority", "urgent"),
            ("category", "Shipping"),
            ("opened_at", "2026-12-07T08:00:00Z"),
        ],
    );
    let b = ticket(
        s,
        "B: normal, 4 hours",
        &[
            ("priority", "normal"),
            ("opened_at", "2026-12-07T06:00:00Z"),
        ],
    );
    let c = ticket(
        s,
        "C: high, 2 days in progress",
        &[
            ("priority", "high"),
            ("status", "in_progress"),
            ("opened_at", "2026-12-05T10:00:00Z"),
            ("first_response_at", "2026-12-05T11:00:00Z"),
        ],
    );
    ticket(
        s,
        "D: low, waiting 6 days",
        &[
            ("priority", "low"),
            ("status", "waiting"),
            ("opened_at", "2026-12-01T10:00:00Z"),
            ("first_response_at", "2026-12-01T20:00:00Z"),
        ],
    );
    let e = ticket(
        s,
        "E: resolved in a day",
        &[
            ("status", "resolved"),
            ("opened_at", "2026-12-02T10:00:00Z"),
            ("first_response_at", "2026-12-02T12:00:00Z"),
            ("resolved_at", "2026-12-03T10:00:00Z"),
        ],
    );
    let closed = ticket(
        s,
        "F: closed in two days",
        &[
            ("status", "closed"),
            ("opened_at", "2026-11-30T10:00:00Z"),
            ("first_response_at", "2026-11-30T14:00:00Z"),
            ("resolved_at", "2026-12-02T10:00:00Z"),
        ],
    );
    ticket(
        s,
        "G: closed in June",
        &[
            ("status", "closed"),
            ("opened_at", "2026-06-01T10:00:00Z"),
            ("first_response_at", "2026-06-01T11:00:00Z"),
            ("resolved_at", "2026-06-02T10:00:00Z"),
        ],
    );
    let deleted = ticket(
        s,
        "H: deleted",
        &[
            ("priority", "urgent"),
            ("opened_at", "2026-12-01T10:00:00Z"),
        ],
    );
    s.delete_record(Kind::Ticket, &deleted).unwrap();

    let q = tickets::ticket_queue(s, at("2026-12-07 10:00"), &QueueOptions::default()).unwrap();
    let statuses: Vec<&str> = q.columns.iter().map(|c| c.status.as_str()).collect();
    assert_eq!(
        statuses,
        ["new", "in_progress", "waiting", "resolved", "closed"],
        "the queue's order"
    );
    let titles = |i: usize| -> Vec<&str> {
        q.columns[i]
            .cards
            .iter()
            .map(|c| &c.ticket.title[..1])
            .collect()
    };
    assert_eq!(
        titles(0),
        ["A", "B"],
        "most urgent first, the deleted one gone"
    );
    assert_eq!(titles(3), ["E"]);
    assert_eq!(
        titles(4),
        ["F"],
        "closed in the last 30 days only, not in June"
    );
    assert_eq!(q.columns[4].count, 1);

    let card = |i: usize, j: usize| &q.columns[i].cards[j];
    let (ca, cb) = (card(0, 0), card(0, 1));
    assert_eq!(ca.ticket.id, a);
    assert!(
        ca.response_overdue,
        "urgent is answered within an hour: due 09:00, unanswered at 10:00"
    );
    assert!(
        !ca.resolution_overdue,
        "and resolved within 4 hours: due 12:00"
    );
    assert_eq!(ca.response_due.as_deref(), Some("2026-12-07T09:00:00Z"));
    assert_eq!(ca.resolution_due.as_deref(), Some("2026-12-07T12:00:00Z"));
    assert_eq!(ca.age_hours, 2.0);
    assert_eq!(
        (ca.category.as_deref(), ca.category_suggested),
        (Some("Shipping"), false)
    );
    assert_eq!(cb.ticket.id, b);
    assert_eq!(cb.response_due.as_deref(), Some("2026-12-07T14:00:00Z"));
    assert!(!cb.response_overdue && !cb.resolution_overdue);
    assert_eq!(
        cb.category, None,
        "too few categorised tickets to suggest one"
    );
    assert!(q.category_note.is_some(), "and the queue says why");

    let cc = card(1, 0);
    assert_eq!(cc.ticket.id, c);
    assert_eq!(cc.response_due, None, "answered: no response due");
    assert_eq!(cc.resolution_due.as_deref(), Some("2026-12-06T10:00:00Z"));
    assert!(
        cc.resolution_overdue,
        "high is resolved within a day; this one is two days old"
    );
    assert!(
        !card(2, 0).resolution_overdue,
        "low has a week: due on the 8th"
    );

    let ce = card(3, 0);
    assert_eq!(ce.ticket.id, e);
    assert_eq!(ce.resolution_hours, Some(24.0));
    assert_eq!(
        ce.age_hours, 24.0,
        "a resolved ticket's age stops at its resolution"
    );
    assert!(!ce.resolution_overdue && ce.resolution_due.is_none());
    assert_eq!(card(4, 0).ticket.id, closed);

    assert_eq!(
        [
            q.columns[0].overdue,
            q.columns[1].overdue,
            q.columns[2].overdue
        ],
        [1, 1, 0]
    );
    let fig = &q.figures;
    assert_eq!((fig.open, fig.overdue), (4, 2), "A and C are past a target");
    assert_eq!(
        (fig.median_response_hours, fig.responded),
        (Some(3.0), 4),
        "first responses after 1, 2, 4 and 10 hours in the last 30 days; June's is older"
    );
    assert_eq!(
        (fig.median_resolution_hours, fig.resolved),
        (Some(36.0), 2),
        "resolutions after 24 and 48 hours"
    );
    let urgent = q.targets[0];
    assert_eq!(
        (
            urgent.priority,
            urgent.response_hours,
            urgent.resolution_hours
        ),
        ("urgent", 1, 4)
    );
}

#[test]
fn an_uncategorised_ticket_gets_the_category_its_words_suggest() {
    let mut f = Fixture::new();
    let s = &mut f.store;
    for i in 0..12 {
        ticket(
            s,
            &format!("Parcel {i} not delivered"),
            &[
                (
                    "description",
                    "The parcel delivery is late, shipping tracking",
                ),
                ("category", "Shipping"),
                ("status", "closed"),
            ],
        );
        ticket(
            s,
            &format!("Invoice {i} charged twice"),
            &[
                (
                    "description",
                    "I was charged twice, please refund the invoice payment",
                ),
                ("category", "Billing"),
                ("status", "closed"),
            ],
        );
    }
    let open = ticket(
        s,
        "My parcel was not delivered",
        &[(
            "description",
            "Delivery late, where is the shipping tracking?",
        )],
    );
    let q = tickets::ticket_queue(s, at("2026-12-07 10:00"), &QueueOptions::default()).unwrap();
    let card = &q.columns[0].cards[0];
    assert_eq!(card.ticket.id, open);
    assert_eq!(
        (card.category.as_deref(), card.category_suggested),
        (Some("Shipping"), true),
        "learned from the user's own 24 categorised tickets"
    );
    assert_eq!(q.category_note, None);
    assert_eq!(
        text(s, &open, "category"),
        None,
        "a suggestion is not written to the ticket"
    );
}

#[test]
fn moves_are_edits_that_stamp_the_first_response_and_the_resolution() {
    let mut f = Fixture::new();
    let s = &mut f.store;
    let id = ticket(s, "Lid broken", &[("opened_at", "2026-12-01T10:00:00Z")]);
    assert_eq!(text(s, &id, "status").as_deref(), Some("new"));
    assert_eq!(text(s, &id, "first_response_at"), None);

    let moved = tickets::ticket_move(s, &id, "In progress").unwrap();
    assert_eq!(moved.text("status").as_deref(), Some("in_progress"));
    let answered = moved
        .text("first_response_at")
        .expect("leaving new is the first response");
    assert_eq!(moved.text("resolved_at"), None);

    let resolved = tickets::ticket_move(s, &id, "resolved").unwrap();
    assert!(
        resolved.text("resolved_at").is_some(),
        "resolving stamps it"
    );
    assert_eq!(
        resolved.text("first_response_at").as_deref(),
        Some(answered.as_str()),
        "the first response is stamped once"
    );

    let reopened = tickets::ticket_move(s, &id, "pending").unwrap();
    assert_eq!(
        reopened.text("status").as_deref(),
        Some("waiting"),
        "the first queue's word still reads"
    );
    assert_eq!(
        reopened.text("resolved_at"),
        None,
        "reopening takes the resolution back"
    );
    assert_eq!(
        reopened.text("first_response_at").as_deref(),
        Some(answered.as_str())
    );

    let statuses: Vec<(Value, Value)> = s
        .history(&id)
        .unwrap()
        .into_iter()
        .filter(|c| c.field == "status")
        .map(|c| (c.old, c.new))
        .collect();
    let t = |s: &str| Value::Text(s.into());
    for step in [
        (t("new"), t("in_progress")),
        (t("in_progress"), t("resolved")),
        (t("resolved"), t("waiting")),
    ] {
        assert!(
            statuses.contains(&step),
            "every move is in the history: {statuses:?}"
        );
    }
    let same = tickets::ticket_move(s, &id, "waiting").unwrap();
    assert_eq!(same.updated_at, reopened.updated_at, "no move, no write");

    let bad = tickets::ticket_move(s, &id, "done").unwrap_err();
    assert_eq!(invalid_field(bad), "status", "a bad status names the field");
    assert!(matches!(
        tickets::ticket_move(s, "nope", "new"),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn closing_keeps_the_customers_rating_as_survey_feedback() {
    let mut f = Fixture::new();
    let s = &mut f.store;
    let contact = s
        .create_record(Kind::Contact, &input(&[("first_name", "Mei")]))
        .unwrap()
        .id;
    let id = ticket(s, "Wrong size", &[("contact_id", &contact)]);

    let refused = tickets::ticket_close(s, &id, Some(6), None).unwrap_err();
    assert_eq!(invalid_field(refused), "rating");
    assert_eq!(
        text(s, &id, "status").as_deref(),
        Some("new"),
        "a refused close changes nothing"
    );

    let closed = tickets::ticket_close(s, &id, Some(4), Some("  Quick swap, thanks ")).unwrap();
    assert_eq!(closed.ticket.text("status").as_deref(), Some("closed"));
    assert!(closed.ticket.text("resolved_at").is_some());
    let fb = closed.feedback.expect("a rating makes a feedback");
    assert_eq!(fb.values["rating"], Value::Int(4));
    assert_eq!(fb.text("comment").as_deref(), Some("Quick swap, thanks"));
    assert_eq!(fb.text("channel").as_deref(), Some("survey"));
    assert_eq!(fb.text("ticket_id").as_deref(), Some(id.as_str()));
    assert_eq!(fb.text("contact_id").as_deref(), Some(contact.as_str()));

    let quiet = ticket(s, "No answer", &[]);
    let closed = tickets::ticket_close(s, &quiet, None, Some("   ")).unwrap();
    assert_eq!(closed.ticket.text("status").as_deref(), Some("closed"));
    assert!(
        closed.feedback.is_none(),
        "no rating and no words: no feedback"
    );
    let feedback = s
        .list_records(Kind::Feedback, &ListQuery::default())
        .unwrap()
        .total;
    assert_eq!(feedback, 1);

    s.delete_record(Kind::Ticket, &quiet).unwrap();
    let gone = tickets::ticket_close(s, &quiet, Some(5), None).unwrap_err();
    assert_eq!(invalid_field(gone), "id");
}

#[test]
fn cli_ticket_queue_move_and_close() {
    let f = Fixture::new();
    let db = f.path();
    let added = kith(
        &db,
        &[
            "--json",
            "ticket",
            "add",
            "--subject",
            "Blender hums",
            "--priority",
            "urgent",
        ],
    );
    assert_eq!(added.code, 0, "{}", added.stderr);
    let id = serde_json::from_str::<serde_json::Value>(&added.stdout).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();

    let queue = kith(&db, &["--json", "ticket", "queue"]);
    assert_eq!(queue.code, 0, "{}", queue.stderr);
    let json: serde_json::Value = serde_json::from_str(&queue.stdout).unwrap();
    assert_eq!(json["columns"][0]["status"], "new");
    assert_eq!(json["columns"][0]["cards"][0]["ticket"]["id"], id.as_str());
    assert_eq!(json["figures"]["open"], 1);
    let text = kith(&db, &["ticket", "queue"]);
    assert!(
        text.stdout.contains("new (1)") && text.stdout.contains("Blender hums"),
        "{}",
        text.stdout
    );

    let moved = kith(&db, &["ticket", "move", &id, "waiting"]);
    assert_eq!(moved.code, 0, "{}", moved.stderr);
    assert!(
        moved.stdout.contains("Blender hums: waiting"),
        "{}",
        moved.stdout
    );
    let bad = kith(&db, &["ticket", "move", &id, "someday"]);
    assert_ne!(bad.code, 0);
    assert!(bad.stderr.contains("status"), "{}", bad.stderr);

    let closed = kith(
        &db,
        &[
            "--json",
            "ticket",
            "close",
            &id,
            "--rating",
            "5",
            "--comment",
            "Fixed",
        ],
    );
    assert_eq!(closed.code, 0, "{}", closed.stderr);
    let json: serde_json::Value = serde_json::from_str(&closed.stdout).unwrap();
    assert_eq!(json["ticket"]["values"]["status"], "closed");
    assert_eq!(json["feedback"]["values"]["rating"], 5);
    let feedback = kith(&db, &["--json", "feedback", "list"]);
    assert!(feedback.stdout.contains("Fixed"), "{}", feedback.stdout);

    let bad = kith(&db, &["ticket", "close", &id, "--rating", "0"]);
    assert_ne!(bad.code, 0);
    assert!(bad.stderr.contains("rating"), "{}", bad.stderr);
    let list = kith(&db, &["ticket", "list"]);
    assert_eq!(list.code, 0, "the record verbs still work: {}", list.stderr);
}

#[test]
fn a_ticket_waits_as_long_in_any_time_zone() {
    let mut f = Fixture::new();
    let s = &mut f.store;
    // Opened at 01:00 UTC: 09:00 in Shanghai, the evening before in New York.
    ticket(
        s,
        "A: printer jammed",
        &[
            ("priority", "urgent"),
            ("opened_at", "2026-12-07T01:00:00Z"),
        ],
    );
    for (wall, offset) in [("2026-12-07 10:00", 480), ("2026-12-06 21:00", -300)] {
        let opts = QueueOptions {
            utc_offset_minutes: offset,
            ..QueueOptions::default()
        };
        let q = tickets::ticket_queue(s, at(wall), &opts).unwrap();
        let card = &q.columns[0].cards[0];
        assert_eq!(card.age_hours, 1.0, "an hour at {wall} ({offset:+} min)");
        assert!(
            !card.response_overdue,
            "an urgent ticket an hour old is within its target"
        );
    }
    // Today's late tickets measure from the same moment: not late an hour in.
    let day = kith::today::today(
        s,
        at("2026-12-07 10:00"),
        &kith::today::TodayOptions {
            utc_offset_minutes: 480,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        day.suggestions
            .iter()
            .all(|s| s.title != "A: printer jammed"),
        "{:?}",
        day.suggestions
    );
}
