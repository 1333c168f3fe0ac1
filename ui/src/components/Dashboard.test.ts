// The dashboard and the figures on record pages, rendered from the engine's recorded answers
// (`make fixtures`): what each screen shows is what the engine answered for the seeded demo
// workspace, before its analyses ran (`unscored`), or for an empty one. Recompute and the
// "compute" buttons change data: the end-to-end test runs them against the engine.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  DealScoreView,
  Kind,
  KindSchema,
  Kpis,
  RfmView,
  SatisfactionView,
  ScoreView,
  SegmentView,
  StoredFigures,
  ValueReport,
  WorkspaceInfo,
} from '../ipc/api';
import type { StoredRun } from '../ipc/bindings/StoredRun';
import { recordedAnswer, recordedCalls, type Workspace } from '../ipc/mock/fixtures';
import { installReplayBackend, ReplayBackend, uninstallMockBackend } from '../ipc/mock/install';
import { kpiCards, TaskQueue } from '../lib/analytics';
import { formatNumber } from '../lib/format';
import { i18n } from '../lib/i18n/index.svelte';
import ChartCard from './ChartCard.svelte';
import ContactFigures from './ContactFigures.svelte';
import Dashboard from './Dashboard.svelte';
import DealScore from './DealScore.svelte';
import ListView from './ListView.svelte';

let backend: ReplayBackend;

/** Answers every call from `workspace`'s recorded answers; its workspace info. */
function open(workspace: Workspace = 'demo'): WorkspaceInfo {
  backend = installReplayBackend(new ReplayBackend({ workspace }));
  return recordedAnswer<WorkspaceInfo>('workspace_info', {}, workspace);
}

/** The stored report of an analysis in the demo workspace, as the engine wrote it. */
function stored<T>(name: string): T {
  const run = recordedAnswer<StoredRun | null>('analyze_report', { name });
  if (!run) throw new Error(`the demo workspace has no stored ${name} run`);
  return JSON.parse(run.report) as T;
}

function schemaOf(kind: Kind): KindSchema {
  const schema = recordedAnswer<KindSchema[]>('schema').find((s) => s.kind === kind);
  if (!schema) throw new Error(`no ${kind} schema`);
  return schema;
}

/** The commands that compute an analysis: the panels only read what is stored. */
const COMPUTE = ['analyze_rfm', 'analyze_segments', 'analyze_clv', 'analyze_scores', 'analyze_all'];
function computeCalls(): string[] {
  return backend.calls.map((call) => call.command).filter((command) => COMPUTE.includes(command));
}

afterEach(() => {
  uninstallMockBackend();
  window.location.hash = '';
  i18n.set('en');
});

describe('the dashboard', () => {
  it('shows the engine’s headline figures and a card for every chart, in its order', async () => {
    render(Dashboard, { section: 'overview', info: open() });
    const kpis = recordedAnswer<Kpis>('dashboard_kpis', { asOf: null });
    expect(kpis.customers).toBeGreaterThan(0);
    await screen.findByTestId('kpi-customers-value');
    for (const card of kpiCards(kpis)) {
      expect(screen.getByTestId(`kpi-${card.id}-value`)).toHaveTextContent(card.value);
    }
    expect(screen.getByTestId('kpi-customers-value')).toHaveTextContent(
      formatNumber(kpis.customers),
    );
    const charts = await screen.findByTestId('charts');
    const names = recordedAnswer<Array<[string, string]>>('dashboard_charts');
    expect(
      within(charts)
        .getAllByRole('article')
        .map((card) => card.dataset.testid),
    ).toEqual(names.map(([name]) => `chart-${name}`));
    const [first, title] = names[0] ?? [];
    expect(screen.getByTestId(`chart-${first}`)).toHaveTextContent(title ?? '');
    expect(screen.queryByTestId('dashboard-empty')).toBeNull();
    expect(computeCalls()).toEqual([]);
  });

  it('invites an empty workspace to add or import its first records', async () => {
    render(Dashboard, { section: 'overview', info: open('empty') });
    expect(await screen.findByTestId('dashboard-empty')).toHaveTextContent('Import a spreadsheet');
    expect(await screen.findByTestId('kpi-csat')).toHaveTextContent('no ratings yet');
  });
});

