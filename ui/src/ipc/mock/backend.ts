//! An in-memory stand-in for the engine, for the component tests not yet moved to the engine's
//! recorded answers (`replay.ts`, which `vite --mode mock` uses); it goes once they are.
//! It answers the same commands with the same shapes and error codes as the IPC contract;
//! it is never part of the production bundle (main.ts imports it behind the mock flag).
//!
//! The schema is the engine's own (`bindings/schema.json`). What the engine knows beyond the
//! schema it sends (title and sort fields, integer ranges, defaults and cross-field rules,
//! search and timeline sources) is restated in the tables below, after `src/kinds.rs`,
//! `src/store/records.rs`, `src/store/search.rs` and `src/store/history.rs`;
//! `backend.test.ts` checks that every field named here exists in the generated schema.
//!
//! Import, export, duplicates and merge follow `src/import/`, `src/export.rs` and
//! `src/store/merge.rs` in small. It computes no analytics: it answers them as the engine did
//! for a workspace with nothing to analyse (the recorded `empty` one), and a list sorted or
//! filtered by a stored figure fails its test. The mock cannot touch the disk: it imports only the canned
//! files of `files.ts` (other paths are refused with `bad_file`), and keeps the files it
//! "writes" in `files`.
import type { BatchSummary } from '../bindings/BatchSummary';
import type { Change } from '../bindings/Change';
import type { ColumnMap } from '../bindings/ColumnMap';
import type { Command } from '../bindings/Command';
import type { Counts } from '../bindings/Counts';
import type { DateColumn } from '../bindings/DateColumn';
import type { DuplicateGroup } from '../bindings/DuplicateGroup';
import type { EntityRecord } from '../bindings/EntityRecord';
import type { ErrorReport } from '../bindings/ErrorReport';
import type { ExportOptions } from '../bindings/ExportOptions';
import type { ExportSummary } from '../bindings/ExportSummary';
import type { FieldSchema } from '../bindings/FieldSchema';
import type { FieldIssue } from '../bindings/FieldIssue';
import type { FlaggedPage } from '../bindings/FlaggedPage';
import type { ImportOptions } from '../bindings/ImportOptions';
import type { ImportReport } from '../bindings/ImportReport';
import type { Kind } from '../bindings/Kind';
import type { KindSchema } from '../bindings/KindSchema';
import type { ListQuery } from '../bindings/ListQuery';
import type { Match } from '../bindings/Match';
import type { MatchBy } from '../bindings/MatchBy';
import type { MergeReport } from '../bindings/MergeReport';
import type { OnDuplicate } from '../bindings/OnDuplicate';
import type { Outcome } from '../bindings/Outcome';
import type { Page } from '../bindings/Page';
import type { Preview } from '../bindings/Preview';
import type { Progress } from '../bindings/Progress';
import type { ReadOptions } from '../bindings/ReadOptions';
import type { RowOverride } from '../bindings/RowOverride';
import type { RowReport } from '../bindings/RowReport';
import type { SearchHit } from '../bindings/SearchHit';
import type { SourceInfo } from '../bindings/SourceInfo';
import type { SourceRow } from '../bindings/SourceRow';
import type { TimelineItem } from '../bindings/TimelineItem';
import type { UndoReport } from '../bindings/UndoReport';
import type { Value } from '../bindings/Value';
import type { WorkspaceInfo } from '../bindings/WorkspaceInfo';
import {
  cleanDate,
  cleanPhone,
  csvLine,
  MOCK_CONTACTS_PATH,
  MOCK_FILES,
  MOCK_SAVE_DIR,
  MOCK_WORKBOOK_PATH,
  mockAutoMap,
  mockTargets,
  profileDates,
  splitRows,
} from './files';
import { BACKUP_MADE, BACKUPS_AFTER, BACKUPS_BEFORE, RESTORED } from './backups';
import type { BackupList } from '../bindings/BackupList';
import { FLAGGED_AFTER, FLAGGED_BEFORE, RECLEANED } from './review';
import { mockSchema } from './schema';
import { noteUnrecorded } from './unrecorded';
import { recorded, UnrecordedCall } from './fixtures';
import { seedDemo, type SeedRow } from './seed';

export type MockOptions = {
  /** Delay before every answer, to make loading states visible in the browser. */
  latencyMs?: number;
  /** Extra delay of `open_workspace({ choice: "demo" })`. */
  demoDelayMs?: number;
  /** Whether a workspace was already chosen (false shows the welcome screen). */
  chosen?: boolean;
  /** Whether the store starts with the demo data. */
  seeded?: boolean;
  /** Extra generated contacts (not stored) for trying the list at a million rows. */
  syntheticContacts?: number;
  /** The clock, for tests. */
  now?: () => Date;
  /** Sends an engine event (`import-progress`) to the UI; install.ts wires it to Tauri's. */
  emit?: (event: string, payload: unknown) => void;
  /** Delay per imported row, to make progress and Cancel visible (and testable). */
  importRowDelayMs?: number;
};

/** An import as the mock keeps it, for the history, undo and saving its rows. */
type MockBatch = {
  summary: BatchSummary;
  headers: string[];
  /** Records the import created (the rows' and the linked ones). */
  created: Array<{ kind: Kind; id: string }>;
  /** Fields of records that existed before: the value before and the value written. */
  changed: Array<{ kind: Kind; id: string; field: string; old: Value; wrote: Value }>;
  /** Skipped and rejected rows, original cells. */
  kept: Array<{ line: number; reason: string; cells: string[] }>;
  /** The last change-log sequence number the import wrote. */
  lastSeq: number;
};

/** What a row turns into before it is matched and written. */
type Prepared = {
  input: Record<string, string>;
  id: string | null;
  company: string | null;
  contact: string | null;
  tags: string[];
};

/** The state of one running import (`pipeline::Job`). */
type Job = {
  kind: Kind;
  options: ImportOptions;
  mapping: ColumnMap[];
  dates: DateColumn[];
  origin: string;
  overrides: Map<number, RowOverride>;
  createdHere: Map<string, number>;
  linked: Map<Kind, number>;
  counts: Counts;
  rows: RowReport[];
  batch: MockBatch | null;
};

type Args = Record<string, unknown>;
type Values = Record<string, Value>;

/** Fields whose values, joined by a space, make a record's title (`KindDef::title`). */
export const TITLE_FIELDS: Readonly<Record<Kind, readonly string[]>> = {
  contact: ['first_name', 'last_name'],
  company: ['name'],
  relationship: ['kind'],
  deal: ['title'],
  activity: ['subject'],
  product: ['name'],
  order: ['number'],
  order_line: ['description'],
  ticket: ['subject'],
  campaign: ['name'],
  campaign_member: ['status'],
  feedback: ['comment'],
};

/** The field a list is sorted by when the query names none (`KindDef::sort`). */
export const SORT_FIELD: Readonly<Record<Kind, string>> = {
  contact: 'last_name',
  company: 'name',
  relationship: 'started_on',
  deal: 'expected_close',
  activity: 'occurred_at',
  product: 'name',
  order: 'ordered_on',
  order_line: 'description',
  ticket: 'opened_at',
  campaign: 'starts_on',
  campaign_member: 'responded_at',
  feedback: 'received_at',
};

/** Allowed ranges of integer fields, by `kind.field` (`FieldDef::range`). */
export const INTEGER_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  'company.employees': [0, 10_000_000],
  'deal.probability': [0, 100],
  'feedback.rating': [1, 5],
  'feedback.nps': [0, 10],
};

/** Default win probability (percent) of each deal stage (`DEAL_STAGES`). */
export const STAGE_PROBABILITY: Readonly<Record<string, number>> = {
  lead: 10,
  qualified: 25,
  proposal: 50,
  negotiation: 75,
  won: 100,
  lost: 0,
};

/** Kinds the engine's `search` covers; of activities, only notes are indexed. */
export const SEARCHABLE: readonly Kind[] = ['contact', 'company', 'deal', 'activity'];

/** Per kind on a timeline: the fields it is placed by (first set wins) and its detail. */
export const TIMELINE_SOURCES: ReadonlyArray<
  readonly [Kind, readonly string[], readonly string[]]
> = [
  ['activity', ['occurred_at', 'due_on'], ['kind', 'body']],
  ['order', ['ordered_on'], ['status', 'total', 'currency']],
  ['ticket', ['opened_at'], ['status', 'priority', 'category']],
  ['deal', ['expected_close'], ['stage', 'value', 'currency']],
  ['feedback', ['received_at'], ['rating', 'nps', 'channel']],
  ['campaign_member', ['responded_at'], ['status', 'response']],
];

const DEVICE = 'mock-device';
const MAX_PAGE = 1000;
const MAX_TEXT = 100_000;
const MAX_TAG = 60;

function fail(code: ErrorReport['code'], message: string, issues: FieldIssue[] = []): never {
  const dto: ErrorReport = { code, message, issues };
  throw dto;
}

/** The contacts list's stored analysis figures (`RowFigures`): filters and sorts of them. */
const FIGURES: readonly string[] = ['rfm_segment', 'rfm', 'cluster', 'clv_365', 'lead_score'];

/**
 * What the simulation leaves to the engine (the stored figures): it fails the call, and the
 * test that made it (vitest.setup.ts), pointing at the recorded answers.
 */
function unsimulated(what: string): never {
  const message = `MockBackend does not simulate ${what}: render from the engine's recorded answers (ReplayBackend)`;
  noteUnrecorded(message);
  throw new Error(message);
}

