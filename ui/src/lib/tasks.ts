//! Tasks as the Today page shows and makes them: the input a quick add sends, when a task is
//! due in words, the task a suggestion becomes, and which tasks fall due in a minute (for the
//! reminders). The engine decides what is overdue, due today or upcoming; this only words it.
import type { EntityRecord, RecordInput, Suggestion } from '../ipc/api';
import { percent } from './analytics';
import { formatDate, formatMoney } from './format';
import { i18n, t, tn } from './i18n/index.svelte';
import { choiceLabel } from './i18n/schema';

/** The task priorities, least urgent first (none is normal). */
export const PRIORITIES = ['low', 'normal', 'high'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Follow-up delays offered on every task (days), each with its key. */
export const FOLLOW_UPS = [1, 3, 7] as const;

/** A stored text value of a record ('' when unset). */
export function textOf(record: EntityRecord, field: string): string {
  const value = record.values[field];
  return typeof value === 'string' ? value : '';
}

/** What the quick add sends to create a task (empty fields are left unset). */
export function quickTask(task: {
  subject: string;
  due: string;
  time: string;
  priority: Priority;
}): RecordInput {
  return {
    kind: 'task',
    subject: task.subject.trim(),
    due_on: task.due,
    due_time: task.time,
    priority: task.priority,
    done: 'false',
  };
}

/** `YYYY-MM-DD` plus `days`, in the calendar (no time zone). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
  return date.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * When a task is due, said from the user's `day` and `time`: "3 days late", "late since
 * 09:00", "15:00", "Today", "Tomorrow 09:30", "Thu, Nov 5" (in Chinese 逾期 3 天, 明天 09:30,
 * 11月5日周四).
 */
export function dueLabel(task: EntityRecord, day: string, time: string, locale?: string): string {
  const due = textOf(task, 'due_on');
  const at = textOf(task, 'due_time');
  if (due === '') return t('today.due.none');
  const ahead = daysBetween(day, due);
  if (ahead < 0) return tn('today.due.late', -ahead);
  if (ahead === 0) {
    if (at === '') return t('today.due.today');
    return at <= time ? t('today.due.lateSince', { time: at }) : at;
  }
  const when =
    ahead === 1
      ? t('today.due.tomorrow')
      : new Intl.DateTimeFormat(locale ?? i18n.locale, {
          weekday: 'short',
          month: 'short',
          day: 'numeric',
          timeZone: 'UTC',
        }).format(new Date(`${due}T00:00:00Z`));
  return at === '' ? when : `${when} ${at}`;
}

/** Whether a task is late at the user's `day` and `time`. */
export function isLate(task: EntityRecord, day: string, time: string): boolean {
  const due = textOf(task, 'due_on');
  const at = textOf(task, 'due_time');
  return due !== '' && (due < day || (due === day && at !== '' && at <= time));
}

/** The records a task is about, as their titles ("李明, Acme Ltd"). */
export function aboutOf(task: EntityRecord): string {
  return ['contact_id', 'company_id', 'deal_id', 'ticket_id']
    .map((field) => task.refs[field])
    .filter((title): title is string => typeof title === 'string' && title !== '')
    .join(', ');
}

/** The task a suggestion becomes: what to do about the record, due today. */
export function suggestionTask(suggestion: Suggestion, day: string): RecordInput {
  const [subject, field] = (() => {
    switch (suggestion.kind) {
      case 'customer_slipping':
        return [t('today.plan.slipping', { title: suggestion.title }), 'contact_id'];
      case 'deal_idle':
        return [t('today.plan.idle', { title: suggestion.title }), 'deal_id'];
      case 'ticket_late':
        return [t('today.plan.late', { title: suggestion.title }), 'ticket_id'];
    }
  })();
  return {
    kind: 'task',
    subject,
    due_on: day,
    priority: suggestion.kind === 'ticket_late' ? 'high' : 'normal',
    done: 'false',
    [field]: suggestion.record_id,
  };
}

/** Whole hours as the engine says a wait: "3 hours", "2 days", "1 day and 5 hours". */
function hoursText(hours: number): string {
  const whole = Math.floor(hours);
  const [days, rest] = [Math.floor(whole / 24), whole % 24];
  if (days === 0) return tn('today.reason.hours', rest);
  if (rest === 0) return tn('today.reason.days', days);
  return t('today.reason.daysAndHours', {
    days: tn('today.reason.days', days),
    hours: tn('today.reason.hours', rest),
  });
}

/**
 * Why a suggestion is made: in English the engine's sentence; in Chinese said from its kind
 * and figures, with what else the engine's sentence names (a day, a stage, a currency, a
 * priority) where it names them.
 */
export function suggestionReason(suggestion: Suggestion): string {
  if (i18n.language === 'en') return suggestion.reason;
  const sent = suggestion.reason;
  const figure = (name: string) => suggestion.figures[name];
  switch (suggestion.kind) {
    case 'customer_slipping': {
      const [orders, spend, before, now] = ['orders', 'spend', 'p_alive_before', 'p_alive_now'].map(
        figure,
      );
      if (orders === undefined || spend === undefined || before === undefined || now === undefined)
        return sent;
      const currency = /for [-\d,.]+ ([A-Z]{3}) in all/.exec(sent)?.[1] ?? null;
      const days = Number(/over the last (\d+) days/.exec(sent)?.[1] ?? 30);
      const last = /\(last order (\d{4}-\d{2}-\d{2})\)/.exec(sent)?.[1];
      return t('today.reason.slipping', {
        orders,
        spend: formatMoney(spend, currency, undefined, true),
        before: percent(before),
        now: percent(now),
        days,
        last: last ? t('today.reason.lastOrder', { date: formatDate(last) }) : '',
      });
    }
    case 'deal_idle': {
      const [idle, value] = [figure('idle_days'), figure('value')];
      if (idle === undefined) return sent;
      const last = /\(last on (\d{4}-\d{2}-\d{2})\)/.exec(sent)?.[1];
      const stage = /at stage ([^,.;]+)/.exec(sent)?.[1];
      const worth = /worth [-\d,.]+(?: ([A-Z]{3}))?/.exec(sent);
      return t(last ? 'today.reason.idle' : 'today.reason.idleSinceCreated', {
        days: idle,
        date: last ? formatDate(last) : '',
        stage: stage ? t('today.reason.stage', { stage: choiceLabel('deal', 'stage', stage) }) : '',
        worth:
          worth && value !== undefined
            ? t('today.reason.worth', {
                amount: formatMoney(value, worth[1] ?? null, undefined, true),
              })
            : '',
      });
    }
    case 'ticket_late': {
      const [waited, target] = [figure('waited_hours'), figure('target_hours')];
      if (waited === undefined || target === undefined) return sent;
      const priority = /target for (\S+) priority/.exec(sent)?.[1] ?? 'normal';
      return t(sent.startsWith('Waiting') ? 'today.reason.waiting' : 'today.reason.open', {
        waited: hoursText(waited),
        target: hoursText(target),
        priority: choiceLabel('ticket', 'priority', priority),
      });
    }
  }
}

/**
 * The tasks of `tasks` due on `day` whose time falls after `since` and no later than `time`
 * (`HH:MM`): the ones to remind of when the clock moved from `since` to `time`.
 */
export function fallingDue(
  tasks: readonly EntityRecord[],
  day: string,
  since: string,
  time: string,
): EntityRecord[] {
  return tasks.filter((task) => {
    const at = textOf(task, 'due_time');
    return textOf(task, 'due_on') === day && at !== '' && at > since && at <= time;
  });
}
