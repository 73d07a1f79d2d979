//! NZa's population (issue 7), pure: the decision exports of several insurers
//! (`resv export decisions --json`), read and checked before they are imported, and the
//! contracts sampling draws from. The national picture is in [`report`]; the export's
//! format is [`crate::export`], which the insurer's side writes.

pub mod history;
pub mod report;

use super::diag::Diagnostic;
use super::export::{DecisionExport, Document, FORMAT, FORMAT_VERSION};
use super::money::MAX_AMOUNT;
use super::parse::{FIRST_CONTRACT_YEAR, LAST_CONTRACT_YEAR};
/// What NZa's population is stratified by; sampling records it with a drawn sample.
pub use super::sampling::select::StrataBy;
use super::sampling::select::Unit;
use super::time::Instant;
use serde::{Deserialize, Serialize};

/// The most flags one decision may report (open or confirmed): far above any plan's.
pub const MAX_FLAGS: u64 = 1_000_000;

/// The most all imported decisions together may pay, over all years: EUR 10^16, ten
/// thousand times [`MAX_AMOUNT`]. Every sum the report and sampling make is part of this
/// total, so none can leave `i64`; an import that would cross it is refused.
pub const MAX_NATIONAL_CENTS: i64 = MAX_AMOUNT.0 * 10_000;

/// One contract year of an insurer's decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractYear {
    pub year: u16,
    /// The decision's amount (a market leader's is the region's whole contract).
    pub contracted_cents: i64,
    /// What this insurer pays (a leader's own share; otherwise the contracted amount).
    pub paid_cents: i64,
}

/// One insurer's current decision on one plan, as NZa holds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contract {
    pub insurer_id: String,
    pub insurer_name: String,
    pub plan_id: String,
    pub plan_version: u32,
    pub plan_sha256: String,
    pub resv_name: String,
    pub region: String,
    pub rho_region: String,
    pub scenario: String,
    pub decision_id: i64,
    pub outcome: String,
    pub pending_approval: bool,
    pub decided_at: Instant,
    pub years: Vec<ContractYear>,
    /// Activity cost per main task 1-5 (the plan's mean per year), for allocating amounts.
    pub per_main_task_cents: [i64; 5],
    pub open_flags: u64,
    pub confirmed_flags: u64,
    pub market_role: String,
    pub market_leader: Option<String>,
    pub coordination_status: String,
    pub deviation_reason: Option<String>,
    /// The insurer's decision this one replaced (absent in contracts stored before NZa kept
    /// history).
    #[serde(default)]
    pub supersedes: Option<i64>,
    /// SHA-256 of the decision as exported (its JSON object with sorted keys, compact).
    pub sha256: String,
}

impl Contract {
    /// `insurer/plan`: unique in an NZa database, and the id samples name.
    pub fn key(&self) -> String {
        format!("{}/{}", self.insurer_id, self.plan_id)
    }

    /// A decision that commits money: approved (with or without conditions) and not
    /// waiting for a second buyer.
    pub fn counts(&self) -> bool {
        matches!(self.outcome.as_str(), "approve" | "conditions") && !self.pending_approval
    }

    /// What the insurer pays in `year` (every year without one), when the decision counts.
    /// Summed exactly: the import bounds (each year at most [`MAX_AMOUNT`], years unique
    /// from 2027 to 2100) keep it far inside `i64`; beyond that it stops at `i64::MAX`
    /// rather than wrap.
    pub fn paid(&self, year: Option<u16>) -> i64 {
        if !self.counts() {
            return 0;
        }
        let sum: i128 = self
            .years
            .iter()
            .filter(|y| year.is_none_or(|want| y.year == want))
            .map(|y| i128::from(y.paid_cents))
            .sum();
        i64::try_from(sum).unwrap_or(if sum < 0 { i64::MIN } else { i64::MAX })
    }

    /// The main task (1-5) with the largest activity cost; the first on a tie.
    pub fn main_task(&self) -> u8 {
        let mut best = 0;
        for (i, c) in self.per_main_task_cents.iter().enumerate() {
            if *c > self.per_main_task_cents[best] {
                best = i;
            }
        }
        best as u8 + 1
    }
}

