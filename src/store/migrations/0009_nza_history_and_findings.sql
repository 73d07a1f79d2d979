
    CREATE TABLE nza_contracts_v8 (
        id            INTEGER PRIMARY KEY,
        import_id     INTEGER NOT NULL REFERENCES nza_imports(id),
        insurer_id    TEXT NOT NULL,
        plan_id       TEXT NOT NULL,
        plan_version  INTEGER NOT NULL,
        plan_sha256   TEXT NOT NULL,
        sha256        TEXT NOT NULL,
        contract_json TEXT NOT NULL
    ) STRICT;
    INSERT INTO nza_contracts_v8 (id, import_id, insurer_id, plan_id, plan_version, plan_sha256, sha256, contract_json)
        SELECT id, import_id, insurer_id, plan_id, plan_version, plan_sha256, sha256, contract_json FROM nza_contracts;
    DROP TABLE nza_contracts;
    ALTER TABLE nza_contracts_v8 RENAME TO nza_contracts;
    CREATE INDEX nza_contracts_by_plan ON nza_contracts (insurer_id, plan_id);
    CREATE TRIGGER nza_contracts_append_only_u BEFORE UPDATE ON nza_contracts
        BEGIN SELECT RAISE(ABORT, 'NZa contracts are append-only'); END;
    CREATE TRIGGER nza_contracts_append_only_d BEFORE DELETE ON nza_contracts
        BEGIN SELECT RAISE(ABORT, 'NZa contracts are append-only'); END;
    CREATE TABLE sample_findings (
        id            INTEGER PRIMARY KEY,
        sample_id     INTEGER NOT NULL REFERENCES samples(id),
        item_id       TEXT NOT NULL,
        finding       TEXT NOT NULL CHECK (finding IN ('ok', 'deviation', 'audited')),
        audited_cents INTEGER,
        note          TEXT NOT NULL,
        recorded_by   TEXT NOT NULL,
        recorded_at   TEXT NOT NULL,
        CHECK ((finding = 'audited') = (audited_cents IS NOT NULL))
    ) STRICT;
    CREATE INDEX sample_findings_by_sample ON sample_findings (sample_id, item_id);
    CREATE TRIGGER sample_findings_append_only_u BEFORE UPDATE ON sample_findings
        BEGIN SELECT RAISE(ABORT, 'sample findings are append-only'); END;
    CREATE TRIGGER sample_findings_append_only_d BEFORE DELETE ON sample_findings
        BEGIN SELECT RAISE(ABORT, 'sample findings are append-only'); END;
