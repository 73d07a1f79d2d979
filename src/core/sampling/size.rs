//! Sample sizes for audit sampling (NZa monitoring, issue 7), pure.
//!
//! **Attribute sampling**: the smallest sample of `n` contracts such that, if the population
//! deviated at the tolerable rate `p`, finding at most `k` deviations (the expected number
//! in the sample) would happen with probability at most `1 - confidence`. Three models of
//! the number of deviations `X` in the sample:
//!
//! - binomial: `X ~ Bin(n, p)` (an infinite population, or sampling with replacement);
//! - Poisson: `X ~ Poisson(n p)` (the usual approximation; slightly larger samples);
//! - hypergeometric: `X ~ Hyp(N, D, n)` for a population of `N` contracts of which
//!   `D = floor(p N)` deviate (without replacement; smaller samples for small `N`).
//!
//! **Monetary-unit sampling** (probability proportional to size): `n = ceil(V × R / M)`,
//! with `V` the population's total amount, `M` the materiality and `R` the Poisson
//! reliability factor for zero misstatements at the confidence (about 3.0 at 95%).
//!
//! All probabilities are computed in log space, so large samples neither underflow nor lose
//! precision; the size is found by a doubling-then-bisection search on `n`, which is valid
//! because the probability falls as `n` grows.
//!
//! Every input is bounded so that no planning takes more than a moment: sizes up to
//! [`MAX_SAMPLE_SIZE`], hypergeometric populations up to [`MAX_POPULATION`], at most
//! [`MAX_EXPECTED`] expected deviations. A binomial coefficient over more than 10,000 items
//! is taken from Stirling's series instead of a product, so one probability costs at most
//! O(expected) steps whatever the population.

/// The model of the number of deviations in the sample.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Model {
    Binomial,
    Poisson,
    /// Sampling without replacement from a population of this many contracts.
    Hypergeometric {
        population: u64,
    },
}

