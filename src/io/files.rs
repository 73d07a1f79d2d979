//! Reading files with bounds: a regular file of at most a set size, as bytes or as UTF-8
//! text, with every refusal a diagnostic that says what was expected. Plans, the registry,
//! rule files and follow packages are all read through here.

use crate::core::diag::Diagnostic;
use std::fs;
use std::io::Read;
use std::path::Path;

/// Plan and rule files larger than this are refused unread.
pub const MAX_FILE_BYTES: u64 = 5 * 1024 * 1024;

/// A problem with the whole file (no line or column).
pub fn whole_file(message: String) -> Vec<Diagnostic> {
    vec![Diagnostic {
        line: None,
        column: None,
        path: String::new(),
        message,
    }]
}

/// Reads a UTF-8 text file of at most 5 MiB; `what` names the expected kind of file.
pub fn read_text_file(path: &Path, what: &str) -> Result<String, Vec<Diagnostic>> {
    read_bytes(path, what, MAX_FILE_BYTES).and_then(utf8)
}

/// Reads a file of at most `limit` bytes; `what` names the expected kind of file.
pub fn read_bytes(path: &Path, what: &str, limit: u64) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let cannot = |e: std::io::Error| whole_file(format!("cannot read the file: {e}"));
    let file = fs::File::open(path).map_err(cannot)?;
    if !file.metadata().map_err(cannot)?.is_file() {
        return Err(whole_file(format!("not a regular file, expected {what}")));
    }
    // Read at most one byte past the limit, so a file that grows meanwhile is still refused.
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > limit {
        let mib = limit / (1024 * 1024);
        return Err(whole_file(format!(
            "file is larger than {limit} bytes, expected at most {mib} MiB for {what}"
        )));
    }
    Ok(bytes)
}

/// The bytes as UTF-8 text, or where the first invalid byte is.
pub fn utf8(bytes: Vec<u8>) -> Result<String, Vec<Diagnostic>> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(&e.as_bytes()[..at]);
        let line = valid.matches('\n').count() as u32 + 1;
        let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
        vec![Diagnostic {
            line: Some(line),
            column: Some(column),
            path: String::new(),
            message: format!("found bytes that are not UTF-8 at byte {at}, expected a UTF-8 text file"),
        }]
    })
}
