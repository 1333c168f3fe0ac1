//! Typed wrapper over the Kith IPC contract. The rest of the UI imports only this module
//! (never `@tauri-apps/*`), so the engine's commands, argument names and error shape live
//! in one file. Every rejection is normalised to `KithError`, whose `dto` is an `ErrorReport`.
//! Engine events (import progress) are subscribed to here too.
import { call, subscribe } from './transport';
import type { BatchSummary } from './bindings/BatchSummary';
import type { Change } from './bindings/Change';
import type { ColumnMap } from './bindings/ColumnMap';
import type { DuplicateGroup } from './bindings/DuplicateGroup';
import type { EntityRecord } from './bindings/EntityRecord';
import type { ErrorCode } from './bindings/ErrorCode';
import type { ErrorReport } from './bindings/ErrorReport';
import type { ExportOptions } from './bindings/ExportOptions';
import type { ExportSummary } from './bindings/ExportSummary';
import type { FieldIssue } from './bindings/FieldIssue';
import type { ImportOptions } from './bindings/ImportOptions';
import type { ImportReport } from './bindings/ImportReport';
import type { Kind } from './bindings/Kind';
import type { KindSchema } from './bindings/KindSchema';
import type { ListQuery } from './bindings/ListQuery';
import type { MergeReport } from './bindings/MergeReport';
import type { Page } from './bindings/Page';
import type { Preview } from './bindings/Preview';
import type { Progress } from './bindings/Progress';
import type { SearchHit } from './bindings/SearchHit';
import type { TimelineItem } from './bindings/TimelineItem';
import type { UndoReport } from './bindings/UndoReport';
import type { WorkspaceChoice } from './bindings/WorkspaceChoice';
import type { WorkspaceInfo } from './bindings/WorkspaceInfo';

export type {
  BatchSummary,
  Change,
  ColumnMap,
  DuplicateGroup,
  EntityRecord,
  ErrorCode,
  ErrorReport,
  ExportOptions,
  ExportSummary,
  FieldIssue,
  ImportOptions,
  ImportReport,
  Kind,
  KindSchema,
  ListQuery,
  MergeReport,
  Page,
  Preview,
  Progress,
  SearchHit,
  TimelineItem,
  UndoReport,
  WorkspaceChoice,
  WorkspaceInfo,
};
export type { Counts } from './bindings/Counts';
export type { DateColumn } from './bindings/DateColumn';
export type { DateOrder } from './bindings/DateOrder';
export type { ExportFormat } from './bindings/ExportFormat';
export type { FieldSchema } from './bindings/FieldSchema';
export type { FieldType } from './bindings/FieldType';
export type { Linked } from './bindings/Linked';
export type { MapSource } from './bindings/MapSource';
export type { Match } from './bindings/Match';
export type { MatchBy } from './bindings/MatchBy';
export type { OnDuplicate } from './bindings/OnDuplicate';
export type { Outcome } from './bindings/Outcome';
export type { ReadOptions } from './bindings/ReadOptions';
export type { RowOverride } from './bindings/RowOverride';
export type { RowReport } from './bindings/RowReport';
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

/**
 * Turns whatever `invoke` rejected with into an `ErrorReport`. The engine sends an
 * `ErrorReport`; Tauri itself rejects with a plain string (unknown command, bad arguments).
 */
export function toErrorDto(error: unknown): ErrorReport {
  if (error instanceof KithError) return error.dto;
  if (isRecord(error) && isErrorCode(error.code)) {
    const issues = Array.isArray(error.issues) ? error.issues.filter(isIssue) : [];
    const message = typeof error.message === 'string' ? error.message : error.code;
    return { code: error.code, message, issues };
  }
  const message =
    typeof error === 'string' ? error : error instanceof Error ? error.message : String(error);
  return { code: 'internal', message, issues: [] };
}

async function request<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await call<T>(command, args);
  } catch (error) {
    throw new KithError(toErrorDto(error));
  }
}

/** Every kind's schema, in navigation order. */
export function schema(): Promise<KindSchema[]> {
  return request('schema');
}

export function workspaceInfo(): Promise<WorkspaceInfo> {
  return request('workspace_info');
}

export function chooseWorkspace(choice: WorkspaceChoice): Promise<WorkspaceInfo> {
  return request('choose_workspace', { choice });
}

export function listRecords(kind: Kind, query: ListQuery): Promise<Page> {
  return request('list_records', { kind, query });
}

export function getRecord(kind: Kind, id: string): Promise<EntityRecord> {
  return request('get_record', { kind, id });
}

export function createRecord(kind: Kind, input: RecordInput): Promise<EntityRecord> {
  return request('create_record', { kind, input });
}

export function updateRecord(kind: Kind, id: string, input: RecordInput): Promise<EntityRecord> {
  return request('update_record', { kind, id, input });
}

/** Soft delete: the record keeps a tombstone and stays in history. */
export async function deleteRecord(kind: Kind, id: string): Promise<void> {
  await request<null>('delete_record', { kind, id });
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

export function tagRecord(kind: Kind, id: string, tag: string): Promise<EntityRecord> {
  return request('tag_record', { kind, id, tag });
}

export function untagRecord(kind: Kind, id: string, tag: string): Promise<EntityRecord> {
  return request('untag_record', { kind, id, tag });
}

// ---- Import, export, duplicates ----

/** Shows the native "open file" dialog for spreadsheets; null when the user cancels. */
export function pickImportFile(): Promise<string | null> {
  return request('pick_import_file');
}

/** Shows the native "save as" dialog proposing `name`; null when the user cancels. */
export function pickSaveFile(name: string, extension: string): Promise<string | null> {
  return request('pick_save_file', { name, extension });
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

/** Past imports, newest first. */
export function importBatches(): Promise<BatchSummary[]> {
  return request('import_batches');
}

/** Undoes an import: removes what it created, gives changed records their earlier values. */
export function importUndo(batch: string): Promise<UndoReport> {
  return request('import_undo', { batch });
}

/** Writes an import's skipped and rejected rows to a CSV; returns how many rows. */
export function importSaveRows(batch: string, path: string): Promise<number> {
  return request('import_save_rows', { batch, path });
}

/** Saves a column mapping under a name, for later files of the same shape. */
export async function saveMapping(kind: Kind, name: string, mapping: ColumnMap[]): Promise<void> {
  await request<null>('save_mapping', { kind, name, mapping });
}

/** Groups of records that look like the same contact or company. */
export function findDuplicates(kind: Kind): Promise<DuplicateGroup[]> {
  return request('find_duplicates', { kind });
}

/** Merges `ids` into the first of them, the winner; nothing is lost (see `MergeReport`). */
export function mergeRecords(kind: Kind, ids: string[]): Promise<MergeReport> {
  return request('merge_records', { kind, ids });
}

/** Writes the records a list query matches (every page of it) to a file. */
export function exportRecords(
  kind: Kind,
  path: string,
  options: ExportOptions,
): Promise<ExportSummary> {
  return request('export_records', { kind, path, options });
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
