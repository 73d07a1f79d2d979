//! The audit trail as a hash chain. Every change appends an entry whose hash covers the
//! previous entry's hash and its own content, so changing, removing or reordering any entry
//! breaks every hash after it. Pure: the store appends and reads rows; [`verify_chain`]
//! checks them.

use serde::{Deserialize, Serialize};

/// The "previous hash" of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One entry of the audit trail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Position in the chain: 1, 2, 3, ... without gaps.
    pub seq: i64,
    pub at: String,
    pub actor: String,
    /// What happened: `plan-import`, `registry-import`, `manual-input`, `flag-judgement`,
    /// `decision`, `approval`, ...
    pub action: String,
    pub plan_id: Option<String>,
    /// The rows the change wrote, as `table:first-last` (row ids).
    pub subject: String,
    /// What changed, as JSON: a summary, and the SHA-256 digest of the rows written.
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

impl Entry {
    /// The hash this entry must carry: SHA-256 over its content and the previous hash, as a
    /// JSON array (unambiguous: no field can run into the next).
    pub fn compute_hash(&self) -> String {
        let content = serde_json::json!([
            self.seq,
            self.at,
            self.actor,
            self.action,
            self.plan_id,
            self.subject,
            self.detail,
            self.prev_hash
        ]);
        super::sha256_hex(&content.to_string())
    }

    /// The rows of `subject`: table and inclusive row id range.
    pub fn rows(&self) -> Option<(&str, i64, i64)> {
        let (table, range) = self.subject.split_once(':')?;
        let (first, last) = range.split_once('-').unwrap_or((range, range));
        Some((table, first.parse().ok()?, last.parse().ok()?))
    }
}

/// The first place the chain is broken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Break {
    /// An entry is missing: the sequence jumps.
    Gap { expected: i64, found: i64 },
    /// The entry does not point at the previous entry's hash (removed or reordered).
    Link { seq: i64 },
    /// The entry's content no longer matches its hash (changed after it was written).
    Content { seq: i64 },
}

impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Break::Gap { expected, found } => write!(
                f,
                "entry {expected} is missing (the chain jumps from {} to {found})",
                expected - 1
            ),
            Break::Link { seq } => write!(
                f,
                "entry {seq} does not follow entry {}: its previous hash differs (an entry was removed, inserted or reordered)",
                seq - 1
            ),
            Break::Content { seq } => write!(
                f,
                "entry {seq} was changed after it was written: its content no longer matches its hash"
            ),
        }
    }
}

/// Checks a chain given in order; returns the number of entries when it is whole.
pub fn verify_chain<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> Result<usize, Break> {
    let mut prev = GENESIS.to_string();
    let mut n = 0usize;
    for e in entries {
        let expected = n as i64 + 1;
        if e.seq != expected {
            return Err(Break::Gap { expected, found: e.seq });
        }
        if e.prev_hash != prev {
            return Err(Break::Link { seq: e.seq });
        }
        if e.compute_hash() != e.hash {
            return Err(Break::Content { seq: e.seq });
        }
        prev = e.hash.clone();
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<Entry> {
        let mut prev = GENESIS.to_string();
        (1..=n)
            .map(|seq| {
                let mut e = Entry {
                    seq,
                    at: format!("2026-11-22T10:00:{seq:02}Z"),
                    actor: "alice".into(),
                    action: "decision".into(),
                    plan_id: Some("RESV-UTR-2027".into()),
                    subject: format!("decisions:{seq}"),
                    detail: "{}".into(),
                    prev_hash: prev.clone(),
                    hash: String::new(),
                };
                e.hash = e.compute_hash();
                prev = e.hash.clone();
                e
            })
            .collect()
    }

    #[test]
    fn a_whole_chain_verifies() {
        assert_eq!(verify_chain(&chain(5)), Ok(5));
        assert_eq!(verify_chain(&[]), Ok(0));
    }

    #[test]
    fn every_kind_of_tampering_is_caught_at_the_first_broken_entry() {
        let mut c = chain(5);
        c[2].actor = "mallory".into();
        assert_eq!(verify_chain(&c), Err(Break::Content { seq: 3 }));

        let mut c = chain(5);
        c.remove(3);
        assert_eq!(verify_chain(&c), Err(Break::Gap { expected: 4, found: 5 }));

        // Removing an entry and renumbering the rest still breaks the link.
        let mut c = chain(5);
        c.remove(1);
        for (i, e) in c.iter_mut().enumerate() {
            e.seq = i as i64 + 1;
        }
        assert_eq!(verify_chain(&c), Err(Break::Link { seq: 2 }));

        // Rewriting an entry with a fresh hash breaks the next link.
        let mut c = chain(5);
        c[1].detail = "{\"outcome\":\"approve\"}".into();
        c[1].hash = c[1].compute_hash();
        assert_eq!(verify_chain(&c), Err(Break::Link { seq: 3 }));
    }

    #[test]
    fn subjects_name_row_ranges() {
        let mut e = chain(1).remove(0);
        assert_eq!(e.rows(), Some(("decisions", 1, 1)));
        e.subject = "arrangement_versions:12-58".into();
        assert_eq!(e.rows(), Some(("arrangement_versions", 12, 58)));
        e.subject = "nonsense".into();
        assert_eq!(e.rows(), None);
    }
}
