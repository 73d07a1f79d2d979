//! The registry of existing funding arrangements, and reading it from rows of cells (CSV,
//! Excel) or from TOML.
//!
//! Spreadsheet rows arrive as text cells (the shell reads the file); [`from_rows`] checks
//! every cell and reports each problem with its row and column. [`parse_toml`] reads the same
//! fields from a TOML file with line and column. Both end in [`check_all`], so the rules
//! (unique ids, end not before start) are the same whatever the file type.

use crate::diag::Diagnostic;
use crate::money::{self, Cents};
use crate::plan::{Date, Organisation, keywords};
use crate::reader::{Reader, Table, did_you_mean};
use crate::sanitize::clean;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

mod toml;
pub use toml::parse_toml;

keywords! {
    /// The funding stream an arrangement belongs to.
    Stream {
        OiHuisartsenzorg = "oi-huisartsenzorg",
        Gez = "gez",
        Ketenzorg = "ketenzorg",
        Ros = "ros",
        Zonmw = "zonmw",
        GemeenteWmo = "gemeente-wmo",
        IzaAzwa = "iza-azwa",
        Overig = "overig",
    }
}

/// One existing arrangement: who pays whom for what, when, and how much a year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Arrangement {
    pub id: String,
    pub funder: String,
    pub stream: Stream,
    pub recipient: Organisation,
    pub region: Option<String>,
    pub municipalities: Vec<String>,
    pub description: String,
    /// RESV main tasks 1-5 it pays for, where known.
    pub main_tasks: Vec<u8>,
    /// Payment title or category, e.g. the O&I title `regiomanagement`.
    pub category: Option<String>,
    pub start: Date,
    pub end: Date,
    #[serde(rename = "annual_amount_cents")]
    pub annual_amount: Cents,
}

impl Arrangement {
    /// The main tasks it pays for: as stated, or as implied by a known O&I payment title;
    /// `None` when neither says (unknown, which is not the same as none).
    pub fn tasks(&self) -> Option<Vec<u8>> {
        if !self.main_tasks.is_empty() {
            return Some(self.main_tasks.clone());
        }
        self.category.as_deref().and_then(category_tasks)
    }
}

/// The RESV main tasks an O&I payment title overlaps (domain brief, "Funding streams"):
/// `praktijkmanagement` pays for none of them; an unknown category says nothing.
pub fn category_tasks(category: &str) -> Option<Vec<u8>> {
    Some(match super::normalize::place(category).replace(' ', "-").as_str() {
        "regiomanagement" => vec![1, 2, 5],
        "wijkmanagement" => vec![4],
        "ondersteuning-ketenzorg" | "ketenzorg" => vec![3],
        "praktijkmanagement" => vec![],
        _ => return None,
    })
}

impl Stream {
    /// The stream as people name it (`O&I huisartsenzorg`, `gemeente (Wmo)`).
    pub fn name(self) -> &'static str {
        match self {
            Stream::OiHuisartsenzorg => "O&I huisartsenzorg",
            Stream::Gez => "GEZ",
            Stream::Ketenzorg => "ketenzorg",
            Stream::Ros => "ROS",
            Stream::Zonmw => "ZonMw",
            Stream::GemeenteWmo => "gemeente (Wmo)",
            Stream::IzaAzwa => "IZA/AZWA",
            Stream::Overig => "overig",
        }
    }
}

keywords! {
    /// The columns of a registry spreadsheet, in their canonical order.
    Column {
        Id = "id",
        Funder = "funder",
        Stream = "stream",
        Recipient = "recipient",
        Agb = "agb",
        Kvk = "kvk",
        Region = "region",
        Municipalities = "municipalities",
        Description = "description",
        MainTasks = "main_tasks",
        Category = "category",
        Start = "start",
        End = "end",
        AnnualAmount = "annual_amount",
        Note = "note",
    }
}

