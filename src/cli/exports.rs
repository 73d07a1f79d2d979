//! `resv letter` (the decision letter per plan) and `resv export decisions` (every current
//! decision with its plan facts, for the insurer's systems and for NZa).

use super::context::Ctx;
use crate::core::decision::Decision;
use crate::core::funding::{Reviewed, Verdict};
use crate::core::rules::Rules;
use crate::core::sanitize::clean;
use crate::io::output::Existing;
use crate::store::Store;
use crate::text::{self, Lang};
use anyhow::{Context, Result, bail};
use serde::Serialize;
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
        let rules = ctx.rules_without_market()?;
        let out = (self.output.as_deref(), Existing::from_force(self.force));
        letter(
            &ctx.open_existing()?,
            rules,
            &self.plan_id,
            self.format,
            out,
            ctx.lang(),
        )
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
}

impl ExportCommand {
    pub fn run(&self, ctx: &Ctx) -> Result<i32> {
        let ExportCommand::Decisions {
            csv,
            json: _,
            output,
            force,
        } = self;
        let rules = ctx.rules()?;
        let out = (output.as_deref(), Existing::from_force(*force));
        export_decisions(&ctx.open_existing()?, rules, *csv, out, ctx.lang())
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

/// The double-funding findings of the version a decision was made on, as the registry and
/// the buyer's judgements stand now (the amounts come from the decision's snapshot).
fn findings(store: &Store, d: &Decision, plan: &crate::core::plan::Plan) -> Result<Vec<Reviewed>> {
    let registry = crate::app::assess::load_registry(store)?;
    Ok(crate::app::assess::review_plan(store, &registry, &d.plan_id, plan)?
        .map(|r| r.flags)
        .unwrap_or_default())
}

pub fn letter(
    store: &Store,
    rules: &Rules,
    plan_id: &str,
    format: LetterFormat,
    (out, existing): (Option<&Path>, Existing),
    lang: Lang,
) -> Result<i32> {
    let all = store.decisions(plan_id)?;
    let Some(d) = all.last() else {
        if store.latest_plan(plan_id)?.is_none() {
            bail!("{}: {}", text::UNKNOWN_PLAN.get(lang), clean(plan_id));
        }
        bail!(
            "{} {}",
            text::decision::NO_DECISIONS.get(lang),
            text::decision::DECIDE_FIRST.get(lang)
        );
    };
    let plan = store
        .plan_version(plan_id, d.version_no)?
        .with_context(|| format!("plan {plan_id} version {} is missing", d.version_no))?;
    let assessment = store.decision_snapshot(d.id)?;
    let flags = findings(store, d, &plan)?;
    let input = crate::text::letter::LetterInput {
        insurer: &rules.policy.insurer,
        plan: &plan,
        decision: d,
        assessment: &assessment,
        flags: &flags,
        superseded: all.len() - 1,
        audit_head: &store.audit_head()?.to_string(),
    };
    let doc = crate::text::letter::letter(&input, lang);
    let text = match format {
        LetterFormat::Md => doc.markdown(),
        LetterFormat::Html => doc.html(),
    };
    emit(&text, out, existing, text::decision::LETTER_WRITTEN, lang)?;
    Ok(0)
}

/// One contract year of an exported decision.
#[derive(Serialize)]
struct YearJson {
    year: u16,
    requested_cents: i64,
    fundable_cents: i64,
    double_funded_cents: i64,
    contracted_cents: i64,
    /// What this insurer pays of the contracted amount: a leader's own share by the market
    /// data (it decides for the whole region), else the contracted amount itself.
    paid_cents: i64,
}

/// One exported decision: field names are a stable interface (docs/cli.md); NZa imports it.
#[derive(Serialize)]
struct DecisionExport {
    plan_id: String,
    plan_version: u32,
    plan_sha256: String,
    resv_name: String,
    region: String,
    rho_region: String,
    scenario: &'static str,
    /// The plan's state now (a newer version after the decision makes it `resubmitted`).
    plan_state: &'static str,
    decision_id: i64,
    supersedes: Option<i64>,
    outcome: &'static str,
    needs_approval: bool,
    pending_approval: bool,
    approved_by: Option<String>,
    approved_at: Option<String>,
    decided_by: String,
    decided_at: String,
    contracted_total_cents: i64,
    years: Vec<YearJson>,
    conditions: Vec<String>,
    questions: Vec<String>,
    reasoning: String,
    override_reason: Option<String>,
    total_score: f64,
    knocked_out: bool,
    recommendation: &'static str,
    /// Activity cost per main task 1-5, mean per contract year (from the snapshot).
    per_main_task_cents: [i64; 5],
    open_flags: usize,
    confirmed_flags: usize,
    policy_version: String,
    guidance_sha256: String,
    policy_sha256: String,
    regions_sha256: String,
    /// The market leader rule: this insurer's role in the region (`leader`, `follower`,
    /// `no-share`, `no-market-data`, `unknown`), the leader's insurer id, the plan's
    /// coordination status (see `follow status`), and a deviation's reason.
    market_role: &'static str,
    market_leader: Option<String>,
    coordination_status: &'static str,
    deviation_reason: Option<String>,
}

#[derive(Serialize)]
struct ExportJson<'a> {
    format: &'static str,
    format_version: u32,
    insurer: &'a str,
    /// The insurer's id in the market data (NZa keys its population on it).
    insurer_id: Option<&'a str>,
    exported_at: String,
    /// The newest audit entry of the database exported from, `SEQ:HASH`.
    audit_head: String,
    decisions: Vec<DecisionExport>,
}

fn export_rows(store: &Store, rules: &Rules) -> Result<Vec<DecisionExport>> {
    use crate::core::coordination::status::{Kind, Status, role, status};
    let coordination = store.all_coordination()?;
    let states: std::collections::HashMap<String, _> = store
        .queue_rows()?
        .into_iter()
        .map(|r| (r.id.clone(), r.status))
        .collect();
    let registry = crate::app::assess::load_registry(store)?;
    let mut out = Vec::new();
    for (plan_id, d) in store.latest_decisions()? {
        let plan = store
            .plan_version(&plan_id, d.version_no)?
            .with_context(|| format!("plan {plan_id} version {} is missing", d.version_no))?;
        let a = store.decision_snapshot(d.id)?;
        let review = crate::app::assess::review_plan(store, &registry, &plan_id, &plan)?;
        let records = coordination.get(&plan_id).map(Vec::as_slice).unwrap_or_default();
        let latest_version = store.latest_plan(&plan_id)?.map_or(d.version_no, |s| s.version_no);
        let market_role = role(&rules.market, crate::app::follow::me(rules), &plan.region.rho_region);
        let coordination_status = status(&market_role, latest_version, Some(&d), records);
        let flags = review.as_ref().map(|r| r.flags.as_slice()).unwrap_or_default();
        let paid = own_share(rules, &market_role, &plan.region.rho_region, &d);
        let years = a
            .years
            .iter()
            .map(|y| YearJson {
                year: y.year,
                requested_cents: y.requested.0,
                fundable_cents: y.fundable.0,
                double_funded_cents: y.double_funded.0,
                contracted_cents: d.amounts.iter().find(|c| c.year == y.year).map_or(0, |c| c.amount.0),
                paid_cents: paid.iter().find(|c| c.year == y.year).map_or(0, |c| c.amount.0),
            })
            .collect();
        out.push(DecisionExport {
            plan_version: d.version_no,
            plan_sha256: d.plan_sha256.clone(),
            resv_name: plan.resv.name.clone(),
            region: plan.region.name.clone(),
            rho_region: plan.region.rho_region.clone(),
            scenario: plan.resv.scenario.keyword(),
            plan_state: states.get(&plan_id).map_or("received", |s| s.keyword()),
            decision_id: d.id,
            supersedes: d.supersedes,
            outcome: d.outcome.keyword(),
            needs_approval: d.needs_approval,
            pending_approval: d.is_pending(),
            approved_by: d.approval.as_ref().map(|x| x.by.clone()),
            approved_at: d.approval.as_ref().map(|x| x.at.clone()),
            decided_by: d.by.clone(),
            decided_at: d.at.clone(),
            contracted_total_cents: d.total().0,
            years,
            conditions: d.conditions.clone(),
            questions: d.questions.clone(),
            reasoning: d.reasoning.clone(),
            override_reason: d.override_reason.clone(),
            total_score: a.total_tenths as f64 / 10.0,
            knocked_out: a.knocked_out,
            recommendation: a.recommendation.keyword(),
            per_main_task_cents: a.per_task.map(|c| c.0),
            open_flags: flags.iter().filter(|f| f.is_open()).count(),
            confirmed_flags: flags.iter().filter(|f| f.verdict() == Some(Verdict::Confirmed)).count(),
            policy_version: d.policy_version.clone(),
            guidance_sha256: d.guidance_sha256.clone(),
            policy_sha256: d.policy_sha256.clone(),
            regions_sha256: d.regions_sha256.clone(),
            market_role: market_role.keyword(),
            market_leader: rules.market.region(&plan.region.rho_region).map(|r| r.leader.clone()),
            coordination_status: coordination_status.keyword(),
            deviation_reason: records
                .iter()
                .rfind(|r| r.kind == Kind::Deviate && r.version_no == latest_version)
                .filter(|_| coordination_status == Status::Deviating)
                .and_then(|r| r.reason.clone()),
            plan_id,
        });
    }
    out.sort_by(|a, b| a.plan_id.cmp(&b.plan_id));
    Ok(out)
}

/// What this insurer pays of a decision per year: a leader decides the region's whole
/// contract and pays its own part of the split; everyone else pays what it decided.
fn own_share(
    rules: &Rules,
    role: &crate::core::coordination::status::Role,
    rho_region: &str,
    d: &Decision,
) -> Vec<crate::core::decision::YearAmount> {
    use crate::core::coordination::status::Role;
    let me = crate::app::follow::me(rules);
    match (role, rules.market.region(rho_region), me) {
        (Role::Leader, Some(region), Some(me)) => {
            crate::core::coordination::split_years(region, &d.amounts, &rules.market)
                .into_iter()
                .find(|p| p.insurer_id == me)
                .map(|p| p.year_amounts())
                .unwrap_or_default()
        }
        _ => d.amounts.clone(),
    }
}

pub fn export_decisions(
    store: &Store,
    rules: &Rules,
    csv: bool,
    (out, existing): (Option<&Path>, Existing),
    lang: Lang,
) -> Result<i32> {
    let rows = export_rows(store, rules)?;
    let head = store.audit_head()?.to_string();
    let text = if csv {
        // The one CSV writer neutralises every cell, for a file and the terminal alike.
        to_csv(&rows, &head)?
    } else {
        let doc = ExportJson {
            format: "resv-decisions",
            format_version: 2,
            // The market data's name of the insurer (`--insurer` may name another than the
            // policy's), else the policy's.
            insurer: match crate::app::follow::me(rules) {
                Some(id) if rules.market.insurer(id).is_some() => rules.market.name_of(id),
                _ => &rules.policy.insurer,
            },
            insurer_id: crate::app::follow::me(rules),
            exported_at: store.now(),
            audit_head: head,
            decisions: rows,
        };
        let json = serde_json::to_string_pretty(&doc)? + "\n";
        // Escaped in a file too: the same JSON value, and `cat` on the file stays safe.
        crate::core::sanitize::json_for_terminal(&json).into_owned()
    };
    emit(&text, out, existing, text::decision::EXPORT_WRITTEN, lang)?;
    Ok(0)
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
