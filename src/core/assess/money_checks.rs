//! Checks on what the plan does and what it costs: regional agenda, main tasks,
//! coordination only, budget norms, monitoring, social domain and double funding.

use super::checks::quote;
use super::text::Text;
use super::text::{Fingerprint, eur, eur_cents, pct, share, tx};
use super::{Ctx, FULL, Outcome, Status, outcome};
use crate::money::Cents;
use crate::plan::{Activity, Discipline, Funder, Plan};
use crate::rules::policy::Thresholds;

/// An activity's cost over all contract years.
pub(super) fn cost(plan: &Plan, a: &Activity) -> Cents {
    plan.contract_years.iter().map(|&y| a.cost_in_year(y)).sum()
}

/// An activity as an unordered item: id, main task, cost, and what `more` adds.
pub(super) fn activity_fp(fp: &mut Fingerprint, plan: &Plan, a: &Activity, more: impl FnOnce(&mut Fingerprint)) {
    fp.item(|f| {
        f.s(&a.id).n(a.main_task as i64).n(cost(plan, a).0);
        more(f);
    });
}

fn ids<'a>(it: impl Iterator<Item = &'a Activity>) -> String {
    let v: Vec<&str> = it.map(|a| a.id.as_str()).collect();
    if v.is_empty() { "-".into() } else { v.join(", ") }
}

/// Ontwerpcriterium 4: a regional agenda, and activities that carry it out.
pub fn agenda(cx: &Ctx<'_>) -> Outcome {
    let plan = cx.plan;
    let ag = &plan.agenda;
    let mut fp = Fingerprint::new("agenda");
    fp.s(&ag.regioplan).s(ag.reference.as_deref().unwrap_or(""));
    for a in &plan.activities {
        activity_fp(&mut fp, plan, a, |f| {
            f.n(a.agenda_link as i64);
        });
    }
    let rp = quote(&ag.regioplan, 120);
    let mut lines = vec![tx!("Regioplan: {rp}", "Regioplan: {rp}")];
    // "IZA" or "AZWA" as a word (also in "IZA-tafel"), not inside "organization".
    let mentions = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case("iza") || w.eq_ignore_ascii_case("azwa"))
    };
    let reference = match &ag.reference {
        Some(r) => {
            let q = quote(r, 120);
            lines.push(tx!("✓ verwijzing: {q}", "✓ reference: {q}"));
            true
        }
        None if mentions(&ag.regioplan) => {
            lines.push(tx!("✓ het regioplan noemt IZA/AZWA", "✓ the regioplan names IZA/AZWA"));
            true
        }
        None => {
            lines.push(tx!(
                "! geen verwijzing naar een IZA/AZWA-tafel of regioplan-actielijn",
                "! no reference to an IZA/AZWA table or regioplan action line"
            ));
            false
        }
    };
    let total: Cents = plan.activities.iter().map(|a| cost(plan, a)).sum();
    let linked: Cents = plan
        .activities
        .iter()
        .filter(|a| a.agenda_link)
        .map(|a| cost(plan, a))
        .sum();
    let got = share(linked.0, total.0);
    let need = cx.rules.policy.thresholds.min_agenda;
    let (g_nl, g_en) = pct(got);
    let (n_nl, n_en) = pct(need);
    let on = ids(plan.activities.iter().filter(|a| a.agenda_link));
    let off = ids(plan.activities.iter().filter(|a| !a.agenda_link));
    let mark = if got >= need { "✓" } else { "!" };
    lines.push(tx!(
        "{mark} gekoppeld aan de agenda: {on} ({g_nl} van de kosten, minimaal {n_nl}); niet gekoppeld: {off}",
        "{mark} tied to the agenda: {on} ({g_en} of the cost, at least {n_en}); not tied: {off}"
    ));
    let (status, auto) = if linked == Cents::ZERO {
        (Status::Fail, 0)
    } else if got >= need && reference {
        (Status::Pass, FULL)
    } else {
        (Status::Warn, 500)
    };
    outcome(status, Some(auto), lines, fp)
}

