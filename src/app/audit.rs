//! The audit trail and the database as a whole: `resv audit verify`, `resv audit log`,
//! `resv backup` and the audit head every export, letter, report and sample prints.

use crate::core::audit::{Entry, Head};
use crate::io::output::Existing;
use crate::store::{AuditCheck, Store};
use anyhow::Result;
use std::path::Path;

/// The schema, the whole chain and the rows it covers checked; with `expect`, also that
/// this head noted earlier is still in the chain with that hash.
pub fn verify(store: &Store, expect: Option<&Head>) -> Result<AuditCheck> {
    store.verify_audit(expect)
}

/// The audit entries, oldest first; only one plan's with `plan_id`.
pub fn log(store: &Store, plan_id: Option<&str>) -> Result<Vec<Entry>> {
    store.audit_log(plan_id)
}

/// The newest entry (`SEQ:HASH`; sequence 0 and the genesis hash when there is none).
pub fn head(store: &Store) -> Result<Head> {
    store.audit_head()
}

/// A consistent copy of the whole database at `dest`, written like every other file resv
/// writes (`existing` says whether a regular file there may be replaced).
pub fn backup(store: &Store, dest: &Path, existing: Existing) -> Result<()> {
    store.backup(dest, existing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backup_holds_the_same_chain_and_verifies_whole() {
        let mut store = Store::open_in_memory().unwrap();
        store.set_fixed_now("2026-11-01T09:00:00Z");
        crate::app::import::load_samples(&mut store, "inkoper").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("copy.db");
        backup(&store, &dest, Existing::Refuse).unwrap();
        let copy = Store::open(&dest, true).unwrap();
        assert_eq!(head(&copy).unwrap(), head(&store).unwrap());
        assert_eq!(log(&copy, None).unwrap().len(), log(&store, None).unwrap().len());
        let check = verify(&copy, Some(&head(&store).unwrap())).unwrap();
        assert!(check.is_whole(), "{:?}", check.problem);
        // A second backup to the same file is refused without --force.
        assert!(backup(&store, &dest, Existing::Refuse).is_err());
    }

    #[test]
    fn the_log_of_one_plan_holds_only_its_entries() {
        let mut store = Store::open_in_memory().unwrap();
        crate::app::import::load_samples(&mut store, "inkoper").unwrap();
        let all = log(&store, None).unwrap();
        let id = all.iter().find_map(|e| e.plan_id.clone()).unwrap();
        let one = log(&store, Some(&id)).unwrap();
        assert!(!one.is_empty() && one.len() < all.len());
        assert!(one.iter().all(|e| e.plan_id.as_deref() == Some(id.as_str())));
    }
}
