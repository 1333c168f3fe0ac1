//! Engine integration tests: one binary, one module per area.

mod analytics;
mod backup;
#[cfg(feature = "ts")]
mod bindings;
mod board;
mod campaigns;
mod chart_export;
mod charts;
mod cli;
mod cli_import;
mod clv;
mod demo;
mod figures;
mod import;
mod import_bad;
mod import_clean;
mod import_crash;
mod import_formats;
mod import_mapping;
mod import_read;
mod import_review;
mod import_said;
mod layers;
mod lists;
mod parsers_prop;
mod purchase_log;
mod real_exports;
mod records;
mod related;
mod safety;
mod score_rules;
mod search;
mod segments;
mod stages;
mod store;
mod tickets;
mod today;

use kith::{Input, Store};

/// A fresh database in a temporary directory (a real file, WAL and all).
pub struct Fixture {
    pub store: Store,
    pub dir: tempfile::TempDir,
}

impl Default for Fixture {
    fn default() -> Self {
        Self::new()
    }
}

impl Fixture {
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("kith.db")).expect("open a new database");
        Fixture { store, dir }
    }

    pub fn path(&self) -> std::path::PathBuf {
        self.dir.path().join("kith.db")
    }
}

/// Builds an [`Input`] from pairs.
pub fn input(pairs: &[(&str, &str)]) -> Input {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// What a run of the built `kith` binary did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the built `kith` binary on `db` (ignoring any `KITH_DB` of the environment).
pub fn kith(db: &std::path::Path, args: &[&str]) -> Run {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kith"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("KITH_DB")
        // The default country of an import comes from the locale: tests run without one,
        // whatever the machine's, unless they ask (`kith_with_env`).
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LC_CTYPE")
        .env("LANG", "C.UTF-8")
        .output()
        .expect("run kith");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
    }
}
