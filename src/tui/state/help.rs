//! The help overlay's columns and how far they scroll: counted from the keymap, so the
//! keys never build the overlay to learn its height.

use crate::tui::keymap::{BINDINGS, Context};

/// The contexts of the overlay's left and right columns.
pub const LEFT: [Context; 3] = [Context::Global, Context::Queue, Context::Filter];
pub const RIGHT: [Context; 5] = [
    Context::Plan,
    Context::Assessment,
    Context::Score,
    Context::Note,
    Context::Help,
];

/// Lines of a column of `contexts`: per context its title and bindings, a blank line
/// between contexts.
pub fn column_len(contexts: &[Context]) -> usize {
    let bindings = |ctx: &Context| BINDINGS.iter().filter(|b| b.context == *ctx).count();
    contexts.iter().map(|c| 1 + bindings(c)).sum::<usize>() + contexts.len().saturating_sub(1)
}

/// Lines the help needs: the taller column.
pub fn lines() -> u16 {
    column_len(&LEFT).max(column_len(&RIGHT)) as u16
}

/// How far help of `lines` lines can scroll in a terminal `height` rows high.
pub fn max_scroll(lines: u16, height: u16) -> u16 {
    // A few lines of slack for descriptions that wrap in a narrow terminal.
    let room = height.saturating_sub(2);
    (lines + 3).saturating_sub(room)
}
