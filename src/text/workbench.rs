//! The workbench's own words: live updates, quitting, sizes and roles.

use super::T;

/// Another process changed the open plan (the screen was reloaded).
pub const SOMEONE_CHANGED: T = T(
    "iemand anders heeft dit plan gewijzigd; het scherm is bijgewerkt",
    "someone else changed this plan; the screen was updated",
);

// Questions (quitting the demo, clearing a score)
pub const CTX_CONFIRM: T = T("Vraag", "Question");
pub const K_YES: T = T("ja", "yes");
pub const K_NO: T = T("nee, terug", "no, go back");
pub const K_KEEP: T = T("bewaren en afsluiten", "keep and quit");
pub const QUIT_DEMO_TITLE: T = T("Demo afsluiten?", "Quit the demo?");
pub const QUIT_DEMO: T = T(
    "Dit is een demo op een tijdelijke database: bij afsluiten verdwijnt al het werk.",
    "This is a demo on a temporary database: quitting discards all work.",
);
pub const QUIT_DEMO_KEEP: T = T(
    "b  bewaren als {p} en afsluiten (daarna: resv --db {p})",
    "b  keep it as {p} and quit (then: resv --db {p})",
);
pub const QUIT_DEMO_YES: T = T("j  afsluiten zonder bewaren", "y  quit without keeping");
pub const QUIT_DEMO_NO: T = T("n  terug naar de demo", "n  back to the demo");
pub const QUIT_DEMO_LATER: T = T(
    "Voortaan bewaren: resv demo --keep PAD",
    "To keep the work from the start: resv demo --keep PATH",
);
pub const DEMO_KEPT: T = T(
    "De demo is bewaard in {p}; verder werken: resv --db {p}",
    "The demo was kept in {p}; to go on: resv --db {p}",
);
pub const CLEAR_TITLE: T = T("Handmatige invoer wissen?", "Clear the manual input?");
pub const CLEAR_QUESTION: T = T(
    "Score {s} en notitie op {c} wissen? Dan telt weer het automatische resultaat.",
    "Clear score {s} and the note on {c}? The automatic result counts again.",
);
pub const NOTHING_TO_CLEAR: T = T(
    "geen handmatige invoer op dit criterium; niets gewijzigd",
    "no manual input on this criterion; nothing changed",
);
pub const NOTHING_CHANGED: T = T("niets gewijzigd", "nothing changed");

// Keys
pub const K_ERASE_LINE: T = T("regel wissen", "erase the line");
pub const K_STATE_BACK: T = T("status-filter terug", "state filter back");
pub const K_HALF_DOWN: T = T("halve pagina omlaag", "half a page down");
pub const K_HALF_UP: T = T("halve pagina omhoog", "half a page up");

// Help
pub const HELP_ELSEWHERE: T = T(
    "* doet op een ander scherm iets anders",
    "* does something else on another screen",
);
/// The filter's rule, in lines short enough for a help column.
pub const FILTER_RULE: [T; 3] = [
    T(
        "Filter: een treffer heeft de tekens",
        "Filter: a match has the characters",
    ),
    T(
        "dicht bij elkaar (aaneen of aan het",
        "close together (in a row or at word",
    ),
    T("begin van woorden); beste eerst.", "starts); best matches first."),
];

// The status bar's short words
pub const S_OPEN: T = T("openen", "open");
pub const S_FILTER: T = T("filter", "filter");
pub const S_REGISTRY: T = T("register", "registry");
pub const S_REGIONS: T = T("regio's", "regions");
pub const S_NZA: T = T("NZa", "NZa");
pub const S_STATE: T = T("status", "state");
pub const S_TAB: T = T("tabblad", "tab");
pub const S_PACKAGE: T = T("volgpakket", "follow package");
pub const S_SCORE: T = T("score", "score");
pub const S_CONFIRM: T = T("bevestigen", "confirm");
pub const S_DISMISS: T = T("afwijzen", "dismiss");

// The queue at a narrow width
pub const SORT_HIDDEN: T = T(
    "kolom {c} is niet zichtbaar bij {w} kolommen breed; gesorteerd op kolom {k} (de kop markeert hem)",
    "column {c} is not shown at {w} columns wide; sorted by column {k} (the header marks it)",
);
pub const SORT_FELL_BACK: T = T("{c} verborgen: te smal", "{c} hidden: too narrow");
pub const TOO_SMALL: T = T(
    "Het venster is te klein: minimaal {mw}x{mh} tekens nodig, nu {w}x{h}. Maak het groter; q sluit af.",
    "The terminal is too small: resv needs at least {mw}x{mh}, it is {w}x{h}. Make it larger; q quits.",
);

// Roles
pub const K_BACK_OR_QUIT: T = T("terug (bovenaan: afsluiten)", "back (at the top: quit)");
pub const K_REGION_PLANS: T = T("plannen van deze regio", "this region's plans");
pub const REGION_FILTER: T = T("regio", "region");
pub const ROLE_NZA: T = T("NZa", "NZa");
pub const READ_ONLY_SHORT: T = T("alleen-lezen", "read-only");
/// A key that changes data, pressed on a database opened with `--read-only`; `{k}` is the
/// key and `{d}` what it does.
pub const READ_ONLY_KEY: T = T(
    "alleen-lezen: {k} ({d}) kan niet; de database is geopend met --read-only",
    "read-only: {k} ({d}) is not available; the database was opened with --read-only",
);
