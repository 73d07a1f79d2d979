//! Assessing stored plans: the shell that joins the store (plans, manual inputs) with the
//! pure assessment in [`crate::core::assess`].

use crate::app::registry::Registry;
use crate::core::assess::{Assessment, Manual, ManualInput, assess_with, check_manual};
use crate::core::decision::PlanState;
use crate::core::funding::{self, Judgement, RegistryIndex, Review, Verdict};
use crate::core::plan::Plan;
use crate::core::queue::QueueRow;
use crate::core::rules::{CheckId, Rules};
use crate::core::sanitize::clean;
use crate::store::{Store, StoredPlan};
use crate::text::Lang;
use anyhow::{Result, anyhow};

/// The registry of existing arrangements, prepared for matching (empty when none imported).
pub fn load_registry(store: &Store) -> Result<RegistryIndex> {
    Ok(RegistryIndex::new(crate::app::registry::list(store)?))
}

/// A stored plan's latest version, its double-funding review (when the registry holds
/// arrangements) and its assessment.
pub struct Assessed {
    pub stored: StoredPlan,
    pub review: Option<Review>,
    pub assessment: Assessment,
}

/// The plan's double-funding review with the buyer's judgements; `None` without a registry.
pub fn review_plan(store: &Store, registry: &RegistryIndex, plan_id: &str, plan: &Plan) -> Result<Option<Review>> {
    if registry.is_empty() {
        return Ok(None);
    }
    let judgements = store.judgements(plan_id)?;
    Ok(Some(funding::review(plan, registry, &judgements)))
}

/// The latest version of a plan with its review and assessment, or `None` for an unknown plan.
pub fn assess_stored(store: &Store, rules: &Rules, registry: &Registry, plan_id: &str) -> Result<Option<Assessed>> {
    let Some(sp) = store.latest_plan(plan_id)? else {
        return Ok(None);
    };
    let manual = store.manual_inputs(plan_id)?;
    let registry = registry.for_plan(store, &sp.plan)?;
    let review = review_plan(store, &registry, plan_id, &sp.plan)?;
    let a = assess_with(&sp.plan, &sp.sha256, rules, &manual, review.as_ref());
    Ok(Some(Assessed {
        stored: sp,
        review,
        assessment: a,
    }))
}

/// The latest version of a plan checked against the registry, even an empty one (`resv
/// funding` shows the check either way), and its assessment with that review; `None` for an
/// unknown plan.
pub fn review_stored(
    store: &Store,
    rules: &Rules,
    registry: &Registry,
    plan_id: &str,
) -> Result<Option<(StoredPlan, Review, Assessment)>> {
    let Some(sp) = store.latest_plan(plan_id)? else {
        return Ok(None);
    };
    let judgements = store.judgements(plan_id)?;
    let registry = registry.for_plan(store, &sp.plan)?;
    let review = funding::review(&sp.plan, &registry, &judgements);
    let manual = store.manual_inputs(plan_id)?;
    let a = assess_with(&sp.plan, &sp.sha256, rules, &manual, Some(&review));
    Ok(Some((sp, review, a)))
}

/// The queue (latest version of each plan), only the plans in `state` when given, each
/// assessed: score, knock-out, open flags and days to the deadline.
pub fn queue(cx: &crate::app::Context, state: Option<PlanState>) -> Result<Vec<QueueRow>> {
    scored_queue(&cx.store, &cx.rules, &cx.registry, state)
}

/// [`queue`] over the parts the workbench keeps (it holds no [`crate::app::Context`]). The
/// rows and the stored summaries are read in one transaction, so no summary is older than
/// the rows beside it.
pub fn scored_queue(
    store: &Store,
    rules: &Rules,
    registry: &Registry,
    state: Option<PlanState>,
) -> Result<Vec<QueueRow>> {
    let key = crate::app::summaries::rules_key(rules);
    // Row `i` and `fresh[i]` are the same plan (one statement read both, in order); the
    // plans whose stored summary is not current come as `stale`, to be computed.
    let (mut rows, registry_version, fresh, stale) = store.queue_and_states(&key)?;
    let wanted = |r: &QueueRow| state.is_none_or(|s| r.status == s);
    let computed = if stale.is_empty() {
        Default::default()
    } else {
        let asked: std::collections::HashSet<&str> = rows.iter().filter(|r| wanted(r)).map(|r| r.id.as_str()).collect();
        let stale: Vec<_> = stale
            .into_iter()
            .filter(|s| asked.contains(s.plan_id.as_str()))
            .collect();
        crate::app::summaries::resolve(store, rules, registry, registry_version, &stale)?
    };
    let today = store.today();
    for (r, f) in rows.iter_mut().zip(&fresh) {
        set_columns(r, rules, today, f.as_ref().or_else(|| computed.get(&r.id)));
    }
    rows.retain(wanted);
    Ok(rows)
}

