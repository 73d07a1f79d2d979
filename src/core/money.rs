//! Money as whole cents, so sums and splits are exact.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Sub};

mod parse;
pub use parse::{AmountError, Notation, Reading, describe_error, parse_amount, read_in};

/// The largest amount anyone may state: EUR 1,000,000,000,000 (far above any RESV budget,
/// far below where cent arithmetic could overflow). Plans, registries, decisions, NZa
/// exports and command-line amounts share it.
pub const MAX_AMOUNT: Cents = Cents(100_000_000_000_000);

/// An amount of euros held as integer cents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Cents(pub i64);

impl Cents {
    pub const ZERO: Cents = Cents(0);

    pub fn from_euros(euros: i64) -> Cents {
        Cents(euros.saturating_mul(100))
    }

    /// Parses a TOML number's lexeme such as `12500`, `12500.5` or `-3.25` (the file
    /// reader's decimals). At most two decimals; returns `None` for anything else. Text
    /// people type or paste goes through [`parse_amount`] instead.
    pub fn parse_decimal(text: &str) -> Option<Cents> {
        let text = text.trim().replace('_', "");
        let (neg, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(&text)),
        };
        let (whole, frac) = match digits.split_once('.') {
            Some((w, f)) => (w, f),
            None => (digits, ""),
        };
        if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if frac.len() > 2 || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let whole: i64 = whole.parse().ok()?;
        let frac_cents: i64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<i64>().ok()? * 10,
            _ => frac.parse().ok()?,
        };
        let cents = whole.checked_mul(100)?.checked_add(frac_cents)?;
        Some(Cents(if neg { -cents } else { cents }))
    }

    /// Rounded to whole euros (half away from zero).
    pub fn euros_rounded(self) -> i64 {
        let c = self.0;
        if c >= 0 { (c + 50) / 100 } else { (c - 50) / 100 }
    }

    pub fn as_f64_euros(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// Whole euros with a thousands separator, e.g. `1.234.567` (`sep = '.'`).
    pub fn fmt_euros(self, sep: char) -> String {
        group_thousands(self.euros_rounded(), sep)
    }

    /// Euros with cents for machines: `-1234.50`, no grouping.
    pub fn fmt_plain(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }

    /// Euros with cents, e.g. `1.234,50` (`sep='.'`, `dec=','`).
    pub fn fmt_exact(self, sep: char, dec: char) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!(
            "{sign}{}{dec}{:02}",
            group_thousands((abs / 100) as i64, sep),
            abs % 100
        )
    }
}

/// Formats an integer with a thousands separator.
pub fn group_thousands(value: i64, sep: char) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if value < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

impl fmt::Display for Cents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EUR {}", self.fmt_exact(',', '.'))
    }
}

impl Add for Cents {
    type Output = Cents;
    fn add(self, rhs: Cents) -> Cents {
        Cents(self.0.saturating_add(rhs.0))
    }
}

impl AddAssign for Cents {
    fn add_assign(&mut self, rhs: Cents) {
        self.0 = self.0.saturating_add(rhs.0);
    }
}

impl Sub for Cents {
    type Output = Cents;
    fn sub(self, rhs: Cents) -> Cents {
        Cents(self.0.saturating_sub(rhs.0))
    }
}

impl Sum for Cents {
    fn sum<I: Iterator<Item = Cents>>(iter: I) -> Cents {
        iter.fold(Cents::ZERO, |a, b| a + b)
    }
}

#[cfg(test)]
mod tests;
