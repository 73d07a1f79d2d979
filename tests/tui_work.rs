//! Everyday work without leaving the workbench (issue 18 §8): the decision letter's preview
//! and writing it, the decisions export, importing plan files and a registry file from a
//! typed path, and the stored samples with their verification. Each goes through the same
//! services as the command line; snapshots at 80x24 and 120x40, Dutch and English.

mod common;

use common::{demo_app, draw, key, screen, type_keys};
use crossterm::event::KeyCode;
use resv::core::decision::{Draft, Outcome};
use resv::store::Store;
use resv::text::Lang;
use resv::tui::app::App;
use resv::tui::state::{Popup, Screen};
use std::fs;
use std::path::PathBuf;

const UTR: &str = "RESV-UTR-2027";

/// A fixed folder name for snapshots (nothing is written in the snapshot tests).
const SHOWN: &str = "/werkmap";

fn app_in(lang: Lang, folder: PathBuf) -> App {
    let mut app = demo_app(lang);
    app.out_dir = folder;
    app.user = "inkoper-b".into();
    app
}

/// Records a return on RESV-UTR-2027 through the decision service.
fn decide_utr(app: &mut App) {
    decide_utr_after(app, None);
}

/// [`decide_utr`], replacing decision `latest` when given.
fn decide_utr_after(app: &mut App, latest: Option<i64>) {
    let draft = Draft {
        outcome: Some(Outcome::Return),
        questions: vec!["Hoe borgt u de dekking na 2028?".into()],
        reasoning: "Dekking na 2028 onduidelijk".into(),
        ..Draft::default()
    };
    let prepared = resv::app::decide::prepare(&app.store, &app.rules, &app.registry, UTR, &draft, Lang::Nl).unwrap();
    resv::app::decide::record(&mut app.store, &app.rules, &prepared, latest, "inkoper-a", Lang::Nl).unwrap();
}

fn open_utr(app: &mut App) {
    type_keys(app, "/UTR");
    app.handle_event(&key(KeyCode::Enter));
    app.handle_event(&key(KeyCode::Enter));
    assert!(matches!(app.screen, Screen::Plan(_)));
}

fn work_results(app: &App) -> Vec<String> {
    match &app.popup {
        Some(Popup::Work(w)) => w.results.clone(),
        _ => panic!("the work popup is open"),
    }
}

#[test]
fn the_letter_is_previewed_and_written_as_markdown_and_html_never_over_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(Lang::Nl, dir.path().to_path_buf());
    decide_utr(&mut app);
    open_utr(&mut app);
    type_keys(&mut app, "L");
    let text = screen(&draw(&mut app, 120, 40));
    assert!(text.contains("Besluitbrief RESV-UTR-2027"), "{text}");
    assert!(
        text.contains(&dir.path().display().to_string()),
        "the folder is shown: {text}"
    );
    type_keys(&mut app, "m");
    // Named after the decision it is about: a later decision's letter is a new file.
    let md = dir.path().join("besluit-RESV-UTR-2027-1.md");
    let same = resv::app::documents::letter(
        resv::app::context::Sources {
            store: &app.store,
            rules: &app.rules,
            registry: &app.registry,
        },
        UTR,
        false,
        Lang::Nl,
    )
    .unwrap();
    assert_eq!(
        fs::read_to_string(&md).unwrap(),
        same,
        "the same letter as `resv letter`"
    );
    assert_eq!(work_results(&app), [format!("geschreven: {}", md.display())]);
    // Again: refused, the file untouched, the reason in Dutch.
    fs::write(&md, "bewaard").unwrap();
    type_keys(&mut app, "m");
    let refused = work_results(&app).join("\n");
    assert!(
        refused.contains("bestaat al; resv overschrijft nooit een bestand"),
        "{refused}"
    );
    assert_eq!(fs::read_to_string(&md).unwrap(), "bewaard");
    type_keys(&mut app, "h");
    let html = fs::read_to_string(dir.path().join("besluit-RESV-UTR-2027-1.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") || html.contains("<html"), "{html}");
    // A second decision: its letter goes to its own file, the first one's stays.
    decide_utr_after(&mut app, Some(1));
    type_keys(&mut app, "m");
    let second = dir.path().join("besluit-RESV-UTR-2027-2.md");
    assert_eq!(work_results(&app), [format!("geschreven: {}", second.display())]);
    let now = resv::app::documents::letter(
        resv::app::context::Sources {
            store: &app.store,
            rules: &app.rules,
            registry: &app.registry,
        },
        UTR,
        false,
        Lang::Nl,
    )
    .unwrap();
    assert_eq!(fs::read_to_string(&second).unwrap(), now, "the letter of decision #2");
    assert_eq!(fs::read_to_string(&md).unwrap(), "bewaard");
    app.handle_event(&key(KeyCode::Esc));
    assert!(app.popup.is_none(), "Esc closes the popup");
    assert!(matches!(app.screen, Screen::Plan(_)), "and stays on the plan");
}

