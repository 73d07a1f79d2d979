//! `resv import`, `resv queue` and `resv show`.

use super::context::Ctx;
use crate::core::decision::PlanState;
use crate::core::plan::Plan;
use crate::core::queue::QueueRow;
use crate::core::sanitize::{clean, clip};
use crate::io::intake;
use crate::store::{Store, StoredPlan};
use crate::text::{self, Lang, fill};
use anyhow::Result;
use serde::Serialize;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// Plan files (.toml, or .xlsx workbooks in the template's layout) or folders of *.toml files
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
}

impl ImportArgs {
    pub fn run(&self, ctx: &Ctx) -> Result<i32> {
        let user = ctx.user()?;
        let mut store = ctx.open_store()?;
        import(&mut store, &self.paths, &user, ctx.lang())
    }
}

#[derive(clap::Args, Debug)]
pub struct QueueArgs {
    /// Only plans in this state: its Dutch name or keyword, e.g. "in behandeling" or in-review
    #[arg(long, value_parser = super::plan_state_arg)]
    state: Option<PlanState>,
    /// Print JSON (see docs/cli.md)
    #[arg(long)]
    json: bool,
}

impl QueueArgs {
    pub fn run(&self, ctx: &Ctx) -> Result<i32> {
        queue(&ctx.app_reader()?, self.state, self.json, ctx.lang())
    }
}

#[derive(clap::Args, Debug)]
pub struct ShowArgs {
    /// The plan id, e.g. RESV-UTR-2027
    plan_id: String,
    /// Print JSON (see docs/cli.md)
    #[arg(long)]
    json: bool,
}

impl ShowArgs {
    pub fn run(&self, ctx: &Ctx) -> Result<i32> {
        show(&ctx.open_existing()?, &self.plan_id, self.json, ctx.lang())
    }
}

pub fn import(store: &mut Store, paths: &[PathBuf], user: &str, lang: Lang) -> Result<i32> {
    let reports = crate::app::import::import_paths(store, paths, user);
    for line in crate::app::reports::import_lines(&reports, lang) {
        if line.problem {
            eprintln!("{}", line.text);
        } else {
            println!("{}", line.text);
        }
    }
    let s = intake::summarise(&reports);
    Ok(if s.failed > 0 {
        2
    } else if s.refused > 0 {
        1
    } else {
        0
    })
}

/// `queue --json` element. Field names are a stable interface (docs/cli.md).
#[derive(Serialize)]
struct QueueJson<'a> {
    id: &'a str,
    name: &'a str,
    region: &'a str,
    scenario: &'a str,
    status: &'a str,
    /// The current decision's outcome; null before a decision.
    outcome: Option<&'a str>,
    /// Days to the decision deadline (negative: overdue); null once settled or without one.
    days_left: Option<i64>,
    requested_per_year: f64,
    requested_per_year_cents: i64,
    /// Written as text straight from the date (no copy per row).
    #[serde(serialize_with = "serialize_display")]
    submitted: crate::core::plan::Date,
    versions: u32,
    /// The assessment's weighted total, 0-100.
    total_score: Option<f64>,
    knocked_out: Option<bool>,
    /// Double-funding flags not yet judged; null without a registry.
    open_flags: Option<u32>,
}

pub fn queue(cx: &crate::app::Context, state: Option<PlanState>, json: bool, lang: Lang) -> Result<i32> {
    let rows = crate::app::assess::queue(cx, state)?;
    if json {
        // Each row converted as it is written: no second list of 10,000 rows.
        super::print_json(&QueueJsonList(&rows))?;
        return Ok(0);
    }
    if rows.is_empty() {
        match state {
            Some(s) => println!(
                "{}",
                text::fill(
                    text::EMPTY_STATE.get(lang),
                    &[("s", text::decision::state(s).get(lang))]
                )
            ),
            None => println!("{}", text::EMPTY_QUEUE.get(lang)),
        }
        return Ok(0);
    }
    println!(
        "{:<21} {:<16} {:<32} {:<22} {:<14} {:>6} {:<3} {:>4} {:>13} {:>12} {}",
        text::COL_STATUS.get(lang),
        text::COL_ID.get(lang),
        text::COL_NAME.get(lang),
        text::COL_REGION.get(lang),
        text::COL_SCENARIO.get(lang),
        text::COL_SCORE.get(lang),
        text::COL_KO.get(lang),
        text::COL_FLAGS.get(lang),
        text::COL_REQUESTED.get(lang),
        text::decision::COL_DUE.get(lang),
        text::COL_SUBMITTED.get(lang)
    );
    for r in &rows {
        println!(
            "{:<21} {:<16} {:<32} {:<22} {:<14} {:>6} {:<3} {:>4} {:>13} {:>12} {}",
            text::status_label(r.status, r.outcome).get(lang),
            clip(&r.id, 16),
            clip(&r.name, 32),
            clip(&r.region, 22),
            text::scenario_label(r.scenario).0,
            text::score_text(lang, r.score),
            text::ko_glyph(r.knocked_out),
            r.open_flags.map_or("-".to_string(), |n| n.to_string()),
            text::euros(lang, r.requested_per_year),
            text::fmt::days(lang, r.days_left, true),
            text::fmt::day(lang, r.submitted)
        );
    }
    Ok(0)
}

