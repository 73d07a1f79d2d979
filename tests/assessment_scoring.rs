//! The assessment's verdict and the buyer's part in it (`resv::core::assess`):
//!
//! - knock-outs, the recommendation bands and the fundable amounts;
//! - manual inputs: fresh, stale, cleared, refused, and knock-outs that need judgement;
//! - properties: the total's range, monotonicity in manual scores, activity order and
//!   determinism; ignored tests pin known bugs (`cargo test -- --ignored`);
//! - golden snapshots of every sample plan's assessment (`tests/snapshots/`).
//!
//! Every test uses `built_in_rules()`, so a user's configuration folder cannot change it.

mod support;

use proptest::prelude::*;
use resv::core::assess::{Assessment, ManualInput, Recommendation, Status, assess, check_manual};
use resv::core::money::Cents;
use resv::core::plan::Plan;
use resv::core::rules::CheckId;
use std::fmt::Write as _;
use support::plans::*;

// ---------------------------------------------------------------------------------------
// Verdict: knock-outs, recommendation and amounts
// ---------------------------------------------------------------------------------------

#[test]
fn a_knock_out_returns_the_plan_and_a_low_total_rejects_it() {
    let a = assessed(&sample("groningen"));
    assert!(a.knocked_out);
    assert_eq!(a.knock_outs, vec![CheckId::Disciplines]);
    assert!(a.total_tenths >= 350, "{}", a.total_tenths);
    assert_eq!(a.recommendation, Recommendation::Return);
    let reasons: Vec<&str> = a.reasons.iter().map(|r| r.nl.as_str()).collect();
    assert!(
        reasons.contains(&"knock-out: Vereiste disciplines aanwezig en gemandateerd"),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&"terugsturen met de knock-outs als vragen aan de regio"),
        "{reasons:?}"
    );

    // Knocked out and below return_from (35): reject.
    let plan = utrecht(&[(APO_BLOCK, "")]);
    let a = with_manual(&plan, &score_all_weighted(&plan, 1));
    assert_eq!((a.knocked_out, a.total_tenths), (true, 250));
    assert_eq!(a.recommendation, Recommendation::Reject);
    assert!(
        a.reasons.iter().any(|r| r.nl == "totaal 25,0 ligt onder 35: afwijzen"),
        "{:?}",
        a.reasons
    );
    // Several knock-outs are all named.
    let plan = utrecht(&[(APO_BLOCK, ""), (LEAD_PARTY, "")]);
    let a = assessed(&plan);
    assert_eq!(a.knock_outs, vec![CheckId::Disciplines, CheckId::Contractable]);
    assert_eq!(a.recommendation, Recommendation::Return);
}

#[test]
fn the_bands_turn_the_total_into_a_recommendation() {
    // All weighted criteria scored by hand: 3 of 4 is exactly 75.0, the approve threshold.
    let plan = parse(UTRECHT);
    let cases = [
        (4, 1000, Recommendation::Approve),
        (3, 750, Recommendation::Approve),
        (2, 500, Recommendation::Return),
        (1, 250, Recommendation::Reject),
    ];
    for (score, total, rec) in cases {
        let a = with_manual(&plan, &score_all_weighted(&plan, score));
        assert_eq!((a.total_tenths, a.recommendation), (total, rec), "all scored {score}");
        assert!(a.pending.is_empty());
    }
    // 95 weight at 750 and coordination_only (5) at 500: 73.75, rounded to 73.8.
    let mut manual = score_all_weighted(&plan, 3);
    let base = assessed(&plan);
    manual.push(fresh(&base, CheckId::CoordinationOnly, Some(2), None));
    let a = with_manual(&plan, &manual);
    assert_eq!(
        (a.total_tenths, a.recommendation),
        (738, Recommendation::ApproveWithConditions)
    );
    assert!(
        a.reasons.iter().any(|r| r.nl == "totaal 73,8, drempel 55"),
        "{:?}",
        a.reasons
    );
}

