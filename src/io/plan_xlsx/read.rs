//! Reading a plan workbook: every cell becomes the TOML value a person meant, the TOML
//! plan reader checks the whole, and each diagnostic is located by `Sheet!Cell`.
//!
//! A workbook is not trusted: the file size, the zip's parts and what they unpack to are
//! checked before calamine reads a byte (the registry's limits), formulas and macros are
//! refused, and rows, columns, cells and text are bounded.

use super::cells::{V, literal, show, value};
use super::{Col, Kind, SHEETS, Shape, SheetDef, letter};
use crate::core::diag::Diagnostic;
use crate::core::money::parse_amount;
use crate::core::plan::Plan;
use crate::core::plan_toml::s as toml_string;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::io::{Cursor, Read};
use std::path::Path;

/// The most data rows a sheet of a plan workbook may use (row 2 to row 1001).
pub const MAX_DATA_ROWS: u32 = 1000;
/// The most cells with a value a plan workbook may have, all sheets together.
pub const MAX_CELLS: usize = 100_000;
/// The longest cell, in characters: Excel's own limit.
const MAX_CELL_CHARS: usize = 32_767;

/// A place in the workbook: sheet index, zero-based row and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Loc {
    sheet: usize,
    row: u32,
    col: usize,
}

impl Loc {
    fn show(self) -> String {
        format!("{}!{}{}", SHEETS[self.sheet].name, letter(self.col), self.row + 1)
    }
}

type Cells = BTreeMap<(u32, usize), V>;

/// A plan workbook's file: the bytes, the plan's equivalent TOML text, and the plan.
pub fn read_plan_workbook(path: &Path) -> Result<(Vec<u8>, String, Plan), Vec<Diagnostic>> {
    let what = "a plan workbook (.xlsx)";
    let bytes = crate::io::files::read_bytes(path, what, crate::io::files::MAX_FILE_BYTES)?;
    let (text, plan) = plan_from_workbook(&bytes)?;
    Ok((bytes, text, plan))
}

/// A plan workbook's bytes to the plan's equivalent TOML text and the plan.
pub fn plan_from_workbook(bytes: &[u8]) -> Result<(String, Plan), Vec<Diagnostic>> {
    crate::io::registry_files::check_zip(Cursor::new(bytes), "plan workbook")?;
    refuse_formulas(bytes)?;
    let sheets = read_cells(bytes)?;
    plan_from_cells(&sheets)
}

fn whole(message: String) -> Vec<Diagnostic> {
    crate::io::files::whole_file(message)
}

fn at(loc: Loc, path: &str, message: String) -> Diagnostic {
    Diagnostic {
        line: None,
        column: None,
        path: if path.is_empty() {
            loc.show()
        } else {
            format!("{}: {path}", loc.show())
        },
        message,
    }
}

/// Formulas, macros and links to other files are refused: a plan is values a person typed.
fn refuse_formulas(bytes: &[u8]) -> Result<(), Vec<Diagnostic>> {
    let unreadable =
        |e: zip::result::ZipError| whole(format!("cannot read the workbook: {e}; expected an Excel .xlsx file"));
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
    let mut names: Vec<String> = zip.file_names().map(str::to_string).collect();
    names.sort();
    for name in names {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with("vbaproject.bin") || lower.starts_with("xl/externallinks/") {
            let shown = crate::core::sanitize::clean(&name).into_owned();
            return Err(whole(format!(
                "the workbook holds {shown} (macros or links to other files), expected values only; save it as a plain .xlsx"
            )));
        }
        if !(lower.starts_with("xl/worksheets/") && lower.ends_with(".xml")) {
            continue;
        }
        let mut xml = Vec::new();
        zip.by_name(&name)
            .map_err(unreadable)?
            .read_to_end(&mut xml)
            .map_err(|e| whole(format!("cannot read {name}: {e}")))?;
        if let Some(pos) = find_formula(&xml) {
            let cell = cell_before(&xml, pos).unwrap_or_else(|| "?".into());
            return Err(whole(format!(
                "{}: cell {cell} holds a formula, expected a value typed in (copy and paste it as a value)",
                crate::core::sanitize::clean(&name)
            )));
        }
    }
    Ok(())
}

