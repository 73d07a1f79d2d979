//! Wording about the queue's figures while they are recomputed in the background (after a
//! registry import or other rule files made many of them stale).

use super::T;

/// The mark beside a figure that is being recomputed (the last stored one, dimmed), or in
/// place of one when nothing is known yet.
pub const MARK: &str = "…";

/// The queue's info line while stale figures are recomputed: `{n}` done of `{t}`.
pub const RECOMPUTING: T = T("… = wordt herberekend: {n} van {t}", "… = being recomputed: {n} of {t}");

/// Said when the background computation failed (the figures marked stay marked).
pub const RECOMPUTE_FAILED: T = T(
    "herberekenen van de cijfers mislukt: {e}",
    "recomputing the figures failed: {e}",
);

/// The queue's help while figures are recomputed (short lines: a help column).
pub const HELP_NOTE: [T; 5] = [
    T("Cijfers met … worden herberekend", "Figures marked … are being"),
    T("(na een registerimport): het", "recomputed (after a registry"),
    T("laatst bewaarde cijfer, gedimd;", "import): the last stored one,"),
    T("sorteren gebruikt het tot het", "dimmed; sorting uses it until"),
    T("nieuwe er is.", "the new one is in."),
];
