//! Comparing a plan's activities with the registry: field by field, from discrete levels,
//! into a score whose parts are kept as evidence.
//!
//! The method follows record linkage (Fellegi-Sunter): each field comparison lands on a
//! level (identifier equal; name similarity high, medium or none; ...) and each level adds a
//! fixed weight, positive for agreement and negative for disagreement. Names are compared
//! with soft TF-IDF: tokens weigh by how rare they are in the registry, tokens that are only
//! place names weigh little, and tokens meet when their Jaro-Winkler similarity is at least
//! [`TOKEN_MATCH`]. `docs/double-funding.md` explains the weights and how they were chosen.

use super::index::{self, Prepared, RegistryIndex, kvk8};
use super::normalize::{self, NormName};
use super::registry::Stream;
use super::{Evidence, Field, Flag, Severity, YearAmount};
use crate::money::Cents;
use crate::plan::{Activity, Discipline, Organisation, Plan, common_months, month_label, months_in_year, pro_rata};

/// Two tokens meet when their Jaro-Winkler similarity is at least this.
pub const TOKEN_MATCH: f64 = 0.92;
/// Name similarity levels.
pub const NAME_HIGH: f64 = 0.85;
pub const NAME_MEDIUM: f64 = 0.6;
/// Description similarity levels.
pub const DESC_HIGH: f64 = 0.35;
pub const DESC_SOME: f64 = 0.15;

/// Weights per comparison level (log-odds style: agreement adds, disagreement subtracts).
pub mod weight {
    pub const ID_EQUAL: f64 = 8.0;
    pub const NAME_HIGH: f64 = 5.0;
    pub const NAME_MEDIUM: f64 = 2.0;
    pub const GP_OI_RULE: f64 = 8.0;
    pub const TASK_SAME: f64 = 3.0;
    pub const TASK_OTHER: f64 = -4.0;
    pub const DESC_HIGH: f64 = 3.0;
    pub const DESC_SOME: f64 = 1.0;
    pub const DESC_NONE: f64 = -2.0;
    pub const REGION_SAME: f64 = 1.0;
    pub const REGION_OTHER: f64 = -2.0;
    pub const STREAM_FITS: f64 = 1.0;
}

/// Severity cut-offs on the total score.
pub const CERTAIN_FROM: f64 = 13.0;
pub const LIKELY_FROM: f64 = 9.0;
pub const POSSIBLE_FROM: f64 = 5.0;

/// An organisation of the plan that money for an activity may reach.
struct Subject<'p> {
    org: &'p Organisation,
    name: NormName,
    /// Which role: the executor, or the seat of a discipline (mandate and representation).
    role: String,
}

/// Similarity of two names in [0, 1]: soft TF-IDF over all tokens, but never more than
/// over the tokens that are not place names. Two organisations in one region share its
/// name ("Sociaal Werk Rijnmond", "Wijkverpleging Rijnmond"); that alone is no evidence.
fn name_similarity(ix: &RegistryIndex, a: &[String], b: &[String], places: &[&str]) -> f64 {
    let w = |t: &String| ix.name_idf(t);
    let full = soft_tfidf(a, b, w);
    let not_place =
        |v: &[String]| -> Vec<String> { v.iter().filter(|t| !places.contains(&t.as_str())).cloned().collect() };
    let (na, nb) = (not_place(a), not_place(b));
    if na.is_empty() || nb.is_empty() {
        return full;
    }
    full.min(soft_tfidf(&na, &nb, w))
}

fn soft_tfidf(a: &[String], b: &[String], w: impl Fn(&String) -> f64) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let wa: Vec<f64> = a.iter().map(&w).collect();
    let wb: Vec<f64> = b.iter().map(&w).collect();
    let na = wa.iter().map(|x| x * x).sum::<f64>().sqrt();
    let nb = wb.iter().map(|x| x * x).sum::<f64>().sqrt();
    let mut sim = 0.0;
    for (i, ta) in a.iter().enumerate() {
        let mut best = (0.0, 0usize);
        for (j, tb) in b.iter().enumerate() {
            let s = if ta == tb {
                1.0
            } else if ta.as_bytes().first() == tb.as_bytes().first() {
                strsim::jaro_winkler(ta, tb)
            } else {
                0.0
            };
            if s > best.0 {
                best = (s, j);
            }
        }
        if best.0 >= TOKEN_MATCH {
            sim += wa[i] / na * wb[best.1] / nb * best.0;
        }
    }
    sim.min(1.0)
}

