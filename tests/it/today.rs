//! Today and tasks: open tasks split by when they fall due and ordered as a day is worked,
//! done and follow-up, the suggestions with their reasons, and the CLI verbs.

use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};
use kith::analytics::{self, ValueOptions};
use kith::demo::{self, DemoOptions, REFERENCE_DATE};
use kith::model::{EntityRecord, Value};
use kith::today::{self, NewTask, SuggestionKind, TodayNote, TodayOptions};
use kith::{Kind, Store};

use crate::{Fixture, input, kith};

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

fn task(
    store: &mut Store,
    subject: &str,
    due: Option<&str>,
    time: Option<&str>,
    priority: Option<&str>,
) -> String {
    today::add_task(
        store,
        &NewTask {
            subject: subject.into(),
            due_on: due.map(str::to_string),
            due_time: time.map(str::to_string),
            priority: priority.map(str::to_string),
            ..NewTask::default()
        },
    )
    .unwrap()
    .id
}

fn titles(records: &[EntityRecord]) -> Vec<&str> {
    records.iter().map(|r| r.title.as_str()).collect()
}

#[test]
fn open_tasks_are_split_by_due_day_and_ordered_by_time_then_priority() {
    let mut f = Fixture::new();
    let s = &mut f.store;
    task(s, "old", Some("2026-11-02"), None, None);
    task(s, "older", Some("2026-10-01"), Some("9:00"), None);
    task(
        s,
        "today untimed high",
        Some("2026-12-07"),
        None,
        Some("high"),
    );
    task(
        s,
        "today untimed low",
        Some("2026-12-07"),
        None,
        Some("low"),
    );
    task(s, "today untimed", Some("2026-12-07"), None, None);
    task(s, "today 14:30", Some("2026-12-07"), Some("2:30 pm"), None);
    task(
        s,
        "today 09:00",
        Some("2026-12-07"),
        Some("09:00"),
        Some("low"),
    );
    task(s, "in a week", Some("2026-12-14"), None, None);
    task(s, "in eight days", Some("2026-12-15"), None, None);
    task(s, "no day", None, None, None);
    let done = task(s, "done already", Some("2026-12-01"), None, None);
    today::complete_task(s, &done, Utc::now()).unwrap();
    let deleted = task(s, "deleted", Some("2026-12-07"), None, None);
    s.delete_record(Kind::Activity, &deleted).unwrap();
    // A call due today is an activity, not a task.
    s.create_record(
        Kind::Activity,
        &input(&[
            ("kind", "call"),
            ("subject", "a call"),
            ("due_on", "2026-12-07"),
        ]),
    )
    .unwrap();

    let t = today::today(s, at("2026-12-07 10:15"), &TodayOptions::default()).unwrap();
    assert_eq!(
        (t.day.to_string().as_str(), t.time.as_str()),
        ("2026-12-07", "10:15")
    );
    assert_eq!(titles(&t.overdue), ["older", "old"]);
    assert_eq!(
        titles(&t.due_today),
        [
            "today 09:00",
            "today 14:30",
            "today untimed high",
            "today untimed",
            "today untimed low"
        ]
    );
    assert_eq!(titles(&t.upcoming), ["in a week"], "7 days ahead, not 8");
    assert_eq!(
        (t.overdue_total, t.due_today_total, t.upcoming_total),
        (2, 5, 1)
    );
    assert_eq!(
        t.due_today[1].values.get("due_time"),
        Some(&Value::Text("14:30".into())),
        "the time is stored on the 24-hour clock"
    );

    // A cap lists the first tasks and still counts them all.
    let capped = today::today(
        s,
        at("2026-12-07 10:15"),
        &TodayOptions {
            limit: 2,
            ..TodayOptions::default()
        },
    )
    .unwrap();
    assert_eq!(titles(&capped.due_today), ["today 09:00", "today 14:30"]);
    assert_eq!(capped.due_today_total, 5);
}

