//! Rows of one list query, fetched from the engine in pages by offset and kept in a small
//! LRU cache. Only the pages the list currently wants are fetched: when the user flings
//! through a million rows, pages scrolled past while a request was in flight are skipped.
import { pagesFor } from './virtual';

export type PageResult<T> = { total: number; rows: T[] };
export type FetchPage<T> = (offset: number, limit: number) => Promise<PageResult<T>>;

export type RowCacheOptions = {
  pageSize?: number;
  /** Pages kept in memory; the least recently used are dropped first. */
  maxPages?: number;
  /** Requests in flight at once. */
  concurrency?: number;
};

export class RowCache<T> {
  readonly pageSize: number;
  private readonly maxPages: number;
  private readonly concurrency: number;
  private readonly pages = new Map<number, T[]>();
  private readonly inFlight = new Set<number>();
  private wanted: number[] = [];
  private disposed = false;
  /** Row count from the last page received; null until the first one arrives. */
  total: number | null = null;
  /** The last failure, if any; cleared by a successful fetch. */
  error: unknown = null;

  constructor(
    private readonly fetchPage: FetchPage<T>,
    private readonly onChange: () => void,
    options: RowCacheOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 200;
    this.maxPages = options.maxPages ?? 40;
    this.concurrency = options.concurrency ?? 2;
  }

  /** The row at `index`, or undefined while its page is not loaded. */
  row(index: number): T | undefined {
    const page = this.pages.get(Math.floor(index / this.pageSize));
    return page?.[index % this.pageSize];
  }

  get loading(): boolean {
    return this.inFlight.size > 0;
  }

  /** Says which rows are on screen; fetches the pages that cover them. */
  want(start: number, end: number): void {
    this.wanted = pagesFor(start, end, this.pageSize);
    for (const page of this.wanted) this.touch(page);
    this.pump();
  }

  /** Stops all callbacks; answers still in flight are dropped. */
  dispose(): void {
    this.disposed = true;
  }

  private touch(page: number): void {
    const rows = this.pages.get(page);
    if (rows) {
      this.pages.delete(page);
      this.pages.set(page, rows);
    }
  }

  private pump(): void {
    for (const page of this.wanted) {
      if (this.inFlight.size >= this.concurrency) return;
      if (this.pages.has(page) || this.inFlight.has(page)) continue;
      if (this.total !== null && page * this.pageSize >= this.total && page > 0) continue;
      void this.load(page);
    }
  }

  private async load(page: number): Promise<void> {
    this.inFlight.add(page);
    try {
      const result = await this.fetchPage(page * this.pageSize, this.pageSize);
      if (this.disposed) return;
      this.total = result.total;
      this.error = null;
      this.pages.set(page, result.rows);
      while (this.pages.size > this.maxPages) {
        const oldest = this.pages.keys().next().value;
        if (oldest === undefined || this.wanted.includes(oldest)) break;
        this.pages.delete(oldest);
      }
    } catch (error) {
      if (this.disposed) return;
      this.error = error;
    } finally {
      this.inFlight.delete(page);
    }
    this.onChange();
    if (this.error === null) this.pump();
  }
}
