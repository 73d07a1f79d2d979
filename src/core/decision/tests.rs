use super::*;
use crate::assess::{Recommendation, YearAmounts};
use crate::rules::RuleSource;

fn source() -> RuleSource {
    RuleSource {
        origin: "test".into(),
        version: "1".into(),
        sha256: "x".into(),
    }
}

/// An assessment with these fundable amounts per year (euros).
fn assessment(fundable: &[(u16, i64)], knocked_out: bool) -> Assessment {
    Assessment {
        plan_id: "RESV-TST-2027".into(),
        plan_sha256: "sha".into(),
        guidance: source(),
        policy: source(),
        regions: source(),
        criteria: Vec::new(),
        knocked_out,
        knock_outs: Vec::new(),
        pending: Vec::new(),
        total_tenths: 700,
        years: fundable
            .iter()
            .map(|&(year, e)| YearAmounts {
                year,
                requested: Cents::from_euros(e),
                excluded: Cents::ZERO,
                double_funded: Cents::ZERO,
                fundable: Cents::from_euros(e),
            })
            .collect(),
        excluded_activities: Vec::new(),
        per_task: [Cents::ZERO; 5],
        recommendation: Recommendation::Approve,
        reasons: Vec::new(),
    }
}

fn draft(outcome: Outcome, amounts: &[i64]) -> Draft {
    Draft {
        outcome: Some(outcome),
        amounts: amounts.iter().map(|&e| Cents::from_euros(e)).collect(),
        reasoning: "Past binnen het inkoopbeleid.".into(),
        ..Draft::default()
    }
}

const NO_RULES: DecisionRules = DecisionRules {
    deadline: None,
    four_eyes_above: None,
    follow_confirm_difference: None,
};

#[test]
fn an_approval_within_the_fundable_amounts_passes() {
    let a = assessment(&[(2027, 500_000), (2028, 520_000)], false);
    let c = check(&draft(Outcome::Approve, &[500_000, 400_000]), &a, &NO_RULES).unwrap();
    assert_eq!(c.total(), Cents::from_euros(900_000));
    assert_eq!(c.amounts[1].year, 2028);
    assert!(!c.needs_approval);
}

#[test]
fn amounts_above_fundable_need_an_override_reason() {
    let a = assessment(&[(2027, 500_000)], false);
    let mut d = draft(Outcome::Approve, &[500_001]);
    assert_eq!(
        check(&d, &a, &NO_RULES),
        Err(vec![Refusal::AboveFundable {
            year: 2027,
            amount: Cents::from_euros(500_001),
            fundable: Cents::from_euros(500_000)
        }])
    );
    d.override_reason = Some("   ".into());
    assert!(
        check(&d, &a, &NO_RULES).is_err(),
        "a blank override reason is no reason"
    );
    d.override_reason = Some("Extra regio-opdracht, zie brief 12-10".into());
    assert!(check(&d, &a, &NO_RULES).is_ok());
}

#[test]
fn each_outcome_has_its_own_requirements() {
    let a = assessment(&[(2027, 500_000), (2028, 500_000)], false);
    let mut d = draft(Outcome::Conditions, &[100, 100]);
    assert_eq!(check(&d, &a, &NO_RULES), Err(vec![Refusal::NoConditions]));
    d.conditions = vec!["  ".into(), "Kwartaalrapportage".into()];
    assert_eq!(check(&d, &a, &NO_RULES).unwrap().conditions, vec!["Kwartaalrapportage"]);

    let mut d = draft(Outcome::Return, &[]);
    assert_eq!(check(&d, &a, &NO_RULES), Err(vec![Refusal::NoQuestions]));
    d.questions = vec!["Welke huisartsen doen mee?".into()];
    let c = check(&d, &a, &NO_RULES).unwrap();
    assert_eq!(c.total(), Cents::ZERO);
    assert_eq!(c.amounts.len(), 2, "a return still records one (zero) amount per year");

    let d = draft(Outcome::Reject, &[10, 0]);
    assert_eq!(
        check(&d, &a, &NO_RULES),
        Err(vec![Refusal::AmountWithoutFunding {
            outcome: Outcome::Reject
        }])
    );
    let mut d = draft(Outcome::Approve, &[10, 10]);
    d.conditions = vec!["x".into()];
    d.questions = vec!["y".into()];
    d.reasoning = " ".into();
    assert_eq!(
        check(&d, &a, &NO_RULES),
        Err(vec![
            Refusal::NoReasoning,
            Refusal::ConditionsWithout {
                outcome: Outcome::Approve
            },
            Refusal::QuestionsWithoutReturn
        ])
    );
}

