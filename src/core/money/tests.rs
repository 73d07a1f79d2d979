use super::*;
use proptest::prelude::*;

#[test]
fn parses_decimals() {
    assert_eq!(Cents::parse_decimal("12500"), Some(Cents(1_250_000)));
    assert_eq!(Cents::parse_decimal("12500.5"), Some(Cents(1_250_050)));
    assert_eq!(Cents::parse_decimal("0.07"), Some(Cents(7)));
    assert_eq!(Cents::parse_decimal("-3.25"), Some(Cents(-325)));
    assert_eq!(Cents::parse_decimal("1_000"), Some(Cents(100_000)));
    assert_eq!(Cents::parse_decimal("1.005"), None);
    assert_eq!(Cents::parse_decimal("1e5"), None);
    assert_eq!(Cents::parse_decimal(""), None);
    assert_eq!(Cents::parse_decimal(".5"), None);
}

#[test]
fn formats() {
    assert_eq!(Cents(123_456_789).fmt_euros('.'), "1.234.568");
    assert_eq!(Cents(-123_456_789).fmt_exact('.', ','), "-1.234.567,89");
    assert_eq!(Cents(5).fmt_exact(',', '.'), "0.05");
    assert_eq!(group_thousands(999, '.'), "999");
    assert_eq!(group_thousands(1000, '.'), "1.000");
}

fn ok(text: &str) -> i64 {
    match parse_amount(text) {
        Ok(c) => c.0,
        Err(e) => panic!("{text:?} refused: {e}"),
    }
}

#[test]
fn amount_parser_reads_dutch_and_plain_notation() {
    for (text, cents) in [
        ("1.234.567,89", 123_456_789),
        ("€ 1.234.567", 123_456_700),
        ("€1.234.567,89", 123_456_789),
        ("1234567,89", 123_456_789),
        ("1234567.89", 123_456_789),
        ("1234567", 123_456_700),
        ("1,234,567.89", 123_456_789),
        ("1234,56", 123_456),
        ("1.500.000", 150_000_000),
        ("2000000,50", 200_000_050),
        ("€ 2.000.000,50", 200_000_050),
        ("1,5", 150),
        ("1,50", 150),
        ("1.5", 150),
        ("0,07", 7),
        ("0", 0),
        ("1 234 567,89", 123_456_789),
        ("1\u{a0}234\u{a0}567", 123_456_700),
        ("\u{a0}€\u{a0}1.682.500,00\u{a0}", 168_250_000),
        ("1.682.500 EUR", 168_250_000),
        ("eur 12", 1200),
        ("1.000.000.000.000", 100_000_000_000_000),
        ("1.500,00", 150_000),
        ("1500.00", 150_000),
    ] {
        assert_eq!(ok(text), cents, "{text}");
    }
}

#[test]
fn amount_parser_refuses_ambiguous_text_naming_both_readings() {
    for text in ["1.500", "1,500", "€ 1.234", "12.345", "1.005", "999,000"] {
        let e = parse_amount(text).unwrap_err();
        assert!(matches!(e, AmountError::Ambiguous { .. }), "{text}: {e:?}");
    }
    let e = parse_amount("1.500").unwrap_err().to_string();
    assert!(
        e.contains("EUR 1,500.00 in Dutch notation") && e.contains("EUR 1.50 in plain notation"),
        "{e}"
    );
    assert!(e.contains("1500.00") && e.contains("1.50"), "{e}");
    let e = parse_amount("1,500").unwrap_err().text();
    assert!(
        e.nl.contains("in Nederlandse notatie € 1,50") && e.nl.contains("in gewone notatie € 1.500,00"),
        "{}",
        e.nl
    );
}

#[test]
fn amount_parser_refuses_with_the_reason() {
    use AmountError::*;
    for (text, want) in [
        ("", Empty),
        ("  € ", Empty),
        ("-5", Negative),
        ("-1.234,56", Negative),
        ("1.2345", TooManyDecimals { decimals: 4 }),
        ("1234,567", TooManyDecimals { decimals: 3 }),
        ("0,500", TooManyDecimals { decimals: 3 }),
        ("1.000.000.000.000,01", TooLarge),
        ("1000000000001", TooLarge),
        ("99999999999999999999999999999999999", TooLarge),
        ("1e5", NotANumber),
        ("1.2.3", NotANumber),
        ("1,2,3", NotANumber),
        ("12.34.567", NotANumber),
        ("1.234,567.89", NotANumber),
        ("1.234 567", NotANumber),
        (".5", NotANumber),
        (",5", NotANumber),
        ("5,", NotANumber),
        ("0.500.000", NotANumber),
        ("1_000", NotANumber),
        ("+5", NotANumber),
        ("١٢", NotANumber),
        ("1000,2000", TooManyDecimals { decimals: 4 }),
    ] {
        assert_eq!(parse_amount(text), Err(want), "{text:?}");
    }
    let msg = parse_amount("1,234.5678").unwrap_err().to_string();
    assert!(msg.contains("4 decimals") && msg.contains("at most 2"), "{msg}");
    assert!(parse_amount("2e12").unwrap_err().to_string().contains("1.234.567,89"));
    assert!(parse_amount("-1").unwrap_err().to_string().contains("at least 0"));
    assert!(
        parse_amount("5000000000000")
            .unwrap_err()
            .to_string()
            .contains("1,000,000,000,000")
    );
}

fn cents_strategy() -> impl Strategy<Value = i64> {
    prop_oneof![0..1_000_000i64, 0..=MAX_AMOUNT.0, Just(MAX_AMOUNT.0)]
}

proptest! {
    /// Any amount rendered in Dutch notation (grouped or not, with or without `€ `) or in
    /// plain notation reads back to the same cents.
    #[test]
    fn rendered_amounts_parse_back(c in cents_strategy()) {
        let cents = Cents(c);
        let ungrouped_dutch = cents.fmt_plain().replace('.', ",");
        let mut renderings = vec![
            cents.fmt_exact('.', ','),
            format!("€ {}", cents.fmt_exact('.', ',')),
            ungrouped_dutch.clone(),
            format!("€ {ungrouped_dutch}"),
            cents.fmt_plain(),
            cents.fmt_exact(',', '.'),
        ];
        if c % 100 == 0 {
            renderings.push((c / 100).to_string());
            renderings.push(format!("€ {}", c / 100));
            // Whole euros grouped with one dot (`1.234`) is ambiguous; two or more are not.
            if c >= 100_000_000 {
                renderings.push(cents.fmt_euros('.'));
                renderings.push(format!("€ {}", cents.fmt_euros('.')));
            }
        }
        for r in renderings {
            prop_assert_eq!(parse_amount(&r), Ok(cents), "{}", r);
        }
    }

    /// No text reads as different cents in the two notations without being refused, and
    /// an accepted text is what every notation that reads it says.
    #[test]
    fn no_text_reads_two_ways(text in "[0-9.,]{1,12}") {
        let dutch = read_in(&text, Notation::Dutch).and_then(|r| r.cents().ok());
        let plain = read_in(&text, Notation::Plain).and_then(|r| r.cents().ok());
        if let Ok(c) = parse_amount(&text) {
            prop_assert!(dutch.is_some() || plain.is_some());
            for reading in [dutch, plain].into_iter().flatten() {
                prop_assert_eq!(reading, c, "{}", text);
            }
        }
        if let (Some(d), Some(p)) = (dutch, plain)
            && d != p
        {
            prop_assert!(parse_amount(&text).is_err(), "{} reads {:?} and {:?}", text, d, p);
        }
    }
}
