//! Reading plan files from disk and importing them: the I/O shell around
//! [`crate::core::parse`]. Each file is checked and stored on its own, in its own
//! transaction; a bad file imports nothing and never stops the others.

use crate::core::diag::Diagnostic;
use crate::core::parse::parse_plan;
use crate::core::plan::Plan;
use crate::io::files::{read_text_file, whole_file};
use crate::store::{ImportOutcome, Store};
use anyhow::Result;
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

/// Reads and validates one plan file: size limit, UTF-8, then the parser.
pub fn read_plan_file(path: &Path) -> Result<(String, Plan), Vec<Diagnostic>> {
    let text = read_text_file(path, "a plan file (TOML)")?;
    let plan = parse_plan(&text)?;
    Ok((text, plan))
}

/// A file to import, or a named path that cannot be (reported as refused).
enum Item {
    File(PathBuf),
    Problem(PathBuf, String),
}

/// Expands the given paths: files as named, folders to their `*.toml` files (recursively,
/// sorted, not following links to folders). An unreadable folder, or one without plan
/// files, is a problem to report, never a silent skip.
fn expand_paths(paths: &[PathBuf]) -> Vec<Item> {
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
                    "found no *.toml files in this folder, expected plan files".into(),
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

/// Imports every file under `paths`, each in its own transaction. If the database fails,
/// the batch stops there: the failing file is reported as `Failed`, and every file before it
/// stays imported and reported.
pub fn import_paths(store: &mut Store, paths: &[PathBuf], user: &str) -> Vec<FileReport> {
    let mut reports = Vec::new();
    for item in expand_paths(paths) {
        let (path, result) = match item {
            Item::Problem(path, message) => (path, FileResult::Refused(whole_file(message))),
            Item::File(path) => {
                let result = match read_plan_file(&path) {
                    Err(diags) => FileResult::Refused(diags),
                    Ok((text, plan)) => match store.import_plan(&plan, &text, &path.display().to_string(), user) {
                        Ok(ImportOutcome::Imported { version }) => FileResult::Imported {
                            plan_id: plan.id,
                            version,
                        },
                        Ok(ImportOutcome::Unchanged { version }) => FileResult::Unchanged {
                            plan_id: plan.id,
                            version,
                        },
                        Err(e) => match e.downcast_ref::<crate::store::IdCaseClash>() {
                            Some(clash) => FileResult::Refused(vec![id_diagnostic(&text, clash.to_string())]),
                            None => FileResult::Failed(format!("{e:#}")),
                        },
                    },
                };
                (path, result)
            }
        };
        tracing::info!(path = ?path, ?result, "import");
        let stop = matches!(result, FileResult::Failed(_));
        reports.push(FileReport { path, result });
        if stop {
            break;
        }
    }
    reports
}

/// A diagnostic on the plan's `id` key: the first line that sets `id` after `[plan]`.
fn id_diagnostic(text: &str, message: String) -> Diagnostic {
    let line = text.lines().position(|l| l.trim() == "[plan]").and_then(|start| {
        text.lines()
            .enumerate()
            .skip(start + 1)
            .find(|(_, l)| l.trim_start().starts_with("id ") || l.trim_start().starts_with("id="))
            .map(|(i, l)| (i as u32 + 1, (l.len() - l.trim_start().len()) as u32 + 1))
    });
    Diagnostic {
        line: line.map(|l| l.0),
        column: line.map(|l| l.1),
        path: "plan.id".to_string(),
        message,
    }
}

/// Loads the bundled sample plans (compiled in) into a database: for `resv demo` and tests.
pub fn load_samples(store: &mut Store, user: &str) -> Result<usize> {
    for (path, text) in crate::io::embedded::SAMPLE_PLANS {
        let plan = parse_plan(text).map_err(|d| {
            anyhow::anyhow!(
                "bundled sample plan is invalid:\n{}",
                crate::core::diag::render(path, &d)
            )
        })?;
        store.import_plan(&plan, text, path, user)?;
    }
    let (path, text) = crate::io::embedded::SAMPLE_REGISTRY;
    let items = crate::io::registry_files::read_csv(text).map_err(|d| {
        anyhow::anyhow!(
            "bundled sample registry is invalid:\n{}",
            crate::core::diag::render(path, &d)
        )
    })?;
    store.import_arrangements(&items, path, user)?;
    Ok(crate::io::embedded::SAMPLE_PLANS.len())
}
