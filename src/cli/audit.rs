//! `resv audit verify` (the hash chain and the rows it covers) and `resv audit log`.

use super::context::Ctx;
use crate::app::registry::Registry;
use crate::core::sanitize::clean;
use crate::store::Store;
use crate::text::{self, history};
use anyhow::{Result, bail};
use serde::Serialize;

#[derive(clap::Subcommand, Debug)]
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

impl AuditCommand {
    pub fn run(&self, ctx: &Ctx) -> Result<i32> {
        match self {
            AuditCommand::Verify { expect_head, json } => {
                audit_verify(ctx, &ctx.open_existing()?, expect_head.as_deref(), *json)
            }
            AuditCommand::Log { plan, json } => audit_log(&ctx.open_existing()?, plan.as_deref(), *json),
        }
    }
}

#[derive(Serialize)]
struct VerifyJson<'a> {
    ok: bool,
    entries: usize,
    rows_checked: usize,
    /// The newest entry, `SEQ:HASH`.
    head: String,
    expected_head: Option<String>,
    problem: Option<&'a str>,
    /// Every way the schema differs from the one resv makes.
    schema_differences: Vec<String>,
    /// Plans whose stored queue summary differs from a fresh assessment (`null` when the
    /// rule files could not be read, so nothing was recomputed).
    summaries_differing: Option<Vec<String>>,
}

/// `audit verify [--expect-head SEQ:HASH]`: exits 0 only when the schema is resv's, the
/// chain and its rows are whole, and the expected head is in the chain.
/// Every stored queue summary whose key is current is recomputed too: one that differs is
/// named, and the check fails.
fn audit_verify(ctx: &Ctx, store: &Store, expect_head: Option<&str>, json: bool) -> Result<i32> {
    let lang = ctx.lang();
    let expect = match expect_head.map(crate::core::audit::Head::parse).transpose() {
        Ok(h) => h,
        Err(e) => bail!("--expect-head {:?}: {e}", clean(expect_head.unwrap_or_default())),
    };
    let check = crate::app::audit::verify(store, expect.as_ref())?;
    let schema: Vec<String> = check.schema.iter().map(ToString::to_string).collect();
    let differing = match ctx.rules() {
        Ok(rules) => Some(crate::app::summaries::differing(store, rules, &Registry::default())?),
        Err(e) => {
            tracing::warn!("queue summaries not checked: {e:#}");
            None
        }
    };
    let whole = check.is_whole() && differing.as_ref().is_none_or(Vec::is_empty);
    if json {
        super::print_json(&VerifyJson {
            ok: whole,
            entries: check.entries,
            rows_checked: check.rows,
            head: check.head.to_string(),
            expected_head: expect.map(|h| h.to_string()),
            problem: check.problem.as_deref(),
            schema_differences: schema,
            summaries_differing: differing,
        })?;
        return Ok(if whole { 0 } else { 1 });
    }
    if let Some(ids) = differing.as_ref().filter(|d| !d.is_empty()) {
        let ids: Vec<String> = ids.iter().map(|i| clean(i).into_owned()).collect();
        eprintln!(
            "resv: {}: {}",
            text::decision::SUMMARIES_DIFFER.get(lang),
            ids.join(", ")
        );
    }
    if let Some(p) = &check.problem {
        eprintln!("resv: {}: {}", text::decision::AUDIT_BROKEN.get(lang), clean(p));
    }
    if !schema.is_empty() {
        eprintln!("resv: {} ({}):", text::decision::SCHEMA_CHANGED.get(lang), schema.len());
        for d in &schema {
            eprintln!("  - {}", clean(d));
        }
    }
    if whole {
        println!(
            "{}: {} {}, {} {}",
            text::decision::AUDIT_WHOLE.get(lang),
            check.entries,
            text::decision::ENTRIES.get(lang),
            check.rows,
            text::decision::ROWS_CHECKED.get(lang)
        );
        println!("{}: {}", text::decision::AUDIT_HEAD.get(lang), check.head);
    }
    Ok(if whole { 0 } else { 1 })
}

fn audit_log(store: &Store, plan_id: Option<&str>, json: bool) -> Result<i32> {
    let entries = crate::app::audit::log(store, plan_id)?;
    if json {
        super::print_json(&entries)?;
        return Ok(0);
    }
    let mut lines = history::audit_log_lines(&entries);
    lines.reverse();
    for l in lines {
        println!("{l}");
    }
    Ok(0)
}
