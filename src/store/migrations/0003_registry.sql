
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
    