/// The name variants to compare: the tokens, and with an acronym alias added.
fn variants(n: &NormName) -> Vec<Vec<String>> {
    let mut v = vec![n.tokens.clone()];
    if let Some(a) = &n.alias {
        let mut with = n.tokens.clone();
        with.push(a.clone());
        v.push(with);
        v.push(vec![a.clone()]);
    }
    v
}

fn best_name_similarity(ix: &RegistryIndex, a: &NormName, b: &NormName, places: &[&str]) -> f64 {
    // A name with its acronym in brackets is that acronym: "Regionale Huisartsenorganisatie
    // Utrecht (RHO-U)" and "RHO-U".
    let is_acronym_of = |x: &NormName, y: &NormName| x.alias_compact().is_some_and(|al| al.len() >= 2 && al == y.whole);
    if is_acronym_of(a, b) || is_acronym_of(b, a) || (a.acronym_only && b.acronym_only && a.whole == b.whole) {
        return 1.0;
    }
    // A bare acronym says nothing more: "RHO-N" is not "RHO-R", nor anything sharing "RHO".
    if a.acronym_only || b.acronym_only {
        return 0.0;
    }
    // The same letters with other spacing ("Welzijn Food Valley", "Welzijn Foodvalley").
    let (ca, cb) = (a.compact(), b.compact());
    let mut best: f64 = if ca == cb { 1.0 } else { 0.0 };
    for va in variants(a) {
        for vb in variants(b) {
            best = best.max(name_similarity(ix, &va, &vb, places));
        }
    }
    best
}

/// How the organisation compares: the evidence and its weight, or nothing when it cannot
/// be the same organisation. Identifiers decide: the same AGB or KvK is the same
/// organisation, and a different KvK number (a different registered company) is not,
/// however alike the names.
fn compare_org(ix: &RegistryIndex, s: &Subject<'_>, k: usize, places: &[&str]) -> Option<(f64, Vec<Evidence>)> {
    let a = &ix.arrangements[k];
    let r = &a.recipient;
    let mut ev = Vec::new();
    let agb_eq = s.org.agb.is_some() && s.org.agb == r.agb;
    let kvk_eq = matches!((&s.org.kvk, &ix.prepared[k].kvk8), (Some(x), Some(y)) if kvk8(x) == *y);
    let kvk_conflict = matches!((&s.org.kvk, &ix.prepared[k].kvk8), (Some(x), Some(y)) if kvk8(x) != *y);
    if agb_eq || kvk_eq {
        let which = match (agb_eq, kvk_eq) {
            (true, true) => format!(
                "AGB {} + KvK {}",
                r.agb.as_deref().unwrap_or(""),
                r.kvk.as_deref().unwrap_or("")
            ),
            (true, false) => format!("AGB {}", r.agb.as_deref().unwrap_or("")),
            _ => format!("KvK {}", r.kvk.as_deref().unwrap_or("")),
        };
        ev.push(Evidence::new(
            Field::Organisation,
            "id-equal",
            None,
            which,
            weight::ID_EQUAL,
        ));
        return Some((weight::ID_EQUAL, ev));
    }
    if kvk_conflict {
        return None;
    }
    let sim = best_name_similarity(ix, &s.name, &ix.prepared[k].name, places);
    let detail = format!("{} ~ {}", s.org.name, r.name);
    let (level, w) = if sim >= NAME_HIGH {
        ("name-high", weight::NAME_HIGH)
    } else if sim >= NAME_MEDIUM {
        ("name-medium", weight::NAME_MEDIUM)
    } else {
        return None;
    };
    ev.push(Evidence::new(Field::Organisation, level, Some(sim), detail, w));
    Some((w, ev))
}

