//! The findings NZa's staff record on a stored sample's items (issue 19): append-only and
//! audited; the latest finding per item counts.

use super::audit::Audited;
use super::{Store, collect};
use anyhow::Result;
use rusqlite::{TransactionBehavior, params};

/// What was found for one item: no deviation, a deviation, or the audited amount (cents).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Finding {
    Ok,
    Deviation,
    Audited(i64),
}

impl Finding {
    pub fn keyword(&self) -> &'static str {
        match self {
            Finding::Ok => "ok",
            Finding::Deviation => "deviation",
            Finding::Audited(_) => "audited",
        }
    }
}

/// A recorded finding, with who recorded it when and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredFinding {
    pub id: i64,
    pub sample_id: i64,
    pub item_id: String,
    pub finding: Finding,
    pub note: String,
    pub recorded_by: String,
    pub recorded_at: crate::core::time::Instant,
}

impl Store {
    /// Appends one finding (audited); returns its number.
    pub fn record_finding(
        &mut self,
        sample_id: i64,
        item_id: &str,
        finding: Finding,
        note: &str,
        by: &str,
    ) -> Result<i64> {
        let now = self.now();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let audited = Audited {
            at: now,
            actor: by,
            action: "sample-finding",
            plan_id: None,
        };
        let cents = match finding {
            Finding::Audited(c) => Some(c),
            _ => None,
        };
        let id = audited.insert(
            &tx,
            "INSERT INTO sample_findings (sample_id, item_id, finding, audited_cents, note, recorded_by, recorded_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![sample_id, item_id, finding.keyword(), cents, note, by, now.to_string()],
            |_| serde_json::json!({"sample": sample_id, "item": item_id, "finding": finding.keyword()}),
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Every finding recorded on a sample, oldest first.
    pub fn findings(&self, sample_id: i64) -> Result<Vec<StoredFinding>> {
        collect(
            &self.conn,
            "SELECT id, sample_id, item_id, finding, audited_cents, note, recorded_by, recorded_at
             FROM sample_findings WHERE sample_id = ?1 ORDER BY id",
            [sample_id],
            |r| {
                let kind: String = r.get(3)?;
                let cents: Option<i64> = r.get(4)?;
                let finding = match (kind.as_str(), cents) {
                    ("ok", _) => Finding::Ok,
                    ("deviation", _) => Finding::Deviation,
                    (_, Some(c)) => Finding::Audited(c),
                    (other, None) => return Ok(Err(anyhow::anyhow!("sample_findings: unreadable finding {other:?}"))),
                };
                let id: i64 = r.get(0)?;
                let recorded_at =
                    match super::instant_at(r, 7, "sample_findings.recorded_at", &format_args!("finding #{id}"))? {
                        Ok(at) => at,
                        Err(e) => return Ok(Err(e)),
                    };
                Ok(Ok(StoredFinding {
                    id,
                    sample_id: r.get(1)?,
                    item_id: r.get(2)?,
                    finding,
                    note: r.get(5)?,
                    recorded_by: r.get(6)?,
                    recorded_at,
                }))
            },
        )
    }
}
