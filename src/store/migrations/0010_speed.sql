
    -- The queue's joins: a plan version's manual inputs and judgements, and the decisions
    -- on a version, found by index instead of a scan of every row.
    CREATE INDEX manual_inputs_by_version ON manual_inputs (version_id);
    CREATE INDEX manual_inputs_by_plan_id ON manual_inputs (plan_id, id);
    CREATE INDEX flag_judgements_by_version ON flag_judgements (version_id);
    CREATE INDEX decisions_by_version ON decisions (version_id);
    -- The queue's columns of every plan version, so the queue reads this index and never the
    -- rows themselves (whose small columns come after two large texts, in overflow pages).
    CREATE INDEX plan_versions_queue ON plan_versions (plan_id, version_no, sha256, resv_name, region, scenario,
        requested_per_year_cents, submitted);

    -- The queue's summary of each plan version's assessment, kept so the queue need not
    -- assess every plan again. A row counts only while its key still equals what it was
    -- computed from: the plan's text, the rule files, the registry and the plan's latest
    -- manual input and judgement. A derived cache, not a record: not audited, rewritten at will.
    CREATE TABLE queue_summaries (
        version_id       INTEGER PRIMARY KEY REFERENCES plan_versions(id),
        plan_sha256      TEXT NOT NULL,
        rules_key        TEXT NOT NULL,
        registry_version INTEGER NOT NULL,
        manual_id        INTEGER NOT NULL,
        judgement_id     INTEGER NOT NULL,
        total_tenths     INTEGER NOT NULL CHECK (total_tenths BETWEEN 0 AND 1000),
        knocked_out      INTEGER NOT NULL CHECK (knocked_out IN (0, 1)),
        open_flags       INTEGER CHECK (open_flags >= 0)
    ) STRICT;

    -- The registry's keyed lookup, kept in step by every registry import: each current
    -- arrangement's block keys (identifiers, name keys, O&I region), and how many current
    -- arrangements carry each name token and description word. One plan's candidates
    -- are read by key instead of indexing the whole registry.
    CREATE TABLE registry_keys (
        key            TEXT NOT NULL,
        arrangement_id TEXT NOT NULL REFERENCES arrangements(arrangement_id),
        PRIMARY KEY (key, arrangement_id)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE registry_terms (
        kind  TEXT NOT NULL CHECK (kind IN ('name', 'word')),
        term  TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (kind, term)
    ) STRICT, WITHOUT ROWID;
