//! The one parser for amounts people type or paste: the CLI's `--amount`, `--envelope`
//! and sampling amounts, the decision form and the funding registry's spreadsheet cells.
//!
//! Two notations are read:
//! - Dutch: `.` groups thousands, `,` before the cents: `1.234.567,89`, `1234567,89`,
//!   `€ 1.234.567`;
//! - plain (and English): `.` before the cents, `,` groups thousands: `1234567.89`,
//!   `1234567`, `1,234,567.89`.
//!
//! A space, a no-break space (U+00A0) or a narrow no-break space (U+202F) may group
//! thousands in either notation (`1 234 567,89`). Groups have exactly three digits after a
//! first group of one to three (not starting with 0), and one number uses one kind of
//! group separator. `€` or `EUR` may stand before or after the number. The text is read
//! in both notations; when both readings are valid and differ (`1.500` is 1500 euros in
//! Dutch and 1.5 in plain notation; `1,500` the other way round) the amount is refused and
//! the message names both readings. `1,5` and `1,50` are Dutch (1.50 euros: a comma
//! followed by one or two digits cannot group thousands), `1.5` and `1.50` plain. More than
//! two decimals, a minus sign and amounts above [`MAX_AMOUNT`] are refused with the reason.
//! A TOML number in a file is not text and is read by the file reader, not here.

use super::{Cents, MAX_AMOUNT};
use crate::bilingual::{Text, tx};
use crate::sanitize::clean;
use std::fmt;

/// A notation an amount can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notation {
    /// `.` groups thousands, `,` before the decimals.
    Dutch,
    /// `,` groups thousands (or nothing does), `.` before the decimals.
    Plain,
}

impl Notation {
    fn marks(self) -> (char, char) {
        match self {
            Notation::Dutch => ('.', ','),
            Notation::Plain => (',', '.'),
        }
    }
}

/// The exact decimal a text stands for in one notation (any number of decimals).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading {
    /// Whole euros, digits without leading zeros (empty for zero).
    pub whole: String,
    /// The decimals, without trailing zeros.
    pub frac: String,
    /// The decimals as written (their count decides the two-decimal rule).
    pub written_decimals: usize,
}

impl Reading {
    /// The reading as a plain decimal: `1500`, `1.5`.
    pub fn plain(&self) -> String {
        let whole = if self.whole.is_empty() { "0" } else { &self.whole };
        if self.frac.is_empty() {
            whole.to_string()
        } else {
            format!("{whole}.{}", self.frac)
        }
    }

    /// The reading in cents, or why it cannot be an amount.
    pub fn cents(&self) -> Result<Cents, AmountError> {
        if self.written_decimals > 2 {
            return Err(AmountError::TooManyDecimals {
                decimals: self.written_decimals,
            });
        }
        self.value_cents()
    }

    /// The value in cents whatever the decimals written (`1.500` read as 1.5 is 150).
    fn value_cents(&self) -> Result<Cents, AmountError> {
        if self.frac.len() > 2 {
            return Err(AmountError::TooManyDecimals {
                decimals: self.frac.len(),
            });
        }
        // 1e12 euros has 13 digits; anything longer is too large and must not overflow.
        if self.whole.len() > 13 {
            return Err(AmountError::TooLarge);
        }
        let whole: i64 = if self.whole.is_empty() {
            0
        } else {
            self.whole.parse().map_err(|_| AmountError::TooLarge)?
        };
        let mut frac = self.frac.clone();
        while frac.len() < 2 {
            frac.push('0');
        }
        let cents = whole * 100 + frac.parse::<i64>().unwrap_or(0);
        if cents > MAX_AMOUNT.0 {
            return Err(AmountError::TooLarge);
        }
        Ok(Cents(cents))
    }
}

/// Why a text is not an amount. `Display` words it in English; [`AmountError::text`] gives
/// both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AmountError {
    Empty,
    Negative,
    /// Not digits with `.`, `,` or spaces in a form either notation allows.
    NotANumber,
    /// The two notations read different values.
    Ambiguous {
        dutch: Reading,
        plain: Reading,
    },
    TooManyDecimals {
        decimals: usize,
    },
    TooLarge,
}

/// Spaces that may group thousands.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}')
}

/// Removes surrounding spaces and one currency mark before or after the number.
fn strip_currency(text: &str) -> &str {
    let t = text.trim_matches(|c: char| c.is_whitespace() || is_space(c));
    let t = t.strip_prefix('€').or_else(|| strip_prefix_ci(t, "EUR")).unwrap_or(t);
    let t = t.trim_start_matches(|c: char| c.is_whitespace() || is_space(c));
    let t = t.strip_suffix('€').or_else(|| strip_suffix_ci(t, "EUR")).unwrap_or(t);
    t.trim_end_matches(|c: char| c.is_whitespace() || is_space(c))
}

fn strip_prefix_ci<'a>(t: &'a str, p: &str) -> Option<&'a str> {
    (t.len() >= p.len() && t.is_char_boundary(p.len()) && t[..p.len()].eq_ignore_ascii_case(p)).then(|| &t[p.len()..])
}

fn strip_suffix_ci<'a>(t: &'a str, p: &str) -> Option<&'a str> {
    let at = t.len().checked_sub(p.len())?;
    (t.is_char_boundary(at) && t[at..].eq_ignore_ascii_case(p)).then(|| &t[..at])
}

