//! The schema's integrity: the database's tables, indexes, triggers and views (its
//! `sqlite_master`) against what resv's migrations produce.
//!
//! A trigger or view changed by hand changes what is stored or read without any row
//! changing: an `AFTER INSERT` trigger can rewrite every new decision before its audit
//! digest is taken, and a redefined `latest_versions` view can hide a plan version. The
//! audit trail cannot see that, so the schema is checked on its own: every writing open
//! compares it with the expected one and refuses to write into another, and `audit verify`
//! names each difference.
//!
//! The expected schema is computed once per process by running the migrations on an
//! in-memory database (about a millisecond); comparing it with a file's costs one small
//! query on `sqlite_master`.

use anyhow::Result;
use rusqlite::Connection;
use std::sync::OnceLock;

/// One object of the schema: its type (`table`, `index`, `trigger`, `view`), name, the
/// table it belongs to, and its SQL with whitespace normalised.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SchemaObject {
    pub kind: String,
    pub name: String,
    pub table: String,
    pub sql: String,
}

/// How the database's schema differs from the expected one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SchemaDifference {
    /// An object resv's migrations do not make (e.g. a trigger added by hand).
    Added(SchemaObject),
    /// An object the migrations make is not there (e.g. an append-only trigger dropped).
    Missing(SchemaObject),
    /// The object exists with other SQL (e.g. a view redefined).
    Changed {
        expected: SchemaObject,
        found: SchemaObject,
    },
}

/// The longest piece of SQL quoted in a message.
const QUOTE_MAX: usize = 240;

fn quote(sql: &str) -> String {
    match sql.char_indices().nth(QUOTE_MAX) {
        Some((i, _)) => format!("{}…", &sql[..i]),
        None => sql.to_string(),
    }
}

fn label(o: &SchemaObject) -> String {
    if o.kind == "table" || o.kind == "view" || o.table == o.name {
        format!("{} {}", o.kind, o.name)
    } else {
        format!("{} {} on {}", o.kind, o.name, o.table)
    }
}

impl std::fmt::Display for SchemaDifference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SchemaDifference::Added(o) => write!(f, "{} was added: {}", label(o), quote(&o.sql)),
            SchemaDifference::Missing(o) => write!(f, "{} is missing (expected: {})", label(o), quote(&o.sql)),
            SchemaDifference::Changed { expected, found } => write!(
                f,
                "{} was changed: it is {}; expected {}",
                label(found),
                quote(&found.sql),
                quote(&expected.sql)
            ),
        }
    }
}

/// Collapses every run of whitespace to one space.
fn normalise(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The schema of a database, sorted. Only the tables SQLite makes by itself for statistics
/// (`ANALYZE`) and AUTOINCREMENT are left out: they hold no code. Everything else counts,
/// also a reserved `sqlite_*` name, which SQLite refuses in CREATE but which can be written
/// into `sqlite_master` directly (`PRAGMA writable_schema`), and whose triggers then run.
pub fn read(conn: &Connection) -> Result<Vec<SchemaObject>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, tbl_name, coalesce(sql, '') FROM main.sqlite_master
         WHERE NOT (type = 'table'
                    AND name IN ('sqlite_stat1', 'sqlite_stat2', 'sqlite_stat3', 'sqlite_stat4', 'sqlite_sequence'))",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(SchemaObject {
            kind: r.get(0)?,
            name: r.get(1)?,
            table: r.get(2)?,
            sql: normalise(&r.get::<_, String>(3)?),
        })
    })?;
    let mut out = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    out.sort();
    Ok(out)
}

/// The schema the migrations produce (computed once per process).
pub fn expected() -> Result<&'static [SchemaObject]> {
    static EXPECTED: OnceLock<Vec<SchemaObject>> = OnceLock::new();
    if let Some(s) = EXPECTED.get() {
        return Ok(s);
    }
    let mut conn = Connection::open_in_memory()?;
    super::migrate(&mut conn)?;
    let schema = read(&conn)?;
    Ok(EXPECTED.get_or_init(|| schema))
}

/// The schema the migrations make up to an older version (for a database about to be
/// upgraded; computed when needed).
fn expected_at(version: u32) -> Result<Vec<SchemaObject>> {
    let mut conn = Connection::open_in_memory()?;
    super::migrate_to(&mut conn, version)?;
    read(&conn)
}

/// Every difference between a database's schema and the expected one, by type and name.
pub fn differences(conn: &Connection) -> Result<Vec<SchemaDifference>> {
    compare(read(conn)?, expected()?)
}

/// Every difference between the schema of a database at an older `version` and the one the
/// migrations made at that version.
pub fn differences_at(conn: &Connection, version: u32) -> Result<Vec<SchemaDifference>> {
    compare(read(conn)?, &expected_at(version)?)
}

