//! Opening a plan from the queue, and reloading its state, deadline and history after a
//! change: the data comes from the store here, and the tabs' text is rebuilt with it.

use crate::core::decision::PlanState;
use crate::store::Store;
use crate::tui::app::App;
use crate::tui::state::{HistoryData, Screen};
use anyhow::Result;

/// A plan's decisions, versions and changes, assessment snapshots and audit entries, loaded
/// by the one loader `resv history` uses too ([`crate::app::history::load`]).
pub(super) fn load_history(
    store: &Store,
    plan_id: &str,
    state: Option<PlanState>,
    days_left: Option<i64>,
) -> Result<HistoryData> {
    Ok(HistoryData::new(
        crate::app::history::load(store, plan_id)?,
        state,
        days_left,
    ))
}

impl App {
    pub(super) fn open_selected(&mut self) {
        let Some(row) = self.current_plan_index() else {
            return;
        };
        let (id, state, days_left) = {
            let r = self.queue.row(row);
            (r.id.clone(), r.status, r.days_left)
        };
        match self.load_plan(&id, state, days_left) {
            Ok(Some(view)) => self.screen = Screen::Plan(Box::new(view)),
            Ok(None) => self.message = Some(format!("{}: {id}", crate::text::UNKNOWN_PLAN.get(self.lang))),
            Err(e) => self.message = Some(crate::app::errors::render(&e, self.lang)),
        }
    }

    /// Reloads a plan's state, deadline and history after a change, in the queue and on the
    /// open plan screen.
    pub(super) fn refresh_plan(&mut self, plan_id: &str) {
        let fresh = match crate::app::assess::queue_row(&self.store, plan_id) {
            Ok(row) => row,
            Err(e) => {
                self.message = Some(crate::app::errors::render(&e, self.lang));
                return;
            }
        };
        let Some(fresh) = fresh else {
            return;
        };
        let today = self.store.today();
        let days_left = crate::core::decision::days_left(self.rules.policy.decisions.deadline, today, fresh.status);
        if let Some(i) = (0..self.queue.len()).find(|&i| self.queue.row(i).id == plan_id) {
            let mut row = self.queue.row(i).clone();
            row.status = fresh.status;
            row.outcome = fresh.outcome;
            row.versions = fresh.versions;
            row.days_left = days_left;
            let current = self.current_plan_index();
            self.queue.replace_row(row);
            self.select_row(current);
        }
        let text = self.text_context();
        if let Screen::Plan(p) = &mut self.screen {
            if p.stored.plan.id == plan_id {
                let loaded = load_history(&self.store, plan_id, Some(fresh.status), days_left).and_then(|h| {
                    let c = crate::app::follow::plan_coordination(&self.store, &self.rules, &p.stored, h.current())?;
                    Ok((h, c))
                });
                match loaded {
                    Ok((h, c)) => {
                        p.history = h;
                        p.coordination = c;
                        p.refresh(text);
                    }
                    Err(e) => self.message = Some(crate::app::errors::render(&e, self.lang)),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workbench_shows_the_history_resv_history_loads() {
        let mut store = Store::open_in_memory().unwrap();
        store.set_fixed_now("2026-11-01T09:00:00Z");
        crate::app::import::load_samples(&mut store, "inkoper").unwrap();
        let row = store.queue_rows().unwrap().remove(0);
        let loaded = crate::app::history::load(&store, &row.id).unwrap();
        assert!(!loaded.versions.is_empty() && !loaded.audit.is_empty(), "{loaded:?}");
        let h = load_history(&store, &row.id, Some(row.status), Some(3)).unwrap();
        assert_eq!((h.state, h.days_left), (Some(row.status), Some(3)));
        let shown = format!("{:?}", (&h.decisions, &h.versions, &h.changes, &h.snapshots, &h.audit));
        let kept = format!(
            "{:?}",
            (
                &loaded.decisions,
                &loaded.versions,
                &loaded.changes,
                &loaded.snapshots,
                &loaded.audit
            )
        );
        assert_eq!(shown, kept);
    }
}
