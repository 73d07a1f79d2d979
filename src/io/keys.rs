//! The insurer's private signing key: made from the operating system's randomness, kept in
//! the config folder (`$XDG_CONFIG_HOME/resv/keys/INSURER_ID.key`, else
//! `~/.config/resv/keys/`), mode 0600, never overwritten. Rotating keeps the old file as
//! `INSURER_ID.key.N` (the first free N) and puts a new key in its place.

use crate::core::signing::SecretKey;
use anyhow::{Context, Result, bail};
use std::fs;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

const HEADER: &str = "resv-private-key-v1";
/// A key file is two short lines; anything larger is not one.
const MAX_KEY_FILE_BYTES: u64 = 4096;

/// The folder keys are kept in.
pub fn keys_dir() -> Result<PathBuf> {
    crate::io::rules_files::config_dir()
        .map(|d| d.join("keys"))
        .context("cannot find the config folder for keys; set XDG_CONFIG_HOME or HOME")
}

/// An insurer id is part of a file name: letters, digits, `-`, `_` and `.` only.
fn check_id(insurer_id: &str) -> Result<()> {
    let ok = !insurer_id.is_empty()
        && insurer_id.len() <= 64
        && !insurer_id.starts_with('.')
        && insurer_id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    if !ok {
        bail!(
            "insurer id {:?} cannot name a key file; expected letters, digits, '-', '_' or '.' (at most 64)",
            crate::core::sanitize::clip(insurer_id, 70)
        );
    }
    Ok(())
}

/// The private key file of an insurer.
pub fn key_path(insurer_id: &str) -> Result<PathBuf> {
    check_id(insurer_id)?;
    Ok(keys_dir()?.join(format!("{insurer_id}.key")))
}

fn new_seed() -> Result<[u8; 32]> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| anyhow::anyhow!("no randomness from the operating system: {e}"))?;
    Ok(seed)
}

/// Writes a key file that must not exist yet, mode 0600 from its creation.
fn write_new(path: &Path, insurer_id: &str, key: &SecretKey) -> Result<()> {
    let text = format!(
        "# resv private signing key (Ed25519) of {insurer_id}. Keep it secret: whoever holds it signs as {insurer_id}.\n{HEADER} {insurer_id} {}\n",
        key.seed_base64()
    );
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("{}: cannot create the key file", path.display()))?;
    f.write_all(text.as_bytes())?;
    f.sync_all()?;
    Ok(())
}

fn make_dir(dir: &Path) -> Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("{}: cannot create the keys folder", dir.display()))?;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
        .with_context(|| format!("{}: cannot restrict the keys folder", dir.display()))
}

/// Makes a new key pair for `insurer_id`; refuses when a key file exists.
pub fn generate(insurer_id: &str) -> Result<(PathBuf, SecretKey)> {
    let path = key_path(insurer_id)?;
    if path.exists() || path.is_symlink() {
        bail!(
            "{}: a private key of {insurer_id} exists already; it is never overwritten (use `resv keys rotate` for a new one)",
            path.display()
        );
    }
    make_dir(path.parent().expect("a key file has a folder"))?;
    let key = SecretKey::from_seed(&new_seed()?);
    write_new(&path, insurer_id, &key)?;
    Ok((path, key))
}

/// Keeps the current key as `INSURER_ID.key.N` and makes a new one; returns the retired
/// file's path and the new key.
pub fn rotate(insurer_id: &str) -> Result<(PathBuf, PathBuf, SecretKey)> {
    let path = key_path(insurer_id)?;
    load(insurer_id)?;
    let retired = (1..1000)
        .map(|n| path.with_extension(format!("key.{n}")))
        .find(|p| !p.exists() && !p.is_symlink())
        .context("too many retired keys in the keys folder")?;
    // A hard link refuses an existing name: the old key is never overwritten.
    fs::hard_link(&path, &retired).with_context(|| format!("{}: cannot keep the old key", retired.display()))?;
    fs::remove_file(&path).with_context(|| format!("{}: cannot retire the old key", path.display()))?;
    let key = SecretKey::from_seed(&new_seed()?);
    write_new(&path, insurer_id, &key)?;
    Ok((retired, path, key))
}

/// Reads an insurer's private key: a regular file of its own, not readable by others.
pub fn load(insurer_id: &str) -> Result<SecretKey> {
    let path = key_path(insurer_id)?;
    let name = path.display().to_string();
    if !path.exists() {
        bail!("{name}: no private key of {insurer_id}; make one with `resv keys generate`");
    }
    let meta = fs::symlink_metadata(&path)?;
    if !meta.is_file() {
        bail!("{name}: not a regular file, expected a private key");
    }
    if meta.permissions().mode() & 0o077 != 0 {
        bail!(
            "{name}: the private key is readable by others (mode {:o}); expected 600 (chmod 600 {name})",
            meta.permissions().mode() & 0o777
        );
    }
    let bytes = crate::io::files::read_bytes(&path, "a private key", MAX_KEY_FILE_BYTES)
        .map_err(|d| anyhow::anyhow!("{}", crate::core::diag::render(&name, &d).trim_end()))?;
    let text = String::from_utf8(bytes).with_context(|| format!("{name}: not UTF-8, expected a private key"))?;
    let line = text
        .lines()
        .find(|l| !l.starts_with('#') && !l.trim().is_empty())
        .with_context(|| format!("{name}: no key line, expected `{HEADER} INSURER_ID BASE64`"))?;
    let parts: Vec<&str> = line.split_whitespace().collect();
    let [HEADER, id, seed] = parts[..] else {
        bail!("{name}: expected the line `{HEADER} INSURER_ID BASE64`");
    };
    if id != insurer_id {
        bail!("{name}: the key is {id}'s, expected {insurer_id}'s");
    }
    SecretKey::from_base64(seed).map_err(|e| anyhow::anyhow!("{name}: {e}"))
}