describe('a chart card', () => {
  it('draws the engine’s SVG inline, asked at the size its card measures', async () => {
    open();
    const [name, title] = recordedAnswer<Array<[string, string]>>('dashboard_charts')[0] ?? [
      'none',
      'none',
    ];
    render(ChartCard, { name, title, queue: new TaskQueue(2), fallbackWidth: 655 });
    const plot = await screen.findByTestId(`chart-${name}-svg`);
    expect(plot.querySelector('svg')?.getAttribute('viewBox')).toBe('0 0 640 384');
    expect(backend.calls.find((call) => call.command === 'chart')?.args).toEqual({
      name,
      from: null,
      to: null,
      width: 640,
      height: 384,
      language: 'en',
    });
  });

  it('asks for the chart in the window’s language: Chinese words when it speaks Chinese', async () => {
    open();
    i18n.set('zh');
    try {
      const [name, title] = recordedAnswer<Array<[string, string]>>('dashboard_charts')[0] ?? [
        'none',
        'none',
      ];
      render(ChartCard, { name, title, queue: new TaskQueue(2), fallbackWidth: 655 });
      const plot = await screen.findByTestId(`chart-${name}-svg`);
      expect(backend.calls.find((call) => call.command === 'chart')?.args).toMatchObject({
        name,
        language: 'zh',
      });
      // The engine's Chinese month labels (2026年1月), not its English ones (2026-01).
      expect(plot.textContent).toMatch(/\d{4}年\d{1,2}月/);
      expect(plot.textContent).not.toMatch(/\d{4}-\d{2}/);
    } finally {
      i18n.set('en');
    }
  });
});

describe('segments', () => {
  it('offers to compute them when they never ran, instead of a blank', async () => {
    render(Dashboard, { section: 'segments', info: open('unscored') });
    expect(await screen.findByTestId('rfm-not-run')).toHaveTextContent('Not computed yet');
    expect(screen.getByTestId('clusters-not-run')).toBeInTheDocument();
    expect(computeCalls()).toEqual([]);
  });

  it('lists the R×F segments with the engine’s counts and descriptions, and links each to its contacts', async () => {
    render(Dashboard, { section: 'segments', info: open() });
    const rfm = stored<RfmView>('rfm');
    const filled = rfm.segments.filter((segment) => segment.count > 0);
    expect(filled.length).toBeGreaterThan(0);
    for (const segment of rfm.segments) {
      const row = await screen.findByTestId(`segment-${segment.segment}`);
      expect(row).toHaveTextContent(segment.description);
      expect(screen.getByTestId(`segment-${segment.segment}-count`)).toHaveTextContent(
        formatNumber(segment.count),
      );
      const link = screen.queryByTestId(`segment-${segment.segment}-contacts`);
      // An empty segment offers nothing to open.
      if (segment.count === 0) expect(link).toBeNull();
      else
        expect(link).toHaveAttribute(
          'href',
          `#/contact?rfm_segment=${encodeURIComponent(segment.label)}`,
        );
    }
    expect(screen.getByTestId('rfm-all')).toHaveTextContent(
      `All ${formatNumber(rfm.scored)} customers by RFM →`,
    );
    expect(screen.getByTestId('rfm-stamp')).toHaveTextContent(/^As of Nov 1, 2026, computed /);
    expect(await screen.findByTestId('clusters-summary')).toBeInTheDocument();
    expect(computeCalls()).toEqual([]);
  });

  it('opens a segment’s contacts as the engine filters them', async () => {
    open();
    const segment = stored<RfmView>('rfm').segments.find((s) => s.count > 0);
    if (!segment) throw new Error('no customer in any segment');
    render(ListView, {
      schema: schemaOf('contact'),
      onopen: vi.fn(),
      onnew: vi.fn(),
      filters: { rfm_segment: segment.label },
      onchange: vi.fn(),
    });
    const n = segment.count;
    await waitFor(() =>
      expect(screen.getByTestId('list-total')).toHaveTextContent(
        `${formatNumber(n)} ${n === 1 ? 'contact' : 'contacts'}`,
      ),
    );
    expect(screen.getByTestId('list-filter-rfm_segment')).toHaveTextContent(
      `Segment: ${segment.label}`,
    );
  });
});

