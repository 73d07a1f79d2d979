//! Attacks that held before issue 15 and must keep holding: many processes writing one
//! database at once, and every writing command under `--read-only`. `docs/reliability.md`
//! lists every attack class and the test that proves what resv does.

mod support;

use rusqlite::types::Value;
use sha2::{Digest, Sha256};
use std::thread;
use support::{Env, USER, assert_contains, stderr, stdout};

const UTR: &str = "RESV-UTR-2027";

/// Every row of every table, hashed in a fixed order: equal fingerprints mean equal content.
fn fingerprint(env: &Env) -> String {
    let conn = rusqlite::Connection::open_with_flags(env.db(), rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let tables: Vec<(String, String)> = conn
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut hash = Sha256::new();
    for (table, sql) in tables {
        // A table without rowid is ordered by its primary key (its first two columns).
        let order = if sql.contains("WITHOUT ROWID") { "1, 2" } else { "rowid" };
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY {order}"))
            .unwrap();
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        hash.update(table.as_bytes());
        while let Some(row) = rows.next().unwrap() {
            for i in 0..columns {
                let v: Value = row.get(i).unwrap();
                hash.update(format!("{v:?}\u{1f}").as_bytes());
            }
            hash.update(b"\x1e");
        }
    }
    format!("{:x}", hash.finalize())
}

#[test]
fn every_writing_command_under_read_only_changes_nothing() {
    let env = Env::with_samples();
    env.ok(&["registry", "import", "sample-plans/registry.csv"]);
    env.ok(&["score", UTR, "participation", "3", "--note", "Panel bevestigd."]);
    let package = env.path("pakket.json").display().to_string();
    let nza_file = env.file("nza.json", "{}");
    let before = fingerprint(&env);
    let writes: Vec<Vec<&str>> = vec![
        vec!["import", "sample-plans"],
        vec!["score", UTR, "board", "2", "--note", "x"],
        vec!["score", UTR, "participation", "--clear"],
        vec!["registry", "import", "tests/fixtures/registry/good.csv"],
        vec!["judge", UTR, "A1", "OI-UTR-2026", "--dismiss", "--reason", "x"],
        vec![
            "decide",
            UTR,
            "--outcome",
            "approve",
            "--amount",
            "fundable",
            "--reason",
            "x",
        ],
        vec!["decide", UTR, "--outcome", "reject", "--reason", "x"],
        vec!["approve", UTR],
        vec!["follow", "export", UTR, "-o", &package],
        vec!["follow", "import", &nza_file],
        vec!["nza", "import", &nza_file],
        vec!["sample", "draw", "--method", "random", "--size", "2", "--seed", "1"],
    ];
    for args in &writes {
        let mut full = vec!["--read-only"];
        full.extend(args);
        let out = env.resv(&full);
        assert_ne!(out.status.code(), Some(0), "{full:?} succeeded:\n{}", stdout(&out));
        assert_eq!(
            fingerprint(&env),
            before,
            "{full:?} changed the database:\n{}",
            stderr(&out)
        );
    }
    assert!(
        !env.path("pakket.json").exists(),
        "follow export wrote a package under --read-only"
    );
    // The store refuses a write itself: what the user sees says why.
    let out = env.resv(&["--read-only", "decide", UTR, "--outcome", "reject", "--reason", "x"]);
    assert_contains(&stderr(&out), &["alleen-lezen"]);
}

#[test]
fn eight_processes_writing_one_database_at_once_lose_no_write() {
    const PROCESSES: usize = 8;
    const EACH: usize = 12;
    let env = Env::with_samples();
    let plans: Vec<String> = env.json(&["queue", "--json"]).as_array().unwrap()[..PROCESSES]
        .iter()
        .map(|row| row["id"].as_str().unwrap().to_string())
        .collect();
    let before = env.count("SELECT COUNT(*) FROM manual_inputs");
    thread::scope(|s| {
        for (p, plan) in plans.iter().enumerate() {
            let (env, plans) = (&env, &plans);
            s.spawn(move || {
                for i in 0..EACH {
                    let note = format!("proces {p} notitie {i}");
                    // Each process writes notes on two plans, one of them another process's.
                    let target = if i % 2 == 0 { plan } else { &plans[(p + 1) % PROCESSES] };
                    let out = env.resv_as(
                        &format!("{USER}-{p}"),
                        &["score", target, "participation", "--note", &note],
                    );
                    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
                }
            });
        }
    });
    let written = env.count("SELECT COUNT(*) FROM manual_inputs") - before;
    assert_eq!(written, (PROCESSES * EACH) as i64);
    for p in 0..PROCESSES {
        for i in 0..EACH {
            let sql = format!("SELECT COUNT(*) FROM manual_inputs WHERE note = 'proces {p} notitie {i}'");
            assert_eq!(env.count(&sql), 1, "{sql}");
        }
    }
    let out = env.ok(&["--lang", "en", "audit", "verify"]);
    assert_contains(&stdout(&out), &["whole"]);
}
