// A record's page on the engine's recorded answers (the demo workspace: a contact with its
// timeline, customer figures and change history), in Chinese. Editing, tagging and deleting
// change data: the end-to-end test runs them against the engine.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EntityRecord, Kind, KindSchema, ReviewValue } from '../ipc/api';
import { recordedAnswer, recordedCalls } from '../ipc/mock/fixtures';
import { installReplayBackend, ReplayBackend, uninstallMockBackend } from '../ipc/mock/install';
import { i18n } from '../lib/i18n/index.svelte';
import { localizeSchemas, ZH_SCHEMA } from '../lib/i18n/schema';
import DetailView from './DetailView.svelte';

// Richard Anderson: a demo contact whose page, timeline and history were recorded.
const ID = '00000000-0000-7000-8000-000000000012';

afterEach(() => {
  uninstallMockBackend();
  i18n.set('en');
});

function show(): EntityRecord {
  installReplayBackend(new ReplayBackend());
  const [schema] = localizeSchemas(
    recordedAnswer<KindSchema[]>('schema', {}).filter((candidate) => candidate.kind === 'contact'),
    'zh',
  );
  if (!schema) throw new Error('the contact schema');
  render(DetailView, {
    schema,
    id: ID,
    kindLabel: (kind: Kind) => ZH_SCHEMA[kind].label,
    onedit: vi.fn(),
    onback: vi.fn(),
    ondeleted: vi.fn(),
  });
  return recordedAnswer<EntityRecord>('record_get', { kind: 'contact', id: ID });
}

describe('a record’s page in Chinese', () => {
  it('labels the record, its fields, tabs, timeline and actions in Chinese', async () => {
    i18n.set('zh');
    const record = show();
    expect(await screen.findByTestId('record-title')).toHaveTextContent(record.title);
    expect(screen.getByText(/^创建于 .* · 更新于 /)).toBeInTheDocument();
    expect(screen.getByTestId('edit-button')).toHaveTextContent('编辑');
    expect(screen.getByTestId('delete-button')).toHaveTextContent('删除');
    expect(screen.getByTestId('tab-overview')).toHaveTextContent('概览');
    expect(screen.getByTestId('tab-history')).toHaveTextContent('历史记录');
    expect(screen.getByRole('heading', { name: '详细信息' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '时间线' })).toBeInTheDocument();
    expect(screen.getByText('邮箱')).toBeInTheDocument();
    expect(screen.getByTestId('tag-input')).toHaveAttribute('aria-label', '添加标签');

    // The record's own creation, said in Chinese with the fields it wrote by their labels; an
    // order's stored status by its Chinese label.
    const timeline = await screen.findByTestId('timeline-item-0');
    expect(timeline).toHaveTextContent('创建了此联系人');
    expect(timeline).toHaveTextContent('邮箱、名、姓');
    expect(screen.getByTestId('timeline')).toHaveTextContent('已送达');

    await fireEvent.click(screen.getByTestId('delete-button'));
    const dialog = screen.getByTestId('confirm-dialog');
    expect(dialog).toHaveTextContent(`删除“${record.title}”？`);
    expect(dialog).toHaveTextContent('此联系人将从列表和搜索中消失');
    expect(within(dialog).getByTestId('confirm-cancel')).toHaveTextContent('取消');
    await fireEvent.click(within(dialog).getByTestId('confirm-cancel'));

    const page = document.body.textContent ?? '';
    for (const english of ['Created', 'Updated', 'Edit', 'Delete', 'Overview', 'Details']) {
      expect(page, `"${english}" is said in Chinese`).not.toContain(english);
    }
  });

  it('shows the change history in Chinese: columns, empty values and where a change came from', async () => {
    i18n.set('zh');
    show();
    await fireEvent.click(await screen.findByTestId('tab-history'));
    const rows = await screen.findAllByTestId('history-row');
    expect(rows.length).toBeGreaterThan(0);
    const history = screen.getByTestId('history');
    expect(
      within(history)
        .getAllByRole('columnheader')
        .map((header) => header.textContent?.trim()),
    ).toEqual(['时间', '字段', '更改', '来源']);
    expect(history).toHaveTextContent('空');
    expect(history).toHaveTextContent('演示数据');
    for (const english of ['When', 'Field', 'Origin', 'empty', 'Loading']) {
      expect(history.textContent, `"${english}" is said in Chinese`).not.toContain(english);
    }
  });
});

describe('a value kept for review on its record’s page', () => {
  // Bob Smith of Google Contacts, his phone kept as written (`files` in
  // src-tauri/src/record.rs).
  const kept = () => {
    const call = recordedCalls('review_record', 'files').find(
      (entry) => (entry.answer as ReviewValue[]).length > 0,
    );
    if (!call) throw new Error('a record with a kept value was opened');
    return { id: String(call.args.id), values: call.answer as ReviewValue[] };
  };

  function showKept(language: 'en' | 'zh'): ReviewValue {
    i18n.set(language);
    installReplayBackend(new ReplayBackend({ workspace: 'files' }));
    const [schema] = localizeSchemas(
      recordedAnswer<KindSchema[]>('schema', {}, 'files').filter(
        (candidate) => candidate.kind === 'contact',
      ),
      language,
    );
    if (!schema) throw new Error('the contact schema');
    const { id, values } = kept();
    render(DetailView, {
      schema,
      id,
      kindLabel: (kind: Kind) => ZH_SCHEMA[kind].label,
      onedit: vi.fn(),
      onback: vi.fn(),
      ondeleted: vi.fn(),
    });
    const [value] = values;
    if (!value) throw new Error('a kept value');
    return value;
  }

  it("shows the text as written and the engine's reason", async () => {
    const value = showKept('en');
    const box = await screen.findByTestId(`kept-${value.field}`);
    expect(box).toHaveTextContent(value.raw);
    expect(box).toHaveTextContent(value.reason);
  });

  it('says in Chinese why it was kept, from its code', async () => {
    const value = showKept('zh');
    const box = await screen.findByTestId(`kept-${value.field}`);
    expect(box).toHaveTextContent(value.raw);
    expect(box).toHaveTextContent(
      '“+1 555 010 2000”不是有效的电话号码（国际区号 +1）；已按原样保存',
    );
    expect(box).not.toHaveTextContent('kept as written');
  });
});
