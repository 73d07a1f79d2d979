//! NZa's work on its own database: importing the insurers' decision exports (the population),
//! the national report, drawing and storing a sample, and a sample's rows. The CLI and the
//! workbench both call these, so they read and write the same.

use crate::core::csv_out::CsvOut;
use crate::core::money::Cents;
use crate::core::nza::report::{Report, report};
use crate::core::nza::{Contract, HeldFile, Offered, Refusal, check_import};
use crate::core::sampling::record::Sample;
use crate::store::{ImportedFile, Store, StoredSample};
use anyhow::Result;
use serde::Serialize;
use std::collections::HashMap;

/// Checks the offered export files against what NZa already holds and records them all, or
/// none: the refusals when any file is refused.
pub fn import(
    store: &mut Store,
    offered: &[Offered<'_>],
    user: &str,
) -> Result<Result<Vec<ImportedFile>, Vec<Refusal>>> {
    let refusals = check_import(&store.nza_held()?, &store.nza_files()?, offered);
    if !refusals.is_empty() {
        return Ok(Err(refusals));
    }
    Ok(Ok(store.record_nza_import(offered, user)?))
}

/// Verifies each export file's signature as its insurer's, on the day it was exported,
/// against the keys NZa trusts (`resv keys trust`); one problem per refused file. An
/// unsigned file is refused.
pub fn verify_signatures(
    store: &Store,
    files: &[(&str, &str, &crate::core::nza::ExportFile)],
    lang: crate::text::Lang,
) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for (name, text, export) in files {
        let doc: serde_json::Value = serde_json::from_str(text)?;
        let date = export.exported_at.date();
        if let Err(r) = crate::app::keys::verify_document(store, &[], &doc, &export.insurer_id, date)? {
            problems.push(format!(
                "{}: {}",
                crate::core::sanitize::clean(name),
                crate::text::keys::refusal(&r, lang)
            ));
        }
    }
    Ok(problems)
}

/// The imported export files, oldest first.
pub fn files(store: &Store) -> Result<Vec<HeldFile>> {
    store.nza_files()
}

/// The population: every imported decision.
pub fn contracts(store: &Store) -> Result<Vec<Contract>> {
    store.nza_contracts()
}

/// NZa's audit head, `SEQ:HASH`, printed with every report, sample and export.
pub fn audit_head(store: &Store) -> Result<String> {
    Ok(crate::app::audit::head(store)?.to_string())
}

/// The national picture and the audit head, or `None` when no decision has been imported.
pub fn national_report(store: &Store, envelope_cents: i64) -> Result<Option<(Report, String)>> {
    let contracts = store.nza_contracts()?;
    if contracts.is_empty() {
        return Ok(None);
    }
    let r = report(&contracts, envelope_cents)?;
    // The NZa database's audit head, so a kept report shows later whether its trail was cut.
    Ok(Some((r, audit_head(store)?)))
}

/// Stores a drawn sample; `None` on a read-only database, where it is shown but not kept.
pub fn store_sample(store: &mut Store, sample: &Sample, user: &str) -> Result<Option<i64>> {
    if store.is_read_only() {
        return Ok(None);
    }
    Ok(Some(store.record_sample(sample, user)?))
}

/// The stored samples, oldest first.
pub fn samples(store: &Store) -> Result<Vec<StoredSample>> {
    store.samples()
}

/// One stored sample, if there is one with this id.
pub fn sample(store: &Store, id: i64) -> Result<Option<StoredSample>> {
    store.sample(id)
}

/// One selected contract of a sample, with the facts of its decision in the population.
#[derive(Debug, Serialize)]
pub struct SampleRow<'a> {
    pub id: &'a str,
    pub insurer_id: &'a str,
    pub plan_id: &'a str,
    pub resv_name: &'a str,
    pub rho_region: &'a str,
    pub scenario: &'a str,
    pub amount_cents: i64,
    pub hits: u64,
    pub stratum: &'a str,
    pub sha256: &'a str,
}

