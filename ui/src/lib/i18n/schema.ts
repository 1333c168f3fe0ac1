//! The engine's labels in the window's language. The schema the engine sends names every
//! kind, field and choice in English (src/kinds.rs); English shows them as sent, Chinese finds
//! them here by their stable keys (kind, field name, stored choice value). `schema.test.ts`
//! walks the recorded schema and fails on any kind, field or choice without a Chinese label.
import type { FieldSchema, Kind, KindSchema } from '../../ipc/api';
import { stageNames } from '../stages.svelte';
import { i18n, type Language } from './index.svelte';
import { ZH_SCHEMA } from './schemaLabels';

export { ZH_SCHEMA };

/** Fields whose choices are ISO 4217 currency codes, named by the locale's own words. */
function isCurrency(field: string): boolean {
  return field === 'currency';
}

/** A currency code with its name in `locale` ("CNY 人民币"), or the code alone. */
function currencyLabel(code: string, locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'currency' }).of(code);
    return name && name !== code ? `${code} ${name}` : code;
  } catch {
    return code;
  }
}

/**
 * A stored choice value as the user reads it: a deal stage by the name the user gave it, else
 * English shows the engine's value, Chinese its label; a value the schema does not know is
 * shown as stored.
 */
export function choiceLabel(
  kind: Kind,
  field: string,
  value: string,
  language: Language = i18n.language,
): string {
  // A deal stage the user renamed has their name in any language.
  const named = kind === 'deal' && field === 'stage' ? stageNames.names[value] : undefined;
  if (named) return named;
  if (language === 'en') return value;
  if (isCurrency(field)) return currencyLabel(value, 'zh-CN');
  return ZH_SCHEMA[kind]?.choices?.[field]?.[value] ?? value;
}

/** A field's label in the window's language (the engine's English label otherwise). */
export function fieldLabel(
  kind: Kind,
  field: FieldSchema,
  language: Language = i18n.language,
): string {
  if (language === 'en') return field.label;
  return ZH_SCHEMA[kind]?.fields[field.name] ?? field.label;
}

/**
 * The schema with every kind and field label in `language`, for the screens that show them
 * (lists, forms, the sidebar). Field names, kinds and choice values stay the engine's.
 */
export function localizeSchemas(
  schemas: readonly KindSchema[],
  language: Language = i18n.language,
): KindSchema[] {
  if (language === 'en') return [...schemas];
  return schemas.map((schema) => {
    const zh = ZH_SCHEMA[schema.kind];
    return {
      ...schema,
      label: zh?.label ?? schema.label,
      plural: zh?.plural ?? schema.plural,
      fields: schema.fields.map((field) => ({
        ...field,
        label: fieldLabel(schema.kind, field, language),
      })),
    };
  });
}

/** Whether a field's choices are currencies (no Chinese entry needed: Intl names them). */
export { isCurrency };
