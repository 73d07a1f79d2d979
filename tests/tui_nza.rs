//! NZa in the workbench: the dashboard and the Sampling screen over imported decisions
//! (hand-made exports of three insurers; fixed clock).

mod common;

use common::{draw, key, screen, type_keys};
use crossterm::event::KeyCode;
use resv::core::nza::{Offered, parse_export};
use resv::store::Store;
use resv::text::Lang;
use resv::tui::app::App;
use resv::tui::state::Screen;
use resv::tui::widgets::theme::Theme;
use serde_json::json;

fn decision(plan: &str, region: &str, scenario: &str, outcome: &str, years: &[(u16, i64, i64)]) -> serde_json::Value {
    json!({
        "plan_id": plan, "plan_version": 1, "plan_sha256": "c".repeat(64), "resv_name": format!("RESV {plan}"),
        "region": region, "rho_region": region, "scenario": scenario, "decision_id": 1,
        "outcome": outcome, "pending_approval": false, "decided_at": "2026-10-01T10:00:00Z",
        "contracted_total_cents": years.iter().map(|y| y.1).sum::<i64>(),
        "years": years.iter().map(|(y, c, p)| json!({"year": y, "contracted_cents": c, "paid_cents": p})).collect::<Vec<_>>(),
        "per_main_task_cents": [10, 20, 30, 25, 15], "open_flags": 1, "confirmed_flags": 1,
        "market_role": "follower", "market_leader": "voorbeeld", "coordination_status": "followed",
        "deviation_reason": null
    })
}

fn export(insurer: &str, decisions: Vec<serde_json::Value>) -> String {
    json!({"format": "resv-decisions", "format_version": 2, "insurer": insurer, "insurer_id": insurer,
           "exported_at": "2026-11-01T00:00:00Z", "decisions": decisions})
    .to_string()
}

fn nza_app(lang: Lang, with_data: bool) -> App {
    let mut store = Store::open_in_memory().unwrap();
    store.set_fixed_now("2026-11-20T09:00:00Z");
    if with_data {
        let mut lead = decision(
            "RESV-UTR-2027",
            "Utrecht Stad",
            "groeimodel",
            "approve",
            &[(2027, 60_000_000, 26_700_000), (2028, 62_000_000, 27_590_000)],
        );
        lead["market_role"] = json!("leader");
        let mut dev = decision("RESV-FRL-2027", "Fryslân", "rechtspersoon", "reject", &[(2027, 0, 0)]);
        dev["coordination_status"] = json!("deviating");
        dev["deviation_reason"] = json!("Eigen beoordeling van de governance.");
        let files = [
            export(
                "voorbeeld",
                vec![
                    lead,
                    decision(
                        "RESV-TWE-2027",
                        "Twente",
                        "rechtspersoon",
                        "approve",
                        &[(2027, 183_250_000, 183_250_000)],
                    ),
                ],
            ),
            export(
                "rivierzorg",
                vec![
                    decision(
                        "RESV-UTR-2027",
                        "Utrecht Stad",
                        "groeimodel",
                        "approve",
                        &[(2027, 12_780_000, 12_780_000), (2028, 13_206_000, 13_206_000)],
                    ),
                    dev,
                ],
            ),
            export(
                "noorderzorg",
                vec![decision(
                    "RESV-FVA-2027",
                    "Food Valley",
                    "licht-netwerk",
                    "conditions",
                    &[(2027, 78_000_000, 78_000_000)],
                )],
            ),
        ];
        let parsed: Vec<_> = files.iter().map(|t| parse_export(t).unwrap()).collect();
        let shas: Vec<String> = files.iter().map(|t| resv::store::sha256_hex(t)).collect();
        let offered: Vec<Offered<'_>> = parsed
            .iter()
            .zip(&shas)
            .enumerate()
            .map(|(i, (export, sha))| Offered {
                file_name: ["voorbeeld.json", "rivierzorg.json", "noorderzorg.json"][i],
                sha256: sha,
                export,
            })
            .collect();
        store.record_nza_import(&offered, "nza-medewerker").unwrap();
    }
    let mut app = App::new(
        store,
        resv::io::rules_files::built_in_rules(),
        lang,
        "nza.db",
        Theme { color: false },
    )
    .unwrap();
    app.user = "nza-medewerker".into();
    app.out_dir = "/home/nza/exports".into();
    app
}

