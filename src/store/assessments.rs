//! The buyer's manual scores and notes, and assessment snapshots.
//!
//! Manual inputs are append-only: a new score or note for a criterion is a new row, the
//! latest row per criterion counts, and the history stays.

use super::Store;
use crate::core::assess::{Assessment, ManualInput};
use crate::core::rules::CheckId;
use crate::core::time::Instant;
use anyhow::{Context, Result, bail};
use rusqlite::{TransactionBehavior, params};

/// The latest input per criterion of every plan, in one query (the queue assesses all plans).
const LATEST_INPUTS: &str = "
    SELECT m.plan_id, m.criterion, m.score, m.note, m.inputs, m.entered_by, m.entered_at
    FROM manual_inputs m
    WHERE m.id = (SELECT MAX(id) FROM manual_inputs n WHERE n.plan_id = m.plan_id AND n.criterion = m.criterion)";

/// A manual input row: its plan, its criterion's keyword and the input; a stored time in
/// another form is an error of its own (inner).
fn input_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<(String, String, ManualInput)>> {
    let plan_id: String = r.get(0)?;
    let criterion: String = r.get(1)?;
    let (score, note, inputs, by) = (r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
    let row = format!("plan {plan_id} criterion {criterion}");
    let at = super::instant_at(r, 6, "manual_inputs.entered_at", &row)?;
    Ok(at.map(|at| {
        let input = ManualInput {
            criterion: CheckId::Disciplines, // set by the caller from `criterion`
            score,
            note,
            inputs,
            by,
            at,
        };
        (plan_id, criterion, input)
    }))
}

impl Store {
    /// The latest manual input per criterion for one plan.
    pub fn manual_inputs(&self, plan_id: &str) -> Result<Vec<ManualInput>> {
        let sql = format!("{LATEST_INPUTS} AND m.plan_id = ?1 ORDER BY m.id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![plan_id], input_from_row)?;
        let mut out = Vec::new();
        for row in rows {
            let (_, criterion, mut input) = row??;
            // A criterion this build no longer knows is skipped, not fatal.
            if let Some(id) = CheckId::from_keyword(&criterion) {
                input.criterion = id;
                out.push(input);
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
            let (_, _, mut input) = row??;
            input.criterion = criterion;
            out.push(input);
        }
        Ok(out)
    }

    /// Records a manual score and/or note, and the assessment it produced, in one
    /// transaction. `assessment` must be of the plan's latest version: if another buyer
    /// imported a newer version meanwhile, nothing is stored and the error says so.
    pub fn record_manual(&mut self, input: &ManualInput, assessment: &Assessment) -> Result<()> {
        let now = input.at;
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
            at: now,
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
                now.to_string()
            ],
            |_| {
                serde_json::json!({
                    "criterion": input.criterion.keyword(),
                    "score": input.score,
                    "note": input.note.is_some(),
                })
            },
        )?;
        insert_snapshot(&tx, version_id, assessment, &input.by, now)?;
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
            let (version_no, total_tenths, knocked_out) = (r.get(0)?, r.get(1)?, r.get(2)?);
            let (recommendation, by) = (r.get(3)?, r.get(4)?);
            let at = super::instant_at(r, 5, "assessments.assessed_at", &format_args!("plan {plan_id}"))?;
            Ok(at.map(|at| SnapshotInfo {
                version_no,
                total_tenths,
                knocked_out,
                recommendation,
                by,
                at,
            }))
        })?;
        rows.map(|row| row?).collect()
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
    pub at: Instant,
}

fn insert_snapshot(
    tx: &rusqlite::Transaction<'_>,
    version_id: i64,
    a: &Assessment,
    by: &str,
    now: Instant,
) -> Result<()> {
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
            now.to_string()
        ],
    )?;
    Ok(())
}
