//! A reader over a spanned TOML tree that collects every problem instead of stopping at
//! the first one.
//!
//! serde's derive stops at the first error and cannot tell a user about the second typo in
//! the same file. The reader walks `toml`'s spanned document, converts values one field at a
//! time and records a [`Diagnostic`] (line, column, field path, found vs expected) for each
//! problem. Every table remembers which keys were asked for, so [`Reader::finish`] can report
//! unknown keys with a "did you mean" hint. The plan parser uses it (and config files will).

use super::diag::{Diagnostic, LineIndex};
use super::money::Cents;
use super::plan::Date;
use super::sanitize::clean;
use std::collections::HashMap;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

mod keys;
pub use keys::MAX_KEY_PARTS;
use keys::deepest_dotted_key;

pub type Value<'i> = Spanned<DeValue<'i>>;

const DATE: &str = "a date such as 2027-01-01 (without quotes)";
const MONEY: &str = "a non-negative amount in euros (at most 2 decimals)";

pub use super::money::MAX_AMOUNT;

/// One TOML table being read: its entries, its path and which keys were asked for.
pub struct Table<'a, 'i> {
    entries: Vec<(&'a str, &'a Value<'i>, Range<usize>)>,
    pub path: String,
    span: Range<usize>,
    asked: Vec<&'static str>,
    /// Set when a reader took every entry (a map with free keys): no key is unknown.
    all_asked: bool,
}

impl<'a, 'i> Table<'a, 'i> {
    /// Child path for a key of this table.
    pub fn child(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// Where the table is in the text.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    fn lookup(&mut self, key: &'static str) -> Option<&'a Value<'i>> {
        self.asked.push(key);
        self.entries.iter().find(|(k, _, _)| *k == key).map(|(_, v, _)| *v)
    }
}

/// Collects diagnostics and the location of every value read, by field path.
pub struct Reader<'s> {
    text: &'s str,
    lines: LineIndex,
    pub diags: Vec<Diagnostic>,
    /// Line and column of each field read, so later checks can point at it.
    pub locations: HashMap<String, (u32, u32)>,
}

fn describe(v: &DeValue<'_>) -> String {
    match v {
        DeValue::String(s) => {
            let shown: String = s.chars().take(40).collect();
            let more = if s.chars().count() > 40 { "..." } else { "" };
            format!("text \"{}{more}\"", clean(&shown))
        }
        DeValue::Integer(i) => format!("integer {i}"),
        DeValue::Float(f) => format!("number {}", f.as_str()),
        DeValue::Boolean(b) => format!("boolean {b}"),
        DeValue::Datetime(d) => format!("date-time {d}"),
        DeValue::Array(_) => "an array".to_string(),
        DeValue::Table(_) => "a table".to_string(),
    }
}

/// An integer or a decimal with at most two decimals, in hundredths (euros to cents).
/// Amounts are plain decimals: a sign (`-0.0`, `+5`), hexadecimal, octal or binary
/// (`0x10`), an exponent, `nan` and `inf` are refused.
fn decimal_hundredths(v: &DeValue<'_>) -> Option<i64> {
    match v {
        DeValue::Integer(i) if i.as_str().starts_with(['-', '+']) => None,
        DeValue::Integer(_) => int_of(v).map(|i| Cents::from_euros(i).0),
        DeValue::Float(f) if f.as_str().starts_with(['-', '+']) => None,
        DeValue::Float(f) => Cents::parse_decimal(f.as_str()).map(|c| c.0),
        _ => None,
    }
}

/// What TOML allows but a file should write otherwise: a number in another base, or with a
/// sign where none is expected.
fn how_to_write(v: &DeValue<'_>) -> String {
    match v {
        DeValue::Integer(i) if i.radix() != 10 => match i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()) {
            Ok(n) => format!(", written in decimal ({n}, not {i})"),
            Err(_) => ", written in decimal".to_string(),
        },
        DeValue::Integer(i) if signed_needlessly(i.as_str()) => ", without a sign".to_string(),
        DeValue::Float(f) if signed_needlessly(f.as_str()) => ", without a sign".to_string(),
        _ => String::new(),
    }
}

