//! 80x24 shows what matters: no sorting by a hidden column (a fallback, said), spare width
//! to names and regions (long names keep their ends), every detail pane scrolls, `G` never
//! scrolls to a blank screen, and below a minimum size resv says the terminal is too small.

mod common;

use common::{demo_app, draw, key, screen, type_keys};
use crossterm::event::KeyCode;
use resv::core::queue::SortKey;
use resv::text::Lang;
use resv::tui::app::App;
use resv::tui::state::{FUNDING_TAB, Screen};

fn open_plan(app: &mut App, filter: &str) {
    type_keys(app, "/");
    type_keys(app, filter);
    app.handle_event(&key(KeyCode::Enter));
    app.handle_event(&key(KeyCode::Enter));
    assert!(matches!(app.screen, Screen::Plan(_)));
}

#[test]
fn at_80_columns_the_queue_never_sorts_by_a_hidden_column_and_says_so() {
    let mut app = demo_app(Lang::Nl);
    assert_eq!(
        app.queue.sort_key().0,
        SortKey::Submitted,
        "the default: submission date"
    );
    let s = screen(&draw(&mut app, 80, 24));
    assert_eq!(app.queue.sort_key().0, SortKey::Due, "falls back to a visible column");
    assert!(
        s.contains("sortering: u Dagen▲ (7 Ingediend verborgen: te smal)"),
        "{s}"
    );
    assert!(s.contains("u Dagen▲"), "the header marks the sorted column: {s}");
    insta::assert_snapshot!("queue_sorted_fallback_80x24", s);
    type_keys(&mut app, "4");
    assert_eq!(app.queue.sort_key().0, SortKey::Due, "4 (region) is hidden: no sort");
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("kolom 4 is niet zichtbaar"), "{s}");
    let s = screen(&draw(&mut app, 120, 40));
    type_keys(&mut app, "4");
    assert_eq!(
        app.queue.sort_key().0,
        SortKey::Region,
        "at 120 columns the region shows: {s}"
    );
    let s = screen(&draw(&mut app, 120, 40));
    assert!(s.contains("4 Regio▲"), "{s}");
    insta::assert_snapshot!("queue_sorted_region_120x40", s);
}

#[test]
fn long_names_stay_told_apart_and_wide_terminals_give_them_the_room() {
    let mut app = demo_app(Lang::Nl);
    let s = screen(&draw(&mut app, 80, 24));
    assert!(
        // One column goes to the sort marker of the default sort (u Dagen▲).
        s.contains("Coöpera…Twente") && s.contains("Coöpera…rabant"),
        "names keep their ends: {s}"
    );
    let s = screen(&draw(&mut app, 120, 40));
    assert!(
        s.contains("RESV Noord-Limburg") && s.contains("Coöperatie…"),
        "more of each name at 120 columns: {s}"
    );
    for line in s.lines().skip(2).take(10) {
        assert!(line.chars().count() >= 110, "no empty columns at the right: {line}");
    }
}

#[test]
fn the_double_funding_detail_scrolls_to_its_description() {
    let mut app = demo_app(Lang::Nl);
    open_plan(&mut app, "RIJ");
    while !matches!(&app.screen, Screen::Plan(p) if p.tab == FUNDING_TAB) {
        app.handle_event(&key(KeyCode::Tab));
    }
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("PgDn: meer"), "the pane says it holds more: {s}");
    for _ in 0..6 {
        app.handle_event(&key(KeyCode::PageDown));
    }
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("Omschrijving"), "the description is reachable: {s}");
}

#[test]
fn overview_g_ends_at_the_last_line_not_a_blank_screen() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = demo_app(Lang::Nl);
        open_plan(&mut app, "UTR");
        draw(&mut app, w, h);
        type_keys(&mut app, "G");
        let s = screen(&draw(&mut app, w, h));
        let body: Vec<&str> = s.lines().skip(2).take((h - 4) as usize).collect();
        let filled = body.iter().filter(|l| !l.trim().is_empty()).count();
        assert!(filled * 2 > body.len(), "{w}x{h}: mostly text after G: {s}");
    }
}

