//! The UI's recorded answers: the engine's answer to every command the UI's tests and its
//! browser-only mock ask, written as JSON to `ui/src/ipc/mock/fixtures/` (one file per
//! command), where the mock transport looks them up. The UI never computes an answer itself,
//! so what it renders in a test is what the engine says.
//!
//! `cargo test` records them again and fails when they differ from the committed files;
//! `make fixtures` (`KITH_RECORD_FIXTURES=1`) writes them. To be the same on every run and
//! every day, the workspace is the seeded demo on a fixed day ([`Store::set_today`]), and
//! what only says when and where it was written is redacted: record ids (UUIDv7, from the
//! wall clock) become stable aliases in order of first appearance, write times and clock
//! readings made while recording become one fixed time, the device id a fixed one, and step
//! durations zero.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use kith::{Kind, Store};
use regex::{Captures, Regex};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::calls;

/// Contacts in the recorded demo workspace: every kind gets a few pages' worth of rows
/// without the fixtures reaching megabytes.
const CONTACTS: usize = 60;
/// The day the workspace is recorded at (the demo's reference day).
const TODAY: &str = kith::demo::REFERENCE_DATE;
/// What every write time made while recording reads as.
const WRITTEN_AT: &str = "2026-11-01T09:30:00";
const DEVICE: &str = "0000d3m0d3v1";
/// Rows of a list page the UI asks for (ListView's page).
const PAGE: usize = 200;
/// The size the dashboard draws a chart at in a 640 px card (`chartSize` in lib/analytics.ts).
const CHART_SIZE: (u32, u32) = (640, 384);
/// Records of each kind opened (their detail, history, timeline and figures).
const OPENED: usize = 2;
/// Search results the search box asks for.
const SEARCH_LIMIT: usize = 20;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/ipc/mock/fixtures")
}

/// One argument by the name the UI sends it under (Tauri's camelCase); a missing one is null,
/// as Tauri reads it.
fn arg<T: DeserializeOwned>(args: &Value, name: &str) -> T {
    let value = args.get(name).cloned().unwrap_or(Value::Null);
    serde_json::from_value(value).unwrap_or_else(|e| panic!("argument {name} of {args}: {e}"))
}

fn to_json<T: serde::Serialize>(result: kith::Result<T>) -> Result<Value, Value> {
    result
        .map(|v| serde_json::to_value(v).expect("answers serialize"))
        .map_err(|e| serde_json::to_value(e.report()).expect("errors serialize"))
}

/// Answers `command` the way its Tauri command does (the same function of `calls`); the events
/// the command sends the window as it runs go to `events`.
fn answer(
    s: &mut Store,
    command: &str,
    a: &Value,
    events: &mut Vec<Value>,
) -> Result<Value, Value> {
    let text = |name| arg::<String>(a, name);
    match command {
        "schema" => to_json(Ok(calls::schema())),
        "workspace_info" => to_json(calls::workspace_info(s)),
        "workspace_choose" => to_json(calls::workspace_choose(s, arg(a, "choice"))),
        "record_list" => to_json(calls::record_list(s, arg(a, "kind"), &arg(a, "query"))),
        "record_get" => to_json(calls::record_get(s, arg(a, "kind"), &text("id"))),
        "search" => {
            let kinds: Option<Vec<Kind>> = arg(a, "kinds");
            to_json(calls::search(
                s,
                &text("query"),
                arg(a, "limit"),
                kinds.as_deref(),
            ))
        }
        "history" => to_json(calls::history(s, &text("id"))),
        "timeline" => to_json(calls::timeline(s, arg(a, "kind"), &text("id"))),
        "import_list" => to_json(calls::import_list(s)),
        "review_list" => to_json(calls::review_list(s, arg(a, "kind"), arg(a, "limit"))),
        "review_record" => to_json(calls::review_record(s, &text("id"))),
        "duplicates_find" => to_json(calls::duplicates_find(s, arg(a, "kind"))),
        "dashboard_charts" => to_json(Ok(calls::dashboard_charts())),
        "dashboard_kpis" => to_json(calls::dashboard_kpis(s, arg(a, "asOf"))),
        "analyze_all" => to_json(calls::analyze_all(s, arg(a, "asOf"), &mut |p| {
            events.push(json!({ "event": "analytics-progress", "payload": p }));
        })),
        "record_create" => to_json(calls::record_create(s, arg(a, "kind"), &arg(a, "input"))),
        "record_update" => to_json(calls::record_update(
            s,
            arg(a, "kind"),
            &text("id"),
            &arg(a, "input"),
        )),
        "record_delete" => to_json(calls::record_delete(s, arg(a, "kind"), &text("id"))),
        "record_tag" => to_json(calls::record_tag(
            s,
            arg(a, "kind"),
            &text("id"),
            &text("tag"),
        )),
        "merge" => to_json(calls::merge(
            s,
            arg(a, "kind"),
            &arg::<Vec<String>>(a, "ids"),
        )),
        "analyze_rules_set" => to_json(calls::analyze_rules_set(s, &arg(a, "points"))),
        "analyze_rules_reset" => to_json(calls::analyze_rules_reset(s)),
        "analyze_report" => to_json(calls::analyze_report(s, &text("name"))),
        "analyze_rules" => to_json(calls::analyze_rules(s)),
        "analyze_deal_score" => to_json(calls::analyze_deal_score(s, &text("dealId"))),
        "analyze_forecast" => to_json(calls::analyze_forecast(s, arg(a, "asOf"))),
        "analyze_satisfaction" => to_json(calls::analyze_satisfaction(
            s,
            arg(a, "asOf"),
            arg(a, "recentDays"),
        )),
        "customer_figures" => to_json(calls::customer_figures(s, &text("contactId"))),
        "chart" => to_json(calls::chart(
            s,
            &text("name"),
            arg(a, "from"),
            arg(a, "to"),
            arg(a, "width"),
            arg(a, "height"),
        )),
        other => panic!("the recorder does not answer {other} yet"),
    }
}

