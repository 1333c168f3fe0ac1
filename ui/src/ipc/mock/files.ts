//! What the mock backend knows about files. A browser cannot read the user's disk, so the mock
//! serves two canned files at fixed fake paths (a GBK, semicolon-separated contact list and a
//! two-sheet company workbook) and refuses every other path with an honest `bad_file` error.
//! Files it "writes" (exports, saved rows) are kept in memory.
//!
//! Import targets, automatic mapping and date profiling are restated here after
//! `src/import/mapping.rs` and `src/import/clean.rs`, in small: a few synonyms, not all.
import type { ColumnMap } from '../bindings/ColumnMap';
import type { DateOrder } from '../bindings/DateOrder';
import type { DateProfile } from '../bindings/DateProfile';
import type { Format } from '../bindings/Format';
import type { Kind } from '../bindings/Kind';
import type { KindSchema } from '../bindings/KindSchema';
import type { TargetDef } from '../bindings/TargetDef';

/** The contact list `dialog_open` returns in the mock. */
export const MOCK_CONTACTS_PATH = '/home/you/Downloads/客户名单.csv';
/** A workbook with two sheets, for trying the sheet picker. */
export const MOCK_WORKBOOK_PATH = '/home/you/Downloads/companies.xlsx';
/** Where the mock's save dialog "saves". */
export const MOCK_SAVE_DIR = '/home/you/Documents';

export type MockFile = {
  format: Format;
  /** The encoding a detector would report (the text itself is already decoded). */
  encoding: string | null;
  /** The delimiter a sniffer would report (CSV only). */
  delimiter: string | null;
  /** Sheet name → its rows as delimited text (one entry, `''`, for a CSV). */
  sheets: Array<[string, string]>;
};

/**
 * Six data rows: two new people, a bad email, a later row repeating the first one's email
 * (merged), an empty row (skipped) and the seeded 陈静 by email (updated). The birthday
 * 03/04/1990 reads both day-first and month-first, so a date format must be chosen before
 * importing (and the dry run rejects that row until one is).
 */
const CONTACTS_CSV = [
  '姓名;邮箱;手机;公司;城市;生日;微信',
  '赵磊;zhao.lei@example.cn;13800138000;杭州茶叶有限公司;杭州;03/04/1990;zl_88',
  '刘洋;liu.yang-at-example.cn;13900139000;;上海;;',
  '周敏;zhou.min@example.cn;;明湖设计;深圳;;zm2020',
  '赵磊;ZHAO.LEI@example.cn;;;杭州;;zl_new',
  ';;;;;;',
  '陈静;chen.jing@example.cn;;;成都;;',
].join('\n');

const COMPANIES_SHEET = [
  'Company;Industry;Website;Employees;City',
  '明湖设计;Design;www.minghu.example.cn;12;深圳',
  'Northwind Traders;Retail;www.northwind.example.com;140;Seattle',
  '远山物流;Logistics;www.yuanshan.example.cn;many;宁波',
].join('\n');

const NOTES_SHEET = ['Note;Date', 'Call back in spring;2025-03-01'].join('\n');

export const MOCK_FILES: ReadonlyMap<string, MockFile> = new Map([
  [
    MOCK_CONTACTS_PATH,
    { format: 'csv', encoding: 'GBK', delimiter: ';', sheets: [['', CONTACTS_CSV]] },
  ],
  [
    MOCK_WORKBOOK_PATH,
    {
      format: 'xlsx',
      encoding: null,
      delimiter: null,
      sheets: [
        ['Companies', COMPANIES_SHEET],
        ['Notes', NOTES_SHEET],
      ],
    },
  ],
]);

/** Splits delimited text into rows of cells (no quoting: the canned files need none). */
export function splitRows(text: string, delimiter: string): string[][] {
  return text.split('\n').map((line) => line.split(delimiter));
}

/** Kinds with import rules of their own (`mapping::importable`). */
const IMPORTABLE: readonly Kind[] = [
  'contact',
  'company',
  'deal',
  'order',
  'activity',
  'ticket',
  'feedback',
];

/** The targets a column of `kind` can map to, in the engine's order (`mapping::targets`). */
export function mockTargets(schema: KindSchema): TargetDef[] {
  const importable = IMPORTABLE.includes(schema.kind);
  const out: TargetDef[] = [{ key: 'id', label: 'Kith id', ty: 'ref', required: false }];
  for (const field of schema.fields) {
    if (schema.kind === 'contact' && field.name === 'first_name') {
      out.push({ key: 'full_name', label: 'Full name', ty: 'text', required: false });
    }
    const link =
      importable && field.name === 'company_id'
        ? 'company'
        : importable && field.name === 'contact_id'
          ? 'contact'
          : null;
    out.push(
      link
        ? { key: link, label: field.label, ty: 'text', required: false }
        : { key: field.name, label: field.label, ty: field.ty, required: field.required },
    );
  }
  out.push({ key: 'tags', label: 'Tags', ty: 'text', required: false });
  out.push({ key: 'ignore', label: "Ignore (don't import)", ty: 'text', required: false });
  return out;
}

