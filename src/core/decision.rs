//! Purchasing decisions: the outcomes, the rules a decision must meet before it is recorded,
//! the four-eyes rule, and where a plan stands in the buyer's process. Pure: the store keeps
//! decisions append-only, the shells ask [`check`] first and show [`PlanState`].

use super::assess::Assessment;
use super::money::Cents;
use super::plan::{Date, keywords};
/// The rules [`check`] applies; they are part of the purchasing policy.
pub use super::rules::policy::DecisionRules;
use super::time::Instant;
use serde::{Deserialize, Serialize};

keywords! {
    /// What the buyer decides on a plan.
    Outcome {
        Approve = "approve",
        Conditions = "conditions",
        Return = "return",
        Reject = "reject",
    }
}

impl Outcome {
    /// Whether the outcome contracts money (approve, with or without conditions).
    pub fn funds(self) -> bool {
        matches!(self, Outcome::Approve | Outcome::Conditions)
    }
}

/// An amount for one contract year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearAmount {
    pub year: u16,
    pub amount: Cents,
}

/// What the buyer asks to record, before the checks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub outcome: Option<Outcome>,
    /// One amount per contract year in the assessment's order; empty means none (a return or
    /// a rejection contracts nothing).
    pub amounts: Vec<Cents>,
    pub conditions: Vec<String>,
    /// For a return: the questions to the region.
    pub questions: Vec<String>,
    pub reasoning: String,
    /// Why an amount above the assessed fundable amount, or approving a knocked-out plan,
    /// is right. Blank counts as absent.
    pub override_reason: Option<String>,
}

/// A draft that passed the checks: what will be recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    pub outcome: Outcome,
    /// One per contract year (zero for a return or rejection).
    pub amounts: Vec<YearAmount>,
    pub conditions: Vec<String>,
    pub questions: Vec<String>,
    pub reasoning: String,
    pub override_reason: Option<String>,
    /// The four-eyes rule applies: the decision counts once another buyer approves it.
    pub needs_approval: bool,
}

impl Checked {
    pub fn total(&self) -> Cents {
        self.amounts.iter().map(|y| y.amount).sum()
    }
}

/// Why a draft cannot be recorded. The shells word these (`i18n::decision`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    NoOutcome,
    NoReasoning,
    /// The number of amounts does not match the contract years.
    AmountCount {
        years: Vec<u16>,
        found: usize,
    },
    NegativeAmount {
        year: u16,
    },
    /// An approval must contract something.
    NothingContracted,
    /// A return or rejection contracts nothing.
    AmountWithoutFunding {
        outcome: Outcome,
    },
    AboveFundable {
        year: u16,
        amount: Cents,
        fundable: Cents,
    },
    KnockedOut,
    NoConditions,
    ConditionsWithout {
        outcome: Outcome,
    },
    NoQuestions,
    QuestionsWithoutReturn,
    /// A free text longer than [`super::MAX_TEXT_CHARS`].
    TextTooLong(super::TextTooLong),
    /// More than [`super::MAX_TEXT_ITEMS`] conditions or questions.
    TooManyItems {
        /// `conditions` or `questions`.
        field: &'static str,
        count: usize,
    },
}

