//! Market data (`config/market.toml`): per RHO region, the insurers and their share of the
//! region's insured people, and so its market leader, whom every other insurer of the region
//! follows (the market leader rule).
//!
//! A region states its shares either as percentages (`shares`, at most two decimals, adding
//! up to exactly 100) or as numbers of insured people (`insured`, positive integers). The
//! market leader is the insurer with the largest share; when two or more tie for it, the
//! file must name one with `leader`, and `leader` is refused anywhere else.

use super::regions::{RhoRegions, same_name};
use crate::diag::Diagnostic;
use crate::reader::{Reader, Table, did_you_mean};

/// One insurer, known by a short id (used in files and on the command line) and its name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Insurer {
    pub id: String,
    pub name: String,
    /// The insurer's public signing key, when the market data carry it (`public_key =
    /// "ed25519:BASE64"`): trusted like a key recorded with `resv keys trust`, without a period.
    pub public_key: Option<crate::signing::PublicKey>,
}

/// How a region's shares are stated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// Percentages in hundredths of a percent (10000 is 100%).
    Percent,
    /// Numbers of insured people.
    Insured,
}

impl Basis {
    pub fn keyword(self) -> &'static str {
        match self {
            Basis::Percent => "percent",
            Basis::Insured => "insured",
        }
    }
}

/// One insurer's share in a region: a weight in the region's [`Basis`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holding {
    pub insurer: String,
    pub weight: u64,
}

/// The insurers of one RHO region, largest share first (ties in file order).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarketRegion {
    pub rho_region: String,
    pub basis: Basis,
    pub holdings: Vec<Holding>,
    /// The market leader's insurer id.
    pub leader: String,
}

impl MarketRegion {
    pub fn total_weight(&self) -> u64 {
        self.holdings.iter().map(|h| h.weight).sum()
    }

    pub fn holding(&self, insurer: &str) -> Option<&Holding> {
        self.holdings.iter().find(|h| h.insurer == insurer)
    }

    /// A share in hundredths of a percent, rounded half up (exact for [`Basis::Percent`]).
    pub fn percent_hundredths(&self, h: &Holding) -> u64 {
        let total = self.total_weight().max(1) as u128;
        ((h.weight as u128 * 10_000 * 2 + total) / (2 * total)) as u64
    }

    /// The weights in holding order, for [`crate::split::split`].
    pub fn weights(&self) -> Vec<u64> {
        self.holdings.iter().map(|h| h.weight).collect()
    }
}

/// The market data of every region that has it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Market {
    pub insurers: Vec<Insurer>,
    pub regions: Vec<MarketRegion>,
}

impl Market {
    pub fn insurer(&self, id: &str) -> Option<&Insurer> {
        self.insurers.iter().find(|i| i.id == id)
    }

    /// The insurer's name, or its id when the market data do not know it.
    pub fn name_of<'a>(&'a self, id: &'a str) -> &'a str {
        self.insurer(id).map_or(id, |i| i.name.as_str())
    }

    /// The market data of an RHO region (names compare without case).
    pub fn region(&self, rho_region: &str) -> Option<&MarketRegion> {
        self.regions.iter().find(|r| same_name(&r.rho_region, rho_region))
    }

