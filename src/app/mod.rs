//! The services shared by the CLI and the TUI: they join the store and the pure core, so
//! neither shell reaches into the store where a service exists.

pub mod assess;
pub mod context;
pub mod decide;
pub mod export;
pub mod follow;
pub mod history;
pub mod import;
pub mod nza;
pub mod wording;

pub use context::Context;
