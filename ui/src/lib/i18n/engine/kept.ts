//! Why an import kept a value for review, in Chinese (`KeptReason`, src/store/review.rs): the
//! refusal said by its `IssueCode`, then what was done with the cell (the catalog is in
//! issues.ts, beside the refusals it wraps). A value kept
//! before reasons had codes has none, and shows its stored English.
import type { KeptReason } from '../../../ipc/api';
import { i18n } from '../index.svelte';
import { ZH_KEPT_REASONS } from '../issues';
import { zhSaid } from '../said';

export { ZH_KEPT_REASONS };

/** Why a value was kept, in the window's language (its stored English when it has no code). */
export function keptReason(kept: { reason: string; code: KeptReason | null }): string {
  return i18n.language === 'zh' && kept.code ? zhSaid(kept.code, ZH_KEPT_REASONS) : kept.reason;
}
