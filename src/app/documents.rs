//! The documents resv hands its user, made once for the command line and the workbench
//! alike: a plan's decision letter (Markdown or HTML) and the export of every current
//! decision (JSON or CSV); and writing one into a folder the workbench shows.

use crate::app::context::Sources;
use crate::app::export::NoLetter;
use crate::core::export::DecisionExport;
use crate::io::output::Existing;
use crate::text::{self, Lang};
use anyhow::{Result, bail};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The plan's decision letter in `lang`, as Markdown or printable HTML.
pub fn letter(cx: Sources<'_>, plan_id: &str, html: bool, lang: Lang) -> Result<String> {
    Ok(named_letter(cx, plan_id, html, lang)?.1)
}

/// The file name a decision letter is written under: `besluit-PLAN_ID-N.md|html`, N the
/// number of the decision it is about (so a later decision's letter is a new file).
pub fn letter_file_name(plan_id: &str, decision_id: i64, html: bool) -> String {
    format!("besluit-{plan_id}-{decision_id}.{}", if html { "html" } else { "md" })
}

/// [`letter`] with the file name it is written under ([`letter_file_name`]).
pub fn named_letter(cx: Sources<'_>, plan_id: &str, html: bool, lang: Lang) -> Result<(String, String)> {
    let facts = match crate::app::export::letter_facts(cx, plan_id)? {
        Ok(facts) => facts,
        Err(NoLetter::UnknownPlan) => bail!("{}", text::unknown_plan(plan_id, None, lang)),
        Err(NoLetter::NoDecision) => bail!(
            "{} {}",
            text::decision::NO_DECISIONS.get(lang),
            text::decision::DECIDE_FIRST.get(lang)
        ),
    };
    let input = crate::text::letter::LetterInput {
        insurer: &cx.rules.policy.insurer,
        plan: &facts.plan,
        decision: &facts.decision,
        assessment: &facts.assessment,
        flags: &facts.flags,
        superseded: facts.superseded,
        audit_head: &facts.audit_head,
    };
    let doc = crate::text::letter::letter(&input, lang);
    let name = letter_file_name(plan_id, facts.decision.id, html);
    Ok((name, if html { doc.html() } else { doc.markdown() }))
}

/// The decisions export as JSON (`resv-decisions`) or CSV.
pub fn decisions(cx: Sources<'_>, csv: bool) -> Result<String> {
    Ok(decisions_signed(cx, csv, &crate::app::export::Increment::default())?.0)
}

/// [`decisions`] (only those in `inc`), and whether the JSON was signed: with the insurer's private key, so NZa can
/// verify who made it. Without a key the JSON is unsigned (NZa refuses it); the CSV is never
/// signed.
pub fn decisions_signed(cx: Sources<'_>, csv: bool, inc: &crate::app::export::Increment) -> Result<(String, bool)> {
    decisions_signed_in(cx, csv, inc, None)
}

/// [`decisions_signed`] with the private key from `keys` (a keys folder) instead of the
/// config folder's, when given (the workbench's own keys folder).
pub fn decisions_signed_in(
    cx: Sources<'_>,
    csv: bool,
    inc: &crate::app::export::Increment,
    keys: Option<&Path>,
) -> Result<(String, bool)> {
    let doc = crate::app::export::decisions_document_in(cx, inc)?;
    if csv {
        // The one CSV writer neutralises every cell, for a file and the terminal alike.
        return Ok((
            to_csv(&doc.decisions, doc.audit_head.as_deref().unwrap_or_default())?,
            false,
        ));
    }
    let mut value = serde_json::to_value(&doc)?;
    let key_file = |id: &str| match keys {
        Some(dir) => crate::io::keys::key_path_in(dir, id),
        None => crate::io::keys::key_path(id),
    };
    let key = doc
        .insurer_id
        .as_deref()
        .filter(|id| key_file(id).is_ok_and(|p| p.exists()));
    if let Some(id) = key {
        match keys {
            Some(dir) => {
                let k = crate::io::keys::load_in(dir, id)?;
                value["signature"] = serde_json::to_value(k.sign(id, &value))?;
            }
            None => {
                crate::app::keys::sign_document(id, &mut value)?;
            }
        }
    }
    let json = serde_json::to_string_pretty(&value)? + "\n";
    // Escaped in a file too: the same JSON value, and `cat` on the file stays safe.
    Ok((
        crate::core::sanitize::json_for_terminal(&json).into_owned(),
        key.is_some(),
    ))
}

