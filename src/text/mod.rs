//! User-interface text in Dutch (default) and English (`--lang en`).
//!
//! Every string a user reads in the TUI or in the CLI's human output is a [`T`] here, so a
//! missing translation is a compile error rather than a surprise. Domain terms stay Dutch in
//! both languages. Diagnostics about files (found ..., expected ...) are English.

use clap::ValueEnum;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

/// A text in both languages: `T(dutch, english)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct T(pub &'static str, pub &'static str);

impl T {
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Nl => self.0,
            Lang::En => self.1,
        }
    }
}

// Queue screen
pub const QUEUE: T = T("Wachtrij", "Queue");
pub const COL_STATUS: T = T("Status", "Status");
pub const COL_ID: T = T("Plan", "Plan");
pub const COL_NAME: T = T("RESV", "RESV");
pub const COL_REGION: T = T("Regio", "Region");
pub const COL_SCENARIO: T = T("Scenario", "Scenario");
pub const COL_REQUESTED: T = T("€/jaar", "€/year");
pub const COL_SUBMITTED: T = T("Ingediend", "Submitted");
pub const FILTER: T = T("Filter", "Filter");
// Pasting (bracketed paste)
pub const PASTE_TOO_LONG: T = T(
    "plakken geweigerd: het veld zou {n} tekens bevatten, maximaal {max}",
    "paste refused: the field would hold {n} characters, at most {max}",
);
pub const PASTE_NOWHERE: T = T(
    "plakken kan alleen in een tekstveld (notitie, reden, besluitformulier, filter)",
    "paste only into a text field (note, reason, decision form, filter)",
);
pub const PLANS: T = T("plannen", "plans");
pub const OF: T = T("van", "of");
pub const SORTED_BY: T = T("sortering", "sorted by");
pub const EMPTY_QUEUE: T = T(
    "Geen plannen. Importeer met `resv import MAP` of probeer `resv demo`.",
    "No plans. Import with `resv import FOLDER` or try `resv demo`.",
);
/// `resv queue --state S` when no plan is in that state (there may be others).
pub const EMPTY_STATE: T = T("Geen plannen met status {s}.", "No plans with state {s}.");
pub const NO_MATCH: T = T("Geen plan past bij het filter.", "No plan matches the filter.");
pub const READ_ONLY: T = T("alleen-lezen", "read-only");
// Command-line errors
pub const UNKNOWN_CRITERION: T = T("onbekend criterium", "unknown criterion");
pub const EXPECTED_ONE_OF: T = T("verwacht een van", "expected one of");
pub const SCORE_WHAT: T = T(
    "geef een SCORE, --note TEKST of --clear",
    "give a SCORE, --note TEXT, or --clear",
);

// Scenarios (domain terms: Dutch in both languages, with an English gloss)
pub const SC_LIGHT: T = T("Licht netwerk", "Licht netwerk (light network)");
pub const SC_GROWTH: T = T("Groeimodel", "Groeimodel (growth model)");
pub const SC_ENTITY: T = T("Rechtspersoon", "Rechtspersoon (legal entity)");