/// The five main tasks: which the activities cover, their budget, and the policy's required ones.
pub fn main_tasks(cx: &Ctx<'_>) -> Outcome {
    let plan = cx.plan;
    let mut fp = Fingerprint::new("main_tasks");
    for a in &plan.activities {
        activity_fp(&mut fp, plan, a, |_| {});
    }
    let per_task = plan.cost_per_main_task();
    let total: i64 = per_task.iter().map(|c| c.0).sum();
    let mut lines = Vec::new();
    let mut covered = Vec::new();
    // Care production that is excluded from the fundable amount does not cover a task.
    let excluded: Vec<&str> = cx.excluded(false).map(|a| a.id.as_str()).collect();
    for (i, title) in cx.rules.guidance.main_tasks.iter().enumerate() {
        let n = i as u8 + 1;
        let acts = ids(plan
            .activities
            .iter()
            .filter(|a| a.main_task == n && !excluded.contains(&a.id.as_str())));
        let (e_nl, e_en) = eur(per_task[i]);
        let (p_nl, p_en) = pct(share(per_task[i].0, total));
        if acts == "-" && per_task[i] > Cents::ZERO {
            lines.push(tx!(
                "  {n} {title}: alleen uitgesloten zorgproductie",
                "  {n} {title}: only excluded care production"
            ));
        } else if acts == "-" {
            lines.push(tx!("  {n} {title}: geen activiteiten", "  {n} {title}: no activities"));
        } else {
            covered.push(n);
            lines.push(tx!(
                "✓ {n} {title}: {acts}, {e_nl} per jaar ({p_nl})",
                "✓ {n} {title}: {acts}, {e_en} a year ({p_en})"
            ));
        }
    }
    let required = &cx.rules.policy.thresholds.required_main_tasks;
    let missing: Vec<String> = required
        .iter()
        .filter(|t| !covered.contains(t))
        .map(|t| t.to_string())
        .collect();
    let c = covered.len();
    let req: Vec<String> = required.iter().map(|t| t.to_string()).collect();
    let req = if req.is_empty() {
        "-".to_string()
    } else {
        req.join(", ")
    };
    let year = cx.rules.policy.year;
    let years: Vec<String> = plan.contract_years.iter().map(u16::to_string).collect();
    let years = years.join(", ");
    let policy_year_missing = !plan.contract_years.contains(&year);
    if policy_year_missing {
        lines.push(tx!(
            "! het inkoopbeleid geldt voor {year}, het plan vraagt {years}: toets de hoofdtaken aan het beleid van die jaren",
            "! the policy is for {year}, the plan asks for {years}: check the main tasks against those years' policy"
        ));
    }
    if missing.is_empty() {
        lines.push(tx!(
            "✓ {c} van 5 hoofdtaken; verplicht in {year}: {req} (alle vijf uiterlijk 2030)",
            "✓ {c} of 5 main tasks; required in {year}: {req} (all five by 2030)"
        ));
        // Meeting the policy is sufficient (800); every further task adds to it.
        let auto = 800 + 200 * (c.max(1) as u32 - 1) / 4;
        let status = if policy_year_missing {
            Status::Warn
        } else {
            Status::Pass
        };
        outcome(status, Some(auto), lines, fp)
    } else {
        let m = missing.join(", ");
        lines.push(tx!(
            "✗ verplichte hoofdtaak ontbreekt: {m}",
            "✗ required main task missing: {m}"
        ));
        outcome(Status::Fail, Some(0), lines, fp)
    }
}

