//! Schema migrations, applied in order on `PRAGMA user_version`, all in one transaction.
//!
//! Never edit a migration that has shipped: add a new one. `docs/data-model.md` describes
//! the resulting schema.

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
    sql("
    CREATE TABLE plans (
        plan_id           TEXT PRIMARY KEY,
        first_imported_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE plan_versions (
        id                 INTEGER PRIMARY KEY,
        plan_id            TEXT NOT NULL REFERENCES plans(plan_id),
        version_no         INTEGER NOT NULL,
        sha256             TEXT NOT NULL,
        source_path        TEXT NOT NULL,
        source_text        TEXT NOT NULL,
        plan_json          TEXT NOT NULL,
        plan_version_label TEXT NOT NULL,
        resv_name          TEXT NOT NULL,
        region             TEXT NOT NULL,
        scenario           TEXT NOT NULL,
        requested_per_year_cents INTEGER NOT NULL,
        submitted          TEXT NOT NULL,
        imported_at        TEXT NOT NULL,
        imported_by        TEXT NOT NULL,
        UNIQUE (plan_id, version_no)
    ) STRICT;
    CREATE INDEX plan_versions_by_hash ON plan_versions (plan_id, sha256);

    CREATE TABLE activities (
        version_id        INTEGER NOT NULL REFERENCES plan_versions(id),
        activity_id       TEXT NOT NULL,
        title             TEXT NOT NULL,
        main_task         INTEGER NOT NULL CHECK (main_task BETWEEN 1 AND 5),
        nature            TEXT NOT NULL,
        executor          TEXT NOT NULL,
        start_date        TEXT NOT NULL,
        end_date          TEXT NOT NULL,
        annual_cost_cents INTEGER NOT NULL CHECK (annual_cost_cents >= 0),
        fte_hundredths    INTEGER NOT NULL,
        PRIMARY KEY (version_id, activity_id)
    ) STRICT;

    CREATE VIEW latest_versions AS
        SELECT v.* FROM plan_versions v
        WHERE v.version_no = (SELECT MAX(version_no) FROM plan_versions w WHERE w.plan_id = v.plan_id);
    "),
    // 2: the buyer's manual scores and notes (append-only), and assessment snapshots.
    sql("
    CREATE TABLE manual_inputs (
        id          INTEGER PRIMARY KEY,
        plan_id     TEXT NOT NULL REFERENCES plans(plan_id),
        version_id  INTEGER NOT NULL REFERENCES plan_versions(id),
        criterion   TEXT NOT NULL,
        score       INTEGER,
        note        TEXT,
        inputs      TEXT NOT NULL,
        entered_by  TEXT NOT NULL,
        entered_at  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX manual_inputs_by_plan ON manual_inputs (plan_id, criterion, id);

    CREATE TABLE assessments (
        id             INTEGER PRIMARY KEY,
        plan_id        TEXT NOT NULL REFERENCES plans(plan_id),
        version_id     INTEGER NOT NULL REFERENCES plan_versions(id),
        guidance_sha   TEXT NOT NULL,
        policy_sha     TEXT NOT NULL,
        regions_sha    TEXT NOT NULL,
        total_tenths   INTEGER NOT NULL CHECK (total_tenths BETWEEN 0 AND 1000),
        knocked_out    INTEGER NOT NULL CHECK (knocked_out IN (0, 1)),
        recommendation TEXT NOT NULL,
        result_json    TEXT NOT NULL,
        assessed_by    TEXT NOT NULL,
        assessed_at    TEXT NOT NULL
    ) STRICT;
    CREATE INDEX assessments_by_plan ON assessments (plan_id, id);
    "),
    // 3: the registry of existing funding arrangements (every version kept), and the
    // buyer's judgements on double-funding flags (append-only).
    sql("
    CREATE TABLE arrangement_versions (
        id                  INTEGER PRIMARY KEY,
        arrangement_id      TEXT NOT NULL,
        version_no          INTEGER NOT NULL,
        data_json           TEXT NOT NULL,
        recipient           TEXT NOT NULL,
        funder              TEXT NOT NULL,
        stream              TEXT NOT NULL,
        start_date          TEXT NOT NULL,
        end_date            TEXT NOT NULL,
        annual_amount_cents INTEGER NOT NULL CHECK (annual_amount_cents >= 0),
        source_path         TEXT NOT NULL,
        imported_at         TEXT NOT NULL,
        imported_by         TEXT NOT NULL,
        UNIQUE (arrangement_id, version_no)
    ) STRICT;

    CREATE TABLE arrangements (
        arrangement_id TEXT PRIMARY KEY,
        version_id     INTEGER NOT NULL REFERENCES arrangement_versions(id)
    ) STRICT;

    CREATE TABLE flag_judgements (
        id             INTEGER PRIMARY KEY,
        plan_id        TEXT NOT NULL REFERENCES plans(plan_id),
        version_id     INTEGER NOT NULL REFERENCES plan_versions(id),
        activity_id    TEXT NOT NULL,
        arrangement_id TEXT NOT NULL,
        verdict        TEXT NOT NULL CHECK (verdict IN ('confirmed', 'dismissed')),
        reason         TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        judged_by      TEXT NOT NULL,
        judged_at      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX flag_judgements_by_plan ON flag_judgements (plan_id, id);
    "),
    // 4: decisions (append-only, a linear history per plan), four-eyes approvals, and the
    // audit trail as a hash chain; the rows written before it get their audit entries.
    Migration {
        sql: "
    CREATE TABLE decisions (
        id              INTEGER PRIMARY KEY,
        plan_id         TEXT NOT NULL REFERENCES plans(plan_id),
        version_id      INTEGER NOT NULL REFERENCES plan_versions(id),
        plan_sha256     TEXT NOT NULL,
        outcome         TEXT NOT NULL CHECK (outcome IN ('approve', 'conditions', 'return', 'reject')),
        amounts_json    TEXT NOT NULL,
        total_cents     INTEGER NOT NULL CHECK (total_cents >= 0),
        conditions_json TEXT NOT NULL,
        questions_json  TEXT NOT NULL,
        reasoning       TEXT NOT NULL CHECK (length(trim(reasoning)) > 0),
        override_reason TEXT,
        supersedes      INTEGER UNIQUE REFERENCES decisions(id),
        needs_approval  INTEGER NOT NULL CHECK (needs_approval IN (0, 1)),
        assessment_json TEXT NOT NULL,
        guidance_sha    TEXT NOT NULL,
        policy_sha      TEXT NOT NULL,
        regions_sha     TEXT NOT NULL,
        policy_version  TEXT NOT NULL,
        total_tenths    INTEGER NOT NULL,
        knocked_out     INTEGER NOT NULL CHECK (knocked_out IN (0, 1)),
        decided_by      TEXT NOT NULL,
        decided_at      TEXT NOT NULL
    ) STRICT;
    -- One first decision per plan, and each decision superseded at most once: two buyers
    -- cannot fork a plan's history even if they race.
    CREATE UNIQUE INDEX decisions_first_per_plan ON decisions (plan_id) WHERE supersedes IS NULL;
    CREATE INDEX decisions_by_plan ON decisions (plan_id, id);

    CREATE TABLE decision_approvals (
        id          INTEGER PRIMARY KEY,
        decision_id INTEGER NOT NULL UNIQUE REFERENCES decisions(id),
        approved_by TEXT NOT NULL,
        approved_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE audit_log (
        seq       INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        plan_id   TEXT,
        subject   TEXT NOT NULL,
        detail    TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL UNIQUE
    ) STRICT;
    CREATE INDEX audit_log_by_plan ON audit_log (plan_id, seq);

    CREATE TRIGGER decisions_append_only_u BEFORE UPDATE ON decisions
        BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
    CREATE TRIGGER decisions_append_only_d BEFORE DELETE ON decisions
        BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
    CREATE TRIGGER approvals_append_only_u BEFORE UPDATE ON decision_approvals
        BEGIN SELECT RAISE(ABORT, 'approvals are append-only'); END;
    CREATE TRIGGER approvals_append_only_d BEFORE DELETE ON decision_approvals
        BEGIN SELECT RAISE(ABORT, 'approvals are append-only'); END;
    CREATE TRIGGER audit_append_only_u BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    CREATE TRIGGER audit_append_only_d BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    ",
        then: Some(super::audit::backfill),
    },
    // 5: coordination between the insurers of a region: the leader's exported follow
    // packages, and the follower's follows and deviations (append-only, audited).
    sql("
    CREATE TABLE coordination (
        id                 INTEGER PRIMARY KEY,
        plan_id            TEXT NOT NULL REFERENCES plans(plan_id),
        version_id         INTEGER NOT NULL REFERENCES plan_versions(id),
        kind               TEXT NOT NULL CHECK (kind IN ('export', 'follow', 'deviate')),
        insurer_id         TEXT NOT NULL,
        rho_region         TEXT NOT NULL,
        leader_id          TEXT NOT NULL,
        leader_decision_id INTEGER NOT NULL,
        outcome            TEXT NOT NULL CHECK (outcome IN ('approve', 'conditions', 'return', 'reject')),
        share_json         TEXT NOT NULL,
        package_sha256     TEXT NOT NULL,
        package_json       TEXT NOT NULL,
        decision_id        INTEGER REFERENCES decisions(id),
        reason             TEXT,
        recorded_by        TEXT NOT NULL,
        recorded_at        TEXT NOT NULL,
        CHECK (kind <> 'deviate' OR length(trim(coalesce(reason, ''))) > 0),
        CHECK (kind = 'deviate' OR decision_id IS NOT NULL)
    ) STRICT;
    -- A package is followed (or deviated from, or exported) once.
    CREATE UNIQUE INDEX coordination_once ON coordination (package_sha256, kind);
    CREATE INDEX coordination_by_plan ON coordination (plan_id, id);
    CREATE TRIGGER coordination_append_only_u BEFORE UPDATE ON coordination
        BEGIN SELECT RAISE(ABORT, 'coordination records are append-only'); END;
    CREATE TRIGGER coordination_append_only_d BEFORE DELETE ON coordination
        BEGIN SELECT RAISE(ABORT, 'coordination records are append-only'); END;
    "),
    // 6: NZa's population (the insurers' decision exports it imported) and its stored
    // samples (append-only, audited).
    sql("
    CREATE TABLE nza_imports (
        id           INTEGER PRIMARY KEY,
        file_name    TEXT NOT NULL,
        file_sha256  TEXT NOT NULL UNIQUE,
        insurer_id   TEXT NOT NULL,
        insurer_name TEXT NOT NULL,
        exported_at  TEXT NOT NULL,
        contracts    INTEGER NOT NULL,
        imported_by  TEXT NOT NULL,
        imported_at  TEXT NOT NULL
    ) STRICT;
    CREATE TABLE nza_contracts (
        id            INTEGER PRIMARY KEY,
        import_id     INTEGER NOT NULL REFERENCES nza_imports(id),
        insurer_id    TEXT NOT NULL,
        plan_id       TEXT NOT NULL,
        plan_version  INTEGER NOT NULL,
        plan_sha256   TEXT NOT NULL,
        sha256        TEXT NOT NULL,
        contract_json TEXT NOT NULL,
        UNIQUE (insurer_id, plan_id)
    ) STRICT;
    CREATE TABLE samples (
        id                INTEGER PRIMARY KEY,
        method            TEXT NOT NULL,
        size              INTEGER NOT NULL,
        seed              TEXT NOT NULL,
        population_size   INTEGER NOT NULL,
        population_sha256 TEXT NOT NULL,
        items             INTEGER NOT NULL,
        sample_json       TEXT NOT NULL,
        created_by        TEXT NOT NULL,
        created_at        TEXT NOT NULL
    ) STRICT;
    CREATE TRIGGER nza_imports_append_only_u BEFORE UPDATE ON nza_imports
        BEGIN SELECT RAISE(ABORT, 'NZa imports are append-only'); END;
    CREATE TRIGGER nza_imports_append_only_d BEFORE DELETE ON nza_imports
        BEGIN SELECT RAISE(ABORT, 'NZa imports are append-only'); END;
    CREATE TRIGGER nza_contracts_append_only_u BEFORE UPDATE ON nza_contracts
        BEGIN SELECT RAISE(ABORT, 'NZa contracts are append-only'); END;
    CREATE TRIGGER nza_contracts_append_only_d BEFORE DELETE ON nza_contracts
        BEGIN SELECT RAISE(ABORT, 'NZa contracts are append-only'); END;
    CREATE TRIGGER samples_append_only_u BEFORE UPDATE ON samples
        BEGIN SELECT RAISE(ABORT, 'samples are append-only'); END;
    CREATE TRIGGER samples_append_only_d BEFORE DELETE ON samples
        BEGIN SELECT RAISE(ABORT, 'samples are append-only'); END;
    "),
];

pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;
