//! The History tab of the plan screen: where the plan stands, what changed since the
//! version decided on, every decision (newest first), the versions, the assessment
//! snapshots and the audit entries. The data is loaded when the plan opens and after each
//! decision; drawing only reads it.

use super::app::{App, PlanView};
use crate::core::audit::Entry;
use crate::core::decision::{Decision, PlanState};
use crate::core::diff::PlanDiff;
use crate::i18n::{self, decision as dt, history};
use crate::store::{SnapshotInfo, Store, VersionInfo};
use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

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
    pub fn load(store: &Store, plan_id: &str, state: Option<PlanState>, days_left: Option<i64>) -> Result<HistoryData> {
        Ok(HistoryData {
            state,
            days_left,
            decisions: store.decisions(plan_id)?,
            versions: store.versions(plan_id)?,
            changes: crate::deciding::changes(store, plan_id)?,
            snapshots: store.assessment_history(plan_id)?,
            audit: store.audit_log(Some(plan_id))?,
        })
    }

    /// The current decision.
    pub fn current(&self) -> Option<&Decision> {
        self.decisions.last()
    }
}

/// The tab's lines (also used to bound scrolling).
pub fn lines(app: &App, view: &PlanView) -> Vec<Line<'static>> {
    let (h, lang) = (&view.history, app.lang);
    let mut out: Vec<Line<'static>> = Vec::new();
    if let Some(s) = h.state {
        let mut head = format!("{}: {}", dt::STATE.get(lang), dt::state(s).get(lang));
        if let (Some(d), Some(deadline)) = (h.days_left, app.rules.policy.decisions.deadline) {
            head.push_str(&format!(
                " · {} {deadline} ({})",
                dt::DEADLINE.get(lang),
                dt::days(lang, Some(d), true)
            ));
        }
        out.push(Line::styled(head, app.theme.title()));
    }
    if h.current().is_some_and(Decision::is_pending) {
        out.push(Line::styled(format!("⚠ {}", dt::PENDING.get(lang)), app.theme.warn()));
    }
    let mut section = |title: i18n::T, body: Vec<String>| {
        out.push(Line::raw(""));
        out.push(Line::styled(title.get(lang), app.theme.key()));
        out.extend(body.into_iter().map(|l| Line::raw(format!(" {l}"))));
    };
    // A resubmission's changes come first: that is what the buyer reviews now.
    if let Some((from, to, diff)) = &h.changes {
        section(dt::CHANGES, history::diff_lines(*from, *to, diff, lang));
    }
    section(dt::DECISIONS, history::decisions_lines(&h.decisions, lang));
    section(dt::VERSIONS, history::versions_lines(&h.versions, lang));
    section(dt::ASSESSMENTS, history::snapshots_lines(&h.snapshots, lang));
    section(dt::AUDIT, history::audit_lines(&h.audit));
    out
}

pub fn render(app: &App, view: &PlanView, area: Rect, buf: &mut Buffer) {
    Paragraph::new(lines(app, view))
        .wrap(Wrap { trim: false })
        .scroll((view.scroll, 0))
        .render(area, buf);
}
