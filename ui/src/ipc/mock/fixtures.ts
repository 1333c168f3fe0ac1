//! The engine's answers, recorded from the real engine by `make fixtures` (src-tauri/src/record.rs
//! runs the shell's own command bodies on seeded workspaces) into `fixtures/<workspace>/<command>.json`. Nothing here computes an answer: a call is looked up by its command and
//! arguments, and a call that was never recorded fails, naming both.
import type { Command } from '../bindings/Command';
import type { ErrorReport } from '../bindings/ErrorReport';

export type Args = Record<string, unknown>;

/**
 * The recorded workspaces: `demo` (the seeded demo after a Recompute, as the app shows it),
 * `unscored` (the same data before any analysis ran), `empty` (a first start, then Start
 * empty), `edits` (the demo and the writes the analytics follow), `forms` (the demo and what
 * the record form and the duplicate finder send), `files` (a workspace in a file: imports of
 * canned files, review, exports, backups); see record.rs.
 */
export type Workspace = 'demo' | 'unscored' | 'empty' | 'edits' | 'forms' | 'files';

/** An event the engine sent the window while it answered (`analytics-progress`, …). */
export type RecordedEvent = { event: string; payload: unknown };

/**
 * One recorded call: the arguments the UI sends, the engine's answer or error, and the events
 * it sent meanwhile.
 */
export type Recorded = {
  args: Args;
  answer?: unknown;
  error?: ErrorReport;
  events?: RecordedEvent[];
};

const files = import.meta.glob<Recorded[]>('./fixtures/*/*.json', {
  eager: true,
  import: 'default',
});

/**
 * Arguments as a key: object keys sorted, no spaces, and `undefined` left out as it is when
 * the arguments cross IPC as JSON.
 */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonical(item ?? null)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Args)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function keyOf(workspace: string, command: string, args: Args): string {
  return `${workspace} ${command} ${canonical(args)}`;
}

/** `./fixtures/demo/record_get.json` → ['demo', 'record_get']. */
function nameOf(path: string): [string, string] {
  const [workspace = '', file = ''] = path.split('/').slice(-2);
  return [workspace, file.slice(0, -'.json'.length)];
}

const table = new Map<string, Recorded>();
/** The commands that have recorded answers (the fixtures' file names). */
export const RECORDED_COMMANDS: readonly string[] = [
  ...new Set(Object.keys(files).map((path) => nameOf(path)[1])),
];
for (const [path, entries] of Object.entries(files)) {
  const [workspace, command] = nameOf(path);
  for (const entry of entries) table.set(keyOf(workspace, command, entry.args), entry);
}

/** A call the recorder never made: the UI asked something the fixtures cannot answer. */
export class UnrecordedCall extends Error {
  constructor(command: Command, args: Args, workspace: Workspace) {
    super(
      `No recorded answer for ${command} ${canonical(args)} in the ${workspace} workspace. ` +
        'Record the call in src-tauri/src/record.rs and run `make fixtures`.',
    );
    this.name = 'UnrecordedCall';
  }
}

/** The recorded call `command` with `args`; throws `UnrecordedCall` when there is none. */
export function recorded(
  command: Command,
  args: Args = {},
  workspace: Workspace = 'demo',
): Recorded {
  const found = table.get(keyOf(workspace, command, args));
  if (!found) throw new UnrecordedCall(command, args, workspace);
  return found;
}

/** The engine's recorded answer (a copy, so a caller cannot change the fixture). */
export function recordedAnswer<T>(
  command: Command,
  args: Args = {},
  workspace: Workspace = 'demo',
): T {
  const found = recorded(command, args, workspace);
  if (found.error) {
    throw new Error(`${command} ${canonical(args)} was recorded failing: ${found.error.message}`);
  }
  return structuredClone(found.answer) as T;
}

/** Every recorded call of `command` in `workspace`. */
export function recordedCalls(command: Command, workspace: Workspace = 'demo'): Recorded[] {
  return [...table.entries()]
    .filter(([key]) => key.startsWith(`${workspace} ${command} `))
    .map(([, entry]) => structuredClone(entry));
}
