//! Diagnostics: what is wrong, where, and what was expected.

use serde::Serialize;
use std::fmt;

/// One problem found in an input file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// 1-based line, where the parser knows it.
    pub line: Option<u32>,
    /// 1-based column (in characters), where the parser knows it.
    pub column: Option<u32>,
    /// Field path such as `activities[3].main_task`; empty for the whole file.
    pub path: String,
    /// What was found and what was expected.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{l}:{c}: ")?,
            (Some(l), None) => write!(f, "{l}: ")?,
            _ => {}
        }
        if !self.path.is_empty() {
            write!(f, "{}: ", super::sanitize::clean(&self.path))?;
        }
        f.write_str(&super::sanitize::clean(&self.message))
    }
}

/// Formats diagnostics for one file, one per line, as `FILE:LINE:COL: PATH: MESSAGE`.
pub fn render(file: &str, diags: &[Diagnostic]) -> String {
    let file = super::sanitize::clean(file);
    diags
        .iter()
        .map(|d| {
            if d.line.is_some() {
                format!("{file}:{d}\n")
            } else {
                format!("{file}: {d}\n")
            }
        })
        .collect()
}

/// Maps byte offsets of a text to 1-based line and column.
#[derive(Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// Line and column (in characters) of a byte offset in `text`.
    pub fn locate(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let col = text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(offset - start);
        (line as u32, col as u32 + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_lines_and_columns() {
        let text = "a = 1\nbé = 2\n\nc";
        let idx = LineIndex::new(text);
        assert_eq!(idx.locate(text, 0), (1, 1));
        assert_eq!(idx.locate(text, 6), (2, 1));
        assert_eq!(idx.locate(text, 10), (2, 4)); // after the two-byte é
        assert_eq!(idx.locate(text, text.len()), (4, 2));
    }

    #[test]
    fn display_neutralises_found_text() {
        let d = Diagnostic {
            line: Some(3),
            column: Some(7),
            path: "plan.id".into(),
            message: "found \u{1b}[31m".into(),
        };
        assert_eq!(d.to_string(), "3:7: plan.id: found \u{241B}[31m");
    }
}
