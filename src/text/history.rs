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
use crate::core::rules::CheckId;
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

/// Audit entries, newest first, worded for a plan's history (`resv history` and the History
/// tab): `1-11-2026 10:00 · alice · score gezet: Samenhang 3`, the time local, the action in
/// words, no row ids. `criterion` names a criterion in `lang` (its id when it gives none).
pub fn audit_lines(entries: &[Entry], criterion: &dyn Fn(CheckId) -> Option<String>, lang: Lang) -> Vec<String> {
    // Oldest first, to know each criterion's score before an entry (a note added to an
    // unchanged score reads as a note); then newest first.
    let mut scores: std::collections::HashMap<String, Option<String>> = std::collections::HashMap::new();
    let mut lines: Vec<String> = entries
        .iter()
        .map(|e| {
            format!(
                "{} · {} · {}",
                super::local::local_time(lang, e.at),
                clean(&e.actor),
                clean(&audit_action(e, &mut scores, criterion, lang))
            )
        })
        .collect();
    lines.reverse();
    lines
}

const A_IMPORT: T = T("versie {v} ingelezen", "version {v} imported");
const A_FROM: T = T("uit", "from");
const A_SCORE: T = T("score gezet: {c} {n}", "score set: {c} {n}");
const A_WITH_NOTE: T = T("met notitie", "with a note");
const A_NOTE: T = T("notitie bij {c}", "note on {c}");
const A_SCORE_WORD: T = T("score", "score");
const A_CLEARED: T = T("score en notitie gewist: {c}", "score and note cleared: {c}");
const A_FLAG: T = T(
    "signaal {verdict}: activiteit {a} · regeling {r}",
    "flag {verdict}: activity {a} · arrangement {r}",
);
const A_DECISION: T = T(
    "besluit #{d} vastgelegd: {outcome}",
    "decision #{d} recorded: {outcome}",
);
const A_VERSION: T = T("versie {v}", "version {v}");
const A_SUPERSEDES: T = T("vervangt #{d}", "supersedes #{d}");
const A_AWAITS: T = T("wacht op 2e akkoord", "awaiting a second approval");
const A_APPROVAL: T = T(
    "2e akkoord op besluit #{d} (van {by})",
    "second approval of decision #{d} (by {by})",
);
const A_RECEIPT: T = T(
    "antwoord van {who} vastgelegd: {answer}",
    "answer of {who} recorded: {answer}",
);
const A_EXPORT: T = T(
    "volgpakket geëxporteerd: besluit #{d}",
    "follow package exported: decision #{d}",
);
const A_FOLLOW: T = T(
    "marktleider {who} gevolgd: besluit #{d}",
    "market leader {who} followed: decision #{d}",
);
const A_OWN: T = T("eigen besluit #{d}", "own decision #{d}");
const A_DEVIATE: T = T(
    "afgeweken van marktleider {who}: besluit #{d}",
    "deviated from market leader {who}: decision #{d}",
);
const A_SIGNED_PACKAGE: T = T(
    "volgpakket ondertekend, volgnummer {n}",
    "follow package signed, sequence {n}",
);
const A_SIGNED_ANSWER: T = T(
    "ondertekend antwoord: {answer}, volgnummer {n}",
    "signed answer: {answer}, sequence {n}",
);
const A_REGISTRY: T = T("register ingelezen", "registry imported");

