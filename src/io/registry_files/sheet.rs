//! Reading the first sheet of an Excel workbook (`.xlsx`, `.xlsm`) without trusting it.
//!
//! A workbook is a zip of XML parts, and both layers can lie. Before calamine reads a byte,
//! the zip's parts are counted and every part is inflated once into nothing, counting what
//! it really unpacks to (a declared size is only a claim): over [`MAX_UNPACKED_BYTES`] the
//! workbook is refused. The sheet is then read cell by cell (calamine's streaming reader,
//! never `worksheet_range`, which allocates the declared dimension); the used range is the
//! cells that hold values, whatever `<dimension ref>` says; rows, columns, cells and text are
//! bounded. Every refusal names the file and, where there is one, the cell.

use super::{MAX_COLUMNS, MAX_ROWS, column_letter, excel_date, from_table, whole};
use crate::core::diag::Diagnostic;
use crate::core::funding::Arrangement;
use crate::core::funding::registry::{Cell, RowPlace};
use std::collections::BTreeMap;
use std::io::{BufReader, Read};
use std::path::Path;

/// The most a workbook may unpack to, all parts together: 64 MiB.
pub const MAX_UNPACKED_BYTES: u64 = 64 * 1024 * 1024;
/// The most parts (zip entries) a workbook may have.
pub const MAX_PARTS: usize = 1_000;
/// The most cells with a value the sheet may have.
pub const MAX_CELLS: usize = 2_000_000;
/// The longest cell, in characters: Excel's own limit.
pub const MAX_CELL_CHARS: usize = 32_767;
/// The most text the sheet's cells may hold together, in bytes (a shared string counts once
/// per cell that uses it).
pub const MAX_CELL_TEXT_BYTES: usize = 64 * 1024 * 1024;

const MIB: u64 = 1024 * 1024;

fn unreadable(e: impl std::fmt::Display) -> Vec<Diagnostic> {
    vec![whole(format!(
        "cannot read the workbook: {e}; expected an Excel .xlsx file"
    ))]
}

/// Counts the zip's parts and what each really unpacks to, before anything else reads it.
/// `what` names the kind of workbook in the refusals ("registry workbook").
fn check_unpacked(path: &Path, what: &str) -> Result<(), Vec<Diagnostic>> {
    let file = std::fs::File::open(path).map_err(unreadable)?;
    check_zip(BufReader::new(file), what)
}

/// [`check_unpacked`] for a workbook already in hand (a file read into memory, say).
pub(crate) fn check_zip<R: Read + std::io::Seek>(reader: R, what: &str) -> Result<(), Vec<Diagnostic>> {
    let mut zip = zip::ZipArchive::new(reader).map_err(unreadable)?;
    if zip.len() > MAX_PARTS {
        return Err(vec![whole(format!(
            "the workbook has {} parts, more than the {MAX_PARTS} a {what} may have",
            zip.len()
        ))]);
    }
    let too_big = |detail: String| {
        vec![whole(format!(
            "the workbook unpacks to more than {} MiB ({detail}); expected a {what} of at most {} MiB unpacked",
            MAX_UNPACKED_BYTES / MIB,
            MAX_UNPACKED_BYTES / MIB
        ))]
    };
    let mut declared = 0u64;
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(unreadable)?;
        declared = declared.saturating_add(part.size());
    }
    if declared > MAX_UNPACKED_BYTES {
        return Err(too_big(format!("its parts declare {declared} bytes")));
    }
    let mut unpacked = 0u64;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(unreadable)?;
        let name = crate::core::sanitize::clean(part.name()).into_owned();
        let room = MAX_UNPACKED_BYTES - unpacked;
        let n = std::io::copy(&mut (&mut part).take(room + 1), &mut std::io::sink())
            .map_err(|e| unreadable(format!("part {name}: {e}")))?;
        unpacked += n;
        if unpacked > MAX_UNPACKED_BYTES {
            return Err(too_big(format!("part {name} inflates past the limit")));
        }
    }
    Ok(())
}

/// A cell's value as the registry checks it; `None` for an empty cell.
fn value(d: &calamine::DataRef<'_>) -> Option<Cell> {
    use calamine::DataRef;
    Some(match d {
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text((*s).to_string()),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Text(b.to_string()),
        DataRef::DateTime(dt) => excel_date(dt.as_f64()).map_or(Cell::Text(dt.to_string()), Cell::Date),
        DataRef::Error(e) => Cell::Text(format!("#{e:?}")),
        DataRef::Empty => return None,
    })
}

