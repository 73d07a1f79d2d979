//! Pasting into the workbench (the terminal's bracketed paste): pasted text goes into the
//! focused field as text. A pasted line break is no Enter: before, a two-paragraph
//! reasoning checked the decision form at the first break and recorded an append-only
//! decision at the second, without the buyer seeing the confirmation.

mod common;

use common::{demo_app, draw, key, screen, type_keys};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use resv::core::rules::CheckId;
use resv::text::Lang;
use resv::tui::app::App;
use resv::tui::state::{Popup, Screen};

const UTR: &str = "RESV-UTR-2027";

fn paste(app: &mut App, text: &str) {
    app.handle_event(&Event::Paste(text.to_string()));
}

/// Opens RESV-UTR-2027's decision form with the focus on the reasoning.
fn open_reasoning(app: &mut App) {
    type_keys(app, "/UTR");
    app.handle_event(&key(KeyCode::Enter));
    app.handle_event(&key(KeyCode::Enter));
    type_keys(app, "d");
    for _ in 0..16 {
        if let Some(Popup::Decision(f)) = &app.popup
            && f.focus == f.amounts.len() + 3
        {
            return;
        }
        app.handle_event(&key(KeyCode::Tab));
    }
    panic!("the reasoning field cannot be reached");
}

fn reasoning(app: &App) -> String {
    match &app.popup {
        Some(Popup::Decision(f)) => f.reasoning.value().to_string(),
        _ => panic!("the decision form is not open"),
    }
}

fn confirming(app: &App) -> bool {
    matches!(&app.popup, Some(Popup::Decision(f)) if f.confirm.is_some())
}

#[test]
fn a_pasted_reasoning_with_line_breaks_is_text_and_records_nothing() {
    let mut app = demo_app(Lang::Nl);
    app.user = "alice".into();
    open_reasoning(&mut app);
    paste(&mut app, "Goed plan.\r\n\nTweede alinea: ja, doen.\n");
    assert_eq!(reasoning(&app), "Goed plan.  Tweede alinea: ja, doen. ");
    assert!(!confirming(&app), "a pasted line break does not check the form");
    assert!(app.store.decisions(UTR).unwrap().is_empty(), "nothing recorded");
    // The buyer checks and confirms: exactly the pasted text is recorded.
    app.handle_event(&key(KeyCode::Enter));
    assert!(confirming(&app), "{}", screen(&draw(&mut app, 80, 24)));
    type_keys(&mut app, "j");
    let d = app.store.decisions(UTR).unwrap();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].reasoning, "Goed plan.  Tweede alinea: ja, doen.");
}

#[test]
fn a_paste_goes_in_at_the_cursor() {
    let mut app = demo_app(Lang::Nl);
    open_reasoning(&mut app);
    type_keys(&mut app, "ab");
    app.handle_event(&key(KeyCode::Left));
    paste(&mut app, "XY");
    type_keys(&mut app, "z");
    assert_eq!(reasoning(&app), "aXYzb");
}

#[test]
fn a_paste_above_the_text_cap_is_refused_whole_with_a_message() {
    let mut app = demo_app(Lang::Nl);
    open_reasoning(&mut app);
    type_keys(&mut app, "kort");
    paste(&mut app, &"x".repeat(3997));
    assert_eq!(reasoning(&app), "kort", "the field is left as it was");
    let s = screen(&draw(&mut app, 80, 24));
    assert!(
        s.contains("plakken geweigerd: het veld zou 4001 tekens bevatten, maximaal 4000"),
        "{s}"
    );
    // Up to the cap it goes in.
    paste(&mut app, &"x".repeat(3996));
    assert_eq!(reasoning(&app).chars().count(), 4000);

    let mut app = demo_app(Lang::En);
    open_reasoning(&mut app);
    paste(&mut app, &"y".repeat(100_000));
    assert_eq!(reasoning(&app), "");
    let s = screen(&draw(&mut app, 120, 40));
    assert!(
        s.contains("paste refused: the field would hold 100000 characters, at most 4000"),
        "{s}"
    );
}

