//! Following the market leader: the shell that joins the store, the rule files (market data
//! included) and the pure coordination core ([`crate::core::coordination`]). The CLI and
//! the TUI both come here, so a package is built, checked and recorded the same way.

use crate::app::assess::{assess_stored, review_plan};
use crate::core::coordination::status::{Kind, Overview, PlanCoord, Record, Role, Status, overview, role, status};
use crate::core::coordination::{
    self as coord, Accepted, ExportRefusal, FollowPackage, Follower, ImportRefusal, PackageInput, PlanFacts, SharePart,
    parse_package, split_years,
};
use crate::core::decision::{Decision, YearAmount};
use crate::core::funding::Verdict;
use crate::core::rules::Rules;
use crate::core::rules::market::MarketRegion;
use crate::store::{NewDecision, NewRecord, Store, StoredPlan};
use crate::text::{self, Lang};
use anyhow::{Result, anyhow};

/// This workbench's insurer id, if known.
pub fn me(rules: &Rules) -> Option<&str> {
    rules.policy.insurer_id.as_deref()
}

/// A package the leader built (and recorded, unless the database is read-only).
pub struct Exported {
    pub package: FollowPackage,
    /// The file's text: pretty JSON.
    pub text: String,
}

/// Builds the leader's package for a plan's current decision. `Ok(Err(..))` is a refusal.
pub fn build_export(
    store: &Store,
    rules: &Rules,
    plan_id: &str,
    user: &str,
) -> Result<Result<Exported, ExportRefusal>> {
    let Some(stored) = store.latest_plan(plan_id)? else {
        return Ok(Err(ExportRefusal::UnknownPlan {
            plan_id: plan_id.to_string(),
        }));
    };
    let current = store.latest_decision(plan_id)?;
    let snapshot = match &current {
        Some(d) => Some(store.decision_snapshot(d.id)?),
        None => None,
    };
    let registry = crate::app::registry::Registry::default();
    let review = review_plan(store, &*registry.for_plan(store, &stored.plan)?, plan_id, &stored.plan)?;
    let flags = review.as_ref().map(|r| r.flags.as_slice()).unwrap_or_default();
    let now = store.now().to_string();
    let plan = &stored.plan;
    let built = coord::build_package(&PackageInput {
        market: &rules.market,
        market_sha256: &rules.market_source.sha256,
        me: me(rules),
        plan: PlanFacts {
            plan_id,
            resv_name: &plan.resv.name,
            region: &plan.region.name,
            rho_region: &plan.region.rho_region,
            version_no: stored.version_no,
            sha256: &stored.sha256,
        },
        decision: current.as_ref(),
        assessment: snapshot.as_ref(),
        open_flags: flags.iter().filter(|f| f.is_open()).count(),
        confirmed_flags: flags.iter().filter(|f| f.verdict() == Some(Verdict::Confirmed)).count(),
        created_at: &now,
        created_by: user,
        audit_head: Some(&store.audit_head()?.to_string()),
    });
    Ok(built.map(|package| Exported {
        text: serde_json::to_string_pretty(&package).expect("a package is plain data") + "\n",
        package,
    }))
}

/// Records that a package was exported (call after the file is written).
pub fn record_export(store: &mut Store, rules: &Rules, e: &Exported, user: &str) -> Result<Option<Record>> {
    if store.is_read_only() {
        return Ok(None);
    }
    let me = me(rules).ok_or_else(|| anyhow!("no insurer id"))?;
    store.record_export(&e.package, &e.text, me, user).map(Some)
}

/// What a follower recorded.
pub struct Imported {
    pub package: FollowPackage,
    pub accepted: Accepted,
    pub record: Record,
    /// The follow decision (none for a deviation).
    pub decision: Option<Decision>,
}

