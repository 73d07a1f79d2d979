use super::*;

/// Published attribute-sampling tables (AICPA Audit Sampling guide, statistical sample sizes
/// for tests of controls; the number of expected deviations in brackets there). Binomial.
#[test]
fn binomial_sizes_agree_with_the_published_tables() {
    let grid: &[(f64, f64, u64, u64)] = &[
        // 95% confidence (5% risk of overreliance), zero expected deviations
        (0.95, 0.02, 0, 149),
        (0.95, 0.03, 0, 99),
        (0.95, 0.04, 0, 74),
        (0.95, 0.05, 0, 59),
        (0.95, 0.06, 0, 49),
        (0.95, 0.07, 0, 42),
        (0.95, 0.08, 0, 36),
        (0.95, 0.09, 0, 32),
        (0.95, 0.10, 0, 29),
        (0.95, 0.15, 0, 19),
        (0.95, 0.20, 0, 14),
        // ... one and two expected deviations
        (0.95, 0.05, 1, 93),
        (0.95, 0.10, 1, 46),
        (0.95, 0.05, 2, 124),
        (0.95, 0.10, 2, 61),
        // 90% confidence (10% risk)
        (0.90, 0.02, 0, 114),
        (0.90, 0.03, 0, 76),
        (0.90, 0.04, 0, 57),
        (0.90, 0.05, 0, 45),
        (0.90, 0.10, 0, 22),
        (0.90, 0.05, 1, 77),
        (0.90, 0.10, 1, 38),
    ];
    for &(c, p, k, n) in grid {
        assert_eq!(attribute_size(c, p, k, Model::Binomial), Ok(n), "binomial {c} {p} {k}");
    }
}

/// Poisson reliability factors 3.00, 4.75 and 6.30 at 95% (0, 1, 2 deviations), 2.31 at 90%.
#[test]
fn poisson_sizes_follow_the_reliability_factors() {
    let grid: &[(f64, f64, u64, u64)] = &[
        (0.95, 0.05, 0, 60),
        (0.95, 0.10, 0, 30),
        (0.95, 0.05, 1, 95),
        (0.95, 0.05, 2, 126),
        (0.90, 0.05, 0, 47),
        (0.90, 0.10, 0, 24),
    ];
    for &(c, p, k, n) in grid {
        assert_eq!(attribute_size(c, p, k, Model::Poisson), Ok(n), "poisson {c} {p} {k}");
    }
    assert!((reliability_factor(0.95, 0).unwrap() - 2.9957).abs() < 1e-3);
    assert!((reliability_factor(0.95, 1).unwrap() - 4.7439).abs() < 1e-3);
    // At 90%: ln 10, about 2.303.
    assert!((reliability_factor(0.90, 0).unwrap() - std::f64::consts::LN_10).abs() < 1e-9);
}

#[test]
fn hypergeometric_sizes_shrink_for_small_populations_and_tend_to_the_binomial() {
    // 100 contracts, 5 of them deviating at the tolerable rate: 45 draws without any (by
    // hand: C(95,45)/C(100,45) = 0.0462 <= 0.05, C(95,44)/C(100,44) = 0.0507).
    let h = |n: u64, k: u64| attribute_size(0.95, 0.05, k, Model::Hypergeometric { population: n });
    assert_eq!(h(100, 0), Ok(45));
    assert_eq!(h(1_000_000, 0), Ok(59));
    assert_eq!(h(1_000_000, 1), Ok(93));
    let mut last = 0;
    for n in [100, 200, 500, 1_000, 5_000, 50_000] {
        let size = h(n, 0).unwrap();
        assert!(size >= last && size <= 59, "{n}: {size}");
        last = size;
    }
    // Ten contracts at 5%: no tolerable deviation at all, so every contract is examined.
    assert_eq!(h(10, 0), Err(SizeError::WholePopulation { population: 10 }));
}