#[test]
fn amounts_must_match_the_contract_years() {
    let a = assessment(&[(2027, 500_000), (2028, 500_000)], false);
    assert_eq!(
        check(&draft(Outcome::Approve, &[100]), &a, &NO_RULES),
        Err(vec![Refusal::AmountCount {
            years: vec![2027, 2028],
            found: 1
        }])
    );
    assert_eq!(
        check(&draft(Outcome::Approve, &[0, 0]), &a, &NO_RULES),
        Err(vec![Refusal::NothingContracted])
    );
    assert_eq!(
        check(&draft(Outcome::Approve, &[-1, 5]), &a, &NO_RULES),
        Err(vec![Refusal::NegativeAmount { year: 2027 }])
    );
    assert_eq!(check(&Draft::default(), &a, &NO_RULES), Err(vec![Refusal::NoOutcome]));
}

#[test]
fn approving_a_knocked_out_plan_needs_an_override_reason() {
    let a = assessment(&[(2027, 500_000)], true);
    let mut d = draft(Outcome::Approve, &[1000]);
    assert_eq!(check(&d, &a, &NO_RULES), Err(vec![Refusal::KnockedOut]));
    d.override_reason = Some("Knock-out hersteld in gesprek van 3 november".into());
    assert!(check(&d, &a, &NO_RULES).is_ok());
    assert!(check(&draft(Outcome::Reject, &[]), &a, &NO_RULES).is_ok());
}

#[test]
fn the_four_eyes_rule_applies_above_the_limit_and_not_to_its_own_author() {
    let rules = DecisionRules {
        deadline: None,
        four_eyes_above: Some(Cents::from_euros(1_000_000)),
        follow_confirm_difference: None,
    };
    let a = assessment(&[(2027, 600_000), (2028, 600_000)], false);
    assert!(
        !check(&draft(Outcome::Approve, &[500_000, 500_000]), &a, &rules)
            .unwrap()
            .needs_approval
    );
    let c = check(&draft(Outcome::Approve, &[500_000, 500_001]), &a, &rules).unwrap();
    assert!(c.needs_approval);

    let mut d = Decision {
        id: 1,
        plan_id: "P".into(),
        version_no: 1,
        plan_sha256: "s".into(),
        outcome: Outcome::Approve,
        amounts: c.amounts,
        conditions: vec![],
        questions: vec![],
        reasoning: "r".into(),
        override_reason: None,
        supersedes: None,
        needs_approval: true,
        approval: None,
        by: "alice".into(),
        at: "t".into(),
        guidance_sha256: String::new(),
        policy_sha256: String::new(),
        regions_sha256: String::new(),
        policy_version: String::new(),
        total_tenths: 0,
        knocked_out: false,
    };
    assert!(d.is_pending());
    assert_eq!(check_approval(&d, "Alice "), Err(ApprovalRefusal::OwnDecision));
    assert_eq!(check_approval(&d, "bob"), Ok(()));
    d.approval = Some(Approval {
        by: "bob".into(),
        at: "t".into(),
    });
    assert!(!d.is_pending());
    assert_eq!(
        check_approval(&d, "carol"),
        Err(ApprovalRefusal::AlreadyApproved { by: "bob".into() })
    );
    d.needs_approval = false;
    assert_eq!(check_approval(&d, "carol"), Err(ApprovalRefusal::NotNeeded));
}

