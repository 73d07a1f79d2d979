//! Drawing a sample from a population of contracts, seeded and reproducible (issue 7), pure.
//!
//! **Generator.** ChaCha20 from `rand_chacha` (`ChaCha20Rng::seed_from_u64(seed)`), read
//! only through `next_u64`. A uniform whole number below `m` is drawn by rejection: values
//! at or above the largest multiple of `m` that fits in 64 bits are thrown away, the rest
//! taken modulo `m`. No floating point and no platform-dependent source is involved, so the
//! same population (in the same order), method, size and seed give the same sample on any
//! machine.
//!
//! **Methods** (the population is given in its canonical order; the shell sorts it):
//! - *random*: simple random sampling without replacement, a partial Fisher-Yates shuffle
//!   of the positions;
//! - *systematic*: `n` positions `floor((r + i N) / n)` for `i = 0..n` with a random start
//!   `r` in `[0, N)`: an interval of `N / n` (a fraction, so the size is exactly `n`);
//! - *mus* (monetary-unit, probability proportional to the amount): the same systematic
//!   rule over the cents of the population, `floor((r + i V) / n)` with `r` in `[0, V)`;
//!   the contract holding a selected cent is selected. A contract of at least `V / n` may
//!   hold several selected cents (`hits`), so the number of contracts can be below `n`;
//! - *stratified*: the population is split into strata (sorted by key); the size is
//!   allocated proportionally to the strata's sizes (largest remainder, so it adds up to
//!   `n` exactly) or fixed per stratum (at most the stratum's size); each stratum is then
//!   sampled at random, in key order, from the one generator.

use crate::money::Cents;
use crate::split::split;
use rand_chacha::ChaCha20Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The generator, named in stored samples so a reader knows how to re-draw them.
pub const GENERATOR: &str = "ChaCha20Rng::seed_from_u64 (rand_chacha 0.9), next_u64, rejection below a multiple";

/// One contract of the population.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// Unique within the population, e.g. `insurer/plan`.
    pub id: String,
    /// SHA-256 of the contract's content, for the snapshot.
    pub sha256: String,
    /// The amount for monetary-unit sampling, in cents (never negative).
    pub amount_cents: i64,
    /// The stratum key for stratified sampling.
    pub stratum: String,
}

/// What the population is stratified by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StrataBy {
    Region,
    Scenario,
    Insurer,
    MainTask,
}

impl StrataBy {
    pub const ALL: [StrataBy; 4] = [
        StrataBy::Region,
        StrataBy::Scenario,
        StrataBy::Insurer,
        StrataBy::MainTask,
    ];

    pub fn keyword(self) -> &'static str {
        match self {
            StrataBy::Region => "region",
            StrataBy::Scenario => "scenario",
            StrataBy::Insurer => "insurer",
            StrataBy::MainTask => "main-task",
        }
    }

    pub fn from_keyword(text: &str) -> Option<StrataBy> {
        StrataBy::ALL.into_iter().find(|s| s.keyword() == text)
    }
}

/// The population's total in cents, added up exactly; `None` when it does not fit in
/// 64 bits (the NZa import bound keeps any imported population far below that).
pub fn total_cents(units: &[Unit]) -> Option<i64> {
    i64::try_from(units.iter().map(|u| i128::from(u.amount_cents)).sum::<i128>()).ok()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Allocation {
    Proportional,
    /// This many per stratum (all of a smaller stratum).
    Fixed(u64),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Random,
    Systematic,
    Mus,
    Stratified(Allocation),
}

impl Method {
    pub fn keyword(self) -> &'static str {
        match self {
            Method::Random => "random",
            Method::Systematic => "systematic",
            Method::Mus => "mus",
            Method::Stratified(_) => "stratified",
        }
    }
}

/// A selected contract: its position in the population and, for MUS, how many selected
/// cents it holds (1 otherwise).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pick {
    pub index: usize,
    pub hits: u64,
}

