//! 简体中文 of related records on a contact's or company's page: typed by `related.en.ts`, so a missing key fails the check.
import type { relatedEn } from './related.en';

export const relatedZh: Record<keyof typeof relatedEn, string> = {};
