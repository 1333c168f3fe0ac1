import { describe, expect, it } from 'vitest';
import { defaultImportOptions, defaultQuery } from '../api';
import type { BatchSummary } from '../bindings/BatchSummary';
import type { DealScoreView } from '../bindings/DealScoreView';
import type { EntityRecord } from '../bindings/EntityRecord';
import type { ErrorReport } from '../bindings/ErrorReport';
import type { ImportOptions } from '../bindings/ImportOptions';
import type { ImportReport } from '../bindings/ImportReport';
import type { Kind } from '../bindings/Kind';
import type { ListQuery } from '../bindings/ListQuery';
import type { Page } from '../bindings/Page';
import type { Preview } from '../bindings/Preview';
import type { RefreshProgress } from '../bindings/RefreshProgress';
import type { RefreshSummary } from '../bindings/RefreshSummary';
import type { SatisfactionView } from '../bindings/SatisfactionView';
import type { ScoreRules } from '../bindings/ScoreRules';
import type { SearchHit } from '../bindings/SearchHit';
import type { StoredRun } from '../bindings/StoredRun';
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

describe('stored analytics in the mock', () => {
  /** A mock whose events are kept, and a list query of contacts. */
  function observed(): { mock: MockBackend; events: Array<[string, RefreshProgress]> } {
    const events: Array<[string, RefreshProgress]> = [];
    const mock = new MockBackend({
      chosen: true,
      now: () => NOW,
      emit: (event, payload) => events.push([event, payload as RefreshProgress]),
    });
    return { mock, events };
  }

  async function contacts(mock: MockBackend, extra: Partial<ListQuery>): Promise<Page> {
    return (await mock.handle('record_list', {
      kind: 'contact',
      query: query(null, extra),
    })) as Page;
  }

  it('refreshes every analysis in order with progress, then keeps the reports', async () => {
    const { mock, events } = observed();
    expect(await mock.handle('analyze_report', { name: 'rfm' })).toBeNull();
    const summary = (await mock.handle('analyze_all', {})) as RefreshSummary;
    expect(summary).toMatchObject({ as_of: '2025-09-15', customers: 3, valued: 0, open_deals: 3 });
    expect(summary.took.map((step) => step.step)).toEqual(['rfm', 'segments', 'value', 'scores']);
    expect(events.every(([name]) => name === 'analytics-progress')).toBe(true);
    const progress = events.map(([, payload]) => payload);
    expect(progress.map((p) => `${p.step} ${p.index}/${p.total}`)).toEqual([
      'rfm 1/4',
      'rfm 1/4',
      'segments 2/4',
      'segments 2/4',
      'value 3/4',
      'value 3/4',
      'scores 4/4',
      'scores 4/4',
    ]);
    // The fraction is of the whole refresh: it never goes back and ends at 1.
    const fractions = progress.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBeCloseTo(1, 9);

    for (const name of ['rfm', 'segments', 'clv', 'scores']) {
      const run = (await mock.handle('analyze_report', { name })) as StoredRun;
      expect(run).toMatchObject({ name, as_of: '2025-09-15', computed_at: '2025-09-15T08:00:00Z' });
    }
    const rfm = (await mock.handle('analyze_report', { name: 'rfm' })) as StoredRun;
    expect(JSON.parse(rfm.report)).toMatchObject({ scored: 3 });
    const segments = (await mock.handle('analyze_report', { name: 'segments' })) as StoredRun;
    // Every customer's cluster is kept with the customer, not in the report.
    expect(JSON.parse(segments.report)).toMatchObject({ k: 2, assignments: [] });
    const unknown = await rejection(mock.handle('analyze_report', { name: 'churn' }));
    expect(unknown.issues).toEqual([
      {
        field: 'analysis',
        reason: "no analysis is called 'churn' (analyses: rfm, segments, clv, scores)",
      },
    ]);
  });

  it('lists contacts with their figures, and sorts by one with the missing ones last', async () => {
    const { mock } = observed();
    expect((await contacts(mock, {})).figures).toEqual({});
    await mock.handle('analyze_all', {});
    const page = await contacts(mock, {});
    const liming = page.rows.find((row) => row.title === '李明');
    expect(liming && page.figures[liming.id]).toMatchObject({
      rfm_segment: 'Hibernating',
      rfm: expect.stringMatching(/^1\d\d$/),
      lead_score: 80,
    });
    // Contacts no analysis reached are left out, not listed with nulls.
    const chen = page.rows.find((row) => row.title === '陈静');
    expect(chen && page.figures[chen.id]).toBeUndefined();

    const scores = async (desc: boolean) => {
      const sorted = await contacts(mock, { sort: 'lead_score', desc });
      return sorted.rows.map((row) => sorted.figures[row.id]?.lead_score ?? null);
    };
    expect(await scores(true)).toEqual([80, 55, 50, null, null, null, null]);
    expect(await scores(false)).toEqual([50, 55, 80, null, null, null, null]);
  });

  it('filters by a figure compared with a number, and refuses what is neither', async () => {
    const { mock } = observed();
    await mock.handle('analyze_all', {});
    const total = async (filters: Record<string, string>) =>
      (await contacts(mock, { filters })).total;
    expect(await total({ lead_score: '>=55' })).toBe(2);
    expect(await total({ lead_score: '> 55' })).toBe(1);
    expect(await total({ lead_score: '50' })).toBe(1);
    expect(await total({ lead_score: '<=80', rfm_segment: 'Hibernating' })).toBe(1);
    expect(await total({ rfm: '>=100' })).toBe(3);
    const refused = await rejection(
      mock.handle('record_list', {
        kind: 'contact',
        query: query(null, { filters: { clv_365: '>=lots' } }),
      }),
    );
    expect(refused.code).toBe('validation');
    expect(refused.issues).toEqual([
      {
        field: 'clv_365',
        reason: "'>=lots' is not a number or a comparison such as >=70, <100 or =3",
      },
    ]);
  });

  it('keeps each open deal’s score with its factors for the deal page', async () => {
    const { mock } = observed();
    const deals = (await mock.handle('record_list', {
      kind: 'deal',
      query: query('秋季龙井批发'),
    })) as Page;
    const id = deals.rows[0]?.id ?? '';
    expect(await mock.handle('analyze_deal_score', { dealId: id })).toBeNull();
    await mock.handle('analyze_all', {});
    const view = (await mock.handle('analyze_deal_score', { dealId: id })) as DealScoreView;
    expect(view).toMatchObject({ as_of: '2025-09-15', method: { method: 'rule_based' } });
    expect(view.deal).toMatchObject({ deal_id: id, score: 80, stage: 'negotiation' });
    // Equal points keep the rules' order, as the engine's stable sort does.
    expect(view.deal.raised_by.map((factor) => factor.id)).toEqual([
      'value_above_median',
      'referral',
      'stage_negotiation',
    ]);
    expect(await mock.handle('analyze_deal_score', { dealId: 'no-such-deal' })).toBeNull();
  });
});

