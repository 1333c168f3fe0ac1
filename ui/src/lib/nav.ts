//! Groups the schema's kinds into the sidebar's sections, keeping the engine's order.
import type { Kind, KindSchema } from '../ipc/api';
import { t, type MessageKey } from './i18n/index.svelte';

export type NavGroup = { title: string; items: KindSchema[] };

const SECTIONS: Array<{ title: MessageKey; kinds: readonly Kind[] }> = [
  { title: 'nav.people', kinds: ['contact', 'company', 'relationship', 'activity'] },
  { title: 'nav.sales', kinds: ['deal', 'product', 'order', 'order_line'] },
  { title: 'nav.service', kinds: ['ticket', 'feedback'] },
  { title: 'nav.marketing', kinds: ['campaign', 'campaign_member'] },
];

export function navGroups(schemas: readonly KindSchema[]): NavGroup[] {
  const groups: NavGroup[] = SECTIONS.map((section) => ({
    title: t(section.title),
    items: schemas.filter((schema) => section.kinds.includes(schema.kind)),
  }));
  const placed = new Set<Kind>(SECTIONS.flatMap((section) => section.kinds));
  const other = schemas.filter((schema) => !placed.has(schema.kind));
  if (other.length > 0) groups.push({ title: t('nav.other'), items: other });
  return groups.filter((group) => group.items.length > 0);
}
