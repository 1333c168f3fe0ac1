import { afterEach, describe, expect, it } from 'vitest';
import type { EntityRecord, Suggestion } from '../ipc/api';
import {
  aboutOf,
  addDays,
  daysBetween,
  dueLabel,
  fallingDue,
  isLate,
  quickTask,
  suggestionReason,
  suggestionTask,
} from './tasks';
import { i18n } from './i18n/index.svelte';

function task(due_on: string | null, due_time: string | null, refs = {}): EntityRecord {
  return {
    kind: 'activity',
    id: `t-${due_on}-${due_time}`,
    title: 'Call',
    values: { kind: 'task', subject: 'Call', due_on, due_time, done: false },
    refs,
    custom: {},
    tags: [],
    created_at: '2026-11-01T00:00:00Z',
    updated_at: '2026-11-01T00:00:00.000Z-0000-x',
    deleted_at: null,
  };
}

describe('when a task is due, in words', () => {
  const day = '2026-11-01';
  it('counts late days, marks a passed time, and names the days ahead', () => {
    expect(dueLabel(task('2026-10-31', null), day, '09:30')).toBe('1 day late');
    expect(dueLabel(task('2026-08-20', '10:00'), day, '09:30')).toBe('73 days late');
    expect(dueLabel(task(day, null), day, '09:30')).toBe('Today');
    expect(dueLabel(task(day, '09:00'), day, '09:30')).toBe('Late since 09:00');
    expect(dueLabel(task(day, '09:30'), day, '09:30')).toBe('Late since 09:30');
    expect(dueLabel(task(day, '15:00'), day, '09:30')).toBe('15:00');
    expect(dueLabel(task('2026-11-02', '08:15'), day, '09:30')).toBe('Tomorrow 08:15');
    expect(dueLabel(task('2026-11-05', null), day, '09:30', 'en-US')).toBe('Thu, Nov 5');
    expect(dueLabel(task(null, null), day, '09:30')).toBe('No due day');
  });

  it('is late before today, or today once its time has come', () => {
    expect(isLate(task('2026-10-31', null), day, '09:30')).toBe(true);
    expect(isLate(task(day, '09:30'), day, '09:30')).toBe(true);
    expect(isLate(task(day, '09:31'), day, '09:30')).toBe(false);
    expect(isLate(task(day, null), day, '23:59')).toBe(false);
    expect(isLate(task(null, null), day, '09:30')).toBe(false);
  });

  it('reminds of the tasks whose time came since the last look, once', () => {
    const tasks = [task(day, '09:00'), task(day, '09:30'), task(day, '10:00'), task(day, null)];
    expect(fallingDue(tasks, day, '09:00', '09:30').map((t) => t.values.due_time)).toEqual([
      '09:30',
    ]);
    expect(fallingDue(tasks, day, '09:30', '09:31')).toEqual([]);
    expect(fallingDue(tasks, '2026-11-02', '00:00', '23:59')).toEqual([]);
  });
});

describe('tasks made on the Today page', () => {
  it('sends the quick add as the engine takes a task', () => {
    expect(
      quickTask({ subject: '  Send the quote ', due: '2026-11-02', time: '', priority: 'normal' }),
    ).toEqual({
      kind: 'task',
      subject: 'Send the quote',
      due_on: '2026-11-02',
      due_time: '',
      priority: 'normal',
      done: 'false',
    });
  });

  it('turns a suggestion into a task about its record, due today', () => {
    const late: Suggestion = {
      kind: 'ticket_late',
      record_kind: 'ticket',
      record_id: 'tk1',
      title: 'Invoice wrong',
      reason: '…',
      figures: {},
    };
    expect(suggestionTask(late, '2026-11-01')).toEqual({
      kind: 'task',
      subject: 'Answer Invoice wrong',
      due_on: '2026-11-01',
      priority: 'high',
      done: 'false',
      ticket_id: 'tk1',
    });
    const slipping = {
      ...late,
      kind: 'customer_slipping' as const,
      record_id: 'c1',
      title: '李明',
    };
    expect(suggestionTask(slipping, '2026-11-01')).toMatchObject({
      subject: 'Get back in touch with 李明',
      contact_id: 'c1',
      priority: 'normal',
    });
  });

  it('adds days across months and years, and counts them', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysBetween('2026-08-20', '2026-11-01')).toBe(73);
    expect(aboutOf(task(null, null, { contact_id: '李明', deal_id: 'Renewal' }))).toBe(
      '李明, Renewal',
    );
  });
});

describe('tasks in Chinese', () => {
  afterEach(() => i18n.set('en'));
  const day = '2026-11-01';

  it('says when a task is due in Chinese', () => {
    i18n.set('zh');
    expect(dueLabel(task('2026-08-20', '10:00'), day, '09:30')).toBe('逾期 73 天');
    expect(dueLabel(task(day, null), day, '09:30')).toBe('今天');
    expect(dueLabel(task(day, '09:00'), day, '09:30')).toBe('09:00 起已逾期');
    expect(dueLabel(task('2026-11-02', '08:15'), day, '09:30')).toBe('明天 08:15');
    expect(dueLabel(task('2026-11-05', null), day, '09:30')).toBe('11月5日周四');
    expect(dueLabel(task(null, null), day, '09:30')).toBe('无截止日期');
  });

  it("says why a suggestion is made from its figures, and keeps the engine's words in English", () => {
    const slipping: Suggestion = {
      kind: 'customer_slipping',
      record_kind: 'contact',
      record_id: 'c1',
      title: '李明',
      reason:
        'Bought 6 times for 12,400 CNY in all; the chance they buy again fell from 72% to 41% over the last 30 days (last order 2026-06-02).',
      figures: { orders: 6, spend: 12_400, p_alive_before: 0.72, p_alive_now: 0.41 },
    };
    const idle: Suggestion = {
      kind: 'deal_idle',
      record_kind: 'deal',
      record_id: 'd1',
      title: 'Renewal',
      reason: 'No activity since it was created 20 days ago; at stage lead.',
      figures: { idle_days: 20, value: 0 },
    };
    const late: Suggestion = {
      kind: 'ticket_late',
      record_kind: 'ticket',
      record_id: 't1',
      title: 'Invoice wrong',
      reason: 'Open for 3 days and 5 hours; the target for urgent priority is 4 hours.',
      figures: { waited_hours: 77.5, target_hours: 4 },
    };
    expect(suggestionReason(slipping)).toBe(slipping.reason);
    i18n.set('zh');
    expect(suggestionReason(slipping)).toBe(
      '共购买 6 次，累计 ¥1.2万；过去 30 天里再次购买的可能性从 72% 降到 41%（最近一次下单：2026年6月2日）。',
    );
    expect(suggestionReason(idle)).toBe('创建 20 天以来没有任何活动；处于“线索”阶段。');
    expect(suggestionReason(late)).toBe('已开启 3 天 5 小时；紧急优先级的处理目标是 4 小时。');
    expect(suggestionTask(late, day).subject).toBe('答复“Invoice wrong”');
  });
});
