use super::*;
use crate::core::assess::assess;
use crate::core::decision::{Approval, YearAmount};
use crate::core::funding::{Arrangement, Flag, Judgement, Severity, Stream};
use crate::core::plan::{Date, Organisation};
use crate::core::time::Instant;
use std::sync::LazyLock;

const UTRECHT: &str = include_str!("../../../sample-plans/utrecht-stad.toml");

static FIXTURE: LazyLock<(Plan, Assessment)> = LazyLock::new(|| {
    let plan = crate::core::parse::parse_plan(UTRECHT).expect("the sample plan parses");
    let rules = crate::io::rules_files::built_in_rules();
    let a = assess(&plan, &crate::core::sha256_hex(UTRECHT), &rules, &[]);
    (plan, a)
});

const EVIL: &str = "<script>alert(1)</script>\n**bold** | pipe\n1. not a list\n# not a heading\n&lt;not a tag&gt;";

fn decision(outcome: Outcome) -> Decision {
    let a = &FIXTURE.1;
    let funds = outcome.funds();
    Decision {
        id: 7,
        plan_id: a.plan_id.clone(),
        version_no: 2,
        plan_sha256: a.plan_sha256.clone(),
        outcome,
        amounts: a
            .years
            .iter()
            .map(|y| YearAmount {
                year: y.year,
                amount: if funds { y.fundable } else { Cents::ZERO },
            })
            .collect(),
        conditions: match outcome {
            Outcome::Conditions => vec!["Lever elk kwartaal een voortgangsrapportage.".into()],
            _ => vec![],
        },
        questions: match outcome {
            Outcome::Return => vec![
                "Hoe borgt u de deelname van de wijkverpleging?".into(),
                "Welke gemeenten financieren het sociaal werk mee?".into(),
            ],
            _ => vec![],
        },
        reasoning: "Het plan past binnen het inkoopbeleid.".into(),
        override_reason: None,
        supersedes: None,
        needs_approval: false,
        approval: None,
        by: "inkoper.a".into(),
        at: Instant::parse("2026-11-22T10:15:00Z").unwrap(),
        guidance_sha256: a.guidance.sha256.clone(),
        policy_sha256: a.policy.sha256.clone(),
        regions_sha256: a.regions.sha256.clone(),
        policy_version: a.policy.version.clone(),
        total_tenths: a.total_tenths,
        knocked_out: a.knocked_out,
    }
}

fn write(d: &Decision, flags: &[Reviewed], superseded: usize, lang: Lang) -> Letter {
    let input = LetterInput {
        insurer: "Zorgverzekeraar Voorbeeld",
        plan: &FIXTURE.0,
        decision: d,
        assessment: &FIXTURE.1,
        flags,
        superseded,
        audit_head: "12:00ff",
    };
    letter(&input, lang)
}

/// Both renderings of one letter.
fn both(d: &Decision, lang: Lang) -> [String; 2] {
    let l = write(d, &[], 0, lang);
    [l.markdown(), l.html()]
}

fn flag(activity: &str, recipient: &str, verdict: Option<Verdict>) -> Reviewed {
    let day = |y, m, d| Date::new(y, m, d).unwrap();
    let arrangement = Arrangement {
        id: format!("REG-{activity}"),
        funder: "Zorgverzekeraar Voorbeeld".into(),
        stream: Stream::OiHuisartsenzorg,
        recipient: Organisation {
            name: recipient.into(),
            agb: None,
            kvk: None,
        },
        region: None,
        municipalities: vec![],
        description: "Regiomanagement".into(),
        main_tasks: vec![1],
        category: None,
        start: day(2026, 1, 1),
        end: day(2028, 12, 31),
        annual_amount: Cents::from_euros(40_000),
    };
    Reviewed {
        flag: Flag {
            activity_id: activity.into(),
            arrangement_id: arrangement.id.clone(),
            severity: Severity::Likely,
            score: 0.8,
            matched: "executor".into(),
            overlap_months: 24,
            amount_at_risk: Cents::from_euros(12_345),
            years: vec![],
            evidence: vec![],
            arrangement,
        },
        judgement: verdict.map(|verdict| Judgement {
            activity_id: activity.into(),
            arrangement_id: format!("REG-{activity}"),
            verdict,
            reason: "Zelfde taak, zelfde ontvanger".into(),
            by: "inkoper.b".into(),
            at: Instant::parse("2026-11-20T09:00:00Z").unwrap(),
        }),
    }
}

