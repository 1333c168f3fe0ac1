//! Writes the TypeScript declarations of every type the desktop shell sends to or receives
//! from the UI into `ui/src/ipc/bindings/`, with the kind schema as `schema.json`.
//! `make bindings` runs this; CI runs it and fails
//! if the committed files differ (drift between Rust and TypeScript is a bug).

use std::path::Path;

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
use kith::export::{ChartExport, ChartFormat, ExportOptions, ExportSummary};
use kith::import::{
    BatchSummary, ImportOptions, ImportReport, Preview, Progress, RecleanOptions, RecleanReport,
    UndoReport,
};
use kith::model::KindSchema;
use kith::store::{
    BackupList, CustomerFigures, DuplicateGroup, FlaggedPage, MergeReport, MetricColumn,
    RestoreReport, ReviewValue, StoredRun, TargetReport,
};
use kith::store::{DealStage, SavedView};
use kith::tickets::{ClosedTicket, TicketQueue};
use kith::today::Today;
use kith::workspace::{WorkspaceChoice, WorkspaceInfo};
use kith::{Change, EntityRecord, ErrorReport, ListQuery, Page, Related, SearchHit, TimelineItem};
use ts_rs::{Config, TS};

#[test]
fn export_typescript_bindings() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/ipc/bindings");
    if dir.exists() {
        for entry in std::fs::read_dir(&dir).expect("read bindings dir") {
            let path = entry.expect("dir entry").path();
            if path.extension().is_some_and(|e| e == "ts") {
                std::fs::remove_file(path).expect("remove stale binding");
            }
        }
    }
    let cfg = Config::new().with_large_int("number").with_out_dir(&dir);
    KindSchema::export_all(&cfg).expect("export KindSchema");
    EntityRecord::export_all(&cfg).expect("export EntityRecord");
    ListQuery::export_all(&cfg).expect("export ListQuery");
    Page::export_all(&cfg).expect("export Page");
    SearchHit::export_all(&cfg).expect("export SearchHit");
    Change::export_all(&cfg).expect("export Change");
    TimelineItem::export_all(&cfg).expect("export TimelineItem");
    Related::export_all(&cfg).expect("export Related");
    WorkspaceInfo::export_all(&cfg).expect("export WorkspaceInfo");
    WorkspaceChoice::export_all(&cfg).expect("export WorkspaceChoice");
    ErrorReport::export_all(&cfg).expect("export ErrorReport");
    ImportOptions::export_all(&cfg).expect("export ImportOptions");
    ImportReport::export_all(&cfg).expect("export ImportReport");
    Preview::export_all(&cfg).expect("export Preview");
    Progress::export_all(&cfg).expect("export Progress");
    BatchSummary::export_all(&cfg).expect("export BatchSummary");
    UndoReport::export_all(&cfg).expect("export UndoReport");
    DuplicateGroup::export_all(&cfg).expect("export DuplicateGroup");
    MergeReport::export_all(&cfg).expect("export MergeReport");
    ExportOptions::export_all(&cfg).expect("export ExportOptions");
    ExportSummary::export_all(&cfg).expect("export ExportSummary");
    // Values an import kept for review, and re-cleaning them.
    FlaggedPage::export_all(&cfg).expect("export FlaggedPage");
    ReviewValue::export_all(&cfg).expect("export ReviewValue");
    RecleanOptions::export_all(&cfg).expect("export RecleanOptions");
    RecleanReport::export_all(&cfg).expect("export RecleanReport");
    // Backups.
    BackupList::export_all(&cfg).expect("export BackupList");
    RestoreReport::export_all(&cfg).expect("export RestoreReport");
    // Analytics: each report with the types it is made of.
    RfmView::export_all(&cfg).expect("export RfmView");
    SegmentView::export_all(&cfg).expect("export SegmentView");
    ValueReport::export_all(&cfg).expect("export ValueReport");
    ScoreView::export_all(&cfg).expect("export ScoreView");
    Forecast::export_all(&cfg).expect("export Forecast");
    SatisfactionView::export_all(&cfg).expect("export SatisfactionView");
    Kpis::export_all(&cfg).expect("export Kpis");
    CustomerFigures::export_all(&cfg).expect("export CustomerFigures");
    StoredFigures::export_all(&cfg).expect("export StoredFigures");
    MetricColumn::export_all(&cfg).expect("export MetricColumn");
    TargetReport::export_all(&cfg).expect("export TargetReport");
    ChartExport::export_all(&cfg).expect("export ChartExport");
    ChartFormat::export_all(&cfg).expect("export ChartFormat");
    Language::export_all(&cfg).expect("export Language");
    RefreshProgress::export_all(&cfg).expect("export RefreshProgress");
    RefreshSummary::export_all(&cfg).expect("export RefreshSummary");
    StoredRun::export_all(&cfg).expect("export StoredRun");
    DealScoreView::export_all(&cfg).expect("export DealScoreView");
    ScoreRules::export_all(&cfg).expect("export ScoreRules");
    // A day's work.
    Today::export_all(&cfg).expect("export Today");
    DealBoard::export_all(&cfg).expect("export DealBoard");
    DealStage::export_all(&cfg).expect("export DealStage");
    SavedView::export_all(&cfg).expect("export SavedView");
    TicketQueue::export_all(&cfg).expect("export TicketQueue");
    ClosedTicket::export_all(&cfg).expect("export ClosedTicket");
    // Campaigns.
    CampaignReport::export_all(&cfg).expect("export CampaignReport");
    CampaignMembers::export_all(&cfg).expect("export CampaignMembers");
    MemberSources::export_all(&cfg).expect("export MemberSources");
    MemberSource::export_all(&cfg).expect("export MemberSource");
    AddMembersReport::export_all(&cfg).expect("export AddMembersReport");
    MemberExport::export_all(&cfg).expect("export MemberExport");
    // The schema itself, for the UI's browser-only mock backend and its tests: generated, so
    // the mock can never describe fields the engine does not have.
    let schema = serde_json::to_string_pretty(&kith::model::schema()).expect("schema as JSON");
    std::fs::write(dir.join("schema.json"), schema + "\n").expect("write schema.json");
    assert!(
        dir.join("EntityRecord.ts").exists(),
        "bindings were written to {dir:?}"
    );
    // The names of the desktop shell's commands, from its handler list: the UI can only ask
    // for a command that exists.
    let shell =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/src/lib.rs"))
            .expect("read the shell's command list");
    let names = commands_of(&shell);
    assert!(
        names.len() > 40 && names.contains(&"import_run".to_string()),
        "{names:?}"
    );
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    std::fs::write(
        dir.join("Command.ts"),
        format!(
            "// This file was generated from the desktop shell's handler list \
             (src-tauri/src/lib.rs). Do not edit this file manually.\n\n\
             /** The name of a command the desktop shell answers. */\n\
             export type Command = {};\n\n\
             /** Every command, in the order the shell registers them. */\n\
             export const COMMANDS: readonly Command[] = [{}];\n",
            quoted.join(" | "),
            quoted.join(", ")
        ),
    )
    .expect("write Command.ts");
}

/// The command names in `tauri::generate_handler![commands::a, commands::b, …]`.
fn commands_of(shell: &str) -> Vec<String> {
    let start = shell
        .find("generate_handler![")
        .expect("the shell registers its commands with generate_handler!");
    let list = &shell[start + "generate_handler![".len()..];
    let list = &list[..list.find(']').expect("the handler list ends")];
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.rsplit("::").next().unwrap_or(s).to_string())
        .collect()
}
