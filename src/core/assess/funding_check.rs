//! The no-double-funding criterion: the double-funding review's flags, or, without a
//! registry, the overlap the guidance names explicitly for the buyer to judge.

use super::checks::quote;
use super::money_checks::{activity_fp, cost};
use super::text::{Fingerprint, eur, tx};
use super::{Ctx, FULL, Outcome, Status, outcome};
use crate::funding::{Review, Severity, Verdict};
use crate::money::Cents;
use crate::plan::Discipline;

/// No double funding.
pub fn double_funding(cx: &Ctx<'_>) -> Outcome {
    let plan = cx.plan;
    let mut fp = Fingerprint::new("double_funding");
    for a in &plan.activities {
        activity_fp(&mut fp, plan, a, |f| {
            f.s(&a.executor.name)
                .s(&a.title)
                .s(&a.description)
                .s(a.nature.keyword());
            f.s(&a.start.to_string()).s(&a.end.to_string());
            let mut ds: Vec<&str> = a.disciplines.iter().map(|d| d.keyword()).collect();
            ds.sort_unstable();
            for d in ds {
                f.s(d);
            }
        });
    }
    // What other money pays for part of the plan matters to a judgement on double funding.
    for b in &plan.budget {
        for c in &b.co_funding {
            fp.item(|f| {
                f.n(b.year as i64).s(&c.source).n(c.amount.0);
                f.s(c.funder.map(|k| k.keyword()).unwrap_or(""));
            });
        }
    }
    match cx.funding {
        Some(review) if review.registry_size > 0 => with_registry(cx, review, fp),
        _ => without_registry(cx, fp),
    }
}

fn with_registry(cx: &Ctx<'_>, review: &Review, mut fp: Fingerprint) -> Outcome {
    let plan = cx.plan;
    for f in &review.flags {
        fp.item(|x| {
            x.s(&f.flag.activity_id).s(&f.flag.arrangement_id);
            x.s(f.flag.severity.keyword()).n(f.flag.amount_at_risk.0);
            x.s(f.verdict().map(|v| v.keyword()).unwrap_or("open"));
        });
    }
    let n = review.registry_size;
    let k = review.flags.len();
    let open = review.open_count();
    let mut lines = vec![tx!(
        "Register: {n} regelingen vergeleken, {k} signalen, {open} open (nog niet beoordeeld)",
        "Registry: {n} arrangements compared, {k} flags, {open} open (not judged yet)"
    )];
    // Open certain flags count already; open likely and possible ones wait for the buyer.
    let to_judge = review
        .flags
        .iter()
        .filter(|f| f.is_open() && f.flag.severity != Severity::Certain)
        .count();
    for f in &review.flags {
        let fl = &f.flag;
        let (act, arr) = (&fl.activity_id, &fl.arrangement_id);
        let who = quote(&fl.arrangement.recipient.name, 50);
        let stream = fl.arrangement.stream.name();
        let (e_nl, e_en) = eur(fl.amount_at_risk);
        let (sev_nl, sev_en) = match fl.severity {
            Severity::Certain => ("zeker", "certain"),
            Severity::Likely => ("waarschijnlijk", "likely"),
            Severity::Possible => ("mogelijk", "possible"),
        };
        let head = match (f.verdict(), fl.severity) {
            (Some(Verdict::Confirmed), _) => tx!("✗ bevestigd", "✗ confirmed"),
            (Some(Verdict::Dismissed), _) => tx!("· afgewezen", "· dismissed"),
            (None, Severity::Certain) => tx!("✗ zeker", "✗ certain"),
            (None, _) => tx!("? {sev_nl}", "? {sev_en}"),
        };
        let (h_nl, h_en) = (head.nl, head.en);
        lines.push(tx!(
            "{h_nl}: {act} ↔ {arr} ({stream}, {who}); {e_nl} risico",
            "{h_en}: {act} ↔ {arr} ({stream}, {who}); {e_en} at risk"
        ));
    }
    // As the assessment's amounts: activities already excluded as care production do not
    // count twice.
    let excluded: Vec<&str> = cx.excluded(false).map(|a| a.id.as_str()).collect();
    let lowered: Cents = plan
        .contract_years
        .iter()
        .map(|&y| review.lowered_in(y, |id| !excluded.contains(&id)))
        .sum();
    let requested: Cents = plan.budget.iter().map(|b| b.requested()).sum();
    if lowered > Cents::ZERO {
        let (e_nl, e_en) = eur(lowered);
        lines.push(tx!(
            "✗ {e_nl} gaat af van het te financieren bedrag (bevestigde en zekere signalen)",
            "✗ {e_en} comes off the fundable amount (confirmed and certain flags)"
        ));
    }
    if to_judge > 0 {
        return outcome(Status::Judgement, None, lines, fp);
    }
    if lowered > Cents::ZERO {
        let left = (requested.0 - lowered.0).max(0) as i128;
        let auto = (left * FULL as i128 / requested.0.max(1) as i128) as u32;
        return outcome(Status::Fail, Some(auto.min(FULL)), lines, fp);
    }
    if k == 0 {
        lines.push(tx!(
            "✓ geen overlap met bestaande regelingen gevonden",
            "✓ no overlap with existing arrangements found"
        ));
    } else {
        lines.push(tx!("✓ alle signalen afgewezen", "✓ every flag dismissed"));
    }
    outcome(Status::Pass, Some(FULL), lines, fp)
}

fn without_registry(cx: &Ctx<'_>, fp: Fingerprint) -> Outcome {
    let plan = cx.plan;
    let mut lines = vec![tx!(
        "? geen register van bestaande regelingen geladen: beoordeel overlap met O&I, ROS, GEZ/ketenzorg, ZonMw, IZA/AZWA en Wmo zelf",
        "? no registry of existing arrangements loaded: judge overlap with O&I, ROS, GEZ/chronic care, ZonMw, IZA/AZWA and Wmo yourself"
    )];
    for a in plan
        .activities
        .iter()
        .filter(|a| a.main_task == 1 && a.disciplines.contains(&Discipline::Huisartsenzorg))
    {
        let (id, who) = (&a.id, quote(&a.executor.name, 60));
        let (e_nl, e_en) = eur(cost(plan, a));
        lines.push(tx!(
            "! {id}: mandaat en vertegenwoordiging huisartsenzorg via {who} ({e_nl} over de contractjaren); de RHO ontvangt hiervoor mogelijk al O&I",
            "! {id}: GP mandate and representation through {who} ({e_en} over the contract years); the RHO may already receive O&I for it"
        ));
    }
    outcome(Status::Judgement, None, lines, fp)
}
