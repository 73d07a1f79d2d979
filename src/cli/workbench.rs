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
    let options = crate::tui::Options {
        demo: false,
        mouse: !cli.no_mouse,
    };
    crate::tui::run(
        store,
        rules,
        &user,
        cli.lang,
        &path.display().to_string(),
        cli.envelope,
        options,
    )?;
    Ok(0)
}

/// `resv demo` options.
#[derive(clap::Args, Debug, Default)]
pub struct DemoArgs {
    /// Keep the demo: its database is made as this new file (never an existing one) and
    /// stays when the workbench closes; go on later with `resv --db PATH`
    #[arg(long, value_name = "PATH")]
    pub keep: Option<std::path::PathBuf>,
}

/// `resv demo`: the workbench on a temporary database loaded with the sample plans; with
/// `--keep PATH` on a new database at PATH that stays.
pub fn demo(ctx: Ctx, args: &DemoArgs) -> Result<i32> {
    let cli = ctx.cli;
    let rules = ctx.into_rules()?;
    let dir = tempfile::Builder::new()
        .prefix("resv-demo-")
        .tempdir()
        .context("cannot create a temporary directory")?;
    let path = match &args.keep {
        Some(keep) => new_database_path(keep)?,
        None => dir.path().join("demo.db"),
    };
    let mut store = Store::open(&path, false)?;
    let user = current_user(cli)?;
    crate::app::import::load_samples(&mut store, &user)?;
    let store = if cli.read_only {
        Store::open(&path, true)?
    } else {
        store
    };
    let label = format!("demo: {}", path.display());
    let options = crate::tui::Options {
        demo: args.keep.is_none(),
        mouse: !cli.no_mouse,
    };
    let kept = crate::tui::run(store, rules, &user, cli.lang, &label, cli.envelope, options)?;
    if let Some(kept) = kept.or(args.keep.as_ref().map(|_| path)) {
        let p = kept.display().to_string();
        println!(
            "{}",
            crate::text::fill(crate::text::workbench::DEMO_KEPT.get(cli.lang), &[("p", &p)])
        );
    }
    Ok(0)
}

/// `--keep PATH`: a new file (resv never overwrites one, nor writes through a link) in an
/// existing folder, made absolute so the user can find it again.
fn new_database_path(keep: &std::path::Path) -> Result<std::path::PathBuf> {
    use crate::core::bilingual::Text;
    let shown = crate::core::sanitize::clean(&keep.display().to_string()).into_owned();
    if keep.symlink_metadata().is_ok() {
        anyhow::bail!(Text::new(
            format!("{shown}: bestaat al; resv overschrijft nooit een bestand: kies een andere naam voor --keep"),
            format!("{shown}: exists; resv never overwrites a file: choose another name for --keep"),
        ));
    }
    let path = std::path::absolute(keep).with_context(|| {
        Text::new(
            format!("{shown}: geen bruikbaar pad"),
            format!("{shown}: not a usable path"),
        )
    })?;
    match path.parent() {
        Some(dir) if dir.is_dir() => Ok(path),
        _ => anyhow::bail!(Text::new(
            format!("{shown}: de map bestaat niet; --keep verwacht een nieuw bestand in een bestaande map"),
            format!("{shown}: its folder does not exist; --keep expects a new file in an existing folder"),
        )),
    }
}
