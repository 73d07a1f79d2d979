//! The decision letter: what the insurer sends the RESV about one plan version, in Markdown
//! and as a printable HTML page.
//!
//! [`letter`] builds a small document model ([`Letter`]: title, meta lines, sections of
//! paragraphs, lists and tables) from the decision, the assessment snapshot it rests on and
//! the double-funding findings. [`Letter::markdown`] and [`Letter::html`] render that one
//! model, so the two formats cannot disagree. The model holds raw text; the renderers remove
//! control characters and escape everything for their format, since plan names, reasoning,
//! conditions, questions and arrangement names are typed by users and regions.

use crate::core::assess::Assessment;
use crate::core::decision::{Decision, Outcome};
use crate::core::funding::{Reviewed, Verdict};
use crate::core::money::Cents;
use crate::core::plan::Plan;
use crate::core::rules::Kind;
pub mod words;
use crate::text::{self, Lang, T, fmt};
use words as tx;

/// What a letter is written from.
pub struct LetterInput<'a> {
    /// The policy's insurer name.
    pub insurer: &'a str,
    /// The plan version decided on.
    pub plan: &'a Plan,
    pub decision: &'a Decision,
    /// The assessment snapshot the decision rests on.
    pub assessment: &'a Assessment,
    /// Double-funding findings (may be empty).
    pub flags: &'a [Reviewed],
    /// How many earlier decisions this one replaces (0: the first).
    pub superseded: usize,
    /// The newest audit entry when the letter was written (`SEQ:HASH`): kept with the
    /// letter, it shows later whether the trail was cut (`resv audit verify --expect-head`).
    pub audit_head: &'a str,
}

/// A run of text in a paragraph or list item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Strong(String),
}

/// A simple table; `numeric` marks right-aligned columns, `total` is a closing bold row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub head: Vec<String>,
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
    pub total: Option<Vec<String>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    /// A paragraph that must stand out (a decision that is not final).
    Notice(Vec<Inline>),
    Bullets(Vec<Vec<Inline>>),
    Numbered(Vec<String>),
    Table(Table),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub heading: Option<String>,
    pub blocks: Vec<Block>,
}

/// The letter as a document model; render it with [`Letter::markdown`] or [`Letter::html`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    pub lang: Lang,
    pub sender: String,
    pub title: String,
    /// Label and value lines under the title.
    pub meta: Vec<(String, String)>,
    pub sections: Vec<Section>,
}

fn text(s: impl Into<String>) -> Inline {
    Inline::Text(s.into())
}

fn strong(s: impl Into<String>) -> Inline {
    Inline::Strong(s.into())
}

fn para(s: impl Into<String>) -> Block {
    Block::Paragraph(vec![text(s)])
}

/// Outside text as paragraphs, split at blank lines (line breaks within one stay).
fn paragraphs(s: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in s.lines().chain([""]) {
        if !line.trim().is_empty() {
            current.push(line);
        } else if !current.is_empty() {
            out.push(para(current.join("\n")));
            current.clear();
        }
    }
    out
}

/// `**Label:** value`.
fn labelled(label: T, lang: Lang, value: impl Into<String>) -> Vec<Inline> {
    vec![
        strong(format!("{}:", label.get(lang))),
        text(format!(" {}", value.into())),
    ]
}

fn section(heading: T, lang: Lang, blocks: Vec<Block>) -> Section {
    Section {
        heading: Some(heading.get(lang).to_string()),
        blocks,
    }
}

