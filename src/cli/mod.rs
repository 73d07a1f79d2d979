//! The command line: argument parsing (clap) and one function per subcommand. Human output
//! follows `--lang`; `--json` output is stable and documented in `docs/cli.md`.

mod plans;

use crate::i18n::Lang;
use crate::store::Store;
use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "resv",
    version,
    about = "Assess and purchase RESV plans (Dutch regional primary-care collaborations)"
)]
#[command(
    after_help = "Without a command, resv opens the terminal workbench on the database.\nStart with `resv demo` to try it on the bundled sample plans."
)]
pub struct Cli {
    /// SQLite database file [default: the platform data directory, e.g. ~/.local/share/resv/resv.db]
    #[arg(long, global = true, env = "RESV_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Open the database read-only (SQLite refuses every write)
    #[arg(long, global = true)]
    pub read_only: bool,

    /// Who is working, recorded with every change [default: $RESV_USER, else the OS user]
    #[arg(long, global = true, env = "RESV_USER", value_name = "NAME")]
    pub user: Option<String>,

    /// Language of the user interface
    #[arg(long, global = true, value_enum, default_value_t = Lang::Nl, env = "RESV_LANG")]
    pub lang: Lang,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Open the workbench on a fresh temporary database loaded with the bundled sample plans
    Demo,
    /// Import plan files (TOML); folders are searched for *.toml files
    Import {
        /// Files or folders
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// List the queue of plans (latest version of each)
    Queue {
        /// Print JSON (see docs/cli.md)
        #[arg(long)]
        json: bool,
    },
    /// Show one plan (latest version)
    Show {
        /// The plan id, e.g. RESV-UTR-2027
        plan_id: String,
        /// Print JSON (see docs/cli.md)
        #[arg(long)]
        json: bool,
    },
    /// Measure import, rendering and filtering speed on synthetic plans
    #[command(hide = true)]
    Bench {
        /// Plans in the queue for the render and filter measurements
        #[arg(long, default_value_t = 10_000)]
        queue_size: usize,
        /// Plans imported for the import measurement
        #[arg(long, default_value_t = 1_000)]
        import_size: usize,
    },
}

/// The user recorded with changes.
pub fn current_user(cli: &Cli) -> String {
    cli.user
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("LOGNAME").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| "unknown".to_string())
}

/// The database path: `--db`, `RESV_DB`, or the platform data directory.
pub fn db_path(cli: &Cli) -> Result<PathBuf> {
    if let Some(p) = &cli.db {
        return Ok(p.clone());
    }
    let dirs = directories::ProjectDirs::from("nl", "resv", "resv")
        .context("cannot find a home directory for the default database; pass --db PATH")?;
    Ok(dirs.data_dir().join("resv.db"))
}

fn open_store(cli: &Cli) -> Result<Store> {
    Store::open(&db_path(cli)?, cli.read_only)
}

/// For commands that only read: a missing database is an error, not a new empty one.
fn open_existing(cli: &Cli) -> Result<Store> {
    let path = db_path(cli)?;
    if !path.exists() {
        anyhow::bail!(
            "database {} does not exist; import plans first (`resv import PATH`) or name another with --db",
            path.display()
        );
    }
    Store::open(&path, cli.read_only)
}

/// Runs the parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> Result<i32> {
    match &cli.command {
        None => {
            let path = db_path(&cli)?;
            let store = Store::open(&path, cli.read_only)?;
            crate::tui::run(store, cli.lang, &path.display().to_string())?;
            Ok(0)
        }
        Some(Command::Demo) => demo(&cli),
        Some(Command::Import { paths }) => {
            let mut store = open_store(&cli)?;
            plans::import(&mut store, paths, &current_user(&cli), cli.lang)
        }
        Some(Command::Queue { json }) => plans::queue(&open_existing(&cli)?, *json, cli.lang),
        Some(Command::Show { plan_id, json }) => plans::show(&open_existing(&cli)?, plan_id, *json, cli.lang),
        Some(Command::Bench {
            queue_size,
            import_size,
        }) => crate::bench::run(*queue_size, *import_size),
    }
}

/// Prints JSON for scripts, with the characters a terminal would act on escaped.
pub fn print_json(value: &impl serde::Serialize) -> Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    println!("{}", crate::core::sanitize::json_for_terminal(&text));
    Ok(())
}

fn demo(cli: &Cli) -> Result<i32> {
    let dir = tempfile::Builder::new()
        .prefix("resv-demo-")
        .tempdir()
        .context("cannot create a temporary directory")?;
    let path = dir.path().join("demo.db");
    let mut store = Store::open(&path, false)?;
    crate::intake::load_samples(&mut store, &current_user(cli))?;
    let store = if cli.read_only {
        Store::open(&path, true)?
    } else {
        store
    };
    crate::tui::run(store, cli.lang, &format!("demo: {}", path.display()))?;
    Ok(0)
}
