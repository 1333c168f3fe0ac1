//! What to show of a failed call: the engine's message (the IPC layer turns its refusals
//! into `Error`s), or the value itself when something else was thrown.

/** The text of `error` for a banner or an inline message. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
