//! An in-memory stand-in for the engine, for `vite --mode mock` and for unit tests.
//! It answers the same commands with the same shapes and error codes as the IPC contract;
//! it is never part of the production bundle (main.ts imports it behind the mock flag).
import type { Change } from '../bindings/Change';
import type { EntityRecord } from '../bindings/EntityRecord';
import type { ErrorReport } from '../bindings/ErrorReport';
import type { FieldSchema } from '../bindings/FieldSchema';
import type { FieldIssue } from '../bindings/FieldIssue';
import type { Kind } from '../bindings/Kind';
import type { KindSchema } from '../bindings/KindSchema';
import type { ListQuery } from '../bindings/ListQuery';
import type { Page } from '../bindings/Page';
import type { SearchHit } from '../bindings/SearchHit';
import type { TimelineItem } from '../bindings/TimelineItem';
import type { Value } from '../bindings/Value';
import type { WorkspaceInfo } from '../bindings/WorkspaceInfo';
import { mockSchema } from './schema';
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
};

type Args = Record<string, unknown>;

const DEVICE = 'mock-device';
const SEARCHABLE: readonly Kind[] = ['contact', 'company', 'deal', 'activity'];

function fail(code: ErrorReport['code'], message: string, issues: FieldIssue[] = []): never {
  const dto: ErrorReport = { code, message, issues };
  throw dto;
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
  for (const [key, raw] of Object.entries(value)) {
    if (typeof raw !== 'string') fail('internal', `input.${key} must be a string`);
    input[key] = raw;
  }
  return input;
}

function valueText(value: Value | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

function compareValues(a: Value | undefined, b: Value | undefined): number {
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'zh-Hans-CN');
}

const SYNTHETIC_FIRST = ['Alex', 'Li', 'Maria', 'Chen', 'Sam', 'Wang', 'Priya', 'Zhang', 'Tom'];
const SYNTHETIC_LAST = ['Lee', 'Wu', 'Garcia', 'Liu', 'Smith', 'Zhao', 'Patel', 'Huang', 'Kim'];
const SYNTHETIC_CITY = ['Hangzhou', 'Shanghai', 'Berlin', 'Austin', 'Shenzhen', 'Lyon'];

export class MockBackend {
  readonly schemas: KindSchema[] = mockSchema();
  private readonly byKind = new Map<Kind, KindSchema>(this.schemas.map((s) => [s.kind, s]));
  private store = new Map<Kind, Map<string, EntityRecord>>();
  private changes: Change[] = [];
  private seq = 0;
  private nextId = 1;
  private chosen: boolean;
  private demo: boolean;
  private readonly options: MockOptions;
  /** Every command received, for tests that check what the UI sent. */
  readonly calls: Array<{ command: string; args: Args }> = [];

  constructor(options: MockOptions = {}) {
    this.options = options;
    this.chosen = options.chosen ?? false;
    this.demo = options.seeded ?? true;
    this.reset(this.demo);
  }

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  private reset(withDemo: boolean): void {
    this.store = new Map(this.schemas.map((s) => [s.kind, new Map<string, EntityRecord>()]));
    this.changes = [];
    this.seq = 0;
    if (withDemo) {
      const refs = new Map<string, string>();
      for (const row of seedDemo(this.options.now?.() ?? new Date())) this.insertSeed(row, refs);
    }
  }

  private insertSeed(row: SeedRow, keys: Map<string, string>): void {
    const schema = this.schemaOf(row.kind);
    const values: Record<string, Value> = {};
    for (const field of schema.fields) {
      const raw = row.values[field.name];
      if (raw === undefined) continue;
      if (field.ty === 'ref' && typeof raw === 'string') {
        const id = keys.get(raw);
        if (id) values[field.name] = id;
      } else {
        values[field.name] = raw;
      }
    }
    const record = this.build(row.kind, this.newId(), values, row.at, row.tags ?? []);
    record.custom = { ...(row.custom ?? {}) };
    this.table(row.kind).set(record.id, record);
    keys.set(row.key, record.id);
    for (const [field, value] of Object.entries(values)) {
      this.log(row.kind, record.id, field, null, value, 'demo', row.at);
    }
  }

  private newId(): string {
    const n = (this.nextId++).toString(16).padStart(12, '0');
    return `0190a5e4-7c1b-7000-8000-${n}`;
  }

