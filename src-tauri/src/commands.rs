//! Tauri commands: one engine call each, named after it. What a command does on the store is
//! in `calls.rs`; here are the paths the user chose, the connection and the error mapping.

// Tauri hands commands their arguments and `State` by value; borrowing is not an option.
#![allow(clippy::needless_pass_by_value)]

use kith::model::KindSchema;
use kith::workspace::{WorkspaceChoice, WorkspaceInfo};
use kith::{
    Change, EntityRecord, ErrorCode, ErrorReport, Input, Kind, ListQuery, Page, Related, SearchHit,
    Store, TimelineItem,
};
use std::panic::AssertUnwindSafe;
use std::sync::PoisonError;
use std::sync::atomic::Ordering;

use chrono::NaiveDate;
use kith::analytics::charts::Language;
use kith::analytics::dashboard::Kpis;
use kith::analytics::{
    DealScoreView, Forecast, RefreshProgress, RefreshSummary, RfmView, SatisfactionView,
    ScoreRules, ScoreView, SegmentView, StoredFigures, ValueReport,
};
use kith::board::DealBoard;
use kith::campaigns::{
    AddMembersReport, CampaignMembers, CampaignReport, MemberExport, MemberSource, MemberSources,
};
use kith::export::{ChartExport, ExportOptions, ExportSummary};
use kith::import::mapping::ColumnMap;
use kith::import::{
    BatchSummary, ImportOptions, ImportReport, Preview, RecleanOptions, RecleanReport, ReviewValue,
    UndoReport,
};
use kith::store::{
    BackupInfo, BackupList, DealStage, DuplicateGroup, FlaggedPage, MergeReport, MetricColumn,
    RestoreReport, SavedView, StoredRun, TargetReport,
};
use kith::tickets::{ClosedTicket, TicketQueue};
use kith::today::Today;
use tauri::{Emitter, Manager, State};

use crate::AppState;
use crate::calls;
use crate::chosen::Purpose;

type Reply<T> = Result<T, ErrorReport>;

/// Runs `f` on the open store, mapping engine errors for the UI. A panic inside `f` becomes
/// this command's error (see [`crate::crashlog`]); its write rolled back as it unwound, and
/// the store goes on with a new connection, so the next command is answered as usual.
pub(crate) fn with_store<T>(
    state: &AppState,
    f: impl FnOnce(&mut Store) -> kith::Result<T>,
) -> Reply<T> {
    // The lock is never poisoned by a panic in `f` (it is caught below, while the guard is
    // held); should anything else have poisoned it, the store inside is still whole.
    let mut guard = state.store.lock().unwrap_or_else(PoisonError::into_inner);
    let store = guard.as_mut().map_err(|e| e.clone())?;
    match std::panic::catch_unwind(AssertUnwindSafe(|| f(store))) {
        Ok(result) => result.map_err(|e| e.report()),
        Err(panic) => {
            // A command that panicked may have left settings of the connection half-set (an
            // import's origin and page cache): start over with a new one.
            if let Ok(Some(mut fresh)) = store.reopen() {
                fresh.set_origin("app");
                *store = fresh;
            }
            Err(crate::crashlog::report(panic.as_ref()))
        }
    }
}

/// Runs a long write (an import, its undo, a merge) on a connection of its own, so every
/// other command keeps answering meanwhile (SQLite lets them read; a write waits its turn).
/// In memory there is one connection, and `f` runs on it.
fn with_own_store<T>(state: &AppState, f: impl FnOnce(&mut Store) -> kith::Result<T>) -> Reply<T> {
    match with_store(state, |s| s.reopen())? {
        Some(mut own) => match std::panic::catch_unwind(AssertUnwindSafe(|| f(&mut own))) {
            Ok(result) => result.map_err(|e| e.report()),
            Err(panic) => Err(crate::crashlog::report(panic.as_ref())),
        },
        None => with_store(state, f),
    }
}

#[tauri::command(async)]
pub fn schema() -> Vec<KindSchema> {
    calls::schema()
}

#[tauri::command(async)]
pub fn workspace_info(state: State<'_, AppState>) -> Reply<WorkspaceInfo> {
    with_store(&state, calls::workspace_info)
}

#[tauri::command(async)]
pub fn workspace_choose(
    state: State<'_, AppState>,
    choice: WorkspaceChoice,
) -> Reply<WorkspaceInfo> {
    with_store(&state, |s| calls::workspace_choose(s, choice))
}

