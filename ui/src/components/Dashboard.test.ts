import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  listRecords,
  defaultQuery,
  type CustomerFigures,
  type EntityRecord,
  type Kind,
  type KindSchema,
  type RefreshStep,
  type WorkspaceInfo,
} from '../ipc/api';
import { installMockBackend, MockBackend, uninstallMockBackend } from '../ipc/mock/install';
import { TaskQueue } from '../lib/analytics';
import { analyticsRuns } from '../lib/analyticsRuns.svelte';
import ChartCard from './ChartCard.svelte';
import ContactFigures from './ContactFigures.svelte';
import Dashboard from './Dashboard.svelte';
import DealScore from './DealScore.svelte';
import ListView from './ListView.svelte';
import Toasts from './Toasts.svelte';

/** A fixed "today" in November, so "this month" holds two of the seeded orders. */
const NOW = new Date('2026-11-20T12:00:00Z');
let backend: MockBackend;

async function info(): Promise<WorkspaceInfo> {
  return (await backend.handle('workspace_info')) as WorkspaceInfo;
}

function schemaOf(kind: Kind): KindSchema {
  const schema = backend.schemas.find((candidate) => candidate.kind === kind);
  if (!schema) throw new Error(`mock has no ${kind} schema`);
  return schema;
}

async function create(kind: Kind, input: Record<string, string>): Promise<EntityRecord> {
  return (await backend.handle('record_create', { kind, input })) as EntityRecord;
}

async function firstDeal(text: string): Promise<EntityRecord> {
  const page = (await backend.handle('record_list', {
    kind: 'deal',
    query: { ...defaultQuery(1), text },
  })) as { rows: EntityRecord[] };
  const found = page.rows[0];
  if (!found) throw new Error(`no deal ${text}`);
  return found;
}

async function contactNamed(text: string): Promise<EntityRecord> {
  const page = (await backend.handle('record_list', {
    kind: 'contact',
    query: {
      text,
      sort: null,
      desc: false,
      offset: 0,
      limit: 1,
      filters: {},
      include_deleted: false,
    },
  })) as { rows: EntityRecord[] };
  const found = page.rows[0];
  if (!found) throw new Error(`no contact ${text}`);
  return found;
}

/** Runs every stored analysis in the mock, as "Recompute" has the engine do. */
async function refresh(): Promise<void> {
  await backend.handle('analyze_all', {});
}

/** The commands that recompute an analysis (the panels must only read what is stored). */
const COMPUTE = ['analyze_rfm', 'analyze_segments', 'analyze_clv', 'analyze_scores'];
function computeCalls(): string[] {
  return backend.calls.map((call) => call.command).filter((command) => COMPUTE.includes(command));
}

