//! `kith import`, `kith export`, `kith review`, `kith duplicates` and `kith merge`.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use clap::{Arg, ArgAction, ArgMatches, Command, value_parser};
use kith::export::{self, ExportFormat, ExportOptions};
use kith::import::mapping::{self, SavedMapping};
use kith::import::{self, ImportOptions, ImportReport, OnDuplicate};
use kith::{Error, Kind, ListQuery, Store};

use crate::{Output, filters, table, where_arg};

/// The `import` command and its subcommands.
pub fn import_command() -> Command {
    Command::new("import")
        .about("Import a CSV, Excel (xlsx, xls, ods) or vCard file; `import list`, `import undo`")
        .args_conflicts_with_subcommands(true)
        .subcommand_negates_reqs(true)
        .arg(Arg::new("kind").required(true).value_name("KIND").help(
            "What the rows are: contact, company, deal, order, activity, ticket, feedback",
        ))
        .arg(
            Arg::new("file")
                .required(true)
                .value_name("FILE")
                .value_parser(value_parser!(PathBuf)),
        )
        .arg(Arg::new("sheet").long("sheet").value_name("NAME").help("Workbook sheet to read"))
        .arg(
            Arg::new("encoding")
                .long("encoding")
                .value_name("ENC")
                .help("Text encoding (default: detected), e.g. utf-8, gbk, big5, shift_jis, windows-1252, utf-16le"),
        )
        .arg(
            Arg::new("delimiter")
                .long("delimiter")
                .value_name("C")
                .help("Field delimiter (default: detected); 'tab' for tabs"),
        )
        .arg(
            Arg::new("header-row")
                .long("header-row")
                .value_name("N")
                .value_parser(value_parser!(u64))
                .help("Line or row of the header (default: detected)"),
        )
        .arg(
            Arg::new("mapping")
                .long("mapping")
                .value_name("FILE|NAME")
                .help("Column mapping: a JSON file {\"Header\": \"field\", …} or a saved mapping's name"),
        )
        .arg(
            Arg::new("save-mapping")
                .long("save-mapping")
                .value_name("NAME")
                .help("Save the mapping used under this name"),
        )
        .arg(
            Arg::new("default-country")
                .long("default-country")
                .value_name("CC")
                .help("Country for phone numbers without +prefix and for the order of numeric dates (ISO code: CN, DE, US …; default: the system's locale)"),
        )
        .arg(
            Arg::new("date-format")
                .long("date-format")
                .value_name("FMT")
                .help("Order of numeric dates: DMY, MDY or YMD (default: what the file's dates decide, else the default country's convention)"),
        )
        .arg(
            Arg::new("on-duplicate")
                .long("on-duplicate")
                .value_name("POLICY")
                .default_value("merge")
                .help("merge (update the matching record), skip, or create"),
        )
        .arg(
            Arg::new("dry-run")
                .long("dry-run")
                .action(ArgAction::SetTrue)
                .help("Report what would happen; write nothing"),
        )
        .arg(
            Arg::new("rejects")
                .long("rejects")
                .value_name("OUT.csv")
                .value_parser(value_parser!(PathBuf))
                .help("Write skipped and rejected rows (original cells + reason) to this CSV"),
        )
        .subcommand(Command::new("list").about("Past imports, newest first"))
        .subcommand(
            Command::new("undo")
                .about("Undo an import: remove what it created, restore what it changed")
                .arg(Arg::new("batch").required(true).value_name("BATCH")),
        )
        .subcommand(
            Command::new("rejects")
                .about("Save a past import's skipped and rejected rows as CSV")
                .arg(Arg::new("batch").required(true).value_name("BATCH"))
                .arg(
                    Arg::new("out")
                        .required(true)
                        .value_name("OUT.csv")
                        .value_parser(value_parser!(PathBuf)),
                ),
        )
}

