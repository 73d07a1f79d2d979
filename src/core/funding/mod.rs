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

use crate::money::Cents;
use crate::plan::{Plan, common_months, keywords, months_in_year, pro_rata};
use crate::time::Instant;
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
    pub at: Instant,
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
        let lowering = self
            .flags
            .iter()
            .filter(|f| f.lowers_fundable() && counts(&f.flag.activity_id))
            .map(|f| &f.flag);
        capped_in_year(lowering, year, |id| self.cost_in(id, year))
    }

    fn cost_in(&self, activity: &str, year: u16) -> Cents {
        self.activity_costs
            .iter()
            .find(|(id, y, _)| id == activity && *y == year)
            .map(|c| c.2)
            .unwrap_or_default()
    }
}

/// What one arrangement pays in `year`: its annual amount for the months it runs.
fn arrangement_in_year(a: &Arrangement, year: u16) -> Cents {
    let span = (a.start.month_index(), a.end.month_index());
    pro_rata(a.annual_amount, months_in_year(span, year))
}

/// The flags' amounts in `year`, counted once: what several activities claim from one
/// arrangement is at most what it pays that year (shared in proportion), and what one
/// activity loses is at most its cost (`cost_of`).
fn capped_in_year<'f>(flags: impl Iterator<Item = &'f Flag>, year: u16, cost_of: impl Fn(&str) -> Cents) -> Cents {
    let flags: Vec<(&Flag, Cents)> = flags
        .filter_map(|f| f.years.iter().find(|y| y.year == year).map(|y| (f, y.amount)))
        .collect();
    let mut per_arrangement: BTreeMap<&str, Cents> = BTreeMap::new();
    for (f, amount) in &flags {
        *per_arrangement.entry(f.arrangement_id.as_str()).or_default() += *amount;
    }
    let mut per_activity: BTreeMap<&str, Cents> = BTreeMap::new();
    for (f, amount) in &flags {
        let claimed = per_arrangement[f.arrangement_id.as_str()];
        let pays = arrangement_in_year(&f.arrangement, year);
        let share = if claimed > pays && claimed.0 > 0 {
            Cents((amount.0 as i128 * pays.0 as i128 / claimed.0 as i128) as i64)
        } else {
            *amount
        };
        *per_activity.entry(f.activity_id.as_str()).or_default() += share;
    }
    per_activity.into_iter().map(|(id, sum)| sum.min(cost_of(id))).sum()
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
    let mut activity_costs = Vec::new();
    for a in plan
        .activities
        .iter()
        .filter(|a| flags.iter().any(|f| f.flag.activity_id == a.id))
    {
        for &y in &plan.contract_years {
            activity_costs.push((a.id.clone(), y, a.cost_in_year(y)));
        }
    }
    let mut r = Review {
        registry_size: ix.len(),
        activity_costs,
        total_at_risk: Vec::new(),
        flags,
    };
    for &year in &plan.contract_years {
        let live = r.flags.iter().filter(|f| f.verdict() != Some(Verdict::Dismissed));
        let amount = capped_in_year(live.map(|f| &f.flag), year, |id| r.cost_in(id, year));
        r.total_at_risk.push(YearAmount { year, amount });
    }
    r
}

/// The baseline the matcher is measured against: the recipient's name equals the
/// executor's name (case and surrounding spaces ignored) and the periods overlap.
pub fn baseline_pairs(plan: &Plan, arrangements: &[Arrangement]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for act in &plan.activities {
        let name = act.executor.name.trim().to_lowercase();
        for a in arrangements {
            let overlaps = common_months((act.start, act.end), (a.start, a.end)).is_some();
            if overlaps && a.recipient.name.trim().to_lowercase() == name {
                out.push((act.id.clone(), a.id.clone()));
            }
        }
    }
    out
}