/// Whether the guidance's named rule applies: GP mandate and representation (main task 1)
/// asked through the RESV while the RHO of the region already receives O&I for it.
fn gp_oi_rule(plan: &Plan, act: &Activity, ix: &RegistryIndex, k: usize) -> bool {
    let a = &ix.arrangements[k];
    let p = &ix.prepared[k];
    act.main_task == 1
        && act.disciplines.contains(&Discipline::Huisartsenzorg)
        && a.stream == Stream::OiHuisartsenzorg
        && p.tasks.as_ref().is_none_or(|t| t.contains(&1))
        && region_level(plan, p) == Some(true)
}

/// `Some(true)` same region, `Some(false)` another, `None` the registry does not say.
fn region_level(plan: &Plan, p: &Prepared) -> Option<bool> {
    let plan_regions = [
        normalize::place(&plan.region.name),
        normalize::place(&plan.region.rho_region),
    ];
    let plan_munis: Vec<String> = plan.region.municipalities.iter().map(|m| normalize::place(m)).collect();
    let region_eq = p.region.as_ref().map(|r| plan_regions.contains(r));
    let muni_eq = (!p.municipalities.is_empty()).then(|| p.municipalities.iter().any(|m| plan_munis.contains(m)));
    match (region_eq, muni_eq) {
        (None, None) => None,
        (r, m) => Some(r.unwrap_or(false) || m.unwrap_or(false)),
    }
}

fn stream_fits(stream: Stream, act: &Activity) -> bool {
    use Discipline as D;
    let has = |d: D| act.disciplines.contains(&d);
    match stream {
        Stream::OiHuisartsenzorg | Stream::Gez => has(D::Huisartsenzorg),
        Stream::Ketenzorg => act.main_task == 3 && has(D::Huisartsenzorg),
        Stream::GemeenteWmo => has(D::SociaalWerk) || has(D::Gemeente),
        Stream::Ros | Stream::Zonmw | Stream::IzaAzwa => true,
        Stream::Overig => false,
    }
}

/// Amount at risk per contract year: the overlapping months' share of the smaller of the
/// activity's annual cost and the arrangement's annual amount, at most the activity's cost.
fn at_risk(plan: &Plan, act: &Activity, annual: Cents, span: (i32, i32)) -> Vec<YearAmount> {
    let base = act.annual_cost.min(annual);
    plan.contract_years
        .iter()
        .map(|&year| YearAmount {
            year,
            amount: pro_rata(base, months_in_year(span, year)).min(act.cost_in_year(year)),
        })
        .collect()
}

/// Organisation names normalised once per plan: the same seat or executor comes back in
/// several activities, and normalising a name costs more than copying it.
type Names<'p> = std::collections::HashMap<&'p str, NormName>;

fn subjects<'p>(plan: &'p Plan, act: &'p Activity, names: &mut Names<'p>) -> Vec<Subject<'p>> {
    subject_orgs(plan, act)
        .into_iter()
        .map(|(org, role)| Subject {
            org,
            name: names
                .entry(org.name.as_str())
                .or_insert_with(|| normalize::name(&org.name))
                .clone(),
            role,
        })
        .collect()
}

/// The organisations an activity is compared by, with their roles: its executor and, for
/// main task 1, the seats of its disciplines held by another organisation.
fn subject_orgs<'p>(plan: &'p Plan, act: &'p Activity) -> Vec<(&'p Organisation, String)> {
    let mut out = vec![(&act.executor, "executor".to_string())];
    if act.main_task == 1 {
        for seat in plan.disciplines.iter().filter(|s| act.disciplines.contains(&s.kind)) {
            if seat.organisation.name != act.executor.name {
                out.push((&seat.organisation, format!("discipline:{}", seat.kind.keyword())));
            }
        }
    }
    out
}

