//! `kith backup create|list|restore|keep`: copies of the database, and going back to one.

use std::path::PathBuf;

use clap::{Arg, ArgMatches, Command, value_parser};
use kith::store::BackupInfo;
use kith::{Error, Store};

use crate::Output;

pub fn backup_command() -> Command {
    Command::new("backup")
        .about("Back the database up, list its backups, or restore one")
        .subcommand_required(true)
        .subcommand(
            Command::new("create")
                .about("Back up now: into the backups folder beside the database, or to OUT")
                .arg(
                    Arg::new("out")
                        .value_name("OUT")
                        .value_parser(value_parser!(PathBuf)),
                ),
        )
        .subcommand(Command::new("list").about("The backups in the folder, newest first"))
        .subcommand(
            Command::new("restore")
                .about("Replace the database with a backup (the current one is backed up first)")
                .arg(
                    Arg::new("file")
                        .value_name("FILE")
                        .required(true)
                        .value_parser(value_parser!(PathBuf)),
                ),
        )
        .subcommand(
            Command::new("keep")
                .about("How many backups the folder keeps (show, or set to N)")
                .arg(
                    Arg::new("n")
                        .value_name("N")
                        .value_parser(value_parser!(usize)),
                ),
        )
}

fn line(b: &BackupInfo) -> String {
    format!(
        "{}  {:<18} {:>9} KB  {}\n",
        b.created_at,
        b.reason,
        b.bytes.div_ceil(1024),
        b.path
    )
}

pub fn run_backup(store: &mut Store, m: &ArgMatches) -> Result<Output, Error> {
    match m.subcommand() {
        Some(("create", m)) => {
            let out = m.get_one::<PathBuf>("out");
            let made = store.backup(out.map(PathBuf::as_path), "manual")?;
            let text = format!("Backed up to {}\n", made.path);
            Output::new(&made, text)
        }
        Some(("list", _)) => {
            let list = store.backup_list()?;
            let mut text = format!(
                "{} backups in {} (keeping {})\n",
                list.backups.len(),
                list.folder,
                list.keep
            );
            text.extend(list.backups.iter().map(line));
            Output::new(&list, text)
        }
        Some(("restore", m)) => {
            let file = m.get_one::<PathBuf>("file").expect("required");
            let report = store.restore(file)?;
            let text = format!(
                "Restored {}\nThe database as it was is backed up in {}\n",
                report.restored.path, report.previous.path
            );
            Output::new(&report, text)
        }
        Some(("keep", m)) => {
            if let Some(n) = m.get_one::<usize>("n") {
                store.set_backup_keep(*n)?;
            }
            let keep = store.backup_keep()?;
            Output::new(
                &serde_json::json!({ "keep": keep }),
                format!("The backups folder keeps the newest {keep}\n"),
            )
        }
        _ => unreachable!("clap requires a subcommand"),
    }
}
