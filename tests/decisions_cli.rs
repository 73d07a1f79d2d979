//! Decisions from the command line (issue 5): `resv decide`, `approve`, `history`, `audit
//! verify|log`, `backup`, `letter`, `export decisions` and `queue --state`; two buyers at
//! once, processes killed with SIGKILL mid-batch, rows changed behind the tool's back, and
//! opening a database of schema version 3.
//!
//! - `decide` and `approve` exit with 0 when done, 1 when refused (nothing recorded), 3 on a
//!   conflict (another buyer decided, or a new plan version arrived, meanwhile) and 2 on
//!   other errors (clap's own usage errors are 2 as well).
//! - A refusal is checked to record nothing: the plan's `history --json` has no new decision
//!   and `audit log --json` no new entry.
//! - The binary runs through the shared harness in `tests/support/`.

mod support;

use serde_json::{Value, json};
use std::fs;
use std::path::Path;
use std::process::Child;
use std::time::{Duration, Instant};
use support::{Env, USER, assert_code, assert_contains, parse_json, stderr, stdout};

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/// Two contract years, fundable € 585,000 + € 615,000: `--amount fundable` (€ 1.2 million)
/// is above the built-in policy's four-eyes limit of € 1,000,000.
const UTR: &str = "RESV-UTR-2027";
/// An amount for UTR within its fundable amounts and the four-eyes limit (€ 900,000).
const WITHIN: &str = "2027=400000 2028=500000";
const RIJ: &str = "RESV-RIJ-2027";
const NLB: &str = "RESV-NLB-2027";
const WBR: &str = "RESV-WBR-2027";
/// One contract year, fundable € 780,000.
const FVA: &str = "RESV-FVA-2027";
/// Knocked out; one contract year, fundable € 845,000.
const ZEE: &str = "RESV-ZEE-2027";
const REASON: &str = "Past binnen het inkoopbeleid";

/// `--lang en`, for refusals checked in English.
const EN: &[&str] = &["--lang", "en"];

/// The arguments `base` followed by `more`.
fn with<'a>(base: &[&'a str], more: &[&'a str]) -> Vec<&'a str> {
    [base, more].concat()
}

/// `decide PLAN --outcome approve --amount A1 --amount A2 ... --reason REASON`, then `more`;
/// `amounts` holds the `--amount` values separated by spaces (`2027=400000 2028=500000`).
fn approve<'a>(plan: &'a str, amounts: &'a str, more: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["decide", plan, "--outcome", "approve"];
    for a in amounts.split_whitespace() {
        args.extend(["--amount", a]);
    }
    args.extend(["--reason", REASON]);
    with(&args, more)
}

/// `decide PLAN --outcome OUTCOME --reason REASON`, then `more`.
fn decide<'a>(plan: &'a str, outcome: &'a str, more: &[&'a str]) -> Vec<&'a str> {
    with(&["decide", plan, "--outcome", outcome, "--reason", REASON], more)
}

/// A return with one `--question` per question.
fn return_with<'a>(plan: &'a str, questions: &[&'a str]) -> Vec<&'a str> {
    let asked: Vec<&str> = questions.iter().flat_map(|q| ["--question", q]).collect();
    decide(plan, "return", &asked)
}

/// The arguments with `reason` instead of [`REASON`].
fn reasoned<'a>(args: &[&'a str], reason: &'a str) -> Vec<&'a str> {
    args.iter().map(|a| if *a == REASON { reason } else { a }).collect()
}

/// Records a decision with `--json`; returns its id.
fn decided(env: &Env, args: &[&str]) -> i64 {
    let v = env.json(&with(args, &["--json"]));
    v["decision_id"]
        .as_i64()
        .unwrap_or_else(|| panic!("no decision_id in {v:#}"))
}

/// The values of `keys` in `v`, as a JSON array (to compare several fields at once).
fn fields(v: &Value, keys: &[&str]) -> Value {
    keys.iter().map(|k| v[k].clone()).collect()
}

/// What is recorded: the plan's decisions (null for an unknown plan) and the audit trail.
fn recorded(env: &Env, plan: &str) -> (Value, Value) {
    let history = env.resv(&["history", plan, "--json"]);
    let decisions = if history.status.success() {
        parse_json(&history)["decisions"].clone()
    } else {
        Value::Null
    };
    (decisions, env.json(&["audit", "log", "--json"]))
}

/// Runs a command about a plan (the first `RESV-` argument) that must be refused with `code` and the phrases
/// on stderr; checks that it printed and recorded nothing. Returns stderr.
fn refused(env: &Env, user: &str, code: i32, args: &[&str], phrases: &[&str]) -> String {
    let plan = args.iter().find(|a| a.starts_with("RESV-")).unwrap();
    let before = recorded(env, plan);
    let out = env.resv_as(user, args);
    assert_code(&out, code, args);
    assert_eq!(stdout(&out), "", "{args:?}: a refusal prints no decision");
    assert_contains(&stderr(&out), phrases);
    assert_eq!(recorded(env, plan), before, "{args:?}: nothing may be recorded");
    stderr(&out)
}

/// A `decide` refused with exit code 1: the Dutch head line, then the phrases.
fn decide_refused(env: &Env, args: &[&str], phrases: &[&str]) -> String {
    let err = refused(env, USER, 1, args, phrases);
    assert!(
        err.starts_with(&format!("resv: besluit niet vastgelegd voor {}\n", args[1])),
        "{err}"
    );
    err
}

fn history(env: &Env, plan: &str) -> Value {
    env.json(&["history", plan, "--json"])
}

fn decisions(env: &Env, plan: &str) -> Vec<Value> {
    history(env, plan)["decisions"].as_array().unwrap().clone()
}

fn queue_row(env: &Env, plan: &str) -> Value {
    let queue = env.json(&["queue", "--json"]);
    let row = queue.as_array().unwrap().iter().find(|r| r["id"] == plan);
    row.unwrap_or_else(|| panic!("{plan} not in the queue: {queue:#}"))
        .clone()
}

/// The queue's status, outcome and deadline of a plan: `received - counting`, `decided
/// approve settled` (`days_left` is null once the plan is settled).
fn state(env: &Env, plan: &str) -> String {
    let row = queue_row(env, plan);
    let outcome = row["outcome"].as_str().unwrap_or("-");
    let days = match &row["days_left"] {
        Value::Null => "settled",
        days => {
            assert!(days.is_i64(), "days_left: {days}");
            "counting"
        }
    };
    format!("{} {outcome} {days}", row["status"].as_str().unwrap())
}

/// The plan's row of `export decisions --json`.
fn exported(env: &Env, plan: &str) -> Value {
    let doc = env.json(&["export", "decisions", "--json"]);
    let row = doc["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["plan_id"] == plan);
    row.unwrap_or_else(|| panic!("{plan} not exported: {doc:#}")).clone()
}

fn audit_actions(env: &Env, action: &str) -> Vec<Value> {
    let log = env.json(&["audit", "log", "--json"]);
    log.as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == action)
        .cloned()
        .collect()
}

