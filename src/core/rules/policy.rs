//! One insurer's purchasing policy (*inkoopbeleid*) for a contract year
//! (`config/policy.toml`): weights per weighted criterion, thresholds, the manual scoring
//! scale and the bands that turn a total into an advisory recommendation.
//!
//! It is validated against the guidance: weights name weighted criteria only, cover all of
//! them and add up to 100.

use super::guidance::diag_at;
use super::{CheckId, Guidance, Kind};
use crate::diag::Diagnostic;
use crate::money::Cents;
use crate::plan::{Date, Discipline};
use crate::reader::{Reader, Table, did_you_mean};

pub const FORMAT_VERSION: i64 = 1;

/// Thresholds, percentages in hundredths of a percent (60% = 6000).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Thresholds {
    /// Minimum practices joined / practices in the region, per discipline (default).
    pub coverage: u32,
    /// Per-discipline overrides of `coverage`.
    pub coverage_by_discipline: Vec<(Discipline, u32)>,
    /// Maximum amount requested per inhabitant per year, in cents.
    pub max_per_inhabitant: Cents,
    /// Maximum share of overhead activities in the activity cost.
    pub max_overhead: u32,
    /// Minimum share of activity cost tied to the regional agenda.
    pub min_agenda: u32,
    /// Main tasks a plan must cover for the contract year.
    pub required_main_tasks: Vec<u8>,
    /// Whether this insurer ever accepts a main-contractor exception for care production.
    pub accept_care_exception: bool,
}

impl Thresholds {
    pub fn coverage_for(&self, d: Discipline) -> u32 {
        self.coverage_by_discipline
            .iter()
            .find(|(k, _)| *k == d)
            .map(|(_, v)| *v)
            .unwrap_or(self.coverage)
    }
}

/// Totals (0-100) from which each recommendation applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bands {
    pub approve_from: u32,
    pub conditions_from: u32,
    pub return_from: u32,
}

/// The buyer's manual scoring scale, e.g. 0-4 with a label per anchor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scale {
    pub min: i32,
    pub max: i32,
    /// The lowest score that is sufficient (*voldoende*): below it, a criterion becomes a
    /// condition of an approval, and a judged exception or knock-out is rejected.
    pub sufficient: i32,
    pub anchors: Vec<(i32, String)>,
}

impl Scale {
    pub fn label(&self, score: i32) -> Option<&str> {
        self.anchors.iter().find(|(s, _)| *s == score).map(|(_, l)| l.as_str())
    }
    /// `sufficient` in per mille: automatic scores below it count as weak too.
    pub fn sufficient_per_mille(&self) -> u32 {
        self.per_mille(self.sufficient)
    }
    /// A score on the scale as a fraction in per mille.
    pub fn per_mille(&self, score: i32) -> u32 {
        let span = (self.max - self.min).max(1) as i64;
        (((score.clamp(self.min, self.max) - self.min) as i64 * 1000 + span / 2) / span) as u32
    }
}

/// The decision rules of a purchasing policy (`[decisions]` in `policy.toml`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DecisionRules {
    /// Every plan of the contract year must be decided by this date.
    pub deadline: Option<Date>,
    /// A decision contracting more than this in total (all years) needs a second buyer's
    /// approval before it counts.
    pub four_eyes_above: Option<Cents>,
    /// `follow_confirm_difference_percent`: a follower confirms a leader's package whose
    /// amounts differ from its own assessment by more than this (see
    /// [`DecisionRules::follow_confirm_difference_percent`]).
    pub follow_confirm_difference: Option<u32>,
}

