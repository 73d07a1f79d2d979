use super::*;
use proptest::prelude::*;

fn units(amounts: &[i64], strata: &[&str]) -> Vec<Unit> {
    amounts
        .iter()
        .enumerate()
        .map(|(i, a)| Unit {
            id: format!("u{i:04}"),
            sha256: format!("{i:064x}"),
            amount_cents: *a,
            stratum: strata.get(i % strata.len().max(1)).unwrap_or(&"").to_string(),
        })
        .collect()
}

fn indices(d: &Drawn) -> Vec<usize> {
    d.picks.iter().map(|p| p.index).collect()
}

/// Issue 15: a monetary-unit draw loops once per unit of the size; a size beyond
/// MAX_SAMPLE_SIZE over a population of large amounts is refused at once.
#[test]
fn a_draw_beyond_the_largest_size_is_refused_at_once() {
    let max = crate::money::MAX_AMOUNT.0;
    let pop = units(&[max, max, max], &["a"]);
    let too_many = crate::sampling::size::MAX_SAMPLE_SIZE + 1;
    for method in [Method::Mus, Method::Random, Method::Systematic] {
        assert_eq!(
            draw(&pop, method, too_many, 7).unwrap_err(),
            DrawError::SizeTooLarge { size: too_many }
        );
    }
    assert_eq!(
        draw(&pop, Method::Mus, u64::MAX, 7).unwrap_err(),
        DrawError::SizeTooLarge { size: u64::MAX }
    );
    assert_eq!(total_cents(&pop), Some(3 * max));
    assert_eq!(total_cents(&units(&[i64::MAX, 1], &["a"])), None);
}

#[test]
fn the_generator_is_pinned() {
    // These values are what ChaCha20Rng::seed_from_u64 gives on every machine; if a
    // dependency update changes them, stored samples would no longer re-draw: stop there.
    let mut d = Draws::new(42);
    let first: Vec<u64> = (0..3).map(|_| d.below(1_000_000)).collect();
    let again: Vec<u64> = {
        let mut d = Draws::new(42);
        (0..3).map(|_| d.below(1_000_000)).collect()
    };
    assert_eq!(first, again);
    assert_eq!(first, vec![27_256, 113_305, 428_821]);
    let pop = units(&[100; 100], &["a"]);
    let s = draw(&pop, Method::Random, 5, 42).unwrap();
    assert_eq!(indices(&s), PINNED_RANDOM_42.to_vec());
}

const PINNED_RANDOM_42: [usize; 5] = [56, 57, 61, 70, 90];

#[test]
fn same_seed_same_sample_other_seed_other_sample() {
    let pop = units(
        &(1..=500).map(|i| i * 37 % 1000 + 1).collect::<Vec<_>>(),
        &["x", "y", "z"],
    );
    for method in [
        Method::Random,
        Method::Systematic,
        Method::Mus,
        Method::Stratified(Allocation::Proportional),
        Method::Stratified(Allocation::Fixed(7)),
    ] {
        let a = draw(&pop, method, 20, 2027).unwrap();
        assert_eq!(a, draw(&pop, method, 20, 2027).unwrap(), "{method:?}");
        assert_ne!(
            indices(&a),
            indices(&draw(&pop, method, 20, 2028).unwrap()),
            "{method:?}"
        );
    }
}

#[test]
fn refuses_what_cannot_be_drawn() {
    let pop = units(&[0, 0, 5], &["a"]);
    assert_eq!(draw(&[], Method::Random, 1, 1), Err(DrawError::EmptyPopulation));
    assert_eq!(draw(&pop, Method::Random, 0, 1), Err(DrawError::ZeroSize));
    assert_eq!(
        draw(&pop, Method::Systematic, 4, 1),
        Err(DrawError::SizeExceedsPopulation { size: 4, population: 3 })
    );
    assert_eq!(
        draw(&units(&[0, 0], &["a"]), Method::Mus, 1, 1),
        Err(DrawError::NoAmount)
    );
    assert!(matches!(
        draw(&units(&[1, -1], &["a"]), Method::Mus, 1, 1),
        Err(DrawError::NegativeAmount { .. })
    ));
    // MUS only ever selects contracts with money.
    let s = draw(&pop, Method::Mus, 3, 9).unwrap();
    assert_eq!(s.picks, vec![Pick { index: 2, hits: 3 }]);
}

