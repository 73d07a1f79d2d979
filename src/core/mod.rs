//! The pure domain core: values in, values out. No terminal, no database, no file system.
//!
//! - [`plan`]: the plan model; [`parse`] and [`validate`]: from TOML text to a checked plan;
//! - [`reader`] and [`diag`]: the error-collecting TOML reader and its diagnostics;
//! - [`queue`]: the queue's rows, sorting and fuzzy filtering;
//! - [`money`], [`sanitize`]: exact amounts, and neutralising outside text for display.
//!
//! Later capabilities live here too: assessment, double-funding matching, decision rules,
//! the market split and sampling (see `docs/architecture.md`).

pub mod assess;
pub mod audit;
pub mod coordination;
pub mod csv_out;
pub mod decision;
pub mod diag;
pub mod diff;
pub mod funding;
pub mod money;
pub mod nza;
pub mod parse;
pub mod plan;
pub mod queue;
pub mod reader;
pub mod rules;
pub mod sampling;
pub mod sanitize;
pub mod split;
pub mod validate;

/// Hex SHA-256 of a text (plan versions, rule files).
pub fn sha256_hex(text: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
