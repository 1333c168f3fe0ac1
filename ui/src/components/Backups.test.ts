import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import App from '../App.svelte';
import { installMockBackend, MockBackend, uninstallMockBackend } from '../ipc/mock/install';
import { BACKUPS_AFTER, BACKUPS_BEFORE, RESTORED } from '../ipc/mock/backups';

// The mock answers the backup commands with what the engine answered (see ipc/mock/backups.ts).
let backend: MockBackend;

beforeEach(() => {
  backend = installMockBackend(new MockBackend({ chosen: true }));
});

afterEach(() => {
  uninstallMockBackend();
  window.location.hash = '';
});

function rows(): string[] {
  return within(screen.getByTestId('backup-list'))
    .getAllByTestId('backup-row')
    .map((row) => row.textContent ?? '');
}

describe('the backups screen', () => {
  it('lists the backups newest first with why each was made, and the last one', async () => {
    window.location.hash = '#/backups';
    render(App);
    expect(await screen.findByTestId('backup-list')).toBeInTheDocument();
    expect(rows()).toEqual([
      expect.stringContaining('Before an import'),
      expect.stringContaining('Backed up by you'),
    ]);
    expect(screen.getByTestId('backup-summary')).toHaveTextContent(BACKUPS_BEFORE.folder);
    expect(screen.getByTestId('backup-last')).not.toHaveTextContent('None yet');
    expect(screen.getByTestId('nav-backups')).toHaveAttribute('aria-current', 'page');
  });

  it('backs up now and shows the new backup first', async () => {
    window.location.hash = '#/backups';
    render(App);
    await screen.findByTestId('backup-list');
    await fireEvent.click(screen.getByTestId('backup-now'));
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows()[0]).toContain('Backed up by you');
    expect(backend.calls.filter((call) => call.command === 'backup_create')).toHaveLength(1);
  });

  it('restores a backup by its name after asking, and says where the database as it was went', async () => {
    window.location.hash = '#/backups';
    render(App);
    await screen.findByTestId('backup-list');
    const name = RESTORED.restored.path.split('/').pop() ?? '';
    await fireEvent.click(screen.getByTestId(`backup-restore-${name}`));
    expect(backend.calls.some((call) => call.command === 'backup_restore')).toBe(false);
    await fireEvent.click(await screen.findByTestId('confirm-ok'));
    await waitFor(() => expect(rows()).toHaveLength(BACKUPS_AFTER.backups.length));
    expect(
      backend.calls.find((call) => call.command === 'backup_restore')?.args,
      'the app names the backup, never a path',
    ).toEqual({ name });
    expect(rows()[0]).toContain('Before a restore');
    expect(document.body).toHaveTextContent(RESTORED.previous.path.split('/').pop() ?? '');
  });

  it('changes how many backups the folder keeps', async () => {
    window.location.hash = '#/backups';
    render(App);
    await screen.findByTestId('backup-list');
    const keep = screen.getByTestId('backup-keep');
    expect(keep).toHaveValue(10);
    expect(screen.getByTestId('backup-keep-save')).toBeDisabled();
    await fireEvent.input(keep, { target: { value: '5' } });
    await fireEvent.click(screen.getByTestId('backup-keep-save'));
    await waitFor(() =>
      expect(backend.calls.find((call) => call.command === 'backup_keep')?.args).toEqual({
        keep: 5,
      }),
    );
    await waitFor(() => expect(screen.getByTestId('backup-keep-save')).toBeDisabled());
  });
});
