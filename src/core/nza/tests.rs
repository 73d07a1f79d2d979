use super::report::{DeviationKind, report};
use super::*;
use serde_json::json;

fn decision(plan: &str, outcome: &str, years: &[(u16, i64, i64)]) -> serde_json::Value {
    json!({
        "plan_id": plan, "plan_version": 1, "plan_sha256": "a".repeat(64), "resv_name": format!("RESV {plan}"),
        "region": "Regio", "rho_region": "Utrecht Stad", "scenario": "groeimodel", "decision_id": 7,
        "outcome": outcome, "pending_approval": false, "decided_at": "2026-10-01T10:00:00Z",
        "contracted_total_cents": years.iter().map(|y| y.1).sum::<i64>(),
        "years": years.iter().map(|(y, c, p)| json!({"year": y, "contracted_cents": c, "paid_cents": p, "requested_cents": c})).collect::<Vec<_>>(),
        "per_main_task_cents": [100, 300, 0, 0, 100], "open_flags": 1, "confirmed_flags": 0,
        "market_role": "follower", "market_leader": "voorbeeld", "coordination_status": "followed",
        "deviation_reason": null, "reasoning": "ignored by NZa"
    })
}

fn export(insurer: &str, decisions: Vec<serde_json::Value>) -> String {
    json!({"format": FORMAT, "format_version": FORMAT_VERSION, "insurer": format!("Insurer {insurer}"),
           "insurer_id": insurer, "exported_at": "2026-11-01T00:00:00Z", "decisions": decisions})
    .to_string()
}

#[test]
fn reads_an_export_and_hashes_each_decision() {
    let f = parse_export(&export(
        "rivierzorg",
        vec![decision("P1", "approve", &[(2027, 1000, 400)])],
    ))
    .unwrap();
    assert_eq!(f.insurer_id, "rivierzorg");
    let c = &f.contracts[0];
    assert_eq!(c.key(), "rivierzorg/P1");
    assert_eq!(c.paid(None), 400);
    assert_eq!(c.main_task(), 2);
    assert_eq!(c.sha256.len(), 64);
    let again = parse_export(&export(
        "rivierzorg",
        vec![decision("P1", "approve", &[(2027, 1000, 400)])],
    ))
    .unwrap();
    assert_eq!(again.contracts[0].sha256, c.sha256);
}

#[test]
fn bad_files_name_the_place_and_what_was_expected() {
    let e = parse_export("{\n \"format\": ").unwrap_err();
    assert_eq!(e[0].line, Some(2));
    assert!(e[0].message.contains("not a decision export"), "{e:?}");

    let old = export("x", vec![]).replace("\"format_version\":2", "\"format_version\":1");
    let e = parse_export(&old).unwrap_err();
    assert!(e[0].message.contains("expected resv-decisions version 2"), "{e:?}");

    let mut d = decision("P1", "maybe", &[(2027, 1000, 2000), (2027, 5, 5)]);
    d["contracted_total_cents"] = json!(1);
    let e = parse_export(&export("", vec![d])).unwrap_err();
    let text: Vec<String> = e.iter().map(|d| d.to_string()).collect();
    assert!(text[0].starts_with("insurer_id: "), "{text:?}");
    assert!(
        text.contains(
            &"decisions[0] (P1).outcome: found \"maybe\", expected approve, conditions, return or reject".to_string()
        ),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|t| t.contains("years[0]: paid 2000 is more than contracted 1000")),
        "{text:?}"
    );
    assert!(
        text.iter().any(|t| t.contains("years[1]: year 2027 appears twice")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|t| t.contains("contracted_total_cents: 1 is not the sum")),
        "{text:?}"
    );

    let mut d = decision("P2", "approve", &[]);
    d.as_object_mut().unwrap().remove("years");
    let e = parse_export(&export("x", vec![d])).unwrap_err();
    assert_eq!(e[0].to_string(), "decisions[0] (P2): missing field `years`");
}

fn held(c: &Contract) -> Held {
    Held {
        contract: c.clone(),
        file_name: "earlier.json".into(),
        imported_at: crate::time::Instant::parse("2026-11-02T09:00:00Z").unwrap(),
    }
}