/// Takes out of answers what says only when and on which device they were made.
struct Redactor {
    uuid: Regex,
    instant: Regex,
    aliases: HashMap<String, String>,
    device: String,
    /// Write times made while recording fall in this window.
    since: DateTime<Utc>,
}

impl Redactor {
    fn new(device: &str) -> Redactor {
        Redactor {
            uuid: Regex::new(
                "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
            )
            .unwrap(),
            instant: Regex::new(
                r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d{1,9})?(Z|[+-]\d\d:\d\d)(-[0-9a-f]{4}-[0-9a-z]+)?",
            )
            .unwrap(),
            aliases: HashMap::new(),
            device: device.to_string(),
            since: Utc::now() - chrono::Duration::seconds(1),
        }
    }

    /// The alias of a record id: the n-th id seen, as a UUID.
    fn alias(&mut self, id: &str) -> String {
        let next = self.aliases.len() + 1;
        self.aliases
            .entry(id.to_string())
            .or_insert_with(|| format!("00000000-0000-7000-8000-{next:012}"))
            .clone()
    }

    fn text(&mut self, text: &str) -> String {
        let until = Utc::now() + chrono::Duration::seconds(1);
        let (since, device) = (self.since, self.device.clone());
        let timed = self.instant.replace_all(text, |c: &Captures| {
            let whole = &c[0];
            let stamp = format!("{}{}{}", &c[1], c.get(2).map_or("", |m| m.as_str()), &c[3]);
            let written =
                DateTime::parse_from_rfc3339(&stamp).is_ok_and(|t| t >= since && t <= until);
            if !written {
                return whole.to_string();
            }
            let fraction = c.get(2).map_or(String::new(), |m| {
                format!(".{}", "0".repeat(m.as_str().len() - 1))
            });
            let clock = c
                .get(4)
                .map_or(String::new(), |_| format!("-0000-{DEVICE}"));
            format!("{WRITTEN_AT}{fraction}Z{clock}")
        });
        let timed = timed.replace(&device, DEVICE);
        let ids: Vec<String> = self
            .uuid
            .find_iter(&timed)
            .map(|m| m.as_str().to_string())
            .collect();
        let mut out = timed;
        for id in ids {
            let alias = self.alias(&id);
            out = out.replace(&id, &alias);
        }
        out
    }

    fn value(&mut self, value: Value) -> Value {
        match value {
            Value::String(s) => Value::String(self.text(&s)),
            Value::Array(items) => Value::Array(items.into_iter().map(|v| self.value(v)).collect()),
            Value::Object(map) => Value::Object(
                map.into_iter()
                    .map(|(k, v)| {
                        // A step's duration (`RefreshSummary.took`) is the machine's, not the data's.
                        let v = if k == "ms" && v.is_number() {
                            json!(0)
                        } else {
                            self.value(v)
                        };
                        (self.text(&k), v)
                    })
                    .collect(),
            ),
            other => other,
        }
    }
}

