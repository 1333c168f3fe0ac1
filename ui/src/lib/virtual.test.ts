import { describe, expect, it } from 'vitest';
import {
  contentTopFromScroll,
  geometry,
  MAX_SCROLL_PX,
  pagesFor,
  revealRow,
  scrollFromContentTop,
  visibleWindow,
  wheelPixels,
} from './virtual';

const MILLION = 1_000_000;
const ROW = 32;
const VIEW = 640; // exactly 20 rows

describe('geometry', () => {
  it('lays small lists out 1:1', () => {
    const g = geometry(1000, ROW, VIEW);
    // 32,000 px fits in any browser, so nothing may be compressed.
    expect(g.scrollHeight).toBe(32_000);
    expect(g.ratio).toBe(1);
  });

  it('compresses the scroll space at 1,000,000 rows', () => {
    const g = geometry(MILLION, ROW, VIEW);
    // 32M px exceeds Firefox's ~17.9M px element limit, so the spacer is capped ...
    expect(g.contentHeight).toBe(32_000_000);
    expect(g.scrollHeight).toBe(MAX_SCROLL_PX);
    expect(g.scrollHeight).toBeLessThan(17_000_000);
    // ... and each scrolled pixel covers (32M - view) / (8M - view) content pixels.
    expect(g.ratio).toBeCloseTo((32_000_000 - VIEW) / (MAX_SCROLL_PX - VIEW), 9);
    expect(g.maxScrollTop * g.ratio).toBeCloseTo(g.maxContentTop, 3);
  });

  it('maps scroll positions to content and back', () => {
    const g = geometry(MILLION, ROW, VIEW);
    expect(contentTopFromScroll(0, g)).toBe(0);
    expect(contentTopFromScroll(g.maxScrollTop, g)).toBeCloseTo(g.maxContentTop, 3);
    const middle = contentTopFromScroll(g.maxScrollTop / 2, g);
    expect(middle).toBeCloseTo(g.maxContentTop / 2, 3);
    expect(scrollFromContentTop(middle, g)).toBeCloseTo(g.maxScrollTop / 2, 6);
    // Beyond the ends it clamps instead of showing blank space.
    expect(contentTopFromScroll(10 * g.maxScrollTop, g)).toBe(g.maxContentTop);
    expect(contentTopFromScroll(-50, g)).toBe(0);
  });
});

describe('visibleWindow', () => {
  it('renders only the visible rows plus overscan at the top', () => {
    const g = geometry(MILLION, ROW, VIEW);
    const w = visibleWindow(0, g, 5);
    expect(w).toMatchObject({ start: 0, firstVisible: 0, endVisible: 20, end: 25, offset: 0 });
  });

  it('finds the rows in the middle of a million', () => {
    const g = geometry(MILLION, ROW, VIEW);
    const contentTop = 500_000 * ROW + 10; // row 500,000 scrolled 10 px up
    const w = visibleWindow(contentTop, g, 5);
    expect(w.firstVisible).toBe(500_000);
    // 10 px into row 500,000, the viewport ends 10 px into row 500,020.
    expect(w.endVisible).toBe(500_021);
    expect(w.start).toBe(499_995);
    expect(w.end).toBe(500_026);
    // Rows are laid out from the scroll position, so row 500,000 appears 10 px above the top.
    const scrollTop = scrollFromContentTop(contentTop, g);
    expect(w.offset + 5 * ROW - scrollTop).toBeCloseTo(-10, 6);
  });

  it('reaches the very last row when scrolled to the end', () => {
    const g = geometry(MILLION, ROW, VIEW);
    const w = visibleWindow(contentTopFromScroll(g.maxScrollTop, g), g, 5);
    expect(w.endVisible).toBe(MILLION);
    expect(w.end).toBe(MILLION);
    expect(w.firstVisible).toBe(MILLION - 20);
    // The last row's bottom edge sits on the viewport's bottom edge.
    const lastRowTop = w.offset + (MILLION - 1 - w.start) * ROW;
    expect(lastRowTop + ROW - g.maxScrollTop).toBeCloseTo(VIEW, 3);
    // ... which is inside the spacer the browser can lay out.
    expect(lastRowTop + ROW).toBeLessThanOrEqual(g.scrollHeight + 1e-6);
  });

  it('places rows against the actual scroll position when one is given', () => {
    const g = geometry(MILLION, ROW, VIEW);
    const w = visibleWindow(1000 * ROW, g, 0, 250);
    expect(w.start).toBe(1000);
    expect(w.offset).toBe(250);
  });

  it('is empty for an empty list', () => {
    const w = visibleWindow(0, geometry(0, ROW, VIEW), 5);
    expect(w).toMatchObject({ start: 0, end: 0 });
  });

  it('does not overrun a list shorter than the viewport', () => {
    const w = visibleWindow(0, geometry(3, ROW, VIEW), 5);
    expect(w).toMatchObject({ start: 0, end: 3, endVisible: 3 });
  });
});

describe('revealRow', () => {
  it('scrolls just enough to show a row below or above the viewport', () => {
    const g = geometry(MILLION, ROW, VIEW);
    expect(revealRow(5, 0, g)).toBe(0); // already visible
    expect(revealRow(20, 0, g)).toBe(21 * ROW - VIEW); // row 20 at the bottom edge
    expect(revealRow(10, 100 * ROW, g)).toBe(10 * ROW); // row 10 at the top edge
    expect(revealRow(MILLION - 1, 0, g)).toBe(g.maxContentTop);
  });
});

describe('pagesFor', () => {
  it('lists the pages covering a row range', () => {
    expect(pagesFor(0, 25, 200)).toEqual([0]);
    expect(pagesFor(195, 230, 200)).toEqual([0, 1]);
    expect(pagesFor(999_980, 1_000_000, 200)).toEqual([4999]);
    expect(pagesFor(10, 10, 200)).toEqual([]);
  });
});

describe('wheelPixels', () => {
  it('converts line and page deltas to pixels', () => {
    const g = geometry(MILLION, ROW, VIEW);
    expect(wheelPixels(100, 0, g)).toBe(100);
    expect(wheelPixels(3, 1, g)).toBe(3 * ROW);
    expect(wheelPixels(1, 2, g)).toBe(VIEW);
  });
});
