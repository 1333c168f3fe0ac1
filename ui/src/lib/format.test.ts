import { afterEach, describe, expect, it } from 'vitest';
import type { EntityRecord, FieldSchema } from '../ipc/api';
import {
  displayValue,
  formatClock,
  formatFigure,
  formatDate,
  isMonthDay,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatRelative,
  fromDateTimeLocal,
  inputText,
  toDateTimeLocal,
} from './format';
import { i18n } from './i18n/index.svelte';

function field(name: string, ty: FieldSchema['ty']): FieldSchema {
  return {
    name,
    label: name,
    ty,
    required: false,
    choices: [],
    ref_kind: null,
    in_list: true,
    year_optional: false,
  };
}

function record(values: EntityRecord['values'], refs: EntityRecord['refs'] = {}): EntityRecord {
  return {
    kind: 'deal',
    id: 'd1',
    title: 'Deal',
    values,
    refs,
    tags: [],
    custom: {},
    created_at: '2025-01-01T00:00:00Z',
    updated_at: '2025-01-01T00:00:00Z',
    deleted_at: null,
  };
}

describe('locales', () => {
  it('falls back to the default locale for a POSIX locale such as C (LANG=C)', () => {
    expect(() => formatNumber(1234.5, 'C')).not.toThrow();
    expect(formatNumber(1234.5, 'C')).toBe('1,234.5');
    expect(formatDate('2026-11-23', 'C')).toContain('2026');
  });
});

describe('formatClock', () => {
  it('shows the wall time of a hybrid logical clock reading', () => {
    expect(formatClock('2026-11-23T01:53:52.123Z-0000-4706148f12d7', 'en-GB', 'UTC')).toBe(
      formatDateTime('2026-11-23T01:53:52.123Z', 'en-GB', 'UTC'),
    );
    expect(formatClock('2026-11-23T01:53:52.123Z-0000-4706148f12d7', 'en-GB', 'UTC')).toContain(
      '2026',
    );
  });
});

describe('formatMoney', () => {
  it('formats major units with the currency', () => {
    expect(formatMoney(1234.5, 'USD', 'en-US')).toBe('$1,234.50');
    expect(formatMoney(1234.5, 'EUR', 'de-DE')).toBe('1.234,50\u00a0€');
    expect(formatMoney(86000, 'CNY', 'zh-CN')).toBe('¥86,000.00');
    expect(formatMoney(1234.5, 'cny', 'en-US')).toBe('CN¥1,234.50');
  });

  it('follows the currency’s own minor units', () => {
    expect(formatMoney(1500, 'JPY', 'en-US')).toBe('¥1,500');
  });

  it('falls back to number + code for unknown or missing currencies', () => {
    expect(formatMoney(12.5, 'XYZW', 'en-US')).toBe('12.50 XYZW');
    expect(formatMoney(12.5, null, 'en-US')).toBe('12.50');
  });

  it('rounds headline figures to whole units, and never shows an empty sum as −0', () => {
    expect(formatMoney(318_002.5, 'USD', 'en-US', true)).toBe('$318,003');
    expect(formatMoney(-0, 'USD', 'en-US', true)).toBe('$0');
    expect(formatMoney(-0, null, 'en-US', true)).toBe('0');
    expect(formatNumber(-0, 'en-US')).toBe('0');
  });
});

describe('formatDate', () => {
  it('formats a calendar date without shifting it by time zone', () => {
    // Parsed as local midnight, 2025-03-01 would show as Feb 28 west of UTC.
    expect(formatDate('2025-03-01', 'en-US')).toBe('Mar 1, 2025');
    expect(formatDate('2025-12-31', 'zh-CN')).toBe('2025年12月31日');
  });

  it('returns text it cannot parse unchanged', () => {
    expect(formatDate('sometime', 'en-US')).toBe('sometime');
  });

  it('shows a month and day without a year as the locale writes them', () => {
    const cases: Array<[string, string, string]> = [
      ['--03-05', 'en-US', 'Mar 5'],
      ['--03-05', 'en-GB', '5 Mar'],
      ['--03-05', 'zh-CN', '3月5日'],
      ['--02-29', 'en-GB', '29 Feb'],
    ];
    for (const [value, locale, shown] of cases) {
      expect(formatDate(value, locale), `${value} in ${locale}: no year is made up`).toBe(shown);
    }
    expect(formatDate('--02-30', 'en-GB'), 'no such day: shown as stored').toBe('--02-30');
    expect(isMonthDay('--03-05'), 'the engine keeps a year-less date so').toBe(true);
    expect(isMonthDay('2025-03-05'), 'a full date is not month-and-day').toBe(false);
  });
});

