import { afterEach, describe, expect, it } from 'vitest';
import type { FieldIssue } from '../ipc/api';
import { i18n } from './i18n/index.svelte';
import { splitIssues } from './fieldIssues';

describe('splitIssues', () => {
  it('puts issues of shown fields by their field, joined, and the rest aside', () => {
    const { byField, elsewhere } = splitIssues(
      [
        { field: 'email', reason: 'is not an email', code: null },
        { field: 'email', reason: 'is taken', code: null },
        { field: 'row', reason: 'is stale', code: null },
        { field: 'name', reason: 'is required', code: null },
      ],
      new Set(['email', 'name']),
    );
    expect(byField).toEqual({ email: 'is not an email; is taken', name: 'is required' });
    expect(elsewhere).toEqual(['row: is stale']);
  });
});

describe('splitIssues in Chinese', () => {
  afterEach(() => i18n.set('en'));

  it('says a coded refusal from the catalog, and an uncoded one as the engine sent it', () => {
    const issues: FieldIssue[] = [
      {
        field: 'email',
        reason: "'ann@' is not a valid email address",
        code: { code: 'not_email', value: 'ann@' },
      },
      { field: 'probability', reason: '140 is out of range', code: null },
    ];
    const shown = new Set(['email']);
    i18n.set('zh');
    expect(splitIssues(issues, shown)).toEqual({
      byField: { email: '“ann@”不是有效的邮箱地址' },
      elsewhere: ['probability: 140 is out of range'],
    });
    i18n.set('en');
    expect(splitIssues(issues, shown).byField.email).toBe("'ann@' is not a valid email address");
  });
});