/// `+5`, `-0` or `-0.0`: a sign that changes nothing (a negative amount says enough).
fn signed_needlessly(raw: &str) -> bool {
    raw.starts_with('+') || (raw.starts_with('-') && raw.bytes().all(|b| matches!(b, b'-' | b'0' | b'.' | b'_')))
}

/// A decimal integer. `0x10`, `0o20` and `0b10000` are valid TOML, but nobody writes a
/// year, a count or an amount that way: such a value is refused rather than read as 16.
fn int_of(v: &DeValue<'_>) -> Option<i64> {
    let i = v.as_integer()?;
    if i.radix() != 10 {
        return None;
    }
    i.as_str().replace('_', "").parse().ok()
}

impl<'s> Reader<'s> {
    pub fn new(text: &'s str) -> Reader<'s> {
        Reader {
            text,
            lines: LineIndex::new(text),
            diags: Vec::new(),
            locations: HashMap::new(),
        }
    }

    pub fn locate(&self, offset: usize) -> (u32, u32) {
        self.lines.locate(self.text, offset)
    }

    /// Records a problem at a span (or at no particular place).
    pub fn error(&mut self, span: Option<Range<usize>>, path: &str, message: impl Into<String>) {
        let at = span.map(|s| self.locate(s.start));
        self.push(at, path, message.into());
    }

    /// Records a problem at the location of a field that was read earlier.
    pub fn error_at_field(&mut self, path: &str, message: impl Into<String>) {
        let at = self.locations.get(path).copied();
        self.push(at, path, message.into());
    }

    fn push(&mut self, at: Option<(u32, u32)>, path: &str, message: String) {
        let (line, column) = (at.map(|a| a.0), at.map(|a| a.1));
        self.diags.push(Diagnostic {
            line,
            column,
            path: path.to_string(),
            message,
        });
    }

    /// Parses the document; syntax errors are returned as diagnostics.
    pub fn parse_document(&mut self) -> Option<Spanned<DeTable<'s>>> {
        let (doc, errors) = DeTable::parse_recoverable(self.text);
        if errors.is_empty() {
            return Some(doc);
        }
        for e in errors {
            // toml reports a dotted key of too many parts as "recursion limit" without a
            // place: find the key and say what is wrong with it.
            if e.span().is_none()
                && e.message().contains("recursion limit")
                && let Some((start, parts)) = deepest_dotted_key(self.text)
            {
                let msg = format!(
                    "TOML syntax error: a dotted key of {parts} parts; expected at most {MAX_KEY_PARTS} parts (such as a.b.c)"
                );
                self.error(Some(start..start), "", msg);
                continue;
            }
            let msg = format!("TOML syntax error: {}", e.message().trim());
            self.error(e.span(), "", msg);
        }
        None
    }

    /// Reads the file's `format` key, which must be `version`; `what` names the file kind.
    pub fn format_version(&mut self, root: &mut Table<'_, '_>, version: i64, what: &str) {
        let expected = format!("format = {version} (the {what} format version)");
        self.int(root, "format", version..version + 1, &expected);
    }

    /// `Ok` when nothing was reported, else every diagnostic in file order.
    pub fn into_result(mut self) -> Result<(), Vec<Diagnostic>> {
        if self.diags.is_empty() {
            return Ok(());
        }
        self.diags
            .sort_by_key(|d| (d.line.unwrap_or(u32::MAX), d.column.unwrap_or(0)));
        Err(self.diags)
    }

