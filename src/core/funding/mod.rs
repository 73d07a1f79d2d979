//! Double funding: where a plan asks money for what an existing arrangement already pays.
//!
//! - [`registry`]: the arrangement model and reading it from spreadsheet rows or TOML;
//! - [`normalize`]: names and descriptions made comparable;
//! - [`index`]: the registry prepared for matching, with selective blocking keys;
//! - [`matcher`]: field-by-field comparison into flags with evidence and amounts at risk;
//! - [`review`] (here): flags joined with the buyer's judgements, and what they mean for
//!   the money.

pub mod index;
pub mod matcher;
pub mod normalize;
pub mod registry;

use crate::core::money::Cents;
use crate::core::plan::{Plan, keywords};
pub use index::RegistryIndex;
pub use registry::{Arrangement, Stream};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

keywords! {
    /// How sure the matcher is; the order is strongest first.
    Severity {
        Certain = "certain",
        Likely = "likely",
        Possible = "possible",
    }
}

keywords! {
    /// The buyer's judgement on a flag.
    Verdict {
        Confirmed = "confirmed",
        Dismissed = "dismissed",
    }
}

keywords! {
    /// The field a piece of evidence compares.
    Field {
        Organisation = "organisation",
        Rule = "rule",
        Task = "task",
        Description = "description",
        Period = "period",
        Region = "region",
        Stream = "stream",
    }
}

/// One field's comparison: its level, the similarity where one was computed, the facts,
/// and what it added to the score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub field: Field,
    pub level: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f64>,
    pub detail: String,
    pub weight: f64,
}

impl Evidence {
    pub fn new(field: Field, level: &str, similarity: Option<f64>, detail: String, weight: f64) -> Evidence {
        Evidence {
            field,
            level: level.to_string(),
            similarity: similarity.map(|s| (s * 1000.0).round() / 1000.0),
            detail,
            weight,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearAmount {
    pub year: u16,
    #[serde(rename = "cents")]
    pub amount: Cents,
}

/// A likely overlap between one activity and one arrangement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Flag {
    pub activity_id: String,
    pub arrangement_id: String,
    pub severity: Severity,
    pub score: f64,
    /// Which organisation of the plan matched: `executor`, `discipline:KIND` or `rho`.
    pub matched: String,
    pub overlap_months: u32,
    #[serde(rename = "amount_at_risk_cents")]
    pub amount_at_risk: Cents,
    pub years: Vec<YearAmount>,
    pub evidence: Vec<Evidence>,
    /// The arrangement as the registry holds it.
    pub arrangement: Arrangement,
}

/// A buyer's confirm or dismiss of a flag, as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Judgement {
    pub activity_id: String,
    pub arrangement_id: String,
    pub verdict: Verdict,
    pub reason: String,
    pub by: String,
    pub at: String,
}

/// A flag with the buyer's latest judgement on it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reviewed {
    #[serde(flatten)]
    pub flag: Flag,
    pub judgement: Option<Judgement>,
}

impl Reviewed {
    pub fn verdict(&self) -> Option<Verdict> {
        self.judgement.as_ref().map(|j| j.verdict)
    }
    /// Not yet judged by the buyer.
    pub fn is_open(&self) -> bool {
        self.judgement.is_none()
    }
    /// Counts against the fundable amount: confirmed, or certain and not dismissed.
    pub fn lowers_fundable(&self) -> bool {
        match self.verdict() {
            Some(Verdict::Confirmed) => true,
            Some(Verdict::Dismissed) => false,
            None => self.flag.severity == Severity::Certain,
        }
    }
}

/// A plan's double-funding review: every flag with its judgement, and the money.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// How many arrangements the registry held.
    pub registry_size: usize,
    pub flags: Vec<Reviewed>,
    /// At risk per contract year over flags not dismissed (per activity at most its cost).
    pub total_at_risk: Vec<YearAmount>,
    /// What confirmed and certain flags take off the fundable amount, per contract year.
    pub lowered: Vec<YearAmount>,
    /// Each flagged activity's cost per contract year, the cap on what it can lose.
    #[serde(skip)]
    activity_costs: Vec<(String, u16, Cents)>,
}

