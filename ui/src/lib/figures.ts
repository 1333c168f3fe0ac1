//! The contacts list's analytics figures: the columns that show what the last runs stored for
//! each contact (`Page.figures`), how a cell reads, and the figure filters as the engine takes
//! them (`lead_score=>=70`) and as chips say them ("Lead score ≥ 70"). Every number is the
//! engine's; nothing here computes one.
import type { RowFigures } from '../ipc/api';
import { formatMoney, formatNumber } from './format';

/** What an empty figure cell shows. */
export const NO_FIGURE = '–';

/** A figure column of the contacts list. */
export type FigureColumn = {
  key: keyof RowFigures;
  label: string;
  /** What the figure is, for the header's tooltip. */
  title: string;
  /** Its CSS grid track and the least pixels it takes. */
  width: string;
  minPx: number;
  align: 'start' | 'end';
  /** Numbers sort highest first on the first click; names A–Z. */
  firstDesc: boolean;
};

export const FIGURE_COLUMNS: readonly FigureColumn[] = [
  {
    key: 'rfm_segment',
    label: 'Segment',
    title: 'R×F segment: where recency and frequency of orders place the customer',
    width: 'minmax(104px, 0.8fr)',
    minPx: 104,
    align: 'start',
    firstDesc: false,
  },
  {
    key: 'rfm',
    label: 'RFM',
    title: 'Recency, frequency and monetary scores, 1–5 each (5 is best)',
    width: '46px',
    minPx: 46,
    align: 'end',
    firstDesc: true,
  },
  {
    key: 'cluster',
    label: 'Cluster',
    title: 'k-means cluster: customers who buy alike',
    width: 'minmax(100px, 1.2fr)',
    minPx: 100,
    align: 'start',
    firstDesc: false,
  },
  {
    key: 'clv_365',
    label: 'Value (1 y)',
    title: 'Expected value of the customer’s purchases over the next 365 days',
    width: '96px',
    minPx: 96,
    align: 'end',
    firstDesc: true,
  },
  {
    key: 'lead_score',
    label: 'Lead score',
    title: 'Lead score 0–100: the best of the contact’s open deals',
    width: '80px',
    minPx: 80,
    align: 'end',
    firstDesc: true,
  },
];

/** One figure of a row as text; an en dash where the analyses did not reach the contact. */
export function figureText(
  key: keyof RowFigures,
  figures: RowFigures | null | undefined,
  currency: string | null,
  locale?: string,
): string {
  const value = figures?.[key] ?? null;
  if (value === null) return NO_FIGURE;
  if (key === 'clv_365' && typeof value === 'number') return formatMoney(value, currency, locale);
  if (typeof value === 'number') return formatNumber(value, locale);
  return value;
}

/** The filter "at least `input`" as the engine takes it (`>=70`); null for no filter. */
export function atLeast(input: string): string | null {
  const text = input.trim();
  if (text === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? `>=${text}` : null;
}

/** The number of an "at least" filter (`>=70` → "70"), for its input; "" for any other. */
export function atLeastInput(filter: string | undefined): string {
  const match = /^>=\s*(.+)$/.exec(filter?.trim() ?? '');
  return match?.[1]?.trim() ?? '';
}

/** The names of the filters by stored figures (and the review filter). */
const FILTER_NAMES: Record<string, string> = {
  rfm_segment: 'Segment',
  cluster: 'Cluster',
  rfm: 'RFM',
  clv_365: 'Value (1 y)',
  lead_score: 'Lead score',
  review: 'Needs review',
};

const OPERATORS: ReadonlyArray<[string, string]> = [
  ['<=', '≤'],
  ['>=', '≥'],
  ['<', '<'],
  ['>', '>'],
  ['=', '='],
];

/**
 * A chip's words for a figure filter: "Segment: Champions", "Lead score ≥ 70",
 * "Value (1 y) ≥ CN¥1,000.00" (in the values' currency when known); "Needs review" for the
 * records with values an import kept for review.
 */
export function figureFilterLabel(
  name: string,
  value: string,
  currency: string | null = null,
  locale?: string,
): string {
  const label = (FILTER_NAMES as Record<string, string | undefined>)[name] ?? name;
  if (name === 'review')
    return /^(no|false|0|n)$/i.test(value.trim()) ? 'Nothing to review' : label;
  if (name === 'rfm_segment' || name === 'cluster' || !(name in FILTER_NAMES)) {
    return `${label}: ${value}`;
  }
  const text = value.trim();
  const [op, symbol] = OPERATORS.find(([candidate]) => text.startsWith(candidate)) ?? ['', '='];
  const rest = text.slice(op.length).trim();
  const number = Number(rest);
  if (rest === '' || !Number.isFinite(number)) return `${label}: ${value}`;
  const shown =
    name === 'clv_365' ? formatMoney(number, currency, locale) : formatNumber(number, locale);
  return `${label} ${symbol} ${shown}`;
}
