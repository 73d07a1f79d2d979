//! The rule files shipped in `config/`, as data for the core's own tests: parsed with the
//! core's parsers, without the shell that finds and loads rule files at run time.

use super::guidance::parse_guidance;
use super::market::parse_market;
use super::policy::parse_policy;
use super::regions::parse_regions;
use super::{RuleSource, Rules};

pub(crate) const GUIDANCE: &str = include_str!("../../../config/guidance.toml");
pub(crate) const POLICY: &str = include_str!("../../../config/policy.toml");
pub(crate) const REGIONS: &str = include_str!("../../../config/rho-regions.toml");
pub(crate) const MARKET: &str = include_str!("../../../config/market.toml");

/// The four shipped rule files, validated; panics with the diagnostics if one is not valid.
pub(crate) fn built_in_rules() -> Rules {
    let guidance = parse_guidance(GUIDANCE).unwrap_or_else(|d| panic!("config/guidance.toml: {d:#?}"));
    let policy = parse_policy(POLICY, &guidance).unwrap_or_else(|d| panic!("config/policy.toml: {d:#?}"));
    let regions = parse_regions(REGIONS).unwrap_or_else(|d| panic!("config/rho-regions.toml: {d:#?}"));
    let market = parse_market(MARKET, &regions).unwrap_or_else(|d| panic!("config/market.toml: {d:#?}"));
    // The tests need the rules, not their provenance: each file's digest is enough.
    let source = |text: &str| RuleSource {
        origin: "built-in".to_string(),
        version: String::new(),
        sha256: crate::sha256_hex(text),
    };
    Rules {
        guidance_source: source(GUIDANCE),
        policy_source: source(POLICY),
        regions_source: source(REGIONS),
        market_source: source(MARKET),
        guidance,
        policy,
        regions,
        market,
        identity_warning: None,
    }
}
