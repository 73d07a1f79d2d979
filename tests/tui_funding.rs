//! The double-funding tab, judging flags from the keyboard, the queue's flag column and
//! the registry screen, on the demo data (sample plans and the sample registry).

mod common;

use common::{demo_app, draw, key, screen, type_keys};
use crossterm::event::KeyCode;
use resv::core::funding::{Review, Verdict};
use resv::store::Store;
use resv::text::Lang;
use resv::tui::app::App;
use resv::tui::state::{FUNDING_TAB, Screen};

fn open_funding(app: &mut App, id: &str) {
    type_keys(app, "/");
    type_keys(app, id);
    app.handle_event(&key(KeyCode::Enter));
    app.handle_event(&key(KeyCode::Enter));
    for _ in 0..FUNDING_TAB {
        app.handle_event(&key(KeyCode::Tab));
    }
}

fn review(app: &App) -> &Review {
    match &app.screen {
        Screen::Plan(p) => p.review.as_ref().expect("a registry is loaded"),
        _ => panic!("not on a plan"),
    }
}

fn select_flag(app: &mut App, activity: &str, arrangement: &str) {
    let pos = review(app)
        .flags
        .iter()
        .position(|f| f.flag.activity_id == activity && f.flag.arrangement_id == arrangement)
        .unwrap_or_else(|| panic!("no flag {activity} ↔ {arrangement}"));
    app.handle_event(&key(KeyCode::Home));
    for _ in 0..pos {
        app.handle_event(&key(KeyCode::Down));
    }
}

fn open_flags_in_queue(app: &App, id: &str) -> Option<u32> {
    (0..app.queue.len())
        .map(|i| app.queue.row(i))
        .find(|r| r.id == id)
        .and_then(|r| r.open_flags)
}

#[test]
fn the_tab_shows_flags_with_evidence_at_80x24_and_120x40() {
    let mut app = demo_app(Lang::Nl);
    open_funding(&mut app, "RIJ");
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("R1 ↔ OI-RIJ-2025-01"), "{s}");
    assert!(s.contains("ZEKER"), "severity heading: {s}");
    assert!(s.contains("zelfde AGB/KvK"), "evidence per field: {s}");
    assert!(s.contains("c bevestigen"), "the keys are in the status bar: {s}");
    insta::assert_snapshot!("funding_rij_80x24", s);
    insta::assert_snapshot!("funding_rij_120x40", screen(&draw(&mut app, 120, 40)));
}

#[test]
fn the_evidence_names_the_funding_stream_not_its_id() {
    let mut app = demo_app(Lang::Nl);
    open_funding(&mut app, "ZEE");
    select_flag(&mut app, "Z2", "OI-ZEE-2024-01");
    let s = screen(&draw(&mut app, 120, 40));
    assert!(s.contains("past bij disciplines · O&I huisartsenzorg"), "{s}");
    assert!(!s.contains("oi-huisartsenzorg"), "no stream id in the Dutch UI: {s}");
}

#[test]
fn dismissing_a_certain_flag_asks_a_reason_and_raises_the_fundable_amount() {
    let mut app = demo_app(Lang::Nl);
    app.user = "inkoper-b".into();
    open_funding(&mut app, "RIJ");
    let before = match &app.screen {
        Screen::Plan(p) => p.assessment.fundable_per_year(),
        _ => unreachable!(),
    };
    select_flag(&mut app, "R1", "OI-RIJ-2025-01");
    type_keys(&mut app, "x");
    // An empty reason is refused and the editor stays open: nothing is lost.
    app.handle_event(&key(KeyCode::Enter));
    assert!(app.popup.is_some());
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("Een reden is verplicht"), "{s}");
    assert!(app.store.judgements("RESV-RIJ-2027").unwrap().is_empty());
    type_keys(&mut app, "O&I loopt af eind 2027, mandaat apart begroot");
    insta::assert_snapshot!("funding_reason_popup_80x24", screen(&draw(&mut app, 80, 24)));
    app.handle_event(&key(KeyCode::Enter));
    assert!(app.popup.is_none());
    let stored = app.store.judgements("RESV-RIJ-2027").unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].verdict, Verdict::Dismissed);
    assert_eq!(stored[0].by, "inkoper-b");
    assert_eq!(stored[0].reason, "O&I loopt af eind 2027, mandaat apart begroot");
    let after = match &app.screen {
        Screen::Plan(p) => p.assessment.fundable_per_year(),
        _ => unreachable!(),
    };
    assert!(
        after > before,
        "a dismissed certain flag no longer lowers the fundable amount"
    );
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("Oordeel opgeslagen"), "{s}");
    // The dismissed flag stays visible.
    assert!(s.contains("R1 ↔ OI-RIJ-2025-01"), "{s}");
}

