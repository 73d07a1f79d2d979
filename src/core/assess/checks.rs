//! Checks on who takes part and how the RESV is organised: required disciplines,
//! representation, board, participation, region and contractability.

use super::text::{Fingerprint, pct, share, tx};
use super::{Ctx, FULL, Outcome, Status, outcome};
use crate::plan::{Discipline, Organisation, ParticipationForm, Scenario};
use crate::rules::regions::same_name;

/// A quoted piece of plan text, shortened to `max` characters.
pub(super) fn quote(text: &str, max: usize) -> String {
    let t: String = text.chars().take(max).collect();
    if text.chars().count() > max {
        format!("\"{}…\"", t.trim_end())
    } else {
        format!("\"{t}\"")
    }
}

fn org(o: &Organisation) -> String {
    match &o.kvk {
        Some(k) => format!("{} (KvK {k})", o.name),
        None => o.name.clone(),
    }
}

/// Ontwerpcriterium 1: the required disciplines are there, and mandated.
pub fn disciplines(cx: &Ctx<'_>) -> Outcome {
    let g = &cx.rules.guidance.params;
    let mut fp = Fingerprint::new("disciplines");
    let mut lines = Vec::new();
    let mut status = Status::Pass;
    let required = g
        .mandated
        .iter()
        .map(|d| (*d, true))
        .chain(g.taking_part.iter().map(|d| (*d, false)));
    for (kind, must_be_mandated) in required {
        let k = kind.keyword();
        let name = kind.name();
        match cx.plan.disciplines.iter().find(|s| s.kind == kind) {
            None => {
                fp.s(k).n(0);
                status = Status::Fail;
                lines.push(tx!(
                    "✗ {name} ontbreekt in het plan",
                    "✗ {name} is missing from the plan"
                ));
            }
            Some(seat) => {
                fp.s(k).n(1 + seat.mandated as i64);
                let who = org(&seat.organisation);
                if seat.mandated {
                    lines.push(tx!("✓ {name}: gemandateerd, {who}", "✓ {name}: mandated, {who}"));
                } else if must_be_mandated {
                    status = Status::Fail;
                    lines.push(tx!(
                        "✗ {name} neemt deel maar is niet gemandateerd ({who})",
                        "✗ {name} takes part but is not mandated ({who})"
                    ));
                } else {
                    if status == Status::Pass {
                        status = Status::Warn;
                    }
                    lines.push(tx!(
                        "! {name} neemt deel, zonder mandaat ({who})",
                        "! {name} takes part, without a mandate ({who})"
                    ));
                }
            }
        }
    }
    let auto = match status {
        Status::Pass => FULL,
        Status::Warn => 750,
        _ => 0,
    };
    outcome(status, Some(auto), lines, fp)
}

/// Ontwerpcriteria 1 and 3: each discipline broadly represents its practices.
pub fn representation(cx: &Ctx<'_>) -> Outcome {
    let th = &cx.rules.policy.thresholds;
    let g = &cx.rules.guidance.params;
    let mut fp = Fingerprint::new("representation");
    let mut lines = Vec::new();
    let mut status = Status::Pass;
    let mut sum = 0u64;
    for seat in &cx.plan.disciplines {
        let k = seat.kind.keyword();
        let name = seat.kind.name();
        fp.item(|f| {
            f.s(k)
                .n(seat.practices_in_region as i64)
                .n(seat.practices_joined as i64);
        });
        let need = th.coverage_for(seat.kind);
        let (need_nl, need_en) = pct(need);
        let (joined, total) = (seat.practices_joined, seat.practices_in_region);
        if total == 0 {
            if status == Status::Pass {
                status = Status::Warn;
            }
            sum += 500;
            lines.push(tx!(
                "! {name}: geen praktijken in de regio opgegeven",
                "! {name}: no practices in the region given"
            ));
            continue;
        }
        let got = share(joined as i64, total as i64);
        let (got_nl, got_en) = pct(got);
        sum += if need == 0 {
            FULL as u64
        } else {
            (got as u64 * FULL as u64 / need as u64).min(FULL as u64)
        };
        if got >= need {
            lines.push(tx!(
                "✓ {name}: {joined} van {total} praktijken ({got_nl}), drempel {need_nl}",
                "✓ {name}: {joined} of {total} practices ({got_en}), threshold {need_en}"
            ));
        } else {
            let core = g.mandated.contains(&seat.kind) || g.taking_part.contains(&seat.kind);
            status = if core { Status::Fail } else { status.max(Status::Warn) };
            let mark = if core { "✗" } else { "!" };
            lines.push(tx!(
                "{mark} {name}: {joined} van {total} praktijken ({got_nl}), onder de drempel van {need_nl}",
                "{mark} {name}: {joined} of {total} practices ({got_en}), below the threshold of {need_en}"
            ));
        }
    }
    let n = cx.plan.disciplines.len().max(1) as u64;
    outcome(status, Some((sum / n) as u32), lines, fp)
}

