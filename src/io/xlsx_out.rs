//! The one spreadsheet writer (issue 19): every `.xlsx` file resv writes goes through here,
//! and from here through [`super::output`] (a new file, never overwriting, never through a
//! link).
//!
//! Cells are typed: text as text (never a formula: a cell starting with `=` stays text), whole
//! numbers and decimals as numbers, amounts as numbers in a euro format (`€ #,##0.00`),
//! rates in a percent format, dates as Excel dates (`yyyy-mm-dd`). Each sheet has one header
//! row, bold and frozen. Text is neutralised like every outside text (control and
//! bidirectional characters made visible) and cut at Excel's 32,767 characters.

use crate::core::money::Cents;
use crate::core::plan::Date;
use crate::core::sanitize::clean;
use anyhow::{Context, Result, bail};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};
use std::path::Path;

/// Excel's row limit, less the header row.
pub const MAX_ROWS: usize = 1_048_575;
/// Excel's limit of characters in one cell.
const MAX_CELL_CHARS: usize = 32_767;

/// One typed cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    Number(f64),
    /// An amount, shown in euros with a euro format.
    Euros(Cents),
    /// A rate (0.05), shown as a percentage.
    Rate(f64),
    Date(Date),
    Bool(bool),
    Empty,
}

impl Cell {
    pub fn text(t: impl Into<String>) -> Cell {
        Cell::Text(t.into())
    }

    /// A date from text starting `YYYY-MM-DD` (a timestamp's date); text when it is none.
    pub fn date_of(t: crate::core::time::Instant) -> Cell {
        Cell::Date(t.date())
    }
}

/// One sheet: its name (at most 31 characters, none of `[]:*?/\`), the header row, the rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

struct Formats {
    header: Format,
    euros: Format,
    rate: Format,
    date: Format,
}

fn write_cell(ws: &mut Worksheet, row: u32, col: u16, cell: &Cell, f: &Formats) -> Result<()> {
    match cell {
        Cell::Text(t) => {
            let t = clean(t);
            let cut: String = t.chars().take(MAX_CELL_CHARS).collect();
            ws.write_string(row, col, cut)?;
        }
        Cell::Int(n) => {
            ws.write_number(row, col, *n as f64)?;
        }
        Cell::Number(x) if x.is_finite() => {
            ws.write_number(row, col, *x)?;
        }
        Cell::Euros(c) => {
            ws.write_number_with_format(row, col, c.0 as f64 / 100.0, &f.euros)?;
        }
        Cell::Rate(x) if x.is_finite() => {
            ws.write_number_with_format(row, col, *x, &f.rate)?;
        }
        Cell::Date(d) => {
            let dt = ExcelDateTime::from_ymd(d.year, d.month, d.day)?;
            ws.write_datetime_with_format(row, col, &dt, &f.date)?;
        }
        Cell::Bool(b) => {
            ws.write_boolean(row, col, *b)?;
        }
        Cell::Number(_) | Cell::Rate(_) | Cell::Empty => {}
    }
    Ok(())
}

fn sheet_name_ok(name: &str) -> bool {
    !name.is_empty() && name.chars().count() <= 31 && !name.contains(['[', ']', ':', '*', '?', '/', '\\'])
}

/// The workbook as bytes.
pub fn workbook(sheets: &[Sheet]) -> Result<Vec<u8>> {
    let f = Formats {
        header: Format::new().set_bold(),
        euros: Format::new().set_num_format("€ #,##0.00"),
        rate: Format::new().set_num_format("0.00%"),
        date: Format::new().set_num_format("yyyy-mm-dd"),
    };
    let mut wb = Workbook::new();
    for s in sheets {
        if !sheet_name_ok(&s.name) {
            bail!("sheet name {:?}: expected 1 to 31 characters, none of []:*?/\\", s.name);
        }
        if s.rows.len() > MAX_ROWS {
            bail!("sheet {}: {} rows, expected at most {MAX_ROWS}", s.name, s.rows.len());
        }
        let ws = wb.add_worksheet();
        ws.set_name(&s.name)?;
        for (c, h) in s.header.iter().enumerate() {
            let col = u16::try_from(c).context("too many columns")?;
            ws.write_string_with_format(0, col, clean(h), &f.header)?;
            ws.set_column_width(col, (h.chars().count() as f64 + 2.0).clamp(10.0, 40.0))?;
        }
        ws.set_freeze_panes(1, 0)?;
        for (r, row) in s.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let col = u16::try_from(c).context("too many columns")?;
                write_cell(ws, r as u32 + 1, col, cell, &f)?;
            }
        }
    }
    Ok(wb.save_to_buffer()?)
}

/// Writes the workbook to `dest`: a new file (an existing one only with `--force`).
pub fn write(dest: &Path, sheets: &[Sheet], existing: super::output::Existing) -> Result<()> {
    super::output::write(dest, &workbook(sheets)?, existing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_sheet_names_are_refused() {
        let s = |name: &str| Sheet {
            name: name.into(),
            header: vec![],
            rows: vec![],
        };
        assert!(workbook(&[s("Jaren")]).is_ok());
        assert!(workbook(&[s("a/b")]).unwrap_err().to_string().contains("sheet name"));
        assert!(workbook(&[s(&"x".repeat(32))]).is_err());
    }
}
