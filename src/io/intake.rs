//! Reading plan files from disk: the I/O shell around [`crate::core::parse`]. Folders are
//! expanded to their plan files; what importing them did is reported per file (the import
//! itself is [`crate::app::import`]).

use crate::core::diag::Diagnostic;
use crate::core::parse::parse_plan;
use crate::core::plan::Plan;
use crate::io::files::read_text_file;
use std::fs;
use std::path::{Path, PathBuf};

/// What happened to one file.
#[derive(Debug)]
pub enum FileResult {
    Imported {
        plan_id: String,
        version: u32,
    },
    Unchanged {
        plan_id: String,
        version: u32,
    },
    Refused(Vec<Diagnostic>),
    /// The database failed; the batch stopped here.
    Failed(String),
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
    pub failed: usize,
}

pub fn summarise(reports: &[FileReport]) -> Summary {
    let mut s = Summary::default();
    for r in reports {
        match r.result {
            FileResult::Imported { .. } => s.imported += 1,
            FileResult::Unchanged { .. } => s.unchanged += 1,
            FileResult::Refused(_) => s.refused += 1,
            FileResult::Failed(_) => s.failed += 1,
        }
    }
    s
}

/// A plan file as read: its text (for a workbook, the equivalent TOML text) and, for a
/// workbook, the file's bytes, which are then what its SHA-256 covers.
#[derive(Clone, Debug)]
pub struct PlanSource {
    pub text: String,
    pub original: Option<Vec<u8>>,
}

impl PlanSource {
    /// The SHA-256 of the file as it was read: the workbook's bytes, or the TOML text.
    pub fn sha256(&self) -> String {
        match &self.original {
            Some(bytes) => crate::core::sha256_bytes_hex(bytes),
            None => crate::core::sha256_hex(&self.text),
        }
    }
}

/// Whether a path names a plan workbook (`.xlsx`) rather than a TOML plan file.
pub fn is_workbook(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// Reads and validates one plan file: a TOML file (size limit, UTF-8, then the parser) or
/// an `.xlsx` workbook in the template's layout (its own limits, then the same parser).
pub fn read_plan_file(path: &Path) -> Result<(PlanSource, Plan), Vec<Diagnostic>> {
    if is_workbook(path) {
        let (bytes, text, plan) = crate::io::plan_xlsx::read_plan_workbook(path)?;
        return Ok((
            PlanSource {
                text,
                original: Some(bytes),
            },
            plan,
        ));
    }
    let text = read_text_file(path, "a plan file (TOML or .xlsx)")?;
    let plan = parse_plan(&text)?;
    Ok((PlanSource { text, original: None }, plan))
}

/// A file to import, or a named path that cannot be (reported as refused).
pub enum Item {
    File(PathBuf),
    Problem(PathBuf, String),
}

/// Expands the given paths: files as named (a `.toml` plan file or an `.xlsx` workbook),
/// folders to their `*.toml` files (recursively,
/// sorted, not following links to folders). An unreadable folder, or one without plan
/// files, is a problem to report, never a silent skip.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<Item> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            let mut problems = Vec::new();
            walk(p, &mut found, &mut problems);
            found.sort();
            if found.is_empty() && problems.is_empty() {
                problems.push(Item::Problem(
                    p.clone(),
                    "found no *.toml files in this folder, expected plan files (name workbooks one by one)".into(),
                ));
            }
            out.extend(found.into_iter().map(Item::File));
            out.extend(problems);
        } else {
            out.push(Item::File(p.clone()));
        }
    }
    out
}

/// The most plan files the workbench imports from one folder in one go (the command line
/// takes more, with its per-file report).
pub const MAX_FOLDER_PLANS: usize = 500;

/// The `*.toml` files directly in `dir`, sorted: its subfolders are not searched (the
/// workbench's folder import). A folder without any, or one that cannot be read, is a
/// problem to report.
pub fn folder_items(dir: &Path) -> Vec<Item> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return vec![Item::Problem(dir.to_path_buf(), format!("cannot read the folder: {e}"))],
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    found.sort();
    if found.is_empty() {
        return vec![Item::Problem(
            dir.to_path_buf(),
            "found no *.toml files in this folder, expected plan files (name workbooks one by one)".into(),
        )];
    }
    found.into_iter().map(Item::File).collect()
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<Item>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return problems.push(Item::Problem(dir.to_path_buf(), format!("cannot read the folder: {e}"))),
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                problems.push(Item::Problem(dir.to_path_buf(), format!("cannot read the folder: {e}")));
                continue;
            }
        };
        let path = entry.path();
        // file_type() does not follow links: a link to a folder is not walked (no cycles).
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir {
            walk(&path, files, problems);
        } else if path.extension().is_some_and(|e| e == "toml") {
            files.push(path);
        }
    }
}
