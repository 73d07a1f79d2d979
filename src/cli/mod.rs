//! The command line: argument parsing (clap) and one function per subcommand. Human output
//! follows `--lang`; `--json` output is stable and documented in `docs/cli.md`.

mod assess;
mod decisions;
mod exports;
mod follow;
mod funding;
mod nza;
mod plans;
mod report;
mod sample;
mod session;

use crate::core::decision::{Outcome, PlanState};
use crate::store::{Access, Store};
use crate::text::Lang;
use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
pub use session::{USER_MAX_CHARS, current_user};
use session::{open_db, open_existing, open_store, open_writer};
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
    Demo,
    /// Import plan files (TOML); folders are searched for *.toml files
    Import {
        /// Files or folders
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// List the queue of plans (latest version of each)
    Queue {
        /// Only plans in this state
        #[arg(long, value_parser = plan_state_arg)]
        state: Option<PlanState>,
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
    /// Assess a plan against the guidance and the purchasing policy. Given a plan file,
    /// it is checked and assessed without importing (a region's self-check)
    Assess {
        /// A plan id in the database, or a plan file (TOML)
        #[arg(value_name = "PLAN_ID|FILE")]
        target: String,
        /// Print JSON (see docs/cli.md)
        #[arg(long)]
        json: bool,
    },
    /// Record the buyer's manual score and/or note on one criterion of a plan
    Score {
        /// The plan id, e.g. RESV-UTR-2027
        plan_id: String,
        /// The criterion id, e.g. participation (see `resv assess PLAN_ID`)
        criterion: String,
        /// A score on the policy's scale (e.g. 0-4)
        #[arg(allow_negative_numbers = true)]
        score: Option<i32>,
        /// A note explaining the judgement
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// Clear the manual score and note (the automatic result counts again)
        #[arg(long, conflicts_with_all = ["score", "note"])]
        clear: bool,
    },
    /// The registry of existing funding arrangements (O&I, ROS, GEZ, ketenzorg, ZonMw, IZA/AZWA, Wmo)
    Registry {
        #[command(subcommand)]
        action: RegistryCommand,
    },
    /// Check a plan for double funding against the registry in the database
    Funding {
        /// A plan id in the database, or a plan file (TOML) checked without importing
        #[arg(value_name = "PLAN_ID|FILE")]
        target: String,
        /// Print JSON (see docs/cli.md)
        #[arg(long)]
        json: bool,
    },
    /// Confirm or dismiss a double-funding flag (see `resv funding PLAN_ID`), with a reason
    #[command(group(clap::ArgGroup::new("verdict").required(true).args(["confirm", "dismiss"])))]
    Judge {
        /// The plan id, e.g. RESV-RIJ-2027
        plan_id: String,
        /// The activity id of the flag, e.g. R1
        activity_id: String,
        /// The arrangement id of the flag
        arrangement_id: String,
        /// The overlap is real: its amount comes off the fundable amount
        #[arg(long)]
        confirm: bool,
        /// The overlap is not real (the flag stays visible as dismissed)
        #[arg(long)]
        dismiss: bool,
        /// Why (required)
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Record a decision on a plan's latest version (append-only: a new decision supersedes
    /// the current one, which requires --expect-latest with its id)
    Decide {
        /// The plan id, e.g. RESV-UTR-2027
        plan_id: String,
        /// approve, conditions (approve with conditions), return (for revision, with
        /// questions) or reject
        #[arg(long, value_parser = outcome_arg, value_name = "OUTCOME")]
        outcome: Outcome,
        /// Contracted euros for one contract year, as YEAR=AMOUNT (repeat per year, e.g.
        /// --amount 2027=1.234.567,89 --amount 2028=1250000), or `fundable` for the assessed
        /// fundable amounts; leave out for return/reject
        #[arg(long, value_name = "YEAR=EUR|fundable", action = clap::ArgAction::Append)]
        amount: Vec<String>,
        /// The reasoning (required)
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// A condition of the approval (repeat for more)
        #[arg(long, value_name = "TEXT")]
        condition: Vec<String>,
        /// A question to the region, for a return (repeat for more)
        #[arg(long, value_name = "TEXT")]
        question: Vec<String>,
        /// Why an amount above the fundable amount, or approving a knocked-out plan, is right
        #[arg(long, value_name = "TEXT")]
        override_reason: Option<String>,
        /// The id of the plan's current decision, which this one replaces (see `resv history`)
        #[arg(long, value_name = "DECISION_ID")]
        expect_latest: Option<i64>,
        /// Print JSON with the new `decision_id`
        #[arg(long)]
        json: bool,
    },
    /// Approve a plan's pending decision as the second buyer (four eyes)
    Approve {
        /// The plan id
        plan_id: String,
        /// The id of the decision you approve (refused if another one replaced it meanwhile)
        #[arg(long, value_name = "DECISION_ID")]
        expect_latest: Option<i64>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// A plan's decisions, versions and what changed, assessment snapshots and audit entries
    History {
        /// The plan id
        plan_id: String,
        /// Print JSON (see docs/cli.md)
        #[arg(long)]
        json: bool,
    },
    /// The audit trail: a hash chain over every change
    Audit {
        #[command(subcommand)]
        action: AuditCommand,
    },
    /// A consistent copy of the database (SQLite online backup) while others keep working
    Backup {
        /// The new file to write (must not exist; never a symbolic link)
        #[arg(value_name = "DEST")]
        dest: PathBuf,
        /// Replace DEST if it is an existing regular file
        #[arg(long)]
        force: bool,
    },
    /// The decision letter for a plan's current decision, in Markdown or printable HTML
    Letter {
        /// The plan id
        plan_id: String,
        #[arg(long, value_enum, default_value_t = exports::LetterFormat::Md)]
        format: exports::LetterFormat,
        /// Write to FILE (a new file; see --force) instead of printing
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it is an existing regular file (a symbolic link is always refused)
        #[arg(long, requires = "output")]
        force: bool,
    },
    /// Export data for other systems
    Export {
        #[command(subcommand)]
        what: ExportCommand,
    },
    /// The market leader rule: the leader's follow packages, following or deviating, status
    Follow {
        #[command(subcommand)]
        action: follow::FollowCommand,
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
    #[command(group(clap::ArgGroup::new("format").args(["json", "csv", "markdown"])))]
    Report {
        /// JSON
        #[arg(long)]
        json: bool,
        /// CSV (long format: section, key, year, value)
        #[arg(long)]
        csv: bool,
        /// Markdown (the default)
        #[arg(long)]
        markdown: bool,
        /// Write to FILE (a new file; see --force) instead of printing
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it is an existing regular file (a symbolic link is always refused)
        #[arg(long, requires = "output")]
        force: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// Check the whole chain and the rows it covers; exits 0 only when it is whole
    Verify {
        /// The head noted earlier (printed by every export, letter and follow package, and
        /// by `audit verify`): fails unless that entry is still in the chain with that hash
        #[arg(long, value_name = "SEQ:HASH")]
        expect_head: Option<String>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// List the audit entries, oldest first
    Log {
        /// Only this plan's entries
        #[arg(long, value_name = "PLAN_ID")]
        plan: Option<String>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum ExportCommand {
    /// Every current decision with its plan facts (JSON by default)
    #[command(group(clap::ArgGroup::new("format").args(["csv", "json"])))]
    Decisions {
        /// CSV, one row per decision
        #[arg(long)]
        csv: bool,
        /// JSON (the default; for the insurer's systems and for NZa)
        #[arg(long)]
        json: bool,
        /// Write to FILE (a new file; see --force) instead of printing
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it is an existing regular file (a symbolic link is always refused)
        #[arg(long, requires = "output")]
        force: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum RegistryCommand {
    /// Import arrangements from a CSV, Excel (.xlsx) or TOML file: all rows or nothing.
    /// A known id with changed content gets a new version; the old one is kept
    Import {
        /// The registry file (see docs/double-funding.md for the columns)
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// List the current arrangements
    List {
        /// Print JSON (see docs/cli.md)
        #[arg(long)]
        json: bool,
    },
}

fn plan_state_arg(text: &str) -> Result<PlanState, String> {
    PlanState::from_keyword(text).ok_or_else(|| format!("expected one of: {}", PlanState::keywords()))
}

fn envelope_arg(text: &str) -> Result<i64, String> {
    positive_euros(text)
}

/// A positive amount in euros through the one amount parser; the error names the reason.
pub(crate) fn positive_euros(text: &str) -> Result<i64, String> {
    match crate::core::money::parse_amount(text) {
        Ok(c) if c.0 > 0 => Ok(c.0),
        Ok(_) => Err("zero; expected a positive amount in euros, e.g. 70.000.000 or 70000000".to_string()),
        Err(e) => Err(e.to_string()),
    }
}

fn outcome_arg(text: &str) -> Result<Outcome, String> {
    Outcome::from_keyword(text).ok_or_else(|| format!("expected one of: {}", Outcome::keywords()))
}

/// The rule files the user named.
pub fn rule_files(cli: &Cli) -> crate::io::rules_files::RuleFiles {
    crate::io::rules_files::RuleFiles {
        guidance: cli.guidance.clone(),
        policy: cli.policy.clone(),
        regions: cli.regions.clone(),
        market: cli.market.clone(),
        insurer: cli.insurer.clone(),
    }
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

/// Runs the parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> Result<i32> {
    match &cli.command {
        None => {
            // The workbench records decisions: it never creates a database, and opens one
            // for writing unless --read-only, or the user may not write it (an auditor's
            // copy): then it only shows.
            let path = db_path(&cli)?;
            let rules = crate::io::rules_files::load(&rule_files(&cli))?;
            let access = if path.exists() && !crate::store::may_write(&path) {
                Access::ReadOnly
            } else {
                Access::Write { create: false }
            };
            let store = open_db(&cli, access)?;
            let user = if store.is_read_only() {
                current_user(&cli).unwrap_or_default()
            } else {
                current_user(&cli)?
            };
            crate::tui::run(store, rules, &user, cli.lang, &path.display().to_string(), cli.envelope)?;
            Ok(0)
        }
        Some(Command::Demo) => demo(&cli),
        Some(Command::Import { paths }) => {
            let user = current_user(&cli)?;
            let mut store = open_store(&cli)?;
            plans::import(&mut store, paths, &user, cli.lang)
        }
        Some(Command::Queue { state, json }) => {
            let rules = crate::io::rules_files::load_without_market(&rule_files(&cli))?;
            plans::queue(&open_existing(&cli)?, &rules, *state, *json, cli.lang)
        }
        Some(Command::Show { plan_id, json }) => plans::show(&open_existing(&cli)?, plan_id, *json, cli.lang),
        Some(Command::Assess { target, json }) => {
            let rules = crate::io::rules_files::load_without_market(&rule_files(&cli))?;
            assess::assess_target(target, || open_existing(&cli), &rules, *json, cli.lang)
        }
        Some(Command::Score {
            plan_id,
            criterion,
            score,
            note,
            clear,
        }) => {
            let rules = crate::io::rules_files::load_without_market(&rule_files(&cli))?;
            let mut store = open_writer(&cli)?;
            let entry = (*score, note.clone(), *clear);
            assess::score(
                &mut store,
                &rules,
                plan_id,
                criterion,
                entry,
                &current_user(&cli)?,
                cli.lang,
            )
        }
        Some(Command::Registry { action }) => match action {
            RegistryCommand::Import { file } => {
                funding::import(|| open_store(&cli), file, &current_user(&cli)?, cli.lang)
            }
            RegistryCommand::List { json } => funding::list(&open_existing(&cli)?, *json, cli.lang),
        },
        Some(Command::Funding { target, json }) => {
            let rules = crate::io::rules_files::load_without_market(&rule_files(&cli))?;
            funding::funding(target, &open_existing(&cli)?, &rules, *json, cli.lang)
        }
        Some(Command::Judge {
            plan_id,
            activity_id,
            arrangement_id,
            confirm,
            dismiss: _,
            reason,
        }) => {
            let rules = crate::io::rules_files::load_without_market(&rule_files(&cli))?;
            let mut store = open_writer(&cli)?;
            let verdict = if *confirm {
                crate::core::funding::Verdict::Confirmed
            } else {
                crate::core::funding::Verdict::Dismissed
            };
            funding::judge(
                &mut store,
                &rules,
                (plan_id, activity_id, arrangement_id),
                verdict,
                reason,
                &current_user(&cli)?,
                cli.lang,
            )
        }
        Some(Command::Decide {
            plan_id,
            outcome,
            amount,
            reason,
            condition,
            question,
            override_reason,
            expect_latest,
            json,
        }) => {
            let rules = crate::io::rules_files::load_without_market(&rule_files(&cli))?;
            let mut store = open_writer(&cli)?;
            let args = decisions::DecideArgs {
                plan_id,
                outcome: *outcome,
                amounts: amount,
                reason,
                conditions: condition,
                questions: question,
                override_reason: override_reason.as_deref(),
                expect_latest: *expect_latest,
                json: *json,
            };
            decisions::decide(&mut store, &rules, &args, &current_user(&cli)?, cli.lang)
        }
        Some(Command::Approve {
            plan_id,
            expect_latest,
            json,
        }) => {
            let mut store = open_writer(&cli)?;
            decisions::approve(
                &mut store,
                plan_id,
                *expect_latest,
                *json,
                &current_user(&cli)?,
                cli.lang,
            )
        }
        Some(Command::History { plan_id, json }) => decisions::history(&open_existing(&cli)?, plan_id, *json, cli.lang),
        Some(Command::Audit { action }) => match action {
            AuditCommand::Verify { expect_head, json } => {
                decisions::audit_verify(&open_existing(&cli)?, expect_head.as_deref(), *json, cli.lang)
            }
            AuditCommand::Log { plan, json } => decisions::audit_log(&open_existing(&cli)?, plan.as_deref(), *json),
        },
        Some(Command::Backup { dest, force }) => decisions::backup(
            &open_existing(&cli)?,
            dest,
            crate::io::output::Existing::from_force(*force),
            cli.lang,
        ),
        Some(Command::Letter {
            plan_id,
            format,
            output,
            force,
        }) => {
            let rules = crate::io::rules_files::load_without_market(&rule_files(&cli))?;
            exports::letter(
                &open_existing(&cli)?,
                &rules,
                plan_id,
                *format,
                (output.as_deref(), crate::io::output::Existing::from_force(*force)),
                cli.lang,
            )
        }
        Some(Command::Export {
            what:
                ExportCommand::Decisions {
                    csv,
                    json: _,
                    output,
                    force,
                },
        }) => {
            let rules = crate::io::rules_files::load(&rule_files(&cli))?;
            let out = (output.as_deref(), crate::io::output::Existing::from_force(*force));
            exports::export_decisions(&open_existing(&cli)?, &rules, *csv, out, cli.lang)
        }
        Some(Command::Follow { action }) => {
            let rules = crate::io::rules_files::load(&rule_files(&cli))?;
            let (open, user): (fn(&Cli) -> Result<Store>, _) = match action {
                follow::FollowCommand::Status { .. } => (open_existing, String::new()),
                _ => (open_writer, current_user(&cli)?),
            };
            follow::run(action, || open(&cli), &rules, &user, cli.lang)
        }
        Some(Command::Nza { action }) => {
            // Importing creates the NZa database; listing needs one.
            let create = matches!(action, nza::NzaCommand::Import { .. });
            let open = || if create { open_store(&cli) } else { open_existing(&cli) };
            let user = if create { current_user(&cli)? } else { String::new() };
            nza::run(action, open, &user, cli.lang)
        }
        Some(Command::Sample { action }) => {
            // Drawing stores the sample; the rest only reads.
            let (open, user): (fn(&Cli) -> Result<Store>, _) = match action {
                sample::SampleCommand::Draw { .. } => (open_writer, current_user(&cli)?),
                _ => (open_existing, String::new()),
            };
            sample::run(action, || open(&cli), &user, cli.lang)
        }
        Some(Command::Report {
            json,
            csv,
            markdown: _,
            output,
            force,
        }) => {
            let format = if *json {
                report::Format::Json
            } else if *csv {
                report::Format::Csv
            } else {
                report::Format::Markdown
            };
            let out = (output.as_deref(), crate::io::output::Existing::from_force(*force));
            report::run(&open_existing(&cli)?, cli.envelope, format, out, cli.lang)
        }
    }
}

/// Prints JSON for scripts, with the characters a terminal would act on escaped.
pub fn print_json(value: &impl serde::Serialize) -> Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    println!("{}", crate::core::sanitize::json_for_terminal(&text));
    Ok(())
}

fn demo(cli: &Cli) -> Result<i32> {
    let rules = crate::io::rules_files::load(&rule_files(cli))?;
    let dir = tempfile::Builder::new()
        .prefix("resv-demo-")
        .tempdir()
        .context("cannot create a temporary directory")?;
    let path = dir.path().join("demo.db");
    let mut store = Store::open(&path, false)?;
    let user = current_user(cli)?;
    crate::io::intake::load_samples(&mut store, &user)?;
    let store = if cli.read_only {
        Store::open(&path, true)?
    } else {
        store
    };
    let label = format!("demo: {}", path.display());
    crate::tui::run(store, rules, &user, cli.lang, &label, cli.envelope)?;
    Ok(0)
}
