//! The ticket queue's words and moves: a status's name, the status a card moves to with the
//! keyboard, and durations and targets as people read them. What is due and what is overdue
//! come from the engine.
import type { QueueColumn, TicketTarget } from '../ipc/api';
import { i18n, t, type MessageKey } from './i18n/index.svelte';
import { choiceLabel } from './i18n/schema';

/** A status key as a name: `in_progress` → "In progress" (处理中 in Chinese). */
export function statusLabel(status: string): string {
  if (i18n.language === 'zh') return choiceLabel('ticket', 'status', status, 'zh');
  const words = status.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The status `step` columns from `status` (−1 the previous, +1 the next), if there is one. */
export function statusBeside(
  columns: readonly QueueColumn[],
  status: string,
  step: number,
): string | null {
  const at = columns.findIndex((column) => column.status === status);
  if (at < 0) return null;
  return columns[at + step]?.status ?? null;
}

/** Hours as a short duration: `40 min`, `5 h`, `2.5 d` (40 分钟, 5 小时, 2.5 天). */
export function durationLabel(hours: number): string {
  if (hours < 1) return t('queue.minutes', { count: Math.max(1, Math.round(hours * 60)) });
  if (hours < 48) return t('queue.hours', { count: Math.round(hours * 10) / 10 });
  return t('queue.days', { count: Math.round((hours / 24) * 10) / 10 });
}

/** A ticket priority's name: `urgent` as stored in English, 紧急 in Chinese. */
export function priorityLabel(priority: string): string {
  return choiceLabel('ticket', 'priority', priority);
}

/** A priority's targets as the queue's legend says them: "urgent 1 h / 4 h". */
export function targetLabel(target: TicketTarget): string {
  return t('queue.target', {
    priority: priorityLabel(target.priority),
    response: durationLabel(target.response_hours),
    resolution: durationLabel(target.resolution_hours),
  });
}

/** The ratings a closing asks for, 1 (very unhappy) to 5 (very happy), with their words. */
export const RATINGS: ReadonlyArray<readonly [number, MessageKey]> = [
  [1, 'queue.rating.1'],
  [2, 'queue.rating.2'],
  [3, 'queue.rating.3'],
  [4, 'queue.rating.4'],
  [5, 'queue.rating.5'],
];
