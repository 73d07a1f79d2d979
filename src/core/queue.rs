//! The queue of plans: rows, sorting and fuzzy filtering. Pure: the TUI draws it, the
//! CLI prints it, the store fills it.

use super::money::Cents;
use super::plan::{Date, Scenario};
use serde::Serialize;
use std::cmp::Ordering;

use super::decision::{Outcome, PlanState};

mod closeness;
pub use closeness::{Closeness, closeness, closeness_folded, fold};

/// One line of the queue: the latest version of a plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QueueRow {
    pub id: String,
    pub name: String,
    pub region: String,
    pub scenario: Scenario,
    /// Where the plan stands: received, in review, returned, resubmitted, decided ...
    pub status: PlanState,
    /// The current decision's outcome, if any.
    pub outcome: Option<Outcome>,
    /// Days to the decision deadline (negative: overdue); `None` once settled or without one.
    pub days_left: Option<i64>,
    pub requested_per_year: Cents,
    pub submitted: Date,
    /// How many versions of this plan were imported.
    pub versions: u32,
    /// The assessment's weighted total in tenths (0-1000), once assessed.
    pub score: Option<u32>,
    /// Whether a knock-out criterion failed, once assessed.
    pub knocked_out: Option<bool>,
    /// Double-funding flags the buyer has not judged yet; `None` without a registry.
    pub open_flags: Option<u32>,
}

/// Columns the queue sorts by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Status,
    Id,
    Name,
    Region,
    Scenario,
    Requested,
    Submitted,
    Score,
    KnockOut,
    Flags,
    Due,
}

impl SortKey {
    pub const ALL: [SortKey; 11] = [
        SortKey::Status,
        SortKey::Id,
        SortKey::Name,
        SortKey::Region,
        SortKey::Scenario,
        SortKey::Requested,
        SortKey::Submitted,
        SortKey::Score,
        SortKey::KnockOut,
        SortKey::Flags,
        SortKey::Due,
    ];

    fn compare(self, a: &QueueRow, b: &QueueRow) -> Ordering {
        match self {
            SortKey::Status => a.status.cmp(&b.status),
            SortKey::Id => a.id.cmp(&b.id),
            SortKey::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
            SortKey::Region => a.region.to_lowercase().cmp(&b.region.to_lowercase()),
            SortKey::Scenario => a.scenario.cmp(&b.scenario),
            SortKey::Requested => a.requested_per_year.cmp(&b.requested_per_year),
            SortKey::Submitted => a.submitted.cmp(&b.submitted),
            SortKey::Score => a.score.cmp(&b.score),
            SortKey::KnockOut => a.knocked_out.cmp(&b.knocked_out),
            SortKey::Flags => a.open_flags.cmp(&b.open_flags),
            // Most urgent first; settled plans (no countdown) last.
            SortKey::Due => (a.days_left.is_none(), a.days_left).cmp(&(b.days_left.is_none(), b.days_left)),
        }
        .then_with(|| a.id.cmp(&b.id))
    }
}

/// Which parts of a row a filter matched, as character indices per field.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Highlights {
    pub id: Vec<usize>,
    pub name: Vec<usize>,
    pub region: Vec<usize>,
}

/// The queue with its sort order and filter. `visible()` is what a screen shows.
pub struct Queue {
    rows: Vec<QueueRow>,
    /// The texts the filter searches, made when a filter is first set (a first frame
    /// needs none of them).
    search: std::sync::OnceLock<Search>,
    sorted: Vec<usize>,
    visible: Vec<usize>,
    sort: SortKey,
    descending: bool,
    filter: String,
    /// Only plans in this state, when set.
    state: Option<PlanState>,
    /// Only these plans (a RHO region's), when set.
    region: Option<Subset>,
}

/// Per row: `id name region scenario`, the text the filter searches, and the same folded
/// to lower case once ([`fold`]).
struct Search {
    haystacks: Vec<String>,
    folded: Vec<String>,
}

impl Search {
    fn of(rows: &[QueueRow]) -> Search {
        let haystacks = rows
            .iter()
            .map(|r| format!("{} {} {} {}", r.id, r.name, r.region, r.scenario.keyword()))
            .collect::<Vec<String>>();
        let folded = haystacks.iter().map(|h| fold(h)).collect();
        Search { haystacks, folded }
    }
}