#[test]
fn outcome_words_and_amounts_appear_in_both_formats_and_languages() {
    let a = &FIXTURE.1;
    let first = &a.years[0];
    let total: Cents = a.years.iter().map(|y| y.fundable).sum();
    for lang in [Lang::Nl, Lang::En] {
        for outcome in [Outcome::Approve, Outcome::Conditions, Outcome::Return, Outcome::Reject] {
            let word = tx::outcome_label(outcome).get(lang);
            for out in both(&decision(outcome), lang) {
                assert!(out.contains(word), "{word} missing:\n{out}");
                assert!(out.contains(&fmt::cents(lang, first.requested)), "{out}");
                assert!(out.contains(&first.year.to_string()));
                if outcome.funds() {
                    assert!(out.contains(&fmt::cents(lang, total)), "contracted total:\n{out}");
                    assert!(!out.contains(tx::NO_AMOUNT.get(lang)));
                } else {
                    assert!(out.contains(tx::NO_AMOUNT.get(lang)), "{out}");
                }
            }
        }
    }
    let [md, _] = both(&decision(Outcome::Approve), Lang::Nl);
    assert!(md.contains("# Besluit over RESV-plan RESV-UTR-2027"), "{md}");
    assert!(md.contains("Goedgekeurd") && md.contains("22 november 2026"));
    let [md, _] = both(&decision(Outcome::Approve), Lang::En);
    assert!(md.contains("# Decision on RESV plan RESV-UTR-2027") && md.contains("22 November 2026"));
}

#[test]
fn the_score_uses_the_languages_decimal_mark() {
    let t = FIXTURE.1.total_tenths;
    let [md, _] = both(&decision(Outcome::Approve), Lang::Nl);
    assert!(md.contains(&format!("{},{} van 100", t / 10, t % 10)), "{md}");
    let [md, _] = both(&decision(Outcome::Approve), Lang::En);
    assert!(md.contains(&format!("{}.{} out of 100", t / 10, t % 10)), "{md}");
}

#[test]
fn a_pending_decision_says_it_is_not_final() {
    let mut d = decision(Outcome::Approve);
    d.needs_approval = true;
    for out in both(&d, Lang::Nl) {
        assert!(
            out.contains("vier-ogenprincipe") && out.contains("nog niet definitief"),
            "{out}"
        );
    }
    for out in both(&d, Lang::En) {
        assert!(out.contains("second buyer") && out.contains("not final"), "{out}");
    }
    d.approval = Some(Approval {
        by: "inkoper.b".into(),
        at: Instant::parse("2026-11-23T08:00:00Z").unwrap(),
    });
    for out in both(&d, Lang::Nl) {
        assert!(!out.contains("nog niet definitief"), "{out}");
        assert!(out.contains("inkoper.b op 23 november 2026"), "{out}");
    }
}

#[test]
fn a_return_lists_the_questions_and_asks_for_a_revised_plan() {
    let d = decision(Outcome::Return);
    let [md, html] = both(&d, Lang::Nl);
    assert!(md.contains("## Vragen aan de regio"), "{md}");
    assert!(md.contains("1. Hoe borgt u de deelname van de wijkverpleging?"), "{md}");
    assert!(
        md.contains("2. Welke gemeenten financieren het sociaal werk mee?"),
        "{md}"
    );
    assert!(md.contains("herzien plan"));
    assert!(
        html.contains("<ol>\n<li>Hoe borgt u de deelname van de wijkverpleging?</li>"),
        "{html}"
    );
    assert!(html.contains("herzien plan"));
    let [md, _] = both(&d, Lang::En);
    assert!(md.contains("revised plan") && md.contains("terugsturen"), "{md}");
}

#[test]
fn conditions_are_numbered_and_replacements_are_said() {
    let mut d = decision(Outcome::Conditions);
    d.supersedes = Some(5);
    let l = write(&d, &[], 1, Lang::Nl);
    let md = l.markdown();
    assert!(md.contains("1. Lever elk kwartaal een voortgangsrapportage."), "{md}");
    assert!(
        md.contains("vervangt het eerdere besluit over dit plan (besluitnummer 5)"),
        "{md}"
    );
    let en = write(&d, &[], 3, Lang::En).markdown();
    assert!(en.contains("replaces the 3 earlier decisions"), "{en}");
}

/// `|` not preceded by a backslash.
fn bare_pipes(line: &str) -> usize {
    let b = line.as_bytes();
    (0..b.len())
        .filter(|&i| b[i] == b'|' && (i == 0 || b[i - 1] != b'\\'))
        .count()
}

