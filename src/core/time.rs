//! Instants in UTC: the typed value behind every timestamp resv records.
//!
//! An [`Instant`] is a `jiff::Timestamp` in whole seconds. It is written, stored and
//! serialised as RFC 3339 in UTC with `Z` and no fraction (`2026-11-01T09:00:00Z`), and read
//! back strictly: only that exact form is accepted. The core never reads the clock: the
//! store makes an instant from `Timestamp::now()` and hands it in.

use super::plan::Date;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A moment in UTC, to the second.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(jiff::Timestamp);

impl Instant {
    /// The instant, with anything below a second dropped (towards the past), so that what
    /// the program holds is exactly what it stores.
    pub fn from_timestamp(ts: jiff::Timestamp) -> Instant {
        let secs = ts.as_second() - i64::from(ts.subsec_nanosecond() < 0);
        Instant::from_unix_seconds(secs).unwrap_or(Instant(jiff::Timestamp::UNIX_EPOCH))
    }

    /// Seconds since 1970-01-01T00:00:00Z; `None` outside jiff's range (years -9999 to 9999).
    pub fn from_unix_seconds(secs: i64) -> Option<Instant> {
        jiff::Timestamp::from_second(secs).ok().map(Instant)
    }

    /// Strict: only `YYYY-MM-DDTHH:MM:SSZ`, the form resv writes (no offset, no fraction,
    /// no lower-case `t` or `z`, no space).
    pub fn parse(text: &str) -> Option<Instant> {
        if text.len() != 20 || !text.is_ascii() {
            return None;
        }
        let ts: jiff::Timestamp = text.parse().ok()?;
        let instant = Instant(ts);
        (ts.subsec_nanosecond() == 0 && instant.to_string() == text).then_some(instant)
    }

    pub fn unix_seconds(self) -> i64 {
        self.0.as_second()
    }

    pub fn timestamp(self) -> jiff::Timestamp {
        self.0
    }

    /// The UTC calendar date of this instant.
    pub fn date(self) -> Date {
        let utc = jiff::tz::Offset::UTC.to_datetime(self.0).date();
        // jiff's range starts at the year -9999; a `Date` at the year 0.
        Date::from_civil(utc).unwrap_or(Date {
            year: 0,
            month: 1,
            day: 1,
        })
    }
}

impl fmt::Display for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // jiff writes a timestamp in UTC with `Z`, and no fraction when it is whole seconds.
        write!(f, "{}", self.0)
    }
}

impl Serialize for Instant {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Instant {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Instant, D::Error> {
        let text = String::deserialize(d)?;
        Instant::parse(&text).ok_or_else(|| {
            // Quote a hostile value only as far as a timestamp could reach.
            let shown: String = text.chars().take(24).collect();
            let more = if shown.len() < text.len() { "…" } else { "" };
            serde::de::Error::custom(format!(
                "invalid timestamp {shown:?}{more}: expected RFC 3339 in UTC, YYYY-MM-DDTHH:MM:SSZ"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> String {
        Instant::from_unix_seconds(secs).unwrap().to_string()
    }

    #[test]
    fn formats_known_instants_as_stored() {
        assert_eq!(at(0), "1970-01-01T00:00:00Z");
        assert_eq!(at(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(at(1_795_377_600), "2026-11-22T20:00:00Z");
        assert_eq!(at(-1), "1969-12-31T23:59:59Z");
        assert_eq!(at(4_107_542_399), "2100-02-28T23:59:59Z");
        assert_eq!(at(4_107_542_400), "2100-03-01T00:00:00Z");
    }

    #[test]
    fn a_clock_reading_loses_its_fraction_towards_the_past() {
        let ts = jiff::Timestamp::new(1_795_377_600, 999_999_999).unwrap();
        assert_eq!(Instant::from_timestamp(ts).to_string(), "2026-11-22T20:00:00Z");
        let before = jiff::Timestamp::new(-1, -500_000_000).unwrap();
        assert_eq!(Instant::from_timestamp(before).to_string(), "1969-12-31T23:59:58Z");
    }

    #[test]
    fn parses_only_the_stored_form() {
        let i = Instant::parse("2026-11-01T09:00:00Z").unwrap();
        assert_eq!(i.unix_seconds(), 1_793_523_600);
        assert_eq!(i.to_string(), "2026-11-01T09:00:00Z");
        for bad in [
            "2026-11-01T09:00:00+00:00",
            "2026-11-01T10:00:00+01:00",
            "2026-11-01T09:00:00.5Z",
            "2026-11-01T09:00:00.000Z",
            "2026-11-01t09:00:00z",
            "2026-11-01 09:00:00Z",
            "2026-11-01T09:00Z",
            "2026-11-01",
            "2026-02-30T09:00:00Z",
            "2026-11-01T24:00:00Z",
            "",
        ] {
            assert_eq!(Instant::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn serialises_as_the_stored_string_and_back() {
        let i = Instant::parse("2026-11-01T09:00:00Z").unwrap();
        assert_eq!(serde_json::to_string(&i).unwrap(), "\"2026-11-01T09:00:00Z\"");
        let back: Instant = serde_json::from_str("\"2026-11-01T09:00:00Z\"").unwrap();
        assert_eq!(back, i);
        let err = serde_json::from_str::<Instant>("\"2026-11-01T09:00:00+01:00\"").unwrap_err();
        assert!(err.to_string().contains("YYYY-MM-DDTHH:MM:SSZ"), "{err}");
    }

    #[test]
    fn its_date_is_the_utc_date() {
        let i = Instant::parse("2026-11-01T23:59:59Z").unwrap();
        assert_eq!(i.date(), Date::new(2026, 11, 1).unwrap());
        assert_eq!(
            Instant::from_unix_seconds(-1).unwrap().date(),
            Date::new(1969, 12, 31).unwrap()
        );
    }
}
