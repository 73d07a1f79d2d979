//! The terminal workbench: `resv` without a command (on the database) and `resv demo` (on a
//! fresh temporary database with the bundled sample plans).

use super::context::Ctx;
use super::db_path;
use super::session::{current_user, open_db};
use crate::store::{Access, Store};
use anyhow::{Context, Result};

/// `resv`: the workbench records decisions, so it never creates a database, and opens one
/// for writing unless --read-only, or the user may not write it (an auditor's copy): then it
/// only shows.
pub fn open(ctx: Ctx) -> Result<i32> {
    let cli = ctx.cli;
    let path = db_path(cli)?;
    ctx.rules()?; // bad rule files stop the workbench before the database is opened
    let access = if path.exists() && !crate::store::may_write(&path) {
        Access::ReadOnly
    } else {
        Access::Write { create: false }
    };
    let store = open_db(cli, access)?;
    let user = if store.is_read_only() {
        ctx.user().unwrap_or_default()
    } else {
        ctx.user()?
    };
    let rules = ctx.into_rules()?;
    crate::tui::run(store, rules, &user, cli.lang, &path.display().to_string(), cli.envelope)?;
    Ok(0)
}

/// `resv demo`: the workbench on a temporary database loaded with the sample plans.
pub fn demo(ctx: Ctx) -> Result<i32> {
    let cli = ctx.cli;
    let rules = ctx.into_rules()?;
    let dir = tempfile::Builder::new()
        .prefix("resv-demo-")
        .tempdir()
        .context("cannot create a temporary directory")?;
    let path = dir.path().join("demo.db");
    let mut store = Store::open(&path, false)?;
    let user = current_user(cli)?;
    crate::app::import::load_samples(&mut store, &user)?;
    let store = if cli.read_only {
        Store::open(&path, true)?
    } else {
        store
    };
    let label = format!("demo: {}", path.display());
    crate::tui::run(store, rules, &user, cli.lang, &label, cli.envelope)?;
    Ok(0)
}
