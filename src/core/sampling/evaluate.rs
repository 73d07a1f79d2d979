//! Evaluating a sample (issue 19), pure: the third step of audit sampling, after planning
//! ([`super::size`]) and selection ([`super::select`]).
//!
//! **Attribute samples** give an upper limit of the population's deviation rate at a
//! confidence level, from `k` deviations found in `n` items:
//!
//! - binomial: the one-sided Clopper-Pearson limit, the `p` with `P(X <= k | n, p) = 1 - c`;
//! - Poisson: the reliability factor over `n`, the `λ / n` with `P(X <= k | λ) = 1 - c`.
//!   It is never capped: above 1 the approximation has broken down, and the caller is told;
//! - hypergeometric: the largest number of deviating items `K` in a population of `N` with
//!   `P(X <= k | N, K, n) > 1 - c` (`upper_items`), and `K / N` as the rate.
//!
//! **Monetary-unit samples** give the Stringer bound: the taints `(book - audited) / book`
//! of the overstatements in descending order, each weighted by the step of the binomial
//! limit it adds, `UEL(0) + Σ (UEL(i) - UEL(i-1)) t(i)`; and the most likely misstatement,
//! the mean taint `Σ t / n`. Both are rates, projected onto the book value in euros by the
//! caller. This is the Stringer bound as the R package jfa computes it (`method =
//! "stringer.binomial"`), so every taint 1 gives exactly the binomial limit.
//!
//! Every search runs a fixed number of bisection steps over a monotone probability
//! computed in log space ([`super::size`]); the inputs are bounded so that one evaluation
//! takes at most a moment.

use serde::Serialize;

use super::size::{MAX_POPULATION, MAX_SAMPLE_SIZE, ln_binomial_cdf, ln_hypergeometric_cdf, reliability_factor};

/// The most deviations an attribute evaluation accepts.
pub const MAX_DEVIATIONS: u64 = 100_000;
/// The most misstatements (taints) a Stringer bound accepts: each adds a limit that costs
/// O(its count), so the work grows with the square of their number.
pub const MAX_TAINTS: usize = 500;

/// The model of the number of deviations in an attribute sample.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Model {
    Binomial,
    Poisson,
    Hypergeometric { population: u64 },
}

/// Why a sample cannot be evaluated.
#[derive(Clone, Debug, PartialEq)]
pub enum EvalError {
    /// The confidence must lie strictly between 0 and 1.
    Confidence(f64),
    /// A count outside the range accepted.
    Bound {
        what: &'static str,
        value: u64,
        min: u64,
        max: u64,
    },
    /// A taint outside 0..=1 or not a number (position counted from 1).
    Taint { position: usize, value: f64 },
}

/// An attribute sample's upper limit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AttributeBound {
    /// The upper limit of the deviation rate (Poisson: may exceed 1, see `exceeds_one`).
    pub upper_bound: f64,
    /// Hypergeometric: the upper limit of deviating items in the population.
    pub upper_items: Option<u64>,
    /// The sample's own deviation rate, `k / n`.
    pub sample_rate: f64,
    /// Poisson: the limit is above 1, a sign that the approximation does not hold here.
    pub exceeds_one: bool,
}

/// A monetary-unit sample's bounds, as rates of the book value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StringerBound {
    pub upper_bound: f64,
    pub most_likely: f64,
    /// Overstatements counted in the bound (taints above 0).
    pub misstatements: usize,
}

fn check(what: &'static str, value: u64, min: u64, max: u64) -> Result<(), EvalError> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(EvalError::Bound { what, value, min, max })
    }
}

fn check_confidence(c: f64) -> Result<(), EvalError> {
    if c > 0.0 && c < 1.0 {
        Ok(())
    } else {
        Err(EvalError::Confidence(c))
    }
}

