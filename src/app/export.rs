//! What leaves the insurer's database: the export of every current decision (for the
//! insurer's systems and for NZa) and the facts of a plan's decision letter.

use crate::app::context::Sources;
use crate::core::assess::Assessment;
use crate::core::decision::Decision;
use crate::core::export::{DecisionExport, Document, ExportYear, FORMAT, FORMAT_VERSION};
use crate::core::funding::{Reviewed, Verdict};
use crate::core::plan::Plan;
use crate::core::rules::Rules;
use anyhow::{Context as _, Result};

/// Every plan's current decision with its plan facts, sorted by plan id.
pub fn decision_rows(cx: Sources<'_>) -> Result<Vec<DecisionExport>> {
    let (store, rules) = (cx.store, cx.rules);
    let coordination = store.all_coordination()?;
    // Each plan's state and latest version number, from the queue's rows.
    let latest: std::collections::HashMap<String, _> = store
        .queue_rows()?
        .into_iter()
        .map(|r| (r.id, (r.status, r.versions)))
        .collect();
    let mut out = Vec::new();
    let mut decided: Vec<(String, Decision)> = store.latest_decisions()?.into_iter().collect();
    decided.sort_by(|a, b| a.0.cmp(&b.0));
    // A chunk of plans at a time, with the registry candidates of all of them (by key):
    // never the whole registry's index, nor every plan at once.
    for chunk in decided.chunks(EXPORT_CHUNK) {
        let plans = chunk
            .iter()
            .map(|(plan_id, d)| {
                store
                    .plan_version(plan_id, d.version_no)?
                    .with_context(|| format!("plan {plan_id} version {} is missing", d.version_no))
            })
            .collect::<Result<Vec<Plan>>>()?;
        let registry = cx.registry.for_plans(store, &plans.iter().collect::<Vec<_>>())?;
        for ((plan_id, d), plan) in chunk.iter().zip(plans) {
            out.push(decision_row(
                store,
                rules,
                &registry,
                &coordination,
                &latest,
                plan_id,
                d,
                plan,
            )?);
        }
    }
    Ok(out)
}

/// Decisions exported per chunk of plans read together.
const EXPORT_CHUNK: usize = 200;

/// One plan's row of the export.
#[allow(clippy::too_many_arguments)]
fn decision_row(
    store: &crate::store::Store,
    rules: &Rules,
    registry: &crate::core::funding::RegistryIndex,
    coordination: &std::collections::HashMap<String, Vec<crate::core::coordination::status::Record>>,
    latest: &std::collections::HashMap<String, (crate::core::decision::PlanState, u32)>,
    plan_id: &str,
    d: &Decision,
    plan: Plan,
) -> Result<DecisionExport> {
    use crate::core::coordination::status::{Kind, Status, role, status};
    let plan_id = plan_id.to_string();
    let a = store.decision_snapshot(d.id)?;
    let review = crate::app::assess::review_plan(store, registry, &plan_id, &plan)?;
    let records = coordination.get(&plan_id).map(Vec::as_slice).unwrap_or_default();
    let (state, latest_version) = latest.get(&plan_id).copied().unzip();
    let latest_version = latest_version.unwrap_or(d.version_no);
    let market_role = role(&rules.market, crate::app::follow::me(rules), &plan.region.rho_region);
    let coordination_status = status(&market_role, latest_version, Some(d), records);
    let flags = review.as_ref().map(|r| r.flags.as_slice()).unwrap_or_default();
    let paid = own_share(rules, &market_role, &plan.region.rho_region, d);
    let years = a
        .years
        .iter()
        .map(|y| ExportYear {
            year: y.year,
            requested_cents: y.requested.0,
            fundable_cents: y.fundable.0,
            double_funded_cents: y.double_funded.0,
            contracted_cents: d.amounts.iter().find(|c| c.year == y.year).map_or(0, |c| c.amount.0),
            paid_cents: paid.iter().find(|c| c.year == y.year).map_or(0, |c| c.amount.0),
        })
        .collect();
    Ok(DecisionExport {
        plan_version: d.version_no,
        plan_sha256: d.plan_sha256.clone(),
        resv_name: plan.resv.name.clone(),
        region: plan.region.name.clone(),
        rho_region: plan.region.rho_region.clone(),
        scenario: plan.resv.scenario.keyword().to_string(),
        plan_state: state.map_or("received", |s| s.keyword()).to_string(),
        decision_id: d.id,
        supersedes: d.supersedes,
        outcome: d.outcome.keyword().to_string(),
        needs_approval: d.needs_approval,
        pending_approval: d.is_pending(),
        approved_by: d.approval.as_ref().map(|x| x.by.clone()),
        approved_at: d.approval.as_ref().map(|x| x.at),
        decided_by: d.by.clone(),
        decided_at: d.at,
        contracted_total_cents: d.total().0,
        years,
        conditions: d.conditions.clone(),
        questions: d.questions.clone(),
        reasoning: d.reasoning.clone(),
        override_reason: d.override_reason.clone(),
        total_score: a.total_tenths as f64 / 10.0,
        knocked_out: a.knocked_out,
        recommendation: a.recommendation.keyword().to_string(),
        per_main_task_cents: a.per_task.map(|c| c.0),
        open_flags: flags.iter().filter(|f| f.is_open()).count() as u64,
        confirmed_flags: flags.iter().filter(|f| f.verdict() == Some(Verdict::Confirmed)).count() as u64,
        policy_version: d.policy_version.clone(),
        guidance_sha256: d.guidance_sha256.clone(),
        policy_sha256: d.policy_sha256.clone(),
        regions_sha256: d.regions_sha256.clone(),
        market_role: market_role.keyword().to_string(),
        market_leader: rules.market.region(&plan.region.rho_region).map(|r| r.leader.clone()),
        coordination_status: coordination_status.keyword().to_string(),
        deviation_reason: records
            .iter()
            .rfind(|r| r.kind == Kind::Deviate && r.version_no == latest_version)
            .filter(|_| coordination_status == Status::Deviating)
            .and_then(|r| r.reason.clone()),
        plan_id,
    })
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

/// Which decisions an incremental export holds (`export decisions --since DATE`,
/// `--after DECISION_ID`); both absent: every current decision.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Increment {
    /// Decided on or after this date.
    pub since: Option<crate::core::plan::Date>,
    /// Decision numbers above this one.
    pub after: Option<i64>,
}

