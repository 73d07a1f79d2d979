//! `--json` output: pretty JSON written straight to standard output through a buffer, with
//! the characters a terminal would act on escaped in every string as it is written. The
//! bytes are those of [`crate::core::sanitize::json_for_terminal`] over the whole text, but
//! no copy of the whole document is made (a queue of 10,000 plans is 4 MB of JSON).

use crate::core::sanitize::json_for_terminal;
use serde_json::ser::{Formatter, PrettyFormatter};
use std::io::{self, Write};

/// serde_json's pretty layout; string contents are made terminal-safe. serde_json escapes
/// C0 controls itself (`write_char_escape`); everything else a terminal acts on (DEL, C1
/// controls, bidi overrides) can only occur inside a string's contents, which pass here.
struct TerminalSafe(PrettyFormatter<'static>);

impl Formatter for TerminalSafe {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, w: &mut W, fragment: &str) -> io::Result<()> {
        w.write_all(json_for_terminal(fragment).as_bytes())
    }
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Writes `value` as terminal-safe pretty JSON and a line break to `w`.
pub fn write_json(w: &mut impl Write, value: &impl serde::Serialize) -> anyhow::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *w, TerminalSafe(PrettyFormatter::new()));
    value.serialize(&mut ser)?;
    w.write_all(b"\n")?;
    Ok(())
}

/// Prints `value` as terminal-safe pretty JSON on standard output (buffered, one pass).
pub fn print_json(value: &impl serde::Serialize) -> anyhow::Result<()> {
    let mut out = io::BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    write_json(&mut out, value)?;
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The streamed output is byte for byte the old one: the whole pretty text, then made
    /// terminal-safe, then a line break.
    #[test]
    fn streamed_json_is_the_whole_text_made_terminal_safe() {
        let value = serde_json::json!({
            "plain": "Zorgregio Noord",
            "accents": "Coöperatie Gezond Één",
            "controls": "a\u{7f}b\u{9b}31mc\u{202e}d\u{2066}e\u{1b}[2J\n\t\"q\"",
            "\u{202e}key": [1, 2.5, null, true, {"x": "\u{85}"}],
            "empty": [],
            "nested": {},
        });
        let mut got = Vec::new();
        write_json(&mut got, &value).unwrap();
        let text = serde_json::to_string_pretty(&value).unwrap();
        let want = format!("{}\n", json_for_terminal(&text));
        assert_eq!(String::from_utf8(got).unwrap(), want);
        assert!(want.contains("\\u202e") && want.contains("\\u009b") && want.contains("\\u007f"));
    }
}
