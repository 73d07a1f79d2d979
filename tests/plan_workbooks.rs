//! Plans as spreadsheets: the template, a plan exported as a workbook and read back, every
//! validation rule located by `Sheet!Cell`, hostile workbooks, and the sample workbooks.

mod support;

use calamine::{Data, Reader, Xlsx};
use proptest::prelude::*;
use resv::core::money::Cents;
use resv::core::parse::parse_plan;
use resv::core::plan::{Date, Plan};
use resv::core::plan_toml::to_toml;
use resv::io::plan_xlsx::{SHEETS, Shape, export_workbook, plan_from_workbook, template_workbook};
use std::io::Cursor;
use support::plans::{SAMPLES, sample};

/// A cell as the test writes it.
#[derive(Clone, Debug)]
enum C {
    S(String),
    N(f64),
    /// An Excel date serial, written with a date format.
    D(f64),
    /// A formula.
    F(String),
}

fn s(text: &str) -> Option<C> {
    Some(C::S(text.to_string()))
}

/// A workbook as sheets of rows of cells.
type Grid = Vec<(String, Vec<Vec<Option<C>>>)>;

fn grid(bytes: &[u8]) -> Grid {
    let mut wb = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    let names = wb.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).unwrap();
            let (r0, c0) = range.start().unwrap_or((0, 0));
            assert_eq!((r0, c0), (0, 0), "{name} starts at A1");
            let rows = range
                .rows()
                .map(|row| {
                    row.iter()
                        .map(|d| match d {
                            Data::Empty => None,
                            Data::String(t) => Some(C::S(t.clone())),
                            Data::Float(f) => Some(C::N(*f)),
                            Data::Int(i) => Some(C::N(*i as f64)),
                            Data::DateTime(dt) => Some(C::D(dt.as_f64())),
                            other => panic!("unexpected cell {other:?}"),
                        })
                        .collect()
                })
                .collect();
            (name, rows)
        })
        .collect()
}

fn write(grid: &Grid) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd-mm-yyyy");
    for (name, rows) in grid {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    None => {}
                    Some(C::S(t)) => drop(ws.write_string(r, c, t).unwrap()),
                    Some(C::N(n)) => drop(ws.write_number(r, c, *n).unwrap()),
                    Some(C::D(n)) => drop(ws.write_number_with_format(r, c, *n, &date).unwrap()),
                    Some(C::F(f)) => drop(ws.write_formula(r, c, f.as_str()).unwrap()),
                }
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

/// `Sheet!B3` to the sheet's index, row and column (zero-based).
fn place(g: &Grid, at: &str) -> (usize, usize, usize) {
    let (sheet, cell) = at.rsplit_once('!').unwrap();
    let i = g
        .iter()
        .position(|(n, _)| n == sheet)
        .unwrap_or_else(|| panic!("no sheet {sheet}"));
    let letters: String = cell.chars().take_while(char::is_ascii_uppercase).collect();
    let col = letters.bytes().fold(0usize, |a, b| a * 26 + (b - b'A' + 1) as usize) - 1;
    let row: usize = cell[letters.len()..].parse::<usize>().unwrap() - 1;
    (i, row, col)
}

fn set(g: &mut Grid, at: &str, value: Option<C>) {
    let (i, row, col) = place(g, at);
    let rows = &mut g[i].1;
    if rows.len() <= row {
        rows.resize(row + 1, Vec::new());
    }
    if rows[row].len() <= col {
        rows[row].resize(col + 1, None);
    }
    rows[row][col] = value;
}

fn utrecht_grid() -> Grid {
    grid(&export_workbook(&sample("utrecht-stad")).unwrap())
}

/// The diagnostics of a workbook, one line each (`Sheet!Cell: path: message`).
fn problems(g: &Grid) -> Vec<String> {
    match plan_from_workbook(&write(g)) {
        Ok(_) => Vec::new(),
        Err(ds) => ds.iter().map(ToString::to_string).collect(),
    }
}

fn assert_reported(g: &Grid, expected: &str) {
    let found = problems(g);
    assert!(
        found.iter().any(|d| d.starts_with(expected)),
        "expected a diagnostic starting with\n  {expected}\nfound:\n  {}",
        found.join("\n  ")
    );
}

