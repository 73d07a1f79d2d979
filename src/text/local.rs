//! Times as people here read them: stored in UTC, shown in Europe/Amsterdam local time (the
//! EU rule: CET, CEST from the last Sunday of March to the last Sunday of October; no time
//! zone database needed), and counts with the right word (`1 signaal`, `2 signalen`).

use super::{Lang, T};
use crate::core::time::Instant;
use std::sync::OnceLock;

/// Europe/Amsterdam as a POSIX rule (the same offsets the tz database has since 1996).
const AMSTERDAM: &str = "CET-1CEST,M3.5.0,M10.5.0/3";

fn amsterdam() -> &'static jiff::tz::TimeZone {
    static ZONE: OnceLock<jiff::tz::TimeZone> = OnceLock::new();
    ZONE.get_or_init(|| jiff::tz::TimeZone::posix(AMSTERDAM).unwrap_or(jiff::tz::TimeZone::UTC))
}

/// A stored time in local time: `1-11-2026 10:00` (Dutch), `2026-11-01 10:00` (English).
pub fn local_time(lang: Lang, at: Instant) -> String {
    let t = amsterdam().to_datetime(at.timestamp());
    match lang {
        Lang::Nl => format!(
            "{}-{}-{} {:02}:{:02}",
            t.day(),
            t.month(),
            t.year(),
            t.hour(),
            t.minute()
        ),
        Lang::En => format!(
            "{:04}-{:02}-{:02} {:02}:{:02}",
            t.year(),
            t.month(),
            t.day(),
            t.hour(),
            t.minute()
        ),
    }
}

/// The local calendar day of a stored time (a decision at 23:30 UTC on 31 March is dated
/// 1 April in Amsterdam): the date letters and lists show.
pub fn local_date(at: Instant) -> crate::core::plan::Date {
    let day = amsterdam().to_datetime(at.timestamp()).date();
    crate::core::plan::Date::from_civil(day).unwrap_or(at.date())
}

/// `line` with every stored UTC time in it (`2026-11-01T09:00:00Z`) shown in local time.
pub fn localize(lang: Lang, line: &str) -> String {
    const LEN: usize = "2026-11-01T09:00:00Z".len();
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find(|c: char| c.is_ascii_digit()) {
        let candidate = rest
            .get(at..at + LEN)
            .filter(|c| c.as_bytes()[10] == b'T' && c.ends_with('Z'));
        match candidate.and_then(Instant::parse) {
            Some(instant) => {
                out.push_str(&rest[..at]);
                out.push_str(&local_time(lang, instant));
                rest = &rest[at + LEN..];
            }
            None => {
                let next = at + rest[at..].chars().next().map_or(1, char::len_utf8);
                out.push_str(&rest[..next]);
                rest = &rest[next..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `n` and the word for it: `1 signaal`, `3 signalen`.
pub fn count(lang: Lang, n: impl Into<u64>, one: T, many: T) -> String {
    let n = n.into();
    let word = if n == 1 { one } else { many };
    let n = crate::text::fmt::whole(lang, usize::try_from(n).unwrap_or(usize::MAX));
    format!("{n} {}", word.get(lang))
}

pub const FLAG: T = T("signaal", "flag");
pub const DECISION: T = T("besluit", "decision");
pub const PLAN: T = T("plan", "plan");
pub const ARRANGEMENT: T = T("regeling", "arrangement");

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Instant {
        Instant::parse(s).unwrap()
    }

    #[test]
    fn amsterdam_winter_and_summer_time_and_the_changes() {
        assert_eq!(local_time(Lang::Nl, at("2026-11-01T09:00:00Z")), "1-11-2026 10:00");
        assert_eq!(local_time(Lang::En, at("2026-07-01T09:00:00Z")), "2026-07-01 11:00");
        // 29 March 2026: clocks go forward at 01:00 UTC; 25 October 2026: back at 01:00 UTC.
        assert_eq!(local_time(Lang::En, at("2026-03-29T00:59:00Z")), "2026-03-29 01:59");
        assert_eq!(local_time(Lang::En, at("2026-03-29T01:00:00Z")), "2026-03-29 03:00");
        assert_eq!(local_time(Lang::En, at("2026-10-25T00:59:00Z")), "2026-10-25 02:59");
        assert_eq!(local_time(Lang::En, at("2026-10-25T01:00:00Z")), "2026-10-25 02:00");
        assert_eq!(local_time(Lang::Nl, at("2026-12-31T23:30:00Z")), "1-1-2027 00:30");
    }

    #[test]
    fn every_stored_time_in_a_line_is_localised_and_nothing_else() {
        assert_eq!(
            localize(
                Lang::Nl,
                "#3 2026-11-01T09:00:00Z inkoper · v2 2026-06-01T12:00:00Z, 2026-11-01"
            ),
            "#3 1-11-2026 10:00 inkoper · v2 1-6-2026 14:00, 2026-11-01"
        );
        assert_eq!(
            localize(Lang::Nl, "geen tijd: 2026-13-01T09:00:00Z €"),
            "geen tijd: 2026-13-01T09:00:00Z €"
        );
        assert_eq!(localize(Lang::En, ""), "");
    }

    #[test]
    fn one_and_many() {
        assert_eq!(count(Lang::Nl, 1u64, FLAG, super::super::FLAGS_WORD), "1 signaal");
        assert_eq!(count(Lang::Nl, 2u64, FLAG, super::super::FLAGS_WORD), "2 signalen");
        assert_eq!(
            count(Lang::Nl, 100_000u64, ARRANGEMENT, super::super::ARRANGEMENTS),
            "100.000 regelingen"
        );
        assert_eq!(
            count(Lang::En, 1u64, ARRANGEMENT, super::super::ARRANGEMENTS),
            "1 arrangement"
        );
        assert_eq!(
            count(Lang::En, 1u64, DECISION, super::super::nza::CONTRACTS),
            "1 decision"
        );
    }
}