#[test]
fn a_pasted_note_is_not_saved_by_its_line_break_and_runs_no_command() {
    let mut app = demo_app(Lang::Nl);
    app.user = "inkoper-a".into();
    type_keys(&mut app, "/FVA");
    app.handle_event(&key(KeyCode::Enter));
    app.handle_event(&key(KeyCode::Enter));
    for _ in 0..3 {
        app.handle_event(&key(KeyCode::Tab));
    }
    for _ in 0..20 {
        if app.selected_criterion() == Some(CheckId::DoubleFunding) {
            break;
        }
        app.handle_event(&key(KeyCode::Down));
    }
    type_keys(&mut app, "n");
    // Before, the break saved "O&I via RHO" and "s1" then set a manual score of 1.
    paste(&mut app, "O&I via RHO\ns1 d");
    assert!(matches!(&app.popup, Some(Popup::Note(i)) if i.value() == "O&I via RHO s1 d"));
    assert!(app.store.manual_inputs("RESV-FVA-2027").unwrap().is_empty());
    app.handle_event(&key(KeyCode::Enter));
    let stored = app.store.manual_inputs("RESV-FVA-2027").unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].note.as_deref(), Some("O&I via RHO s1 d"));
    assert_eq!(stored[0].score, None, "no score set by pasted letters");
}

#[test]
fn a_paste_outside_a_text_field_runs_no_command() {
    let mut app = demo_app(Lang::Nl);
    type_keys(&mut app, "/UTR");
    app.handle_event(&key(KeyCode::Enter));
    app.handle_event(&key(KeyCode::Enter));
    paste(&mut app, "d\nq");
    assert!(app.popup.is_none(), "no decision form opened");
    assert!(matches!(app.screen, Screen::Plan(_)), "still on the plan");
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("plakken kan alleen in een tekstveld"), "{s}");
}

#[test]
fn a_pasted_filter_is_one_line_and_bounded() {
    let mut app = demo_app(Lang::Nl);
    type_keys(&mut app, "/");
    paste(&mut app, "UTR\n");
    assert!(app.filtering, "the pasted line break does not end the filter");
    assert_eq!(app.queue.filter(), "UTR ");
    paste(&mut app, &"z".repeat(101));
    assert_eq!(app.queue.filter(), "UTR ", "a paste over 100 characters is refused");
}

/// Not pasting, but the same form at 80x24: three refused amounts of a three-year plan
/// used to push the last refusal's end (and its example) out of the box.
#[test]
fn every_refused_amount_shows_whole_at_80x24() {
    let mut app = demo_app(Lang::Nl);
    type_keys(&mut app, "/TWE");
    app.handle_event(&key(KeyCode::Enter));
    app.handle_event(&key(KeyCode::Enter));
    type_keys(&mut app, "d");
    for text in ["1.500", "-5", "0x10"] {
        app.handle_event(&key(KeyCode::Tab));
        app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)));
        type_keys(&mut app, text);
    }
    app.handle_event(&key(KeyCode::Enter));
    let s = screen(&draw(&mut app, 80, 24));
    // The box's text, its wrapped lines joined.
    let flat = s
        .lines()
        .filter_map(|l| {
            let (a, b) = (l.find('│')?, l.rfind('│')?);
            (b > a).then(|| l[a + '│'.len_utf8()..b].trim())
        })
        .collect::<Vec<_>>()
        .join(" ");
    for needle in [
        "in Nederlandse notatie € 1.500,00",
        "in gewone notatie € 1,50",
        "2028: \"-5\": een negatief bedrag",
        "2029: \"0x10\": geen bedrag",
        "of 1234567.89",
        "Bedrag 2029",
        "0x10",
    ] {
        assert!(flat.contains(needle), "{needle:?} is not on screen:\n{s}");
    }
}

/// A paste into a prefilled amount replaces the prefill, as typing does; a second paste then
/// goes in at the cursor.
#[test]
fn a_paste_into_a_prefilled_amount_replaces_it() {
    let mut app = demo_app(Lang::Nl);
    type_keys(&mut app, "/UTR");
    app.handle_event(&key(KeyCode::Enter));
    app.handle_event(&key(KeyCode::Enter));
    type_keys(&mut app, "d");
    app.handle_event(&key(KeyCode::Tab));
    let amount = |app: &App| match &app.popup {
        Some(Popup::Decision(f)) => {
            assert_eq!(f.focus, 1, "the first amount has focus");
            f.amounts[0].value().to_string()
        }
        _ => panic!("the decision form is not open"),
    };
    assert!(!amount(&app).is_empty(), "the amount is prefilled");
    paste(&mut app, "400.000");
    assert_eq!(amount(&app), "400.000", "the prefill is replaced, not appended to");
    paste(&mut app, ",50");
    assert_eq!(amount(&app), "400.000,50", "the next paste goes in at the cursor");
}
