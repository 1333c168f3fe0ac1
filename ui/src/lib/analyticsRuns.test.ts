// The analytics' recompute and when edits start one, on the engine's recorded answers and
// events (the `edits` workspace: the demo data and the writes below, each answered as the
// engine answered it).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createRecord,
  deleteRecord,
  KithError,
  mergeRecords,
  onAnalyticsProgress,
  tagRecord,
  updateRecord,
  type RefreshProgress,
} from '../ipc/api';
import { recorded, recordedCalls } from '../ipc/mock/fixtures';
import { installReplayBackend, ReplayBackend, uninstallMockBackend } from '../ipc/mock/install';
import { AnalyticsRuns, RECOMPUTE_DELAY_MS } from './analyticsRuns.svelte';
import { toasts } from './toast.svelte';

let backend: ReplayBackend;

beforeEach(() => {
  backend = installReplayBackend(new ReplayBackend({ workspace: 'edits' }));
});

afterEach(() => uninstallMockBackend());

/** The analysis commands the UI sent, in order. */
function analyses(): string[] {
  const names = ['analyze_all', 'analyze_rfm', 'analyze_segments', 'analyze_clv'];
  return backend.calls.map((call) => call.command).filter((command) => names.includes(command));
}

/** The id the recorder updated a `kind` record by (the first of its list). */
function updated(kind: string): string {
  const call = recordedCalls('record_update', 'edits').find((c) => c.args.kind === kind);
  if (!call) throw new Error(`no ${kind} update recorded`);
  return String(call.args.id);
}

