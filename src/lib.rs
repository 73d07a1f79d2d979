//! resv: a keyboard-driven workbench for assessing and purchasing Dutch RESV plans.
//!
//! `core` is the pure domain; `app` holds the services the shells share; `io` reads and
//! writes files; `text` holds every user text and the letter; `store` (SQLite), `cli` (clap)
//! and `tui` (ratatui) are the shells around it. See `docs/architecture.md`.

pub mod app;
pub mod cli;
pub use resv_core as core;
pub mod io;
pub mod store;
pub mod text;
pub mod tui;
