//! How close a filter's characters sit in a text: the one rule the queue's filter and the
//! registry's search match by. A query matches only where its characters sit together:
//!
//! - each word of the query (split at spaces) must match, in any order;
//! - a word matches where it occurs whole (`twente` in `Eerstelijn Twente`), best at the
//!   start of a word;
//! - or where it splits into pieces that each begin a word of the text, in order (`ezu` in
//!   `Eerstelijn Zuidoost`, `resvutr` in `RESV Utrecht`); fewer pieces score higher.
//!
//! Scattered letters (`twente` in `WMO-RIJ-2026 ... t...w...e...`) never match. The score
//! ranks the best matches first. Case-insensitive unless the query has a capital.

/// A match: its score (higher is closer) and the character positions it covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Closeness {
    pub score: u32,
    pub positions: Vec<usize>,
}

/// How `query` matches `text`, or `None` when its characters do not sit close together.
/// An empty query matches everything with score 0.
pub fn closeness(query: &str, text: &str) -> Option<Closeness> {
    closeness_folded(query, text, &fold(text))
}

/// Lower case, one character for one (so character positions stay the same).
pub fn fold(text: &str) -> String {
    text.chars().map(|c| c.to_lowercase().next().unwrap_or(c)).collect()
}

/// [`closeness`] with `text` already folded ([`fold`]) once, for filtering many rows per
/// keystroke: a row is first checked cheaply (every query word's characters in order),
/// and only then measured.
pub fn closeness_folded(query: &str, text: &str, folded: &str) -> Option<Closeness> {
    let case_sensitive = query.chars().any(char::is_uppercase);
    let hay_text = if case_sensitive { text } else { folded };
    let words: Vec<String> = query
        .split_whitespace()
        .map(|w| if case_sensitive { w.to_string() } else { fold(w) })
        .collect();
    // Both ways to match keep the word's characters in order: a row without them is out.
    if !words.iter().all(|w| in_order(w, hay_text)) {
        return None;
    }
    let mut total = Closeness {
        score: 0,
        positions: Vec::new(),
    };
    let mut pieces_input: Option<(Vec<char>, Vec<usize>)> = None;
    for word in &words {
        let found = match whole(word, hay_text, text) {
            Some(found) => found,
            None => {
                let (hay, starts) = pieces_input.get_or_insert_with(|| {
                    let hay: Vec<char> = hay_text.chars().collect();
                    let starts = (0..hay.len()).filter(|&i| starts_word(&hay, text, i)).collect();
                    (hay, starts)
                });
                let word: Vec<char> = word.chars().collect();
                pieces(&word, hay, starts)?
            }
        };
        total.score += found.score;
        total.positions.extend(found.positions);
    }
    total.positions.sort_unstable();
    total.positions.dedup();
    Some(total)
}

/// Whether the characters of `word` occur in `hay` in order.
fn in_order(word: &str, hay: &str) -> bool {
    let mut it = hay.chars();
    word.chars().all(|w| it.any(|h| h == w))
}

/// Whether character `i` of `hay` starts a word: a letter or digit after a non-letter (or
/// at the start), or a capital after a lower-case letter in `text`.
fn starts_word(hay: &[char], text: &str, i: usize) -> bool {
    hay[i].is_alphanumeric() && (i == 0 || !hay[i - 1].is_alphanumeric() || case_change(text, i))
}

/// Whether position `i` of `text` starts a word by case (`NZa` has no new word; `resvUtr`
/// has one at `U`): a capital after a lower-case letter.
fn case_change(text: &str, i: usize) -> bool {
    let mut it = text.chars().skip(i.saturating_sub(1));
    match (it.next(), it.next()) {
        (Some(a), Some(b)) => a.is_lowercase() && b.is_uppercase(),
        _ => false,
    }
}

