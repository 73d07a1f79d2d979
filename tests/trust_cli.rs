//! Trust in the store (issue 15): a schema changed by hand is named by `audit verify` and
//! refused by every writing command; the audit head in exports, letters and follow packages
//! catches a trail cut off at the end; who works is always known; only commands that record
//! something create a database. Readers without write permission and network file systems
//! are in `trust_access_cli.rs`.

mod support;

use serde_json::Value;
use std::fs;
use std::process::Command;
use support::*;

const UTR: &str = "RESV-UTR-2027";
const FVA: &str = "RESV-FVA-2027";
const REASON: &str = "Past binnen het inkoopbeleid";

fn approve_utr(env: &Env) {
    env.decide_approve(UTR, &["2027=400000", "2028=500000"], REASON);
}

/// Everything recorded: the decisions and the audit trail, as SQL sees them.
fn recorded(env: &Env) -> (i64, i64) {
    (
        env.count("SELECT count(*) FROM decisions"),
        env.count("SELECT count(*) FROM audit_log"),
    )
}

/// `audit verify` fails, naming every phrase, in words (stderr) and in JSON.
fn verify_fails(env: &Env, args: &[&str], phrases: &[&str]) -> Value {
    let mut text = vec!["--lang", "en", "audit", "verify"];
    text.extend(args);
    let err = stderr(&env.code(1, &text));
    assert_contains(&err, phrases);
    let mut json = vec!["audit", "verify", "--json"];
    json.extend(args);
    let v = parse_json(&env.code(1, &json));
    assert_eq!(v["ok"], false);
    v
}

// ---------------------------------------------------------------------------------------
// 2. The schema
// ---------------------------------------------------------------------------------------

/// The attack of the issue: the append-only trigger replaced by one that lets updates of
/// approvals through, and a trigger that turns every reject into an approve of € 999 million.
const REJECT_BECOMES_APPROVE: &str = "
    DROP TRIGGER decisions_append_only_u;
    CREATE TRIGGER decisions_append_only_u BEFORE UPDATE ON decisions WHEN NEW.outcome <> 'approve'
        BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
    CREATE TRIGGER decisions_reject_to_approve AFTER INSERT ON decisions WHEN NEW.outcome = 'reject'
        BEGIN UPDATE decisions SET outcome = 'approve', total_cents = 99900000000,
            amounts_json = '[{\"year\":2027,\"amount\":99900000000}]' WHERE id = NEW.id; END;";

