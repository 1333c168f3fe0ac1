//! A transport that answers every command with the engine's recorded answer (fixtures.ts):
//! what the component tests render and what `vite --mode mock` shows. It keeps nothing and
//! computes nothing, so it is read-only: a write the recorder did not make fails.
import type { Command } from '../bindings/Command';
import { recorded, UnrecordedCall, type Args, type Workspace } from './fixtures';
import { noteUnrecorded } from './unrecorded';

export type ReplayOptions = {
  /** Whose answers (default `demo`). */
  workspace?: Workspace;
  /** Delay before each answer, as the engine's round trip takes (the dev mode's feel). */
  latencyMs?: number;
  /**
   * Holds a call's answer (after its events) until the promise it returns settles: tests of
   * work in flight.
   */
  hold?: (command: Command, args: Args) => Promise<void> | undefined;
  /**
   * What the native file dialogs answer, in turn (the user's choice, not the engine's): the
   * files `dialog_open` picks and the paths `dialog_save` is given; then none (cancelled).
   */
  dialogs?: { open?: string[]; save?: string[] };
};

export class ReplayBackend {
  /** Every call received, in order (tests assert what the UI asked). */
  readonly calls: Array<{ command: Command; args: Args }> = [];

  private emit: ((event: string, payload: unknown) => void) | undefined;

  constructor(private readonly options: ReplayOptions = {}) {}

  /** Where the recorded events go (the UI's `listen` handlers, see install.ts). */
  connect(emit: (event: string, payload: unknown) => void): void {
    this.emit = emit;
  }

  /** Answers one IPC command; rejects with the recorded `ErrorReport` as the engine did. */
  handle = async (command: Command, payload?: unknown): Promise<unknown> => {
    const args: Args =
      typeof payload === 'object' && payload !== null && !Array.isArray(payload)
        ? (payload as Args)
        : {};
    this.calls.push({ command, args });
    const dialogs = this.options.dialogs;
    if (command === 'dialog_open' && dialogs) return dialogs.open?.shift() ?? null;
    if (command === 'dialog_save' && dialogs) return dialogs.save?.shift() ?? null;
    // The first screen telling the shell it is up (lib/startup.ts): the shell's, not the
    // engine's, and it answers nothing.
    if (command === 'startup_report') return null;
    const latency = this.options.latencyMs ?? 0;
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    let found;
    try {
      found = recorded(command, args, this.options.workspace ?? 'demo');
    } catch (error) {
      if (error instanceof UnrecordedCall) noteUnrecorded(error.message);
      throw error;
    }
    // The events the engine sent while it answered, in order, before the answer.
    for (const { event, payload } of found.events ?? []) {
      this.emit?.(event, structuredClone(payload));
      await Promise.resolve();
    }
    await this.options.hold?.(command, args);
    if (found.error) throw structuredClone(found.error);
    return structuredClone(found.answer);
  };
}
