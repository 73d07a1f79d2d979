//! The decision form (`d` on the plan screen): outcome picker, an amount per contract year,
//! conditions, questions, reasoning and an override reason; Enter checks it and shows
//! exactly what will be recorded, and only a second confirmation records it.

use super::note::{self, field_line};
use super::{Look, popup};
use crate::app::decide::Prepared;
use crate::core::decision::Outcome;
use crate::core::sanitize::clean;
use crate::text::fmt::euros;
use crate::text::{self, decision as dt};
use crate::tui::state::DecisionForm;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// Who records the decision and when, as the confirmation shows it.
pub struct Recorder<'a> {
    pub user: &'a str,
    pub now: crate::core::time::Instant,
}

/// The form, or after a successful check the confirmation of what will be recorded.
pub fn render(look: Look, form: &DecisionForm, by: &Recorder, area: Rect, buf: &mut Buffer) {
    match &form.confirm {
        Some(p) => render_confirm(look, form, p, by, area, buf),
        None => render_form(look, form, area, buf),
    }
}

fn render_form(look: Look, form: &DecisionForm, area: Rect, buf: &mut Buffer) {
    let lang = look.lang;
    let outer = area.width.saturating_sub(4).min(100);
    let inner_width = outer.saturating_sub(2);
    let focus_style = |i: usize| {
        if form.focus == i {
            look.theme.key()
        } else {
            look.theme.dim()
        }
    };
    let mut lines: Vec<Line> = Vec::new();
    // The focused text field: its line and its input, for the terminal's cursor.
    let mut focused: Option<(usize, &tui_input::Input)> = None;
    let mut outcome_spans = vec![Span::styled(
        format!("{}: ", dt::FIELD_OUTCOME.get(lang)),
        focus_style(0),
    )];
    for o in Outcome::ALL {
        let text = format!(" {} ", dt::outcome_choice(*o).get(lang));
        outcome_spans.push(if *o == form.outcome {
            Span::styled(text, look.theme.selected())
        } else {
            Span::raw(text)
        });
    }
    lines.push(Line::from(outcome_spans));
    let width = inner_width as usize;
    for (i, ((year, fundable), input)) in form.years.iter().zip(&form.amounts).enumerate() {
        let label = format!(
            "{} {year} ({} {})",
            dt::FIELD_AMOUNT.get(lang),
            dt::FUNDABLE.get(lang),
            euros(lang, *fundable)
        );
        lines.push(Line::styled(label, focus_style(i + 1)));
        if form.focus == i + 1 {
            focused = Some((lines.len(), input));
        }
        lines.push(field_line(look.theme, input, form.focus == i + 1, width));
    }
    let n = form.amounts.len();
    let texts = [
        (dt::FIELD_CONDITIONS, &form.conditions),
        (dt::FIELD_QUESTIONS, &form.questions),
        (dt::FIELD_REASONING, &form.reasoning),
        (dt::FIELD_OVERRIDE, &form.override_reason),
    ];
    for (k, (label, input)) in texts.into_iter().enumerate() {
        let i = n + 1 + k;
        lines.push(Line::styled(label.get(lang), focus_style(i)));
        if form.focus == i {
            focused = Some((lines.len(), input));
        }
        lines.push(field_line(look.theme, input, form.focus == i, width));
    }
    for p in &form.problems {
        lines.push(Line::styled(format!("✗ {}", clean(p)), look.theme.bad()));
    }
    lines.push(Line::styled(dt::FORM_HINT.get(lang), look.theme.dim()));
    let rows = popup::wrapped_rows(&lines, inner_width);
    let height = (rows + 2).min(area.height);
    // Too tall for the screen (several years with long refusals at 80x24): scroll so the
    // refusals at the bottom show, but never past the focused field's label (one row per
    // field line; the outcome is row 0).
    let focus_label = if form.focus == 0 { 0 } else { 2 * form.focus as u16 - 1 };
    let scroll = (rows + 3).saturating_sub(area.height).min(focus_label);
    let title = format!("{} · {}", dt::FORM_TITLE.get(lang), clean(&form.plan_id));
    let inner = popup::frame(area, outer, height, &title, buf);
    if let Some((at, input)) = focused {
        // The field's row: the rows the lines above it wrap to, less the scroll.
        let row = popup::wrapped_rows(&lines[..at], inner_width).checked_sub(scroll);
        if let Some(row) = row.filter(|r| *r < inner.height) {
            let field = Rect {
                y: inner.y + row,
                height: 1,
                ..inner
            };
            note::note_cursor(input, field);
        }
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .render(inner, buf);
}

/// What will be recorded: outcome, plan version, amounts, conditions and questions.
fn decided_lines(look: Look, form: &DecisionForm, p: &Prepared) -> Vec<Line<'static>> {
    let lang = look.lang;
    let c = &p.checked;
    let sp = &p.assessed.stored;
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{}: ", dt::FIELD_OUTCOME.get(lang)), look.theme.key()),
            Span::styled(dt::outcome(c.outcome).get(lang).to_uppercase(), look.theme.title()),
        ]),
        Line::raw(format!(
            "{} {} · {} {} · sha256 {}…",
            text::PLAN.get(lang),
            clean(&form.plan_id),
            text::VERSION.get(lang),
            sp.version_no,
            sp.sha256.get(..12).unwrap_or("")
        )),
    ];
    if c.outcome.funds() {
        let years: Vec<String> = c
            .amounts
            .iter()
            .map(|y| format!("{} {}", y.year, euros(lang, y.amount)))
            .collect();
        lines.push(Line::raw(format!(
            "{}: {} (= {})",
            dt::CONTRACTED.get(lang),
            years.join(" · "),
            euros(lang, c.total())
        )));
    }
    let list = |lines: &mut Vec<Line>, title: text::T, items: &[String]| {
        if !items.is_empty() {
            lines.push(Line::styled(format!("{}:", title.get(lang)), look.theme.key()));
            for (i, item) in items.iter().enumerate() {
                lines.push(Line::raw(format!("  {}. {}", i + 1, clean(item))));
            }
        }
    };
    list(&mut lines, dt::CONDITIONS, &c.conditions);
    list(&mut lines, dt::QUESTIONS, &c.questions);
    lines
}