/// Why no sample size can be given.
#[derive(Clone, Debug, PartialEq)]
pub enum SizeError {
    /// Confidence and rate must lie strictly between 0 and 1.
    OutOfRange { what: &'static str, value: f64 },
    /// The population holds no more tolerable deviations than are expected in the sample:
    /// only examining every contract gives the assurance.
    WholePopulation { population: u64 },
    /// The size would exceed [`MAX_SAMPLE_SIZE`].
    TooLarge,
    /// A count outside the range this planning accepts.
    Bound {
        what: &'static str,
        value: u64,
        min: u64,
        max: u64,
    },
}

/// The largest sample size planned or drawn: a million contracts.
pub const MAX_SAMPLE_SIZE: u64 = 1_000_000;
/// The largest hypergeometric population: a billion contracts.
pub const MAX_POPULATION: u64 = 1_000_000_000;
/// The most deviations a sample may be expected to find.
pub const MAX_EXPECTED: u64 = 10_000;

const LIMIT: u64 = MAX_SAMPLE_SIZE;

/// ln(n!) by Stirling's series (for n above 10,000 its error is far below f64's).
fn ln_factorial_stirling(n: u64) -> f64 {
    let x = n as f64;
    x * x.ln() - x + 0.5 * (2.0 * std::f64::consts::PI * x).ln() + 1.0 / (12.0 * x) - 1.0 / (360.0 * x * x * x)
}

/// ln C(a, b): a product for up to 10,000 factors, Stirling's series beyond.
fn ln_choose(a: u64, b: u64) -> f64 {
    let b = b.min(a - b);
    if b <= 10_000 {
        (0..b).map(|i| ((a - i) as f64).ln() - ((i + 1) as f64).ln()).sum()
    } else {
        ln_factorial_stirling(a) - ln_factorial_stirling(b) - ln_factorial_stirling(a - b)
    }
}

fn log_add(a: f64, b: f64) -> f64 {
    if a == f64::NEG_INFINITY {
        return b;
    }
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    hi + (lo - hi).exp().ln_1p()
}

/// ln P(X <= k) for X ~ Bin(n, p).
pub fn ln_binomial_cdf(k: u64, n: u64, p: f64) -> f64 {
    let (lp, lq) = (p.ln(), (-p).ln_1p());
    let mut term = n as f64 * lq; // ln P(X = 0)
    let mut sum = term;
    for i in 0..k.min(n) {
        term += ((n - i) as f64).ln() - ((i + 1) as f64).ln() + lp - lq;
        sum = log_add(sum, term);
    }
    sum.min(0.0)
}

/// ln P(X <= k) for X ~ Poisson(lambda).
pub fn ln_poisson_cdf(k: u64, lambda: f64) -> f64 {
    let ll = lambda.ln();
    let mut term = -lambda;
    let mut sum = term;
    for i in 0..k {
        term += ll - ((i + 1) as f64).ln();
        sum = log_add(sum, term);
    }
    sum.min(0.0)
}

/// ln P(X <= k) for X ~ Hyp(N, D, n): `n` drawn without replacement from `N` of which `D`
/// are deviations.
pub fn ln_hypergeometric_cdf(k: u64, big_n: u64, d: u64, n: u64) -> f64 {
    if n > big_n {
        return f64::NEG_INFINITY;
    }
    // X >= n - (N - D): with few good items some deviations are certain.
    let lowest = n.saturating_sub(big_n - d);
    if k < lowest {
        return f64::NEG_INFINITY;
    }
    // ln P(X = lowest), then the ratio P(X = i + 1) / P(X = i).
    let mut term = ln_choose(d, lowest) + ln_choose(big_n - d, n - lowest) - ln_choose(big_n, n);
    let mut sum = term;
    let top = k.min(d).min(n);
    for i in lowest..top {
        term += ((d - i) as f64).ln() + ((n - i) as f64).ln()
            - ((i + 1) as f64).ln()
            - ((big_n - d + i + 1 - n) as f64).ln();
        sum = log_add(sum, term);
    }
    sum.min(0.0)
}

/// The smallest `n` in `lo..=hi` for which `fits(n)`, given that `fits` is monotone.
fn smallest(lo: u64, hi: u64, fits: impl Fn(u64) -> bool) -> Option<u64> {
    let mut upper = lo.max(1);
    while !fits(upper) {
        if upper >= hi {
            return None;
        }
        upper = (upper * 2).min(hi);
    }
    let mut lower = lo;
    while lower < upper {
        let mid = lower + (upper - lower) / 2;
        if fits(mid) {
            upper = mid;
        } else {
            lower = mid + 1;
        }
    }
    Some(upper)
}

fn check_unit(what: &'static str, value: f64) -> Result<(), SizeError> {
    if value > 0.0 && value < 1.0 {
        Ok(())
    } else {
        Err(SizeError::OutOfRange { what, value })
    }
}

/// The attribute-sampling size for a confidence level, a tolerable deviation rate and the
/// number of deviations expected in the sample.
pub fn attribute_size(confidence: f64, tolerable_rate: f64, expected: u64, model: Model) -> Result<u64, SizeError> {
    check_unit("confidence", confidence)?;
    check_unit("tolerable rate", tolerable_rate)?;
    if expected > MAX_EXPECTED {
        return Err(SizeError::Bound {
            what: "expected",
            value: expected,
            min: 0,
            max: MAX_EXPECTED,
        });
    }
    if let Model::Hypergeometric { population } = model
        && population > MAX_POPULATION
    {
        return Err(SizeError::Bound {
            what: "population",
            value: population,
            min: 1,
            max: MAX_POPULATION,
        });
    }
    // A tiny slack absorbs rounding in the sums: 95% means at most 5.000000% risk.
    let ln_risk = (1.0 - confidence).ln() + 1e-12;
    let p = tolerable_rate;
    let found = match model {
        Model::Binomial => smallest(expected + 1, LIMIT, |n| ln_binomial_cdf(expected, n, p) <= ln_risk),
        Model::Poisson => smallest(expected + 1, LIMIT, |n| {
            ln_poisson_cdf(expected, n as f64 * p) <= ln_risk
        }),
        Model::Hypergeometric { population } => {
            let d = (p * population as f64).floor() as u64;
            if d <= expected || population == 0 {
                return Err(SizeError::WholePopulation { population });
            }
            smallest(expected + 1, population, |n| {
                ln_hypergeometric_cdf(expected, population, d, n) <= ln_risk
            })
            .or(Some(population))
        }
    };
    found.filter(|n| *n <= LIMIT).ok_or(SizeError::TooLarge)
}

/// The Poisson reliability factor: the smallest mean for which at most `k` events happen
/// with probability `1 - confidence` (2.996 for k = 0 at 95%).
pub fn reliability_factor(confidence: f64, k: u64) -> Result<f64, SizeError> {
    check_unit("confidence", confidence)?;
    let ln_risk = (1.0 - confidence).ln();
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    while ln_poisson_cdf(k, hi) > ln_risk {
        hi *= 2.0;
    }
    for _ in 0..200 {
        let mid = (lo + hi) / 2.0;
        if ln_poisson_cdf(k, mid) > ln_risk {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(hi)
}

/// The monetary-unit sample size: `ceil(total × R / materiality)`, amounts in cents; never
/// more than one unit per cent, and at least 1 for a population with money.
pub fn mus_size(total_cents: i64, materiality_cents: i64, confidence: f64) -> Result<u64, SizeError> {
    if materiality_cents <= 0 {
        return Err(SizeError::OutOfRange {
            what: "materiality",
            value: materiality_cents as f64 / 100.0,
        });
    }
    let r = reliability_factor(confidence, 0)?;
    if total_cents <= 0 {
        return Ok(0);
    }
    let n = (total_cents as f64 * r / materiality_cents as f64 - 1e-9)
        .ceil()
        .max(1.0);
    let n = if n >= u64::MAX as f64 { u64::MAX } else { n as u64 };
    let n = n.min(total_cents as u64);
    if n > LIMIT {
        return Err(SizeError::TooLarge);
    }
    Ok(n)
}

#[cfg(test)]
mod tests;
