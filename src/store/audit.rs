//! The audit trail in SQLite: every write appends, in its own transaction, an entry naming
//! the rows it wrote and their SHA-256 digest, chained by hash (`core::audit`).
//!
//! `verify` checks three things: the chain is whole; every entry's rows still have the
//! digest it recorded (a row edited behind the tool's back is caught); and every row of an
//! audited table belongs to an entry (a row inserted behind its back is caught). Beside
//! them, the schema is compared with the one the migrations make (`schema.rs`), and, given
//! a head noted earlier, the chain must still hold that entry (entries cut off the end with
//! their rows are caught).

use super::Store;
use crate::core::audit::{Entry, GENESIS, Head, verify_chain};
use crate::core::time::Instant;
use anyhow::{Context, Result};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// The audited tables and the columns their digest covers (all of them).
const AUDITED: &[(&str, &str)] = &[
    (
        "plan_versions",
        "id, plan_id, version_no, sha256, source_path, source_text, plan_json, plan_version_label, resv_name,
         region, scenario, requested_per_year_cents, submitted, imported_at, imported_by",
    ),
    (
        "manual_inputs",
        "id, plan_id, version_id, criterion, score, note, inputs, entered_by, entered_at",
    ),
    (
        "arrangement_versions",
        "id, arrangement_id, version_no, data_json, recipient, funder, stream, start_date, end_date,
         annual_amount_cents, source_path, imported_at, imported_by",
    ),
    (
        "flag_judgements",
        "id, plan_id, version_id, activity_id, arrangement_id, verdict, reason, judged_by, judged_at",
    ),
    (
        "decisions",
        "id, plan_id, version_id, plan_sha256, outcome, amounts_json, total_cents, conditions_json, questions_json,
         reasoning, override_reason, supersedes, needs_approval, assessment_json, guidance_sha, policy_sha,
         regions_sha, policy_version, total_tenths, knocked_out, decided_by, decided_at",
    ),
    ("decision_approvals", "id, decision_id, approved_by, approved_at"),
    (
        "coordination",
        "id, plan_id, version_id, kind, insurer_id, rho_region, leader_id, leader_decision_id, outcome, share_json,
         package_sha256, package_json, decision_id, reason, recorded_by, recorded_at",
    ),
    (
        "nza_imports",
        "id, file_name, file_sha256, insurer_id, insurer_name, exported_at, contracts, imported_by, imported_at",
    ),
    (
        "nza_contracts",
        "id, import_id, insurer_id, plan_id, plan_version, plan_sha256, sha256, contract_json",
    ),
    (
        "insurer_keys",
        "id, insurer_id, public_key, fingerprint, valid_from, valid_until, trusted_by, trusted_at",
    ),
    (
        "key_revocations",
        "id, key_id, revoked_from, reason, revoked_by, revoked_at",
    ),
    (
        "coordination_signed",
        "id, coordination_id, sequence, signer_fingerprint, answer, own_json",
    ),
    (
        "follow_receipts",
        "id, plan_id, follower_id, package_sha256, sequence, answer, reason, answered_at, receipt_sha256,
         receipt_json, signer_fingerprint, recorded_by, recorded_at",
    ),
    (
        "samples",
        "id, method, size, seed, population_size, population_sha256, items, sample_json, created_by, created_at",
    ),
    (
        "sample_findings",
        "id, sample_id, item_id, finding, audited_cents, note, recorded_by, recorded_at",
    ),
];

fn columns(table: &str) -> Result<&'static str> {
    AUDITED
        .iter()
        .find(|(t, _)| *t == table)
        .map(|(_, c)| *c)
        .with_context(|| format!("{table} is not an audited table"))
}

/// SHA-256 over the rows `first..=last` of an audited table (each row as a JSON array of
/// all its columns, one per line), and how many rows there are.
fn rows_digest(conn: &Connection, table: &str, first: i64, last: i64) -> Result<(String, usize)> {
    let sql = format!(
        "SELECT json_array({}) FROM {table} WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
        columns(table)?
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut text = String::new();
    let mut n = 0;
    for row in stmt.query_map(params![first, last], |r| r.get::<_, String>(0))? {
        text.push_str(&row?);
        text.push('\n');
        n += 1;
    }
    Ok((crate::core::sha256_hex(&text), n))
}

/// Who writes, when, and what for: the audit entry of a write, less its rows. Every writer
/// of an audited table goes through [`Audited::insert`] (one row) or [`Audited::rows`]
/// (rows written one by one), inside its transaction, so no row goes without its entry.
pub(super) struct Audited<'a> {
    pub at: Instant,
    pub actor: &'a str,
    pub action: &'a str,
    pub plan_id: Option<&'a str>,
}

