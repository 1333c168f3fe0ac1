import { afterEach, describe, expect, it, vi } from 'vitest';
import { en } from './en';
import { zh } from './zh';
import { detectLanguage, fill, i18n, STORAGE_KEY, t, tn } from './index.svelte';

/** The `{name}` placeholders of a message, sorted. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}

describe('the catalogs', () => {
  it('have exactly the same keys in English and Chinese', () => {
    // A key only one language has is a text the other shows as its key, or never shows.
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('have the same placeholders for every key', () => {
    // A placeholder the translation drops is a figure the user never sees.
    const differing = Object.keys(en).filter((key) => {
      const k = key as keyof typeof en;
      return placeholders(en[k]).join() !== placeholders(zh[k]).join();
    });
    expect(differing).toEqual([]);
  });

  it('have no empty message', () => {
    const empty = [...Object.entries(en), ...Object.entries(zh)].filter(([, text]) => !text);
    expect(empty).toEqual([]);
  });

  it('come in pairs for counts', () => {
    // tn() picks `.one` or `.other`: a stem without both would show a key.
    const keys = new Set(Object.keys(en));
    const orphans = [...keys].filter(
      (key) =>
        (key.endsWith('.one') && !keys.has(key.replace(/\.one$/, '.other'))) ||
        (key.endsWith('.other') &&
          !keys.has(key.replace(/\.other$/, '.one')) &&
          keys.has(key.replace(/\.other$/, ''))),
    );
    expect(orphans).toEqual([]);
  });
});

describe('detectLanguage', () => {
  it('speaks Chinese to a Chinese system and English to any other', () => {
    expect(detectLanguage('zh-CN')).toBe('zh');
    expect(detectLanguage('zh-Hans-CN')).toBe('zh');
    expect(detectLanguage('zh')).toBe('zh');
    expect(detectLanguage('en-GB')).toBe('en');
    expect(detectLanguage('de-DE')).toBe('en');
    expect(detectLanguage(undefined)).toBe('en');
  });
});

describe('fill', () => {
  it('fills placeholders and writes numbers in the locale', () => {
    expect(fill('{count} records of {kind}', { count: 12345, kind: 'contacts' }, 'en-US')).toBe(
      '12,345 records of contacts',
    );
    expect(fill('{count} 条记录', { count: 12345 }, 'zh-CN')).toBe('12,345 条记录');
  });

  it('leaves a placeholder without a value visible rather than dropping it', () => {
    expect(fill('Saved “{title}”.', {}, 'en-US')).toBe('Saved “{title}”.');
  });
});

describe('switching the language', () => {
  afterEach(() => i18n.set('en'));

  it('changes what t() says and keeps the choice', () => {
    i18n.set('zh');
    expect(t('nav.today')).toBe('今日');
    expect(i18n.locale).toBe('zh-CN');
    expect(localStorage.getItem(STORAGE_KEY)).toBe('zh');
    i18n.set('en');
    expect(t('nav.today')).toBe('Today');
    expect(localStorage.getItem(STORAGE_KEY)).toBe('en');
  });

  it('picks the count form the language needs', () => {
    expect(tn('common.records', 1)).toBe('1 record');
    expect(tn('common.records', 1200)).toBe('1,200 records');
    i18n.set('zh');
    expect(tn('common.records', 1)).toBe('1 条记录');
  });
});

describe('the Chinese catalog, a chunk of its own', () => {
  afterEach(() => localStorage.removeItem(STORAGE_KEY));

  /** The i18n module as a window starts with it: only English loaded. */
  async function fresh() {
    vi.resetModules();
    return import('./index.svelte');
  }

  it('is loaded when Chinese is chosen, and shown once it is', async () => {
    const { i18n: started, t: say } = await fresh();
    const switched = started.set('zh');
    expect(started.language, 'nothing half-translated meanwhile').toBe('en');
    await switched;
    expect(say('nav.today')).toBe('今日');
    await started.set('en');
  });

  it('is loaded before the first screen when the window speaks Chinese', async () => {
    localStorage.setItem(STORAGE_KEY, 'zh');
    const { i18n: started, t: say } = await fresh();
    await started.ready;
    expect(started.language).toBe('zh');
    expect(say('app.opening')).toBe('正在打开 Kith…');
    expect(document.documentElement.lang).toBe('zh-CN');
    await started.set('en');
  });

  it('shows the language chosen last when an earlier choice loads later', async () => {
    const { i18n: started } = await fresh();
    const chinese = started.set('zh');
    await started.set('en');
    await chinese;
    expect(started.language).toBe('en');
  });
});
