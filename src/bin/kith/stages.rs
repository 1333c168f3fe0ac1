//! `kith stages` and `kith stages set`: the deal stages as this workspace sets them up.

use clap::{Arg, ArgAction, ArgMatches, Command, value_parser};
use kith::store::DealStage;
use kith::{Error, Store};

use crate::{Output, table};

pub fn stages_command() -> Command {
    Command::new("stages")
        .about("The deal stages: their names, order, probabilities and whether they are used")
        .subcommand(
            Command::new("set")
                .about("Change one stage (the others stay as they are)")
                .arg(
                    Arg::new("key")
                        .required(true)
                        .value_name("STAGE")
                        .help("lead, qualified, proposal, negotiation, won or lost"),
                )
                .arg(
                    Arg::new("name")
                        .long("name")
                        .help("The stage's name (\"\" for its default name)"),
                )
                .arg(
                    Arg::new("probability")
                        .long("probability")
                        .value_parser(value_parser!(i64))
                        .help("Percent a deal takes on entering it; deals with the old one follow"),
                )
                .arg(
                    Arg::new("position")
                        .long("position")
                        .value_parser(value_parser!(usize))
                        .help("Its place among the open stages, from 1"),
                )
                .arg(
                    Arg::new("on")
                        .long("on")
                        .action(ArgAction::SetTrue)
                        .conflicts_with("off")
                        .help("Use the stage"),
                )
                .arg(
                    Arg::new("off")
                        .long("off")
                        .action(ArgAction::SetTrue)
                        .help("Stop using the stage (it must hold no deals)"),
                ),
        )
}

pub fn run_stages(store: &mut Store, m: &ArgMatches) -> Result<Output, Error> {
    let stages = match m.subcommand() {
        Some(("set", m)) => {
            let mut stages = store.deal_stages()?;
            let key = m.get_one::<String>("key").map_or("", String::as_str);
            let Some(at) = stages.iter().position(|s| s.key == key) else {
                return Err(Error::invalid(
                    "stage",
                    format!(
                        "'{key}' is not a stage: {}",
                        stages
                            .iter()
                            .map(|s| s.key.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            };
            let mut stage = stages.remove(at);
            if let Some(name) = m.get_one::<String>("name") {
                stage.label = Some(name.clone());
            }
            if let Some(p) = m.get_one::<i64>("probability") {
                stage.probability = *p;
            }
            if m.get_flag("on") || m.get_flag("off") {
                stage.active = m.get_flag("on");
            }
            let open = stages.iter().filter(|s| !s.closed).count();
            let place = match m.get_one::<usize>("position") {
                Some(p) if stage.closed => {
                    return Err(Error::invalid(
                        "position",
                        format!("{key} keeps its place at the end (asked for {p})"),
                    ));
                }
                Some(p) if *p == 0 || *p > open + 1 => {
                    return Err(Error::invalid(
                        "position",
                        format!(
                            "{p} is not a place among the open stages (1 to {})",
                            open + 1
                        ),
                    ));
                }
                Some(p) => p - 1,
                None => at,
            };
            stages.insert(place, stage);
            store.set_deal_stages(&stages)?
        }
        _ => store.deal_stages()?,
    };
    let text = stages_text(&stages);
    Output::new(&stages, text)
}

/// A stage's name as shown: the user's, or its key with a capital.
fn name(stage: &DealStage) -> String {
    stage.label.clone().unwrap_or_else(|| {
        let mut chars = stage.key.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    })
}

fn stages_text(stages: &[DealStage]) -> String {
    let headers = ["Stage", "Key", "Probability", "In use"].map(String::from);
    let rows: Vec<Vec<String>> = stages
        .iter()
        .map(|s| {
            vec![
                name(s),
                s.key.clone(),
                format!("{}%", s.probability),
                if s.active { "yes" } else { "no" }.to_string(),
            ]
        })
        .collect();
    table(&headers, &rows)
}
