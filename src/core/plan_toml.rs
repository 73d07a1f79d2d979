//! A plan as TOML text in the plan file format (`docs/plan-format.md`): what
//! `resv export plan ID --toml` writes, and what [`crate::parse::parse_plan`] reads back
//! to the same plan without a diagnostic.

use super::money::Cents;
use super::plan::*;
use std::fmt::Write;

/// The plan as a plan file: the usual style (`[section]`, `[[array]]`, inline
/// organisations), every optional field only when it is set.
pub fn to_toml(plan: &Plan) -> String {
    let mut out = String::new();
    out.push_str("format = 1\n\n[plan]\n");
    kv(&mut out, "id", &s(&plan.id));
    kv(&mut out, "version", &s(&plan.version));
    kv(&mut out, "submitted", &plan.submitted.to_string());
    let years: Vec<String> = plan.contract_years.iter().map(u16::to_string).collect();
    kv(&mut out, "contract_years", &format!("[{}]", years.join(", ")));
    let mut contact = vec![("name", s(&plan.contact.name)), ("email", s(&plan.contact.email))];
    if let Some(phone) = &plan.contact.phone {
        contact.push(("phone", s(phone)));
    }
    kv(&mut out, "contact", &inline(&contact));
    write_resv(&mut out, &plan.resv);
    write_region(&mut out, &plan.region);
    for d in &plan.disciplines {
        out.push_str("\n[[disciplines]]\n");
        kv(&mut out, "kind", &s(d.kind.keyword()));
        kv(&mut out, "organisation", &org(&d.organisation));
        kv(&mut out, "mandated", &d.mandated.to_string());
        kv(&mut out, "practices_in_region", &d.practices_in_region.to_string());
        kv(&mut out, "practices_joined", &d.practices_joined.to_string());
        kv(&mut out, "board_seat", &d.board_seat.to_string());
    }
    out.push_str("\n[participation]\n");
    kv(&mut out, "form", &s(plan.participation.form.keyword()));
    kv(&mut out, "description", &s(&plan.participation.description));
    out.push_str("\n[agenda]\n");
    kv(&mut out, "regioplan", &s(&plan.agenda.regioplan));
    opt(&mut out, "reference", &plan.agenda.reference);
    opt(&mut out, "social_domain", &plan.agenda.social_domain);
    for a in &plan.activities {
        write_activity(&mut out, a);
    }
    for b in &plan.budget {
        out.push_str("\n[[budget]]\n");
        kv(&mut out, "year", &b.year.to_string());
        kv(&mut out, "total", &amount(b.total));
        for c in &b.co_funding {
            out.push_str("\n[[budget.co_funding]]\n");
            kv(&mut out, "source", &s(&c.source));
            if let Some(f) = c.funder {
                kv(&mut out, "funder", &s(f.keyword()));
            }
            kv(&mut out, "amount", &amount(c.amount));
        }
    }
    for k in &plan.kpis {
        out.push_str("\n[[kpis]]\n");
        kv(&mut out, "main_task", &k.main_task.to_string());
        kv(&mut out, "name", &s(&k.name));
        kv(&mut out, "target", &s(&k.target));
    }
    out
}

fn write_resv(out: &mut String, resv: &Resv) {
    out.push_str("\n[resv]\n");
    kv(out, "name", &s(&resv.name));
    kv(out, "scenario", &s(resv.scenario.keyword()));
    if let Some(f) = resv.legal_form {
        kv(out, "legal_form", &s(f.keyword()));
    }
    opt(out, "kvk", &resv.kvk);
    if let Some(lp) = &resv.lead_party {
        out.push_str("\n[resv.lead_party]\n");
        kv(out, "role", &s(lp.role.keyword()));
        kv(out, "name", &s(&lp.organisation.name));
        opt(out, "agb", &lp.organisation.agb);
        opt(out, "kvk", &lp.organisation.kvk);
    }
}

