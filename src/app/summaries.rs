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

/// From this many stale plans on, they are read and assessed in chunks (each chunk's plans,
/// inputs and registry candidates read together) rather than plan by plan.
const BULK_FROM: usize = 32;
/// Plans per chunk when computing in bulk in the foreground: enough to spread the
/// assessments over the cores (`core::par::map`), few enough to hold in memory at once.
const BULK_CHUNK: usize = 1_000;

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
    let (used_version, computed) = compute(store, rules, registry, registry_version, &stale)?;
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

/// Assesses the plans of `stale` afresh: only those whose stored version is still the one
/// their state names (a plan replaced meanwhile is left out, and shown stale next time).
/// Also returns the registry version the results used (the key records it; an older one
/// than current only makes the summary stale sooner). Many plans are read and assessed in
/// chunks, in one read transaction (bounded memory: never the whole registry or every
/// plan); a few each look their candidates up by key (or use the whole index when one was
/// given).
fn compute<'s>(
    store: &Store,
    rules: &Rules,
    registry: &Registry,
    registry_version: i64,
    stale: &[&'s SummaryState],
) -> Result<(i64, Vec<(&'s SummaryState, Summary)>)> {
    if stale.len() >= BULK_FROM {
        return store.snapshot(|s| {
            let version = s.registry_version()?;
            let mut out = Vec::with_capacity(stale.len());
            for chunk in stale.chunks(BULK_CHUNK) {
                let read = read_chunk(s, chunk, version)?;
                let computed = crate::core::par::map(&read.todo, |t| t.summarise(rules, &read.index));
                out.extend(read.todo.iter().map(|t| t.state).zip(computed));
            }
            Ok((version, out))
        });
    }
    // Arrangements are never deleted: version 0 means no registry, nothing to read.
    let used_version = match registry.loaded_version() {
        Some(v) if registry_version != 0 => v,
        _ => registry_version,
    };
    let empty = RegistryIndex::default();
    let mut out = Vec::with_capacity(stale.len());
    for state in stale {
        let Some(sp) = store.latest_plan(&state.plan_id)? else {
            continue;
        };
        if sp.sha256 != state.sha256 {
            continue;
        }
        let manual = store.manual_inputs(&state.plan_id)?;
        let summary = if registry_version == 0 {
            summarise(&sp.plan, &sp.sha256, rules, &empty, &manual, &[])
        } else {
            let judgements = store.judgements(&state.plan_id)?;
            let ix = registry.for_plan(store, &sp.plan)?;
            summarise(&sp.plan, &sp.sha256, rules, &ix, &manual, &judgements)
        };
        out.push((*state, summary));
    }
    Ok((used_version, out))
}

/// One chunk of plans to assess, read together: each plan with its manual inputs and
/// judgements, and the registry candidates of all of them (looked up by key with the whole
/// registry's counts: an index that matches each plan exactly as the whole registry's
/// does, `tests/registry_lookup.rs`).
pub(crate) struct Chunk<'s> {
    pub todo: Vec<ToAssess<'s>>,
    pub index: RegistryIndex,
}

/// One plan of a [`Chunk`].
pub(crate) struct ToAssess<'s> {
    pub state: &'s SummaryState,
    sha256: String,
    plan: crate::core::plan::Plan,
    manual: Vec<crate::core::assess::ManualInput>,
    judgements: Vec<funding::Judgement>,
}

impl ToAssess<'_> {
    pub fn summarise(&self, rules: &Rules, index: &RegistryIndex) -> Summary {
        summarise(&self.plan, &self.sha256, rules, index, &self.manual, &self.judgements)
    }
}

/// Reads the plans of `states` (each the version its state names; one replaced meanwhile
/// is left out) with what assessing them needs, at registry version `registry_version`
/// (0: no registry). Call it inside [`Store::snapshot`] with the version read there.
pub(crate) fn read_chunk<'s>(s: &Store, states: &[&'s SummaryState], registry_version: i64) -> Result<Chunk<'s>> {
    let ids: Vec<i64> = states.iter().map(|st| st.version_id).collect();
    let mut plans: HashMap<i64, (String, crate::core::plan::Plan)> = s
        .plan_versions(&ids)?
        .into_iter()
        .map(|(id, sha, plan)| (id, (sha, plan)))
        .collect();
    let index = if registry_version == 0 {
        RegistryIndex::default()
    } else {
        let (items, totals) = s.registry_for(&funding::matcher::plans_lookup(plans.values().map(|(_, p)| p)))?;
        RegistryIndex::partial(items, totals)
    };
    let mut todo = Vec::with_capacity(states.len());
    for &state in states {
        let Some((sha256, plan)) = plans.remove(&state.version_id).filter(|(sha, _)| *sha == state.sha256) else {
            continue;
        };
        let judgements = if registry_version == 0 {
            Vec::new()
        } else {
            s.judgements(&state.plan_id)?
        };
        todo.push(ToAssess {
            state,
            sha256,
            plan,
            manual: s.manual_inputs(&state.plan_id)?,
            judgements,
        });
    }
    Ok(Chunk { todo, index })
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
    let mut out = Vec::new();
    for (state, summary) in compute(store, rules, registry, registry_version, &fresh)?.1 {
        if state.fresh != Some(summary) {
            out.push(state.plan_id.clone());
        }
    }
    Ok(out)
}
