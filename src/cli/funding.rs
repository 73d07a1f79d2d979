//! `resv registry import|list`, `resv funding` (a plan checked against the registry) and
//! `resv judge` (confirm or dismiss a flag).

use super::context::Ctx;
use crate::app::assess::{self, FlagJudgement};
use crate::core::assess::{Assessment, assess_with};
use crate::core::funding::{self, Arrangement, Review, Reviewed, Verdict};
use crate::core::sanitize::clean;
use crate::store::Store;
use crate::text::{self, Lang};
use anyhow::{Result, anyhow};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(clap::Subcommand, Debug)]
pub enum RegistryCommand {
    /// Import arrangements from a CSV, Excel (.xlsx) or TOML file: all rows or nothing.
    /// A known id with changed content gets a new version; the old one is kept
    Import {
        /// The registry file (see docs/double-funding.md for the columns)
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// List the current arrangements
    List {
        /// Print JSON (see docs/cli.md)
        #[arg(long)]
        json: bool,
    },
}

impl RegistryCommand {
    pub fn run(&self, ctx: &Ctx) -> Result<i32> {
        match self {
            RegistryCommand::Import { file } => import(|| ctx.open_store(), file, &ctx.user()?, ctx.lang()),
            RegistryCommand::List { json } => list(&ctx.open_existing()?, *json, ctx.lang()),
        }
    }
}

#[derive(clap::Args, Debug)]
pub struct FundingArgs {
    /// A plan id in the database, or a plan file (TOML or .xlsx) checked without importing
    #[arg(value_name = "PLAN_ID|FILE")]
    target: String,
    /// Print JSON (see docs/cli.md)
    #[arg(long)]
    json: bool,
}

impl FundingArgs {
    pub fn run(&self, ctx: &Ctx) -> Result<i32> {
        funding(&self.target, &ctx.app_reader()?, self.json, ctx.lang())
    }
}

#[derive(clap::Args, Debug)]
#[command(group(clap::ArgGroup::new("verdict").required(true).args(["confirm", "dismiss"])))]
pub struct JudgeArgs {
    /// The plan id, e.g. RESV-RIJ-2027
    plan_id: String,
    /// The activity id of the flag, e.g. R1
    activity_id: String,
    /// The arrangement id of the flag
    arrangement_id: String,
    /// The overlap is real: its amount comes off the fundable amount
    #[arg(long)]
    confirm: bool,
    /// The overlap is not real (the flag stays visible as dismissed)
    #[arg(long)]
    dismiss: bool,
    /// Why (required)
    #[arg(long, value_name = "TEXT")]
    reason: String,
}

impl JudgeArgs {
    pub fn run(&self, ctx: &Ctx) -> Result<i32> {
        let mut cx = ctx.app_writer()?;
        let verdict = if self.confirm {
            Verdict::Confirmed
        } else {
            Verdict::Dismissed
        };
        let flag = (
            self.plan_id.as_str(),
            self.activity_id.as_str(),
            self.arrangement_id.as_str(),
        );
        judge(&mut cx, flag, verdict, &self.reason, ctx.lang())
    }
}

/// `resv registry import FILE`: all of the file or nothing. The file is read and checked
/// before the database is opened, so a refused file leaves no trace.
pub fn import(open_store: impl FnOnce() -> Result<Store>, file: &Path, user: &str, lang: Lang) -> Result<i32> {
    let items = match crate::app::reports::registry_file(file, lang) {
        Ok(items) => items,
        Err(lines) => {
            for l in lines {
                eprintln!("{}", l.text);
            }
            return Ok(1);
        }
    };
    let mut store = open_store()?;
    let r = crate::app::registry::import(&mut store, &items, &file.display().to_string(), user, lang)?;
    println!("{}", crate::app::reports::registry_summary(file, &r, lang));
    Ok(0)
}

/// `registry list --json` element: field names are a stable interface (docs/cli.md).
#[derive(Serialize)]
struct ArrangementJson<'a> {
    #[serde(flatten)]
    arrangement: &'a Arrangement,
    annual_amount: f64,
}

pub fn list(store: &Store, json: bool, lang: Lang) -> Result<i32> {
    let all = crate::app::registry::list(store)?;
    if json {
        let out: Vec<ArrangementJson> = all
            .iter()
            .map(|a| ArrangementJson {
                arrangement: a,
                annual_amount: a.annual_amount.as_f64_euros(),
            })
            .collect();
        super::print_json(&out)?;
        return Ok(0);
    }
    if all.is_empty() {
        println!("{}", text::NO_ARRANGEMENTS.get(lang));
        return Ok(0);
    }
    for a in &all {
        println!(
            "{:<18} {:<18} {:<40} {} – {} {:>13}",
            clip(&a.id, 18),
            a.stream.name(),
            clip(&a.recipient.name, 40),
            a.start,
            a.end,
            text::euros(lang, a.annual_amount)
        );
    }
    println!("{} {}", all.len(), text::ARRANGEMENTS.get(lang));
    Ok(0)
}

