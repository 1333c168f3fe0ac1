//! The state of one pass through the import wizard: the file and how to read it, the
//! engine's preview, the user's mapping and choices, the dry run, the import and its result.
//! Every number shown comes from the engine (`import_preview`, `import_run`, `import_undo`).
import {
  importCancel,
  importPreview,
  importRun,
  importUndo,
  KithError,
  onImportProgress,
  toErrorDto,
  type ColumnMap,
  type DateOrder,
  type ErrorReport,
  type ImportOptions,
  type ImportReport,
  type Kind,
  type OnDuplicate,
  type Preview,
  type Progress,
  type ReadOptions,
  type RowOverride,
  type UndoReport,
} from '../ipc/api';
import { buildOverrides, isImportable, type RowEdit } from './importing';
import { t } from './i18n/index.svelte';

export type Step = 'file' | 'mapping' | 'dry-run' | 'running' | 'result';

export type Busy = 'preview' | 'dry-run' | 'import' | 'undo' | null;

function blankRead(): ReadOptions {
  return { encoding: null, delimiter: null, sheet: null, header_row: null };
}

export class ImportSession {
  step: Step = $state('file');
  kind: Kind = $state('contact');
  /** The file chosen in the dialog; `preview.file` is the one last read. */
  path = $state('');
  read: ReadOptions = $state(blankRead());
  preview: Preview | null = $state(null);
  mapping: ColumnMap[] = $state([]);
  dateOrder: DateOrder | null = $state(null);
  /** ISO country for phone numbers without a prefix ('' for none). */
  country = $state('');
  onDuplicate: OnDuplicate = $state('merge');
  /** Per-row decisions and fixed cells, by line. */
  edits: Record<number, RowEdit> = $state({});
  dryRun: ImportReport | null = $state(null);
  /** The overrides the shown dry run was made with, to tell when edits are unchecked. */
  private checked = $state('[]');
  result: ImportReport | null = $state(null);
  progress: Progress | null = $state(null);
  cancelled = $state(false);
  undone: UndoReport | null = $state(null);
  busy: Busy = $state(null);
  /** The last failure, shown on the current step. */
  error: ErrorReport | null = $state(null);
  /** Numbers preview requests, so a slow answer never overwrites a newer one. */
  private previews = 0;

  constructor(kind: Kind = 'contact') {
    this.kind = kind;
  }

  /** The overrides to send for the current edits. */
  get overrides(): RowOverride[] {
    return buildOverrides(this.edits);
  }

  /** Whether edits were made since the dry run that is shown. */
  get unchecked(): boolean {
    return JSON.stringify(this.overrides) !== this.checked;
  }

  /** A date column reads both ways and no date format is chosen: the import would refuse. */
  get needsDateOrder(): boolean {
    return (
      this.dateOrder === null &&
      (this.preview?.dates.some((column) => column.profile.ambiguous && column.order === null) ??
        false)
    );
  }

  options(dryRun: boolean): ImportOptions {
    const country = this.country.trim().toUpperCase();
    return {
      read: { ...this.read },
      mapping: this.mapping.length > 0 ? this.mapping.map((column) => ({ ...column })) : null,
      mapping_name: null,
      default_country: country === '' ? null : country,
      date_order: this.dateOrder,
      on_duplicate: this.onDuplicate,
      dry_run: dryRun,
      overrides: this.overrides,
      rejects: null,
    };
  }

  private fail(error: unknown): void {
    this.error = error instanceof KithError ? error.dto : toErrorDto(error);
  }

  /** Runs `work` as `busy`: true when it succeeds; a failure is kept in `error`. */
  private async attempt(busy: Busy, work: () => Promise<void>): Promise<boolean> {
    this.busy = busy;
    this.error = null;
    try {
      await work();
      return true;
    } catch (error) {
      this.fail(error);
      return false;
    } finally {
      this.busy = null;
    }
  }

  /** Forgets everything learnt from the file: a new file, kind or way to read it. */
  private forgetFile(): void {
    this.mapping = [];
    this.edits = {};
    this.dryRun = null;
    this.checked = '[]';
    this.dateOrder = null;
  }

