//! The window's language: English or 简体中文, detected from the system at first start
//! (`navigator.language`: zh* is Chinese, anything else English), kept in this window's
//! storage, switchable in Settings. `t(key, params)` reads the current language, so every
//! text written with it is shown again in the new language the moment it is switched.
//! Catalogs: `en.ts` (the keys) and `zh.ts` (typed by them: a missing key fails the check).
//! English is always loaded (the palette finds actions by their English names in any
//! language); Chinese is a chunk of its own, loaded before the first screen is drawn when the
//! window speaks it (`i18n.ready`, which main.ts waits for), or when it is chosen, so an
//! English window does not fetch and parse it.
import { en, type MessageKey, type Messages } from './en';

/** The languages the window speaks. */
export type Language = 'en' | 'zh';

export const LANGUAGES: ReadonlyArray<{ id: Language; name: string }> = [
  { id: 'en', name: 'English' },
  { id: 'zh', name: '简体中文' },
];

/** The catalogs loaded so far. */
const CATALOGS: Partial<Record<Language, Messages>> = { en };

/** Loads the catalog of `language` (once; a failed load is tried again by the next call). */
export async function loadLanguage(language: Language): Promise<void> {
  if (CATALOGS[language]) return;
  if (language === 'zh') CATALOGS.zh = (await import('./zh')).zh;
}

/** The catalog of a loaded language; English until the language's own is. */
function catalog(language: Language): Messages {
  return CATALOGS[language] ?? en;
}

/** Where the choice is kept: a preference of this window, not of the workspace. */
export const STORAGE_KEY = 'kith.language';

/** The language a system locale asks for: Chinese for zh*, else English. */
export function detectLanguage(systemLocale: string | undefined): Language {
  return systemLocale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function isLanguage(value: string | null | undefined): value is Language {
  return value === 'en' || value === 'zh';
}

/** The saved choice, else the system's language (saved, so the first start decides once). */
function initialLanguage(): Language {
  const saved = storage()?.getItem(STORAGE_KEY);
  if (isLanguage(saved)) return saved;
  const detected = detectLanguage(
    typeof navigator === 'undefined' ? undefined : navigator.language,
  );
  storage()?.setItem(STORAGE_KEY, detected);
  return detected;
}

class I18n {
  /** The language shown: one whose catalog is loaded. */
  language: Language = $state('en');
  /** The language last chosen (shown once its catalog is loaded). */
  private wanted: Language;
  /**
   * Settles once the window's language is shown: at once for English, after the catalog's
   * chunk for Chinese. The first screen is drawn after it, so it is never English first.
   */
  readonly ready: Promise<void>;

  constructor() {
    this.wanted = initialLanguage();
    // A catalog that cannot be loaded leaves the window in English rather than blank.
    this.ready = this.show(this.wanted).catch(() => {});
  }

  /** The BCP 47 locale numbers and dates are written in. */
  get locale(): string {
    if (this.language === 'zh') return 'zh-CN';
    const system = typeof navigator === 'undefined' ? '' : navigator.language;
    return system.toLowerCase().startsWith('en') ? system : 'en-US';
  }

  /**
   * Switches the language and keeps the choice: at once when its catalog is loaded (English
   * always is), else once it is. The promise settles when it is shown, and fails (the
   * language shown stays) if its catalog cannot be loaded.
   */
  set(language: Language): Promise<void> {
    this.wanted = language;
    storage()?.setItem(STORAGE_KEY, language);
    return this.show(language);
  }

  /** Shows `language` once its catalog is loaded, unless another was chosen meanwhile. */
  private show(language: Language): Promise<void> {
    const shown = () => {
      this.language = language;
      if (typeof document !== 'undefined') document.documentElement.lang = this.locale;
    };
    if (CATALOGS[language]) {
      shown();
      return Promise.resolve();
    }
    return loadLanguage(language).then(() => {
      if (this.wanted === language) shown();
    });
  }
}

/** The window's language (reactive: reading it in a template re-renders on a switch). */
export const i18n = new I18n();

/** Parameters of a message: `{name}` in the text is replaced by `params.name`. */
export type Params = Record<string, string | number>;

/** Fills `{name}` placeholders; numbers are written in the current locale. */
export function fill(text: string, params: Params = {}, locale = i18n.locale): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : value;
  });
}

/** The message `key` in the current language, with its placeholders filled. */
export function t(key: MessageKey, params?: Params): string {
  return fill(catalog(i18n.language)[key], params);
}

/**
 * A message that depends on a count: `key.one` or `key.other` as the language's plural rules
 * choose (Chinese has one form: `.other`), with `{count}` filled.
 */
export function tn(key: PluralKey, count: number, params: Params = {}): string {
  const rule = new Intl.PluralRules(i18n.locale).select(count) === 'one' ? 'one' : 'other';
  return fill(catalog(i18n.language)[`${key}.${rule}`], { count, ...params });
}

/** The stems of the messages that come as `.one` and `.other`. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Stem}.one` ? Stem : never;
}[MessageKey];

/**
 * The catalog of `language` (English's until its own is loaded), for the palette's English
 * names and for tests: `messages('zh')['nav.today']`.
 */
export function messages(language: Language): Messages {
  return catalog(language);
}

export type { MessageKey };
