import { describe, expect, it } from 'vitest';
import { splitIssues } from './fieldIssues';

describe('splitIssues', () => {
  it('puts issues of shown fields by their field, joined, and the rest aside', () => {
    const { byField, elsewhere } = splitIssues(
      [
        { field: 'email', reason: 'is not an email' },
        { field: 'email', reason: 'is taken' },
        { field: 'row', reason: 'is stale' },
        { field: 'name', reason: 'is required' },
      ],
      new Set(['email', 'name']),
    );
    expect(byField).toEqual({ email: 'is not an email; is taken', name: 'is required' });
    expect(elsewhere).toEqual(['row: is stale']);
  });
});