/// The sample's selected contracts, in the sample's order, with their facts from
/// `contracts` (empty facts for a contract no longer in the population).
pub fn sample_rows<'a>(sample: &'a Sample, contracts: &'a [Contract]) -> Vec<SampleRow<'a>> {
    // One lookup table, not a scan of every contract per selected item.
    let by_key: HashMap<String, &Contract> = contracts.iter().map(|c| (c.key(), c)).collect();
    sample
        .items
        .iter()
        .map(|i| {
            let c = by_key.get(&i.id).copied();
            let (insurer, plan) = i.id.split_once('/').unwrap_or(("", &i.id));
            SampleRow {
                id: &i.id,
                insurer_id: insurer,
                plan_id: plan,
                resv_name: c.map_or("", |c| &c.resv_name),
                rho_region: c.map_or("", |c| &c.rho_region),
                scenario: c.map_or("", |c| &c.scenario),
                amount_cents: i.amount_cents,
                hits: i.hits,
                stratum: &i.stratum,
                sha256: &i.sha256,
            }
        })
        .collect()
}

/// The columns of a sample as CSV: the ten of [`SampleRow`] and, last, the audit head.
pub const SAMPLE_CSV_HEADER: [&str; 11] = [
    "id",
    "insurer_id",
    "plan_id",
    "resv_name",
    "rho_region",
    "scenario",
    "amount",
    "hits",
    "stratum",
    "sha256",
    "audit_head",
];

/// A sample's rows as CSV through the one CSV writer (formulas defused, control characters
/// neutralised): [`SAMPLE_CSV_HEADER`], then one row per selected contract, each ending in
/// NZa's audit head. `sample show --csv` prints this; the workbench's export is to write it.
pub fn sample_csv(rows: &[SampleRow<'_>], audit_head: &str) -> Result<String> {
    let mut w = CsvOut::new();
    w.row(SAMPLE_CSV_HEADER)?;
    for r in rows {
        let amount = Cents(r.amount_cents).fmt_plain();
        let hits = r.hits.to_string();
        w.row([
            r.id,
            r.insurer_id,
            r.plan_id,
            r.resv_name,
            r.rho_region,
            r.scenario,
            &amount,
            &hits,
            r.stratum,
            r.sha256,
            audit_head,
        ])?;
    }
    Ok(w.finish()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row<'a>(id: &'a str, name: &'a str, amount_cents: i64) -> SampleRow<'a> {
        let (insurer_id, plan_id) = id.split_once('/').unwrap();
        SampleRow {
            id,
            insurer_id,
            plan_id,
            resv_name: name,
            rho_region: "Utrecht",
            scenario: "groeimodel",
            amount_cents,
            hits: 2,
            stratum: "Utrecht",
            sha256: "ab12",
        }
    }

    #[test]
    fn a_sample_as_csv_has_the_ten_row_columns_then_the_audit_head() {
        let rows = [row("zk-a/RESV-UTR-2027", "RESV Utrecht", 123_456_789)];
        let text = sample_csv(&rows, "7:cafe").unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            [
                "id,insurer_id,plan_id,resv_name,rho_region,scenario,amount,hits,stratum,sha256,audit_head",
                "zk-a/RESV-UTR-2027,zk-a,RESV-UTR-2027,RESV Utrecht,Utrecht,groeimodel,1234567.89,2,Utrecht,ab12,7:cafe",
            ]
        );
    }

    #[test]
    fn a_sample_as_csv_goes_through_the_one_csv_writer() {
        // A plan name that a spreadsheet would run as a formula is defused, not written raw.
        let rows = [row("zk-a/RESV-X-2027", "=HYPERLINK(\"x\")", 100)];
        let text = sample_csv(&rows, "1:00").unwrap();
        let mut expected = CsvOut::new();
        expected.row(SAMPLE_CSV_HEADER).unwrap();
        expected
            .row([
                "zk-a/RESV-X-2027",
                "zk-a",
                "RESV-X-2027",
                "=HYPERLINK(\"x\")",
                "Utrecht",
                "groeimodel",
                "1.00",
                "2",
                "Utrecht",
                "ab12",
                "1:00",
            ])
            .unwrap();
        assert_eq!(text, expected.finish().unwrap());
        assert!(
            !text.contains("\n=HYPERLINK") && !text.contains(",=HYPERLINK"),
            "{text}"
        );
    }
}
