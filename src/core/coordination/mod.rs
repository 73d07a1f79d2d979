//! Coordination between the insurers of a region (the market leader rule): the leader's
//! follow package, its digest, and the checks a follower makes before it follows.
//!
//! The insurers keep separate databases, so the leader hands its decision over as a file:
//! a [`FollowPackage`] with the plan version it decided on, the decision, a summary of its
//! assessment and the split of the contracted amounts over every insurer of the region. The
//! package carries a SHA-256 digest over its canonical content ([`canonical`]): the JSON of
//! every other field, keys sorted, without whitespace. A follower refuses a package whose
//! digest does not match, that does not come from the region's market leader (by its own
//! market data), or that is about another version of the plan than the one in its queue.
//!
//! A digest shows that the content is whole; it is not a signature. See
//! `docs/coordination.md` for what that means in practice.

mod follow;
pub mod receipt;
pub mod status;

pub use follow::{
    Accepted, Comparison, Follower, ImportRefusal, check_package, compare, follow_decision, parse_package,
};

use super::assess::Assessment;
use super::decision::{Decision, YearAmount};
use super::money::Cents;
use super::rules::Market;
use super::rules::market::{Insurer, MarketRegion};
use super::split::split;
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "resv-follow";
pub const FORMAT_VERSION: u32 = 1;

/// The leader's decision as a file for the other insurers of the region.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowPackage {
    pub format: String,
    pub format_version: u32,
    /// The market leader who sends it.
    pub sender: Party,
    pub created_at: String,
    pub created_by: String,
    /// SHA-256 of the market data the split was made with.
    pub market_sha256: String,
    pub plan: PlanRef,
    pub decision: LeaderDecision,
    pub assessment: AssessmentSummary,
    pub split: Split,
    /// The leader's audit head when it made the package (`SEQ:HASH`), covered by the
    /// digest. Absent in packages written before resv printed it (they keep their digest).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_head: Option<String>,
    /// The leader's own sequence number of its packages for this plan (1, 2, ...): a
    /// follower takes a package only when it is newer than every one it recorded. Absent in
    /// unsigned packages written before resv signed them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence: Option<u64>,
    /// SHA-256 of [`canonical`] (every other field).
    pub digest_sha256: String,
    /// The leader's signature over every other field (`crate::signing`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<crate::signing::Signature>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    pub insurer_id: String,
    pub name: String,
}

/// The plan version decided on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanRef {
    pub plan_id: String,
    pub resv_name: String,
    /// The RESV's region as the plan names it.
    pub region: String,
    /// The RHO region it is based on: the region of the market data.
    pub rho_region: String,
    pub version_no: u32,
    pub sha256: String,
}

/// An amount for one contract year, in cents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearCents {
    pub year: u16,
    pub amount_cents: i64,
}

impl YearCents {
    fn of(y: &YearAmount) -> YearCents {
        YearCents {
            year: y.year,
            amount_cents: y.amount.0,
        }
    }
    fn amount(&self) -> YearAmount {
        YearAmount {
            year: self.year,
            amount: Cents(self.amount_cents),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeaderDecision {
    /// The decision's id in the leader's database.
    pub decision_id: i64,
    pub outcome: String,
    pub decided_by: String,
    pub decided_at: String,
    pub approved_by: Option<String>,
    pub approved_at: Option<String>,
    /// The contracted amount per contract year (for the whole region, all insurers).
    pub amounts: Vec<YearCents>,
    pub total_cents: i64,
    pub conditions: Vec<String>,
    pub questions: Vec<String>,
    pub reasoning: String,
    /// The leader's reason for amounts above the fundable amount (its override).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_reason: Option<String>,
}

/// What the leader's assessment found, for the follower's information.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentSummary {
    pub total_tenths: u32,
    pub knocked_out: bool,
    pub recommendation: String,
    pub policy_version: String,
    pub requested: Vec<YearCents>,
    pub fundable: Vec<YearCents>,
    pub open_flags: usize,
    pub confirmed_flags: usize,
}

/// The contracted amounts split over the insurers of the region by market share.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Split {
    /// `percent` or `insured`: what the weights are.
    pub basis: String,
    pub parts: Vec<SharePart>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharePart {
    pub insurer_id: String,
    pub name: String,
    pub leader: bool,
    pub weight: u64,
    /// The share in hundredths of a percent.
    pub share_hundredths: u64,
    pub amounts: Vec<YearCents>,
    pub total_cents: i64,
}

impl SharePart {
    pub fn year_amounts(&self) -> Vec<YearAmount> {
        self.amounts.iter().map(YearCents::amount).collect()
    }
}

/// One insurer's part of a region's amounts per year: each year is split on its own.
pub fn split_years(region: &MarketRegion, amounts: &[YearAmount], market: &Market) -> Vec<SharePart> {
    let weights = region.weights();
    let per_year: Vec<Vec<Cents>> = amounts.iter().map(|y| split(y.amount, &weights)).collect();
    region
        .holdings
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let amounts: Vec<YearCents> = amounts
                .iter()
                .zip(&per_year)
                .map(|(y, parts)| YearCents {
                    year: y.year,
                    amount_cents: parts[i].0,
                })
                .collect();
            SharePart {
                insurer_id: h.insurer.clone(),
                name: market.name_of(&h.insurer).to_string(),
                leader: h.insurer == region.leader,
                weight: h.weight,
                share_hundredths: region.percent_hundredths(h),
                total_cents: amounts.iter().map(|a| a.amount_cents).sum(),
                amounts,
            }
        })
        .collect()
}

