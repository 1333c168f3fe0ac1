//! `kith task add|list|done|follow-up`, `kith today` and `kith ticket queue|move|close`: the
//! verbs of a day's work.

use chrono::{Duration, Local, NaiveDate, Utc};
use clap::{Arg, ArgAction, ArgMatches, Command, value_parser};
use kith::model::{EntityRecord, ListQuery, Value};
use kith::tickets::{self, QueueOptions, TicketQueue};
use kith::today::{self, NewTask, Suggestion, SuggestionKind, Today, TodayOptions};
use kith::{Error, Kind, Store};

use crate::{Output, table};

pub fn task_command() -> Command {
    Command::new("task")
        .about("Tasks: add one, list the open ones, mark one done or follow it up")
        .subcommand_required(true)
        .subcommand(
            Command::new("add")
                .about("Add a task")
                .arg(
                    Arg::new("title")
                        .long("title")
                        .required(true)
                        .help("What to do"),
                )
                .arg(
                    Arg::new("due").long("due").value_name("DATE").help(
                        "When it is due: YYYY-MM-DD, today, tomorrow, or +N (days from today)",
                    ),
                )
                .arg(
                    Arg::new("time")
                        .long("time")
                        .value_name("HH:MM")
                        .help("The time it is due (14:30, 2:30 pm, 下午2点半)"),
                )
                .arg(
                    Arg::new("priority")
                        .long("priority")
                        .help("low, normal or high (default: normal)"),
                )
                .arg(about_arg("contact-id", "The contact it is about"))
                .arg(about_arg("company-id", "The company it is about"))
                .arg(about_arg("deal-id", "The deal it is about"))
                .arg(about_arg("ticket-id", "The ticket it is about"))
                .arg(Arg::new("notes").long("notes").help("More about it")),
        )
        .subcommand(
            Command::new("list")
                .about("Open tasks, soonest due first (tasks without a due day last)")
                .arg(
                    Arg::new("all")
                        .long("all")
                        .action(ArgAction::SetTrue)
                        .help("Done tasks too"),
                )
                .arg(
                    Arg::new("limit")
                        .long("limit")
                        .default_value("50")
                        .value_parser(value_parser!(u64)),
                ),
        )
        .subcommand(
            Command::new("done")
                .about("Mark a task done")
                .arg(Arg::new("id").required(true).value_name("ID")),
        )
        .subcommand(
            Command::new("follow-up")
                .about("Mark a task done and add \"Follow up: …\" due in N days")
                .arg(Arg::new("id").required(true).value_name("ID"))
                .arg(
                    Arg::new("days")
                        .long("days")
                        .default_value("3")
                        .value_parser(value_parser!(u32)),
                ),
        )
}

fn about_arg(name: &'static str, help: &'static str) -> Arg {
    Arg::new(name).long(name).value_name("ID").help(help)
}

pub fn today_command() -> Command {
    Command::new("today")
        .about(
            "Today's work: overdue tasks, tasks due today and in the next days, and suggestions \
             (customers slipping away, deals gone quiet, tickets past their target)",
        )
        .arg(
            Arg::new("days")
                .long("days")
                .default_value("7")
                .value_parser(value_parser!(u32))
                .help("How many days ahead count as upcoming"),
        )
}

/// A due day as typed: `YYYY-MM-DD`, `today`, `tomorrow` or `+N`.
fn due_day(text: &str, today: NaiveDate) -> Result<String, Error> {
    let t = text.trim().to_lowercase();
    let day = match t.as_str() {
        "today" | "今天" => today,
        "tomorrow" | "明天" => today + Duration::days(1),
        _ => match t.strip_prefix('+').map(str::parse::<i64>) {
            Some(Ok(n)) if (0..=3650).contains(&n) => today + Duration::days(n),
            Some(_) => {
                return Err(Error::invalid(
                    "due",
                    format!("'{text}' is not a number of days from today (+0 to +3650)"),
                ));
            }
            None => return Ok(text.to_string()),
        },
    };
    Ok(day.to_string())
}

