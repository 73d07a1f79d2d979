//! What the workbench shows stays true: its own writes reload the queue row, the plan's
//! tabs and the History tab at once; another process's writes appear on the loop's next
//! tick without a key, with the selection, tab and popup kept and a notice said.

mod common;
mod support;

use common::{demo_app, draw, key, screen, type_keys};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use resv::core::decision::PlanState;
use resv::core::rules::CheckId;
use resv::store::Store;
use resv::text::Lang;
use resv::tui::app::App;
use resv::tui::state::{ASSESSMENT_TAB, HISTORY_TAB, Screen};
use resv::tui::widgets::theme::Theme;
use support::Env;

const UTR: &str = "RESV-UTR-2027";

fn open_plan(app: &mut App, filter: &str) {
    type_keys(app, "/");
    type_keys(app, filter);
    app.handle_event(&key(KeyCode::Enter));
    app.handle_event(&key(KeyCode::Enter));
    assert!(matches!(app.screen, Screen::Plan(_)), "a plan is open");
}

fn to_tab(app: &mut App, tab: usize) {
    for _ in 0..8 {
        if matches!(&app.screen, Screen::Plan(p) if p.tab == tab) {
            return;
        }
        app.handle_event(&key(KeyCode::Tab));
    }
    panic!("tab {tab} not reached");
}

fn select(app: &mut App, id: CheckId) {
    for _ in 0..20 {
        if app.selected_criterion() == Some(id) {
            return;
        }
        app.handle_event(&key(KeyCode::Down));
    }
    panic!("criterion {id:?} not reachable");
}

fn row_state(app: &App, id: &str) -> PlanState {
    let i = (0..app.queue.len()).find(|&i| app.queue.row(i).id == id).unwrap();
    app.queue.row(i).status
}

fn history_len(app: &App) -> usize {
    match &app.screen {
        Screen::Plan(p) => p.history.audit.len(),
        _ => panic!("not on a plan"),
    }
}

#[test]
fn an_own_score_shows_in_the_queue_row_and_the_history_tab_at_once() {
    let mut app = demo_app(Lang::Nl);
    open_plan(&mut app, "UTR");
    assert_eq!(row_state(&app, UTR), PlanState::Received);
    let audit_before = history_len(&app);
    to_tab(&mut app, ASSESSMENT_TAB);
    select(&mut app, CheckId::Participation);
    type_keys(&mut app, "s3");
    assert_eq!(
        row_state(&app, UTR),
        PlanState::InReview,
        "the queue row follows the score"
    );
    assert!(
        history_len(&app) > audit_before,
        "the History tab has the new audit entry"
    );
    assert_eq!(
        app.selected_criterion(),
        Some(CheckId::Participation),
        "the cursor stays"
    );
    to_tab(&mut app, HISTORY_TAB);
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&draw(&mut app, w, h));
        assert!(s.contains("in behandeling"), "{w}x{h}: {s}");
    }
    app.handle_event(&key(KeyCode::Esc));
    type_keys(&mut app, "s");
    // The state filter steps to "ontvangen" first, then "in behandeling".
    while app.queue.state_filter() != Some(PlanState::InReview) {
        type_keys(&mut app, "s");
    }
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains(UTR), "the state filter finds the plan just scored: {s}");
}

/// A workbench on the database `env` holds (writable, like `resv`).
fn workbench(env: &Env) -> App {
    let store = Store::open(&env.db(), false).unwrap();
    App::new(
        store,
        resv::io::rules_files::built_in_rules(),
        Lang::Nl,
        "resv.db",
        Theme { color: false },
    )
    .unwrap()
}

/// Runs the loop over `events` (`None` is a tick: no key) and stops it with Ctrl-c; the
/// terminal holds the last screen drawn before Ctrl-c.
fn run(app: &mut App, w: u16, h: u16, events: Vec<Option<Event>>) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let quit = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    app.should_quit = false;
    let mut script = events.into_iter().chain([Some(quit)]);
    resv::tui::run_loop(&mut t, app, || Ok(script.next().expect("the script ran out"))).unwrap();
    screen(&t)
}

