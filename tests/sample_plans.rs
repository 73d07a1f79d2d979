//! Every bundled sample plan is a valid plan file.

use resv::core::parse::parse_plan;
use std::fs;

#[test]
fn every_sample_plan_parses() {
    let mut count = 0;
    let mut failures = String::new();
    let mut dir: Vec<_> = fs::read_dir("sample-plans")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dir.sort();
    for path in dir.iter().filter(|p| p.extension().is_some_and(|e| e == "toml")) {
        let text = fs::read_to_string(path).unwrap();
        assert!(
            text.contains("FICTIONAL"),
            "{} must say it is fictional",
            path.display()
        );
        match parse_plan(&text) {
            Ok(_) => count += 1,
            Err(diags) => failures.push_str(&resv::core::diag::render(&path.display().to_string(), &diags)),
        }
    }
    assert!(failures.is_empty(), "sample plans with errors:\n{failures}");
    assert!(count >= 8, "expected at least 8 sample plans, found {count}");
}
