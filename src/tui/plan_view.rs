//! The plan screen: tabs Overview, Disciplines and governance, Activities and budget.
//! All plan text goes through `clean` before it is drawn.

use super::app::{App, PlanView};
use crate::core::money::{Cents, group_thousands};
use crate::core::plan::{Discipline, Organisation, Plan, Scenario};
use crate::core::sanitize::{clean, clean_lines};
use crate::i18n::{self, Lang, T, fill};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Block, Cell, Paragraph, Row, Table, Tabs, Widget, Wrap};

pub const TAB_TITLES: [T; 7] = [
    i18n::TAB_OVERVIEW,
    i18n::TAB_DISCIPLINES,
    i18n::TAB_ACTIVITIES,
    i18n::TAB_ASSESSMENT,
    i18n::TAB_FUNDING,
    i18n::coordination::TAB,
    i18n::decision::TAB_HISTORY,
];

/// The same tabs, named short for narrow terminals.
pub const SHORT_TAB_TITLES: [T; 7] = [
    i18n::TAB_OVERVIEW,
    i18n::TAB_DISCIPLINES_SHORT,
    i18n::TAB_ACTIVITIES_SHORT,
    i18n::TAB_ASSESSMENT_SHORT,
    i18n::TAB_FUNDING_SHORT,
    i18n::coordination::TAB_SHORT,
    i18n::decision::TAB_HISTORY_SHORT,
];

pub fn render(app: &App, view: &PlanView, area: Rect, buf: &mut Buffer) {
    let [tabs_area, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    // The long titles where they fit: each title and its divider and padding (3 columns).
    let width = |ts: &[T]| ts.iter().map(|t| t.get(app.lang).chars().count() + 3).sum::<usize>();
    let titles = if width(&TAB_TITLES) <= area.width as usize {
        &TAB_TITLES
    } else {
        &SHORT_TAB_TITLES
    };
    Tabs::new(titles.iter().map(|t| t.get(app.lang)))
        .select(view.tab)
        .highlight_style(app.theme.selected())
        .render(tabs_area, buf);
    match view.tab {
        0 => Paragraph::new(overview_lines(app, view))
            .scroll((view.scroll, 0))
            .render(body, buf),
        1 => render_disciplines(app, &view.stored.plan, view.scroll, body, buf),
        2 => render_activities(app, view, body, buf),
        3 => super::assess_view::render(app, view, body, buf),
        4 => super::funding_view::render(app, view, body, buf),
        5 => super::coordination_view::render(app, view, body, buf),
        _ => super::history_view::render(app, view, body, buf),
    }
}

pub(super) fn org_text(o: &Organisation) -> String {
    let mut s = clean(&o.name).into_owned();
    if let Some(agb) = &o.agb {
        s.push_str(&format!(" · AGB {agb}"));
    }
    if let Some(kvk) = &o.kvk {
        s.push_str(&format!(" · KvK {kvk}"));
    }
    s
}

/// Width of the key column on the plan screen.
const KEY_WIDTH: usize = 24;

/// A key and its value, the value word-wrapped under itself (a hanging indent) to the
/// screen width.
fn kv(app: &App, key: T, value: String) -> Vec<Line<'static>> {
    let width = (app.size.width as usize).saturating_sub(KEY_WIDTH + 2).max(20);
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
    let label = key.get(app.lang);
    let key_text = if label.chars().count() < KEY_WIDTH {
        format!("{label:<KEY_WIDTH$}")
    } else {
        format!("{label} ")
    };
    rows.into_iter()
        .enumerate()
        .map(|(i, row)| {
            let key = if i == 0 {
                Span::styled(key_text.clone(), app.theme.key())
            } else {
                Span::raw(" ".repeat(KEY_WIDTH))
            };
            Line::from(vec![key, Span::raw(row)])
        })
        .collect()
}

/// Where the plan stands, its current decision, and a pointer to the History tab.
fn state_text(app: &App, view: &PlanView) -> String {
    let (h, lang) = (&view.history, app.lang);
    let mut s = h
        .state
        .map_or_else(String::new, |st| i18n::decision::state(st).get(lang).to_string());
    if let Some(d) = h.current() {
        s.push_str(&format!(
            " · #{} {} {}",
            d.id,
            i18n::decision::outcome(d.outcome).get(lang),
            i18n::euros(lang, d.total())
        ));
    }
    if let Some((from, to, diff)) = &h.changes {
        s.push_str(&format!(
            " · {} v{from}→v{to}: {} ({})",
            i18n::decision::CHANGES.get(lang),
            diff.count(),
            i18n::decision::TAB_HISTORY.get(lang)
        ));
    }
    s
}

