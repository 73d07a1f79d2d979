//! Decisions and four-eyes approvals: append-only, a linear history per plan, guarded by
//! optimistic concurrency on the plan's latest decision and on the plan version.

use super::Store;
use super::audit::Audited;
use crate::core::assess::Assessment;
use crate::core::decision::{Approval, ApprovalRefusal, Checked, Decision, Outcome, check_approval};
use crate::core::time::Instant;
use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};
use std::collections::HashMap;
use std::fmt;

/// What a decision is recorded from.
pub struct NewDecision<'a> {
    pub checked: &'a Checked,
    /// The assessment the buyer decided on (of the plan's latest version): its snapshot is
    /// kept with the decision.
    pub assessment: &'a Assessment,
    pub policy_version: &'a str,
    pub by: &'a str,
    /// The id of the latest decision the buyer saw (`None`: they saw none).
    pub expect_latest: Option<i64>,
}

/// Another buyer changed the plan or its decision since this one looked: nothing recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Conflict {
    /// A decision was recorded (or superseded) meanwhile.
    Decided {
        plan_id: String,
        expected: Option<i64>,
        latest: Box<Decision>,
    },
    /// The buyer expected a decision but there is none (a wrong `--expect-latest`).
    NoDecision { plan_id: String, expected: i64 },
    /// A newer plan version was imported meanwhile.
    PlanChanged { plan_id: String, version_no: u32 },
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Conflict::Decided {
                plan_id,
                expected,
                latest: d,
            } => {
                let seen = match expected {
                    Some(id) => format!("you expected decision #{id} to be the latest"),
                    None => "you expected no decision yet".to_string(),
                };
                write!(
                    f,
                    "conflict: plan {plan_id} has decision #{} ({}, EUR {} in total) by {} at {}, and {seen}; nothing was recorded. Review it (resv history {plan_id}) and, to replace it, decide again with --expect-latest {}",
                    d.id,
                    d.outcome.keyword(),
                    d.total().fmt_exact(',', '.'),
                    d.by,
                    d.at,
                    d.id
                )
            }
            Conflict::NoDecision { plan_id, expected } => write!(
                f,
                "conflict: plan {plan_id} has no decision, but you expected decision #{expected}; nothing was recorded"
            ),
            Conflict::PlanChanged { plan_id, version_no } => write!(
                f,
                "conflict: plan {plan_id} changed meanwhile (now version {version_no}); nothing was recorded. Reopen the plan and decide on the new version"
            ),
        }
    }
}

impl std::error::Error for Conflict {}

/// The four-eyes rule, checked again inside the approval's transaction, refused it (another
/// buyer approved meanwhile, say): nothing recorded. The shell words the refusal in the
/// user's language; this text is for logs and scripts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApprovalRefused(pub ApprovalRefusal);

impl fmt::Display for ApprovalRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            ApprovalRefusal::NotNeeded => write!(f, "this decision does not need a second approval"),
            ApprovalRefusal::AlreadyApproved { by } => write!(f, "this decision was already approved by {by}"),
            ApprovalRefusal::OwnDecision => {
                write!(f, "you cannot approve your own decision; another buyer must do it")
            }
        }
    }
}

impl std::error::Error for ApprovalRefused {}

/// One imported version of a plan, without its content.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct VersionInfo {
    pub version_no: u32,
    pub sha256: String,
    pub label: String,
    pub imported_at: Instant,
    pub imported_by: String,
}