/// What an audit entry did, in words (its action and summary as stored when unknown).
/// `scores` holds each criterion's manual score so far (entries come oldest first).
fn audit_action(
    e: &Entry,
    scores: &mut std::collections::HashMap<String, Option<String>>,
    criterion: &dyn Fn(CheckId) -> Option<String>,
    lang: Lang,
) -> String {
    let d: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&e.detail).unwrap_or_default();
    let text = |k: &str| match d.get(k) {
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let or_dash = |k: &str| text(k).unwrap_or_else(|| "—".to_string());
    let flag = |k: &str| d.get(k).and_then(serde_json::Value::as_bool).unwrap_or(false);
    let fill = |t: T, args: &[(&str, &str)]| super::fill(t.get(lang), args);
    let answer = |k: &str| {
        text(k)
            .and_then(|a| crate::core::coordination::receipt::Answer::from_keyword(&a))
            .map_or_else(|| or_dash(k), |a| super::coordination::answer(a).get(lang).to_string())
    };
    match e.action.as_str() {
        "plan-import" => {
            let mut s = fill(A_IMPORT, &[("v", &or_dash("version"))]);
            if let Some(src) = text("source") {
                s.push_str(&format!(" {} {src}", A_FROM.get(lang)));
            }
            s
        }
        "manual-input" => {
            let c = text("criterion").unwrap_or_default();
            let before = scores.insert(c.clone(), text("score"));
            let name = CheckId::from_keyword(&c).and_then(criterion).unwrap_or(c);
            match (text("score"), flag("note")) {
                (Some(n), true) if before == Some(Some(n.clone())) => {
                    format!("{} ({} {n})", fill(A_NOTE, &[("c", &name)]), A_SCORE_WORD.get(lang))
                }
                (Some(n), note) => {
                    let mut s = fill(A_SCORE, &[("c", &name), ("n", &n)]);
                    if note {
                        s.push_str(&format!(" ({})", A_WITH_NOTE.get(lang)));
                    }
                    s
                }
                (None, true) => fill(A_NOTE, &[("c", &name)]),
                (None, false) => fill(A_CLEARED, &[("c", &name)]),
            }
        }
        "flag-judgement" => {
            let verdict = text("verdict")
                .and_then(|v| crate::core::funding::Verdict::from_keyword(&v))
                .map_or_else(
                    || or_dash("verdict"),
                    |v| super::funding::verdict_label(Some(v)).get(lang).to_string(),
                );
            fill(
                A_FLAG,
                &[
                    ("verdict", &verdict),
                    ("a", &or_dash("activity")),
                    ("r", &or_dash("arrangement")),
                ],
            )
        }
        "decision" => {
            let outcome = text("outcome")
                .and_then(|o| crate::core::decision::Outcome::from_keyword(&o))
                .map_or_else(|| or_dash("outcome"), |o| outcome(o).get(lang).to_string());
            let mut parts = vec![fill(A_DECISION, &[("d", &or_dash("decision")), ("outcome", &outcome)])];
            if let Some(c) = d.get("total_cents").and_then(serde_json::Value::as_i64) {
                parts.push(euros(lang, Cents(c)));
            }
            parts.push(fill(A_VERSION, &[("v", &or_dash("version"))]));
            if let Some(s) = text("supersedes") {
                parts.push(fill(A_SUPERSEDES, &[("d", &s)]));
            }
            if flag("needs_approval") {
                parts.push(A_AWAITS.get(lang).to_string());
            }
            parts.join(", ")
        }
        "approval" => fill(
            A_APPROVAL,
            &[("d", &or_dash("decision")), ("by", &or_dash("decided_by"))],
        ),
        "follow-receipt" => fill(
            A_RECEIPT,
            &[("who", &or_dash("follower")), ("answer", &answer("answer"))],
        ),
        "follow-export" => fill(A_EXPORT, &[("d", &or_dash("leader_decision"))]),
        "follow" | "deviate" => {
            let t = if e.action == "follow" { A_FOLLOW } else { A_DEVIATE };
            let mut s = fill(t, &[("who", &or_dash("leader")), ("d", &or_dash("leader_decision"))]);
            if let Some(own) = text("decision") {
                s.push_str(&format!(" ({})", fill(A_OWN, &[("d", &own)])));
            }
            s
        }
        "follow-export-signed" => fill(A_SIGNED_PACKAGE, &[("n", &or_dash("sequence"))]),
        "follow-signed" | "deviate-signed" => fill(
            A_SIGNED_ANSWER,
            &[("answer", &answer("answer")), ("n", &or_dash("sequence"))],
        ),
        "registry-import" => A_REGISTRY.get(lang).to_string(),
        other => format!("{other} {}", summary(&e.detail)).trim_end().to_string(),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(actor: &str, action: &str, detail: serde_json::Value) -> Entry {
        Entry {
            seq: 7,
            at: Instant::parse("2026-07-01T08:05:00Z").unwrap(),
            actor: actor.to_string(),
            action: action.to_string(),
            plan_id: Some("RESV-X".to_string()),
            subject: "manual_inputs:3".to_string(),
            detail: detail.to_string(),
            prev_hash: String::new(),
            hash: String::new(),
        }
    }

    fn worded(e: Entry, lang: Lang) -> String {
        let name = |id: CheckId| (id == CheckId::Agenda).then(|| T("Samenhang", "Coherence").get(lang).to_string());
        audit_lines(&[e], &name, lang).remove(0)
    }

    /// Each kind of entry a plan's history holds reads as words, in local (summer) time, the
    /// Dutch way in Dutch, without row ids, action names or criterion ids.
    #[test]
    fn audit_entries_are_worded_in_both_languages() {
        use serde_json::json;
        let cases = [
            (
                entry(
                    "jan",
                    "manual-input",
                    json!({"criterion": "agenda", "score": 3, "note": true}),
                ),
                "1-7-2026 10:05 · jan · score gezet: Samenhang 3 (met notitie)",
                "2026-07-01 10:05 · jan · score set: Coherence 3 (with a note)",
            ),
            (
                entry(
                    "jan",
                    "manual-input",
                    json!({"criterion": "agenda", "score": null, "note": true}),
                ),
                "1-7-2026 10:05 · jan · notitie bij Samenhang",
                "2026-07-01 10:05 · jan · note on Coherence",
            ),
            (
                entry(
                    "jan",
                    "manual-input",
                    json!({"criterion": "agenda", "score": null, "note": false}),
                ),
                "1-7-2026 10:05 · jan · score en notitie gewist: Samenhang",
                "2026-07-01 10:05 · jan · score and note cleared: Coherence",
            ),
            (
                entry(
                    "jan",
                    "decision",
                    json!({"decision": 2, "outcome": "approve", "total_cents": 120_000_000, "version": 2,
                        "supersedes": 1, "needs_approval": false}),
                ),
                "1-7-2026 10:05 · jan · besluit #2 vastgelegd: goedgekeurd, € 1.200.000, versie 2, vervangt #1",
                "2026-07-01 10:05 · jan · decision #2 recorded: approved, €1,200,000, version 2, supersedes #1",
            ),
            (
                entry("piet", "approval", json!({"decision": 2, "decided_by": "jan"})),
                "1-7-2026 10:05 · piet · 2e akkoord op besluit #2 (van jan)",
                "2026-07-01 10:05 · piet · second approval of decision #2 (by jan)",
            ),
            (
                entry(
                    "jan",
                    "flag-judgement",
                    json!({"activity": "A2", "arrangement": "WMO-1", "verdict": "dismissed"}),
                ),
                "1-7-2026 10:05 · jan · signaal afgewezen: activiteit A2 · regeling WMO-1",
                "2026-07-01 10:05 · jan · flag dismissed: activity A2 · arrangement WMO-1",
            ),
            (
                entry(
                    "jan",
                    "plan-import",
                    json!({"version": 1, "sha256": "ab", "source": "x.toml"}),
                ),
                "1-7-2026 10:05 · jan · versie 1 ingelezen uit x.toml",
                "2026-07-01 10:05 · jan · version 1 imported from x.toml",
            ),
            (
                entry(
                    "jan",
                    "follow-receipt",
                    json!({"receipt": 1, "follower": "noorderzorg", "answer": "followed"}),
                ),
                "1-7-2026 10:05 · jan · antwoord van noorderzorg vastgelegd: gevolgd",
                "2026-07-01 10:05 · jan · answer of noorderzorg recorded: followed",
            ),
            (
                entry(
                    "jan",
                    "follow",
                    json!({"record": 4, "leader": "voorbeeld", "leader_decision": 3, "decision": 9}),
                ),
                "1-7-2026 10:05 · jan · marktleider voorbeeld gevolgd: besluit #3 (eigen besluit #9)",
                "2026-07-01 10:05 · jan · market leader voorbeeld followed: decision #3 (own decision #9)",
            ),
            (
                entry(
                    "jan",
                    "follow-export-signed",
                    json!({"signed": 1, "record": 4, "sequence": 2}),
                ),
                "1-7-2026 10:05 · jan · volgpakket ondertekend, volgnummer 2",
                "2026-07-01 10:05 · jan · follow package signed, sequence 2",
            ),
        ];
        for (e, nl, en) in cases {
            assert_eq!(worded(e.clone(), Lang::Nl), nl);
            assert_eq!(worded(e, Lang::En), en);
        }
    }

    /// A note added to an unchanged score reads as a note, not as the score set again.
    #[test]
    fn a_note_on_an_unchanged_score_reads_as_a_note() {
        use serde_json::json;
        let entries = [
            entry(
                "jan",
                "manual-input",
                json!({"criterion": "agenda", "score": 3, "note": false}),
            ),
            entry(
                "jan",
                "manual-input",
                json!({"criterion": "agenda", "score": 3, "note": true}),
            ),
            entry(
                "jan",
                "manual-input",
                json!({"criterion": "agenda", "score": 2, "note": true}),
            ),
        ];
        let name = |_| Some("Samenhang".to_string());
        let lines = audit_lines(&entries, &name, Lang::Nl);
        assert!(
            lines[0].ends_with("score gezet: Samenhang 2 (met notitie)"),
            "{lines:?}"
        );
        assert!(lines[1].ends_with("notitie bij Samenhang (score 3)"), "{lines:?}");
        assert!(lines[2].ends_with("score gezet: Samenhang 3"), "{lines:?}");
    }

    /// Outside text in an entry is neutralised; an unknown action keeps its stored summary.
    #[test]
    fn audit_entries_neutralise_outside_text() {
        let e = entry(
            "ev\u{1b}[2Jil",
            "plan-import",
            serde_json::json!({"version": 1, "source": "a\u{1b}]0;x\u{7}.toml"}),
        );
        let line = worded(e, Lang::Nl);
        assert!(!line.chars().any(|c| c.is_control()), "{line:?}");
        let e = entry("jan", "something-new", serde_json::json!({"k": "v"}));
        assert!(worded(e, Lang::Nl).ends_with("· jan · something-new k=v"));
    }
}
