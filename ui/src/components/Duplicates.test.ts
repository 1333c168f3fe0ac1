import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DuplicateGroup, KindSchema, MergeReport } from '../ipc/api';
import { recordedAnswer } from '../ipc/mock/fixtures';
import { installReplayBackend, ReplayBackend, uninstallMockBackend } from '../ipc/mock/install';
import { i18n } from '../lib/i18n/index.svelte';
import { localizeSchemas } from '../lib/i18n/schema';
import Duplicates from './Duplicates.svelte';

// A demo contact entered twice (the copy: the email in capitals, another city, no phone) and a
// company under two spellings, as the engine found and merged them (`forms` in
// src-tauri/src/record.rs). That the merged records are gone afterwards is the engine's to
// show: the e2e suite merges through the real app.
let backend: ReplayBackend;

const schemas = () => recordedAnswer<KindSchema[]>('schema', {}, 'forms');

beforeEach(() => {
  backend = installReplayBackend(new ReplayBackend({ workspace: 'forms' }));
});

afterEach(() => uninstallMockBackend());

describe('the duplicate finder', () => {
  it('shows a group side by side, marks what differs, and merges into the chosen record', async () => {
    const [group] = recordedAnswer<DuplicateGroup[]>(
      'duplicates_find',
      { kind: 'contact' },
      'forms',
    );
    const [original, copy] = group?.records ?? [];
    if (!original || !copy) throw new Error('the recorded group has two records');
    const email = String(original.values.email);
    render(Duplicates, { kind: 'contact', schemas: schemas(), onchanged: vi.fn() });

    const shown = await screen.findByTestId('dup-group-0');
    expect(shown).toHaveTextContent(`Same email ${email}`);
    await fireEvent.click(shown);

    // Side by side: the oldest first; the cities differ, the copy lacks the phone.
    expect(screen.getByTestId('merge-record-0')).toHaveTextContent('Oldest · suggested');
    expect(screen.getByTestId('merge-row-city')).toHaveClass('differs');
    expect(screen.getByTestId('merge-row-city')).toHaveTextContent(`${original.values.city}深圳`);
    expect(screen.getByTestId('merge-row-phone')).toHaveClass('fills');
    expect(screen.getByTestId('merge-row-last_name')).toHaveClass('same');
    expect(screen.queryByTestId('merge-row-website')).toBeNull();
    await fireEvent.click(screen.getByTestId('merge-show-empty'));
    expect(screen.getByTestId('merge-row-website')).toHaveClass('empty');

    // Keep the newer one: it wins, and the older one is merged into it.
    await fireEvent.click(screen.getByTestId('merge-keep-1'));
    expect(await screen.findByTestId('confirm-dialog')).toHaveTextContent(
      `Keep ${copy.title} and merge the others into it?`,
    );
    await fireEvent.click(screen.getByTestId('confirm-ok'));
    const result = await screen.findByTestId('merge-result');
    expect(backend.calls.find((call) => call.command === 'merge')?.args).toEqual({
      kind: 'contact',
      ids: [copy.id, original.id],
    });
    const report = recordedAnswer<MergeReport>(
      'merge',
      { kind: 'contact', ids: [copy.id, original.id] },
      'forms',
    );
    expect(result).toHaveTextContent(`Merged 1 record into ${report.winner.title}`);
    expect(result).toHaveTextContent('fields filled in from the others');
    await waitFor(() =>
      expect(
        backend.calls.filter((call) => call.command === 'duplicates_find'),
        'the groups are asked for again after a merge',
      ).toHaveLength(2),
    );
  });

  it('looks for companies when switched', async () => {
    const view = render(Duplicates, { kind: 'contact', schemas: schemas(), onchanged: vi.fn() });
    await screen.findByTestId('dup-group-0');
    expect(screen.getByTestId('dup-kind-company')).toHaveAttribute('href', '#/duplicates/company');
    await view.rerender({ kind: 'company', schemas: schemas(), onchanged: vi.fn() });
    await waitFor(() => expect(screen.getByTestId('dup-group-0')).toHaveTextContent('Same name'));
    expect(backend.calls.filter((call) => call.command === 'duplicates_find').at(-1)?.args).toEqual(
      { kind: 'company' },
    );
  });
});

describe('the duplicate finder in Chinese', () => {
  afterEach(() => i18n.set('en'));

  it('says what a group shares, compares and merges in Chinese', async () => {
    i18n.set('zh');
    const [group] = recordedAnswer<DuplicateGroup[]>(
      'duplicates_find',
      { kind: 'contact' },
      'forms',
    );
    const [original, copy] = group?.records ?? [];
    if (!original || !copy) throw new Error('the recorded group has two records');
    render(Duplicates, {
      kind: 'contact',
      schemas: localizeSchemas(schemas(), 'zh'),
      onchanged: vi.fn(),
    });

    const shown = await screen.findByTestId('dup-group-0');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('重复记录');
    expect(screen.getByTestId('dup-kind-contact')).toHaveTextContent('联系人');
    expect(screen.getByTestId('dup-kind-company')).toHaveTextContent('公司');
    expect(shown).toHaveTextContent(`邮箱相同：${String(original.values.email)}`);
    expect(shown).toHaveTextContent('比较');
    expect(screen.getByTestId('dup-count')).toHaveTextContent('组相似的联系人');
    await fireEvent.click(shown);

    expect(screen.getByTestId('merge-record-0')).toHaveTextContent('最早 · 推荐保留');
    expect(screen.getByTestId('merge-keep-0')).toHaveTextContent('保留这条');
    expect(screen.getByTestId('merge-row-city')).toHaveTextContent('城市');
    expect(screen.getByTestId('merge-row-city')).toHaveTextContent('不同');
    expect(screen.getByTestId('merge-compare')).toHaveTextContent('显示空字段');
    await fireEvent.click(screen.getByTestId('merge-keep-1'));
    const dialog = await screen.findByTestId('confirm-dialog');
    expect(dialog).toHaveTextContent(`保留“${copy.title}”并把其他记录合并到其中？`);
    expect(dialog).toHaveTextContent('其他 1 条联系人将被删除');
    await fireEvent.click(screen.getByTestId('confirm-ok'));
    const result = await screen.findByTestId('merge-result');
    expect(result).toHaveTextContent('已将 1 条记录合并到');
    expect(result).toHaveTextContent('被合并的记录保留在历史记录中');

    const page = document.body.textContent ?? '';
    for (const english of ['Duplicates', 'Same email', 'Oldest', 'Keep this one', 'Merged']) {
      expect(page, `"${english}" is said in Chinese`).not.toContain(english);
    }
  });
});