  private schemaOf(kind: string): KindSchema {
    const schema = this.byKind.get(kind as Kind);
    if (!schema) fail('not_found', `unknown kind \`${kind}\``);
    return schema;
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
  ): void {
    this.seq += 1;
    this.changes.push({
      seq: this.seq,
      entity,
      entity_id: entityId,
      field,
      old,
      new: next,
      clock: `${at}/${String(this.seq).padStart(4, '0')}/${DEVICE}`,
      at,
      device: DEVICE,
      origin,
    });
  }

  private titleOf(kind: Kind, values: Record<string, Value | undefined>): string {
    const ref = (field: string): string => {
      const id = values[field];
      return typeof id === 'string' ? (this.findAny(id)?.title ?? '') : '';
    };
    const text = (field: string): string => valueText(values[field]);
    switch (kind) {
      case 'contact':
      case 'company':
      case 'deal':
      case 'product':
      case 'campaign':
        return text('name');
      case 'activity':
      case 'ticket':
        return text('subject');
      case 'order':
        return text('number');
      case 'relationship': {
        const other = ref('to_contact') || ref('to_company');
        return `${ref('from_contact')} → ${other} (${text('type')})`;
      }
      case 'order_line':
        return `${ref('product')} × ${text('quantity')}`;
      case 'campaign_member':
        return `${ref('contact')} · ${ref('campaign')}`;
      case 'feedback': {
        const rating = values.rating;
        return `${ref('contact') || 'Anonymous'}${typeof rating === 'number' ? ` · ${rating}★` : ''}`;
      }
    }
  }

  private build(
    kind: Kind,
    id: string,
    values: Record<string, Value>,
    at: string,
    tags: string[],
  ): EntityRecord {
    const record: EntityRecord = {
      kind,
      id,
      title: '',
      values,
      refs: {},
      tags: [...tags],
      custom: {},
      created_at: at,
      updated_at: at,
      deleted_at: null,
    };
    this.refresh(record);
    return record;
  }

  /** Recomputes the derived parts of a record: title and the titles of its refs. */
  private refresh(record: EntityRecord): void {
    record.title = this.titleOf(record.kind, record.values);
    record.refs = {};
    for (const field of this.schemaOf(record.kind).fields) {
      const id = record.values[field.name];
      if (field.ty === 'ref' && typeof id === 'string') {
        const target = this.findAny(id);
        if (target) record.refs[field.name] = target.title;
      }
    }
  }

  private synthetic(index: number): EntityRecord {
    const first = SYNTHETIC_FIRST[index % SYNTHETIC_FIRST.length] ?? 'Alex';
    const last = SYNTHETIC_LAST[Math.floor(index / 9) % SYNTHETIC_LAST.length] ?? 'Lee';
    const at = new Date(Date.UTC(2024, 0, 1) + index * 60_000).toISOString();
    return {
      kind: 'contact',
      id: `synthetic-${index}`,
      title: `${first} ${last} #${index + 1}`,
      values: {
        name: `${first} ${last} #${index + 1}`,
        email: `${first}.${last}.${index + 1}@example.com`.toLowerCase(),
        phone: `+86 571 ${String(1_000_000 + (index % 9_000_000)).slice(0, 7)}`,
        city: SYNTHETIC_CITY[index % SYNTHETIC_CITY.length] ?? null,
        job_title: index % 3 === 0 ? 'Buyer' : index % 3 === 1 ? 'Owner' : 'Manager',
      },
      refs: {},
      tags: [],
      custom: {},
      created_at: at,
      updated_at: at,
      deleted_at: null,
    };
  }

  private get syntheticCount(): number {
    return this.options.syntheticContacts ?? 0;
  }

  private get(kind: Kind, id: string): EntityRecord {
    const stored = this.table(kind).get(id);
    if (stored) return stored;
    const match = /^synthetic-(\d+)$/.exec(id);
    if (kind === 'contact' && match) {
      const index = Number(match[1]);
      if (index < this.syntheticCount) return this.synthetic(index);
    }
    return fail('not_found', `no ${this.schemaOf(kind).label.toLowerCase()} with id ${id}`);
  }

  private live(kind: Kind, id: string): EntityRecord {
    const record = this.get(kind, id);
    if (record.deleted_at) fail('deleted', `${record.title} was deleted`);
    return record;
  }

