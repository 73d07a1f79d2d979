//! An activity's text on the Activities tab: description, executor, period, disciplines,
//! exception. The description is wrapped here to the pane's width, so the number of rows
//! it takes is known to the keys that scroll it (never past its end).

use super::Look;
use super::kv::kv;
use super::popup::wrapped_rows;
use crate::core::plan::Activity;
use crate::core::sanitize::{clean, clean_lines};
use crate::text;
use crate::tui::state::overview::{org_text, wrap};
use ratatui::text::Line;

/// The lines of activity `a` in a bordered pane as wide as a screen `screen_width` wide.
pub fn lines(look: Look, screen_width: u16, a: &Activity) -> Vec<Line<'static>> {
    let lang = look.lang;
    let kv = |key, value: &str| kv(look, screen_width, key, value);
    let inner = (screen_width as usize).saturating_sub(2).max(1);
    let mut lines: Vec<Line> = clean_lines(&a.description)
        .iter()
        .flat_map(|l| wrap(l, inner))
        .map(Line::raw)
        .collect();
    lines.extend(kv(text::EXECUTOR, &org_text(&a.executor)));
    lines.extend(kv(text::PERIOD, &text::fmt::period(lang, a.start, a.end)));
    let ds: Vec<&str> = a
        .disciplines
        .iter()
        .map(|d| text::names::discipline(*d).get(lang))
        .collect();
    lines.extend(kv(text::DISCIPLINE, &ds.join(", ")));
    lines.extend(kv(text::AGENDA_LINK, text::yes_no(lang, a.agenda_link)));
    if let Some(e) = &a.exception {
        lines.extend(kv(text::EXCEPTION, &clean(&e.justification)));
    }
    lines
}

/// The rows activity `a` takes in its bordered pane on a screen `screen_width` wide.
pub fn rows(look: Look, screen_width: u16, a: &Activity) -> u16 {
    wrapped_rows(&lines(look, screen_width, a), screen_width.saturating_sub(2))
}