/// How `text` (already without currency marks) reads in `notation`, if it is valid there.
pub fn read_in(text: &str, notation: Notation) -> Option<Reading> {
    let (group, dec) = notation.marks();
    let (whole, frac) = match text.split_once(dec) {
        Some((w, f)) => (w, Some(f)),
        None => (text, None),
    };
    if let Some(f) = frac
        && (f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    if whole.is_empty() {
        return None;
    }
    let mut seps = whole.chars().filter(|c| !c.is_ascii_digit());
    let digits: String = match seps.next() {
        None => whole.to_string(),
        Some(sep) => {
            if !(sep == group || is_space(sep)) || seps.any(|c| c != sep) {
                return None;
            }
            let groups: Vec<&str> = whole.split(sep).collect();
            let first = groups[0];
            if first.is_empty() || first.len() > 3 || first.starts_with('0') {
                return None;
            }
            if groups[1..].iter().any(|g| g.len() != 3) {
                return None;
            }
            groups.concat()
        }
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let frac = frac.unwrap_or("");
    Some(Reading {
        whole: digits.trim_start_matches('0').to_string(),
        frac: frac.trim_end_matches('0').to_string(),
        written_decimals: frac.len(),
    })
}

/// Parses an amount in euros written in Dutch or plain notation (see the module docs):
/// at least 0, at most [`MAX_AMOUNT`], at most two decimals, and not ambiguous.
pub fn parse_amount(text: &str) -> Result<Cents, AmountError> {
    let t = strip_currency(text);
    if t.is_empty() {
        return Err(AmountError::Empty);
    }
    if t.starts_with(['-', '\u{2212}']) {
        return Err(AmountError::Negative);
    }
    let dutch = read_in(t, Notation::Dutch);
    let plain = read_in(t, Notation::Plain);
    match (dutch, plain) {
        (Some(d), Some(p)) if d.whole != p.whole || d.frac != p.frac => {
            Err(AmountError::Ambiguous { dutch: d, plain: p })
        }
        (Some(r), _) | (None, Some(r)) => r.cents(),
        (None, None) => Err(AmountError::NotANumber),
    }
}

/// How to write a reading so that it cannot be misread: with two decimals when it has
/// cents, else as it reads.
fn unambiguous(r: &Reading, notation: Notation) -> String {
    match r.value_cents() {
        Ok(c) if notation == Notation::Dutch => c.fmt_exact('.', ','),
        Ok(c) => c.fmt_plain(),
        Err(_) => r.plain(),
    }
}

const EXAMPLES_NL: &str = "bijvoorbeeld 1.234.567,89, 1234567,89 of 1234567.89";
const EXAMPLES_EN: &str = "e.g. 1.234.567,89, 1234567,89 or 1234567.89";

impl AmountError {
    /// The reason in Dutch and English, with what is expected.
    pub fn text(&self) -> Text {
        let max = MAX_AMOUNT.fmt_euros('.');
        let max_en = MAX_AMOUNT.fmt_euros(',');
        match self {
            AmountError::Empty => tx!(
                "leeg; verwacht een bedrag in euro's, {EXAMPLES_NL}",
                "empty; expected an amount in euros, {EXAMPLES_EN}"
            ),
            AmountError::Negative => tx!(
                "een negatief bedrag; verwacht een bedrag van ten minste 0",
                "a negative amount; expected an amount of at least 0"
            ),
            AmountError::NotANumber => tx!(
                "geen bedrag; verwacht cijfers in Nederlandse notatie (punt tussen duizendtallen, komma voor de centen) of gewone notatie (punt voor de centen), {EXAMPLES_NL}",
                "not an amount; expected digits in Dutch notation (dot between thousands, comma before the cents) or plain notation (point before the cents), {EXAMPLES_EN}"
            ),
            AmountError::Ambiguous { dutch, plain } => {
                // Each reading shown as the message's language writes money.
                let shown =
                    |r: &Reading, sep, dec| r.value_cents().map_or_else(|_| r.plain(), |c| c.fmt_exact(sep, dec));
                let (d, p) = (shown(dutch, '.', ','), shown(plain, '.', ','));
                let (d_en, p_en) = (shown(dutch, ',', '.'), shown(plain, ',', '.'));
                let (du, pu) = (unambiguous(dutch, Notation::Dutch), unambiguous(plain, Notation::Dutch));
                let (de, pe) = (unambiguous(dutch, Notation::Plain), unambiguous(plain, Notation::Plain));
                tx!(
                    "dubbelzinnig: in Nederlandse notatie € {d}, in gewone notatie € {p}; schrijf {du} of {pu} (of {de} of {pe})",
                    "ambiguous: EUR {d_en} in Dutch notation, EUR {p_en} in plain notation; write {de} or {pe} (or {du} or {pu})"
                )
            }
            AmountError::TooManyDecimals { decimals } => tx!(
                "{decimals} decimalen; verwacht hele centen (ten hoogste 2 decimalen)",
                "{decimals} decimals; expected whole cents (at most 2 decimals)"
            ),
            AmountError::TooLarge => tx!(
                "te groot; verwacht ten hoogste € {max}",
                "too large; expected at most EUR {max_en}"
            ),
        }
    }
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text().en)
    }
}

impl std::error::Error for AmountError {}

/// `"TEXT": reason` for messages that quote what was typed (cleaned, at most 40 characters).
pub fn describe_error(text: &str, e: &AmountError, english: bool) -> String {
    let shown: String = text.chars().take(40).collect();
    let more = if text.chars().count() > 40 { "..." } else { "" };
    format!("\"{}{more}\": {}", clean(&shown), e.text().get(english))
}
