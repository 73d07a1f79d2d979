//! A text in Dutch and English: explanations, refusals and warnings the core words for the
//! shells, which pick the user's language. Used by the assessment, the amount parser and
//! the free-text caps alike, so it depends on nothing else in the core.

use serde::{Deserialize, Serialize};

/// One explanation line, in Dutch and English. Plan text quoted in it is raw outside input:
/// every shell cleans it before it reaches a terminal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub nl: String,
    pub en: String,
}

impl Text {
    pub fn new(nl: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            nl: nl.into(),
            en: en.into(),
        }
    }
    pub fn get(&self, english: bool) -> &str {
        if english { &self.en } else { &self.nl }
    }
}

/// In English, for logs; a shell shows [`Text::get`] in the user's language. As an error, a
/// store or file refusal carries both languages to the shell that words it.
impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

impl std::error::Error for Text {}

/// `Text::new(format!(nl...), format!(en...))`.
macro_rules! tx {
    ($nl:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        $crate::bilingual::Text::new(format!($nl $(, $arg)*), format!($en $(, $arg)*))
    };
}
pub(crate) use tx;
