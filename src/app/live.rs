//! Watching the database for changes, so what the workbench shows stays true: its own
//! writes and other processes' commits, told apart ([`crate::store::Mark`]).

use crate::store::{Mark, Store};
use anyhow::Result;

/// What changed since the last look.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Nothing,
    /// This workbench wrote (a score, a note, a decision ...).
    Own,
    /// Another connection or process committed (whether or not this one wrote too).
    Others,
}

/// The marks seen last.
#[derive(Clone, Copy, Debug)]
pub struct Watcher {
    seen: Mark,
}

impl Watcher {
    pub fn new(store: &Store) -> Result<Watcher> {
        Ok(Watcher {
            seen: store.change_mark()?,
        })
    }

    /// What changed since the last call (or since `new`).
    pub fn poll(&mut self, store: &Store) -> Result<Change> {
        let now = store.change_mark()?;
        let change = if now.others != self.seen.others {
            Change::Others
        } else if now.own != self.seen.own {
            Change::Own
        } else {
            Change::Nothing
        };
        self.seen = now;
        Ok(change)
    }
}
