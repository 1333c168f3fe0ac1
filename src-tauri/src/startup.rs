//! The startup report, for the startup benchmark and the package test: how long the app took
//! to show its first interactive screen. The UI calls `startup_report` once, two animation
//! frames after its first screen's data is on screen; when `KITH_REPORT_READY` is set, the
//! shell then prints one line on stdout, `kith-ready <ms>`, the milliseconds since `main`
//! began. Without the variable nothing is printed, ever. The same call lets the day's first
//! backup begin ([`DeferredBackup`]).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// When the shell began, and whether (and whether yet) to say when the UI was ready.
pub struct Startup {
    began: Instant,
    report: bool,
    reported: AtomicBool,
}

impl Startup {
    /// From now, reporting when `KITH_REPORT_READY` is set to anything but empty or `0`.
    pub fn from_env() -> Startup {
        let report =
            std::env::var_os("KITH_REPORT_READY").is_some_and(|v| !v.is_empty() && v != "0");
        Startup::new(report)
    }

    fn new(report: bool) -> Startup {
        Startup {
            began: Instant::now(),
            report,
            reported: AtomicBool::new(false),
        }
    }

    /// The line to print when the UI says it is ready: only when asked, and only the first
    /// time (a reloaded page reports again, but the app did not start again).
    pub fn ready_line(&self) -> Option<String> {
        if !self.report || self.reported.swap(true, Ordering::Relaxed) {
            return None;
        }
        Some(format!("kith-ready {}", self.began.elapsed().as_millis()))
    }
}

/// The day's first backup, held back until the window has shown its first screen (or
/// [`LATEST`] has passed without it), then run on a connection of its own: it does not compete
/// with the window's start for the computer's cores.
pub struct DeferredBackup(Mutex<Option<kith::Store>>);

/// How long the backup waits for the first screen at the most.
pub const LATEST: Duration = Duration::from_secs(10);

impl DeferredBackup {
    /// Holds `own` (a second connection to the open database), and starts it after [`LATEST`]
    /// if the window has not by then.
    pub fn new(own: Option<kith::Store>) -> Arc<DeferredBackup> {
        let backup = Arc::new(DeferredBackup(Mutex::new(own)));
        let later = Arc::clone(&backup);
        std::thread::spawn(move || {
            std::thread::sleep(LATEST);
            later.start();
        });
        backup
    }

    /// Runs the backup now if the newest is older than a day (once: later calls do nothing).
    pub fn start(&self) {
        let own = self.0.lock().ok().and_then(|mut held| held.take());
        if let Some(own) = own {
            std::thread::spawn(move || {
                if let Err(e) = own.backup_if_older(chrono::Duration::days(1)) {
                    eprintln!("kith: the daily backup failed: {e}");
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_nothing_unless_asked() {
        let quiet = Startup::new(false);
        assert_eq!(
            quiet.ready_line(),
            None,
            "without KITH_REPORT_READY the hook is inert"
        );
        assert_eq!(quiet.ready_line(), None);
    }

    #[test]
    fn says_ready_once_with_the_time_since_start() {
        let asked = Startup::new(true);
        let line = asked.ready_line().expect("asked for: reported");
        let ms = line
            .strip_prefix("kith-ready ")
            .expect("one word, then the time");
        assert!(
            ms.parse::<u128>().is_ok(),
            "milliseconds as an integer: {line}"
        );
        assert_eq!(asked.ready_line(), None, "the app started once: one report");
    }

    #[test]
    fn the_days_first_backup_waits_for_the_first_screen_then_runs_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = kith::Store::open(&dir.path().join("kith.db")).unwrap();
        let backup = DeferredBackup::new(store.reopen().unwrap());
        assert!(
            store.backups().unwrap().is_empty(),
            "nothing before the first screen"
        );
        backup.start();
        let made = (0..100).find_map(|_| {
            std::thread::sleep(Duration::from_millis(50));
            let list = store.backups().unwrap();
            (!list.is_empty()).then_some(list.len())
        });
        assert_eq!(made, Some(1), "the first screen lets the daily backup run");
        backup.start();
        std::thread::sleep(Duration::from_millis(200));
        assert_eq!(store.backups().unwrap().len(), 1, "once a start");
    }
}
