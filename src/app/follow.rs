//! Following the market leader: the shell that joins the store, the rule files (market data
//! included) and the pure coordination core ([`crate::core::coordination`]). The CLI and
//! the TUI both come here, so a package is built, checked and recorded the same way.

use crate::app::assess::{assess_stored, review_plan};
use crate::core::coordination::receipt::{Answer, Own};
use crate::core::coordination::status::{Kind, Overview, PlanCoord, Record, Role, Status, overview, role, status};
use crate::core::coordination::{
    self as coord, Accepted, Comparison, ExportRefusal, FollowPackage, Follower, ImportRefusal, PackageInput,
    PlanFacts, SharePart, parse_package, split_years,
};
use crate::core::decision::{Decision, YearAmount};
use crate::core::funding::Verdict;
use crate::core::rules::Rules;
use crate::core::rules::market::MarketRegion;
use crate::core::signing::SignatureRefusal;
use crate::store::{NewDecision, NewRecord, Store, StoredPlan};
use crate::text::{self, Lang};
use anyhow::{Result, anyhow};

pub use crate::app::me;

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
    let now = store.now();
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
        created_at: now,
        created_by: user,
        audit_head: Some(&store.audit_head()?.to_string()),
        sequence: store.next_package_sequence(plan_id)?,
    });
    Ok(built.map(|package| Exported {
        text: serde_json::to_string_pretty(&package).expect("a package is plain data") + "\n",
        package,
    }))
}

/// Signs a built package with the leader's private key (see [`crate::io::keys::load`]).
pub fn sign_export(e: &mut Exported, key: &crate::core::signing::SecretKey) -> Result<()> {
    let doc = serde_json::to_value(&e.package)?;
    e.package.signature = Some(key.sign(&e.package.sender.insurer_id, &doc));
    e.text = serde_json::to_string_pretty(&e.package)? + "\n";
    Ok(())
}

/// Records that a package was exported (call after the file is written).
pub fn record_export(store: &mut Store, rules: &Rules, e: &Exported, user: &str) -> Result<Option<Record>> {
    if store.is_read_only() {
        return Ok(None);
    }
    let me = me(rules).ok_or_else(|| anyhow!("no insurer id"))?;
    let signer = e.package.signature.as_ref().map_or("", |s| s.fingerprint.as_str());
    store.record_export(&e.package, &e.text, (me, signer), user).map(Some)
}

/// Builds the package and writes it to `out` (never over a file: a package is evidence):
/// to a temporary file next to `out`, the export recorded, and only then the file put in
/// place, so a failure on the way leaves no package the database does not know of. A
/// read-only database is refused first: a package it cannot record would carry a sequence
/// number the leader's next real package repeats, and the follower would refuse that one.
/// `Ok(Err(..))` is a refusal. The package is signed with the leader's private key from
/// `keys` (a folder), else from the config folder.
pub fn export_to(
    store: &mut Store,
    rules: &Rules,
    plan_id: &str,
    out: &std::path::Path,
    user: &str,
    keys: Option<&std::path::Path>,
) -> Result<Result<(Exported, Option<Record>), ExportRefusal>> {
    if store.is_read_only() {
        let t = crate::text::READ_ONLY_NOTHING_STORED;
        anyhow::bail!(crate::core::bilingual::Text::new(t.0, t.1));
    }
    let mut e = match build_export(store, rules, plan_id, user)? {
        Ok(e) => e,
        Err(r) => return Ok(Err(r)),
    };
    let key = match keys {
        Some(dir) => crate::io::keys::load_in(dir, &e.package.sender.insurer_id)?,
        None => crate::io::keys::load(&e.package.sender.insurer_id)?,
    };
    sign_export(&mut e, &key)?;
    let pending = crate::io::output::prepare(out, e.text.as_bytes(), crate::io::output::Existing::Never)?;
    let recorded = record_export(store, rules, &e, user)?;
    pending.commit()?;
    Ok(Ok((e, recorded)))
}

