//! Each role lands where it works: NZa on its dashboard when the database holds only NZa
//! imports; the title bar names the user and the role (insurer, leader or follower for the
//! plan, NZa, read-only) without being cut at 80 columns; Enter on a region opens its plans.

mod common;

use common::{demo_app, draw, key, screen, type_keys};
use crossterm::event::KeyCode;
use resv::store::Store;
use resv::text::Lang;
use resv::tui::app::App;
use resv::tui::state::Screen;
use resv::tui::widgets::theme::Theme;

/// One insurer's export with one approved decision (the format `resv export` writes).
fn one_export() -> String {
    serde_json::json!({
        "format": "resv-decisions", "format_version": 2, "insurer": "voorbeeld", "insurer_id": "voorbeeld",
        "exported_at": "2026-11-01T00:00:00Z",
        "decisions": [{
            "plan_id": "RESV-UTR-2027", "plan_version": 1, "plan_sha256": "c".repeat(64),
            "resv_name": "RESV Utrecht Stad", "region": "Utrecht Stad", "rho_region": "Utrecht Stad",
            "scenario": "groeimodel", "decision_id": 1, "outcome": "approve", "pending_approval": false,
            "decided_at": "2026-10-01T10:00:00Z", "contracted_total_cents": 60_000_000,
            "years": [{"year": 2027, "contracted_cents": 60_000_000, "paid_cents": 26_700_000}],
            "per_main_task_cents": [10, 20, 30, 25, 15], "open_flags": 1, "confirmed_flags": 1,
            "market_role": "leader", "market_leader": "voorbeeld", "coordination_status": "followed",
            "deviation_reason": null
        }]
    })
    .to_string()
}

fn nza_only() -> App {
    let mut store = Store::open_in_memory().unwrap();
    store.set_fixed_now("2026-11-20T09:00:00Z");
    let export = one_export();
    let export = export.as_str();
    let parsed = resv::core::nza::parse_export(export).unwrap();
    let sha = resv::store::sha256_hex(export);
    let offered = [resv::core::nza::Offered {
        file_name: "voorbeeld.json",
        sha256: &sha,
        export: &parsed,
    }];
    store.record_nza_import(&offered, "nza-medewerker").unwrap();
    let mut app = App::new(
        store,
        resv::io::rules_files::built_in_rules(),
        Lang::Nl,
        "/var/lib/nza/een/heel/lang/pad/naar/de/database/van/de/nza/resv.db",
        Theme { color: false },
    )
    .unwrap();
    app.user = "nza-medewerker".into();
    app
}

#[test]
fn nza_staff_land_on_the_dashboard_where_esc_stays_and_q_quits() {
    let mut app = nza_only();
    assert!(
        matches!(app.screen, Screen::Nza(_)),
        "NZa imports, no plans: the dashboard"
    );
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&draw(&mut app, w, h));
        let title = s.lines().next().unwrap();
        assert!(title.contains("nza-medewerker · NZa"), "{title}");
        assert!(s.contains("q afsluiten"), "q quits here: {s}");
        assert!(
            title.chars().count() <= w as usize && title.ends_with("resv.db"),
            "{title}"
        );
        insta::assert_snapshot!(format!("nza_home_{w}x{h}"), s);
    }
    app.handle_event(&key(KeyCode::Esc));
    assert!(
        matches!(app.screen, Screen::Nza(_)) && !app.should_quit,
        "Esc never quits"
    );
    type_keys(&mut app, "s");
    app.handle_event(&key(KeyCode::Esc));
    assert!(
        matches!(&app.screen, Screen::Nza(v) if v.sampling.is_none()),
        "Esc: Sampling to dashboard"
    );
    type_keys(&mut app, "q");
    assert!(app.should_quit, "q on the top screen quits");
}

#[test]
fn the_title_bar_names_the_user_insurer_and_role_and_read_only_uncut() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ro.db");
    {
        let mut store = Store::open(&path, false).unwrap();
        resv::app::import::load_samples(&mut store, "inkoper").unwrap();
    }
    let mut rules = resv::io::rules_files::built_in_rules();
    rules.policy.insurer_id = Some("voorbeeld".into());
    let store = Store::open(&path, true).unwrap();
    let label = path.display().to_string();
    let mut app = App::new(store, rules, Lang::Nl, &label, Theme { color: false }).unwrap();
    app.user = "auditor".into();
    let title = screen(&draw(&mut app, 80, 24)).lines().next().unwrap().to_string();
    assert!(
        title.contains("auditor · voorbeeld") && title.contains("[alleen-lezen]"),
        "{title}"
    );
    assert!(title.ends_with("ro.db"), "the database's name stays: {title}");
    type_keys(&mut app, "/UTR");
    app.handle_event(&key(KeyCode::Enter));
    app.handle_event(&key(KeyCode::Enter));
    let title = screen(&draw(&mut app, 80, 24)).lines().next().unwrap().to_string();
    assert!(
        title.contains("auditor · voorbeeld · marktleider"),
        "the role for this plan: {title}"
    );
}

