//! `kith`: the command-line face of the engine, for scripts, tests and headless machines.
//!
//! Contract: `kith [--db PATH] [--json] COMMAND …`. With `--json`, stdout carries exactly one
//! JSON document (the result, or `{"error": {code, message, issues}}`); progress and messages
//! go to stderr. Exit code 0 on success; 1 on refused input (validation, not found, deleted);
//! 2 on a database or file problem.
//!
//! Entity commands (`contact add --email …`) are built from the kind definitions, so every
//! field of every kind has a flag without a line of code per field.

mod analyze;
mod backup;
mod campaign;
mod stages;
mod transfer;
mod views;
mod work;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Arg, ArgAction, ArgMatches, Command, value_parser};
use kith::demo::{self, DemoOptions};
use kith::model::{FieldType, KindDef};
use kith::workspace::resolve_db_path;
use kith::{Error, Input, Kind, ListQuery, Store, Value};
use serde::Serialize;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

// mimalloc: an import allocates and frees millions of small values, most of them freed on
// another thread than the one that made them (the cleaning thread reads a row, the writing
// thread and the freeing thread let go of it); with the system allocator those frees contend
// for its arena locks. A 1M-row import took 21% less time (65.5 s → 51.8 s), peak 457 MB.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn flag(field: &str) -> String {
    field.replace('_', "-")
}

fn field_args(def: &KindDef, required_marked: bool) -> Vec<Arg> {
    def.fields
        .iter()
        .map(|f| {
            let mut help = f.label.to_string();
            if !f.choices.is_empty() {
                help.push_str(&format!(" ({})", f.choices.join(", ")));
            }
            if let Some(k) = f.ref_kind {
                help.push_str(&format!(" (id of a {k})"));
            }
            if f.required && required_marked {
                help.push_str(" [required]");
            }
            Arg::new(f.name)
                .long(flag(f.name))
                .value_name(match f.ty {
                    FieldType::Date => "YYYY-MM-DD",
                    FieldType::Time => "HH:MM",
                    FieldType::Ref => "ID",
                    _ => "VALUE",
                })
                .help(help)
        })
        .collect()
}

/// `--where FIELD=VALUE` (repeatable), for lists and exports.
pub(crate) fn where_arg() -> Arg {
    Arg::new("where")
        .long("where")
        .value_name("FIELD=VALUE")
        .action(ArgAction::Append)
        .help(
            "Only records whose FIELD matches VALUE (repeatable): a value (stage=won), one of \
             several (stage=lead|qualified), a comparison or a range of dates and figures \
             (value=>=1000, closed_on=2026-01-01..2026-03-31, due_on=..2026-12-31), empty \
             (due_on=none), or a tag (tag=VIP). Contacts also filter by their analytics \
             figures: rfm_segment, cluster (names), rfm, clv_365, lead_score \
             (a number or a comparison: lead_score=>=70)",
        )
}

/// The `--where` pairs as list filters (`job-title` and `job_title` both name the field).
pub(crate) fn filters(m: &ArgMatches) -> Result<std::collections::BTreeMap<String, String>, Error> {
    m.get_many::<String>("where")
        .into_iter()
        .flatten()
        .map(|pair| {
            let (k, v) = pair
                .split_once('=')
                .ok_or_else(|| Error::invalid("where", format!("'{pair}' is not FIELD=VALUE")))?;
            Ok((k.trim().replace('-', "_"), v.to_string()))
        })
        .collect()
}

fn custom_arg() -> Arg {
    Arg::new("custom")
        .long("custom")
        .value_name("NAME=VALUE")
        .action(ArgAction::Append)
        .help("Set a custom field (repeatable)")
}

fn id_arg() -> Arg {
    Arg::new("id")
        .required(true)
        .value_name("ID")
        .help("Record id")
}

