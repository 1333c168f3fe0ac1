import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackupInfo, BackupList, RestoreReport } from '../ipc/api';
import { recordedAnswer, recordedCalls } from '../ipc/mock/fixtures';
import { installReplayBackend, ReplayBackend, uninstallMockBackend } from '../ipc/mock/install';
import { i18n } from '../lib/i18n/index.svelte';
import { basename } from '../lib/importing';
import { toasts } from '../lib/toast.svelte';
import Backups from './Backups.svelte';
import Toasts from './Toasts.svelte';

// The backups the engine made and listed in a workspace kept in a file (`files` in
// src-tauri/src/record.rs): one by hand, one before each import and before an undo.
let backend: ReplayBackend;

beforeEach(() => {
  backend = installReplayBackend(new ReplayBackend({ workspace: 'files' }));
});

afterEach(() => {
  uninstallMockBackend();
  toasts.items = [];
});

const listed = () => recordedAnswer<BackupList>('backup_list', {}, 'files');

function rows(): string[] {
  return within(screen.getByTestId('backup-list'))
    .getAllByTestId('backup-row')
    .map((row) => row.textContent ?? '');
}

describe('the backups screen', () => {
  it('lists the backups newest first with why each was made, and the last one', async () => {
    render(Backups, { onchanged: vi.fn() });
    expect(await screen.findByTestId('backup-list')).toBeInTheDocument();
    const list = listed();
    expect(rows(), "one row per backup, in the engine's order").toHaveLength(list.backups.length);
    expect(rows()[0], 'the newest: before the undo').toContain('Before undoing an import');
    expect(rows().at(-1), 'the oldest: made by hand').toContain('Backed up by you');
    expect(rows().filter((row) => row.includes('Before an import'))).toHaveLength(2);
    expect(screen.getByTestId('backup-summary')).toHaveTextContent(list.folder);
    expect(screen.getByTestId('backup-last')).not.toHaveTextContent('None yet');
  });

  it('backs up now, says where, and lists the backups again', async () => {
    render(Backups, { onchanged: vi.fn() });
    render(Toasts);
    await screen.findByTestId('backup-list');
    await fireEvent.click(screen.getByTestId('backup-now'));
    const made = recordedAnswer<BackupInfo>('backup_create', {}, 'files');
    expect(await screen.findByTestId('toast-success')).toHaveTextContent(
      `Backed up to ${basename(made.path)}`,
    );
    await waitFor(() =>
      expect(backend.calls.filter((call) => call.command === 'backup_list')).toHaveLength(2),
    );
  });

  it('restores a backup by its name after asking, and says where the database as it was went', async () => {
    const [call] = recordedCalls('backup_restore', 'files');
    const name = String(call?.args.name);
    const report = call?.answer as RestoreReport;
    const onchanged = vi.fn();
    render(Backups, { onchanged });
    render(Toasts);
    await screen.findByTestId('backup-list');
    await fireEvent.click(screen.getByTestId(`backup-restore-${name}`));
    expect(backend.calls.some((entry) => entry.command === 'backup_restore')).toBe(false);
    await fireEvent.click(await screen.findByTestId('confirm-ok'));
    expect(await screen.findByTestId('toast-success')).toHaveTextContent(
      basename(report.previous.path),
    );
    expect(
      backend.calls.find((entry) => entry.command === 'backup_restore')?.args,
      'the app names the backup, never a path',
    ).toEqual({ name });
    expect(onchanged, 'the rest of the app reads the restored data again').toHaveBeenCalled();
  });

  it('changes how many backups the folder keeps', async () => {
    render(Backups, { onchanged: vi.fn() });
    await screen.findByTestId('backup-list');
    const keep = screen.getByTestId('backup-keep');
    expect(keep).toHaveValue(listed().keep);
    expect(screen.getByTestId('backup-keep-save')).toBeDisabled();
    await fireEvent.input(keep, { target: { value: '5' } });
    await fireEvent.click(screen.getByTestId('backup-keep-save'));
    await waitFor(() =>
      expect(backend.calls.find((call) => call.command === 'backup_keep')?.args).toEqual({
        keep: 5,
      }),
    );
    await waitFor(() => expect(screen.getByTestId('backup-keep-save')).toBeDisabled());
    expect(keep).toHaveValue(5);
  });
});

describe('the backups screen in Chinese', () => {
  afterEach(() => i18n.set('en'));

  it('lists the backups and backs up now in Chinese', async () => {
    i18n.set('zh');
    render(Backups, { onchanged: vi.fn() });
    render(Toasts);
    const table = await screen.findByTestId('backup-list');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('备份');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .slice(0, 3)
        .map((header) => header.textContent?.trim()),
    ).toEqual(['创建时间', '原因', '大小']);
    expect(rows()[0]).toContain('撤销导入前');
    expect(rows().at(-1)).toContain('手动备份');
    expect(screen.getByTestId('backup-summary')).toHaveTextContent('上次备份');
    expect(screen.getByTestId('backup-summary')).toHaveTextContent('保留最新的');
    expect(screen.getByTestId('backup-now')).toHaveTextContent('立即备份');
    for (const english of ['Before', 'Backed up', 'Last backup', 'Made', 'Restore']) {
      expect(document.body.textContent, `"${english}" is said in Chinese`).not.toContain(english);
    }

    await fireEvent.click(screen.getByTestId('backup-now'));
    expect(await screen.findByTestId('toast-success')).toHaveTextContent('已备份到');
  });
});
