//! The `resv` binary against temporary databases, as a user or a script runs it.

mod support;

use std::fs;
use support::{Env, parse_json as json, stderr, stdout};

const UTRECHT: &str = include_str!("../sample-plans/utrecht-stad.toml");

#[test]
fn imports_the_samples_and_lists_them() {
    let env = Env::new();
    let out = env.resv(&["import", "sample-plans"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let n = fs::read_dir("sample-plans")
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "toml"))
        .count();
    assert!(
        stdout(&out).contains(&format!("{n} geïmporteerd, 0 ongewijzigd, 0 geweigerd")),
        "{}",
        stdout(&out)
    );

    let q = json(&env.resv(&["queue", "--json"]));
    let arr = q.as_array().unwrap();
    assert_eq!(arr.len(), n);
    let utr = arr.iter().find(|p| p["id"] == "RESV-UTR-2027").unwrap();
    for field in [
        "id",
        "name",
        "region",
        "scenario",
        "status",
        "requested_per_year",
        "submitted",
    ] {
        assert!(!utr[field].is_null(), "queue --json lacks {field}");
    }
    assert_eq!(utr["scenario"], "groeimodel");
    assert_eq!(utr["status"], "received");
    assert_eq!(utr["requested_per_year"], 600000.0);
    assert_eq!(utr["requested_per_year_cents"], 60_000_000);

    let text = stdout(&env.resv(&["queue"]));
    assert!(
        text.contains("RESV Utrecht Stad") && text.contains("€ 600.000"),
        "{text}"
    );
    let en = stdout(&env.resv(&["--lang", "en", "queue"]));
    assert!(en.contains("Region") && en.contains("€600,000"), "{en}");
}