/// One plan's queue row as stored (state, outcome of the current decision, version count),
/// not scored; `None` when there is no such plan.
pub fn queue_row(store: &Store, plan_id: &str) -> Result<Option<QueueRow>> {
    store.queue_row(plan_id)
}

/// Fills in the queue's score, knock-out, open-flag and deadline columns of `rows` (from
/// the stored summaries where current, else assessing afresh).
pub fn score_queue(store: &Store, rules: &Rules, registry: &Registry, rows: &mut [QueueRow]) -> Result<()> {
    let key = crate::app::summaries::rules_key(rules);
    let (registry_version, states) = store.snapshot(|s| s.summary_states(&key))?;
    let summaries = crate::app::summaries::resolve(store, rules, registry, registry_version, &states)?;
    fill(store, rules, &summaries, rows);
    Ok(())
}

pub(crate) fn fill(
    store: &Store,
    rules: &Rules,
    summaries: &std::collections::HashMap<String, crate::store::Summary>,
    rows: &mut [QueueRow],
) {
    let today = store.today();
    for r in rows.iter_mut() {
        set_columns(r, rules, today, summaries.get(&r.id));
    }
}

/// A queue row's deadline, and its score, knock-out and open flags from `summary`.
pub(crate) fn set_columns(
    r: &mut QueueRow,
    rules: &Rules,
    today: crate::core::plan::Date,
    summary: Option<&crate::store::Summary>,
) {
    r.days_left = crate::core::decision::days_left(rules.policy.decisions.deadline, today, r.status);
    if let Some(s) = summary {
        r.score = Some(s.total_tenths);
        r.knocked_out = Some(s.knocked_out);
        r.open_flags = s.open_flags;
    }
}

/// One field of an entry: keep what is stored, or set it (`Set(None)` clears it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change<T> {
    Keep,
    Set(Option<T>),
}

impl<T> Change<T> {
    fn or(self, current: Option<T>) -> Option<T> {
        match self {
            Change::Keep => current,
            Change::Set(value) => value,
        }
    }
}

/// What a buyer enters on one criterion. A kept score is the current one only while it
/// still counts (not stale); a kept note is the current note.
#[derive(Clone, Debug)]
pub struct Entry {
    pub criterion: CheckId,
    pub score: Change<i32>,
    pub note: Change<String>,
}

/// Records a buyer's manual score and/or note on one criterion of a plan's latest version
/// and returns the new assessment. Invalid input is refused with the reason in `lang`.
pub fn record_manual(
    store: &mut Store,
    rules: &Rules,
    registry: &Registry,
    plan_id: &str,
    entry: Entry,
    user: &str,
    lang: Lang,
) -> Result<Assessment> {
    crate::app::writable(store, lang)?;
    let sp = store
        .latest_plan(plan_id)?
        .ok_or_else(|| anyhow!("{}", crate::text::unknown_plan(plan_id, None, lang)))?;
    let mut manual = store.manual_inputs(plan_id)?;
    let review = review_plan(store, &*registry.for_plan(store, &sp.plan)?, plan_id, &sp.plan)?;
    let before = assess_with(&sp.plan, &sp.sha256, rules, &manual, review.as_ref());
    let Entry { criterion, score, note } = entry;
    let current = before.criterion(criterion).and_then(|c| c.manual.as_ref());
    let score = score.or(current.and_then(Manual::fresh_score));
    let note = note
        .or(current.and_then(|m| m.note.clone()))
        .filter(|n| !n.trim().is_empty());
    check_manual(&before, &rules.policy.scale, criterion, score, note.as_deref())
        .map_err(|t| anyhow!("{}", t.get(lang == Lang::En)))?;
    let inputs = before
        .criterion(criterion)
        .map(|c| c.inputs.clone())
        .unwrap_or_default();
    let input = ManualInput {
        criterion,
        score,
        note,
        inputs,
        by: user.to_string(),
        at: store.now(),
    };
    manual.push(input.clone());
    let after = assess_with(&sp.plan, &sp.sha256, rules, &manual, review.as_ref());
    store.record_manual(&input, &after)?;
    Ok(after)
}

