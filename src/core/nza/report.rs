//! The national picture of the experiment (issue 7), pure: what the insurers pay per year,
//! nationally and per region, insurer, main task and governance scenario, against the yearly
//! envelope; decisions per outcome; double-funding flags; deviations from market leaders.
//!
//! Amounts are what each imported insurer **pays** (`paid_cents`: a market leader's own
//! share, a follower's share, an insurer outside the rule its whole decision), so they add
//! up across insurers without counting a region's contract twice. Only decisions that
//! commit money count (approved, with or without conditions, not awaiting approval). A main
//! task's part of a payment is allocated pro rata to the plan's activity cost per main task
//! (largest remainder, exact to the cent).

use super::Contract;
use crate::money::Cents;
use crate::split::split;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The EUR 70 million a year the national framework grows by for RESV activities.
pub const DEFAULT_ENVELOPE_CENTS: i64 = 7_000_000_000; // EUR 70 million

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct YearLine {
    pub year: u16,
    pub paid_cents: i64,
    pub envelope_cents: i64,
}

impl YearLine {
    /// The envelope's use in tenths of a percent (may exceed 1000).
    pub fn used_permille(&self) -> i64 {
        if self.envelope_cents <= 0 {
            return 0;
        }
        ((self.paid_cents as i128 * 1000) / self.envelope_cents as i128) as i64
    }
}

/// One row of a breakdown: its amounts per year (aligned with [`Report::years`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub key: String,
    pub per_year_cents: Vec<i64>,
    pub total_cents: i64,
    /// Decisions that commit money in this row.
    pub contracts: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OutcomeCount {
    /// `approve`, `conditions`, `return`, `reject`, or `pending` (awaiting four eyes).
    pub outcome: String,
    pub decisions: u64,
    /// Distinct plans with at least one such decision.
    pub plans: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum DeviationKind {
    /// The insurer recorded that it deviates (or replaced a follow by its own decision).
    Recorded { reason: Option<String> },
    /// The leader's decision is imported and this follower's outcome differs from it.
    OtherOutcome {
        own_outcome: String,
        leader_outcome: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Deviation {
    pub insurer_id: String,
    pub plan_id: String,
    pub rho_region: String,
    pub leader: Option<String>,
    #[serde(flatten)]
    pub kind: DeviationKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    pub envelope_cents: i64,
    pub years: Vec<YearLine>,
    pub by_region: Vec<Totals>,
    pub by_insurer: Vec<Totals>,
    /// Keys `1` to `5`.
    pub by_main_task: Vec<Totals>,
    pub by_scenario: Vec<Totals>,
    pub outcomes: Vec<OutcomeCount>,
    pub open_flags: u64,
    pub confirmed_flags: u64,
    pub plans_with_open_flags: u64,
    pub deviations: Vec<Deviation>,
    pub decisions: u64,
    pub plans: u64,
    pub insurers: Vec<String>,
}

/// A sum the report cannot state: it would not fit in 64 bits. The import bound
/// ([`super::MAX_NATIONAL_CENTS`]) keeps every sum below it, so this means the held
/// contracts did not come in through the import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TotalTooLarge {
    /// Which sum: `national 2027`, `region Utrecht Stad`, ...
    pub what: String,
    pub cents: i128,
}

impl std::fmt::Display for TotalTooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the imported amounts add up to {} cents ({}), more than the report can state (at most {} cents over all imports); \
             the contracts did not come in through `resv nza import`",
            self.cents,
            crate::sanitize::clean(&self.what),
            super::MAX_NATIONAL_CENTS
        )
    }
}

impl std::error::Error for TotalTooLarge {}

/// An exact sum as `i64`, or which sum does not fit.
fn fits(cents: i128, what: impl FnOnce() -> String) -> Result<i64, TotalTooLarge> {
    i64::try_from(cents).map_err(|_| TotalTooLarge { what: what(), cents })
}

struct Breakdown<'y> {
    name: &'static str,
    years: &'y [u16],
    rows: BTreeMap<String, (Vec<i128>, BTreeSet<String>)>,
}

impl<'y> Breakdown<'y> {
    fn new(name: &'static str, years: &'y [u16]) -> Self {
        Breakdown {
            name,
            years,
            rows: BTreeMap::new(),
        }
    }

    fn add(&mut self, key: &str, year: u16, cents: i64, contract: String) {
        let n = self.years.len();
        let row = self
            .rows
            .entry(key.to_string())
            .or_insert_with(|| (vec![0; n], BTreeSet::new()));
        if let Ok(i) = self.years.binary_search(&year) {
            row.0[i] += i128::from(cents);
        }
        row.1.insert(contract);
    }

    fn done(self) -> Result<Vec<Totals>, TotalTooLarge> {
        let name = self.name;
        self.rows
            .into_iter()
            .map(|(key, (per_year, contracts))| {
                let total = fits(per_year.iter().sum(), || format!("{name} {key}"))?;
                let per_year_cents = per_year
                    .iter()
                    .zip(self.years)
                    .map(|(c, y)| fits(*c, || format!("{name} {key} {y}")))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(Totals {
                    key,
                    total_cents: total,
                    per_year_cents,
                    contracts: contracts.len() as u64,
                })
            })
            .collect()
    }
}

