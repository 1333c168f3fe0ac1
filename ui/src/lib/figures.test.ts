import { afterEach, describe, expect, it } from 'vitest';
import type { RowFigures } from '../ipc/api';
import {
  atLeast,
  atLeastInput,
  FIGURE_COLUMNS,
  figureFilterLabel,
  figureText,
  NO_FIGURE,
} from './figures';
import { i18n } from './i18n/index.svelte';

const ROW: RowFigures = {
  rfm_segment: 'Champions',
  rfm: '545',
  cluster: 'high value, loyal regulars',
  clv_365: 12_345.6,
  lead_score: 82,
};

describe('figure cells', () => {
  it('read as the engine stored them: names, scores, money in the values’ currency', () => {
    expect(figureText('rfm_segment', ROW, 'CNY', 'en-US')).toBe('Champions');
    expect(figureText('rfm', ROW, 'CNY', 'en-US')).toBe('545');
    expect(figureText('clv_365', ROW, 'CNY', 'en-US')).toBe('CN¥12,345.60');
    expect(figureText('lead_score', ROW, 'CNY', 'en-US')).toBe('82');
  });

  it('show an en dash where the analyses did not reach the contact', () => {
    expect(NO_FIGURE).toBe('–');
    expect(figureText('lead_score', { ...ROW, lead_score: null }, null)).toBe('–');
    expect(figureText('clv_365', null, 'CNY')).toBe('–');
    // Zero is a value, not a missing one.
    expect(figureText('clv_365', { ...ROW, clv_365: 0 }, 'CNY', 'en-US')).toBe('CN¥0.00');
  });
});

describe('figure filters', () => {
  it('send “at least” as the engine’s comparison and read it back for the input', () => {
    expect(atLeast('70')).toBe('>=70');
    expect(atLeast(' 1000.5 ')).toBe('>=1000.5');
    expect(atLeast('')).toBeNull();
    expect(atLeast('lots')).toBeNull();
    expect(atLeastInput('>=70')).toBe('70');
    expect(atLeastInput('>= 70')).toBe('70');
    // Another comparison is not an "at least": the input stays empty, the chip says it.
    expect(atLeastInput('<50')).toBe('');
    expect(atLeastInput(undefined)).toBe('');
  });

  it('label their chips in words and symbols', () => {
    expect(figureFilterLabel('rfm_segment', "Can't Lose")).toBe("Segment: Can't Lose");
    expect(figureFilterLabel('cluster', '高价值')).toBe('Cluster: 高价值');
    expect(figureFilterLabel('lead_score', '>=70', null, 'en-US')).toBe('Lead score ≥ 70');
    expect(figureFilterLabel('lead_score', '<= 40', null, 'en-US')).toBe('Lead score ≤ 40');
    expect(figureFilterLabel('rfm', '545', null, 'en-US')).toBe('RFM = 545');
    expect(figureFilterLabel('clv_365', '>=1000', 'CNY', 'en-US')).toBe(
      'Value (1 y) ≥ CN¥1,000.00',
    );
    // What the engine will refuse is shown as given, so the chip can be removed.
    expect(figureFilterLabel('lead_score', 'high')).toBe('Lead score: high');
  });
});

describe('figures in Chinese', () => {
  afterEach(() => i18n.set('en'));

  it("name the columns, chips and segments in Chinese, the filter keeping the engine's name", () => {
    expect(FIGURE_COLUMNS.map((column) => column.label)).toEqual([
      'Segment',
      'RFM',
      'Cluster',
      'Value (1 y)',
      'Lead score',
    ]);
    i18n.set('zh');
    expect(FIGURE_COLUMNS.map((column) => column.label)).toEqual([
      '分群',
      'RFM',
      '客户群',
      '1 年价值',
      '商机评分',
    ]);
    expect(figureText('rfm_segment', ROW, 'CNY')).toBe('冠军客户');
    expect(figureText('cluster', ROW, 'CNY')).toBe('high value, loyal regulars');
    expect(figureFilterLabel('rfm_segment', "Can't Lose")).toBe('分群：不能失去');
    expect(figureFilterLabel('lead_score', '>=70')).toBe('商机评分 ≥ 70');
    expect(figureFilterLabel('clv_365', '>=1000', 'CNY')).toBe('1 年价值 ≥ ¥1,000.00');
    expect(figureFilterLabel('review', 'yes')).toBe('待核对');
  });
});
