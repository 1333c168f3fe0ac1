import { describe, expect, it } from 'vitest';
import type { EntityRecord, KindSchema } from '../ipc/api';
import { compareRecords, compareState } from './duplicates';

const SCHEMA: KindSchema = {
  kind: 'contact',
  label: 'Contact',
  plural: 'Contacts',
  fields: [
    { name: 'first_name', label: 'First name', ty: 'text' },
    { name: 'email', label: 'Email', ty: 'email' },
    { name: 'company_id', label: 'Company', ty: 'ref', ref_kind: 'company' },
    { name: 'city', label: 'City', ty: 'text' },
    { name: 'birthday', label: 'Birthday', ty: 'date' },
  ].map((field) => ({
    choices: [],
    required: false,
    in_list: true,
    ref_kind: null,
    year_optional: false,
    ...field,
  })) as KindSchema['fields'],
};

function record(id: string, values: EntityRecord['values'], extra: Partial<EntityRecord> = {}) {
  return {
    kind: 'contact',
    id,
    title: String(values.first_name ?? id),
    values,
    refs: {},
    tags: [],
    custom: {},
    created_at: '2025-01-01T00:00:00Z',
    updated_at: '2025-01-01T00:00:00.000Z-0000-d',
    deleted_at: null,
    ...extra,
  } satisfies EntityRecord;
}

describe('side-by-side comparison', () => {
  it('marks values that differ, values one record fills in, and fields nobody has', () => {
    const rows = compareRecords(
      SCHEMA,
      [
        record(
          'a',
          {
            first_name: '芳',
            email: 'wang.fang@x.cn',
            company_id: 'c1',
            city: '上海',
            birthday: null,
          },
          { refs: { company_id: '星辰科技' }, tags: ['vip'], custom: { 微信: 'wf' } },
        ),
        record(
          'b',
          {
            first_name: '芳',
            email: 'WF@x.cn',
            company_id: null,
            city: '北京',
            birthday: '1990-04-03',
          },
          { tags: ['vip'], custom: { 微信: 'wf', Shoe: '38' } },
        ),
      ],
      'en-US',
    );
    const byKey = Object.fromEntries(rows.map((row) => [row.key, row]));
    expect(byKey.first_name).toMatchObject({ values: ['芳', '芳'], state: 'same' });
    expect(byKey.email).toMatchObject({ state: 'differs' });
    // A ref shows the linked record's title, not its id.
    expect(byKey.company_id).toMatchObject({ values: ['星辰科技', ''], state: 'fills' });
    expect(byKey.city?.state).toBe('differs');
    expect(byKey.birthday).toMatchObject({ values: ['', 'Apr 3, 1990'], state: 'fills' });
    expect(byKey.tags).toMatchObject({ values: ['vip', 'vip'], state: 'same' });
    // Custom fields of either record get a row of their own, in name order.
    expect(rows.slice(-2).map((row) => [row.key, row.values, row.state])).toEqual([
      ['custom.Shoe', ['', '38'], 'fills'],
      ['custom.微信', ['wf', 'wf'], 'same'],
    ]);
  });

  it('classifies value sets', () => {
    expect(compareState(['', ''])).toBe('empty');
    expect(compareState(['a', 'a', 'a'])).toBe('same');
    expect(compareState(['a', '', 'a'])).toBe('fills');
    expect(compareState(['a', 'b', ''])).toBe('differs');
  });
});
