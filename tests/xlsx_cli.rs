//! Spreadsheets out (issue 19): `report --xlsx`, `sample show --xlsx` and `export decisions
//! --xlsx`, read back with calamine: typed cells, euro and date formats, one sheet per
//! breakdown, never overwriting.

mod support;

use calamine::{Data, Reader, Xlsx, open_workbook};
use std::io::Read;
use support::*;

fn book(path: &str) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).unwrap()
}

fn rows(path: &str, sheet: &str) -> Vec<Vec<Data>> {
    let range = book(path).worksheet_range(sheet).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

fn styles_and_sheet1(path: &str) -> (String, String) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut read = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    (read("xl/styles.xml"), read("xl/worksheets/sheet1.xml"))
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        other => panic!("expected text, found {other:?}"),
    }
}

#[test]
fn report_sample_and_decisions_round_trip_as_typed_workbooks() {
    let insurer = Env::with_samples();
    insurer.key(None);
    insurer.decide_approve("RESV-UTR-2027", &["fundable"], "Past.");
    insurer.ok_as("tweede-inkoper", &["approve", "RESV-UTR-2027"]);
    insurer.decide_approve("RESV-FVA-2027", &["fundable"], "=HYPERLINK(\"x\")");
    let nza = Env::new();
    exchange_key(&insurer, None, &nza);
    let export = nza.path("voorbeeld.json").display().to_string();
    insurer.ok(&["export", "decisions", "--json", "-o", &export]);

    // The decisions export.
    let decisions = insurer.path("besluiten.xlsx").display().to_string();
    insurer.ok(&["export", "decisions", "--xlsx", &decisions]);
    let json = insurer.json(&["export", "decisions", "--json"]);
    let sheet = rows(&decisions, "Besluiten");
    assert_eq!(text(&sheet[0][0]), "Plan");
    assert_eq!(sheet.len(), 3);
    let total_col = sheet[0]
        .iter()
        .position(|h| text(h) == "Gecontracteerd totaal")
        .unwrap();
    let date_col = sheet[0].iter().position(|h| text(h) == "Besloten op").unwrap();
    for (row, d) in sheet[1..].iter().zip(json["decisions"].as_array().unwrap()) {
        assert_eq!(text(&row[0]), d["plan_id"].as_str().unwrap());
        assert_eq!(
            row[total_col],
            Data::Float(d["contracted_total_cents"].as_f64().unwrap() / 100.0)
        );
        assert!(matches!(row[date_col], Data::DateTime(_)), "{:?}", row[date_col]);
    }
    let (styles, sheet1) = styles_and_sheet1(&decisions);
    assert!(
        styles.contains("€ #,##0.00") && styles.contains("yyyy-mm-dd"),
        "{styles}"
    );
    assert!(sheet1.contains("state=\"frozen\""), "the header row is frozen");
    assert!(!sheet1.contains("<f>"), "no formulas");
    // Never overwriting: the file stays as it is.
    let before = std::fs::read(&decisions).unwrap();
    let out = insurer.code(2, &["export", "decisions", "--xlsx", &decisions]);
    assert_contains(&stderr(&out), &["resv overschrijft nooit een bestand"]);
    assert_eq!(std::fs::read(&decisions).unwrap(), before);
    insurer.ok(&["export", "decisions", "--xlsx", &decisions, "--force"]);

    // The national report: one sheet per breakdown, insurers by name.
    nza.ok(&["nza", "import", &export]);
    let report = nza.path("rapport.xlsx").display().to_string();
    nza.ok(&["--lang", "en", "report", "--xlsx", &report]);
    let names = book(&report).sheet_names();
    assert_eq!(
        names,
        [
            "Years",
            "Regions",
            "Insurers",
            "Main tasks",
            "Scenarios",
            "Outcomes",
            "Deviations"
        ]
    );
    let r = nza.json(&["report", "--json"]);
    let years = rows(&report, "Years");
    assert_eq!(
        years[0].iter().map(text).collect::<Vec<_>>(),
        ["Year", "Paid", "Envelope", "Used"]
    );
    assert_eq!(years[1][0], Data::Float(r["years"][0]["year"].as_f64().unwrap()));
    assert_eq!(
        years[1][1],
        Data::Float(r["years"][0]["paid_cents"].as_f64().unwrap() / 100.0)
    );
    let insurers = rows(&report, "Insurers");
    let export_json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&export).unwrap()).unwrap();
    assert_eq!(
        text(&insurers[1][0]),
        export_json["insurer"].as_str().unwrap(),
        "by name, not id"
    );

    // A stored sample with a finding.
    let s = nza.json(&[
        "sample", "draw", "--method", "random", "--seed", "3", "--size", "2", "--json",
    ]);
    let id = s["sample_id"].as_i64().unwrap().to_string();
    let item = s["items"][0]["id"].as_str().unwrap().to_string();
    nza.ok(&["sample", "record", &id, &item, "--deviation", "--note", "=1+1"]);
    let sample = nza.path("steekproef.xlsx").display().to_string();
    nza.ok(&["sample", "show", &id, "--xlsx", &sample]);
    let items = rows(&sample, "Items");
    let row = items.iter().find(|r| r[0] == Data::String(item.clone())).unwrap();
    assert_eq!(
        row[5],
        Data::Float(s["items"][0]["amount_cents"].as_f64().unwrap() / 100.0)
    );
    assert_eq!(text(&row[8]), "deviation");
    assert_eq!(text(&row[10]), "=1+1", "a note is text, never a formula");
    assert!(matches!(row[12], Data::DateTime(_)));
    nza.code(2, &["sample", "show", &id, "--xlsx", &sample]);
}
