import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  analyticsReport,
  dealScore,
  defaultImportOptions,
  defaultQuery,
  exportRecords,
  findDuplicates,
  getRecord,
  importPreview,
  importRun,
  importSaveRows,
  importUndo,
  KithError,
  listRecords,
  MERGE_MOVES,
  mergeRecords,
  onAnalyticsProgress,
  onImportProgress,
  pickSaveFile,
  refreshAnalytics,
  saveMapping,
  search,
  toErrorDto,
  type KindSchema,
  type Progress,
  type RefreshProgress,
} from './api';
import { emit } from '@tauri-apps/api/event';
import { mockIPC } from '@tauri-apps/api/mocks';
import generated from './bindings/schema.json';
import { recordedAnswer, recordedCalls } from './mock/fixtures';
import { installReplayBackend, ReplayBackend, uninstallMockBackend } from './mock/install';

let backend: ReplayBackend;

/** Answers from the engine's recordings of the demo workspace. */
function replay(): ReplayBackend {
  uninstallMockBackend();
  backend = installReplayBackend(new ReplayBackend());
  return backend;
}

/**
 * A transport that only notes what crosses it (the names and arguments are the contract
 * tested here, not the answers), answering each command with `answers[command]`; an
 * `import_run` sends the `progress` events first.
 */
function spy(answers: Record<string, unknown> = {}, progress: Progress[] = []): Args[] {
  const calls: Args[] = [];
  mockIPC(
    async (command, payload) => {
      calls.push({ command, args: { ...(payload as Record<string, unknown>) } });
      if (command === 'import_run')
        for (const event of progress) await emit('import-progress', event);
      return answers[command] ?? null;
    },
    { shouldMockEvents: true },
  );
  return calls;
}
type Args = { command: string; args: Record<string, unknown> };

beforeEach(() => {
  replay();
});

afterEach(() => uninstallMockBackend());

describe('api', () => {
  it('invokes the contract’s command names with camelCase argument keys', async () => {
    uninstallMockBackend();
    const calls = spy({ record_list: { rows: [], total: 0 }, search: [] });
    await listRecords('contact', defaultQuery(50));
    await search('李', 10, ['contact']);
    expect(calls).toEqual([
      { command: 'record_list', args: { kind: 'contact', query: defaultQuery(50) } },
      { command: 'search', args: { query: '李', limit: 10, kinds: ['contact'] } },
    ]);
  });

  it('sends the import, export and merge commands with the names Tauri passes on', async () => {
    uninstallMockBackend();
    const path = '/home/you/Downloads/contacts.csv';
    const calls = spy({
      import_preview: { mapping: [] },
      import_run: { batch: 'b1' },
      merge: { winner: { kind: 'contact' } },
    });
    const options = defaultImportOptions();
    const preview = await importPreview(path, 'contact', options);
    await saveMapping('contact', '客户名单', preview.mapping);
    const report = await importRun(path, 'contact', { ...options, date_order: 'dmy' });
    const batch = report.batch ?? '';
    await importSaveRows(batch, '/tmp/rows.csv');
    await importUndo(batch, 'contact').catch(() => {});
    await pickSaveFile('contacts.csv', 'csv');
    const query = defaultQuery(50);
    await exportRecords('contact', '/tmp/contacts.csv', { format: 'csv', bom: false, query });
    await findDuplicates('company');
    await mergeRecords('contact', ['a', 'b']).catch(() => {});
    expect(calls.map((call) => [call.command, Object.keys(call.args)])).toEqual([
      ['import_preview', ['path', 'kind', 'options']],
      ['mapping_save', ['kind', 'name', 'mapping']],
      ['import_run', ['path', 'kind', 'options']],
      ['import_save_rows', ['batch', 'path']],
      ['import_undo', ['batch']],
      ['dialog_save', ['name', 'extension']],
      ['export', ['kind', 'path', 'options']],
      ['duplicates_find', ['kind']],
      ['merge', ['kind', 'ids']],
    ]);
  });

  it('knows which kinds a merge of contacts or companies moves (the engine’s references)', () => {
    const schemas = generated as KindSchema[];
    for (const merged of ['contact', 'company'] as const) {
      const pointing = schemas
        .filter((schema) => schema.fields.some((field) => field.ref_kind === merged))
        .map((schema) => schema.kind);
      expect([...(MERGE_MOVES[merged] ?? [])].sort()).toEqual(pointing.sort());
    }
  });

  it('delivers import progress events until unsubscribed', async () => {
    uninstallMockBackend();
    const sent = [1, 2, 3].map((rows) => ({
      rows,
      fraction: rows / 3,
      rows_per_sec: 100,
      eta_secs: null,
    }));
    spy({ import_run: { batch: null } }, sent);
    const seen: Progress[] = [];
    const stop = await onImportProgress((progress) => seen.push(progress));
    await importRun('/home/you/a.csv', 'contact', { ...defaultImportOptions(), dry_run: true });
    await vi.waitFor(() => expect(seen.at(-1)?.fraction).toBe(1));
    expect(seen.map((progress) => progress.rows)).toEqual([1, 2, 3]);
    stop();
    // Unlistening is a round trip to the shell: let it land.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await importRun('/home/you/a.csv', 'contact', { ...defaultImportOptions(), dry_run: true });
    expect(seen).toHaveLength(3);
  });

  it('refreshes the analytics with progress, then reads the stored reports as typed views', async () => {
    const seen: RefreshProgress[] = [];
    const stop = await onAnalyticsProgress((progress) => seen.push(progress));
    const summary = await refreshAnalytics();
    stop();
    expect(summary.took).toHaveLength(4);
    expect(seen.map((progress) => progress.label)).toContain('Lifetime value');
    const run = await analyticsReport('scores');
    // `report` arrives as JSON text; the wrapper hands back the parsed ScoreView.
    expect(run?.report.open_deals).toBe(summary.open_deals);
    const first = run?.report.deals[0];
    const id = first?.deal_id ?? '';
    expect((await dealScore(id))?.deal.score).toBe(first?.score);
    expect(backend.calls.map((call) => [call.command, call.args])).toEqual([
      ['analyze_all', { asOf: null }],
      ['analyze_report', { name: 'scores' }],
      ['analyze_deal_score', { dealId: id }],
    ]);
  });

  it('says so when a stored report cannot be read', async () => {
    backend.handle = () =>
      Promise.resolve({ name: 'rfm', computed_at: '', as_of: '', report: '{"as_of": ' });
    const error = await analyticsReport('rfm').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KithError);
    expect((error as KithError).message).toMatch(/^The stored rfm report cannot be read/);
  });

  it('rejects with a KithError carrying the engine’s ErrorReport', async () => {
    const recorded = () => recordedAnswer('record_get', { kind: 'contact', id: 'missing' });
    expect(recorded).toThrow('was recorded failing');
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

  it('keeps a refused file’s and a failed write’s codes, as the engine sent them', () => {
    const file = recordedCalls('import_preview', 'files').find((e) => e.error?.file)?.error;
    const io = recordedCalls('export', 'files').find((e) => e.error?.io)?.error;
    expect(file?.file?.problem.code).toBe('sheet_empty');
    expect(io?.io?.problem.code).toBe('not_found');
    // As the shell's reply arrives: plain JSON.
    expect(toErrorDto(JSON.parse(JSON.stringify(file)))).toEqual(file);
    expect(toErrorDto(JSON.parse(JSON.stringify(io)))).toEqual(io);
    expect(toErrorDto({ code: 'bad_file', message: 'm', issues: [], file: 'x' })).toEqual({
      code: 'bad_file',
      message: 'm',
      issues: [],
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
