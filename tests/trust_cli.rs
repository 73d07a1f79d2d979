//! Trust in the store (issue 15): a schema changed by hand is named by `audit verify` and
//! refused by every writing command; the audit head in exports, letters and follow packages
//! catches a trail cut off at the end; a reader without write permission reads everything;
//! a database on a network file system is not written; who works is always known; only
//! commands that record something create a database.

mod cli_support;

use cli_support::*;
use resv::store::{Access, OpenOptions, Store};
use serde_json::Value;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const UTR: &str = "RESV-UTR-2027";
const FVA: &str = "RESV-FVA-2027";
const REASON: &str = "Past binnen het inkoopbeleid";

fn approve_utr(env: &Env) {
    env.ok(&[
        "decide",
        UTR,
        "--outcome",
        "approve",
        "--amount",
        "400000,500000",
        "--reason",
        REASON,
    ]);
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
    leader.ok(&[
        "decide",
        UTR,
        "--outcome",
        "approve",
        "--amount",
        "fundable",
        "--reason",
        "Past.",
    ]);
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
    leader.ok(&["export", "decisions", "--json", "-o", &file]);
    let exported: Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    let leader_head = exported["audit_head"].as_str().unwrap().to_string();
    nza.ok(&["nza", "import", &file]);
    let log = nza.json(&["audit", "log", "--json"]);
    let detail: Value = serde_json::from_str(log[0]["detail"].as_str().unwrap()).unwrap();
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
// 5. A reader without write permission
// ---------------------------------------------------------------------------------------

/// Runs resv as an unprivileged user (nobody, through setpriv) when the tests run as root,
/// else as the current user, on `db`.
fn as_reader(env: &Env, db: &Path, args: &[&str]) -> Output {
    let root = unsafe { libc::geteuid() } == 0;
    let mut c = if root {
        let mut c = Command::new("setpriv");
        c.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            env!("CARGO_BIN_EXE_resv"),
        ]);
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_resv"))
    };
    c.args(args)
        .env("RESV_DB", db)
        .env("RESV_USER", "auditor")
        .env("RESV_LOG_FILE", env.path("resv.log"))
        .env("HOME", env.dir.path())
        .env("XDG_CONFIG_HOME", env.path("config"))
        .env_remove("RESV_LANG")
        .env_remove("RESV_INSURER")
        .stdin(std::process::Stdio::null());
    c.output().unwrap()
}

fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// The first four bytes of the file header after "SQLite format 3\0" that say WAL: bytes 18
/// and 19 are 2 for WAL, 1 for rollback journal.
fn header_mode(path: &Path) -> u8 {
    fs::read(path).unwrap()[18]
}

