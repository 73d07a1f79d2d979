//! resv: a keyboard-driven workbench for assessing and purchasing Dutch RESV plans.
//!
//! `core` is the pure domain; `store` (SQLite), `cli` (clap) and `tui` (ratatui) are the
//! shells around it. See `docs/architecture.md`.

pub mod core;
