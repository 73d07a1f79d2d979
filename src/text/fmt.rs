//! Numbers as people read them, one copy each: money (whole euros, or to the cent),
//! percentages, decimals, days to a deadline and dates in words. Dutch groups thousands with
//! `.` and writes decimals with `,`; English the other way round.

use super::{Lang, T};
use crate::core::money::Cents;
use crate::core::plan::Date;

/// Euros in the language's notation, whole where the amount is (`€ 1.234.567` or
/// `€1,234,567`), to the cent where it is not (`€ 400.000,50`): money is never rounded away.
pub fn euros(lang: Lang, c: Cents) -> String {
    if c.0 % 100 != 0 {
        return cents(lang, c);
    }
    match lang {
        Lang::Nl => format!("€ {}", c.fmt_euros('.')),
        Lang::En => format!("€{}", c.fmt_euros(',')),
    }
}

/// Euros to the cent: `€ 585.000,01` or `€585,000.01`.
pub fn cents(lang: Lang, c: Cents) -> String {
    match lang {
        Lang::Nl => format!("€ {}", amount(lang, c)),
        Lang::En => format!("€{}", amount(lang, c)),
    }
}

/// Euros to the cent without the sign, as an amount field shows them so they can never be
/// misread: `585.000,00` or `585,000.00`. The one amount parser reads both back.
pub fn amount(lang: Lang, c: Cents) -> String {
    match lang {
        Lang::Nl => c.fmt_exact('.', ','),
        Lang::En => c.fmt_exact(',', '.'),
    }
}

/// A whole number with its thousands grouped: `10.000` / `10,000` (counts).
pub fn whole(lang: Lang, n: usize) -> String {
    let sep = if lang == Lang::Nl { '.' } else { ',' };
    crate::core::money::group_thousands(i64::try_from(n).unwrap_or(i64::MAX), sep)
}

/// A share in hundredths of a percent: `44,50%` / `44.50%`.
pub fn percent(lang: Lang, hundredths: u64) -> String {
    let dec = if lang == Lang::Nl { ',' } else { '.' };
    format!("{}{dec}{:02}%", hundredths / 100, hundredths % 100)
}

/// A share in tenths of a percent: `12,5%` / `12.5%`.
pub fn permille(lang: Lang, p: i64) -> String {
    format!("{}%", decimal_tenths(lang, p))
}

/// A number in tenths as `72,5` or `72.5`.
pub fn tenths(lang: Lang, t: u32) -> String {
    decimal_tenths(lang, i64::from(t))
}

/// A number to `places` decimals in the language's notation: `1,60` / `1.60` (fte, scores,
/// similarities). No thousands grouping: these are small numbers.
pub fn decimal(lang: Lang, value: f64, places: usize) -> String {
    comma(lang, format!("{value:.places$}"))
}

/// As [`decimal`], with its sign: `+8,0` / `-2.5` (evidence weights).
pub fn signed(lang: Lang, value: f64, places: usize) -> String {
    comma(lang, format!("{value:+.places$}"))
}

fn comma(lang: Lang, text: String) -> String {
    match lang {
        Lang::Nl => text.replace('.', ","),
        Lang::En => text,
    }
}

fn decimal_tenths(lang: Lang, t: i64) -> String {
    let text = format!("{}.{}", t / 10, t % 10);
    match lang {
        Lang::Nl => text.replace('.', ","),
        Lang::En => text,
    }
}

pub const OVERDUE: T = T("te laat", "overdue");

/// Days to the deadline for the queue: `12`, or `3 te laat` (`-3` when narrow).
pub fn days(lang: Lang, days: Option<i64>, wide: bool) -> String {
    match days {
        None => "—".to_string(),
        Some(d) if d < 0 && wide => format!("{} {}", -d, OVERDUE.get(lang)),
        Some(d) => d.to_string(),
    }
}

const MONTHS: [T; 12] = [
    T("januari", "January"),
    T("februari", "February"),
    T("maart", "March"),
    T("april", "April"),
    T("mei", "May"),
    T("juni", "June"),
    T("juli", "July"),
    T("augustus", "August"),
    T("september", "September"),
    T("oktober", "October"),
    T("november", "November"),
    T("december", "December"),
];

