//! The wall clock the UI asks the engine with (Today's "now"). The app reads the computer's
//! clock; the recorded answers were made at one fixed time, so the tests and the browser-only
//! mock set the clock to it and ask what was recorded.

let source: () => Date = () => new Date();

/** The current wall time. */
export function now(): Date {
  return source();
}

/** Replaces the clock (tests and the mock only); `null` goes back to the computer's. */
export function setClock(clock: (() => Date) | null): void {
  source = clock ?? (() => new Date());
}
