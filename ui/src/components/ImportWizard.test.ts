import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BatchSummary, ImportOptions, KindSchema, UndoReport } from '../ipc/api';
import { recordedAnswer, recordedCalls } from '../ipc/mock/fixtures';
import { installReplayBackend, ReplayBackend, uninstallMockBackend } from '../ipc/mock/install';
import { i18n } from '../lib/i18n/index.svelte';
import { localizeSchemas } from '../lib/i18n/schema';
import { ImportSession } from '../lib/importSession.svelte';
import { toasts } from '../lib/toast.svelte';
import ImportHistory from './ImportHistory.svelte';
import ImportWizard from './ImportWizard.svelte';

// The engine's previews of canned files (a GBK, semicolon-separated contact list of the e2e
// suite and a two-sheet workbook), its imports and an undo, recorded in a workspace kept in a
// file (`files` in src-tauri/src/record.rs). What an import writes, and the fixes and choices
// that change it, are tested end to end (tests/e2e) against the engine.
const DOWNLOADS = '/home/you/Downloads';
let backend: ReplayBackend;

afterEach(() => {
  uninstallMockBackend();
  toasts.items = [];
});

const schemas = () => recordedAnswer<KindSchema[]>('schema', {}, 'files');

/** The wizard, with the open dialog picking `files` in turn. */
function start(...files: string[]): void {
  backend = installReplayBackend(
    new ReplayBackend({
      workspace: 'files',
      dialogs: { open: files.map((name) => `${DOWNLOADS}/${name}`) },
    }),
  );
  render(ImportWizard, {
    session: new ImportSession('contact'),
    schemas: schemas(),
    onopen: vi.fn(),
    onchanged: vi.fn(),
  });
}

/** The options of the last call of `command`. */
function lastOptions(command: string): ImportOptions {
  const call = backend.calls.filter((entry) => entry.command === command).at(-1);
  return call?.args.options as ImportOptions;
}

describe('the import wizard', () => {
  it('reads the file chosen in the dialog and shows how it reads', async () => {
    start('contacts-gbk.csv');
    await fireEvent.click(await screen.findByTestId('import-choose'));
    expect(await screen.findByTestId('source-encoding')).toHaveTextContent('GBK');
    expect(screen.getByTestId('source-delimiter')).toHaveTextContent('Semicolon (;)');
    expect(screen.getByTestId('sample-table')).toHaveTextContent('张伟明');
    expect(lastOptions('import_preview').read).toEqual({
      encoding: null,
      delimiter: null,
      sheet: null,
      header_row: null,
    });

    // Another delimiter reads the file again: every line is one column now.
    await fireEvent.change(screen.getByTestId('import-delimiter'), { target: { value: ',' } });
    await waitFor(() => expect(screen.getByTestId('import-source')).toHaveTextContent('1 columns'));
    expect(lastOptions('import_preview').read.delimiter).toBe(',');
  });

  it('shows how the engine mapped the columns, and where each mapping came from', async () => {
    start('contacts-gbk.csv');
    await fireEvent.click(await screen.findByTestId('import-choose'));
    await fireEvent.click(await screen.findByTestId('import-next'));
    expect(await screen.findByTestId('mapping-target-0')).toHaveValue('full_name');
    expect(screen.getByTestId('mapping-source-0')).toHaveTextContent('Synonym');
    expect(screen.getByTestId('mapping-target-5')).toHaveValue('custom');
    expect(screen.getByTestId('mapping-custom-5')).toHaveValue('微信');
    expect(screen.getByTestId('mapping-source-5')).toHaveTextContent('New custom field');
  });

  it('shows a file it cannot read plainly, with the engine’s message', async () => {
    start('missing.csv');
    await fireEvent.click(await screen.findByTestId('import-choose'));
    const error = await screen.findByTestId('import-error');
    expect(error).toHaveTextContent("Kith can't read this file");
    expect(error).toHaveTextContent(`${DOWNLOADS}/missing.csv`);
    expect(screen.getByTestId('import-next')).toBeDisabled();
  });

  it('picks a workbook sheet', async () => {
    start('contacts.xls');
    await fireEvent.click(await screen.findByTestId('import-choose'));
    expect(await screen.findByTestId('source-sheet')).toHaveTextContent('Contacts');
    // The engine's words about the sheet, as it wrote them: the title rows passed over, the
    // empty and totals rows skipped.
    expect(screen.getByTestId('source-warnings')).toHaveTextContent(
      '2 rows above the header (rows 1–2) were skipped',
    );
    const table = screen.getByTestId('sample-table');
    expect(table).toHaveTextContent('Skipped: empty row');
    expect(table).toHaveTextContent('Skipped: total row');
    await fireEvent.change(screen.getByTestId('import-sheet'), { target: { value: 'Cover' } });
    expect(lastOptions('import_preview').read.sheet).toBe('Cover');
    expect(
      await screen.findByTestId('import-error'),
      'the empty cover sheet, as the engine refused it',
    ).toBeInTheDocument();
  });
});

