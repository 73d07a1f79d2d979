//! Opening a database file: what a command may do with it ([`Access`]), where it may be
//! (not on a network file system for writing), how a reader without write permission opens
//! it, and the schema check of every writing open.

pub use super::netfs::network_fs;
use super::{SCHEMA_VERSION, Store, schema};
use crate::core::bilingual::Text;
use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// What a command does with the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Records something: may create the file (with `create`), brings an old schema up to
    /// date, and refuses a file on a network file system or with a changed schema.
    Write { create: bool },
    /// Only reads, but may upgrade an old schema. The file must exist. When the file or its
    /// folder is not writable, or it is on a network file system, it is opened as with
    /// `ReadOnly`.
    Read,
    /// `--read-only`: SQLite refuses every write; the file must exist and be up to date.
    ReadOnly,
}

/// Names the network file system a path is on, or `None` for a local one. Injectable so
/// tests can fake a network file system; [`network_fs`] is the real check.
pub type FsProbe = fn(&Path) -> Option<&'static str>;

/// How to open a database file.
#[derive(Clone, Copy, Debug)]
pub struct OpenOptions {
    pub access: Access,
    pub probe: FsProbe,
}

impl OpenOptions {
    pub fn new(access: Access) -> OpenOptions {
        OpenOptions {
            access,
            probe: network_fs,
        }
    }
}

/// The refusal to write on a network file system, with the supported team setup.
fn network_refusal(path: &Path, fs: &str) -> Text {
    let p = path.display();
    Text::new(
        format!(
            "{p} staat op een netwerkbestandssysteem ({fs}); resv schrijft daar niet, omdat de vergrendeling \
             van SQLite over het netwerk niet betrouwbaar is en de database beschadigd kan raken of besluiten \
             kan verliezen. Werk als team op één machine: houd één databasebestand op de eigen schijf van die \
             machine en laat elke inkoper daar resv in een eigen terminal draaien (bijvoorbeeld via SSH). \
             Het bestand hier lezen met --read-only mag wel"
        ),
        format!(
            "{p} is on a network file system ({fs}); resv does not write there, because SQLite's locking \
             is not reliable over the network and the database can be corrupted or lose decisions. \
             Work as a team on one host instead: keep one database file on that host's own disk, and \
             let each buyer run resv in their own terminal there (e.g. over SSH). Reading the file \
             here with --read-only is allowed"
        ),
    )
}

/// How to start when there is no database yet, in both languages.
const START_NL: &str = "importeer eerst plannen (`resv import PAD`; NZa: `resv nza import BESTAND...`), \
     probeer de voorbeeldplannen met `resv demo`, of noem een ander bestand met --db (alleen opdrachten \
     die iets vastleggen maken een database aan";
const START_EN: &str = "import plans first (`resv import PATH`; NZa: `resv nza import FILE...`), \
     try the sample plans with `resv demo`, or name another file with --db (only commands that record \
     something create a database";

/// Whether the current user may write `path` (`access(2)`).
fn writable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let Ok(c) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
            return false;
        };
        // SAFETY: `c` is a valid C string.
        unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
    }
    #[cfg(not(unix))]
    {
        std::fs::metadata(path).is_ok_and(|m| !m.permissions().readonly())
    }
}

/// Whether the current user may write the database file and its folder (SQLite needs both).
pub fn may_write(path: &Path) -> bool {
    writable(path) && writable(folder(path))
}

fn folder(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// A path with a suffix (`-wal`, `-shm`) appended to its file name.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// An SQLite URI for the file, opened immutable: SQLite creates no `-wal`/`-shm` file and
/// takes no lock, which is what a reader without write permission needs.
fn immutable_uri(path: &Path) -> Result<String> {
    let abs = std::path::absolute(path).with_context(|| format!("cannot resolve {}", path.display()))?;
    let mut uri = String::from("file:");
    for b in abs.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    Ok(uri)
}

/// Opens read-only. When the file or its folder is not writable (a backup on a read-only
/// share), SQLite cannot create the `-shm` file a WAL database needs, so the file is opened
/// immutable when it has no write-ahead log with content; with one it is tried as is, and
/// refused with an explanation when SQLite cannot read it.
fn open_read_only(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if writable(path) && writable(folder(path)) {
        return Ok(Connection::open_with_flags(path, flags)?);
    }
    let wal = sibling(path, "-wal");
    let wal_len = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    if wal_len == 0 {
        return Ok(Connection::open_with_flags(
            immutable_uri(path)?,
            flags | OpenFlags::SQLITE_OPEN_URI,
        )?);
    }
    let conn = Connection::open_with_flags(path, flags)?;
    if let Err(e) = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)) {
        let wal = wal.display();
        bail!(Text::new(
            format!(
                "kan niet gelezen worden zonder schrijfrechten: het write-ahead-log {wal} bevat wijzigingen die \
                 nog niet in het bestand staan, en SQLite heeft schrijftoegang nodig om ze te lezen ({e}). Vraag \
                 iemand die daar mag schrijven om een kopie gemaakt met `resv backup BESTAND` (een kopie heeft geen log)"
            ),
            format!(
                "cannot read it without write permission: its write-ahead log {wal} holds changes not yet in the \
                 file, and SQLite needs write access to read them ({e}). Ask someone who may write there \
                 for a copy made with `resv backup FILE` (a copy has no log)"
            ),
        ));
    }
    Ok(conn)
}

