//! The queue's summaries of every plan (score, knock-out, open flags): read from the store
//! where their key is current, computed (and stored, when the database is writable) where
//! it is not. The key holds everything a summary depends on, so a write anywhere (a new
//! plan version, a manual score, a judgement, a registry import, other rule files, another
//! build of resv) makes the summaries it touches stale by itself; nothing has to remember
//! to invalidate them.

use crate::app::registry::Registry;
use crate::core::assess::assess_with;
use crate::core::funding::{self, RegistryIndex};
use crate::core::rules::Rules;
use crate::store::{Store, Summary, SummaryScope, SummaryState};
use anyhow::Result;
use std::collections::HashMap;

/// Above this many stale plans, their data is read in bulk rather than plan by plan.
const BULK_FROM: usize = 32;
/// Above this many stale plans, the whole registry is read and indexed once (about 2 s for
/// 100,000 arrangements) rather than each plan's candidates looked up by key (a few ms).
const WHOLE_REGISTRY_FROM: usize = 500;

/// The rule files and the build a summary was computed with, as one digest.
pub fn rules_key(rules: &Rules) -> String {
    let parts = [
        env!("CARGO_PKG_VERSION"),
        &rules.guidance_source.sha256,
        &rules.policy_source.sha256,
        &rules.regions_source.sha256,
        &rules.market_source.sha256,
    ];
    crate::core::sha256_hex(&parts.join("\n"))
}

/// Every plan's summary by plan id. `states` and the registry version come from
/// [`Store::summary_states`]; stale ones are computed here and stored when the database
/// is writable (a failure to store is logged, never shown: the figures are right either way).
pub fn resolve(
    store: &Store,
    rules: &Rules,
    registry: &Registry,
    registry_version: i64,
    states: &[SummaryState],
) -> Result<HashMap<String, Summary>> {
    let mut out: HashMap<String, Summary> = HashMap::with_capacity(states.len());
    let stale: Vec<&SummaryState> = states.iter().filter(|s| s.fresh.is_none()).collect();
    for s in states {
        if let Some(summary) = s.fresh {
            out.insert(s.plan_id.clone(), summary);
        }
    }
    if stale.is_empty() {
        return Ok(out);
    }
    // Arrangements are never deleted: version 0 means no registry, nothing to read. A few
    // stale plans each look their candidates up by key; many read the whole registry once.
    // The key records the registry version the data used was read at (or an older one,
    // which only makes the summary stale sooner).
    let (used_version, source) = if registry_version == 0 {
        (0, Source::None)
    } else if stale.len() >= WHOLE_REGISTRY_FROM || registry.if_loaded().is_some() {
        let (version, index) = registry.get_versioned(store)?;
        (version, Source::Whole(index))
    } else {
        (registry_version, Source::PerPlan(registry))
    };
    let computed = compute(store, rules, &source, &stale)?;
    let mut keep = Vec::with_capacity(computed.len());
    for (state, summary) in &computed {
        out.insert(state.plan_id.clone(), *summary);
        keep.push((*state, *summary));
    }
    let scope = SummaryScope {
        rules_key: rules_key(rules),
        registry_version: used_version,
    };
    if let Err(e) = store.store_summaries(&scope, &keep) {
        tracing::warn!("queue summaries not stored: {e:#}");
    }
    Ok(out)
}