  /**
   * Reads the file again. `fresh` starts over (new file, kind or read options: the engine
   * maps the columns again); otherwise the current mapping is sent and kept. `savedName`
   * starts from a saved mapping.
   */
  async loadPreview(fresh: boolean, savedName: string | null = null): Promise<boolean> {
    const path = this.path.trim();
    if (path === '') {
      this.error = {
        code: 'bad_file',
        message: t('import.chooseFileFirst'),
        issues: [],
      };
      return false;
    }
    if (fresh) this.forgetFile();
    const options = this.options(true);
    if (savedName !== null) {
      options.mapping = null;
      options.mapping_name = savedName;
    }
    const request = ++this.previews;
    this.busy = 'preview';
    this.error = null;
    try {
      const preview = await importPreview(path, this.kind, options);
      if (request !== this.previews) return false;
      this.preview = preview;
      this.mapping = preview.mapping;
      this.dryRun = null;
      return true;
    } catch (error) {
      if (request !== this.previews) return false;
      if (fresh) this.preview = null;
      this.fail(error);
      return false;
    } finally {
      if (request === this.previews) this.busy = null;
    }
  }

  /** Changes how the file is read (encoding, delimiter, sheet, header row) and reads it again. */
  async reread(change: Partial<ReadOptions>): Promise<void> {
    this.read = { ...this.read, ...change };
    await this.loadPreview(true);
  }

  async setKind(kind: Kind): Promise<void> {
    this.kind = kind;
    if (this.preview) await this.loadPreview(true);
  }

  /** Sets the mapping (from the mapping table) and asks the engine to check it. */
  async setMapping(mapping: ColumnMap[]): Promise<void> {
    this.mapping = mapping;
    this.dryRun = null;
    await this.loadPreview(false);
  }

  async setDateOrder(order: DateOrder | null): Promise<void> {
    this.dateOrder = order;
    this.dryRun = null;
    await this.loadPreview(false);
  }

  /** Records the user's action or a fixed cell for one row (applied by the next run). */
  edit(
    line: number,
    original: string[],
    change: { action?: OnDuplicate | null; cell?: [number, string] },
  ): void {
    const current = this.edits[line] ?? { action: null, cells: {}, original: [...original] };
    const next: RowEdit = { ...current, cells: { ...current.cells } };
    if (change.action !== undefined) next.action = change.action;
    if (change.cell) next.cells[change.cell[0]] = change.cell[1];
    this.edits = { ...this.edits, [line]: next };
  }

  /** Drops every decision and fix. */
  clearEdits(): void {
    this.edits = {};
  }

  /** The dry run: what the import would do, written nowhere. */
  async runDryRun(): Promise<boolean> {
    const options = this.options(true);
    return this.attempt('dry-run', async () => {
      this.dryRun = await importRun(this.path.trim(), this.kind, options);
      this.checked = JSON.stringify(options.overrides);
      this.step = 'dry-run';
    });
  }

  /** The import, with progress; a cancel leaves the step showing that nothing changed. */
  async start(): Promise<boolean> {
    this.step = 'running';
    this.busy = 'import';
    this.error = null;
    this.progress = null;
    this.cancelled = false;
    this.undone = null;
    const stop = await onImportProgress((progress) => (this.progress = progress));
    try {
      this.result = await importRun(this.path.trim(), this.kind, this.options(false));
      this.step = 'result';
      return true;
    } catch (error) {
      if (error instanceof KithError && error.code === 'cancelled') {
        this.cancelled = true;
      } else {
        this.fail(error);
        this.step = 'dry-run';
      }
      return false;
    } finally {
      stop();
      this.busy = null;
    }
  }

  async cancel(): Promise<void> {
    try {
      await importCancel();
    } catch (error) {
      this.fail(error);
    }
  }

  /** Undoes the finished import; the report says what was removed, restored and kept. */
  async undo(): Promise<boolean> {
    const result = this.result;
    const batch = result?.batch;
    if (!result || !batch) return false;
    return this.attempt('undo', async () => {
      this.undone = await importUndo(batch, result.kind);
    });
  }

  /** Back to the first step with the same kind, for another file. */
  restart(): void {
    this.step = 'file';
    this.path = '';
    this.read = blankRead();
    this.preview = null;
    this.forgetFile();
    this.result = null;
    this.progress = null;
    this.cancelled = false;
    this.undone = null;
    this.error = null;
  }
}

/**
 * The session the import screen shows when `#/import[/kind]` asks for `kind`: the wizard's
 * state outlives the screen, so looking at a list and coming back keeps `current`. A finished
 * import, or another kind asked for, starts a new one (a running import is never left).
 */
export function sessionFor(current: ImportSession | null, kind: Kind | null): ImportSession {
  const wanted = kind && isImportable(kind) ? kind : null;
  const keep =
    current !== null &&
    current.step !== 'result' &&
    (wanted === null || wanted === current.kind || current.step === 'running');
  return keep ? current : new ImportSession(wanted ?? 'contact');
}
