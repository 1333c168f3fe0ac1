import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import App from '../App.svelte';
import type { EntityRecord } from '../ipc/api';
import { installMockBackend, MockBackend, uninstallMockBackend } from '../ipc/mock/install';
import { firstRecord } from '../ipc/mock/testing';

let backend: MockBackend;

beforeEach(() => {
  backend = installMockBackend(new MockBackend({ chosen: true }));
});

afterEach(() => {
  uninstallMockBackend();
  window.location.hash = '';
});

describe('the duplicate finder', () => {
  it('shows a group side by side, marks what differs, and merges into the chosen record', async () => {
    const original = await firstRecord(backend, 'contact', 'wang.fang@xingchen.example.cn');
    const copy = (await backend.handle('record_create', {
      kind: 'contact',
      input: {
        first_name: '芳',
        last_name: '王',
        email: 'Wang.Fang@xingchen.example.cn',
        city: '北京',
      },
    })) as EntityRecord;
    window.location.hash = '#/duplicates/contact';
    render(App);

    const group = await screen.findByTestId('dup-group-0');
    expect(group).toHaveTextContent('Same email wang.fang@xingchen.example.cn');
    expect(group).toHaveTextContent('100%');
    await fireEvent.click(group);

    // Side by side: the oldest first; 上海 vs 北京 differs, the copy lacks the phone.
    expect(screen.getByTestId('merge-record-0')).toHaveTextContent('Oldest · suggested');
    expect(screen.getByTestId('merge-row-city')).toHaveClass('differs');
    expect(screen.getByTestId('merge-row-city')).toHaveTextContent('上海北京');
    expect(screen.getByTestId('merge-row-phone')).toHaveClass('fills');
    expect(screen.getByTestId('merge-row-email')).toHaveClass('same');
    expect(screen.queryByTestId('merge-row-website')).toBeNull();
    await fireEvent.click(screen.getByTestId('merge-show-empty'));
    expect(screen.getByTestId('merge-row-website')).toHaveClass('empty');

    // Keep the newer one: it wins, and the older one is merged into it.
    await fireEvent.click(screen.getByTestId('merge-keep-1'));
    expect(await screen.findByTestId('confirm-dialog')).toHaveTextContent(
      'Keep 王芳 and merge the others into it?',
    );
    await fireEvent.click(screen.getByTestId('confirm-ok'));
    const result = await screen.findByTestId('merge-result');
    expect(backend.calls.find((call) => call.command === 'merge')?.args).toEqual({
      kind: 'contact',
      ids: [copy.id, original.id],
    });
    expect(result).toHaveTextContent('Merged 1 record into 王芳');
    expect(result).toHaveTextContent('fields filled in from the others');
    expect(await screen.findByText('No duplicate contacts found')).toBeInTheDocument();
  });

  it('looks for companies when switched', async () => {
    await backend.handle('record_create', {
      kind: 'company',
      input: { name: '杭州茶叶 Co., Ltd.' },
    });
    await backend.handle('record_create', { kind: 'company', input: { name: '杭州茶叶' } });
    window.location.hash = '#/duplicates/contact';
    render(App);
    expect(await screen.findByText('No duplicate contacts found')).toBeInTheDocument();
    await fireEvent.click(screen.getByTestId('dup-kind-company'));
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await waitFor(() => expect(screen.getByTestId('dup-group-0')).toHaveTextContent('Same name'));
    expect(backend.calls.filter((call) => call.command === 'duplicates_find').at(-1)?.args).toEqual(
      {
        kind: 'company',
      },
    );
  });
});
