// The search box on the engine's recorded answers (the demo workspace: its first contact's
// name typed a letter at a time, its first company's, and a query nothing matches).
import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultQuery, type Kind, type Page, type SearchHit } from '../ipc/api';
import { recordedAnswer } from '../ipc/mock/fixtures';
import { installReplayBackend, ReplayBackend, uninstallMockBackend } from '../ipc/mock/install';
import { i18n } from '../lib/i18n/index.svelte';
import { ZH_SCHEMA } from '../lib/i18n/schema';
import SearchBox from './SearchBox.svelte';

let backend: ReplayBackend;

const labelOf = (kind: string) => kind.charAt(0).toUpperCase() + kind.slice(1);

function searches(): string[] {
  return backend.calls
    .filter((call) => call.command === 'search')
    .map((call) => String(call.args.query));
}

/** The engine's hits for `query`, as the box asks for them. */
function hitsFor(query: string): SearchHit[] {
  return recordedAnswer<SearchHit[]>('search', { query, limit: 20, kinds: null });
}

/** The title of the first record of `kind`'s list, the first `n` characters of it. */
function typed(kind: Kind, n: number): string {
  const page = recordedAnswer<Page>('record_list', { kind, query: defaultQuery(200) });
  return [...(page.rows[0]?.title ?? '')].slice(0, n).join('');
}

/** A recorded query with at least two hits. */
function twoHits(): [string, SearchHit[]] {
  for (const query of [typed('company', 4), typed('contact', 1), typed('contact', 2)]) {
    const hits = hitsFor(query);
    if (hits.length >= 2) return [query, hits];
  }
  throw new Error('no recorded query has two hits');
}

beforeEach(() => {
  vi.useFakeTimers();
  backend = installReplayBackend(new ReplayBackend());
});

afterEach(() => {
  uninstallMockBackend();
  vi.useRealTimers();
});

async function type(value: string): Promise<void> {
  await fireEvent.input(screen.getByTestId('search-box'), { target: { value } });
}

