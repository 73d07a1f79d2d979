//! The registry of existing arrangements and the buyer's judgements on double-funding flags.

use super::Store;
use crate::core::funding::{Arrangement, Judgement, Verdict};
use crate::core::time::Instant;
use anyhow::{Context, Result, bail};
use rusqlite::{OptionalExtension, TransactionBehavior, params};

/// What one registry import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RegistryImport {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// One stored version of an arrangement.
#[derive(Clone, Debug)]
pub struct ArrangementVersion {
    pub version_no: u32,
    pub arrangement: Arrangement,
    pub source_path: String,
    pub imported_at: Instant,
    pub imported_by: String,
}

impl Store {
    /// Stores a checked registry file in one transaction. A new id is added; a known id
    /// whose content changed gets a new version (the old one is kept); identical content
    /// changes nothing.
    pub fn import_arrangements(&mut self, items: &[Arrangement], source: &str, user: &str) -> Result<RegistryImport> {
        // A large import writes hundreds of thousands of index rows: a page cache of 64 MiB
        // for its transaction keeps SQLite from spilling pages to the WAL before the commit.
        let cache: i64 = self.conn.pragma_query_value(None, "cache_size", |r| r.get(0))?;
        self.conn.pragma_update(None, "cache_size", -65_536)?;
        // Every key row written refers to an arrangement written just before it in the same
        // transaction (`registry_keys::apply`), so SQLite's look-up of the parent row for
        // each of the hundreds of thousands of key rows is skipped: foreign keys are off
        // for this transaction only (the pragma cannot change inside one), on again after.
        let fk: bool = self.conn.pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
        self.conn.pragma_update(None, "foreign_keys", false)?;
        let out = self.import_arrangements_now(items, source, user);
        self.conn.pragma_update(None, "foreign_keys", fk)?;
        self.conn.pragma_update(None, "cache_size", cache)?;
        out
    }

    fn import_arrangements_now(&mut self, items: &[Arrangement], source: &str, user: &str) -> Result<RegistryImport> {
        let now = self.now();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut out = RegistryImport::default();
        let mut written: Option<(i64, i64)> = None;
        // What changed, for the keyed lookup: (the version replaced, the new one).
        // The terms of every arrangement in the file are normalised on another core while
        // this one writes the arrangements, and their key rows put in write order there
        // too; only those of changed ones are kept.
        let (changes, prepared) = std::thread::scope(|scope| -> Result<_> {
            let prepared = (items.len() >= 2_000).then(|| scope.spawn(|| super::registry_keys::Prepared::of(items)));
            let changes = write_arrangements(&tx, items, source, user, now, &mut out, &mut written)?;
            // The audit entry (a digest of the rows just written) while the other core
            // finishes; the transaction's rows are the same in any order.
            audit(&tx, now, user, source, &out, written)?;
            let prepared = prepared.map(|t| t.join().expect("normalising arrangements panicked"));
            Ok((changes, prepared))
        })?;
        match prepared {
            // Only new arrangements (a first import, or new ids): their key rows are those
            // prepared, already in order.
            Some(p) if changes.iter().all(|(old, _)| old.is_none()) => {
                let changed: Vec<usize> = changes.iter().map(|(_, i)| *i).collect();
                p.apply_new(&tx, items, &changed)?;
            }
            prepared => {
                let mut new_terms = prepared.map(|p| p.terms.into_iter().map(Some).collect::<Vec<_>>());
                let new_terms = new_terms.as_mut().map(|t| {
                    changes
                        .iter()
                        .map(|(_, i)| t[*i].take().expect("one change per item"))
                        .collect()
                });
                let changes: Vec<(Option<Arrangement>, &Arrangement)> =
                    changes.into_iter().map(|(old, i)| (old, &items[i])).collect();
                super::registry_keys::apply(&tx, &changes, new_terms)?;
            }
        }
        tx.commit()?;
        Ok(out)
    }

    /// The current version of every arrangement, ordered by id.
    pub fn arrangements(&self) -> Result<Vec<Arrangement>> {
        let mut stmt = self.conn.prepare(
            "SELECT v.data_json FROM arrangements a JOIN arrangement_versions v ON v.id = a.version_id
             ORDER BY a.arrangement_id",
        )?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for json in rows {
            let json = json?;
            out.push(serde_json::from_str(&json).context("a stored arrangement cannot be read")?);
        }
        Ok(out)
    }