#[tauri::command(async)]
pub fn record_list(state: State<'_, AppState>, kind: Kind, query: ListQuery) -> Reply<Page> {
    with_store(&state, |s| calls::record_list(s, kind, &query))
}

#[tauri::command(async)]
pub fn record_get(state: State<'_, AppState>, kind: Kind, id: String) -> Reply<EntityRecord> {
    with_store(&state, |s| calls::record_get(s, kind, &id))
}

#[tauri::command(async)]
pub fn record_create(state: State<'_, AppState>, kind: Kind, input: Input) -> Reply<EntityRecord> {
    with_store(&state, |s| calls::record_create(s, kind, &input))
}

#[tauri::command(async)]
pub fn record_update(
    state: State<'_, AppState>,
    kind: Kind,
    id: String,
    input: Input,
) -> Reply<EntityRecord> {
    with_store(&state, |s| calls::record_update(s, kind, &id, &input))
}

#[tauri::command(async)]
pub fn record_delete(state: State<'_, AppState>, kind: Kind, id: String) -> Reply<()> {
    with_store(&state, |s| calls::record_delete(s, kind, &id))
}

#[tauri::command(async)]
pub fn search(
    state: State<'_, AppState>,
    query: String,
    limit: usize,
    kinds: Option<Vec<Kind>>,
) -> Reply<Vec<SearchHit>> {
    with_store(&state, |s| {
        calls::search(s, &query, limit, kinds.as_deref())
    })
}

#[tauri::command(async)]
pub fn history(state: State<'_, AppState>, id: String) -> Reply<Vec<Change>> {
    with_store(&state, |s| calls::history(s, &id))
}

#[tauri::command(async)]
pub fn timeline(state: State<'_, AppState>, kind: Kind, id: String) -> Reply<Vec<TimelineItem>> {
    with_store(&state, |s| calls::timeline(s, kind, &id))
}

/// The people, companies and records related to a contact or company.
#[tauri::command(async)]
pub fn related(state: State<'_, AppState>, kind: Kind, id: String) -> Reply<Related> {
    with_store(&state, |s| calls::related(s, kind, &id))
}

#[tauri::command(async)]
pub fn record_tag(
    state: State<'_, AppState>,
    kind: Kind,
    id: String,
    tag: String,
) -> Reply<EntityRecord> {
    with_store(&state, |s| calls::record_tag(s, kind, &id, &tag))
}

#[tauri::command(async)]
pub fn record_untag(
    state: State<'_, AppState>,
    kind: Kind,
    id: String,
    tag: String,
) -> Reply<EntityRecord> {
    with_store(&state, |s| calls::record_untag(s, kind, &id, &tag))
}

// ---- Import, export, duplicates ----

/// Shows a native "open file" dialog for spreadsheets; `None` when the user cancels. The file
/// chosen is the only kind of path `import_preview` and `import_run` accept.
#[tauri::command]
pub async fn dialog_open(app: tauri::AppHandle) -> Reply<Option<String>> {
    dialog(app, Purpose::Read, |d| {
        d.add_filter(
            "Spreadsheets and contacts",
            &["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods", "vcf"],
        )
        .add_filter("All files", &["*"])
        .pick_file()
    })
    .await
}

/// Shows a native "save as" dialog; `None` when the user cancels. The file chosen is the only
/// kind of path the commands that write a file accept.
#[tauri::command]
pub async fn dialog_save(
    app: tauri::AppHandle,
    name: String,
    extension: String,
) -> Reply<Option<String>> {
    dialog(app, Purpose::Write, move |d| {
        d.set_file_name(&name)
            .add_filter(extension.to_uppercase(), &[extension.as_str()])
            .save_file()
    })
    .await
}

/// Runs a native file dialog on the main thread (GTK wants it there) and waits for it; the
/// file chosen is recorded as chosen for `purpose` (see [`crate::chosen`]).
async fn dialog(
    app: tauri::AppHandle,
    purpose: Purpose,
    f: impl FnOnce(rfd::FileDialog) -> Option<std::path::PathBuf> + Send + 'static,
) -> Reply<Option<String>> {
    let picked = match crate::chosen::test_answer() {
        Some(answer) => answer,
        None => {
            let (tx, rx) = std::sync::mpsc::channel();
            app.run_on_main_thread(move || {
                let _ = tx.send(f(rfd::FileDialog::new()));
            })
            .map_err(|e| internal(e.to_string()))?;
            tauri::async_runtime::spawn_blocking(move || rx.recv().ok().flatten())
                .await
                .map_err(|e| internal(e.to_string()))?
        }
    };
    let state = app.state::<AppState>();
    Ok(picked.map(|p| {
        let shown = p.display().to_string();
        state.chosen.record(p, purpose);
        shown
    }))
}

