//! Placing the one TOML error that comes without a place: a dotted key of too many parts.

/// The most parts a dotted key may have: toml refuses 80 and more.
pub const MAX_KEY_PARTS: usize = 79;

/// The start and the number of parts of the first dotted key with more than
/// [`MAX_KEY_PARTS`] parts. Strings and comments are skipped; a quoted key counts as one
/// part. Only used to place an error the TOML parser reports without a place.
pub(super) fn deepest_dotted_key(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    // The chain being read: where it started, its parts, and whether a part ended last.
    let mut chain: Option<(usize, usize)> = None;
    let mut after_part = false;
    let mut after_dot = false;
    while i < bytes.len() {
        let b = bytes[i];
        let part_end = match b {
            b'#' => {
                if let Some(found) = chain.take().filter(|(_, n)| *n > MAX_KEY_PARTS) {
                    return Some(found);
                }
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'"' | b'\'' => {
                let triple = [b, b, b];
                let end = if bytes[i..].starts_with(&triple) {
                    let close = if b == b'"' { "\"\"\"" } else { "'''" };
                    text[i + 3..].find(close).map_or(bytes.len(), |n| i + 3 + n + 3)
                } else {
                    let mut j = i + 1;
                    while j < bytes.len() && bytes[j] != b && bytes[j] != b'\n' {
                        j += if b == b'"' && bytes[j] == b'\\' { 2 } else { 1 };
                    }
                    (j + 1).min(bytes.len())
                };
                Some((i, end))
            }
            b if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' => {
                let mut j = i;
                while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'-' || bytes[j] == b'_') {
                    j += 1;
                }
                Some((i, j))
            }
            _ => None,
        };
        match (part_end, b) {
            (Some((start, end)), _) => {
                chain = match chain {
                    Some((s, n)) if after_dot => Some((s, n + 1)),
                    done => {
                        if let Some(found) = done.filter(|(_, n)| *n > MAX_KEY_PARTS) {
                            return Some(found);
                        }
                        Some((start, 1))
                    }
                };
                after_part = true;
                after_dot = false;
                i = end;
            }
            (None, b'.') if after_part => {
                after_part = false;
                after_dot = true;
                i += 1;
            }
            (None, b' ' | b'\t') => i += 1,
            _ => {
                if let Some(found) = chain.take().filter(|(_, n)| *n > MAX_KEY_PARTS) {
                    return Some(found);
                }
                after_part = false;
                after_dot = false;
                i += 1;
            }
        }
    }
    chain.filter(|(_, n)| *n > MAX_KEY_PARTS)
}
