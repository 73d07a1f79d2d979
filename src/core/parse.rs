//! Plan file (TOML) to [`Plan`], reporting every problem at once.
//!
//! The format is documented in `docs/plan-format.md`. Value-level checks (types, ranges,
//! identifiers, keywords, unknown keys) happen while reading; checks across fields (unique
//! ids, periods, budget totals) are in [`super::validate`].

use super::diag::Diagnostic;
use super::money::Cents;
use super::plan::*;
use super::plan_draft::Draft;
use super::reader::{Reader, Table};

/// The first contract year of the RESV experiment.
pub const FIRST_CONTRACT_YEAR: i64 = 2027;
/// The last contract year any file may name (plans, NZa exports).
pub const LAST_CONTRACT_YEAR: i64 = 2100;
/// The version of the plan file format this build reads.
pub const FORMAT_VERSION: i64 = 1;

/// Parses and validates a plan file's text.
pub fn parse_plan(text: &str) -> Result<Plan, Vec<Diagnostic>> {
    let mut r = Reader::new(text);
    let Some(doc) = r.parse_document() else {
        return Err(r.diags);
    };
    let mut root = r.root(&doc);
    r.format_version(&mut root, FORMAT_VERSION, "plan");
    let draft = read_plan(&mut r, &mut root);
    r.finish(root);
    super::validate::cross_checks(&draft, &mut r);
    r.into_result().map(|()| draft.into_plan())
}

fn placeholder_org() -> Organisation {
    Organisation {
        name: String::new(),
        agb: None,
        kvk: None,
    }
}