// Plan screen
pub const TAB_OVERVIEW: T = T("Overzicht", "Overview");
pub const TAB_DISCIPLINES: T = T("Disciplines en governance", "Disciplines and governance");
pub const TAB_ACTIVITIES: T = T("Activiteiten en budget", "Activities and budget");
pub const PLAN: T = T("Plan", "Plan");
pub const VERSION: T = T("Versie", "Version");
pub const SUBMITTED: T = T("Ingediend", "Submitted");
pub const CONTRACT_YEARS: T = T("Contractjaren", "Contract years");
pub const CONTACT: T = T("Contactpersoon", "Contact");
pub const RESV_NAME: T = T("RESV", "RESV");
pub const SCENARIO: T = T("Scenario", "Scenario");
pub const LEGAL_FORM: T = T("Rechtsvorm", "Legal form");
pub const LEAD_PARTY: T = T("Penvoerder/kassier", "Lead party");
pub const NONE: T = T("geen", "none");
pub const REGION: T = T("Regio", "Region");
pub const RHO_REGION: T = T("RHO-regio", "RHO region");
pub const REGION_JUSTIFICATION: T = T("Afwijking RHO-regio", "Deviation from RHO region");
pub const MUNICIPALITIES: T = T("Gemeenten", "Municipalities");
pub const INHABITANTS: T = T("Inwoners", "Inhabitants");
pub const PARTICIPATION: T = T("Burgerparticipatie", "Citizen participation");
pub const AGENDA: T = T("Regionale agenda", "Regional agenda");
pub const BUDGET: T = T("Begroting", "Budget");
pub const YEAR: T = T("Jaar", "Year");
pub const TOTAL: T = T("Totaal", "Total");
pub const CO_FUNDING: T = T("Cofinanciering", "Co-funding");
pub const REQUESTED: T = T("Gevraagd", "Requested");
pub const STORED_AS: T = T("Opgeslagen", "Stored");
pub const VERSION_OF: T = T("versie {n} van {m}", "version {n} of {m}");
pub const IMPORTED_BY: T = T("geïmporteerd {at} door {by}", "imported {at} by {by}");
pub const DISCIPLINE: T = T("Discipline", "Discipline");
pub const ORGANISATION: T = T("Organisatie", "Organisation");
pub const MANDATED: T = T("Mandaat", "Mandate");
pub const PRACTICES: T = T("Praktijken", "Practices");
pub const BOARD: T = T("Bestuur", "Board");
pub const YES: T = T("ja", "yes");
pub const NO: T = T("nee", "no");
pub const GOVERNANCE: T = T("Governance", "Governance");
pub const ACTIVITY: T = T("Activiteit", "Activity");
pub const TASK: T = T("Taak", "Task");
pub const NATURE: T = T("Aard", "Nature");
pub const COST_PER_YEAR: T = T("Kosten/jaar", "Cost/year");
pub const FTE: T = T("fte", "FTE");
pub const EXECUTOR: T = T("Uitvoerder", "Executor");
pub const PERIOD: T = T("Periode", "Period");
pub const EXCEPTION: T = T("Uitzondering hoofdaannemerschap", "Main-contractor exception");
pub const ENTER_FOR_ALL: T = T(" Enter: alles lezen ", " Enter: read all ");
pub const AGENDA_LINK: T = T("Onderdeel regionale agenda", "Part of regional agenda");
pub const BUDGET_PER_TASK: T = T(
    "Begroting per hoofdtaak (€, gemiddeld per jaar)",
    "Budget per main task (€, mean per year)",
);
pub const KPIS: T = T("Monitoring (KPI's)", "Monitoring (KPIs)");

/// The five main tasks (hoofdtaken), short titles.
pub const MAIN_TASKS: [T; 5] = [
    T("1 Mandaat en vertegenwoordiging", "1 Mandate and representation"),
    T("2 Capaciteit en toegankelijkheid", "2 Capacity and accessibility"),
    T("3 Zorginhoudelijke afspraken", "3 Care-content agreements"),
    T("4 Hechte wijkverbanden", "4 Neighbourhood networks"),
    T("5 Faciliteren zorgaanbieders", "5 Supporting providers"),
];

/// Governance scenarios' profile (seed 004): decisiveness, admin burden, contracting.
pub const SCENARIO_PROFILE: [T; 3] = [
    T(
        "Informeel netwerk of convenant; besluiten bij consensus; slagkracht laag; lage regeldruk; contracteren via een kassier of per beroepsgroep.",
        "Informal network or covenant; decisions by consensus; low decisiveness; very low admin burden; contracting via a cashier or per profession.",
    ),
    T(
        "Formele samenwerkingsovereenkomst; coalitiebestuur met besluitregels; slagkracht gemiddeld; contracteren via een penvoerder.",
        "Formal collaboration agreement; coalition board with decision rules; medium decisiveness; contracting via a lead party.",
    ),
    T(
        "Coöperatie, vereniging of stichting; multidisciplinair bestuur, bindend voor leden; slagkracht hoog; contracteert zelf; meer overhead.",
        "Cooperative, association or foundation; multidisciplinary board binding on members; high decisiveness; contracts itself; more overhead.",
    ),
];

// Keys (help and status bar)
pub const HELP_TITLE: T = T("Toetsen", "Keys");
pub const K_QUIT: T = T("afsluiten", "quit");
pub const K_BACK: T = T("terug", "back");
pub const K_HELP: T = T("help", "help");
pub const K_DOWN: T = T("omlaag", "down");
pub const K_UP: T = T("omhoog", "up");
pub const K_PAGE_DOWN: T = T("pagina omlaag", "page down");
pub const K_PAGE_UP: T = T("pagina omhoog", "page up");
pub const K_FIRST: T = T("eerste", "first");
pub const K_LAST: T = T("laatste", "last");
pub const K_OPEN: T = T("plan openen", "open plan");
pub const K_FILTER: T = T("filteren", "filter");
pub const K_SORT: T = T("sorteren (2x: omkeren)", "sort (twice: reverse)");
pub const K_NEXT_TAB: T = T("volgend tabblad", "next tab");
pub const K_ACTIVITY: T = T("activiteit volledig tonen", "show activity in full");
pub const K_PREV_TAB: T = T("vorig tabblad", "previous tab");
pub const K_APPLY_FILTER: T = T("filter vasthouden", "keep filter");
pub const K_CLEAR_FILTER: T = T("filter wissen", "clear filter");
pub const K_CLEAR_FILTERS: T = T("filters wissen (sluit nooit af)", "clear filters (never quits)");
pub const K_TYPE: T = T("typen filtert direct", "typing filters at once");
pub const K_DELETE_CHAR: T = T("teken wissen", "delete character");
pub const K_CLOSE_HELP: T = T("help sluiten", "close help");
pub const CTX_GLOBAL: T = T("Overal", "Everywhere");
pub const CTX_QUEUE: T = T("Wachtrij", "Queue");
pub const CTX_PLAN: T = T("Plan", "Plan");
pub const CTX_FILTER: T = T("Filter typen", "Typing a filter");

