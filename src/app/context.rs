//! What every service works with, made once per command or workbench session: the store,
//! the rules, the registry of existing arrangements prepared for matching, the user who
//! works, and the clock (the store's, so tests can fix the time).

use crate::app::registry::Registry;
use crate::core::plan::Date;
use crate::core::rules::Rules;
use crate::store::Store;
use anyhow::Result;

pub struct Context {
    pub store: Store,
    pub rules: Rules,
    /// The registry, read and indexed the first time a service needs it (see
    /// [`Context::reload_registry`]).
    pub registry: Registry,
    /// Recorded with every change (empty for a reader that records nothing).
    pub user: String,
}

/// What a service that only reads takes: the store, the rules and the registry, borrowed.
/// The CLI takes it from its [`Context`]; the workbench from its own state.
#[derive(Clone, Copy)]
pub struct Sources<'a> {
    pub store: &'a Store,
    pub rules: &'a Rules,
    pub registry: &'a Registry,
}

impl Context {
    /// The reading parts, borrowed.
    pub fn sources(&self) -> Sources<'_> {
        Sources {
            store: &self.store,
            rules: &self.rules,
            registry: &self.registry,
        }
    }

    /// The context over an open store: the registry is read and indexed when first needed,
    /// once.
    pub fn new(store: Store, rules: Rules, user: String) -> Result<Context> {
        Ok(Context {
            store,
            rules,
            registry: Registry::default(),
            user,
        })
    }

    /// The parts a service that records something takes: the store to write, and the rules,
    /// registry and user it reads meanwhile.
    pub fn parts(&mut self) -> (&mut Store, &Rules, &Registry, &str) {
        (&mut self.store, &self.rules, &self.registry, &self.user)
    }

    /// Reads the registry again (when next needed), after an import changed it.
    pub fn reload_registry(&mut self) -> Result<()> {
        self.registry.reset();
        Ok(())
    }

    /// Now, in UTC (the store's clock); shown and stored as `YYYY-MM-DDTHH:MM:SSZ`.
    pub fn now(&self) -> crate::core::time::Instant {
        self.store.now()
    }

    /// Today's date in UTC.
    pub fn today(&self) -> Date {
        self.store.today()
    }
}
