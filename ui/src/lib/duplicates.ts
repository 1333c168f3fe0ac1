//! Side-by-side comparison of records that look like duplicates: one row per field with each
//! record's display value and whether the values differ. Display only; the merge itself is
//! the engine's (`merge`).
import type { EntityRecord, KindSchema, MatchBy } from '../ipc/api';
import { displayValue } from './format';
import { t, type MessageKey } from './i18n/index.svelte';

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
      t('tags.label'),
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

/** How the engine words what a group shares (src/store/merge.rs), by the key it matched. */
const SHARED: Partial<Record<MatchBy, { prefix: string; key: MessageKey }>> = {
  email: { prefix: 'same email ', key: 'dupes.same.email' },
  phone: { prefix: 'same phone ', key: 'dupes.same.phone' },
  name: { prefix: 'same name ', key: 'dupes.same.name' },
  domain: { prefix: 'same web domain ', key: 'dupes.same.domain' },
};

/**
 * What a group shares as a sentence start, in the window's language: "same email a@b.cn" →
 * "Same email a@b.cn" (邮箱相同：a@b.cn). A reason worded otherwise is shown as the engine
 * wrote it, capitalised.
 */
export function reasonText(reason: string, by?: MatchBy): string {
  const shared = by ? SHARED[by] : undefined;
  if (shared && reason.startsWith(shared.prefix)) {
    return t(shared.key, { value: reason.slice(shared.prefix.length) });
  }
  const [first = '', ...rest] = Array.from(reason);
  return first.toUpperCase() + rest.join('');
}
