//! The everyday-work popup: a path prompt when it asks for one, then what was done (written
//! files, import results and diagnostics), then what it shows (the letter, the export's
//! decisions, the stored samples), scrolled by the state.

use super::note::render_field;
use super::{Look, popup};
use crate::text::work as tw;
use crate::tui::state::work::{WorkKind, WorkPopup};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

pub fn render(look: Look, w: &WorkPopup, area: Rect, buf: &mut Buffer) {
    let lang = look.lang;
    let title = match w.kind {
        WorkKind::Letter { .. } => tw::LETTER_TITLE,
        WorkKind::Export => tw::EXPORT_TITLE,
        WorkKind::ImportPlans => tw::IMPORT_PLANS_TITLE,
        WorkKind::ImportRegistry => tw::IMPORT_REGISTRY_TITLE,
        WorkKind::Samples { .. } => tw::SAMPLES_TITLE,
        WorkKind::Package { .. } => tw::PACKAGE_TITLE,
    };
    let title = match &w.kind {
        WorkKind::Letter { plan_id } | WorkKind::Package { plan_id } => {
            format!("{} {}", title.get(lang), crate::core::sanitize::clean(plan_id))
        }
        _ => title.get(lang).to_string(),
    };
    let inner = popup::frame(area, area.width.saturating_sub(2), area.height, &title, buf);
    let mut body = inner;
    if let Some(input) = &w.prompt {
        let field = Rect { height: 1, ..inner };
        Paragraph::new(Line::from(vec![Span::styled("> ", look.theme.key())])).render(Rect { width: 2, ..field }, buf);
        let rest = Rect {
            x: field.x + 2,
            width: field.width.saturating_sub(2),
            ..field
        };
        render_field(look.theme, input, true, rest, buf);
        body = Rect {
            y: inner.y + 2,
            height: inner.height.saturating_sub(2),
            ..inner
        };
    }
    let samples = matches!(w.kind, WorkKind::Samples { ref ids } if !ids.is_empty());
    // What was done is read whole: wrapped here too where the rows below are not (samples).
    let mut lines: Vec<Line> = w
        .results
        .iter()
        .flat_map(|l| {
            if samples {
                crate::tui::state::overview::wrap(l, body.width.max(10) as usize)
            } else {
                vec![l.clone()]
            }
        })
        .map(|l| Line::styled(l, look.theme.warn()))
        .collect();
    if !w.results.is_empty() {
        lines.push(Line::raw(""));
    }
    for (i, l) in w.body.iter().enumerate() {
        if samples && i == w.selected {
            lines.push(Line::styled(l.clone(), look.theme.selected()));
        } else {
            lines.push(Line::raw(l.clone()));
        }
    }
    // The selected sample stays on screen.
    let scroll = if samples && w.results.is_empty() {
        (w.selected as u16).saturating_sub(body.height.saturating_sub(1))
    } else {
        w.scroll
    };
    // Samples are rows (one per line, selectable); everything else wraps.
    let p = Paragraph::new(lines).scroll((scroll, 0));
    if samples { p } else { p.wrap(Wrap { trim: false }) }.render(body, buf);
}
