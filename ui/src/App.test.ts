// The app shell on the engine's recorded answers (`make fixtures`). Opening, tagging, editing
// and deleting records change data: the end-to-end test runs them against the engine.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import App from './App.svelte';
import type { Page, RfmView, WorkspaceInfo } from './ipc/api';
import type { StoredRun } from './ipc/bindings/StoredRun';
import { recordedAnswer } from './ipc/mock/fixtures';
import { installReplayBackend, ReplayBackend, uninstallMockBackend } from './ipc/mock/install';
import { formatNumber } from './lib/format';
import { i18n } from './lib/i18n/index.svelte';

afterEach(() => {
  uninstallMockBackend();
  window.location.hash = '';
  i18n.set('en');
});

function contacts(total: number): string {
  return `${formatNumber(total)} ${total === 1 ? 'contact' : 'contacts'}`;
}

describe('App', () => {
  it('switches to 简体中文 in Settings: the sidebar and the engine labels follow at once', async () => {
    installReplayBackend(new ReplayBackend());
    window.location.hash = '#/settings';
    render(App);
    await fireEvent.click(await screen.findByTestId('language-zh'));
    // No reload: the same sidebar is now in Chinese, with the kinds' labels from the catalog.
    expect(await screen.findByRole('heading', { name: '设置' })).toBeInTheDocument();
    expect(screen.getByTestId('nav-today')).toHaveTextContent('今日');
    expect(screen.getByTestId('nav-contact')).toHaveTextContent('联系人');
    expect(screen.getByTestId('nav-ticket')).toHaveTextContent('工单');
    expect(screen.getByTestId('nav-settings')).toHaveAttribute('aria-current', 'page');
    expect(localStorage.getItem('kith.language')).toBe('zh');
    await fireEvent.click(screen.getByTestId('language-en'));
    expect(await screen.findByRole('heading', { name: 'Settings' })).toBeInTheDocument();
    expect(screen.getByTestId('nav-contact')).toHaveTextContent('Contacts');
  });

  it('welcomes a first start, starts empty and navigates by kind', async () => {
    installReplayBackend(new ReplayBackend({ workspace: 'empty' }));
    render(App);
    await fireEvent.click(await screen.findByTestId('welcome-empty'));
    const nav = await screen.findByTestId('nav-contact');
    // Every kind of the schema has a place in the sidebar.
    for (const kind of ['company', 'deal', 'order_line', 'ticket', 'campaign_member', 'feedback']) {
      expect(screen.getByTestId(`nav-${kind}`)).toBeInTheDocument();
    }
    // And the tools: import, its history, duplicates.
    expect(screen.getByTestId('nav-import')).toHaveAttribute('href', '#/import');
    expect(screen.getByTestId('nav-import-history')).toHaveAttribute('href', '#/import/history');
    expect(screen.getByTestId('nav-duplicates')).toHaveAttribute('href', '#/duplicates/contact');
    await fireEvent.click(nav);
    await waitFor(() => expect(window.location.hash).toBe('#/contact'));
    expect(await screen.findByText('No contacts yet')).toBeInTheDocument();
  });

  it('lands on the dashboard; a segment’s “Show contacts” opens the contacts list filtered', async () => {
    installReplayBackend(new ReplayBackend());
    const info = recordedAnswer<WorkspaceInfo>('workspace_info');
    const run = recordedAnswer<StoredRun | null>('analyze_report', { name: 'rfm' });
    const segment = (JSON.parse(run?.report ?? 'null') as RfmView).segments.find(
      (s) => s.count > 0,
    );
    if (!segment) throw new Error('no customer in any segment');
    render(App);
    expect(await screen.findByTestId('dashboard')).toBeInTheDocument();
    expect(screen.getByTestId('nav-dashboard')).toHaveAttribute('aria-current', 'page');
    await fireEvent.click(screen.getByTestId('dashboard-tab-segments'));
    await waitFor(() => expect(window.location.hash).toBe('#/dashboard/segments'));
    await fireEvent.click(await screen.findByTestId(`segment-${segment.segment}-contacts`));
    const filtered = `#/contact?rfm_segment=${encodeURIComponent(segment.label)}`;
    await waitFor(() => expect(window.location.hash).toBe(filtered));
    expect(await screen.findByTestId('list-filter-rfm_segment')).toHaveTextContent(
      `Segment: ${segment.label}`,
    );
    await waitFor(() =>
      expect(screen.getByTestId('list-total')).toHaveTextContent(contacts(segment.count)),
    );
    await fireEvent.click(screen.getByTestId('list-filter-clear-rfm_segment'));
    await waitFor(() => expect(window.location.hash).toBe('#/contact'));
    await waitFor(() =>
      expect(screen.getByTestId('list-total')).toHaveTextContent(
        contacts(info.counts.contact ?? 0),
      ),
    );
    // A header sorts and the address follows, so going back and reloading keep the order.
    await fireEvent.click(await screen.findByTestId('sort-lead_score'));
    await waitFor(() => expect(window.location.hash).toBe('#/contact?sort=lead_score&desc=1'));
    expect(screen.getByTestId('column-lead_score')).toHaveAttribute('aria-sort', 'descending');
  });

  it('opens every customer by RFM from the segments, sorted highest first', async () => {
    const backend = installReplayBackend(new ReplayBackend());
    window.location.hash = '#/dashboard/segments';
    render(App);
    await fireEvent.click(await screen.findByTestId('rfm-all'));
    await waitFor(() => expect(window.location.hash).toBe('#/contact?sort=rfm&desc=1'));
    await waitFor(() =>
      expect(screen.getByTestId('column-rfm')).toHaveAttribute('aria-sort', 'descending'),
    );
    const last = backend.calls.filter((call) => call.command === 'record_list').at(-1);
    expect(last?.args.query).toMatchObject({ sort: 'rfm', desc: true });
    // The rows are the engine's, in its order.
    const page = recordedAnswer<Page>('record_list', last?.args);
    const first = page.rows[0]?.values.email;
    if (typeof first === 'string') expect(await screen.findByText(first)).toBeInTheDocument();
  });
});
