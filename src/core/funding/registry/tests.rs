use super::*;

fn cols() -> Vec<Option<Column>> {
    Column::ALL[..14].iter().copied().map(Some).collect()
}

fn row(cells: &[&str]) -> Vec<Cell> {
    cells.iter().map(|c| Cell::Text(c.to_string())).collect()
}

const GOOD: &[&str] = &[
    "OI-1",
    "Zilveren Kruis",
    "oi-huisartsenzorg",
    "Huisartsenorganisatie Rijnmond",
    "53145519",
    "",
    "Rijnmond",
    "Rotterdam; Schiedam",
    "Regiomanagement",
    "1;2;5",
    "regiomanagement",
    "2026-01-01",
    "31-12-2028",
    "250000.50",
];

#[test]
fn a_good_row_reads() {
    let mut diags = Vec::new();
    let place = RowPlace { row: 2, line: None };
    let a = from_row(&cols(), &row(GOOD), &place, |i| i.to_string(), &mut diags).unwrap();
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(a.municipalities, ["Rotterdam", "Schiedam"]);
    assert_eq!(a.main_tasks, [1, 2, 5]);
    assert_eq!(a.end, Date::new(2028, 12, 31).unwrap());
    assert_eq!(a.annual_amount, Cents(25_000_050));
}

#[test]
fn every_bad_cell_is_named() {
    let mut cells = GOOD.to_vec();
    cells[2] = "oi-huisarts";
    cells[4] = "123";
    cells[11] = "2026-13-01";
    cells[13] = "-5";
    let mut diags = Vec::new();
    let place = RowPlace { row: 7, line: None };
    assert!(from_row(&cols(), &row(&cells), &place, |i| format!("C{i}"), &mut diags).is_none());
    let text: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert_eq!(text.len(), 4, "{text:#?}");
    assert!(text[0].contains("row 7, column C2 (stream)") && text[0].contains("did you mean `oi-huisartsenzorg`"));
    assert!(text[1].contains("(agb)") && text[1].contains("8 digits"));
    assert!(text[2].contains("(start)") && text[2].contains("2026-13-01"));
    assert!(text[3].contains("negative amount"));
}

#[test]
fn header_reports_unknown_and_missing_columns() {
    let cells: Vec<String> = ["id", "funder", "strem", "ontvanger"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let err = header(&cells, 1, |i| i.to_string()).unwrap_err();
    let text: Vec<String> = err.iter().map(|d| d.to_string()).collect();
    assert!(
        text[0].contains("unknown column `strem`; did you mean `stream`?"),
        "{text:?}"
    );
    assert!(text.iter().any(|t| t.contains("missing column `description`")));
}

#[test]
fn duplicates_and_reversed_periods_are_caught() {
    let mut diags = Vec::new();
    let place = RowPlace { row: 2, line: None };
    let a = from_row(&cols(), &row(GOOD), &place, |i| i.to_string(), &mut diags).unwrap();
    let mut b = a.clone();
    b.start = Date::new(2029, 1, 1).unwrap();
    let items = vec![(place, a), (RowPlace { row: 3, line: None }, b)];
    check_all(&items, |row| format!("row {row}"), &mut diags);
    assert_eq!(diags.len(), 2);
    assert!(diags[0].message.contains("also in row 2"));
    assert!(diags[1].message.contains("before start"));
}

#[test]
fn amounts_and_dates_in_spreadsheet_forms() {
    assert_eq!(parse_amount("125000,50"), Ok(Cents(12_500_050)));
    assert_eq!(parse_amount("€ 100"), Ok(Cents(10_000)));
    assert_eq!(parse_amount("125.000,50"), Ok(Cents(12_500_050)));
    assert!(matches!(
        parse_amount("1.500"),
        Err(money::AmountError::Ambiguous { .. })
    ));
    assert_eq!(parse_date("1-2-2027"), Date::new(2027, 2, 1));
    assert_eq!(parse_date(" 01/02/2027 "), Date::new(2027, 2, 1));
    assert_eq!(parse_date("2027-02-01"), Date::new(2027, 2, 1));
    for bad in [
        "29-2-2027",
        "1-2-27",
        "1-2-20270",
        "001-2-2027",
        "1-13-2027",
        "1-2/2027",
        "1--2-2027",
        "",
        "é-2-2027",
    ] {
        assert_eq!(parse_date(bad), None, "{bad}");
    }
    assert_eq!(category_tasks("Ondersteuning ketenzorg"), Some(vec![3]));
    assert_eq!(category_tasks("praktijkmanagement"), Some(vec![]));
    assert_eq!(category_tasks("innovatie"), None);
}
