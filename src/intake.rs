//! Reading plan files from disk and importing them: the I/O shell around
//! [`crate::core::parse`]. Each file is checked and stored on its own, in its own
//! transaction; a bad file imports nothing and never stops the others.

use crate::core::diag::Diagnostic;
use crate::core::parse::parse_plan;
use crate::core::plan::Plan;
use crate::store::{ImportOutcome, Store};
use anyhow::Result;
use std::fs;
use std::path::{Path, PathBuf};

/// Plan files larger than this are refused unread.
pub const MAX_FILE_BYTES: u64 = 5 * 1024 * 1024;

/// What happened to one file.
#[derive(Debug)]
pub enum FileResult {
    Imported { plan_id: String, version: u32 },
    Unchanged { plan_id: String, version: u32 },
    Refused(Vec<Diagnostic>),
}

#[derive(Debug)]
pub struct FileReport {
    pub path: PathBuf,
    pub result: FileResult,
}

/// Counts for the summary line.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub imported: usize,
    pub unchanged: usize,
    pub refused: usize,
}

pub fn summarise(reports: &[FileReport]) -> Summary {
    let mut s = Summary::default();
    for r in reports {
        match r.result {
            FileResult::Imported { .. } => s.imported += 1,
            FileResult::Unchanged { .. } => s.unchanged += 1,
            FileResult::Refused(_) => s.refused += 1,
        }
    }
    s
}

fn whole_file(message: String) -> Vec<Diagnostic> {
    vec![Diagnostic {
        line: None,
        column: None,
        path: String::new(),
        message,
    }]
}

/// Reads and validates one plan file: size limit, UTF-8, then the parser.
pub fn read_plan_file(path: &Path) -> Result<(String, Plan), Vec<Diagnostic>> {
    let meta = fs::metadata(path).map_err(|e| whole_file(format!("cannot read the file: {e}")))?;
    if !meta.is_file() {
        return Err(whole_file("not a regular file".into()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(whole_file(format!(
            "file is {} bytes, expected at most {MAX_FILE_BYTES} (5 MiB) for a plan file",
            meta.len()
        )));
    }
    let bytes = fs::read(path).map_err(|e| whole_file(format!("cannot read the file: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
        vec![Diagnostic {
            line: Some(line),
            column: None,
            path: String::new(),
            message: format!("found bytes that are not UTF-8 at byte {at}, expected a UTF-8 text file"),
        }]
    })?;
    let plan = parse_plan(&text)?;
    Ok((text, plan))
}

/// Expands the given paths: files as named, folders to their `*.toml` files (recursively,
/// sorted). Paths that do not exist are kept, so they are reported as refused.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found);
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

/// Imports every file under `paths`. A database failure stops the batch (files already
/// imported stay imported: each was its own transaction).
pub fn import_paths(store: &mut Store, paths: &[PathBuf], user: &str) -> Result<Vec<FileReport>> {
    let mut reports = Vec::new();
    for path in expand_paths(paths) {
        let result = match read_plan_file(&path) {
            Err(diags) => FileResult::Refused(diags),
            Ok((text, plan)) => match store.import_plan(&plan, &text, &path.display().to_string(), user)? {
                ImportOutcome::Imported { version } => FileResult::Imported {
                    plan_id: plan.id,
                    version,
                },
                ImportOutcome::Unchanged { version } => FileResult::Unchanged {
                    plan_id: plan.id,
                    version,
                },
            },
        };
        tracing::info!(path = %path.display(), ?result, "import");
        reports.push(FileReport { path, result });
    }
    Ok(reports)
}
