//! The import wizard's pure logic: mapping edits as `ColumnMap[]`, per-row decisions and fixed
//! cells as `RowOverride[]`, and the words and numbers it shows (in the window's language:
//! `t()` for Kith's own words, the engine's labels in Chinese from `i18n/schema.ts`). Nothing
//! here decides an outcome: the engine's reports are shown as they come.
import type {
  ColumnMap,
  Counts,
  ExportFormat,
  Kind,
  MapSource,
  Match,
  OnDuplicate,
  Outcome,
  Progress,
  RowOverride,
  SourceInfo,
  SourceRow,
  TargetDef,
} from '../ipc/api';
import { formatNumber } from './format';
import { i18n, t, tn, type MessageKey } from './i18n/index.svelte';
import { targetLabel } from './i18n/targets';

/** Kinds the engine has import rules for (`mapping::importable` in src/import/mapping.rs). */
export const IMPORTABLE_KINDS: readonly Kind[] = [
  'contact',
  'company',
  'deal',
  'order',
  'activity',
  'ticket',
  'feedback',
];

export function isImportable(kind: Kind): boolean {
  return IMPORTABLE_KINDS.includes(kind);
}

/** Outcomes in the order the counts are shown; they add up to the rows. */
export const OUTCOMES: readonly Outcome[] = ['created', 'updated', 'merged', 'skipped', 'rejected'];

const OUTCOME_LABEL: Readonly<Record<Outcome, MessageKey>> = {
  created: 'import.outcome.created',
  updated: 'import.outcome.updated',
  merged: 'import.outcome.merged',
  skipped: 'import.outcome.skipped',
  rejected: 'import.outcome.rejected',
};

/** The same, for a dry run: nothing has happened yet. */
const WOULD_LABEL: Readonly<Record<Outcome, MessageKey>> = {
  created: 'import.would.created',
  updated: 'import.would.updated',
  merged: 'import.would.merged',
  skipped: 'import.would.skipped',
  rejected: 'import.would.rejected',
};

const OUTCOME_HINT: Readonly<Record<Outcome, MessageKey>> = {
  created: 'import.hint.created',
  updated: 'import.hint.updated',
  merged: 'import.hint.merged',
  skipped: 'import.hint.skipped',
  rejected: 'import.hint.rejected',
};

/** An outcome's name: "Created", or for a dry run "Would create". */
export function outcomeLabel(outcome: Outcome, dryRun: boolean): string {
  return t((dryRun ? WOULD_LABEL : OUTCOME_LABEL)[outcome]);
}

/** What an outcome's rows are: "new records", "duplicates, unchanged or empty rows", …. */
export function outcomeHint(outcome: Outcome): string {
  return t(OUTCOME_HINT[outcome]);
}

const EQUATION_PART: Readonly<Record<Outcome, MessageKey>> = {
  created: 'import.equation.created',
  updated: 'import.equation.updated',
  merged: 'import.equation.merged',
  skipped: 'import.equation.skipped',
  rejected: 'import.equation.rejected',
};

/** "1 row", "1,234 rows" (numbers in `locale`, else the window's). */
export function rowsText(rows: number, locale?: string): string {
  return tn('import.rows', rows, { count: formatNumber(rows, locale) });
}

/** `2 created + 1 updated + … = 6 rows`: the counts as the sum they are. */
export function countsEquation(counts: Counts, locale?: string): string {
  const parts = OUTCOMES.map((outcome) =>
    t(EQUATION_PART[outcome], { count: formatNumber(counts[outcome], locale) }),
  );
  return `${parts.join(' + ')} = ${rowsText(counts.rows, locale)}`;
}

/** Encodings offered to override the detected one (names as the engine's reader knows them). */
export const ENCODINGS: readonly string[] = [
  'UTF-8',
  'UTF-16LE',
  'UTF-16BE',
  'GB18030',
  'GBK',
  'Big5',
  'Shift_JIS',
  'windows-1252',
];

