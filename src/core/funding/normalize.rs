//! Normalising organisation names and descriptions before they are compared.
//!
//! Names: lower case, diacritics folded (`Fryslân` = `fryslan`), punctuation to spaces,
//! legal forms dropped (`Stichting`, `B.V.`, `Coöperatie ... U.A.`), common abbreviations
//! mapped to one token (`huisartsengroep` = `hagro`), and an acronym in parentheses kept as an
//! alias of the name (`Huisartsenorganisatie Rijnmond (HOR)` is also `HOR`), a name that is
//! only an acronym marked as such, and a compass point joined to the place it begins
//! (`Oost-Betuwe` is `oostbetuwe`, another place than `West-Betuwe`).
//! Descriptions: the same folding, Dutch stop words dropped, and a light stemmer so that
//! `wijkverbanden` and `wijkverband` meet.

/// Folds one character: lower case without diacritics; anything not a letter or digit
/// becomes a space.
fn fold_char(c: char, out: &mut String) {
    let base = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'ç' | 'Ç' => 'c',
        'ñ' | 'Ñ' => 'n',
        c if c.is_alphanumeric() => {
            out.extend(c.to_lowercase());
            return;
        }
        _ => ' ',
    };
    out.push(base);
}

/// Lower case, diacritics folded, punctuation to single spaces; dotted abbreviations such as
/// `B.V.` and `U.A.` close up to `bv` and `ua` first.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        // A dot between two single letters ("B.V.") joins them.
        if c == '.' && i > 0 && chars.get(i + 1).is_some_and(|n| n.is_alphabetic()) {
            let prev_single = i < 2 || !chars[i - 2].is_alphanumeric();
            if prev_single && chars[i - 1].is_alphabetic() {
                continue;
            }
        }
        fold_char(c, &mut out);
    }
    out
}

/// Legal forms and filler words that say nothing about which organisation it is.
const NAME_NOISE: &[&str] = &[
    "stichting",
    "stg",
    "st",
    "bv",
    "nv",
    "vof",
    "cooperatie",
    "cooperatief",
    "coop",
    "ua",
    "wa",
    "ba",
    "vereniging",
    "ver",
    "de",
    "het",
    "een",
    "en",
    "van",
    "voor",
    "in",
    "te",
    "the",
    "of",
];

/// Spellings that mean one thing, mapped to one token.
const NAME_SYNONYMS: &[(&str, &str)] = &[
    ("huisartsengroep", "hagro"),
    ("huisartsengroepen", "hagro"),
    ("regionale huisartsenorganisatie", "rho"),
    ("regionale ondersteuningsstructuur", "ros"),
    ("gezondheidscentrum", "gc"),
    ("gezondheidscentra", "gc"),
    ("huisartsenpraktijk", "hap"),
    ("ggd", "ggd"),
];

/// A normalised organisation name: its significant tokens and, where the name carries an
/// acronym in parentheses, that acronym as an alias.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NormName {
    pub tokens: Vec<String>,
    pub alias: Option<String>,
    /// Every letter and digit of the name outside the parentheses, legal forms and filler
    /// words left out, single letters kept: `RHO-U` is `rhou`.
    pub whole: String,
    /// The name is nothing but an acronym (`RHO-U`, `HMB`): it is the same organisation as
    /// a name with that acronym in brackets, and no other evidence makes it alike.
    pub acronym_only: bool,
}

impl NormName {
    pub fn joined(&self) -> String {
        self.tokens.join(" ")
    }
    /// The tokens without spaces, so `Food Valley` and `Foodvalley` meet.
    pub fn compact(&self) -> String {
        self.tokens.concat()
    }
    /// The acronym in brackets without spaces (`(RHO-U)` is `rhou`).
    pub fn alias_compact(&self) -> Option<String> {
        self.alias.as_ref().map(|a| a.replace(' ', ""))
    }
}