fn verify(env: &Env) -> String {
    stdout(&env.ok(&["audit", "verify"]))
}

/// The sample plans (audit entries 1-10) and two decisions: #1 approves UTR (entry 11), #2
/// returns RIJ (entry 12).
fn two_decisions() -> Env {
    let env = Env::with_samples();
    decided(&env, &approve(UTR, WITHIN, &[]));
    decided(&env, &return_with(RIJ, &["Waarom?"]));
    verify(&env);
    env
}

// ---------------------------------------------------------------------------------------
// 1. A decision is recorded
// ---------------------------------------------------------------------------------------

#[test]
fn a_decision_is_recorded_listed_and_settles_the_plan() {
    let env = Env::with_samples();
    assert_eq!(state(&env, UTR), "received - counting");

    let v = env.json(&with(&approve(UTR, WITHIN, &[]), &["--json"]));
    let id = v["decision_id"].as_i64().unwrap();
    assert_eq!(fields(&v, &["pending_approval"]), json!([false]));
    let amounts = json!([{ "year": 2027, "amount": 40000000 }, { "year": 2028, "amount": 50000000 }]);
    assert_eq!(fields(&v["decision"], &["id", "amounts"]), json!([id, amounts]));

    let h = history(&env, UTR);
    assert_eq!(h["state"], "decided");
    assert_eq!(h["decisions"].as_array().unwrap().len(), 1);
    let d = &h["decisions"][0];
    let recorded = fields(d, &["id", "outcome", "by", "reasoning", "supersedes", "version_no"]);
    assert_eq!(recorded, json!([id, "approve", USER, REASON, null, 1]));
    assert_eq!(d["plan_sha256"], h["versions"][0]["sha256"]);
    assert_eq!(state(&env, UTR), "decided approve settled");

    let entry = audit_actions(&env, "decision").pop().unwrap();
    let subject = format!("decisions:{id}");
    assert_eq!(
        fields(&entry, &["plan_id", "actor", "subject"]),
        json!([UTR, USER, subject])
    );
    assert_eq!(
        verify(&env),
        format!(
            "audittrail intact: 11 regels, 11 vastgelegde rijen gecontroleerd\nlaatste regel (kop): 11:{}\n",
            entry["hash"].as_str().unwrap()
        )
    );

    // Without --json, decide prints the decision with its id.
    let out = stdout(&env.ok(&approve(FVA, "2027=780000", &[])));
    assert!(
        out.starts_with(&format!("#{} GOEDGEKEURD · € 780.000", id + 1)),
        "{out}"
    );
}

// ---------------------------------------------------------------------------------------
// 2. Refusals: each records nothing
// ---------------------------------------------------------------------------------------

#[test]
fn a_decision_without_reasoning_or_with_the_wrong_number_of_amounts_is_refused() {
    let env = Env::with_samples();
    for blank in ["", "   "] {
        decide_refused(
            &env,
            &reasoned(&decide(UTR, "reject", &[]), blank),
            &["  - een onderbouwing is verplicht\n"],
        );
    }
    let en = with(&["--lang", "en"], &reasoned(&decide(UTR, "reject", &[]), " "));
    let phrases = ["decision not recorded for RESV-UTR-2027", "a reasoning is required"];
    refused(&env, USER, 1, &en, &phrases);

    // Review of issue 15: a contract year left out is named (it was "1 bedrag(en)
    // opgegeven, verwacht één per contractjaar (2): 2027, 2028", without saying which).
    let missing = "resv: --amount: geen bedrag voor 2027; RESV-UTR-2027 heeft contractjaren 2027, 2028: verwacht één bedrag per jaar (bijvoorbeeld --amount 2027=1.234.567,89)\n";
    let err = refused(&env, USER, 1, &approve(UTR, "2028=400000", &[]), &[]);
    assert_eq!(err, missing);
    let en = with(&["--lang", "en"], &approve(UTR, "2027=400000", &[]));
    refused(
        &env,
        USER,
        1,
        &en,
        &["--amount: no amount for 2028; RESV-UTR-2027 contracts the years 2027, 2028"],
    );
    // An unknown plan is an error (2), as for every command but `follow` (docs/cli.md).
    let unknown = approve("RESV-XXX-2027", WITHIN, &[]);
    // Review of issue 15: the message says what was expected (it ended at the id).
    let unknown_line =
        "resv: onbekend plan: RESV-XXX-2027; verwacht het id van een geïmporteerd plan (`resv queue` toont ze)\n";
    let err = refused(&env, USER, 2, &unknown, &["onbekend plan: RESV-XXX-2027"]);
    assert_eq!(err, unknown_line);
    let err = refused(&env, "bob", 2, &["approve", "RESV-XXX-2027"], &[]);
    assert_eq!(err, unknown_line);
    // An id of any length is cut at 100 characters in the message.
    let long = format!("RESV-{}", "X".repeat(100_000));
    let err = refused(
        &env,
        USER,
        2,
        &decide(&long, "reject", &[]),
        &["onbekend plan: RESV-XXX"],
    );
    assert!(err.len() < 300, "{} bytes", err.len());
    assert!(err.contains("X…; verwacht het id"), "{err}");

    // What clap rejects (exit 2): a missing reasoning or outcome, an unknown outcome.
    refused(
        &env,
        USER,
        2,
        &["decide", UTR, "--outcome", "reject"],
        &["--reason <TEXT>"],
    );
    refused(
        &env,
        USER,
        2,
        &["decide", UTR, "--reason", REASON],
        &["--outcome <OUTCOME>"],
    );
    let outcomes = "verwacht een van: approve, conditions, return, reject";
    refused(&env, USER, 2, &decide(UTR, "yes", &[]), &[outcomes]);
    assert_eq!(state(&env, UTR), "received - counting");
}

/// A malformed amount is bad input like any other: refused with exit code 1.
#[test]
fn a_malformed_amount_is_refused_with_exit_code_1() {
    let env = Env::with_samples();
    let item = "--amount \"2028=5x\": geen bedrag; verwacht cijfers";
    refused(&env, USER, 1, &approve(UTR, "2027=12 2028=5x", &[]), &[item]);
    let item = "--amount \"2028=5x\": not an amount; expected digits";
    let en = with(&["--lang", "en"], &approve(UTR, "2027=12 2028=5x", &[]));
    refused(&env, USER, 1, &en, &[item]);
}