#[test]
fn done_is_stamped_once_and_a_follow_up_carries_the_task_on() {
    let mut f = Fixture::new();
    let s = &mut f.store;
    let li = s
        .create_record(
            Kind::Contact,
            &input(&[("first_name", "明"), ("last_name", "李")]),
        )
        .unwrap()
        .id;
    let call = today::add_task(
        s,
        &NewTask {
            subject: "Call about the renewal".into(),
            due_on: Some("2026-12-07".into()),
            due_time: Some("下午3点".into()),
            priority: Some("high".into()),
            contact_id: Some(li.clone()),
            ..NewTask::default()
        },
    )
    .unwrap();
    let when = Utc.with_ymd_and_hms(2026, 12, 7, 8, 0, 0).unwrap();
    let next = today::follow_up_task(s, &call.id, 3, "2026-12-07".parse().unwrap(), when).unwrap();

    let done = s.get_record(Kind::Activity, &call.id).unwrap();
    assert_eq!(done.values.get("done"), Some(&Value::Bool(true)));
    assert_eq!(
        done.values.get("occurred_at"),
        Some(&Value::Text("2026-12-07T08:00:00Z".into())),
        "done records when it happened, for the timeline"
    );
    assert_eq!(next.title, "Follow up: Call about the renewal");
    for (field, want) in [
        ("due_on", "2026-12-10"),
        ("due_time", "15:00"),
        ("priority", "high"),
        ("contact_id", li.as_str()),
        ("kind", "task"),
    ] {
        assert_eq!(
            next.values.get(field),
            Some(&Value::Text(want.into())),
            "{field}"
        );
    }
    assert_eq!(next.values.get("done"), Some(&Value::Bool(false)));

    // Following the follow-up up does not stack prefixes; doing a done task changes nothing.
    let again = today::follow_up_task(s, &next.id, 1, "2026-12-10".parse().unwrap(), when).unwrap();
    assert_eq!(again.title, "Follow up: Call about the renewal");
    let before = s.history(&call.id).unwrap().len();
    today::complete_task(s, &call.id, Utc::now()).unwrap();
    assert_eq!(
        s.history(&call.id).unwrap().len(),
        before,
        "no second write"
    );

    // What is not a task, or not a sensible delay, is refused with the reason.
    let note = s
        .create_record(
            Kind::Activity,
            &input(&[("kind", "note"), ("subject", "a note")]),
        )
        .unwrap()
        .id;
    let refused = today::complete_task(s, &note, Utc::now()).unwrap_err();
    assert!(refused.to_string().contains("not a task"), "{refused}");
    let refused =
        today::follow_up_task(s, &next.id, 0, "2026-12-10".parse().unwrap(), when).unwrap_err();
    assert!(refused.to_string().contains("1 to 365 days"), "{refused}");
    assert_eq!(
        refused.issues()[0].code,
        Some(kith::IssueCode::FollowUpDays { days: 0 }),
        "coded, for the window to say in its language"
    );
    let bad_time = today::add_task(
        s,
        &NewTask {
            subject: "x".into(),
            due_time: Some("25:00".into()),
            ..NewTask::default()
        },
    )
    .unwrap_err();
    assert!(
        bad_time.to_string().contains("not a time of day"),
        "{bad_time}"
    );
}

