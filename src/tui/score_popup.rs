//! The score picker: the policy's scale with its labelled anchors; a digit picks a score.

use super::app::{App, PlanView};
use crate::core::sanitize::clean;
use crate::i18n::{self, fill};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

pub fn render(app: &App, _view: &PlanView, area: Rect, buf: &mut Buffer) {
    let Some(id) = app.selected_criterion() else {
        return;
    };
    let lang = app.lang;
    let scale = &app.rules.policy.scale;
    let mut lines = vec![
        Line::raw(fill(
            i18n::SCORE_PROMPT.get(lang),
            &[
                ("c", id.keyword()),
                ("min", &scale.min.to_string()),
                ("max", &scale.max.to_string()),
            ],
        )),
        Line::raw(""),
    ];
    for s in scale.min..=scale.max {
        lines.push(Line::from(vec![
            Span::styled(format!("  {s}  "), app.theme.key()),
            Span::raw(clean(scale.label(s).unwrap_or("")).into_owned()),
        ]));
    }
    let height = lines.len() as u16 + 3;
    let inner = super::popup::frame(area, 56, height, i18n::K_SCORE.get(lang), buf);
    Paragraph::new(lines).wrap(Wrap { trim: false }).render(inner, buf);
}