/// What a written package says: where, which plan version and decision, its digest, and
/// the market split, one line per insurer (the leader starred).
pub fn package_lines(e: &Exported, out: &std::path::Path, rules: &Rules, lang: crate::text::Lang) -> Vec<String> {
    use crate::core::sanitize::clean;
    use crate::text::{self, coordination as tx};
    let p = &e.package;
    let mut lines = vec![format!(
        "{}: {} ({} {} {} {}, #{} {}, sha256 {})",
        tx::PACKAGE_WRITTEN.get(lang),
        clean(&out.display().to_string()),
        clean(&p.plan.plan_id),
        text::VERSION.get(lang).to_lowercase(),
        p.plan.version_no,
        clean(&p.plan.rho_region),
        p.decision.decision_id,
        crate::core::decision::Outcome::from_keyword(&p.decision.outcome)
            .map_or("?", |o| text::decision::outcome(o).get(lang)),
        p.digest_sha256
    )];
    lines.extend(p.split.parts.iter().map(|part| {
        let mark = if part.leader { "*" } else { " " };
        format!(
            "  {mark} {:<38} {:>7}  {:>16}  {}",
            clean(rules.market.name_of(&part.insurer_id)),
            text::fmt::percent(lang, part.share_hundredths),
            text::fmt::cents(lang, crate::core::money::Cents(part.total_cents)),
            tx::per_year(lang, &part.year_amounts())
        )
    }));
    lines
}

/// What a follower recorded.
pub struct Imported {
    pub package: FollowPackage,
    pub accepted: Accepted,
    pub record: Record,
    /// The follow decision (none for a deviation).
    pub decision: Option<Decision>,
    /// The leader's amounts beside the follower's own assessment.
    pub comparison: Option<Comparison>,
}

/// A refused import: a package that cannot be read (with its place), or a failed check.
pub enum Refused {
    Unreadable(String),
    Check(ImportRefusal),
    /// `--deviate` without a reason.
    NoReason,
    /// A deviation reason longer than the free-text cap.
    TooLong(crate::core::TextTooLong),
    /// A deviating follower's own amounts or conditions are not valid for the plan.
    OwnTerms(crate::core::bilingual::Text),
    /// The signature is missing, untrusted or wrong.
    Signature(SignatureRefusal),
    /// The leader's amounts differ from the follower's own assessment by more than the
    /// policy allows without `--confirm`.
    NeedsConfirm(Comparison),
}

/// How the follower answers a package.
#[derive(Clone, Debug, Default)]
pub struct Choice<'a> {
    /// Follow with its own amounts or conditions, for this reason.
    pub deviate: Option<&'a str>,
    /// Refuse, for this reason.
    pub refuse: Option<&'a str>,
    /// The follower's own terms when it deviates.
    pub own: Own,
    /// The follower confirms a difference above the policy's threshold.
    pub confirm: bool,
    /// Let a follow replace this insurer's own current decision with this id.
    pub expect_latest: Option<i64>,
}

impl Choice<'_> {
    fn reason(&self) -> Option<&str> {
        self.deviate.or(self.refuse)
    }

    fn answer(&self) -> Answer {
        match (self.deviate, self.refuse) {
            (_, Some(_)) => Answer::Refused,
            (Some(_), None) => Answer::Deviated,
            (None, None) => Answer::Followed,
        }
    }
}

/// A deviating follower's own terms: each amount for a contract year of the plan, once, in
/// range; each condition within the free-text cap, at most 100.
fn check_own(own: &Own, years: &[u16]) -> std::result::Result<(), crate::core::bilingual::Text> {
    let t = |nl: String, en: String| crate::core::bilingual::Text { nl, en };
    let mut seen = Vec::new();
    for a in &own.amounts {
        if !years.is_empty() && !years.contains(&a.year) {
            return Err(t(
                format!(
                    "--amount {}: geen contractjaar van het plan (verwacht een van {years:?})",
                    a.year
                ),
                format!(
                    "--amount {}: not a contract year of the plan (expected one of {years:?})",
                    a.year
                ),
            ));
        }
        if seen.contains(&a.year) {
            return Err(t(
                format!("--amount {}: jaar twee keer genoemd", a.year),
                format!("--amount {}: year given twice", a.year),
            ));
        }
        seen.push(a.year);
        if !(0..=crate::core::money::MAX_AMOUNT.0).contains(&a.amount_cents) {
            return Err(t(
                format!("--amount {}: bedrag buiten bereik", a.year),
                format!("--amount {}: amount out of range", a.year),
            ));
        }
    }
    if own.conditions.len() > crate::core::MAX_TEXT_ITEMS {
        return Err(t(
            format!("meer dan {} voorwaarden", crate::core::MAX_TEXT_ITEMS),
            format!("more than {} conditions", crate::core::MAX_TEXT_ITEMS),
        ));
    }
    for (i, c) in own.conditions.iter().enumerate() {
        if c.trim().is_empty() {
            return Err(t(
                format!("voorwaarde {} is leeg", i + 1),
                format!("condition {} is empty", i + 1),
            ));
        }
        crate::core::check_text(&format!("condition {}", i + 1), c).map_err(|e| e.text())?;
    }
    Ok(())
}