/// Keys an answer by its arguments the way the UI does (`canonical` in mock/fixtures.ts):
/// object keys sorted, no spaces.
fn canonical(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let sorted: BTreeMap<_, _> = map.iter().collect();
            let parts: Vec<String> = sorted
                .into_iter()
                .map(|(k, v)| format!("{}:{}", Value::String(k.clone()), canonical(v)))
                .collect();
            format!("{{{}}}", parts.join(","))
        }
        Value::Array(items) => {
            format!(
                "[{}]",
                items.iter().map(canonical).collect::<Vec<_>>().join(",")
            )
        }
        other => other.to_string(),
    }
}

struct Recorder {
    store: Store,
    redact: Redactor,
    /// Per command, its answers by canonical arguments.
    answers: BTreeMap<String, BTreeMap<String, Value>>,
}

impl Recorder {
    fn call(&mut self, command: &str, args: Value) -> Result<Value, Value> {
        let mut events = Vec::new();
        let result = answer(&mut self.store, command, &args, &mut events);
        let args = self.redact.value(args);
        let mut entry = match &result {
            Ok(v) => json!({ "args": args, "answer": self.redact.value(v.clone()) }),
            Err(e) => json!({ "args": args, "error": self.redact.value(e.clone()) }),
        };
        if !events.is_empty() {
            entry["events"] = self.redact.value(Value::Array(events));
        }
        self.answers
            .entry(command.to_string())
            .or_default()
            .insert(canonical(&args), entry);
        result
    }

    /// The ids of the first records of `kind` the list shows, without recording the list.
    fn first_ids(&mut self, kind: Kind, limit: usize) -> Vec<String> {
        let query = kith::ListQuery {
            text: None,
            sort: None,
            desc: false,
            offset: 0,
            limit: limit as u64,
            filters: BTreeMap::new(),
            include_deleted: false,
        };
        let page = calls::record_list(&mut self.store, kind, &query).expect("lists answer");
        page.rows.into_iter().map(|row| row.id).collect()
    }

    /// The first page of `kind`, as the list asks for it: each row's id and title.
    fn page(&mut self, kind: Kind) -> Vec<(String, String)> {
        let answer = self
            .call(
                "record_list",
                list_args(kind, &Value::Null, false, &json!({})),
            )
            .expect("lists answer");
        let text = |row: &Value, key: &str| {
            row[key]
                .as_str()
                .expect("rows have ids and titles")
                .to_string()
        };
        answer["rows"]
            .as_array()
            .expect("a page has rows")
            .iter()
            .map(|row| (text(row, "id"), text(row, "title")))
            .collect()
    }

    /// Writes the fixtures into `dir` (`write`) or says which of the committed ones differ.
    fn finish(self, dir: &Path, write: bool) -> Vec<String> {
        let mut stale = Vec::new();
        let mut names = Vec::new();
        for (command, answers) in self.answers {
            let name = format!("{command}.json");
            // One call a line: compact, and a changed answer is a changed line.
            let lines: Vec<String> = answers
                .values()
                .map(|entry| serde_json::to_string(entry).expect("fixtures serialize"))
                .collect();
            let text = format!("[\n{}\n]\n", lines.join(",\n"));
            let path = dir.join(&name);
            if write {
                std::fs::create_dir_all(dir).unwrap();
                std::fs::write(&path, &text).unwrap();
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(&text) {
                stale.push(path.display().to_string());
            }
            names.push(name);
        }
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !names.contains(&name) {
                if write {
                    std::fs::remove_file(entry.path()).unwrap();
                } else {
                    stale.push(format!("{} (no longer recorded)", entry.path().display()));
                }
            }
        }
        stale
    }
}

/// Fills a workspace and makes its calls.
type Scenario = fn(&mut Recorder);

/// The workspaces the UI's tests render, each recorded into `fixtures/<name>/`.
const WORKSPACES: [(&str, Scenario); 4] = [
    ("demo", record_demo),
    ("edits", record_edits),
    ("unscored", record_unscored),
    ("empty", record_empty),
];

/// The seeded demo data, as the app's demo has it (its analyses not run yet).
fn fill_demo(r: &mut Recorder) {
    kith::demo::fill(
        &mut r.store,
        &kith::demo::DemoOptions::with_contacts(CONTACTS),
    )
    .expect("the demo fills");
    r.store.set_meta("workspace", "demo").unwrap();
}