#[test]
fn fixed_allocation_takes_all_of_a_small_stratum() {
    let pop = units(&[1; 10], &["a", "a", "a", "a", "b"]); // a: 8, b: 2
    let s = draw(&pop, Method::Stratified(Allocation::Fixed(3)), 3, 5).unwrap();
    let alloc: Vec<(String, u64, u64)> = s
        .strata
        .iter()
        .map(|x| (x.key.clone(), x.population, x.allocated))
        .collect();
    assert_eq!(alloc, vec![("a".into(), 8, 3), ("b".into(), 2, 2)]);
    assert_eq!(s.picks.len(), 5);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn systematic_samples_are_evenly_spaced(n_pop in 1usize..2000, frac in 0.0f64..1.0, seed in any::<u64>()) {
        let size = 1 + ((n_pop - 1) as f64 * frac) as u64;
        let pop = units(&vec![1; n_pop], &["a"]);
        let s = draw(&pop, Method::Systematic, size, seed).unwrap();
        let idx = indices(&s);
        prop_assert_eq!(idx.len() as u64, size);
        let (lo, hi) = (n_pop as u64 / size, (n_pop as u64).div_ceil(size));
        prop_assert!((idx[0] as u64) < hi.max(1));
        for w in idx.windows(2) {
            let gap = (w[1] - w[0]) as u64;
            prop_assert!(gap >= lo && gap <= hi, "gap {} not in [{}, {}]", gap, lo, hi);
        }
    }

    #[test]
    fn random_samples_are_distinct_and_of_the_size(n_pop in 1usize..500, frac in 0.0f64..1.0, seed in any::<u64>()) {
        let size = 1 + ((n_pop - 1) as f64 * frac) as u64;
        let s = draw(&units(&vec![1; n_pop], &["a"]), Method::Random, size, seed).unwrap();
        let idx = indices(&s);
        prop_assert_eq!(idx.len() as u64, size);
        prop_assert!(idx.windows(2).all(|w| w[0] < w[1]));
        prop_assert!(idx.iter().all(|i| *i < n_pop));
    }

    #[test]
    fn stratified_allocation_sums_to_the_sample_size(
        sizes in prop::collection::vec(1u64..300, 1..12),
        frac in 0.0f64..1.0,
        seed in any::<u64>(),
    ) {
        let total: u64 = sizes.iter().sum();
        let size = 1 + ((total - 1) as f64 * frac) as u64;
        let alloc = allocate(&sizes, Allocation::Proportional, size);
        prop_assert_eq!(alloc.iter().sum::<u64>(), size);
        for (a, s) in alloc.iter().zip(&sizes) {
            prop_assert!(a <= s);
            // Proportional: within one of the exact share.
            let exact = size as f64 * *s as f64 / total as f64;
            prop_assert!((*a as f64 - exact).abs() < 1.0);
        }
        // The draw itself takes exactly the allocation from each stratum.
        let mut pop = Vec::new();
        for (k, s) in sizes.iter().enumerate() {
            for i in 0..*s {
                pop.push(Unit { id: format!("{k:02}-{i:04}"), sha256: String::new(), amount_cents: 1, stratum: format!("s{k:02}") });
            }
        }
        let d = draw(&pop, Method::Stratified(Allocation::Proportional), size, seed).unwrap();
        prop_assert_eq!(d.picks.len() as u64, size);
        for (st, a) in d.strata.iter().zip(&alloc) {
            prop_assert_eq!(st.allocated, *a);
            let got = d.picks.iter().filter(|p| pop[p.index].stratum == st.key).count() as u64;
            prop_assert_eq!(got, *a);
        }
        let fixed = allocate(&sizes, Allocation::Fixed(size), size);
        prop_assert_eq!(fixed.iter().sum::<u64>(), sizes.iter().map(|s| (*s).min(size)).sum::<u64>());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Over many seeds, each contract's expected number of selected cents is n × amount / V
    /// exactly; the observed mean must track it.
    #[test]
    fn pps_selection_frequencies_track_amounts(
        amounts in prop::collection::vec(1i64..5_000, 4..16),
        size in 1u64..6,
        first_seed in any::<u64>(),
    ) {
        let pop = units(&amounts, &["a"]);
        let total: i64 = amounts.iter().sum();
        let seeds = 2_000u64;
        let mut hits = vec![0u64; amounts.len()];
        for s in 0..seeds {
            let d = draw(&pop, Method::Mus, size, first_seed.wrapping_add(s)).unwrap();
            prop_assert_eq!(d.picks.iter().map(|p| p.hits).sum::<u64>(), size);
            for p in &d.picks {
                hits[p.index] += p.hits;
            }
        }
        for (i, a) in amounts.iter().enumerate() {
            let expected = size as f64 * *a as f64 / total as f64;
            let observed = hits[i] as f64 / seeds as f64;
            // A mean of 2,000 draws of at most ceil(expected) hits: 0.06 is over 5 standard
            // deviations for the worst case (a 50% inclusion probability).
            prop_assert!((observed - expected).abs() < 0.06, "unit {} amount {}: observed {} expected {}", i, a, observed, expected);
        }
    }
}
