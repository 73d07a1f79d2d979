
    CREATE TABLE insurer_keys (
        id          INTEGER PRIMARY KEY,
        insurer_id  TEXT NOT NULL,
        public_key  TEXT NOT NULL UNIQUE,
        fingerprint TEXT NOT NULL UNIQUE,
        valid_from  TEXT,
        valid_until TEXT,
        trusted_by  TEXT NOT NULL,
        trusted_at  TEXT NOT NULL,
        CHECK (valid_from IS NULL OR valid_until IS NULL OR valid_from <= valid_until)
    ) STRICT;
    CREATE TABLE key_revocations (
        id           INTEGER PRIMARY KEY,
        key_id       INTEGER NOT NULL UNIQUE REFERENCES insurer_keys(id),
        revoked_from TEXT NOT NULL,
        reason       TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        revoked_by   TEXT NOT NULL,
        revoked_at   TEXT NOT NULL
    ) STRICT;
    CREATE TABLE coordination_signed (
        id                 INTEGER PRIMARY KEY,
        coordination_id    INTEGER NOT NULL UNIQUE REFERENCES coordination(id),
        sequence           INTEGER NOT NULL CHECK (sequence > 0),
        signer_fingerprint TEXT NOT NULL,
        answer             TEXT CHECK (answer IN ('followed', 'deviated', 'refused')),
        own_json           TEXT
    ) STRICT;
    CREATE TABLE follow_receipts (
        id                 INTEGER PRIMARY KEY,
        plan_id            TEXT NOT NULL REFERENCES plans(plan_id),
        follower_id        TEXT NOT NULL,
        package_sha256     TEXT NOT NULL,
        sequence           INTEGER NOT NULL,
        answer             TEXT NOT NULL CHECK (answer IN ('followed', 'deviated', 'refused')),
        reason             TEXT,
        answered_at        TEXT NOT NULL,
        receipt_sha256     TEXT NOT NULL UNIQUE,
        receipt_json       TEXT NOT NULL,
        signer_fingerprint TEXT NOT NULL,
        recorded_by        TEXT NOT NULL,
        recorded_at        TEXT NOT NULL,
        CHECK (answer = 'followed' OR length(trim(coalesce(reason, ''))) > 0)
    ) STRICT;
    CREATE INDEX follow_receipts_by_plan ON follow_receipts (plan_id, id);
    CREATE TRIGGER insurer_keys_append_only_u BEFORE UPDATE ON insurer_keys
        BEGIN SELECT RAISE(ABORT, 'trusted keys are append-only'); END;
    CREATE TRIGGER insurer_keys_append_only_d BEFORE DELETE ON insurer_keys
        BEGIN SELECT RAISE(ABORT, 'trusted keys are append-only'); END;
    CREATE TRIGGER key_revocations_append_only_u BEFORE UPDATE ON key_revocations
        BEGIN SELECT RAISE(ABORT, 'key revocations are append-only'); END;
    CREATE TRIGGER key_revocations_append_only_d BEFORE DELETE ON key_revocations
        BEGIN SELECT RAISE(ABORT, 'key revocations are append-only'); END;
    CREATE TRIGGER coordination_signed_append_only_u BEFORE UPDATE ON coordination_signed
        BEGIN SELECT RAISE(ABORT, 'coordination records are append-only'); END;
    CREATE TRIGGER coordination_signed_append_only_d BEFORE DELETE ON coordination_signed
        BEGIN SELECT RAISE(ABORT, 'coordination records are append-only'); END;
    CREATE TRIGGER follow_receipts_append_only_u BEFORE UPDATE ON follow_receipts
        BEGIN SELECT RAISE(ABORT, 'receipts are append-only'); END;
    CREATE TRIGGER follow_receipts_append_only_d BEFORE DELETE ON follow_receipts
        BEGIN SELECT RAISE(ABORT, 'receipts are append-only'); END;
