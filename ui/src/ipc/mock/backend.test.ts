import { describe, expect, it } from 'vitest';
import { defaultImportOptions, defaultQuery } from '../api';
import type { BatchSummary } from '../bindings/BatchSummary';
import type { EntityRecord } from '../bindings/EntityRecord';
import type { ErrorReport } from '../bindings/ErrorReport';
import type { ImportOptions } from '../bindings/ImportOptions';
import type { ImportReport } from '../bindings/ImportReport';
import type { Kind } from '../bindings/Kind';
import type { ListQuery } from '../bindings/ListQuery';
import type { Page } from '../bindings/Page';
import type { Preview } from '../bindings/Preview';
import type { SearchHit } from '../bindings/SearchHit';
import type { TimelineItem } from '../bindings/TimelineItem';
import type { UndoReport } from '../bindings/UndoReport';
import generated from '../bindings/schema.json';
import {
  INTEGER_RANGES,
  MockBackend,
  SEARCHABLE,
  SORT_FIELD,
  STAGE_PROBABILITY,
  TIMELINE_SOURCES,
  TITLE_FIELDS,
} from './backend';
import { MOCK_CONTACTS_PATH } from './files';

const NOW = new Date('2025-09-15T08:00:00Z');

function backend(): MockBackend {
  return new MockBackend({ chosen: true, now: () => NOW });
}

function query(text: string | null = null, extra: Partial<ListQuery> = {}): ListQuery {
  return { ...defaultQuery(100), text, ...extra };
}

async function create(
  mock: MockBackend,
  kind: Kind,
  input: Record<string, string>,
): Promise<EntityRecord> {
  return (await mock.handle('record_create', { kind, input })) as EntityRecord;
}

async function rejection(promise: Promise<unknown>): Promise<ErrorReport> {
  return (await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  )) as ErrorReport;
}

async function titles(mock: MockBackend, kind: Kind): Promise<string[]> {
  const page = (await mock.handle('record_list', { kind, query: query() })) as Page;
  return page.rows.map((row) => row.title);
}

describe('the mock’s schema', () => {
  it('is the engine’s generated schema', () => {
    expect(backend().schemas).toEqual(generated);
  });

  it('names only fields the engine has', () => {
    const mock = backend();
    const fields = (kind: Kind) =>
      mock.schemas.find((schema) => schema.kind === kind)?.fields.map((field) => field.name) ?? [];
    for (const schema of mock.schemas) {
      expect(fields(schema.kind)).toEqual(expect.arrayContaining([...TITLE_FIELDS[schema.kind]]));
      expect(fields(schema.kind)).toContain(SORT_FIELD[schema.kind]);
    }
    for (const key of Object.keys(INTEGER_RANGES)) {
      const [kind, name] = key.split('.') as [Kind, string];
      expect(
        mock.schemas.find((s) => s.kind === kind)?.fields.find((f) => f.name === name)?.ty,
      ).toBe('integer');
    }
    for (const [kind, when, detail] of TIMELINE_SOURCES) {
      expect(fields(kind)).toEqual(expect.arrayContaining([...when, ...detail]));
    }
    const stage = mock.schemas
      .find((s) => s.kind === 'deal')
      ?.fields.find((f) => f.name === 'stage');
    expect(Object.keys(STAGE_PROBABILITY).sort()).toEqual([...(stage?.choices ?? [])].sort());
    expect(SEARCHABLE.every((kind) => mock.schemas.some((s) => s.kind === kind))).toBe(true);
  });

  it('seeds demo rows that fit it (the seed throws on unknown fields or choices)', async () => {
    const mock = backend();
    const info = (await mock.handle('workspace_info')) as { counts: Record<string, number> };
    expect(info.counts).toMatchObject({ contact: 7, company: 4, deal: 4, feedback: 2 });
    expect(await titles(mock, 'company')).toContain('杭州茶叶有限公司');
  });
});