/// The `export`, `duplicates` and `merge` commands.
pub fn other_commands() -> Vec<Command> {
    vec![
        Command::new("export")
            .about("Export records as CSV, XLSX or vCard")
            .arg(Arg::new("kind").required(true).value_name("KIND"))
            .arg(
                Arg::new("out")
                    .required(true)
                    .value_name("OUT")
                    .value_parser(value_parser!(PathBuf)),
            )
            .arg(
                Arg::new("format")
                    .long("format")
                    .value_name("csv|xlsx|vcf")
                    .help("Default: from the file name, else csv"),
            )
            .arg(
                Arg::new("bom")
                    .long("bom")
                    .action(ArgAction::SetTrue)
                    .help("Start the CSV with a UTF-8 byte-order mark (for Excel)"),
            )
            .arg(
                Arg::new("text")
                    .long("text")
                    .help("Only records whose name contains this"),
            )
            .arg(where_arg()),
        Command::new("duplicates")
            .about("Find contacts (or companies) that look like the same one")
            .arg(Arg::new("kind").default_value("contact").value_name("KIND")),
        Command::new("review")
            .about("Values imports kept as written for review (a phone without its country, a date Kith could not read)")
            .arg(
                Arg::new("kind")
                    .long("kind")
                    .value_name("KIND")
                    .global(true)
                    .help("Only records of this kind"),
            )
            .subcommand(Command::new("list").about("The kept values (the default)"))
            .subcommand(
                Command::new("reclean")
                    .about("Read the kept values again with a country or date format; write those that now clean")
                    .arg(
                        Arg::new("default-country")
                            .long("default-country")
                            .value_name("CC")
                            .help("Country for phones without +prefix, where the record names none (default: the system's locale)"),
                    )
                    .arg(
                        Arg::new("date-format")
                            .long("date-format")
                            .value_name("FMT")
                            .help("Order of numeric dates: DMY, MDY or YMD"),
                    ),
            ),
        Command::new("merge")
            .about("Merge records into the first: its fields win, nothing is lost")
            .arg(
                Arg::new("ids")
                    .required(true)
                    .num_args(2..)
                    .value_name("ID"),
            ),
    ]
}

/// `--default-country`, else the country of the system's locale.
fn default_country(m: &ArgMatches) -> Option<String> {
    text_arg(m, "default-country").or_else(import::country::system_country)
}

fn date_format(m: &ArgMatches) -> Result<Option<import::clean::DateOrder>, Error> {
    text_arg(m, "date-format")
        .map(|f| f.parse())
        .transpose()
        .map_err(|e: String| Error::invalid("date-format", e))
}

fn text_arg(m: &ArgMatches, name: &str) -> Option<String> {
    m.get_one::<String>(name).cloned()
}

fn delimiter(text: &str) -> Result<char, Error> {
    match text {
        "tab" | "\\t" | "\t" => Ok('\t'),
        t if t.chars().count() == 1 => Ok(t.chars().next().unwrap_or(',')),
        t => Err(Error::invalid(
            "delimiter",
            format!("'{t}' is not one character (use tab for tabs)"),
        )),
    }
}

/// Reads `--mapping`: a JSON file (header → target, or a saved mapping document) or the
/// name of a mapping saved in the database.
fn mapping_arg(
    store: &Store,
    kind: Kind,
    path: &Path,
    arg: &str,
    opts: &ImportOptions,
) -> Result<ImportOptions, Error> {
    let mut opts = opts.clone();
    let file = Path::new(arg);
    if !file.exists() {
        opts.mapping_name = Some(arg.to_string());
        return Ok(opts);
    }
    let text = std::fs::read_to_string(file).map_err(|source| Error::Io {
        path: arg.to_string(),
        source,
    })?;
    let doc: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| Error::invalid("mapping", format!("{arg}: not JSON ({e})")))?;
    let columns_doc = doc.get("columns").cloned().unwrap_or(doc);
    let columns: BTreeMap<String, String> = serde_json::from_value(columns_doc).map_err(|e| {
        Error::invalid(
            "mapping",
            format!("{arg}: expected {{\"Header\": \"field\", …}} ({e})"),
        )
    })?;
    let headers = import::preview(store, path, kind, &opts)?.source.headers;
    let saved = SavedMapping {
        name: arg.to_string(),
        kind,
        columns,
    };
    opts.mapping = Some(
        mapping::apply_saved(kind, &headers, &saved)
            .map_err(|issues| Error::Validation { issues })?,
    );
    Ok(opts)
}