describe('lead-score rules in the mock', () => {
  async function rules(mock: MockBackend): Promise<Record<string, number>> {
    const answer = (await mock.handle('analyze_rules')) as ScoreRules;
    return Object.fromEntries(answer.rules.map((rule) => [rule.id, rule.points]));
  }

  async function liMingScore(mock: MockBackend): Promise<DealScoreView['deal'] | undefined> {
    const deals = (await mock.handle('record_list', {
      kind: 'deal',
      query: query('秋季龙井批发'),
    })) as Page;
    await mock.handle('analyze_all', {});
    const view = (await mock.handle('analyze_deal_score', {
      dealId: deals.rows[0]?.id ?? '',
    })) as DealScoreView | null;
    return view?.deal;
  }

  it('lists the engine’s thirteen rules from a base of 50, with their default points', async () => {
    const answer = (await backend().handle('analyze_rules')) as ScoreRules;
    expect(answer).toMatchObject({ base: 50, max_points: 100 });
    expect(answer.rules).toHaveLength(13);
    expect(answer.rules[0]).toEqual({
      id: 'recent_meeting',
      description: 'meeting in the last 14 days',
      points: 15,
      default_points: 15,
    });
    expect(answer.rules.at(-1)).toMatchObject({ id: 'old_deal', points: -10 });
  });

  it('stores changed points and scores with them; 0 switches a rule off', async () => {
    const mock = backend();
    const answer = (await mock.handle('analyze_rules_set', {
      points: { referral: 30, stage_negotiation: 0 },
    })) as ScoreRules;
    expect(answer.rules.find((rule) => rule.id === 'referral')).toMatchObject({
      points: 30,
      default_points: 10,
    });
    // 50 + 10 (above the median) + 30 (referral); negotiation is off, so not a factor.
    const deal = await liMingScore(mock);
    expect(deal?.score).toBe(90);
    expect(deal?.raised_by.map((factor) => factor.summary)).toEqual([
      'came by referral +30',
      'deal value above the median +10',
    ]);
    const reset = (await mock.handle('analyze_rules_reset')) as ScoreRules;
    expect(reset.rules.every((rule) => rule.points === rule.default_points)).toBe(true);
    expect((await liMingScore(mock))?.score).toBe(80);
  });

  it('refuses a bad rule id or points out of range, naming each, and changes nothing', async () => {
    const mock = backend();
    const before = await rules(mock);
    const refused = await rejection(
      mock.handle('analyze_rules_set', {
        points: { referral: 20, recent_meeting: 101, churned: 5, old_deal: -100 },
      }),
    );
    expect(refused.code).toBe('validation');
    // Issues in the order of the ids, as the engine's BTreeMap walks them.
    expect(refused.issues.map((issue) => issue.field)).toEqual(['churned', 'recent_meeting']);
    expect(refused.issues[0]?.reason).toMatch(/^no rule is called 'churned' \(rules: recent_/);
    expect(refused.issues[1]?.reason).toBe(
      '101 points is out of range: a rule gives between −100 and 100',
    );
    expect(await rules(mock)).toEqual(before);
    // Whole points only, as Tauri deserialises an i32.
    const fraction = await rejection(
      mock.handle('analyze_rules_set', { points: { referral: 2.5 } }),
    );
    expect(fraction.code).toBe('internal');
    expect(await rules(mock)).toEqual(before);
  });
});

describe('satisfaction in the mock', () => {
  it('lists a complaint made again once, with how many times, worst first', async () => {
    const mock = backend();
    const say = (comment: string, day: string) =>
      create(mock, 'feedback', { comment, received_at: `${day}T10:00:00Z`, rating: '2' });
    await say('Late again, and the box was damaged.', '2025-09-01');
    await say('Delivery was late.', '2025-09-02');
    await say('Late again, and the box was damaged.', '2025-09-03');
    await say('Late again, and the box was damaged.', '2025-09-04');
    // Long ago: not recent, not counted.
    await say('Late again, and the box was damaged.', '2024-01-04');
    const view = (await mock.handle('analyze_satisfaction', {
      recentDays: 90,
    })) as SatisfactionView;
    const mine = view.most_negative.filter((item) => /late/i.test(item.text));
    expect(mine.map((item) => [item.text, item.times])).toEqual([
      ['Late again, and the box was damaged.', 3],
      ['Delivery was late.', 1],
    ]);
    // Every text still counts in the sentiment tally.
    expect(view.sentiment_counts[2]).toBeGreaterThanOrEqual(4);
  });
});
