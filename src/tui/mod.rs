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

/// How the workbench was started.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// On the demo's temporary database: quitting asks first, and offers to keep a copy.
    pub demo: bool,
    /// Mouse wheel and clicks (off with `--no-mouse`).
    pub mouse: bool,
}

/// Opens the workbench in the real terminal and restores it on quit, error or panic.
/// Returns where the demo's database was kept, if the user chose to keep it.
pub fn run(
    store: Store,
    rules: Rules,
    user: &str,
    lang: Lang,
    db_label: &str,
    envelope_cents: i64,
    options: Options,
) -> Result<Option<std::path::PathBuf>> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!(
            "the workbench needs a terminal; for scripts use `resv queue`, `resv show PLAN_ID` or `resv import PATH`"
        );
    }
    let mut app = App::new(store, rules, lang, db_label, Theme::from_env())?;
    app.user = user.to_string();
    app.set_envelope(envelope_cents);
    app.demo = options.demo;
    app.mouse = options.mouse;
    let mut terminal = ratatui::init(); // raw mode, alternate screen, panic hook that restores
    // Pasted text arrives as one event, not as keys (a pasted line break is no Enter).
    let _ = crossterm::execute!(std::io::stdout(), crossterm::event::EnableBracketedPaste);
    if options.mouse {
        let _ = crossterm::execute!(std::io::stdout(), crossterm::event::EnableMouseCapture);
    }
    let result = run_loop(&mut terminal, &mut app, next_event);
    let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableBracketedPaste);
    if options.mouse {
        let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableMouseCapture);
    }
    ratatui::restore();
    result.map(|()| app.kept)
}

/// How often the loop looks at the database when no key comes (changes by another process
/// appear within this time).
pub const TICK: std::time::Duration = std::time::Duration::from_millis(250);

/// The terminal's next event, or `None` after a [`TICK`] without one.
fn next_event() -> Result<Option<Event>> {
    if crossterm::event::poll(TICK)? {
        Ok(Some(crossterm::event::read()?))
    } else {
        Ok(None)
    }
}

/// Draw, wait for an event or a tick, update; until the app quits. A tick (`None`) looks
/// whether the database changed and reloads what shows it, and applies the queue figures
/// computed in the background.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    mut next_event: impl FnMut() -> Result<Option<Event>>,
) -> Result<()> {
    while !app.should_quit {
        let size = terminal.size().map_err(|e| anyhow!("terminal size: {e}"))?;
        app.resize(size);
        terminal
            .draw(|f| views::draw(f, app))
            .map_err(|e| anyhow!("drawing: {e}"))?;
        match next_event()? {
            Some(event) => app.handle_event(&event),
            None => app.tick(),
        }
    }
    // Figures computed in the background and not yet taken are stored; the worker stops.
    app.stop_recompute();
    Ok(())
}