fn report_text(r: &ImportReport) -> String {
    let s = &r.source;
    let mut out = format!("{} ({:?}", r.file, s.format);
    if let Some(e) = &s.encoding {
        let how = if s.encoding_detected {
            "detected"
        } else {
            "chosen"
        };
        out.push_str(&format!(", {e} {how}"));
    }
    if let Some(d) = s.delimiter {
        let shown = if d == '\t' {
            "tab".to_string()
        } else {
            format!("'{d}'")
        };
        out.push_str(&format!(", delimiter {shown}"));
    }
    if let Some(sheet) = &s.sheet {
        out.push_str(&format!(", sheet '{sheet}'"));
    }
    out.push_str(&format!(", header on line {}", s.header_row));
    if let Some(e) = &r.export {
        out.push_str(&format!(", looks like a {e} export"));
    }
    out.push_str(")\n\nColumns:\n");
    let rows: Vec<Vec<String>> = r
        .mapping
        .iter()
        .map(|c| {
            vec![
                c.header.clone(),
                c.target.clone(),
                format!("{:?}", c.source).to_lowercase(),
            ]
        })
        .collect();
    out.push_str(&table(&["Column", "Field", "How"].map(String::from), &rows));
    for d in &r.dates {
        let order = d
            .order
            .map_or("undecided".to_string(), |o| format!("{o:?}").to_uppercase());
        out.push_str(&format!("Dates in '{}': {order}\n", d.header));
    }
    for w in &r.warnings {
        out.push_str(&format!("warning: {w}\n"));
    }
    for n in &r.notes {
        out.push_str(&format!("note: {n}\n"));
    }
    let c = &r.counts;
    let verb = if r.dry_run {
        "Dry run (nothing written)"
    } else {
        "Imported"
    };
    out.push_str(&format!(
        "\n{verb}: {} rows = {} created + {} updated + {} merged + {} skipped + {} rejected \
         ({:.0} rows/s)\n",
        c.rows, c.created, c.updated, c.merged, c.skipped, c.rejected, r.rows_per_sec
    ));
    if c.flagged > 0 {
        out.push_str(&format!(
            "{} of them with values kept as written for review (kith review list)\n",
            c.flagged
        ));
    }
    for l in &r.linked {
        out.push_str(&format!(
            "Also created {} {} to link rows to\n",
            l.created,
            l.kind.def().plural.to_lowercase()
        ));
    }
    let listed: Vec<Vec<String>> = r
        .rows
        .iter()
        .take(30)
        .map(|row| {
            let kept = row
                .review
                .iter()
                .map(|v| format!("{} '{}' kept: {}", v.column, v.raw.trim(), v.reason));
            let why = std::iter::once(row.reason.text.clone())
                .filter(|r| !r.is_empty())
                .chain(kept)
                .collect::<Vec<_>>()
                .join("; ");
            vec![row.line.to_string(), row.outcome.as_str().to_string(), why]
        })
        .collect();
    if !listed.is_empty() {
        out.push('\n');
        out.push_str(&table(
            &["Line", "Outcome", "Why"].map(String::from),
            &listed,
        ));
        let more = r.rows.len().saturating_sub(30) as u64 + r.rows_omitted;
        if more > 0 {
            out.push_str(&format!(
                "… and {more} more (use --rejects OUT.csv or --json)\n"
            ));
        }
    }
    if let Some(b) = &r.batch {
        out.push_str(&format!("\nBatch {b} (undo with: kith import undo {b})\n"));
    }
    out
}

