//! The decision form (`d` on the plan screen): outcome picker, an amount per contract year,
//! conditions, questions, reasoning and an override reason; Enter checks it and shows
//! exactly what will be recorded, and only a second confirmation records it.

use super::app::App;
use super::note_popup::field_line;
use crate::core::decision::{Draft, Outcome};
use crate::core::money::{Cents, describe_error, parse_amount};
use crate::core::sanitize::clean;
use crate::deciding::Prepared;
use crate::i18n::{self, Lang, decision as dt, euros};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use tui_input::Input;

/// What the form holds while the buyer fills it in.
pub struct DecisionForm {
    pub plan_id: String,
    pub outcome: Outcome,
    /// Contract years with their assessed fundable amount.
    pub years: Vec<(u16, Cents)>,
    pub amounts: Vec<Input>,
    pub conditions: Input,
    pub questions: Input,
    pub reasoning: Input,
    pub override_reason: Input,
    /// The focused field: 0 the outcome, then the amounts, then the four text fields.
    pub focus: usize,
    /// Why the last check refused the draft.
    pub problems: Vec<String>,
    /// The plan's current decision when the form opened: the new one replaces exactly it.
    pub expect_latest: Option<i64>,
    /// After a successful check: what will be recorded, waiting for confirmation.
    pub confirm: Option<Box<Prepared>>,
}

/// Euros as a field shows them, with cents so they can never be misread: `585.000,00` in
/// Dutch, `585,000.00` in English. The one amount parser reads both back.
fn prefill(c: Cents, lang: Lang) -> String {
    match lang {
        Lang::Nl => c.fmt_exact('.', ','),
        Lang::En => c.fmt_exact(',', '.'),
    }
}

impl DecisionForm {
    pub fn new(plan_id: &str, years: Vec<(u16, Cents)>, expect_latest: Option<i64>, lang: Lang) -> DecisionForm {
        let amounts = years.iter().map(|(_, f)| Input::new(prefill(*f, lang))).collect();
        DecisionForm {
            plan_id: plan_id.to_string(),
            outcome: Outcome::Approve,
            years,
            amounts,
            conditions: Input::default(),
            questions: Input::default(),
            reasoning: Input::default(),
            override_reason: Input::default(),
            focus: 0,
            problems: Vec::new(),
            expect_latest,
            confirm: None,
        }
    }

    fn field_count(&self) -> usize {
        1 + self.amounts.len() + 4
    }

    pub fn next(&mut self, forward: bool) {
        let n = self.field_count();
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
    }

    /// Picks the next or previous outcome.
    pub fn cycle_outcome(&mut self, forward: bool) {
        let all = Outcome::ALL;
        let i = all.iter().position(|o| *o == self.outcome).unwrap_or(0);
        let n = all.len();
        self.outcome = all[if forward { (i + 1) % n } else { (i + n - 1) % n }];
    }

    /// The text field with focus, if the focus is on one.
    pub fn focused_input(&mut self) -> Option<&mut Input> {
        let n = self.amounts.len();
        match self.focus {
            0 => None,
            f if f <= n => self.amounts.get_mut(f - 1),
            f => Some(
                [
                    &mut self.conditions,
                    &mut self.questions,
                    &mut self.reasoning,
                    &mut self.override_reason,
                ]
                .into_iter()
                .nth(f - n - 1)?,
            ),
        }
    }

