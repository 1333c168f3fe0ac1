//! What each command does on the open store, without Tauri: the commands in `commands.rs`
//! check their paths, pick the connection and map the error; the body is here, so the
//! recorder of the UI's answers (`record.rs`) runs exactly what the app runs.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use chrono::{NaiveDate, NaiveDateTime, Utc};
use kith::analytics::charts::Language;
use kith::analytics::dashboard::{self, ChartOptions, Kpis};
use kith::analytics::{
    DealScoreView, Forecast, RefreshProgress, RefreshSummary, RfmView, SatisfactionView,
    ScoreRules, ScoreView, SegmentView, StoredFigures, ValueOptions, ValueReport,
};
use kith::board::{BoardOptions, DealBoard};
use kith::campaigns::{
    AddMembersReport, CampaignMembers, CampaignReport, MemberExport, MemberSource, MemberSources,
};
use kith::export::{ChartExport, ExportOptions, ExportSummary};
use kith::import::mapping::ColumnMap;
use kith::import::{
    BatchSummary, ImportOptions, ImportReport, Preview, Progress, RecleanOptions, RecleanReport,
    ReviewValue, UndoReport,
};
use kith::model::KindSchema;
use kith::store::{
    BackupInfo, BackupList, DealStage, DuplicateGroup, FlaggedPage, MergeReport, MetricColumn,
    RestoreReport, SavedView, StoredRun, TargetReport,
};
use kith::tickets::{ClosedTicket, QueueOptions, TicketQueue};
use kith::today::{Today, TodayOptions};
use kith::workspace::{WorkspaceChoice, WorkspaceInfo};
use kith::{
    Change, EntityRecord, Input, Kind, ListQuery, Page, Related, Result, SearchHit, Store,
    TimelineItem,
};

pub fn schema() -> Vec<KindSchema> {
    kith::model::schema()
}

pub fn workspace_info(s: &mut Store) -> Result<WorkspaceInfo> {
    s.workspace_info()
}

pub fn workspace_choose(s: &mut Store, choice: WorkspaceChoice) -> Result<WorkspaceInfo> {
    s.choose_workspace(choice)
}

pub fn record_list(s: &mut Store, kind: Kind, query: &ListQuery) -> Result<Page> {
    s.list_records(kind, query)
}

pub fn record_get(s: &mut Store, kind: Kind, id: &str) -> Result<EntityRecord> {
    s.get_record(kind, id)
}

pub fn record_create(s: &mut Store, kind: Kind, input: &Input) -> Result<EntityRecord> {
    s.create_record(kind, input)
}

pub fn record_update(s: &mut Store, kind: Kind, id: &str, input: &Input) -> Result<EntityRecord> {
    s.update_record(kind, id, input)
}

pub fn record_delete(s: &mut Store, kind: Kind, id: &str) -> Result<()> {
    s.delete_record(kind, id)
}

pub fn search(
    s: &mut Store,
    query: &str,
    limit: usize,
    kinds: Option<&[Kind]>,
) -> Result<Vec<SearchHit>> {
    s.search(query, limit, kinds)
}

pub fn history(s: &mut Store, id: &str) -> Result<Vec<Change>> {
    s.history(id)
}

pub fn timeline(s: &mut Store, kind: Kind, id: &str) -> Result<Vec<TimelineItem>> {
    s.timeline(kind, id)
}

pub fn related(s: &mut Store, kind: Kind, id: &str) -> Result<Related> {
    s.related(kind, id)
}

pub fn record_tag(s: &mut Store, kind: Kind, id: &str, tag: &str) -> Result<EntityRecord> {
    s.tag_record(kind, id, tag)
}

pub fn record_untag(s: &mut Store, kind: Kind, id: &str, tag: &str) -> Result<EntityRecord> {
    s.untag_record(kind, id, tag)
}

pub fn import_preview(
    s: &mut Store,
    path: &Path,
    kind: Kind,
    options: &ImportOptions,
) -> Result<Preview> {
    kith::import::preview(s, path, kind, options)
}

pub fn import_run(
    s: &mut Store,
    path: &Path,
    kind: Kind,
    options: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
    cancel: &AtomicBool,
) -> Result<ImportReport> {
    kith::import::run(s, path, kind, options, progress, cancel)
}

pub fn import_list(s: &mut Store) -> Result<Vec<BatchSummary>> {
    s.import_batches()
}

pub fn import_undo(s: &mut Store, batch: &str) -> Result<UndoReport> {
    s.undo_import(batch)
}

pub fn import_save_rows(s: &mut Store, batch: &str, path: &Path) -> Result<u64> {
    kith::import::save_batch_rows(s, batch, path)
}