/** The ids the recorder merged (`kind`), and the one it asked to merge alone (refused). */
function merged(kind: string): string[] {
  const call = recordedCalls('merge', 'edits').find(
    (c) => c.args.kind === kind && (c.args.ids as string[]).length > 1,
  );
  if (!call) throw new Error(`no ${kind} merge recorded`);
  return call.args.ids as string[];
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
    expect(analyses()).toEqual(['analyze_all']);
    // One label per report the engine sent, in its order; the share done never goes back.
    const reports = (recorded('analyze_all', { asOf: null }, 'edits').events ?? []).map(
      (event) => event.payload as RefreshProgress,
    );
    expect(reports.length).toBeGreaterThanOrEqual(8);
    expect(seen).toEqual(
      reports.map((p) => {
        const percent = Math.round(p.fraction * 100);
        return [`${p.label} (${p.index} of ${p.total}) — ${percent} %`, percent];
      }),
    );
    const percents = seen.map(([, percent]) => percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(seen.at(-1)).toEqual(['Lead scores (4 of 4) — 100 %', 100]);
    expect(state).toMatchObject({ running: false, progress: null, generation: 1, error: null });
    expect(state.label).toBe('');
  });

  it('runs once more when asked again while running (an import finished meanwhile)', async () => {
    const state = new AnalyticsRuns();
    const first = state.recompute();
    await state.recompute();
    expect(state.running).toBe(true);
    await first;
    expect(analyses()).toEqual(['analyze_all', 'analyze_all']);
    // One generation for the pair: views reload once, after the second.
    expect(state.generation).toBe(1);
    expect(state.running).toBe(false);
  });

  it('ignores progress reports when it is not running', async () => {
    const state = new AnalyticsRuns();
    await state.recompute();
    // A refresh started elsewhere (another window) reports too; this state did not start it.
    await backend.handle('analyze_all', { asOf: null });
    expect(state.progress).toBeNull();
    expect(state.label).toBe('');
  });

  it('says what failed, and lets views read what the steps before it stored', async () => {
    const answer = backend.handle;
    backend.handle = (command, payload) =>
      command === 'analyze_all'
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

describe('recompute after edits', () => {
  /** Refreshes the mock received. */
  const refreshes = () => backend.calls.filter((call) => call.command === 'analyze_all').length;

  let state: AnalyticsRuns;
  let stop: () => void;

  beforeEach(() => {
    // Only the clock's timeouts are fake: the mock's promises and events run as usual.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    state = new AnalyticsRuns();
    stop = state.followEdits();
  });

  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  /** Lets the clock run `ms` and every recompute it started finish. */
  async function wait(ms: number): Promise<void> {
    await vi.advanceTimersByTimeAsync(ms);
    await vi.waitFor(() => expect(state.running).toBe(false));
  }

  /** None until 0.1 s before the delay ends, then exactly one, and no more later. */
  async function recomputesOnceAfterTheDelay(): Promise<void> {
    await wait(RECOMPUTE_DELAY_MS - 100);
    expect(refreshes()).toBe(0);
    await wait(100);
    expect(refreshes()).toBe(1);
    expect(state.generation).toBe(1);
    await wait(10 * RECOMPUTE_DELAY_MS);
    expect(refreshes()).toBe(1);
  }

  it('waits for the edits to stop, then recomputes once', async () => {
    await updateRecord('deal', updated('deal'), { stage: 'proposal' });
    await wait(RECOMPUTE_DELAY_MS - 1000);
    await updateRecord('order', updated('order'), { status: 'delivered' });
    await wait(RECOMPUTE_DELAY_MS - 1000);
    const note = await createRecord('activity', { kind: 'note', subject: 'Called back' });
    await deleteRecord('activity', note.id);
    // Each edit moved the recompute on: none yet, 2.9 s after the last.
    await recomputesOnceAfterTheDelay();
  });

  it('follows orders, deals, activities, contacts, companies, feedback and tickets, not the other kinds', async () => {
    const campaign = await createRecord('campaign', { name: 'Autumn tasting' });
    await updateRecord('campaign', campaign.id, { channel: 'email' });
    await createRecord('product', { name: 'Longjing 250 g' });
    await deleteRecord('campaign', campaign.id);
    await wait(10 * RECOMPUTE_DELAY_MS);
    expect(refreshes()).toBe(0);
    for (const [kind, input] of [
      ['contact', { first_name: 'Lei', last_name: 'Li' }],
      ['company', { name: 'Kith Tea Co.' }],
      ['feedback', { rating: '4' }],
      ['ticket', { subject: 'Box damaged' }],
    ] as const) {
      await createRecord(kind, input);
      await wait(RECOMPUTE_DELAY_MS);
    }
    expect(refreshes()).toBe(4);
  });

  it('recomputes once after a merge of contacts, which moves their orders and deals', async () => {
    await mergeRecords('contact', merged('contact'));
    await recomputesOnceAfterTheDelay();
  });

  it('recomputes once after a merge of companies, which moves their deals and contacts', async () => {
    await mergeRecords('company', merged('company'));
    await recomputesOnceAfterTheDelay();
  });

  it('does not recompute after a merge the engine refused, nor after tagging', async () => {
    const alone = recordedCalls('merge', 'edits').find(
      (c) => (c.args.ids as string[]).length === 1,
    );
    const contact = String((alone?.args.ids as string[] | undefined)?.[0]);
    const refused = await mergeRecords('contact', [contact]).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(KithError);
    await tagRecord('contact', contact, 'vip');
    await wait(10 * RECOMPUTE_DELAY_MS);
    expect(refreshes()).toBe(0);
  });

  it('does not recompute after a write the engine refused', async () => {
    const refused = await createRecord('deal', { title: '' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(KithError);
    await wait(10 * RECOMPUTE_DELAY_MS);
    expect(refreshes()).toBe(0);
  });

  it('runs once more after a recompute an edit came in during', async () => {
    // The refresh is held at its last step until the edit's recompute was asked for.
    let open = () => {};
    const held = new Promise<void>((resolve) => (open = resolve));
    let asked = 0;
    uninstallMockBackend();
    backend = installReplayBackend(
      new ReplayBackend({
        workspace: 'edits',
        hold: (command) => (command === 'analyze_all' && (asked += 1) === 1 ? held : undefined),
      }),
    );
    const running = state.recompute();
    await updateRecord('deal', updated('deal'), { value: '1200' });
    await vi.advanceTimersByTimeAsync(RECOMPUTE_DELAY_MS);
    expect(state.running).toBe(true);
    expect(refreshes()).toBe(1);
    open();
    await running;
    // The first run may have read the deal before the edit: one more, and one reload.
    expect(refreshes()).toBe(2);
    expect(state.generation).toBe(1);
    await wait(10 * RECOMPUTE_DELAY_MS);
    expect(refreshes()).toBe(2);
  });

  it('leaves nothing pending once stopped, and a recompute started meanwhile covers the edits', async () => {
    const deal = updated('deal');
    await updateRecord('deal', deal, { value: '1300' });
    await state.recompute();
    await wait(10 * RECOMPUTE_DELAY_MS);
    expect(refreshes()).toBe(1);
    await updateRecord('deal', deal, { value: '1400' });
    stop();
    await updateRecord('deal', deal, { value: '1500' });
    await wait(10 * RECOMPUTE_DELAY_MS);
    expect(refreshes()).toBe(1);
  });
});
