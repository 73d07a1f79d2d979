//! Embeds `sample-plans/*.toml`, `sample-plans/werkmappen/*.xlsx` and `config/*.toml` in the binary, so `resv demo` and the
//! default rule files work from any directory.

use std::{env, fs, path::Path};

fn embed(dir: &str, out: &mut String, name: &str) {
    println!("cargo:rerun-if-changed={dir}");
    let mut files: Vec<_> = fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|e| e == "toml"));
    files.sort();
    out.push_str(&format!("pub static {name}: &[(&str, &str)] = &[\n"));
    for f in files {
        let abs = fs::canonicalize(&f).unwrap();
        let rel = f.to_string_lossy().replace('\\', "/");
        out.push_str(&format!("    ({rel:?}, include_str!({:?})),\n", abs.to_string_lossy()));
    }
    out.push_str("];\n");
}

/// The sample plans' workbooks (`sample-plans/werkmappen/*.xlsx`), as bytes.
fn embed_workbooks(dir: &str, out: &mut String) {
    println!("cargo:rerun-if-changed={dir}");
    let mut files: Vec<_> = fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|e| e == "xlsx"));
    files.sort();
    out.push_str("pub static SAMPLE_WORKBOOKS: &[(&str, &[u8])] = &[\n");
    for f in files {
        let abs = fs::canonicalize(&f).unwrap();
        let rel = f.to_string_lossy().replace('\\', "/");
        out.push_str(&format!(
            "    ({rel:?}, include_bytes!({:?})),\n",
            abs.to_string_lossy()
        ));
    }
    out.push_str("];\n");
}

fn main() {
    let mut out = String::new();
    embed("sample-plans", &mut out, "SAMPLE_PLANS");
    embed_workbooks("sample-plans/werkmappen", &mut out);
    embed("config", &mut out, "CONFIG_FILES");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("embedded.rs");
    fs::write(dest, out).unwrap();
}
