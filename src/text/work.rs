//! Texts of the workbench's everyday-work popup: letter, export, imports, samples.

use super::T;

pub const LETTER_TITLE: T = T("Besluitbrief", "Decision letter");
pub const EXPORT_TITLE: T = T("Besluiten exporteren", "Export decisions");
pub const IMPORT_PLANS_TITLE: T = T("Plannen importeren", "Import plans");
pub const IMPORT_REGISTRY_TITLE: T = T("Register importeren", "Import registry");
pub const SAMPLES_TITLE: T = T("Steekproeven", "Samples");
pub const PACKAGE_TITLE: T = T("Volgpakket", "Follow package");
pub const PACKAGE_INFO: T = T(
    "Het volgpakket van de marktleider voor het geldende besluit: de volgers lezen het in met `resv follow import`. Een pakket is bewijs: het wordt nooit overschreven en de export wordt vastgelegd.",
    "The market leader's follow package for the current decision: followers read it with `resv follow import`. A package is evidence: it is never overwritten and the export is recorded.",
);
pub const ONLY_ON_COORDINATION: T = T(
    "het volgpakket staat op de tab Coördinatie",
    "the follow package is on the Coordination tab",
);
pub const FOLDER: T = T("Map", "Folder");
pub const WRITTEN: T = T("geschreven", "written");
pub const PATH_PROMPT_PLANS: T = T(
    "Pad naar een planbestand (.toml, .xlsx) of een map met planbestanden (.toml, niet in submappen), Enter: importeren",
    "Path to a plan file (.toml, .xlsx) or a folder of plan files (.toml, not in subfolders), Enter: import",
);
pub const PATH_PROMPT_REGISTRY: T = T(
    "Pad naar een registerbestand (.csv, .toml of .xlsx), Enter: importeren",
    "Path to a registry file (.csv, .toml or .xlsx), Enter: import",
);
pub const EMPTY_PATH: T = T("geef een pad", "give a path");
/// `1 geldend besluit` / `3 geldende besluiten` (with `text::local::count`).
pub const EXPORT_ONE: T = T("geldend besluit", "current decision");
pub const EXPORT_MANY: T = T("geldende besluiten", "current decisions");
pub const NO_SAMPLES_STORED: T = T(
    "Nog geen steekproeven. Trek er een op het steekproefscherm (s).",
    "No samples yet. Draw one on the Sampling screen (s).",
);
pub const VERIFYING: T = T("Steekproef {id} gecontroleerd", "Sample {id} checked");
pub const NOT_VERIFIED: T = T("niet geverifieerd", "not verified");

// Keys
pub const K_LETTER: T = T(
    "besluitbrief bekijken en schrijven",
    "preview and write the decision letter",
);
pub const K_EXPORT: T = T("besluiten exporteren", "export decisions");
pub const K_IMPORT_PLANS: T = T("plannen importeren (pad)", "import plans (path)");
pub const K_IMPORT_REGISTRY: T = T("registerbestand importeren (pad)", "import a registry file (path)");
pub const K_SAMPLES: T = T("opgeslagen steekproeven, controleren", "stored samples, verify");
pub const K_WRITE_MD: T = T("schrijf Markdown", "write Markdown");
pub const K_WRITE_HTML: T = T("schrijf HTML", "write HTML");
pub const K_WRITE_JSON: T = T("schrijf JSON", "write JSON");
pub const K_WRITE_CSV: T = T("schrijf CSV", "write CSV");
pub const K_IMPORT_RUN: T = T("importeren", "import");
pub const K_VERIFY: T = T("controleer de steekproef", "verify the sample");
pub const K_EDIT_PATH: T = T("typ het pad", "type the path");
pub const K_PACKAGE: T = T(
    "volgpakket exporteren (tab Coördinatie)",
    "export the follow package (Coordination tab)",
);
pub const K_WRITE_PACKAGE: T = T("schrijf het volgpakket", "write the follow package");
pub const K_CLOSE: T = T("sluiten", "close");
pub const CTX_WORK: T = T("Venster", "Popup");
/// A folder with more plan files than the workbench imports in one go.
pub const TOO_MANY_IN_FOLDER: T = T(
    "{path}: {n} planbestanden in deze map, meer dan de {max} die de werkbank in één keer importeert; niets geïmporteerd. Gebruik op de opdrachtregel `resv import {path}`",
    "{path}: {n} plan files in this folder, more than the {max} the workbench imports in one go; nothing imported. Use `resv import {path}` on the command line",
);
