//! The files the webview may name: only those the user chose in a native file dialog of this
//! session, each for what it was chosen for (to read, or to write). A path the page makes up
//! is refused, so a script that ever ran in the webview could read or overwrite nothing else.
//!
//! For end-to-end tests only, `KITH_TEST_DIALOG_ANSWERS` names a file whose lines answer the
//! next dialogs in order instead of showing them (set by whoever starts the app, never by the
//! page); each answer is recorded like a real choice.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

use kith::{ErrorCode, ErrorReport};

/// What a file was chosen for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// An "open" dialog: to read.
    Read,
    /// A "save" dialog: to write.
    Write,
}

/// Files chosen in this session's dialogs.
#[derive(Default)]
pub struct Chosen {
    files: Mutex<HashMap<PathBuf, Purpose>>,
}

impl Chosen {
    /// Records a dialog's answer.
    pub fn record(&self, path: PathBuf, purpose: Purpose) {
        self.files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(path, purpose);
    }

    /// The path, if the user chose it for `purpose`; otherwise an error that says so.
    pub fn get(&self, path: &str, purpose: Purpose) -> Result<PathBuf, ErrorReport> {
        let path = PathBuf::from(path);
        let files = self
            .files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match files.get(&path) {
            Some(p) if *p == purpose => Ok(path),
            _ => Err(ErrorReport {
                code: ErrorCode::Validation,
                message: format!(
                    "{}: Kith {} only files chosen in its file dialogs; choose the file with \
                     “{}”",
                    path.display(),
                    match purpose {
                        Purpose::Read => "reads",
                        Purpose::Write => "writes",
                    },
                    match purpose {
                        Purpose::Read => "Choose file…",
                        Purpose::Write => "Save as…",
                    }
                ),
                issues: Vec::new(),
                file: None,
                io: None,
            }),
        }
    }
}

/// The next answer of the test's dialog file, if the app was started with one.
pub fn test_answer() -> Option<Option<PathBuf>> {
    let file = std::env::var_os("KITH_TEST_DIALOG_ANSWERS")?;
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    let mut lines = text.lines();
    let answer = lines.next().map(str::trim).filter(|l| !l.is_empty());
    let rest: Vec<&str> = lines.collect();
    let _ = std::fs::write(&file, rest.join("\n"));
    Some(answer.map(PathBuf::from))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_chosen_file_is_given_and_only_for_what_it_was_chosen_for() {
        let chosen = Chosen::default();
        chosen.record(PathBuf::from("/home/mei/people.csv"), Purpose::Read);
        chosen.record(PathBuf::from("/home/mei/out.csv"), Purpose::Write);
        assert!(chosen.get("/home/mei/people.csv", Purpose::Read).is_ok());
        assert!(chosen.get("/home/mei/out.csv", Purpose::Write).is_ok());
        for (path, purpose) in [
            ("/home/mei/people.csv", Purpose::Write),
            ("/home/mei/out.csv", Purpose::Read),
            ("/home/mei/.ssh/id_ed25519", Purpose::Read),
            ("/home/mei/.bashrc", Purpose::Write),
            ("/home/mei/people.csv/../../.bashrc", Purpose::Read),
        ] {
            let refused = chosen.get(path, purpose).unwrap_err();
            assert!(refused.message.contains("only files chosen"), "{path}");
        }
    }
}
