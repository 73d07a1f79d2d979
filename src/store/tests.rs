use super::*;
use crate::core::parse::parse_plan;

const PLAN: &str = include_str!("../../sample-plans/utrecht-stad.toml");

fn plan() -> Plan {
    parse_plan(PLAN).unwrap()
}

#[test]
fn imports_versions_and_ignores_identical_text() {
    let mut s = Store::open_in_memory().unwrap();
    let p = plan();
    assert_eq!(
        s.import_plan(&p, PLAN, "a.toml", "tester").unwrap(),
        ImportOutcome::Imported { version: 1 }
    );
    assert_eq!(
        s.import_plan(&p, PLAN, "a.toml", "tester").unwrap(),
        ImportOutcome::Unchanged { version: 1 }
    );
    let changed = PLAN.replace("version = \"1.0\"", "version = \"1.1\"");
    let p2 = parse_plan(&changed).unwrap();
    assert_eq!(
        s.import_plan(&p2, &changed, "a.toml", "tester").unwrap(),
        ImportOutcome::Imported { version: 2 }
    );

    let latest = s.latest_plan("RESV-UTR-2027").unwrap().unwrap();
    assert_eq!(latest.version_no, 2);
    assert_eq!(latest.version_count, 2);
    assert_eq!(latest.plan.version, "1.1");
    assert_eq!(latest.sha256, sha256_hex(&changed));
    let rows = s.queue_rows().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].versions, 2);
    assert_eq!(rows[0].status, crate::core::decision::PlanState::Resubmitted);
    let old: String = s
        .conn
        .query_row("SELECT source_text FROM plan_versions WHERE version_no = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(old, PLAN, "the first version is kept verbatim");
    assert!(s.latest_plan("NOPE").unwrap().is_none());
}

#[test]
fn migrates_a_file_and_reopens_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub").join("resv.db");
    {
        let mut s = Store::open(&path, false).unwrap();
        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
        s.import_plan(&plan(), PLAN, "a.toml", "tester").unwrap();
    }
    let mut ro = Store::open(&path, true).unwrap();
    assert!(ro.is_read_only());
    assert_eq!(ro.queue_rows().unwrap().len(), 1);
    let p2 = PLAN.replace("1.0", "2.0");
    let err = ro
        .import_plan(&parse_plan(&p2).unwrap(), &p2, "b.toml", "x")
        .unwrap_err();
    assert!(format!("{err:#}").contains("readonly"), "{err:#}");
}

#[test]
fn refuses_newer_schema_and_missing_read_only_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("resv.db");
    {
        let c = Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    }
    let err = Store::open(&path, false).err().unwrap();
    assert!(format!("{err:#}").contains("newer than this resv"), "{err:#}");
    let err = Store::open(&dir.path().join("none.db"), true).err().unwrap();
    assert!(format!("{err:#}").contains("does not exist"), "{err:#}");
}

#[test]
fn going_back_to_an_earlier_text_is_a_new_version() {
    let mut s = Store::open_in_memory().unwrap();
    let v2 = PLAN.replace("version = \"1.0\"", "version = \"2.0\"");
    s.import_plan(&plan(), PLAN, "a.toml", "t").unwrap();
    s.import_plan(&parse_plan(&v2).unwrap(), &v2, "a.toml", "t").unwrap();
    assert_eq!(
        s.import_plan(&plan(), PLAN, "a.toml", "t").unwrap(),
        ImportOutcome::Imported { version: 3 }
    );
    assert_eq!(s.latest_plan("RESV-UTR-2027").unwrap().unwrap().plan.version, "1.0");
}

#[test]
fn plan_versions_are_read_by_id_each_the_version_named() {
    let mut s = Store::open_in_memory().unwrap();
    let v2 = PLAN.replace("version = \"1.0\"", "version = \"2.0\"");
    s.import_plan(&plan(), PLAN, "a.toml", "t").unwrap();
    s.import_plan(&parse_plan(&v2).unwrap(), &v2, "a.toml", "t").unwrap();
    let ids: Vec<i64> = s
        .conn
        .prepare("SELECT id FROM plan_versions ORDER BY version_no")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let got = s.plan_versions(&[ids[1], 999_999, ids[0]]).unwrap();
    let versions: Vec<(i64, &str)> = got.iter().map(|(id, _, p)| (*id, p.version.as_str())).collect();
    assert_eq!(
        versions,
        [(ids[1], "2.0"), (ids[0], "1.0")],
        "the unknown id is left out"
    );
    assert_eq!(got[1].1, crate::core::sha256_hex(PLAN), "the SHA-256 of that version");
}

