//! The services shared by the CLI and the TUI: they join the store and the pure core, so
//! neither shell reaches into the store where a service exists.

pub mod assess;
pub mod audit;
pub mod context;
pub mod decide;
pub mod documents;
pub mod errors;
pub mod export;
pub mod findings;
pub mod follow;
pub mod history;
pub mod import;
pub mod keys;
pub mod live;
pub mod nza;
pub mod plans;
pub mod receipts;
pub mod recompute;
pub mod registry;
pub mod reports;
pub mod spreadsheets;
pub mod summaries;
pub mod wording;

pub use context::Context;

use crate::store::Store;
use crate::text::Lang;

/// Refuses, with the reason in `lang`, to change a database opened read-only: every service
/// that records something asks this first, so nothing is half done.
pub fn writable(store: &Store, lang: Lang) -> anyhow::Result<()> {
    if store.is_read_only() {
        anyhow::bail!("{}", crate::text::READ_ONLY_NOTHING_STORED.get(lang));
    }
    Ok(())
}

/// This workbench's insurer id, if known.
pub fn me(rules: &crate::core::rules::Rules) -> Option<&str> {
    rules.policy.insurer_id.as_deref()
}