#[test]
fn every_sample_plan_survives_both_round_trips() {
    for (name, plan) in SAMPLES.iter() {
        let bytes = export_workbook(plan).unwrap();
        let (text, back) = plan_from_workbook(&bytes).unwrap_or_else(|d| panic!("{name}: {d:#?}"));
        assert_eq!(&back, plan, "{name}: TOML -> xlsx -> plan");
        assert_eq!(&parse_plan(&text).unwrap(), plan, "{name}: the workbook's TOML text");
        let toml = to_toml(&back);
        assert_eq!(&parse_plan(&toml).unwrap(), plan, "{name}: xlsx -> TOML -> plan");
        assert_eq!(
            export_workbook(plan).unwrap(),
            bytes,
            "{name}: the same plan, the same bytes"
        );
    }
}

/// The reference plan with every optional field of the format set.
fn every_field_set() -> Plan {
    use resv::core::plan::{CareException, Funder, LeadParty, LeadRole, LegalForm, Nature, Organisation};
    let mut p = sample("utrecht-stad");
    p.contact.phone = Some("030-0000000".into());
    p.agenda.reference = Some("Actielijn 2".into());
    p.agenda.social_domain = Some("Afspraken met de gemeente".into());
    p.resv.legal_form = Some(LegalForm::Stichting);
    p.resv.kvk = Some("01234567".into());
    p.resv.lead_party = Some(LeadParty {
        role: LeadRole::Kassier,
        organisation: Organisation {
            name: "Kassier BV".into(),
            agb: Some("00012345".into()),
            kvk: Some("09876543".into()),
        },
    });
    p.region.justification = Some("Groter gebied om regionale redenen".into());
    p.disciplines[0].organisation.agb = Some("01234567".into());
    let a = &mut p.activities[2];
    a.nature = Nature::Zorgproductie;
    a.exception = Some(CareException {
        justification: "Meerwaarde en gelijke toegang".into(),
    });
    a.overhead = true;
    a.executor.agb = Some("53000001".into());
    p.budget[1].co_funding[0].funder = Some(Funder::Zonmw);
    p.budget[1].co_funding.push(resv::core::plan::CoFunding {
        source: "Provincie".into(),
        funder: None,
        amount: Cents(1_050),
    });
    p
}

#[test]
fn every_field_of_the_plan_format_has_a_column_and_survives() {
    let plan = every_field_set();
    let toml = to_toml(&plan);
    assert_eq!(parse_plan(&toml).unwrap(), plan);
    let (_, back) = plan_from_workbook(&export_workbook(&plan).unwrap()).unwrap_or_else(|d| panic!("{d:#?}"));
    assert_eq!(back, plan);

    // Every leaf of the plan's TOML (array indices left out) is some column's key.
    let mut columns = std::collections::BTreeSet::new();
    for sheet in SHEETS {
        for c in sheet.cols {
            columns.insert(match sheet.shape {
                Shape::One => c.key.to_string(),
                Shape::Rows(array) => format!("{array}.{}", c.key),
                Shape::Budget => format!("budget.{}", c.key),
            });
        }
    }
    fn leaves(prefix: &str, v: &toml::Value, out: &mut Vec<String>) {
        match v {
            toml::Value::Table(t) => {
                for (k, v) in t {
                    let p = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    leaves(&p, v, out);
                }
            }
            toml::Value::Array(items) if items.iter().any(toml::Value::is_table) => {
                for item in items {
                    leaves(prefix, item, out);
                }
            }
            _ => out.push(prefix.to_string()),
        }
    }
    let mut found = Vec::new();
    leaves("", &toml::from_str::<toml::Value>(&toml).unwrap(), &mut found);
    for leaf in found.iter().filter(|l| *l != "format") {
        assert!(columns.contains(leaf), "{leaf} has no column");
    }
    assert!(found.len() > 50, "{found:?}");
}