/// A date in words: `22 november 2026`, `22 November 2026`.
pub fn long_date(lang: Lang, d: Date) -> String {
    let month = MONTHS
        .get(usize::from(d.month).wrapping_sub(1))
        .map_or("?", |m| m.get(lang));
    format!("{} {month} {}", d.day, d.year)
}

/// A date as resv shows it in lists and tables: `2026-11-22` (ISO, in both languages).
pub fn date(d: Date) -> String {
    d.to_string()
}

/// A date shown to a person in the workbench: `1-1-2027` in Dutch, `2027-01-01` in
/// English (the same form as [`crate::text::local::local_time`]).
pub fn day(lang: Lang, d: Date) -> String {
    match lang {
        Lang::Nl => format!("{}-{}-{}", d.day, d.month, d.year),
        Lang::En => d.to_string(),
    }
}

/// A period of dates shown to a person: `1-1-2027 – 31-12-2027` in Dutch.
pub fn period(lang: Lang, start: Date, end: Date) -> String {
    format!("{} – {}", day(lang, start), day(lang, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_the_dutch_way_in_dutch() {
        let d = Date::new(2027, 1, 1).unwrap();
        let e = Date::new(2027, 12, 31).unwrap();
        assert_eq!(day(Lang::Nl, d), "1-1-2027");
        assert_eq!(day(Lang::En, d), "2027-01-01");
        assert_eq!(period(Lang::Nl, d, e), "1-1-2027 – 31-12-2027");
    }

    #[test]
    fn money_in_both_notations() {
        let c = Cents(123_456_789);
        // Never rounded away: an amount with cents shows them, a whole one does not.
        assert_eq!(euros(Lang::Nl, c), "€ 1.234.567,89");
        assert_eq!(euros(Lang::En, c), "€1,234,567.89");
        assert_eq!(euros(Lang::Nl, Cents(40_000_050)), "€ 400.000,50");
        assert_eq!(euros(Lang::Nl, Cents(40_000_000)), "€ 400.000");
        assert_eq!(cents(Lang::Nl, c), "€ 1.234.567,89");
        assert_eq!(cents(Lang::En, c), "€1,234,567.89");
        assert_eq!(cents(Lang::En, Cents(-150)), "€-1.50");
        assert_eq!(amount(Lang::Nl, Cents(58_500_000)), "585.000,00");
        assert_eq!(amount(Lang::En, Cents(58_500_001)), "585,000.01");
    }

    #[test]
    fn an_amount_reads_back_through_the_one_parser() {
        for c in [Cents(0), Cents(7), Cents(58_500_001), Cents(123_456_789)] {
            for lang in [Lang::Nl, Lang::En] {
                assert_eq!(
                    crate::core::money::parse_amount(&amount(lang, c)),
                    Ok(c),
                    "{lang:?} {c:?}"
                );
            }
        }
    }

    #[test]
    fn shares_and_decimals_in_both_notations() {
        assert_eq!(percent(Lang::Nl, 4450), "44,50%");
        assert_eq!(percent(Lang::En, 5), "0.05%");
        assert_eq!(permille(Lang::Nl, 125), "12,5%");
        assert_eq!(permille(Lang::En, 1000), "100.0%");
        assert_eq!(tenths(Lang::Nl, 725), "72,5");
        assert_eq!(tenths(Lang::En, 7), "0.7");
        assert_eq!(decimal(Lang::Nl, 1.6, 2), "1,60");
        assert_eq!(decimal(Lang::En, 0.915, 2), "0.92");
        assert_eq!(signed(Lang::Nl, 8.0, 1), "+8,0");
        assert_eq!(signed(Lang::En, -2.5, 1), "-2.5");
    }

    #[test]
    fn days_and_dates() {
        assert_eq!(days(Lang::Nl, Some(-3), true), "3 te laat");
        assert_eq!(days(Lang::En, Some(-3), false), "-3");
        assert_eq!(days(Lang::En, None, true), "—");
        let at = crate::core::time::Instant::parse("2026-11-22T23:59:59Z").unwrap();
        assert_eq!(long_date(Lang::Nl, at.date()), "22 november 2026");
        assert_eq!(long_date(Lang::En, Date::new(2026, 3, 1).unwrap()), "1 March 2026");
        assert_eq!(date(at.date()), "2026-11-22");
    }
}
