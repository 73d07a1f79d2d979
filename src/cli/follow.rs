//! `resv follow export|import|status`: the market leader rule between insurers.
//!
//! Exit codes as for decisions: 0 done; 1 refused (nothing recorded); 3 conflict (the plan
//! or its decision changed meanwhile; nothing recorded); 2 other errors.

use super::context::Ctx;
use super::follow_receipts::{import_receipt, receipt};
use crate::app::follow::{self, Refused};
use crate::core::coordination::receipt::{Own, is_receipt};
use crate::core::coordination::status::Role;
use crate::core::coordination::{SharePart, YearCents};
use crate::core::decision::YearAmount;
use crate::core::rules::Rules;
use crate::core::sanitize::clean;
use crate::store::{AlreadyRecorded, Conflict, Store};
use crate::text::coordination as tx;
use crate::text::{self, Lang};
use anyhow::Result;
use clap::Subcommand;
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Subcommand, Debug)]
pub enum FollowCommand {
    /// As market leader: write the follow package of a plan's current decision for the
    /// other insurers of the region
    Export {
        /// The plan id
        plan_id: String,
        /// The package file to write (JSON; must not exist)
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// As follower: verify a market leader's signed package and follow it (its outcome, your
    /// share), follow it with your own amounts or conditions (--deviate), or refuse it
    /// (--refuse); as leader: import a follower's receipt (recognised by its format). A
    /// refused file records nothing
    Import {
        /// The package file from the market leader, or a receipt from a follower
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Follow with your own amounts or conditions (volgen met afwijking), for this reason
        #[arg(long, value_name = "REASON", conflicts_with = "refuse")]
        deviate: Option<String>,
        /// Your own amount for a year when you deviate, as YEAR=EUR (repeat per year)
        #[arg(long = "amount", value_name = "YEAR=EUR", requires = "deviate", value_parser = year_amount_arg)]
        amounts: Vec<(u16, i64)>,
        /// Your own condition when you deviate (repeat per condition)
        #[arg(long = "condition", value_name = "TEXT", requires = "deviate")]
        conditions: Vec<String>,
        /// Refuse the leader's decision, for this reason
        #[arg(long, value_name = "REASON")]
        refuse: Option<String>,
        /// Confirm following a package whose amounts differ from your own assessment by more
        /// than the policy's follow_confirm_difference_percent
        #[arg(long)]
        confirm: bool,
        /// Let the follow replace your own current decision with this id
        #[arg(long, value_name = "DECISION_ID")]
        expect_latest: Option<i64>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// As follower: write the signed receipt of your answer to a plan's package, for the leader
    Receipt {
        /// The plan id
        plan_id: String,
        /// The receipt file to write (JSON; must not exist)
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Every plan's coordination status, and per region the leader, decided, followed,
    /// pending and deviating plans, and your commitment per year
    Status {
        /// Print JSON (see docs/cli.md)
        #[arg(long)]
        json: bool,
    },
}

impl FollowCommand {
    pub fn run(&self, ctx: &Ctx) -> Result<i32> {
        let rules = ctx.rules()?;
        // Status only reads; the rest records.
        let writes = !matches!(self, FollowCommand::Status { .. });
        let user = if writes { ctx.user()? } else { String::new() };
        let open = || if writes { ctx.open_writer() } else { ctx.open_existing() };
        run(self, open, rules, &user, ctx.lang())
    }
}

pub fn run(
    cmd: &FollowCommand,
    store: impl FnOnce() -> Result<Store>,
    rules: &Rules,
    user: &str,
    lang: Lang,
) -> Result<i32> {
    if let Some(w) = &rules.identity_warning {
        eprintln!("resv: {}", clean(w));
    }
    match cmd {
        FollowCommand::Export { plan_id, output } => export(&mut store()?, rules, plan_id, output, user, lang),
        FollowCommand::Import {
            file,
            deviate,
            amounts,
            conditions,
            refuse,
            confirm,
            expect_latest,
            json,
        } => {
            let choice = follow::Choice {
                deviate: deviate.as_deref(),
                refuse: refuse.as_deref(),
                own: Own {
                    amounts: amounts
                        .iter()
                        .map(|&(year, amount_cents)| YearCents { year, amount_cents })
                        .collect(),
                    conditions: conditions.clone(),
                },
                confirm: *confirm,
                expect_latest: *expect_latest,
            };
            import(&mut store()?, rules, file, &choice, *json, user, lang)
        }
        FollowCommand::Receipt { plan_id, output } => receipt(&store()?, rules, plan_id, output, user, lang),
        FollowCommand::Status { json } => status(&store()?, rules, *json, lang),
    }
}

/// Stops with exit code 3 for a conflict, 1 for a package recorded before, else passes the
/// error on.
fn refusal_code(e: anyhow::Error, lang: Lang) -> Result<i32> {
    if let Some(c) = e.downcast_ref::<Conflict>() {
        eprintln!("resv: {}", clean(&c.to_string()));
        return Ok(3);
    }
    if let Some(a) = e.downcast_ref::<AlreadyRecorded>() {
        eprintln!("resv: {}: {}", tx::REFUSED.get(lang), tx::already(a, lang));
        return Ok(1);
    }
    Err(e)
}

fn split_lines(parts: &[SharePart], rules: &Rules, lang: Lang) -> Vec<String> {
    parts
        .iter()
        .map(|p| {
            let mark = if p.leader { "*" } else { " " };
            format!(
                "  {mark} {:<38} {:>7}  {:>16}  {}",
                clean(rules.market.name_of(&p.insurer_id)),
                text::fmt::percent(lang, p.share_hundredths),
                text::fmt::cents(lang, crate::core::money::Cents(p.total_cents)),
                tx::per_year(lang, &p.year_amounts())
            )
        })
        .collect()
}

fn export(store: &mut Store, rules: &Rules, plan_id: &str, out: &Path, user: &str, lang: Lang) -> Result<i32> {
    let mut e = match follow::build_export(store, rules, plan_id, user)? {
        Ok(e) => e,
        Err(r) => {
            eprintln!(
                "resv: {}: {}",
                tx::EXPORT_REFUSED.get(lang),
                tx::export_refusal(&r, &rules.market, lang)
            );
            return Ok(1);
        }
    };
    let key = crate::io::keys::load(&e.package.sender.insurer_id)?;
    follow::sign_export(&mut e, &key)?;
    // A package is evidence: never overwrite one (there is no --force here). It is written to
    // a temporary file next to FILE, the export recorded, and only then the file put in
    // place; a failure on the way leaves no package that the database does not know of.
    let pending = crate::io::output::prepare(out, e.text.as_bytes(), crate::io::output::Existing::Never)?;
    let recorded = match follow::record_export(store, rules, &e, user) {
        Ok(r) => r,
        Err(err) => return refusal_code(err, lang),
    };
    pending.commit()?;
    let p = &e.package;
    println!(
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
    );
    for line in split_lines(&p.split.parts, rules, lang) {
        println!("{line}");
    }
    if recorded.is_none() {
        eprintln!("resv: {}", tx::NOT_RECORDED_READ_ONLY.get(lang));
    }
    Ok(0)
}

#[derive(Serialize)]
struct ImportedJson<'a> {
    kind: &'static str,
    plan_id: &'a str,
    plan_version: u32,
    leader: &'a str,
    leader_decision_id: i64,
    outcome: &'a str,
    share_hundredths: u64,
    share: Vec<YearJson>,
    decision_id: Option<i64>,
    record_id: i64,
    package_sha256: &'a str,
    reason: Option<&'a str>,
}

#[derive(Serialize)]
struct YearJson {
    year: u16,
    amount_cents: i64,
}

fn years_json(v: &[YearAmount]) -> Vec<YearJson> {
    v.iter()
        .map(|a| YearJson {
            year: a.year,
            amount_cents: a.amount.0,
        })
        .collect()
}

fn year_amount_arg(text: &str) -> Result<(u16, i64), String> {
    let (year, eur) = text
        .split_once('=')
        .ok_or_else(|| format!("{text:?}: expected YEAR=EUR, e.g. 2027=250.000"))?;
    let year: u16 = year
        .trim()
        .parse()
        .map_err(|_| format!("{year:?}: expected a year, e.g. 2027=250.000"))?;
    let cents = crate::core::money::parse_amount(eur.trim()).map_err(|e| e.to_string())?;
    Ok((year, cents.0))
}

fn import(
    store: &mut Store,
    rules: &Rules,
    file: &Path,
    choice: &follow::Choice<'_>,
    json: bool,
    user: &str,
    lang: Lang,
) -> Result<i32> {
    let name = file.display().to_string();
    let text = crate::io::files::read_text_file(file, "a follow package or receipt (JSON)")
        .map_err(|d| anyhow::anyhow!("{}", crate::core::diag::render(&name, &d).trim_end()))?;
    if serde_json::from_str::<serde_json::Value>(&text).is_ok_and(|v| is_receipt(&v)) {
        return import_receipt(store, rules, (&name, &text), user, lang);
    }
    let imported = match follow::import(store, rules, (&name, &text), choice, user, lang) {
        Ok(Ok(i)) => i,
        Ok(Err(r)) => {
            let why = match r {
                Refused::Unreadable(d) => d.trim_end().to_string(),
                Refused::Check(c) => tx::import_refusal(&c, &rules.market, lang),
                Refused::NoReason => tx::NO_REASON.get(lang).to_string(),
                Refused::TooLong(e) => e.text().get(lang == crate::text::Lang::En).to_string(),
                Refused::Signature(s) => crate::text::keys::refusal(&s, lang),
                Refused::OwnTerms(t) => t.get(lang == crate::text::Lang::En).to_string(),
                Refused::NeedsConfirm(c) => format!("{}; {}", tx::comparison(&c, lang), tx::CONFIRM_HINT.get(lang)),
            };
            eprintln!("resv: {}: {why}", tx::REFUSED.get(lang));
            return Ok(1);
        }
        Err(e) => return refusal_code(e, lang),
    };
    let (p, a, r) = (&imported.package, &imported.accepted, &imported.record);
    if json {
        return super::print_json(&ImportedJson {
            kind: r.kind.keyword(),
            plan_id: &p.plan.plan_id,
            plan_version: p.plan.version_no,
            leader: &a.leader,
            leader_decision_id: p.decision.decision_id,
            outcome: &p.decision.outcome,
            share_hundredths: a.share_hundredths,
            share: years_json(&a.share),
            decision_id: imported.decision.as_ref().map(|d| d.id),
            record_id: r.id,
            package_sha256: &p.digest_sha256,
            reason: r.reason.as_deref(),
        })
        .map(|()| 0);
    }
    let done = match (&imported.decision, choice.refuse) {
        (Some(_), _) => tx::FOLLOW_DONE,
        (None, Some(_)) => tx::REFUSE_DONE,
        (None, None) => tx::DEVIATE_DONE,
    };
    println!(
        "{}: {} ({}), {} {}",
        done.get(lang),
        clean(&p.plan.plan_id),
        clean(rules.market.name_of(&a.leader)),
        tx::YOUR_SHARE.get(lang),
        text::fmt::percent(lang, a.share_hundredths)
    );
    if let Some(c) = &imported.comparison {
        println!("  {}", tx::comparison(c, lang));
    }
    if let Some(d) = &imported.decision {
        for line in text::history::decision_lines(d, true, lang) {
            println!("{line}");
        }
    } else {
        println!("  {}", tx::per_year(lang, &a.share));
    }
    Ok(0)
}

#[derive(Serialize)]
struct StatusJson<'a> {
    insurer: Option<&'a str>,
    plans: Vec<PlanJson<'a>>,
    regions: Vec<RegionJson<'a>>,
    total_commitment: Vec<YearJson>,
    plans_without_market_data: usize,
}

#[derive(Serialize)]
struct PlanJson<'a> {
    plan_id: &'a str,
    resv_name: &'a str,
    rho_region: &'a str,
    plan_version: u32,
    role: &'static str,
    leader: Option<&'a str>,
    status: &'static str,
    decision_id: Option<i64>,
    outcome: Option<&'static str>,
    contracted: Vec<YearJson>,
    /// As leader, after sending: each other insurer of the region, `followed`, `deviated`
    /// or `pending`.
    insurers: Vec<InsurerJson>,
}