/// The demo workspace after a Recompute: what the app shows once the demo is chosen.
fn record_demo(r: &mut Recorder) {
    fill_demo(r);
    r.call("workspace_info", json!({})).unwrap();
    r.call("analyze_all", json!({ "asOf": null })).unwrap();
    record_reads(r);
    record_figure_lists(r);
    record_rule_edits(r);
}

/// The lead-score rules edited: a change refused (all or nothing), one saved, then all reset.
/// Last, as they change the scores.
fn record_rule_edits(r: &mut Recorder) {
    let refused = json!({ "points": { "recent_meeting": 150, "email_given": 20 } });
    assert!(r.call("analyze_rules_set", refused).is_err());
    for saved in [
        json!({ "points": { "referral": 30, "stage_negotiation": 0 } }),
        json!({ "points": { "referral": 30 } }),
    ] {
        r.call("analyze_rules_set", saved).unwrap();
    }
    r.call("analyze_rules_reset", json!({})).unwrap();
}

/// Edits on the demo data, each answered as the engine answers it: the writes whose kinds the
/// analytics follow (lib/analyticsRuns.svelte.ts), those they do not, and writes refused.
fn record_edits(r: &mut Recorder) {
    fill_demo(r);
    r.call("analyze_all", json!({ "asOf": null })).unwrap();
    let first = |r: &mut Recorder, kind, n| r.first_ids(kind, n);
    let deal = first(r, Kind::Deal, 1).remove(0);
    for input in [
        json!({ "stage": "proposal" }),
        json!({ "value": "1200" }),
        json!({ "value": "1300" }),
        json!({ "value": "1400" }),
        json!({ "value": "1500" }),
    ] {
        r.call(
            "record_update",
            json!({ "kind": "deal", "id": deal, "input": input }),
        )
        .unwrap();
    }
    let order = first(r, Kind::Order, 1).remove(0);
    let delivered = json!({ "kind": "order", "id": order, "input": { "status": "delivered" } });
    r.call("record_update", delivered).unwrap();
    let create = |r: &mut Recorder, kind: Kind, input: Value| {
        let record = r
            .call("record_create", json!({ "kind": kind, "input": input }))
            .unwrap();
        record["id"].as_str().unwrap().to_string()
    };
    let note = create(
        r,
        Kind::Activity,
        json!({ "kind": "note", "subject": "Called back" }),
    );
    r.call("record_delete", json!({ "kind": "activity", "id": note }))
        .unwrap();
    let campaign = create(r, Kind::Campaign, json!({ "name": "Autumn tasting" }));
    let channel = json!({ "kind": "campaign", "id": campaign, "input": { "channel": "email" } });
    r.call("record_update", channel).unwrap();
    r.call(
        "record_delete",
        json!({ "kind": "campaign", "id": campaign }),
    )
    .unwrap();
    create(r, Kind::Product, json!({ "name": "Longjing 250 g" }));
    create(
        r,
        Kind::Contact,
        json!({ "first_name": "Lei", "last_name": "Li" }),
    );
    create(r, Kind::Company, json!({ "name": "Kith Tea Co." }));
    create(r, Kind::Feedback, json!({ "rating": "4" }));
    create(r, Kind::Ticket, json!({ "subject": "Box damaged" }));
    let refused = r.call(
        "record_create",
        json!({ "kind": "deal", "input": { "title": "" } }),
    );
    assert!(refused.is_err(), "{refused:?}");
    let contacts = first(r, Kind::Contact, 3);
    let alone = json!({ "kind": "contact", "ids": [contacts[2]] });
    assert!(r.call("merge", alone).is_err());
    let tag = json!({ "kind": "contact", "id": contacts[2], "tag": "vip" });
    r.call("record_tag", tag).unwrap();
    r.call("merge", json!({ "kind": "contact", "ids": contacts[..2] }))
        .unwrap();
    let companies = first(r, Kind::Company, 2);
    r.call("merge", json!({ "kind": "company", "ids": companies }))
        .unwrap();
    // A complaint made three times is listed once, with its count.
    for day in ["2026-10-02", "2026-10-05", "2026-10-09"] {
        let comment = "The tea came late, again.";
        let input = json!({ "comment": comment, "received_at": format!("{day}T09:00:00Z") });
        create(r, Kind::Feedback, input);
    }
    r.call(
        "analyze_satisfaction",
        json!({ "asOf": null, "recentDays": 90 }),
    )
    .unwrap();
    // Rules changed from their defaults, as the scores tab reads them, then reset.
    let points = json!({ "points": { "referral": 30, "old_deal": -40 } });
    r.call("analyze_rules_set", points).unwrap();
    r.call("dashboard_kpis", json!({ "asOf": null })).unwrap();
    r.call("dashboard_charts", json!({})).unwrap();
    r.call("analyze_rules", json!({})).unwrap();
    r.call("analyze_report", json!({ "name": "scores" }))
        .unwrap();
    r.call("analyze_rules_reset", json!({})).unwrap();
}

