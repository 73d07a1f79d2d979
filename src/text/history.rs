//! A plan's history as lines of text, shared by `resv history` and the TUI's History tab:
//! decisions, what changed between versions, assessment snapshots and audit entries. Plan
//! and user text is neutralised here, so callers can print the lines as they are.

use super::decision::{self as dt, outcome};
use super::fmt::euros;
use super::{Lang, T};
use crate::core::audit::Entry;
use crate::core::decision::Decision;
use crate::core::diff::{ActivityChangeKind, PlanDiff};
use crate::core::money::Cents;
use crate::core::sanitize::clean;
use crate::core::time::Instant;

const ADDED: T = T("toegevoegd", "added");
const REMOVED: T = T("verwijderd", "removed");
const CHANGED: T = T("gewijzigd", "changed");
const ACTIVITY: T = T("activiteit", "activity");
const REQUESTED: T = T("gevraagd", "requested");
const BY: T = T("door", "by");
const FROM_TO: T = T("van versie {a} naar {b}", "from version {a} to {b}");

fn opt_euros(lang: Lang, c: Option<Cents>) -> String {
    c.map_or_else(|| "—".to_string(), |c| euros(lang, c))
}

fn opt_text(v: &Option<String>) -> String {
    v.as_deref().map_or_else(|| "—".to_string(), |s| clean(s).into_owned())
}

/// One decision, a header line and indented details.
pub fn decision_lines(d: &Decision, current: bool, lang: Lang) -> Vec<String> {
    let tag = if current { dt::CURRENT } else { dt::SUPERSEDED };
    let mut out = vec![format!(
        "#{} {} · {} · {} {} · {} · {} ({})",
        d.id,
        outcome(d.outcome).get(lang).to_uppercase(),
        euros(lang, d.total()),
        dt::ON_VERSION.get(lang),
        d.version_no,
        super::local::local_time(lang, d.at),
        clean(&d.by),
        tag.get(lang)
    )];
    if d.is_pending() {
        out.push(format!("   ⚠ {}", dt::PENDING.get(lang)));
    }
    if let Some(a) = &d.approval {
        out.push(format!(
            "   {} {} · {}",
            dt::APPROVED_BY.get(lang),
            clean(&a.by),
            super::local::local_time(lang, a.at)
        ));
    }
    if d.outcome.funds() {
        let years: Vec<String> = d
            .amounts
            .iter()
            .map(|y| format!("{} {}", y.year, euros(lang, y.amount)))
            .collect();
        out.push(format!("   {}: {}", dt::CONTRACTED.get(lang), years.join(" · ")));
    }
    let list = |out: &mut Vec<String>, title: T, items: &[String]| {
        if !items.is_empty() {
            out.push(format!("   {}:", title.get(lang)));
            out.extend(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, c)| format!("     {}. {}", i + 1, clean(c))),
            );
        }
    };
    list(&mut out, dt::CONDITIONS, &d.conditions);
    list(&mut out, dt::QUESTIONS, &d.questions);
    out.push(format!("   {}: {}", dt::REASONING.get(lang), clean(&d.reasoning)));
    if let Some(o) = &d.override_reason {
        out.push(format!("   {}: {}", dt::OVERRIDE.get(lang), clean(o)));
    }
    if let Some(s) = d.supersedes {
        out.push(format!("   {} #{s}", dt::SUPERSEDES.get(lang)));
    }
    out
}

/// Every decision, newest first.
pub fn decisions_lines(all: &[Decision], lang: Lang) -> Vec<String> {
    if all.is_empty() {
        return vec![dt::NO_DECISIONS.get(lang).to_string()];
    }
    let last = all.len() - 1;
    all.iter()
        .enumerate()
        .rev()
        .flat_map(|(i, d)| decision_lines(d, i == last, lang))
        .collect()
}

