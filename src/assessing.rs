//! Assessing stored plans: the shell that joins the store (plans, manual inputs) with the
//! pure assessment in [`crate::core::assess`].

use crate::core::assess::{Assessment, Manual, ManualInput, assess, check_manual};
use crate::core::queue::QueueRow;
use crate::core::rules::{CheckId, Rules};
use crate::i18n::Lang;
use crate::store::{Store, StoredPlan};
use anyhow::{Result, anyhow};

/// The latest version of a plan with its assessment, or `None` for an unknown plan.
pub fn assess_stored(store: &Store, rules: &Rules, plan_id: &str) -> Result<Option<(StoredPlan, Assessment)>> {
    let Some(sp) = store.latest_plan(plan_id)? else {
        return Ok(None);
    };
    let manual = store.manual_inputs(plan_id)?;
    let a = assess(&sp.plan, &sp.sha256, rules, &manual);
    Ok(Some((sp, a)))
}

/// Assesses every plan and fills in the queue's score and knock-out columns.
pub fn score_queue(store: &Store, rules: &Rules, rows: &mut [QueueRow]) -> Result<()> {
    let manual = store.all_manual_inputs()?;
    let plans = store.latest_plans()?;
    let none = Vec::new();
    let index: std::collections::HashMap<String, usize> =
        rows.iter().enumerate().map(|(i, r)| (r.id.clone(), i)).collect();
    for (id, sha, plan) in &plans {
        let a = assess(plan, sha, rules, manual.get(id).unwrap_or(&none));
        if let Some(&i) = index.get(id) {
            rows[i].score = Some(a.total_tenths);
            rows[i].knocked_out = Some(a.knocked_out);
        }
    }
    Ok(())
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
    plan_id: &str,
    entry: Entry,
    user: &str,
    lang: Lang,
) -> Result<Assessment> {
    if store.is_read_only() {
        anyhow::bail!("{}", crate::i18n::READ_ONLY_NOTHING_STORED.get(lang));
    }
    let sp = store.latest_plan(plan_id)?.ok_or_else(|| {
        anyhow!(
            "{}: {}",
            crate::i18n::UNKNOWN_PLAN.get(lang),
            crate::core::sanitize::clean(plan_id)
        )
    })?;
    let mut manual = store.manual_inputs(plan_id)?;
    let before = assess(&sp.plan, &sp.sha256, rules, &manual);
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
    let after = assess(&sp.plan, &sp.sha256, rules, &manual);
    store.record_manual(&input, &after)?;
    Ok(after)
}