/// The demo data before any analysis ran: the screens that offer to compute.
fn record_unscored(r: &mut Recorder) {
    fill_demo(r);
    r.call("workspace_info", json!({})).unwrap();
    r.call("review_list", json!({ "kind": "contact", "limit": 1000 }))
        .unwrap();
    r.page(Kind::Contact);
    record_dashboard(r);
}

/// A workspace started empty: the screens that invite a first import.
fn record_empty(r: &mut Recorder) {
    // A first start: the welcome screen, then "Start empty".
    r.call("workspace_info", json!({})).unwrap();
    r.call("workspace_choose", json!({ "choice": "empty" }))
        .unwrap();
    record_reads(r);
    // Last: a Recompute that finds nothing (the in-memory simulation of the UI's older tests
    // answers every analytics call from this workspace).
    r.call("analyze_all", json!({ "asOf": null })).unwrap();
}

/// The calls the UI makes to show a workspace: its first pages, a few records of each kind
/// opened, the search box, then the dashboard.
fn record_reads(r: &mut Recorder) {
    r.call("import_list", json!({})).unwrap();
    r.call("review_list", json!({ "kind": null, "limit": 500 }))
        .unwrap();
    for kind in Kind::ALL {
        // ListView marks the rows with values kept for review.
        r.call("review_list", json!({ "kind": kind, "limit": 1000 }))
            .unwrap();
        let rows = r.page(kind);
        for (id, _) in rows.iter().take(OPENED) {
            r.call("record_get", json!({ "kind": kind, "id": id }))
                .unwrap();
            r.call("history", json!({ "id": id })).unwrap();
            r.call("review_record", json!({ "id": id })).unwrap();
            if matches!(kind, Kind::Contact | Kind::Company) {
                r.call("timeline", json!({ "kind": kind, "id": id }))
                    .unwrap();
            }
        }
        if kind == Kind::Company {
            // The search box finding a company and what is named after it; and nothing.
            let title = rows.first().map(|(_, t)| t.clone()).unwrap_or_default();
            let typed: String = title.chars().take(4).collect();
            for query in [typed.as_str(), "zzzz"] {
                r.call(
                    "search",
                    json!({ "query": query, "limit": SEARCH_LIMIT, "kinds": null }),
                )
                .unwrap();
            }
        }
        if kind == Kind::Contact {
            // The search box, typing the first contact's name.
            let title = rows.first().map(|(_, t)| t.clone()).unwrap_or_default();
            let mut typed = String::new();
            for c in title.chars().take(3) {
                typed.push(c);
                r.call(
                    "search",
                    json!({ "query": typed, "limit": SEARCH_LIMIT, "kinds": null }),
                )
                .unwrap();
            }
        }
    }
    r.call("duplicates_find", json!({ "kind": "contact" }))
        .unwrap();
    // A record that is not there: the engine's not_found.
    let missing = json!({ "kind": "contact", "id": "missing" });
    assert!(r.call("record_get", missing).is_err());
    record_dashboard(r);
}

/// The contacts lists the dashboard links to: a segment's contacts, every customer by a
/// figure, highest first.
fn record_figure_lists(r: &mut Recorder) {
    let contacts =
        |sort: Value, desc: bool, filters: Value| list_args(Kind::Contact, &sort, desc, &filters);
    for segment in kith::model::Segment::ALL {
        let filters = json!({ "rfm_segment": segment.label() });
        r.call("record_list", contacts(Value::Null, false, filters))
            .unwrap();
    }
    for sort in ["rfm", "clv_365", "lead_score"] {
        r.call("record_list", contacts(json!(sort), true, json!({})))
            .unwrap();
    }
    r.call(
        "record_list",
        contacts(json!("lead_score"), false, json!({})),
    )
    .unwrap();
    // The figure filters' popover: a lead score at least, then with a segment too.
    let at_least = json!({ "lead_score": ">=60" });
    r.call("record_list", contacts(Value::Null, false, at_least))
        .unwrap();
    for segment in kith::model::Segment::ALL {
        let filters = json!({ "lead_score": ">=60", "rfm_segment": segment.label() });
        r.call("record_list", contacts(Value::Null, false, filters))
            .unwrap();
    }
    // A filter the engine refuses, with its reason.
    let refused = json!({ "lead_score": "high" });
    let answer = r.call("record_list", contacts(Value::Null, false, refused));
    assert!(answer.is_err(), "{answer:?}");
}