impl DecisionRules {
    /// The follower's confirmation threshold in whole percent (default 10).
    pub fn follow_confirm_difference_percent(&self) -> u32 {
        self.follow_confirm_difference.unwrap_or(10)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    pub insurer: String,
    /// The insurer's id in the market data (`market.toml`), so the workbench knows which
    /// regions it leads and which it follows (`--insurer` overrides it).
    pub insurer_id: Option<String>,
    pub year: u16,
    pub version: String,
    pub published: Option<Date>,
    /// Weight per weighted criterion; they add up to 100.
    pub weights: Vec<(CheckId, u32)>,
    pub thresholds: Thresholds,
    pub bands: Bands,
    pub scale: Scale,
    /// Deadline and four-eyes rule for decisions (`[decisions]`, optional).
    pub decisions: DecisionRules,
}

impl Policy {
    pub fn weight(&self, id: CheckId) -> u32 {
        self.weights
            .iter()
            .find(|(k, _)| *k == id)
            .map(|(_, w)| *w)
            .unwrap_or(0)
    }
}

/// Reads a policy and checks it against the guidance.
pub fn parse_policy(text: &str, guidance: &Guidance) -> Result<Policy, Vec<Diagnostic>> {
    let mut r = Reader::new(text);
    let Some(doc) = r.parse_document() else {
        return Err(r.diags);
    };
    let mut root = r.root(&doc);
    r.format_version(&mut root, FORMAT_VERSION, "policy");
    let mut p = Policy {
        insurer: String::new(),
        insurer_id: None,
        year: 0,
        version: String::new(),
        published: None,
        weights: Vec::new(),
        thresholds: Thresholds {
            coverage: 0,
            coverage_by_discipline: Vec::new(),
            max_per_inhabitant: Cents::ZERO,
            max_overhead: 0,
            min_agenda: 0,
            required_main_tasks: Vec::new(),
            accept_care_exception: false,
        },
        bands: Bands {
            approve_from: 0,
            conditions_from: 0,
            return_from: 0,
        },
        scale: Scale {
            min: 0,
            max: 0,
            sufficient: 0,
            anchors: Vec::new(),
        },
        decisions: DecisionRules::default(),
    };
    if let Some(mut t) = r.table(&mut root, "policy", true) {
        p.insurer = r.text(&mut t, "insurer");
        p.insurer_id = r.text_opt(&mut t, "insurer_id");
        p.year = r
            .int(&mut t, "year", 2027..2101, "a contract year from 2027")
            .unwrap_or(0) as u16;
        p.version = r.text(&mut t, "version");
        p.published = r.date_opt(&mut t, "published");
        r.finish(t);
    }
    if let Some(mut t) = r.table(&mut root, "weights", true) {
        read_weights(&mut r, &mut t, guidance, &mut p);
        r.finish(t);
    }
    if let Some(mut t) = r.table(&mut root, "thresholds", true) {
        read_thresholds(&mut r, &mut t, &mut p.thresholds);
        r.finish(t);
    }
    if let Some(mut t) = r.table(&mut root, "recommendation", true) {
        read_bands(&mut r, &mut t, &mut p.bands);
        r.finish(t);
    }
    if let Some(mut t) = r.table(&mut root, "scale", true) {
        read_scale(&mut r, &mut t, &mut p.scale);
        r.finish(t);
    }
    if let Some(mut t) = r.table(&mut root, "decisions", false) {
        read_decisions(&mut r, &mut t, p.year, &mut p.decisions);
        r.finish(t);
    }
    r.finish(root);
    r.into_result().map(|()| p)
}

const PERCENT: &str = "a percentage 0-100 (at most 2 decimals)";

fn percent(r: &mut Reader<'_>, t: &mut Table<'_, '_>, key: &'static str) -> u32 {
    match r.hundredths(t, key, PERCENT) {
        Some(h) if h <= 10_000 => h,
        Some(h) => {
            r.error_at_field(
                &t.child(key),
                format!("found {}.{:02}, expected {PERCENT}", h / 100, h % 100),
            );
            0
        }
        None => 0,
    }
}

fn read_weights(r: &mut Reader<'_>, t: &mut Table<'_, '_>, guidance: &Guidance, p: &mut Policy) {
    let at = r.locations.get("weights").copied();
    let mut sum = 0u32;
    let mut ok = true;
    for (key, path, v) in r.entries(t) {
        let Some(id) = CheckId::from_keyword(&key) else {
            let hint = did_you_mean(&key, CheckId::ALL.iter().map(|c| c.keyword()));
            let msg = format!("unknown criterion id; {hint}expected one of: {}", CheckId::keywords());
            r.error(Some(v.span()), &path, msg);
            ok = false;
            continue;
        };
        if guidance.criterion(id).kind == Kind::KnockOut {
            let msg = "is a knock-out criterion in the guidance; expected weights for weighted criteria only";
            r.error(Some(v.span()), &path, msg);
            ok = false;
            continue;
        }
        match r.int_value(&path, v, 0..101, "a weight 0-100") {
            Some(w) => {
                sum += w as u32;
                p.weights.push((id, w as u32));
            }
            None => ok = false,
        }
    }
    if !ok {
        return;
    }
    let missing: Vec<&str> = guidance
        .criteria
        .iter()
        .filter(|c| c.kind == Kind::Weighted && !p.weights.iter().any(|(k, _)| *k == c.id))
        .map(|c| c.id.keyword())
        .collect();
    if !missing.is_empty() {
        let msg = format!(
            "missing weight for {}; expected a weight for every weighted criterion (0 to ignore one)",
            missing.join(", ")
        );
        r.diags.push(diag_at(at, "weights", msg));
    } else if sum != 100 {
        r.diags.push(diag_at(
            at,
            "weights",
            format!("the weights add up to {sum}, expected 100"),
        ));
    }
}

fn read_thresholds(r: &mut Reader<'_>, t: &mut Table<'_, '_>, th: &mut Thresholds) {
    th.coverage = percent(r, t, "coverage_percent");
    if let Some(mut by) = r.table(t, "coverage_percent_by_discipline", false) {
        for (key, path, v) in r.entries(&mut by) {
            let Some(d) = Discipline::from_keyword(&key) else {
                let hint = did_you_mean(&key, Discipline::ALL.iter().map(|d| d.keyword()));
                let msg = format!("unknown discipline; {hint}expected one of: {}", Discipline::keywords());
                r.error(Some(v.span()), &path, msg);
                continue;
            };
            match r.hundredths_value(&path, v, PERCENT) {
                Some(h) if h <= 10_000 => th.coverage_by_discipline.push((d, h)),
                Some(_) => r.error(Some(v.span()), &path, format!("expected {PERCENT}")),
                None => {}
            }
        }
        r.finish(by);
    }
    let what = "a positive amount in euros per inhabitant per year";
    let max = r.money(t, "max_euro_per_inhabitant");
    th.max_per_inhabitant = max.unwrap_or(Cents::ZERO);
    if max == Some(Cents::ZERO) {
        r.error_at_field(&t.child("max_euro_per_inhabitant"), format!("found 0, expected {what}"));
    }
    th.max_overhead = percent(r, t, "max_overhead_percent");
    th.min_agenda = percent(r, t, "min_agenda_percent");
    let mut tasks = Vec::new();
    for (path, v) in r.array(t, "required_main_tasks", false, "an array of main tasks 1-5") {
        if let Some(n) = r.int_value(&path, v, 1..6, "a main task 1-5") {
            if tasks.contains(&(n as u8)) {
                r.error(
                    Some(v.span()),
                    &path,
                    "found a main task a second time, expected each once",
                );
            }
            tasks.push(n as u8);
        }
    }
    tasks.sort_unstable();
    tasks.dedup();
    th.required_main_tasks = tasks;
    th.accept_care_exception = r.boolean(t, "accept_care_exception").unwrap_or(false);
}

fn read_decisions(r: &mut Reader<'_>, t: &mut Table<'_, '_>, year: u16, d: &mut DecisionRules) {
    d.deadline = r.date_opt(t, "deadline");
    if let Some(date) = d
        .deadline
        .filter(|date| year != 0 && !(year - 1..=year).contains(&date.year))
    {
        r.error_at_field(
            &t.child("deadline"),
            format!(
                "found {date}, expected a date in {} or {year} (the contract year is {year})",
                year - 1
            ),
        );
    }
    let what = "a positive amount in whole euros (the total of all contract years)";
    d.four_eyes_above = r
        .int_opt(t, "four_eyes_above_euros", 1..100_000_000_000, what)
        .map(Cents::from_euros);
    d.follow_confirm_difference = r
        .int_opt(
            t,
            "follow_confirm_difference_percent",
            0..1001,
            "a whole percentage from 0 to 1000",
        )
        .map(|p| p as u32);
}

fn read_bands(r: &mut Reader<'_>, t: &mut Table<'_, '_>, b: &mut Bands) {
    let what = "a total score 0-100";
    let get = |r: &mut Reader<'_>, t: &mut Table<'_, '_>, key| r.int(t, key, 0..101, what).map(|n| n as u32);
    let approve = get(r, t, "approve_from");
    let conditions = get(r, t, "conditions_from");
    let ret = get(r, t, "return_from");
    if let (Some(a), Some(c), Some(rf)) = (approve, conditions, ret) {
        if !(a >= c && c >= rf) {
            r.error_at_field(
                &t.child("approve_from"),
                format!(
                    "found approve_from {a}, conditions_from {c}, return_from {rf}; expected approve_from >= conditions_from >= return_from"
                ),
            );
        }
        *b = Bands {
            approve_from: a,
            conditions_from: c,
            return_from: rf,
        };
    }
}

fn read_scale(r: &mut Reader<'_>, t: &mut Table<'_, '_>, s: &mut Scale) {
    // One digit per score, so a buyer picks a score with one key.
    let what = "an integer 0-9";
    let min = r.int(t, "min", 0..10, what);
    let max = r.int(t, "max", 0..10, what);
    let range = match (min, max) {
        (Some(min), Some(max)) if max > min => Some((min, max)),
        (Some(min), Some(max)) => {
            r.error_at_field(
                &t.child("max"),
                format!("found min {min} and max {max}, expected max above min"),
            );
            None
        }
        _ => None,
    };
    let sufficient = r.int_opt(t, "sufficient", 0..10, what);
    if let Some((min, max)) = range {
        s.min = min as i32;
        s.max = max as i32;
        // Default: three quarters of the way up the scale (3 on 0-4), rounded up.
        s.sufficient = (min + ((max - min) * 3 + 3) / 4) as i32;
        match sufficient {
            Some(v) if v < min || v > max => r.error_at_field(
                &t.child("sufficient"),
                format!("found {v}, expected a score on the scale, {min}-{max}"),
            ),
            Some(v) => s.sufficient = v as i32,
            None => {}
        }
    }
    // The anchors are read (and checked against the scale where it is valid) either way.
    for (path, v) in r.array(t, "anchors", true, "[[scale.anchors]] tables with score and label") {
        let Some(mut a) = r.table_value(path, v) else {
            continue;
        };
        let score = match range {
            Some((min, max)) => r.int(
                &mut a,
                "score",
                min..max + 1,
                &format!("a score on the scale, {min}-{max}"),
            ),
            None => r.int(&mut a, "score", 0..10, what),
        };
        let label = r.text(&mut a, "label");
        if let Some(score) = score {
            if s.anchors.iter().any(|(k, _)| *k == score as i32) {
                r.error_at_field(
                    &a.child("score"),
                    "found a score a second time, expected each anchor once",
                );
            }
            s.anchors.push((score as i32, label));
        }
        r.finish(a);
    }
    s.anchors.sort_by_key(|(k, _)| *k);
}
