//! The mouse: the wheel scrolls lists and panes, a click selects a row or a tab (a click on
//! the selected row opens it); `--no-mouse` turns it off.

mod common;
mod support;

use common::{demo_app, draw, screen, type_keys};
use crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use resv::text::Lang;
use resv::tui::state::{FUNDING_TAB, Screen};

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

fn click(column: u16, row: u16) -> Event {
    mouse(MouseEventKind::Down(MouseButton::Left), column, row)
}

#[test]
fn the_wheel_moves_through_the_queue_and_a_click_selects_then_opens() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = demo_app(Lang::Nl);
        draw(&mut app, w, h);
        type_keys(&mut app, "g");
        app.handle_event(&mouse(MouseEventKind::ScrollDown, 10, 5));
        app.handle_event(&mouse(MouseEventKind::ScrollDown, 10, 5));
        assert_eq!(app.selected, 2);
        app.handle_event(&mouse(MouseEventKind::ScrollUp, 10, 5));
        assert_eq!(app.selected, 1);
        app.handle_event(&click(20, 6));
        assert_eq!(app.selected, 4, "row 6 is the fifth plan (title and header above)");
        let id = app.queue.row(app.current_plan_index().unwrap()).id.clone();
        app.handle_event(&click(20, 6));
        let Screen::Plan(p) = &app.screen else {
            panic!("a second click opens the plan")
        };
        assert_eq!(p.stored.plan.id, id);
        let s = screen(&draw(&mut app, w, h));
        // Click the tab bar on "Beoord." / "Beoordeling".
        let tabs = s.lines().nth(1).unwrap();
        let at = tabs.find("Beoord").map(|b| tabs[..b].chars().count()).unwrap() as u16;
        app.handle_event(&click(at + 2, 1));
        assert!(matches!(&app.screen, Screen::Plan(p) if p.tab == 3), "{w}x{h}: {tabs}");
    }
}

#[test]
fn the_wheel_scrolls_the_double_funding_detail_and_a_click_picks_a_registry_row() {
    let mut app = demo_app(Lang::Nl);
    type_keys(&mut app, "/RIJ");
    app.handle_event(&common::key(crossterm::event::KeyCode::Enter));
    app.handle_event(&common::key(crossterm::event::KeyCode::Enter));
    draw(&mut app, 80, 24);
    app.handle_event(&click(3 + 2 * 12, 1));
    while !matches!(&app.screen, Screen::Plan(p) if p.tab == FUNDING_TAB) {
        app.handle_event(&common::key(crossterm::event::KeyCode::Tab));
    }
    app.handle_event(&mouse(MouseEventKind::ScrollDown, 60, 12));
    app.handle_event(&mouse(MouseEventKind::ScrollDown, 60, 12));
    let Screen::Plan(p) = &app.screen else { panic!() };
    assert_eq!((p.scroll, p.flag), (2, 0), "the pane scrolls, the flag stays");
    app.handle_event(&mouse(MouseEventKind::ScrollDown, 5, 12));
    let Screen::Plan(p) = &app.screen else { panic!() };
    assert_eq!(p.flag, 1, "over the list the wheel picks the next flag");

    let mut app = demo_app(Lang::Nl);
    type_keys(&mut app, "r");
    draw(&mut app, 80, 24);
    app.handle_event(&click(5, 4));
    let Screen::Registry(r) = &app.screen else { panic!() };
    assert_eq!(r.selected, 2);
}

#[test]
fn no_mouse_turns_it_off() {
    let mut app = demo_app(Lang::Nl);
    app.mouse = false;
    draw(&mut app, 80, 24);
    let before = app.selected;
    app.handle_event(&mouse(MouseEventKind::ScrollDown, 10, 5));
    app.handle_event(&click(20, 7));
    assert_eq!(app.selected, before);
    assert!(matches!(app.screen, Screen::Queue));
    let env = support::Env::new();
    let help = support::stdout(&env.ok(&["--help"]));
    assert!(help.contains("--no-mouse"), "{help}");
}

fn regions_selected(app: &resv::tui::app::App) -> usize {
    match &app.screen {
        Screen::Regions(r) => r.selected,
        _ => panic!("not on the regions screen"),
    }
}

/// The regions screen: the wheel moves the selection, a click selects the region under it,
/// a click on the selected one opens its plans (as Enter does).
#[test]
fn the_wheel_and_a_click_choose_a_region() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = demo_app(Lang::Nl);
        type_keys(&mut app, "m");
        draw(&mut app, w, h);
        app.handle_event(&mouse(MouseEventKind::ScrollDown, 10, 5));
        app.handle_event(&mouse(MouseEventKind::ScrollDown, 10, 5));
        assert_eq!(regions_selected(&app), 2, "{w}x{h}");
        app.handle_event(&mouse(MouseEventKind::ScrollUp, 10, 5));
        assert_eq!(regions_selected(&app), 1);
        // Row 2 is the first region (title bar and header above).
        app.handle_event(&click(5, 6));
        assert_eq!(regions_selected(&app), 4, "{w}x{h}: the fifth region");
        let name = match &app.screen {
            Screen::Regions(r) => r.report.overview.regions[4].rho_region.clone(),
            _ => unreachable!(),
        };
        app.handle_event(&click(5, 6));
        assert!(matches!(app.screen, Screen::Queue), "{w}x{h}: its plans");
        assert_eq!(
            app.queue.region_filter(),
            Some(name.as_str()),
            "the queue filtered by that region"
        );
    }
}

/// On a short terminal the regions table scrolls with the selection; a click still selects
/// the region drawn under the pointer.
#[test]
fn a_click_on_a_scrolled_regions_table_selects_the_row_drawn_there() {
    let mut app = demo_app(Lang::Nl);
    type_keys(&mut app, "m");
    type_keys(&mut app, "G");
    let s = screen(&draw(&mut app, 60, 16));
    let first_row: String = s.lines().nth(2).unwrap().chars().take(12).collect();
    let regions = match &app.screen {
        Screen::Regions(r) => r.report.overview.regions.clone(),
        _ => panic!("not on the regions screen"),
    };
    let shown = regions
        .iter()
        .position(|r| r.rho_region.starts_with(first_row.trim()))
        .unwrap();
    assert!(shown > 0, "the table scrolled: {s}");
    app.handle_event(&click(5, 2));
    assert_eq!(regions_selected(&app), shown, "{s}");
}
