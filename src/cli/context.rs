//! What the commands share, each part made once and only when a command asks for it: the
//! rule files (with or without market data), the user and the database.

use super::Cli;
use super::session::{current_user, open_existing, open_store, open_writer};
use crate::core::rules::Rules;
use crate::io::rules_files::{self, RuleFiles};
use crate::store::Store;
use crate::text::Lang;
use anyhow::Result;
use std::cell::OnceCell;

/// The parsed command line and what is loaded from it on first use.
pub struct Ctx<'a> {
    pub cli: &'a Cli,
    rules: OnceCell<Rules>,
    rules_without_market: OnceCell<Rules>,
}

impl<'a> Ctx<'a> {
    pub fn new(cli: &'a Cli) -> Self {
        Ctx {
            cli,
            rules: OnceCell::new(),
            rules_without_market: OnceCell::new(),
        }
    }

    pub fn lang(&self) -> Lang {
        self.cli.lang
    }

    /// The rule files the user named.
    pub fn rule_files(&self) -> RuleFiles {
        RuleFiles {
            guidance: self.cli.guidance.clone(),
            policy: self.cli.policy.clone(),
            regions: self.cli.regions.clone(),
            market: self.cli.market.clone(),
            insurer: self.cli.insurer.clone(),
        }
    }

    /// The rule files with market data (coordination, the decisions export, the workbench),
    /// loaded on first use.
    pub fn rules(&self) -> Result<&Rules> {
        if let Some(r) = self.rules.get() {
            return Ok(r);
        }
        let loaded = rules_files::load(&self.rule_files())?;
        Ok(self.rules.get_or_init(|| loaded))
    }

    /// The rule files with market data, owned: for the workbench, which keeps them.
    pub fn into_rules(self) -> Result<Rules> {
        let files = self.rule_files();
        match self.rules.into_inner() {
            Some(r) => Ok(r),
            None => rules_files::load(&files),
        }
    }

    /// The rule files for a command that does not use market data: market data that cannot
    /// be read are set aside (see [`rules_files::load_without_market`]). Loaded on first use.
    pub fn rules_without_market(&self) -> Result<&Rules> {
        if let Some(r) = self.rules.get().or_else(|| self.rules_without_market.get()) {
            return Ok(r);
        }
        let loaded = rules_files::load_without_market(&self.rule_files())?;
        Ok(self.rules_without_market.get_or_init(|| loaded))
    }

    /// The user recorded with changes (see [`current_user`]).
    pub fn user(&self) -> Result<String> {
        current_user(self.cli)
    }

    /// The services' context over the database opened for writing, with the rule files
    /// without market data and the user: for commands that record an assessment or decision.
    pub fn app_writer(&self) -> Result<crate::app::Context> {
        let rules = self.rules_without_market()?.clone();
        let store = self.open_writer()?;
        let user = self.user()?;
        crate::app::Context::new(store, rules, user)
    }

    /// The services' context over the existing database, read only, with the rule files
    /// without market data; no user is needed.
    pub fn app_reader(&self) -> Result<crate::app::Context> {
        let rules = self.rules_without_market()?.clone();
        crate::app::Context::new(self.open_existing()?, rules, String::new())
    }

    /// As [`Ctx::app_reader`], with the market data: for the decisions export.
    pub fn app_reader_with_market(&self) -> Result<crate::app::Context> {
        let rules = self.rules()?.clone();
        crate::app::Context::new(self.open_existing()?, rules, String::new())
    }

    /// For commands that only read: the database must exist.
    pub fn open_existing(&self) -> Result<Store> {
        open_existing(self.cli)
    }

    /// For commands that record something about what is in the database: it must exist.
    pub fn open_writer(&self) -> Result<Store> {
        open_writer(self.cli)
    }

    /// For commands that record something new and may start a database (imports).
    pub fn open_store(&self) -> Result<Store> {
        open_store(self.cli)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    /// A command line naming a copy of each shipped rule file, in a folder the test owns.
    fn with_rule_files(dir: &std::path::Path) -> Cli {
        let config = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("config");
        let mut args = vec!["resv".to_string()];
        for (flag, name) in [
            ("--guidance", "guidance.toml"),
            ("--policy", "policy.toml"),
            ("--regions", "rho-regions.toml"),
            ("--market", "market.toml"),
        ] {
            std::fs::copy(config.join(name), dir.join(name)).unwrap();
            args.push(flag.to_string());
            args.push(dir.join(name).display().to_string());
        }
        Cli::parse_from(args)
    }

    #[test]
    fn the_rule_files_are_read_once_whatever_asks_for_them() {
        let dir = tempfile::tempdir().unwrap();
        let cli = with_rule_files(dir.path());
        let ctx = Ctx::new(&cli);
        let first: *const Rules = ctx.rules().unwrap();
        // Gone from disk: only a second read would notice.
        std::fs::remove_file(dir.path().join("policy.toml")).unwrap();
        assert!(std::ptr::eq(first, ctx.rules().unwrap()));
        assert!(std::ptr::eq(first, ctx.rules_without_market().unwrap()));
        assert!(Ctx::new(&cli).rules().is_err(), "a fresh context reads the files again");
    }

    #[test]
    fn nothing_is_read_before_a_command_asks() {
        let dir = tempfile::tempdir().unwrap();
        let cli = with_rule_files(dir.path());
        std::fs::remove_file(dir.path().join("guidance.toml")).unwrap();
        let ctx = Ctx::new(&cli);
        let err = ctx.rules_without_market().unwrap_err().to_string();
        assert!(err.contains("guidance.toml"), "{err}");
    }
}
