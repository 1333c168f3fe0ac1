//! Why an import kept a value for review, in Chinese (`KeptReason`, src/store/review.rs): the
//! refusal said by its `IssueCode` (issues.ts), then what was done with the cell. A value kept
//! before reasons had codes has none, and shows its stored English.
import type { KeptReason } from '../../../ipc/api';
import { i18n } from '../index.svelte';
import { zhIssue } from '../issues';
import { zhSaid, type ZhCatalog } from '../said';

export const ZH_KEPT_REASONS: ZhCatalog<KeptReason> = {
  not_read: ({ issue }) => zhIssue(issue),
  stored_as_written: ({ issue }) => `${zhIssue(issue)}；已按原样保存`,
  first_used: ({ issue }) => `${zhIssue(issue)}；已使用第一个`,
  tag_refused: ({ tag, issue }) => `“${tag}”：${zhIssue(issue)}`,
};

/** Why a value was kept, in the window's language (its stored English when it has no code). */
export function keptReason(kept: { reason: string; code: KeptReason | null }): string {
  return i18n.language === 'zh' && kept.code ? zhSaid(kept.code, ZH_KEPT_REASONS) : kept.reason;
}