fn compare(found: Vec<SchemaObject>, expected: &[SchemaObject]) -> Result<Vec<SchemaDifference>> {
    if found == expected {
        return Ok(Vec::new());
    }
    let key = |o: &SchemaObject| (o.kind.clone(), o.name.clone());
    let mut out = Vec::new();
    for e in expected {
        match found.iter().find(|f| key(f) == key(e)) {
            None => out.push(SchemaDifference::Missing(e.clone())),
            Some(f) if f != e => out.push(SchemaDifference::Changed {
                expected: e.clone(),
                found: f.clone(),
            }),
            Some(_) => {}
        }
    }
    for f in &found {
        if !expected.iter().any(|e| key(e) == key(f)) {
            out.push(SchemaDifference::Added(f.clone()));
        }
    }
    Ok(out)
}

/// The refusal of a writing open into a database whose schema is not the expected one.
pub fn refusal(diffs: &[SchemaDifference]) -> String {
    let list: Vec<String> = diffs.iter().map(ToString::to_string).collect();
    format!(
        "its schema is not the one resv makes, so resv writes nothing into it ({} difference{}: {}). \
         Someone changed tables, indexes, triggers or views outside resv; run `resv audit verify` \
         and restore a backup",
        diffs.len(),
        if diffs.len() == 1 { "" } else { "s" },
        list.join("; ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fresh() -> Connection {
        let mut c = Connection::open_in_memory().unwrap();
        super::super::migrate(&mut c).unwrap();
        c
    }

    #[test]
    fn a_fresh_database_has_the_expected_schema() {
        let c = fresh();
        assert!(differences(&c).unwrap().is_empty());
        let kinds: Vec<&str> = expected().unwrap().iter().map(|o| o.kind.as_str()).collect();
        for kind in ["table", "index", "trigger", "view"] {
            assert!(kinds.contains(&kind), "{kind}");
        }
    }

    #[test]
    fn added_missing_and_changed_objects_are_named() {
        let c = fresh();
        c.execute_batch(
            "DROP TRIGGER decisions_append_only_u;
             CREATE TRIGGER sneaky AFTER INSERT ON decisions BEGIN SELECT 1; END;
             DROP VIEW latest_versions;
             CREATE VIEW latest_versions AS SELECT * FROM plan_versions WHERE version_no = 1;",
        )
        .unwrap();
        let text: Vec<String> = differences(&c).unwrap().iter().map(ToString::to_string).collect();
        assert_eq!(text.len(), 3, "{text:#?}");
        assert!(text.iter().any(|t| {
            t.starts_with("trigger decisions_append_only_u on decisions is missing (expected: CREATE TRIGGER")
        }));
        assert!(text.iter().any(|t| t.starts_with(
            "view latest_versions was changed: it is CREATE VIEW latest_versions AS SELECT * FROM plan_versions WHERE version_no = 1; expected CREATE VIEW"
        )));
        assert!(text.contains(
            &"trigger sneaky on decisions was added: CREATE TRIGGER sneaky AFTER INSERT ON decisions BEGIN SELECT 1; END"
                .to_string()
        ));
        assert!(refusal(&differences(&c).unwrap()).contains("3 differences: "));
    }

    #[test]
    fn a_trigger_with_a_reserved_name_written_into_the_schema_directly_is_named() {
        let c = fresh();
        c.execute_batch(
            "PRAGMA writable_schema = ON;
             INSERT INTO sqlite_master VALUES ('trigger', 'sqlite_evil', 'decisions', 0,
                 'CREATE TRIGGER sqlite_evil AFTER INSERT ON decisions BEGIN SELECT 1; END');
             PRAGMA writable_schema = OFF;",
        )
        .unwrap();
        let text: Vec<String> = differences(&c).unwrap().iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "trigger sqlite_evil on decisions was added: CREATE TRIGGER sqlite_evil AFTER INSERT ON decisions BEGIN SELECT 1; END"
            ]
        );
        c.execute_batch("ANALYZE;").unwrap();
        assert_eq!(differences(&c).unwrap().len(), 1, "statistics are not a difference");
    }

    #[test]
    fn an_old_schema_changed_by_hand_is_not_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v5.db");
        {
            let mut c = Connection::open(&path).unwrap();
            super::super::migrate_to(&mut c, 5).unwrap();
            assert!(differences_at(&c, 5).unwrap().is_empty());
            c.execute_batch("CREATE TRIGGER sneaky AFTER INSERT ON decisions BEGIN SELECT 1; END;")
                .unwrap();
        }
        for read_only in [false, true] {
            let err = format!("{:#}", crate::store::Store::open(&path, read_only).err().unwrap());
            let expected = if read_only {
                "needs an upgrade"
            } else {
                "(1 difference: trigger sneaky on decisions was added"
            };
            assert!(err.contains(expected), "{err}");
        }
        let c = Connection::open(&path).unwrap();
        let v: u32 = c.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(v, 5, "not migrated");
    }

    #[test]
    fn whitespace_does_not_count_and_long_sql_is_cut() {
        assert_eq!(
            normalise("CREATE  VIEW\n    v AS\tSELECT 1"),
            "CREATE VIEW v AS SELECT 1"
        );
        let long = "x".repeat(1000);
        assert_eq!(quote(&long).chars().count(), QUOTE_MAX + 1);
    }
}
