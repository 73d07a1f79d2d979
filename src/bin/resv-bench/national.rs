//! National scale (issue 17): databases of 100 to 50,000 plans, without a registry and with
//! one of 100,000 arrangements. Every figure is a whole process (the `resv` binary next to
//! this one, or this binary in its first-frame mode), the median of several runs, printed
//! next to the raw read of the same data by `sqlite3` in the same run.

use crate::funding::{arrangement, peak_mib};
use anyhow::{Context, Result, bail};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use resv::core::parse::parse_plan;
use resv::store::Store;
use resv::text::Lang;
use resv::tui::app::App;
use resv::tui::widgets::theme::Theme;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

const RUNS: usize = 5;

/// The raw floor: the queue's columns and its stored summaries, read by `sqlite3` the
/// fastest way (from the covering index, as resv reads them).
const RAW: &str = "SELECT l.plan_id, l.resv_name, l.region, l.scenario, l.requested_per_year_cents, l.submitted,
    l.version_no, s.total_tenths, s.knocked_out, s.open_flags
    FROM plan_versions l INDEXED BY plan_versions_queue LEFT JOIN queue_summaries s ON s.version_id = l.id
    WHERE l.version_no = (SELECT MAX(w.version_no) FROM plan_versions w WHERE w.plan_id = l.plan_id)
    ORDER BY l.plan_id;";

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The `resv` binary built beside this one.
fn resv_bin() -> Result<PathBuf> {
    let me = std::env::current_exe()?;
    let bin = me.with_file_name("resv");
    if !bin.exists() {
        bail!("{} not found: build it first (cargo build --release)", bin.display());
    }
    Ok(bin)
}