/// The RESV is contracted for coordination and organisation, not care production.
pub fn coordination_only(cx: &Ctx<'_>) -> Outcome {
    let plan = cx.plan;
    let g = &cx.rules.guidance.params;
    let accept = cx.rules.policy.thresholds.accept_care_exception;
    let mut fp = Fingerprint::new("coordination_only");
    let mut lines = Vec::new();
    let mut status = Status::Pass;
    for a in plan
        .activities
        .iter()
        .filter(|a| g.excluded_natures.contains(&a.nature))
    {
        activity_fp(&mut fp, plan, a, |f| {
            f.s(a.exception.as_ref().map(|e| e.justification.as_str()).unwrap_or(""));
        });
        let (id, nat) = (&a.id, a.nature.keyword());
        let (e_nl, e_en) = eur(cost(plan, a));
        match &a.exception {
            Some(e) if accept => {
                status = Status::Judgement;
                let q = quote(&e.justification, 200);
                lines.push(tx!(
                    "? {id} is {nat} met een uitzondering op het hoofdaannemerschap ({e_nl} over de contractjaren): {q}; toets meerwaarde en gelijke toegang",
                    "? {id} is {nat} with a main-contractor exception ({e_en} over the contract years): {q}; judge added value and equal access"
                ));
            }
            Some(_) => {
                status = status.max(Status::Warn);
                lines.push(tx!(
                    "! {id} is {nat}; het inkoopbeleid staat geen uitzondering toe: {e_nl} over de contractjaren uitgesloten",
                    "! {id} is {nat}; the policy accepts no exception: {e_en} over the contract years excluded"
                ));
            }
            None => {
                status = status.max(Status::Warn);
                lines.push(tx!(
                    "! {id} is {nat} zonder uitzondering: {e_nl} over de contractjaren uitgesloten van het te financieren bedrag",
                    "! {id} is {nat} without an exception: {e_en} over the contract years excluded from the fundable amount"
                ));
            }
        }
    }
    if lines.is_empty() {
        lines.push(tx!(
            "✓ alle activiteiten zijn coördinatie of organisatie",
            "✓ every activity is coordination or organisation"
        ));
    }
    let auto = match status {
        Status::Pass => Some(FULL),
        Status::Warn => Some(500),
        _ => None,
    };
    outcome(status, auto, lines, fp)
}

/// Budget norms: amount per inhabitant per year and overhead share.
pub fn budget(cx: &Ctx<'_>) -> Outcome {
    let plan = cx.plan;
    let th = &cx.rules.policy.thresholds;
    let inhabitants = plan.region.inhabitants.max(1) as i128;
    let mut fp = Fingerprint::new("budget");
    fp.n(plan.region.inhabitants as i64);
    let mut lines = Vec::new();
    // The yearly limit in cents and the largest amount requested in a year.
    let limit = th.max_per_inhabitant.0 as i128 * inhabitants;
    let worst = plan.budget.iter().map(|b| b.requested().0 as i128).max().unwrap_or(0);
    let fails = per_inhabitant_lines(plan, th, &mut fp, &mut lines);
    let (line, ok) = overhead_line(plan, th, &mut fp);
    lines.push(line);
    lines.push(tx!(
        "✓ de begroting sluit: per jaar totaal = som van de activiteitkosten (gecontroleerd bij inlezen)",
        "✓ the budget adds up: each year's total = the sum of activity costs (checked on import)"
    ));
    let g = &cx.rules.guidance.params;
    let ceiling_share = share(worst.min(i64::MAX as i128) as i64, g.national_ceiling.0);
    let large = ceiling_share >= g.ceiling_warn_share;
    if large {
        let (s_nl, s_en) = pct(ceiling_share);
        let (c_nl, c_en) = eur(g.national_ceiling);
        let (w_nl, w_en) = pct(g.ceiling_warn_share);
        lines.push(tx!(
            "! het plan vraagt {s_nl} van het landelijke plafond van {c_nl} per jaar (waarschuwing vanaf {w_nl}); bij overschrijding van het plafond volgen maatregelen",
            "! the plan asks {s_en} of the national ceiling of {c_en} a year (warning from {w_en}); exceeding the ceiling brings measures"
        ));
    }
    let auto = per_inhabitant_points(worst, limit) + if ok { HALF } else { 0 };
    let status = if fails > 0 || !ok {
        Status::Fail
    } else if large {
        Status::Warn
    } else {
        Status::Pass
    };
    outcome(status, Some(auto), lines, fp)
}