/// What changed between two versions.
pub fn diff_lines(from: u32, to: u32, d: &PlanDiff, lang: Lang) -> Vec<String> {
    let head = FROM_TO
        .get(lang)
        .replace("{a}", &from.to_string())
        .replace("{b}", &to.to_string());
    let mut out = vec![format!("{} {head}: {}", dt::CHANGES.get(lang), d.count())];
    if d.is_empty() {
        out.push(format!("   {}", dt::NO_CHANGES.get(lang)));
    }
    for f in &d.fields {
        out.push(format!(
            "   {}: {} → {}",
            clean(&f.field),
            opt_text(&f.old),
            opt_text(&f.new)
        ));
    }
    for a in &d.activities {
        let what = match &a.kind {
            ActivityChangeKind::Added => format!("{} ({})", ADDED.get(lang), opt_euros(lang, a.new_annual_cost)),
            ActivityChangeKind::Removed => format!("{} ({})", REMOVED.get(lang), opt_euros(lang, a.old_annual_cost)),
            ActivityChangeKind::Changed(_) => CHANGED.get(lang).to_string(),
        };
        out.push(format!(
            "   {} {} {}: {what}",
            ACTIVITY.get(lang),
            clean(&a.id),
            clean(&a.title)
        ));
        if let ActivityChangeKind::Changed(fields) = &a.kind {
            for f in fields {
                out.push(format!(
                    "     {}: {} → {}",
                    clean(&f.field),
                    opt_text(&f.old),
                    opt_text(&f.new)
                ));
            }
        }
    }
    for y in &d.budget {
        out.push(format!(
            "   {} {}: {} → {}",
            REQUESTED.get(lang),
            y.year,
            opt_euros(lang, y.old_requested),
            opt_euros(lang, y.new_requested)
        ));
    }
    out
}

/// A stored plan version, as its history line needs it (`app` implements it for the store's
/// record, so the texts know no store).
pub trait VersionFacts {
    fn version_no(&self) -> u32;
    fn label(&self) -> &str;
    fn imported_at(&self) -> Instant;
    fn imported_by(&self) -> &str;
    fn sha256(&self) -> &str;
}

/// A stored assessment snapshot, as its history line needs it.
pub trait SnapshotFacts {
    fn version_no(&self) -> u32;
    fn total_tenths(&self) -> u32;
    fn knocked_out(&self) -> bool;
    fn recommendation(&self) -> &str;
    fn by(&self) -> &str;
    fn at(&self) -> Instant;
}

pub fn versions_lines<V: VersionFacts>(versions: &[V], lang: Lang) -> Vec<String> {
    versions
        .iter()
        .rev()
        .map(|v| {
            format!(
                "v{} \"{}\" · {} · {} {} · sha256 {}",
                v.version_no(),
                clean(v.label()),
                super::local::local_time(lang, v.imported_at()),
                BY.get(lang),
                clean(v.imported_by()),
                v.sha256().get(..12).unwrap_or(v.sha256())
            )
        })
        .collect()
}

pub fn snapshots_lines<S: SnapshotFacts>(snaps: &[S], lang: Lang) -> Vec<String> {
    if snaps.is_empty() {
        return vec!["—".to_string()];
    }
    snaps
        .iter()
        .rev()
        .map(|s| {
            format!(
                "{} · v{} · {} · {}{} · {} {}",
                super::local::local_time(lang, s.at()),
                s.version_no(),
                super::fmt::tenths(lang, s.total_tenths()),
                recommendation(s.recommendation(), lang),
                if s.knocked_out() { " · knock-out" } else { "" },
                BY.get(lang),
                clean(s.by())
            )
        })
        .collect()
}

/// Audit entries, newest first: `#seq time actor action subject`.
/// A stored recommendation keyword by its name (the keyword itself if unknown).
fn recommendation(keyword: &str, lang: Lang) -> String {
    crate::core::assess::Recommendation::from_keyword(keyword).map_or_else(
        || clean(keyword).into_owned(),
        |r| super::assess::recommendation_label(r).get(lang).to_string(),
    )
}

/// Audit entries, newest first, as the raw trail `resv audit log` prints for auditors:
/// `#seq time actor action subject detail`.
pub fn audit_log_lines(entries: &[Entry]) -> Vec<String> {
    entries
        .iter()
        .rev()
        .map(|e| {
            format!(
                "#{} {} {} {} {} {}",
                e.seq,
                e.at,
                clean(&e.actor),
                e.action,
                e.subject,
                clean(&summary(&e.detail))
            )
        })
        .collect()
}

/// The readable part of an entry's detail (without the digest).
pub fn summary(detail: &str) -> String {
    let Ok(serde_json::Value::Object(m)) = serde_json::from_str::<serde_json::Value>(detail) else {
        return String::new();
    };
    m.iter()
        .filter(|(k, _)| !matches!(k.as_str(), "rows_sha256" | "rows" | "sha256"))
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| match v {
            serde_json::Value::String(s) => format!("{k}={s}"),
            other => format!("{k}={other}"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}