  /** Parses one input string the way the engine would, or says why it can't. */
  private parse(field: FieldSchema, raw: string): { value: Value } | { reason: string } {
    const text = raw.trim();
    if (text === '') return { value: null };
    switch (field.ty) {
      case 'text':
      case 'long_text':
        return { value: raw };
      case 'email':
        return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text)
          ? { value: text }
          : { reason: 'not a valid email address' };
      case 'phone':
        return /^[+()\d\s.-]{5,}$/.test(text) ? { value: text } : { reason: 'not a phone number' };
      case 'url':
        try {
          new URL(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`);
          return { value: text };
        } catch {
          return { reason: 'not a valid web address' };
        }
      case 'date': {
        const ok = /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00Z`));
        return ok ? { value: text } : { reason: 'expected a date like 2025-03-31' };
      }
      case 'datetime': {
        const ms = Date.parse(text);
        return Number.isNaN(ms)
          ? { reason: 'expected a date and time' }
          : { value: new Date(ms).toISOString() };
      }
      case 'integer':
        return /^-?\d+$/.test(text)
          ? { value: Number(text) }
          : { reason: 'expected a whole number' };
      case 'money':
      case 'decimal': {
        const n = Number(text);
        return Number.isFinite(n) ? { value: n } : { reason: 'expected a number' };
      }
      case 'bool':
        if (['true', '1', 'yes'].includes(text.toLowerCase())) return { value: true };
        if (['false', '0', 'no'].includes(text.toLowerCase())) return { value: false };
        return { reason: 'expected yes or no' };
      case 'choice':
        return field.choices.includes(text)
          ? { value: text }
          : { reason: `must be one of: ${field.choices.join(', ')}` };
      case 'ref': {
        const kind = field.ref_kind;
        const target = kind ? this.table(kind).get(text) : undefined;
        if (!target || target.deleted_at) return { reason: 'no such record' };
        return { value: text };
      }
    }
  }

  /** Splits `custom.NAME` keys (custom fields) from schema fields, as the engine does. */
  private splitCustom(input: Record<string, string>): {
    fields: Record<string, string>;
    custom: Array<[string, string]>;
  } {
    const fields: Record<string, string> = {};
    const custom: Array<[string, string]> = [];
    for (const [key, raw] of Object.entries(input)) {
      if (key.startsWith('custom.')) custom.push([key.slice('custom.'.length).trim(), raw.trim()]);
      else fields[key] = raw;
    }
    return { fields, custom };
  }

  private applyCustom(record: EntityRecord, custom: Array<[string, string]>, at: string): void {
    for (const [name, value] of custom) {
      const old = record.custom[name] ?? null;
      record.custom =
        value === ''
          ? Object.fromEntries(Object.entries(record.custom).filter(([key]) => key !== name))
          : { ...record.custom, [name]: value };
      if (old !== (value || null)) {
        this.log(record.kind, record.id, `custom.${name}`, old, value || null, 'app', at);
      }
    }
  }

  private apply(kind: Kind, base: Record<string, Value>, input: Record<string, string>) {
    const schema = this.schemaOf(kind);
    const values: Record<string, Value> = { ...base };
    const issues: FieldIssue[] = [];
    const { fields, custom } = this.splitCustom(input);
    for (const [name] of custom) {
      if (name === '' || name.length > 100) {
        issues.push({
          field: `custom.${name}`,
          reason: 'a custom field needs a name of 1 to 100 characters',
        });
      }
    }
    for (const [name, raw] of Object.entries(fields)) {
      const field = schema.fields.find((candidate) => candidate.name === name);
      if (!field) {
        issues.push({ field: name, reason: 'unknown field' });
        continue;
      }
      const parsed = this.parse(field, raw);
      if ('reason' in parsed) issues.push({ field: name, reason: parsed.reason });
      else values[name] = parsed.value;
    }
    for (const field of schema.fields) {
      const missing = values[field.name] === null || values[field.name] === undefined;
      if (field.required && missing && !issues.some((issue) => issue.field === field.name)) {
        issues.push({ field: field.name, reason: 'required' });
      }
    }
    if (issues.length > 0) {
      const noun = issues.length === 1 ? 'field is' : 'fields are';
      fail('validation', `${issues.length} ${noun} not valid`, issues);
    }
    return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null));
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
    const needle = query.text?.trim().toLowerCase() ?? '';
    let rows = [...this.table(kind).values()].filter((record) => {
      if (record.deleted_at && !query.include_deleted) return false;
      for (const [field, wanted] of Object.entries(query.filters)) {
        if (wanted !== undefined && valueText(record.values[field]) !== wanted) return false;
      }
      if (!needle) return true;
      const haystack = [record.title, ...Object.values(record.values).map(valueText)];
      return haystack.some((part) => part.toLowerCase().includes(needle));
    });
    const sort = query.sort;
    if (sort && schema.fields.some((field) => field.name === sort)) {
      rows.sort((a, b) => {
        const field = schema.fields.find((candidate) => candidate.name === sort);
        const av = field?.ty === 'ref' ? (a.refs[sort] ?? null) : a.values[sort];
        const bv = field?.ty === 'ref' ? (b.refs[sort] ?? null) : b.values[sort];
        const order = compareValues(av, bv);
        return query.desc ? -order : order;
      });
    } else {
      rows.sort((a, b) => compareValues(a.title, b.title));
    }
    const extra =
      kind === 'contact' && !needle && Object.keys(query.filters).length === 0
        ? this.syntheticCount
        : 0;
    const total = rows.length + extra;
    const end = Math.min(total, query.offset + query.limit);
    rows = rows.slice(query.offset, end);
    const page: EntityRecord[] = rows.map((record) => structuredClone(record));
    for (let index = Math.max(query.offset, total - extra); index < end; index += 1) {
      page.push(this.synthetic(index - (total - extra)));
    }
    return { total, offset: query.offset, rows: page };
  }

  private search(query: string, limit: number, kinds: Kind[] | null): SearchHit[] {
    const needle = query.trim().toLowerCase();
    if (!needle) return [];
    const hits: SearchHit[] = [];
    for (const kind of kinds ?? SEARCHABLE) {
      if (!SEARCHABLE.includes(kind)) continue;
      for (const record of this.table(kind).values()) {
        if (record.deleted_at) continue;
        const fields = [
          record.title,
          valueText(record.values.email),
          valueText(record.values.phone),
        ];
        if (!fields.some((part) => part.toLowerCase().includes(needle))) continue;
        hits.push({ kind, id: record.id, title: record.title, subtitle: this.subtitle(record) });
      }
    }
    return hits.slice(0, limit);
  }

  private subtitle(record: EntityRecord): string {
    const parts: string[] = [];
    const add = (value: Value | undefined) => {
      const text = valueText(value);
      if (text) parts.push(text);
    };
    switch (record.kind) {
      case 'contact':
        add(record.values.job_title);
        add(record.refs.company);
        add(record.values.email);
        break;
      case 'company':
        add(record.values.industry);
        add(record.values.city);
        break;
      case 'deal':
        add(record.values.stage);
        add(record.refs.company);
        break;
      default:
        add(record.values.type);
        add(record.refs.contact);
    }
    return parts.join(' · ');
  }

  private timeline(kind: Kind, id: string): TimelineItem[] {
    const subject = this.get(kind, id);
    const link = kind === 'contact' ? 'contact' : 'company';
    const items: TimelineItem[] = [];
    const related: Array<[Kind, string, (r: EntityRecord) => string]> = [
      ['activity', 'due', (r) => `${valueText(r.values.type)}${r.values.done ? ' · done' : ''}`],
      ['order', 'ordered_on', (r) => `Order · ${valueText(r.values.status)}`],
      ['ticket', 'opened_at', (r) => `Ticket · ${valueText(r.values.status)}`],
      ['deal', 'expected_close', (r) => `Deal · ${valueText(r.values.stage)}`],
      ['feedback', 'received_on', (r) => `Feedback · NPS ${valueText(r.values.nps)}`],
    ];
    for (const [relatedKind, when, detail] of related) {
      for (const record of this.table(relatedKind).values()) {
        if (record.deleted_at || record.values[link] !== subject.id) continue;
        const at = valueText(record.values[when]) || record.created_at;
        items.push({
          at,
          kind: relatedKind,
          id: record.id,
          title: record.title,
          detail: detail(record),
        });
      }
    }
    for (const change of this.changes) {
      if (change.entity_id !== subject.id || change.origin === 'demo') continue;
      items.push({
        at: change.at,
        kind,
        id: subject.id,
        title: `Changed ${change.field}`,
        detail: `${valueText(change.old) || '—'} → ${valueText(change.new) || '—'}`,
      });
    }
    return items.sort((a, b) => b.at.localeCompare(a.at));
  }

  private tag(kind: Kind, id: string, tag: string, add: boolean): EntityRecord {
    const record = this.live(kind, id);
    const clean = tag.trim();
    if (!clean) fail('validation', 'a tag needs a name', [{ field: 'tag', reason: 'required' }]);
    const before = record.tags.join(', ');
    record.tags = add
      ? [...new Set([...record.tags, clean])]
      : record.tags.filter((existing) => existing !== clean);
    const after = record.tags.join(', ');
    if (before !== after) {
      record.updated_at = this.now();
      this.log(kind, id, 'tags', before || null, after || null, 'app', record.updated_at);
    }
    return structuredClone(record);
  }

  /** Answers one IPC command; rejects with an `ErrorReport` like the engine does. */
  handle = async (command: string, payload?: unknown): Promise<unknown> => {
    const args: Args =
      typeof payload === 'object' && payload !== null && !Array.isArray(payload)
        ? (payload as Args)
        : {};
    this.calls.push({ command, args });
    await sleep(this.options.latencyMs ?? 0);
    switch (command) {
      case 'schema':
        return structuredClone(this.schemas);
      case 'workspace_info':
        return this.info();
      case 'choose_workspace': {
        const choice = stringArg(args, 'choice');
        if (choice !== 'demo' && choice !== 'empty') fail('internal', `unknown choice ${choice}`);
        if (choice === 'demo') await sleep(this.options.demoDelayMs ?? 0);
        this.demo = choice === 'demo';
        this.reset(this.demo);
        this.chosen = true;
        return this.info();
      }
      case 'list_records':
        return this.list(this.schemaOf(stringArg(args, 'kind')).kind, args.query as ListQuery);
      case 'get_record': {
        const kind = this.schemaOf(stringArg(args, 'kind')).kind;
        return structuredClone(this.get(kind, stringArg(args, 'id')));
      }
      case 'create_record': {
        const kind = this.schemaOf(stringArg(args, 'kind')).kind;
        const input = inputArg(args);
        const values = this.apply(kind, {}, input);
        const at = this.now();
        const record = this.build(kind, this.newId(), values, at, []);
        this.table(kind).set(record.id, record);
        for (const [field, value] of Object.entries(values)) {
          this.log(kind, record.id, field, null, value, 'app', at);
        }
        this.applyCustom(record, this.splitCustom(input).custom, at);
        return structuredClone(record);
      }
      case 'update_record': {
        const kind = this.schemaOf(stringArg(args, 'kind')).kind;
        const record = this.live(kind, stringArg(args, 'id'));
        const base: Record<string, Value> = {};
        for (const [key, value] of Object.entries(record.values)) {
          if (value !== undefined) base[key] = value;
        }
        const input = inputArg(args);
        const values = this.apply(kind, base, input);
        const at = this.now();
        this.applyCustom(record, this.splitCustom(input).custom, at);
        const names = new Set([...Object.keys(base), ...Object.keys(values)]);
        for (const name of names) {
          const old = base[name] ?? null;
          const next = values[name] ?? null;
          if (old !== next) this.log(kind, record.id, name, old, next, 'app', at);
        }
        record.values = values;
        record.updated_at = at;
        this.refresh(record);
        return structuredClone(record);
      }
      case 'delete_record': {
        const kind = this.schemaOf(stringArg(args, 'kind')).kind;
        const record = this.live(kind, stringArg(args, 'id'));
        record.deleted_at = this.now();
        this.log(kind, record.id, 'deleted_at', null, record.deleted_at, 'app', record.deleted_at);
        return null;
      }
      case 'search': {
        const limit = typeof args.limit === 'number' ? args.limit : 20;
        const kinds = Array.isArray(args.kinds) ? (args.kinds as Kind[]) : null;
        return this.search(stringArg(args, 'query'), limit, kinds);
      }
      case 'history': {
        const id = stringArg(args, 'id');
        return this.changes.filter((change) => change.entity_id === id).reverse();
      }
      case 'timeline': {
        const kind = this.schemaOf(stringArg(args, 'kind')).kind;
        return this.timeline(kind, stringArg(args, 'id'));
      }
      case 'tag_record':
      case 'untag_record': {
        const kind = this.schemaOf(stringArg(args, 'kind')).kind;
        const id = stringArg(args, 'id');
        return this.tag(kind, id, stringArg(args, 'tag'), command === 'tag_record');
      }
      default:
        return fail('internal', `command ${command} not found`);
    }
  };
}
