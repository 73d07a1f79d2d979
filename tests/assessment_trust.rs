//! Verdicts the guidance demands (issue 15, part 9): the budget score graded by how far a
//! plan is over the per-inhabitant cap, and the warning naming a plan's share of the
//! national ceiling.

mod support;

use resv::core::assess::{Status, assess};
use resv::core::money::Cents;
use resv::core::rules::CheckId;
use support::plans::*;

/// The reference plan asks 585,000 (2027) and 615,000 (2028); at most EUR 3.50 per
/// inhabitant, so 175,715 inhabitants is the smallest region within the cap.
fn with_inhabitants(n: u64) -> resv::core::plan::Plan {
    utrecht(&[("inhabitants = 375000", &format!("inhabitants = {n}"))])
}

fn budget_score(n: u64) -> u32 {
    criterion(&assessed(&with_inhabitants(n)), CheckId::Budget)
        .auto_score
        .expect("an automatic score")
}

#[test]
fn ten_times_over_the_cap_does_not_score_like_ten_percent_over() {
    // 615,000 against the limit: 10% over (a limit of 559,093.50 with 159,741 inhabitants)
    // and ten times over (61,498.50 with 17,571 inhabitants).
    let ten_percent = budget_score(159_741);
    let ten_times = budget_score(17_571);
    assert_eq!(ten_percent, 950, "10% over: 500 x (2 - 1.1) + 500 for the overhead");
    assert_eq!(ten_times, 500, "ten times over: nothing for the per-inhabitant norm");
    assert!(ten_percent > ten_times + 400);
    // Monotone: the further over, the lower the score.
    let mut last = u32::MAX;
    for n in [175_715, 170_000, 150_000, 120_000, 100_000, 90_000, 87_858, 50_000] {
        let s = budget_score(n);
        assert!(
            s <= last,
            "{n} inhabitants scores {s}, more than a smaller overshoot ({last})"
        );
        last = s;
    }
    assert_eq!(budget_score(175_715), 1000);
    // Twice the limit or more: the per-inhabitant half is 0.
    assert_eq!(budget_score(87_857), 500);
}

#[test]
fn a_sizeable_share_of_the_national_ceiling_is_warned_with_the_share() {
    // The shipped guidance: EUR 70 million a year, a warning from 5% (EUR 3.5 million).
    let g = &RULES.guidance.params;
    assert_eq!(g.national_ceiling, Cents(7_000_000_000));
    assert_eq!(g.ceiling_warn_share, 500);
    let c = expect(&parse(UTRECHT), CheckId::Budget, Status::Pass, &[]);
    assert!(!nl(&c).contains("plafond"), "{}", nl(&c));

    // A plan asking EUR 4.2 million in a year (6% of the ceiling), within its own cap.
    let big = utrecht(&[
        ("inhabitants = 375000", "inhabitants = 1500000"),
        ("annual_cost = 180000", "annual_cost = 3800000"),
        ("total = 635000", "total = 4255000"),
        ("total = 665000", "total = 4285000"),
    ]);
    let c = expect(
        &big,
        CheckId::Budget,
        Status::Warn,
        &["! het plan vraagt 6% van het landelijke plafond van € 70.000.000 per jaar (waarschuwing vanaf 5%)"],
    );
    let en: Vec<&str> = c.explanation.iter().map(|t| t.en.as_str()).collect();
    assert!(
        en.iter()
            .any(|l| l.contains("the plan asks 6% of the national ceiling of €70,000,000 a year")),
        "{en:#?}"
    );
    // A warning, not a condition: the score stays full.
    assert_eq!(c.auto_score, Some(1000));

    // The threshold is the guidance's parameter.
    let mut rules = RULES.clone();
    rules.guidance.params.ceiling_warn_share = 50;
    let a = assess(&parse(UTRECHT), "test-sha", &rules, &[]);
    let c = criterion(&a, CheckId::Budget);
    assert_eq!(c.status, Status::Warn);
    assert!(
        nl(c).contains("het plan vraagt 0,8% van het landelijke plafond"),
        "{}",
        nl(c)
    );
}

#[test]
fn the_ceiling_parameters_are_read_from_the_guidance_and_checked() {
    use resv::core::rules::guidance::parse_guidance;
    let text = std::fs::read_to_string("config/guidance.toml").unwrap();
    let old = "national_ceiling_euros = 70000000\nceiling_warning_percent = 5";
    assert!(text.contains(old));
    let g = parse_guidance(&text.replace(
        old,
        "national_ceiling_euros = 80000000.50\nceiling_warning_percent = 2.5",
    ))
    .expect("valid");
    assert_eq!(g.params.national_ceiling, Cents(8_000_000_050));
    assert_eq!(g.params.ceiling_warn_share, 250);
    let diags = parse_guidance(&text.replace(old, "national_ceiling_euros = 0x10\nceiling_warning_percent = 0"))
        .expect_err("refused");
    let shown: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert!(
        shown
            .iter()
            .any(|d| d.contains("national_ceiling_euros: found integer 0x10")),
        "{shown:#?}"
    );
    assert!(
        shown
            .iter()
            .any(|d| d.contains("ceiling_warning_percent: found 0.00, expected a percentage above 0")),
        "{shown:#?}"
    );
    // Without them, the defaults: EUR 70 million and 5%.
    let g = parse_guidance(&text.replace(old, "")).expect("valid");
    assert_eq!(g.params.national_ceiling, Cents(7_000_000_000));
    assert_eq!(g.params.ceiling_warn_share, 500);
}
