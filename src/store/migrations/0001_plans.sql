
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
    