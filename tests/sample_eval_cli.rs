//! Evaluating samples (issue 19): the calculator against reference values, and findings
//! recorded on a stored sample's items, then the sample evaluated from them.

mod support;

use serde_json::Value;
use support::*;

fn calc(env: &Env, args: &[&str]) -> Value {
    let mut all = vec!["sample", "evaluate", "--json"];
    all.extend_from_slice(args);
    env.json(&all)
}

fn round4(v: &Value) -> f64 {
    (v.as_f64().unwrap() * 10_000.0).round() / 10_000.0
}

#[test]
fn the_calculator_gives_the_reference_limits() {
    let env = Env::new();
    let b = calc(
        &env,
        &[
            "--model",
            "binomial",
            "--n",
            "93",
            "--deviations",
            "1",
            "--confidence",
            "0.95",
        ],
    );
    assert_eq!(round4(&b["upper_bound"]), 0.0500);
    assert_eq!(b["upper_items"], Value::Null);
    let p = calc(
        &env,
        &[
            "--model",
            "poisson",
            "--n",
            "100",
            "--deviations",
            "2",
            "--confidence",
            "0.95",
        ],
    );
    assert_eq!(round4(&p["upper_bound"]), 0.0630);
    let h = calc(
        &env,
        &[
            "--model",
            "hypergeometric",
            "--n",
            "30",
            "--deviations",
            "1",
            "--population",
            "100",
            "--confidence",
            "0.95",
        ],
    );
    assert_eq!(h["upper_items"], 13);
    assert_eq!(round4(&h["upper_bound"]), 0.13);
    let s = calc(
        &env,
        &[
            "--method",
            "stringer",
            "--n",
            "100",
            "--taints",
            "1,0.4,0.2",
            "--confidence",
            "0.95",
            "--book-value",
            "1.000.000",
        ],
    );
    assert_eq!(round4(&s["upper_bound"]), 0.0554);
    assert_eq!(round4(&s["most_likely"]), 0.016);
    assert_eq!(s["most_likely_cents"], 1_600_000);
    assert_eq!(
        s["upper_bound_cents"],
        (s["upper_bound"].as_f64().unwrap() * 1e8).round() as i64
    );
    // Against a tolerable rate, in words.
    let out = env.ok(&[
        "--lang",
        "en",
        "sample",
        "evaluate",
        "--n",
        "93",
        "--deviations",
        "1",
        "--confidence",
        "0.95",
        "--tolerable-rate",
        "0.06",
    ]);
    assert_contains(
        &stdout(&out),
        &["the deviation rate in the population is below 6.00% with 95.00% confidence"],
    );
    let out = env.ok(&[
        "sample",
        "evaluate",
        "--n",
        "93",
        "--deviations",
        "3",
        "--confidence",
        "0.95",
        "--tolerable-rate",
        "0.05",
    ]);
    assert_contains(
        &stdout(&out),
        &["niet te concluderen dat het afwijkingspercentage", "5,00%"],
    );
    // The Poisson limit above 1 is shown as it is, with a warning.
    let out = env.ok(&[
        "--lang",
        "en",
        "sample",
        "evaluate",
        "--model",
        "poisson",
        "--n",
        "3",
        "--deviations",
        "2",
        "--confidence",
        "0.95",
    ]);
    assert_contains(
        &stdout(&out),
        &["209.86%", "the Poisson approximation does not hold here"],
    );
}

