//! A plan opened from the queue: its stored version, assessment, double-funding review,
//! history and coordination, the tab and cursors, and the text of the tabs whose length
//! bounds scrolling (rebuilt by [`PlanView::refresh`] whenever the data changes).

use super::history::{self, HistoryData, HistoryLine};
use super::overview::{self, OverviewRow};
use crate::app::follow::PlanCoordination;
use crate::core::assess::Assessment;
use crate::core::funding::Review;
use crate::core::plan::Date;
use crate::core::rules::Kind;
use crate::store::StoredPlan;
use crate::text::{Lang, T};

/// The tabs of the plan screen, in order: overview, disciplines, activities, assessment,
/// double funding, coordination, history.
pub const PLAN_TABS: usize = 7;
pub const ACTIVITIES_TAB: usize = 2;
pub const ASSESSMENT_TAB: usize = 3;
pub const FUNDING_TAB: usize = 4;
pub const COORDINATION_TAB: usize = 5;
pub const HISTORY_TAB: usize = 6;

pub const TAB_TITLES: [T; 7] = [
    crate::text::TAB_OVERVIEW,
    crate::text::TAB_DISCIPLINES,
    crate::text::TAB_ACTIVITIES,
    crate::text::TAB_ASSESSMENT,
    crate::text::TAB_FUNDING,
    crate::text::coordination::TAB,
    crate::text::decision::TAB_HISTORY,
];

/// The same tabs, named short for narrow terminals.
pub const SHORT_TAB_TITLES: [T; 7] = [
    crate::text::TAB_OVERVIEW,
    crate::text::TAB_DISCIPLINES_SHORT,
    crate::text::TAB_ACTIVITIES_SHORT,
    crate::text::TAB_ASSESSMENT_SHORT,
    crate::text::TAB_FUNDING_SHORT,
    crate::text::coordination::TAB_SHORT,
    crate::text::decision::TAB_HISTORY_SHORT,
];

/// The tab titles drawn at `width`: the long ones where they fit (each title with its
/// divider and padding takes 3 columns more).
pub fn tab_titles(lang: Lang, width: u16) -> &'static [T; 7] {
    let total = |ts: &[T]| ts.iter().map(|t| t.get(lang).chars().count() + 3).sum::<usize>();
    if total(&TAB_TITLES) <= width as usize {
        &TAB_TITLES
    } else {
        &SHORT_TAB_TITLES
    }
}

/// The tab under column `x` of the tab bar (a click), at `width`.
pub fn tab_at(lang: Lang, width: u16, x: u16) -> Option<usize> {
    let mut from = 0usize;
    for (i, t) in tab_titles(lang, width).iter().enumerate() {
        let to = from + t.get(lang).chars().count() + 2;
        if (from..to).contains(&(x as usize)) {
            return Some(i);
        }
        from = to + 1;
    }
    None
}

/// A plan opened from the queue.
pub struct PlanView {
    pub stored: StoredPlan,
    /// Its assessment under the loaded rules and the buyer's manual inputs.
    pub assessment: Assessment,
    /// Its double-funding review, when the registry holds arrangements.
    pub review: Option<Review>,
    /// Selected flag on the double-funding tab.
    pub flag: usize,
    /// Selected row on the assessment tab: 0 is the summary, then the criteria in display
    /// order (see [`order`]).
    pub criterion: usize,
    pub tab: usize,
    /// Scroll offset of the overview and disciplines tabs.
    pub scroll: u16,
    /// Selected activity on the activities tab.
    pub activity: usize,
    /// The selected activity opened full-screen, with its scroll offset.
    pub detail: Option<u16>,
    /// Decisions, versions and changes, snapshots and audit entries (the History tab).
    pub history: HistoryData,
    /// Its place between the insurers of its region (the Coordination tab).
    pub coordination: PlanCoordination,
    /// The overview tab's rows, and the lines they take at the screen's width.
    pub overview: Vec<OverviewRow>,
    pub overview_len: usize,
    /// The History tab's lines, and the rows they take wrapped at the screen's width.
    pub history_lines: Vec<HistoryLine>,
    pub history_rows: usize,
}

impl PlanView {
    /// A plan on its first tab, its text built for `lang` and a screen `width` wide.
    pub fn new(
        stored: StoredPlan,
        assessment: Assessment,
        review: Option<Review>,
        history: HistoryData,
        coordination: PlanCoordination,
        text: TextContext,
    ) -> PlanView {
        let mut view = PlanView {
            stored,
            assessment,
            review,
            flag: 0,
            criterion: 0,
            tab: 0,
            scroll: 0,
            activity: 0,
            detail: None,
            history,
            coordination,
            overview: Vec::new(),
            overview_len: 0,
            history_lines: Vec::new(),
            history_rows: 0,
        };
        view.refresh(text);
        view
    }

    /// Rebuilds the tabs' text after the plan, its assessment or its history changed.
    pub fn refresh(&mut self, text: TextContext) {
        self.overview = overview::rows(&self.stored, &self.assessment, &self.history, text.lang);
        self.overview_len = overview::line_count(&self.overview, text.width);
        let assessment = &self.assessment;
        let criterion = |id| {
            let c = assessment.criterion(id)?;
            Some(if text.lang == Lang::En {
                c.title_en.clone()
            } else {
                c.title.clone()
            })
        };
        self.history_lines = history::lines(&self.history, text.deadline, &criterion, text.lang);
        self.history_rows = history::row_count(&self.history_lines, text.width);
    }

    /// Recounts the overview's lines for a screen `width` wide.
    pub fn resize(&mut self, width: u16) {
        self.overview_len = overview::line_count(&self.overview, width);
        self.history_rows = history::row_count(&self.history_lines, width);
    }
}

/// What the tabs' text depends on besides the plan: the language, the policy's decision
/// deadline and the screen's width.
#[derive(Clone, Copy, Debug)]
pub struct TextContext {
    pub lang: Lang,
    pub deadline: Option<Date>,
    pub width: u16,
}

/// Indices into `criteria` in display order: knock-outs first, then weighted criteria.
pub fn order(a: &Assessment) -> Vec<usize> {
    let pick = |k: Kind| (0..a.criteria.len()).filter(move |&i| a.criteria[i].kind == k);
    pick(Kind::KnockOut).chain(pick(Kind::Weighted)).collect()
}
