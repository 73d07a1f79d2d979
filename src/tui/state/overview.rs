//! The overview tab's text, built when the plan's data changes: key/value rows whose values
//! wrap under themselves to the screen width. The row count bounds the tab's scrolling, so
//! it is kept with the plan and recounted when the width changes.

use super::history::HistoryData;
use crate::core::assess::Assessment;
use crate::core::money::group_thousands;
use crate::core::plan::{Organisation, Plan};
use crate::core::sanitize::clean;
use crate::store::StoredPlan;
use crate::text::{self, Lang, T, fill};

/// One row of the overview before wrapping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OverviewRow {
    /// A key and its value; the value wraps under itself.
    Kv(T, String),
    Blank,
    /// A section heading.
    Header(T),
    /// A line of text as it is.
    Text(String),
}

/// Width of the key column on the plan screen.
pub const KEY_WIDTH: usize = 24;

/// The columns a value has on a screen `screen_width` wide.
pub fn value_width(screen_width: u16) -> usize {
    (screen_width as usize).saturating_sub(KEY_WIDTH + 2).max(20)
}

/// A value word-wrapped to `width` columns (never fewer than one row).
pub fn wrap(value: &str, width: usize) -> Vec<String> {
    let mut rows: Vec<String> = vec![String::new()];
    for word in value.split(' ') {
        let last = rows.last_mut().expect("rows is never empty");
        let len = last.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            rows.push(word.to_string());
        } else {
            if len > 0 {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    rows
}

/// The lines `rows` take on a screen `screen_width` wide.
pub fn line_count(rows: &[OverviewRow], screen_width: u16) -> usize {
    let width = value_width(screen_width);
    rows.iter()
        .map(|r| match r {
            OverviewRow::Kv(_, v) => wrap(v, width).len(),
            _ => 1,
        })
        .sum()
}

/// An organisation in one line: name, AGB and KvK numbers.
pub fn org_text(o: &Organisation) -> String {
    let mut s = clean(&o.name).into_owned();
    if let Some(agb) = &o.agb {
        s.push_str(&format!(" · AGB {agb}"));
    }
    if let Some(kvk) = &o.kvk {
        s.push_str(&format!(" · KvK {kvk}"));
    }
    s
}

/// Where the plan stands, its current decision, and a pointer to the History tab.
fn state_text(h: &HistoryData, lang: Lang) -> String {
    let mut s = h
        .state
        .map_or_else(String::new, |st| text::decision::state(st).get(lang).to_string());
    if let Some(d) = h.current() {
        s.push_str(&format!(
            " · #{} {} {}",
            d.id,
            text::decision::outcome(d.outcome).get(lang),
            text::fmt::euros(lang, d.total())
        ));
    }
    if let Some((from, to, diff)) = &h.changes {
        s.push_str(&format!(
            " · {} v{from}→v{to}: {} ({})",
            text::decision::CHANGES.get(lang),
            diff.count(),
            text::decision::TAB_HISTORY.get(lang)
        ));
    }
    s
}

/// The assessment in one line, so a buyer sees it as soon as a plan opens.
fn verdict(a: &Assessment, lang: Lang) -> String {
    let provisional = text::provisional_suffix(lang, a);
    let ko = if a.knocked_out {
        text::KNOCKED_OUT
    } else {
        text::NOT_KNOCKED_OUT
    };
    format!(
        "{} / 100{provisional} · {} · {}: {}",
        text::fmt::tenths(lang, a.total_tenths),
        ko.get(lang),
        text::ADVICE.get(lang).to_lowercase(),
        text::recommendation_label(a.recommendation).get(lang)
    )
}

/// The overview tab's rows: the plan, its storage, assessment and state, the RESV, the
/// region, participation and agenda, the budget and the KPIs.
pub fn rows(sp: &StoredPlan, a: &Assessment, h: &HistoryData, lang: Lang) -> Vec<OverviewRow> {
    use OverviewRow::{Blank, Kv};
    let p = &sp.plan;
    let mut l = vec![
        Kv(
            text::PLAN,
            format!("{} ({} {})", clean(&p.id), text::VERSION.get(lang), clean(&p.version)),
        ),
        Kv(
            text::STORED_AS,
            format!(
                "{}, sha256 {}…, {}",
                fill(
                    text::VERSION_OF.get(lang),
                    &[("n", &sp.version_no.to_string()), ("m", &sp.version_count.to_string())]
                ),
                sp.sha256.get(..12).unwrap_or(&sp.sha256),
                fill(
                    text::IMPORTED_BY.get(lang),
                    &[
                        ("at", &crate::text::local::local_time(lang, sp.imported_at)),
                        ("by", &clean(&sp.imported_by))
                    ]
                )
            ),
        ),
        Kv(text::TAB_ASSESSMENT, verdict(a, lang)),
        Kv(text::decision::STATE, state_text(h, lang)),
        Kv(text::SUBMITTED, text::fmt::day(lang, p.submitted)),
        Kv(
            text::CONTRACT_YEARS,
            p.contract_years
                .iter()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Kv(
            text::CONTACT,
            format!(
                "{} <{}>{}",
                clean(&p.contact.name),
                clean(&p.contact.email),
                p.contact
                    .phone
                    .as_deref()
                    .map(|t| format!(" {}", clean(t)))
                    .unwrap_or_default()
            ),
        ),
        Blank,
    ];
    l.extend(resv_rows(p, lang));
    l.push(Blank);
    l.extend(region_rows(p, lang));
    l.push(Blank);
    l.extend(agenda_and_budget_rows(p, lang));
    l
}

/// The RESV: name, scenario, legal form and lead party.
fn resv_rows(p: &Plan, lang: Lang) -> Vec<OverviewRow> {
    use OverviewRow::Kv;
    let mut l = vec![
        Kv(text::RESV_NAME, clean(&p.resv.name).into_owned()),
        Kv(
            text::SCENARIO,
            text::scenario_label(p.resv.scenario).get(lang).to_string(),
        ),
    ];
    if p.resv.legal_form.is_some() || p.resv.kvk.is_some() {
        let form = p
            .resv
            .legal_form
            .map(|f| text::names::legal_form(f).get(lang))
            .unwrap_or("-");
        let kvk = p.resv.kvk.as_deref().map(|k| format!(" · KvK {k}")).unwrap_or_default();
        l.push(Kv(text::LEGAL_FORM, format!("{form}{kvk}")));
    }
    let lead = match &p.resv.lead_party {
        Some(lp) => format!(
            "{}: {}",
            text::names::lead_role(lp.role).get(lang),
            org_text(&lp.organisation)
        ),
        None => text::NONE.get(lang).to_string(),
    };
    l.push(Kv(text::LEAD_PARTY, lead));
    l
}

/// The region: name, RHO region, justification, municipalities and inhabitants.
fn region_rows(p: &Plan, lang: Lang) -> Vec<OverviewRow> {
    use OverviewRow::Kv;
    let mut l = vec![];
    l.push(Kv(text::REGION, clean(&p.region.name).into_owned()));
    l.push(Kv(text::RHO_REGION, clean(&p.region.rho_region).into_owned()));
    if let Some(j) = &p.region.justification {
        l.push(Kv(text::REGION_JUSTIFICATION, clean(j).into_owned()));
    }
    let munis: Vec<String> = p.region.municipalities.iter().map(|m| clean(m).into_owned()).collect();
    l.push(Kv(
        text::MUNICIPALITIES,
        format!("{} ({})", munis.join(", "), munis.len()),
    ));
    l.push(Kv(
        text::INHABITANTS,
        group_thousands(p.region.inhabitants as i64, if lang == Lang::Nl { '.' } else { ',' }),
    ));
    l
}

/// Participation, the regional agenda, the budget and the KPIs.
fn agenda_and_budget_rows(p: &Plan, lang: Lang) -> Vec<OverviewRow> {
    use OverviewRow::{Blank, Header, Kv, Text};
    let mut l = vec![];
    l.push(Kv(
        text::PARTICIPATION,
        format!(
            "{}: {}",
            text::names::participation_form(p.participation.form).get(lang),
            clean(&p.participation.description)
        ),
    ));
    let reference = p
        .agenda
        .reference
        .as_deref()
        .map(|r| format!(" ({})", clean(r)))
        .unwrap_or_default();
    l.push(Kv(text::AGENDA, format!("{}{reference}", clean(&p.agenda.regioplan))));
    l.push(Blank);
    l.push(Header(text::BUDGET));
    for b in &p.budget {
        l.push(Text(text::budget_line(lang, b)));
    }
    if !p.kpis.is_empty() {
        l.push(Blank);
        l.push(Header(text::KPIS));
        for k in &p.kpis {
            l.push(Text(format!(
                "  {} {}: {}",
                k.main_task,
                clean(&k.name),
                clean(&k.target)
            )));
        }
    }
    l
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_wraps_under_itself_and_counts_its_rows() {
        assert_eq!(wrap("een twee drie", 8), ["een twee", "drie"]);
        assert_eq!(wrap("", 8), [""]);
        assert_eq!(wrap("onafgebroken", 4), ["onafgebroken"]);
        let rows = [
            OverviewRow::Kv(text::PLAN, "a ".repeat(30).trim().to_string()),
            OverviewRow::Blank,
            OverviewRow::Header(text::BUDGET),
            OverviewRow::Text("x".repeat(200)),
        ];
        // 80 columns leave 54 for values: 59 characters take two rows.
        assert_eq!(value_width(80), 54);
        assert_eq!(line_count(&rows, 80), 2 + 3);
        assert_eq!(value_width(10), 20, "never narrower than 20");
        assert_eq!(line_count(&rows, 10), 3 + 3);
    }
}
