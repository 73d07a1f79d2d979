//! Spreadsheets out (issue 19): the national report, a stored sample and the decisions
//! export as workbooks for NZa's analysts and the insurers' controllers, one sheet per
//! breakdown, written by the one spreadsheet writer ([`crate::io::xlsx_out`]).

use crate::core::export::DecisionExport;
use crate::core::money::Cents;
use crate::core::nza::report::{DeviationKind, Report, Totals};
use crate::io::xlsx_out::{Cell, Sheet};
use crate::store::StoredFinding;
use crate::text::{Lang, T};
use std::collections::{BTreeSet, HashMap};

fn header(lang: Lang, names: &[T]) -> Vec<String> {
    names.iter().map(|t| t.get(lang).to_string()).collect()
}

fn totals_sheet(name: T, key: T, r: &Report, rows: &[Totals], lang: Lang) -> Sheet {
    let mut head = vec![key.get(lang).to_string()];
    head.extend(r.years.iter().map(|y| y.year.to_string()));
    head.extend(header(lang, &[T("Totaal", "Total"), T("Contracten", "Contracts")]));
    Sheet {
        name: name.get(lang).to_string(),
        header: head,
        rows: rows
            .iter()
            .map(|t| {
                let mut row = vec![Cell::text(&t.key)];
                row.extend(t.per_year_cents.iter().map(|c| Cell::Euros(Cents(*c))));
                row.push(Cell::Euros(Cents(t.total_cents)));
                row.push(Cell::Int(t.contracts as i64));
                row
            })
            .collect(),
    }
}

/// The national report: years against the envelope, each breakdown, outcomes, deviations.
pub fn report_sheets(r: &Report, names: &HashMap<String, String>, lang: Lang) -> Vec<Sheet> {
    let insurers: Vec<Totals> = r
        .by_insurer
        .iter()
        .map(|t| Totals {
            key: names.get(&t.key).cloned().unwrap_or_else(|| t.key.clone()),
            ..t.clone()
        })
        .collect();
    vec![
        years_sheet(r, lang),
        totals_sheet(
            T("Regio's", "Regions"),
            T("RHO-regio", "RHO region"),
            r,
            &r.by_region,
            lang,
        ),
        totals_sheet(
            T("Verzekeraars", "Insurers"),
            T("Verzekeraar", "Insurer"),
            r,
            &insurers,
            lang,
        ),
        totals_sheet(
            T("Hoofdtaken", "Main tasks"),
            T("Hoofdtaak", "Main task"),
            r,
            &r.by_main_task,
            lang,
        ),
        totals_sheet(
            T("Scenario's", "Scenarios"),
            T("Scenario", "Scenario"),
            r,
            &r.by_scenario,
            lang,
        ),
        outcomes_sheet(r, lang),
        deviations_sheet(r, names, lang),
    ]
}

fn years_sheet(r: &Report, lang: Lang) -> Sheet {
    Sheet {
        name: T("Jaren", "Years").get(lang).into(),
        header: header(
            lang,
            &[
                T("Jaar", "Year"),
                T("Betaald", "Paid"),
                T("Plafond", "Envelope"),
                T("Benut", "Used"),
            ],
        ),
        rows: r
            .years
            .iter()
            .map(|y| {
                let used = if y.envelope_cents > 0 {
                    Cell::Rate(y.paid_cents as f64 / y.envelope_cents as f64)
                } else {
                    Cell::Empty
                };
                vec![
                    Cell::Int(i64::from(y.year)),
                    Cell::Euros(Cents(y.paid_cents)),
                    Cell::Euros(Cents(y.envelope_cents)),
                    used,
                ]
            })
            .collect(),
    }
}

fn outcomes_sheet(r: &Report, lang: Lang) -> Sheet {
    Sheet {
        name: T("Uitkomsten", "Outcomes").get(lang).into(),
        header: header(
            lang,
            &[
                T("Uitkomst", "Outcome"),
                T("Besluiten", "Decisions"),
                T("Plannen", "Plans"),
            ],
        ),
        rows: r
            .outcomes
            .iter()
            .map(|o| {
                vec![
                    Cell::text(&o.outcome),
                    Cell::Int(o.decisions as i64),
                    Cell::Int(o.plans as i64),
                ]
            })
            .collect(),
    }
}

fn deviations_sheet(r: &Report, names: &HashMap<String, String>, lang: Lang) -> Sheet {
    Sheet {
        name: T("Afwijkingen", "Deviations").get(lang).into(),
        header: header(
            lang,
            &[
                T("Verzekeraar", "Insurer"),
                T("Plan", "Plan"),
                T("RHO-regio", "RHO region"),
                T("Marktleider", "Market leader"),
                T("Soort", "Kind"),
                T("Toelichting", "Detail"),
            ],
        ),
        rows: r
            .deviations
            .iter()
            .map(|d| {
                let (kind, detail) = match &d.kind {
                    DeviationKind::Recorded { reason } => ("recorded", reason.clone().unwrap_or_default()),
                    DeviationKind::OtherOutcome {
                        own_outcome,
                        leader_outcome,
                    } => ("other_outcome", format!("{own_outcome} / {leader_outcome}")),
                };
                vec![
                    Cell::text(names.get(&d.insurer_id).unwrap_or(&d.insurer_id)),
                    Cell::text(&d.plan_id),
                    Cell::text(&d.rho_region),
                    Cell::text(d.leader.clone().unwrap_or_default()),
                    Cell::text(kind),
                    Cell::text(detail),
                ]
            })
            .collect(),
    }
}

