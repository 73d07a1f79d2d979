//! The assessment tab driven by keys: scores and notes are stored, the total and the queue
//! follow, stale input is flagged, and a read-only database offers no editing keys.

mod common;

use common::{demo_app, draw, key, screen, type_keys};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use resv::core::rules::CheckId;
use resv::store::Store;
use resv::text::Lang;
use resv::tui::app::App;
use resv::tui::state::Screen;
use resv::tui::widgets::theme::Theme;

/// Opens a plan from the queue (by filter) on its assessment tab.
fn open_assessment(app: &mut App, filter: &str) {
    app.handle_event(&key(KeyCode::Char('/')));
    type_keys(app, filter);
    app.handle_event(&key(KeyCode::Enter));
    app.handle_event(&key(KeyCode::Enter));
    for _ in 0..3 {
        app.handle_event(&key(KeyCode::Tab));
    }
}

/// Moves the selection down to criterion `id`.
fn select(app: &mut App, id: CheckId) {
    for _ in 0..20 {
        if app.selected_criterion() == Some(id) {
            return;
        }
        app.handle_event(&key(KeyCode::Down));
    }
    panic!("criterion {id:?} not reachable");
}

fn assessment(app: &App) -> &resv::core::assess::Assessment {
    match &app.screen {
        Screen::Plan(p) => &p.assessment,
        _ => panic!("not on a plan"),
    }
}

#[test]
fn a_manual_score_and_note_are_stored_and_change_the_total() {
    let mut app = demo_app(Lang::Nl);
    app.user = "inkoper-a".into();
    open_assessment(&mut app, "FVA");
    let before = assessment(&app).clone();
    assert!(before.pending.contains(&CheckId::DoubleFunding));
    select(&mut app, CheckId::DoubleFunding);
    type_keys(&mut app, "s");
    let s = screen(&draw(&mut app, 80, 24));
    assert!(
        s.contains("onvoldoende") && s.contains("goed"),
        "the scale's anchors: {s}"
    );
    insta::assert_snapshot!("assessment_score_popup_80x24", s);
    type_keys(&mut app, "1");
    let after = assessment(&app).clone();
    assert!(after.pending.is_empty(), "judged now");
    assert!(after.total_tenths < before.total_tenths, "a low score lowers the total");
    let c = after.criterion(CheckId::DoubleFunding).unwrap();
    assert_eq!(c.manual.as_ref().unwrap().score, Some(1));
    assert_eq!(c.manual.as_ref().unwrap().by, "inkoper-a");

    // A note keeps the score.
    type_keys(&mut app, "n");
    type_keys(&mut app, "O&I loopt via de RHO");
    app.handle_event(&key(KeyCode::Enter));
    let c = assessment(&app).criterion(CheckId::DoubleFunding).unwrap().clone();
    let m = c.manual.unwrap();
    assert_eq!(m.score, Some(1));
    assert_eq!(m.note.as_deref(), Some("O&I loopt via de RHO"));
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("Notitie opgeslagen"), "{s}");
    assert!(s.contains("O&I loopt via de RHO"), "{s}");
    insta::assert_snapshot!("assessment_criterion_with_note_80x24", s);

    // Stored: a fresh app over the same store sees it, and the queue shows the new total.
    let stored = app.store.manual_inputs("RESV-FVA-2027").unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].note.as_deref(), Some("O&I loopt via de RHO"));
    app.handle_event(&key(KeyCode::Esc));
    let row = app
        .queue
        .visible()
        .iter()
        .map(|&i| app.queue.row(i))
        .find(|r| r.id == "RESV-FVA-2027")
        .unwrap();
    assert_eq!(row.score, Some(after.total_tenths));
}

#[test]
fn esc_cancels_and_x_clears() {
    let mut app = demo_app(Lang::Nl);
    open_assessment(&mut app, "UTR");
    select(&mut app, CheckId::Participation);
    type_keys(&mut app, "n");
    type_keys(&mut app, "half werk");
    app.handle_event(&key(KeyCode::Esc));
    assert!(app.popup.is_none());
    assert!(
        app.store.manual_inputs("RESV-UTR-2027").unwrap().is_empty(),
        "Esc stores nothing"
    );
    type_keys(&mut app, "s2");
    assert_eq!(
        assessment(&app).criterion(CheckId::Participation).unwrap().score,
        Some(500)
    );
    // Clearing a real score asks first; n keeps it.
    type_keys(&mut app, "x");
    let s = screen(&draw(&mut app, 80, 24));
    // The criterion by its Dutch title, not its id.
    assert!(
        s.contains("Score 2 en notitie op Burger- en patiëntenparticipatie wissen?"),
        "{s}"
    );
    type_keys(&mut app, "n");
    assert!(
        assessment(&app)
            .criterion(CheckId::Participation)
            .unwrap()
            .manual
            .is_some()
    );
    type_keys(&mut app, "xj");
    let c = assessment(&app).criterion(CheckId::Participation).unwrap();
    assert!(c.manual.is_none(), "cleared");
    assert_eq!(c.score, c.auto_score, "the automatic score counts again");
    assert_eq!(
        app.store
            .manual_history("RESV-UTR-2027", CheckId::Participation)
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn knock_outs_take_no_score_and_the_summary_takes_none() {
    let mut app = demo_app(Lang::Nl);
    open_assessment(&mut app, "UTR");
    type_keys(&mut app, "s");
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("Kies eerst een criterium"), "{s}");
    select(&mut app, CheckId::Disciplines);
    type_keys(&mut app, "s3");
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("knock-out die de regel beslist"), "{s}");
    assert!(app.store.manual_inputs("RESV-UTR-2027").unwrap().is_empty());
}

