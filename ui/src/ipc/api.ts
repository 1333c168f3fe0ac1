//! Typed wrapper over the Kith IPC contract. The rest of the UI imports only this module
//! (never `@tauri-apps/*`), so the engine's commands, argument names and error shape live
//! in one file. Every rejection is normalised to `KithError`, whose `dto` is an `ErrorReport`.
//! Engine events (import progress) are subscribed to here too.
import type { Command } from './bindings/Command';
import { call, subscribe } from './transport';
import type { BackupInfo } from './bindings/BackupInfo';
import type { BackupList } from './bindings/BackupList';
import type { BatchSummary } from './bindings/BatchSummary';
import type { RestoreReport } from './bindings/RestoreReport';
import type { ChartExport } from './bindings/ChartExport';
import type { Language } from './bindings/Language';
import type { CustomerFigures } from './bindings/CustomerFigures';
import type { StoredFigures } from './bindings/StoredFigures';
import type { DealScoreView } from './bindings/DealScoreView';
import type { Forecast } from './bindings/Forecast';
import type { Kpis } from './bindings/Kpis';
import type { MetricColumn } from './bindings/MetricColumn';
import type { RefreshProgress } from './bindings/RefreshProgress';
import type { RefreshSummary } from './bindings/RefreshSummary';
import type { RfmView } from './bindings/RfmView';
import type { RowFigures } from './bindings/RowFigures';
import type { RuleView } from './bindings/RuleView';
import type { SatisfactionView } from './bindings/SatisfactionView';
import type { ScoreRules } from './bindings/ScoreRules';
import type { ScoreView } from './bindings/ScoreView';
import type { SegmentView } from './bindings/SegmentView';
import type { StoredRun } from './bindings/StoredRun';
import type { TargetReport } from './bindings/TargetReport';
import type { ValueReport } from './bindings/ValueReport';
import type { Change } from './bindings/Change';
import type { ColumnMap } from './bindings/ColumnMap';
import type { DuplicateGroup } from './bindings/DuplicateGroup';
import type { EntityRecord } from './bindings/EntityRecord';
import type { ErrorCode } from './bindings/ErrorCode';
import type { ErrorReport } from './bindings/ErrorReport';
import type { ExportOptions } from './bindings/ExportOptions';
import type { ExportSummary } from './bindings/ExportSummary';
import type { FieldIssue } from './bindings/FieldIssue';
import type { FlaggedPage } from './bindings/FlaggedPage';
import type { ImportOptions } from './bindings/ImportOptions';
import type { ImportReport } from './bindings/ImportReport';
import type { Kind } from './bindings/Kind';
import type { KindSchema } from './bindings/KindSchema';
import type { ListQuery } from './bindings/ListQuery';
import type { MergeReport } from './bindings/MergeReport';
import type { Page } from './bindings/Page';
import type { Preview } from './bindings/Preview';
import type { Progress } from './bindings/Progress';
import type { RecleanOptions } from './bindings/RecleanOptions';
import type { RecleanReport } from './bindings/RecleanReport';
import type { ReviewValue } from './bindings/ReviewValue';
import type { SearchHit } from './bindings/SearchHit';
import type { TimelineItem } from './bindings/TimelineItem';
import type { Related } from './bindings/Related';
import type { RelatedGroup } from './bindings/RelatedGroup';
import type { RelatedLink } from './bindings/RelatedLink';
import type { Today } from './bindings/Today';
import type { TodayNote } from './bindings/TodayNote';
import type { Said } from './bindings/Said';
import type { ValueNote } from './bindings/ValueNote';
import type { RfmNote } from './bindings/RfmNote';
import type { SegmentNote } from './bindings/SegmentNote';
import type { ClusterName } from './bindings/ClusterName';
import type { SatisfactionNote } from './bindings/SatisfactionNote';
import type { CampaignNote } from './bindings/CampaignNote';
import type { ForecastNote } from './bindings/ForecastNote';
import type { KeptReason } from './bindings/KeptReason';
import type { UndoReason } from './bindings/UndoReason';
import type { DealBoard } from './bindings/DealBoard';
import type { DealStage } from './bindings/DealStage';
import type { SavedView } from './bindings/SavedView';
import type { TicketQueue } from './bindings/TicketQueue';
import type { ClosedTicket } from './bindings/ClosedTicket';
import type { AddMembersReport } from './bindings/AddMembersReport';
import type { CampaignMembers } from './bindings/CampaignMembers';
import type { CampaignReport } from './bindings/CampaignReport';
import type { MemberExport } from './bindings/MemberExport';
import type { MemberSource } from './bindings/MemberSource';
import type { MemberSources } from './bindings/MemberSources';
import type { UndoReport } from './bindings/UndoReport';
import type { WorkspaceChoice } from './bindings/WorkspaceChoice';
import type { WorkspaceInfo } from './bindings/WorkspaceInfo';
import { errorMessage } from './errors';
import { now as clockNow } from '../lib/clock';