/// A stored sample: its parameters, and its items with the latest finding of each.
pub fn sample_sheets(
    sample: &crate::store::StoredSample,
    rows: &[super::nza::SampleRow<'_>],
    findings: &[StoredFinding],
    lang: Lang,
) -> Vec<Sheet> {
    let latest = super::findings::latest(findings);
    let items = Sheet {
        name: T("Items", "Items").get(lang).into(),
        header: item_header(lang),
        rows: rows
            .iter()
            .map(|i| {
                let f = latest.get(i.id);
                let audited = match f.map(|f| f.finding) {
                    Some(crate::store::Finding::Audited(c)) => Cell::Euros(Cents(c)),
                    _ => Cell::Empty,
                };
                vec![
                    Cell::text(i.id),
                    Cell::text(i.insurer_id),
                    Cell::text(i.plan_id),
                    Cell::text(i.resv_name),
                    Cell::text(i.rho_region),
                    Cell::Euros(Cents(i.amount_cents)),
                    Cell::Int(i.hits as i64),
                    Cell::text(i.stratum),
                    f.map_or(Cell::Empty, |f| Cell::text(f.finding.keyword())),
                    audited,
                    f.map_or(Cell::Empty, |f| Cell::text(&f.note)),
                    f.map_or(Cell::Empty, |f| Cell::text(&f.recorded_by)),
                    f.map_or(Cell::Empty, |f| Cell::date_of(f.recorded_at)),
                ]
            })
            .collect(),
    };
    vec![about_sheet(sample, lang), items]
}

fn about_sheet(sample: &crate::store::StoredSample, lang: Lang) -> Sheet {
    let p = &sample.sample.params;
    let kv = |k: T, v: Cell| vec![Cell::text(k.get(lang)), v];
    Sheet {
        name: T("Steekproef", "Sample").get(lang).into(),
        header: header(lang, &[T("Gegeven", "Field"), T("Waarde", "Value")]),
        rows: vec![
            kv(T("Nummer", "Number"), Cell::Int(sample.id)),
            kv(T("Methode", "Method"), Cell::text(&p.method)),
            kv(T("Omvang", "Size"), Cell::Int(p.size as i64)),
            kv(T("Seed", "Seed"), Cell::text(p.seed.to_string())),
            kv(
                T("Populatie", "Population"),
                Cell::Int(sample.sample.population.len() as i64),
            ),
            kv(
                T("Populatie SHA-256", "Population SHA-256"),
                Cell::text(&sample.sample.population_sha256),
            ),
            kv(T("Getrokken door", "Drawn by"), Cell::text(&sample.created_by)),
            kv(T("Getrokken op", "Drawn on"), Cell::date_of(sample.created_at)),
            kv(
                T("Peildatum", "Cut-off"),
                p.cutoff
                    .as_ref()
                    .and_then(|c| c.date.as_deref())
                    .map_or(Cell::Empty, |d| {
                        crate::core::plan::Date::parse(d).map_or_else(|| Cell::text(d), Cell::Date)
                    }),
            ),
        ],
    }
}

fn item_header(lang: Lang) -> Vec<String> {
    header(
        lang,
        &[
            T("Item", "Item"),
            T("Verzekeraar", "Insurer"),
            T("Plan", "Plan"),
            T("RESV", "RESV"),
            T("RHO-regio", "RHO region"),
            T("Bedrag", "Amount"),
            T("Treffers", "Hits"),
            T("Stratum", "Stratum"),
            T("Bevinding", "Finding"),
            T("Gecontroleerd bedrag", "Audited amount"),
            T("Notitie", "Note"),
            T("Vastgelegd door", "Recorded by"),
            T("Vastgelegd op", "Recorded on"),
        ],
    )
}

/// The decisions export: one row per decision, a column per contract year.
pub fn decision_sheets(rows: &[DecisionExport], lang: Lang) -> Vec<Sheet> {
    let years: BTreeSet<u16> = rows.iter().flat_map(|r| r.years.iter().map(|y| y.year)).collect();
    let mut head = header(
        lang,
        &[
            T("Plan", "Plan"),
            T("Versie", "Version"),
            T("RESV", "RESV"),
            T("Regio", "Region"),
            T("RHO-regio", "RHO region"),
            T("Scenario", "Scenario"),
            T("Besluit", "Decision"),
            T("Vervangt", "Supersedes"),
            T("Uitkomst", "Outcome"),
            T("Wacht op goedkeuring", "Pending approval"),
            T("Besloten door", "Decided by"),
            T("Besloten op", "Decided on"),
            T("Gecontracteerd totaal", "Contracted total"),
        ],
    );
    head.extend(years.iter().map(|y| y.to_string()));
    let sheet = Sheet {
        name: T("Besluiten", "Decisions").get(lang).into(),
        header: head,
        rows: rows
            .iter()
            .map(|d| {
                let mut row = vec![
                    Cell::text(&d.plan_id),
                    Cell::Int(i64::from(d.plan_version)),
                    Cell::text(&d.resv_name),
                    Cell::text(&d.region),
                    Cell::text(&d.rho_region),
                    Cell::text(&d.scenario),
                    Cell::Int(d.decision_id),
                    d.supersedes.map_or(Cell::Empty, Cell::Int),
                    Cell::text(&d.outcome),
                    Cell::Bool(d.pending_approval),
                    Cell::text(&d.decided_by),
                    Cell::date_of(d.decided_at),
                    Cell::Euros(Cents(d.contracted_total_cents)),
                ];
                for y in &years {
                    row.push(
                        d.years
                            .iter()
                            .find(|x| x.year == *y)
                            .map_or(Cell::Empty, |x| Cell::Euros(Cents(x.contracted_cents))),
                    );
                }
                row
            })
            .collect(),
    };
    vec![sheet]
}