/// The one-sided Clopper-Pearson upper limit for `k` deviations in `n` items: the `p`
/// with `P(X <= k | n, p) = 1 - confidence` (1 when every item deviates).
pub fn clopper_pearson(n: u64, k: u64, confidence: f64) -> Result<f64, EvalError> {
    check_confidence(confidence)?;
    check("n", n, 1, MAX_SAMPLE_SIZE)?;
    check("deviations", k, 0, n.min(MAX_DEVIATIONS))?;
    if k == n {
        return Ok(1.0);
    }
    let ln_risk = (1.0 - confidence).ln();
    // The cdf falls as p rises: bisect for the crossing.
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    for _ in 0..64 {
        let mid = (lo + hi) / 2.0;
        if ln_binomial_cdf(k, n, mid) > ln_risk {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(hi)
}

/// The upper limit of an attribute sample: `k` deviations in `n` items.
pub fn attribute(model: Model, n: u64, k: u64, confidence: f64) -> Result<AttributeBound, EvalError> {
    check_confidence(confidence)?;
    check("n", n, 1, MAX_SAMPLE_SIZE)?;
    check("deviations", k, 0, n.min(MAX_DEVIATIONS))?;
    let sample_rate = k as f64 / n as f64;
    let bound = |upper_bound: f64, upper_items| AttributeBound {
        upper_bound,
        upper_items,
        sample_rate,
        exceeds_one: upper_bound > 1.0,
    };
    match model {
        Model::Binomial => Ok(bound(clopper_pearson(n, k, confidence)?, None)),
        Model::Poisson => {
            let r = reliability_factor(confidence, k).map_err(|_| EvalError::Confidence(confidence))?;
            Ok(bound(r / n as f64, None))
        }
        Model::Hypergeometric { population } => {
            check("population", population, n, MAX_POPULATION)?;
            let items = hypergeometric_items(population, n, k, confidence);
            Ok(bound(items as f64 / population as f64, Some(items)))
        }
    }
}

/// The largest `K` in `k..=N` with `P(X <= k | N, K, n) > 1 - confidence` (the cdf falls
/// as `K` rises; `K = k` always qualifies, its cdf being 1).
fn hypergeometric_items(big_n: u64, n: u64, k: u64, confidence: f64) -> u64 {
    let ln_risk = (1.0 - confidence).ln();
    let qualifies = |d: u64| ln_hypergeometric_cdf(k, big_n, d, n) > ln_risk;
    let (mut lo, mut hi) = (k, big_n);
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        if qualifies(mid) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    lo
}

/// The Stringer bound and the most likely misstatement of a monetary-unit sample of `n`
/// units, from the taints found (negative taints, understatements, count in the most
/// likely misstatement only).
pub fn stringer(n: u64, taints: &[f64], confidence: f64) -> Result<StringerBound, EvalError> {
    check_confidence(confidence)?;
    check("n", n, 1, MAX_SAMPLE_SIZE)?;
    check("taints", taints.len() as u64, 0, n.min(MAX_TAINTS as u64))?;
    if let Some((i, t)) = taints
        .iter()
        .enumerate()
        .find(|(_, t)| !t.is_finite() || **t > 1.0 || **t < -1.0)
    {
        return Err(EvalError::Taint {
            position: i + 1,
            value: *t,
        });
    }
    let mut over: Vec<f64> = taints.iter().copied().filter(|t| *t > 0.0).collect();
    over.sort_by(|a, b| b.total_cmp(a));
    let mut upper_bound = clopper_pearson(n, 0, confidence)?;
    let mut previous = upper_bound;
    for (i, t) in over.iter().enumerate() {
        let limit = clopper_pearson(n, i as u64 + 1, confidence)?;
        upper_bound += (limit - previous) * t;
        previous = limit;
    }
    Ok(StringerBound {
        upper_bound,
        most_likely: taints.iter().sum::<f64>() / n as f64,
        misstatements: over.len(),
    })
}

/// The taint of one item: `(book - audited) / book`, from amounts in cents (0 for an item
/// without a book amount).
pub fn taint(book_cents: i64, audited_cents: i64) -> f64 {
    if book_cents == 0 {
        return 0.0;
    }
    ((book_cents as f64 - audited_cents as f64) / book_cents as f64).clamp(-1.0, 1.0)
}

/// A rate projected onto a book value in cents, rounded to whole cents.
pub fn project(rate: f64, book_cents: i64) -> i64 {
    let v = (rate * book_cents as f64).round();
    if v >= i64::MAX as f64 { i64::MAX } else { v as i64 }
}

/// Strata evaluated one by one, combined conservatively: the population's rate is at most
/// the strata's upper limits weighted by their sizes, `Σ (N_h / N) UB_h`, with a confidence
/// of at least `1 - H (1 - C)` for `H` strata each at confidence `C` (Bonferroni: all `H`
/// limits hold together at least that often). `None` for no strata, or when that joint
/// confidence is not above 0.
pub fn combine_strata(parts: &[(u64, f64)], confidence: f64) -> Option<(f64, f64)> {
    let total: u64 = parts.iter().map(|p| p.0).sum();
    let joint = 1.0 - parts.len() as f64 * (1.0 - confidence);
    if parts.is_empty() || total == 0 || joint <= 0.0 {
        return None;
    }
    let rate = parts.iter().map(|(n, ub)| *n as f64 / total as f64 * ub).sum();
    Some((rate, joint))
}

/// A sample's evaluation as shown and serialised (`--json`): by the calculator, or for a
/// stored sample with its findings (the `sample_id`, `items`, `open_items` and `partial`
/// set by the caller).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evaluation {
    pub sample_id: Option<i64>,
    /// `attribute` or `mus`.
    pub kind: &'static str,
    /// `binomial`, `poisson`, `hypergeometric` or `stringer`.
    pub model: &'static str,
    pub confidence: f64,
    /// Items (attribute) or monetary units (MUS) evaluated.
    pub n: u64,
    pub deviations: Option<u64>,
    pub taints: Option<Vec<f64>>,
    pub population: Option<u64>,
    pub upper_bound: f64,
    pub upper_items: Option<u64>,
    pub most_likely: Option<f64>,
    pub exceeds_one: bool,
    pub book_value_cents: Option<i64>,
    pub upper_bound_cents: Option<i64>,
    pub most_likely_cents: Option<i64>,
    pub tolerable_rate: Option<f64>,
    pub materiality_cents: Option<i64>,
    /// Whether the population is below the tolerable rate (or materiality) at the
    /// confidence; `None` without a tolerable rate or materiality to compare with.
    pub concluded: Option<bool>,
    /// Stored samples: the items, those still without a finding, and whether only the
    /// examined ones were evaluated.
    pub items: Option<usize>,
    pub open_items: Option<usize>,
    pub partial: bool,
}

impl Evaluation {
    /// An attribute sample: `k` deviations in `n` items, against an optional tolerable rate.
    pub fn attribute(
        model: Model,
        n: u64,
        k: u64,
        confidence: f64,
        tolerable_rate: Option<f64>,
    ) -> Result<Self, EvalError> {
        let b = attribute(model, n, k, confidence)?;
        let (name, population) = match model {
            Model::Binomial => ("binomial", None),
            Model::Poisson => ("poisson", None),
            Model::Hypergeometric { population } => ("hypergeometric", Some(population)),
        };
        Ok(Evaluation {
            sample_id: None,
            kind: "attribute",
            model: name,
            confidence,
            n,
            deviations: Some(k),
            taints: None,
            population,
            upper_bound: b.upper_bound,
            upper_items: b.upper_items,
            most_likely: Some(b.sample_rate),
            exceeds_one: b.exceeds_one,
            book_value_cents: None,
            upper_bound_cents: None,
            most_likely_cents: None,
            tolerable_rate,
            materiality_cents: None,
            concluded: tolerable_rate.map(|t| b.upper_bound < t),
            items: None,
            open_items: None,
            partial: false,
        })
    }

    /// A monetary-unit sample: the Stringer bound, in euros when the book value is given,
    /// against an optional materiality (cents; needs the book value) or tolerable rate.
    pub fn stringer(
        n: u64,
        taints: &[f64],
        confidence: f64,
        book_value_cents: Option<i64>,
        materiality_cents: Option<i64>,
        tolerable_rate: Option<f64>,
    ) -> Result<Self, EvalError> {
        let s = stringer(n, taints, confidence)?;
        let upper_bound_cents = book_value_cents.map(|b| project(s.upper_bound, b));
        let concluded = match (upper_bound_cents, materiality_cents, tolerable_rate) {
            (Some(u), Some(m), _) => Some(u < m),
            (_, _, Some(t)) => Some(s.upper_bound < t),
            _ => None,
        };
        Ok(Evaluation {
            sample_id: None,
            kind: "mus",
            model: "stringer",
            confidence,
            n,
            deviations: Some(s.misstatements as u64),
            taints: Some(taints.to_vec()),
            population: None,
            upper_bound: s.upper_bound,
            upper_items: None,
            most_likely: Some(s.most_likely),
            exceeds_one: s.upper_bound > 1.0,
            book_value_cents,
            upper_bound_cents,
            most_likely_cents: book_value_cents.map(|b| project(s.most_likely, b)),
            tolerable_rate,
            materiality_cents: materiality_cents.filter(|_| book_value_cents.is_some()),
            concluded,
            items: None,
            open_items: None,
            partial: false,
        })
    }
}

#[cfg(test)]
mod tests;
