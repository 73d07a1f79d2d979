use super::*;
use crate::rules::regions::parse_regions;

fn rho() -> RhoRegions {
    parse_regions(
        r#"
[[rho_regions]]
name = "Twente"
organisation = "HO Twente"
municipalities = ["Enschede"]

[[rho_regions]]
name = "Zeeland"
organisation = "HO Zeeland"
municipalities = ["Middelburg"]
"#,
    )
    .unwrap()
}

const INSURERS: &str = r#"
format = 1

[[insurers]]
id = "alfa"
name = "Alfa Zorg"

[[insurers]]
id = "beta"
name = "Beta Verzekeringen"

[[insurers]]
id = "gamma"
name = "Gamma"
"#;

fn market(regions: &str) -> Result<Market, Vec<Diagnostic>> {
    parse_market(&format!("{INSURERS}{regions}"), &rho())
}

fn errors(regions: &str) -> String {
    market(regions)
        .unwrap_err()
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_largest_share_leads_and_holdings_come_largest_first() {
    let m = market(
        r#"
[[regions]]
rho_region = "twente"
shares = { beta = 20.5, alfa = 61.25, gamma = 18.25 }
"#,
    )
    .unwrap();
    let r = m.region("Twente").unwrap();
    assert_eq!(r.rho_region, "Twente", "the RHO file's spelling is kept");
    assert_eq!(r.leader, "alfa");
    assert_eq!(r.basis, Basis::Percent);
    assert_eq!(r.weights(), vec![6125, 2050, 1825]);
    assert_eq!(r.percent_hundredths(&r.holdings[1]), 2050);
    assert_eq!(m.name_of("beta"), "Beta Verzekeringen");
}

#[test]
fn insured_counts_work_and_a_tie_is_settled_by_the_file() {
    let m = market(
        r#"
[[regions]]
rho_region = "Zeeland"
insured = { alfa = 1_000, beta = 1_000, gamma = 500 }
leader = "beta"
"#,
    )
    .unwrap();
    let r = m.region("Zeeland").unwrap();
    assert_eq!(r.leader, "beta");
    assert_eq!(r.basis, Basis::Insured);
    assert_eq!(r.percent_hundredths(&r.holdings[2]), 2000);
}

#[test]
fn shares_must_add_up_to_100() {
    let e = errors(
        r#"
[[regions]]
rho_region = "Twente"
shares = { alfa = 60, beta = 30.5 }
"#,
    );
    assert!(
        e.contains("regions[0].shares: the shares add up to 90.5%, expected exactly 100%"),
        "{e}"
    );
    assert!(e.starts_with("18:10:"), "points at the line: {e}");
}

#[test]
fn unknown_regions_and_insurers_are_named_with_a_suggestion() {
    let e = errors(
        r#"
[[regions]]
rho_region = "Twent"
shares = { alfa = 50, betaa = 50 }
"#,
    );
    assert!(e.contains("regions[0].rho_region: found \"Twent\", which is not an RHO region of rho-regions.toml; did you mean `Twente`?"), "{e}");
    assert!(
        e.contains(
            "regions[0].shares.betaa: unknown insurer `betaa`; did you mean `beta`? expected one of: alfa, beta, gamma"
        ),
        "{e}"
    );
}

#[test]
fn a_tie_needs_a_leader_and_leader_only_settles_ties() {
    let e = errors(
        r#"
[[regions]]
rho_region = "Twente"
shares = { alfa = 40, beta = 40, gamma = 20 }
"#,
    );
    assert!(
        e.contains("alfa and beta share the largest share, expected `leader = \"...\"`"),
        "{e}"
    );
    let e = errors(
        r#"
[[regions]]
rho_region = "Twente"
shares = { alfa = 50, beta = 30, gamma = 20 }
leader = "beta"
"#,
    );
    assert!(e.contains("regions[0].leader: found \"beta\", but alfa has the largest share and leads the region; `leader` only settles a tie"), "{e}");
    let e = errors(
        r#"
[[regions]]
rho_region = "Twente"
shares = { alfa = 40, beta = 40, gamma = 20 }
leader = "gamma"
"#,
    );
    assert!(
        e.contains("expected one of the insurers tied for the largest share: alfa, beta"),
        "{e}"
    );
}

#[test]
fn bad_values_duplicates_and_missing_shares_are_each_reported() {
    let e = errors(
        r#"
[[regions]]
rho_region = "Twente"
insured = { alfa = -3, beta = 0, gamma = 2.5 }

[[regions]]
rho_region = "Twente"
shares = { alfa = 100 }

[[regions]]
rho_region = "Zeeland"

[[regions]]
rho_region = "Zeeland"
shares = { alfa = 100 }
insured = { alfa = 100 }
"#,
    );
    assert!(
        e.contains("regions[0].insured.alfa: found integer -3, expected a positive whole number of insured people"),
        "{e}"
    );
    assert!(
        e.contains("regions[0].insured.gamma: found number 2.5, expected a positive whole number"),
        "{e}"
    );
    assert!(
        e.contains("regions[1].rho_region: found region \"Twente\" a second time"),
        "{e}"
    );
    assert!(
        e.contains("regions[2].rho_region: missing `shares` (percentages per insurer id) or `insured`"),
        "{e}"
    );
    assert!(
        e.contains("found both `shares` and `insured`, expected one of them"),
        "{e}"
    );
}

#[test]
fn insurer_ids_are_short_and_unique() {
    let e = parse_market(
        r#"
format = 1
[[insurers]]
id = "Alfa Zorg"
name = "Alfa"
[[insurers]]
id = "beta"
name = "Beta"
[[insurers]]
id = "beta"
name = "Beta 2"
[[regions]]
rho_region = "Twente"
shares = { beta = 100 }
"#,
        &rho(),
    )
    .unwrap_err();
    let e: Vec<String> = e.iter().map(|d| d.to_string()).collect();
    assert!(
        e[0].contains("insurers[0].id: found \"Alfa Zorg\", expected a short id of lowercase letters"),
        "{e:?}"
    );
    assert!(
        e[1].contains("insurers[2].id: found insurer \"beta\" a second time"),
        "{e:?}"
    );
}

#[test]
fn the_shipped_market_file_is_valid_and_covers_every_shipped_region() {
    let rules = crate::rules::shipped::built_in_rules();
    for r in &rules.regions.regions {
        let m = rules
            .market
            .region(&r.name)
            .unwrap_or_else(|| panic!("no market data for {}", r.name));
        assert!(rules.market.insurer(&m.leader).is_some());
    }
    assert_eq!(rules.policy.insurer_id.as_deref(), Some("voorbeeld"));
    assert_eq!(rules.market.region("Waddeneilanden").unwrap().leader, "noorderzorg");
}
