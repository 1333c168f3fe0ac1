//! `kith campaign report|add-members|respond|export-members`: a campaign's return, its members
//! from a segment or tag, a member's response, and the member list for a mail tool. (The
//! record verbs add, list, show, edit and delete are every kind's.)

use std::path::PathBuf;

use chrono::Utc;
use clap::{Arg, ArgAction, ArgGroup, ArgMatches, Command, value_parser};
use kith::Error;
use kith::campaigns::{self, CampaignReport, MemberSource};
use kith::store::Store;

use crate::Output;

/// The campaign verbs beside the record verbs.
pub fn subcommands() -> Vec<Command> {
    let id = || {
        Arg::new("id")
            .required(true)
            .value_name("ID")
            .help("Campaign id")
    };
    vec![
        Command::new("report")
            .about(
                "What a campaign brought: members, response rate, conversions, revenue, cost \
                 per conversion and ROI",
            )
            .arg(id()),
        Command::new("add-members")
            .about("Add contacts as invited members (those already members are skipped)")
            .arg(id())
            .arg(
                Arg::new("segment")
                    .long("segment")
                    .help("Every customer of this R×F segment (after `kith analyze rfm`)"),
            )
            .arg(
                Arg::new("cluster")
                    .long("cluster")
                    .help("Every customer of this k-means cluster (after `kith analyze segments`)"),
            )
            .arg(
                Arg::new("tag")
                    .long("tag")
                    .help("Every contact with this tag"),
            )
            .arg(
                Arg::new("contact")
                    .long("contact")
                    .value_name("CONTACT_ID")
                    .action(ArgAction::Append)
                    .help("This contact (repeatable)"),
            )
            .group(
                ArgGroup::new("source")
                    .args(["segment", "cluster", "tag", "contact"])
                    .required(true),
            ),
        Command::new("respond")
            .about("Record a member's response: status, and what they said")
            .arg(
                Arg::new("member")
                    .required(true)
                    .value_name("MEMBER_ID")
                    .help("The campaign member's id"),
            )
            .arg(
                Arg::new("status")
                    .long("status")
                    .default_value("responded")
                    .help("invited, sent, opened, clicked, responded, converted or unsubscribed"),
            )
            .arg(Arg::new("text").long("text").help("What they said"))
            .arg(
                Arg::new("at")
                    .long("at")
                    .value_name("RFC3339")
                    .help("When (default: now, for responded and converted)"),
            ),
        Command::new("export-members")
            .about(
                "Write the members as CSV for a mail tool (email, first_name, last_name, \
                 company, status); members without an email or unsubscribed are left out",
            )
            .arg(id())
            .arg(
                Arg::new("out")
                    .long("out")
                    .required(true)
                    .value_name("FILE")
                    .value_parser(value_parser!(PathBuf)),
            )
            .arg(
                Arg::new("bom")
                    .long("bom")
                    .action(ArgAction::SetTrue)
                    .help("Start with a UTF-8 byte-order mark (Excel on Windows)"),
            ),
    ]
}

/// Runs one of [`subcommands`].
pub fn run(store: &mut Store, verb: &str, m: &ArgMatches) -> Result<Output, Error> {
    let id = || m.get_one::<String>("id").expect("required").as_str();
    match verb {
        "report" => {
            let r = campaigns::campaign_report(store, id())?;
            let text = report_text(&r);
            Output::new(&r, text)
        }
        "add-members" => {
            let text = |name: &str| m.get_one::<String>(name).cloned();
            let source = if let Some(s) = text("segment") {
                MemberSource::Segment(s)
            } else if let Some(c) = text("cluster") {
                MemberSource::Cluster(c)
            } else if let Some(t) = text("tag") {
                MemberSource::Tag(t)
            } else {
                MemberSource::Contacts(
                    m.get_many::<String>("contact")
                        .into_iter()
                        .flatten()
                        .cloned()
                        .collect(),
                )
            };
            let r = campaigns::add_members(store, id(), &source)?;
            let text = format!(
                "{} contacts: {} added, {} already members\n",
                r.matched, r.added, r.skipped
            );
            Output::new(&r, text)
        }
        "respond" => {
            let member = m.get_one::<String>("member").expect("required");
            let status = m.get_one::<String>("status").expect("defaulted");
            let at = match m.get_one::<String>("at") {
                Some(at) => Some(
                    chrono::DateTime::parse_from_rfc3339(at)
                        .map_err(|e| Error::invalid("at", format!("'{at}': {e}")))?
                        .with_timezone(&Utc),
                ),
                None => None,
            };
            let text = m.get_one::<String>("text").map(String::as_str);
            let r = campaigns::record_response(store, member, status, at, text, Utc::now())?;
            let line = format!(
                "Member {}: {}\n",
                r.id,
                r.text("status").unwrap_or_default()
            );
            Output::new(&r, line)
        }
        "export-members" => {
            let out = m.get_one::<PathBuf>("out").expect("required");
            let r = campaigns::export_members(store, id(), out, m.get_flag("bom"))?;
            let text = format!(
                "Wrote {} members to {} ({} without an email, {} unsubscribed left out)\n",
                r.written, r.file, r.no_email, r.unsubscribed
            );
            Output::new(&r, text)
        }
        _ => unreachable!("clap knows the campaign verbs"),
    }
}

fn report_text(r: &CampaignReport) -> String {
    let money = |v: f64| match &r.currency {
        Some(c) => format!("{v:.2} {c}"),
        None => format!("{v:.2}"),
    };
    let pct = |v: Option<f64>| v.map_or("–".to_string(), |v| format!("{:.1}%", v * 100.0));
    let window = match (r.window_from, r.window_to) {
        (Some(from), Some(to)) => format!("{from} to {to}"),
        (Some(from), None) => format!("from {from}, open"),
        _ => "none".to_string(),
    };
    let mut out = format!("{}\n", r.name);
    let lines = [
        ("Attribution window", window),
        ("Members", r.members.to_string()),
        (
            "Responded",
            format!("{} ({})", r.responded, pct(r.response_rate)),
        ),
        (
            "Conversions",
            format!("{} ({})", r.conversions, pct(r.conversion_rate)),
        ),
        ("Revenue", money(r.revenue)),
        ("Budget", r.budget.map_or("–".to_string(), money)),
        (
            "Cost per conversion",
            r.cost_per_conversion.map_or("–".to_string(), money),
        ),
        ("ROI", pct(r.roi)),
        (
            "Attributed",
            format!(
                "{} chosen orders, {} first purchases, {} won deals",
                r.chosen_orders, r.first_purchases, r.won_deals
            ),
        ),
    ];
    for (label, value) in lines {
        out.push_str(&format!("  {label:<20} {value}\n"));
    }
    if !r.by_status.is_empty() {
        let statuses: Vec<String> = r
            .by_status
            .iter()
            .map(|s| format!("{} {}", s.status, s.count))
            .collect();
        out.push_str(&format!("  {:<20} {}\n", "By status", statuses.join(", ")));
    }
    for note in &r.notes {
        out.push_str(&format!("  note: {note}\n"));
    }
    out
}
