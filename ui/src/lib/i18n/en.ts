//! English: the catalog every other language is checked against. A key names where a text
//! is shown (`area.what`); `{name}` is filled by `t(key, { name })`; a pair `x.one` and
//! `x.other` is a count (`tn('x', n)`). Add a key here and in `zh.ts` (the check fails if
//! `zh.ts` lacks it; `catalog.test.ts` if the two differ in keys or placeholders). The shell, lists and forms
//! are here; each larger area has a pair of files under `areas/` (`work.en.ts`, `work.zh.ts`).
import { dataEn } from './areas/data.en';
import { keysEn } from './areas/keys.en';
import { relatedEn } from './areas/related.en';
import { workEn } from './areas/work.en';

export const en = {
  // The shell
  'app.opening': 'Opening Kith…',
  'app.openFailed': 'Kith could not open its workspace',
  'app.tryAgain': 'Try again',
  'app.workspaceFailed': 'Could not open the workspace: {error}',
  'app.created': 'Created “{title}”.',
  'app.saved': 'Saved “{title}”.',
  'app.writerWait': 'Another Kith is writing to this database; waiting…',
  'app.loadFailed': 'This screen could not be loaded',
  'app.partFailed': 'Could not load this part of Kith: {error}',
  'reminder.title': 'Task due — Kith',
  'reminder.body': '{title} (due {time})',
  'reminder.bodyWith': '{title} · {who} (due {time})',

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
  'settings.languageFailed': 'Could not switch the language',

  // Lists
  'list.name': 'Name',
  'list.total': '{count} {kind}',
  'list.removeFilterOf': 'Remove the filter {label}',
  'list.removeFilter': 'Remove this filter',
  'list.reviewTitle': 'Only the {kinds} with values an import kept as written for review',
  'list.needsReview': 'Needs review',
  'list.reviewValues': 'Review values…',
  'list.filterPlaceholder': 'Filter {kinds}…',
  'list.filter': 'Filter {kinds}',
  'list.showDeleted': 'Show deleted',
  'list.importTitle': 'Import {kinds} from a spreadsheet',
  'list.import': 'Import',
  'list.board': 'Board',
  'list.queue': 'Queue',
  'list.exportTitle': 'Export {kinds} to a file',
  'list.export': 'Export',
  'list.new': 'New {kind}',
  'list.loadFailed': 'Could not load {kinds}: {error}',
  'list.noMatch': 'No {kinds} match “{text}”',
  'list.noMatchHint': 'Check the spelling, or clear the filter to see every {kind}.',
  'list.clearFilter': 'Clear filter',
  'list.nothingToReview': 'Nothing to review',
  'list.nothingToReviewHint': 'No {kind} has values kept for review.',
  'list.showEvery': 'Show every {kind}',
  'list.noneHere': 'No {kinds} here',
  'list.noneHereHint':
    'No {kind} has these stored figures now. The analyses may have run again since; see the dashboard’s segments.',
  'list.noneYet': 'No {kinds} yet',
  'list.noneYetHint': 'Nothing has been added here yet. Create the first {kind} to see it listed.',
  'list.keptForReview': 'Values kept for review',

  // Record forms
  'form.required': 'Required',
  'form.choose': 'Choose…',
  'form.monthDayPlaceholder': '--MM-DD or YYYY-MM-DD',
  'form.monthDayHint': 'A month and day without a year: --MM-DD (--03-05 is 5 March).',
  'form.deleted': 'This record was deleted and can no longer be edited.',
  'form.loadFailed': 'Could not load the record',
  'form.saveFailed': 'Could not save',
  'form.fixFields.one': 'Please fix the field marked below.',
  'form.fixFields.other': 'Please fix {count} fields marked below.',
  'form.editTitle': 'Edit {title}',
  'form.newTitle': 'New {kind}',
  'form.customFields': 'Custom fields',
  'form.customNamePlaceholder': 'Name, e.g. WeChat',
  'form.customName': 'Custom field name',
  'form.customValuePlaceholder': 'Value',
  'form.customValueOf': 'Value of {name}',
  'form.theCustomField': 'the custom field',
  'form.removeCustom': 'Remove custom field {name}',
  'form.customHint':
    'Anything the fields above don’t cover: a WeChat id, payment terms, a shoe size…',
  'form.addCustom': 'Add custom field',
  'form.requiredHint': 'required',
  'form.saving': 'Saving',
  'form.saveChanges': 'Save changes',
  'form.create': 'Create {kind}',

  // Shared words
  // Filters and saved views
  'filter.add': 'Filter',
  'filter.title': 'Filter {kinds}',
  'filter.field': 'Field',
  'filter.chooseField': 'Choose a field…',
  'filter.tag': 'Tag',
  'filter.anyOf': 'Any of',
  'filter.from': 'From',
  'filter.to': 'To',
  'filter.rangeHint': 'Leave one end empty for an open range.',
  'filter.is': 'Is',
  'filter.tagName': 'Tag name',
  'filter.equals': 'Equals',
  'filter.apply': 'Apply filter',
  'filter.or': 'or',
  'views.heading': 'Views',
  'views.save': 'Save view',
  'views.saveTitle': 'Save this list as a view',
  'views.name': 'Name',
  'views.namePlaceholder': 'e.g. Big open deals',
  'views.saved': 'Saved the view “{name}”.',
  'views.saveFailed': 'Could not save the view',
  'views.deleteOf': 'Delete the view {name}',
  'views.deleted': 'Deleted the view “{name}”.',

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

  // The areas, each in a file of its own under areas/
  ...workEn,
  ...dataEn,
  ...keysEn,
  ...relatedEn,
} as const;

/** Every message key. */
export type MessageKey = keyof typeof en;

/** A catalog: a text for every key of the English one. */
export type Messages = Record<MessageKey, string>;