/// Dutch column names buyers use, accepted as aliases.
const DUTCH: &[(&str, Column)] = &[
    ("regeling", Column::Id),
    ("financier", Column::Funder),
    ("stroom", Column::Stream),
    ("ontvanger", Column::Recipient),
    ("regio", Column::Region),
    ("gemeenten", Column::Municipalities),
    ("omschrijving", Column::Description),
    ("hoofdtaken", Column::MainTasks),
    ("categorie", Column::Category),
    ("begin", Column::Start),
    ("einde", Column::End),
    ("jaarbedrag", Column::AnnualAmount),
    ("opmerking", Column::Note),
];

const REQUIRED: &[Column] = &[
    Column::Id,
    Column::Funder,
    Column::Stream,
    Column::Recipient,
    Column::Description,
    Column::Start,
    Column::End,
    Column::AnnualAmount,
];

/// Where a row or cell is, as the user's file shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowPlace {
    /// Spreadsheet row number (the header is row 1).
    pub row: usize,
    /// Line in a text file, where it differs from the row (quoted line breaks).
    pub line: Option<u32>,
}

/// One cell as read from the file: its text, or a date the spreadsheet typed as a date.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Date(Date),
    Number(f64),
}

impl Cell {
    /// An empty cell, or one of only spaces.
    pub fn is_blank(&self) -> bool {
        matches!(self, Cell::Text(t) if t.trim().is_empty())
    }

    /// The cell as trimmed text (dates as `YYYY-MM-DD`, numbers without float noise).
    pub fn text(&self) -> String {
        match self {
            Cell::Text(t) => t.trim().to_string(),
            Cell::Date(d) => d.to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            // A computed cell (=A1*1.1) carries float noise: 110000.00000000001 is 110000.00.
            Cell::Number(n) if ((n * 100.0).round() - n * 100.0).abs() < 1e-6 && n.abs() < 1e13 => {
                format!("{:.2}", n)
            }
            Cell::Number(n) => format!("{n}"),
        }
    }
}

/// Maps header cells (on spreadsheet row `row`) to columns; unknown or missing columns are
/// reported on that row.
pub fn header(
    cells: &[String],
    row: usize,
    col_name: impl Fn(usize) -> String,
) -> Result<Vec<Option<Column>>, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (i, raw) in cells.iter().enumerate() {
        let key = raw.trim().to_lowercase().replace([' ', '-'], "_");
        if key.is_empty() {
            out.push(None);
            continue;
        }
        let col = Column::from_keyword(&key).or_else(|| DUTCH.iter().find(|(d, _)| *d == key).map(|(_, c)| *c));
        match col {
            Some(c) if !seen.insert(c) => {
                diags.push(at_header(
                    row,
                    i,
                    &col_name,
                    format!("column `{}` appears twice", c.keyword()),
                ));
                out.push(None);
            }
            Some(c) => out.push(Some(c)),
            None => {
                let names = Column::ALL.iter().map(|c| c.keyword());
                let hint = did_you_mean(&key, names);
                let msg = format!(
                    "unknown column `{}`; {hint}expected: {}",
                    clean(raw.trim()),
                    Column::keywords()
                );
                diags.push(at_header(row, i, &col_name, msg));
                out.push(None);
            }
        }
    }
    for c in REQUIRED {
        if !seen.contains(c) {
            let msg = format!(
                "missing column `{}`; the header row needs: {}",
                c.keyword(),
                required_list()
            );
            diags.push(Diagnostic {
                line: Some(row as u32),
                column: None,
                path: format!("row {row}"),
                message: msg,
            });
        }
    }
    if diags.is_empty() { Ok(out) } else { Err(diags) }
}

fn required_list() -> String {
    REQUIRED.iter().map(|c| c.keyword()).collect::<Vec<_>>().join(", ")
}

fn at_header(row: usize, i: usize, col_name: &impl Fn(usize) -> String, message: String) -> Diagnostic {
    Diagnostic {
        line: Some(row as u32),
        column: None,
        path: format!("row {row}, column {}", col_name(i)),
        message,
    }
}