const SELECT: &str = "SELECT d.id, d.plan_id, v.version_no, d.plan_sha256, d.outcome, d.amounts_json,
        d.conditions_json, d.questions_json, d.reasoning, d.override_reason, d.supersedes, d.needs_approval,
        d.decided_by, d.decided_at, d.guidance_sha, d.policy_sha, d.regions_sha, d.policy_version,
        d.total_tenths, d.knocked_out, a.approved_by, a.approved_at
    FROM decisions d JOIN plan_versions v ON v.id = d.version_id
    LEFT JOIN decision_approvals a ON a.decision_id = d.id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Result<Decision>> {
    let outcome: String = r.get(4)?;
    let json = |i: usize| -> rusqlite::Result<String> { r.get(i) };
    let (amounts, conditions, questions) = (json(5)?, json(6)?, json(7)?);
    let approved_by: Option<String> = r.get(20)?;
    let id: i64 = r.get(0)?;
    let d = (|| -> Result<Decision> {
        Ok(Decision {
            id,
            plan_id: r.get(1)?,
            version_no: r.get(2)?,
            plan_sha256: r.get(3)?,
            outcome: Outcome::from_keyword(&outcome).with_context(|| format!("unknown outcome {outcome:?}"))?,
            amounts: serde_json::from_str(&amounts)?,
            conditions: serde_json::from_str(&conditions)?,
            questions: serde_json::from_str(&questions)?,
            reasoning: r.get(8)?,
            override_reason: r.get(9)?,
            supersedes: r.get(10)?,
            needs_approval: r.get(11)?,
            approval: match approved_by {
                Some(by) => Some(Approval {
                    by,
                    at: super::instant_at(r, 21, "decision_approvals.approved_at", &format_args!("decision #{id}"))??,
                }),
                None => None,
            },
            by: r.get(12)?,
            at: super::instant_at(r, 13, "decisions.decided_at", &format_args!("decision #{id}"))??,
            guidance_sha256: r.get(14)?,
            policy_sha256: r.get(15)?,
            regions_sha256: r.get(16)?,
            policy_version: r.get(17)?,
            total_tenths: r.get(18)?,
            knocked_out: r.get(19)?,
        })
    })()
    .with_context(|| format!("stored decision #{id} cannot be read"));
    Ok(d)
}

fn query(conn: &Connection, filter: &str, args: impl rusqlite::Params) -> Result<Vec<Decision>> {
    super::collect(conn, &format!("{SELECT} {filter}"), args, from_row)
}

/// The current decision of a plan: the one nothing supersedes.
pub(super) fn latest(conn: &Connection, plan_id: &str) -> Result<Option<Decision>> {
    Ok(query(
        conn,
        "WHERE d.plan_id = ?1 AND NOT EXISTS (SELECT 1 FROM decisions s WHERE s.supersedes = d.id) ORDER BY d.id",
        params![plan_id],
    )?
    .pop())
}

impl Store {
    /// Records a decision on the plan's latest version, with its assessment snapshot and an
    /// audit entry, in one transaction. Refused with a [`Conflict`] when the plan version or
    /// the latest decision is not the one the buyer saw.
    pub fn record_decision(&mut self, n: &NewDecision<'_>) -> Result<Decision> {
        self.durably(|s| s.record_decision_tx(n))
    }

