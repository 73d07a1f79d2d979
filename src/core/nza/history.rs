//! NZa over the years (issue 19): repeated and superseding exports, and the population as
//! of a cut-off, pure.
//!
//! An insurer exports its current decisions again and again. Each offered decision is, in
//! the light of what NZa holds (earlier files of the same import count as held):
//!
//! - **new**: NZa holds nothing for this insurer and plan;
//! - **identical**: NZa holds this decision (same export digest, or the same decision id on
//!   the same plan version), now or as history: skipped and counted;
//! - **superseding**: a later decision of the same insurer on the same plan whose
//!   `supersedes` chain reaches the held one (the insurer's history per plan is linear, so
//!   the chain reaches it when it points at the held decision or a later one), or a
//!   decision on a later plan version: it becomes current, the held one stays as history;
//! - **altered**, refused: the same decision (id and plan version) with other amounts or
//!   another outcome than NZa holds; a decision never changes, so the file was edited;
//! - **a conflict**, refused naming both decisions: a later decision that does not chain
//!   (no `supersedes`, or one that skips past the held decision), or an older decision or
//!   plan version than the one held.
//!
//! The exact same file again is no error: nothing to do, and said so.

use super::{Contract, Held, HeldFile, MAX_NATIONAL_CENTS, Offered, Refusal, paid_all_years};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// What an import does with one offered file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilePlan {
    /// The exact file was imported before: nothing to do.
    pub again: Option<HeldFile>,
    /// Indices of the file's decisions to store (new and superseding), in file order.
    pub store: Vec<usize>,
    /// Of those, the superseding ones: the index and the decision id they replace.
    pub superseding: Vec<(usize, i64)>,
    /// Decisions NZa already holds: skipped.
    pub skipped: usize,
    /// Of those stored, decisions NZa held as waiting for their second approval that now
    /// come approved (the same decision): stored and current, the waiting one history.
    pub approved: Vec<usize>,
}

/// The import worked out: refusals (nothing is imported when there are any), and per
/// offered file what is stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportPlan {
    pub refusals: Vec<Refusal>,
    pub files: Vec<FilePlan>,
}

/// What an import did with one offered file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ImportedSummary {
    /// The import's number; `None` when the very same file was imported before (nothing
    /// to do).
    pub import_id: Option<i64>,
    pub file: String,
    pub insurer_id: String,
    /// Decisions stored (new and superseding).
    pub decisions: usize,
    /// Of those, superseding a held decision (kept as history).
    pub superseded: usize,
    /// Decisions NZa already held: skipped.
    pub skipped: usize,
    /// Of those stored, decisions held as waiting for their second approval that now come
    /// approved.
    pub approved: usize,
    /// When the same file was imported before: its name then and when.
    pub already_imported: Option<(String, crate::time::Instant)>,
}

/// What one offered decision is, against the current and historical ones NZa holds.
enum Verdict {
    New,
    Identical,
    /// The current decision, held as waiting for its second approval, now approved.
    Approved,
    Supersedes(i64),
    Conflict(Refusal),
}

fn same(a: &Contract, b: &Contract) -> bool {
    a.sha256 == b.sha256 || (a.decision_id == b.decision_id && a.plan_sha256 == b.plan_sha256)
}

fn verdict(c: &Contract, history: &[Held], file: &str) -> Verdict {
    let Some(current) = history.last() else {
        return Verdict::New;
    };
    if let Some(h) = history.iter().find(|h| same(&h.contract, c)) {
        // The same decision: its amounts cannot have changed (only derived facts such as
        // flag counts may).
        if h.contract.years != c.years || h.contract.outcome != c.outcome {
            return Verdict::Conflict(Refusal::Altered {
                file: file.to_string(),
                key: c.key(),
                held: Box::new(h.clone()),
                decision_id: c.decision_id,
            });
        }
        // The four-eyes approval came after an earlier export: the same decision, now
        // approved. Only for the current one (an approval of a decision since replaced
        // changes nothing), and once (the approved one is current after it).
        if same(&current.contract, c) && current.contract.pending_approval && !c.pending_approval {
            return Verdict::Approved;
        }
        return Verdict::Identical;
    }
    let h = &current.contract;
    let held = Box::new(current.clone());
    let (file, key) = (file.to_string(), c.key());
    if c.plan_version > h.plan_version && c.decision_id > h.decision_id {
        return Verdict::Supersedes(h.decision_id);
    }
    if c.plan_version == h.plan_version
        && c.decision_id > h.decision_id
        && c.supersedes.is_some_and(|s| s >= h.decision_id)
    {
        return Verdict::Supersedes(h.decision_id);
    }
    Verdict::Conflict(if c.plan_version != h.plan_version {
        Refusal::OtherVersion {
            file,
            key,
            held,
            version: c.plan_version,
        }
    } else {
        Refusal::OtherDecision {
            file,
            key,
            held,
            decision_id: c.decision_id,
        }
    })
}

