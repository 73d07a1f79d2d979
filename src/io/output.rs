//! Writing the files resv makes for its user: letters, exports, reports, follow packages,
//! samples and backups.
//!
//! They hold confidential purchasing decisions, so one rule for all: a file is never
//! overwritten and a symbolic link is never followed (create-new semantics), unless `--force`
//! allows replacing a *regular* file; a symbolic link is refused even then. The content is
//! written to a temporary file in the destination's folder (mode 0600), synced, and only then
//! put in place by a rename, so a crash never leaves half a file under the name asked for.

use crate::core::bilingual::Text;
use anyhow::{Context, Result, bail};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Whether an existing regular file may be replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Existing {
    /// Refused; the command has `--force` (the refusal says so).
    #[default]
    Refuse,
    /// Replaced (`--force`).
    Replace,
    /// Refused, and there is no `--force` (a follow package is evidence; the TUI).
    Never,
}

impl Existing {
    pub fn from_force(force: bool) -> Existing {
        if force { Existing::Replace } else { Existing::Refuse }
    }
}

/// Refuses a destination that may not be written: a symbolic link (dangling or not), anything
/// but a regular file, or an existing file without `--force`.
pub fn check(dest: &Path, existing: Existing) -> Result<()> {
    let shown = crate::core::sanitize::clean(&dest.display().to_string()).into_owned();
    match std::fs::symlink_metadata(dest) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => bail!(Text::new(
            format!("kan {shown} niet schrijven: {e}"),
            format!("cannot write {shown}: {e}")
        )),
        Ok(m) if m.file_type().is_symlink() => bail!(Text::new(
            format!(
                "{shown} is een symbolische koppeling; resv schrijft daar nooit doorheen, ook niet met --force: kies een andere naam"
            ),
            format!(
                "{shown} is a symbolic link; resv never writes through one, not even with --force: choose another name"
            ),
        )),
        Ok(m) if !m.is_file() => bail!(Text::new(
            format!("{shown} bestaat en is geen gewoon bestand: kies een andere naam"),
            format!("{shown} exists and is not a regular file: choose another name"),
        )),
        Ok(_) if existing == Existing::Replace => Ok(()),
        Ok(_) => bail!(exists(&shown, existing)),
    }
}

fn exists(shown: &str, existing: Existing) -> Text {
    if existing == Existing::Never {
        Text::new(
            format!("{shown} bestaat al; resv overschrijft nooit een bestand: kies een andere naam"),
            format!("{shown} exists; resv never overwrites a file: choose another name"),
        )
    } else {
        Text::new(
            format!(
                "{shown} bestaat al; resv overschrijft nooit een bestand: geef --force om het te vervangen, of kies een andere naam"
            ),
            format!("{shown} exists; resv never overwrites a file: pass --force to replace it, or choose another name"),
        )
    }
}

/// Content written to a temporary file next to its destination, not yet in place.
pub struct Pending {
    tmp: tempfile::NamedTempFile,
    dest: PathBuf,
    existing: Existing,
}

