//! A component the first screen does not show, loaded the first time it is asked for (its own
//! chunk of the build, fetched with `import()`), once: every later ask gets the same module.
//! `Lazy.svelte` draws it; `prefetch` loads some in the background after the first screen, so
//! opening one later does not wait for the fetch.

/** A component of its own chunk; `current` is set (reactively) once it is loaded. */
export class Loadable<C> {
  /** The component, once loaded. */
  current: C | null = $state(null);
  private pending: Promise<C> | null = null;

  constructor(private readonly loader: () => Promise<{ default: C }>) {}

  /** Loads the component (once); a failed load is tried again by the next call. */
  load(): Promise<C> {
    this.pending ??= this.loader().then(
      (module) => (this.current = module.default),
      (error: unknown) => {
        this.pending = null;
        throw error;
      },
    );
    return this.pending;
  }
}

/** A component loaded on demand: `lazy(() => import('./X.svelte'))`. */
export function lazy<C>(loader: () => Promise<{ default: C }>): Loadable<C> {
  return new Loadable(loader);
}

/**
 * Loads `items` one after another once `ready` settles: one chunk parsed at a time keeps the
 * window answering input in between. A failure is skipped: the screen that needs the chunk
 * tries again and says so if it fails there. Returns what stops it (the window closed).
 */
export function prefetch(
  ready: Promise<void>,
  items: ReadonlyArray<{ load: () => Promise<unknown> }>,
): () => void {
  let stopped = false;
  void (async () => {
    await ready;
    for (const item of items) {
      if (stopped) return;
      await item.load().catch(() => {});
    }
  })();
  return () => (stopped = true);
}
