import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../lib/i18n/index.svelte';
import type { EntityRecord, KindSchema, ListQuery, Page, RfmView } from '../ipc/api';
import type { StoredRun } from '../ipc/bindings/StoredRun';
import { recordedAnswer, type Workspace } from '../ipc/mock/fixtures';
import { installReplayBackend, ReplayBackend, uninstallMockBackend } from '../ipc/mock/install';
import { MAX_SCROLL_PX } from '../lib/virtual';
import ListView from './ListView.svelte';

let backend: ReplayBackend;

function contactSchema(): KindSchema {
  const schemas = recordedAnswer<KindSchema[]>('schema');
  const schema = schemas.find((candidate) => candidate.kind === 'contact');
  if (!schema) throw new Error('mock has no contact schema');
  return schema;
}

function listQueries(): ListQuery[] {
  return backend.calls
    .filter((call) => call.command === 'record_list')
    .map((call) => call.args.query as ListQuery);
}

const MILLION = 1_000_000;

/**
 * A million contacts, made up a page at a time (a real row of the demo renamed): what the
 * list asks for by offset and limit is what the test checks, not what the engine stores.
 * Every other call is answered as the engine answered an empty workspace.
 */
function installMillion(): void {
  const template = contactsPage('demo').rows[0];
  if (!template) throw new Error('the demo has contacts');
  const row = (i: number): EntityRecord => ({
    ...template,
    id: `contact-${i}`,
    title: `Person ${i}`,
    values: { ...template.values, email: `person.${i}@example.com` },
  });
  const pageOf = (query: ListQuery): Page => {
    const found = query.text?.match(/^person\.(\d+)@/);
    if (found) return { total: 1, offset: 0, rows: [row(Number(found[1]))], figures: {} };
    const end = Math.min(MILLION, query.offset + query.limit);
    const rows = Array.from({ length: end - query.offset }, (_, n) => row(query.offset + n));
    return { total: MILLION, offset: query.offset, rows, figures: {} };
  };
  const replayed = new ReplayBackend({ workspace: 'empty' });
  const answer = replayed.handle;
  replayed.handle = async (command, payload) => {
    if (command !== 'record_list') return answer(command, payload);
    const args = payload as { kind: string; query: ListQuery };
    replayed.calls.push({ command, args });
    return pageOf(args.query);
  };
  backend = installReplayBackend(replayed);
}

afterEach(() => {
  uninstallMockBackend();
  i18n.set('en');
});

describe('ListView at a million rows', () => {
  beforeEach(installMillion);

  it('shows the total and renders only the visible rows plus overscan', async () => {
    render(ListView, {
      schema: contactSchema(),
      onopen: vi.fn(),
      onnew: vi.fn(),
      fallbackViewport: 640,
      overscan: 5,
    });
    await screen.findByText('person.0@example.com');
    expect(screen.getByTestId('list-total')).toHaveTextContent('1,000,000 contacts');
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
    await screen.findByText('person.0@example.com');
    await fireEvent.keyDown(screen.getByTestId('list-scroller'), { key: 'End' });
    const last = await screen.findByTestId('row-999999');
    await waitFor(() => expect(last).toHaveTextContent('person.999999@example.com'));
    expect(screen.queryByTestId('row-0')).toBeNull();
    // Rows 999,972–999,999 (20 visible + 8 overscan) lie in the last page of 200; nothing in
    // between is fetched.
    expect(listQueries().map((query) => query.offset)).toEqual([0, 999_800]);
  });

  it('sorts by a column header, toggling the direction', async () => {
    render(ListView, { schema: contactSchema(), onopen: vi.fn(), onnew: vi.fn() });
    await screen.findByText('person.0@example.com');
    await fireEvent.click(screen.getByTestId('sort-email'));
    await waitFor(() => expect(listQueries().at(-1)).toMatchObject({ sort: 'email', desc: false }));
    await fireEvent.click(screen.getByTestId('sort-email'));
    await waitFor(() => expect(listQueries().at(-1)).toMatchObject({ sort: 'email', desc: true }));
  });

  it('sends the filter text and opens a clicked row', async () => {
    const onopen = vi.fn();
    render(ListView, { schema: contactSchema(), onopen, onnew: vi.fn() });
    await screen.findByText('person.0@example.com');
    await fireEvent.input(screen.getByTestId('filter-box'), { target: { value: 'person.42@' } });
    await waitFor(() => expect(listQueries().at(-1)?.text).toBe('person.42@'));
    await waitFor(() => expect(screen.getByTestId('list-total')).toHaveTextContent('1 contact'));
    await fireEvent.click(within(screen.getByTestId('row-0')).getByText('person.42@example.com'));
    expect(onopen).toHaveBeenCalledWith(expect.objectContaining({ title: 'Person 42' }));
  });
});

/** The recorded contacts list's first page, sorted and filtered as asked. */
function contactsPage(workspace: Workspace, query: Partial<ListQuery> = {}): Page {
  return recordedAnswer<Page>(
    'record_list',
    {
      kind: 'contact',
      query: {
        text: null,
        sort: null,
        desc: false,
        offset: 0,
        limit: 200,
        filters: {},
        include_deleted: false,
        ...query,
      },
    },
    workspace,
  );
}

