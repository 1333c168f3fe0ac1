//! `kith view list|save|delete`: lists saved under a name (the app's sidebar shows them).

use clap::{Arg, ArgAction, ArgMatches, Command};
use kith::store::SavedView;
use kith::{Error, Kind, ListQuery, Store};

use crate::{Output, filters, table, where_arg};

pub fn view_command() -> Command {
    Command::new("view")
        .about("Saved views: a list's filters and order under a name")
        .subcommand_required(true)
        .subcommand(Command::new("list").about("Every saved view"))
        .subcommand(
            Command::new("save")
                .about("Save a filtered list as a view (a view of that name is replaced)")
                .arg(Arg::new("kind").required(true).value_name("KIND"))
                .arg(Arg::new("name").required(true).value_name("NAME"))
                .arg(where_arg())
                .arg(
                    Arg::new("text")
                        .long("text")
                        .help("Only records whose name contains this"),
                )
                .arg(Arg::new("sort").long("sort").value_name("FIELD"))
                .arg(Arg::new("desc").long("desc").action(ArgAction::SetTrue)),
        )
        .subcommand(
            Command::new("delete")
                .about("Delete a saved view")
                .arg(Arg::new("id").required(true).value_name("ID")),
        )
}

pub fn run_view(store: &mut Store, m: &ArgMatches) -> Result<Output, Error> {
    match m.subcommand() {
        Some(("save", m)) => {
            let kind: Kind = m
                .get_one::<String>("kind")
                .map_or("", String::as_str)
                .parse()?;
            let query = ListQuery {
                text: m.get_one::<String>("text").cloned(),
                sort: m.get_one::<String>("sort").cloned(),
                desc: m.get_flag("desc"),
                filters: filters(m)?,
                ..ListQuery::default()
            };
            let name = m.get_one::<String>("name").map_or("", String::as_str);
            let view = store.save_view(kind, name, &query)?;
            let text = format!("Saved view {} ({})\n", view.name, view.id);
            Output::new(&view, text)
        }
        Some(("delete", m)) => {
            let id = m.get_one::<String>("id").map_or("", String::as_str);
            store.delete_view(id)?;
            Output::new(
                &serde_json::json!({ "deleted": id }),
                format!("Deleted view {id}\n"),
            )
        }
        _ => {
            let views = store.views()?;
            let text = views_text(&views);
            Output::new(&views, text)
        }
    }
}

fn views_text(views: &[SavedView]) -> String {
    if views.is_empty() {
        return "No saved views.\n".into();
    }
    let headers = ["Kind", "Name", "Filters", "Id"].map(String::from);
    let rows: Vec<Vec<String>> = views
        .iter()
        .map(|v| {
            let filters: Vec<String> = v
                .query
                .filters
                .iter()
                .map(|(k, x)| format!("{k}={x}"))
                .collect();
            vec![
                v.kind.to_string(),
                v.name.clone(),
                filters.join(" "),
                v.id.clone(),
            ]
        })
        .collect();
    table(&headers, &rows)
}
