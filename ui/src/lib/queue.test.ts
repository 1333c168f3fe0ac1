import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from './i18n/index.svelte';
import { durationLabel, statusLabel, targetLabel } from './queue';

describe('the ticket queue’s words', () => {
  afterEach(() => i18n.set('en'));

  it('say durations and targets short, and statuses as names', () => {
    expect(durationLabel(0.5)).toBe('30 min');
    expect(durationLabel(5)).toBe('5 h');
    expect(durationLabel(60)).toBe('2.5 d');
    expect(statusLabel('in_progress')).toBe('In progress');
    expect(targetLabel({ priority: 'urgent', response_hours: 1, resolution_hours: 4 })).toBe(
      'urgent 1 h / 4 h',
    );
  });

  it('say them in Chinese', () => {
    i18n.set('zh');
    expect(statusLabel('in_progress')).toBe('处理中');
    expect(durationLabel(0.5)).toBe('30 分钟');
    expect(durationLabel(60)).toBe('2.5 天');
    expect(targetLabel({ priority: 'urgent', response_hours: 1, resolution_hours: 4 })).toBe(
      '紧急 1 小时 / 4 小时',
    );
  });
});