fn write_region(out: &mut String, region: &Region) {
    out.push_str("\n[region]\n");
    kv(out, "name", &s(&region.name));
    kv(out, "rho_region", &s(&region.rho_region));
    let names: Vec<String> = region.municipalities.iter().map(|m| s(m)).collect();
    kv(out, "municipalities", &format!("[{}]", names.join(", ")));
    kv(out, "inhabitants", &region.inhabitants.to_string());
    opt(out, "justification", &region.justification);
}

fn write_activity(out: &mut String, a: &Activity) {
    out.push_str("\n[[activities]]\n");
    kv(out, "id", &s(&a.id));
    kv(out, "title", &s(&a.title));
    kv(out, "description", &s(&a.description));
    kv(out, "main_task", &a.main_task.to_string());
    kv(out, "nature", &s(a.nature.keyword()));
    let kinds: Vec<String> = a.disciplines.iter().map(|d| s(d.keyword())).collect();
    kv(out, "disciplines", &format!("[{}]", kinds.join(", ")));
    kv(out, "executor", &org(&a.executor));
    kv(out, "start", &a.start.to_string());
    kv(out, "end", &a.end.to_string());
    kv(out, "annual_cost", &amount(a.annual_cost));
    kv(out, "fte", &hundredths(a.fte_hundredths as i64));
    kv(out, "agenda_link", &a.agenda_link.to_string());
    kv(out, "overhead", &a.overhead.to_string());
    if let Some(e) = &a.exception {
        out.push_str("\n[activities.exception]\n");
        kv(out, "justification", &s(&e.justification));
    }
}

fn kv(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "{key} = {value}");
}

fn opt(out: &mut String, key: &str, value: &Option<String>) {
    if let Some(v) = value {
        kv(out, key, &s(v));
    }
}

fn org(o: &Organisation) -> String {
    let mut fields = vec![("name", s(&o.name))];
    if let Some(agb) = &o.agb {
        fields.push(("agb", s(agb)));
    }
    if let Some(kvk) = &o.kvk {
        fields.push(("kvk", s(kvk)));
    }
    inline(&fields)
}

fn inline(fields: &[(&str, String)]) -> String {
    let parts: Vec<String> = fields.iter().map(|(k, v)| format!("{k} = {v}")).collect();
    format!("{{ {} }}", parts.join(", "))
}

/// A TOML basic string: quotes, backslashes and every control character escaped.
pub fn s(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whole euros as an integer, else with its two decimals (`95000`, `1250.75`).
fn amount(c: Cents) -> String {
    hundredths(c.0)
}

fn hundredths(h: i64) -> String {
    if h % 100 == 0 {
        (h / 100).to_string()
    } else {
        format!("{}.{:02}", h / 100, h % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_plan;

    #[test]
    fn escapes_quotes_backslashes_and_controls() {
        assert_eq!(s("a\"b\\c\nd\u{1b}"), "\"a\\\"b\\\\c\\nd\\u001B\"");
    }

    #[test]
    fn amounts_keep_their_cents() {
        assert_eq!(amount(Cents(9_500_000)), "95000");
        assert_eq!(amount(Cents(125_075)), "1250.75");
        assert_eq!(amount(Cents(5)), "0.05");
        assert_eq!(hundredths(80), "0.80");
    }

    #[test]
    fn every_shipped_sample_reads_back_to_the_same_plan() {
        for (path, text) in SAMPLES {
            let plan = parse_plan(text).unwrap_or_else(|d| panic!("{path}: {d:?}"));
            let written = to_toml(&plan);
            let again = parse_plan(&written).unwrap_or_else(|d| panic!("{path}: {d:?}\n{written}"));
            assert_eq!(plan, again, "{path}");
        }
    }

    const SAMPLES: &[(&str, &str)] = &[
        ("utrecht-stad", include_str!("../../sample-plans/utrecht-stad.toml")),
        ("twente", include_str!("../../sample-plans/twente.toml")),
        ("zeeland", include_str!("../../sample-plans/zeeland.toml")),
        ("rijnmond", include_str!("../../sample-plans/rijnmond.toml")),
    ];
}