/// Runs `kith import …`.
pub fn run_import(store: &mut Store, m: &ArgMatches) -> Result<Output, Error> {
    match m.subcommand() {
        Some(("list", _)) => {
            let batches = store.import_batches()?;
            let rows: Vec<Vec<String>> = batches
                .iter()
                .map(|b| {
                    let c = &b.counts;
                    vec![
                        b.started_at.clone(),
                        b.id.clone(),
                        b.kind.to_string(),
                        b.file.clone(),
                        format!(
                            "{}/{}/{}/{}/{}",
                            c.created, c.updated, c.merged, c.skipped, c.rejected
                        ),
                        b.status.clone(),
                    ]
                })
                .collect();
            let headers =
                ["When", "Batch", "Kind", "File", "C/U/M/S/R", "Status"].map(String::from);
            let text = if rows.is_empty() {
                "No imports yet\n".to_string()
            } else {
                table(&headers, &rows)
            };
            return Output::new(&batches, text);
        }
        Some(("undo", m)) => {
            let batch = m.get_one::<String>("batch").expect("required");
            let report = store.undo_import(batch)?;
            let mut text = format!(
                "Undid import {batch}: removed {} records, restored {} fields on {} records\n",
                report.removed, report.restored_fields, report.restored_records
            );
            for k in &report.kept {
                text.push_str(&format!("kept {} '{}': {}\n", k.kind, k.title, k.reason));
            }
            return Output::new(&report, text);
        }
        Some(("rejects", m)) => {
            let batch = m.get_one::<String>("batch").expect("required");
            let out = m.get_one::<PathBuf>("out").expect("required");
            let rows = import::save_batch_rows(store, batch, out)?;
            let text = format!("Wrote {rows} rows to {}\n", out.display());
            return Output::new(&serde_json::json!({ "rows": rows, "file": out }), text);
        }
        _ => {}
    }
    let kind: Kind = m.get_one::<String>("kind").expect("required").parse()?;
    let path = m.get_one::<PathBuf>("file").expect("required");
    let mut opts = ImportOptions {
        read: import::read::ReadOptions {
            encoding: text_arg(m, "encoding"),
            delimiter: text_arg(m, "delimiter")
                .map(|d| delimiter(&d))
                .transpose()?,
            sheet: text_arg(m, "sheet"),
            header_row: m.get_one::<u64>("header-row").copied(),
        },
        default_country: default_country(m),
        date_order: date_format(m)?,
        on_duplicate: m
            .get_one::<String>("on-duplicate")
            .expect("defaulted")
            .parse::<OnDuplicate>()
            .map_err(|e| Error::invalid("on-duplicate", e))?,
        dry_run: m.get_flag("dry-run"),
        rejects: m.get_one::<PathBuf>("rejects").cloned(),
        ..ImportOptions::default()
    };
    if let Some(arg) = m.get_one::<String>("mapping") {
        opts = mapping_arg(store, kind, path, arg, &opts)?;
    }
    let terminal = std::io::stderr().is_terminal();
    let cancel = AtomicBool::new(false);
    let report = import::run(
        store,
        path,
        kind,
        &opts,
        &mut |p| {
            let eta = p
                .eta_secs
                .map(|s| format!(", {s:.0} s left"))
                .unwrap_or_default();
            let line = format!(
                "import: {} rows, {:.0}%, {:.0} rows/s{eta}",
                p.rows,
                p.fraction * 100.0,
                p.rows_per_sec
            );
            if terminal {
                eprint!("\r{line}   ");
            }
        },
        &cancel,
    )?;
    if terminal {
        eprintln!();
    }
    if let Some(name) = m.get_one::<String>("save-mapping") {
        import::save_mapping(store, kind, name, &report.mapping)?;
    }
    let text = report_text(&report);
    Output::new(&report, text)
}