/// A refused import: a package that cannot be read (with its place), or a failed check.
pub enum Refused {
    Unreadable(String),
    Check(ImportRefusal),
    /// `--deviate` without a reason.
    NoReason,
    /// A deviation reason longer than the free-text cap.
    TooLong(crate::core::TextTooLong),
}

/// Checks a package file's text and records a follow, or a deviation with `deviate`'s
/// reason. `expect_latest` lets a follow replace this insurer's own current decision; a
/// previous follow is replaced without it.
pub fn import(
    store: &mut Store,
    rules: &Rules,
    (file, text): (&str, &str),
    deviate: Option<&str>,
    expect_latest: Option<i64>,
    user: &str,
    lang: Lang,
) -> Result<Result<Imported, Refused>> {
    crate::app::writable(store, lang)?;
    let package = match parse_package(text) {
        Ok(p) => p,
        Err(d) => return Ok(Err(Refused::Unreadable(crate::core::diag::render(file, &[d])))),
    };
    if deviate.is_some_and(|r| r.trim().is_empty()) {
        return Ok(Err(Refused::NoReason));
    }
    if let Some(Err(e)) = deviate.map(|r| crate::core::check_text("deviation-reason", r.trim())) {
        return Ok(Err(Refused::TooLong(e)));
    }
    let local = store.latest_plan(&package.plan.plan_id)?;
    let years: Vec<u16> = local
        .as_ref()
        .map(|s| s.plan.budget.iter().map(|b| b.year).collect())
        .unwrap_or_default();
    let follower = Follower {
        me: me(rules),
        market: &rules.market,
        plan: local
            .as_ref()
            .map(|s| (s.version_no, s.sha256.as_str(), s.plan.region.rho_region.as_str())),
        years: &years,
    };
    let accepted = match coord::check_package(&package, &follower) {
        Ok(a) => a,
        Err(r) => return Ok(Err(Refused::Check(r))),
    };
    let me = me(rules).expect("checked: the insurer is known");
    let rec = NewRecord {
        package: &package,
        text,
        accepted: &accepted,
        me,
        by: user,
    };
    if let Some(reason) = deviate {
        let record = store.record_deviation(&rec, reason.trim())?;
        return Ok(Ok(Imported {
            package,
            accepted,
            record,
            decision: None,
        }));
    }
    let plan_id = package.plan.plan_id.clone();
    let registry = crate::app::registry::Registry::default();
    let assessed = assess_stored(store, rules, &registry, &plan_id)?
        .ok_or_else(|| anyhow!("{}", text::unknown_plan(&plan_id, None, lang)))?;
    // A previous follow is replaced by the leader's newer decision without asking; the
    // buyer's own decision only with --expect-latest.
    let current = store.latest_decision(&plan_id)?;
    let records = store.coordination(&plan_id)?;
    let current_is_follow = current.as_ref().is_some_and(|d| {
        records
            .iter()
            .any(|r| r.kind == Kind::Follow && r.decision_id == Some(d.id))
    });
    let expect = if current_is_follow {
        current.as_ref().map(|d| d.id)
    } else {
        expect_latest
    };
    let reasoning = text::coordination::follow_reasoning(&package, &accepted, &rules.market, lang);
    let checked = coord::follow_decision(&package, &accepted, reasoning);
    let (decision, record) = store.record_follow(
        &rec,
        &NewDecision {
            checked: &checked,
            assessment: &assessed.assessment,
            policy_version: &rules.policy.version,
            by: user,
            expect_latest: expect,
        },
    )?;
    Ok(Ok(Imported {
        package,
        accepted,
        record,
        decision: Some(decision),
    }))
}

/// One plan's place between the insurers of its region.
pub struct PlanCoordination {
    pub plan_id: String,
    pub resv_name: String,
    pub rho_region: String,
    pub role: Role,
    pub status: Status,
    pub region: Option<MarketRegion>,
    /// What the split is of.
    pub split_of: SplitOf,
    pub parts: Vec<SharePart>,
    pub records: Vec<Record>,
    /// The leader's package behind the latest follow or deviation (for a follower).
    pub package: Option<FollowPackage>,
}

