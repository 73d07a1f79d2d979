//! Files resv creates are private and never clobbered (issue 15, part 6): modes whatever the
//! umask, `-o` with create-new semantics and `--force`, and CSV files without raw control
//! characters.

mod support;

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::os::unix::process::CommandExt;
use std::path::Path;
use support::{Env, assert_code, assert_contains, stderr};

const RIJ: &str = "RESV-RIJ-2027";

/// Runs resv with the umask most users have (022) in the parent; asserts the exit code.
fn run_022(env: &Env, code: i32, args: &[&str]) -> std::process::Output {
    let mut c = env.command(support::USER, args);
    // SAFETY: umask is async-signal-safe and touches only the child's own state.
    unsafe {
        c.pre_exec(|| {
            libc::umask(0o022);
            Ok(())
        });
    }
    let out = c.output().unwrap();
    assert_code(&out, code, args);
    out
}

fn mode(p: &Path) -> u32 {
    fs::metadata(p).unwrap().permissions().mode() & 0o777
}

fn decided(env: &Env, reason: &str) {
    run_022(env, 0, &["decide", RIJ, "--outcome", "reject", "--reason", reason]);
}

#[test]
fn databases_logs_exports_letters_and_backups_are_0600_in_0700_folders_whatever_the_umask() {
    let env = Env::new();
    let db = env.path("nieuw/map/resv.db");
    let log = env.path("logs/resv.log");
    let db_s = db.to_str().unwrap();
    let with = |args: &[&str]| {
        let mut c = env.command(support::USER, args);
        c.env("RESV_DB", &db).env("RESV_LOG_FILE", &log);
        // SAFETY: as in run_022.
        unsafe {
            c.pre_exec(|| {
                libc::umask(0o022);
                Ok(())
            });
        }
        let out = c.output().unwrap();
        assert_code(&out, 0, args);
    };
    with(&["import", "sample-plans"]);
    with(&["decide", RIJ, "--outcome", "reject", "--reason", "Buiten beleid"]);
    let letter = env.path("brieven/brief.md");
    fs::create_dir(env.path("brieven")).unwrap();
    fs::set_permissions(env.path("brieven"), fs::Permissions::from_mode(0o755)).unwrap();
    with(&["letter", RIJ, "-o", letter.to_str().unwrap()]);
    let export = env.path("export.csv");
    with(&["export", "decisions", "--csv", "-o", export.to_str().unwrap()]);
    let json = env.path("export.json");
    with(&["export", "decisions", "-o", json.to_str().unwrap()]);
    let backup = env.path("backup.db");
    with(&["--db", db_s, "backup", backup.to_str().unwrap()]);
    for dir in [env.path("nieuw"), env.path("nieuw/map"), env.path("logs")] {
        assert_eq!(mode(&dir), 0o700, "{}", dir.display());
    }
    for file in [&db, &log, &letter, &export, &json, &backup] {
        assert_eq!(mode(file), 0o600, "{}", file.display());
    }
    // SQLite gives its -wal and -shm files the database's mode, whatever this process's umask.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE; CREATE TABLE t(x); ROLLBACK;")
        .unwrap();
    for side in ["resv.db-wal", "resv.db-shm"] {
        let p = env.path("nieuw/map").join(side);
        assert_eq!(mode(&p), 0o600, "{}", p.display());
    }
}

