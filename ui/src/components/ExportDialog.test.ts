import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExportOptions, ExportSummary, Kind, KindSchema } from '../ipc/api';
import { recordedAnswer, recordedCalls } from '../ipc/mock/fixtures';
import { installReplayBackend, ReplayBackend, uninstallMockBackend } from '../ipc/mock/install';
import { i18n } from '../lib/i18n/index.svelte';
import { localizeSchemas } from '../lib/i18n/schema';
import { exportFileName } from '../lib/importing';
import { toasts } from '../lib/toast.svelte';
import ExportDialog from './ExportDialog.svelte';
import ListView from './ListView.svelte';
import Toasts from './Toasts.svelte';

// Exports of the contacts imported into a workspace kept in a file, as the engine wrote them
// (`files` in src-tauri/src/record.rs). The save dialog answers the paths they were written to.
const CSV = '/home/you/Documents/Contacts.csv';
const XLSX = '/home/you/Documents/Contacts.xlsx';

function schemaOf(kind: Kind): KindSchema {
  const schema = recordedAnswer<KindSchema[]>('schema', {}, 'files').find((s) => s.kind === kind);
  if (!schema) throw new Error(`no ${kind} schema recorded`);
  return schema;
}

function start(save: string): ReplayBackend {
  return installReplayBackend(new ReplayBackend({ workspace: 'files', dialogs: { save: [save] } }));
}

afterEach(() => {
  uninstallMockBackend();
  toasts.items = [];
});

describe('export from a list', () => {
  it('exports only the filtered records as CSV for Excel, and says where', async () => {
    const backend = start(CSV);
    const written = recordedCalls('export', 'files').find((call) => call.args.path === CSV)
      ?.answer as ExportSummary;
    render(ListView, { schema: schemaOf('contact'), onopen: vi.fn(), onnew: vi.fn() });
    render(Toasts);
    await screen.findAllByTestId(/^row-/);
    await fireEvent.input(screen.getByTestId('filter-box'), { target: { value: 'smith' } });
    await waitFor(() => expect(screen.getByTestId('list-total')).toHaveTextContent('1 contact'));

    await fireEvent.click(screen.getByTestId('export-button'));
    expect(await screen.findByTestId('export-scope-shown')).toBeChecked();
    expect(screen.getByTestId('export-dialog')).toHaveTextContent('Only the 1 contact shown');
    await fireEvent.click(screen.getByTestId('export-format-csv-bom'));
    await fireEvent.click(screen.getByTestId('export-save'));

    const toast = await screen.findByTestId('toast-success');
    expect(toast).toHaveTextContent(`Wrote ${written.records} contact to ${CSV}`);
    expect(
      backend.calls.find((call) => call.command === 'dialog_save')?.args,
      'the dialog suggests a dated name',
    ).toEqual({ name: exportFileName('Contacts', 'csv', new Date()), extension: 'csv' });
    const options = backend.calls.find((call) => call.command === 'export')?.args
      .options as ExportOptions;
    expect(options).toMatchObject({ format: 'csv', bom: true, query: { text: 'smith' } });
    expect(screen.queryByTestId('export-dialog')).toBeNull();
  });

  it('exports everything when asked, offers vCard for contacts only, and closes on Escape', async () => {
    const backend = start(XLSX);
    render(ListView, { schema: schemaOf('company'), onopen: vi.fn(), onnew: vi.fn() });
    await screen.findByTestId('list-total');
    await fireEvent.click(screen.getByTestId('export-button'));
    expect(await screen.findByTestId('export-scope-all')).toBeChecked();
    // Without a filter there is nothing narrower to export.
    expect(screen.getByTestId('export-scope-shown')).toBeDisabled();
    expect(screen.queryByTestId('export-format-vcf')).toBeNull();
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByTestId('export-dialog')).toBeNull();
    expect(backend.calls.some((call) => call.command === 'export')).toBe(false);
  });

  it('exports every contact as XLSX', async () => {
    const backend = start(XLSX);
    render(ListView, { schema: schemaOf('contact'), onopen: vi.fn(), onnew: vi.fn() });
    await screen.findAllByTestId(/^row-/);
    await fireEvent.click(screen.getByTestId('export-button'));
    await fireEvent.click(await screen.findByTestId('export-format-xlsx'));
    await fireEvent.click(screen.getByTestId('export-save'));
    await waitFor(() => expect(screen.queryByTestId('export-dialog')).toBeNull());
    const options = backend.calls.find((call) => call.command === 'export')?.args
      .options as ExportOptions;
    expect(options).toMatchObject({ format: 'xlsx', bom: false, query: { text: null } });
  });
});

describe('export in Chinese', () => {
  afterEach(() => i18n.set('en'));

  it('offers the formats and records in Chinese, and says where it wrote', async () => {
    i18n.set('zh');
    start(XLSX);
    const [schema] = localizeSchemas([schemaOf('contact')], 'zh');
    if (!schema) throw new Error('the contact schema');
    render(ExportDialog, {
      schema,
      query: {
        text: null,
        sort: null,
        desc: false,
        offset: 0,
        limit: 200,
        filters: {},
        include_deleted: false,
      },
      shown: 14,
      onclose: vi.fn(),
    });
    render(Toasts);
    const dialog = screen.getByTestId('export-dialog');
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('导出联系人');
    expect(dialog).toHaveTextContent('格式');
    expect(dialog).toHaveTextContent('适用于 Excel 的 CSV');
    expect(dialog).toHaveTextContent('仅列表中显示的 14 条联系人');
    expect(dialog).toHaveTextContent('列表没有设置筛选条件：显示全部联系人。');
    expect(dialog).toHaveTextContent('全部联系人');
    expect(screen.getByTestId('export-cancel')).toHaveTextContent('取消');
    for (const english of ['Export', 'Format', 'Records', 'Only the', 'All contacts', 'Cancel']) {
      expect(dialog.textContent, `"${english}" is said in Chinese`).not.toContain(english);
    }
    await fireEvent.click(screen.getByTestId('export-format-xlsx'));
    await fireEvent.click(screen.getByTestId('export-save'));
    expect(await screen.findByTestId('toast-success')).toHaveTextContent(`条联系人写入 ${XLSX}`);
  });
});