#[test]
fn another_process_s_score_appears_on_the_next_tick_without_a_key() {
    assert!(resv::tui::TICK <= std::time::Duration::from_secs(1));
    for (w, h) in [(80, 24), (120, 40)] {
        let env = Env::with_samples();
        let mut app = workbench(&env);
        open_plan(&mut app, "UTR");
        to_tab(&mut app, ASSESSMENT_TAB);
        select(&mut app, CheckId::Participation);
        let before = run(&mut app, w, h, vec![None]);
        assert!(!before.contains("iemand anders"), "{before}");
        // An older message of this workbench's own gives way to the news.
        app.message = Some("u kunt uw eigen besluit niet goedkeuren".into());
        // A second buyer, in another process, scores the plan.
        env.ok_as("inkoper-b", &["score", UTR, "participation", "1", "--note", "te smal"]);
        let after = run(&mut app, w, h, vec![None]);
        assert!(
            after.contains("iemand anders heeft dit plan gewijzigd"),
            "{w}x{h}: {after}"
        );
        let Screen::Plan(p) = &app.screen else {
            panic!("the plan stays open")
        };
        assert_eq!(p.tab, ASSESSMENT_TAB, "the tab is kept");
        assert_eq!(
            app.selected_criterion(),
            Some(CheckId::Participation),
            "the cursor is kept"
        );
        let manual = p
            .assessment
            .criterion(CheckId::Participation)
            .unwrap()
            .manual
            .clone()
            .unwrap();
        assert_eq!((manual.score, manual.note.as_deref()), (Some(1), Some("te smal")));
        assert_eq!(row_state(&app, UTR), PlanState::InReview, "the queue row too");
    }
}

#[test]
fn another_process_s_decision_keeps_an_open_form_and_reaches_the_queue() {
    let env = Env::with_samples();
    let mut app = workbench(&env);
    open_plan(&mut app, "UTR");
    type_keys(&mut app, "d");
    assert!(app.popup.is_some(), "the decision form is open");
    env.decide_approve(UTR, &["fundable"], "goed plan");
    run(&mut app, 80, 24, vec![None]);
    assert!(app.popup.is_some(), "a form being filled in is not closed by a reload");
    let Screen::Plan(p) = &app.screen else {
        panic!("the plan stays open")
    };
    assert!(!p.history.decisions.is_empty(), "the other buyer's decision is loaded");
    assert_ne!(row_state(&app, UTR), PlanState::Received);
}

fn registry_selection(app: &App) -> (usize, usize) {
    match &app.screen {
        Screen::Registry(r) => (r.hits.len(), r.selected),
        _ => panic!("not on the registry"),
    }
}

#[test]
fn another_process_s_registry_import_reaches_the_registry_screen() {
    let env = Env::with_samples();
    env.ok(&["registry", "import", "sample-plans/registry.csv"]);
    let mut app = workbench(&env);
    type_keys(&mut app, "r");
    type_keys(&mut app, "jjj");
    let before = run(&mut app, 120, 40, vec![None]);
    assert!(!before.contains("AAA-TST-2026-01"), "{before}");
    let (n, selected) = registry_selection(&app);
    assert_eq!((n, selected), (59, 3));
    // Another process imports one arrangement more, whose id sorts first.
    let csv = std::fs::read_to_string("sample-plans/registry.csv").unwrap();
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    let first = lines.next().unwrap().replacen("GEZ-AMS-2018-01", "AAA-TST-2026-01", 1);
    let file = env.file("extra.csv", &format!("{header}\n{first}\n"));
    env.ok_as("inkoper-b", &["registry", "import", &file]);
    let after = run(&mut app, 120, 40, vec![None]);
    assert!(after.contains("AAA-TST-2026-01"), "shown on the next tick: {after}");
    assert_eq!(
        registry_selection(&app),
        (60, 4),
        "the selected arrangement stays selected"
    );
}