pub fn mapping_save(s: &mut Store, kind: Kind, name: &str, mapping: &[ColumnMap]) -> Result<()> {
    kith::import::save_mapping(s, kind, name, mapping)
}

pub fn review_list(s: &mut Store, kind: Option<Kind>, limit: usize) -> Result<FlaggedPage> {
    s.flagged(kind, limit)
}

pub fn review_record(s: &mut Store, id: &str) -> Result<Vec<ReviewValue>> {
    s.record_flags(id)
}

pub fn review_reclean(
    s: &mut Store,
    kind: Option<Kind>,
    options: &RecleanOptions,
) -> Result<RecleanReport> {
    kith::import::reclean(s, kind, options)
}

pub fn duplicates_find(s: &mut Store, kind: Kind) -> Result<Vec<DuplicateGroup>> {
    s.find_duplicates(kind)
}

pub fn merge(s: &mut Store, kind: Kind, ids: &[String]) -> Result<MergeReport> {
    s.merge_records(kind, ids)
}

pub fn export(
    s: &mut Store,
    kind: Kind,
    path: &Path,
    options: &ExportOptions,
) -> Result<ExportSummary> {
    kith::export::export(s, kind, path, options)
}

pub fn dashboard_charts() -> Vec<(&'static str, &'static str)> {
    dashboard::CHARTS.to_vec()
}

pub fn dashboard_kpis(s: &mut Store, as_of: Option<NaiveDate>) -> Result<Kpis> {
    dashboard::kpis(s, as_of)
}

pub fn analyze_rfm(s: &mut Store, as_of: Option<NaiveDate>) -> Result<RfmView> {
    kith::analytics::rfm_scores(s, as_of)
}

pub fn analyze_segments(
    s: &mut Store,
    as_of: Option<NaiveDate>,
    k: Option<usize>,
) -> Result<SegmentView> {
    kith::analytics::customer_segments(s, as_of, k)
}

pub fn analyze_clv(
    s: &mut Store,
    as_of: Option<NaiveDate>,
    monthly_discount_rate: Option<f64>,
) -> Result<ValueReport> {
    let opts = ValueOptions {
        as_of,
        monthly_discount_rate: monthly_discount_rate.unwrap_or(0.0),
    };
    kith::analytics::customer_value(s, &opts)
}

pub fn analyze_scores(s: &mut Store, as_of: Option<NaiveDate>) -> Result<ScoreView> {
    kith::analytics::lead_scores(s, as_of)
}

pub fn analyze_all(
    s: &mut Store,
    as_of: Option<NaiveDate>,
    progress: &mut dyn FnMut(&RefreshProgress),
) -> Result<RefreshSummary> {
    kith::analytics::refresh(s, as_of, progress)
}

pub fn analyze_report(s: &mut Store, name: &str) -> Result<Option<StoredRun>> {
    kith::analytics::stored_report(s, name)
}

pub fn analyze_rules(s: &mut Store) -> Result<ScoreRules> {
    kith::analytics::score_rules(s)
}

pub fn analyze_rules_set(s: &mut Store, points: &BTreeMap<String, i32>) -> Result<ScoreRules> {
    kith::analytics::set_rule_points(s, points)
}

pub fn analyze_rules_reset(s: &mut Store) -> Result<ScoreRules> {
    kith::analytics::reset_rule_points(s)
}

pub fn analyze_deal_score(s: &mut Store, deal_id: &str) -> Result<Option<DealScoreView>> {
    kith::analytics::deal_score(s, deal_id)
}

pub fn analyze_forecast(s: &mut Store, as_of: Option<NaiveDate>) -> Result<Forecast> {
    kith::analytics::forecast(s, as_of)
}

pub fn analyze_satisfaction(
    s: &mut Store,
    as_of: Option<NaiveDate>,
    recent_days: u32,
) -> Result<SatisfactionView> {
    kith::analytics::satisfaction_report(s, as_of, recent_days)
}

pub fn customer_figures(s: &mut Store, contact_id: &str) -> Result<Option<StoredFigures>> {
    kith::analytics::stored_figures(s, contact_id)
}

pub fn analyze_target(
    s: &mut Store,
    campaign_id: &str,
    column: MetricColumn,
    value: &str,
) -> Result<TargetReport> {
    s.target_campaign(campaign_id, column, value)
}

/// Chart options from a command's arguments: the period, the size in pixels and the language
/// of the chart's words (English when not given).
fn chart_options(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    width: Option<u32>,
    height: Option<u32>,
    language: Option<Language>,
) -> ChartOptions {
    ChartOptions {
        from,
        to,
        size: width.zip(height),
        language: language.unwrap_or_default(),
    }
}

