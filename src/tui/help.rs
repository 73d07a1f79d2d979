//! The help overlay: every key, per context, straight from the keymap (two columns, so it
//! fits 80x24).

use super::app::App;
use super::keymap::{BINDINGS, Context};
use crate::i18n;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

fn column(app: &App, contexts: &[Context]) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for &ctx in contexts {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::from(Span::styled(ctx.title().get(app.lang), app.theme.header())));
        for b in BINDINGS.iter().filter(|b| b.context == ctx) {
            lines.push(Line::from(vec![
                Span::styled(format!("{:<9} ", b.label), app.theme.key()),
                Span::raw(b.desc.get(app.lang)),
            ]));
        }
    }
    lines
}

const LEFT: [Context; 3] = [Context::Global, Context::Queue, Context::Filter];
const RIGHT: [Context; 5] = [
    Context::Plan,
    Context::Assessment,
    Context::Score,
    Context::Note,
    Context::Help,
];

/// Lines the help needs (the taller column) and how far it can scroll in this terminal.
pub fn max_scroll(app: &App) -> u16 {
    let lines = column(app, &LEFT).len().max(column(app, &RIGHT).len()) as u16;
    // A few lines of slack for descriptions that wrap in a narrow terminal.
    let room = app.size.height.saturating_sub(2);
    (lines + 3).saturating_sub(room)
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let left = column(app, &LEFT);
    let right = column(app, &RIGHT);
    let width = area.width.min(96);
    let height = (left.len().max(right.len()) as u16 + 2).min(area.height);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    Clear.render(popup, buf);
    let block = Block::bordered().title(format!(" {} ", i18n::HELP_TITLE.get(app.lang)));
    let inner = block.inner(popup);
    block.render(popup, buf);
    let [l, r] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
        .spacing(1)
        .areas(inner);
    let scroll = (app.help_scroll, 0);
    Paragraph::new(left)
        .wrap(Wrap { trim: false })
        .scroll(scroll)
        .render(l, buf);
    Paragraph::new(right)
        .wrap(Wrap { trim: false })
        .scroll(scroll)
        .render(r, buf);
    if max_scroll(app) > app.help_scroll {
        let more = format!(" ↓ j: {} ", i18n::MORE.get(app.lang));
        let x = popup.x + popup.width.saturating_sub(more.chars().count() as u16 + 1);
        buf.set_string(x, popup.y + popup.height - 1, more, app.theme.key());
    }
}
