//! `resv decide`, `approve`, `history`, `audit verify|log` and `backup`.
//!
//! Exit codes: 0 done; 1 refused (bad input, nothing recorded); 3 conflict (another buyer
//! decided or a new plan version arrived meanwhile; nothing recorded); 2 other errors.

use crate::core::decision::{Decision, Draft, Outcome};
use crate::core::money::Cents;
use crate::core::rules::Rules;
use crate::core::sanitize::clean;
use crate::deciding;
use crate::i18n::{self, Lang, history};
use crate::store::{Conflict, Store};
use anyhow::{Result, bail};
use serde::Serialize;
use std::path::Path;

/// What `decide` was given on the command line.
pub struct DecideArgs<'a> {
    pub plan_id: &'a str,
    pub outcome: Outcome,
    pub amounts: Option<&'a str>,
    pub reason: &'a str,
    pub conditions: &'a [String],
    pub questions: &'a [String],
    pub override_reason: Option<&'a str>,
    pub expect_latest: Option<i64>,
    pub json: bool,
}

/// Parses `--amount 120000,118000.50` (euros, one per contract year).
fn parse_amounts(text: &str) -> Result<Vec<Cents>> {
    text.split(',')
        .enumerate()
        .map(|(i, part)| {
            Cents::parse_decimal(part).ok_or_else(|| {
                anyhow::anyhow!(
                    "--amount: item {} is {:?}; expected an amount in euros with at most 2 decimals (e.g. 120000 or 120000.50), one per contract year separated by commas, or `fundable`",
                    i + 1,
                    clean(part.trim())
                )
            })
        })
        .collect()
}

/// Stops with exit code 3 for a conflict, else passes the error on.
fn conflict_code(e: anyhow::Error) -> Result<i32> {
    if let Some(c) = e.downcast_ref::<Conflict>() {
        eprintln!("resv: {}", clean(&c.to_string()));
        return Ok(3);
    }
    Err(e)
}

#[derive(Serialize)]
struct DecidedJson<'a> {
    decision_id: i64,
    pending_approval: bool,
    decision: &'a Decision,
}

fn print_decision(d: &Decision, json: bool, lang: Lang) -> Result<()> {
    if json {
        return super::print_json(&DecidedJson {
            decision_id: d.id,
            pending_approval: d.is_pending(),
            decision: d,
        });
    }
    for line in history::decision_lines(d, true, lang) {
        println!("{line}");
    }
    Ok(())
}

pub fn decide(store: &mut Store, rules: &Rules, a: &DecideArgs<'_>, user: &str, lang: Lang) -> Result<i32> {
    let registry = crate::assessing::load_registry(store)?;
    let mut draft = Draft {
        outcome: Some(a.outcome),
        amounts: Vec::new(),
        conditions: a.conditions.to_vec(),
        questions: a.questions.to_vec(),
        reasoning: a.reason.to_string(),
        override_reason: a.override_reason.map(str::to_string),
    };
    match a.amounts {
        // `fundable`: the assessed fundable amount of every year (the plan is assessed for
        // it only in this case; `prepare` assesses it anyway).
        Some(text) if text.trim().eq_ignore_ascii_case("fundable") => {
            draft.amounts = crate::assessing::assess_stored(store, rules, &registry, a.plan_id)?
                .map(|x| x.assessment.years.iter().map(|y| y.fundable).collect())
                .unwrap_or_default();
        }
        Some(text) => match parse_amounts(text) {
            Ok(amounts) => draft.amounts = amounts,
            Err(e) => {
                eprintln!("resv: {}", clean(&format!("{e:#}")));
                return Ok(1);
            }
        },
        None => {}
    }
    let prepared = match deciding::prepare(store, rules, &registry, a.plan_id, &draft, lang) {
        Ok(p) => p,
        Err(problems) => {
            eprintln!("resv: {} {}", i18n::decision::NOT_RECORDED.get(lang), clean(a.plan_id));
            for p in problems {
                eprintln!("  - {p}");
            }
            return Ok(1);
        }
    };
    match deciding::record(store, rules, &prepared, a.expect_latest, user, lang) {
        Ok(d) => {
            print_decision(&d, a.json, lang)?;
            Ok(0)
        }
        Err(e) => conflict_code(e),
    }
}

