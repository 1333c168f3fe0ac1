//! The window's language: English or 简体中文, detected from the system at first start
//! (`navigator.language`: zh* is Chinese, anything else English), kept in this window's
//! storage, switchable in Settings. `t(key, params)` reads the current language, so every
//! text written with it is shown again in the new language the moment it is switched.
//! Catalogs: `en.ts` (the keys) and `zh.ts` (typed by them: a missing key fails the check).
import { en, type MessageKey, type Messages } from './en';
import { zh } from './zh';

/** The languages the window speaks. */
export type Language = 'en' | 'zh';

export const LANGUAGES: ReadonlyArray<{ id: Language; name: string }> = [
  { id: 'en', name: 'English' },
  { id: 'zh', name: '简体中文' },
];

const CATALOGS: Record<Language, Messages> = { en, zh };

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
  language: Language = $state(initialLanguage());

  /** The BCP 47 locale numbers and dates are written in. */
  get locale(): string {
    if (this.language === 'zh') return 'zh-CN';
    const system = typeof navigator === 'undefined' ? '' : navigator.language;
    return system.toLowerCase().startsWith('en') ? system : 'en-US';
  }

  /** Switches the language and keeps the choice. */
  set(language: Language): void {
    this.language = language;
    storage()?.setItem(STORAGE_KEY, language);
    if (typeof document !== 'undefined') document.documentElement.lang = this.locale;
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
  return fill(CATALOGS[i18n.language][key], params);
}

/**
 * A message that depends on a count: `key.one` or `key.other` as the language's plural rules
 * choose (Chinese has one form: `.other`), with `{count}` filled.
 */
export function tn(key: PluralKey, count: number, params: Params = {}): string {
  const rule = new Intl.PluralRules(i18n.locale).select(count) === 'one' ? 'one' : 'other';
  return fill(CATALOGS[i18n.language][`${key}.${rule}`], { count, ...params });
}

/** The stems of the messages that come as `.one` and `.other`. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Stem}.one` ? Stem : never;
}[MessageKey];

/** A message of the catalog, for tests: `messages('zh')['nav.today']`. */
export function messages(language: Language): Messages {
  return CATALOGS[language];
}

export type { MessageKey };
