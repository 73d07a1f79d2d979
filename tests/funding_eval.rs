//! The double-funding matcher measured on a labelled evaluation set
//! (`tests/fixtures/funding-eval/`, see its README): precision and recall against the
//! truth, side by side with an exact-name baseline. Every (activity, arrangement) pair not
//! labelled `yes` counts as no overlap. Run with `-- --nocapture` to see the table that
//! `docs/double-funding.md` reports.

use resv::core::funding::{RegistryIndex, baseline_pairs, matcher};
use resv::core::plan::Plan;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Pair = (String, String, String);

struct Set {
    plans: Vec<Plan>,
    arrangements: Vec<resv::core::funding::Arrangement>,
    truth: BTreeSet<Pair>,
    cases: BTreeMap<Pair, (bool, String)>,
}

fn load() -> Set {
    load_from("tests/fixtures/funding-eval")
}

fn load_from(dir: &str) -> Set {
    let dir = Path::new(dir);
    let mut plans = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir.join("plans"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for f in files.iter().filter(|p| p.extension().is_some_and(|e| e == "toml")) {
        let (_, plan) = resv::io::intake::read_plan_file(f).unwrap_or_else(|d| panic!("{}: {d:?}", f.display()));
        plans.push(plan);
    }
    let text = std::fs::read_to_string(dir.join("registry.csv")).unwrap();
    let arrangements = resv::io::registry_files::read_csv(&text).unwrap_or_else(|d| panic!("registry: {d:?}"));
    let mut truth = BTreeSet::new();
    let mut cases = BTreeMap::new();
    let mut rdr = csv::Reader::from_path(dir.join("truth.csv")).unwrap();
    for rec in rdr.records() {
        let r = rec.unwrap();
        let pair = (r[0].to_string(), r[1].to_string(), r[2].to_string());
        let yes = &r[3] == "yes";
        if yes {
            truth.insert(pair.clone());
        }
        cases.insert(pair, (yes, r[4].to_string()));
    }
    Set {
        plans,
        arrangements,
        truth,
        cases,
    }
}

#[derive(Debug)]
struct Score {
    tp: usize,
    fp: Vec<Pair>,
    fn_: Vec<Pair>,
}

impl Score {
    fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp.len()).max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_.len()).max(1) as f64
    }
}

fn score(found: &BTreeSet<Pair>, truth: &BTreeSet<Pair>) -> Score {
    Score {
        tp: found.intersection(truth).count(),
        fp: found.difference(truth).cloned().collect(),
        fn_: truth.difference(found).cloned().collect(),
    }
}

fn matcher_pairs(set: &Set) -> BTreeSet<Pair> {
    let ix = RegistryIndex::new(set.arrangements.clone());
    let mut found = BTreeSet::new();
    for p in &set.plans {
        for f in matcher::match_plan(p, &ix) {
            found.insert((p.id.clone(), f.activity_id, f.arrangement_id));
        }
    }
    found
}

fn baseline(set: &Set) -> BTreeSet<Pair> {
    let mut found = BTreeSet::new();
    for p in &set.plans {
        for (a, r) in baseline_pairs(p, &set.arrangements) {
            found.insert((p.id.clone(), a, r));
        }
    }
    found
}

/// Prints the matcher and the baseline side by side, and the matcher's errors with their case.
fn report(name: &str, set: &Set, m: &Score, b: &Score) {
    println!("| {name} | true pos. | false pos. | false neg. | precision | recall |");
    println!("|---|---|---|---|---|---|");
    for (method, s) in [("resv matcher", m), ("exact-name baseline", b)] {
        println!(
            "| {method} | {} | {} | {} | {:.3} | {:.3} |",
            s.tp,
            s.fp.len(),
            s.fn_.len(),
            s.precision(),
            s.recall()
        );
    }
    let case = |p: &Pair| set.cases.get(p).map(|c| c.1.as_str()).unwrap_or("unlabelled");
    for p in &m.fp {
        println!("false positive: {p:?} ({})", case(p));
    }
    for p in &m.fn_ {
        println!("missed: {p:?} ({})", case(p));
    }
}

#[test]
fn the_evaluation_set_is_big_enough_and_consistent() {
    let set = load();
    assert!(set.cases.len() >= 60, "{} labelled pairs", set.cases.len());
    let acts: BTreeSet<(String, String)> = set
        .plans
        .iter()
        .flat_map(|p| p.activities.iter().map(|a| (p.id.clone(), a.id.clone())))
        .collect();
    let arrs: BTreeSet<&str> = set.arrangements.iter().map(|a| a.id.as_str()).collect();
    for (plan, act, arr) in set.cases.keys() {
        assert!(
            acts.contains(&(plan.clone(), act.clone())),
            "unknown activity {plan} {act}"
        );
        assert!(arrs.contains(arr.as_str()), "unknown arrangement {arr}");
    }
}

#[test]
fn matcher_precision_and_recall_stay_at_least_0_95_and_beat_the_baseline() {
    let set = load();
    let m = score(&matcher_pairs(&set), &set.truth);
    let b = score(&baseline(&set), &set.truth);
    report("development", &set, &m, &b);
    assert!(m.precision() >= 0.95, "precision {:.3}", m.precision());
    assert!(m.recall() >= 0.95, "recall {:.3}", m.recall());
    assert!(m.recall() > b.recall() + 0.3, "well above the baseline");
}

#[test]
fn per_case_results_for_the_documentation() {
    let set = load();
    let found = matcher_pairs(&set);
    let mut per: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (pair, (yes, case)) in &set.cases {
        let e = per.entry(case.as_str()).or_default();
        e.1 += 1;
        if found.contains(pair) == *yes {
            e.0 += 1;
        }
    }
    println!("| case | right | labelled |");
    println!("|---|---|---|");
    for (case, (right, n)) in &per {
        println!("| {case} | {right} | {n} |");
    }
    let right: usize = per.values().map(|v| v.0).sum();
    assert!(
        right * 100 >= set.cases.len() * 95,
        "{right} of {} labelled pairs right",
        set.cases.len()
    );
}

/// The held-out set (`tests/fixtures/funding-holdout/`) was written by someone who did not
/// see the matcher and was never used to tune it: its figures say how the method
/// generalises. The floor is lower than the development set's target on purpose; the
/// figures are in `docs/double-funding.md`.
#[test]
fn held_out_set_generalises() {
    let set = load_from("tests/fixtures/funding-holdout");
    let m = score(&matcher_pairs(&set), &set.truth);
    let b = score(&baseline(&set), &set.truth);
    report("held-out", &set, &m, &b);
    assert!(set.cases.len() >= 60);
    assert!(m.precision() >= 0.85 && m.recall() >= 0.85, "{m:?}");
}

/// Issue 15: names written as one word or two, a name against its acronym in brackets, and
/// compass-point place names (`Zuid-Betuwe` is not `Zuid-Limburg`, `West-Betuwe` is not
/// `Oost-Betuwe`). Every labelled pair of these cases is right.
#[test]
fn name_variants_and_compass_places_are_judged_right() {
    let set = load();
    let found = matcher_pairs(&set);
    let cases = ["split-joined", "acronym-bracket", "compass-place"];
    let mut n = 0;
    for (pair, (yes, case)) in &set.cases {
        if cases.contains(&case.as_str()) {
            n += 1;
            assert_eq!(found.contains(pair), *yes, "{pair:?} ({case})");
        }
    }
    assert!(n >= 6, "{n} labelled pairs of these cases");
}