fn entity_command(kind: Kind) -> Command {
    let def = kind.def();
    let name: &'static str = Box::leak(kind.as_str().replace('_', "-").into_boxed_str());
    Command::new(name)
        .about(format!(
            "{}: add, list, show, edit, delete, tag",
            def.plural
        ))
        .subcommand_required(true)
        .subcommand(
            Command::new("add")
                .about(format!("Add a {}", def.label.to_lowercase()))
                .args(field_args(def, true))
                .arg(custom_arg())
                .arg(
                    Arg::new("tag")
                        .long("tag")
                        .action(ArgAction::Append)
                        .help("Tag the new record (repeatable)"),
                ),
        )
        .subcommand(
            Command::new("list")
                .about(format!("List {}", def.plural.to_lowercase()))
                .arg(
                    Arg::new("text")
                        .long("text")
                        .help("Only records whose name contains this"),
                )
                .arg(Arg::new("sort").long("sort").value_name("FIELD").help(
                    "Sort by this field (contacts also by rfm_segment, rfm, cluster, clv_365, \
                     lead_score, after `kith analyze all`)",
                ))
                .arg(
                    Arg::new("desc")
                        .long("desc")
                        .action(ArgAction::SetTrue)
                        .help("Sort descending"),
                )
                .arg(
                    Arg::new("limit")
                        .long("limit")
                        .default_value("50")
                        .value_parser(value_parser!(u64)),
                )
                .arg(
                    Arg::new("offset")
                        .long("offset")
                        .default_value("0")
                        .value_parser(value_parser!(u64)),
                )
                .arg(where_arg())
                .arg(
                    Arg::new("deleted")
                        .long("include-deleted")
                        .action(ArgAction::SetTrue),
                ),
        )
        .subcommand(Command::new("show").about("Show one record").arg(id_arg()))
        .subcommand(
            Command::new("edit")
                .about("Change fields (an empty value clears a field)")
                .arg(id_arg())
                .args(field_args(def, false))
                .arg(custom_arg()),
        )
        .subcommand(
            Command::new("delete")
                .about("Delete (recoverable from history)")
                .arg(id_arg()),
        )
        .subcommand(
            Command::new("tag")
                .about("Add a tag")
                .arg(id_arg())
                .arg(Arg::new("tag").required(true)),
        )
        .subcommand(
            Command::new("untag")
                .about("Remove a tag")
                .arg(id_arg())
                .arg(Arg::new("tag").required(true)),
        )
        .subcommands(if kind == Kind::Campaign {
            campaign::subcommands()
        } else {
            Vec::new()
        })
}

fn cli() -> Command {
    let mut cmd = Command::new("kith")
        .version(env!("CARGO_PKG_VERSION"))
        .about("Kith: an offline-first CRM in one SQLite file")
        .subcommand_required(true)
        .arg(
            Arg::new("db")
                .long("db")
                .global(true)
                .value_name("PATH")
                .value_parser(value_parser!(PathBuf))
                .help("Database file (default: $KITH_DB, else the platform data dir)"),
        )
        .arg(
            Arg::new("json")
                .long("json")
                .global(true)
                .action(ArgAction::SetTrue)
                .help("Print one JSON document on stdout"),
        )
        .subcommand(Command::new("init").about("Create (or migrate) the database and say where it is"))
        .subcommand(
            Command::new("demo")
                .about("Fill the database with deterministic demo data across every entity")
                .arg(
                    Arg::new("contacts")
                        .long("contacts")
                        .default_value("2000")
                        .value_parser(value_parser!(usize)),
                )
                .arg(
                    Arg::new("seed")
                        .long("seed")
                        .default_value("42")
                        .value_parser(value_parser!(u64)),
                )
                .arg(
                    Arg::new("as-of")
                        .long("as-of")
                        .value_name("YYYY-MM-DD")
                        .help(
                            "The day the data is current at: two years of orders before it, open \
                             deals closing after it (default: today)",
                        ),
                ),
        )
        .subcommand(
            Command::new("search")
                .about("Find contacts, companies, deals and notes by any part of a name, email, phone or company")
                .arg(Arg::new("query").required(true).num_args(1..))
                .arg(
                    Arg::new("limit")
                        .long("limit")
                        .default_value("20")
                        .value_parser(value_parser!(usize)),
                )
                .arg(
                    Arg::new("kind")
                        .long("kind")
                        .action(ArgAction::Append)
                        .help("Only this kind (repeatable)"),
                ),
        )
        .subcommand(
            Command::new("history")
                .about("Every change of a record, newest first")
                .arg(id_arg()),
        )
        .subcommand(
            Command::new("timeline")
                .about("What happened with a contact or company")
                .arg(id_arg()),
        )
        .subcommand(
            Command::new("related")
                .about(
                    "The people and companies a contact or company is related to, and its \
                     deals, orders, tickets, tasks, feedback and campaigns",
                )
                .arg(id_arg()),
        )
        .subcommand(Command::new("schema").about("The fields of every kind"))
        .subcommand(Command::new("tags").about("Every tag with its number of records"))
        .subcommand(backup::backup_command())
        .subcommand(analyze::analyze_command())
        .subcommand(analyze::chart_command())
        .subcommand(work::today_command())
        .subcommand(work::task_command())
        .subcommand(stages::stages_command())
        .subcommand(views::view_command())
        .subcommand(transfer::import_command())
        .subcommands(transfer::other_commands());
    for kind in Kind::ALL {
        let entity = entity_command(kind);
        cmd = cmd.subcommand(match kind {
            Kind::Ticket => work::ticket_verbs(entity),
            _ => entity,
        });
    }
    cmd
}

