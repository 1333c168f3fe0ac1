//! English: the catalog every other language is checked against. A key names where a text
//! is shown (`area.what`); `{name}` is filled by `t(key, { name })`; a pair `x.one` and
//! `x.other` is a count (`tn('x', n)`). Add a key here and in `zh.ts` (the check fails if
//! `zh.ts` lacks it; `catalog.test.ts` if the two differ in keys or placeholders).
export const en = {
  // The shell
  'app.opening': 'Opening Kith…',
  'app.openFailed': 'Kith could not open its workspace',
  'app.tryAgain': 'Try again',
  'app.workspaceFailed': 'Could not open the workspace: {error}',
  'app.created': 'Created “{title}”.',
  'app.saved': 'Saved “{title}”.',
  'app.writerWait': 'Another Kith is writing to this database; waiting…',

  // The sidebar
  'nav.areas': 'Areas',
  'nav.today': 'Today',
  'nav.dueTitle': 'Overdue and due today',
  'nav.dashboard': 'Dashboard',
  'nav.overview': 'Overview',
  'nav.people': 'People & companies',
  'nav.sales': 'Sales',
  'nav.service': 'Service',
  'nav.marketing': 'Marketing',
  'nav.other': 'Other',
  'nav.tools': 'Tools',
  'nav.import': 'Import…',
  'nav.importHistory': 'Import history',
  'nav.duplicates': 'Duplicates',
  'nav.review': 'Values to review',
  'nav.backups': 'Backups',
  'nav.settings': 'Settings',
  'nav.demoWorkspace': 'Demo workspace',
  'nav.workspace': 'Workspace',

  // Settings
  'settings.title': 'Settings',
  'settings.subtitle': 'How Kith looks and speaks in this window',
  'settings.language': 'Language',
  'settings.languageHint':
    'Menus, labels, messages, dates, numbers and money are shown in this language. Your records stay as you wrote them.',

  // Shared words
  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.save': 'Save',
  'common.delete': 'Delete',
  'common.edit': 'Edit',
  'common.back': 'Back',
  'common.new': 'New',
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.loading': 'Loading…',
  'common.dismiss': 'Dismiss',
  'common.records.one': '{count} record',
  'common.records.other': '{count} records',
} as const;

/** Every message key. */
export type MessageKey = keyof typeof en;

/** A catalog: a text for every key of the English one. */
export type Messages = Record<MessageKey, string>;
