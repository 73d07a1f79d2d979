//! The reason editor for confirming or dismissing a double-funding flag (`c`/`x` on the
//! double-funding tab).

use super::Look;
use super::note::text_field;
use crate::core::funding::Verdict;
use crate::core::sanitize::clean;
use crate::text::{self, fill};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use tui_input::Input;

/// The editor for judging the flag on `pair` (activity ↔ arrangement) as `verdict`.
pub fn render(look: Look, verdict: Verdict, pair: &str, input: &Input, area: Rect, buf: &mut Buffer) {
    let (title, prompt) = match verdict {
        Verdict::Confirmed => (text::K_CONFIRM_FLAG, text::REASON_PROMPT_CONFIRM),
        Verdict::Dismissed => (text::K_DISMISS_FLAG, text::REASON_PROMPT_DISMISS),
    };
    let prompt = fill(prompt.get(look.lang), &[("f", &clean(pair))]);
    text_field(look.theme, title.get(look.lang), &prompt, input, area, buf);
}