/// The overview tab's lines (also used to bound scrolling).
pub fn overview_lines(app: &App, view: &PlanView) -> Vec<Line<'static>> {
    let (p, lang) = (&view.stored.plan, app.lang);
    let sp = &view.stored;
    let mut l: Vec<Line<'static>> = [
        kv(
            app,
            i18n::PLAN,
            format!("{} ({} {})", clean(&p.id), i18n::VERSION.get(lang), clean(&p.version)),
        ),
        kv(
            app,
            i18n::STORED_AS,
            format!(
                "{}, sha256 {}…, {}",
                fill(
                    i18n::VERSION_OF.get(lang),
                    &[("n", &sp.version_no.to_string()), ("m", &sp.version_count.to_string())]
                ),
                sp.sha256.get(..12).unwrap_or(&sp.sha256),
                fill(
                    i18n::IMPORTED_BY.get(lang),
                    &[("at", &clean(&sp.imported_at)), ("by", &clean(&sp.imported_by))]
                )
            ),
        ),
        kv(app, i18n::TAB_ASSESSMENT, verdict(app, &view.assessment)),
        kv(app, i18n::decision::STATE, state_text(app, view)),
        kv(app, i18n::SUBMITTED, p.submitted.to_string()),
        kv(
            app,
            i18n::CONTRACT_YEARS,
            p.contract_years
                .iter()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        kv(
            app,
            i18n::CONTACT,
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
        vec![Line::raw("")],
        kv(app, i18n::RESV_NAME, clean(&p.resv.name).into_owned()),
        kv(
            app,
            i18n::SCENARIO,
            i18n::scenario_label(p.resv.scenario).get(lang).to_string(),
        ),
    ]
    .concat();
    if p.resv.legal_form.is_some() || p.resv.kvk.is_some() {
        let form = p.resv.legal_form.map(|f| f.keyword()).unwrap_or("-");
        let kvk = p.resv.kvk.as_deref().map(|k| format!(" · KvK {k}")).unwrap_or_default();
        l.extend(kv(app, i18n::LEGAL_FORM, format!("{form}{kvk}")));
    }
    let lead = match &p.resv.lead_party {
        Some(lp) => format!("{}: {}", lp.role.keyword(), org_text(&lp.organisation)),
        None => i18n::NONE.get(lang).to_string(),
    };
    l.extend(kv(app, i18n::LEAD_PARTY, lead));
    l.push(Line::raw(""));
    l.extend(kv(app, i18n::REGION, clean(&p.region.name).into_owned()));
    l.extend(kv(app, i18n::RHO_REGION, clean(&p.region.rho_region).into_owned()));
    if let Some(j) = &p.region.justification {
        l.extend(kv(app, i18n::REGION_JUSTIFICATION, clean(j).into_owned()));
    }
    let munis: Vec<String> = p.region.municipalities.iter().map(|m| clean(m).into_owned()).collect();
    l.extend(kv(
        app,
        i18n::MUNICIPALITIES,
        format!("{} ({})", munis.join(", "), munis.len()),
    ));
    l.extend(kv(
        app,
        i18n::INHABITANTS,
        group_thousands(p.region.inhabitants as i64, if lang == Lang::Nl { '.' } else { ',' }),
    ));
    l.push(Line::raw(""));
    l.extend(kv(
        app,
        i18n::PARTICIPATION,
        format!(
            "{}: {}",
            p.participation.form.keyword(),
            clean(&p.participation.description)
        ),
    ));
    let reference = p
        .agenda
        .reference
        .as_deref()
        .map(|r| format!(" ({})", clean(r)))
        .unwrap_or_default();
    l.extend(kv(
        app,
        i18n::AGENDA,
        format!("{}{reference}", clean(&p.agenda.regioplan)),
    ));
    l.push(Line::raw(""));
    l.push(Line::from(Span::styled(i18n::BUDGET.get(lang), app.theme.header())));
    for b in &p.budget {
        l.push(Line::raw(i18n::budget_line(lang, b)));
    }
    if !p.kpis.is_empty() {
        l.push(Line::raw(""));
        l.push(Line::from(Span::styled(i18n::KPIS.get(lang), app.theme.header())));
        for k in &p.kpis {
            l.push(Line::raw(format!(
                "  {} {}: {}",
                k.main_task,
                clean(&k.name),
                clean(&k.target)
            )));
        }
    }
    l
}

