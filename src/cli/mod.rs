//! The command line: argument parsing (clap) and one function per subcommand. Human output
//! follows `--lang`; `--json` output is stable and documented in `docs/cli.md`.

pub mod args;
mod assess;
mod audit;
mod context;
mod decisions;
mod evaluate;
mod exports;
mod follow;
mod follow_receipts;
mod funding;
mod json;
mod keys;
pub mod logging;
mod nza;
mod plan_files;
mod plans;
mod report;
mod sample;
mod session;
mod shell;
mod workbench;

use crate::core::bilingual::Text;
use crate::core::decision::{Outcome, PlanState};
use crate::text::Lang;
use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
pub use context::Ctx;
pub use session::{USER_MAX_CHARS, current_user};
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

    /// The workbench ignores the mouse (no wheel scrolling, no clicks; the terminal's own
    /// text selection works as usual)
    #[arg(long, global = true)]
    pub no_mouse: bool,

    /// Who is working, recorded with every change [default: $RESV_USER, else the OS user]
    #[arg(long, global = true, env = "RESV_USER", value_name = "NAME")]
    pub user: Option<String>,

    /// Language of the user interface
    #[arg(long, global = true, value_enum, default_value_t = Lang::Nl, env = "RESV_LANG")]
    pub lang: Lang,

    /// Purchasing policy file [default: policy.toml in the config folder, else built in]
    #[arg(long, global = true, env = "RESV_POLICY", value_name = "FILE")]
    pub policy: Option<PathBuf>,

    /// National guidance file [default: guidance.toml in the config folder, else built in]
    #[arg(long, global = true, env = "RESV_GUIDANCE", value_name = "FILE")]
    pub guidance: Option<PathBuf>,

    /// RHO regions reference file [default: rho-regions.toml in the config folder, else built in]
    #[arg(long, global = true, env = "RESV_REGIONS", value_name = "FILE")]
    pub regions: Option<PathBuf>,

    /// Market data file: insurers' shares per region [default: market.toml in the config folder, else built in]
    #[arg(long, global = true, env = "RESV_MARKET", value_name = "FILE")]
    pub market: Option<PathBuf>,

    /// The insurer you work for, by its id in the market data [default: insurer_id in the policy]
    #[arg(long, global = true, env = "RESV_INSURER", value_name = "ID")]
    pub insurer: Option<String>,

    /// NZa: the yearly envelope for RESV activities in euros, for the national picture
    #[arg(long, global = true, env = "RESV_ENVELOPE", value_name = "EUR", default_value = "70000000", value_parser = envelope_arg)]
    pub envelope: i64,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Open the workbench on a fresh temporary database loaded with the bundled sample plans
    Demo(workbench::DemoArgs),
    /// Import plan files (TOML or .xlsx workbooks); folders are searched for *.toml files
    Import(plans::ImportArgs),
    /// List the queue of plans (latest version of each)
    Queue(plans::QueueArgs),
    /// Show one plan (latest version)
    Show(plans::ShowArgs),
    /// Assess a plan against the guidance and the purchasing policy. Given a plan file,
    /// it is checked and assessed without importing (a region's self-check)
    Assess(assess::AssessArgs),
    /// Record the buyer's manual score and/or note on one criterion of a plan
    Score(assess::ScoreArgs),
    /// The registry of existing funding arrangements (O&I, ROS, GEZ, ketenzorg, ZonMw, IZA/AZWA, Wmo)
    Registry {
        #[command(subcommand)]
        action: funding::RegistryCommand,
    },
    /// Check a plan for double funding against the registry in the database
    Funding(funding::FundingArgs),
    /// Confirm or dismiss a double-funding flag (see `resv funding PLAN_ID`), with a reason
    Judge(funding::JudgeArgs),
    /// Record a decision on a plan's latest version (append-only: a new decision supersedes
    /// the current one, which requires --expect-latest with its id)
    Decide(decisions::DecideArgs),
    /// Approve a plan's pending decision as the second buyer (four eyes)
    Approve(decisions::ApproveArgs),
    /// A plan's decisions, versions and what changed, assessment snapshots and audit entries
    History(decisions::HistoryArgs),
    /// The audit trail: a hash chain over every change
    Audit {
        #[command(subcommand)]
        action: audit::AuditCommand,
    },
    /// A consistent copy of the database (SQLite online backup) while others keep working
    Backup(decisions::BackupArgs),
    /// The decision letter for a plan's current decision, in Markdown or printable HTML
    Letter(exports::LetterArgs),
    /// Write an empty template: `resv template plan -o FILE.xlsx`, the plan workbook regions fill in
    Template {
        #[command(subcommand)]
        what: plan_files::TemplateCommand,
    },
    /// Export data for other systems
    Export {
        #[command(subcommand)]
        what: exports::ExportCommand,
    },
    /// The market leader rule: the leader's follow packages, following or deviating, status
    Follow {
        #[command(subcommand)]
        action: follow::FollowCommand,
    },
    /// Signing keys: make and show yours, trust and revoke other insurers' public keys
    Keys {
        #[command(subcommand)]
        action: keys::KeysCommand,
    },
    /// NZa: import the insurers' decision exports (the population for samples and the report)
    Nza {
        #[command(subcommand)]
        action: nza::NzaCommand,
    },
    /// NZa: plan, draw, list, show and verify reproducible samples of contracts
    Sample {
        #[command(subcommand)]
        action: sample::SampleCommand,
    },
    /// NZa: the national picture (contracted per year against the envelope, per region,
    /// insurer, main task and scenario; outcomes; flags; deviations from market leaders)
    Report(report::ReportArgs),
    /// Print a shell completion script (bash, zsh, fish or powershell); see the README
    Completions(shell::CompletionsArgs),
    /// Print the manual page (roff), e.g. `resv man | man -l -`
    Man,
}

