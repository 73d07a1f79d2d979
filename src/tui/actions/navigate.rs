//! Moving around: the queue's filter, state filter and sorting, the registry's search, the
//! plan screen's tabs, and the cursor keys on every screen. The bounds come from the state
//! (the counts are kept there when the data changes).

use crate::core::decision::PlanState;
use crate::core::queue::SortKey;
use crate::tui::app::App;
use crate::tui::keymap::Action;
use crate::tui::state::registry;
use crate::tui::state::{
    ACTIVITIES_TAB, ASSESSMENT_TAB, COORDINATION_TAB, FUNDING_TAB, HISTORY_TAB, PLAN_TABS, RegionsView, Screen,
};
use crate::tui::widgets::activity;

impl App {
    /// Typing in the queue's filter or the registry's search, and sorting the queue.
    pub(super) fn filter_action(&mut self, action: Action) {
        match action {
            Action::FilterChar(_) | Action::FilterBackspace | Action::FilterClear | Action::FilterErase
                if matches!(self.screen, Screen::Registry(_)) =>
            {
                self.search_registry(action)
            }
            Action::FilterChar(c) => {
                let mut text = self.queue.filter().to_string();
                text.push(c);
                self.set_filter(&text);
            }
            Action::FilterBackspace => {
                let mut text = self.queue.filter().to_string();
                text.pop();
                self.set_filter(&text);
            }
            Action::FilterApply => self.filtering = false,
            Action::FilterErase => self.set_filter(""),
            // Esc clears the filter line and the state filter; it never quits.
            Action::FilterClear => {
                if !self.filtering {
                    let current = self.current_plan_index();
                    self.queue.set_region_filter(None);
                    self.queue.set_state_filter(None);
                    self.select_row(current);
                }
                self.filtering = false;
                self.set_filter("");
            }
            Action::SortBy(col) => {
                if let Some(&key) = SortKey::ALL.get(col) {
                    if !crate::tui::state::queue::shown(key, self.size.width) {
                        self.message = Some(self.hidden_column_text(key));
                        return;
                    }
                    let current = self.current_plan_index();
                    self.sort_fallback = None;
                    self.queue.sort_by(key);
                    self.select_row(current);
                }
            }
            _ => {}
        }
    }

    /// Shows only plans in the next state (then all again); backwards with `forward` false.
    pub(super) fn cycle_state(&mut self, forward: bool) {
        // All states, then "all plans" (None), round.
        let ring: Vec<Option<PlanState>> = PlanState::ALL.iter().copied().map(Some).chain([None]).collect();
        let at = ring
            .iter()
            .position(|s| *s == self.queue.state_filter())
            .unwrap_or(ring.len() - 1);
        let n = ring.len();
        let next = ring[if forward { (at + 1) % n } else { (at + n - 1) % n }];
        let current = self.current_plan_index();
        self.queue.set_state_filter(next);
        self.select_row(current);
    }

    /// The next or previous tab of the plan screen.
    pub(super) fn switch_tab(&mut self, action: Action) {
        if let Screen::Plan(p) = &mut self.screen {
            p.tab = if action == Action::NextTab {
                (p.tab + 1) % PLAN_TABS
            } else {
                (p.tab + PLAN_TABS - 1) % PLAN_TABS
            };
            p.scroll = 0;
            p.detail = None;
        }
    }

    /// Enter: the selected plan from the queue, the selected activity in full.
    pub(super) fn open(&mut self) {
        match &mut self.screen {
            Screen::Plan(p) if p.tab == ACTIVITIES_TAB && !p.stored.plan.activities.is_empty() => p.detail = Some(0),
            Screen::Regions(r) => {
                // Enter: that region's plans, the queue filtered by region.
                let Some(label) = r.report.overview.regions.get(r.selected).map(|s| s.rho_region.clone()) else {
                    return;
                };
                let plan_ids = r
                    .report
                    .plans
                    .iter()
                    .filter(|p| p.rho_region == label)
                    .map(|p| p.plan_id.clone());
                let region = crate::core::queue::Subset {
                    plan_ids: plan_ids.collect(),
                    label,
                };
                let current = self.current_plan_index();
                self.queue.set_region_filter(Some(region));
                self.screen = Screen::Queue;
                self.select_row(current);
            }
            Screen::Plan(_) | Screen::Registry(_) | Screen::Nza(_) => {}
            Screen::Queue => self.open_selected(),
        }
    }

