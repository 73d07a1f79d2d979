//! NZa end to end: two insurers decide (a leader and a follower of Utrecht Stad), export
//! their decisions, and NZa imports them, reports, and draws and verifies samples.

mod support;

use serde_json::Value;
use support::*;

const UTR: &str = "RESV-UTR-2027";
const FVA: &str = "RESV-FVA-2027";

/// The two insurers' export files, written once per test into `nza`'s folder.
struct World {
    nza: Env,
    leader: Env,
    follower: Env,
    leader_file: String,
    follower_file: String,
}

fn world() -> World {
    let leader = Env::with_samples();
    leader.key(None);
    leader.decide_approve(UTR, &["fundable"], "Past.");
    leader.ok_as("tweede-inkoper", &["approve", UTR]);
    leader.ok(&["decide", FVA, "--outcome", "reject", "--reason", "Niet onderbouwd."]);
    let package = leader.path("utr.json").display().to_string();
    leader.ok(&["follow", "export", UTR, "-o", &package]);

    let follower = Env::new();
    follower.ok(&["--insurer", "rivierzorg", "import", "sample-plans"]);
    exchange_key(&leader, None, &follower);
    follower.ok(&["--insurer", "rivierzorg", "follow", "import", &package]);

    // NZa trusts both insurers' keys; each exports signed.
    let nza = Env::new();
    exchange_key(&leader, None, &nza);
    exchange_key(&follower, Some("rivierzorg"), &nza);
    let leader_file = nza.path("voorbeeld.json").display().to_string();
    let follower_file = nza.path("rivierzorg.json").display().to_string();
    leader.ok(&["export", "decisions", "--json", "-o", &leader_file]);
    follower.ok(&[
        "--insurer",
        "rivierzorg",
        "export",
        "decisions",
        "--json",
        "-o",
        &follower_file,
    ]);
    World {
        nza,
        leader,
        follower,
        leader_file,
        follower_file,
    }
}

fn counts(env: &Env) -> (i64, i64, i64) {
    (
        env.count("SELECT count(*) FROM nza_imports"),
        env.count("SELECT count(*) FROM nza_contracts"),
        env.count("SELECT count(*) FROM audit_log"),
    )
}

fn years(v: &Value) -> Vec<(i64, i64)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|y| (y["year"].as_i64().unwrap(), y["paid_cents"].as_i64().unwrap()))
        .collect()
}

