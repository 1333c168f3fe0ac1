import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { onAnalyticsProgress } from '../ipc/api';
import { installMockBackend, MockBackend, uninstallMockBackend } from '../ipc/mock/install';
import { AnalyticsRuns } from './analyticsRuns.svelte';
import { toasts } from './toast.svelte';

let backend: MockBackend;

beforeEach(() => {
  backend = installMockBackend(new MockBackend({ chosen: true }));
});

afterEach(() => uninstallMockBackend());

/** The analysis commands the UI sent, in order. */
function analyses(): string[] {
  const names = ['refresh_analytics', 'rfm_scores', 'customer_segments', 'customer_value'];
  return backend.calls.map((call) => call.command).filter((command) => names.includes(command));
}

describe('recompute', () => {
  it('is one refresh of every analysis, labelled with the engine’s progress as it goes', async () => {
    const state = new AnalyticsRuns();
    const done = state.recompute();
    expect(state.running).toBe(true);
    expect(state.label).toBe('Starting…');
    // Registered after the state's own listener, so each report here sees the state it made.
    const seen: Array<[string, number]> = [];
    const stop = await onAnalyticsProgress(() => seen.push([state.label, state.percent]));
    await done;
    stop();
    expect(analyses()).toEqual(['refresh_analytics']);
    // Each step starts and ends; the share done only grows, by the engine's step weights.
    expect(seen).toEqual([
      ['RFM scores (1 of 4) — 0 %', 0],
      ['RFM scores (1 of 4) — 25 %', 25],
      ['Customer segments (2 of 4) — 25 %', 25],
      ['Customer segments (2 of 4) — 60 %', 60],
      ['Lifetime value (3 of 4) — 60 %', 60],
      ['Lifetime value (3 of 4) — 90 %', 90],
      ['Lead scores (4 of 4) — 90 %', 90],
      ['Lead scores (4 of 4) — 100 %', 100],
    ]);
    expect(state).toMatchObject({ running: false, progress: null, generation: 1, error: null });
    expect(state.label).toBe('');
    // What the refresh computed is stored: the panels read it without recomputing.
    expect(await backend.handle('analytics_report', { name: 'clv' })).toMatchObject({
      name: 'clv',
    });
  });

  it('runs once more when asked again while running (an import finished meanwhile)', async () => {
    const state = new AnalyticsRuns();
    const first = state.recompute();
    await state.recompute();
    expect(state.running).toBe(true);
    await first;
    expect(analyses()).toEqual(['refresh_analytics', 'refresh_analytics']);
    // One generation for the pair: views reload once, after the second.
    expect(state.generation).toBe(1);
    expect(state.running).toBe(false);
  });

  it('ignores progress reports when it is not running', async () => {
    const state = new AnalyticsRuns();
    await state.recompute();
    // A refresh started elsewhere (another window) reports too; this state did not start it.
    await backend.handle('refresh_analytics', {});
    expect(state.progress).toBeNull();
    expect(state.label).toBe('');
  });

  it('says what failed, and lets views read what the steps before it stored', async () => {
    const answer = backend.handle;
    backend.handle = (command, payload) =>
      command === 'refresh_analytics'
        ? Promise.reject({ code: 'database', message: 'database is locked', issues: [] })
        : answer(command, payload);
    const state = new AnalyticsRuns();
    await state.recompute();
    expect(state.running).toBe(false);
    expect(state.error).toBe('database is locked');
    expect(state.generation).toBe(1);
    expect(toasts.items.at(-1)?.text).toMatch(/^Could not recompute the analytics/);
    // No fallback to the old one-by-one commands.
    expect(analyses()).toEqual([]);
  });
});