fn find_formula(xml: &[u8]) -> Option<usize> {
    xml.windows(3).position(|w| w == b"<f>" || w == b"<f " || w == b"<f/")
}

/// The `r="B3"` of the last `<c` before `pos`.
fn cell_before(xml: &[u8], pos: usize) -> Option<String> {
    let head = &xml[..pos];
    let start = head.windows(3).rposition(|w| w == b"<c ")?;
    let tag = &head[start..];
    let r = tag.windows(3).position(|w| w == b"r=\"")? + 3;
    let end = tag[r..].iter().position(|&b| b == b'"')?;
    let text = std::str::from_utf8(&tag[r..r + end]).ok()?;
    text.bytes()
        .all(|b| b.is_ascii_alphanumeric())
        .then(|| text.to_string())
}

/// The cells of the seven sheets, bounded; a missing sheet is an error.
fn read_cells(bytes: &[u8]) -> Result<Vec<Cells>, Vec<Diagnostic>> {
    use calamine::{Reader, Xlsx};
    let unreadable =
        |e: calamine::XlsxError| whole(format!("cannot read the workbook: {e}; expected an Excel .xlsx file"));
    let mut wb = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let names = wb.sheet_names();
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut total = 0usize;
    for (i, def) in SHEETS.iter().enumerate() {
        let mut cells = Cells::new();
        if !names.iter().any(|n| n == def.name) {
            problems.push(Diagnostic {
                line: None,
                column: None,
                path: format!("sheet {}", def.name),
                message: "missing; expected the seven sheets of the plan template (resv template plan)".into(),
            });
            out.push(cells);
            continue;
        }
        let mut reader = wb.worksheet_cells_reader(def.name).map_err(unreadable)?;
        while let Some(c) = reader.next_cell().map_err(unreadable)? {
            let (row, col) = c.get_position();
            let Some(v) = value(c.get_value()) else { continue };
            let loc = Loc {
                sheet: i,
                row,
                col: col as usize,
            };
            if row > MAX_DATA_ROWS || col as usize >= 26 {
                return Err(vec![at(
                    loc,
                    "",
                    format!(
                        "a value past row {} or column Z, expected the template's rows and columns",
                        MAX_DATA_ROWS + 1
                    ),
                )]);
            }
            total += 1;
            if total > MAX_CELLS {
                return Err(vec![at(
                    loc,
                    "",
                    format!("more than {MAX_CELLS} cells with a value, expected a plan"),
                )]);
            }
            if let V::Text(t) = &v
                && t.chars().count() > MAX_CELL_CHARS
            {
                return Err(vec![at(
                    loc,
                    "",
                    format!("{} characters, expected at most {MAX_CELL_CHARS}", t.chars().count()),
                )]);
            }
            cells.insert((row, col as usize), v);
        }
        out.push(cells);
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

/// The TOML text being built, and where each of its paths came from.
#[derive(Default)]
struct Builder {
    text: String,
    places: HashMap<String, Loc>,
    problems: Vec<(Loc, Diagnostic)>,
    /// The amount parser's own reason for text it refused, by path: said instead of the
    /// plan reader's "found text".
    notes: HashMap<String, String>,
}

impl Builder {
    /// Remembers `loc` for `path` and, where not yet known, for each of its parents.
    fn place(&mut self, path: &str, loc: Loc) {
        let mut p = path.to_string();
        loop {
            self.places.entry(p.clone()).or_insert(loc);
            match p.rfind(['.', '[']) {
                Some(i) => p.truncate(i),
                None => break,
            }
        }
    }

    fn problem(&mut self, loc: Loc, path: &str, message: String) {
        self.problems.push((loc, at(loc, path, message)));
    }

    fn header(&mut self, h: &str) {
        let _ = write!(self.text, "\n{h}\n");
    }

    /// `key = value` for a filled cell (the value converted by its column's kind).
    fn kv(&mut self, key: &str, path: &str, loc: Loc, col: &Col, v: Option<&V>) {
        self.place(path, loc);
        if let (Kind::Amount, Some(V::Text(t))) = (col.kind, v)
            && let Err(e) = parse_amount(t)
        {
            let shown: String = t.chars().take(40).collect();
            self.notes
                .insert(path.to_string(), format!("found text \"{shown}\": {e}"));
        }
        if let Some(v) = v {
            let literal = literal(col.kind, v);
            let _ = writeln!(self.text, "{key} = {literal}");
        }
    }

    /// Finds where a diagnostic's path came from: the path, else its nearest parent.
    fn locate(&self, path: &str) -> Option<Loc> {
        let mut p = path.to_string();
        loop {
            if let Some(l) = self.places.get(&p) {
                return Some(*l);
            }
            p.truncate(p.rfind(['.', '['])?);
        }
    }
}

/// The TOML plan the cells spell, then the plan reader's verdict, located by cell.
fn plan_from_cells(sheets: &[Cells]) -> Result<(String, Plan), Vec<Diagnostic>> {
    let mut b = Builder::default();
    b.text.push_str("format = 1\n");
    for (i, def) in SHEETS.iter().enumerate() {
        check_headers(&mut b, i, def, &sheets[i]);
        match def.shape {
            Shape::One => one(&mut b, i, def, &sheets[i]),
            Shape::Rows(array) => rows(&mut b, i, def, &sheets[i], array),
            Shape::Budget => budget(&mut b, i, def, &sheets[i]),
        }
    }
    let parsed = crate::core::parse::parse_plan(&b.text);
    if b.problems.is_empty()
        && let Ok(plan) = &parsed
    {
        return Ok((b.text, plan.clone()));
    }
    let mut all = std::mem::take(&mut b.problems);
    for d in parsed.err().unwrap_or_default() {
        let message = b
            .notes
            .get(&d.path)
            .cloned()
            .unwrap_or_else(|| for_a_workbook(&d.message));
        match b.locate(&d.path) {
            Some(loc) => all.push((loc, at(loc, &d.path, message))),
            // Not from a cell (none is known today): said without one, after the others.
            None => {
                let last = Loc {
                    sheet: SHEETS.len(),
                    row: 0,
                    col: 0,
                };
                let path = d.path.clone();
                all.push((last, Diagnostic { message, path, ..d }));
            }
        }
    }
    all.sort_by_key(|(loc, _)| *loc);
    let mut capped = crate::core::diag::Capped::default();
    capped.extend(all.into_iter().map(|(_, d)| d));
    Err(capped.finish())
}

/// The TOML reader's words for a value, said as a workbook holds it.
fn for_a_workbook(message: &str) -> String {
    message
        .replace(
            "a date such as 2027-01-01 (without quotes)",
            "a date cell or dd-mm-jjjj, e.g. 01-01-2027",
        )
        .replace("expected true or false", "expected ja or nee")
        .replace("8 digits in quotes", "8 digits")
        .replace(
            "an array of years, e.g. [2027, 2028]",
            "contract years separated by commas, e.g. 2027, 2028",
        )
        .replace("an array of names in quotes", "one name per row")
        .replace("an array of disciplines", "disciplines separated by commas")
        .replace("[[disciplines]] tables", "a filled row per discipline")
        .replace("[[activities]] tables", "a filled row per activity")
        .replace(
            "[[budget]] tables, one per contract year",
            "a filled row per contract year",
        )
        .replace(" in quotes", "")
}

fn check_headers(b: &mut Builder, sheet: usize, def: &SheetDef, cells: &Cells) {
    for (i, c) in def.cols.iter().enumerate() {
        let found = cells.get(&(0, i)).map(|v| show(v).trim().to_string());
        if found.as_deref().map(str::trim) != Some(c.header) {
            let loc = Loc { sheet, row: 0, col: i };
            let found = found.map_or("an empty cell".to_string(), |f| format!("\"{f}\""));
            b.problem(
                loc,
                "",
                format!(
                    "found header {found}, expected \"{}\" (the template's columns, in order)",
                    c.header
                ),
            );
        }
    }
    for &(row, col) in cells.keys() {
        if col >= def.cols.len() {
            let loc = Loc { sheet, row, col };
            let last = letter(def.cols.len() - 1);
            b.problem(
                loc,
                "",
                format!("found a value outside the template's columns, expected columns A-{last} only"),
            );
        }
    }
}

/// A one-record sheet: row 2, and list columns down from row 2.
fn one(b: &mut Builder, sheet: usize, def: &SheetDef, cells: &Cells) {
    let mut tables: Vec<&str> = Vec::new();
    for c in def.cols {
        let table = &c.key[..c.key.rfind('.').unwrap_or(0)];
        if !tables.contains(&table) {
            tables.push(table);
        }
    }
    for table in tables {
        let cols: Vec<(usize, &Col)> = def
            .cols
            .iter()
            .enumerate()
            .filter(|(_, c)| c.key.rsplit_once('.').is_some_and(|(t, _)| t == table))
            .collect();
        let filled = cols
            .iter()
            .any(|(i, _)| cells.range((1, *i)..).any(|(&(_, col), _)| col == *i));
        if def.optional_tables.contains(&table) && !filled {
            for (i, c) in &cols {
                b.place(c.key, Loc { sheet, row: 1, col: *i });
            }
            continue;
        }
        b.header(&format!("[{table}]"));
        for (i, c) in cols {
            let loc = Loc { sheet, row: 1, col: i };
            let leaf = &c.key[table.len() + 1..];
            if matches!(c.kind, Kind::Names) {
                names(b, sheet, i, c, cells);
                continue;
            }
            for (&(row, col), _) in cells.range((2, 0)..) {
                if col == i {
                    let loc = Loc { sheet, row, col };
                    b.problem(
                        loc,
                        c.key,
                        format!("found a value in row {}, expected this field in row 2 only", row + 1),
                    );
                }
            }
            b.kv(leaf, c.key, loc, c, cells.get(&(1, i)));
        }
    }
}

/// A column of names from row 2 down: one array.
fn names(b: &mut Builder, sheet: usize, i: usize, c: &Col, cells: &Cells) {
    let leaf = c.key.rsplit('.').next().unwrap_or(c.key);
    b.place(c.key, Loc { sheet, row: 1, col: i });
    let items: Vec<(u32, &V)> = cells
        .iter()
        .filter(|((r, col), _)| *col == i && *r >= 1)
        .map(|(&(r, _), v)| (r, v))
        .collect();
    if items.is_empty() {
        return;
    }
    let mut parts = Vec::new();
    for (n, (row, v)) in items.into_iter().enumerate() {
        b.place(&format!("{}[{n}]", c.key), Loc { sheet, row, col: i });
        parts.push(toml_string(&show(v)));
    }
    let _ = writeln!(b.text, "{leaf} = [{}]", parts.join(", "));
}

/// The filled data rows of a sheet, in order.
fn filled_rows(cells: &Cells, width: usize) -> Vec<u32> {
    let mut rows: Vec<u32> = cells
        .keys()
        .filter(|(r, c)| *r >= 1 && *c < width)
        .map(|(r, _)| *r)
        .collect();
    rows.dedup();
    rows
}

/// A sheet of rows: one `[[array]]` element per filled row.
fn rows(b: &mut Builder, sheet: usize, def: &SheetDef, cells: &Cells, array: &str) {
    b.place(array, Loc { sheet, row: 1, col: 0 });
    for (n, row) in filled_rows(cells, def.cols.len()).into_iter().enumerate() {
        let element = format!("{array}[{n}]");
        b.header(&format!("[[{array}]]"));
        record(b, sheet, row, def, cells, array, &element);
    }
}

/// The cells of one row as the keys of one element; sub-tables (`executor.name`) as their
/// own `[array.executor]` table after the plain keys.
fn record(b: &mut Builder, sheet: usize, row: u32, def: &SheetDef, cells: &Cells, array: &str, element: &str) {
    let mut subtables: Vec<&str> = Vec::new();
    for (i, c) in def.cols.iter().enumerate() {
        let (table, leaf) = c.key.split_once('.').map_or(("", c.key), |(t, l)| (t, l));
        if table == "co_funding" {
            continue;
        }
        if !table.is_empty() {
            if !subtables.contains(&table) {
                subtables.push(table);
            }
            continue;
        }
        let loc = Loc { sheet, row, col: i };
        b.kv(leaf, &format!("{element}.{leaf}"), loc, c, cells.get(&(row, i)));
    }
    for table in subtables {
        let cols: Vec<(usize, &Col)> = def
            .cols
            .iter()
            .enumerate()
            .filter(|(_, c)| c.key.split_once('.').is_some_and(|(t, _)| t == table))
            .collect();
        let filled = cols.iter().any(|(i, _)| cells.contains_key(&(row, *i)));
        if def.optional_tables.contains(&table) && !filled {
            for (i, c) in &cols {
                b.place(&format!("{element}.{}", c.key), Loc { sheet, row, col: *i });
            }
            continue;
        }
        b.header(&format!("[{array}.{table}]"));
        for (i, c) in cols {
            let leaf = &c.key[table.len() + 1..];
            let loc = Loc { sheet, row, col: i };
            b.kv(leaf, &format!("{element}.{}", c.key), loc, c, cells.get(&(row, i)));
        }
    }
}

/// `[[budget]]`: a row with a year or total starts a year; co-funding belongs to the last.
fn budget(b: &mut Builder, sheet: usize, def: &SheetDef, cells: &Cells) {
    b.place("budget", Loc { sheet, row: 1, col: 0 });
    let (mut years, mut funds) = (0usize, 0usize);
    let is_fund = |c: &Col| c.key.starts_with("co_funding.");
    for row in filled_rows(cells, def.cols.len()) {
        let has = |fund: bool| {
            def.cols
                .iter()
                .enumerate()
                .any(|(i, c)| is_fund(c) == fund && cells.contains_key(&(row, i)))
        };
        if has(false) {
            let element = format!("budget[{years}]");
            b.header("[[budget]]");
            record(b, sheet, row, def, cells, "budget", &element);
            years += 1;
            funds = 0;
        }
        if has(true) {
            if years == 0 {
                let loc = Loc { sheet, row, col: 2 };
                b.problem(
                    loc,
                    "budget",
                    "found co-funding before any year, expected a year in column A in this row or a row above".into(),
                );
                continue;
            }
            let element = format!("budget[{}].co_funding[{funds}]", years - 1);
            b.header("[[budget.co_funding]]");
            record_fund(b, sheet, row, def, cells, &element);
            funds += 1;
        }
    }
}

fn record_fund(b: &mut Builder, sheet: usize, row: u32, def: &SheetDef, cells: &Cells, element: &str) {
    for (i, c) in def.cols.iter().enumerate() {
        if let Some(leaf) = c.key.strip_prefix("co_funding.") {
            let loc = Loc { sheet, row, col: i };
            b.kv(leaf, &format!("{element}.{leaf}"), loc, c, cells.get(&(row, i)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_found_with_their_cell() {
        let xml = br#"<row r="3"><c r="B3" t="n"><f>1+1</f><v>2</v></c></row>"#;
        let pos = find_formula(xml).unwrap();
        assert_eq!(cell_before(xml, pos).as_deref(), Some("B3"));
        assert_eq!(find_formula(br#"<c r="A1"><v>1</v></c>"#), None);
    }
}
