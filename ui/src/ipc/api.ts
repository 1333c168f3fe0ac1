//! Typed wrapper over the Kith IPC contract. The rest of the UI imports only this module
//! (never `@tauri-apps/*`), so the engine's commands, argument names and error shape live
//! in one file. Every rejection is normalised to `KithError`, whose `dto` is an `ErrorReport`.
import { call } from './transport';
import type { Change } from './bindings/Change';
import type { EntityRecord } from './bindings/EntityRecord';
import type { ErrorCode } from './bindings/ErrorCode';
import type { ErrorReport } from './bindings/ErrorReport';
import type { FieldIssue } from './bindings/FieldIssue';
import type { Kind } from './bindings/Kind';
import type { KindSchema } from './bindings/KindSchema';
import type { ListQuery } from './bindings/ListQuery';
import type { Page } from './bindings/Page';
import type { SearchHit } from './bindings/SearchHit';
import type { TimelineItem } from './bindings/TimelineItem';
import type { WorkspaceChoice } from './bindings/WorkspaceChoice';
import type { WorkspaceInfo } from './bindings/WorkspaceInfo';

export type {
  Change,
  EntityRecord,
  ErrorCode,
  ErrorReport,
  FieldIssue,
  Kind,
  KindSchema,
  ListQuery,
  Page,
  SearchHit,
  TimelineItem,
  WorkspaceChoice,
  WorkspaceInfo,
};
export type { FieldSchema } from './bindings/FieldSchema';
export type { FieldType } from './bindings/FieldType';
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
