//! Words the engine says (`Said<C>` in src/model.rs): in English as the engine wrote them (the
//! words the CLI prints), in Chinese from a catalog typed by the code's generated union, so a
//! code the engine adds without its Chinese here fails the type check.
import type { Said } from '../../ipc/bindings/Said';
import { i18n } from './index.svelte';

/** A coded union as ts-rs writes a `#[serde(tag = "code")]` enum. */
export type Coded = { code: string };

/** A Chinese sentence for every code of `U`, made from the code's values. */
export type ZhCatalog<U extends Coded> = {
  [C in U['code']]: (said: Extract<U, { code: C }>) => string;
};

/** The Chinese sentence of a code. */
export function zhSaid<U extends Coded>(code: U, zh: ZhCatalog<U>): string {
  const words = zh[code.code as U['code']] as (said: U) => string;
  return words(code);
}

/** What the engine said, in the window's language. */
export function say<U extends Coded>(said: Said<U>, zh: ZhCatalog<U>): string {
  return i18n.language === 'zh' ? zhSaid(said.code, zh) : said.text;
}

/** A number written the Chinese way (grouped, as 1,234). */
export function zhNumber(value: number): string {
  return value.toLocaleString('zh-CN');
}
