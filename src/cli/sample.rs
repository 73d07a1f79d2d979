//! `resv sample plan|draw|list|show|verify`: NZa's reproducible samples of contracts.
//!
//! Exit codes: 0 done (verify: the sample checks out); 1 refused or not verified; 2 other
//! errors.

use super::context::Ctx;
use super::evaluate::ModelArg;
use crate::app::nza;
use crate::core::nza::{Contract, StrataBy, population};
use crate::core::sampling::plan::Planning;
use crate::core::sampling::record::{Params, Sample, SampleError, take, verify};
use crate::core::sampling::size::Model;
use crate::core::sanitize::clean;
use crate::store::{Store, StoredSample};
use crate::text::nza as tx;
use crate::text::{Lang, T};
use anyhow::{Result, bail};
use clap::{Args, Subcommand, ValueEnum};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MethodArg {
    Random,
    Systematic,
    Mus,
    Stratified,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AllocationArg {
    Proportional,
    Fixed,
}

/// How the sample size is planned.
#[derive(Args, Debug, Clone)]
pub struct PlanArgs {
    /// Confidence level, e.g. 0.95
    #[arg(long, value_name = "C")]
    pub confidence: Option<f64>,
    /// Attribute sampling: the tolerable deviation rate, e.g. 0.05
    #[arg(long, value_name = "RATE")]
    pub tolerable_rate: Option<f64>,
    /// Attribute sampling: deviations expected in the sample
    #[arg(long, value_name = "K", default_value_t = 0)]
    pub expected: u64,
    /// Attribute sampling: the model of the number of deviations
    #[arg(long, value_enum, default_value_t = ModelArg::Binomial)]
    pub model: ModelArg,
    /// Hypergeometric: the population size [default: the imported population's]
    #[arg(long, value_name = "N")]
    pub population: Option<u64>,
    /// Monetary-unit sampling: size from --materiality and --confidence
    #[arg(long)]
    pub mus: bool,
    /// Monetary-unit sampling: the materiality in euros
    #[arg(long, value_name = "EUR")]
    pub materiality: Option<String>,
    /// Monetary-unit sampling: the population's total in euros [default: the imported population's]
    #[arg(long, value_name = "EUR")]
    pub total: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum SampleCommand {
    /// The sample size: attribute sampling (binomial, Poisson, hypergeometric) or
    /// monetary-unit sampling (--mus)
    Plan {
        #[command(flatten)]
        plan: PlanArgs,
        /// Only this contract year's payments count (for defaults from the population)
        #[arg(long, value_name = "YEAR", value_parser = year_arg)]
        year: Option<u16>,
        /// The population as of this date (YYYY-MM-DD) [default: today]
        #[arg(long, value_name = "DATE", value_parser = super::report::date_arg)]
        as_of: Option<String>,
        /// Print JSON (with `sample_size`)
        #[arg(long)]
        json: bool,
    },
    /// Draw a seeded sample of the imported contracts and store it with its population
    /// snapshot; the size is --size or planned from the planning options
    Draw(DrawArgs),
    /// The stored samples
    List {
        #[arg(long)]
        json: bool,
    },
    /// One stored sample and its selected contracts
    #[command(group(clap::ArgGroup::new("format").args(["csv", "json", "xlsx"])))]
    Show {
        sample_id: i64,
        #[arg(long)]
        csv: bool,
        #[arg(long)]
        json: bool,
        /// A spreadsheet (.xlsx) to FILE: the sample, and its items with their findings (a new file)
        #[arg(long, value_name = "FILE")]
        xlsx: Option<std::path::PathBuf>,
        /// Replace the --xlsx FILE if it is an existing regular file
        #[arg(long, requires = "xlsx")]
        force: bool,
    },
    /// Draw a stored sample again from its snapshot and compare; compare the snapshot with
    /// the population now. Exits 0 only when both agree
    Verify {
        sample_id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Record what was found for one item of a stored sample (append-only, audited):
    /// --ok, --deviation (attribute) or --audited EUR (monetary-unit)
    Record(super::evaluate::RecordArgs),
    /// Evaluate a stored sample from its findings, or (without SAMPLE_ID) the calculator:
    /// --model binomial|poisson|hypergeometric --n --deviations, or --method stringer --n --taints
    Evaluate(super::evaluate::EvaluateArgs),
}

/// What `sample draw` is given.
#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("format").args(["csv", "json"])))]
pub struct DrawArgs {
    #[arg(long, value_enum)]
    pub method: MethodArg,
    /// The seed (any whole number 0 to 18446744073709551615); the same seed draws the same sample
    #[arg(long)]
    pub seed: u64,
    /// The sample size (per stratum with --allocation fixed)
    #[arg(long, value_name = "N")]
    pub size: Option<u64>,
    #[command(flatten)]
    pub plan: PlanArgs,
    /// Stratified: the strata
    #[arg(long, value_parser = strata_arg, value_name = "region|scenario|insurer|main-task")]
    pub strata: Option<StrataBy>,
    /// Stratified: proportional to the strata's sizes, or a fixed number per stratum
    #[arg(long, value_enum, default_value_t = AllocationArg::Proportional)]
    pub allocation: AllocationArg,
    /// Only contracts paying in this contract year, with that year's amount
    #[arg(long, value_name = "YEAR", value_parser = year_arg)]
    pub year: Option<u16>,
    /// Draw from the population as of this date (YYYY-MM-DD): decisions decided on or
    /// before it, the current one per insurer and plan; stored with the sample [default: today]
    #[arg(long, value_name = "DATE", value_parser = super::report::date_arg)]
    pub as_of: Option<String>,
    /// CSV, one row per selected contract
    #[arg(long)]
    pub csv: bool,
    /// JSON
    #[arg(long)]
    pub json: bool,
}

/// A contract year, in the range plans and NZa exports allow.
fn year_arg(text: &str) -> Result<u16, crate::core::bilingual::Text> {
    use crate::core::parse::{FIRST_CONTRACT_YEAR, LAST_CONTRACT_YEAR};
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|y| (FIRST_CONTRACT_YEAR..=LAST_CONTRACT_YEAR).contains(y))
        .map(|y| y as u16)
        .ok_or_else(|| {
            crate::core::bilingual::Text::new(
                format!("verwacht een contractjaar van {FIRST_CONTRACT_YEAR} tot en met {LAST_CONTRACT_YEAR}"),
                format!("expected a contract year from {FIRST_CONTRACT_YEAR} to {LAST_CONTRACT_YEAR}"),
            )
        })
}

fn strata_arg(text: &str) -> Result<StrataBy, crate::core::bilingual::Text> {
    StrataBy::from_keyword(text).ok_or_else(|| {
        crate::core::bilingual::Text::new(
            "verwacht region, scenario, insurer of main-task",
            "expected region, scenario, insurer or main-task",
        )
    })
}

impl SampleCommand {
    pub fn run(&self, ctx: &Ctx) -> Result<i32> {
        // Drawing stores the sample, recording a finding stores it; the rest only reads.
        let draws = matches!(self, SampleCommand::Draw { .. } | SampleCommand::Record(_));
        if let SampleCommand::Evaluate(a) = self
            && a.sample_id.is_none()
        {
            return super::evaluate::calculate(a, ctx.lang());
        }
        let user = if draws { ctx.user()? } else { String::new() };
        let open = || if draws { ctx.open_writer() } else { ctx.open_existing() };
        run(self, open, &user, ctx.lang())
    }
}

pub fn run(cmd: &SampleCommand, open: impl FnOnce() -> Result<Store>, user: &str, lang: Lang) -> Result<i32> {
    match cmd {
        SampleCommand::Plan {
            plan,
            year,
            as_of,
            json,
        } => {
            let size = planned(plan, *year, || population_of(&open()?, *year, as_of.clone()), lang)?;
            match size {
                Ok((n, by)) => {
                    if *json {
                        super::print_json(&serde_json::json!({"sample_size": n, "planned_by": by}))?;
                    } else {
                        println!("{}: {n}", tx::SAMPLE_SIZE.get(lang));
                    }
                    Ok(0)
                }
                Err(e) => refuse(&e),
            }
        }
        SampleCommand::Draw(a) => draw(&mut open()?, a, user, lang),
        SampleCommand::List { json } => list(&open()?, *json, lang),
        SampleCommand::Show {
            sample_id,
            csv,
            json,
            xlsx,
            force,
        } => {
            let store = open()?;
            let s = stored(&store, *sample_id, lang)?;
            if let Some(path) = xlsx {
                let contracts = contracts_of(&store, &s.sample.params)?;
                let rows = nza::sample_rows(&s.sample, &contracts);
                let found = crate::app::findings::findings(&store, s.id)?;
                let sheets = crate::app::spreadsheets::sample_sheets(&s, &rows, &found, lang);
                let existing = crate::io::output::Existing::from_force(*force);
                crate::io::xlsx_out::write(path, &sheets, existing)?;
                eprintln!("{} {}", tx::XLSX_WRITTEN.get(lang), clean(&path.display().to_string()));
                return Ok(0);
            }
            let head = nza::audit_head(&store)?;
            print_sample(
                Some(s.id),
                &s.sample,
                &contracts_of(&store, &s.sample.params)?,
                &head,
                (*csv, *json),
                lang,
            )?;
            Ok(0)
        }
        SampleCommand::Verify { sample_id, json } => verify_sample(&open()?, *sample_id, *json, lang),
        SampleCommand::Record(a) => super::evaluate::record(&mut open()?, a, user, lang),
        SampleCommand::Evaluate(a) => match a.sample_id {
            Some(id) => super::evaluate::evaluate_stored(&open()?, id, a, lang),
            None => super::evaluate::calculate(a, lang),
        },
    }
}

/// `sample draw`: a seeded sample of the population, stored unless the database is read-only.
fn draw(store: &mut Store, a: &DrawArgs, user: &str, lang: Lang) -> Result<i32> {
    let DrawArgs {
        method,
        seed,
        size,
        plan,
        strata,
        allocation,
        year,
        as_of,
        csv,
        json,
    } = a;
    let date = as_of.clone().unwrap_or_else(|| store.today().to_string());
    let cutoff = nza::cutoff_now(store, Some(date))?;
    let contracts = nza::contracts_as_of(store, &cutoff)?;
    if contracts.is_empty() {
        bail!("{}", tx::NO_POPULATION.get(lang));
    }
    let strata = if *method == MethodArg::Stratified {
        *strata
    } else {
        None
    };
    if *method == MethodArg::Stratified && strata.is_none() {
        return refuse(
            T(
                "--method stratified vraagt --strata region|scenario|insurer|main-task",
                "--method stratified needs --strata region|scenario|insurer|main-task",
            )
            .get(lang),
        );
    }
    let units = population(&contracts, *year, strata);
    let (size, planned_by) = match size {
        Some(n) => (*n, None),
        None => match planned(plan, *year, || totals(&units), lang)? {
            Ok((n, by)) => (n, Some(by)),
            Err(e) => {
                let or_size = T("of geef --size N", "or give --size N").get(lang);
                return refuse(&format!("{e} ({or_size})"));
            }
        },
    };
    let params = Params {
        method: format!("{method:?}").to_lowercase(),
        size,
        seed: *seed,
        year: *year,
        strata,
        allocation: strata.map(|_| format!("{allocation:?}").to_lowercase()),
        planned_by,
        cutoff: Some(cutoff),
    };
    let sample = match take(&units, params) {
        Ok(s) => s,
        Err(SampleError::Draw(e)) => return refuse(&tx::draw_error(&e, lang)),
        Err(SampleError::Params(e)) => return refuse(&e),
    };
    let id = nza::store_sample(store, &sample, user)?;
    match id {
        Some(id) => eprintln!("{} {id}", tx::SAMPLE_STORED.get(lang)),
        None => eprintln!("resv: {}", tx::NOT_STORED.get(lang)),
    }
    let head = nza::audit_head(store)?;
    print_sample(id, &sample, &contracts, &head, (*csv, *json), lang)?;
    Ok(0)
}

/// `sample verify`: the stored sample drawn again from its snapshot, and the snapshot
/// compared with the population now.
fn verify_sample(store: &Store, sample_id: i64, json: bool, lang: Lang) -> Result<i32> {
    let s = stored(store, sample_id, lang)?;
    if json {
        let p = &s.sample.params;
        let now = population(&contracts_of(store, p)?, p.year, p.strata);
        let v = verify(&s.sample, &now);
        super::print_json(&serde_json::json!({"sample_id": s.id, "ok": v.ok(), "verification": v}))?;
        return Ok(if v.ok() { 0 } else { 1 });
    }
    let (ok, lines) = crate::app::reports::verify_lines(store, &s, lang)?;
    for l in lines {
        println!("{l}");
    }
    Ok(if ok { 0 } else { 1 })
}

fn refuse(message: &str) -> Result<i32> {
    eprintln!("resv: {}", clean(message));
    Ok(1)
}

fn stored(store: &Store, id: i64, lang: Lang) -> Result<StoredSample> {
    match nza::sample(store, id)? {
        Some(s) => Ok(s),
        None => bail!("{}: {id} (`resv sample list`)", tx::UNKNOWN_SAMPLE.get(lang)),
    }
}

/// The population's count and total in cents (added up exactly; a total beyond 64 bits is
/// an error, never a wrapped number).
fn totals(units: &[crate::core::sampling::select::Unit]) -> Result<(u64, i64)> {
    let total = crate::core::sampling::select::total_cents(units)
        .ok_or_else(|| anyhow::anyhow!("the population's amounts add up to more than 64 bits of cents"))?;
    Ok((units.len() as u64, total))
}

fn population_of(store: &Store, year: Option<u16>, as_of: Option<String>) -> Result<(u64, i64)> {
    let date = as_of.unwrap_or_else(|| store.today().to_string());
    let cut = nza::Cutoff {
        date: Some(date),
        through_import: None,
    };
    totals(&population(&nza::contracts_as_of(store, &cut)?, year, None))
}

/// The decisions a stored sample was drawn from: as of its cut-off (the current ones for a
/// sample drawn before NZa kept history).
fn contracts_of(store: &Store, p: &Params) -> Result<Vec<Contract>> {
    nza::sample_contracts(store, p)
}

/// A positive amount in euros through the one amount parser; the refusal names the flag and
/// the reason in the language of `--lang`.
fn euros_arg(flag: &str, text: &str, lang: Lang) -> Result<i64, String> {
    let reason = match crate::core::money::parse_amount(text) {
        Ok(c) if c.0 > 0 => return Ok(c.0),
        Ok(_) => T(
            "nul; verwacht een positief bedrag in euro's, bijvoorbeeld 70.000.000 of 70000000",
            "zero; expected a positive amount in euros, e.g. 70.000.000 or 70000000",
        )
        .get(lang)
        .to_string(),
        Err(e) => e.text().get(lang == Lang::En).to_string(),
    };
    Err(format!("{flag} {:?}: {reason}", crate::core::sanitize::clean(text)))
}

/// The planned size and how it was planned, or why it cannot be planned. `population`
/// gives the count and total when the options leave them out.
pub fn planned(
    a: &PlanArgs,
    year: Option<u16>,
    population: impl FnOnce() -> Result<(u64, i64)>,
    lang: Lang,
) -> Result<Result<(u64, serde_json::Value), String>> {
    let Some(confidence) = a.confidence else {
        return Ok(Err(T(
            "de steekproefomvang vraagt --confidence (bijvoorbeeld 0.95)",
            "the sample size needs --confidence (e.g. 0.95)",
        )
        .get(lang)
        .into()));
    };
    let planning = if a.mus {
        let Some(m) = &a.materiality else {
            return Ok(Err(T(
                "--mus vraagt --materiality EUR",
                "--mus needs --materiality EUR",
            )
            .get(lang)
            .into()));
        };
        let materiality_cents = match euros_arg("--materiality", m, lang) {
            Ok(c) => c,
            Err(e) => return Ok(Err(e)),
        };
        let total_cents = match &a.total {
            Some(t) => match euros_arg("--total", t, lang) {
                Ok(c) => c,
                Err(e) => return Ok(Err(e)),
            },
            None => population()?.1,
        };
        Planning::Mus {
            confidence,
            materiality_cents,
            total_cents,
        }
    } else {
        let Some(tolerable_rate) = a.tolerable_rate else {
            return Ok(Err(T(
                "steekproeven op kenmerken vragen --tolerable-rate (bijvoorbeeld 0.05), of gebruik --mus",
                "attribute sampling needs --tolerable-rate (e.g. 0.05), or use --mus",
            )
            .get(lang)
            .into()));
        };
        let model = match a.model {
            ModelArg::Binomial => Model::Binomial,
            ModelArg::Poisson => Model::Poisson,
            ModelArg::Hypergeometric => Model::Hypergeometric {
                population: match a.population {
                    Some(n) => n,
                    None => population()?.0,
                },
            },
        };
        Planning::Attribute {
            confidence,
            tolerable_rate,
            expected: a.expected,
            model,
        }
    };
    Ok(planning
        .size()
        .map(|n| (n, planning.describe(year)))
        .map_err(|e| tx::size_error(&e, lang)))
}

fn print_sample(
    id: Option<i64>,
    s: &Sample,
    contracts: &[Contract],
    audit_head: &str,
    (csv, json): (bool, bool),
    lang: Lang,
) -> Result<()> {
    let items = nza::sample_rows(s, contracts);
    if json {
        return super::print_json(&serde_json::json!({
            "sample_id": id,
            "params": s.params,
            "generator": s.generator,
            "population_size": s.population.len(),
            "population_total_cents": i64::try_from(s.population.iter().map(|u| i128::from(u.amount_cents)).sum::<i128>()).ok(),
            "population_sha256": s.population_sha256,
            "strata": s.strata,
            "items": items,
            "audit_head": audit_head,
        }));
    }
    if csv {
        let text = nza::sample_csv(&items, audit_head)?;
        // Plan text must not reach the terminal raw.
        for line in text.lines() {
            println!("{}", clean(line));
        }
        return Ok(());
    }
    let p = &s.params;
    println!(
        "{} {}: {} · seed {} · {} {} · {} {}",
        tx::SAMPLE.get(lang),
        id.map_or("-".to_string(), |i| i.to_string()),
        crate::app::reports::method_name(&p.method, lang),
        p.seed,
        tx::POPULATION.get(lang),
        s.population.len(),
        tx::SELECTED.get(lang),
        s.items.len()
    );
    for st in &s.strata {
        println!("  {:<28} {:>5} / {:<5}", clean(&st.key), st.allocated, st.population);
    }
    for i in &items {
        println!(
            "  {:<32} {:<30} {:>16} {}",
            clean(i.id),
            clean(i.resv_name),
            crate::text::fmt::euros(lang, crate::core::money::Cents(i.amount_cents)),
            if i.hits > 1 {
                format!("×{}", i.hits)
            } else {
                String::new()
            }
        );
    }
    Ok(())
}

fn list(store: &Store, json: bool, lang: Lang) -> Result<i32> {
    let samples = nza::samples(store)?;
    if json {
        let rows: Vec<_> = samples
            .iter()
            .map(|s| {
                serde_json::json!({"sample_id": s.id, "created_at": s.created_at, "created_by": s.created_by,
                "params": s.sample.params, "population_size": s.sample.population.len(),
                "population_sha256": s.sample.population_sha256, "items": s.sample.items.len()})
            })
            .collect();
        return super::print_json(&rows).map(|_| 0);
    }
    if samples.is_empty() {
        println!("{}", tx::NO_SAMPLES.get(lang));
    } else {
        println!("{}", crate::app::reports::sample_header(lang));
    }
    for line in crate::app::reports::sample_lines(&samples, lang) {
        println!("{line}");
    }
    Ok(0)
}