/// Checks a draft against the plan's assessment and the policy's decision rules.
pub fn check(draft: &Draft, a: &Assessment, rules: &DecisionRules) -> Result<Checked, Vec<Refusal>> {
    let mut out = Vec::new();
    let clean = |items: &[String]| -> Vec<String> {
        items
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let conditions = clean(&draft.conditions);
    let questions = clean(&draft.questions);
    let override_reason = draft
        .override_reason
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    let Some(outcome) = draft.outcome else {
        return Err(vec![Refusal::NoOutcome]);
    };
    if draft.reasoning.trim().is_empty() {
        out.push(Refusal::NoReasoning);
    }
    check_texts(
        &draft.reasoning,
        &conditions,
        &questions,
        override_reason.as_deref(),
        &mut out,
    );
    let amounts = check_amounts(&draft.amounts, a, &mut out);
    let total: Cents = amounts.iter().map(|y| y.amount).sum();
    check_funding(outcome, a, &amounts, total, override_reason.is_some(), &mut out);
    check_lists(outcome, &conditions, &questions, &mut out);
    if !out.is_empty() {
        return Err(out);
    }
    let needs_approval = outcome.funds() && rules.four_eyes_above.is_some_and(|limit| total > limit);
    Ok(Checked {
        outcome,
        amounts,
        conditions,
        questions,
        reasoning: draft.reasoning.trim().to_string(),
        override_reason,
        needs_approval,
    })
}

/// The caps on free text: each text's length, and the number of conditions and questions.
fn check_texts(
    reasoning: &str,
    conditions: &[String],
    questions: &[String],
    override_reason: Option<&str>,
    out: &mut Vec<Refusal>,
) {
    let mut texts: Vec<(String, &str)> = vec![("reasoning".into(), reasoning)];
    // The first items only: a list over the count cap is refused as a whole below.
    let n = super::MAX_TEXT_ITEMS;
    texts.extend(
        conditions
            .iter()
            .take(n)
            .enumerate()
            .map(|(i, c)| (format!("condition {}", i + 1), c.as_str())),
    );
    texts.extend(
        questions
            .iter()
            .take(n)
            .enumerate()
            .map(|(i, q)| (format!("question {}", i + 1), q.as_str())),
    );
    texts.extend(override_reason.map(|r| ("override-reason".to_string(), r)));
    for (field, text) in texts {
        if let Err(e) = super::check_text(&field, text) {
            out.push(Refusal::TextTooLong(e));
        }
    }
    for (field, items) in [("conditions", conditions), ("questions", questions)] {
        if items.len() > super::MAX_TEXT_ITEMS {
            out.push(Refusal::TooManyItems {
                field,
                count: items.len(),
            });
        }
    }
}

/// One amount per contract year of the assessment (zero where none was given): the count
/// must match and no amount may be negative.
fn check_amounts(given: &[Cents], a: &Assessment, out: &mut Vec<Refusal>) -> Vec<YearAmount> {
    let years: Vec<u16> = a.years.iter().map(|y| y.year).collect();
    let mut amounts: Vec<YearAmount> = years
        .iter()
        .map(|&year| YearAmount {
            year,
            amount: Cents::ZERO,
        })
        .collect();
    if !given.is_empty() {
        if given.len() != years.len() {
            out.push(Refusal::AmountCount {
                years: years.clone(),
                found: given.len(),
            });
        } else {
            for (slot, &amount) in amounts.iter_mut().zip(given) {
                if amount < Cents::ZERO {
                    out.push(Refusal::NegativeAmount { year: slot.year });
                }
                slot.amount = amount;
            }
        }
    }
    amounts
}

/// An outcome that funds contracts something, within the fundable amounts and not for a
/// knocked-out plan (unless an override reason is given); any other contracts nothing.
fn check_funding(
    outcome: Outcome,
    a: &Assessment,
    amounts: &[YearAmount],
    total: Cents,
    overridden: bool,
    out: &mut Vec<Refusal>,
) {
    if outcome.funds() {
        if total == Cents::ZERO && !out.iter().any(|r| matches!(r, Refusal::AmountCount { .. })) {
            out.push(Refusal::NothingContracted);
        }
        if !overridden {
            for (y, ya) in a.years.iter().zip(amounts) {
                if ya.amount > y.fundable {
                    out.push(Refusal::AboveFundable {
                        year: ya.year,
                        amount: ya.amount,
                        fundable: y.fundable,
                    });
                }
            }
            if a.knocked_out {
                out.push(Refusal::KnockedOut);
            }
        }
    } else if total != Cents::ZERO {
        out.push(Refusal::AmountWithoutFunding { outcome });
    }
}

/// Conditions belong to an approval with conditions, questions to a return.
fn check_lists(outcome: Outcome, conditions: &[String], questions: &[String], out: &mut Vec<Refusal>) {
    match outcome {
        Outcome::Conditions if conditions.is_empty() => out.push(Refusal::NoConditions),
        Outcome::Approve | Outcome::Return | Outcome::Reject if !conditions.is_empty() => {
            out.push(Refusal::ConditionsWithout { outcome })
        }
        _ => {}
    }
    match outcome {
        Outcome::Return if questions.is_empty() => out.push(Refusal::NoQuestions),
        Outcome::Approve | Outcome::Conditions | Outcome::Reject if !questions.is_empty() => {
            out.push(Refusal::QuestionsWithoutReturn)
        }
        _ => {}
    }
}

/// A second buyer's approval of a decision under the four-eyes rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    pub by: String,
    pub at: Instant,
}

