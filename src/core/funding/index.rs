//! The registry prepared for matching: normalised names and descriptions, token weights,
//! and the blocks that keep a check from comparing every activity with every arrangement.
//!
//! Blocking keys are selective by construction: an AGB code, a KvK number, an O&I region,
//! and name tokens that are rare in this registry (a token is a key only while at most
//! [`RegistryIndex::rare_limit`] arrangements carry it). Common words such as "huisartsen"
//! never become keys, so a block cannot silently grow into all pairs. To survive a typo in a
//! rare token, each rare token also gives an affix key (its first and last three letters).

use super::normalize::{self, NormName};
use super::registry::{Arrangement, Stream};
use std::collections::HashMap;

/// One arrangement, normalised once.
#[derive(Debug)]
pub struct Prepared {
    pub name: NormName,
    pub words: Vec<String>,
    pub region: Option<String>,
    pub municipalities: Vec<String>,
    /// Main tasks it pays for; `None` when the registry does not say.
    pub tasks: Option<Vec<u8>>,
    pub kvk8: Option<String>,
}

/// The registry with everything matching needs precomputed.
#[derive(Debug, Default)]
pub struct RegistryIndex {
    pub arrangements: Vec<Arrangement>,
    pub prepared: Vec<Prepared>,
    /// Name token → number of arrangements whose recipient name has it.
    name_df: HashMap<String, u32>,
    /// Description word → number of arrangements whose description has it.
    word_df: HashMap<String, u32>,
    by_agb: HashMap<String, Vec<u32>>,
    by_kvk: HashMap<String, Vec<u32>>,
    by_token: HashMap<String, Vec<u32>>,
    oi_by_region: HashMap<String, Vec<u32>>,
    /// For an index over part of a registry: the whole registry's size.
    total: Option<usize>,
}

/// The first 8 digits of a KvK number: a 12-digit branch number belongs to that company.
pub fn kvk8(kvk: &str) -> String {
    kvk.chars().take(8).collect()
}

fn affix(token: &str) -> Option<String> {
    let chars: Vec<char> = token.chars().collect();
    (chars.len() >= 6).then(|| {
        let head: String = chars[..3].iter().collect();
        let tail: String = chars[chars.len() - 3..].iter().collect();
        format!("~{head}{tail}")
    })
}

/// The block keys of a name: its tokens, their affixes and adjacent pairs written as one
/// (the index keeps only the rare ones).
fn name_keys(name: &NormName) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for t in name.tokens.iter().chain(name.alias.iter()) {
        keys.push(t.clone());
        keys.extend(affix(t));
    }
    // Two words written as one ("Food Valley", "Foodvalley").
    for pair in name.tokens.windows(2) {
        keys.push(pair.concat());
    }
    // The whole name run together, and the acronym in brackets run together, so "RHO-U"
    // and "Regionale Huisartsenorganisatie Utrecht (RHO-U)" share a key.
    keys.extend(name.alias_compact());
    if name.whole.chars().count() >= 2 {
        keys.push(name.whole.clone());
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Figures of the whole registry that an index over part of it needs to match exactly as
/// the index over all of it would: the number of arrangements, and how many arrangements
/// carry each name token, description word and block key it meets.
#[derive(Clone, Debug, Default)]
pub struct Totals {
    pub len: usize,
    pub name_df: HashMap<String, u32>,
    pub word_df: HashMap<String, u32>,
    /// Per stored key (see [`Terms::keys`]).
    pub key_df: HashMap<String, u32>,
}

/// What a store keeps of one arrangement so one plan's candidates can be looked up without
/// reading the whole registry: its block keys (`agb:`, `kvk:`, `name:` and `oi:` prefixed),
/// its distinct recipient-name tokens and its description words (for the weights).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Terms {
    pub keys: Vec<String>,
    pub name_tokens: Vec<String>,
    pub words: Vec<String>,
}

/// One arrangement normalised, with its distinct name tokens and its block keys.
fn prepare(a: &Arrangement) -> (Prepared, Vec<String>, Vec<String>) {
    let name = normalize::name(&a.recipient.name);
    let mut words = normalize::words(&a.description);
    if let Some(c) = &a.category {
        for w in normalize::words(c) {
            if !words.contains(&w) {
                words.push(w);
            }
        }
    }
    let mut toks: Vec<String> = name.tokens.iter().chain(name.alias.iter()).cloned().collect();
    toks.sort_unstable();
    toks.dedup();
    let keys = name_keys(&name);
    let region = a.region.as_deref().map(normalize::place);
    let prepared = Prepared {
        name,
        words,
        region,
        municipalities: a.municipalities.iter().map(|m| normalize::place(m)).collect(),
        tasks: a.tasks(),
        kvk8: a.recipient.kvk.as_deref().map(kvk8),
    };
    (prepared, toks, keys)
}

/// The terms a store keeps of `a` (see [`Terms`]).
pub fn terms(a: &Arrangement) -> Terms {
    let (p, name_tokens, keys) = prepare(a);
    let mut out: Vec<String> = keys.into_iter().map(|k| format!("name:{k}")).collect();
    out.extend(a.recipient.agb.iter().map(|x| format!("agb:{x}")));
    out.extend(p.kvk8.iter().map(|x| format!("kvk:{x}")));
    if a.stream == Stream::OiHuisartsenzorg {
        out.extend(p.region.iter().map(|r| format!("oi:{r}")));
    }
    out.sort_unstable();
    out.dedup();
    Terms {
        keys: out,
        name_tokens,
        words: p.words,
    }
}

