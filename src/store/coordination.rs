//! Coordination records: the leader's exported follow packages, the follower's follows
//! (with the decision they record) and deviations. Append-only and audited; each is written
//! in one transaction that first checks the plan version again.

use super::Store;
use super::audit::Audited;
use super::decisions::{Conflict, NewDecision, insert_decision};
use crate::core::coordination::receipt::{Answer, Own};
use crate::core::coordination::status::{Kind, Record};
use crate::core::coordination::{Accepted, FollowPackage};
use crate::core::decision::{Decision, Outcome};
use anyhow::{Context, Result};
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};
use std::collections::HashMap;
use std::fmt;

/// The same package was already followed (or deviated from, or exported), or a newer
/// package of the same leader was: nothing recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlreadyRecorded {
    pub kind: Kind,
    pub plan_id: String,
    pub by: String,
    pub at: String,
    /// Set when the package is older than the one recorded: that one's sequence number.
    pub newer_sequence: Option<u64>,
}

impl fmt::Display for AlreadyRecorded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.newer_sequence {
            Some(n) => write!(
                f,
                "a newer package of the leader (its number {n}) was already recorded as {} for plan {} by {} at {}; nothing was recorded",
                self.kind.keyword(),
                self.plan_id,
                self.by,
                self.at
            ),
            None => write!(
                f,
                "this package was already recorded as {} for plan {} by {} at {}; nothing was recorded",
                self.kind.keyword(),
                self.plan_id,
                self.by,
                self.at
            ),
        }
    }
}

impl std::error::Error for AlreadyRecorded {}

/// What a follow or a deviation is recorded from.
pub struct NewRecord<'a> {
    pub package: &'a FollowPackage,
    /// The package file's text, kept as evidence.
    pub text: &'a str,
    pub accepted: &'a Accepted,
    /// This insurer's id.
    pub me: &'a str,
    pub by: &'a str,
    /// The fingerprint of the leader's key that signed the package.
    pub signer: &'a str,
    /// The answer (followed for a follow; deviated or refused for a deviation) and the
    /// follower's own amounts or conditions when it deviates.
    pub answer: Answer,
    pub own: Option<&'a Own>,
}

/// What a coordination record's signed facts are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedFacts {
    pub sequence: u64,
    pub signer: String,
    pub answer: Option<Answer>,
    pub own: Option<Own>,
}

const SELECT: &str = "SELECT c.id, c.plan_id, c.kind, v.version_no, c.rho_region, c.leader_id, c.leader_decision_id,
        c.outcome, c.share_json, c.package_sha256, c.decision_id, c.reason, c.recorded_by, c.recorded_at
    FROM coordination c JOIN plan_versions v ON v.id = c.version_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Result<Record>> {
    let id: i64 = r.get(0)?;
    let (kind, outcome, share): (String, String, String) = (r.get(2)?, r.get(7)?, r.get(8)?);
    let rec = (|| -> Result<Record> {
        Ok(Record {
            id,
            plan_id: r.get(1)?,
            kind: Kind::from_keyword(&kind).with_context(|| format!("unknown kind {kind:?}"))?,
            version_no: r.get(3)?,
            rho_region: r.get(4)?,
            leader: r.get(5)?,
            leader_decision_id: r.get(6)?,
            outcome: Outcome::from_keyword(&outcome).with_context(|| format!("unknown outcome {outcome:?}"))?,
            share: serde_json::from_str(&share)?,
            package_sha256: r.get(9)?,
            decision_id: r.get(10)?,
            reason: r.get(11)?,
            by: r.get(12)?,
            at: r.get(13)?,
        })
    })()
    .with_context(|| format!("stored coordination record #{id} cannot be read"));
    Ok(rec)
}

fn query(conn: &Connection, filter: &str, args: impl rusqlite::Params) -> Result<Vec<Record>> {
    super::collect(conn, &format!("{SELECT} {filter}"), args, from_row)
}