#[test]
fn two_connections_import_into_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("resv.db");
    let mut a = Store::open(&path, false).unwrap();
    let mut b = Store::open(&path, false).unwrap();
    let v2 = PLAN.replace("version = \"1.0\"", "version = \"2.0\"");
    assert_eq!(
        a.import_plan(&plan(), PLAN, "a", "a").unwrap(),
        ImportOutcome::Imported { version: 1 }
    );
    let p2 = parse_plan(&v2).unwrap();
    assert_eq!(
        b.import_plan(&p2, &v2, "b", "b").unwrap(),
        ImportOutcome::Imported { version: 2 }
    );
    assert_eq!(a.queue_rows().unwrap()[0].versions, 2);
}

/// The store's own check of the four-eyes rule (inside the approval's transaction) comes
/// back as a typed refusal the shell can word in the user's language: the store words
/// nothing itself, and records nothing.
#[test]
fn an_approval_the_four_eyes_rule_refuses_is_a_typed_refusal_and_records_nothing() {
    use crate::core::decision::{ApprovalRefusal, Draft, Outcome, check};
    let mut s = Store::open_in_memory().unwrap();
    s.import_plan(&plan(), PLAN, "a.toml", "inkoper").unwrap();
    // The rule files are the shell's; the store's tests reach no further than them.
    let rules = crate::io::rules_files::built_in_rules();
    let assessment = crate::core::assess::assess(&plan(), &sha256_hex(PLAN), &rules, &[]);
    let draft = Draft {
        outcome: Some(Outcome::Approve),
        amounts: assessment.years.iter().map(|y| y.fundable).collect(),
        reasoning: "Past binnen het inkoopbeleid.".into(),
        ..Draft::default()
    };
    let checked = check(&draft, &assessment, &rules.policy.decisions).unwrap();
    assert!(checked.needs_approval, "above the four-eyes limit");
    s.record_decision(&NewDecision {
        checked: &checked,
        assessment: &assessment,
        policy_version: &rules.policy.version,
        by: "inkoper",
        expect_latest: None,
    })
    .unwrap();
    let entries = s.audit_log(None).unwrap().len();

    let refused = |s: &mut Store, user: &str| {
        let e = s.approve_decision("RESV-UTR-2027", None, user).unwrap_err();
        let typed = e.downcast_ref::<ApprovalRefused>().cloned();
        (typed.map(|r| r.0), e.to_string())
    };
    assert_eq!(
        refused(&mut s, " Inkoper"),
        (
            Some(ApprovalRefusal::OwnDecision),
            "you cannot approve your own decision; another buyer must do it".to_string()
        )
    );
    assert_eq!(s.audit_log(None).unwrap().len(), entries, "a refusal records nothing");
    s.approve_decision("RESV-UTR-2027", None, "tweede").unwrap();
    assert_eq!(
        refused(&mut s, "derde"),
        (
            Some(ApprovalRefusal::AlreadyApproved { by: "tweede".into() }),
            "this decision was already approved by tweede".to_string()
        )
    );
    assert_eq!(s.audit_log(None).unwrap().len(), entries + 1);
}

/// Writers append their audit entry through one helper: it names the table from the
/// statement, refuses a table the audit trail does not cover before writing, and gives the
/// summary the new row's id.
#[test]
fn the_audited_insert_names_its_table_and_refuses_an_unaudited_one() {
    let mut s = Store::open_in_memory().unwrap();
    let tx = s.conn.transaction().unwrap();
    let audited = audit::Audited {
        at: crate::core::time::Instant::parse("2026-11-01T09:00:00Z").unwrap(),
        actor: "tester",
        action: "sample",
        plan_id: None,
    };
    let e = audited
        .insert(
            &tx,
            "INSERT INTO plans (plan_id, first_imported_at) VALUES ('P', 't')",
            [],
            |_| serde_json::Value::Null,
        )
        .unwrap_err();
    assert_eq!(e.to_string(), "plans is not an audited table");
    let plans: i64 = tx.query_row("SELECT COUNT(*) FROM plans", [], |r| r.get(0)).unwrap();
    assert_eq!(plans, 0, "nothing was written");
    let e = audited
        .insert(&tx, "DELETE FROM samples", [], |_| serde_json::Value::Null)
        .unwrap_err();
    assert!(e.to_string().starts_with("not an INSERT INTO statement"), "{e}");

    let id = audited
        .insert(
            &tx,
            "INSERT INTO samples (method, size, seed, population_size, population_sha256, items, sample_json,
                created_by, created_at) VALUES ('srs', 1, '7', 1, 'x', 1, '{}', 'tester', 't')",
            [],
            |id| serde_json::json!({ "sample": id }),
        )
        .unwrap();
    tx.commit().unwrap();
    let log = s.audit_log(None).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].subject, format!("samples:{id}"));
    let detail: serde_json::Value = serde_json::from_str(&log[0].detail).unwrap();
    assert_eq!(
        (detail["sample"].as_i64(), detail["rows"].as_u64()),
        (Some(id), Some(1))
    );
    assert!(s.verify_audit(None).unwrap().is_whole());
}