    /// With `synchronous = FULL`: a committed decision survives a power failure, not only a
    /// crash (imports keep WAL's `NORMAL`, which can lose the last commits on power loss).
    pub(super) fn durably<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.conn.pragma_update(None, "synchronous", "full")?;
        let out = f(self);
        self.conn.pragma_update(None, "synchronous", "normal")?;
        out
    }

    fn record_decision_tx(&mut self, n: &NewDecision<'_>) -> Result<Decision> {
        let now = self.now();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let d = insert_decision(&tx, n, now)?;
        tx.commit()?;
        Ok(d)
    }

    /// A second buyer approves the plan's latest decision (four eyes), in one transaction.
    pub fn approve_decision(&mut self, plan_id: &str, expect_latest: Option<i64>, user: &str) -> Result<Decision> {
        self.durably(|s| s.approve_decision_tx(plan_id, expect_latest, user))
    }

    fn approve_decision_tx(&mut self, plan_id: &str, expect_latest: Option<i64>, user: &str) -> Result<Decision> {
        let now = self.now();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let Some(d) = latest(&tx, plan_id)? else {
            bail!(crate::core::bilingual::Text::new(
                format!("plan {plan_id} heeft geen besluit om goed te keuren"),
                format!("plan {plan_id} has no decision to approve"),
            ));
        };
        if let Some(expected) = expect_latest.filter(|e| *e != d.id) {
            return Err(Conflict::Decided {
                plan_id: plan_id.to_string(),
                expected: Some(expected),
                latest: Box::new(d),
            }
            .into());
        }
        let latest_version: u32 = tx.query_row(
            "SELECT version_no FROM latest_versions WHERE plan_id = ?1",
            params![plan_id],
            |r| r.get(0),
        )?;
        if latest_version != d.version_no {
            return Err(Conflict::PlanChanged {
                plan_id: plan_id.to_string(),
                version_no: latest_version,
            }
            .into());
        }
        if let Err(refusal) = check_approval(&d, user) {
            return Err(ApprovalRefused(refusal).into());
        }
        let audited = Audited {
            at: now,
            actor: user,
            action: "approval",
            plan_id: Some(plan_id),
        };
        audited.insert(
            &tx,
            "INSERT INTO decision_approvals (decision_id, approved_by, approved_at) VALUES (?1, ?2, ?3)",
            params![d.id, user, now.to_string()],
            |_| serde_json::json!({ "decision": d.id, "decided_by": d.by }),
        )?;
        let d = latest(&tx, plan_id)?.context("the approved decision cannot be read back")?;
        tx.commit()?;
        Ok(d)
    }

    /// Every decision on a plan, oldest first (each later one supersedes the one before).
    pub fn decisions(&self, plan_id: &str) -> Result<Vec<Decision>> {
        query(&self.conn, "WHERE d.plan_id = ?1 ORDER BY d.id", params![plan_id])
    }

    /// The current decision of a plan.
    pub fn latest_decision(&self, plan_id: &str) -> Result<Option<Decision>> {
        latest(&self.conn, plan_id)
    }

    /// The current decision of every plan that has one, by plan id.
    pub fn latest_decisions(&self) -> Result<HashMap<String, Decision>> {
        let all = query(
            &self.conn,
            "WHERE NOT EXISTS (SELECT 1 FROM decisions s WHERE s.supersedes = d.id) ORDER BY d.plan_id",
            [],
        )?;
        Ok(all.into_iter().map(|d| (d.plan_id.clone(), d)).collect())
    }

    /// The assessment a decision rests on, as it was when the decision was made.
    pub fn decision_snapshot(&self, decision_id: i64) -> Result<Assessment> {
        let json: String = self
            .conn
            .query_row(
                "SELECT assessment_json FROM decisions WHERE id = ?1",
                params![decision_id],
                |r| r.get(0),
            )
            .optional()?
            .with_context(|| format!("no decision #{decision_id}"))?;
        serde_json::from_str(&json).with_context(|| format!("decision #{decision_id}: the snapshot cannot be read"))
    }

    /// Every imported version of a plan, oldest first.
    pub fn versions(&self, plan_id: &str) -> Result<Vec<VersionInfo>> {
        let mut stmt = self.conn.prepare(
            "SELECT version_no, sha256, plan_version_label, imported_at, imported_by FROM plan_versions
             WHERE plan_id = ?1 ORDER BY version_no",
        )?;
        let rows = stmt.query_map(params![plan_id], |r| {
            let version_no: u32 = r.get(0)?;
            let (sha256, label, imported_by) = (r.get(1)?, r.get(2)?, r.get(4)?);
            let row = format!("plan {plan_id} version {version_no}");
            let imported_at = super::instant_at(r, 3, "plan_versions.imported_at", &row)?;
            Ok(imported_at.map(|imported_at| VersionInfo {
                version_no,
                sha256,
                label,
                imported_at,
                imported_by,
            }))
        })?;
        rows.map(|row| row?).collect()
    }

    /// One version of a plan, parsed.
    pub fn plan_version(&self, plan_id: &str, version_no: u32) -> Result<Option<crate::core::plan::Plan>> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT plan_json FROM plan_versions WHERE plan_id = ?1 AND version_no = ?2",
                params![plan_id, version_no],
                |r| r.get(0),
            )
            .optional()?;
        json.map(|j| {
            serde_json::from_str(&j)
                .with_context(|| format!("plan {plan_id} version {version_no}: stored JSON is unreadable"))
        })
        .transpose()
    }

    /// Copies the database to `dest` with SQLite's online backup API: a consistent copy while
    /// others keep working. `dest` must not exist (or, with `--force`, be a regular file); the
    /// copy is made in a temporary file beside it and put in place once checked.
    pub fn backup(&self, dest: &std::path::Path, existing: crate::io::output::Existing) -> Result<()> {
        let pending = crate::io::output::temp_for(dest, existing)?;
        {
            let mut out =
                Connection::open(pending.path()).with_context(|| format!("cannot create {}", dest.display()))?;
            {
                let backup = rusqlite::backup::Backup::new(&self.conn, &mut out)?;
                backup.run_to_completion(256, std::time::Duration::from_millis(5), None)?;
            }
            let ok: String = out.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            if ok != "ok" {
                bail!("the copy at {} fails its integrity check: {ok}", dest.display());
            }
            // A copy is a single file in rollback-journal mode, so it can be read where nobody
            // may write (a read-only share) without SQLite's WAL side files; resv switches it
            // back to WAL when it is opened for writing.
            let mode: String = out.pragma_update_and_check(None, "journal_mode", "delete", |r| r.get(0))?;
            if mode != "delete" {
                bail!(
                    "the copy at {} stays in journal mode {mode}, not delete",
                    dest.display()
                );
            }
            out.close().map_err(|(_, e)| e)?;
        }
        std::fs::File::open(pending.path())?.sync_all()?;
        pending.commit()
    }
}