/// The `queue --json` array, each element made from its row while it is written.
struct QueueJsonList<'a>(&'a [QueueRow]);

impl Serialize for QueueJsonList<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(queue_json))
    }
}

fn serialize_display<S: serde::Serializer>(
    value: &impl std::fmt::Display,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.collect_str(value)
}

fn queue_json(r: &QueueRow) -> QueueJson<'_> {
    QueueJson {
        id: &r.id,
        name: &r.name,
        region: &r.region,
        scenario: r.scenario.keyword(),
        status: r.status.keyword(),
        outcome: r.outcome.map(|o| o.keyword()),
        days_left: r.days_left,
        requested_per_year: r.requested_per_year.as_f64_euros(),
        requested_per_year_cents: r.requested_per_year.0,
        submitted: r.submitted,
        versions: r.versions,
        total_score: r.score.map(|t| t as f64 / 10.0),
        knocked_out: r.knocked_out,
        open_flags: r.open_flags,
    }
}

/// `show --json`. Field names are a stable interface (docs/cli.md).
#[derive(Serialize)]
struct ShowJson<'a> {
    id: &'a str,
    version_no: u32,
    version_count: u32,
    version_hash: &'a str,
    source_path: &'a str,
    imported_at: crate::core::time::Instant,
    imported_by: &'a str,
    requested_per_year_cents: i64,
    activities: &'a [crate::core::plan::Activity],
    plan: &'a Plan,
}

pub fn show(store: &Store, plan_id: &str, json: bool, lang: Lang) -> Result<i32> {
    let Some(sp) = crate::app::plans::latest(store, plan_id)? else {
        eprintln!("{}", text::unknown_plan(plan_id, None, lang));
        return Ok(2);
    };
    if json {
        let out = ShowJson {
            id: &sp.plan.id,
            version_no: sp.version_no,
            version_count: sp.version_count,
            version_hash: &sp.sha256,
            source_path: &sp.source_path,
            imported_at: sp.imported_at,
            imported_by: &sp.imported_by,
            requested_per_year_cents: sp.plan.requested_per_year().0,
            activities: &sp.plan.activities,
            plan: &sp.plan,
        };
        super::print_json(&out)?;
        return Ok(0);
    }
    print!("{}", show_text(&sp, lang));
    Ok(0)
}

fn show_text(sp: &StoredPlan, lang: Lang) -> String {
    use std::fmt::Write;
    let p = &sp.plan;
    let mut o = String::new();
    let kv = |o: &mut String, k: text::T, v: &str| {
        let _ = writeln!(o, "{:<22} {}", k.get(lang), clean(v));
    };
    kv(
        &mut o,
        text::PLAN,
        &format!("{} ({} {})", p.id, text::VERSION.get(lang), p.version),
    );
    let stored = fill(
        text::VERSION_OF.get(lang),
        &[("n", &sp.version_no.to_string()), ("m", &sp.version_count.to_string())],
    );
    kv(
        &mut o,
        text::STORED_AS,
        &format!("{stored}, sha256 {}", sp.sha256.get(..16).unwrap_or(&sp.sha256)),
    );
    kv(&mut o, text::SUBMITTED, &text::fmt::day(lang, p.submitted));
    let years: Vec<String> = p.contract_years.iter().map(u16::to_string).collect();
    kv(&mut o, text::CONTRACT_YEARS, &years.join(", "));
    kv(&mut o, text::RESV_NAME, &p.resv.name);
    kv(&mut o, text::SCENARIO, text::scenario_label(p.resv.scenario).get(lang));
    kv(
        &mut o,
        text::REGION,
        &format!(
            "{} ({} {})",
            p.region.name,
            text::RHO_REGION.get(lang),
            p.region.rho_region
        ),
    );
    kv(
        &mut o,
        text::INHABITANTS,
        &crate::core::money::group_thousands(p.region.inhabitants as i64, '.'),
    );
    kv(&mut o, text::COL_REQUESTED, &text::euros(lang, p.requested_per_year()));
    let _ = writeln!(o, "\n{}", text::TAB_DISCIPLINES.get(lang));
    for d in &p.disciplines {
        let _ = writeln!(
            o,
            "  {:<30} {:<40} {} {}/{}",
            text::names::discipline(d.kind).get(lang),
            clip(&d.organisation.name, 40),
            text::yes_no(lang, d.mandated),
            d.practices_joined,
            d.practices_in_region
        );
    }
    let _ = writeln!(o, "\n{}", text::TAB_ACTIVITIES.get(lang));
    for a in &p.activities {
        let _ = writeln!(
            o,
            "  {:<8} {} {:<13} {:>13}  {}",
            clip(&a.id, 16),
            a.main_task,
            text::names::nature(a.nature).get(lang),
            text::euros(lang, a.annual_cost),
            clip(&a.title, 60)
        );
    }
    for b in &p.budget {
        let _ = writeln!(o, "{}", text::budget_line(lang, b));
    }
    o
}