/// The folder a destination is created in.
fn folder(dest: &Path) -> &Path {
    dest.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// An empty temporary file (mode 0600) in `dest`'s folder, after checking `dest`.
pub fn temp_for(dest: &Path, existing: Existing) -> Result<Pending> {
    check(dest, existing)?;
    let dir = folder(dest);
    let shown_dir = crate::core::sanitize::clean(&dir.display().to_string()).into_owned();
    if !dir.is_dir() {
        let shown = crate::core::sanitize::clean(&dest.display().to_string()).into_owned();
        bail!(Text::new(
            format!(
                "kan {shown} niet schrijven: de map {shown_dir} bestaat niet; verwacht een bestaande map (maak haar eerst aan, of kies een andere)"
            ),
            format!(
                "cannot write {shown}: the folder {shown_dir} does not exist; expected an existing folder (create it first, or choose another)"
            ),
        ));
    }
    // The error names the folder, not the temporary file's random name.
    let tmp = tempfile::Builder::new()
        .prefix(".resv-")
        .tempfile_in(dir)
        .map_err(|e| {
            let e = std::io::Error::from(e.kind());
            anyhow::Error::new(Text::new(
                format!("kan niet schrijven in {shown_dir}: {e}; verwacht een map waarin u mag schrijven"),
                format!("cannot write in {shown_dir}: {e}; expected a folder you may write in"),
            ))
        })?;
    Ok(Pending {
        tmp,
        dest: dest.to_path_buf(),
        existing,
    })
}

/// Writes `bytes` to a temporary file next to `dest` (checked first); [`Pending::commit`]
/// puts it in place.
pub fn prepare(dest: &Path, bytes: &[u8], existing: Existing) -> Result<Pending> {
    let mut p = temp_for(dest, existing)?;
    p.tmp
        .write_all(bytes)
        .and_then(|()| p.tmp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", p.shown()))?;
    Ok(p)
}

impl Pending {
    /// The temporary file's path (for writers that open it themselves, such as SQLite).
    pub fn path(&self) -> &Path {
        self.tmp.path()
    }

    fn shown(&self) -> String {
        crate::core::sanitize::clean(&self.dest.display().to_string()).into_owned()
    }

    /// Puts the file in place: only where nothing is (checked again, atomically), or, with
    /// `--force`, over a regular file.
    pub fn commit(self) -> Result<()> {
        let shown = self.shown();
        match self.existing {
            Existing::Refuse | Existing::Never => self.tmp.persist_noclobber(&self.dest).map_err(|e| {
                if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                    anyhow::Error::new(exists(&shown, self.existing))
                } else {
                    anyhow::anyhow!("cannot create {shown}: {}", e.error)
                }
            })?,
            Existing::Replace => {
                // Checked again just before: a rename replaces a link itself, never its
                // target, but a link is refused all the same.
                check(&self.dest, Existing::Replace)?;
                self.tmp
                    .persist(&self.dest)
                    .map_err(|e| anyhow::anyhow!("cannot create {shown}: {}", e.error))?
            }
        };
        Ok(())
    }
}

/// Writes a whole file by the rules above.
pub fn write(dest: &Path, bytes: &[u8], existing: Existing) -> Result<()> {
    prepare(dest, bytes, existing)?.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_existing_file_is_refused_and_untouched_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("letter.md");
        write(&dest, b"first", Existing::Refuse).unwrap();
        let err = write(&dest, b"second", Existing::Refuse).unwrap_err().to_string();
        assert!(
            err.contains("exists; resv never overwrites a file: pass --force"),
            "{err}"
        );
        assert_eq!(std::fs::read(&dest).unwrap(), b"first");
        write(&dest, b"third", Existing::Replace).unwrap();
        let err = write(&dest, b"x", Existing::Never).unwrap_err().to_string();
        assert!(
            err.ends_with("exists; resv never overwrites a file: choose another name"),
            "{err}"
        );
        assert_eq!(std::fs::read(&dest).unwrap(), b"third");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    /// Review of issue 15: `-o missing/x.md` said "cannot write in missing: No such file or
    /// directory (os error 2) at path "missing/.resv-tqSyeW"": a temporary name the user never
    /// asked for, and no word of what was expected.
    #[test]
    fn a_missing_folder_is_named_without_a_temporary_name() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("missing").join("letter.md");
        let err = format!("{:#}", write(&dest, b"x", Existing::Refuse).unwrap_err());
        assert!(
            err.contains("missing does not exist; expected an existing folder"),
            "{err}"
        );
        assert!(!err.contains(".resv-"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_are_refused_even_forced_and_dangling_ones_create_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.txt");
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        for existing in [Existing::Refuse, Existing::Replace, Existing::Never] {
            let err = write(&link, b"x", existing).unwrap_err().to_string();
            assert!(
                err.contains("is a symbolic link; resv never writes through one"),
                "{err}"
            );
            assert!(!target.exists(), "the link's target is not created");
        }
        std::fs::write(&target, b"kept").unwrap();
        assert!(write(&link, b"x", Existing::Replace).is_err());
        assert_eq!(std::fs::read(&target).unwrap(), b"kept");
    }
}
