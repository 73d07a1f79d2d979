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
    let mut e = resv::app::follow::build_export(&store, &rules, UTR, "inkoper")
        .unwrap()
        .unwrap();
    resv::app::follow::sign_export(&mut e, &leader_key()).unwrap();
    (store, e.text)
}

/// The leader's signing key (fixed, so the snapshots are too).
fn leader_key() -> resv::core::signing::SecretKey {
    resv::core::signing::SecretKey::from_seed(&[42; 32])
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
    let public = leader_key().public().text();
    resv::app::keys::trust(&mut follower, "voorbeeld", &public, (None, None), "volger", Lang::Nl).unwrap();
    let imported = resv::app::follow::import(
        &mut follower,
        &rules,
        ("utr.json", &package),
        &resv::app::follow::Choice::default(),
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
    assert!(s.contains("To send: press P (export the follow package)."), "{s}");
    assert!(
        s.lines().last().unwrap().contains("P follow package"),
        "P in the status bar: {s}"
    );
    insta::assert_snapshot!("coordination_leader_120x40_en", s);
    type_keys(&mut app, "q");
    type_keys(&mut app, "m");
    let t = draw(&mut app, 120, 40);
    insta::assert_snapshot!("regions_leader_120x40_en", screen(&t));
}

/// The Coordination tab points at its key, and the status bar shows it at 80 columns, in
/// Dutch; the other tabs' status bars do not (P acts only there).
#[test]
fn the_leaders_coordination_tab_shows_p_in_its_text_and_status_bar() {
    let (store, _) = leader_decided();
    let mut app = app(store, Some("voorbeeld"), Lang::Nl);
    open_coordination(&mut app);
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("Versturen: druk op P (volgpakket exporteren)."), "{s}");
    let bar = s.lines().last().unwrap();
    assert!(bar.contains("P volgpakket") && bar.contains("? help"), "{bar}");
    insta::assert_snapshot!("coordination_leader_80x24", s);
    app.handle_event(&key(KeyCode::Tab));
    let s = screen(&draw(&mut app, 80, 24));
    assert!(!s.lines().last().unwrap().contains("P volgpakket"), "{s}");
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
    // Wrapped at 80 columns, not cut: every word of it shows.
    let words: Vec<&str> = s.split_whitespace().collect();
    assert!(words.join(" ").contains("(nog geen besluit van de marktleider)"), "{s}");
    insta::assert_snapshot!("coordination_indication_80x24", s);
    let s = screen(&draw(&mut app, 120, 40));
    insta::assert_snapshot!("coordination_indication_120x40", s);
}

#[test]
fn the_leader_sees_each_followers_answer_from_its_receipt_and_who_is_pending() {
    let (mut leader, package) = leader_decided();
    let leader_rules = rules_for(Some("voorbeeld"));
    let sent = resv::core::coordination::parse_package(&package).unwrap();
    leader.set_fixed_now("2026-11-01T09:00:00Z");
    let e = resv::app::follow::Exported {
        package: sent,
        text: package.clone(),
    };
    resv::app::follow::record_export(&mut leader, &leader_rules, &e, "inkoper").unwrap();
    // The follower follows and signs its receipt.
    let mut follower = store();
    let rules = rules_for(Some("rivierzorg"));
    let public = leader_key().public().text();
    resv::app::keys::trust(&mut follower, "voorbeeld", &public, (None, None), "volger", Lang::Nl).unwrap();
    let choice = resv::app::follow::Choice::default();
    let done = resv::app::follow::import(
        &mut follower,
        &rules,
        ("utr.json", &package),
        &choice,
        "volger",
        Lang::Nl,
    );
    assert!(done.unwrap().is_ok());
    let follower_key = resv::core::signing::SecretKey::from_seed(&[7; 32]);
    let mut receipt = resv::app::receipts::build(&follower, &rules, UTR, "volger", Lang::Nl)
        .unwrap()
        .unwrap();
    let text = resv::app::receipts::sign(&mut receipt, &follower_key).unwrap();
    // Ten days later the leader imports it.
    leader.set_fixed_now("2026-11-11T09:00:00Z");
    let public = follower_key.public().text();
    resv::app::keys::trust(&mut leader, "rivierzorg", &public, (None, None), "inkoper", Lang::Nl).unwrap();
    let stored = resv::app::receipts::import(&mut leader, &leader_rules, ("r.json", &text), "inkoper", Lang::Nl);
    assert!(stored.unwrap().is_ok());
    let mut app = app(leader, Some("voorbeeld"), Lang::Nl);
    open_coordination(&mut app);
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("gevolgd 1-11-2026"), "Dutch date in the Dutch UI: {s}");
    assert!(s.contains("geen antwoord, 10 dagen"), "{s}");
    insta::assert_snapshot!("coordination_leader_answers_80x24", s);
    // The regions screen counts the followers' answers (one followed) instead of "–".
    type_keys(&mut app, "q");
    type_keys(&mut app, "m");
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&draw(&mut app, w, h));
        let utrecht = s.lines().find(|l| l.contains("Utrecht Stad")).unwrap();
        let counts: Vec<&str> = utrecht.split_whitespace().skip_while(|c| *c != "1").collect();
        assert_eq!(counts[..6], ["1", "1", "1", "1", "0", "0"], "{w}x{h}: {s}");
        insta::assert_snapshot!(format!("regions_leader_answers_{w}x{h}"), s);
    }
    type_keys(&mut app, "q");
    type_keys(&mut app, "m");
    let s = screen(&draw(&mut app, 80, 24));
    assert!(
        s.contains("Antwoorden van volgers: 1 gevolgd · 0 afgeweken/geweigerd · 4 open"),
        "{s}"
    );
}
