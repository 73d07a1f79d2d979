//! Who works and how the database is opened: the user recorded with changes, and the open
//! for what a command does (create, write, read; `--read-only`).

use super::{Cli, db_path};
use crate::store::{Access, OpenOptions, Store};
use anyhow::Result;

/// The longest name recorded as a user.
pub const USER_MAX_CHARS: usize = 100;

/// The user recorded with changes: `--user` (or `RESV_USER`), else `$USER`, `$LOGNAME` or
/// `$USERNAME`, else the OS's name for the process's user. An empty, over-long or
/// control-character name is refused, and so is not knowing who works.
pub fn current_user(cli: &Cli) -> Result<String> {
    let nl = cli.lang == crate::text::Lang::Nl;
    if let Some(u) = &cli.user {
        return checked_user(u, &format!("--user ({} RESV_USER)", if nl { "of" } else { "or" }), nl);
    }
    for var in ["USER", "LOGNAME", "USERNAME"] {
        if let Some(u) = std::env::var(var).ok().filter(|u| !u.trim().is_empty()) {
            return checked_user(&u, &format!("${var}"), nl);
        }
    }
    match os_user() {
        Some(u) => checked_user(
            &u,
            if nl {
                "de gebruikersnaam van het systeem"
            } else {
                "the OS user name"
            },
            nl,
        ),
        None if nl => anyhow::bail!(
            "kan niet bepalen wie u bent: $USER is niet gezet en het systeem kent geen naam voor dit gebruikers-id; \
             noem uzelf met --user NAAM (of RESV_USER), die bij elke wijziging wordt vastgelegd"
        ),
        None => anyhow::bail!(
            "cannot tell who you are: $USER is not set and the system has no name for this user id; \
             name yourself with --user NAME (or RESV_USER), which is recorded with every change"
        ),
    }
}

fn checked_user(name: &str, from: &str, nl: bool) -> Result<String> {
    let name = name.trim();
    if name.is_empty() && nl {
        anyhow::bail!(
            "{from} is leeg; geef de naam die bij uw wijzigingen wordt vastgelegd, bijvoorbeeld --user j.jansen"
        );
    }
    if name.is_empty() {
        anyhow::bail!("{from} is empty; give the name recorded with your changes, e.g. --user j.jansen");
    }
    if name.chars().count() > USER_MAX_CHARS || name.chars().any(char::is_control) {
        let shown = crate::core::sanitize::clean(&name.chars().take(USER_MAX_CHARS).collect::<String>()).into_owned();
        if nl {
            anyhow::bail!(
                "{from} is {shown:?}; verwacht een naam van ten hoogste {USER_MAX_CHARS} tekens zonder stuurtekens"
            );
        }
        anyhow::bail!(
            "{from} is {shown:?}; expected a name of at most {USER_MAX_CHARS} characters without control characters"
        );
    }
    Ok(name.to_string())
}

/// The name of the process's effective user in the system's user database (`getpwuid_r`).
fn os_user() -> Option<String> {
    #[cfg(unix)]
    {
        let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
        let mut buf = vec![0 as libc::c_char; 4096];
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        // SAFETY: every pointer is valid for the call; `result` is null or points at `pwd`,
        // whose strings live in `buf`.
        let rc = unsafe { libc::getpwuid_r(libc::geteuid(), &mut pwd, buf.as_mut_ptr(), buf.len(), &mut result) };
        if rc != 0 || result.is_null() || pwd.pw_name.is_null() {
            return None;
        }
        // SAFETY: pw_name is a NUL-terminated string inside `buf`.
        let name = unsafe { std::ffi::CStr::from_ptr(pwd.pw_name) };
        Some(name.to_string_lossy().into_owned()).filter(|n| !n.is_empty())
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// Opens the database for `access`; `--read-only` makes every open read-only.
pub(super) fn open_db(cli: &Cli, access: Access) -> Result<Store> {
    let access = if cli.read_only { Access::ReadOnly } else { access };
    Store::open_with(&db_path(cli)?, OpenOptions::new(access))
}

/// For commands that record something new and may start a database (imports).
pub(super) fn open_store(cli: &Cli) -> Result<Store> {
    open_db(cli, Access::Write { create: true })
}

/// For commands that record something about what is in the database: it must exist.
pub(super) fn open_writer(cli: &Cli) -> Result<Store> {
    open_db(cli, Access::Write { create: false })
}

/// For commands that only read: a missing database is an error, not a new empty one.
pub(super) fn open_existing(cli: &Cli) -> Result<Store> {
    open_db(cli, Access::Read)
}
