//! Helpers for the tests that run the UI against the mock backend.
import { defaultQuery, type EntityRecord, type Kind, type Page } from '../api';
import type { MockBackend } from './backend';

/** The first `kind` record that the list's filter finds for `text`; throws when none does. */
export async function firstRecord(
  backend: MockBackend,
  kind: Kind,
  text: string,
): Promise<EntityRecord> {
  const query = { ...defaultQuery(1), text };
  const page = (await backend.handle('record_list', { kind, query })) as Page;
  const record = page.rows[0];
  if (!record) throw new Error(`no ${kind} matches ${text}`);
  return record;
}
