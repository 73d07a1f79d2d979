//! The SQLite store: plans and their versions, manual scores and assessment snapshots, the
//! registry of existing arrangements and judgements on double-funding flags. A shell around
//! the core: it turns values into rows and back, and knows nothing of terminals.

mod assessments;
mod audit;
mod coordination;
mod decisions;
mod findings;
mod keys;
mod live;
mod migrations;
mod netfs;
mod nza;
mod open;
mod queue;
mod receipts;
mod registry;
mod registry_keys;
mod schema;
mod summaries;
#[cfg(test)]
pub(crate) use queue::{QUEUE_ROWS, QUEUE_STATES};

pub use assessments::SnapshotInfo;
pub use audit::AuditCheck;
pub use coordination::{AlreadyRecorded, NewRecord, SignedFacts};
pub use decisions::{ApprovalRefused, Conflict, NewDecision, VersionInfo};
pub use findings::{Finding, StoredFinding};
pub use keys::{NewKey, StoredKey};
pub use live::Mark;
pub use migrations::SCHEMA_VERSION;
pub use nza::{ImportedFile, StoredSample};
pub use open::{Access, FsProbe, OpenOptions, may_write, network_fs};
pub use receipts::StoredReceipt;
pub use registry::{ArrangementVersion, RegistryImport};
pub use schema::{SchemaDifference, SchemaObject};
pub use summaries::{Summary, SummaryScope, SummaryState};

use crate::core::plan::{Date, Plan};
use crate::core::time::Instant;
use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use std::path::Path;
use std::time::Duration;

/// An open database.
pub struct Store {
    conn: Connection,
    read_only: bool,
    /// A fixed "now" for reproducible output (tests, snapshots); `None` reads the clock.
    fixed_now: Option<Instant>,
}

/// What happened to one imported plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportOutcome {
    /// Stored as a new version (1 for a new plan).
    Imported { version: u32 },
    /// The identical text is already stored as this version; nothing changed.
    Unchanged { version: u32 },
}

/// A plan whose id differs only in case from a stored plan's: refused, not a second plan.
#[derive(Debug)]
pub struct IdCaseClash {
    pub stored: String,
    pub given: String,
}

impl std::fmt::Display for IdCaseClash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "found plan id \"{}\", but plan \"{}\" is stored and plan ids do not depend on case; expected \"{}\" (a new version of that plan) or another id",
            self.given, self.stored, self.stored
        )
    }
}

impl std::error::Error for IdCaseClash {}

/// A stored version of a plan.
#[derive(Clone, Debug)]
pub struct StoredPlan {
    pub plan: Plan,
    pub version_no: u32,
    pub sha256: String,
    pub source_path: String,
    pub imported_at: Instant,
    pub imported_by: String,
    pub version_count: u32,
}

pub use crate::core::sha256_hex;

/// The media type of a plan workbook kept as a version's original.
pub const XLSX_MEDIA_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A timestamp read back from the database, strictly: `column` of `row` must hold
/// `YYYY-MM-DDTHH:MM:SSZ`, the only form resv writes.
pub(crate) fn stored_instant(text: &str, column: &str, row: &str) -> Result<Instant> {
    Instant::parse(text).with_context(|| not_an_instant(text, column, row))
}

/// A date read back from the database, strictly: `YYYY-MM-DD`, the only form resv writes.
pub(crate) fn stored_date(text: &str, column: &str, row: &str) -> Result<Date> {
    Date::parse(text).with_context(|| {
        format!(
            "{row}: stored {column} {:?} is not a date (expected YYYY-MM-DD)",
            crate::core::sanitize::clean(text)
        )
    })
}

fn not_an_instant(text: &str, column: &str, row: &str) -> String {
    format!(
        "{row}: stored {column} {:?} is not a timestamp (expected YYYY-MM-DDTHH:MM:SSZ, UTC)",
        crate::core::sanitize::clean(text)
    )
}

/// Column `idx` of a result row read strictly as a timestamp (see [`stored_instant`]), for
/// use inside a row mapper: SQLite's error (outer) apart from a value in another form
/// (inner), whose error names `column` (`table.column`) and `row`.
pub(crate) fn instant_at(
    r: &rusqlite::Row<'_>,
    idx: usize,
    column: &str,
    row: &dyn std::fmt::Display,
) -> rusqlite::Result<Result<Instant>> {
    let text: String = r.get(idx)?;
    Ok(stored_instant(&text, column, &row.to_string()))
}