#[test]
fn the_clock_is_stored_as_whole_utc_seconds_and_read_back_typed() {
    let mut s = Store::open_in_memory().unwrap();
    // The real clock: what is stored has no fraction and ends in Z.
    let now = s.now().to_string();
    assert_eq!(now.len(), 20, "{now}");
    assert!(now.ends_with('Z') && !now.contains('.'), "{now}");
    s.set_fixed_now("2026-11-01T09:00:00Z");
    assert_eq!(s.today(), crate::core::plan::Date::new(2026, 11, 1).unwrap());
    s.import_plan(&plan(), PLAN, "a.toml", "tester").unwrap();
    let stored: String = s
        .conn
        .query_row("SELECT imported_at FROM plan_versions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(stored, "2026-11-01T09:00:00Z");
    let latest = s.latest_plan("RESV-UTR-2027").unwrap().unwrap();
    assert_eq!(latest.imported_at.to_string(), "2026-11-01T09:00:00Z");
}

#[test]
fn a_stored_timestamp_in_another_form_is_an_error_naming_the_row_and_column() {
    let mut s = Store::open_in_memory().unwrap();
    s.import_plan(&plan(), PLAN, "a.toml", "tester").unwrap();
    s.conn
        .execute("UPDATE plan_versions SET imported_at = '2026-11-01T10:00:00+01:00'", [])
        .unwrap();
    let err = format!("{:#}", s.latest_plan("RESV-UTR-2027").unwrap_err());
    assert!(err.contains("plan RESV-UTR-2027 version 1"), "{err}");
    assert!(err.contains("plan_versions.imported_at"), "{err}");
    assert!(err.contains("YYYY-MM-DDTHH:MM:SSZ"), "{err}");
}

#[test]
fn every_stored_timestamp_is_read_strictly_and_a_bad_one_is_named() {
    let mut s = Store::open_in_memory().unwrap();
    s.set_fixed_now("2026-11-01T09:00:00Z");
    s.import_plan(&plan(), PLAN, "a.toml", "tester").unwrap();
    assert_eq!(s.versions("RESV-UTR-2027").unwrap()[0].imported_at, s.now());
    assert_eq!(s.audit_log(None).unwrap()[0].at, s.now());
    s.conn
        .execute("UPDATE plan_versions SET imported_at = '2026-11-01T09:00:00.5Z'", [])
        .unwrap();
    let err = format!("{:#}", s.versions("RESV-UTR-2027").unwrap_err());
    assert!(err.contains("plan_versions.imported_at"), "{err}");
    assert!(err.contains("plan RESV-UTR-2027"), "{err}");
    assert!(err.contains("2026-11-01T09:00:00.5Z"), "{err}");
    assert_eq!(err.matches("is not a timestamp").count(), 1, "said once: {err}");
    assert!(!err.contains("Conversion error"), "{err}");
    s.conn
        .execute("UPDATE plan_versions SET submitted = '1-9-2026'", [])
        .unwrap();
    let err = format!("{:#}", s.queue_rows().unwrap_err());
    assert!(
        err.contains("plan RESV-UTR-2027: stored plan_versions.submitted \"1-9-2026\" is not a date"),
        "{err}"
    );
    // The audit log reads its `at` as strictly: an entry in another form is named by seq.
    let triggers: Vec<String> = s
        .conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for t in triggers {
        s.conn.execute_batch(&format!("DROP TRIGGER {t}")).unwrap();
    }
    s.conn
        .execute("UPDATE audit_log SET at = 'gisteren' WHERE seq = 1", [])
        .unwrap();
    let err = format!("{:#}", s.audit_log(None).unwrap_err());
    assert!(err.contains("audit entry 1: stored audit_log.at \"gisteren\""), "{err}");
}

#[test]
#[should_panic(expected = "expected YYYY-MM-DDTHH:MM:SSZ")]
fn a_fixed_time_in_another_form_is_refused() {
    Store::open_in_memory().unwrap().set_fixed_now("2026-11-01 09:00:00");
}

/// Every detail line of SQLite's query plan for `sql`.
fn query_plan(s: &Store, sql: &str) -> Vec<String> {
    let mut stmt = s.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    stmt.query_map([], |r| r.get::<_, String>(3))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn the_queue_queries_search_by_index_and_read_no_manual_input_or_judgement() {
    let mut s = Store::open_in_memory().unwrap();
    s.import_plan(&plan(), PLAN, "a.toml", "tester").unwrap();
    s.conn.execute_batch("ANALYZE").unwrap();
    for (name, sql) in [
        ("queue rows", QUEUE_ROWS),
        ("summary states", summaries::STATES),
        ("queue and states", QUEUE_STATES),
    ] {
        let steps = query_plan(&s, sql);
        for table in [
            "manual_inputs",
            "flag_judgements",
            "queue_summaries",
            "decision_approvals",
        ] {
            let alias = |d: &&String| {
                let words: Vec<&str> = d.split_whitespace().collect();
                words.get(1) == Some(&table)
                    || matches!(
                        (table, words.get(1)),
                        ("manual_inputs", Some(&"m")) | ("flag_judgements", Some(&"j"))
                    )
            };
            for d in steps.iter().filter(alias) {
                assert!(
                    d.starts_with("SEARCH") && d.contains("USING"),
                    "{name}: {table} is read without an index: {d:?} in {steps:#?}"
                );
            }
        }
        assert!(
            !steps.iter().any(|d| d.starts_with("SCAN m") || d.starts_with("SCAN j")),
            "{name}: {steps:#?}"
        );
    }
    // The manual inputs and judgements themselves are not read at all: each plan's marks
    // are one row, found by its primary key.
    for (name, sql) in [
        ("queue rows", QUEUE_ROWS),
        ("summary states", summaries::STATES),
        ("queue and states", QUEUE_STATES),
    ] {
        let steps = query_plan(&s, sql).join("\n");
        assert!(steps.contains("COVERING INDEX plan_versions_queue"), "{name}: {steps}");
        assert!(
            steps.contains("SEARCH k USING PRIMARY KEY (plan_id=?)"),
            "{name}: {steps}"
        );
        assert!(
            !steps.contains("manual_inputs") && !steps.contains("flag_judgements"),
            "{name}: {steps}"
        );
    }
}

/// `plan_marks` holds each plan's latest manual input and judgement and the newest version
/// either was entered on, whatever writes them: resv's own calls, rows added, changed or
/// deleted by hand, and a database migrated with rows already in it.
#[test]
fn the_plan_marks_follow_every_write_to_the_manual_inputs_and_judgements() {
    let mut s = Store::open_in_memory().unwrap();
    s.import_plan(&plan(), PLAN, "a.toml", "tester").unwrap();
    let marks = |s: &Store| -> Vec<(String, i64, i64, i64)> {
        let mut stmt = s
            .conn
            .prepare("SELECT plan_id, manual_id, judgement_id, worked_version FROM plan_marks ORDER BY plan_id")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    // What the marks must be: counted from the tables themselves.
    let truth = |s: &Store| -> Vec<(String, i64, i64, i64)> {
        let mut stmt = s
            .conn
            .prepare(
                "SELECT plan_id, MAX(mid), MAX(jid), MAX(v) FROM (
                    SELECT plan_id, id AS mid, 0 AS jid, version_id AS v FROM manual_inputs
                    UNION ALL SELECT plan_id, 0, id, version_id FROM flag_judgements)
                 GROUP BY plan_id ORDER BY plan_id",
            )
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    assert!(marks(&s).is_empty());
    let id: String = s.conn.query_row("SELECT plan_id FROM plans", [], |r| r.get(0)).unwrap();
    let version: i64 = s
        .conn
        .query_row("SELECT MAX(id) FROM plan_versions", [], |r| r.get(0))
        .unwrap();
    let manual = |s: &Store, criterion: &str| {
        s.conn
            .execute(
                "INSERT INTO manual_inputs (plan_id, version_id, criterion, score, note, inputs, entered_by, entered_at)
                 VALUES (?1, ?2, ?3, 3, 'n', '', 't', '2026-11-01T00:00:00Z')",
                rusqlite::params![id, version, criterion],
            )
            .unwrap();
    };
    let judge = |s: &Store, activity: &str| {
        s.conn
            .execute(
                "INSERT INTO flag_judgements (plan_id, version_id, activity_id, arrangement_id, verdict, reason, judged_by, judged_at)
                 VALUES (?1, ?2, ?3, 'X', 'dismissed', 'r', 't', '2026-11-01T00:00:00Z')",
                rusqlite::params![id, version, activity],
            )
            .unwrap();
    };
    manual(&s, "participation");
    manual(&s, "mandate");
    judge(&s, "A1");
    assert_eq!(marks(&s), truth(&s));
    assert_eq!(marks(&s)[0].1, 2, "the latest manual input");
    assert_eq!(marks(&s)[0].2, 1, "the latest judgement");
    assert_eq!(marks(&s)[0].3, version, "worked on the latest version");
    // A hand edit also drops the plan's stored queue summaries: an updated row keeps its
    // id and a deleted id can be given again, so the summary's key would not change.
    let summaries = |s: &Store| -> i64 {
        s.conn
            .query_row("SELECT COUNT(*) FROM queue_summaries", [], |r| r.get(0))
            .unwrap()
    };
    for change in [
        "UPDATE manual_inputs SET score = 0 WHERE id = 2",
        "DELETE FROM manual_inputs WHERE id = 2",
        "UPDATE flag_judgements SET activity_id = 'A2'",
        "DELETE FROM flag_judgements",
        "DELETE FROM manual_inputs",
    ] {
        s.conn
            .execute(
                "INSERT OR REPLACE INTO queue_summaries VALUES (?1, 'sha', 'key', 0, 2, 1, 500, 0, NULL)",
                [version],
            )
            .unwrap();
        s.conn.execute_batch(change).unwrap();
        assert_eq!(marks(&s), truth(&s), "after {change}");
        assert_eq!(summaries(&s), 0, "after {change}");
    }
    assert!(marks(&s).is_empty(), "no marks without inputs");
    // A database with rows from before the marks existed: the migration fills them in.
    manual(&s, "participation");
    judge(&s, "A1");
    s.conn
        .execute_batch(
            "DROP TRIGGER plan_marks_manual; DROP TRIGGER plan_marks_judgement;
             DROP TRIGGER plan_marks_manual_changed; DROP TRIGGER plan_marks_manual_deleted;
             DROP TRIGGER plan_marks_judgement_changed; DROP TRIGGER plan_marks_judgement_deleted;
             DROP VIEW plan_marks_counted; DROP TABLE plan_marks; PRAGMA user_version = 10;",
        )
        .unwrap();
    super::migrate(&mut s.conn).unwrap();
    assert_eq!(marks(&s), truth(&s));
    assert_eq!(marks(&s).len(), 1);
}

#[test]
fn the_keyed_registry_kept_by_imports_equals_one_built_from_scratch() {
    keyed_registry_kept_by_imports(
        crate::io::registry_files::read_csv(crate::io::embedded::SAMPLE_REGISTRY.1).unwrap(),
    );
}

/// The same with a registry large enough that an import normalises on several threads
/// (the terms of thousands of arrangements, their order kept).
#[test]
fn the_keyed_registry_of_a_large_import_equals_one_built_from_scratch() {
    let sample = crate::io::registry_files::read_csv(crate::io::embedded::SAMPLE_REGISTRY.1).unwrap();
    let places = ["Noord", "Zuid", "Oost", "West", "Midden", "Kust", "Dal", "Veld"];
    let items: Vec<_> = (0..2_600)
        .map(|i| {
            let mut a = sample[i % sample.len()].clone();
            a.id = format!("{}-{i}", a.id);
            a.recipient.name = format!("{} {} {}", a.recipient.name, places[i % 8], places[(i / 8) % 8]);
            a
        })
        .collect();
    keyed_registry_kept_by_imports(items);
}

fn keyed_registry_kept_by_imports(mut items: Vec<crate::core::funding::Arrangement>) {
    let mut s = Store::open_in_memory().unwrap();
    s.import_arrangements(&items, "r.csv", "tester").unwrap();
    // A second import renames one recipient, moves another's region and adds nothing new.
    items[0].recipient.name = format!("{} Noord", items[0].recipient.name);
    items[1].region = Some("Twente".into());
    s.import_arrangements(&items, "r.csv", "tester").unwrap();
    // A third adds new arrangements only (the others unchanged): their prepared key rows,
    // a part of those of the whole file, are written.
    let mut extra = items[2].clone();
    extra.id = format!("{}-NIEUW", extra.id);
    extra.recipient.name = format!("{} Zuid", extra.recipient.name);
    items.push(extra);
    s.import_arrangements(&items, "r.csv", "tester").unwrap();
    // The imports skip SQLite's parent look-ups: every row still has its parent, and
    // foreign keys are enforced again afterwards.
    let broken: Vec<String> = s
        .conn
        .prepare("PRAGMA foreign_key_check")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(broken.is_empty(), "{broken:?}");
    let fk: bool = s.conn.pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
    assert!(fk);
    type Rows = (Vec<(String, String)>, Vec<(String, String, i64)>);
    let rows = |s: &Store| -> Rows {
        let keys = s
            .conn
            .prepare("SELECT key, arrangement_id FROM registry_keys ORDER BY 1, 2")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let terms = s
            .conn
            .prepare("SELECT kind, term, count FROM registry_terms ORDER BY 1, 2")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        (keys, terms)
    };
    let kept = rows(&s);
    assert!(kept.0.iter().any(|(k, id)| k.contains("noord") && *id == items[0].id));
    let last = &items[items.len() - 1].id;
    assert!(kept.0.iter().any(|(k, id)| k.contains("zuid") && id == last));
    let tx = s.conn.transaction().unwrap();
    tx.execute_batch("DELETE FROM registry_keys; DELETE FROM registry_terms;")
        .unwrap();
    registry_keys::backfill(&tx).unwrap();
    tx.commit().unwrap();
    assert_eq!(rows(&s), kept);
}

/// The queue's one statement reads the same rows as `queue_rows`, and the same summaries
/// and stale states as `summary_states`: current ones (stored under the current key) as
/// summaries, the others (never stored, or stored under another key) as states.
#[test]
fn the_queue_and_its_summaries_read_together_equal_the_two_reads() {
    let mut s = Store::open_in_memory().unwrap();
    for text in [
        PLAN,
        include_str!("../../sample-plans/groningen.toml"),
        include_str!("../../sample-plans/twente.toml"),
    ] {
        let p = parse_plan(text).unwrap();
        s.import_plan(&p, text, "p.toml", "tester").unwrap();
    }
    let (_, states) = s.summary_states("key").unwrap();
    let summary = Summary {
        total_tenths: 612,
        knocked_out: false,
        open_flags: Some(2),
    };
    // The first plan's summary current, the second's under other rules, the third none.
    s.store_summaries(
        &SummaryScope {
            rules_key: "key".into(),
            registry_version: 0,
        },
        &[(&states[0], summary)],
    )
    .unwrap();
    s.store_summaries(
        &SummaryScope {
            rules_key: "other".into(),
            registry_version: 0,
        },
        &[(&states[1], summary)],
    )
    .unwrap();
    let (rows, rv, fresh, stale) = s.queue_and_states("key").unwrap();
    let (rv_apart, states) = s.summary_states("key").unwrap();
    assert_eq!(rows, s.queue_rows().unwrap());
    assert_eq!(rv, rv_apart);
    assert_eq!(fresh, states.iter().map(|st| st.fresh).collect::<Vec<_>>());
    assert_eq!(fresh, [Some(summary), None, None]);
    let stale_apart: Vec<SummaryState> = states.into_iter().filter(|st| st.fresh.is_none()).collect();
    assert_eq!(stale, stale_apart);
    assert_eq!(stale.len(), 2);
}

/// The coordination overview's plan facts read by SQL equal those of the parsed plans.
#[test]
fn the_latest_plan_regions_are_those_of_the_parsed_plans() {
    let mut s = Store::open_in_memory().unwrap();
    crate::app::import::load_samples(&mut s, "tester").unwrap();
    let parsed: Vec<(String, String, u32, String)> = s
        .latest_plans()
        .unwrap()
        .into_iter()
        .map(|(id, _, v, p)| (id, p.resv.name, v, p.region.rho_region))
        .collect();
    assert!(parsed.len() >= 3);
    assert_eq!(s.latest_plan_regions().unwrap(), parsed);
}