/// Checks one data row's cells against the header and builds the arrangement.
pub fn from_row(
    columns: &[Option<Column>],
    cells: &[Cell],
    place: &RowPlace,
    col_name: impl Fn(usize) -> String,
    diags: &mut Vec<Diagnostic>,
) -> Option<Arrangement> {
    let before = diags.len();
    let mut row = Row {
        columns,
        cells,
        place,
        col_name,
        diags,
    };
    let id = row.required(Column::Id);
    let funder = row.required(Column::Funder);
    let stream = row.stream();
    let recipient = row.required(Column::Recipient);
    let description = row.required(Column::Description);
    let agb = row.ident(Column::Agb, "an AGB code of 8 digits, or an empty cell");
    let kvk = row.ident(
        Column::Kvk,
        "a KvK number of 8 digits (a branch number: 12), or an empty cell",
    );
    let municipalities: Vec<String> = row
        .opt_text(Column::Municipalities)
        .map(|t| split_list(&t).map(str::to_string).collect())
        .unwrap_or_default();
    let main_tasks = row.main_tasks();
    let start = row.date(Column::Start);
    let end = row.date(Column::End);
    let annual_amount = row.annual_amount();
    if row.diags.len() > before {
        return None;
    }
    Some(Arrangement {
        id: id?,
        funder: funder?,
        stream: stream?,
        recipient: Organisation {
            name: recipient?,
            agb,
            kvk,
        },
        region: row.opt_text(Column::Region),
        municipalities,
        description: description?,
        main_tasks,
        category: row.opt_text(Column::Category),
        start: start?,
        end: end?,
        annual_amount: annual_amount?,
    })
}

/// One data row being read: its cells by column, and where each problem goes.
struct Row<'a, F: Fn(usize) -> String> {
    columns: &'a [Option<Column>],
    cells: &'a [Cell],
    place: &'a RowPlace,
    col_name: F,
    diags: &'a mut Vec<Diagnostic>,
}

impl<F: Fn(usize) -> String> Row<'_, F> {
    /// The column's position and its cell's text (empty past the row's end); `None` when
    /// the header has no such column.
    fn get(&self, c: Column) -> Option<(usize, String)> {
        let i = self.columns.iter().position(|x| *x == Some(c))?;
        let text = self.cells.get(i).map(Cell::text).unwrap_or_default();
        Some((i, text))
    }

    fn cell(&self, c: Column) -> Option<&Cell> {
        let i = self.columns.iter().position(|x| *x == Some(c))?;
        self.cells.get(i)
    }

    fn err(&mut self, c: Column, i: usize, message: String) {
        self.diags.push(Diagnostic {
            line: Some(self.place.line.unwrap_or(self.place.row as u32)),
            column: None,
            path: format!(
                "row {}, column {} ({})",
                self.place.row,
                (self.col_name)(i),
                c.keyword()
            ),
            message,
        });
    }

    fn opt_text(&self, c: Column) -> Option<String> {
        self.get(c).map(|(_, t)| t).filter(|t| !t.is_empty())
    }

    fn required(&mut self, c: Column) -> Option<String> {
        let (i, text) = self.get(c)?;
        if text.is_empty() {
            self.err(c, i, "empty; expected a value".into());
            return None;
        }
        Some(text)
    }

    fn stream(&mut self) -> Option<Stream> {
        let s = self.required(Column::Stream)?;
        let lower = s.to_lowercase();
        let parsed = Stream::from_keyword(&lower).or((lower == "other").then_some(Stream::Overig));
        if parsed.is_none() {
            let (i, _) = self.get(Column::Stream).unwrap_or_default();
            let hint = did_you_mean(&s, Stream::ALL.iter().map(|k| k.keyword()));
            self.err(
                Column::Stream,
                i,
                format!("found \"{}\", {hint}expected one of: {}", clean(&s), Stream::keywords()),
            );
        }
        parsed
    }

    /// An AGB code or KvK number: digits, or an empty cell.
    fn ident(&mut self, c: Column, what: &str) -> Option<String> {
        let (i, text) = self.get(c)?;
        if text.is_empty() {
            return None;
        }
        let digits = text.len() == 8 || (c == Column::Kvk && text.len() == 12);
        if digits && text.bytes().all(|b| b.is_ascii_digit()) {
            Some(text)
        } else {
            self.err(c, i, format!("found \"{}\", expected {what}", clean(&text)));
            None
        }
    }

    /// The main tasks 1 to 5, each once, sorted.
    fn main_tasks(&mut self) -> Vec<u8> {
        let mut main_tasks = Vec::new();
        if let Some((i, text)) = self.get(Column::MainTasks).filter(|(_, t)| !t.is_empty()) {
            for part in split_list(&text) {
                match part.parse::<u8>() {
                    Ok(n @ 1..=5) if !main_tasks.contains(&n) => main_tasks.push(n),
                    Ok(1..=5) => {}
                    _ => self.err(
                        Column::MainTasks,
                        i,
                        format!(
                            "found \"{}\", expected main tasks 1 to 5 separated by `;` (e.g. 1;2), or an empty cell",
                            clean(&text)
                        ),
                    ),
                }
            }
            main_tasks.sort_unstable();
        }
        main_tasks
    }

    /// A date cell of a spreadsheet, or a date written as text.
    fn date(&mut self, c: Column) -> Option<Date> {
        let (i, text) = self.get(c)?;
        if let Some(Cell::Date(d)) = self.cell(c) {
            return Some(*d);
        }
        let parsed = parse_date(&text);
        if parsed.is_none() {
            let found = if text.is_empty() {
                "an empty cell".to_string()
            } else {
                format!("\"{}\"", clean(&text))
            };
            self.err(
                c,
                i,
                format!("found {found}, expected a date such as 2027-01-01 (or 01-01-2027)"),
            );
        }
        parsed
    }

    fn annual_amount(&mut self) -> Option<Cents> {
        let (i, text) = self.get(Column::AnnualAmount)?;
        match parse_amount(&text) {
            Ok(c) => Some(c),
            Err(e) => {
                let found = if text.trim().is_empty() {
                    "an empty cell".to_string()
                } else {
                    format!("\"{}\"", clean(&text))
                };
                self.err(Column::AnnualAmount, i, format!("found {found}, {e}"));
                None
            }
        }
    }
}

