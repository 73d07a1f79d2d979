//! Importing plan files, each checked and stored on its own, in its own transaction: a bad
//! file imports nothing and never stops the others. And the bundled samples, for `resv demo`
//! and tests.

use crate::core::diag::Diagnostic;
use crate::core::parse::parse_plan;
use crate::io::files::whole_file;
use crate::io::intake::{FileReport, FileResult, Item, expand_paths, read_plan_file};
use crate::store::{ImportOutcome, Store};
use anyhow::Result;
use std::path::PathBuf;

/// Imports every file under `paths`, each in its own transaction. If the database fails,
/// the batch stops there: the failing file is reported as `Failed`, and every file before it
/// stays imported and reported.
pub fn import_paths(store: &mut Store, paths: &[PathBuf], user: &str) -> Vec<FileReport> {
    import_items(store, expand_paths(paths), user)
}

/// [`import_paths`] for files already chosen (and problems already found).
pub fn import_items(store: &mut Store, items: Vec<Item>, user: &str) -> Vec<FileReport> {
    let mut reports = Vec::new();
    for item in items {
        let (path, result) = match item {
            Item::Problem(path, message) => (path, FileResult::Refused(whole_file(message))),
            Item::File(path) => {
                let result = match read_plan_file(&path) {
                    Err(diags) => FileResult::Refused(diags),
                    Ok((source, plan)) => match store.import_plan_with_original(
                        &plan,
                        &source.text,
                        source.original.as_deref(),
                        &path.display().to_string(),
                        user,
                    ) {
                        Ok(ImportOutcome::Imported { version }) => FileResult::Imported {
                            plan_id: plan.id,
                            version,
                        },
                        Ok(ImportOutcome::Unchanged { version }) => FileResult::Unchanged {
                            plan_id: plan.id,
                            version,
                        },
                        Err(e) => match e.downcast_ref::<crate::store::IdCaseClash>() {
                            Some(clash) if source.original.is_some() => FileResult::Refused(vec![Diagnostic {
                                line: None,
                                column: None,
                                path: crate::io::plan_xlsx::cell_of("plan.id")
                                    .map_or("plan.id".into(), |cell| format!("{cell}: plan.id")),
                                message: clash.to_string(),
                            }]),
                            Some(clash) => FileResult::Refused(vec![id_diagnostic(&source.text, clash.to_string())]),
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

fn same_stem(a: &str, b: &str) -> bool {
    let stem = |p: &str| std::path::Path::new(p).file_stem().map(|s| s.to_os_string());
    stem(a) == stem(b)
}

/// Loads the bundled sample plans (compiled in) into a database: for `resv demo` and tests.
/// Those that ship as a workbook too are loaded from it, its bytes kept as the original.
pub fn load_samples(store: &mut Store, user: &str) -> Result<usize> {
    let invalid = |path: &str, d: Vec<Diagnostic>| {
        anyhow::anyhow!(
            "bundled sample plan is invalid:\n{}",
            crate::core::diag::render(path, &d)
        )
    };
    for (path, text) in crate::io::embedded::SAMPLE_PLANS {
        let workbook = crate::io::embedded::SAMPLE_WORKBOOKS
            .iter()
            .find(|(w, _)| same_stem(w, path));
        match workbook {
            // A plan that ships as a workbook too is loaded from the workbook, in its place.
            Some((path, bytes)) => {
                let (text, plan) = crate::io::plan_xlsx::plan_from_workbook(bytes).map_err(|d| invalid(path, d))?;
                store.import_plan_with_original(&plan, &text, Some(bytes), path, user)?;
            }
            None => {
                let plan = parse_plan(text).map_err(|d| invalid(path, d))?;
                store.import_plan(&plan, text, path, user)?;
            }
        }
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
