//! `resv assess` (a stored plan, or a plan file without importing it) and `resv score`
//! (the buyer's manual score or note on one criterion).

use super::context::Ctx;
use crate::app::assess::{self, Change, Entry};
use crate::core::assess::{Assessment, CriterionResult, assess};
use crate::core::rules::{CheckId, Kind, RuleSource, Rules};
use crate::core::sanitize::clean;
use crate::store::Store;
use crate::text::{self, Lang};
use anyhow::{Result, anyhow};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct AssessArgs {
    /// A plan id in the database, or a plan file (TOML or .xlsx)
    #[arg(value_name = "PLAN_ID|FILE")]
    target: String,
    /// Print JSON (see docs/cli.md)
    #[arg(long)]
    json: bool,
}

impl AssessArgs {
    pub fn run(&self, ctx: &Ctx) -> Result<i32> {
        let rules = ctx.rules_without_market()?;
        assess_target(&self.target, || ctx.open_existing(), rules, self.json, ctx.lang())
    }
}

#[derive(clap::Args, Debug)]
pub struct ScoreArgs {
    /// The plan id, e.g. RESV-UTR-2027
    plan_id: String,
    /// The criterion id, e.g. participation (see `resv assess PLAN_ID`)
    criterion: String,
    /// A score on the policy's scale (e.g. 0-4)
    #[arg(allow_negative_numbers = true)]
    score: Option<i32>,
    /// A note explaining the judgement
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// Clear the manual score and note (the automatic result counts again)
    #[arg(long, conflicts_with_all = ["score", "note"])]
    clear: bool,
}

impl ScoreArgs {
    pub fn run(&self, ctx: &Ctx) -> Result<i32> {
        let mut cx = ctx.app_writer()?;
        let entry = (self.score, self.note.clone(), self.clear);
        score(&mut cx, &self.plan_id, &self.criterion, entry, ctx.lang())
    }
}

/// `resv assess TARGET`: TARGET is a plan file when such a file exists (or it ends in
/// `.toml` or `.xlsx`), else a plan id in the database.
pub fn assess_target(
    target: &str,
    open_store: impl FnOnce() -> Result<Store>,
    rules: &Rules,
    json: bool,
    lang: Lang,
) -> Result<i32> {
    let path = Path::new(target);
    if path.is_file() || target.ends_with(".toml") || target.ends_with(".xlsx") {
        let shown = clean(target).into_owned();
        let (source, plan) = match crate::io::intake::read_plan_file(path) {
            Ok(ok) => ok,
            Err(diags) => {
                eprintln!("{shown}: {} ({})", text::REFUSED.get(lang), diags.len());
                eprint!("{}", crate::app::errors::diagnostics(&shown, &diags, lang));
                return Ok(1);
            }
        };
        let a = assess(&plan, &source.sha256(), rules, &[]);
        return print(&a, rules, json, lang, Some(&shown));
    }
    let store = open_store()?;
    let registry = crate::app::registry::Registry::default();
    let assessed = assess::assess_stored(&store, rules, &registry, target)?.ok_or_else(|| {
        anyhow!(
            "{}",
            text::unknown_plan(target, Some(text::NO_SUCH_FILE.get(lang)), lang)
        )
    })?;
    print(&assessed.assessment, rules, json, lang, None)
}

/// `resv score PLAN_ID CRITERION [SCORE] [--note TEXT] [--clear]`.
pub fn score(
    cx: &mut crate::app::Context,
    plan_id: &str,
    criterion: &str,
    entry: (Option<i32>, Option<String>, bool),
    lang: Lang,
) -> Result<i32> {
    let id = CheckId::from_keyword(criterion).ok_or_else(|| {
        anyhow!(
            "{} {:?}; {}: {}",
            text::UNKNOWN_CRITERION.get(lang),
            clean(criterion),
            text::EXPECTED_ONE_OF.get(lang),
            CheckId::keywords()
        )
    })?;
    let (score, note, clear) = entry;
    if !clear && score.is_none() && note.is_none() {
        anyhow::bail!("{}", text::SCORE_WHAT.get(lang));
    }
    // What is not given stays as it is: a note alone keeps the score, a score alone the note.
    fn change<T>(given: Option<T>, clear: bool) -> Change<T> {
        match given {
            _ if clear => Change::Set(None),
            Some(v) => Change::Set(Some(v)),
            None => Change::Keep,
        }
    }
    let entry = Entry {
        criterion: id,
        score: change(score, clear),
        note: change(note, clear),
    };
    let (store, rules, registry, user) = cx.parts();
    let a = assess::record_manual(store, rules, registry, plan_id, entry, user, lang)?;
    let cleared = a.criterion(id).is_some_and(|c| c.manual.is_none());
    let what = if clear || cleared {
        text::CLEARED
    } else if score.is_some() {
        text::SCORE_SET
    } else {
        text::NOTE_SET
    };
    println!(
        "{}: {} {} · {} {}{} · {} {}",
        clean(plan_id),
        what.get(lang),
        a.criterion(id)
            .map_or(id.keyword(), |c| if lang == Lang::En { &c.title_en } else { &c.title }),
        text::TOTAL_SCORE.get(lang),
        text::fmt::tenths(lang, a.total_tenths),
        text::provisional_suffix(lang, &a),
        text::ADVICE.get(lang),
        text::recommendation_label(a.recommendation).get(lang)
    );
    Ok(0)
}

