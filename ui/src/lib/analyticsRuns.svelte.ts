//! "Recompute": reruns the analyses whose figures are stored per customer (RFM scores, k-means
//! segments, lifetime value) one after another, in the background. The window stays usable
//! (each is an async engine command off the main thread); views that show stored figures
//! reload when `generation` moves. A recompute asked for while one runs runs once more after.
import { customerSegments, customerValue, rfmScores } from '../ipc/api';
import { toasts } from './toast.svelte';

export type RecomputeStep = 'rfm' | 'segments' | 'value';

const STEPS: ReadonlyArray<[RecomputeStep, string, () => Promise<unknown>]> = [
  ['rfm', 'RFM scores', () => rfmScores()],
  ['segments', 'customer segments', () => customerSegments()],
  ['value', 'lifetime value', () => customerValue()],
];

export class AnalyticsRuns {
  /** Whether a recompute is running. */
  running = $state(false);
  /** The analysis running now. */
  step = $state<RecomputeStep | null>(null);
  /** Which step of how many, for "2 of 3". */
  index = $state(0);
  /** Moves after every finished recompute: stored figures are new. */
  generation = $state(0);
  /** Why the last recompute failed, if it did. */
  error = $state<string | null>(null);
  private again = false;

  readonly total = STEPS.length;

  /** What is being computed, for a busy label: "Lifetime value (3 of 3)…". */
  get label(): string {
    const found = STEPS.find(([step]) => step === this.step);
    if (!found) return '';
    const name = found[1];
    return `${name.charAt(0).toUpperCase()}${name.slice(1)} (${this.index} of ${this.total})…`;
  }

  /** Reruns the three analyses; resolves when done (or at once when one is already running). */
  async recompute(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.error = null;
    try {
      do {
        this.again = false;
        for (const [index, [step, , run]] of STEPS.entries()) {
          this.step = step;
          this.index = index + 1;
          await run();
        }
      } while (this.again);
      this.generation += 1;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      toasts.error('Could not recompute the analytics', error);
    } finally {
      this.running = false;
      this.step = null;
      this.index = 0;
    }
  }
}

/** The app's one recompute state (the dashboard's button, the import's completion). */
export const analyticsRuns = new AnalyticsRuns();
