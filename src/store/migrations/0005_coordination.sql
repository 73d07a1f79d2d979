
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
    