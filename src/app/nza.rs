//! NZa's work on its own database: importing the insurers' decision exports (the population),
//! the national report, drawing and storing a sample, and a sample's rows. The CLI and the
//! workbench both call these, so they read and write the same.

use crate::core::csv_out::CsvOut;
use crate::core::money::Cents;
use crate::core::nza::history::{ImportedSummary, plan_import};
use crate::core::nza::report::{Report, report};
use crate::core::nza::{Contract, ExportFile, HeldFile, Offered, Refusal};
use crate::core::sampling::record::Sample;
use crate::store::{Store, StoredSample};
use anyhow::Result;
use serde::Serialize;
use std::collections::HashMap;

/// Checks the offered export files against what NZa already holds and records them all, or
/// none: the refusals when any file is refused. New and superseding decisions are stored,
/// identical ones skipped and counted, a file imported before is left alone.
pub fn import(
    store: &mut Store,
    offered: &[Offered<'_>],
    user: &str,
) -> Result<Result<Vec<ImportedSummary>, Vec<Refusal>>> {
    let plan = plan_import(&store.nza_held()?, &store.nza_files()?, offered);
    if !plan.refusals.is_empty() {
        return Ok(Err(plan.refusals));
    }
    // Each file to record with only the decisions it adds.
    let trimmed: Vec<ExportFile> = offered
        .iter()
        .zip(&plan.files)
        .map(|(o, fp)| ExportFile {
            contracts: fp.store.iter().map(|i| o.export.contracts[*i].clone()).collect(),
            ..o.export.clone()
        })
        .collect();
    let to_record: Vec<Offered<'_>> = offered
        .iter()
        .zip(&plan.files)
        .zip(&trimmed)
        .filter(|((_, fp), _)| fp.again.is_none())
        .map(|((o, _), export)| Offered {
            file_name: o.file_name,
            sha256: o.sha256,
            export,
        })
        .collect();
    let mut recorded = if to_record.is_empty() {
        Vec::new()
    } else {
        store.record_nza_import(&to_record, user)?
    }
    .into_iter();
    let mut out = Vec::new();
    for (o, fp) in offered.iter().zip(&plan.files) {
        let import_id = if fp.again.is_none() {
            recorded.next().map(|f| f.id)
        } else {
            None
        };
        out.push(ImportedSummary {
            import_id,
            file: o.file_name.to_string(),
            insurer_id: o.export.insurer_id.clone(),
            decisions: fp.store.len(),
            superseded: fp.superseding.len(),
            skipped: fp.skipped,
            approved: fp.approved.len(),
            already_imported: fp.again.as_ref().map(|f| (f.file_name.clone(), f.imported_at)),
        });
    }
    Ok(Ok(out))
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

/// The population: the current decision per insurer and plan (superseded ones are history).
pub fn contracts(store: &Store) -> Result<Vec<Contract>> {
    Ok(crate::core::nza::history::current(store.nza_contracts()?))
}

pub use crate::core::sampling::record::Cutoff;

/// Each insurer's name by its id, as its latest export gives it.
pub fn insurer_names(store: &Store) -> Result<HashMap<String, String>> {
    Ok(store
        .nza_files()?
        .into_iter()
        .map(|f| (f.insurer_id, f.insurer_name))
        .collect())
}

/// One insurer's freshness: its name and the export time of its latest imported file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Freshness {
    pub insurer_id: String,
    pub insurer: String,
    pub latest_export: crate::core::time::Instant,
}

/// Per insurer, the date of its latest export, oldest first (whose data is old shows first).
pub fn freshness(store: &Store) -> Result<Vec<Freshness>> {
    let mut latest: HashMap<String, Freshness> = HashMap::new();
    for f in store.nza_files()? {
        let e = latest.entry(f.insurer_id.clone()).or_insert_with(|| Freshness {
            insurer_id: f.insurer_id.clone(),
            insurer: f.insurer_name.clone(),
            latest_export: f.exported_at,
        });
        if f.exported_at >= e.latest_export {
            e.latest_export = f.exported_at;
            e.insurer = f.insurer_name;
        }
    }
    let mut out: Vec<Freshness> = latest.into_values().collect();
    out.sort_by(|a, b| (&a.latest_export, &a.insurer_id).cmp(&(&b.latest_export, &b.insurer_id)));
    Ok(out)
}

/// The population as of a cut-off: the current decision per insurer and plan among those.
pub fn contracts_as_of(store: &Store, cut: &Cutoff) -> Result<Vec<Contract>> {
    let date = match cut.date.as_deref() {
        None => None,
        Some(t) => Some(crate::core::plan::Date::parse(t).ok_or_else(|| {
            anyhow::anyhow!(
                "the cut-off date {:?} is not a date (expected YYYY-MM-DD)",
                crate::core::sanitize::clip(t, 24)
            )
        })?),
    };
    Ok(crate::core::nza::history::as_of(
        &store.nza_stored()?,
        date,
        cut.through_import,
    ))
}

/// The cut-off "as of `date`, with what is imported now" that a sample records.
pub fn cutoff_now(store: &Store, date: Option<String>) -> Result<Cutoff> {
    let through_import = store.nza_files_count()?;
    Ok(Cutoff { date, through_import })
}

/// NZa's audit head, `SEQ:HASH`, printed with every report, sample and export.
pub fn audit_head(store: &Store) -> Result<String> {
    Ok(crate::app::audit::head(store)?.to_string())
}

/// The national picture and the audit head, or `None` when no decision has been imported.
pub fn national_report(store: &Store, envelope_cents: i64, cut: &Cutoff) -> Result<Option<(Report, String)>> {
    let contracts = contracts_as_of(store, cut)?;
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

/// The population a stored sample was drawn from: the contracts as of its cut-off (all
/// current contracts for a sample stored before cut-offs were recorded).
pub fn sample_contracts(store: &Store, p: &crate::core::sampling::record::Params) -> Result<Vec<Contract>> {
    match &p.cutoff {
        Some(cut) => contracts_as_of(store, cut),
        None => contracts(store),
    }
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
