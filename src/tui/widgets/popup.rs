//! Shared popup geometry.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Widget};

/// Rows that `lines` take when wrapped to `width` columns (word wrapping may need a little
/// more; callers leave a spare row).
pub fn wrapped_rows(lines: &[Line<'_>], width: u16) -> u16 {
    let w = width.max(1) as usize;
    lines.iter().map(|l| l.width().max(1).div_ceil(w) as u16).sum()
}

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
