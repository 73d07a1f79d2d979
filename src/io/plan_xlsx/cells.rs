//! One cell as a person typed it, to the TOML value it stands for: Dutch amounts through the
//! one amount parser, dates as date cells or `dd-mm-jjjj`, `ja`/`nee`, lists by commas.

use super::Kind;
use crate::core::money::parse_amount;
use crate::core::plan::Date;
use crate::core::plan_toml::s as toml_string;

/// A cell's value as typed.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum V {
    Text(String),
    Num(f64),
    Bool(bool),
    Date(Date),
}

pub(super) fn value(d: &calamine::DataRef<'_>) -> Option<V> {
    use calamine::DataRef;
    Some(match d {
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => V::Text(s.clone()),
        DataRef::SharedString(s) => V::Text((*s).to_string()),
        DataRef::Int(i) => V::Num(*i as f64),
        DataRef::Float(f) => V::Num(*f),
        DataRef::Bool(b) => V::Bool(*b),
        DataRef::DateTime(dt) => {
            crate::io::registry_files::excel_date(dt.as_f64()).map_or(V::Num(dt.as_f64()), V::Date)
        }
        DataRef::Error(e) => V::Text(format!("#{e:?}")),
        DataRef::Empty => return None,
    })
    .filter(|v| !matches!(v, V::Text(t) if t.trim().is_empty()))
}

/// A cell as text, as a person reads it (numbers without a needless `.0`, dates dd-mm-jjjj).
pub(super) fn show(v: &V) -> String {
    match v {
        V::Text(t) => t.clone(),
        V::Num(n) => number(*n),
        V::Bool(b) => if *b { "ja" } else { "nee" }.to_string(),
        V::Date(d) => format!("{:02}-{:02}-{:04}", d.day, d.month, d.year),
    }
}

/// A number as TOML: an integer when whole, else its shortest decimal form.
fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// The TOML value a cell stands for; text that does not read as the column's kind stays
/// text, so the plan reader says what was found and what was expected.
pub(super) fn literal(kind: Kind, v: &V) -> String {
    let text = show(v);
    let as_text = || toml_string(&text);
    match (kind, v) {
        (Kind::Int(..), V::Num(n)) | (Kind::Amount | Kind::Fte, V::Num(n)) => number(*n),
        (Kind::Int(..), V::Text(t)) => integer(t).unwrap_or_else(as_text),
        (Kind::Amount, V::Text(t)) => match parse_amount(t) {
            Ok(c) => format!("{}.{:02}", c.0 / 100, c.0 % 100),
            Err(_) => as_text(),
        },
        (Kind::Fte, V::Text(t)) => decimal(t).unwrap_or_else(as_text),
        (Kind::Date, V::Date(d)) => d.to_string(),
        (Kind::Date, V::Text(t)) => date(t).map_or_else(as_text, |d| d.to_string()),
        (Kind::Bool, V::Bool(b)) => b.to_string(),
        (Kind::Bool, V::Text(t)) => match t.trim().to_lowercase().as_str() {
            "ja" | "j" | "true" | "waar" => "true".into(),
            "nee" | "n" | "false" | "onwaar" => "false".into(),
            _ => as_text(),
        },
        (Kind::Years, _) => {
            let parts: Vec<String> = split_list(&text)
                .map(|p| integer(p).unwrap_or_else(|| toml_string(p)))
                .collect();
            format!("[{}]", parts.join(", "))
        }
        (Kind::Keywords(_), _) => {
            let parts: Vec<String> = split_list(&text).map(toml_string).collect();
            format!("[{}]", parts.join(", "))
        }
        (Kind::Keyword(_), V::Text(t)) => toml_string(t.trim()),
        _ => as_text(),
    }
}

fn split_list(text: &str) -> impl Iterator<Item = &str> {
    text.split([',', ';', '\n']).map(str::trim).filter(|p| !p.is_empty())
}

/// Digits, optionally grouped by dots (`375.000`), as a TOML integer.
fn integer(t: &str) -> Option<String> {
    let t = t.trim();
    let grouped = t.split('.').skip(1).all(|g| g.len() == 3);
    let digits: String = if grouped { t.replace('.', "") } else { t.to_string() };
    (!digits.is_empty() && digits.len() <= 15 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.trim_start_matches('0').to_string())
        .map(|d| if d.is_empty() { "0".into() } else { d })
}

/// `0,8` or `0.8` as a TOML decimal.
fn decimal(t: &str) -> Option<String> {
    let t = t.trim().replace(',', ".");
    let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
    let ok = !whole.is_empty()
        && whole.len() <= 9
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| {
        let whole = whole.trim_start_matches('0');
        let whole = if whole.is_empty() { "0" } else { whole };
        if frac.is_empty() {
            whole.to_string()
        } else {
            format!("{whole}.{frac}")
        }
    })
}

/// `dd-mm-jjjj` (also `d-m-jjjj`, with `-`, `/` or `.`), or `jjjj-mm-dd`.
fn date(t: &str) -> Option<Date> {
    let t = t.trim();
    if let Some(d) = Date::parse(t) {
        return Some(d);
    }
    let parts: Vec<&str> = t.split(['-', '/', '.']).collect();
    let [d, m, y] = parts.as_slice() else { return None };
    if y.len() != 4 || d.is_empty() || d.len() > 2 || m.is_empty() || m.len() > 2 {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_values_become_toml() {
        assert_eq!(literal(Kind::Amount, &V::Text("€ 1.234.567,89".into())), "1234567.89");
        assert_eq!(literal(Kind::Amount, &V::Num(95000.5)), "95000.5");
        assert_eq!(literal(Kind::Amount, &V::Text("veel".into())), "\"veel\"");
        assert_eq!(literal(Kind::Int(1, 5), &V::Text(" 6 ".into())), "6");
        assert_eq!(literal(Kind::Int(1, 99), &V::Text("375.000".into())), "375000");
        assert_eq!(literal(Kind::Int(1, 5), &V::Num(2.5)), "2.5");
        assert_eq!(literal(Kind::Fte, &V::Text("0,8".into())), "0.8");
        assert_eq!(literal(Kind::Date, &V::Text("15-09-2026".into())), "2026-09-15");
        assert_eq!(literal(Kind::Date, &V::Text("31-02-2027".into())), "\"31-02-2027\"");
        assert_eq!(literal(Kind::Bool, &V::Text("Ja".into())), "true");
        assert_eq!(literal(Kind::Bool, &V::Text("misschien".into())), "\"misschien\"");
        assert_eq!(literal(Kind::Years, &V::Text("2027, 2028".into())), "[2027, 2028]");
        assert_eq!(literal(Kind::Years, &V::Num(2027.0)), "[2027]");
        assert_eq!(literal(Kind::Digits, &V::Num(53012345.0)), "\"53012345\"");
        assert_eq!(literal(Kind::Text, &V::Text("a\"b".into())), "\"a\\\"b\"");
    }
}
