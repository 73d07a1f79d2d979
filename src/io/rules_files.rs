//! Finding and loading the rule files (guidance, policy, RHO regions, market data): the I/O
//! shell around [`crate::core::rules`].
//!
//! For each file, in order: the file the user named (`--guidance`, `--policy`, `--regions`,
//! `--market` or their environment variables; a named file that is missing is an error, never a silent
//! fallback), else the same file name in the configuration folder (e.g.
//! `~/.config/resv/policy.toml`), else the defaults shipped in the binary (`config/`).

use crate::core::diag;
use crate::core::rules::guidance::parse_guidance;
use crate::core::rules::market::{Market, parse_market};
use crate::core::rules::policy::parse_policy;
use crate::core::rules::regions::parse_regions;
use crate::core::rules::{RuleSource, Rules};
use crate::core::sha256_hex;
use anyhow::{Result, anyhow};
use std::path::{Path, PathBuf};

/// The files the user named, if any.
#[derive(Clone, Debug, Default)]
pub struct RuleFiles {
    pub guidance: Option<PathBuf>,
    pub policy: Option<PathBuf>,
    pub regions: Option<PathBuf>,
    pub market: Option<PathBuf>,
    /// The insurer the user works for (`--insurer`), overriding the policy's `insurer_id`.
    pub insurer: Option<String>,
}

pub const GUIDANCE_FILE: &str = "guidance.toml";
pub const POLICY_FILE: &str = "policy.toml";
pub const REGIONS_FILE: &str = "rho-regions.toml";
pub const MARKET_FILE: &str = "market.toml";

/// The workbench's configuration folder (`~/.config/resv` on Linux).
pub fn config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("nl", "resv", "resv").map(|d| d.config_dir().to_path_buf())
}

fn built_in(name: &str) -> &'static str {
    crate::io::embedded::CONFIG_FILES
        .iter()
        .find(|(path, _)| path.ends_with(name))
        .map(|(_, text)| *text)
        .expect("build.rs embeds every file of config/")
}

/// The text of one rule file and where it came from.
fn locate(named: Option<&Path>, name: &str, what: &str) -> Result<(String, String)> {
    let from_file = |p: &Path| -> Result<(String, String)> {
        let text = crate::io::files::read_text_file(p, what)
            .map_err(|d| anyhow!("{}", diag::render(&p.display().to_string(), &d).trim_end()))?;
        Ok((p.display().to_string(), text))
    };
    if let Some(p) = named {
        return from_file(p);
    }
    if let Some(p) = config_dir().map(|d| d.join(name)).filter(|p| p.exists()) {
        return from_file(&p);
    }
    Ok(("built-in".to_string(), built_in(name).to_string()))
}

fn invalid(origin: &str, what: &str, diags: &[diag::Diagnostic]) -> anyhow::Error {
    let file = if origin == "built-in" {
        format!("built-in config/{what}")
    } else {
        origin.to_string()
    };
    anyhow!(
        "{} has {} problem(s):\n{}",
        file,
        diags.len(),
        diag::render(&file, diags).trim_end()
    )
}

/// Loads and validates the four rule files, and the insurer the user works for. For the
/// commands that use market data (coordination, the decisions export, the workbench).
pub fn load(files: &RuleFiles) -> Result<Rules> {
    load_with(files, true)
}

/// Loads the rule files for a command that does not use market data (queue, assess, score,
/// funding, judge, decide, letter): market data that cannot be read or do not fit the RHO
/// regions are set aside with a warning in the log instead of stopping the command.
pub fn load_without_market(files: &RuleFiles) -> Result<Rules> {
    load_with(files, false)
}

fn load_with(files: &RuleFiles, need_market: bool) -> Result<Rules> {
    let g = locate(files.guidance.as_deref(), GUIDANCE_FILE, "a guidance file (TOML)")?;
    let p = locate(files.policy.as_deref(), POLICY_FILE, "a policy file (TOML)")?;
    let r = locate(files.regions.as_deref(), REGIONS_FILE, "an RHO regions file (TOML)")?;
    let m = locate(files.market.as_deref(), MARKET_FILE, "a market file (TOML)");
    let hint = mismatch_hint(files);
    let m = match m {
        Ok(m) => Some(m),
        Err(e) if !need_market => {
            tracing::warn!("market data not read (not needed here): {e:#}");
            None
        }
        Err(e) => return Err(e),
    };
    let mut rules = from_texts(g, p, r, m, need_market, hint.as_deref())?;
    if let Some(id) = &files.insurer {
        rules.policy.insurer_id = Some(id.clone());
    }
    if !need_market && rules.market.regions.is_empty() {
        // Market data set aside: nothing to check the insurer against, and nothing here
        // uses it.
        return Ok(rules);
    }
    if let Err(e) = check_identity(&rules, files.insurer.is_some()) {
        if files.insurer.is_some() {
            return Err(e);
        }
        // A policy naming an insurer that replaced market data do not know must not stop
        // the work that does not need it: coordination says why it has no identity.
        tracing::warn!("{e:#}");
        rules.policy.insurer_id = None;
        rules.identity_warning = Some(format!("{e:#}"));
    }
    Ok(rules)
}