fn internal(message: String) -> ErrorReport {
    ErrorReport {
        code: ErrorCode::Internal,
        message,
        issues: Vec::new(),
        file: None,
        io: None,
    }
}

#[tauri::command(async)]
pub fn import_preview(
    state: State<'_, AppState>,
    path: String,
    kind: Kind,
    options: ImportOptions,
) -> Reply<Preview> {
    let path = state.chosen.get(&path, Purpose::Read)?;
    with_store(&state, |s| calls::import_preview(s, &path, kind, &options))
}

/// Runs an import (or a dry run), sending `import-progress` events; `import_cancel` stops it.
#[tauri::command(async)]
pub fn import_run(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    path: String,
    kind: Kind,
    options: ImportOptions,
) -> Reply<ImportReport> {
    let path = state.chosen.get(&path, Purpose::Read)?;
    if let Some(rejects) = &options.rejects {
        state
            .chosen
            .get(&rejects.display().to_string(), Purpose::Write)?;
    }
    state.cancel.store(false, Ordering::Relaxed);
    with_own_store(&state, |s| {
        calls::import_run(
            s,
            &path,
            kind,
            &options,
            &mut |p| {
                let _ = app.emit("import-progress", p);
            },
            &state.cancel,
        )
    })
}

#[tauri::command(async)]
pub fn import_cancel(state: State<'_, AppState>) {
    state.cancel.store(true, Ordering::Relaxed);
}

#[tauri::command(async)]
pub fn import_list(state: State<'_, AppState>) -> Reply<Vec<BatchSummary>> {
    with_store(&state, calls::import_list)
}

#[tauri::command(async)]
pub fn import_undo(state: State<'_, AppState>, batch: String) -> Reply<UndoReport> {
    with_own_store(&state, |s| calls::import_undo(s, &batch))
}

/// Saves a batch's skipped and rejected rows (original cells and the reason) as CSV.
#[tauri::command(async)]
pub fn import_save_rows(state: State<'_, AppState>, batch: String, path: String) -> Reply<u64> {
    let path = state.chosen.get(&path, Purpose::Write)?;
    with_store(&state, |s| calls::import_save_rows(s, &batch, &path))
}

#[tauri::command(async)]
pub fn mapping_save(
    state: State<'_, AppState>,
    kind: Kind,
    name: String,
    mapping: Vec<ColumnMap>,
) -> Reply<()> {
    with_store(&state, |s| calls::mapping_save(s, kind, &name, &mapping))
}

// ---- Values kept for review ----

/// Values imports kept as written for review (of one kind, or all): the first `limit`, and
/// the totals.
#[tauri::command(async)]
pub fn review_list(
    state: State<'_, AppState>,
    kind: Option<Kind>,
    limit: usize,
) -> Reply<FlaggedPage> {
    with_store(&state, |s| calls::review_list(s, kind, limit))
}

/// The values kept for review of one record.
#[tauri::command(async)]
pub fn review_record(state: State<'_, AppState>, id: String) -> Reply<Vec<ReviewValue>> {
    with_store(&state, |s| calls::review_record(s, &id))
}

/// Cleans the kept values again with a default country and date order; writes what cleans.
#[tauri::command(async)]
pub fn review_reclean(
    state: State<'_, AppState>,
    kind: Option<Kind>,
    options: RecleanOptions,
) -> Reply<RecleanReport> {
    with_store(&state, |s| calls::review_reclean(s, kind, &options))
}

#[tauri::command(async)]
pub fn duplicates_find(state: State<'_, AppState>, kind: Kind) -> Reply<Vec<DuplicateGroup>> {
    with_store(&state, |s| calls::duplicates_find(s, kind))
}

#[tauri::command(async)]
pub fn merge(state: State<'_, AppState>, kind: Kind, ids: Vec<String>) -> Reply<MergeReport> {
    with_own_store(&state, |s| calls::merge(s, kind, &ids))
}

#[tauri::command(async)]
pub fn export(
    state: State<'_, AppState>,
    kind: Kind,
    path: String,
    options: ExportOptions,
) -> Reply<ExportSummary> {
    let path = state.chosen.get(&path, Purpose::Write)?;
    with_store(&state, |s| calls::export(s, kind, &path, &options))
}

