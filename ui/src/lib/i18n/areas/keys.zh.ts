//! 简体中文 of the keyboard: the command palette, the shortcut help overlay, themes: typed by `keys.en.ts`, so a missing key fails the check.
import type { keysEn } from './keys.en';

export const keysZh: Record<keyof typeof keysEn, string> = {};