export type {
  BackupInfo,
  BackupList,
  RestoreReport,
  BatchSummary,
  ChartExport,
  CustomerFigures,
  StoredFigures,
  DealScoreView,
  Forecast,
  Kpis,
  MetricColumn,
  RefreshProgress,
  RefreshSummary,
  RfmView,
  RowFigures,
  RuleView,
  SatisfactionView,
  ScoreRules,
  ScoreView,
  SegmentView,
  TargetReport,
  ValueReport,
  Change,
  ColumnMap,
  DuplicateGroup,
  EntityRecord,
  ErrorCode,
  ErrorReport,
  ExportOptions,
  ExportSummary,
  FieldIssue,
  FlaggedPage,
  ImportOptions,
  ImportReport,
  Kind,
  KindSchema,
  ListQuery,
  MergeReport,
  Page,
  Preview,
  Progress,
  RecleanOptions,
  RecleanReport,
  ReviewValue,
  SearchHit,
  TimelineItem,
  Related,
  RelatedGroup,
  RelatedLink,
  Today,
  TodayNote,
  Said,
  ValueNote,
  RfmNote,
  SegmentNote,
  ClusterName,
  SatisfactionNote,
  CampaignNote,
  ForecastNote,
  KeptReason,
  UndoReason,
  DealBoard,
  DealStage,
  SavedView,
  TicketQueue,
  ClosedTicket,
  AddMembersReport,
  CampaignMembers,
  CampaignReport,
  MemberExport,
  MemberSource,
  MemberSources,
  UndoReport,
  WorkspaceChoice,
  WorkspaceInfo,
};
export type { ChartFormat } from './bindings/ChartFormat';
export type { Cluster } from './bindings/Cluster';
export type { Counts } from './bindings/Counts';
export type { CustomerValue } from './bindings/CustomerValue';
export type { CustomerRfm } from './bindings/CustomerRfm';
export type { RefreshStep } from './bindings/RefreshStep';
export type { Segment } from './bindings/Segment';
export type { Factor } from './bindings/Factor';
export type { Keyword } from './bindings/Keyword';
export type { ScoredDeal } from './bindings/ScoredDeal';
export type { ScoreMethod } from './bindings/ScoreMethod';
export type { SegmentCount } from './bindings/SegmentCount';
export type { TextSentiment } from './bindings/TextSentiment';
export type { TicketSuggestion } from './bindings/TicketSuggestion';
export type { Suggestion } from './bindings/Suggestion';
export type { BoardCard } from './bindings/BoardCard';
export type { BoardColumn } from './bindings/BoardColumn';
export type { QueueCard } from './bindings/QueueCard';
export type { QueueColumn } from './bindings/QueueColumn';
export type { QueueFigures } from './bindings/QueueFigures';
export type { TicketTarget } from './bindings/TicketTarget';
export type { CampaignMember } from './bindings/CampaignMember';
export type { SourceCount } from './bindings/SourceCount';
export type { StatusCount } from './bindings/StatusCount';
export type { SuggestionKind } from './bindings/SuggestionKind';
export type { DateColumn } from './bindings/DateColumn';
export type { DateOrder } from './bindings/DateOrder';
export type { ExportFormat } from './bindings/ExportFormat';
export type { FieldSchema } from './bindings/FieldSchema';
export type { Flagged } from './bindings/Flagged';
export type { FieldType } from './bindings/FieldType';
export type { Linked } from './bindings/Linked';
export type { MapSource } from './bindings/MapSource';
export type { Match } from './bindings/Match';
export type { MatchBy } from './bindings/MatchBy';
export type { OnDuplicate } from './bindings/OnDuplicate';
export type { Outcome } from './bindings/Outcome';
export type { ReadOptions } from './bindings/ReadOptions';
export type { Recleaned } from './bindings/Recleaned';
export type { RowOverride } from './bindings/RowOverride';
export type { RowReport } from './bindings/RowReport';
export type { RowReason } from './bindings/RowReason';
export type { ReadNote } from './bindings/ReadNote';
export type { ImportNote } from './bindings/ImportNote';
export type { MatchedRecord } from './bindings/MatchedRecord';
export type { CountryCount } from './bindings/CountryCount';
export type { SourceInfo } from './bindings/SourceInfo';
export type { SourceRow } from './bindings/SourceRow';
export type { TargetDef } from './bindings/TargetDef';
export type { UndoNote } from './bindings/UndoNote';
export type { Value } from './bindings/Value';

