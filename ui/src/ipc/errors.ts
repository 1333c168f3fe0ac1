//! What to show of a failed call: the engine's message (the IPC layer turns its refusals
//! into `Error`s), or the value itself when something else was thrown. In Chinese, a refusal
//! with a code is said from the catalog (`lib/i18n/issues.ts`, a file refused as a whole from
//! `lib/i18n/engine/fileProblem.ts`); English shows the engine's own words.
import { i18n } from '../lib/i18n/index.svelte';
import { zhFileFault, zhIoFault } from '../lib/i18n/engine/fileProblem';
import { ZH_ERROR_KINDS, ZH_ERRORS, zhIssue } from '../lib/i18n/issues';
import type { ErrorReport } from './bindings/ErrorReport';
import type { FieldIssue } from './bindings/FieldIssue';

/** The engine's report a `KithError` (api.ts) carries; not imported, api.ts imports this. */
function reportOf(error: Error): ErrorReport | null {
  const dto = (error as Error & { dto?: ErrorReport }).dto;
  return error.name === 'KithError' && dto ? dto : null;
}

/** One refused field's reason in the window's language. */
export function issueText(issue: FieldIssue): string {
  return i18n.language === 'zh' && issue.code ? zhIssue(issue.code) : issue.reason;
}

/** The text of `error` for a banner or an inline message. */
export function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const report = i18n.language === 'zh' ? reportOf(error) : null;
  if (report) {
    if (report.issues.length > 0 && report.issues.every((issue) => issue.code)) {
      return report.issues.map((issue) => `${issue.field}：${issueText(issue)}`).join('；');
    }
    if (report.file) return zhFileFault(report.file);
    if (report.io) return zhIoFault(report.io);
    const said = ZH_ERRORS[report.code];
    if (said) return said;
    const kind = ZH_ERROR_KINDS[report.code];
    if (kind) return `${kind}：${error.message}`;
  }
  return error.message;
}
