//! The rule sets an assessment applies, read from TOML and validated into typed values:
//!
//! - [`guidance`]: the national guidance (criteria, main tasks, the rules' parameters);
//! - [`policy`]: one insurer's purchasing policy for a contract year (weights, thresholds,
//!   the manual scoring scale, the recommendation bands);
//! - [`regions`]: reference data, the RHO regions and their municipalities;
//! - [`market`]: the insurers' market shares per region, and so each region's market leader.
//!
//! Each parser takes the file's text and returns the typed value or every problem as a
//! [`Diagnostic`] with line, column and key. The files live in `config/`; the shell loads
//! them (or the shipped defaults) in the `resv` package (`rules_files`).

pub mod guidance;
pub mod market;
pub mod policy;
pub mod regions;
#[cfg(test)]
pub(crate) mod shipped;

use super::plan::keywords;
use serde::{Deserialize, Serialize};

pub use guidance::Guidance;
pub use market::Market;
pub use policy::Policy;
pub use regions::RhoRegions;

keywords! {
    /// The automatic checks the workbench knows. The guidance file gives each its title,
    /// source, kind and parameters; the procedure is code (`core::assess`).
    CheckId {
        Disciplines = "disciplines",
        Representation = "representation",
        Board = "board",
        Participation = "participation",
        Agenda = "agenda",
        MainTasks = "main_tasks",
        CoordinationOnly = "coordination_only",
        Region = "region",
        Contractable = "contractable",
        Budget = "budget",
        Monitoring = "monitoring",
        SocialDomain = "social_domain",
        DoubleFunding = "double_funding",
    }
}

keywords! {
    /// Whether failing a criterion rules a plan out, or only lowers its score.
    Kind {
        KnockOut = "knock-out",
        Weighted = "weighted",
    }
}

/// Which version of a rule file an assessment used: its own label and the SHA-256 of its text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSource {
    /// Where it came from: a path, or `built-in`.
    pub origin: String,
    pub version: String,
    pub sha256: String,
}

/// The rule files: the three an assessment needs, and the market data for coordination
/// between insurers, with their provenance.
#[derive(Clone, Debug)]
pub struct Rules {
    pub guidance: Guidance,
    pub policy: Policy,
    pub regions: RhoRegions,
    pub market: Market,
    pub guidance_source: RuleSource,
    pub policy_source: RuleSource,
    pub regions_source: RuleSource,
    pub market_source: RuleSource,
    /// Why the policy's `insurer_id` was set aside (unknown to the market data), for the
    /// coordination commands to say.
    pub identity_warning: Option<String>,
}
