//! Routes Tauri's `invoke` to an in-memory `MockBackend`, for the browser-only dev mode
//! and for tests. Imported dynamically behind the mock flag, so it never ships.
import { emit } from '@tauri-apps/api/event';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { MockBackend, type MockOptions } from './backend';
import type { Command } from '../bindings/Command';

export { MockBackend, type MockOptions };
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

/**
 * The mock for `vite --mode mock`, configured from the page's query string:
 * `?workspace=demo` skips the welcome screen, `?mockRows=1000000` adds generated contacts.
 */
export function installDevMock(search: string): MockBackend {
  const params = new URLSearchParams(search);
  const workspace = params.get('workspace');
  const rows = Number(params.get('mockRows') ?? '0');
  return installMockBackend(
    new MockBackend({
      latencyMs: 60,
      demoDelayMs: 1500,
      chosen: workspace === 'demo' || workspace === 'empty',
      seeded: workspace !== 'empty',
      syntheticContacts: Number.isFinite(rows) && rows > 0 ? Math.floor(rows) : 0,
      importRowDelayMs: 300,
      refreshStepDelayMs: 700,
    }),
  );
}
