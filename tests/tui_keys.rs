//! Every key is discoverable: `?` lists the keys of where the user is first, then the
//! global ones; the status bar fits 80 columns, always shows `?` and only keys that act
//! (no editing keys when read-only); `S` steps the state filter back, Ctrl-d/Ctrl-u move
//! half a page, Ctrl-u clears the filter line.

mod common;

use common::{demo_app, draw, key, screen, type_keys};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use resv::store::Store;
use resv::text::Lang;
use resv::tui::app::App;
use resv::tui::state::Screen;
use resv::tui::widgets::theme::Theme;

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// The last row of the screen: the status bar.
fn status(s: &str) -> String {
    s.lines().last().unwrap_or("").to_string()
}

fn open_plan(app: &mut App, filter: &str) {
    type_keys(app, "/");
    type_keys(app, filter);
    app.handle_event(&key(KeyCode::Enter));
    app.handle_event(&key(KeyCode::Enter));
    assert!(matches!(app.screen, Screen::Plan(_)));
}

fn to_tab(app: &mut App, tab: usize) {
    while !matches!(&app.screen, Screen::Plan(p) if p.tab == tab) {
        app.handle_event(&key(KeyCode::Tab));
    }
}

#[test]
fn the_queue_status_bar_fits_80_columns_with_every_screen_key_and_help() {
    for (lang, words) in [
        (
            Lang::Nl,
            [
                "openen",
                "filter",
                "status",
                "register",
                "regio's",
                "NZa",
                "afsluiten",
                "? help",
            ],
        ),
        (
            Lang::En,
            [
                "open", "filter", "state", "registry", "regions", "NZa", "quit", "? help",
            ],
        ),
    ] {
        let mut app = demo_app(lang);
        let s = screen(&draw(&mut app, 80, 24));
        let bar = status(&s);
        assert!(bar.chars().count() <= 80, "{bar}");
        for w in words {
            assert!(bar.contains(w), "{lang:?}: {w} missing from {bar}");
        }
    }
}

#[test]
fn every_status_bar_shows_help_and_fits() {
    let mut app = demo_app(Lang::Nl);
    open_plan(&mut app, "RIJ");
    for tab in 0..7 {
        to_tab(&mut app, tab);
        for _ in 0..2 {
            app.handle_event(&key(KeyCode::Down));
        }
        for (w, h) in [(80, 24), (120, 40)] {
            let bar = status(&screen(&draw(&mut app, w, h)));
            assert!(bar.ends_with("? help"), "tab {tab} at {w}x{h}: {bar}");
        }
    }
}

#[test]
fn help_lists_the_keys_of_the_current_screen_first() {
    let mut app = demo_app(Lang::Nl);
    open_plan(&mut app, "RIJ");
    to_tab(&mut app, resv::tui::state::FUNDING_TAB);
    type_keys(&mut app, "?");
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&draw(&mut app, w, h));
        let first_body_line = s.lines().nth(6).unwrap_or("");
        assert!(
            first_body_line.contains("Dubbele financiering") || s.contains("│Dubbele"),
            "{s}"
        );
        assert!(
            s.contains("x         signaal afwijzen *"),
            "x dismisses here, and means else elsewhere: {s}"
        );
        assert!(
            !s.contains("handmatige score en notitie wissen"),
            "not the assessment tab's x: {s}"
        );
        assert!(s.contains("Overal"), "then the global keys: {s}");
        insta::assert_snapshot!(format!("help_funding_{w}x{h}"), s);
    }
    type_keys(&mut app, "?");
    // On the NZa dashboard its own keys are listed.
    app.handle_event(&key(KeyCode::Esc));
    app.handle_event(&key(KeyCode::Esc));
    type_keys(&mut app, "n?");
    let s = screen(&draw(&mut app, 120, 40));
    assert!(s.contains("Sampling") || s.contains("steekproef"), "{s}");
    assert!(s.contains("uitsplitsing"), "{s}");
}

#[test]
fn read_only_help_and_status_bar_show_no_editing_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ro.db");
    {
        let mut store = Store::open(&path, false).unwrap();
        resv::app::import::load_samples(&mut store, "inkoper").unwrap();
    }
    let store = Store::open(&path, true).unwrap();
    let rules = resv::io::rules_files::built_in_rules();
    let mut app = App::new(store, rules, Lang::En, "ro", Theme { color: false }).unwrap();
    open_plan(&mut app, "UTR");
    to_tab(&mut app, resv::tui::state::ASSESSMENT_TAB);
    app.handle_event(&key(KeyCode::Down));
    let bar = status(&screen(&draw(&mut app, 80, 24)));
    for k in [" s ", " n ", " x ", " d ", " a "] {
        assert!(!bar.contains(k), "{k} in {bar}");
    }
    type_keys(&mut app, "?");
    let s = screen(&draw(&mut app, 120, 40));
    for k in ["set score", "decide", "clear manual"] {
        assert!(!s.contains(k), "{k} in read-only help: {s}");
    }
}