#[test]
fn quiet_deals_and_late_tickets_are_suggested_with_their_reason() {
    let mut f = Fixture::new();
    let s = &mut f.store;
    let deal = |s: &mut Store, title: &str, stage: &str, value: &str| {
        s.create_record(
            Kind::Deal,
            &input(&[("title", title), ("stage", stage), ("value", value)]),
        )
        .unwrap()
        .id
    };
    let quiet = deal(s, "Quiet big", "proposal", "9000");
    let busy = deal(s, "Busy", "proposal", "50000");
    let won = deal(s, "Won long ago", "won", "80000");
    let small = deal(s, "Quiet small", "lead", "100");
    for (id, when) in [
        (&quiet, "2026-11-01T10:00:00Z"),
        (&busy, "2026-12-01T10:00:00Z"),
        (&won, "2026-01-01T10:00:00Z"),
        (&small, "2026-10-01T10:00:00Z"),
    ] {
        s.create_record(
            Kind::Activity,
            &input(&[
                ("kind", "call"),
                ("subject", "call"),
                ("deal_id", id),
                ("occurred_at", when),
            ]),
        )
        .unwrap();
    }
    let ticket = |s: &mut Store, subject: &str, priority: &str, status: &str, opened: &str| {
        s.create_record(
            Kind::Ticket,
            &input(&[
                ("subject", subject),
                ("priority", priority),
                ("status", status),
                ("opened_at", opened),
            ]),
        )
        .unwrap()
        .id
    };
    ticket(
        s,
        "urgent, 5 hours",
        "urgent",
        "new",
        "2026-12-07T05:00:00Z",
    );
    ticket(
        s,
        "normal, 2 days",
        "normal",
        "waiting",
        "2026-12-05T10:00:00Z",
    );
    ticket(
        s,
        "low, 8 days",
        "low",
        "in_progress",
        "2026-11-29T10:00:00Z",
    );
    ticket(
        s,
        "resolved, old",
        "urgent",
        "resolved",
        "2026-01-01T10:00:00Z",
    );

    let t = today::today(s, at("2026-12-07 10:00"), &TodayOptions::default()).unwrap();
    let deals: Vec<(&str, &str)> = t
        .suggestions
        .iter()
        .filter(|x| x.kind == SuggestionKind::DealIdle)
        .map(|x| (x.title.as_str(), x.reason.as_str()))
        .collect();
    assert_eq!(deals.len(), 2, "{deals:?}");
    assert_eq!(deals[0].0, "Quiet big", "the more valuable first");
    assert_eq!(
        deals[0].1,
        "No activity for 36 days (last on 2026-11-01); at stage proposal, worth 9,000 USD."
    );
    assert_eq!(deals[1].0, "Quiet small");

    let tickets: Vec<(&str, &str)> = t
        .suggestions
        .iter()
        .filter(|x| x.kind == SuggestionKind::TicketLate)
        .map(|x| (x.title.as_str(), x.reason.as_str()))
        .collect();
    assert_eq!(
        tickets,
        [
            (
                "urgent, 5 hours",
                "Open for 5 hours; the target for urgent priority is 4 hours."
            ),
            (
                "low, 8 days",
                "Open for 8 days; the target for low priority is 7 days."
            ),
        ],
        "furthest past the target (as a share of it) first; the waiting normal one is within its 3 days"
    );

    // A task about the quiet deal puts it on the list: it is no longer suggested; done, the
    // task is the deal's latest activity, and the deal is not quiet any more.
    let planned = today::add_task(
        s,
        &NewTask {
            subject: "Move it forward".into(),
            due_on: Some("2026-12-07".into()),
            deal_id: Some(quiet),
            ..NewTask::default()
        },
    )
    .unwrap();
    let quiet_titles = |s: &Store| -> Vec<String> {
        today::today(s, at("2026-12-07 10:00"), &TodayOptions::default())
            .unwrap()
            .suggestions
            .into_iter()
            .filter(|x| x.kind == SuggestionKind::DealIdle)
            .map(|x| x.title)
            .collect()
    };
    assert_eq!(quiet_titles(s), ["Quiet small"]);
    today::complete_task(
        s,
        &planned.id,
        Utc.with_ymd_and_hms(2026, 12, 7, 9, 0, 0).unwrap(),
    )
    .unwrap();
    assert_eq!(quiet_titles(s), ["Quiet small"]);
    assert!(
        t.notes.iter().any(
            |n| n.code == TodayNote::NoPurchaseModel && n.text.contains("lifetime-value model")
        ),
        "no value model yet is said: {:?}",
        t.notes
    );
}

