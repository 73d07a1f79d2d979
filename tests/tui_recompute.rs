//! After a registry import every stored queue summary is stale. With many plans the
//! workbench does not recompute them before its first frame: it shows the queue at once,
//! the stale figures dimmed and marked "…" (only the mark where nothing is known), says how
//! far the recomputation is, and applies the figures computed in the background on the
//! loop's ticks, until they equal what `resv queue --json` prints.

mod common;
mod support;

use common::{draw, screen, type_keys};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use resv::app::recompute::BACKGROUND_FROM;
use resv::core::rules::Rules;
use resv::store::Store;
use resv::text::Lang;
use resv::tui::app::App;
use resv::tui::widgets::theme::Theme;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const NOW: &str = "2026-11-01T09:00:00Z";
/// Plans whose summaries were stored before the registry import (their last figures show).
const SCORED: usize = BACKGROUND_FROM + 20;
/// Plans imported afterwards, never summarised (only the mark shows).
const NEW: usize = 3;

fn rules() -> Rules {
    resv::io::rules_files::built_in_rules()
}

fn import_plans(store: &mut Store, from: usize, n: usize) {
    for (i, (path, text)) in resv::io::embedded::SAMPLE_PLANS
        .iter()
        .cycle()
        .skip(from)
        .take(n)
        .enumerate()
    {
        let text = text.replacen("\nid = \"RESV-", &format!("\nid = \"RESV-M{:04}-", from + i), 1);
        let plan = resv::core::parse::parse_plan(&text).unwrap();
        store.import_plan(&plan, &text, path, "inkoper").unwrap();
    }
}

/// A database (built once per run, copied by each test) of [`SCORED`] plans whose summaries
/// were stored, [`NEW`] plans never summarised, and then the sample registry imported.
fn template() -> &'static Path {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("tui_recompute");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("template.db");
        let _ = std::fs::remove_file(&path);
        let mut store = Store::open(&path, false).unwrap();
        store.set_fixed_now(NOW);
        import_plans(&mut store, 0, SCORED);
        let registry = resv::app::registry::Registry::default();
        resv::app::assess::scored_queue(&store, &rules(), &registry, None).unwrap();
        assert_eq!(store.summary_count().unwrap(), SCORED);
        import_plans(&mut store, SCORED, NEW);
        let items = resv::io::registry_files::read_csv(resv::io::embedded::SAMPLE_REGISTRY.1).unwrap();
        resv::app::registry::import(&mut store, &items, "registry.csv", "inkoper", Lang::Nl).unwrap();
        drop(store);
        path
    })
}

/// A copy of the template in the test's folder.
fn copy_to(env: &support::Env) -> PathBuf {
    std::fs::copy(template(), env.db()).unwrap();
    env.db()
}

fn open(path: &Path, read_only: bool, lang: Lang) -> App {
    let mut store = Store::open(path, read_only).unwrap();
    store.set_fixed_now(NOW);
    App::new(store, rules(), lang, "resv.db", Theme { color: false }).unwrap()
}

type Figures = BTreeMap<String, (Option<u64>, Option<bool>, Option<u64>)>;

/// Each plan's score (tenths), knock-out and open flags as `resv queue --json` prints them,
/// on a copy of `db` (so the workbench's database is left as it was).
fn queue_json(env: &support::Env, db: &Path) -> Figures {
    let copy = env.path("expected.db");
    std::fs::copy(db, &copy).unwrap();
    // With what is committed but not yet checkpointed (the workbench may still be open).
    let (wal, copy_wal) = (db.with_extension("db-wal"), copy.with_extension("db-wal"));
    let _ = std::fs::remove_file(&copy_wal);
    let _ = std::fs::remove_file(copy.with_extension("db-shm"));
    if wal.exists() {
        std::fs::copy(&wal, &copy_wal).unwrap();
    }
    let out = env
        .command(support::USER, &["queue", "--json"])
        .env("RESV_DB", &copy)
        .output()
        .unwrap();
    support::assert_code(&out, 0, &["queue", "--json"]);
    let rows = support::parse_json(&out);
    let mut figures = Figures::new();
    for r in rows.as_array().unwrap() {
        let score = r["total_score"].as_f64().map(|s| (s * 10.0).round() as u64);
        figures.insert(
            r["id"].as_str().unwrap().to_string(),
            (score, r["knocked_out"].as_bool(), r["open_flags"].as_u64()),
        );
    }
    figures
}

/// The plans whose figures differ (empty when the two agree).
fn differing(a: &Figures, b: &Figures) -> Vec<String> {
    let mut out: Vec<String> = a
        .iter()
        .filter(|(id, f)| b.get(*id) != Some(f))
        .map(|(id, f)| format!("{id}: {f:?} / {:?}", b.get(id)))
        .collect();
    out.extend(
        b.keys()
            .filter(|id| !a.contains_key(*id))
            .map(|id| format!("{id}: missing")),
    );
    out
}