/// What a keyed lookup of one plan's candidates needs: the stored keys of its
/// organisations (see [`super::index::Terms`]), and the name tokens and words whose
/// weights the matcher reads on the plan's side.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanLookup {
    pub keys: Vec<String>,
    pub name_tokens: Vec<String>,
    pub words: Vec<String>,
}

/// The lookup of `plan`: the keys [`match_plan`] would look its candidates up by.
pub fn plan_lookup(plan: &Plan) -> PlanLookup {
    let mut out = PlanLookup::default();
    add_lookup(plan, &mut out);
    out.tidy();
    out
}

/// The lookup of several plans at once: the union of each plan's. An index built from its
/// candidates matches each of the plans exactly as the one plan's own does, since a plan
/// only ever looks up its own keys, and other plans' candidates add no weight (the counts
/// come from the whole registry's totals).
pub fn plans_lookup<'p>(plans: impl IntoIterator<Item = &'p Plan>) -> PlanLookup {
    PlanLookup::union(plans.into_iter().map(plan_lookup))
}

impl PlanLookup {
    /// The union of several lookups (as [`plans_lookup`] of their plans).
    pub fn union(parts: impl IntoIterator<Item = PlanLookup>) -> PlanLookup {
        let mut out = PlanLookup::default();
        for p in parts {
            out.keys.extend(p.keys);
            out.name_tokens.extend(p.name_tokens);
            out.words.extend(p.words);
        }
        out.tidy();
        out
    }

    fn tidy(&mut self) {
        for v in [&mut self.keys, &mut self.name_tokens, &mut self.words] {
            v.sort_unstable();
            v.dedup();
        }
    }
}

fn add_lookup(plan: &Plan, out: &mut PlanLookup) {
    // Each organisation once, however many activities it serves.
    let mut seen: std::collections::HashSet<(&str, Option<&str>, Option<&str>)> = Default::default();
    for act in &plan.activities {
        for (org, _) in subject_orgs(plan, act) {
            if !seen.insert((org.name.as_str(), org.agb.as_deref(), org.kvk.as_deref())) {
                continue;
            }
            let name = normalize::name(&org.name);
            index::lookup_keys(&name, org.agb.as_deref(), org.kvk.as_deref(), &mut out.keys);
            out.name_tokens
                .extend(name.tokens.iter().chain(name.alias.iter()).cloned());
        }
        if act.main_task == 1 && act.disciplines.contains(&Discipline::Huisartsenzorg) {
            out.keys.push(index::oi_key(&plan.region.rho_region));
        }
        out.words.extend(normalize::words(&act.title));
        out.words.extend(normalize::words(&act.description));
    }
}

/// Every flag for one plan against the registry, strongest first.
pub fn match_plan(plan: &Plan, ix: &RegistryIndex) -> Vec<Flag> {
    match_with(plan, ix, false)
}

/// The all-pairs baseline: every activity compared with every arrangement, no blocking.
/// The benchmark measures the blocked matcher against it on the same data.
pub fn match_plan_all_pairs(plan: &Plan, ix: &RegistryIndex) -> Vec<Flag> {
    match_with(plan, ix, true)
}

fn match_with(plan: &Plan, ix: &RegistryIndex, all_pairs: bool) -> Vec<Flag> {
    let places: Vec<String> = std::iter::once(&plan.region.name)
        .chain(std::iter::once(&plan.region.rho_region))
        .chain(plan.region.municipalities.iter())
        .flat_map(|p| normalize::place_tokens(p))
        .collect();
    let mut flags = Vec::new();
    let mut cands: Vec<u32> = Vec::new();
    let oi = ix.oi_in_region(&plan.region.rho_region);
    let mut names = Names::new();
    for act in &plan.activities {
        let subs = subjects(plan, act, &mut names);
        cands.clear();
        if all_pairs {
            cands.extend(0..ix.arrangements.len() as u32);
        }
        for s in &subs {
            ix.candidates_for(&s.name, s.org.agb.as_deref(), s.org.kvk.as_deref(), &mut cands);
        }
        if act.main_task == 1 && act.disciplines.contains(&Discipline::Huisartsenzorg) {
            cands.extend(oi);
        }
        cands.sort_unstable();
        cands.dedup();
        let act_words = {
            let mut w = normalize::words(&act.title);
            for x in normalize::words(&act.description) {
                if !w.contains(&x) {
                    w.push(x);
                }
            }
            w
        };
        for &k in &cands {
            if let Some(f) = compare(plan, act, &subs, &act_words, &places, ix, k as usize) {
                flags.push(f);
            }
        }
    }
    flags.sort_by(|a, b| {
        (
            a.severity,
            std::cmp::Reverse(a.amount_at_risk),
            &a.activity_id,
            &a.arrangement_id,
        )
            .cmp(&(
                b.severity,
                std::cmp::Reverse(b.amount_at_risk),
                &b.activity_id,
                &b.arrangement_id,
            ))
    });
    flags
}