#[test]
fn a_trigger_that_rewrites_decisions_is_refused_and_named_by_audit_verify() {
    let env = Env::with_samples();
    approve_utr(&env);
    env.sqlite().execute_batch(REJECT_BECOMES_APPROVE).unwrap();
    let before = recorded(&env);

    // Every writing command refuses, naming what differs; nothing is recorded.
    let reject = [
        "--lang",
        "en",
        "decide",
        FVA,
        "--outcome",
        "reject",
        "--reason",
        "Niet onderbouwd.",
    ];
    let err = stderr(&env.code(2, &reject));
    assert_contains(
        &err,
        &[
            "its schema is not the one resv makes, so resv writes nothing into it (2 differences: ",
            "trigger decisions_append_only_u on decisions was changed: it is CREATE TRIGGER decisions_append_only_u BEFORE UPDATE ON decisions WHEN NEW.outcome <> 'approve'",
            "trigger decisions_reject_to_approve on decisions was added: CREATE TRIGGER decisions_reject_to_approve AFTER INSERT ON decisions",
            "run `resv audit verify`",
        ],
    );
    for args in [
        vec!["import", "sample-plans/rijnmond.toml"],
        vec!["score", UTR, "participation", "3"],
        vec!["approve", UTR],
        vec!["registry", "import", "sample-plans/registry.csv"],
    ] {
        let err = stderr(&env.code(2, &args));
        assert_contains(
            &err,
            &["its schema is not the one resv makes", "decisions_reject_to_approve"],
        );
    }
    assert_eq!(recorded(&env), before, "nothing was recorded");

    // The trail itself is whole (no row changed), but the schema is not: verify fails.
    let v = verify_fails(
        &env,
        &[],
        &[
            "resv: database schema NOT as resv makes it; differences (2):\n  - trigger decisions_append_only_u on decisions was changed",
            "  - trigger decisions_reject_to_approve on decisions was added: CREATE TRIGGER",
        ],
    );
    assert_eq!(v["problem"], Value::Null);
    let diffs: Vec<&str> = v["schema_differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    assert_eq!(diffs.len(), 2, "{diffs:?}");
    assert!(diffs[0].starts_with("trigger decisions_append_only_u on decisions was changed: it is CREATE"));
    assert!(diffs[1].starts_with("trigger decisions_reject_to_approve on decisions was added: CREATE"));

    // Reading still works (the auditor must be able to look), also read-only.
    env.ok(&["queue", "--json"]);
    env.ok(&["--read-only", "history", UTR, "--json"]);
}

#[test]
fn a_redefined_latest_versions_view_is_refused_and_named() {
    let env = Env::with_samples();
    let v2 = fs::read_to_string("sample-plans/utrecht-stad.toml")
        .unwrap()
        .replace("\"1.0\"", "\"1.1\"");
    env.ok(&["import", &env.file("utrecht-1.1.toml", &v2)]);
    // Hides every resubmitted version: the queue would show version 1 of UTR.
    env.sqlite()
        .execute_batch(
            "DROP VIEW latest_versions;
             CREATE VIEW latest_versions AS SELECT v.* FROM plan_versions v WHERE v.version_no = 1;",
        )
        .unwrap();
    let before = recorded(&env);
    let err = stderr(&env.code(2, &["decide", UTR, "--outcome", "reject", "--reason", "Nee."]));
    assert_contains(
        &err,
        &[
            "(1 difference: view latest_versions was changed: it is CREATE VIEW latest_versions AS SELECT v.* FROM plan_versions v WHERE v.version_no = 1; expected CREATE VIEW latest_versions AS SELECT v.* FROM plan_versions v WHERE v.version_no = (SELECT MAX(version_no)",
        ],
    );
    assert_eq!(recorded(&env), before);
    verify_fails(&env, &[], &["  - view latest_versions was changed"]);
}

#[test]
fn a_fresh_database_and_sqlites_own_statistics_pass_the_schema_check() {
    let env = Env::with_samples();
    let v = env.json(&["audit", "verify", "--json"]);
    assert_eq!(v["ok"], true);
    assert_eq!(v["schema_differences"], serde_json::json!([]));
    // A table of SQLite's own (ANALYZE's statistics, sqlite_stat1) is not a difference.
    env.sqlite().execute_batch("ANALYZE;").unwrap();
    approve_utr(&env);
    assert_eq!(env.json(&["audit", "verify", "--json"])["ok"], true);
}

// ---------------------------------------------------------------------------------------
// 2. The audit head
// ---------------------------------------------------------------------------------------

/// Runs SQL with the append-only triggers of decisions and the audit log out of the way, and
/// puts them back exactly as they were (so the schema check cannot see it).
fn behind_the_back(env: &Env, sql: &str) {
    let conn = env.sqlite();
    let names = ["decisions_append_only_d", "audit_append_only_d"];
    let defs: Vec<String> = names
        .iter()
        .map(|n| {
            conn.query_row("SELECT sql FROM sqlite_master WHERE name = ?1", [n], |r| r.get(0))
                .unwrap()
        })
        .collect();
    for n in names {
        conn.execute_batch(&format!("DROP TRIGGER {n};")).unwrap();
    }
    conn.execute_batch(sql).unwrap();
    for d in defs {
        conn.execute_batch(&d).unwrap();
    }
}

#[test]
fn a_trail_cut_after_its_head_was_exported_fails_against_that_head() {
    let env = Env::with_samples();
    approve_utr(&env);
    env.ok(&["decide", FVA, "--outcome", "reject", "--reason", "Niet onderbouwd."]);
    // The head printed by the export, the letter and audit verify is the newest entry.
    let export = env.json(&["export", "decisions", "--json"]);
    let head = export["audit_head"].as_str().unwrap().to_string();
    let last: String = env
        .sqlite()
        .query_row(
            "SELECT seq || ':' || hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(head, last);
    assert!(head.starts_with("12:"), "{head}");
    assert_contains(
        &stdout(&env.ok(&["audit", "verify"])),
        &[&format!("laatste regel (kop): {head}\n")],
    );
    assert_contains(
        &stdout(&env.ok(&["letter", FVA])),
        &[&format!("- **Audittrail (laatste regel):** {head}\n")],
    );
    assert_contains(&stdout(&env.ok(&["letter", FVA, "--format", "html"])), &[&head]);
    let csv = stdout(&env.ok(&["export", "decisions", "--csv"]));
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().ends_with(",coordination_status,audit_head"));
    assert!(lines.all(|l| l.ends_with(&format!(",{head}"))), "{csv}");
    let ok = env.json(&["audit", "verify", "--expect-head", &head, "--json"]);
    assert_eq!(
        (ok["ok"].clone(), ok["head"].clone()),
        (Value::Bool(true), Value::from(head.clone()))
    );

    // The newest decision and its entry are removed together: the chain alone stays whole.
    behind_the_back(
        &env,
        "DELETE FROM decisions WHERE id = 2; DELETE FROM audit_log WHERE seq = 12;",
    );
    assert_eq!(
        env.json(&["audit", "verify", "--json"])["ok"],
        true,
        "the documented limit"
    );
    let cut: String = env
        .sqlite()
        .query_row("SELECT hash FROM audit_log WHERE seq = 11", [], |r| r.get(0))
        .unwrap();
    let v = verify_fails(
        &env,
        &["--expect-head", &head],
        &[&format!(
            "resv: audit trail NOT whole: the trail ends at entry 11:{cut}, but the expected head is {head}: entries 12 to 12 are missing, so the newest entries were cut off (with their rows), or this is another database"
        )],
    );
    assert_eq!(v["expected_head"], Value::from(head.clone()));

    // A head that does not read is an error, not a pass.
    let out = env.code(2, &["audit", "verify", "--expect-head", "12"]);
    assert_contains(&stderr(&out), &["--expect-head \"12\": no colon; expected SEQ:HASH"]);
}

#[test]
fn the_head_travels_in_follow_packages_and_into_nza_s_trail() {
    let leader = Env::with_samples();
    leader.key(None);
    leader.decide_approve(UTR, &["fundable"], "Past.");
    leader.ok_as("tweede-inkoper", &["approve", UTR]);
    let head = leader.json(&["audit", "verify", "--json"])["head"]
        .as_str()
        .unwrap()
        .to_string();
    let package = leader.path("utr.json").display().to_string();
    leader.ok(&["follow", "export", UTR, "-o", &package]);
    let p: Value = serde_json::from_str(&fs::read_to_string(&package).unwrap()).unwrap();
    assert_eq!(p["audit_head"], Value::from(head.clone()));

    // The follower reads the new field and follows.
    let follower = Env::new();
    follower.ok(&["--insurer", "rivierzorg", "import", "sample-plans"]);
    exchange_key(&leader, None, &follower);
    follower.ok(&["--insurer", "rivierzorg", "follow", "import", &package]);
    // A changed head breaks the digest like any other field.
    let forged = fs::read_to_string(&package)
        .unwrap()
        .replace(&head, &format!("1:{}", "0".repeat(64)));
    let other = Env::new();
    other.ok(&["--insurer", "rivierzorg", "import", "sample-plans"]);
    let out = other.code(
        1,
        &[
            "--insurer",
            "rivierzorg",
            "follow",
            "import",
            &other.file("forged.json", &forged),
        ],
    );
    assert_contains(&stderr(&out), &["digest"]);

    // NZa keeps the insurer's head from its export in its own audit trail.
    let nza = Env::new();
    let file = nza.path("voorbeeld.json").display().to_string();
    exchange_key(&leader, None, &nza);
    leader.ok(&["export", "decisions", "--json", "-o", &file]);
    let exported: Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    let leader_head = exported["audit_head"].as_str().unwrap().to_string();
    nza.ok(&["nza", "import", &file]);
    let log = nza.json(&["audit", "log", "--json"]);
    let entry = log
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] != "key-trust")
        .unwrap();
    let detail: Value = serde_json::from_str(entry["detail"].as_str().unwrap()).unwrap();
    assert_eq!(detail["insurer_audit_head"], Value::from(leader_head));
    // The report names NZa's own head, in every format.
    let nza_head = nza.json(&["audit", "verify", "--json"])["head"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        nza.json(&["report", "--json"])["audit_head"],
        Value::from(nza_head.clone())
    );
    assert!(stdout(&nza.ok(&["report", "--csv"])).ends_with(&format!("audit,head,,{nza_head}\n")));
    assert!(stdout(&nza.ok(&["report"])).ends_with(&format!("Audittrail (laatste regel): {nza_head}\n")));

    // A malformed head in an export is named, and nothing is imported.
    let bad = fs::read_to_string(&file)
        .unwrap()
        .replace(&exported["audit_head"].as_str().unwrap().to_string(), "x");
    let nza2 = Env::new();
    let out = nza2.code(1, &["nza", "import", &nza2.file("bad.json", &bad)]);
    assert_contains(&stderr(&out), &["audit_head", "no colon; expected SEQ:HASH"]);
}

