//! The queue's stored summaries are a cache that must never lie: every input they depend on
//! (a plan version, a manual score, a judgement, the registry, the rule files) makes them
//! stale at once, the queue then shows the fresh verdict, and `audit verify` names a stored
//! summary that differs from a fresh assessment.

use resv::app::assess::{Change, Entry, FlagJudgement, judge_flag, record_manual, scored_queue};
use resv::app::registry::Registry;
use resv::app::summaries::{differing, rules_key};
use resv::core::funding::Verdict;
use resv::core::queue::QueueRow;
use resv::core::rules::{CheckId, Rules};
use resv::store::Store;
use resv::text::Lang;

fn rules() -> Rules {
    resv::io::rules_files::built_in_rules()
}

const NOW: &str = "2026-11-01T09:00:00Z";

/// A database file with the sample plans and the sample registry.
fn loaded(dir: &tempfile::TempDir) -> Store {
    let mut store = Store::open(&dir.path().join("resv.db"), false).unwrap();
    store.set_fixed_now(NOW);
    resv::app::import::load_samples(&mut store, "inkoper").unwrap();
    store
}

/// A database file with the sample plans only.
fn plans_only(dir: &tempfile::TempDir) -> Store {
    let mut store = Store::open(&dir.path().join("resv.db"), false).unwrap();
    store.set_fixed_now(NOW);
    for (path, text) in resv::io::embedded::SAMPLE_PLANS {
        let plan = resv::core::parse::parse_plan(text).unwrap();
        store.import_plan(&plan, text, path, "inkoper").unwrap();
    }
    store
}

fn import_sample_registry(store: &mut Store) {
    let items = resv::io::registry_files::read_csv(resv::io::embedded::SAMPLE_REGISTRY.1).unwrap();
    resv::app::registry::import(store, &items, "registry.csv", "inkoper", Lang::Nl).unwrap();
}

/// The queue as the workbench and `queue --json` read it.
fn queue(store: &Store, rules: &Rules) -> Vec<QueueRow> {
    scored_queue(store, rules, &Registry::default(), None).unwrap()
}

/// The queue computed from nothing stored: a read-only copy of the database with its
/// summaries removed.
fn fresh_queue(store: &Store, rules: &Rules, dir: &tempfile::TempDir) -> Vec<QueueRow> {
    let copy = dir.path().join(format!("fresh-{}.db", store.summary_count().unwrap()));
    let _ = std::fs::remove_file(&copy);
    resv::app::audit::backup(store, &copy, resv::io::output::Existing::Refuse).unwrap();
    let conn = rusqlite::Connection::open(&copy).unwrap();
    conn.execute("DELETE FROM queue_summaries", []).unwrap();
    drop(conn);
    let mut ro = Store::open(&copy, true).unwrap();
    ro.set_fixed_now(NOW);
    let rows = queue(&ro, rules);
    assert_eq!(ro.summary_count().unwrap(), 0, "a read-only database stores no summary");
    rows
}

fn stale(store: &Store, rules: &Rules) -> usize {
    let (_, states) = store.summary_states(&rules_key(rules)).unwrap();
    states.iter().filter(|s| s.fresh.is_none()).count()
}

fn row<'q>(rows: &'q [QueueRow], id: &str) -> &'q QueueRow {
    rows.iter().find(|r| r.id == id).unwrap()
}

#[test]
fn the_queue_stores_summaries_once_and_reads_them_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let store = loaded(&dir);
    let rules = rules();
    let n = store.queue_rows().unwrap().len();
    assert_eq!(stale(&store, &rules), n, "nothing is stored before the first queue");
    let first = queue(&store, &rules);
    assert_eq!(stale(&store, &rules), 0, "the first queue stores every summary");
    assert_eq!(store.summary_count().unwrap(), n);
    let second = queue(&store, &rules);
    assert_eq!(first, second);
    assert_eq!(second, fresh_queue(&store, &rules, &dir));
    assert!(
        second.iter().any(|r| r.open_flags.unwrap_or(0) > 0),
        "the samples raise flags"
    );
    assert!(differing(&store, &rules, &Registry::default()).unwrap().is_empty());
}