describe('titles follow the engine’s rules', () => {
  it('puts a CJK family name first without a space, other names as First Last', async () => {
    const mock = backend();
    expect(await titles(mock, 'contact')).toEqual(
      expect.arrayContaining(['李明', '王芳', 'John Carter', 'María García']),
    );
    expect((await create(mock, 'contact', { first_name: '雷', last_name: '李' })).title).toBe(
      '李雷',
    );
    expect((await create(mock, 'contact', { first_name: 'Lei', last_name: 'Li' })).title).toBe(
      'Lei Li',
    );
    expect((await create(mock, 'contact', { first_name: 'Anna', last_name: '李' })).title).toBe(
      'Anna 李',
    );
    expect((await create(mock, 'contact', { last_name: '李' })).title).toBe('李');
    expect((await create(mock, 'contact', { email: 'X@Example.com' })).title).toBe('x@example.com');
  });

  it('titles links by their type and the records they link, and follows renames', async () => {
    const mock = backend();
    expect(await titles(mock, 'relationship')).toEqual(
      expect.arrayContaining(['manager: 张伟 · 李明', 'employee: 杭州茶叶有限公司 · 李明']),
    );
    expect(await titles(mock, 'campaign_member')).toContain('responded: 中秋茶礼 2025 · 李明');
    const page = (await mock.handle('record_list', {
      kind: 'contact',
      query: query('li.ming'),
    })) as Page;
    const id = page.rows[0]?.id;
    await mock.handle('record_update', { kind: 'contact', id, input: { first_name: '小明' } });
    expect(await titles(mock, 'relationship')).toContain('manager: 张伟 · 李小明');
    const deals = (await mock.handle('record_list', { kind: 'deal', query: query() })) as Page;
    expect(deals.rows.find((deal) => deal.title === '秋季龙井批发')?.refs).toMatchObject({
      contact_id: '李小明',
      company_id: '杭州茶叶有限公司',
    });
  });
});

describe('writes follow the engine’s rules', () => {
  it('fills a deal’s probability from its stage and a currency for its value', async () => {
    const mock = backend();
    const deal = await create(mock, 'deal', {
      title: 'Pu’er',
      stage: 'Proposal',
      value: '1,200.5',
    });
    expect(deal.values).toMatchObject({
      stage: 'proposal',
      probability: 50,
      value: 1200.5,
      currency: 'USD',
    });
    const won = (await mock.handle('record_update', {
      kind: 'deal',
      id: deal.id,
      input: { stage: 'won' },
    })) as EntityRecord;
    expect(won.values).toMatchObject({ probability: 100, closed_on: '2025-09-15' });
  });

  it('reports every issue at once, under the engine’s field names', async () => {
    const mock = backend();
    const error = await rejection(
      mock.handle('record_create', {
        kind: 'feedback',
        input: { rating: '7', contact_id: 'nobody' },
      }),
    );
    expect(error.code).toBe('validation');
    expect(error.issues).toEqual([
      { field: 'contact_id', reason: 'no contact with id nobody' },
      { field: 'rating', reason: '7 is out of range (must be 1 to 5)' },
      { field: 'rating', reason: 'feedback needs a rating, an NPS score or a comment' },
    ]);
    const unknown = await rejection(
      mock.handle('record_create', { kind: 'contact', input: { name: '李明' } }),
    );
    expect(unknown.issues.map((issue) => issue.field)).toEqual(['name', 'first_name']);
  });
});

describe('reads', () => {
  it('sorts contacts by last then first name unless asked otherwise', async () => {
    const mock = backend();
    expect(await titles(mock, 'contact')).toEqual([
      'John Carter',
      'María García',
      'Anna Schmidt',
      '张伟',
      '李明',
      '王芳',
      '陈静',
    ]);
  });

  it('searches notes but not other activities, with the engine’s subtitles', async () => {
    const mock = backend();
    const hits = (await mock.handle('search', { query: '杭州', limit: 10 })) as SearchHit[];
    expect(hits).toEqual([
      expect.objectContaining({
        kind: 'company',
        title: '杭州茶叶有限公司',
        subtitle: 'Food & beverage · 杭州 · 中国',
      }),
      expect.objectContaining({
        kind: 'activity',
        title: '拜访杭州仓库',
        subtitle: '张伟 · 杭州茶叶有限公司',
      }),
    ]);
    expect(await mock.handle('search', { query: '电话确认', limit: 10 })).toEqual([]);
  });

  it('builds a contact’s timeline from records that link it by contact_id', async () => {
    const mock = backend();
    const page = (await mock.handle('record_list', {
      kind: 'contact',
      query: query('li.ming'),
    })) as Page;
    const items = (await mock.handle('timeline', {
      kind: 'contact',
      id: page.rows[0]?.id,
    })) as TimelineItem[];
    expect(items.map((item) => item.kind)).toEqual(
      expect.arrayContaining(['activity', 'order', 'ticket', 'deal', 'feedback']),
    );
    expect(items.find((item) => item.title === '包装破损')?.detail).toBe('open · high · Delivery');
    expect(items.at(-1)).toMatchObject({ title: 'Created contact' });
  });
});