#[test]
fn a_warning_makes_approval_conditional() {
    let plan = utrecht(&[("form = \"panel\"", "form = \"raadpleging\"")]);
    let a = assessed(&plan);
    // 80 weight at 1000 and participation (10) at 500, double_funding pending: 85000 / 90.
    assert_eq!(a.total_tenths, 944);
    assert_eq!(a.recommendation, Recommendation::ApproveWithConditions);
    let reasons: Vec<&str> = a.reasons.iter().map(|r| r.nl.as_str()).collect();
    assert!(
        reasons.contains(&"voorwaarde: Burger- en patiëntenparticipatie"),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&"voorlopig: wacht op het oordeel van de inkoper over: Geen dubbele financiering"),
        "{reasons:?}"
    );
}

#[test]
fn care_production_without_exception_is_not_fundable() {
    let a = assessed(&sample("west-brabant"));
    assert_eq!(a.excluded_activities, vec!["W4".to_string()]);
    let years: Vec<(u16, Cents, Cents, Cents)> = a
        .years
        .iter()
        .map(|y| (y.year, y.requested, y.excluded, y.fundable))
        .collect();
    assert_eq!(
        years,
        vec![
            (2027, euros(2_295_000), Cents(60_000_000), euros(1_695_000)),
            (2028, euros(2_420_000), Cents(60_000_000), euros(1_820_000)),
        ]
    );
    assert_eq!(a.excluded_per_year(), Cents(60_000_000));
    for y in &a.years {
        assert_eq!(y.fundable, y.requested - y.excluded);
    }
    assert_ne!(
        a.recommendation,
        Recommendation::Approve,
        "excluded care production is a condition"
    );
    assert!(
        a.reasons
            .iter()
            .any(|r| r.nl == "zorgproductie uitgesloten: € 1.200.000 over de contractjaren"),
        "{:?}",
        a.reasons
    );

    // Pro rata: A5 as care production at 72,000 a year from July costs 36,000 in 2027.
    let plan = utrecht(&[
        (A5_NATURE, A5_CARE),
        ("annual_cost = 60000", "annual_cost = 72000"),
        ("total = 635000", "total = 641000"),
        ("total = 665000", "total = 677000"),
    ]);
    let a = assessed(&plan);
    let years: Vec<(Cents, Cents, Cents)> = a.years.iter().map(|y| (y.requested, y.excluded, y.fundable)).collect();
    assert_eq!(
        years,
        vec![
            (euros(591_000), euros(36_000), euros(555_000)),
            (euros(627_000), euros(72_000), euros(555_000)),
        ]
    );
    assert_eq!(a.recommendation, Recommendation::ApproveWithConditions);

    // A declared exception the policy accepts is fundable, and waits for judgement.
    let a = assessed(&sample("noord-limburg"));
    assert!(a.excluded_activities.is_empty());
    assert!(
        a.years
            .iter()
            .all(|y| y.excluded == Cents::ZERO && y.fundable == y.requested)
    );
    assert!(a.pending.contains(&CheckId::CoordinationOnly));
}

#[test]
fn a_policy_without_exceptions_excludes_declared_care_production_too() {
    let text = RULES_POLICY.replace("accept_care_exception = true", "accept_care_exception = false");
    let mut rules = RULES.clone();
    rules.policy = resv::core::rules::policy::parse_policy(&text, &rules.guidance).expect("valid policy");
    let a = assess(&sample("noord-limburg"), "x", &rules, &[]);
    let c = criterion(&a, CheckId::CoordinationOnly);
    assert_eq!(c.status, Status::Warn, "{}", nl(c));
    assert!(
        nl(c).contains("! N4 is zorgproductie; het inkoopbeleid staat geen uitzondering toe: € 420.000 over de contractjaren uitgesloten"),
        "{}",
        nl(c)
    );
    assert_eq!(a.excluded_activities, vec!["N4".to_string()]);
    // N4: 240,000 a year from April: 180,000 in 2027.
    let excluded: Vec<Cents> = a.years.iter().map(|y| y.excluded).collect();
    assert_eq!(excluded, vec![euros(180_000), euros(240_000)]);
}

