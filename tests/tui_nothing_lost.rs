//! Nothing lost, nothing written by accident: Esc never quits, the demo asks before its
//! temporary database goes (and keeps a copy on `b`), fields replace their prefilled value
//! when typed into, and the decision form's problems follow what is typed.

mod common;
mod support;

use common::{demo_app, draw, key, screen, type_keys};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use resv::text::Lang;
use resv::tui::app::App;
use resv::tui::state::{Popup, Screen};
use support::Env;

fn ctrl_c() -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL))
}

#[test]
fn esc_goes_back_and_never_quits_q_on_the_queue_quits() {
    let mut app = demo_app(Lang::Nl);
    app.handle_event(&key(KeyCode::Esc));
    assert!(!app.should_quit, "Esc on the queue does not quit");
    type_keys(&mut app, "/utr");
    app.handle_event(&key(KeyCode::Enter));
    type_keys(&mut app, "s");
    assert!(app.queue.state_filter().is_some());
    app.handle_event(&key(KeyCode::Esc));
    assert_eq!(
        (app.queue.filter(), app.queue.state_filter()),
        ("", None),
        "Esc clears both filters"
    );
    app.handle_event(&key(KeyCode::Esc));
    assert!(!app.should_quit);
    app.handle_event(&key(KeyCode::Enter));
    assert!(matches!(app.screen, Screen::Plan(_)));
    app.handle_event(&key(KeyCode::Esc));
    assert!(matches!(app.screen, Screen::Queue) && !app.should_quit);
    type_keys(&mut app, "q");
    assert!(app.should_quit, "q on the top screen quits (not a demo: no question)");
}

fn demo(lang: Lang, dir: &std::path::Path) -> App {
    let mut app = demo_app(lang);
    app.demo = true;
    app.out_dir = dir.to_path_buf();
    app
}

#[test]
fn quitting_the_demo_asks_and_says_how_to_keep_the_work() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, w, h, says) in [
        (Lang::Nl, 80, 24, "resv demo --keep PAD"),
        (Lang::En, 120, 40, "resv demo --keep PATH"),
    ] {
        let mut app = demo(lang, dir.path());
        type_keys(&mut app, "q");
        assert!(!app.should_quit, "the demo asks first");
        let s = screen(&draw(&mut app, w, h));
        assert!(s.contains(says), "{w}x{h}: {s}");
        type_keys(&mut app, "n");
        assert!(!app.should_quit && app.asking.is_none(), "n goes back to the demo");
        app.handle_event(&ctrl_c());
        assert!(!app.should_quit, "Ctrl-c asks too");
        app.handle_event(&ctrl_c());
        assert!(app.should_quit, "Ctrl-c twice quits");
        assert!(app.kept.is_none());
    }
}

#[test]
fn enter_never_quits_the_demo_only_the_named_keys_do() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, keep) in [(Lang::Nl, "b bewaren en afsluiten"), (Lang::En, "b keep and quit")] {
        let mut app = demo(lang, dir.path());
        type_keys(&mut app, "q");
        app.handle_event(&key(KeyCode::Enter));
        assert!(!app.should_quit, "Enter is no answer to the quit question");
        assert!(app.asking.is_some(), "the question stays open");
        let s = screen(&draw(&mut app, 80, 24));
        let bar = s.lines().last().unwrap();
        assert!(
            bar.contains(keep) && bar.contains("j/y ") && !bar.contains("Enter"),
            "{bar}"
        );
        type_keys(&mut app, "j");
        assert!(app.should_quit && app.kept.is_none(), "j quits without keeping");
    }
}

#[test]
fn b_keeps_the_demo_as_a_new_file_in_the_folder_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(Lang::Nl, dir.path());
    type_keys(&mut app, "q");
    let path = app.keep_path.clone().expect("named when asked");
    assert!(path.is_absolute());
    let s = screen(&draw(&mut app, 120, 40));
    assert!(s.contains(&path.display().to_string()), "the folder is shown: {s}");
    type_keys(&mut app, "b");
    assert!(app.should_quit);
    assert_eq!(app.kept.as_deref(), Some(path.as_path()));
    let kept = resv::store::Store::open(&path, true).unwrap();
    assert_eq!(kept.queue_rows().unwrap().len(), app.queue.len(), "every plan kept");
    // A second keep never overwrites the first.
    let mut again = demo(Lang::Nl, dir.path());
    type_keys(&mut again, "qb");
    assert!(!again.should_quit, "{:?}", again.message);
    assert!(
        again.message.as_deref().unwrap_or("").contains("never overwrites"),
        "{:?}",
        again.message
    );
}

#[test]
fn resv_demo_keep_refuses_an_existing_file() {
    let env = Env::new();
    let existing = env.file("bestaat.db", "niet aanraken");
    let out = env.resv(&["demo", "--keep", &existing]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = support::stderr(&out);
    assert!(
        err.contains("bestaat al; resv overschrijft nooit een bestand: kies een andere naam voor --keep"),
        "{err}"
    );
    let out = env.resv(&["--lang", "en", "demo", "--keep", &existing]);
    assert!(
        support::stderr(&out).contains("exists; resv never overwrites a file"),
        "{out:?}"
    );
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "niet aanraken");
    let help = support::stdout(&env.ok(&["demo", "--help"]));
    assert!(help.contains("--keep <PATH>"), "{help}");
}