describe('lifetime value, lead scores and satisfaction', () => {
  it('shows the lifetime value’s notes in the engine’s words', async () => {
    render(Dashboard, { section: 'value', info: open() });
    const report = stored<ValueReport>('clv');
    const notes = await screen.findByTestId('value-notes');
    expect(report.notes.length).toBeGreaterThan(0);
    for (const note of report.notes) expect(notes).toHaveTextContent(note.text.slice(1, 40));
    expect(screen.queryAllByTestId('value-row')).toHaveLength(Math.min(report.values.length, 100));
  });

  it('says so when the lifetime value never ran', async () => {
    render(Dashboard, { section: 'value', info: open('unscored') });
    expect(await screen.findByTestId('value-not-run')).toHaveTextContent(
      'what their purchases will be worth',
    );
    expect(computeCalls()).toEqual([]);
  });

  it('says how the lead scores are made, and lists the open deals the engine scored', async () => {
    render(Dashboard, { section: 'scores', info: open() });
    const scores = stored<ScoreView>('scores');
    const method = await screen.findByTestId('score-method');
    if (scores.method.method === 'rule_based') expect(method).toHaveTextContent('Rule-based');
    expect(await screen.findAllByTestId('score-row')).toHaveLength(scores.deals.length);
    expect(screen.getByTestId('scores-all')).toHaveAttribute(
      'href',
      '#/contact?sort=lead_score&desc=1',
    );
  });

  it('offers to compute the lead scores when they never ran', async () => {
    render(Dashboard, { section: 'scores', info: open('unscored') });
    expect(await screen.findByTestId('scores-not-run')).toHaveTextContent('Not computed yet');
    expect(screen.queryByTestId('score-method')).toBeNull();
  });

  it('shows CSAT, NPS and the engine’s note where a model cannot run', async () => {
    render(Dashboard, { section: 'satisfaction', info: open() });
    const view = recordedAnswer<SatisfactionView>('analyze_satisfaction', {
      asOf: null,
      recentDays: 90,
    });
    const csat = view.csat.overall;
    if (!csat) throw new Error('the demo has ratings');
    expect(await screen.findByTestId('csat')).toHaveTextContent(
      `${Math.round(csat.satisfied_pct ?? 0)}% satisfied`,
    );
    expect(screen.getByTestId('nps')).toHaveTextContent('Promoters 9–10');
    if (view.classifier_note) {
      expect(screen.getByTestId('classifier-note')).toHaveTextContent(
        view.classifier_note.text.slice(1, 40),
      );
    }
  });
});

