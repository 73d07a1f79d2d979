//! The rule files' errors, and `resv assess` / `resv score` as a user runs them.
//!
//! - Every file in `tests/fixtures/config/` breaks one rule of the guidance, policy or RHO
//!   regions format (see its header comment); its test asserts the exact diagnostics:
//!   line, column, key path and message.
//! - The binary runs through the shared harness (`tests/support/`): a temporary database,
//!   and an environment a user's own rule files, language or database cannot leak into.

mod support;

use resv::core::diag::render;
use resv::core::rules::guidance::parse_guidance;
use resv::core::rules::policy::parse_policy;
use resv::core::rules::regions::parse_regions;
use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;
use support::{Env, stderr, stdout};

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

const CONFIG_DIR: &str = "tests/fixtures/config";
const CRITERIA: &str = "disciplines, representation, board, participation, agenda, main_tasks, coordination_only, region, contractable, budget, monitoring, social_domain, double_funding";
const DISCIPLINES: &str = "huisartsenzorg, wijkverpleging, farmacie, sociaal-werk, fysiotherapie, oefentherapie, dietetiek, ergotherapie, logopedie, specialist-ouderengeneeskunde, avg, ggz, gemeente, ziekenhuis";

fn sample_text(name: &str) -> String {
    fs::read_to_string(format!("sample-plans/{name}.toml")).unwrap()
}

/// The criterion `id` of an `assess --json` result.
fn criterion<'a>(a: &'a Value, id: &str) -> &'a Value {
    let all = a["criteria"].as_array().expect("criteria");
    all.iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no criterion {id}"))
}

fn total(a: &Value) -> f64 {
    a["total_score"].as_f64().expect("total_score is a number")
}

// ---------------------------------------------------------------------------------------
// Rule file fixtures: one error each, exact diagnostics
// ---------------------------------------------------------------------------------------

/// The rendered diagnostics of a fixture, parsed as the kind its name starts with.
fn fixture_diagnostics(name: &str) -> String {
    let text = fs::read_to_string(format!("{CONFIG_DIR}/{name}.toml")).unwrap();
    let guidance = resv::io::rules_files::built_in_rules().guidance;
    let result = match name.split('-').next().unwrap() {
        "guidance" => parse_guidance(&text).map(|_| ()),
        "policy" => parse_policy(&text, &guidance).map(|_| ()),
        "regions" => parse_regions(&text).map(|_| ()),
        other => panic!("fixture {name}: unknown kind {other}"),
    };
    let diags = result.expect_err("an invalid fixture");
    render(&format!("{name}.toml"), &diags)
}