#[test]
fn plan_states_follow_versions_work_and_decisions() {
    let p = |versions, worked_on, decision| {
        plan_state(Progress {
            versions,
            worked_on,
            decision,
            ..Progress::default()
        })
    };
    assert_eq!(p(1, false, None), PlanState::Received);
    assert_eq!(p(1, true, None), PlanState::InReview);
    assert_eq!(p(2, false, None), PlanState::Resubmitted);
    assert_eq!(p(1, true, Some((Outcome::Return, 1, false))), PlanState::Returned);
    assert_eq!(p(2, false, Some((Outcome::Return, 1, false))), PlanState::Resubmitted);
    assert_eq!(p(2, true, Some((Outcome::Approve, 2, true))), PlanState::Pending);
    assert_eq!(p(2, true, Some((Outcome::Reject, 2, false))), PlanState::Decided);
    assert_eq!(p(3, true, Some((Outcome::Approve, 2, false))), PlanState::Resubmitted);
    // Coordination with the market leader.
    let c = |versions, decision, followed, deviating| {
        plan_state(Progress {
            versions,
            worked_on: true,
            decision,
            followed,
            deviating,
        })
    };
    assert_eq!(
        c(1, Some((Outcome::Approve, 1, false)), true, false),
        PlanState::Followed
    );
    assert_eq!(
        c(1, Some((Outcome::Return, 1, false)), true, false),
        PlanState::Returned
    );
    assert_eq!(c(1, None, false, true), PlanState::Deviating);
    assert_eq!(
        c(1, Some((Outcome::Reject, 1, false)), false, true),
        PlanState::Decided,
        "its own decision"
    );
    assert_eq!(
        c(2, Some((Outcome::Approve, 1, false)), false, false),
        PlanState::Resubmitted
    );
}

#[test]
fn days_left_count_down_to_the_deadline_until_settled() {
    let deadline = Date::new(2026, 12, 15);
    let today = Date::new(2026, 11, 22).unwrap();
    assert_eq!(days_left(deadline, today, PlanState::InReview), Some(23));
    let late = Date::new(2026, 12, 20).unwrap();
    assert_eq!(days_left(deadline, late, PlanState::Received), Some(-5));
    assert_eq!(days_left(deadline, late, PlanState::Decided), None);
    assert_eq!(
        days_left(deadline, late, PlanState::Pending),
        Some(-5),
        "pending does not count yet"
    );
    assert_eq!(days_left(None, today, PlanState::Received), None);
}

/// Issue 15: a 100,000-character reasoning was recorded while notes were capped at 4,000.
/// Every free text of a decision has the one cap, named with its field and length.
#[test]
fn every_free_text_of_a_decision_is_capped() {
    use crate::{MAX_TEXT_CHARS, MAX_TEXT_ITEMS, TextTooLong};
    let a = assessment(&[(2027, 500_000)], false);
    let long = |n: usize| "é".repeat(n);
    let mut d = draft(Outcome::Conditions, &[10]);
    d.reasoning = long(100_000);
    d.conditions = vec!["ok".into(), long(MAX_TEXT_CHARS + 1)];
    d.override_reason = Some(long(MAX_TEXT_CHARS + 2));
    let too_long = |field: &str, chars: usize| {
        Refusal::TextTooLong(TextTooLong {
            field: field.into(),
            chars,
        })
    };
    assert_eq!(
        check(&d, &a, &NO_RULES),
        Err(vec![
            too_long("reasoning", 100_000),
            too_long("condition 2", MAX_TEXT_CHARS + 1),
            too_long("override-reason", MAX_TEXT_CHARS + 2),
        ])
    );
    // The words the shells show for such a refusal (`i18n::decision::refusal` uses these).
    let words = |field: &str, chars: usize| {
        TextTooLong {
            field: field.into(),
            chars,
        }
        .text()
    };
    assert_eq!(
        words("condition 2", 4001).nl,
        "voorwaarde 2: 4001 tekens, maximaal 4000"
    );
    assert_eq!(
        words("reasoning", 100_000).en,
        "reasoning: 100000 characters, at most 4000"
    );

    // At the cap: recorded.
    let mut d = draft(Outcome::Return, &[]);
    d.reasoning = long(MAX_TEXT_CHARS);
    d.questions = vec![long(MAX_TEXT_CHARS); MAX_TEXT_ITEMS];
    assert!(check(&d, &a, &NO_RULES).is_ok());
    d.questions.push("one more".into());
    assert_eq!(
        check(&d, &a, &NO_RULES),
        Err(vec![Refusal::TooManyItems {
            field: "questions",
            count: MAX_TEXT_ITEMS + 1
        }])
    );
}
