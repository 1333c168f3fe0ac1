//! Display formatting only: dates, money and field values as text. Nothing here computes
//! a business result; values are shown as the engine returned them. Everything is written in
//! the window's language (`i18n.locale`): in Chinese, ¥ for yuan, 2026年11月1日, and headline
//! figures in 万 and 亿 (`formatFigure`, `formatMoney(…, whole)`).
import type { EntityRecord, FieldSchema, Value } from '../ipc/api';
import { i18n, t } from './i18n/index.svelte';
import { choiceLabel } from './i18n/schema';

/** Locale for formatting: the window's language, unless a caller (a test) pins one. */
function localeOr(locale: string | undefined): string | undefined {
  const wanted = locale ?? i18n.locale;
  // A POSIX locale such as "C" (LANG=C, common on servers and CI) is no BCP 47 tag, and Intl
  // throws a RangeError for it (and the runtime's own default then does not group digits):
  // fall back to English.
  return wanted && isLocale(wanted) ? wanted : 'en-US';
}

function isLocale(tag: string): boolean {
  try {
    return Intl.NumberFormat.supportedLocalesOf([tag]).length > 0;
  } catch {
    return false;
  }
}

/** −0 (an empty float sum) reads as 0, never "-0". */
function unsignedZero(value: number): number {
  return value === 0 ? 0 : value;
}

export function formatNumber(value: number, locale?: string, maxFraction = 6): string {
  return new Intl.NumberFormat(localeOr(locale), { maximumFractionDigits: maxFraction }).format(
    unsignedZero(value),
  );
}

