//! A list's filters as the filter dialog builds them: which fields can be filtered and how
//! (one of several choices, a range of dates or figures, yes or no, a value), and the value the
//! engine's `ListQuery.filters` takes for each (`stage=lead|qualified`, `value=1000..`,
//! `tag=VIP`). The engine reads and checks them (store/filters.rs).
import type { FieldSchema } from '../ipc/api';

/** How a field is filtered in the dialog. */
export type FilterShape = 'choices' | 'range' | 'yesno' | 'value';

/** The shape of a field's filter, or null when it is not filtered from the dialog. */
export function filterShape(field: FieldSchema): FilterShape | null {
  switch (field.ty) {
    case 'choice':
      return 'choices';
    case 'date':
    case 'datetime':
    case 'time':
    case 'integer':
    case 'money':
    case 'decimal':
      return field.year_optional ? null : 'range';
    case 'bool':
      return 'yesno';
    case 'text':
    case 'email':
    case 'phone':
    case 'url':
      return 'value';
    default:
      return null;
  }
}

/** The filter value of the chosen choices (`lead|qualified`), or '' for none. */
export function choicesValue(chosen: readonly string[]): string {
  return chosen.join('|');
}

/**
 * The filter value of a range with either end open (`1000..`, `..2026-12-31`), or ''. A number
 * input gives its value as a number (or null when empty).
 */
export function rangeValue(
  from: string | number | null | undefined,
  to: string | number | null | undefined,
): string {
  const [a, b] = [String(from ?? '').trim(), String(to ?? '').trim()];
  if (a === '' && b === '') return '';
  if (a !== '' && a === b) return a;
  return `${a}..${b}`;
}

/** A filter value shown on its chip: `lead|qualified` as "lead or qualified", ranges with ≥ ≤. */
export function describeValue(value: string, or: string): string {
  const range = /^(.*)\.\.(.*)$/.exec(value);
  if (range) {
    const [, from = '', to = ''] = range;
    if (from && to) return `${from} – ${to}`;
    return from ? `≥ ${from}` : `≤ ${to}`;
  }
  return value.split('|').join(` ${or} `);
}
