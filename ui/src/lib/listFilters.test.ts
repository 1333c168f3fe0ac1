import { describe, expect, it } from 'vitest';
import type { FieldSchema } from '../ipc/api';
import { recordedAnswer } from '../ipc/mock/fixtures';
import type { KindSchema } from '../ipc/api';
import { choicesValue, describeValue, filterShape, rangeValue } from './listFilters';

// The filter dialog's values are what the engine's list filters take (store/filters.rs).
const schemas = recordedAnswer<KindSchema[]>('schema', {}, 'demo');
const field = (kind: string, name: string): FieldSchema => {
  const found = schemas.find((s) => s.kind === kind)?.fields.find((f) => f.name === name);
  if (!found) throw new Error(`no ${kind}.${name} in the recorded schema`);
  return found;
};

describe('list filters', () => {
  it('shapes each field by its type, as the engine filters it', () => {
    expect(filterShape(field('deal', 'stage'))).toBe('choices');
    expect(filterShape(field('deal', 'value'))).toBe('range');
    expect(filterShape(field('deal', 'expected_close'))).toBe('range');
    expect(filterShape(field('contact', 'email'))).toBe('value');
    // A birthday may have no year: no range of it.
    expect(filterShape(field('contact', 'birthday'))).toBeNull();
    expect(filterShape(field('deal', 'contact_id'))).toBeNull();
  });

  it('writes several choices, ranges with an open end, and one day', () => {
    expect(choicesValue(['lead', 'qualified'])).toBe('lead|qualified');
    expect(choicesValue([])).toBe('');
    expect(rangeValue('1000', '')).toBe('1000..');
    expect(rangeValue('', '2026-12-31')).toBe('..2026-12-31');
    expect(rangeValue('2026-01-01', '2026-03-31')).toBe('2026-01-01..2026-03-31');
    expect(rangeValue('2026-01-01', '2026-01-01')).toBe('2026-01-01');
    expect(rangeValue(' ', '')).toBe('');
  });

  it('reads a filter back for its chip', () => {
    expect(describeValue('lead|qualified', 'or')).toBe('lead or qualified');
    expect(describeValue('1000..', 'or')).toBe('≥ 1000');
    expect(describeValue('..500', '或')).toBe('≤ 500');
    expect(describeValue('100..500', 'or')).toBe('100 – 500');
    expect(describeValue('VIP', 'or')).toBe('VIP');
  });
});