/// What a command produced: a JSON-able value and its human rendering.
pub(crate) struct Output {
    json: serde_json::Value,
    text: String,
}

impl Output {
    pub(crate) fn new(value: &impl Serialize, text: String) -> Result<Output, Error> {
        Ok(Output {
            json: serde_json::to_value(value)
                .map_err(|e| Error::invalid("output", e.to_string()))?,
            text,
        })
    }
}

fn input_from(kind: Kind, m: &ArgMatches) -> Result<Input, Error> {
    let mut input = Input::new();
    for f in kind.def().fields {
        if let Some(v) = m.get_one::<String>(f.name) {
            input.insert(f.name.to_string(), v.clone());
        }
    }
    for pair in m.get_many::<String>("custom").into_iter().flatten() {
        let (name, value) = pair
            .split_once('=')
            .ok_or_else(|| Error::invalid("custom", format!("'{pair}' is not NAME=VALUE")))?;
        input.insert(format!("custom.{}", name.trim()), value.to_string());
    }
    Ok(input)
}

fn show_value(v: &Value) -> String {
    v.to_text().unwrap_or_default()
}

fn record_text(r: &kith::EntityRecord) -> String {
    let def = r.kind.def();
    let mut out = format!("{} {}  ({})\n", def.label, r.title, r.id);
    for f in def.fields {
        let v = r.values.get(f.name).cloned().unwrap_or(Value::Null);
        if v.is_null() {
            continue;
        }
        let shown = match r.refs.get(f.name) {
            Some(title) => format!("{title} ({})", show_value(&v)),
            None => show_value(&v),
        };
        out.push_str(&format!("  {:<16} {shown}\n", f.label));
    }
    if !r.tags.is_empty() {
        out.push_str(&format!("  {:<16} {}\n", "Tags", r.tags.join(", ")));
    }
    for (k, v) in &r.custom {
        out.push_str(&format!("  {k:<16} {v}\n"));
    }
    if let Some(d) = &r.deleted_at {
        out.push_str(&format!("  {:<16} {d}\n", "DELETED"));
    }
    out
}

/// Cuts `text` to at most `width` terminal columns (CJK characters take two).
fn clip(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out
}

pub(crate) fn table(headers: &[String], rows: &[Vec<String>]) -> String {
    let width = |i: usize| {
        rows.iter()
            .map(|r| r[i].width())
            .chain([headers[i].width()])
            .max()
            .unwrap_or(0)
            // The last column runs to the end of the line.
            .min(if i + 1 == headers.len() { 400 } else { 40 })
    };
    let widths: Vec<usize> = (0..headers.len()).map(width).collect();
    let line = |cells: &[String]| {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| {
                let c = clip(c, *w);
                let pad = w.saturating_sub(c.width());
                format!("{c}{}", " ".repeat(pad))
            })
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let mut out = line(headers) + "\n";
    for r in rows {
        out.push_str(&line(r));
        out.push('\n');
    }
    out
}