// ---- Analytics and the dashboard ----
// Each analysis can take a second or more on a large workspace: like every command here they
// run off the main thread, so the window stays responsive while they work.

/// The dashboard's charts: (name, title), in the order the dashboard shows them.
#[tauri::command(async)]
pub fn dashboard_charts() -> Vec<(&'static str, &'static str)> {
    calls::dashboard_charts()
}

#[tauri::command(async)]
pub fn dashboard_kpis(state: State<'_, AppState>, as_of: Option<NaiveDate>) -> Reply<Kpis> {
    with_store(&state, |s| calls::dashboard_kpis(s, as_of))
}

#[tauri::command(async)]
pub fn analyze_rfm(state: State<'_, AppState>, as_of: Option<NaiveDate>) -> Reply<RfmView> {
    with_store(&state, |s| calls::analyze_rfm(s, as_of))
}

#[tauri::command(async)]
pub fn analyze_segments(
    state: State<'_, AppState>,
    as_of: Option<NaiveDate>,
    k: Option<usize>,
) -> Reply<SegmentView> {
    with_store(&state, |s| calls::analyze_segments(s, as_of, k))
}

#[tauri::command(async)]
pub fn analyze_clv(
    state: State<'_, AppState>,
    as_of: Option<NaiveDate>,
    monthly_discount_rate: Option<f64>,
) -> Reply<ValueReport> {
    with_store(&state, |s| {
        calls::analyze_clv(s, as_of, monthly_discount_rate)
    })
}

#[tauri::command(async)]
pub fn analyze_scores(state: State<'_, AppState>, as_of: Option<NaiveDate>) -> Reply<ScoreView> {
    with_store(&state, |s| calls::analyze_scores(s, as_of))
}

/// Reruns every stored analysis (RFM, segments, lifetime value, lead scores), emitting
/// `analytics-progress` as it goes. It runs on a connection of its own, so every other
/// command (lists, records, the dashboard's stored figures) keeps answering meanwhile; one
/// refresh runs at a time.
#[tauri::command(async)]
pub fn analyze_all(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    as_of: Option<NaiveDate>,
) -> Reply<RefreshSummary> {
    let _one_at_a_time = state.refreshing.lock().unwrap_or_else(|e| e.into_inner());
    let mut emit = |p: &RefreshProgress| {
        let _ = app.emit("analytics-progress", p);
    };
    with_own_store(&state, |s| calls::analyze_all(s, as_of, &mut emit))
}

/// The last stored run of an analysis (`rfm`, `segments`, `clv`, `scores`), without rerunning it.
#[tauri::command(async)]
pub fn analyze_report(state: State<'_, AppState>, name: String) -> Reply<Option<StoredRun>> {
    with_store(&state, |s| calls::analyze_report(s, &name))
}

/// The rule-based lead score's rules with their points.
#[tauri::command(async)]
pub fn analyze_rules(state: State<'_, AppState>) -> Reply<ScoreRules> {
    with_store(&state, calls::analyze_rules)
}

/// Sets the points of some rules (rule id → points); all or nothing.
#[tauri::command(async)]
pub fn analyze_rules_set(
    state: State<'_, AppState>,
    points: std::collections::BTreeMap<String, i32>,
) -> Reply<ScoreRules> {
    with_store(&state, |s| calls::analyze_rules_set(s, &points))
}

/// Puts every rule back to its default points.
#[tauri::command(async)]
pub fn analyze_rules_reset(state: State<'_, AppState>) -> Reply<ScoreRules> {
    with_store(&state, calls::analyze_rules_reset)
}

/// A deal's stored lead score with its factors.
#[tauri::command(async)]
pub fn analyze_deal_score(
    state: State<'_, AppState>,
    deal_id: String,
) -> Reply<Option<DealScoreView>> {
    with_store(&state, |s| calls::analyze_deal_score(s, &deal_id))
}

#[tauri::command(async)]
pub fn analyze_forecast(state: State<'_, AppState>, as_of: Option<NaiveDate>) -> Reply<Forecast> {
    with_store(&state, |s| calls::analyze_forecast(s, as_of))
}

#[tauri::command(async)]
pub fn analyze_satisfaction(
    state: State<'_, AppState>,
    as_of: Option<NaiveDate>,
    recent_days: u32,
) -> Reply<SatisfactionView> {
    with_store(&state, |s| {
        calls::analyze_satisfaction(s, as_of, recent_days)
    })
}