// CLI human output
pub const IMPORTED: T = T("geïmporteerd", "imported");
pub const UNCHANGED: T = T("ongewijzigd", "unchanged");
pub const REFUSED: T = T("geweigerd", "refused");
pub const DB_FAILED: T = T(
    "databasefout, import gestopt (eerdere bestanden zijn wel opgeslagen)",
    "database error, import stopped (earlier files are stored)",
);
pub const NEW_VERSION: T = T("versie", "version");
pub const SUMMARY: T = T(
    "{i} geïmporteerd, {u} ongewijzigd, {r} geweigerd",
    "{i} imported, {u} unchanged, {r} refused",
);
pub const UNKNOWN_PLAN: T = T("onbekend plan", "unknown plan");
/// What an unknown plan id was expected to be.
pub const UNKNOWN_PLAN_EXPECTED: T = T(
    "verwacht het id van een geïmporteerd plan (`resv queue` toont ze)",
    "expected the id of an imported plan (`resv queue` lists them)",
);

/// `onbekend plan: ID; verwacht ...`: the id neutralised and cut at 100 characters (an id
/// typed or read from a file can be any length), then what was expected. `extra` goes
/// between the two (`(en geen bestand met die naam)`).
pub fn unknown_plan(id: &str, extra: Option<&str>, lang: Lang) -> String {
    let mut shown: String = id.chars().take(100).collect();
    if id.chars().count() > 100 {
        shown.push('…');
    }
    let extra = extra.map(|e| format!(" ({e})")).unwrap_or_default();
    format!(
        "{}: {}{extra}; {}",
        UNKNOWN_PLAN.get(lang),
        crate::core::sanitize::clean(&shown),
        UNKNOWN_PLAN_EXPECTED.get(lang)
    )
}

/// Fills `{name}` placeholders.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in args {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

use crate::core::plan::Scenario;

pub fn scenario_label(s: Scenario) -> T {
    match s {
        Scenario::LightNetwork => SC_LIGHT,
        Scenario::GrowthModel => SC_GROWTH,
        Scenario::LegalEntity => SC_ENTITY,
    }
}

/// A short scenario label for narrow tables.
pub fn scenario_short(s: Scenario) -> &'static str {
    match s {
        Scenario::LightNetwork => "licht",
        Scenario::GrowthModel => "groei",
        Scenario::LegalEntity => "rechtsp.",
    }
}

/// The queue's status column: the state, or for a decided plan its outcome.
pub fn status_label(s: crate::core::decision::PlanState, outcome: Option<crate::core::decision::Outcome>) -> T {
    match (s, outcome) {
        (crate::core::decision::PlanState::Decided, Some(o)) => decision::outcome(o),
        _ => decision::state(s),
    }
}

/// One budget year: total, co-funding and the amount requested from insurers.
pub fn budget_line(lang: Lang, b: &crate::core::plan::BudgetYear) -> String {
    format!(
        "  {}  {} {:>13}  {} {:>11}  {} {:>13}",
        b.year,
        TOTAL.get(lang),
        euros(lang, b.total),
        CO_FUNDING.get(lang),
        euros(lang, b.co_funded()),
        REQUESTED.get(lang),
        euros(lang, b.requested())
    )
}

pub fn yes_no(lang: Lang, b: bool) -> &'static str {
    if b { YES.get(lang) } else { NO.get(lang) }
}

pub mod args;
mod assess;
pub mod audit;
pub mod fmt;
pub mod local;
pub mod workbench;
pub use fmt::euros;
pub mod coordination;
pub use assess::*;
pub mod decision;
pub mod evaluate;
mod funding;
pub mod history;
pub mod keys;
pub use funding::*;
pub mod letter;
pub mod names;
pub mod nza;
pub mod plan_files;
pub mod summaries;
pub mod work;
