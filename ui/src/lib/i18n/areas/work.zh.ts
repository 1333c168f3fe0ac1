//! 简体中文 of the day's work: Dashboard and analytics panels, Today, the deal board and stages, the ticket queue, campaigns: typed by `work.en.ts`, so a missing key fails the check.
import type { workEn } from './work.en';

export const workZh: Record<keyof typeof workEn, string> = {};
