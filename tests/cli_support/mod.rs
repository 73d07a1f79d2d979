//! A shared harness for tests that run the `resv` binary: a temporary folder with the
//! database, `HOME` and `XDG_CONFIG_HOME` (so a user's own rule files cannot leak in), and
//! helpers to run a command as a user, assert its exit code, read its JSON, start it as a
//! child process, and open the database directly with rusqlite.
#![allow(dead_code)]

use serde_json::Value;
use std::fs;
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};

/// The user commands run as unless a test names another.
pub const USER: &str = "inkoper-a";

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

    /// The command, set up but not started.
    pub fn command(&self, user: &str, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_resv"));
        c.args(args)
            .env("RESV_DB", self.db())
            .env("RESV_USER", user)
            .env("RESV_LOG_FILE", self.path("resv.log"))
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env_remove("RESV_LANG")
            .env_remove("RESV_POLICY")
            .env_remove("RESV_GUIDANCE")
            .env_remove("RESV_REGIONS")
            .env_remove("RESV_MARKET")
            .env_remove("RESV_INSURER");
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

    /// The database, opened directly (read-write), to look at or tamper with rows.
    pub fn sqlite(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.db()).unwrap()
    }

    /// A count from SQL on the database.
    pub fn count(&self, sql: &str) -> i64 {
        self.sqlite().query_row(sql, [], |r| r.get(0)).unwrap()
    }
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