fn print(a: &Assessment, rules: &Rules, json: bool, lang: Lang, file: Option<&str>) -> Result<i32> {
    if json {
        super::print_json(&to_json(a, lang, file.is_some()))?;
        return Ok(0);
    }
    let en = lang == Lang::En;
    if let Some(f) = file {
        println!("{}: {f}", text::SELF_CHECK.get(lang));
    }
    println!(
        "{} · sha256 {}",
        clean(&a.plan_id),
        a.plan_sha256.get(..16).unwrap_or("")
    );
    println!(
        "{}: {} · {}: {}",
        text::POLICY.get(lang),
        source_label(&a.policy, lang),
        text::GUIDANCE.get(lang),
        source_label(&a.guidance, lang)
    );
    for (kind, title) in [(Kind::KnockOut, text::KNOCK_OUTS), (Kind::Weighted, text::WEIGHTED)] {
        println!("\n{}", title.get(lang));
        for c in a.criteria.iter().filter(|c| c.kind == kind) {
            print_criterion(c, rules, lang);
        }
    }
    let verdict = if a.knocked_out {
        text::KNOCKED_OUT
    } else {
        text::NOT_KNOCKED_OUT
    };
    println!(
        "\n{}: {} / 100{} · {}",
        text::TOTAL_SCORE.get(lang),
        text::fmt::tenths(lang, a.total_tenths),
        text::provisional_suffix(lang, a),
        verdict.get(lang)
    );
    println!("{}:", text::AMOUNTS.get(lang));
    let any_double = a.years.iter().any(|y| y.double_funded.0 > 0);
    for y in &a.years {
        let double = if any_double {
            format!(
                "  {} {:>11}",
                text::DOUBLE_FUNDED.get(lang),
                text::euros(lang, y.double_funded)
            )
        } else {
            String::new()
        };
        println!(
            "  {}  {} {:>13}  {} {:>11}{double}  {} {:>13}",
            y.year,
            text::REQUESTED.get(lang),
            text::euros(lang, y.requested),
            text::EXCLUDED.get(lang),
            text::euros(lang, y.excluded),
            text::FUNDABLE.get(lang),
            text::euros(lang, y.fundable)
        );
    }
    println!(
        "{}: {}",
        text::ADVICE.get(lang),
        text::recommendation_label(a.recommendation).get(lang)
    );
    for r in &a.reasons {
        println!("  - {}", clean(r.get(en)));
    }
    Ok(0)
}

fn source_label(s: &RuleSource, lang: Lang) -> String {
    let origin = if s.origin == "built-in" {
        text::BUILT_IN.get(lang).to_string()
    } else {
        clean(&s.origin).into_owned()
    };
    format!("{} ({origin})", clean(&s.version))
}