/// Ontwerpcriterium 2: a decisive multidisciplinary board, with no imposed composition.
/// It looks at how many disciplines hold seats (seed 003: three or more) and whether the
/// board can decide (seed 004: a light network decides by consensus, with low
/// decisiveness). Which disciplines hold the seats is not a condition.
pub fn board(cx: &Ctx<'_>) -> Outcome {
    let g = &cx.rules.guidance.params;
    let min = g.board_min_disciplines;
    let mut fp = Fingerprint::new("board");
    let scenario = cx.plan.resv.scenario;
    fp.s(scenario.keyword());
    let seated: Vec<Discipline> = cx
        .plan
        .disciplines
        .iter()
        .filter(|s| s.board_seat)
        .map(|s| s.kind)
        .collect();
    for d in &seated {
        fp.item(|f| {
            f.s(d.keyword());
        });
    }
    let names: Vec<&str> = seated.iter().map(|d| d.name()).collect();
    let list = if names.is_empty() {
        "-".to_string()
    } else {
        names.join(", ")
    };
    let n = seated.len() as u32;
    let mut lines = vec![tx!(
        "Bestuurszetels van {n} disciplines: {list} (minimaal {min})",
        "Board seats from {n} disciplines: {list} (at least {min})"
    )];
    let (status, auto) = if n < min {
        lines.push(tx!(
            "✗ minder dan {min} disciplines in het bestuur",
            "✗ fewer than {min} disciplines on the board"
        ));
        (Status::Fail, n * 500 / min.max(1))
    } else if scenario == Scenario::LightNetwork {
        lines.push(tx!(
            "! licht netwerk: besluiten bij consensus, slagkracht laag; toets of het bestuur kan besluiten",
            "! light network: decisions by consensus, low decisiveness; judge whether the board can decide"
        ));
        (Status::Warn, 750)
    } else {
        let sc = scenario.keyword();
        lines.push(tx!(
            "✓ {n} disciplines in het bestuur, besluitvorming volgens scenario {sc}",
            "✓ {n} disciplines on the board, decisions as in scenario {sc}"
        ));
        (Status::Pass, FULL)
    };
    outcome(status, Some(auto), lines, fp)
}

/// Ontwerpcriterium 5: a concrete form of citizen and patient participation.
pub fn participation(cx: &Ctx<'_>) -> Outcome {
    let p = &cx.plan.participation;
    let mut fp = Fingerprint::new("participation");
    fp.s(p.form.keyword()).s(&p.description);
    let form = p.form.keyword();
    let q = quote(&p.description, 160);
    let mut lines = vec![tx!("Vorm: {form}; {q}", "Form: {form}; {q}")];
    // Concrete: the description says how many, how often or by when.
    let concrete = p.description.chars().any(|c| c.is_ascii_digit());
    let (status, auto) = match p.form {
        ParticipationForm::Geen => {
            lines.push(tx!(
                "✗ geen vorm van burger- of patiëntenparticipatie",
                "✗ no form of citizen or patient participation"
            ));
            (Status::Fail, 0)
        }
        ParticipationForm::Raadpleging => {
            lines.push(tx!(
                "! alleen raadpleging, zonder inspraak of zeggenschap",
                "! consultation only, without a say"
            ));
            (Status::Warn, 500)
        }
        _ if !concrete => {
            lines.push(tx!(
                "! niet concreet: geen aantal, frequentie of termijn genoemd",
                "! not concrete: no number, frequency or date given"
            ));
            (Status::Warn, 600)
        }
        _ => {
            lines.push(tx!(
                "✓ concrete vorm met aantallen of frequentie",
                "✓ a concrete form with numbers or frequency"
            ));
            (Status::Pass, FULL)
        }
    };
    outcome(status, Some(auto), lines, fp)
}