#[test]
fn identical_decisions_are_skipped_later_ones_supersede_and_conflicts_are_refused() {
    use super::history::plan_import;
    let f = parse_export(&export(
        "rivierzorg",
        vec![decision("P1", "approve", &[(2027, 1000, 400)])],
    ))
    .unwrap();
    fn offered(f: &ExportFile) -> Offered<'_> {
        Offered {
            file_name: "new.json",
            sha256: "f1",
            export: f,
        }
    }
    let first = &f.contracts[0];
    let p = plan_import(&[], &[], &[offered(&f)]);
    assert!(p.refusals.is_empty());
    assert_eq!((p.files[0].store.clone(), p.files[0].skipped), (vec![0], 0));
    // The same decision again: skipped and counted, not refused.
    let p = plan_import(&[held(first)], &[], &[offered(&f)]);
    assert!(p.refusals.is_empty(), "{:?}", p.refusals);
    assert_eq!((p.files[0].store.len(), p.files[0].skipped), (0, 1));
    // The same decision with other amounts: altered, refused.
    let mut altered = f.clone();
    altered.contracts[0].years[0].paid_cents -= 1;
    altered.contracts[0].sha256 = "altered".into();
    let r = check_import(&[held(first)], &[], &[offered(&altered)]);
    assert!(matches!(&r[..], [Refusal::Altered { decision_id: 7, .. }]), "{r:?}");
    // A later decision on the same version that chains to the held one: superseding.
    let mut later = f.clone();
    later.contracts[0].decision_id = first.decision_id + 5;
    later.contracts[0].supersedes = Some(first.decision_id + 2);
    later.contracts[0].sha256 = "later".into();
    let p = plan_import(&[held(first)], &[], &[offered(&later)]);
    assert!(p.refusals.is_empty(), "{:?}", p.refusals);
    assert_eq!(p.files[0].superseding, vec![(0, first.decision_id)]);
    // ... and the held one, offered again after it, is history: skipped.
    let p = plan_import(&[held(first), held(&later.contracts[0])], &[], &[offered(&f)]);
    assert!(p.refusals.is_empty());
    assert_eq!(p.files[0].skipped, 1);
    // A later plan version supersedes.
    let mut v2 = f.clone();
    v2.contracts[0].plan_version = 2;
    v2.contracts[0].plan_sha256 = "b".repeat(64);
    v2.contracts[0].decision_id = first.decision_id + 1;
    v2.contracts[0].sha256 = "other".into();
    let p = plan_import(&[held(first)], &[], &[offered(&v2)]);
    assert_eq!(p.files[0].superseding, vec![(0, first.decision_id)]);
    // An older plan version than the one held: a conflict naming both.
    let r = check_import(&[held(&v2.contracts[0])], &[], &[offered(&f)]);
    assert!(
        matches!(&r[..], [Refusal::OtherVersion { version: 1, held, .. }] if held.contract.plan_version == 2),
        "{r:?}"
    );
    // Another decision on the same version that does not chain: a conflict.
    let mut d2 = f.clone();
    d2.contracts[0].decision_id = 9;
    d2.contracts[0].supersedes = None;
    d2.contracts[0].sha256 = "other".into();
    let r = check_import(&[held(first)], &[], &[offered(&d2)]);
    assert!(
        matches!(&r[..], [Refusal::OtherDecision { decision_id: 9, .. }]),
        "{r:?}"
    );
    // Its chain skipping past the held decision: a conflict too.
    d2.contracts[0].supersedes = Some(first.decision_id - 1);
    let r = check_import(&[held(first)], &[], &[offered(&d2)]);
    assert!(matches!(&r[..], [Refusal::OtherDecision { .. }]), "{r:?}");
    // The same file imported before: nothing to do, no refusal.
    let earlier = HeldFile {
        sha256: "f1".into(),
        file_name: "a.json".into(),
        imported_at: crate::time::Instant::parse("2026-11-01T09:00:00Z").unwrap(),
        insurer_id: "rivierzorg".into(),
        insurer_name: String::new(),
        exported_at: crate::time::Instant::parse("2026-11-01T09:00:00Z").unwrap(),
        contracts: 1,
    };
    let p = plan_import(&[], std::slice::from_ref(&earlier), &[offered(&f)]);
    assert!(p.refusals.is_empty());
    assert_eq!(p.files[0].again, Some(earlier));
    // The same file twice in one import: refused.
    let r = check_import(&[], &[], &[offered(&f), offered(&f)]);
    assert!(matches!(&r[..], [Refusal::Twice { .. }]));
    // Two files of one import: the second supersedes what the first brings.
    let p = plan_import(
        &[],
        &[],
        &[
            offered(&f),
            Offered {
                file_name: "other.json",
                sha256: "f2",
                export: &v2,
            },
        ],
    );
    assert!(p.refusals.is_empty(), "{:?}", p.refusals);
    assert_eq!(p.files[1].superseding, vec![(0, first.decision_id)]);
}