/** Field values sent to create/update: one string per field, empty string clears it. */
export type RecordInput = { [field: string]: string };

/** Every code the engine sends; typed as a Record so a new code is a compile error here. */
const ERROR_CODES: Record<ErrorCode, true> = {
  not_found: true,
  deleted: true,
  validation: true,
  not_a_database: true,
  too_new: true,
  database: true,
  io: true,
  bad_file: true,
  cancelled: true,
  busy: true,
  internal: true,
};

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

/** An engine error as the UI sees it: the `ErrorReport` plus a normal JS `Error`. */
export class KithError extends Error {
  readonly dto: ErrorReport;

  constructor(dto: ErrorReport) {
    super(dto.message);
    this.name = 'KithError';
    this.dto = dto;
  }

  get code(): ErrorCode {
    return this.dto.code;
  }

  get issues(): FieldIssue[] {
    return this.dto.issues;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isIssue(value: unknown): value is FieldIssue {
  return isRecord(value) && typeof value.field === 'string' && typeof value.reason === 'string';
}

/** A file fault's shape (`FileFault`, `IoFault`): a path and a coded problem. */
function isFault(value: unknown): value is { path: string; problem: { code: string } } {
  return (
    isRecord(value) &&
    typeof value.path === 'string' &&
    isRecord(value.problem) &&
    typeof value.problem.code === 'string'
  );
}

/**
 * Turns whatever `invoke` rejected with into an `ErrorReport`. The engine sends an
 * `ErrorReport`; Tauri itself rejects with a plain string (unknown command, bad arguments).
 */
export function toErrorDto(error: unknown): ErrorReport {
  if (error instanceof KithError) return error.dto;
  if (isRecord(error) && isErrorCode(error.code)) {
    const issues = Array.isArray(error.issues) ? error.issues.filter(isIssue) : [];
    const message = typeof error.message === 'string' ? error.message : error.code;
    const report: ErrorReport = { code: error.code, message, issues };
    // A refused file and a failed read or write carry their codes, said in the window's
    // language (errors.ts).
    if (isFault(error.file)) report.file = error.file as ErrorReport['file'];
    if (isFault(error.io)) report.io = error.io as ErrorReport['io'];
    return report;
  }
  const message = typeof error === 'string' ? error : errorMessage(error);
  return { code: 'internal', message, issues: [] };
}

/** Calls one of the shell's commands (`Command` is generated from its handler list). */
async function request<T>(command: Command, args?: Record<string, unknown>): Promise<T> {
  try {
    return await call<T>(command, args);
  } catch (error) {
    throw new KithError(toErrorDto(error));
  }
}

/**
 * Tells the shell the first screen is drawn and takes input (lib/startup.ts). It prints when,
 * if the startup benchmark asked; the UI gets nothing back.
 */
export async function reportStartup(): Promise<void> {
  await request<null>('startup_report');
}

/** Every kind's schema, in navigation order. */
export function schema(): Promise<KindSchema[]> {
  return request('schema');
}

export function workspaceInfo(): Promise<WorkspaceInfo> {
  return request('workspace_info');
}

export function chooseWorkspace(choice: WorkspaceChoice): Promise<WorkspaceInfo> {
  return request('workspace_choose', { choice });
}

export function listRecords(kind: Kind, query: ListQuery): Promise<Page> {
  return request('record_list', { kind, query });
}

export function getRecord(kind: Kind, id: string): Promise<EntityRecord> {
  return request('record_get', { kind, id });
}

/** Who hears of record writes (see `onRecordWritten`). */
const writeListeners = new Set<(kind: Kind) => void>();

/**
 * Calls `listener` with the kind of every record created, updated or deleted through this
 * module, once the engine has accepted the write (a refused write is not reported); returns
 * the unsubscriber. A merge reports the merged kind and the kinds it may have moved
 * (`MERGE_MOVES`), an import's undo the kind imported. Tagging and inviting to a campaign
 * (`targetCampaign`) are not reported, nor are imports themselves: whoever runs one is told
 * when it is done.
 */
export function onRecordWritten(listener: (kind: Kind) => void): () => void {
  writeListeners.add(listener);
  return () => writeListeners.delete(listener);
}

function written(kind: Kind): void {
  for (const listener of [...writeListeners]) listener(kind);
}

export async function createRecord(kind: Kind, input: RecordInput): Promise<EntityRecord> {
  const record = await request<EntityRecord>('record_create', { kind, input });
  written(kind);
  return record;
}

export async function updateRecord(
  kind: Kind,
  id: string,
  input: RecordInput,
): Promise<EntityRecord> {
  const record = await request<EntityRecord>('record_update', { kind, id, input });
  written(kind);
  return record;
}

/** Soft delete: the record keeps a tombstone and stays in history. */
export async function deleteRecord(kind: Kind, id: string): Promise<void> {
  await request<null>('record_delete', { kind, id });
  written(kind);
}

export function search(query: string, limit: number, kinds: Kind[] | null): Promise<SearchHit[]> {
  return request('search', { query, limit, kinds });
}

/** Changes to one record, newest first. */
export function history(id: string): Promise<Change[]> {
  return request('history', { id });
}

/** What happened around a contact or company, newest first. */
export function timeline(kind: Kind, id: string): Promise<TimelineItem[]> {
  return request('timeline', { kind, id });
}

/** The relationships of a contact or company from either end, and the records naming it. */
export function related(kind: Kind, id: string): Promise<Related> {
  return request('related', { kind, id });
}

export function tagRecord(kind: Kind, id: string, tag: string): Promise<EntityRecord> {
  return request('record_tag', { kind, id, tag });
}

export function untagRecord(kind: Kind, id: string, tag: string): Promise<EntityRecord> {
  return request('record_untag', { kind, id, tag });
}

// ---- Import, export, duplicates ----

/** Shows the native "open file" dialog for spreadsheets; null when the user cancels. */
export function pickImportFile(): Promise<string | null> {
  return request('dialog_open');
}

/** Shows the native "save as" dialog proposing `name`; null when the user cancels. */
export function pickSaveFile(name: string, extension: string): Promise<string | null> {
  return request('dialog_save', { name, extension });
}

/** How a file reads and how its columns would map; writes nothing. Rejects with `bad_file`. */
export function importPreview(path: string, kind: Kind, options: ImportOptions): Promise<Preview> {
  return request('import_preview', { path, kind, options });
}

/**
 * Imports a file, or with `options.dry_run` reports what an import would do. While it runs the
 * engine emits `import-progress` (see `onImportProgress`); `importCancel` makes it reject
 * with `cancelled`, having written nothing.
 */
export function importRun(path: string, kind: Kind, options: ImportOptions): Promise<ImportReport> {
  return request('import_run', { path, kind, options });
}

/** Stops the running import; it rolls back and rejects with `cancelled`. */
export async function importCancel(): Promise<void> {
  await request<null>('import_cancel');
}

/** Calls `handler` with each progress report of a running import; returns the unsubscriber. */
export function onImportProgress(handler: (progress: Progress) => void): Promise<() => void> {
  return subscribe<Progress>('import-progress', handler);
}

/**
 * Calls `handler` when a write of this window has to wait for another Kith writing to the same
 * database (a CLI import, a second window); returns the unsubscriber.
 */
export function onWriterWait(handler: () => void): Promise<() => void> {
  return subscribe<null>('writer-wait', () => handler());
}

/** The backups folder beside the database, how many backups it keeps, and its backups. */
export function backupList(): Promise<BackupList> {
  return request('backup_list');
}

/** Backs the database up into the backups folder now. */
export function backupCreate(): Promise<BackupInfo> {
  return request('backup_create');
}

/**
 * Restores the backup with that file name in the backups folder; the database as it was is
 * backed up first (`previous`).
 */
export function backupRestore(name: string): Promise<RestoreReport> {
  return request('backup_restore', { name });
}

/** Sets how many backups the folder keeps (older ones go at the next backup). */
export function setBackupKeep(keep: number): Promise<BackupList> {
  return request('backup_keep', { keep });
}

/** Past imports, newest first. */
export function importBatches(): Promise<BatchSummary[]> {
  return request('import_list');
}

/**
 * Undoes an import: removes what it created, gives changed records their earlier values.
 * `kind`, what the batch imported, is reported to `onRecordWritten` once it is undone.
 */
export async function importUndo(batch: string, kind: Kind): Promise<UndoReport> {
  const report = await request<UndoReport>('import_undo', { batch });
  written(kind);
  return report;
}

/** Writes an import's skipped and rejected rows to a CSV; returns how many rows. */
export function importSaveRows(batch: string, path: string): Promise<number> {
  return request('import_save_rows', { batch, path });
}

/** Saves a column mapping under a name, for later files of the same shape. */
export async function saveMapping(kind: Kind, name: string, mapping: ColumnMap[]): Promise<void> {
  await request<null>('mapping_save', { kind, name, mapping });
}

// ---- Values kept for review ----

/**
 * Values imports kept as written because they did not clean (of one kind, or every kind with
 * `null`): the first `limit`, oldest first, with how many values and records there are in all.
 */
export function flagged(kind: Kind | null, limit: number): Promise<FlaggedPage> {
  return request('review_list', { kind, limit });
}

/** The values kept for review of one record (`column` is empty here: the field says it). */
export function recordFlags(id: string): Promise<ReviewValue[]> {
  return request('review_record', { id });
}

/**
 * Cleans every kept value (of one kind, or all) again with a default country and date order,
 * and writes those that now clean in one write. Reports the kind of each record written to
 * `onRecordWritten`.
 */
export async function reclean(kind: Kind | null, options: RecleanOptions): Promise<RecleanReport> {
  const report = await request<RecleanReport>('review_reclean', { kind, options });
  for (const cleaned of new Set(report.cleaned.map((item) => item.kind))) written(cleaned);
  return report;
}

/** Groups of records that look like the same contact or company. */
export function findDuplicates(kind: Kind): Promise<DuplicateGroup[]> {
  return request('duplicates_find', { kind });
}

/**
 * The kinds with a field pointing at a contact or a company (`src/kinds.rs`): what a merge of
 * contacts or companies moves from the records merged away to the winner.
 */
export const MERGE_MOVES: Readonly<Partial<Record<Kind, readonly Kind[]>>> = {
  contact: ['relationship', 'deal', 'activity', 'order', 'ticket', 'campaign_member', 'feedback'],
  company: ['contact', 'relationship', 'deal', 'activity', 'order', 'ticket'],
};

/**
 * Merges `ids` into the first of them, the winner; nothing is lost (see `MergeReport`).
 * Reports `kind` to `onRecordWritten`, and the kinds of `MERGE_MOVES` when it moved records
 * (the report does not say of which kinds).
 */
export async function mergeRecords(kind: Kind, ids: string[]): Promise<MergeReport> {
  const report = await request<MergeReport>('merge', { kind, ids });
  written(kind);
  if (report.moved > 0) for (const moved of MERGE_MOVES[kind] ?? []) written(moved);
  return report;
}

/** Writes the records a list query matches (every page of it) to a file. */
export function exportRecords(
  kind: Kind,
  path: string,
  options: ExportOptions,
): Promise<ExportSummary> {
  return request('export', { kind, path, options });
}

// ---- Analytics and the dashboard ----
// Every figure comes from the engine. The stored analyses (RFM, segments, lifetime value, lead
// scores) are rerun together by `refreshAnalytics` and read back with `analyticsReport`,
// `dealScore`, `customerMetrics` and the contacts list's figures; the UI never runs them one
// by one (the engine's single-analysis commands recompute, heavy on a large workspace).

/** A dashboard chart: its name (for `chartSvg`) and title, as the engine lists them. */
export type ChartInfo = { name: string; title: string };

/**
 * What a chart shows, how big it is drawn (pixels) and the language of its words (the
 * window's, `i18n.language`); omitted parts take the defaults (English words).
 */
export type ChartRequest = {
  from?: string | null;
  to?: string | null;
  width?: number | null;
  height?: number | null;
  language?: Language;
};

/** The dashboard's charts, in the order the engine lists them. */
export async function charts(): Promise<ChartInfo[]> {
  const pairs = await request<Array<[string, string]>>('dashboard_charts');
  return pairs.map(([name, title]) => ({ name, title }));
}

/** The chart `name` drawn by the engine, as an SVG document. */
export function chartSvg(name: string, options: ChartRequest = {}): Promise<string> {
  return request('chart', {
    name,
    from: options.from ?? null,
    to: options.to ?? null,
    width: options.width ?? null,
    height: options.height ?? null,
    language: options.language ?? 'en',
  });
}

/** Saves the chart `name` to `path` (from `pickSaveFile`): SVG or PNG by its extension. */
export function exportChart(
  name: string,
  path: string,
  options: Pick<ChartRequest, 'from' | 'to' | 'language'> = {},
): Promise<ChartExport> {
  return request('chart_export', {
    name,
    path,
    from: options.from ?? null,
    to: options.to ?? null,
    language: options.language ?? 'en',
  });
}

/** The dashboard's headline figures, as of a day (default today). */
export function analyticsKpis(asOf: string | null = null): Promise<Kpis> {
  return request('dashboard_kpis', { asOf });
}

/**
 * Reruns every stored analysis — RFM, segments, lifetime value, lead scores — in one go on
 * the engine's own connection (other commands keep answering meanwhile), emitting
 * `analytics-progress` as it goes (see `onAnalyticsProgress`). A second call waits for the
 * running one.
 */
export function refreshAnalytics(asOf: string | null = null): Promise<RefreshSummary> {
  return request('analyze_all', { asOf });
}

/** Calls `handler` with each progress report of a running refresh; returns the unsubscriber. */
export function onAnalyticsProgress(
  handler: (progress: RefreshProgress) => void,
): Promise<() => void> {
  return subscribe<RefreshProgress>('analytics-progress', handler);
}

/** The report each stored analysis keeps, by the name `analyticsReport` takes. */
export type StoredReports = {
  rfm: RfmView;
  segments: SegmentView;
  clv: ValueReport;
  scores: ScoreView;
};
export type AnalysisName = keyof StoredReports;

/** An analysis' last run as stored: when it ran, its day, and its report, read. */
export type StoredReport<T> = Omit<StoredRun, 'report'> & { report: T };

/**
 * The last stored run of an analysis, without rerunning it; null when it never ran. Its
 * per-customer (per-deal) list holds only the first rows (see the report's full counts:
 * `RfmView.scored`, `ValueReport.customers`, `ScoreView.open_deals`); segment assignments are
 * left out.
 */
export async function analyticsReport<N extends AnalysisName>(
  name: N,
): Promise<StoredReport<StoredReports[N]> | null> {
  const run = await request<StoredRun | null>('analyze_report', { name });
  if (run === null) return null;
  let report: StoredReports[N];
  try {
    report = JSON.parse(run.report) as StoredReports[N];
  } catch (error) {
    throw new KithError({
      code: 'internal',
      message: `The stored ${name} report cannot be read: ${errorMessage(error)}`,
      issues: [],
    });
  }
  return { ...run, report };
}

/** A deal's stored lead score with its factors; null before the scores ran or when not open. */
export function dealScore(dealId: string): Promise<DealScoreView | null> {
  return request('analyze_deal_score', { dealId });
}

/** The rule-based lead score's rules with their points, and the score every deal starts at. */
export function scoreRules(): Promise<ScoreRules> {
  return request('analyze_rules');
}

/**
 * Sets the points of some rules (rule id → whole points, −`max_points`..`max_points`; 0 turns
 * a rule off). All or nothing: a `validation` error names each refused rule id in its issues.
 * Stored scores follow at the next recompute.
 */
export function setRulePoints(points: Record<string, number>): Promise<ScoreRules> {
  return request('analyze_rules_set', { points });
}

/** Puts every rule back to its default points. */
export function resetRulePoints(): Promise<ScoreRules> {
  return request('analyze_rules_reset');
}

/** Weighted pipeline by expected close month against won revenue by month. */
export function forecast(asOf: string | null = null): Promise<Forecast> {
  return request('analyze_forecast', { asOf });
}

/** CSAT, NPS, sentiment and keywords of the last `recentDays`, ticket category suggestions. */
export function satisfactionReport(
  recentDays: number,
  asOf: string | null = null,
): Promise<SatisfactionView> {
  return request('analyze_satisfaction', { asOf, recentDays });
}

/**
 * A contact's stored figures (segment, RFM scores, cluster with its name's code, value, lead
 * score); null before any run.
 */
export function customerMetrics(contactId: string): Promise<StoredFigures | null> {
  return request('customer_figures', { contactId });
}

/** Invites every contact of a stored segment or cluster to a campaign (once each). */
export function targetCampaign(
  campaignId: string,
  column: MetricColumn,
  value: string,
): Promise<TargetReport> {
  return request('analyze_target', { campaignId, column, value });
}

/** The wall time of this computer as the engine reads it: `YYYY-MM-DDTHH:MM:SS`, local. */
export function localNow(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

/**
 * The day's work at the user's wall time: overdue tasks, tasks due today and in the next
 * days, and suggestions with their reasons. Seconds are dropped, so a minute asks once.
 */
export function today(now: Date = clockNow()): Promise<Today> {
  const minute = new Date(now);
  minute.setSeconds(0, 0);
  return request('today', { now: localNow(minute), upcomingDays: null });
}

/** Marks a task done (stamped with when it happened). */
export async function taskDone(id: string): Promise<EntityRecord> {
  const record = await request<EntityRecord>('task_done', { id });
  written('activity');
  return record;
}

/** Marks a task done and adds "Follow up: …" due `days` after the user's today. */
export async function taskFollowUp(
  id: string,
  days: number,
  now: Date = clockNow(),
): Promise<EntityRecord> {
  const record = await request<EntityRecord>('task_follow_up', {
    id,
    days,
    day: localNow(now).slice(0, 10),
  });
  written('activity');
  return record;
}

/** The deal board on the user's today: a column per stage with its figures and cards. */
export function dealBoard(now: Date = clockNow()): Promise<DealBoard> {
  return request('deal_board', { day: localNow(now).slice(0, 10) });
}

/** Every saved view (a list's filters and order under a name), by kind then name. */
export function viewList(): Promise<SavedView[]> {
  return request('view_list', {});
}

/** Saves a list's filters and order as the view `name` (a view of that name is replaced). */
export function viewSave(kind: Kind, name: string, query: ListQuery): Promise<SavedView> {
  return request('view_save', { kind, name, query });
}

/** Deletes a saved view. */
export function viewDelete(id: string): Promise<void> {
  return request('view_delete', { id });
}

/** The deal stages in pipeline order, switched-off ones included. */
export function dealStages(): Promise<DealStage[]> {
  return request('deal_stages', {});
}

/**
 * Saves the deal stages (every stage, in the new order); answers them as stored. Refused
 * field by field (`proposal.label`, `lead.active`, …) with nothing changed.
 */
export function dealStagesSet(stages: DealStage[]): Promise<DealStage[]> {
  return request('deal_stages_set', { stages });
}

/**
 * The ticket queue at the user's wall time: a column per status, each ticket with its targets
 * and overdue marks, and the service's figures. Seconds are dropped, so a minute asks once.
 */
export function ticketQueue(now: Date = clockNow()): Promise<TicketQueue> {
  const minute = new Date(now);
  minute.setSeconds(0, 0);
  return request('ticket_queue', { now: localNow(minute) });
}

/**
 * Closes a ticket; a `rating` (1–5) or a `comment` is kept as the customer's survey feedback
 * about it.
 */
export async function ticketClose(
  id: string,
  rating: number | null,
  comment: string | null,
): Promise<ClosedTicket> {
  const closed = await request<ClosedTicket>('ticket_close', { id, rating, comment });
  written('ticket');
  if (closed.feedback) written('feedback');
  return closed;
}

// ---- Campaigns ----
// Every figure (response rate, conversions, revenue, cost per conversion, ROI) and which
// orders and deals count for a campaign are the engine's; the page shows them.

/** Members a campaign page shows at once. */
export const MEMBER_PAGE = 100;

/** What campaign `id` brought, by the engine's attribution rule. */
export function campaignReport(id: string): Promise<CampaignReport> {
  return request('campaign_report', { id });
}

/** Campaign `id`'s first members (responses first, then by name). */
export function campaignMembers(
  id: string,
  offset = 0,
  limit = MEMBER_PAGE,
): Promise<CampaignMembers> {
  return request('campaign_members', { id, offset, limit });
}

/** The segments, clusters and contact tags members can be added from. */
export function campaignSources(): Promise<MemberSources> {
  return request('campaign_sources');
}

/** Adds the contacts `source` names to campaign `id` (members already in it are skipped). */
export function campaignAddMembers(id: string, source: MemberSource): Promise<AddMembersReport> {
  return request('campaign_add_members', { id, source });
}

/** Records a member's response: its status, now, and what they said. */
export function campaignRespond(
  memberId: string,
  status: string,
  response: string | null,
): Promise<EntityRecord> {
  return request('campaign_respond', { memberId, status, response });
}

/** Writes campaign `id`'s members as CSV for a mail tool to a file chosen in the save dialog. */
export function campaignExportMembers(
  id: string,
  path: string,
  bom: boolean,
): Promise<MemberExport> {
  return request('campaign_export_members', { id, path, bom });
}

/** Import options that read the file as detected and map its columns automatically. */
export function defaultImportOptions(): ImportOptions {
  return {
    read: { encoding: null, delimiter: null, sheet: null, header_row: null },
    mapping: null,
    mapping_name: null,
    default_country: null,
    date_order: null,
    on_duplicate: 'merge',
    dry_run: false,
    overrides: [],
    rejects: null,
  };
}

/** A query for the first page of a list, with nothing filtered. */
export function defaultQuery(limit: number): ListQuery {
  return {
    text: null,
    sort: null,
    desc: false,
    offset: 0,
    limit,
    filters: {},
    include_deleted: false,
  };
}

/** True when the UI runs against the in-memory mock backend instead of the engine. */
export const MOCK_MODE: boolean = import.meta.env.VITE_KITH_MOCK === '1';