#[test]
fn a_plan_without_a_decision_says_so_in_the_letter_popup() {
    let mut app = app_in(Lang::En, PathBuf::from(SHOWN));
    open_utr(&mut app);
    type_keys(&mut app, "L");
    let results = work_results(&app).join("\n");
    assert!(
        results.contains("No decision yet. Record a decision first"),
        "{results}"
    );
}

#[test]
fn letter_popup_snapshots() {
    for (lang, name) in [(Lang::Nl, "nl"), (Lang::En, "en")] {
        let mut app = app_in(lang, PathBuf::from(SHOWN));
        decide_utr(&mut app);
        open_utr(&mut app);
        type_keys(&mut app, "L");
        insta::assert_snapshot!(format!("work_letter_80x24_{name}"), screen(&draw(&mut app, 80, 24)));
        insta::assert_snapshot!(format!("work_letter_120x40_{name}"), screen(&draw(&mut app, 120, 40)));
        // It scrolls.
        type_keys(&mut app, "jjj");
        match &app.popup {
            Some(Popup::Work(w)) => assert_eq!(w.scroll, 3),
            _ => panic!("open"),
        }
    }
}

#[test]
fn the_export_lists_the_decisions_and_writes_json_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(Lang::Nl, dir.path().to_path_buf());
    decide_utr(&mut app);
    type_keys(&mut app, "E");
    let text = screen(&draw(&mut app, 80, 24));
    assert!(
        text.contains("1 geldend besluit") && text.contains("teruggestuurd"),
        "{text}"
    );
    type_keys(&mut app, "wc");
    let json = fs::read_to_string(dir.path().join("besluiten-2026-11-01.json")).unwrap();
    assert!(json.contains("\"resv-decisions\""), "{json}");
    let csv = fs::read_to_string(dir.path().join("besluiten-2026-11-01.csv")).unwrap();
    assert!(csv.starts_with("plan_id,"), "{csv}");
    // The export looked the decided plans' registry candidates up by key: at 100,000
    // arrangements the whole index would triple the workbench's memory.
    assert!(
        app.registry.if_loaded().is_none(),
        "no whole registry index for an export"
    );
    let mut en = app_in(Lang::En, PathBuf::from(SHOWN));
    decide_utr(&mut en);
    type_keys(&mut en, "E");
    insta::assert_snapshot!("work_export_80x24_en", screen(&draw(&mut en, 80, 24)));
    insta::assert_snapshot!("work_export_120x40_en", screen(&draw(&mut en, 120, 40)));
}

#[test]
fn the_export_popup_warns_like_the_cli_when_unsigned_and_signs_when_a_key_exists() {
    let dir = tempfile::tempdir().unwrap();
    let keys = tempfile::tempdir().unwrap();
    for lang in [Lang::Nl, Lang::En] {
        let out = tempfile::tempdir().unwrap();
        let mut app = app_in(lang, out.path().to_path_buf());
        app.keys_folder = Some(keys.path().to_path_buf());
        decide_utr(&mut app);
        type_keys(&mut app, "Ew");
        let warning = resv::text::keys::UNSIGNED_EXPORT.get(lang).to_string();
        assert!(work_results(&app).contains(&warning), "{:?}", work_results(&app));
        let json = fs::read_to_string(out.path().join("besluiten-2026-11-01.json")).unwrap();
        assert!(!json.contains("\"signature\""), "{json}");
        // The CSV is never signed: no warning for it.
        type_keys(&mut app, "c");
        assert!(!work_results(&app).contains(&warning), "{:?}", work_results(&app));
    }
    let text = {
        let mut app = app_in(Lang::Nl, dir.path().to_path_buf());
        app.keys_folder = Some(keys.path().to_path_buf());
        decide_utr(&mut app);
        type_keys(&mut app, "Ew");
        screen(&draw(&mut app, 120, 40))
    };
    assert!(
        text.contains("de NZa weigert een") && text.contains("resv keys generate"),
        "{text}"
    );
    // With the insurer's private key the export is signed and nothing is said.
    resv::io::keys::generate_in(keys.path(), "voorbeeld").unwrap();
    let signed = tempfile::tempdir().unwrap();
    let mut app = app_in(Lang::Nl, signed.path().to_path_buf());
    app.keys_folder = Some(keys.path().to_path_buf());
    decide_utr(&mut app);
    type_keys(&mut app, "Ew");
    assert_eq!(work_results(&app).len(), 1, "{:?}", work_results(&app));
    let json = fs::read_to_string(signed.path().join("besluiten-2026-11-01.json")).unwrap();
    assert!(json.contains("\"signature\""), "{json}");
}