macro_rules! config_fixture_tests {
    ($($(#[$m:meta])* $test:ident: $file:literal => [$($line:expr),+ $(,)?];)+) => {
        /// Every fixture that has a test below.
        const COVERED: &[&str] = &[$($file),+];
        $(
            #[test]
            $(#[$m])*
            fn $test() {
                let expected: String = [$(String::from($line)),+].iter().map(|l| format!("{}.toml:{l}\n", $file)).collect();
                assert_eq!(fixture_diagnostics($file), expected);
            }
        )+
    };
}

config_fixture_tests! {
    guidance_unknown_criterion: "guidance-unknown-criterion" => [
        format!("17:6: criteria[0].id: found text \"disciplnes\", expected one of: {CRITERIA} (did you mean \"disciplines\"?)"),
    ];
    guidance_duplicate_criterion: "guidance-duplicate-criterion" => [
        "24:6: criteria[1].id: found \"board\" a second time, expected each criterion once",
    ];
    guidance_missing_criterion: "guidance-missing-criterion" => [
        format!("12:12: criteria: missing criterion \"double_funding\"; expected a [[criteria]] table for every check: {CRITERIA}"),
    ];
    guidance_unknown_key_with_a_hint: "guidance-unknown-key" => [
        "21:1: criteria[0].rulle: unknown key `rulle`; did you mean `rule`? expected one of: id, kind, rule, source, title, title_en",
    ];
    guidance_bad_kind: "guidance-bad-kind" => [
        "20:8: criteria[0].kind: found text \"knockout\", expected one of: knock-out, weighted (did you mean \"knock-out\"?)",
    ];
    policy_weights_must_add_up_to_100: "policy-weights-sum" => [
        "9:1: weights: the weights add up to 105, expected 100",
    ];
    policy_no_weight_on_a_knock_out: "policy-weight-on-knock-out" => [
        "20:10: weights.region: is a knock-out criterion in the guidance; expected weights for weighted criteria only",
    ];
    policy_unknown_criterion_in_weights: "policy-unknown-criterion" => [
        format!("12:16: weights.particpation: unknown criterion id; did you mean `participation`? expected one of: {CRITERIA}"),
    ];
    policy_missing_weight: "policy-missing-weight" => [
        "9:1: weights: missing weight for double_funding; expected a weight for every weighted criterion (0 to ignore one)",
    ];
    policy_coverage_above_100: "policy-coverage-above-100" => [
        "22:20: thresholds.coverage_percent: found 120.00, expected a percentage 0-100 (at most 2 decimals)",
    ];
    policy_bands_in_order: "policy-bands-order" => [
        "31:16: recommendation.approve_from: found approve_from 50, conditions_from 55, return_from 35; expected approve_from >= conditions_from >= return_from",
    ];
    policy_scale_max_above_min: "policy-scale-max-not-above-min" => [
        "37:7: scale.max: found min 4 and max 4, expected max above min",
    ];
    policy_anchor_on_the_scale: "policy-anchor-outside-scale" => [
        "42:15: scale.anchors[3].score: found integer 5, expected a score on the scale, 0-4",
    ];
    policy_unknown_discipline_in_coverage: "policy-unknown-discipline" => [
        format!("23:49: thresholds.coverage_percent_by_discipline.huisartsen: unknown discipline; did you mean `huisartsenzorg`? expected one of: {DISCIPLINES}"),
    ];
    regions_duplicate_region: "regions-duplicate-region" => [
        "14:8: rho_regions[2].name: found region \"twente\" a second time, expected each RHO region once",
    ];
    regions_duplicate_municipality: "regions-duplicate-municipality" => [
        "6:52: rho_regions[0].municipalities[3]: found \"almelo\" a second time, expected each municipality once",
    ];
}

/// The real problem is reported first, before anything it might cause.
#[test]
fn policy_scale_max_above_min_is_reported_first() {
    let shown = fixture_diagnostics("policy-scale-max-not-above-min");
    let first = shown.lines().next().unwrap();
    assert_eq!(
        first,
        "policy-scale-max-not-above-min.toml:37:7: scale.max: found min 4 and max 4, expected max above min"
    );
}

#[test]
fn every_config_fixture_has_a_test() {
    let on_disk: BTreeSet<String> = fs::read_dir(CONFIG_DIR)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    let covered: BTreeSet<String> = COVERED.iter().map(|s| s.to_string()).collect();
    assert_eq!(on_disk, covered, "fixtures on disk vs fixtures with a test");
}

#[test]
fn the_shipped_rule_files_are_valid() {
    let rules = resv::io::rules_files::built_in_rules();
    assert_eq!(rules.guidance.criteria.len(), 13);
    let sum: u32 = rules.policy.weights.iter().map(|(_, w)| w).sum();
    assert_eq!(sum, 100);
    assert_eq!(rules.regions.regions.len(), 12);
    assert_eq!(rules.policy_source.origin, "built-in");
}

// ---------------------------------------------------------------------------------------
// Rule files through the binary
// ---------------------------------------------------------------------------------------

const UTRECHT_FILE: &str = "sample-plans/utrecht-stad.toml";

#[test]
fn a_bad_rule_file_stops_assess_with_file_line_and_key() {
    let env = Env::new();
    let cases = [
        (
            "--policy",
            "policy-weights-sum",
            "9:1: weights: the weights add up to 105, expected 100",
        ),
        (
            "--guidance",
            "guidance-bad-kind",
            "20:8: criteria[0].kind: found text \"knockout\"",
        ),
        (
            "--regions",
            "regions-duplicate-region",
            "14:8: rho_regions[2].name: found region \"twente\" a second time",
        ),
    ];
    for (option, fixture, diagnostic) in cases {
        let path = format!("{CONFIG_DIR}/{fixture}.toml");
        let out = env.resv(&["assess", UTRECHT_FILE, option, &path]);
        assert_eq!(out.status.code(), Some(2), "{option} {path}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains(&format!("{path} has 1 problem(s):")), "{err}");
        assert!(err.contains(&format!("{path}:{diagnostic}")), "{err}");
        assert!(stdout(&out).is_empty(), "no assessment is printed: {}", stdout(&out));
    }
    // The environment variable names a file as the option does.
    let path = format!("{CONFIG_DIR}/policy-missing-weight.toml");
    let out = env
        .isolated(env!("CARGO_BIN_EXE_resv"))
        .args(["assess", UTRECHT_FILE])
        .env("RESV_POLICY", &path)
        .env("XDG_CONFIG_HOME", env.dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!("{path}:9:1: weights: missing weight for double_funding")),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_named_rule_file_that_does_not_exist_is_an_error_without_fallback() {
    let env = Env::new();
    // Even with a valid policy in the configuration folder, a named missing file is an error.
    fs::create_dir_all(env.config_dir()).unwrap();
    fs::copy("config/policy.toml", env.config_dir().join("policy.toml")).unwrap();
    for option in ["--policy", "--guidance", "--regions"] {
        let out = env.resv(&["assess", UTRECHT_FILE, option, "/nonexistent/rules.toml"]);
        assert_eq!(out.status.code(), Some(2), "{option}");
        let err = stderr(&out);
        assert!(
            err.contains("/nonexistent/rules.toml: cannot read the file"),
            "{option}: {err}"
        );
        assert!(stdout(&out).is_empty());
    }
}

#[test]
fn the_config_folder_is_used_and_an_option_overrides_it() {
    let env = Env::new();
    let nlb = "sample-plans/noord-limburg.toml";
    let built_in = env.json(&["assess", nlb, "--json"]);
    assert_eq!(built_in["policy"]["origin"], "built-in");
    assert_eq!(built_in["excluded"]["2027"], 0);

    // An insurer that accepts no main-contractor exception excludes N4 (180,000 in 2027).
    fs::create_dir_all(env.config_dir()).unwrap();
    let strict = fs::read_to_string("config/policy.toml")
        .unwrap()
        .replace("accept_care_exception = true", "accept_care_exception = false");
    let own = env.config_dir().join("policy.toml");
    fs::write(&own, strict).unwrap();
    let a = env.json(&["assess", nlb, "--json"]);
    assert_eq!(a["policy"]["origin"], own.display().to_string());
    assert_eq!(a["excluded"]["2027"], 18_000_000);
    assert_eq!(a["excluded_activities"], serde_json::json!(["N4"]));
    assert_eq!(a["guidance"]["origin"], "built-in", "only the policy is replaced");

    let a = env.json(&["assess", nlb, "--json", "--policy", "config/policy.toml"]);
    assert_eq!(a["policy"]["origin"], "config/policy.toml");
    assert_eq!(a["excluded"]["2027"], 0);
    assert_eq!(a["policy"]["sha256"], built_in["policy"]["sha256"]);
}

// ---------------------------------------------------------------------------------------
// resv assess
// ---------------------------------------------------------------------------------------

#[test]
fn assess_json_of_a_plan_file() {
    let env = Env::new();
    let a = env.json(&["assess", "sample-plans/west-brabant.toml", "--json"]);
    assert_eq!(a["plan_id"], "RESV-WBR-2027");
    assert_eq!(a["source"], "file");
    let t = total(&a);
    assert!((0.0..=100.0).contains(&t), "{t}");
    // The budget norm is graded by how far over (issue 15): 47.6 rather than 0.
    assert_eq!(t, 81.4);
    assert_eq!(a["knocked_out"], false);
    assert_eq!(a["recommendation"], "approve-with-conditions");
    assert_eq!(a["provisional"], true);
    assert_eq!(a["pending"], serde_json::json!(["double_funding"]));
    for (year, requested, fundable) in [("2027", 229_500_000, 169_500_000), ("2028", 242_000_000, 182_000_000)] {
        assert_eq!(a["requested"][year], requested, "{year}");
        assert_eq!(a["excluded"][year], 60_000_000, "{year}");
        assert_eq!(a["fundable"][year], fundable, "{year}");
    }
    let criteria = a["criteria"].as_array().unwrap();
    let ids: Vec<&str> = criteria.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids.join(", "), CRITERIA);
    for c in criteria {
        let status = c["status"].as_str().unwrap();
        assert!(["pass", "warn", "fail", "needs-judgement"].contains(&status), "{c}");
        let explanation = c["explanation"].as_array().unwrap();
        assert!(
            !explanation.is_empty() && explanation.iter().all(|l| l.is_string()),
            "{c}"
        );
        assert_eq!(c["manual_score"], Value::Null);
    }
    let coord = criterion(&a, "coordination_only");
    assert_eq!(
        (coord["status"].as_str(), coord["auto_score"].as_f64()),
        (Some("warn"), Some(50.0))
    );
    assert!(
        coord["explanation"][0]
            .as_str()
            .unwrap()
            .starts_with("! W4 is zorgproductie zonder uitzondering"),
        "{coord}"
    );
    // --lang en gives the English explanations, same verdict.
    let en = env.json(&["--lang", "en", "assess", "sample-plans/west-brabant.toml", "--json"]);
    assert_eq!(total(&en), t);
    let coord = criterion(&en, "coordination_only");
    assert!(
        coord["explanation"][0]
            .as_str()
            .unwrap()
            .contains("without an exception"),
        "{coord}"
    );
}

#[test]
fn a_plan_with_errors_gets_the_same_diagnostics_from_assess_and_import() {
    let env = Env::new();
    let bad = sample_text("utrecht-stad")
        .replacen("main_task = 3", "main_tsak = 3", 1)
        .replace("kvk = \"30123456\"\n", "kvk = \"3012345\"\n");
    let path = env.file("bad.toml", &bad);
    let assessed = env.resv(&["assess", &path]);
    let imported = env.resv(&["import", &path]);
    assert_eq!(assessed.status.code(), Some(1), "{}", stderr(&assessed));
    assert_eq!(imported.status.code(), Some(1));
    let lines = |o: &std::process::Output| -> Vec<String> { stderr(o).lines().map(str::to_string).collect() };
    assert_eq!(lines(&assessed), lines(&imported));
    let err = stderr(&assessed);
    assert!(err.contains(&format!("{path}: geweigerd (3)")), "{err}");
    assert!(
        err.contains("activities[2].main_tsak: unknown key `main_tsak`; did you mean `main_task`?"),
        "{err}"
    );
    assert!(
        err.contains("resv.lead_party.kvk: found text \"3012345\", expected a KvK number: 8 digits in quotes"),
        "{err}"
    );
    assert!(stdout(&assessed).is_empty(), "{}", stdout(&assessed));
    assert!(!env.db().exists() || env.store().latest_plan("RESV-UTR-2027").unwrap().is_none());
}

#[test]
fn the_stored_plan_and_the_file_self_check_agree() {
    let env = Env::new();
    env.ok(&["import", "sample-plans"]);
    let plans = fs::read_dir("sample-plans")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"));
    for path in plans {
        let path = path.display().to_string();
        let file = env.json(&["assess", &path, "--json"]);
        let id = file["plan_id"].as_str().unwrap().to_string();
        let db = env.json(&["assess", &id, "--json"]);
        assert_eq!(
            (file["source"].as_str(), db["source"].as_str()),
            (Some("file"), Some("database"))
        );
        for key in [
            "plan_sha256",
            "total_score",
            "knocked_out",
            "knock_outs",
            "pending",
            "recommendation",
            "requested",
            "excluded",
            "fundable",
            "reasons",
        ] {
            assert_eq!(file[key], db[key], "{id}: {key}");
        }
        let statuses = |a: &Value| -> Vec<(Value, Value, Value)> {
            let all = a["criteria"].as_array().unwrap();
            all.iter()
                .map(|c| (c["id"].clone(), c["status"].clone(), c["score"].clone()))
                .collect()
        };
        assert_eq!(statuses(&file), statuses(&db), "{id}");
    }
    let out = env.resv(&["assess", "RESV-NOPE-2027"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("RESV-NOPE-2027"), "{}", stderr(&out));
}

// ---------------------------------------------------------------------------------------
// resv score
// ---------------------------------------------------------------------------------------

const FRL: &str = "RESV-FRL-2027";

fn env_with_friesland() -> Env {
    let env = Env::new();
    env.ok(&["import", "sample-plans/friesland.toml"]);
    env
}

#[test]
fn a_manual_score_shows_in_the_assessment_and_changes_the_total() {
    let env = env_with_friesland();
    let before = env.json(&["assess", FRL, "--json"]);
    let p = criterion(&before, "participation");
    assert_eq!((p["status"].as_str(), p["score"].as_f64()), (Some("warn"), Some(50.0)));

    let note = "Raadpleging plus een toegezegd panel van 30 inwoners vanaf 2027.";
    env.ok(&["score", FRL, "participation", "4", "--note", note]);
    let after = env.json(&["assess", FRL, "--json"]);
    let p = criterion(&after, "participation");
    assert_eq!(p["manual_score"], 4);
    assert_eq!(p["manual_note"], note);
    assert_eq!(p["manual_by"], "inkoper-a");
    assert_eq!(p["manual_stale"], false);
    assert_eq!(
        (p["status"].as_str(), p["auto_score"].as_f64(), p["score"].as_f64()),
        (Some("warn"), Some(50.0), Some(100.0))
    );
    // The text says what counts: the automatic warning is overridden (as the workbench says).
    let text = stdout(&env.ok(&["assess", FRL]));
    let line = text
        .lines()
        .find(|l| l.contains("Burger- en patiëntenparticipatie"))
        .unwrap();
    assert!(
        line.starts_with("! let op") && line.ends_with("score 100,0] · ! vervangen door de handmatige score"),
        "{line}"
    );
    let text = stdout(&env.ok(&["--lang", "en", "assess", FRL]));
    assert!(text.contains("· ! overridden by the manual score"), "{text}");
    // Participation (weight 10 of the 90 that count) rises from 50 to 100: +5.6 points.
    assert_eq!(total(&before), 82.0);
    assert_eq!(total(&after), 87.6);

    // The score was stored with a snapshot of the assessment it produced.
    let snap = env.store().latest_snapshot(FRL).unwrap().expect("a snapshot");
    assert_eq!(snap.total_tenths, 876);
    let manual = env.store().manual_inputs(FRL).unwrap();
    assert_eq!(manual.len(), 1);
    assert_eq!(
        (manual[0].score, manual[0].note.as_deref(), manual[0].by.as_str()),
        (Some(4), Some(note), "inkoper-a")
    );

    // What is not given is carried over: a note alone keeps the score, a score alone the note.
    env.ok(&["score", FRL, "participation", "--note", "Panel bevestigd."]);
    let p = criterion(&env.json(&["assess", FRL, "--json"]), "participation").clone();
    assert_eq!(
        (p["manual_score"].as_i64(), p["manual_note"].as_str()),
        (Some(4), Some("Panel bevestigd."))
    );
    env.ok(&["score", FRL, "participation", "3"]);
    let a = env.json(&["assess", FRL, "--json"]);
    let p = criterion(&a, "participation");
    assert_eq!(
        (p["manual_score"].as_i64(), p["manual_note"].as_str()),
        (Some(3), Some("Panel bevestigd."))
    );
    assert_eq!(total(&a), 84.8, "participation at 75 of 100: +2.8");
    assert_eq!(
        env.store().manual_inputs(FRL).unwrap().len(),
        1,
        "the latest input per criterion"
    );

    // --clear: the automatic result counts again.
    env.ok(&["score", FRL, "participation", "--clear"]);
    let cleared = env.json(&["assess", FRL, "--json"]);
    assert_eq!(criterion(&cleared, "participation")["manual_score"], Value::Null);
    assert_eq!(total(&cleared), 82.0);
}

#[test]
fn score_refuses_what_the_rules_do_not_allow_and_stores_nothing() {
    let env = env_with_friesland();
    let cases: [(&[&str], &str); 4] = [
        (
            &["score", FRL, "participation", "5"],
            "score 5 ligt buiten de schaal 0-4",
        ),
        (
            &["score", FRL, "contractable", "3"],
            "contractable is een knock-out die de regel beslist; schrijf een notitie in plaats van een score",
        ),
        (
            &["score", FRL, "particpation", "3"],
            "onbekend criterium \"particpation\"",
        ),
        (&["score", "RESV-NOPE-2027", "participation", "3"], "RESV-NOPE-2027"),
    ];
    for (args, message) in cases {
        let out = env.resv(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
    }
    assert!(env.store().manual_inputs(FRL).unwrap().is_empty());
    assert!(env.store().latest_snapshot(FRL).unwrap().is_none());
    // A note on a knock-out is allowed; a knock-out that warns (a larger area) takes a score.
    env.ok(&["score", FRL, "region", "--note", "Eilanden horen erbij."]);
    let a = env.json(&["assess", FRL, "--json"]);
    assert_eq!(criterion(&a, "region")["manual_note"], "Eilanden horen erbij.");
    env.ok(&["score", FRL, "region", "0"]);
    let a = env.json(&["assess", FRL, "--json"]);
    assert_eq!(a["knocked_out"], true, "the buyer rejected the larger area");
    assert_eq!(
        criterion(&a, "region")["manual_note"],
        "Eilanden horen erbij.",
        "the note is kept"
    );
}

#[test]
fn read_only_score_fails_and_stores_nothing() {
    let env = env_with_friesland();
    let out = env.resv(&["--read-only", "score", FRL, "participation", "3", "--note", "x"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("read-only") || err.contains("readonly"),
        "names the cause: {err}"
    );
    assert!(env.store().manual_inputs(FRL).unwrap().is_empty());
    assert!(env.store().latest_snapshot(FRL).unwrap().is_none());
    let a = env.json(&["--read-only", "assess", FRL, "--json"]);
    assert_eq!(criterion(&a, "participation")["manual_score"], Value::Null);
}

#[test]
fn a_new_plan_version_makes_only_changed_criteria_stale() {
    let env = Env::new();
    let text = sample_text("friesland");
    let path = env.file("friesland.toml", &text);
    env.ok(&["import", &path]);
    env.ok(&["score", FRL, "participation", "4", "--note", "panel toegezegd"]);
    env.ok(&["score", FRL, "budget", "2"]);
    let before = env.json(&["assess", FRL, "--json"]);

    // Version 2.1 changes the participation description, nothing the budget check reads.
    let changed = text.replace("version = \"2.0\"", "version = \"2.1\"").replace(
        "Jaarlijkse raadpleging van inwoners",
        "Halfjaarlijkse raadpleging van inwoners",
    );
    assert_ne!(changed, text);
    fs::write(&path, changed).unwrap();
    let out = env.ok(&["import", &path]);
    assert!(stdout(&out).contains("(versie 2)"), "{}", stdout(&out));

    let after = env.json(&["assess", FRL, "--json"]);
    let p = criterion(&after, "participation");
    assert_eq!(
        (p["manual_score"].as_i64(), p["manual_stale"].as_bool()),
        (Some(4), Some(true))
    );
    assert_eq!(p["manual_note"], "panel toegezegd", "a stale input is still shown");
    assert_eq!(
        p["score"].as_f64(),
        p["auto_score"].as_f64(),
        "a stale score does not count"
    );
    let b = criterion(&after, "budget");
    assert_eq!(
        (
            b["manual_score"].as_i64(),
            b["manual_stale"].as_bool(),
            b["score"].as_f64()
        ),
        (Some(2), Some(false), Some(50.0))
    );
    assert_eq!(criterion(&before, "participation")["score"].as_f64(), Some(100.0));
    assert!(
        total(&after) < total(&before),
        "{} -> {}",
        total(&before),
        total(&after)
    );
}
