//! The layering `docs/architecture.md` draws, checked on the source: the shells (`src/cli/`,
//! `src/tui/`) call the store only to ask how it was opened and for the clock, and reach
//! everything else through the services in `src/app/`; `src/app/` never uses a shell; and
//! no timestamp is carried as text inside the program.

use std::path::{Path, PathBuf};

/// The store methods a shell may call: how the database was opened and the clock.
const SHELL_MAY_CALL: [&str; 3] = ["is_read_only", "now", "today"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// The file's code without its test module (tests set up stores as they need), with
/// method chains continued on the next line joined to the line they continue.
fn product_code(text: &str) -> Vec<(usize, String)> {
    let mut lines: Vec<(usize, String)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t == "#[cfg(test)]" {
            break;
        }
        if t.starts_with("//") {
            continue;
        }
        match lines.last_mut() {
            Some((_, prev)) if t.starts_with('.') => prev.push_str(t),
            _ => lines.push((i + 1, t.to_string())),
        }
    }
    lines
}

/// Every `store.METHOD(` in a line, for a binding or field named `store`.
fn store_calls(line: &str) -> Vec<String> {
    let mut calls = Vec::new();
    let mut from = 0;
    while let Some(at) = line[from..].find("store.") {
        let start = from + at;
        from = start + "store.".len();
        let before = line[..start].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let name: String = line[from..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if line[from + name.len()..].starts_with('(') {
            calls.push(name);
        }
    }
    calls
}

fn files_under(dir: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut files);
    files.sort();
    assert!(!files.is_empty(), "no Rust files under {dir}");
    files
}

/// `file:line: what` for every finding `scan` makes on a line of product code under `dirs`.
fn findings(dirs: &[&str], scan: impl Fn(&str) -> Vec<String>) -> Vec<String> {
    let mut found = Vec::new();
    for file in dirs.iter().flat_map(|d| files_under(d)) {
        let text = std::fs::read_to_string(&file).unwrap();
        for (line_no, line) in product_code(&text) {
            for what in scan(&line) {
                found.push(format!("{}:{line_no}: {what}", file.display()));
            }
        }
    }
    found
}

#[test]
fn the_shells_reach_the_store_only_through_the_services() {
    let found = findings(&["src/cli", "src/tui"], |line| {
        store_calls(line)
            .into_iter()
            .filter(|call| !SHELL_MAY_CALL.contains(&call.as_str()))
            .map(|call| format!("store.{call}("))
            .collect()
    });
    assert!(
        found.is_empty(),
        "store calls in the shells (expected only {SHELL_MAY_CALL:?}; give each a service in src/app/):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_services_never_use_a_shell() {
    let mut found = Vec::new();
    for file in files_under("src/app") {
        let text = std::fs::read_to_string(&file).unwrap();
        for (line_no, line) in text.lines().enumerate() {
            if line.contains("crate::cli") || line.contains("crate::tui") || line.contains("super::super::") {
                found.push(format!("{}:{}: {}", file.display(), line_no + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "src/app uses a shell (expected none):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_finds_calls_on_a_field_a_binding_and_a_continued_line() {
    let code = "let a = self.store.queue_rows()?;\nlet b = store\n    .latest_plan(id)?;\nuse crate::store::Store;\nlet c = my_store.x();\n";
    let calls: Vec<String> = product_code(code).iter().flat_map(|(_, l)| store_calls(l)).collect();
    assert_eq!(calls, ["queue_rows", "latest_plan"]);
}

/// A timestamp declared as text: a field, binding or parameter named `at` or `..._at`
/// typed `String`, `&str` or `Option<String>`.
fn text_timestamp(line: &str) -> bool {
    let mut rest = line;
    while let Some(colon) = rest.find(':') {
        let (name, after) = (rest[..colon].trim_end(), rest[colon + 1..].trim_start());
        let ident: String = name
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect::<String>()
            .chars()
            .rev()
            .collect();
        let texty = ["String", "&str", "Option<String>", "Option<&str>"]
            .iter()
            .any(|t| after.starts_with(t))
            || (after.starts_with("&'") && after.split_whitespace().nth(1).is_some_and(|t| t.starts_with("str")));
        if (ident == "at" || ident.ends_with("_at")) && !after.starts_with(':') && texty {
            return true;
        }
        rest = &rest[colon + 1..];
    }
    false
}

#[test]
fn timestamps_are_typed_and_dates_never_cut_from_text() {
    let found = findings(&["src"], |line| {
        // `.get(..10)` or `[..10]` on a timestamp was how a date was cut from its text.
        let cut = line.contains("get(..10)") || line.contains("[..10]") || line.contains("get(..7)");
        if text_timestamp(line) || cut {
            vec![line.to_string()]
        } else {
            Vec::new()
        }
    });
    assert!(
        found.is_empty(),
        "timestamps as text (expected core::time::Instant, core::plan::Date and text::fmt):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_timestamp_scan_finds_fields_bindings_and_parameters() {
    for bad in [
        "pub decided_at: String,",
        "at: &'a str,",
        "fn f(created_at: &str) {",
        "approved_at: Option<String>,",
        "let imported_at: String = r.get(2)?;",
    ] {
        assert!(text_timestamp(bad), "{bad}");
    }
    for good in [
        "pub decided_at: Instant,",
        "at: now,",
        "format: String,",
        "let what: String = x;",
        "crate::core::time::Instant",
        "approved_at: Option<Instant>,",
    ] {
        assert!(!text_timestamp(good), "{good}");
    }
}
