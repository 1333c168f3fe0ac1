// The window's keyboard on the engine's recorded answers: the command palette (Ctrl+K), the
// `g` sequences, new / edit / save, `/` and the shortcut help (`?`), and where keys must not
// act (while typing, under a dialog).
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import { defaultQuery, type Page } from './ipc/api';
import { recordedAnswer } from './ipc/mock/fixtures';
import { installReplayBackend, ReplayBackend, uninstallMockBackend } from './ipc/mock/install';
import { i18n } from './lib/i18n/index.svelte';

beforeEach(() => {
  installReplayBackend(new ReplayBackend());
});

afterEach(() => {
  uninstallMockBackend();
  window.location.hash = '';
  i18n.set('en');
});

/** Presses a key where the focus is (the page when nothing has it). */
async function press(key: string, init: KeyboardEventInit = {}): Promise<void> {
  const target =
    document.activeElement instanceof HTMLElement ? document.activeElement : document.body;
  await fireEvent.keyDown(target, { key, ...init });
}

/** The first contact of the recorded list: its id and title. */
function firstContact(): { id: string; title: string } {
  const page = recordedAnswer<Page>('record_list', { kind: 'contact', query: defaultQuery(200) });
  const row = page.rows[0];
  if (!row) throw new Error('no contact recorded');
  return { id: row.id, title: row.title };
}

async function started(): Promise<void> {
  render(App);
  await screen.findByTestId('search-box');
}

describe('App keyboard', () => {
  it('opens the palette on Ctrl+K, even from the search box; Enter on an action goes there', async () => {
    window.location.hash = '#/settings';
    await started();
    screen.getByTestId('search-box').focus();
    await press('k', { ctrlKey: true });
    const input = await screen.findByTestId('palette-input');
    expect(input).toHaveFocus();
    // The palette's own search waits for a pause in typing; this test runs before it.
    vi.useFakeTimers();
    try {
      await fireEvent.input(input, { target: { value: 'ticket queue' } });
      expect(within(screen.getByTestId('palette')).getAllByRole('option')).toHaveLength(1);
      await fireEvent.keyDown(input, { key: 'Enter' });
    } finally {
      vi.useRealTimers();
    }
    await waitFor(() => expect(window.location.hash).toBe('#/queue'));
    expect(screen.queryByTestId('palette')).toBeNull();
    // ⌘K opens it too, and the same chord closes it.
    await press('k', { metaKey: true });
    expect(await screen.findByTestId('palette')).toBeInTheDocument();
    await press('k', { metaKey: true });
    await waitFor(() => expect(screen.queryByTestId('palette')).toBeNull());
  });

  it('goes to an area with g then a letter, but not while typing', async () => {
    window.location.hash = '#/settings';
    await started();
    await press('g');
    await press('c');
    await waitFor(() => expect(window.location.hash).toBe('#/contact'));
    await press('g');
    await press('t');
    await waitFor(() => expect(window.location.hash).toBe('#/today'));
    // The same keys typed in the search box are text.
    const box = screen.getByTestId('search-box');
    box.focus();
    await press('g');
    await press('d');
    expect(window.location.hash).toBe('#/today');
  });

  it('focuses the search box on /', async () => {
    await started();
    await press('/');
    expect(screen.getByTestId('search-box')).toHaveFocus();
  });

  it('makes a new record of the list’s kind on n, and edits the record shown on e', async () => {
    window.location.hash = '#/contact';
    await started();
    await screen.findByTestId('list-total');
    await press('n');
    await waitFor(() => expect(window.location.hash).toBe('#/contact/new'));
    const { id } = firstContact();
    window.location.hash = `#/contact/${id}`;
    await screen.findByTestId('record-title');
    await press('e');
    await waitFor(() => expect(window.location.hash).toBe(`#/contact/${id}/edit`));
  });

  it('moves a list’s row with j and k, and Enter opens it', async () => {
    const page = recordedAnswer<Page>('record_list', { kind: 'contact', query: defaultQuery(200) });
    const second = page.rows[1];
    if (!second) throw new Error('the demo has two contacts');
    window.location.hash = '#/contact';
    await started();
    await screen.findByTestId('row-1');
    screen.getByTestId('list-scroller').focus();
    // From no row to the first, the second, the third, and back up to the second.
    for (const key of ['j', 'j', 'j', 'k']) await press(key);
    expect(screen.getByTestId('list-scroller')).toHaveAttribute(
      'aria-activedescendant',
      'row-contact-1',
    );
    await press('Enter');
    await waitFor(() => expect(window.location.hash).toBe(`#/contact/${second.id}`));
    await screen.findByTestId('record-title');
  });

  it('saves the open form on Ctrl+S, typing in a field', async () => {
    const { id, title } = firstContact();
    window.location.hash = `#/contact/${id}/edit`;
    await started();
    const field = await screen.findByTestId('field-email');
    field.focus();
    await press('s', { ctrlKey: true });
    // Nothing changed: saved as it was, and the record is shown.
    await waitFor(() => expect(window.location.hash).toBe(`#/contact/${id}`));
    expect(await screen.findByText(`Saved “${title}”.`)).toBeInTheDocument();
  });

  it('lists every shortcut on ?, in the window’s language, and no key acts under it', async () => {
    window.location.hash = '#/settings';
    await started();
    await press('?');
    const help = await screen.findByTestId('shortcut-overlay');
    expect(within(help).getByRole('heading', { name: 'Keyboard shortcuts' })).toBeInTheDocument();
    const contacts = within(help).getByTestId('shortcut-list.contact');
    expect(contacts).toHaveTextContent('Contacts');
    expect(contacts).toHaveTextContent(/g\s*then\s*c/);
    expect(within(help).getByTestId('shortcut-palette')).toHaveTextContent('Ctrl+K');
    expect(within(help).getByTestId('shortcut-save')).toHaveTextContent('Save the form');
    expect(within(help).getByTestId('shortcut-row.next')).toHaveTextContent(/↓\s*or\s*j/);
    // Under the dialog the keys do nothing.
    await press('g');
    await press('c');
    expect(window.location.hash).toBe('#/settings');
    await press('Escape');
    await waitFor(() => expect(screen.queryByTestId('shortcut-overlay')).toBeNull());

    // Settings is a chunk of its own: it may come a moment after the shell.
    await fireEvent.click(await screen.findByTestId('language-zh'));
    await press('?');
    const zh = await screen.findByTestId('shortcut-overlay');
    expect(within(zh).getByRole('heading', { name: '键盘快捷键' })).toBeInTheDocument();
    expect(within(zh).getByTestId('shortcut-list.contact')).toHaveTextContent(
      /联系人.*g\s*然后\s*c/,
    );
    expect(within(zh).getByTestId('shortcut-group-navigation')).toHaveTextContent('前往');
  });
});

