//! Sample plans and the default rule files, compiled into the binary (see `build.rs`).

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The fictional sample registry of existing arrangements (see `sample-plans/registry.README.md`).
pub static SAMPLE_REGISTRY: (&str, &str) = (
    "sample-plans/registry.csv",
    include_str!("../../sample-plans/registry.csv"),
);

/// The sample plans that also ship as a workbook (`sample-plans/werkmappen/NAME.xlsx`, the
/// product's export of `sample-plans/NAME.toml`); `resv demo` loads these from the workbook.
pub const SAMPLE_WORKBOOK_NAMES: &[&str] = &["amsterdam-zuidoost", "groningen"];
