//! The ticket queue's words and moves: a status's name, the status a card moves to with the
//! keyboard, and durations and targets as people read them. What is due and what is overdue
//! come from the engine.
import type { QueueColumn, TicketTarget } from '../ipc/api';

/** A status key as a name: `in_progress` → "In progress". */
export function statusLabel(status: string): string {
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

/** Hours as a short duration: `40 min`, `5 h`, `2.5 d`. */
export function durationLabel(hours: number): string {
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min`;
  if (hours < 48) return `${Math.round(hours * 10) / 10} h`;
  return `${Math.round((hours / 24) * 10) / 10} d`;
}

/** A priority's targets as the queue's legend says them: "urgent 1 h / 4 h". */
export function targetLabel(target: TicketTarget): string {
  return `${target.priority} ${durationLabel(target.response_hours)} / ${durationLabel(target.resolution_hours)}`;
}

/** The ratings a closing asks for, 1 (very unhappy) to 5 (very happy), with their words. */
export const RATINGS = [
  [1, 'Very unhappy'],
  [2, 'Unhappy'],
  [3, 'Neutral'],
  [4, 'Happy'],
  [5, 'Very happy'],
] as const;