/// The insurer id, when given, must be one the market data know.
fn check_identity(rules: &Rules, from_flag: bool) -> Result<()> {
    let Some(id) = &rules.policy.insurer_id else {
        return Ok(());
    };
    if rules.market.insurer(id).is_some() {
        return Ok(());
    }
    let source = if from_flag {
        "--insurer".to_string()
    } else {
        format!("insurer_id in {}", rules.policy_source.origin)
    };
    let hint = crate::core::reader::did_you_mean(id, rules.market.insurers.iter().map(|i| i.id.as_str()));
    Err(anyhow!(
        "{source}: unknown insurer \"{}\"; {hint}expected an insurer id of the market data ({}): {}",
        crate::core::sanitize::clean(id),
        rules.market_source.origin,
        rules.market.ids()
    ))
}

/// Which file to supply when only one of the RHO regions and the market data was named:
/// market data are checked against the regions, so the two must be a pair.
fn mismatch_hint(files: &RuleFiles) -> Option<String> {
    match (&files.regions, &files.market) {
        (Some(regions), None) => Some(format!(
            "the market data do not fit the RHO regions of {}: pass --market FILE (or RESV_MARKET) with market data for those regions",
            regions.display()
        )),
        (None, Some(market)) => Some(format!(
            "{} does not fit the RHO regions in use: pass --regions FILE (or RESV_REGIONS) with the regions it was made for",
            market.display()
        )),
        _ => None,
    }
}

/// The shipped defaults, whatever the configuration folder holds (tests, benchmarks).
pub fn built_in_rules() -> Rules {
    let text = |name| ("built-in".to_string(), built_in(name).to_string());
    from_texts(
        text(GUIDANCE_FILE),
        text(POLICY_FILE),
        text(REGIONS_FILE),
        Some(text(MARKET_FILE)),
        true,
        None,
    )
    .expect("the shipped rule files are valid")
}

/// Validates the four texts, each given with its origin. Without `need_market`, market data
/// that are not valid are set aside (an empty market); else they are an error, with `hint`.
fn from_texts(
    g: (String, String),
    p: (String, String),
    r: (String, String),
    m: Option<(String, String)>,
    need_market: bool,
    hint: Option<&str>,
) -> Result<Rules> {
    let guidance = parse_guidance(&g.1).map_err(|d| invalid(&g.0, GUIDANCE_FILE, &d))?;
    let policy = parse_policy(&p.1, &guidance).map_err(|d| invalid(&p.0, POLICY_FILE, &d))?;
    let regions = parse_regions(&r.1).map_err(|d| invalid(&r.0, REGIONS_FILE, &d))?;
    let not_read = || ("not read".to_string(), String::new());
    let (market, m) = match m.map(|m| (parse_market(&m.1, &regions), m)) {
        None => (Market::default(), not_read()),
        Some((Ok(market), m)) => (market, m),
        Some((Err(d), m)) if !need_market => {
            tracing::warn!(
                "market data not used (not needed here): {:#}",
                invalid(&m.0, MARKET_FILE, &d)
            );
            (Market::default(), not_read())
        }
        Some((Err(d), m)) => {
            let e = invalid(&m.0, MARKET_FILE, &d);
            return Err(match hint {
                Some(hint) => anyhow!("{hint}; {e:#}"),
                None => e,
            });
        }
    };
    let source = |(origin, text): (String, String), version: String| RuleSource {
        origin,
        version,
        sha256: sha256_hex(&text),
    };
    Ok(Rules {
        guidance_source: source(g, guidance.version.clone()),
        policy_source: source(p, format!("{} {} {}", policy.insurer, policy.year, policy.version)),
        regions_source: source(r, format!("{} RHO regions", regions.regions.len())),
        market_source: source(
            m,
            format!("{} regions, {} insurers", market.regions.len(), market.insurers.len()),
        ),
        guidance,
        policy,
        regions,
        market,
        identity_warning: None,
    })
}
