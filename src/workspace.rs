//! Where the database lives, and what the desktop app shows on first start.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::store::Store;

/// Environment variable that overrides the database path (as `--db` does).
pub const DB_ENV: &str = "KITH_DB";

/// Contacts the desktop app's demo workspace is filled with.
pub const DEMO_CONTACTS: usize = 2_000;

/// The default database: `kith.db` in the platform data directory
/// (`~/.local/share/kith` on Linux), or in the current directory if there is none.
pub fn default_db_path() -> PathBuf {
    directories::ProjectDirs::from("app", "Kith", "kith")
        .map(|d| d.data_dir().join("kith.db"))
        .unwrap_or_else(|| PathBuf::from("kith.db"))
}

/// The database path: the explicit one, else `KITH_DB`, else the default.
pub fn resolve_db_path(explicit: Option<PathBuf>) -> PathBuf {
    explicit
        .or_else(|| {
            std::env::var_os(DB_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .unwrap_or_else(default_db_path)
}

/// What the desktop app needs to know about the open database.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WorkspaceInfo {
    /// Where the database file is.
    pub path: String,
    /// Whether the user has chosen how to start (demo or empty), or it already has data.
    pub chosen: bool,
    /// Whether this database holds the generated demo data.
    pub demo: bool,
    /// Live records per kind.
    #[cfg_attr(feature = "ts", ts(type = "{ [key in string]?: number }"))]
    pub counts: BTreeMap<String, u64>,
}

/// How to start a new workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum WorkspaceChoice {
    /// Fill it with the demo data.
    Demo,
    /// Start with nothing.
    Empty,
}

impl Store {
    /// Describes the open database for the desktop app.
    pub fn workspace_info(&self) -> Result<WorkspaceInfo> {
        let counts: BTreeMap<String, u64> = self
            .counts()?
            .into_iter()
            .map(|(k, n)| (k.as_str().to_string(), n))
            .collect();
        let has_data = counts.values().any(|n| *n > 0);
        let choice = self.meta("workspace")?;
        Ok(WorkspaceInfo {
            path: self
                .path()
                .map_or_else(|| ":memory:".into(), |p| p.display().to_string()),
            chosen: choice.is_some() || has_data,
            demo: choice.as_deref() == Some("demo"),
            counts,
        })
    }

    /// Records the first-start choice; `Demo` fills an empty database with the demo data.
    pub fn choose_workspace(&mut self, choice: WorkspaceChoice) -> Result<WorkspaceInfo> {
        let info = self.workspace_info()?;
        match choice {
            WorkspaceChoice::Demo => {
                if info.counts.values().any(|n| *n > 0) && !info.demo {
                    return Err(Error::invalid(
                        "workspace",
                        format!(
                            "{} already holds records; the demo data goes only into an empty \
                             workspace",
                            info.path
                        ),
                    ));
                }
                if !info.demo {
                    crate::demo::fill(
                        self,
                        &crate::demo::DemoOptions::with_contacts(DEMO_CONTACTS)
                            .current_at(self.today()),
                    )?;
                    // The demo opens with its segments, values and scores already there.
                    crate::analytics::refresh(self, None, &mut |_| {})?;
                }
                self.set_meta("workspace", "demo")?;
            }
            WorkspaceChoice::Empty => self.set_meta("workspace", "empty")?,
        }
        self.workspace_info()
    }
}
