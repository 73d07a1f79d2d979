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

pub mod status;

use super::assess::Assessment;
use super::decision::{Checked, Decision, Outcome, YearAmount};
use super::diag::Diagnostic;
use super::money::Cents;
use super::rules::Market;
use super::rules::market::{Insurer, MarketRegion};
use super::rules::regions::same_name;
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
    /// SHA-256 of [`canonical`] (every other field).
    pub digest_sha256: String,
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

/// The content the digest covers: the package without its digest, as JSON with sorted keys
/// and no whitespace.
pub fn canonical(p: &FollowPackage) -> String {
    let mut v = serde_json::to_value(p).expect("a package is plain data");
    if let Some(m) = v.as_object_mut() {
        m.remove("digest_sha256");
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
        decision: LeaderDecision {
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
        },
        assessment: AssessmentSummary {
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
        },
        split: Split {
            basis: region.basis.keyword().to_string(),
            parts: split_years(region, &d.amounts, i.market),
        },
        audit_head: i.audit_head.map(str::to_string),
        digest_sha256: String::new(),
    };
    p.digest_sha256 = digest(&p);
    Ok(p)
}

/// Reads a package file's text (JSON). A syntax error or an unknown field comes back with
/// its line and column.
pub fn parse_package(text: &str) -> Result<FollowPackage, Diagnostic> {
    let p: FollowPackage = serde_json::from_str(text).map_err(|e| {
        // The place is in the diagnostic's line and column, not repeated in the message.
        let full = e.to_string();
        let what = full.rsplit_once(" at line ").map_or(full.as_str(), |(m, _)| m);
        Diagnostic {
            line: (e.line() > 0).then_some(e.line() as u32),
            column: (e.column() > 0).then_some(e.column() as u32),
            path: String::new(),
            message: format!(
                "{what}; expected a follow package written by `resv follow export` (JSON, format \"{FORMAT}\")"
            ),
        }
    })?;
    if let Some(Err(e)) = p.audit_head.as_deref().map(super::audit::Head::parse) {
        return Err(Diagnostic {
            line: None,
            column: None,
            path: "audit_head".into(),
            message: e,
        });
    }
    Ok(p)
}

/// Why a follower refuses a package. Nothing is recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportRefusal {
    /// Not a follow package of a version this workbench reads.
    Format {
        format: String,
        version: u32,
    },
    /// The content does not match its digest: changed after export, or damaged.
    Digest {
        stated: String,
        computed: String,
    },
    NoIdentity,
    /// The package is this insurer's own.
    OwnPackage,
    /// The follower's market data do not know the package's region.
    NoMarketData {
        rho_region: String,
    },
    /// The sender does not lead the region (by the follower's market data).
    NotLeader {
        sender: String,
        rho_region: String,
        leader: String,
    },
    /// The follower has no share in the region.
    NoShare {
        me: String,
        rho_region: String,
    },
    UnknownPlan {
        plan_id: String,
    },
    /// The follower's queue holds another version of the plan.
    VersionDiffers {
        plan_id: String,
        theirs: (u32, String),
        ours: (u32, String),
    },
    /// The plan's region differs from the package's (a package made by hand).
    RegionDiffers {
        package: String,
        plan: String,
    },
    /// The follower's own market data give it another share.
    SplitDiffers {
        package: Vec<YearAmount>,
        ours: Vec<YearAmount>,
    },
    /// The package contradicts itself (its parts do not add up, an unknown outcome...).
    Inconsistent {
        what: String,
    },
}

/// The follower's side of the check.
pub struct Follower<'a> {
    pub me: Option<&'a str>,
    pub market: &'a Market,
    /// The latest version of the plan in the follower's queue: number, SHA-256, and the
    /// RHO region it names; `None` when the plan is unknown.
    pub plan: Option<(u32, &'a str, &'a str)>,
    /// That version's contract years (its budget years), in order.
    pub years: &'a [u16],
}

/// A package that passed every check: what the follower follows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accepted {
    pub outcome: Outcome,
    pub leader: String,
    pub rho_region: String,
    /// The follower's part per contract year.
    pub share: Vec<YearAmount>,
    pub share_hundredths: u64,
}

