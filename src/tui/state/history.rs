//! A plan's history as stored (loaded when the plan opens and after each decision), and
//! the History tab's lines, built at the same moment: their count bounds the tab's
//! scrolling, so j/k never rebuild them.

use crate::app::history::PlanHistory;
use crate::core::audit::Entry;
use crate::core::decision::{Decision, PlanState};
use crate::core::diff::PlanDiff;
use crate::core::plan::Date;
use crate::core::rules::CheckId;
use crate::store::{SnapshotInfo, VersionInfo};
use crate::text::{self, Lang, decision as dt, history};

/// A plan's history as stored.
#[derive(Default)]
pub struct HistoryData {
    pub state: Option<PlanState>,
    pub days_left: Option<i64>,
    pub decisions: Vec<Decision>,
    pub versions: Vec<VersionInfo>,
    pub changes: Option<(u32, u32, PlanDiff)>,
    pub snapshots: Vec<SnapshotInfo>,
    pub audit: Vec<Entry>,
}

impl HistoryData {
    /// The workbench's copy of a loaded history, with the plan's state and days to its
    /// deadline from the queue.
    pub fn new(loaded: PlanHistory, state: Option<PlanState>, days_left: Option<i64>) -> HistoryData {
        // Every field named: a new part of the history cannot be silently left out here.
        let PlanHistory {
            decisions,
            versions,
            changes,
            snapshots,
            audit,
        } = loaded;
        HistoryData {
            state,
            days_left,
            decisions,
            versions,
            changes,
            snapshots,
            audit,
        }
    }

    /// The current decision.
    pub fn current(&self) -> Option<&Decision> {
        self.decisions.last()
    }
}

/// One line of the History tab, with what it is (the view styles it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HistoryLine {
    /// Where the plan stands and its deadline.
    Head(String),
    /// A decision waiting for its second buyer.
    Pending(String),
    Blank,
    /// A section's title.
    Section(String),
    /// A line of a section.
    Body(String),
}

/// The History tab: where the plan stands, what changed since the version decided on, every
/// decision (newest first), the versions, the assessment snapshots and the audit entries.
/// `criterion` names a criterion in `lang` for the audit entries.
pub fn lines(
    h: &HistoryData,
    deadline: Option<Date>,
    criterion: &dyn Fn(CheckId) -> Option<String>,
    lang: Lang,
) -> Vec<HistoryLine> {
    let mut out = Vec::new();
    if let Some(s) = h.state {
        let mut head = format!("{}: {}", dt::STATE.get(lang), dt::state(s).get(lang));
        if let (Some(d), Some(deadline)) = (h.days_left, deadline) {
            head.push_str(&format!(
                " · {} {} ({})",
                dt::DEADLINE.get(lang),
                text::fmt::day(lang, deadline),
                text::fmt::days(lang, Some(d), true)
            ));
        }
        out.push(HistoryLine::Head(head));
    }
    if h.current().is_some_and(Decision::is_pending) {
        out.push(HistoryLine::Pending(format!("⚠ {}", dt::PENDING.get(lang))));
    }
    let mut section = |title: text::T, body: Vec<String>| {
        out.push(HistoryLine::Blank);
        out.push(HistoryLine::Section(title.get(lang).to_string()));
        // Stored times in UTC, shown in local time.
        out.extend(
            body.into_iter()
                .map(|l| HistoryLine::Body(format!(" {}", text::local::localize(lang, &l)))),
        );
    };
    // A resubmission's changes come first: that is what the buyer reviews now.
    if let Some((from, to, diff)) = &h.changes {
        section(dt::CHANGES, history::diff_lines(*from, *to, diff, lang));
    }
    section(dt::DECISIONS, history::decisions_lines(&h.decisions, lang));
    section(dt::VERSIONS, history::versions_lines(&h.versions, lang));
    section(dt::ASSESSMENTS, history::snapshots_lines(&h.snapshots, lang));
    section(dt::AUDIT, crate::text::audit::audit_lines(&h.audit, criterion, lang));
    out
}

impl HistoryLine {
    /// The line's text ("" for a blank line).
    pub fn text(&self) -> &str {
        match self {
            HistoryLine::Head(t) | HistoryLine::Pending(t) | HistoryLine::Section(t) | HistoryLine::Body(t) => t,
            HistoryLine::Blank => "",
        }
    }

    /// The rows the line takes on a screen `width` wide: word-wrapped, its indent kept and
    /// the rows after the first indented two more, so an audit entry reads as one.
    pub fn rows(&self, width: u16) -> Vec<String> {
        let text = self.text();
        let body = text.trim_start_matches(' ');
        let indent = " ".repeat(text.len() - body.len());
        let more = format!("{indent}  ");
        let width = (width as usize).max(more.len() + 10);
        let mut rows: Vec<String> = vec![indent.clone()];
        for word in body.split(' ') {
            let start = if rows.len() == 1 { indent.len() } else { more.len() };
            let row = rows.last_mut().expect("rows is never empty");
            let len = row.chars().count();
            if len > start && len + 1 + word.chars().count() > width {
                rows.push(format!("{more}{word}"));
            } else {
                if len > start {
                    row.push(' ');
                }
                row.push_str(word);
            }
        }
        rows
    }
}

/// The rows `lines` take on a screen `width` wide (the History tab scrolls to the last).
pub fn row_count(lines: &[HistoryLine], width: u16) -> usize {
    lines.iter().map(|l| l.rows(width).len()).sum()
}
