//! The help overlay: every key, per context, straight from the keymap (two columns, so it
//! fits 80x24).

use super::Look;
use crate::text;
use crate::tui::keymap::{BINDINGS, Context};
use crate::tui::state::help::{LEFT, RIGHT};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

fn column(look: Look, contexts: &[Context]) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for &ctx in contexts {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::from(Span::styled(
            ctx.title().get(look.lang),
            look.theme.header(),
        )));
        for b in BINDINGS.iter().filter(|b| b.context == ctx) {
            lines.push(Line::from(vec![
                Span::styled(format!("{:<9} ", b.label), look.theme.key()),
                Span::raw(b.desc.get(look.lang)),
            ]));
        }
    }
    lines
}

/// The overlay scrolled down `scroll` lines; `more` says there is more below.
pub fn render(look: Look, scroll: u16, more: bool, area: Rect, buf: &mut Buffer) {
    let left = column(look, &LEFT);
    let right = column(look, &RIGHT);
    let width = area.width.min(96);
    let height = (left.len().max(right.len()) as u16 + 2).min(area.height);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    Clear.render(popup, buf);
    let block = Block::bordered().title(format!(" {} ", text::HELP_TITLE.get(look.lang)));
    let inner = block.inner(popup);
    block.render(popup, buf);
    let [l, r] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
        .spacing(1)
        .areas(inner);
    let scroll = (scroll, 0);
    Paragraph::new(left)
        .wrap(Wrap { trim: false })
        .scroll(scroll)
        .render(l, buf);
    Paragraph::new(right)
        .wrap(Wrap { trim: false })
        .scroll(scroll)
        .render(r, buf);
    if more {
        let more = format!(" ↓ j: {} ", text::MORE.get(look.lang));
        let x = popup.x + popup.width.saturating_sub(more.chars().count() as u16 + 1);
        buf.set_string(x, popup.y + popup.height - 1, more, look.theme.key());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::state::help::column_len;
    use crate::tui::widgets::theme::Theme;

    /// The count the keys scroll by is the overlay's real height, in both languages.
    #[test]
    fn the_counted_columns_are_the_drawn_columns() {
        for lang in [text::Lang::Nl, text::Lang::En] {
            let look = Look {
                theme: Theme { color: false },
                lang,
            };
            assert_eq!(column(look, &LEFT).len(), column_len(&LEFT));
            assert_eq!(column(look, &RIGHT).len(), column_len(&RIGHT));
        }
    }
}
