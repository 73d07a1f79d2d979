//! `resv decide`, `approve`, `history` and `backup`.
//!
//! Exit codes: 0 done; 1 refused (bad input, nothing recorded); 3 conflict (another buyer
//! decided or a new plan version arrived meanwhile; nothing recorded); 2 other errors.

use super::context::Ctx;
use crate::app::decide;
use crate::core::decision::{Decision, Draft, Outcome};
use crate::core::money::Cents;
use crate::core::sanitize::clean;
use crate::store::{Conflict, Store};
use crate::text::{self, Lang, T, history};
use anyhow::{Result, bail};
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct DecideArgs {
    /// The plan id, e.g. RESV-UTR-2027
    plan_id: String,
    /// approve, conditions (approve with conditions), return (for revision, with
    /// questions) or reject
    #[arg(long, value_parser = super::outcome_arg, value_name = "OUTCOME")]
    outcome: Outcome,
    /// Contracted euros for one contract year, as YEAR=AMOUNT (repeat per year, e.g.
    /// --amount 2027=1.234.567,89 --amount 2028=1250000), or `fundable` for the assessed
    /// fundable amounts; leave out for return/reject
    #[arg(long, value_name = "YEAR=EUR|fundable", action = clap::ArgAction::Append)]
    amount: Vec<String>,
    /// The reasoning (required)
    #[arg(long, value_name = "TEXT")]
    reason: String,
    /// A condition of the approval (repeat for more)
    #[arg(long, value_name = "TEXT")]
    condition: Vec<String>,
    /// A question to the region, for a return (repeat for more)
    #[arg(long, value_name = "TEXT")]
    question: Vec<String>,
    /// Why an amount above the fundable amount, or approving a knocked-out plan, is right
    #[arg(long, value_name = "TEXT")]
    override_reason: Option<String>,
    /// The id of the plan's current decision, which this one replaces (see `resv history`)
    #[arg(long, value_name = "DECISION_ID")]
    expect_latest: Option<i64>,
    /// Print JSON with the new `decision_id`
    #[arg(long)]
    json: bool,
}

impl DecideArgs {
    pub fn run(&self, ctx: &Ctx) -> Result<i32> {
        let mut cx = ctx.app_writer()?;
        let input = DecideInput {
            plan_id: &self.plan_id,
            outcome: self.outcome,
            amounts: &self.amount,
            reason: &self.reason,
            conditions: &self.condition,
            questions: &self.question,
            override_reason: self.override_reason.as_deref(),
            expect_latest: self.expect_latest,
            json: self.json,
        };
        decide(&mut cx, &input, ctx.lang())
    }
}

#[derive(clap::Args, Debug)]
pub struct ApproveArgs {
    /// The plan id
    plan_id: String,
    /// The id of the decision you approve (refused if another one replaced it meanwhile)
    #[arg(long, value_name = "DECISION_ID")]
    expect_latest: Option<i64>,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

impl ApproveArgs {
    pub fn run(&self, ctx: &Ctx) -> Result<i32> {
        let mut store = ctx.open_writer()?;
        let user = ctx.user()?;
        approve(
            &mut store,
            &self.plan_id,
            self.expect_latest,
            self.json,
            &user,
            ctx.lang(),
        )
    }
}

#[derive(clap::Args, Debug)]
pub struct HistoryArgs {
    /// The plan id
    plan_id: String,
    /// Print JSON (see docs/cli.md)
    #[arg(long)]
    json: bool,
}

impl HistoryArgs {
    pub fn run(&self, ctx: &Ctx) -> Result<i32> {
        // The rules name the criteria in the audit entries (their ids if the rules are broken).
        let guidance = ctx.rules().ok().map(|r| &r.guidance);
        history(&ctx.open_existing()?, &self.plan_id, self.json, guidance, ctx.lang())
    }
}

#[derive(clap::Args, Debug)]
pub struct BackupArgs {
    /// The new file to write (must not exist; never a symbolic link)
    #[arg(value_name = "DEST")]
    dest: PathBuf,
    /// Replace DEST if it is an existing regular file
    #[arg(long)]
    force: bool,
}

impl BackupArgs {
    pub fn run(&self, ctx: &Ctx) -> Result<i32> {
        let existing = crate::io::output::Existing::from_force(self.force);
        backup(&ctx.open_existing()?, &self.dest, existing, ctx.lang())
    }
}

/// What `decide` was given on the command line.
pub struct DecideInput<'a> {
    pub plan_id: &'a str,
    pub outcome: Outcome,
    /// The `--amount` values as given: `YEAR=AMOUNT` each, or the single word `fundable`.
    pub amounts: &'a [String],
    pub reason: &'a str,
    pub conditions: &'a [String],
    pub questions: &'a [String],
    pub override_reason: Option<&'a str>,
    pub expect_latest: Option<i64>,
    pub json: bool,
}

