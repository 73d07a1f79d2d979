//! Texts of the assessment (Beoordeling): tab, statuses, recommendations, CLI output.

use super::fmt::tenths;
use super::{Lang, T};
use crate::core::assess::{Assessment, Recommendation, Status};

pub const TAB_ASSESSMENT: T = T("Beoordeling", "Assessment");
pub const KNOCK_OUTS: T = T("Knock-outs", "Knock-outs");
pub const WEIGHTED: T = T("Gewogen criteria", "Weighted criteria");
pub const TOTAL_SCORE: T = T("Totaalscore", "Total score");
pub const PROVISIONAL: T = T("voorlopig", "provisional");
pub const KNOCKED_OUT: T = T("KNOCK-OUT", "KNOCKED OUT");
pub const NOT_KNOCKED_OUT: T = T("geen knock-out", "no knock-out");
pub const ADVICE: T = T("Advies", "Recommendation");
pub const WEIGHT: T = T("gewicht", "weight");
pub const MANUAL: T = T("handmatig", "manual");
pub const AUTO: T = T("automatisch", "automatic");
pub const STALE: T = T(
    "verouderd: de plangegevens zijn gewijzigd, bevestig opnieuw",
    "stale: the plan facts changed, confirm again",
);
pub const NOTE: T = T("Notitie", "Note");
pub const BY: T = T("door", "by");
pub const AMOUNTS: T = T("Bedragen per jaar", "Amounts per year");
pub const EXCLUDED: T = T("Uitgesloten", "Excluded");
pub const FUNDABLE: T = T("Te financieren", "Fundable");
pub const RULES_USED: T = T("Regels", "Rules");
pub const GUIDANCE: T = T("Handreiking", "Guidance");
pub const POLICY: T = T("Inkoopbeleid", "Policy");
pub const BUILT_IN: T = T("ingebouwd", "built-in");
pub const FUNDABLE_VS_EXCLUDED: T = T(
    "Te financieren en uitgesloten (€, gemiddeld per jaar)",
    "Fundable and excluded (€, mean per year)",
);
pub const COL_SCORE: T = T("Score", "Score");
pub const COL_KO: T = T("KO", "KO");
pub const SCORE_SET: T = T("Score opgeslagen", "Score stored");
pub const NOTE_SET: T = T("Notitie opgeslagen", "Note stored");
pub const CLEARED: T = T("Handmatige invoer gewist", "Manual input cleared");
pub const NOTE_PROMPT: T = T(
    "Notitie bij {c} (Enter: opslaan, Esc: annuleren)",
    "Note on {c} (Enter: save, Esc: cancel)",
);
pub const SCORE_PROMPT: T = T(
    "Score voor {c}: kies {min}-{max} (Backspace: wissen, Esc: annuleren)",
    "Score for {c}: choose {min}-{max} (Backspace: clear, Esc: cancel)",
);
pub const READ_ONLY_NO_EDIT: T = T(
    "alleen-lezen: scores en notities zijn uitgeschakeld",
    "read-only: scores and notes are disabled",
);
pub const CHOOSE_CRITERION: T = T("Kies eerst een criterium (↑/↓)", "Choose a criterion first (↑/↓)");
pub const SUMMARY_ITEM: T = T("Samenvatting en advies", "Summary and advice");
pub const LIST_LEGEND: T = T("* score · + notitie · ~ verouderd", "* score · + note · ~ stale");
pub const MORE: T = T("meer", "more");
pub const READ_ONLY_SHORT: T = T("alleen-lezen: geen invoer", "read-only: no input");
pub const NO_SUCH_FILE: T = T("en geen bestand met die naam", "and no file of that name");
pub const READ_ONLY_NOTHING_STORED: T = T(
    "de database is alleen-lezen geopend (--read-only); er is niets opgeslagen",
    "the database is open read-only (--read-only); nothing was stored",
);
pub const SELF_CHECK: T = T(
    "Zelftoets van een planbestand (niet geïmporteerd)",
    "Self-check of a plan file (not imported)",
);

// Keys
pub const K_SCORE: T = T("score geven", "set score");
pub const K_NOTE: T = T("notitie", "note");
pub const K_SAVE: T = T("opslaan", "save");
pub const K_CANCEL: T = T("annuleren", "cancel");
pub const K_PICK_SCORE: T = T("score kiezen", "pick score");
pub const K_CLEAR_SCORE: T = T("handmatige score en notitie wissen", "clear manual score and note");
pub const K_CLEAR_SCORE_ONLY: T = T("score wissen", "clear score");
pub const K_EDIT_NOTE: T = T("typen en bewerken", "type and edit");
pub const K_SCROLL_DOWN: T = T("omlaag scrollen", "scroll down");
pub const K_SCROLL_UP: T = T("omhoog scrollen", "scroll up");
pub const CTX_SCORE: T = T("Score geven", "Setting a score");
pub const CTX_NOTE: T = T("Notitie schrijven", "Writing a note");

pub fn status_glyph(s: Status) -> &'static str {
    match s {
        Status::Pass => "✓",
        Status::Warn => "!",
        Status::Fail => "✗",
        Status::Judgement => "?",
    }
}

/// Beside an automatic status that a manual score overrides (the workbench and `assess`).
pub const OVERRIDDEN: T = T("vervangen door de handmatige score", "overridden by the manual score");

pub fn status_word(s: Status) -> T {
    match s {
        Status::Pass => T("voldoet", "pass"),
        Status::Warn => T("let op", "warning"),
        Status::Fail => T("voldoet niet", "fail"),
        Status::Judgement => T("oordeel nodig", "needs judgement"),
    }
}

pub fn recommendation_label(r: Recommendation) -> T {
    match r {
        Recommendation::Approve => T("goedkeuren", "approve"),
        Recommendation::ApproveWithConditions => T("goedkeuren onder voorwaarden", "approve with conditions"),
        Recommendation::Return => T("terugsturen voor herziening", "return for revision"),
        Recommendation::Reject => T("afwijzen", "reject"),
    }
}

/// ` (voorlopig)` while criteria wait for the buyer's judgement, else nothing.
pub fn provisional_suffix(lang: Lang, a: &Assessment) -> String {
    if a.pending.is_empty() {
        String::new()
    } else {
        format!(" ({})", PROVISIONAL.get(lang))
    }
}

/// A score in tenths (`72,5`), or `-` when there is none.
pub fn score_text(lang: Lang, t: Option<u32>) -> String {
    t.map(|t| tenths(lang, t)).unwrap_or_else(|| "-".into())
}

/// The knock-out column: `✗` knocked out, `✓` not, `-` not assessed.
pub fn ko_glyph(knocked_out: Option<bool>) -> &'static str {
    match knocked_out {
        Some(true) => "✗",
        Some(false) => "✓",
        None => "-",
    }
}