#[test]
fn a_second_approval_after_an_export_reaches_nza_once() {
    use super::history::{current, plan_import};
    let mut waiting = decision("P1", "approve", &[(2027, 1000, 400)]);
    waiting["pending_approval"] = json!(true);
    let waiting = parse_export(&export("rivierzorg", vec![waiting])).unwrap();
    let approved = parse_export(&export(
        "rivierzorg",
        vec![decision("P1", "approve", &[(2027, 1000, 400)])],
    ))
    .unwrap();
    let offered = |f: &'static str, e| Offered {
        file_name: f,
        sha256: f,
        export: e,
    };
    let (w, a) = (&waiting.contracts[0], &approved.contracts[0]);
    // Held as waiting, offered approved: stored, and it is the current one.
    let p = plan_import(&[held(w)], &[], &[offered("e2.json", &approved)]);
    assert!(p.refusals.is_empty(), "{:?}", p.refusals);
    assert_eq!(
        (p.files[0].approved.clone(), p.files[0].store.clone()),
        (vec![0], vec![0])
    );
    let now = current(vec![w.clone(), a.clone()]);
    assert!(now.len() == 1 && !now[0].pending_approval, "{now:?}");
    // Once: the approved one offered again, or the waiting one after it, is skipped.
    for again in [&approved, &waiting] {
        let p = plan_import(&[held(w), held(a)], &[], &[offered("e3.json", again)]);
        assert!(p.refusals.is_empty(), "{:?}", p.refusals);
        assert_eq!((p.files[0].store.len(), p.files[0].skipped), (0, 1));
    }
    // Approved with other amounts: still an altered file, refused.
    let mut altered = approved.clone();
    altered.contracts[0].years[0].paid_cents += 1;
    let r = check_import(&[held(w)], &[], &[offered("e4.json", &altered)]);
    assert!(matches!(&r[..], [Refusal::Altered { .. }]), "{r:?}");
}

#[test]
fn the_population_as_of_a_cutoff_is_the_current_decision_then() {
    use super::history::{as_of, current};
    let f = parse_export(&export(
        "rivierzorg",
        vec![decision("P1", "approve", &[(2027, 1000, 400)])],
    ))
    .unwrap();
    let mut old = f.contracts[0].clone();
    old.decided_at = crate::time::Instant::parse("2027-01-10T09:00:00Z").unwrap();
    let mut new = old.clone();
    new.decision_id += 1;
    new.decided_at = crate::time::Instant::parse("2027-06-01T09:00:00Z").unwrap();
    let stored = vec![(1, old.clone()), (2, new.clone())];
    assert_eq!(current(vec![old.clone(), new.clone()]), vec![new.clone()]);
    assert_eq!(as_of(&stored, None, None), vec![new.clone()]);
    assert_eq!(
        as_of(&stored, crate::plan::Date::parse("2027-05-31"), None),
        vec![old.clone()]
    );
    assert_eq!(
        as_of(&stored, crate::plan::Date::parse("2027-06-01"), None),
        vec![new.clone()]
    );
    assert_eq!(as_of(&stored, None, Some(1)), vec![old]);
    assert!(as_of(&stored, crate::plan::Date::parse("2026-12-31"), None).is_empty());
}