/// What `--amount` asks for.
#[derive(Debug, PartialEq, Eq)]
enum Amounts {
    /// The assessed fundable amount of every year.
    Fundable,
    /// An amount per named contract year, in the order given.
    Years(Vec<(u16, Cents)>),
}

/// How `--amount` is written, in Dutch and English.
fn amount_form(lang: Lang) -> &'static str {
    T(
        "verwacht JAAR=BEDRAG, één per contractjaar (bijvoorbeeld --amount 2027=1.234.567,89 --amount 2028=1250000), of --amount fundable",
        "expected YEAR=AMOUNT, once per contract year (e.g. --amount 2027=1.234.567,89 --amount 2028=1250000), or --amount fundable",
    )
    .get(lang)
}

/// Reads the `--amount` values: `YEAR=AMOUNT` (repeatable) through the one amount parser, or
/// the single word `fundable`. The old comma-separated list is refused with the new form.
/// The refusals are in the language of `--lang`.
fn parse_amounts(args: &[String], lang: Lang) -> Result<Option<Amounts>, String> {
    let nl = lang == Lang::Nl;
    let form = amount_form(lang);
    if args.is_empty() {
        return Ok(None);
    }
    if args.iter().any(|a| a.trim().eq_ignore_ascii_case("fundable")) {
        if args.len() > 1 {
            return Err(if nl {
                format!(
                    "--amount fundable staat alleen: het neemt het te financieren bedrag van elk contractjaar; {form}"
                )
            } else {
                format!("--amount fundable stands alone: it takes the fundable amount of every contract year; {form}")
            });
        }
        return Ok(Some(Amounts::Fundable));
    }
    let mut years: Vec<(u16, Cents)> = Vec::new();
    for arg in args {
        let shown = || clean(&arg.chars().take(60).collect::<String>()).to_string();
        let Some((year, amount)) = arg.split_once('=') else {
            return Err(if nl {
                format!(
                    "--amount {:?}: geen jaar genoemd; {form} (een lijst gescheiden door komma's wordt niet gelezen: de komma is het Nederlandse decimaalteken)",
                    shown()
                )
            } else {
                format!(
                    "--amount {:?}: no year named; {form} (a list separated by commas is not read: the comma is the Dutch decimal mark)",
                    shown()
                )
            });
        };
        let year = year.trim();
        let year: u16 = match year.parse() {
            Ok(y) if year.bytes().all(|b| b.is_ascii_digit()) => y,
            _ => {
                let (s, y) = (shown(), clean(year));
                return Err(if nl {
                    format!("--amount {s:?}: {y:?} is geen jaar; {form}")
                } else {
                    format!("--amount {s:?}: {y:?} is not a year; {form}")
                });
            }
        };
        if years.iter().any(|(y, _)| *y == year) {
            let s = shown();
            return Err(if nl {
                format!("--amount {s:?}: jaar {year} staat er twee keer; verwacht elk jaar één keer")
            } else {
                format!("--amount {s:?}: year {year} is given twice; expected each year once")
            });
        }
        let cents = crate::core::money::parse_amount(amount)
            .map_err(|e| format!("--amount {:?}: {}", shown(), e.text().get(!nl)))?;
        years.push((year, cents));
    }
    Ok(Some(Amounts::Years(years)))
}

