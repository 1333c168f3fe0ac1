//! The contacts list's analytics figures: the columns that show what the last runs stored for
//! each contact (`Page.figures`), how a cell reads, and the figure filters as the engine takes
//! them (`lead_score=>=70`) and as chips say them ("Lead score ≥ 70"). Every number is the
//! engine's; nothing here computes one. Names and tooltips are the window's language; a
//! segment's stored name is shown in it too (the filter keeps the engine's name).
import type { RowFigures } from '../ipc/api';
import { segmentLabel } from './analytics';
import { formatMoney, formatNumber } from './format';
import { t, type MessageKey } from './i18n/index.svelte';

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

/** A figure column whose name and tooltip are read in the window's language when shown. */
function column(
  key: keyof RowFigures,
  words: { label: MessageKey; title: MessageKey },
  layout: Omit<FigureColumn, 'key' | 'label' | 'title'>,
): FigureColumn {
  return {
    key,
    get label() {
      return t(words.label);
    },
    get title() {
      return t(words.title);
    },
    ...layout,
  };
}

export const FIGURE_COLUMNS: readonly FigureColumn[] = [
  column(
    'rfm_segment',
    { label: 'analytics.figure.segment', title: 'analytics.figure.segmentTitle' },
    { width: 'minmax(104px, 0.8fr)', minPx: 104, align: 'start', firstDesc: false },
  ),
  column(
    'rfm',
    { label: 'analytics.figure.rfm', title: 'analytics.figure.rfmTitle' },
    { width: '46px', minPx: 46, align: 'end', firstDesc: true },
  ),
  column(
    'cluster',
    { label: 'analytics.figure.cluster', title: 'analytics.figure.clusterTitle' },
    { width: 'minmax(100px, 1.2fr)', minPx: 100, align: 'start', firstDesc: false },
  ),
  column(
    'clv_365',
    { label: 'analytics.figure.value', title: 'analytics.figure.valueTitle' },
    { width: '96px', minPx: 96, align: 'end', firstDesc: true },
  ),
  column(
    'lead_score',
    { label: 'analytics.figure.leadScore', title: 'analytics.figure.leadScoreTitle' },
    { width: '80px', minPx: 80, align: 'end', firstDesc: true },
  ),
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
  if (key === 'rfm_segment') return segmentLabel(value);
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
const FILTER_NAMES: Record<string, MessageKey> = {
  rfm_segment: 'analytics.figure.segment',
  cluster: 'analytics.figure.cluster',
  rfm: 'analytics.figure.rfm',
  clv_365: 'analytics.figure.value',
  lead_score: 'analytics.figure.leadScore',
  review: 'analytics.figure.review',
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
  const key = (FILTER_NAMES as Record<string, MessageKey | undefined>)[name];
  const label = key ? t(key) : name;
  if (name === 'review')
    return /^(no|false|0|n)$/i.test(value.trim()) ? t('analytics.figure.nothingToReview') : label;
  if (name === 'rfm_segment')
    return t('analytics.figure.is', { label, value: segmentLabel(value) });
  if (name === 'cluster' || !key) return t('analytics.figure.is', { label, value });
  const text = value.trim();
  const [op, symbol] = OPERATORS.find(([candidate]) => text.startsWith(candidate)) ?? ['', '='];
  const rest = text.slice(op.length).trim();
  const number = Number(rest);
  if (rest === '' || !Number.isFinite(number)) return t('analytics.figure.is', { label, value });
  const shown =
    name === 'clv_365' ? formatMoney(number, currency, locale) : formatNumber(number, locale);
  return `${label} ${symbol} ${shown}`;
}
