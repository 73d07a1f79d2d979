//! `resv sample evaluate` (a stored sample from its findings, or the calculator) and
//! `resv sample record` (a finding on one item of a stored sample), issue 19.

use crate::app::findings::{self, NotEvaluated, Overrides};
use crate::core::sampling::evaluate::{Evaluation, MAX_TAINTS, Model};
use crate::store::{Finding, Store, StoredSample};
use crate::text::evaluate as tx;
use crate::text::nza as ntx;
use crate::text::{Lang, T};
use anyhow::{Result, bail};
use clap::{Args, ValueEnum};

/// The model of an attribute sample's evaluation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ModelArg {
    Binomial,
    Poisson,
    Hypergeometric,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EvalMethodArg {
    Stringer,
}

/// What `sample evaluate` is given: a stored sample, or the numbers (the calculator).
#[derive(Args, Debug)]
pub struct EvaluateArgs {
    /// A stored sample (`resv sample list`); without it, the calculator
    pub sample_id: Option<i64>,
    /// Attribute sampling: the model [default: the sample's planning, else binomial]
    #[arg(long, value_enum, conflicts_with = "method")]
    pub model: Option<ModelArg>,
    /// Monetary-unit sampling: the Stringer bound (calculator)
    #[arg(long, value_enum)]
    pub method: Option<EvalMethodArg>,
    /// Calculator: the sample size (items, or monetary units for Stringer)
    #[arg(long, value_name = "N")]
    pub n: Option<u64>,
    /// Calculator: deviations found
    #[arg(long, value_name = "K")]
    pub deviations: Option<u64>,
    /// Calculator, hypergeometric: the population size
    #[arg(long, value_name = "N")]
    pub population: Option<u64>,
    /// Calculator, Stringer: the taints found, e.g. 0.25,1,0.5
    #[arg(long, value_name = "T1,T2,...", allow_hyphen_values = true)]
    pub taints: Option<String>,
    /// Calculator, Stringer: the book value in euros (the bounds in euros)
    #[arg(long, value_name = "EUR")]
    pub book_value: Option<String>,
    /// Confidence level, e.g. 0.95 [stored sample: its planning's]
    #[arg(long, value_name = "C")]
    pub confidence: Option<f64>,
    /// The tolerable deviation rate to conclude against [stored sample: its planning's]
    #[arg(long, value_name = "RATE")]
    pub tolerable_rate: Option<f64>,
    /// The materiality in euros to conclude against (Stringer) [stored sample: its planning's]
    #[arg(long, value_name = "EUR")]
    pub materiality: Option<String>,
    /// Stored sample: evaluate the examined items although some are open (labelled provisional)
    #[arg(long)]
    pub partial: bool,
    /// Print JSON (`upper_bound`, `upper_items`, `most_likely`, ...)
    #[arg(long)]
    pub json: bool,
}

impl EvaluateArgs {
    fn calculator_only(&self) -> bool {
        self.n.is_some()
            || self.deviations.is_some()
            || self.taints.is_some()
            || self.population.is_some()
            || self.book_value.is_some()
            || self.method.is_some()
    }
}

/// What `sample record` is given.
#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("finding").required(true).args(["ok", "deviation", "audited"])))]
pub struct RecordArgs {
    pub sample_id: i64,
    /// The selected contract (its id as `sample show` lists it)
    pub item: String,
    /// No deviation (monetary-unit sample: the book amount is right)
    #[arg(long)]
    pub ok: bool,
    /// A deviation (attribute sample)
    #[arg(long)]
    pub deviation: bool,
    /// Monetary-unit sample: the audited amount in euros
    #[arg(long, value_name = "EUR")]
    pub audited: Option<String>,
    /// Why, what was seen
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub note: String,
}

fn refuse(message: &str) -> Result<i32> {
    eprintln!("resv: {}", crate::core::sanitize::clean(message));
    Ok(1)
}

/// An amount in euros through the one amount parser, zero allowed; the refusal names the flag.
fn euros(flag: &str, text: &str, lang: Lang) -> Result<i64, String> {
    match crate::core::money::parse_amount(text) {
        Ok(c) if c.0 >= 0 => Ok(c.0),
        Ok(_) => Err(format!(
            "{flag} {:?}: {}",
            crate::core::sanitize::clean(text),
            T("verwacht een bedrag van 0 of meer", "expected an amount of 0 or more").get(lang)
        )),
        Err(e) => Err(format!(
            "{flag} {:?}: {}",
            crate::core::sanitize::clean(text),
            e.text().get(lang == Lang::En)
        )),
    }
}

/// `--taints 0.25,1,0.5`: numbers with a decimal point, at most [`MAX_TAINTS`].
fn taints(text: &str, lang: Lang) -> Result<Vec<f64>, String> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for (i, part) in text.split(',').enumerate() {
        if i >= MAX_TAINTS {
            return Err(tx::taint_text(i + 1, part, lang));
        }
        match part.trim().parse::<f64>() {
            Ok(t) if t.is_finite() => out.push(t),
            _ => return Err(tx::taint_text(i + 1, part, lang)),
        }
    }
    Ok(out)
}

