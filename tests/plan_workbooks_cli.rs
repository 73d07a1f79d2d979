//! Plans as spreadsheets through the binary: `resv template plan`, `resv export plan`, and
//! `import`, `assess` and `funding` given a workbook.

mod support;

use serde_json::Value;
use std::fs;
use support::{Env, assert_contains, stderr, stdout};

const UTR: &str = "RESV-UTR-2027";

/// Every key whose name mentions a digest or the file, left out (the formats differ there).
fn without_file_facts(mut v: Value) -> Value {
    if let Value::Object(map) = &mut v {
        map.retain(|k, _| !k.contains("sha") && k != "file" && k != "path");
        for val in map.values_mut() {
            *val = without_file_facts(val.take());
        }
    }
    if let Value::Array(items) = &mut v {
        for val in items.iter_mut() {
            *val = without_file_facts(val.take());
        }
    }
    v
}

#[test]
fn the_template_is_written_once_and_asks_for_every_required_field() {
    let env = Env::new();
    let path = env.path("plan.xlsx");
    let p = path.to_str().unwrap();
    let out = env.ok(&["template", "plan", "-o", p]);
    assert_contains(&stderr(&out), &["sjabloon geschreven"]);
    let first = fs::read(&path).unwrap();
    let again = env.code(2, &["template", "plan", "-o", p]);
    assert_contains(&stderr(&again), &["never overwrites"]);
    assert_eq!(fs::read(&path).unwrap(), first, "the file is untouched");
    let wrong = env.code(
        2,
        &[
            "--lang",
            "en",
            "template",
            "plan",
            "-o",
            env.path("plan.csv").to_str().unwrap(),
        ],
    );
    assert_contains(&stderr(&wrong), &["The template is an Excel workbook"]);

    let out = env.code(1, &["assess", p]);
    let err = stderr(&out);
    assert_contains(
        &err,
        &[
            "plan.xlsx: Plan!A2: plan.id: missing",
            "plan.xlsx: Activiteiten!A2: activities: missing; expected a filled row per activity",
            "plan.xlsx: Begroting!A2: budget: missing",
        ],
    );
}