describe('the palette asked for before its chunk is loaded', () => {
  afterEach(() => {
    vi.doUnmock('./lib/screens');
    vi.resetModules();
  });

  it('opens once it is, with what was typed meanwhile as its query; no key acts as a shortcut', async () => {
    // A fresh app whose palette chunk arrives when the test says, and nothing prefetched.
    let release = () => {};
    const arrived = new Promise<void>((done) => (release = done));
    vi.resetModules();
    vi.doMock('./lib/screens', async (importOriginal) => {
      const real = await importOriginal<typeof import('./lib/screens')>();
      const { lazy } = await import('./lib/lazy.svelte');
      const palette = lazy(() => arrived.then(() => import('./components/CommandPalette.svelte')));
      return { ...real, screens: { ...real.screens, palette }, PREFETCH: [] };
    });
    // The testing library loaded again beside the app, so that they share one Svelte.
    const [{ default: FreshApp }, library] = await Promise.all([
      import('./App.svelte'),
      import('@testing-library/svelte'),
    ]);
    const key = (key: string, init: KeyboardEventInit = {}) =>
      library.fireEvent.keyDown(document.activeElement ?? document.body, { key, ...init });
    window.location.hash = '#/settings';
    library.render(FreshApp);
    await library.screen.findByTestId('search-box');

    await key('k', { ctrlKey: true });
    // `g c` would go to the contacts; here it is the start of a query.
    for (const typed of ['g', 'c', 'x', 'Backspace']) await key(typed);
    expect(library.screen.queryByTestId('palette')).toBeNull();
    release();
    const input = await library.screen.findByTestId('palette-input');
    expect(input).toHaveValue('gc');
    expect(input).toHaveFocus();
    expect(window.location.hash).toBe('#/settings');
  });
});
