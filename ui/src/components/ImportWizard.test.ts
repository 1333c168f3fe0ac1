import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../App.svelte';
import type { ImportOptions } from '../ipc/api';
import {
  installMockBackend,
  MOCK_CONTACTS_PATH,
  MOCK_SAVE_DIR,
  MOCK_WORKBOOK_PATH,
  MockBackend,
  uninstallMockBackend,
} from '../ipc/mock/install';
import { toasts } from '../lib/toast.svelte';

let backend: MockBackend;

afterEach(() => {
  uninstallMockBackend();
  window.location.hash = '';
  // Notifications are app-wide: none carries over to the next test.
  toasts.items = [];
});

function start(options: ConstructorParameters<typeof MockBackend>[0] = {}): void {
  backend = installMockBackend(new MockBackend({ chosen: true, ...options }));
  window.location.hash = '#/import';
  render(App);
}

/** The options of the last call of `command`. */
function lastOptions(command: string): ImportOptions {
  const call = backend.calls.filter((entry) => entry.command === command).at(-1);
  return call?.args.options as ImportOptions;
}

async function counts(prefix: string): Promise<Record<string, number>> {
  await screen.findByTestId(`${prefix}-count-created`);
  const result: Record<string, number> = {};
  for (const outcome of ['created', 'updated', 'merged', 'skipped', 'rejected']) {
    result[outcome] = Number(screen.getByTestId(`${prefix}-count-${outcome}`).textContent);
  }
  return result;
}

/**
 * Checks the counts a step shows against `sum`, the equation it writes under them
 * (`2 created + 1 updated + … = 6 rows`).
 */
async function expectCounts(prefix: string, sum: string): Promise<void> {
  const terms = sum.matchAll(/(\d+) (created|updated|merged|skipped|rejected)/g);
  const expected = Object.fromEntries([...terms].map(([, n, outcome]) => [outcome, Number(n)]));
  expect(await counts(prefix)).toEqual(expected);
  expect(screen.getByTestId(`${prefix}-equation`)).toHaveTextContent(sum);
}

/** Chooses `path` in the (mock's) file dialog, which reads it. */
async function readFile(path: string): Promise<void> {
  backend.nextPick = path;
  await fireEvent.click(await screen.findByTestId('import-choose'));
}