fn render_confirm(look: Look, form: &DecisionForm, p: &Prepared, by: &Recorder, area: Rect, buf: &mut Buffer) {
    let lang = look.lang;
    let c = &p.checked;
    let mut lines = decided_lines(look, form, p);
    // The warnings come before the free text, and long text is cut, so nothing that must be
    // seen before recording can fall out of the box.
    let outer = area.width.saturating_sub(4).min(100);
    let inner_width = outer.saturating_sub(2);
    let cut = |s: &str| {
        let max = inner_width as usize * 3;
        let s = clean(s);
        if s.chars().count() > max {
            format!("{}…", s.chars().take(max.saturating_sub(1)).collect::<String>())
        } else {
            s.into_owned()
        }
    };
    if let Some(d) = &p.current {
        lines.push(Line::styled(
            format!(
                "{} #{} ({}, {})",
                dt::SUPERSEDES.get(lang),
                d.id,
                dt::outcome(d.outcome).get(lang),
                clean(&d.by)
            ),
            look.theme.warn(),
        ));
    }
    if c.needs_approval {
        lines.push(Line::styled(dt::NEEDS_APPROVAL.get(lang), look.theme.warn()));
    }
    lines.push(Line::raw(format!("{}: {}", dt::REASONING.get(lang), cut(&c.reasoning))));
    if let Some(o) = &c.override_reason {
        lines.push(Line::raw(format!("{}: {}", dt::OVERRIDE.get(lang), cut(o))));
    }
    lines.push(Line::raw(format!(
        "{}: {} · {}",
        dt::RECORDED_BY.get(lang),
        clean(by.user),
        crate::text::local::local_time(lang, by.now)
    )));
    lines.push(Line::styled(dt::CONFIRM_HINT.get(lang), look.theme.dim()));
    let height = (popup::wrapped_rows(&lines, inner_width) + 3).min(area.height);
    let inner = popup::frame(area, outer, height, dt::CONFIRM_TITLE.get(lang), buf);
    Paragraph::new(lines).wrap(Wrap { trim: false }).render(inner, buf);
}