describe('the import history', () => {
  it('lists past imports and undoes one', async () => {
    backend = installReplayBackend(new ReplayBackend({ workspace: 'files' }));
    const batches = recordedAnswer<BatchSummary[]>('import_list', {}, 'files');
    const [undo] = recordedCalls('import_undo', 'files');
    const undone = batches.find((batch) => batch.id === undo?.args.batch);
    if (!undone) throw new Error('the undone import is listed');
    render(ImportHistory, { schemas: schemas(), onchanged: vi.fn() });
    const table = await screen.findByTestId('import-history');
    expect(table).toHaveTextContent('google_contacts.csv');
    expect(table).toHaveTextContent('contacts-odd-phone.csv');
    await fireEvent.click(screen.getByTestId(`history-undo-${undone.id}`));
    await fireEvent.click(await screen.findByTestId('confirm-ok'));
    const report = undo?.answer as UndoReport;
    expect(await screen.findByTestId('undo-result')).toHaveTextContent(
      'Undid the import of google_contacts.csv',
    );
    expect(backend.calls.find((call) => call.command === 'import_undo')?.args).toEqual({
      batch: undone.id,
    });
    expect(report.removed, 'the engine removed what the import created').toBeGreaterThan(0);
    expect(within(table).getAllByRole('row').length).toBeGreaterThan(1);
  });
});

describe('the import wizard in Chinese', () => {
  afterEach(() => i18n.set('en'));

  /** The wizard in Chinese, on the schema as the shell gives it (its labels in Chinese). */
  function startInChinese(file: string): void {
    i18n.set('zh');
    backend = installReplayBackend(
      new ReplayBackend({ workspace: 'files', dialogs: { open: [`${DOWNLOADS}/${file}`] } }),
    );
    render(ImportWizard, {
      session: new ImportSession('contact'),
      schemas: localizeSchemas(schemas(), 'zh'),
      onopen: vi.fn(),
      onchanged: vi.fn(),
    });
  }

  it('names the steps, the file and how it reads in Chinese', async () => {
    startInChinese('contacts-gbk.csv');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('导入联系人');
    const steps = screen.getByRole('list', { name: '导入步骤' });
    expect(steps).toHaveTextContent('文件');
    expect(steps).toHaveTextContent('列映射');
    expect(steps).toHaveTextContent('试运行');
    expect(screen.getByTestId('import-path')).toHaveTextContent('未选择文件');

    await fireEvent.click(await screen.findByTestId('import-choose'));
    expect(await screen.findByTestId('source-delimiter')).toHaveTextContent('分号（;）');
    expect(screen.getByTestId('source-format')).toHaveTextContent('CSV 文本');
    expect(screen.getByTestId('import-source')).toHaveTextContent('6 列');
    expect(screen.getByTestId('import-next')).toHaveTextContent('下一步：列映射');
    const page = document.body.textContent ?? '';
    for (const english of ['Import contacts', 'Semicolon', 'Delimiter', 'Encoding', 'Dry run']) {
      expect(page, `"${english}" is said in Chinese`).not.toContain(english);
    }
  });

  it('says what the engine found in the file in Chinese, by its codes', async () => {
    startInChinese('contacts.xls');
    await fireEvent.click(await screen.findByTestId('import-choose'));
    expect(await screen.findByTestId('source-warnings')).toHaveTextContent(
      '已跳过表头上方的 2 行（第 1–2 行）。',
    );
    const table = screen.getByTestId('sample-table');
    expect(table).toHaveTextContent('已跳过：空行');
    expect(table).toHaveTextContent('已跳过：合计行');
    const said = `${screen.getByTestId('source-warnings').textContent} ${table.textContent}`;
    for (const english of ['above the header', 'skipped', 'empty row', 'total row']) {
      expect(said, `"${english}" is said in Chinese`).not.toContain(english);
    }
  });

  it('says how each column maps, by the schema’s Chinese labels', async () => {
    startInChinese('contacts-gbk.csv');
    await fireEvent.click(await screen.findByTestId('import-choose'));
    await fireEvent.click(await screen.findByTestId('import-next'));
    const target = await screen.findByTestId('mapping-target-1');
    expect(target).toHaveValue('email');
    expect(within(target).getByRole('option', { selected: true })).toHaveTextContent('邮箱');
    expect(screen.getByTestId('mapping-source-0')).toHaveTextContent('同义词');
    expect(screen.getByTestId('mapping-source-5')).toHaveTextContent('新建自定义字段');
    const table = screen.getByTestId('mapping-table');
    expect(table).toHaveTextContent('文件中的列');
    expect(table).toHaveTextContent('导入到');
    expect(screen.getByTestId('on-duplicate-merge').closest('label')).toHaveTextContent('合并');
    const page = document.body.textContent ?? '';
    for (const english of ['Synonym', 'Column in the file', 'Phone numbers', 'Duplicates']) {
      expect(page, `"${english}" is said in Chinese`).not.toContain(english);
    }
  });

  it('lists past imports in Chinese', async () => {
    i18n.set('zh');
    installReplayBackend(new ReplayBackend({ workspace: 'files' }));
    render(ImportHistory, { schemas: localizeSchemas(schemas(), 'zh'), onchanged: vi.fn() });
    const table = await screen.findByTestId('import-history');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('导入记录');
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((header) => header.textContent?.trim());
    expect(headers.slice(0, 4)).toEqual(['文件', '导入时间', '已新建', '已更新']);
    expect(table).toHaveTextContent('导入为联系人');
    expect(table).toHaveTextContent('撤销');
    for (const english of ['File', 'Imported', 'Created', 'rows as', 'Undo']) {
      expect(table.textContent, `"${english}" is said in Chinese`).not.toContain(english);
    }
  });
});