/// The national picture. Every sum is exact (`i128` while adding up); one that would not fit
/// in the report's 64-bit amounts is an error, never a wrapped number.
pub fn report(contracts: &[Contract], envelope_cents: i64) -> Result<Report, TotalTooLarge> {
    let years: Vec<u16> = contracts
        .iter()
        .filter(|c| c.counts())
        .flat_map(|c| c.years.iter().map(|y| y.year))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut region = Breakdown::new("region", &years);
    let mut insurer = Breakdown::new("insurer", &years);
    let mut task = Breakdown::new("main task", &years);
    let mut scenario = Breakdown::new("scenario", &years);
    let mut national = vec![0i128; years.len()];
    for c in contracts.iter().filter(|c| c.counts()) {
        let weights: Vec<u64> = c.per_main_task_cents.iter().map(|x| (*x).max(0) as u64).collect();
        for y in &c.years {
            let key = c.key();
            region.add(&c.rho_region, y.year, y.paid_cents, key.clone());
            insurer.add(&c.insurer_id, y.year, y.paid_cents, key.clone());
            scenario.add(&c.scenario, y.year, y.paid_cents, key.clone());
            if weights.iter().any(|w| *w > 0) {
                for (t, part) in split(Cents(y.paid_cents), &weights).iter().enumerate() {
                    if part.0 != 0 || weights[t] > 0 {
                        task.add(&(t + 1).to_string(), y.year, part.0, key.clone());
                    }
                }
            } else {
                task.add("-", y.year, y.paid_cents, key);
            }
            if let Ok(i) = years.binary_search(&y.year) {
                national[i] += i128::from(y.paid_cents);
            }
        }
    }
    let outcomes = outcome_counts(contracts);
    let count = |n: u128| u64::try_from(n).unwrap_or(u64::MAX);
    Ok(Report {
        envelope_cents,
        years: years
            .iter()
            .zip(&national)
            .map(|(year, paid)| {
                Ok(YearLine {
                    year: *year,
                    paid_cents: fits(*paid, || format!("national {year}"))?,
                    envelope_cents,
                })
            })
            .collect::<Result<_, _>>()?,
        by_region: region.done()?,
        by_insurer: insurer.done()?,
        by_main_task: task.done()?,
        by_scenario: scenario.done()?,
        outcomes,
        open_flags: count(contracts.iter().map(|c| u128::from(c.open_flags)).sum()),
        confirmed_flags: count(contracts.iter().map(|c| u128::from(c.confirmed_flags)).sum()),
        plans_with_open_flags: contracts
            .iter()
            .filter(|c| c.open_flags > 0)
            .map(|c| c.plan_id.as_str())
            .collect::<BTreeSet<_>>()
            .len() as u64,
        deviations: deviations(contracts),
        decisions: contracts.len() as u64,
        plans: contracts
            .iter()
            .map(|c| c.plan_id.as_str())
            .collect::<BTreeSet<_>>()
            .len() as u64,
        insurers: contracts
            .iter()
            .map(|c| c.insurer_id.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect(),
    })
}

/// Decisions and plans per outcome (a decision awaiting its second approval as `pending`),
/// in the order approve, conditions, pending, return, reject.
fn outcome_counts(contracts: &[Contract]) -> Vec<OutcomeCount> {
    let mut outcomes: BTreeMap<String, (u64, BTreeSet<&str>)> = BTreeMap::new();
    for c in contracts {
        let key = if c.pending_approval {
            "pending"
        } else {
            c.outcome.as_str()
        };
        let e = outcomes.entry(key.to_string()).or_default();
        e.0 += 1;
        e.1.insert(&c.plan_id);
    }
    let order = ["approve", "conditions", "pending", "return", "reject"];
    let mut counts: Vec<OutcomeCount> = outcomes
        .into_iter()
        .map(|(outcome, (decisions, plans))| OutcomeCount {
            outcome,
            decisions,
            plans: plans.len() as u64,
        })
        .collect();
    counts.sort_by_key(|o| order.iter().position(|x| *x == o.outcome).unwrap_or(order.len()));
    counts
}

/// Recorded deviations, and followers whose outcome differs from the imported leader's.
fn deviations(contracts: &[Contract]) -> Vec<Deviation> {
    let leaders: BTreeMap<&str, &Contract> = contracts
        .iter()
        .filter(|c| c.market_role == "leader")
        .map(|c| (c.plan_id.as_str(), c))
        .collect();
    let mut out = Vec::new();
    for c in contracts {
        let kind = if c.coordination_status == "deviating" {
            DeviationKind::Recorded {
                reason: c.deviation_reason.clone(),
            }
        } else if let Some(l) = leaders.get(c.plan_id.as_str()).filter(|_| c.market_role == "follower")
            && l.outcome != c.outcome
            && l.plan_sha256 == c.plan_sha256
        {
            DeviationKind::OtherOutcome {
                own_outcome: c.outcome.clone(),
                leader_outcome: l.outcome.clone(),
            }
        } else {
            continue;
        };
        out.push(Deviation {
            insurer_id: c.insurer_id.clone(),
            plan_id: c.plan_id.clone(),
            rho_region: c.rho_region.clone(),
            leader: c.market_leader.clone(),
            kind,
        });
    }
    out.sort_by(|a, b| (&a.plan_id, &a.insurer_id).cmp(&(&b.plan_id, &b.insurer_id)));
    out
}