pub fn chart(
    s: &mut Store,
    name: &str,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    width: Option<u32>,
    height: Option<u32>,
    language: Option<Language>,
) -> Result<String> {
    let opts = chart_options(from, to, width, height, language);
    dashboard::chart_svg(s, name, &opts)
}

pub fn chart_export(
    s: &mut Store,
    name: &str,
    path: &Path,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    language: Option<Language>,
) -> Result<ChartExport> {
    let opts = chart_options(from, to, None, None, language);
    kith::export::export_chart(s, name, path, &opts)
}

pub fn backup_list(s: &mut Store) -> Result<BackupList> {
    s.backup_list()
}

pub fn backup_create(s: &mut Store) -> Result<BackupInfo> {
    s.backup(None, "manual")
}

pub fn backup_restore(s: &mut Store, name: &str) -> Result<RestoreReport> {
    s.restore_named(name)
}

pub fn backup_keep(s: &mut Store, keep: usize) -> Result<BackupList> {
    s.set_backup_keep(keep)?;
    s.backup_list()
}

/// Today at wall time `now`, where the clocks are `utc_offset_minutes` ahead of UTC.
pub fn today(
    s: &mut Store,
    now: NaiveDateTime,
    upcoming_days: Option<u32>,
    utc_offset_minutes: i32,
) -> Result<Today> {
    let opts = TodayOptions {
        upcoming_days: upcoming_days.unwrap_or(TodayOptions::default().upcoming_days),
        utc_offset_minutes,
        ..TodayOptions::default()
    };
    kith::today::today(s, now, &opts)
}

pub fn task_done(s: &mut Store, id: &str) -> Result<EntityRecord> {
    kith::today::complete_task(s, id, Utc::now())
}

pub fn task_follow_up(s: &mut Store, id: &str, days: u32, day: NaiveDate) -> Result<EntityRecord> {
    kith::today::follow_up_task(s, id, days, day, Utc::now())
}

pub fn deal_board(s: &mut Store, day: NaiveDate) -> Result<DealBoard> {
    kith::board::deal_board(s, day, &BoardOptions::default())
}

pub fn view_list(s: &mut Store) -> Result<Vec<SavedView>> {
    s.views()
}

pub fn view_save(s: &mut Store, kind: Kind, name: &str, query: &ListQuery) -> Result<SavedView> {
    s.save_view(kind, name, query)
}

pub fn view_delete(s: &mut Store, id: &str) -> Result<()> {
    s.delete_view(id)
}

pub fn deal_stages(s: &mut Store) -> Result<Vec<DealStage>> {
    s.deal_stages()
}

pub fn deal_stages_set(s: &mut Store, stages: &[DealStage]) -> Result<Vec<DealStage>> {
    s.set_deal_stages(stages)
}

/// The queue at wall time `now`, where the clocks are `utc_offset_minutes` ahead of UTC.
pub fn ticket_queue(
    s: &mut Store,
    now: NaiveDateTime,
    utc_offset_minutes: i32,
) -> Result<TicketQueue> {
    let opts = QueueOptions {
        utc_offset_minutes,
        ..QueueOptions::default()
    };
    kith::tickets::ticket_queue(s, now, &opts)
}

pub fn ticket_close(
    s: &mut Store,
    id: &str,
    rating: Option<i64>,
    comment: Option<&str>,
) -> Result<ClosedTicket> {
    kith::tickets::ticket_close(s, id, rating, comment)
}

pub fn campaign_report(s: &mut Store, id: &str) -> Result<CampaignReport> {
    kith::campaigns::campaign_report(s, id)
}

pub fn campaign_members(
    s: &mut Store,
    id: &str,
    offset: usize,
    limit: usize,
) -> Result<CampaignMembers> {
    kith::campaigns::campaign_members(s, id, offset, limit)
}

pub fn campaign_sources(s: &mut Store) -> Result<MemberSources> {
    kith::campaigns::member_sources(s)
}

pub fn campaign_add_members(
    s: &mut Store,
    id: &str,
    source: &MemberSource,
) -> Result<AddMembersReport> {
    kith::campaigns::add_members(s, id, source)
}

pub fn campaign_respond(
    s: &mut Store,
    member_id: &str,
    status: &str,
    response: Option<&str>,
) -> Result<EntityRecord> {
    kith::campaigns::record_response(s, member_id, status, None, response, Utc::now())
}

pub fn campaign_export_members(
    s: &mut Store,
    id: &str,
    path: &Path,
    bom: bool,
) -> Result<MemberExport> {
    kith::campaigns::export_members(s, id, path, bom)
}