#[test]
fn customers_slipping_away_come_from_the_stored_value_model() {
    let mut f = Fixture::new();
    demo::fill(
        &mut f.store,
        &DemoOptions {
            contacts: 400,
            seed: 7,
            reference: None,
        },
    )
    .unwrap();
    let day: NaiveDate = REFERENCE_DATE.parse().unwrap();
    // RFM stores each customer's orders and spend; the value run stores the model.
    analytics::rfm_scores(&mut f.store, Some(day)).unwrap();
    analytics::customer_value(
        &mut f.store,
        &ValueOptions {
            as_of: Some(day),
            ..ValueOptions::default()
        },
    )
    .unwrap();
    let now = day.and_hms_opt(9, 0, 0).unwrap();
    let t = today::today(&f.store, now, &TodayOptions::default()).unwrap();
    let slipping: Vec<_> = t
        .suggestions
        .iter()
        .filter(|s| s.kind == SuggestionKind::CustomerSlipping)
        .collect();
    assert!(
        !slipping.is_empty(),
        "two years of demo orders have some: {t:#?}"
    );
    assert!(slipping.len() <= 5);
    for s in &slipping {
        let (now, before) = (s.figures["p_alive_now"], s.figures["p_alive_before"]);
        assert!(now < 0.6 && before - now >= 0.05, "{s:?}");
        assert!(s.figures["orders"] >= 2.0, "repeat customers only: {s:?}");
        assert_eq!(s.record_kind, Kind::Contact);
        assert!(
            s.reason
                .contains(&format!("{:.0}% to {:.0}%", before * 100.0, now * 100.0)),
            "{}",
            s.reason
        );
        f.store.get_record(Kind::Contact, &s.record_id).unwrap();
    }
    let weight = |s: &&kith::today::Suggestion| {
        s.figures["spend"] * (s.figures["p_alive_before"] - s.figures["p_alive_now"])
    };
    assert!(
        slipping.windows(2).all(|w| weight(&w[0]) >= weight(&w[1])),
        "the most at stake first"
    );
    assert!(t.notes.is_empty(), "{:?}", t.notes);
}

#[test]
fn cli_task_verbs_and_today() {
    let f = Fixture::new();
    let db = f.path();
    let added = kith(
        &db,
        &[
            "--json",
            "task",
            "add",
            "--title",
            "Send the quote",
            "--due",
            "today",
            "--time",
            "16:00",
            "--priority",
            "high",
        ],
    );
    assert_eq!(added.code, 0, "{}", added.stderr);
    let id = serde_json::from_str::<serde_json::Value>(&added.stdout).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let later = kith(&db, &["task", "add", "--title", "Check in", "--due", "+3"]);
    assert_eq!(later.code, 0, "{}", later.stderr);

    let list = kith(&db, &["task", "list"]);
    assert_eq!(list.code, 0, "{}", list.stderr);
    let quote = list.stdout.find("Send the quote").expect("listed");
    let check = list.stdout.find("Check in").expect("listed");
    assert!(quote < check, "soonest first:\n{}", list.stdout);
    assert!(
        list.stdout.contains("16:00") && list.stdout.contains("high"),
        "{}",
        list.stdout
    );

    let day = kith(&db, &["--json", "today"]);
    assert_eq!(day.code, 0, "{}", day.stderr);
    let json: serde_json::Value = serde_json::from_str(&day.stdout).unwrap();
    assert_eq!(json["due_today"][0]["title"], "Send the quote");
    assert_eq!(json["upcoming_total"], 1);
    let text = kith(&db, &["today"]);
    assert!(text.stdout.contains("Due today (1)"), "{}", text.stdout);

    let done = kith(&db, &["task", "done", &id]);
    assert_eq!(done.code, 0, "{}", done.stderr);
    assert!(
        done.stdout.contains("Done: Send the quote"),
        "{}",
        done.stdout
    );
    let list = kith(&db, &["task", "list"]);
    assert!(
        !list.stdout.contains("Send the quote"),
        "done tasks leave the list"
    );
    let all = kith(&db, &["task", "list", "--all"]);
    assert!(all.stdout.contains("✓ Send the quote"), "{}", all.stdout);

    let bad = kith(&db, &["task", "add", "--title", "x", "--due", "+x"]);
    assert_ne!(bad.code, 0);
    assert!(
        bad.stderr.contains("'+x' is not a number of days"),
        "{}",
        bad.stderr
    );
    let not_task = kith(&db, &["task", "done", "no-such-id"]);
    assert_ne!(not_task.code, 0);
}
