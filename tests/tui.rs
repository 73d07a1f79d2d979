//! The whole workbench on ratatui's TestBackend: snapshots of every screen at 80x24 and
//! 120x40, driven by the same key events a user types.

mod common;

use common::{demo_app, draw, key, screen, type_keys};
use crossterm::event::{Event, KeyCode};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use resv::store::Store;
use resv::text::Lang;
use resv::tui::app::App;
use resv::tui::widgets::theme::Theme;

#[test]
fn queue_snapshots() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = demo_app(Lang::Nl);
        let t = draw(&mut app, w, h);
        insta::assert_snapshot!(format!("queue_{w}x{h}"), screen(&t));
    }
}

#[test]
fn filtered_queue_snapshot() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = demo_app(Lang::Nl);
        app.handle_event(&key(KeyCode::Char('/')));
        type_keys(&mut app, "brab");
        let t = draw(&mut app, w, h);
        let s = screen(&t);
        assert!(s.contains("RESV-WBR-2027"), "{s}");
        insta::assert_snapshot!(format!("queue_filtered_{w}x{h}"), s);
    }
}

#[test]
fn plan_tab_snapshots() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = demo_app(Lang::Nl);
        app.handle_event(&key(KeyCode::Char('/')));
        type_keys(&mut app, "UTR");
        app.handle_event(&key(KeyCode::Enter));
        app.handle_event(&key(KeyCode::Enter));
        for tab in 0..4 {
            let t = draw(&mut app, w, h);
            let s = screen(&t);
            assert!(s.contains("RESV-UTR-2027"), "{s}");
            insta::assert_snapshot!(format!("plan_tab{tab}_{w}x{h}"), s);
            app.handle_event(&key(KeyCode::Tab));
        }
    }
}

#[test]
fn help_snapshots() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = demo_app(Lang::Nl);
        app.handle_event(&key(KeyCode::Char('?')));
        let t = draw(&mut app, w, h);
        insta::assert_snapshot!(format!("help_{w}x{h}"), screen(&t));
    }
}

#[test]
fn english_queue_and_plan() {
    let mut app = demo_app(Lang::En);
    let t = draw(&mut app, 80, 24);
    let s = screen(&t);
    assert!(s.contains("Queue") && s.contains("Enter open"), "{s}");
    app.handle_event(&key(KeyCode::Enter));
    let t = draw(&mut app, 80, 24);
    insta::assert_snapshot!("plan_tab0_80x24_en", screen(&t));
}

#[test]
fn sorting_keeps_the_selection_and_flips() {
    let mut app = demo_app(Lang::Nl);
    type_keys(&mut app, "6");
    let first = app.queue.row(app.queue.visible()[0]).requested_per_year;
    let last = app.queue.row(*app.queue.visible().last().unwrap()).requested_per_year;
    assert!(first <= last);
    type_keys(&mut app, "6");
    let first_desc = app.queue.row(app.queue.visible()[0]).requested_per_year;
    assert_eq!(first_desc, last);
    type_keys(&mut app, "jj");
    let chosen = app.current_plan_index();
    type_keys(&mut app, "2");
    assert_eq!(app.current_plan_index(), chosen, "the same plan stays selected");
}

#[test]
fn the_loop_runs_scripted_keys_and_quits() {
    let mut app = demo_app(Lang::Nl);
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut script = vec![
        key(KeyCode::Char('j')),
        key(KeyCode::Enter),
        key(KeyCode::Tab),
        Event::Resize(100, 30),
        key(KeyCode::Esc),
        key(KeyCode::Char('q')),
    ]
    .into_iter();
    resv::tui::run_loop(&mut t, &mut app, || {
        script.next().map(Some).ok_or_else(|| anyhow::anyhow!("script ran out"))
    })
    .unwrap();
    assert!(app.should_quit);
}

#[test]
fn plan_text_cannot_reach_the_terminal_raw() {
    let text = include_str!("../sample-plans/utrecht-stad.toml")
        .replace("RESV Utrecht Stad\"", "RESV \\u001b]0;pwned\\u0007\\u001b[2J Utrecht\"")
        .replace(
            "Regionaal capaciteitsbeeld",
            "Regionaal \\u009b31m capaciteitsbeeld \\u202e",
        );
    let plan = resv::core::parse::parse_plan(&text).unwrap();
    assert!(plan.resv.name.contains('\u{1b}'), "the escape is in the data");
    let mut store = Store::open_in_memory().unwrap();
    store.import_plan(&plan, &text, "evil.toml", "t").unwrap();
    let mut app = App::new(
        store,
        resv::io::rules_files::built_in_rules(),
        Lang::Nl,
        "t",
        Theme { color: false },
    )
    .unwrap();
    let mut frames = Vec::new();
    for step in [
        None,
        Some(KeyCode::Enter),
        Some(KeyCode::Tab),
        Some(KeyCode::Tab),
        Some(KeyCode::Tab),
        Some(KeyCode::Down),
        Some(KeyCode::Down),
    ] {
        if let Some(k) = step {
            app.handle_event(&key(k));
        }
        let t = draw(&mut app, 120, 40);
        frames.push(screen(&t));
    }
    for f in &frames {
        assert!(
            !f.chars().any(|c| c.is_control() && c != '\n'),
            "raw control character on screen:\n{f}"
        );
        assert!(!f.contains('\u{202e}'));
    }
    assert!(
        frames[0].contains('\u{241B}'),
        "the escape is shown as a visible picture:\n{}",
        frames[0]
    );
}