/// What a new decision rests on: the plan's latest version (still the assessed one) and its
/// current decision (still the one the buyer saw).
struct Base {
    version_id: i64,
    sha: String,
    version_no: u32,
    current: Option<Decision>,
}

/// The optimistic-concurrency checks of a new decision: the plan version, the latest decision.
fn check_base(tx: &Connection, a: &Assessment, expect_latest: Option<i64>) -> Result<Base> {
    let (version_id, sha, version_no) = tx
        .query_row(
            "SELECT id, sha256, version_no FROM latest_versions WHERE plan_id = ?1",
            params![a.plan_id],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, u32>(2)?)),
        )
        .optional()?
        .with_context(|| format!("unknown plan {}", a.plan_id))?;
    if sha != a.plan_sha256 {
        return Err(Conflict::PlanChanged {
            plan_id: a.plan_id.clone(),
            version_no,
        }
        .into());
    }
    let current = latest(tx, &a.plan_id)?;
    match (&current, expect_latest) {
        (Some(d), expected) if Some(d.id) != expected => {
            return Err(Conflict::Decided {
                plan_id: a.plan_id.clone(),
                expected,
                latest: Box::new(d.clone()),
            }
            .into());
        }
        (None, Some(expected)) => {
            return Err(Conflict::NoDecision {
                plan_id: a.plan_id.clone(),
                expected,
            }
            .into());
        }
        _ => {}
    }
    Ok(Base {
        version_id,
        sha,
        version_no,
        current,
    })
}

/// Inserts a decision and its audit entry inside the caller's transaction, after the
/// optimistic-concurrency checks (the plan version, the latest decision).
pub(super) fn insert_decision(tx: &Connection, n: &NewDecision<'_>, now: Instant) -> Result<Decision> {
    let a = n.assessment;
    let Base {
        version_id,
        sha,
        version_no,
        current,
    } = check_base(tx, a, n.expect_latest)?;
    let c = n.checked;
    let audited = Audited {
        at: now,
        actor: n.by,
        action: "decision",
        plan_id: Some(&a.plan_id),
    };
    audited.insert(
        tx,
        "INSERT INTO decisions (plan_id, version_id, plan_sha256, outcome, amounts_json, total_cents,
            conditions_json, questions_json, reasoning, override_reason, supersedes, needs_approval,
            assessment_json, guidance_sha, policy_sha, regions_sha, policy_version, total_tenths, knocked_out,
            decided_by, decided_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
        params![
            a.plan_id,
            version_id,
            sha,
            c.outcome.keyword(),
            serde_json::to_string(&c.amounts)?,
            c.total().0,
            serde_json::to_string(&c.conditions)?,
            serde_json::to_string(&c.questions)?,
            c.reasoning,
            c.override_reason,
            current.as_ref().map(|d| d.id),
            c.needs_approval,
            serde_json::to_string(a)?,
            a.guidance.sha256,
            a.policy.sha256,
            a.regions.sha256,
            n.policy_version,
            a.total_tenths,
            a.knocked_out,
            n.by,
            now.to_string()
        ],
        |id| {
            serde_json::json!({
                "decision": id,
                "outcome": c.outcome.keyword(),
                "total_cents": c.total().0,
                "version": version_no,
                "supersedes": current.as_ref().map(|d| d.id),
                "needs_approval": c.needs_approval,
            })
        },
    )?;
    latest(tx, &a.plan_id)?.context("the decision just recorded cannot be read back")
}
