    -- The original file of a plan version read from a workbook (.xlsx): its bytes, kept as
    -- they came; the version's sha256 is theirs, its source_text the equivalent TOML text.
    CREATE TABLE plan_originals (
        version_id INTEGER PRIMARY KEY REFERENCES plan_versions(id),
        media_type TEXT NOT NULL,
        bytes      BLOB NOT NULL
    ) STRICT;
    CREATE TRIGGER plan_originals_append_only_u BEFORE UPDATE ON plan_originals
        BEGIN SELECT RAISE(ABORT, 'plan originals are append-only'); END;
    CREATE TRIGGER plan_originals_append_only_d BEFORE DELETE ON plan_originals
        BEGIN SELECT RAISE(ABORT, 'plan originals are append-only'); END;
