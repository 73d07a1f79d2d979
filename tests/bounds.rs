//! Issue 15's bounds from the outside: amounts typed into the decision form go through the
//! one amount parser, and every sampling argument is bounded so each command answers at once.

mod support;

use resv::core::money::Cents;
use resv::text::Lang;
use resv::tui::state::decision_form::DecisionForm;
use support::*;

const UTR: &str = "RESV-UTR-2027";

/// Issue 15: the form refused `1.500.000`, `2000000,50` and `€ 2.000.000,50` and showed
/// prefilled amounts raw. It reads what the one amount parser reads, and refuses what it
/// refuses with the reason.
#[test]
fn the_form_reads_amounts_in_dutch_and_plain_notation() {
    let years = vec![(2027, Cents(300_000_000)), (2028, Cents(300_000_000))];
    let mut f = DecisionForm::new(UTR, years, None, Lang::Nl);
    f.reasoning = tui_input::Input::new("Past".into());
    let draft = |f: &DecisionForm, a: &str, b: &str, lang: Lang| {
        let mut f2 = DecisionForm::new(UTR, f.years.clone(), None, lang);
        f2.amounts = vec![tui_input::Input::new(a.into()), tui_input::Input::new(b.into())];
        f2.draft(lang)
    };
    for (a, b, want) in [
        ("1.500.000", "2000000,50", [150_000_000, 200_000_050]),
        ("€ 2.000.000,50", " 1682500 ", [200_000_050, 168_250_000]),
        ("1.682.500,00", "1682500.5", [168_250_000, 168_250_050]),
    ] {
        let d = draft(&f, a, b, Lang::Nl).unwrap_or_else(|p| panic!("{a} {b}: {p:?}"));
        assert_eq!(d.amounts, want.map(Cents).to_vec(), "{a} {b}");
    }
    let problems = draft(&f, "1.500", "-5", Lang::Nl).unwrap_err();
    assert_eq!(
        problems,
        [
            "2027: \"1.500\": dubbelzinnig: in Nederlandse notatie € 1.500,00, in gewone notatie € 1,50; \
             schrijf 1.500,00 of 1,50 (of 1500.00 of 1.50)",
            "2028: \"-5\": een negatief bedrag; verwacht een bedrag van ten minste 0",
        ]
    );
    let problems = draft(&f, "1,500", "1,2345", Lang::En).unwrap_err();
    assert_eq!(
        problems,
        [
            "2027: \"1,500\": ambiguous: EUR 1.50 in Dutch notation, EUR 1,500.00 in plain notation; \
             write 1.50 or 1500.00 (or 1,50 or 1.500,00)",
            "2028: \"1,2345\": 4 decimals; expected whole cents (at most 2 decimals)",
        ]
    );
    // What the form prefills reads back exactly.
    f.reasoning = tui_input::Input::new("Past".into());
    assert_eq!(f.draft(Lang::Nl).unwrap().amounts, [Cents(300_000_000); 2]);
    let en = DecisionForm::new(UTR, f.years.clone(), None, Lang::En);
    assert_eq!(en.draft(Lang::En).unwrap().amounts, [Cents(300_000_000); 2]);
}

/// Issue 15: `sample plan --model hypergeometric --population 10000000000 --tolerable-rate
/// 0.000000001` ran for more than ten minutes. Every numeric argument is bounded with a
/// message naming the range, and what the bounds allow answers at once.
#[test]
fn every_sampling_argument_is_bounded_and_answers_promptly() {
    let env = Env::new();
    let timed = |code: i32, args: &[&str], phrase: &str| {
        let mut all = vec!["--lang", "en", "sample"];
        all.extend_from_slice(args);
        let start = std::time::Instant::now();
        let out = env.code(code, &all);
        let took = start.elapsed();
        assert!(took.as_secs_f64() < 5.0, "{args:?} took {took:?}");
        let text = format!("{}{}", stdout(&out), stderr(&out));
        assert_contains(&text, &[phrase]);
    };
    let hyper = ["plan", "--confidence", "0.95", "--model", "hypergeometric"];
    timed(
        1,
        &[
            &hyper[..],
            &["--population", "10000000000", "--tolerable-rate", "0.000000001"],
        ]
        .concat(),
        "population 10000000000: expected 1 to 1000000000",
    );
    // The largest population allowed, at rates that need huge samples: answered at once.
    timed(
        1,
        &[
            &hyper[..],
            &["--population", "1000000000", "--tolerable-rate", "0.000000001"],
        ]
        .concat(),
        "the sample would be larger than 1000000: raise the tolerable rate or the materiality",
    );
    timed(
        0,
        &[
            &hyper[..],
            &[
                "--population",
                "1000000000",
                "--tolerable-rate",
                "0.00001",
                "--expected",
                "3",
            ],
        ]
        .concat(),
        "Sample size: 775179",
    );
    timed(
        1,
        &[
            "plan",
            "--confidence",
            "0.95",
            "--tolerable-rate",
            "0.05",
            "--expected",
            "18446744073709551615",
        ],
        "expected 18446744073709551615: expected 0 to 10000",
    );
    timed(
        1,
        &[
            "plan",
            "--confidence",
            "0.95",
            "--tolerable-rate",
            "0.000000001",
            "--model",
            "poisson",
        ],
        "the sample would be larger than 1000000",
    );
    timed(
        1,
        &[
            "plan",
            "--mus",
            "--confidence",
            "0.95",
            "--materiality",
            "0,01",
            "--total",
            "1.000.000.000.000",
        ],
        "the sample would be larger than 1000000",
    );
    timed(
        1,
        &[
            "plan",
            "--mus",
            "--confidence",
            "0.95",
            "--materiality",
            "1",
            "--total",
            "1.000.000.000.001",
        ],
        "--total \"1.000.000.000.001\": too large; expected at most EUR 1,000,000,000,000",
    );
    timed(
        0,
        &[
            "plan",
            "--confidence",
            "0.9999999999999999",
            "--tolerable-rate",
            "0.5",
            "--expected",
            "10000",
        ],
        "Sample size: 21196",
    );
    let out = env.code(
        2,
        &[
            "sample",
            "plan",
            "--year",
            "0",
            "--confidence",
            "0.95",
            "--tolerable-rate",
            "0.05",
        ],
    );
    assert_contains(
        &stderr(&out),
        &["ongeldige waarde '0' voor '--year <YEAR>': verwacht een contractjaar van 2027 tot en met 2100"],
    );
    let out = env.code(2, &["--envelope", "1.000.000.000.001", "report"]);
    assert_contains(&stderr(&out), &["te groot; verwacht ten hoogste € 1.000.000.000.000"]);
}