pub fn run_task(store: &mut Store, m: &ArgMatches) -> Result<Output, Error> {
    let day = Local::now().date_naive();
    match m.subcommand() {
        Some(("add", m)) => {
            let text = |name: &str| m.get_one::<String>(name).cloned();
            let task = NewTask {
                subject: text("title").unwrap_or_default(),
                due_on: text("due").map(|d| due_day(&d, day)).transpose()?,
                due_time: text("time"),
                priority: text("priority"),
                contact_id: text("contact-id"),
                company_id: text("company-id"),
                deal_id: text("deal-id"),
                ticket_id: text("ticket-id"),
                body: text("notes"),
            };
            let added = today::add_task(store, &task)?;
            let text = format!("Added task {}\n{}", added.id, task_lines(&[&added]));
            Output::new(&added, text)
        }
        Some(("list", m)) => {
            let mut filters = std::collections::BTreeMap::from([("kind".into(), "task".into())]);
            if !m.get_flag("all") {
                filters.insert("done".into(), "false".into());
            }
            let page = store.list_records(
                Kind::Activity,
                &ListQuery {
                    sort: Some("due_on".into()),
                    limit: *m.get_one::<u64>("limit").unwrap_or(&50),
                    filters,
                    ..ListQuery::default()
                },
            )?;
            let mut tasks: Vec<&EntityRecord> = page.rows.iter().collect();
            // Undated tasks sort first in SQL; people look for the dated ones first.
            tasks.sort_by_key(|t| (text(t, "due_on").is_empty(), text(t, "due_on")));
            let text = if tasks.is_empty() {
                "No open tasks.\n".to_string()
            } else {
                format!(
                    "{}{} of {} tasks\n",
                    task_lines(&tasks),
                    tasks.len(),
                    page.total
                )
            };
            Output::new(&page, text)
        }
        Some(("done", m)) => {
            let id = m.get_one::<String>("id").map_or("", String::as_str);
            let done = today::complete_task(store, id, Utc::now())?;
            let text = format!("Done: {}\n", done.title);
            Output::new(&done, text)
        }
        Some(("follow-up", m)) => {
            let id = m.get_one::<String>("id").map_or("", String::as_str);
            let days = *m.get_one::<u32>("days").unwrap_or(&3);
            let next = today::follow_up_task(store, id, days, day, Utc::now())?;
            let text = format!(
                "Done, and added task {} due {}\n",
                next.id,
                text(&next, "due_on")
            );
            Output::new(&next, text)
        }
        _ => unreachable!("clap requires a subcommand"),
    }
}

pub fn run_today(store: &Store, m: &ArgMatches) -> Result<Output, Error> {
    let now = Local::now().naive_local();
    let opts = TodayOptions {
        upcoming_days: *m.get_one::<u32>("days").unwrap_or(&7),
        utc_offset_minutes: kith::walltime::local_offset_minutes(now),
        ..TodayOptions::default()
    };
    let report = today::today(store, now, &opts)?;
    let text = today_text(&report);
    Output::new(&report, text)
}

fn today_text(t: &Today) -> String {
    let mut out = format!("Today, {} {}\n", t.day, t.time);
    let part = |out: &mut String, title: String, tasks: &[EntityRecord], total: u64| {
        out.push_str(&format!("\n{title} ({total})\n"));
        if tasks.is_empty() {
            out.push_str("  none\n");
        } else {
            let tasks: Vec<&EntityRecord> = tasks.iter().collect();
            out.push_str(&task_lines(&tasks));
            if total > tasks.len() as u64 {
                out.push_str(&format!("  … and {} more\n", total - tasks.len() as u64));
            }
        }
    };
    part(&mut out, "Overdue".into(), &t.overdue, t.overdue_total);
    part(
        &mut out,
        "Due today".into(),
        &t.due_today,
        t.due_today_total,
    );
    part(
        &mut out,
        format!("Next {} days", t.upcoming_days),
        &t.upcoming,
        t.upcoming_total,
    );
    out.push_str(&format!("\nSuggestions ({})\n", t.suggestions.len()));
    for s in &t.suggestions {
        out.push_str(&suggestion_line(s));
    }
    if t.suggestions.is_empty() {
        out.push_str("  none\n");
    }
    for note in &t.notes {
        out.push_str(&format!("note: {}\n", note.text));
    }
    out
}

fn suggestion_line(s: &Suggestion) -> String {
    let what = match s.kind {
        SuggestionKind::CustomerSlipping => "Customer slipping away",
        SuggestionKind::DealIdle => "Deal gone quiet",
        SuggestionKind::TicketLate => "Ticket past its target",
    };
    format!(
        "  {what}: {} ({})\n    {}\n",
        s.title, s.record_id, s.reason
    )
}

fn text(r: &EntityRecord, field: &str) -> String {
    match r.values.get(field) {
        Some(Value::Text(t)) => t.clone(),
        _ => String::new(),
    }
}

fn task_lines(tasks: &[&EntityRecord]) -> String {
    let headers = ["Due", "Time", "Priority", "Task", "About", "Id"].map(String::from);
    let rows: Vec<Vec<String>> = tasks
        .iter()
        .map(|t| {
            let about = ["contact_id", "company_id", "deal_id", "ticket_id"]
                .iter()
                .filter_map(|f| t.refs.get(*f).cloned())
                .collect::<Vec<_>>()
                .join(", ");
            let done = t.values.get("done") == Some(&Value::Bool(true));
            vec![
                text(t, "due_on"),
                text(t, "due_time"),
                text(t, "priority"),
                format!("{}{}", if done { "✓ " } else { "" }, t.title),
                about,
                t.id.clone(),
            ]
        })
        .collect();
    table(&headers, &rows)
}

