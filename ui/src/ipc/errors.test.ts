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

  it('says a refused file in Chinese from its code, naming the file and the sheet', () => {
    i18n.set('zh');
    const report = badFile();
    expect(report.file?.problem, 'the refusal is recorded with its code').toEqual({
      code: 'sheet_empty',
      sheet: 'Cover',
    });
    expect(errorMessage(new KithError(report))).toBe(
      '无法读取文件“/home/you/Downloads/contacts.xls”：工作表“Cover”没有数据',
    );
  });

  it('says a missing file in Chinese, with no English left in it', () => {
    i18n.set('zh');
    const call = recordedCalls('import_preview', 'files').find(
      (entry) => entry.error?.file?.problem.code === 'missing',
    );
    expect(call?.error, 'a missing file is recorded').toBeDefined();
    const said = errorMessage(new KithError(call?.error as ErrorReport));
    expect(said).toBe('无法读取文件“/home/you/Downloads/missing.csv”：文件不存在');
  });

  it('says a file that could not be written in Chinese from its code', () => {
    const call = recordedCalls('export', 'files').find((entry) => entry.error?.code === 'io');
    expect(call?.error?.io, 'an export into a folder that is gone is recorded').toBeDefined();
    const gone = new KithError(call?.error as ErrorReport);
    expect(errorMessage(gone)).toBe(call?.error?.message);
    i18n.set('zh');
    expect(errorMessage(gone)).toBe(
      '无法读写文件“/home/you/Documents/USB/Contacts.csv”：文件或文件夹不存在',
    );
  });

  it('keeps the lead-in before a file refusal that has no code', () => {
    i18n.set('zh');
    const plain = new KithError({ code: 'bad_file', message: 'a.csv: odd', issues: [] });
    expect(errorMessage(plain)).toBe('无法读取此文件：a.csv: odd');
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
