//! A key and its value, the value word-wrapped under itself (a hanging indent) to the
//! screen width: the plan screen's overview and an activity's text.

use super::Look;
use crate::text::T;
use crate::tui::state::overview::{KEY_WIDTH, value_width, wrap};
use ratatui::text::{Line, Span};

/// The lines of `key` and `value` on a screen `screen_width` wide.
pub fn kv(look: Look, screen_width: u16, key: T, value: &str) -> Vec<Line<'static>> {
    let rows = wrap(value, value_width(screen_width));
    let label = key.get(look.lang);
    let key_text = if label.chars().count() < KEY_WIDTH {
        format!("{label:<KEY_WIDTH$}")
    } else {
        format!("{label} ")
    };
    rows.into_iter()
        .enumerate()
        .map(|(i, row)| {
            let key = if i == 0 {
                Span::styled(key_text.clone(), look.theme.key())
            } else {
                Span::raw(" ".repeat(KEY_WIDTH))
            };
            Line::from(vec![key, Span::raw(row)])
        })
        .collect()
}
