//! The startup report, for the startup benchmark and the package test: how long the app took
//! to show its first interactive screen. The UI calls `startup_report` once, two animation
//! frames after its first screen's data is on screen; when `KITH_REPORT_READY` is set, the
//! shell then prints one line on stdout, `kith-ready <ms>`, the milliseconds since `main`
//! began. Without the variable nothing is printed, ever.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

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
}