#[test]
fn enter_on_a_region_opens_its_plans() {
    let mut app = demo_app(Lang::Nl);
    type_keys(&mut app, "m");
    let Screen::Regions(r) = &app.screen else {
        panic!("the regions screen")
    };
    let region = r.report.overview.regions[1].rho_region.clone();
    let plans: Vec<String> = r
        .report
        .plans
        .iter()
        .filter(|p| p.rho_region == region)
        .map(|p| p.plan_id.clone())
        .collect();
    type_keys(&mut app, "j");
    app.handle_event(&key(KeyCode::Enter));
    assert!(matches!(app.screen, Screen::Queue));
    assert_eq!(app.queue.region_filter(), Some(region.as_str()));
    assert!(!app.queue.visible().is_empty());
    let shown: Vec<String> = app
        .queue
        .visible()
        .iter()
        .map(|&i| app.queue.row(i).id.clone())
        .collect();
    assert_eq!(shown.len(), plans.len());
    assert!(shown.iter().all(|id| plans.contains(id)), "{shown:?} {plans:?}");
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&draw(&mut app, w, h));
        assert!(s.contains(&format!("regio: {region}")), "{s}");
    }
    app.handle_event(&key(KeyCode::Esc));
    assert_eq!(app.queue.region_filter(), None, "Esc clears it");
}

/// The sample plans in a database opened with `--read-only`.
fn read_only_app(dir: &std::path::Path, lang: Lang) -> App {
    let path = dir.join("ro.db");
    {
        let mut store = Store::open(&path, false).unwrap();
        resv::app::import::load_samples(&mut store, "inkoper").unwrap();
    }
    let store = Store::open(&path, true).unwrap();
    let rules = resv::io::rules_files::built_in_rules();
    App::new(store, rules, lang, "ro.db", Theme { color: false }).unwrap()
}

/// Help's lines that list a key (label first, after the column's edge).
fn help_lists(text: &str, label: &str) -> bool {
    text.lines().any(|l| {
        l.split('│')
            .any(|cell| cell.trim_start().starts_with(&format!("{label} ")))
    })
}

#[test]
fn read_only_hides_the_keys_that_write_and_says_why_when_one_is_pressed() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = read_only_app(dir.path(), Lang::Nl);
    let status = screen(&draw(&mut app, 120, 40));
    type_keys(&mut app, "?");
    let help = screen(&draw(&mut app, 120, 40));
    assert!(!help_lists(&help, "I"), "no import under --read-only:\n{help}");
    assert!(help_lists(&help, "E"), "export only reads:\n{help}");
    assert!(!status.lines().last().unwrap().contains("I "), "{status}");
    type_keys(&mut app, "?");
    // Pressed anyway: a short message, and nothing opens.
    type_keys(&mut app, "I");
    assert!(app.popup.is_none());
    let said = app.message.clone().unwrap_or_default();
    assert!(said.starts_with("alleen-lezen: I (plannen importeren"), "{said}");
    type_keys(&mut app, "/UTR");
    app.handle_event(&key(KeyCode::Enter));
    app.handle_event(&key(KeyCode::Enter));
    type_keys(&mut app, "?");
    let help = screen(&draw(&mut app, 120, 40));
    for k in ["P", "d", "a"] {
        assert!(!help_lists(&help, k), "{k} listed under --read-only:\n{help}");
    }
    assert!(help_lists(&help, "L"), "the letter only reads:\n{help}");
    type_keys(&mut app, "?");
    for k in ["d", "a", "P"] {
        type_keys(&mut app, k);
        assert!(app.popup.is_none(), "{k} opened a popup");
        let said = app.message.clone().unwrap_or_default();
        assert!(said.starts_with(&format!("alleen-lezen: {k} (")), "{k}: {said}");
    }
    // The assessment tab's s/n/x say the same; the status bar shows the message.
    while !matches!(&app.screen, Screen::Plan(p) if p.tab == resv::tui::state::ASSESSMENT_TAB) {
        app.handle_event(&key(KeyCode::Tab));
    }
    type_keys(&mut app, "j");
    for k in ["s", "n", "x"] {
        type_keys(&mut app, k);
        assert!(app.popup.is_none(), "{k} opened a popup");
        let said = app.message.clone().unwrap_or_default();
        assert!(said.starts_with(&format!("alleen-lezen: {k} (")), "{k}: {said}");
    }
    let text = screen(&draw(&mut app, 80, 24));
    assert!(text.contains("alleen-lezen: x"), "{text}");
    let other = tempfile::tempdir().unwrap();
    let mut en = read_only_app(other.path(), Lang::En);
    type_keys(&mut en, "I");
    let said = en.message.clone().unwrap_or_default();
    assert!(
        said.starts_with("read-only: I (") && said.contains("--read-only"),
        "{said}"
    );
}

#[test]
fn drawing_a_sample_counts_as_a_write() {
    // A drawn sample is stored: under --read-only `d` on Sampling is hidden and refused in
    // words like every other key that writes; the keys that only read are not.
    use resv::tui::keymap::Action;
    assert!(Action::SampleDraw.writes());
    assert!(!Action::OpenLetter.writes());
}
