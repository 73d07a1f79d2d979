//! Texts of the plan template and the plan export.

use super::T;

pub const TEMPLATE_WRITTEN: T = T("sjabloon geschreven", "template written");
pub const PLAN_WRITTEN: T = T("plan geschreven", "plan written");
pub const WORKBOOK_NEEDS_FILE: T = T(
    "Een werkmap (.xlsx) gaat naar een bestand: geef -o BESTAND.xlsx, of kies --toml.",
    "A workbook (.xlsx) goes to a file: give -o FILE.xlsx, or choose --toml.",
);
pub const TEMPLATE_NEEDS_XLSX: T = T(
    "Het sjabloon is een Excel-werkmap: geef een bestandsnaam die eindigt op .xlsx.",
    "The template is an Excel workbook: give a file name ending in .xlsx.",
);