#[test]
fn a_stored_summary_that_lies_is_shown_until_audit_verify_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = loaded(&dir);
    let rules = rules();
    let honest = queue(&store, &rules);
    let id = honest[0].id.clone();
    let truth = honest[0].score.unwrap();
    let lie = if truth == 1000 { 0 } else { 1000 };
    let conn = rusqlite::Connection::open(dir.path().join("resv.db")).unwrap();
    let changed = conn
        .execute(
            "UPDATE queue_summaries SET total_tenths = ?1
             WHERE version_id = (SELECT id FROM latest_versions WHERE plan_id = ?2)",
            rusqlite::params![lie, id],
        )
        .unwrap();
    assert_eq!(changed, 1);
    // The queue reads what is stored (that is the point of storing it) ...
    assert_eq!(row(&queue(&store, &rules), &id).score, Some(lie));
    // ... and the check recomputes every current summary and names the one that differs.
    assert_eq!(differing(&store, &rules, &Registry::default()).unwrap(), vec![id]);
}

#[test]
fn a_manual_score_makes_that_plans_summary_stale_and_the_queue_shows_the_new_score() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = loaded(&dir);
    let rules = rules();
    let before = queue(&store, &rules);
    let id = before[0].id.clone();
    let entry = Entry {
        criterion: CheckId::Participation,
        score: Change::Set(Some(0)),
        note: Change::Set(Some("Geen panel gevonden.".into())),
    };
    let a = record_manual(
        &mut store,
        &rules,
        &Registry::default(),
        &id,
        entry,
        "inkoper",
        Lang::Nl,
    )
    .unwrap();
    assert_eq!(stale(&store, &rules), 1, "only the scored plan is stale");
    let after = queue(&store, &rules);
    assert_eq!(row(&after, &id).score, Some(a.total_tenths));
    assert_ne!(row(&after, &id).score, row(&before, &id).score, "the score changed");
    assert_eq!(after, fresh_queue(&store, &rules, &dir));
}

#[test]
fn a_judgement_a_registry_import_and_a_new_plan_version_each_show_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = plans_only(&dir);
    let rules = rules();
    let without = queue(&store, &rules);
    assert!(without.iter().all(|r| r.open_flags.is_none()));

    // The registry: every summary is stale, and the queue shows the flags.
    import_sample_registry(&mut store);
    assert_eq!(stale(&store, &rules), without.len());
    let with = queue(&store, &rules);
    assert_eq!(with, fresh_queue(&store, &rules, &dir));
    let flagged = with.iter().find(|r| r.open_flags.unwrap_or(0) > 0).unwrap().id.clone();

    // A judgement: one open flag fewer, at once.
    let ix = resv::app::assess::load_registry(&store).unwrap();
    let review = resv::app::assess::review_plan(
        &store,
        &ix,
        &flagged,
        &store.latest_plan(&flagged).unwrap().unwrap().plan,
    )
    .unwrap()
    .unwrap();
    let f = &review.flags[0].flag;
    let j = FlagJudgement {
        plan_id: &flagged,
        activity_id: &f.activity_id,
        arrangement_id: &f.arrangement_id,
        verdict: Verdict::Dismissed,
        reason: "Andere organisatie.",
    };
    judge_flag(&mut store, &rules, &Registry::default(), &j, "inkoper", Lang::Nl).unwrap();
    assert_eq!(stale(&store, &rules), 1);
    let judged = queue(&store, &rules);
    assert_eq!(
        row(&judged, &flagged).open_flags.unwrap() + 1,
        row(&with, &flagged).open_flags.unwrap()
    );
    assert_eq!(judged, fresh_queue(&store, &rules, &dir));

    // A changed registry (one arrangement's amount): every summary is stale again.
    let mut items = resv::io::registry_files::read_csv(resv::io::embedded::SAMPLE_REGISTRY.1).unwrap();
    items[0].annual_amount = resv::core::money::Cents(items[0].annual_amount.0 + 100);
    resv::app::registry::import(&mut store, &items, "registry.csv", "inkoper", Lang::Nl).unwrap();
    assert_eq!(stale(&store, &rules), with.len());
    assert_eq!(queue(&store, &rules), fresh_queue(&store, &rules, &dir));

    // A new version of a plan: its summary is stale, the others stay.
    let (_, text) = resv::io::embedded::SAMPLE_PLANS
        .iter()
        .find(|(_, t)| t.contains(&format!("\"{flagged}\"")))
        .unwrap();
    let text = format!("{text}\n# tweede versie\n");
    let plan = resv::core::parse::parse_plan(&text).unwrap();
    store.import_plan(&plan, &text, "v2.toml", "inkoper").unwrap();
    assert_eq!(stale(&store, &rules), 1);
    let v2 = queue(&store, &rules);
    assert_eq!(row(&v2, &flagged).versions, 2);
    assert_eq!(v2, fresh_queue(&store, &rules, &dir));
}

