
    -- Each plan's latest manual input and judgement, and the newest plan version either was
    -- entered on, kept in step by triggers in the same transaction as every write to either
    -- table. The queue reads one row of it per plan (by primary key) instead of searching
    -- both tables four times per plan. Derived: not audited.
    CREATE TABLE plan_marks (
        plan_id        TEXT PRIMARY KEY REFERENCES plans(plan_id),
        manual_id      INTEGER NOT NULL DEFAULT 0,
        judgement_id   INTEGER NOT NULL DEFAULT 0,
        worked_version INTEGER NOT NULL DEFAULT 0
    ) STRICT, WITHOUT ROWID;

    -- The marks counted from the two tables themselves: what the table is filled with here,
    -- and what the triggers below count again after a change or deletion.
    CREATE VIEW plan_marks_counted AS
        SELECT plan_id, MAX(mid) AS manual_id, MAX(jid) AS judgement_id, MAX(version_id) AS worked_version FROM (
            SELECT plan_id, id AS mid, 0 AS jid, version_id FROM manual_inputs
            UNION ALL
            SELECT plan_id, 0, id, version_id FROM flag_judgements)
        GROUP BY plan_id;

    INSERT INTO plan_marks (plan_id, manual_id, judgement_id, worked_version)
        SELECT plan_id, manual_id, judgement_id, worked_version FROM plan_marks_counted;

    CREATE TRIGGER plan_marks_manual AFTER INSERT ON manual_inputs BEGIN
        INSERT INTO plan_marks (plan_id, manual_id, worked_version) VALUES (NEW.plan_id, NEW.id, NEW.version_id)
        ON CONFLICT (plan_id) DO UPDATE SET manual_id = MAX(manual_id, excluded.manual_id),
            worked_version = MAX(worked_version, excluded.worked_version);
    END;
    CREATE TRIGGER plan_marks_judgement AFTER INSERT ON flag_judgements BEGIN
        INSERT INTO plan_marks (plan_id, judgement_id, worked_version) VALUES (NEW.plan_id, NEW.id, NEW.version_id)
        ON CONFLICT (plan_id) DO UPDATE SET judgement_id = MAX(judgement_id, excluded.judgement_id),
            worked_version = MAX(worked_version, excluded.worked_version);
    END;
    -- resv never changes or deletes either table's rows; should anything else, the plan's
    -- marks are counted again from what is left, and its stored queue summaries dropped (a
    -- changed row keeps its id, and a deleted id can be given again, so the summaries' key
    -- would not see the change).
    CREATE TRIGGER plan_marks_manual_changed AFTER UPDATE ON manual_inputs BEGIN
        DELETE FROM queue_summaries WHERE version_id IN (SELECT id FROM plan_versions WHERE plan_id IN (OLD.plan_id, NEW.plan_id));
        DELETE FROM plan_marks WHERE plan_id IN (OLD.plan_id, NEW.plan_id);
        INSERT INTO plan_marks (plan_id, manual_id, judgement_id, worked_version)
            SELECT plan_id, manual_id, judgement_id, worked_version FROM plan_marks_counted WHERE plan_id IN (OLD.plan_id, NEW.plan_id);
    END;
    CREATE TRIGGER plan_marks_manual_deleted AFTER DELETE ON manual_inputs BEGIN
        DELETE FROM queue_summaries WHERE version_id IN (SELECT id FROM plan_versions WHERE plan_id IN (OLD.plan_id));
        DELETE FROM plan_marks WHERE plan_id IN (OLD.plan_id);
        INSERT INTO plan_marks (plan_id, manual_id, judgement_id, worked_version)
            SELECT plan_id, manual_id, judgement_id, worked_version FROM plan_marks_counted WHERE plan_id IN (OLD.plan_id);
    END;
    CREATE TRIGGER plan_marks_judgement_changed AFTER UPDATE ON flag_judgements BEGIN
        DELETE FROM queue_summaries WHERE version_id IN (SELECT id FROM plan_versions WHERE plan_id IN (OLD.plan_id, NEW.plan_id));
        DELETE FROM plan_marks WHERE plan_id IN (OLD.plan_id, NEW.plan_id);
        INSERT INTO plan_marks (plan_id, manual_id, judgement_id, worked_version)
            SELECT plan_id, manual_id, judgement_id, worked_version FROM plan_marks_counted WHERE plan_id IN (OLD.plan_id, NEW.plan_id);
    END;
    CREATE TRIGGER plan_marks_judgement_deleted AFTER DELETE ON flag_judgements BEGIN
        DELETE FROM queue_summaries WHERE version_id IN (SELECT id FROM plan_versions WHERE plan_id IN (OLD.plan_id));
        DELETE FROM plan_marks WHERE plan_id IN (OLD.plan_id);
        INSERT INTO plan_marks (plan_id, manual_id, judgement_id, worked_version)
            SELECT plan_id, manual_id, judgement_id, worked_version FROM plan_marks_counted WHERE plan_id IN (OLD.plan_id);
    END;