describe('the import wizard', () => {
  it('reads the file chosen in the dialog and shows how it reads', async () => {
    start();
    await readFile(MOCK_CONTACTS_PATH);
    expect(await screen.findByTestId('source-encoding')).toHaveTextContent('GBK');
    expect(screen.getByTestId('source-delimiter')).toHaveTextContent('Semicolon (;)');
    expect(screen.getByTestId('sample-table')).toHaveTextContent('赵磊');
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

  it('shows a file it cannot read plainly, with the engine’s message', async () => {
    start();
    await readFile('/home/you/missing.csv');
    const error = await screen.findByTestId('import-error');
    expect(error).toHaveTextContent("Kith can't read this file");
    expect(error).toHaveTextContent('/home/you/missing.csv');
    expect(screen.getByTestId('import-next')).toBeDisabled();
  });

  it('picks a workbook sheet', async () => {
    start();
    await readFile(MOCK_WORKBOOK_PATH);
    expect(await screen.findByTestId('source-sheet')).toHaveTextContent('Companies');
    await fireEvent.change(screen.getByTestId('import-sheet'), { target: { value: 'Notes' } });
    await waitFor(() => expect(screen.getByTestId('source-sheet')).toHaveTextContent('Notes'));
    expect(lastOptions('import_preview').read.sheet).toBe('Notes');
  });

  it('sends the mapping as edited: targets, custom field names, the user as the source', async () => {
    start();
    await readFile(MOCK_CONTACTS_PATH);
    await fireEvent.click(await screen.findByTestId('import-next'));
    expect(await screen.findByTestId('mapping-target-0')).toHaveValue('full_name');
    expect(screen.getByTestId('mapping-source-0')).toHaveTextContent('Synonym');
    expect(screen.getByTestId('mapping-target-6')).toHaveValue('custom');
    expect(screen.getByTestId('mapping-custom-6')).toHaveValue('微信');
    expect(screen.getByTestId('mapping-source-6')).toHaveTextContent('New custom field');
    expect(screen.getByTestId('mapping-date-5')).toHaveTextContent('03/04/1990');

    const custom = screen.getByTestId('mapping-custom-6');
    await fireEvent.input(custom, { target: { value: 'WeChat' } });
    await fireEvent.change(custom);
    await waitFor(() =>
      expect(lastOptions('import_preview').mapping?.[6]?.target).toBe('custom.WeChat'),
    );
    await fireEvent.change(screen.getByTestId('mapping-target-4'), { target: { value: 'ignore' } });
    await waitFor(() =>
      expect(lastOptions('import_preview').mapping?.[4]).toEqual({
        column: 4,
        header: '城市',
        target: 'ignore',
        source: 'user',
      }),
    );
    expect(lastOptions('import_preview').mapping?.[6]).toMatchObject({ target: 'custom.WeChat' });

    // Two columns into one field: the engine refuses and the column is named.
    await fireEvent.change(screen.getByTestId('mapping-target-2'), { target: { value: 'email' } });
    expect(await screen.findByTestId('import-error')).toHaveTextContent(
      "手机: 'email' is already filled from '邮箱'",
    );
    expect(screen.getByTestId('mapping-row-2')).toHaveClass('flagged');
  });

  it('saves a mapping under a name and starts from it next time', async () => {
    start();
    await readFile(MOCK_CONTACTS_PATH);
    await fireEvent.click(await screen.findByTestId('import-next'));
    await fireEvent.change(await screen.findByTestId('mapping-target-6'), {
      target: { value: 'ignore' },
    });
    await waitFor(() => expect(lastOptions('import_preview').mapping?.[6]?.target).toBe('ignore'));
    await fireEvent.click(screen.getByTestId('mapping-save'));
    await fireEvent.input(await screen.findByTestId('mapping-save-name'), {
      target: { value: 'WPS 客户' },
    });
    await fireEvent.click(screen.getByTestId('mapping-save-confirm'));
    await screen.findByTestId('mapping-saved');
    const call = backend.calls.find((entry) => entry.command === 'mapping_save');
    expect(call?.args).toMatchObject({ kind: 'contact', name: 'WPS 客户' });
    expect((call?.args.mapping as Array<{ target: string }>)[6]?.target).toBe('ignore');

    // A fresh read maps automatically again; the saved mapping brings the choice back.
    await fireEvent.click(screen.getByTestId('step-file'));
    await fireEvent.click(screen.getByTestId('import-preview-button'));
    await fireEvent.click(await screen.findByTestId('import-next'));
    expect(await screen.findByTestId('mapping-target-6')).toHaveValue('custom');
    await fireEvent.change(screen.getByTestId('mapping-saved'), { target: { value: 'WPS 客户' } });
    await waitFor(() => expect(screen.getByTestId('mapping-target-6')).toHaveValue('ignore'));
    expect(lastOptions('import_preview')).toMatchObject({
      mapping: null,
      mapping_name: 'WPS 客户',
    });
    expect(screen.getByTestId('mapping-source-6')).toHaveTextContent('Saved mapping');
  });

  it('lists past imports and undoes one from the history', async () => {
    start();
    await backend.handle('import_run', {
      path: MOCK_CONTACTS_PATH,
      kind: 'contact',
      options: {
        read: { encoding: null, delimiter: null, sheet: null, header_row: null },
        mapping: null,
        mapping_name: null,
        default_country: null,
        date_order: 'ymd',
        on_duplicate: 'skip',
        dry_run: false,
        overrides: [],
        rejects: null,
      },
    });
    window.location.hash = '#/import/history';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    const table = await screen.findByTestId('import-history');
    expect(table).toHaveTextContent('客户名单.csv');
    expect(table).toHaveTextContent('6 rows as contacts');
    const undo = within(table).getByRole('button', { name: /Undo/ });
    await fireEvent.click(undo);
    await fireEvent.click(await screen.findByTestId('confirm-ok'));
    expect(await screen.findByTestId('undo-result')).toHaveTextContent(
      'Undid the import of 客户名单.csv',
    );
    await waitFor(() => expect(within(table).getByText('Undone')).toBeInTheDocument());
    expect(within(table).getByRole('button', { name: /Undo/ })).toBeDisabled();
  });

  it('fixes a rejected row in place, asks for a date format, imports and undoes', async () => {
    start();
    await readFile(MOCK_CONTACTS_PATH);
    await fireEvent.click(await screen.findByTestId('import-next'));
    await fireEvent.input(await screen.findByTestId('import-country'), { target: { value: 'cn' } });
    await fireEvent.click(screen.getByTestId('import-dry-run'));

    // The birthday 03/04/1990 reads both ways and the email is bad: two rows rejected.
    await expectCounts(
      'dry-run',
      '2 created + 1 updated + 0 merged + 1 skipped + 2 rejected = 6 rows',
    );
    expect(lastOptions('import_run')).toMatchObject({ dry_run: true, default_country: 'CN' });
    expect(screen.getByTestId('import-start')).toBeDisabled();
    expect(screen.getByTestId('import-needs-date-order')).toBeInTheDocument();
    expect(screen.getByTestId('row-reason-3')).toHaveTextContent('liu.yang-at-example.cn');

    // Fix the email where it is; the dry run runs again with the fixed cell.
    const cell = screen.getByTestId('row-cell-3-1');
    expect(cell).toHaveAttribute('aria-invalid', 'true');
    await fireEvent.input(cell, { target: { value: 'liu.yang@example.cn' } });
    await fireEvent.click(await screen.findByTestId('import-dry-run-again'));
    await waitFor(() => expect(screen.queryByTestId('row-3')).toBeNull());
    expect(lastOptions('import_run').overrides).toEqual([
      { line: 3, action: null, cells: { 1: 'liu.yang@example.cn' } },
    ]);
    expect(await counts('dry-run')).toMatchObject({ created: 3, rejected: 1 });
    expect(screen.getByTestId('import-fixed')).toHaveTextContent('line 3');

    // Choose day-first dates on the Columns step; the fix is kept.
    await fireEvent.click(screen.getByTestId('step-mapping'));
    await fireEvent.change(await screen.findByTestId('import-date-order'), {
      target: { value: 'dmy' },
    });
    await waitFor(() => expect(lastOptions('import_preview').date_order).toBe('dmy'));
    await fireEvent.click(screen.getByTestId('import-dry-run'));
    await waitFor(() =>
      expect(screen.getByTestId('dry-run-count-rejected')).toHaveTextContent('0'),
    );
    await expectCounts(
      'dry-run',
      '3 created + 1 updated + 1 merged + 1 skipped + 0 rejected = 6 rows',
    );

    // Skip the row that would update 陈静, just this once.
    await fireEvent.change(screen.getByTestId('row-action-7'), { target: { value: 'skip' } });
    await fireEvent.click(screen.getByTestId('import-dry-run-again'));
    await waitFor(() => expect(screen.getByTestId('dry-run-count-updated')).toHaveTextContent('0'));
    expect(lastOptions('import_run').overrides).toEqual([
      { line: 3, action: null, cells: { 1: 'liu.yang@example.cn' } },
      { line: 7, action: 'skip', cells: {} },
    ]);

    await fireEvent.click(screen.getByTestId('import-start'));
    await expectCounts(
      'import-result',
      '3 created + 0 updated + 1 merged + 2 skipped + 0 rejected = 6 rows',
    );
    expect(lastOptions('import_run')).toMatchObject({ dry_run: false, date_order: 'dmy' });
    expect(screen.getByTestId('import-linked')).toHaveTextContent('1 company');
    await waitFor(() =>
      expect(within(screen.getByTestId('nav-contact')).getByText('10')).toBeInTheDocument(),
    );

    // The skipped rows go to a file, with their line and reason.
    await fireEvent.click(screen.getByTestId('import-save-rows'));
    expect(await screen.findByTestId('toast-success')).toHaveTextContent('Saved 2 rows');
    const saved = backend.files.get(`${MOCK_SAVE_DIR}/客户名单-not-imported.csv`) ?? '';
    expect(saved.split('\n')[0]).toBe('姓名,邮箱,手机,公司,城市,生日,微信,kith_line,kith_reason');

    await fireEvent.click(screen.getByTestId('import-undo'));
    await fireEvent.click(await screen.findByTestId('confirm-ok'));
    expect(await screen.findByTestId('undo-removed')).toHaveTextContent('Removed 4 records');
    expect(screen.getByTestId('import-undo')).toBeDisabled();
    await waitFor(() =>
      expect(within(screen.getByTestId('nav-contact')).getByText('7')).toBeInTheDocument(),
    );
  });

  it('shows progress while importing and says nothing changed after Cancel', async () => {
    start({ importRowDelayMs: 40 });
    await readFile(MOCK_CONTACTS_PATH);
    await fireEvent.click(await screen.findByTestId('import-next'));
    await fireEvent.change(await screen.findByTestId('import-date-order'), {
      target: { value: 'mdy' },
    });
    await waitFor(() => expect(lastOptions('import_preview').date_order).toBe('mdy'));
    await fireEvent.click(screen.getByTestId('import-dry-run'));
    await fireEvent.click(await screen.findByTestId('import-start', {}, { timeout: 3000 }));

    const progress = await screen.findByTestId('import-progress');
    await waitFor(() =>
      expect(screen.getByTestId('import-progress-text')).toHaveTextContent('rows/s'),
    );
    expect(within(progress).getByRole('progressbar')).toHaveAttribute('aria-valuenow');
    await fireEvent.click(screen.getByTestId('import-cancel'));
    expect(await screen.findByTestId('import-cancelled')).toHaveTextContent(
      'Cancelled — nothing was changed',
    );
    expect(backend.calls.some((call) => call.command === 'import_cancel')).toBe(true);
    const info = (await backend.handle('workspace_info')) as { counts: Record<string, number> };
    expect(info.counts.contact).toBe(7);
    expect(await backend.handle('import_list')).toEqual([]);
  });
});
