//! The desktop shell. Logic-free: every command parses its arguments, calls one engine
//! function on the open store, and maps the engine's error to `{ code, message, issues }`.
//! Commands run off the main thread (`async`), so SQLite work never freezes the window.

mod calls;
mod chosen;
mod commands;
mod crashlog;
#[cfg(test)]
mod record;
mod startup;
mod webview;

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;

use kith::Store;
use kith::workspace::resolve_db_path;

/// The open database, or why it could not be opened (shown by the UI on every call).
pub struct AppState {
    store: Mutex<Result<Store, kith::ErrorReport>>,
    /// Set by `import_cancel`; the running import stops and rolls back.
    cancel: AtomicBool,
    /// Held by the analytics refresh running (on its own connection): one at a time.
    refreshing: Mutex<()>,
    /// The files chosen in this session's dialogs: the only paths commands accept.
    chosen: chosen::Chosen,
    /// When the app started, for the startup report (`startup_report`).
    startup: startup::Startup,
    /// The day's first backup, begun once the first screen is up (`startup_report`).
    backup: std::sync::Arc<startup::DeferredBackup>,
}

/// The database named on the command line (`--db PATH` or `--db=PATH`), as the CLI takes it.
fn db_argument(mut args: impl Iterator<Item = String>) -> Option<PathBuf> {
    while let Some(arg) = args.next() {
        if arg == "--db" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = arg.strip_prefix("--db=") {
            return Some(PathBuf::from(path));
        }
    }
    None
}