fn clip(text: &str, width: usize) -> String {
    let t = clean(text);
    if t.chars().count() <= width {
        t.into_owned()
    } else {
        let cut: String = t.chars().take(width - 1).collect();
        format!("{cut}…")
    }
}

/// `funding --json`: field names are a stable interface (docs/cli.md). Amounts in cents.
#[derive(Serialize)]
struct FundingJson<'a> {
    plan_id: &'a str,
    /// `database` or `file` (checked without importing).
    source: &'static str,
    registry_size: usize,
    flags: Vec<FlagJson<'a>>,
    open_flags: usize,
    /// Over flags not dismissed, per contract year (cents).
    total_at_risk: BTreeMap<u16, i64>,
    total_at_risk_cents: i64,
    /// What confirmed and certain flags take off the fundable amount, per contract year: the
    /// assessment's `double_funded` (care production it excluded already counts once).
    lowered: BTreeMap<u16, i64>,
}

#[derive(Serialize)]
struct FlagJson<'a> {
    activity_id: &'a str,
    arrangement_id: &'a str,
    severity: &'static str,
    score: f64,
    matched: &'a str,
    /// `open`, `confirmed` or `dismissed`.
    state: &'static str,
    lowers_fundable: bool,
    amount_at_risk: i64,
    at_risk_per_year: BTreeMap<u16, i64>,
    overlap_months: u32,
    evidence: &'a [funding::Evidence],
    judgement: Option<&'a funding::Judgement>,
    arrangement: &'a Arrangement,
}

fn flag_json(f: &Reviewed) -> FlagJson<'_> {
    FlagJson {
        activity_id: &f.flag.activity_id,
        arrangement_id: &f.flag.arrangement_id,
        severity: f.flag.severity.keyword(),
        score: f.flag.score,
        matched: &f.flag.matched,
        state: f.verdict().map_or("open", |v| v.keyword()),
        lowers_fundable: f.lowers_fundable(),
        amount_at_risk: f.flag.amount_at_risk.0,
        at_risk_per_year: f.flag.years.iter().map(|y| (y.year, y.amount.0)).collect(),
        overlap_months: f.flag.overlap_months,
        evidence: &f.flag.evidence,
        judgement: f.judgement.as_ref(),
        arrangement: &f.flag.arrangement,
    }
}

/// `resv funding PLAN_ID|FILE`: the plan's flags against the registry in the database.
pub fn funding(target: &str, cx: &crate::app::Context, json: bool, lang: Lang) -> Result<i32> {
    let (store, rules, registry) = (&cx.store, &cx.rules, &cx.registry);
    let path = Path::new(target);
    let (plan, review, assessment, source) = if path.is_file() || target.ends_with(".toml") || target.ends_with(".xlsx")
    {
        let shown = clean(target).into_owned();
        let plan = match crate::io::intake::read_plan_file(path) {
            Ok((_, plan)) => plan,
            Err(diags) => {
                eprintln!("{shown}: {} ({})", text::REFUSED.get(lang), diags.len());
                eprint!("{}", crate::app::errors::diagnostics(&shown, &diags, lang));
                return Ok(1);
            }
        };
        let review = funding::review(&plan, &*registry.for_plan(store, &plan)?, &[]);
        let a = assess_with(&plan, "", rules, &[], Some(&review));
        (plan, review, a, "file")
    } else {
        let (sp, review, a) = assess::review_stored(store, rules, registry, target)?.ok_or_else(|| {
            anyhow!(
                "{}",
                text::unknown_plan(target, Some(text::NO_SUCH_FILE.get(lang)), lang)
            )
        })?;
        (sp.plan, review, a, "database")
    };
    if json {
        let out = FundingJson {
            plan_id: &plan.id,
            source,
            registry_size: review.registry_size,
            flags: review.flags.iter().map(flag_json).collect(),
            open_flags: review.open_count(),
            total_at_risk: review.total_at_risk.iter().map(|y| (y.year, y.amount.0)).collect(),
            total_at_risk_cents: review.total().0,
            lowered: assessment.years.iter().map(|y| (y.year, y.double_funded.0)).collect(),
        };
        super::print_json(&out)?;
        return Ok(0);
    }
    print_review(&plan.id, &review, &assessment, lang);
    Ok(0)
}