#[test]
fn below_the_minimum_size_resv_says_the_terminal_is_too_small() {
    let mut app = demo_app(Lang::Nl);
    let s = screen(&draw(&mut app, 50, 12));
    assert!(
        s.contains("te klein") && s.contains("60x16") && s.contains("50x12"),
        "{s}"
    );
    let mut app = demo_app(Lang::En);
    let s = screen(&draw(&mut app, 70, 10));
    assert!(s.contains("too small"), "{s}");
    let s = screen(&draw(&mut app, 80, 24));
    assert!(!s.contains("too small"), "{s}");
}

#[test]
fn times_are_local_counts_take_the_right_word_and_history_has_one_name() {
    for (w, h) in [(80, 24), (120, 40), (140, 40)] {
        let mut app = demo_app(Lang::Nl);
        open_plan(&mut app, "FVA");
        let s = screen(&draw(&mut app, w, h));
        assert!(
            s.contains("1-11-2026 10:00 door inkoper"),
            "09:00 UTC is 10:00 in Amsterdam: {s}"
        );
        assert!(s.contains("Historie") && !s.contains("Geschiedenis"), "{s}");
        while !matches!(&app.screen, Screen::Plan(p) if p.tab == FUNDING_TAB) {
            app.handle_event(&key(KeyCode::Tab));
        }
        let s = screen(&draw(&mut app, w, h));
        assert!(s.contains("1 signaal ·"), "{s}");
    }
}

fn detail_scroll(app: &App) -> u16 {
    match &app.screen {
        Screen::Plan(p) => p.detail.expect("the activity is open full screen"),
        _ => panic!("not on a plan"),
    }
}

/// An activity opened full screen scrolls until its last row is at the bottom: `G`, PgDn and
/// the wheel stop there, never on a blank pane.
#[test]
fn the_activity_pane_never_scrolls_past_its_end() {
    use crossterm::event::{Event, KeyModifiers, MouseEvent, MouseEventKind};
    let mut scrolled = false;
    for (w, h) in [(60, 16), (80, 24), (120, 40)] {
        let mut app = demo_app(Lang::Nl);
        open_plan(&mut app, "FRL");
        while !matches!(&app.screen, Screen::Plan(p) if p.tab == resv::tui::state::ACTIVITIES_TAB) {
            app.handle_event(&key(KeyCode::Tab));
        }
        draw(&mut app, w, h);
        // The second activity has the longest description of the sample plans.
        app.handle_event(&key(KeyCode::Down));
        app.handle_event(&key(KeyCode::Enter));
        type_keys(&mut app, "G");
        let end = detail_scroll(&app);
        scrolled |= end > 0;
        let s = screen(&draw(&mut app, w, h));
        assert!(
            s.contains("Onderdeel regionale agenda"),
            "{w}x{h}: the last row shows: {s}"
        );
        // The row above the pane's bottom border holds text, unless it all fits.
        let rows: Vec<&str> = s.lines().collect();
        let bottom = rows.iter().rposition(|l| l.starts_with('└')).unwrap();
        let above = rows[bottom - 1].trim_matches(|c| c == '│' || c == ' ');
        assert!(end == 0 || !above.is_empty(), "{w}x{h}: no blank rows at the end: {s}");
        for _ in 0..3 {
            app.handle_event(&key(KeyCode::PageDown));
            app.handle_event(&key(KeyCode::Down));
            app.handle_event(&Event::Mouse(MouseEvent {
                kind: MouseEventKind::ScrollDown,
                column: 10,
                row: 5,
                modifiers: KeyModifiers::NONE,
            }));
        }
        assert_eq!(
            detail_scroll(&app),
            end,
            "{w}x{h}: PgDn, j and the wheel stop at the end"
        );
        type_keys(&mut app, "g");
        assert_eq!(detail_scroll(&app), 0);
    }
    assert!(scrolled, "at 60x16 the activity is longer than its pane");
}