/// A state by its keyword or its Dutch or English name (`in-review`, `"in behandeling"`).
fn plan_state_arg(text: &str) -> Result<PlanState, Text> {
    crate::text::decision::parse_state(text).ok_or_else(|| {
        let choices = crate::text::decision::state_choices();
        let expected = |lang| format!("{}: {choices}", crate::text::EXPECTED_ONE_OF.get(lang));
        Text::new(expected(Lang::Nl), expected(Lang::En))
    })
}

fn envelope_arg(text: &str) -> Result<i64, Text> {
    positive_euros(text)
}

/// A positive amount in euros through the one amount parser; the error names the reason.
pub(crate) fn positive_euros(text: &str) -> Result<i64, Text> {
    match crate::core::money::parse_amount(text) {
        Ok(c) if c.0 > 0 => Ok(c.0),
        Ok(_) => Err(Text::new(
            "nul; verwacht een positief bedrag in euro's, bijv. 70.000.000 of 70000000",
            "zero; expected a positive amount in euros, e.g. 70.000.000 or 70000000",
        )),
        Err(e) => Err(e.text()),
    }
}

fn outcome_arg(text: &str) -> Result<Outcome, Text> {
    Outcome::from_keyword(text).ok_or_else(|| {
        let expected = |lang| format!("{}: {}", crate::text::EXPECTED_ONE_OF.get(lang), Outcome::keywords());
        Text::new(expected(Lang::Nl), expected(Lang::En))
    })
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

/// Runs the parsed command line; returns the process exit code. The rule files, the user
/// and the database are each made once, when the command asks for them (see [`Ctx`]).
pub fn run(cli: Cli) -> Result<i32> {
    let ctx = Ctx::new(&cli);
    let Some(command) = &cli.command else {
        return workbench::open(ctx);
    };
    match command {
        Command::Demo(a) => workbench::demo(ctx, a),
        Command::Import(a) => a.run(&ctx),
        Command::Queue(a) => a.run(&ctx),
        Command::Show(a) => a.run(&ctx),
        Command::Assess(a) => a.run(&ctx),
        Command::Score(a) => a.run(&ctx),
        Command::Registry { action } => action.run(&ctx),
        Command::Funding(a) => a.run(&ctx),
        Command::Judge(a) => a.run(&ctx),
        Command::Decide(a) => a.run(&ctx),
        Command::Approve(a) => a.run(&ctx),
        Command::History(a) => a.run(&ctx),
        Command::Audit { action } => action.run(&ctx),
        Command::Backup(a) => a.run(&ctx),
        Command::Letter(a) => a.run(&ctx),
        Command::Template { what } => what.run(&ctx),
        Command::Export { what } => what.run(&ctx),
        Command::Follow { action } => action.run(&ctx),
        Command::Keys { action } => action.run(&ctx),
        Command::Nza { action } => action.run(&ctx),
        Command::Sample { action } => action.run(&ctx),
        Command::Report(a) => a.run(&ctx),
        Command::Completions(a) => a.run(),
        Command::Man => shell::man(),
    }
}

/// Prints JSON for scripts, with the characters a terminal would act on escaped.
pub fn print_json(value: &impl serde::Serialize) -> Result<()> {
    json::print_json(value)
}