/// The plan's latest version (id, number, SHA-256), or a conflict when it is not the one
/// the package is about.
fn version_of(tx: &Connection, p: &FollowPackage) -> Result<i64> {
    let (id, version_no, sha) = tx
        .query_row(
            "SELECT id, version_no, sha256 FROM latest_versions WHERE plan_id = ?1",
            params![p.plan.plan_id],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, u32>(1)?, r.get::<_, String>(2)?)),
        )
        .optional()?
        .with_context(|| format!("unknown plan {}", p.plan.plan_id))?;
    if sha != p.plan.sha256 {
        return Err(Conflict::PlanChanged {
            plan_id: p.plan.plan_id.clone(),
            version_no,
        }
        .into());
    }
    Ok(id)
}

/// Refuses a package recorded before, and on the follower's side one that is older than a
/// package of the same leader already followed or deviated from for this plan version (an
/// old file must not replace a newer decision). A package followed may not be deviated from
/// afterwards (the follower records its own decision instead); one deviated from may still
/// be followed.
fn refuse_duplicate(tx: &Connection, p: &FollowPackage, kind: Kind) -> Result<()> {
    let kinds: &[Kind] = match kind {
        Kind::Export => &[Kind::Export],
        Kind::Follow => &[Kind::Follow],
        Kind::Deviate => &[Kind::Follow, Kind::Deviate],
    };
    for k in kinds {
        let found: Option<(String, String)> = tx
            .query_row(
                "SELECT recorded_by, recorded_at FROM coordination WHERE package_sha256 = ?1 AND kind = ?2",
                params![p.digest_sha256, k.keyword()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((by, at)) = found {
            return Err(AlreadyRecorded {
                kind: *k,
                plan_id: p.plan.plan_id.clone(),
                by,
                at,
                newer_sequence: None,
            }
            .into());
        }
    }
    if kind == Kind::Export {
        return Ok(());
    }
    // Order by the leader's own signed sequence number, never by a decision id it picks.
    let newer: Option<(String, i64, String, String)> = tx
        .query_row(
            "SELECT c.kind, s.sequence, c.recorded_by, c.recorded_at FROM coordination c
             JOIN coordination_signed s ON s.coordination_id = c.id
             WHERE c.plan_id = ?1 AND c.leader_id = ?2 AND c.kind <> 'export'
               AND (s.sequence > ?3 OR (s.sequence = ?3 AND c.package_sha256 <> ?4))
             ORDER BY s.sequence DESC, c.id DESC LIMIT 1",
            params![
                p.plan.plan_id,
                p.sender.insurer_id,
                p.sequence.unwrap_or(0) as i64,
                p.digest_sha256
            ],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;

    match newer {
        Some((k, n, by, at)) => Err(AlreadyRecorded {
            kind: Kind::from_keyword(&k).unwrap_or(Kind::Follow),
            plan_id: p.plan.plan_id.clone(),
            by,
            at,
            newer_sequence: Some(n as u64),
        }
        .into()),
        None => Ok(()),
    }
}

/// The signed facts of a coordination record: the leader's sequence number, the key that
/// signed, the follower's answer.
fn insert_signed(tx: &Connection, a: &Audited<'_>, record: &Record, p: &FollowPackage, s: &Signed<'_>) -> Result<()> {
    let own = s.own.map(serde_json::to_string).transpose()?;
    let action = format!("{}-signed", a.action);
    let a = Audited { action: &action, ..*a };
    a.insert(
        tx,
        "INSERT INTO coordination_signed (coordination_id, sequence, signer_fingerprint, answer, own_json)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            record.id,
            p.sequence.context("a signed package has a sequence number")? as i64,
            s.signer,
            s.answer.map(Answer::keyword),
            own
        ],
        |id| serde_json::json!({"signed": id, "record": record.id, "sequence": p.sequence, "answer": s.answer.map(Answer::keyword)}),
    )?;
    Ok(())
}

struct Signed<'a> {
    signer: &'a str,
    answer: Option<Answer>,
    own: Option<&'a Own>,
}

/// The leader's next sequence number for a plan's package: one more than its last.
pub(super) fn next_sequence(conn: &Connection, plan_id: &str) -> Result<u64> {
    let last: i64 = conn.query_row(
        "SELECT coalesce(max(s.sequence), 0) FROM coordination c JOIN coordination_signed s ON s.coordination_id = c.id
         WHERE c.plan_id = ?1 AND c.kind = 'export'",
        params![plan_id],
        |r| r.get(0),
    )?;
    Ok(last as u64 + 1)
}

struct Row_<'a> {
    kind: Kind,
    version_id: i64,
    me: &'a str,
    share_json: String,
    decision_id: Option<i64>,
    reason: Option<&'a str>,
    text: &'a str,
    by: &'a str,
}