fn run_entity(store: &mut Store, kind: Kind, m: &ArgMatches) -> Result<Output, Error> {
    let def = kind.def();
    match m.subcommand() {
        Some(("add", m)) => {
            let input = input_from(kind, m)?;
            let tags: Vec<String> = m
                .get_many::<String>("tag")
                .into_iter()
                .flatten()
                .cloned()
                .collect();
            let id = store.write(|w| {
                let id = w.create(kind, &input)?;
                for t in &tags {
                    w.tag(kind, &id, t)?;
                }
                Ok(id)
            })?;
            let r = store.get_record(kind, &id)?;
            let text = format!("Added {}\n{}", def.label.to_lowercase(), record_text(&r));
            Output::new(&r, text)
        }
        Some(("list", m)) => {
            let mut q = ListQuery {
                text: m.get_one::<String>("text").cloned(),
                sort: m.get_one::<String>("sort").cloned(),
                desc: m.get_flag("desc"),
                limit: *m.get_one::<u64>("limit").unwrap_or(&50),
                offset: *m.get_one::<u64>("offset").unwrap_or(&0),
                include_deleted: m.get_flag("deleted"),
                ..ListQuery::default()
            };
            q.filters = filters(m)?;
            let page = store.list_records(kind, &q)?;
            // The fields that make up the title are already in the Title column.
            let cols: Vec<_> = def
                .fields
                .iter()
                .filter(|f| f.in_list && !def.title.contains(&f.name))
                .collect();
            let mut headers = vec!["ID".to_string(), "Title".to_string()];
            headers.extend(cols.iter().map(|f| f.label.to_string()));
            // Contacts the analytics have reached: their segment, scores, value and lead score.
            let with_figures = !page.figures.is_empty();
            if with_figures {
                headers.extend(["Segment", "RFM", "Value (1 y)", "Lead score"].map(String::from));
            }
            let rows: Vec<Vec<String>> = page
                .rows
                .iter()
                .map(|r| {
                    let mut row = vec![r.id.clone(), r.title.clone()];
                    row.extend(cols.iter().map(|f| {
                        r.refs.get(f.name).cloned().unwrap_or_else(|| {
                            r.values.get(f.name).map(show_value).unwrap_or_default()
                        })
                    }));
                    if with_figures {
                        let f = page.figures.get(&r.id).cloned().unwrap_or_default();
                        row.extend([
                            f.rfm_segment.unwrap_or_default(),
                            f.rfm.unwrap_or_default(),
                            f.clv_365.map(|v| format!("{v:.2}")).unwrap_or_default(),
                            f.lead_score.map(|s| s.to_string()).unwrap_or_default(),
                        ]);
                    }
                    row
                })
                .collect();
            let text = format!(
                "{}{} of {} {}\n",
                table(&headers, &rows),
                page.rows.len(),
                page.total,
                def.plural.to_lowercase()
            );
            Output::new(&page, text)
        }
        Some(("show", m)) => {
            let id = m.get_one::<String>("id").expect("required");
            let r = store.get_record(kind, id)?;
            let text = record_text(&r);
            Output::new(&r, text)
        }
        Some(("edit", m)) => {
            let id = m.get_one::<String>("id").expect("required");
            let input = input_from(kind, m)?;
            if input.is_empty() {
                return Err(Error::invalid("edit", "name at least one field to change"));
            }
            let r = store.update_record(kind, id, &input)?;
            let text = format!("Updated\n{}", record_text(&r));
            Output::new(&r, text)
        }
        Some(("delete", m)) => {
            let id = m.get_one::<String>("id").expect("required");
            store.delete_record(kind, id)?;
            let r = store.get_record(kind, id)?;
            let text = format!("Deleted {} {} ({id})\n", def.label.to_lowercase(), r.title);
            Output::new(&r, text)
        }
        Some((verb @ ("tag" | "untag"), m)) => {
            let id = m.get_one::<String>("id").expect("required");
            let tag = m.get_one::<String>("tag").expect("required");
            let r = if verb == "tag" {
                store.tag_record(kind, id, tag)?
            } else {
                store.untag_record(kind, id, tag)?
            };
            let text = format!("{}: {}\n", r.title, r.tags.join(", "));
            Output::new(&r, text)
        }
        Some((verb, m)) if kind == Kind::Campaign => campaign::run(store, verb, m),
        _ => unreachable!("clap requires a subcommand"),
    }
}

