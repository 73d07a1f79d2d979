//! Plan validation, rule by rule.
//!
//! - Every file in `tests/fixtures/invalid/` breaks one rule of the plan format (see its
//!   header comment) in a copy of `tests/fixtures/valid/minimal.toml`; its test asserts the
//!   exact diagnostics: field path, line and column in the fixture, and the distinctive part
//!   of the "found ..., expected ..." message.
//! - The reference plan `sample-plans/utrecht-stad.toml` parses to the expected values.
//! - The sample plans carry the faults their header comments document and agree with the
//!   RHO reference data in `config/rho-regions.toml`.
//! - Property tests: arbitrary text and randomly mutated plans never make the parser panic.
//! - Ignored tests pin known bugs in `src/core` (run them with `cargo test -- --ignored`).

use proptest::prelude::*;
use resv::core::diag::{Diagnostic, render};
use resv::core::money::Cents;
use resv::core::parse::parse_plan;
use resv::core::plan::{Discipline, LeadRole, Nature, ParticipationForm, Plan, Scenario};
use serde::Deserialize;
use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::PathBuf;

const INVALID_DIR: &str = "tests/fixtures/invalid";
const MINIMAL: &str = "tests/fixtures/valid/minimal.toml";
const REFERENCE: &str = "sample-plans/utrecht-stad.toml";

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/// One expected diagnostic: field path, line, column and a distinctive part of the message.
type Expected = (&'static str, u32, u32, &'static str);

fn read(path: &str) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn parse_file(path: &str) -> Plan {
    match parse_plan(&read(path)) {
        Ok(plan) => plan,
        Err(diags) => panic!("{path} should parse:\n{}", render(path, &diags)),
    }
}

fn diagnostics_of(fixture: &str) -> Vec<Diagnostic> {
    let path = format!("{INVALID_DIR}/{fixture}.toml");
    match parse_plan(&read(&path)) {
        Ok(_) => panic!("{path} should not parse"),
        Err(diags) => diags,
    }
}

/// Asserts that a fixture yields exactly the expected diagnostics, in this order.
fn assert_diagnostics(fixture: &str, expected: &[Expected]) {
    let diags = diagnostics_of(fixture);
    let shown = render(&format!("{fixture}.toml"), &diags);
    assert_eq!(
        diags.len(),
        expected.len(),
        "{fixture}: expected {} diagnostic(s), got:\n{shown}",
        expected.len()
    );
    for (d, &(path, line, column, message)) in diags.iter().zip(expected) {
        assert_eq!(d.path, path, "{fixture}: path\n{shown}");
        assert_eq!(d.line, Some(line), "{fixture}: line of {path}\n{shown}");
        assert_eq!(d.column, Some(column), "{fixture}: column of {path}\n{shown}");
        assert!(
            d.message.contains(message),
            "{fixture}: message of {path} should contain {message:?}\n{shown}"
        );
    }
}

macro_rules! fixture_tests {
    ($($test:ident: $file:literal => [$($expected:expr),+ $(,)?];)+) => {
        /// Every fixture that has a test below.
        const COVERED: &[&str] = &[$($file),+];
        $(
            #[test]
            fn $test() {
                assert_diagnostics($file, &[$($expected),+]);
            }
        )+
    };
}

// ---------------------------------------------------------------------------------------
// One test per invalid fixture
// ---------------------------------------------------------------------------------------

