//! resv: a keyboard-driven workbench for assessing and purchasing Dutch RESV plans.
//!
//! `core` is the pure domain; `store` (SQLite), `cli` (clap) and `tui` (ratatui) are the
//! shells around it. See `docs/architecture.md`.

pub mod assessing;
pub mod bench;
pub mod bench_funding;
pub mod cli;
pub use resv_core as core;
pub mod deciding;
pub mod embedded;
pub mod following;
pub mod i18n;
pub mod intake;
pub mod letter;
pub mod logging;
pub mod output;
pub mod registry_files;
pub mod rules_files;
pub mod store;
pub mod tui;