function invalid(issues: FieldIssue[]): never {
  return fail(
    'validation',
    issues.map((issue) => `${issue.field}: ${issue.reason}`).join('; '),
    issues,
  );
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

function stringArg(args: Args, key: string): string {
  const value = args[key];
  if (typeof value !== 'string') fail('internal', `missing argument \`${key}\``);
  return value;
}

function inputArg(args: Args): Record<string, string> {
  const value = args.input;
  if (typeof value !== 'object' || value === null) fail('internal', 'missing argument `input`');
  const input: Record<string, string> = {};
  // The engine receives a BTreeMap: keys in order.
  for (const [key, raw] of Object.entries(value).sort(([a], [b]) => binary(a, b))) {
    if (typeof raw !== 'string') fail('internal', `input.${key} must be a string`);
    input[key] = raw;
  }
  return input;
}

function valueText(value: Value | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

function isSet(value: Value | undefined): boolean {
  return value !== null && value !== undefined;
}

function binary(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** SQLite's NOCASE: ASCII letters folded, everything else compared as is. */
function nocase(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Like SQLite's ORDER BY: NULL first, numbers by value, text as stored (or NOCASE). */
function compareValues(a: Value | undefined, b: Value | undefined, fold: boolean): number {
  const an = !isSet(a);
  const bn = !isSet(b);
  if (an || bn) return an === bn ? 0 : an ? -1 : 1;
  if (typeof a !== 'string' && typeof b !== 'string') return Number(a) - Number(b);
  const as = String(a);
  const bs = String(b);
  return fold ? binary(nocase(as), nocase(bs)) : binary(as, bs);
}

/** Folds text for matching like the engine: compatibility-decomposed, no accents, lower. */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Whether every character is a CJK ideograph, kana or hangul syllable (`values::is_cjk`). */
function allCjk(text: string): boolean {
  return Array.from(text).every((c) => {
    const cp = c.codePointAt(0) ?? 0;
    return (
      (cp >= 0x3040 && cp <= 0x30ff) ||
      (cp >= 0x3400 && cp <= 0x4dbf) ||
      (cp >= 0x4e00 && cp <= 0x9fff) ||
      (cp >= 0xac00 && cp <= 0xd7af) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0x20000 && cp <= 0x2fa1f)
    );
  });
}

function truncate(text: string, chars: number): string {
  return Array.from(text).slice(0, chars).join('');
}

/** RFC 3339 in whole seconds, the form the engine stores datetime fields in. */
function seconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function validDate(y: number, m: number, d: number): Date | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
    ? date
    : null;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function parseDate(text: string): Date | null {
  const match =
    /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text) ??
    /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(text) ??
    /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/.exec(text) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (match) return validDate(Number(match[1]), Number(match[2]), Number(match[3]));
  if (RFC3339.test(text)) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) {
      const date = new Date(ms);
      return validDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
    }
  }
  return null;
}

