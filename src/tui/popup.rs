//! Shared popup geometry.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Clear, Widget};

/// Clears a centred box of at most `width` x `height` inside `area`, draws its border and
/// title, and returns the inner area.
pub fn frame(area: Rect, width: u16, height: u16, title: &str, buf: &mut Buffer) -> Rect {
    let (w, h) = (width.min(area.width), height.min(area.height));
    let rect = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    Clear.render(rect, buf);
    let block = Block::bordered().title(format!(" {title} "));
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}