describe('record pages', () => {
  /** A contact whose figures the engine stored, and those figures. */
  function scoredContact(): StoredFigures {
    const found = recordedCalls('customer_figures')
      .map((call) => call.answer as StoredFigures | null)
      .find((figures) => figures?.rfm_segment);
    if (!found) throw new Error('no contact with stored figures');
    return found;
  }

  it('show a contact’s stored figures, with what they mean', async () => {
    open();
    const figures = scoredContact();
    render(ContactFigures, { contactId: figures.contact_id });
    expect(await screen.findByTestId('contact-segment')).toHaveTextContent(
      figures.rfm_segment ?? '',
    );
    expect(screen.getByTestId('contact-rfm')).toHaveTextContent(
      `R ${figures.r} · F ${figures.f} · M ${figures.m}`,
    );
    expect(screen.getByTestId('contact-figures')).toHaveTextContent(
      figures.rfm_segment_description ?? '',
    );
  });

  it('say a contact has no figures before the analyses ran', async () => {
    open('unscored');
    const contacts = recordedCalls('customer_figures', 'unscored');
    const contactId = String(contacts[0]?.args.contactId);
    render(ContactFigures, { contactId });
    expect(await screen.findByTestId('contact-figures-none')).toBeInTheDocument();
  });

  it('show an open deal’s stored score with its factors, read for that deal alone', async () => {
    open();
    const view = recordedCalls('analyze_deal_score')
      .map((call) => call.answer as DealScoreView | null)
      .find((answer) => answer !== null);
    if (!view) throw new Error('no scored deal');
    render(DealScore, { dealId: view.deal.deal_id, stage: view.deal.stage });
    expect(await screen.findByTestId('deal-score-value')).toHaveTextContent(
      String(view.deal.score),
    );
    const first = view.deal.raised_by[0] ?? view.deal.lowered_by[0];
    if (first) expect(screen.getByTestId('deal-score-line')).toHaveTextContent(first.summary);
    expect(backend.calls.filter((call) => call.command === 'analyze_deal_score')).toEqual([
      { command: 'analyze_deal_score', args: { dealId: view.deal.deal_id } },
    ]);
    expect(computeCalls()).toEqual([]);
  });

  it('say a deal is not scored before the scores ran', async () => {
    open('unscored');
    const dealId = String(recordedCalls('analyze_deal_score', 'unscored')[0]?.args.dealId);
    render(DealScore, { dealId, stage: 'negotiation' });
    expect(await screen.findByTestId('deal-score-none')).toHaveTextContent('Not scored yet');
  });
});