/// Compass points that begin a place name (`Oost-Betuwe`, `Zuidoost-Brabant`).
const COMPASS: &[&str] = &[
    "noord",
    "oost",
    "zuid",
    "west",
    "noordoost",
    "noordwest",
    "zuidoost",
    "zuidwest",
];

/// A compass point belongs to the place it begins: `oost betuwe` becomes `oostbetuwe`, so
/// `Oost-Betuwe` and `West-Betuwe` are two places, not one place with two prefixes.
pub fn join_compass(tokens: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    let mut it = tokens.into_iter().peekable();
    while let Some(t) = it.next() {
        match it.peek() {
            Some(next) if COMPASS.contains(&t.as_str()) && !COMPASS.contains(&next.as_str()) => {
                let next = it.next().unwrap_or_default();
                out.push(format!("{t}{next}"));
            }
            _ => out.push(t),
        }
    }
    out
}

/// The words of a place name as compared: each word, and each compass point joined to the
/// word after it (`West Betuwe`: `west`, `betuwe`, `westbetuwe`).
pub fn place_tokens(text: &str) -> Vec<String> {
    let words: Vec<String> = place(text)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let mut out = words.clone();
    for t in join_compass(words) {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// Whether a name is only an acronym: one word of capitals and digits (hyphens allowed),
/// 2 to 8 of them.
fn is_acronym(main: &str) -> bool {
    let words: Vec<&str> = main
        .split_whitespace()
        .filter(|w| !NAME_NOISE.contains(&fold(w).trim()))
        .collect();
    let [word] = words.as_slice() else { return false };
    let alnum = word.chars().filter(|c| c.is_alphanumeric()).count();
    (2..=8).contains(&alnum)
        && word.chars().any(|c| c.is_uppercase())
        && word
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-' || c == '.')
}

fn apply_synonyms(folded: &str) -> String {
    let mut s = format!(" {folded} ");
    for (from, to) in NAME_SYNONYMS {
        let pat = format!(" {from} ");
        while s.contains(&pat) {
            s = s.replace(&pat, &format!(" {to} "));
        }
    }
    s
}

/// A misspelt one-word synonym (`huisartengroep`) maps like the right spelling.
fn fuzzy_synonym(token: &str) -> Option<&'static str> {
    if token.len() < 8 {
        return None;
    }
    // Jaro-Winkler is at most 0.6 + 0.4 * Jaro, and Jaro at most (2 + short / long) / 3 (in
    // characters), so 0.95 needs a length ratio of at least 0.625: others are not compared.
    let len = token.chars().count();
    let near = |from: &str| {
        let n = from.chars().count();
        8 * len.min(n) >= 5 * len.max(n)
    };
    NAME_SYNONYMS
        .iter()
        .filter(|(from, _)| !from.contains(' ') && near(from))
        .find(|(from, _)| strsim::jaro_winkler(token, from) >= 0.95)
        .map(|(_, to)| *to)
}

/// Normalises an organisation name.
pub fn name(text: &str) -> NormName {
    let (main, alias) = match (text.find('('), text.rfind(')')) {
        (Some(open), Some(close)) if close > open => {
            let inner = fold(&text[open + 1..close]);
            let inner = inner.split_whitespace().collect::<Vec<_>>().join(" ");
            let rest = format!("{} {}", &text[..open], &text[close + 1..]);
            (rest, Some(inner).filter(|a| !a.is_empty()))
        }
        _ => (text.to_string(), None),
    };
    let plain = fold(&main);
    let whole: String = plain.split_whitespace().filter(|t| !NAME_NOISE.contains(t)).collect();
    let folded = apply_synonyms(&plain);
    let mut tokens: Vec<String> = folded
        .split_whitespace()
        // Single letters (initials such as "N-H") say too little to compare.
        .filter(|t| !NAME_NOISE.contains(t) && t.chars().count() > 1)
        .map(|t| fuzzy_synonym(t).unwrap_or(t).to_string())
        .collect();
    if tokens.is_empty() {
        // A name made only of noise words is still a name.
        tokens = folded.split_whitespace().map(str::to_string).collect();
    }
    NormName {
        tokens: join_compass(tokens),
        alias,
        whole,
        acronym_only: is_acronym(&main),
    }
}

/// Dutch words too common to say what is funded.
const DESC_STOP: &[&str] = &[
    "de",
    "het",
    "een",
    "en",
    "van",
    "voor",
    "in",
    "op",
    "met",
    "door",
    "aan",
    "bij",
    "over",
    "naar",
    "uit",
    "tot",
    "te",
    "om",
    "als",
    "of",
    "die",
    "dat",
    "deze",
    "dit",
    "er",
    "is",
    "zijn",
    "wordt",
    "worden",
    "per",
    "ook",
    "nog",
    "al",
    "hun",
    "haar",
    "zij",
    "wij",
    "we",
    "ze",
    "onder",
    "tussen",
    "tegen",
    "zonder",
    "binnen",
    "buiten",
    "na",
    "voor",
    "regio",
    "regionaal",
    "regionale",
    "jaar",
    "jaarlijks",
    "extra",
    "inclusief",
    "incl",
    "ca",
    "nieuw",
    "nieuwe",
];

/// A light Dutch stemmer: strips plural and adjective endings so word forms meet.
pub fn stem(word: &str) -> String {
    let w = word;
    for suffix in ["heden", "ingen", "ing", "en", "es", "s", "e"] {
        if let Some(stemmed) = w.strip_suffix(suffix)
            && stemmed.chars().count() >= 4
        {
            // "verbanden" → "verband"; undouble a final double consonant ("netwerkken" rare).
            let mut s = stemmed.to_string();
            let b = s.as_bytes();
            if b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] && !b"aeiou".contains(&b[b.len() - 1]) {
                s.pop();
            }
            return s;
        }
    }
    w.to_string()
}