function parseDateTime(text: string): Date | null {
  if (RFC3339.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? null : new Date(ms);
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (match) {
    const day = validDate(Number(match[1]), Number(match[2]), Number(match[3]));
    const [h, m, s] = [Number(match[4]), Number(match[5]), Number(match[6] ?? '0')];
    if (!day || h > 23 || m > 59 || s > 59) return null;
    return new Date(day.getTime() + ((h * 60 + m) * 60 + s) * 1000);
  }
  return parseDate(text);
}

/** A money amount in major units, or null (`values::parse_money`, which keeps hundredths). */
function parseMoney(text: string): number | null {
  const cleaned = text.replace(/[, _$€£¥￥]/g, '');
  const negative = cleaned.startsWith('-');
  const digits = negative ? cleaned.slice(1) : cleaned;
  const [whole = '', frac = '', ...rest] = digits.split('.');
  if (
    rest.length > 0 ||
    (whole === '' && frac === '') ||
    !/^\d*$/.test(whole) ||
    !/^\d*$/.test(frac) ||
    frac.length > 2
  ) {
    return null;
  }
  const cents = Number(whole || '0') * 100 + Number(frac.padEnd(2, '0'));
  return (negative ? -cents : cents) / 100;
}

function parseEmail(text: string): string | null {
  const email = text.toLowerCase();
  const at = email.indexOf('@');
  if (at < 0) return null;
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const domainOk =
    domain.includes('.') &&
    !domain.startsWith('.') &&
    !domain.endsWith('.') &&
    !domain.includes('..') &&
    /^[\p{Alphabetic}\p{N}.-]+$/u.test(domain);
  const localOk =
    local.length > 0 &&
    local.length <= 64 &&
    !local.startsWith('.') &&
    !local.endsWith('.') &&
    !local.includes('..') &&
    /^[\p{Alphabetic}\p{N}!#$%&'*+/=?^_`{|}~.-]+$/u.test(local);
  return localOk && domainOk && email.length <= 254 ? email : null;
}

/** A full name as first and last name (`clean::split_name`): 王小明 → 小明, 王. */
function splitName(full: string): [string, string] {
  const text = full.trim().split(/\s+/).join(' ');
  if (allCjk(text.replace(/\s/g, '')) && !text.includes(' ')) {
    const chars = Array.from(text);
    return chars.length > 1 ? [chars.slice(1).join(''), chars[0] ?? ''] : [text, ''];
  }
  const space = text.lastIndexOf(' ');
  return space < 0 ? [text, ''] : [text.slice(0, space), text.slice(space + 1)];
}

/** The digits of a phone number, when there are enough to identify one. */
function phoneKey(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 7 ? digits : '';
}

/** A company name without case, punctuation or legal form (`merge::company_key`). */
function companyKey(name: string): string {
  const forms = /(\b(inc|ltd|llc|gmbh|ag|sa|co|corp|limited|plc)\b|股份有限公司|有限公司)/g;
  return fold(name)
    .replace(forms, '')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

const SYNTHETIC_FIRST = ['Alex', 'Li', 'Maria', 'Chen', 'Sam', 'Wang', 'Priya', 'Zhang', 'Tom'];
const SYNTHETIC_LAST = ['Lee', 'Wu', 'Garcia', 'Liu', 'Smith', 'Zhao', 'Patel', 'Huang', 'Kim'];
const SYNTHETIC_CITY: ReadonlyArray<readonly [string, string]> = [
  ['Hangzhou', 'China'],
  ['Shanghai', 'China'],
  ['Berlin', 'Germany'],
  ['Austin', 'United States'],
  ['Shenzhen', 'China'],
  ['Lyon', 'France'],
];

export class MockBackend {
  readonly schemas: KindSchema[] = mockSchema();
  private readonly byKind = new Map<Kind, KindSchema>(this.schemas.map((s) => [s.kind, s]));
  private store = new Map<Kind, Map<string, EntityRecord>>();
  private changes: Change[] = [];
  /** Tag names by their NOCASE key: tags are shared between records, like the engine's. */
  private tagNames = new Map<string, string>();
  private seq = 0;
  private writes = 0;
  private nextId = 1;
  private chosen: boolean;
  private demo: boolean;
  private readonly options: MockOptions;
  private batches: MockBatch[] = [];
  /** Saved column mappings by `kind/name`: header → target. */
  private mappings = new Map<string, Record<string, string>>();
  private cancelling = false;
  /** Whether `reclean` was called: the review answers switch to the recorded ones after it. */
  private recleaned = false;
  /** What the next "open file" dialog answers (the contact list when not set). */
  nextPick: string | null = null;
  /** The recorded backups answers given so far (see ./backups.ts). */
  private backups: BackupList = structuredClone(BACKUPS_BEFORE);
  private emitEvent: ((event: string, payload: unknown) => void) | undefined;
  /** Files the mock "wrote" (exports, saved rows), by path. */
  readonly files = new Map<string, string>();
  /** Every command received, for tests that check what the UI sent. */
  /** Every command asked for, with its arguments, in order. */
  readonly calls: Array<{ command: Command; args: Args }> = [];

  constructor(options: MockOptions = {}) {
    this.options = options;
    this.chosen = options.chosen ?? false;
    this.demo = options.seeded ?? true;
    this.reset(this.demo);
  }

  /** Where events go (set by `installMockBackend`, unless the options name a sink). */
  connect(emit: (event: string, payload: unknown) => void): void {
    this.emitEvent = this.options.emit ?? emit;
  }

  private clockNow(): Date {
    return this.options.now?.() ?? new Date();
  }

  private now(): string {
    return this.clockNow().toISOString();
  }

  /** A hybrid logical clock reading for one write: wall time, counter, device. */
  private stamp(at: string): string {
    this.writes += 1;
    return `${at}-${String(this.writes % 10_000).padStart(4, '0')}-${DEVICE}`;
  }

  private reset(withDemo: boolean): void {
    this.store = new Map(this.schemas.map((s) => [s.kind, new Map<string, EntityRecord>()]));
    this.changes = [];
    this.tagNames = new Map();
    this.seq = 0;
    this.batches = [];
    this.mappings = new Map();
    if (withDemo) {
      const keys = new Map<string, string>();
      for (const row of seedDemo(this.clockNow())) this.insertSeed(row, keys);
    }
  }

  /** Stores one demo row. A row that doesn't fit the schema is a bug in seed.ts: throw. */
  private insertSeed(row: SeedRow, keys: Map<string, string>): void {
    const schema = this.schemaOf(row.kind);
    const values = this.blank(schema);
    const wrong = (why: string): never => {
      throw new Error(`mock seed row \`${row.key}\` (${row.kind}): ${why}`);
    };
    for (const [name, raw] of Object.entries(row.values)) {
      const field = schema.fields.find((candidate) => candidate.name === name);
      if (!field) return wrong(`the engine has no field \`${name}\``);
      if (field.ty === 'ref') {
        const id = typeof raw === 'string' ? keys.get(raw) : undefined;
        values[name] = id ?? wrong(`${name} names no earlier row (${String(raw)})`);
      } else if (field.ty === 'choice' && !field.choices.includes(String(raw))) {
        wrong(`${String(raw)} is not a choice of ${name} (${field.choices.join(', ')})`);
      } else {
        values[name] = raw;
      }
    }
    for (const field of schema.fields) {
      if (field.required && !isSet(values[field.name])) wrong(`${field.name} is required`);
    }
    const clock = this.stamp(row.at);
    const record = this.build(row.kind, this.newId(), values, row.at, clock);
    this.table(row.kind).set(record.id, record);
    keys.set(row.key, record.id);
    for (const field of schema.fields) {
      const value = values[field.name] ?? null;
      if (value !== null)
        this.log(row.kind, record.id, field.name, null, value, 'demo', row.at, clock);
    }
    record.tags = this.sortTags((row.tags ?? []).map((tag) => this.tagName(tag)));
    if (record.tags.length > 0) {
      this.log(row.kind, record.id, 'tags', null, record.tags.join(', '), 'demo', row.at, clock);
    }
    record.custom = { ...(row.custom ?? {}) };
    for (const [name, value] of Object.entries(record.custom)) {
      this.log(row.kind, record.id, `custom.${name}`, null, value, 'demo', row.at, clock);
    }
  }

  private newId(): string {
    const n = (this.nextId++).toString(16).padStart(12, '0');
    return `0190a5e4-7c1b-7000-8000-${n}`;
  }

  private schemaOf(kind: string): KindSchema {
    const schema = this.byKind.get(kind as Kind);
    if (!schema) {
      const known = this.schemas.map((s) => s.kind).join(', ');
      fail('validation', `unknown kind '${kind}' (expected one of: ${known})`, [
        { field: 'kind', reason: `unknown kind '${kind}'` },
      ]);
    }
    return schema;
  }

  /** Every field of the kind, unset: the engine returns all of them, null when empty. */
  private blank(schema: KindSchema): Values {
    return Object.fromEntries(schema.fields.map((field) => [field.name, null]));
  }

  private table(kind: Kind): Map<string, EntityRecord> {
    let table = this.store.get(kind);
    if (!table) {
      table = new Map();
      this.store.set(kind, table);
    }
    return table;
  }

  private findAny(id: string): EntityRecord | undefined {
    for (const table of this.store.values()) {
      const record = table.get(id);
      if (record) return record;
    }
    return undefined;
  }

  private log(
    entity: Kind,
    entityId: string,
    field: string,
    old: Value,
    next: Value,
    origin: string,
    at: string,
    clock: string,
  ): void {
    this.seq += 1;
    this.changes.push({
      seq: this.seq,
      entity,
      entity_id: entityId,
      field,
      old,
      new: next,
      clock,
      at,
      device: DEVICE,
      origin,
    });
  }

  /** The display title, by the engine's rules (`title_for` in src/store/records.rs). */
  private titleOf(kind: Kind, values: Values, refs: Record<string, string>): string {
    const text = (field: string): string => valueText(values[field]);
    const joined = TITLE_FIELDS[kind]
      .map(text)
      .filter((part) => part !== '')
      .join(' ');
    switch (kind) {
      case 'contact': {
        if (joined === '') return text('email') || text('phone') || '(no name)';
        // Names written in CJK scripts take no space between family and given name.
        const first = text('first_name');
        const last = text('last_name');
        return first && last && allCjk(first) && allCjk(last) ? `${last}${first}` : joined;
      }
      case 'relationship':
      case 'campaign_member': {
        const parts = Object.keys(refs)
          .sort(binary)
          .map((field) => refs[field] ?? '');
        return `${joined ? `${joined}: ` : ''}${parts.join(' · ')}`;
      }
      case 'feedback': {
        if (joined !== '') return truncate(joined, 80);
        const rating = values.rating;
        return typeof rating === 'number' ? `Rating ${rating}/5` : 'Feedback';
      }
      default:
        return joined || `(untitled ${this.schemaOf(kind).label.toLowerCase()})`;
    }
  }

  private build(kind: Kind, id: string, values: Values, at: string, clock: string): EntityRecord {
    const record: EntityRecord = {
      kind,
      id,
      title: '',
      values: { ...this.blank(this.schemaOf(kind)), ...values },
      refs: {},
      tags: [],
      custom: {},
      created_at: at,
      updated_at: clock,
      deleted_at: null,
    };
    this.refresh(record);
    return record;
  }

  /**
   * Recomputes the derived parts of a record: the titles of its refs and its own title.
   * Ref titles are shallow (a ref's own refs are not followed), as in the engine.
   */
  private refresh(record: EntityRecord): void {
    record.refs = {};
    for (const field of this.schemaOf(record.kind).fields) {
      const id = record.values[field.name];
      if (field.ty === 'ref' && typeof id === 'string') {
        const target = this.findAny(id);
        if (target) record.refs[field.name] = target.title;
      }
    }
    record.title = this.titleOf(record.kind, record.values, record.refs);
  }

  /** The engine resolves titles when reading; here, every stored record after a write. */
  private refreshAll(): void {
    // Contacts and companies first: the other kinds show their titles.
    for (const kind of ['contact', 'company'] as const) {
      for (const record of this.table(kind).values()) this.refresh(record);
    }
    for (const [kind, table] of this.store) {
      if (kind === 'contact' || kind === 'company') continue;
      for (const record of table.values()) this.refresh(record);
    }
  }

  private tagName(tag: string): string {
    const key = nocase(tag);
    const existing = this.tagNames.get(key);
    if (existing !== undefined) return existing;
    this.tagNames.set(key, tag);
    return tag;
  }

  private sortTags(tags: string[]): string[] {
    return [...new Set(tags)].sort((a, b) => binary(nocase(a), nocase(b)));
  }

  private synthetic(index: number): EntityRecord {
    const first = SYNTHETIC_FIRST[index % SYNTHETIC_FIRST.length] ?? 'Alex';
    const last = SYNTHETIC_LAST[Math.floor(index / 9) % SYNTHETIC_LAST.length] ?? 'Lee';
    const [city, country] = SYNTHETIC_CITY[index % SYNTHETIC_CITY.length] ?? ['Hangzhou', 'China'];
    const at = new Date(Date.UTC(2024, 0, 1) + index * 60_000).toISOString();
    const values: Values = {
      ...this.blank(this.schemaOf('contact')),
      first_name: first,
      last_name: last,
      email: `${first}.${last}.${index + 1}@example.com`.toLowerCase(),
      phone: `+86 571 ${String(1_000_000 + (index % 9_000_000)).slice(0, 7)}`,
      job_title: index % 3 === 0 ? 'Buyer' : index % 3 === 1 ? 'Owner' : 'Manager',
      city,
      country,
    };
    return {
      kind: 'contact',
      id: `synthetic-${index}`,
      title: this.titleOf('contact', values, {}),
      values,
      refs: {},
      tags: [],
      custom: {},
      created_at: at,
      updated_at: `${at}-0000-${DEVICE}`,
      deleted_at: null,
    };
  }

  private get syntheticCount(): number {
    return this.options.syntheticContacts ?? 0;
  }

  /** A record whether deleted or not (`get_any`). */
  private get(kind: Kind, id: string): EntityRecord {
    const stored = this.table(kind).get(id);
    if (stored) return stored;
    const match = /^synthetic-(\d+)$/.exec(id);
    if (kind === 'contact' && match) {
      const index = Number(match[1]);
      if (index < this.syntheticCount) return this.synthetic(index);
    }
    return fail('not_found', `no ${kind} with id ${id}`);
  }

  private live(kind: Kind, id: string): EntityRecord {
    const record = this.get(kind, id);
    if (record.deleted_at) fail('deleted', `${kind} ${id} was deleted on ${record.deleted_at}`);
    return record;
  }

  /** Parses one input string the way the engine does (`values::parse_field`). */
  private parse(
    kind: Kind,
    field: FieldSchema,
    raw: string,
  ): { value: Value } | { reason: string } {
    const text = raw.trim();
    if (text === '') return { value: null };
    if (Array.from(text).length > MAX_TEXT)
      return { reason: `is longer than ${MAX_TEXT} characters` };
    for (const c of text) {
      const cp = c.codePointAt(0) ?? 0;
      const control = cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
      const allowed = field.ty === 'long_text' && (c === '\n' || c === '\r' || c === '\t');
      if (control && !allowed) {
        const hex = cp.toString(16).toUpperCase().padStart(4, '0');
        return { reason: `contains a control character (U+${hex})` };
      }
    }
    switch (field.ty) {
      case 'text':
      case 'long_text':
      case 'ref':
        return { value: text };
      case 'email': {
        const email = parseEmail(text);
        return email ? { value: email } : { reason: `'${text}' is not a valid email address` };
      }
      case 'phone': {
        const digits = text.replace(/\D/g, '').length;
        const lower = text.toLowerCase().replaceAll('ext.', 'x').replaceAll('ext', 'x');
        return digits >= 3 && /^[\d +\-().,/#*x]+$/.test(lower)
          ? { value: text.split(/\s+/).join(' ') }
          : { reason: `'${text}' is not a valid phone number` };
      }
      case 'url': {
        const host = text.replace(/^(https:\/\/)+/, '').replace(/^(http:\/\/)+/, '');
        return /\s/.test(text) || !host.includes('.') || host.startsWith('.')
          ? { reason: `'${text}' is not a valid web address` }
          : { value: text };
      }
      case 'date': {
        const date = parseDate(text);
        return date
          ? { value: date.toISOString().slice(0, 10) }
          : { reason: `'${text}' is not a valid date (expected YYYY-MM-DD)` };
      }
      case 'datetime': {
        const date = parseDateTime(text);
        return date
          ? { value: seconds(date) }
          : {
              reason: `'${text}' is not a valid date and time (expected YYYY-MM-DD HH:MM or RFC 3339)`,
            };
      }
      case 'integer': {
        const digits = text.replace(/[_ ]/g, '');
        if (!/^[+-]?\d+$/.test(digits)) return { reason: `'${text}' is not a whole number` };
        const n = Number(digits);
        const range = INTEGER_RANGES[`${kind}.${field.name}`];
        if (range && (n < range[0] || n > range[1])) {
          return { reason: `${n} is out of range (must be ${range[0]} to ${range[1]})` };
        }
        return { value: n };
      }
      case 'money': {
        const amount = parseMoney(text);
        return amount === null ? { reason: `'${text}' is not a valid amount` } : { value: amount };
      }
      case 'decimal': {
        const cleaned = text.replace(/[_ ,]/g, '');
        if (/^[+-]?(inf|infinity|nan)$/i.test(cleaned)) {
          return { reason: `'${text}' is not a finite number` };
        }
        return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cleaned)
          ? { value: Number(cleaned) }
          : { reason: `'${text}' is not a number` };
      }
      case 'bool': {
        const word = text.toLowerCase();
        if (['true', 'yes', 'y', '1', 'on', 'done', 'x'].includes(word)) return { value: true };
        if (['false', 'no', 'n', '0', 'off'].includes(word)) return { value: false };
        return { reason: `'${text}' is not yes or no` };
      }
      case 'choice': {
        const wanted = text.toLowerCase().replace(/[ -]/g, '_');
        const choice = field.choices.find((candidate) => nocase(candidate) === nocase(wanted));
        return choice !== undefined
          ? { value: choice }
          : { reason: `'${text}' is not one of: ${field.choices.join(', ')}` };
      }
    }
  }

  private unknownField(schema: KindSchema, name: string): FieldIssue {
    const known = schema.fields.map((field) => field.name).join(', ');
    return { field: name, reason: `${schema.label} has no field '${name}' (fields: ${known})` };
  }

  /**
   * Parses `input` onto `base` and applies the engine's defaults and cross-field rules
   * (`Writer::parse` and `Writer::apply_rules`); rejects with every issue at once.
   */
  private validate(
    kind: Kind,
    base: Values,
    input: Record<string, string>,
    creating: boolean,
  ): { values: Values; custom: Array<[string, string]> } {
    const schema = this.schemaOf(kind);
    const given: Values = {};
    const custom: Array<[string, string]> = [];
    const issues: FieldIssue[] = [];
    for (const [key, raw] of Object.entries(input)) {
      if (key.startsWith('custom.')) {
        const name = key.slice('custom.'.length).trim();
        if (name === '' || Array.from(name).length > 100) {
          issues.push({ field: key, reason: 'a custom field needs a name of 1 to 100 characters' });
        } else {
          custom.push([name, raw.trim()]);
        }
        continue;
      }
      const field = schema.fields.find((candidate) => candidate.name === key);
      if (!field) {
        issues.push(this.unknownField(schema, key));
        continue;
      }
      const parsed = this.parse(kind, field, raw);
      if ('reason' in parsed) {
        issues.push({ field: key, reason: parsed.reason });
        continue;
      }
      const target = field.ref_kind && typeof parsed.value === 'string' ? parsed.value : null;
      if (field.ref_kind && target !== null) {
        const record = this.table(field.ref_kind).get(target);
        if (!record) {
          issues.push({ field: key, reason: `no ${field.ref_kind} with id ${target}` });
          continue;
        }
        if (record.deleted_at) {
          issues.push({
            field: key,
            reason: `${field.ref_kind} ${target} was deleted on ${record.deleted_at}`,
          });
          continue;
        }
      }
      given[key] = parsed.value;
    }
    const values: Values = { ...this.blank(schema), ...base, ...given };
    this.applyRules(kind, creating, values, given, issues);
    if (issues.length > 0) invalid(issues);
    return { values, custom };
  }

  private applyRules(
    kind: Kind,
    creating: boolean,
    values: Values,
    given: Values,
    issues: FieldIssue[],
  ): void {
    const set = (field: string) => isSet(values[field]);
    const fallback = (field: string, value: Value) => {
      if (creating && !set(field)) values[field] = value;
    };
    const now = seconds(this.clockNow());
    switch (kind) {
      case 'contact':
        if (!['first_name', 'last_name', 'email', 'phone'].some(set)) {
          issues.push({
            field: 'first_name',
            reason: 'a contact needs a name, an email or a phone',
          });
        }
        break;
      case 'deal': {
        const stage = given.stage;
        if (typeof stage === 'string') {
          const probability = STAGE_PROBABILITY[stage];
          if (!('probability' in given) && probability !== undefined) {
            values.probability = probability;
          }
          if ((stage === 'won' || stage === 'lost') && !set('closed_on')) {
            values.closed_on = now.slice(0, 10);
          }
        }
        if (set('value')) fallback('currency', 'USD');
        break;
      }
      case 'activity':
        fallback('done', false);
        if (values.kind !== 'task') fallback('occurred_at', now);
        break;
      case 'order':
        fallback('status', 'placed');
        fallback('currency', 'USD');
        break;
      case 'order_line': {
        fallback('quantity', 1);
        const quantity = values.quantity;
        const price = values.unit_price;
        if (!('amount' in given) && typeof quantity === 'number' && typeof price === 'number') {
          values.amount = Math.round(quantity * Math.round(price * 100)) / 100;
        }
        break;
      }
      case 'product':
        fallback('active', true);
        fallback('currency', 'USD');
        break;
      case 'ticket': {
        fallback('status', 'open');
        fallback('priority', 'normal');
        fallback('opened_at', now);
        const status = given.status;
        if ((status === 'resolved' || status === 'closed') && !set('resolved_at')) {
          values.resolved_at = now;
        }
        break;
      }
      case 'campaign':
        fallback('status', 'planned');
        break;
      case 'campaign_member':
        fallback('status', 'invited');
        break;
      case 'feedback':
        fallback('received_at', now);
        if (!set('rating') && !set('nps') && !set('comment')) {
          issues.push({
            field: 'rating',
            reason: 'feedback needs a rating, an NPS score or a comment',
          });
        }
        break;
      case 'relationship':
        if (!set('other_contact_id') && !set('company_id')) {
          issues.push({
            field: 'other_contact_id',
            reason: 'a relationship links a contact to another contact or to a company',
          });
        }
        break;
      case 'company':
        break;
    }
    for (const [start, end] of [
      ['started_on', 'ended_on'],
      ['starts_on', 'ends_on'],
    ] as const) {
      const a = values[start];
      const b = values[end];
      if (typeof a === 'string' && typeof b === 'string' && b < a) {
        issues.push({ field: end, reason: `ends (${b}) before it starts (${a})` });
      }
    }
    for (const field of this.schemaOf(kind).fields) {
      if (field.required && !set(field.name)) {
        issues.push({ field: field.name, reason: `${field.label} is required` });
      }
    }
  }

  /** Sets or clears custom fields, logging each change; returns whether any changed. */
  private applyCustom(
    record: EntityRecord,
    custom: Array<[string, string]>,
    at: string,
    clock: string,
    origin = 'app',
  ): boolean {
    let changed = false;
    for (const [name, value] of custom) {
      const old = record.custom[name] ?? null;
      record.custom =
        value === ''
          ? Object.fromEntries(Object.entries(record.custom).filter(([key]) => key !== name))
          : { ...record.custom, [name]: value };
      if (old !== (value || null)) {
        this.log(record.kind, record.id, `custom.${name}`, old, value || null, origin, at, clock);
        changed = true;
      }
    }
    return changed;
  }

  /** Validates `input` and stores a new record, logging every set field under `origin`. */
  private createWith(kind: Kind, input: Record<string, string>, origin: string): EntityRecord {
    const { values, custom } = this.validate(kind, {}, input, true);
    const at = this.now();
    const clock = this.stamp(at);
    const record = this.build(kind, this.newId(), values, at, clock);
    this.table(kind).set(record.id, record);
    for (const field of this.schemaOf(kind).fields) {
      const value = values[field.name] ?? null;
      if (value !== null) this.log(kind, record.id, field.name, null, value, origin, at, clock);
    }
    this.applyCustom(record, custom, at, clock, origin);
    return record;
  }

  /**
   * Validates `input` onto a live record and writes what differs, logging it under `origin`;
   * returns the changes (custom fields as `custom.NAME`).
   */
  private updateWith(
    record: EntityRecord,
    input: Record<string, string>,
    origin: string,
  ): Array<{ field: string; old: Value; next: Value }> {
    const kind = record.kind;
    const { values, custom } = this.validate(kind, record.values, input, false);
    const at = this.now();
    const clock = this.stamp(at);
    const changes: Array<{ field: string; old: Value; next: Value }> = [];
    for (const field of this.schemaOf(kind).fields) {
      const old = record.values[field.name] ?? null;
      const next = values[field.name] ?? null;
      if (old !== next) {
        this.log(kind, record.id, field.name, old, next, origin, at, clock);
        changes.push({ field: field.name, old, next });
      }
    }
    const customBefore = { ...record.custom };
    if (this.applyCustom(record, custom, at, clock, origin)) {
      for (const [name] of custom) {
        const old = customBefore[name] ?? null;
        const next = record.custom[name] ?? null;
        if (old !== next) changes.push({ field: `custom.${name}`, old, next });
      }
    }
    if (changes.length > 0) {
      record.values = values;
      record.updated_at = clock;
      this.refreshAll();
    }
    return changes;
  }

  private counts(): { [key in string]?: number } {
    const counts: { [key in string]?: number } = {};
    for (const [kind, table] of this.store) {
      let n = 0;
      for (const record of table.values()) if (!record.deleted_at) n += 1;
      counts[kind] = n + (kind === 'contact' ? this.syntheticCount : 0);
    }
    return counts;
  }

  private info(): WorkspaceInfo {
    return {
      path: this.chosen ? '/home/you/.local/share/kith/kith.sqlite' : '',
      chosen: this.chosen,
      demo: this.demo,
      counts: this.counts(),
    };
  }

  private list(kind: Kind, query: ListQuery): Page {
    const schema = this.schemaOf(kind);
    const issues: FieldIssue[] = [];
    const filters: Array<[string, Value]> = [];
    /** `review=yes|no`: the records in the recorded review list (see `review.ts`), or not. */
    let review: boolean | null = null;
    for (const [name, raw] of Object.entries(query.filters)) {
      if (raw === undefined) continue;
      if (name === 'review') {
        review = raw === 'yes';
        continue;
      }
      if (kind === 'contact' && FIGURES.includes(name)) unsimulated(`a list filtered by ${name}`);
      const field = schema.fields.find((candidate) => candidate.name === name);
      if (!field) {
        issues.push(this.unknownField(schema, name));
        continue;
      }
      const parsed = this.parse(kind, field, raw);
      if ('reason' in parsed) issues.push({ field: name, reason: parsed.reason });
      else filters.push([name, parsed.value]);
    }
    const sortName = query.sort ?? SORT_FIELD[kind];
    if (kind === 'contact' && FIGURES.includes(sortName))
      unsimulated(`a list sorted by ${sortName}`);
    const sortField = schema.fields.find((field) => field.name === sortName);
    if (!sortField) issues.push(this.unknownField(schema, sortName));
    if (issues.length > 0) invalid(issues);

    // The text filter: the title (as `ListQuery.text` promises) and, like the engine, each
    // title field, email and phone.
    const needle = query.text?.trim().toLowerCase() ?? '';
    const columns = schema.fields
      .filter((f) => TITLE_FIELDS[kind].includes(f.name) || f.ty === 'email' || f.ty === 'phone')
      .map((f) => f.name);
    const stored = [...this.table(kind).values()];
    const rows = stored.filter((record) => {
      if (record.deleted_at && !query.include_deleted) return false;
      if (
        review !== null &&
        this.flaggedPage(kind).items.some((item) => item.record_id === record.id) !== review
      )
        return false;
      for (const [name, wanted] of filters) {
        if (valueText(record.values[name]) !== valueText(wanted)) return false;
      }
      if (!needle) return true;
      const haystack = [record.title, ...columns.map((name) => valueText(record.values[name]))];
      return haystack.some((part) => part.toLowerCase().includes(needle));
    });
    // ORDER BY the field (NOCASE for text), then first name for contacts, then insertion.
    const fold = sortField?.ty === 'text' || sortField?.ty === 'email';
    const position = new Map(stored.map((record, index) => [record.id, index]));
    rows.sort((a, b) => {
      let order = compareValues(a.values[sortName], b.values[sortName], fold);
      if (order === 0 && kind === 'contact' && sortName === 'last_name') {
        order = compareValues(a.values.first_name, b.values.first_name, true);
      }
      if (order === 0) order = (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0);
      return query.desc ? -order : order;
    });

    const extra =
      kind === 'contact' && !needle && filters.length === 0 && review === null
        ? this.syntheticCount
        : 0;
    const total = rows.length + extra;
    const limit = Math.min(Math.max(query.limit, 1), MAX_PAGE);
    const end = Math.min(total, query.offset + limit);
    const page: EntityRecord[] = rows
      .slice(query.offset, end)
      .map((record) => structuredClone(record));
    for (let index = Math.max(query.offset, total - extra); index < end; index += 1) {
      page.push(this.synthetic(index - (total - extra)));
    }
    // No stored figures: the analytics are the engine's (see the recorded answers).
    return { total, offset: query.offset, rows: page, figures: {} };
  }

  /**
   * Records whose title, email or phone contains every word of `query`, ranked like the
   * engine: exact title, title prefix, word prefix, contained, other; then contacts,
   * companies, deals, notes; then shorter titles. (The engine also matches companies and
   * body text; the mock keeps to the fields above.)
   */
  private search(query: string, limit: number, kinds: Kind[] | null): SearchHit[] {
    const folded = fold(query.trim());
    const terms = folded.split(/\s+/).filter((term) => term !== '');
    const first = terms[0];
    if (first === undefined || limit <= 0) return [];
    const kindRank = (kind: Kind) => Math.min(SEARCHABLE.indexOf(kind), 3);
    const ranked: Array<{ rank: [number, number, number, string]; hit: SearchHit }> = [];
    for (const kind of kinds ?? SEARCHABLE) {
      if (!SEARCHABLE.includes(kind)) continue;
      for (const record of this.table(kind).values()) {
        if (record.deleted_at) continue;
        if (kind === 'activity' && record.values.kind !== 'note') continue;
        const phone = valueText(record.values.phone);
        const parts = [
          record.title,
          valueText(record.values.email),
          phone,
          phone.replace(/\D/g, ''),
        ]
          .filter((part) => part !== '')
          .map(fold);
        if (!terms.every((term) => parts.some((part) => part.includes(term)))) continue;
        const key = fold(record.title);
        const cls =
          key === folded
            ? 0
            : key.startsWith(folded)
              ? 1
              : key.split(/[^\p{L}\p{N}]/u).some((word) => word.startsWith(first))
                ? 2
                : key.includes(first)
                  ? 3
                  : 4;
        ranked.push({
          rank: [cls, kindRank(kind), Array.from(record.title).length, key],
          hit: { kind, id: record.id, title: record.title, subtitle: this.subtitle(record) },
        });
      }
    }
    ranked.sort(
      (a, b) =>
        a.rank[0] - b.rank[0] ||
        a.rank[1] - b.rank[1] ||
        a.rank[2] - b.rank[2] ||
        binary(a.rank[3], b.rank[3]),
    );
    return ranked.slice(0, limit).map((entry) => entry.hit);
  }

  /** What tells search hits apart (`Writer::doc` in src/store/search.rs). */
  private subtitle(record: EntityRecord): string {
    const text = (field: string) => valueText(record.values[field]);
    const ref = (field: string) => record.refs[field] ?? '';
    const parts =
      record.kind === 'contact'
        ? [ref('company_id'), text('email'), text('city')]
        : record.kind === 'company'
          ? [text('industry'), text('city'), text('country')]
          : record.kind === 'deal'
            ? [text('stage'), ref('company_id'), ref('contact_id')]
            : [ref('contact_id'), ref('company_id')];
    return parts.filter((part) => part !== '').join(' · ');
  }

  /** What happened around a contact or company (`Store::timeline`), newest first. */
  private timeline(kind: Kind, id: string): TimelineItem[] {
    if (kind !== 'contact' && kind !== 'company') {
      const reason = `only contacts and companies have a timeline, not ${kind}`;
      invalid([{ field: 'kind', reason }]);
    }
    const subject = this.get(kind, id);
    const link = kind === 'contact' ? 'contact_id' : 'company_id';
    const items: TimelineItem[] = [];
    for (const [itemKind, when, detailFields] of TIMELINE_SOURCES) {
      if (!this.schemaOf(itemKind).fields.some((field) => field.name === link)) continue;
      for (const record of this.table(itemKind).values()) {
        if (record.deleted_at || record.values[link] !== subject.id) continue;
        const at = when.map((field) => valueText(record.values[field])).find((t) => t !== '');
        const detail = detailFields
          .map((field) => truncate(valueText(record.values[field]), 140))
          .filter((part) => part !== '')
          .join(' · ');
        items.push({
          at: at ?? record.created_at,
          kind: itemKind,
          id: record.id,
          title: record.title,
          detail,
        });
      }
    }
    // Edits of the record itself, one entry per write.
    const writes = new Map<string, { at: string; fields: Set<string> }>();
    for (const change of this.changes) {
      if (change.entity_id !== subject.id) continue;
      const write = writes.get(change.clock) ?? { at: change.at, fields: new Set<string>() };
      write.fields.add(change.field);
      writes.set(change.clock, write);
    }
    let first = true;
    for (const { at, fields } of writes.values()) {
      const title = first
        ? `Created ${this.schemaOf(kind).label.toLowerCase()}`
        : fields.has('deleted_at')
          ? 'Deleted'
          : 'Edited';
      first = false;
      items.push({ at, kind, id: subject.id, title, detail: [...fields].sort(binary).join(', ') });
    }
    return items.sort((a, b) => binary(b.at, a.at));
  }

  private tag(kind: Kind, id: string, raw: string, add: boolean): EntityRecord {
    const clean = raw.trim();
    if (clean === '' || Array.from(clean).length > MAX_TAG || /\p{Cc}/u.test(clean)) {
      invalid([{ field: 'tag', reason: `a tag is 1 to ${MAX_TAG} printable characters` }]);
    }
    const record = this.live(kind, id);
    const before = record.tags.join(', ');
    if (add) {
      record.tags = this.sortTags([...record.tags, this.tagName(clean)]);
    } else {
      const key = nocase(clean);
      record.tags = record.tags.filter((existing) => nocase(existing) !== key);
    }
    const after = record.tags.join(', ');
    if (before !== after) {
      const at = this.now();
      this.log(kind, id, 'tags', before || null, after || null, 'app', at, this.stamp(at));
    }
    return structuredClone(record);
  }

  // ---- Import, export, duplicates (see files.ts for what the mock can read) ----

  /** Everything undo and a dry run need to put back. */
  private snapshot() {
    return structuredClone({
      store: this.store,
      changes: this.changes,
      tagNames: this.tagNames,
      seq: this.seq,
      writes: this.writes,
      nextId: this.nextId,
    });
  }

  private restore(saved: ReturnType<MockBackend['snapshot']>): void {
    this.store = saved.store;
    this.changes = saved.changes;
    this.tagNames = saved.tagNames;
    this.seq = saved.seq;
    this.writes = saved.writes;
    this.nextId = saved.nextId;
  }

  /** Reads a canned file as `read` asks: its source info and its rows after the header. */
  private readFile(path: string, read: ReadOptions): { info: SourceInfo; rows: SourceRow[] } {
    const file = MOCK_FILES.get(path);
    if (!file) {
      fail(
        'bad_file',
        `${path}: the mock backend cannot read files from disk; try ${MOCK_CONTACTS_PATH} or ` +
          `${MOCK_WORKBOOK_PATH} (canned files of npm run dev:mock)`,
      );
    }
    const csv = file.format === 'csv';
    const sheets = csv ? [] : file.sheets.map(([name]) => name);
    const sheet = csv ? null : (read.sheet ?? sheets[0] ?? null);
    const text = file.sheets.find(([name]) => csv || name === sheet)?.[1];
    if (text === undefined) {
      fail('bad_file', `${path}: there is no sheet '${sheet}' (sheets: ${sheets.join(', ')})`);
    }
    // Workbook cells are kept as ';'-separated text here; only a CSV's delimiter can change.
    const delimiter = csv ? (read.delimiter ?? file.delimiter ?? ',') : ';';
    const grid = splitRows(text, delimiter);
    const headerRow = read.header_row ?? 1;
    const head = grid[headerRow - 1];
    if (!Number.isInteger(headerRow) || headerRow < 1 || !head) {
      fail('bad_file', `${path}: there is no row ${headerRow} to take the headers from`);
    }
    const headers = head.map((cell) => cell.trim());
    const rows: SourceRow[] = grid.slice(headerRow).map((raw, index) => {
      const cells = headers.map((_, column) => raw[column] ?? '');
      return {
        line: headerRow + index + 1,
        cells,
        status: cells.every((cell) => cell.trim() === '')
          ? { status: 'skip', reason: 'empty row' }
          : { status: 'data' },
      };
    });
    const warnings: string[] = [];
    if (read.encoding && file.encoding && read.encoding !== file.encoding) {
      warnings.push(
        `the mock cannot decode ${read.encoding}; the text is shown as read with ${file.encoding}`,
      );
    }
    return {
      info: {
        format: file.format,
        encoding: read.encoding ?? file.encoding,
        encoding_detected: read.encoding === null && file.encoding !== null,
        bom: false,
        delimiter: csv ? delimiter : null,
        sheets,
        sheet,
        header_row: headerRow,
        headers,
        warnings,
      },
      rows,
    };
  }

  /** The caller's mapping, a saved one, or the automatic one; refused if it breaks the rules. */
  private chooseMapping(kind: Kind, headers: string[], options: ImportOptions): ColumnMap[] {
    const targets = mockTargets(this.schemaOf(kind));
    let mapping: ColumnMap[];
    if (options.mapping) {
      mapping = structuredClone(options.mapping);
    } else if (options.mapping_name) {
      const saved = this.mappings.get(`${kind}/${options.mapping_name}`);
      if (!saved) {
        invalid([
          {
            field: 'mapping',
            reason: `no saved ${kind} mapping is named '${options.mapping_name}'`,
          },
        ]);
      }
      mapping = mockAutoMap(targets, headers).map((column) => {
        const target = saved[column.header];
        return target === undefined ? column : { ...column, target, source: 'saved' };
      });
    } else {
      mapping = mockAutoMap(targets, headers);
    }
    const issues: FieldIssue[] = [];
    const seen = new Map<string, string>();
    for (const column of mapping) {
      const { target, header } = column;
      const custom = target.startsWith('custom.') && target.slice(7).trim() !== '';
      if (column.column >= headers.length) {
        issues.push({ field: header, reason: `the file has no column ${column.column + 1}` });
      } else if (!custom && !targets.some((candidate) => candidate.key === target)) {
        issues.push({ field: header, reason: `'${target}' is not a field of ${kind}` });
      } else if (target !== 'ignore' && !custom) {
        const other = seen.get(target);
        if (other !== undefined) {
          issues.push({ field: header, reason: `'${target}' is already filled from '${other}'` });
        }
        seen.set(target, header);
      }
    }
    if (issues.length > 0) invalid(issues);
    return mapping;
  }

  /** Date columns among the mapped ones, profiled over `rows`. */
  private dateColumns(
    kind: Kind,
    mapping: ColumnMap[],
    rows: SourceRow[],
    chosen: ImportOptions['date_order'],
  ): DateColumn[] {
    const fields = this.schemaOf(kind).fields;
    return mapping
      .filter((column) =>
        fields.some(
          (field) =>
            field.name === column.target && (field.ty === 'date' || field.ty === 'datetime'),
        ),
      )
      .map((column) => {
        const values = rows
          .filter((row) => row.status.status === 'data')
          .map((row) => row.cells[column.column] ?? '')
          .filter((value) => value.trim() !== '');
        const profile = profileDates(values);
        return {
          column: column.column,
          header: column.header,
          profile,
          order: chosen ?? profile.order,
        };
      });
  }

  private preview(path: string, kind: Kind, options: ImportOptions): Preview {
    const schema = this.schemaOf(kind);
    const { info, rows } = this.readFile(path, options.read);
    const mapping = this.chooseMapping(kind, info.headers, options);
    const samples = rows.slice(0, 50);
    const prefix = `${kind}/`;
    return {
      kind,
      file: path,
      source: info,
      export: null,
      mapping,
      targets: mockTargets(schema),
      samples,
      dates: this.dateColumns(kind, mapping, samples, options.date_order),
      saved: [...this.mappings.keys()]
        .filter((key) => key.startsWith(prefix))
        .map((key) => key.slice(prefix.length))
        .sort(binary),
    };
  }

  private async importRun(path: string, kind: Kind, options: ImportOptions): Promise<ImportReport> {
    this.cancelling = false;
    const started = Date.now();
    const { info, rows } = this.readFile(path, options.read);
    const mapping = this.chooseMapping(kind, info.headers, options);
    const dates = this.dateColumns(kind, mapping, rows, options.date_order);
    const unsure = dates.filter((column) => column.order === null && column.profile.ambiguous);
    const first = unsure[0];
    if (!options.dry_run && first) {
      invalid([
        {
          field: first.header,
          reason: `dates such as ${first.profile.examples.join(', ')} can be read day-first or month-first; choose a date format (DMY or MDY) before importing`,
        },
      ]);
    }
    const id = options.dry_run
      ? null
      : `0190a5e4-7c1b-7000-9000-${String(this.batches.length + 1).padStart(12, '0')}`;
    const at = this.now();
    const job: Job = {
      kind,
      options,
      mapping,
      dates,
      origin: id ? `import:${id}` : 'import:dry-run',
      overrides: new Map(options.overrides.map((override) => [override.line, override])),
      createdHere: new Map(),
      linked: new Map(),
      counts: { rows: 0, created: 0, updated: 0, merged: 0, skipped: 0, rejected: 0, flagged: 0 },
      rows: [],
      batch: id
        ? {
            summary: {
              id,
              kind,
              file: path,
              started_at: at,
              finished_at: null,
              status: 'done',
              counts: {
                rows: 0,
                created: 0,
                updated: 0,
                merged: 0,
                skipped: 0,
                rejected: 0,
                flagged: 0,
              },
              undone_at: null,
            },
            headers: info.headers,
            created: [],
            changed: [],
            kept: [],
            lastSeq: 0,
          }
        : null,
    };
    const before = this.snapshot();
    const delay = this.options.importRowDelayMs ?? 0;
    const progress = (done: number): void => {
      const secs = Math.max((Date.now() - started) / 1000, 0.001);
      const fraction = rows.length === 0 ? 1 : done / rows.length;
      const report: Progress = {
        rows: done,
        fraction,
        rows_per_sec: done / secs,
        eta_secs: fraction > 0 && fraction < 1 ? (secs * (1 - fraction)) / fraction : null,
      };
      (this.emitEvent ?? this.options.emit)?.('import-progress', report);
    };
    try {
      for (const [index, row] of rows.entries()) {
        if (delay > 0) await sleep(delay);
        if (this.cancelling) fail('cancelled', 'cancelled; nothing was changed');
        this.importRow(job, row);
        if (delay > 0) progress(index + 1);
      }
    } catch (error) {
      this.restore(before);
      throw error;
    }
    progress(rows.length);
    if (options.dry_run) this.restore(before);
    if (job.batch) {
      job.batch.summary.counts = { ...job.counts };
      job.batch.summary.finished_at = this.now();
      job.batch.lastSeq = this.seq;
      this.batches.push(job.batch);
    }
    const seconds = (Date.now() - started) / 1000;
    const warnings = [...info.warnings];
    if (rows.length === 0) warnings.push('the file has a header but no data rows');
    for (const column of unsure) {
      warnings.push(
        `column '${column.header}': dates such as ${column.profile.examples.join(', ')} can be read day-first or month-first; choose a date format`,
      );
    }
    return {
      batch: id,
      dry_run: options.dry_run,
      kind,
      file: path,
      source: info,
      export: null,
      mapping,
      dates,
      counts: job.counts,
      linked: [...job.linked].map(([linkedKind, created]) => ({ kind: linkedKind, created })),
      rows: job.rows,
      rows_omitted: 0,
      warnings,
      notes: [],
      seconds,
      rows_per_sec: seconds > 0 ? rows.length / seconds : 0,
    };
  }

  /** The recorded review list (of one kind, or all): before or after the recorded re-clean. */
  private flaggedPage(kind: Kind | null): FlaggedPage {
    const page = this.recleaned ? FLAGGED_AFTER : FLAGGED_BEFORE;
    if (kind !== null && page.items.some((item) => item.kind !== kind))
      return { items: [], total: 0, records: 0 };
    return structuredClone(page);
  }

  /** Notes how a row ended (`Job::note`). */
  private note(job: Job, report: RowReport): void {
    job.counts.rows += 1;
    job.counts[report.outcome] += 1;
    if (report.outcome === 'skipped' || report.outcome === 'rejected') {
      job.batch?.kept.push({ line: report.line, reason: report.reason, cells: report.cells });
    }
    if (report.outcome !== 'created') job.rows.push(report);
  }

  private importRow(job: Job, row: SourceRow): void {
    const report = (outcome: Outcome, reason: string, extra: Partial<RowReport> = {}): void =>
      this.note(job, {
        line: row.line,
        outcome,
        reason,
        issues: [],
        record: null,
        matched: null,
        cells: row.cells,
        review: [],
        ...extra,
      });
    if (row.status.status !== 'data') {
      report(row.status.status === 'skip' ? 'skipped' : 'rejected', row.status.reason);
      return;
    }
    const override = job.overrides.get(row.line);
    const cells = row.cells.map((cell, column) => override?.cells[column] ?? cell);
    const empty = job.mapping.every(
      (column) => column.target === 'ignore' || (cells[column.column] ?? '').trim() === '',
    );
    if (empty) {
      report('skipped', 'empty row');
      return;
    }
    const reject = (issues: FieldIssue[]): void =>
      report('rejected', issues.map((issue) => `${issue.field}: ${issue.reason}`).join('; '), {
        issues,
      });
    const prepared = this.prepare(job, cells);
    if ('issues' in prepared) {
      reject(prepared.issues);
      return;
    }
    const action: OnDuplicate = override?.action ?? job.options.on_duplicate;
    try {
      const written = this.writeRow(job, row.line, prepared, action);
      report(written.outcome, written.reason, {
        record: written.record,
        matched: written.matched,
      });
    } catch (error) {
      const dto = error as ErrorReport;
      if (dto.code !== 'validation') throw error;
      reject(dto.issues.map((issue) => ({ ...issue, field: this.headerFor(job, issue.field) })));
    }
  }

  /** The column a field's value came from (the field's name when none did). */
  private headerFor(job: Job, field: string): string {
    const column = job.mapping.find(
      (candidate) =>
        candidate.target === field ||
        (candidate.target === 'full_name' && (field === 'first_name' || field === 'last_name')),
    );
    return column?.header ?? field;
  }

  /** Cleans a row's cells into field input; every refused cell is an issue (`Job::prepare`). */
  private prepare(job: Job, cells: string[]): Prepared | { issues: FieldIssue[] } {
    const schema = this.schemaOf(job.kind);
    const prepared: Prepared = { input: {}, id: null, company: null, contact: null, tags: [] };
    const issues: FieldIssue[] = [];
    let fullName: string | null = null;
    for (const column of job.mapping) {
      const text = (cells[column.column] ?? '').trim();
      if (text === '' || column.target === 'ignore') continue;
      const target = column.target;
      if (target === 'id') prepared.id = text;
      else if (target === 'full_name') fullName = text;
      else if (target === 'company') prepared.company = text;
      else if (target === 'contact') prepared.contact = text;
      else if (target === 'tags') {
        prepared.tags.push(
          ...text
            .split(/[,;]/)
            .map((tag) => tag.trim())
            .filter((tag) => tag),
        );
      } else if (target.startsWith('custom.')) prepared.input[target] = text;
      else {
        const field = schema.fields.find((candidate) => candidate.name === target);
        if (!field) {
          issues.push({
            field: column.header,
            reason: `'${target}' is not a field of ${job.kind}`,
          });
          continue;
        }
        let clean = text;
        if (field.ty === 'date') {
          const order = job.dates.find((date) => date.column === column.column)?.order ?? null;
          const date = cleanDate(text, order ?? job.options.date_order);
          if ('reason' in date) {
            issues.push({ field: column.header, reason: date.reason });
            continue;
          }
          clean = date.text;
        } else if (field.ty === 'phone') {
          clean = cleanPhone(text, job.options.default_country);
        }
        const parsed = this.parse(job.kind, field, clean);
        if ('reason' in parsed) issues.push({ field: column.header, reason: parsed.reason });
        else prepared.input[field.name] = clean;
      }
    }
    if (fullName !== null) {
      const [firstName, lastName] = splitName(fullName);
      prepared.input.first_name ??= firstName;
      if (lastName) prepared.input.last_name ??= lastName;
    }
    return issues.length > 0 ? { issues } : prepared;
  }

  /** A record created for a row or a link, remembered by the batch for undo. */
  private importCreate(job: Job, kind: Kind, input: Record<string, string>): EntityRecord {
    const record = this.createWith(kind, input, job.origin);
    job.batch?.created.push({ kind, id: record.id });
    return record;
  }

  /** The company named `name` (ignoring case), else a new one. */
  private linkCompany(job: Job, name: string): string {
    for (const record of this.table('company').values()) {
      if (!record.deleted_at && nocase(valueText(record.values.name)) === nocase(name)) {
        return record.id;
      }
    }
    job.linked.set('company', (job.linked.get('company') ?? 0) + 1);
    return this.importCreate(job, 'company', { name }).id;
  }

  /** The contact named by an email address or a name, else a new one. */
  private linkContact(job: Job, who: string): string {
    const email = who.includes('@');
    for (const record of this.table('contact').values()) {
      if (record.deleted_at) continue;
      const key = email ? valueText(record.values.email) : record.title;
      if (key.toLowerCase() === who.toLowerCase()) return record.id;
    }
    job.linked.set('contact', (job.linked.get('contact') ?? 0) + 1);
    const [first, last] = splitName(who);
    const input: Record<string, string> = email
      ? { email: who }
      : { first_name: first, last_name: last };
    return this.importCreate(job, 'contact', input).id;
  }

  /** The record a row duplicates, if any (`Job::find_match`). */
  private findMatch(job: Job, prepared: Prepared): Match | null {
    const found = (record: EntityRecord, by: MatchBy, score: number): Match => ({
      id: record.id,
      title: record.title,
      by,
      score,
      line: job.createdHere.get(record.id) ?? null,
    });
    const live = [...this.table(job.kind).values()].filter((record) => !record.deleted_at);
    const given = (field: string) => prepared.input[field]?.trim() ?? '';
    if (prepared.id) {
      const record = live.find((candidate) => candidate.id === prepared.id);
      if (record) return found(record, 'id', 100);
    }
    const same = (field: string, fold: boolean) => {
      const wanted = given(field);
      if (wanted === '') return undefined;
      return live.find((record) => {
        const text = valueText(record.values[field]);
        return fold ? text.toLowerCase() === wanted.toLowerCase() : text === wanted;
      });
    };
    const keys: Array<[string, boolean, MatchBy, number]> =
      job.kind === 'contact'
        ? [
            ['email', true, 'email', 100],
            ['phone', false, 'phone', 95],
          ]
        : job.kind === 'company'
          ? [
              ['domain', true, 'domain', 100],
              ['name', true, 'name', 100],
            ]
          : job.kind === 'order'
            ? [['number', false, 'number', 100]]
            : [];
    for (const [field, fold, by, score] of keys) {
      const record = same(field, fold);
      if (record) return found(record, by, score);
    }
    return null;
  }

  /** Links, matches and writes one cleaned row (`Job::write_row`). */
  private writeRow(
    job: Job,
    line: number,
    prepared: Prepared,
    action: OnDuplicate,
  ): { outcome: Outcome; reason: string; record: string | null; matched: Match | null } {
    const fields = this.schemaOf(job.kind).fields;
    const input = { ...prepared.input };
    if (prepared.company !== null) {
      if (fields.some((field) => field.name === 'company_id')) {
        input.company_id = this.linkCompany(job, prepared.company);
      } else if (job.kind === 'company') {
        input.name ??= prepared.company;
      }
    }
    if (prepared.contact !== null && fields.some((field) => field.name === 'contact_id')) {
      input.contact_id = this.linkContact(job, prepared.contact);
    }
    const matched = action === 'create' ? null : this.findMatch(job, { ...prepared, input });
    if (matched) {
      const how =
        matched.by === 'name'
          ? `a similar name (score ${matched.score})`
          : matched.by === 'id'
            ? 'its id'
            : matched.by === 'number'
              ? 'order number'
              : matched.by === 'domain'
                ? 'web domain'
                : matched.by;
      const from = matched.line !== null ? ` from line ${matched.line}` : '';
      if (action === 'skip') {
        return {
          outcome: 'skipped',
          reason: `duplicate of '${matched.title}'${from} (by ${how})`,
          record: matched.id,
          matched,
        };
      }
      const record = this.live(job.kind, matched.id);
      const existed = !job.createdHere.has(record.id);
      const changes = this.updateWith(record, input, job.origin);
      const tagsBefore = record.tags.join(', ');
      record.tags = this.sortTags([...record.tags, ...prepared.tags.map((t) => this.tagName(t))]);
      const tagsAfter = record.tags.join(', ');
      if (tagsBefore !== tagsAfter) {
        const at = this.now();
        const clock = this.stamp(at);
        this.log(job.kind, record.id, 'tags', tagsBefore || null, tagsAfter, job.origin, at, clock);
        changes.push({ field: 'tags', old: tagsBefore || null, next: tagsAfter });
      }
      if (existed) {
        for (const change of changes) {
          job.batch?.changed.push({
            kind: job.kind,
            id: record.id,
            field: change.field,
            old: change.old,
            wrote: change.next,
          });
        }
      }
      if (changes.length === 0) {
        return {
          outcome: 'skipped',
          reason: `already up to date: same as '${matched.title}'${from} (by ${how})`,
          record: matched.id,
          matched,
        };
      }
      return {
        outcome: matched.line !== null ? 'merged' : 'updated',
        reason: `merged into '${matched.title}'${from} (by ${how})`,
        record: matched.id,
        matched,
      };
    }
    const record = this.importCreate(job, job.kind, input);
    job.createdHere.set(record.id, line);
    if (prepared.tags.length > 0) {
      record.tags = this.sortTags(prepared.tags.map((tag) => this.tagName(tag)));
      const at = this.now();
      this.log(
        job.kind,
        record.id,
        'tags',
        null,
        record.tags.join(', '),
        job.origin,
        at,
        this.stamp(at),
      );
    }
    return { outcome: 'created', reason: '', record: record.id, matched: null };
  }

  private batch(id: string): MockBatch {
    const batch = this.batches.find((candidate) => candidate.summary.id === id);
    if (!batch) fail('not_found', `no import batch with id ${id}`);
    return batch;
  }

  /** Undoes an import (`Store::undo_import`): later edits are kept and named. */
  private undo(id: string): UndoReport {
    const batch = this.batch(id);
    if (batch.summary.undone_at) {
      invalid([
        { field: 'batch', reason: `import ${id} was already undone on ${batch.summary.undone_at}` },
      ]);
    }
    const origin = `undo:${id}`;
    const at = this.now();
    const clock = this.stamp(at);
    const report: UndoReport = {
      batch: id,
      removed: 0,
      already_deleted: 0,
      restored_records: 0,
      restored_fields: 0,
      kept: [],
    };
    const changedLater = (recordId: string, field: string | null) =>
      this.changes.some(
        (change) =>
          change.entity_id === recordId &&
          change.seq > batch.lastSeq &&
          !change.origin.startsWith('undo:') &&
          (field === null || change.field === field),
      );
    const restored = new Set<string>();
    for (const change of batch.changed) {
      const record = this.get(change.kind, change.id);
      if (changedLater(change.id, change.field)) {
        report.kept.push({
          kind: change.kind,
          id: change.id,
          title: record.title,
          reason: `${change.field} was changed after the import; the newer value is kept`,
        });
        continue;
      }
      if (change.field === 'tags') {
        record.tags = valueText(change.old)
          .split(', ')
          .filter((tag) => tag !== '');
      } else if (change.field.startsWith('custom.')) {
        const name = change.field.slice('custom.'.length);
        const rest = Object.entries(record.custom).filter(([key]) => key !== name);
        record.custom = Object.fromEntries(
          change.old === null ? rest : [...rest, [name, valueText(change.old)]],
        );
      } else {
        record.values = { ...record.values, [change.field]: change.old };
      }
      this.log(change.kind, change.id, change.field, change.wrote, change.old, origin, at, clock);
      record.updated_at = clock;
      report.restored_fields += 1;
      restored.add(change.id);
    }
    report.restored_records = restored.size;
    for (const { kind, id: recordId } of [...batch.created].reverse()) {
      const record = this.get(kind, recordId);
      if (record.deleted_at) {
        report.already_deleted += 1;
      } else if (changedLater(recordId, null)) {
        report.kept.push({
          kind,
          id: recordId,
          title: record.title,
          reason: 'edited after the import; kept',
        });
      } else {
        record.deleted_at = at;
        record.updated_at = clock;
        this.log(kind, recordId, 'deleted_at', null, at, origin, at, clock);
        report.removed += 1;
      }
    }
    this.refreshAll();
    batch.summary.status = 'undone';
    batch.summary.undone_at = at;
    return report;
  }

  /** Writes a batch's skipped and rejected rows as CSV into `files`; returns how many. */
  private saveRows(id: string, path: string): number {
    const batch = this.batch(id);
    const lines = [csvLine([...batch.headers, 'kith_line', 'kith_reason'])];
    for (const row of batch.kept) lines.push(csvLine([...row.cells, String(row.line), row.reason]));
    this.files.set(path, `${lines.join('\n')}\n`);
    return batch.kept.length;
  }

  /** Records that look like the same contact or company (`Store::find_duplicates`). */
  private duplicates(kind: Kind): DuplicateGroup[] {
    if (kind !== 'contact' && kind !== 'company') {
      invalid([
        { field: 'kind', reason: `only contacts and companies have duplicates, not ${kind}` },
      ]);
    }
    const records = [...this.table(kind).values()]
      .filter((record) => !record.deleted_at)
      .sort((a, b) => binary(a.created_at, b.created_at));
    const keys: Array<[MatchBy, number, string, (record: EntityRecord) => string]> =
      kind === 'contact'
        ? [
            ['email', 100, 'email', (r) => valueText(r.values.email).toLowerCase()],
            ['phone', 95, 'phone', (r) => phoneKey(valueText(r.values.phone))],
            [
              'name',
              90,
              'name',
              (r) => (r.values.first_name && r.values.last_name ? fold(r.title) : ''),
            ],
          ]
        : [
            ['domain', 100, 'web domain', (r) => valueText(r.values.domain).toLowerCase()],
            ['name', 95, 'name', (r) => companyKey(valueText(r.values.name))],
          ];
    const parent = records.map((_, index) => index);
    const root = (index: number): number => {
      let at = index;
      while (parent[at] !== at) at = parent[at] ?? at;
      return at;
    };
    const why = new Map<number, { by: MatchBy; score: number; reason: string }>();
    for (const [by, score, label, keyOf] of keys) {
      const firstWith = new Map<string, number>();
      records.forEach((record, index) => {
        const key = keyOf(record);
        if (key === '') return;
        const earlier = firstWith.get(key);
        if (earlier === undefined) {
          firstWith.set(key, index);
          return;
        }
        const [a, b] = [root(earlier), root(index)];
        const top = Math.min(a, b);
        const best = [
          why.get(a),
          why.get(b),
          { by, score, reason: `same ${label} ${by === 'name' ? record.title : key}` },
        ]
          .filter((entry) => entry !== undefined)
          .sort((x, y) => y.score - x.score)[0];
        parent[a] = top;
        parent[b] = top;
        why.delete(a);
        why.delete(b);
        if (best) why.set(top, best);
      });
    }
    const groups = new Map<number, EntityRecord[]>();
    records.forEach((record, index) => {
      const top = root(index);
      groups.set(top, [...(groups.get(top) ?? []), record]);
    });
    return [...groups]
      .filter(([, members]) => members.length > 1)
      .map(([top, members]) => {
        const reason = why.get(top) ?? { by: 'name' as MatchBy, score: 90, reason: 'similar' };
        return { kind, records: structuredClone(members), ...reason };
      })
      .sort((a, b) => b.score - a.score);
  }

  /** Merges records into the first (`Store::merge_records`): nothing is lost. */
  private merge(kind: Kind, ids: string[]): MergeReport {
    const unique = [...new Set(ids)];
    if (unique.length < 2) {
      invalid([{ field: 'ids', reason: 'choose at least two different records to merge' }]);
    }
    const [winner, ...losers] = unique.map((id) => this.live(kind, id));
    if (!winner) return fail('internal', 'no winner');
    const schema = this.schemaOf(kind);
    const at = this.now();
    const clock = this.stamp(at);
    let filled = 0;
    let moved = 0;
    for (const loser of losers) {
      const differing: string[] = [];
      for (const field of schema.fields) {
        const mine = winner.values[field.name] ?? null;
        const theirs = loser.values[field.name] ?? null;
        if (theirs === null || theirs === '') continue;
        if (mine === null || mine === '') {
          winner.values = { ...winner.values, [field.name]: theirs };
          this.log(kind, winner.id, field.name, null, theirs, 'merge', at, clock);
          filled += 1;
        } else if (valueText(mine) !== valueText(theirs)) {
          differing.push(`${field.name}: ${valueText(theirs)}`);
        }
      }
      if (differing.length > 0) {
        const text = `${loser.title} (${loser.id}): ${differing.join('; ')}`;
        this.log(kind, winner.id, 'merged_from', null, text, 'merge', at, clock);
      }
      for (const [name, value] of Object.entries(loser.custom)) {
        if (value !== undefined && winner.custom[name] === undefined) {
          winner.custom = { ...winner.custom, [name]: value };
          this.log(kind, winner.id, `custom.${name}`, null, value, 'merge', at, clock);
        }
      }
      const tags = this.sortTags([...winner.tags, ...loser.tags]);
      if (tags.join(', ') !== winner.tags.join(', ')) {
        this.log(
          kind,
          winner.id,
          'tags',
          winner.tags.join(', ') || null,
          tags.join(', '),
          'merge',
          at,
          clock,
        );
        winner.tags = tags;
      }
      for (const [otherKind, table] of this.store) {
        const refs = this.schemaOf(otherKind).fields.filter((field) => field.ref_kind === kind);
        for (const record of table.values()) {
          for (const field of refs) {
            if (record.values[field.name] !== loser.id) continue;
            record.values = { ...record.values, [field.name]: winner.id };
            record.updated_at = clock;
            this.log(otherKind, record.id, field.name, loser.id, winner.id, 'merge', at, clock);
            moved += 1;
          }
        }
      }
      loser.deleted_at = at;
      loser.updated_at = clock;
      this.log(kind, loser.id, 'deleted_at', null, at, 'merge', at, clock);
    }
    winner.updated_at = clock;
    this.refreshAll();
    return {
      winner: structuredClone(winner),
      merged: losers.map((loser) => loser.id),
      filled,
      moved,
    };
  }

  /** "Writes" the records a list query matches into `files` (`export::export`). */
  private exportRecords(kind: Kind, path: string, options: ExportOptions): ExportSummary {
    const schema = this.schemaOf(kind);
    if (options.format === 'vcf' && kind !== 'contact') {
      invalid([{ field: 'format', reason: `vCard export is for contacts only, not ${kind}` }]);
    }
    const page = this.list(kind, { ...options.query, offset: 0, limit: MAX_PAGE });
    const columns = [
      'id',
      ...schema.fields.map((field) =>
        field.name === 'company_id'
          ? 'company'
          : field.name === 'contact_id'
            ? 'contact'
            : field.name,
      ),
      'tags',
    ];
    const lines = page.rows.map((record) =>
      csvLine([
        record.id,
        ...schema.fields.map((field) =>
          field.ty === 'ref'
            ? (record.refs[field.name] ?? '')
            : valueText(record.values[field.name]),
        ),
        record.tags.join(', '),
      ]),
    );
    const text = [csvLine(columns), ...lines].join('\n');
    this.files.set(path, options.format === 'csv' && options.bom ? `\ufeff${text}` : text);
    return {
      file: path,
      format: options.format,
      records: page.total,
      columns: options.format === 'vcf' ? [] : columns,
    };
  }

  /**
   * The analytics are the engine's: the simulation answers them as the engine answered for a
   * workspace no analysis found anything in (the recorded `empty` one), events included. A
   * call it did not record fails, and fails its test.
   */
  private async unanalysed(command: Command, args: Args): Promise<unknown> {
    let found;
    try {
      found = recorded(command, args, 'empty');
    } catch (error) {
      if (error instanceof UnrecordedCall) noteUnrecorded(error.message);
      throw error;
    }
    for (const { event, payload } of found.events ?? []) {
      (this.emitEvent ?? this.options.emit)?.(event, structuredClone(payload));
      await Promise.resolve();
    }
    if (found.error) throw structuredClone(found.error);
    return structuredClone(found.answer);
  }

  /** Answers one IPC command; rejects with an `ErrorReport` like the engine does. */
  handle = async (command: Command, payload?: unknown): Promise<unknown> => {
    const args: Args =
      typeof payload === 'object' && payload !== null && !Array.isArray(payload)
        ? (payload as Args)
        : {};
    this.calls.push({ command, args });
    await sleep(this.options.latencyMs ?? 0);
    // Typed as the shell's commands, so a case for a command the shell does not have fails
    // the type check.
    switch (command) {
      case 'schema':
        return structuredClone(this.schemas);
      case 'workspace_info':
        return this.info();
      case 'workspace_choose': {
        const choice = stringArg(args, 'choice');
        if (choice !== 'demo' && choice !== 'empty') fail('internal', `unknown choice ${choice}`);
        if (choice === 'demo') await sleep(this.options.demoDelayMs ?? 0);
        this.demo = choice === 'demo';
        this.reset(this.demo);
        this.chosen = true;
        return this.info();
      }
      case 'record_list':
        return this.list(this.schemaOf(stringArg(args, 'kind')).kind, args.query as ListQuery);
      case 'record_get': {
        const kind = this.schemaOf(stringArg(args, 'kind')).kind;
        return structuredClone(this.get(kind, stringArg(args, 'id')));
      }
      case 'record_create': {
        const kind = this.schemaOf(stringArg(args, 'kind')).kind;
        return structuredClone(this.createWith(kind, inputArg(args), 'app'));
      }
      case 'record_update': {
        const kind = this.schemaOf(stringArg(args, 'kind')).kind;
        const record = this.live(kind, stringArg(args, 'id'));
        this.updateWith(record, inputArg(args), 'app');
        return structuredClone(record);
      }
      case 'record_delete': {
        const kind = this.schemaOf(stringArg(args, 'kind')).kind;
        const record = this.live(kind, stringArg(args, 'id'));
        const at = this.now();
        const clock = this.stamp(at);
        record.deleted_at = at;
        record.updated_at = clock;
        this.log(kind, record.id, 'deleted_at', null, at, 'app', at, clock);
        return null;
      }
      case 'search': {
        const limit = typeof args.limit === 'number' ? args.limit : 20;
        const kinds = Array.isArray(args.kinds) ? (args.kinds as Kind[]) : null;
        return this.search(stringArg(args, 'query'), limit, kinds);
      }
      case 'history': {
        const id = stringArg(args, 'id');
        const changes = this.changes.filter((change) => change.entity_id === id).reverse();
        if (changes.length === 0 && !this.findAny(id)) {
          invalid([{ field: 'id', reason: `no record has id ${id}` }]);
        }
        return structuredClone(changes);
      }
      case 'timeline': {
        const kind = this.schemaOf(stringArg(args, 'kind')).kind;
        return this.timeline(kind, stringArg(args, 'id'));
      }
      case 'record_tag':
      case 'record_untag': {
        const kind = this.schemaOf(stringArg(args, 'kind')).kind;
        const id = stringArg(args, 'id');
        return this.tag(kind, id, stringArg(args, 'tag'), command === 'record_tag');
      }
      case 'dialog_open': {
        const picked = this.nextPick ?? MOCK_CONTACTS_PATH;
        this.nextPick = null;
        return picked;
      }
      case 'dialog_save':
        return `${MOCK_SAVE_DIR}/${stringArg(args, 'name')}`;
      case 'import_preview': {
        const kind = this.schemaOf(stringArg(args, 'kind')).kind;
        return this.preview(stringArg(args, 'path'), kind, args.options as ImportOptions);
      }
      case 'import_run': {
        const kind = this.schemaOf(stringArg(args, 'kind')).kind;
        return this.importRun(stringArg(args, 'path'), kind, args.options as ImportOptions);
      }
      case 'import_cancel':
        this.cancelling = true;
        return null;
      case 'import_list':
        return structuredClone(this.batches.map((batch) => batch.summary).reverse());
      case 'import_undo':
        return this.undo(stringArg(args, 'batch'));
      case 'import_save_rows':
        return this.saveRows(stringArg(args, 'batch'), stringArg(args, 'path'));
      case 'mapping_save': {
        const kind = this.schemaOf(stringArg(args, 'kind')).kind;
        const name = stringArg(args, 'name').trim();
        if (name === '') invalid([{ field: 'name', reason: 'a saved mapping needs a name' }]);
        const mapping = args.mapping as ColumnMap[];
        this.mappings.set(
          `${kind}/${name}`,
          Object.fromEntries(mapping.map((column) => [column.header, column.target])),
        );
        return null;
      }
      case 'backup_list':
        return structuredClone(this.backups);
      case 'backup_create':
        this.backups.backups.unshift(structuredClone(BACKUP_MADE));
        return structuredClone(BACKUP_MADE);
      case 'backup_restore':
        this.backups = structuredClone({ ...BACKUPS_AFTER, keep: this.backups.keep });
        return structuredClone(RESTORED);
      case 'backup_keep':
        this.backups.keep = Number(args.keep);
        return structuredClone(this.backups);
      case 'review_list': {
        const page = this.flaggedPage((args.kind as Kind | null | undefined) ?? null);
        return { ...page, items: page.items.slice(0, Number(args.limit ?? page.items.length)) };
      }
      case 'review_record': {
        const id = stringArg(args, 'id');
        return this.flaggedPage(null)
          .items.filter((item) => item.record_id === id)
          .map((item) => ({ field: item.field, column: '', raw: item.raw, reason: item.reason }));
      }
      case 'review_reclean': {
        const kind = (args.kind as Kind | null | undefined) ?? null;
        if (this.flaggedPage(kind).total === 0) return { checked: 0, cleaned: [], still: 0 };
        const answer = this.recleaned
          ? { checked: FLAGGED_AFTER.total, cleaned: [], still: FLAGGED_AFTER.total }
          : RECLEANED;
        this.recleaned = true;
        return structuredClone(answer);
      }
      case 'duplicates_find':
        return this.duplicates(this.schemaOf(stringArg(args, 'kind')).kind);
      case 'merge': {
        const kind = this.schemaOf(stringArg(args, 'kind')).kind;
        const ids = Array.isArray(args.ids) ? args.ids.map(String) : [];
        return this.merge(kind, ids);
      }
      case 'export': {
        const kind = this.schemaOf(stringArg(args, 'kind')).kind;
        const options = args.options as ExportOptions;
        return this.exportRecords(kind, stringArg(args, 'path'), options);
      }
      case 'dashboard_charts':
      case 'chart':
      case 'chart_export':
      case 'dashboard_kpis':
      case 'analyze_rfm':
      case 'analyze_segments':
      case 'analyze_clv':
      case 'analyze_scores':
      case 'analyze_forecast':
      case 'analyze_satisfaction':
      case 'customer_figures':
      case 'analyze_all':
      case 'analyze_report':
      case 'analyze_deal_score':
      case 'analyze_rules':
      case 'analyze_rules_set':
      case 'analyze_rules_reset':
      case 'analyze_target':
        return this.unanalysed(command, args);
      default:
        return fail('internal', `command ${command} not found`);
    }
  };
}
