use super::*;
use crate::sampling::size::{self, attribute_size};
use proptest::prelude::*;

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Reference values to 4 decimals: an independent computation (exact sums over the
/// binomial terms, bisected to 100 steps), which agrees with the published AICPA evaluation
/// tables (upper limits at 5% risk of overreliance, rounded up to 0.1% there: n = 25 gives
/// 11.3% and 17.6%, n = 50 5.8%, 9.1% and 12.1%, n = 100 3.0%, 4.7%, 6.2% and 7.6%), and
/// with jfa's `evaluation(method = "binomial")` (its `qbeta(conf, k + 1, n - k)`).
#[test]
fn the_binomial_limit_agrees_with_the_reference_grid() {
    let grid: &[(u64, u64, f64, f64)] = &[
        (93, 1, 0.95, 0.0500),
        (59, 0, 0.95, 0.0495),
        (25, 0, 0.95, 0.1129),
        (25, 1, 0.95, 0.1761),
        (50, 0, 0.95, 0.0582),
        (50, 1, 0.95, 0.0914),
        (50, 2, 0.95, 0.1206),
        (100, 0, 0.95, 0.0295),
        (100, 1, 0.95, 0.0466),
        (100, 2, 0.95, 0.0616),
        (100, 3, 0.95, 0.0757),
        (60, 0, 0.90, 0.0376),
        (77, 1, 0.90, 0.0496),
        (200, 4, 0.95, 0.0452),
        (30, 2, 0.99, 0.2519),
    ];
    for &(n, k, c, want) in grid {
        let b = attribute(Model::Binomial, n, k, c).unwrap();
        assert_eq!(round4(b.upper_bound), want, "binomial n={n} k={k} c={c}");
        assert_eq!(b.upper_items, None);
    }
}

/// The Poisson limit is the reliability factor over n: 3.00 / 100 for no deviations at 95%,
/// 4.74 / 100 for one, 6.30 / 100 for two.
#[test]
fn the_poisson_limit_agrees_with_the_reference_grid() {
    let grid: &[(u64, u64, f64, f64)] = &[
        (93, 1, 0.95, 0.0510),
        (25, 0, 0.95, 0.1198),
        (50, 1, 0.95, 0.0949),
        (100, 0, 0.95, 0.0300),
        (100, 1, 0.95, 0.0474),
        (100, 2, 0.95, 0.0630),
        (60, 0, 0.90, 0.0384),
        (30, 2, 0.99, 0.2802),
    ];
    for &(n, k, c, want) in grid {
        let b = attribute(Model::Poisson, n, k, c).unwrap();
        assert_eq!(round4(b.upper_bound), want, "poisson n={n} k={k} c={c}");
    }
}

/// Above 1 the Poisson limit is reported as it is, and flagged: never silently capped.
#[test]
fn the_poisson_limit_is_not_capped() {
    let b = attribute(Model::Poisson, 3, 2, 0.95).unwrap();
    assert!(b.upper_bound > 2.0, "{b:?}");
    assert!(b.exceeds_one);
    assert!(!attribute(Model::Binomial, 3, 2, 0.95).unwrap().exceeds_one);
}

/// Hypergeometric: the largest K with P(X <= k | N, K, n) > 1 - c, from exact sums over
/// whole-number binomial coefficients.
#[test]
fn the_hypergeometric_limit_agrees_with_the_reference_grid() {
    let grid: &[(u64, u64, u64, f64, u64)] = &[
        (100, 30, 0, 0.95, 8),
        (100, 30, 1, 0.95, 13),
        (500, 60, 0, 0.95, 22),
        (500, 60, 2, 0.95, 48),
        (1000, 93, 1, 0.95, 48),
        // Everything examined, nothing found: nothing can deviate.
        (60, 60, 0, 0.95, 0),
        // Everything found deviating: the whole population may.
        (50, 10, 10, 0.95, 50),
    ];
    for &(big_n, n, k, c, want) in grid {
        let b = attribute(Model::Hypergeometric { population: big_n }, n, k, c).unwrap();
        assert_eq!(b.upper_items, Some(want), "hypergeometric N={big_n} n={n} k={k}");
        assert_eq!(b.upper_bound, want as f64 / big_n as f64);
    }
}

/// The Stringer bound, as jfa's `stringer.binomial`, against an independent computation.
#[test]
fn the_stringer_bound_agrees_with_the_reference_grid() {
    let grid: &[(u64, &[f64], f64, f64, f64)] = &[
        (93, &[0.5], 0.95, 0.0408, 0.0054),
        (100, &[0.2, 1.0, 0.4], 0.95, 0.0554, 0.0160),
        (60, &[0.3, 0.8], 0.90, 0.0651, 0.0183),
        (200, &[], 0.95, 0.0149, 0.0),
    ];
    for &(n, taints, c, upper, likely) in grid {
        let s = stringer(n, taints, c).unwrap();
        assert_eq!(round4(s.upper_bound), upper, "stringer n={n} {taints:?}");
        assert_eq!(round4(s.most_likely), likely, "most likely n={n} {taints:?}");
    }
    // An understatement lowers the most likely misstatement, never the upper bound.
    let with = stringer(100, &[0.5, -0.5], 0.95).unwrap();
    let without = stringer(100, &[0.5], 0.95).unwrap();
    assert_eq!(with.upper_bound, without.upper_bound);
    assert_eq!(with.most_likely, 0.0);
    assert_eq!(with.misstatements, 1);
}

#[test]
fn bad_inputs_are_refused_with_what_and_the_range() {
    assert_eq!(
        attribute(Model::Binomial, 10, 11, 0.95),
        Err(EvalError::Bound {
            what: "deviations",
            value: 11,
            min: 0,
            max: 10
        })
    );
    assert_eq!(
        attribute(Model::Binomial, 0, 0, 0.95),
        Err(EvalError::Bound {
            what: "n",
            value: 0,
            min: 1,
            max: size::MAX_SAMPLE_SIZE
        })
    );
    assert_eq!(attribute(Model::Binomial, 10, 1, 1.0), Err(EvalError::Confidence(1.0)));
    assert!(matches!(
        attribute(Model::Binomial, 10, 1, f64::NAN),
        Err(EvalError::Confidence(_))
    ));
    assert_eq!(
        attribute(Model::Hypergeometric { population: 5 }, 10, 1, 0.95),
        Err(EvalError::Bound {
            what: "population",
            value: 5,
            min: 10,
            max: size::MAX_POPULATION
        })
    );
    assert_eq!(
        stringer(10, &[0.5, 1.5], 0.95),
        Err(EvalError::Taint {
            position: 2,
            value: 1.5
        })
    );
    assert!(matches!(
        stringer(10, &[f64::NAN], 0.95),
        Err(EvalError::Taint { position: 1, .. })
    ));
    assert!(matches!(
        stringer(1, &[0.1, 0.1], 0.95),
        Err(EvalError::Bound { what: "taints", .. })
    ));
    assert_eq!(attribute(Model::Binomial, 10, 10, 0.95).unwrap().upper_bound, 1.0);
}

#[test]
fn strata_combine_conservatively() {
    // Two strata of 100 and 300 at 95% each: the weighted limits, at 90% jointly.
    let (rate, joint) = combine_strata(&[(100, 0.10), (300, 0.02)], 0.95).unwrap();
    assert!((rate - 0.04).abs() < 1e-12);
    assert!((joint - 0.90).abs() < 1e-12);
    // Twenty strata at 95% leave no joint confidence: nothing is claimed.
    assert_eq!(combine_strata(&[(1, 0.1); 20], 0.95), None);
    assert_eq!(combine_strata(&[], 0.95), None);
}

#[test]
fn taints_and_projection() {
    assert_eq!(taint(10_000, 7_500), 0.25);
    assert_eq!(taint(10_000, 10_000), 0.0);
    assert_eq!(taint(10_000, 0), 1.0);
    assert_eq!(taint(0, 5), 0.0);
    assert_eq!(taint(10_000, 12_000), -0.2);
    assert_eq!(project(0.05, 7_000_000_000), 350_000_000);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_bound_rises_with_the_deviations_and_falls_with_n(n in 2u64..400, k in 0u64..20, c in 0.5f64..0.995) {
        let k = k.min(n - 2);
        for model in [Model::Binomial, Model::Poisson, Model::Hypergeometric { population: 2 * n + 50 }] {
            let here = attribute(model, n, k, c).unwrap().upper_bound;
            let more_found = attribute(model, n, k + 1, c).unwrap().upper_bound;
            let bigger = attribute(model, n + 1, k, c).unwrap().upper_bound;
            prop_assert!(more_found > here, "{model:?} n={n} k={k}: {more_found} <= {here}");
            prop_assert!(bigger <= here, "{model:?} n={n} k={k}: {bigger} > {here}");
        }
    }

    #[test]
    fn a_stringer_bound_with_every_taint_one_is_the_binomial_limit(n in 1u64..500, k in 0u64..30, c in 0.5f64..0.995) {
        let k = k.min(n);
        let s = stringer(n, &vec![1.0; k as usize], c).unwrap();
        let b = clopper_pearson(n, k, c).unwrap();
        prop_assert!((s.upper_bound - b).abs() < 1e-12, "n={n} k={k}: {} vs {b}", s.upper_bound);
        prop_assert!((s.most_likely - k as f64 / n as f64).abs() < 1e-12);
    }

    #[test]
    fn zero_errors_give_the_sample_size_tables_back(rate in 0.01f64..0.3, expected in 0u64..4, c in 0.8f64..0.99) {
        // The planned size is the smallest n whose limit for the expected deviations is at
        // most the tolerable rate.
        for (plan, model) in [(size::Model::Binomial, Model::Binomial), (size::Model::Poisson, Model::Poisson)] {
            let n = attribute_size(c, rate, expected, plan).unwrap();
            prop_assert!(attribute(model, n, expected, c).unwrap().upper_bound <= rate + 1e-9);
            if n > expected + 1 {
                prop_assert!(attribute(model, n - 1, expected, c).unwrap().upper_bound > rate - 1e-9);
            }
        }
    }
}
