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

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let left = column(app, &[Context::Global, Context::Queue]);
    let right = column(app, &[Context::Filter, Context::Plan, Context::Help]);
    let width = area.width.min(96);
    let height = (left.len().max(right.len()) as u16 + 4).min(area.height);
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
    Paragraph::new(left).wrap(Wrap { trim: false }).render(l, buf);
    Paragraph::new(right).wrap(Wrap { trim: false }).render(r, buf);
}