/// The calculator: the numbers given, no database.
pub fn calculate(a: &EvaluateArgs, lang: Lang) -> Result<i32> {
    let (Some(n), Some(confidence)) = (a.n, a.confidence) else {
        return refuse(tx::CALC_NEEDS.get(lang));
    };
    let materiality = match a
        .materiality
        .as_deref()
        .map(|m| euros("--materiality", m, lang))
        .transpose()
    {
        Ok(m) => m,
        Err(e) => return refuse(&e),
    };
    let evaluation = if a.method == Some(EvalMethodArg::Stringer) {
        let Some(text) = &a.taints else {
            return refuse(tx::CALC_NEEDS.get(lang));
        };
        let found = match taints(text, lang) {
            Ok(t) => t,
            Err(e) => return refuse(&e),
        };
        let book = match a
            .book_value
            .as_deref()
            .map(|b| euros("--book-value", b, lang))
            .transpose()
        {
            Ok(b) => b,
            Err(e) => return refuse(&e),
        };
        Evaluation::stringer(n, &found, confidence, book, materiality, a.tolerable_rate)
    } else {
        let Some(k) = a.deviations else {
            return refuse(tx::CALC_NEEDS.get(lang));
        };
        let model = match a.model.unwrap_or(ModelArg::Binomial) {
            ModelArg::Binomial => Model::Binomial,
            ModelArg::Poisson => Model::Poisson,
            ModelArg::Hypergeometric => match a.population {
                Some(population) => Model::Hypergeometric { population },
                None => {
                    return refuse(
                        T(
                            "--model hypergeometric vraagt --population N",
                            "--model hypergeometric needs --population N",
                        )
                        .get(lang),
                    );
                }
            },
        };
        Evaluation::attribute(model, n, k, confidence, a.tolerable_rate)
    };
    match evaluation {
        Ok(e) => show(&e, a.json, lang).map(|_| 0),
        Err(e) => refuse(&tx::eval_error(&e, lang)),
    }
}

fn show(e: &Evaluation, json: bool, lang: Lang) -> Result<()> {
    if json {
        let mut v = serde_json::to_value(e)?;
        v["conclusion"] = tx::conclusion(e, lang).into();
        return super::print_json(&v);
    }
    for line in tx::describe(e, lang) {
        println!("{line}");
    }
    Ok(())
}

fn stored(store: &Store, id: i64, lang: Lang) -> Result<StoredSample> {
    match crate::app::nza::sample(store, id)? {
        Some(s) => Ok(s),
        None => bail!("{}: {id} (`resv sample list`)", ntx::UNKNOWN_SAMPLE.get(lang)),
    }
}

/// `sample evaluate SAMPLE_ID`: the stored sample from its findings.
pub fn evaluate_stored(store: &Store, id: i64, a: &EvaluateArgs, lang: Lang) -> Result<i32> {
    if a.calculator_only() {
        return refuse(tx::CALC_WITH_SAMPLE.get(lang));
    }
    let sample = stored(store, id, lang)?;
    let materiality_cents = match a
        .materiality
        .as_deref()
        .map(|m| euros("--materiality", m, lang))
        .transpose()
    {
        Ok(m) => m,
        Err(e) => return refuse(&e),
    };
    let o = Overrides {
        confidence: a.confidence,
        model: a.model.map(|m| match m {
            ModelArg::Binomial => "binomial",
            ModelArg::Poisson => "poisson",
            ModelArg::Hypergeometric => "hypergeometric",
        }),
        tolerable_rate: a.tolerable_rate,
        materiality_cents,
        partial: a.partial,
    };
    let found = findings::findings(store, id)?;
    if sample.sample.params.method == "stratified" {
        return match findings::evaluate_strata(&sample, &found, o, lang) {
            Ok(se) => show_strata(&se, a.json, lang).map(|_| 0),
            Err(e) => not_evaluated(id, e, a.json, lang),
        };
    }
    match findings::evaluate(&sample, &found, o, lang) {
        Ok(e) => show(&e, a.json, lang).map(|_| 0),
        Err(e) => not_evaluated(id, e, a.json, lang),
    }
}

fn not_evaluated(id: i64, e: NotEvaluated, json: bool, lang: Lang) -> Result<i32> {
    match e {
        NotEvaluated::Open { open, items } => {
            if json {
                super::print_json(&serde_json::json!({"sample_id": id, "evaluated": false,
                    "items": items, "open_items": open}))?;
            }
            refuse(&tx::open_items(open, items, lang))
        }
        NotEvaluated::Refused(t) => refuse(&t),
    }
}

/// A stratified sample: each stratum, then the combination.
fn show_strata(se: &findings::StrataEvaluation, json: bool, lang: Lang) -> Result<()> {
    let combined = se.combined_upper_bound.zip(se.combined_confidence);
    if json {
        let mut v = serde_json::to_value(se)?;
        v["conclusion"] = tx::combined(combined, se.tolerable_rate, se.partial, lang)
            .join(" ")
            .into();
        return super::print_json(&v);
    }
    if se.partial {
        println!("{}", tx::PARTIAL.get(lang));
    }
    for st in &se.strata {
        println!("{}", tx::stratum_heading(&st.stratum, st.population, lang));
        for line in tx::describe(&st.evaluation, lang) {
            println!("  {line}");
        }
    }
    for line in tx::combined(combined, se.tolerable_rate, se.partial, lang) {
        println!("{line}");
    }
    Ok(())
}

/// `sample record`: one finding on one item.
pub fn record(store: &mut Store, a: &RecordArgs, user: &str, lang: Lang) -> Result<i32> {
    let sample = stored(store, a.sample_id, lang)?;
    let finding = if a.ok {
        Finding::Ok
    } else if a.deviation {
        Finding::Deviation
    } else {
        match euros("--audited", a.audited.as_deref().unwrap_or_default(), lang) {
            Ok(c) => Finding::Audited(c),
            Err(e) => return refuse(&e),
        }
    };
    match findings::record(store, &sample, &a.item, finding, &a.note, user, lang)? {
        Ok(n) => {
            let found = findings::findings(store, a.sample_id)?;
            let open = sample.sample.items.len() - findings::latest(&found).len();
            eprintln!("{} {n}", tx::FINDING_STORED.get(lang));
            println!("{}", tx::open_items_left(open, sample.sample.items.len(), lang));
            Ok(0)
        }
        Err(t) => refuse(&t),
    }
}
