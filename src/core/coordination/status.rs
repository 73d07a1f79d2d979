//! Where a plan stands between the insurers of its region, as far as this insurer's own
//! database knows, and the regions overview built from it.

use crate::decision::{Decision, Outcome, YearAmount};
use crate::money::Cents;
use crate::plan::keywords;
use crate::rules::Market;
use crate::time::Instant;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

keywords! {
    /// What a coordination record says: the leader exported a follow package; the follower
    /// followed one (the leader's outcome, its own share); or it deviates, with a reason.
    Kind {
        Export = "export",
        Follow = "follow",
        Deviate = "deviate",
    }
}

/// One stored coordination record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub id: i64,
    pub plan_id: String,
    pub kind: Kind,
    /// The plan version the package is about.
    pub version_no: u32,
    pub rho_region: String,
    pub leader: String,
    /// The leader's decision id (in the leader's database).
    pub leader_decision_id: i64,
    pub outcome: Outcome,
    /// This insurer's part per year (the whole amount for an export).
    pub share: Vec<YearAmount>,
    pub package_sha256: String,
    /// Follow: the decision recorded here; export: the decision exported.
    pub decision_id: Option<i64>,
    pub reason: Option<String>,
    pub by: String,
    pub at: Instant,
}

/// This insurer's role for a plan's region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// The user's insurer is not known (no `--insurer`, no `insurer_id`).
    Unknown,
    /// The market data have no figures for the region.
    NoMarketData,
    Leader,
    Follower {
        leader: String,
    },
    /// The insurer has no insured people in the region.
    NoShare {
        leader: String,
    },
}

impl Role {
    /// The role in JSON output.
    pub fn keyword(&self) -> &'static str {
        match self {
            Role::Unknown => "unknown",
            Role::NoMarketData => "no-market-data",
            Role::Leader => "leader",
            Role::Follower { .. } => "follower",
            Role::NoShare { .. } => "no-share",
        }
    }
}

pub fn role(market: &Market, me: Option<&str>, rho_region: &str) -> Role {
    let Some(me) = me else { return Role::Unknown };
    let Some(region) = market.region(rho_region) else {
        return Role::NoMarketData;
    };
    match region.holding(me) {
        _ if region.leader == me => Role::Leader,
        Some(_) => Role::Follower {
            leader: region.leader.clone(),
        },
        None => Role::NoShare {
            leader: region.leader.clone(),
        },
    }
}

/// Where one plan stands for this insurer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Leader: no decision on the latest version yet.
    Undecided,
    /// Leader: the decision waits for four-eyes approval.
    PendingApproval,
    /// Leader: decided on the latest version; whether a package of it was exported.
    Decided { exported: bool },
    /// Follower: no package from the leader for the latest version yet.
    AwaitingLeader,
    /// Follower: follows the leader's decision (its follow decision is current).
    Followed,
    /// Follower: deviates (recorded so, or replaced its follow by its own decision).
    Deviating,
    /// No role in the region, or no market data.
    None,
}

impl Status {
    /// The status in JSON output.
    pub fn keyword(self) -> &'static str {
        match self {
            Status::Undecided => "undecided",
            Status::PendingApproval => "pending-approval",
            Status::Decided { exported: false } => "decided",
            Status::Decided { exported: true } => "decided-sent",
            Status::AwaitingLeader => "awaiting-leader",
            Status::Followed => "followed",
            Status::Deviating => "deviating",
            Status::None => "none",
        }
    }
}

/// The status of a plan from its current decision and its coordination records (oldest
/// first).
pub fn status(role: &Role, latest_version: u32, current: Option<&Decision>, records: &[Record]) -> Status {
    let on_latest = current.filter(|d| d.version_no == latest_version);
    match role {
        Role::Leader => match on_latest {
            None => Status::Undecided,
            Some(d) if d.is_pending() => Status::PendingApproval,
            Some(d) => Status::Decided {
                exported: records
                    .iter()
                    .any(|r| r.kind == Kind::Export && r.decision_id == Some(d.id)),
            },
        },
        Role::Follower { .. } => follower_status(latest_version, current.map(|d| d.id), records),
        _ => Status::None,
    }
}

fn follower_status(latest_version: u32, current: Option<i64>, records: &[Record]) -> Status {
    let last = records
        .iter()
        .rfind(|r| r.version_no == latest_version && r.kind != Kind::Export);
    match last {
        None => Status::AwaitingLeader,
        Some(r) if r.kind == Kind::Follow && r.decision_id.is_some() && r.decision_id == current => Status::Followed,
        Some(_) => Status::Deviating,
    }
}

/// For the plan state: whether the plan's current decision (its id) is a follow, or the
/// insurer deviates from the leader on the latest version.
pub fn follow_mark(latest_version: u32, current: Option<i64>, records: &[Record]) -> Option<Status> {
    if records.is_empty() {
        return None;
    }
    match follower_status(latest_version, current, records) {
        s @ (Status::Followed | Status::Deviating) => Some(s),
        _ => None,
    }
}

