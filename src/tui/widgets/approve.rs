//! The approval question (`a` on the plan screen), with the decision it approves.

use super::{Look, popup};
use crate::core::decision::Decision;
use crate::text;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

pub fn render(look: Look, d: &Decision, area: Rect, buf: &mut Buffer) {
    let lang = look.lang;
    let mut lines: Vec<Line> = text::history::decision_lines(d, true, lang)
        .into_iter()
        .map(|l| Line::raw(text::local::localize(lang, &l)))
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        text::decision::APPROVE_QUESTION.get(lang),
        look.theme.key(),
    ));
    let width = area.width.saturating_sub(4).min(100);
    let height = popup::wrapped_rows(&lines, width.saturating_sub(2)) + 3;
    let inner = popup::frame(area, width, height, text::decision::APPROVE_TITLE.get(lang), buf);
    Paragraph::new(lines).wrap(Wrap { trim: false }).render(inner, buf);
}
