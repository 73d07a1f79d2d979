//! The queue's stored summaries: each plan version's score, knock-out and open flags, kept
//! with the key they were computed from (the plan's text, the rule files, the registry and
//! the plan's latest manual input and judgement). A summary counts only while its key equals
//! the current one, so a stale row is never shown: it is computed again.
//!
//! The current key of every plan is read in the same statement as the stored summary, so a
//! reader sees a summary only together with the rows it was made from.
//!
//! A stale summary's figures are still read ([`SummaryState::last`]): the workbench shows
//! them, marked as being recomputed, while it computes the current ones in the background.

use super::Store;
use anyhow::Result;
use rusqlite::params;

/// What the queue shows of one plan's assessment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Summary {
    pub total_tenths: u32,
    pub knocked_out: bool,
    /// Flags not yet judged; `None` without a registry.
    pub open_flags: Option<u32>,
}

/// One plan's latest version with its current summary key, and its stored summary when
/// that was made from exactly this key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryState {
    pub plan_id: String,
    pub version_id: i64,
    pub sha256: String,
    /// The id of the plan's latest manual input (0 when none).
    pub manual_id: i64,
    /// The id of the plan's latest judgement (0 when none).
    pub judgement_id: i64,
    pub fresh: Option<Summary>,
    /// The figures last stored for this version under another key (stale: to be shown only
    /// marked as such); `None` when the summary is fresh or nothing was ever stored.
    pub last: Option<Summary>,
}

/// The summary key's parts that are the same for every plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryScope {
    /// The rule files' SHA-256s and the build (the caller's digest of them).
    pub rules_key: String,
    /// The newest arrangement version's id (0 without a registry): any import that changes
    /// the registry adds a version, so it changes this.
    pub registry_version: i64,
}

pub(crate) const STATES: &str = "
    SELECT l.plan_id, l.id, l.sha256,
           COALESCE(k.manual_id, 0) AS mid, COALESCE(k.judgement_id, 0) AS jid,
           s.total_tenths, s.knocked_out, s.open_flags,
           s.plan_sha256, s.rules_key, s.registry_version, s.manual_id, s.judgement_id,
           (SELECT COALESCE(MAX(id), 0) FROM arrangement_versions) AS rv
    FROM plan_versions l INDEXED BY plan_versions_queue LEFT JOIN plan_marks k ON k.plan_id = l.plan_id
         LEFT JOIN queue_summaries s ON s.version_id = l.id
    WHERE l.version_no = (SELECT MAX(w.version_no) FROM plan_versions w WHERE w.plan_id = l.plan_id)
    ORDER BY l.plan_id";

impl Store {
    /// Runs `f` in one read transaction (one consistent view of the database), or in the
    /// transaction already open.
    pub fn snapshot<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return f(self);
        }
        let tx = self.conn.unchecked_transaction()?;
        let out = f(self)?;
        tx.commit()?;
        Ok(out)
    }

    /// The database file this store has open; `None` for an in-memory database.
    pub fn path(&self) -> Option<std::path::PathBuf> {
        self.conn.path().filter(|p| !p.is_empty()).map(std::path::PathBuf::from)
    }

    /// The newest arrangement version's id, 0 without a registry.
    pub fn registry_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT COALESCE(MAX(id), 0) FROM arrangement_versions", [], |r| {
                r.get(0)
            })?)
    }

    /// Every plan's latest version with its summary key, and the stored summary where its
    /// key is current for `rules_key`; also the registry version read in the same statement.
    pub fn summary_states(&self, rules_key: &str) -> Result<(i64, Vec<SummaryState>)> {
        let mut stmt = self.conn.prepare_cached(STATES)?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        let mut registry_version = None;
        while let Some(r) = rows.next()? {
            let (rv, state) = state_at(r, r.get(0)?, 1, rules_key)?;
            registry_version = Some(rv);
            out.push(state);
        }
        let rv = match registry_version {
            Some(rv) => rv,
            None => self.registry_version()?,
        };
        Ok((rv, out))
    }

    /// Stores summaries computed from `states` under `scope`, in one transaction, replacing
    /// what was stored for those versions. A cache write: not audited.
    /// Takes `&self`: a reader stores what it computed. Nothing is stored on a read-only
    /// database.
    pub fn store_summaries(&self, scope: &SummaryScope, items: &[(&SummaryState, Summary)]) -> Result<()> {
        if items.is_empty() || self.read_only {
            return Ok(());
        }
        let tx = self.conn.unchecked_transaction()?;
        {
            let mut put = tx.prepare_cached(
                "INSERT OR REPLACE INTO queue_summaries (version_id, plan_sha256, rules_key, registry_version,
                    manual_id, judgement_id, total_tenths, knocked_out, open_flags)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            for (state, s) in items {
                put.execute(params![
                    state.version_id,
                    state.sha256,
                    scope.rules_key,
                    scope.registry_version,
                    state.manual_id,
                    state.judgement_id,
                    s.total_tenths,
                    s.knocked_out,
                    s.open_flags,
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// How many summaries are stored (any key).
    pub fn summary_count(&self) -> Result<usize> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM queue_summaries", [], |r| r.get::<_, i64>(0))? as usize)
    }
}

/// The summary state of a row whose columns from `at` on are those of [`STATES`] from its
/// column 1 (version id, SHA-256, manual and judgement ids, the stored summary and its key,
/// the registry version); `plan_id` is the row's plan. Also the registry version.
pub(crate) fn state_at(
    r: &rusqlite::Row<'_>,
    plan_id: String,
    at: usize,
    rules_key: &str,
) -> Result<(i64, SummaryState)> {
    let (rv, fresh) = current_at(r, at, rules_key)?;
    // A stale key's figures are still read: the workbench shows them marked while it
    // recomputes them.
    let last = match (fresh, r.get::<_, Option<u32>>(at + 4)?) {
        (None, Some(total_tenths)) => Some(Summary {
            total_tenths,
            knocked_out: r.get(at + 5)?,
            open_flags: r.get(at + 6)?,
        }),
        _ => None,
    };
    let state = SummaryState {
        plan_id,
        version_id: r.get(at)?,
        sha256: r.get(at + 1)?,
        manual_id: r.get(at + 2)?,
        judgement_id: r.get(at + 3)?,
        fresh,
        last,
    };
    Ok((rv, state))
}

/// The stored summary of such a row when its key is current, and the registry version.
/// The stored key is compared where it lies (no copy of its texts, and as bytes: equal
/// bytes are equal texts).
pub(crate) fn current_at(r: &rusqlite::Row<'_>, at: usize, rules_key: &str) -> Result<(i64, Option<Summary>)> {
    let rv: i64 = r.get(at + 12)?;
    let text = |i: usize| -> Result<Option<&[u8]>> { Ok(r.get_ref(at + i)?.as_bytes_or_null()?) };
    let manual_id: i64 = r.get(at + 2)?;
    let judgement_id: i64 = r.get(at + 3)?;
    let sha = text(1)?;
    let current = sha.is_some()
        && text(7)? == sha
        && text(8)? == Some(rules_key.as_bytes())
        && r.get::<_, Option<i64>>(at + 9)? == Some(rv)
        && r.get::<_, Option<i64>>(at + 10)? == Some(manual_id)
        && r.get::<_, Option<i64>>(at + 11)? == Some(judgement_id);
    if !current {
        return Ok((rv, None));
    }
    Ok((
        rv,
        Some(Summary {
            total_tenths: r.get(at + 4)?,
            knocked_out: r.get(at + 5)?,
            open_flags: r.get(at + 6)?,
        }),
    ))
}