/// The arguments of a list's first page (`defaultQuery(PAGE)` in api.ts, sorted and filtered).
fn list_args(kind: Kind, sort: &Value, desc: bool, filters: &Value) -> Value {
    json!({
        "kind": kind,
        "query": {
            "text": null, "sort": sort, "desc": desc, "offset": 0, "limit": PAGE,
            "filters": filters, "include_deleted": false,
        },
    })
}

/// The dashboard and the figures a contact's and a deal's page show.
fn record_dashboard(r: &mut Recorder) {
    r.call("schema", json!({})).unwrap();
    r.call("dashboard_kpis", json!({ "asOf": null })).unwrap();
    r.call("analyze_forecast", json!({ "asOf": null })).unwrap();
    r.call(
        "analyze_satisfaction",
        json!({ "asOf": null, "recentDays": 90 }),
    )
    .unwrap();
    r.call("analyze_rules", json!({})).unwrap();
    for name in ["rfm", "segments", "clv", "scores"] {
        r.call("analyze_report", json!({ "name": name })).unwrap();
    }
    // Every contact's and deal's figures (small answers): a test opens any of them.
    for id in r.first_ids(Kind::Contact, PAGE) {
        r.call("customer_figures", json!({ "contactId": id }))
            .unwrap();
    }
    for id in r.first_ids(Kind::Deal, PAGE) {
        r.call("analyze_deal_score", json!({ "dealId": id }))
            .unwrap();
    }
    // Last: drawing the segment and value charts stores what those analyses found.
    let charts = r.call("dashboard_charts", json!({})).unwrap();
    for chart in charts.as_array().unwrap() {
        let (width, height) = CHART_SIZE;
        r.call(
            "chart",
            json!({ "name": chart[0], "from": null, "to": null, "width": width, "height": height }),
        )
        .unwrap();
    }
}

#[test]
fn the_uis_recorded_answers_are_the_engines() {
    let write = std::env::var_os("KITH_RECORD_FIXTURES").is_some_and(|v| v == "1");
    let root = fixtures_dir();
    let mut stale = Vec::new();
    for (name, record) in WORKSPACES {
        let mut store = Store::open_in_memory().unwrap();
        store.set_origin("app");
        store.set_today(Some(TODAY.parse::<NaiveDate>().unwrap()));
        let redact = Redactor::new(store.device());
        let mut recorder = Recorder {
            store,
            redact,
            answers: BTreeMap::new(),
        };
        record(&mut recorder);
        stale.extend(recorder.finish(&root.join(name), write));
    }
    for entry in std::fs::read_dir(&root).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !WORKSPACES.iter().any(|(w, _)| *w == name) {
            if write {
                std::fs::remove_dir_all(entry.path()).unwrap();
            } else {
                stale.push(format!("{} (no longer recorded)", entry.path().display()));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "the UI's recorded answers in ui/src/ipc/mock/fixtures/ are stale (the engine now \
         answers otherwise): run `make fixtures` and commit them. Stale: {}",
        stale.join(", ")
    );
}

#[test]
fn redaction_keeps_content_and_aliases_ids_in_order() {
    let mut r = Redactor::new("abcdef012345");
    let now = Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let id = "019af0e2-3c4d-7e5f-8a9b-0c1d2e3f4a5b";
    let out = r.value(json!({
        "id": id,
        "updated_at": format!("{now}-002a-abcdef012345"),
        "at": "2025-03-04T10:15:00Z",
        "figures": { id: 1 },
        "took": [{ "ms": 812 }],
        "device": "abcdef012345",
    }));
    assert_eq!(
        out,
        json!({
            "id": "00000000-0000-7000-8000-000000000001",
            "updated_at": format!("{WRITTEN_AT}.000Z-0000-{DEVICE}"),
            "at": "2025-03-04T10:15:00Z",
            "figures": { "00000000-0000-7000-8000-000000000001": 1 },
            "took": [{ "ms": 0 }],
            "device": DEVICE,
        }),
        "a write time made now is fixed, a content date is kept, the same id gets one alias"
    );
}
