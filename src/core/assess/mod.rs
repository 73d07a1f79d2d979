//! Assessment: a plan scored against the national guidance and one insurer's policy.
//!
//! [`assess`] is a pure, deterministic function of the plan, the rules and the buyer's
//! manual inputs. Every criterion gets a status, an automatic score where the rule is
//! checkable, the buyer's manual score and note where given, and an explanation that quotes
//! the plan facts it used. The overall result has the knock-out verdict, the weighted total
//! (0-100), the requested, excluded and fundable amounts per year and an advisory
//! recommendation with its reasons. `docs/assessment.md` documents every rule.

mod checks;
mod funding_check;
mod money_checks;
mod score;
pub mod text;

use super::funding::Review;
use super::money::Cents;
use super::plan::{Activity, Plan, keywords};
use super::rules::guidance::CriterionDef;
use super::rules::policy::Scale;
use super::rules::{CheckId, Kind, RuleSource, Rules};
use super::time::Instant;
use serde::{Deserialize, Serialize};
pub use text::Text;

keywords! {
    /// The verdict of one check.
    Status {
        Pass = "pass",
        Warn = "warn",
        Fail = "fail",
        Judgement = "needs-judgement",
    }
}

keywords! {
    /// The advisory recommendation; the buyer decides.
    Recommendation {
        Approve = "approve",
        ApproveWithConditions = "approve-with-conditions",
        Return = "return",
        Reject = "reject",
    }
}

/// A buyer's manual score and/or note on one criterion, as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManualInput {
    pub criterion: CheckId,
    pub score: Option<i32>,
    pub note: Option<String>,
    /// The criterion's input fingerprint when the buyer gave it.
    pub inputs: String,
    pub by: String,
    pub at: Instant,
}

/// The manual input as the assessment shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manual {
    pub score: Option<i32>,
    pub note: Option<String>,
    pub by: String,
    pub at: Instant,
    /// The plan facts this criterion rests on changed since the buyer gave it; the score
    /// no longer counts until the buyer confirms or changes it.
    pub stale: bool,
}

/// A full automatic score, in per mille.
pub(crate) const FULL: u32 = 1000;

pub(crate) fn outcome(status: Status, auto: Option<u32>, lines: Vec<Text>, fp: text::Fingerprint) -> Outcome {
    Outcome {
        status,
        auto,
        lines,
        inputs: fp.finish(),
    }
}

impl Manual {
    /// The buyer's score, while it still counts (not stale).
    pub fn fresh_score(&self) -> Option<i32> {
        self.score.filter(|_| !self.stale)
    }
}

