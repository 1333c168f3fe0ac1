//! The screens, dashboard sections and overlays that are not part of the first screen, each in
//! a chunk of its own: the window's start fetches and parses only the shell (sidebar, search,
//! dashboard overview, welcome), and the rest is loaded after it is painted (`PREFETCH`), or
//! on demand if asked for sooner. A module imported statically anywhere in the shell ends up
//! back in the first chunk, so these are reached only through here.
import { lazy } from './lazy.svelte';

/** The import wizard's state (kept while the wizard is not shown), with the wizard's chunk. */
export const importSessions = { load: () => import('./importSession.svelte') };

export const screens = {
  palette: lazy(() => import('../components/CommandPalette.svelte')),
  help: lazy(() => import('../components/ShortcutHelp.svelte')),
  list: lazy(() => import('../components/ListView.svelte')),
  detail: lazy(() => import('../components/DetailView.svelte')),
  form: lazy(() => import('../components/RecordForm.svelte')),
  today: lazy(() => import('../components/Today.svelte')),
  board: lazy(() => import('../components/DealBoard.svelte')),
  queue: lazy(() => import('../components/TicketQueue.svelte')),
  overview: lazy(() => import('../components/Home.svelte')),
  // With the session's module, which the shell needs to show the wizard (importSessions).
  importWizard: lazy(() =>
    Promise.all([import('../components/ImportWizard.svelte'), importSessions.load()]).then(
      ([wizard]) => wizard,
    ),
  ),
  importHistory: lazy(() => import('../components/ImportHistory.svelte')),
  duplicates: lazy(() => import('../components/Duplicates.svelte')),
  review: lazy(() => import('../components/ReviewPanel.svelte')),
  backups: lazy(() => import('../components/Backups.svelte')),
  settings: lazy(() => import('../components/Settings.svelte')),
  segments: lazy(() => import('../components/SegmentsPanel.svelte')),
  value: lazy(() => import('../components/ValuePanel.svelte')),
  scores: lazy(() => import('../components/ScoresPanel.svelte')),
  satisfaction: lazy(() => import('../components/SatisfactionPanel.svelte')),
};

/**
 * What is loaded after the first screen, most likely first: the palette (Ctrl+K is the first
 * thing many press), the records' list, detail and form, the day's work, then the tools.
 * Everything is one click away in the sidebar, so everything is loaded.
 */
export const PREFETCH = [
  screens.palette,
  screens.list,
  screens.detail,
  screens.form,
  screens.today,
  screens.board,
  screens.queue,
  screens.segments,
  screens.value,
  screens.scores,
  screens.satisfaction,
  screens.overview,
  screens.help,
  screens.importWizard,
  screens.importHistory,
  screens.duplicates,
  screens.review,
  screens.backups,
  screens.settings,
];