fn print_review(plan_id: &str, review: &Review, assessment: &Assessment, lang: Lang) {
    if review.registry_size == 0 {
        println!("{}", text::NO_REGISTRY.get(lang));
        return;
    }
    let count = |n: usize, one, many| text::local::count(lang, n as u64, one, many);
    println!(
        "{} · {}: {} · {} ({} {})",
        clean(plan_id),
        text::REGISTRY.get(lang),
        count(review.registry_size, text::local::ARRANGEMENT, text::ARRANGEMENTS),
        count(review.flags.len(), text::local::FLAG, text::FLAGS_WORD),
        text::fmt::whole(lang, review.open_count()),
        text::OPEN.get(lang)
    );
    if review.flags.is_empty() {
        println!("{}", text::NO_FLAGS.get(lang));
    }
    for f in &review.flags {
        print_flag(f, lang);
    }
    let years: Vec<String> = review
        .total_at_risk
        .iter()
        .map(|y| format!("{} {}", y.year, text::euros(lang, y.amount)))
        .collect();
    println!("\n{}: {}", text::TOTAL_AT_RISK.get(lang), years.join(", "));
    let lowered: Vec<String> = assessment
        .years
        .iter()
        .map(|y| format!("{} {}", y.year, text::euros(lang, y.double_funded)))
        .collect();
    println!("{}: {}", text::LOWERED.get(lang), lowered.join(", "));
}

/// One flag: the pair, its severity, verdict and amount at risk; the arrangement; the
/// evidence; the latest judgement.
fn print_flag(f: &Reviewed, lang: Lang) {
    let fl = &f.flag;
    let a = &fl.arrangement;
    println!(
        "\n{} {} ↔ {} · {} · {} · {} {}",
        if f.lowers_fundable() {
            "✗"
        } else if f.is_open() {
            "?"
        } else {
            "·"
        },
        clean(&fl.activity_id),
        clean(&fl.arrangement_id),
        text::severity_label(fl.severity).get(lang),
        text::verdict_label(f.verdict()).get(lang),
        text::AT_RISK.get(lang),
        text::euros(lang, fl.amount_at_risk)
    );
    println!(
        "    {} · {} · {} ({} – {}, {} {})",
        crate::text::names::stream(a.stream).get(lang),
        clean(&a.funder),
        clean(&a.recipient.name),
        a.start,
        a.end,
        text::euros(lang, a.annual_amount),
        text::ANNUAL.get(lang).to_lowercase()
    );
    for e in &fl.evidence {
        let sim = e
            .similarity
            .map(|s| format!(" {}", crate::text::fmt::decimal(lang, s, 2)))
            .unwrap_or_default();
        println!(
            "    {:>5} {}: {}{sim} · {}",
            crate::text::fmt::signed(lang, e.weight, 1),
            text::field_label(e.field).get(lang),
            text::level_label(&e.level, lang),
            clean(&e.detail)
        );
    }
    if let Some(j) = &f.judgement {
        println!(
            "    {}: {} {} {} {}: {}",
            text::JUDGED.get(lang),
            text::verdict_label(Some(j.verdict)).get(lang),
            text::BY.get(lang),
            clean(&j.by),
            text::local::local_time(lang, j.at),
            clean(&j.reason)
        );
    }
}

/// `resv judge PLAN_ID ACTIVITY_ID ARRANGEMENT_ID --confirm|--dismiss --reason TEXT`.
pub fn judge(
    cx: &mut crate::app::Context,
    ids: (&str, &str, &str),
    verdict: Verdict,
    reason: &str,
    lang: Lang,
) -> Result<i32> {
    let (store, rules, registry, user) = cx.parts();
    let (plan_id, activity_id, arrangement_id) = ids;
    let j = FlagJudgement {
        plan_id,
        activity_id,
        arrangement_id,
        verdict,
        reason,
    };
    let a = assess::judge_flag(store, rules, registry, &j, user, lang)?;
    let open = a.review.as_ref().map_or(0, Review::open_count);
    println!(
        "{}: {} {} ↔ {} {} · {} {} · {} {}",
        clean(plan_id),
        text::JUDGEMENT_STORED.get(lang),
        clean(activity_id),
        clean(arrangement_id),
        text::verdict_label(Some(verdict)).get(lang),
        open,
        text::OPEN.get(lang),
        text::FUNDABLE.get(lang),
        text::euros(lang, a.assessment.fundable_per_year())
    );
    Ok(0)
}
