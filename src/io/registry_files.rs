//! Reading registry files (CSV, Excel `.xlsx`, TOML) into checked arrangements.
//!
//! The file formats are the shell's business; every cell is checked by
//! [`crate::core::funding::registry`], so the rules and messages are the same for all three.
//! A file with any error yields only diagnostics: nothing of it is imported.

use crate::core::diag::Diagnostic;
use crate::core::funding::Arrangement;
use crate::core::funding::registry::{self, Cell, RowPlace};
use crate::core::plan::Date;
use crate::io::files::{read_bytes, utf8};
use std::path::Path;

mod sheet;
pub(crate) use sheet::check_zip;
pub use sheet::{MAX_CELL_CHARS, MAX_CELL_TEXT_BYTES, MAX_CELLS, MAX_PARTS, MAX_UNPACKED_BYTES};

/// The largest registry file read: 64 MiB (a national registry is far smaller).
pub const MAX_REGISTRY_BYTES: u64 = 64 * 1024 * 1024;
/// The most rows a registry file may have, the header row included (CSV records, sheet rows).
pub const MAX_ROWS: u32 = 200_000;
/// The most columns a registry file may use (a sheet's values lie in columns A to BL).
pub const MAX_COLUMNS: u32 = 64;
/// The longest CSV record, in bytes.
pub const MAX_RECORD_BYTES: usize = 1024 * 1024;

/// Reads a registry file by its extension: `.csv`, `.xlsx` (first sheet) or `.toml`.
pub fn read_registry(path: &Path) -> Result<Vec<Arrangement>, Vec<Diagnostic>> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let what = "a registry file (.csv, .xlsx or .toml)";
    if path.is_dir() {
        return Err(vec![whole(format!("is a folder, expected {what}"))]);
    }
    match ext.as_str() {
        "csv" | "txt" => read_csv(&utf8(strip_bom(read_bytes(path, what, MAX_REGISTRY_BYTES)?))?),
        "xlsx" | "xlsm" => {
            let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
            if size > MAX_REGISTRY_BYTES {
                return Err(vec![whole(format!(
                    "file is larger than {MAX_REGISTRY_BYTES} bytes, expected at most {} MiB for {what}",
                    MAX_REGISTRY_BYTES / (1024 * 1024)
                ))]);
            }
            sheet::read_sheet(path)
        }
        "xls" | "ods" => Err(vec![whole(format!(
            ".{ext} workbooks are not read; save the sheet as .xlsx or .csv"
        ))]),
        "toml" => registry::parse_toml(&utf8(read_bytes(path, what, MAX_REGISTRY_BYTES)?)?).map_err(|ds| {
            let mut capped = crate::core::diag::Capped::default();
            capped.extend(ds);
            capped.finish()
        }),
        other => Err(vec![whole(format!(
            "unknown file type \"{}\", expected {what}",
            crate::core::sanitize::clean(other)
        ))]),
    }
}

fn whole(message: String) -> Diagnostic {
    Diagnostic {
        line: None,
        column: None,
        path: String::new(),
        message,
    }
}

fn strip_bom(mut bytes: Vec<u8>) -> Vec<u8> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    bytes
}

/// Spreadsheet column letters: 0 → A, 26 → AA.
pub fn column_letter(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// CSV with a header row; the separator is `,` or, as Dutch Excel writes it, `;`.
pub fn read_csv(text: &str) -> Result<Vec<Arrangement>, Vec<Diagnostic>> {
    let first = text.lines().next().unwrap_or("");
    let sep = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let rows = csv_rows(text, sep)?;
    let mut it = rows.into_iter();
    let Some((_, _, head)) = it.next() else {
        return Err(vec![whole(
            "the file is empty; expected a header row and one row per arrangement".into(),
        )]);
    };
    // Rows of only separators are empty rows (Excel writes them so): skipped, as in a sheet.
    let data = it
        .filter(|(_, _, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .map(|(row, line, cells)| {
            let place = RowPlace {
                row,
                line: line.filter(|&l| l as usize != row),
            };
            (place, cells.into_iter().map(Cell::Text).collect())
        });
    from_table(&head, 1, data, &column_letter)
}

/// A CSV record: its row number (1 = header), its line where known, its cells.
type CsvRow = (usize, Option<u32>, Vec<String>);

/// The CSV's records in file order, each with its row number (1 = header) and, where the
/// csv crate knows it, its line; a bad record or one over the limits ends the reading.
fn csv_rows(text: &str, sep: u8) -> Result<Vec<CsvRow>, Vec<Diagnostic>> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // The line of a byte offset, counted here: the csv crate's own line count is off for
    // CRLF files and blank lines.
    // A record's position can point at the line break before it: step over line breaks first.
    // Records come in file order, so the count goes on from the last one (linear, not a scan
    // from the start per record).
    let bytes = text.as_bytes();
    let mut seen = (0usize, 1u32);
    let mut line_at = |byte: u64| {
        let mut at = (byte as usize).min(bytes.len());
        while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
            at += 1;
        }
        let (from, line) = if at >= seen.0 { seen } else { (0, 1) };
        let line = line + bytes[from..at].iter().filter(|&&b| b == b'\n').count() as u32;
        seen = (at, line);
        line
    };
    let mut rows = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        if i >= MAX_ROWS as usize {
            let line = rec.ok().and_then(|r| r.position().map(|p| line_at(p.byte())));
            return Err(vec![Diagnostic {
                line,
                column: None,
                path: format!("row {}", i + 1),
                message: format!("more than {MAX_ROWS} rows, the most a registry file may have"),
            }]);
        }
        match rec {
            Ok(r) => {
                let line = r.position().map(|p| line_at(p.byte()));
                let bytes = r.as_slice().len() + r.len();
                if bytes > MAX_RECORD_BYTES || r.len() > MAX_COLUMNS as usize {
                    return Err(vec![Diagnostic {
                        line,
                        column: None,
                        path: format!("row {}", i + 1),
                        message: format!(
                            "{bytes} bytes in {} fields, expected at most {MAX_RECORD_BYTES} bytes and \
                             {MAX_COLUMNS} fields",
                            r.len()
                        ),
                    }]);
                }
                rows.push((i + 1, line, r.iter().map(str::to_string).collect::<Vec<_>>()));
            }
            Err(e) => {
                let line = e.position().map(|p| line_at(p.byte()));
                return Err(vec![Diagnostic {
                    line,
                    column: None,
                    path: format!("row {}", i + 1),
                    message: format!("not valid CSV: {e}"),
                }]);
            }
        }
    }
    Ok(rows)
}

