//! What an import or a sample check says, line by line, in the user's language: the same
//! lines for the command line (which prints them) and the workbench (which shows them in a
//! popup), so both give the same diagnostics.

use crate::core::funding::Arrangement;
use crate::core::sampling::record::verify;
use crate::core::sanitize::clean;
use crate::io::intake::{self, FileReport, FileResult};
use crate::store::{RegistryImport, Store, StoredSample};
use crate::text::nza as tx;
use crate::text::{self, Lang, fill};
use anyhow::Result;
use std::path::Path;

/// One line of a report; `problem` lines go to standard error on the command line.
pub struct Line {
    pub problem: bool,
    pub text: String,
}

fn ok(text: String) -> Line {
    Line { problem: false, text }
}

fn problem(text: String) -> Line {
    Line { problem: true, text }
}

/// A plan import's lines: each file's result (diagnostics under a refused file), then the
/// summary.
pub fn import_lines(reports: &[FileReport], lang: Lang) -> Vec<Line> {
    let mut out = Vec::new();
    for r in reports {
        let file = clean(&r.path.display().to_string()).into_owned();
        match &r.result {
            FileResult::Imported { plan_id, version } | FileResult::Unchanged { plan_id, version } => {
                let what = if matches!(r.result, FileResult::Imported { .. }) {
                    text::IMPORTED
                } else {
                    text::UNCHANGED
                };
                let version_word = text::NEW_VERSION.get(lang);
                out.push(ok(format!(
                    "{file}: {} {} ({version_word} {version})",
                    what.get(lang),
                    clean(plan_id)
                )));
            }
            FileResult::Refused(diags) => {
                out.push(problem(format!(
                    "{}: {} ({})",
                    file,
                    text::REFUSED.get(lang),
                    diags.len()
                )));
                let shown = crate::app::errors::diagnostics(&file, diags, lang);
                out.extend(shown.lines().map(|l| problem(l.to_string())));
            }
            FileResult::Failed(error) => {
                out.push(problem(format!(
                    "{}: {}: {}",
                    file,
                    text::DB_FAILED.get(lang),
                    clean(error)
                )));
            }
        }
    }
    let s = intake::summarise(reports);
    out.push(ok(fill(
        text::SUMMARY.get(lang),
        &[
            ("i", &s.imported.to_string()),
            ("u", &s.unchanged.to_string()),
            ("r", &s.refused.to_string()),
        ],
    )));
    out
}

/// A registry file read and checked whole, or the lines that say why it is refused.
pub fn registry_file(file: &Path, lang: Lang) -> Result<Vec<Arrangement>, Vec<Line>> {
    let shown = clean(&file.display().to_string()).into_owned();
    crate::io::registry_files::read_registry(file).map_err(|diags| {
        let mut out = vec![problem(format!(
            "{shown}: {} ({})",
            text::REGISTRY_REFUSED.get(lang),
            crate::core::diag::total(&diags)
        ))];
        let lines = crate::app::errors::diagnostics(&shown, &diags, lang);
        out.extend(lines.lines().map(|l| problem(l.to_string())));
        out
    })
}

/// What a registry import stored.
pub fn registry_summary(file: &Path, r: &RegistryImport, lang: Lang) -> String {
    let shown = clean(&file.display().to_string()).into_owned();
    let counts = [
        ("a", r.added.to_string()),
        ("u", r.updated.to_string()),
        ("s", r.unchanged.to_string()),
    ];
    let args: Vec<(&str, &str)> = counts.iter().map(|(k, v)| (*k, v.as_str())).collect();
    format!("{shown}: {}", fill(text::IMPORTED_REGISTRY.get(lang), &args))
}

/// A stored sample checked against the population now: whether it verifies, and the lines
/// that say so (what is missing, added or changed).
pub fn verify_lines(store: &Store, s: &StoredSample, lang: Lang) -> Result<(bool, Vec<String>)> {
    let p = &s.sample.params;
    let now = crate::core::nza::population(&crate::app::nza::sample_contracts(store, p)?, p.year, p.strata);
    let v = verify(&s.sample, &now);
    let mut out = Vec::new();
    if v.ok() {
        out.push(tx::VERIFIED.get(lang).to_string());
    }
    if !v.snapshot_intact {
        out.push(tx::SNAPSHOT_BROKEN.get(lang).to_string());
    }
    if !v.redraw_matches {
        out.push(tx::REDRAW_FAILS.get(lang).to_string());
    }
    for (list, what) in [
        (&v.missing, tx::MISSING),
        (&v.added, tx::ADDED),
        (&v.changed, tx::CHANGED),
    ] {
        for id in list {
            out.push(format!("  {}: {}", clean(id), what.get(lang)));
        }
    }
    Ok((v.ok(), out))
}

/// A stored sampling method by its name (as stored when unknown).
pub fn method_name(keyword: &str, lang: Lang) -> String {
    text::names::method(keyword).map_or_else(|| clean(keyword).into_owned(), |t| t.get(lang).to_string())
}

/// The header row of [`sample_lines`].
pub fn sample_header(lang: Lang) -> String {
    let h = |nl, en| text::T(nl, en).get(lang);
    format!(
        "{:>4}  {:<20}  {:<12} {:<10} {:<25} {:>5} / {:<6} {}",
        h("Nr", "No"),
        h("Getrokken op", "Drawn at"),
        h("Door", "By"),
        h("Methode", "Method"),
        h("Seed", "Seed"),
        h("Items", "Items"),
        h("Populatie", "Population"),
        h("Strata", "Strata")
    )
}

/// One line per stored sample: id, when, by whom, method, seed, selected / population, strata.
pub fn sample_lines(samples: &[StoredSample], lang: Lang) -> Vec<String> {
    samples
        .iter()
        .map(|s| {
            let p = &s.sample.params;
            format!(
                "{:>4}  {:<20}  {:<12} {:<10} seed {:<20} {:>5} / {:<6} {}",
                s.id,
                text::local::local_time(lang, s.created_at),
                clean(&s.created_by),
                method_name(&p.method, lang),
                p.seed,
                s.sample.items.len(),
                s.sample.population.len(),
                p.strata
                    .map_or(String::new(), |b| text::names::strata(b).get(lang).to_string())
            )
        })
        .collect()
}
