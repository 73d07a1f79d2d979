//! Shell integration: `resv completions SHELL` prints a completion script generated from the
//! command-line definition, and `resv man` the manual page. Neither needs or creates a database.

mod support;

use support::{Env, assert_contains, stderr, stdout};

/// Every top-level command, as the scripts and the manual page must offer them.
const COMMANDS: &[&str] = &[
    "demo",
    "import",
    "queue",
    "show",
    "assess",
    "score",
    "registry",
    "funding",
    "judge",
    "decide",
    "approve",
    "history",
    "audit",
    "backup",
    "letter",
    "export",
    "follow",
    "nza",
    "sample",
    "report",
    "completions",
    "man",
];

#[test]
fn completions_are_printed_for_each_shell_with_every_command() {
    let env = Env::new();
    for (shell, marker) in [
        ("bash", "complete -F _resv"),
        ("zsh", "#compdef resv"),
        ("fish", "complete -c resv"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = env.ok(&["completions", shell]);
        let script = stdout(&out);
        assert_contains(&script, &[marker]);
        for command in COMMANDS {
            assert!(script.contains(command), "{shell}: no {command} in the script");
        }
        // Subcommands of a group and the options of a command are completed too.
        assert_contains(&script, &["verify", "expect-latest"]);
    }
    assert!(!env.db().exists(), "completions opened or created a database");
}

#[test]
fn the_bash_script_loads_and_registers_resv() {
    let env = Env::new();
    let script = env.path("resv.bash");
    std::fs::write(&script, stdout(&env.ok(&["completions", "bash"]))).unwrap();
    let out = std::process::Command::new("bash")
        .args(["--norc", "-c", &format!("source {:?} && complete -p resv", script)])
        .output()
        .unwrap();
    assert!(out.status.success(), "bash refused the script: {}", stderr(&out));
    assert_contains(&stdout(&out), &["_resv", "resv"]);
}

#[test]
fn an_unknown_shell_is_refused_naming_the_shells() {
    let env = Env::new();
    let out = env.code(2, &["completions", "tcsh"]);
    assert_contains(&stderr(&out), &["tcsh", "bash", "zsh", "fish", "powershell"]);
    assert!(stdout(&out).is_empty());
}

#[test]
fn the_manual_page_is_roff_with_every_command_and_global_option() {
    let env = Env::new();
    let page = stdout(&env.ok(&["man"]));
    assert!(page.contains(".TH resv 1"), "no roff title line:\n{page}");
    assert_contains(
        &page,
        &[".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", "\\-\\-db", "\\-\\-lang"],
    );
    for command in COMMANDS {
        assert!(
            page.contains(&format!("resv\\-{command}")),
            "no {command} in the manual page"
        );
    }
    assert!(!env.db().exists(), "man opened or created a database");
}
