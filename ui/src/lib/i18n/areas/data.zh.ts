//! 简体中文 of the user's data: record detail, import wizard and history, duplicates and merge, values to review, backups, export, shared dialogs and toasts: typed by `data.en.ts`, so a missing key fails the check.
import type { dataEn } from './data.en';

export const dataZh: Record<keyof typeof dataEn, string> = {};