fn run(m: &ArgMatches) -> Result<Output, Error> {
    let path = resolve_db_path(m.get_one::<PathBuf>("db").cloned());
    kith::store::on_writer_wait(|| {
        eprintln!("another Kith is writing to this database; waiting…");
    });
    let mut store = Store::open(&path)?;
    store.set_origin("cli");
    match m.subcommand() {
        Some(("init", _)) => {
            let info = store.workspace_info()?;
            let text = format!("Kith database ready at {}\n", info.path);
            Output::new(&info, text)
        }
        Some(("demo", m)) => {
            let day = analyze::date_arg(m, "as-of")?.unwrap_or_else(kith::analytics::today);
            let options = DemoOptions {
                contacts: *m.get_one::<usize>("contacts").expect("defaulted"),
                seed: *m.get_one::<u64>("seed").expect("defaulted"),
                reference: Some(day),
            };
            let started = std::time::Instant::now();
            // On a terminal, one line that updates; in a log, a line per tenth of the work.
            let terminal = std::io::stderr().is_terminal();
            let mut shown = 0;
            let summary = demo::fill_with_progress(&mut store, &options, &mut |done, total| {
                if terminal {
                    eprint!("\rdemo: {done}/{total} records");
                } else if done == total || done * 10 >= shown * total {
                    eprintln!("demo: {done}/{total} records");
                    shown = done * 10 / total.max(1) + 1;
                }
            })?;
            if terminal {
                eprintln!();
            }
            store.set_meta("workspace", "demo")?;
            // The demo opens with its segments, values and scores already there.
            let analysed = kith::analytics::refresh(&mut store, Some(day), &mut |_| {})?;
            let text = format!(
                "Demo data current at {day} written to {} in {:.1} s; analytics for {} customers \
                 and {} open deals\n",
                path.display(),
                started.elapsed().as_secs_f64(),
                analysed.customers,
                analysed.open_deals
            );
            Output::new(&summary, text)
        }
        Some(("search", m)) => {
            let query = m
                .get_many::<String>("query")
                .into_iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
                .join(" ");
            let kinds = m
                .get_many::<String>("kind")
                .map(|ks| ks.map(|k| k.parse::<Kind>()).collect::<Result<Vec<_>, _>>())
                .transpose()?;
            let limit = *m.get_one::<usize>("limit").expect("defaulted");
            let hits = store.search(&query, limit, kinds.as_deref())?;
            let rows: Vec<Vec<String>> = hits
                .iter()
                .map(|h| {
                    vec![
                        h.kind.to_string(),
                        h.title.clone(),
                        h.subtitle.clone(),
                        h.id.clone(),
                    ]
                })
                .collect();
            let headers = ["Kind", "Title", "Details", "ID"].map(String::from);
            let text = if hits.is_empty() {
                format!("Nothing matches '{query}'\n")
            } else {
                table(&headers, &rows)
            };
            Output::new(&hits, text)
        }
        Some(("history", m)) => {
            let id = m.get_one::<String>("id").expect("required");
            let changes = store.history(id)?;
            let rows: Vec<Vec<String>> = changes
                .iter()
                .map(|c| {
                    vec![
                        c.at.clone(),
                        c.field.clone(),
                        c.old.to_text().unwrap_or_default(),
                        c.new.to_text().unwrap_or_default(),
                        c.origin.clone(),
                    ]
                })
                .collect();
            let headers = ["When", "Field", "Old", "New", "Origin"].map(String::from);
            let text = table(&headers, &rows);
            Output::new(&changes, text)
        }
        Some(("timeline", m)) => {
            let id = m.get_one::<String>("id").expect("required");
            let kind = store.kind_of(id)?;
            let items = store.timeline(kind, id)?;
            let rows: Vec<Vec<String>> = items
                .iter()
                .map(|i| {
                    vec![
                        i.at.clone(),
                        i.kind.to_string(),
                        i.title.clone(),
                        i.detail.clone(),
                    ]
                })
                .collect();
            let headers = ["When", "Kind", "What", "Details"].map(String::from);
            let text = table(&headers, &rows);
            Output::new(&items, text)
        }
        Some(("related", m)) => {
            let id = m.get_one::<String>("id").expect("required");
            let kind = store.kind_of(id)?;
            let related = store.related(kind, id)?;
            Output::new(&related, related_text(&related))
        }
        Some(("schema", _)) => {
            let schema = kith::model::schema();
            let mut text = String::new();
            for k in &schema {
                text.push_str(&format!("{} ({})\n", k.label, k.kind));
                for f in &k.fields {
                    let req = if f.required { " required" } else { "" };
                    text.push_str(&format!("  --{:<18} {:?}{req}\n", flag(&f.name), f.ty));
                }
            }
            Output::new(&schema, text)
        }
        Some(("tags", _)) => {
            let tags = store.tags()?;
            let text = tags.iter().map(|(t, n)| format!("{t}\t{n}\n")).collect();
            Output::new(&tags, text)
        }
        Some(("backup", m)) => backup::run_backup(&mut store, m),
        Some(("today", m)) => work::run_today(&store, m),
        Some(("task", m)) => work::run_task(&mut store, m),
        Some(("stages", m)) => stages::run_stages(&mut store, m),
        Some(("view", m)) => views::run_view(&mut store, m),
        Some(("ticket", m)) if work::is_ticket_verb(m) => work::run_ticket(&mut store, m),
        Some(("analyze", m)) => analyze::run_analyze(&mut store, m),
        Some(("chart", m)) => analyze::run_chart(&mut store, m),
        Some(("import", m)) => transfer::run_import(&mut store, m),
        Some((name @ ("export" | "review" | "duplicates" | "merge"), m)) => {
            transfer::run_other(&mut store, name, m)
        }
        Some((name, m)) => {
            let kind: Kind = name.parse()?;
            run_entity(&mut store, kind, m)
        }
        None => unreachable!("clap requires a subcommand"),
    }
}