// ---------------------------------------------------------------------------------------
// 8. Small ones
// ---------------------------------------------------------------------------------------

#[test]
fn an_empty_user_is_refused_and_without_user_variables_the_os_user_is_recorded() {
    let env = Env::new();
    for empty in ["", "  "] {
        let out = env.code(2, &["--user", empty, "import", "sample-plans/rijnmond.toml"]);
        assert_contains(
            &stderr(&out),
            &["--user (or RESV_USER) is empty; give the name recorded with your changes"],
        );
    }
    let out = env.code(2, &["--user", "a\u{1b}[31mb", "import", "sample-plans/rijnmond.toml"]);
    assert_contains(&stderr(&out), &["without control characters"]);
    assert!(!env.db().exists(), "a refused user creates no database");

    let os_user = String::from_utf8(Command::new("id").arg("-un").output().unwrap().stdout).unwrap();
    let out = env
        .command(USER, &["import", "sample-plans/rijnmond.toml"])
        .env_remove("RESV_USER")
        .env_remove("USER")
        .env_remove("LOGNAME")
        .env_remove("USERNAME")
        .output()
        .unwrap();
    assert_code(&out, 0, &["import"]);
    let actor: String = env
        .sqlite()
        .query_row("SELECT actor FROM audit_log", [], |r| r.get(0))
        .unwrap();
    assert_eq!(actor, os_user.trim());
    assert_ne!(actor, "unknown");
}