#[test]
fn english_assessment_tab() {
    let mut app = demo_app(Lang::En);
    open_assessment(&mut app, "ZEE");
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("KNOCKED OUT"), "{s}");
    assert!(s.contains("return for revision"), "{s}");
    insta::assert_snapshot!("assessment_zee_80x24_en", s);
}

#[test]
fn a_care_production_plan_shows_the_excluded_amount() {
    let mut app = demo_app(Lang::Nl);
    open_assessment(&mut app, "WBR");
    let s = screen(&draw(&mut app, 120, 40));
    assert!(s.contains("uitgesloten € 600.000"), "{s}");
    insta::assert_snapshot!("assessment_wbr_120x40", s);
    select(&mut app, CheckId::CoordinationOnly);
    let s = screen(&draw(&mut app, 120, 40));
    assert!(s.contains("W4 is zorgproductie zonder uitzondering"), "{s}");
}

#[test]
fn read_only_hides_the_editing_keys_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ro.db");
    {
        let mut store = Store::open(&path, false).unwrap();
        resv::app::import::load_samples(&mut store, "inkoper").unwrap();
    }
    let store = Store::open(&path, true).unwrap();
    let mut app = App::new(
        store,
        resv::io::rules_files::built_in_rules(),
        Lang::Nl,
        "ro",
        Theme { color: false },
    )
    .unwrap();
    open_assessment(&mut app, "UTR");
    select(&mut app, CheckId::Participation);
    type_keys(&mut app, "s");
    assert!(app.popup.is_none(), "no score picker when read-only");
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("alleen-lezen: geen invoer"), "{s}");
    assert!(!s.contains("s score geven"), "no editing keys in the status bar: {s}");
}

#[test]
fn the_note_editor_edits_like_a_line_editor() {
    let mut app = demo_app(Lang::Nl);
    open_assessment(&mut app, "UTR");
    select(&mut app, CheckId::Agenda);
    type_keys(&mut app, "n");
    type_keys(&mut app, "abd");
    app.handle_event(&key(KeyCode::Left));
    type_keys(&mut app, "c");
    app.handle_event(&key(KeyCode::End));
    app.handle_event(&key(KeyCode::Backspace));
    let ctrl_w = Event::Key(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL));
    type_keys(&mut app, " eerste woord");
    app.handle_event(&ctrl_w);
    app.handle_event(&key(KeyCode::Enter));
    let c = assessment(&app).criterion(CheckId::Agenda).unwrap();
    assert_eq!(c.manual.as_ref().unwrap().note.as_deref(), Some("abc eerste"));
    assert_eq!(c.manual.as_ref().unwrap().score, None, "a note alone sets no score");
    assert_eq!(c.score, c.auto_score);
}

#[test]
fn a_change_that_changes_nothing_writes_nothing() {
    let mut app = demo_app(Lang::Nl);
    open_assessment(&mut app, "UTR");
    select(&mut app, CheckId::Participation);
    let audit = |app: &App| app.store.audit_log(None).unwrap().len();
    let before = audit(&app);
    // x without manual input: nothing to clear, no audit entry, the plan stays received.
    type_keys(&mut app, "x");
    assert_eq!(audit(&app), before);
    assert!(app.asking.is_none(), "nothing to ask");
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("geen handmatige invoer op dit criterium"), "{s}");
    let row = app.queue.row(app.current_plan_index().unwrap()).clone();
    assert_eq!(row.status, resv::core::decision::PlanState::Received);
    // The same score twice: the second is no change.
    type_keys(&mut app, "s3");
    let after_one = audit(&app);
    assert!(after_one > before);
    type_keys(&mut app, "s3");
    assert_eq!(audit(&app), after_one, "the same score again writes nothing");
    let s = screen(&draw(&mut app, 120, 40));
    assert!(s.contains("niets gewijzigd"), "{s}");
}

/// A manual score overrides a failed automatic check: the score counts, the list dims the
/// automatic ✗ and the detail labels it as overridden, as `resv assess` does.
#[test]
fn a_manual_score_overrides_the_automatic_fail_mark() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = demo_app(Lang::Nl);
        app.theme = Theme { color: false };
        open_assessment(&mut app, "AZO");
        select(&mut app, CheckId::Budget);
        let c = assessment(&app).criterion(CheckId::Budget).unwrap().clone();
        assert_eq!(c.status, resv::core::assess::Status::Fail, "the automatic check fails");
        let t = draw(&mut app, w, h);
        let s = screen(&t);
        assert!(!s.contains("vervangen door de handmatige score"), "{s}");
        type_keys(&mut app, "s3");
        let c = assessment(&app).criterion(CheckId::Budget).unwrap().clone();
        assert!(c.overridden());
        let t = draw(&mut app, w, h);
        let s = screen(&t);
        // The detail pane's words (right of the list, borders dropped), wrapped or not.
        let detail: Vec<&str> = s.lines().filter_map(|l| l.split('│').nth(1)).collect();
        let words: Vec<&str> = detail.iter().flat_map(|l| l.split_whitespace()).collect();
        assert!(
            words
                .join(" ")
                .contains("✗ voldoet niet (vervangen door de handmatige score) · automatisch 83,2 · score 75,0"),
            "{w}x{h}: the detail labels it: {s}"
        );
        // The list's ✗ for this criterion is dimmed, the others are not.
        let buf = t.backend().buffer();
        let row = (0..h)
            .find(|&y| {
                let line: String = (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect();
                line.contains("Begrotingsnormen") && line.starts_with('✗')
            })
            .expect("the criterion's row");
        assert!(
            buf[(0, row)].modifier.contains(ratatui::style::Modifier::DIM),
            "{w}x{h}: the automatic mark is dimmed"
        );
        insta::assert_snapshot!(format!("assessment_overridden_{w}x{h}"), s);
    }
}
