//! `resv nza import|list`: NZa's population, the decision exports of the insurers.
//!
//! Exit codes: 0 imported; 1 refused (unreadable file, duplicate or conflicting decision:
//! nothing imported); 2 other errors.

use super::context::Ctx;
use crate::core::nza::{ExportFile, Offered, parse_export};
use crate::core::sanitize::clean;
use crate::store::Store;
use crate::text::Lang;
use crate::text::nza as tx;
use anyhow::Result;
use clap::Subcommand;
use serde::Serialize;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum NzaCommand {
    /// Import insurers' decision exports (`resv export decisions --json`), all files or
    /// none: new and superseding decisions are stored, identical ones skipped, a file
    /// imported before left alone; a conflicting version or decision refuses the whole import
    Import {
        /// Export files (JSON), one per insurer
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// The imported files: insurer, decisions, when
    List {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

impl NzaCommand {
    pub fn run(&self, ctx: &Ctx) -> Result<i32> {
        // Importing creates the NZa database; listing needs one.
        let create = matches!(self, NzaCommand::Import { .. });
        let open = || if create { ctx.open_store() } else { ctx.open_existing() };
        let user = if create { ctx.user()? } else { String::new() };
        run(self, open, &user, ctx.lang())
    }
}

pub fn run(cmd: &NzaCommand, open: impl FnOnce() -> Result<Store>, user: &str, lang: Lang) -> Result<i32> {
    match cmd {
        NzaCommand::Import { files, json } => import(open, files, *json, user, lang),
        NzaCommand::List { json } => list(&open()?, *json, lang),
    }
}

#[derive(Serialize)]
struct ImportJson {
    imported: Vec<crate::core::nza::history::ImportedSummary>,
    refused: Vec<String>,
}

/// The largest decision export `nza import` reads: some 25,000 decisions, far more than
/// one insurer decides in a year; a larger file is refused before it is read.
pub const MAX_EXPORT_BYTES: u64 = 64 * 1024 * 1024;

fn import(open: impl FnOnce() -> Result<Store>, files: &[PathBuf], json: bool, user: &str, lang: Lang) -> Result<i32> {
    // Read and check every file before the database is touched.
    let mut read: Vec<(String, String, ExportFile)> = Vec::new();
    let mut problems: Vec<String> = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    for path in files {
        let name = path.display().to_string();
        let read_text = crate::io::files::read_bytes(path, "a decision export (JSON)", MAX_EXPORT_BYTES)
            .and_then(crate::io::files::utf8);
        let text = match read_text {
            Ok(text) => text,
            Err(diags) => {
                problems.push(
                    crate::app::errors::diagnostics(&name, &diags, lang)
                        .trim_end()
                        .to_string(),
                );
                continue;
            }
        };
        match parse_export(&text) {
            Ok(export) => {
                texts.push(text.clone());
                read.push((name, crate::core::sha256_hex(&text), export))
            }
            Err(diags) => problems.push(
                crate::app::errors::diagnostics(&name, &diags, lang)
                    .trim_end()
                    .to_string(),
            ),
        }
    }
    let mut store = open()?;
    if problems.is_empty() {
        // Who exported each file: verified against the insurers' keys NZa trusts, then
        // handed to the import unchanged.
        let signed: Vec<(&str, &str, &ExportFile)> = read
            .iter()
            .zip(&texts)
            .map(|((name, _, export), text)| (name.as_str(), text.as_str(), export))
            .collect();
        problems.extend(crate::app::nza::verify_signatures(&store, &signed, lang)?);
    }
    if problems.is_empty() {
        let offered: Vec<Offered<'_>> = read
            .iter()
            .map(|(name, sha, export)| Offered {
                file_name: name,
                sha256: sha,
                export,
            })
            .collect();
        match crate::app::nza::import(&mut store, &offered, user)? {
            Err(refusals) => problems.extend(refusals.iter().map(|r| tx::refusal(r, lang))),
            Ok(done) => {
                if json {
                    super::print_json(&ImportJson {
                        imported: done,
                        refused: Vec::new(),
                    })?;
                } else {
                    for f in &done {
                        println!("{}", tx::imported_line(f, lang));
                    }
                }
                return Ok(0);
            }
        }
    }
    if json {
        super::print_json(&ImportJson {
            imported: Vec::new(),
            refused: problems.clone(),
        })?;
    }
    for p in &problems {
        eprintln!("resv: {p}");
    }
    eprintln!("resv: {}", tx::NOTHING_IMPORTED.get(lang));
    Ok(1)
}

#[derive(Serialize)]
struct ListJson {
    files: Vec<ListedFile>,
    /// Decisions stored, history included: the sum of the files' `decisions`.
    decisions: u64,
    /// The current decision per insurer and plan (the population).
    current: u64,
    /// Stored decisions a later one superseded (`decisions - current`).
    superseded: u64,
}

#[derive(Serialize)]
struct ListedFile {
    file: String,
    file_sha256: String,
    imported_at: crate::core::time::Instant,
    insurer_id: String,
    insurer: String,
    decisions: u64,
}

fn list(store: &Store, json: bool, lang: Lang) -> Result<i32> {
    let files: Vec<ListedFile> = crate::app::nza::files(store)?
        .into_iter()
        .map(|f| ListedFile {
            file: f.file_name,
            file_sha256: f.sha256,
            imported_at: f.imported_at,
            insurer_id: f.insurer_id,
            insurer: f.insurer_name,
            decisions: f.contracts,
        })
        .collect();
    let total: u64 = files.iter().map(|f| f.decisions).sum();
    let current = crate::app::nza::contracts(store)?.len() as u64;
    if json {
        super::print_json(&ListJson {
            decisions: total,
            current,
            superseded: total.saturating_sub(current),
            files,
        })?;
        return Ok(0);
    }
    if files.is_empty() {
        println!("{}", tx::NO_POPULATION.get(lang));
        return Ok(0);
    }
    for f in &files {
        println!(
            "{}  {:<14} {:>5} {}  {}",
            crate::text::local::local_time(lang, f.imported_at),
            clean(&f.insurer_id),
            f.decisions,
            tx::CONTRACTS.get(lang),
            clean(&f.file)
        );
    }
    println!("{}", tx::list_total(total, current, lang));
    Ok(0)
}
