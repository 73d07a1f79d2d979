//! Findings on a stored sample's items and the sample's evaluation (issue 19): the CLI's
//! `sample record` and `sample evaluate SAMPLE_ID`, and the Sampling screen, call these.

use crate::core::sampling::evaluate::{EvalError, Evaluation, Model, combine_strata, taint};
use crate::core::sampling::record::Item;
use crate::store::{Finding, Store, StoredFinding, StoredSample};
use crate::text::Lang;
use crate::text::evaluate as tx;
use anyhow::Result;
use serde::Serialize;
use std::collections::HashMap;

/// Records a finding on one item of a stored sample, or says why not: a read-only
/// database, an unknown sample or item, someone other than the sample's owner, or a
/// finding that does not fit the sample (an amount on an attribute sample, a bare
/// deviation on a monetary-unit sample).
pub fn record(
    store: &mut Store,
    sample: &StoredSample,
    item: &str,
    finding: Finding,
    note: &str,
    user: &str,
    lang: Lang,
) -> Result<Result<i64, String>> {
    super::writable(store, lang)?;
    if !sample.sample.items.iter().any(|i| i.id == item) {
        return Ok(Err(tx::unknown_item(item, sample.id, lang)));
    }
    if sample.created_by != user {
        return Ok(Err(tx::not_owner(sample.id, &sample.created_by, user, lang)));
    }
    let mus = sample.sample.params.method == "mus";
    match finding {
        Finding::Deviation if mus => return Ok(Err(tx::MUS_NEEDS_AMOUNT.get(lang).into())),
        Finding::Audited(_) if !mus => return Ok(Err(tx::ATTRIBUTE_NO_AMOUNT.get(lang).into())),
        _ => {}
    }
    if let Err(e) = crate::core::check_text("note", note) {
        return Ok(Err(e.text().get(lang == Lang::En).to_string()));
    }
    Ok(Ok(store.record_finding(sample.id, item, finding, note, user)?))
}

/// Every finding on a sample, oldest first (the history).
pub fn findings(store: &Store, sample_id: i64) -> Result<Vec<StoredFinding>> {
    store.findings(sample_id)
}

/// The finding that counts per item: the latest.
pub fn latest(findings: &[StoredFinding]) -> HashMap<&str, &StoredFinding> {
    findings.iter().map(|f| (f.item_id.as_str(), f)).collect()
}

/// What `sample evaluate SAMPLE_ID` is given beside the sample: overrides of what the
/// sample's planning recorded.
#[derive(Clone, Copy, Debug, Default)]
pub struct Overrides {
    pub confidence: Option<f64>,
    pub model: Option<&'static str>,
    pub tolerable_rate: Option<f64>,
    pub materiality_cents: Option<i64>,
    pub partial: bool,
}

/// Why a stored sample is not evaluated.
#[derive(Clone, Debug, PartialEq)]
pub enum NotEvaluated {
    /// Items without a finding (and no `--partial`): how many of how many.
    Open { open: usize, items: usize },
    /// Anything else, in words.
    Refused(String),
}

/// The Stringer evaluation of the examined items of a monetary-unit sample: each selected
/// unit of a contract carries the contract's taint.
fn monetary(
    examined: &[(&Item, &StoredFinding)],
    confidence: f64,
    book: Option<i64>,
    materiality: Option<i64>,
    tolerable_rate: Option<f64>,
) -> Result<Evaluation, EvalError> {
    let mut taints = Vec::new();
    for (item, f) in examined {
        let t = match f.finding {
            Finding::Audited(c) => taint(item.amount_cents, c),
            _ => 0.0,
        };
        if t != 0.0 {
            taints.extend(std::iter::repeat_n(t, item.hits as usize));
        }
    }
    let n: u64 = examined.iter().map(|(i, _)| i.hits).sum();
    Evaluation::stringer(n.max(1), &taints, confidence, book, materiality, tolerable_rate)
}

/// One stratum of a stratified sample, evaluated on its own.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StratumEvaluation {
    pub stratum: String,
    /// Contracts in the stratum's population.
    pub population: u64,
    pub evaluation: Evaluation,
}

/// A stratified sample: each stratum evaluated on its own, and a conservative combination
/// (`core::sampling::evaluate::combine_strata`): the population's rate is at most
/// `combined_upper_bound` with at least `combined_confidence`. A stratum with no examined
/// item counts with an upper limit of 1.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StrataEvaluation {
    pub sample_id: i64,
    pub strata: Vec<StratumEvaluation>,
    pub combined_upper_bound: Option<f64>,
    pub combined_confidence: Option<f64>,
    pub tolerable_rate: Option<f64>,
    pub concluded: Option<bool>,
    pub items: usize,
    pub open_items: usize,
    pub partial: bool,
}