/// A readable export file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportFile {
    pub insurer_id: String,
    pub insurer_name: String,
    pub exported_at: Instant,
    /// The insurer's audit head when it exported (`SEQ:HASH`); absent in files written
    /// before resv printed it. NZa keeps it in its own audit trail, so the insurer can later
    /// be asked to show that its trail still holds that entry (`audit verify --expect-head`).
    pub audit_head: Option<String>,
    pub contracts: Vec<Contract>,
}

fn problem(path: String, message: String) -> Diagnostic {
    Diagnostic {
        line: None,
        column: None,
        path,
        message,
    }
}

/// Reads an export file: the whole file must be a decision export of the known format, and
/// every decision complete and consistent. All problems are reported, each with its place.
pub fn parse_export(text: &str) -> Result<ExportFile, Vec<Diagnostic>> {
    let raw: Document<serde_json::Value> = serde_json::from_str(text).map_err(|e| {
        vec![Diagnostic {
            line: Some(e.line() as u32),
            column: Some(e.column() as u32),
            path: String::new(),
            message: format!("not a decision export (`resv export decisions --json`): {e}"),
        }]
    })?;
    if raw.format != FORMAT || raw.format_version != FORMAT_VERSION {
        return Err(vec![problem(
            "format".into(),
            format!(
                "found {} version {}, expected {FORMAT} version {FORMAT_VERSION} (export again with this resv)",
                raw.format, raw.format_version
            ),
        )]);
    }
    let insurer_id = raw.insurer_id.unwrap_or_default();
    let mut problems = Vec::new();
    if let Err(e) = super::check_text("insurer", &raw.insurer) {
        problems.push(problem("insurer".into(), too_long(&e)));
    }
    if let Some(Err(e)) = raw.audit_head.as_deref().map(crate::audit::Head::parse) {
        problems.push(problem(
            "audit_head".into(),
            format!("found {:?}: {e}", raw.audit_head.as_deref().unwrap_or_default()),
        ));
    }
    if !valid_id(&insurer_id) {
        problems.push(problem(
            "insurer_id".into(),
            format!("found {insurer_id:?}, expected the insurer's id in the market data (lowercase letters, digits, dashes); export with --insurer ID"),
        ));
    }
    let mut contracts = Vec::new();
    for (i, value) in raw.decisions.iter().enumerate() {
        let path = |field: &str| {
            let plan = value.get("plan_id").and_then(|p| p.as_str()).unwrap_or("?");
            format!(
                "decisions[{i}] ({plan}){}{field}",
                if field.is_empty() { "" } else { "." }
            )
        };
        let d: DecisionExport = match serde_json::from_value(value.clone()) {
            Ok(d) => d,
            Err(e) => {
                problems.push(problem(path(""), e.to_string()));
                continue;
            }
        };
        problems.extend(check_decision(&d, &path));
        let sha256 = super::sha256_hex(&value.to_string());
        contracts.push(contract(d, &insurer_id, &raw.insurer, sha256));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ExportFile {
        insurer_id,
        insurer_name: raw.insurer,
        exported_at: raw.exported_at,
        audit_head: raw.audit_head,
        contracts,
    })
}

/// `N characters, expected at most 4000` (the place names the field).
fn too_long(e: &super::TextTooLong) -> String {
    format!("{} characters, expected at most {}", e.chars, super::MAX_TEXT_CHARS)
}