/// Starts the app on `--db PATH`, else `$KITH_DB`, else the default database.
pub fn run() {
    // First of all, while this is the one thread: without a GPU, WebKit's compositing off.
    webview::draw_without_compositing();
    let startup = startup::Startup::from_env();
    let path = resolve_db_path(db_argument(std::env::args().skip(1)));
    let store = Store::open(&path).map(|mut s| {
        s.set_origin("app");
        s
    });
    if let Err(e) = &store {
        eprintln!("kith: cannot open {}: {e}", path.display());
    }
    crashlog::install(crashlog::log_path(&path));
    // The daily backup, when the newest is older than a day: on a connection of its own,
    // once the window has shown its first screen.
    let own = store.as_ref().ok().and_then(|s| s.reopen().ok().flatten());
    let backup = startup::DeferredBackup::new(own);
    tauri::Builder::default()
        // The system's own notifications: a task falling due while the window is hidden.
        .plugin(tauri_plugin_notification::init())
        .setup(|app| {
            if let Some(window) = tauri::Manager::get_webview_window(app, "main") {
                webview::fit_to_gpu(&window);
            }
            // A write waiting for another Kith (a CLI import, a second window) says so.
            let handle = app.handle().clone();
            kith::store::on_writer_wait(move || {
                let _ = tauri::Emitter::emit(&handle, "writer-wait", ());
            });
            Ok(())
        })
        .manage(AppState {
            store: Mutex::new(store.map_err(|e| e.report())),
            cancel: AtomicBool::new(false),
            refreshing: Mutex::new(()),
            chosen: chosen::Chosen::default(),
            startup,
            backup,
        })
        .invoke_handler(tauri::generate_handler![
            commands::schema,
            commands::workspace_info,
            commands::workspace_choose,
            commands::record_list,
            commands::record_get,
            commands::record_create,
            commands::record_update,
            commands::record_delete,
            commands::search,
            commands::history,
            commands::timeline,
            commands::related,
            commands::record_tag,
            commands::record_untag,
            commands::dialog_open,
            commands::dialog_save,
            commands::import_preview,
            commands::import_run,
            commands::import_cancel,
            commands::import_list,
            commands::import_undo,
            commands::import_save_rows,
            commands::mapping_save,
            commands::review_list,
            commands::review_record,
            commands::review_reclean,
            commands::duplicates_find,
            commands::merge,
            commands::export,
            commands::dashboard_charts,
            commands::dashboard_kpis,
            commands::analyze_rfm,
            commands::analyze_segments,
            commands::analyze_clv,
            commands::analyze_scores,
            commands::analyze_all,
            commands::analyze_report,
            commands::analyze_deal_score,
            commands::analyze_rules,
            commands::analyze_rules_set,
            commands::analyze_rules_reset,
            commands::analyze_forecast,
            commands::analyze_satisfaction,
            commands::customer_figures,
            commands::analyze_target,
            commands::chart,
            commands::chart_export,
            commands::backup_list,
            commands::backup_create,
            commands::backup_restore,
            commands::backup_keep,
            commands::today,
            commands::task_done,
            commands::task_follow_up,
            commands::deal_board,
            commands::view_list,
            commands::view_save,
            commands::view_delete,
            commands::deal_stages,
            commands::deal_stages_set,
            commands::ticket_queue,
            commands::ticket_close,
            commands::campaign_report,
            commands::campaign_members,
            commands::campaign_sources,
            commands::campaign_add_members,
            commands::campaign_respond,
            commands::campaign_export_members,
            commands::startup_report,
        ])
        .run(tauri::generate_context!())
        .expect("the Tauri runtime failed to start");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_that_panics_fails_alone_and_is_logged() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("kith.db");
        let log = crashlog::log_path(&db);
        crashlog::install(log.clone());
        let state = AppState {
            store: Mutex::new(Ok(Store::open(&db).unwrap())),
            cancel: AtomicBool::new(false),
            refreshing: Mutex::new(()),
            chosen: chosen::Chosen::default(),
            startup: startup::Startup::from_env(),
            backup: startup::DeferredBackup::new(None),
        };
        let ann = kith::Input::from([("first_name".to_string(), "Ann".to_string())]);
        let failed = commands::with_store(&state, |s| -> kith::Result<()> {
            s.set_origin("import:half-done");
            s.create_record(kith::Kind::Contact, &ann)?;
            s.write(|_| -> kith::Result<()> { panic!("a bug in the middle of a write") })
        })
        .unwrap_err();
        assert_eq!(failed.code, kith::ErrorCode::Internal);
        assert!(
            failed.message.contains("a bug in the middle of a write")
                && failed.message.contains(&log.display().to_string()),
            "the error says what failed and where the details are: {}",
            failed.message
        );
        // The next command is answered, on a store that is whole: what was written before
        // the panic stays, and later writes are the app's again.
        let record = commands::with_store(&state, |s| s.create_record(kith::Kind::Contact, &ann))
            .expect("the next command works");
        let history = commands::with_store(&state, |s| s.history(&record.id)).unwrap();
        assert!(history.iter().all(|c| c.origin == "app"), "{history:?}");
        let count = commands::with_store(&state, |s| s.counts()).unwrap();
        assert_eq!(
            count
                .iter()
                .find(|(k, _)| *k == kith::Kind::Contact)
                .unwrap()
                .1,
            2
        );
        let logged = std::fs::read_to_string(&log).unwrap();
        assert!(
            logged.contains("a bug in the middle of a write"),
            "{logged}"
        );
        assert!(
            logged.contains("a_command_that_panics"),
            "with its backtrace: {logged}"
        );
        assert_eq!(
            kith::files::shared_bits(&log).unwrap(),
            0,
            "the log is 0600"
        );
    }

    #[test]
    fn the_database_can_be_named_on_the_command_line() {
        let args = |a: &[&str]| {
            a.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .into_iter()
        };
        assert_eq!(
            db_argument(args(&["--db", "/tmp/a.db"])),
            Some(PathBuf::from("/tmp/a.db"))
        );
        assert_eq!(
            db_argument(args(&["--verbose", "--db=/tmp/b.db"])),
            Some(PathBuf::from("/tmp/b.db"))
        );
        assert_eq!(
            db_argument(args(&[])),
            None,
            "no flag: KITH_DB or the default"
        );
        assert_eq!(
            db_argument(args(&["--db"])),
            None,
            "a flag without a path names nothing"
        );
    }
}
