import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CustomerFigures, EntityRecord, Kind, KindSchema, WorkspaceInfo } from '../ipc/api';
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
  return (await backend.handle('create_record', { kind, input })) as EntityRecord;
}

async function contactNamed(text: string): Promise<EntityRecord> {
  const page = (await backend.handle('list_records', {
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

  it('recomputes in the background, saying which analysis runs, then reloads', async () => {
    render(Dashboard, { section: 'overview', info: await info() });
    await screen.findByTestId('kpi-customers-value');
    const before = analyticsRuns.generation;
    await fireEvent.click(screen.getByTestId('recompute-button'));
    expect(await screen.findByTestId('recompute-status')).toHaveTextContent(/of 3/);
    expect(screen.getByTestId('recompute-button')).toBeDisabled();
    await waitFor(() => expect(analyticsRuns.generation).toBe(before + 1));
    expect(screen.getByTestId('recompute-button')).toBeEnabled();
    const order = backend.calls
      .map((call) => call.command)
      .filter((command) => ['rfm_scores', 'customer_segments', 'customer_value'].includes(command));
    expect(order).toEqual(['rfm_scores', 'customer_segments', 'customer_value']);
    // The headline figures were asked for again after the run.
    expect(backend.calls.filter((call) => call.command === 'analytics_kpis')).toHaveLength(2);
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
    expect(backend.calls.find((call) => call.command === 'chart_svg')?.args).toMatchObject({
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
  it('lists the R×F segments with the engine’s descriptions, its note, and contacts by segment', async () => {
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

    // The list that link opens holds exactly the segment's contacts.
    render(ListView, {
      schema: schemaOf('contact'),
      onopen: vi.fn(),
      onnew: vi.fn(),
      filters: { rfm_segment: 'Hibernating' },
      onclearfilters: vi.fn(),
    });
    await waitFor(() => expect(screen.getByTestId('list-total')).toHaveTextContent('1 contact'));
    expect(screen.getByTestId('list-filter-rfm_segment')).toHaveTextContent('Segment: Hibernating');
    expect(await screen.findByText('li.ming@hztea.example.cn')).toBeInTheDocument();
  });

  it('invites a segment to a campaign the user picks, and says what it did', async () => {
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
    const call = backend.calls.find((entry) => entry.command === 'target_campaign');
    expect(call?.args).toMatchObject({ column: 'rfm_segment', value: 'New Customers' });
  });
});

describe('lifetime value, lead scores and satisfaction', () => {
  it('shows why there is no lifetime value yet, in the engine’s words', async () => {
    render(Dashboard, { section: 'value', info: await info() });
    const notes = await screen.findByTestId('value-notes');
    expect(notes).toHaveTextContent(
      'BG/NBD needs at least 5 customers with a repeat purchase; you have 0.',
    );
    expect(screen.queryAllByTestId('value-row')).toHaveLength(0);
    expect(screen.getByTestId('value-models')).toHaveTextContent('Not fitted');
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
    render(Dashboard, { section: 'value', info: await info() });
    const rows = await screen.findAllByTestId('value-row');
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(screen.getByTestId('value-notes')).toHaveTextContent('the estimates are rough');
    expect(screen.getByTestId('value-models')).toHaveTextContent('Purchases (BG/NBD)');
  });

  it('says plainly that the lead scores are rule-based, and why', async () => {
    render(Dashboard, { section: 'scores', info: await info() });
    const method = await screen.findByTestId('score-method');
    expect(method).toHaveTextContent('Rule-based');
    expect(method).toHaveTextContent('the learned score needs 20');
    expect((await screen.findAllByTestId('score-row')).length).toBeGreaterThan(0);
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
    const stored = (await backend.handle('customer_metrics', {
      contactId: liming.id,
    })) as CustomerFigures;
    expect(stored.spend).toBe(18_400);
  });

  it('show an open deal’s score with its factors', async () => {
    const deals = (await backend.handle('lead_scores', {})) as {
      deals: Array<{ deal_id: string; score: number }>;
    };
    const first = deals.deals[0];
    if (!first) throw new Error('the mock has open deals');
    render(DealScore, { dealId: first.deal_id, stage: 'proposal' });
    expect(await screen.findByTestId('deal-score-value')).toHaveTextContent(String(first.score));
    expect(screen.getByTestId('deal-score-line')).toHaveTextContent(`score ${first.score}:`);
    expect(screen.getByTestId('deal-score')).toHaveTextContent('Rule-based');
  });
});
