import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import App from './App.svelte';
import { installMockBackend, MockBackend, uninstallMockBackend } from './ipc/mock/install';

afterEach(() => {
  uninstallMockBackend();
  window.location.hash = '';
});

describe('App', () => {
  it('welcomes a first start, opens the demo and navigates by kind', async () => {
    installMockBackend(new MockBackend({ chosen: false }));
    render(App);
    await fireEvent.click(await screen.findByTestId('welcome-demo'));
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
    expect(await screen.findAllByText('杭州茶叶有限公司', { selector: '.cell' })).toHaveLength(2);
  });

  it('opens a record from the list, tags it and deletes it after confirming', async () => {
    installMockBackend(new MockBackend({ chosen: true }));
    window.location.hash = '#/contact';
    render(App);
    // The list shows first and last name in separate columns; only the title joins them.
    await fireEvent.click(
      await screen.findByText('wang.fang@xingchen.example.cn', { selector: '.cell' }),
    );
    expect(await screen.findByTestId('record-title')).toHaveTextContent('王芳');
    expect(screen.getByTestId('value-company_id')).toHaveTextContent('上海星辰科技');

    const tagInput = screen.getByTestId('tag-input');
    await fireEvent.input(tagInput, { target: { value: '年会' } });
    await fireEvent.submit(tagInput.closest('form') as HTMLFormElement);
    expect(await screen.findByTestId('tag-年会')).toBeInTheDocument();
    await fireEvent.click(screen.getByTestId('tag-remove-年会'));
    await waitFor(() => expect(screen.queryByTestId('tag-年会')).toBeNull());

    await fireEvent.click(screen.getByTestId('tab-history'));
    const history = await screen.findByTestId('history');
    await waitFor(() =>
      expect(within(history).getAllByTestId('history-row').length).toBeGreaterThan(2),
    );
    expect(history).toHaveTextContent('年会');

    await fireEvent.click(screen.getByTestId('delete-button'));
    await fireEvent.click(await screen.findByTestId('confirm-delete'));
    await waitFor(() => expect(window.location.hash).toBe('#/contact'));
    expect(await screen.findByTestId('toast-success')).toHaveTextContent('Deleted “王芳”');
  });

  it('lands on the dashboard; a segment’s “Show contacts” opens the contacts list filtered', async () => {
    installMockBackend(new MockBackend({ chosen: true }));
    render(App);
    expect(await screen.findByTestId('dashboard')).toBeInTheDocument();
    expect(screen.getByTestId('nav-dashboard')).toHaveAttribute('aria-current', 'page');
    await fireEvent.click(screen.getByTestId('dashboard-tab-segments'));
    await waitFor(() => expect(window.location.hash).toBe('#/dashboard/segments'));
    // Nothing computed yet: the section says so and computes on request.
    await fireEvent.click(await screen.findByTestId('rfm-not-run-compute'));
    await fireEvent.click(await screen.findByTestId('segment-hibernating-contacts'));
    await waitFor(() => expect(window.location.hash).toBe('#/contact?rfm_segment=Hibernating'));
    expect(await screen.findByTestId('list-filter-rfm_segment')).toHaveTextContent(
      'Segment: Hibernating',
    );
    await waitFor(() => expect(screen.getByTestId('list-total')).toHaveTextContent('1 contact'));
    await fireEvent.click(screen.getByTestId('list-filter-clear-rfm_segment'));
    await waitFor(() => expect(window.location.hash).toBe('#/contact'));
    await waitFor(() => expect(screen.getByTestId('list-total')).toHaveTextContent('7 contacts'));
    // A header sorts and the address follows, so going back and reloading keep the order.
    await fireEvent.click(await screen.findByTestId('sort-lead_score'));
    await waitFor(() => expect(window.location.hash).toBe('#/contact?sort=lead_score&desc=1'));
    expect(screen.getByTestId('column-lead_score')).toHaveAttribute('aria-sort', 'descending');
  });

  it('opens every customer by RFM from the segments, sorted highest first', async () => {
    const backend = installMockBackend(new MockBackend({ chosen: true }));
    await backend.handle('analyze_all', {});
    window.location.hash = '#/dashboard/segments';
    render(App);
    await fireEvent.click(await screen.findByTestId('rfm-all'));
    await waitFor(() => expect(window.location.hash).toBe('#/contact?sort=rfm&desc=1'));
    await waitFor(() =>
      expect(screen.getByTestId('column-rfm')).toHaveAttribute('aria-sort', 'descending'),
    );
    const query = backend.calls.filter((call) => call.command === 'record_list').at(-1)?.args
      .query as { sort: string; desc: boolean };
    expect(query).toMatchObject({ sort: 'rfm', desc: true });
  });
});
