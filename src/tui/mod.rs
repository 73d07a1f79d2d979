//! The terminal workbench (ratatui). One file per screen or popup:
//! [`queue_view`], [`plan_view`], [`assess_view`] (the assessment tab), the score and note
//! popups, [`help`]; state and `update` in [`app`] (assessment keys in `assess_actions`);
//! keys in [`keymap`]. The loop is generic over the backend so tests drive it on `TestBackend`.

pub mod app;
mod assess_actions;
pub mod assess_view;
pub mod coordination_view;
pub mod dashboard_view;
mod decision_actions;
pub mod decision_form;
mod funding_actions;
pub mod funding_view;
pub mod help;
pub mod history_view;
pub mod keymap;
mod note_popup;
mod nza_actions;
mod paste;
pub mod plan_view;
mod popup;
pub mod queue_view;
pub mod regions_view;
pub mod registry_view;
pub mod sampling_view;
mod score_popup;
pub mod theme;

use crate::core::rules::Rules;
use crate::i18n::{self, Lang};
use crate::store::Store;
use anyhow::{Result, anyhow};
use app::{App, Screen};
use crossterm::event::Event;
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use theme::Theme;

/// The most rows a message in the status bar takes.
pub const MAX_STATUS_ROWS: u16 = 4;

/// Opens the workbench in the real terminal and restores it on quit, error or panic.
pub fn run(store: Store, rules: Rules, user: &str, lang: Lang, db_label: &str, envelope_cents: i64) -> Result<()> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!(
            "the workbench needs a terminal; for scripts use `resv queue`, `resv show PLAN_ID` or `resv import PATH`"
        );
    }
    let mut app = App::new(store, rules, lang, db_label, Theme::from_env())?;
    app.user = user.to_string();
    app.envelope_cents = envelope_cents;
    let mut terminal = ratatui::init(); // raw mode, alternate screen, panic hook that restores
    // Pasted text arrives as one event, not as keys (a pasted line break is no Enter).
    let _ = crossterm::execute!(std::io::stdout(), crossterm::event::EnableBracketedPaste);
    let result = run_loop(&mut terminal, &mut app, || Ok(crossterm::event::read()?));
    let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableBracketedPaste);
    ratatui::restore();
    result
}

/// Draw, wait for an event, update; until the app quits.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    mut next_event: impl FnMut() -> Result<Event>,
) -> Result<()> {
    while !app.should_quit {
        let size = terminal.size().map_err(|e| anyhow!("terminal size: {e}"))?;
        app.resize(size);
        terminal
            .draw(|f| f.render_widget(&*app, f.area()))
            .map_err(|e| anyhow!("drawing: {e}"))?;
        let event = next_event()?;
        app.handle_event(&event);
    }
    Ok(())
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        // A message longer than the screen is wide takes up to 4 rows: a refusal must be read
        // whole (what is wrong, where, what is expected), not cut at the right edge.
        let rows = self.status_rows(area.width).min(area.height.saturating_sub(2)).max(1);
        let [title, body, status] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(rows)]).areas(area);
        self.render_title(title, buf);
        match &self.screen {
            Screen::Queue => queue_view::render(self, body, buf),
            Screen::Plan(p) => plan_view::render(self, p, body, buf),
            Screen::Registry(r) => registry_view::render(self, r, body, buf),
            Screen::Regions(r) => regions_view::render(self, r, body, buf),
            Screen::Nza(v) => match &v.sampling {
                Some(s) => sampling_view::render(self, s, body, buf),
                None => dashboard_view::render(self, v, body, buf),
            },
        }
        match &self.popup {
            Some(app::Popup::Decision(form)) => decision_form::render(self, form, body, buf),
            Some(app::Popup::Approve(d)) => self.render_approve(d, body, buf),
            _ => {}
        }
        self.render_status(status, buf);
        if self.help {
            help::render(self, area, buf);
        }
    }
}

impl App {
    fn render_title(&self, area: Rect, buf: &mut Buffer) {
        let where_ = match &self.screen {
            Screen::Queue => i18n::QUEUE.get(self.lang).to_string(),
            Screen::Plan(p) => format!(
                "{} {}",
                i18n::PLAN.get(self.lang),
                crate::core::sanitize::clean(&p.stored.plan.id)
            ),
            Screen::Registry(_) => i18n::REGISTRY.get(self.lang).to_string(),
            Screen::Regions(_) => i18n::coordination::REGIONS.get(self.lang).to_string(),
            Screen::Nza(v) if v.sampling.is_some() => i18n::nza::CTX_SAMPLING.get(self.lang).to_string(),
            Screen::Nza(_) => i18n::nza::DASHBOARD.get(self.lang).to_string(),
        };
        let mut spans = vec![
            Span::styled(" resv ", self.theme.title()),
            Span::raw(format!("│ {where_} │ ")),
            Span::styled(
                crate::core::sanitize::clean(&self.db_label).into_owned(),
                self.theme.dim(),
            ),
        ];
        if self.store.is_read_only() {
            spans.push(Span::styled(
                format!(" [{}]", i18n::decision::READ_ONLY_WHY.get(self.lang)),
                self.theme.warn(),
            ));
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
    }

    /// The approval question, with the decision it approves.
    fn render_approve(&self, d: &crate::core::decision::Decision, area: Rect, buf: &mut Buffer) {
        let mut lines: Vec<Line> = i18n::history::decision_lines(d, true, self.lang)
            .into_iter()
            .map(Line::raw)
            .collect();
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            i18n::decision::APPROVE_QUESTION.get(self.lang),
            self.theme.key(),
        ));
        let width = area.width.saturating_sub(4).min(100);
        let height = popup::wrapped_rows(&lines, width.saturating_sub(2)) + 3;
        let inner = popup::frame(area, width, height, i18n::decision::APPROVE_TITLE.get(self.lang), buf);
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .render(inner, buf);
    }

    /// Rows the status bar needs at `width`: a message or notice wrapped (at most
    /// [`MAX_STATUS_ROWS`], with a spare row for word wrapping), else one.
    fn status_rows(&self, width: u16) -> u16 {
        match self.message.as_ref().or(self.notice.as_ref()) {
            Some(msg) => {
                let line = Line::raw(crate::core::sanitize::clean(msg).into_owned());
                let rows = popup::wrapped_rows(&[line], width);
                if rows > 1 { rows + 1 } else { rows }.min(MAX_STATUS_ROWS)
            }
            None => 1,
        }
    }

    /// The keys that work here, from the keymap; or a message when there is one.
    fn render_status(&self, area: Rect, buf: &mut Buffer) {
        let shown = match (&self.message, &self.notice) {
            (Some(msg), _) => Some((msg, self.theme.bad())),
            (None, Some(msg)) => Some((msg, self.theme.good())),
            (None, None) => None,
        };
        if let Some((msg, style)) = shown {
            Paragraph::new(Span::styled(crate::core::sanitize::clean(msg).into_owned(), style))
                .wrap(Wrap { trim: true })
                .render(area, buf);
            return;
        }
        let mut spans = Vec::new();
        for b in keymap::bindings_for(&self.contexts()).filter(|b| b.status) {
            spans.push(Span::styled(format!(" {}", b.label), self.theme.key()));
            spans.push(Span::raw(format!(" {} ", b.desc.get(self.lang))));
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
    }
}