pub fn approve(
    store: &mut Store,
    plan_id: &str,
    expect_latest: Option<i64>,
    json: bool,
    user: &str,
    lang: Lang,
) -> Result<i32> {
    if store.is_read_only() {
        bail!("{}", i18n::READ_ONLY_NOTHING_STORED.get(lang));
    }
    match deciding::approve(store, plan_id, expect_latest, user, lang) {
        Ok(d) => {
            print_decision(&d, json, lang)?;
            Ok(0)
        }
        Err(e) if e.downcast_ref::<Conflict>().is_some() => conflict_code(e),
        Err(e) => {
            eprintln!("resv: {}", clean(&format!("{e:#}")));
            Ok(1)
        }
    }
}

#[derive(Serialize)]
struct HistoryJson {
    plan_id: String,
    state: &'static str,
    versions: Vec<crate::store::VersionInfo>,
    changes: Option<ChangesJson>,
    decisions: Vec<Decision>,
    assessments: Vec<crate::store::SnapshotInfo>,
    audit: Vec<crate::core::audit::Entry>,
}

#[derive(Serialize)]
struct ChangesJson {
    from_version: u32,
    to_version: u32,
    diff: crate::core::diff::PlanDiff,
}

pub fn history(store: &Store, plan_id: &str, json: bool, lang: Lang) -> Result<i32> {
    let Some(row) = store.queue_rows()?.into_iter().find(|r| r.id == plan_id) else {
        bail!("{}: {}", i18n::UNKNOWN_PLAN.get(lang), clean(plan_id));
    };
    let versions = store.versions(plan_id)?;
    let changes = deciding::changes(store, plan_id)?;
    let decisions = store.decisions(plan_id)?;
    let assessments = store.assessment_history(plan_id)?;
    let audit = store.audit_log(Some(plan_id))?;
    if json {
        super::print_json(&HistoryJson {
            plan_id: plan_id.to_string(),
            state: row.status.keyword(),
            versions,
            changes: changes.map(|(from_version, to_version, diff)| ChangesJson {
                from_version,
                to_version,
                diff,
            }),
            decisions,
            assessments,
            audit,
        })?;
        return Ok(0);
    }
    let d = &i18n::decision::STATE_FILTER;
    println!(
        "{} · {}: {}",
        clean(plan_id),
        d.get(lang),
        i18n::decision::state(row.status).get(lang)
    );
    let section = |title: i18n::T, lines: Vec<String>| {
        println!("\n{}", title.get(lang));
        for l in lines {
            println!("  {l}");
        }
    };
    section(i18n::decision::DECISIONS, history::decisions_lines(&decisions, lang));
    section(i18n::decision::VERSIONS, history::versions_lines(&versions, lang));
    if let Some((from, to, diff)) = &changes {
        section(i18n::decision::CHANGES, history::diff_lines(*from, *to, diff, lang));
    }
    section(
        i18n::decision::ASSESSMENTS,
        history::snapshots_lines(&assessments, lang),
    );
    section(i18n::decision::AUDIT, history::audit_lines(&audit));
    Ok(0)
}

#[derive(Serialize)]
struct VerifyJson<'a> {
    ok: bool,
    entries: usize,
    rows_checked: usize,
    problem: Option<&'a str>,
}

pub fn audit_verify(store: &Store, json: bool, lang: Lang) -> Result<i32> {
    let check = store.verify_audit()?;
    if json {
        super::print_json(&VerifyJson {
            ok: check.problem.is_none(),
            entries: check.entries,
            rows_checked: check.rows,
            problem: check.problem.as_deref(),
        })?;
    } else if let Some(p) = &check.problem {
        eprintln!("resv: {}: {}", i18n::decision::AUDIT_BROKEN.get(lang), clean(p));
    } else {
        println!(
            "{}: {} {}, {} {}",
            i18n::decision::AUDIT_WHOLE.get(lang),
            check.entries,
            i18n::decision::ENTRIES.get(lang),
            check.rows,
            i18n::decision::ROWS_CHECKED.get(lang)
        );
    }
    Ok(if check.problem.is_none() { 0 } else { 1 })
}

pub fn audit_log(store: &Store, plan_id: Option<&str>, json: bool) -> Result<i32> {
    let entries = store.audit_log(plan_id)?;
    if json {
        super::print_json(&entries)?;
        return Ok(0);
    }
    let mut lines = history::audit_lines(&entries);
    lines.reverse();
    for l in lines {
        println!("{l}");
    }
    Ok(0)
}

pub fn backup(store: &Store, dest: &Path, existing: crate::output::Existing, lang: Lang) -> Result<i32> {
    store.backup(dest, existing)?;
    println!(
        "{}: {}",
        i18n::decision::BACKUP_DONE.get(lang),
        clean(&dest.display().to_string())
    );
    Ok(0)
}
