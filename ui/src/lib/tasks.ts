//! Tasks as the Today page shows and makes them: the input a quick add sends, when a task is
//! due in words, the task a suggestion becomes, and which tasks fall due in a minute (for the
//! reminders). The engine decides what is overdue, due today or upcoming; this only words it.
import type { EntityRecord, RecordInput, Suggestion } from '../ipc/api';

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
 * 09:00", "15:00", "Today", "Tomorrow 09:30", "Thu, Nov 5".
 */
export function dueLabel(task: EntityRecord, day: string, time: string, locale?: string): string {
  const due = textOf(task, 'due_on');
  const at = textOf(task, 'due_time');
  if (due === '') return 'No due day';
  const ahead = daysBetween(day, due);
  if (ahead < 0) return ahead === -1 ? '1 day late' : `${-ahead} days late`;
  if (ahead === 0) {
    if (at === '') return 'Today';
    return at <= time ? `Late since ${at}` : at;
  }
  const when =
    ahead === 1
      ? 'Tomorrow'
      : new Intl.DateTimeFormat(locale, {
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
        return [`Get back in touch with ${suggestion.title}`, 'contact_id'];
      case 'deal_idle':
        return [`Move ${suggestion.title} forward`, 'deal_id'];
      case 'ticket_late':
        return [`Answer ${suggestion.title}`, 'ticket_id'];
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