    /// Every stored version of one arrangement, oldest first.
    pub fn arrangement_history(&self, id: &str) -> Result<Vec<ArrangementVersion>> {
        let mut stmt = self.conn.prepare(
            "SELECT version_no, data_json, source_path, imported_at, imported_by FROM arrangement_versions
             WHERE arrangement_id = ?1 ORDER BY version_no",
        )?;
        let rows = stmt.query_map(params![id], |r| {
            let at = super::instant_at(
                r,
                3,
                "arrangement_versions.imported_at",
                &format_args!("arrangement {id}"),
            )?;
            Ok((r.get(0)?, r.get::<_, String>(1)?, r.get(2)?, at, r.get(4)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (version_no, json, source_path, imported_at, imported_by) = row?;
            out.push(ArrangementVersion {
                version_no,
                arrangement: serde_json::from_str(&json)?,
                source_path,
                imported_at: imported_at?,
                imported_by,
            });
        }
        Ok(out)
    }

    /// The buyer's judgements on a plan's flags, oldest first (by the index on `plan_id, id`).
    pub fn judgements(&self, plan_id: &str) -> Result<Vec<Judgement>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT activity_id, arrangement_id, verdict, reason, judged_by, judged_at
             FROM flag_judgements WHERE plan_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map(params![plan_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                super::instant_at(r, 5, "flag_judgements.judged_at", &format_args!("plan {plan_id}"))?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (activity_id, arrangement_id, verdict, reason, by, at) = row?;
            let verdict = Verdict::from_keyword(&verdict).context("a stored judgement has an unknown verdict")?;
            out.push(Judgement {
                activity_id,
                arrangement_id,
                verdict,
                reason,
                by,
                at: at?,
            });
        }
        Ok(out)
    }

    /// Appends a judgement on a flag of the plan's latest version, in one transaction.
    /// `expected_sha` is the plan version the buyer saw: if another import replaced it
    /// meanwhile, nothing is stored and the error says so.
    pub fn record_judgement(&mut self, plan_id: &str, expected_sha: &str, j: &Judgement) -> Result<()> {
        if j.reason.trim().is_empty() {
            bail!("a reason is required to confirm or dismiss a flag");
        }
        let now = j.at;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let latest: Option<(i64, String, u32)> = tx
            .query_row(
                "SELECT id, sha256, version_no FROM latest_versions WHERE plan_id = ?1",
                params![plan_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((version_id, sha, version_no)) = latest else {
            bail!("unknown plan {plan_id}");
        };
        if sha != expected_sha {
            bail!(crate::core::bilingual::Text::new(
                format!(
                    "plan {plan_id} is intussen gewijzigd (nu versie {version_no}); niets opgeslagen, open het plan opnieuw"
                ),
                format!(
                    "plan {plan_id} changed meanwhile (now version {version_no}); nothing was stored, reopen the plan"
                ),
            ));
        }
        let audited = super::audit::Audited {
            at: now,
            actor: &j.by,
            action: "flag-judgement",
            plan_id: Some(plan_id),
        };
        audited.insert(
            &tx,
            "INSERT INTO flag_judgements (plan_id, version_id, activity_id, arrangement_id, verdict, reason, judged_by, judged_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                plan_id,
                version_id,
                j.activity_id,
                j.arrangement_id,
                j.verdict.keyword(),
                j.reason,
                j.by,
                now.to_string()
            ],
            |_| {
                serde_json::json!({
                    "activity": j.activity_id,
                    "arrangement": j.arrangement_id,
                    "verdict": j.verdict.keyword(),
                })
            },
        )?;
        tx.commit()?;
        Ok(())
    }
}

/// Writes the arrangements of an import that are new or changed (a new version each) and
/// counts them in `out`; `written` becomes the first and last arrangement version id
/// written. Returns each change: the version it replaces (if any) and its index in `items`.
fn write_arrangements(
    tx: &rusqlite::Transaction<'_>,
    items: &[Arrangement],
    source: &str,
    user: &str,
    now: Instant,
    out: &mut RegistryImport,
    written: &mut Option<(i64, i64)>,
) -> Result<Vec<(Option<Arrangement>, usize)>> {
    let mut changes = Vec::new();
    let mut current = tx.prepare(
        "SELECT v.version_no, v.data_json FROM arrangements a
         JOIN arrangement_versions v ON v.id = a.version_id WHERE a.arrangement_id = ?1",
    )?;
    let mut insert = tx.prepare(
        "INSERT INTO arrangement_versions (arrangement_id, version_no, data_json, recipient, funder, stream,
             start_date, end_date, annual_amount_cents, source_path, imported_at, imported_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    let mut point = tx.prepare(
        "INSERT INTO arrangements (arrangement_id, version_id) VALUES (?1, ?2)
         ON CONFLICT (arrangement_id) DO UPDATE SET version_id = excluded.version_id",
    )?;
    let imported_at = now.to_string();
    for (i, a) in items.iter().enumerate() {
        let json = serde_json::to_string(a)?;
        let known: Option<(u32, String)> = current
            .query_row(params![a.id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let version = match &known {
            Some((_, old)) if *old == json => {
                out.unchanged += 1;
                continue;
            }
            Some((v, old)) => {
                out.updated += 1;
                let old = serde_json::from_str(old).context("a stored arrangement cannot be read")?;
                changes.push((Some(old), i));
                v + 1
            }
            None => {
                out.added += 1;
                changes.push((None, i));
                1
            }
        };
        insert.execute(params![
            a.id,
            version,
            json,
            a.recipient.name,
            a.funder,
            a.stream.keyword(),
            a.start.to_string(),
            a.end.to_string(),
            a.annual_amount.0,
            source,
            imported_at,
            user
        ])?;
        let row = tx.last_insert_rowid();
        *written = Some(written.map_or((row, row), |(first, _)| (first, row)));
        point.execute(params![a.id, row])?;
    }
    Ok(changes)
}

/// The audit entry of an import: one per import, over the arrangement versions it wrote
/// (written in one transaction, so their ids run on); none when nothing was written.
fn audit(
    tx: &rusqlite::Transaction<'_>,
    now: Instant,
    user: &str,
    source: &str,
    out: &RegistryImport,
    written: Option<(i64, i64)>,
) -> Result<()> {
    if let Some((first, last)) = written {
        let audited = super::audit::Audited {
            at: now,
            actor: user,
            action: "registry-import",
            plan_id: None,
        };
        let summary = serde_json::json!({ "source": source, "added": out.added, "updated": out.updated });
        audited.rows(tx, "arrangement_versions", first, last, summary)?;
    }
    Ok(())
}