/// The content the digest covers: the package without its digest and signature, as JSON
/// with sorted keys and no whitespace.
pub fn canonical(p: &FollowPackage) -> String {
    let mut v = serde_json::to_value(p).expect("a package is plain data");
    if let Some(m) = v.as_object_mut() {
        m.remove("digest_sha256");
        m.remove("signature");
    }
    v.to_string()
}

pub fn digest(p: &FollowPackage) -> String {
    super::sha256_hex(&canonical(p))
}

/// Why the leader cannot export a package.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportRefusal {
    UnknownPlan {
        plan_id: String,
    },
    /// The user's insurer is not known (`--insurer` or `insurer_id`).
    NoIdentity,
    NoMarketData {
        rho_region: String,
    },
    NotLeader {
        me: String,
        rho_region: String,
        leader: String,
    },
    NoDecision,
    /// The decision waits for four-eyes approval: it does not count yet.
    Pending {
        decision_id: i64,
    },
    /// The decision is on an older version than the plan's latest.
    OlderVersion {
        decided_on: u32,
        latest: u32,
    },
}

/// The facts of the plan a package is about.
pub struct PlanFacts<'a> {
    pub plan_id: &'a str,
    pub resv_name: &'a str,
    pub region: &'a str,
    pub rho_region: &'a str,
    pub version_no: u32,
    pub sha256: &'a str,
}

/// Everything the leader's package is made of.
pub struct PackageInput<'a> {
    pub market: &'a Market,
    pub market_sha256: &'a str,
    pub me: Option<&'a str>,
    pub plan: PlanFacts<'a>,
    /// The plan's current decision.
    pub decision: Option<&'a Decision>,
    /// The decision's assessment snapshot.
    pub assessment: Option<&'a Assessment>,
    pub open_flags: usize,
    pub confirmed_flags: usize,
    pub created_at: &'a str,
    pub created_by: &'a str,
    /// The leader's audit head now (`SEQ:HASH`).
    pub audit_head: Option<&'a str>,
    /// The leader's sequence number for this package (one more than its last for the plan).
    pub sequence: u64,
}

/// Builds the leader's package, digest included.
pub fn build_package(i: &PackageInput<'_>) -> Result<FollowPackage, ExportRefusal> {
    let me = i.me.ok_or(ExportRefusal::NoIdentity)?;
    let region = i
        .market
        .region(i.plan.rho_region)
        .ok_or_else(|| ExportRefusal::NoMarketData {
            rho_region: i.plan.rho_region.to_string(),
        })?;
    if region.leader != me {
        return Err(ExportRefusal::NotLeader {
            me: me.to_string(),
            rho_region: region.rho_region.clone(),
            leader: region.leader.clone(),
        });
    }
    let (Some(d), Some(a)) = (i.decision, i.assessment) else {
        return Err(ExportRefusal::NoDecision);
    };
    if d.version_no != i.plan.version_no {
        return Err(ExportRefusal::OlderVersion {
            decided_on: d.version_no,
            latest: i.plan.version_no,
        });
    }
    if d.is_pending() {
        return Err(ExportRefusal::Pending { decision_id: d.id });
    }
    let sender: &Insurer = i.market.insurer(me).ok_or(ExportRefusal::NoIdentity)?;
    let mut p = FollowPackage {
        format: FORMAT.to_string(),
        format_version: FORMAT_VERSION,
        sender: Party {
            insurer_id: sender.id.clone(),
            name: sender.name.clone(),
        },
        created_at: i.created_at.to_string(),
        created_by: i.created_by.to_string(),
        market_sha256: i.market_sha256.to_string(),
        plan: PlanRef {
            plan_id: i.plan.plan_id.to_string(),
            resv_name: i.plan.resv_name.to_string(),
            region: i.plan.region.to_string(),
            rho_region: region.rho_region.clone(),
            version_no: d.version_no,
            sha256: d.plan_sha256.clone(),
        },
        decision: leader_decision(d),
        assessment: summary(a, d, i),
        split: Split {
            basis: region.basis.keyword().to_string(),
            parts: split_years(region, &d.amounts, i.market),
        },
        audit_head: i.audit_head.map(str::to_string),
        sequence: Some(i.sequence),
        digest_sha256: String::new(),
        signature: None,
    };
    p.digest_sha256 = digest(&p);
    Ok(p)
}

/// The leader's decision as the package states it.
fn leader_decision(d: &Decision) -> LeaderDecision {
    LeaderDecision {
        decision_id: d.id,
        outcome: d.outcome.keyword().to_string(),
        decided_by: d.by.clone(),
        decided_at: d.at.clone(),
        approved_by: d.approval.as_ref().map(|x| x.by.clone()),
        approved_at: d.approval.as_ref().map(|x| x.at.clone()),
        amounts: d.amounts.iter().map(YearCents::of).collect(),
        total_cents: d.total().0,
        conditions: d.conditions.clone(),
        questions: d.questions.clone(),
        reasoning: d.reasoning.clone(),
        override_reason: d.override_reason.clone(),
    }
}

/// What the package says about the assessment the decision was made on.
fn summary(a: &Assessment, d: &Decision, i: &PackageInput<'_>) -> AssessmentSummary {
    AssessmentSummary {
        total_tenths: a.total_tenths,
        knocked_out: a.knocked_out,
        recommendation: a.recommendation.keyword().to_string(),
        policy_version: d.policy_version.clone(),
        requested: a
            .years
            .iter()
            .map(|y| {
                YearCents::of(&YearAmount {
                    year: y.year,
                    amount: y.requested,
                })
            })
            .collect(),
        fundable: a
            .years
            .iter()
            .map(|y| {
                YearCents::of(&YearAmount {
                    year: y.year,
                    amount: y.fundable,
                })
            })
            .collect(),
        open_flags: i.open_flags,
        confirmed_flags: i.confirmed_flags,
    }
}

#[cfg(test)]
mod tests;
