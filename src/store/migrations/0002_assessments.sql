
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
    