describe('import in the mock', () => {
  const options = (extra: Partial<ImportOptions> = {}): ImportOptions => ({
    ...defaultImportOptions(),
    ...extra,
  });

  it('refuses paths it has no canned file for, saying so', async () => {
    const error = await rejection(
      backend().handle('import_preview', {
        path: '/tmp/real.csv',
        kind: 'contact',
        options: options(),
      }),
    );
    expect(error.code).toBe('bad_file');
    expect(error.message).toContain('cannot read files from disk');
  });

  it('previews the canned contacts: GBK, semicolons, synonyms and a custom field', async () => {
    const preview = (await backend().handle('import_preview', {
      path: MOCK_CONTACTS_PATH,
      kind: 'contact',
      options: options(),
    })) as Preview;
    expect(preview.source).toMatchObject({
      encoding: 'GBK',
      encoding_detected: true,
      delimiter: ';',
    });
    expect(preview.mapping.map((column) => [column.target, column.source])).toEqual([
      ['full_name', 'synonym'],
      ['email', 'synonym'],
      ['phone', 'synonym'],
      ['company', 'synonym'],
      ['city', 'synonym'],
      ['birthday', 'synonym'],
      ['custom.微信', 'unmapped'],
    ]);
    expect(preview.dates).toEqual([
      expect.objectContaining({
        header: '生日',
        profile: { order: null, ambiguous: true, examples: ['03/04/1990'] },
        order: null,
      }),
    ]);
  });

  it('accounts for every row, writes nothing in a dry run, and undoes an import', async () => {
    const mock = backend();
    const count = async () =>
      ((await mock.handle('workspace_info')) as { counts: Record<string, number> }).counts;
    const before = await count();
    // Without a date format, a birthday such as 03/04/1990 can't be read: that row is refused.
    const undecided = (await mock.handle('import_run', {
      path: MOCK_CONTACTS_PATH,
      kind: 'contact',
      options: options({ dry_run: true }),
    })) as ImportReport;
    expect(undecided.counts).toMatchObject({ rejected: 2 });
    expect(undecided.rows[0]?.issues[0]?.field).toBe('生日');
    expect(undecided.warnings.join()).toContain('choose a date format');

    const dry = (await mock.handle('import_run', {
      path: MOCK_CONTACTS_PATH,
      kind: 'contact',
      options: options({ dry_run: true, date_order: 'dmy' }),
    })) as ImportReport;
    expect(dry.counts).toEqual({
      rows: 6,
      created: 2,
      updated: 1,
      merged: 1,
      skipped: 1,
      rejected: 1,
      flagged: 0,
    });
    expect(dry.batch).toBeNull();
    expect(await count()).toEqual(before);
    expect(dry.rows.map((row) => [row.line, row.outcome])).toEqual([
      [3, 'rejected'],
      [5, 'merged'],
      [6, 'skipped'],
      [7, 'updated'],
    ]);
    expect(dry.rows[0]?.issues).toEqual([
      { field: '邮箱', reason: "'liu.yang-at-example.cn' is not a valid email address" },
    ]);

    // And the import itself refuses to start until a date format is chosen.
    const refused = await rejection(
      mock.handle('import_run', { path: MOCK_CONTACTS_PATH, kind: 'contact', options: options() }),
    );
    expect(refused.issues[0]?.field).toBe('生日');

    const fixed = options({
      date_order: 'dmy',
      overrides: [{ line: 3, action: null, cells: { 1: 'liu.yang@example.cn' } }],
    });
    const report = (await mock.handle('import_run', {
      path: MOCK_CONTACTS_PATH,
      kind: 'contact',
      options: fixed,
    })) as ImportReport;
    expect(report.counts).toEqual({
      rows: 6,
      created: 3,
      updated: 1,
      merged: 1,
      skipped: 1,
      rejected: 0,
      flagged: 0,
    });
    expect(report.linked).toEqual([{ kind: 'company', created: 1 }]);
    expect(await count()).toMatchObject({
      contact: (before.contact ?? 0) + 3,
      company: (before.company ?? 0) + 1,
    });
    expect(await titles(mock, 'contact')).toEqual(expect.arrayContaining(['赵磊', '刘洋', '周敏']));

    const undo = (await mock.handle('import_undo', { batch: report.batch })) as UndoReport;
    expect(undo).toMatchObject({ removed: 4, restored_records: 1, kept: [] });
    expect(await count()).toEqual(before);
    const batches = (await mock.handle('import_list')) as BatchSummary[];
    expect(batches[0]).toMatchObject({ status: 'undone', counts: report.counts });
  });
});