/// Verifies a package's signature as its sender's, on the day it was made.
fn verify_package(store: &Store, rules: &Rules, p: &FollowPackage) -> Result<Result<String, SignatureRefusal>> {
    let date = Some(p.created_at.date());
    let Some(date) = date else {
        return Ok(Err(SignatureRefusal::Invalid {
            signer: p.sender.insurer_id.clone(),
            expected: Vec::new(),
            found: format!("created_at {:?}", p.created_at),
        }));
    };
    let doc = serde_json::to_value(p)?;
    let market = crate::app::keys::market_keys(rules);
    crate::app::keys::verify_document(store, &market, &doc, &p.sender.insurer_id, date)
}

/// The checks before anything is recorded: the digest, the signature (as the sender's), the
/// follower's own terms, then the core's checks of the package against this database.
fn verify_and_check(
    store: &Store,
    rules: &Rules,
    package: &FollowPackage,
    own: &Own,
) -> Result<Result<(String, Accepted), Refused>> {
    // Damage first (the digest), then who made it (the signature); one's own package is
    // refused by the checks below.
    let computed = coord::digest(package);
    if computed != package.digest_sha256 {
        return Ok(Err(Refused::Check(ImportRefusal::Digest {
            stated: package.digest_sha256.clone(),
            computed,
        })));
    }
    let signer = if me(rules) == Some(package.sender.insurer_id.as_str()) {
        String::new()
    } else {
        match verify_package(store, rules, package)? {
            Ok(fp) => fp,
            Err(r) => return Ok(Err(Refused::Signature(r))),
        }
    };
    let local = store.latest_plan(&package.plan.plan_id)?;
    let years: Vec<u16> = local
        .as_ref()
        .map(|s| s.plan.budget.iter().map(|b| b.year).collect())
        .unwrap_or_default();
    if let Err(t) = check_own(own, &years) {
        return Ok(Err(Refused::OwnTerms(t)));
    }
    let follower = Follower {
        me: me(rules),
        market: &rules.market,
        plan: local
            .as_ref()
            .map(|s| (s.version_no, s.sha256.as_str(), s.plan.region.rho_region.as_str())),
        years: &years,
    };
    let accepted = match coord::check_package(package, &follower) {
        Ok(a) => a,
        Err(r) => return Ok(Err(Refused::Check(r))),
    };
    Ok(Ok((signer, accepted)))
}

/// Records the follow decision: a previous follow is replaced by the leader's newer decision
/// without asking, the buyer's own decision only with `expect_latest`.
fn record_follow(
    store: &mut Store,
    rules: &Rules,
    rec: &NewRecord<'_>,
    assessment: &crate::core::assess::Assessment,
    expect_latest: Option<i64>,
    lang: Lang,
) -> Result<(Decision, Record)> {
    // A previous follow is replaced by the leader's newer decision without asking; the
    // buyer's own decision only with --expect-latest.
    let current = store.latest_decision(&rec.package.plan.plan_id)?;
    let records = store.coordination(&rec.package.plan.plan_id)?;
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
    let reasoning = text::coordination::follow_reasoning(rec.package, rec.accepted, &rules.market, lang);
    let checked = coord::follow_decision(rec.package, rec.accepted, reasoning);
    store.record_follow(
        rec,
        &NewDecision {
            checked: &checked,
            assessment,
            policy_version: &rules.policy.version,
            by: rec.by,
            expect_latest: expect,
        },
    )
}

