//! Neutralising outside text before it reaches a terminal.
//!
//! Plan files are outside input. A string in a plan could carry ANSI CSI or OSC escape
//! sequences (move the cursor, retitle the terminal, write to the clipboard) or bidi
//! overrides that make text read differently from what it is. Every piece of plan text goes
//! through [`clean`] before it is drawn or printed: control characters become visible
//! Unicode control pictures, so the sequence is shown, never executed.

use std::borrow::Cow;

/// True for characters that must never be written to a terminal raw.
fn is_unsafe(c: char) -> bool {
    c.is_control() // C0, DEL and C1 (includes ESC, CSI 0x9B, OSC 0x9D)
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{061C}')
        || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FFF9}'..='\u{FFFB}')
}

fn picture(c: char) -> char {
    match c {
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        '\u{7F}' => '\u{2421}',
        _ => '\u{FFFD}',
    }
}

/// Single-line display text: every control character (newlines and tabs too) becomes a
/// visible stand-in; a newline or tab becomes a plain space.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\n' | '\t' | '\r' => ' ',
                c if is_unsafe(c) => picture(c),
                c => c,
            })
            .collect(),
    )
}

/// Multi-line display text: keeps line breaks, neutralises everything else.
/// Neutralised and cut to `width` characters, with an ellipsis where cut.
pub fn clip(text: &str, width: usize) -> String {
    let t = clean(text);
    if t.chars().count() <= width {
        t.into_owned()
    } else {
        let mut s: String = t.chars().take(width.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

pub fn clean_lines(text: &str) -> Vec<String> {
    text.lines().map(|l| clean(l).into_owned()).collect()
}

/// JSON for a terminal: serde_json escapes only C0 controls, so DEL, C1 controls (such as
/// the 8-bit CSI) and bidi overrides are escaped here as `\uXXXX`. The result is the same
/// JSON value, and safe to print.
pub fn json_for_terminal(json: &str) -> Cow<'_, str> {
    // Outside strings JSON has only structural white space; inside them serde_json has
    // already escaped every C0 control, so white space seen here is structural.
    let escape = |c: char| is_unsafe(c) && !matches!(c, '\n' | '\t' | '\r');
    // Printable ASCII and structural white space are safe: only from the first other byte
    // (a character's first byte, as everything before it is ASCII) are characters decoded.
    let plain = |b: &u8| matches!(b, b' '..=b'~' | b'\n' | b'\t' | b'\r');
    match json.bytes().position(|b| !plain(&b)) {
        None => return Cow::Borrowed(json),
        Some(from) if !json[from..].chars().any(escape) => return Cow::Borrowed(json),
        Some(_) => {}
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if escape(c) {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A CSV cell as resv writes it to any file or terminal: every control character but the
/// line break (which CSV quotes) shown as in [`clean`], so `cat` on the file can never run an
/// escape sequence, then defused against formulas.
pub fn csv_cell(text: &str) -> String {
    let shown: String = if text.chars().any(is_unsafe) {
        text.chars()
            .map(|c| match c {
                '\n' => '\n',
                '\t' | '\r' => ' ',
                c if is_unsafe(c) => picture(c),
                c => c,
            })
            .collect()
    } else {
        text.to_string()
    };
    defuse(shown)
}

/// Prefixes a CSV cell that a spreadsheet would run as a formula with `'`.
pub fn defuse(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && cell.parse::<f64>().is_err() {
        format!("'{cell}")
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(clean("Zorg in de wijk"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_are_neutralised() {
        let evil = "a\u{1b}[2J\u{1b}]0;pwned\u{7}b\u{9b}31m\u{202E}c";
        let out = clean(evil);
        assert!(!out.chars().any(is_unsafe), "{out:?}");
        assert!(out.contains('\u{241B}'), "ESC is shown as a picture: {out:?}");
        assert!(out.starts_with('a') && out.ends_with('c'));
    }

    #[test]
    fn json_keeps_its_value_and_loses_raw_controls() {
        let value = serde_json::json!({"name": "a\u{9b}31m\u{7f}\u{202e}b\u{1b}"});
        let text = serde_json::to_string_pretty(&value).unwrap();
        let safe = json_for_terminal(&text);
        assert!(!safe.chars().any(|c| is_unsafe(c) && c != '\n'), "{safe}");
        assert!(safe.contains('\n'), "structural new lines stay");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&safe).unwrap(), value);
    }

    #[test]
    fn json_is_checked_past_its_ascii_start_and_safe_json_is_kept_as_it_is() {
        // Safe letters first (ë, é), then a DEL, a CSI and a bidi override further on.
        let value = serde_json::json!([{"name": "Zuidoost Ëé"}, {"name": "x\u{7f}y\u{9b}z\u{202e}"}]);
        let text = serde_json::to_string_pretty(&value).unwrap();
        let safe = json_for_terminal(&text);
        assert!(!safe.chars().any(|c| is_unsafe(c) && c != '\n'), "{safe}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&safe).unwrap(), value);
        for ok in ["[\n  1,\n\t\"a b ~\"\r\n]", "{\"naam\": \"Friesland ë\"}"] {
            assert!(matches!(json_for_terminal(ok), Cow::Borrowed(b) if b == ok), "{ok}");
        }
    }

    #[test]
    fn invisible_format_characters_are_shown() {
        assert!(!clean("a\u{200B}b\u{2066}c\u{061C}").chars().any(is_unsafe));
    }

    #[test]
    fn csv_cells_lose_escapes_and_formulas_but_keep_line_breaks() {
        let cell = csv_cell("=HYPERLINK(\"x\")\u{1b}]52;c;cm0gLXJm\u{7}\u{202E}\nb\tc");
        assert!(!cell.chars().any(|c| is_unsafe(c) && c != '\n'), "{cell:?}");
        assert!(cell.starts_with("'=HYPERLINK"), "{cell:?}");
        assert!(cell.contains("\u{241B}]52;c;cm0gLXJm\u{2407}\u{FFFD}\nb c"), "{cell:?}");
        assert_eq!(csv_cell("-12.50"), "-12.50");
    }

    #[test]
    fn newlines_become_spaces() {
        assert_eq!(clean("a\nb\tc"), "a b c");
        assert_eq!(
            clean_lines("a\nb\u{1b}"),
            vec!["a".to_string(), "b\u{241B}".to_string()]
        );
    }
}
