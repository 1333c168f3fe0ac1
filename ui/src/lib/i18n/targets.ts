//! An import's targets by name in the window's language: a field of the kind by its schema
//! label, Kith's own targets (full name, tags, order lines, …) from the catalog. Apart from
//! the import wizard's logic, so a refusal of a mapping (`issues.ts`) can name its field.
import type { Kind } from '../../ipc/bindings/Kind';
import type { TargetDef } from '../../ipc/bindings/TargetDef';
import { i18n, t, type Language, type MessageKey } from './index.svelte';
import { ZH_SCHEMA } from './schemaLabels';

/** Kith's own targets, which are no field of the kind (a field is named by the schema). */
const TARGET_LABEL: Readonly<Record<string, MessageKey>> = {
  id: 'import.target.id',
  full_name: 'import.target.fullName',
  customer_no: 'import.target.customer',
  'line.product': 'import.target.lineProduct',
  'line.description': 'import.target.lineDescription',
  'line.quantity': 'import.target.lineQuantity',
  'line.unit_price': 'import.target.lineUnitPrice',
  'line.amount': 'import.target.lineAmount',
  tags: 'import.target.tags',
  ignore: 'import.target.ignore',
};

/**
 * A target as the mapping shows it: English as the engine labels it; Chinese names a field of
 * the kind by the schema's label (`company` and `contact` link by name, and stand for
 * `company_id` and `contact_id`) and Kith's other targets from the catalog.
 */
export function targetLabel(
  kind: Kind,
  target: TargetDef,
  language: Language = i18n.language,
): string {
  if (language === 'en') return target.label;
  const field =
    target.key === 'company' ? 'company_id' : target.key === 'contact' ? 'contact_id' : target.key;
  const fields = ZH_SCHEMA[kind]?.fields ?? {};
  if (Object.hasOwn(fields, field)) return fields[field] ?? target.label;
  return Object.hasOwn(TARGET_LABEL, target.key)
    ? t(TARGET_LABEL[target.key] as MessageKey)
    : target.label;
}