fn shown(app: &App) -> Figures {
    (0..app.queue.len())
        .map(|i| {
            let r = app.queue.row(i);
            (
                r.id.clone(),
                (r.score.map(u64::from), r.knocked_out, r.open_flags.map(u64::from)),
            )
        })
        .collect()
}

/// Runs the workbench's loop on a test backend with ticks only, until every figure is in
/// (`done` says so of the database), then one more tick and `q`.
fn run_until(app: &mut App, done: impl Fn() -> bool) -> usize {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut ticks = 0;
    let mut finishing = false;
    resv::tui::run_loop(&mut terminal, app, || {
        ticks += 1;
        assert!(ticks < 3_000, "the recomputation never finished");
        if finishing {
            return Ok(Some(Event::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE))));
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        finishing = done();
        Ok(None)
    })
    .unwrap();
    ticks
}

#[test]
fn the_first_frame_after_a_registry_import_shows_marked_figures_and_the_ticks_bring_the_real_ones() {
    let env = support::Env::new();
    let db = copy_to(&env);
    let expected = queue_json(&env, &db);
    assert_eq!(expected.len(), SCORED + NEW);

    let started = std::time::Instant::now();
    let mut app = open(&db, false, Lang::Nl);
    let first = screen(&draw(&mut app, 120, 40));
    let took = started.elapsed();
    let total = (SCORED + NEW).to_string();
    assert!(
        first.contains(&format!("… = wordt herberekend: 0 van {total}")),
        "{first}"
    );
    assert!(first.contains("…"), "{first}");
    let marked = app.recompute.as_ref().expect("recomputing in the background");
    assert_eq!(marked.progress(), (0, SCORED + NEW));
    // The stale figures are the ones stored before the import, shown only marked.
    assert!(app.queue.row(0).score.is_some() || app.queue.row(0).id.contains(&format!("M{SCORED:04}")));
    eprintln!("first frame in {took:?} (debug build)");
    // The help says what the mark means while it shows.
    app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Char('?'), KeyModifiers::NONE)));
    let help = screen(&draw(&mut app, 120, 40));
    assert!(help.contains("Cijfers met … worden herberekend"), "{help}");
    app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Char('?'), KeyModifiers::NONE)));

    let probe = Store::open(&db, true).unwrap();
    let key = resv::app::summaries::rules_key(&rules());
    let stale = move || {
        let (_, states) = probe.summary_states(&key).unwrap();
        states.iter().filter(|s| s.fresh.is_none()).count()
    };
    assert_eq!(stale(), SCORED + NEW);
    run_until(&mut app, || stale() == 0);

    assert!(app.recompute.is_none(), "nothing left to recompute");
    let last = screen(&draw(&mut app, 120, 40));
    assert!(!last.contains("herberekend"), "{last}");
    assert_eq!(
        shown(&app),
        expected,
        "the workbench's figures are those of queue --json"
    );
    assert_eq!(stale(), 0, "every recomputed summary was stored");
}

/// Another process scores a plan whose figures are being recomputed: the workbench shows
/// that plan's new verdict (not the one the worker computed from before the score), and the
/// database ends with every summary current and equal to `queue --json`.
#[test]
fn a_score_by_another_process_while_recomputing_wins_over_the_older_result() {
    let env = support::Env::new();
    let db = copy_to(&env);
    let rules = rules();
    let mut app = open(&db, false, Lang::Nl);
    assert!(app.recompute.is_some());
    let id = "RESV-M0007-UTR-2027";
    assert!(app.recompute.as_ref().unwrap().is_pending(id));
    let mut other = Store::open(&db, false).unwrap();
    other.set_fixed_now(NOW);
    let entry = resv::app::assess::Entry {
        criterion: resv::core::rules::CheckId::Participation,
        score: resv::app::assess::Change::Set(Some(0)),
        note: resv::app::assess::Change::Set(Some("Geen panel gevonden.".into())),
    };
    let registry = resv::app::registry::Registry::default();
    let scored =
        resv::app::assess::record_manual(&mut other, &rules, &registry, id, entry, "inkoper-b", Lang::Nl).unwrap();
    drop(other);

    let probe = Store::open(&db, true).unwrap();
    let key = resv::app::summaries::rules_key(&rules);
    let stale = move || {
        let (_, states) = probe.summary_states(&key).unwrap();
        states.iter().filter(|s| s.fresh.is_none()).count()
    };
    run_until(&mut app, || stale() == 0);
    let row = (0..app.queue.len())
        .map(|i| app.queue.row(i))
        .find(|r| r.id == id)
        .unwrap();
    assert_eq!(row.score, Some(scored.total_tenths), "the plan's new score");
    assert_eq!(differing(&shown(&app), &queue_json(&env, &db)), Vec::<String>::new());
}