fn compare(
    plan: &Plan,
    act: &Activity,
    subs: &[Subject<'_>],
    act_words: &[String],
    plan_places: &[String],
    ix: &RegistryIndex,
    k: usize,
) -> Option<Flag> {
    let a = &ix.arrangements[k];
    let span = common_months((act.start, act.end), (a.start, a.end))?;
    let p = &ix.prepared[k];
    let rule = gp_oi_rule(plan, act, ix, k);
    // The arrangement's own region and municipalities are places too.
    let own: Vec<String> = p
        .region
        .iter()
        .chain(p.municipalities.iter())
        .flat_map(|own| normalize::place_tokens(own))
        .collect();
    let places: Vec<&str> = plan_places.iter().chain(own.iter()).map(String::as_str).collect();
    let (mut score, mut evidence, role, id_match) = organisation(plan, subs, ix, k, &places, rule)?;
    let (task, w, same_task) = task_evidence(act, p);
    evidence.push(task);
    score += w;
    let (description, w, sim) = description_evidence(act_words, p, &places, ix);
    evidence.push(description);
    score += w;
    // The same organisation is not enough: something must say it pays for the same thing.
    // A main task known to differ takes a strongly similar description to overrule.
    let what = match &p.tasks {
        _ if rule || same_task || sim >= DESC_HIGH => true,
        None => sim >= DESC_SOME,
        Some(_) => false,
    };
    if !what {
        return None;
    }
    let months = (span.1 - span.0 + 1) as u32;
    let detail = format!("{} .. {} ({months})", month_label(span.0), month_label(span.1));
    evidence.push(Evidence::new(Field::Period, "overlap", None, detail, 0.0));
    let (level, w) = match region_level(plan, p) {
        Some(true) => ("same", weight::REGION_SAME),
        Some(false) => ("other", weight::REGION_OTHER),
        None => ("unknown", 0.0),
    };
    let detail = a.region.clone().unwrap_or_else(|| a.municipalities.join(", "));
    evidence.push(Evidence::new(Field::Region, level, None, detail, w));
    score += w;
    if stream_fits(a.stream, act) {
        evidence.push(Evidence::new(
            Field::Stream,
            "fits",
            None,
            a.stream.keyword().to_string(),
            weight::STREAM_FITS,
        ));
        score += weight::STREAM_FITS;
    }
    let gp_only = act.disciplines == [Discipline::Huisartsenzorg];
    let severity = severity(score, id_match || (rule && gp_only))?;
    let years = at_risk(plan, act, a.annual_amount, span);
    Some(Flag {
        activity_id: act.id.clone(),
        arrangement_id: a.id.clone(),
        severity,
        score: (score * 10.0).round() / 10.0,
        matched: role.to_string(),
        overlap_months: months,
        amount_at_risk: years.iter().map(|y| y.amount).sum(),
        years,
        evidence,
        arrangement: a.clone(),
    })
}

/// The organisation: the best of the subjects, or the guidance's rule. Its weight, its
/// evidence, which subject (or `rho`) matched, and whether an identifier was equal; `None`
/// when neither matches.
fn organisation<'s>(
    plan: &Plan,
    subs: &'s [Subject<'_>],
    ix: &RegistryIndex,
    k: usize,
    places: &[&str],
    rule: bool,
) -> Option<(f64, Vec<Evidence>, &'s str, bool)> {
    let mut best: Option<(f64, Vec<Evidence>, &str)> = None;
    for s in subs {
        if let Some((w, ev)) = compare_org(ix, s, k, places)
            && best.as_ref().is_none_or(|b| w > b.0)
        {
            best = Some((w, ev, s.role.as_str()));
        }
    }
    let id_match = best.as_ref().is_some_and(|b| b.1.iter().any(|e| e.level == "id-equal"));
    let (score, evidence, role) = match (best, rule) {
        (Some(b), false) => b,
        // The rule and the organisation are two ways to the same payee: the stronger counts,
        // and the other is shown with no weight of its own.
        (Some((w, mut ev, role)), true) if w >= weight::GP_OI_RULE => {
            ev.push(rule_evidence(plan, 0.0));
            (w, ev, role)
        }
        (_, true) => (weight::GP_OI_RULE, vec![rule_evidence(plan, weight::GP_OI_RULE)], "rho"),
        (None, false) => return None,
    };
    Some((score, evidence, role, id_match))
}

