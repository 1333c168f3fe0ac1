//! The one place that calls Tauri's `invoke` and `listen`. Everything above it is typed (see
//! api.ts). In the browser-only mock mode, `installDevMock` (mock/install.ts) replaces the
//! Tauri internals, so this same code path runs against the engine's recorded answers.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import {
  isPermissionGranted,
  requestPermission,
  sendNotification,
} from '@tauri-apps/plugin-notification';

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

/**
 * Calls `handler` with the payload of every `event` the engine emits until the returned
 * function is called. Outside Tauri there are no events: nothing is ever delivered.
 */
export async function subscribe<T>(
  event: string,
  handler: (payload: T) => void,
): Promise<() => void> {
  if (!hasTauri()) return () => {};
  const unlisten = await listen<T>(event, (message) => handler(message.payload));
  // Dropping a listener is best effort: after the window (or a test's mock) has gone, the
  // event plugin may be gone too, and there is nothing left to unregister.
  return () => {
    void Promise.resolve()
      .then(unlisten)
      .catch(() => {});
  };
}

/**
 * A notification of the system's, outside the window (the desktop's notification area),
 * asking for the permission the first time. Says whether it was shown: not in a plain
 * browser, nor when the user or the desktop refuses (no notification service).
 */
export async function notifyDesktop(title: string, body: string): Promise<boolean> {
  if (!hasTauri()) return false;
  try {
    let granted = await isPermissionGranted();
    if (!granted) granted = (await requestPermission()) === 'granted';
    if (granted) sendNotification({ title, body });
    return granted;
  } catch {
    return false;
  }
}
