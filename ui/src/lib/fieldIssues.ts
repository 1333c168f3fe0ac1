//! The engine's refusals of a form, split for display: issues of a field the form shows go
//! next to that field (several joined with "; "), the others to a banner as "field: reason".
//! And the text of a failure the engine reported (`reportText`), in the window's language.
import { KithError, type ErrorReport, type FieldIssue } from '../ipc/api';
import { errorMessage, issueText } from '../ipc/errors';

export interface SplitIssues {
  /** Reasons per field shown in the form. */
  byField: Record<string, string>;
  /** "field: reason" of every issue of a field the form does not show. */
  elsewhere: string[];
}

export function splitIssues(
  issues: readonly FieldIssue[],
  shown: ReadonlySet<string>,
): SplitIssues {
  const byField: Record<string, string> = {};
  const elsewhere: string[] = [];
  for (const issue of issues) {
    if (shown.has(issue.field)) {
      const text = issueText(issue);
      byField[issue.field] = byField[issue.field] ? `${byField[issue.field]}; ${text}` : text;
    } else {
      elsewhere.push(`${issue.field}: ${issueText(issue)}`);
    }
  }
  return { byField, elsewhere };
}

/**
 * What a failure the engine reported says, as `errorMessage` says a thrown one: in Chinese
 * from its code or its issues' codes when the catalog has them, else the engine's message.
 * `issues: false` when its issues are shown apart (an `ErrorBanner` lists them).
 */
export function reportText(report: ErrorReport, { issues = true } = {}): string {
  return errorMessage(new KithError(issues ? report : { ...report, issues: [] }));
}
