//! Signed coordination end to end: a leader and two followers, three databases, each with
//! its own keys in its own config folder. Every forgery is refused with nothing recorded;
//! keys rotate and are revoked from a date.

mod support;

use serde_json::Value;
use std::fs;
use support::{Env, assert_code, assert_contains, exchange_key, parse_json, resign, stderr};

const UTR: &str = "RESV-UTR-2027";

fn follower(leader: &Env, id: &str) -> Env {
    let env = Env::new();
    env.ok(&["--insurer", id, "import", "sample-plans"]);
    exchange_key(leader, None, &env);
    exchange_key(&env, Some(id), leader);
    env
}

fn decide_and_export(l: &Env, name: &str, more: &[&str]) -> String {
    let mut a = vec![
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
    ];
    a.extend_from_slice(more);
    l.ok(&a);
    l.ok_as("tweede-inkoper", &["approve", UTR]);
    let file = l.path(name).display().to_string();
    l.ok(&["follow", "export", UTR, "-o", &file]);
    file
}

fn counts(env: &Env) -> (i64, i64, i64) {
    (
        env.count("SELECT count(*) FROM coordination"),
        env.count("SELECT count(*) FROM decisions"),
        env.count("SELECT count(*) FROM audit_log"),
    )
}

/// Imports `file` as `id`, expecting a refusal naming `phrases`; nothing recorded.
fn refused(env: &Env, id: &str, file: &str, phrases: &[&str]) {
    let before = counts(env);
    let args = ["--insurer", id, "--lang", "en", "follow", "import", file];
    let out = env.resv(&args);
    assert_code(&out, 1, &args);
    assert_contains(&stderr(&out), phrases);
    assert_eq!(counts(env), before, "a refused import records nothing");
}

fn package(file: &str) -> Value {
    serde_json::from_str(&fs::read_to_string(file).unwrap()).unwrap()
}

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