fixture_tests! {
    syntax_error: "syntax-error" => [
        ("", 44, 36, "TOML syntax error: invalid basic string"),
    ];
    unknown_key_typo_is_reported_with_a_hint: "unknown-key-typo" => [
        // The misspelt key leaves the real one missing; the table header carries that error.
        ("activities[0].main_task", 42, 1, "missing; expected a main task (hoofdtaak) 1-5"),
        ("activities[0].main_tsak", 46, 1, "unknown key `main_tsak`; did you mean `main_task`? expected one of: agenda_link, annual_cost"),
    ];
    missing_required_field_points_at_its_table: "missing-required-field" => [
        ("activities[0].title", 42, 1, "missing; expected a non-empty text in quotes"),
    ];
    wrong_type: "wrong-type" => [
        ("region.inhabitants", 25, 15, "found text \"375000\", expected the number of inhabitants (a positive integer)"),
    ];
    contract_year_before_2027: "contract-year-2026" => [
        ("plan.contract_years[0]", 9, 19, "found integer 2026, expected a contract year from 2027"),
        ("budget[0].year", 57, 8, "found integer 2026, expected a contract year from 2027"),
    ];
    negative_amount: "negative-amount" => [
        ("activities[0].annual_cost", 52, 15, "found integer -120000, expected a non-negative amount in euros (at most 2 decimals)"),
    ];
    negative_fte: "negative-fte" => [
        ("activities[0].fte", 53, 7, "found number -1.0, expected staff in FTE, a non-negative number with at most 2 decimals"),
    ];
    main_task_out_of_range: "main-task-7" => [
        ("activities[0].main_task", 46, 13, "found integer 7, expected a main task (hoofdtaak) 1-5"),
    ];
    agb_with_seven_digits: "agb-seven-digits" => [
        ("disciplines[0].organisation.agb", 29, 55, "found text \"5301234\", expected an AGB code: 8 digits in quotes"),
    ];
    kvk_with_letters: "kvk-letters" => [
        ("resv.lead_party.kvk", 19, 7, "found text \"30AB3456\", expected a KvK number: 8 digits in quotes"),
    ];
    duplicate_activity_ids: "duplicate-activity-ids" => [
        ("activities[1].id", 57, 6, "found duplicate activity id \"A1\" (also activities[0]), expected a unique id"),
    ];
    end_before_start: "end-before-start" => [
        ("activities[0].end", 52, 7, "found end 2027-06-30 before start 2027-09-01, expected an end on or after the start"),
        // Consequence: an activity without months in 2027 costs nothing that year.
        ("budget[0].total", 59, 9, "found total EUR 120,000.00, expected the activity costs for 2027 (EUR 0.00)"),
    ];
    budget_total_must_match_activity_costs: "budget-total-mismatch" => [
        ("budget[0].total", 58, 9, "found total EUR 125,000.00, expected the activity costs for 2027 (EUR 120,000.00): each activity's annual_cost pro rata the months it runs that year"),
    ];
    budget_year_must_be_a_contract_year: "budget-year-not-contract-year" => [
        ("budget[2].year", 66, 8, "found 2029, expected one of the contract years (2027, 2028)"),
    ];
    every_contract_year_needs_a_budget: "missing-budget-year" => [
        ("plan.contract_years[1]", 9, 25, "found contract year 2028 without a [[budget]] entry, expected a budget for every contract year"),
    ];
    co_funding_above_total: "co-funding-above-total" => [
        ("budget[0].co_funding", 60, 1, "found co-funding EUR 150,000.00 above the total EUR 120,000.00, expected at most the total"),
    ];
    unknown_scenario_keyword: "unknown-scenario" => [
        ("resv.scenario", 14, 12, "found text \"groei-model\", expected one of: licht-netwerk, groeimodel, rechtspersoon (did you mean \"groeimodel\"?)"),
    ];
    practices_joined_above_practices_in_region: "practices-joined-above-region" => [
        ("disciplines[0].practices_joined", 32, 20, "found 130 practices joined, expected at most practices_in_region (120)"),
    ];
    exception_only_on_care_production: "exception-on-coordination" => [
        ("activities[0].exception", 56, 1, "found a main-contractor exception on an activity of nature \"coordinatie\", expected it only with nature \"zorgproductie\""),
    ];
    date_in_quotes: "quoted-date" => [
        ("activities[0].end", 51, 7, "found text \"2027-12-31\", expected a date such as 2027-01-01 (without quotes)"),
    ];
    duplicate_discipline: "duplicate-discipline" => [
        ("disciplines[1].kind", 36, 8, "found \"huisartsenzorg\" a second time (also disciplines[0]), expected each discipline once"),
    ];
    unsupported_format_version: "format-version-2" => [
        ("format", 3, 10, "found integer 2, expected format = 1 (the plan format version)"),
    ];
    several_errors_are_reported_at_once_in_line_order: "several-errors" => [
        ("resv.scenario", 16, 12, "found text \"groei-model\", expected one of"),
        ("disciplines[0].organisation.agb", 31, 55, "found text \"5301234\", expected an AGB code"),
        ("activities[0].main_task", 44, 1, "missing; expected a main task"),
        ("activities[0].main_tsak", 48, 1, "unknown key `main_tsak`; did you mean `main_task`?"),
        ("activities[0].annual_cost", 54, 15, "found integer -120000, expected a non-negative amount"),
        ("budget[0].year", 59, 8, "found integer 2026, expected a contract year from 2027"),
    ];
}

