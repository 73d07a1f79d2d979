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
/// folders to their `*.toml` files (recursively, at most [`MAX_FOLDER_DEPTH`] folders deep,
/// sorted, not following links to folders). An unreadable folder, one without plan files,
/// one nested too deep or one holding more than [`MAX_TREE_PLANS`] plan files is a problem
/// to report (the last imports nothing of that folder), never a silent skip.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<Item> {
    expand_bounded(
        paths,
        Bounds {
            plans: MAX_TREE_PLANS,
            depth: MAX_FOLDER_DEPTH,
        },
    )
}

/// How much of a folder tree [`expand_paths`] takes.
#[derive(Clone, Copy)]
struct Bounds {
    plans: usize,
    depth: usize,
}

fn expand_bounded(paths: &[PathBuf], bounds: Bounds) -> Vec<Item> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            let mut problems = Vec::new();
            if walk(p, 0, bounds, &mut found, &mut problems).is_err() {
                let n = bounds.plans;
                out.push(Item::Problem(
                    p.clone(),
                    format!(
                        "holds more than {n} *.toml files (with its subfolders), expected at most {n}: import its subfolders one by one"
                    ),
                ));
                continue;
            }
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

/// The most plan files `resv import FOLDER` takes from one folder tree.
pub const MAX_TREE_PLANS: usize = 20_000;
/// How deep `resv import FOLDER` looks into subfolders.
pub const MAX_FOLDER_DEPTH: usize = 16;

/// Collects the `*.toml` files under `dir`; `Err` once more than [`MAX_TREE_PLANS`] are found
/// (the walk stops there, so a huge tree costs no more than that).
fn walk(
    dir: &Path,
    depth: usize,
    bounds: Bounds,
    files: &mut Vec<PathBuf>,
    problems: &mut Vec<Item>,
) -> Result<(), ()> {
    if depth > bounds.depth {
        let n = bounds.depth;
        problems.push(Item::Problem(
            dir.to_path_buf(),
            format!("is nested more than {n} folders deep, expected at most {n}: not searched"),
        ));
        return Ok(());
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(Item::Problem(dir.to_path_buf(), format!("cannot read the folder: {e}")));
            return Ok(());
        }
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
            walk(&path, depth + 1, bounds, files, problems)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            if files.len() >= bounds.plans {
                return Err(());
            }
            files.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(items: &[Item]) -> Vec<String> {
        items
            .iter()
            .filter_map(|i| match i {
                Item::Problem(p, m) => Some(format!("{}: {m}", p.file_name().unwrap().to_string_lossy())),
                Item::File(_) => None,
            })
            .collect()
    }

    #[test]
    fn a_folder_tree_is_bounded_in_depth_and_in_files() {
        let dir = tempfile::tempdir().unwrap();
        let mut deep = dir.path().to_path_buf();
        for level in 0..4 {
            deep = deep.join(format!("d{level}"));
            fs::create_dir(&deep).unwrap();
            fs::write(deep.join("p.toml"), "").unwrap();
        }
        let bounds = Bounds { plans: 10, depth: 2 };
        let items = expand_bounded(&[dir.path().to_path_buf()], bounds);
        let files = items.iter().filter(|i| matches!(i, Item::File(_))).count();
        assert_eq!(files, 2, "d0 (depth 1) and d1 (depth 2) are searched");
        assert_eq!(
            problems(&items),
            ["d2: is nested more than 2 folders deep, expected at most 2: not searched"]
        );
        let few = Bounds { plans: 4, depth: 16 };
        assert_eq!(expand_bounded(&[dir.path().to_path_buf()], few).len(), 4);
        let fewer = Bounds { plans: 2, depth: 16 };
        let refused = expand_bounded(&[dir.path().to_path_buf()], fewer);
        assert_eq!(refused.len(), 1, "nothing of the folder is imported");
        let Item::Problem(_, message) = &refused[0] else {
            panic!("a problem")
        };
        assert_eq!(
            message,
            "holds more than 2 *.toml files (with its subfolders), expected at most 2: import its subfolders one by one"
        );
        assert_eq!(
            crate::app::errors::file_message(message, crate::text::Lang::Nl),
            "bevat meer dan 2 *.toml-bestanden (met submappen); verwacht ten hoogste 2: importeer de submappen één voor één"
        );
        let nested = "is nested more than 2 folders deep, expected at most 2: not searched";
        assert_eq!(
            crate::app::errors::file_message(nested, crate::text::Lang::Nl),
            "ligt meer dan 2 mappen diep; verwacht ten hoogste 2: niet doorzocht"
        );
    }
}
