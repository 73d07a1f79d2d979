//! Sampling for NZa's monitoring of the funding experiment (issue 7), pure: sample sizes
//! for attribute and monetary-unit sampling ([`size`]), seeded selection ([`select`]), and
//! a drawn sample as it is stored and verified ([`record`]).

pub mod evaluate;
pub mod plan;
pub mod record;
pub mod select;
pub mod size;
