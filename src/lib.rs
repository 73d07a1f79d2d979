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

// TEMP(issue 16): alias until tui/store/tests are switched
pub use app::assess as assessing;
// TEMP(issue 16): alias until tui/store/tests are switched
pub use app::decide as deciding;
// TEMP(issue 16): alias until tui/store/tests are switched
pub use app::follow as following;
// TEMP(issue 16): alias until tui/store/tests are switched
pub use io::{embedded, output, registry_files, rules_files};
// TEMP(issue 16): alias until tui/store/tests are switched
pub mod intake {
    pub use crate::app::import::{import_paths, load_samples};
    pub use crate::io::intake::*;
}
// TEMP(issue 16): alias until tui/store/tests are switched
pub use text as i18n;
// TEMP(issue 16): alias until tui/store/tests are switched
pub use text::letter;