#[test]
fn other_rule_files_make_every_summary_stale() {
    let dir = tempfile::tempdir().unwrap();
    let store = loaded(&dir);
    let rules = rules();
    queue(&store, &rules);
    assert_eq!(stale(&store, &rules), 0);
    for change in 0..4 {
        let mut other = rules.clone();
        let source = match change {
            0 => &mut other.guidance_source,
            1 => &mut other.policy_source,
            2 => &mut other.regions_source,
            _ => &mut other.market_source,
        };
        source.sha256 = resv::core::sha256_hex("another file");
        assert_ne!(rules_key(&other), rules_key(&rules));
        assert_eq!(stale(&store, &other), store.queue_rows().unwrap().len());
    }
}

#[test]
fn a_reader_beside_a_writer_only_ever_sees_a_verdict_the_plan_had() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = plans_only(&dir);
    let rules = rules();
    let id = queue(&store, &rules)[0].id.clone();
    let entry = |score: i32| Entry {
        criterion: CheckId::Participation,
        score: Change::Set(Some(score)),
        note: Change::Set(Some("Panel.".into())),
    };
    // The scores the plan can have: as imported, and with each manual score.
    let mut possible = vec![row(&queue(&store, &rules), &id).score];
    for s in [0, 4] {
        let a = record_manual(
            &mut store,
            &rules,
            &Registry::default(),
            &id,
            entry(s),
            "inkoper",
            Lang::Nl,
        )
        .unwrap();
        possible.push(Some(a.total_tenths));
    }
    let path = dir.path().join("resv.db");
    let writer = {
        let path = path.clone();
        let rules = rules.clone();
        std::thread::spawn(move || {
            let mut w = Store::open(&path, false).unwrap();
            let target = id_of(&w);
            for i in 0..30 {
                let e = entry(if i % 2 == 0 { 0 } else { 4 });
                record_manual(&mut w, &rules, &Registry::default(), &target, e, "b", Lang::Nl).unwrap();
            }
        })
    };
    let mut reader = Store::open(&path, false).unwrap();
    reader.set_fixed_now(NOW);
    let mut reads = 0;
    while !writer.is_finished() || reads == 0 {
        let rows = queue(&reader, &rules);
        let score = row(&rows, &id).score;
        assert!(possible.contains(&score), "{score:?} is none of {possible:?}");
        reads += 1;
    }
    writer.join().unwrap();
    assert_eq!(queue(&reader, &rules), fresh_queue(&reader, &rules, &dir));
    assert!(differing(&reader, &rules, &Registry::default()).unwrap().is_empty());
}

/// The first plan of the queue (the writer's target).
fn id_of(store: &Store) -> String {
    store.queue_rows().unwrap()[0].id.clone()
}

/// After a registry import, a thousand stale summaries are computed at once (in chunks of
/// plans read together with their registry candidates by key, assessed on every core):
/// each is the one that plan gets when assessed alone against the whole registry's index,
/// and all are stored.
#[test]
fn many_stale_summaries_computed_together_are_each_plans_own() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = plans_only(&dir);
    let rules = rules();
    for (i, (path, text)) in resv::io::embedded::SAMPLE_PLANS.iter().cycle().take(1_100).enumerate() {
        let text = text.replacen("\nid = \"RESV-", &format!("\nid = \"RESV-M{i:04}-"), 1);
        let plan = resv::core::parse::parse_plan(&text).unwrap();
        store.import_plan(&plan, &text, path, "inkoper").unwrap();
    }
    import_sample_registry(&mut store);
    assert!(stale(&store, &rules) >= 1_100);
    let rows = queue(&store, &rules);
    assert_eq!(stale(&store, &rules), 0, "every summary stored");
    let whole = resv::core::funding::RegistryIndex::new(store.arrangements().unwrap());
    for (id, sha, _, plan) in store.latest_plans().unwrap() {
        let alone = resv::app::summaries::summarise(
            &plan,
            &sha,
            &rules,
            &whole,
            &store.manual_inputs(&id).unwrap(),
            &store.judgements(&id).unwrap(),
        );
        let r = row(&rows, &id);
        let shown = (r.score, r.knocked_out, r.open_flags);
        assert_eq!(
            shown,
            (Some(alone.total_tenths), Some(alone.knocked_out), alone.open_flags),
            "{id}"
        );
    }
}
