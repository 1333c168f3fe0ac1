import { afterEach, describe, expect, it } from 'vitest';
import type { Kpis, ScoredDeal, SegmentView } from '../ipc/api';
import {
  chartFileName,
  chartSize,
  clusteringText,
  DroppedError,
  factorLine,
  factorText,
  kpiCards,
  percent,
  scoreMethodText,
  segmentContacts,
  sentence,
  signed,
  TaskQueue,
} from './analytics';
import { i18n } from './i18n/index.svelte';
import { routeHref } from './router.svelte';

const KPIS: Kpis = {
  as_of: '2026-11-23',
  customers: 872,
  active_customers: 610,
  revenue_this_month: 48_210.5,
  revenue_last_month: 51_000,
  pipeline: 1_204_000,
  weighted_pipeline: 318_002.5,
  csat: 3.7445,
  nps: 21.66,
  currency: 'USD',
};

describe('KPI cards', () => {
  it('show the engine’s figures formatted, with the comparison lines', () => {
    const cards = kpiCards(KPIS, 'en-US');
    expect(cards.map((card) => [card.id, card.value])).toEqual([
      ['customers', '872'],
      ['active', '610'],
      ['revenue', '$48,211'],
      ['pipeline', '$1,204,000'],
      ['csat', '3.7 / 5'],
      ['nps', '+22'],
    ]);
    expect(cards.find((card) => card.id === 'revenue')?.detail).toBe('last month $51,000');
    expect(cards.find((card) => card.id === 'pipeline')?.detail).toBe('weighted forecast $318,003');
  });

  it('say there is nothing yet instead of showing a zero for missing scores', () => {
    const cards = kpiCards({ ...KPIS, csat: null, nps: null }, 'en-US');
    expect(cards.find((card) => card.id === 'csat')).toMatchObject({
      value: '—',
      detail: 'no ratings yet',
    });
    expect(cards.find((card) => card.id === 'nps')).toMatchObject({ value: '—' });
  });
});

describe('figures as text', () => {
  it('signs, percentages and sentences', () => {
    expect(signed(21.6, 'en-US')).toBe('+22');
    expect(signed(-3.2, 'en-US')).toBe('−3');
    expect(signed(0.2, 'en-US')).toBe('0');
    expect(percent(0.9395, 'en-US')).toBe('94%');
    expect(sentence('only 3 customers with orders: scores are rough')).toBe(
      'Only 3 customers with orders: scores are rough.',
    );
    expect(sentence('No NPS scores (0–10) yet.')).toBe('No NPS scores (0–10) yet.');
  });

  it('joins a deal’s factor texts after its score', () => {
    const deal: Pick<ScoredDeal, 'score' | 'raised_by' | 'lowered_by'> = {
      score: 82,
      raised_by: [
        {
          id: 'meetings_14d',
          text: '3 meetings in 14 days',
          points: 18,
          summary: '3 meetings in 14 days +18',
        },
      ],
      lowered_by: [
        {
          id: 'inactivity',
          text: 'no activity for 40 days',
          points: -12,
          summary: 'no activity for 40 days −12',
        },
      ],
    };
    expect(factorLine(deal)).toBe(
      'score 82: 3 meetings in 14 days +18, no activity for 40 days −12',
    );
    expect(factorLine({ score: 50, raised_by: [], lowered_by: [] })).toBe(
      'score 50: no factor moved it',
    );
  });

  it('says plainly when the scores are rule-based, with the engine’s reason', () => {
    const rules = scoreMethodText({
      method: 'rule_based',
      reason: { type: 'too_few_closed', closed: 4 },
      explanation: 'only 4 closed deals; the learned score needs 20 with at least 5 won and 5 lost',
    });
    expect(rules).toEqual({
      ruleBased: true,
      label: 'Rule-based',
      detail: 'only 4 closed deals; the learned score needs 20 with at least 5 won and 5 lost',
    });
    const learned = scoreMethodText(
      { method: 'learned', closed: 108, won: 58, lost: 50, training_auc: 0.8107 },
      'en-US',
    );
    expect(learned.ruleBased).toBe(false);
    expect(learned.detail).toContain('108 closed deals (58 won, 50 lost)');
    expect(learned.detail).toContain('AUC of 0.81');
  });

  it('describes how the number of clusters was chosen', () => {
    const view = {
      k: 2,
      k_choice: 'silhouette',
      k_scores: [
        { k: 2, inertia: 1209, silhouette: 0.4953 },
        { k: 3, inertia: 898, silhouette: 0.43 },
        { k: 8, inertia: 379, silhouette: 0.38 },
      ],
    } as SegmentView;
    expect(clusteringText(view, 'en-US')).toBe(
      '2 clusters: the number that separates customers best (silhouette 0.5), of 2–8 tried',
    );
    expect(clusteringText({ ...view, k: 0, k_choice: 'empty', k_scores: [] })).toBe(
      'No clusters: no customers with purchases',
    );
  });
});

