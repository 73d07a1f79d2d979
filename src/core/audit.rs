//! The audit trail as a hash chain. Every change appends an entry whose hash covers the
//! previous entry's hash and its own content, so changing, removing or reordering any entry
//! breaks every hash after it. Pure: the store appends and reads rows; [`verify_chain`]
//! checks them.

use crate::time::Instant;
use serde::{Deserialize, Serialize};

/// The "previous hash" of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One entry of the audit trail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Position in the chain: 1, 2, 3, ... without gaps.
    pub seq: i64,
    pub at: Instant,
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

/// The newest entry of a trail, as `SEQ:HASH`: printed in every export, letter and follow
/// package, so a copy kept elsewhere shows later whether entries were cut off the end
/// (`audit verify --expect-head`). An empty trail's head is `0:` followed by [`GENESIS`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Head {
    pub seq: i64,
    pub hash: String,
}

impl Head {
    /// The head of a chain given in order (its last entry).
    pub fn of(entries: &[Entry]) -> Head {
        entries.last().map_or(
            Head {
                seq: 0,
                hash: GENESIS.to_string(),
            },
            |e| Head {
                seq: e.seq,
                hash: e.hash.clone(),
            },
        )
    }

    /// Reads `SEQ:HASH` (a sequence number, a colon, 64 lowercase hex digits).
    pub fn parse(text: &str) -> Result<Head, String> {
        let expected =
            "expected SEQ:HASH, the entry number and its 64-digit SHA-256 hash as printed by an export (e.g. 12:3f5a…)";
        let (seq, hash) = text
            .trim()
            .split_once(':')
            .ok_or_else(|| format!("no colon; {expected}"))?;
        let seq: i64 = seq
            .parse()
            .ok()
            .filter(|n| *n >= 0)
            .ok_or_else(|| format!("{seq:?} is not an entry number; {expected}"))?;
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
            return Err(format!("the hash is not 64 lowercase hex digits; {expected}"));
        }
        Ok(Head {
            seq,
            hash: hash.to_string(),
        })
    }

    /// Checks a whole chain (see [`verify_chain`]) against a head noted earlier: that entry
    /// must still be there with that hash. A message says what is wrong otherwise.
    pub fn check(&self, entries: &[Entry]) -> Result<(), String> {
        let now = Head::of(entries);
        if self.seq == 0 {
            return if self.hash == GENESIS {
                Ok(())
            } else {
                Err(format!(
                    "the expected head {self} is no entry: entry 0 stands for the empty trail, whose \
                     head is 0:{GENESIS}; expected a head as printed by an export"
                ))
            };
        }
        match entries.iter().find(|e| e.seq == self.seq) {
            None => Err(format!(
                "the trail ends at entry {now}, but the expected head is {self}: entries {} to {} are \
                 missing, so the newest entries were cut off (with their rows), or this is another database",
                now.seq + 1,
                self.seq
            )),
            Some(e) if e.hash != self.hash => Err(format!(
                "entry {} has hash {}, but the expected head is {self}: the trail was rewritten from that \
                 entry on, or this is another database",
                e.seq, e.hash
            )),
            Some(_) => Ok(()),
        }
    }
}

impl std::fmt::Display for Head {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.seq, self.hash)
    }
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
                    at: crate::time::Instant::parse(&format!("2026-11-22T10:00:{seq:02}Z")).unwrap(),
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
    fn a_noted_head_catches_a_truncated_or_rewritten_trail() {
        let c = chain(5);
        let head = Head::of(&c);
        assert_eq!(head.to_string(), format!("5:{}", c[4].hash));
        assert_eq!(Head::parse(&head.to_string()), Ok(head.clone()));
        assert_eq!(head.check(&c), Ok(()));
        assert_eq!(
            Head::of(&c[..3]).check(&c),
            Ok(()),
            "an older head is still in the chain"
        );

        let cut = &c[..3];
        assert_eq!(verify_chain(cut), Ok(3), "the chain alone cannot see the cut");
        let err = head.check(cut).unwrap_err();
        assert!(
            err.starts_with(&format!(
                "the trail ends at entry 3:{}, but the expected head is 5:",
                c[2].hash
            )),
            "{err}"
        );
        assert!(
            err.contains("entries 4 to 5 are missing, so the newest entries were cut off"),
            "{err}"
        );

        let mut other = chain(5);
        other[4].actor = "mallory".into();
        other[4].hash = other[4].compute_hash();
        let err = head.check(&other).unwrap_err();
        assert!(
            err.contains("entry 5 has hash") && err.contains("the trail was rewritten"),
            "{err}"
        );

        let empty = Head::of(&[]);
        assert_eq!(empty.to_string(), format!("0:{GENESIS}"));
        assert_eq!(empty.check(&c), Ok(()));
    }

    /// Review of issue 15: `--expect-head 0:OTHERHASH` on a trail of 13 entries said "is not
    /// a head an empty trail can have", though the trail was not empty.
    #[test]
    fn an_entry_0_head_says_what_entry_0_is() {
        let head = Head {
            seq: 0,
            hash: "a".repeat(64),
        };
        let e = head.check(&chain(3)).unwrap_err();
        assert!(!e.contains("an empty trail can have"), "{e}");
        assert!(
            e.contains("is no entry: entry 0 stands for the empty trail, whose head is 0:"),
            "{e}"
        );
    }

    #[test]
    fn a_head_is_read_strictly() {
        for bad in ["", "12", "x:abc", "-1:abc", &format!("3:{}", "A".repeat(64)), "3:abc"] {
            assert!(Head::parse(bad).is_err(), "{bad:?}");
        }
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