/** Header words and the targets they mean, preferred first (a few of `synonyms.rs`). */
const SYNONYMS: ReadonlyArray<[readonly string[], readonly string[]]> = [
  [
    ['full_name', 'name'],
    ['name', 'full name', '姓名', '名称'],
  ],
  [
    ['email', 'contact'],
    ['email', 'e-mail', 'mail', '邮箱', '电子邮件'],
  ],
  [['phone'], ['phone', 'mobile', 'tel', '手机', '电话']],
  [
    ['company', 'name'],
    ['company', 'organization', '公司', '单位'],
  ],
  [['city'], ['city', 'town', '城市']],
  [['birthday'], ['birthday', 'date of birth', '生日']],
  [['website'], ['website', 'web', 'url', '网站']],
  [['employees'], ['employees', 'staff', '员工数']],
  [['notes'], ['notes', 'note', 'remarks', '备注']],
];

/** Folds a header for matching: case and everything but letters and digits ignored. */
function foldHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** The custom field a column fills when nothing else fits: its header (`Column N` if blank). */
export function customName(header: string, column: number): string {
  const clean = header.replace(/\s+/g, ' ').trim();
  return clean === '' ? `Column ${column + 1}` : Array.from(clean).slice(0, 100).join('');
}

/** Every column gets a target, none shared: exact key or label, then a synonym, else custom. */
export function mockAutoMap(targets: TargetDef[], headers: string[]): ColumnMap[] {
  const taken = new Set<string>();
  const usable = (key: string) =>
    key !== 'ignore' && !taken.has(key) && targets.some((target) => target.key === key);
  return headers.map((header, column) => {
    const folded = foldHeader(header);
    const exact = targets.find(
      (target) =>
        usable(target.key) &&
        (foldHeader(target.key) === folded || foldHeader(target.label) === folded),
    );
    if (exact) {
      taken.add(exact.key);
      return { column, header, target: exact.key, source: 'exact' };
    }
    for (const [keys, words] of SYNONYMS) {
      if (!words.some((word) => foldHeader(word) === folded)) continue;
      const key = keys.find(usable);
      if (key) {
        taken.add(key);
        return { column, header, target: key, source: 'synonym' };
      }
    }
    return { column, header, target: `custom.${customName(header, column)}`, source: 'unmapped' };
  });
}

const NUMERIC_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const ISO_DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;

/** What a date column's values say about the order of day and month (`clean::profile_dates`). */
export function profileDates(values: string[]): DateProfile {
  const dmy: string[] = [];
  const mdy: string[] = [];
  const unclear: string[] = [];
  let iso = false;
  for (const raw of values) {
    const text = raw.trim();
    if (ISO_DATE.test(text)) {
      iso = true;
      continue;
    }
    const match = NUMERIC_DATE.exec(text);
    if (!match) continue;
    const [a, b] = [Number(match[1]), Number(match[2])];
    if (a > 12 && b <= 12) dmy.push(text);
    else if (b > 12 && a <= 12) mdy.push(text);
    else if (a !== b && a <= 12 && b <= 12) unclear.push(text);
  }
  if (dmy.length > 0 && mdy.length > 0) {
    return { order: null, ambiguous: true, examples: [dmy[0] ?? '', mdy[0] ?? ''] };
  }
  if (dmy.length > 0) return { order: 'dmy', ambiguous: false, examples: [] };
  if (mdy.length > 0) return { order: 'mdy', ambiguous: false, examples: [] };
  if (unclear.length > 0) return { order: null, ambiguous: true, examples: unclear.slice(0, 3) };
  return { order: iso ? 'ymd' : null, ambiguous: false, examples: [] };
}

/** A date cell as `YYYY-MM-DD` when its order is known; otherwise as it is, or a reason. */
export function cleanDate(
  raw: string,
  order: DateOrder | null,
): { text: string } | { reason: string } {
  const text = raw.trim();
  const match = NUMERIC_DATE.exec(text);
  if (!match) return { text };
  const [a, b, year] = [Number(match[1]), Number(match[2]), match[3] ?? ''];
  const dayFirst = a > 12 || (b <= 12 && order === 'dmy');
  const monthFirst = b > 12 || (a <= 12 && order === 'mdy');
  if (a !== b && !dayFirst && !monthFirst) {
    return {
      reason: `'${text}' can be read day-first or month-first; choose a date format (DMY or MDY)`,
    };
  }
  const [day, month] = dayFirst ? [a, b] : [b, a];
  return { text: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

/** A phone cell: national numbers get the default country's prefix (a few countries). */
export function cleanPhone(raw: string, country: string | null): string {
  const text = raw.trim();
  const prefix: Record<string, string> = { CN: '+86', US: '+1', GB: '+44', DE: '+49', FR: '+33' };
  const code = country ? prefix[country.trim().toUpperCase()] : undefined;
  if (text.startsWith('+') || !code) return text;
  return `${code} ${text.replace(/^0/, '')}`;
}

/** One CSV line, quoting cells that need it. */
export function csvLine(cells: string[]): string {
  return cells
    .map((cell) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell))
    .join(',');
}
