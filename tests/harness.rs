//! The shared CLI harness (`tests/support/`) itself: whatever the developer's shell holds in
//! `HOME`, `XDG_*` or `RESV_*`, resv runs under the test's own folder, in Dutch, with the
//! built-in rules and on the test's database.

mod support;

use std::collections::HashMap;
use std::ffi::OsStr;
use std::fs;
use std::process::Command;
use support::{Env, USER, assert_code, assert_contains, is_isolated, isolate, stdout};

/// Names the harness must clear: some resv reads, one it does not read (yet).
const HOSTILE: [&str; 7] = [
    "XDG_DATA_HOME",
    "XDG_STATE_HOME",
    "RESV_LANG",
    "RESV_POLICY",
    "RESV_DB",
    "RESV_INSURER",
    "RESV_NOT_READ_YET",
];

#[test]
fn the_harness_clears_home_every_xdg_and_every_resv_variable() {
    let env = Env::new();
    // A developer's environment: its own config folder with a broken policy, another
    // database, English, and variables resv may read one day.
    let shell = env.path("shell-home");
    fs::create_dir_all(shell.join("resv")).unwrap();
    fs::write(shell.join("resv/policy.toml"), "not = [a policy").unwrap();
    let shell_command = || {
        let mut c = Command::new(env!("CARGO_BIN_EXE_resv"));
        c.env("HOME", &shell).env("XDG_CONFIG_HOME", &shell);
        for name in HOSTILE {
            c.env(name, shell.join("x"));
        }
        c.env("RESV_LANG", "en")
            .env("RESV_POLICY", shell.join("resv/policy.toml"));
        isolate(&mut c, env.dir.path());
        c
    };
    let c = shell_command();

    let set: HashMap<&OsStr, Option<&OsStr>> = c.get_envs().collect();
    for name in HOSTILE {
        assert_eq!(set.get(OsStr::new(name)), Some(&None), "{name} must be cleared");
    }
    assert_eq!(set[OsStr::new("HOME")], Some(env.dir.path().as_os_str()));
    let config = env.path("config");
    assert_eq!(set[OsStr::new("XDG_CONFIG_HOME")], Some(config.as_os_str()));
    for (name, _) in std::env::vars_os().filter(|(k, _)| is_isolated(k)) {
        assert!(
            set.contains_key(name.as_os_str()),
            "{name:?} of this shell leaks through"
        );
    }

    // End to end: the test's database, Dutch, the built-in policy.
    let run = |args: &[&str]| {
        let mut c = shell_command();
        c.args(args).env("RESV_DB", env.db()).env("RESV_USER", USER);
        let out = c.output().unwrap();
        assert_code(&out, 0, args);
        stdout(&out)
    };
    let imported = run(&["import", "sample-plans/utrecht-stad.toml"]);
    assert_contains(&imported, &["1 geïmporteerd, 0 ongewijzigd, 0 geweigerd"]);
    assert!(env.db().exists() && !shell.join("x").exists());
    assert_contains(&run(&["assess", "RESV-UTR-2027"]), &["Totaalscore"]);
}
