//! Schema migrations, applied in order on `PRAGMA user_version`, all in one transaction.
//!
//! Each migration's SQL is a file in `migrations/` (`NNNN_name.sql`), included here and by
//! the tests that build databases of an older schema. Never edit a migration that has
//! shipped: add a new one (`tests/support/schema.rs` holds the digests of the shipped
//! files). `docs/data-model.md` describes the resulting schema.
//!
//! SQLite keeps each CREATE statement's text as written, inner whitespace included, in
//! `sqlite_master`; the schema check (`schema.rs`) collapses whitespace before comparing.

/// One schema step: SQL, then optionally Rust in the same transaction (to fill new tables
/// from existing rows).
pub struct Migration {
    pub sql: &'static str,
    pub then: Option<fn(&rusqlite::Transaction<'_>) -> anyhow::Result<()>>,
}

const fn sql(sql: &'static str) -> Migration {
    Migration { sql, then: None }
}

/// Migration `i` brings the schema from version `i` to `i + 1`.
pub const MIGRATIONS: &[Migration] = &[
    // 1: plans, their versions (original text, hash, parsed JSON) and activities.
    sql(include_str!("migrations/0001_plans.sql")),
    // 2: the buyer's manual scores and notes (append-only), and assessment snapshots.
    sql(include_str!("migrations/0002_assessments.sql")),
    // 3: the registry of existing funding arrangements (every version kept), and the
    // buyer's judgements on double-funding flags (append-only).
    sql(include_str!("migrations/0003_registry.sql")),
    // 4: decisions (append-only, a linear history per plan), four-eyes approvals, and the
    // audit trail as a hash chain; the rows written before it get their audit entries.
    Migration {
        sql: include_str!("migrations/0004_decisions_and_audit.sql"),
        then: Some(super::audit::backfill),
    },
    // 5: coordination between the insurers of a region: the leader's exported follow
    // packages, and the follower's follows and deviations (append-only, audited).
    sql(include_str!("migrations/0005_coordination.sql")),
    // 6: NZa's population (the insurers' decision exports it imported) and its stored
    // samples (append-only, audited).
    sql(include_str!("migrations/0006_nza.sql")),
    // 7: signatures and receipts: the insurers' public keys this database trusts (with
    // validity periods) and their revocations, the signed sequence number and answer of each
    // follow package recorded, and the followers' receipts the leader imported (all
    // append-only, audited).
    sql(include_str!("migrations/0007_keys_and_receipts.sql")),
    // 8: the original bytes of a plan version read from a workbook (.xlsx).
    sql(include_str!("migrations/0008_plan_originals.sql")),
    // 9: NZa keeps every imported decision as history (no UNIQUE per insurer and plan:
    // repeated and superseding exports), and the findings recorded on a sample's items
    // (append-only, audited; the latest per item counts).
    sql(include_str!("migrations/0009_nza_history_and_findings.sql")),
    // 10: speed at national scale: indexes for the queue's joins, and the queue's stored
    // summary of each plan version (a cache keyed by everything it depends on), and the
    // registry's keyed lookup (filled from the arrangements already stored).
    Migration {
        sql: include_str!("migrations/0010_speed.sql"),
        then: Some(super::registry_keys::backfill),
    },
    // 11: each plan's latest manual input and judgement in one row, kept in step by
    // triggers (filled from the rows already stored), so the queue reads it by key.
    sql(include_str!("migrations/0011_plan_marks.sql")),
];

pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;
