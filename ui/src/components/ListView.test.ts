import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KindSchema, ListQuery } from '../ipc/api';
import { installMockBackend, MockBackend, uninstallMockBackend } from '../ipc/mock/install';
import { firstRecord } from '../ipc/mock/testing';
import { MAX_SCROLL_PX } from '../lib/virtual';
import ListView from './ListView.svelte';

let backend: MockBackend;

function contactSchema(): KindSchema {
  const schema = backend.schemas.find((candidate) => candidate.kind === 'contact');
  if (!schema) throw new Error('mock has no contact schema');
  return schema;
}

function listQueries(): ListQuery[] {
  return backend.calls
    .filter((call) => call.command === 'record_list')
    .map((call) => call.args.query as ListQuery);
}

beforeEach(() => {
  // 7 seeded contacts + 1,000,000 generated ones.
  backend = installMockBackend(new MockBackend({ chosen: true, syntheticContacts: 1_000_000 }));
});

afterEach(() => uninstallMockBackend());

describe('ListView at a million rows', () => {
  it('shows the total and renders only the visible rows plus overscan', async () => {
    render(ListView, {
      schema: contactSchema(),
      onopen: vi.fn(),
      onnew: vi.fn(),
      fallbackViewport: 640,
      overscan: 5,
    });
    await screen.findByText('li.ming@hztea.example.cn');
    expect(screen.getByTestId('list-total')).toHaveTextContent('1,000,007 contacts');
    // 640 px / 32 px = 20 visible rows + 5 overscan below; never a million DOM rows.
    expect(
      screen.getAllByRole('row').filter((row) => row.dataset.testid?.startsWith('row-')),
    ).toHaveLength(25);
    // The scroll space is capped far below the 32M px a 1:1 layout would need.
    expect(screen.getByTestId('list-spacer').style.height).toBe(`${MAX_SCROLL_PX}px`);
    // Only the first page was asked for, by offset and limit.
    expect(listQueries().map((query) => [query.offset, query.limit])).toEqual([[0, 200]]);
  });

  it('jumps to the last row with End, fetching just that page', async () => {
    render(ListView, {
      schema: contactSchema(),
      onopen: vi.fn(),
      onnew: vi.fn(),
      fallbackViewport: 640,
    });
    await screen.findByText('li.ming@hztea.example.cn');
    await fireEvent.keyDown(screen.getByTestId('list-scroller'), { key: 'End' });
    const last = await screen.findByTestId('row-1000006');
    // The millionth generated contact.
    await waitFor(() => expect(last).toHaveTextContent('.1000000@example.com'));
    expect(screen.queryByTestId('row-0')).toBeNull();
    // Rows 999,979–1,000,006 (20 visible + 8 overscan) span the last two pages of 200; nothing
    // in between is fetched.
    expect(listQueries().map((query) => query.offset)).toEqual([0, 999_800, 1_000_000]);
  });

  it('sorts by a column header, toggling the direction', async () => {
    render(ListView, { schema: contactSchema(), onopen: vi.fn(), onnew: vi.fn() });
    await screen.findByText('li.ming@hztea.example.cn');
    await fireEvent.click(screen.getByTestId('sort-email'));
    await waitFor(() => expect(listQueries().at(-1)).toMatchObject({ sort: 'email', desc: false }));
    await fireEvent.click(screen.getByTestId('sort-email'));
    await waitFor(() => expect(listQueries().at(-1)).toMatchObject({ sort: 'email', desc: true }));
  });

  it('sends the filter text and opens a clicked row', async () => {
    const onopen = vi.fn();
    render(ListView, { schema: contactSchema(), onopen, onnew: vi.fn() });
    await screen.findByText('li.ming@hztea.example.cn');
    await fireEvent.input(screen.getByTestId('filter-box'), { target: { value: 'wang.fang' } });
    await waitFor(() => expect(listQueries().at(-1)?.text).toBe('wang.fang'));
    await waitFor(() => expect(screen.getByTestId('list-total')).toHaveTextContent('1 contact'));
    await fireEvent.click(
      within(screen.getByTestId('row-0')).getByText('wang.fang@xingchen.example.cn'),
    );
    expect(onopen).toHaveBeenCalledWith(expect.objectContaining({ title: '王芳' }));
  });
});

describe('ListView when empty', () => {
  it('says what to do and offers New', async () => {
    uninstallMockBackend();
    backend = installMockBackend(new MockBackend({ chosen: true, seeded: false }));
    const onnew = vi.fn();
    render(ListView, { schema: contactSchema(), onopen: vi.fn(), onnew });
    expect(await screen.findByText('No contacts yet')).toBeInTheDocument();
    await fireEvent.click(within(screen.getByTestId('empty-state')).getByRole('button'));
    expect(onnew).toHaveBeenCalled();
  });
});