/// Writes the decision letter for one plan version.
pub fn letter(input: &LetterInput<'_>, lang: Lang) -> Letter {
    let (d, p) = (input.decision, input.plan);
    let g = |t: T| t.get(lang).to_string();
    let meta = meta(input, lang);
    let opening = opening(input, lang);
    let mut sections = vec![
        Section {
            heading: None,
            blocks: opening,
        },
        section(
            tx::OUR_DECISION,
            lang,
            vec![
                Block::Paragraph(vec![strong(tx::outcome_label(d.outcome).get(lang)), text(".")]),
                para(g(tx::outcome_meaning(d.outcome))),
            ],
        ),
        amounts(input, lang),
    ];
    if !d.conditions.is_empty() {
        let blocks = vec![para(g(tx::CONDITIONS_INTRO)), Block::Numbered(d.conditions.clone())];
        sections.push(section(tx::S_CONDITIONS, lang, blocks));
    }
    if d.outcome == Outcome::Return || !d.questions.is_empty() {
        let mut blocks = vec![para(g(tx::QUESTIONS_INTRO)), Block::Numbered(d.questions.clone())];
        if d.outcome == Outcome::Return {
            blocks.push(para(g(tx::REVISED_PLAN)));
        }
        sections.push(section(tx::S_QUESTIONS, lang, blocks));
    }
    let mut reasoning = paragraphs(&d.reasoning);
    if let Some(why) = d.override_reason.as_deref().filter(|s| !s.trim().is_empty()) {
        let mut why = paragraphs(why);
        if let Some(Block::Paragraph(first)) = why.first_mut() {
            first.splice(0..0, [strong(format!("{}:", tx::OVERRIDE.get(lang))), text(" ")]);
        }
        reasoning.extend(why);
    }
    sections.push(section(tx::S_REASONING, lang, reasoning));
    sections.push(summary(input, lang));
    sections.push(funding(input, lang));
    sections.push(Section {
        heading: None,
        blocks: vec![
            para(tx::questions_contact(lang, input.insurer)),
            para(g(tx::REGARDS)),
            Block::Paragraph(vec![strong(input.insurer)]),
        ],
    });
    Letter {
        lang,
        sender: input.insurer.to_string(),
        title: tx::title(lang, &p.id),
        meta,
        sections,
    }
}

/// The letter's header lines: who to whom, the plan and its version, the decision, its date.
fn meta(input: &LetterInput<'_>, lang: Lang) -> Vec<(String, String)> {
    let (d, p) = (input.decision, input.plan);
    let g = |t: T| t.get(lang).to_string();
    let mut meta = vec![
        (g(tx::FROM), input.insurer.to_string()),
        (g(tx::TO), p.resv.name.clone()),
    ];
    if !p.contact.name.trim().is_empty() {
        meta.push((g(tx::ATTN), p.contact.name.clone()));
    }
    meta.extend([
        (g(tx::REGION), p.region.name.clone()),
        (g(text::PLAN), p.id.clone()),
        (
            g(tx::PLAN_VERSION),
            tx::plan_version(lang, &p.version, d.version_no, &d.plan_sha256),
        ),
        (g(tx::DECISION_NO), d.id.to_string()),
        (g(tx::DATE), fmt::long_date(lang, crate::text::local::local_date(d.at))),
        (g(tx::DECIDED_BY), d.by.clone()),
    ]);
    if let Some(ap) = &d.approval {
        meta.push((g(tx::APPROVED_BY), tx::approved(lang, &ap.by, ap.at)));
    } else if d.is_pending() {
        meta.push((g(text::COL_STATUS), g(tx::PENDING_SHORT)));
    }
    meta.push((g(tx::AUDIT_HEAD), input.audit_head.to_string()));
    meta
}

/// The greeting and the opening paragraphs (a pending approval first, a replaced decision).
fn opening(input: &LetterInput<'_>, lang: Lang) -> Vec<Block> {
    let (d, p) = (input.decision, input.plan);
    let g = |t: T| t.get(lang).to_string();
    let mut opening = Vec::new();
    if d.is_pending() {
        opening.push(Block::Notice(vec![strong(g(tx::PENDING))]));
    }
    opening.push(para(if p.contact.name.trim().is_empty() {
        g(tx::DEAR_UNKNOWN)
    } else {
        tx::dear(lang, p.contact.name.trim())
    }));
    opening.push(para(tx::intro(lang, &p.resv.name, &p.region.name)));
    if input.superseded > 0 {
        opening.push(para(tx::replaces(lang, input.superseded, d.supersedes)));
    }
    opening
}

