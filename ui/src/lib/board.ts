//! The deal board's words and moves: a stage's name, the stage a card moves to with the
//! keyboard, the edit a drop sends, and the reasons offered when a deal is lost.
import type { BoardColumn, DealStage, RecordInput } from '../ipc/api';
import { i18n, t, type MessageKey } from './i18n/index.svelte';
import { ZH_SCHEMA } from './i18n/schema';

/** Reasons a deal is lost, offered when it is moved to Lost (any other can be typed). */
export const LOST_REASONS = [
  'Price',
  'Timing',
  'Chose a competitor',
  'No budget',
  'No response',
  'Needs changed',
] as const;

const LOST_WORDS: Record<(typeof LOST_REASONS)[number], MessageKey> = {
  Price: 'board.lost.price',
  Timing: 'board.lost.timing',
  'Chose a competitor': 'board.lost.competitor',
  'No budget': 'board.lost.budget',
  'No response': 'board.lost.response',
  'Needs changed': 'board.lost.needs',
};

/** An offered reason in the window's language: what the deal's lost reason is set to. */
export function lostReasonLabel(reason: (typeof LOST_REASONS)[number]): string {
  return t(LOST_WORDS[reason]);
}

/**
 * A stage key as its default name: `negotiation` → "Negotiation" (谈判 in Chinese), whatever
 * the user renamed it to (`stageName` says that).
 */
export function stageLabel(stage: string): string {
  if (i18n.language === 'zh') return ZH_SCHEMA.deal.choices?.stage?.[stage] ?? stage;
  const words = stage.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A stage's name: the user's own, or its default name. */
export function stageName(stage: { key?: string; stage?: string; label: string | null }): string {
  return stage.label ?? stageLabel(stage.key ?? stage.stage ?? '');
}

/**
 * The stages with the open stage at `at` moved `step` places (−1 up, +1 down) among the open
 * stages; won and lost keep their places at the end. Unchanged when it cannot move.
 */
export function moveStage<T extends Pick<DealStage, 'closed'>>(
  stages: readonly T[],
  at: number,
  step: number,
): T[] {
  const out = [...stages];
  const [from, to] = [out[at], out[at + step]];
  if (!from || !to || from.closed || to.closed) return out;
  out[at] = to;
  out[at + step] = from;
  return out;
}

/** The stage `step` columns from `stage` (−1 the previous, +1 the next), if there is one. */
export function stageBeside(
  columns: readonly BoardColumn[],
  stage: string,
  step: number,
): string | null {
  const at = columns.findIndex((column) => column.stage === stage);
  if (at < 0) return null;
  return columns[at + step]?.stage ?? null;
}

/** What moving a deal to `stage` sends: the stage, and the reason when it is lost. */
export function moveInput(stage: string, lostReason = ''): RecordInput {
  return stage === 'lost' && lostReason.trim() !== ''
    ? { stage, lost_reason: lostReason.trim() }
    : { stage };
}

/** The currency the column's cards are in when they share one (for its totals). */
export function columnCurrency(column: BoardColumn): string | null {
  const codes = new Set(
    column.cards.map((card) => card.deal.values.currency).filter((c) => typeof c === 'string'),
  );
  return codes.size === 1 ? ([...codes][0] as string) : null;
}