/** The delimiters offered to override the detected one, by the words that name them. */
const DELIMITER_LABEL: ReadonlyArray<{ value: string; label: MessageKey }> = [
  { value: ',', label: 'import.delimiter.comma' },
  { value: ';', label: 'import.delimiter.semicolon' },
  { value: '\t', label: 'import.delimiter.tab' },
  { value: '|', label: 'import.delimiter.bar' },
];

/** The delimiters offered, named in the window's language. */
export function delimiters(): Array<{ value: string; label: string }> {
  return DELIMITER_LABEL.map((option) => ({ value: option.value, label: t(option.label) }));
}

export function delimiterLabel(delimiter: string | null): string {
  if (delimiter === null) return t('import.delimiter.none');
  const known = DELIMITER_LABEL.find((option) => option.value === delimiter);
  return known ? t(known.label) : `"${delimiter}"`;
}

const FORMAT_LABEL: Readonly<Record<SourceInfo['format'], MessageKey>> = {
  csv: 'import.format.csv',
  xlsx: 'import.format.xlsx',
  xls: 'import.format.xls',
  ods: 'import.format.ods',
  vcard: 'import.format.vcard',
};

/** The kind of file the engine read, in words. */
export function formatLabel(format: SourceInfo['format']): string {
  return t(FORMAT_LABEL[format]);
}

/** How a column got its target, in words. */
export function sourceLabel(source: MapSource, exportName: string | null = null): string {
  switch (source) {
    case 'exact':
      return t('import.source.exact');
    case 'synonym':
      return t('import.source.synonym');
    case 'export':
      return exportName
        ? t('import.source.exportOf', { name: exportName })
        : t('import.source.export');
    case 'saved':
      return t('import.source.saved');
    case 'user':
      return t('import.source.user');
    case 'unmapped':
      return t('import.source.unmapped');
  }
}

/** What to do with a row that matches a record, with the words that explain it. */
export function onDuplicateOptions(): Array<{ value: OnDuplicate; label: string; hint: string }> {
  return [
    {
      value: 'merge',
      label: t('import.onDuplicate.merge'),
      hint: t('import.onDuplicate.mergeHint'),
    },
    { value: 'skip', label: t('import.onDuplicate.skip'), hint: t('import.onDuplicate.skipHint') },
    {
      value: 'create',
      label: t('import.onDuplicate.create'),
      hint: t('import.onDuplicate.createHint'),
    },
  ];
}

export const IGNORE = 'ignore';
/** The dropdown value that stands for "a custom field" (the name is typed beside it). */
export const CUSTOM = 'custom';
const CUSTOM_PREFIX = 'custom.';

export function isCustomTarget(target: string): boolean {
  return target.startsWith(CUSTOM_PREFIX);
}

/** The custom field's name of a `custom.NAME` target. */
export function customFieldName(target: string): string {
  return isCustomTarget(target) ? target.slice(CUSTOM_PREFIX.length) : '';
}

/** The dropdown value showing a target: `custom` for every custom field. */
export function targetChoice(target: string): string {
  return isCustomTarget(target) ? CUSTOM : target;
}

/** A custom field named after a header, as the engine names one (`Column N` if blank). */
export function defaultCustomName(header: string, column: number): string {
  const clean = header.replace(/\s+/g, ' ').trim();
  return clean === '' ? `Column ${column + 1}` : Array.from(clean).slice(0, 100).join('');
}

export type TargetGroup = { label: string; targets: TargetDef[] };

/**
 * The engine's targets in dropdown groups: fields of the kind, links to other records (by
 * name, email or id), order-line fields. `ignore` and custom fields are offered apart.
 */
