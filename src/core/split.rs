//! The market split: a contracted amount divided over the insurers of a region by their
//! market shares, exactly, in cents.
//!
//! Every part is first rounded down from its exact value `total * weight / Σ weights`; the
//! cents left over (fewer than the number of parts) go one each to the parts with the
//! largest remainders, ties to the larger weight, then to the earlier part (the largest
//! remainder method). So the parts always add up to the total, and each differs from its
//! exact value by less than one cent.

use super::money::Cents;

/// Splits `total` by `weights` (any positive scale: percentages, insured counts). With no
/// weight at all, everything goes to the first part (or nowhere, without parts).
pub fn split(total: Cents, weights: &[u64]) -> Vec<Cents> {
    let sum: u128 = weights.iter().map(|w| *w as u128).sum();
    if weights.is_empty() {
        return Vec::new();
    }
    if sum == 0 {
        let mut out = vec![Cents(0); weights.len()];
        out[0] = total;
        return out;
    }
    let negative = total.0 < 0;
    let t = total.0.unsigned_abs() as u128;
    let mut parts: Vec<u128> = Vec::with_capacity(weights.len());
    let mut rems: Vec<(u128, u64, usize)> = Vec::with_capacity(weights.len());
    for (i, w) in weights.iter().enumerate() {
        let exact = t * *w as u128;
        parts.push(exact / sum);
        rems.push((exact % sum, *w, i));
    }
    let left = t - parts.iter().sum::<u128>();
    rems.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    for (_, _, i) in rems.iter().take(left as usize) {
        parts[*i] += 1;
    }
    parts
        .into_iter()
        .map(|p| {
            let c = p as i64;
            Cents(if negative { -c } else { c })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parts_add_up_and_remainders_go_to_the_largest_fractions() {
        // 100.00 over 1/3 each: 33.34 + 33.33 + 33.33, the extra cent to the first.
        assert_eq!(
            split(Cents(10_000), &[1, 1, 1]),
            vec![Cents(3334), Cents(3333), Cents(3333)]
        );
        // 10 cents at 55/45: exactly 5.5 and 4.5; the tie goes to the larger weight.
        assert_eq!(split(Cents(10), &[55, 45]), vec![Cents(6), Cents(4)]);
        // ... and in file order between equal weights.
        assert_eq!(split(Cents(1), &[50, 50]), vec![Cents(1), Cents(0)]);
        // the largest remainder wins over the larger weight: 7 at 60/40 is 4.2 and 2.8.
        assert_eq!(split(Cents(7), &[60, 40]), vec![Cents(4), Cents(3)]);
        assert_eq!(split(Cents(0), &[3, 2]), vec![Cents(0), Cents(0)]);
        assert_eq!(split(Cents(-10), &[1, 1, 1]), vec![Cents(-4), Cents(-3), Cents(-3)]);
        assert_eq!(split(Cents(5), &[0, 0]), vec![Cents(5), Cents(0)]);
        assert!(split(Cents(5), &[]).is_empty());
    }

    #[test]
    fn a_large_amount_does_not_overflow() {
        let parts = split(Cents(i64::MAX), &[u64::MAX, u64::MAX, 1]);
        assert_eq!(parts.iter().map(|c| c.0 as i128).sum::<i128>(), i64::MAX as i128);
    }

    proptest! {
        /// The parts add up to the total exactly, and each is within a cent of its exact
        /// value `total * weight / Σ weights` (strictly less than one cent away).
        #[test]
        fn parts_sum_to_the_total_and_stay_within_a_cent(
            total in 0i64..1_000_000_000_000_000,
            weights in prop::collection::vec(1u64..10_000_000_000, 1..12),
        ) {
            let parts = split(Cents(total), &weights);
            prop_assert_eq!(parts.len(), weights.len());
            prop_assert_eq!(parts.iter().map(|c| c.0 as i128).sum::<i128>(), total as i128);
            let sum: i128 = weights.iter().map(|w| *w as i128).sum();
            for (p, w) in parts.iter().zip(&weights) {
                // |part - total*w/sum| < 1  <=>  |part*sum - total*w| < sum
                let diff = (p.0 as i128 * sum - total as i128 * *w as i128).abs();
                prop_assert!(diff < sum, "part {} for weight {} of {} is a cent or more off", p.0, w, sum);
            }
        }

        /// Percentages in hundredths that add up to 100% behave the same way.
        #[test]
        fn percentage_shares_split_exactly(
            total in 0i64..100_000_000_000,
            cuts in prop::collection::btree_set(1u64..10_000, 0..6),
        ) {
            let mut bounds: Vec<u64> = cuts.into_iter().collect();
            bounds.insert(0, 0);
            bounds.push(10_000);
            let weights: Vec<u64> = bounds.windows(2).map(|w| w[1] - w[0]).collect();
            let parts = split(Cents(total), &weights);
            prop_assert_eq!(parts.iter().map(|c| c.0).sum::<i64>(), total);
            for (p, w) in parts.iter().zip(&weights) {
                let diff = (p.0 as i128 * 10_000 - total as i128 * *w as i128).abs();
                prop_assert!(diff < 10_000);
            }
        }
    }
}
