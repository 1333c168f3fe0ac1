//! The desktop shell. Logic-free: every command parses its arguments, calls one engine
//! function on the open store, and maps the engine's error to `{ code, message, issues }`.
//! Commands run off the main thread (`async`), so SQLite work never freezes the window.

mod commands;

use std::sync::Mutex;
use std::sync::atomic::AtomicBool;

use kith::Store;
use kith::workspace::resolve_db_path;

/// The open database, or why it could not be opened (shown by the UI on every call).
pub struct AppState {
    store: Mutex<Result<Store, kith::ErrorReport>>,
    /// Set by `import_cancel`; the running import stops and rolls back.
    cancel: AtomicBool,
}

/// Starts the app on `$KITH_DB` or the default database.
pub fn run() {
    let path = resolve_db_path(None);
    let store = Store::open(&path).map(|mut s| {
        s.set_origin("app");
        s
    });
    if let Err(e) = &store {
        eprintln!("kith: cannot open {}: {e}", path.display());
    }
    tauri::Builder::default()
        .manage(AppState {
            store: Mutex::new(store.map_err(|e| e.report())),
            cancel: AtomicBool::new(false),
        })
        .invoke_handler(tauri::generate_handler![
            commands::schema,
            commands::workspace_info,
            commands::choose_workspace,
            commands::list_records,
            commands::get_record,
            commands::create_record,
            commands::update_record,
            commands::delete_record,
            commands::search,
            commands::history,
            commands::timeline,
            commands::tag_record,
            commands::untag_record,
            commands::pick_import_file,
            commands::pick_save_file,
            commands::import_preview,
            commands::import_run,
            commands::import_cancel,
            commands::import_batches,
            commands::import_undo,
            commands::import_save_rows,
            commands::save_mapping,
            commands::find_duplicates,
            commands::merge_records,
            commands::export_records,
        ])
        .run(tauri::generate_context!())
        .expect("the Tauri runtime failed to start");
}