fn fixture_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(INVALID_DIR)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_invalid_fixture_has_a_test() {
    let on_disk: BTreeSet<String> = fixture_files()
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    let covered: BTreeSet<String> = COVERED.iter().map(|s| s.to_string()).collect();
    assert_eq!(on_disk, covered, "fixtures on disk vs fixtures with a test");
}

#[test]
fn the_base_of_the_fixtures_is_valid() {
    let plan = parse_file(MINIMAL);
    assert_eq!(plan.id, "RESV-TST-2027");
    assert_eq!(plan.activities.len(), 1);
    assert_eq!(plan.requested_per_year(), Cents::from_euros(120_000));
}

#[test]
fn every_diagnostic_has_a_place_and_says_what_was_expected() {
    for path in fixture_files() {
        let text = fs::read_to_string(&path).unwrap();
        let diags = parse_plan(&text).expect_err("an invalid fixture");
        let lines = text.split('\n').count() as u32;
        for d in &diags {
            let line = d.line.unwrap_or_else(|| panic!("{}: no line: {d}", path.display()));
            assert!(
                (1..=lines).contains(&line),
                "{}: line out of range: {d}",
                path.display()
            );
            assert!(d.column.is_some_and(|c| c >= 1), "{}: {d}", path.display());
            assert!(d.message.contains("expected"), "{}: {d}", path.display());
        }
        let mut sorted = diags.clone();
        sorted.sort_by_key(|d| (d.line, d.column));
        assert_eq!(diags, sorted, "{}: diagnostics in line order", path.display());
    }
}

#[test]
fn report_format_is_file_line_col_path_message() {
    let diags = diagnostics_of("main-task-7");
    assert_eq!(
        render("plannen/test.toml", &diags),
        "plannen/test.toml:46:13: activities[0].main_task: found integer 7, expected a main task (hoofdtaak) 1-5\n"
    );
    let diags = diagnostics_of("syntax-error");
    assert!(
        render("x.toml", &diags).starts_with("x.toml:44:36: TOML syntax error:"),
        "a syntax error has no field path: {diags:?}"
    );
}

// ---------------------------------------------------------------------------------------
// The reference plan
// ---------------------------------------------------------------------------------------

