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
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// The count kinds of `registry_terms`.
const NAME: &str = "name";
const WORD: &str = "word";

/// The terms of each arrangement, normalised on every core (the normalising is most of an
/// import's work; the order is kept).
pub(crate) fn terms_all(items: &[&Arrangement]) -> Vec<Terms> {
    crate::core::par::map(items, |a| terms(a))
}

/// Replaces the stored terms of changed arrangements: `old` (the version replaced, if any)
/// is taken out and `new` put in. Counts are summed in memory first, so each term is
/// written once per import. `new_terms`, when given, are the terms of each change's new
/// arrangement (computed meanwhile by the caller).
pub(crate) fn apply(
    tx: &Connection,
    changes: &[(Option<Arrangement>, &Arrangement)],
    new_terms: Option<Vec<Terms>>,
) -> Result<()> {
    let new_terms = new_terms.unwrap_or_else(|| terms_all(&changes.iter().map(|c| c.1).collect::<Vec<_>>()));
    let olds: Vec<&Arrangement> = changes.iter().filter_map(|c| c.0.as_ref()).collect();
    let mut old_terms = terms_all(&olds).into_iter();
    let mut delta: BTreeMap<(&'static str, String), i64> = BTreeMap::new();
    // Key rows taken out and put in, in change order (a later change of the same id sees
    // the earlier one); each list is then written sorted, so the B-tree is walked in order.
    let mut gone: Vec<(String, &str)> = Vec::new();
    let mut added: Vec<(String, &str)> = Vec::new();
    // Only a change that replaces a version can take out a row an earlier change of this
    // import put in (the same id twice); without one, no set of rows put in is needed.
    let mut added_set: Option<HashSet<(String, &str)>> = changes.iter().any(|c| c.0.is_some()).then(HashSet::new);
    let mut count = |t: Terms, sign: i64| {
        for n in t.name_tokens {
            *delta.entry((NAME, n)).or_default() += sign;
        }
        for w in t.words {
            *delta.entry((WORD, w)).or_default() += sign;
        }
    };
    for ((old, new), mut t) in changes.iter().zip(new_terms) {
        if let Some(old) = old {
            let ot = old_terms.next().expect("one set of terms per old version");
            for k in &ot.keys {
                let row = (k.clone(), old.id.as_str());
                // Put in by this import: never written, so nothing to take out.
                if !added_set.as_mut().is_some_and(|a| a.remove(&row)) {
                    gone.push(row);
                }
            }
            count(ot, -1);
        }
        let keys = std::mem::take(&mut t.keys);
        match added_set.as_mut() {
            Some(set) => set.extend(keys.into_iter().map(|k| (k, new.id.as_str()))),
            None => added.extend(keys.into_iter().map(|k| (k, new.id.as_str()))),
        }
        count(t, 1);
    }
    if let Some(set) = added_set {
        added.extend(set);
    }
    gone.sort_unstable();
    added.sort_unstable();
    added.dedup();
    let gone: Vec<(&str, &str)> = gone.iter().map(|(k, id)| (k.as_str(), *id)).collect();
    let added: Vec<(&str, &str)> = added.iter().map(|(k, id)| (k.as_str(), *id)).collect();
    write(
        tx,
        &gone,
        &added,
        delta.iter().map(|((kind, term), n)| (*kind, term.as_str(), *n)),
    )
}

/// The terms of every arrangement of an import, and all their key rows in the order they
/// are written (by key, then arrangement id): made on another core while the arrangements
/// are written.
pub(crate) struct Prepared {
    pub terms: Vec<Terms>,
    /// (item, key number in its terms), sorted by (key, arrangement id).
    order: Vec<(u32, u32)>,
}

impl Prepared {
    pub fn of(items: &[Arrangement]) -> Prepared {
        let terms: Vec<Terms> = items.iter().map(terms).collect();
        // Sorted with the texts at hand (no lookups through the terms while comparing).
        let mut rows: Vec<(&str, &str, u32, u32)> = Vec::with_capacity(terms.iter().map(|t| t.keys.len()).sum());
        for (i, (t, a)) in terms.iter().zip(items).enumerate() {
            rows.extend(
                t.keys
                    .iter()
                    .enumerate()
                    .map(|(k, key)| (key.as_str(), a.id.as_str(), i as u32, k as u32)),
            );
        }
        rows.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        let order = rows.into_iter().map(|r| (r.2, r.3)).collect();
        Prepared { terms, order }
    }

    /// Stores the terms of `changed` (indexes into `items`, the arrangements this was
    /// prepared from), each a new arrangement (no version replaced): the same rows and
    /// counts as [`apply`] writes for them.
    pub fn apply_new(&self, tx: &Connection, items: &[Arrangement], changed: &[usize]) -> Result<()> {
        let mut keep = vec![false; items.len()];
        for &i in changed {
            keep[i] = true;
        }
        let mut added: Vec<(&str, &str)> = self
            .order
            .iter()
            .filter(|(i, _)| keep[*i as usize])
            .map(|&(i, k)| {
                (
                    self.terms[i as usize].keys[k as usize].as_str(),
                    items[i as usize].id.as_str(),
                )
            })
            .collect();
        added.dedup();
        let mut delta: HashMap<(&'static str, &str), i64> = HashMap::new();
        for &i in changed {
            let t = &self.terms[i];
            for n in &t.name_tokens {
                *delta.entry((NAME, n)).or_default() += 1;
            }
            for w in &t.words {
                *delta.entry((WORD, w)).or_default() += 1;
            }
        }
        let mut delta: Vec<_> = delta.into_iter().collect();
        delta.sort_unstable();
        write(tx, &[], &added, delta.iter().map(|&((kind, term), n)| (kind, term, n)))
    }
}

/// Writes an import's changes to the keyed lookup: key rows taken out and put in (each
/// sorted, so the B-tree is walked in order) and the terms' count changes.
fn write<'t>(
    tx: &Connection,
    gone: &[(&str, &str)],
    added: &[(&str, &str)],
    delta: impl Iterator<Item = (&'static str, &'t str, i64)>,
) -> Result<()> {
    let mut del = tx.prepare_cached("DELETE FROM registry_keys WHERE key = ?1 AND arrangement_id = ?2")?;
    for (k, id) in gone {
        del.execute(params![k, id])?;
    }
    let mut ins = tx.prepare_cached("INSERT OR IGNORE INTO registry_keys (key, arrangement_id) VALUES (?1, ?2)")?;
    for (k, id) in added {
        ins.execute(params![k, id])?;
    }
    let mut up = tx.prepare_cached(
        "INSERT INTO registry_terms (kind, term, count) VALUES (?1, ?2, ?3)
         ON CONFLICT (kind, term) DO UPDATE SET count = count + excluded.count",
    )?;
    for (kind, term, n) in delta {
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
    apply(tx, &changes, None)
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
        // How many arrangements carry a key, counted up to one past the limit (a name key
        // past it selects nothing, however common).
        let mut count = self
            .conn
            .prepare_cached("SELECT COUNT(*) FROM (SELECT 1 FROM registry_keys WHERE key = ?1 LIMIT ?2)")?;
        for k in &lookup.keys {
            let n: u32 = count.query_row(params![k, limit as i64 + 1], |r| r.get(0))?;
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
            // Only the plan's own keys are ever looked up in the index built from these,
            // so the candidates' other keys need no count.
            let t = terms(&a);
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
