//! The market leader rule in the workbench: the Coordination tab of a plan and the regions
//! screen, for the leader and for a follower, on the sample plans (fixed clock).

mod common;

use common::{draw, key, screen, type_keys};
use crossterm::event::KeyCode;
use resv::core::decision::{Draft, Outcome, PlanState};
use resv::core::rules::Rules;
use resv::store::Store;
use resv::text::Lang;
use resv::tui::app::App;
use resv::tui::state::{COORDINATION_TAB, Screen};
use resv::tui::widgets::theme::Theme;

const UTR: &str = "RESV-UTR-2027";

fn store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store.set_fixed_now("2026-11-01T09:00:00Z");
    resv::app::import::load_samples(&mut store, "inkoper").unwrap();
    store
}

fn rules_for(insurer: Option<&str>) -> Rules {
    let mut rules = resv::io::rules_files::built_in_rules();
    rules.policy.insurer_id = insurer.map(str::to_string);
    rules
}

/// The leader (Zorgverzekeraar Voorbeeld) approves Utrecht with conditions; a second buyer
/// approves it (four eyes). Returns the store and the package file's text.
fn leader_decided() -> (Store, String) {
    let mut store = store();
    let rules = rules_for(Some("voorbeeld"));
    let registry = resv::app::registry::Registry::default();
    let assessed = resv::app::assess::assess_stored(&store, &rules, &registry, UTR)
        .unwrap()
        .unwrap();
    let draft = Draft {
        outcome: Some(Outcome::Conditions),
        amounts: assessed.assessment.years.iter().map(|y| y.fundable).collect(),
        conditions: vec!["Jaarlijkse voortgangsrapportage".into()],
        reasoning: "Past binnen het inkoopbeleid.".into(),
        ..Draft::default()
    };
    let prepared = resv::app::decide::prepare(&store, &rules, &registry, UTR, &draft, Lang::Nl)
        .unwrap_or_else(|r| panic!("{r:?}"));
    resv::app::decide::record(&mut store, &rules, &prepared, None, "inkoper", Lang::Nl).unwrap();
    resv::app::decide::approve(&mut store, UTR, None, "tweede", Lang::Nl).unwrap();
    let e = resv::app::follow::build_export(&store, &rules, UTR, "inkoper")
        .unwrap()
        .unwrap();
    (store, e.text)
}

fn app(store: Store, insurer: Option<&str>, lang: Lang) -> App {
    App::new(store, rules_for(insurer), lang, "demo", Theme { color: false }).unwrap()
}

fn open_coordination(app: &mut App) {
    type_keys(app, "/");
    type_keys(app, "UTR");
    app.handle_event(&key(KeyCode::Enter));
    app.handle_event(&key(KeyCode::Enter));
    for _ in 0..COORDINATION_TAB {
        app.handle_event(&key(KeyCode::Tab));
    }
    assert!(matches!(&app.screen, Screen::Plan(p) if p.tab == COORDINATION_TAB));
}

#[test]
fn a_follower_sees_the_plan_followed_with_its_share_and_the_leaders_decision() {
    let (_, package) = leader_decided();
    let mut follower = store();
    let rules = rules_for(Some("rivierzorg"));
    let imported = resv::app::follow::import(
        &mut follower,
        &rules,
        ("utr.json", &package),
        None,
        None,
        "volger",
        Lang::Nl,
    )
    .unwrap();
    assert!(imported.is_ok(), "the package is followed");
    let mut app = app(follower, Some("rivierzorg"), Lang::Nl);
    let row = (0..app.queue.len())
        .map(|i| app.queue.row(i))
        .find(|r| r.id == UTR)
        .unwrap();
    assert_eq!(row.status, PlanState::Followed);
    open_coordination(&mut app);
    let t = draw(&mut app, 80, 24);
    let s = screen(&t);
    assert!(s.contains("volger van Zorgverzekeraar Voorbeeld (fictief)"), "{s}");
    assert!(s.contains("Rivierzorg (fictief)          21,30%"), "{s}");
    insta::assert_snapshot!("coordination_follower_80x24", s);
    // The regions screen: back to the queue, then m.
    type_keys(&mut app, "q");
    type_keys(&mut app, "m");
    assert!(matches!(app.screen, Screen::Regions(_)));
    let t = draw(&mut app, 80, 24);
    insta::assert_snapshot!("regions_follower_80x24", screen(&t));
    type_keys(&mut app, "q");
    assert!(matches!(app.screen, Screen::Queue));
}

#[test]
fn the_leader_sees_the_split_as_a_table_and_a_chart_and_what_to_do_next() {
    let (store, _) = leader_decided();
    let mut app = app(store, Some("voorbeeld"), Lang::En);
    open_coordination(&mut app);
    let t = draw(&mut app, 120, 40);
    let s = screen(&t);
    assert!(s.contains("Status          decided, not sent yet"), "{s}");
    assert!(s.contains("To send: resv follow export PLAN -o FILE."), "{s}");
    insta::assert_snapshot!("coordination_leader_120x40_en", s);
    type_keys(&mut app, "q");
    type_keys(&mut app, "m");
    let t = draw(&mut app, 120, 40);
    insta::assert_snapshot!("regions_leader_120x40_en", screen(&t));
}

#[test]
fn before_any_decision_the_split_is_an_indication_and_an_unknown_insurer_is_told_how() {
    let mut app = app(store(), None, Lang::Nl);
    open_coordination(&mut app);
    let s = screen(&draw(&mut app, 80, 24));
    assert!(
        s.contains("onbekend: geef --insurer ID of zet insurer_id in het beleid"),
        "{s}"
    );
    assert!(s.contains("Indicatie: verdeling van het gevraagde bedrag"), "{s}");
}
