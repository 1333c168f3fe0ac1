import '@testing-library/jest-dom/vitest';

// jsdom has no layout and no ResizeObserver (Svelte's bind:clientHeight uses one);
// sizes stay 0 in tests, and components fall back to their documented defaults.
class NoLayoutResizeObserver implements ResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

globalThis.ResizeObserver ??= NoLayoutResizeObserver;
