//! Panics are written, with their backtrace, to `kith.log` beside the database (readable by
//! the user alone), and a command that panicked answers with an error naming that file.

use std::any::Any;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use kith::{ErrorCode, ErrorReport};

static LOG: OnceLock<PathBuf> = OnceLock::new();

/// The log file beside the database at `db`.
pub fn log_path(db: &Path) -> PathBuf {
    db.with_file_name("kith.log")
}

/// Writes every later panic to `log` (after the usual message on stderr).
pub fn install(log: PathBuf) {
    if LOG.set(log).is_err() {
        return;
    }
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        default(info);
        if let Some(path) = LOG.get() {
            let trace = std::backtrace::Backtrace::force_capture();
            let at = chrono::Utc::now().to_rfc3339();
            let _ = append(path, &format!("{at} {info}\n{trace}\n"));
        }
    }));
}

fn append(path: &Path, text: &str) -> std::io::Result<()> {
    kith::files::private_options()
        .append(true)
        .create(true)
        .open(path)?
        .write_all(text.as_bytes())
}

/// The error a command answers when it panicked: what failed, and where the details are.
pub fn report(panic: &(dyn Any + Send)) -> ErrorReport {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an unexpected failure".into());
    let details = LOG.get().map_or_else(
        || "see the terminal Kith was started from".to_string(),
        |p| format!("the details are in {}", p.display()),
    );
    ErrorReport {
        code: ErrorCode::Internal,
        message: format!(
            "Kith failed inside this command ({what}); nothing it started was saved, and \
             everything else keeps working; {details}"
        ),
        issues: Vec::new(),
        file: None,
        io: None,
    }
}