/// Works out an import: every offered file against what NZa holds (`held`, every stored
/// decision in import order, history included) and against the files before it.
pub fn plan_import(held: &[Held], held_files: &[HeldFile], offered: &[Offered<'_>]) -> ImportPlan {
    let mut by_key: HashMap<String, Vec<Held>> = HashMap::new();
    for h in held {
        by_key.entry(h.contract.key()).or_default().push(h.clone());
    }
    let mut national: i128 = by_key
        .values()
        .filter_map(|v| v.last())
        .map(|h| paid_all_years(&h.contract))
        .sum();
    let mut seen_files: HashMap<&str, &str> = HashMap::new();
    let mut plan = ImportPlan::default();
    for o in offered {
        let file = o.file_name.to_string();
        let mut fp = FilePlan::default();
        if let Some(earlier) = held_files.iter().find(|f| f.sha256 == o.sha256) {
            fp.again = Some(earlier.clone());
            plan.files.push(fp);
            continue;
        }
        if let Some(first) = seen_files.insert(o.sha256, o.file_name) {
            plan.refusals.push(Refusal::Twice {
                file,
                key: format!("{}/*", o.export.insurer_id),
                other_file: first.to_string(),
            });
            plan.files.push(fp);
            continue;
        }
        let mut in_file: BTreeMap<String, ()> = BTreeMap::new();
        for (i, c) in o.export.contracts.iter().enumerate() {
            let key = c.key();
            if in_file.insert(key.clone(), ()).is_some() {
                plan.refusals.push(Refusal::Twice {
                    file: file.clone(),
                    key,
                    other_file: file.clone(),
                });
                continue;
            }
            let history = by_key.entry(key).or_default();
            match verdict(c, history, &file) {
                Verdict::Identical => fp.skipped += 1,
                Verdict::Conflict(r) => plan.refusals.push(r),
                v => {
                    if let Some(old) = history.last() {
                        national -= paid_all_years(&old.contract);
                    }
                    match v {
                        Verdict::Supersedes(id) => fp.superseding.push((i, id)),
                        Verdict::Approved => fp.approved.push(i),
                        _ => {}
                    }
                    national += paid_all_years(c);
                    fp.store.push(i);
                    history.push(Held {
                        contract: c.clone(),
                        file_name: file.clone(),
                        // Not imported yet: the file's export time stands in (only the
                        // chain of this history is read while planning).
                        imported_at: o.export.exported_at,
                    });
                }
            }
        }
        if national > i128::from(MAX_NATIONAL_CENTS) {
            plan.refusals.push(Refusal::NationalTotal {
                file,
                total_cents: national,
            });
        }
        plan.files.push(fp);
    }
    plan
}

/// The current decisions: the last stored per insurer and plan, in the order first stored.
pub fn current(stored: Vec<Contract>) -> Vec<Contract> {
    let mut at: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<Contract> = Vec::new();
    for c in stored {
        match at.get(&c.key()) {
            Some(&i) => out[i] = c,
            None => {
                at.insert(c.key(), out.len());
                out.push(c);
            }
        }
    }
    out
}

/// The population's decisions as of a cut-off: those stored by import `through` (every
/// import without), decided on or before `date` (`YYYY-MM-DD`; every date without), the
/// current one per insurer and plan among them. `stored` is every stored decision with its
/// import number, in import order.
pub fn as_of(stored: &[(i64, Contract)], date: Option<crate::plan::Date>, through: Option<i64>) -> Vec<Contract> {
    current(
        stored
            .iter()
            .filter(|(import, c)| through.is_none_or(|t| *import <= t) && date.is_none_or(|d| c.decided_at.date() <= d))
            .map(|(_, c)| c.clone())
            .collect(),
    )
}