fn main() -> ExitCode {
    let matches = cli().get_matches();
    let json = matches.get_flag("json");
    let mut stdout = std::io::stdout().lock();
    match run(&matches) {
        Ok(out) => {
            let written = if json {
                writeln!(stdout, "{}", out.json)
            } else {
                write!(stdout, "{}", out.text)
            };
            // A closed pipe (`kith … | head`) is not an error worth a message.
            let _ = written;
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            if json {
                let doc = serde_json::json!({ "error": e.report() });
                let _ = writeln!(stdout, "{doc}");
            }
            match e {
                Error::Sqlite(_)
                | Error::Migration { .. }
                | Error::Io { .. }
                | Error::NotADatabase { .. }
                | Error::TooNew { .. }
                | Error::BadFile { .. }
                | Error::Busy { .. } => ExitCode::from(2),
                _ => ExitCode::from(1),
            }
        }
    }
}

/// `kith related` as text: the relationships, then each group with its total and first rows.
fn related_text(related: &kith::Related) -> String {
    let mut text = String::new();
    if !related.links.is_empty() {
        let rows: Vec<Vec<String>> = related
            .links
            .iter()
            .map(|link| {
                let r = &link.relationship;
                let kind = r.text("kind").unwrap_or_default();
                vec![
                    if link.inverse {
                        format!("{kind} of")
                    } else {
                        kind
                    },
                    link.other_title.clone().unwrap_or_default(),
                    link.other_kind.to_string(),
                    r.text("started_on").unwrap_or_default(),
                    r.text("ended_on").unwrap_or_default(),
                ]
            })
            .collect();
        let headers = ["Relationship", "With", "Kind", "Since", "Until"].map(String::from);
        text.push_str(&table(&headers, &rows));
    }
    for group in &related.groups {
        if !text.is_empty() {
            text.push('\n');
        }
        let mut name = group.key.clone();
        if let Some(first) = name.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        text.push_str(&format!("{name} ({}):\n", group.total));
        for row in &group.rows {
            text.push_str(&format!("  {}  {}\n", row.id, row.title));
        }
        let shown = group.rows.len() as u64;
        if group.total > shown {
            text.push_str(&format!("  … and {} more\n", group.total - shown));
        }
    }
    if text.is_empty() {
        text.push_str("Nothing is related to it yet\n");
    }
    text
}
