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

/// At most this many diagnostics are kept for one file; the rest are counted.
pub const MAX_SHOWN: usize = 100;

/// The start of the closing line of a capped report: `... and 17 more errors`.
const MORE: &str = "... and ";

/// Collects the first [`MAX_SHOWN`] diagnostics and counts the rest, so a hostile file with
/// millions of bad rows costs neither memory nor millions of lines.
#[derive(Debug, Default)]
pub struct Capped {
    kept: Vec<Diagnostic>,
    more: usize,
}

impl Capped {
    pub fn push(&mut self, d: Diagnostic) {
        if self.kept.len() < MAX_SHOWN {
            self.kept.push(d);
        } else {
            self.more += 1;
        }
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        for d in ds {
            self.push(d);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// The kept diagnostics by line, then, if any were left out, one line saying how many.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        self.kept.sort_by_key(|d| d.line.unwrap_or(0));
        if self.more > 0 {
            self.kept.push(Diagnostic {
                line: None,
                column: None,
                path: String::new(),
                message: format!("{MORE}{} more errors", self.more),
            });
        }
        self.kept
    }
}

/// How many problems a list of diagnostics reports, counting those a [`Capped`] left out.
pub fn total(diags: &[Diagnostic]) -> usize {
    let more = diags
        .last()
        .filter(|d| d.line.is_none() && d.path.is_empty())
        .and_then(|d| {
            d.message
                .strip_prefix(MORE)?
                .strip_suffix(" more errors")?
                .parse::<usize>()
                .ok()
        });
    match more {
        Some(n) => diags.len() - 1 + n,
        None => diags.len(),
    }
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
    fn capped_keeps_the_first_hundred_and_counts_the_rest() {
        let mut c = Capped::default();
        c.extend((0..250u32).rev().map(|i| Diagnostic {
            line: Some(i + 1),
            column: None,
            path: format!("row {}", i + 1),
            message: "bad".into(),
        }));
        let shown = c.finish();
        assert_eq!(shown.len(), MAX_SHOWN + 1);
        assert_eq!(shown[0].line, Some(151), "kept in the order found, shown by line");
        assert_eq!(shown[MAX_SHOWN].to_string(), "... and 150 more errors");
        assert_eq!(total(&shown), 250);
        assert_eq!(total(&shown[..3]), 3);
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