/// A discipline's keyword, shortened where it would not fit a narrow column.
fn discipline_label(d: Discipline) -> &'static str {
    match d {
        Discipline::SpecialistOuderengeneeskunde => "SO (ouderengen.)",
        d => d.keyword(),
    }
}

fn render_disciplines(app: &App, p: &Plan, scroll: u16, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let rows = p.disciplines.len() as u16 + 1;
    let [table_area, gov_area, _] = Layout::vertical([
        Constraint::Length(rows.min(area.height.saturating_sub(5))),
        Constraint::Length(5),
        Constraint::Fill(1),
    ])
    .areas(area);
    let header = Row::new([
        i18n::DISCIPLINE.get(lang),
        i18n::ORGANISATION.get(lang),
        i18n::MANDATED.get(lang),
        i18n::PRACTICES.get(lang),
        i18n::BOARD.get(lang),
    ])
    .style(app.theme.header());
    let body = p.disciplines.iter().skip(scroll as usize).map(|d| {
        let share = (d.practices_joined * 100)
            .checked_div(d.practices_in_region)
            .unwrap_or(0);
        let mandate = if d.mandated {
            Span::styled(i18n::YES.get(lang), app.theme.good())
        } else {
            Span::styled(i18n::NO.get(lang), app.theme.bad())
        };
        Row::new([
            Cell::from(discipline_label(d.kind)),
            Cell::from(org_text(&d.organisation)),
            Cell::from(mandate),
            Cell::from(format!(
                "{:>4}/{:<4} {share:>3}%",
                d.practices_joined, d.practices_in_region
            )),
            Cell::from(i18n::yes_no(lang, d.board_seat)),
        ])
    });
    let widths = [
        Constraint::Length(17),
        Constraint::Fill(1),
        Constraint::Length(7),
        Constraint::Length(14),
        Constraint::Length(7),
    ];
    Table::new(body, widths)
        .header(header)
        .column_spacing(1)
        .render(table_area, buf);
    let profile = match p.resv.scenario {
        Scenario::LightNetwork => i18n::SCENARIO_PROFILE[0],
        Scenario::GrowthModel => i18n::SCENARIO_PROFILE[1],
        Scenario::LegalEntity => i18n::SCENARIO_PROFILE[2],
    };
    let title = format!(
        " {}: {} ",
        i18n::GOVERNANCE.get(lang),
        i18n::scenario_label(p.resv.scenario).get(lang)
    );
    Paragraph::new(profile.get(lang))
        .wrap(Wrap { trim: true })
        .block(Block::bordered().title(title))
        .render(gov_area, buf);
}

fn render_activities(app: &App, view: &PlanView, area: Rect, buf: &mut Buffer) {
    let (p, lang) = (&view.stored.plan, app.lang);
    if let (Some(scroll), Some(a)) = (view.detail, p.activities.get(view.activity)) {
        // Full screen, scrollable: every word of a long description can be read.
        let title = format!(" {} {} ", clean(&a.id), clean(&a.title));
        Paragraph::new(activity_lines(app, a))
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(Block::bordered().title(title))
            .render(area, buf);
        return;
    }
    let table_h = (p.activities.len() as u16 + 1).min(8);
    let [table_area, detail_area, chart_area] =
        Layout::vertical([Constraint::Length(table_h), Constraint::Min(4), Constraint::Length(7)]).areas(area);

    let page = table_h.saturating_sub(1).max(1) as usize;
    let offset = view.activity.saturating_sub(page - 1);
    let header = Row::new([
        "Id",
        i18n::ACTIVITY.get(lang),
        i18n::TASK.get(lang),
        i18n::NATURE.get(lang),
        i18n::COST_PER_YEAR.get(lang),
        i18n::FTE.get(lang),
    ])
    .style(app.theme.header());
    let rows = p.activities.iter().enumerate().skip(offset).take(page).map(|(i, a)| {
        let nature = if a.nature == crate::core::plan::Nature::Zorgproductie {
            Span::styled(a.nature.keyword(), app.theme.warn())
        } else {
            Span::raw(a.nature.keyword())
        };
        let row = Row::new([
            Cell::from(clean(&a.id).into_owned()),
            Cell::from(clean(&a.title).into_owned()),
            Cell::from(a.main_task.to_string()),
            Cell::from(nature),
            Cell::from(Line::raw(i18n::euros(lang, a.annual_cost)).right_aligned()),
            Cell::from(Line::raw(format!("{:.2}", a.fte_hundredths as f64 / 100.0)).right_aligned()),
        ]);
        if i == view.activity {
            row.style(app.theme.selected())
        } else {
            row
        }
    });
    let id_width = p
        .activities
        .iter()
        .map(|a| a.id.chars().count())
        .max()
        .unwrap_or(2)
        .clamp(2, 12) as u16;
    let widths = [
        Constraint::Length(id_width),
        Constraint::Fill(1),
        Constraint::Length(4),
        Constraint::Length(13),
        Constraint::Length(12),
        Constraint::Length(5),
    ];
    Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .render(table_area, buf);

    if let Some(a) = p.activities.get(view.activity) {
        let lines = activity_lines(app, a);
        let title = format!(" {} {} ", clean(&a.id), clean(&a.title));
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(
                Block::bordered()
                    .title(title)
                    .title_bottom(Line::from(i18n::ENTER_FOR_ALL.get(lang)).right_aligned()),
            )
            .render(detail_area, buf);
    }

    let per_task = p.cost_per_main_task();
    let items: Vec<(String, Cents)> = per_task
        .iter()
        .enumerate()
        .map(|(i, c)| (i18n::MAIN_TASKS[i].get(lang).to_string(), *c))
        .collect();
    cents_chart(app, items, i18n::BUDGET_PER_TASK.get(lang)).render(chart_area, buf);
}

