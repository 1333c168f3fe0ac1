import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installMockBackend, MockBackend, uninstallMockBackend } from '../ipc/mock/install';
import { AnalyticsRuns } from './analyticsRuns.svelte';
import { toasts } from './toast.svelte';

let backend: MockBackend;

beforeEach(() => {
  backend = installMockBackend(new MockBackend({ chosen: true }));
});

afterEach(() => uninstallMockBackend());

const RUNS = ['rfm_scores', 'customer_segments', 'customer_value'];

function runs(): string[] {
  return backend.calls.map((call) => call.command).filter((command) => RUNS.includes(command));
}

describe('recompute', () => {
  it('runs the three stored analyses in order, then moves the generation', async () => {
    const state = new AnalyticsRuns();
    const done = state.recompute();
    expect(state.running).toBe(true);
    await done;
    expect(runs()).toEqual(RUNS);
    expect(state).toMatchObject({ running: false, step: null, generation: 1, error: null });
  });

  it('runs once more when asked again while running (an import finished meanwhile)', async () => {
    const state = new AnalyticsRuns();
    const first = state.recompute();
    await state.recompute();
    await first;
    expect(runs()).toEqual([...RUNS, ...RUNS]);
    expect(state.generation).toBe(1);
  });

  it('says what failed and leaves the figures as they were', async () => {
    const answer = backend.handle;
    backend.handle = (command, payload) =>
      command === 'customer_segments'
        ? Promise.reject({ code: 'database', message: 'database is locked', issues: [] })
        : answer(command, payload);
    const state = new AnalyticsRuns();
    await state.recompute();
    expect(state.running).toBe(false);
    expect(state.generation).toBe(0);
    expect(state.error).toBe('database is locked');
    expect(runs()).toEqual(['rfm_scores']);
    expect(toasts.items.at(-1)?.text).toMatch(/^Could not recompute the analytics/);
  });
});
