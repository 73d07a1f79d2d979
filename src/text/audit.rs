//! A plan's audit entries in words, for `resv history` and the workbench's History tab:
//! `1-11-2026 10:00 · alice · score gezet: Samenhang 3`. (`resv audit log` prints the raw
//! trail: [`super::history::audit_log_lines`].) Outside text is neutralised here.

use super::decision::outcome;
use super::fmt::euros;
use super::history::summary;
use super::{Lang, T};
use crate::core::audit::Entry;
use crate::core::money::Cents;
use crate::core::rules::CheckId;
use crate::core::sanitize::clean;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::time::Instant;

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