fn status_of(env: &Env, args: &[&str]) -> Value {
    let mut a = args.to_vec();
    a.extend(["follow", "status", "--json"]);
    let s = parse_json(&env.ok(&a));
    s["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["plan_id"] == UTR)
        .unwrap()
        .clone()
}

#[test]
fn a_leader_and_two_followers_follow_deviate_and_the_receipts_come_back() {
    let l = Env::with_samples();
    let a = follower(&l, "rivierzorg");
    let b = follower(&l, "zuiderland");
    let file = decide_and_export(&l, "utr.json", &[]);
    assert!(
        package(&file)["signature"]["fingerprint"]
            .as_str()
            .unwrap()
            .starts_with("SHA256:")
    );
    assert_eq!(package(&file)["sequence"], 1);

    // Before any receipt every other insurer is pending.
    let s = status_of(&l, &[]);
    let ins = s["insurers"].as_array().unwrap();
    assert_eq!(ins.len(), 5);
    assert!(
        ins.iter()
            .all(|i| i["status"] == "pending" && i["days_since_sent"] == 0)
    );

    a.ok(&["--insurer", "rivierzorg", "follow", "import", &file]);
    b.ok(&[
        "--insurer",
        "zuiderland",
        "follow",
        "import",
        &file,
        "--deviate",
        "Eigen voorwaarde: kwartaalrapportage",
        "--condition",
        "Kwartaalrapportage",
    ]);
    let ra = a.path("ra.json").display().to_string();
    let rb = b.path("rb.json").display().to_string();
    a.ok(&["--insurer", "rivierzorg", "follow", "receipt", UTR, "-o", &ra]);
    b.ok(&["--insurer", "zuiderland", "follow", "receipt", UTR, "-o", &rb]);
    l.ok(&["follow", "import", &ra]);
    l.ok(&["follow", "import", &rb]);
    assert_eq!(l.count("SELECT count(*) FROM follow_receipts"), 2);
    assert_eq!(
        l.count("SELECT count(*) FROM audit_log WHERE action = 'follow-receipt'"),
        2
    );

    let s = status_of(&l, &[]);
    let by = |id: &str| {
        s["insurers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["insurer_id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(by("rivierzorg")["status"], "followed");
    assert_eq!(by("zuiderland")["status"], "deviated");
    assert_eq!(by("zuiderland")["reason"], "Eigen voorwaarde: kwartaalrapportage");
    assert_eq!(by("polder")["status"], "pending");
    // The followers' own side.
    assert_eq!(status_of(&a, &["--insurer", "rivierzorg"])["status"], "followed");
    assert_eq!(status_of(&b, &["--insurer", "zuiderland"])["status"], "deviating");
    // The same receipt twice, and a receipt changed after signing, are refused.
    let out = l.resv(&["--lang", "en", "follow", "import", &ra]);
    assert_code(&out, 2, &["again"]);
    let mut r: Value = serde_json::from_str(&fs::read_to_string(&rb).unwrap()).unwrap();
    r["answer"] = Value::from("followed");
    let forged = l.file("rb-forged.json", &serde_json::to_string(&r).unwrap());
    let out = l.resv(&["--lang", "en", "follow", "import", &forged]);
    assert_code(&out, 1, &["forged receipt"]);
    assert_contains(
        &stderr(&out),
        &["receipt refused", "the signature does not match the content"],
    );
    assert_contains(
        &l.ok(&["audit", "verify"])
            .stdout
            .iter()
            .map(|&c| c as char)
            .collect::<String>(),
        &["intact"],
    );
}

#[test]
fn every_forgery_is_refused_and_nothing_is_recorded() {
    let l = Env::with_samples();
    let f = follower(&l, "rivierzorg");
    let file = decide_and_export(&l, "utr.json", &[]);

    // Unsigned.
    let mut p = package(&file);
    p.as_object_mut().unwrap().remove("signature");
    let unsigned = f.file("unsigned.json", &serde_json::to_string(&p).unwrap());
    let leader_fp = package(&file)["signature"]["fingerprint"].as_str().unwrap().to_string();
    refused(&f, "rivierzorg", &unsigned, &["not signed", &leader_fp, "found none"]);

    // Lock-out: a huge decision id, digest recomputed, signed by a forger claiming to be
    // the leader with its own key.
    let forger = Env::new();
    let forger_key = forger.secret_key("polder");
    let mut p = package(&file);
    p["decision"]["decision_id"] = Value::from(i64::MAX);
    redigest(&mut p);
    resign(&mut p, "voorbeeld", &forger_key);
    let lockout = f.file("lockout.json", &serde_json::to_string(&p).unwrap());
    refused(
        &f,
        "rivierzorg",
        &lockout,
        &[
            "a key you do not trust for voorbeeld",
            &leader_fp,
            &forger_key.public().fingerprint(),
        ],
    );

    // Inflated amounts (x10), re-signed by the same forger: refused by the signature.
    let mut p = package(&file);
    for a in p["decision"]["amounts"].as_array_mut().unwrap() {
        a["amount_cents"] = Value::from(a["amount_cents"].as_i64().unwrap() * 10);
    }
    redigest(&mut p);
    resign(&mut p, "voorbeeld", &forger_key);
    let inflated = f.file("inflated.json", &serde_json::to_string(&p).unwrap());
    refused(&f, "rivierzorg", &inflated, &["do not trust for voorbeeld"]);

    // Another insurer of the region, whose key the follower trusts, signs as the leader.
    let other = Env::new();
    exchange_key(&other, Some("zuiderland"), &f);
    let mut p = package(&file);
    resign(&mut p, "zuiderland", &other.secret_key("zuiderland"));
    let by_other = f.file("other.json", &serde_json::to_string(&p).unwrap());
    refused(
        &f,
        "rivierzorg",
        &by_other,
        &["signed by zuiderland", "expected voorbeeld"],
    );

    // Wrongly signed: content changed after the leader signed.
    let mut p = package(&file);
    p["decision"]["reasoning"] = Value::from("Anders.");
    redigest(&mut p);
    let changed = f.file("changed.json", &serde_json::to_string(&p).unwrap());
    refused(
        &f,
        "rivierzorg",
        &changed,
        &["the signature does not match the content", &leader_fp],
    );

    // Above the fundable amount without an override reason: even the leader's own key does
    // not make it a package a follower takes.
    let mut p = package(&file);
    for a in p["decision"]["amounts"].as_array_mut().unwrap() {
        a["amount_cents"] = Value::from(a["amount_cents"].as_i64().unwrap() * 10);
    }
    redigest(&mut p);
    resign(&mut p, "voorbeeld", &l.secret_key("voorbeeld"));
    let above = f.file("above.json", &serde_json::to_string(&p).unwrap());
    refused(
        &f,
        "rivierzorg",
        &above,
        &["above the package's own fundable amount", "no override reason"],
    );

    // The genuine package is followed; a replay of an older one is refused.
    f.ok(&["--insurer", "rivierzorg", "follow", "import", &file]);
    let newer = decide_and_export(&l, "utr2.json", &["--expect-latest", "1"]);
    assert_eq!(package(&newer)["sequence"], 2);
    f.ok(&["--insurer", "rivierzorg", "follow", "import", &newer]);
    refused(&f, "rivierzorg", &file, &["already followed"]);
    // A follower that took only the newer package: the older one replayed is refused.
    let g = follower(&l, "zuiderland");
    g.ok(&["--insurer", "zuiderland", "follow", "import", &newer]);
    refused(&g, "zuiderland", &file, &["its number 2", "older"]);
}

#[test]
fn a_rotated_key_still_verifies_old_packages_and_a_revoked_key_is_refused_after_its_date() {
    let l = Env::with_samples();
    let f = Env::new();
    f.ok(&["--insurer", "rivierzorg", "import", "sample-plans"]);
    let old_line = l.key(None);
    let file = decide_and_export(&l, "utr.json", &[]);
    let date = package(&file)["created_at"].as_str().unwrap()[..10].to_string();
    // The old key was valid until the package's day; the new one from then on.
    let out = l.ok(&["keys", "rotate"]);
    let new_line = String::from_utf8_lossy(&out.stdout).lines().last().unwrap().to_string();
    assert_ne!(old_line, new_line);
    assert!(l.config_dir().join("keys/voorbeeld.key.1").exists());
    f.trust(&old_line, &["--until", &date]);
    f.trust(&new_line, &["--from", &date]);
    f.ok(&["--insurer", "rivierzorg", "follow", "import", &file]);

    // A second follower revoked the old key from the package's day: refused.
    let g = Env::new();
    g.ok(&["--insurer", "zuiderland", "import", "sample-plans"]);
    g.trust(&old_line, &[]);
    let fp = g.json(&["keys", "list", "--json"])[0]["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    g.ok(&[
        "keys",
        "revoke",
        &fp,
        "--from",
        &date,
        "--reason",
        "De privésleutel is gelekt.",
    ]);
    refused(&g, "zuiderland", &file, &["revoked from", &fp]);
    let log = g.json(&["audit", "log", "--json"]);
    let actions: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"key-trust") && actions.contains(&"key-revoke"),
        "{actions:?}"
    );
}