fn contracts() -> Vec<Contract> {
    let mut leader = decision("P1", "approve", &[(2027, 100_000, 60_000), (2028, 100_000, 60_000)]);
    leader["market_role"] = json!("leader");
    leader["coordination_status"] = json!("exported");
    let follower = decision("P1", "approve", &[(2027, 40_000, 40_000), (2028, 40_000, 40_000)]);
    let mut other = decision("P2", "reject", &[(2027, 0, 0)]);
    other["rho_region"] = json!("Fryslân");
    other["coordination_status"] = json!("deviating");
    other["deviation_reason"] = json!("eigen oordeel");
    let mut pending = decision("P3", "approve", &[(2027, 5_000, 5_000)]);
    pending["pending_approval"] = json!(true);
    let mut all = parse_export(&export("voorbeeld", vec![leader])).unwrap().contracts;
    all.extend(
        parse_export(&export("rivierzorg", vec![follower, other, pending]))
            .unwrap()
            .contracts,
    );
    all
}

#[test]
fn the_national_picture_adds_up_without_counting_a_contract_twice() {
    let r = report(&contracts(), 150_000).unwrap();
    let years: Vec<(u16, i64)> = r.years.iter().map(|y| (y.year, y.paid_cents)).collect();
    assert_eq!(years, vec![(2027, 100_000), (2028, 100_000)]);
    assert_eq!(r.years[0].used_permille(), 666);
    for breakdown in [&r.by_region, &r.by_insurer, &r.by_main_task, &r.by_scenario] {
        let sum: i64 = breakdown.iter().map(|t| t.total_cents).sum();
        assert_eq!(sum, 200_000, "{breakdown:?}");
    }
    // Main tasks 1, 2 and 5 pro rata 1:3:1.
    let tasks: Vec<(&str, i64)> = r.by_main_task.iter().map(|t| (t.key.as_str(), t.total_cents)).collect();
    assert_eq!(tasks, vec![("1", 40_000), ("2", 120_000), ("5", 40_000)]);
    let outcomes: Vec<(&str, u64, u64)> = r
        .outcomes
        .iter()
        .map(|o| (o.outcome.as_str(), o.decisions, o.plans))
        .collect();
    assert_eq!(outcomes, vec![("approve", 2, 1), ("pending", 1, 1), ("reject", 1, 1)]);
    assert_eq!(
        (r.open_flags, r.plans_with_open_flags, r.decisions, r.plans),
        (4, 3, 4, 3)
    );
    assert_eq!(r.deviations.len(), 1);
    assert_eq!(
        r.deviations[0].kind,
        DeviationKind::Recorded {
            reason: Some("eigen oordeel".into())
        }
    );
}

#[test]
fn a_follower_with_another_outcome_than_the_leader_is_a_deviation() {
    let mut all = contracts();
    all[1].outcome = "reject".into();
    let r = report(&all, DEFAULT_ENVELOPE).unwrap();
    assert!(r.deviations.iter().any(|d| d.kind
        == DeviationKind::OtherOutcome {
            own_outcome: "reject".into(),
            leader_outcome: "approve".into()
        }));
}

const DEFAULT_ENVELOPE: i64 = super::report::DEFAULT_ENVELOPE_CENTS;

#[test]
fn the_population_holds_what_commits_money() {
    let all = contracts();
    let p = population(&all, None, Some(StrataBy::Insurer));
    let ids: Vec<(&str, i64, &str)> = p
        .iter()
        .map(|u| (u.id.as_str(), u.amount_cents, u.stratum.as_str()))
        .collect();
    assert_eq!(
        ids,
        vec![
            ("rivierzorg/P1", 80_000, "rivierzorg"),
            ("voorbeeld/P1", 120_000, "voorbeeld")
        ]
    );
    assert_eq!(population(&all, Some(2028), None)[0].amount_cents, 40_000);
    assert!(population(&all, Some(2031), None).is_empty());
    assert_eq!(
        population(&all, None, Some(StrataBy::MainTask))[0].stratum,
        "hoofdtaak-2"
    );
}

