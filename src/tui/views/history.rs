//! The History tab of the plan screen: where the plan stands, what changed since the
//! version decided on, every decision (newest first), the versions, the assessment
//! snapshots and the audit entries. The lines are built when the plan opens and after each
//! decision; drawing only styles them.

use crate::tui::app::App;
use crate::tui::state::PlanView;
use crate::tui::state::history::HistoryLine;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

pub fn render(app: &App, view: &PlanView, area: Rect, buf: &mut Buffer) {
    // Wrapped here as the state counted them, so scrolling reaches the last row.
    let lines: Vec<Line> = view
        .history_lines
        .iter()
        .flat_map(|l| {
            let style = match l {
                HistoryLine::Head(_) => app.theme.title(),
                HistoryLine::Pending(_) => app.theme.warn(),
                HistoryLine::Section(_) => app.theme.key(),
                HistoryLine::Blank | HistoryLine::Body(_) => ratatui::style::Style::default(),
            };
            l.rows(area.width).into_iter().map(move |r| Line::styled(r, style))
        })
        .collect();
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((view.scroll, 0))
        .render(area, buf);
}
