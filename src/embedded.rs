//! Sample plans and the default rule files, compiled into the binary (see `build.rs`).

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
