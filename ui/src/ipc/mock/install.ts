//! Routes Tauri's `invoke` to the engine's recorded answers (`ReplayBackend`, fixtures.ts), for
//! the browser-only dev mode and for tests. Imported dynamically behind the mock flag, so it
//! never ships.
import { emit } from '@tauri-apps/api/event';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { ReplayBackend } from './replay';
import type { Command } from '../bindings/Command';
import { setClock } from '../../lib/clock';
import { RECORDED_NOW } from './now';

export { ReplayBackend };

/** Sends every command to the recorded answers of `backend` until `uninstallMockBackend`. */
export function installReplayBackend(backend: ReplayBackend = new ReplayBackend()): ReplayBackend {
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
 * The mock for `vite --mode mock`: the recorded demo workspace, read-only, answering after a
 * round trip's delay. A screen that asks what was never recorded shows the error naming the
 * call; record it in src-tauri/src/record.rs.
 */
export function installDevMock(): ReplayBackend {
  setClock(() => new Date(RECORDED_NOW));
  return installReplayBackend(new ReplayBackend({ latencyMs: 60 }));
}