/// What a check found, before manual input.
pub struct Outcome {
    pub status: Status,
    /// Automatic score in per mille (0-1000); `None` when the rule needs judgement.
    pub auto: Option<u32>,
    pub lines: Vec<Text>,
    pub inputs: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionResult {
    pub id: CheckId,
    pub title: String,
    pub title_en: String,
    pub source: String,
    pub kind: Kind,
    /// The policy's weight (0 for knock-outs).
    pub weight: u32,
    pub status: Status,
    /// Automatic score in per mille.
    pub auto_score: Option<u32>,
    pub manual: Option<Manual>,
    /// The score that counts, in per mille: a fresh manual score, else the automatic one.
    pub score: Option<u32>,
    pub explanation: Vec<Text>,
    /// Fingerprint of the plan facts the check used.
    pub inputs: String,
}

impl CriterionResult {
    /// Whether the buyer's manual score counts instead of an automatic score (given and
    /// not stale): the automatic status is then shown as overridden. A criterion that needs
    /// judgement has no automatic score: the manual one gives it, overriding nothing.
    pub fn overridden(&self) -> bool {
        self.auto_score.is_some() && self.manual.as_ref().and_then(Manual::fresh_score).is_some()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearAmounts {
    pub year: u16,
    pub requested: Cents,
    pub excluded: Cents,
    /// Taken off for double funding: confirmed and certain flags (see `core::funding`).
    #[serde(default)]
    pub double_funded: Cents,
    pub fundable: Cents,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub plan_id: String,
    pub plan_sha256: String,
    pub guidance: RuleSource,
    pub policy: RuleSource,
    pub regions: RuleSource,
    pub criteria: Vec<CriterionResult>,
    pub knocked_out: bool,
    /// Knock-out criteria that failed.
    pub knock_outs: Vec<CheckId>,
    /// Criteria that still wait for the buyer's judgement.
    pub pending: Vec<CheckId>,
    /// Weighted total in tenths of a point, 0-1000 (so 0.0-100.0).
    pub total_tenths: u32,
    pub years: Vec<YearAmounts>,
    /// Ids of activities whose cost is excluded from the fundable amount.
    pub excluded_activities: Vec<String>,
    /// Activity cost per main task 1-5, averaged over the contract years.
    pub per_task: [Cents; 5],
    pub recommendation: Recommendation,
    pub reasons: Vec<Text>,
}

impl Assessment {
    pub fn total_score(&self) -> f64 {
        self.total_tenths as f64 / 10.0
    }
    pub fn criterion(&self, id: CheckId) -> Option<&CriterionResult> {
        self.criteria.iter().find(|c| c.id == id)
    }
    /// Fundable amount averaged over the contract years.
    pub fn fundable_per_year(&self) -> Cents {
        mean(self.years.iter().map(|y| y.fundable))
    }
    pub fn excluded_per_year(&self) -> Cents {
        mean(self.years.iter().map(|y| y.excluded))
    }
    pub fn double_funded_per_year(&self) -> Cents {
        mean(self.years.iter().map(|y| y.double_funded))
    }
}

fn mean(it: impl ExactSizeIterator<Item = Cents>) -> Cents {
    let n = it.len().max(1) as i64;
    Cents(it.map(|c| c.0).sum::<i64>() / n)
}

/// What every check sees.
pub struct Ctx<'a> {
    pub plan: &'a Plan,
    pub rules: &'a Rules,
    /// The double-funding review against the registry, when one is loaded.
    pub funding: Option<&'a Review>,
}

impl Ctx<'_> {
    /// Activities whose cost is not fundable: an excluded nature (care production) without
    /// a main-contractor exception the policy accepts, or whose exception the buyer rejected.
    pub fn excluded(&self, exceptions_rejected: bool) -> impl Iterator<Item = &Activity> {
        let g = &self.rules.guidance.params;
        let accept = self.rules.policy.thresholds.accept_care_exception && !exceptions_rejected;
        self.plan
            .activities
            .iter()
            .filter(move |a| g.excluded_natures.contains(&a.nature) && !(accept && a.exception.is_some()))
    }
}

fn run_check(id: CheckId, cx: &Ctx<'_>) -> Outcome {
    match id {
        CheckId::Disciplines => checks::disciplines(cx),
        CheckId::Representation => checks::representation(cx),
        CheckId::Board => checks::board(cx),
        CheckId::Participation => checks::participation(cx),
        CheckId::Region => checks::region(cx),
        CheckId::Contractable => checks::contractable(cx),
        CheckId::Agenda => money_checks::agenda(cx),
        CheckId::MainTasks => money_checks::main_tasks(cx),
        CheckId::CoordinationOnly => money_checks::coordination_only(cx),
        CheckId::Budget => money_checks::budget(cx),
        CheckId::Monitoring => money_checks::monitoring(cx),
        CheckId::SocialDomain => money_checks::social_domain(cx),
        CheckId::DoubleFunding => funding_check::double_funding(cx),
    }
}

/// Assesses a plan. `plan_sha256` identifies the exact version (the hash of its text);
/// `manual` holds the buyer's latest input per criterion.
pub fn assess(plan: &Plan, plan_sha256: &str, rules: &Rules, manual: &[ManualInput]) -> Assessment {
    assess_with(plan, plan_sha256, rules, manual, None)
}

/// [`assess`] with the plan's double-funding review: its flags fill the no-double-funding
/// criterion, and confirmed and certain flags lower the fundable amount.
pub fn assess_with(
    plan: &Plan,
    plan_sha256: &str,
    rules: &Rules,
    manual: &[ManualInput],
    funding: Option<&Review>,
) -> Assessment {
    let cx = Ctx { plan, rules, funding };
    let scale = &rules.policy.scale;
    let criteria: Vec<CriterionResult> = rules
        .guidance
        .criteria
        .iter()
        .map(|def| criterion(def, &cx, manual))
        .collect();
    // A buyer who scores the coordination-only criterion below "voldoende" rejects the
    // plan's main-contractor exceptions: their cost is excluded too.
    let exceptions_rejected = criteria
        .iter()
        .find(|c| c.id == CheckId::CoordinationOnly)
        .and_then(|c| c.manual.as_ref())
        .and_then(Manual::fresh_score)
        .is_some_and(|s| s < scale.sufficient);
    let excluded: Vec<&Activity> = cx.excluded(exceptions_rejected).collect();
    let years = year_amounts(plan, &excluded, funding);
    let mut a = Assessment {
        plan_id: plan.id.clone(),
        plan_sha256: plan_sha256.to_string(),
        guidance: rules.guidance_source.clone(),
        policy: rules.policy_source.clone(),
        regions: rules.regions_source.clone(),
        criteria,
        knocked_out: false,
        knock_outs: Vec::new(),
        pending: Vec::new(),
        total_tenths: 0,
        years,
        excluded_activities: excluded.iter().map(|a| a.id.clone()).collect(),
        per_task: plan.cost_per_main_task(),
        recommendation: Recommendation::Return,
        reasons: Vec::new(),
    };
    score::conclude(&mut a, &rules.policy);
    a
}

/// One criterion: its check's outcome, the buyer's latest input (stale when the plan facts
/// it judged changed), and the score that counts.
fn criterion(def: &CriterionDef, cx: &Ctx<'_>, manual: &[ManualInput]) -> CriterionResult {
    let rules = cx.rules;
    let scale = &rules.policy.scale;
    let out = run_check(def.id, cx);
    let latest = manual.iter().rev().find(|m| m.criterion == def.id);
    // A cleared input (neither score nor note) counts as none.
    let latest = latest.filter(|m| m.score.is_some() || m.note.is_some());
    let manual = latest.map(|m| Manual {
        score: m.score,
        note: m.note.clone(),
        by: m.by.clone(),
        at: m.at,
        stale: m.inputs != out.inputs,
    });
    let fresh_score = manual.as_ref().and_then(Manual::fresh_score);
    let score = match fresh_score {
        Some(s) => Some(scale.per_mille(s)),
        None => out.auto,
    };
    CriterionResult {
        id: def.id,
        title: def.title.clone(),
        title_en: def.title_en.clone().unwrap_or_else(|| def.title.clone()),
        source: def.source.clone(),
        kind: def.kind,
        weight: rules.policy.weight(def.id),
        status: out.status,
        auto_score: out.auto,
        manual,
        score,
        explanation: out.lines,
        inputs: out.inputs,
    }
}

/// Per contract year: requested, excluded, lowered for double funding, and fundable.
fn year_amounts(plan: &Plan, excluded: &[&Activity], funding: Option<&Review>) -> Vec<YearAmounts> {
    plan.budget
        .iter()
        .map(|b| {
            let requested = b.requested();
            let excl: Cents = excluded.iter().map(|a| a.cost_in_year(b.year)).sum();
            let double = funding
                .map(|r| r.lowered_in(b.year, |id| !excluded.iter().any(|a| a.id == id)))
                .unwrap_or_default();
            YearAmounts {
                year: b.year,
                requested,
                excluded: excl,
                double_funded: double,
                fundable: Cents((requested.0 - excl.0 - double.0).max(0)),
            }
        })
        .collect()
}

/// Whether a manual input may be recorded on criterion `id` of assessment `a`. Clearing
/// (neither score nor note) is always allowed.
pub fn check_manual(
    a: &Assessment,
    scale: &Scale,
    id: CheckId,
    score: Option<i32>,
    note: Option<&str>,
) -> Result<(), Text> {
    let c = a.criterion(id).ok_or_else(|| {
        let k = id.keyword();
        text::tx!("onbekend criterium {k}", "unknown criterion {k}")
    })?;
    if let Some(s) = score {
        let (min, max) = (scale.min, scale.max);
        if !(min..=max).contains(&s) {
            return Err(text::tx!(
                "score {s} ligt buiten de schaal {min}-{max}",
                "score {s} is outside the scale {min}-{max}"
            ));
        }
        if c.kind == Kind::KnockOut && !matches!(c.status, Status::Judgement | Status::Warn) {
            let k = id.keyword();
            return Err(text::tx!(
                "{k} is een knock-out die de regel beslist; schrijf een notitie in plaats van een score",
                "{k} is a knock-out the rule decides; write a note instead of a score"
            ));
        }
    }
    if let Some(n) = note {
        crate::check_text("note", n).map_err(|e| e.text())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