#[test]
fn a_folder_import_takes_the_folders_own_plan_files_and_is_bounded() {
    let plan = fs::read_to_string("sample-plans/utrecht-stad.toml").unwrap();
    // A subfolder's plan files are not imported from the workbench.
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    fs::write(dir.path().join("sub/utrecht.toml"), &plan).unwrap();
    let mut app = app_in(Lang::Nl, PathBuf::from(SHOWN));
    type_keys(&mut app, "I");
    type_keys(&mut app, &dir.path().display().to_string());
    app.handle_event(&key(KeyCode::Enter));
    let results = work_results(&app).join("\n");
    assert!(results.contains("geen *.toml-bestanden in deze map"), "{results}");
    assert!(!results.contains("utrecht.toml"), "{results}");
    // One more than the bound: refused whole, with the count and the command line's way.
    let many = tempfile::tempdir().unwrap();
    let max = resv::io::intake::MAX_FOLDER_PLANS;
    for i in 0..=max {
        fs::write(many.path().join(format!("p{i:04}.toml")), "").unwrap();
    }
    for (lang, words) in [
        (Lang::Nl, "planbestanden in deze map"),
        (Lang::En, "plan files in this folder"),
    ] {
        let mut app = app_in(lang, PathBuf::from(SHOWN));
        let before = app.queue.visible().len();
        type_keys(&mut app, "I");
        type_keys(&mut app, &many.path().display().to_string());
        app.handle_event(&key(KeyCode::Enter));
        let results = work_results(&app).join("\n");
        let shown = many.path().display().to_string();
        assert!(results.contains(&format!("{shown}: {} {words}", max + 1)), "{results}");
        assert!(results.contains(&format!("`resv import {shown}`")), "{results}");
        assert_eq!(app.queue.visible().len(), before, "nothing imported");
    }
    // At the bound the folder's own files are imported (here: refused, each named).
    fs::remove_file(many.path().join(format!("p{max:04}.toml"))).unwrap();
    let mut app = app_in(Lang::En, PathBuf::from(SHOWN));
    type_keys(&mut app, "I");
    type_keys(&mut app, &many.path().display().to_string());
    app.handle_event(&key(KeyCode::Enter));
    let results = work_results(&app).join("\n");
    assert!(
        results.contains(&format!("0 imported, 0 unchanged, {max} refused")),
        "{results}"
    );
}

#[test]
fn plan_files_are_imported_from_a_typed_path_with_the_clis_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(Lang::Nl, PathBuf::from(SHOWN));
    type_keys(&mut app, "I");
    insta::assert_snapshot!("work_import_prompt_80x24_nl", screen(&draw(&mut app, 80, 24)));
    // A bad file: refused with its located diagnostics; the prompt stays for another path.
    let bad = dir.path().join("kapot.toml");
    fs::write(&bad, "format = 1\nid = \n").unwrap();
    type_keys(&mut app, &bad.display().to_string());
    app.handle_event(&key(KeyCode::Enter));
    let results = work_results(&app).join("\n");
    assert!(results.contains("kapot.toml: geweigerd (1)"), "{results}");
    assert!(results.contains("kapot.toml:2:"), "located: {results}");
    assert!(
        results.contains("0 geïmporteerd, 0 ongewijzigd, 1 geweigerd"),
        "{results}"
    );
    // A new version of a sample plan: imported, and the queue shows it.
    let plan = fs::read_to_string("sample-plans/utrecht-stad.toml").unwrap();
    let v2 = dir.path().join("utrecht-1.1.toml");
    fs::write(&v2, plan.replace("version = \"1.0\"", "version = \"1.1\"")).unwrap();
    if let Some(Popup::Work(w)) = &mut app.popup {
        w.prompt = Some(tui_input::Input::new(v2.display().to_string()));
    }
    app.handle_event(&key(KeyCode::Enter));
    let results = work_results(&app).join("\n");
    assert!(results.contains("geïmporteerd RESV-UTR-2027 (versie 2)"), "{results}");
    let row = (0..app.queue.len())
        .map(|i| app.queue.row(i))
        .find(|r| r.id == UTR)
        .unwrap();
    assert_eq!(row.versions, 2, "the queue was reloaded");
    insta::assert_snapshot!(
        "work_import_done_120x40_nl",
        screen(&draw(&mut app, 120, 40)).replace(&dir.path().display().to_string(), "/tmp/DIR")
    );
    app.handle_event(&key(KeyCode::Esc));
    assert!(app.popup.is_none());
}

