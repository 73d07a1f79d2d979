//! Import, rendering, filtering and opening the workbench, measured on synthetic plans.

use crate::synthetic::{synthetic_plan, synthetic_row};
use anyhow::Result;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use resv::core::parse::parse_plan;
use resv::core::queue::{Queue, QueueRow};
use resv::store::Store;
use resv::text::Lang;
use resv::tui::app::App;
use resv::tui::widgets::theme::Theme;
use std::time::{Duration, Instant};

fn per(d: Duration, n: usize) -> f64 {
    d.as_secs_f64() * 1000.0 / n.max(1) as f64
}

pub fn run(queue_size: usize, import_size: usize) -> Result<()> {
    bench_import(import_size)?;
    let rows: Vec<QueueRow> = (0..queue_size).map(synthetic_row).collect();
    bench_render(&rows)?;
    bench_filter(rows);
    // 4. Assess `queue_size` synthetic plans (the pure function), and score a stored queue
    //    of that size as the workbench does at start (read, parse JSON, assess).
    bench_assessment(queue_size)
}

/// 1. Import: parse + validate + store, each file its own transaction, on a WAL file.
fn bench_import(import_size: usize) -> Result<()> {
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
    Ok(())
}

/// 2. Render the queue of `queue_size` plans.
fn bench_render(rows: &[QueueRow]) -> Result<()> {
    let queue_size = rows.len();
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let mut app = App::with_rows(
            Store::open_in_memory()?,
            resv::io::rules_files::built_in_rules(),
            rows.to_vec(),
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
                resv::tui::keymap::Action::PageDown
            } else {
                resv::tui::keymap::Action::Down
            });
            term.draw(|fr| fr.render_widget(&app, fr.area()))?;
        }
        println!(
            "render queue of {queue_size} at {w}x{h}: {:.3} ms/frame  [target <= 5 ms]",
            per(t.elapsed(), frames)
        );
    }
    Ok(())
}

/// 3. One filter keystroke over the queue: typing on (narrowing) and from scratch.
fn bench_filter(rows: Vec<QueueRow>) {
    let queue_size = rows.len();
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
}

/// Plans that differ in what the checks look at: coverage, participation, region, nature.
pub fn varied_plan(i: usize) -> String {
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
    let rules = resv::io::rules_files::built_in_rules();
    let mut plans = Vec::with_capacity(n);
    for i in 0..n {
        let text = varied_plan(i);
        let plan = parse_plan(&text).map_err(|d| anyhow::anyhow!("synthetic plan {i} invalid: {d:?}"))?;
        plans.push((resv::core::sha256_hex(&text), plan));
    }
    let t = Instant::now();
    let mut knocked_out = 0;
    for (sha, plan) in &plans {
        let a = resv::core::assess::assess(plan, sha, &rules, &[]);
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
    let registry = resv::app::registry::Registry::default();
    resv::app::assess::score_queue(&store, &rules, &registry, &mut rows)?;
    println!(
        "open the workbench on {n} stored plans (queue + every assessment): {:.0} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    Ok(())
}
