//! The queue screen: a table of plans, sortable, with a fuzzy filter. Only the rows on
//! screen are built, so a long queue draws as fast as a short one.

use crate::core::decision::PlanState;
use crate::core::queue::SortKey;
use crate::core::sanitize::clean;
use crate::text::{self, T};
use crate::tui::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Widget};

/// Column titles in sort-key order (the digit that sorts by it is its position + 1; the
/// eleventh, days to the deadline, sorts with `u`).
const TITLES: [T; 11] = [
    text::COL_STATUS,
    text::COL_ID,
    text::COL_NAME,
    text::COL_REGION,
    text::COL_SCENARIO,
    text::COL_REQUESTED,
    text::COL_SUBMITTED,
    text::COL_SCORE,
    text::COL_KO,
    text::COL_FLAGS,
    text::decision::COL_DUE,
];

/// The key that sorts by column `c`.
fn sort_key_label(c: usize) -> String {
    if c < 10 {
        ((c + 1) % 10).to_string()
    } else {
        "u".to_string()
    }
}

/// Plan text with the filter's matched characters highlighted.
fn highlighted(text: &str, matched: &[usize], style: Style) -> Line<'static> {
    let text = clean(text);
    if matched.is_empty() {
        return Line::raw(text.into_owned());
    }
    let spans: Vec<Span> = text
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if matched.contains(&i) {
                Span::styled(c.to_string(), style)
            } else {
                Span::raw(c.to_string())
            }
        })
        .collect();
    Line::from(spans)
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let [table_area, info_area] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let lang = app.lang;
    let wide = area.width >= 110;
    let widest = area.width >= 140;
    let (sort, desc) = app.queue.sort_key();
    // Columns in screen order (by their sort digit); narrower layouts drop the submission
    // date, then region and scenario, to keep the assessment and the deadline.
    let shown: &[usize] = if widest {
        &[0, 1, 2, 3, 4, 7, 8, 9, 5, 10, 6]
    } else if wide {
        &[0, 1, 2, 3, 4, 7, 8, 9, 5, 10]
    } else {
        &[0, 1, 2, 7, 8, 9, 5, 10]
    };
    let header = Row::new(shown.iter().map(|&c| {
        let arrow = if SortKey::ALL[c] == sort {
            if desc { "▼" } else { "▲" }
        } else {
            ""
        };
        Cell::from(format!("{} {}{arrow}", sort_key_label(c), TITLES[c].get(lang)))
    }))
    .style(app.theme.header());
    let widths = widths(wide);
    let page = app.queue_page();
    let visible = app.queue.visible();
    let end = (app.offset + page).min(visible.len());
    let rows = visible[app.offset.min(end)..end].iter().enumerate().map(|(n, &i)| {
        let mut all = cells(app, i, wide);
        let cells: Vec<Cell> = shown.iter().filter_map(|&c| all[c].take()).collect();
        let row = Row::new(cells);
        if app.offset + n == app.selected {
            row.style(app.theme.selected())
        } else {
            row
        }
    });
    Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .render(table_area, buf);

    if visible.is_empty() {
        let text = if app.queue.is_empty() {
            text::EMPTY_QUEUE
        } else {
            text::NO_MATCH
        };
        let msg_area = Rect {
            y: table_area.y + 2,
            height: 1,
            ..table_area
        };
        Paragraph::new(Span::styled(text.get(lang), app.theme.dim()))
            .centered()
            .render(msg_area, buf);
    }

    Paragraph::new(info_line(app, visible.len())).render(info_area, buf);
}

/// Column widths: all eleven columns when wide, else the eight of a narrow terminal.
fn widths(wide: bool) -> Vec<Constraint> {
    if wide {
        vec![
            Constraint::Length(11),
            Constraint::Length(16),
            Constraint::Fill(3),
            Constraint::Fill(2),
            Constraint::Length(15),
            Constraint::Length(7),
            Constraint::Length(4),
            Constraint::Length(5),
            Constraint::Length(13),
            Constraint::Length(9),
            Constraint::Length(11),
        ]
    } else {
        vec![
            Constraint::Length(11),
            Constraint::Length(14),
            Constraint::Fill(1),
            Constraint::Length(7),
            Constraint::Length(4),
            Constraint::Length(5),
            Constraint::Length(11),
            Constraint::Length(7),
        ]
    }
}