/// What a sheet has used of its bounds so far.
#[derive(Default)]
struct Budget {
    cells: usize,
    text_bytes: usize,
}

impl Budget {
    /// Takes one cell with a value, or says which bound it passes.
    fn admit(&mut self, row: u32, col: u32, v: &Cell) -> Result<(), String> {
        if row >= MAX_ROWS {
            return Err(format!(
                "a value in row {}, past row {MAX_ROWS}, the last a registry sheet may use",
                row + 1
            ));
        }
        if col >= MAX_COLUMNS {
            return Err(format!(
                "a value in column {}, past column {} ({MAX_COLUMNS} columns), the last a registry sheet \
                 may use; expected the registry's columns only",
                column_letter(col as usize),
                column_letter(MAX_COLUMNS as usize - 1)
            ));
        }
        self.cells += 1;
        if self.cells > MAX_CELLS {
            return Err(format!(
                "more than {MAX_CELLS} cells with a value; expected one row per arrangement"
            ));
        }
        if let Cell::Text(t) = v {
            if t.chars().count() > MAX_CELL_CHARS {
                return Err(format!(
                    "{} characters, expected at most {MAX_CELL_CHARS}",
                    t.chars().count()
                ));
            }
            self.text_bytes += t.len();
            if self.text_bytes > MAX_CELL_TEXT_BYTES {
                return Err(format!(
                    "the cells hold more than {} MiB of text",
                    MAX_CELL_TEXT_BYTES as u64 / MIB
                ));
            }
        }
        Ok(())
    }
}

/// The first sheet of a workbook; cells typed as dates are taken as dates.
pub(super) fn read_sheet(path: &Path) -> Result<Vec<Arrangement>, Vec<Diagnostic>> {
    use calamine::{Reader, Xlsx};
    check_unpacked(path, "registry workbook")?;
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut wb = Xlsx::new(BufReader::new(file)).map_err(unreadable)?;
    let Some(sheet) = wb.sheet_names().first().cloned() else {
        return Err(vec![whole("the workbook has no sheets".into())]);
    };
    let shown = crate::core::sanitize::clean(&sheet).into_owned();
    let mut cells = wb
        .worksheet_cells_reader(&sheet)
        .map_err(|e| vec![whole(format!("cannot read sheet \"{shown}\": {e}"))])?;
    let refuse = |row: u32, col: u32, message: String| {
        vec![Diagnostic {
            line: Some(row + 1),
            column: None,
            path: format!("cell {}{} of sheet {shown}", column_letter(col as usize), row + 1),
            message,
        }]
    };
    // Rows by number (zero-based), each its cells from column A; only cells with a value.
    let mut rows: BTreeMap<u32, Vec<Cell>> = BTreeMap::new();
    let mut budget = Budget::default();
    while let Some(c) = cells
        .next_cell()
        .map_err(|e| vec![whole(format!("cannot read sheet \"{shown}\": {e}"))])?
    {
        let (row, col) = c.get_position();
        let Some(v) = value(c.get_value()).filter(|v| !v.is_blank()) else {
            continue;
        };
        if let Err(message) = budget.admit(row, col, &v) {
            return Err(refuse(row, col, message));
        }
        let r = rows.entry(row).or_default();
        if r.len() <= col as usize {
            r.resize_with(col as usize + 1, || Cell::Text(String::new()));
        }
        r[col as usize] = v;
    }
    drop(cells);
    let mut rows = rows.into_iter();
    let Some((top, head)) = rows.next() else {
        return Err(vec![whole("the first sheet is empty; expected a header row".into())]);
    };
    // The header row's first value is the table's first column.
    let left = head.iter().position(|c| !c.is_blank()).unwrap_or(0);
    let head: Vec<String> = head[left..].iter().map(Cell::text).collect();
    let mut data = Vec::new();
    for (row, mut r) in rows {
        if let Some(col) = r[..left.min(r.len())].iter().position(|c| !c.is_blank()) {
            return Err(refuse(
                row,
                col as u32,
                format!(
                    "a value left of the header row's first column {}; expected the table to start there",
                    column_letter(left)
                ),
            ));
        }
        let cells = r.split_off(left.min(r.len()));
        data.push((
            RowPlace {
                row: row as usize + 1,
                line: None,
            },
            cells,
        ));
    }
    let name = |i: usize| format!("{} of sheet {shown}", column_letter(left + i));
    from_table(&head, top as usize + 1, data.into_iter(), &name)
}