#[test]
fn a_read_only_workbench_refuses_the_import_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("resv.db");
    {
        let mut store = Store::open(&db, false).unwrap();
        resv::app::import::load_samples(&mut store, "inkoper").unwrap();
    }
    let store = Store::open(&db, true).unwrap();
    let rules = resv::io::rules_files::built_in_rules();
    let theme = resv::tui::widgets::theme::Theme { color: false };
    let mut app = App::new(store, rules, Lang::En, "ro", theme).unwrap();
    // The import key is refused at once, in words: no popup to type a path into.
    type_keys(&mut app, "I");
    assert!(app.popup.is_none());
    let said = app.message.clone().unwrap_or_default();
    assert!(
        said.starts_with("read-only: I ") && said.contains("--read-only"),
        "{said}"
    );
}

#[test]
fn a_registry_file_is_imported_from_the_registry_screen() {
    let mut app = app_in(Lang::En, PathBuf::from(SHOWN));
    type_keys(&mut app, "r");
    assert!(matches!(app.screen, Screen::Registry(_)));
    // The screen lists the arrangements without building the matching index (at 100,000
    // arrangements that index is three times their memory).
    assert!(!app.registry.arrangements_if_loaded().is_empty());
    assert!(app.registry.if_loaded().is_none(), "no index for a list");
    type_keys(&mut app, "I");
    insta::assert_snapshot!("work_import_registry_80x24_en", screen(&draw(&mut app, 80, 24)));
    type_keys(&mut app, "/nonexistent/registry.csv");
    app.handle_event(&key(KeyCode::Enter));
    let results = work_results(&app).join("\n");
    assert!(
        results.contains("/nonexistent/registry.csv: cannot read the file"),
        "{results}"
    );
    if let Some(Popup::Work(w)) = &mut app.popup {
        w.prompt = Some(tui_input::Input::new("tests/fixtures/registry/valid.csv".into()));
    }
    app.handle_event(&key(KeyCode::Enter));
    let results = work_results(&app).join("\n");
    assert!(results.contains("tests/fixtures/registry/valid.csv:"), "{results}");
    assert!(app.registry.if_loaded().is_none(), "no index after an import either");
    let ids: Vec<&str> = app
        .registry
        .arrangements_if_loaded()
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    assert!(
        ids.windows(2).all(|w| w[0] < w[1]) && !ids.is_empty(),
        "the list read again, by id"
    );
}

fn decision(plan: &str, outcome: &str, cents: i64) -> serde_json::Value {
    serde_json::json!({
        "plan_id": plan, "plan_version": 1, "plan_sha256": "c".repeat(64), "resv_name": format!("RESV {plan}"),
        "region": "Utrecht Stad", "rho_region": "Utrecht Stad", "scenario": "groeimodel", "decision_id": 1,
        "outcome": outcome, "pending_approval": false, "decided_at": "2026-10-01T10:00:00Z",
        "contracted_total_cents": cents,
        "years": [{"year": 2027, "contracted_cents": cents, "paid_cents": cents}],
        "per_main_task_cents": [10, 20, 30, 25, 15], "open_flags": 0, "confirmed_flags": 0,
        "market_role": "leader", "market_leader": "voorbeeld", "coordination_status": "leader",
        "deviation_reason": null
    })
}