describe('formatDateTime', () => {
  it('formats an RFC 3339 instant in the given zone', () => {
    expect(formatDateTime('2025-03-01T14:05:00Z', 'en-US', 'UTC')).toBe('Mar 1, 2025, 2:05 PM');
    expect(formatDateTime('2025-03-01T14:05:00Z', 'en-US', 'Asia/Shanghai')).toBe(
      'Mar 1, 2025, 10:05 PM',
    );
  });
});

describe('formatRelative', () => {
  it('says how long ago or ahead', () => {
    const now = new Date('2025-03-10T12:00:00Z');
    expect(formatRelative('2025-03-07T12:00:00Z', now, 'en')).toBe('3 days ago');
    expect(formatRelative('2025-03-10T14:00:00Z', now, 'en')).toBe('in 2 hours');
  });
});

describe('displayValue', () => {
  it('shows money with the record’s currency, refs by title, bools as words', () => {
    const r = record(
      { value: 24500, currency: 'USD', company_id: 'c-1', won: true },
      { company_id: 'Acme' },
    );
    expect(displayValue(field('value', 'money'), r, 'en-US')).toBe('$24,500.00');
    expect(displayValue(field('company_id', 'ref'), r, 'en-US')).toBe('Acme');
    expect(displayValue(field('won', 'bool'), r, 'en-US')).toBe('Yes');
    expect(displayValue(field('missing', 'text'), r, 'en-US')).toBe('');
  });

  it('formats dates, integers and decimals', () => {
    const r = record({ close: '2025-06-30', qty: 12000, rate: 0.125 });
    expect(displayValue(field('close', 'date'), r, 'en-US')).toBe('Jun 30, 2025');
    expect(displayValue(field('qty', 'integer'), r, 'en-US')).toBe('12,000');
    expect(displayValue(field('rate', 'decimal'), r, 'en-US')).toBe('0.125');
  });
});

describe('form values', () => {
  it('turns stored values into input strings', () => {
    expect(inputText(field('active', 'bool'), true)).toBe('true');
    expect(inputText(field('n', 'integer'), 42)).toBe('42');
    expect(inputText(field('x', 'text'), null)).toBe('');
  });

  it('round-trips datetime-local through UTC', () => {
    const local = toDateTimeLocal('2025-03-01T14:05:00Z');
    expect(local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(fromDateTimeLocal(local)).toBe('2025-03-01T14:05:00.000Z');
    expect(fromDateTimeLocal('')).toBe('');
  });
});

describe('the window’s language', () => {
  afterEach(() => i18n.set('en'));

  it('writes money with ¥ and headline figures in 万 and 亿 in Chinese', () => {
    expect(formatMoney(1234.5, 'CNY', 'zh-CN')).toBe('¥1,234.50');
    expect(formatMoney(125000, 'CNY', 'zh-CN', true)).toBe('¥12.5万');
    expect(formatMoney(320_000_000, 'CNY', 'zh-CN', true)).toBe('¥3.2亿');
    // Below 10,000 a headline figure is whole yuan, not 0.9万.
    expect(formatMoney(9876, 'CNY', 'zh-CN', true)).toBe('¥9,876');
    expect(formatFigure(125000, 'zh-CN')).toBe('12.5万');
    expect(formatFigure(9876, 'zh-CN')).toBe('9,876');
    // English keeps thousands: no 万, and the yuan is told from the yen.
    expect(formatMoney(125000, 'CNY', 'en-US', true)).toBe('CN¥125,000');
    expect(formatFigure(125000, 'en-US')).toBe('125,000');
  });

  it('writes dates as Chinese readers do', () => {
    expect(formatDate('2026-11-01', 'zh-CN')).toBe('2026年11月1日');
    expect(formatDate('--03-05', 'zh-CN')).toBe('3月5日');
    expect(formatDate('2026-11-01', 'en-US')).toBe('Nov 1, 2026');
  });

  it('follows the language switched in Settings when no locale is pinned', () => {
    i18n.set('zh');
    expect(formatDate('2026-11-01')).toBe('2026年11月1日');
    expect(formatMoney(125000, 'CNY', undefined, true)).toBe('¥12.5万');
    const r = record({ stage: 'won', active: true });
    expect(displayValue(field('stage', 'choice'), { ...r, kind: 'deal' })).toBe('赢单');
    expect(displayValue(field('active', 'bool'), r)).toBe('是');
    i18n.set('en');
    expect(formatDate('2026-11-01')).toBe('Nov 1, 2026');
    expect(displayValue(field('stage', 'choice'), { ...r, kind: 'deal' })).toBe('won');
    expect(displayValue(field('active', 'bool'), r)).toBe('Yes');
  });
});