/// A recorded decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub id: i64,
    pub plan_id: String,
    /// The plan version decided on: its number and the SHA-256 of its text.
    pub version_no: u32,
    pub plan_sha256: String,
    pub outcome: Outcome,
    pub amounts: Vec<YearAmount>,
    pub conditions: Vec<String>,
    pub questions: Vec<String>,
    pub reasoning: String,
    pub override_reason: Option<String>,
    /// The decision this one replaces.
    pub supersedes: Option<i64>,
    pub needs_approval: bool,
    pub approval: Option<Approval>,
    pub by: String,
    pub at: Instant,
    /// The rule files the assessment snapshot rests on (SHA-256) and the policy's version.
    pub guidance_sha256: String,
    pub policy_sha256: String,
    pub regions_sha256: String,
    pub policy_version: String,
    /// From the assessment snapshot: the weighted total in tenths, and the knock-out verdict.
    pub total_tenths: u32,
    pub knocked_out: bool,
}

impl Decision {
    pub fn total(&self) -> Cents {
        self.amounts.iter().map(|y| y.amount).sum()
    }

    /// Waiting for a second buyer's approval: it does not count yet.
    pub fn is_pending(&self) -> bool {
        self.needs_approval && self.approval.is_none()
    }
}

/// Why an approval is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApprovalRefusal {
    NotNeeded,
    AlreadyApproved { by: String },
    OwnDecision,
}

/// The four-eyes rule: another buyer approves a decision that needs it, once.
pub fn check_approval(d: &Decision, user: &str) -> Result<(), ApprovalRefusal> {
    if !d.needs_approval {
        return Err(ApprovalRefusal::NotNeeded);
    }
    if let Some(a) = &d.approval {
        return Err(ApprovalRefusal::AlreadyApproved { by: a.by.clone() });
    }
    if d.by.trim().eq_ignore_ascii_case(user.trim()) {
        return Err(ApprovalRefusal::OwnDecision);
    }
    Ok(())
}

keywords! {
    /// Where a plan stands in the buyer's process.
    PlanState {
        Received = "received",
        InReview = "in-review",
        Returned = "returned",
        Resubmitted = "resubmitted",
        Pending = "pending-approval",
        Decided = "decided",
        Followed = "followed",
        Deviating = "deviating",
    }
}

/// What [`plan_state`] looks at.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Versions imported (the latest is number `versions`).
    pub versions: u32,
    /// A buyer scored, noted or judged something on the plan.
    pub worked_on: bool,
    /// The current decision: its outcome, the version it was on, and whether it is pending.
    pub decision: Option<(Outcome, u32, bool)>,
    /// The current decision follows the region's market leader.
    pub followed: bool,
    /// The buyer deviates from the market leader's decision on the latest version.
    pub deviating: bool,
}

/// The state of a plan: a decision on its latest version settles it (returned, pending
/// approval, followed from the market leader or decided); without one, a deviation from
/// the market leader's decision is recorded as such; a newer version after a decision, or
/// a second version before one, is a resubmission; otherwise work on it puts it in review.
pub fn plan_state(p: Progress) -> PlanState {
    match p.decision {
        Some((Outcome::Return, v, _)) if v == p.versions => PlanState::Returned,
        Some((_, v, true)) if v == p.versions => PlanState::Pending,
        Some((_, v, false)) if v == p.versions && p.followed => PlanState::Followed,
        Some((_, v, false)) if v == p.versions => PlanState::Decided,
        _ if p.deviating => PlanState::Deviating,
        Some(_) => PlanState::Resubmitted,
        None if p.versions > 1 => PlanState::Resubmitted,
        None if p.worked_on => PlanState::InReview,
        None => PlanState::Received,
    }
}

/// Days from `today` to the decision deadline (negative when overdue); `None` without a
/// deadline or once the plan is settled (decided or returned). A decision pending approval
/// does not count yet, so its plan keeps counting down.
pub fn days_left(deadline: Option<Date>, today: Date, state: PlanState) -> Option<i64> {
    let settled = matches!(state, PlanState::Decided | PlanState::Returned | PlanState::Followed);
    deadline.filter(|_| !settled).and_then(|d| today.days_until(d))
}

#[cfg(test)]
mod tests;
