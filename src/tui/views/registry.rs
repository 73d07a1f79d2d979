//! The registry screen: every existing arrangement, with a fuzzy search over ids,
//! recipients, funders and descriptions, and the selected one in full below.

use crate::core::funding::Arrangement;
use crate::core::sanitize::clean;
use crate::text;
use crate::tui::app::App;
use crate::tui::state::RegistryView;
use crate::tui::state::overview::org_text;
use crate::tui::state::registry::DETAIL_HEIGHT;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Widget, Wrap};

pub fn render(app: &App, view: &RegistryView, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let all = app.registry.arrangements_if_loaded();
    let [table_area, search_area, detail_area] = Layout::vertical([
        Constraint::Min(2),
        Constraint::Length(1),
        Constraint::Length(DETAIL_HEIGHT),
    ])
    .areas(area);
    let cursor = if app.filtering { "▏" } else { "" };
    Paragraph::new(Line::from(vec![
        Span::styled(format!("{}: ", text::SEARCH_REGISTRY.get(lang)), app.theme.key()),
        Span::raw(format!("{}{cursor}", clean(&view.search))),
        Span::styled(
            format!(
                "  {} {} {} {}",
                text::fmt::whole(lang, view.hits.len()),
                text::OF.get(lang),
                text::fmt::whole(lang, all.len()),
                text::ARRANGEMENTS.get(lang)
            ),
            app.theme.dim(),
        ),
    ]))
    .render(search_area, buf);
    if all.is_empty() || view.hits.is_empty() {
        let msg = if all.is_empty() {
            text::NO_ARRANGEMENTS
        } else {
            text::NO_ARRANGEMENT_MATCH
        };
        Paragraph::new(msg.get(lang))
            .style(app.theme.dim())
            .render(table_area, buf);
        return;
    }
    render_table(app, view, table_area, buf);
    if let Some(a) = view.hits.get(view.selected).map(|&i| &all[i]) {
        render_detail(app, a, detail_area, buf);
    }
}

/// The arrangements the search found, from the view's offset, the selected one marked.
fn render_table(app: &App, view: &RegistryView, table_area: Rect, buf: &mut Buffer) {
    let all = app.registry.arrangements_if_loaded();
    let lang = app.lang;
    let rows_on_screen = table_area.height.saturating_sub(1) as usize;
    let rows = view
        .hits
        .iter()
        .enumerate()
        .skip(view.offset)
        .take(rows_on_screen)
        .map(|(pos, &i)| {
            let a = &all[i];
            let row = Row::new(vec![
                Cell::from(clean(&a.id).into_owned()),
                Cell::from(a.stream.name()),
                Cell::from(clean(&a.recipient.name).into_owned()),
                Cell::from(format!("{}–{}", a.start.year, a.end.year)),
                Cell::from(Line::from(text::fmt::euros(lang, a.annual_amount)).right_aligned()),
            ]);
            if pos == view.selected {
                row.style(app.theme.selected())
            } else {
                row
            }
        });
    let header = Row::new(vec![
        Cell::from(text::ARRANGEMENT.get(lang)),
        Cell::from(text::STREAM.get(lang)),
        Cell::from(text::RECIPIENT.get(lang)),
        Cell::from(text::PERIOD.get(lang)),
        Cell::from(Line::from(text::ANNUAL.get(lang)).right_aligned()),
    ])
    .style(app.theme.header());
    Table::new(
        rows,
        [
            Constraint::Length(18),
            Constraint::Length(18),
            Constraint::Fill(1),
            Constraint::Length(9),
            // "€ 12.345.678,90": millions fit (O&I and GEZ budgets run to millions).
            Constraint::Length(15),
        ],
    )
    .header(header)
    .render(table_area, buf);
}

fn render_detail(app: &App, a: &Arrangement, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let key = |t: text::T| Span::styled(format!("{}: ", t.get(lang)), app.theme.key());
    let tasks: Vec<String> = a.tasks().iter().flatten().map(u8::to_string).collect();
    let region = a.region.clone().unwrap_or_else(|| a.municipalities.join(", "));
    let lines = vec![
        Line::from(vec![
            key(text::FUNDER),
            Span::raw(format!(
                "{} · {}",
                clean(&a.funder),
                text::names::stream(a.stream).get(lang)
            )),
        ]),
        Line::from(vec![key(text::RECIPIENT), Span::raw(org_text(&a.recipient))]),
        Line::from(vec![
            key(text::REGION),
            Span::raw(clean(&region).into_owned()),
            Span::styled(format!(" · {}: ", text::TASKS_LABEL.get(lang)), app.theme.key()),
            Span::raw(if tasks.is_empty() { "-".into() } else { tasks.join(", ") }),
            Span::styled(format!(" · {}: ", text::PERIOD.get(lang)), app.theme.key()),
            Span::raw(text::fmt::period(lang, a.start, a.end)),
        ]),
        Line::from(vec![
            key(text::DESCRIPTION),
            Span::raw(clean(&a.description).into_owned()),
        ]),
    ];
    let block = Block::bordered().title(format!(" {} ", clean(&a.id)));
    let inner = block.inner(area);
    block.render(area, buf);
    Paragraph::new(lines).wrap(Wrap { trim: true }).render(inner, buf);
}
