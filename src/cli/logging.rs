//! Logging with `tracing` to a file, never to the terminal the TUI owns.
//!
//! The log goes to `$RESV_LOG_FILE`, else `resv.log` in the platform state/data directory
//! (e.g. `~/.local/share/resv/resv.log`). `RESV_LOG` sets the level (error, warn, info,
//! debug, trace; default info). When no log file can be opened, nothing is logged.

use std::fs::OpenOptions;
use std::path::PathBuf;
use std::sync::Mutex;
use tracing::Level;

fn log_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("RESV_LOG_FILE") {
        return Some(PathBuf::from(p));
    }
    let dirs = directories::ProjectDirs::from("nl", "resv", "resv")?;
    Some(dirs.state_dir().unwrap_or(dirs.data_dir()).join("resv.log"))
}

/// Starts file logging; returns the path logged to, if any.
pub fn init() -> Option<PathBuf> {
    let path = log_path()?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).ok()?;
    }
    let file = OpenOptions::new().create(true).append(true).open(&path).ok()?;
    let level = match std::env::var("RESV_LOG").unwrap_or_default().to_lowercase().as_str() {
        "error" => Level::ERROR,
        "warn" => Level::WARN,
        "debug" => Level::DEBUG,
        "trace" => Level::TRACE,
        _ => Level::INFO,
    };
    tracing_subscriber::fmt()
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .with_max_level(level)
        .try_init()
        .ok()?;
    Some(path)
}