/// Evaluates a stratified sample stratum by stratum (attribute sampling), and combines.
pub fn evaluate_strata(
    sample: &StoredSample,
    findings: &[StoredFinding],
    o: Overrides,
    lang: Lang,
) -> Result<StrataEvaluation, NotEvaluated> {
    let s = &sample.sample;
    let latest = latest(findings);
    let open = s.items.iter().filter(|i| !latest.contains_key(i.id.as_str())).count();
    if open > 0 && !o.partial {
        return Err(NotEvaluated::Open {
            open,
            items: s.items.len(),
        });
    }
    let mut strata = Vec::new();
    let mut parts = Vec::new();
    let mut confidence = None;
    let mut tolerable = o.tolerable_rate;
    for st in &s.strata {
        let mut part = sample.clone();
        part.sample.params.method = "random".into();
        part.sample.items.retain(|i| i.stratum == st.key);
        part.sample.population.retain(|u| u.stratum == st.key);
        let examined = part.sample.items.iter().any(|i| latest.contains_key(i.id.as_str()));
        if !examined {
            parts.push((st.population, 1.0));
            continue;
        }
        let ev = evaluate(&part, findings, Overrides { partial: true, ..o }, lang)?;
        confidence = Some(ev.confidence);
        tolerable = tolerable.or(ev.tolerable_rate);
        parts.push((st.population, ev.upper_bound.min(1.0)));
        strata.push(StratumEvaluation {
            stratum: st.key.clone(),
            population: st.population,
            evaluation: ev,
        });
    }
    let combined = confidence.and_then(|c| combine_strata(&parts, c));
    Ok(StrataEvaluation {
        sample_id: sample.id,
        strata,
        combined_upper_bound: combined.map(|c| c.0),
        combined_confidence: combined.map(|c| c.1),
        tolerable_rate: tolerable,
        concluded: combined.zip(tolerable).map(|((ub, _), t)| ub < t),
        items: s.items.len(),
        open_items: open,
        partial: open > 0,
    })
}

/// Evaluates a stored sample from its findings at its planned confidence (or the
/// overrides): attribute samples by their model, monetary-unit samples by the Stringer
/// bound projected onto the population's book value.
pub fn evaluate(
    sample: &StoredSample,
    findings: &[StoredFinding],
    o: Overrides,
    lang: Lang,
) -> Result<Evaluation, NotEvaluated> {
    let s = &sample.sample;
    let refused = |t: &str| NotEvaluated::Refused(t.to_string());
    if s.params.method == "stratified" {
        // Stratum by stratum: [`evaluate_strata`].
        return Err(refused(tx::PER_STRATUM.get(lang)));
    }
    let planned = s.params.planned_by.as_ref();
    let plan_of = |kind: &str, key: &str| planned.and_then(|p| p[kind].get(key)).cloned();
    let mus = s.params.method == "mus";
    let kind = if mus { "mus" } else { "attribute" };
    let confidence = o
        .confidence
        .or_else(|| plan_of(kind, "confidence").and_then(|v| v.as_f64()))
        .ok_or_else(|| refused(tx::NO_CONFIDENCE.get(lang)))?;
    let latest = latest(findings);
    let examined: Vec<(&Item, &StoredFinding)> = s
        .items
        .iter()
        .filter_map(|i| latest.get(i.id.as_str()).map(|f| (i, *f)))
        .collect();
    let open = s.items.len() - examined.len();
    if open > 0 && (!o.partial || examined.is_empty()) {
        return Err(NotEvaluated::Open {
            open,
            items: s.items.len(),
        });
    }
    let mapped = |e: EvalError| NotEvaluated::Refused(tx::eval_error(&e, lang));
    let mut ev = if mus {
        let book = i64::try_from(s.population.iter().map(|u| i128::from(u.amount_cents)).sum::<i128>()).ok();
        let materiality = o
            .materiality_cents
            .or_else(|| plan_of("mus", "materiality_cents").and_then(|v| v.as_i64()));
        monetary(&examined, confidence, book, materiality, o.tolerable_rate).map_err(mapped)?
    } else {
        let name = o
            .model
            .or_else(|| {
                match plan_of("attribute", "model")
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .as_deref()
                {
                    Some("poisson") => Some("poisson"),
                    Some("hypergeometric") => Some("hypergeometric"),
                    _ => None,
                }
            })
            .unwrap_or("binomial");
        let model = match name {
            "poisson" => Model::Poisson,
            "hypergeometric" => Model::Hypergeometric {
                population: s.population.len() as u64,
            },
            _ => Model::Binomial,
        };
        let k = examined.iter().filter(|(_, f)| f.finding == Finding::Deviation).count() as u64;
        let tolerable = o
            .tolerable_rate
            .or_else(|| plan_of("attribute", "tolerable_rate").and_then(|v| v.as_f64()));
        Evaluation::attribute(model, examined.len() as u64, k, confidence, tolerable).map_err(mapped)?
    };
    ev.sample_id = Some(sample.id);
    ev.items = Some(s.items.len());
    ev.open_items = Some(open);
    ev.partial = open > 0;
    Ok(ev)
}