#[test]
fn confirming_a_likely_flag_lowers_the_fundable_amount_and_the_queue_count() {
    let mut app = demo_app(Lang::En);
    let open_before = open_flags_in_queue(&app, "RESV-FVA-2027");
    assert_eq!(open_before, Some(1));
    open_funding(&mut app, "FVA");
    let before = match &app.screen {
        Screen::Plan(p) => (p.assessment.fundable_per_year(), p.assessment.pending.clone()),
        _ => unreachable!(),
    };
    assert!(
        !before.1.is_empty(),
        "an open likely flag leaves the criterion to judge"
    );
    type_keys(&mut app, "c");
    type_keys(&mut app, "Same Welzijn op Recept, paid by Ede");
    app.handle_event(&key(KeyCode::Enter));
    let (fundable, pending) = match &app.screen {
        Screen::Plan(p) => (p.assessment.fundable_per_year(), p.assessment.pending.clone()),
        _ => unreachable!(),
    };
    assert!(fundable < before.0, "a confirmed flag lowers the fundable amount");
    assert!(pending.is_empty(), "judging the flag settles the criterion");
    assert_eq!(open_flags_in_queue(&app, "RESV-FVA-2027"), Some(0));
}

#[test]
fn read_only_shows_flags_without_the_judging_keys() {
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
        resv::tui::widgets::theme::Theme { color: false },
    )
    .unwrap();
    open_funding(&mut app, "RIJ");
    type_keys(&mut app, "x");
    assert!(app.popup.is_none(), "no judging when read-only");
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("R1 ↔ OI-RIJ-2025-01"), "{s}");
    assert!(s.contains("alleen-lezen"), "{s}");
    assert!(!s.contains("signaal bevestigen"), "{s}");
}

#[test]
fn the_registry_screen_searches_organisations_and_descriptions() {
    let mut app = demo_app(Lang::Nl);
    type_keys(&mut app, "r");
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("59 van 59 regelingen"), "{s}");
    type_keys(&mut app, "/");
    type_keys(&mut app, "welzijn recept");
    app.handle_event(&key(KeyCode::Enter));
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("WMO-RIJ-2026-01"), "a description match: {s}");
    assert!(!s.contains("OI-RIJ-2025-01"), "{s}");
    insta::assert_snapshot!("registry_search_80x24", s);
    type_keys(&mut app, "/");
    type_keys(&mut app, "zzzzqqq");
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("Geen regeling past bij de zoekopdracht"), "{s}");
    app.handle_event(&key(KeyCode::Esc));
    app.handle_event(&key(KeyCode::Esc));
    assert!(matches!(app.screen, Screen::Queue));
}

#[test]
fn without_a_registry_the_tab_says_how_to_load_one() {
    let mut store = Store::open_in_memory().unwrap();
    let (path, text) = resv::io::embedded::SAMPLE_PLANS[0];
    let plan = resv::core::parse::parse_plan(text).unwrap();
    store.import_plan(&plan, text, path, "inkoper").unwrap();
    let mut app = App::new(
        store,
        resv::io::rules_files::built_in_rules(),
        Lang::En,
        "t",
        resv::tui::widgets::theme::Theme { color: false },
    )
    .unwrap();
    app.handle_event(&key(KeyCode::Enter));
    for _ in 0..FUNDING_TAB {
        app.handle_event(&key(KeyCode::Tab));
    }
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("No registry loaded"), "{s}");
    assert_eq!(app.queue.row(0).open_flags, None);
}