/// Runs `kith export`, `kith duplicates` or `kith merge`.
pub fn run_other(store: &mut Store, name: &str, m: &ArgMatches) -> Result<Output, Error> {
    match name {
        "export" => {
            let kind: Kind = m.get_one::<String>("kind").expect("required").parse()?;
            let out = m.get_one::<PathBuf>("out").expect("required");
            let format = match m.get_one::<String>("format") {
                Some(f) => f.parse()?,
                None => ExportFormat::from_path(out).unwrap_or_default(),
            };
            let query = ListQuery {
                text: text_arg(m, "text"),
                filters: filters(m)?,
                ..ListQuery::default()
            };
            let opts = ExportOptions {
                format,
                bom: m.get_flag("bom"),
                query,
            };
            let summary = export::export(store, kind, out, &opts)?;
            let text = format!(
                "Wrote {} {} to {}\n",
                summary.records,
                kind.def().plural.to_lowercase(),
                summary.file
            );
            Output::new(&summary, text)
        }
        "duplicates" => {
            let kind: Kind = m.get_one::<String>("kind").expect("defaulted").parse()?;
            let groups = store.find_duplicates(kind)?;
            let mut text = String::new();
            for g in &groups {
                text.push_str(&format!("{} (score {}):\n", g.reason, g.score));
                for r in &g.records {
                    text.push_str(&format!("  {}  {}\n", r.id, r.title));
                }
            }
            if groups.is_empty() {
                text.push_str("No duplicates found\n");
            } else {
                text.push_str(&format!(
                    "{} groups; merge one with: kith merge ID ID…\n",
                    groups.len()
                ));
            }
            Output::new(&groups, text)
        }
        "review" => {
            let kind = m
                .get_one::<String>("kind")
                .map(|k| k.parse::<Kind>())
                .transpose()?;
            if let Some(("reclean", r)) = m.subcommand() {
                let opts = import::RecleanOptions {
                    default_country: default_country(r),
                    date_order: date_format(r)?,
                };
                let report = import::reclean(store, kind, &opts)?;
                let mut text = String::new();
                for c in &report.cleaned {
                    text.push_str(&format!(
                        "{} '{}': {} '{}' → {}\n",
                        c.kind, c.title, c.field, c.raw, c.value
                    ));
                }
                text.push_str(&format!(
                    "Re-cleaned {} of {} kept values; {} still to review\n",
                    report.cleaned.len(),
                    report.checked,
                    report.still
                ));
                return Output::new(&report, text);
            }
            let page = store.flagged(kind, 1000)?;
            let rows: Vec<Vec<String>> = page
                .items
                .iter()
                .map(|f| {
                    vec![
                        f.kind.to_string(),
                        f.title.clone(),
                        f.field.clone(),
                        f.raw.clone(),
                        f.reason.clone(),
                    ]
                })
                .collect();
            let text = if rows.is_empty() {
                "Nothing to review\n".to_string()
            } else {
                let mut t = table(
                    &["Kind", "Record", "Field", "As written", "Why"].map(String::from),
                    &rows,
                );
                t.push_str(&format!(
                    "{} values on {} records to review; read them again with: kith review \
                     reclean --default-country CC [--date-format DMY|MDY]\n",
                    page.total, page.records
                ));
                t
            };
            Output::new(&page, text)
        }
        "merge" => {
            let ids: Vec<String> = m
                .get_many::<String>("ids")
                .expect("required")
                .cloned()
                .collect();
            let kind = store.kind_of(&ids[0])?;
            let report = store.merge_records(kind, &ids)?;
            let text = format!(
                "Merged {} into {} ({}): {} fields filled, {} linked records moved\n",
                report.merged.join(", "),
                report.winner.title,
                report.winner.id,
                report.filled,
                report.moved
            );
            Output::new(&report, text)
        }
        other => unreachable!("{other} is not a transfer command"),
    }
}