const RULES_POLICY: &str = include_str!("../config/policy.toml");

// ---------------------------------------------------------------------------------------
// Manual inputs
// ---------------------------------------------------------------------------------------

#[test]
fn a_fresh_manual_score_replaces_the_automatic_one() {
    let plan = parse(UTRECHT);
    let base = assessed(&plan);
    let a = with_manual(
        &plan,
        &[fresh(
            &base,
            CheckId::Participation,
            Some(1),
            Some("panel bestaat nog niet"),
        )],
    );
    let c = criterion(&a, CheckId::Participation);
    assert_eq!((c.status, c.auto_score, c.score), (Status::Pass, Some(1000), Some(250)));
    let m = c.manual.as_ref().expect("manual input shown");
    assert_eq!(
        (m.score, m.note.as_deref(), m.stale),
        (Some(1), Some("panel bestaat nog niet"), false)
    );
    assert_eq!(m.by, "inkoper-a");
    // 80 weight at 1000, participation (10) at 250: 82500 / 90 = 916.7.
    assert_eq!(a.total_tenths, 917);
    // The latest input on a criterion counts.
    let again = fresh(&base, CheckId::Participation, Some(3), None);
    let a = with_manual(&plan, &[fresh(&base, CheckId::Participation, Some(1), None), again]);
    assert_eq!(criterion(&a, CheckId::Participation).score, Some(750));
    // A note alone keeps the automatic score.
    let a = with_manual(&plan, &[fresh(&base, CheckId::Participation, None, Some("goed"))]);
    assert_eq!(criterion(&a, CheckId::Participation).score, Some(1000));
}

#[test]
fn a_stale_manual_score_does_not_count() {
    let plan = parse(UTRECHT);
    let base = assessed(&plan);
    let mut input = fresh(&base, CheckId::Participation, Some(0), Some("oud"));
    input.inputs = "0123456789abcdef".into();
    let a = with_manual(&plan, &[input]);
    let c = criterion(&a, CheckId::Participation);
    let m = c.manual.as_ref().expect("a stale input is still shown");
    assert!(m.stale);
    assert_eq!((m.score, m.note.as_deref()), (Some(0), Some("oud")));
    assert_eq!(c.score, Some(1000), "the automatic score counts");
    assert_eq!(a.total_tenths, base.total_tenths);
    // A new plan version with a changed participation description makes it stale as well.
    let input = fresh(&base, CheckId::Participation, Some(2), None);
    let changed = utrecht(&[("Burgerpanel van 40", "Burgerpanel van 60")]);
    let a = with_manual(&changed, std::slice::from_ref(&input));
    assert!(criterion(&a, CheckId::Participation).manual.as_ref().unwrap().stale);
    // ... while the same score on an untouched criterion stays fresh.
    let input = fresh(&base, CheckId::Board, Some(2), None);
    let a = with_manual(&changed, &[input]);
    let c = criterion(&a, CheckId::Board);
    assert!(!c.manual.as_ref().unwrap().stale);
    assert_eq!(c.score, Some(500));
}

#[test]
fn a_cleared_input_counts_as_none() {
    let plan = parse(UTRECHT);
    let base = assessed(&plan);
    let given = fresh(&base, CheckId::Participation, Some(0), Some("zwak"));
    let cleared = fresh(&base, CheckId::Participation, None, None);
    let a = with_manual(&plan, &[given, cleared]);
    let c = criterion(&a, CheckId::Participation);
    assert_eq!((c.manual.as_ref(), c.score), (None, Some(1000)));
    assert_eq!(a, base);
}

