//! The registry of existing arrangements: `resv registry import` and `resv registry list`.
//! Matching plans against it is [`crate::app::assess`]'s work.

use crate::core::funding::{Arrangement, RegistryIndex, matcher};
use crate::core::plan::Plan;
use crate::store::{RegistryImport, Store};
use crate::text::Lang;
use anyhow::Result;
use std::cell::OnceCell;

/// The registry for one plan: the whole index, or the plan's candidates only.
pub enum PlanRegistry<'r> {
    Whole(&'r RegistryIndex),
    Part(Box<RegistryIndex>),
}

impl std::ops::Deref for PlanRegistry<'_> {
    type Target = RegistryIndex;
    fn deref(&self) -> &RegistryIndex {
        match self {
            PlanRegistry::Whole(ix) => ix,
            PlanRegistry::Part(ix) => ix,
        }
    }
}

/// The registry as resv reads it: matching looks up the candidates of the plans at hand by
/// key ([`Registry::for_plans`]), never indexing the whole registry (at 100,000
/// arrangements that index takes about 200 MiB and 2 s); the registry screen reads the
/// arrangements alone ([`Registry::arrangements`]). A whole index is used only where one
/// was given ([`Registry::loaded`]: tests, benchmarks).
#[derive(Debug, Default)]
pub struct Registry {
    cell: OnceCell<(i64, RegistryIndex)>,
    /// The arrangements alone, for a screen that lists them: a fraction of the index's
    /// memory (no normalised names, words or blocks).
    list: OnceCell<Vec<Arrangement>>,
}

impl Registry {
    /// A registry already indexed, as read at `version` (tests, benchmarks).
    pub fn loaded(version: i64, index: RegistryIndex) -> Registry {
        Registry {
            cell: OnceCell::from((version, index)),
            list: OnceCell::new(),
        }
    }

    /// The registry version the index was read at, if it was read already.
    pub fn loaded_version(&self) -> Option<i64> {
        self.cell.get().map(|(v, _)| *v)
    }

    /// The index if it was read already.
    pub fn if_loaded(&self) -> Option<&RegistryIndex> {
        self.cell.get().map(|(_, ix)| ix)
    }

    /// The current arrangements by id, read from `store` the first time (the index's own
    /// when it was read already; else without building it).
    pub fn arrangements(&self, store: &Store) -> Result<&[Arrangement]> {
        if let Some(ix) = self.if_loaded() {
            return Ok(&ix.arrangements);
        }
        if self.list.get().is_none() {
            let _ = self.list.set(store.arrangements()?);
        }
        Ok(self.list.get().expect("set above"))
    }

    /// The arrangements if they were read already (what a view may show without reading
    /// the store); empty otherwise.
    pub fn arrangements_if_loaded(&self) -> &[Arrangement] {
        match (self.if_loaded(), self.list.get()) {
            (Some(ix), _) => &ix.arrangements,
            (None, Some(list)) => list,
            (None, None) => &[],
        }
    }

    /// The registry as one plan needs it: the whole index when one was given, else
    /// only the plan's candidates, looked up by key with the whole registry's counts (an
    /// index that matches this plan exactly as the whole one does, in milliseconds).
    pub fn for_plan(&self, store: &Store, plan: &Plan) -> Result<PlanRegistry<'_>> {
        self.for_plans(store, &[plan])
    }

    /// The registry as several plans need it: the whole index when one was given,
    /// else the candidates of all of them, looked up by key with the whole registry's
    /// counts (an index that matches each of them exactly as the whole one does).
    pub fn for_plans(&self, store: &Store, plans: &[&Plan]) -> Result<PlanRegistry<'_>> {
        if let Some(ix) = self.if_loaded() {
            return Ok(PlanRegistry::Whole(ix));
        }
        let (items, totals) = store.registry_for(&matcher::plans_lookup(plans.iter().copied()))?;
        Ok(PlanRegistry::Part(Box::new(RegistryIndex::partial(items, totals))))
    }

    /// Forgets the index, after an import changed the registry.
    pub fn reset(&mut self) {
        self.cell = OnceCell::new();
        self.list = OnceCell::new();
    }
}

/// Stores the arrangements read from `source` (a file already read and checked whole), all
/// or none: a known id with changed content gets a new version. Refused on a read-only
/// database, with the reason in `lang`.
pub fn import(
    store: &mut Store,
    items: &[Arrangement],
    source: &str,
    user: &str,
    lang: Lang,
) -> Result<RegistryImport> {
    crate::app::writable(store, lang)?;
    store.import_arrangements(items, source, user)
}

/// The current arrangements, by id.
pub fn list(store: &Store) -> Result<Vec<Arrangement>> {
    store.arrangements()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_registry() -> Vec<Arrangement> {
        crate::io::registry_files::read_csv(crate::io::embedded::SAMPLE_REGISTRY.1).unwrap()
    }

    #[test]
    fn an_import_adds_then_changes_nothing_and_the_list_holds_every_arrangement() {
        let mut store = Store::open_in_memory().unwrap();
        let items = sample_registry();
        let first = import(&mut store, &items, "r.csv", "inkoper", Lang::Nl).unwrap();
        assert_eq!((first.added, first.updated, first.unchanged), (items.len(), 0, 0));
        let again = import(&mut store, &items, "r.csv", "inkoper", Lang::Nl).unwrap();
        assert_eq!((again.added, again.updated, again.unchanged), (0, 0, items.len()));
        let mut ids: Vec<String> = items.iter().map(|a| a.id.clone()).collect();
        ids.sort();
        let listed: Vec<String> = list(&store).unwrap().into_iter().map(|a| a.id).collect();
        assert_eq!(listed, ids);
    }

    #[test]
    fn a_read_only_database_refuses_an_import_and_stores_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("resv.db");
        drop(Store::open(&path, false).unwrap());
        let mut store = Store::open(&path, true).unwrap();
        for lang in [Lang::Nl, Lang::En] {
            let e = import(&mut store, &sample_registry(), "r.csv", "inkoper", lang).unwrap_err();
            assert_eq!(e.to_string(), crate::text::READ_ONLY_NOTHING_STORED.get(lang));
        }
        assert!(list(&store).unwrap().is_empty());
    }
}