/// The decisions export, only the current decisions in the increment.
pub fn decisions_document_in(cx: Sources<'_>, inc: &Increment) -> Result<Document<DecisionExport>> {
    let mut doc = decisions_document(cx)?;
    doc.decisions
        .retain(|d| inc.since.is_none_or(|s| d.decided_at.date() >= s) && inc.after.is_none_or(|a| d.decision_id > a));
    Ok(doc)
}

/// The export document: its rows (see [`decision_rows`]), the insurer, when and the audit head.
pub fn decisions_document(cx: Sources<'_>) -> Result<Document> {
    let rules = cx.rules;
    let decisions = decision_rows(cx)?;
    let audit_head = cx.store.audit_head()?.to_string();
    let me = crate::app::follow::me(rules);
    Ok(Document {
        format: FORMAT.to_string(),
        format_version: FORMAT_VERSION,
        // The market data's name of the insurer (`--insurer` may name another than the
        // policy's), else the policy's.
        insurer: match me {
            Some(id) if rules.market.insurer(id).is_some() => rules.market.name_of(id),
            _ => &rules.policy.insurer,
        }
        .to_string(),
        insurer_id: me.map(str::to_string),
        exported_at: cx.store.now(),
        audit_head: Some(audit_head),
        decisions,
    })
}

/// The double-funding findings of the version a decision was made on, as the registry and
/// the buyer's judgements stand now (the amounts come from the decision's snapshot).
fn findings(cx: Sources<'_>, d: &Decision, plan: &Plan) -> Result<Vec<Reviewed>> {
    Ok(
        crate::app::assess::review_plan(cx.store, &*cx.registry.for_plan(cx.store, plan)?, &d.plan_id, plan)?
            .map(|r| r.flags)
            .unwrap_or_default(),
    )
}

/// What a plan's decision letter says: the current decision and how many it replaced, the
/// plan version decided on, the assessment snapshot, the double-funding findings, the head.
pub struct LetterFacts {
    /// The current decision.
    pub decision: Decision,
    /// How many decisions it replaced.
    pub superseded: usize,
    pub plan: Plan,
    pub assessment: Assessment,
    pub flags: Vec<Reviewed>,
    pub audit_head: String,
}

/// Why there is no letter.
pub enum NoLetter {
    UnknownPlan,
    NoDecision,
}

/// The facts of the plan's letter, or why there is none.
pub fn letter_facts(cx: Sources<'_>, plan_id: &str) -> Result<Result<LetterFacts, NoLetter>> {
    let store = cx.store;
    let mut decisions = store.decisions(plan_id)?;
    let Some(d) = decisions.pop() else {
        if store.latest_plan(plan_id)?.is_none() {
            return Ok(Err(NoLetter::UnknownPlan));
        }
        return Ok(Err(NoLetter::NoDecision));
    };
    let plan = store
        .plan_version(plan_id, d.version_no)?
        .with_context(|| format!("plan {plan_id} version {} is missing", d.version_no))?;
    let assessment = store.decision_snapshot(d.id)?;
    let flags = findings(cx, &d, &plan)?;
    let audit_head = store.audit_head()?.to_string();
    Ok(Ok(LetterFacts {
        superseded: decisions.len(),
        decision: d,
        plan,
        assessment,
        flags,
        audit_head,
    }))
}