#[test]
fn check_manual_refuses_what_cannot_be_recorded() {
    let scale = &RULES.policy.scale;
    let a = assessed(&parse(UTRECHT));
    let err = |id, score, note: Option<&str>| check_manual(&a, scale, id, score, note).expect_err("refused").nl;
    assert_eq!(
        err(CheckId::Participation, Some(5), None),
        "score 5 ligt buiten de schaal 0-4"
    );
    assert_eq!(
        err(CheckId::Participation, Some(-1), None),
        "score -1 ligt buiten de schaal 0-4"
    );
    assert_eq!(
        err(CheckId::Region, Some(3), None),
        "region is een knock-out die de regel beslist; schrijf een notitie in plaats van een score"
    );
    let en = check_manual(&a, scale, CheckId::Contractable, Some(0), None)
        .unwrap_err()
        .en;
    assert_eq!(
        en,
        "contractable is a knock-out the rule decides; write a note instead of a score"
    );
    let long = "x".repeat(4001);
    assert_eq!(
        err(CheckId::Board, None, Some(&long)),
        "notitie: 4001 tekens, maximaal 4000"
    );

    for (id, score, note) in [
        (CheckId::Participation, Some(0), None),
        (CheckId::Participation, Some(4), Some("goed")),
        (CheckId::Region, None, Some("klopt")),
        (CheckId::Region, None, None),
        (CheckId::DoubleFunding, Some(2), None),
        (CheckId::Board, None, Some("é".repeat(4000).as_str())),
    ] {
        assert_eq!(
            check_manual(&a, scale, id, score, note),
            Ok(()),
            "{} {score:?}",
            id.keyword()
        );
    }
    // A knock-out that needs judgement takes a score.
    let unknown = utrecht(&[("rho_region = \"Utrecht Stad\"", "rho_region = \"Utrecht Centrum\"")]);
    let a = assessed(&unknown);
    assert_eq!(check_manual(&a, scale, CheckId::Region, Some(0), None), Ok(()));
}

#[test]
fn a_knock_out_needing_judgement_is_settled_by_the_buyers_score() {
    let plan = utrecht(&[("rho_region = \"Utrecht Stad\"", "rho_region = \"Utrecht Centrum\"")]);
    let base = assessed(&plan);
    assert!(!base.knocked_out);
    assert_eq!(base.pending, vec![CheckId::Region, CheckId::DoubleFunding]);
    assert!(base.reasons.iter().any(|r| r.nl == "voorlopig: wacht op het oordeel van de inkoper over: Werkgebied volgt de RHO-regio; Geen dubbele financiering"));

    let ruled_out = with_manual(&plan, &[fresh(&base, CheckId::Region, Some(0), Some("te klein"))]);
    assert!(ruled_out.knocked_out);
    assert_eq!(ruled_out.knock_outs, vec![CheckId::Region]);
    assert_eq!(ruled_out.pending, vec![CheckId::DoubleFunding]);
    assert_eq!(ruled_out.recommendation, Recommendation::Return);

    for score in 1..=4 {
        let a = with_manual(&plan, &[fresh(&base, CheckId::Region, Some(score), None)]);
        assert!(!a.knocked_out, "score {score} lets the plan pass");
        assert_eq!(a.pending, vec![CheckId::DoubleFunding]);
        // Below "sufficient" (3) the point stands as a condition.
        let expected = if score < 3 {
            Recommendation::ApproveWithConditions
        } else {
            Recommendation::Approve
        };
        assert_eq!(a.recommendation, expected, "score {score}");
    }
    // A stale judgement does not settle it.
    let mut stale = fresh(&base, CheckId::Region, Some(0), None);
    stale.inputs = "stale".into();
    let a = with_manual(&plan, &[stale]);
    assert!(!a.knocked_out && a.pending.contains(&CheckId::Region));
}

#[test]
fn a_manual_score_on_a_judgement_criterion_enters_the_total() {
    let plan = parse(UTRECHT);
    let base = assessed(&plan);
    let a = with_manual(&plan, &[fresh(&base, CheckId::DoubleFunding, Some(2), None)]);
    assert!(a.pending.is_empty());
    // 90 weight at 1000 and double_funding (10) at 500.
    assert_eq!(a.total_tenths, 950);
    assert!(
        !a.reasons.iter().any(|r| r.nl.starts_with("voorlopig")),
        "{:?}",
        a.reasons
    );
}

