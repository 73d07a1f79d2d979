use super::status::{Kind, Overview, PlanCoord, Record, Role, Status, overview, role, status};
use super::*;
use crate::assess::{Recommendation, YearAmounts};
use crate::decision::Outcome;
use crate::rules::RuleSource;
use crate::rules::market::parse_market;
use crate::rules::regions::parse_regions;

fn market() -> Market {
    let rho = parse_regions(
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
    .unwrap();
    parse_market(
        r#"
format = 1
[[insurers]]
id = "alfa"
name = "Alfa Zorg"
[[insurers]]
id = "beta"
name = "Beta"
[[insurers]]
id = "gamma"
name = "Gamma"
[[insurers]]
id = "delta"
name = "Delta"
[[regions]]
rho_region = "Twente"
shares = { alfa = 60, beta = 33.33, gamma = 6.67 }
[[regions]]
rho_region = "Zeeland"
insured = { beta = 700, alfa = 300 }
"#,
        &rho,
    )
    .unwrap()
}

fn source() -> RuleSource {
    RuleSource {
        origin: "test".into(),
        version: "1".into(),
        sha256: "x".into(),
    }
}

fn assessment() -> Assessment {
    Assessment {
        plan_id: "RESV-TWE-2027".into(),
        plan_sha256: "sha-v2".into(),
        guidance: source(),
        policy: source(),
        regions: source(),
        criteria: Vec::new(),
        knocked_out: false,
        knock_outs: Vec::new(),
        pending: Vec::new(),
        total_tenths: 745,
        years: [2027, 2028]
            .iter()
            .map(|&year| YearAmounts {
                year,
                requested: Cents(10_000_001),
                excluded: Cents::ZERO,
                double_funded: Cents::ZERO,
                fundable: Cents(10_000_001),
            })
            .collect(),
        excluded_activities: Vec::new(),
        per_task: [Cents::ZERO; 5],
        recommendation: Recommendation::Approve,
        reasons: Vec::new(),
    }
}

fn decision(id: i64, version_no: u32, outcome: Outcome, cents: &[i64]) -> Decision {
    Decision {
        id,
        plan_id: "RESV-TWE-2027".into(),
        version_no,
        plan_sha256: format!("sha-v{version_no}"),
        outcome,
        amounts: cents
            .iter()
            .zip([2027u16, 2028])
            .map(|(c, year)| YearAmount {
                year,
                amount: Cents(*c),
            })
            .collect(),
        conditions: vec!["Jaarlijkse voortgangsrapportage".into()],
        questions: Vec::new(),
        reasoning: "Past binnen het beleid.".into(),
        override_reason: None,
        supersedes: None,
        needs_approval: false,
        approval: None,
        by: "inkoper".into(),
        at: crate::time::Instant::parse("2026-11-01T10:00:00Z").unwrap(),
        guidance_sha256: "g".into(),
        policy_sha256: "p".into(),
        regions_sha256: "r".into(),
        policy_version: "2027.1".into(),
        total_tenths: 745,
        knocked_out: false,
    }
}

fn package_from(me: &str, m: &Market, d: &Decision) -> Result<FollowPackage, ExportRefusal> {
    let a = assessment();
    build_package(&PackageInput {
        market: m,
        market_sha256: "market-sha",
        me: Some(me),
        plan: PlanFacts {
            plan_id: "RESV-TWE-2027",
            resv_name: "RESV Twente",
            region: "Twente",
            rho_region: "Twente",
            version_no: 2,
            sha256: "sha-v2",
        },
        decision: Some(d),
        assessment: Some(&a),
        open_flags: 1,
        confirmed_flags: 0,
        created_at: crate::time::Instant::parse("2026-11-02T09:00:00Z").unwrap(),
        audit_head: None,
        sequence: 1,
        created_by: "inkoper",
    })
}

fn package() -> FollowPackage {
    package_from(
        "alfa",
        &market(),
        &decision(7, 2, Outcome::Conditions, &[10_000_001, 9_000_000]),
    )
    .unwrap()
}

const YEARS: &[u16] = &[2027, 2028];

fn follower<'a>(me: &'a str, m: &'a Market) -> Follower<'a> {
    Follower {
        me: Some(me),
        market: m,
        plan: Some((2, "sha-v2", "Twente")),
        years: YEARS,
    }
}

#[test]
fn the_package_splits_each_year_exactly_and_carries_its_digest() {
    let p = package();
    assert_eq!(p.sender.insurer_id, "alfa");
    assert_eq!(p.plan.version_no, 2);
    assert_eq!(p.split.basis, "percent");
    let parts: Vec<(&str, i64, i64)> = p
        .split
        .parts
        .iter()
        .map(|s| {
            (
                s.insurer_id.as_str(),
                s.amounts[0].amount_cents,
                s.amounts[1].amount_cents,
            )
        })
        .collect();
    // 10,000,001 cents at 60 / 33.33 / 6.67: 6,000,000.6 / 3,333,000.33 / 667,000.07.
    assert_eq!(
        parts,
        vec![
            ("alfa", 6_000_001, 5_400_000),
            ("beta", 3_333_000, 2_999_700),
            ("gamma", 667_000, 600_300)
        ]
    );
    assert!(p.split.parts[0].leader);
    assert_eq!(p.digest_sha256, digest(&p));
    assert_eq!(p.digest_sha256.len(), 64);
    // The canonical form has sorted keys and no whitespace, and leaves the digest out.
    let c = canonical(&p);
    assert!(c.starts_with("{\"assessment\":{"), "{c}");
    assert!(!c.contains("digest_sha256"));
}

#[test]
fn a_follower_accepts_it_and_gets_its_own_share() {
    let m = market();
    let a = check_package(&package(), &follower("beta", &m)).unwrap();
    assert_eq!(a.outcome, Outcome::Conditions);
    assert_eq!(a.leader, "alfa");
    assert_eq!(a.share_hundredths, 3333);
    assert_eq!(
        a.share,
        vec![
            YearAmount {
                year: 2027,
                amount: Cents(3_333_000)
            },
            YearAmount {
                year: 2028,
                amount: Cents(2_999_700)
            }
        ]
    );
    let c = follow_decision(&package(), &a, "volgt".into());
    assert_eq!(c.total(), Cents(6_332_700));
    assert_eq!(c.conditions, vec!["Jaarlijkse voortgangsrapportage".to_string()]);
    assert!(!c.needs_approval);
}

#[test]
fn the_package_survives_a_round_trip_through_its_file_text() {
    let p = package();
    let text = serde_json::to_string_pretty(&p).unwrap();
    assert_eq!(parse_package(&text).unwrap(), p);
    let m = market();
    assert!(check_package(&parse_package(&text).unwrap(), &follower("gamma", &m)).is_ok());
}

#[test]
fn tampering_with_any_field_breaks_the_digest() {
    let m = market();
    let mut p = package();
    p.split.parts[1].amounts[0].amount_cents -= 1;
    p.split.parts[0].amounts[0].amount_cents += 1;
    assert!(matches!(
        check_package(&p, &follower("beta", &m)),
        Err(ImportRefusal::Digest { .. })
    ));
    let mut p = package();
    p.decision.reasoning.push('!');
    assert!(matches!(
        check_package(&p, &follower("beta", &m)),
        Err(ImportRefusal::Digest { .. })
    ));
    let mut p = package();
    p.digest_sha256 = "0".repeat(64);
    assert!(matches!(
        check_package(&p, &follower("beta", &m)),
        Err(ImportRefusal::Digest { .. })
    ));
}

#[test]
fn unknown_fields_broken_json_and_other_timestamps_are_refused_with_a_line() {
    let text = serde_json::to_string_pretty(&package()).unwrap();
    let extra = text.replacen("\"format\"", "\"bonus\": 1,\n  \"format\"", 1);
    let e = parse_package(&extra).unwrap_err();
    assert_eq!(e.line, Some(2));
    assert!(e.message.contains("unknown field `bonus`"), "{}", e.message);
    let e = parse_package(&text[..text.len() / 2]).unwrap_err();
    assert!(e.line.is_some());
    assert!(e.message.contains("expected a follow package"), "{}", e.message);
    let local = text.replacen("2026-11-02T09:00:00Z", "2026-11-02T10:00:00+01:00", 1);
    let e = parse_package(&local).unwrap_err();
    assert!(e.line.is_some(), "{}", e.message);
    assert!(e.message.contains("YYYY-MM-DDTHH:MM:SSZ"), "{}", e.message);
}

#[test]
fn each_refusal_in_turn() {
    let m = market();
    let p = package();
    let check = |f: Follower<'_>, p: &FollowPackage| check_package(p, &f).unwrap_err();
    let mut wrong = p.clone();
    wrong.format = "resv-decisions".into();
    assert!(matches!(
        check(follower("beta", &m), &wrong),
        ImportRefusal::Format { .. }
    ));
    assert_eq!(check(follower("alfa", &m), &p), ImportRefusal::OwnPackage);
    let anon = Follower {
        me: None,
        ..follower("beta", &m)
    };
    assert_eq!(check(anon, &p), ImportRefusal::NoIdentity);
    assert_eq!(
        check(follower("delta", &m), &p),
        ImportRefusal::NoShare {
            me: "delta".into(),
            rho_region: "Twente".into()
        }
    );
    let unknown = Follower {
        plan: None,
        ..follower("beta", &m)
    };
    assert!(matches!(check(unknown, &p), ImportRefusal::UnknownPlan { .. }));
    let older = Follower {
        plan: Some((1, "sha-v1", "Twente")),
        ..follower("beta", &m)
    };
    assert_eq!(
        check(older, &p),
        ImportRefusal::VersionDiffers {
            plan_id: "RESV-TWE-2027".into(),
            theirs: (2, "sha-v2".into()),
            ours: (1, "sha-v1".into())
        }
    );
    // beta leads Zeeland, not Twente: a package from beta for Twente is refused, even with
    // a digest that matches (anyone can compute one).
    let mut from_beta = p.clone();
    from_beta.sender.insurer_id = "beta".into();
    from_beta.digest_sha256 = digest(&from_beta);
    assert_eq!(
        check(follower("gamma", &m), &from_beta),
        ImportRefusal::NotLeader {
            sender: "beta".into(),
            rho_region: "Twente".into(),
            leader: "alfa".into()
        }
    );
    let mut elsewhere = p.clone();
    elsewhere.plan.rho_region = "Texel".into();
    elsewhere.digest_sha256 = digest(&elsewhere);
    assert!(matches!(
        check(follower("beta", &m), &elsewhere),
        ImportRefusal::NoMarketData { .. }
    ));
}

#[test]
fn other_market_data_or_a_package_that_does_not_add_up_is_refused() {
    let p = package();
    // The follower's market data give beta 40% instead of 33.33%.
    let text = r#"
format = 1
[[insurers]]
id = "alfa"
name = "Alfa Zorg"
[[insurers]]
id = "beta"
name = "Beta"
[[regions]]
rho_region = "Twente"
shares = { alfa = 60, beta = 40 }
"#;
    let rho = crate::rules::shipped::built_in_rules().regions;
    let other = parse_market(text, &rho).unwrap();
    assert!(matches!(
        check_package(&p, &follower("beta", &other)),
        Err(ImportRefusal::SplitDiffers { .. })
    ));
    let m = market();
    let mut hand = p.clone();
    hand.decision.total_cents += 5;
    hand.digest_sha256 = digest(&hand);
    assert!(matches!(
        check_package(&hand, &follower("beta", &m)),
        Err(ImportRefusal::Inconsistent { .. })
    ));
    let mut hand = p.clone();
    hand.split.parts[2].amounts[1].amount_cents += 1;
    hand.digest_sha256 = digest(&hand);
    assert!(matches!(
        check_package(&hand, &follower("beta", &m)),
        Err(ImportRefusal::Inconsistent { .. })
    ));
    // Each of these is a decision the follower could not have recorded itself.
    let forged = |f: &dyn Fn(&mut FollowPackage)| {
        let mut hand = p.clone();
        f(&mut hand);
        hand.digest_sha256 = digest(&hand);
        match check_package(&hand, &follower("beta", &m)) {
            Err(ImportRefusal::Inconsistent { what }) => what,
            other => panic!("accepted or refused otherwise: {other:?}"),
        }
    };
    let w = forged(&|h| h.decision.amounts[1].year = 2031);
    assert!(w.contains("the plan's contract years are [2027, 2028]"), "{w}");
    let w = forged(&|h| {
        h.decision.amounts = vec![
            YearCents {
                year: 2027,
                amount_cents: i64::MAX,
            },
            YearCents {
                year: 2028,
                amount_cents: 1,
            },
        ];
        h.decision.total_cents = i64::MIN;
    });
    assert!(w.contains("out of range"), "{w}");
    let w = forged(&|h| h.decision.conditions.clear());
    assert!(w.contains("`conditions` without a condition"), "{w}");
    let w = forged(&|h| h.decision.outcome = "return".into());
    assert!(w.contains("money for a return"), "{w}");
    let w = forged(&|h| {
        for a in &mut h.decision.amounts {
            a.amount_cents = 0;
        }
        h.decision.total_cents = 0;
        for part in &mut h.split.parts {
            for a in &mut part.amounts {
                a.amount_cents = 0;
            }
        }
    });
    assert!(w.contains("no money for an outcome that funds"), "{w}");
}

#[test]
fn only_the_leader_exports_a_counted_decision_on_the_latest_version() {
    let m = market();
    let d = decision(7, 2, Outcome::Approve, &[100, 100]);
    assert!(matches!(
        package_from("beta", &m, &d),
        Err(ExportRefusal::NotLeader { .. })
    ));
    let old = decision(7, 1, Outcome::Approve, &[100, 100]);
    assert_eq!(
        package_from("alfa", &m, &old),
        Err(ExportRefusal::OlderVersion {
            decided_on: 1,
            latest: 2
        })
    );
    let mut pending = d.clone();
    pending.needs_approval = true;
    assert_eq!(
        package_from("alfa", &m, &pending),
        Err(ExportRefusal::Pending { decision_id: 7 })
    );
    // A rejection is exported too: the followers reject as well, each paying nothing.
    let p = package_from("alfa", &m, &decision(8, 2, Outcome::Reject, &[0, 0])).unwrap();
    assert!(p.split.parts.iter().all(|s| s.total_cents == 0));
}

fn record(kind: Kind, version_no: u32, decision_id: Option<i64>) -> Record {
    Record {
        id: 1,
        plan_id: "RESV-TWE-2027".into(),
        kind,
        version_no,
        rho_region: "Twente".into(),
        leader: "alfa".into(),
        leader_decision_id: 7,
        outcome: Outcome::Approve,
        share: Vec::new(),
        package_sha256: "x".into(),
        decision_id,
        reason: None,
        by: "b".into(),
        at: crate::time::Instant::parse("2026-11-03T09:00:00Z").unwrap(),
    }
}

#[test]
fn statuses_for_leader_and_follower() {
    let m = market();
    assert_eq!(role(&m, Some("alfa"), "twente"), Role::Leader);
    assert_eq!(
        role(&m, Some("beta"), "Twente"),
        Role::Follower { leader: "alfa".into() }
    );
    assert_eq!(
        role(&m, Some("delta"), "Twente"),
        Role::NoShare { leader: "alfa".into() }
    );
    assert_eq!(role(&m, Some("alfa"), "Texel"), Role::NoMarketData);
    assert_eq!(role(&m, None, "Twente"), Role::Unknown);

    let leader = Role::Leader;
    let d = decision(7, 2, Outcome::Approve, &[100, 100]);
    assert_eq!(status(&leader, 2, None, &[]), Status::Undecided);
    assert_eq!(
        status(&leader, 3, Some(&d), &[]),
        Status::Undecided,
        "a newer version needs a decision"
    );
    assert_eq!(status(&leader, 2, Some(&d), &[]), Status::Decided { exported: false });
    let exported = [record(Kind::Export, 2, Some(7))];
    assert_eq!(
        status(&leader, 2, Some(&d), &exported),
        Status::Decided { exported: true }
    );

    let f = Role::Follower { leader: "alfa".into() };
    let mine = decision(3, 2, Outcome::Approve, &[10, 10]);
    assert_eq!(status(&f, 2, None, &[]), Status::AwaitingLeader);
    let followed = [record(Kind::Follow, 2, Some(3))];
    assert_eq!(status(&f, 2, Some(&mine), &followed), Status::Followed);
    assert_eq!(
        status(&f, 3, Some(&mine), &followed),
        Status::AwaitingLeader,
        "a new version waits again"
    );
    let own = decision(4, 2, Outcome::Reject, &[0, 0]);
    assert_eq!(
        status(&f, 2, Some(&own), &followed),
        Status::Deviating,
        "replaced the follow"
    );
    let deviated = [record(Kind::Follow, 2, Some(3)), record(Kind::Deviate, 2, None)];
    assert_eq!(status(&f, 2, Some(&mine), &deviated), Status::Deviating);
}

#[test]
fn the_overview_counts_per_region_and_sums_what_counts() {
    let m = market();
    let followed_d = decision(3, 1, Outcome::Approve, &[1000, 2000]);
    let followed = vec![record(Kind::Follow, 1, Some(3))];
    let mut pending = decision(5, 1, Outcome::Approve, &[99, 99]);
    pending.needs_approval = true;
    let led = decision(6, 1, Outcome::Conditions, &[500, 0]);
    let answer =
        |id: &str, a: Option<crate::coordination::receipt::Answer>| crate::coordination::receipt::InsurerAnswer {
            insurer_id: id.into(),
            name: id.into(),
            sent_at: None,
            answer: a,
            reason: None,
            answered_at: None,
            days_since_sent: None,
        };
    use crate::coordination::receipt::Answer;
    let led_answers = [
        answer("alpha", Some(Answer::Followed)),
        answer("gamma", Some(Answer::Refused)),
        answer("delta", None),
    ];
    let plans = [
        PlanCoord {
            rho_region: "Twente",
            latest_version: 1,
            current: Some(&followed_d),
            records: &followed,
            answers: &[],
        },
        PlanCoord {
            rho_region: "Twente",
            latest_version: 1,
            current: None,
            records: &[],
            answers: &[],
        },
        PlanCoord {
            rho_region: "Zeeland",
            latest_version: 1,
            current: Some(&pending),
            records: &[],
            answers: &[],
        },
        PlanCoord {
            rho_region: "Zeeland",
            latest_version: 1,
            current: Some(&led),
            records: &[],
            answers: &led_answers,
        },
        PlanCoord {
            rho_region: "Texel",
            latest_version: 1,
            current: Some(&led),
            records: &[],
            answers: &[],
        },
    ];
    let Overview {
        regions,
        total,
        without_market,
    } = overview(&m, Some("beta"), &plans);
    assert_eq!(without_market, 1);
    let twente = &regions[0];
    assert_eq!((twente.plans, twente.leader_decided, twente.pending), (2, 1, 1));
    assert_eq!(
        (twente.followed, twente.deviating, twente.exported),
        (Some(1), Some(0), None)
    );
    assert_eq!(
        twente.commitment[1],
        YearAmount {
            year: 2028,
            amount: Cents(2000)
        }
    );
    let zeeland = &regions[1];
    assert_eq!(zeeland.role, Role::Leader);
    assert_eq!((zeeland.plans, zeeland.leader_decided, zeeland.pending), (2, 1, 1));
    // As leader, the followers' answers from their receipts: one followed, one refused.
    assert_eq!(
        (zeeland.followed, zeeland.deviating, zeeland.exported),
        (Some(1), Some(1), Some(0))
    );
    // Beta leads Zeeland with 700 of its 1,000 insured: its own part is 70% of the
    // contract (the followers pay the rest), not the whole contract.
    assert_eq!(
        zeeland.commitment,
        vec![
            YearAmount {
                year: 2027,
                amount: Cents(350)
            },
            YearAmount {
                year: 2028,
                amount: Cents(0)
            }
        ]
    );
    // The pending decision does not count; the plan outside the market data does, whole;
    // the led one with beta's part.
    assert_eq!(
        total,
        vec![
            YearAmount {
                year: 2027,
                amount: Cents(1850)
            },
            YearAmount {
                year: 2028,
                amount: Cents(2000)
            }
        ]
    );
}