/// Significant, stemmed words of a description, deduplicated, in first-seen order.
pub fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in fold(text).split_whitespace() {
        if t.chars().count() < 3 || DESC_STOP.contains(&t) || t.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let s = stem(t);
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// Normalises a region or municipality name for comparison.
pub fn place(text: &str) -> String {
    fold(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_forms_and_diacritics_go() {
        assert_eq!(name("Stichting Wijkzorg Zuidoost").joined(), "wijkzorg zuidoost");
        assert_eq!(name("Wijkzorg Zuidoost B.V.").joined(), "wijkzorg zuidoost");
        assert_eq!(name("Coöperatie Huisartsen Twente U.A.").joined(), "huisartsen twente");
        assert_eq!(name("Cooperatie Huisartsen Twente UA").joined(), "huisartsen twente");
        assert_eq!(name("Diëtisten Fryslân").joined(), "dietisten fryslan");
    }

    #[test]
    fn acronyms_become_aliases_and_synonyms_meet() {
        let n = name("Huisartsenorganisatie Rijnmond (HOR)");
        assert_eq!(n.joined(), "huisartsenorganisatie rijnmond");
        assert_eq!(n.alias.as_deref(), Some("hor"));
        assert_eq!(name("Huisartsengroep Oost").joined(), name("HAGRO Oost").joined());
        assert_eq!(
            name("Huisartengroep Texel").joined(),
            "hagro texel",
            "a typo in a synonym"
        );
        assert_eq!(
            name("Regionale Ondersteuningsstructuur Twente").joined(),
            name("ROS Twente").joined()
        );
    }

    #[test]
    fn description_words_are_stemmed_and_stop_words_dropped() {
        assert_eq!(
            words("Ondersteuning van de wijkverbanden"),
            vec!["ondersteun", "wijkverband"]
        );
        assert_eq!(words("wijkverband")[0], words("wijkverbanden")[0]);
    }
}
