import '@testing-library/jest-dom/vitest';
import { afterEach, beforeEach } from 'vitest';
import { setClock } from './src/lib/clock';
import { loadLanguage } from './src/lib/i18n/index.svelte';
import { RECORDED_NOW } from './src/ipc/mock/now';
import { takeUnrecorded } from './src/ipc/mock/unrecorded';

// The app loads the Chinese catalog (a chunk of its own) when the window speaks Chinese; tests
// switch to it at will, so it is loaded from the start (catalog.test.ts loads it as the app does).
await loadLanguage('zh');

// The recorded answers were made at one wall time: the UI asks at it (a local time).
beforeEach(() => setClock(() => new Date(RECORDED_NOW)));

// A call the recorded answers cannot answer fails its test, even when the screen only showed
// the error: the fixtures must hold every call a test makes (src-tauri/src/record.rs).
afterEach(() => {
  const missed = takeUnrecorded();
  if (missed.length > 0) throw new Error(`Unrecorded calls:\n${missed.join('\n')}`);
});

// jsdom has no layout and no ResizeObserver (Svelte's bind:clientHeight uses one);
// sizes stay 0 in tests, and components fall back to their documented defaults.
class NoLayoutResizeObserver implements ResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

globalThis.ResizeObserver ??= NoLayoutResizeObserver;
