//! The buyer's manual scores and notes, and assessment snapshots.
//!
//! Manual inputs are append-only: a new score or note for a criterion is a new row, the
//! latest row per criterion counts, and the history stays.

use super::Store;
use crate::core::assess::{Assessment, ManualInput};
use crate::core::rules::CheckId;
use anyhow::{Context, Result, bail};
use rusqlite::{TransactionBehavior, params};
use std::collections::HashMap;

/// The latest input per criterion of every plan, in one query (the queue assesses all plans).
const LATEST_INPUTS: &str = "
    SELECT m.plan_id, m.criterion, m.score, m.note, m.inputs, m.entered_by, m.entered_at
    FROM manual_inputs m
    WHERE m.id = (SELECT MAX(id) FROM manual_inputs n WHERE n.plan_id = m.plan_id AND n.criterion = m.criterion)";

fn input_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(String, String, ManualInput)> {
    let plan_id: String = r.get(0)?;
    let criterion: String = r.get(1)?;
    let input = ManualInput {
        criterion: CheckId::Disciplines, // set by the caller from `criterion`
        score: r.get(2)?,
        note: r.get(3)?,
        inputs: r.get(4)?,
        by: r.get(5)?,
        at: r.get(6)?,
    };
    Ok((plan_id, criterion, input))
}

impl Store {
    /// The latest manual input per criterion for one plan.
    pub fn manual_inputs(&self, plan_id: &str) -> Result<Vec<ManualInput>> {
        let sql = format!("{LATEST_INPUTS} AND m.plan_id = ?1 ORDER BY m.id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params![plan_id], input_from_row)?;
        let mut out = Vec::new();
        for row in rows {
            let (_, criterion, mut input) = row?;
            // A criterion this build no longer knows is skipped, not fatal.
            if let Some(id) = CheckId::from_keyword(&criterion) {
                input.criterion = id;
                out.push(input);
            }
        }
        Ok(out)
    }

    /// The latest manual inputs of every plan, by plan id.
    pub fn all_manual_inputs(&self) -> Result<HashMap<String, Vec<ManualInput>>> {
        let sql = format!("{LATEST_INPUTS} ORDER BY m.id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], input_from_row)?;
        let mut out: HashMap<String, Vec<ManualInput>> = HashMap::new();
        for row in rows {
            let (plan_id, criterion, mut input) = row?;
            if let Some(id) = CheckId::from_keyword(&criterion) {
                input.criterion = id;
                out.entry(plan_id).or_default().push(input);
            }
        }
        Ok(out)
    }

    /// The history of manual inputs on one criterion of a plan, oldest first.
    pub fn manual_history(&self, plan_id: &str, criterion: CheckId) -> Result<Vec<ManualInput>> {
        let mut stmt = self.conn.prepare(
            "SELECT plan_id, criterion, score, note, inputs, entered_by, entered_at
             FROM manual_inputs WHERE plan_id = ?1 AND criterion = ?2 ORDER BY id",
        )?;
        let rows = stmt.query_map(params![plan_id, criterion.keyword()], input_from_row)?;
        let mut out = Vec::new();
        for row in rows {
            let (_, _, mut input) = row?;
            input.criterion = criterion;
            out.push(input);
        }
        Ok(out)
    }

    /// Records a manual score and/or note, and the assessment it produced, in one
    /// transaction. `assessment` must be of the plan's latest version: if another buyer
    /// imported a newer version meanwhile, nothing is stored and the error says so.
    pub fn record_manual(&mut self, input: &ManualInput, assessment: &Assessment) -> Result<()> {
        let now = if input.at.is_empty() {
            self.now().to_string()
        } else {
            input.at.clone()
        };
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let latest: Option<(i64, String, u32)> = tx
            .query_row(
                "SELECT id, sha256, version_no FROM latest_versions WHERE plan_id = ?1",
                params![assessment.plan_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })?;
        let Some((version_id, sha, version_no)) = latest else {
            bail!("unknown plan {}", assessment.plan_id);
        };
        if sha != assessment.plan_sha256 {
            let id = &assessment.plan_id;
            bail!(crate::core::bilingual::Text::new(
                format!(
                    "plan {id} is intussen gewijzigd (nu versie {version_no}); niets opgeslagen, open het plan opnieuw en scoor opnieuw"
                ),
                format!(
                    "plan {id} changed meanwhile (now version {version_no}); nothing was stored, reopen the plan and score again"
                ),
            ));
        }
        let audited = super::audit::Audited {
            at: &now,
            actor: &input.by,
            action: "manual-input",
            plan_id: Some(&assessment.plan_id),
        };
        audited.insert(
            &tx,
            "INSERT INTO manual_inputs (plan_id, version_id, criterion, score, note, inputs, entered_by, entered_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                assessment.plan_id,
                version_id,
                input.criterion.keyword(),
                input.score,
                input.note,
                input.inputs,
                input.by,
                now
            ],
            |_| {
                serde_json::json!({
                    "criterion": input.criterion.keyword(),
                    "score": input.score,
                    "note": input.note.is_some(),
                })
            },
        )?;
        insert_snapshot(&tx, version_id, assessment, &input.by, &now)?;
        tx.commit()?;
        Ok(())
    }

    /// The stored assessment snapshots of a plan, oldest first (one per manual input).
    pub fn assessment_history(&self, plan_id: &str) -> Result<Vec<SnapshotInfo>> {
        let mut stmt = self.conn.prepare(
            "SELECT v.version_no, a.total_tenths, a.knocked_out, a.recommendation, a.assessed_by, a.assessed_at
             FROM assessments a JOIN plan_versions v ON v.id = a.version_id WHERE a.plan_id = ?1 ORDER BY a.id",
        )?;
        let rows = stmt.query_map(params![plan_id], |r| {
            Ok(SnapshotInfo {
                version_no: r.get(0)?,
                total_tenths: r.get(1)?,
                knocked_out: r.get(2)?,
                recommendation: r.get(3)?,
                by: r.get(4)?,
                at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The most recent stored assessment snapshot of a plan, as JSON.
    pub fn latest_snapshot(&self, plan_id: &str) -> Result<Option<Assessment>> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT result_json FROM assessments WHERE plan_id = ?1 ORDER BY id DESC LIMIT 1",
                params![plan_id],
                |r| r.get(0),
            )
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })?;
        json.map(|j| serde_json::from_str(&j).context("stored assessment snapshot is unreadable"))
            .transpose()
    }
}

/// One stored assessment snapshot, without its detail.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SnapshotInfo {
    pub version_no: u32,
    pub total_tenths: u32,
    pub knocked_out: bool,
    pub recommendation: String,
    pub by: String,
    pub at: String,
}

fn insert_snapshot(tx: &rusqlite::Transaction<'_>, version_id: i64, a: &Assessment, by: &str, now: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO assessments (plan_id, version_id, guidance_sha, policy_sha, regions_sha, total_tenths,
                                  knocked_out, recommendation, result_json, assessed_by, assessed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            a.plan_id,
            version_id,
            a.guidance.sha256,
            a.policy.sha256,
            a.regions.sha256,
            a.total_tenths,
            a.knocked_out,
            a.recommendation.keyword(),
            serde_json::to_string(a)?,
            by,
            now
        ],
    )?;
    Ok(())
}
