//! Geometry of the virtualized list. Pure functions, so the window and the scaling are
//! tested without a browser.
//!
//! Browsers cap an element's height (Firefox ≈ 17.9M px, Chromium/WebKit ≈ 33.5M px), so
//! 1,000,000 rows × 32 px cannot be laid out 1:1. Above `MAX_SCROLL_PX` the scroll space is
//! compressed: the scrollbar spans `MAX_SCROLL_PX` and each scrolled pixel moves the content
//! by `ratio` pixels. The list keeps its position in content pixels (`contentTop`), so wheel
//! and keyboard scrolling stay 1:1 and only dragging the scrollbar is scaled.

/** Comfortably below every browser's limit on element height. */
export const MAX_SCROLL_PX = 8_000_000;

export type Geometry = {
  rowHeight: number;
  viewport: number;
  total: number;
  /** Height of all rows laid out 1:1. */
  contentHeight: number;
  /** Height of the scrollable spacer actually put in the DOM. */
  scrollHeight: number;
  /** Content pixels per scrolled pixel (1 when nothing is compressed). */
  ratio: number;
  maxContentTop: number;
  maxScrollTop: number;
};

export function geometry(
  total: number,
  rowHeight: number,
  viewport: number,
  maxScroll: number = MAX_SCROLL_PX,
): Geometry {
  const contentHeight = Math.max(0, total) * rowHeight;
  const scrollHeight = Math.min(contentHeight, maxScroll);
  const maxContentTop = Math.max(0, contentHeight - viewport);
  const maxScrollTop = Math.max(0, scrollHeight - viewport);
  const ratio = maxScrollTop > 0 ? maxContentTop / maxScrollTop : 1;
  return {
    rowHeight,
    viewport,
    total,
    contentHeight,
    scrollHeight,
    ratio,
    maxContentTop,
    maxScrollTop,
  };
}

export function clampContentTop(contentTop: number, g: Geometry): number {
  return Math.min(Math.max(0, contentTop), g.maxContentTop);
}

/** Where the content is when the scroll element is at `scrollTop`. */
export function contentTopFromScroll(scrollTop: number, g: Geometry): number {
  return clampContentTop(scrollTop * g.ratio, g);
}

/** Where the scroll element must be to show the content from `contentTop`. */
export function scrollFromContentTop(contentTop: number, g: Geometry): number {
  return Math.min(Math.max(0, contentTop / g.ratio), g.maxScrollTop);
}

export type VisibleWindow = {
  /** First row to render (inclusive). */
  start: number;
  /** Row after the last one to render (exclusive). */
  end: number;
  /** First and after-last row actually in view, without overscan. */
  firstVisible: number;
  endVisible: number;
  /**
   * Top of row `start` in spacer pixels: rows are laid out from here, so on screen they
   * sit where `contentTop` says even when the scroll space is compressed.
   */
  offset: number;
};

/**
 * Rows to render for content position `contentTop`. `scrollTop` is the scroll element's
 * actual position, when known (browsers may round what was written to it).
 */
export function visibleWindow(
  contentTop: number,
  g: Geometry,
  overscan: number,
  scrollTop?: number,
): VisibleWindow {
  if (g.total <= 0 || g.rowHeight <= 0) {
    return { start: 0, end: 0, firstVisible: 0, endVisible: 0, offset: 0 };
  }
  const top = clampContentTop(contentTop, g);
  const firstVisible = Math.min(g.total - 1, Math.floor(top / g.rowHeight));
  const endVisible = Math.min(g.total, Math.ceil((top + g.viewport) / g.rowHeight));
  const start = Math.max(0, firstVisible - overscan);
  const end = Math.min(g.total, endVisible + overscan);
  const offset = (scrollTop ?? scrollFromContentTop(top, g)) + (start * g.rowHeight - top);
  return { start, end, firstVisible, endVisible, offset };
}

/** The `contentTop` that brings row `index` fully into view, moving as little as possible. */
export function revealRow(index: number, contentTop: number, g: Geometry): number {
  const rowTop = index * g.rowHeight;
  const rowBottom = rowTop + g.rowHeight;
  if (rowTop < contentTop) return clampContentTop(rowTop, g);
  if (rowBottom > contentTop + g.viewport) return clampContentTop(rowBottom - g.viewport, g);
  return contentTop;
}

/** Page numbers (of `pageSize` rows) that cover rows `[start, end)`. */
export function pagesFor(start: number, end: number, pageSize: number): number[] {
  if (end <= start) return [];
  const first = Math.floor(start / pageSize);
  const last = Math.floor((end - 1) / pageSize);
  const pages: number[] = [];
  for (let page = first; page <= last; page += 1) pages.push(page);
  return pages;
}

/** Pixels a wheel event asks to scroll, whatever unit the device reported. */
export function wheelPixels(delta: number, deltaMode: number, g: Geometry): number {
  if (deltaMode === 1) return delta * g.rowHeight;
  if (deltaMode === 2) return delta * g.viewport;
  return delta;
}