#[test]
fn outside_text_is_escaped_in_both_formats() {
    let mut d = decision(Outcome::Conditions);
    d.reasoning = EVIL.into();
    d.override_reason = Some(EVIL.into());
    d.conditions = vec![EVIL.into()];
    d.by = "<b>eve</b> & 'co'".into();
    let flags = [flag("A1", "Huisartsen | <i>HUS</i> **x**", Some(Verdict::Confirmed))];
    let l = write(&d, &flags, 0, Lang::Nl);
    let (md, html) = (l.markdown(), l.html());

    assert!(
        !html.contains("<script") && !html.contains("<i>") && !html.contains("<b>eve"),
        "{html}"
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
    assert!(html.contains("&lt;b&gt;eve&lt;/b&gt; &amp; &#39;co&#39;"), "{html}");
    assert!(
        html.contains("**bold** | pipe"),
        "markdown syntax is plain text in HTML"
    );

    assert!(!md.replace(r"\<", "").contains('<'), "only escaped < in Markdown: {md}");
    assert!(!md.contains("**bold**"), "{md}");
    assert!(md.contains(r"\<script\>alert(1)\</script\>"), "{md}");
    assert!(md.contains(r"\*\*bold\*\* \| pipe"), "{md}");
    assert!(
        md.contains(r"1\. not a list") && md.contains(r"\# not a heading"),
        "{md}"
    );
    assert!(md.contains(r"\<b\>eve\</b\> & 'co'"), "a plain & stays: {md}");
    assert!(
        md.contains(r"\&lt;not a tag\&gt;") && html.contains("&amp;lt;not a tag&amp;gt;"),
        "{md}"
    );
    // Every table row has exactly as many bare pipes as its header.
    let mut width = None;
    for line in md.lines() {
        if line.starts_with('|') {
            let n = bare_pipes(line);
            assert_eq!(*width.get_or_insert(n), n, "a table row is broken: {line}");
        } else {
            width = None;
            assert_eq!(bare_pipes(line), 0, "a bare pipe outside a table: {line}");
        }
    }
    assert!(md.contains(r"Huisartsen \| \<i\>HUS\</i\> \*\*x\*\*"), "{md}");
}

#[test]
fn control_characters_never_reach_the_output() {
    let mut d = decision(Outcome::Conditions);
    d.conditions = vec!["Rapporteer\u{1b}[31m per kwartaal\u{7}\u{202e} \u{9b}2J".into()];
    d.reasoning = "Regel een\r\nregel\ttwee\u{1b}]0;titel\u{7}".into();
    for lang in [Lang::Nl, Lang::En] {
        for out in both(&d, lang) {
            let bad: Vec<char> = out
                .chars()
                .filter(|&c| (c.is_control() && c != '\n') || c == '\u{202e}')
                .collect();
            assert!(bad.is_empty(), "control characters {bad:?} in:\n{out}");
            assert!(out.contains("Rapporteer") && out.contains("per kwartaal"));
        }
    }
}

#[test]
fn double_funding_findings_are_listed() {
    let d = decision(Outcome::Approve);
    let flags = [
        flag("A1", "Huisartsen Utrecht Stad", Some(Verdict::Confirmed)),
        flag("A2", "Stichting Wijkzorg", None),
        flag("A3", "Buurtteam Oost", Some(Verdict::Dismissed)),
    ];
    let l = write(&d, &flags, 0, Lang::Nl);
    for out in [l.markdown(), l.html()] {
        assert!(
            out.contains("REG-A1") && out.contains("Huisartsen Utrecht Stad"),
            "{out}"
        );
        let oi = if out.starts_with("<!") {
            "O&amp;I huisartsenzorg"
        } else {
            "O&I huisartsenzorg"
        };
        assert!(out.contains(oi), "{out}");
        assert!(out.contains("€ 12.345,00") && out.contains("waarschijnlijk"), "{out}");
        assert!(
            out.contains("bevestigd door inkoper.b: Zelfde taak, zelfde ontvanger"),
            "{out}"
        );
        assert!(out.contains("open, nog niet beoordeeld"), "{out}");
        assert!(
            out.contains("A3 / REG-A3 (Buurtteam Oost): afgewezen door inkoper.b"),
            "{out}"
        );
        assert!(!out.contains("geen dubbele financiering vastgesteld"));
    }
    let dismissed = [flag("A3", "Buurtteam Oost", Some(Verdict::Dismissed))];
    for flags in [&[][..], &dismissed[..]] {
        let md = write(&d, flags, 0, Lang::Nl).markdown();
        assert!(md.contains("Er is geen dubbele financiering vastgesteld."), "{md}");
    }
}

#[test]
fn the_html_page_is_self_contained_and_printable() {
    let html = write(&decision(Outcome::Approve), &[], 0, Lang::En).html();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"), "{html}");
    assert!(html.contains("<meta charset=\"utf-8\">") && html.contains("@media print"));
    assert!(html.contains("serif") && html.contains("<table>"));
    for external in ["<script", "src=", "href=", "http:", "https:", "@import", "url("] {
        assert!(!html.contains(external), "{external} in the page");
    }
    assert!(
        write(&decision(Outcome::Approve), &[], 0, Lang::Nl)
            .html()
            .contains("<html lang=\"nl\">")
    );
}