/// Issue 15: two contracts of 5e18 cents were imported and the national total wrapped to
/// EUR -84,467,440,737,095,516; contract year 0 was accepted. Every amount and year is
/// bounded at import, with its place.
#[test]
fn amounts_and_years_beyond_the_bounds_are_refused_at_import() {
    let huge = 5_000_000_000_000_000_000_i64;
    let file = export(
        "rivierzorg",
        vec![
            decision("P1", "approve", &[(2027, huge, huge)]),
            decision("P2", "approve", &[(2027, huge, huge)]),
            decision("P3", "approve", &[(0, 100, 100), (2101, 1, 1)]),
        ],
    );
    let e = parse_export(&file).unwrap_err();
    let text: Vec<String> = e.iter().map(|d| d.to_string()).collect();
    let bound = "expected an amount in cents from 0 to 100000000000000 (EUR 1,000,000,000,000)";
    assert_eq!(
        text,
        [
            format!("decisions[0] (P1).years[0].contracted_cents: found {huge}, {bound}"),
            format!("decisions[1] (P2).years[0].contracted_cents: found {huge}, {bound}"),
            "decisions[2] (P3).years[0].year: found 0, expected a contract year from 2027 to 2100".to_string(),
            "decisions[2] (P3).years[1].year: found 2101, expected a contract year from 2027 to 2100".to_string(),
        ]
    );
    let mut d = decision("P4", "approve", &[(2027, 10, 10)]);
    d["per_main_task_cents"] = json!([0, huge, 0, 0, 0]);
    d["open_flags"] = json!(u64::MAX);
    let e = parse_export(&export("rivierzorg", vec![d])).unwrap_err();
    let text: Vec<String> = e.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        text,
        [
            format!("decisions[0] (P4).per_main_task_cents[1]: found {huge}, {bound}"),
            format!(
                "decisions[0] (P4).open_flags: found {}, expected at most 1000000",
                u64::MAX
            ),
        ]
    );
    // At the bound itself: imported.
    let max = crate::money::MAX_AMOUNT.0;
    assert!(
        parse_export(&export(
            "rivierzorg",
            vec![decision("P5", "approve", &[(2100, max, max)])]
        ))
        .is_ok()
    );
}

fn paying(insurer: &str, plan: &str, years: &[(u16, i64)]) -> Contract {
    let years: Vec<(u16, i64, i64)> = years.iter().map(|(y, c)| (*y, *c, *c)).collect();
    parse_export(&export(insurer, vec![decision(plan, "approve", &years)]))
        .unwrap()
        .contracts
        .remove(0)
}

/// Sums near the bounds are exact; a sum beyond 64 bits (held contracts that never came
/// through the import) is an error, never a negative total.
#[test]
fn report_sums_are_exact_and_never_wrap() {
    let max = crate::money::MAX_AMOUNT.0;
    let all: Vec<Contract> = (0..30)
        .map(|i| paying(&format!("insurer-{i}"), "P1", &[(2027, max), (2100, max)]))
        .collect();
    let r = report(&all, DEFAULT_ENVELOPE).unwrap();
    let years: Vec<(u16, i64)> = r.years.iter().map(|y| (y.year, y.paid_cents)).collect();
    assert_eq!(years, [(2027, 30 * max), (2100, 30 * max)]);
    assert_eq!(r.by_region[0].total_cents, 60 * max);
    assert_eq!(r.by_main_task.iter().map(|t| t.total_cents).sum::<i64>(), 60 * max);
    assert_eq!(all[0].paid(None), 2 * max);
    let units = population(&all, None, None);
    assert_eq!(
        units.iter().map(|u| i128::from(u.amount_cents)).sum::<i128>(),
        60 * i128::from(max)
    );

    // Two contracts of 5e18 cents each, as if written into the database directly.
    let mut forged = all[..2].to_vec();
    for c in &mut forged {
        c.years = vec![ContractYear {
            year: 2027,
            contracted_cents: 5_000_000_000_000_000_000,
            paid_cents: 5_000_000_000_000_000_000,
        }];
    }
    let e = report(&forged, DEFAULT_ENVELOPE).unwrap_err();
    assert_eq!(e.cents, 10_000_000_000_000_000_000);
    assert!(e.to_string().contains("10000000000000000000 cents"), "{e}");
    // One contract paying more than 64 bits over its years stops at the largest amount.
    forged[0].years.push(ContractYear {
        year: 2028,
        contracted_cents: 5_000_000_000_000_000_000,
        paid_cents: 5_000_000_000_000_000_000,
    });
    assert_eq!(forged[0].paid(None), i64::MAX);
}