#[test]
fn letter_o_never_overwrites_and_never_follows_a_link() {
    let env = Env::with_samples();
    decided(&env, "Buiten beleid");
    // An existing file: refused, untouched.
    let taken = env.file("brief.md", "niet overschrijven");
    let out = run_022(&env, 2, &["letter", RIJ, "-o", &taken]);
    assert_contains(
        &stderr(&out),
        &[
            "brief.md bestaat al; resv overschrijft nooit een bestand: geef --force om het te vervangen, of kies een andere naam",
        ],
    );
    assert_eq!(fs::read_to_string(&taken).unwrap(), "niet overschrijven");
    // --force replaces a regular file, privately.
    fs::set_permissions(&taken, fs::Permissions::from_mode(0o644)).unwrap();
    run_022(&env, 0, &["letter", RIJ, "-o", &taken, "--force"]);
    assert!(fs::read_to_string(&taken).unwrap().contains(RIJ));
    assert_eq!(mode(Path::new(&taken)), 0o600);
    // A dangling link: refused, its target not created, with or without --force.
    let target = env.path("elders.md");
    let link = env.path("link.md");
    symlink(&target, &link).unwrap();
    for force in [&[][..], &["--force"][..]] {
        let args = [&["letter", RIJ, "-o", link.to_str().unwrap()][..], force].concat();
        let out = run_022(&env, 2, &args);
        assert_contains(
            &stderr(&out),
            &["link.md is een symbolische koppeling; resv schrijft daar nooit doorheen"],
        );
        assert!(!target.exists(), "the link's target is not created");
    }
    // A link to an existing file: refused even with --force; the file is untouched.
    fs::write(&target, "bewaard").unwrap();
    run_022(&env, 2, &["letter", RIJ, "-o", link.to_str().unwrap(), "--force"]);
    assert_eq!(fs::read_to_string(&target).unwrap(), "bewaard");
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
}

#[test]
fn export_decisions_o_and_backup_refuse_existing_files_and_links() {
    let env = Env::with_samples();
    decided(&env, "Buiten beleid");
    let taken = env.file("export.json", "{}");
    run_022(&env, 2, &["export", "decisions", "-o", &taken]);
    assert_eq!(fs::read_to_string(&taken).unwrap(), "{}");
    run_022(&env, 0, &["export", "decisions", "-o", &taken, "--force"]);
    assert!(fs::read_to_string(&taken).unwrap().contains("resv-decisions"));

    let target = env.path("buiten.csv");
    let link = env.path("link.csv");
    symlink(&target, &link).unwrap();
    let out = run_022(&env, 2, &["export", "decisions", "--csv", "-o", link.to_str().unwrap()]);
    assert_contains(&stderr(&out), &["is een symbolische koppeling"]);
    assert!(!target.exists(), "nothing is written through a dangling link");

    let target = env.path("buiten.db");
    let link = env.path("link.db");
    symlink(&target, &link).unwrap();
    let out = run_022(&env, 2, &["backup", link.to_str().unwrap()]);
    assert_contains(&stderr(&out), &["is een symbolische koppeling"]);
    assert!(!target.exists(), "no backup is written through a dangling link");
    // Nothing half-written is left behind.
    let left: Vec<_> = fs::read_dir(env.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".resv-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_csv_export_file_neutralises_escape_sequences_and_bidi_controls() {
    let env = Env::with_samples();
    // OSC 52 would write the clipboard of whoever runs `cat` on the file; U+202E reverses text.
    let reason = "=cmd|' /C calc'!A0 \u{1b}]52;c;cm0gLXJmIH4=\u{7} \u{202e}txt.exe \u{9b}31m";
    decided(&env, reason);
    let file = env.path("export.csv");
    run_022(&env, 0, &["export", "decisions", "--csv", "-o", file.to_str().unwrap()]);
    let text = fs::read_to_string(&file).unwrap();
    for bad in ['\u{1b}', '\u{7}', '\u{202e}', '\u{9b}'] {
        assert!(!text.contains(bad), "{bad:?} reached the file: {text:?}");
    }
    assert!(
        text.contains("'=cmd|' /C calc'!A0 \u{241B}]52;c;cm0gLXJmIH4=\u{2407} \u{FFFD}txt.exe \u{FFFD}31m"),
        "{text}"
    );
    // A JSON file is escaped as on the terminal: no raw control, and the same value.
    let json = env.path("export.json");
    run_022(&env, 0, &["export", "decisions", "-o", json.to_str().unwrap()]);
    let text = fs::read_to_string(&json).unwrap();
    for bad in ['\u{1b}', '\u{7}', '\u{202e}', '\u{9b}'] {
        assert!(!text.contains(bad), "{bad:?} reached the file: {text:?}");
    }
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["decisions"][0]["reasoning"], reason);
}
