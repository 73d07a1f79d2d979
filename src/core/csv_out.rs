//! The one CSV writer for everything resv writes (decision exports, the national report,
//! samples from the CLI and the TUI): every cell goes through
//! [`crate::sanitize::csv_cell`], so no control character reaches a file raw and no
//! cell runs as a spreadsheet formula.

use crate::sanitize::csv_cell;

pub struct CsvOut {
    w: csv::Writer<Vec<u8>>,
}

impl Default for CsvOut {
    fn default() -> Self {
        CsvOut::new()
    }
}

impl CsvOut {
    pub fn new() -> CsvOut {
        CsvOut {
            w: csv::Writer::from_writer(Vec::new()),
        }
    }

    /// One record; every cell neutralised and defused.
    pub fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) -> Result<(), csv::Error> {
        self.w.write_record(cells.into_iter().map(|c| csv_cell(c.as_ref())))
    }

    /// The CSV text.
    pub fn finish(self) -> Result<String, csv::Error> {
        let bytes = self.w.into_inner().map_err(|e| csv::Error::from(e.into_error()))?;
        // Every cell was a `&str`, so the bytes are UTF-8.
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_neutralised_and_defused() {
        let mut w = CsvOut::new();
        w.row(["id", "name"]).unwrap();
        w.row(["A,1", "@SUM(1)\u{1b}[2J\u{202E}"]).unwrap();
        assert_eq!(w.finish().unwrap(), "id,name\n\"A,1\",'@SUM(1)\u{241B}[2J\u{FFFD}\n");
    }
}
