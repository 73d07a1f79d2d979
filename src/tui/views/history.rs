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
    let lines: Vec<Line> = view
        .history_lines
        .iter()
        .map(|l| match l {
            HistoryLine::Head(t) => Line::styled(t.as_str(), app.theme.title()),
            HistoryLine::Pending(t) => Line::styled(t.as_str(), app.theme.warn()),
            HistoryLine::Blank => Line::raw(""),
            HistoryLine::Section(t) => Line::styled(t.as_str(), app.theme.key()),
            HistoryLine::Body(t) => Line::raw(t.as_str()),
        })
        .collect();
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((view.scroll, 0))
        .render(area, buf);
}