fn print_criterion(c: &CriterionResult, rules: &Rules, lang: Lang) {
    let en = lang == Lang::En;
    let title = if en { &c.title_en } else { &c.title };
    let score = text::score_text(lang, c.score);
    let weight = if c.kind == Kind::Weighted {
        format!("  [{} {}, score {score}]", text::WEIGHT.get(lang), c.weight)
    } else {
        String::new()
    };
    let overridden = if c.overridden() {
        format!(" · {} {}", text::status_glyph(c.status), text::OVERRIDDEN.get(lang))
    } else {
        String::new()
    };
    println!(
        "{} {:<13} {}{weight}{overridden}",
        text::status_glyph(c.status),
        text::status_word(c.status).get(lang),
        clean(title)
    );
    for line in &c.explanation {
        println!("      {}", clean(line.get(en)));
    }
    if let Some(m) = &c.manual {
        let label = m
            .score
            .map(|s| {
                let anchor = rules.policy.scale.label(s).unwrap_or("");
                format!("{s} {anchor}")
            })
            .unwrap_or_else(|| "-".into());
        let stale = if m.stale {
            format!(" · {}", text::STALE.get(lang))
        } else {
            String::new()
        };
        println!(
            "      {}: {} ({} {} {}){stale}",
            text::MANUAL.get(lang),
            clean(&label),
            text::BY.get(lang),
            clean(&m.by),
            text::local::local_time(lang, m.at)
        );
        if let Some(n) = &m.note {
            println!("      {}: {}", text::NOTE.get(lang), clean(n));
        }
    }
}

/// `assess --json`. Field names are a stable interface (docs/cli.md). Amounts are in
/// cents, keyed by contract year.
#[derive(Serialize)]
struct AssessJson<'a> {
    plan_id: &'a str,
    plan_sha256: &'a str,
    /// `database` or `file` (a self-check that was not imported).
    source: &'static str,
    total_score: f64,
    knocked_out: bool,
    knock_outs: Vec<&'static str>,
    provisional: bool,
    pending: Vec<&'static str>,
    recommendation: &'static str,
    reasons: Vec<&'a str>,
    requested: BTreeMap<u16, i64>,
    excluded: BTreeMap<u16, i64>,
    /// Taken off for double funding (confirmed and certain flags).
    double_funded: BTreeMap<u16, i64>,
    fundable: BTreeMap<u16, i64>,
    excluded_activities: &'a [String],
    criteria: Vec<CriterionJson<'a>>,
    guidance: &'a RuleSource,
    policy: &'a RuleSource,
    regions: &'a RuleSource,
}

#[derive(Serialize)]
struct CriterionJson<'a> {
    id: &'static str,
    title: &'a str,
    source: &'a str,
    kind: &'static str,
    weight: u32,
    status: &'static str,
    /// 0-100, or null when the rule needs judgement and none was given.
    auto_score: Option<f64>,
    score: Option<f64>,
    manual_score: Option<i32>,
    manual_note: Option<&'a str>,
    manual_by: Option<&'a str>,
    manual_stale: Option<bool>,
    explanation: Vec<&'a str>,
    inputs: &'a str,
}

fn to_json(a: &Assessment, lang: Lang, file: bool) -> AssessJson<'_> {
    let en = lang == Lang::En;
    let per_year = |f: fn(&crate::core::assess::YearAmounts) -> i64| a.years.iter().map(|y| (y.year, f(y))).collect();
    AssessJson {
        plan_id: &a.plan_id,
        plan_sha256: &a.plan_sha256,
        source: if file { "file" } else { "database" },
        total_score: a.total_score(),
        knocked_out: a.knocked_out,
        knock_outs: a.knock_outs.iter().map(|c| c.keyword()).collect(),
        provisional: !a.pending.is_empty(),
        pending: a.pending.iter().map(|c| c.keyword()).collect(),
        recommendation: a.recommendation.keyword(),
        reasons: a.reasons.iter().map(|r| r.get(en)).collect(),
        requested: per_year(|y| y.requested.0),
        excluded: per_year(|y| y.excluded.0),
        double_funded: per_year(|y| y.double_funded.0),
        fundable: per_year(|y| y.fundable.0),
        excluded_activities: &a.excluded_activities,
        criteria: a
            .criteria
            .iter()
            .map(|c| CriterionJson {
                id: c.id.keyword(),
                title: if en { &c.title_en } else { &c.title },
                source: &c.source,
                kind: c.kind.keyword(),
                weight: c.weight,
                status: c.status.keyword(),
                auto_score: c.auto_score.map(|s| s as f64 / 10.0),
                score: c.score.map(|s| s as f64 / 10.0),
                manual_score: c.manual.as_ref().and_then(|m| m.score),
                manual_note: c.manual.as_ref().and_then(|m| m.note.as_deref()),
                manual_by: c.manual.as_ref().map(|m| m.by.as_str()),
                manual_stale: c.manual.as_ref().map(|m| m.stale),
                explanation: c.explanation.iter().map(|t| t.get(en)).collect(),
                inputs: &c.inputs,
            })
            .collect(),
        guidance: &a.guidance,
        policy: &a.policy,
        regions: &a.regions,
    }
}