/** A number with exactly `digits` decimals, so a column lines up: 1.6 → "1.60". */
export function formatDecimal(value: number, digits: number, locale?: string): string {
  return new Intl.NumberFormat(localeOr(locale), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(unsignedZero(value));
}

/** A number to `digits` significant digits: 28.332 → "28.3", 0.21382 → "0.214". */
export function formatSignificant(value: number, digits: number, locale?: string): string {
  return new Intl.NumberFormat(localeOr(locale), { maximumSignificantDigits: digits }).format(
    value,
  );
}

/** Whether figures in `locale` are counted in 万 and 亿 (Chinese) rather than in thousands. */
function countsInWan(locale: string): boolean {
  return locale.toLowerCase().startsWith('zh');
}

/** Where a Chinese headline figure switches to 万: 10,000 and above. */
const WAN = 10_000;

/**
 * A headline figure (a KPI, a total): in Chinese, 10,000 and more in 万 or 亿 to one decimal
 * ("12.5万", "3.2亿"); otherwise the full number, grouped ("125,000").
 */
export function formatFigure(value: number, locale?: string): string {
  const tag = localeOr(locale) ?? 'en-US';
  if (countsInWan(tag) && Math.abs(value) >= WAN) {
    return new Intl.NumberFormat(tag, { notation: 'compact', maximumFractionDigits: 1 }).format(
      value,
    );
  }
  return formatNumber(value, locale, 0);
}

/**
 * An amount in major units with its ISO 4217 currency, e.g. 1234.5 CNY → "CN¥1,234.50" (in
 * Chinese "¥1,234.50"); `whole` rounds to whole units for headline figures ("CN¥1,235"), and in
 * Chinese counts 10,000 and more in 万 and 亿 ("¥12.5万").
 */
export function formatMoney(
  amount: number,
  currency: string | null | undefined,
  locale?: string,
  whole = false,
): string {
  const code = currency?.trim().toUpperCase() ?? '';
  const digits = whole
    ? { minimumFractionDigits: 0, maximumFractionDigits: 0 }
    : { minimumFractionDigits: 2, maximumFractionDigits: 2 };
  const wan = whole && countsInWan(localeOr(locale) ?? '') && Math.abs(amount) >= WAN;
  if (/^[A-Z]{3}$/.test(code)) {
    try {
      return new Intl.NumberFormat(localeOr(locale), {
        style: 'currency',
        currency: code,
        ...(wan ? { notation: 'compact', maximumFractionDigits: 1 } : whole ? digits : {}),
      }).format(unsignedZero(amount));
    } catch {
      // An unknown currency code: fall through to the plain form below.
    }
  }
  const plain = new Intl.NumberFormat(localeOr(locale), digits).format(unsignedZero(amount));
  return code ? `${plain} ${code}` : plain;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A date without its year, as the engine keeps a birthday given as a month and day. */
const MONTH_DAY_RE = /^--(\d{2})-(\d{2})$/;

/** Whether a date value is a month and day alone (`--03-05`). */
export function isMonthDay(value: string): boolean {
  return MONTH_DAY_RE.test(value);
}

/**
 * A calendar date "YYYY-MM-DD" as a readable date, without shifting it by time zone; a month
 * and day alone ("--03-05") as the locale writes them: "Mar 5", "5 Mar", "3月5日".
 */
export function formatDate(value: string, locale?: string): string {
  const monthDay = MONTH_DAY_RE.exec(value);
  if (monthDay) {
    const [, m, d] = monthDay;
    // A leap year, so 29 February stays itself.
    const date = new Date(Date.UTC(2000, Number(m) - 1, Number(d)));
    if (date.getUTCMonth() !== Number(m) - 1) return value;
    return new Intl.DateTimeFormat(localeOr(locale), {
      month: 'short',
      day: 'numeric',
      timeZone: 'UTC',
    }).format(date);
  }
  const match = DATE_RE.exec(value);
  if (!match) return value;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(localeOr(locale), { dateStyle: 'medium', timeZone: 'UTC' }).format(
    date,
  );
}

/** An RFC 3339 instant in the viewer's time zone (or `timeZone`, for tests). */
export function formatDateTime(value: string, locale?: string, timeZone?: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(localeOr(locale), {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}

/**
 * The wall time of a hybrid-logical-clock reading (`updated_at`), which the engine writes as
 * `2026-11-23T01:53:52.123Z-0000-<device>`: the part before the counter is an RFC 3339 time.
 */
export function formatClock(clock: string, locale?: string, timeZone?: string): string {
  return formatDateTime(clock.slice(0, 24), locale, timeZone);
}

/** "3 days ago", "in 2 hours": how far `value` is from `now`. */
export function formatRelative(value: string, now: Date, locale?: string): string {
  const then = new Date(DATE_RE.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(then.getTime())) return value;
  const seconds = (then.getTime() - now.getTime()) / 1000;
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['year', 31_536_000],
    ['month', 2_592_000],
    ['week', 604_800],
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  const format = new Intl.RelativeTimeFormat(localeOr(locale), { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, 'minute');
}

/** The currency that goes with a money field: the record's sibling `currency` value. */
export function currencyOf(record: EntityRecord): string | null {
  const currency = record.values.currency;
  return typeof currency === 'string' ? currency : null;
}

/** One field of a record as display text ("" when empty). Refs show the referenced title. */
export function displayValue(field: FieldSchema, record: EntityRecord, locale?: string): string {
  const value = record.values[field.name];
  if (value === null || value === undefined || value === '') return '';
  switch (field.ty) {
    case 'ref':
      return record.refs[field.name] ?? String(value);
    case 'money':
      return typeof value === 'number'
        ? formatMoney(value, currencyOf(record), locale)
        : String(value);
    case 'integer':
    case 'decimal':
      return typeof value === 'number' ? formatNumber(value, locale) : String(value);
    case 'date':
      return typeof value === 'string' ? formatDate(value, locale) : String(value);
    case 'datetime':
      return typeof value === 'string' ? formatDateTime(value, locale) : String(value);
    case 'bool':
      return value === true || value === 'true' ? t('common.yes') : t('common.no');
    case 'choice':
      return typeof value === 'string'
        ? choiceLabel(record.kind, field.name, value)
        : String(value);
    default:
      return String(value);
  }
}

/** The form's string for a stored value: what an edit form starts from. */
export function inputText(field: FieldSchema, value: Value | undefined): string {
  if (value === null || value === undefined) return '';
  if (field.ty === 'bool') return value === true || value === 'true' ? 'true' : 'false';
  if (field.ty === 'datetime' && typeof value === 'string') return toDateTimeLocal(value);
  return String(value);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** RFC 3339 → the local "YYYY-MM-DDTHH:mm" a `datetime-local` input shows. */
export function toDateTimeLocal(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** A `datetime-local` value (local time) → RFC 3339 UTC for the engine. */
export function fromDateTimeLocal(value: string): string {
  if (value === '') return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}
