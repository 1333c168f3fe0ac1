// The command palette on the engine's recorded schema and search answers: actions are found
// as the text is typed (in English, in Chinese, and by their English name in a Chinese
// window), records once the typing pauses; the arrows move and Enter runs.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultQuery, type KindSchema, type Page, type SearchHit } from '../ipc/api';
import { recordedAnswer } from '../ipc/mock/fixtures';
import { installReplayBackend, ReplayBackend, uninstallMockBackend } from '../ipc/mock/install';
import { i18n } from '../lib/i18n/index.svelte';
import { localizeSchemas } from '../lib/i18n/schema';
import { paletteActions } from '../lib/palette';
import { theme } from '../lib/theme.svelte';
import CommandPalette from './CommandPalette.svelte';

let backend: ReplayBackend;
const english = recordedAnswer<KindSchema[]>('schema');

beforeEach(() => {
  // The records are asked for once the typing pauses (80 ms): the clock is the test's.
  vi.useFakeTimers();
  backend = installReplayBackend(new ReplayBackend());
});

afterEach(() => {
  uninstallMockBackend();
  vi.useRealTimers();
  i18n.set('en');
  theme.set('system');
});

function open(go = vi.fn(), help = vi.fn()) {
  const actions = paletteActions({
    schemas: localizeSchemas(english),
    englishSchemas: english,
    go,
    help,
  });
  const onclose = vi.fn();
  const onopen = vi.fn();
  render(CommandPalette, { actions, labelOf: (kind) => kind, onopen, onclose });
  return { go, help, onclose, onopen };
}

async function type(text: string): Promise<void> {
  await fireEvent.input(screen.getByTestId('palette-input'), { target: { value: text } });
}

async function key(name: string): Promise<void> {
  await fireEvent.keyDown(screen.getByTestId('palette-input'), { key: name });
}

/** The labels of the options shown, in order. */
function shown(): string[] {
  return screen
    .queryAllByRole('option')
    .map((option) => option.querySelector('.label')?.textContent ?? '');
}

describe('CommandPalette', () => {
  it('lists every area, a new record of each kind, and the other settings, with their keys', () => {
    open();
    expect(screen.getByTestId('palette-input')).toHaveFocus();
    const labels = shown();
    for (const label of [
      'Go to Today',
      'Go to Dashboard',
      'Go to Contacts',
      'Go to Order lines',
      'Go to Deal board',
      'Go to Ticket queue',
      'Go to Import history',
      'Go to Values to review',
      'Go to Backups',
      'Go to Settings',
      'New contact',
      'New campaign member',
      'Switch language to 简体中文',
      'Theme: Dark',
      'Show keyboard shortcuts',
    ]) {
      expect(labels).toContain(label);
    }
    // The chosen theme is not offered again.
    expect(labels).not.toContain('Theme: System');
    // An action with a shortcut shows its keys.
    expect(screen.getByTestId('palette-list.contact')).toHaveTextContent(/g\s*c/);
  });

  it('finds actions by the words typed, before any record search', async () => {
    open();
    await type('new con');
    expect(shown()).toEqual(['New contact']);
    await type('CONTACTS');
    expect(shown()).toEqual(['Go to Contacts']);
    await type('qwxz');
    expect(shown()).toEqual([]);
    // Nothing was asked of the engine yet: the typing has not paused.
    expect(backend.calls.filter((call) => call.command === 'search')).toEqual([]);
  });

  it('finds actions in Chinese, and by their English name in a Chinese window', async () => {
    i18n.set('zh');
    open();
    await type('联系人');
    expect(shown()).toEqual(['前往联系人', '新建联系人']);
    await type('contacts');
    expect(shown()).toEqual(['前往联系人']);
    await type('外观');
    expect(shown()).toEqual(['外观：浅色', '外观：深色']);
  });

  it('moves with the arrows and runs the highlighted action on Enter', async () => {
    const { go, onclose } = open();
    await type('go to co');
    expect(shown()).toEqual(['Go to Contacts', 'Go to Companies']);
    await key('ArrowDown');
    expect(screen.getByTestId('palette-list.company')).toHaveAttribute('aria-selected', 'true');
    await key('Enter');
    expect(onclose).toHaveBeenCalled();
    expect(go).toHaveBeenCalledWith({ name: 'list', kind: 'company' });
    // Up from the first wraps to the last.
    await key('ArrowUp');
    await key('ArrowUp');
    expect(screen.getByTestId('palette-list.company')).toHaveAttribute('aria-selected', 'true');
  });

  it('switches the theme and opens the shortcut help from the list', async () => {
    const { help } = open();
    await type('theme dark');
    await key('Enter');
    expect(theme.choice).toBe('dark');
    await type('shortcuts');
    await key('Enter');
    expect(help).toHaveBeenCalled();
  });

  it('shows the records the search finds under Records, and Enter opens one', async () => {
    const page = recordedAnswer<Page>('record_list', { kind: 'contact', query: defaultQuery(200) });
    const typed = [...(page.rows[0]?.title ?? '')].slice(0, 3).join('');
    const hits = recordedAnswer<SearchHit[]>('search', { query: typed, limit: 20, kinds: null });
    const first = hits[0];
    if (!first) throw new Error(`no recorded hit for ${typed}`);
    const { onopen } = open();
    await type(typed);
    expect(screen.getByText('Searching records…')).toBeInTheDocument();
    await vi.advanceTimersByTimeAsync(100);
    const records = screen.getByText('Records');
    expect(records).toBeInTheDocument();
    const option = screen.getByTestId('palette-record-0');
    expect(within(option).getByText(first.title)).toBeInTheDocument();
    // No action matches the name: the first record is the first option.
    expect(option).toHaveAttribute('aria-selected', 'true');
    await key('Enter');
    expect(onopen).toHaveBeenCalledWith(first);
  });

  it('says so when nothing matches', async () => {
    open();
    await type('zzzz');
    await vi.advanceTimersByTimeAsync(100);
    expect(screen.getByTestId('palette-nothing')).toHaveTextContent('Nothing matches “zzzz”.');
  });
});