/// Per contract year: the amount requested per inhabitant against the maximum. Returns how
/// many years are above it.
fn per_inhabitant_lines(plan: &Plan, th: &Thresholds, fp: &mut Fingerprint, lines: &mut Vec<Text>) -> usize {
    let inhabitants = plan.region.inhabitants.max(1) as i128;
    let mut fails = 0;
    let (max_nl, max_en) = eur_cents(th.max_per_inhabitant);
    for b in &plan.budget {
        let req = b.requested();
        fp.item(|f| {
            f.n(b.year as i64).n(req.0);
        });
        let within = (req.0 as i128) <= th.max_per_inhabitant.0 as i128 * inhabitants;
        // Shown rounded towards the verdict: down when within the norm, up when above it,
        // so "€ 3,50 (at most € 3,50)" never appears next to a fail.
        let per = if within {
            req.0 as i128 / inhabitants
        } else {
            (req.0 as i128 + inhabitants - 1) / inhabitants
        };
        let (r_nl, r_en) = eur(req);
        let (p_nl, p_en) = eur_cents(Cents(per as i64));
        let mark = if within { "✓" } else { "✗" };
        let y = b.year;
        lines.push(tx!(
            "{mark} {y}: {r_nl} gevraagd, {p_nl} per inwoner (maximaal {max_nl})",
            "{mark} {y}: {r_en} requested, {p_en} per inhabitant (at most {max_en})"
        ));
        if !within {
            fails += 1;
        }
    }
    fails
}

/// The organisation overhead's share of the activity cost against the maximum, and whether
/// it is within it.
fn overhead_line(plan: &Plan, th: &Thresholds, fp: &mut Fingerprint) -> (Text, bool) {
    let total: Cents = plan.activities.iter().map(|a| cost(plan, a)).sum();
    let over: Vec<&Activity> = plan.activities.iter().filter(|a| a.overhead).collect();
    for a in &over {
        activity_fp(fp, plan, a, |_| {});
    }
    // The overhead share also depends on the cost of all other activities.
    fp.n(total.0);
    let overhead: Cents = over.iter().map(|a| cost(plan, a)).sum();
    let got = share(overhead.0, total.0);
    // Compared exactly: a share a hair above the maximum fails, and is shown as "> max".
    let ok = overhead.0 as i128 * 10_000 <= th.max_overhead as i128 * total.0 as i128;
    let (m_nl, m_en) = pct(th.max_overhead);
    let (g_nl, g_en) = match pct(got) {
        shown if !ok && shown.0 == m_nl => (format!("> {m_nl}"), format!("> {m_en}")),
        shown => shown,
    };
    let list = ids(over.iter().copied());
    let mark = if ok { "✓" } else { "✗" };
    let line = tx!(
        "{mark} organisatie-overhead: {g_nl} van de activiteitkosten ({list}), maximaal {m_nl}",
        "{mark} organisation overhead: {g_en} of the activity cost ({list}), at most {m_en}"
    );
    (line, ok)
}

/// Half of the budget score: each norm is worth 50 of 100.
const HALF: u32 = FULL / 2;

/// The per-inhabitant norm's part of the budget score, graded by how far the largest yearly
/// request is over the limit: 50 within it, then down in a straight line to 0 at twice the
/// limit, `50 × (2 − requested / limit)`, rounded down (10% over gives 45, 50% over 25,
/// twice the limit or more 0).
fn per_inhabitant_points(worst: i128, limit: i128) -> u32 {
    if worst <= limit {
        return HALF;
    }
    let left = (2 * limit - worst).max(0);
    (HALF as i128 * left / limit.max(1)) as u32
}

