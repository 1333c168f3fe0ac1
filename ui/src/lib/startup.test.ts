// The startup report the startup benchmark times: sent once, when the first screen's data is on
// screen, not when the window merely opened.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installReplayBackend, ReplayBackend, uninstallMockBackend } from '../ipc/mock/install';
import { RECORDED_NOW } from '../ipc/mock/now';

// A fresh lib/startup.ts for each test (it reports once per page load), with the app and the
// testing library loaded again beside it, so that they share one Svelte.
beforeEach(() => vi.resetModules());
afterEach(() => {
  uninstallMockBackend();
  window.location.hash = '';
});

async function freshApp() {
  const [app, library, clock] = await Promise.all([
    import('../App.svelte'),
    import('@testing-library/svelte'),
    import('./clock'),
  ]);
  // The fresh clock is the computer's again: the recorded answers were asked at RECORDED_NOW.
  clock.setClock(() => new Date(RECORDED_NOW));
  return { App: app.default, ...library };
}

function reports(backend: ReplayBackend): number {
  return backend.calls.filter((call) => call.command === 'startup_report').length;
}

/** Lets a few animation frames pass (the report waits for two). */
async function frames(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((done) => requestAnimationFrame(done));
}

describe('the startup report', () => {
  it('is sent once the dashboard’s figures are shown, and only once', async () => {
    let release = () => {};
    const figures = new Promise<void>((done) => (release = done));
    const backend = installReplayBackend(
      new ReplayBackend({
        hold: (command) => (command === 'dashboard_kpis' ? figures : undefined),
      }),
    );
    const { App, render, screen, waitFor, fireEvent } = await freshApp();
    render(App);
    expect(await screen.findByTestId('dashboard')).toBeInTheDocument();
    await frames(4);
    expect(reports(backend), 'the shell is up but the figures are not: not yet').toBe(0);

    release();
    expect((await screen.findAllByTestId(/^kpi-[a-z_]+-value$/)).length).toBeGreaterThan(0);
    await waitFor(() => expect(reports(backend)).toBe(1));

    // Another screen and back to the dashboard: the app started once.
    await fireEvent.click(screen.getByTestId('dashboard-tab-segments'));
    await fireEvent.click(screen.getByTestId('dashboard-tab-overview'));
    await frames(4);
    expect(reports(backend)).toBe(1);
  });

  it('is sent when a first start shows the welcome screen', async () => {
    const backend = installReplayBackend(new ReplayBackend({ workspace: 'empty' }));
    const { App, render, screen, waitFor } = await freshApp();
    render(App);
    expect(await screen.findByTestId('welcome-empty')).toBeInTheDocument();
    await waitFor(() => expect(reports(backend)).toBe(1));
  });
});