/// Runs a query whose rows each become a value, or an error of their own (a stored value
/// that cannot be read), and collects them.
fn collect<T>(
    conn: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
    from_row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<Result<T>>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map(args, from_row)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row??);
    }
    Ok(out)
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date;
    /// with `read_only`, SQLite itself refuses every write. The same as [`Store::open_with`]
    /// with [`Access::Write`] (creating) or [`Access::ReadOnly`].
    pub fn open(path: &Path, read_only: bool) -> Result<Store> {
        let access = if read_only {
            Access::ReadOnly
        } else {
            Access::Write { create: true }
        };
        Store::open_with(path, OpenOptions::new(access))
    }

    /// A private in-memory database (tests, benchmarks).
    pub fn open_in_memory() -> Result<Store> {
        Store::setup(Connection::open_in_memory()?, false)
    }

    fn setup(mut conn: Connection, read_only: bool) -> Result<Store> {
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        let version = open::schema_version_of(&conn)?;
        if read_only {
            if version < SCHEMA_VERSION {
                bail!(
                    "schema version {version} needs an upgrade to {SCHEMA_VERSION}; open it once without --read-only, as a user who may write the file and its folder"
                );
            }
            conn.pragma_update(None, "query_only", true)?;
        } else {
            let mode: String = conn.pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0))?;
            if mode != "wal" && mode != "memory" {
                tracing::warn!("journal_mode is {mode}, not wal");
            }
            conn.pragma_update(None, "synchronous", "normal")?;
            if version < SCHEMA_VERSION {
                // An old schema changed by hand is not migrated: the migration would write
                // into it, and its triggers would run.
                if version > 0 {
                    let diffs = schema::differences_at(&conn, version)?;
                    if !diffs.is_empty() {
                        bail!("{}", schema::refusal(&diffs));
                    }
                }
                if let Some(from) = migrate(&mut conn)? {
                    tracing::info!("migrated schema from {from} to {SCHEMA_VERSION}");
                }
            }
        }
        Ok(Store {
            conn,
            read_only,
            fixed_now: None,
        })
    }

    /// Records every change at this fixed time instead of the clock (tests and snapshots).
    /// Panics unless `now` is in the stored form (`YYYY-MM-DDTHH:MM:SSZ`).
    pub fn set_fixed_now(&mut self, now: &str) {
        let at = Instant::parse(now);
        assert!(at.is_some(), "fixed time {now:?}: expected YYYY-MM-DDTHH:MM:SSZ");
        self.fixed_now = at;
    }

    /// The time recorded with a change: the clock in UTC (whole seconds), or the fixed time
    /// of tests. The only place resv reads the clock.
    pub fn now(&self) -> Instant {
        self.fixed_now
            .unwrap_or_else(|| Instant::from_timestamp(jiff::Timestamp::now()))
    }

    /// Today's date in UTC (the fixed time's date in tests).
    pub fn today(&self) -> crate::core::plan::Date {
        self.now().date()
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub fn schema_version(&self) -> Result<u32> {
        open::schema_version_of(&self.conn)
    }

    /// Stores a validated plan as a new version, in one transaction. Text identical to the
    /// latest version changes nothing.
    pub fn import_plan(
        &mut self,
        plan: &Plan,
        source_text: &str,
        source_path: &str,
        user: &str,
    ) -> Result<ImportOutcome> {
        self.import_plan_with_original(plan, source_text, None, source_path, user)
    }

    /// [`Store::import_plan`] for a plan read from a workbook: `original` is the file's
    /// bytes, kept beside the version (`plan_originals`), and the version's SHA-256 is
    /// theirs; `source_text` is the plan's equivalent TOML text. Bytes identical to the
    /// latest version's change nothing.
    pub fn import_plan_with_original(
        &mut self,
        plan: &Plan,
        source_text: &str,
        original: Option<&[u8]>,
        source_path: &str,
        user: &str,
    ) -> Result<ImportOutcome> {
        let hash = match original {
            Some(bytes) => crate::core::sha256_bytes_hex(bytes),
            None => sha256_hex(source_text),
        };
        let now = self.now();
        // IMMEDIATE: take the write lock before reading the latest version, so two importers
        // cannot both compute the same next version number.
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        refuse_id_case_clash(&tx, &plan.id)?;
        let latest: Option<(u32, String)> = tx
            .prepare_cached(
                "SELECT version_no, sha256 FROM plan_versions WHERE plan_id = ?1 ORDER BY version_no DESC LIMIT 1",
            )?
            .query_row(params![plan.id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        // Only the latest version counts: a region that goes back to an earlier text makes
        // that text the newest version again.
        if let Some((version, _)) = latest.as_ref().filter(|(_, h)| *h == hash) {
            return Ok(ImportOutcome::Unchanged { version: *version });
        }
        tx.prepare_cached("INSERT OR IGNORE INTO plans (plan_id, first_imported_at) VALUES (?1, ?2)")?
            .execute(params![plan.id, now.to_string()])?;
        let version: u32 = tx
            .prepare_cached("SELECT COALESCE(MAX(version_no), 0) + 1 FROM plan_versions WHERE plan_id = ?1")?
            .query_row(params![plan.id], |r| r.get(0))?;
        let audited = audit::Audited {
            at: now,
            actor: user,
            action: "plan-import",
            plan_id: Some(&plan.id),
        };
        let version_id = audited.insert(
            &tx,
            "INSERT INTO plan_versions (plan_id, version_no, sha256, source_path, source_text, plan_json,
                plan_version_label, resv_name, region, scenario, requested_per_year_cents, submitted,
                imported_at, imported_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            params![
                plan.id,
                version,
                hash,
                source_path,
                source_text,
                serde_json::to_string(plan)?,
                plan.version,
                plan.resv.name,
                plan.region.name,
                plan.resv.scenario.keyword(),
                plan.requested_per_year().0,
                plan.submitted.to_string(),
                now.to_string(),
                user,
            ],
            |_| serde_json::json!({ "version": version, "sha256": hash, "source": source_path }),
        )?;
        insert_activities(&tx, version_id, plan)?;
        if let Some(bytes) = original {
            tx.prepare_cached("INSERT INTO plan_originals (version_id, media_type, bytes) VALUES (?1, ?2, ?3)")?
                .execute(params![version_id, XLSX_MEDIA_TYPE, bytes])?;
        }
        tx.commit()?;
        Ok(ImportOutcome::Imported { version })
    }

    /// The latest version of every plan: (plan id, SHA-256 of its text, its version number,
    /// the plan).
    pub fn latest_plans(&self) -> Result<Vec<(String, String, u32, Plan)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT plan_id, sha256, plan_json, version_no FROM latest_versions ORDER BY plan_id")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, u32>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, sha, json, version_no) = row?;
            let plan: Plan = serde_json::from_str(&json)
                .with_context(|| format!("plan {id} version {version_no}: stored JSON is unreadable"))?;
            out.push((id, sha, version_no, plan));
        }
        Ok(out)
    }

    /// Every plan's latest version as the coordination overview needs it: (plan id, RESV
    /// name, version number, RHO region), in plan id order. The region is read out of the
    /// stored JSON by SQLite: no plan is parsed or held (at 50,000 plans, reading them all
    /// took 400 MiB).
    pub fn latest_plan_regions(&self) -> Result<Vec<(String, String, u32, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT plan_id, resv_name, version_no, json_extract(plan_json, '$.region.rho_region')
             FROM latest_versions ORDER BY plan_id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let version_no: u32 = r.get(2)?;
            let region: Option<String> = r.get(3)?;
            let region = region
                .with_context(|| format!("plan {id} version {version_no}: stored JSON has no region.rho_region"))?;
            out.push((id, r.get(1)?, version_no, region));
        }
        Ok(out)
    }

    /// The stored versions `version_ids` names, as `(version id, SHA-256, plan)`, in no
    /// particular order; an unknown id is left out. For reading a large set a chunk at a
    /// time (the workbench's background recomputation), not holding every plan at once.
    pub fn plan_versions(&self, version_ids: &[i64]) -> Result<Vec<(i64, String, Plan)>> {
        let mut out = Vec::with_capacity(version_ids.len());
        let mut stmt = self
            .conn
            .prepare_cached("SELECT sha256, plan_json, plan_id, version_no FROM plan_versions WHERE id = ?1")?;
        for id in version_ids {
            let row = stmt
                .query_row(params![id], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, u32>(3)?,
                    ))
                })
                .optional()?;
            let Some((sha, json, plan_id, version_no)) = row else {
                continue;
            };
            let plan: Plan = serde_json::from_str(&json)
                .with_context(|| format!("plan {plan_id} version {version_no}: stored JSON is unreadable"))?;
            out.push((*id, sha, plan));
        }
        Ok(out)
    }

    /// The latest version of a plan, or `None` if the id is unknown.
    pub fn latest_plan(&self, plan_id: &str) -> Result<Option<StoredPlan>> {
        let row = self
            .conn
            .query_row(
                "SELECT plan_json, version_no, sha256, source_path, imported_at, imported_by,
                        (SELECT COUNT(*) FROM plan_versions w WHERE w.plan_id = l.plan_id)
                 FROM latest_versions l WHERE l.plan_id = ?1",
                params![plan_id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, u32>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, u32>(6)?,
                    ))
                },
            )
            .optional()?;
        let Some((json, version_no, sha256, source_path, imported_at, imported_by, version_count)) = row else {
            return Ok(None);
        };
        let plan: Plan = serde_json::from_str(&json)
            .with_context(|| format!("plan {plan_id} version {version_no}: stored JSON is unreadable"))?;
        let imported_at = stored_instant(
            &imported_at,
            "plan_versions.imported_at",
            &format!("plan {plan_id} version {version_no}"),
        )?;
        Ok(Some(StoredPlan {
            plan,
            version_no,
            sha256,
            source_path,
            imported_at,
            imported_by,
            version_count,
        }))
    }
}