export function groupTargets(targets: readonly TargetDef[]): TargetGroup[] {
  const isLink = (target: TargetDef) =>
    ['id', 'company', 'contact'].includes(target.key) || target.ty === 'ref';
  const groups: TargetGroup[] = [
    {
      label: t('import.targets.fields'),
      targets: targets.filter(
        (target) => target.key !== IGNORE && !isLink(target) && !target.key.startsWith('line.'),
      ),
    },
    {
      label: t('import.targets.links'),
      targets: targets.filter((target) => isLink(target) && !target.key.startsWith('line.')),
    },
    {
      label: t('import.targets.lines'),
      targets: targets.filter((target) => target.key.startsWith('line.')),
    },
  ];
  return groups.filter((group) => group.targets.length > 0);
}

export { targetLabel };

/**
 * The mapping with one column sent to `choice` (a target key, `custom` or `ignore`), marked
 * as the user's choice. A column that already is a custom field keeps its name.
 */
export function retarget(
  mapping: readonly ColumnMap[],
  column: number,
  choice: string,
): ColumnMap[] {
  return mapping.map((entry) => {
    if (entry.column !== column) return entry;
    const target =
      choice === CUSTOM
        ? isCustomTarget(entry.target)
          ? entry.target
          : `${CUSTOM_PREFIX}${defaultCustomName(entry.header, entry.column)}`
        : choice;
    return target === entry.target ? entry : { ...entry, target, source: 'user' };
  });
}

/** The mapping with a column's custom field renamed. */
export function renameCustom(
  mapping: readonly ColumnMap[],
  column: number,
  name: string,
): ColumnMap[] {
  return mapping.map((entry) =>
    entry.column === column
      ? { ...entry, target: `${CUSTOM_PREFIX}${name}`, source: 'user' }
      : entry,
  );
}

/** Up to `count` different non-empty values of a column from the sample's data rows. */
export function sampleValues(samples: readonly SourceRow[], column: number, count = 4): string[] {
  const values: string[] = [];
  for (const row of samples) {
    if (row.status.status !== 'data') continue;
    const value = row.cells[column]?.trim() ?? '';
    if (value !== '' && !values.includes(value)) values.push(value);
    if (values.length >= count) break;
  }
  return values;
}

/** What the user decided for one row: an action other than the policy, and fixed cells. */
export type RowEdit = {
  action: OnDuplicate | null;
  /** Column index → the text to use instead of the file's. */
  cells: Record<number, string>;
  /** The row's cells as the file has them, to tell a real change from a retyped value. */
  original: string[];
};

/** The overrides to send: only rows with an action or a cell that differs from the file. */
export function buildOverrides(edits: Readonly<Record<number, RowEdit>>): RowOverride[] {
  const overrides: RowOverride[] = [];
  const lines = Object.keys(edits)
    .map(Number)
    .sort((a, b) => a - b);
  for (const line of lines) {
    const edit = edits[line];
    if (!edit) continue;
    const cells: Record<number, string> = {};
    for (const [key, text] of Object.entries(edit.cells)) {
      const column = Number(key);
      if (text !== (edit.original[column] ?? '')) cells[column] = text;
    }
    if (edit.action === null && Object.keys(cells).length === 0) continue;
    overrides.push({ line, action: edit.action, cells });
  }
  return overrides;
}

/** The column indexes a rejected row's issues name (issues name columns by header). */
export function issueColumns(
  issues: ReadonlyArray<{ field: string }>,
  headers: readonly string[],
): Set<number> {
  const columns = new Set<number>();
  for (const issue of issues) {
    headers.forEach((header, index) => {
      if (header === issue.field) columns.add(index);
    });
  }
  return columns;
}

/** "1,234 rows/s" (one decimal below 10). */
export function formatRate(rowsPerSec: number, locale?: string): string {
  const rate = Number.isFinite(rowsPerSec) && rowsPerSec > 0 ? rowsPerSec : 0;
  const rounded = rate < 10 ? Math.round(rate * 10) / 10 : Math.round(rate);
  return t('import.rate', { rate: formatNumber(rounded, locale) });
}

/** How long is left, in words: "about 3 s left", "about 2 min left". */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) {
    return t('import.eta.estimating');
  }
  if (seconds < 1) return t('import.eta.underSecond');
  if (seconds < 60) return t('import.eta.seconds', { seconds: Math.round(seconds) });
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return t('import.eta.minutes', { minutes });
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0
    ? t('import.eta.hours', { hours })
    : t('import.eta.hoursMinutes', { hours, minutes: rest });
}

