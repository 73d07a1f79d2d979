//! The plan screen's Activities and budget tab: the activities as a table, the selected
//! one's text below (Enter: full screen, scrollable), and the budget per main task.

use crate::core::money::Cents;
use crate::core::plan::Nature;
use crate::core::sanitize::clean;
use crate::text;
use crate::tui::app::App;
use crate::tui::state::PlanView;
use crate::tui::widgets::activity;
use crate::tui::widgets::chart::cents_chart;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Widget, Wrap};

pub fn render(app: &App, view: &PlanView, area: Rect, buf: &mut Buffer) {
    let (p, lang) = (&view.stored.plan, app.lang);
    if let (Some(scroll), Some(a)) = (view.detail, p.activities.get(view.activity)) {
        // Full screen, scrollable: every word of a long description can be read.
        let title = format!(" {} {} ", clean(&a.id), clean(&a.title));
        Paragraph::new(activity::lines(app.look(), app.size.width, a))
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(Block::bordered().title(title))
            .render(area, buf);
        return;
    }
    let table_h = (p.activities.len() as u16 + 1).min(8);
    let [table_area, detail_area, chart_area] =
        Layout::vertical([Constraint::Length(table_h), Constraint::Min(4), Constraint::Length(7)]).areas(area);

    render_table(app, view, table_h, table_area, buf);
    if let Some(a) = p.activities.get(view.activity) {
        let lines = activity::lines(app.look(), app.size.width, a);
        let title = format!(" {} {} ", clean(&a.id), clean(&a.title));
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(
                Block::bordered()
                    .title(title)
                    .title_bottom(Line::from(text::ENTER_FOR_ALL.get(lang)).right_aligned()),
            )
            .render(detail_area, buf);
    }

    let per_task = p.cost_per_main_task();
    let items: Vec<(String, Cents)> = per_task
        .iter()
        .enumerate()
        .map(|(i, c)| (text::MAIN_TASKS[i].get(lang).to_string(), *c))
        .collect();
    cents_chart(app.look(), items, text::BUDGET_PER_TASK.get(lang)).render(chart_area, buf);
}

/// The activities table, `table_h` rows high with its header, scrolled to the selection.
fn render_table(app: &App, view: &PlanView, table_h: u16, area: Rect, buf: &mut Buffer) {
    let (p, lang) = (&view.stored.plan, app.lang);
    let page = table_h.saturating_sub(1).max(1) as usize;
    let offset = view.activity.saturating_sub(page - 1);
    let header = Row::new([
        "Id",
        text::ACTIVITY.get(lang),
        text::TASK.get(lang),
        text::NATURE.get(lang),
        text::COST_PER_YEAR.get(lang),
        text::FTE.get(lang),
    ])
    .style(app.theme.header());
    let rows = p.activities.iter().enumerate().skip(offset).take(page).map(|(i, a)| {
        let nature = if a.nature == Nature::Zorgproductie {
            Span::styled(text::names::nature(a.nature).get(lang), app.theme.warn())
        } else {
            Span::raw(text::names::nature(a.nature).get(lang))
        };
        let row = Row::new([
            Cell::from(clean(&a.id).into_owned()),
            Cell::from(clean(&a.title).into_owned()),
            Cell::from(a.main_task.to_string()),
            Cell::from(nature),
            Cell::from(Line::raw(text::fmt::euros(lang, a.annual_cost)).right_aligned()),
            Cell::from(Line::raw(text::fmt::decimal(lang, f64::from(a.fte_hundredths) / 100.0, 2)).right_aligned()),
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
        .render(area, buf);
}