/// Excel's day 0 in the 1900 date system, 1899-12-30, as days since 1970-01-01.
const EXCEL_DAY_ZERO: i64 = -25_569;

/// Excel's day serial (1900 system, days since 1899-12-30) to a date.
pub fn excel_date(serial: f64) -> Option<Date> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    Date::from_days_since_epoch(serial.floor() as i64 + EXCEL_DAY_ZERO)
}

fn from_table(
    head: &[String],
    head_row: usize,
    data: impl Iterator<Item = (RowPlace, Vec<Cell>)>,
    col_name: &dyn Fn(usize) -> String,
) -> Result<Vec<Arrangement>, Vec<Diagnostic>> {
    let columns = registry::header(head, head_row, col_name)?;
    // The first 100 problems, then a count: a file with a million bad rows stays readable.
    let mut diags = crate::core::diag::Capped::default();
    let mut row_diags = Vec::new();
    let mut items = Vec::new();
    for (place, cells) in data {
        if cells.len() > head.len() && cells[head.len()..].iter().any(|c| !c.is_blank()) {
            diags.push(Diagnostic {
                line: Some(place.line.unwrap_or(place.row as u32)),
                column: None,
                path: format!("row {}", place.row),
                message: format!(
                    "{} cells, expected at most {} (one per header column)",
                    cells.len(),
                    head.len()
                ),
            });
            continue;
        }
        if let Some(a) = registry::from_row(&columns, &cells, &place, col_name, &mut row_diags) {
            items.push((place, a));
        }
        diags.extend(row_diags.drain(..));
    }
    if items.is_empty() && diags.is_empty() {
        diags.push(whole(
            "no arrangements: the file has a header row but no data rows".into(),
        ));
    }
    registry::check_all(&items, |row| format!("row {row}"), &mut row_diags);
    diags.extend(row_diags);
    if diags.is_empty() {
        Ok(items.into_iter().map(|(_, a)| a).collect())
    } else {
        Err(diags.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serials_and_letters() {
        assert_eq!(excel_date(46388.0), Date::new(2027, 1, 1));
        assert_eq!(excel_date(45658.0), Date::new(2025, 1, 1));
        assert_eq!(excel_date(46388.75), Date::new(2027, 1, 1));
        assert_eq!(excel_date(25_569.0), Date::new(1970, 1, 1));
        assert_eq!(excel_date(1.0), Date::new(1899, 12, 31));
        assert_eq!(excel_date(61.0), Date::new(1900, 3, 1));
        assert_eq!(excel_date(2_958_465.0), Date::new(9999, 12, 31));
        assert_eq!(excel_date(0.5), None);
        assert_eq!(excel_date(2_958_466.0), None);
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(13), "N");
        assert_eq!(column_letter(27), "AB");
    }

    #[test]
    fn semicolon_csv_reads_and_bad_rows_are_named() {
        let text = "id;funder;stream;recipient;description;start;end;annual_amount\n\
                    A;CZ;ros;ROS Zuid;Ondersteuning;2027-01-01;2027-12-31;100000\n\
                    B;CZ;ros;ROS Zuid;Ondersteuning;2027-01-01;2026-12-31;-1\n";
        let err = read_csv(text).unwrap_err();
        let shown: Vec<String> = err.iter().map(|d| d.to_string()).collect();
        assert_eq!(shown.len(), 1, "{shown:?}");
        assert!(shown[0].starts_with("3: row 3, column H (annual_amount): found \"-1\", a negative amount"));
        let ok = read_csv(&text.replace(";-1", ";1").replace("2026-12-31", "2027-12-31")).unwrap();
        assert_eq!(ok.len(), 2);
    }
}