#[test]
fn a_low_judgement_of_a_care_exception_rejects_it() {
    // Noord-Limburg's N4 is care production with an exception: 180,000 in 2027 (from April)
    // and 240,000 in 2028, fundable until the buyer rejects the exception.
    let plan = sample("noord-limburg");
    let base = assessed(&plan);
    let excluded = |a: &Assessment| -> Vec<Cents> { a.years.iter().map(|y| y.excluded).collect() };
    assert_eq!(excluded(&base), vec![Cents::ZERO, Cents::ZERO]);
    for (score, rejected) in [(0, true), (2, true), (3, false), (4, false)] {
        let a = with_manual(&plan, &[fresh(&base, CheckId::CoordinationOnly, Some(score), None)]);
        let expected = if rejected {
            vec![euros(180_000), euros(240_000)]
        } else {
            vec![Cents::ZERO, Cents::ZERO]
        };
        assert_eq!(excluded(&a), expected, "score {score}");
        assert_eq!(a.excluded_activities.is_empty(), !rejected, "score {score}");
        for y in &a.years {
            assert_eq!(y.fundable, y.requested - y.excluded);
        }
    }
    // A stale rejection does not count; a note alone does not reject.
    let mut stale = fresh(&base, CheckId::CoordinationOnly, Some(0), None);
    stale.inputs = "stale".into();
    assert_eq!(excluded(&with_manual(&plan, &[stale])), vec![Cents::ZERO, Cents::ZERO]);
    let note = fresh(&base, CheckId::CoordinationOnly, None, Some("twijfel"));
    assert_eq!(excluded(&with_manual(&plan, &[note])), vec![Cents::ZERO, Cents::ZERO]);
}

// ---------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------

fn sample_index() -> impl Strategy<Value = usize> {
    0..SAMPLES.len()
}

/// Per criterion (in guidance order): an optional score and whether it is stale.
fn manual_strategy(scores: std::ops::RangeInclusive<i32>) -> impl Strategy<Value = Vec<(Option<i32>, bool)>> {
    prop::collection::vec((prop::option::of(scores), any::<bool>()), CheckId::ALL.len())
}

/// Manual inputs for a plan: the drawn scores, where `check_manual` accepts them.
fn manual_inputs(plan: &Plan, drawn: &[(Option<i32>, bool)], only_valid: bool) -> Vec<ManualInput> {
    let base = assessed(plan);
    base.criteria
        .iter()
        .zip(drawn)
        .filter(|(c, (s, _))| !only_valid || check_manual(&base, &RULES.policy.scale, c.id, *s, None).is_ok())
        .map(|(c, (score, stale))| {
            let mut m = fresh(&base, c.id, *score, Some("n"));
            if *stale {
                m.inputs = "stale".into();
            }
            m
        })
        .collect()
}