fn form(app: &App) -> &resv::tui::state::DecisionForm {
    match &app.popup {
        Some(Popup::Decision(f)) => f,
        _ => panic!("the decision form is not open"),
    }
}

#[test]
fn typing_replaces_a_prefilled_amount_and_problems_follow_what_is_typed() {
    let mut app = demo_app(Lang::Nl);
    type_keys(&mut app, "/UTR");
    app.handle_event(&key(KeyCode::Enter));
    app.handle_event(&key(KeyCode::Enter));
    type_keys(&mut app, "d");
    app.handle_event(&key(KeyCode::Tab));
    type_keys(&mut app, "400000");
    assert_eq!(form(&app).amounts[0].value(), "400000", "typed over, not appended");
    app.handle_event(&key(KeyCode::Left));
    type_keys(&mut app, "0");
    assert_eq!(form(&app).amounts[0].value(), "4000000", "after moving, typing edits");
    app.handle_event(&key(KeyCode::Backspace));
    app.handle_event(&key(KeyCode::Enter));
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("een onderbouwing is verplicht"), "{s}");
    while form(&app).focus != form(&app).amounts.len() + 3 {
        app.handle_event(&key(KeyCode::Tab));
    }
    type_keys(&mut app, "Past");
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&draw(&mut app, w, h));
        assert!(
            !s.contains("een onderbouwing is verplicht"),
            "the message follows the typing: {s}"
        );
    }
}

/// Where `typed` shows on screen: the row and the column of its first character.
fn find(t: &ratatui::Terminal<ratatui::backend::TestBackend>, typed: &str) -> (u16, u16) {
    let text = screen(t);
    for (y, line) in text.lines().enumerate() {
        if let Some(i) = line.find(typed) {
            return (line[..i].chars().count() as u16, y as u16);
        }
    }
    panic!("{typed:?} not on screen:\n{text}");
}

/// The terminal's cursor: shown, and right after what was typed.
fn assert_cursor_after(app: &mut App, typed: &str, w: u16, h: u16) {
    let mut t = draw(app, w, h);
    let (x, y) = find(&t, typed);
    let at = x + typed.chars().count() as u16;
    assert!(t.backend().cursor_visible(), "a cursor shows at {w}x{h}");
    t.backend_mut().assert_cursor_position((at, y));
}

#[test]
fn text_fields_show_the_terminals_cursor_at_the_insertion_point() {
    let mut app = demo_app(Lang::Nl);
    assert!(
        !draw(&mut app, 80, 24).backend().cursor_visible(),
        "no field, no cursor"
    );
    // The note popup on the assessment tab.
    type_keys(&mut app, "/UTR");
    app.handle_event(&key(KeyCode::Enter));
    app.handle_event(&key(KeyCode::Enter));
    for _ in 0..3 {
        app.handle_event(&key(KeyCode::Tab));
    }
    for _ in 0..20 {
        if app.selected_criterion() == Some(resv::core::rules::CheckId::DoubleFunding) {
            break;
        }
        app.handle_event(&key(KeyCode::Down));
    }
    type_keys(&mut app, "n");
    assert!(app.popup.is_some(), "the note popup is open");
    type_keys(&mut app, "Zie RHO-overleg");
    assert_cursor_after(&mut app, "Zie RHO-overleg", 80, 24);
    // Moving left moves the cursor.
    app.handle_event(&key(KeyCode::Left));
    app.handle_event(&key(KeyCode::Left));
    assert_cursor_after(&mut app, "Zie RHO-overl", 120, 40);
    app.handle_event(&key(KeyCode::Esc));
    assert!(!draw(&mut app, 80, 24).backend().cursor_visible(), "closed, no cursor");
    // The decision form's reasoning field, at 80x24 and 120x40, in either language.
    type_keys(&mut app, "d");
    for _ in 0..5 {
        if form(&app).focus == form(&app).amounts.len() + 3 {
            break;
        }
        app.handle_event(&key(KeyCode::Tab));
    }
    type_keys(&mut app, "Past in beleid");
    assert_cursor_after(&mut app, "Past in beleid", 80, 24);
    assert_cursor_after(&mut app, "Past in beleid", 120, 40);
    app.lang = Lang::En;
    assert_cursor_after(&mut app, "Past in beleid", 80, 24);
    // The help covers the field: no cursor through it.
    app.help = true;
    assert!(!draw(&mut app, 80, 24).backend().cursor_visible());
}

#[test]
fn the_path_prompt_shows_the_cursor() {
    let mut app = demo_app(Lang::En);
    type_keys(&mut app, "I");
    type_keys(&mut app, "/tmp/plannen");
    assert_cursor_after(&mut app, "/tmp/plannen", 80, 24);
}
