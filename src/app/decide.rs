//! Deciding stored plans: the shell that joins the store (plans, decisions, audit) with the
//! pure decision rules in [`crate::core::decision`]. The CLI and the TUI both come here, so
//! a decision is checked and recorded the same way from either.

use crate::app::assess::{Assessed, assess_stored};
use crate::core::decision::{Checked, Decision, Draft, check, check_approval};
use crate::core::diff::{PlanDiff, diff};
use crate::core::rules::Rules;
use crate::core::sanitize::clean;
use crate::store::{NewDecision, Store};
use crate::text::{self, Lang};
use anyhow::{Result, anyhow, bail};

/// A draft checked against the plan's current assessment: what would be recorded.
pub struct Prepared {
    pub assessed: Assessed,
    pub checked: Checked,
    /// The plan's current decision, which the new one would replace.
    pub current: Option<Decision>,
}

/// Checks a draft against the plan's latest version and assessment; refusals come back as
/// one message per problem, in `lang`.
pub fn prepare(
    store: &Store,
    rules: &Rules,
    registry: &crate::app::registry::Registry,
    plan_id: &str,
    draft: &Draft,
    lang: Lang,
) -> Result<Prepared, Vec<String>> {
    let one = |e: anyhow::Error| vec![format!("{e:#}")];
    let assessed = assess_stored(store, rules, registry, plan_id)
        .map_err(one)?
        .ok_or_else(|| vec![text::unknown_plan(plan_id, None, lang)])?;
    let checked = check(draft, &assessed.assessment, &rules.policy.decisions)
        .map_err(|rs| rs.iter().map(|r| text::decision::refusal(r, lang)).collect::<Vec<_>>())?;
    let current = latest(store, plan_id).map_err(one)?;
    Ok(Prepared {
        assessed,
        checked,
        current,
    })
}

/// Records a prepared decision. `expect_latest` is the decision the buyer saw as current
/// (`None`: none); if another buyer decided meanwhile, or a new plan version arrived,
/// nothing is recorded and the error names what happened.
pub fn record(
    store: &mut Store,
    rules: &Rules,
    prepared: &Prepared,
    expect_latest: Option<i64>,
    user: &str,
    lang: Lang,
) -> Result<Decision> {
    crate::app::writable(store, lang)?;
    store.record_decision(&NewDecision {
        checked: &prepared.checked,
        assessment: &prepared.assessed.assessment,
        policy_version: &rules.policy.version,
        by: user,
        expect_latest,
    })
}

/// A second buyer approves the plan's pending decision (four eyes).
pub fn approve(
    store: &mut Store,
    plan_id: &str,
    expect_latest: Option<i64>,
    user: &str,
    lang: Lang,
) -> Result<Decision> {
    crate::app::writable(store, lang)?;
    let current = store
        .latest_decision(plan_id)?
        .ok_or_else(|| anyhow!("{} ({})", text::decision::NOTHING_TO_APPROVE.get(lang), clean(plan_id)))?;
    check_approval(&current, user).map_err(|r| anyhow!("{}", text::decision::approval_refusal(&r, lang)))?;
    store.approve_decision(plan_id, expect_latest.or(Some(current.id)), user)
}

/// The plan's current decision (the one nothing supersedes), or `None` when it has none.
pub fn latest(store: &Store, plan_id: &str) -> Result<Option<Decision>> {
    store.latest_decision(plan_id)
}

/// What changed in a resubmitted plan: from the version last decided on (a return, say) or
/// else the previous version, to the latest. `None` for a plan with one version.
pub fn changes(store: &Store, plan_id: &str) -> Result<Option<(u32, u32, PlanDiff)>> {
    let versions = store.versions(plan_id)?;
    let Some(latest) = versions.last().map(|v| v.version_no) else {
        return Ok(None);
    };
    if latest < 2 {
        return Ok(None);
    }
    let decided_on = store
        .latest_decision(plan_id)?
        .map(|d| d.version_no)
        .filter(|v| *v < latest);
    let from = decided_on.unwrap_or(latest - 1);
    let (Some(old), Some(new)) = (store.plan_version(plan_id, from)?, store.plan_version(plan_id, latest)?) else {
        bail!("plan {plan_id}: version {from} or {latest} cannot be read");
    };
    Ok(Some((from, latest, diff(&old, &new))))
}