    pub fn root<'a>(&mut self, doc: &'a Spanned<DeTable<'s>>) -> Table<'a, 's> {
        Self::make_table(doc.get_ref(), String::new(), doc.span())
    }

    fn make_table<'a, 'i>(t: &'a DeTable<'i>, path: String, span: Range<usize>) -> Table<'a, 'i> {
        let entries = t.iter().map(|(k, v)| (k.get_ref().as_ref(), v, k.span())).collect();
        Table {
            entries,
            path,
            span,
            asked: Vec::new(),
            all_asked: false,
        }
    }

    fn note(&mut self, path: &str, v: &Value<'_>) {
        let loc = self.locate(v.span().start);
        self.locations.insert(path.to_string(), loc);
    }

    fn missing(&mut self, t: &Table<'_, '_>, key: &str, expected: &str) {
        let path = t.child(key);
        self.error(Some(t.span.clone()), &path, format!("missing; expected {expected}"));
    }

    fn wrong(&mut self, path: &str, v: &Value<'_>, expected: &str) {
        let msg = format!(
            "found {}, expected {expected}{}",
            describe(v.get_ref()),
            how_to_write(v.get_ref())
        );
        self.error(Some(v.span()), path, msg);
    }

    /// A value that must be there.
    fn required<'a, 'i>(&mut self, t: &mut Table<'a, 'i>, key: &'static str, expected: &str) -> Option<&'a Value<'i>> {
        let v = t.lookup(key);
        match v {
            Some(v) => {
                self.note(&t.child(key), v);
                Some(v)
            }
            None => {
                self.missing(t, key, expected);
                None
            }
        }
    }

    fn optional<'a, 'i>(&mut self, t: &mut Table<'a, 'i>, key: &'static str) -> Option<&'a Value<'i>> {
        let v = t.lookup(key)?;
        self.note(&t.child(key), v);
        Some(v)
    }

    fn string_of(&mut self, path: &str, v: &Value<'_>, expected: &str) -> Option<String> {
        match v.get_ref().as_str() {
            Some(s) if !s.trim().is_empty() => Some(s.to_string()),
            _ => {
                self.wrong(path, v, expected);
                None
            }
        }
    }

    /// Required non-empty text.
    pub fn text(&mut self, t: &mut Table<'_, '_>, key: &'static str) -> String {
        self.text_opt_inner(t, key, true).unwrap_or_default()
    }

    /// Optional non-empty text.
    pub fn text_opt(&mut self, t: &mut Table<'_, '_>, key: &'static str) -> Option<String> {
        self.text_opt_inner(t, key, false)
    }

    fn text_opt_inner(&mut self, t: &mut Table<'_, '_>, key: &'static str, req: bool) -> Option<String> {
        let expected = "a non-empty text in quotes";
        let v = if req {
            self.required(t, key, expected)?
        } else {
            self.optional(t, key)?
        };
        self.string_of(&t.child(key), v, expected)
    }

    /// Optional text of exactly `digits` ASCII digits (AGB and KvK numbers).
    pub fn digits_opt(
        &mut self,
        t: &mut Table<'_, '_>,
        key: &'static str,
        digits: usize,
        what: &str,
    ) -> Option<String> {
        let v = self.optional(t, key)?;
        let path = t.child(key);
        let expected = format!(
            "{what}: {digits} digits in quotes, e.g. \"{}\"",
            "12345678".get(..digits).unwrap_or("12345678")
        );
        match v.get_ref().as_str() {
            Some(s) if s.len() == digits && s.bytes().all(|b| b.is_ascii_digit()) => Some(s.to_string()),
            _ => {
                self.wrong(&path, v, &expected);
                None
            }
        }
    }

    /// Required integer within `range` (half-open: `1..6` is 1 to 5); `what` describes it.
    pub fn int(&mut self, t: &mut Table<'_, '_>, key: &'static str, range: Range<i64>, what: &str) -> Option<i64> {
        let v = self.required(t, key, what)?;
        self.int_value(&t.child(key), v, range, what)
    }

    pub fn int_value(&mut self, path: &str, v: &Value<'_>, range: Range<i64>, what: &str) -> Option<i64> {
        match int_of(v.get_ref()) {
            Some(i) if range.contains(&i) => Some(i),
            _ => {
                self.wrong(path, v, what);
                None
            }
        }
    }

    /// Required non-negative euro amount: an integer or a number with at most two decimals.
    pub fn money(&mut self, t: &mut Table<'_, '_>, key: &'static str) -> Option<Cents> {
        let v = self.required(t, key, MONEY)?;
        self.money_value(&t.child(key), v)
    }

    /// Optional non-negative euro amount, as [`Reader::money`].
    pub fn money_opt(&mut self, t: &mut Table<'_, '_>, key: &'static str) -> Option<Cents> {
        let v = self.optional(t, key)?;
        self.money_value(&t.child(key), v)
    }

    fn money_value(&mut self, path: &str, v: &Value<'_>) -> Option<Cents> {
        let (what, path) = (MONEY, path.to_string());
        match decimal_hundredths(v.get_ref()).map(Cents) {
            Some(c) if c > MAX_AMOUNT => {
                let msg = format!("found {}, expected at most {MAX_AMOUNT}", describe(v.get_ref()));
                self.error(Some(v.span()), &path, msg);
                None
            }
            Some(c) if c.0 >= 0 => Some(c),
            _ => {
                self.wrong(&path, v, what);
                None
            }
        }
    }

    /// Required non-negative decimal with at most two decimals, in hundredths.
    pub fn hundredths(&mut self, t: &mut Table<'_, '_>, key: &'static str, what: &str) -> Option<u32> {
        let v = self.required(t, key, what)?;
        self.hundredths_value(&t.child(key), v, what)
    }

    /// Optional non-negative decimal with at most two decimals, in hundredths.
    pub fn hundredths_opt(&mut self, t: &mut Table<'_, '_>, key: &'static str, what: &str) -> Option<u32> {
        let v = self.optional(t, key)?;
        self.hundredths_value(&t.child(key), v, what)
    }

    pub fn boolean(&mut self, t: &mut Table<'_, '_>, key: &'static str) -> Option<bool> {
        let what = "true or false";
        let v = self.required(t, key, what)?;
        match v.get_ref().as_bool() {
            Some(b) => Some(b),
            None => {
                self.wrong(&t.child(key), v, what);
                None
            }
        }
    }

    pub fn boolean_or(&mut self, t: &mut Table<'_, '_>, key: &'static str, default: bool) -> bool {
        match self.optional(t, key) {
            None => default,
            Some(v) => v.get_ref().as_bool().unwrap_or_else(|| {
                self.wrong(&t.child(key), v, "true or false");
                default
            }),
        }
    }

    /// Required calendar date written as a TOML date (`2027-01-01`, no quotes).
    pub fn date(&mut self, t: &mut Table<'_, '_>, key: &'static str) -> Option<Date> {
        let v = self.required(t, key, DATE)?;
        self.date_value(&t.child(key), v)
    }

    pub fn date_opt(&mut self, t: &mut Table<'_, '_>, key: &'static str) -> Option<Date> {
        let v = self.optional(t, key)?;
        self.date_value(&t.child(key), v)
    }

    fn date_value(&mut self, path: &str, v: &Value<'_>) -> Option<Date> {
        let parsed = match v.get_ref() {
            DeValue::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
                dt.date.and_then(|d| Date::new(d.year, d.month, d.day))
            }
            _ => None,
        };
        if parsed.is_none() {
            self.wrong(path, v, DATE);
        }
        parsed
    }

    /// Required keyword from a closed set, e.g. a scenario or a discipline.
    pub fn keyword<K>(
        &mut self,
        t: &mut Table<'_, '_>,
        key: &'static str,
        parse: fn(&str) -> Option<K>,
        all: &str,
    ) -> Option<K> {
        let what = format!("one of: {all}");
        let v = self.required(t, key, &what)?;
        self.keyword_value(&t.child(key), v, parse, all)
    }

    pub fn keyword_opt<K>(
        &mut self,
        t: &mut Table<'_, '_>,
        key: &'static str,
        parse: fn(&str) -> Option<K>,
        all: &str,
    ) -> Option<K> {
        let v = self.optional(t, key)?;
        self.keyword_value(&t.child(key), v, parse, all)
    }

    pub fn keyword_value<K>(
        &mut self,
        path: &str,
        v: &Value<'_>,
        parse: fn(&str) -> Option<K>,
        all: &str,
    ) -> Option<K> {
        let parsed = v.get_ref().as_str().and_then(parse);
        if parsed.is_none() {
            let hint = v
                .get_ref()
                .as_str()
                .and_then(|s| suggest(s, all.split(", ")))
                .map(|s| format!(" (did you mean \"{s}\"?)"))
                .unwrap_or_default();
            self.wrong(path, v, &format!("one of: {all}{hint}"));
        }
        parsed
    }

    /// A sub-table; `None` (with a diagnostic when required) when absent or not a table.
    pub fn table<'a, 'i>(&mut self, t: &mut Table<'a, 'i>, key: &'static str, required: bool) -> Option<Table<'a, 'i>> {
        let v = if required {
            self.required(t, key, "a table")?
        } else {
            self.optional(t, key)?
        };
        self.table_value(t.child(key), v)
    }

    pub fn table_value<'a, 'i>(&mut self, path: String, v: &'a Value<'i>) -> Option<Table<'a, 'i>> {
        match v.get_ref().as_table() {
            Some(tab) => Some(Self::make_table(tab, path, v.span())),
            None => {
                self.wrong(&path, v, "a table");
                None
            }
        }
    }

    /// The elements of an array with their paths (`key[0]`, `key[1]`, ...).
    pub fn array<'a, 'i>(
        &mut self,
        t: &mut Table<'a, 'i>,
        key: &'static str,
        required: bool,
        what: &str,
    ) -> Vec<(String, &'a Value<'i>)> {
        let v = if required {
            self.required(t, key, what)
        } else {
            self.optional(t, key)
        };
        let Some(v) = v else { return Vec::new() };
        let path = t.child(key);
        match v.get_ref().as_array() {
            Some(items) if required && items.is_empty() => {
                self.error(
                    Some(v.span()),
                    &path,
                    format!("found an empty array, expected {what} (at least one)"),
                );
                Vec::new()
            }
            Some(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let p = format!("{path}[{i}]");
                    self.note(&p, item);
                    (p, item)
                })
                .collect(),
            None => {
                self.wrong(&path, v, what);
                Vec::new()
            }
        }
    }

    /// Every entry of a table whose keys are data (e.g. weights by criterion id), as
    /// (key, path, value). The caller checks the keys.
    pub fn entries<'a, 'i>(&mut self, t: &mut Table<'a, 'i>) -> Vec<(String, String, &'a Value<'i>)> {
        t.all_asked = true;
        let entries: Vec<_> = t.entries.iter().map(|(k, v, _)| (k.to_string(), *v)).collect();
        entries
            .into_iter()
            .map(|(k, v)| {
                let path = t.child(&clean(&k));
                self.note(&path, v);
                (k, path, v)
            })
            .collect()
    }

    /// An optional integer within `range`.
    pub fn int_opt(&mut self, t: &mut Table<'_, '_>, key: &'static str, range: Range<i64>, what: &str) -> Option<i64> {
        let v = self.optional(t, key)?;
        self.int_value(&t.child(key), v, range, what)
    }

    /// A non-negative decimal value (at most two decimals) in hundredths, e.g. a percentage.
    pub fn hundredths_value(&mut self, path: &str, v: &Value<'_>, what: &str) -> Option<u32> {
        match decimal_hundredths(v.get_ref()).and_then(|h| u32::try_from(h).ok()) {
            Some(h) => Some(h),
            None => {
                self.wrong(path, v, what);
                None
            }
        }
    }

    /// Reports every key of the table that no reader asked for.
    pub fn finish(&mut self, t: Table<'_, '_>) {
        if t.all_asked {
            return;
        }
        let mut expected: Vec<&str> = t.asked.clone();
        expected.sort_unstable();
        expected.dedup();
        for (key, _, span) in &t.entries {
            if t.asked.contains(key) {
                continue;
            }
            let hint = did_you_mean(key, expected.iter().copied());
            let msg = format!(
                "unknown key `{}`; {hint}expected one of: {}",
                clean(key),
                expected.join(", ")
            );
            self.error(Some(span.clone()), &t.child(&clean(key)), msg);
        }
    }
}

/// "did you mean `x`? " for the closest candidate, or nothing.
pub fn did_you_mean<'c>(word: &str, candidates: impl Iterator<Item = &'c str>) -> String {
    suggest(word, candidates)
        .map(|s| format!("did you mean `{s}`? "))
        .unwrap_or_default()
}

/// The closest candidate to a misspelt word, if one is close enough.
pub fn suggest<'c>(word: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    let lower = word.to_lowercase();
    candidates
        .map(|c| (strsim::jaro_winkler(&lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests;
