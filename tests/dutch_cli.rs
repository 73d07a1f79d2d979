//! The command line in Dutch (the default) and in English (`--lang en`), issue 18 §4:
//! decimal commas and Dutch names in human output, errors in the user's language, Dutch
//! state names for `queue --state`, and JSON unchanged by the language.

mod support;

use support::{Env, assert_contains, stderr, stdout};

const RIJ: &str = "RESV-RIJ-2027";

fn with_registry() -> Env {
    let env = Env::with_samples();
    env.ok(&["registry", "import", "sample-plans/registry.csv"]);
    env
}

#[test]
fn evidence_weights_similarities_and_streams_in_each_language() {
    let env = with_registry();
    let nl = stdout(&env.ok(&["funding", RIJ]));
    assert_contains(
        &nl,
        &[
            "+8,0 organisatie",
            "deels gelijk 0,34",
            "O&I huisartsenzorg · Zilveren Kruis",
        ],
    );
    assert!(
        !nl.contains("+8.0") && !nl.contains("oi-huisartsenzorg · Zilveren"),
        "{nl}"
    );
    let en = stdout(&env.ok(&["--lang", "en", "funding", RIJ]));
    assert_contains(
        &en,
        &["+8.0 ", " 0.34", "O&I huisartsenzorg (GP care) · Zilveren Kruis"],
    );
    // JSON keeps the ids and plain numbers whatever the language.
    let json = env.json(&["funding", RIJ, "--json"]);
    let text = json.to_string();
    assert!(text.contains("\"oi-huisartsenzorg\""), "{text}");
    assert!(!text.contains("O&I huisartsenzorg"), "{text}");
}

#[test]
fn natures_and_disciplines_by_name_in_show() {
    let env = Env::with_samples();
    let nl = stdout(&env.ok(&["show", "RESV-AZO-2027"]));
    assert_contains(&nl, &["coördinatie", "sociaal werk"]);
    assert!(!nl.contains(" coordinatie ") && !nl.contains("sociaal-werk"), "{nl}");
    assert!(nl.contains(" 20-9-2026\n") && !nl.contains("2026-09-20"), "{nl}");
    let en = stdout(&env.ok(&["--lang", "en", "show", "RESV-AZO-2027"]));
    assert_contains(&en, &["coordination", "organisation", " 2026-09-20\n"]);
}

#[test]
fn errors_follow_the_language() {
    let env = Env::with_samples();
    let cases: [(&[&str], &str, &str); 3] = [
        (
            &["score", RIJ, "particpation", "3"],
            "onbekend criterium \"particpation\"; verwacht een van: disciplines",
            "unknown criterion \"particpation\"; expected one of: disciplines",
        ),
        (
            &["score", RIJ, "participation"],
            "geef een SCORE, --note TEKST of --clear",
            "give a SCORE, --note TEXT, or --clear",
        ),
        (
            &["import", "/nonexistent/plan.toml"],
            "kan het bestand niet lezen: bestand of map bestaat niet",
            "cannot read the file: No such file or directory",
        ),
    ];
    for (args, nl, en) in cases {
        let out = env.resv(args);
        assert_contains(&stderr(&out), &[nl]);
        let args_en = [&["--lang", "en"][..], args].concat();
        let out = env.resv(&args_en);
        assert_contains(&stderr(&out), &[en]);
    }
    let other = Env::new();
    assert_contains(
        &stderr(&other.code(2, &["queue"])),
        &["bestaat niet; importeer eerst plannen"],
    );
    let out = other.code(2, &["--lang", "en", "queue"]);
    assert_contains(&stderr(&out), &["does not exist; import plans first"]);
}

/// An approval without `--amount` is refused, and the refusal says how to give one.
#[test]
fn an_approval_without_amount_says_how_to_give_one() {
    let env = Env::with_samples();
    let args = [
        "decide",
        "RESV-UTR-2027",
        "--outcome",
        "approve",
        "--reason",
        "Goed plan.",
    ];
    let out = env.code(1, &args);
    assert_contains(
        &stderr(&out),
        &[
            "een goedkeuring contracteert een bedrag boven 0",
            "--amount JAAR=EUR (bijv. --amount 2027=430.000), of --amount fundable",
        ],
    );
    let out = env.code(1, &[&["--lang", "en"][..], &args].concat());
    assert_contains(&stderr(&out), &["--amount YEAR=EUR", "--amount fundable"]);
}

#[test]
fn a_conflict_names_the_amount_the_dutch_way() {
    let env = Env::with_samples();
    env.decide_approve("RESV-UTR-2027", &["fundable"], "Past in het beleid.");
    let args = [
        "decide",
        "RESV-UTR-2027",
        "--outcome",
        "reject",
        "--reason",
        "Toch niet.",
    ];
    let out = env.code(3, &args);
    assert_contains(
        &stderr(&out),
        &["(goedgekeurd, € ", ",00 in totaal) door inkoper-a op "],
    );
    assert!(!stderr(&out).contains("EUR"), "{}", stderr(&out));
    let out = env.code(3, &[&["--lang", "en"][..], &args].concat());
    assert_contains(&stderr(&out), &["(approve, EUR ", ".00 in total) by inkoper-a at "]);
}

