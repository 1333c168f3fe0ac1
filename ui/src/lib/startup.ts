//! The startup report: the first screen the app shows (the dashboard with its figures, or the
//! welcome screen, or why the workspace could not open) tells the shell once that it is drawn
//! and takes input, two animation frames after its data is on screen (the first frame lays it
//! out, the second has painted it). The shell prints the time only when the startup benchmark
//! or the package test asks (`KITH_REPORT_READY`); otherwise the call does nothing.
import { reportStartup } from '../ipc/api';

let reported = false;

/** The first screen is shown; later calls (other screens, a second visit) are ignored. */
export function firstScreenShown(): void {
  if (reported) return;
  reported = true;
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      // Only a measurement hangs on it: a shell that cannot take it changes nothing.
      reportStartup().catch(() => {});
    }),
  );
}
