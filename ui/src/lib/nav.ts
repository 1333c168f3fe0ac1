//! Groups the schema's kinds into the sidebar's sections, keeping the engine's order.
import type { Kind, KindSchema } from '../ipc/api';

export type NavGroup = { title: string; items: KindSchema[] };

const SECTIONS: Array<{ title: string; kinds: readonly Kind[] }> = [
  { title: 'People & companies', kinds: ['contact', 'company', 'relationship', 'activity'] },
  { title: 'Sales', kinds: ['deal', 'product', 'order', 'order_line'] },
  { title: 'Service', kinds: ['ticket', 'feedback'] },
  { title: 'Marketing', kinds: ['campaign', 'campaign_member'] },
];

export function navGroups(schemas: readonly KindSchema[]): NavGroup[] {
  const groups: NavGroup[] = SECTIONS.map((section) => ({
    title: section.title,
    items: schemas.filter((schema) => section.kinds.includes(schema.kind)),
  }));
  const placed = new Set<Kind>(SECTIONS.flatMap((section) => section.kinds));
  const other = schemas.filter((schema) => !placed.has(schema.kind));
  if (other.length > 0) groups.push({ title: 'Other', items: other });
  return groups.filter((group) => group.items.length > 0);
}
