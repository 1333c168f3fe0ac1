import { describe, expect, it } from 'vitest';
import { defaultQuery, type Kpis, type Page, type WorkspaceInfo } from '../api';
import { COMMANDS } from '../bindings/Command';
import {
  canonical,
  RECORDED_COMMANDS,
  recorded,
  recordedAnswer,
  UnrecordedCall,
  type Workspace,
} from './fixtures';
import { ReplayBackend } from './replay';
import { takeUnrecorded } from './unrecorded';

describe('the recorded answers', () => {
  it('are keyed by their arguments whatever the order of their keys', () => {
    expect(canonical({ b: 1, a: { d: [1, { f: null, e: 'x' }], c: undefined } })).toBe(
      canonical({ a: { d: [1, { e: 'x', f: null }] }, b: 1 }),
    );
    // null is an argument (Tauri reads it as None); a missing one is not the same key.
    expect(canonical({ asOf: null })).not.toBe(canonical({}));
  });

  it('answer a call the recorder made with the engine’s answer', () => {
    const info = recordedAnswer<WorkspaceInfo>('workspace_info');
    expect(info.demo).toBe(true);
    const page = recordedAnswer<Page>('record_list', {
      kind: 'contact',
      query: defaultQuery(200),
    });
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.total).toBe(info.counts.contact);
  });

  it('fail loudly, naming the command and its arguments, on a call never recorded', () => {
    const ask = () => recorded('record_get', { kind: 'contact', id: 'no-such-id' });
    expect(ask).toThrow(UnrecordedCall);
    expect(ask).toThrow('record_get {"id":"no-such-id","kind":"contact"} in the demo workspace');
  });

  it('are kept per workspace', () => {
    const kpis = (workspace: Workspace) =>
      recordedAnswer<Kpis>('dashboard_kpis', { asOf: null }, workspace);
    expect(kpis('empty').customers).toBe(0);
    expect(kpis('demo').customers).toBeGreaterThan(0);
    expect(recordedAnswer('analyze_report', { name: 'rfm' }, 'unscored')).toBeNull();
    expect(recordedAnswer('analyze_report', { name: 'rfm' }, 'demo')).not.toBeNull();
  });

  it('are only for commands the shell has (a renamed command leaves no stale file)', () => {
    expect(RECORDED_COMMANDS.length).toBeGreaterThan(0);
    for (const command of RECORDED_COMMANDS) expect(COMMANDS).toContain(command);
  });

  it('are replayed as copies, so a screen cannot change them for the next test', async () => {
    const backend = new ReplayBackend();
    const first = (await backend.handle('workspace_info', {})) as WorkspaceInfo;
    first.demo = false;
    expect(((await backend.handle('workspace_info', {})) as WorkspaceInfo).demo).toBe(true);
    await expect(backend.handle('record_delete', { kind: 'contact', id: 'x' })).rejects.toThrow(
      'No recorded answer for record_delete',
    );
    // And the test setup would fail this test for it, had it not looked.
    expect(takeUnrecorded()).toEqual([expect.stringContaining('record_delete')]);
    expect(backend.calls.map((call) => call.command)).toEqual([
      'workspace_info',
      'workspace_info',
      'record_delete',
    ]);
  });
});