#[test]
fn an_exported_workbook_imports_assesses_and_checks_like_its_toml() {
    let env = Env::with_samples();
    let xlsx = env.path("utr.xlsx");
    let toml = env.path("utr.toml");
    let (x, t) = (xlsx.to_str().unwrap(), toml.to_str().unwrap());
    env.ok(&["export", "plan", UTR, "-o", x]);
    env.ok(&["export", "plan", UTR, "--toml", "-o", t]);
    let printed = stdout(&env.ok(&["export", "plan", UTR]));
    assert_eq!(
        printed,
        fs::read_to_string(&toml).unwrap(),
        "TOML is the default on stdout"
    );
    let refused = env.code(2, &["export", "plan", UTR, "--xlsx"]);
    assert_contains(&stderr(&refused), &["-o BESTAND.xlsx"]);
    let exists = env.code(2, &["export", "plan", UTR, "-o", x]);
    assert_contains(&stderr(&exists), &["--force"]);
    env.ok(&["export", "plan", UTR, "-o", x, "--force"]);
    let unknown = env.code(2, &["--lang", "en", "export", "plan", "RESV-NERGENS", "-o", x]);
    assert_contains(&stderr(&unknown), &["RESV-NERGENS"]);

    // Self-check parity: the same assessment, whatever the format.
    let a_x = env.json(&["assess", x, "--json"]);
    let a_t = env.json(&["assess", t, "--json"]);
    let a_s = env.json(&["assess", "sample-plans/utrecht-stad.toml", "--json"]);
    assert_eq!(without_file_facts(a_x.clone()), without_file_facts(a_t));
    assert_eq!(without_file_facts(a_x), without_file_facts(a_s));
    let f_x = env.json(&["funding", x, "--json"]);
    let f_t = env.json(&["funding", t, "--json"]);
    assert_eq!(without_file_facts(f_x), without_file_facts(f_t));
    let text_x = stdout(&env.ok(&["--lang", "en", "assess", x]));
    let text_t = stdout(&env.ok(&["--lang", "en", "assess", t]));
    let body = |s: &str| s.lines().skip(2).map(str::to_string).collect::<Vec<_>>();
    assert_eq!(body(&text_x), body(&text_t));

    // Import: a new version whose original is the workbook's bytes; again: unchanged.
    let out = env.ok(&["import", x]);
    assert_contains(&stdout(&out), &["geïmporteerd RESV-UTR-2027 (versie 2)"]);
    let out = env.ok(&["import", x]);
    assert_contains(&stdout(&out), &["ongewijzigd RESV-UTR-2027 (versie 2)"]);
    let bytes = fs::read(&xlsx).unwrap();
    let db = env.sqlite();
    let (stored, sha, text): (Vec<u8>, String, String) = db
        .query_row(
            "SELECT o.bytes, v.sha256, v.source_text FROM plan_originals o JOIN plan_versions v ON v.id = o.version_id
             WHERE v.plan_id = ?1 AND v.version_no = 2",
            [UTR],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(stored, bytes);
    assert_eq!(sha, resv::core::sha256_bytes_hex(&bytes));
    assert!(text.contains("[[activities]]"), "the version's text is the plan's TOML");
    assert_eq!(env.count("SELECT count(*) FROM plan_originals"), 1);
    assert!(db.execute("DELETE FROM plan_originals", []).is_err(), "append-only");
    env.ok(&["audit", "verify"]);
    let show = env.json(&["show", UTR, "--json"]);
    assert_eq!(show["version_no"], 2, "{show}");
    // An original slipped in beside a TOML version is caught by the audit.
    db.execute(
        "INSERT INTO plan_originals (version_id, media_type, bytes)
         SELECT id, 'application/octet-stream', x'00' FROM plan_versions WHERE plan_id = ?1 AND version_no = 1",
        [UTR],
    )
    .unwrap();
    let out = env.code(1, &["--lang", "en", "audit", "verify"]);
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert_contains(
        &all,
        &["the original file of plan RESV-UTR-2027 version 1 no longer matches"],
    );
}

#[test]
fn a_broken_workbook_is_refused_by_cell_and_nothing_is_stored() {
    let env = Env::with_samples();
    let x = env.path("utr.xlsx");
    env.ok(&["export", "plan", UTR, "-o", x.to_str().unwrap()]);
    // One cell out of range: the main task of the second activity (Activiteiten!E3).
    let mut plan = resv::io::plan_xlsx::read_plan_workbook(&x).unwrap().2;
    plan.activities[1].main_task = 6;
    let bytes = resv::io::plan_xlsx::export_workbook(&plan).unwrap();
    let broken = env.path("broken.xlsx");
    fs::write(&broken, &bytes).unwrap();
    let before = env.count("SELECT count(*) FROM plan_versions");
    let out = env.code(1, &["--lang", "en", "import", broken.to_str().unwrap()]);
    assert_contains(
        &stderr(&out),
        &[
            "broken.xlsx: Activiteiten!E3: activities[1].main_task: found integer 6, expected a main task (hoofdtaak) 1-5",
        ],
    );
    assert_eq!(env.count("SELECT count(*) FROM plan_versions"), before);
    let out = env.code(1, &["assess", broken.to_str().unwrap()]);
    assert_contains(&stderr(&out), &["Activiteiten!E3"]);
}

#[test]
fn a_workbook_whose_id_differs_only_in_case_is_refused_at_its_cell() {
    let env = Env::with_samples();
    let mut plan =
        resv::core::parse::parse_plan(&fs::read_to_string("sample-plans/utrecht-stad.toml").unwrap()).unwrap();
    plan.id = "resv-utr-2027".into();
    let x = env.path("lower.xlsx");
    fs::write(&x, resv::io::plan_xlsx::export_workbook(&plan).unwrap()).unwrap();
    let out = env.code(1, &["import", x.to_str().unwrap()]);
    assert_contains(
        &stderr(&out),
        &["lower.xlsx: Plan!A2: plan.id: found plan id \"resv-utr-2027\""],
    );
}

#[test]
fn a_read_only_database_exports_but_does_not_import_a_workbook() {
    let env = Env::with_samples();
    let x = env.path("utr.xlsx");
    let x = x.to_str().unwrap();
    env.ok(&["--read-only", "export", "plan", UTR, "-o", x]);
    let out = env.resv(&["--read-only", "import", x]);
    assert_ne!(out.status.code(), Some(0));
    assert_eq!(env.count("SELECT count(*) FROM plan_originals"), 0);
}

#[test]
fn demo_data_holds_the_sample_workbooks_as_originals() {
    let mut store = resv::store::Store::open_in_memory().unwrap();
    resv::app::import::load_samples(&mut store, "inkoper").unwrap();
    for name in resv::io::embedded::SAMPLE_WORKBOOK_NAMES {
        let text = fs::read_to_string(format!("sample-plans/{name}.toml")).unwrap();
        let plan = resv::core::parse::parse_plan(&text).unwrap();
        let stored = store.latest_plan(&plan.id).unwrap().unwrap();
        assert_eq!(stored.plan, plan, "{name}");
        assert!(
            stored.source_path.ends_with(&format!("werkmappen/{name}.xlsx")),
            "{}",
            stored.source_path
        );
        let bytes = fs::read(format!("sample-plans/werkmappen/{name}.xlsx")).unwrap();
        assert_eq!(stored.sha256, resv::core::sha256_bytes_hex(&bytes));
    }
}
