//! Rule files that do not fit together (issue 15, part 9): RHO regions named without the
//! market data made for them. The commands that use market data say which file to supply;
//! the others do not fail on it.

mod support;

use support::{Env, assert_code, assert_contains, stderr};

/// RHO regions with only Utrecht Stad: the built-in market data name eleven more regions.
fn utrecht_only_regions(env: &Env) -> String {
    env.file(
        "regions.toml",
        "[[rho_regions]]\nname = \"Utrecht Stad\"\norganisation = \"Huisartsen Utrecht Stad (HUS)\"\nmunicipalities = [\"Utrecht\"]\n",
    )
}

#[test]
fn regions_without_matching_market_data_do_not_stop_commands_that_need_no_market_data() {
    let env = Env::new();
    let regions = utrecht_only_regions(&env);
    let plan = "sample-plans/utrecht-stad.toml";
    env.ok(&["--regions", &regions, "import", plan]);
    for args in [
        vec!["assess", plan, "--json"],
        vec!["assess", "RESV-UTR-2027", "--json"],
        vec!["funding", "RESV-UTR-2027", "--json"],
        vec!["queue", "--json"],
        vec!["score", "RESV-UTR-2027", "board", "3", "--note", "ok"],
    ] {
        let mut full = vec!["--regions", regions.as_str()];
        full.extend(&args);
        let out = env.resv(&full);
        assert_code(&out, 0, &full);
        assert!(!stderr(&out).contains("market.toml"), "{args:?}: {}", stderr(&out));
    }
    // A plan of another region is assessed against the named regions, not refused for
    // market data.
    let a = env.json(&["--regions", &regions, "assess", "sample-plans/twente.toml", "--json"]);
    assert_eq!(a["plan_id"], "RESV-TWE-2027", "{a}");
}

#[test]
fn regions_without_matching_market_data_name_the_file_to_supply() {
    let env = Env::new();
    let regions = utrecht_only_regions(&env);
    env.ok(&["import", "sample-plans/utrecht-stad.toml"]);
    let out = env.resv(&["--regions", &regions, "follow", "status"]);
    assert_code(&out, 2, &["follow", "status"]);
    assert_contains(
        &stderr(&out),
        &[
            &format!("the market data do not fit the RHO regions of {regions}"),
            "pass --market FILE (or RESV_MARKET) with market data for those regions",
            "built-in config/market.toml has",
        ],
    );
    // Market data made for those regions: the coordination commands work again.
    let market = env.file(
        "market.toml",
        "format = 1\n\n[[insurers]]\nid = \"voorbeeld\"\nname = \"Voorbeeld\"\n\n[[regions]]\nrho_region = \"Utrecht Stad\"\nshares = { voorbeeld = 100 }\n",
    );
    env.ok(&["--regions", &regions, "--market", &market, "follow", "status"]);
}
