//! "Recompute": one `refreshAnalytics` call reruns every stored analysis (RFM scores, k-means
//! segments, lifetime value, lead scores) in the engine, on a connection of its own, while the
//! window stays usable; its `analytics-progress` events say how far it is. Views that show
//! stored figures reload when `generation` moves (also after a failed step: the steps before
//! it were saved). A recompute asked for while one runs (an import finished meanwhile) runs
//! once more after it. Edits of the records the analyses read (`RECOMPUTED_KINDS`), merges and
//! import undos included, ask for one a little later (`recomputeSoon`), so a burst of edits
//! makes one recompute.
import {
  onAnalyticsProgress,
  onRecordWritten,
  refreshAnalytics,
  type Kind,
  type RefreshProgress,
} from '../ipc/api';
import { stepLabel } from './analytics';
import { formatNumber } from './format';
import { t } from './i18n/index.svelte';
import { toasts } from './toast.svelte';
import { errorMessage } from '../ipc/errors';

/**
 * The kinds whose records the stored analyses read: orders (RFM, segments, value), deals and
 * activities (lead scores), contacts and companies (lead-score features such as a job title,
 * a company's employees and industry), feedback and tickets (satisfaction). A merge or an
 * import's undo of one of them counts as an edit (`api.ts` reports them, with the kinds a
 * merge moved to the winner). Tags and campaign memberships feed no analysis: tagging,
 * untagging and inviting to a campaign recompute nothing, and neither do edits of the other
 * kinds (products, campaigns, …).
 */
export const RECOMPUTED_KINDS: readonly Kind[] = [
  'order',
  'deal',
  'activity',
  'contact',
  'company',
  'feedback',
  'ticket',
];

/** How long after the last edit the recompute starts: later edits move it on. */
export const RECOMPUTE_DELAY_MS = 3000;

export class AnalyticsRuns {
  /** Whether a recompute is running. */
  running = $state(false);
  /** The engine's last progress report of the running recompute (null before the first). */
  progress = $state<RefreshProgress | null>(null);
  /** Moves after every finished recompute: stored figures are new. */
  generation = $state(0);
  /** Why the last recompute failed, if it did. */
  error = $state<string | null>(null);
  private again = false;
  /** The recompute `recomputeSoon` scheduled, not started yet. */
  private soon: ReturnType<typeof setTimeout> | null = null;

  /** How much of the running recompute is done, 0 to 1. */
  get fraction(): number {
    return this.progress?.fraction ?? 0;
  }

  /** The done part as a whole percentage, 0 to 100 (for `aria-valuenow`). */
  get percent(): number {
    return Math.round(this.fraction * 100);
  }

  /** What is being computed, for a busy label: "Lifetime value (3 of 4) — 62 %". */
  get label(): string {
    if (!this.running) return '';
    const progress = this.progress;
    if (!progress) return t('analytics.progress.starting');
    return t('analytics.progress.step', {
      step: stepLabel(progress),
      index: progress.index,
      total: progress.total,
      percent: formatNumber(this.percent),
    });
  }

  /**
   * Recomputes `delayMs` after the last call: several calls close together make one
   * recompute, and one made while a recompute runs makes one more after it.
   */
  recomputeSoon(delayMs = RECOMPUTE_DELAY_MS): void {
    this.cancelSoon();
    this.soon = setTimeout(() => {
      this.soon = null;
      void this.recompute();
    }, delayMs);
  }

  /** Drops a recompute `recomputeSoon` scheduled and that has not started. */
  cancelSoon(): void {
    if (this.soon !== null) clearTimeout(this.soon);
    this.soon = null;
  }

  /**
   * Recomputes soon after every successful create, update, delete, merge or import undo of a
   * kind the analyses read (as `api.ts` reports them); returns the function that stops it (and
   * drops what is pending).
   */
  followEdits(): () => void {
    const stop = onRecordWritten((kind) => {
      if (RECOMPUTED_KINDS.includes(kind)) this.recomputeSoon();
    });
    return () => {
      stop();
      this.cancelSoon();
    };
  }

  /** Reruns every stored analysis; resolves when done (or at once when one already runs). */
  async recompute(): Promise<void> {
    // This run (or the one queued after the running one) reads every edit made so far.
    this.cancelSoon();
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.again = false;
    this.error = null;
    this.progress = null;
    let stop: (() => void) | null = null;
    try {
      stop = await onAnalyticsProgress((progress) => {
        if (this.running) this.progress = progress;
      });
      await refreshAnalytics();
      // Asked again meanwhile (even before the first call went out): once more, after it.
      while (this.again) {
        this.again = false;
        this.progress = null;
        await refreshAnalytics();
      }
      this.generation += 1;
    } catch (error) {
      this.error = errorMessage(error);
      toasts.error(t('analytics.recomputeFailed'), error);
      // The steps before the failure were saved: views read what is stored now.
      this.generation += 1;
    } finally {
      stop?.();
      this.running = false;
      this.progress = null;
    }
  }
}

/** The app's one recompute state (the dashboard's button, imports and edits finishing). */
export const analyticsRuns = new AnalyticsRuns();