#[test]
fn read_only_the_figures_are_recomputed_in_the_background_and_nothing_is_stored() {
    let env = support::Env::new();
    let db = copy_to(&env);
    let expected = queue_json(&env, &db);
    let count = Store::open(&db, true).unwrap().summary_count().unwrap();
    let mut app = open(&db, true, Lang::En);
    let first = screen(&draw(&mut app, 120, 40));
    assert!(
        first.contains(&format!("… = being recomputed: 0 of {}", SCORED + NEW)),
        "{first}"
    );
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut ticks = 0;
    // Until the computation is done (seen from its progress on screen), then quit.
    while app.recompute.is_some() {
        ticks += 1;
        assert!(ticks < 3_000, "the recomputation never finished");
        std::thread::sleep(std::time::Duration::from_millis(20));
        app.tick();
        terminal.draw(|f| resv::tui::views::draw(f, &app)).unwrap();
    }
    assert_eq!(differing(&shown(&app), &expected), Vec::<String>::new());
    assert_eq!(
        Store::open(&db, true).unwrap().summary_count().unwrap(),
        count,
        "nothing stored"
    );
}

#[test]
fn quitting_while_recomputing_does_not_wait_and_keeps_what_was_stored() {
    let env = support::Env::new();
    let db = copy_to(&env);
    let mut app = open(&db, false, Lang::Nl);
    assert!(app.recompute.is_some());
    let started = std::time::Instant::now();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut first = true;
    resv::tui::run_loop(&mut terminal, &mut app, || {
        if std::mem::take(&mut first) {
            return Ok(None);
        }
        Ok(Some(Event::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE))))
    })
    .unwrap();
    drop(app);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    // Whatever was stored is current; the rest is computed by the next look.
    let rules = rules();
    let store = Store::open(&db, false).unwrap();
    let rows =
        resv::app::assess::scored_queue(&store, &rules, &resv::app::registry::Registry::default(), None).unwrap();
    assert_eq!(rows.len(), SCORED + NEW);
}

fn snapshot(lang: Lang, w: u16, h: u16) -> String {
    let env = support::Env::new();
    let db = copy_to(&env);
    let mut app = open(&db, false, lang);
    screen(&draw(&mut app, w, h))
}

#[test]
fn snapshots_of_the_recomputing_queue() {
    for (lang, tag) in [(Lang::Nl, "nl"), (Lang::En, "en")] {
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(format!("queue_recomputing_{tag}_{w}x{h}"), snapshot(lang, w, h));
        }
    }
}

/// The rows on screen are computed first, in the order shown when the workers start (at
/// the first tick): after the first frame set the size, and after the user sorted.
#[test]
fn the_rows_on_screen_are_recomputed_first_in_the_order_shown() {
    let env = support::Env::new();
    let db = copy_to(&env);
    let mut app = open(&db, false, Lang::En);
    draw(&mut app, 80, 24);
    // Sorted by plan id, then the other way round, and back to the top: the rows on screen
    // are the ones the store's order (by plan id) would compute last.
    type_keys(&mut app, "22g");
    draw(&mut app, 80, 24);
    assert_eq!(app.offset, 0);
    let visible: Vec<String> = app
        .queue
        .visible()
        .iter()
        .take(10)
        .map(|&i| app.queue.row(i).id.clone())
        .collect();
    let mut ids: Vec<String> = (0..app.queue.len()).map(|i| app.queue.row(i).id.clone()).collect();
    ids.sort();
    assert_eq!(visible[0], *ids.last().unwrap(), "sorted by plan id, descending");
    app.order_recompute();
    let upcoming: Vec<String> = app
        .recompute
        .as_ref()
        .expect("recomputing in the background")
        .upcoming(10)
        .into_iter()
        .map(str::to_string)
        .collect();
    assert_eq!(upcoming, visible);
    // The first tick starts the workers; the rows on screen arrive.
    let started = std::time::Instant::now();
    while visible
        .iter()
        .any(|id| app.recompute.as_ref().is_some_and(|r| r.is_pending(id)))
    {
        assert!(started.elapsed() < std::time::Duration::from_secs(60));
        std::thread::sleep(std::time::Duration::from_millis(20));
        app.tick();
    }
    assert!(
        app.recompute.as_ref().is_none_or(|r| r.upcoming(1).is_empty()),
        "started"
    );
}