/** "42%" of a 0–1 fraction, clamped. */
export function formatPercent(fraction: number): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  return `${Math.floor(clamped * 100)}%`;
}

/** "1,234 rows · 5,600 rows/s · about 3 s left". */
export function progressText(progress: Progress, locale?: string): string {
  const rows = rowsText(progress.rows, locale);
  return `${rows} · ${formatRate(progress.rows_per_sec, locale)} · ${formatEta(progress.eta_secs)}`;
}

const MATCH_BY: Readonly<Record<Match['by'], MessageKey>> = {
  id: 'import.matchBy.id',
  email: 'import.matchBy.email',
  phone: 'import.matchBy.phone',
  name: 'import.matchBy.name',
  number: 'import.matchBy.number',
  domain: 'import.matchBy.domain',
  customer_no: 'import.matchBy.customerNo',
};

/** How a row matched a record: "by email", "by similar name (92)", "from line 2". */
export function describeMatch(match: Match): string {
  const how = t(MATCH_BY[match.by]);
  const by =
    match.by === 'name' && match.score < 100
      ? t('import.match.byScore', { how, score: String(match.score) })
      : t('import.match.by', { how });
  // Lines are written as the file numbers them, without grouping (like the table's).
  return match.line !== null
    ? t('import.match.fromLine', { match: by, line: String(match.line) })
    : by;
}

/** The file name of a path (either separator). */
export function basename(path: string): string {
  return (
    path
      .split(/[\\/]/)
      .filter((part) => part !== '')
      .at(-1) ?? path
  );
}

/** A path's file name without its extension. */
export function stem(path: string): string {
  const name = basename(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

export const EXPORT_EXTENSION: Readonly<Record<ExportFormat, string>> = {
  csv: 'csv',
  xlsx: 'xlsx',
  vcf: 'vcf',
};

/** A file name for an export: `kith-contacts-2025-09-15.csv` (in local time). */
export function exportFileName(plural: string, format: ExportFormat, now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const slug = plural.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-');
  return `kith-${slug}-${day}.${EXPORT_EXTENSION[format]}`;
}

/**
 * Countries offered for phone numbers without a prefix (ISO 3166 alpha-2); any code works.
 * The names are English; `countries()` gives them in the window's language.
 */
export const COUNTRIES: ReadonlyArray<[string, string]> = [
  ['CN', 'China'],
  ['HK', 'Hong Kong'],
  ['TW', 'Taiwan'],
  ['SG', 'Singapore'],
  ['JP', 'Japan'],
  ['KR', 'South Korea'],
  ['IN', 'India'],
  ['US', 'United States'],
  ['CA', 'Canada'],
  ['MX', 'Mexico'],
  ['BR', 'Brazil'],
  ['GB', 'United Kingdom'],
  ['IE', 'Ireland'],
  ['DE', 'Germany'],
  ['FR', 'France'],
  ['ES', 'Spain'],
  ['IT', 'Italy'],
  ['NL', 'Netherlands'],
  ['CH', 'Switzerland'],
  ['AT', 'Austria'],
  ['SE', 'Sweden'],
  ['PL', 'Poland'],
  ['AU', 'Australia'],
  ['NZ', 'New Zealand'],
  ['ZA', 'South Africa'],
];

/** A region's name in `locale` ("中国香港特别行政区"), or `fallback` when Intl cannot name it. */
function regionName(code: string, locale: string, fallback: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? fallback;
  } catch {
    return fallback;
  }
}

/** The countries offered, named in the window's language (English as listed above). */
export function countries(): Array<[string, string]> {
  if (i18n.language === 'en') return COUNTRIES.map(([code, name]) => [code, name]);
  const locale = i18n.locale;
  return COUNTRIES.map(([code, name]) => [code, regionName(code, locale, name)]);
}
