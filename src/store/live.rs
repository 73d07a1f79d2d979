//! Whether the database changed since the workbench last looked: SQLite's data version
//! moves when another connection commits; this connection's own writes are counted apart.

use super::Store;
use anyhow::Result;

/// Where the database stands: another connection's commits and this connection's writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    /// `PRAGMA data_version`: changes when another connection (or process) commits.
    pub others: i64,
    /// Rows this connection inserted, updated or deleted since it opened.
    pub own: u64,
}

impl Store {
    /// The database's change marks now (one cheap pragma; no table is read).
    pub fn change_mark(&self) -> Result<Mark> {
        let others = self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        Ok(Mark {
            others,
            own: self.conn.total_changes(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_writes_and_other_connections_move_different_marks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("live.db");
        let mut first = Store::open(&path, false).unwrap();
        let second = Store::open(&path, false).unwrap();
        let (first_start, second_start) = (first.change_mark().unwrap(), second.change_mark().unwrap());
        assert_eq!(first.change_mark().unwrap(), first_start, "reading moves nothing");
        crate::app::import::load_samples(&mut first, "inkoper").unwrap();
        let first_after = first.change_mark().unwrap();
        assert_eq!(first_after.others, first_start.others, "own commits are not another's");
        assert!(first_after.own > first_start.own, "own commits are counted");
        let second_after = second.change_mark().unwrap();
        assert_ne!(second_after.others, second_start.others, "another's commit is seen");
        assert_eq!(second_after.own, second_start.own);
    }
}