/// An NZa app over one insurer's export of three decisions.
fn nza_app(lang: Lang) -> App {
    let mut store = Store::open_in_memory().unwrap();
    store.set_fixed_now("2026-11-20T09:00:00Z");
    let text = serde_json::json!({"format": "resv-decisions", "format_version": 2, "insurer": "voorbeeld",
    "insurer_id": "voorbeeld", "exported_at": "2026-11-01T00:00:00Z", "decisions": [
        decision("RESV-UTR-2027", "approve", 60_000_000),
        decision("RESV-TWE-2027", "approve", 80_000_000),
        decision("RESV-FVA-2027", "conditions", 40_000_000),
    ]})
    .to_string();
    let export = resv::core::nza::parse_export(&text).unwrap();
    let sha = resv::store::sha256_hex(&text);
    let offered = [resv::core::nza::Offered {
        file_name: "voorbeeld.json",
        sha256: &sha,
        export: &export,
    }];
    store.record_nza_import(&offered, "nza-a").unwrap();
    let rules = resv::io::rules_files::built_in_rules();
    let theme = resv::tui::widgets::theme::Theme { color: false };
    let mut app = App::new(store, rules, lang, "nza", theme).unwrap();
    app.out_dir = PathBuf::from(SHOWN);
    app.user = "nza-a".into();
    app
}

#[test]
fn the_stored_samples_are_listed_and_verified() {
    for (lang, name) in [(Lang::Nl, "nl"), (Lang::En, "en")] {
        let mut app = nza_app(lang);
        type_keys(&mut app, "n");
        type_keys(&mut app, "v");
        let text = screen(&draw(&mut app, 80, 24));
        insta::assert_snapshot!(format!("work_samples_empty_80x24_{name}"), text);
        app.handle_event(&key(KeyCode::Esc));
        // Draw and store one on the Sampling screen, back to the dashboard, list and verify.
        type_keys(&mut app, "s");
        type_keys(&mut app, "G2027k1d");
        assert_eq!(app.store.samples().unwrap().len(), 1, "a sample was stored");
        app.handle_event(&key(KeyCode::Esc));
        type_keys(&mut app, "v");
        insta::assert_snapshot!(format!("work_samples_80x24_{name}"), screen(&draw(&mut app, 80, 24)));
        app.handle_event(&key(KeyCode::Enter));
        let results = work_results(&app).join("\n");
        let verified = resv::text::nza::VERIFIED.get(lang);
        assert!(results.contains(verified), "{results}");
        // At 80 columns the verdict wraps inside the popup: every word of it shows.
        let s = screen(&draw(&mut app, 80, 24));
        let inside: Vec<&str> = s.lines().filter_map(|l| l.split('│').nth(1)).collect();
        let words: Vec<&str> = inside.iter().flat_map(|l| l.split_whitespace()).collect();
        assert!(words.join(" ").contains(verified), "80x24: {s}");
        insta::assert_snapshot!(format!("work_samples_verified_80x24_{name}"), s);
        insta::assert_snapshot!(
            format!("work_samples_verified_120x40_{name}"),
            screen(&draw(&mut app, 120, 40))
        );
        app.handle_event(&key(KeyCode::Esc));
        assert!(app.popup.is_none() && matches!(app.screen, Screen::Nza(_)));
    }
}

/// The leader (voorbeeld) decided Utrecht with conditions and a second buyer approved it.
fn leader_app(lang: Lang, folder: PathBuf) -> App {
    let mut store = Store::open_in_memory().unwrap();
    let rules = leader_decided(&mut store);
    let theme = resv::tui::widgets::theme::Theme { color: false };
    let mut app = App::new(store, rules, lang, "demo", theme).unwrap();
    app.out_dir = folder;
    app.user = "inkoper".into();
    app
}

/// The samples in `store`, Utrecht decided by the leader and approved; the leader's rules.
fn leader_decided(store: &mut Store) -> resv::core::rules::Rules {
    store.set_fixed_now("2026-11-01T09:00:00Z");
    resv::app::import::load_samples(store, "inkoper").unwrap();
    let mut rules = resv::io::rules_files::built_in_rules();
    rules.policy.insurer_id = Some("voorbeeld".into());
    let registry = resv::app::registry::Registry::default();
    let assessed = resv::app::assess::assess_stored(store, &rules, &registry, UTR)
        .unwrap()
        .unwrap();
    let draft = Draft {
        outcome: Some(Outcome::Conditions),
        amounts: assessed.assessment.years.iter().map(|y| y.fundable).collect(),
        conditions: vec!["Jaarlijkse voortgangsrapportage".into()],
        reasoning: "Past binnen het inkoopbeleid.".into(),
        ..Draft::default()
    };
    let prepared = resv::app::decide::prepare(store, &rules, &registry, UTR, &draft, Lang::Nl).unwrap();
    resv::app::decide::record(store, &rules, &prepared, None, "inkoper", Lang::Nl).unwrap();
    resv::app::decide::approve(store, UTR, None, "tweede", Lang::Nl).unwrap();
    rules
}

