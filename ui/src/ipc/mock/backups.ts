//! Backups as the engine answered them (recorded with the `kith` CLI: `backup create --json`,
//! an import, `backup list --json`, `backup create --json`, `backup restore FILE --json` of the
//! first backup, `backup list --json`, on a demo database in ~/.local/share/kith). The mock
//! answers `backup_list`, `backup_create`, `backup_restore` and `backup_keep` from these
//! alone: the list before, the backup made, and after a restore the list with the backup of
//! the database as it was. No copying happens here.
import type { BackupInfo } from '../bindings/BackupInfo';
import type { BackupList } from '../bindings/BackupList';
import type { RestoreReport } from '../bindings/RestoreReport';

/** `backup_list` after a manual backup and an import (which backed up first). */
export const BACKUPS_BEFORE: BackupList = {
  backups: [
    {
      bytes: 2260992,
      created_at: '2026-12-06T22:36:29.521Z',
      path: '/home/mei/.local/share/kith/backups/kith-20261206-223629-521-before-import.db',
      reason: 'before-import',
      schema: 7,
    },
    {
      bytes: 2260992,
      created_at: '2026-12-06T22:36:28.465Z',
      path: '/home/mei/.local/share/kith/backups/kith-20261206-223628-465-manual.db',
      reason: 'manual',
      schema: 7,
    },
  ],
  folder: '/home/mei/.local/share/kith/backups',
  keep: 10,
};

/** `backup_create`: the backup made. */
export const BACKUP_MADE: BackupInfo = {
  bytes: 2277376,
  created_at: '2026-12-06T22:36:30.271Z',
  path: '/home/mei/.local/share/kith/backups/kith-20261206-223630-271-manual.db',
  reason: 'manual',
  schema: 7,
};

/** `backup_restore` of the first (manual) backup. */
export const RESTORED: RestoreReport = {
  previous: {
    bytes: 2277376,
    created_at: '2026-12-06T22:36:30.294Z',
    path: '/home/mei/.local/share/kith/backups/kith-20261206-223630-294-before-restore.db',
    reason: 'before-restore',
    schema: 7,
  },
  restored: {
    bytes: 2260992,
    created_at: '2026-12-06T22:36:28.465Z',
    path: '/home/mei/.local/share/kith/backups/kith-20261206-223628-465-manual.db',
    reason: 'manual',
    schema: 7,
  },
};

/** `backup_list` after the restore. */
export const BACKUPS_AFTER: BackupList = {
  backups: [
    {
      bytes: 2277376,
      created_at: '2026-12-06T22:36:30.294Z',
      path: '/home/mei/.local/share/kith/backups/kith-20261206-223630-294-before-restore.db',
      reason: 'before-restore',
      schema: 7,
    },
    {
      bytes: 2277376,
      created_at: '2026-12-06T22:36:30.271Z',
      path: '/home/mei/.local/share/kith/backups/kith-20261206-223630-271-manual.db',
      reason: 'manual',
      schema: 7,
    },
    {
      bytes: 2260992,
      created_at: '2026-12-06T22:36:29.521Z',
      path: '/home/mei/.local/share/kith/backups/kith-20261206-223629-521-before-import.db',
      reason: 'before-import',
      schema: 7,
    },
    {
      bytes: 2260992,
      created_at: '2026-12-06T22:36:28.465Z',
      path: '/home/mei/.local/share/kith/backups/kith-20261206-223628-465-manual.db',
      reason: 'manual',
      schema: 7,
    },
  ],
  folder: '/home/mei/.local/share/kith/backups',
  keep: 10,
};
