//! The wall time the Today page was recorded at (`NOW` in src-tauri/src/record.rs): the tests
//! and the browser-only mock set the UI's clock to it (lib/clock.ts), so they ask what was
//! recorded.

export const RECORDED_NOW = '2026-11-01T09:30:00';