/// Yearly monitoring: a KPI for each main task the plan works on.
pub fn monitoring(cx: &Ctx<'_>) -> Outcome {
    let plan = cx.plan;
    let mut fp = Fingerprint::new("monitoring");
    let mut tasks: Vec<u8> = plan.activities.iter().map(|a| a.main_task).collect();
    tasks.sort_unstable();
    tasks.dedup();
    for t in &tasks {
        fp.n(*t as i64);
    }
    for k in &plan.kpis {
        fp.item(|f| {
            f.n(k.main_task as i64).s(&k.name).s(&k.target);
        });
    }
    let mut lines = Vec::new();
    let mut with = 0u32;
    for t in &tasks {
        let kpis: Vec<&str> = plan
            .kpis
            .iter()
            .filter(|k| k.main_task == *t)
            .map(|k| k.name.as_str())
            .collect();
        if kpis.is_empty() {
            lines.push(tx!("! hoofdtaak {t}: geen KPI", "! main task {t}: no KPI"));
        } else {
            with += 1;
            let q = quote(&kpis.join("; "), 100);
            lines.push(tx!("✓ hoofdtaak {t}: {q}", "✓ main task {t}: {q}"));
        }
    }
    let n = tasks.len().max(1) as u32;
    let status = if plan.kpis.is_empty() {
        Status::Fail
    } else if with < tasks.len() as u32 {
        Status::Warn
    } else {
        Status::Pass
    };
    outcome(status, Some(with * FULL / n), lines, fp)
}

fn is_municipal(source: &str, funder: Option<Funder>) -> bool {
    match funder {
        Some(f) => f == Funder::Gemeente,
        None => {
            let l = source.to_lowercase();
            l.contains("gemeente") || l.contains("wmo")
        }
    }
}

/// Social domain: activities with social work or municipalities name municipal co-funding,
/// or say why there is none.
pub fn social_domain(cx: &Ctx<'_>) -> Outcome {
    let plan = cx.plan;
    let mut fp = Fingerprint::new("social_domain");
    let social = |a: &&Activity| {
        a.disciplines
            .iter()
            .any(|d| matches!(d, Discipline::SociaalWerk | Discipline::Gemeente))
    };
    for a in plan.activities.iter().filter(social) {
        activity_fp(&mut fp, plan, a, |_| {});
    }
    let list = ids(plan.activities.iter().filter(social));
    if list == "-" {
        let lines = vec![tx!(
            "✓ geen activiteiten met sociaal werk of gemeenten",
            "✓ no activities with social work or municipalities"
        )];
        return outcome(Status::Pass, Some(FULL), lines, fp);
    }
    let mut lines = vec![tx!(
        "Activiteiten met sociaal werk of gemeenten: {list}",
        "Activities with social work or municipalities: {list}"
    )];
    let mut found = false;
    for b in &plan.budget {
        for c in b.co_funding.iter().filter(|c| is_municipal(&c.source, c.funder)) {
            fp.item(|f| {
                f.n(b.year as i64).s(&c.source).n(c.amount.0);
            });
            found = true;
            let (e_nl, e_en) = eur(c.amount);
            let (y, q) = (b.year, quote(&c.source, 80));
            lines.push(tx!(
                "✓ {y}: gemeentelijke cofinanciering {e_nl} ({q})",
                "✓ {y}: municipal co-funding {e_en} ({q})"
            ));
        }
    }
    let note = plan.agenda.social_domain.as_deref();
    fp.s(note.unwrap_or(""));
    if found {
        return outcome(Status::Pass, Some(FULL), lines, fp);
    }
    match note {
        Some(n) => {
            let q = quote(n, 200);
            lines.push(tx!(
                "✓ geen cofinanciering; het plan legt uit waarom: {q}",
                "✓ no co-funding; the plan explains why: {q}"
            ));
            outcome(Status::Pass, Some(800), lines, fp)
        }
        None => {
            lines.push(tx!(
                "! geen gemeentelijke cofinanciering en geen uitleg waarom (agenda.social_domain)",
                "! no municipal co-funding and no explanation why (agenda.social_domain)"
            ));
            outcome(Status::Warn, Some(400), lines, fp)
        }
    }
}
