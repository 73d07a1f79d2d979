//! `resv bench` (hidden): measures the speed targets on synthetic plans and prints the
//! figures recorded in `docs/performance.md`. Run it with `--release`.

use crate::core::decision::PlanState;
use crate::core::money::Cents;
use crate::core::parse::parse_plan;
use crate::core::plan::{Date, Scenario};
use crate::core::queue::{Queue, QueueRow};
use crate::store::Store;
use crate::text::Lang;
use crate::tui::app::App;
use crate::tui::theme::Theme;
use anyhow::Result;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::{Duration, Instant};

pub(crate) const TEMPLATE: &str = include_str!("../sample-plans/utrecht-stad.toml");
const PLACES: &[&str] = &[
    "Twente",
    "Zeeland",
    "Utrecht",
    "Groningen",
    "Friesland",
    "Drenthe",
    "Flevoland",
    "Rijnmond",
    "Haaglanden",
    "Noord-Limburg",
    "Zuid-Limburg",
    "West-Brabant",
    "Midden-Brabant",
    "Achterhoek",
    "Food Valley",
    "Kennemerland",
];

/// A valid plan file, distinct per `i`.
pub fn synthetic_plan(i: usize) -> String {
    let place = PLACES[i % PLACES.len()];
    TEMPLATE
        .replace("RESV-UTR-2027", &format!("RESV-SYN-{i:06}"))
        .replace("RESV Utrecht Stad", &format!("RESV {place} {i}"))
        .replace("name = \"Utrecht Stad\"", &format!("name = \"{place}\""))
}

/// A queue row, distinct per `i`, without going through the database.
pub fn synthetic_row(i: usize) -> QueueRow {
    let place = PLACES[i % PLACES.len()];
    QueueRow {
        id: format!("RESV-SYN-{i:06}"),
        open_flags: None,
        name: format!("RESV {place} {i}"),
        region: place.to_string(),
        scenario: Scenario::ALL[i % 3],
        status: if i % 7 == 0 {
            PlanState::Resubmitted
        } else {
            PlanState::Received
        },
        outcome: None,
        days_left: Some((i % 40) as i64 - 5),
        requested_per_year: Cents::from_euros(400_000 + (i as i64 * 7_919) % 900_000),
        submitted: Date::new(2026, 1 + (i % 12) as u8, 1 + (i % 28) as u8).unwrap_or(Date {
            year: 2026,
            month: 1,
            day: 1,
        }),
        versions: 1,
        score: Some(((i * 37) % 1001) as u32),
        knocked_out: Some(i % 5 == 0),
    }
}

fn per(d: Duration, n: usize) -> f64 {
    d.as_secs_f64() * 1000.0 / n.max(1) as f64
}