#[test]
fn reference_plan_parses_with_expected_values() {
    let plan = parse_file(REFERENCE);
    assert_eq!(plan.id, "RESV-UTR-2027");
    assert_eq!(plan.version, "1.0");
    assert_eq!(plan.submitted.to_string(), "2026-09-15");
    assert_eq!(plan.contract_years, vec![2027, 2028]);
    assert_eq!(plan.contact.email, "m.devries@resv-utrecht.example");
    assert_eq!(plan.resv.scenario, Scenario::GrowthModel);
    assert_eq!(plan.resv.legal_form, None);
    let lead = plan.resv.lead_party.as_ref().expect("a lead party");
    assert_eq!(lead.role, LeadRole::Penvoerder);
    assert_eq!(lead.organisation.kvk.as_deref(), Some("30123456"));
    assert_eq!(plan.region.rho_region, "Utrecht Stad");
    assert_eq!(plan.region.inhabitants, 375_000);
    assert_eq!(plan.disciplines.len(), 5);
    assert_eq!(plan.participation.form, ParticipationForm::Panel);

    assert_eq!(plan.activities.len(), 5);
    let ids: Vec<&str> = plan.activities.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["A1", "A2", "A3", "A4", "A5"]);
    let tasks: Vec<u8> = plan.activities.iter().map(|a| a.main_task).collect();
    assert_eq!(tasks, [1, 2, 3, 4, 5]);
    let a5 = &plan.activities[4];
    assert_eq!(a5.fte_hundredths, 40);
    assert!(!a5.agenda_link);
    assert_eq!(a5.months_in_year(2027), 6);
    assert!(plan.activities.iter().all(|a| a.exception.is_none()));

    // Budget: 2027 = 95k + 180k + 120k + 210k + 6/12 of 60k; 2028 adds the full 60k.
    assert_eq!(plan.activity_cost_in_year(2027), Cents::from_euros(635_000));
    assert_eq!(plan.activity_cost_in_year(2028), Cents::from_euros(665_000));
    assert_eq!(plan.budget.len(), 2);
    assert_eq!(plan.budget[0].total, Cents::from_euros(635_000));
    assert_eq!(plan.budget[0].co_funded(), Cents::from_euros(50_000));
    assert_eq!(plan.budget[0].requested(), Cents::from_euros(585_000));
    assert_eq!(plan.budget[1].requested(), Cents::from_euros(615_000));
    // Requested from insurers: total minus co-funding, averaged over the contract years.
    assert_eq!(plan.requested_per_year(), Cents::from_euros(600_000));
    assert_eq!(plan.kpis.len(), 5);
}

// ---------------------------------------------------------------------------------------
// The sample plans and the RHO reference data
// ---------------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RhoFile {
    rho_regions: Vec<RhoRegion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RhoRegion {
    name: String,
    organisation: String,
    municipalities: Vec<String>,
}

fn rho_regions() -> HashMap<String, RhoRegion> {
    let file: RhoFile = toml::from_str(&read("config/rho-regions.toml")).unwrap();
    let mut out = HashMap::new();
    for r in file.rho_regions {
        assert!(!r.organisation.trim().is_empty(), "{}: organisation", r.name);
        assert!(!r.municipalities.is_empty(), "{}: municipalities", r.name);
        let name = r.name.clone();
        assert!(out.insert(name.clone(), r).is_none(), "{name} listed twice");
    }
    out
}

/// Every sample plan: file name, header text and parsed plan.
fn sample_plans() -> Vec<(String, String, Plan)> {
    let mut paths: Vec<PathBuf> = fs::read_dir("sample-plans")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(p).unwrap();
            let header: String = text
                .lines()
                .take_while(|l| l.starts_with('#') || l.trim().is_empty())
                .collect::<Vec<_>>()
                .join("\n");
            let plan = parse_file(&p.display().to_string());
            (name, header, plan)
        })
        .collect()
}

fn sample(name: &str) -> (String, Plan) {
    let (_, header, plan) = sample_plans()
        .into_iter()
        .find(|(n, _, _)| n == name)
        .unwrap_or_else(|| panic!("no sample plan {name}"));
    (header, plan)
}

fn municipalities(list: &[String]) -> BTreeSet<&str> {
    list.iter().map(String::as_str).collect()
}

#[test]
fn rho_reference_data_covers_every_sample_plan() {
    let rho = rho_regions();
    let mut seen = HashMap::new();
    for r in rho.values() {
        for m in &r.municipalities {
            if let Some(other) = seen.insert(m.as_str(), r.name.as_str()) {
                panic!("{m} is in both {other} and {}", r.name);
            }
        }
    }
    for (name, _, plan) in sample_plans() {
        assert!(
            rho.contains_key(&plan.region.rho_region),
            "{name}: RHO region {:?} is not in config/rho-regions.toml",
            plan.region.rho_region
        );
    }
}

