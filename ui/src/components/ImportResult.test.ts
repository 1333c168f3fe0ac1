import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportReport } from '../ipc/api';
import { recordedCalls } from '../ipc/mock/fixtures';
import { installReplayBackend, ReplayBackend, uninstallMockBackend } from '../ipc/mock/install';
import { i18n } from '../lib/i18n/index.svelte';
import { ImportSession } from '../lib/importSession.svelte';
import ImportDryRunStep from './ImportDryRunStep.svelte';
import ImportResult from './ImportResult.svelte';

// The result of importing google_contacts.csv, as the engine reported it (`files` in
// src-tauri/src/record.rs): 13 created (3 of them with a value kept for review), 1 rejected,
// and notes on how the file was read.
const IMPORT_WITH_REVIEW = recordedCalls('import_run', 'files').find((call) =>
  String(call.args.path).endsWith('google_contacts.csv'),
)?.answer as ImportReport;

beforeEach(() => {
  installReplayBackend(new ReplayBackend({ workspace: 'files' }));
});

afterEach(() => {
  uninstallMockBackend();
  i18n.set('en');
});

function show(): void {
  const session = new ImportSession('contact');
  session.result = structuredClone(IMPORT_WITH_REVIEW);
  session.step = 'result';
  render(ImportResult, {
    session,
    nameOf: (_kind, count) => (count === 1 ? 'contact' : 'contacts'),
    onopen: () => {},
    onchanged: () => {},
  });
}

describe('the import result', () => {
  it('says how many rows have values to review, with the way to them', () => {
    show();
    expect(
      screen.getByTestId('import-flagged-count'),
      '`Counts.flagged`, as the engine counted',
    ).toHaveTextContent('3');
    expect(screen.getByTestId('import-flagged')).toHaveTextContent(
      '3 rows imported with values Kith could not read',
    );
    expect(
      screen.getByTestId('import-review-link'),
      'the review list of the kind imported',
    ).toHaveAttribute('href', '#/review/contact');
    expect(
      screen.getByTestId('import-result-equation'),
      'flagged rows are not an outcome: the sum is unchanged',
    ).toHaveTextContent('13 created');
  });

  it("lists the report's notes", () => {
    show();
    const notes = within(screen.getByTestId('import-notes')).getAllByRole('listitem');
    expect(
      notes.map((note) => note.textContent),
      "every note, in the engine's words and order",
    ).toEqual(IMPORT_WITH_REVIEW.notes.map((note) => note.text));
    expect(notes[0]).toHaveTextContent("Organization Name: 1 placeholder ('n/a') read as empty");
  });

  it("gives a refused row's reason in the engine's words", () => {
    show();
    const refused = IMPORT_WITH_REVIEW.rows.find((row) => row.outcome === 'rejected');
    expect(refused?.reason.code.code, 'refused for its values, by code').toBe('refused');
    expect(screen.getByTestId(`row-reason-${refused?.line}`)).toHaveTextContent(
      'row: nothing identifies anyone: no name, email, phone, customer number or company',
    );
  });

  it('shows each kept value under its row: column, the text as written, and why', () => {
    show();
    const dana = IMPORT_WITH_REVIEW.rows.find((row) => row.cells[0] === 'Dana');
    const kept = screen.getByTestId(`row-review-${dana?.line}`);
    expect(kept).toHaveTextContent('E-mail 1 - Value');
    expect(kept).toHaveTextContent('dana@whitfield.example ::: dana.whitfield@example.org');
    expect(kept).toHaveTextContent('holds more than one email address; the first is used');
    expect(
      screen.getByTestId(`row-outcome-${dana?.line}`),
      'the row itself was created',
    ).toHaveTextContent('Created');
  });

  it('says in Chinese why each value was kept, from its code', () => {
    i18n.set('zh');
    show();
    const dana = IMPORT_WITH_REVIEW.rows.find((row) => row.cells[0] === 'Dana');
    const kept = screen.getByTestId(`row-review-${dana?.line}`);
    expect(kept, 'the column and the text stay as the file wrote them').toHaveTextContent(
      'E-mail 1 - Value',
    );
    expect(kept).toHaveTextContent(
      '“dana@whitfield.example ::: dana.whitfield@example.org”包含多个邮箱地址；已使用第一个',
    );
    expect(kept).not.toHaveTextContent('the first is used');
  });
});

