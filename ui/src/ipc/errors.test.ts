import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../lib/i18n/index.svelte';
import { KithError, type ErrorReport } from './api';
import { errorMessage, issueText } from './errors';
import { recordedCalls } from './mock/fixtures';

afterEach(() => i18n.set('en'));

/** The engine's refusal of a workbook whose sheet is empty, as the recorder kept it. */
function badFile(): ErrorReport {
  const call = recordedCalls('import_preview', 'files').find(
    (entry) => entry.error?.code === 'bad_file',
  );
  expect(call?.error, 'a bad file is recorded').toBeDefined();
  return call?.error as ErrorReport;
}

describe('an error said to the user', () => {
  it('is the engine’s message in English', () => {
    const report = badFile();
    expect(errorMessage(new KithError(report))).toBe(report.message);
  });

  it('says in Chinese what failed, keeping the file and the cause the engine names', () => {
    i18n.set('zh');
    const report = badFile();
    const said = errorMessage(new KithError(report));
    expect(said).toBe(`无法读取此文件：${report.message}`);
    expect(said).toContain('contacts.xls');
  });

  it('says a record gone in Chinese alone', () => {
    i18n.set('zh');
    const gone = new KithError({ code: 'not_found', message: 'no contact with id x', issues: [] });
    expect(errorMessage(gone)).toBe('找不到该记录（可能已被删除）');
  });

  it('says a mapping refused in Chinese, naming the field and both columns', () => {
    const call = recordedCalls('import_run', 'files').find(
      (entry) => entry.error?.code === 'validation',
    );
    const issue = call?.error?.issues[0];
    expect(issue?.code?.code, 'two columns sent into one field are recorded').toBe(
      'already_filled',
    );
    if (!issue) return;
    expect(issueText(issue)).toBe("Email is already filled from 'E-mail 1 - Value'");
    i18n.set('zh');
    expect(issueText(issue)).toBe('邮箱已由“E-mail 1 - Value”列填写');
  });
});