#[test]
fn queue_state_takes_dutch_names_and_keywords() {
    let env = Env::with_samples();
    let count = |state: &str| {
        env.json(&["queue", "--state", state, "--json"])
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(count("ontvangen"), 10);
    assert_eq!(count("received"), 10);
    assert_eq!(count("in behandeling"), 0);
    assert_eq!(count("In-Behandeling"), 0);
    // The human list says which state found nothing (there are plans), and dates the Dutch way.
    let none = stdout(&env.ok(&["queue", "--state", "in behandeling"]));
    assert_eq!(none.trim(), "Geen plannen met status in behandeling.");
    let en = stdout(&env.ok(&["--lang", "en", "queue", "--state", "in-review"]));
    assert_eq!(en.trim(), "No plans with state in review.");
    let list = stdout(&env.ok(&["queue"]));
    assert!(list.contains(" 20-9-2026\n"), "{list}");
    assert!(!list.contains("2026-09-20"), "{list}");
    let en = stdout(&env.ok(&["--lang", "en", "queue"]));
    assert!(en.contains(" 2026-09-20\n"), "{en}");
    let out = env.code(2, &["queue", "--state", "open"]);
    assert_contains(&stderr(&out), &["ontvangen (received)", "in behandeling (in-review)"]);
}

/// The argument parser's own errors: Dutch by default, English with `--lang en` (or
/// `RESV_LANG=en`), the argument names and the usage line kept, exit code 2 either way.
#[test]
fn the_parsers_errors_follow_the_language() {
    let env = Env::new();
    let cases: [(&[&str], &[&str], &[&str]); 6] = [
        (
            &["decide", "RESV-UTR-2027", "--reason", "r"],
            &[
                "fout: deze verplichte argumenten ontbreken:\n  --outcome <OUTCOME>",
                "Gebruik: resv decide ",
            ],
            &[
                "error: the following required arguments were not provided:",
                "Usage: resv decide ",
            ],
        ),
        (
            &["--bogus"],
            &["fout: onbekend argument '--bogus'", "Gebruik: resv [OPTIONS] [COMMAND]"],
            &["error: unexpected argument '--bogus' found"],
        ),
        (
            &["queue", "--state", "bogus"],
            &["ongeldige waarde 'bogus' voor '--state <STATE>': verwacht een van: ontvangen"],
            &["invalid value 'bogus' for '--state <STATE>': expected one of: ontvangen"],
        ),
        (
            &["queue", "--state"],
            &["'--state <STATE>' vraagt een waarde, maar er is geen gegeven"],
            &["a value is required for '--state <STATE>' but none was supplied"],
        ),
        (
            &["quee"],
            &[
                "onbekend subcommando 'quee'",
                "tip: een vergelijkbaar subcommando: 'queue'",
            ],
            &["unrecognized subcommand 'quee'", "a similar subcommand exists: 'queue'"],
        ),
        (
            &["report", "--as-of", "2027-13-01"],
            &["voor '--as-of <DATE>': verwacht een datum als JJJJ-MM-DD"],
            &["for '--as-of <DATE>': expected a date as YYYY-MM-DD"],
        ),
    ];
    for (args, nl, en) in cases {
        let out = env.code(2, args);
        assert_contains(&stderr(&out), nl);
        assert_contains(&stderr(&out), &["Meer informatie: probeer '--help'."]);
        assert!(!stderr(&out).contains("error:"), "{}", stderr(&out));
        let out = env.code(2, &[&["--lang", "en"][..], args].concat());
        assert_contains(&stderr(&out), en);
        let mut cmd = env.command(support::USER, args);
        let out = cmd.env("RESV_LANG", "en").output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert_contains(&stderr(&out), en);
    }
    // Help stays help: exit 0, on stdout.
    let out = env.ok(&["queue", "--help"]);
    assert!(stdout(&out).contains("--state"), "{}", stdout(&out));
}

/// Times are stored in UTC and shown in Amsterdam local time in the CLI's human output and
/// the letter: a winter instant (CET, +1) and a summer one (CEST, +2), one of them on the
/// other side of midnight. JSON keeps UTC.
#[test]
fn times_in_local_time_winter_and_summer_json_in_utc() {
    let env = Env::with_samples();
    env.decide_approve("RESV-UTR-2027", &["fundable"], "Past in het beleid.");
    // Winter: the version imported 23:30 UTC on 15 January is 00:30 on the 16th here.
    let db = env.sqlite();
    db.execute(
        "UPDATE plan_versions SET imported_at = '2026-01-15T23:30:00Z' WHERE plan_id = 'RESV-UTR-2027'",
        [],
    )
    .unwrap();
    // Summer: the second buyer approves at 22:30 UTC on 30 June, 00:30 on 1 July here.
    let mut store = resv::store::Store::open(&env.db(), false).unwrap();
    store.set_fixed_now("2026-06-30T22:30:00Z");
    store.approve_decision("RESV-UTR-2027", None, "inkoper-b").unwrap();
    drop(store);
    let nl = stdout(&env.ok(&["history", "RESV-UTR-2027"]));
    assert_contains(&nl, &["inkoper-b · 1-7-2026 00:30", "v1 \"1.0\" · 16-1-2026 00:30 ·"]);
    assert!(!nl.contains("T22:30:00Z") && !nl.contains("T23:30:00Z"), "{nl}");
    // The audit trail's stored times, too.
    assert!(!nl.lines().any(|l| l.contains(":00Z ")), "{nl}");
    let en = stdout(&env.ok(&["--lang", "en", "history", "RESV-UTR-2027"]));
    assert_contains(&en, &["inkoper-b · 2026-07-01 00:30", "· 2026-01-16 00:30 ·"]);
    // The letter gives the approval's local day.
    let letter = stdout(&env.ok(&["letter", "RESV-UTR-2027"]));
    assert_contains(&letter, &["inkoper-b op 1 juli 2026"]);
    assert!(!letter.contains("30 juni 2026"), "{letter}");
    let json = env.json(&["history", "RESV-UTR-2027", "--json"]).to_string();
    assert_contains(&json, &["2026-06-30T22:30:00Z", "2026-01-15T23:30:00Z"]);
}
