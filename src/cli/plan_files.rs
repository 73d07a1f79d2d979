//! `resv template plan` (the empty plan workbook regions fill in) and `resv export plan`
//! (a stored plan as a workbook or as TOML).

use super::context::Ctx;
use crate::core::sanitize::clean;
use crate::io::output::Existing;
use crate::text::{self, Lang, plan_files as tx};
use anyhow::{Result, bail};
use std::path::{Path, PathBuf};

#[derive(clap::Subcommand, Debug)]
pub enum TemplateCommand {
    /// The empty plan workbook (.xlsx): seven sheets with Dutch headers, input messages,
    /// drop-downs and validation; never overwrites a file
    Plan {
        /// The new workbook, e.g. plan.xlsx
        #[arg(short, long, value_name = "FILE.xlsx")]
        output: PathBuf,
    },
}

impl TemplateCommand {
    pub fn run(&self, ctx: &Ctx) -> Result<i32> {
        let TemplateCommand::Plan { output } = self;
        let lang = ctx.lang();
        if !crate::io::intake::is_workbook(output) {
            bail!("{}", tx::TEMPLATE_NEEDS_XLSX.get(lang));
        }
        let bytes = crate::io::plan_xlsx::template_workbook()?;
        crate::io::output::write(output, &bytes, Existing::Never)?;
        eprintln!("{}: {}", tx::TEMPLATE_WRITTEN.get(lang), shown(output));
        Ok(0)
    }
}

/// `resv export plan PLAN_ID`: the latest version as a workbook or as a TOML plan file.
#[derive(clap::Args, Debug)]
pub struct ExportPlanArgs {
    /// The plan id
    plan_id: String,
    /// TOML (the plan file format); the default unless FILE ends in .xlsx
    #[arg(long, conflicts_with = "xlsx")]
    toml: bool,
    /// An Excel workbook in the template's layout (needs -o FILE)
    #[arg(long)]
    xlsx: bool,
    /// Write to FILE (a new file; see --force) instead of printing
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace FILE if it is an existing regular file (a symbolic link is always refused)
    #[arg(long, requires = "output")]
    force: bool,
}

impl ExportPlanArgs {
    pub fn run(&self, ctx: &Ctx) -> Result<i32> {
        let lang = ctx.lang();
        let store = ctx.open_existing()?;
        let Some(stored) = crate::app::plans::latest(&store, &self.plan_id)? else {
            bail!("{}", text::unknown_plan(&self.plan_id, None, lang));
        };
        let workbook = self.xlsx || (!self.toml && self.output.as_deref().is_some_and(crate::io::intake::is_workbook));
        let existing = Existing::from_force(self.force);
        match (&self.output, workbook) {
            (None, true) => bail!("{}", tx::WORKBOOK_NEEDS_FILE.get(lang)),
            (None, false) => print!("{}", crate::core::plan_toml::to_toml(&stored.plan)),
            (Some(path), true) => {
                let bytes = crate::io::plan_xlsx::export_workbook(&stored.plan)?;
                written(path, &bytes, existing, lang)?;
            }
            (Some(path), false) => {
                let text = crate::core::plan_toml::to_toml(&stored.plan);
                written(path, text.as_bytes(), existing, lang)?;
            }
        }
        Ok(0)
    }
}

fn written(path: &Path, bytes: &[u8], existing: Existing, lang: Lang) -> Result<()> {
    crate::io::output::write(path, bytes, existing)?;
    eprintln!("{}: {}", tx::PLAN_WRITTEN.get(lang), shown(path));
    Ok(())
}

fn shown(path: &Path) -> String {
    clean(&path.display().to_string()).into_owned()
}