/// All imported decisions together stay within MAX_NATIONAL_CENTS, so every sum over them
/// fits: an import that would cross it is refused.
#[test]
fn an_import_beyond_the_national_bound_is_refused() {
    let max = crate::money::MAX_AMOUNT.0;
    let years: Vec<(u16, i64)> = (2027..=2100).map(|y| (y, max)).collect();
    // 74 years of EUR 1e12 by 135 insurers: just below EUR 1e16.
    let held: Vec<Held> = (0..135)
        .map(|i| held(&paying(&format!("h-{i}"), "P1", &years)))
        .collect();
    let within = parse_export(&export("new", vec![decision("P2", "approve", &[(2027, 1, 1)])])).unwrap();
    fn offered(f: &ExportFile) -> Offered<'_> {
        Offered {
            file_name: "new.json",
            sha256: "f1",
            export: f,
        }
    }
    assert!(check_import(&held, &[], &[offered(&within)]).is_empty());
    let eleven: Vec<(u16, i64, i64)> = (2027..2038).map(|y| (y, max, max)).collect();
    let beyond = parse_export(&export("new", vec![decision("P2", "approve", &eleven)])).unwrap();
    let r = check_import(&held, &[], &[offered(&beyond)]);
    assert_eq!(
        r,
        [Refusal::NationalTotal {
            file: "new.json".into(),
            total_cents: (135 * 74 + 11) * i128::from(max),
        }]
    );
    // The limit the shells word for this refusal (`i18n::nza::refusal`): its cents, and its
    // whole euros.
    assert_eq!(MAX_NATIONAL_CENTS, 1_000_000_000_000_000_000);
    assert_eq!(
        crate::money::Cents(MAX_NATIONAL_CENTS).fmt_euros(','),
        "10,000,000,000,000,000"
    );
}

/// Review of issue 15: a 100,000-character insurer name or RESV name from another
/// insurer's export was stored and shown, while every text typed here is capped at 4,000.
#[test]
fn texts_in_an_export_are_capped_like_typed_ones() {
    let long = "x".repeat(100_000);
    let mut d = decision("P1", "approve", &[(2027, 1000, 400)]);
    d["resv_name"] = json!(long);
    d["deviation_reason"] = json!(long);
    let mut text: serde_json::Value = serde_json::from_str(&export("rivierzorg", vec![d])).unwrap();
    text["insurer"] = json!(long);
    let diags = parse_export(&text.to_string()).unwrap_err();
    let got: Vec<String> = diags.iter().map(|d| format!("{}: {}", d.path, d.message)).collect();
    assert_eq!(
        got,
        [
            "insurer: 100000 characters, expected at most 4000",
            "decisions[0] (P1).resv_name: 100000 characters, expected at most 4000",
            "decisions[0] (P1).deviation_reason: 100000 characters, expected at most 4000",
        ]
    );
}

#[test]
fn timestamps_in_an_export_are_read_strictly() {
    let mut d = decision("P1", "approve", &[(2027, 1000, 400)]);
    d["decided_at"] = json!("1 oktober 2026");
    let diags = parse_export(&export("rivierzorg", vec![d])).unwrap_err();
    assert_eq!(diags[0].path, "decisions[0] (P1)");
    assert!(
        diags[0].message.contains("invalid timestamp \"1 oktober 2026\""),
        "{}",
        diags[0].message
    );
    assert!(
        diags[0].message.contains("YYYY-MM-DDTHH:MM:SSZ"),
        "{}",
        diags[0].message
    );
    let mut text: serde_json::Value = serde_json::from_str(&export("rivierzorg", vec![])).unwrap();
    text["exported_at"] = json!("x".repeat(100_000));
    let diags = parse_export(&text.to_string()).unwrap_err();
    assert!(
        diags[0].message.contains("expected RFC 3339 in UTC"),
        "{}",
        diags[0].message
    );
    assert!(diags[0].message.len() < 300, "a hostile value is not echoed whole");
    assert!(diags[0].line.is_some(), "the place in the file is named");
}
