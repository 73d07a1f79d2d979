//! `resv letter` (the decision letter per plan) and `resv export decisions` (every current
//! decision with its plan facts, for the insurer's systems and for NZa).

use super::context::Ctx;
use crate::core::sanitize::clean;
use crate::io::output::Existing;
use crate::text::{self, Lang};
use anyhow::Result;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LetterFormat {
    Md,
    Html,
}

#[derive(clap::Args, Debug)]
pub struct LetterArgs {
    /// The plan id
    plan_id: String,
    #[arg(long, value_enum, default_value_t = LetterFormat::Md)]
    format: LetterFormat,
    /// Write to FILE (a new file; see --force) instead of printing
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace FILE if it is an existing regular file (a symbolic link is always refused)
    #[arg(long, requires = "output")]
    force: bool,
}

impl LetterArgs {
    pub fn run(&self, ctx: &Ctx) -> Result<i32> {
        let out = (self.output.as_deref(), Existing::from_force(self.force));
        letter(&ctx.app_reader()?, &self.plan_id, self.format, out, ctx.lang())
    }
}

#[derive(clap::Subcommand, Debug)]
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
    /// A stored plan's latest version as a workbook (.xlsx, the template's layout) or TOML
    Plan(super::plan_files::ExportPlanArgs),
}

impl ExportCommand {
    pub fn run(&self, ctx: &Ctx) -> Result<i32> {
        let (csv, output, force) = match self {
            ExportCommand::Plan(args) => return args.run(ctx),
            ExportCommand::Decisions {
                csv,
                json: _,
                output,
                force,
            } => (csv, output, force),
        };
        let out = (output.as_deref(), Existing::from_force(*force));
        export_decisions(&ctx.app_reader_with_market()?, *csv, out, ctx.lang())
    }
}

/// Writes `text` to a new file `out` (see [`crate::io::output`]), or prints it.
fn emit(text: &str, out: Option<&Path>, existing: Existing, done: text::T, lang: Lang) -> Result<()> {
    match out {
        Some(path) => {
            crate::io::output::write(path, text.as_bytes(), existing)?;
            eprintln!("{}: {}", done.get(lang), clean(&path.display().to_string()));
        }
        None => print!("{text}"),
    }
    Ok(())
}

pub fn letter(
    cx: &crate::app::Context,
    plan_id: &str,
    format: LetterFormat,
    (out, existing): (Option<&Path>, Existing),
    lang: Lang,
) -> Result<i32> {
    let text = crate::app::documents::letter(cx.sources(), plan_id, format == LetterFormat::Html, lang)?;
    emit(&text, out, existing, text::decision::LETTER_WRITTEN, lang)?;
    Ok(0)
}

pub fn export_decisions(
    cx: &crate::app::Context,
    csv: bool,
    (out, existing): (Option<&Path>, Existing),
    lang: Lang,
) -> Result<i32> {
    let (text, signed) = crate::app::documents::decisions_signed(cx.sources(), csv)?;
    if !csv && !signed {
        eprintln!("resv: {}", text::keys::UNSIGNED_EXPORT.get(lang));
    }
    emit(&text, out, existing, text::decision::EXPORT_WRITTEN, lang)?;
    Ok(0)
}