/// What must not depend on the order of the activities.
fn order_free(a: &Assessment) -> impl PartialEq + std::fmt::Debug + use<> {
    let statuses: Vec<(CheckId, Status, Option<u32>, Option<u32>)> = a
        .criteria
        .iter()
        .map(|c| (c.id, c.status, c.auto_score, c.score))
        .collect();
    let mut excluded = a.excluded_activities.clone();
    excluded.sort();
    (
        a.total_tenths,
        statuses,
        a.years.clone(),
        excluded,
        a.per_task,
        a.recommendation,
        a.knock_outs.clone(),
        a.pending.clone(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn the_total_and_every_score_stay_in_range(i in sample_index(), drawn in manual_strategy(-6..=10)) {
        let plan = &SAMPLES[i].1;
        let a = with_manual(plan, &manual_inputs(plan, &drawn, false));
        prop_assert!(a.total_tenths <= 1000, "{}", a.total_tenths);
        for c in &a.criteria {
            prop_assert!(c.score.is_none_or(|s| s <= 1000) && c.auto_score.is_none_or(|s| s <= 1000), "{c:?}");
        }
    }

    #[test]
    fn raising_one_manual_score_never_lowers_the_total(
        i in sample_index(),
        which in 0..10usize,
        low in 0..=4i32,
        step in 0..=4i32,
        drawn in manual_strategy(0..=4),
    ) {
        let plan = &SAMPLES[i].1;
        let base = assessed(plan);
        let ids = weighted_ids();
        let id = ids[which % ids.len()];
        let high = (low + step).min(4);
        let mut others: Vec<ManualInput> = manual_inputs(plan, &drawn, true);
        others.retain(|m| m.criterion != id);
        let total = |s: i32| {
            let mut m = others.clone();
            m.push(fresh(&base, id, Some(s), None));
            with_manual(plan, &m).total_tenths
        };
        prop_assert!(total(low) <= total(high), "{}: {low} -> {high}", id.keyword());
    }

    #[test]
    fn the_order_of_activities_does_not_matter(
        i in sample_index(),
        order in Just((0..16usize).collect::<Vec<_>>()).prop_shuffle(),
    ) {
        let plan = &SAMPLES[i].1;
        let mut shuffled = plan.clone();
        let order: Vec<usize> = order.into_iter().filter(|&k| k < plan.activities.len()).collect();
        shuffled.activities = order.iter().map(|&k| plan.activities[k].clone()).collect();
        prop_assert_eq!(order_free(&assessed(plan)), order_free(&assessed(&shuffled)));
    }

    #[test]
    fn the_same_inputs_give_the_same_assessment(i in sample_index(), drawn in manual_strategy(0..=4)) {
        let plan = &SAMPLES[i].1;
        let manual = manual_inputs(plan, &drawn, true);
        let first = with_manual(plan, &manual);
        let second = with_manual(&plan.clone(), &manual.clone());
        prop_assert_eq!(&first, &second);
        prop_assert_eq!(serde_json::to_string(&first).unwrap(), serde_json::to_string(&second).unwrap());
    }
}

/// A region that resubmits the same plan with its activities in another order has not
/// changed any fact a buyer judged; the buyer's scores should stay fresh.
#[test]
fn reordering_activities_keeps_manual_scores_fresh() {
    let plan = parse(UTRECHT);
    let manual = score_all_weighted(&plan, 2);
    let mut reordered = plan.clone();
    reordered.activities.reverse();
    let (a, b) = (with_manual(&plan, &manual), with_manual(&reordered, &manual));
    let stale: Vec<&str> = b
        .criteria
        .iter()
        .filter(|c| c.manual.as_ref().is_some_and(|m| m.stale))
        .map(|c| c.id.keyword())
        .collect();
    assert!(stale.is_empty(), "stale after reordering: {stale:?}");
    assert_eq!(a.total_tenths, b.total_tenths);
}

/// The overhead share depends on the cost of every activity, but the budget fingerprint
/// covers only the requested amounts and the overhead activities: a new, fully co-funded
/// activity changes the verdict without making the buyer's budget score stale.
#[test]
fn a_changed_overhead_share_makes_a_budget_score_stale() {
    let a2 = (
        "fte = 1.5\nagenda_link = true",
        "fte = 1.5\nagenda_link = true\noverhead = true",
    );
    let v1 = utrecht(&[a2]);
    let base = assessed(&v1);
    assert_eq!(
        criterion(&base, CheckId::Budget).status,
        Status::Fail,
        "A2 is 27.6% overhead"
    );
    let a6 = "agenda_link = false\n\n[[activities]]\nid = \"A6\"\ntitle = \"Wijkteams\"\ndescription = \"Gemeentelijke wijkteams.\"\nmain_task = 4\nnature = \"organisatie\"\ndisciplines = [\"gemeente\"]\nexecutor = { name = \"Gemeente Utrecht\" }\nstart = 2027-01-01\nend = 2028-12-31\nannual_cost = 1000000\nfte = 8.0\nagenda_link = true\n";
    let v2 = edit(
        &edit_every(UTRECHT, "amount = 50000", "amount = 1050000", 2),
        &[
            a2,
            (A5_END, a6),
            ("total = 635000", "total = 1635000"),
            ("total = 665000", "total = 1665000"),
        ],
    );
    let v2 = parse(&v2);
    let a = with_manual(&v2, &[fresh(&base, CheckId::Budget, Some(1), None)]);
    let c = criterion(&a, CheckId::Budget);
    assert_eq!(c.status, Status::Pass, "A2 is now 10.9% overhead:\n{}", nl(c));
    assert!(
        c.manual.as_ref().unwrap().stale,
        "the budget verdict changed, the buyer's score must be confirmed again"
    );
}

// ---------------------------------------------------------------------------------------
// Golden snapshots of the sample plans
// ---------------------------------------------------------------------------------------

fn tenths(t: Option<u32>) -> String {
    t.map(|t| format!("{}.{}", t / 10, t % 10))
        .unwrap_or_else(|| "-".into())
}

fn list(ids: &[CheckId]) -> String {
    if ids.is_empty() {
        "-".into()
    } else {
        ids.iter().map(|c| c.keyword()).collect::<Vec<_>>().join(", ")
    }
}

fn money(c: Cents) -> String {
    c.fmt_exact('.', ',')
}

/// A compact, stable text of an assessment (no hashes or rule-file provenance).
fn render_assessment(a: &Assessment) -> String {
    let mut s = String::new();
    let verdict = if a.knocked_out {
        "knocked out"
    } else {
        "not knocked out"
    };
    writeln!(
        s,
        "{} · total {} · {verdict} · {}",
        a.plan_id,
        tenths(Some(a.total_tenths)),
        a.recommendation.keyword()
    )
    .unwrap();
    writeln!(s, "knock-outs: {} · pending: {}", list(&a.knock_outs), list(&a.pending)).unwrap();
    for c in &a.criteria {
        let manual = c
            .manual
            .as_ref()
            .map(|m| format!(" manual {:?}", m.score))
            .unwrap_or_default();
        writeln!(
            s,
            "\n{:<17} {:<10} w{:<3} {:<16} auto {:>5}  score {:>5}{manual}",
            c.id.keyword(),
            c.kind.keyword(),
            c.weight,
            c.status.keyword(),
            tenths(c.auto_score),
            tenths(c.score)
        )
        .unwrap();
        for line in &c.explanation {
            writeln!(s, "    {}", line.nl).unwrap();
        }
    }
    writeln!(s, "\namounts (EUR):").unwrap();
    for y in &a.years {
        writeln!(
            s,
            "  {}  requested {:>14}  excluded {:>14}  fundable {:>14}",
            y.year,
            money(y.requested),
            money(y.excluded),
            money(y.fundable)
        )
        .unwrap();
    }
    writeln!(
        s,
        "excluded activities: {}",
        if a.excluded_activities.is_empty() {
            "-".into()
        } else {
            a.excluded_activities.join(", ")
        }
    )
    .unwrap();
    writeln!(s, "reasons:").unwrap();
    for r in &a.reasons {
        writeln!(s, "  - {}", r.nl).unwrap();
    }
    s
}

macro_rules! snapshot_tests {
    ($($test:ident: $name:literal;)+) => {
        /// Every sample plan with a snapshot test.
        const SNAPSHOTTED: &[&str] = &[$($name),+];
        $(
            #[test]
            fn $test() {
                let text = sample_text($name);
                let a = assess(&parse(&text), &resv::core::sha256_hex(&text), &RULES, &[]);
                insta::assert_snapshot!(render_assessment(&a));
            }
        )+
    };
}

snapshot_tests! {
    snapshot_amsterdam_zuidoost: "amsterdam-zuidoost";
    snapshot_food_valley: "food-valley";
    snapshot_friesland: "friesland";
    snapshot_groningen: "groningen";
    snapshot_noord_limburg: "noord-limburg";
    snapshot_rijnmond: "rijnmond";
    snapshot_twente: "twente";
    snapshot_utrecht_stad: "utrecht-stad";
    snapshot_west_brabant: "west-brabant";
    snapshot_zeeland: "zeeland";
}

#[test]
fn every_sample_plan_has_a_snapshot() {
    let names: Vec<&str> = SAMPLES.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, SNAPSHOTTED);
}