#[test]
fn the_dashboard_shows_the_national_picture_at_80x24() {
    let mut app = nza_app(Lang::Nl, true);
    type_keys(&mut app, "n");
    assert!(matches!(app.screen, Screen::Nza(_)));
    let text = screen(&draw(&mut app, 80, 24));
    insta::assert_snapshot!("nza_dashboard_nl_80x24", text);
    assert!(text.contains("Jaar 2027: € 3.007.300 / € 70.000.000 (4,2%)"), "{text}");

    // Tab: per insurer; →: the next year.
    app.handle_event(&key(KeyCode::Tab));
    app.handle_event(&key(KeyCode::Right));
    let text = screen(&draw(&mut app, 80, 24));
    assert!(text.contains("Per verzekeraar · 2028"), "{text}");
    assert!(text.contains("rivierzorg") && text.contains("€ 132.060"), "{text}");
    // The status bar shows the dashboard's keys, from the keymap.
    assert!(
        text.contains("Tab uitsplitsing") && text.contains("s steekproef"),
        "{text}"
    );
}

#[test]
fn the_dashboard_in_english_with_a_smaller_envelope_on_a_wide_terminal() {
    let mut app = nza_app(Lang::En, true);
    app.set_envelope(200_000_000); // EUR 2 million
    type_keys(&mut app, "n");
    let text = screen(&draw(&mut app, 120, 30));
    insta::assert_snapshot!("nza_dashboard_en_120x30", text);
    assert!(text.contains("(150.3%)"), "{text}");
    // Above the envelope the gauge says by how much; the trend and each insurer's latest
    // export are shown.
    assert!(
        text.contains("Envelope · 50.3% over the envelope (€1,007,300)"),
        "{text}"
    );
    assert!(text.contains("Per year: 2027 150.3% · 2028 20.3%"), "{text}");
    assert!(text.contains("Latest export: noorderzorg 2026-11-01"), "{text}");
}

#[test]
fn without_imported_decisions_the_dashboard_says_how_to_import() {
    let mut app = nza_app(Lang::En, false);
    type_keys(&mut app, "n");
    let text = screen(&draw(&mut app, 80, 24));
    assert!(text.contains("Import their exports with `resv nza"), "{text}");
}

#[test]
fn the_sampling_screen_plans_draws_stores_and_matches_the_cli_draw() {
    let mut app = nza_app(Lang::Nl, true);
    type_keys(&mut app, "ns");
    let text = screen(&draw(&mut app, 80, 24));
    insta::assert_snapshot!("nza_sampling_nl_80x24", text);
    assert!(text.contains("59 (gepland)"), "{text}");
    // Method: mus; the MUS size is planned from the materiality.
    app.handle_event(&key(KeyCode::Right));
    app.handle_event(&key(KeyCode::Right));
    let text = screen(&draw(&mut app, 80, 24));
    assert!(
        text.contains("MUS (geldsteekproef)") && text.contains("(gepland)"),
        "{text}"
    );
    // Size 2, seed 2027, draw.
    // The seed field shows 1; typing replaces it (not 1 + 2027 = 12027).
    type_keys(&mut app, "G2027k2");
    app.handle_event(&key(KeyCode::Enter));
    assert!(app.store.samples().unwrap().is_empty(), "Enter stores nothing");
    type_keys(&mut app, "d");
    let text = screen(&draw(&mut app, 80, 24));
    assert!(
        text.contains("Steekproef 1 · MUS (geldsteekproef) · seed 2027"),
        "{text}"
    );
    assert!(text.contains("Steekproef opgeslagen als nummer 1"), "{text}");
    // The stored sample is what the CLI would draw: same population, parameters and seed.
    let stored = app.store.sample(1).unwrap().unwrap().sample;
    assert_eq!(stored.params.size, 2);
    assert_eq!(stored.params.seed, 2027);
    let population = resv::core::nza::population(&app.store.nza_contracts().unwrap(), None, None);
    let again = resv::core::sampling::record::take(&population, stored.params.clone()).unwrap();
    assert_eq!(again.items, stored.items);
    // Esc back to the dashboard; there (the top screen: no plans) Esc stays.
    app.handle_event(&key(KeyCode::Esc));
    assert!(matches!(&app.screen, Screen::Nza(v) if v.sampling.is_none()));
    app.handle_event(&key(KeyCode::Esc));
    assert!(matches!(app.screen, Screen::Nza(_)) && !app.should_quit);
}

#[test]
fn a_size_larger_than_the_population_is_refused_in_the_status_bar() {
    let mut app = nza_app(Lang::En, true);
    type_keys(&mut app, "nsd");
    let text = screen(&draw(&mut app, 80, 24));
    assert!(
        text.contains("A sample of 59 is larger than the population (4)"),
        "{text}"
    );
    assert!(app.store.samples().unwrap().is_empty());
}

