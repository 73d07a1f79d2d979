//! The registry's keyed lookup: each current arrangement's block keys and the counts of its
//! name tokens, description words and keys, kept in step with every registry import (in
//! its transaction). One plan's candidates are then read by key, with the whole registry's
//! counts, instead of reading and indexing every arrangement.

use super::Store;
use crate::core::funding::Arrangement;
use crate::core::funding::index::{Terms, Totals, terms};
use crate::core::funding::matcher::PlanLookup;
use anyhow::{Context, Result};
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::{BTreeSet, HashMap};

/// The count kinds of `registry_terms`.
const KEY: &str = "key";
const NAME: &str = "name";
const WORD: &str = "word";

/// Replaces the stored terms of changed arrangements: `old` (the version replaced, if any)
/// is taken out and `new` put in. Counts are summed in memory first, so each term is
/// written once per import.
pub(crate) fn apply(tx: &Connection, changes: &[(Option<Arrangement>, &Arrangement)]) -> Result<()> {
    let mut delta: HashMap<(&'static str, String), i64> = HashMap::new();
    let mut del = tx.prepare_cached("DELETE FROM registry_keys WHERE key = ?1 AND arrangement_id = ?2")?;
    let mut ins = tx.prepare_cached("INSERT OR IGNORE INTO registry_keys (key, arrangement_id) VALUES (?1, ?2)")?;
    let mut count = |t: Terms, sign: i64| {
        for k in t.keys {
            *delta.entry((KEY, k)).or_default() += sign;
        }
        for n in t.name_tokens {
            *delta.entry((NAME, n)).or_default() += sign;
        }
        for w in t.words {
            *delta.entry((WORD, w)).or_default() += sign;
        }
    };
    for (old, new) in changes {
        if let Some(old) = old {
            let t = terms(old);
            for k in &t.keys {
                del.execute(params![k, old.id])?;
            }
            count(t, -1);
        }
        let t = terms(new);
        for k in &t.keys {
            ins.execute(params![k, new.id])?;
        }
        count(t, 1);
    }
    let mut up = tx.prepare_cached(
        "INSERT INTO registry_terms (kind, term, count) VALUES (?1, ?2, ?3)
         ON CONFLICT (kind, term) DO UPDATE SET count = count + excluded.count",
    )?;
    for ((kind, term), n) in delta {
        if n != 0 {
            up.execute(params![kind, term, n])?;
        }
    }
    tx.execute("DELETE FROM registry_terms WHERE count <= 0", [])?;
    Ok(())
}

/// Migration 7: the keys and counts of the arrangements stored before it.
pub(crate) fn backfill(tx: &rusqlite::Transaction<'_>) -> Result<()> {
    let mut stmt =
        tx.prepare("SELECT v.data_json FROM arrangements a JOIN arrangement_versions v ON v.id = a.version_id")?;
    let items: Vec<Arrangement> = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .map(|j| serde_json::from_str(&j?).context("a stored arrangement cannot be read"))
        .collect::<Result<_>>()?;
    let changes: Vec<(Option<Arrangement>, &Arrangement)> = items.iter().map(|a| (None, a)).collect();
    apply(tx, &changes)
}

impl Store {
    /// One plan's candidate arrangements (every current arrangement that shares a block
    /// key with it, name keys only while rare in the whole registry), with the whole
    /// registry's counts for the terms matching reads. Read in one transaction.
    pub fn registry_for(&self, lookup: &PlanLookup) -> Result<(Vec<Arrangement>, Totals)> {
        self.snapshot(|s| s.registry_for_now(lookup))
    }

    fn registry_for_now(&self, lookup: &PlanLookup) -> Result<(Vec<Arrangement>, Totals)> {
        let mut totals = Totals {
            len: self
                .conn
                .query_row("SELECT COUNT(*) FROM arrangements", [], |r| r.get::<_, i64>(0))? as usize,
            ..Totals::default()
        };
        if totals.len == 0 {
            return Ok((Vec::new(), totals));
        }
        let limit = (totals.len / 500).max(20);
        let mut ids: BTreeSet<String> = BTreeSet::new();
        let mut by_key = self
            .conn
            .prepare_cached("SELECT arrangement_id FROM registry_keys WHERE key = ?1")?;
        for k in &lookup.keys {
            let n = self.term_count(KEY, k)?;
            totals.key_df.insert(k.clone(), n);
            if n == 0 || (k.starts_with("name:") && n as usize > limit) {
                continue;
            }
            for id in by_key.query_map(params![k], |r| r.get::<_, String>(0))? {
                ids.insert(id?);
            }
        }
        let mut get = self.conn.prepare_cached(
            "SELECT v.data_json FROM arrangements a JOIN arrangement_versions v ON v.id = a.version_id
             WHERE a.arrangement_id = ?1",
        )?;
        let mut items = Vec::with_capacity(ids.len());
        let (mut names, mut words): (BTreeSet<String>, BTreeSet<String>) = Default::default();
        names.extend(lookup.name_tokens.iter().cloned());
        words.extend(lookup.words.iter().cloned());
        for id in &ids {
            let json: String = get.query_row(params![id], |r| r.get(0))?;
            let a: Arrangement = serde_json::from_str(&json).context("a stored arrangement cannot be read")?;
            let t = terms(&a);
            for k in t.keys.into_iter().filter(|k| k.starts_with("name:")) {
                if let std::collections::hash_map::Entry::Vacant(e) = totals.key_df.entry(k) {
                    let n = self.term_count(KEY, e.key())?;
                    e.insert(n);
                }
            }
            names.extend(t.name_tokens);
            words.extend(t.words);
            items.push(a);
        }
        for n in names {
            let c = self.term_count(NAME, &n)?;
            totals.name_df.insert(n, c);
        }
        for w in words {
            let c = self.term_count(WORD, &w)?;
            totals.word_df.insert(w, c);
        }
        Ok((items, totals))
    }

    fn term_count(&self, kind: &str, term: &str) -> Result<u32> {
        Ok(self
            .conn
            .prepare_cached("SELECT count FROM registry_terms WHERE kind = ?1 AND term = ?2")?
            .query_row(params![kind, term], |r| r.get::<_, u32>(0))
            .optional()?
            .unwrap_or(0))
    }
}
