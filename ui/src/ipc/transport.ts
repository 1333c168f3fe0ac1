//! The one place that calls Tauri's `invoke`. Everything above it is typed (see api.ts).
//! In the browser-only mock mode, `installMockBackend` (mock/install.ts) replaces the
//! Tauri internals, so this same code path runs against the in-memory backend.
import { invoke } from '@tauri-apps/api/core';

export type Args = Record<string, unknown>;

/** True inside the Tauri webview (or when the mock backend is installed). */
function hasTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

export function call<T>(command: string, args?: Args): Promise<T> {
  if (!hasTauri()) {
    return Promise.reject(
      new Error(
        'The Kith engine is not reachable from a plain browser. Run the desktop app, ' +
          'or `npm run dev:mock` for the in-memory mock.',
      ),
    );
  }
  return invoke<T>(command, args);
}