/// Refuses a plan id that differs only in case from a stored one: plan ids are one identity
/// whatever their case (ids are ASCII, which NOCASE folds).
fn refuse_id_case_clash(tx: &Connection, id: &str) -> Result<()> {
    let stored: Option<String> = tx
        .prepare_cached("SELECT plan_id FROM plans WHERE plan_id = ?1 COLLATE NOCASE AND plan_id <> ?1 LIMIT 1")?
        .query_row(params![id], |r| r.get(0))
        .optional()?;
    match stored {
        Some(stored) => Err(IdCaseClash {
            stored,
            given: id.to_string(),
        }
        .into()),
        None => Ok(()),
    }
}

/// The activities of a plan version just inserted (derived from its `plan_json`, which the
/// version's audit entry covers).
fn insert_activities(tx: &Connection, version_id: i64, plan: &Plan) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO activities (version_id, activity_id, title, main_task, nature, executor,
            start_date, end_date, annual_cost_cents, fte_hundredths)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for a in &plan.activities {
        stmt.execute(params![
            version_id,
            a.id,
            a.title,
            a.main_task,
            a.nature.keyword(),
            a.executor.name,
            a.start.to_string(),
            a.end.to_string(),
            a.annual_cost.0,
            a.fte_hundredths,
        ])?;
    }
    Ok(())
}

/// Brings the schema up to date; returns the version it started from, or `None` when
/// another process had done it already.
fn migrate(conn: &mut Connection) -> Result<Option<u32>> {
    migrate_to(conn, SCHEMA_VERSION)
}

/// Brings the schema to version `to` (at most [`SCHEMA_VERSION`]).
fn migrate_to(conn: &mut Connection, to: u32) -> Result<Option<u32>> {
    // IMMEDIATE, and the version read inside it: two processes opening an old database at
    // once migrate it once.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let from: u32 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if from >= to {
        return Ok(None);
    }
    let steps = migrations::MIGRATIONS.iter().enumerate().take(to as usize);
    for (i, m) in steps.skip(from as usize) {
        tx.execute_batch(m.sql)
            .with_context(|| format!("migration {} failed", i + 1))?;
        if let Some(then) = m.then {
            then(&tx).with_context(|| format!("migration {} failed", i + 1))?;
        }
    }
    tx.pragma_update(None, "user_version", to)?;
    tx.commit()?;
    Ok(Some(from))
}

#[cfg(test)]
mod tests;