#[tauri::command(async)]
pub fn customer_figures(
    state: State<'_, AppState>,
    contact_id: String,
) -> Reply<Option<StoredFigures>> {
    with_store(&state, |s| calls::customer_figures(s, &contact_id))
}

#[tauri::command(async)]
pub fn analyze_target(
    state: State<'_, AppState>,
    campaign_id: String,
    column: MetricColumn,
    value: String,
) -> Reply<TargetReport> {
    with_store(&state, |s| {
        calls::analyze_target(s, &campaign_id, column, &value)
    })
}

/// The chart `name` as an SVG document, its words in `language` (`"en"`, the default, or
/// `"zh"`).
#[tauri::command(async)]
pub fn chart(
    state: State<'_, AppState>,
    name: String,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    width: Option<u32>,
    height: Option<u32>,
    language: Option<Language>,
) -> Reply<String> {
    with_store(&state, |s| {
        calls::chart(s, &name, from, to, width, height, language)
    })
}

/// Saves the chart `name` to `path` (from `dialog_save`) as SVG or PNG, by its extension, its
/// words in `language` (`"en"`, the default, or `"zh"`).
#[tauri::command(async)]
pub fn chart_export(
    state: State<'_, AppState>,
    name: String,
    path: String,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    language: Option<Language>,
) -> Reply<ChartExport> {
    let path = state.chosen.get(&path, Purpose::Write)?;
    with_store(&state, |s| {
        calls::chart_export(s, &name, &path, from, to, language)
    })
}

/// The backups folder, its setting and its backups, newest first.
#[tauri::command(async)]
pub fn backup_list(state: State<'_, AppState>) -> Reply<BackupList> {
    with_store(&state, calls::backup_list)
}

/// Backs the database up into the backups folder now.
#[tauri::command(async)]
pub fn backup_create(state: State<'_, AppState>) -> Reply<BackupInfo> {
    with_store(&state, calls::backup_create)
}

/// Restores the backup of that file name in the backups folder (the current database is
/// backed up first).
#[tauri::command(async)]
pub fn backup_restore(state: State<'_, AppState>, name: String) -> Reply<RestoreReport> {
    with_store(&state, |s| calls::backup_restore(s, &name))
}

/// Sets how many backups the folder keeps.
#[tauri::command(async)]
pub fn backup_keep(state: State<'_, AppState>, keep: usize) -> Reply<BackupList> {
    with_store(&state, |s| calls::backup_keep(s, keep))
}

/// The day's work at the user's wall time `now`: open tasks by when they fall due, and
/// suggestions with their reasons.
#[tauri::command(async)]
pub fn today(
    state: State<'_, AppState>,
    now: chrono::NaiveDateTime,
    upcoming_days: Option<u32>,
) -> Reply<Today> {
    // The window sends its wall time; this computer says how far that is from UTC.
    let offset = kith::walltime::local_offset_minutes(now);
    with_store(&state, |s| calls::today(s, now, upcoming_days, offset))
}

/// Marks a task done.
#[tauri::command(async)]
pub fn task_done(state: State<'_, AppState>, id: String) -> Reply<EntityRecord> {
    with_store(&state, |s| calls::task_done(s, &id))
}

/// Marks a task done and adds its follow-up, due `days` after the user's `day`.
#[tauri::command(async)]
pub fn task_follow_up(
    state: State<'_, AppState>,
    id: String,
    days: u32,
    day: NaiveDate,
) -> Reply<EntityRecord> {
    with_store(&state, |s| calls::task_follow_up(s, &id, days, day))
}

/// The deal board on the user's `day`: a column per stage with its figures and cards, and the
/// weighted pipeline.
#[tauri::command(async)]
pub fn deal_board(state: State<'_, AppState>, day: NaiveDate) -> Reply<DealBoard> {
    with_store(&state, |s| calls::deal_board(s, day))
}

/// Every saved view (a list's filters and order under a name), by kind then name.
#[tauri::command(async)]
pub fn view_list(state: State<'_, AppState>) -> Reply<Vec<SavedView>> {
    with_store(&state, calls::view_list)
}

/// Saves a list's filters and order as the view `name` of `kind` (a view of that name is
/// replaced); refused when the list would refuse them.
#[tauri::command(async)]
pub fn view_save(
    state: State<'_, AppState>,
    kind: Kind,
    name: String,
    query: ListQuery,
) -> Reply<SavedView> {
    with_store(&state, |s| calls::view_save(s, kind, &name, &query))
}

