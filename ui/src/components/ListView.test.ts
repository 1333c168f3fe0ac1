import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KindSchema, ListQuery } from '../ipc/api';
import { installMockBackend, MockBackend, uninstallMockBackend } from '../ipc/mock/install';
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
    .filter((call) => call.command === 'list_records')
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