/// Checks a package against its digest and the follower's own data, in this order: format,
/// digest, identity, region and leader, share, plan and version, split.
pub fn check_package(p: &FollowPackage, f: &Follower<'_>) -> Result<Accepted, ImportRefusal> {
    use ImportRefusal as R;
    if p.format != FORMAT || p.format_version != FORMAT_VERSION {
        return Err(R::Format {
            format: p.format.clone(),
            version: p.format_version,
        });
    }
    let computed = digest(p);
    if computed != p.digest_sha256 {
        return Err(R::Digest {
            stated: p.digest_sha256.clone(),
            computed,
        });
    }
    let me = f.me.ok_or(R::NoIdentity)?;
    if p.sender.insurer_id == me {
        return Err(R::OwnPackage);
    }
    let region = f.market.region(&p.plan.rho_region).ok_or_else(|| R::NoMarketData {
        rho_region: p.plan.rho_region.clone(),
    })?;
    if region.leader != p.sender.insurer_id {
        return Err(R::NotLeader {
            sender: p.sender.insurer_id.clone(),
            rho_region: region.rho_region.clone(),
            leader: region.leader.clone(),
        });
    }
    if region.holding(me).is_none() {
        return Err(R::NoShare {
            me: me.to_string(),
            rho_region: region.rho_region.clone(),
        });
    }
    let Some((version_no, sha, rho_region)) = f.plan else {
        return Err(R::UnknownPlan {
            plan_id: p.plan.plan_id.clone(),
        });
    };
    if sha != p.plan.sha256 {
        return Err(R::VersionDiffers {
            plan_id: p.plan.plan_id.clone(),
            theirs: (p.plan.version_no, p.plan.sha256.clone()),
            ours: (version_no, sha.to_string()),
        });
    }
    if !same_name(rho_region, &p.plan.rho_region) {
        return Err(R::RegionDiffers {
            package: p.plan.rho_region.clone(),
            plan: rho_region.to_string(),
        });
    }
    let outcome = Outcome::from_keyword(&p.decision.outcome).ok_or_else(|| R::Inconsistent {
        what: format!("unknown outcome \"{}\"", p.decision.outcome),
    })?;
    check_consistent(p, outcome, f.years)?;
    let amounts: Vec<YearAmount> = p.decision.amounts.iter().map(YearCents::amount).collect();
    let ours = split_years(region, &amounts, f.market);
    let our_part = ours
        .iter()
        .find(|s| s.insurer_id == me)
        .expect("the follower holds a share");
    let their_part = p.split.parts.iter().find(|s| s.insurer_id == me);
    if their_part.map(|s| &s.amounts) != Some(&our_part.amounts) {
        return Err(R::SplitDiffers {
            package: their_part.map(SharePart::year_amounts).unwrap_or_default(),
            ours: our_part.year_amounts(),
        });
    }
    Ok(Accepted {
        outcome,
        leader: region.leader.clone(),
        rho_region: region.rho_region.clone(),
        share: our_part.year_amounts(),
        share_hundredths: our_part.share_hundredths,
    })
}

/// The largest amount a package may name for one year (as for plan files): EUR 1,000,000,000,000.
const MAX_CENTS: i64 = crate::reader::MAX_AMOUNT.0;

/// A package made by hand (with a fresh digest) must still be a decision the follower could
/// have recorded itself: one amount per contract year of the plan, each within range, adding
/// up, split exactly; conditions for `conditions`, questions for `return`, money only for an
/// outcome that funds.
fn check_consistent(p: &FollowPackage, outcome: Outcome, plan_years: &[u16]) -> Result<(), ImportRefusal> {
    let bad = |what: String| Err(ImportRefusal::Inconsistent { what });
    let d = &p.decision;
    let years: Vec<u16> = d.amounts.iter().map(|a| a.year).collect();
    if years != plan_years {
        return bad(format!(
            "the decision names the years {years:?}, but the plan's contract years are {plan_years:?}"
        ));
    }
    if let Some(a) = d.amounts.iter().find(|a| !(0..=MAX_CENTS).contains(&a.amount_cents)) {
        return bad(format!(
            "the amount for {} is out of range: {} cents",
            a.year, a.amount_cents
        ));
    }
    let total: i128 = d.amounts.iter().map(|a| a.amount_cents as i128).sum();
    if total != d.total_cents as i128 {
        return bad(format!(
            "the decision's amounts do not add up to its total_cents {}",
            d.total_cents
        ));
    }
    match outcome {
        o if !o.funds() && total != 0 => return bad(format!("money for a {}", o.keyword())),
        o if o.funds() && total == 0 => return bad(format!("no money for an outcome that funds ({})", o.keyword())),
        Outcome::Conditions if d.conditions.iter().all(|c| c.trim().is_empty()) => {
            return bad("the outcome `conditions` without a condition".to_string());
        }
        Outcome::Return if d.questions.iter().all(|q| q.trim().is_empty()) => {
            return bad("the outcome `return` without a question to the region".to_string());
        }
        _ => {}
    }
    for y in &d.amounts {
        let parts: i128 = p
            .split
            .parts
            .iter()
            .filter_map(|s| s.amounts.iter().find(|a| a.year == y.year))
            .map(|a| a.amount_cents as i128)
            .sum();
        if parts != y.amount_cents as i128 {
            return bad(format!(
                "the split's parts for {} add up to {} cents, not the decision's {}",
                y.year, parts, y.amount_cents
            ));
        }
    }
    Ok(())
}

/// The decision a follower records when it follows: the leader's outcome, conditions and
/// questions, its own share. Following is the market leader rule, so no four-eyes step.
pub fn follow_decision(p: &FollowPackage, a: &Accepted, reasoning: String) -> Checked {
    Checked {
        outcome: a.outcome,
        amounts: a.share.clone(),
        conditions: p.decision.conditions.clone(),
        questions: p.decision.questions.clone(),
        reasoning,
        override_reason: None,
        needs_approval: false,
    }
}

#[cfg(test)]
mod tests;