describe('the import result in Chinese', () => {
  afterEach(() => i18n.set('en'));

  const nameOf = () => '联系人';

  it('says what the import did in Chinese: title, counts, rows and undo', async () => {
    i18n.set('zh');
    const session = new ImportSession('contact');
    session.result = structuredClone(IMPORT_WITH_REVIEW);
    session.step = 'result';
    render(ImportResult, { session, nameOf, onopen: () => {}, onchanged: () => {} });

    expect(screen.getByTestId('import-result-title')).toHaveTextContent(
      '已导入 google_contacts.csv',
    );
    expect(screen.getByTestId('import-flagged')).toHaveTextContent('3 行已导入');
    expect(screen.getByTestId('import-review-link')).toHaveTextContent('去核对');
    expect(screen.getByTestId('import-result-equation')).toHaveTextContent(
      '新建 13 + 更新 0 + 合并 0 + 跳过 0 + 拒绝 1 = 14 行',
    );
    expect(screen.getByTestId('import-linked')).toHaveTextContent('4 条联系人');
    expect(screen.getByText('文件的读取方式')).toBeInTheDocument();
    const dana = IMPORT_WITH_REVIEW.rows.find((row) => row.cells[0] === 'Dana');
    expect(screen.getByTestId(`row-outcome-${dana?.line}`)).toHaveTextContent('已新建');
    const undo = screen.getByTestId('import-undo');
    expect(undo).toHaveTextContent('撤销此次导入');
    await fireEvent.click(undo);
    expect(screen.getByTestId('confirm-dialog')).toHaveTextContent(
      'Kith 将删除此次导入新建的 13 条联系人，以及为关联它们而新建的 4 条记录。',
    );
    expect(screen.getByTestId('confirm-cancel')).toHaveTextContent('取消');

    // Kith's own words are gone; the engine's notes and reasons stay as it wrote them.
    const ours = [
      screen.getByTestId('import-result-title'),
      screen.getByTestId('import-flagged'),
      screen.getByTestId('import-result-equation'),
      screen.getByTestId('import-rows').querySelector('thead'),
      screen.getByTestId('confirm-dialog'),
    ].map((element) => element?.textContent ?? '');
    for (const english of ['Imported', 'rows', 'created', 'Review', 'Line', 'Undo', 'Cancel']) {
      expect(ours.join(' '), `"${english}" is said in Chinese`).not.toContain(english);
    }
  });

  it("says the engine's notes and a refused row's reason in Chinese, by their codes", () => {
    i18n.set('zh');
    const session = new ImportSession('contact');
    session.result = structuredClone(IMPORT_WITH_REVIEW);
    session.step = 'result';
    render(ImportResult, { session, nameOf, onopen: () => {}, onchanged: () => {} });

    const notes = within(screen.getByTestId('import-notes')).getAllByRole('listitem');
    expect(
      IMPORT_WITH_REVIEW.notes.map((note) => note.code.code),
      'as recorded: three placeholders, then the countries phones were read in',
    ).toEqual(['placeholders', 'placeholders', 'placeholders', 'phone_countries']);
    expect(notes.map((note) => note.textContent)).toEqual([
      'Organization Name：1 个占位值（“n/a”）已视为空。',
      'Organization Title：1 个占位值（“-”）已视为空。',
      'Notes：1 个占位值（“none”）已视为空。',
      '没有国家代码的电话号码已按所在行的国家读取（CN 1 个，DE 1 个，FR 1 个，GB 1 个，JP 1 个）。',
    ]);
    const refused = IMPORT_WITH_REVIEW.rows.find((row) => row.outcome === 'rejected');
    expect(screen.getByTestId(`row-reason-${refused?.line}`)).toHaveTextContent(
      'row：没有可识别客户的信息：缺少姓名、邮箱、电话、客户编号和公司',
    );
    const said = [
      screen.getByTestId('import-notes'),
      screen.getByTestId(`row-reason-${refused?.line}`),
    ]
      .map((element) => element.textContent ?? '')
      .join(' ');
    for (const english of ['placeholder', 'read as empty', 'phones', 'nothing identifies']) {
      expect(said, `"${english}" is said in Chinese`).not.toContain(english);
    }
  });

  it('counts a dry run in Chinese, as what would happen', () => {
    i18n.set('zh');
    const session = new ImportSession('contact');
    session.dryRun = structuredClone(IMPORT_WITH_REVIEW);
    session.step = 'dry-run';
    render(ImportDryRunStep, { session, nameOf });
    const counts = screen.getByTestId('dry-run-count-created').closest('button');
    expect(counts).toHaveTextContent('将新建');
    expect(counts).toHaveTextContent('新记录');
    expect(screen.getByTestId('import-flagged')).toHaveTextContent('行将被导入');
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('不会直接新建的行');
    expect(document.body.textContent).not.toContain('Would create');
  });
});
