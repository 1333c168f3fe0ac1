import { afterEach, describe, expect, it, vi } from 'vitest';
import { installReplayBackend, ReplayBackend, uninstallMockBackend } from '../ipc/mock/install';
import { setClock } from './clock';
import { dueTasks } from './dueTasks.svelte';
import { i18n } from './i18n/index.svelte';
import { toasts } from './toast.svelte';

afterEach(() => {
  uninstallMockBackend();
  setClock(null);
  i18n.set('en');
});

/** Today asked at `time` on the recorded day (the recorder asked at 09:40 and at 10:00). */
async function lookAt(time: string): Promise<void> {
  setClock(() => new Date(`2026-11-01T${time}:00`));
  await dueTasks.check();
}

describe('a task falling due while the app is open', () => {
  it('is reminded of once, in the window and as a desktop notification', async () => {
    installReplayBackend(new ReplayBackend({ workspace: 'edits' }));
    const notify = vi.fn(() => Promise.resolve(true));
    dueTasks.notify = notify;
    const shown = vi.spyOn(toasts, 'show');
    // Its time (09:45) has not come at the first look; it has at the next.
    await lookAt('09:40');
    expect(notify).not.toHaveBeenCalled();
    await lookAt('10:00');
    expect(notify).toHaveBeenCalledTimes(1);
    expect(notify).toHaveBeenCalledWith('Task due — Kith', 'Call Ms Wang back (due 09:45)');
    expect(shown).toHaveBeenCalledWith(
      'info',
      expect.stringContaining('Call Ms Wang back'),
      10_000,
    );
    // The same minute looked at again reminds of nothing more.
    await lookAt('10:00');
    expect(notify).toHaveBeenCalledTimes(1);
    expect(dueTasks.count).toBeGreaterThan(0);
  });

  it('is written in Chinese when the window speaks Chinese', async () => {
    i18n.set('zh');
    installReplayBackend(new ReplayBackend({ workspace: 'edits' }));
    const notify = vi.fn(() => Promise.resolve(true));
    dueTasks.notify = notify;
    await lookAt('09:40');
    await lookAt('10:00');
    expect(notify).toHaveBeenCalledWith('任务到期 — Kith', 'Call Ms Wang back（09:45 到期）');
  });
});

describe('the first look at the due tasks', () => {
  it('waits for the first screen when told to', async () => {
    const backend = installReplayBackend(new ReplayBackend({ workspace: 'edits' }));
    setClock(() => new Date('2026-11-01T09:40:00'));
    let painted = () => {};
    const stop = dueTasks.start(new Promise<void>((done) => (painted = done)));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const asked = () => backend.calls.filter((call) => call.command === 'today').length;
    expect(asked(), 'the first screen is not painted yet: Today is not asked').toBe(0);
    painted();
    await vi.waitFor(() => expect(asked()).toBe(1));
    stop();
  });
});