#[test]
fn the_workbench_and_read_commands_do_not_create_a_database() {
    let env = Env::new();
    let typo = env.path("typo.db").display().to_string();
    for args in [
        vec!["--db", &typo],
        vec!["--db", &typo, "queue"],
        vec!["--db", &typo, "audit", "verify"],
        vec!["--db", &typo, "export", "decisions"],
        vec!["--db", &typo, "decide", UTR, "--outcome", "reject", "--reason", "x"],
        vec!["--db", &typo, "--read-only", "import", "sample-plans"],
    ] {
        let out = env.code(2, &args);
        assert_contains(
            &stderr(&out),
            &[
                "typo.db: does not exist; import plans first (`resv import PATH`",
                "`resv demo`",
            ],
        );
        assert!(!env.path("typo.db").exists(), "{args:?} created a database");
    }
}

/// Review of issue 15: `queue` on an empty file, or on another program's SQLite database
/// (tables, user_version 0), wrote resv's whole schema into it. Read commands now refuse
/// an empty file as they refuse a missing one, and no command touches a foreign database.
#[test]
fn an_empty_file_or_another_programs_database_is_not_made_a_resv_database() {
    let env = Env::new();
    let empty = env.path("empty.db");
    fs::write(&empty, b"").unwrap();
    let empty_arg = empty.display().to_string();
    for args in [
        vec!["--db", &empty_arg, "queue"],
        vec!["--db", &empty_arg, "audit", "verify"],
        vec!["--db", &empty_arg, "--read-only", "queue"],
    ] {
        let out = env.code(2, &args);
        assert_contains(
            &stderr(&out),
            &["empty.db: is empty, not yet a resv database; import plans first (`resv import PATH`"],
        );
        assert_eq!(fs::metadata(&empty).unwrap().len(), 0, "{args:?} wrote into the file");
    }
    env.ok(&["--db", &empty_arg, "import", "sample-plans/twente.toml"]);

    let foreign = env.path("places.sqlite");
    let c = rusqlite::Connection::open(&foreign).unwrap();
    c.execute_batch(
        "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places (url) VALUES ('x');",
    )
    .unwrap();
    drop(c);
    let foreign_arg = foreign.display().to_string();
    let objects = || {
        let c = rusqlite::Connection::open(&foreign).unwrap();
        c.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))
            .unwrap()
    };
    for args in [
        vec!["--db", &foreign_arg, "queue"],
        vec!["--db", &foreign_arg, "import", "sample-plans/twente.toml"],
        vec!["--db", &foreign_arg, "--read-only", "audit", "verify"],
    ] {
        let out = env.code(2, &args);
        assert_contains(
            &stderr(&out),
            &[
                "places.sqlite: is an SQLite database of another program (it holds \"moz_places\", and no resv schema version)",
            ],
        );
        assert_eq!(objects(), 1, "{args:?} wrote resv's schema into it");
    }
}