#[test]
fn the_template_has_drop_downs_validation_messages_and_frozen_protected_headers() {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(Cursor::new(template_workbook().unwrap())).unwrap();
    for (i, sheet) in SHEETS.iter().enumerate() {
        let mut xml = String::new();
        let part = format!("xl/worksheets/sheet{}.xml", i + 1);
        zip.by_name(&part).unwrap().read_to_string(&mut xml).unwrap();
        assert!(
            xml.contains(r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#),
            "{part}"
        );
        assert!(xml.contains("<sheetProtection "), "{part}: protected");
        assert_eq!(xml.matches("<dataValidation ").count(), sheet.cols.len(), "{part}");
        for c in sheet.cols {
            let prompt = format!(r#"promptTitle="{}" prompt="{}""#, c.header, c.help);
            assert!(xml.contains(&prompt), "{part}: the input message of {}", c.header);
        }
    }
    let sheet = |n: usize, zip: &mut zip::ZipArchive<Cursor<Vec<u8>>>| {
        let mut xml = String::new();
        zip.by_name(&format!("xl/worksheets/sheet{n}.xml"))
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        xml
    };
    let resv = sheet(2, &mut zip);
    assert!(resv.contains(r#"<formula1>"licht-netwerk,groeimodel,rechtspersoon"</formula1>"#));
    assert!(resv.contains(r#"<formula1>"stichting,cooperatie,vereniging"</formula1>"#));
    let disciplines = sheet(4, &mut zip);
    assert!(disciplines.contains(r#"<formula1>"huisartsenzorg,wijkverpleging,farmacie,sociaal-werk,"#));
    assert!(disciplines.contains(r#"<formula1>"ja,nee"</formula1>"#));
    let activities = sheet(5, &mut zip);
    assert!(
        activities.contains(r#"<dataValidation type="whole""#)
            && activities.contains("<formula1>1</formula1><formula2>5</formula2>")
    );
    assert!(activities.contains(r#"<formula1>"coordinatie,organisatie,zorgproductie"</formula1>"#));
    assert!(activities.contains(r#"<dataValidation type="date""#));
    let budget = sheet(6, &mut zip);
    assert!(budget.contains("<formula1>2027</formula1><formula2>2100</formula2>"));
}

#[test]
fn the_empty_template_asks_for_every_required_field_by_cell() {
    let found = match plan_from_workbook(&template_workbook().unwrap()) {
        Ok(_) => panic!("an empty template is not a plan"),
        Err(ds) => ds.iter().map(ToString::to_string).collect::<Vec<_>>(),
    };
    let expected = [
        "Plan!A2: plan.id: missing",
        "Plan!B2: plan.version: missing",
        "Plan!C2: plan.submitted: missing; expected a date cell or dd-mm-jjjj",
        "Plan!D2: plan.contract_years: missing",
        "Plan!E2: plan.contact.name: missing",
        "Plan!F2: plan.contact.email: missing",
        "Plan!H2: agenda.regioplan: missing",
        "RESV en bestuur!A2: resv.name: missing",
        "RESV en bestuur!B2: resv.scenario: missing; expected one of: licht-netwerk, groeimodel, rechtspersoon",
        "RESV en bestuur!I2: participation.form: missing",
        "RESV en bestuur!J2: participation.description: missing",
        "Regio en gemeenten!A2: region.name: missing",
        "Regio en gemeenten!B2: region.rho_region: missing",
        "Regio en gemeenten!C2: region.inhabitants: missing",
        "Regio en gemeenten!E2: region.municipalities: missing; expected one name per row",
        "Disciplines!A2: disciplines: missing; expected a filled row per discipline",
        "Activiteiten!A2: activities: missing; expected a filled row per activity",
        "Begroting!A2: budget: missing; expected a filled row per contract year",
    ];
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    for (f, e) in found.iter().zip(expected) {
        assert!(f.starts_with(e), "{f}\n  expected {e}");
    }
}

#[test]
fn values_are_read_as_a_person_types_them() {
    let mut g = utrecht_grid();
    set(&mut g, "Activiteiten!L2", s("€ 95.000,00"));
    set(&mut g, "Activiteiten!M2", s("0,8"));
    set(&mut g, "Activiteiten!J2", s("01-01-2027"));
    set(&mut g, "Activiteiten!K2", s("31-12-2028"));
    set(&mut g, "Plan!C2", s("15-09-2026"));
    set(&mut g, "Disciplines!E2", s("JA"));
    set(&mut g, "Begroting!B2", s("€ 635.000,00"));
    set(&mut g, "Regio en gemeenten!C2", s("375.000"));
    set(&mut g, "Activiteiten!E2", s("1"));
    let (_, plan) = plan_from_workbook(&write(&g)).unwrap_or_else(|d| panic!("{d:#?}"));
    assert_eq!(plan, sample("utrecht-stad"));
}

/// One workbook per validation rule, each located by its exact cell.
#[test]
fn every_validation_rule_is_located_by_cell() {
    let cases: &[(&str, Option<C>, &str)] = &[
        (
            "Activiteiten!E3",
            Some(C::N(6.0)),
            "Activiteiten!E3: activities[1].main_task: found integer 6, expected a main task (hoofdtaak) 1-5",
        ),
        (
            "Disciplines!C2",
            s("5301234"),
            "Disciplines!C2: disciplines[0].organisation.agb: found text \"5301234\", expected an AGB code: 8 digits",
        ),
        (
            "Disciplines!D3",
            s("3023456A"),
            "Disciplines!D3: disciplines[1].organisation.kvk: found text \"3023456A\"",
        ),
        (
            "Disciplines!G2",
            Some(C::N(500.0)),
            "Disciplines!G2: disciplines[0].practices_joined: found 500 practices joined",
        ),
        (
            "Disciplines!A3",
            s("huisartsenzorg"),
            "Disciplines!A3: disciplines[1].kind:",
        ),
        (
            "Disciplines!E2",
            s("misschien"),
            "Disciplines!E2: disciplines[0].mandated: found text \"misschien\", expected ja or nee",
        ),
        ("Activiteiten!A3", s("A1"), "Activiteiten!A3: activities[1].id:"),
        (
            "Activiteiten!K2",
            s("31-12-2026"),
            "Activiteiten!K2: activities[0].end:",
        ),
        (
            "Activiteiten!L2",
            Some(C::N(-5.0)),
            "Activiteiten!L2: activities[0].annual_cost: found integer -5, expected a non-negative amount",
        ),
        (
            "Activiteiten!L3",
            s("€ 1.234,567"),
            "Activiteiten!L3: activities[1].annual_cost: found text \"€ 1.234,567\"",
        ),
        (
            "Begroting!B3",
            s("€ 665.000"),
            "Begroting!B3: budget[1].total: found text \"€ 665.000\": ambiguous",
        ),
        (
            "Activiteiten!M2",
            Some(C::N(-0.5)),
            "Activiteiten!M2: activities[0].fte:",
        ),
        (
            "Activiteiten!J2",
            s("1 januari"),
            "Activiteiten!J2: activities[0].start: found text \"1 januari\", expected a date cell or dd-mm-jjjj",
        ),
        (
            "Activiteiten!P3",
            s("Meerwaarde"),
            "Activiteiten!P3: activities[1].exception:",
        ),
        (
            "Activiteiten!D4",
            s("Coordinatie"),
            "Activiteiten!D4: activities[2].nature: found text \"Coordinatie\"",
        ),
        (
            "Activiteiten!C2",
            None,
            "Activiteiten!C2: activities[0].description: missing",
        ),
        (
            "Activiteiten!F2",
            s("wijkverpleging, apotheek"),
            "Activiteiten!F2: activities[0].disciplines[1]: found text \"apotheek\"",
        ),
        ("Begroting!B2", Some(C::N(1.0)), "Begroting!B2: budget[0].total:"),
        ("Begroting!A3", Some(C::N(2029.0)), "Begroting!A3: budget[1].year:"),
        (
            "Begroting!E2",
            Some(C::N(9_999_999.0)),
            "Begroting!C2: budget[0].co_funding:",
        ),
        (
            "Plan!D2",
            s("2026, 2028"),
            "Plan!D2: plan.contract_years[0]: found integer 2026, expected a contract year from 2027",
        ),
        ("Plan!A2", s("RESV UTR"), "Plan!A2: plan.id: found \"RESV UTR\""),
        (
            "Plan!F2",
            s("geen-adres"),
            "Plan!F2: plan.contact.email: found \"geen-adres\", expected an e-mail address",
        ),
        (
            "RESV en bestuur!B2",
            s("groei-model"),
            "RESV en bestuur!B2: resv.scenario: found text \"groei-model\", expected one of: licht-netwerk, groeimodel, rechtspersoon (did you mean \"groeimodel\"?)",
        ),
        (
            "RESV en bestuur!E2",
            None,
            "RESV en bestuur!E2: resv.lead_party.role: missing",
        ),
        (
            "Regio en gemeenten!C2",
            s("veel"),
            "Regio en gemeenten!C2: region.inhabitants: found text \"veel\"",
        ),
        (
            "KPI's!A3",
            Some(C::N(0.0)),
            "KPI's!A3: kpis[1].main_task: found integer 0",
        ),
        (
            "Activiteiten!E1",
            s("Taak"),
            "Activiteiten!E1: found header \"Taak\", expected \"Hoofdtaak\"",
        ),
        (
            "Plan!M2",
            s("extra"),
            "Plan!M2: found a value outside the template's columns, expected columns A-J only",
        ),
        (
            "Plan!B3",
            s("2.0"),
            "Plan!B3: plan.version: found a value in row 3, expected this field in row 2 only",
        ),
    ];
    for (at, value, expected) in cases {
        let mut g = utrecht_grid();
        set(&mut g, at, value.clone());
        assert_reported(&g, expected);
    }
}

#[test]
fn a_missing_budget_year_and_co_funding_without_a_year_are_located() {
    let mut g = utrecht_grid();
    let (i, _, _) = place(&g, "Begroting!A1");
    g[i].1.truncate(2); // only 2027 is left
    assert_reported(&g, "Plan!D2: plan.contract_years[1]:");
    let mut g = utrecht_grid();
    set(&mut g, "Begroting!A2", None);
    set(&mut g, "Begroting!B2", None);
    assert_reported(&g, "Begroting!C2: budget: found co-funding before any year");
}

#[test]
fn every_problem_is_reported_at_once_in_sheet_order() {
    let mut g = utrecht_grid();
    set(&mut g, "KPI's!A2", Some(C::N(9.0)));
    set(&mut g, "Plan!F2", s("geen-adres"));
    set(&mut g, "Activiteiten!E3", Some(C::N(6.0)));
    set(&mut g, "Disciplines!C2", s("1"));
    let found = problems(&g);
    let at: Vec<&str> = found.iter().map(|d| d.split(':').next().unwrap()).collect();
    assert_eq!(
        at,
        ["Plan!F2", "Disciplines!C2", "Activiteiten!E3", "KPI's!A2"],
        "{found:#?}"
    );
}

#[test]
fn hostile_workbooks_are_refused() {
    let mut g = utrecht_grid();
    set(&mut g, "Activiteiten!L2", Some(C::F("=95000*1".into())));
    let e = problems(&g).join("\n");
    assert!(e.contains("cell L2 holds a formula"), "{e}");

    let mut g = utrecht_grid();
    set(&mut g, "Activiteiten!A1002", s("A999"));
    let e = problems(&g).join("\n");
    assert!(e.contains("Activiteiten!A1002") && e.contains("past row 1001"), "{e}");

    let mut g = utrecht_grid();
    g.retain(|(n, _)| n != "Begroting");
    let e = problems(&g).join("\n");
    assert!(e.contains("sheet Begroting: missing"), "{e}");

    let e = plan_from_workbook(b"PK\x03\x04 not a zip").unwrap_err();
    assert!(e[0].message.contains("cannot read the workbook"), "{e:?}");

    // A part that claims little and inflates to much: refused before calamine reads it.
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    let block = vec![b' '; 1024 * 1024];
    for _ in 0..80 {
        std::io::Write::write_all(&mut zip, &block).unwrap();
    }
    let bomb = zip.finish().unwrap().into_inner();
    assert!(bomb.len() < 1024 * 1024);
    let e = plan_from_workbook(&bomb).unwrap_err();
    assert!(e[0].message.contains("unpacks to more than 64 MiB"), "{e:?}");
}

#[test]
fn control_characters_and_formula_text_stay_text() {
    let mut plan = sample("utrecht-stad");
    plan.activities[0].title = "=HYPERLINK(\"http://x\")".into();
    plan.activities[1].description = "regel 1\nregel 2 \"aanhalingstekens\" \\ €".into();
    let (_, back) = plan_from_workbook(&export_workbook(&plan).unwrap()).unwrap();
    assert_eq!(back, plan);
}

#[test]
fn every_column_has_a_help_text_that_docs_plan_format_md_repeats() {
    let docs = std::fs::read_to_string("docs/plan-format.md").unwrap();
    for sheet in SHEETS {
        assert!(
            docs.contains(&format!("*{}*", sheet.name)),
            "sheet {} in the docs",
            sheet.name
        );
        for c in sheet.cols {
            assert!(
                docs.contains(c.help),
                "{}: {}: the docs repeat its help text",
                sheet.name,
                c.header
            );
        }
    }
}

/// The sample workbooks are the product's export of their TOML twins: regenerate them with
/// `RESV_REGENERATE=1 cargo test --test plan_workbooks sample_workbooks`.
#[test]
fn sample_workbooks_are_current() {
    let embedded: Vec<&str> = resv::io::embedded::SAMPLE_WORKBOOKS.iter().map(|(p, _)| *p).collect();
    assert!(embedded.len() >= 2);
    for name in resv::io::embedded::SAMPLE_WORKBOOK_NAMES {
        let path = format!("sample-plans/werkmappen/{name}.xlsx");
        assert!(embedded.contains(&path.as_str()), "{path} is embedded");
        let bytes = export_workbook(&sample(name)).unwrap();
        if std::env::var_os("RESV_REGENERATE").is_some() {
            std::fs::write(&path, &bytes).unwrap();
        }
        let stored = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(
            stored == bytes,
            "{path} is not current: regenerate it (see this test's docs)"
        );
    }
}

fn text() -> impl Strategy<Value = String> {
    "[A-Za-z0-9éë€][A-Za-z0-9éë€=\"\\\\' ,.;:-]{0,24}"
}

fn generated_plan() -> impl Strategy<Value = Plan> {
    let picks = (
        0..SAMPLES.len(),
        text(),
        text(),
        proptest::option::of(text()),
        proptest::option::of(text()),
    );
    let numbers = (
        0i64..10_000_000_000,
        0u32..50_000,
        1u8..=5,
        any::<bool>(),
        any::<bool>(),
        0u8..28,
        0u8..12,
    );
    let shape = (any::<bool>(), any::<bool>(), 1usize..6, 0usize..6);
    (picks, numbers, shape).prop_map(
        |(
            (i, title, name, phone, reference),
            (cents, fte, task, link, overhead, day, month),
            (full, no_lead, keep, kpis),
        )| {
            let mut p = if full { every_field_set() } else { SAMPLES[i].1.clone() };
            if no_lead {
                p.resv.lead_party = None;
            }
            p.activities.truncate(keep);
            p.kpis.truncate(kpis);
            p.contact.phone = phone;
            p.agenda.reference = reference;
            p.resv.name = name;
            let a = &mut p.activities[0];
            a.title = title;
            a.annual_cost = Cents(cents);
            a.fte_hundredths = fte;
            a.main_task = task;
            a.agenda_link = link;
            a.overhead = overhead;
            a.start = Date::new(a.start.year, month + 1, day + 1).unwrap();
            if a.end < a.start {
                a.end = a.start;
            }
            for year in p.budget.clone().iter().map(|b| b.year) {
                let total = p.activity_cost_in_year(year);
                let b = p.budget.iter_mut().find(|b| b.year == year).unwrap();
                b.total = total;
                let n = b.co_funding.len().max(1) as i64;
                for c in &mut b.co_funding {
                    c.amount = Cents(c.amount.0.min(total.0 / n));
                }
            }
            p
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn generated_plans_survive_both_round_trips(plan in generated_plan()) {
        let toml = to_toml(&plan);
        let parsed = parse_plan(&toml).map_err(|d| TestCaseError::fail(format!("{d:?}")))?;
        prop_assert_eq!(&parsed, &plan);
        let bytes = export_workbook(&plan).unwrap();
        let (text, back) = plan_from_workbook(&bytes).map_err(|d| TestCaseError::fail(format!("{d:?}")))?;
        prop_assert_eq!(&back, &plan);
        prop_assert_eq!(parse_plan(&text).unwrap(), plan);
    }
}

fn any_cell() -> impl Strategy<Value = Option<C>> {
    prop_oneof![
        Just(None),
        "[ -~éë€\u{1b}\u{7f}]{0,30}".prop_map(|t| Some(C::S(t))),
        any::<f64>()
            .prop_filter("finite", |n| n.is_finite())
            .prop_map(|n| Some(C::N(n))),
        (-1e6f64..3e6).prop_map(|n| Some(C::D(n))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Whatever is typed into any cell, the reader answers with a plan or with diagnostics
    /// that each name a sheet (and a cell), with control characters made visible.
    #[test]
    fn any_typed_cells_give_a_plan_or_located_diagnostics(
        edits in proptest::collection::vec((0..SHEETS.len(), 0usize..8, 0usize..18, any_cell()), 1..6)
    ) {
        let mut g = utrecht_grid();
        for (sheet, row, col, value) in edits {
            let at = format!("{}!{}{}", SHEETS[sheet].name, resv::io::plan_xlsx::letter(col), row + 1);
            set(&mut g, &at, value);
        }
        if let Err(ds) = plan_from_workbook(&write(&g)) {
            prop_assert!(!ds.is_empty());
            for d in ds {
                let line = d.to_string();
                prop_assert!(SHEETS.iter().any(|s| line.starts_with(&format!("{}!", s.name))), "{}", line);
                prop_assert!(!line.contains('\u{1b}'), "{}", line);
            }
        }
    }
}
