//! The queue's figures recomputed in the background ([`crate::app::recompute`]): started
//! when the queue is read with many stale summaries, received on the loop's tick, and
//! applied to the rows in place (selection, scroll, sort and filters kept; the rows re-sort
//! as on any live update). Rows still awaited are drawn marked; quitting cancels the worker.

use crate::app::live::Change;
use crate::app::recompute::Recompute;
use crate::store::SummaryState;
use crate::tui::app::App;
use std::collections::HashMap;

impl App {
    /// One tick of the loop without a key: what changed in the database, then what the
    /// background computation has finished.
    pub fn tick(&mut self) {
        self.sync();
        self.receive_recomputed();
    }

    /// Takes over the stale summaries the queue was read without (`deferred`): starts
    /// computing them when `restart`, else narrows the running computation to them.
    pub(crate) fn adopt_deferred(&mut self, registry_version: i64, deferred: Vec<SummaryState>, restart: bool) {
        if deferred.is_empty() {
            self.recompute = None;
            return;
        }
        if !restart {
            if let Some(r) = &mut self.recompute {
                r.keep_only(&deferred);
            }
            return;
        }
        // The order (the rows on screen first) is set when the workers start, at the first
        // tick: by then the first frame has set the size and any fallback sort.
        self.recompute = Recompute::start(&self.store, &self.rules, registry_version, deferred);
    }

    /// Puts the computation's plans in the order they are wanted, if it has not started:
    /// the rows on screen first, then those below them, then those above. (Done at the
    /// first tick.)
    pub fn order_recompute(&mut self) {
        if self.recompute.as_ref().is_none_or(|r| r.started()) {
            return;
        }
        let visible = self.queue.visible();
        let rank: HashMap<&str, (bool, usize)> = visible
            .iter()
            .enumerate()
            .map(|(at, &i)| (self.queue.row(i).id.as_str(), (at < self.offset, at)))
            .collect();
        if let Some(r) = &mut self.recompute {
            r.reorder(|s| rank.get(s.plan_id.as_str()).copied().unwrap_or((true, usize::MAX)));
        }
    }

    /// Applies the summaries the worker sent since the last tick (and stores them).
    pub fn receive_recomputed(&mut self) {
        self.order_recompute();
        let Some(r) = &mut self.recompute else {
            return;
        };
        let (shown, stored) = r.receive(&self.store);
        let failure = r.take_failure();
        let done = r.finished() && r.pending() == 0;
        if !shown.is_empty() {
            let current = self.current_plan_index().map(|i| self.queue.row(i).id.clone());
            let items: Vec<_> = shown
                .iter()
                .map(|(id, s)| (id.as_str(), s.total_tenths, s.knocked_out, s.open_flags))
                .collect();
            self.queue.set_assessments(&items);
            let row = current.and_then(|id| (0..self.queue.len()).find(|&i| self.queue.row(i).id == id));
            if row.is_some() {
                self.select_row(row);
            }
        }
        if let Some(e) = failure {
            self.message = Some(crate::text::fill(
                crate::text::summaries::RECOMPUTE_FAILED.get(self.lang),
                &[("e", &e)],
            ));
        }
        if done {
            self.recompute = None;
        }
        // Storing the summaries is this workbench's own write, with nothing to reload; a
        // commit by another process meanwhile still is one.
        if stored
            && let Some(watcher) = &mut self.watcher
            && let Ok(Change::Others) = watcher.poll(&self.store)
        {
            self.reload_after_others();
        }
    }

    /// While figures are recomputed, the queue's help says what the mark means.
    pub(super) fn note_recomputing_in_help(&mut self) {
        use crate::tui::state::help::HelpLine;
        if self.recompute.is_none() || !matches!(self.screen, crate::tui::state::Screen::Queue) {
            return;
        }
        self.help_content.left.push(HelpLine::Blank);
        let note = crate::text::summaries::HELP_NOTE.map(HelpLine::Note);
        self.help_content.left.extend(note);
    }

    /// Stops the background computation (quitting): what it sent is stored, the rest is
    /// left stale (computed at the next start).
    pub fn stop_recompute(&mut self) {
        if let Some(mut r) = self.recompute.take() {
            let _ = r.receive(&self.store);
        }
    }
}