/// Issue 15: `--amount "1234,56"` was read as 1234 euros for 2027 and 56 for 2028. The
/// comma list is refused with the new form; years are named; amounts read in Dutch or
/// plain notation, and an ambiguous one names both readings.
#[test]
fn the_old_comma_list_is_refused_and_amounts_are_named_per_year() {
    let env = Env::with_samples();
    let form = "expected YEAR=AMOUNT, once per contract year (e.g. --amount 2027=1.234.567,89 --amount 2028=1250000), or --amount fundable";
    refused(
        &env,
        USER,
        1,
        &with(EN, &approve(UTR, "1234,56", &[])),
        &["--amount \"1234,56\": no year named", form],
    );
    refused(&env, USER, 1, &with(EN, &approve(UTR, "400000,500000", &[])), &[form]);
    let ambiguous = "--amount \"2027=1,500\": ambiguous: EUR 1.50 in Dutch notation, EUR 1,500.00 in plain notation";
    refused(
        &env,
        USER,
        1,
        &with(EN, &approve(UTR, "2027=1,500 2028=5", &[])),
        &[ambiguous],
    );
    let decimals = "3 decimals; expected whole cents (at most 2 decimals)";
    refused(
        &env,
        USER,
        1,
        &with(EN, &approve(UTR, "2027=1234,567 2028=5", &[])),
        &[decimals],
    );
    let other_year = "--amount 2029=...: 2029 is not a contract year of RESV-UTR-2027; expected one of: 2027, 2028";
    refused(
        &env,
        USER,
        1,
        &with(EN, &approve(UTR, "2027=1 2028=2 2029=3", &[])),
        &[other_year],
    );
    let twice = "year 2027 is given twice";
    refused(&env, USER, 1, &with(EN, &approve(UTR, "2027=1 2027=2", &[])), &[twice]);

    // In any order, Dutch notation with a euro sign, a decimal comma: exact to the cent.
    decided(&env, &approve(UTR, "2028=499999,50 2027=€400.000,50", &[]));
    let amounts = json!([{ "year": 2027, "amount": 40_000_050 }, { "year": 2028, "amount": 49_999_950 }]);
    assert_eq!(decisions(&env, UTR)[0]["amounts"], amounts);
    verify(&env);
}

/// Issue 15: a 100,000-character reasoning was recorded; every free text has one cap
/// (4,000 characters), named with the field and the length. The user name too.
#[test]
fn free_texts_are_capped_at_4000_characters() {
    let env = Env::with_samples();
    let huge = "x".repeat(100_000);
    let reasoned_long = reasoned(&decide(UTR, "reject", &[]), &huge);
    decide_refused(
        &env,
        &reasoned_long,
        &["  - onderbouwing: 100000 tekens, maximaal 4000\n"],
    );
    let condition = "c".repeat(4001);
    let args = decide(
        NLB,
        "conditions",
        &["--amount", "fundable", "--condition", "kort", "--condition", &condition],
    );
    decide_refused(&env, &args, &["  - voorwaarde 2: 4001 tekens, maximaal 4000\n"]);
    let at_cap = "y".repeat(4000);
    decided(&env, &reasoned(&decide(UTR, "reject", &[]), &at_cap));
    // The user name recorded with a change has a tighter cap of its own.
    let user = "u".repeat(101);
    let out = env.resv(&with(&["--user", &user, "--lang", "en"], &decide(UTR, "reject", &[])));
    assert_code(&out, 2, &["--user"]);
    assert_contains(&stderr(&out), &["expected a name of at most 100 characters"]);
}

#[test]
fn an_amount_above_fundable_or_a_knocked_out_plan_needs_an_override_reason() {
    let env = Env::with_samples();
    let above = "2027: € 600.000,00 is meer dan het te financieren bedrag € 585.000,00; geef een reden afwijking";
    decide_refused(&env, &approve(UTR, "2027=600000 2028=500000", &[]), &[above]);
    decide_refused(
        &env,
        &approve(UTR, "2027=600000 2028=500000", &["--override-reason", "  "]),
        &[above],
    );
    let overridden = approve(
        UTR,
        "2027=600000 2028=300000",
        &["--override-reason", "Indexering 2027"],
    );
    let id = decided(&env, &overridden);
    let d = &decisions(&env, UTR)[0];
    assert_eq!(fields(d, &["id", "override_reason"]), json!([id, "Indexering 2027"]));

    let knocked_out = "het plan valt af op een knock-out; goedkeuren vraagt een reden afwijking";
    decide_refused(&env, &approve(ZEE, "2027=845000", &[]), &[knocked_out]);
    let conditions = ["--amount", "2027=845000", "--condition", "Herstel de knock-out"];
    decide_refused(&env, &decide(ZEE, "conditions", &conditions), &[knocked_out]);
    decided(
        &env,
        &approve(ZEE, "2027=845000", &["--override-reason", "Knock-out is hersteld"]),
    );
    assert_eq!(state(&env, ZEE), "decided approve settled");
    verify(&env);
}

/// A refusal names the excess to the cent: 1 cent above the fundable amount must not read
/// as "€ 585.000 is more than € 585.000".
#[test]
fn an_amount_a_cent_above_fundable_is_named_to_the_cent() {
    let env = Env::with_samples();
    let above = "2027: € 585.000,01 is meer dan het te financieren bedrag € 585.000";
    decide_refused(&env, &approve(UTR, "2027=585000.01 2028=615000", &[]), &[above]);
}

#[test]
fn conditions_and_questions_belong_to_their_outcomes() {
    let env = Env::with_samples();
    let no_condition = "goedkeuren onder voorwaarden vraagt minstens één voorwaarde";
    decide_refused(
        &env,
        &decide(NLB, "conditions", &["--amount", "fundable"]),
        &[no_condition],
    );
    let blank = ["--amount", "fundable", "--condition", "  "];
    decide_refused(&env, &decide(NLB, "conditions", &blank), &[no_condition]);
    let misplaced = "voorwaarden horen bij 'onder voorwaarden', niet bij 'goedgekeurd'";
    decide_refused(
        &env,
        &approve(UTR, WITHIN, &["--condition", "Rapportage"]),
        &[misplaced],
    );
    let no_question = "terugsturen vraagt minstens één vraag aan de regio";
    decide_refused(&env, &decide(RIJ, "return", &[]), &[no_question]);
    let with_amount = with(
        &return_with(RIJ, &["Waarom?"]),
        &["--amount", "2027=1", "--amount", "2028=2"],
    );
    decide_refused(&env, &with_amount, &["bij 'teruggestuurd' hoort geen bedrag"]);
    let question = "vragen aan de regio horen bij terugsturen";
    decide_refused(&env, &approve(UTR, WITHIN, &["--question", "Waarom?"]), &[question]);

    let questions = ["Hoe borgt u de wijkverpleging?", "Wie is penvoerder?"];
    let id = decided(&env, &return_with(RIJ, &questions));
    let zero = json!([{ "year": 2027, "amount": 0 }, { "year": 2028, "amount": 0 }]);
    let d = &decisions(&env, RIJ)[0];
    assert_eq!(fields(d, &["id", "questions", "amounts"]), json!([id, questions, zero]));
    assert_eq!(state(&env, RIJ), "returned return settled");

    let conditions = [
        "--amount",
        "2027=900000",
        "--amount",
        "2028=950000",
        "--condition",
        " Rapportage ",
    ];
    decided(&env, &decide(NLB, "conditions", &conditions));
    assert_eq!(decisions(&env, NLB)[0]["conditions"], json!(["Rapportage"]));
    assert_eq!(state(&env, NLB), "pending-approval conditions counting");
    verify(&env);
}