/// A horizontal bar chart of amounts, each bar labelled and showing its euros.
pub fn cents_chart(app: &App, items: Vec<(String, Cents)>, title: &str) -> BarChart<'static> {
    let max = items.iter().map(|(_, c)| c.0).max().unwrap_or(0).max(1);
    let sep = if app.lang == Lang::Nl { '.' } else { ',' };
    let bars: Vec<Bar> = items
        .into_iter()
        .map(|(label, c)| {
            Bar::default()
                .label(Line::raw(label))
                .value(scale(c, max))
                .text_value(c.fmt_euros(sep))
        })
        .collect();
    BarChart::horizontal(bars)
        .bar_gap(0)
        .bar_style(app.theme.bar())
        .value_style(app.theme.selected())
        .block(Block::bordered().title(format!(" {title} ")))
}

/// The selected activity's text: description, executor, period, disciplines, exception.
fn activity_lines(app: &App, a: &crate::core::plan::Activity) -> Vec<Line<'static>> {
    let lang = app.lang;
    let mut lines: Vec<Line> = clean_lines(&a.description).into_iter().map(Line::raw).collect();
    lines.extend(kv(app, i18n::EXECUTOR, org_text(&a.executor)));
    lines.extend(kv(app, i18n::PERIOD, format!("{} – {}", a.start, a.end)));
    let ds: Vec<&str> = a.disciplines.iter().map(|d| d.keyword()).collect();
    lines.extend(kv(app, i18n::DISCIPLINE, ds.join(", ")));
    lines.extend(kv(
        app,
        i18n::AGENDA_LINK,
        i18n::yes_no(lang, a.agenda_link).to_string(),
    ));
    if let Some(e) = &a.exception {
        lines.extend(kv(app, i18n::EXCEPTION, clean(&e.justification).into_owned()));
    }
    lines
}

/// Bar length on a 0-1000 scale, so the chart works for any amounts.
fn scale(c: Cents, max: i64) -> u64 {
    (c.0.max(0) as u128 * 1000 / max as u128) as u64
}

/// The assessment in one line, so a buyer sees it as soon as a plan opens.
fn verdict(app: &App, a: &crate::core::assess::Assessment) -> String {
    let lang = app.lang;
    let provisional = i18n::provisional_suffix(lang, a);
    let ko = if a.knocked_out {
        i18n::KNOCKED_OUT
    } else {
        i18n::NOT_KNOCKED_OUT
    };
    format!(
        "{} / 100{provisional} · {} · {}: {}",
        i18n::tenths(lang, a.total_tenths),
        ko.get(lang),
        i18n::ADVICE.get(lang).to_lowercase(),
        i18n::recommendation_label(a.recommendation).get(lang)
    )
}

/// Lines on the overview tab, for bounding the scroll.
pub fn overview_len(app: &App, view: &PlanView) -> usize {
    overview_lines(app, view).len()
}