/// The word where it occurs whole: at a word start scores highest, then earlier.
fn whole(word: &str, hay: &str, text: &str) -> Option<Closeness> {
    if word.is_empty() {
        return None;
    }
    let mut best: Option<(bool, usize)> = None;
    let mut from = 0;
    while let Some(b) = hay[from..].find(word) {
        let byte = from + b;
        let at = hay[..byte].chars().count();
        let prev = hay[..byte].chars().next_back();
        let first = word.chars().next().unwrap_or(' ');
        let at_start = first.is_alphanumeric() && (prev.is_none_or(|p| !p.is_alphanumeric()) || case_change(text, at));
        if best.is_none_or(|(s, _)| at_start && !s) {
            best = Some((at_start, at));
        }
        if at_start {
            break;
        }
        from = byte + hay[byte..].chars().next().map_or(1, char::len_utf8);
    }
    let (at_start, at) = best?;
    let n = word.chars().count();
    let bonus = if at_start { 100 } else { 0 };
    Some(Closeness {
        score: 200 + bonus + 10 * n as u32,
        positions: (at..at + n).collect(),
    })
}

/// The word split into pieces that each begin a word of the text, in order, with as few
/// pieces as possible (each piece as long as it can be).
fn pieces(word: &[char], hay: &[char], starts: &[usize]) -> Option<Closeness> {
    // best[k][s]: the fewest pieces matching word[k..] using word starts from index s on.
    let (n, m) = (word.len(), starts.len());
    if n == 0 || m == 0 {
        return None;
    }
    let mut best: Vec<Vec<Option<(u32, usize, usize)>>> = vec![vec![None; m + 1]; n + 1];
    for row in best[n].iter_mut() {
        *row = Some((0, 0, 0));
    }
    for k in (0..n).rev() {
        for s in (0..m).rev() {
            let mut choice = best[k][s + 1];
            let start = starts[s];
            let mut len = 0;
            while k + len < n && start + len < hay.len() && hay[start + len] == word[k + len] {
                len += 1;
                if let Some((count, _, _)) = best[k + len][s + 1] {
                    let here = (count + 1, s, len);
                    if choice.is_none_or(|c| here.0 < c.0) {
                        choice = Some(here);
                    }
                }
            }
            best[k][s] = choice;
        }
    }
    let (count, _, _) = best[0][0]?;
    let mut positions = Vec::with_capacity(n);
    let (mut k, mut s) = (0, 0);
    while k < n {
        let (_, at, len) = best[k][s]?;
        positions.extend(starts[at]..starts[at] + len);
        k += len;
        s = at + 1;
    }
    Some(Closeness {
        score: (150u32 + 10 * n as u32).saturating_sub(30 * count),
        positions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(q: &str, t: &str) -> bool {
        closeness(q, t).is_some()
    }

    #[test]
    fn characters_must_sit_close_together() {
        let wmo = "WMO-RIJ-2026-01 Gemeente Rotterdam Wijkteams WMO wijkgerichte ondersteuning";
        assert!(!hits("twente", wmo), "scattered letters never match");
        let azo = "RESV-AZO-2027 Stichting Eerstelijn Zuidoost Amsterdam-Zuidoost rechtspersoon";
        assert!(!hits("utr", azo));
        let utr = "RESV-UTR-2027 RESV Utrecht Stad Utrecht Stad groeimodel";
        assert!(hits("utr", utr));
        assert!(hits("twente", "RESV-TWE-2027 Coöperatie Eerstelijn Twente Twente"));
        assert!(hits("ezu", azo), "word starts: Eerstelijn Zuidoost");
        assert!(hits("resv utr", utr), "every word of the query, in any order");
        assert!(hits("utr resv", utr));
        assert!(!hits("utr zee", utr));
        assert!(hits("", "anything"));
    }

    #[test]
    fn whole_words_at_a_word_start_rank_first() {
        let start = closeness("twe", "RESV Twente").unwrap();
        let inside = closeness("twe", "Hartwerk").unwrap();
        let pieces = closeness("twe", "Team Wijk Eemland").unwrap();
        assert!(
            start.score > inside.score && inside.score > pieces.score,
            "{start:?} {inside:?} {pieces:?}"
        );
        assert_eq!(start.positions, vec![5, 6, 7]);
        assert_eq!(pieces.positions, vec![0, 5, 10]);
    }

    #[test]
    fn smart_case_and_unicode_folding() {
        assert!(hits("coö", "Coöperatie"));
        assert!(hits("één", "ÉÉN Zeeland"));
        assert!(!hits("UTR", "utrecht"), "a capital makes the query case-sensitive");
        assert!(hits("UTR", "RESV-UTR-2027"));
    }
}
