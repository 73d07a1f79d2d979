//! The terminal workbench (ratatui). Keys become [`keymap::Action`]s; [`actions`] carry
//! them out on the [`app::App`] and its [`state`]; [`views`] draw the state with the
//! [`widgets`] and read nothing else. The loop is generic over the backend so tests drive
//! it on `TestBackend`.
//!
//! Dependencies point one way: `keymap` <- `state` <- `widgets` <- `app` <- `actions` and
//! `views` <- this loop. `update` never draws: the counts it needs are kept in `state`.

pub mod actions;
pub mod app;
pub mod keymap;
pub mod state;
pub mod views;
pub mod widgets;

use crate::core::rules::Rules;
use crate::store::Store;
use crate::text::Lang;
use anyhow::{Result, anyhow};
use app::App;
use crossterm::event::Event;
use ratatui::Terminal;
use ratatui::backend::Backend;
use widgets::theme::Theme;

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