/// Requested and fundable (assessment) and contracted (decision) per year, with a total.
fn amounts(input: &LetterInput<'_>, lang: Lang) -> Section {
    let (d, a) = (input.decision, input.assessment);
    let mut years: Vec<u16> = a.years.iter().map(|y| y.year).collect();
    years.extend(
        d.amounts
            .iter()
            .map(|y| y.year)
            .filter(|y| !a.years.iter().any(|x| x.year == *y)),
    );
    let funds = d.outcome.funds();
    let money = |c: Option<Cents>| c.map(|c| fmt::cents(lang, c)).unwrap_or_else(|| "–".to_string());
    let mut sums = [Cents::ZERO; 3];
    let rows = years
        .iter()
        .map(|&year| {
            let assessed = a.years.iter().find(|y| y.year == year);
            let requested = assessed.map(|y| y.requested);
            let fundable = assessed.map(|y| y.fundable);
            let contracted = d.amounts.iter().find(|y| y.year == year).map(|y| y.amount);
            let contracted = funds.then(|| contracted.unwrap_or_default());
            for (sum, c) in sums.iter_mut().zip([requested, fundable, contracted]) {
                *sum += c.unwrap_or_default();
            }
            vec![year.to_string(), money(requested), money(fundable), money(contracted)]
        })
        .collect();
    let table = Table {
        head: [tx::YEAR, tx::REQUESTED, tx::FUNDABLE, tx::CONTRACTED]
            .map(|t| t.get(lang).to_string())
            .to_vec(),
        numeric: vec![false, true, true, true],
        rows,
        total: Some(vec![
            tx::TOTAL.get(lang).to_string(),
            money(Some(sums[0])),
            money(Some(sums[1])),
            money(funds.then_some(sums[2])),
        ]),
    };
    let mut blocks = vec![Block::Table(table), para(tx::AMOUNTS_NOTE.get(lang))];
    if !funds {
        blocks.push(Block::Paragraph(vec![strong(tx::NO_AMOUNT.get(lang))]));
    } else if input.decision.is_pending() {
        blocks.push(Block::Paragraph(vec![strong(tx::AMOUNT_AFTER_APPROVAL.get(lang))]));
    }
    section(tx::S_AMOUNTS, lang, blocks)
}

/// Score, knock-outs, recommendation, reasons, criteria and the rule versions.
fn summary(input: &LetterInput<'_>, lang: Lang) -> Section {
    let (d, a) = (input.decision, input.assessment);
    let en = lang == Lang::En;
    let title = |c: &crate::core::assess::CriterionResult| if en { c.title_en.clone() } else { c.title.clone() };
    let knock_outs = if a.knocked_out || !a.knock_outs.is_empty() {
        let failed: Vec<String> = a
            .knock_outs
            .iter()
            .map(|&id| a.criterion(id).map(title).unwrap_or_else(|| id.keyword().to_string()))
            .collect();
        format!("{} {}", tx::KNOCKED_OUT.get(lang), failed.join("; "))
    } else {
        tx::NO_KNOCK_OUT.get(lang).to_string()
    };
    let score = format!(
        "{}{}",
        tx::score(lang, a.total_tenths),
        text::provisional_suffix(lang, a)
    );
    let advice = text::recommendation_label(a.recommendation).get(lang);
    let rules = tx::rules(
        lang,
        &d.policy_version,
        &d.guidance_sha256,
        &d.policy_sha256,
        &d.regions_sha256,
    );
    let mut blocks = vec![Block::Bullets(vec![
        labelled(tx::TOTAL_SCORE, lang, score),
        labelled(tx::KNOCK_OUTS, lang, knock_outs),
        labelled(tx::ADVICE, lang, advice),
        labelled(tx::RULES, lang, rules),
    ])];
    if !a.reasons.is_empty() {
        blocks.push(Block::Paragraph(vec![strong(format!("{}:", tx::REASONS.get(lang)))]));
        let reasons = a.reasons.iter().map(|r| vec![text(r.get(en))]).collect();
        blocks.push(Block::Bullets(reasons));
    }
    if !a.criteria.is_empty() {
        let rows = a
            .criteria
            .iter()
            .map(|c| {
                let kind = match c.kind {
                    Kind::KnockOut => tx::KNOCK_OUT.get(lang).to_string(),
                    Kind::Weighted => format!("{} {}", tx::WEIGHT.get(lang), c.weight),
                };
                vec![title(c), kind, text::status_word(c.status).get(lang).to_string()]
            })
            .collect();
        blocks.push(Block::Table(Table {
            head: [tx::CRITERION, tx::KIND, tx::FINDING]
                .map(|t| t.get(lang).to_string())
                .to_vec(),
            numeric: vec![false; 3],
            rows,
            total: None,
        }));
    }
    section(tx::S_ASSESSMENT, lang, blocks)
}