impl Audited<'_> {
    /// Inserts one row into an audited table with `sql` (`INSERT INTO table ...`) and
    /// appends its entry, with the facts `summary` gives for the new row's id; returns the id.
    pub fn insert(
        &self,
        conn: &Connection,
        sql: &str,
        params: impl rusqlite::Params,
        summary: impl FnOnce(i64) -> Value,
    ) -> Result<i64> {
        let table = inserted_table(sql)?;
        conn.prepare_cached(sql)?.execute(params)?;
        let id = conn.last_insert_rowid();
        self.rows(conn, table, id, id, summary(id))?;
        Ok(id)
    }

    /// Appends the entry for the rows `first..=last` of `table` that this transaction wrote,
    /// with a few facts for people reading the log (`summary`; the digest is added).
    pub fn rows(&self, conn: &Connection, table: &str, first: i64, last: i64, summary: Value) -> Result<Entry> {
        append(
            conn,
            Change {
                at: self.at,
                actor: self.actor,
                action: self.action,
                plan_id: self.plan_id,
                table,
                first,
                last,
                summary,
            },
        )
    }
}

/// The audited table an `INSERT INTO table ...` statement writes.
fn inserted_table(sql: &str) -> Result<&str> {
    let rest = sql
        .trim_start()
        .strip_prefix("INSERT INTO ")
        .with_context(|| format!("not an INSERT INTO statement: {:?}", sql.get(..40).unwrap_or(sql)))?;
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let table = &rest[..end];
    columns(table)?;
    Ok(table)
}

/// What one change wrote, for its audit entry.
struct Change<'a> {
    at: Instant,
    actor: &'a str,
    action: &'a str,
    plan_id: Option<&'a str>,
    table: &'a str,
    first: i64,
    last: i64,
    /// A few facts for people reading the log (the digest is added).
    summary: Value,
}

/// Appends the entry for a change; call inside the change's transaction, after its rows.
fn append(conn: &Connection, c: Change<'_>) -> Result<Entry> {
    let (digest, rows) = rows_digest(conn, c.table, c.first, c.last)?;
    let mut detail = match c.summary {
        Value::Object(m) => m,
        Value::Null => Map::new(),
        other => Map::from_iter([("summary".to_string(), other)]),
    };
    detail.insert("rows".into(), Value::from(rows));
    detail.insert("rows_sha256".into(), Value::from(digest));
    let last: Option<(i64, String)> = conn
        .prepare_cached("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (seq, prev_hash) = last.map_or((1, GENESIS.to_string()), |(s, h)| (s + 1, h));
    let subject = if c.first == c.last {
        format!("{}:{}", c.table, c.first)
    } else {
        format!("{}:{}-{}", c.table, c.first, c.last)
    };
    let mut e = Entry {
        seq,
        at: c.at,
        actor: c.actor.to_string(),
        action: c.action.to_string(),
        plan_id: c.plan_id.map(str::to_string),
        subject,
        detail: Value::Object(detail).to_string(),
        prev_hash,
        hash: String::new(),
    };
    e.hash = e.compute_hash();
    conn.prepare_cached(
        "INSERT INTO audit_log (seq, at, actor, action, plan_id, subject, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        e.seq,
        e.at.to_string(),
        e.actor,
        e.action,
        e.plan_id,
        e.subject,
        e.detail,
        e.prev_hash,
        e.hash
    ])?;
    Ok(e)
}

/// The column of a table that existed before the audit trail which holds when a row was written.
fn column(table: &str) -> &'static str {
    match table {
        "manual_inputs" => "entered_at",
        "flag_judgements" => "judged_at",
        _ => "imported_at",
    }
}