/// A named set of plans the queue can be narrowed to (a RHO region's plans).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subset {
    pub label: String,
    pub plan_ids: Vec<String>,
}

impl Queue {
    pub fn new(rows: Vec<QueueRow>) -> Queue {
        let mut q = Queue {
            search: std::sync::OnceLock::new(),
            sorted: (0..rows.len()).collect(),
            visible: Vec::new(),
            rows,
            sort: SortKey::Submitted,
            descending: false,
            filter: String::new(),
            state: None,
            region: None,
        };
        q.resort();
        q
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn sort_key(&self) -> (SortKey, bool) {
        (self.sort, self.descending)
    }

    pub fn filter(&self) -> &str {
        &self.filter
    }

    pub fn state_filter(&self) -> Option<PlanState> {
        self.state
    }

    /// The region the queue is narrowed to, if it is.
    pub fn region_filter(&self) -> Option<&str> {
        self.region.as_ref().map(|s| s.label.as_str())
    }

    /// Shows only the plans of `region` (all with `None`).
    pub fn set_region_filter(&mut self, region: Option<Subset>) {
        self.region = region;
        self.refilter_from_all();
    }

    /// Shows only plans in `state` (all with `None`).
    pub fn set_state_filter(&mut self, state: Option<PlanState>) {
        self.state = state;
        self.refilter_from_all();
    }

    /// Replaces every row (after the database changed), keeping the sort order, the filter
    /// and the state filter.
    pub fn set_rows(&mut self, rows: Vec<QueueRow>) {
        let mut fresh = Queue::new(rows);
        fresh.sort = self.sort;
        fresh.descending = self.descending;
        fresh.state = self.state;
        fresh.region = self.region.take();
        fresh.filter = std::mem::take(&mut self.filter);
        fresh.resort();
        *self = fresh;
    }

    /// Replaces one plan's row (after a decision or a new assessment), keeping the order
    /// rules and the filters.
    pub fn replace_row(&mut self, row: QueueRow) {
        if let Some(i) = self.rows.iter().position(|r| r.id == row.id) {
            self.rows[i] = row;
            self.resort();
        }
    }

    /// Indices into `rows()` of the rows to show, in order.
    pub fn visible(&self) -> &[usize] {
        &self.visible
    }

    pub fn row(&self, index: usize) -> &QueueRow {
        &self.rows[index]
    }

    /// Updates a plan's score and knock-out columns (after a manual score), keeping the order
    /// rules and the filter.
    pub fn set_assessment(&mut self, id: &str, score: u32, knocked_out: bool, open_flags: Option<u32>) {
        if let Some(row) = self.rows.iter_mut().find(|r| r.id == id) {
            row.score = Some(score);
            row.knocked_out = Some(knocked_out);
            row.open_flags = open_flags;
            self.resort();
        }
    }

    /// Updates the score, knock-out and open-flag columns of many plans at once (figures
    /// computed in the background): sorts and filters once, keeping the order rules and the
    /// filters. Plans not in the queue are ignored.
    pub fn set_assessments(&mut self, items: &[(&str, u32, bool, Option<u32>)]) {
        if items.is_empty() {
            return;
        }
        let by_id: std::collections::HashMap<&str, (u32, bool, Option<u32>)> =
            items.iter().map(|&(id, s, k, f)| (id, (s, k, f))).collect();
        for row in &mut self.rows {
            if let Some(&(score, knocked_out, open_flags)) = by_id.get(row.id.as_str()) {
                row.score = Some(score);
                row.knocked_out = Some(knocked_out);
                row.open_flags = open_flags;
            }
        }
        self.resort();
    }

    /// Sorts by `key`; choosing the current key again flips the direction.
    pub fn sort_by(&mut self, key: SortKey) {
        if self.sort == key {
            self.descending = !self.descending;
        } else {
            self.sort = key;
            self.descending = false;
        }
        self.resort();
    }

    fn resort(&mut self) {
        let (rows, key, desc) = (&self.rows, self.sort, self.descending);
        self.sorted.sort_by(|&a, &b| {
            let o = key.compare(&rows[a], &rows[b]);
            if desc { o.reverse() } else { o }
        });
        self.refilter_from_all();
    }

    /// Sets the filter text: only rows where its characters sit close together
    /// ([`closeness`]), the closest first (ties in the sort order). Typing on (the new text
    /// extends the old) only re-checks the rows that still matched, which keeps a keystroke
    /// fast on a long queue.
    pub fn set_filter(&mut self, text: &str) {
        let narrowing = !self.filter.is_empty() && text.starts_with(self.filter.as_str());
        self.filter = text.to_string();
        if narrowing {
            let candidates = std::mem::take(&mut self.visible);
            self.visible = self.closest(candidates.into_iter());
        } else {
            self.refilter_from_all();
        }
    }

    /// Of `candidates` (in sort order), those the filter matches, the closest first.
    fn closest(&self, candidates: impl Iterator<Item = usize>) -> Vec<usize> {
        let search = self.search();
        let mut scored: Vec<(u32, usize)> = candidates
            .filter_map(|i| {
                closeness_folded(&self.filter, &search.haystacks[i], &search.folded[i]).map(|c| (c.score, i))
            })
            .collect();
        // Stable: equal scores keep the sort order.
        scored.sort_by_key(|s| std::cmp::Reverse(s.0));
        scored.into_iter().map(|(_, i)| i).collect()
    }

    fn search(&self) -> &Search {
        self.search.get_or_init(|| Search::of(&self.rows))
    }

    fn refilter_from_all(&mut self) {
        let rows = &self.rows;
        let (state, region) = (self.state, self.region.as_ref());
        let in_state: Vec<usize> = self
            .sorted
            .iter()
            .copied()
            .filter(|&i| {
                state.is_none_or(|s| rows[i].status == s) && region.is_none_or(|r| r.plan_ids.contains(&rows[i].id))
            })
            .collect();
        self.visible = if self.filter.trim().is_empty() {
            in_state
        } else {
            self.closest(in_state.into_iter())
        };
    }

    /// The characters of a row that the current filter matched (for drawing only the
    /// visible rows, so it is computed on demand).
    pub fn highlights(&self, index: usize) -> Highlights {
        let mut h = Highlights::default();
        if self.filter.is_empty() {
            return h;
        }
        let positions = closeness(&self.filter, &self.search().haystacks[index]).map_or_else(Vec::new, |c| c.positions);
        let row = &self.rows[index];
        let id_len = row.id.chars().count();
        let name_start = id_len + 1;
        let name_len = row.name.chars().count();
        let region_start = name_start + name_len + 1;
        let region_len = row.region.chars().count();
        for p in positions {
            if p < id_len {
                h.id.push(p);
            } else if (name_start..name_start + name_len).contains(&p) {
                h.name.push(p - name_start);
            } else if (region_start..region_start + region_len).contains(&p) {
                h.region.push(p - region_start);
            }
        }
        h
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, name: &str, region: &str, euros: i64) -> QueueRow {
        QueueRow {
            id: id.into(),
            name: name.into(),
            region: region.into(),
            scenario: Scenario::GrowthModel,
            status: PlanState::Received,
            outcome: None,
            days_left: None,
            requested_per_year: Cents::from_euros(euros),
            submitted: Date::new(2026, 9, 1).unwrap(),
            versions: 1,
            score: None,
            knocked_out: None,
            open_flags: None,
        }
    }

    /// The filter's texts are made when a filter is first set, not for the first frame;
    /// then the filter finds the same rows.
    #[test]
    fn the_search_texts_are_made_when_a_filter_is_first_set() {
        let mut q = Queue::new(vec![
            row("RESV-A", "Zorg Noord", "Groningen", 10),
            row("RESV-B", "Huisartsen Zuid", "Limburg", 20),
        ]);
        assert!(q.search.get().is_none());
        assert_eq!(q.visible().len(), 2);
        q.set_filter("zuid");
        assert!(q.search.get().is_some());
        let ids: Vec<&str> = q.visible().iter().map(|&i| q.row(i).id.as_str()).collect();
        assert_eq!(ids, ["RESV-B"]);
    }

    fn ids(q: &Queue) -> Vec<&str> {
        q.visible().iter().map(|&i| q.row(i).id.as_str()).collect()
    }

    #[test]
    fn many_assessments_at_once_update_their_rows_and_sort_once_keeping_the_filter() {
        let mut q = Queue::new(vec![
            row("A", "Alpha", "Noord", 1),
            row("B", "Beta", "Noord", 2),
            row("C", "Gamma", "Zuid", 3),
        ]);
        q.sort_by(SortKey::Score);
        q.set_filter("noord");
        q.set_assessments(&[
            ("A", 900, false, Some(2)),
            ("B", 400, true, None),
            ("X", 1, false, None),
        ]);
        assert_eq!(ids(&q), vec!["B", "A"], "sorted by the new scores, the filter kept");
        let a = q.row(0);
        assert_eq!(
            (a.score, a.knocked_out, a.open_flags),
            (Some(900), Some(false), Some(2))
        );
        assert_eq!(q.row(2).score, None, "a plan not named is left as it was");
    }

    #[test]
    fn sorts_and_flips() {
        let mut q = Queue::new(vec![row("B", "Beta", "Zeeland", 5), row("A", "Alfa", "Utrecht", 9)]);
        q.sort_by(SortKey::Requested);
        assert_eq!(ids(&q), ["B", "A"]);
        q.sort_by(SortKey::Requested);
        assert_eq!(ids(&q), ["A", "B"]);
        q.sort_by(SortKey::Region);
        assert_eq!(ids(&q), ["A", "B"]);
    }

    #[test]
    fn filters_closely_and_highlights() {
        let mut q = Queue::new(vec![
            row("R1", "RESV Twente", "Twente", 1),
            row("R2", "RESV Zeeland", "Zeeland", 1),
        ]);
        q.set_filter("twnt");
        assert!(ids(&q).is_empty(), "scattered letters match nothing");
        q.set_filter("twe");
        assert_eq!(ids(&q), ["R1"]);
        let i = q.visible()[0];
        let h = q.highlights(i);
        assert_eq!(h.name, vec![5, 6, 7], "{h:?}");
        q.set_filter("twez");
        assert!(ids(&q).is_empty());
        q.set_filter("zee");
        assert_eq!(ids(&q), ["R2"]);
        q.set_filter("");
        assert_eq!(q.visible().len(), 2);
    }

    #[test]
    fn filters_by_state_together_with_the_text_filter() {
        let mut rows = vec![
            row("R1", "RESV Twente", "Twente", 1),
            row("R2", "RESV Zeeland", "Zeeland", 1),
            row("R3", "RESV Zwolle", "IJssel", 1),
        ];
        rows[1].status = PlanState::Returned;
        rows[2].status = PlanState::Returned;
        let mut q = Queue::new(rows);
        q.set_state_filter(Some(PlanState::Returned));
        assert_eq!(ids(&q), ["R2", "R3"]);
        q.set_filter("z");
        q.set_filter("zeela");
        assert_eq!(ids(&q), ["R2"]);
        q.set_state_filter(None);
        assert_eq!(ids(&q), ["R2"]);
        q.set_filter("");
        assert_eq!(ids(&q), ["R1", "R2", "R3"]);
    }

    #[test]
    fn sorting_by_due_puts_the_most_urgent_first_and_settled_plans_last() {
        let mut rows = vec![row("A", "a", "x", 1), row("B", "b", "x", 1), row("C", "c", "x", 1)];
        rows[0].days_left = Some(10);
        rows[1].days_left = Some(-3);
        let mut q = Queue::new(rows);
        q.sort_by(SortKey::Due);
        assert_eq!(ids(&q), ["B", "A", "C"]);
    }

    #[test]
    fn filters_by_region_with_the_other_filters() {
        let mut q = Queue::new(vec![
            row("R1", "RESV Twente", "Twente", 1),
            row("R2", "Twente Zorg", "Zeeland", 1),
        ]);
        q.set_region_filter(Some(Subset {
            label: "Twente".into(),
            plan_ids: vec!["R1".into()],
        }));
        assert_eq!(ids(&q), ["R1"], "the region's plans, not a name that mentions it");
        assert_eq!(q.region_filter(), Some("Twente"));
        q.set_filter("zorg");
        assert!(ids(&q).is_empty());
        q.set_filter("");
        q.set_region_filter(None);
        assert_eq!(ids(&q).len(), 2);
    }
}