#[test]
fn sample_plans_are_varied_and_plausible() {
    let plans = sample_plans();
    assert!(plans.len() >= 9, "{} sample plans", plans.len());
    let ids: BTreeSet<&str> = plans.iter().map(|(_, _, p)| p.id.as_str()).collect();
    assert_eq!(ids.len(), plans.len(), "plan ids are distinct");
    for scenario in Scenario::ALL {
        assert!(
            plans.iter().any(|(_, _, p)| p.resv.scenario == *scenario),
            "no sample plan with scenario {}",
            scenario.keyword()
        );
    }
    for (name, header, plan) in &plans {
        assert!(header.contains("FICTIONAL"), "{name}: header");
        assert!(
            (4..=9).contains(&plan.activities.len()),
            "{name}: {} activities",
            plan.activities.len()
        );
        if plan.resv.scenario == Scenario::LegalEntity {
            assert!(plan.resv.legal_form.is_some(), "{name}: legal_form");
            assert!(plan.resv.kvk.is_some(), "{name}: kvk");
        }
        for b in &plan.budget {
            let per_inhabitant = b.total.as_f64_euros() / plan.region.inhabitants as f64;
            assert!(
                (1.5..=8.0).contains(&per_inhabitant),
                "{name}: EUR {per_inhabitant:.2} per inhabitant in {}",
                b.year
            );
        }
    }
    let any = |f: &dyn Fn(&Plan) -> bool| plans.iter().any(|(_, _, p)| f(p));
    assert!(any(&|p| p.participation.form == ParticipationForm::Geen));
    assert!(any(&|p| p.activities.iter().any(|a| !a.agenda_link)));
    assert!(any(&|p| p.disciplines.iter().any(|d| !d.mandated)));
    assert!(any(&|p| p.budget.iter().any(|b| !b.co_funding.is_empty())));
    assert!(any(&|p| p.budget.iter().all(|b| b.co_funding.is_empty())));
    assert!(any(&|p| p
        .activities
        .iter()
        .any(|a| a.disciplines.contains(&Discipline::SociaalWerk))));
    // Low practice coverage: under half of a discipline's practices joined.
    assert!(any(&|p| p
        .disciplines
        .iter()
        .any(|d| d.practices_joined * 2 < d.practices_in_region)));
}