#[test]
fn read_only_records_no_decision() {
    let env = Env::with_samples();
    let args = with(&["--read-only"], &approve(UTR, WITHIN, &[]));
    let before = (recorded(&env, UTR), fs::read(env.db()).unwrap());
    let out = env.resv(&args);
    assert_code(&out, 2, &args);
    assert_contains(&stderr(&out), &["alleen-lezen", "er is niets opgeslagen"]);
    assert_eq!((recorded(&env, UTR), fs::read(env.db()).unwrap()), before);
    // Reading still works read-only.
    assert_eq!(
        env.json(&["--read-only", "history", UTR, "--json"])["state"],
        "received"
    );
}

// ---------------------------------------------------------------------------------------
// 3. Superseding a decision
// ---------------------------------------------------------------------------------------

#[test]
fn a_decision_is_not_replaced_without_naming_the_current_one() {
    let env = Env::with_samples();
    let none = "plan RESV-UTR-2027 heeft geen besluit, maar u verwachtte besluit #7";
    let expecting = decide(UTR, "reject", &["--expect-latest", "7"]);
    refused(&env, USER, 3, &expecting, &[none]);
    let first = decided(&env, &approve(UTR, WITHIN, &[]));

    // Another buyer who saw no decision, or a stale one, is told who decided what.
    let reject = decide(UTR, "reject", &[]);
    let named = format!("heeft besluit #{first} (goedgekeurd, € 900.000,00 in totaal) door {USER} op ");
    let hint = format!("opnieuw met --expect-latest {first}");
    let saw_none = "u verwachtte nog geen besluit; niets vastgelegd";
    refused(&env, "bob", 3, &reject, &[&named, saw_none, &hint]);
    let stale = with(&reject, &["--expect-latest", "99"]);
    refused(
        &env,
        "bob",
        3,
        &stale,
        &[&named, "u verwachtte dat besluit #99 het laatste was"],
    );
    // In English, with the amount as English writes it.
    let named_en = format!("has decision #{first} (approve, EUR 900,000.00 in total) by {USER} at ");
    let hint_en = format!("decide again with --expect-latest {first}");
    let saw_none_en = "you expected no decision yet; nothing was recorded";
    refused(
        &env,
        "bob",
        3,
        &with(&reject, &["--lang", "en"]),
        &[&named_en, saw_none_en, &hint_en],
    );
    assert_eq!(state(&env, UTR), "decided approve settled");
    verify(&env);
}

#[test]
fn naming_the_current_decision_supersedes_it_and_the_history_keeps_both() {
    let env = Env::with_samples();
    let first = decided(&env, &approve(UTR, WITHIN, &[]));
    let first_id = first.to_string();
    let reject = decide(UTR, "reject", &["--expect-latest", &first_id]);
    let second = decided(&env, &reject);
    let all = decisions(&env, UTR);
    assert_eq!(all.len(), 2);
    assert_eq!(fields(&all[0], &["id", "supersedes"]), json!([first, null]));
    assert_eq!(
        fields(&all[1], &["id", "supersedes", "by"]),
        json!([second, first, USER])
    );
    assert_eq!(state(&env, UTR), "decided reject settled");

    let text = stdout(&env.ok(&["history", UTR]));
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let line = |head: String, tail: &str| lines.iter().any(|l| l.starts_with(&head) && l.ends_with(tail));
    assert!(
        line(
            format!("#{first} GOEDGEKEURD · € 900.000 · op versie 1 · "),
            "(vervangen)"
        ),
        "{text}"
    );
    assert!(
        line(format!("#{second} AFGEWEZEN · € 0 · op versie 1 · "), "(geldend)"),
        "{text}"
    );
    assert_contains(&text, &[&format!("Vervangt besluit #{first}")]);

    // The id that was current is stale now.
    let now = format!("heeft besluit #{second} (afgewezen, € 0,00 in totaal) door {USER}");
    refused(&env, "bob", 3, &reject, &[&now]);
    verify(&env);
}

// ---------------------------------------------------------------------------------------
// 4. Four eyes
// ---------------------------------------------------------------------------------------

/// `pending_approval` and `approved_by` of the plan's exported decision.
fn approval(env: &Env, plan: &str) -> Value {
    fields(&exported(env, plan), &["pending_approval", "approved_by"])
}

#[test]
fn an_approval_above_the_limit_waits_for_a_second_buyer() {
    let env = Env::with_samples();
    let v = env.json(&with(&approve(UTR, "fundable", &[]), &["--json"]));
    let id = v["decision_id"].as_i64().unwrap();
    assert_eq!(v["pending_approval"], true);
    let fundable = json!([{ "year": 2027, "amount": 58500000 }, { "year": 2028, "amount": 61500000 }]);
    let d = fields(&v["decision"], &["needs_approval", "amounts"]);
    assert_eq!(d, json!([true, fundable]));
    assert_eq!(state(&env, UTR), "pending-approval approve counting");
    assert_eq!(approval(&env, UTR), json!([true, null]));
    let history = stdout(&env.ok(&["history", UTR]));
    assert_contains(&history, &["WACHT OP AKKOORD van een tweede inkoper"]);

    let approve_en = ["--lang", "en", "approve", UTR];
    refused(&env, USER, 1, &approve_en, &["you cannot approve your own decision"]);
    let stale = with(&approve_en, &["--expect-latest", "99"]);
    refused(&env, "bob", 3, &stale, &["you expected decision #99"]);
    let v = parse_json(&env.ok_as(USER, &["--user", "bob", "approve", UTR, "--json"]));
    assert_eq!(fields(&v, &["decision_id", "pending_approval"]), json!([id, false]));
    assert_eq!(v["decision"]["approval"]["by"], "bob");
    assert_eq!(state(&env, UTR), "decided approve settled");
    assert_eq!(approval(&env, UTR), json!([false, "bob"]));

    let again = "this decision was already approved by bob";
    refused(&env, "carol", 1, &approve_en, &[again]);
    let none = ["--lang", "en", "approve", RIJ];
    refused(&env, "carol", 1, &none, &["No decision awaits approval"]);
    decided(&env, &approve(FVA, "2027=780000", &[]));
    let below = ["--lang", "en", "approve", FVA];
    refused(&env, "carol", 1, &below, &["does not need a second approval"]);
    let approvals = audit_actions(&env, "approval");
    assert_eq!(approvals.len(), 1);
    assert_eq!(fields(&approvals[0], &["actor", "plan_id"]), json!(["bob", UTR]));
    verify(&env);
}