/// The double-funding findings: confirmed, open or certain flags in full, dismissed briefly.
fn funding(input: &LetterInput<'_>, lang: Lang) -> Section {
    let (live, dismissed): (Vec<&Reviewed>, Vec<&Reviewed>) = input
        .flags
        .iter()
        .partition(|f| f.verdict() != Some(Verdict::Dismissed));
    let mut blocks = Vec::new();
    if live.is_empty() {
        blocks.push(para(tx::NO_DOUBLE_FUNDING.get(lang)));
    } else {
        blocks.push(para(tx::FLAGS_INTRO.get(lang)));
        let rows = live
            .iter()
            .map(|r| {
                let (f, arr) = (&r.flag, &r.flag.arrangement);
                let judgement = match &r.judgement {
                    Some(j) => tx::judged(lang, text::verdict_label(Some(j.verdict)), &j.by, &j.reason),
                    None => tx::NOT_JUDGED.get(lang).to_string(),
                };
                vec![
                    f.activity_id.clone(),
                    format!("{} ({})", f.arrangement_id, arr.funder),
                    arr.recipient.name.clone(),
                    crate::text::names::stream(arr.stream).get(lang).to_string(),
                    text::severity_label(f.severity).get(lang).to_string(),
                    fmt::cents(lang, f.amount_at_risk),
                    judgement,
                ]
            })
            .collect();
        let head = [
            tx::ACTIVITY,
            tx::ARRANGEMENT,
            tx::RECIPIENT,
            tx::STREAM,
            tx::SEVERITY,
            tx::AT_RISK,
            tx::JUDGEMENT,
        ];
        blocks.push(Block::Table(Table {
            head: head.map(|t| t.get(lang).to_string()).to_vec(),
            numeric: vec![false, false, false, false, false, true, false],
            rows,
            total: None,
        }));
    }
    let lowered: Cents = input.assessment.years.iter().map(|y| y.double_funded).sum();
    if lowered > Cents::ZERO {
        blocks.push(para(tx::lowered(lang, lowered)));
    }
    if !dismissed.is_empty() {
        blocks.push(para(tx::DISMISSED_INTRO.get(lang)));
        let items = dismissed
            .iter()
            .map(|r| {
                let f = &r.flag;
                let head = format!(
                    "{} / {} ({})",
                    f.activity_id, f.arrangement_id, f.arrangement.recipient.name
                );
                let j = r
                    .judgement
                    .as_ref()
                    .map(|j| tx::judged(lang, text::verdict_label(Some(j.verdict)), &j.by, &j.reason));
                vec![text(format!("{head}: {}", j.unwrap_or_default()))]
            })
            .collect();
        blocks.push(Block::Bullets(items));
    }
    section(tx::S_FUNDING, lang, blocks)
}

mod render;

#[cfg(test)]
mod tests;
