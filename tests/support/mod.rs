//! The one harness for tests that run the `resv` binary: a temporary folder with the
//! database and the log, an environment isolated from the developer's (see [`isolate`]),
//! and helpers to run a command as a user, assert its exit code, read its JSON, start it as
//! a child process, and open the database directly.
//!
//! - `plans`: sample plans, exact text edits of the reference plan, assessing with the
//!   shipped rules (no binary involved).
//! - `schema`: the shipped migrations, for databases of an older schema.
#![allow(dead_code)]

pub mod plans;
pub mod schema;

use serde_json::Value;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

/// The user commands run as unless a test names another.
pub const USER: &str = "inkoper-a";

/// Whether a variable of the developer's environment is cleared before a test runs resv:
/// `HOME`, every `XDG_*` and every `RESV_*` (also ones resv does not read yet).
pub fn is_isolated(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name == "HOME" || name.starts_with("XDG_") || name.starts_with("RESV_")
}

/// Clears every isolated variable, inherited or already set on `cmd`, then points `HOME` at
/// `home` and `XDG_CONFIG_HOME` at `home/config`, so a user's own rule files, database,
/// language or insurer cannot leak in. A test sets what it needs after this.
pub fn isolate(cmd: &mut Command, home: &Path) {
    let inherited = std::env::vars_os().map(|(k, _)| k);
    let set: Vec<OsString> = cmd.get_envs().map(|(k, _)| k.to_os_string()).collect();
    for name in inherited.chain(set).filter(|k| is_isolated(k)) {
        cmd.env_remove(name);
    }
    cmd.env("HOME", home).env("XDG_CONFIG_HOME", home.join("config"));
}

pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// A database with every sample plan.
    pub fn with_samples() -> Env {
        let env = Env::new();
        env.ok(&["import", "sample-plans"]);
        env
    }

    pub fn db(&self) -> PathBuf {
        self.path("resv.db")
    }

    /// A path in the temporary folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The configuration folder the binary looks in (`$XDG_CONFIG_HOME/resv`).
    pub fn config_dir(&self) -> PathBuf {
        self.path("config").join("resv")
    }

    /// `program` in the isolated environment with the log in the temporary folder; no
    /// database or user is set.
    pub fn isolated(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut c = Command::new(program);
        isolate(&mut c, self.dir.path());
        c.env("RESV_LOG_FILE", self.path("resv.log"));
        c
    }

    /// The command, set up but not started: the isolated environment, the database, the user.
    pub fn command(&self, user: &str, args: &[&str]) -> Command {
        let mut c = self.isolated(env!("CARGO_BIN_EXE_resv"));
        c.args(args).env("RESV_DB", self.db()).env("RESV_USER", user);
        c
    }

    pub fn resv_as(&self, user: &str, args: &[&str]) -> Output {
        self.command(user, args).output().unwrap()
    }

    pub fn resv(&self, args: &[&str]) -> Output {
        self.resv_as(USER, args)
    }

    /// Starts the command as a child process, its output piped.
    pub fn spawn(&self, user: &str, args: &[&str]) -> Child {
        self.command(user, args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    }

    /// Runs and asserts the exit code; returns the output.
    pub fn code(&self, code: i32, args: &[&str]) -> Output {
        let out = self.resv(args);
        assert_code(&out, code, args);
        out
    }

    /// Runs and asserts success.
    pub fn ok(&self, args: &[&str]) -> Output {
        self.code(0, args)
    }

    pub fn ok_as(&self, user: &str, args: &[&str]) -> Output {
        let out = self.resv_as(user, args);
        assert_code(&out, 0, args);
        out
    }

    /// `decide PLAN --outcome approve`, one `--amount` per item (`fundable`, `YEAR=EUROS`)
    /// and the reason; asserts success.
    pub fn decide_approve(&self, plan: &str, amounts: &[&str], reason: &str) -> Output {
        let mut args = vec!["decide", plan, "--outcome", "approve"];
        for amount in amounts {
            args.extend(["--amount", amount]);
        }
        args.extend(["--reason", reason]);
        self.ok(&args)
    }

    /// Runs, asserts success and parses stdout as JSON.
    pub fn json(&self, args: &[&str]) -> Value {
        parse_json(&self.ok(args))
    }

    /// Writes a file into the temporary folder; returns its path.
    pub fn file(&self, name: &str, text: &str) -> String {
        let p = self.path(name);
        if let Some(dir) = p.parent() {
            fs::create_dir_all(dir).unwrap();
        }
        fs::write(&p, text).unwrap();
        p.display().to_string()
    }

    /// The database through the store, read-only.
    pub fn store(&self) -> resv::store::Store {
        resv::store::Store::open(&self.db(), true).unwrap()
    }

    /// The database, opened directly (read-write), to look at or tamper with rows.
    pub fn sqlite(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.db()).unwrap()
    }

    /// A count from SQL on the database.
    pub fn count(&self, sql: &str) -> i64 {
        self.sqlite().query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// The signing key of `insurer` (`None`: the policy's insurer) in this environment's own
    /// config folder, made on first use; returns its public line `INSURER_ID ed25519:BASE64`.
    pub fn key(&self, insurer: Option<&str>) -> String {
        let mut args = insurer.map_or_else(Vec::new, |i| vec!["--insurer", i]);
        args.extend(["keys", "show"]);
        let shown = self.resv(&args);
        let out = if shown.status.success() {
            shown
        } else {
            args.pop();
            args.push("generate");
            self.ok(&args)
        };
        stdout(&out).lines().last().unwrap().to_string()
    }

    /// The private key's seed of `insurer`, to sign forged documents in tests.
    pub fn secret_key(&self, insurer: &str) -> resv::core::signing::SecretKey {
        self.key(Some(insurer));
        let text = fs::read_to_string(self.config_dir().join("keys").join(format!("{insurer}.key"))).unwrap();
        let line = text.lines().find(|l| l.starts_with("resv-private-key-v1")).unwrap();
        resv::core::signing::SecretKey::from_base64(line.split_whitespace().nth(2).unwrap()).unwrap()
    }

    /// Trusts a public line (`INSURER_ID ed25519:BASE64`) in this database, with `more`
    /// arguments (`--from`, `--until`).
    pub fn trust(&self, line: &str, more: &[&str]) {
        let (id, key) = line.split_once(' ').unwrap();
        let mut args = vec!["keys", "trust", id, key];
        args.extend_from_slice(more);
        self.ok(&args);
    }
}

/// The one way tests exchange keys: `from`'s key for `insurer` (`None`: the policy's
/// insurer), made in its own config folder, trusted in `to`'s database.
pub fn exchange_key(from: &Env, insurer: Option<&str>, to: &Env) {
    to.trust(&from.key(insurer), &[]);
}

/// Signs a document (a JSON object) again after a test changed it, as `insurer` with `key`:
/// a forger holding that key.
pub fn resign(doc: &mut Value, insurer: &str, key: &resv::core::signing::SecretKey) {
    if let Some(m) = doc.as_object_mut() {
        m.remove("signature");
    }
    let sig = key.sign(insurer, doc);
    doc["signature"] = serde_json::to_value(&sig).unwrap();
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn assert_code(out: &Output, code: i32, args: &[&str]) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "resv {args:?}:\nstdout:\n{}\nstderr:\n{}",
        stdout(out),
        stderr(out)
    );
}

pub fn parse_json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(out)))
}

/// Asserts that `text` contains every phrase.
pub fn assert_contains(text: &str, phrases: &[&str]) {
    for p in phrases {
        assert!(text.contains(p), "expected {p:?} in:\n{text}");
    }
}