#[test]
fn a_reader_without_write_permission_reads_everything() {
    let env = Env::with_samples();
    env.ok(&[
        "decide",
        UTR,
        "--outcome",
        "approve",
        "--amount",
        "fundable",
        "--reason",
        "Past.",
    ]);
    env.ok_as("tweede-inkoper", &["approve", UTR]);
    let nza = Env::new();
    let file = nza.path("voorbeeld.json").display().to_string();
    env.ok(&["export", "decisions", "--json", "-o", &file]);
    nza.ok(&["nza", "import", &file]);

    // The share: a plain copy of the WAL-mode file (as a file copy of a closed database
    // leaves it), a `resv backup` copy, and NZa's database; nothing in it is writable.
    let share = env.path("share");
    fs::create_dir(&share).unwrap();
    let plain = share.join("plain.db");
    fs::copy(env.db(), &plain).unwrap();
    assert_eq!(header_mode(&plain), 2, "the plain copy is in WAL mode");
    let backup = share.join("backup.db");
    env.ok(&["backup", backup.to_str().unwrap()]);
    assert_eq!(header_mode(&backup), 1, "a backup is in rollback-journal mode");
    let nza_db = share.join("nza.db");
    fs::copy(nza.db(), &nza_db).unwrap();
    for f in [&plain, &backup, &nza_db] {
        chmod(f, 0o444);
    }
    chmod(&share, 0o555);
    chmod(env.dir.path(), 0o755);

    let expected_queue = env.json(&["queue", "--json"]);
    for db in [&plain, &backup] {
        for ro in [&["--read-only"][..], &[][..]] {
            let run = |args: &[&str]| {
                let all: Vec<&str> = ro.iter().chain(args).copied().collect();
                let out = as_reader(&env, db, &all);
                assert_code(&out, 0, &all);
                out
            };
            assert_eq!(parse_json(&run(&["queue", "--json"])), expected_queue, "{db:?} {ro:?}");
            run(&["show", UTR, "--json"]);
            assert_eq!(
                parse_json(&run(&["history", UTR, "--json"]))["decisions"][0]["approval"]["by"],
                "tweede-inkoper"
            );
            assert_contains(&stdout(&run(&["audit", "verify"])), &["audittrail intact: 12 regels"]);
            run(&["audit", "log", "--json"]);
            run(&["export", "decisions", "--json"]);
            assert_contains(&stdout(&run(&["letter", UTR])), &["Audittrail (laatste regel)"]);
            // The workbench opens the database, then needs a terminal (there is none here).
            let all: Vec<&str> = ro.to_vec();
            let out = as_reader(&env, db, &all);
            assert_contains(&stderr(&out), &["the workbench needs a terminal"]);
        }
    }
    for ro in [&["--read-only"][..], &[][..]] {
        let args: Vec<&str> = ro.iter().chain(&["report", "--json"]).copied().collect();
        let out = as_reader(&env, &nza_db, &args);
        assert_code(&out, 0, &args);
    }
    // A write is refused with a reason, and nothing changed.
    let out = as_reader(
        &env,
        &plain,
        &["decide", FVA, "--outcome", "reject", "--reason", "Nee."],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_contains(
        &stderr(&out),
        &["no write permission on the file or its folder", "--read-only"],
    );
    assert_eq!(fs::read_dir(&share).unwrap().count(), 3, "no side files were made");
    chmod(&share, 0o755);
}

#[test]
fn a_reader_without_write_permission_reads_a_write_ahead_log_or_is_told_what_to_ask_for() {
    let env = Env::with_samples();
    // An open connection keeps the log from being folded into the file when resv exits.
    let holder = env.sqlite();
    holder.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
    holder
        .query_row("SELECT count(*) FROM plans", [], |r| r.get::<_, i64>(0))
        .unwrap();
    approve_utr(&env);
    let wal = |db: &Path| {
        let mut s = db.as_os_str().to_owned();
        s.push("-wal");
        std::path::PathBuf::from(s)
    };
    assert!(
        fs::metadata(wal(&env.db())).unwrap().len() > 0,
        "the decision is in the log"
    );

    let with_shm = env.path("met-shm");
    let without_shm = env.path("zonder-shm");
    for (dir, parts) in [
        (&with_shm, &["", "-wal", "-shm"][..]),
        (&without_shm, &["", "-wal"][..]),
    ] {
        fs::create_dir(dir).unwrap();
        for part in parts {
            let to = dir.join(format!("resv.db{part}"));
            fs::copy(format!("{}{part}", env.db().display()), &to).unwrap();
            chmod(&to, 0o444);
        }
        chmod(dir, 0o555);
    }
    chmod(env.dir.path(), 0o755);

    let args = ["--read-only", "history", UTR, "--json"];
    let out = as_reader(&env, &with_shm.join("resv.db"), &args);
    assert_code(&out, 0, &args);
    assert_eq!(
        parse_json(&out)["decisions"].as_array().unwrap().len(),
        1,
        "read from the log"
    );

    let out = as_reader(&env, &without_shm.join("resv.db"), &args);
    assert_code(&out, 2, &args);
    assert_contains(
        &stderr(&out),
        &[
            "cannot read it without write permission: its write-ahead log",
            "holds changes not yet in the file",
            "Ask someone who may write there for a copy made with `resv backup FILE`",
        ],
    );
    for dir in [&with_shm, &without_shm] {
        chmod(dir, 0o755);
    }
    drop(holder);
}

// ---------------------------------------------------------------------------------------
// 10. Network file systems
// ---------------------------------------------------------------------------------------

fn nfs(_: &Path) -> Option<&'static str> {
    Some("NFS")
}

#[test]
fn a_database_on_a_network_file_system_is_not_written_but_can_be_read() {
    let env = Env::with_samples();
    let on_nfs = |access| Store::open_with(&env.db(), OpenOptions { access, probe: nfs });
    for access in [Access::Write { create: false }, Access::Write { create: true }] {
        let err = format!("{:#}", on_nfs(access).err().expect("refused"));
        assert_contains(
            &err,
            &[
                "is on a network file system (NFS); resv does not write there",
                "one database file on that host's own disk",
                "each buyer run resv in their own terminal there (e.g. over SSH)",
                "with --read-only is allowed",
            ],
        );
    }
    assert!(on_nfs(Access::ReadOnly).unwrap().is_read_only());
    let read = on_nfs(Access::Read).unwrap();
    assert!(
        read.is_read_only(),
        "a read command on a network file system opens read-only"
    );
    assert_eq!(read.queue_rows().unwrap().len(), 10);

    // A new database is not made there either.
    let new = env.path("nieuw").join("resv.db");
    let err = Store::open_with(
        &new,
        OpenOptions {
            access: Access::Write { create: true },
            probe: nfs,
        },
    );
    assert!(err.is_err());
    assert!(!new.exists() && !env.path("nieuw").exists());
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
