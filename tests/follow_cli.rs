//! The market leader rule end to end, with two (or more) databases: the leader decides and
//! exports a follow package, a follower imports it and follows (or deviates); then every
//! refusal one by one, each leaving the follower's database exactly as it was.

mod support;

use serde_json::Value;
use std::fs;
use support::{Env, assert_code, assert_contains, exchange_key, parse_json, resign, stderr, stdout};

const UTR: &str = "RESV-UTR-2027";
const AZO: &str = "RESV-AZO-2027";

/// The leader: the shipped policy's insurer, Zorgverzekeraar Voorbeeld, which leads Utrecht
/// Stad and Amsterdam-Amstelland in the shipped market data.
fn leader() -> Env {
    let l = Env::with_samples();
    l.key(None);
    l
}

/// A follower's database: the same sample plans, another insurer.
struct Follower {
    env: Env,
    id: &'static str,
}

impl Follower {
    /// A follower that trusts `leader`'s key.
    fn new(leader: &Env, id: &'static str) -> Follower {
        let env = Env::new();
        env.ok(&["--insurer", id, "import", "sample-plans"]);
        exchange_key(leader, None, &env);
        Follower { env, id }
    }

    fn args<'a>(&'a self, more: &[&'a str]) -> Vec<&'a str> {
        let mut v = vec!["--insurer", self.id];
        v.extend_from_slice(more);
        v
    }

    fn run(&self, code: i32, more: &[&str]) -> std::process::Output {
        self.env.code(code, &self.args(more))
    }

    fn json(&self, more: &[&str]) -> Value {
        parse_json(&self.run(0, more))
    }

    /// Rows that a refused import must leave alone.
    fn counts(&self) -> (i64, i64, i64) {
        (
            self.env.count("SELECT count(*) FROM coordination"),
            self.env.count("SELECT count(*) FROM decisions"),
            self.env.count("SELECT count(*) FROM audit_log"),
        )
    }

    /// Imports `file` expecting a refusal with exit code 1 naming `phrases`; nothing changes.
    fn refused(&self, file: &str, more: &[&str], phrases: &[&str]) -> String {
        let before = self.counts();
        let mut args = vec!["--lang", "en", "follow", "import", file];
        args.extend_from_slice(more);
        let out = self.env.resv(&self.args(&args));
        assert_code(&out, 1, &args);
        let err = stderr(&out);
        assert_contains(&err, &["follow package refused, nothing recorded"]);
        assert_contains(&err, phrases);
        assert_eq!(self.counts(), before, "a refused import records nothing");
        err
    }
}

/// The leader decides on Utrecht above the four-eyes limit, a second buyer approves, and
/// the package is exported; returns its path.
fn decided_and_exported(l: &Env) -> String {
    l.ok(&[
        "decide",
        UTR,
        "--outcome",
        "conditions",
        "--amount",
        "fundable",
        "--condition",
        "Jaarlijkse voortgangsrapportage",
        "--reason",
        "Past binnen het inkoopbeleid.",
    ]);
    l.ok_as("tweede-inkoper", &["approve", UTR]);
    let file = l.path("utr-follow.json").display().to_string();
    let out = l.ok(&["follow", "export", UTR, "-o", &file]);
    assert_contains(
        &stdout(&out),
        &["volgpakket geschreven", "Rivierzorg (fictief)", "21,30%"],
    );
    file
}

fn package(file: &str) -> Value {
    serde_json::from_str(&fs::read_to_string(file).unwrap()).unwrap()
}

fn cents(v: &Value) -> Vec<i64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|a| a["amount_cents"].as_i64().unwrap())
        .collect()
}