#[test]
fn a_pending_decision_on_an_older_plan_version_cannot_be_approved() {
    let env = Env::with_samples();
    decided(&env, &approve(UTR, "fundable", &[]));
    let text = fs::read_to_string("sample-plans/utrecht-stad.toml").unwrap();
    let v2 = text.replace("version = \"1.0\"", "version = \"1.1\"");
    env.ok(&["import", &env.file("utrecht-1.1.toml", &v2)]);
    let args = ["--lang", "en", "approve", UTR];
    refused(&env, "bob", 3, &args, &["changed meanwhile (now version 2)"]);
    assert_eq!(approval(&env, UTR), json!([true, null]), "still pending, not approved");
    verify(&env);
}

// ---------------------------------------------------------------------------------------
// 5. Two buyers at once
// ---------------------------------------------------------------------------------------

#[test]
fn two_buyers_deciding_one_plan_at_once_one_wins_and_the_other_gets_a_conflict() {
    let env = Env::with_samples();
    for plan in [UTR, RIJ, NLB, FVA, WBR] {
        // Both start before either is waited for.
        let alice = env.spawn("alice", &approve(plan, "fundable", &[]));
        let bob = env.spawn("bob", &decide(plan, "reject", &[]));
        let [a, b] = [alice, bob].map(|c| c.wait_with_output().unwrap());
        let (winner, outcome, loser) = match (a.status.code(), b.status.code()) {
            (Some(0), Some(3)) => ("alice", "approve", &b),
            (Some(3), Some(0)) => ("bob", "reject", &a),
            codes => panic!(
                "{plan}: expected one 0 and one 3, got {codes:?}:\n{}{}",
                stderr(&a),
                stderr(&b)
            ),
        };
        let named = format!("conflict: plan {plan} heeft besluit #");
        let shown = if outcome == "approve" {
            "goedgekeurd"
        } else {
            "afgewezen"
        };
        let what = format!("({shown}, € ");
        assert_contains(
            &stderr(loser),
            &[&named, &what, &format!(" door {winner} op "), "niets vastgelegd"],
        );
        let all = decisions(&env, plan);
        assert_eq!(all.len(), 1, "{plan}: exactly one decision");
        assert_eq!(fields(&all[0], &["by", "outcome"]), json!([winner, outcome]));
    }
    assert_eq!(audit_actions(&env, "decision").len(), 5);
    assert_consistent(&env);
}

// ---------------------------------------------------------------------------------------
// 6. SIGKILL mid-batch
// ---------------------------------------------------------------------------------------

/// Plan files with unique ids (`RESV-{prefix}{i}-2027`), each a copy of the Utrecht sample,
/// in a new folder of the temporary folder. Returns the folder and the plan ids.
fn plan_folder(env: &Env, prefix: &str, n: usize) -> (String, Vec<String>) {
    let text = fs::read_to_string("sample-plans/utrecht-stad.toml").unwrap();
    let ids: Vec<String> = (0..n).map(|i| format!("RESV-{prefix}{i:05}-2027")).collect();
    for id in &ids {
        let plan = text.replace(&format!("id = \"{UTR}\""), &format!("id = \"{id}\""));
        assert_ne!(plan, text);
        env.file(&format!("plans/{id}.toml"), &plan);
    }
    (env.path("plans").display().to_string(), ids)
}

/// The database after a crash: SQLite's integrity check passes, `audit verify` exits 0,
/// every plan version and decision has its audit entry, and every version all its activities.
fn assert_consistent(env: &Env) {
    let ok: String = env
        .sqlite()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    verify(env);
    let entries = |action: &str| env.count(&format!("SELECT COUNT(*) FROM audit_log WHERE action = '{action}'"));
    assert_eq!(entries("plan-import"), env.count("SELECT COUNT(*) FROM plan_versions"));
    assert_eq!(entries("decision"), env.count("SELECT COUNT(*) FROM decisions"));
    let incomplete = env.count(
        "SELECT COUNT(*) FROM plan_versions v WHERE COALESCE(json_array_length(v.plan_json, '$.activities'), -1)
            <> (SELECT COUNT(*) FROM activities a WHERE a.version_id = v.id)",
    );
    assert_eq!(incomplete, 0, "every stored version has all its activities");
}

fn kill_all(children: &mut [Child]) {
    for c in children.iter_mut() {
        c.kill().unwrap();
    }
    for c in children.iter_mut() {
        c.wait().unwrap();
    }
}

/// `SELECT COUNT(*)` on a read-only connection; 0 while the database or table is not there
/// yet (to watch a running import).
fn count_read_only(db: &Path, sql: &str) -> usize {
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
    rusqlite::Connection::open_with_flags(db, flags)
        .and_then(|c| c.query_row(sql, [], |r| r.get::<_, i64>(0)))
        .map_or(0, |n| n as usize)
}

/// Starts `import FOLDER` and kills it once some of its plans are in. Returns how many are
/// in, or `None` when the import finished before the kill.
fn kill_import_mid_batch(env: &Env, folder: &str, total: usize) -> Option<usize> {
    let mut child = env.spawn(USER, &["import", folder]);
    let deadline = Instant::now() + Duration::from_secs(60);
    let imported = || count_read_only(&env.db(), "SELECT COUNT(*) FROM plan_versions");
    while imported() == 0 && child.try_wait().unwrap().is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(2));
    }
    kill_all(std::slice::from_mut(&mut child));
    let n = env.count("SELECT COUNT(*) FROM plan_versions") as usize;
    (n < total).then_some(n)
}

#[test]
fn an_import_killed_mid_batch_leaves_a_consistent_database_and_can_be_completed() {
    for total in [300, 1200, 4800] {
        let env = Env::new();
        let (folder, _) = plan_folder(&env, "K", total);
        let Some(done) = kill_import_mid_batch(&env, &folder, total) else {
            continue; // it finished before the kill: try a larger batch
        };
        assert!(done > 0 && done < total, "killed mid-batch: {done} of {total}");
        assert_consistent(&env);
        let out = stdout(&env.ok(&["import", &folder]));
        let summary = format!("\n{} geïmporteerd, {done} ongewijzigd, 0 geweigerd\n", total - done);
        assert!(out.ends_with(&summary), "{out}");
        assert_eq!(env.count("SELECT COUNT(*) FROM plan_versions"), total as i64);
        assert_consistent(&env);
        return;
    }
    panic!("every import finished before it could be killed");
}

#[test]
fn decisions_killed_midway_leave_a_consistent_database() {
    const AT_ONCE: usize = 12;
    let env = Env::new();
    let (folder, ids) = plan_folder(&env, "D", AT_ONCE * 10);
    env.ok(&["import", &folder]);
    let mut delay = Duration::from_millis(100);
    // Batches of processes on different plans, killed after a delay that adapts until
    // some but not all of a batch got recorded.
    for batch in ids.chunks(AT_ONCE) {
        let mut children: Vec<Child> = batch
            .iter()
            .map(|id| env.spawn(USER, &approve(id, WITHIN, &[])))
            .collect();
        std::thread::sleep(delay);
        kill_all(&mut children);
        assert_consistent(&env);
        let open: Vec<&String> = batch.iter().filter(|id| decisions(&env, id).is_empty()).collect();
        match open.len() {
            AT_ONCE => delay *= 2,
            0 => delay /= 2,
            _ => {
                // The plans whose decision was killed can still be decided.
                decided(&env, &approve(open[0], WITHIN, &[]));
                assert_consistent(&env);
                return;
            }
        }
    }
    panic!("no batch of decide processes was killed midway");
}