/// A buyer's confirm or dismiss of one double-funding flag of a plan's latest version.
pub struct FlagJudgement<'a> {
    pub plan_id: &'a str,
    pub activity_id: &'a str,
    pub arrangement_id: &'a str,
    pub verdict: Verdict,
    pub reason: &'a str,
}

/// Records a judgement on a flag the matcher raises now, and returns the plan's new review
/// and assessment. A flag that does not exist, an empty reason or a read-only database is
/// refused with the reason in `lang`, and nothing is stored.
pub fn judge_flag(
    store: &mut Store,
    rules: &Rules,
    registry: &Registry,
    j: &FlagJudgement<'_>,
    user: &str,
    lang: Lang,
) -> Result<Assessed> {
    crate::app::writable(store, lang)?;
    let unknown_plan = || anyhow!("{}", crate::text::unknown_plan(j.plan_id, None, lang));
    let sp = store.latest_plan(j.plan_id)?.ok_or_else(unknown_plan)?;
    if j.reason.trim().is_empty() {
        anyhow::bail!("{}", crate::text::REASON_REQUIRED.get(lang));
    }
    crate::core::check_text("reason", j.reason.trim()).map_err(|e| anyhow!("{}", e.text().get(lang == Lang::En)))?;
    let review = review_plan(store, &*registry.for_plan(store, &sp.plan)?, j.plan_id, &sp.plan)?;
    let flagged = review
        .iter()
        .flat_map(|r| &r.flags)
        .any(|f| f.flag.activity_id == j.activity_id && f.flag.arrangement_id == j.arrangement_id);
    if !flagged {
        anyhow::bail!(
            "{} {} ↔ {}: {}",
            clean(j.plan_id),
            clean(j.activity_id),
            clean(j.arrangement_id),
            crate::text::UNKNOWN_FLAG.get(lang)
        );
    }
    let judgement = Judgement {
        activity_id: j.activity_id.to_string(),
        arrangement_id: j.arrangement_id.to_string(),
        verdict: j.verdict,
        reason: j.reason.trim().to_string(),
        by: user.to_string(),
        at: store.now(),
    };
    store.record_judgement(j.plan_id, &sp.sha256, &judgement)?;
    assess_stored(store, rules, registry, j.plan_id)?.ok_or_else(unknown_plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loaded() -> (Store, Rules, Registry) {
        let mut store = Store::open_in_memory().unwrap();
        store.set_fixed_now("2026-11-01T09:00:00Z");
        crate::app::import::load_samples(&mut store, "inkoper").unwrap();
        let registry = Registry::default();
        (store, crate::io::rules_files::built_in_rules(), registry)
    }

    #[test]
    fn the_scored_queue_holds_every_plan_scored_and_filters_by_state() {
        let (store, rules, registry) = loaded();
        let all = scored_queue(&store, &rules, &registry, None).unwrap();
        assert_eq!(all.len(), crate::io::embedded::SAMPLE_PLANS.len());
        assert!(
            all.iter()
                .all(|r| r.score.is_some() && r.knocked_out.is_some() && r.open_flags.is_some())
        );
        let state = all[0].status;
        let some = scored_queue(&store, &rules, &registry, Some(state)).unwrap();
        assert!(!some.is_empty() && some.iter().all(|r| r.status == state));
        let other = all.iter().map(|r| r.status).find(|s| *s != state);
        if let Some(s) = other {
            assert!(
                scored_queue(&store, &rules, &registry, Some(s))
                    .unwrap()
                    .iter()
                    .all(|r| r.status != state)
            );
        }
    }

    #[test]
    fn one_queue_row_is_the_stored_row_unscored_and_none_for_an_unknown_plan() {
        let (store, rules, registry) = loaded();
        let scored = scored_queue(&store, &rules, &registry, None).unwrap();
        let row = queue_row(&store, &scored[1].id).unwrap().unwrap();
        assert_eq!(
            (&row.id, row.status, row.versions),
            (&scored[1].id, scored[1].status, scored[1].versions)
        );
        assert_eq!(row.score, None);
        assert!(queue_row(&store, "RESV-NERGENS").unwrap().is_none());
    }
}