/// The package's canonical digest, computed here independently of resv: the JSON without
/// `digest_sha256`, keys sorted, no whitespace.
fn redigest(p: &mut Value) {
    use sha2::{Digest, Sha256};
    let mut copy = p.clone();
    copy.as_object_mut().unwrap().remove("digest_sha256");
    copy.as_object_mut().unwrap().remove("signature");
    let hex: String = Sha256::digest(copy.to_string().as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    p["digest_sha256"] = Value::from(hex);
}

fn write(env: &Env, name: &str, v: &Value) -> String {
    env.file(name, &serde_json::to_string_pretty(v).unwrap())
}

fn queue_state(env: &Env, args: &[&str], plan: &str) -> String {
    let mut a = args.to_vec();
    a.extend(["queue", "--json"]);
    let q = parse_json(&env.ok(&a));
    q.as_array().unwrap().iter().find(|r| r["id"] == plan).unwrap()["status"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn the_leader_exports_and_a_follower_follows_with_its_exact_share() {
    let l = leader();
    let file = decided_and_exported(&l);
    let p = package(&file);
    assert_eq!(p["format"], "resv-follow");
    assert_eq!(p["sender"]["insurer_id"], "voorbeeld");
    assert_eq!(p["plan"]["plan_id"], UTR);
    assert_eq!(p["decision"]["outcome"], "conditions");
    assert_eq!(p["decision"]["approved_by"], "tweede-inkoper");
    // Every year's parts add up to the decided amount exactly.
    let decided = cents(&p["decision"]["amounts"]);
    let parts = p["split"]["parts"].as_array().unwrap();
    assert_eq!(parts.len(), 6);
    for (y, total) in decided.iter().enumerate() {
        let sum: i64 = parts.iter().map(|s| cents(&s["amounts"])[y]).sum();
        assert_eq!(sum, *total);
    }
    // The export is recorded and audited on the leader's side.
    assert_eq!(l.count("SELECT count(*) FROM coordination WHERE kind = 'export'"), 1);
    assert_contains(&stdout(&l.ok(&["audit", "verify"])), &["audittrail intact"]);

    let f = Follower::new(&l, "rivierzorg");
    let out = f.json(&["follow", "import", &file, "--json"]);
    assert_eq!(out["kind"], "follow");
    assert_eq!(out["leader"], "voorbeeld");
    assert_eq!(out["outcome"], "conditions");
    assert_eq!(out["share_hundredths"], 2130);
    let mine = parts.iter().find(|s| s["insurer_id"] == "rivierzorg").unwrap();
    assert_eq!(cents(&out["share"]), cents(&mine["amounts"]));

    // The follow is a decision in the follower's database: the leader's outcome and
    // conditions, its own share, and the plan is "followed".
    let h = f.json(&["history", UTR, "--json"]);
    let d = &h["decisions"][0];
    assert_eq!(d["outcome"], "conditions");
    assert_eq!(d["conditions"][0], "Jaarlijkse voortgangsrapportage");
    let amounts: Vec<i64> = d["amounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["amount"].as_i64().unwrap())
        .collect();
    assert_eq!(amounts, cents(&mine["amounts"]));
    assert_contains(
        d["reasoning"].as_str().unwrap(),
        &["marktleider", p["digest_sha256"].as_str().unwrap()],
    );
    assert_eq!(queue_state(&f.env, &["--insurer", "rivierzorg"], UTR), "followed");
    let actions: Vec<String> = f
        .json(&["audit", "log", "--plan", UTR, "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_string())
        .collect();
    assert!(
        actions.ends_with(&[
            "decision".to_string(),
            "follow".to_string(),
            "follow-signed".to_string()
        ]),
        "{actions:?}"
    );
    assert_contains(&stdout(&f.run(0, &["audit", "verify"])), &["audittrail intact"]);

    // Status on both sides.
    let fs_ = f.json(&["follow", "status", "--json"]);
    let plan = fs_["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["plan_id"] == UTR)
        .unwrap();
    assert_eq!(
        (plan["role"].as_str(), plan["status"].as_str()),
        (Some("follower"), Some("followed"))
    );
    let utrecht = fs_["regions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rho_region"] == "Utrecht Stad")
        .unwrap();
    assert_eq!(
        (utrecht["followed"].as_i64(), utrecht["pending"].as_i64()),
        (Some(1), Some(0))
    );
    assert_eq!(cents(&fs_["total_commitment"]), cents(&mine["amounts"]));
    let ls = l.json(&["follow", "status", "--json"]);
    let plan = ls["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["plan_id"] == UTR)
        .unwrap();
    assert_eq!(
        (plan["role"].as_str(), plan["status"].as_str()),
        (Some("leader"), Some("decided-sent"))
    );

    // The decisions export (for NZa) says whom the decision follows.
    let export = f.json(&["export", "decisions", "--json"]);
    let row = &export["decisions"][0];
    assert_eq!(
        (
            row["market_role"].as_str(),
            row["market_leader"].as_str(),
            row["coordination_status"].as_str()
        ),
        (Some("follower"), Some("voorbeeld"), Some("followed"))
    );

    // The same package twice is refused.
    f.refused(&file, &[], &["already followed for plan RESV-UTR-2027"]);
}

#[test]
fn a_follower_may_deviate_with_a_reason_and_the_plan_says_so() {
    let l = leader();
    let file = decided_and_exported(&l);
    let f = Follower::new(&l, "zuiderland");
    f.refused(&file, &["--deviate", "  "], &["--deviate needs a reason"]);
    // Issue 15: the one free-text cap.
    let long = "d".repeat(4001);
    f.refused(
        &file,
        &["--deviate", &long],
        &["deviation-reason: 4001 characters, at most 4000"],
    );
    let out = f.json(&[
        "follow",
        "import",
        &file,
        "--deviate",
        "Eigen beleid: alleen met regionale KPI's",
        "--json",
    ]);
    assert_eq!(out["kind"], "deviate");
    assert_eq!(out["decision_id"], Value::Null);
    assert_eq!(queue_state(&f.env, &["--insurer", "zuiderland"], UTR), "deviating");
    let s = f.json(&["follow", "status", "--json"]);
    let utrecht = s["regions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rho_region"] == "Utrecht Stad")
        .unwrap();
    assert_eq!(utrecht["deviating"], 1);
    assert_eq!(
        f.env.count("SELECT count(*) FROM audit_log WHERE action = 'deviate'"),
        1
    );
    assert_contains(&stdout(&f.run(0, &["audit", "verify"])), &["audittrail intact"]);
}

#[test]
fn tampered_content_or_digest_is_refused() {
    let l = leader();
    let file = decided_and_exported(&l);
    let f = Follower::new(&l, "rivierzorg");
    // Moving a cent from one insurer to another keeps the sums, but not the digest.
    let mut p = package(&file);
    let a = p["split"]["parts"][1]["amounts"][0]["amount_cents"].as_i64().unwrap();
    p["split"]["parts"][1]["amounts"][0]["amount_cents"] = Value::from(a - 1);
    let b = p["split"]["parts"][0]["amounts"][0]["amount_cents"].as_i64().unwrap();
    p["split"]["parts"][0]["amounts"][0]["amount_cents"] = Value::from(b + 1);
    let bad = write(&f.env, "tampered.json", &p);
    f.refused(
        &bad,
        &[],
        &["does not match its digest", "ask the market leader for a new package"],
    );
    let mut p = package(&file);
    p["digest_sha256"] = Value::from("0".repeat(64));
    let bad = write(&f.env, "digest.json", &p);
    f.refused(&bad, &[], &["does not match its digest", "stated 000000000000…"]);
    // A field that is not part of the format, and a file that is not JSON.
    let text = fs::read_to_string(&file)
        .unwrap()
        .replacen('{', "{\n  \"extra\": true,", 1);
    let bad = f.env.file("extra.json", &text);
    f.refused(&bad, &[], &["extra.json:2:", "unknown field `extra`"]);
    let bad = f.env.file("half.json", &text[..text.len() / 2]);
    f.refused(&bad, &[], &["half.json:", "expected a follow package"]);
}

#[test]
fn a_package_from_an_insurer_who_does_not_lead_the_region_is_refused() {
    let l = leader();
    let file = decided_and_exported(&l);
    let f = Follower::new(&l, "zuiderland");
    // Rivierzorg re-signs Voorbeeld's package as its own: the digest matches (anyone can
    // compute one), but rivierzorg does not lead Utrecht Stad.
    let mut p = package(&file);
    p["sender"]["insurer_id"] = Value::from("rivierzorg");
    p["sender"]["name"] = Value::from("Rivierzorg (fictief)");
    redigest(&mut p);
    // Signed with rivierzorg's own key, which the follower trusts for rivierzorg.
    let r = Env::new();
    exchange_key(&r, Some("rivierzorg"), &f.env);
    resign(&mut p, "rivierzorg", &r.secret_key("rivierzorg"));
    let forged = write(&f.env, "forged.json", &p);
    f.refused(
        &forged,
        &[],
        &["the sender Rivierzorg (fictief) does not lead Utrecht Stad; by your market data Zorgverzekeraar Voorbeeld (fictief) does"],
    );
    // Market data in which another insurer leads the region: the real package is refused.
    let market = fs::read_to_string("config/market.toml").unwrap().replace(
        "voorbeeld = 44.5, rivierzorg = 21.3",
        "voorbeeld = 21.3, rivierzorg = 44.5",
    );
    let m = f.env.file("market.toml", &market);
    let out = f.env.resv(&[
        "--insurer",
        "zuiderland",
        "--market",
        &m,
        "--lang",
        "en",
        "follow",
        "import",
        &file,
    ]);
    assert_code(&out, 1, &["--market"]);
    assert_contains(
        &stderr(&out),
        &["does not lead Utrecht Stad; by your market data Rivierzorg (fictief) does"],
    );
}

#[test]
fn an_unknown_plan_or_another_plan_version_is_refused_with_what_to_do() {
    let l = leader();
    let file = decided_and_exported(&l);
    // A follower that has not imported Utrecht.
    let env = Env::new();
    env.ok(&["import", "sample-plans/twente.toml"]);
    exchange_key(&l, None, &env);
    let f = Follower { env, id: "rivierzorg" };
    f.refused(
        &file,
        &[],
        &["plan RESV-UTR-2027 is not in your queue; import the same plan first"],
    );
    // A follower whose queue has a newer version.
    let f = Follower::new(&l, "rivierzorg");
    let text = fs::read_to_string("sample-plans/utrecht-stad.toml").unwrap();
    f.run(
        0,
        &[
            "import",
            &f.env.file(
                "utrecht-1.1.toml",
                &text.replace("version = \"1.0\"", "version = \"1.1\""),
            ),
        ],
    );
    f.refused(
        &file,
        &[],
        &[
            "the package is about version 1 of RESV-UTR-2027",
            "your queue has version 2",
            "import the same version of the plan first",
        ],
    );
}

#[test]
fn a_package_for_a_region_without_a_share_or_ones_own_package_is_refused() {
    let l = leader();
    l.ok(&[
        "decide",
        AZO,
        "--outcome",
        "reject",
        "--reason",
        "Voldoet niet aan de knock-outcriteria.",
    ]);
    let file = l.path("azo.json").display().to_string();
    l.ok(&["follow", "export", AZO, "-o", &file]);
    assert!(
        package(&file)["split"]["parts"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["total_cents"] == 0)
    );
    // De Polder has no insured people in Amsterdam-Amstelland.
    let f = Follower::new(&l, "polder");
    f.refused(
        &file,
        &[],
        &["Coöperatie De Polder (fictief) has no share in region Amsterdam-Amstelland"],
    );
    // The leader importing its own package.
    let before = l.count("SELECT count(*) FROM coordination");
    let out = l.resv(&["--lang", "en", "follow", "import", &file]);
    assert_code(&out, 1, &["own"]);
    assert_contains(&stderr(&out), &["this is your own follow package"]);
    assert_eq!(l.count("SELECT count(*) FROM coordination"), before);
}

#[test]
fn following_does_not_silently_replace_the_followers_own_decision() {
    let l = leader();
    let file = decided_and_exported(&l);
    let f = Follower::new(&l, "rivierzorg");
    f.run(0, &["decide", UTR, "--outcome", "reject", "--reason", "Eigen oordeel."]);
    let out = f.env.resv(&f.args(&["--lang", "en", "follow", "import", &file]));
    assert_code(&out, 3, &["conflict"]);
    assert_contains(&stderr(&out), &["conflict: plan RESV-UTR-2027 has decision #1 (reject"]);
    assert_eq!(f.env.count("SELECT count(*) FROM coordination"), 0);
    let out = f.json(&["follow", "import", &file, "--expect-latest", "1", "--json"]);
    assert_eq!(out["decision_id"], 2);
    assert_eq!(queue_state(&f.env, &["--insurer", "rivierzorg"], UTR), "followed");
}

/// `follow export PLAN -o NAME` in English, NAME in the leader's folder.
fn export_en(l: &Env, plan: &str, name: &str) -> std::process::Output {
    let file = l.path(name).display().to_string();
    l.resv(&["--lang", "en", "follow", "export", plan, "-o", &file])
}

#[test]
fn only_the_leader_exports_and_only_a_decision_that_counts() {
    let l = leader();
    let out = export_en(&l, UTR, "x.json");
    assert_code(&out, 1, &["undecided"]);
    assert_contains(&stderr(&out), &["the plan has no decision yet"]);
    l.decide_approve(UTR, &["fundable"], "Goed plan.");
    let out = export_en(&l, UTR, "x.json");
    assert_code(&out, 1, &["pending"]);
    assert_contains(&stderr(&out), &["awaits a second buyer's approval"]);
    assert!(!l.path("x.json").exists());
    // Twente is led by Noorderzorg.
    l.ok(&["decide", "RESV-TWE-2027", "--outcome", "reject", "--reason", "Nee."]);
    let out = export_en(&l, "RESV-TWE-2027", "t.json");
    assert_code(&out, 1, &["not leader"]);
    assert_contains(
        &stderr(&out),
        &["Zorgverzekeraar Voorbeeld (fictief) does not lead Twente: Noorderzorg Verzekeringen (fictief) does"],
    );
    // An existing file is never overwritten.
    l.ok_as("tweede-inkoper", &["approve", UTR]);
    let existing = l.file("keep.json", "keep");
    let out = l.resv(&["follow", "export", UTR, "-o", &existing]);
    assert_code(&out, 2, &["exists"]);
    assert_eq!(fs::read_to_string(&existing).unwrap(), "keep");
    assert_eq!(l.count("SELECT count(*) FROM coordination"), 0);
}

#[test]
fn read_only_records_nothing() {
    let l = leader();
    let file = decided_and_exported(&l);
    let f = Follower::new(&l, "rivierzorg");
    let out = f
        .env
        .resv(&f.args(&["--read-only", "--lang", "en", "follow", "import", &file]));
    assert_code(&out, 2, &["read-only"]);
    assert_contains(&stderr(&out), &["read-only"]);
    assert_eq!(f.env.count("SELECT count(*) FROM coordination"), 0);
}

#[test]
fn bad_market_data_and_an_unknown_insurer_are_named() {
    let env = Env::with_samples();
    let bad = env.file(
        "market.toml",
        "format = 1\n[[insurers]]\nid = \"a\"\nname = \"A\"\n[[regions]]\nrho_region = \"Utrecht Stad\"\nshares = { a = 90 }\n",
    );
    let out = env.resv(&["--market", &bad, "follow", "status"]);
    assert_code(&out, 2, &["--market"]);
    assert_contains(
        &stderr(&out),
        &[
            "market.toml has 1 problem(s)",
            "market.toml:7:10: regions[0].shares: the shares add up to 90%, expected exactly 100%",
        ],
    );
    let out = env.resv(&["--insurer", "rivierzorgg", "follow", "status"]);
    assert_code(&out, 2, &["--insurer"]);
    assert_contains(
        &stderr(&out),
        &[
            "--insurer: unknown insurer \"rivierzorgg\"; did you mean `rivierzorg`?",
            "voorbeeld, noorderzorg",
        ],
    );
}

#[test]
fn an_older_package_does_not_replace_a_newer_one_and_a_follow_is_not_undone_by_a_deviation() {
    let l = leader();
    let amounts = ["--amount", "2027=400000", "--amount", "2028=400000"];
    let decide = |more: &[&str]| {
        let mut a = vec![
            "decide",
            UTR,
            "--outcome",
            "approve",
            amounts[0],
            amounts[1],
            amounts[2],
            amounts[3],
            "--reason",
            "Akkoord.",
        ];
        a.extend_from_slice(more);
        l.ok(&a);
    };
    decide(&[]);
    let old = l.path("a.json").display().to_string();
    l.ok(&["follow", "export", UTR, "-o", &old]);
    decide(&["--expect-latest", "1"]);
    let new = l.path("b.json").display().to_string();
    l.ok(&["follow", "export", UTR, "-o", &new]);

    // Deviating first and then following the same package is a change of mind: allowed.
    let f = Follower::new(&l, "rivierzorg");
    f.run(0, &["follow", "import", &new, "--deviate", "Nog in overleg."]);
    assert_eq!(queue_state(&f.env, &["--insurer", "rivierzorg"], UTR), "deviating");
    f.run(0, &["follow", "import", &new, "--confirm"]);
    assert_eq!(queue_state(&f.env, &["--insurer", "rivierzorg"], UTR), "followed");
    // The old package arrives late: refused, the newer follow stands.
    f.refused(
        &old,
        &["--confirm"],
        &["a newer package of the market leader (its number 2) was already followed"],
    );
    f.refused(&old, &["--deviate", "x"], &["its number 2"]);
    // Deviating from a package already followed is refused: record an own decision instead.
    f.refused(
        &new,
        &["--deviate", "Toch niet."],
        &["this package was already followed"],
    );
    assert_eq!(queue_state(&f.env, &["--insurer", "rivierzorg"], UTR), "followed");
}

#[test]
fn market_data_without_the_policys_insurer_do_not_stop_other_work() {
    let env = Env::with_samples();
    let market = fs::read_to_string("config/market.toml")
        .unwrap()
        .replace("id = \"voorbeeld\"", "id = \"anders\"")
        .replace("voorbeeld =", "anders =")
        .replace("\"voorbeeld\"", "\"anders\"");
    let m = env.file("market.toml", &market);
    env.ok(&["--market", &m, "queue"]);
    let out = env.ok(&["--market", &m, "--lang", "en", "follow", "status"]);
    assert_contains(
        &stderr(&out),
        &["insurer_id in", "unknown insurer \"voorbeeld\"", "anders"],
    );
    let out = env.resv(&["--market", &m, "--lang", "en", "follow", "export", UTR, "-o", "x.json"]);
    assert_code(&out, 1, &["no identity"]);
    assert_contains(&stderr(&out), &["unknown which insurer you work for"]);
}
