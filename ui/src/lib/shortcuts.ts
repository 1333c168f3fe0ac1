//! The keyboard shortcuts: one table that the window's key handler (App.svelte), the lists,
//! the command palette and the help overlay (`?`) all read, so what the help lists is what the
//! keys do. Pure: a key sequence and the place the user is in go in, a shortcut comes out.
//!
//! Keys are written as `KeyboardEvent.key` gives them (`g`, `?`, `ArrowDown`), a chord with
//! Ctrl (or ⌘ on macOS) as `mod+k`. A plain key never fires while the user types in a field
//! or while a dialog is open; a chord fires while typing (Ctrl+S saves the form being typed
//! in) but not under a dialog, except the palette's own chord, which closes it.
import type { Kind } from '../ipc/api';
import type { MessageKey } from './i18n/index.svelte';

/** The screens a shortcut belongs to, beyond "anywhere". */
export type Place =
  /** Anywhere in the window. */
  | 'anywhere'
  /** A kind's list. */
  | 'list'
  /** A screen of one kind's records: its list, a record, the deal board, the ticket queue. */
  | 'kind'
  /** A record's page. */
  | 'detail'
  /** A record's form (new or edit). */
  | 'form'
  /** Today's tasks, the deal board, the ticket queue: keys on the focused task or card. */
  | 'today'
  | 'board'
  | 'queue';

/** The screens a `g` sequence goes to that are not a kind's list. */
export type Screen = 'today' | 'dashboard' | 'board' | 'queue' | 'import' | 'settings';

/** What a shortcut does. `screen`: the screen under the focus does it (listed in the help). */
export type Command =
  | { do: 'palette' }
  | { do: 'help' }
  | { do: 'search' }
  | { do: 'go'; to: Screen }
  | { do: 'list'; kind: Kind }
  | { do: 'new' }
  | { do: 'edit' }
  | { do: 'save' }
  | { do: 'screen' };

/** The help overlay's sections, in its order. */
export const GROUPS = ['general', 'navigation', 'records', 'lists', 'today', 'board'] as const;
export type Group = (typeof GROUPS)[number];

export type Shortcut = {
  /** Stable name, for tests and the palette's lookup. */
  id: string;
  /** The ways to press it: each a sequence of keys (`['g', 'c']`); the first is shown first. */
  keys: ReadonlyArray<readonly string[]>;
  group: Group;
  where: Place;
  command: Command;
  /** What the help says it does; a kind's list says its kind's name instead. */
  label?: MessageKey;
};

function go(key: string, to: Screen, label: MessageKey): Shortcut {
  return {
    id: `go.${to}`,
    keys: [['g', key]],
    group: 'navigation',
    where: 'anywhere',
    command: { do: 'go', to },
    label,
  };
}

function list(key: string, kind: Kind): Shortcut {
  return {
    id: `list.${kind}`,
    keys: [['g', key]],
    group: 'navigation',
    where: 'anywhere',
    command: { do: 'list', kind },
  };
}

function screen(id: string, keys: string[][], group: Group, where: Place, label: MessageKey) {
  return { id, keys, group, where, command: { do: 'screen' }, label } satisfies Shortcut;
}

/**
 * Every shortcut. Navigation is `g` then a letter (as in Gmail and Linear): the letter is the
 * area's initial, or the first letter free after it (cOmpanies, oRders, ticKets).
 */
