// The shortcut table read as the window's key handler reads it: key sequences in, the
// shortcut out, and nothing while the user types or a dialog is open.
import { describe, expect, it } from 'vitest';
import { isTyping, keyCap, keyOf, listMove, readKey, SHORTCUTS, type Context } from './shortcuts';

const anywhere: Context = { places: [], typing: false, modal: false };

/** The shortcut a whole sequence of keys runs in `context`, pressed one after the other. */
function press(keys: string[], context: Context = anywhere): string | null {
  let pending: string[] = [];
  let last: string | null = null;
  for (const key of keys) {
    const reading = readKey(pending, key, context);
    pending = reading.pending;
    last = reading.shortcut?.id ?? null;
  }
  return last;
}

function key(init: KeyboardEventInit): string | null {
  return keyOf(new KeyboardEvent('keydown', init));
}

describe('shortcuts', () => {
  it('goes to an area with g then a letter, and only after the g', () => {
    expect(press(['g', 't'])).toBe('go.today');
    expect(press(['g', 'd'])).toBe('go.dashboard');
    expect(press(['g', 'c'])).toBe('list.contact');
    expect(press(['g', 'o'])).toBe('list.company');
    // A lone letter is no navigation: `t` alone does nothing.
    expect(press(['t'])).toBeNull();
    // `g` waits for its letter.
    expect(readKey([], 'g', anywhere)).toEqual({ shortcut: null, pending: ['g'] });
  });

  it('starts over when the key after g continues no sequence', () => {
    // `g x` is nothing; the `?` after it is read on its own.
    expect(press(['g', 'x'])).toBeNull();
    expect(press(['g', '?'])).toBe('help');
    // A second g starts the sequence again.
    expect(press(['g', 'g', 'c'])).toBe('list.contact');
  });

  it('makes a record only where a kind is shown; c only in a list', () => {
    const list: Context = { ...anywhere, places: ['list', 'kind'] };
    const queue: Context = { ...anywhere, places: ['queue', 'kind'] };
    expect(press(['n'], list)).toBe('new');
    expect(press(['c'], list)).toBe('new.list');
    expect(press(['n'], queue)).toBe('new');
    // On the queue `c` closes the focused ticket, so the window leaves it alone.
    expect(press(['c'], queue)).toBeNull();
    expect(press(['n'])).toBeNull();
    // After g, c is still the contacts.
    expect(press(['g', 'c'], list)).toBe('list.contact');
  });

  it('ignores plain keys while typing, but not the chords', () => {
    const typing: Context = { ...anywhere, places: ['form'], typing: true };
    expect(press(['g', 't'], typing)).toBeNull();
    expect(press(['/'], typing)).toBeNull();
    expect(press(['?'], typing)).toBeNull();
    expect(press(['mod+s'], typing)).toBe('save');
    expect(press(['mod+k'], typing)).toBe('palette');
    // Ctrl+S saves a form only.
    expect(press(['mod+s'], { ...anywhere, places: ['list', 'kind'] })).toBeNull();
  });

  it('does nothing under a dialog, except the palette’s chord closing the palette', () => {
    const dialog: Context = { ...anywhere, places: ['form'], modal: true };
    expect(press(['?'], dialog)).toBeNull();
    expect(press(['g', 't'], dialog)).toBeNull();
    expect(press(['mod+s'], dialog)).toBeNull();
    expect(press(['mod+k'], dialog)).toBeNull();
    expect(press(['mod+k'], { ...dialog, palette: true })).toBe('palette');
    expect(press(['mod+s'], { ...dialog, palette: true })).toBeNull();
  });

  it('names key presses: Ctrl and ⌘ alike, shifted symbols as typed', () => {
    expect(key({ key: 'k', ctrlKey: true })).toBe('mod+k');
    expect(key({ key: 'k', metaKey: true })).toBe('mod+k');
    expect(key({ key: 'S', ctrlKey: true, shiftKey: true })).toBe('mod+s');
    expect(key({ key: '?', shiftKey: true })).toBe('?');
    expect(key({ key: 'ArrowLeft', shiftKey: true })).toBe('shift+ArrowLeft');
    expect(key({ key: 'g' })).toBe('g');
    expect(key({ key: 'Control', ctrlKey: true })).toBeNull();
    // Alt makes other characters on some layouts: never a shortcut.
    expect(key({ key: 'g', altKey: true })).toBeNull();
    // A key an input method is composing is text, not a shortcut.
    expect(key({ key: 'g', isComposing: true })).toBeNull();
    // On a Russian layout the key under G types п: it is still g, and Ctrl+K still mod+k.
    expect(key({ key: 'п', code: 'KeyG' })).toBe('g');
    expect(key({ key: 'л', code: 'KeyK', ctrlKey: true })).toBe('mod+k');
    // A layout whose key is Latin keeps its own letter (AZERTY's a sits on KeyQ).
    expect(key({ key: 'a', code: 'KeyQ' })).toBe('a');
  });

  it('knows when the focus takes typing', () => {
    const field = document.createElement('input');
    const box = document.createElement('input');
    box.type = 'checkbox';
    const editable = document.createElement('div');
    editable.contentEditable = 'true';
    document.body.append(field, box, editable);
    expect(isTyping(field)).toBe(true);
    expect(isTyping(document.createElement('textarea'))).toBe(true);
    expect(isTyping(document.createElement('select'))).toBe(true);
    expect(isTyping(box)).toBe(false);
    expect(isTyping(document.createElement('button'))).toBe(false);
    expect(isTyping(null)).toBe(false);
    // jsdom has no isContentEditable; browsers do, and the check reads it.
    if (editable.isContentEditable !== undefined) expect(isTyping(editable)).toBe(true);
    editable.remove();
    field.remove();
    box.remove();
  });

  it('moves a list’s row with the arrows or j and k', () => {
    expect(listMove('j')).toBe('row.next');
    expect(listMove('ArrowDown')).toBe('row.next');
    expect(listMove('k')).toBe('row.previous');
    expect(listMove('Enter')).toBe('row.open');
    expect(listMove('mod+k')).toBeNull();
    expect(listMove(null)).toBeNull();
  });

  it('has one meaning for every key in every place', () => {
    // Two shortcuts on the same keys must never be live in the same place.
    const run = SHORTCUTS.filter((shortcut) => shortcut.command.do !== 'screen');
    const seen = new Map<string, string>();
    for (const shortcut of run) {
      for (const keys of shortcut.keys) {
        const name = `${shortcut.where}:${keys.join(' ')}`;
        expect(seen.get(name), name).toBeUndefined();
        seen.set(name, shortcut.id);
      }
    }
  });

  it('shows ⌘ on macOS and Ctrl elsewhere', () => {
    expect(keyCap('mod+k', true)).toBe('⌘K');
    expect(keyCap('mod+k', false)).toBe('Ctrl+K');
    expect(keyCap('g', false)).toBe('g');
    expect(keyCap('ArrowDown', false)).toBe('↓');
    expect(keyCap('shift+ArrowRight', false)).toBe('Shift+→');
  });
});
