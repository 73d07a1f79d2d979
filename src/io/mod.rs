//! Files in and out: plan files, the registry of arrangements, the rule files, the samples
//! embedded in the binary, and writing output files safely.

pub mod embedded;
pub mod files;
pub mod intake;
pub mod keys;
pub mod output;
pub mod plan_xlsx;
pub mod registry_files;
pub mod rules_files;
pub mod xlsx_out;
