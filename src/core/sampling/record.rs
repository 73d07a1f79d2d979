//! A drawn sample as it is stored, and its verification (issue 7), pure.
//!
//! A sample keeps everything needed to draw it again: the population snapshot (every
//! contract's id, SHA-256, amount and stratum, in the order drawn from), the parameters
//! and the seed. `verify` re-draws from the snapshot and compares with the stored items,
//! and compares the snapshot with the population as the database holds it now.

use super::select::StrataBy;
use super::select::{Allocation, DrawError, Drawn, Method, Stratum, Unit, draw};
use serde::{Deserialize, Serialize};

/// A cut-off of the population, as a stored sample records it: decisions decided on or
/// before `date` (`YYYY-MM-DD`), of the imports up to number `through_import`; either may
/// be absent (no limit).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cutoff {
    pub date: Option<String>,
    pub through_import: Option<i64>,
}

/// How a sample is drawn.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// `random`, `systematic`, `mus` or `stratified`.
    pub method: String,
    /// The sample size (per stratum with a fixed allocation).
    pub size: u64,
    pub seed: u64,
    /// Only this contract year's payments (all years without).
    pub year: Option<u16>,
    /// Stratified: by what, and `proportional` or `fixed`.
    pub strata: Option<StrataBy>,
    pub allocation: Option<String>,
    /// How the size was planned, for the reader (absent when given directly).
    pub planned_by: Option<serde_json::Value>,
    /// The population's cut-off the sample was drawn as of (absent in samples drawn before
    /// NZa kept history: the population then was every imported decision).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cutoff: Option<Cutoff>,
}

impl Params {
    pub fn method(&self) -> Result<Method, String> {
        let allocation = match self.allocation.as_deref() {
            None | Some("proportional") => Allocation::Proportional,
            Some("fixed") => Allocation::Fixed(self.size),
            Some(other) => return Err(format!("allocation {other:?}: expected proportional or fixed")),
        };
        match self.method.as_str() {
            "random" => Ok(Method::Random),
            "systematic" => Ok(Method::Systematic),
            "mus" => Ok(Method::Mus),
            "stratified" if self.strata.is_some() => Ok(Method::Stratified(allocation)),
            "stratified" => Err("stratified: name the strata (region, scenario, insurer or main-task)".into()),
            other => Err(format!(
                "method {other:?}: expected random, systematic, mus or stratified"
            )),
        }
    }
}

/// One selected contract.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    pub sha256: String,
    pub amount_cents: i64,
    pub stratum: String,
    /// Selected cents it holds (MUS); 1 otherwise.
    pub hits: u64,
}

