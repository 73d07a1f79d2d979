//! A plan's history: its decisions, versions and what changed, assessment snapshots and
//! audit entries, loaded in one place for `resv history` and the workbench's History tab.

use crate::core::audit::Entry;
use crate::core::decision::{Decision, PlanState};
use crate::core::diff::PlanDiff;
use crate::store::{SnapshotInfo, Store, VersionInfo};
use anyhow::Result;

/// Everything recorded about one plan, oldest first in each list.
#[derive(Debug)]
pub struct PlanHistory {
    pub decisions: Vec<Decision>,
    pub versions: Vec<VersionInfo>,
    /// From the version last decided on (or the previous one) to the latest: see
    /// [`crate::app::decide::changes`].
    pub changes: Option<(u32, u32, PlanDiff)>,
    pub snapshots: Vec<SnapshotInfo>,
    pub audit: Vec<Entry>,
}

/// Loads the plan's history (empty lists for an unknown plan id).
pub fn load(store: &Store, plan_id: &str) -> Result<PlanHistory> {
    Ok(PlanHistory {
        decisions: store.decisions(plan_id)?,
        versions: store.versions(plan_id)?,
        changes: crate::app::decide::changes(store, plan_id)?,
        snapshots: store.assessment_history(plan_id)?,
        audit: store.audit_log(Some(plan_id))?,
    })
}

/// The plan's state in the queue, or `None` when there is no such plan.
pub fn state(store: &Store, plan_id: &str) -> Result<Option<PlanState>> {
    Ok(crate::app::assess::queue_row(store, plan_id)?.map(|r| r.status))
}