/** A promise with its resolver, to hold the mock's refresh at a step. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => {};
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

beforeEach(() => {
  backend = installMockBackend(new MockBackend({ chosen: true, now: () => NOW }));
});

afterEach(() => {
  uninstallMockBackend();
  window.location.hash = '';
});

describe('the dashboard', () => {
  it('shows the engine’s headline figures and a card for every chart', async () => {
    render(Dashboard, { section: 'overview', info: await info() });
    expect(await screen.findByTestId('kpi-customers-value')).toHaveTextContent('3');
    expect(screen.getByTestId('kpi-revenue-value')).toHaveTextContent('10,399');
    expect(screen.getByTestId('kpi-revenue')).toHaveTextContent('last month CN¥18,400');
    expect(screen.getByTestId('kpi-csat-value')).toHaveTextContent('4.0 / 5');
    // One promoter (9) and one detractor (6): NPS 0, shown without a sign.
    expect(screen.getByTestId('kpi-nps-value')).toHaveTextContent(/^0$/);
    const charts = await screen.findByTestId('charts');
    // The engine's nine charts, in its order; each with its title and both exports.
    const cards = within(charts).getAllByRole('article');
    expect(cards.map((card) => card.dataset.testid)).toEqual([
      'chart-revenue',
      'chart-funnel',
      'chart-forecast',
      'chart-segments',
      'chart-rfm',
      'chart-clv',
      'chart-satisfaction',
      'chart-places',
      'chart-tickets',
    ]);
    expect(screen.getByTestId('chart-revenue')).toHaveTextContent('Revenue by month');
    expect(screen.getByTestId('chart-revenue-export-png')).toBeInTheDocument();
    expect(screen.queryByTestId('dashboard-empty')).toBeNull();
  });

  it('invites the empty workspace to add or import its first records', async () => {
    uninstallMockBackend();
    backend = installMockBackend(new MockBackend({ chosen: true, seeded: false, now: () => NOW }));
    render(Dashboard, { section: 'overview', info: await info() });
    expect(await screen.findByTestId('dashboard-empty')).toHaveTextContent('Import a spreadsheet');
    expect(await screen.findByTestId('kpi-csat')).toHaveTextContent('no ratings yet');
  });

  it('recomputes in the background with a determinate progress bar, then reloads', async () => {
    uninstallMockBackend();
    const held = gate();
    backend = installMockBackend(
      new MockBackend({
        chosen: true,
        now: () => NOW,
        beforeRefreshStep: (step: RefreshStep) =>
          step === 'value' ? held.wait : Promise.resolve(),
      }),
    );
    render(Dashboard, { section: 'overview', info: await info() });
    await screen.findByTestId('kpi-customers-value');
    const before = analyticsRuns.generation;
    await fireEvent.click(screen.getByTestId('recompute-button'));
    // Held at the third step: the bar says which and how far, as the engine reported it.
    const bar = await screen.findByRole('progressbar');
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '60'));
    expect(screen.getByTestId('recompute-label')).toHaveTextContent(
      'Lifetime value (3 of 4) — 60 %',
    );
    expect(screen.getByTestId('recompute-button')).toBeDisabled();
    // The window stays usable: other commands answer while the refresh runs.
    const page = await listRecords('contact', defaultQuery(10));
    expect(page.total).toBe(7);
    held.open();
    await waitFor(() => expect(analyticsRuns.generation).toBe(before + 1));
    expect(screen.getByTestId('recompute-button')).toBeEnabled();
    expect(screen.queryByRole('progressbar')).toBeNull();
    // One refresh, no analysis computed one by one.
    expect(backend.calls.filter((call) => call.command === 'analyze_all')).toHaveLength(1);
    expect(computeCalls()).toEqual([]);
    // The headline figures were asked for again after the run.
    expect(backend.calls.filter((call) => call.command === 'dashboard_kpis')).toHaveLength(2);
  });
});

describe('a chart card', () => {
  it('draws the engine’s SVG inline and exports it as PNG through the save dialog', async () => {
    render(ChartCard, {
      name: 'places',
      title: 'Customers by city',
      queue: new TaskQueue(2),
      fallbackWidth: 655,
    });
    render(Toasts);
    const plot = await screen.findByTestId('chart-places-svg');
    const svg = plot.querySelector('svg');
    expect(svg?.getAttribute('viewBox')).toBe('0 0 640 384');
    expect(plot).toHaveTextContent('杭州');
    expect(backend.calls.find((call) => call.command === 'chart')?.args).toMatchObject({
      name: 'places',
      width: 640,
      height: 384,
    });
    await fireEvent.click(screen.getByTestId('chart-places-export-png'));
    const toast = await screen.findByTestId('toast-success');
    expect(toast).toHaveTextContent(
      'Saved “Customers by city” to /home/you/Documents/kith-places-',
    );
    const saved = [...backend.files.keys()].find((path) => path.endsWith('.png'));
    expect(saved).toMatch(/kith-places-\d{4}-\d{2}-\d{2}\.png$/);
  });
});

describe('segments', () => {
  it('offers to compute them when they never ran, instead of a blank', async () => {
    render(Dashboard, { section: 'segments', info: await info() });
    const rfm = await screen.findByTestId('rfm-not-run');
    expect(rfm).toHaveTextContent('Not computed yet');
    expect(screen.getByTestId('clusters-not-run')).toBeInTheDocument();
    // Opening the section computes nothing.
    expect(computeCalls()).toEqual([]);
    await fireEvent.click(screen.getByTestId('rfm-not-run-compute'));
    expect(
      await screen.findByTestId('segment-hibernating', {}, { timeout: 3000 }),
    ).toHaveTextContent('Hibernating');
    expect(await screen.findByTestId('clusters-summary')).toBeInTheDocument();
    expect(screen.queryByTestId('rfm-not-run')).toBeNull();
    expect(backend.calls.filter((call) => call.command === 'analyze_all')).toHaveLength(1);
  });

  it('lists the R×F segments with the engine’s descriptions, its note, and contacts by segment', async () => {
    await refresh();
    render(Dashboard, { section: 'segments', info: await info() });
    const hibernating = await screen.findByTestId('segment-hibernating');
    expect(hibernating).toHaveTextContent('Few orders, long ago');
    expect(screen.getByTestId('segment-hibernating-count')).toHaveTextContent('1');
    expect(screen.getByTestId('rfm-notes')).toHaveTextContent(
      'Only 3 customers with orders: scores are rough.',
    );
    const show = screen.getByTestId('segment-hibernating-contacts');
    expect(show).toHaveAttribute('href', '#/contact?rfm_segment=Hibernating');
    // Empty segments offer nothing to open.
    expect(screen.queryByTestId('segment-champions-contacts')).toBeNull();
    expect(await screen.findByTestId('clusters-summary')).toHaveTextContent(
      '2 clusters: the number that separates customers best',
    );
    // When the stored run was made; and every scored customer, by RFM, in the contacts list.
    expect(screen.getByTestId('rfm-stamp')).toHaveTextContent(
      /^As of Nov 20, 2026, computed (just now|.* ago)\.$/,
    );
    expect(screen.getByTestId('rfm-all')).toHaveTextContent('All 3 customers by RFM →');
    expect(screen.getByTestId('rfm-all')).toHaveAttribute('href', '#/contact?sort=rfm&desc=1');
    expect(computeCalls()).toEqual([]);

    // The list that link opens holds exactly the segment's contacts.
    render(ListView, {
      schema: schemaOf('contact'),
      onopen: vi.fn(),
      onnew: vi.fn(),
      filters: { rfm_segment: 'Hibernating' },
      onchange: vi.fn(),
    });
    await waitFor(() => expect(screen.getByTestId('list-total')).toHaveTextContent('1 contact'));
    expect(screen.getByTestId('list-filter-rfm_segment')).toHaveTextContent('Segment: Hibernating');
    expect(await screen.findByText('li.ming@hztea.example.cn')).toBeInTheDocument();
  });

  it('invites a segment to a campaign the user picks, and says what it did', async () => {
    await refresh();
    render(Dashboard, { section: 'segments', info: await info() });
    await fireEvent.click(await screen.findByTestId('segment-new_customers-invite'));
    const dialog = await screen.findByTestId('campaign-dialog');
    expect(dialog).toHaveTextContent('Segment: New Customers · 1 customer');
    const select = (await within(dialog).findByTestId('campaign-select')) as HTMLSelectElement;
    expect(select.selectedOptions[0]?.textContent).toBe('中秋茶礼 2025');
    await fireEvent.click(within(dialog).getByTestId('campaign-invite'));
    expect(await within(dialog).findByTestId('campaign-result')).toHaveTextContent(
      'Invited 1 contact to “中秋茶礼 2025”.',
    );
    const call = backend.calls.find((entry) => entry.command === 'analyze_target');
    expect(call?.args).toMatchObject({ column: 'rfm_segment', value: 'New Customers' });
  });
});

describe('lifetime value, lead scores and satisfaction', () => {
  it('shows why there is no lifetime value yet, in the engine’s words', async () => {
    await refresh();
    render(Dashboard, { section: 'value', info: await info() });
    const notes = await screen.findByTestId('value-notes');
    expect(notes).toHaveTextContent(
      'BG/NBD needs at least 5 customers with a repeat purchase; you have 0.',
    );
    expect(screen.queryAllByTestId('value-row')).toHaveLength(0);
    expect(screen.getByTestId('value-models')).toHaveTextContent('Not fitted');
  });

  it('says so when the lifetime value never ran, and computes it on request', async () => {
    render(Dashboard, { section: 'value', info: await info() });
    expect(await screen.findByTestId('value-not-run')).toHaveTextContent(
      'what their purchases will be worth',
    );
    await fireEvent.click(screen.getByTestId('value-not-run-compute'));
    expect(await screen.findByTestId('value-notes')).toHaveTextContent('BG/NBD needs');
    expect(computeCalls()).toEqual([]);
  });

  it('lists the stored top 100 customers by value and links to all of them', async () => {
    // 105 repeat buyers: more than the stored report keeps.
    for (let index = 0; index < 105; index += 1) {
      const contact = await create('contact', { first_name: `Buyer${index}`, last_name: 'Test' });
      for (const [n, day] of ['2026-05-02', '2026-10-30'].entries()) {
        await create('order', {
          number: `B-${index}-${n}`,
          contact_id: contact.id,
          ordered_on: day,
          status: 'paid',
          total: String(10 + index),
          currency: 'CNY',
        });
      }
    }
    await refresh();
    render(Dashboard, { section: 'value', info: await info() });
    const rows = await screen.findAllByTestId('value-row');
    expect(rows).toHaveLength(100);
    expect(screen.getByTestId('value-shown')).toHaveTextContent('The top 100 of 108 customers');
    const all = screen.getByTestId('value-all');
    expect(all).toHaveTextContent('All 108 customers by lifetime value →');
    expect(all).toHaveAttribute('href', '#/contact?sort=clv_365&desc=1');
    expect(screen.getByTestId('value-stamp')).toHaveTextContent('As of Nov 20, 2026');
    expect(computeCalls()).toEqual([]);
  });

  it('lists the customers with the highest expected value once there are repeat buyers', async () => {
    const people = ['李明', '王芳', '张伟', '陈静', 'Anna'];
    for (const [index, name] of people.entries()) {
      const contact = await contactNamed(name);
      const days = ['2026-03-02', '2026-07-15', '2026-10-30'].slice(0, 2 + (index % 2));
      for (const [n, day] of days.entries()) {
        await create('order', {
          number: `T-${index}-${n}`,
          contact_id: contact.id,
          ordered_on: day,
          status: 'paid',
          total: String(100 * (index + 1)),
          currency: 'CNY',
        });
      }
    }
    await refresh();
    render(Dashboard, { section: 'value', info: await info() });
    const rows = await screen.findAllByTestId('value-row');
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(screen.getByTestId('value-notes')).toHaveTextContent('the estimates are rough');
    expect(screen.getByTestId('value-models')).toHaveTextContent('Purchases (BG/NBD)');
  });

  it('says plainly that the lead scores are rule-based, and why', async () => {
    await refresh();
    render(Dashboard, { section: 'scores', info: await info() });
    const method = await screen.findByTestId('score-method');
    expect(method).toHaveTextContent('Rule-based');
    expect(method).toHaveTextContent('the learned score needs 20');
    expect(await screen.findAllByTestId('score-row')).toHaveLength(3);
    expect(screen.getByTestId('scores-shown')).toHaveTextContent('All 3 open deals');
    expect(screen.getByTestId('scores-all')).toHaveAttribute(
      'href',
      '#/contact?sort=lead_score&desc=1',
    );
    expect(computeCalls()).toEqual([]);
  });

  it('offers to compute the lead scores when they never ran', async () => {
    render(Dashboard, { section: 'scores', info: await info() });
    expect(await screen.findByTestId('scores-not-run')).toHaveTextContent('Not computed yet');
    expect(screen.queryByTestId('score-method')).toBeNull();
  });

  it('shows CSAT, NPS and the engine’s note where a model cannot run', async () => {
    render(Dashboard, { section: 'satisfaction', info: await info() });
    expect(await screen.findByTestId('csat')).toHaveTextContent('50% satisfied');
    expect(screen.getByTestId('nps')).toHaveTextContent('Promoters 9–10');
    expect(screen.getByTestId('classifier-note')).toHaveTextContent(
      'Only 2 categorised tickets; category suggestions need at least 20.',
    );
  });
});

describe('record pages', () => {
  it('show a contact’s stored figures once the analyses ran, with what they mean', async () => {
    const liming = await contactNamed('李明');
    render(ContactFigures, { contactId: liming.id });
    expect(await screen.findByTestId('contact-figures-none')).toBeInTheDocument();
    await analyticsRuns.recompute();
    expect(await screen.findByTestId('contact-segment')).toHaveTextContent('Hibernating');
    expect(screen.getByTestId('contact-figures')).toHaveTextContent('Few orders, long ago');
    expect(screen.getByTestId('contact-rfm')).toHaveTextContent('R 1 · F 1 · M');
    const stored = (await backend.handle('customer_figures', {
      contactId: liming.id,
    })) as CustomerFigures;
    expect(stored.spend).toBe(18_400);
  });

  it('show a contact’s lead score, the best of its open deals', async () => {
    const liming = await contactNamed('李明');
    await refresh();
    render(ContactFigures, { contactId: liming.id });
    // 秋季龙井批发: negotiation +10, referral +10, above the median value +10, from 50.
    expect(await screen.findByTestId('contact-lead-score')).toHaveTextContent(
      '80 best of its open deals',
    );
    expect(screen.getByTestId('contact-figures-days')).toHaveTextContent(
      'Scored Nov 20, 2026, lead score as of Nov 20, 2026.',
    );
  });

  it('show an open deal’s stored score with its factors, read for that deal alone', async () => {
    const deal = (await firstDeal('秋季龙井批发')).id;
    render(DealScore, { dealId: deal, stage: 'negotiation' });
    // Before the scores ever ran: said, with a way to compute them.
    expect(await screen.findByTestId('deal-score-none')).toHaveTextContent('Not scored yet');
    await fireEvent.click(screen.getByTestId('deal-score-compute'));
    expect(await screen.findByTestId('deal-score-value')).toHaveTextContent('80');
    expect(screen.getByTestId('deal-score-line')).toHaveTextContent(
      // Equal points in the rules' order, as the engine lists them.
      'score 80: deal value above the median +10, came by referral +10, at negotiation stage +10',
    );
    expect(screen.getByTestId('deal-score')).toHaveTextContent('Rule-based');
    expect(screen.getByTestId('deal-score')).toHaveTextContent('Scored Nov 20, 2026.');
    // It asks for this deal's stored score; it never scores every deal itself.
    expect(
      backend.calls.filter((call) => call.command === 'analyze_deal_score').at(-1)?.args,
    ).toEqual({
      dealId: deal,
    });
    expect(computeCalls()).toEqual([]);
  });
});
