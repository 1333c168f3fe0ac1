//! The calls the recorded answers could not answer, kept until the test setup looks. A screen
//! shows a failed call as an error and goes on, so the setup (vitest.setup.ts) checks after
//! every test: an unrecorded call fails its test even when the screen hid it.

const missed: string[] = [];

export function noteUnrecorded(message: string): void {
  missed.push(message);
}

/** The unrecorded calls made since the last look, emptied. */
export function takeUnrecorded(): string[] {
  return missed.splice(0);
}