#[derive(Serialize)]
struct InsurerJson {
    insurer_id: String,
    name: String,
    status: &'static str,
    answer: Option<&'static str>,
    reason: Option<String>,
    sent_at: Option<String>,
    answered_at: Option<String>,
    days_since_sent: Option<i64>,
}

fn insurers_json(v: Vec<crate::core::coordination::receipt::InsurerAnswer>) -> Vec<InsurerJson> {
    v.into_iter()
        .map(|a| InsurerJson {
            status: a.status(),
            answer: a.answer.map(|x| x.keyword()),
            insurer_id: a.insurer_id,
            name: a.name,
            reason: a.reason,
            sent_at: a.sent_at,
            answered_at: a.answered_at,
            days_since_sent: a.days_since_sent,
        })
        .collect()
}

#[derive(Serialize)]
struct RegionJson<'a> {
    rho_region: &'a str,
    leader: &'a str,
    role: &'static str,
    plans: usize,
    leader_decided: usize,
    exported: Option<usize>,
    followed: Option<usize>,
    deviating: Option<usize>,
    pending: usize,
    commitment: Vec<YearJson>,
}

fn status(store: &Store, rules: &Rules, json: bool, lang: Lang) -> Result<i32> {
    let report = follow::status_report(store, rules)?;
    let me = follow::me(rules);
    if json {
        let leader_of = |rho: &str| rules.market.region(rho).map(|r| r.leader.as_str());
        return super::print_json(&StatusJson {
            insurer: me,
            plans: report
                .plans
                .iter()
                .map(|p| PlanJson {
                    plan_id: &p.plan_id,
                    resv_name: &p.resv_name,
                    rho_region: &p.rho_region,
                    plan_version: p.version_no,
                    role: p.role.keyword(),
                    leader: leader_of(&p.rho_region),
                    status: p.status.keyword(),
                    decision_id: p.current.as_ref().map(|d| d.id),
                    outcome: p.current.as_ref().map(|d| d.outcome.keyword()),
                    contracted: years_json(p.current.as_ref().map_or(&[][..], |d| &d.amounts)),
                    insurers: insurers_json(p.answers.clone()),
                })
                .collect(),
            regions: report
                .overview
                .regions
                .iter()
                .map(|r| RegionJson {
                    rho_region: &r.rho_region,
                    leader: &r.leader,
                    role: r.role.keyword(),
                    plans: r.plans,
                    leader_decided: r.leader_decided,
                    exported: r.exported,
                    followed: r.followed,
                    deviating: r.deviating,
                    pending: r.pending,
                    commitment: years_json(&r.commitment),
                })
                .collect(),
            total_commitment: years_json(&report.overview.total),
            plans_without_market_data: report.overview.without_market,
        })
        .map(|()| 0);
    }
    for line in status_lines(&report, rules, lang) {
        println!("{line}");
    }
    for p in &report.plans {
        for a in &p.answers {
            println!("  {} {}", fit(&p.plan_id, 15), tx::insurer_answer(a, lang));
        }
    }
    if me.is_none() {
        eprintln!("resv: {}", tx::role(&Role::Unknown, &rules.market, lang));
    }
    Ok(0)
}

