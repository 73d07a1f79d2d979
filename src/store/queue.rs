//! The queue's rows read from the store: the latest version of every plan with its current
//! decision, alone or with each plan's stored summary in the same pass.

use super::{Store, Summary, SummaryState, stored_date, summaries};
use crate::core::plan::Date;
use crate::core::queue::QueueRow;
use anyhow::{Context, Result};

/// The current decision of each plan (the one nothing supersedes) and the queue's columns
/// 0 to 11, shared by [`QUEUE_ROWS`] and [`QUEUE_STATES`]. Whether the latest version was
/// worked on (a manual input or judgement entered on it) comes from the plan's marks
/// (`plan_marks`, as `k`): the newest version anything was entered on.
macro_rules! queue_columns {
    () => {
        "WITH cur AS (
                SELECT d.plan_id, d.id, d.outcome, v.version_no,
                       d.needs_approval AND NOT EXISTS (SELECT 1 FROM decision_approvals a WHERE a.decision_id = d.id)
                           AS pending
                FROM decisions d JOIN plan_versions v ON v.id = d.version_id
                WHERE NOT EXISTS (SELECT 1 FROM decisions s WHERE s.supersedes = d.id))
             SELECT l.plan_id, l.resv_name, l.region, l.scenario, l.requested_per_year_cents, l.submitted, l.version_no,
                    COALESCE(k.worked_version = l.id, 0),
                    cur.outcome, cur.version_no, cur.pending, cur.id"
    };
}

/// The latest version of each plan, by the covering index, in plan id order.
macro_rules! queue_latest {
    () => {
        "
             WHERE l.version_no = (SELECT MAX(w.version_no) FROM plan_versions w WHERE w.plan_id = l.plan_id)
             ORDER BY l.plan_id"
    };
}

/// The queue's rows: the latest version of every plan with its current decision. Every
/// join is by index (`store::tests` checks the query plan), and the versions are read from
/// the covering index `plan_versions_queue`, never from their wide rows.
pub(crate) const QUEUE_ROWS: &str = concat!(
    queue_columns!(),
    "
             FROM plan_versions l INDEXED BY plan_versions_queue LEFT JOIN cur ON cur.plan_id = l.plan_id
                  LEFT JOIN plan_marks k ON k.plan_id = l.plan_id",
    queue_latest!()
);

/// [`QUEUE_ROWS`] and [`summaries::STATES`] in one pass: the queue's columns (0 to 11, as
/// in `QUEUE_ROWS`), then each row's summary key and stored summary (12 on, as in `STATES`
/// from its column 1). The latest version of each plan is found once, and each row is read
/// once, instead of two statements walking the same index.
pub(crate) const QUEUE_STATES: &str = concat!(
    queue_columns!(),
    ",
                    l.id, l.sha256,
                    COALESCE(k.manual_id, 0), COALESCE(k.judgement_id, 0),
                    s.total_tenths, s.knocked_out, s.open_flags,
                    s.plan_sha256, s.rules_key, s.registry_version, s.manual_id, s.judgement_id,
                    (SELECT COALESCE(MAX(id), 0) FROM arrangement_versions)
             FROM plan_versions l INDEXED BY plan_versions_queue LEFT JOIN cur ON cur.plan_id = l.plan_id
                  LEFT JOIN plan_marks k ON k.plan_id = l.plan_id
                  LEFT JOIN queue_summaries s ON s.version_id = l.id",
    queue_latest!()
);

impl Store {
    /// The queue: the latest version of every plan.
    pub fn queue_rows(&self) -> Result<Vec<QueueRow>> {
        self.queue_rows_where(QUEUE_ROWS, None)
    }

    /// One plan's queue row (`None` for an unknown plan), without reading the others.
    pub fn queue_row(&self, plan_id: &str) -> Result<Option<QueueRow>> {
        let one = QUEUE_ROWS.replace("ORDER BY l.plan_id", "AND l.plan_id = ?1");
        Ok(self.queue_rows_where(&one, Some(plan_id))?.pop())
    }

