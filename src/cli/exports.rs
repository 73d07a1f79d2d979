//! `resv letter` (the decision letter per plan) and `resv export decisions` (every current
//! decision with its plan facts, for the insurer's systems and for NZa).

use super::context::Ctx;
use crate::app::export::NoLetter;
use crate::core::export::DecisionExport;
use crate::core::sanitize::clean;
use crate::io::output::Existing;
use crate::text::{self, Lang};
use anyhow::{Result, bail};
use std::collections::BTreeSet;
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
            since: since.clone(),
            after: *after,
        };
        if let Some(path) = xlsx {
            let cx = ctx.app_reader_with_market()?;
            let doc = crate::app::export::decisions_document_in(&cx, &inc)?;
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
    let facts = match crate::app::export::letter_facts(cx, plan_id)? {
        Ok(facts) => facts,
        Err(NoLetter::UnknownPlan) => bail!("{}", text::unknown_plan(plan_id, None, lang)),
        Err(NoLetter::NoDecision) => bail!(
            "{} {}",
            text::decision::NO_DECISIONS.get(lang),
            text::decision::DECIDE_FIRST.get(lang)
        ),
    };
    let input = crate::text::letter::LetterInput {
        insurer: &cx.rules.policy.insurer,
        plan: &facts.plan,
        decision: &facts.decision,
        assessment: &facts.assessment,
        flags: &facts.flags,
        superseded: facts.superseded,
        audit_head: &facts.audit_head,
    };
    let doc = crate::text::letter::letter(&input, lang);
    let text = match format {
        LetterFormat::Md => doc.markdown(),
        LetterFormat::Html => doc.html(),
    };
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
    let doc = crate::app::export::decisions_document_in(cx, inc)?;
    let text = if csv {
        // The one CSV writer neutralises every cell, for a file and the terminal alike.
        to_csv(&doc.decisions, doc.audit_head.as_deref().unwrap_or_default())?
    } else {
        let mut value = serde_json::to_value(&doc)?;
        sign_export(&mut value, doc.insurer_id.as_deref(), lang)?;
        let json = serde_json::to_string_pretty(&value)? + "\n";
        // Escaped in a file too: the same JSON value, and `cat` on the file stays safe.
        crate::core::sanitize::json_for_terminal(&json).into_owned()
    };
    emit(&text, out, existing, text::decision::EXPORT_WRITTEN, lang)?;
    Ok(0)
}

/// Signs the JSON export with the insurer's key, so NZa can verify who made it. Without a
/// key the file is written unsigned, with a warning: NZa refuses an unsigned export.
fn sign_export(value: &mut serde_json::Value, insurer: Option<&str>, lang: Lang) -> Result<()> {
    let Some(id) = insurer else {
        eprintln!("resv: {}", text::keys::UNSIGNED_EXPORT.get(lang));
        return Ok(());
    };
    let has_key = crate::io::keys::key_path(id).is_ok_and(|p| p.exists());
    if !has_key {
        eprintln!("resv: {}", text::keys::UNSIGNED_EXPORT.get(lang));
        return Ok(());
    }
    crate::app::keys::sign_document(id, value)?;
    Ok(())
}

/// One row per decision; a `contracted_YEAR` column per contract year found in any of them;
/// last, the database's audit head (the same in every row).
fn to_csv(rows: &[DecisionExport], audit_head: &str) -> Result<String> {
    let years: BTreeSet<u16> = rows.iter().flat_map(|r| r.years.iter().map(|y| y.year)).collect();
    let mut w = crate::core::csv_out::CsvOut::new();
    let mut head: Vec<String> = [
        "plan_id",
        "plan_version",
        "plan_sha256",
        "resv_name",
        "region",
        "rho_region",
        "scenario",
        "plan_state",
        "decision_id",
        "outcome",
        "pending_approval",
        "approved_by",
        "decided_by",
        "decided_at",
        "contracted_total",
    ]
    .map(str::to_string)
    .to_vec();
    head.extend(years.iter().map(|y| format!("contracted_{y}")));
    head.extend(
        [
            "conditions",
            "questions",
            "reasoning",
            "override_reason",
            "total_score",
            "knocked_out",
            "recommendation",
            "open_flags",
            "confirmed_flags",
            "policy_version",
            "market_leader",
            "coordination_status",
            "audit_head",
        ]
        .map(str::to_string),
    );
    w.row(&head)?;
    let euros = |c: i64| crate::core::money::Cents(c).fmt_plain();
    for r in rows {
        let mut rec = vec![
            r.plan_id.clone(),
            r.plan_version.to_string(),
            r.plan_sha256.clone(),
            r.resv_name.clone(),
            r.region.clone(),
            r.rho_region.clone(),
            r.scenario.to_string(),
            r.plan_state.to_string(),
            r.decision_id.to_string(),
            r.outcome.to_string(),
            r.pending_approval.to_string(),
            r.approved_by.clone().unwrap_or_default(),
            r.decided_by.clone(),
            r.decided_at.clone(),
            euros(r.contracted_total_cents),
        ];
        for y in &years {
            rec.push(
                r.years
                    .iter()
                    .find(|x| x.year == *y)
                    .map_or(String::new(), |x| euros(x.contracted_cents)),
            );
        }
        rec.extend([
            r.conditions.join(" | "),
            r.questions.join(" | "),
            r.reasoning.clone(),
            r.override_reason.clone().unwrap_or_default(),
            format!("{:.1}", r.total_score),
            r.knocked_out.to_string(),
            r.recommendation.to_string(),
            r.open_flags.to_string(),
            r.confirmed_flags.to_string(),
            r.policy_version.clone(),
            r.market_leader.clone().unwrap_or_default(),
            r.coordination_status.to_string(),
            audit_head.to_string(),
        ]);
        // The one CSV writer neutralises control characters and defuses formulas.
        w.row(&rec)?;
    }
    Ok(w.finish()?)
}