#[test]
fn the_calculator_refuses_bad_numbers_saying_which() {
    let env = Env::new();
    let refused = |args: &[&str], phrase: &str| {
        let mut all = vec!["--lang", "en", "sample", "evaluate"];
        all.extend_from_slice(args);
        assert_contains(&stderr(&env.code(1, &all)), &[phrase]);
    };
    refused(
        &["--n", "10", "--deviations", "11", "--confidence", "0.95"],
        "--deviations 11: expected 0 to 10",
    );
    refused(
        &["--n", "10", "--deviations", "1", "--confidence", "1.5"],
        "--confidence 1.5: expected a number strictly between 0 and 1",
    );
    refused(
        &["--n", "10", "--deviations", "1"],
        "the calculator needs --n N and --confidence C",
    );
    refused(
        &[
            "--model",
            "hypergeometric",
            "--n",
            "10",
            "--deviations",
            "1",
            "--confidence",
            "0.9",
        ],
        "--model hypergeometric needs --population N",
    );
    refused(
        &[
            "--model",
            "hypergeometric",
            "--n",
            "10",
            "--deviations",
            "1",
            "--population",
            "5",
            "--confidence",
            "0.9",
        ],
        "--population 5: expected 10 to",
    );
    refused(
        &[
            "--method",
            "stringer",
            "--n",
            "10",
            "--taints",
            "0.5,=1+1",
            "--confidence",
            "0.9",
        ],
        "--taints, value 2 (\"=1+1\")",
    );
    refused(
        &[
            "--method",
            "stringer",
            "--n",
            "10",
            "--taints",
            "0.5,2",
            "--confidence",
            "0.9",
        ],
        "--taints, value 2 (2): expected a number from -1 to 1",
    );
    refused(
        &[
            "--method",
            "stringer",
            "--n",
            "1",
            "--taints",
            "0.5,0.5",
            "--confidence",
            "0.9",
        ],
        "--taints 2: expected 0 to 1",
    );
    refused(
        &[
            "--method",
            "stringer",
            "--n",
            "10",
            "--taints",
            "0.5",
            "--confidence",
            "0.9",
            "--book-value=-5",
        ],
        "--book-value",
    );
    let many = vec!["0.1"; 501].join(",");
    refused(
        &[
            "--method",
            "stringer",
            "--n",
            "1000000",
            "--taints",
            &many,
            "--confidence",
            "0.9",
        ],
        "value 501",
    );
}

/// An NZa database holding one insurer's two approved decisions.
fn nza() -> Env {
    let insurer = Env::with_samples();
    insurer.key(None);
    insurer.decide_approve("RESV-UTR-2027", &["fundable"], "Past.");
    insurer.ok_as("tweede-inkoper", &["approve", "RESV-UTR-2027"]);
    insurer.decide_approve("RESV-FVA-2027", &["fundable"], "Past ook.");
    let nza = Env::new();
    exchange_key(&insurer, None, &nza);
    let file = nza.path("voorbeeld.json").display().to_string();
    insurer.ok(&["export", "decisions", "--json", "-o", &file]);
    nza.ok(&["nza", "import", &file]);
    nza
}

fn en<'a>(args: &[&'a str]) -> Vec<&'a str> {
    [&["--lang", "en"][..], args].concat()
}

