//! The help overlay: the keys of where the user is (left) and the global keys (right),
//! straight from the keymap (two columns, so it fits 80x24).

use super::Look;
use crate::text;
use crate::tui::state::help::{HelpContent, HelpLine};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

fn column(look: Look, lines: &[HelpLine]) -> Vec<Line<'static>> {
    let lang = look.lang;
    lines
        .iter()
        .map(|l| match l {
            HelpLine::Title(t) => Line::from(Span::styled(t.get(lang), look.theme.header())),
            HelpLine::Key(b, elsewhere) => {
                let mark = if *elsewhere { " *" } else { "" };
                Line::from(vec![
                    Span::styled(format!("{:<9} ", b.label), look.theme.key()),
                    Span::raw(format!("{}{mark}", b.desc.get(lang))),
                ])
            }
            HelpLine::Blank => Line::raw(""),
            HelpLine::Note(t) => Line::styled(t.get(lang), look.theme.dim()),
        })
        .collect()
}

/// The overlay scrolled down `scroll` lines; `more` says there is more below.
pub fn render(look: Look, content: &HelpContent, scroll: u16, more: bool, area: Rect, buf: &mut Buffer) {
    let left = column(look, &content.left);
    let right = column(look, &content.right);
    let width = area.width.min(96);
    let height = (content.lines() + 2).min(area.height);
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
    let [l, r] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
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