/// Under --read-only no follow package is written: one the database cannot record would
/// carry a sequence number the leader's next real package repeats (and the follower refuses).
#[test]
fn a_read_only_workbench_writes_no_follow_package() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("resv.db");
    let rules = leader_decided(&mut Store::open(&db, false).unwrap());
    let store = Store::open(&db, true).unwrap();
    let theme = resv::tui::widgets::theme::Theme { color: false };
    let mut app = App::new(store, rules, Lang::Nl, "ro", theme).unwrap();
    app.out_dir = dir.path().to_path_buf();
    let keys = tempfile::tempdir().unwrap();
    resv::io::keys::generate_in(keys.path(), "voorbeeld").unwrap();
    app.keys_folder = Some(keys.path().to_path_buf());
    open_utr(&mut app);
    for _ in 0..resv::tui::state::COORDINATION_TAB {
        app.handle_event(&key(KeyCode::Tab));
    }
    type_keys(&mut app, "P");
    assert!(app.popup.is_none(), "no package popup under --read-only");
    let said = app.message.clone().unwrap_or_default();
    assert!(said.starts_with("alleen-lezen: P "), "{said}");
    type_keys(&mut app, "w");
    assert!(!dir.path().join("RESV-UTR-2027-volgpakket.json").exists(), "{said}");
}

#[test]
fn the_leader_writes_the_follow_package_from_the_coordination_tab() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = leader_app(Lang::Nl, dir.path().to_path_buf());
    // The leader's signing key, in a keys folder of the test's own.
    let keys = tempfile::tempdir().unwrap();
    resv::io::keys::generate_in(keys.path(), "voorbeeld").unwrap();
    app.keys_folder = Some(keys.path().to_path_buf());
    open_utr(&mut app);
    // Not on the overview tab: it says where.
    type_keys(&mut app, "P");
    assert!(app.popup.is_none());
    assert_eq!(
        app.message.as_deref(),
        Some("het volgpakket staat op de tab Coördinatie")
    );
    for _ in 0..resv::tui::state::COORDINATION_TAB {
        app.handle_event(&key(KeyCode::Tab));
    }
    type_keys(&mut app, "P");
    let mut shown = leader_app(Lang::En, PathBuf::from(SHOWN));
    open_utr(&mut shown);
    for _ in 0..resv::tui::state::COORDINATION_TAB {
        shown.handle_event(&key(KeyCode::Tab));
    }
    type_keys(&mut shown, "P");
    insta::assert_snapshot!("work_package_80x24_en", screen(&draw(&mut shown, 80, 24)));
    type_keys(&mut app, "w");
    let file = dir.path().join("RESV-UTR-2027-volgpakket.json");
    let package = fs::read_to_string(&file).unwrap();
    assert!(package.contains("\"RESV-UTR-2027\""), "{package}");
    let results = work_results(&app).join("\n");
    assert!(results.contains(&format!("{}", file.display())), "{results}");
    assert_eq!(
        app.store.all_coordination().unwrap()[UTR].len(),
        1,
        "the export is recorded"
    );
    // A package is evidence: never overwritten.
    type_keys(&mut app, "w");
    let results = work_results(&app).join("\n");
    assert!(
        results.contains("bestaat al; resv overschrijft nooit een bestand"),
        "{results}"
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), package);
}

#[test]
fn the_path_prompt_is_bounded_and_cleans_what_it_shows() {
    let mut app = app_in(Lang::Nl, PathBuf::from(SHOWN));
    type_keys(&mut app, "I");
    type_keys(&mut app, &"a".repeat(5000));
    match &app.popup {
        Some(Popup::Work(w)) => assert_eq!(w.prompt.as_ref().unwrap().value().chars().count(), 4096),
        _ => panic!("open"),
    }
    // A pasted path with a terminal escape: shown cleaned; the import says the file is missing.
    if let Some(Popup::Work(w)) = &mut app.popup {
        w.prompt = Some(tui_input::Input::default());
    }
    app.handle_event(&crossterm::event::Event::Paste("/nergens/\u{1b}[2Jplan.toml".into()));
    let text = screen(&draw(&mut app, 80, 24));
    assert!(!text.contains('\u{1b}'), "{text}");
    app.handle_event(&key(KeyCode::Enter));
    let results = work_results(&app).join("\n");
    assert!(!results.contains('\u{1b}'), "{results}");
    assert!(results.contains("kan het bestand niet lezen"), "{results}");
}