/// The named amounts in the plan's year order. A year the plan does not contract is an
/// error, and so is a contract year without an amount: both are named.
fn amounts_by_year(plan_id: &str, years: &[u16], given: &[(u16, Cents)], lang: Lang) -> Result<Vec<Cents>, String> {
    let nl = lang == Lang::Nl;
    let list = years.iter().map(u16::to_string).collect::<Vec<_>>().join(", ");
    let plan = clean(plan_id);
    if let Some((y, _)) = given.iter().find(|(y, _)| !years.contains(y)) {
        return Err(if nl {
            format!("--amount {y}=...: {y} is geen contractjaar van {plan}; verwacht een van: {list}")
        } else {
            format!("--amount {y}=...: {y} is not a contract year of {plan}; expected one of: {list}")
        });
    }
    let missing: Vec<String> = years
        .iter()
        .filter(|y| !given.iter().any(|(g, _)| g == *y))
        .map(u16::to_string)
        .collect();
    if let Some(first) = missing.first() {
        let names = missing.join(", ");
        return Err(if nl {
            format!(
                "--amount: geen bedrag voor {names}; {plan} heeft contractjaren {list}: verwacht één bedrag per jaar (bijvoorbeeld --amount {first}=1.234.567,89)"
            )
        } else {
            format!(
                "--amount: no amount for {names}; {plan} contracts the years {list}: expected one amount per year (e.g. --amount {first}=1.234.567,89)"
            )
        });
    }
    Ok(years
        .iter()
        .filter_map(|y| given.iter().find(|(g, _)| g == y).map(|(_, c)| *c))
        .collect())
}