    /// Every insurer id, for messages.
    pub fn ids(&self) -> String {
        self.insurers
            .iter()
            .map(|i| i.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The most insured people one insurer can have in a region (the whole country has about
/// 18 million): keeps the weights' sums far from overflowing.
const MAX_INSURED: i64 = 100_000_000;

/// Insurer ids: lowercase letters, digits and dashes, starting with a letter.
fn valid_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && id.len() <= 40
}

/// Parses and validates the market file against the known RHO regions.
pub fn parse_market(text: &str, rho: &RhoRegions) -> Result<Market, Vec<Diagnostic>> {
    let mut r = Reader::new(text);
    let Some(doc) = r.parse_document() else {
        return Err(r.diags);
    };
    let mut root = r.root(&doc);
    r.format_version(&mut root, 1, "market file");
    let mut out = Market::default();
    for (path, v) in r.array(&mut root, "insurers", true, "[[insurers]] tables with id and name") {
        let Some(mut t) = r.table_value(path, v) else {
            continue;
        };
        let id = r.text(&mut t, "id");
        let name = r.text(&mut t, "name");
        let public_key = r
            .text_opt(&mut t, "public_key")
            .and_then(|k| match crate::signing::PublicKey::parse(&k) {
                Ok(key) => Some(key),
                Err(e) => {
                    r.error_at_field(&t.child("public_key"), e);
                    None
                }
            });
        if !id.is_empty() && !valid_id(&id) {
            let msg = format!(
                "found \"{id}\", expected a short id of lowercase letters, digits and dashes, e.g. \"voorbeeld\""
            );
            r.error_at_field(&t.child("id"), msg);
        } else if out.insurer(&id).is_some() {
            r.error_at_field(
                &t.child("id"),
                format!("found insurer \"{id}\" a second time, expected each id once"),
            );
        }
        r.finish(t);
        out.insurers.push(Insurer { id, name, public_key });
    }
    let mut seen: Vec<String> = Vec::new();
    for (path, v) in r.array(
        &mut root,
        "regions",
        true,
        "[[regions]] tables with rho_region and shares",
    ) {
        let Some(mut t) = r.table_value(path, v) else {
            continue;
        };
        if let Some(region) = read_region(&mut r, &mut t, &out, rho, &mut seen) {
            out.regions.push(region);
        }
        r.finish(t);
    }
    r.finish(root);
    r.into_result().map(|()| out)
}

fn read_region(
    r: &mut Reader<'_>,
    t: &mut Table<'_, '_>,
    market: &Market,
    rho: &RhoRegions,
    seen: &mut Vec<String>,
) -> Option<MarketRegion> {
    let name = read_region_name(r, t, rho, seen);
    let shares = r.table(t, "shares", false);
    let insured = r.table(t, "insured", false);
    let leader_named = r.text_opt(t, "leader");
    let (basis, table) = match (shares, insured) {
        (Some(s), None) => (Basis::Percent, s),
        (None, Some(i)) => (Basis::Insured, i),
        (Some(_), Some(_)) => {
            r.error_at_field(
                &t.child("insured"),
                "found both `shares` and `insured`, expected one of them",
            );
            return None;
        }
        (None, None) => {
            let msg = "missing `shares` (percentages per insurer id) or `insured` (insured people per insurer id)";
            r.error(Some(t.span()), &t.child("rho_region"), msg);
            return None;
        }
    };
    let table_path = table.path.clone();
    let mut holdings = read_holdings(r, table, basis, market)?;
    if holdings.is_empty() {
        r.error_at_field(&table_path, "found no insurers, expected at least one");
        return None;
    }
    if basis == Basis::Percent {
        let sum: u64 = holdings.iter().map(|h| h.weight).sum();
        if sum != 10_000 {
            let msg = format!("the shares add up to {}%, expected exactly 100%", fmt_hundredths(sum));
            r.error_at_field(&table_path, msg);
            return None;
        }
    }
    // Largest first; the sort is stable, so ties keep file order.
    holdings.sort_by_key(|h| std::cmp::Reverse(h.weight));
    let leader = choose_leader(r, t, &holdings, leader_named, &table_path)?;
    Some(MarketRegion {
        rho_region: rho.find(&name).map_or(name, |x| x.name.clone()),
        basis,
        holdings,
        leader,
    })
}

/// The region's `rho_region`: one of the RHO regions, and not one named before.
fn read_region_name(r: &mut Reader<'_>, t: &mut Table<'_, '_>, rho: &RhoRegions, seen: &mut Vec<String>) -> String {
    let name = r.text(t, "rho_region");
    let name_path = t.child("rho_region");
    if !name.is_empty() && rho.find(&name).is_none() {
        let hint = did_you_mean(&name, rho.regions.iter().map(|x| x.name.as_str()));
        let msg = format!(
            "found \"{name}\", which is not an RHO region of rho-regions.toml; {hint}expected a region listed there"
        );
        r.error_at_field(&name_path, msg);
    } else if seen.iter().any(|s| same_name(s, &name)) {
        r.error_at_field(
            &name_path,
            format!("found region \"{name}\" a second time, expected each region once"),
        );
    }
    seen.push(name.clone());
    name
}

/// The insurers' holdings in `shares` or `insured`, in file order; `None` after any
/// problem with one of them.
fn read_holdings(r: &mut Reader<'_>, mut table: Table<'_, '_>, basis: Basis, market: &Market) -> Option<Vec<Holding>> {
    let what = match basis {
        Basis::Percent => "a percentage above 0 with at most 2 decimals, e.g. 23.5",
        Basis::Insured => "a positive whole number of insured people (at most 100,000,000)",
    };
    let mut holdings: Vec<Holding> = Vec::new();
    let mut ok = true;
    for (key, path, v) in r.entries(&mut table) {
        if market.insurer(&key).is_none() {
            let hint = did_you_mean(&key, market.insurers.iter().map(|i| i.id.as_str()));
            r.error_at_field(
                &path,
                format!("unknown insurer `{key}`; {hint}expected one of: {}", market.ids()),
            );
            ok = false;
            continue;
        }
        let weight = match basis {
            Basis::Percent => r.hundredths_value(&path, v, what).map(u64::from),
            Basis::Insured => r.int_value(&path, v, 1..MAX_INSURED + 1, what).map(|i| i as u64),
        };
        match weight {
            Some(w) if w > 0 => holdings.push(Holding {
                insurer: key,
                weight: w,
            }),
            Some(_) => {
                r.error_at_field(&path, format!("found 0, expected {what}"));
                ok = false;
            }
            None => ok = false,
        }
    }
    r.finish(table);
    ok.then_some(holdings)
}

/// The market leader: the insurer with the largest share, or the one `leader` names among
/// those tied for it. `holdings` are sorted largest first.
fn choose_leader(
    r: &mut Reader<'_>,
    t: &Table<'_, '_>,
    holdings: &[Holding],
    leader_named: Option<String>,
    table_path: &str,
) -> Option<String> {
    let top = holdings[0].weight;
    let tied: Vec<&str> = holdings
        .iter()
        .filter(|h| h.weight == top)
        .map(|h| h.insurer.as_str())
        .collect();
    let leader = match (leader_named, tied.len()) {
        (None, 1) => tied[0].to_string(),
        (None, _) => {
            let msg = format!(
                "{} share the largest share, expected `leader = \"...\"` naming the market leader among them",
                tied.join(" and ")
            );
            r.error_at_field(table_path, msg);
            return None;
        }
        (Some(l), n) if n > 1 && tied.contains(&l.as_str()) => l,
        (Some(l), 1) => {
            let msg = format!(
                "found \"{l}\", but {} has the largest share and leads the region; `leader` only settles a tie",
                tied[0]
            );
            r.error_at_field(&t.child("leader"), msg);
            return None;
        }
        (Some(l), _) => {
            let msg = format!(
                "found \"{l}\", expected one of the insurers tied for the largest share: {}",
                tied.join(", ")
            );
            r.error_at_field(&t.child("leader"), msg);
            return None;
        }
    };
    Some(leader)
}

/// Hundredths as a decimal with a point: 10000 as "100", 2350 as "23.5", 1234 as "12.34".
pub fn fmt_hundredths(h: u64) -> String {
    let (whole, frac) = (h / 100, h % 100);
    match frac {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    }
}

#[cfg(test)]
mod tests;
