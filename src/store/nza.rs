//! NZa's tables: the imported decision exports (the population) and stored samples. Every
//! write is one transaction with its audit entries; the rows are append-only.

use super::audit::Audited;
use super::{Store, collect};
use crate::core::nza::{Contract, Held, HeldFile, Offered};
use crate::core::sampling::record::Sample;
use crate::core::time::Instant;
use anyhow::{Context, Result};
use rusqlite::{OptionalExtension, TransactionBehavior, params};

/// One imported file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedFile {
    pub id: i64,
    pub file_name: String,
    pub insurer_id: String,
    pub contracts: usize,
}

/// A stored sample with its number and who drew it when.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredSample {
    pub id: i64,
    pub created_by: String,
    pub created_at: Instant,
    pub sample: Sample,
}

fn contract(json: &str, id: i64) -> Result<Contract> {
    serde_json::from_str(json).with_context(|| format!("nza_contracts row {id} is unreadable"))
}

impl Store {
    /// Every file NZa imported.
    pub fn nza_files(&self) -> Result<Vec<HeldFile>> {
        collect(
            &self.conn,
            "SELECT file_sha256, file_name, imported_at, insurer_id, insurer_name, contracts, exported_at
             FROM nza_imports ORDER BY id",
            [],
            |r| {
                let (sha256, file_name): (String, String) = (r.get(0)?, r.get(1)?);
                let imported_at =
                    super::instant_at(r, 2, "nza_imports.imported_at", &format_args!("file {file_name}"))?;
                let (insurer_id, insurer_name, contracts) = (r.get(3)?, r.get(4)?, r.get::<_, i64>(5)? as u64);
                let exported_at =
                    super::instant_at(r, 6, "nza_imports.exported_at", &format_args!("file {file_name}"))?;
                Ok(imported_at.and_then(|imported_at| {
                    Ok(HeldFile {
                        sha256,
                        file_name,
                        imported_at,
                        insurer_id,
                        insurer_name,
                        contracts,
                        exported_at: exported_at?,
                    })
                }))
            },
        )
    }

