//! Sampling for NZa's monitoring of the funding experiment (issue 7), pure: sample sizes
//! for attribute and monetary-unit sampling ([`size`]) and seeded selection ([`select`]).

pub mod select;
pub mod size;
