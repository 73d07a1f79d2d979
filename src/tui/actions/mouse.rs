//! The mouse, where people reach for it: the wheel scrolls the list or pane under it (as
//! `j`/`k` do; in help, help), a click selects a queue or registry row (a click on the
//! selected row opens it) or a plan's tab. Off with `--no-mouse`.

use crate::tui::app::App;
use crate::tui::keymap::Action;
use crate::tui::state::Screen;
use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

/// Rows above a list's first row: the title bar and the table's header.
const LIST_TOP: u16 = 2;

/// The dashboard's first table row: below the title bar, the summary (3), the gauge (3) and
/// the table's top border; the table is 48 columns wide.
const DASHBOARD_TOP: u16 = 8;
const DASHBOARD_TABLE_WIDTH: u16 = 48;

impl App {
    pub(super) fn mouse(&mut self, m: &MouseEvent) {
        if !self.mouse || self.filtering {
            return;
        }
        match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp if self.over_funding_detail(m.column) => {
                if let Screen::Plan(p) = &mut self.screen {
                    p.scroll = match m.kind {
                        MouseEventKind::ScrollDown => (p.scroll + 1).min(60),
                        _ => p.scroll.saturating_sub(1),
                    };
                }
            }
            MouseEventKind::ScrollDown => self.update(Action::Down),
            MouseEventKind::ScrollUp => self.update(Action::Up),
            MouseEventKind::Down(MouseButton::Left) if !self.help && self.popup.is_none() && self.asking.is_none() => {
                self.click(m.column, m.row)
            }
            _ => {}
        }
    }

    /// Whether column `x` is over the double-funding tab's detail pane (the wheel scrolls
    /// the pane there, and the flags on the left).
    fn over_funding_detail(&self, x: u16) -> bool {
        let left = (self.size.width * 2 / 5).clamp(30, 46);
        !self.help
            && self.popup.is_none()
            && matches!(&self.screen, Screen::Plan(p) if p.tab == crate::tui::state::FUNDING_TAB)
            && x >= left
    }

    fn click(&mut self, x: u16, y: u16) {
        self.message = None;
        self.notice = None;
        match &mut self.screen {
            Screen::Queue if y >= LIST_TOP => {
                let at = self.offset + (y - LIST_TOP) as usize;
                if at < self.queue.visible().len().min(self.offset + self.queue_page()) {
                    if at == self.selected {
                        self.update(Action::Open);
                    } else {
                        self.selected = at;
                    }
                }
            }
            Screen::Registry(r) if y >= LIST_TOP => {
                let at = r.offset + (y - LIST_TOP) as usize;
                let page = crate::tui::state::registry::page(self.size.height);
                if at < r.hits.len().min(r.offset + page) {
                    r.selected = at;
                }
            }
            Screen::Regions(r) if y >= LIST_TOP => {
                // The table: the body less the rows under it, less its header.
                let body = self.size.height.saturating_sub(2);
                let visible = body.saturating_sub(r.foot_rows(self.lang, self.size.width) + 1) as usize;
                let at = r.offset(visible) + (y - LIST_TOP) as usize;
                if at < r.report.overview.regions.len().min(r.offset(visible) + visible) {
                    if at == r.selected {
                        self.update(Action::Open);
                    } else {
                        r.selected = at;
                    }
                }
            }
            // NZa's dashboard: the breakdown's table, left, under the summary and the gauge.
            Screen::Nza(v) if v.sampling.is_none() && y >= DASHBOARD_TOP && x < DASHBOARD_TABLE_WIDTH => {
                let visible = crate::tui::state::NzaView::table_rows(self.size.height);
                let at = v.offset(visible) + (y - DASHBOARD_TOP) as usize;
                if at < v.rows().len().min(v.offset(visible) + visible) {
                    v.selected = at;
                }
            }
            Screen::Plan(p) if y == 1 => {
                if let Some(tab) = crate::tui::state::plan::tab_at(self.lang, self.size.width, x) {
                    p.tab = tab;
                    p.scroll = 0;
                    p.detail = None;
                }
            }
            _ => {}
        }
    }
}