/// The History tab's audit lines wrap at 80 columns; `G` still reaches the oldest entry (the
/// plan's import), and the end is never a blank screen.
#[test]
fn history_g_reaches_the_oldest_audit_entry_when_lines_wrap() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = demo_app(Lang::Nl);
        open_plan(&mut app, "UTR");
        while !matches!(&app.screen, Screen::Plan(p) if p.tab == resv::tui::state::ASSESSMENT_TAB) {
            app.handle_event(&key(KeyCode::Tab));
        }
        // Six manual scores with notes: audit entries long enough to wrap.
        for _ in 0..6 {
            app.handle_event(&key(KeyCode::Down));
            type_keys(&mut app, "s3");
            type_keys(&mut app, "n");
            type_keys(
                &mut app,
                "Besproken met de regio in het overleg van oktober, zie verslag",
            );
            app.handle_event(&key(KeyCode::Enter));
        }
        while !matches!(&app.screen, Screen::Plan(p) if p.tab == resv::tui::state::HISTORY_TAB) {
            app.handle_event(&key(KeyCode::Tab));
        }
        draw(&mut app, w, h);
        type_keys(&mut app, "G");
        let s = screen(&draw(&mut app, w, h));
        assert!(s.contains("versie 1 ingelezen"), "{w}x{h}: the oldest entry shows: {s}");
        let body: Vec<&str> = s.lines().skip(2).take((h - 4) as usize).collect();
        let filled = body.iter().filter(|l| !l.trim().is_empty()).count();
        assert!(filled * 2 > body.len(), "{w}x{h}: mostly text after G: {s}");
    }
}

/// Below the width that shows the default sort column the queue falls back to another sort;
/// the cursor still starts on the first row, so Enter opens the plan shown on top.
#[test]
fn the_queue_starts_on_its_first_row_after_the_sort_falls_back() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = demo_app(Lang::Nl);
        let s = screen(&draw(&mut app, w, h));
        assert_eq!(app.selected, 0, "{w}x{h}: {s}");
        let top = app.queue.row(app.current_plan_index().unwrap()).id.clone();
        let first_row = s.lines().nth(2).unwrap();
        assert!(first_row.contains(&top), "{w}x{h}: {top} is on top: {s}");
        app.handle_event(&key(KeyCode::Enter));
        assert!(matches!(&app.screen, Screen::Plan(p) if p.stored.plan.id == top));
    }
}

#[test]
fn a_wide_queue_shows_the_submission_date_the_dutch_way() {
    let mut app = demo_app(Lang::Nl);
    let s = screen(&draw(&mut app, 160, 30));
    assert!(s.contains("Ingediend"), "the column is shown at 160 columns: {s}");
    assert!(s.contains("15-9-2026") && !s.contains("2026-09-15"), "{s}");
    let mut app = demo_app(Lang::En);
    let s = screen(&draw(&mut app, 160, 30));
    assert!(s.contains("2026-09-15"), "ISO in English: {s}");
}

/// The sorted column's ▲/▼ always shows in the queue header: at 80 columns a Dutch or
/// English title too long for its column is shortened, never the marker.
#[test]
fn the_sort_marker_is_never_cut_off_the_queue_header() {
    for lang in [Lang::Nl, Lang::En] {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut app = demo_app(lang);
            for k in ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "u"] {
                for order in ["▲", "▼"] {
                    type_keys(&mut app, k);
                    let s = screen(&draw(&mut app, w, h));
                    let header = s.lines().nth(1).unwrap();
                    let marks = header.matches(['▲', '▼']).count();
                    assert_eq!(marks, 1, "{lang:?} {w}x{h} after {k} ({order}): {header}");
                }
            }
            type_keys(&mut app, "9");
            let s = screen(&draw(&mut app, w, h));
            if lang == Lang::Nl {
                insta::assert_snapshot!(format!("queue_sorted_ko_{w}x{h}"), s);
            }
        }
    }
}