fn insert(tx: &Connection, p: &FollowPackage, r: &Row_<'_>, signed: &Signed<'_>, now: &str) -> Result<Record> {
    let action = match r.kind {
        Kind::Export => "follow-export",
        Kind::Follow => "follow",
        Kind::Deviate => "deviate",
    };
    let audited = Audited {
        at: now,
        actor: r.by,
        action,
        plan_id: Some(&p.plan.plan_id),
    };
    let id = audited.insert(
        tx,
        "INSERT INTO coordination (plan_id, version_id, kind, insurer_id, rho_region, leader_id, leader_decision_id,
            outcome, share_json, package_sha256, package_json, decision_id, reason, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            p.plan.plan_id,
            r.version_id,
            r.kind.keyword(),
            r.me,
            p.plan.rho_region,
            p.sender.insurer_id,
            p.decision.decision_id,
            p.decision.outcome,
            r.share_json,
            p.digest_sha256,
            r.text,
            r.decision_id,
            r.reason,
            r.by,
            now
        ],
        |id| {
            serde_json::json!({
                "record": id,
                "leader": p.sender.insurer_id,
                "leader_decision": p.decision.decision_id,
                "version": p.plan.version_no,
                "package_sha256": p.digest_sha256,
                "decision": r.decision_id,
            })
        },
    )?;
    let rec = query(tx, "WHERE c.id = ?1", params![id])?
        .pop()
        .context("the coordination record just written cannot be read back")?;
    insert_signed(tx, &audited, &rec, p, signed)?;
    Ok(rec)
}

impl Store {
    /// The leader's next sequence number for a plan's package.
    pub fn next_package_sequence(&self, plan_id: &str) -> Result<u64> {
        next_sequence(&self.conn, plan_id)
    }