describe('layout and names', () => {
  it('draws charts in 40 px steps between sensible bounds', () => {
    expect(chartSize(655)).toEqual({ width: 640, height: 384 });
    expect(chartSize(100)).toEqual({ width: 320, height: 220 });
    expect(chartSize(5000)).toEqual({ width: 1400, height: 520 });
  });

  it('names exports after the chart and the day', () => {
    expect(chartFileName('revenue', 'png', new Date(2026, 10, 3))).toBe(
      'kith-revenue-2026-11-03.png',
    );
  });

  it('links a segment to the contacts filtered by it', () => {
    expect(routeHref(segmentContacts('cluster', 'high value, loyal regulars'))).toBe(
      '#/contact?cluster=high%20value%2C%20loyal%20regulars',
    );
  });
});

describe('TaskQueue', () => {
  it('runs at most `limit` tasks at once, in order, and drops aborted ones', async () => {
    const queue = new TaskQueue(2);
    const started: number[] = [];
    const release: Array<() => void> = [];
    const task = (n: number) => () =>
      new Promise<number>((resolve) => {
        started.push(n);
        release.push(() => resolve(n));
      });
    const abort = new AbortController();
    const results = [
      queue.run(task(1)),
      queue.run(task(2)),
      queue.run(task(3), abort.signal),
      queue.run(task(4)),
    ];
    await Promise.resolve();
    expect(started).toEqual([1, 2]);
    abort.abort();
    release[0]?.();
    await expect(results[0]).resolves.toBe(1);
    await expect(results[2]).rejects.toBeInstanceOf(DroppedError);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(started).toEqual([1, 2, 4]);
    release[1]?.();
    release[2]?.();
    await expect(Promise.all([results[1], results[3]])).resolves.toEqual([2, 4]);
  });

  it('given a gate, starts nothing until it opens, then `limit` at a time', async () => {
    let open = () => {};
    const queue = new TaskQueue(2, new Promise<void>((done) => (open = done)));
    const started: number[] = [];
    const task = (n: number) => () => {
      started.push(n);
      return new Promise<number>(() => {});
    };
    for (const n of [1, 2, 3]) void queue.run(task(n));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(started, 'the first screen is not painted yet: no chart is asked for').toEqual([]);
    open();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(started, 'open: two at a time, in order').toEqual([1, 2]);
  });
});

describe('analytics in Chinese', () => {
  afterEach(() => i18n.set('en'));

  it('headline figures in Chinese words, large amounts in 万', () => {
    i18n.set('zh');
    const cards = kpiCards({ ...KPIS, currency: 'CNY' });
    expect(cards.map((card) => card.label)).toEqual([
      '客户',
      '活跃客户',
      '本月收入',
      '进行中商机',
      '客户满意度',
      '净推荐值',
    ]);
    expect(cards.find((card) => card.id === 'pipeline')).toMatchObject({
      value: '¥120.4万',
      detail: '加权预测 ¥31.8万',
    });
  });

  it('says why the scores are rule-based and what moved them, from their keys', () => {
    i18n.set('zh');
    const rules = scoreMethodText({
      method: 'rule_based',
      reason: { type: 'too_few_closed', closed: 4 },
      explanation: 'only 4 closed deals; the learned score needs 20 with at least 5 won and 5 lost',
    });
    expect(rules).toMatchObject({
      label: '基于规则',
      detail: '只有 4 个已关闭商机；学习评分需要 20 个，其中赢单至少 5 个、输单至少 5 个',
    });
    expect(factorText({ id: 'recent_meeting', text: 'meeting in the last 14 days' })).toBe(
      '最近 14 天内有会议',
    );
    expect(factorText({ id: 'meetings_14d', text: '3 meetings in 14 days' })).toBe(
      '14 天内 3 次会议',
    );
    expect(factorText({ id: 'calls_30d', text: 'no calls 15–30 days ago' })).toBe(
      '15–30 天前 0 次电话',
    );
    expect(
      factorText({ id: 'company_won_deals', text: '2 past won deals with this company' }),
    ).toBe('与该公司以前有 2 次赢单');
    expect(factorText({ id: 'inactivity', text: 'no activity for 40 days' })).toBe('40 天没有活动');
    expect(factorText({ id: 'stage', text: 'stage: negotiation' })).toBe('阶段：谈判');
    expect(factorText({ id: 'company_size', text: 'company of 1,200 employees' })).toBe(
      '公司有 1,200 名员工',
    );
    expect(factorText({ id: 'phone', text: 'no phone' })).toBe('未填电话');
    // A factor the catalog does not know keeps the engine's words.
    expect(factorText({ id: 'something_new', text: 'a new factor' })).toBe('a new factor');
    expect(
      factorLine({
        score: 82,
        raised_by: [{ id: 'meetings_14d', text: '3 meetings in 14 days', points: 18, summary: '' }],
        lowered_by: [],
      }),
    ).toBe('评分 82：14 天内 3 次会议 +18');
  });
});