/// The region rule: the area includes all of its RHO region, larger only with reasons.
pub fn region(cx: &Ctx<'_>) -> Outcome {
    let reg = &cx.plan.region;
    let mut fp = Fingerprint::new("region");
    fp.s(&reg.rho_region.trim().to_lowercase());
    for m in &reg.municipalities {
        fp.item(|f| {
            f.s(&m.trim().to_lowercase());
        });
    }
    fp.s(reg.justification.as_deref().unwrap_or(""));
    let rho = &reg.rho_region;
    let Some(reference) = cx.rules.regions.find(rho) else {
        let lines = vec![tx!(
            "? RHO-regio \"{rho}\" staat niet in de referentielijst; vergelijk het werkgebied zelf",
            "? RHO region \"{rho}\" is not in the reference list; compare the area yourself"
        )];
        return outcome(Status::Judgement, None, lines, fp);
    };
    let missing: Vec<&str> = reference
        .municipalities
        .iter()
        .filter(|m| !reg.municipalities.iter().any(|x| same_name(x, m)))
        .map(String::as_str)
        .collect();
    let extra: Vec<&str> = reg
        .municipalities
        .iter()
        .filter(|m| !reference.municipalities.iter().any(|x| same_name(x, m)))
        .map(String::as_str)
        .collect();
    let (n_plan, n_rho) = (reg.municipalities.len(), reference.municipalities.len());
    let orgn = &reference.organisation;
    let (gemeenten, municipalities) = if n_rho == 1 {
        ("gemeente", "municipality")
    } else {
        ("gemeenten", "municipalities")
    };
    let mut lines = vec![tx!(
        "RHO-regio {rho} ({orgn}): {n_rho} {gemeenten}; het plan noemt er {n_plan}",
        "RHO region {rho} ({orgn}): {n_rho} {municipalities}; the plan names {n_plan}"
    )];
    if !missing.is_empty() {
        let m = missing.join(", ");
        lines.push(tx!(
            "✗ kleiner dan de RHO-regio, ontbreekt: {m}",
            "✗ smaller than the RHO region, missing: {m}"
        ));
        return outcome(Status::Fail, Some(0), lines, fp);
    }
    if extra.is_empty() {
        lines.push(tx!(
            "✓ werkgebied gelijk aan de RHO-regio",
            "✓ area equals the RHO region"
        ));
        return outcome(Status::Pass, Some(FULL), lines, fp);
    }
    let e = extra.join(", ");
    lines.push(tx!(
        "! groter dan de RHO-regio, extra: {e}",
        "! larger than the RHO region, extra: {e}"
    ));
    match &reg.justification {
        Some(j) => {
            let q = quote(j, 200);
            lines.push(tx!(
                "  onderbouwing: {q}; toets of dit goede regionale redenen zijn",
                "  justification: {q}; judge whether these are good regional reasons"
            ));
        }
        None => {
            // Larger only for good regional reasons: without any, never a pass.
            lines.push(tx!(
                "? geen onderbouwing: uw oordeel is nodig; vraag de regio waarom het gebied groter is",
                "? no justification: needs your judgement; ask the region why the area is larger"
            ));
            return outcome(Status::Judgement, None, lines, fp);
        }
    }
    outcome(Status::Warn, Some(750), lines, fp)
}

/// Someone must be contractable: the RESV itself, or a cashier / lead party, with a KvK.
pub fn contractable(cx: &Ctx<'_>) -> Outcome {
    let r = &cx.plan.resv;
    let mut fp = Fingerprint::new("contractable");
    fp.s(r.scenario.keyword())
        .s(r.kvk.as_deref().unwrap_or(""))
        .s(r.legal_form.map(|f| f.keyword()).unwrap_or(""));
    if let Some(lp) = &r.lead_party {
        fp.s(lp.role.keyword()).s(&lp.organisation.name);
        fp.s(lp.organisation.kvk.as_deref().unwrap_or(""));
    }
    let sc = r.scenario.keyword();
    let mut lines = vec![tx!("Scenario: {sc}", "Scenario: {sc}")];
    // Only an RESV that is its own legal person contracts itself (seed 004): a light network
    // or growth model with a KvK number on `resv` still needs a cashier or lead party.
    if let (Scenario::LegalEntity, Some(kvk)) = (r.scenario, &r.kvk) {
        let form = r.legal_form.map(|f| f.name()).unwrap_or("-");
        lines.push(tx!(
            "✓ eigen rechtspersoon ({form}), KvK {kvk}: contracteert zelf",
            "✓ own legal entity ({form}), KvK {kvk}: contracts itself"
        ));
        return outcome(Status::Pass, Some(FULL), lines, fp);
    }
    match &r.lead_party {
        Some(lp) if lp.organisation.kvk.is_some() => {
            let (role, who) = (lp.role.keyword(), org(&lp.organisation));
            lines.push(tx!(
                "✓ contracteert via {role} {who}",
                "✓ contracts through {role} {who}"
            ));
            outcome(Status::Pass, Some(FULL), lines, fp)
        }
        Some(lp) => {
            let (role, who) = (lp.role.keyword(), &lp.organisation.name);
            lines.push(tx!(
                "✗ {role} {who} heeft geen KvK-nummer: niet contracteerbaar",
                "✗ {role} {who} has no KvK number: not contractable"
            ));
            outcome(Status::Fail, Some(0), lines, fp)
        }
        None => {
            let what = if r.scenario == Scenario::LegalEntity {
                tx!(
                    "✗ rechtspersoon zonder KvK-nummer en zonder kassier of penvoerder",
                    "✗ legal entity without a KvK number and without a cashier or lead party"
                )
            } else {
                tx!(
                    "✗ geen eigen rechtspersoon en geen kassier of penvoerder: niemand om mee te contracteren",
                    "✗ no legal entity and no cashier or lead party: no one to contract with"
                )
            };
            lines.push(what);
            outcome(Status::Fail, Some(0), lines, fp)
        }
    }
}
