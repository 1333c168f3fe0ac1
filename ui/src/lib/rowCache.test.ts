import { describe, expect, it, vi } from 'vitest';
import { RowCache, type PageResult } from './rowCache';

type Deferred = { offset: number; resolve: (result: PageResult<number>) => void };

/** A fetcher whose answers the test releases by hand, over `total` rows numbered by index. */
function manualFetcher(total: number) {
  const pending: Deferred[] = [];
  const fetch = vi.fn(
    (offset: number, limit: number) =>
      new Promise<PageResult<number>>((resolve) => {
        pending.push({
          offset,
          resolve: () =>
            resolve({
              total,
              rows: Array.from({ length: Math.min(limit, total - offset) }, (_, i) => offset + i),
            }),
        });
      }),
  );
  const release = async (offset: number) => {
    const index = pending.findIndex((entry) => entry.offset === offset);
    const [entry] = pending.splice(index, 1);
    entry?.resolve({ total, rows: [] });
    await Promise.resolve();
    await Promise.resolve();
  };
  return { fetch, pending, release };
}

describe('RowCache', () => {
  it('fetches the page covering the wanted rows, once', async () => {
    const { fetch, release } = manualFetcher(1_000_000);
    const changed = vi.fn();
    const cache = new RowCache(fetch, changed, { pageSize: 200 });
    cache.want(0, 25);
    cache.want(0, 30); // same page while in flight: no second request
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith(0, 200);
    expect(cache.row(3)).toBeUndefined();
    await release(0);
    expect(changed).toHaveBeenCalled();
    expect(cache.total).toBe(1_000_000);
    expect(cache.row(3)).toBe(3);
    expect(cache.row(199)).toBe(199);
    cache.want(10, 40); // cached: nothing fetched
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('fetches by offset deep in a million rows', () => {
    const { fetch } = manualFetcher(1_000_000);
    const cache = new RowCache(fetch, () => {}, { pageSize: 200 });
    cache.want(999_990, 1_000_000);
    expect(fetch).toHaveBeenCalledWith(999_800, 200);
  });

  it('skips pages scrolled past while requests were in flight', async () => {
    const { fetch, release } = manualFetcher(1_000_000);
    const cache = new RowCache(fetch, () => {}, { pageSize: 200, concurrency: 1 });
    cache.want(0, 20);
    cache.want(2000, 2020); // page 10: queued behind page 0
    cache.want(4000, 4020); // page 20: the user kept scrolling
    await release(0);
    // Only the page now on screen is fetched next, not page 10.
    expect(fetch.mock.calls.map(([offset]) => offset)).toEqual([0, 4000]);
  });

  it('keeps at most maxPages pages, dropping the least recently used', async () => {
    const { fetch, release } = manualFetcher(100_000);
    const cache = new RowCache(fetch, () => {}, { pageSize: 100, maxPages: 2 });
    for (const page of [0, 1, 2]) {
      cache.want(page * 100, page * 100 + 10);
      await release(page * 100);
    }
    expect(cache.row(5)).toBeUndefined(); // page 0 evicted
    expect(cache.row(105)).toBe(105);
    expect(cache.row(205)).toBe(205);
  });

  it('ignores answers after dispose', async () => {
    const { fetch, release } = manualFetcher(10);
    const changed = vi.fn();
    const cache = new RowCache(fetch, changed);
    cache.want(0, 10);
    cache.dispose();
    await release(0);
    expect(changed).not.toHaveBeenCalled();
    expect(cache.row(0)).toBeUndefined();
  });

  it('records a failure and lets a later want retry', async () => {
    let fail = true;
    const fetch = vi.fn(async (offset: number) => {
      if (fail) throw new Error('disk full');
      return { total: 5, rows: [offset, offset + 1, offset + 2, offset + 3, offset + 4] };
    });
    const cache = new RowCache(fetch, () => {});
    cache.want(0, 5);
    await vi.waitFor(() => expect(cache.error).toBeInstanceOf(Error));
    fail = false;
    cache.want(0, 5);
    await vi.waitFor(() => expect(cache.row(4)).toBe(4));
    expect(cache.error).toBeNull();
  });
});