/// One plan as the overview sees it.
pub struct PlanCoord<'a> {
    pub rho_region: &'a str,
    pub latest_version: u32,
    pub current: Option<&'a Decision>,
    pub records: &'a [Record],
    /// As leader, after sending: each other insurer's answer from its receipt, or pending.
    pub answers: &'a [super::receipt::InsurerAnswer],
}

/// One region of the overview. For a region this insurer leads, `followed` and `deviating`
/// count the followers' answers from the receipts that came back (unknown, `None`, until a
/// package was sent: followers record their choice in their own databases).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegionSummary {
    pub rho_region: String,
    pub leader: String,
    pub role: Role,
    pub plans: usize,
    /// Plans the leader decided (for a follower: whose package arrived).
    pub leader_decided: usize,
    /// Leader: packages exported for the current decisions.
    pub exported: Option<usize>,
    pub followed: Option<usize>,
    pub deviating: Option<usize>,
    /// Leader: plans still to decide; follower: plans waiting for the leader's package.
    pub pending: usize,
    /// This insurer's contracted amounts per year in the region (decisions that count).
    pub commitment: Vec<YearAmount>,
}

/// The regions overview: every region of the market data, and this insurer's total
/// commitment per year over all plans (also those outside the market data).
pub struct Overview {
    pub regions: Vec<RegionSummary>,
    pub total: Vec<YearAmount>,
    /// Plans whose RHO region the market data do not know.
    pub without_market: usize,
}

/// What a decision contracts, if it counts (funds and is not waiting for approval).
fn commitment(d: Option<&Decision>) -> &[YearAmount] {
    match d {
        Some(d) if d.outcome.funds() && !d.is_pending() => &d.amounts,
        _ => &[],
    }
}

fn add(into: &mut BTreeMap<u16, Cents>, amounts: &[YearAmount]) {
    for a in amounts {
        *into.entry(a.year).or_insert(Cents::ZERO) += a.amount;
    }
}

fn years(m: BTreeMap<u16, Cents>) -> Vec<YearAmount> {
    m.into_iter()
        .map(|(year, amount)| YearAmount { year, amount })
        .collect()
}

/// This insurer's own part of what a plan's decision contracts: for a plan in a region it
/// leads, its market share of the amounts (each insurer of the region pays its share; the
/// followers' decisions hold their own shares already); otherwise the amounts themselves.
fn my_part(market: &Market, me: Option<&str>, p: &PlanCoord<'_>) -> Vec<YearAmount> {
    let amounts = commitment(p.current);
    let led = me.zip(market.region(p.rho_region)).filter(|(me, r)| r.leader == *me);
    match led {
        Some((me, region)) if !amounts.is_empty() => super::split_years(region, amounts, market)
            .into_iter()
            .find(|part| part.insurer_id == me)
            .map(|part| part.year_amounts())
            .unwrap_or_else(|| amounts.to_vec()),
        _ => amounts.to_vec(),
    }
}

pub fn overview(market: &Market, me: Option<&str>, plans: &[PlanCoord<'_>]) -> Overview {
    let mut total = BTreeMap::new();
    let mut without_market = 0;
    for p in plans {
        add(&mut total, &my_part(market, me, p));
        without_market += usize::from(market.region(p.rho_region).is_none());
    }
    let regions = market
        .regions
        .iter()
        .map(|region| {
            let role = role(market, me, &region.rho_region);
            let mine: Vec<&PlanCoord<'_>> = plans
                .iter()
                .filter(|p| crate::rules::regions::same_name(p.rho_region, &region.rho_region))
                .collect();
            let statuses: Vec<Status> = mine
                .iter()
                .map(|p| status(&role, p.latest_version, p.current, p.records))
                .collect();
            let count = |f: &dyn Fn(&Status) -> bool| statuses.iter().filter(|s| f(s)).count();
            let mut commit = BTreeMap::new();
            for p in &mine {
                add(&mut commit, &my_part(market, me, p));
            }
            let leads = role == Role::Leader;
            let follows = matches!(role, Role::Follower { .. });
            // As leader: the followers' answers to the packages sent, once any was sent.
            let answers: Vec<&str> = mine.iter().flat_map(|p| p.answers).map(|a| a.status()).collect();
            let answered =
                |w: &str| (leads && !answers.is_empty()).then(|| answers.iter().filter(|a| **a == w).count());
            RegionSummary {
                rho_region: region.rho_region.clone(),
                leader: region.leader.clone(),
                plans: mine.len(),
                leader_decided: count(&|s| matches!(s, Status::Decided { .. } | Status::Followed | Status::Deviating)),
                exported: leads.then(|| count(&|s| *s == Status::Decided { exported: true })),
                followed: if follows {
                    Some(count(&|s| *s == Status::Followed))
                } else {
                    answered("followed")
                },
                deviating: if follows {
                    Some(count(&|s| *s == Status::Deviating))
                } else {
                    answered("deviated")
                },
                pending: count(&|s| matches!(s, Status::Undecided | Status::PendingApproval | Status::AwaitingLeader)),
                commitment: years(commit),
                role,
            }
        })
        .collect();
    Overview {
        regions,
        total: years(total),
        without_market,
    }
}