/// Deletes a saved view.
#[tauri::command(async)]
pub fn view_delete(state: State<'_, AppState>, id: String) -> Reply<()> {
    with_store(&state, |s| calls::view_delete(s, &id))
}

/// The deal stages in pipeline order: names, probabilities, whether each is in use.
#[tauri::command(async)]
pub fn deal_stages(state: State<'_, AppState>) -> Reply<Vec<DealStage>> {
    with_store(&state, calls::deal_stages)
}

/// Sets up the deal stages (every stage, in the new order); answers them as saved. Deals that
/// had an open stage's old probability take its new one.
#[tauri::command(async)]
pub fn deal_stages_set(
    state: State<'_, AppState>,
    stages: Vec<DealStage>,
) -> Reply<Vec<DealStage>> {
    with_store(&state, |s| calls::deal_stages_set(s, &stages))
}

/// The ticket queue at the user's wall time `now`: a column per status with its tickets, their
/// targets and overdue marks, and the service's figures.
#[tauri::command(async)]
pub fn ticket_queue(state: State<'_, AppState>, now: chrono::NaiveDateTime) -> Reply<TicketQueue> {
    let offset = kith::walltime::local_offset_minutes(now);
    with_store(&state, |s| calls::ticket_queue(s, now, offset))
}

/// Closes a ticket, keeping the customer's `rating` (1–5) and `comment` as survey feedback.
#[tauri::command(async)]
pub fn ticket_close(
    state: State<'_, AppState>,
    id: String,
    rating: Option<i64>,
    comment: Option<String>,
) -> Reply<ClosedTicket> {
    with_store(&state, |s| {
        calls::ticket_close(s, &id, rating, comment.as_deref())
    })
}

/// The UI's first screen is drawn and takes input (`ui/src/lib/startup.ts`). Prints
/// `kith-ready MS` on stdout the first time, when `KITH_REPORT_READY` asked for it (the startup
/// benchmark, the package test); does nothing otherwise. No engine call: only the shell knows
/// when the window started.
#[tauri::command(async)]
pub fn startup_report(state: State<'_, AppState>) {
    state.backup.start();
    if let Some(line) = state.startup.ready_line() {
        println!("{line}");
    }
}

// ---- Campaigns ----

/// What campaign `id` brought: members, responses, conversions, revenue, cost per conversion
/// and ROI, by the engine's attribution rule.
#[tauri::command(async)]
pub fn campaign_report(state: State<'_, AppState>, id: String) -> Reply<CampaignReport> {
    with_store(&state, |s| calls::campaign_report(s, &id))
}

/// A page of campaign `id`'s members, responses first.
#[tauri::command(async)]
pub fn campaign_members(
    state: State<'_, AppState>,
    id: String,
    offset: usize,
    limit: usize,
) -> Reply<CampaignMembers> {
    with_store(&state, |s| calls::campaign_members(s, &id, offset, limit))
}

/// The segments, clusters and contact tags members can be added from.
#[tauri::command(async)]
pub fn campaign_sources(state: State<'_, AppState>) -> Reply<MemberSources> {
    with_store(&state, calls::campaign_sources)
}

/// Adds the contacts a segment, cluster, tag or list names to campaign `id`.
#[tauri::command(async)]
pub fn campaign_add_members(
    state: State<'_, AppState>,
    id: String,
    source: MemberSource,
) -> Reply<AddMembersReport> {
    with_store(&state, |s| calls::campaign_add_members(s, &id, &source))
}

/// Records a member's response (status, now, and what they said).
#[tauri::command(async)]
pub fn campaign_respond(
    state: State<'_, AppState>,
    member_id: String,
    status: String,
    response: Option<String>,
) -> Reply<EntityRecord> {
    with_store(&state, |s| {
        calls::campaign_respond(s, &member_id, &status, response.as_deref())
    })
}

/// Writes campaign `id`'s members as CSV for a mail tool to a file the user chose in the save
/// dialog.
#[tauri::command(async)]
pub fn campaign_export_members(
    state: State<'_, AppState>,
    id: String,
    path: String,
    bom: bool,
) -> Reply<MemberExport> {
    let path = state.chosen.get(&path, Purpose::Write)?;
    with_store(&state, |s| {
        calls::campaign_export_members(s, &id, &path, bom)
    })
}