export const SHORTCUTS: readonly Shortcut[] = [
  {
    id: 'palette',
    keys: [['mod+k']],
    group: 'general',
    where: 'anywhere',
    command: { do: 'palette' },
    label: 'shortcuts.palette',
  },
  {
    id: 'search',
    keys: [['/']],
    group: 'general',
    where: 'anywhere',
    command: { do: 'search' },
    label: 'shortcuts.search',
  },
  {
    id: 'help',
    keys: [['?']],
    group: 'general',
    where: 'anywhere',
    command: { do: 'help' },
    label: 'shortcuts.help',
  },
  screen('close', [['Escape']], 'general', 'anywhere', 'shortcuts.close'),

  go('t', 'today', 'nav.today'),
  go('d', 'dashboard', 'nav.dashboard'),
  list('c', 'contact'),
  list('o', 'company'),
  list('a', 'activity'),
  go('b', 'board', 'shortcuts.board'),
  list('p', 'product'),
  list('r', 'order'),
  list('k', 'ticket'),
  go('q', 'queue', 'shortcuts.queue'),
  list('m', 'campaign'),
  list('f', 'feedback'),
  go('i', 'import', 'list.import'),
  go('s', 'settings', 'nav.settings'),

  {
    id: 'new',
    keys: [['n']],
    group: 'records',
    where: 'kind',
    command: { do: 'new' },
    label: 'shortcuts.new',
  },
  // `c` (create) too, in a list only: on the ticket queue it closes the focused ticket.
  {
    id: 'new.list',
    keys: [['c']],
    group: 'records',
    where: 'list',
    command: { do: 'new' },
    label: 'shortcuts.newInList',
  },
  {
    id: 'edit',
    keys: [['e']],
    group: 'records',
    where: 'detail',
    command: { do: 'edit' },
    label: 'shortcuts.edit',
  },
  {
    id: 'save',
    keys: [['mod+s']],
    group: 'records',
    where: 'form',
    command: { do: 'save' },
    label: 'shortcuts.save',
  },

  // The lists move their highlighted row themselves (ListView.svelte reads these).
  screen('row.next', [['ArrowDown'], ['j']], 'lists', 'list', 'shortcuts.rowNext'),
  screen('row.previous', [['ArrowUp'], ['k']], 'lists', 'list', 'shortcuts.rowPrevious'),
  screen('row.pageDown', [['PageDown']], 'lists', 'list', 'shortcuts.pageDown'),
  screen('row.pageUp', [['PageUp']], 'lists', 'list', 'shortcuts.pageUp'),
  screen('row.first', [['Home']], 'lists', 'list', 'shortcuts.first'),
  screen('row.last', [['End']], 'lists', 'list', 'shortcuts.last'),
  screen('row.open', [['Enter']], 'lists', 'list', 'shortcuts.open'),

  // Today's tasks (Today.svelte).
  screen(
    'task.move',
    [['ArrowDown'], ['j'], ['ArrowUp'], ['k']],
    'today',
    'today',
    'shortcuts.taskMove',
  ),
  screen('task.done', [['d'], ['x']], 'today', 'today', 'shortcuts.taskDone'),
  screen('task.later', [['1'], ['3'], ['7']], 'today', 'today', 'shortcuts.taskLater'),

  // The deal board and the ticket queue (DealBoard.svelte, TicketQueue.svelte).
  screen(
    'card.move',
    [['ArrowUp'], ['ArrowDown'], ['ArrowLeft'], ['ArrowRight']],
    'board',
    'board',
    'shortcuts.cardMove',
  ),
  screen(
    'card.stage',
    [['shift+ArrowLeft'], ['shift+ArrowRight']],
    'board',
    'board',
    'shortcuts.cardStage',
  ),
  screen('card.won', [['w']], 'board', 'board', 'shortcuts.cardWon'),
  screen('card.lost', [['l']], 'board', 'board', 'shortcuts.cardLost'),
  screen('card.close', [['c']], 'board', 'queue', 'shortcuts.cardClose'),
];

/** Where the user is, as the key handler sees it. */
export type Context = {
  /** The screen's places (`list` and `kind` on a list; `detail` and `kind` on a record…). */
  places: readonly Place[];
  /** The focus is in a text field, a select or editable content. */
  typing: boolean;
  /** A dialog is open (the palette counts as one). */
  modal: boolean;
  /** The palette is the dialog that is open. */
  palette?: boolean;
};

/**
 * The name of a key press: `g`, `?`, `Enter`, `mod+k`, `shift+ArrowLeft`; null for a bare
 * modifier, a press with Alt, or a key an input method is composing. A letter of another
 * script (a Cyrillic or Greek layout) is named by the Latin key it sits on, so `g c` and
 * Ctrl+K work whatever the layout.
 */
