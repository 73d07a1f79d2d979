//! Shell integration: `resv completions SHELL` (a completion script) and `resv man` (the
//! manual page), both generated from the command-line definition and printed.

use super::Cli;
use anyhow::Result;
use clap::CommandFactory;
use std::io::Write;

/// The shells `resv completions` writes a script for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

#[derive(clap::Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete in
    #[arg(value_enum)]
    shell: Shell,
}

impl CompletionsArgs {
    /// Prints the completion script for the shell (see the README for where it goes).
    pub fn run(&self) -> Result<i32> {
        let shell = match self.shell {
            Shell::Bash => clap_complete::Shell::Bash,
            Shell::Zsh => clap_complete::Shell::Zsh,
            Shell::Fish => clap_complete::Shell::Fish,
            Shell::Powershell => clap_complete::Shell::PowerShell,
        };
        let mut out = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), "resv", &mut out);
        std::io::stdout().lock().write_all(&out)?;
        Ok(0)
    }
}

/// `resv man`: prints the manual page (roff) for `man -l -`, or to install as `resv.1`.
pub fn man() -> Result<i32> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    std::io::stdout().lock().write_all(&out)?;
    Ok(0)
}