describe('SearchBox', () => {
  it('waits 80 ms after the last keystroke, then searches once', async () => {
    render(SearchBox, { labelOf, onopen: vi.fn() });
    const [one, two] = [typed('contact', 1), typed('contact', 2)];
    await type(one);
    await vi.advanceTimersByTimeAsync(50);
    await type(two);
    await vi.advanceTimersByTimeAsync(79);
    expect(searches()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(searches()).toEqual([two]);
    expect(await screen.findByTestId('search-result-0')).toHaveTextContent(
      hitsFor(two)[0]?.title ?? '',
    );
  });

  it('groups hits by kind and labels them', async () => {
    render(SearchBox, { labelOf, onopen: vi.fn() });
    const [query, hits] = twoHits();
    await type(query);
    await vi.advanceTimersByTimeAsync(80);
    const listbox = await screen.findByRole('listbox');
    for (const kind of new Set(hits.map((hit) => hit.kind))) {
      expect(listbox).toHaveTextContent(labelOf(kind));
    }
    expect(screen.getByTestId('search-result-0')).toHaveTextContent(hits[0]?.title ?? '');
    expect(screen.getByTestId('search-result-1')).toHaveTextContent(hits[1]?.title ?? '');
  });

  it('moves with the arrow keys and opens the active hit on Enter', async () => {
    const onopen = vi.fn();
    render(SearchBox, { labelOf, onopen });
    const box = screen.getByTestId('search-box');
    const [query, hits] = twoHits();
    const last = hits.length - 1;
    await type(query);
    await vi.advanceTimersByTimeAsync(80);
    await screen.findByTestId(`search-result-${last}`);
    expect(screen.getByTestId('search-result-0')).toHaveAttribute('aria-selected', 'true');
    await fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(screen.getByTestId('search-result-1')).toHaveAttribute('aria-selected', 'true');
    for (let n = 0; n <= last; n += 1) await fireEvent.keyDown(box, { key: 'ArrowDown' });
    // Stays on the last hit.
    expect(screen.getByTestId(`search-result-${last}`)).toHaveAttribute('aria-selected', 'true');
    await fireEvent.keyDown(box, { key: 'ArrowUp' });
    await fireEvent.keyDown(box, { key: 'Enter' });
    expect(onopen).toHaveBeenCalledTimes(1);
    const opened = hits[last - 1];
    expect(onopen).toHaveBeenCalledWith(
      expect.objectContaining({ kind: opened?.kind, title: opened?.title }),
    );
    // Opening a hit clears the box and closes the results.
    expect(box).toHaveValue('');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('opens a hit on click', async () => {
    const onopen = vi.fn();
    render(SearchBox, { labelOf, onopen });
    const query = typed('contact', 3);
    await type(query);
    await vi.advanceTimersByTimeAsync(80);
    await fireEvent.click(await screen.findByTestId('search-result-0'));
    const hit = hitsFor(query)[0];
    expect(onopen).toHaveBeenCalledWith(
      expect.objectContaining({ kind: hit?.kind, title: hit?.title }),
    );
  });

  it('closes on Escape and clears on a second Escape', async () => {
    render(SearchBox, { labelOf, onopen: vi.fn() });
    const box = screen.getByTestId('search-box');
    const query = typed('contact', 3);
    await type(query);
    await vi.advanceTimersByTimeAsync(80);
    await screen.findByRole('listbox');
    await fireEvent.keyDown(box, { key: 'Escape' });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(box).toHaveValue(query);
    await fireEvent.keyDown(box, { key: 'Escape' });
    expect(box).toHaveValue('');
  });

  it('drops an answer to an older query', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const [slow, fast] = [typed('contact', 1), typed('company', 4)];
    uninstallMockBackend();
    backend = installReplayBackend(
      new ReplayBackend({
        hold: (command, args) => (command === 'search' && args.query === slow ? held : undefined),
      }),
    );
    render(SearchBox, { labelOf, onopen: vi.fn() });
    await type(slow);
    await vi.advanceTimersByTimeAsync(80); // the slow search starts
    await type(fast);
    await vi.advanceTimersByTimeAsync(80); // the fast one answers
    const first = hitsFor(fast)[0]?.title ?? '';
    expect(await screen.findByTestId('search-result-0')).toHaveTextContent(first);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getByTestId('search-result-0')).toHaveTextContent(first);
  });

  it('says so when nothing matches', async () => {
    render(SearchBox, { labelOf, onopen: vi.fn() });
    expect(hitsFor('zzzz')).toEqual([]);
    await type('zzzz');
    await vi.advanceTimersByTimeAsync(80);
    expect(await screen.findByTestId('search-no-results')).toHaveTextContent('Nothing matches');
  });
});

describe('SearchBox in Chinese', () => {
  afterEach(() => i18n.set('en'));

  it('asks, groups and says “nothing matches” in Chinese', async () => {
    i18n.set('zh');
    render(SearchBox, { labelOf: (kind: Kind) => ZH_SCHEMA[kind].label, onopen: vi.fn() });
    const box = screen.getByTestId('search-box');
    expect(box).toHaveAttribute('placeholder', '搜索联系人、公司、商机、备注…');
    expect(box).toHaveAttribute('aria-label', '搜索');
    const [query] = twoHits();
    await type(query);
    await vi.advanceTimersByTimeAsync(80);
    const listbox = await screen.findByRole('listbox');
    expect(listbox).toHaveAttribute('aria-label', '搜索结果');
    expect(listbox.textContent).toMatch(/联系人|公司/);
    await type('zzzz');
    await vi.advanceTimersByTimeAsync(80);
    const none = await screen.findByTestId('search-no-results');
    expect(none).toHaveTextContent('没有与“zzzz”匹配的结果');
    expect(none).not.toHaveTextContent('Nothing matches');
  });
});