    /// Esc/q: out of an activity shown in full, else back to the queue.
    pub(super) fn back(&mut self) {
        match &mut self.screen {
            Screen::Plan(p) if p.detail.is_some() => p.detail = None,
            _ => self.screen = Screen::Queue,
        }
    }

    /// The regions and their market leaders, as the store has them now.
    pub(super) fn open_regions(&mut self) {
        match crate::app::follow::status_report(&self.store, &self.rules) {
            Ok(report) => self.screen = Screen::Regions(Box::new(RegionsView { report, selected: 0 })),
            Err(e) => self.message = Some(crate::app::errors::render(&e, self.lang)),
        }
    }

    /// Typing in the registry's search box.
    fn search_registry(&mut self, action: Action) {
        let Screen::Registry(r) = &mut self.screen else {
            return;
        };
        match action {
            Action::FilterChar(c) => r.search.push(c),
            Action::FilterBackspace => {
                r.search.pop();
            }
            Action::FilterErase => r.search.clear(),
            _ => {
                self.filtering = false;
                r.search.clear();
            }
        }
        r.refilter(self.registry.arrangements_if_loaded());
    }

    fn set_filter(&mut self, text: &str) {
        let current = self.current_plan_index();
        self.queue.set_filter(text);
        self.select_row(current);
    }

    pub(super) fn move_cursor(&mut self, action: Action) {
        let page = self.queue_page();
        let registry_page = registry::page(self.size.height);
        let (look, size) = (self.look(), self.size);
        match &mut self.screen {
            Screen::Queue => {
                let last = self.queue.visible().len().saturating_sub(1);
                self.selected = step(self.selected, last, page, action);
                self.keep_selection_visible();
            }
            Screen::Registry(r) => {
                let last = r.hits.len().saturating_sub(1);
                r.selected = step(r.selected, last, registry_page, action);
                r.scroll_to_selection(registry_page);
            }
            Screen::Regions(r) => {
                let last = r.report.overview.regions.len().saturating_sub(1);
                r.selected = step(r.selected, last, page, action);
            }
            Screen::Nza(_) => {}
            Screen::Plan(p) => {
                let plan = &p.stored.plan;
                if let Some(scroll) = &mut p.detail {
                    // The activity's pane fills the tab (less its border): it scrolls until
                    // its last row is at the bottom, never past it.
                    let shown = size.height.saturating_sub(5).max(1);
                    let rows = plan
                        .activities
                        .get(p.activity)
                        .map_or(0, |a| activity::rows(look, size.width, a));
                    *scroll = step(*scroll as usize, rows.saturating_sub(shown) as usize, page, action) as u16;
                    return;
                }
                let scroll = p.scroll as usize;
                // A tab scrolls until its last line is at the bottom, never past it (the
                // body is the screen less the title, tabs and status rows).
                let body = page.saturating_sub(1).max(1);
                match p.tab {
                    0 => p.scroll = step(scroll, p.overview_len.saturating_sub(body), page, action) as u16,
                    1 => p.scroll = step(scroll, plan.disciplines.len().saturating_sub(body - 1), page, action) as u16,
                    HISTORY_TAB => p.scroll = step(scroll, p.history_rows.saturating_sub(body), page, action) as u16,
                    COORDINATION_TAB => p.scroll = step(scroll, p.coordination.records.len() + 1, page, action) as u16,
                    ASSESSMENT_TAB => p.criterion = step(p.criterion, p.assessment.criteria.len(), page, action),
                    // j/k choose a flag; PgDn/PgUp scroll its evidence.
                    FUNDING_TAB if matches!(action, Action::PageDown | Action::PageUp) => {
                        p.scroll = step(scroll, 60, 5, action) as u16;
                    }
                    FUNDING_TAB => {
                        let last = p.review.as_ref().map_or(0, |r| r.flags.len().saturating_sub(1));
                        p.flag = step(p.flag, last, page, action);
                        p.scroll = 0;
                    }
                    _ => p.activity = step(p.activity, plan.activities.len().saturating_sub(1), 5, action),
                }
            }
        }
    }
}

/// Moves a cursor within `0..=last`.
pub(super) fn step(pos: usize, last: usize, page: usize, action: Action) -> usize {
    match action {
        Action::Down => (pos + 1).min(last),
        Action::Up => pos.saturating_sub(1),
        Action::PageDown => (pos + page).min(last),
        Action::PageUp => pos.saturating_sub(page),
        Action::HalfDown => (pos + (page / 2).max(1)).min(last),
        Action::HalfUp => pos.saturating_sub((page / 2).max(1)),
        Action::First => 0,
        Action::Last => last,
        _ => pos,
    }
}
