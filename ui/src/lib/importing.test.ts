import { afterEach, describe, expect, it } from 'vitest';
import type { ColumnMap, SourceRow, TargetDef } from '../ipc/api';
import {
  buildOverrides,
  countsEquation,
  CUSTOM,
  describeMatch,
  exportFileName,
  formatEta,
  formatPercent,
  formatRate,
  groupTargets,
  IGNORE,
  issueColumns,
  progressText,
  renameCustom,
  retarget,
  sampleValues,
  targetChoice,
  targetLabel,
  type RowEdit,
} from './importing';
import { i18n } from './i18n/index.svelte';

const MAPPING: ColumnMap[] = [
  { column: 0, header: '姓名', target: 'full_name', source: 'synonym' },
  { column: 1, header: 'E-mail', target: 'email', source: 'synonym' },
  { column: 2, header: 'WeChat id', target: 'custom.WeChat id', source: 'unmapped' },
];

describe('mapping edits', () => {
  it('sends a column to another target as the user’s choice, leaving the others alone', () => {
    const next = retarget(MAPPING, 1, 'phone');
    expect(next).toEqual([
      MAPPING[0],
      { column: 1, header: 'E-mail', target: 'phone', source: 'user' },
      MAPPING[2],
    ]);
    // The input is not changed: the wizard keeps the engine's last answer until it replies.
    expect(MAPPING[1]?.target).toBe('email');
  });

  it('names a new custom field after the header, and keeps an existing custom field’s name', () => {
    expect(retarget(MAPPING, 0, CUSTOM)[0]).toEqual({
      column: 0,
      header: '姓名',
      target: 'custom.姓名',
      source: 'user',
    });
    const blank: ColumnMap = { column: 0, header: '  ', target: 'full_name', source: 'exact' };
    expect(retarget([blank], 0, CUSTOM)[0]?.target).toBe('custom.Column 1');
    // Choosing "custom field" for a column that already is one changes nothing.
    expect(retarget(MAPPING, 2, CUSTOM)[2]).toBe(MAPPING[2]);
    expect(renameCustom(MAPPING, 2, '微信')[2]).toEqual({
      column: 2,
      header: 'WeChat id',
      target: 'custom.微信',
      source: 'user',
    });
  });

  it('ignores a column, and shows every custom target as the one dropdown choice', () => {
    expect(retarget(MAPPING, 2, IGNORE)[2]).toMatchObject({ target: 'ignore', source: 'user' });
    expect(targetChoice('custom.WeChat id')).toBe(CUSTOM);
    expect(targetChoice('email')).toBe('email');
  });

  it('groups the engine’s targets into fields, links and order lines, without ignore', () => {
    const targets: TargetDef[] = [
      { key: 'id', label: 'Kith id', ty: 'ref', required: false },
      { key: 'number', label: 'Number', ty: 'text', required: true },
      { key: 'contact', label: 'Contact', ty: 'text', required: false },
      { key: 'line.product', label: 'Line: product', ty: 'text', required: false },
      { key: 'line.quantity', label: 'Line: quantity', ty: 'decimal', required: false },
      { key: 'tags', label: 'Tags', ty: 'text', required: false },
      { key: 'ignore', label: "Ignore (don't import)", ty: 'text', required: false },
    ];
    expect(
      groupTargets(targets).map((group) => [group.label, group.targets.map((t) => t.key)]),
    ).toEqual([
      ['Fields', ['number', 'tags']],
      ['Links', ['id', 'contact']],
      ['Order lines', ['line.product', 'line.quantity']],
    ]);
  });

  it('samples different non-empty values of a column from data rows only', () => {
    const said = (text: string, code: 'empty_row' | 'total_row') => ({ text, code: { code } });
    const rows: SourceRow[] = [
      { line: 2, cells: ['李明', 'a@x.cn'], status: { status: 'data' } },
      {
        line: 3,
        cells: ['', ''],
        status: { status: 'skip', reason: said('empty row', 'empty_row') },
      },
      { line: 4, cells: ['李明', 'b@x.cn'], status: { status: 'data' } },
      { line: 5, cells: [' 王芳 ', 'c@x.cn'], status: { status: 'data' } },
      {
        line: 6,
        cells: ['TOTAL', ''],
        status: { status: 'skip', reason: said('total row', 'total_row') },
      },
    ];
    expect(sampleValues(rows, 0)).toEqual(['李明', '王芳']);
    expect(sampleValues(rows, 1, 2)).toEqual(['a@x.cn', 'b@x.cn']);
  });
});

describe('row overrides', () => {
  const edit = (partial: Partial<RowEdit>): RowEdit => ({
    action: null,
    cells: {},
    original: ['刘洋', 'liu.yang-at-example.cn', '上海'],
    ...partial,
  });

  it('sends fixed cells by column index, and actions, in line order', () => {
    expect(
      buildOverrides({
        7: edit({ action: 'skip' }),
        3: edit({ cells: { 1: 'liu.yang@example.cn' } }),
      }),
    ).toEqual([
      { line: 3, action: null, cells: { 1: 'liu.yang@example.cn' } },
      { line: 7, action: 'skip', cells: {} },
    ]);
  });

  it('leaves out cells typed back to what the file has, and rows left with nothing', () => {
    expect(
      buildOverrides({
        3: edit({ cells: { 1: 'liu.yang-at-example.cn', 2: '北京' } }),
        4: edit({ cells: { 0: '刘洋' } }),
      }),
    ).toEqual([{ line: 3, action: null, cells: { 2: '北京' } }]);
  });

  it('finds the columns a rejected row’s issues name by header', () => {
    const headers = ['姓名', '邮箱', '手机'];
    expect([...issueColumns([{ field: '邮箱' }, { field: '手机' }], headers)]).toEqual([1, 2]);
    expect(issueColumns([{ field: 'first_name' }], headers).size).toBe(0);
  });
});

