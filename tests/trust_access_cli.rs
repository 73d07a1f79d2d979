//! Trust in the store (issue 15), access: a reader who may only read the file and its
//! folder (run as an unprivileged user when the tests run as root) reads everything, and a
//! database on a network file system (faked) is not written but can be read.

mod support;

use resv::store::{Access, OpenOptions, Store};
use std::fs;
use std::path::Path;
use std::process::{Command, Output};
use support::*;

const UTR: &str = "RESV-UTR-2027";
const FVA: &str = "RESV-FVA-2027";

fn approve_utr(env: &Env) {
    env.decide_approve(UTR, &["2027=400000", "2028=500000"], "Past binnen het inkoopbeleid");
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
    isolate(&mut c, env.dir.path());
    c.args(args)
        .env("RESV_DB", db)
        .env("RESV_USER", "auditor")
        .env("RESV_LOG_FILE", env.path("resv.log"))
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
    env.decide_approve(UTR, &["fundable"], "Past.");
    env.ok_as("tweede-inkoper", &["approve", UTR]);
    let nza = Env::new();
    let file = nza.path("voorbeeld.json").display().to_string();
    support::exchange_key(&env, None, &nza);
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
