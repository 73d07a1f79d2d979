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
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}')
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
pub fn clean_lines(text: &str) -> Vec<String> {
    text.lines().map(|l| clean(l).into_owned()).collect()
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
    fn newlines_become_spaces() {
        assert_eq!(clean("a\nb\tc"), "a b c");
        assert_eq!(
            clean_lines("a\nb\u{1b}"),
            vec!["a".to_string(), "b\u{241B}".to_string()]
        );
    }
}