    /// The draft the fields describe; an amount that is not a number is a problem here.
    pub fn draft(&self, lang: Lang) -> Result<Draft, Vec<String>> {
        let split = |i: &Input| i.value().split(';').map(|s| s.trim().to_string()).collect::<Vec<_>>();
        let funds = self.outcome.funds();
        let mut amounts = Vec::new();
        let mut problems = Vec::new();
        for ((year, _), input) in self.years.iter().zip(&self.amounts) {
            let text = input.value().trim();
            match (funds, parse_amount(text)) {
                (false, _) => {}
                (true, Ok(c)) => amounts.push(c),
                (true, Err(e)) => problems.push(format!("{year}: {}", describe_error(text, &e, lang == Lang::En))),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let override_reason = Some(self.override_reason.value().to_string());
        Ok(Draft {
            outcome: Some(self.outcome),
            amounts,
            conditions: split(&self.conditions),
            questions: split(&self.questions),
            reasoning: self.reasoning.value().to_string(),
            override_reason,
        })
    }
}

pub fn render(app: &App, form: &DecisionForm, area: Rect, buf: &mut Buffer) {
    match &form.confirm {
        Some(p) => render_confirm(app, form, p, area, buf),
        None => render_form(app, form, area, buf),
    }
}

fn render_form(app: &App, form: &DecisionForm, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let outer = area.width.saturating_sub(4).min(100);
    let inner_width = outer.saturating_sub(2);
    let focus_style = |i: usize| {
        if form.focus == i {
            app.theme.key()
        } else {
            app.theme.dim()
        }
    };
    let mut lines: Vec<Line> = Vec::new();
    let mut outcome_spans = vec![Span::styled(
        format!("{}: ", dt::FIELD_OUTCOME.get(lang)),
        focus_style(0),
    )];
    for o in Outcome::ALL {
        let text = format!(" {} ", dt::outcome_choice(*o).get(lang));
        outcome_spans.push(if *o == form.outcome {
            Span::styled(text, app.theme.selected())
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
        lines.push(field_line(app, input, form.focus == i + 1, width));
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
        lines.push(field_line(app, input, form.focus == i, width));
    }
    for p in &form.problems {
        lines.push(Line::styled(format!("✗ {}", clean(p)), app.theme.bad()));
    }
    lines.push(Line::styled(dt::FORM_HINT.get(lang), app.theme.dim()));
    let rows = super::popup::wrapped_rows(&lines, inner_width);
    let height = (rows + 2).min(area.height);
    // Too tall for the screen (several years with long refusals at 80x24): scroll so the
    // refusals at the bottom show, but never past the focused field's label (one row per
    // field line; the outcome is row 0).
    let focus_label = if form.focus == 0 { 0 } else { 2 * form.focus as u16 - 1 };
    let scroll = (rows + 3).saturating_sub(area.height).min(focus_label);
    let title = format!("{} · {}", dt::FORM_TITLE.get(lang), clean(&form.plan_id));
    let inner = super::popup::frame(area, outer, height, &title, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .render(inner, buf);
}

fn render_confirm(app: &App, form: &DecisionForm, p: &Prepared, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let c = &p.checked;
    let sp = &p.assessed.stored;
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{}: ", dt::FIELD_OUTCOME.get(lang)), app.theme.key()),
            Span::styled(dt::outcome(c.outcome).get(lang).to_uppercase(), app.theme.title()),
        ]),
        Line::raw(format!(
            "{} {} · {} {} · sha256 {}…",
            i18n::PLAN.get(lang),
            clean(&form.plan_id),
            i18n::VERSION.get(lang),
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
    let list = |lines: &mut Vec<Line>, title: i18n::T, items: &[String]| {
        if !items.is_empty() {
            lines.push(Line::styled(format!("{}:", title.get(lang)), app.theme.key()));
            for (i, item) in items.iter().enumerate() {
                lines.push(Line::raw(format!("  {}. {}", i + 1, clean(item))));
            }
        }
    };
    list(&mut lines, dt::CONDITIONS, &c.conditions);
    list(&mut lines, dt::QUESTIONS, &c.questions);
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
            app.theme.warn(),
        ));
    }
    if c.needs_approval {
        lines.push(Line::styled(dt::NEEDS_APPROVAL.get(lang), app.theme.warn()));
    }
    lines.push(Line::raw(format!("{}: {}", dt::REASONING.get(lang), cut(&c.reasoning))));
    if let Some(o) = &c.override_reason {
        lines.push(Line::raw(format!("{}: {}", dt::OVERRIDE.get(lang), cut(o))));
    }
    lines.push(Line::raw(format!(
        "{}: {} · {}",
        dt::RECORDED_BY.get(lang),
        clean(&app.user),
        app.store.now()
    )));
    lines.push(Line::styled(dt::CONFIRM_HINT.get(lang), app.theme.dim()));
    let height = (super::popup::wrapped_rows(&lines, inner_width) + 3).min(area.height);
    let inner = super::popup::frame(area, outer, height, dt::CONFIRM_TITLE.get(lang), buf);
    Paragraph::new(lines).wrap(Wrap { trim: false }).render(inner, buf);
}
