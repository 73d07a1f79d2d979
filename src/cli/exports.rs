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
    #[command(group(clap::ArgGroup::new("format").args(["csv", "json", "xlsx"])))]
    #[command(group(clap::ArgGroup::new("dest").args(["output", "xlsx"])))]
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
        /// A spreadsheet (.xlsx) to FILE: one row per decision, typed cells (a new file; see --force)
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
        /// Replace FILE if it is an existing regular file (a symbolic link is always refused)
        #[arg(long, requires = "dest")]
        force: bool,
        /// Only decisions decided on or after DATE (YYYY-MM-DD): an incremental export
        #[arg(long, value_name = "DATE", value_parser = super::report::date_arg)]
        since: Option<String>,
        /// Only decisions numbered above DECISION_ID: an incremental export
        #[arg(long, value_name = "DECISION_ID")]
        after: Option<i64>,
    },
    /// A stored plan's latest version as a workbook (.xlsx, the template's layout) or TOML
    Plan(super::plan_files::ExportPlanArgs),
}

impl ExportCommand {
    pub fn run(&self, ctx: &Ctx) -> Result<i32> {
        let (csv, output, force, since, after, xlsx) = match self {
            ExportCommand::Plan(args) => return args.run(ctx),
            ExportCommand::Decisions {
                csv,
                json: _,
                output,
                force,
                since,
                after,
                xlsx,
            } => (csv, output, force, since, after, xlsx),
        };
        let out = (output.as_deref(), Existing::from_force(*force));
        let inc = crate::app::export::Increment {
            since: since.as_deref().and_then(crate::core::plan::Date::parse),
            after: *after,
        };
        if let Some(path) = xlsx {
            let cx = ctx.app_reader_with_market()?;
            let doc = crate::app::export::decisions_document_in(cx.sources(), &inc)?;
            let sheets = crate::app::spreadsheets::decision_sheets(&doc.decisions, ctx.lang());
            crate::io::xlsx_out::write(path, &sheets, Existing::from_force(*force))?;
            let shown = crate::core::sanitize::clean(&path.display().to_string()).into_owned();
            eprintln!("{} {shown}", crate::text::nza::XLSX_WRITTEN.get(ctx.lang()));
            return Ok(0);
        }
        export_decisions(&ctx.app_reader_with_market()?, *csv, &inc, out, ctx.lang())
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
    inc: &crate::app::export::Increment,
    (out, existing): (Option<&Path>, Existing),
    lang: Lang,
) -> Result<i32> {
    let (text, signed) = crate::app::documents::decisions_signed(cx.sources(), csv, inc)?;
    if !csv && !signed {
        eprintln!("resv: {}", text::keys::UNSIGNED_EXPORT.get(lang));
    }
    emit(&text, out, existing, text::decision::EXPORT_WRITTEN, lang)?;
    Ok(0)
}
