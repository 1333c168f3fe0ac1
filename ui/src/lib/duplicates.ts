//! Side-by-side comparison of records that look like duplicates: one row per field with each
//! record's display value and whether the values differ. Display only; the merge itself is
//! the engine's (`merge`).
import type { EntityRecord, KindSchema } from '../ipc/api';
import { displayValue } from './format';

/**
 * - `same`: every record has this value.
 * - `fills`: one value, and some records lack it (a merge fills it in).
 * - `differs`: two or more different values (the winner's is kept, the others go to history).
 * - `empty`: no record has a value.
 */
export type CompareState = 'same' | 'fills' | 'differs' | 'empty';

export type CompareRow = { key: string; label: string; values: string[]; state: CompareState };

export function compareState(values: readonly string[]): CompareState {
  const present = values.filter((value) => value !== '');
  const distinct = new Set(present);
  if (distinct.size === 0) return 'empty';
  if (distinct.size > 1) return 'differs';
  return present.length === values.length ? 'same' : 'fills';
}

/** Every field, the tags and each custom field, record by record. */
export function compareRecords(
  schema: KindSchema,
  records: readonly EntityRecord[],
  locale?: string,
): CompareRow[] {
  const row = (key: string, label: string, values: string[]): CompareRow => ({
    key,
    label,
    values,
    state: compareState(values),
  });
  const rows = schema.fields.map((field) =>
    row(
      field.name,
      field.label,
      records.map((record) => displayValue(field, record, locale)),
    ),
  );
  rows.push(
    row(
      'tags',
      'Tags',
      records.map((record) => record.tags.join(', ')),
    ),
  );
  const customNames = [...new Set(records.flatMap((record) => Object.keys(record.custom)))].sort(
    (a, b) => a.localeCompare(b),
  );
  for (const name of customNames) {
    rows.push(
      row(
        `custom.${name}`,
        name,
        records.map((record) => record.custom[name] ?? ''),
      ),
    );
  }
  return rows;
}

/** The engine's reason as a sentence start: "same email a@b.cn" → "Same email a@b.cn". */
export function reasonText(reason: string): string {
  const [first = '', ...rest] = Array.from(reason);
  return first.toUpperCase() + rest.join('');
}
