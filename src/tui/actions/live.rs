//! What the screen shows stays true: after each key and on every tick of the loop the
//! workbench asks whether the database changed ([`crate::app::live`]), and reloads what
//! shows it: the queue, the open plan's tabs, the registry, the regions screen and NZa's dashboard.
//! Selection, scroll position, tab and an open popup are kept.

use crate::app::live::Change;
use crate::text;
use crate::tui::app::App;
use crate::tui::state::{PlanView, RegionsView, Screen};
use anyhow::Result;

impl App {
    /// Reloads what changed in the database since the last look (own writes and other
    /// processes' commits); says so when someone else changed the open plan.
    pub fn sync(&mut self) {
        let Some(watcher) = &mut self.watcher else {
            return;
        };
        match watcher.poll(&self.store) {
            Ok(Change::Nothing) => {}
            Ok(change) => {
                if let Err(e) = self.reload(change == Change::Others) {
                    self.message = Some(format!("{e:#}"));
                }
            }
            Err(e) => self.message = Some(format!("{e:#}")),
        }
    }

    /// Reloads everything after another process's commit (seen while storing summaries).
    pub(super) fn reload_after_others(&mut self) {
        if let Err(e) = self.reload(true) {
            self.message = Some(format!("{e:#}"));
        }
    }

    /// Reloads the registry (when another process may have imported one), the queue and
    /// the open screen from the store.
    fn reload(&mut self, others: bool) -> Result<()> {
        // The registry screen's selected arrangement, by id, to find it again.
        let arrangement = match &self.screen {
            Screen::Registry(r) => r
                .hits
                .get(r.selected)
                .and_then(|&i| self.registry.arrangements_if_loaded().get(i))
                .map(|a| a.id.clone()),
            _ => None,
        };
        if others {
            self.registry.reset();
        }
        // Many stale summaries are left to the background ([`crate::app::recompute`]).
        let known =
            crate::app::recompute::known_queue(&self.store, &self.rules, &self.registry, self.recompute.as_ref())?;
        let current = self.current_plan_index().map(|i| self.queue.row(i).id.clone());
        self.queue.set_rows(known.rows);
        let row = current.and_then(|id| (0..self.queue.len()).find(|&i| self.queue.row(i).id == id));
        self.select_row(row);
        self.adopt_deferred(known.registry_version, known.deferred, known.restart);
        match &self.screen {
            Screen::Plan(p) => {
                let id = p.stored.plan.id.clone();
                self.reload_plan(&id, others)?;
            }
            Screen::Regions(r) => {
                let selected = r.selected;
                let report = crate::app::follow::status_report(&self.store, &self.rules)?;
                let last = report.overview.regions.len().saturating_sub(1);
                self.screen = Screen::Regions(Box::new(RegionsView {
                    report,
                    selected: selected.min(last),
                }));
            }
            Screen::Nza(_) => self.reload_nza()?,
            Screen::Registry(_) => self.reload_registry(arrangement.as_deref())?,
            Screen::Queue => {}
        }
        Ok(())
    }

    /// The registry screen over the arrangements as stored now: the search kept, and the
    /// selected arrangement where it still is.
    fn reload_registry(&mut self, selected: Option<&str>) -> Result<()> {
        let all = self.registry.arrangements(&self.store)?;
        let page = crate::tui::state::registry::page(self.size.height);
        if let Screen::Registry(r) = &mut self.screen {
            r.refilter(all);
            let at = selected.and_then(|id| r.hits.iter().position(|&i| all[i].id == id));
            r.selected = at.unwrap_or(0);
            r.scroll_to_selection(page);
        }
        Ok(())
    }

    /// The open plan reloaded in place: tab, cursors and scroll kept.
    fn reload_plan(&mut self, id: &str, others: bool) -> Result<()> {
        let Some(i) = (0..self.queue.len()).find(|&i| self.queue.row(i).id == id) else {
            return Ok(());
        };
        let (state, days_left) = (self.queue.row(i).status, self.queue.row(i).days_left);
        let Some(mut fresh) = self.load_plan(id, state, days_left)? else {
            return Ok(());
        };
        let Screen::Plan(p) = &mut self.screen else {
            return Ok(());
        };
        let changed =
            fresh.history.audit.len() != p.history.audit.len() || fresh.stored.version_no != p.stored.version_no;
        keep_place(p, &mut fresh);
        **p = fresh;
        // The news replaces an older message (it may speak of the plan as it was).
        if others && changed {
            self.message = None;
            self.notice = Some(text::workbench::SOMEONE_CHANGED.get(self.lang).to_string());
        }
        Ok(())
    }

    /// NZa's dashboard over the contracts as stored now: year and breakdown kept.
    /// Rebuilds the open dashboard from the store (year and breakdown kept).
    pub(crate) fn reload_dashboard(&mut self) {
        if let Err(e) = self.reload_nza() {
            self.message = Some(format!("{e:#}"));
        }
    }

    fn reload_nza(&mut self) -> Result<()> {
        let contracts = crate::app::nza::contracts(&self.store)?;
        let report =
            crate::core::nza::report::report(&contracts, self.envelope_cents).map_err(|e| anyhow::anyhow!("{e}"))?;
        if let Screen::Nza(v) = &mut self.screen {
            v.year = v.year.min(report.years.len().saturating_sub(1));
            v.contracts = contracts;
            v.report = report;
            v.selected = v.selected.min(v.rows().len().saturating_sub(1));
        }
        Ok(())
    }

    /// A plan's view as stored now (`None` when there is no such plan).
    pub(super) fn load_plan(
        &self,
        id: &str,
        state: crate::core::decision::PlanState,
        days_left: Option<i64>,
    ) -> Result<Option<PlanView>> {
        let history = super::plan::load_history(&self.store, id, Some(state), days_left)?;
        let Some(a) = crate::app::assess::assess_stored(&self.store, &self.rules, &self.registry, id)? else {
            return Ok(None);
        };
        let coordination =
            crate::app::follow::plan_coordination(&self.store, &self.rules, &a.stored, history.current())?;
        let text = self.text_context();
        Ok(Some(PlanView::new(
            a.stored,
            a.assessment,
            a.review,
            history,
            coordination,
            text,
        )))
    }
}

/// Carries the tab, cursors and scroll of `old` over to `fresh`, within its bounds.
fn keep_place(old: &PlanView, fresh: &mut PlanView) {
    fresh.tab = old.tab;
    fresh.scroll = old.scroll;
    fresh.detail = old.detail;
    fresh.criterion = old.criterion.min(fresh.assessment.criteria.len());
    fresh.activity = old.activity.min(fresh.stored.plan.activities.len().saturating_sub(1));
    let flags = fresh.review.as_ref().map_or(0, |r| r.flags.len());
    fresh.flag = old.flag.min(flags.saturating_sub(1));
}