#[test]
fn show_gives_the_version_hash_and_activities() {
    let env = Env::new();
    let f = env.file("utrecht.toml", UTRECHT);
    assert!(env.resv(&["import", &f]).status.success());
    let s = json(&env.resv(&["show", "RESV-UTR-2027", "--json"]));
    assert_eq!(s["id"], "RESV-UTR-2027");
    assert_eq!(s["version_hash"].as_str().unwrap().len(), 64);
    assert_eq!(s["activities"].as_array().unwrap().len(), 5);
    assert_eq!(s["activities"][1]["annual_cost_cents"], 18_000_000);
    assert_eq!(s["imported_by"], "inkoper-a");
    let human = stdout(&env.resv(&["show", "RESV-UTR-2027"]));
    assert!(human.contains("Regionaal capaciteitsbeeld"), "{human}");

    let missing = env.resv(&["show", "NOPE"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("onbekend plan: NOPE"));
}

#[test]
fn reimport_is_unchanged_and_a_change_is_a_new_version() {
    let env = Env::new();
    let f = env.file("utrecht.toml", UTRECHT);
    let p = &f;
    assert!(env.resv(&["import", p]).status.success());
    let again = env.resv(&["import", p]);
    assert!(
        stdout(&again).contains("0 geïmporteerd, 1 ongewijzigd, 0 geweigerd"),
        "{}",
        stdout(&again)
    );
    fs::write(&f, UTRECHT.replace("version = \"1.0\"", "version = \"1.1\"")).unwrap();
    let changed = env.resv(&["import", p]);
    assert!(stdout(&changed).contains("(versie 2)"), "{}", stdout(&changed));
    let q = json(&env.resv(&["queue", "--json"]));
    assert_eq!(q[0]["versions"], 2);
    assert_eq!(q[0]["status"], "resubmitted");
}

#[test]
fn bad_files_are_refused_with_locations_and_nothing_is_stored() {
    let env = Env::new();
    let good = env.file("good.toml", UTRECHT);
    let bad = env.file(
        "bad.toml",
        &UTRECHT
            .replace("main_task = 3", "main_tsak = 3")
            .replace("year = 2028\ntotal", "year = 2026\ntotal"),
    );
    let out = env.resv(&["import", &good, &bad]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a refused file makes the exit status non-zero"
    );
    let err = stderr(&out);
    assert!(err.contains("bad.toml:"), "{err}");
    assert!(
        err.contains("activities[2].main_tsak: unknown key `main_tsak`; did you mean `main_task`?"),
        "{err}"
    );
    assert!(
        err.contains("budget[1].year: found integer 2026, expected a contract year from 2027"),
        "{err}"
    );
    assert!(
        stdout(&out).contains("1 geïmporteerd, 0 ongewijzigd, 1 geweigerd"),
        "{}",
        stdout(&out)
    );
    assert_eq!(json(&env.resv(&["queue", "--json"])).as_array().unwrap().len(), 1);
}

#[test]
fn oversized_binary_and_missing_files_are_refused() {
    let env = Env::new();
    let big = env.file("big.toml", &"# padding\n".repeat(600_000));
    let binary = env.dir.path().join("latin1.toml");
    fs::write(&binary, b"format = 1\n# caf\xe9\n").unwrap();
    let out = env.resv(&["import", &big, binary.to_str().unwrap(), "/nonexistent/plan.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("groter dan 5242880 bytes; verwacht ten hoogste 5 MiB"),
        "{err}"
    );
    assert!(
        err.contains("latin1.toml:2:6: bytes gevonden die geen UTF-8 zijn, op byte 16"),
        "{err}"
    );
    assert!(
        err.contains("/nonexistent/plan.toml: kan het bestand niet lezen: bestand of map bestaat niet"),
        "{err}"
    );
    // In English, as the reader words them.
    let out = env.resv(&["--lang", "en", "import", &big, "/nonexistent/plan.toml"]);
    let err = stderr(&out);
    assert!(
        err.contains("larger than 5242880 bytes, expected at most 5 MiB"),
        "{err}"
    );
    assert!(err.contains("/nonexistent/plan.toml: cannot read the file"), "{err}");
}

#[test]
fn read_only_refuses_writes_and_missing_databases() {
    let env = Env::new();
    let f = env.file("utrecht.toml", UTRECHT);
    assert!(env.resv(&["import", &f]).status.success());
    let changed = env.file("u2.toml", &UTRECHT.replace("1.0", "9.9"));
    let out = env.resv(&["--read-only", "import", &changed]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("readonly"), "{}", stderr(&out));
    assert!(env.resv(&["queue", "--read-only", "--json"]).status.success());

    let none = env
        .isolated(env!("CARGO_BIN_EXE_resv"))
        .args(["--read-only", "--db"])
        .arg(env.path("absent.db"))
        .arg("queue")
        .output()
        .unwrap();
    assert_eq!(none.status.code(), Some(2));
    assert!(stderr(&none).contains("bestaat niet"), "{}", stderr(&none));
}

#[test]
fn wrong_flags_get_a_clear_error() {
    let env = Env::new();
    let out = env.resv(&["queue", "--jsno"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("onbekend argument '--jsno'"), "{}", stderr(&out));
    let out = env.resv(&["--lang", "de", "queue"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("mogelijke waarden: nl, en"), "{}", stderr(&out));
    let out = env.resv(&["import"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn folders_without_plans_and_read_commands_on_missing_databases_are_errors() {
    let env = Env::new();
    let empty = env.dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let out = env.resv(&["import", empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("geen *.toml-bestanden in deze map gevonden; verwacht planbestanden"),
        "{}",
        stderr(&out)
    );

    let other = Env::new();
    let out = other.resv(&["queue"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("bestaat niet; importeer eerst plannen"),
        "{}",
        stderr(&out)
    );
    let out = other.resv(&["--lang", "en", "queue"]);
    assert!(
        stderr(&out).contains("does not exist; import plans first"),
        "{}",
        stderr(&out)
    );
    assert!(!other.db().exists(), "a read command must not create a database");
}

#[test]
fn json_output_escapes_what_a_terminal_would_act_on() {
    let env = Env::new();
    let evil = UTRECHT.replace("RESV Utrecht Stad\"", "RESV \\u009b2J\\u202e Utrecht\"");
    let f = env.file("evil.toml", &evil);
    assert!(env.resv(&["import", &f]).status.success());
    let out = env.resv(&["queue", "--json"]);
    let text = stdout(&out);
    assert!(!text.contains('\u{9b}') && !text.contains('\u{202e}'), "{text}");
    let q = json(&out);
    assert_eq!(
        q[0]["name"], "RESV \u{9b}2J\u{202e} Utrecht",
        "the value itself is unchanged"
    );
    let human = stdout(&env.resv(&["queue"]));
    assert!(!human.contains('\u{9b}') && !human.contains('\u{202e}'), "{human}");
}

#[test]
fn the_workbench_refuses_to_start_without_a_terminal() {
    // (Without a database it refuses earlier: the workbench creates none.)
    let env = Env::new();
    assert!(env.resv(&["import", "sample-plans"]).status.success());
    let out = env.resv(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the workbench needs a terminal"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_plan_id_that_differs_only_in_case_is_refused_naming_the_stored_plan() {
    let env = Env::new();
    let first = env.file("first.toml", UTRECHT);
    assert!(env.resv(&["import", &first]).status.success());
    let lower = UTRECHT.replace("id = \"RESV-UTR-2027\"", "id = \"resv-utr-2027\"");
    assert_ne!(lower, UTRECHT);
    let second = env.file("second.toml", &lower);
    let out = env.resv(&["import", &second]);
    assert_eq!(out.status.code(), Some(1), "{}{}", stdout(&out), stderr(&out));
    let err = stderr(&out);
    let line = lower.lines().position(|l| l.starts_with("id = ")).unwrap() + 1;
    assert!(
        err.contains(&format!(
            "second.toml:{line}:1: plan.id: found plan id \"resv-utr-2027\", but plan \"RESV-UTR-2027\" is stored"
        )),
        "{err}"
    );
    let q = json(&env.resv(&["queue", "--json"]));
    assert_eq!(q.as_array().unwrap().len(), 1, "{q}");

    // Two such files in one batch: the first is stored, the second refused, the batch goes on.
    let env = Env::new();
    let a = env.file("a.toml", UTRECHT);
    let b = env.file("b.toml", &lower);
    let c = env.file(
        "c.toml",
        &UTRECHT.replace("id = \"RESV-UTR-2027\"", "id = \"RESV-UTR-2028\""),
    );
    let out = env.resv(&["import", &a, &b, &c]);
    assert!(
        stdout(&out).contains("2 geïmporteerd, 0 ongewijzigd, 1 geweigerd"),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("plan \"RESV-UTR-2027\" is stored"),
        "{}",
        stderr(&out)
    );
}
