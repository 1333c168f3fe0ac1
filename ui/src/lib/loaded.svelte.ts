//! What a panel shows of an answer it asks the engine for: the last answer, whether a newer
//! one is on its way, and why the last ask failed. An answer to an earlier ask (the panel has
//! since moved to another record) is dropped.
import { errorMessage } from '../ipc/errors';

export class Loaded<T> {
  /** The last answer (kept while a newer one is on its way). */
  value: T | null = $state(null);
  loading = $state(true);
  /** Why the last ask failed ('' when it did not). */
  failed = $state('');
  private asked = 0;

  /**
   * Asks again; returns what stops waiting for the answer (an `$effect`'s cleanup: the
   * record changed, or the panel closed).
   */
  load(ask: () => Promise<T>): () => void {
    const mine = ++this.asked;
    this.loading = true;
    ask().then(
      (value) => {
        if (mine !== this.asked) return;
        this.value = value;
        this.failed = '';
        this.loading = false;
      },
      (error: unknown) => {
        if (mine !== this.asked) return;
        this.failed = errorMessage(error);
        this.loading = false;
      },
    );
    return () => {
      if (mine === this.asked) this.asked += 1;
    };
  }
}
