//! The startup report: the first screen the app shows (the dashboard with its figures, or the
//! welcome screen, or why the workspace could not open) tells the shell once that it is drawn
//! and takes input, two animation frames after its data is on screen (the first frame lays it
//! out, the second has painted it). The shell prints the time only when the startup benchmark
//! or the package test asks (`KITH_REPORT_READY`); otherwise the call does nothing. Work the
//! first screen does not show waits for it (`afterFirstScreen`).
import { reportStartup } from '../ipc/api';

let reported = false;
let painted: () => void = () => {};
const firstPaint = new Promise<void>((done) => (painted = done));

/** The first screen is shown; later calls (other screens, a second visit) are ignored. */
export function firstScreenShown(): void {
  if (reported) return;
  reported = true;
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      painted();
      // Only a measurement hangs on it: a shell that cannot take it changes nothing.
      reportStartup().catch(() => {});
    }),
  );
}

/**
 * Settles once the first screen is painted. What the first screen does not need waits for
 * it (the dashboard's charts, the due tasks' count), so the window's start is not shared
 * with work nobody is looking at yet.
 */
export function afterFirstScreen(): Promise<void> {
  return firstPaint;
}
