//! The follower's side: reading a package, the checks before following it (digest,
//! identity, leader, share, plan version, split, consistency), and the decision it records.

use super::{FORMAT, FORMAT_VERSION, FollowPackage, SharePart, YearCents, digest, split_years};
use crate::audit::Head;
use crate::decision::{Checked, Outcome, YearAmount};
use crate::diag::Diagnostic;
use crate::rules::Market;
use crate::rules::regions::same_name;

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
    if let Some(Err(e)) = p.audit_head.as_deref().map(Head::parse) {
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
    let overridden = d.override_reason.as_deref().is_some_and(|r| !r.trim().is_empty());
    for a in d.amounts.iter().filter(|_| !overridden) {
        let fundable = p.assessment.fundable.iter().find(|f| f.year == a.year);
        if a.amount_cents > fundable.map_or(0, |f| f.amount_cents) {
            return bad(format!(
                "the amount for {} ({} cents) is above the package's own fundable amount for that year ({} cents), and the leader gives no override reason",
                a.year,
                a.amount_cents,
                fundable.map_or_else(|| "none".to_string(), |f| f.amount_cents.to_string())
            ));
        }
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
        override_reason: p.decision.override_reason.clone(),
        needs_approval: false,
    }
}

/// The leader's decided amounts beside the follower's own assessment of the same version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    /// The leader's decided total (the whole region, all years).
    pub leader_cents: i64,
    /// The follower's own fundable total for the same plan version.
    pub own_cents: i64,
    pub leader_tenths: u32,
    pub own_tenths: u32,
    /// The difference in hundredths of a percent of the follower's own amount.
    pub difference_hundredths: u64,
    /// The policy's threshold in whole percent.
    pub threshold_percent: u32,
}

/// The leader's decided total beside the follower's own fundable total; `None` when there
/// is nothing to compare (an outcome that does not fund).
pub fn compare(p: &FollowPackage, (own_cents, own_tenths): (i64, u32), threshold_percent: u32) -> Option<Comparison> {
    let leader_cents = p.decision.total_cents;
    if leader_cents == 0 {
        return None;
    }
    let diff = (leader_cents as i128 - own_cents as i128).unsigned_abs();
    let difference_hundredths = if own_cents == 0 {
        u64::MAX
    } else {
        (diff * 10_000 / own_cents.unsigned_abs() as u128).min(u64::MAX as u128) as u64
    };
    Some(Comparison {
        leader_cents,
        own_cents,
        leader_tenths: p.assessment.total_tenths,
        own_tenths,
        difference_hundredths,
        threshold_percent,
    })
}