#[test]
fn shift_s_steps_the_state_filter_back() {
    let mut app = demo_app(Lang::Nl);
    type_keys(&mut app, "s");
    let first = app.queue.state_filter();
    assert!(first.is_some());
    type_keys(&mut app, "S");
    assert_eq!(app.queue.state_filter(), None, "back to all plans");
    type_keys(&mut app, "S");
    let last = app.queue.state_filter();
    assert!(last.is_some() && last != first, "round to the last state");
    type_keys(&mut app, "s");
    assert_eq!(app.queue.state_filter(), None);
}

#[test]
fn ctrl_d_and_ctrl_u_move_half_a_page_and_ctrl_u_clears_the_filter_line() {
    let mut app = demo_app(Lang::Nl);
    draw(&mut app, 80, 12);
    type_keys(&mut app, "g");
    let page = app.queue_page();
    app.handle_event(&ctrl('d'));
    assert_eq!(app.selected, (page / 2).max(1).min(app.queue.len() - 1));
    app.handle_event(&ctrl('u'));
    assert_eq!(app.selected, 0);
    type_keys(&mut app, "/utr");
    app.handle_event(&ctrl('u'));
    assert!(app.filtering, "still typing");
    assert_eq!(app.queue.filter(), "");
    type_keys(&mut app, "twe");
    assert_eq!(app.queue.filter(), "twe");
}

/// Help scrolls like every pane: G to its last line, g back to the top, PgDn a page.
#[test]
fn help_g_goes_to_its_end_and_g_back() {
    let mut app = common::demo_app(resv::text::Lang::Nl);
    common::draw(&mut app, 80, 24);
    common::type_keys(&mut app, "?");
    assert!(app.help && app.help_max_scroll() > 1, "help is longer than 80x24");
    common::type_keys(&mut app, "G");
    assert_eq!(app.help_scroll, app.help_max_scroll());
    common::type_keys(&mut app, "G");
    assert_eq!(app.help_scroll, app.help_max_scroll(), "never past its end");
    common::type_keys(&mut app, "g");
    assert_eq!(app.help_scroll, 0);
    app.handle_event(&common::key(crossterm::event::KeyCode::PageDown));
    assert!(app.help_scroll > 1 && app.help_scroll <= app.help_max_scroll());
}

/// `?` in the decision form shows the form's keys (from the keymap); in a text field `?` is
/// typed (a question to the region ends in one) and F1 shows them; Esc closes help and
/// leaves the form as it was.
#[test]
fn the_decision_form_has_help_for_its_keys() {
    let form_focus = |app: &App| match &app.popup {
        Some(resv::tui::state::Popup::Decision(f)) => f.focus,
        _ => panic!("the decision form is open"),
    };
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = demo_app(Lang::Nl);
        open_plan(&mut app, "UTR");
        type_keys(&mut app, "d");
        let s = screen(&draw(&mut app, w, h));
        assert!(status(&s).contains("? help"), "{w}x{h}: {s}");
        type_keys(&mut app, "?");
        assert!(app.help, "{w}x{h}: ? opens help in the form");
        let s = screen(&draw(&mut app, w, h));
        for k in ["Tab/↓", "volgend veld", "controleren", "andere uitkomst kiezen", "F1"] {
            assert!(s.contains(k), "{w}x{h}: {k} in the form's help:\n{s}");
        }
        insta::assert_snapshot!(format!("help_decision_form_{w}x{h}"), s);
        app.handle_event(&key(KeyCode::Esc));
        assert!(!app.help && form_focus(&app) == 0, "{w}x{h}: back in the form");
    }
    let mut app = demo_app(Lang::En);
    open_plan(&mut app, "UTR");
    type_keys(&mut app, "d");
    // The questions field: `?` is text there.
    while !matches!(&app.popup, Some(resv::tui::state::Popup::Decision(f)) if f.focus == f.amounts.len() + 2) {
        app.handle_event(&key(KeyCode::Tab));
    }
    type_keys(&mut app, "Why?");
    assert!(!app.help);
    match &app.popup {
        Some(resv::tui::state::Popup::Decision(f)) => assert_eq!(f.questions.value(), "Why?"),
        _ => panic!("the decision form is open"),
    }
    assert!(status(&screen(&draw(&mut app, 80, 24))).contains("F1 help"));
    app.handle_event(&key(KeyCode::F(1)));
    assert!(app.help, "F1 opens help from a text field");
    app.handle_event(&key(KeyCode::Esc));
    assert!(!app.help && app.popup.is_some());
}
