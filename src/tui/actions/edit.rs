//! The editing keys of the one-line text fields (notes, reasons, the decision form).

use crate::tui::keymap::EditKey;
use tui_input::InputRequest;

/// What an editing key does to a text field.
pub(super) fn request(key: EditKey) -> InputRequest {
    match key {
        EditKey::Char(c) => InputRequest::InsertChar(c),
        EditKey::Backspace => InputRequest::DeletePrevChar,
        EditKey::Delete => InputRequest::DeleteNextChar,
        EditKey::Left => InputRequest::GoToPrevChar,
        EditKey::Right => InputRequest::GoToNextChar,
        EditKey::Home => InputRequest::GoToStart,
        EditKey::End => InputRequest::GoToEnd,
        EditKey::DeleteWord => InputRequest::DeletePrevWord,
        EditKey::DeleteLine => InputRequest::DeleteLine,
    }
}