/// Checks a package file's text and records a follow, or a deviation with `deviate`'s
/// reason. `expect_latest` lets a follow replace this insurer's own current decision; a
/// previous follow is replaced without it.
pub fn import(
    store: &mut Store,
    rules: &Rules,
    (file, text): (&str, &str),
    choice: &Choice<'_>,
    user: &str,
    lang: Lang,
) -> Result<Result<Imported, Refused>> {
    crate::app::writable(store, lang)?;
    let package = match parse_package(text) {
        Ok(p) => p,
        Err(d) => return Ok(Err(Refused::Unreadable(crate::core::diag::render(file, &[d])))),
    };
    let deviate = choice.reason();
    if deviate.is_some_and(|r| r.trim().is_empty()) {
        return Ok(Err(Refused::NoReason));
    }
    if let Some(Err(e)) = deviate.map(|r| crate::core::check_text("deviation-reason", r.trim())) {
        return Ok(Err(Refused::TooLong(e)));
    }
    let (signer, accepted) = match verify_and_check(store, rules, &package, &choice.own)? {
        Ok(x) => x,
        Err(r) => return Ok(Err(r)),
    };
    let me = me(rules).expect("checked: the insurer is known");
    let registry = crate::app::registry::Registry::default();
    let plan_id = package.plan.plan_id.clone();
    let assessed = assess_stored(store, rules, &registry, &plan_id)?
        .ok_or_else(|| anyhow!("{}", text::unknown_plan(&plan_id, None, lang)))?;
    let threshold = rules.policy.decisions.follow_confirm_difference_percent();
    let own_fundable: i64 = assessed.assessment.years.iter().map(|y| y.fundable.0).sum();
    let comparison = coord::compare(&package, (own_fundable, assessed.assessment.total_tenths), threshold);
    if let Some(c) = comparison
        .as_ref()
        .filter(|c| c.difference_hundredths > u64::from(threshold) * 100)
        && deviate.is_none()
        && !choice.confirm
    {
        return Ok(Err(Refused::NeedsConfirm(c.clone())));
    }
    let rec = NewRecord {
        package: &package,
        text,
        accepted: &accepted,
        me,
        by: user,
        signer: &signer,
        answer: choice.answer(),
        own: (!choice.own.is_empty()).then_some(&choice.own),
    };
    if let Some(reason) = deviate {
        let record = store.record_deviation(&rec, reason.trim())?;
        return Ok(Ok(Imported {
            package,
            accepted,
            record,
            decision: None,
            comparison,
        }));
    }
    let (decision, record) = record_follow(store, rules, &rec, &assessed.assessment, choice.expect_latest, lang)?;
    Ok(Ok(Imported {
        package,
        accepted,
        record,
        decision: Some(decision),
        comparison,
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
    /// As leader, after sending: each other insurer's answer from its receipt, or pending.
    pub answers: Vec<crate::core::coordination::receipt::InsurerAnswer>,
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
        answers: crate::app::receipts::answers(store, rules, &stored.plan.id, &stored.plan.region.rho_region)?,
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
    /// As leader, after sending: each other insurer's answer, or pending.
    pub answers: Vec<crate::core::coordination::receipt::InsurerAnswer>,
}

pub fn status_report(store: &Store, rules: &Rules) -> Result<StatusReport> {
    let mut decisions = store.latest_decisions()?;
    let mut records = store.all_coordination()?;
    let mut plans = Vec::new();
    for (plan_id, resv_name, version_no, rho_region) in store.latest_plan_regions()? {
        let current = decisions.remove(&plan_id);
        let recs = records.remove(&plan_id).unwrap_or_default();
        let role = role(&rules.market, me(rules), &rho_region);
        let status = status(&role, version_no, current.as_ref(), &recs);
        let answers = crate::app::receipts::answers(store, rules, &plan_id, &rho_region)?;
        plans.push(PlanLine {
            answers,
            plan_id,
            resv_name,
            rho_region,
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
            answers: &p.answers,
        })
        .collect();
    let overview = overview(&rules.market, me(rules), &coords);
    Ok(StatusReport { plans, overview })
}