#[test]
fn nza_imports_two_insurers_and_the_national_picture_counts_each_contract_once() {
    let w = world();
    let out = w.nza.ok(&["nza", "import", &w.leader_file, &w.follower_file]);
    assert_contains(&stdout(&out), &["voorbeeld, 2 besluiten", "rivierzorg, 1 besluit)"]);
    let list = w.nza.json(&["nza", "list", "--json"]);
    assert_eq!(list["decisions"], 3);

    // The leader's decision is the region's whole contract, of which it pays its share; the
    // follower pays its own. The national figure is what the two pay, not the contract plus
    // the follower's share.
    let utr = |file: &str| {
        let export: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let d = export["decisions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["plan_id"] == UTR)
            .unwrap()
            .clone();
        d["years"].clone()
    };
    let (lead, follow) = (utr(&w.leader_file), utr(&w.follower_file));
    let paid: Vec<(i64, i64)> = years(&lead)
        .iter()
        .zip(years(&follow))
        .map(|(a, b)| (a.0, a.1 + b.1))
        .collect();
    for (y, p) in lead.as_array().unwrap().iter().zip(&paid) {
        assert!(p.1 < y["contracted_cents"].as_i64().unwrap(), "{p:?} {y}");
    }
    let report = w.nza.json(&["report", "--json"]);
    assert_eq!(years(&report["years"]), paid);
    let contract = paid;
    assert_eq!(report["years"][0]["envelope_cents"], 7_000_000_000i64);
    let insurers: Vec<&str> = report["by_insurer"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["key"].as_str().unwrap())
        .collect();
    assert_eq!(insurers, ["rivierzorg", "voorbeeld"]);
    let tasks: i64 = report["by_main_task"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["total_cents"].as_i64().unwrap())
        .sum();
    assert_eq!(tasks, contract.iter().map(|c| c.1).sum::<i64>());
    let outcomes: Vec<(String, i64)> = report["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["outcome"].as_str().unwrap().to_string(),
                o["decisions"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(outcomes, [("approve".to_string(), 2), ("reject".to_string(), 1)]);

    // A smaller envelope, in Markdown and CSV.
    let md = stdout(&w.nza.ok(&["--lang", "en", "--envelope", "1000000", "report"]));
    assert_contains(
        &md,
        &[
            "# National picture",
            "| Year | Contracted | Envelope | Used |",
            "€1,000,000",
            "Utrecht Stad",
            "No deviations.",
        ],
    );
    let csv = stdout(&w.nza.ok(&["report", "--csv"]));
    assert_contains(
        &csv,
        &[
            "section,key,year,value",
            "insurer,rivierzorg,2027,",
            "outcome_decisions,reject,,1",
        ],
    );
    let bad = w.nza.code(2, &["--envelope", "0", "report"]);
    assert_contains(&stderr(&bad), &["verwacht een positief bedrag in euro's"]);
    // The report never overwrites a file.
    let existing = w.nza.file("report.md", "keep");
    w.nza.code(2, &["report", "-o", &existing]);
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "keep");
    // Nor writes through a symbolic link, dangling or not (issue 15); --force replaces a
    // regular file only.
    let target = w.nza.path("elders.csv");
    let link = w.nza.path("link.csv");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = w
        .nza
        .code(2, &["report", "--csv", "-o", link.to_str().unwrap(), "--force"]);
    assert_contains(
        &stderr(&out),
        &["is een symbolische koppeling; resv schrijft daar nooit doorheen"],
    );
    assert!(!target.exists());
    w.nza.ok(&["report", "-o", &existing, "--force"]);
    assert_ne!(std::fs::read_to_string(&existing).unwrap(), "keep");

    let audit = w.nza.json(&["audit", "verify", "--json"]);
    assert_eq!(audit["ok"], true, "{audit}");
}

#[test]
fn repeated_exports_skip_what_nza_holds_supersede_and_refuse_real_conflicts() {
    let w = world();
    w.nza.ok(&["nza", "import", &w.leader_file]);
    let held = counts(&w.nza);
    // The same file again: a no-op that says so, not an error.
    let out = w.nza.ok(&["--lang", "en", "nza", "import", &w.leader_file]);
    assert_contains(&stdout(&out), &["this file was already imported on", "nothing to do"]);
    assert_eq!(counts(&w.nza), held);
    // A new export of the same decisions (another export time): both skipped and counted.
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&w.leader_file).unwrap()).unwrap();
    v["exported_at"] = "2026-12-01T09:00:00Z".into();
    // Re-signed with the leader's key: the checks after the signature are what is tested.
    let key = w.leader.secret_key("voorbeeld");
    resign(&mut v, "voorbeeld", &key);
    let again = w.nza.file("again.json", &v.to_string());
    let out = w.nza.json(&["nza", "import", &again, "--json"]);
    assert_eq!(out["imported"][0]["decisions"], 0);
    assert_eq!(out["imported"][0]["skipped"], 2);
    assert_eq!(counts(&w.nza).1, held.1, "no decision stored twice");
    // The leader decided again: the new decision supersedes the held one, which stays.
    w.leader.ok(&[
        "decide",
        FVA,
        "--outcome",
        "return",
        "--question",
        "Welke partijen?",
        "--reason",
        "Vragen.",
        "--expect-latest",
        "2",
    ]);
    let changed = w.nza.path("changed.json").display().to_string();
    w.leader.ok(&["export", "decisions", "--json", "-o", &changed]);
    let out = w.nza.ok(&["--lang", "en", "nza", "import", &changed]);
    assert_contains(
        &stdout(&out),
        &["(voorbeeld, 1 decision, 1 superseding; 1 already held, skipped)"],
    );
    assert_eq!(
        counts(&w.nza).1,
        held.1 + 1,
        "the superseded decision is kept as history"
    );
    let list = w.nza.json(&["nza", "list", "--json"]);
    assert_eq!(
        (&list["decisions"], &list["current"], &list["superseded"]),
        (&3.into(), &2.into(), &1.into()),
        "{list}"
    );
    let text = stdout(&w.nza.ok(&["nza", "list"]));
    assert_contains(&text, &["Totaal: 3 besluiten (2 actueel, 1 vervangen)"]);
    let before = counts(&w.nza);
    let refused = |args: &[&str], phrases: &[&str]| {
        let mut all = vec!["--lang", "en", "nza", "import"];
        all.extend_from_slice(args);
        let out = w.nza.code(1, &all);
        assert_contains(&stderr(&out), phrases);
        assert_contains(&stderr(&out), &["Nothing imported"]);
        assert_eq!(counts(&w.nza), before, "a refused import changes nothing");
    };
    // The same file twice in one go.
    refused(&[&w.follower_file, &w.follower_file], &["is also in"]);
    // Two current decisions of one insurer for one plan that do not chain: both named.
    let mut fork: Value = serde_json::from_str(&std::fs::read_to_string(&changed).unwrap()).unwrap();
    let fva = fork["decisions"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|d| d["plan_id"] == FVA)
        .unwrap();
    fva["decision_id"] = 40.into();
    fva["supersedes"] = Value::Null;
    resign(&mut fork, "voorbeeld", &key);
    let fork = w.nza.file("fork.json", &fork.to_string());
    refused(
        &[&w.follower_file, &fork],
        &[
            "voorbeeld/RESV-FVA-2027 holds decision 40, but NZa already holds decision 3",
            "decision 40 does not supersede it",
            "Conflicting decisions",
        ],
    );
    // A decision NZa holds, with other amounts: the file was altered.
    let mut altered = v.clone();
    altered["exported_at"] = "2026-12-02T09:00:00Z".into();
    let paid = altered["decisions"][1]["years"][0]["paid_cents"].as_i64().unwrap();
    altered["decisions"][1]["years"][0]["paid_cents"] = (paid - 1).into();
    resign(&mut altered, "voorbeeld", &key);
    let altered = w.nza.file("altered.json", &altered.to_string());
    refused(
        &[&altered],
        &[
            "voorbeeld/RESV-UTR-2027 holds decision 1 with other amounts or another outcome",
            "the file was altered",
        ],
    );
    // Unreadable files: the place and what was expected.
    let broken = w
        .nza
        .file("broken.json", "{\n  \"format\": \"resv-decisions\",\n  oops\n}");
    refused(&[&broken], &["broken.json:3:3: not a decision export"]);
    let mut old = v.clone();
    old["format_version"] = 1.into();
    let old = w.nza.file("old.json", &old.to_string());
    refused(
        &[&old],
        &["format: found resv-decisions version 1, expected resv-decisions version 2"],
    );
    let mut bad = v.clone();
    bad["decisions"][1]["years"][0]["paid_cents"] = (-1).into();
    let bad = w.nza.file("bad.json", &bad.to_string());
    refused(
        &[&bad],
        &["decisions[1] (RESV-UTR-2027).years[0]: amounts cannot be negative"],
    );
    // Issue 15: two contracts of 5e18 cents wrapped the national total to a negative
    // amount, and contract year 0 was accepted. Both are refused, each with its place.
    let mut huge = v.clone();
    for d in huge["decisions"].as_array_mut().unwrap() {
        d["years"] = serde_json::json!([{ "year": 2027, "contracted_cents": 5_000_000_000_000_000_000_i64,
                                         "paid_cents": 5_000_000_000_000_000_000_i64 }]);
        d["contracted_total_cents"] = 5_000_000_000_000_000_000_i64.into();
    }
    huge["decisions"][0]["years"][0]["year"] = 0.into();
    let huge = w.nza.file("huge.json", &huge.to_string());
    let bound =
        "found 5000000000000000000, expected an amount in cents from 0 to 100000000000000 (EUR 1,000,000,000,000)";
    refused(
        &[&huge],
        &[
            &format!("decisions[1] (RESV-UTR-2027).years[0].contracted_cents: {bound}"),
            &format!("decisions[0] (RESV-FVA-2027).years[0].contracted_cents: {bound}"),
            "decisions[0] (RESV-FVA-2027).years[0].year: found 0, expected a contract year from 2027 to 2100",
        ],
    );
    // Review of issue 15: the whole file was read into memory whatever its size, and a
    // 100,000-character insurer name was stored. Both are refused, with the place.
    let big = w.nza.path("big.json");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(64 * 1024 * 1024 + 1)
        .unwrap();
    let big = big.display().to_string();
    refused(
        &[&big],
        &["big.json: file is larger than 67108864 bytes, expected at most 64 MiB for a decision export (JSON)"],
    );
    let mut long = v.clone();
    long["insurer"] = "x".repeat(100_000).into();
    let long = w.nza.file("long.json", &long.to_string());
    refused(
        &[&long],
        &["long.json: insurer: 100000 characters, expected at most 4000"],
    );
    let report = w.nza.json(&["report", "--json"]);
    for y in report["years"].as_array().unwrap() {
        assert!(y["paid_cents"].as_i64().unwrap() >= 0, "{report:#}");
    }
    // Read-only: SQLite refuses the write.
    let out = w.nza.resv(&["--read-only", "nza", "import", &w.follower_file]);
    assert_ne!(out.status.code(), Some(0));
    assert_eq!(counts(&w.nza), before);
    // And the follower's file still imports.
    w.nza.ok(&["nza", "import", &w.follower_file]);
    drop(w.follower);
}