#[test]
fn keys_are_private_never_overwritten_and_bad_keys_are_named() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let line = env.key(Some("polder"));
    assert!(line.starts_with("polder ed25519:"), "{line}");
    let path = env.config_dir().join("keys/polder.key");
    assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    let out = env.resv(&["--insurer", "polder", "keys", "generate"]);
    assert_code(&out, 2, &["generate twice"]);
    assert_contains(&stderr(&out), &["exists already", "never overwritten"]);
    let out = env.resv(&["keys", "trust", "polder", "ed25519:AAAA"]);
    assert_code(&out, 2, &["short key"]);
    assert_contains(&stderr(&out), &["expected 32"]);
    let out = env.resv(&["keys", "trust", "pol\u{1b}[2Jder", &line[7..]]);
    assert_code(&out, 2, &["bad id"]);
    assert!(!stderr(&out).contains('\u{1b}'));
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    let out = env.resv(&["--insurer", "polder", "keys", "show"]);
    assert_code(&out, 2, &["readable key"]);
    assert_contains(&stderr(&out), &["readable by others"]);
    env.trust(&line, &[]);
    let out = env.resv(&["--read-only", "keys", "trust", "zuiderland", &line[7..]]);
    assert_code(&out, 2, &["read-only"]);
}

#[test]
fn a_refusal_and_own_terms_travel_in_the_receipt_and_hostile_text_stays_harmless() {
    let l = Env::with_samples();
    let p = follower(&l, "polder");
    let file = decide_and_export(&l, "utr.json", &[]);
    // Own terms for a year the plan does not have: refused, nothing recorded.
    let before = counts(&p);
    let args = [
        "--insurer",
        "polder",
        "--lang",
        "en",
        "follow",
        "import",
        &file,
        "--deviate",
        "Eigen bedrag",
        "--amount",
        "1999=5",
    ];
    let out = p.resv(&args);
    assert_code(&out, 1, &args);
    assert_contains(&stderr(&out), &["--amount 1999: not a contract year of the plan"]);
    assert_eq!(counts(&p), before);
    // Refused, with a reason carrying terminal escapes.
    p.ok(&[
        "--insurer",
        "polder",
        "follow",
        "import",
        &file,
        "--refuse",
        "Nee\u{1b}[2J dank",
    ]);
    let r = p.path("r.json").display().to_string();
    p.ok(&["--insurer", "polder", "follow", "receipt", UTR, "-o", &r]);
    let receipt: Value = serde_json::from_str(&fs::read_to_string(&r).unwrap()).unwrap();
    assert_eq!(receipt["answer"], "refused");
    let out = l.ok(&["follow", "import", &r]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{1b}'));
    let s = status_of(&l, &[]);
    let polder = s["insurers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["insurer_id"] == "polder")
        .unwrap()
        .clone();
    assert_eq!(polder["status"], "deviated");
    assert_eq!(polder["answer"], "refused");
    let out = l.ok(&["follow", "status"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(!text.contains('\u{1b}'), "{text}");
    assert_contains(&text, &["geweigerd"]);
    // A receipt for a package this leader never sent is refused.
    let other = Env::with_samples();
    other.key(None);
    exchange_key(&p, Some("polder"), &other);
    let out = other.resv(&["--lang", "en", "follow", "import", &r]);
    assert_code(&out, 1, &["not ours"]);
    assert_contains(&stderr(&out), &["that you did not export"]);
}

#[test]
fn market_data_may_carry_public_keys_and_a_bad_one_is_located() {
    let l = Env::with_samples();
    let line = l.key(None);
    let file = decide_and_export(&l, "utr.json", &[]);
    let f = Env::new();
    f.ok(&["--insurer", "rivierzorg", "import", "sample-plans"]);
    let market = fs::read_to_string("config/market.toml").unwrap();
    let key = line.split_once(' ').unwrap().1;
    let with_key = market.replacen(
        "id = \"voorbeeld\"\n",
        &format!("id = \"voorbeeld\"\npublic_key = \"{key}\"\n"),
        1,
    );
    assert_ne!(with_key, market);
    let m = f.file("market.toml", &with_key);
    // Without the market's key the package is refused; with it, followed.
    refused(&f, "rivierzorg", &file, &["do not trust for voorbeeld"]);
    f.ok(&["--market", &m, "--insurer", "rivierzorg", "follow", "import", &file]);
    let bad = f.file(
        "bad-market.toml",
        &market.replacen(
            "id = \"voorbeeld\"\n",
            "id = \"voorbeeld\"\npublic_key = \"rsa:x\"\n",
            1,
        ),
    );
    let out = f.resv(&["--market", &bad, "--insurer", "rivierzorg", "follow", "status"]);
    assert_code(&out, 2, &["bad market key"]);
    assert_contains(
        &stderr(&out),
        &["public_key", "expected a public key as ed25519:BASE64"],
    );
}