/// Migration 4: an audit entry for every row written before the audit trail existed, in the
/// order they were written.
pub(super) fn backfill(tx: &rusqlite::Transaction<'_>) -> Result<()> {
    let sources = [
        (
            "plan_versions",
            "plan-import",
            "SELECT id, imported_at, imported_by, plan_id, json_object('version', version_no) FROM plan_versions",
        ),
        (
            "arrangement_versions",
            "registry-import",
            "SELECT id, imported_at, imported_by, NULL, json_object('arrangement', arrangement_id, 'version', version_no) FROM arrangement_versions",
        ),
        (
            "manual_inputs",
            "manual-input",
            "SELECT id, entered_at, entered_by, plan_id, json_object('criterion', criterion, 'score', score) FROM manual_inputs",
        ),
        (
            "flag_judgements",
            "flag-judgement",
            "SELECT id, judged_at, judged_by, plan_id, json_object('activity', activity_id, 'arrangement', arrangement_id, 'verdict', verdict) FROM flag_judgements",
        ),
    ];
    let mut rows = Vec::new();
    for (order, (table, action, sql)) in sources.iter().enumerate() {
        let mut stmt = tx.prepare(sql)?;
        let found = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(1)?,
                order,
                r.get::<_, i64>(0)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        for row in found {
            let (at, order, id, actor, plan_id, summary) = row?;
            rows.push((at, order, id, actor, plan_id, summary, *table, *action));
        }
    }
    rows.sort_by(|a, b| (&a.0, a.1, a.2).cmp(&(&b.0, b.1, b.2)));
    for (at, _, id, actor, plan_id, summary, table, action) in rows {
        let mut summary: Value = serde_json::from_str(&summary)?;
        summary["backfilled"] = Value::Bool(true);
        let audited = Audited {
            at: super::stored_instant(&at, &format!("{table}.{}", column(table)), &format!("row {id}"))?,
            actor: &actor,
            action,
            plan_id: plan_id.as_deref(),
        };
        audited.rows(tx, table, id, id, summary)?;
    }
    Ok(())
}

/// The result of `verify`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditCheck {
    pub entries: usize,
    /// Rows of audited tables whose digests were checked.
    pub rows: usize,
    /// The newest entry now.
    pub head: Head,
    /// The first problem of the trail found, if any.
    pub problem: Option<String>,
    /// Every way the schema differs from the one resv's migrations make.
    pub schema: Vec<super::SchemaDifference>,
}

impl AuditCheck {
    pub fn is_whole(&self) -> bool {
        self.problem.is_none() && self.schema.is_empty()
    }
}

impl Store {
    /// The audit trail, oldest first; only one plan's entries with `plan_id`.
    pub fn audit_log(&self, plan_id: Option<&str>) -> Result<Vec<Entry>> {
        // One plan's entries by the index `audit_log_by_plan`; `?1 IS NULL OR plan_id = ?1`
        // would read the whole trail.
        const COLUMNS: &str = "SELECT seq, at, actor, action, plan_id, subject, detail, prev_hash, hash FROM audit_log";
        let mut stmt = match plan_id {
            Some(_) => self
                .conn
                .prepare_cached(&format!("{COLUMNS} WHERE plan_id = ?1 ORDER BY seq"))?,
            None => self.conn.prepare_cached(&format!("{COLUMNS} ORDER BY seq"))?,
        };
        let args: Vec<&dyn rusqlite::ToSql> = plan_id.iter().map(|p| p as &dyn rusqlite::ToSql).collect();
        let rows = stmt.query_map(args.as_slice(), |r| {
            let seq: i64 = r.get(0)?;
            let at = super::instant_at(r, 1, "audit_log.at", &format_args!("audit entry {seq}"))?;
            let (actor, action, plan_id, subject) = (r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
            let (detail, prev_hash, hash) = (r.get(6)?, r.get(7)?, r.get(8)?);
            Ok(at.map(|at| Entry {
                seq,
                at,
                actor,
                action,
                plan_id,
                subject,
                detail,
                prev_hash,
                hash,
            }))
        })?;
        rows.map(|row| row?).collect()
    }

    /// The newest audit entry as `SEQ:HASH` (see [`Head`]).
    pub fn audit_head(&self) -> Result<Head> {
        let last: Option<(i64, String)> = self
            .conn
            .prepare_cached("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        Ok(last.map_or(
            Head {
                seq: 0,
                hash: GENESIS.to_string(),
            },
            |(seq, hash)| Head { seq, hash },
        ))
    }