/// Reads every element of an array of tables with `read`; `None` for an element with any
/// problem.
fn read_items<T>(
    r: &mut Reader<'_>,
    parent: &mut Table<'_, '_>,
    key: &'static str,
    required: bool,
    what: &str,
    mut read: impl FnMut(&mut Reader<'_>, &mut Table<'_, '_>) -> T,
) -> Vec<Option<T>> {
    let mut out = Vec::new();
    for (path, v) in r.array(parent, key, required, what) {
        let before = r.diags.len();
        let item = r.table_value(path, v).map(|mut t| {
            let item = read(r, &mut t);
            r.finish(t);
            item
        });
        out.push(item.filter(|_| r.diags.len() == before));
    }
    out
}

fn read_plan(r: &mut Reader<'_>, root: &mut Table<'_, '_>) -> Draft {
    let mut plan = empty_plan();
    let contract_years = read_plan_table(r, root, &mut plan);
    read_resv(r, root, &mut plan.resv);
    read_region(r, root, &mut plan.region);
    let disciplines = read_items(r, root, "disciplines", true, "[[disciplines]] tables", read_seat);
    read_participation(r, root, &mut plan.participation);
    read_agenda(r, root, &mut plan.agenda);
    let activities = read_items(r, root, "activities", true, "[[activities]] tables", read_activity);
    let what = "[[budget]] tables, one per contract year";
    let budget = read_items(r, root, "budget", true, what, read_budget);
    let kpis = read_items(r, root, "kpis", false, "[[kpis]] tables", |r, t| Kpi {
        main_task: main_task(r, t),
        name: r.text(t, "name"),
        target: r.text(t, "target"),
    });
    plan.kpis = kpis.into_iter().flatten().collect();
    Draft {
        plan,
        contract_years,
        disciplines,
        activities,
        budget,
    }
}

/// A plan with every field empty, filled in as the file is read.
fn empty_plan() -> Plan {
    Plan {
        id: String::new(),
        version: String::new(),
        submitted: Date {
            year: 0,
            month: 1,
            day: 1,
        },
        contract_years: Vec::new(),
        contact: Contact {
            name: String::new(),
            email: String::new(),
            phone: None,
        },
        resv: Resv {
            name: String::new(),
            scenario: Scenario::GrowthModel,
            legal_form: None,
            kvk: None,
            lead_party: None,
        },
        region: Region {
            name: String::new(),
            rho_region: String::new(),
            municipalities: Vec::new(),
            inhabitants: 0,
            justification: None,
        },
        disciplines: Vec::new(),
        participation: Participation {
            form: ParticipationForm::Geen,
            description: String::new(),
        },
        agenda: Agenda {
            regioplan: String::new(),
            reference: None,
            social_domain: None,
        },
        activities: Vec::new(),
        budget: Vec::new(),
        kpis: Vec::new(),
    }
}

/// `[plan]` with its `[plan.contact]`; returns the contract years as read.
fn read_plan_table(r: &mut Reader<'_>, root: &mut Table<'_, '_>, plan: &mut Plan) -> Vec<Option<u16>> {
    let mut contract_years = Vec::new();
    if let Some(mut t) = r.table(root, "plan", true) {
        plan.id = r.text(&mut t, "id");
        if !plan.id.is_empty() && !is_plan_id(&plan.id) {
            r.error_at_field(
                &t.child("id"),
                format!(
                    "found \"{}\", expected a letter or digit, then letters, digits, '-', '_' or '.' (at most 64)",
                    plan.id
                ),
            );
        }
        plan.version = r.text(&mut t, "version");
        plan.submitted = r.date(&mut t, "submitted").unwrap_or(plan.submitted);
        for (path, v) in r.array(&mut t, "contract_years", true, "an array of years, e.g. [2027, 2028]") {
            let what = format!("a contract year from {FIRST_CONTRACT_YEAR} (e.g. 2027)");
            contract_years.push(
                r.int_value(&path, v, FIRST_CONTRACT_YEAR..LAST_CONTRACT_YEAR + 1, &what)
                    .map(|y| y as u16),
            );
        }
        if let Some(mut c) = r.table(&mut t, "contact", true) {
            plan.contact.name = r.text(&mut c, "name");
            plan.contact.email = r.text(&mut c, "email");
            if !plan.contact.email.is_empty() && !plan.contact.email.contains('@') {
                r.error_at_field(
                    &c.child("email"),
                    format!("found \"{}\", expected an e-mail address", plan.contact.email),
                );
            }
            plan.contact.phone = r.text_opt(&mut c, "phone");
            r.finish(c);
        }
        r.finish(t);
    }
    contract_years
}

/// `[resv]` with its optional `[resv.lead_party]`.
fn read_resv(r: &mut Reader<'_>, root: &mut Table<'_, '_>, resv: &mut Resv) {
    if let Some(mut t) = r.table(root, "resv", true) {
        resv.name = r.text(&mut t, "name");
        resv.scenario = r
            .keyword(&mut t, "scenario", Scenario::from_keyword, &Scenario::keywords())
            .unwrap_or(resv.scenario);
        resv.legal_form = r.keyword_opt(&mut t, "legal_form", LegalForm::from_keyword, &LegalForm::keywords());
        resv.kvk = r.digits_opt(&mut t, "kvk", 8, "a KvK number");
        if let Some(mut lp) = r.table(&mut t, "lead_party", false) {
            let role = r.keyword(&mut lp, "role", LeadRole::from_keyword, &LeadRole::keywords());
            let organisation = read_org_fields(r, &mut lp);
            r.finish(lp);
            resv.lead_party = Some(LeadParty {
                role: role.unwrap_or(LeadRole::Penvoerder),
                organisation,
            });
        }
        r.finish(t);
    }
}

/// `[region]`.
fn read_region(r: &mut Reader<'_>, root: &mut Table<'_, '_>, region: &mut Region) {
    if let Some(mut t) = r.table(root, "region", true) {
        region.name = r.text(&mut t, "name");
        region.rho_region = r.text(&mut t, "rho_region");
        region.justification = r.text_opt(&mut t, "justification");
        region.municipalities = string_list(r, &mut t, "municipalities");
        region.inhabitants = r
            .int(
                &mut t,
                "inhabitants",
                1..100_000_000,
                "the number of inhabitants (a positive integer)",
            )
            .unwrap_or(0) as u64;
        r.finish(t);
    }
}

/// `[participation]`.
fn read_participation(r: &mut Reader<'_>, root: &mut Table<'_, '_>, participation: &mut Participation) {
    if let Some(mut t) = r.table(root, "participation", true) {
        participation.form = r
            .keyword(
                &mut t,
                "form",
                ParticipationForm::from_keyword,
                &ParticipationForm::keywords(),
            )
            .unwrap_or(ParticipationForm::Geen);
        participation.description = r.text(&mut t, "description");
        r.finish(t);
    }
}

/// `[agenda]`.
fn read_agenda(r: &mut Reader<'_>, root: &mut Table<'_, '_>, agenda: &mut Agenda) {
    if let Some(mut t) = r.table(root, "agenda", true) {
        agenda.regioplan = r.text(&mut t, "regioplan");
        agenda.reference = r.text_opt(&mut t, "reference");
        agenda.social_domain = r.text_opt(&mut t, "social_domain");
        r.finish(t);
    }
}

/// Plan ids go into file names, URLs and CSV: keep them plain.
pub fn is_plan_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_alphanumeric()) && is_plan_id_chars(id)
}

