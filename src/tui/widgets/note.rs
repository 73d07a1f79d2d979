//! The note editor, and the one-line text field it shares with the reason editor and the
//! decision form (tui-input), scrolled horizontally to the cursor.

use super::theme::Theme;
use super::{Look, popup};
use crate::core::sanitize::clean;
use crate::text::{self, fill};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use std::cell::Cell;
use tui_input::Input;

thread_local! {
    /// Where the terminal's own cursor goes: the insertion point of the text field that has
    /// focus, noted while the field is drawn and placed by [`crate::tui::views::draw`] after
    /// the frame is drawn (a widget draws into a buffer, which has no cursor).
    static CURSOR: Cell<Option<(u16, u16)>> = const { Cell::new(None) };
}

/// Forgets the cursor before a frame is drawn.
pub fn clear_cursor() {
    CURSOR.with(|c| c.set(None));
}

/// The insertion point noted while the last frame was drawn, if a text field had focus.
pub fn cursor() -> Option<(u16, u16)> {
    CURSOR.with(Cell::get)
}

/// Draws one line of text being edited into `area` (its first row), scrolled to the cursor,
/// and notes where the terminal's cursor goes when it has focus.
pub fn render_field(theme: Theme, input: &Input, focused: bool, area: Rect, buf: &mut Buffer) {
    let width = area.width as usize;
    Paragraph::new(field_line(theme, input, focused, width)).render(Rect { height: 1, ..area }, buf);
    if focused {
        note_cursor(input, area);
    }
}

/// Notes the insertion point of `input`, drawn by [`field_line`] on the first row of `area`.
pub fn note_cursor(input: &Input, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let w = (area.width as usize).max(2);
    let at = input.visual_cursor().saturating_sub(input.visual_scroll(w - 1));
    let x = area.x + (at as u16).min(area.width - 1);
    CURSOR.with(|c| c.set(Some((x, area.y))));
}

/// The note editor for the criterion named `name`.
pub fn render(look: Look, name: &str, input: &Input, area: Rect, buf: &mut Buffer) {
    let lang = look.lang;
    let prompt = fill(
        text::NOTE_PROMPT.get(lang),
        &[("c", &crate::core::sanitize::clean(name))],
    );
    text_field(look.theme, text::K_NOTE.get(lang), &prompt, input, area, buf);
}

/// A popup with a prompt and one line of text being edited (notes, reasons).
pub fn text_field(theme: Theme, title: &str, prompt: &str, input: &Input, area: Rect, buf: &mut Buffer) {
    let width = area.width.saturating_sub(4).min(100);
    // The prompt wraps (a long criterion name at 80 columns): the popup grows to show it.
    let rows = crate::tui::state::overview::wrap(prompt, width.saturating_sub(2).max(10) as usize);
    let inner = popup::frame(area, width, 4 + rows.len() as u16, title, buf);
    Paragraph::new(rows.join("\n")).style(theme.dim()).render(
        Rect {
            height: rows.len() as u16,
            ..inner
        },
        buf,
    );
    let field = Rect {
        y: inner.y + rows.len() as u16 + 1,
        height: 1,
        ..inner
    };
    render_field(theme, input, true, field, buf);
}

/// One line of text being edited, `width` wide, scrolled to the cursor; the cursor is a
/// block when the field has focus. What the buyer types is shown cleaned, like all text.
pub fn field_line(theme: Theme, input: &Input, focused: bool, width: usize) -> Line<'static> {
    let w = width.max(2);
    let scroll = input.visual_scroll(w - 1);
    let shown: String = clean(input.value()).chars().skip(scroll).collect();
    if !focused {
        return Line::raw(format!("  {}", shown.chars().take(w - 2).collect::<String>()));
    }
    let cursor = input.visual_cursor().saturating_sub(scroll);
    let (before, after): (String, String) = (
        shown.chars().take(cursor).collect(),
        shown.chars().skip(cursor).collect(),
    );
    let mut rest = after.chars();
    let at = rest.next().map(String::from).unwrap_or_else(|| " ".into());
    Line::from(vec![
        Span::raw(before),
        Span::styled(at, theme.selected()),
        Span::raw(rest.collect::<String>()),
    ])
}