/// The amounts a split shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SplitOf {
    /// The leader's decision (this insurer's own, or from the leader's package).
    Decision(i64),
    /// No decision yet: what the plan requests, as an indication.
    Requested,
}

/// The coordination of one plan, from its latest version, current decision and records.
pub fn plan_coordination(
    store: &Store,
    rules: &Rules,
    stored: &StoredPlan,
    current: Option<&Decision>,
) -> Result<PlanCoordination> {
    let plan_id = stored.plan.id.clone();
    let records = store.coordination(&plan_id)?;
    let rho_region = stored.plan.region.rho_region.clone();
    let role = role(&rules.market, me(rules), &rho_region);
    let status = status(&role, stored.version_no, current, &records);
    let region = rules.market.region(&rho_region).cloned();
    let package = records
        .iter()
        .rfind(|r| r.kind != Kind::Export && r.version_no == stored.version_no)
        .map(|r| store.coordination_package(r.id))
        .transpose()?
        .flatten()
        .and_then(|text| parse_package(&text).ok());
    let (split_of, amounts): (SplitOf, Vec<YearAmount>) = match (&role, &package, current) {
        (Role::Follower { .. } | Role::NoShare { .. }, Some(p), _) => (
            SplitOf::Decision(p.decision.decision_id),
            p.decision
                .amounts
                .iter()
                .map(|a| YearAmount {
                    year: a.year,
                    amount: crate::core::money::Cents(a.amount_cents),
                })
                .collect(),
        ),
        (Role::Leader, _, Some(d)) if d.version_no == stored.version_no => (SplitOf::Decision(d.id), d.amounts.clone()),
        _ => (
            SplitOf::Requested,
            stored
                .plan
                .budget
                .iter()
                .map(|b| YearAmount {
                    year: b.year,
                    amount: b.requested(),
                })
                .collect(),
        ),
    };
    let parts = region
        .as_ref()
        .map(|r| split_years(r, &amounts, &rules.market))
        .unwrap_or_default();
    Ok(PlanCoordination {
        plan_id,
        resv_name: stored.plan.resv.name.clone(),
        rho_region,
        role,
        status,
        region,
        split_of,
        parts,
        records,
        package,
    })
}

/// Every plan's status (latest version) and the regions overview.
pub struct StatusReport {
    pub plans: Vec<PlanLine>,
    pub overview: Overview,
}

pub struct PlanLine {
    pub plan_id: String,
    pub resv_name: String,
    pub rho_region: String,
    pub version_no: u32,
    pub role: Role,
    pub status: Status,
    pub current: Option<Decision>,
    pub records: Vec<Record>,
}

pub fn status_report(store: &Store, rules: &Rules) -> Result<StatusReport> {
    let mut decisions = store.latest_decisions()?;
    let mut records = store.all_coordination()?;
    let mut plans = Vec::new();
    for (plan_id, _sha, version_no, plan) in store.latest_plans()? {
        let current = decisions.remove(&plan_id);
        let recs = records.remove(&plan_id).unwrap_or_default();
        let role = role(&rules.market, me(rules), &plan.region.rho_region);
        let status = status(&role, version_no, current.as_ref(), &recs);
        plans.push(PlanLine {
            plan_id,
            resv_name: plan.resv.name.clone(),
            rho_region: plan.region.rho_region.clone(),
            version_no,
            role,
            status,
            current,
            records: recs,
        });
    }
    let coords: Vec<PlanCoord<'_>> = plans
        .iter()
        .map(|p| PlanCoord {
            rho_region: &p.rho_region,
            latest_version: p.version_no,
            current: p.current.as_ref(),
            records: &p.records,
        })
        .collect();
    let overview = overview(&rules.market, me(rules), &coords);
    Ok(StatusReport { plans, overview })
}
