//! Texts of double funding (Dubbele financiering): the plan tab, the registry screen and
//! the CLI output.

use super::{Lang, T};
use crate::core::funding::{Field, Severity, Verdict};

pub const TAB_FUNDING: T = T("Dubbele financiering", "Double funding");
pub const DOUBLE_FUNDED: T = T("Dubbel", "Double");
pub const COL_FLAGS: T = T("Sig", "Flg");
pub const REGISTRY: T = T("Register bestaande regelingen", "Registry of existing arrangements");
pub const ARRANGEMENTS: T = T("regelingen", "arrangements");
pub const NO_REGISTRY: T = T(
    "Geen register geladen: importeer bestaande regelingen met `resv registry import BESTAND` (CSV, Excel of TOML).",
    "No registry loaded: import existing arrangements with `resv registry import FILE` (CSV, Excel or TOML).",
);
pub const NO_FLAGS: T = T(
    "Geen overlap met bestaande regelingen gevonden.",
    "No overlap with existing arrangements found.",
);
pub const AT_RISK: T = T("Risico", "At risk");
pub const TOTAL_AT_RISK: T = T("Totaal risico", "Total at risk");
pub const LOWERED: T = T("Gaat af van te financieren", "Off the fundable amount");
pub const OPEN: T = T("open", "open");
pub const EVIDENCE: T = T("Bewijs", "Evidence");
pub const ARRANGEMENT: T = T("Regeling", "Arrangement");
pub const FUNDER: T = T("Financier", "Funder");
pub const STREAM: T = T("Stroom", "Stream");
pub const RECIPIENT: T = T("Ontvanger", "Recipient");
pub const ANNUAL: T = T("Per jaar", "Per year");
pub const SCORE_WORD: T = T("score", "score");
pub const JUDGED: T = T("Oordeel", "Judgement");
pub const REASON_PROMPT_CONFIRM: T = T(
    "Bevestig {f}: reden (Enter: opslaan, Esc: annuleren)",
    "Confirm {f}: reason (Enter: store, Esc: cancel)",
);
pub const REASON_PROMPT_DISMISS: T = T(
    "Wijs {f} af: reden (Enter: opslaan, Esc: annuleren)",
    "Dismiss {f}: reason (Enter: store, Esc: cancel)",
);
pub const REASON_REQUIRED: T = T("Een reden is verplicht.", "A reason is required.");
pub const JUDGEMENT_STORED: T = T("Oordeel opgeslagen", "Judgement stored");
pub const UNKNOWN_FLAG: T = T(
    "geen signaal voor deze activiteit en regeling",
    "no flag for this activity and arrangement",
);
pub const IMPORTED_REGISTRY: T = T(
    "{a} nieuw, {u} bijgewerkt (vorige versie bewaard), {s} ongewijzigd",
    "{a} added, {u} updated (previous version kept), {s} unchanged",
);
pub const REGISTRY_REFUSED: T = T("geweigerd, niets geïmporteerd", "refused, nothing imported");
pub const SEARCH_REGISTRY: T = T("Zoek", "Search");

pub fn severity_label(s: Severity) -> T {
    match s {
        Severity::Certain => T("zeker", "certain"),
        Severity::Likely => T("waarschijnlijk", "likely"),
        Severity::Possible => T("mogelijk", "possible"),
    }
}

pub fn verdict_label(v: Option<Verdict>) -> T {
    match v {
        Some(Verdict::Confirmed) => T("bevestigd", "confirmed"),
        Some(Verdict::Dismissed) => T("afgewezen", "dismissed"),
        None => T("open", "open"),
    }
}

pub fn field_label(f: Field) -> T {
    match f {
        Field::Organisation => T("organisatie", "organisation"),
        Field::Rule => T("regel handreiking", "guidance rule"),
        Field::Task => T("hoofdtaak", "main task"),
        Field::Description => T("omschrijving", "description"),
        Field::Period => T("periode", "period"),
        Field::Region => T("regio", "region"),
        Field::Stream => T("stroom", "stream"),
    }
}

/// A comparison level in words.
pub fn level_label(level: &str, lang: Lang) -> &'static str {
    let t = match level {
        "id-equal" => T("zelfde AGB/KvK", "same AGB/KvK"),
        "name-high" => T("naam (bijna) gelijk", "name (nearly) equal"),
        "name-medium" => T("naam lijkt", "name similar"),
        "gp-mandate-oi" => T("mandaat huisartsen + O&I van de RHO", "GP mandate + the RHO's O&I"),
        "same" => T("zelfde", "same"),
        "other" => T("andere", "other"),
        "unknown" => T("onbekend", "unknown"),
        "high" => T("sterk gelijk", "strongly similar"),
        "some" => T("deels gelijk", "partly similar"),
        "none" => T("verschilt", "differs"),
        "overlap" => T("overlapt", "overlaps"),
        "fits" => T("past bij disciplines", "fits the disciplines"),
        _ => T("?", "?"),
    };
    t.get(lang)
}

pub const FLAGS_WORD: T = T("signalen", "flags");
pub const DESCRIPTION: T = T("Omschrijving", "Description");
pub const MONTHS_OVERLAP: T = T("maanden overlap", "months overlap");
pub const FLAG_LEGEND: T = T(
    "✗ telt af van te financieren · ? te beoordelen · · afgewezen",
    "✗ comes off the fundable amount · ? to judge · · dismissed",
);
pub const K_CONFIRM_FLAG: T = T("signaal bevestigen", "confirm flag");
pub const K_DISMISS_FLAG: T = T("signaal afwijzen", "dismiss flag");
pub const K_REGISTRY: T = T("register bestaande regelingen", "registry of arrangements");
pub const K_SEARCH: T = T("zoeken", "search");
pub const K_EDIT_REASON: T = T("reden typen en bewerken", "type and edit the reason");
pub const CTX_FUNDING: T = T("Dubbele financiering", "Double funding");
pub const CTX_REGISTRY: T = T("Register", "Registry");
pub const CTX_REASON: T = T("Reden", "Reason");
pub const NO_ARRANGEMENTS: T = T(
    "Het register is leeg. Importeer met `resv registry import BESTAND`.",
    "The registry is empty. Import with `resv registry import FILE`.",
);
pub const NO_ARRANGEMENT_MATCH: T = T(
    "Geen regeling past bij de zoekopdracht.",
    "No arrangement matches the search.",
);
pub const TASKS_LABEL: T = T("Hoofdtaken", "Main tasks");
pub const TAB_FUNDING_SHORT: T = T("Dubb. fin.", "Double f.");
pub const TAB_ASSESSMENT_SHORT: T = T("Beoord.", "Assess.");
pub const TAB_DISCIPLINES_SHORT: T = T("Discipl.", "Discipl.");
pub const TAB_ACTIVITIES_SHORT: T = T("Activit.", "Activit.");
pub const REGISTRY_SHORT: T = T("Register", "Registry");