// ---------------------------------------------------------------------------------------
// 7. Changes behind the tool's back
// ---------------------------------------------------------------------------------------

/// `audit verify` exits 1 naming the problem, in words and in JSON.
fn assert_broken(env: &Env, phrases: &[&str]) {
    let err = stderr(&env.code(1, &["--lang", "en", "audit", "verify"]));
    assert!(err.starts_with("resv: audit trail NOT whole: "), "{err}");
    assert_contains(&err, phrases);
    let v = parse_json(&env.code(1, &["audit", "verify", "--json"]));
    assert_eq!(v["ok"], false);
    assert_contains(v["problem"].as_str().unwrap(), phrases);
}

#[test]
fn rows_and_entries_changed_behind_the_tools_back_are_caught() {
    let cases: [(&str, &[&str]); 5] = [
        (
            "DROP TRIGGER decisions_append_only_u; UPDATE decisions SET reasoning = 'Anders' WHERE id = 1;",
            &[
                "entry 11 (decision by inkoper-a at ",
                "the rows decisions:1 no longer match it",
            ],
        ),
        (
            "UPDATE plan_versions SET imported_by = 'mallory' WHERE id = 3;",
            &[
                "entry 3 (plan-import by inkoper-a at ",
                "the rows plan_versions:3 no longer match it",
            ],
        ),
        (
            "DROP TRIGGER audit_append_only_u;
             UPDATE audit_log SET detail = replace(detail, '90000000', '1') WHERE seq = 11;",
            &["entry 11 was changed after it was written"],
        ),
        (
            "DROP TRIGGER audit_append_only_d; DELETE FROM audit_log WHERE seq = 5;",
            &["entry 5 is missing (the chain jumps from 4 to 6)"],
        ),
        (
            // A decision superseding #1, inserted without an audit entry.
            "CREATE TEMP TABLE t AS SELECT * FROM decisions WHERE id = 1;
             UPDATE t SET id = 3, supersedes = 1, outcome = 'reject';
             INSERT INTO decisions SELECT * FROM t;",
            &["row 3 of decisions has no audit entry (written behind resv's back)"],
        ),
    ];
    for (sql, phrases) in cases {
        let env = two_decisions();
        env.sqlite().execute_batch(sql).unwrap();
        assert_broken(&env, phrases);
    }
}

#[test]
fn decisions_approvals_and_audit_entries_are_append_only() {
    let env = Env::with_samples();
    decided(&env, &approve(UTR, "fundable", &[]));
    env.ok_as("bob", &["approve", UTR]);
    let conn = env.sqlite();
    let refused = |sql: &str, message: &str| {
        let e = conn.execute_batch(sql).expect_err(sql).to_string();
        assert!(e.contains(message), "{sql}: {e}");
    };
    refused("UPDATE decisions SET reasoning = 'Anders'", "decisions are append-only");
    refused("DELETE FROM decisions", "decisions are append-only");
    refused(
        "UPDATE decision_approvals SET approved_by = 'mallory'",
        "approvals are append-only",
    );
    refused("DELETE FROM decision_approvals", "approvals are append-only");
    refused(
        "UPDATE audit_log SET actor = 'mallory' WHERE seq = 11",
        "the audit trail is append-only",
    );
    refused("DELETE FROM audit_log WHERE seq = 12", "the audit trail is append-only");
    verify(&env);
    let d = &decisions(&env, UTR)[0];
    assert_eq!(fields(d, &["reasoning"]), json!([REASON]));
    assert_eq!(d["approval"]["by"], "bob");
}

// ---------------------------------------------------------------------------------------
// 8. A database of schema version 3
// ---------------------------------------------------------------------------------------

#[test]
fn the_shipped_migrations_1_to_3_are_unchanged() {
    support::schema::assert_shipped_unchanged(4);
}

/// The tables of schema version 3.
const SCHEMA_3_TABLES: [&str; 8] = [
    "plans",
    "plan_versions",
    "activities",
    "manual_inputs",
    "assessments",
    "arrangement_versions",
    "arrangements",
    "flag_judgements",
];

/// Builds a schema-3 database as resv left it before issue 5: migrations 1-3, then the rows
/// of every table they made, from `from`.
fn schema_3_database(path: &Path, from: &Path) {
    let mut conn = rusqlite::Connection::open(path).unwrap();
    let tx = conn.transaction().unwrap();
    for n in 1..=3 {
        tx.execute_batch(support::schema::migration(n)).unwrap();
    }
    tx.pragma_update(None, "user_version", 3).unwrap();
    tx.commit().unwrap();
    conn.execute("ATTACH DATABASE ?1 AS src", [from.to_str().unwrap()])
        .unwrap();
    for table in SCHEMA_3_TABLES {
        conn.execute(&format!("INSERT INTO main.{table} SELECT * FROM src.{table}"), [])
            .unwrap();
    }
    conn.execute("DETACH DATABASE src", []).unwrap();
}

fn user_version(path: &Path) -> u32 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap()
}

/// Two plans, a second version of one, a manual score, the sample registry, a judgement.
fn schema_3_data() -> Env {
    let env = Env::new();
    env.ok(&["import", "sample-plans/rijnmond.toml", "sample-plans/utrecht-stad.toml"]);
    let v2 = fs::read_to_string("sample-plans/utrecht-stad.toml")
        .unwrap()
        .replace("\"1.0\"", "\"1.1\"");
    env.ok(&["import", &env.file("utrecht-1.1.toml", &v2)]);
    env.ok(&["score", RIJ, "participation", "4", "--note", "panel bevestigd"]);
    env.ok(&["registry", "import", "sample-plans/registry.csv"]);
    env.ok(&[
        "judge",
        RIJ,
        "R1",
        "OI-RIJ-2025-01",
        "--dismiss",
        "--reason",
        "andere activiteit",
    ]);
    env
}

