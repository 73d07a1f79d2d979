//! Filters that find, not flood: the queue's filter and the registry's search match only
//! where the query's characters sit close together, the best matches first.

mod common;

use common::{demo_app, draw, key, screen, type_keys};
use crossterm::event::KeyCode;
use resv::text::Lang;
use resv::tui::state::Screen;

#[test]
fn the_registry_search_for_twente_finds_twente_only() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = demo_app(Lang::Nl);
        type_keys(&mut app, "r/twente");
        let Screen::Registry(r) = &app.screen else {
            panic!("the registry is open")
        };
        let all = app.registry.arrangements_if_loaded();
        assert!(!all.is_empty(), "the registry screen read the registry");
        let total = all.len();
        let hits: Vec<&str> = r.hits.iter().map(|&i| all[i].id.as_str()).collect();
        assert!(
            !hits.is_empty() && hits.len() * 4 < total,
            "{} of {total}: {hits:?}",
            hits.len()
        );
        assert!(hits.iter().all(|id| !id.starts_with("WMO-RIJ")), "{hits:?}");
        for &i in &r.hits {
            let a = &all[i];
            let text = format!("{} {} {} {}", a.id, a.recipient.name, a.funder, a.description).to_lowercase();
            assert!(text.contains("twente"), "{} matched without the word: {text}", a.id);
        }
        let s = screen(&draw(&mut app, w, h));
        insta::assert_snapshot!(format!("registry_twente_{w}x{h}"), s);
    }
}

#[test]
fn the_queue_filter_utr_does_not_match_amsterdam_zuidoost() {
    let mut app = demo_app(Lang::Nl);
    type_keys(&mut app, "/utr");
    let ids: Vec<&str> = app
        .queue
        .visible()
        .iter()
        .map(|&i| app.queue.row(i).id.as_str())
        .collect();
    assert_eq!(ids, ["RESV-UTR-2027"]);
    app.handle_event(&key(KeyCode::Esc));
    // Best matches first: a whole word at a word start before pieces of words.
    type_keys(&mut app, "/eerstelijn");
    let first = app.queue.row(app.queue.visible()[0]).name.clone();
    assert!(first.contains("Eerstelijn"), "{first}");
    let s = screen(&draw(&mut app, 80, 24));
    assert!(!s.contains("RESV-UTR-2027"), "{s}");
}

#[test]
fn help_states_the_filter_rule() {
    let mut app = demo_app(Lang::En);
    type_keys(&mut app, "?");
    let s = screen(&draw(&mut app, 120, 40));
    assert!(s.contains("Filter: a match has the characters"), "{s}");
}
