//! Tauri commands: one engine call each, named after it.

// Tauri hands commands their arguments and `State` by value; borrowing is not an option.
#![allow(clippy::needless_pass_by_value)]

use kith::model::KindSchema;
use kith::workspace::{WorkspaceChoice, WorkspaceInfo};
use kith::{
    Change, EntityRecord, ErrorCode, ErrorReport, Input, Kind, ListQuery, Page, SearchHit, Store,
    TimelineItem,
};
use tauri::State;

use crate::AppState;

type Reply<T> = Result<T, ErrorReport>;

/// Runs `f` on the open store, mapping engine errors for the UI.
fn with_store<T>(state: &AppState, f: impl FnOnce(&mut Store) -> kith::Result<T>) -> Reply<T> {
    let mut guard = state.store.lock().map_err(|_| ErrorReport {
        code: ErrorCode::Internal,
        message: "an earlier command failed while holding the database; restart Kith".into(),
        issues: Vec::new(),
    })?;
    let store = guard.as_mut().map_err(|e| e.clone())?;
    f(store).map_err(|e| e.report())
}

#[tauri::command(async)]
pub fn schema() -> Vec<KindSchema> {
    kith::model::schema()
}

#[tauri::command(async)]
pub fn workspace_info(state: State<'_, AppState>) -> Reply<WorkspaceInfo> {
    with_store(&state, |s| s.workspace_info())
}

#[tauri::command(async)]
pub fn choose_workspace(
    state: State<'_, AppState>,
    choice: WorkspaceChoice,
) -> Reply<WorkspaceInfo> {
    with_store(&state, |s| s.choose_workspace(choice))
}

#[tauri::command(async)]
pub fn list_records(state: State<'_, AppState>, kind: Kind, query: ListQuery) -> Reply<Page> {
    with_store(&state, |s| s.list_records(kind, &query))
}

#[tauri::command(async)]
pub fn get_record(state: State<'_, AppState>, kind: Kind, id: String) -> Reply<EntityRecord> {
    with_store(&state, |s| s.get_record(kind, &id))
}

#[tauri::command(async)]
pub fn create_record(state: State<'_, AppState>, kind: Kind, input: Input) -> Reply<EntityRecord> {
    with_store(&state, |s| s.create_record(kind, &input))
}

#[tauri::command(async)]
pub fn update_record(
    state: State<'_, AppState>,
    kind: Kind,
    id: String,
    input: Input,
) -> Reply<EntityRecord> {
    with_store(&state, |s| s.update_record(kind, &id, &input))
}

#[tauri::command(async)]
pub fn delete_record(state: State<'_, AppState>, kind: Kind, id: String) -> Reply<()> {
    with_store(&state, |s| s.delete_record(kind, &id))
}

#[tauri::command(async)]
pub fn search(
    state: State<'_, AppState>,
    query: String,
    limit: usize,
    kinds: Option<Vec<Kind>>,
) -> Reply<Vec<SearchHit>> {
    with_store(&state, |s| s.search(&query, limit, kinds.as_deref()))
}

#[tauri::command(async)]
pub fn history(state: State<'_, AppState>, id: String) -> Reply<Vec<Change>> {
    with_store(&state, |s| s.history(&id))
}

#[tauri::command(async)]
pub fn timeline(state: State<'_, AppState>, kind: Kind, id: String) -> Reply<Vec<TimelineItem>> {
    with_store(&state, |s| s.timeline(kind, &id))
}

#[tauri::command(async)]
pub fn tag_record(
    state: State<'_, AppState>,
    kind: Kind,
    id: String,
    tag: String,
) -> Reply<EntityRecord> {
    with_store(&state, |s| s.tag_record(kind, &id, &tag))
}

#[tauri::command(async)]
pub fn untag_record(
    state: State<'_, AppState>,
    kind: Kind,
    id: String,
    tag: String,
) -> Reply<EntityRecord> {
    with_store(&state, |s| s.untag_record(kind, &id, &tag))
}
