//! Candidates for a ref field's picker. The engine's `search` covers contacts, companies,
//! deals and notes; other kinds (products, orders, campaigns…) are found with a filtered
//! `record_list` instead.
import { defaultQuery, listRecords, search, type Kind, type SearchHit } from '../ipc/api';

const SEARCHABLE: ReadonlySet<Kind> = new Set<Kind>(['contact', 'company', 'deal', 'activity']);

export async function findRefCandidates(kind: Kind, text: string, limit = 8): Promise<SearchHit[]> {
  if (SEARCHABLE.has(kind)) return search(text, limit, [kind]);
  const page = await listRecords(kind, { ...defaultQuery(limit), text: text || null });
  return page.rows.map((record) => ({
    kind: record.kind,
    id: record.id,
    title: record.title,
    subtitle: '',
  }));
}
