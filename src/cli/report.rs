//! `resv report`: the national picture of the experiment from the imported decisions, as
//! Markdown (the default), JSON or CSV.

use super::context::Ctx;
use crate::core::money::Cents;
use crate::core::nza::report::{DeviationKind, Report, Totals};
use crate::core::sanitize::clean;
use crate::store::Store;
use crate::text::nza as tx;
use crate::text::{Lang, T, fmt};
use anyhow::{Result, bail};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
#[command(group(clap::ArgGroup::new("format").args(["json", "csv", "markdown", "xlsx"])))]
#[command(group(clap::ArgGroup::new("dest").args(["output", "xlsx"])))]
pub struct ReportArgs {
    /// JSON
    #[arg(long)]
    json: bool,
    /// CSV (long format: section, key, year, value)
    #[arg(long)]
    csv: bool,
    /// Markdown (the default)
    #[arg(long)]
    markdown: bool,
    /// Write to FILE (a new file; see --force) instead of printing
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// A spreadsheet (.xlsx) to FILE: one sheet per breakdown, typed cells (a new file; see --force)
    #[arg(long, value_name = "FILE")]
    xlsx: Option<PathBuf>,
    /// Replace FILE if it is an existing regular file (a symbolic link is always refused)
    #[arg(long, requires = "dest")]
    force: bool,
    /// The population as of this date (YYYY-MM-DD): decisions decided on or before it, the
    /// current one per insurer and plan [default: today]
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    as_of: Option<String>,
}

/// A calendar date `YYYY-MM-DD` (`--as-of`).
pub fn date_arg(text: &str) -> Result<String, crate::core::bilingual::Text> {
    crate::core::plan::Date::parse(text.trim())
        .map(|d| d.to_string())
        .ok_or_else(date_expected)
}

/// What a date option expects, in both languages (the parser's error shows the one asked for).
pub fn date_expected() -> crate::core::bilingual::Text {
    crate::core::bilingual::Text::new(
        "verwacht een datum als JJJJ-MM-DD, bijv. 2027-12-31",
        "expected a date as YYYY-MM-DD, e.g. 2027-12-31",
    )
}

impl ReportArgs {
    pub fn run(&self, ctx: &Ctx) -> Result<i32> {
        let format = if self.json {
            Format::Json
        } else if self.csv {
            Format::Csv
        } else {
            Format::Markdown
        };
        let out = (
            self.output.as_deref(),
            crate::io::output::Existing::from_force(self.force),
        );
        let store = ctx.open_existing()?;
        let cut = crate::app::nza::Cutoff {
            date: Some(self.as_of.clone().unwrap_or_else(|| store.today().to_string())),
            through_import: None,
        };
        if let Some(path) = &self.xlsx {
            return xlsx(&store, ctx.cli.envelope, &cut, path, out.1, ctx.lang());
        }
        run(&store, ctx.cli.envelope, &cut, format, out, ctx.lang())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
    Csv,
}

pub fn run(
    store: &Store,
    envelope_cents: i64,
    cut: &crate::app::nza::Cutoff,
    format: Format,
    (out, existing): (Option<&Path>, crate::io::output::Existing),
    lang: Lang,
) -> Result<i32> {
    let Some((r, head)) = crate::app::nza::national_report(store, envelope_cents, cut)? else {
        bail!("{}", tx::NO_POPULATION.get(lang));
    };
    let names = crate::app::nza::insurer_names(store)?;
    let fresh = crate::app::nza::freshness(store)?;
    // Neutralised once, the same for a file and the terminal: `cat` on a file is as safe as
    // the printed report (JSON escaped to the same value; CSV by the one CSV writer).
    let text = match format {
        Format::Json => {
            let mut v = serde_json::to_value(&r)?;
            v["audit_head"] = serde_json::Value::from(head);
            v["as_of"] = serde_json::Value::from(cut.date.clone());
            v["insurer_names"] = serde_json::to_value(&names)?;
            v["freshness"] = serde_json::to_value(&fresh)?;
            crate::core::sanitize::json_for_terminal(&(serde_json::to_string_pretty(&v)? + "\n")).into_owned()
        }
        Format::Csv => {
            let mut text = csv_text(&r)?;
            text.push_str(&format!("audit,head,,{head}\n"));
            text
        }
        Format::Markdown => format!(
            "{}\n{}: {head}\n",
            markdown(&r, &names, &fresh, lang),
            tx::AUDIT_HEAD.get(lang)
        )
        .lines()
        .map(|l| clean(l).into_owned() + "\n")
        .collect(),
    };
    match out {
        Some(path) => crate::io::output::write(path, text.as_bytes(), existing)?,
        None => print!("{text}"),
    }
    Ok(0)
}

/// `report --xlsx FILE`: the national picture as a workbook.
fn xlsx(
    store: &Store,
    envelope_cents: i64,
    cut: &crate::app::nza::Cutoff,
    path: &Path,
    existing: crate::io::output::Existing,
    lang: Lang,
) -> Result<i32> {
    let Some((r, _)) = crate::app::nza::national_report(store, envelope_cents, cut)? else {
        bail!("{}", tx::NO_POPULATION.get(lang));
    };
    let names = crate::app::nza::insurer_names(store)?;
    let sheets = crate::app::spreadsheets::report_sheets(&r, &names, lang);
    crate::io::xlsx_out::write(path, &sheets, existing)?;
    eprintln!("{} {}", tx::XLSX_WRITTEN.get(lang), clean(&path.display().to_string()));
    Ok(0)
}

/// A Markdown table cell: outside text without pipes or line breaks.
fn cell(text: &str) -> String {
    clean(text).replace('|', "\\|")
}

fn table(out: &mut String, title: T, r: &Report, rows: &[Totals], name: impl Fn(&str) -> String, lang: Lang) {
    let _ = writeln!(out, "\n## {}\n", title.get(lang));
    let years: Vec<String> = r.years.iter().map(|y| y.year.to_string()).collect();
    let _ = writeln!(out, "| | {} | {} |", years.join(" | "), tx::TOTAL.get(lang));
    let _ = writeln!(out, "|---|{}---:|", "---:|".repeat(years.len()));
    for t in rows {
        let cells: Vec<String> = t.per_year_cents.iter().map(|c| fmt::euros(lang, Cents(*c))).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            cell(&name(&t.key)),
            cells.join(" | "),
            fmt::euros(lang, Cents(t.total_cents))
        );
    }
}