#[test]
fn a_schema_3_database_is_upgraded_and_its_rows_get_audit_entries() {
    let source = schema_3_data();
    let before = [
        source.json(&["queue", "--json"]),
        source.json(&["assess", RIJ, "--json"]),
    ];
    let env = Env::new();
    schema_3_database(&env.db(), &source.db());
    assert_eq!(user_version(&env.db()), 3);
    assert_eq!(env.json(&["queue", "--json"]), before[0]);
    assert_eq!(user_version(&env.db()), resv::store::SCHEMA_VERSION);
    assert_eq!(env.json(&["assess", RIJ, "--json"]), before[1]);

    let log = env.json(&["audit", "log", "--json"]);
    let log = log.as_array().unwrap();
    let rows = |table: &str| source.count(&format!("SELECT COUNT(*) FROM {table}")) as usize;
    let per_action = [
        ("plan-import", rows("plan_versions")),
        ("manual-input", rows("manual_inputs")),
        ("registry-import", rows("arrangement_versions")),
        ("flag-judgement", rows("flag_judgements")),
    ];
    assert_eq!(per_action.map(|(_, n)| n), [3, 1, 59, 1]);
    assert_eq!(log.len(), 64, "one backfilled entry per pre-existing row");
    for (action, n) in per_action {
        assert_eq!(log.iter().filter(|e| e["action"] == action).count(), n, "{action}");
    }
    let detail = |e: &Value| serde_json::from_str::<Value>(e["detail"].as_str().unwrap()).unwrap();
    assert!(
        log.iter().all(|e| detail(e)["backfilled"] == true),
        "every entry is marked backfilled"
    );
    verify(&env);

    decided(&env, &approve(UTR, WITHIN, &[]));
    assert_eq!(state(&env, UTR), "decided approve settled");
    assert_eq!(audit_actions(&env, "decision").len(), 1);
    verify(&env);
}

// ---------------------------------------------------------------------------------------
// 9. Backup
// ---------------------------------------------------------------------------------------

#[test]
fn backup_makes_a_verified_copy_and_never_overwrites_a_file() {
    let env = two_decisions();
    let dest = env.path("kopie.db").display().to_string();
    assert_eq!(stdout(&env.ok(&["backup", &dest])), format!("kopie gemaakt: {dest}\n"));
    let copy = rusqlite::Connection::open(&dest).unwrap();
    let ok: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    for plan in [UTR, RIJ] {
        let copied = env.json(&["--db", &dest, "--read-only", "history", plan, "--json"]);
        assert_eq!(copied["decisions"], history(&env, plan)["decisions"]);
    }
    let out = stdout(&env.ok(&["--db", &dest, "audit", "verify"]));
    assert!(out.starts_with("audittrail intact: 12 regels"), "{out}");

    let taken = env.file("bestaat.db", "niet overschrijven");
    let out = env.code(2, &["backup", &taken]);
    assert_contains(
        &stderr(&out),
        &["bestaat al; resv overschrijft nooit een bestand: geef --force om het te vervangen"],
    );
    assert_eq!(fs::read_to_string(&taken).unwrap(), "niet overschrijven");
}

// ---------------------------------------------------------------------------------------
// 10. Letters
// ---------------------------------------------------------------------------------------

#[test]
fn the_letter_states_the_outcome_amounts_and_conditions() {
    let env = Env::with_samples();
    let condition = "Kwartaalrapportage aan de inkoper";
    let conditions = [
        "--amount",
        "2027=900000",
        "--amount",
        "2028=950000",
        "--condition",
        condition,
    ];
    decided(&env, &decide(NLB, "conditions", &conditions));
    let md = stdout(&env.ok(&["letter", NLB]));
    let head = "# Besluit over RESV-plan RESV-NLB-2027";
    assert_contains(&md, &[head, "**Goedgekeurd onder voorwaarden**", REASON]);
    assert_contains(&md, &["€ 900.000,00", "€ 950.000,00", "€ 1.850.000,00", condition]);
    // Above the four-eyes limit: the letter says it is not final yet.
    assert_contains(
        &md,
        &["wacht op goedkeuring door een tweede inkoper, nog niet definitief"],
    );

    decided(&env, &approve(UTR, WITHIN, &[]));
    let md = stdout(&env.ok(&["--lang", "en", "letter", UTR, "--format", "md"]));
    assert_contains(&md, &["**Approved**", "€400,000.00", "€500,000.00", "€900,000.00"]);
    assert!(!md.contains("not final"), "{md}");
    let file = env.path("utr.html").display().to_string();
    let out = env.ok(&["letter", UTR, "--format", "html", "-o", &file]);
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out), format!("brief geschreven: {file}\n"));
    let html = fs::read_to_string(&file).unwrap();
    assert_contains(&html, &["<html", "Goedgekeurd", "€ 400.000,00", "€ 500.000,00"]);
}

#[test]
fn a_return_letter_lists_the_questions_and_neutralises_markup() {
    let env = Env::with_samples();
    let questions = ["Hoe borgt u de wijkverpleging?", "Wie is <b>penvoerder</b>?"];
    decided(
        &env,
        &reasoned(&return_with(RIJ, &questions), "<script>alert(1)</script>"),
    );
    let md = stdout(&env.ok(&["letter", RIJ]));
    assert_contains(&md, &["Teruggestuurd voor herziening", questions[0], "penvoerder"]);
    assert!(!md.contains("<script>"), "raw markup in the Markdown letter:\n{md}");

    let file = env.path("rij.html").display().to_string();
    env.ok(&["letter", RIJ, "--format", "html", "-o", &file]);
    let html = fs::read_to_string(&file).unwrap();
    assert_contains(&html, &[questions[0], "&lt;script&gt;alert(1)&lt;/script&gt;"]);
    let raw = html.contains("<script") || html.contains("<b>");
    assert!(!raw, "raw markup in the letter:\n{html}");
}

#[test]
fn a_letter_needs_a_decision() {
    let env = Env::with_samples();
    let out = env.code(2, &["letter", UTR]);
    assert_eq!(stdout(&out), "");
    assert_contains(
        &stderr(&out),
        &["Nog geen besluit. Leg eerst een besluit vast (`resv decide`)."],
    );
    let out = env.code(2, &["--lang", "en", "letter", "RESV-XXX-2027"]);
    assert_contains(&stderr(&out), &["unknown plan: RESV-XXX-2027"]);
}

// ---------------------------------------------------------------------------------------
// 11. Export
// ---------------------------------------------------------------------------------------

