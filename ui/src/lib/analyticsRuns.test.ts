import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createRecord,
  defaultImportOptions,
  deleteRecord,
  importRun,
  importUndo,
  KithError,
  mergeRecords,
  onAnalyticsProgress,
  tagRecord,
  updateRecord,
  type EntityRecord,
  type Kind,
  type RecordInput,
} from '../ipc/api';
import {
  installMockBackend,
  MOCK_CONTACTS_PATH,
  MockBackend,
  uninstallMockBackend,
} from '../ipc/mock/install';
import { firstRecord } from '../ipc/mock/testing';
import { AnalyticsRuns, RECOMPUTE_DELAY_MS } from './analyticsRuns.svelte';
import { toasts } from './toast.svelte';

let backend: MockBackend;

beforeEach(() => {
  backend = installMockBackend(new MockBackend({ chosen: true }));
});

afterEach(() => uninstallMockBackend());

/** The analysis commands the UI sent, in order. */
function analyses(): string[] {
  const names = ['analyze_all', 'analyze_rfm', 'analyze_segments', 'analyze_clv'];
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
    expect(analyses()).toEqual(['analyze_all']);
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
    expect(await backend.handle('analyze_report', { name: 'clv' })).toMatchObject({
      name: 'clv',
    });
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
    await backend.handle('analyze_all', {});
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

  async function first(kind: Kind, text: string): Promise<EntityRecord> {
    return firstRecord(backend, kind, text);
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
    const deal = await first('deal', '秋季龙井批发');
    await updateRecord('deal', deal.id, { stage: 'proposal' });
    await wait(RECOMPUTE_DELAY_MS - 1000);
    const order = await first('order', '');
    await updateRecord('order', order.id, { status: 'delivered' });
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

  /** A record written straight into the mock: no write is reported, nothing is scheduled. */
  async function stored(kind: Kind, input: RecordInput): Promise<EntityRecord> {
    return (await backend.handle('record_create', { kind, input })) as EntityRecord;
  }

  it('recomputes once after a merge of contacts, which moves their orders and deals', async () => {
    const winner = await stored('contact', { first_name: 'Wei', last_name: 'Zhang' });
    const loser = await stored('contact', { first_name: 'Wei', last_name: 'Zhang' });
    await stored('order', {
      number: 'SO-9001',
      ordered_on: '2026-10-02',
      contact_id: loser.id,
      total: '88',
    });
    await stored('deal', { title: 'Spring oolong', stage: 'lead', contact_id: loser.id });
    await wait(10 * RECOMPUTE_DELAY_MS);
    expect(refreshes()).toBe(0);
    const report = await mergeRecords('contact', [winner.id, loser.id]);
    expect(report.moved).toBe(2);
    await recomputesOnceAfterTheDelay();
  });

  it('recomputes once after a merge of companies, which moves their deals and contacts', async () => {
    const first = await stored('company', { name: 'Kith Tea Co.' });
    const second = await stored('company', { name: 'Kith Tea Co., Ltd.' });
    await stored('deal', { title: 'Autumn longjing', stage: 'lead', company_id: second.id });
    await wait(10 * RECOMPUTE_DELAY_MS);
    expect(refreshes()).toBe(0);
    expect((await mergeRecords('company', [first.id, second.id])).moved).toBe(1);
    await wait(RECOMPUTE_DELAY_MS);
    expect(refreshes()).toBe(1);
    await wait(10 * RECOMPUTE_DELAY_MS);
    expect(refreshes()).toBe(1);
  });

  it('does not recompute after a merge the engine refused, nor after tagging', async () => {
    const contact = await first('contact', '');
    const refused = await mergeRecords('contact', [contact.id]).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(KithError);
    await tagRecord('contact', contact.id, 'vip');
    await wait(10 * RECOMPUTE_DELAY_MS);
    expect(refreshes()).toBe(0);
  });

  it('recomputes once after an import is undone', async () => {
    // The import itself is followed by whoever ran it (the app recomputes at once).
    const options = { ...defaultImportOptions(), date_order: 'dmy' as const };
    const report = await importRun(MOCK_CONTACTS_PATH, 'contact', options);
    expect(report.counts.created).toBeGreaterThan(0);
    await wait(10 * RECOMPUTE_DELAY_MS);
    expect(refreshes()).toBe(0);
    const undone = await importUndo(report.batch ?? '', report.kind);
    expect(undone.removed).toBeGreaterThan(0);
    await wait(RECOMPUTE_DELAY_MS - 100);
    expect(refreshes()).toBe(0);
    await wait(100);
    expect(refreshes()).toBe(1);
    await wait(10 * RECOMPUTE_DELAY_MS);
    expect(refreshes()).toBe(1);
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
    uninstallMockBackend();
    backend = installMockBackend(
      new MockBackend({
        chosen: true,
        beforeRefreshStep: (step) => (step === 'scores' ? held : Promise.resolve()),
      }),
    );
    const running = state.recompute();
    const deal = await first('deal', '秋季龙井批发');
    await updateRecord('deal', deal.id, { value: '1200' });
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
    const deal = await first('deal', '秋季龙井批发');
    await updateRecord('deal', deal.id, { value: '1300' });
    await state.recompute();
    await wait(10 * RECOMPUTE_DELAY_MS);
    expect(refreshes()).toBe(1);
    await updateRecord('deal', deal.id, { value: '1400' });
    stop();
    await updateRecord('deal', deal.id, { value: '1500' });
    await wait(10 * RECOMPUTE_DELAY_MS);
    expect(refreshes()).toBe(1);
  });
});
