//! Search-as-you-type over every record, shared by the search box and the command palette:
//! the engine is asked once the typing pauses (debounced), an answer to an earlier text is
//! dropped, and the hits come grouped by kind in the order the arrow keys follow.
import { search, type Kind, type SearchHit } from '../ipc/api';
import { errorMessage } from '../ipc/errors';
import { debounce } from './debounce';

/** Hits of one kind, each with its position among all the hits shown. */
export type HitGroup = { kind: Kind; items: Array<{ hit: SearchHit; index: number }> };

/** Hits grouped by kind (in order of first appearance), numbered in the order shown. */
export function groupHits(hits: readonly SearchHit[]): HitGroup[] {
  const kinds = hits.map((hit) => hit.kind).filter((kind, at, all) => all.indexOf(kind) === at);
  let index = 0;
  return kinds.map((kind) => ({
    kind,
    items: hits.filter((hit) => hit.kind === kind).map((hit) => ({ hit, index: index++ })),
  }));
}

export class RecordSearch {
  /** The hits for the last text answered. */
  hits: SearchHit[] = $state([]);
  /** A search is on its way. */
  pending = $state(false);
  /** Why the last search failed ('' when it did not). */
  failed = $state('');
  /** The text of the last answer (or failure): '' until one came. */
  answered = $state('');

  private seq = 0;
  private readonly run;

  /**
   * `delay`: the pause in typing (ms) before the engine is asked; `limit`: the most hits;
   * `onanswer`: called with each answer that is kept.
   */
  constructor(
    delay: number,
    private readonly limit: number,
    private readonly onanswer: (hits: SearchHit[]) => void = () => {},
  ) {
    this.run = debounce((text: string) => this.ask(text), delay);
  }

  /** Searches for `text` once the typing pauses; an empty text clears the hits at once. */
  type(text: string): void {
    const wanted = text.trim();
    if (wanted === '') this.reset();
    else this.run(wanted);
  }

  /** Forgets the hits and any search on its way. */
  reset(): void {
    this.run.cancel();
    this.seq += 1;
    this.hits = [];
    this.pending = false;
    this.failed = '';
    this.answered = '';
  }

  /** Stops a search waiting for the typing to pause (the view is closing). */
  stop(): void {
    this.run.cancel();
    this.seq += 1;
  }

  private ask(text: string): void {
    const mine = ++this.seq;
    this.pending = true;
    search(text, this.limit, null).then(
      (result) => {
        if (mine !== this.seq) return;
        this.hits = result;
        this.failed = '';
        this.pending = false;
        this.answered = text;
        this.onanswer(result);
      },
      (error: unknown) => {
        if (mine !== this.seq) return;
        this.hits = [];
        this.failed = errorMessage(error);
        this.pending = false;
        this.answered = text;
        this.onanswer([]);
      },
    );
  }
}
