
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
    