/// The cells of queue row `i`, in sort-key order (the layout picks the ones shown).
fn cells(app: &App, i: usize, wide: bool) -> [Option<Cell<'static>>; 11] {
    let lang = app.lang;
    let r = app.queue.row(i);
    let h = app.queue.highlights(i);
    let m = app.theme.matched();
    let scenario = if wide {
        text::scenario_label(r.scenario).0
    } else {
        text::scenario_short(r.scenario)
    };
    let score = text::score_text(lang, r.score);
    let ko_style = if r.knocked_out == Some(true) {
        app.theme.bad()
    } else {
        Style::new()
    };
    let ko = Cell::from(Span::styled(text::ko_glyph(r.knocked_out), ko_style));
    let flags = match r.open_flags {
        Some(0) => Cell::from(Line::raw("0").right_aligned()),
        Some(n) => Cell::from(Line::from(Span::styled(n.to_string(), app.theme.warn())).right_aligned()),
        None => Cell::from(Line::raw("-").right_aligned()),
    };
    let status = text::decision::status_short(r.status, r.outcome).get(lang);
    let status_style = match r.status {
        PlanState::Pending => app.theme.warn(),
        PlanState::Decided | PlanState::Returned => app.theme.dim(),
        _ => Style::new(),
    };
    let due_style = match r.days_left {
        Some(d) if d < 0 => app.theme.bad(),
        Some(d) if d <= 7 => app.theme.warn(),
        _ => Style::new(),
    };
    let due = text::fmt::days(lang, r.days_left, wide);
    [
        Some(Cell::from(Span::styled(status, status_style))),
        Some(Cell::from(highlighted(&r.id, &h.id, m))),
        Some(Cell::from(highlighted(&r.name, &h.name, m))),
        Some(Cell::from(highlighted(&r.region, &h.region, m))),
        Some(Cell::from(scenario)),
        Some(Cell::from(
            Line::raw(text::fmt::euros(lang, r.requested_per_year)).right_aligned(),
        )),
        Some(Cell::from(r.submitted.to_string())),
        Some(Cell::from(Line::raw(score).right_aligned())),
        Some(ko),
        Some(flags),
        Some(Cell::from(Line::from(Span::styled(due, due_style)).right_aligned())),
    ]
}

/// The line under the table: how many plans show, the state filter and the sort; the
/// filter being typed.
fn info_line(app: &App, shown: usize) -> Line<'static> {
    let lang = app.lang;
    let (sort, desc) = app.queue.sort_key();
    let arrow = if desc { "▼" } else { "▲" };
    let sort_col = SortKey::ALL.iter().position(|k| *k == sort).unwrap_or(0);
    let state = match app.queue.state_filter() {
        Some(s) => format!(
            " · {}: {}",
            text::decision::STATE_FILTER.get(lang),
            text::decision::state(s).get(lang)
        ),
        None => String::new(),
    };
    let count = format!(
        "{} {} {} {}{state} · {}: {} {}{arrow}",
        shown,
        text::OF.get(lang),
        app.queue.len(),
        text::PLANS.get(lang),
        text::SORTED_BY.get(lang),
        sort_key_label(sort_col),
        TITLES[sort_col].get(lang)
    );
    if app.filtering || !app.queue.filter().is_empty() {
        let cursor = if app.filtering { "█" } else { "" };
        Line::from(vec![
            Span::styled(format!("/{} ", text::FILTER.get(lang)), app.theme.key()),
            Span::raw(format!("{}{cursor}", clean(app.queue.filter()))),
            Span::styled(format!("  ({count})"), app.theme.dim()),
        ])
    } else {
        Line::from(Span::styled(count, app.theme.dim()))
    }
}