/// One stratum of a stratified sample.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stratum {
    pub key: String,
    pub population: u64,
    pub allocated: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drawn {
    /// In population order.
    pub picks: Vec<Pick>,
    /// Empty unless stratified.
    pub strata: Vec<Stratum>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DrawError {
    EmptyPopulation,
    ZeroSize,
    /// More contracts asked for than the population holds.
    SizeExceedsPopulation {
        size: u64,
        population: u64,
    },
    /// MUS over a population without money.
    NoAmount,
    NegativeAmount {
        id: String,
    },
    /// More than [`super::size::MAX_SAMPLE_SIZE`] asked for.
    SizeTooLarge {
        size: u64,
    },
}

/// The seeded generator with its one documented way of drawing a whole number.
pub struct Draws(ChaCha20Rng);

impl Draws {
    pub fn new(seed: u64) -> Draws {
        Draws(ChaCha20Rng::seed_from_u64(seed))
    }

    /// Uniform in `[0, m)`, `m > 0`.
    pub fn below(&mut self, m: u64) -> u64 {
        let zone = u64::MAX - (u64::MAX % m + 1) % m; // the largest multiple of m, minus one
        loop {
            let v = self.0.next_u64();
            if v <= zone {
                return v % m;
            }
        }
    }
}

/// Draws a sample of `size` contracts (per stratum for a fixed allocation).
pub fn draw(units: &[Unit], method: Method, size: u64, seed: u64) -> Result<Drawn, DrawError> {
    let n_pop = units.len() as u64;
    if units.is_empty() {
        return Err(DrawError::EmptyPopulation);
    }
    if size == 0 {
        return Err(DrawError::ZeroSize);
    }
    if size > super::size::MAX_SAMPLE_SIZE {
        return Err(DrawError::SizeTooLarge { size });
    }
    if let Some(u) = units.iter().find(|u| u.amount_cents < 0) {
        return Err(DrawError::NegativeAmount { id: u.id.clone() });
    }
    let too_many = |population: u64| DrawError::SizeExceedsPopulation { size, population };
    let mut rng = Draws::new(seed);
    let one = |index: usize| Pick { index, hits: 1 };
    match method {
        Method::Random => {
            if size > n_pop {
                return Err(too_many(n_pop));
            }
            let all: Vec<usize> = (0..units.len()).collect();
            Ok(plain(
                random_subset(&all, size, &mut rng).into_iter().map(one).collect(),
            ))
        }
        Method::Systematic => {
            if size > n_pop {
                return Err(too_many(n_pop));
            }
            let r = rng.below(n_pop) as u128;
            let picks = (0..size as u128)
                .map(|i| one(((r + i * n_pop as u128) / size as u128) as usize))
                .collect();
            Ok(plain(picks))
        }
        Method::Mus => mus(units, size, &mut rng),
        Method::Stratified(allocation) => stratified(units, allocation, size, &mut rng),
    }
}

fn plain(picks: Vec<Pick>) -> Drawn {
    Drawn {
        picks,
        strata: Vec::new(),
    }
}

/// `k` of `positions` at random (partial Fisher-Yates), returned sorted.
fn random_subset(positions: &[usize], k: u64, rng: &mut Draws) -> Vec<usize> {
    let mut pool = positions.to_vec();
    let len = pool.len();
    for i in 0..(k as usize).min(len) {
        let j = i + rng.below((len - i) as u64) as usize;
        pool.swap(i, j);
    }
    pool.truncate((k as usize).min(len));
    pool.sort_unstable();
    pool
}

fn mus(units: &[Unit], size: u64, rng: &mut Draws) -> Result<Drawn, DrawError> {
    let mut cumulative = Vec::with_capacity(units.len());
    let mut total: u128 = 0;
    for u in units {
        total += u.amount_cents as u128;
        cumulative.push(total); // the first cent past the unit
    }
    if total == 0 {
        return Err(DrawError::NoAmount);
    }
    if size as u128 > total {
        return Err(DrawError::SizeExceedsPopulation {
            size,
            population: total.min(u64::MAX as u128) as u64,
        });
    }
    let r = rng.below(total.min(u64::MAX as u128) as u64) as u128;
    let mut picks: Vec<Pick> = Vec::new();
    for i in 0..size as u128 {
        let cent = (r + i * total) / size as u128;
        let index = cumulative.partition_point(|c| *c <= cent);
        match picks.last_mut() {
            Some(p) if p.index == index => p.hits += 1,
            _ => picks.push(Pick { index, hits: 1 }),
        }
    }
    Ok(plain(picks))
}

/// How many to draw per stratum: proportional (largest remainder, adds up to `size`) or
/// fixed (capped at the stratum's size).
pub fn allocate(sizes: &[u64], allocation: Allocation, size: u64) -> Vec<u64> {
    match allocation {
        Allocation::Proportional => split(Cents(size as i64), sizes)
            .into_iter()
            .map(|c| c.0 as u64)
            .collect(),
        Allocation::Fixed(k) => sizes.iter().map(|s| k.min(*s)).collect(),
    }
}

fn stratified(units: &[Unit], allocation: Allocation, size: u64, rng: &mut Draws) -> Result<Drawn, DrawError> {
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, u) in units.iter().enumerate() {
        groups.entry(u.stratum.as_str()).or_default().push(i);
    }
    if allocation == Allocation::Proportional && size > units.len() as u64 {
        return Err(DrawError::SizeExceedsPopulation {
            size,
            population: units.len() as u64,
        });
    }
    let sizes: Vec<u64> = groups.values().map(|g| g.len() as u64).collect();
    let allocated = allocate(&sizes, allocation, size);
    let mut picks = Vec::new();
    let mut strata = Vec::new();
    for ((key, members), k) in groups.iter().zip(&allocated) {
        picks.extend(random_subset(members, *k, rng));
        strata.push(Stratum {
            key: key.to_string(),
            population: members.len() as u64,
            allocated: *k,
        });
    }
    picks.sort_unstable();
    Ok(Drawn {
        picks: picks.into_iter().map(|index| Pick { index, hits: 1 }).collect(),
        strata,
    })
}

#[cfg(test)]
mod tests;
