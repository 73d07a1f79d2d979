//! Helpers for the tests that assess plans in-process (`tests/assessment.rs`,
//! `tests/assessment_scoring.rs`): sample plans, exact text edits of the reference plan,
//! and assessing with the shipped rules.

use resv::core::assess::{Assessment, CriterionResult, ManualInput, Status, assess};
use resv::core::diag::render;
use resv::core::money::Cents;
use resv::core::parse::parse_plan;
use resv::core::plan::Plan;
use resv::core::rules::{CheckId, Kind, Rules};
use std::fs;
use std::sync::LazyLock;

pub static RULES: LazyLock<Rules> = LazyLock::new(resv::io::rules_files::built_in_rules);

pub const UTRECHT: &str = include_str!("../../sample-plans/utrecht-stad.toml");

/// Every sample plan: file stem and parsed plan, sorted by name.
pub static SAMPLES: LazyLock<Vec<(String, Plan)>> = LazyLock::new(|| {
    let mut names: Vec<String> = fs::read_dir("sample-plans")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| (n.clone(), parse(&sample_text(&n))))
        .collect()
});

pub fn sample_text(name: &str) -> String {
    let path = format!("sample-plans/{name}.toml");
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

pub fn sample(name: &str) -> Plan {
    parse(&sample_text(name))
}

pub fn parse(text: &str) -> Plan {
    parse_plan(text).unwrap_or_else(|d| panic!("the variant should parse:\n{}", render("variant", &d)))
}

/// Replaces each `old` (which must occur exactly once) by `new`.
pub fn edit(base: &str, edits: &[(&str, &str)]) -> String {
    let mut text = base.to_string();
    for (old, new) in edits {
        assert_eq!(text.matches(old).count(), 1, "{old:?} must occur exactly once");
        text = text.replacen(old, new, 1);
    }
    text
}

/// Replaces every `old` (which must occur exactly `count` times) by `new`.
pub fn edit_every(base: &str, old: &str, new: &str, count: usize) -> String {
    assert_eq!(base.matches(old).count(), count, "occurrences of {old:?}");
    base.replace(old, new)
}

pub fn utrecht(edits: &[(&str, &str)]) -> Plan {
    parse(&edit(UTRECHT, edits))
}

pub fn assessed(plan: &Plan) -> Assessment {
    assess(plan, "test-sha", &RULES, &[])
}

pub fn with_manual(plan: &Plan, manual: &[ManualInput]) -> Assessment {
    assess(plan, "test-sha", &RULES, manual)
}

pub fn criterion(a: &Assessment, id: CheckId) -> &CriterionResult {
    a.criterion(id)
        .unwrap_or_else(|| panic!("no criterion {}", id.keyword()))
}

/// The Dutch explanation, one line per entry.
pub fn nl(c: &CriterionResult) -> String {
    let lines: Vec<&str> = c.explanation.iter().map(|t| t.nl.as_str()).collect();
    lines.join("\n")
}

/// Asserts the status of one check on a plan and that its explanation quotes `facts`.
pub fn expect(plan: &Plan, id: CheckId, status: Status, facts: &[&str]) -> CriterionResult {
    let a = assessed(plan);
    let c = criterion(&a, id).clone();
    let k = id.keyword();
    assert_eq!(c.status, status, "{k}:\n{}", nl(&c));
    for fact in facts {
        assert!(nl(&c).contains(fact), "{k} should say {fact:?}:\n{}", nl(&c));
    }
    c
}

/// A manual input as a buyer would give it now on assessment `a` (a fresh fingerprint).
pub fn fresh(a: &Assessment, id: CheckId, score: Option<i32>, note: Option<&str>) -> ManualInput {
    ManualInput {
        criterion: id,
        score,
        note: note.map(str::to_string),
        inputs: criterion(a, id).inputs.clone(),
        by: "inkoper-a".into(),
        at: resv::core::time::Instant::parse("2026-10-01T10:00:00Z").expect("a timestamp"),
    }
}

pub fn weighted_ids() -> Vec<CheckId> {
    let g = &RULES.guidance.criteria;
    g.iter().filter(|c| c.kind == Kind::Weighted).map(|c| c.id).collect()
}

/// The same manual score, fresh, on every weighted criterion.
pub fn score_all_weighted(plan: &Plan, score: i32) -> Vec<ManualInput> {
    let base = assessed(plan);
    weighted_ids()
        .into_iter()
        .map(|id| fresh(&base, id, Some(score), None))
        .collect()
}

pub fn euros(e: i64) -> Cents {
    Cents::from_euros(e)
}

// Unique fragments of utrecht-stad.toml.
pub const SW_SEAT: &str =
    "organisation = { name = \"Stichting Sociaal Werk Utrecht\", kvk = \"30456789\" }\nmandated = true";
pub const APO_SEAT: &str =
    "organisation = { name = \"Coöperatie Utrechtse Apothekers U.A.\", kvk = \"30345678\" }\nmandated = true";
pub const APO_BLOCK: &str = "[[disciplines]]\nkind = \"farmacie\"\norganisation = { name = \"Coöperatie Utrechtse Apothekers U.A.\", kvk = \"30345678\" }\nmandated = true\npractices_in_region = 42\npractices_joined = 35\nboard_seat = true\n\n";
pub const LEAD_PARTY: &str =
    "[resv.lead_party]\nrole = \"penvoerder\"\nname = \"Huisartsen Utrecht Stad (HUS)\"\nkvk = \"30123456\"\n";
pub const A5_NATURE: &str =
    "nature = \"organisatie\"\ndisciplines = [\"huisartsenzorg\", \"wijkverpleging\", \"farmacie\", \"fysiotherapie\"]";
pub const A5_CARE: &str = "nature = \"zorgproductie\"\ndisciplines = [\"huisartsenzorg\", \"wijkverpleging\", \"farmacie\", \"fysiotherapie\"]";
pub const A5_END: &str = "agenda_link = false\n";
pub const EXCEPTION: &str = "agenda_link = false\n\n[activities.exception]\njustification = \"Huisartsen en de preferente verzekeraar zien meerwaarde in één regionale contractant.\"\n";
pub const CO_FUNDING: &str =
    "[[budget.co_funding]]\nsource = \"Gemeente Utrecht (wijkcoördinatie)\"\nfunder = \"gemeente\"\namount = 50000\n\n";
pub const LAST_KPI: &str =
    "[[kpis]]\nmain_task = 5\nname = \"Scholingsbereik\"\ntarget = \"300 deelnemers per jaar\"\n";
pub const REFERENCE: &str = "reference = \"IZA-tafel regio Utrecht, actielijn 2 (toegankelijkheid eerstelijnszorg)\"\n";