    /// The signed facts of each coordination record of a plan (by record id): the sequence
    /// number, the signing key's fingerprint, the answer, the follower's own terms.
    pub fn coordination_signed(&self, plan_id: &str) -> Result<HashMap<i64, SignedFacts>> {
        let rows = super::collect(
            &self.conn,
            "SELECT s.coordination_id, s.sequence, s.signer_fingerprint, s.answer, s.own_json
             FROM coordination_signed s JOIN coordination c ON c.id = s.coordination_id WHERE c.plan_id = ?1",
            params![plan_id],
            |r| {
                let (id, seq, fp, answer, own): (i64, i64, String, Option<String>, Option<String>) =
                    (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
                Ok((|| -> Result<(i64, SignedFacts)> {
                    Ok((
                        id,
                        SignedFacts {
                            sequence: seq as u64,
                            signer: fp,
                            answer: answer.as_deref().and_then(Answer::from_keyword),
                            own: own.map(|o| serde_json::from_str(&o)).transpose()?,
                        },
                    ))
                })())
            },
        )?;
        Ok(rows.into_iter().collect())
    }

    /// Records that the leader exported a package of its current decision; refused with a
    /// conflict when the plan or its decision changed since the package was built.
    pub fn record_export(
        &mut self,
        p: &FollowPackage,
        text: &str,
        (me, signer): (&str, &str),
        by: &str,
    ) -> Result<Record> {
        let now = self.now().to_string();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version_id = version_of(&tx, p)?;
        refuse_duplicate(&tx, p, Kind::Export)?;
        let next = next_sequence(&tx, &p.plan.plan_id)?;
        if p.sequence != Some(next) {
            anyhow::bail!(
                "another package of plan {} was exported meanwhile (its number is {}); export again; nothing recorded",
                p.plan.plan_id,
                next - 1
            );
        }
        let current = super::decisions::latest(&tx, &p.plan.plan_id)?;
        if current.as_ref().map(|d| d.id) != Some(p.decision.decision_id) {
            return Err(Conflict::Decided {
                plan_id: p.plan.plan_id.clone(),
                expected: Some(p.decision.decision_id),
                latest: Box::new(current.context("the exported decision disappeared")?),
            }
            .into());
        }
        let row = Row_ {
            kind: Kind::Export,
            version_id,
            me,
            share_json: serde_json::to_string(&current.map(|d| d.amounts).unwrap_or_default())?,
            decision_id: Some(p.decision.decision_id),
            reason: None,
            text,
            by,
        };
        let signed = Signed {
            signer,
            answer: None,
            own: None,
        };
        let rec = insert(&tx, p, &row, &signed, &now)?;
        tx.commit()?;
        Ok(rec)
    }

    /// Follows a checked package: records the leader's outcome with this insurer's share as
    /// a decision (superseding `expect_latest`), and the follow, in one transaction.
    pub fn record_follow(&mut self, r: &NewRecord<'_>, decision: &NewDecision<'_>) -> Result<(Decision, Record)> {
        let now = self.now().to_string();
        self.durably(|s| {
            let tx = s.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let version_id = version_of(&tx, r.package)?;
            refuse_duplicate(&tx, r.package, Kind::Follow)?;
            let d = insert_decision(&tx, decision, &now)?;
            let row = Row_ {
                kind: Kind::Follow,
                version_id,
                me: r.me,
                share_json: serde_json::to_string(&r.accepted.share)?,
                decision_id: Some(d.id),
                reason: None,
                text: r.text,
                by: r.by,
            };
            let signed = Signed {
                signer: r.signer,
                answer: Some(r.answer),
                own: r.own,
            };
            let rec = insert(&tx, r.package, &row, &signed, &now)?;
            tx.commit()?;
            Ok((d, rec))
        })
    }

    /// Records that this insurer deviates from a checked package, with its reason.
    pub fn record_deviation(&mut self, r: &NewRecord<'_>, reason: &str) -> Result<Record> {
        let now = self.now().to_string();
        self.durably(|s| {
            let tx = s.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let version_id = version_of(&tx, r.package)?;
            refuse_duplicate(&tx, r.package, Kind::Deviate)?;
            let row = Row_ {
                kind: Kind::Deviate,
                version_id,
                me: r.me,
                share_json: serde_json::to_string(&r.accepted.share)?,
                decision_id: None,
                reason: Some(reason),
                text: r.text,
                by: r.by,
            };
            let signed = Signed {
                signer: r.signer,
                answer: Some(r.answer),
                own: r.own,
            };
            let rec = insert(&tx, r.package, &row, &signed, &now)?;
            tx.commit()?;
            Ok(rec)
        })
    }

    /// A plan's coordination records, oldest first.
    pub fn coordination(&self, plan_id: &str) -> Result<Vec<Record>> {
        query(&self.conn, "WHERE c.plan_id = ?1 ORDER BY c.id", params![plan_id])
    }

    /// Every plan's coordination records, oldest first.
    pub fn all_coordination(&self) -> Result<HashMap<String, Vec<Record>>> {
        let mut out: HashMap<String, Vec<Record>> = HashMap::new();
        for r in query(&self.conn, "ORDER BY c.id", [])? {
            out.entry(r.plan_id.clone()).or_default().push(r);
        }
        Ok(out)
    }

    /// The package file a record was made from, as it was read.
    pub fn coordination_package(&self, record_id: i64) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT package_json FROM coordination WHERE id = ?1",
                params![record_id],
                |r| r.get(0),
            )
            .optional()?)
    }
}
