use super::*;
use crate::funding::registry::Arrangement;
use crate::plan::Date;

/// An index over arrangements paying these recipients (their idf weights matter).
fn index(names: &[&str]) -> RegistryIndex {
    let date = |y| Date::new(y, 1, 1).expect("a date");
    let arrangements = names
        .iter()
        .enumerate()
        .map(|(i, n)| Arrangement {
            id: format!("A{i}"),
            funder: "VGZ".into(),
            stream: Stream::IzaAzwa,
            recipient: Organisation {
                name: (*n).into(),
                agb: None,
                kvk: None,
            },
            region: None,
            municipalities: Vec::new(),
            description: "capaciteit huisartsenzorg".into(),
            main_tasks: vec![2],
            category: None,
            start: date(2026),
            end: date(2028),
            annual_amount: Cents(1),
        })
        .collect();
    RegistryIndex::new(arrangements)
}

const NAMES: &[&str] = &[
    "Huisartsenkring Rivierenland",
    "RHO-U",
    "RHO-N",
    "Welzijn Oost-Betuwe",
    "Zorggroep Zuid-Limburg",
    "Zorggroep Noord-Limburg",
    "Sociaal Werk Tiel",
    "Huisartsen Tiel",
];

fn sim(a: &str, b: &str, places: &[&str]) -> f64 {
    let ix = index(NAMES);
    best_name_similarity(&ix, &normalize::name(a), &normalize::name(b), places)
}

#[test]
fn words_split_or_run_together_are_the_same_name() {
    for (a, b) in [
        ("Huisartsen Kring Rivierenland", "Huisartsenkring Rivierenland"),
        ("Stichting Huisartsen Kring X", "Huisartsenkring X B.V."),
        ("Zorg Groep Zuid-Betuwe", "Zorggroep Zuid Betuwe"),
    ] {
        assert!(sim(a, b, &[]) >= NAME_HIGH, "{a} ~ {b}: {}", sim(a, b, &[]));
    }
}

#[test]
fn a_name_with_its_acronym_in_brackets_is_that_acronym() {
    let long = "Regionale Huisartsenorganisatie Utrecht (RHO-U)";
    assert_eq!(sim(long, "RHO-U", &["utrecht"]), 1.0);
    assert_eq!(sim("RHO-U", long, &["utrecht"]), 1.0);
    assert_eq!(sim("Huisartsenorganisatie Twente (HOT)", "HOT", &[]), 1.0);
    // Another acronym, or the shared "RHO", is no evidence.
    assert!(sim(long, "RHO-N", &["utrecht"]) < NAME_MEDIUM);
    assert!(sim("RHO-U", "RHO-N", &[]) < NAME_MEDIUM);
    assert!(sim("RHO-U", "Regionale Huisartsenorganisatie Nijmegen", &[]) < NAME_MEDIUM);
    // Blocking finds the acronym from the long name and the other way round.
    let ix = index(NAMES);
    let mut out = Vec::new();
    ix.candidates_for(&normalize::name(long), None, None, &mut out);
    assert!(out.contains(&1), "{out:?}");
}

#[test]
fn compass_points_belong_to_the_place() {
    // Plan places: the region's municipalities, split and joined as the matcher does.
    let places: Vec<String> = ["West Betuwe", "Tiel"]
        .iter()
        .flat_map(|p| normalize::place_tokens(p))
        .collect();
    let places: Vec<&str> = places.iter().map(String::as_str).collect();
    for (a, b) in [
        ("Welzijn West-Betuwe", "Welzijn Oost-Betuwe"),
        ("Zorggroep Zuid-Betuwe", "Zorggroep Zuid-Limburg"),
        ("Zorggroep Noord-Limburg", "Zorggroep Zuid-Limburg"),
    ] {
        let s = sim(a, b, &places);
        assert!(s < NAME_MEDIUM, "{a} ~ {b}: {s}");
    }
    // The same place written with or without the hyphen is the same name.
    assert!(sim("Welzijn West-Betuwe", "Stichting Welzijn West Betuwe", &places) >= NAME_HIGH);
    assert_eq!(
        normalize::name("Huisartsen Zuidoost-Brabant").joined(),
        "huisartsen zuidoostbrabant"
    );
    assert_eq!(normalize::place_tokens("West Betuwe"), ["west", "betuwe", "westbetuwe"]);
}