fn is_plan_id_chars(id: &str) -> bool {
    id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

fn main_task(r: &mut Reader<'_>, t: &mut Table<'_, '_>) -> u8 {
    r.int(t, "main_task", 1..6, "a main task (hoofdtaak) 1-5").unwrap_or(0) as u8
}

fn string_list(r: &mut Reader<'_>, t: &mut Table<'_, '_>, key: &'static str) -> Vec<String> {
    let mut out = Vec::new();
    for (path, v) in r.array(t, key, true, "an array of names in quotes") {
        match v.get_ref().as_str() {
            Some(s) if !s.trim().is_empty() => out.push(s.to_string()),
            _ => r.error(Some(v.span()), &path, "expected a non-empty name in quotes"),
        }
    }
    out
}

/// Reads `name`, `agb` and `kvk` from a table that describes an organisation.
fn read_org_fields(r: &mut Reader<'_>, t: &mut Table<'_, '_>) -> Organisation {
    Organisation {
        name: r.text(t, "name"),
        agb: r.digits_opt(t, "agb", 8, "an AGB code"),
        kvk: r.digits_opt(t, "kvk", 8, "a KvK number"),
    }
}

fn read_org(r: &mut Reader<'_>, t: &mut Table<'_, '_>, key: &'static str) -> Organisation {
    let Some(mut o) = r.table(t, key, true) else {
        return placeholder_org();
    };
    let org = read_org_fields(r, &mut o);
    r.finish(o);
    org
}

fn read_seat(r: &mut Reader<'_>, t: &mut Table<'_, '_>) -> DisciplineSeat {
    let kind = r.keyword(t, "kind", Discipline::from_keyword, &Discipline::keywords());
    let organisation = read_org(r, t, "organisation");
    let mandated = r.boolean(t, "mandated").unwrap_or(false);
    let what = "a number of practices (0 or more)";
    let in_region = r.int(t, "practices_in_region", 0..1_000_000, what).map(|n| n as u32);
    let joined = r.int(t, "practices_joined", 0..1_000_000, what).map(|n| n as u32);
    if let (Some(joined), Some(in_region)) = (joined, in_region)
        && joined > in_region
    {
        let path = t.child("practices_joined");
        let msg = format!("found {joined} practices joined, expected at most practices_in_region ({in_region})");
        r.error_at_field(&path, msg);
    }
    let (practices_in_region, practices_joined) = (in_region.unwrap_or(0), joined.unwrap_or(0));
    let board_seat = r.boolean(t, "board_seat").unwrap_or(false);
    DisciplineSeat {
        kind: kind.unwrap_or(Discipline::Huisartsenzorg),
        organisation,
        mandated,
        practices_in_region,
        practices_joined,
        board_seat,
    }
}

fn read_activity(r: &mut Reader<'_>, t: &mut Table<'_, '_>) -> Activity {
    let id = r.text(t, "id");
    let title = r.text(t, "title");
    let description = r.text(t, "description");
    let main_task = main_task(r, t);
    let nature = r.keyword(t, "nature", Nature::from_keyword, &Nature::keywords());
    let mut disciplines = Vec::new();
    for (path, v) in r.array(t, "disciplines", true, "an array of disciplines") {
        if let Some(d) = r.keyword_value(&path, v, Discipline::from_keyword, &Discipline::keywords()) {
            disciplines.push(d);
        }
    }
    let executor = read_org(r, t, "executor");
    let far = Date {
        year: 9999,
        month: 12,
        day: 31,
    };
    let start = r.date(t, "start").unwrap_or(far);
    let end = r.date(t, "end").unwrap_or(far);
    let annual_cost = r.money(t, "annual_cost").unwrap_or(Cents::ZERO);
    let fte_hundredths = r
        .hundredths(t, "fte", "staff in FTE, a non-negative number with at most 2 decimals")
        .unwrap_or(0);
    let agenda_link = r.boolean_or(t, "agenda_link", false);
    let overhead = r.boolean_or(t, "overhead", false);
    let exception = r.table(t, "exception", false).map(|mut e| {
        let justification = r.text(&mut e, "justification");
        r.finish(e);
        CareException { justification }
    });
    Activity {
        id,
        title,
        description,
        main_task,
        nature: nature.unwrap_or(Nature::Coordinatie),
        disciplines,
        executor,
        start,
        end,
        annual_cost,
        fte_hundredths,
        agenda_link,
        exception,
        overhead,
    }
}

fn read_budget(r: &mut Reader<'_>, t: &mut Table<'_, '_>) -> BudgetYear {
    let what = format!("a contract year from {FIRST_CONTRACT_YEAR}");
    let year = r
        .int(t, "year", FIRST_CONTRACT_YEAR..LAST_CONTRACT_YEAR + 1, &what)
        .unwrap_or(0) as u16;
    let total = r.money(t, "total").unwrap_or(Cents::ZERO);
    let mut co_funding = Vec::new();
    for (path, v) in r.array(t, "co_funding", false, "[[budget.co_funding]] tables") {
        let Some(mut c) = r.table_value(path, v) else {
            continue;
        };
        co_funding.push(CoFunding {
            source: r.text(&mut c, "source"),
            funder: r.keyword_opt(&mut c, "funder", Funder::from_keyword, &Funder::keywords()),
            amount: r.money(&mut c, "amount").unwrap_or(Cents::ZERO),
        });
        r.finish(c);
    }
    BudgetYear {
        year,
        total,
        co_funding,
    }
}
