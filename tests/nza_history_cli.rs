//! NZa over the years (issue 19), end to end: an insurer exports, decides more, exports
//! again, supersedes a decision and exports a third time; NZa imports all three, and the
//! report and the samples drawn as of each cut-off stay right.

mod support;

use serde_json::Value;
use support::*;

const UTR: &str = "RESV-UTR-2027";
const FVA: &str = "RESV-FVA-2027";

fn read(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn decision<'a>(export: &'a Value, plan: &str) -> &'a Value {
    export["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["plan_id"] == plan)
        .unwrap()
}

fn paid(report: &Value) -> i64 {
    report["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y["paid_cents"].as_i64().unwrap())
        .sum()
}

#[test]
fn three_exports_over_time_import_supersede_and_keep_earlier_samples_whole() {
    let insurer = Env::with_samples();
    insurer.key(None);
    let nza = Env::new();
    exchange_key(&insurer, None, &nza);
    let file = |n: u32| nza.path(&format!("export-{n}.json")).display().to_string();
    // First export: one decision.
    insurer.decide_approve(UTR, &["fundable"], "Past.");
    insurer.ok_as("tweede-inkoper", &["approve", UTR]);
    insurer.ok(&["export", "decisions", "--json", "-o", &file(1)]);
    // The insurer decides more and exports again.
    insurer.decide_approve(FVA, &["fundable"], "Past ook.");
    insurer.ok(&["export", "decisions", "--json", "-o", &file(2)]);
    let fva_first = decision(&read(&file(2)), FVA)["decision_id"].as_i64().unwrap();
    // An incremental export holds only what came after a decision, or since a date.
    let utr_id = decision(&read(&file(1)), UTR)["decision_id"].as_i64().unwrap();
    let after = insurer.json(&["export", "decisions", "--json", "--after", &utr_id.to_string()]);
    let plans: Vec<&str> = after["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["plan_id"].as_str().unwrap())
        .collect();
    assert_eq!(plans, [FVA]);
    let none = insurer.json(&["export", "decisions", "--json", "--since", "2999-01-01"]);
    assert_eq!(none["decisions"].as_array().unwrap().len(), 0);
    let all = insurer.json(&["export", "decisions", "--json", "--since", "2000-01-01"]);
    assert_eq!(all["decisions"].as_array().unwrap().len(), 2);
    insurer.code(2, &["export", "decisions", "--since", "1-1-2027"]);
    // It supersedes a decision and exports a third time.
    insurer.ok(&[
        "decide",
        FVA,
        "--outcome",
        "return",
        "--question",
        "Welke partijen?",
        "--reason",
        "Vragen.",
        "--expect-latest",
        &fva_first.to_string(),
    ]);
    insurer.ok(&["export", "decisions", "--json", "-o", &file(3)]);
    let third = read(&file(3));
    assert_eq!(decision(&third, FVA)["supersedes"], fva_first);

    // NZa imports each export as it comes, and draws a sample after each.
    let mut samples = Vec::new();
    let mut reports = Vec::new();
    for n in 1..=3 {
        let out = nza.json(&["nza", "import", &file(n), "--json"]);
        let imported = &out["imported"][0];
        match n {
            1 => assert_eq!(
                (imported["decisions"].as_i64(), imported["skipped"].as_i64()),
                (Some(1), Some(0))
            ),
            2 => assert_eq!(
                (imported["decisions"].as_i64(), imported["skipped"].as_i64()),
                (Some(1), Some(1))
            ),
            _ => assert_eq!(
                (
                    imported["decisions"].as_i64(),
                    imported["superseded"].as_i64(),
                    imported["skipped"].as_i64()
                ),
                (Some(1), Some(1), Some(1))
            ),
        }
        let s = nza.json(&[
            "sample", "draw", "--method", "random", "--seed", "5", "--size", "1", "--json",
        ]);
        samples.push((
            s["sample_id"].as_i64().unwrap().to_string(),
            s["population_size"].as_i64().unwrap(),
        ));
        reports.push(nza.json(&["report", "--json"]));
    }
    // The population: UTR; then UTR and FVA; then FVA returned (it commits no money).
    let sizes: Vec<i64> = samples.iter().map(|s| s.1).collect();
    assert_eq!(sizes, [1, 2, 1]);
    let utr_paid = paid(&reports[0]);
    assert!(utr_paid > 0);
    assert!(paid(&reports[1]) > utr_paid);
    assert_eq!(
        paid(&reports[2]),
        utr_paid,
        "the superseded FVA decision no longer counts"
    );
    let outcomes = |r: &Value| {
        r["outcomes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| {
                (
                    o["outcome"].as_str().unwrap().to_string(),
                    o["decisions"].as_i64().unwrap(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        outcomes(&reports[2]),
        [("approve".to_string(), 1), ("return".to_string(), 1)]
    );
    // Every sample still verifies, the earliest included.
    for (id, _) in &samples {
        let out = nza.ok(&["--lang", "en", "sample", "verify", id]);
        assert_contains(&stdout(&out), &["Verified"]);
    }
    // The report as of a day before anything was decided: no population then.
    let out = nza.code(2, &["report", "--as-of", "2000-01-01"]);
    assert_contains(&stderr(&out), &["Er zijn geen besluiten"]);
    assert_eq!(reports[2]["as_of"].as_str().map(str::len), Some(10));
    // The national picture: names, freshness, by how much the envelope is exceeded.
    let name = third["insurer"].as_str().unwrap().to_string();
    let md = stdout(&nza.ok(&["--envelope", "1000", "report"]));
    assert_contains(
        &md,
        &[
            "## Laatste export",
            &format!("- {name}: "),
            "boven het kader (€ ",
            "## Per verzekeraar",
        ],
    );
    assert_contains(&md, &[&format!("| {name} |")]);
    let json = nza.json(&["report", "--json"]);
    assert_eq!(json["freshness"][0]["insurer"], name.as_str());
    assert_eq!(json["freshness"][0]["latest_export"], third["exported_at"]);
    // `sample list` has a header row.
    let list = stdout(&nza.ok(&["--lang", "en", "sample", "list"]));
    assert!(list.lines().next().unwrap().contains("Drawn at"), "{list}");
    assert_eq!(list.matches("Drawn at").count(), 1, "one header row: {list}");
    // The same file again: a no-op.
    let out = nza.ok(&["nza", "import", &file(1)]);
    assert_contains(&stdout(&out), &["dit bestand is al geïmporteerd op", "niets te doen"]);
    assert_eq!(nza.json(&["audit", "verify", "--json"])["ok"], true);

    // A second NZa imports all three in one go: the same picture.
    let other = Env::new();
    exchange_key(&insurer, None, &other);
    let out = other.ok(&["--lang", "en", "nza", "import", &file(1), &file(2), &file(3)]);
    assert_contains(
        &stdout(&out),
        &[
            "(voorbeeld, 1 decision)",
            "(voorbeeld, 1 decision; 1 already held, skipped)",
            "(voorbeeld, 1 decision, 1 superseding; 1 already held, skipped)",
        ],
    );
    assert_eq!(paid(&other.json(&["report", "--json"])), utr_paid);
}