describe('numbers shown', () => {
  it('writes the counts as the sum they make', () => {
    expect(
      countsEquation(
        { rows: 6, created: 2, updated: 1, merged: 1, skipped: 1, rejected: 1, flagged: 0 },
        'en-US',
      ),
    ).toBe('2 created + 1 updated + 1 merged + 1 skipped + 1 rejected = 6 rows');
    expect(
      countsEquation(
        { rows: 1, created: 1, updated: 0, merged: 0, skipped: 0, rejected: 0, flagged: 0 },
        'en-US',
      ),
    ).toBe('1 created + 0 updated + 0 merged + 0 skipped + 0 rejected = 1 row');
  });

  it('formats progress: rows per second, time left and percent', () => {
    expect(formatRate(12_345.6, 'en-US')).toBe('12,346 rows/s');
    expect(formatRate(3.14, 'en-US')).toBe('3.1 rows/s');
    expect(formatRate(Number.NaN, 'en-US')).toBe('0 rows/s');
    expect(formatEta(null)).toBe('estimating time left…');
    expect(formatEta(0.4)).toBe('less than a second left');
    expect(formatEta(42.4)).toBe('about 42 s left');
    expect(formatEta(150)).toBe('about 3 min left');
    expect(formatEta(3 * 3600 + 20 * 60)).toBe('about 3 h 20 min left');
    expect(formatPercent(0.427)).toBe('42%');
    expect(formatPercent(1.2)).toBe('100%');
    expect(
      progressText({ rows: 25_000, fraction: 0.5, rows_per_sec: 5_000, eta_secs: 5 }, 'en-US'),
    ).toBe('25,000 rows · 5,000 rows/s · about 5 s left');
  });

  it('says how a row matched', () => {
    expect(describeMatch({ id: 'x', title: '王芳', by: 'email', score: 100, line: null })).toBe(
      'by email',
    );
    expect(describeMatch({ id: 'x', title: '赵磊', by: 'name', score: 92, line: 2 })).toBe(
      'by similar name (92) · from line 2',
    );
  });

  it('names an export file after the list and the day', () => {
    expect(exportFileName('Contacts', 'csv', new Date(2025, 8, 5, 23, 59))).toBe(
      'kith-contacts-2025-09-05.csv',
    );
    expect(exportFileName('Order lines', 'xlsx', new Date(2025, 0, 1))).toBe(
      'kith-order-lines-2025-01-01.xlsx',
    );
  });
});

describe('the words shown, in Chinese', () => {
  afterEach(() => i18n.set('en'));

  it('writes the counts, progress and matches in Chinese', () => {
    i18n.set('zh');
    expect(
      countsEquation(
        { rows: 6, created: 2, updated: 1, merged: 1, skipped: 1, rejected: 1, flagged: 0 },
        'zh-CN',
      ),
    ).toBe('新建 2 + 更新 1 + 合并 1 + 跳过 1 + 拒绝 1 = 6 行');
    expect(
      progressText({ rows: 25_000, fraction: 0.5, rows_per_sec: 5_000, eta_secs: 150 }, 'zh-CN'),
    ).toBe('25,000 行 · 5,000 行/秒 · 约剩 3 分钟');
    expect(formatEta(3 * 3600 + 20 * 60)).toBe('约剩 3 小时 20 分钟');
    expect(describeMatch({ id: 'x', title: '赵磊', by: 'name', score: 92, line: 2 })).toBe(
      '按相似名称匹配（92） · 来自第 2 行',
    );
    expect(
      groupTargets([
        { key: 'line.product', label: 'Line: product', ty: 'text', required: false },
      ])[0]?.label,
    ).toBe('订单明细');
  });

  it('names targets by the schema’s Chinese labels and Kith’s own words', () => {
    const target = (key: string, label: string): TargetDef => ({
      key,
      label,
      ty: 'text',
      required: false,
    });
    expect(targetLabel('contact', target('email', 'Email'), 'en')).toBe('Email');
    i18n.set('zh');
    expect(targetLabel('contact', target('email', 'Email'))).toBe('邮箱');
    expect(targetLabel('contact', target('company', 'Company'))).toBe('公司');
    expect(targetLabel('contact', target('full_name', 'Full name'))).toBe('姓名（全名）');
    expect(targetLabel('contact', target('customer_no', 'Customer number'))).toBe('客户编号');
    expect(targetLabel('order', target('customer_no', 'Customer (number, email or phone)'))).toBe(
      '客户（编号、邮箱或电话）',
    );
    expect(targetLabel('order', target('line.unit_price', 'Line: unit price'))).toBe('明细：单价');
  });
});