impl Store {
    /// Opens the database at `path` for what a command does with it (see [`Access`]).
    pub fn open_with(path: &Path, o: OpenOptions) -> Result<Store> {
        Store::open_checked(path, o).with_context(|| format!("database {}", path.display()))
    }

    fn open_checked(path: &Path, o: OpenOptions) -> Result<Store> {
        let exists = path.exists();
        if exists && !path.is_file() {
            let example = path.join("resv.db");
            let example = example.display();
            bail!(Text::new(
                format!("is een map of iets anders dan een bestand; verwacht een databasebestand, zoals {example}"),
                format!("is a folder or another thing that is not a file; expected a database file, such as {example}"),
            ));
        }
        let access = match o.access {
            Access::Write { create: false } | Access::Read | Access::ReadOnly if !exists => {
                let ro = o.access == Access::ReadOnly;
                bail!(Text::new(
                    format!(
                        "bestaat niet; {START_NL}{})",
                        if ro { ", en nooit met --read-only" } else { "" }
                    ),
                    format!(
                        "does not exist; {START_EN}{})",
                        if ro { ", and never with --read-only" } else { "" }
                    ),
                ))
            }
            Access::Read if (o.probe)(path).is_some() || !writable(path) || !writable(folder(path)) => Access::ReadOnly,
            a => a,
        };
        if let Access::Write { .. } = access {
            if let Some(fs) = (o.probe)(path) {
                bail!(network_refusal(path, fs));
            }
            if exists && !(writable(path) && writable(folder(path))) {
                let dir = folder(path).display();
                bail!(Text::new(
                    format!("geen schrijfrechten op het bestand of de map {dir}; voeg --read-only toe om het te lezen"),
                    format!("no write permission on the file or its folder {dir}; to read it, add --read-only"),
                ));
            }
        }
        let conn = if access == Access::ReadOnly {
            open_read_only(path)?
        } else {
            std::fs::create_dir_all(folder(path))
                .with_context(|| format!("cannot create the directory {}", folder(path).display()))?;
            Connection::open(path)?
        };
        check_contents(&conn, access)?;
        let store = Store::setup(conn, access == Access::ReadOnly)?;
        if let Access::Write { .. } = access {
            let diffs = schema::differences(&store.conn)?;
            if !diffs.is_empty() {
                bail!("{}", schema::refusal(&diffs));
            }
        }
        Ok(store)
    }
}

/// What a file holds before resv writes anything into it. An SQLite database of another
/// program (objects, but schema version 0) is refused by every command: resv would otherwise
/// write its tables next to the other program's. An empty file is a new database only for a
/// command that records something; a read command refuses it as it refuses a missing file.
fn check_contents(conn: &Connection, access: Access) -> Result<()> {
    let version: i64 = match conn.pragma_query_value(None, "user_version", |r| r.get(0)) {
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::NotADatabase => bail!(Text::new(
            "is geen SQLite-database (de eerste bytes zijn geen SQLite-kop), dus geen resv-database; \
             verwacht een database van resv (`resv import PAD`), of de naam van een nieuw bestand",
            "is not an SQLite database (its first bytes are no SQLite header), so not a resv database; \
             expected a database made by resv (`resv import PATH`), or the name of a new file"
        )),
        other => other?,
    };
    if version != 0 {
        return Ok(());
    }
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name LIMIT 4")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if !names.is_empty() {
        let shown: Vec<String> = names
            .iter()
            .take(3)
            .map(|n| format!("{:?}", crate::core::sanitize::clean(n)))
            .collect();
        let more = if names.len() > 3 { ", ..." } else { "" };
        let shown = shown.join(", ");
        bail!(Text::new(
            format!(
                "is een SQLite-database van een ander programma (met {shown}{more}, en zonder schemaversie van resv), \
                 dus resv leest en schrijft haar niet; verwacht een resv-database, of de naam van een nieuw bestand"
            ),
            format!(
                "is an SQLite database of another program (it holds {shown}{more}, and no resv schema version), \
                 so resv neither reads nor writes it; expected a resv database, or the name of a new file"
            ),
        ));
    }
    if let Access::Write { .. } = access {
        return Ok(());
    }
    bail!(Text::new(
        format!("is leeg, nog geen resv-database; {START_NL})"),
        format!("is empty, not yet a resv database; {START_EN})"),
    ))
}

/// Reads `user_version` as resv writes it: 0 (empty) up to [`SCHEMA_VERSION`].
pub(super) fn schema_version_of(conn: &Connection) -> Result<u32> {
    let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if v > i64::from(SCHEMA_VERSION) {
        bail!(Text::new(
            format!("schemaversie {v} is nieuwer dan deze resv kent ({SCHEMA_VERSION}); werk resv bij"),
            format!("schema version {v} is newer than this resv understands ({SCHEMA_VERSION}); upgrade resv"),
        ));
    }
    u32::try_from(v).map_err(|_| {
        anyhow::anyhow!(
            "schema version (PRAGMA user_version) is {v}; resv writes 0 to {SCHEMA_VERSION}, so this is not \
             a resv database or its header was changed by hand"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_escape_what_sqlite_would_read_as_syntax() {
        let uri = immutable_uri(Path::new("/tmp/a b?c#d%e.db")).unwrap();
        assert_eq!(uri, "file:/tmp/a%20b%3Fc%23d%25e.db?immutable=1");
    }
}
