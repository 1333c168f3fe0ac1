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
/// The user's wall time the Today page is recorded at (the UI's tests set their clock to it).
const NOW: &str = "2026-11-01T09:30:00";
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
        "related" => to_json(calls::related(s, arg(a, "kind"), &text("id"))),
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
        "import_preview" => to_json(calls::import_preview(
            s,
            Path::new(&text("path")),
            arg(a, "kind"),
            &arg(a, "options"),
        )),
        "import_run" => to_json(calls::import_run(
            s,
            Path::new(&text("path")),
            arg(a, "kind"),
            &arg(a, "options"),
            // Its progress says how fast this machine is: not recorded.
            &mut |_| {},
            &std::sync::atomic::AtomicBool::new(false),
        )),
        "import_undo" => to_json(calls::import_undo(s, &text("batch"))),
        "import_save_rows" => to_json(calls::import_save_rows(
            s,
            &text("batch"),
            Path::new(&text("path")),
        )),
        "mapping_save" => to_json(calls::mapping_save(
            s,
            arg(a, "kind"),
            &text("name"),
            &arg::<Vec<kith::import::mapping::ColumnMap>>(a, "mapping"),
        )),
        "review_reclean" => to_json(calls::review_reclean(s, arg(a, "kind"), &arg(a, "options"))),
        "export" => to_json(calls::export(
            s,
            arg(a, "kind"),
            Path::new(&text("path")),
            &arg(a, "options"),
        )),
        "backup_list" => to_json(calls::backup_list(s)),
        "backup_create" => to_json(calls::backup_create(s)),
        "backup_restore" => to_json(calls::backup_restore(s, &text("name"))),
        "backup_keep" => to_json(calls::backup_keep(s, arg(a, "keep"))),
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
            arg(a, "language"),
        )),
        // Recorded in UTC, so the answers are the same on every machine.
        "today" => to_json(calls::today(s, arg(a, "now"), arg(a, "upcomingDays"), 0)),
        "deal_board" => to_json(calls::deal_board(s, arg(a, "day"))),
        "deal_stages" => to_json(calls::deal_stages(s)),
        "view_list" => to_json(calls::view_list(s)),
        "view_save" => to_json(calls::view_save(
            s,
            arg(a, "kind"),
            &text("name"),
            &arg(a, "query"),
        )),
        "view_delete" => to_json(calls::view_delete(s, &text("id"))),
        "deal_stages_set" => {
            let stages: Vec<kith::store::DealStage> = arg(a, "stages");
            to_json(calls::deal_stages_set(s, &stages))
        }
        "ticket_queue" => to_json(calls::ticket_queue(s, arg(a, "now"), 0)),
        "ticket_close" => to_json(calls::ticket_close(
            s,
            &text("id"),
            arg(a, "rating"),
            arg::<Option<String>>(a, "comment").as_deref(),
        )),
        "campaign_report" => to_json(calls::campaign_report(s, &text("id"))),
        "campaign_members" => to_json(calls::campaign_members(
            s,
            &text("id"),
            arg(a, "offset"),
            arg(a, "limit"),
        )),
        "campaign_sources" => to_json(calls::campaign_sources(s)),
        "campaign_add_members" => to_json(calls::campaign_add_members(
            s,
            &text("id"),
            &arg(a, "source"),
        )),
        "campaign_respond" => to_json(calls::campaign_respond(
            s,
            &text("memberId"),
            &text("status"),
            arg::<Option<String>>(a, "response").as_deref(),
        )),
        "campaign_export_members" => to_json(calls::campaign_export_members(
            s,
            &text("id"),
            Path::new(&text("path")),
            arg(a, "bom"),
        )),
        "task_done" => to_json(calls::task_done(s, &text("id"))),
        "task_follow_up" => to_json(calls::task_follow_up(
            s,
            &text("id"),
            arg(a, "days"),
            arg(a, "day"),
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
    /// Folders of this machine (the database's, the canned files') and what they read as.
    paths: Vec<(String, String)>,
    /// A backup's name holds the time it was made: the n-th one seen reads as minute n.
    backup: Regex,
    backups: HashMap<String, String>,
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
            paths: Vec::new(),
            backup: Regex::new(r"kith-\d{8}-\d{6}-\d{3}-").unwrap(),
            backups: HashMap::new(),
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

    /// Writes `folder` as `shown` wherever it appears.
    fn path(&mut self, folder: &Path, shown: &str) {
        let folder = folder.display().to_string();
        self.paths.push((folder, shown.to_string()));
        // The longest first: a folder inside another is replaced whole.
        self.paths
            .sort_by_key(|(folder, _)| std::cmp::Reverse(folder.len()));
    }

    fn text(&mut self, text: &str) -> String {
        let mut text = text.to_string();
        for (folder, shown) in &self.paths {
            text = text.replace(folder.as_str(), shown);
        }
        let stamps: Vec<String> = self
            .backup
            .find_iter(&text)
            .map(|m| m.as_str().to_string())
            .collect();
        for stamp in stamps {
            let next = self.backups.len();
            let fixed = self
                .backups
                .entry(stamp.clone())
                .or_insert_with(|| format!("kith-20261101-09{next:02}00-000-"))
                .clone();
            text = text.replace(&stamp, &fixed);
        }
        let text = text.as_str();
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
                        // So are an import's time and speed.
                        let timed = matches!(k.as_str(), "ms" | "seconds" | "rows_per_sec");
                        let v = if timed && v.is_number() {
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
    /// The folder of a workspace kept in a file (removed when recording ends).
    dir: Option<tempfile::TempDir>,
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
const WORKSPACES: [(&str, Scenario); 6] = [
    ("demo", record_demo),
    ("edits", record_edits),
    ("forms", record_forms),
    ("files", record_files),
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
    r.call("view_list", json!({})).unwrap();
    r.call("deal_stages", json!({})).unwrap();
    r.call("analyze_all", json!({ "asOf": null })).unwrap();
    record_reads(r);
    record_figure_lists(r);
    record_today(r);
    record_board(r);
    record_queue(r);
    record_campaigns(r);
    record_rule_edits(r);
}

/// Members a campaign page asks for at once (CampaignPanel's page).
const MEMBER_PAGE: usize = 100;

/// The campaign pages of the campaigns the reads open (the first ones of the list): their
/// figures and members, and where members can come from. Returns the first one's id.
fn record_campaigns(r: &mut Recorder) -> Option<String> {
    r.call("campaign_sources", json!({})).unwrap();
    let ids: Vec<String> = r
        .page(Kind::Campaign)
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    for id in ids.iter().take(OPENED) {
        record_campaign(r, id);
    }
    ids.into_iter().next()
}

/// One campaign's page: its report and first members.
fn record_campaign(r: &mut Recorder, id: &str) -> (Value, Value) {
    let report = r.call("campaign_report", json!({ "id": id })).unwrap();
    let members = json!({ "id": id, "offset": 0, "limit": MEMBER_PAGE });
    (report, r.call("campaign_members", members).unwrap())
}

/// A task as the Today page's quick add sends it (lib/tasks.ts `quickTask`).
static QUICK_TASK: std::sync::LazyLock<Value> = std::sync::LazyLock::new(|| {
    json!({
        "kind": "task", "subject": "Call Li Ming about the renewal", "due_on": TODAY,
        "due_time": "15:00", "priority": "high", "done": "false",
    })
});

/// The Today page as the UI asks for it (at [`NOW`]).
fn record_today(r: &mut Recorder) -> Value {
    r.call("today", json!({ "now": NOW, "upcomingDays": null }))
        .unwrap()
}

/// The deal board as the UI asks for it (on the day of [`NOW`]).
fn record_board(r: &mut Recorder) -> Value {
    r.call("deal_board", json!({ "day": &NOW[..10] })).unwrap()
}

/// The ticket queue as the UI asks for it (at [`NOW`]).
fn record_queue(r: &mut Recorder) -> Value {
    r.call("ticket_queue", json!({ "now": NOW })).unwrap()
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
    // Today's overdue task done; a task added on the Today page (as its quick add sends it),
    // then followed up in 3 days.
    let today = record_today(r);
    let overdue = today["overdue"][0]["id"].clone();
    assert!(overdue.is_string(), "the demo has an overdue task: {today}");
    r.call("task_done", json!({ "id": overdue })).unwrap();
    let added = r
        .call(
            "record_create",
            json!({ "kind": "activity", "input": QUICK_TASK.clone() }),
        )
        .unwrap();
    let follow = json!({ "id": added["id"], "days": 3, "day": TODAY });
    r.call("task_follow_up", follow).unwrap();
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
    // Last (the tests take the first deal edit above as theirs): the board, its first lead
    // moved to qualified (as a drop sends it), its first proposal lost with a reason.
    let board = record_board(r);
    let first = |stage: usize| board["columns"][stage]["cards"][0]["deal"]["id"].clone();
    let moves = [
        (first(0), json!({ "stage": "qualified" })),
        (first(2), json!({ "stage": "lost", "lost_reason": "Price" })),
    ];
    for (id, input) in moves {
        assert!(id.is_string(), "the demo's board has the deal: {board}");
        let args = json!({ "kind": "deal", "id": id, "input": input });
        r.call("record_update", args).unwrap();
    }
    record_stage_edits(r);
    record_queue_edits(r);
    record_campaign_edits(r);
    record_reminder(r);
    record_campaign_without_budget(r);
}

/// Last: a campaign made with a name only, its page read: the notes that say why it has no
/// window of first purchases and no cost per conversion (no start date, no budget).
fn record_campaign_without_budget(r: &mut Recorder) {
    let input = json!({ "kind": "campaign", "input": { "name": "Winter samples" } });
    let campaign = r.call("record_create", input).unwrap();
    let id = campaign["id"].as_str().expect("a new campaign has its id");
    let (report, _) = record_campaign(r, id);
    assert_eq!(
        report["notes"].as_array().map(Vec::len),
        Some(2),
        "no start date and no budget are both said: {report}"
    );
}

/// The stages dialog: the stages read, a stage holding deals switched off (refused), then
/// proposal renamed "Demo given" at 40 % and moved first (as the dialog sends them: every
/// stage, in the new order).
fn record_stage_edits(r: &mut Recorder) {
    let stages = r.call("deal_stages", json!({})).unwrap();
    let mut off = stages.clone();
    off[0]["active"] = json!(false);
    assert!(r.call("deal_stages_set", json!({ "stages": off })).is_err());
    let mut saved = stages.as_array().unwrap().clone();
    let mut proposal = saved.remove(2);
    assert_eq!(proposal["key"], "proposal");
    proposal["label"] = json!("Demo given");
    proposal["probability"] = json!(40);
    saved.insert(0, proposal);
    r.call("deal_stages_set", json!({ "stages": saved }))
        .unwrap();
}

/// The ticket queue: its first new ticket moved to in progress (as a key or a drop sends
/// it), its first waiting one closed with a rating and a comment. The ticket made above was
/// opened while recording: it is opened at the recorded time instead (unrecorded), so its due
/// times do not change with the day the fixtures are recorded.
/// A task due at a time today, and Today asked before that time and after it: the reminder
/// of a task falling due while the app is open.
fn record_reminder(r: &mut Recorder) {
    let task = json!({
        "kind": "task",
        "subject": "Call Ms Wang back",
        "due_on": TODAY,
        "due_time": "09:45",
    });
    r.call(
        "record_create",
        json!({ "kind": "activity", "input": task }),
    )
    .unwrap();
    for now in ["2026-11-01T09:40:00", "2026-11-01T10:00:00"] {
        r.call("today", json!({ "now": now, "upcomingDays": null }))
            .unwrap();
    }
}

fn record_queue_edits(r: &mut Recorder) {
    let at = format!("{NOW}Z");
    let queue = calls::ticket_queue(&mut r.store, NOW.parse().unwrap(), 0).unwrap();
    for card in queue.columns.iter().flat_map(|c| &c.cards) {
        if card.ticket.text("opened_at").is_some_and(|o| o > at) {
            let input = kith::Input::from([("opened_at".to_string(), at.clone())]);
            r.store
                .update_record(Kind::Ticket, &card.ticket.id, &input)
                .unwrap();
        }
    }
    let queue = record_queue(r);
    let first = |status: usize| queue["columns"][status]["cards"][0]["ticket"]["id"].clone();
    let (new, waiting) = (first(0), first(2));
    assert!(
        new.is_string() && waiting.is_string(),
        "the demo's queue has the tickets: {queue}"
    );
    let input = json!({ "status": "in_progress" });
    let args = json!({ "kind": "ticket", "id": new, "input": input });
    r.call("record_update", args).unwrap();
    let close = json!({ "id": waiting, "rating": 4, "comment": "Quick and kind" });
    r.call("ticket_close", close).unwrap();
}

/// A campaign worked on, after the edits above: members added from the tag tagged above,
/// a member's response recorded, an order attributed to it, and the members exported; the
/// page's figures as they stand after all of it.
fn record_campaign_edits(r: &mut Recorder) {
    let campaign = record_campaigns(r).expect("the demo has campaigns");
    let tag = json!({ "id": campaign, "source": { "by": "tag", "value": "VIP" } });
    let added = r.call("campaign_add_members", tag).unwrap();
    assert!(
        added["added"].as_u64() > Some(0),
        "the contacts tagged VIP (one above, as vip) join: {added}"
    );
    let empty = json!({ "id": campaign, "source": { "by": "tag", "value": " " } });
    assert!(r.call("campaign_add_members", empty).is_err());
    let (_, members) = record_campaign(r, &campaign);
    let rows = members["rows"].as_array().expect("members have rows");
    let waiting = |m: &&Value| !matches!(m["status"].as_str(), Some("responded" | "converted"));
    let member = rows.iter().find(waiting).expect("a member yet to respond")["id"].clone();
    let respond =
        json!({ "memberId": member, "status": "responded", "response": "Yes, send the catalogue" });
    r.call("campaign_respond", respond).unwrap();
    let bad = json!({ "memberId": member, "status": "bounced", "response": null });
    assert!(r.call("campaign_respond", bad).is_err());
    let order = r.first_ids(Kind::Order, 2).remove(1);
    let attribute = json!({ "kind": "order", "id": order, "input": { "campaign_id": campaign } });
    r.call("record_update", attribute).unwrap();
    let dir = r.dir.get_or_insert_with(|| tempfile::tempdir().unwrap());
    let documents = dir.path().join("documents");
    std::fs::create_dir_all(&documents).unwrap();
    r.redact.path(&documents, DOCUMENTS);
    let path = documents.join("Members.csv").display().to_string();
    let export = json!({ "id": campaign, "path": path, "bom": false });
    r.call("campaign_export_members", export).unwrap();
    record_campaign(r, &campaign);
}

/// Every field of `kind` as the record form sends a new record: empty but for `given`.
fn form_input(kind: Kind, given: &Value) -> Value {
    let mut input = serde_json::Map::new();
    for field in kith::model::KindSchema::from(kind.def()).fields {
        input.insert(field.name, json!(""));
    }
    for (name, value) in given.as_object().expect("given fields are an object") {
        input.insert(name.clone(), value.clone());
    }
    Value::Object(input)
}

/// The record form and the duplicate finder on the demo data: a new contact refused field by
/// field, then saved; a product with a ticked box; one field of a contact edited and a custom
/// field replaced; a company picked by searching its kind; a contact entered twice found,
/// compared and merged; two spellings of a company found.
fn record_forms(r: &mut Recorder) {
    fill_demo(r);
    r.call("schema", json!({})).unwrap();
    let create = |r: &mut Recorder, kind: Kind, given: Value| {
        let args = json!({ "kind": kind, "input": form_input(kind, &given) });
        r.call("record_create", args)
    };
    let bad = create(r, Kind::Contact, json!({ "email": "li.lei-at-example" }));
    assert!(bad.is_err(), "{bad:?}");
    let given = json!({
        "last_name": "李", "first_name": "雷", "email": "li.lei@example.cn", "source": "referral",
    });
    create(r, Kind::Contact, given).unwrap();
    create(
        r,
        Kind::Product,
        json!({ "name": "龙井礼盒", "active": "true" }),
    )
    .unwrap();

    // A contact with a custom field (set before the form opens it, so not recorded).
    let contact = r.first_ids(Kind::Contact, 1).remove(0);
    let wechat: kith::Input = serde_json::from_value(json!({ "custom.微信": "mei_2024" })).unwrap();
    calls::record_update(&mut r.store, Kind::Contact, &contact, &wechat).unwrap();
    let original = r
        .call("record_get", json!({ "kind": "contact", "id": contact }))
        .unwrap();
    let city = json!({ "kind": "contact", "id": contact, "input": { "city": "北京" } });
    r.call("record_update", city).unwrap();
    let replaced = json!({ "custom.微信": "", "custom.Shoe size": "42" });
    let replaced = json!({ "kind": "contact", "id": contact, "input": replaced });
    r.call("record_update", replaced).unwrap();

    let company = r.page(Kind::Company).remove(0).1;
    let typed: String = company.chars().take(4).collect();
    // The reference picker shows a few companies.
    let search = json!({ "query": typed, "limit": 8, "kinds": ["company"] });
    r.call("search", search).unwrap();

    // The same person entered again: the email in other case, another city, no phone.
    let text = |field: &str| original["values"][field].clone();
    let copy = json!({
        "first_name": text("first_name"), "last_name": text("last_name"),
        "email": text("email").as_str().unwrap_or_default().to_uppercase(), "city": "深圳",
    });
    let copy = create(r, Kind::Contact, copy).unwrap()["id"].clone();
    r.call("duplicates_find", json!({ "kind": "contact" }))
        .unwrap();
    r.call(
        "merge",
        json!({ "kind": "contact", "ids": [copy, contact] }),
    )
    .unwrap();
    create(r, Kind::Company, json!({ "name": "杭州茶叶 Co., Ltd." })).unwrap();
    create(r, Kind::Company, json!({ "name": "杭州茶叶" })).unwrap();
    r.call("duplicates_find", json!({ "kind": "company" }))
        .unwrap();
}

/// Where the canned files the UI's tests import live, and the folder they are shown in.
const DOWNLOADS: &str = "/home/you/Downloads";
/// Where the recorded file workspace's database and backups are shown to live.
const DATA_DIR: &str = "/home/you/.local/share/kith";
/// Where files the UI saves (exports, rows not imported) are shown to go.
const DOCUMENTS: &str = "/home/you/Documents";

/// A canned file by its name: the GBK contact list and the Belgian phone of the e2e suite,
/// the two-sheet workbook and the Google Contacts export of the engine's import tests.
fn canned(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let folder = match name {
        "contacts-gbk.csv" | "contacts-odd-phone.csv" => "tests/e2e/fixtures",
        "contacts.xls" => "tests/data/import",
        _ => "tests/data/import/exports",
    };
    root.join(folder).join(name)
}

/// An import's options as the wizard sends them (`defaultImportOptions` in api.ts), changed
/// by `change`.
fn import_options(change: Value) -> Value {
    let mut options = json!({
        "read": { "encoding": null, "delimiter": null, "sheet": null, "header_row": null },
        "mapping": null, "mapping_name": null, "default_country": null, "date_order": null,
        "on_duplicate": "merge", "dry_run": false, "overrides": [], "rejects": null,
    });
    merge_into(&mut options, change);
    options
}

fn merge_into(target: &mut Value, change: Value) {
    match (target, change) {
        (Value::Object(target), Value::Object(change)) => {
            for (key, value) in change {
                merge_into(target.entry(key).or_insert(Value::Null), value);
            }
        }
        (target, change) => *target = change,
    }
}

/// A workspace in a file, with what reads and writes files: the import wizard's previews of
/// the canned files (as read, with another delimiter, another sheet, a file that is not
/// there), imports with values kept for review, their history and an undo, re-cleaning,
/// exports, and backups made, listed, kept and restored.
fn record_files(r: &mut Recorder) {
    let dir = tempfile::tempdir().unwrap();
    let documents = dir.path().join("documents");
    std::fs::create_dir_all(&documents).unwrap();
    let mut store = Store::open(&dir.path().join("kith.db")).unwrap();
    store.set_origin("app");
    store.set_today(Some(TODAY.parse::<NaiveDate>().unwrap()));
    let mut redact = Redactor::new(store.device());
    redact.path(&documents, DOCUMENTS);
    redact.path(dir.path(), DATA_DIR);
    for name in ["contacts-gbk.csv", "contacts.xls", "google_contacts.csv"] {
        redact.path(canned(name).parent().unwrap(), DOWNLOADS);
    }
    r.store = store;
    r.redact = redact;
    r.dir = Some(dir);
    r.call("workspace_choose", json!({ "choice": "empty" }))
        .unwrap();
    r.call("workspace_info", json!({})).unwrap();
    r.call("view_list", json!({})).unwrap();
    r.call("deal_stages", json!({})).unwrap();
    r.call("schema", json!({})).unwrap();
    r.call("backup_create", json!({})).unwrap();

    let path = |name: &str| json!(canned(name).display().to_string());
    let preview = |r: &mut Recorder, name: &str, change: Value| {
        // The wizard previews as a dry run.
        let mut options = import_options(json!({ "dry_run": true }));
        merge_into(&mut options, change);
        let args = json!({ "path": path(name), "kind": "contact", "options": options });
        r.call("import_preview", args)
    };
    preview(r, "contacts-gbk.csv", json!({})).unwrap();
    preview(
        r,
        "contacts-gbk.csv",
        json!({ "read": { "delimiter": "," } }),
    )
    .unwrap();
    preview(r, "contacts.xls", json!({})).unwrap();
    // Its empty cover sheet, chosen: as the engine reads it.
    let _ = preview(r, "contacts.xls", json!({ "read": { "sheet": "Cover" } }));
    preview(r, "missing.csv", json!({})).unwrap_err();

    // Google Contacts: three values kept for review, one row rejected; then a Belgian
    // customer's French mobile, kept as written until re-cleaned in France.
    let run = |r: &mut Recorder, name: &str| {
        let args =
            json!({ "path": path(name), "kind": "contact", "options": import_options(json!({})) });
        r.call("import_run", args).unwrap()
    };
    let google = run(r, "google_contacts.csv");
    let batch = google["batch"].clone();
    let rows = documents.join("google_contacts-not-imported.csv");
    let save = json!({ "batch": batch, "path": rows.display().to_string() });
    r.call("import_save_rows", save).unwrap();
    run(r, "contacts-odd-phone.csv");
    r.call("review_list", json!({ "kind": "contact", "limit": 500 }))
        .unwrap();
    r.call("review_list", json!({ "kind": "contact", "limit": 1000 }))
        .unwrap();
    r.call("review_list", json!({ "kind": "company", "limit": 500 }))
        .unwrap();
    r.call("review_list", json!({ "kind": null, "limit": 500 }))
        .unwrap();
    for kind in [Kind::Contact, Kind::Company] {
        r.call("review_list", json!({ "kind": kind, "limit": 1000 }))
            .unwrap();
        r.page(kind);
    }
    // The contacts list with values to review only.
    let review = json!({ "review": "yes" });
    r.call(
        "record_list",
        list_args(Kind::Contact, &Value::Null, false, &review),
    )
    .unwrap();
    // The figure columns ask whether an analysis ever ran (none has).
    for name in ["rfm", "segments", "clv", "scores"] {
        r.call("analyze_report", json!({ "name": name })).unwrap();
    }

    // The contacts exported, all of them as CSV for Excel, and those a filter finds as XLSX.
    let query = |text: Value| {
        json!({
            "text": text, "sort": null, "desc": false, "offset": 0, "limit": PAGE,
            "filters": {}, "include_deleted": false,
        })
    };
    let file = |name: &str| json!(documents.join(name).display().to_string());
    let smith = json!({ "kind": "contact", "query": query(json!("smith")) });
    r.call("record_list", smith).unwrap();
    let csv = json!({ "format": "csv", "bom": true, "query": query(json!("smith")) });
    let export = json!({ "kind": "contact", "path": file("Contacts.csv"), "options": csv });
    r.call("export", export).unwrap();
    let xlsx = json!({ "format": "xlsx", "bom": false, "query": query(Value::Null) });
    let export = json!({ "kind": "contact", "path": file("Contacts.xlsx"), "options": xlsx });
    r.call("export", export).unwrap();
    r.call(
        "record_list",
        list_args(Kind::Contact, &Value::Null, false, &json!({})),
    )
    .unwrap();

    let reclean = json!({ "default_country": "FR", "date_order": "dmy" });
    r.call(
        "review_reclean",
        json!({ "kind": "contact", "options": reclean }),
    )
    .unwrap();
    r.call("import_list", json!({})).unwrap();
    r.call("import_undo", json!({ "batch": batch })).unwrap();

    // Backups: the list (the manual one and those made before each import and the undo), a
    // restore of the first, how many to keep.
    let list = r.call("backup_list", json!({})).unwrap();
    let first = list["backups"].as_array().unwrap().last().unwrap()["path"]
        .as_str()
        .unwrap()
        .to_string();
    let name = Path::new(&first).file_name().unwrap().to_string_lossy();
    r.call("backup_restore", json!({ "name": name })).unwrap();
    r.call("backup_keep", json!({ "keep": 5 })).unwrap();

    // Two columns sent into one field: the wizard's dry run is refused, naming both.
    let read = preview(r, "google_contacts.csv", json!({})).unwrap();
    let mut mapping = read["mapping"].clone();
    for column in mapping.as_array_mut().unwrap() {
        if column["header"] == "E-mail 2 - Value" {
            column["target"] = json!("email");
            column["source"] = json!("user");
        }
    }
    let options = import_options(json!({ "dry_run": true, "mapping": mapping }));
    let args =
        json!({ "path": path("google_contacts.csv"), "kind": "contact", "options": options });
    r.call("import_run", args).unwrap_err();
    // Last: an undo that keeps what changed after its import. In the restored (empty)
    // workspace, 陈静怡 exists before the contacts in GBK are imported, which move her to
    // 深圳 and add 张伟明; the user then moves her again and edits him, so the undo keeps her
    // newer city and his record, each with why.
    let input = |pairs: &[(&str, &str)]| -> kith::model::Input {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    let existing = [("first_name", "静怡"), ("last_name", "陈")];
    let email = ("email", "chen.jingyi@example.cn");
    let chen = r
        .store
        .create_record(
            Kind::Contact,
            &input(&[existing[0], existing[1], email, ("city", "广州")]),
        )
        .unwrap();
    let gbk = run(r, "contacts-gbk.csv");
    let moved = input(&[("city", "珠海")]);
    r.store
        .update_record(Kind::Contact, &chen.id, &moved)
        .unwrap();
    let created = r.first_ids(Kind::Contact, 10);
    let zhang = created.iter().find(|id| **id != chen.id).unwrap();
    let edited = input(&[("job_title", "总经理")]);
    r.store
        .update_record(Kind::Contact, zhang, &edited)
        .unwrap();
    r.call("import_undo", json!({ "batch": gbk["batch"] }))
        .unwrap();

    // Then a record's page with a value kept for review: Google Contacts imported again (a
    // run of its own: matches skipped), Bob Smith's phone kept as written, his record opened.
    let options = import_options(json!({ "on_duplicate": "skip" }));
    let args =
        json!({ "path": path("google_contacts.csv"), "kind": "contact", "options": options });
    let again = r.call("import_run", args).unwrap();
    let bob = again["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| {
            row["review"]
                .as_array()
                .is_some_and(|kept| !kept.is_empty())
        })
        .and_then(|row| row["record"].as_str())
        .unwrap()
        .to_string();
    let contact = json!({ "kind": "contact", "id": bob });
    r.call("record_get", contact.clone()).unwrap();
    r.call("history", json!({ "id": bob })).unwrap();
    r.call("review_record", json!({ "id": bob })).unwrap();
    r.call("timeline", contact.clone()).unwrap();
    r.call("related", contact).unwrap();
    r.call("customer_figures", json!({ "contactId": bob }))
        .unwrap();

    // Last: an export into a folder that is gone (a USB stick taken out), refused naming the
    // file and why.
    let csv = json!({ "format": "csv", "bom": true, "query": query(Value::Null) });
    let gone = documents.join("USB").join("Contacts.csv");
    let export = json!({ "kind": "contact", "path": gone.display().to_string(), "options": csv });
    r.call("export", export).unwrap_err();
}

/// The demo data before any analysis ran: the screens that offer to compute.
fn record_unscored(r: &mut Recorder) {
    fill_demo(r);
    r.call("workspace_info", json!({})).unwrap();
    r.call("view_list", json!({})).unwrap();
    r.call("deal_stages", json!({})).unwrap();
    r.call("review_list", json!({ "kind": "contact", "limit": 1000 }))
        .unwrap();
    r.page(Kind::Contact);
    record_dashboard(r);
}

/// A workspace started empty: the screens that invite a first import.
fn record_empty(r: &mut Recorder) {
    // A first start: the welcome screen, then "Start empty".
    r.call("workspace_info", json!({})).unwrap();
    r.call("view_list", json!({})).unwrap();
    r.call("deal_stages", json!({})).unwrap();
    r.call("workspace_choose", json!({ "choice": "empty" }))
        .unwrap();
    record_reads(r);
    record_today(r);
    record_board(r);
    record_queue(r);
    r.call("campaign_sources", json!({})).unwrap();
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
                r.call("related", json!({ "kind": kind, "id": id }))
                    .unwrap();
            }
        }
        if kind == Kind::Contact {
            // A page whose related records cannot be read (a contact no longer there).
            r.call(
                "related",
                json!({ "kind": kind, "id": "00000000-0000-7000-8000-00000000dead" }),
            )
            .unwrap_err();
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
    // Last: drawing the segment and value charts stores what those analyses found. Each
    // chart in both languages the window speaks.
    let charts = r.call("dashboard_charts", json!({})).unwrap();
    for chart in charts.as_array().unwrap() {
        let (width, height) = CHART_SIZE;
        for language in ["en", "zh"] {
            let args = json!({
                "name": chart[0], "from": null, "to": null, "width": width, "height": height,
                "language": language,
            });
            r.call("chart", args).unwrap();
        }
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
            dir: None,
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