fn items(sample: &Value) -> Vec<String> {
    sample["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn findings_are_recorded_by_the_owner_only_and_the_sample_is_evaluated_when_done() {
    let env = nza();
    let s = env.json(&[
        "sample", "draw", "--method", "random", "--seed", "7", "--size", "2", "--json",
    ]);
    let id = s["sample_id"].as_i64().unwrap().to_string();
    let items = items(&s);
    let rows = || env.count("SELECT count(*) FROM sample_findings");

    // Refusals: read-only, someone else, an unknown item, a finding that does not fit.
    let out = env.code(2, &en(&["--read-only", "sample", "record", &id, &items[0], "--ok"]));
    assert_contains(&stderr(&out), &["read-only"]);
    let out = env.resv_as("iemand-anders", &en(&["sample", "record", &id, &items[0], "--ok"]));
    assert_code(&out, 1, &["record as someone else"]);
    assert_contains(
        &stderr(&out),
        &[&format!(
            "sample {id} was drawn by {USER}; only {USER} records its findings"
        )],
    );
    let out = env.code(1, &en(&["sample", "record", &id, "voorbeeld/GEEN", "--deviation"]));
    assert_contains(
        &stderr(&out),
        &[&format!("item \"voorbeeld/GEEN\" is not in sample {id}")],
    );
    let out = env.code(1, &en(&["sample", "record", &id, &items[0], "--audited", "5"]));
    assert_contains(&stderr(&out), &["an attribute sample records --ok or --deviation"]);
    env.code(2, &["sample", "record", &id, &items[0]]);
    env.code(2, &["sample", "record", "99", &items[0], "--ok"]);
    assert_eq!(rows(), 0);

    // One finding: the other item is open, nothing evaluated unless --partial.
    let out = env.ok(&en(&[
        "sample",
        "record",
        &id,
        &items[0],
        "--ok",
        "--note",
        "Klopt met de overeenkomst.",
    ]));
    assert_contains(&stdout(&out), &["Still open: 1 of 2 items"]);
    let out = env.code(1, &en(&["sample", "evaluate", &id, "--confidence", "0.95"]));
    assert_contains(&stderr(&out), &["1 of 2 items have no finding yet; nothing evaluated"]);
    let partial = env.json(&["sample", "evaluate", &id, "--confidence", "0.95", "--partial", "--json"]);
    assert_eq!(partial["partial"], true);
    assert_eq!(partial["n"], 1);
    assert_eq!(partial["open_items"], 1);
    let out = env.ok(&[
        "sample",
        "evaluate",
        &id,
        "--confidence",
        "0.95",
        "--partial",
        "--tolerable-rate",
        "0.99",
    ]);
    assert_contains(&stdout(&out), &["VOORLOPIG", "(voorlopig)"]);

    // The sample's size was given directly: it records no confidence.
    env.ok(&[
        "sample",
        "record",
        &id,
        &items[1],
        "--deviation",
        "--note",
        "Geen verslag.",
    ]);
    let out = env.code(1, &en(&["sample", "evaluate", &id]));
    assert_contains(&stderr(&out), &["the sample records no confidence"]);
    let done = env.json(&[
        "sample",
        "evaluate",
        &id,
        "--confidence",
        "0.95",
        "--tolerable-rate",
        "0.5",
        "--json",
    ]);
    let by_hand = calc(
        &env,
        &[
            "--n",
            "2",
            "--deviations",
            "1",
            "--confidence",
            "0.95",
            "--tolerable-rate",
            "0.5",
        ],
    );
    assert_eq!(done["upper_bound"], by_hand["upper_bound"]);
    assert_eq!(done["partial"], false);
    assert_eq!(done["open_items"], 0);
    assert_eq!(done["concluded"], false);
    // A calculator option with a stored sample is refused.
    env.code(1, &["sample", "evaluate", &id, "--n", "5"]);

    // A later finding counts; the earlier one stays (append-only, audited).
    env.ok(&[
        "sample",
        "record",
        &id,
        &items[1],
        "--ok",
        "--note",
        "Verslag alsnog ontvangen.",
    ]);
    assert_eq!(rows(), 3);
    let later = env.json(&["sample", "evaluate", &id, "--confidence", "0.95", "--json"]);
    assert_eq!(later["deviations"], 0);
    assert!(env.sqlite().execute("DELETE FROM sample_findings", []).is_err());
    assert_eq!(env.json(&["audit", "verify", "--json"])["ok"], true);
    let log = stdout(&env.ok(&["audit", "log"]));
    assert_contains(&log, &["sample-finding"]);
}

#[test]
fn a_monetary_unit_sample_is_evaluated_by_the_stringer_bound_in_euros() {
    let env = nza();
    let s = env.json(&[
        "sample",
        "draw",
        "--method",
        "mus",
        "--seed",
        "3",
        "--mus",
        "--confidence",
        "0.95",
        "--materiality",
        "100.000.000",
        "--json",
    ]);
    let id = s["sample_id"].as_i64().unwrap().to_string();
    let items = items(&s);
    assert!(!items.is_empty());
    let out = env.code(1, &["--lang", "en", "sample", "record", &id, &items[0], "--deviation"]);
    assert_contains(
        &stderr(&out),
        &["a monetary-unit sample (mus) records the audited amount"],
    );
    let book = s["items"][0]["amount_cents"].as_i64().unwrap();
    let audited = format!("{}", book / 100 / 2);
    env.ok(&["sample", "record", &id, &items[0], "--audited", &audited]);
    for item in &items[1..] {
        env.ok(&["sample", "record", &id, item, "--ok"]);
    }
    let e = env.json(&["sample", "evaluate", &id, "--json"]);
    assert_eq!(e["kind"], "mus");
    assert_eq!(e["model"], "stringer");
    assert_eq!(e["confidence"], 0.95);
    assert_eq!(e["materiality_cents"], 10_000_000_000i64);
    let total = s["population_total_cents"].as_i64().unwrap();
    assert_eq!(e["book_value_cents"], total);
    let ub = e["upper_bound"].as_f64().unwrap();
    assert_eq!(e["upper_bound_cents"], (ub * total as f64).round() as i64);
    assert!(e["most_likely"].as_f64().unwrap() > 0.0);
    let out = env.ok(&["sample", "evaluate", &id]);
    assert_contains(&stdout(&out), &["Bovengrens afwijking (Stringer)", "€ "]);
}

#[test]
fn cut_off_dates_are_checked_and_evaluation_works_read_only() {
    let env = nza();
    for args in [
        &["report", "--as-of", "2027-02-30"][..],
        &[
            "sample", "draw", "--method", "random", "--seed", "1", "--size", "1", "--as-of", "gisteren",
        ],
        &[
            "sample",
            "plan",
            "--confidence",
            "0.95",
            "--tolerable-rate",
            "0.05",
            "--as-of",
            "2027-13-01",
        ],
    ] {
        let out = env.code(2, args);
        assert_contains(&stderr(&out), &["verwacht een datum als JJJJ-MM-DD"]);
    }
    let s = env.json(&[
        "sample", "draw", "--method", "random", "--seed", "2", "--size", "1", "--json",
    ]);
    let id = s["sample_id"].as_i64().unwrap().to_string();
    let item = s["items"][0]["id"].as_str().unwrap().to_string();
    env.ok(&["sample", "record", &id, &item, "--ok"]);
    let e = env.json(&[
        "--read-only",
        "sample",
        "evaluate",
        &id,
        "--confidence",
        "0.9",
        "--json",
    ]);
    assert_eq!(e["deviations"], 0);
    // A note with terminal controls is stored as given (the spreadsheet writer neutralises
    // it); one above the free-text cap is refused, naming the field.
    env.ok(&[
        "sample",
        "record",
        &id,
        &item,
        "--ok",
        "--note",
        "\u{1b}]52;c;eA==\u{7}",
    ]);
    let long = "x".repeat(4001);
    let out = env.code(1, &en(&["sample", "record", &id, &item, "--ok", "--note", &long]));
    assert_contains(&stderr(&out), &["note: 4001 characters, at most 4000"]);
}

#[test]
fn a_stratified_sample_is_evaluated_per_stratum_and_combined_conservatively() {
    let env = nza();
    let s = env.json(&[
        "sample",
        "draw",
        "--method",
        "stratified",
        "--strata",
        "region",
        "--allocation",
        "fixed",
        "--size",
        "1",
        "--seed",
        "4",
        "--json",
    ]);
    let id = s["sample_id"].as_i64().unwrap().to_string();
    let items = items(&s);
    assert_eq!(items.len(), 2);
    env.ok(&["sample", "record", &id, &items[0], "--ok"]);
    let out = env.code(1, &en(&["sample", "evaluate", &id, "--confidence", "0.95"]));
    assert_contains(&stderr(&out), &["1 of 2 items have no finding yet"]);
    env.ok(&["sample", "record", &id, &items[1], "--deviation"]);
    let e = env.json(&[
        "sample",
        "evaluate",
        &id,
        "--confidence",
        "0.95",
        "--tolerable-rate",
        "0.99",
        "--json",
    ]);
    let strata = e["strata"].as_array().unwrap();
    assert_eq!(strata.len(), 2);
    let by_hand: f64 = strata
        .iter()
        .map(|st| st["population"].as_f64().unwrap() / 2.0 * st["evaluation"]["upper_bound"].as_f64().unwrap())
        .sum();
    assert!((e["combined_upper_bound"].as_f64().unwrap() - by_hand).abs() < 1e-12);
    assert!((e["combined_confidence"].as_f64().unwrap() - 0.90).abs() < 1e-12);
    assert_eq!(e["concluded"], true);
    let out = env.ok(&[
        "--lang",
        "en",
        "sample",
        "evaluate",
        &id,
        "--confidence",
        "0.95",
        "--tolerable-rate",
        "0.99",
    ]);
    assert_contains(
        &stdout(&out),
        &[
            "Stratum ",
            "Combined (weighted by stratum, Bonferroni): upper limit",
            "with at least 90.00% confidence",
        ],
    );
}