/// The screen's words in order, without borders: a message wrapped over rows reads whole.
fn words(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '│')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// At 80 columns the queue's info line with a typed filter, a state and a region filter
/// fits whole (the labels and the sort, which the header marks, give way first).
#[test]
fn the_queue_info_line_fits_80_columns_with_every_filter() {
    for lang in [Lang::Nl, Lang::En] {
        let mut app = demo_app(lang);
        type_keys(&mut app, "m");
        app.handle_event(&key(KeyCode::Enter));
        type_keys(&mut app, "s/utr");
        app.handle_event(&key(KeyCode::Enter));
        let s = screen(&draw(&mut app, 80, 24));
        let info = s.lines().nth(22).unwrap();
        assert!(
            info.trim_end().ends_with(')') && info.chars().count() <= 80,
            "{lang:?}: {info}"
        );
        let (state, region) = match lang {
            Lang::Nl => ("ontvangen", "Utrecht Stad"),
            Lang::En => ("received", "Utrecht Stad"),
        };
        assert!(info.contains(state) && info.contains(region), "{lang:?}: {info}");
        insta::assert_snapshot!(format!("queue_every_filter_80x24_{lang:?}"), s);
        let s = screen(&draw(&mut app, 120, 40));
        let info = s.lines().nth(38).unwrap();
        assert!(info.contains("u "), "the sort is named where there is room: {info}");
        insta::assert_snapshot!(format!("queue_every_filter_120x40_{lang:?}"), s);
    }
}

/// The note popup's heading wraps at 80 columns: the criterion's whole name and the keys.
#[test]
fn the_note_popup_heading_reads_whole_at_80_columns() {
    let mut app = demo_app(Lang::Nl);
    open_plan(&mut app, "UTR");
    while !matches!(&app.screen, Screen::Plan(p) if p.tab == resv::tui::state::ASSESSMENT_TAB) {
        app.handle_event(&key(KeyCode::Tab));
    }
    // The longest criterion name of the shipped guidance.
    let title = "Regionale agenda (regioplan, IZA/AZWA)";
    for _ in 0..20 {
        if app.selected_criterion() == Some(resv::core::rules::CheckId::Agenda) {
            break;
        }
        app.handle_event(&key(KeyCode::Down));
    }
    type_keys(&mut app, "n");
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&draw(&mut app, w, h));
        let heading = format!("Notitie bij {title} (Enter: opslaan, Esc: annuleren)");
        // The popup's rows: between the first two borders of each line.
        let inside: Vec<&str> = s.lines().filter_map(|l| l.split('│').nth(1)).collect();
        assert!(words(&inside.join("\n")).contains(&heading), "{w}x{h}: {s}");
        insta::assert_snapshot!(format!("note_popup_long_name_{w}x{h}"), s);
    }
}

/// A large queue at 80 columns: plan ids longer than their column keep their end (the
/// part that tells them apart), and the counts are grouped the Dutch or English way.
#[test]
fn at_80_columns_long_plan_ids_keep_their_end_and_large_counts_are_grouped() {
    for (lang, count) in [
        (Lang::Nl, "1.200 van 1.200 plannen"),
        (Lang::En, "1,200 of 1,200 plans"),
    ] {
        let demo = demo_app(lang);
        let template = demo.queue.row(0).clone();
        let rows: Vec<_> = (0..1_200)
            .map(|i| {
                let mut r = template.clone();
                r.id = format!("RESV-SYN-{i:06}");
                r
            })
            .collect();
        let mut app = App::with_rows(
            resv::store::Store::open_in_memory().unwrap(),
            resv::io::rules_files::built_in_rules(),
            rows,
            lang,
            "test",
            resv::tui::widgets::theme::Theme { color: false },
        );
        let s = screen(&draw(&mut app, 80, 24));
        assert!(s.contains(count), "{s}");
        assert!(s.contains("RESV-S…000000") && s.contains("RESV-S…000001"), "{s}");
    }
}