fn items(v: &Value) -> Vec<(String, i64)> {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["id"].as_str().unwrap().to_string(), i["hits"].as_i64().unwrap()))
        .collect()
}

#[test]
fn samples_are_reproducible_stored_and_verified() {
    let w = world();
    w.nza.ok(&["nza", "import", &w.leader_file, &w.follower_file]);
    // Another NZa database with the same exports draws the same sample.
    let other = Env::new();
    exchange_key(&w.leader, None, &other);
    exchange_key(&w.follower, Some("rivierzorg"), &other);
    other.ok(&["nza", "import", &w.follower_file, &w.leader_file]);
    for method in ["random", "systematic", "mus"] {
        let args = [
            "sample", "draw", "--method", method, "--seed", "2027", "--size", "1", "--json",
        ];
        let a = w.nza.json(&args);
        assert_eq!(items(&a), items(&other.json(&args)), "{method}");
        assert_eq!(a["params"]["seed"], 2027);
        assert_eq!(a["population_size"], 2);
        assert!(a["generator"].as_str().unwrap().contains("ChaCha20"));
    }
    let s = w.nza.json(&[
        "sample",
        "draw",
        "--method",
        "stratified",
        "--strata",
        "insurer",
        "--allocation",
        "fixed",
        "--size",
        "1",
        "--seed",
        "7",
        "--json",
    ]);
    assert_eq!(s["strata"].as_array().unwrap().len(), 2);
    assert_eq!(items(&s).len(), 2);
    let id = s["sample_id"].as_i64().unwrap().to_string();
    assert_eq!(id, "4");
    let list = w.nza.json(&["sample", "list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 4);
    let shown = w.nza.json(&["sample", "show", &id, "--json"]);
    assert_eq!(items(&shown), items(&s));
    let v = w.nza.json(&["sample", "verify", &id, "--json"]);
    assert_eq!(v["ok"], true, "{v}");
    assert_contains(
        &stdout(&w.nza.ok(&["--lang", "en", "sample", "verify", &id])),
        &["Verified"],
    );

    // The size planned from the options; refusals name what is missing.
    // 95% at a tolerable rate of 50% needs 5 (0.5^5 < 5%): more than the 2 there are.
    let out = w.nza.code(
        1,
        &[
            "sample",
            "draw",
            "--method",
            "random",
            "--seed",
            "1",
            "--confidence",
            "0.95",
            "--tolerable-rate",
            "0.5",
        ],
    );
    assert_contains(&stderr(&out), &["Een steekproef van 5 is groter dan de populatie (2)"]);
    let out = w.nza.code(1, &["sample", "draw", "--method", "random", "--seed", "1"]);
    // Review of issue 15: these refusals were English under the default Dutch.
    assert_contains(
        &stderr(&out),
        &["de steekproefomvang vraagt --confidence", "of geef --size N"],
    );
    let en = ["--lang", "en", "sample", "draw", "--method", "random", "--seed", "1"];
    let out = w.nza.code(1, &en);
    assert_contains(&stderr(&out), &["needs --confidence", "or give --size N"]);
    let out = w.nza.code(
        1,
        &["sample", "draw", "--method", "random", "--seed", "1", "--size", "3"],
    );
    assert_contains(&stderr(&out), &["groter dan de populatie (2)"]);
    let out = w.nza.code(
        1,
        &["sample", "draw", "--method", "stratified", "--seed", "1", "--size", "1"],
    );
    assert_contains(&stderr(&out), &["vraagt --strata"]);
    w.nza.code(2, &["sample", "verify", "99"]);

    // Read-only: drawn and shown, not stored.
    let before = w.nza.count("SELECT count(*) FROM samples");
    let out = w.nza.ok(&[
        "--read-only",
        "sample",
        "draw",
        "--method",
        "random",
        "--seed",
        "3",
        "--size",
        "1",
    ]);
    assert_contains(&stderr(&out), &["Niet opgeslagen"]);
    assert_eq!(w.nza.count("SELECT count(*) FROM samples"), before);

    // A stored sample whose items were changed behind the tool's back fails to verify,
    // and the audit trail names the row.
    let c = w.nza.sqlite();
    c.execute_batch("DROP TRIGGER samples_append_only_u").unwrap();
    let json: String = c
        .query_row("SELECT sample_json FROM samples WHERE id = 4", [], |r| r.get(0))
        .unwrap();
    let mut forged: Value = serde_json::from_str(&json).unwrap();
    forged["items"].as_array_mut().unwrap().pop();
    c.execute("UPDATE samples SET sample_json = ?1 WHERE id = 4", [forged.to_string()])
        .unwrap();
    let out = w.nza.code(1, &["--lang", "en", "sample", "verify", "4"]);
    assert_contains(
        &stdout(&out),
        &["Drawing again from the stored population gives a different sample."],
    );
    w.nza.code(1, &["audit", "verify"]);
}

#[test]
fn a_later_import_never_breaks_an_earlier_sample() {
    let w = world();
    w.nza.ok(&["nza", "import", &w.leader_file]);
    let s = w.nza.json(&[
        "sample", "draw", "--method", "mus", "--seed", "11", "--size", "1", "--json",
    ]);
    let id = s["sample_id"].as_i64().unwrap().to_string();
    assert_eq!(s["params"]["cutoff"]["through_import"], 1);
    w.nza.ok(&["nza", "import", &w.follower_file]);
    // The sample was drawn as of its cut-off: the later import is not in its population.
    let out = w.nza.ok(&["--lang", "en", "sample", "verify", &id]);
    assert_contains(&stdout(&out), &["Verified"]);
    // A sample drawn now sees both insurers.
    let now = w.nza.json(&[
        "sample", "draw", "--method", "random", "--seed", "1", "--size", "1", "--json",
    ]);
    assert_eq!(now["population_size"], 2);
    assert_eq!(s["population_size"], 1);
}

#[test]
fn sample_plan_gives_the_published_table_values() {
    let env = Env::new();
    let size = |args: &[&str]| {
        let mut all = vec!["sample", "plan", "--json"];
        all.extend_from_slice(args);
        env.json(&all)["sample_size"].as_i64().unwrap()
    };
    let attr = ["--confidence", "0.95", "--tolerable-rate", "0.05", "--expected"];
    assert_eq!(size(&[&attr[..], &["0", "--model", "binomial"]].concat()), 59);
    assert_eq!(size(&[&attr[..], &["1", "--model", "binomial"]].concat()), 93);
    assert_eq!(size(&[&attr[..], &["0", "--model", "poisson"]].concat()), 60);
    assert_eq!(
        size(&[&attr[..], &["0", "--model", "hypergeometric", "--population", "100"]].concat()),
        45
    );
    assert_eq!(
        size(&[
            "--mus",
            "--materiality",
            "500000",
            "--total",
            "10000000",
            "--confidence",
            "0.95"
        ]),
        60
    );
    let out = env.code(
        1,
        &["sample", "plan", "--confidence", "1.5", "--tolerable-rate", "0.05"],
    );
    assert_contains(&stderr(&out), &["confidence 1.5: verwacht een getal tussen 0 en 1"]);
    let out = env.code(
        1,
        &[
            "sample",
            "plan",
            "--mus",
            "--confidence",
            "0.95",
            "--materiality",
            "abc",
            "--total",
            "1",
        ],
    );
    assert_contains(&stderr(&out), &["--materiality \"abc\": geen bedrag; verwacht cijfers"]);
    let out = env.code(
        1,
        &[
            "--lang",
            "en",
            "sample",
            "plan",
            "--mus",
            "--confidence",
            "0.95",
            "--materiality",
            "0",
            "--total",
            "1",
        ],
    );
    assert_contains(
        &stderr(&out),
        &["--materiality \"0\": zero; expected a positive amount in euros"],
    );
    // Without a population, the defaults that need one say so.
    let out = env.code(
        2,
        &[
            "sample",
            "plan",
            "--confidence",
            "0.95",
            "--tolerable-rate",
            "0.05",
            "--model",
            "hypergeometric",
        ],
    );
    assert_contains(&stderr(&out), &["bestaat niet"]);
}

#[test]
fn nza_verifies_a_signed_export_and_refuses_an_unsigned_or_untrusted_one() {
    let w = world();
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&w.leader_file).unwrap()).unwrap();
    let fp = v["signature"]["fingerprint"].as_str().unwrap().to_string();
    let before = counts(&w.nza);
    // Unsigned: refused naming the fingerprint NZa expects.
    let mut unsigned = v.clone();
    unsigned.as_object_mut().unwrap().remove("signature");
    let file = w.nza.file("unsigned.json", &unsigned.to_string());
    let out = w.nza.code(1, &["--lang", "en", "nza", "import", &file]);
    assert_contains(&stderr(&out), &["not signed", &fp, "found none", "Nothing imported"]);
    // An NZa that trusts no key for the insurer refuses the genuine file, naming what it found.
    let stranger = Env::new();
    let out = stranger.code(1, &["--lang", "en", "nza", "import", &w.leader_file]);
    assert_contains(&stderr(&out), &["do not trust for voorbeeld", &fp]);
    assert_eq!(counts(&stranger), (0, 0, 0));
    // A contract changed after signing.
    let mut changed = v.clone();
    changed["decisions"][0]["open_flags"] = 7.into();
    let file = w.nza.file("changed.json", &changed.to_string());
    let out = w.nza.code(1, &["--lang", "en", "nza", "import", &file]);
    assert_contains(&stderr(&out), &["the signature does not match the content"]);
    assert_eq!(counts(&w.nza), before, "a refused import changes nothing");
    // The genuine files import.
    w.nza.ok(&["nza", "import", &w.leader_file, &w.follower_file]);
}
