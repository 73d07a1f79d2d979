//! The plan screen: its tab bar, and the tabs Overview and Disciplines and governance (the
//! other tabs each have their file). All plan text goes through `clean` before it is drawn.

use crate::core::plan::{Discipline, Plan, Scenario};
use crate::text;
use crate::tui::app::App;
use crate::tui::state::PlanView;
use crate::tui::state::overview::{OverviewRow, org_text};
use crate::tui::widgets::kv::kv;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Tabs, Widget, Wrap};

pub use crate::tui::state::plan::{SHORT_TAB_TITLES, TAB_TITLES};

pub fn render(app: &App, view: &PlanView, area: Rect, buf: &mut Buffer) {
    let [tabs_area, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let titles = crate::tui::state::plan::tab_titles(app.lang, area.width);
    Tabs::new(titles.iter().map(|t| t.get(app.lang)))
        .select(view.tab)
        .highlight_style(app.theme.selected())
        .render(tabs_area, buf);
    match view.tab {
        0 => Paragraph::new(overview_lines(app, view))
            .scroll((view.scroll, 0))
            .render(body, buf),
        1 => render_disciplines(app, &view.stored.plan, view.scroll, body, buf),
        2 => super::activities::render(app, view, body, buf),
        3 => super::assess::render(app, view, body, buf),
        4 => super::funding::render(app, view, body, buf),
        5 => super::coordination::render(app, view, body, buf),
        _ => super::history::render(app, view, body, buf),
    }
}

/// The overview tab's lines, from the rows built when the plan's data changed.
fn overview_lines(app: &App, view: &PlanView) -> Vec<Line<'static>> {
    let mut lines = Vec::with_capacity(view.overview_len);
    for row in &view.overview {
        match row {
            OverviewRow::Kv(key, value) => lines.extend(kv(app.look(), app.size.width, *key, value)),
            OverviewRow::Blank => lines.push(Line::raw("")),
            OverviewRow::Header(t) => lines.push(Line::from(Span::styled(t.get(app.lang), app.theme.header()))),
            OverviewRow::Text(text) => lines.push(Line::raw(text.clone())),
        }
    }
    lines
}

/// A discipline's keyword, shortened where it would not fit a narrow column.
fn discipline_label(d: Discipline, lang: crate::text::Lang) -> &'static str {
    match d {
        Discipline::SpecialistOuderengeneeskunde => "SO (ouderengen.)",
        d => text::names::discipline(d).get(lang),
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
        text::DISCIPLINE.get(lang),
        text::ORGANISATION.get(lang),
        text::MANDATED.get(lang),
        text::PRACTICES.get(lang),
        text::BOARD.get(lang),
    ])
    .style(app.theme.header());
    let body = p.disciplines.iter().skip(scroll as usize).map(|d| {
        let share = (d.practices_joined * 100)
            .checked_div(d.practices_in_region)
            .unwrap_or(0);
        let mandate = if d.mandated {
            Span::styled(text::YES.get(lang), app.theme.good())
        } else {
            Span::styled(text::NO.get(lang), app.theme.bad())
        };
        Row::new([
            Cell::from(discipline_label(d.kind, lang)),
            Cell::from(org_text(&d.organisation)),
            Cell::from(mandate),
            Cell::from(format!(
                "{:>4}/{:<4} {share:>3}%",
                d.practices_joined, d.practices_in_region
            )),
            Cell::from(text::yes_no(lang, d.board_seat)),
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
        Scenario::LightNetwork => text::SCENARIO_PROFILE[0],
        Scenario::GrowthModel => text::SCENARIO_PROFILE[1],
        Scenario::LegalEntity => text::SCENARIO_PROFILE[2],
    };
    let title = format!(
        " {}: {} ",
        text::GOVERNANCE.get(lang),
        text::scenario_label(p.resv.scenario).get(lang)
    );
    Paragraph::new(profile.get(lang))
        .wrap(Wrap { trim: true })
        .block(Block::bordered().title(title))
        .render(gov_area, buf);
}