/// Review of issue 15: a folder or a text file as `--db` gave SQLite's own words ("Error
/// code 14: Unable to open the database file", "Error code 26: File opened that is not a
/// database file"), without saying what was expected.
#[test]
fn a_folder_or_a_file_that_is_no_database_says_what_was_expected() {
    let env = Env::new();
    fs::create_dir(env.path("folder")).unwrap();
    fs::write(env.path("notes.db"), "not a database\n").unwrap();
    let folder = env.path("folder").display().to_string();
    let notes = env.path("notes.db").display().to_string();
    for args in [
        vec!["--db", &folder, "queue"],
        vec!["--db", &folder, "import", "sample-plans/twente.toml"],
    ] {
        let out = env.code(2, &args);
        assert_contains(
            &stderr(&out),
            &["folder: is a folder or another thing that is not a file; expected a database file"],
        );
    }
    for args in [
        vec!["--db", &notes, "queue"],
        vec!["--db", &notes, "--read-only", "queue"],
        vec!["--db", &notes, "import", "sample-plans/twente.toml"],
    ] {
        let out = env.code(2, &args);
        assert_contains(
            &stderr(&out),
            &[
                "notes.db: is not an SQLite database (its first bytes are no SQLite header), so not a resv database; expected a database made by resv",
            ],
        );
    }
    assert_eq!(fs::read_to_string(env.path("notes.db")).unwrap(), "not a database\n");
}

#[test]
fn a_user_version_resv_never_writes_is_named() {
    let env = Env::with_samples();
    env.sqlite().pragma_update(None, "user_version", -1).unwrap();
    for args in [
        vec!["queue"],
        vec!["--read-only", "queue"],
        vec!["import", "sample-plans/rijnmond.toml"],
    ] {
        let out = env.code(2, &args);
        assert_contains(
            &stderr(&out),
            &["schema version (PRAGMA user_version) is -1; resv writes 0 to "],
        );
        assert!(!stderr(&out).contains("out of range"));
    }
}