#[test]
fn distributions_sum_to_one_and_bad_input_is_refused() {
    assert!(ln_binomial_cdf(20, 20, 0.3).abs() < 1e-9);
    assert!(ln_hypergeometric_cdf(5, 50, 5, 20).abs() < 1e-9);
    assert!((ln_poisson_cdf(200, 3.0)).abs() < 1e-9);
    assert_eq!(
        attribute_size(1.0, 0.05, 0, Model::Binomial),
        Err(SizeError::OutOfRange {
            what: "confidence",
            value: 1.0
        })
    );
    assert!(attribute_size(0.95, 0.0, 0, Model::Poisson).is_err());
}

#[test]
fn monetary_unit_sample_sizes() {
    // EUR 10 million at a materiality of EUR 500,000 and 95%: 10e6 × 2.996 / 5e5 = 59.9.
    assert_eq!(mus_size(1_000_000_000, 50_000_000, 0.95), Ok(60));
    // at 90%: 10e6 × 2.303 / 5e5 = 46.05
    assert_eq!(mus_size(1_000_000_000, 50_000_000, 0.90), Ok(47));
    assert_eq!(mus_size(0, 50_000_000, 0.95), Ok(0));
    assert!(mus_size(1_000, 0, 0.95).is_err());
}

/// Issue 15: a population of 10^10 at a tolerable rate of 10^-9 searched for more than ten
/// minutes. Counts are bounded, and within the bounds a planning takes a moment.
#[test]
fn every_input_is_bounded_and_planning_is_prompt() {
    let start = std::time::Instant::now();
    let h = |population: u64, p: f64, k: u64| attribute_size(0.95, p, k, Model::Hypergeometric { population });
    assert_eq!(
        h(10_000_000_000, 1e-9, 0),
        Err(SizeError::Bound {
            what: "population",
            value: 10_000_000_000,
            min: 1,
            max: MAX_POPULATION
        })
    );
    assert_eq!(
        attribute_size(0.95, 0.05, MAX_EXPECTED + 1, Model::Binomial),
        Err(SizeError::Bound {
            what: "expected",
            value: MAX_EXPECTED + 1,
            min: 0,
            max: MAX_EXPECTED
        })
    );
    // At the bounds: answered, or refused as too large, at once.
    assert_eq!(h(MAX_POPULATION, 1e-9, 0), Err(SizeError::TooLarge));
    // A billion contracts hardly differ from an infinite population.
    let (hyper, binomial) = (
        h(MAX_POPULATION, 1e-5, 3).unwrap(),
        attribute_size(0.95, 1e-5, 3, Model::Binomial).unwrap(),
    );
    assert!(
        hyper <= binomial && binomial - hyper < binomial / 1000,
        "{hyper} {binomial}"
    );
    assert!(h(MAX_POPULATION, 0.3, MAX_EXPECTED).is_ok());
    assert!(attribute_size(0.95, 0.3, MAX_EXPECTED, Model::Binomial).is_ok());
    assert!(attribute_size(0.9999999999999999, 0.5, MAX_EXPECTED, Model::Poisson).is_ok());
    assert_eq!(attribute_size(0.95, 1e-9, 0, Model::Binomial), Err(SizeError::TooLarge));
    assert_eq!(mus_size(crate::money::MAX_AMOUNT.0, 1, 0.95), Err(SizeError::TooLarge));
    assert_eq!(mus_size(i64::MAX, 1, 0.95), Err(SizeError::TooLarge));
    assert!(start.elapsed().as_secs_f64() < 5.0, "{:?}", start.elapsed());
}

/// Stirling's series agrees with the exact product where both apply.
#[test]
fn large_binomial_coefficients_agree_with_the_product() {
    for (a, b) in [(20_001u64, 10_001u64), (1_000_000, 10_001), (50_000, 25_000)] {
        let exact: f64 = (0..b).map(|i| ((a - i) as f64).ln() - ((i + 1) as f64).ln()).sum();
        let stirling = ln_choose(a, b);
        assert!(
            (exact - stirling).abs() / exact < 1e-12,
            "{a} {b}: {exact} vs {stirling}"
        );
    }
}