#[test]
fn export_decisions_lists_every_current_decision_as_json() {
    let env = two_decisions();
    decided(&env, &decide(UTR, "reject", &["--expect-latest", "1"]));
    decided(&env, &approve(FVA, "2027=780000", &[]));

    let doc = env.json(&["export", "decisions", "--json"]);
    let insurer = "Zorgverzekeraar Voorbeeld (fictief)";
    assert_eq!(fields(&doc, &["format", "insurer"]), json!(["resv-decisions", insurer]));
    let rows = doc["decisions"].as_array().unwrap();
    let plans: Vec<&str> = rows.iter().map(|d| d["plan_id"].as_str().unwrap()).collect();
    assert_eq!(plans, [FVA, RIJ, UTR], "one row per current decision");
    let keys = ["outcome", "contracted_total_cents", "pending_approval", "supersedes"];
    assert_eq!(fields(&rows[0], &keys), json!(["approve", 78000000, false, null]));
    assert_eq!(
        fields(&rows[0]["years"][0], &["year", "contracted_cents"]),
        json!([2027, 78000000])
    );
    assert_eq!(
        rows[0]["plan_sha256"],
        env.json(&["assess", FVA, "--json"])["plan_sha256"]
    );
    assert_eq!(
        fields(&rows[1], &["outcome", "questions"]),
        json!(["return", ["Waarom?"]])
    );
    assert_eq!(fields(&rows[2], &keys), json!(["reject", 0, false, 1]));
    let years: Vec<&Value> = rows[2]["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| &y["year"])
        .collect();
    assert_eq!(years, [2027, 2028]);
}

#[test]
fn export_decisions_as_csv_has_a_column_per_year_and_defuses_formulas() {
    let env = two_decisions();
    let formula = "=HYPERLINK(\"http://example.com\")";
    decided(
        &env,
        &reasoned(&decide(UTR, "reject", &["--expect-latest", "1"]), formula),
    );
    decided(&env, &approve(FVA, "2027=780000", &[]));

    let csv = stdout(&env.ok(&["export", "decisions", "--csv"]));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let head: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    let col = |name: &str| {
        head.iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no {name}: {head:?}"))
    };
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let cell = |row: usize, name: &str| records[row][col(name)].to_string();
    assert_eq!(records.len(), 3, "one row per current decision:\n{csv}");
    let plans: Vec<String> = (0..3).map(|r| cell(r, "plan_id")).collect();
    assert_eq!(plans, [FVA, RIJ, UTR]);
    assert_eq!(
        [cell(0, "contracted_2027"), cell(0, "contracted_2028")],
        ["780000.00", ""]
    );
    assert_eq!(
        [cell(0, "contracted_total"), cell(0, "outcome")],
        ["780000.00", "approve"]
    );
    assert_eq!([cell(2, "outcome"), cell(2, "decision_id")], ["reject", "3"]);
    assert_eq!(cell(2, "reasoning"), format!("'{formula}"), "a formula is defused");
    assert_eq!(cell(1, "questions"), "Waarom?");
}

// ---------------------------------------------------------------------------------------
// 12. States and resubmission
// ---------------------------------------------------------------------------------------

fn queue_ids(env: &Env, state: &str) -> Vec<String> {
    let queue = env.json(&["queue", "--state", state, "--json"]);
    queue
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_queue_filters_by_state() {
    let env = two_decisions();
    decided(&env, &return_with(ZEE, &["Herstel de knock-out"]));
    assert_eq!(queue_ids(&env, "returned"), [RIJ, ZEE]);
    assert_eq!(queue_ids(&env, "decided"), [UTR]);
    assert_eq!(queue_ids(&env, "received").len(), 7);
    assert!(queue_ids(&env, "resubmitted").is_empty());
    let out = env.code(2, &["queue", "--state", "bogus"]);
    let states = "verwacht een van: ontvangen (received), in behandeling (in-review), teruggestuurd (returned)";
    assert_contains(
        &stderr(&out),
        &["ongeldige waarde 'bogus' voor '--state <STATE>'", states],
    );
    // The Dutch names work as well as the keywords.
    assert_eq!(queue_ids(&env, "teruggestuurd"), [RIJ, ZEE]);
    assert_eq!(queue_ids(&env, "Besloten"), [UTR]);
}

#[test]
fn a_returned_plan_comes_back_resubmitted_with_its_changes() {
    let env = two_decisions();
    let text = fs::read_to_string("sample-plans/rijnmond.toml").unwrap();
    let v2 = text.replace("version = \"1.0\"", "version = \"1.1\"");
    let v2 = v2.replace("name = \"Rijnmond\"", "name = \"Groot-Rijnmond\"");
    env.ok(&["import", &env.file("rijnmond-1.1.toml", &v2)]);
    assert!(queue_ids(&env, "returned").is_empty());
    assert_eq!(queue_ids(&env, "resubmitted"), [RIJ]);
    assert_eq!(state(&env, RIJ), "resubmitted return counting", "it counts down again");
    assert_eq!(queue_row(&env, RIJ)["versions"], 2);

    let h = history(&env, RIJ);
    assert_eq!(h["state"], "resubmitted");
    assert_eq!(fields(&h["changes"], &["from_version", "to_version"]), json!([1, 2]));
    let changed = json!({ "field": "region.name", "old": "Rijnmond", "new": "Groot-Rijnmond" });
    assert!(
        h["changes"]["diff"]["fields"].as_array().unwrap().contains(&changed),
        "{h:#}"
    );
    assert_contains(
        &stdout(&env.ok(&["history", RIJ])),
        &["\nWijzigingen\n", "Groot-Rijnmond"],
    );

    // The return is still the current decision: replacing it names it.
    let out = env.code(3, &return_with(RIJ, &["Waarom?"]));
    assert_contains(&stderr(&out), &["heeft besluit #2 (teruggestuurd, € 0,00 in totaal)"]);
    decided(
        &env,
        &with(&return_with(RIJ, &["Nog steeds?"]), &["--expect-latest", "2"]),
    );
    assert_eq!(queue_ids(&env, "returned"), [RIJ]);
}

// ---------------------------------------------------------------------------------------
// 13. History in Dutch
// ---------------------------------------------------------------------------------------

#[test]
fn the_history_shows_decisions_versions_and_the_audit_trail() {
    let env = two_decisions();
    let text = stdout(&env.ok(&["history", UTR]));
    assert!(text.starts_with("RESV-UTR-2027 · status: besloten\n"), "{text}");
    let sections = ["\nBesluiten\n", "\nVersies\n", "\nBeoordelingen\n", "\nAudittrail\n"];
    let at: Vec<Option<usize>> = sections.iter().map(|s| text.find(s)).collect();
    assert!(
        at.iter().all(Option::is_some) && at.is_sorted(),
        "sections {sections:?} in order:\n{text}"
    );
    let decision = "#1 GOEDGEKEURD · € 900.000 · op versie 1 · ";
    assert_contains(&text, &[decision, "Gecontracteerd: 2027 € 400.000 · 2028 € 500.000"]);
    assert_contains(
        &text,
        &[
            "v1 \"1.0\"",
            &format!("door {USER}"),
            // The audit entries in words, as on the workbench's History tab.
            &format!("{USER} · besluit #1 vastgelegd: goedgekeurd, € 900.000, versie 1\n"),
            &format!("{USER} · versie 1 ingelezen uit sample-plans/utrecht-stad.toml\n"),
        ],
    );
    assert!(!text.contains("plan-import") && !text.contains("decisions:1"), "{text}");
    env.ok(&["score", UTR, "participation", "3", "--note", "besproken"]);
    let text = stdout(&env.ok(&["history", UTR]));
    assert_contains(
        &text,
        &["· score gezet: Burger- en patiëntenparticipatie 3 (met notitie)\n"],
    );
    let text = stdout(&env.ok(&["--lang", "en", "history", UTR]));
    assert_contains(
        &text,
        &[
            "\nDecisions\n",
            "\nVersions\n",
            "\nAudit trail\n",
            "#1 APPROVED",
            "· decision #1 recorded: approved, €900,000, version 1\n",
            "· score set: Citizen and patient participation 3 (with a note)\n",
        ],
    );
}