describe('the contacts list’s analytics figures', () => {
  beforeEach(() => {
    uninstallMockBackend();
    backend = installMockBackend(new MockBackend({ chosen: true }));
  });

  const FIGURES = ['rfm_segment', 'rfm', 'cluster', 'clv_365', 'lead_score'];

  /** The figure columns' headers shown, by key. */
  function figureHeaders(): string[] {
    return FIGURES.filter((key) => screen.queryByTestId(`column-${key}`) !== null);
  }

  /** The row showing `email`, as its cells' texts by column test id. */
  function rowOf(email: string): HTMLElement {
    const row = screen.getByText(email).closest<HTMLElement>('[role="row"]');
    if (!row) throw new Error(`no row shows ${email}`);
    return row;
  }

  /** The emails of the rows shown, top to bottom. */
  function emails(): string[] {
    return screen
      .getAllByRole('row')
      .filter((row) => row.dataset.testid?.startsWith('row-'))
      .map(
        (row) =>
          within(row)
            .getAllByRole('gridcell')
            .map((cell) => cell.textContent?.trim() ?? '')
            .find((text) => text.includes('@')) ?? '',
      );
  }

  it('hides the figure columns while no analysis has ever run', async () => {
    render(ListView, { schema: contactSchema(), onopen: vi.fn(), onnew: vi.fn() });
    await screen.findByText('li.ming@hztea.example.cn');
    await waitFor(() =>
      expect(backend.calls.filter((call) => call.command === 'analyze_report')).toHaveLength(4),
    );
    expect(figureHeaders()).toEqual([]);
    expect(screen.getByTestId('column-email')).toBeInTheDocument();
    // Nothing to filter by either.
    expect(screen.queryByTestId('figure-filters-button')).toBeNull();
  });

  it('keeps them hidden when the analyses ran but found nothing to score', async () => {
    uninstallMockBackend();
    backend = installMockBackend(new MockBackend({ chosen: true, seeded: false }));
    await backend.handle('record_create', {
      kind: 'contact',
      input: { first_name: '明', last_name: '李', email: 'ming@example.cn' },
    });
    // No orders and no deals: every run is stored, with no one in it.
    await backend.handle('analyze_all', {});
    render(ListView, { schema: contactSchema(), onopen: vi.fn(), onnew: vi.fn() });
    await screen.findByText('ming@example.cn');
    await waitFor(() =>
      expect(backend.calls.filter((call) => call.command === 'analyze_report')).toHaveLength(4),
    );
    expect(figureHeaders()).toEqual([]);
  });

  it('shows each contact’s stored figures once they ran, an en dash where there is none', async () => {
    await backend.handle('analyze_all', {});
    render(ListView, { schema: contactSchema(), onopen: vi.fn(), onnew: vi.fn() });
    await screen.findByText('li.ming@hztea.example.cn');
    await waitFor(() => expect(figureHeaders()).toEqual(FIGURES));
    expect(screen.getByTestId('column-clv_365')).toHaveTextContent('Value (1 y)');
    expect(screen.getByTestId('column-lead_score')).toHaveTextContent('Lead score');
    const liming = rowOf('li.ming@hztea.example.cn');
    expect(within(liming).getByTestId('cell-rfm_segment')).toHaveTextContent('Hibernating');
    expect(within(liming).getByTestId('cell-rfm')).toHaveTextContent(/^1\d\d$/);
    expect(within(liming).getByTestId('cell-lead_score')).toHaveTextContent('80');
    // Long names are cut with an ellipsis: the whole name is the cell's tooltip.
    const cluster = within(liming).getByTestId('cell-cluster');
    expect(cluster).toHaveAttribute('title', cluster.textContent?.trim());
    // No purchase and no open deal: nothing stored for 陈静.
    const chen = rowOf('chen.jing@example.cn');
    for (const key of FIGURES) {
      expect(within(chen).getByTestId(`cell-${key}`)).toHaveTextContent(/^–$/);
    }
  });

  it('shows values in the values’ currency once the lifetime value could be fitted', async () => {
    for (const name of ['王芳', '张伟', '陈静', 'Anna', 'John', 'María']) {
      const contact = await firstRecord(backend, 'contact', name);
      for (const [n, day] of ['2025-01-10', '2025-06-10'].entries()) {
        await backend.handle('record_create', {
          kind: 'order',
          input: {
            number: `V-${name}-${n}`,
            contact_id: contact.id,
            ordered_on: day,
            status: 'paid',
            total: '100',
            currency: 'CNY',
          },
        });
      }
    }
    await backend.handle('analyze_all', {});
    render(ListView, { schema: contactSchema(), onopen: vi.fn(), onnew: vi.fn() });
    await screen.findByText('chen.jing@example.cn');
    await waitFor(() =>
      expect(within(rowOf('chen.jing@example.cn')).getByTestId('cell-clv_365')).toHaveTextContent(
        /^CN¥\d[\d,]*\.\d\d$/,
      ),
    );
  });

  it('sorts by lead score, highest first, contacts without one last either way', async () => {
    await backend.handle('analyze_all', {});
    render(ListView, { schema: contactSchema(), onopen: vi.fn(), onnew: vi.fn() });
    await screen.findByText('li.ming@hztea.example.cn');
    await fireEvent.click(await screen.findByTestId('sort-lead_score'));
    await waitFor(() =>
      expect(listQueries().at(-1)).toMatchObject({ sort: 'lead_score', desc: true }),
    );
    // 李明 80 (negotiation, referral, above the median), John 55, Anna 50; then the rest.
    await waitFor(() =>
      expect(emails().slice(0, 3)).toEqual([
        'li.ming@hztea.example.cn',
        'john@northwind.example.com',
        'anna.schmidt@blueharbor.example.de',
      ]),
    );
    expect(screen.getByTestId('column-lead_score')).toHaveAttribute('aria-sort', 'descending');
    await fireEvent.click(screen.getByTestId('sort-lead_score'));
    await waitFor(() =>
      expect(emails().slice(0, 4)).toEqual([
        'anna.schmidt@blueharbor.example.de',
        'john@northwind.example.com',
        'li.ming@hztea.example.cn',
        // No score: after the scored ones in ascending order too.
        expect.not.stringMatching(/li\.ming|john@|anna\./),
      ]),
    );
  });

  it('opens sorted as the address says, and tells the address when the order changes', async () => {
    await backend.handle('analyze_all', {});
    const onchange = vi.fn();
    render(ListView, {
      schema: contactSchema(),
      onopen: vi.fn(),
      onnew: vi.fn(),
      sort: { key: 'lead_score', desc: true },
      onchange,
    });
    await screen.findByText('li.ming@hztea.example.cn');
    expect(listQueries()[0]).toMatchObject({ sort: 'lead_score', desc: true });
    await fireEvent.click(await screen.findByTestId('sort-clv_365'));
    expect(onchange).toHaveBeenLastCalledWith({
      filters: {},
      sort: { key: 'clv_365', desc: true },
    });
  });

  it('filters by segment and “lead score at least”, each a removable chip', async () => {
    await backend.handle('analyze_all', {});
    const onchange = vi.fn();
    render(ListView, { schema: contactSchema(), onopen: vi.fn(), onnew: vi.fn(), onchange });
    await screen.findByText('li.ming@hztea.example.cn');
    await fireEvent.click(screen.getByTestId('figure-filters-button'));
    const popover = await screen.findByTestId('figure-filters');
    // The stored run's ten segments, with their sizes.
    const segment = within(popover).getByTestId('filter-rfm_segment') as HTMLSelectElement;
    await waitFor(() => expect(segment.options).toHaveLength(11));
    expect(segment.options[10]?.textContent).toBe('Hibernating · 1');
    const score = within(popover).getByTestId('filter-lead_score');
    await fireEvent.input(score, { target: { value: '60' } });
    await fireEvent.change(score);
    await waitFor(() => expect(listQueries().at(-1)?.filters).toEqual({ lead_score: '>=60' }));
    await waitFor(() => expect(screen.getByTestId('list-total')).toHaveTextContent('1 contact'));
    expect(screen.getByTestId('list-filter-lead_score')).toHaveTextContent('Lead score ≥ 60');
    expect(onchange).toHaveBeenLastCalledWith({ filters: { lead_score: '>=60' }, sort: null });

    await fireEvent.change(segment, { target: { value: 'Hibernating' } });
    await waitFor(() =>
      expect(listQueries().at(-1)?.filters).toEqual({
        lead_score: '>=60',
        rfm_segment: 'Hibernating',
      }),
    );
    expect(screen.getByTestId('list-filter-rfm_segment')).toHaveTextContent('Segment: Hibernating');
    await fireEvent.click(screen.getByTestId('list-filter-clear-lead_score'));
    await waitFor(() =>
      expect(listQueries().at(-1)?.filters).toEqual({ rfm_segment: 'Hibernating' }),
    );
    expect(screen.queryByTestId('list-filter-lead_score')).toBeNull();
    expect(screen.getByTestId('list-total')).toHaveTextContent('1 contact');
  });

  it('says which filter the engine refused, and why', async () => {
    render(ListView, {
      schema: contactSchema(),
      onopen: vi.fn(),
      onnew: vi.fn(),
      filters: { lead_score: 'high' },
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "lead_score: 'high' is not a number or a comparison such as >=70, <100 or =3",
    );
    // The chip stays, so the bad filter can be removed.
    expect(screen.getByTestId('list-filter-lead_score')).toHaveTextContent('Lead score: high');
  });
});
