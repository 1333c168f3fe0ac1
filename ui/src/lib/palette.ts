//! The command palette's actions: go to every screen (each kind's list from the schema), a new
//! record of each kind, the other language, the other themes, the shortcut help. Each action
//! has its label in the window's language and in English, and typed text finds it by either,
//! so a Chinese window also finds 联系人 by "contacts".
import type { Kind, KindSchema } from '../ipc/api';
import {
  fill,
  i18n,
  LANGUAGES,
  messages,
  t,
  type MessageKey,
  type Params,
} from './i18n/index.svelte';
import type { Route } from './router.svelte';
import { shortcutFor, type Command } from './shortcuts';
import { theme, THEMES } from './theme.svelte';
import { toasts } from './toast.svelte';

export type PaletteAction = {
  /** Stable name (`list.contact`, `new.deal`, `theme.dark`), for tests. */
  id: string;
  /** What the palette shows, in the window's language. */
  label: string;
  /** The same in English: a second text to match. */
  english: string;
  /** The keys of its shortcut, when it has one (`['g', 'c']`). */
  keys: readonly string[] | null;
  run: () => void;
};

/** What the actions need from the window. */
export type PaletteHost = {
  /** The schema with labels in the window's language, and as the engine sent it (English). */
  schemas: readonly KindSchema[];
  englishSchemas: readonly KindSchema[];
  go: (route: Route) => void;
  help: () => void;
};

/** A message in the window's language and in English. */
function both(key: MessageKey, params: Params = {}, english: Params = params) {
  return { label: t(key, params), english: fill(messages('en')[key], english, 'en-US') };
}

function keysOf(command: Command): readonly string[] | null {
  return shortcutFor(command)?.keys[0] ?? null;
}

export function paletteActions(host: PaletteHost): PaletteAction[] {
  const englishOf = new Map(host.englishSchemas.map((schema) => [schema.kind, schema]));
  const has = (kind: Kind) => host.schemas.some((schema) => schema.kind === kind);
  const goTo = (id: string, area: MessageKey, route: Route, command?: Command): PaletteAction => ({
    id,
    ...both('palette.goTo', { area: t(area) }, { area: messages('en')[area] }),
    keys: command ? keysOf(command) : null,
    run: () => host.go(route),
  });

  const actions: PaletteAction[] = [
    goTo('go.today', 'nav.today', { name: 'today' }, { do: 'go', to: 'today' }),
    goTo('go.dashboard', 'nav.dashboard', { name: 'home' }, { do: 'go', to: 'dashboard' }),
    goTo('go.overview', 'nav.overview', { name: 'overview' }),
  ];
  for (const schema of host.schemas) {
    const english = englishOf.get(schema.kind) ?? schema;
    actions.push({
      id: `list.${schema.kind}`,
      ...both('palette.goTo', { area: schema.plural }, { area: english.plural }),
      keys: keysOf({ do: 'list', kind: schema.kind }),
      run: () => host.go({ name: 'list', kind: schema.kind }),
    });
  }
  if (has('deal'))
    actions.push(goTo('go.board', 'shortcuts.board', { name: 'board' }, { do: 'go', to: 'board' }));
  if (has('ticket'))
    actions.push(goTo('go.queue', 'shortcuts.queue', { name: 'queue' }, { do: 'go', to: 'queue' }));
  actions.push(
    goTo('go.import', 'list.import', { name: 'import', kind: null }, { do: 'go', to: 'import' }),
    goTo('go.imports', 'nav.importHistory', { name: 'imports' }),
    goTo('go.duplicates', 'nav.duplicates', { name: 'duplicates', kind: 'contact' }),
    goTo('go.review', 'nav.review', { name: 'review', kind: null }),
    goTo('go.backups', 'nav.backups', { name: 'backups' }),
    goTo('go.settings', 'nav.settings', { name: 'settings' }, { do: 'go', to: 'settings' }),
  );
  for (const schema of host.schemas) {
    const english = englishOf.get(schema.kind) ?? schema;
    actions.push({
      id: `new.${schema.kind}`,
      ...both(
        'list.new',
        { kind: schema.label.toLowerCase() },
        { kind: english.label.toLowerCase() },
      ),
      keys: null,
      run: () => host.go({ name: 'new', kind: schema.kind }),
    });
  }
  for (const language of LANGUAGES) {
    if (language.id === i18n.language) continue;
    actions.push({
      id: `language.${language.id}`,
      ...both('palette.language', { language: language.name }),
      keys: null,
      run: () =>
        void i18n
          .set(language.id)
          .catch((error: unknown) => toasts.error(t('settings.languageFailed'), error)),
    });
  }
  for (const choice of THEMES) {
    if (choice === theme.choice) continue;
    const name = `theme.${choice}` as const;
    actions.push({
      id: `theme.${choice}`,
      ...both('palette.theme', { theme: t(name) }, { theme: messages('en')[name] }),
      keys: null,
      run: () => theme.set(choice),
    });
  }
  actions.push({
    id: 'help',
    ...both('shortcuts.help'),
    keys: keysOf({ do: 'help' }),
    run: host.help,
  });
  return actions;
}

/**
 * The actions whose label (in the window's language, or in English) holds every word typed,
 * in any case, in their order.
 */
export function findActions(actions: readonly PaletteAction[], text: string): PaletteAction[] {
  const words = text.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...actions];
  return actions.filter((action) =>
    [action.label, action.english].some((label) => {
      const lower = label.toLocaleLowerCase();
      return words.every((word) => lower.includes(word));
    }),
  );
}