/// Runs a command once, output dropped; its wall time in ms. Fails unless it exits 0.
fn run_once(cmd: &mut Command) -> Result<f64> {
    let t = Instant::now();
    let out = cmd.stdout(Stdio::null()).stderr(Stdio::piped()).output()?;
    let took = ms(t.elapsed());
    if !out.status.success() {
        bail!("{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(took)
}

fn resv(db: &Path, args: &[&str]) -> Result<Command> {
    let mut c = Command::new(resv_bin()?);
    c.arg("--db").arg(db).args(args).env("RESV_USER", "bench");
    Ok(c)
}

fn median_of(mut make: impl FnMut(usize) -> Result<Command>) -> Result<f64> {
    let mut v = Vec::new();
    for i in 0..RUNS {
        v.push(run_once(&mut make(i)?)?);
    }
    Ok(median(v))
}

/// First-frame mode (a child process): open the workbench on `db`, draw one 80x24 frame,
/// print the milliseconds it took and the process's peak memory in MiB. With `until_done`,
/// then tick as the workbench's loop does (every 50 ms, drawing a frame each time) until its
/// background recomputation has finished, and print that time and the peak after it too.
pub fn first_frame(db: &Path, until_done: bool) -> Result<()> {
    let t = Instant::now();
    let store = Store::open(db, false)?;
    let rules = resv::io::rules_files::built_in_rules();
    let mut app = App::new(store, rules, Lang::Nl, "bench", Theme { color: true })?;
    let mut term = Terminal::new(TestBackend::new(80, 24))?;
    app.resize(ratatui::layout::Size::new(80, 24));
    term.draw(|f| f.render_widget(&app, f.area()))?;
    print!("{:.1} {:.1}", ms(t.elapsed()), peak_mib().unwrap_or(0.0));
    if until_done {
        let stale = app.recompute.as_ref().map_or(0, |r| r.progress().1);
        while app.recompute.is_some() {
            std::thread::sleep(std::time::Duration::from_millis(50));
            app.tick();
            term.draw(|f| f.render_widget(&app, f.area()))?;
        }
        if let Some(m) = &app.message {
            bail!("the background recomputation stopped: {m}");
        }
        print!(" {:.1} {:.1} {stale}", ms(t.elapsed()), peak_mib().unwrap_or(0.0));
        // Then the registry screen (every arrangement listed), searched once.
        app.update(resv::tui::keymap::Action::OpenRegistry);
        term.draw(|f| f.render_widget(&app, f.area()))?;
        app.update(resv::tui::keymap::Action::StartFilter);
        for c in "huisarts".chars() {
            app.update(resv::tui::keymap::Action::FilterChar(c));
        }
        term.draw(|f| f.render_widget(&app, f.area()))?;
        print!(" {:.1}", peak_mib().unwrap_or(0.0));
    }
    println!();
    Ok(())
}

/// The workbench opened on `db` with many stale summaries, in a child process, until its
/// background recomputation is done: (first frame ms, all figures in ms, peak MiB, how many
/// were recomputed, peak MiB after the registry screen was opened and searched).
fn child_background(db: &Path) -> Result<(f64, f64, f64, f64, f64)> {
    let out = Command::new(std::env::current_exe()?)
        .arg("--first-frame")
        .arg(db)
        .arg("--until-recomputed")
        .output()?;
    if !out.status.success() {
        bail!(
            "background recomputation failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let v: Vec<f64> = text.split_whitespace().filter_map(|w| w.parse().ok()).collect();
    match v[..] {
        [frame, _, all, peak, stale, screen] => Ok((frame, all, peak, stale, screen)),
        _ => bail!("first frame printed {text:?}"),
    }
}

/// Right after a registry import every summary is stale: the workbench opened on a copy of
/// `db` shows its queue at once and recomputes in the background. One run per copy (the
/// recomputation stores what it computed).
fn background(db: &Path, n: usize) -> Result<String> {
    let mut firsts = Vec::new();
    let mut alls = Vec::new();
    let mut peak: f64 = 0.0;
    let mut screen_peak: f64 = 0.0;
    let mut stale = 0.0;
    for i in 0..3 {
        let copy = db.with_extension(format!("stale{i}.db"));
        std::fs::remove_file(&copy).ok();
        rusqlite::Connection::open(db)?.execute("VACUUM INTO ?1", [copy.to_str().context("path")?])?;
        let (frame, all, p, s, screen) = child_background(&copy)?;
        for end in ["", "-wal", "-shm"] {
            let mut name = copy.clone().into_os_string();
            name.push(end);
            std::fs::remove_file(name).ok();
        }
        firsts.push(frame);
        alls.push(all);
        peak = peak.max(p);
        screen_peak = screen_peak.max(screen);
        stale = s;
    }
    let target = if n <= 10_000 { 100 } else { 400 };
    Ok(format!(
        "after a registry import, {n} plans: first frame {:.0} ms [target <= {target} ms], {stale:.0} figures recomputed in the background, all in after {:.0} ms, peak {peak:.0} MiB, {screen_peak:.0} MiB after the registry screen was opened and searched [target <= 150 MiB]",
        median(firsts),
        median(alls)
    ))
}

/// The first frame in a child process: (in-process ms, whole-process ms, peak MiB).
fn child_frame(db: &Path) -> Result<(f64, f64, f64)> {
    let t = Instant::now();
    let out = Command::new(std::env::current_exe()?)
        .arg("--first-frame")
        .arg(db)
        .output()?;
    let whole = ms(t.elapsed());
    if !out.status.success() {
        bail!("first frame failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut it = text.split_whitespace().map(str::parse::<f64>);
    match (it.next(), it.next()) {
        (Some(Ok(inner)), Some(Ok(peak))) => Ok((inner, whole, peak)),
        _ => bail!("first frame printed {text:?}"),
    }
}

/// A database of `n` synthetic plans, with no manual score or judgement yet.
fn build_db(db: &Path, n: usize) -> Result<f64> {
    let mut store = Store::open(db, false)?;
    let t = Instant::now();
    for i in 0..n {
        let text = crate::workbench::varied_plan(i);
        let plan = parse_plan(&text).map_err(|d| anyhow::anyhow!("synthetic plan {i} invalid: {d:?}"))?;
        store.import_plan(&plan, &text, "bench", "bench")?;
    }
    Ok(ms(t.elapsed()))
}

/// Work done on the plans of `db`: a manual score on every second plan, and a judgement on
/// every fourth. Returns how many of each.
fn add_work(db: &Path) -> Result<(usize, usize)> {
    let conn = rusqlite::Connection::open(db)?;
    let manual = conn.execute(
        "INSERT INTO manual_inputs (plan_id, version_id, criterion, score, note, inputs, entered_by, entered_at)
         SELECT plan_id, id, 'participation', 3, 'bench', '', 'bench', '2026-11-01T00:00:00Z'
         FROM plan_versions WHERE id % 2 = 0",
        [],
    )?;
    let judged = conn.execute(
        "INSERT INTO flag_judgements (plan_id, version_id, activity_id, arrangement_id, verdict, reason, judged_by, judged_at)
         SELECT plan_id, id, 'A1', 'SYN-000000', 'dismissed', 'bench', 'bench', '2026-11-01T00:00:00Z'
         FROM plan_versions WHERE id % 4 = 1",
        [],
    )?;
    Ok((manual, judged))
}

/// `queue --json` and the raw read of `db` (both medians, the queue's summaries current):
/// (the first `queue --json` ms, which computes what is stale, queue ms, raw ms).
fn queue_and_raw(db: &Path) -> Result<(f64, f64, f64)> {
    let first = run_once(&mut resv(db, &["queue", "--json"])?)?;
    let queue = median_of(|_| resv(db, &["queue", "--json"]))?;
    let raw = median_of(|_| {
        let mut c = Command::new("sqlite3");
        c.arg(db).arg(RAW);
        Ok(c)
    })?;
    Ok((first, queue, raw))
}

/// The queue read before and after manual scores and judgements are added to `db`: its
/// time should not depend on them (the note printed under the table). Also returns the
/// first `queue --json` on the new database (every summary computed).
fn with_and_without_work(db: &Path, n: usize) -> Result<(f64, String)> {
    let (cold, before, raw_before) = queue_and_raw(db)?;
    let (manual, judged) = add_work(db)?;
    let (_, after, raw_after) = queue_and_raw(db)?;
    let note = format!(
        "queue --json, {n} plans: {before:.0} ms ({:.1}x raw) without manual scores or judgements, {after:.0} ms ({:.1}x raw) with {manual} manual scores and {judged} judgements  [target: no dependence]",
        before / raw_before,
        after / raw_after
    );
    Ok((cold, note))
}

/// The synthetic registry as a CSV file `resv registry import` reads.
fn write_registry(path: &Path, size: usize) -> Result<()> {
    use std::io::Write;
    let mut w = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(
        w,
        "id,funder,stream,recipient,agb,kvk,region,municipalities,description,main_tasks,category,start,end,annual_amount"
    )?;
    for i in 0..size {
        let a = arrangement(i);
        let tasks: Vec<String> = a.main_tasks.iter().map(u8::to_string).collect();
        writeln!(
            w,
            "{},{},{},{},{},{},{},{},{},{},,{},{},{}",
            a.id,
            a.funder,
            a.stream.keyword(),
            a.recipient.name,
            a.recipient.agb.unwrap_or_default(),
            a.recipient.kvk.unwrap_or_default(),
            a.region.unwrap_or_default(),
            a.municipalities.join(";"),
            a.description,
            tasks.join(";"),
            a.start,
            a.end,
            a.annual_amount.0 / 100
        )?;
    }
    Ok(())
}

/// One row of the scaling table; `cold`: the first `queue --json` when it was run already.
fn measure(db: &Path, n: usize, registry: &str, cold: Option<f64>) -> Result<()> {
    let (first, queue, raw) = queue_and_raw(db)?;
    let cold = cold.unwrap_or(first);
    let mut frames = Vec::new();
    let mut peak: f64 = 0.0;
    for _ in 0..RUNS {
        let (inner, whole, p) = child_frame(db)?;
        frames.push((inner, whole));
        peak = peak.max(p);
    }
    let inner = median(frames.iter().map(|f| f.0).collect());
    let whole = median(frames.iter().map(|f| f.1).collect());
    println!(
        "| {n} | {registry} | {cold:.0} | {queue:.0} | {raw:.0} | {:.1}x | {inner:.0} / {whole:.0} | {peak:.0} |",
        queue / raw
    );
    Ok(())
}

/// The one-plan commands on plan `id` of `db`.
fn one_plan(db: &Path, registry: &str, id: &str, decide_from: usize) -> Result<()> {
    let assess = median_of(|_| resv(db, &["assess", id, "--json"]))?;
    let funding = median_of(|_| resv(db, &["funding", id, "--json"]))?;
    let show = median_of(|_| resv(db, &["show", id]))?;
    let history = median_of(|_| resv(db, &["history", id]))?;
    let decide = median_of(|i| {
        let plan = format!("RESV-SYN-{:06}", decide_from + i);
        resv(
            db,
            &[
                "decide",
                &plan,
                "--outcome",
                "return",
                "--reason",
                "bench",
                "--question",
                "Waarom?",
            ],
        )
    })?;
    println!(
        "one plan, registry {registry}: assess {assess:.0} ms, funding {funding:.0} ms, show {show:.0} ms, history {history:.0} ms, decide {decide:.0} ms  [target <= 30 ms]"
    );
    Ok(())
}

pub fn run(sizes: &[usize], registry_size: usize, keep: Option<&Path>) -> Result<()> {
    let temp = tempfile::tempdir()?;
    let dir = match keep {
        Some(d) => {
            std::fs::create_dir(d)
                .with_context(|| format!("--keep {}: cannot create it (it must not exist)", d.display()))?;
            d
        }
        None => temp.path(),
    };
    let csv = dir.join("registry.csv");
    write_registry(&csv, registry_size)?;
    println!("national scale: registry file of {registry_size} rows written");
    println!(
        "| plans | registry | queue --json, first (summaries computed) ms | queue --json ms | raw sqlite3 ms | ratio | first frame ms (in process / whole process) | peak MiB |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    let mut notes = Vec::new();
    for &n in sizes {
        let db = dir.join(format!("n{n}.db"));
        let built = build_db(&db, n)?;
        notes.push(format!("{n} plans imported in {built:.0} ms"));
        let (cold, note) = with_and_without_work(&db, n)?;
        notes.push(note);
        measure(&db, n, "none", Some(cold))?;
        let import = run_once(&mut resv(&db, &["registry", "import", csv.to_str().context("path")?])?)?;
        notes.push(format!(
            "registry import of {registry_size} rows into {n} plans: {import:.0} ms  [target <= 3000 ms]"
        ));
        notes.push(background(&db, n)?);
        measure(&db, n, &registry_size.to_string(), None)?;
        if n == *sizes.last().unwrap_or(&n) {
            let id = format!("RESV-SYN-{:06}", n / 2 + 1);
            one_plan(&db, &registry_size.to_string(), &id, 0)?;
        }
        if keep.is_none() {
            std::fs::remove_file(&db).ok();
        }
    }
    for n in notes {
        println!("{n}");
    }
    Ok(())
}
