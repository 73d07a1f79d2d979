//! The follower's receipt back to the leader: which package it answers (its digest and the
//! leader's sequence number), whether it followed, deviated or refused, why, and when. Signed
//! by the follower like a package (`crate::signing`).

use super::Party;
use crate::diag::Diagnostic;
use crate::signing::Signature;
use serde::{Deserialize, Serialize};

pub const RECEIPT_FORMAT: &str = "resv-follow-receipt";
pub const RECEIPT_VERSION: u32 = 1;

/// A follower's answer to a package.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Answer {
    /// Followed: the leader's outcome with the follower's share.
    Followed,
    /// Followed with its own amounts or conditions (*volgen met afwijking*), with a reason.
    Deviated,
    /// Refused, with a reason.
    Refused,
}

impl Answer {
    pub fn keyword(self) -> &'static str {
        match self {
            Answer::Followed => "followed",
            Answer::Deviated => "deviated",
            Answer::Refused => "refused",
        }
    }

    pub fn from_keyword(k: &str) -> Option<Answer> {
        [Answer::Followed, Answer::Deviated, Answer::Refused]
            .into_iter()
            .find(|a| a.keyword() == k)
    }
}

/// What a follower deviating states instead of the leader's terms.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Own {
    /// Its own amounts per year, in cents (empty: the leader's share).
    #[serde(default)]
    pub amounts: Vec<super::YearCents>,
    /// Its own conditions (empty: the leader's).
    #[serde(default)]
    pub conditions: Vec<String>,
}

impl Own {
    pub fn is_empty(&self) -> bool {
        self.amounts.is_empty() && self.conditions.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Receipt {
    pub format: String,
    pub format_version: u32,
    pub follower: Party,
    /// The leader the package came from.
    pub leader: String,
    pub plan_id: String,
    pub plan_version: u32,
    /// The digest of the package answered.
    pub package_sha256: String,
    /// The leader's sequence number of that package.
    pub sequence: u64,
    pub answer: Answer,
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Own::is_empty")]
    pub own: Own,
    /// When the follower recorded its answer.
    pub answered_at: String,
    pub created_at: String,
    pub created_by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<Signature>,
}

/// Whether a file's text is a receipt (by its `format`), without reading all of it.
pub fn is_receipt(doc: &serde_json::Value) -> bool {
    doc.get("format").and_then(|f| f.as_str()) == Some(RECEIPT_FORMAT)
}

/// Reads a receipt; a syntax error or an unknown field comes back with its place.
pub fn parse_receipt(text: &str) -> Result<Receipt, Diagnostic> {
    let r: Receipt = serde_json::from_str(text).map_err(|e| Diagnostic {
        line: (e.line() > 0).then_some(e.line() as u32),
        column: (e.column() > 0).then_some(e.column() as u32),
        path: String::new(),
        message: format!(
            "{e}; expected a receipt written by `resv follow receipt` (JSON, format \"{RECEIPT_FORMAT}\")"
        ),
    })?;
    let bad = |path: &str, message: String| Diagnostic {
        line: None,
        column: None,
        path: path.into(),
        message,
    };
    if r.format_version != RECEIPT_VERSION {
        return Err(bad(
            "format_version",
            format!("found {}, expected {RECEIPT_VERSION}", r.format_version),
        ));
    }
    let reason = r.reason.as_deref().map(str::trim).unwrap_or_default();
    if r.answer != Answer::Followed && reason.is_empty() {
        return Err(bad(
            "reason",
            format!("a receipt that {} has no reason", r.answer.keyword()),
        ));
    }
    if let Err(e) = crate::check_text("reason", reason) {
        return Err(bad("reason", e.text().en.clone()));
    }
    if crate::time::Instant::parse(&r.answered_at).is_none() {
        return Err(bad(
            "answered_at",
            format!("{:?}: expected YYYY-MM-DDTHH:MM:SSZ", r.answered_at),
        ));
    }
    Ok(r)
}

/// One insurer of the region as the leader sees it for a plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InsurerAnswer {
    pub insurer_id: String,
    pub name: String,
    /// When the latest package of the plan was sent (exported).
    pub sent_at: Option<String>,
    /// The answer to the latest package, if a receipt came back.
    pub answer: Option<Answer>,
    pub reason: Option<String>,
    pub answered_at: Option<String>,
    /// Days since the latest package was sent, while no answer came.
    pub days_since_sent: Option<i64>,
}

impl InsurerAnswer {
    /// `followed`, `deviated` (refusing included) or `pending`.
    pub fn status(&self) -> &'static str {
        match self.answer {
            Some(Answer::Followed) => "followed",
            Some(Answer::Deviated | Answer::Refused) => "deviated",
            None => "pending",
        }
    }
}