#[test]
fn sample_plans_carry_their_documented_faults() {
    let rho = rho_regions();

    // (a) Pharmacy missing from the disciplines.
    let (header, plan) = sample("groningen");
    assert!(header.contains("FAULT (a)"));
    assert!(plan.disciplines.iter().all(|d| d.kind != Discipline::Farmacie));

    // (b) A light network with nobody to contract: no lead party, no KvK.
    let (header, plan) = sample("zeeland");
    assert!(header.contains("FAULT (b)"));
    assert_eq!(plan.resv.scenario, Scenario::LightNetwork);
    assert!(plan.resv.lead_party.is_none() && plan.resv.kvk.is_none());

    // (c) Care production, once with a declared exception and once without.
    let (header, plan) = sample("noord-limburg");
    assert!(header.contains("FAULT (c)"));
    assert!(
        plan.activities
            .iter()
            .any(|a| a.nature == Nature::Zorgproductie && a.exception.is_some())
    );
    let (header, plan) = sample("west-brabant");
    assert!(header.contains("FAULT (c)"));
    assert!(
        plan.activities
            .iter()
            .any(|a| a.nature == Nature::Zorgproductie && a.exception.is_none())
    );

    // (d) A region smaller than the RHO region it is based on.
    let (header, plan) = sample("amsterdam-zuidoost");
    assert!(header.contains("FAULT (d)"));
    let rho_set = municipalities(&rho[&plan.region.rho_region].municipalities);
    let region = municipalities(&plan.region.municipalities);
    assert!(region.is_subset(&rho_set) && region.len() < rho_set.len());

    // (e) Mandate funding for GPs whose RHO already receives O&I funding.
    let (header, plan) = sample("rijnmond");
    assert!(header.contains("FAULT (e)"));
    let rho_org = &rho[&plan.region.rho_region].organisation;
    assert!(plan.activities.iter().any(|a| {
        a.main_task == 1
            && a.disciplines == [Discipline::Huisartsenzorg]
            && &a.executor.name == rho_org
            && a.title
                .to_lowercase()
                .contains("mandaat en vertegenwoordiging huisartsen")
    }));

    // A region larger than its RHO region, with the reason given.
    let (_, plan) = sample("friesland");
    let rho_set = municipalities(&rho[&plan.region.rho_region].municipalities);
    let region = municipalities(&plan.region.municipalities);
    assert!(region.is_superset(&rho_set) && region.len() > rho_set.len());
    assert!(
        plan.activities
            .iter()
            .any(|a| a.description.contains("groter dan de RHO-regio"))
    );

    // The sound plans match their RHO region exactly.
    for (name, header, plan) in sample_plans() {
        if header.contains("FAULT (d)") || name == "friesland" {
            continue;
        }
        let rho_set = municipalities(&rho[&plan.region.rho_region].municipalities);
        assert_eq!(
            municipalities(&plan.region.municipalities),
            rho_set,
            "{name}: municipalities vs RHO region"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Robustness: the parser never panics
// ---------------------------------------------------------------------------------------

#[derive(Clone, Debug)]
enum Mutation {
    Delete(usize),
    Insert(usize, char),
    Replace(usize, char),
    Truncate(usize),
}

fn interesting_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => prop::sample::select(vec![
            '"', '\'', '[', ']', '{', '}', '=', ',', '.', '-', '_', '#', '\n', '\r', '\t', ' ',
            '0', '1', '9', 'e', '+', ':', 'T', 'Z', '\\', '\u{0}', '\u{1b}', 'é', '\u{202e}',
        ]),
        1 => any::<char>(),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => any::<usize>().prop_map(Mutation::Delete),
        3 => (any::<usize>(), interesting_char()).prop_map(|(i, c)| Mutation::Insert(i, c)),
        3 => (any::<usize>(), interesting_char()).prop_map(|(i, c)| Mutation::Replace(i, c)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
    ]
}

/// Applies mutations to the characters of a text (positions taken modulo its length).
fn mutate(text: &str, mutations: &[Mutation]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for m in mutations {
        let len = chars.len();
        match *m {
            Mutation::Delete(i) if len > 0 => {
                chars.remove(i % len);
            }
            Mutation::Insert(i, c) => chars.insert(i % (len + 1), c),
            Mutation::Replace(i, c) if len > 0 => chars[i % len] = c,
            Mutation::Truncate(i) => chars.truncate(i % (len + 1)),
            _ => {}
        }
    }
    chars.into_iter().collect()
}

/// Parses and checks the result is well formed: a plan, or at least one diagnostic with
/// its line inside the text.
fn parse_checked(text: &str) -> Result<(), TestCaseError> {
    match parse_plan(text) {
        Ok(_) => Ok(()),
        Err(diags) => {
            prop_assert!(!diags.is_empty(), "an error without diagnostics");
            let lines = text.split('\n').count() as u32;
            for d in &diags {
                if let Some(line) = d.line {
                    prop_assert!((1..=lines).contains(&line), "line out of range: {d}");
                    prop_assert!(d.column.is_some_and(|c| c >= 1), "column: {d}");
                }
                let _ = d.to_string();
            }
            Ok(())
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        parse_checked(&text)?;
    }

    #[test]
    fn toml_like_text_never_panics(text in "[a-z_\\[\\]={}\",.0-9 \n#-]{0,300}") {
        parse_checked(&text)?;
    }

    #[test]
    fn mutated_reference_plan_never_panics(
        mutations in prop::collection::vec(mutation(), 1..6)
    ) {
        let text = mutate(&read(REFERENCE), &mutations);
        parse_checked(&text)?;
    }

    #[test]
    fn mutated_minimal_plan_never_panics(
        mutations in prop::collection::vec(mutation(), 1..4)
    ) {
        let text = mutate(&read(MINIMAL), &mutations);
        parse_checked(&text)?;
    }
}

// ---------------------------------------------------------------------------------------
// Known bugs in src/core, pinned but not fixed here (run with `cargo test -- --ignored`).
// Each test states the behaviour that is expected once the bug is fixed.
// ---------------------------------------------------------------------------------------

fn minimal_with(replacements: &[(&str, &str)]) -> String {
    let mut text = read(MINIMAL);
    for (old, new) in replacements {
        assert!(text.contains(old), "{old:?} not in the minimal plan");
        text = text.replacen(old, new, 1);
    }
    text
}

#[test]

fn huge_annual_cost_is_a_diagnostic_not_a_panic() {
    let text = minimal_with(&[("annual_cost = 120000", "annual_cost = 10000000000000000")]);
    let result = std::panic::catch_unwind(|| parse_plan(&text).map(|_| ()));
    assert!(result.is_ok(), "parse_plan panicked on a large annual_cost");
}

#[test]

fn invalid_nature_does_not_blame_the_exception() {
    let text = minimal_with(&[
        ("nature = \"coordinatie\"", "nature = \"zorgproduktie\""),
        (
            "agenda_link = true\n",
            "agenda_link = true\n\n[activities.exception]\njustification = \"Meerwaarde.\"\n",
        ),
    ]);
    let diags = parse_plan(&text).expect_err("invalid nature");
    assert_eq!(diags.len(), 1, "only the nature is wrong: {diags:#?}");
    assert_eq!(diags[0].path, "activities[0].nature");
}

#[test]

fn invalid_discipline_kind_is_not_a_duplicate() {
    let text = minimal_with(&[(
        "board_seat = true\n",
        "board_seat = true\n\n[[disciplines]]\nkind = \"huisartsen\"\norganisation = { name = \"X\" }\nmandated = false\npractices_in_region = 1\npractices_joined = 1\nboard_seat = false\n",
    )]);
    let diags = parse_plan(&text).expect_err("invalid kind");
    assert_eq!(diags.len(), 1, "only the kind is wrong: {diags:#?}");
}

#[test]

fn invalid_practices_in_region_has_no_follow_up_error() {
    let text = minimal_with(&[("practices_in_region = 120", "practices_in_region = \"120\"")]);
    let diags = parse_plan(&text).expect_err("wrong type");
    assert_eq!(diags.len(), 1, "only practices_in_region is wrong: {diags:#?}");
}

#[test]

fn contract_year_diagnostics_point_at_the_right_element() {
    // File positions: [0] = 2026 (invalid), [1] = 2027, [2] = 2027 (the duplicate).
    let text = minimal_with(&[("contract_years = [2027]", "contract_years = [2026, 2027, 2027]")]);
    let diags = parse_plan(&text).expect_err("two errors");
    let dup = diags
        .iter()
        .find(|d| d.message.contains("twice"))
        .expect("a duplicate error");
    assert_eq!(dup.path, "plan.contract_years[2]", "{dup}");
    assert_eq!(dup.column, Some(31), "{dup}");
}

#[test]

fn an_empty_budget_is_rejected() {
    let text = minimal_with(&[
        ("[[budget]]\nyear = 2027\ntotal = 120000\n", ""),
        ("format = 1", "format = 1\nbudget = []"),
    ]);
    assert!(
        parse_plan(&text).is_err(),
        "a plan without any budget year should not parse"
    );
}

#[test]

fn empty_contract_years_are_rejected() {
    let text = minimal_with(&[("contract_years = [2027]", "contract_years = []")]);
    assert!(
        parse_plan(&text).is_err(),
        "a plan without contract years should not parse"
    );
}

#[test]
fn annotated_example_in_the_docs_is_the_reference_plan() {
    let doc = read("docs/plan-format.md");
    let start = doc.find("```toml\n").expect("a toml block") + "```toml\n".len();
    let len = doc[start..].find("```").expect("end of the toml block");
    let example = match parse_plan(&doc[start..start + len]) {
        Ok(plan) => plan,
        Err(diags) => panic!("{}", render("docs/plan-format.md (example)", &diags)),
    };
    assert_eq!(example, parse_file(REFERENCE));
}