/// Writes `text` as a new file `name` in `folder` (never over an existing file, never
/// through a link); returns the file's absolute path, for the user to be shown.
pub fn write_new(folder: &Path, name: &str, text: &str) -> Result<PathBuf> {
    let dest = std::path::absolute(folder.join(name))?;
    crate::io::output::write(&dest, text.as_bytes(), Existing::Never)?;
    Ok(dest)
}

/// One row per decision; a `contracted_YEAR` column per contract year found in any of them;
/// last, the database's audit head (the same in every row).
fn to_csv(rows: &[DecisionExport], audit_head: &str) -> Result<String> {
    let years: BTreeSet<u16> = rows.iter().flat_map(|r| r.years.iter().map(|y| y.year)).collect();
    let mut w = crate::core::csv_out::CsvOut::new();
    w.row(csv_head(&years))?;
    for r in rows {
        // The one CSV writer neutralises control characters and defuses formulas.
        w.row(csv_record(r, &years, audit_head))?;
    }
    Ok(w.finish()?)
}

fn csv_head(years: &BTreeSet<u16>) -> Vec<String> {
    let mut head: Vec<String> = [
        "plan_id",
        "plan_version",
        "plan_sha256",
        "resv_name",
        "region",
        "rho_region",
        "scenario",
        "plan_state",
        "decision_id",
        "outcome",
        "pending_approval",
        "approved_by",
        "decided_by",
        "decided_at",
        "contracted_total",
    ]
    .map(str::to_string)
    .to_vec();
    head.extend(years.iter().map(|y| format!("contracted_{y}")));
    head.extend(
        [
            "conditions",
            "questions",
            "reasoning",
            "override_reason",
            "total_score",
            "knocked_out",
            "recommendation",
            "open_flags",
            "confirmed_flags",
            "policy_version",
            "market_leader",
            "coordination_status",
            "audit_head",
        ]
        .map(str::to_string),
    );
    head
}

fn csv_record(r: &DecisionExport, years: &BTreeSet<u16>, audit_head: &str) -> Vec<String> {
    let euros = |c: i64| crate::core::money::Cents(c).fmt_plain();
    let mut rec = vec![
        r.plan_id.clone(),
        r.plan_version.to_string(),
        r.plan_sha256.clone(),
        r.resv_name.clone(),
        r.region.clone(),
        r.rho_region.clone(),
        r.scenario.to_string(),
        r.plan_state.to_string(),
        r.decision_id.to_string(),
        r.outcome.to_string(),
        r.pending_approval.to_string(),
        r.approved_by.clone().unwrap_or_default(),
        r.decided_by.clone(),
        r.decided_at.to_string(),
        euros(r.contracted_total_cents),
    ];
    for y in years {
        rec.push(
            r.years
                .iter()
                .find(|x| x.year == *y)
                .map_or(String::new(), |x| euros(x.contracted_cents)),
        );
    }
    rec.extend([
        r.conditions.join(" | "),
        r.questions.join(" | "),
        r.reasoning.clone(),
        r.override_reason.clone().unwrap_or_default(),
        format!("{:.1}", r.total_score),
        r.knocked_out.to_string(),
        r.recommendation.to_string(),
        r.open_flags.to_string(),
        r.confirmed_flags.to_string(),
        r.policy_version.clone(),
        r.market_leader.clone().unwrap_or_default(),
        r.coordination_status.to_string(),
        audit_head.to_string(),
    ]);
    rec
}
