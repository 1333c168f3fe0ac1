import { afterEach, describe, expect, it } from 'vitest';
import type { KindSchema } from '../../ipc/api';
import { i18n } from './index.svelte';
import { choiceLabel, isCurrency, localizeSchemas, ZH_SCHEMA } from './schema';

const FIXTURES = import.meta.glob<Array<{ answer: KindSchema[] }>>(
  '../../ipc/mock/fixtures/*/schema.json',
  { eager: true, import: 'default' },
);

/** Every schema the engine answered while recording, in every recorded workspace. */
function recordedSchemas(): KindSchema[] {
  return Object.values(FIXTURES).flatMap((calls) => calls.flatMap((call) => call.answer));
}

describe('the engine labels in Chinese', () => {
  const schemas = recordedSchemas();

  it('read the recorded schema', () => {
    // Without the fixture the walk below would pass on nothing.
    expect(schemas.length).toBeGreaterThan(10);
  });

  it('name every kind, field and choice the engine sends', () => {
    const missing: string[] = [];
    for (const schema of schemas) {
      const zh = ZH_SCHEMA[schema.kind];
      if (!zh) {
        missing.push(schema.kind);
        continue;
      }
      for (const field of schema.fields) {
        if (!zh.fields[field.name]) missing.push(`${schema.kind}.${field.name}`);
        if (isCurrency(field.name)) continue;
        for (const choice of field.choices) {
          if (!zh.choices?.[field.name]?.[choice])
            missing.push(`${schema.kind}.${field.name}.${choice}`);
        }
      }
    }
    expect([...new Set(missing)]).toEqual([]);
  });

  it('name no field or choice the engine no longer sends', () => {
    // A stale entry hides a renamed field that has lost its translation.
    const sent = new Set(
      schemas.flatMap((schema) => [
        ...schema.fields.map((field) => `${schema.kind}.${field.name}`),
        ...schema.fields.flatMap((field) =>
          field.choices.map((choice) => `${schema.kind}.${field.name}.${choice}`),
        ),
      ]),
    );
    const stale = Object.entries(ZH_SCHEMA).flatMap(([kind, labels]) => [
      ...Object.keys(labels.fields)
        .map((field) => `${kind}.${field}`)
        .filter((key) => !sent.has(key)),
      ...Object.entries(labels.choices ?? {}).flatMap(([field, choices]) =>
        Object.keys(choices)
          .map((choice) => `${kind}.${field}.${choice}`)
          .filter((key) => !sent.has(key)),
      ),
    ]);
    expect(stale).toEqual([]);
  });

  it('name every currency the engine offers', () => {
    const currencies = new Set(
      schemas.flatMap((schema) =>
        schema.fields.filter((field) => isCurrency(field.name)).flatMap((field) => field.choices),
      ),
    );
    expect(currencies.size).toBeGreaterThan(0);
    const unnamed = [...currencies].filter(
      (code) => choiceLabel('deal', 'currency', code, 'zh') === code,
    );
    expect(unnamed).toEqual([]);
    expect(choiceLabel('deal', 'currency', 'CNY', 'zh')).toBe('CNY 人民币');
  });
});

describe('localizeSchemas', () => {
  afterEach(() => i18n.set('en'));

  it('keeps the engine labels in English and uses the Chinese ones in Chinese', () => {
    const schemas = recordedSchemas().slice(0, 13);
    const contact = (list: KindSchema[]) => list.find((schema) => schema.kind === 'contact');
    expect(contact(localizeSchemas(schemas, 'en'))?.plural).toBe('Contacts');
    const zh = contact(localizeSchemas(schemas, 'zh'));
    expect(zh?.plural).toBe('联系人');
    expect(zh?.fields.find((field) => field.name === 'email')?.label).toBe('邮箱');
    // The field names and choice values the engine reads stay its own.
    expect(zh?.fields.map((field) => field.name)).toEqual(
      contact(schemas)?.fields.map((field) => field.name),
    );
  });

  it('follows the window language when none is given', () => {
    i18n.set('zh');
    expect(choiceLabel('deal', 'stage', 'won')).toBe('赢单');
    i18n.set('en');
    expect(choiceLabel('deal', 'stage', 'won')).toBe('won');
  });
});