/// Fits outside text into `w` columns (neutralised, cut with an ellipsis).
fn fit(text: &str, w: usize) -> String {
    format!("{:<w$}", crate::core::sanitize::clip(text, w))
}

/// The regions overview and every plan's status, as text.
fn status_lines(report: &follow::StatusReport, rules: &Rules, lang: Lang) -> Vec<String> {
    let me = follow::me(rules);
    let mut out = vec![format!(
        "{} ({}: {})",
        tx::REGIONS.get(lang),
        tx::INSURER.get(lang),
        me.map_or_else(|| "?".to_string(), |m| clean(rules.market.name_of(m)).into_owned())
    )];
    let heads: Vec<String> = tx::SHORT_HEADS.iter().map(|t| format!("{:>4}", t.get(lang))).collect();
    out.push(format!(
        "{} {} {}",
        fit(tx::REGION.get(lang), 22),
        fit(tx::LEADER.get(lang), 22),
        heads.join(" ")
    ));
    for r in &report.overview.regions {
        let leader = rules.market.name_of(&r.leader);
        let leader = if r.role == Role::Leader {
            format!("* {leader}")
        } else {
            leader.to_string()
        };
        out.push(format!(
            "{} {} {:>4} {:>4} {:>4} {:>4} {:>4} {:>4}",
            fit(&r.rho_region, 22),
            fit(&leader, 22),
            r.plans,
            r.leader_decided,
            tx::count(r.exported),
            tx::count(r.followed),
            tx::count(r.deviating),
            r.pending
        ));
    }
    out.push(format!(
        "{}: {}",
        tx::COMMITMENT.get(lang),
        tx::per_year(lang, &report.overview.total)
    ));
    if report.overview.without_market > 0 {
        out.push(format!(
            "{} {}",
            report.overview.without_market,
            tx::WITHOUT_MARKET.get(lang)
        ));
    }
    out.push(tx::LEGEND.get(lang).to_string());
    out.push(String::new());
    for p in &report.plans {
        out.push(format!(
            "{} {} {} {}",
            fit(&p.plan_id, 15),
            fit(&p.rho_region, 22),
            fit(tx::role_short(&p.role).get(lang), 13),
            tx::status(p.status).get(lang)
        ));
    }
    out
}