/// The main task: the activity's own, another, or not known. Its evidence, its weight, and
/// whether it is the same.
fn task_evidence(act: &Activity, p: &Prepared) -> (Evidence, f64, bool) {
    let (level, w) = match &p.tasks {
        None => ("unknown", 0.0),
        Some(t) if t.contains(&act.main_task) => ("same", weight::TASK_SAME),
        Some(_) => ("other", weight::TASK_OTHER),
    };
    let shown: Vec<String> = p.tasks.iter().flatten().map(u8::to_string).collect();
    let detail = format!(
        "{} vs {}",
        act.main_task,
        if shown.is_empty() { "-".into() } else { shown.join(",") }
    );
    (Evidence::new(Field::Task, level, None, detail, w), w, level == "same")
}

/// How alike the two descriptions are (soft TF-IDF over the words that are not place
/// names): its evidence, its weight, and the similarity.
fn description_evidence(
    act_words: &[String],
    p: &Prepared,
    places: &[&str],
    ix: &RegistryIndex,
) -> (Evidence, f64, f64) {
    // Place names say where, not what: they do not count as shared description words.
    let place_stems: Vec<String> = places.iter().map(|p| normalize::stem(p)).collect();
    let not_place = |w: &&String| !places.contains(&w.as_str()) && !place_stems.contains(w);
    let act_what: Vec<String> = act_words.iter().filter(not_place).cloned().collect();
    let arr_what: Vec<String> = p.words.iter().filter(not_place).cloned().collect();
    let sim = soft_tfidf(&act_what, &arr_what, |t| ix.word_idf(t));
    let (level, w) = if sim >= DESC_HIGH {
        ("high", weight::DESC_HIGH)
    } else if sim >= DESC_SOME {
        ("some", weight::DESC_SOME)
    } else {
        ("none", weight::DESC_NONE)
    };
    let shared: Vec<&str> = act_words
        .iter()
        .filter(|w| p.words.contains(w))
        .map(String::as_str)
        .take(6)
        .collect();
    let evidence = Evidence::new(Field::Description, level, Some(sim), shared.join(", "), w);
    (evidence, w, sim)
}

/// The severity a score reaches; `None` below the threshold for a flag. Certain needs an
/// equal identifier, or the guidance's rule for a GP-only activity.
fn severity(score: f64, may_be_certain: bool) -> Option<Severity> {
    if score >= CERTAIN_FROM && may_be_certain {
        Some(Severity::Certain)
    } else if score >= LIKELY_FROM {
        Some(Severity::Likely)
    } else if score >= POSSIBLE_FROM {
        Some(Severity::Possible)
    } else {
        None
    }
}

fn rule_evidence(plan: &Plan, weight: f64) -> Evidence {
    Evidence::new(
        Field::Rule,
        "gp-mandate-oi",
        None,
        plan.region.rho_region.clone(),
        weight,
    )
}

#[cfg(test)]
mod tests;