/// The queue's verbs, beside the ticket's add, list, show, edit and delete.
pub fn ticket_verbs(entity: Command) -> Command {
    entity
        .about("Tickets: the queue, move one, close one; add, list, show, edit, delete, tag")
        .subcommand(Command::new("queue").about(
            "The queue by status (new, in progress, waiting, resolved, closed lately) with \
                 each ticket's targets, overdue ones marked, and the median times",
        ))
        .subcommand(
            Command::new("move")
                .about("Move a ticket to a status: new, in_progress, waiting, resolved, closed")
                .arg(Arg::new("id").required(true).value_name("ID"))
                .arg(Arg::new("status").required(true).value_name("STATUS")),
        )
        .subcommand(
            Command::new("close")
                .about("Close a ticket, with the customer's satisfaction (kept as feedback)")
                .arg(Arg::new("id").required(true).value_name("ID"))
                .arg(
                    Arg::new("rating")
                        .long("rating")
                        .value_name("N")
                        .value_parser(value_parser!(i64))
                        .help("How satisfied the customer was, 1 to 5"),
                )
                .arg(
                    Arg::new("comment")
                        .long("comment")
                        .value_name("TEXT")
                        .help("What the customer said"),
                ),
        )
}

/// Whether `kith ticket …` is one of the queue's verbs (the others are the record verbs).
pub fn is_ticket_verb(m: &ArgMatches) -> bool {
    matches!(m.subcommand_name(), Some("queue" | "move" | "close"))
}

pub fn run_ticket(store: &mut Store, m: &ArgMatches) -> Result<Output, Error> {
    let id = |m: &ArgMatches| m.get_one::<String>("id").cloned().unwrap_or_default();
    match m.subcommand() {
        Some(("queue", _)) => {
            let now = Local::now().naive_local();
            let opts = QueueOptions {
                utc_offset_minutes: kith::walltime::local_offset_minutes(now),
                ..QueueOptions::default()
            };
            let queue = tickets::ticket_queue(store, now, &opts)?;
            let text = queue_text(&queue);
            Output::new(&queue, text)
        }
        Some(("move", m)) => {
            let status = m.get_one::<String>("status").map_or("", String::as_str);
            let moved = tickets::ticket_move(store, &id(m), status)?;
            let text = format!("{}: {}\n", moved.title, text(&moved, "status"));
            Output::new(&moved, text)
        }
        Some(("close", m)) => {
            let rating = m.get_one::<i64>("rating").copied();
            let comment = m.get_one::<String>("comment").map(String::as_str);
            let closed = tickets::ticket_close(store, &id(m), rating, comment)?;
            let mut text = format!("Closed: {}\n", closed.ticket.title);
            if let Some(f) = &closed.feedback {
                text.push_str(&format!("Feedback {} kept\n", f.id));
            }
            Output::new(&closed, text)
        }
        _ => unreachable!("is_ticket_verb chose these"),
    }
}

fn hours_text(h: f64) -> String {
    if h < 48.0 {
        format!("{h:.1} h")
    } else {
        format!("{:.1} d", h / 24.0)
    }
}

fn queue_text(q: &TicketQueue) -> String {
    let f = &q.figures;
    let median = |m: Option<f64>, n: u64| match m {
        Some(h) => format!("{} (of {n})", hours_text(h)),
        None => "none yet".to_string(),
    };
    let mut out = format!(
        "Ticket queue, {}\n{} open, {} overdue; median over {} days: first response {}, \
         resolution {}\n",
        q.now,
        f.open,
        f.overdue,
        f.days,
        median(f.median_response_hours, f.responded),
        median(f.median_resolution_hours, f.resolved),
    );
    let headers = ["", "Priority", "Category", "Age", "Due", "Ticket", "Id"].map(String::from);
    for column in &q.columns {
        out.push_str(&format!("\n{} ({}", column.status, column.count));
        if column.overdue > 0 {
            out.push_str(&format!(", {} overdue", column.overdue));
        }
        out.push_str(")\n");
        let rows: Vec<Vec<String>> = column
            .cards
            .iter()
            .map(|c| {
                let overdue = c.response_overdue || c.resolution_overdue;
                let due = c.response_due.as_ref().or(c.resolution_due.as_ref());
                vec![
                    if overdue { "!" } else { "" }.to_string(),
                    c.priority.clone(),
                    match &c.category {
                        Some(cat) if c.category_suggested => format!("{cat}?"),
                        Some(cat) => cat.clone(),
                        None => String::new(),
                    },
                    hours_text(c.age_hours),
                    due.map(|d| d.replace('T', " ").trim_end_matches('Z').to_string())
                        .unwrap_or_default(),
                    c.ticket.title.clone(),
                    c.ticket.id.clone(),
                ]
            })
            .collect();
        if rows.is_empty() {
            out.push_str("  none\n");
        } else {
            out.push_str(&table(&headers, &rows));
            if column.count > rows.len() as u64 {
                out.push_str(&format!(
                    "  … and {} more\n",
                    column.count - rows.len() as u64
                ));
            }
        }
    }
    out.push_str("\n! past a target · ? a suggested category\n");
    out
}