impl Review {
    pub fn open_count(&self) -> usize {
        self.flags.iter().filter(|f| f.is_open()).count()
    }
    pub fn total(&self) -> Cents {
        self.total_at_risk.iter().map(|y| y.amount).sum()
    }
    /// What confirmed and certain flags take off in `year`, counting only activities that
    /// `counts` accepts (the assessment leaves out activities it already excluded).
    pub fn lowered_in(&self, year: u16, counts: impl Fn(&str) -> bool) -> Cents {
        let mut per: BTreeMap<&str, Cents> = BTreeMap::new();
        for f in self.flags.iter().filter(|f| f.lowers_fundable() && counts(&f.flag.activity_id)) {
            for y in f.flag.years.iter().filter(|y| y.year == year) {
                *per.entry(f.flag.activity_id.as_str()).or_default() += y.amount;
            }
        }
        per.into_iter()
            .map(|(id, sum)| sum.min(self.cost_in(id, year)))
            .sum()
    }

    fn cost_in(&self, activity: &str, year: u16) -> Cents {
        self.activity_costs
            .iter()
            .find(|(id, y, _)| id == activity && *y == year)
            .map(|c| c.2)
            .unwrap_or_default()
    }
}

/// Per activity and year, the sum of the chosen flags' amounts, at most the activity's cost.
fn capped_sum(plan: &Plan, flags: &[&Flag]) -> Vec<YearAmount> {
    let mut per: BTreeMap<(&str, u16), Cents> = BTreeMap::new();
    for f in flags {
        for y in &f.years {
            *per.entry((f.activity_id.as_str(), y.year)).or_default() += y.amount;
        }
    }
    plan.contract_years
        .iter()
        .map(|&year| {
            let amount = plan
                .activities
                .iter()
                .map(|a| {
                    let sum = per.get(&(a.id.as_str(), year)).copied().unwrap_or_default();
                    sum.min(a.cost_in_year(year))
                })
                .sum();
            YearAmount { year, amount }
        })
        .collect()
}

/// Matches a plan against the registry and joins each flag with its latest judgement.
/// Judgements on pairs that no longer flag are ignored (the registry or the plan changed).
pub fn review(plan: &Plan, ix: &RegistryIndex, judgements: &[Judgement]) -> Review {
    let flags: Vec<Reviewed> = matcher::match_plan(plan, ix)
        .into_iter()
        .map(|flag| {
            let judgement = judgements
                .iter()
                .rev()
                .find(|j| j.activity_id == flag.activity_id && j.arrangement_id == flag.arrangement_id)
                .cloned();
            Reviewed { flag, judgement }
        })
        .collect();
    let live: Vec<&Flag> = flags
        .iter()
        .filter(|f| f.verdict() != Some(Verdict::Dismissed))
        .map(|f| &f.flag)
        .collect();
    let lowering: Vec<&Flag> = flags.iter().filter(|f| f.lowers_fundable()).map(|f| &f.flag).collect();
    let mut activity_costs = Vec::new();
    for a in plan.activities.iter().filter(|a| flags.iter().any(|f| f.flag.activity_id == a.id)) {
        for &y in &plan.contract_years {
            activity_costs.push((a.id.clone(), y, a.cost_in_year(y)));
        }
    }
    Review {
        registry_size: ix.len(),
        activity_costs,
        total_at_risk: capped_sum(plan, &live),
        lowered: capped_sum(plan, &lowering),
        flags,
    }
}

/// The baseline the matcher is measured against: the recipient's name equals the
/// executor's name (case and surrounding spaces ignored) and the periods overlap.
pub fn baseline_pairs(plan: &Plan, arrangements: &[Arrangement]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for act in &plan.activities {
        let name = act.executor.name.trim().to_lowercase();
        for a in arrangements {
            let overlaps = act.start.month_index().max(a.start.month_index())
                <= act.end.month_index().min(a.end.month_index());
            if overlaps && a.recipient.name.trim().to_lowercase() == name {
                out.push((act.id.clone(), a.id.clone()));
            }
        }
    }
    out
}