pub fn run(queue_size: usize, import_size: usize, registry_size: usize) -> Result<i32> {
    println!(
        "resv bench: {} build",
        if cfg!(debug_assertions) {
            "DEBUG (use --release)"
        } else {
            "release"
        }
    );

    // 0. Double funding first, so the peak memory it reports is its own.
    crate::bench_funding::run(registry_size)?;

    // 1. Import: parse + validate + store, each file its own transaction, on a WAL file.
    let texts: Vec<String> = (0..import_size).map(synthetic_plan).collect();
    let t = Instant::now();
    for text in &texts {
        std::hint::black_box(parse_plan(text).is_ok());
    }
    let parse = t.elapsed();
    println!(
        "  of which parsing and validating alone: {:.0} ms",
        parse.as_secs_f64() * 1000.0
    );
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("bench.db"), false)?;
    let t = Instant::now();
    for (i, text) in texts.iter().enumerate() {
        let plan = parse_plan(text).map_err(|d| anyhow::anyhow!("synthetic plan {i} invalid: {d:?}"))?;
        store.import_plan(&plan, text, "bench", "bench")?;
    }
    let import = t.elapsed();
    println!(
        "import {import_size} plans: {:.0} ms total ({:.3} ms/plan)  [target <= 1000 ms]",
        import.as_secs_f64() * 1000.0,
        per(import, import_size)
    );

    // 2. Render the queue of `queue_size` plans.
    let rows: Vec<QueueRow> = (0..queue_size).map(synthetic_row).collect();
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let mut app = App::with_rows(
            Store::open_in_memory()?,
            crate::io::rules_files::built_in_rules(),
            rows.clone(),
            Lang::Nl,
            "bench",
            Theme { color: true },
        );
        let mut term = Terminal::new(TestBackend::new(w, h))?;
        app.resize(ratatui::layout::Size::new(w, h));
        let frames = 500;
        let t = Instant::now();
        for f in 0..frames {
            app.update(if f % 2 == 0 {
                crate::tui::keymap::Action::PageDown
            } else {
                crate::tui::keymap::Action::Down
            });
            term.draw(|fr| fr.render_widget(&app, fr.area()))?;
        }
        println!(
            "render queue of {queue_size} at {w}x{h}: {:.3} ms/frame  [target <= 5 ms]",
            per(t.elapsed(), frames)
        );
    }

    // 3. One filter keystroke over the queue: typing on (narrowing) and from scratch.
    let mut q = Queue::new(rows);
    let words = ["t", "tw", "twe", "twen", "twent", "twente"];
    let t = Instant::now();
    let reps = 20;
    for _ in 0..reps {
        q.set_filter("");
        for w in words {
            q.set_filter(w);
        }
    }
    println!(
        "filter keystroke over {queue_size} (typing on): {:.3} ms/keystroke  [target <= 10 ms]",
        per(t.elapsed(), reps * (words.len() + 1))
    );
    let t = Instant::now();
    for i in 0..reps {
        q.set_filter(if i % 2 == 0 { "zee" } else { "utr" });
    }
    println!(
        "filter keystroke over {queue_size} (new text, worst case): {:.3} ms/keystroke  [target <= 10 ms]",
        per(t.elapsed(), reps)
    );

    // 4. Assess `queue_size` synthetic plans (the pure function), and score a stored queue
    //    of that size as the workbench does at start (read, parse JSON, assess).
    bench_assessment(queue_size)?;
    Ok(0)
}

/// Plans that differ in what the checks look at: coverage, participation, region, nature.
fn varied_plan(i: usize) -> String {
    let mut text = synthetic_plan(i);
    if i % 3 == 1 {
        text = text.replace("practices_joined = 104", "practices_joined = 50");
    }
    if i % 4 == 2 {
        text = text.replace("form = \"panel\"", "form = \"raadpleging\"");
    }
    if i % 5 == 3 {
        // The area misses the municipalities of this RHO region: a knock-out.
        text = text.replace("rho_region = \"Utrecht Stad\"", "rho_region = \"Twente\"");
    } else if i % 9 == 2 {
        text = text.replace("rho_region = \"Utrecht Stad\"", "rho_region = \"Onbekend\"");
    }
    if i % 7 == 4 {
        text = text.replace("nature = \"coordinatie\"", "nature = \"zorgproductie\"");
    }
    text
}

fn bench_assessment(n: usize) -> Result<()> {
    let rules = crate::io::rules_files::built_in_rules();
    let mut plans = Vec::with_capacity(n);
    for i in 0..n {
        let text = varied_plan(i);
        let plan = parse_plan(&text).map_err(|d| anyhow::anyhow!("synthetic plan {i} invalid: {d:?}"))?;
        plans.push((crate::core::sha256_hex(&text), plan));
    }
    let t = Instant::now();
    let mut knocked_out = 0;
    for (sha, plan) in &plans {
        let a = crate::core::assess::assess(plan, sha, &rules, &[]);
        knocked_out += a.knocked_out as usize;
    }
    let took = t.elapsed();
    println!(
        "assess {n} plans: {:.0} ms total ({:.3} ms/plan, {knocked_out} knocked out)  [target <= 1000 ms]",
        took.as_secs_f64() * 1000.0,
        per(took, n)
    );
    let mut store = Store::open_in_memory()?;
    for (i, (_, plan)) in plans.iter().enumerate() {
        store.import_plan(plan, &varied_plan(i), "bench", "bench")?;
    }
    let t = Instant::now();
    let mut rows = store.queue_rows()?;
    let registry = crate::core::funding::RegistryIndex::default();
    crate::app::assess::score_queue(&store, &rules, &registry, &mut rows)?;
    println!(
        "open the workbench on {n} stored plans (queue + every assessment): {:.0} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    Ok(())
}