/// Stops with exit code 3 for a conflict, else passes the error on.
fn conflict_code(e: anyhow::Error, lang: Lang) -> Result<i32> {
    if e.downcast_ref::<Conflict>().is_some() {
        eprintln!("resv: {}", clean(&crate::app::errors::render(&e, lang)));
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

pub fn decide(cx: &mut crate::app::Context, a: &DecideInput<'_>, lang: Lang) -> Result<i32> {
    let (store, rules, registry, user) = cx.parts();
    // An unknown plan is an error (exit code 2, as for every command but `follow`), not a
    // refusal.
    crate::app::plans::require(store, a.plan_id, lang)?;
    let mut draft = Draft {
        outcome: Some(a.outcome),
        amounts: Vec::new(),
        conditions: a.conditions.to_vec(),
        questions: a.questions.to_vec(),
        reasoning: a.reason.to_string(),
        override_reason: a.override_reason.map(str::to_string),
    };
    let refuse = |e: String| {
        eprintln!("resv: {}", clean(&e));
        Ok(1)
    };
    match parse_amounts(a.amounts, lang) {
        Err(e) => return refuse(e),
        Ok(None) => {}
        // `fundable`: the assessed fundable amount of every year (the plan is assessed for
        // it only in this case; `prepare` assesses it anyway).
        Ok(Some(Amounts::Fundable)) => {
            draft.amounts = crate::app::assess::assess_stored(store, rules, registry, a.plan_id)?
                .map(|x| x.assessment.years.iter().map(|y| y.fundable).collect())
                .unwrap_or_default();
        }
        Ok(Some(Amounts::Years(given))) => {
            let assessed = crate::app::assess::assess_stored(store, rules, registry, a.plan_id)?;
            draft.amounts = match assessed {
                Some(x) => {
                    let years: Vec<u16> = x.assessment.years.iter().map(|y| y.year).collect();
                    match amounts_by_year(a.plan_id, &years, &given, lang) {
                        Ok(v) => v,
                        Err(e) => return refuse(e),
                    }
                }
                // An unknown plan: `prepare` says so.
                None => given.iter().map(|(_, c)| *c).collect(),
            };
        }
    }
    let prepared = match decide::prepare(store, rules, registry, a.plan_id, &draft, lang) {
        Ok(p) => p,
        Err(problems) => {
            eprintln!("resv: {} {}", text::decision::NOT_RECORDED.get(lang), clean(a.plan_id));
            for p in problems {
                eprintln!("  - {p}");
            }
            if a.amounts.is_empty() && a.outcome.funds() {
                eprintln!("{}", text::decision::AMOUNT_HINT.get(lang));
            }
            return Ok(1);
        }
    };
    match decide::record(store, rules, &prepared, a.expect_latest, user, lang) {
        Ok(d) => {
            print_decision(&d, a.json, lang)?;
            Ok(0)
        }
        Err(e) => conflict_code(e, lang),
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
    // A read-only database and an unknown plan are errors (exit code 2), not refusals.
    crate::app::writable(store, lang)?;
    crate::app::plans::require(store, plan_id, lang)?;
    match decide::approve(store, plan_id, expect_latest, user, lang) {
        Ok(d) => {
            print_decision(&d, json, lang)?;
            Ok(0)
        }
        Err(e) if e.downcast_ref::<Conflict>().is_some() => conflict_code(e, lang),
        Err(e) => {
            eprintln!("resv: {}", clean(&crate::app::errors::render(&e, lang)));
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

pub fn history(
    store: &Store,
    plan_id: &str,
    json: bool,
    guidance: Option<&crate::core::rules::Guidance>,
    lang: Lang,
) -> Result<i32> {
    let Some(state) = crate::app::history::state(store, plan_id)? else {
        bail!("{}", text::unknown_plan(plan_id, None, lang));
    };
    let crate::app::history::PlanHistory {
        decisions,
        versions,
        changes,
        snapshots: assessments,
        audit,
    } = crate::app::history::load(store, plan_id)?;
    if json {
        super::print_json(&HistoryJson {
            plan_id: plan_id.to_string(),
            state: state.keyword(),
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
    let d = &text::decision::STATE_FILTER;
    println!(
        "{} · {}: {}",
        clean(plan_id),
        d.get(lang),
        text::decision::state(state).get(lang)
    );
    let section = |title: text::T, lines: Vec<String>| {
        println!("\n{}", title.get(lang));
        for l in lines {
            println!("  {l}");
        }
    };
    section(text::decision::DECISIONS, history::decisions_lines(&decisions, lang));
    section(text::decision::VERSIONS, history::versions_lines(&versions, lang));
    if let Some((from, to, diff)) = &changes {
        section(text::decision::CHANGES, history::diff_lines(*from, *to, diff, lang));
    }
    section(
        text::decision::ASSESSMENTS,
        history::snapshots_lines(&assessments, lang),
    );
    // In words, in local time, as on the workbench's History tab.
    let criterion = |id| {
        let c = guidance?.criterion(id);
        Some(match lang {
            Lang::En => c.title_en.clone().unwrap_or_else(|| c.title.clone()),
            Lang::Nl => c.title.clone(),
        })
    };
    section(
        text::decision::AUDIT,
        crate::text::audit::audit_lines(&audit, &criterion, lang),
    );
    Ok(0)
}

pub fn backup(store: &Store, dest: &Path, existing: crate::io::output::Existing, lang: Lang) -> Result<i32> {
    crate::app::audit::backup(store, dest, existing)?;
    println!(
        "{}: {}",
        text::decision::BACKUP_DONE.get(lang),
        clean(&dest.display().to_string())
    );
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn amounts_are_named_per_year_in_either_notation() {
        let got = parse_amounts(
            &args(&["2027=1.234.567,89", "2028=1234,56", "2029=€ 1.500.000"]),
            Lang::Nl,
        )
        .unwrap();
        assert_eq!(
            got,
            Some(Amounts::Years(vec![
                (2027, Cents(123_456_789)),
                (2028, Cents(123_456)),
                (2029, Cents(150_000_000))
            ]))
        );
        assert_eq!(
            parse_amounts(&args(&[" Fundable "]), Lang::Nl).unwrap(),
            Some(Amounts::Fundable)
        );
        assert_eq!(parse_amounts(&[], Lang::Nl).unwrap(), None);
    }

    #[test]
    fn the_old_comma_list_and_bad_years_are_refused_with_the_new_form() {
        for (given, want) in [
            (&["1234,56"][..], "no year named; expected YEAR=AMOUNT"),
            (
                &["120000,118000.50"][..],
                "--amount 2027=1.234.567,89 --amount 2028=1250000",
            ),
            (&["2027=1,500"][..], "ambiguous"),
            (&["2027=-5"][..], "negative"),
            (&["x=5"][..], "\"x\" is not a year"),
            (&["+2027=5"][..], "is not a year"),
            (&["2027=5", "2027=6"][..], "year 2027 is given twice"),
            (&["fundable", "2027=5"][..], "--amount fundable stands alone"),
        ] {
            let e = parse_amounts(&args(given), Lang::En).unwrap_err();
            assert!(e.contains(want), "{given:?}: {e}");
        }
    }

    #[test]
    fn amounts_follow_the_plan_years_and_unknown_years_are_named() {
        let given = [(2028, Cents(2)), (2027, Cents(1))];
        assert_eq!(
            amounts_by_year("P", &[2027, 2028], &given, Lang::En),
            Ok(vec![Cents(1), Cents(2)])
        );
        let e = amounts_by_year("P", &[2027], &given, Lang::En).unwrap_err();
        assert_eq!(
            e,
            "--amount 2028=...: 2028 is not a contract year of P; expected one of: 2027"
        );
    }

    /// Review of issue 15: with one year left out, the refusal counted the amounts
    /// ("1 amount(s) given") but did not say which year was missing.
    #[test]
    fn a_missing_contract_year_is_named() {
        let given = [(2028, Cents(2))];
        let e = amounts_by_year("P", &[2027, 2028, 2029], &given, Lang::En).unwrap_err();
        assert_eq!(
            e,
            "--amount: no amount for 2027, 2029; P contracts the years 2027, 2028, 2029: expected one amount per year (e.g. --amount 2027=1.234.567,89)"
        );
        let e = amounts_by_year("P", &[2027, 2028], &given, Lang::Nl).unwrap_err();
        assert!(
            e.starts_with("--amount: geen bedrag voor 2027; P heeft contractjaren 2027, 2028"),
            "{e}"
        );
    }

    /// Review of issue 15: the `--amount` refusals were English under the default Dutch.
    #[test]
    fn amount_refusals_follow_the_language() {
        for (given, nl, en) in [
            (
                &["1234,56"][..],
                "geen jaar genoemd; verwacht JAAR=BEDRAG",
                "no year named; expected YEAR=AMOUNT",
            ),
            (
                &["2027=1,500"][..],
                "dubbelzinnig: in Nederlandse notatie",
                "ambiguous: EUR 1.50 in Dutch notation",
            ),
            (&["2027=-5"][..], "een negatief bedrag", "a negative amount"),
            (&["x=5"][..], "\"x\" is geen jaar", "\"x\" is not a year"),
            (
                &["2027=5", "2027=6"][..],
                "jaar 2027 staat er twee keer",
                "year 2027 is given twice",
            ),
            (
                &["fundable", "2027=5"][..],
                "--amount fundable staat alleen",
                "--amount fundable stands alone",
            ),
        ] {
            let e = parse_amounts(&args(given), Lang::Nl).unwrap_err();
            assert!(e.contains(nl), "{given:?}: {e}");
            let e = parse_amounts(&args(given), Lang::En).unwrap_err();
            assert!(e.contains(en), "{given:?}: {e}");
        }
    }
}