function replay(workspace: Workspace): void {
  uninstallMockBackend();
  backend = installReplayBackend(new ReplayBackend({ workspace }));
}

function emailOf(record: EntityRecord | undefined): string {
  const email = record?.values.email;
  if (typeof email !== 'string') throw new Error(`no email on ${record?.title}`);
  return email;
}

describe('ListView when empty', () => {
  it('says what to do and offers New', async () => {
    replay('empty');
    const onnew = vi.fn();
    render(ListView, { schema: contactSchema(), onopen: vi.fn(), onnew });
    expect(await screen.findByText('No contacts yet')).toBeInTheDocument();
    await fireEvent.click(within(screen.getByTestId('empty-state')).getByRole('button'));
    expect(onnew).toHaveBeenCalled();
  });
});

describe('the contacts list’s analytics figures', () => {
  const FIGURES = ['rfm_segment', 'rfm', 'cluster', 'clv_365', 'lead_score'];

  /** The figure columns' headers shown, by key. */
  function figureHeaders(): string[] {
    return FIGURES.filter((key) => screen.queryByTestId(`column-${key}`) !== null);
  }

  /** The row showing `email`. */
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

  /** The emails the engine listed first, as the list shows them (a contact without one: ''). */
  function recordedEmails(page: Page, n: number): string[] {
    return page.rows.slice(0, n).map((row) => {
      const email = row.values.email;
      return typeof email === 'string' ? email : '';
    });
  }

  it('hides the figure columns while no analysis has ever run', async () => {
    replay('unscored');
    render(ListView, { schema: contactSchema(), onopen: vi.fn(), onnew: vi.fn() });
    await screen.findByText(emailOf(contactsPage('unscored').rows[0]));
    await waitFor(() =>
      expect(backend.calls.filter((call) => call.command === 'analyze_report')).toHaveLength(4),
    );
    expect(figureHeaders()).toEqual([]);
    expect(screen.getByTestId('column-email')).toBeInTheDocument();
    // Nothing to filter by either.
    expect(screen.queryByTestId('figure-filters-button')).toBeNull();
  });

  it('names each contact’s cluster in Chinese, filtering by the name the engine stored', async () => {
    i18n.set('zh');
    replay('demo');
    const page = contactsPage('demo');
    const loyal = page.rows.find(
      (row) =>
        typeof row.values.email === 'string' &&
        page.figures[row.id]?.cluster === 'high value, loyal regulars',
    );
    if (!loyal) throw new Error('the demo has a high value, loyal regular with an email');
    render(ListView, { schema: contactSchema(), onopen: vi.fn(), onnew: vi.fn() });
    await screen.findByText(emailOf(page.rows[0]));
    await waitFor(() =>
      expect(within(rowOf(emailOf(loyal))).getByTestId('cell-cluster')).toHaveTextContent(
        '高价值忠实常客',
      ),
    );
    await fireEvent.click(screen.getByTestId('figure-filters-button'));
    const select = within(await screen.findByTestId('figure-filters')).getByTestId(
      'filter-cluster',
    ) as HTMLSelectElement;
    const options = [...select.options].filter((option) => option.value !== '');
    expect(options.map((option) => option.value)).toEqual([
      'high value, loyal regulars',
      'lapsing one-off buyers, low spend',
    ]);
    expect(options.map((option) => option.textContent?.replace(/ · \d+$/, ''))).toEqual([
      '高价值忠实常客',
      '低消费即将流失的一次性买家',
    ]);
  });

  it('shows each contact’s stored figures once they ran, an en dash where there is none', async () => {
    replay('demo');
    const page = contactsPage('demo');
    const withEmail = page.rows.filter((row) => typeof row.values.email === 'string');
    const scored = withEmail.find((row) => page.figures[row.id]?.rfm_segment);
    const unscored = withEmail.find((row) => !page.figures[row.id]);
    render(ListView, { schema: contactSchema(), onopen: vi.fn(), onnew: vi.fn() });
    await screen.findByText(emailOf(page.rows[0]));
    await waitFor(() => expect(figureHeaders()).toEqual(FIGURES));
    expect(screen.getByTestId('column-clv_365')).toHaveTextContent('Value (1 y)');
    expect(screen.getByTestId('column-lead_score')).toHaveTextContent('Lead score');
    if (!scored) throw new Error('the demo has a scored contact with an email');
    const figures = page.figures[scored.id];
    const row = rowOf(emailOf(scored));
    expect(within(row).getByTestId('cell-rfm_segment')).toHaveTextContent(
      figures?.rfm_segment ?? '',
    );
    expect(within(row).getByTestId('cell-rfm')).toHaveTextContent(figures?.rfm ?? '');
    // Long names are cut with an ellipsis: the whole name is the cell's tooltip.
    const cluster = within(row).getByTestId('cell-cluster');
    expect(cluster).toHaveAttribute('title', cluster.textContent?.trim());
    if (unscored) {
      for (const key of FIGURES) {
        expect(within(rowOf(emailOf(unscored))).getByTestId(`cell-${key}`)).toHaveTextContent(
          /^–$/,
        );
      }
    }
  });

  it('sorts by lead score in the engine’s order, both ways', async () => {
    replay('demo');
    render(ListView, { schema: contactSchema(), onopen: vi.fn(), onnew: vi.fn() });
    await screen.findByText(emailOf(contactsPage('demo').rows[0]));
    await fireEvent.click(await screen.findByTestId('sort-lead_score'));
    await waitFor(() =>
      expect(listQueries().at(-1)).toMatchObject({ sort: 'lead_score', desc: true }),
    );
    const highest = contactsPage('demo', { sort: 'lead_score', desc: true });
    await waitFor(() => expect(emails().slice(0, 3)).toEqual(recordedEmails(highest, 3)));
    expect(screen.getByTestId('column-lead_score')).toHaveAttribute('aria-sort', 'descending');
    await fireEvent.click(screen.getByTestId('sort-lead_score'));
    const lowest = contactsPage('demo', { sort: 'lead_score', desc: false });
    await waitFor(() => expect(emails().slice(0, 3)).toEqual(recordedEmails(lowest, 3)));
  });

  it('opens sorted as the address says, and tells the address when the order changes', async () => {
    replay('demo');
    const onchange = vi.fn();
    render(ListView, {
      schema: contactSchema(),
      onopen: vi.fn(),
      onnew: vi.fn(),
      sort: { key: 'lead_score', desc: true },
      onchange,
    });
    await screen.findByText(
      emailOf(contactsPage('demo', { sort: 'lead_score', desc: true }).rows[0]),
    );
    expect(listQueries()[0]).toMatchObject({ sort: 'lead_score', desc: true });
    await fireEvent.click(await screen.findByTestId('sort-clv_365'));
    expect(onchange).toHaveBeenLastCalledWith({
      filters: {},
      sort: { key: 'clv_365', desc: true },
    });
  });

  it('filters by segment and “lead score at least”, each a removable chip', async () => {
    replay('demo');
    const run = recordedAnswer<StoredRun | null>('analyze_report', { name: 'rfm' });
    const rfm = JSON.parse(run?.report ?? 'null') as RfmView;
    const segment = rfm.segments.find((s) => s.count > 0);
    if (!segment) throw new Error('no customer in any segment');
    const onchange = vi.fn();
    render(ListView, { schema: contactSchema(), onopen: vi.fn(), onnew: vi.fn(), onchange });
    await screen.findByText(emailOf(contactsPage('demo').rows[0]));
    await fireEvent.click(screen.getByTestId('figure-filters-button'));
    const popover = await screen.findByTestId('figure-filters');
    // The stored run's ten segments, with their sizes.
    const select = within(popover).getByTestId('filter-rfm_segment') as HTMLSelectElement;
    await waitFor(() => expect(select.options).toHaveLength(rfm.segments.length + 1));
    const last = rfm.segments.at(-1);
    expect(select.options[rfm.segments.length]?.textContent).toBe(
      `${last?.label} · ${last?.count}`,
    );
    const score = within(popover).getByTestId('filter-lead_score');
    await fireEvent.input(score, { target: { value: '60' } });
    await fireEvent.change(score);
    await waitFor(() => expect(listQueries().at(-1)?.filters).toEqual({ lead_score: '>=60' }));
    const atLeast = contactsPage('demo', { filters: { lead_score: '>=60' } }).total;
    await waitFor(() =>
      expect(screen.getByTestId('list-total')).toHaveTextContent(
        `${atLeast} ${atLeast === 1 ? 'contact' : 'contacts'}`,
      ),
    );
    expect(screen.getByTestId('list-filter-lead_score')).toHaveTextContent('Lead score ≥ 60');
    expect(onchange).toHaveBeenLastCalledWith({ filters: { lead_score: '>=60' }, sort: null });

    await fireEvent.change(select, { target: { value: segment.label } });
    await waitFor(() =>
      expect(listQueries().at(-1)?.filters).toEqual({
        lead_score: '>=60',
        rfm_segment: segment.label,
      }),
    );
    expect(screen.getByTestId('list-filter-rfm_segment')).toHaveTextContent(
      `Segment: ${segment.label}`,
    );
    await fireEvent.click(screen.getByTestId('list-filter-clear-lead_score'));
    await waitFor(() =>
      expect(listQueries().at(-1)?.filters).toEqual({ rfm_segment: segment.label }),
    );
    expect(screen.queryByTestId('list-filter-lead_score')).toBeNull();
    await waitFor(() =>
      expect(screen.getByTestId('list-total')).toHaveTextContent(
        `${segment.count} ${segment.count === 1 ? 'contact' : 'contacts'}`,
      ),
    );
  });

  it('says which filter the engine refused, and why', async () => {
    replay('demo');
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