/// Where a fresh summary's registry comes from.
enum Source<'r> {
    None,
    Whole(&'r RegistryIndex),
    PerPlan(&'r Registry),
}

/// Assesses the plans of `stale` afresh: only those whose stored version is still the one
/// their state names (a plan replaced meanwhile is left out, and shown stale next time).
fn compute<'s>(
    store: &Store,
    rules: &Rules,
    source: &Source<'_>,
    stale: &[&'s SummaryState],
) -> Result<Vec<(&'s SummaryState, Summary)>> {
    let mut out = Vec::with_capacity(stale.len());
    let empty = RegistryIndex::default();
    let has_registry = !matches!(source, Source::None);
    // One plan's summary with the registry `source` gives for it.
    let one = |plan: &crate::core::plan::Plan, sha: &str, manual: &[_], judgements: &[_]| -> Result<Summary> {
        Ok(match source {
            Source::None => summarise(plan, sha, rules, &empty, manual, judgements),
            Source::Whole(ix) => summarise(plan, sha, rules, ix, manual, judgements),
            Source::PerPlan(r) => summarise(plan, sha, rules, &*r.for_plan(store, plan)?, manual, judgements),
        })
    };
    if stale.len() >= BULK_FROM {
        let manual = store.all_manual_inputs()?;
        let judgements = if has_registry {
            store.all_judgements()?
        } else {
            Default::default()
        };
        let wanted: HashMap<&str, &SummaryState> = stale.iter().map(|s| (s.plan_id.as_str(), *s)).collect();
        let plans: Vec<_> = store
            .latest_plans()?
            .into_iter()
            .filter_map(|(id, sha, _, plan)| {
                let state = *wanted.get(id.as_str()).filter(|s| s.sha256 == sha)?;
                Some((state, sha, plan))
            })
            .collect();
        let inputs = |id: &str| {
            let j = judgements.get(id).map(Vec::as_slice).unwrap_or(&[]);
            let m = manual.get(id).map(Vec::as_slice).unwrap_or(&[]);
            (m, j)
        };
        // Without a per-plan lookup (which reads the store) the work is pure: on every core.
        let pure = match source {
            Source::None => Some(&empty),
            Source::Whole(ix) => Some(*ix),
            Source::PerPlan(_) => None,
        };
        if let Some(ix) = pure {
            let computed = crate::core::par::map(&plans, |(state, sha, plan)| {
                let (m, j) = inputs(&state.plan_id);
                summarise(plan, sha, rules, ix, m, j)
            });
            out.extend(plans.iter().map(|p| p.0).zip(computed));
        } else {
            for (state, sha, plan) in &plans {
                let (m, j) = inputs(&state.plan_id);
                out.push((*state, one(plan, sha, m, j)?));
            }
        }
    } else {
        for state in stale {
            let Some(sp) = store.latest_plan(&state.plan_id)? else {
                continue;
            };
            if sp.sha256 != state.sha256 {
                continue;
            }
            let judgements = if has_registry {
                store.judgements(&state.plan_id)?
            } else {
                Vec::new()
            };
            let manual = store.manual_inputs(&state.plan_id)?;
            out.push((*state, one(&sp.plan, &sp.sha256, &manual, &judgements)?));
        }
    }
    Ok(out)
}

/// One plan's summary from a fresh assessment.
pub fn summarise(
    plan: &crate::core::plan::Plan,
    sha: &str,
    rules: &Rules,
    index: &RegistryIndex,
    manual: &[crate::core::assess::ManualInput],
    judgements: &[funding::Judgement],
) -> Summary {
    let review = (!index.is_empty()).then(|| funding::review(plan, index, judgements));
    let a = assess_with(plan, sha, rules, manual, review.as_ref());
    Summary {
        total_tenths: a.total_tenths,
        knocked_out: a.knocked_out,
        open_flags: review.as_ref().map(|r| r.open_count() as u32),
    }
}

/// The stored summaries whose key is current but whose figures differ from a fresh
/// assessment: the plan ids (`audit verify` names them). Empty when the cache tells the
/// truth.
pub fn differing(store: &Store, rules: &Rules, registry: &Registry) -> Result<Vec<String>> {
    let key = rules_key(rules);
    let (registry_version, states) = store.snapshot(|s| s.summary_states(&key))?;
    let fresh: Vec<&SummaryState> = states.iter().filter(|s| s.fresh.is_some()).collect();
    if fresh.is_empty() {
        return Ok(Vec::new());
    }
    let source = if registry_version == 0 {
        Source::None
    } else {
        Source::Whole(registry.get(store)?)
    };
    let mut out = Vec::new();
    for (state, summary) in compute(store, rules, &source, &fresh)? {
        if state.fresh != Some(summary) {
            out.push(state.plan_id.clone());
        }
    }
    Ok(out)
}
