//! The engine's refusals of a form, split for display: issues of a field the form shows go
//! next to that field (several joined with "; "), the others to a banner as "field: reason".
import type { FieldIssue } from '../ipc/api';
import { issueText } from '../ipc/errors';

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