    /// The number of the latest import (`None` before the first).
    pub fn nza_files_count(&self) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT max(id) FROM nza_imports", [], |r| r.get(0))?)
    }

    /// Every contract NZa holds, with the file it came from.
    pub fn nza_held(&self) -> Result<Vec<Held>> {
        collect(
            &self.conn,
            "SELECT c.id, c.contract_json, i.file_name, i.imported_at
             FROM nza_contracts c JOIN nza_imports i ON i.id = c.import_id ORDER BY c.id",
            [],
            |r| {
                let json: String = r.get(1)?;
                let file_name: String = r.get(2)?;
                let imported_at =
                    super::instant_at(r, 3, "nza_imports.imported_at", &format_args!("file {file_name}"))?;
                Ok(imported_at.and_then(|imported_at| {
                    contract(&json, r.get(0)?).map(|contract| Held {
                        contract,
                        file_name,
                        imported_at,
                    })
                }))
            },
        )
    }

    /// Every decision NZa stored, history included, with its import number, in import order.
    pub fn nza_stored(&self) -> Result<Vec<(i64, Contract)>> {
        collect(
            &self.conn,
            "SELECT id, import_id, contract_json FROM nza_contracts ORDER BY id",
            [],
            |r| {
                let json: String = r.get(2)?;
                let import: i64 = r.get(1)?;
                Ok(contract(&json, r.get(0)?).map(|c| (import, c)))
            },
        )
    }

    /// Every decision NZa stored, history included, in import order.
    pub fn nza_contracts(&self) -> Result<Vec<Contract>> {
        collect(
            &self.conn,
            "SELECT id, contract_json FROM nza_contracts ORDER BY id",
            [],
            |r| {
                let json: String = r.get(1)?;
                Ok(contract(&json, r.get(0)?))
            },
        )
    }

    /// Imports checked files, all or nothing, each with its audit entries.
    pub fn record_nza_import(&mut self, files: &[Offered<'_>], by: &str) -> Result<Vec<ImportedFile>> {
        let now = self.now();
        self.durably(|s| {
            let tx = s.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let mut out = Vec::new();
            for f in files {
                let e = f.export;
                let audited = |action| Audited {
                    at: now,
                    actor: by,
                    action,
                    plan_id: None,
                };
                let import_id = audited("nza-import")
                    .insert(
                        &tx,
                        "INSERT INTO nza_imports (file_name, file_sha256, insurer_id, insurer_name, exported_at, contracts,
                            imported_by, imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                        params![
                            f.file_name,
                            f.sha256,
                            e.insurer_id,
                            e.insurer_name,
                            e.exported_at.to_string(),
                            e.contracts.len() as i64,
                            by,
                            now.to_string()
                        ],
                        |_| {
                            serde_json::json!({
                                "file": f.file_name,
                                "file_sha256": f.sha256,
                                "insurer": e.insurer_id,
                                "insurer_audit_head": e.audit_head,
                            })
                        },
                    )
                    .with_context(|| format!("cannot record the import of {}", f.file_name))?;
                let mut first = None;
                let mut last = 0;
                for c in &e.contracts {
                    tx.execute(
                        "INSERT INTO nza_contracts (import_id, insurer_id, plan_id, plan_version, plan_sha256, sha256,
                            contract_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                        params![
                            import_id,
                            c.insurer_id,
                            c.plan_id,
                            c.plan_version,
                            c.plan_sha256,
                            c.sha256,
                            serde_json::to_string(c)?
                        ],
                    )
                    .with_context(|| format!("cannot store {} from {}", c.key(), f.file_name))?;
                    last = tx.last_insert_rowid();
                    first.get_or_insert(last);
                }
                if let Some(first) = first {
                    let summary = serde_json::json!({"import": import_id, "insurer": e.insurer_id});
                    audited("nza-contracts").rows(&tx, "nza_contracts", first, last, summary)?;
                }
                out.push(ImportedFile {
                    id: import_id,
                    file_name: f.file_name.to_string(),
                    insurer_id: e.insurer_id.clone(),
                    contracts: e.contracts.len(),
                });
            }
            tx.commit()?;
            Ok(out)
        })
    }

    /// Stores a drawn sample (audited); returns its number.
    pub fn record_sample(&mut self, sample: &Sample, by: &str) -> Result<i64> {
        let now = self.now();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let audited = Audited {
            at: now,
            actor: by,
            action: "sample",
            plan_id: None,
        };
        let id = audited.insert(
            &tx,
            "INSERT INTO samples (method, size, seed, population_size, population_sha256, items, sample_json,
                created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                sample.params.method,
                sample.params.size as i64,
                sample.params.seed.to_string(),
                sample.population.len() as i64,
                sample.population_sha256,
                sample.items.len() as i64,
                serde_json::to_string(sample)?,
                by,
                now.to_string()
            ],
            |id| {
                serde_json::json!({"sample": id, "method": sample.params.method, "seed": sample.params.seed.to_string(),
                    "population_sha256": sample.population_sha256})
            },
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Every stored sample, oldest first.
    pub fn samples(&self) -> Result<Vec<StoredSample>> {
        collect(
            &self.conn,
            "SELECT id, created_by, created_at, sample_json FROM samples ORDER BY id",
            [],
            stored,
        )
    }

    pub fn sample(&self, id: i64) -> Result<Option<StoredSample>> {
        self.conn
            .query_row(
                "SELECT id, created_by, created_at, sample_json FROM samples WHERE id = ?1",
                [id],
                stored,
            )
            .optional()?
            .transpose()
    }
}

fn stored(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<StoredSample>> {
    let id: i64 = r.get(0)?;
    let json: String = r.get(3)?;
    let created_by: String = r.get(1).unwrap_or_default();
    let created_at = super::instant_at(r, 2, "samples.created_at", &format_args!("sample {id}"))?;
    Ok(created_at.and_then(|created_at| {
        let sample = serde_json::from_str(&json).with_context(|| format!("sample {id} is unreadable"))?;
        Ok(StoredSample {
            id,
            created_by,
            created_at,
            sample,
        })
    }))
}