#[test]
fn an_activity_opens_in_full_and_esc_steps_back() {
    let mut app = demo_app(Lang::Nl);
    app.handle_event(&key(KeyCode::Char('/')));
    type_keys(&mut app, "UTR");
    app.handle_event(&key(KeyCode::Enter));
    app.handle_event(&key(KeyCode::Enter));
    app.handle_event(&key(KeyCode::Tab));
    app.handle_event(&key(KeyCode::Tab));
    type_keys(&mut app, "jj");
    app.handle_event(&key(KeyCode::Enter));
    let t = draw(&mut app, 80, 24);
    let s = screen(&t);
    assert!(s.contains("A3 Coördinatie richtlijn kwetsbare ouderen"), "{s}");
    insta::assert_snapshot!("plan_activity_detail_80x24", s);
    app.handle_event(&key(KeyCode::Esc));
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("Begroting per hoofdtaak"), "back on the activities tab: {s}");
    app.handle_event(&key(KeyCode::Esc));
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("Wachtrij"), "back on the queue: {s}");
}

/// The overview's line count bounds its scrolling; it is kept with the plan and recounted
/// when the width changes, so End brings the last line on screen (never past it, to a
/// blank screen) at every width, also after the terminal was resized with the plan open.
#[test]
fn the_overview_scrolls_to_its_last_line_at_every_width_and_after_a_resize() {
    let mut app = demo_app(Lang::Nl);
    app.handle_event(&key(KeyCode::Char('/')));
    type_keys(&mut app, "UTR");
    app.handle_event(&key(KeyCode::Enter));
    draw(&mut app, 140, 24);
    app.handle_event(&key(KeyCode::Enter));
    for w in [140, 100, 60] {
        // The whole overview in a tall terminal: its last line is the last text above the
        // status bar.
        app.handle_event(&key(KeyCode::Home));
        let tall = screen(&draw(&mut app, w, 200));
        let rows: Vec<&str> = tall.lines().collect();
        let last = rows[2..rows.len() - 1]
            .iter()
            .rev()
            .find(|l| !l.is_empty())
            .expect("an overview");
        let s = screen(&draw(&mut app, w, 24));
        app.handle_event(&key(KeyCode::End));
        let s_end = screen(&draw(&mut app, w, 24));
        let end_rows: Vec<&str> = s_end.lines().collect();
        let shown_last = end_rows[2..end_rows.len() - 1].iter().rev().find(|l| !l.is_empty());
        assert_eq!(shown_last, Some(last), "width {w}:\n{s}\n{s_end}");
        let filled = end_rows[2..end_rows.len() - 1].iter().filter(|l| !l.is_empty()).count();
        assert!(
            filled >= 12,
            "width {w}: End leaves the screen full, not blank:\n{s_end}"
        );
        app.handle_event(&key(KeyCode::Down));
        let s_more = screen(&draw(&mut app, w, 24));
        assert_eq!(s_more, s_end, "width {w}: no scrolling past the last line");
    }
}

/// A refusal longer than the screen is wide is shown whole in the status bar (up to four
/// rows), not cut at the right edge: here the Sampling screen's `x` on a name that exists.
#[test]
fn a_long_message_in_the_status_bar_is_shown_whole_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("resv-steekproef-1-seed-1.csv");
    let never = resv::io::output::Existing::Never;
    resv::io::output::write(&path, b"id\n", never).unwrap();
    let refusal = format!("{:#}", resv::io::output::write(&path, b"id\n", never).unwrap_err());
    assert!(
        refusal.chars().count() > 80,
        "the refusal is longer than the screen: {refusal}"
    );
    let mut app = demo_app(Lang::Nl);
    app.message = Some(refusal.clone());
    let s = screen(&draw(&mut app, 80, 24));
    let bottom: Vec<&str> = s.lines().rev().take(4).collect();
    let joined = bottom.into_iter().rev().map(str::trim).collect::<Vec<_>>().join(" ");
    assert!(joined.contains(&refusal), "{refusal:?} not whole in:\n{s}");
    assert!(s.contains("RESV-UTR-2027"), "the queue is still shown:\n{s}");
    // A short message keeps the one-row status bar.
    app.message = Some("kort".into());
    let s = screen(&draw(&mut app, 80, 24));
    assert_eq!(s.lines().nth(23), Some("kort"), "{s}");
    assert!(s.lines().nth(22).unwrap().contains("10 van 10 plannen"), "{s}");
}
