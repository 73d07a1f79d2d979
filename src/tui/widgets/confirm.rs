//! A question over everything else: the lines to read, then the answers.

use super::{Look, popup};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// Draws `title` with `lines` (what is at stake) and `answers` (one key each).
pub fn render(look: Look, title: &str, lines: &[String], answers: &[String], area: Rect, buf: &mut Buffer) {
    let mut shown: Vec<Line> = lines.iter().map(|l| Line::raw(l.clone())).collect();
    shown.push(Line::raw(""));
    shown.extend(answers.iter().map(|a| Line::styled(a.clone(), look.theme.key())));
    let width = area.width.saturating_sub(2).min(90);
    let height = popup::wrapped_rows(&shown, width.saturating_sub(2)) + 3;
    let inner = popup::frame(area, width, height, title, buf);
    Paragraph::new(shown).wrap(Wrap { trim: false }).render(inner, buf);
}
