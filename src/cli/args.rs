//! Parsing the command line, with the parser's own errors in the user's language: a missing
//! option, an unknown argument or subcommand, a value that is not one of the choices. The
//! language has to be known before the arguments are parsed, so `--lang` and `RESV_LANG` are
//! read from the raw arguments first (`--lang` wins, the default is Dutch). English keeps
//! clap's own words; help and version output are clap's in both languages. Exit code 2.

use super::Cli;
use crate::text::{Lang, args as words};
use clap::Parser;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use std::ffi::OsString;

/// The parsed command line; on a parse error the message in the user's language and exit 2.
pub fn parse() -> Cli {
    match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let lang = lang_before_parse(std::env::args_os().skip(1), std::env::var_os("RESV_LANG"));
            match message(&e, lang) {
                Some(text) => {
                    eprint!("{}", crate::core::sanitize::clean_lines(&text).join("\n"));
                    eprintln!();
                    std::process::exit(2)
                }
                None => e.exit(),
            }
        }
    }
}

/// The language the user asked for, read from the raw arguments (`--lang en`, `--lang=en`;
/// the last one counts; nothing after `--`) and else `RESV_LANG`; Dutch by default and for a
/// value that is no language.
pub fn lang_before_parse(args: impl IntoIterator<Item = OsString>, env: Option<OsString>) -> Lang {
    let mut found: Option<OsString> = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let Some(text) = arg.to_str() else { continue };
        if text == "--" {
            break;
        }
        if text == "--lang" {
            found = args.next();
        } else if let Some(value) = text.strip_prefix("--lang=") {
            found = Some(value.into());
        }
    }
    match found.or(env).as_ref().and_then(|v| v.to_str()) {
        Some("en") => Lang::En,
        _ => Lang::Nl,
    }
}

/// The error as the user reads it, or `None` where clap's own output stands (help, version,
/// and every error in English).
pub fn message(e: &clap::Error, lang: Lang) -> Option<String> {
    if lang == Lang::En || !e.use_stderr() {
        return None;
    }
    let head = headline(e, lang)?;
    let mut text = format!("{}: {head}", words::ERROR.get(lang));
    let tips = tips(e, lang);
    if !tips.is_empty() {
        text.push('\n');
        for tip in tips {
            text.push_str(&format!("\n  {}: {tip}", words::TIP.get(lang)));
        }
    }
    if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage
            .strip_prefix("Usage:")
            .map_or(usage.clone(), |rest| format!("{}{rest}", words::USAGE.get(lang)));
        text.push_str(&format!("\n\n{usage}"));
    }
    text.push_str(&format!("\n\n{}", words::MORE.get(lang)));
    Some(text)
}

fn string(e: &clap::Error, kind: ContextKind) -> Option<&str> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s),
        _ => None,
    }
}

