//! Synthetic plans and queue rows, distinct per number, made from one sample plan.

use resv::core::decision::PlanState;
use resv::core::money::Cents;
use resv::core::plan::{Date, Scenario};
use resv::core::queue::QueueRow;

pub const TEMPLATE: &str = include_str!("../../../sample-plans/utrecht-stad.toml");
const PLACES: &[&str] = &[
    "Twente",
    "Zeeland",
    "Utrecht",
    "Groningen",
    "Friesland",
    "Drenthe",
    "Flevoland",
    "Rijnmond",
    "Haaglanden",
    "Noord-Limburg",
    "Zuid-Limburg",
    "West-Brabant",
    "Midden-Brabant",
    "Achterhoek",
    "Food Valley",
    "Kennemerland",
];

/// A valid plan file, distinct per `i`.
pub fn synthetic_plan(i: usize) -> String {
    let place = PLACES[i % PLACES.len()];
    TEMPLATE
        .replace("RESV-UTR-2027", &format!("RESV-SYN-{i:06}"))
        .replace("RESV Utrecht Stad", &format!("RESV {place} {i}"))
        .replace("name = \"Utrecht Stad\"", &format!("name = \"{place}\""))
}

/// A queue row, distinct per `i`, without going through the database.
pub fn synthetic_row(i: usize) -> QueueRow {
    let place = PLACES[i % PLACES.len()];
    QueueRow {
        id: format!("RESV-SYN-{i:06}"),
        open_flags: None,
        name: format!("RESV {place} {i}"),
        region: place.to_string(),
        scenario: Scenario::ALL[i % 3],
        status: if i % 7 == 0 {
            PlanState::Resubmitted
        } else {
            PlanState::Received
        },
        outcome: None,
        days_left: Some((i % 40) as i64 - 5),
        requested_per_year: Cents::from_euros(400_000 + (i as i64 * 7_919) % 900_000),
        submitted: Date::new(2026, 1 + (i % 12) as u8, 1 + (i % 28) as u8).unwrap_or(Date {
            year: 2026,
            month: 1,
            day: 1,
        }),
        versions: 1,
        score: Some(((i * 37) % 1001) as u32),
        knocked_out: Some(i % 5 == 0),
    }
}