/// A sample before it is stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sample {
    pub params: Params,
    pub generator: String,
    pub population: Vec<SnapshotUnit>,
    pub population_sha256: String,
    pub items: Vec<Item>,
    pub strata: Vec<StratumJson>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotUnit {
    pub id: String,
    pub sha256: String,
    pub amount_cents: i64,
    pub stratum: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StratumJson {
    pub key: String,
    pub population: u64,
    pub allocated: u64,
}

/// SHA-256 of a population snapshot (its JSON, compact).
pub fn population_sha256(units: &[SnapshotUnit]) -> String {
    crate::sha256_hex(&serde_json::to_string(units).unwrap_or_default())
}

fn snapshot(units: &[Unit]) -> Vec<SnapshotUnit> {
    units
        .iter()
        .map(|u| SnapshotUnit {
            id: u.id.clone(),
            sha256: u.sha256.clone(),
            amount_cents: u.amount_cents,
            stratum: u.stratum.clone(),
        })
        .collect()
}

fn units(snapshot: &[SnapshotUnit]) -> Vec<Unit> {
    snapshot
        .iter()
        .map(|u| Unit {
            id: u.id.clone(),
            sha256: u.sha256.clone(),
            amount_cents: u.amount_cents,
            stratum: u.stratum.clone(),
        })
        .collect()
}

fn items(population: &[Unit], d: &Drawn) -> Vec<Item> {
    d.picks
        .iter()
        .map(|p| {
            let u = &population[p.index];
            Item {
                id: u.id.clone(),
                sha256: u.sha256.clone(),
                amount_cents: u.amount_cents,
                stratum: u.stratum.clone(),
                hits: p.hits,
            }
        })
        .collect()
}

fn strata(s: &[Stratum]) -> Vec<StratumJson> {
    s.iter()
        .map(|s| StratumJson {
            key: s.key.clone(),
            population: s.population,
            allocated: s.allocated,
        })
        .collect()
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SampleError {
    Params(String),
    Draw(DrawError),
}

/// Draws a sample from `population` (in canonical order) and keeps what re-draws it.
pub fn take(population: &[Unit], params: Params) -> Result<Sample, SampleError> {
    let method = params.method().map_err(SampleError::Params)?;
    let drawn = draw(population, method, params.size, params.seed).map_err(SampleError::Draw)?;
    let snap = snapshot(population);
    Ok(Sample {
        generator: super::select::GENERATOR.to_string(),
        population_sha256: population_sha256(&snap),
        items: items(population, &drawn),
        strata: strata(&drawn.strata),
        population: snap,
        params,
    })
}

/// The outcome of `sample verify`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Verification {
    /// The snapshot still has its recorded SHA-256.
    pub snapshot_intact: bool,
    /// Drawing again from the snapshot with the stored parameters and seed gives the
    /// stored items.
    pub redraw_matches: bool,
    /// Contracts of the snapshot the database no longer holds (or no longer counts).
    pub missing: Vec<String>,
    /// Contracts the database holds now that the snapshot lacks.
    pub added: Vec<String>,
    /// Contracts whose content (SHA-256), amount or stratum changed.
    pub changed: Vec<String>,
}

impl Verification {
    pub fn ok(&self) -> bool {
        self.snapshot_intact
            && self.redraw_matches
            && self.missing.is_empty()
            && self.added.is_empty()
            && self.changed.is_empty()
    }
}

/// Re-draws a stored sample and compares the snapshot with the `current` population.
pub fn verify(sample: &Sample, current: &[Unit]) -> Verification {
    let snapshot_intact = population_sha256(&sample.population) == sample.population_sha256;
    let redraw_matches = take(&units(&sample.population), sample.params.clone())
        .map(|again| again.items == sample.items && again.strata == sample.strata)
        .unwrap_or(false);
    let now = snapshot(current);
    let find = |list: &[SnapshotUnit], id: &str| list.iter().position(|u| u.id == id);
    let missing = sample
        .population
        .iter()
        .filter(|u| find(&now, &u.id).is_none())
        .map(|u| u.id.clone())
        .collect();
    let added = now
        .iter()
        .filter(|u| find(&sample.population, &u.id).is_none())
        .map(|u| u.id.clone())
        .collect();
    let changed = sample
        .population
        .iter()
        .filter(|u| find(&now, &u.id).is_some_and(|i| now[i] != **u))
        .map(|u| u.id.clone())
        .collect();
    Verification {
        snapshot_intact,
        redraw_matches,
        missing,
        added,
        changed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pop() -> Vec<Unit> {
        (0..40)
            .map(|i| Unit {
                id: format!("ins/P{i:02}"),
                sha256: format!("{i:064}"),
                amount_cents: 1000 + i * 37,
                stratum: ["a", "b", "c"][i as usize % 3].into(),
            })
            .collect()
    }

    fn params(method: &str) -> Params {
        Params {
            method: method.into(),
            size: 6,
            seed: 99,
            year: None,
            strata: (method == "stratified").then_some(StrataBy::Region),
            allocation: None,
            planned_by: None,
            cutoff: None,
        }
    }

    #[test]
    fn a_stored_sample_verifies_and_a_changed_one_does_not() {
        for m in ["random", "systematic", "mus", "stratified"] {
            let s = take(&pop(), params(m)).unwrap();
            assert!(verify(&s, &pop()).ok(), "{m}");
            // Through JSON and back, as the store keeps it.
            let back: Sample = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
            assert!(verify(&back, &pop()).ok(), "{m}");

            let mut forged = s.clone();
            forged.items[0] = Item {
                id: "ins/P39".into(),
                ..forged.items[0].clone()
            };
            let v = verify(&forged, &pop());
            assert!(!v.redraw_matches && v.snapshot_intact, "{m}");
        }
        let s = take(&pop(), params("random")).unwrap();
        let mut now = pop();
        now.remove(3);
        now[5].amount_cents += 1;
        now.push(Unit {
            id: "ins/P99".into(),
            sha256: String::new(),
            amount_cents: 1,
            stratum: "a".into(),
        });
        let v = verify(&s, &now);
        assert_eq!(
            (v.missing, v.added, v.changed),
            (
                vec!["ins/P03".to_string()],
                vec!["ins/P99".to_string()],
                vec!["ins/P06".to_string()]
            )
        );
        let mut edited = s.clone();
        edited.population[0].amount_cents = 1;
        assert!(!verify(&edited, &pop()).snapshot_intact);
    }

    #[test]
    fn bad_parameters_are_named() {
        assert!(
            matches!(take(&pop(), params("lottery")), Err(SampleError::Params(m)) if m.contains("expected random"))
        );
        let mut p = params("stratified");
        p.strata = None;
        assert!(matches!(take(&pop(), p), Err(SampleError::Params(m)) if m.contains("name the strata")));
    }
}
