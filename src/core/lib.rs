//! The pure domain core: values in, values out. No terminal, no database, no file system.
//!
//! - [`plan`]: the plan model; [`parse`] and [`validate`]: from TOML text to a checked plan
//!   (through [`plan_draft`], the plan as read);
//! - [`reader`] and [`diag`]: the error-collecting TOML reader and its diagnostics;
//! - [`queue`]: the queue's rows, sorting and filtering (closeness: characters close together);
//! - [`money`], [`sanitize`]: exact amounts, and neutralising outside text for display.
//!
//! Later capabilities live here too: assessment, double-funding matching, decision rules,
//! the market split and sampling (see `docs/architecture.md`).

pub mod assess;
pub mod audit;
pub mod bilingual;
pub mod coordination;
pub mod csv_out;
pub mod decision;
pub mod diag;
pub mod diff;
pub mod export;
pub mod funding;
pub mod money;
pub mod nza;
pub mod par;
pub mod parse;
pub mod plan;
pub mod plan_draft;
pub mod plan_toml;
pub mod queue;
pub mod reader;
pub mod rules;
pub mod sampling;
pub mod sanitize;
pub mod signing;
pub mod split;
pub mod time;
pub mod validate;

/// The longest free text anyone may record, in characters: a decision's reasoning, each
/// condition and question, an override reason, a judgement's reason, a deviation reason, a
/// score note, and the user name. One cap for all, checked in the core (or the shell both
/// the CLI and the workbench go through) so every way in gets it.
pub const MAX_TEXT_CHARS: usize = 4000;

/// The most conditions, or questions, one decision may hold.
pub const MAX_TEXT_ITEMS: usize = 100;

/// A free text longer than [`MAX_TEXT_CHARS`]: which field, and how long it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextTooLong {
    /// The field in English (`reasoning`, `condition 2`, ...); [`TextTooLong::text`] words it.
    pub field: String,
    pub chars: usize,
}

impl TextTooLong {
    /// `field: N characters, at most 4000`, in Dutch and English.
    pub fn text(&self) -> bilingual::Text {
        let (field, chars) = (&self.field, self.chars);
        let nl = dutch_field(field);
        bilingual::tx!(
            "{nl}: {chars} tekens, maximaal {MAX_TEXT_CHARS}",
            "{field}: {chars} characters, at most {MAX_TEXT_CHARS}"
        )
    }
}

impl std::fmt::Display for TextTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().en)
    }
}

impl std::error::Error for TextTooLong {}

/// The Dutch name of a field `check_text` is given (`condition 2` -> `voorwaarde 2`).
fn dutch_field(field: &str) -> String {
    let (name, rest) = match field.split_once(' ') {
        Some((n, r)) if r.bytes().all(|b| b.is_ascii_digit()) => (n, format!(" {r}")),
        _ => (field, String::new()),
    };
    let nl = match name {
        "reasoning" => "onderbouwing",
        "condition" => "voorwaarde",
        "question" => "vraag",
        "override-reason" => "reden afwijking",
        "reason" => "reden",
        "deviation-reason" => "reden van afwijken",
        "note" => "notitie",
        "user" => "gebruiker",
        other => other,
    };
    format!("{nl}{rest}")
}

/// Refuses a free text longer than [`MAX_TEXT_CHARS`] characters.
pub fn check_text(field: &str, text: &str) -> Result<(), TextTooLong> {
    let chars = text.chars().count();
    if chars > MAX_TEXT_CHARS {
        return Err(TextTooLong {
            field: field.to_string(),
            chars,
        });
    }
    Ok(())
}

/// Hex SHA-256 of a text (plan versions, rule files).
pub fn sha256_hex(text: &str) -> String {
    sha256_bytes_hex(text.as_bytes())
}

/// Hex SHA-256 of bytes (a plan workbook as it was read).
pub fn sha256_bytes_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