export function keyOf(
  event: Pick<
    KeyboardEvent,
    'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'isComposing'
  >,
): string | null {
  if (event.isComposing || event.altKey) return null;
  if (['Control', 'Meta', 'Shift', 'Alt', 'Process', 'Dead'].includes(event.key)) return null;
  const latin = /^Key([A-Z])$/.exec(event.code ?? '')?.[1];
  const key =
    event.key.length === 1 && !/^[\x20-\x7e]$/.test(event.key) && latin
      ? event.shiftKey
        ? latin
        : latin.toLowerCase()
      : event.key;
  if (event.ctrlKey || event.metaKey) return `mod+${key.toLowerCase()}`;
  // Shift with a letter or a symbol is already in `key` (`?`, `G`); named keys say it.
  if (event.shiftKey && key.length > 1) return `shift+${key}`;
  return key;
}

/** Whether the element takes typed text: a field, a select, editable content. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'range', 'color'].includes(
      target.type,
    );
  }
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/** The handler's answer to a key: a shortcut to run, or a sequence begun (wait for the next key). */
export type Reading = { shortcut: Shortcut | null; pending: string[] };

/** The shortcuts the key handler runs (the screens run their own). */
const RUN = SHORTCUTS.filter((shortcut) => shortcut.command.do !== 'screen');

/**
 * Reads one key after the keys already `pending` (a `g` waiting for its letter): the shortcut
 * the sequence completes in this context, or the longer sequence it begins, or nothing. A key
 * that continues no sequence starts over on its own.
 */
export function readKey(pending: readonly string[], key: string, context: Context): Reading {
  const chord = key.startsWith('mod+');
  if (context.modal) {
    // Under a dialog only the palette's own chord acts: it closes the palette.
    const palette = context.palette
      ? RUN.find(
          (shortcut) =>
            shortcut.id === 'palette' && shortcut.keys.some((keys) => same(keys, [key])),
        )
      : undefined;
    return { shortcut: palette ?? null, pending: [] };
  }
  if (context.typing && !chord) return { shortcut: null, pending: [] };
  const here = RUN.filter(
    (shortcut) => shortcut.where === 'anywhere' || context.places.includes(shortcut.where),
  );
  for (const sequence of pending.length > 0 ? [[...pending, key], [key]] : [[key]]) {
    const done = here.find((shortcut) => shortcut.keys.some((keys) => same(keys, sequence)));
    if (done) return { shortcut: done, pending: [] };
    const begun = here.some((shortcut) =>
      shortcut.keys.some(
        (keys) => keys.length > sequence.length && same(keys.slice(0, sequence.length), sequence),
      ),
    );
    if (begun) return { shortcut: null, pending: sequence };
  }
  return { shortcut: null, pending: [] };
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, index) => key === b[index]);
}

/** The row movement a key asks of a list (the `lists` group), or null. */
export function listMove(key: string | null): string | null {
  if (key === null) return null;
  const found = SHORTCUTS.find(
    (shortcut) => shortcut.group === 'lists' && shortcut.keys.some((keys) => same(keys, [key])),
  );
  return found ? found.id : null;
}

/** The shortcut that runs `command` (in any place), for the palette to show beside it. */
export function shortcutFor(command: Command): Shortcut | undefined {
  const wanted = JSON.stringify(command);
  return RUN.find((shortcut) => JSON.stringify(shortcut.command) === wanted);
}

/** Whether the window runs on macOS (⌘ instead of Ctrl in what is shown). */
export function onMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent);
}

const NAMES: Record<string, string> = {
  ArrowDown: '↓',
  ArrowUp: '↑',
  ArrowLeft: '←',
  ArrowRight: '→',
  Escape: 'Esc',
  Enter: 'Enter',
  PageDown: 'PgDn',
  PageUp: 'PgUp',
  Home: 'Home',
  End: 'End',
};

/** A key as the help shows it on a key cap: `⌘K` or `Ctrl+K`, `Shift+→`, `↓`, `G`. */
export function keyCap(key: string, mac = onMac()): string {
  const [first, rest] = key.includes('+') ? key.split('+', 2) : [null, key];
  const named = NAMES[rest ?? ''];
  const name = named ?? (first === null ? (rest ?? '') : (rest ?? '').toUpperCase());
  if (first === 'mod') return mac ? `⌘${name}` : `Ctrl+${name}`;
  if (first === 'shift') return mac ? `⇧${name}` : `Shift+${name}`;
  return name;
}
