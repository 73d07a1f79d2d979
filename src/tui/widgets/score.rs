//! The score picker: the policy's scale with its labelled anchors; a digit picks a score.

use super::{Look, popup};
use crate::core::rules::policy::Scale;
use crate::core::sanitize::clean;
use crate::text::{self, fill};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// The picker for the criterion named `name` on `scale`.
pub fn render(look: Look, name: &str, scale: &Scale, area: Rect, buf: &mut Buffer) {
    let lang = look.lang;
    let mut lines = vec![
        Line::raw(fill(
            text::SCORE_PROMPT.get(lang),
            &[
                ("c", &clean(name)),
                ("min", &scale.min.to_string()),
                ("max", &scale.max.to_string()),
            ],
        )),
        Line::raw(""),
    ];
    for s in scale.min..=scale.max {
        lines.push(Line::from(vec![
            Span::styled(format!("  {s}  "), look.theme.key()),
            Span::raw(clean(scale.label(s).unwrap_or("")).into_owned()),
        ]));
    }
    let height = lines.len() as u16 + 3;
    let inner = popup::frame(area, 56, height, text::K_SCORE.get(lang), buf);
    Paragraph::new(lines).wrap(Wrap { trim: false }).render(inner, buf);
}