    fn queue_rows_where(&self, sql: &str, plan_id: Option<&str>) -> Result<Vec<QueueRow>> {
        // The current decision of each plan is the one nothing supersedes.
        let mut stmt = self.conn.prepare_cached(sql)?;
        let args: Vec<&dyn rusqlite::ToSql> = plan_id.iter().map(|p| p as &dyn rusqlite::ToSql).collect();
        let mut rows = stmt.query(args.as_slice())?;
        let coordination = self.all_coordination()?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(queue_row_at(r, r.get(0)?, &coordination)?);
        }
        Ok(out)
    }

    /// The queue ([`Store::queue_rows`]) and every plan's summary read by one statement, so
    /// in one pass and from one view of the database: (rows, registry version, each row's
    /// stored summary where its key is current for `rules_key`, the summary states of the
    /// other rows), in plan id order. As [`Store::summary_states`], but a current summary
    /// costs no state.
    #[allow(clippy::type_complexity)]
    pub fn queue_and_states(
        &self,
        rules_key: &str,
    ) -> Result<(Vec<QueueRow>, i64, Vec<Option<Summary>>, Vec<SummaryState>)> {
        self.snapshot(|s| {
            let mut stmt = s.conn.prepare_cached(QUEUE_STATES)?;
            let mut rows = stmt.query([])?;
            let coordination = s.all_coordination()?;
            let (mut out, mut fresh, mut stale) = (Vec::new(), Vec::new(), Vec::new());
            let mut registry_version = None;
            while let Some(r) = rows.next()? {
                let id: String = r.get(0)?;
                let (rv, current) = summaries::current_at(r, 12, rules_key)?;
                registry_version = Some(rv);
                if current.is_none() {
                    stale.push(summaries::state_at(r, id.clone(), 12, rules_key)?.1);
                }
                fresh.push(current);
                out.push(queue_row_at(r, id, &coordination)?);
            }
            let rv = match registry_version {
                Some(rv) => rv,
                None => s.registry_version()?,
            };
            Ok((out, rv, fresh, stale))
        })
    }
}

/// The queue row of a `QUEUE_ROWS` row (or a `QUEUE_STATES` row: the same first columns);
/// `id` is its column 0, already read.
fn queue_row_at(
    r: &rusqlite::Row<'_>,
    id: String,
    coordination: &std::collections::HashMap<String, Vec<crate::core::coordination::status::Record>>,
) -> Result<QueueRow> {
    use crate::core::coordination::status::{Status, follow_mark};
    use crate::core::decision::{Outcome, Progress, plan_state};
    use crate::core::plan::Scenario;
    let name: String = r.get(1)?;
    let region: String = r.get(2)?;
    let scenario = r.get_ref(3)?.as_str()?;
    let cents: i64 = r.get(4)?;
    let submitted = r.get_ref(5)?.as_str()?;
    let versions: u32 = r.get(6)?;
    let worked_on: bool = r.get(7)?;
    let outcome = r.get_ref(8)?.as_str_or_null()?;
    let on_version: Option<u32> = r.get(9)?;
    let pending: Option<bool> = r.get(10)?;
    let decision_id: Option<i64> = r.get(11)?;
    let outcome = outcome
        .map(|o| Outcome::from_keyword(o).with_context(|| format!("plan {id}: unknown outcome {o:?}")))
        .transpose()?;
    let mark = coordination
        .get(&id)
        .and_then(|records| follow_mark(versions, decision_id, records));
    let progress = Progress {
        versions,
        worked_on,
        decision: outcome.map(|o| (o, on_version.unwrap_or(0), pending.unwrap_or(false))),
        followed: mark == Some(Status::Followed),
        deviating: mark == Some(Status::Deviating),
    };
    Ok(QueueRow {
        scenario: Scenario::from_keyword(scenario)
            .with_context(|| format!("plan {id}: unknown scenario {scenario:?} in the database"))?,
        // The row's name is only spelled out for an error (not once per row).
        submitted: match Date::parse(submitted) {
            Some(d) => d,
            None => stored_date(submitted, "plan_versions.submitted", &format!("plan {id}"))?,
        },
        status: plan_state(progress),
        outcome,
        days_left: None,
        requested_per_year: crate::core::money::Cents(cents),
        versions,
        id,
        name,
        region,
        score: None,
        knocked_out: None,
        open_flags: None,
    })
}
