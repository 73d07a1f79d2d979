//! Helpers shared by the TUI tests: a demo app over the sample plans, key events, and the
//! screen as text.
#![allow(dead_code)]

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use resv::store::Store;
use resv::text::Lang;
use resv::tui::app::App;
use resv::tui::widgets::theme::Theme;

pub fn demo_app(lang: Lang) -> App {
    let mut store = Store::open_in_memory().unwrap();
    store.set_fixed_now("2026-11-01T09:00:00Z");
    resv::app::import::load_samples(&mut store, "inkoper").unwrap();
    App::new(
        store,
        resv::io::rules_files::built_in_rules(),
        lang,
        "demo",
        Theme { color: false },
    )
    .map(|mut app| {
        app.out_dir = "/home/inkoper/resv".into();
        app
    })
    .unwrap()
}

pub fn key(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

pub fn type_keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.handle_event(&key(KeyCode::Char(c)));
    }
}

pub fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    app.resize(ratatui::layout::Size::new(w, h));
    t.draw(|f| resv::tui::views::draw(f, app)).unwrap();
    t
}

pub fn screen(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let line: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol().to_string()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
