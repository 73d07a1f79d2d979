//! The followers' receipts the leader imported: which package each answers, the answer, why
//! and when, the receipt as read and the key that signed it. Append-only and audited.

use super::Store;
use super::audit::Audited;
use crate::core::coordination::receipt::{Answer, Receipt};
use anyhow::{Context, Result, bail};
use rusqlite::{OptionalExtension, TransactionBehavior, params};

/// A receipt as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredReceipt {
    pub id: i64,
    pub plan_id: String,
    pub follower: String,
    pub package_sha256: String,
    pub sequence: u64,
    pub answer: Answer,
    pub reason: Option<String>,
    pub answered_at: String,
    pub signer: String,
    pub recorded_by: String,
    pub recorded_at: String,
}

const SELECT: &str = "SELECT id, plan_id, follower_id, package_sha256, sequence, answer, reason, answered_at,
    signer_fingerprint, recorded_by, recorded_at FROM follow_receipts";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<StoredReceipt>> {
    let (id, answer): (i64, String) = (r.get(0)?, r.get(5)?);
    let Some(answer) = Answer::from_keyword(&answer) else {
        return Ok(Err(anyhow::anyhow!("stored receipt #{id}: unknown answer {answer:?}")));
    };
    Ok(Ok(StoredReceipt {
        id,
        plan_id: r.get(1)?,
        follower: r.get(2)?,
        package_sha256: r.get(3)?,
        sequence: r.get::<_, i64>(4)? as u64,
        answer,
        reason: r.get(6)?,
        answered_at: r.get(7)?,
        signer: r.get(8)?,
        recorded_by: r.get(9)?,
        recorded_at: r.get(10)?,
    }))
}

impl Store {
    /// Stores a verified receipt, audited; the same receipt twice is refused.
    pub fn record_receipt(&mut self, r: &Receipt, text: &str, signer: &str, by: &str) -> Result<StoredReceipt> {
        let now = self.now().to_string();
        let sha = crate::core::sha256_hex(text);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let known: Option<(String, String)> = tx
            .query_row(
                "SELECT recorded_by, recorded_at FROM follow_receipts WHERE receipt_sha256 = ?1",
                params![sha],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((who, at)) = known {
            bail!("this receipt was already imported by {who} at {at}; nothing recorded");
        }
        let audited = Audited {
            at: &now,
            actor: by,
            action: "follow-receipt",
            plan_id: Some(&r.plan_id),
        };
        let id = audited.insert(
            &tx,
            "INSERT INTO follow_receipts (plan_id, follower_id, package_sha256, sequence, answer, reason, answered_at,
                receipt_sha256, receipt_json, signer_fingerprint, recorded_by, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                r.plan_id,
                r.follower.insurer_id,
                r.package_sha256,
                r.sequence as i64,
                r.answer.keyword(),
                r.reason,
                r.answered_at,
                sha,
                text,
                signer,
                by,
                now
            ],
            |id| {
                serde_json::json!({"receipt": id, "follower": r.follower.insurer_id, "answer": r.answer.keyword(),
                    "package_sha256": r.package_sha256})
            },
        )?;
        tx.commit()?;
        self.receipts(&r.plan_id)?
            .into_iter()
            .find(|x| x.id == id)
            .context("the receipt just stored cannot be read back")
    }

    /// A plan's receipts, oldest first.
    pub fn receipts(&self, plan_id: &str) -> Result<Vec<StoredReceipt>> {
        super::collect(
            &self.conn,
            &format!("{SELECT} WHERE plan_id = ?1 ORDER BY id"),
            params![plan_id],
            from_row,
        )
    }
}