fn split_list(text: &str) -> impl Iterator<Item = &str> {
    text.split([';', '|', ',']).map(str::trim).filter(|s| !s.is_empty())
}

/// `2027-01-01`, or the Dutch spreadsheet form `01-01-2027` / `1-1-2027`.
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if let Some(d) = Date::parse(text) {
        return Some(d);
    }
    // Day first, then month, then a four-digit year; jiff reads and checks the calendar.
    let (head, year) = text.split_at_checked(text.len().checked_sub(4)?)?;
    if !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    ["%d-%m-%Y", "%d/%m/%Y"]
        .into_iter()
        .find_map(|format| jiff::civil::Date::strptime(format, text).ok())
        .filter(|_| head.ends_with(['-', '/']))
        .and_then(Date::from_civil)
}

/// A cell's amount in euros, read by the one amount parser ([`money::parse_amount`]):
/// Dutch (`125.000,50`) or plain (`125000.50`) notation, at most two decimals, not
/// negative, at most [`money::MAX_AMOUNT`]; an ambiguous cell (`1.500`) is refused.
pub fn parse_amount(text: &str) -> Result<Cents, money::AmountError> {
    money::parse_amount(text)
}

/// Rules over the whole file: unique ids, an end not before the start. `label` names a
/// row as the file shows it (`row 4` in a spreadsheet, `arrangement[2]` in TOML).
pub fn check_all(items: &[(RowPlace, Arrangement)], label: impl Fn(usize) -> String, diags: &mut Vec<Diagnostic>) {
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (place, a) in items {
        let at = |message: String| Diagnostic {
            line: Some(place.line.unwrap_or(place.row as u32)),
            column: None,
            path: label(place.row),
            message,
        };
        if let Some(first) = seen.insert(a.id.as_str(), place.row) {
            diags.push(at(format!(
                "duplicate arrangement id \"{}\" (also in {}); expected each id once per file",
                clean(&a.id),
                label(first)
            )));
        }
        if a.end < a.start {
            diags.push(at(format!(
                "end {} is before start {}; expected an end on or after the start",
                a.end, a.start
            )));
        }
    }
}

#[cfg(test)]
mod tests;