fn strings(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn number(e: &clap::Error, kind: ContextKind) -> String {
    match e.get(kind) {
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => "?".to_string(),
    }
}

/// The first line(s): what is wrong, with the argument's name and the value as typed.
/// `None` for a kind this does not word (clap's own message stands).
fn headline(e: &clap::Error, lang: Lang) -> Option<String> {
    let arg = string(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = string(e, ContextKind::InvalidValue).unwrap_or_default();
    let fill = |t: crate::text::T| t.get(lang).replace("{arg}", arg).replace("{value}", value);
    let list = |name: crate::text::T, kind: ContextKind| {
        let values = strings(e, kind);
        if values.is_empty() {
            String::new()
        } else {
            format!("\n  [{}: {}]", name.get(lang), values.join(", "))
        }
    };
    Some(match e.kind() {
        ErrorKind::MissingRequiredArgument => {
            let missing = strings(e, ContextKind::InvalidArg);
            let lines: String = missing.iter().map(|a| format!("\n  {a}")).collect();
            format!("{}{lines}", words::MISSING_REQUIRED.get(lang))
        }
        ErrorKind::UnknownArgument => fill(words::UNKNOWN_ARGUMENT),
        ErrorKind::InvalidSubcommand => {
            let sub = string(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            words::UNKNOWN_SUBCOMMAND.get(lang).replace("{sub}", sub)
        }
        ErrorKind::InvalidValue if value.is_empty() => {
            fill(words::VALUE_MISSING) + &list(words::POSSIBLE_VALUES, ContextKind::ValidValue)
        }
        ErrorKind::InvalidValue => fill(words::VALUE_INVALID) + &list(words::POSSIBLE_VALUES, ContextKind::ValidValue),
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(e).map(|s| reason(s, lang));
            let head = fill(words::VALUE_INVALID);
            reason.map_or(head.clone(), |r| format!("{head}: {r}"))
        }
        ErrorKind::MissingSubcommand => {
            let sub = string(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            words::NEEDS_SUBCOMMAND.get(lang).replace("{sub}", sub)
                + &list(words::SUBCOMMANDS, ContextKind::ValidSubcommand)
        }
        ErrorKind::ArgumentConflict => conflict(e, lang),
        ErrorKind::TooManyValues => fill(words::TOO_MANY_VALUES),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            let expected = match e.get(ContextKind::MinValues) {
                Some(_) => number(e, ContextKind::MinValues),
                None => number(e, ContextKind::ExpectedNumValues),
            };
            fill(words::WRONG_NUMBER)
                .replace("{expected}", &expected)
                .replace("{actual}", &number(e, ContextKind::ActualNumValues))
        }
        ErrorKind::NoEquals => fill(words::NO_EQUALS),
        ErrorKind::InvalidUtf8 => words::NOT_UTF8.get(lang).to_string(),
        _ => return None,
    })
}

/// Why a value parser refused a value: in both languages where it says so.
fn reason(source: &(dyn std::error::Error + 'static), lang: Lang) -> String {
    let en = lang == Lang::En;
    if let Some(t) = source.downcast_ref::<crate::core::bilingual::Text>() {
        return t.get(en).to_string();
    }
    if let Some(a) = source.downcast_ref::<crate::core::money::AmountError>() {
        return a.text().get(en).to_string();
    }
    source.to_string()
}

/// Two arguments that cannot go together, or one given twice.
fn conflict(e: &clap::Error, lang: Lang) -> String {
    let arg = string(e, ContextKind::InvalidArg)
        .or_else(|| string(e, ContextKind::InvalidSubcommand))
        .unwrap_or_default();
    let prior = e.get(ContextKind::PriorArg);
    if let Some(ContextValue::String(p)) = prior
        && p == arg
    {
        return words::USED_TWICE.get(lang).replace("{arg}", arg);
    }
    let head = words::CONFLICT.get(lang).replace("{arg}", arg);
    match prior {
        Some(ContextValue::String(p)) => format!("{head} '{p}'"),
        Some(ContextValue::Strings(ps)) => {
            let lines: String = ps.iter().map(|p| format!("\n  {p}")).collect();
            format!("{head}:{lines}")
        }
        _ => format!("{head} {}", words::CONFLICT_OTHERS.get(lang)),
    }
}

/// The parser's suggestions: a similar subcommand, argument or value; how to pass a value
/// that looks like an option.
fn tips(e: &clap::Error, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let similar = [
        (ContextKind::SuggestedSubcommand, words::SIMILAR_SUBCOMMAND),
        (ContextKind::SuggestedArg, words::SIMILAR_ARGUMENT),
        (ContextKind::SuggestedValue, words::SIMILAR_VALUE),
    ];
    for (kind, t) in similar {
        let names = strings(e, kind);
        if !names.is_empty() {
            let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
            out.push(format!("{} {}", t.get(lang), quoted.join(", ")));
        }
    }
    if let Some(ContextValue::StyledStrs(hints)) = e.get(ContextKind::Suggested) {
        for hint in hints {
            out.push(as_value_hint(&hint.to_string(), lang));
        }
    }
    out
}

/// clap's "to pass '-x' as a value, use '-- -x'" in the user's language; any other hint as
/// clap words it.
fn as_value_hint(hint: &str, lang: Lang) -> String {
    let arg = hint
        .strip_prefix("to pass '")
        .and_then(|rest| rest.split_once("' as a value, use '"))
        .map(|(arg, _)| arg);
    match arg {
        Some(arg) => words::AS_VALUE.get(lang).replace("{arg}", arg),
        None => hint.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_language_is_read_before_parsing() {
        assert_eq!(lang_before_parse(args(&["queue"]), None), Lang::Nl);
        assert_eq!(lang_before_parse(args(&["--lang", "en", "--bogus"]), None), Lang::En);
        assert_eq!(lang_before_parse(args(&["queue", "--lang=en"]), None), Lang::En);
        assert_eq!(lang_before_parse(args(&["queue"]), Some("en".into())), Lang::En);
        // The flag wins over the environment; nothing after `--` counts; no language is Dutch.
        assert_eq!(lang_before_parse(args(&["--lang", "nl"]), Some("en".into())), Lang::Nl);
        assert_eq!(lang_before_parse(args(&["--", "--lang", "en"]), None), Lang::Nl);
        assert_eq!(lang_before_parse(args(&["--lang", "fr"]), None), Lang::Nl);
        assert_eq!(lang_before_parse(args(&["--lang"]), None), Lang::Nl);
    }

    #[test]
    fn every_error_kind_the_parser_gives_is_worded_in_dutch() {
        let cases: [(&[&str], &str); 5] = [
            (
                &["resv", "decide", "X"],
                "deze verplichte argumenten ontbreken:\n  --outcome",
            ),
            (&["resv", "--bogus"], "onbekend argument '--bogus'"),
            (&["resv", "bogus"], "onbekend subcommando 'bogus'"),
            (&["resv", "queue", "--state"], "'--state <STATE>' vraagt een waarde"),
            (
                &["resv", "decide", "X", "--outcome", "nee", "--reason", "r"],
                "ongeldige waarde 'nee' voor '--outcome <OUTCOME>'",
            ),
        ];
        for (argv, expected) in cases {
            let e = Cli::try_parse_from(argv).unwrap_err();
            let text = message(&e, Lang::Nl).unwrap();
            assert!(text.starts_with("fout: "), "{text}");
            assert!(text.contains(expected), "{argv:?}: {text}");
            assert!(text.ends_with("Meer informatie: probeer '--help'."), "{text}");
            assert!(message(&e, Lang::En).is_none());
        }
        let help = Cli::try_parse_from(["resv", "--help"]).unwrap_err();
        assert!(message(&help, Lang::Nl).is_none());
    }
}
