//! Routes Tauri's `invoke` to a backend in the page, for the browser-only dev mode and for
//! tests: `ReplayBackend` answers with the engine's recorded answers (fixtures.ts);
//! `MockBackend` is the older in-memory simulation some tests still use. Imported dynamically
//! behind the mock flag, so it never ships.
import { emit } from '@tauri-apps/api/event';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { MockBackend, type MockOptions } from './backend';
import { ReplayBackend } from './replay';
import type { Command } from '../bindings/Command';

export { MockBackend, type MockOptions, ReplayBackend };
export { MOCK_CONTACTS_PATH, MOCK_SAVE_DIR, MOCK_WORKBOOK_PATH } from './files';

/**
 * Sends every command to `backend` until `uninstallMockBackend` is called. Events work as in
 * the app: what the backend emits reaches the UI's `listen` handlers.
 */
export function installMockBackend(backend: MockBackend): MockBackend {
  mockIPC((command, payload) => backend.handle(command as Command, payload), {
    shouldMockEvents: true,
  });
  backend.connect((event, payload) => void emit(event, payload));
  return backend;
}

export function uninstallMockBackend(): void {
  clearMocks();
}

/** Sends every command to the recorded answers of `backend` until `uninstallMockBackend`. */
export function installReplayBackend(backend: ReplayBackend = new ReplayBackend()): ReplayBackend {
  mockIPC((command, payload) => backend.handle(command as Command, payload), {
    shouldMockEvents: true,
  });
  backend.connect((event, payload) => void emit(event, payload));
  return backend;
}

/**
 * The mock for `vite --mode mock`: the recorded demo workspace, read-only, answering after a
 * round trip's delay. A screen that asks what was never recorded shows the error naming the
 * call; record it in src-tauri/src/record.rs.
 */
export function installDevMock(): ReplayBackend {
  return installReplayBackend(new ReplayBackend({ latencyMs: 60 }));
}
