//! Pasted text (the terminal's bracketed paste): it goes into the text field that has focus
//! as text, never as keys. Without this a pasted line break was Enter: a two-paragraph
//! reasoning checked the decision form at the first break and recorded the decision at the
//! second, and the letters after it ran as commands.

use crate::core::MAX_TEXT_CHARS;
use crate::text::{self, fill};
use crate::tui::app::App;
use crate::tui::keymap::Action;
use crate::tui::state::Popup;
use tui_input::Input;

/// The longest text pasted into the queue's or the registry's filter.
pub const MAX_FILTER_PASTE: usize = 100;

/// Pasted text as one line: a line break or tab becomes a space, other control characters
/// are dropped (typing cannot enter them either).
pub fn one_line(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Inserts `text` at the cursor, or refuses (leaving the field as it was) when the field
/// would hold more than `max` characters. Returns the length it would have had.
fn insert(input: &mut Input, text: &str, max: usize) -> Result<(), usize> {
    let value = input.value();
    let at = input.cursor();
    let total = value.chars().count() + text.chars().count();
    if total > max {
        return Err(total);
    }
    let before: String = value.chars().take(at).collect();
    let after: String = value.chars().skip(at).collect();
    let cursor = at + text.chars().count();
    *input = Input::new(format!("{before}{text}{after}")).with_cursor(cursor);
    Ok(())
}

impl App {
    /// A paste: into the focused text field, bounded; anywhere else it is ignored with a
    /// message, so pasted letters never run as commands.
    pub(super) fn paste(&mut self, text: &str) {
        let lang = self.lang;
        self.message = None;
        self.notice = None;
        let text = one_line(text);
        let refuse = |total: usize, max: usize| {
            fill(
                text::PASTE_TOO_LONG.get(lang),
                &[("n", &total.to_string()), ("max", &max.to_string())],
            )
        };
        if self.help {
            return;
        }
        if self.filtering {
            let total = text.chars().count();
            if total > MAX_FILTER_PASTE {
                self.message = Some(refuse(total, MAX_FILTER_PASTE));
                return;
            }
            for c in text.chars() {
                self.update(Action::FilterChar(c));
            }
            return;
        }
        // A prefilled amount not yet typed into is replaced by the paste, as by typing.
        let mut replace = false;
        let field = match &mut self.popup {
            Some(Popup::Note(input)) | Some(Popup::Reason(_, input)) => Some(input),
            Some(Popup::Decision(form)) if form.confirm.is_none() => {
                replace = form.fresh_amount();
                form.focused_input()
            }
            Some(Popup::Work(w)) => w.prompt.as_mut(),
            _ => None,
        };
        match field {
            Some(input) => {
                let mut into = if replace { Input::default() } else { input.clone() };
                match insert(&mut into, &text, MAX_TEXT_CHARS) {
                    Ok(()) => *input = into,
                    Err(total) => self.message = Some(refuse(total, MAX_TEXT_CHARS)),
                }
            }
            None => self.message = Some(text::PASTE_NOWHERE.get(lang).to_string()),
        }
        if let Some(Popup::Decision(form)) = &mut self.popup
            && self.message.is_none()
        {
            form.fresh = false;
            // Validation follows what the form holds, as after typing.
            super::decision::recheck(form, &self.store, &self.rules, &self.registry, lang);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_become_spaces_and_controls_go() {
        assert_eq!(one_line("a\r\nb\nc\td\u{1b}[2J\u{7}"), "a b c d[2J");
    }

    #[test]
    fn inserts_at_the_cursor_and_refuses_above_the_cap() {
        let mut input = Input::new("ad".into()).with_cursor(1);
        insert(&mut input, "bc", 10).unwrap();
        assert_eq!((input.value(), input.cursor()), ("abcd", 3));
        assert_eq!(insert(&mut input, "1234567", 10), Err(11));
        assert_eq!(input.value(), "abcd", "a refused paste leaves the field as it was");
    }
}