    /// Checks the schema, and the whole audit trail against itself, against a head noted
    /// earlier (`expect`) and against the audited rows.
    pub fn verify_audit(&self, expect: Option<&Head>) -> Result<AuditCheck> {
        let entries = self.audit_log(None)?;
        let mut check = AuditCheck {
            entries: entries.len(),
            rows: 0,
            head: Head::of(&entries),
            problem: None,
            schema: super::schema::differences(&self.conn)?,
        };
        if let Err(b) = verify_chain(&entries) {
            check.problem = Some(b.to_string());
            return Ok(check);
        }
        if let Some(Err(p)) = expect.map(|h| h.check(&entries)) {
            check.problem = Some(p);
            return Ok(check);
        }
        let mut ranges: HashMap<&str, Vec<(i64, i64)>> = HashMap::new();
        for e in &entries {
            let Some((table, first, last)) = e.rows() else {
                check.problem = Some(format!("entry {}: unreadable subject {:?}", e.seq, e.subject));
                return Ok(check);
            };
            let detail: Value = serde_json::from_str(&e.detail).unwrap_or(Value::Null);
            let (Some(recorded), Some(count)) = (detail["rows_sha256"].as_str(), detail["rows"].as_u64()) else {
                check.problem = Some(format!("entry {}: its detail has no row digest", e.seq));
                return Ok(check);
            };
            if columns(table).is_err() {
                check.problem = Some(format!("entry {}: {table} is not an audited table", e.seq));
                return Ok(check);
            }
            let (digest, n) = rows_digest(&self.conn, table, first, last)?;
            if digest != recorded || n as u64 != count {
                check.problem = Some(format!(
                    "entry {} ({} by {} at {}): the rows {} no longer match it ({} of {count} rows found; changed, added or removed behind resv's back)",
                    e.seq, e.action, e.actor, e.at, e.subject, n
                ));
                return Ok(check);
            }
            check.rows += n;
            let table = AUDITED.iter().find(|(t, _)| *t == table).map_or("", |(t, _)| *t);
            ranges.entry(table).or_default().push((first, last));
        }
        for (table, _) in AUDITED {
            let spans = ranges.entry(table).or_default();
            spans.sort_unstable();
            let mut stmt = self.conn.prepare(&format!("SELECT id FROM {table} ORDER BY id"))?;
            for id in stmt.query_map([], |r| r.get::<_, i64>(0))? {
                let id = id?;
                let i = spans.partition_point(|(first, _)| *first <= id);
                if i == 0 || spans[i - 1].1 < id {
                    check.problem = Some(format!(
                        "row {id} of {table} has no audit entry (written behind resv's back)"
                    ));
                    return Ok(check);
                }
            }
        }
        check.problem = originals_problem(&self.conn)?;
        Ok(check)
    }
}

/// A workbook kept as a plan version's original must still hash to the version's audited
/// SHA-256 (an original changed, or added to a version read from TOML, is caught).
fn originals_problem(conn: &Connection) -> Result<Option<String>> {
    let mut stmt = conn.prepare(
        "SELECT o.version_id, o.bytes, v.sha256, v.plan_id, v.version_no
         FROM plan_originals o LEFT JOIN plan_versions v ON v.id = o.version_id ORDER BY o.version_id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (id, bytes): (i64, Vec<u8>) = (r.get(0)?, r.get(1)?);
        let version: Option<(String, String, i64)> = match r.get::<_, Option<String>>(2)? {
            Some(sha) => Some((sha, r.get(3)?, r.get(4)?)),
            None => None,
        };
        match version {
            Some((sha, _, _)) if sha == crate::core::sha256_bytes_hex(&bytes) => {}
            Some((_, plan, no)) => {
                return Ok(Some(format!(
                    "the original file of plan {plan} version {no} no longer matches the version's SHA-256 \
                     (changed or added behind resv's back)"
                )));
            }
            None => return Ok(Some(format!("plan original {id} belongs to no plan version"))),
        }
    }
    Ok(None)
}