#[test]
fn on_the_sampling_screen_each_item_is_marked_and_the_open_ones_counted() {
    let mut app = nza_app(Lang::Nl, true);
    type_keys(&mut app, "ns");
    // Random, size 2, seed 2027 (typing replaces a field's value), d draws and stores.
    type_keys(&mut app, "G2027k2d");
    let text = screen(&draw(&mut app, 80, 24));
    assert!(
        text.contains("Steekproef 1 · aselect · seed 2027 · Geselecteerd 2 · open 2"),
        "{text}"
    );
    let items: Vec<String> = app
        .store
        .sample(1)
        .unwrap()
        .unwrap()
        .sample
        .items
        .iter()
        .map(|i| i.id.clone())
        .collect();
    // Once drawn (and its message read), the status bar shows how to go through the
    // items and record findings.
    app.message = None;
    app.notice = None;
    let wide = screen(&draw(&mut app, 120, 40));
    let status = wide.lines().last().unwrap();
    assert!(
        status.contains("o item in orde") && status.contains("v item wijkt af"),
        "{status}"
    );
    assert!(status.contains("? help"), "{status}");
    let narrow = screen(&draw(&mut app, 80, 24));
    assert!(narrow.lines().last().unwrap().contains("? help"), "{narrow}");
    // o: the first item is in order; the cursor moves on; v: the second deviates.
    type_keys(&mut app, "o");
    let text = screen(&draw(&mut app, 80, 24));
    assert!(text.contains("Nog open: 1 van 2 items"), "{text}");
    // Both items stay listed while the cursor moves (the list no longer scrolls the
    // chosen item to its top).
    let text = screen(&draw(&mut app, 80, 24));
    assert!(
        text.contains(&items[0][..20]) && text.contains(&items[1][..20]),
        "{text}"
    );
    type_keys(&mut app, "v");
    let text = screen(&draw(&mut app, 80, 24));
    assert!(text.contains("open 0"), "{text}");
    assert!(
        text.contains(&items[0][..20]) && text.contains(&items[1][..20]),
        "{text}"
    );
    // Findings by their Dutch names, not their ids (the ids stay in the store and JSON).
    assert!(text.contains("afwijking") && !text.contains("deviation"), "{text}");
    let found: Vec<(String, &str)> = app
        .store
        .findings(1)
        .unwrap()
        .iter()
        .map(|f| (f.item_id.clone(), f.finding.keyword()))
        .collect();
    assert_eq!(found, [(items[0].clone(), "ok"), (items[1].clone(), "deviation")]);
    // [ goes back: a second finding on an item replaces the first (both kept).
    type_keys(&mut app, "[o");
    assert_eq!(app.store.findings(1).unwrap().len(), 3);
    assert!(app.store.verify_audit(None).unwrap().problem.is_none());
}

fn dashboard_selected(app: &App) -> usize {
    match &app.screen {
        Screen::Nza(v) => v.selected,
        _ => panic!("not on the dashboard"),
    }
}

fn mouse(kind: crossterm::event::MouseEventKind, column: u16, row: u16) -> crossterm::event::Event {
    crossterm::event::Event::Mouse(crossterm::event::MouseEvent {
        kind,
        column,
        row,
        modifiers: crossterm::event::KeyModifiers::NONE,
    })
}

/// The dashboard's breakdown table: the wheel and j/k move its selection (the table scrolls
/// on a short terminal), a click selects the row drawn under the pointer.
#[test]
fn the_wheel_and_a_click_choose_a_row_of_the_breakdown() {
    use crossterm::event::{MouseButton, MouseEventKind};
    for (w, h) in [(80, 24), (120, 40), (60, 16)] {
        let mut app = nza_app(Lang::Nl, true);
        type_keys(&mut app, "n");
        draw(&mut app, w, h);
        app.handle_event(&mouse(MouseEventKind::ScrollDown, 10, 9));
        app.handle_event(&mouse(MouseEventKind::ScrollDown, 10, 9));
        assert_eq!(dashboard_selected(&app), 2, "{w}x{h}");
        type_keys(&mut app, "k");
        assert_eq!(dashboard_selected(&app), 1, "{w}x{h}");
        type_keys(&mut app, "G");
        let s = screen(&draw(&mut app, w, h));
        // Click the first row shown: the row drawn there is selected.
        app.handle_event(&mouse(MouseEventKind::Down(MouseButton::Left), 5, 8));
        let (shown, rows) = match &app.screen {
            Screen::Nza(v) => (v.selected, v.rows().iter().map(|t| t.key.clone()).collect::<Vec<_>>()),
            _ => unreachable!(),
        };
        let row8: String = s.lines().nth(8).unwrap().chars().take(30).collect();
        assert!(
            row8.contains(rows[shown].as_str()),
            "{w}x{h}: row 8 {row8:?} is {}: {s}",
            rows[shown]
        );
        if h == 16 {
            assert!(shown > 0, "the short table scrolled: {s}");
        }
        // Tab: another breakdown starts at its first row.
        app.handle_event(&key(KeyCode::Tab));
        assert_eq!(dashboard_selected(&app), 0);
    }
}