pub fn markdown(
    r: &Report,
    names: &std::collections::HashMap<String, String>,
    fresh: &[crate::app::nza::Freshness],
    lang: Lang,
) -> String {
    let name = |id: &str| names.get(id).cloned().unwrap_or_else(|| id.to_string());
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", tx::NATIONAL.get(lang));
    let _ = writeln!(
        out,
        "{} {} · {} {} · {}\n",
        r.decisions,
        tx::CONTRACTS.get(lang),
        r.plans,
        tx::PLANS.get(lang).to_lowercase(),
        r.insurers.iter().map(|i| cell(&name(i))).collect::<Vec<_>>().join(", ")
    );
    let _ = writeln!(out, "{}\n", tx::AMOUNTS_NOTE.get(lang));
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} |\n|---|---:|---:|---:|",
        tx::YEAR.get(lang),
        tx::PAID.get(lang),
        tx::ENVELOPE.get(lang),
        tx::USED.get(lang)
    );
    for y in &r.years {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            y.year,
            fmt::euros(lang, Cents(y.paid_cents)),
            fmt::euros(lang, Cents(y.envelope_cents)),
            fmt::permille(lang, y.used_permille())
        );
    }
    // Above the envelope: by how much, per year.
    for y in r.years.iter().filter(|y| y.used_permille() > 1000) {
        let over = tx::over_envelope(y.used_permille() - 1000, y.paid_cents - y.envelope_cents, lang);
        let _ = writeln!(out, "\n**{} {}{over}**", tx::YEAR.get(lang), y.year);
    }
    let _ = writeln!(out, "\n## {}\n", tx::FRESHNESS.get(lang));
    for f in fresh {
        let day = f.latest_export.date();
        let _ = writeln!(out, "- {}: {}", cell(&f.insurer), fmt::long_date(lang, day));
    }
    table(&mut out, tx::BY_REGION, r, &r.by_region, str::to_string, lang);
    table(&mut out, tx::BY_INSURER, r, &r.by_insurer, name, lang);
    table(&mut out, tx::BY_TASK, r, &r.by_main_task, tx::main_task, lang);
    table(&mut out, tx::BY_SCENARIO, r, &r.by_scenario, str::to_string, lang);
    let _ = writeln!(
        out,
        "\n## {}\n\n| {} | {} | {} |\n|---|---:|---:|",
        tx::OUTCOMES.get(lang),
        tx::OUTCOME.get(lang),
        tx::DECISIONS.get(lang),
        tx::PLANS.get(lang)
    );
    for o in &r.outcomes {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            tx::outcome(&o.outcome, lang),
            o.decisions,
            o.plans
        );
    }
    let _ = writeln!(out, "\n## {}\n\n{}", tx::FLAGS.get(lang), tx::flag_counts(r, lang));
    let _ = writeln!(out, "\n## {}\n", tx::DEVIATIONS.get(lang));
    if r.deviations.is_empty() {
        let _ = writeln!(out, "{}", tx::NO_DEVIATIONS.get(lang));
    }
    for d in &r.deviations {
        let _ = writeln!(out, "- {}", cell(&tx::deviation(d, lang)));
    }
    out
}

/// Long format: `section,key,year,value` (money in euros with cents, counts as numbers).
fn csv_text(r: &Report) -> Result<String> {
    let mut w = crate::core::csv_out::CsvOut::new();
    w.row(["section", "key", "year", "value"])?;
    let euros = |c: i64| Cents(c).fmt_plain();
    for y in &r.years {
        w.row(["contracted", "national", &y.year.to_string(), &euros(y.paid_cents)])?;
        w.row(["envelope", "national", &y.year.to_string(), &euros(y.envelope_cents)])?;
    }
    for (section, rows) in [
        ("region", &r.by_region),
        ("insurer", &r.by_insurer),
        ("main_task", &r.by_main_task),
        ("scenario", &r.by_scenario),
    ] {
        for t in rows {
            for (y, c) in r.years.iter().zip(&t.per_year_cents) {
                w.row([section, &t.key, &y.year.to_string(), &euros(*c)])?;
            }
        }
    }
    for o in &r.outcomes {
        w.row(["outcome_decisions", &o.outcome, "", &o.decisions.to_string()])?;
        w.row(["outcome_plans", &o.outcome, "", &o.plans.to_string()])?;
    }
    w.row(["flags", "open", "", &r.open_flags.to_string()])?;
    w.row(["flags", "confirmed", "", &r.confirmed_flags.to_string()])?;
    for d in &r.deviations {
        let what = match &d.kind {
            DeviationKind::Recorded { reason } => reason.clone().unwrap_or_default(),
            DeviationKind::OtherOutcome {
                own_outcome,
                leader_outcome,
            } => format!("{own_outcome} <> {leader_outcome}"),
        };
        w.row(["deviation", &format!("{}/{}", d.insurer_id, d.plan_id), "", &what])?;
    }
    Ok(w.finish()?)
}