/// One decision of an export as a contract of the population.
fn contract(d: DecisionExport, insurer_id: &str, insurer_name: &str, sha256: String) -> Contract {
    Contract {
        insurer_id: insurer_id.to_string(),
        insurer_name: insurer_name.to_string(),
        sha256,
        years: d
            .years
            .iter()
            .map(|y| ContractYear {
                year: y.year,
                contracted_cents: y.contracted_cents,
                paid_cents: y.paid_cents,
            })
            .collect(),
        plan_id: d.plan_id,
        plan_version: d.plan_version,
        plan_sha256: d.plan_sha256,
        resv_name: d.resv_name,
        region: d.region,
        rho_region: d.rho_region,
        scenario: d.scenario,
        decision_id: d.decision_id,
        outcome: d.outcome,
        pending_approval: d.pending_approval,
        decided_at: d.decided_at,
        per_main_task_cents: d.per_main_task_cents,
        open_flags: d.open_flags,
        confirmed_flags: d.confirmed_flags,
        market_role: d.market_role,
        market_leader: d.market_leader,
        coordination_status: d.coordination_status,
        deviation_reason: d.deviation_reason,
        supersedes: d.supersedes,
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn check_decision(d: &DecisionExport, path: &dyn Fn(&str) -> String) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut bad = |field: &str, message: String| out.push(problem(path(field), message));
    if d.plan_id.trim().is_empty() {
        bad("plan_id", "is empty".into());
    }
    // Every text from another insurer's file is bounded like a text typed here.
    let texts = [
        ("plan_id", Some(&d.plan_id)),
        ("resv_name", Some(&d.resv_name)),
        ("region", Some(&d.region)),
        ("rho_region", Some(&d.rho_region)),
        ("market_role", Some(&d.market_role)),
        ("market_leader", d.market_leader.as_ref()),
        ("coordination_status", Some(&d.coordination_status)),
        ("deviation_reason", d.deviation_reason.as_ref()),
    ];
    for (field, text) in texts {
        if let Some(Err(e)) = text.map(|t| super::check_text(field, t)) {
            bad(field, too_long(&e));
        }
    }
    if d.plan_sha256.len() != 64 || !d.plan_sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
        bad("plan_sha256", "expected 64 hexadecimal characters".into());
    }
    if !matches!(d.outcome.as_str(), "approve" | "conditions" | "return" | "reject") {
        bad(
            "outcome",
            format!("found {:?}, expected approve, conditions, return or reject", d.outcome),
        );
    }
    if super::plan::Scenario::from_keyword(&d.scenario).is_none() {
        bad(
            "scenario",
            format!(
                "found {:?}, expected one of {}",
                d.scenario,
                super::plan::Scenario::keywords()
            ),
        );
    }
    let amount = |found: i64| {
        format!(
            "found {found}, expected an amount in cents from 0 to {} (EUR {})",
            MAX_AMOUNT.0,
            MAX_AMOUNT.fmt_euros(',')
        )
    };
    let in_bounds = |c: i64| (0..=MAX_AMOUNT.0).contains(&c);
    let mut seen = Vec::new();
    for (k, y) in d.years.iter().enumerate() {
        let field = format!("years[{k}]");
        if !(FIRST_CONTRACT_YEAR..=LAST_CONTRACT_YEAR).contains(&i64::from(y.year)) {
            bad(
                &format!("{field}.year"),
                format!(
                    "found {}, expected a contract year from {FIRST_CONTRACT_YEAR} to {LAST_CONTRACT_YEAR}",
                    y.year
                ),
            );
        }
        if seen.contains(&y.year) {
            bad(&field, format!("year {} appears twice", y.year));
        }
        seen.push(y.year);
        if y.contracted_cents < 0 || y.paid_cents < 0 {
            bad(&field, "amounts cannot be negative".into());
        } else if !in_bounds(y.contracted_cents) {
            bad(&format!("{field}.contracted_cents"), amount(y.contracted_cents));
        } else if !in_bounds(y.paid_cents) {
            bad(&format!("{field}.paid_cents"), amount(y.paid_cents));
        } else if y.paid_cents > y.contracted_cents {
            bad(
                &field,
                format!("paid {} is more than contracted {}", y.paid_cents, y.contracted_cents),
            );
        }
    }
    let sum: i128 = d.years.iter().map(|y| y.contracted_cents as i128).sum();
    if sum != d.contracted_total_cents as i128 {
        bad(
            "contracted_total_cents",
            format!("{} is not the sum of the years ({sum})", d.contracted_total_cents),
        );
    }
    if d.per_main_task_cents.iter().any(|c| *c < 0) {
        bad("per_main_task_cents", "amounts cannot be negative".into());
    } else if let Some((t, c)) = d.per_main_task_cents.iter().enumerate().find(|(_, c)| !in_bounds(**c)) {
        bad(&format!("per_main_task_cents[{t}]"), amount(*c));
    }
    for (field, n) in [("open_flags", d.open_flags), ("confirmed_flags", d.confirmed_flags)] {
        if n > MAX_FLAGS {
            bad(field, format!("found {n}, expected at most {MAX_FLAGS}"));
        }
    }
    out
}