describe('the dashboard in Chinese', () => {
  beforeEach(() => i18n.set('zh'));

  it('says the headline figures in Chinese, with money in 万', async () => {
    const { container } = render(Dashboard, { section: 'overview', info: open() });
    const kpis = recordedAnswer<Kpis>('dashboard_kpis', { asOf: null });
    await screen.findByTestId('kpi-customers-value');
    expect(screen.getByRole('heading', { name: '仪表盘' })).toBeInTheDocument();
    expect(screen.getByTestId('dashboard-tab-segments')).toHaveTextContent('客户分群');
    expect(screen.getByTestId('kpi-customers')).toHaveTextContent('有过购买的联系人');
    expect(screen.getByTestId('kpi-pipeline')).toHaveTextContent('进行中商机');
    expect(kpis.pipeline).toBeGreaterThanOrEqual(10_000);
    expect(screen.getByTestId('kpi-pipeline-value')).toHaveTextContent(/^US\$[\d.]+万$/);
    expect(screen.getByTestId('recompute-button')).toHaveTextContent('重新计算');
    // The charts' titles, by the engine's names for them.
    expect(await screen.findByText('月度收入')).toBeInTheDocument();
    expect(screen.getByText('各阶段商机')).toBeInTheDocument();
    expect(container.textContent).not.toMatch(/Revenue by month|Pipeline by stage/);
    const own = [
      container.querySelector('.page-header'),
      screen.getByRole('navigation'),
      screen.getByTestId('kpis'),
    ];
    for (const part of own) {
      expect(part?.textContent).not.toMatch(
        /Dashboard|Overview|Customers|Revenue this month|Open pipeline|weighted forecast|Recompute/,
      );
    }
  });

  it('names the segments and what they mean in Chinese, filtering by the engine’s names', async () => {
    const { container } = render(Dashboard, { section: 'segments', info: open() });
    const rfm = stored<RfmView>('rfm');
    const champions = await screen.findByTestId('segment-champions');
    expect(champions).toHaveTextContent('冠军客户');
    expect(champions).toHaveTextContent('最近常买：给予回馈，并请他们推荐新客户。');
    expect(screen.getByTestId('rfm-segments')).toHaveTextContent('R×F 分群');
    expect(screen.getByTestId('rfm-all')).toHaveTextContent(
      `按 RFM 查看全部 ${formatNumber(rfm.scored)} 位客户 →`,
    );
    expect(screen.getByTestId('rfm-stamp')).toHaveTextContent(/^数据截至 2026年11月1日，/);
    const filled = rfm.segments.find((segment) => segment.count > 0);
    if (!filled) throw new Error('no customer in any segment');
    const contacts = screen.getByTestId(`segment-${filled.segment}-contacts`);
    expect(contacts).toHaveTextContent('查看联系人');
    expect(contacts).toHaveAttribute(
      'href',
      `#/contact?rfm_segment=${encodeURIComponent(filled.label)}`,
    );
    expect(await screen.findByTestId('clusters-summary')).toHaveTextContent(/个客户群/);
    expect(container.textContent).not.toMatch(
      /Show contacts|Invite to campaign|What it means|Champions|Hibernating|Bought recently|clusters:|As of/,
    );
  });

  it('says the lifetime value’s notes in Chinese, by their codes', async () => {
    const { container } = render(Dashboard, { section: 'value', info: open() });
    const report = stored<ValueReport>('clv');
    expect(report.notes.map((note) => note.code.code)).toEqual([
      'not_identifiable',
      'orders_left_out',
    ]);
    const notes = await screen.findByTestId('value-notes');
    expect(notes).toHaveTextContent(
      'BG/NBD：数据无法确定参数 a（它趋向零）；请使用更多样的数据，或加入较小的惩罚项（如 0.001）。',
    );
    expect(notes).toHaveTextContent(
      '有 8 个订单未计入：8 个为草稿、已取消或已退款，0 个没有联系人，0 个没有总额，0 个总额为零。',
    );
    expect(container.textContent).not.toMatch(/pin down|left out|draft|penalizer such/);
  });

  it('names the k-means clusters in Chinese, filtering by the names the engine stored', async () => {
    const { container } = render(Dashboard, { section: 'segments', info: open() });
    const clusters = stored<SegmentView>('segments').clusters;
    expect(clusters.map((cluster) => cluster.name)).toEqual([
      'high value, loyal regulars',
      'lapsing one-off buyers, low spend',
    ]);
    const first = await screen.findByTestId('cluster-0');
    expect(first).toHaveTextContent('高价值忠实常客');
    expect(screen.getByTestId('cluster-1')).toHaveTextContent('低消费即将流失的一次性买家');
    // The list is filtered by the English name each customer's figure stores.
    expect(within(first).getByTestId('cluster-0-contacts')).toHaveAttribute(
      'href',
      `#/contact?cluster=${encodeURIComponent('high value, loyal regulars')}`,
    );
    expect(container.textContent).not.toMatch(/loyal regulars|one-off buyers|low spend/);
  });

  it('says why no ticket category is suggested in Chinese', async () => {
    render(Dashboard, { section: 'satisfaction', info: open() });
    const view = recordedAnswer<SatisfactionView>('analyze_satisfaction', {
      asOf: null,
      recentDays: 90,
    });
    expect(view.classifier_note?.code).toEqual({ code: 'too_few_tickets', have: 6, need: 20 });
    expect(await screen.findByTestId('classifier-note')).toHaveTextContent(
      '已分类的工单只有 6 个，类别建议至少需要 20 个。',
    );
  });

  it('says there are no ratings nor NPS scores yet in Chinese', async () => {
    const { container } = render(Dashboard, { section: 'satisfaction', info: open('empty') });
    const view = recordedAnswer<SatisfactionView>(
      'analyze_satisfaction',
      { asOf: null, recentDays: 90 },
      'empty',
    );
    expect([view.csat.note?.code.code, view.nps.note?.code.code]).toEqual([
      'no_ratings',
      'no_nps_scores',
    ]);
    expect(await screen.findByTestId('csat')).toHaveTextContent('还没有 1–5 分的满意度评分。');
    expect(screen.getByTestId('nps')).toHaveTextContent('还没有 0–10 分的 NPS 评分。');
    expect(screen.getByTestId('classifier-note')).toHaveTextContent(
      '已分类的工单只有 0 个，类别建议至少需要 20 个。',
    );
    expect(container.textContent).not.toMatch(/categorised|yet\./);
  });

  it('says how the lead scores are made, rules and factors, in Chinese', async () => {
    const { container } = render(Dashboard, { section: 'scores', info: open() });
    const scores = stored<ScoreView>('scores');
    const method = await screen.findByTestId('score-method');
    expect(scores.method.method).toBe('rule_based');
    expect(method).toHaveTextContent('基于规则');
    expect(method).toHaveTextContent('评分来自规则：只有 6 个已关闭商机');
    expect(await screen.findByTestId('rule-recent_meeting')).toHaveTextContent(
      '最近 14 天内有会议',
    );
    expect(screen.getByLabelText('来自转介绍')).toHaveValue(10);
    const rows = await screen.findAllByTestId('score-row');
    expect(rows[0]).toHaveTextContent('线索');
    expect(screen.getByRole('columnheader', { name: '原因' })).toBeInTheDocument();
    expect(container.textContent).not.toMatch(
      /Rule-based|closed deals|meeting in the last|came by referral|Edit rules|Reset to defaults|Deal|Score/,
    );
  });

  it('shows satisfaction in Chinese', async () => {
    const { container } = render(Dashboard, { section: 'satisfaction', info: open() });
    expect(await screen.findByTestId('nps')).toHaveTextContent('推荐者 9–10');
    expect(screen.getByTestId('csat')).toHaveTextContent(/表示满意（4 或 5 分）/);
    expect(screen.getByTestId('sentiment')).toHaveTextContent('情感倾向（最近 90 天）');
    expect(screen.getByTestId('negative-texts')).toHaveTextContent('客户不满意的地方');
    expect(container.textContent).not.toMatch(
      /Promoters|Passives|Detractors|satisfied|Sentiment|unhappy|Words recent|feedback comments/,
    );
  });

  it('shows a contact’s figures and a deal’s score in Chinese', async () => {
    open();
    const figures = recordedCalls('customer_figures')
      .map((call) => call.answer as StoredFigures | null)
      .find((found) => found?.rfm_segment === 'Champions');
    if (!figures) throw new Error('no champion with stored figures');
    const { container } = render(ContactFigures, { contactId: figures.contact_id });
    expect(await screen.findByTestId('contact-segment')).toHaveTextContent('冠军客户');
    // The cluster by its code; its link filters by the English name the figures store.
    expect(figures.cluster).toBe('high value, loyal regulars');
    const cluster = screen.getByTestId('contact-cluster');
    expect(cluster).toHaveTextContent('高价值忠实常客');
    expect(cluster).toHaveAttribute(
      'href',
      `#/contact?cluster=${encodeURIComponent('high value, loyal regulars')}`,
    );
    expect(screen.getByTestId('contact-figures')).toHaveTextContent('客户指标');
    expect(screen.getByTestId('contact-figures')).toHaveTextContent('给予回馈');
    expect(container.textContent).not.toMatch(
      /Customer figures|Champions|Lead score|Orders|loyal regulars/,
    );

    const view = recordedCalls('analyze_deal_score')
      .map((call) => call.answer as DealScoreView | null)
      .find((answer) => answer !== null && answer.deal.raised_by.length > 0);
    if (!view) throw new Error('no scored deal with a factor');
    render(DealScore, { dealId: view.deal.deal_id, stage: view.deal.stage });
    const card = await screen.findByTestId('deal-score');
    await screen.findByTestId('deal-score-value');
    expect(card).toHaveTextContent('商机评分');
    expect(screen.getByTestId('deal-score-line')).toHaveTextContent(/^评分 \d+：/);
    expect(card.textContent).not.toMatch(/Lead score|score \d|Starts from|Rule-based/);
  });
});
