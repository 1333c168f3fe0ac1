import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getRecord, KithError, listRecords, defaultQuery, search, toErrorDto } from './api';
import { installMockBackend, MockBackend, uninstallMockBackend } from './mock/install';

let backend: MockBackend;

beforeEach(() => {
  backend = installMockBackend(new MockBackend({ chosen: true }));
});

afterEach(() => uninstallMockBackend());

describe('api', () => {
  it('invokes the contract’s command names with camelCase argument keys', async () => {
    await listRecords('contact', defaultQuery(50));
    await search('李', 10, ['contact']);
    expect(backend.calls).toEqual([
      { command: 'list_records', args: { kind: 'contact', query: defaultQuery(50) } },
      { command: 'search', args: { query: '李', limit: 10, kinds: ['contact'] } },
    ]);
  });

  it('rejects with a KithError carrying the engine’s ErrorReport', async () => {
    const error = await getRecord('contact', 'missing').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KithError);
    expect((error as KithError).code).toBe('not_found');
  });
});

describe('toErrorDto', () => {
  it('keeps an ErrorReport and its issues', () => {
    const dto = toErrorDto({
      code: 'validation',
      message: 'bad',
      issues: [{ field: 'email', reason: 'not an email' }, { nonsense: true }],
    });
    expect(dto).toEqual({
      code: 'validation',
      message: 'bad',
      issues: [{ field: 'email', reason: 'not an email' }],
    });
  });

  it('wraps Tauri’s plain-string rejections as internal errors', () => {
    expect(toErrorDto('command list_recordz not found')).toEqual({
      code: 'internal',
      message: 'command list_recordz not found',
      issues: [],
    });
    expect(toErrorDto({ code: 'weird', message: 'x' }).code).toBe('internal');
  });
});