/// The stored keys that find an organisation's candidates (as [`RegistryIndex::candidates_for`]).
pub fn lookup_keys(name: &NormName, agb: Option<&str>, kvk: Option<&str>, out: &mut Vec<String>) {
    out.extend(agb.map(|a| format!("agb:{a}")));
    out.extend(kvk.map(|k| format!("kvk:{}", kvk8(k))));
    out.extend(name_keys(name).into_iter().map(|k| format!("name:{k}")));
}

/// The stored key of the O&I arrangements in a region.
pub fn oi_key(region: &str) -> String {
    format!("oi:{}", normalize::place(region))
}

impl RegistryIndex {
    pub fn new(arrangements: Vec<Arrangement>) -> RegistryIndex {
        RegistryIndex::build(arrangements, None)
    }

    /// An index over some arrangements of a larger registry (one plan's candidates), with
    /// that registry's [`Totals`]: it matches those candidates exactly as the index over
    /// the whole registry does.
    pub fn partial(arrangements: Vec<Arrangement>, totals: Totals) -> RegistryIndex {
        RegistryIndex::build(arrangements, Some(totals))
    }

    fn build(arrangements: Vec<Arrangement>, totals: Option<Totals>) -> RegistryIndex {
        let mut ix = RegistryIndex::default();
        let mut key_lists: HashMap<String, Vec<u32>> = HashMap::new();
        let prepared_all = crate::par::map(&arrangements, prepare);
        for (i, (a, (prepared, toks, keys))) in arrangements.iter().zip(prepared_all).enumerate() {
            let i = i as u32;
            if totals.is_none() {
                for t in toks {
                    *ix.name_df.entry(t).or_default() += 1;
                }
                for w in &prepared.words {
                    *ix.word_df.entry(w.clone()).or_default() += 1;
                }
            }
            for k in keys {
                key_lists.entry(k).or_default().push(i);
            }
            if let Some(agb) = &a.recipient.agb {
                ix.by_agb.entry(agb.clone()).or_default().push(i);
            }
            if let Some(k) = &prepared.kvk8 {
                ix.by_kvk.entry(k.clone()).or_default().push(i);
            }
            if a.stream == Stream::OiHuisartsenzorg
                && let Some(r) = &prepared.region
            {
                ix.oi_by_region.entry(r.clone()).or_default().push(i);
            }
            ix.prepared.push(prepared);
        }
        ix.arrangements = arrangements;
        let limit = match totals {
            Some(t) => {
                ix.total = Some(t.len);
                let limit = ix.rare_limit();
                let key_df = t.key_df;
                key_lists.retain(|k, _| key_df.get(&format!("name:{k}")).is_some_and(|&n| n as usize <= limit));
                ix.name_df = t.name_df;
                ix.word_df = t.word_df;
                limit
            }
            None => ix.rare_limit(),
        };
        key_lists.retain(|_, v| v.len() <= limit);
        ix.by_token = key_lists;
        ix
    }

    /// Arrangements in the registry (for a partial index: in the whole registry).
    pub fn len(&self) -> usize {
        self.total.unwrap_or(self.arrangements.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The most arrangements a name key may select and still count as selective.
    pub fn rare_limit(&self) -> usize {
        (self.arrangements.len() / 500).max(20)
    }

    /// Inverse document frequency of a recipient-name token (unseen tokens weigh most).
    pub fn name_idf(&self, token: &str) -> f64 {
        let df = self.name_df.get(token).copied().unwrap_or(0) as f64;
        ((self.len() as f64 + 1.0) / (df + 1.0)).ln() + 1.0
    }

    /// Inverse document frequency of a description word.
    pub fn word_idf(&self, word: &str) -> f64 {
        let df = self.word_df.get(word).copied().unwrap_or(0) as f64;
        ((self.len() as f64 + 1.0) / (df + 1.0)).ln() + 1.0
    }

    /// Candidate arrangements for an organisation: same identifiers or a rare name key.
    pub fn candidates_for(&self, name: &NormName, agb: Option<&str>, kvk: Option<&str>, out: &mut Vec<u32>) {
        if let Some(v) = agb.and_then(|a| self.by_agb.get(a)) {
            out.extend(v);
        }
        if let Some(v) = kvk.and_then(|k| self.by_kvk.get(&kvk8(k))) {
            out.extend(v);
        }
        for k in name_keys(name) {
            if let Some(v) = self.by_token.get(&k) {
                out.extend(v);
            }
        }
    }

    /// O&I arrangements in a region (the guidance's GP-mandate rule).
    pub fn oi_in_region(&self, region: &str) -> &[u32] {
        self.oi_by_region
            .get(&normalize::place(region))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The largest block, for the benchmark's report on blocking.
    pub fn largest_block(&self) -> usize {
        self.by_token.values().map(Vec::len).max().unwrap_or(0)
    }
}
