
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
    