/// A contract NZa already holds, as far as the import checks need it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Held {
    pub contract: Contract,
    /// The file it came from and when it was imported.
    pub file_name: String,
    pub imported_at: Instant,
}

/// A file NZa already imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeldFile {
    pub sha256: String,
    pub file_name: String,
    pub imported_at: Instant,
    pub insurer_id: String,
    pub insurer_name: String,
    /// When the insurer exported it (`exported_at` of the file).
    pub exported_at: Instant,
    pub contracts: u64,
}

/// A file offered for import.
pub struct Offered<'a> {
    pub file_name: &'a str,
    pub sha256: &'a str,
    pub export: &'a ExportFile,
}

/// Why (part of) an import is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The same file twice among the files offered now, or the same insurer and plan twice
    /// in one file.
    Twice {
        file: String,
        key: String,
        other_file: String,
    },
    /// NZa holds this insurer's decision on another version of the plan, and the offered one
    /// does not supersede it (an older version, or an older decision): a conflict.
    OtherVersion {
        file: String,
        key: String,
        held: Box<Held>,
        version: u32,
    },
    /// NZa holds another decision of this insurer on the same version, and the offered one
    /// does not chain to it (`supersedes`): two current decisions, a conflict.
    OtherDecision {
        file: String,
        key: String,
        held: Box<Held>,
        decision_id: i64,
    },
    /// NZa holds this very decision (the same id on the same plan version) with other
    /// amounts: a decision never changes its amounts, so the file was altered.
    Altered {
        file: String,
        key: String,
        held: Box<Held>,
        decision_id: i64,
    },
    /// With this file, everything imported would pay more than [`MAX_NATIONAL_CENTS`].
    NationalTotal { file: String, total_cents: i128 },
}

/// What a contract pays over all its years, whatever its outcome, exactly.
fn paid_all_years(c: &Contract) -> i128 {
    c.years.iter().map(|y| i128::from(y.paid_cents)).sum()
}

/// The refusals of an import ([`history::plan_import`]): none means every file can be
/// imported (new and superseding decisions stored, identical ones skipped).
pub fn check_import(held: &[Held], held_files: &[HeldFile], offered: &[Offered<'_>]) -> Vec<Refusal> {
    history::plan_import(held, held_files, offered).refusals
}

/// The stratum a contract falls in, stratified by `by`.
fn stratum_of(by: StrataBy, c: &Contract) -> String {
    match by {
        StrataBy::Region => c.rho_region.clone(),
        StrataBy::Scenario => c.scenario.clone(),
        StrataBy::Insurer => c.insurer_id.clone(),
        StrataBy::MainTask => format!("hoofdtaak-{}", c.main_task()),
    }
}

/// The population sampling draws from: every contract that commits money (in `year`, if
/// given), by its key, with what the insurer pays as the amount, in key order.
pub fn population(contracts: &[Contract], year: Option<u16>, strata: Option<StrataBy>) -> Vec<Unit> {
    let mut units: Vec<Unit> = contracts
        .iter()
        .filter(|c| c.paid(year) > 0)
        .map(|c| Unit {
            id: c.key(),
            sha256: c.sha256.clone(),
            amount_cents: c.paid(year),
            stratum: strata.map(|s| stratum_of(s, c)).unwrap_or_default(),
        })
        .collect();
    units.sort_by(|a, b| a.id.cmp(&b.id));
    units
}

#[cfg(test)]
mod tests;
